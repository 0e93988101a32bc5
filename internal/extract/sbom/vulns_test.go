package sbom

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/ossaudit/ossaudit/internal/extract/exttest"
	"github.com/ossaudit/ossaudit/model"
)

// TestForeignVulnerabilities reads the vulnerabilities of a CycloneDX 1.6
// document written by hand from the specification, in the style of other
// tools: several ratings (CVSS and OWASP, with and without a method),
// references that repeat the id, an "info" severity, a BOM-Link, a target
// listed twice, an undeclared target, the metadata component as a target,
// and a CVSS score without a severity (which the score then gives).
func TestForeignVulnerabilities(t *testing.T) {
	r, err := exttest.Run(t, extractor(t, "sbom/cyclonedx-json"), "testdata", "handwritten/vulns-1.6.cdx.json")
	if err != nil {
		t.Fatal(err)
	}
	exttest.CheckIntegrity(t, r)
	minimist, parser := "pkg:npm/minimist@1.2.5", "pkg:maven/org.example/parser@2.0.1"
	cve := model.Vulnerability{
		ID: "CVE-2024-0001", Aliases: []string{"GHSA-aaaa-bbbb-cccc"},
		Summary: "Prototype pollution.", Rating: model.RatingCritical, Score: 9.8,
		CVSS:       []string{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "AV:N/AC:L/Au:N/C:N/I:N/A:P"},
		Published:  time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC),
		Modified:   time.Date(2024, 3, 5, 10, 22, 33, 0, time.UTC),
		References: []string{"https://github.com/advisories/GHSA-aaaa-bbbb-cccc"},
	}
	cveA, cveB := cve, cve
	cveA.Package, cveB.Package = minimist, parser
	want := []model.Vulnerability{
		cveB,
		{ID: "SNYK-JAVA-ORGEXAMPLE-1", Package: parser, Rating: model.RatingHigh},
		cveA,
		{ID: "GHSA-zzzz-yyyy-xxxx", Package: minimist, Rating: model.RatingMedium, Score: 6.1, CVSS: []string{"CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N"}},
		{ID: "OSV-2024-3", Package: minimist, Rating: model.RatingNone},
	}
	if diff := cmp.Diff(want, r.Vulnerabilities); diff != "" {
		t.Errorf("vulnerabilities (-want +got):\n%s", diff)
	}
	var diags []string
	for _, d := range r.Diagnostics {
		diags = append(diags, d.String())
	}
	wantDiags := []string{
		`handwritten/vulns-1.6.cdx.json:41: warning: vulnerability SNYK-JAVA-ORGEXAMPLE-1 affects "ghost", which is not a package the document declares; ignored`,
		`handwritten/vulns-1.6.cdx.json:41: warning: vulnerability SNYK-JAVA-ORGEXAMPLE-1 affects "app", which is not a package the document declares; ignored`,
	}
	if diff := cmp.Diff(wantDiags, diags); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
}

// TestSplitPath checks that IDs containing the separator are put back
// together when the document declares them.
func TestSplitPath(t *testing.T) {
	known := map[string]bool{"a > b > c > d > e > f > g > h > i": true, "project:npm:.": true, "pkg:pypi/x#> 1": true, "pkg:pypi/y#> 1 > 2": true, "pkg:npm/a@1": true}
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"project:npm:. > pkg:npm/a@1", []string{"project:npm:.", "pkg:npm/a@1"}},
		{"project:npm:. > pkg:pypi/x#> 1", []string{"project:npm:.", "pkg:pypi/x#> 1"}},
		{"project:npm:. > pkg:pypi/y#> 1 > 2 > pkg:npm/a@1", []string{"project:npm:.", "pkg:pypi/y#> 1 > 2", "pkg:npm/a@1"}},
		{"unknown > pkg:npm/a@1", []string{"unknown", "pkg:npm/a@1"}},
		{"single", []string{"single"}},
		{"", []string{""}},
		// an ID spanning more than maxIDParts pieces is not put back together
		{"a > b > c > d > e > f > g > h > i", []string{"a", "b", "c", "d", "e", "f", "g", "h", "i"}},
	} {
		if diff := cmp.Diff(tc.want, splitPath(tc.in, known)); diff != "" {
			t.Errorf("splitPath(%q) (-want +got):\n%s", tc.in, diff)
		}
	}
}

