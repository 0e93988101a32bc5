package policy

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ossaudit/ossaudit/model"
)

const openVEX = `{
  "@context": "https://openvex.dev/ns/v0.2.0",
  "@id": "https://example.test/vex/1",
  "author": "Security team",
  "timestamp": "2026-11-01T00:00:00Z",
  "version": 1,
  "statements": [
    {
      "vulnerability": {"name": "CVE-2020-36567"},
      "products": [{"@id": "pkg:golang/github.com/gin-gonic/gin@v1.5.0"}],
      "status": "not_affected",
      "justification": "vulnerable_code_not_in_execute_path"
    },
    {
      "vulnerability": "GHSA-zzzz-zzzz-zzzz",
      "products": [{"@id": "pkg:npm/app@1.0.0", "subcomponents": [{"@id": "pkg:npm/left-pad"}]}],
      "status": "not_affected",
      "impact_statement": "left-pad is only used at build time"
    },
    {
      "vulnerability": {"name": "PYSEC-2022-42969"},
      "products": [{"@id": "pkg:pypi/py@1.10.0"}],
      "status": "under_investigation"
    }
  ]
}`

const cdxVEX = `{
  "bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
  "components": [{"bom-ref": "py-lib", "type": "library", "name": "py", "version": "1.10.0", "purl": "pkg:pypi/py@1.10.0"}],
  "vulnerabilities": [
    {"id": "CVE-2022-42969", "analysis": {"state": "resolved", "detail": "patched in our fork"}, "affects": [{"ref": "py-lib"}]},
    {"id": "CVE-2099-0001", "analysis": {"state": "in_triage"}, "affects": [{"ref": "py-lib"}]}
  ]
}`

func vexResult() *model.Result {
	return &model.Result{
		Projects: []model.Project{{ID: "project:npm:.", PURL: "pkg:npm/app@1.0.0"}},
		Packages: []model.Package{
			{ID: "gin", Name: "github.com/gin-gonic/gin", Version: "v1.5.0", PURL: "pkg:golang/github.com/gin-gonic/gin@v1.5.0"},
			{ID: "lp", Name: "left-pad", Version: "1.3.0", PURL: "pkg:npm/left-pad@1.3.0"},
			{ID: "py", Name: "py", Version: "1.10.0", PURL: "pkg:pypi/py@1.10.0"},
		},
		Vulnerabilities: []model.Vulnerability{
			{ID: "GO-2020-0001", Aliases: []string{"CVE-2020-36567"}, Package: "gin"},
			{ID: "GHSA-zzzz-zzzz-zzzz", Package: "lp"},
			{ID: "PYSEC-2022-42969", Aliases: []string{"CVE-2022-42969"}, Package: "py"},
		},
	}
}

func TestVEX(t *testing.T) {
	open, err := ParseVEX("a.openvex.json", []byte(openVEX))
	if err != nil {
		t.Fatal(err)
	}
	cdx, err := ParseVEX("b.cdx.json", []byte(cdxVEX))
	if err != nil {
		t.Fatal(err)
	}
	r := vexResult()
	notes := ApplyVEX(r, append(open, cdx...))
	got := map[string]model.Suppression{}
	for _, v := range r.Vulnerabilities {
		if v.Ignored != nil {
			got[v.ID] = *v.Ignored
		}
	}
	want := map[string]model.Suppression{
		"GO-2020-0001":        {Reason: "vulnerable code not in execute path", Status: "not_affected", Justification: "vulnerable_code_not_in_execute_path", Source: "a.openvex.json#statement-1"},
		"GHSA-zzzz-zzzz-zzzz": {Reason: "left-pad is only used at build time", Status: "not_affected", Source: "a.openvex.json#statement-2"},
		"PYSEC-2022-42969":    {Reason: "patched in our fork", Status: "fixed", Source: "b.cdx.json#vulnerability-1"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("suppressions (-want +got):\n%s", diff)
	}
	if len(notes) != 0 {
		t.Errorf("notes: %q", notes)
	}
	// a statement about another version covers nothing, and says so
	other, _ := ParseVEX("c.json", []byte(strings.Replace(openVEX, "gin@v1.5.0", "gin@v1.9.0", 1)))
	r = vexResult()
	notes = ApplyVEX(r, other[:1])
	if r.Vulnerabilities[0].Ignored != nil || len(notes) != 1 || !strings.Contains(notes[0], "covers no finding") {
		t.Errorf("a statement on another version: %+v, notes %q", r.Vulnerabilities[0].Ignored, notes)
	}
}

func TestParseVEXErrors(t *testing.T) {
	for name, in := range map[string]string{
		"not json":      "{",
		"neither":       `{"hello": 1}`,
		"no status":     `{"@context": "https://openvex.dev/ns/v0.2.0", "statements": [{"vulnerability": {"name": "X"}}]}`,
		"bad vuln":      `{"@context": "https://openvex.dev/ns/v0.2.0", "statements": [{"vulnerability": 3, "status": "fixed"}]}`,
		"bad cyclonedx": `{"bomFormat": "CycloneDX", "vulnerabilities": 3}`,
	} {
		if _, err := ParseVEX("x.json", []byte(in)); err == nil || !strings.HasPrefix(err.Error(), "x.json") {
			t.Errorf("%s: error %v, want one naming x.json", name, err)
		}
	}
}
