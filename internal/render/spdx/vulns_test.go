package spdx

import (
	"bytes"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ossaudit/ossaudit/internal/extract/sbom/sbomtest"
	"github.com/ossaudit/ossaudit/internal/render"
	"github.com/ossaudit/ossaudit/model"
	spdxjson "github.com/spdx/tools-golang/json"
	"github.com/spdx/tools-golang/spdx/v2/common"
)

// TestAdvisoryRefs checks the SECURITY references: one per vulnerability,
// on the affected package after its purl, sorted by id, none for a package
// the result does not list.
func TestAdvisoryRefs(t *testing.T) {
	r := sbomtest.Fixture()
	lodash := "pkg:npm/lodash@4.17.21"
	r.Vulnerabilities = append(r.Vulnerabilities,
		model.Vulnerability{ID: "CVE-2026-5", Package: lodash},
		model.Vulnerability{ID: "GHSA-gone", Package: "pkg:npm/not-here@1.0.0", Rating: model.RatingHigh},
	)
	var buf bytes.Buffer
	if err := Renderers()[0].Render(&buf, r, render.Options{}); err != nil {
		t.Fatal(err)
	}
	sbomtest.ValidateJSON(t, "testdata/schemas", "spdx-2.3.schema.json", buf.Bytes())
	doc, err := spdxjson.Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range doc.Packages {
		for _, x := range p.PackageExternalReferences {
			if x.Category == common.CategorySecurity {
				got = append(got, p.PackageName+" "+x.RefType+" "+x.Locator)
			}
		}
	}
	want := []string{
		"github.com/BurntSushi/toml advisory https://osv.dev/vulnerability/GO-2026-0001",
		"lodash advisory https://osv.dev/vulnerability/CVE-2026-5",
		"lodash advisory https://osv.dev/vulnerability/GHSA-0000-1111-2222",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// A vulnerability without a rating is written as unknown.
	var comment string
	for _, p := range doc.Packages {
		for _, x := range p.PackageExternalReferences {
			if x.Locator == "https://osv.dev/vulnerability/CVE-2026-5" {
				comment = x.ExternalRefComment
			}
		}
	}
	if want := "ossaudit:vuln=CVE-2026-5\nossaudit:severity=unknown"; comment != want {
		t.Errorf("comment %q, want %q", comment, want)
	}
}
