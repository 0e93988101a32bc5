package osv

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/ossaudit/ossaudit/model"
)

// ghsaGin is a hand-written advisory that names GO-2020-0001's CVE, so the
// two must merge into one vulnerability under the GHSA id.
const ghsaGin = `{
  "schema_version": "1.6.0",
  "id": "GHSA-test-gin0-0001",
  "modified": "2024-01-01T00:00:00Z",
  "aliases": ["CVE-2020-36567"],
  "summary": "Unsanitized input in the default logger in gin",
  "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N"}],
  "affected": [{"package": {"ecosystem": "Go", "name": "github.com/gin-gonic/gin"},
    "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "1.6.0"}]}]}]
}`

func TestVulnerabilities(t *testing.T) {
	extra := t.TempDir()
	if err := os.WriteFile(filepath.Join(extra, "GHSA-test-gin0-0001.json"), []byte(ghsaGin), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if _, err := Import(context.Background(), dir, []string{"testdata/records", "testdata/severity", extra}, ImportOptions{Now: fixedNow}); err != nil {
		t.Fatal(err)
	}
	db, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	pkg := func(eco model.Ecosystem, id, name, v string) model.Package {
		return model.Package{ID: id, Ecosystem: eco, Name: name, Version: v, Locations: []model.Location{{Path: "lock", Line: 1}}}
	}
	r := &model.Result{
		Projects: []model.Project{{ID: "P"}},
		Packages: []model.Package{
			pkg(model.Go, "gin", "github.com/gin-gonic/gin", "v1.5.0"),
			pkg(model.PyPI, "py", "py", "1.10.0"),
			pkg(model.CratesIO, "sjw", "serde-json-wasm", "1.0.0"),
			pkg(model.Npm, "express", "express", "4.1.0"),
			pkg(model.Npm, "safe", "express", "4.18.0"),
			pkg(model.RubyGems, "ap", "actionpack", "3.0.0"),
			pkg(model.Packagist, "widget", "acme/widget", "1.2.0"),
		},
		Edges: []model.Edge{{From: "P", To: "gin"}, {From: "P", To: "express"}, {From: "express", To: "py"}},
	}
	got, diags := db.Vulnerabilities(r)
	if len(diags) != 0 {
		t.Errorf("diagnostics: %v", diags)
	}
	want := []model.Vulnerability{
		{
			// no vector: the Ruby advisory database's numeric cvss_v3 rates it
			ID: "x_RUBYSEC-actionpack-CVE-2011-1497", Aliases: []string{"CVE-2011-1497", "GHSA-q58j-fmvf-9rq6"}, Package: "ap",
			Rating: model.RatingMedium, Score: 6.1, Fixed: []string{"3.0.6"}, UpgradeTo: "3.0.6",
		},
		{
			ID: "x_NSWG-ECO-8", Aliases: []string{"CVE-2014-6393"}, Package: "express",
			Rating: model.RatingMedium, Score: 5.4, CVSS: []string{"CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:U/C:L/I:L/A:N"},
			Fixed: []string{"4.5.0-0"}, UpgradeTo: "4.5.0-0", Paths: [][]string{{"P", "express"}},
		},
		{
			// merged: the GHSA id wins, the Go id and the CVE are aliases,
			// the only score comes from the GHSA record
			ID: "GHSA-test-gin0-0001", Aliases: []string{"CVE-2020-36567", "GHSA-6vm3-jj99-7229", "GO-2020-0001"}, Package: "gin",
			Rating: model.RatingHigh, Score: 7.5, CVSS: []string{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N"},
			Fixed: []string{"1.6.0"}, UpgradeTo: "v1.6.0", Paths: [][]string{{"P", "gin"}},
		},
		{
			// last_affected: no fixed version, so no upgrade; no score
			ID: "PYSEC-2022-42969", Aliases: []string{"CVE-2022-42969", "GHSA-w596-4wvx-j9j6"}, Package: "py",
			Rating: model.RatingUnknown, Paths: [][]string{{"P", "express", "py"}},
		},
		{
			// the second range of two
			ID: "RUSTSEC-2024-0012", Aliases: []string{"CVE-2024-58264", "GHSA-rr69-rxr6-8qwf"}, Package: "sjw",
			Rating: model.RatingUnknown, Fixed: []string{"1.0.1"}, UpgradeTo: "1.0.1",
		},
		{
			// only GitHub's word for it
			ID: "GHSA-test-text-0001", Package: "widget", Rating: model.RatingMedium, Fixed: []string{"2.0.0"}, UpgradeTo: "2.0.0",
		},
	}
	ignore := cmpopts.IgnoreFields(model.Vulnerability{}, "Summary", "Published", "Modified", "References")
	if diff := cmp.Diff(want, got, ignore); diff != "" {
		t.Errorf("vulnerabilities (-want +got):\n%s", diff)
	}
	if got[2].Summary != "Unsanitized input in the default logger in gin" {
		t.Errorf("summary should come from the preferred record, got %q", got[1].Summary)
	}
}

func TestBaseScoreAndRating(t *testing.T) {
	tests := []struct {
		vector string
		score  float64
		ok     bool
		rating model.Rating
	}{
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0, true, model.RatingCritical},
		{"CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:U/C:L/I:L/A:N", 5.4, true, model.RatingMedium},
		{"AV:N/AC:L/Au:N/C:P/I:P/A:P", 7.5, true, model.RatingHigh},
		{"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 9.3, true, model.RatingCritical},
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", 0, true, model.RatingNone},
		{"CVSS:3.1/garbage", 0, false, ""},
		{"Ubuntu: medium", 0, false, ""},
	}
	for _, tt := range tests {
		score, ok := BaseScore(tt.vector)
		if ok != tt.ok || score != tt.score {
			t.Errorf("BaseScore(%q) = %v, %v; want %v, %v", tt.vector, score, ok, tt.score, tt.ok)
		}
		if ok && model.RatingOfScore(score) != tt.rating {
			t.Errorf("RatingOfScore(%v) = %s, want %s", score, model.RatingOfScore(score), tt.rating)
		}
	}
}