// TestSPDXVulnerabilityComment reads a SECURITY reference comment with
// escapes, a score out of range and lines of other tools.
func TestSPDXVulnerabilityComment(t *testing.T) {
	c := "free text\nossaudit:vuln=GHSA-1\nossaudit:alias=CVE-1\nossaudit:severity=MEDIUM\nossaudit:score=11\n" +
		"ossaudit:summary=a\\nb <\\/text>\nossaudit:published=not a time\nossaudit:upgrade-to=2.0\nossaudit:path=p > q"
	rec, ok := spdxVulnerability(c, "SPDXRef-x", 7)
	if !ok {
		t.Fatal("not read")
	}
	want := vulnRecord{
		v:     model.Vulnerability{ID: "GHSA-1", Aliases: []string{"CVE-1"}, Rating: model.RatingMedium, Summary: "a\nb </text>", UpgradeTo: "2.0"},
		paths: []string{"p > q"}, refs: []string{"SPDXRef-x"}, line: 7,
	}
	if diff := cmp.Diff(want, rec, cmp.AllowUnexported(vulnRecord{})); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if _, ok := spdxVulnerability("ossaudit:severity=high", "x", 1); ok {
		t.Error("a comment without an id was read")
	}
}

func TestRate(t *testing.T) {
	type out struct {
		Rating  model.Rating
		Score   float64
		Vectors []string
	}
	for _, tc := range []struct {
		name string
		in   []rating
		want out
	}{
		{"none", nil, out{Rating: model.RatingUnknown}},
		{"severity only", []rating{{severity: "High"}}, out{Rating: model.RatingHigh}},
		{"worst severity wins", []rating{{severity: "low", cvss: true, scored: true, score: 3}, {severity: "critical"}}, out{Rating: model.RatingCritical, Score: 3}},
		{"score gives the severity", []rating{{cvss: true, scored: true, score: 9.0, vector: "CVSS:3.1/x"}}, out{Rating: model.RatingCritical, Score: 9, Vectors: []string{"CVSS:3.1/x"}}},
		{"score 0", []rating{{cvss: true, scored: true}}, out{Rating: model.RatingNone}},
		{"score out of range", []rating{{cvss: true, scored: true, score: 42}}, out{Rating: model.RatingUnknown}},
		{"not CVSS", []rating{{severity: "medium", scored: true, score: 8, vector: "SL:1"}}, out{Rating: model.RatingMedium}},
		{"boundaries", []rating{{cvss: true, scored: true, score: 6.9}, {cvss: true, scored: true, score: 4.0}}, out{Rating: model.RatingMedium, Score: 6.9}},
		{"low", []rating{{cvss: true, scored: true, score: 0.1}}, out{Rating: model.RatingLow, Score: 0.1}},
		{"high", []rating{{cvss: true, scored: true, score: 8.9}}, out{Rating: model.RatingHigh, Score: 8.9}},
		{"unknown severity word", []rating{{severity: "severe"}}, out{Rating: model.RatingUnknown}},
	} {
		var got out
		got.Rating, got.Score, got.Vectors = rate(tc.in)
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, diff)
		}
	}
}

// TestVulnerabilityLimits checks the cap on paths per vulnerability and
// that a vulnerability affecting two packages gives each its own value.
func TestVulnerabilityLimits(t *testing.T) {
	var props []string
	for i := 0; i < maxPaths+2; i++ {
		props = append(props, `{"name": "ossaudit:path", "value": "a > b"}`)
	}
	doc := `{"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
	  "components": [{"bom-ref": "a", "type": "library", "name": "a", "version": "1", "purl": "pkg:npm/a@1"},
	                 {"bom-ref": "b", "type": "library", "name": "b", "version": "1", "purl": "pkg:npm/b@1"}],
	  "vulnerabilities": [{"id": "X-1", "affects": [{"ref": "a"}, {"ref": "b"}],
	    "properties": [` + strings.Join(props, ",") + `]}]}`
	r, err := exttest.RunFiles(t, extractor(t, "sbom/cyclonedx-json"), map[string]string{"x.cdx.json": doc}, "x.cdx.json")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, v := range r.Vulnerabilities {
		got = append(got, fmt.Sprintf("%s %s %s %d paths of %v", v.ID, v.Package, v.Rating, len(v.Paths), v.Paths[0]))
	}
	want := []string{"X-1 pkg:npm/a@1 unknown 16 paths of [a b]", "X-1 pkg:npm/b@1 unknown 16 paths of [a b]"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if len(r.Diagnostics) != 1 || !strings.Contains(r.Diagnostics[0].Message, "lists 18 paths; only the first 16 are read") {
		t.Errorf("diagnostics: %v", r.Diagnostics)
	}
}
