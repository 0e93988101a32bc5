package cyclonedx

import (
	"bytes"
	"io"
	"testing"

	cdx "github.com/CycloneDX/cyclonedx-go"
	"github.com/google/go-cmp/cmp"
	"github.com/ossaudit/ossaudit/internal/extract/sbom/sbomtest"
	"github.com/ossaudit/ossaudit/internal/render"
	"github.com/ossaudit/ossaudit/model"
)

func score(f float64) *float64 { return &f }

// TestRatings checks one rating per vector, scored per CVSS version, and
// the fallbacks without a vector.
func TestRatings(t *testing.T) {
	for _, tc := range []struct {
		name string
		v    model.Vulnerability
		want []cdx.VulnerabilityRating
	}{
		{"every CVSS version", model.Vulnerability{Rating: model.RatingCritical, Score: 9.8, CVSS: []string{
			"AV:N/AC:L/Au:N/C:P/I:P/A:P",
			"CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
			"CVSS:3.1/AV:N/AC:H/PR:H/UI:R/S:U/C:N/I:L/A:N",
			"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
		}}, []cdx.VulnerabilityRating{
			{Score: score(7.5), Severity: cdx.SeverityHigh, Method: cdx.ScoringMethodCVSSv2, Vector: "AV:N/AC:L/Au:N/C:P/I:P/A:P"},
			{Score: score(9.8), Severity: cdx.SeverityCritical, Method: cdx.ScoringMethodCVSSv3, Vector: "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"},
			{Score: score(2.0), Severity: cdx.SeverityLow, Method: cdx.ScoringMethodCVSSv31, Vector: "CVSS:3.1/AV:N/AC:H/PR:H/UI:R/S:U/C:N/I:L/A:N"},
			{Score: score(9.3), Severity: cdx.SeverityCritical, Method: cdx.ScoringMethodCVSSv4, Vector: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"},
		}},
		{"a vector that does not parse", model.Vulnerability{Rating: model.RatingUnknown, CVSS: []string{"CVSS:3.1/AV:X"}},
			[]cdx.VulnerabilityRating{{Severity: cdx.SeverityUnknown, Method: cdx.ScoringMethodCVSSv31, Vector: "CVSS:3.1/AV:X"}}},
		{"a rating without a vector", model.Vulnerability{Rating: model.RatingMedium, Score: 5.3},
			[]cdx.VulnerabilityRating{{Score: score(5.3), Severity: cdx.SeverityMedium, Method: cdx.ScoringMethodOther}}},
		{"nothing", model.Vulnerability{Rating: model.RatingUnknown},
			[]cdx.VulnerabilityRating{{Severity: cdx.SeverityUnknown}}},
		{"no rating at all", model.Vulnerability{},
			[]cdx.VulnerabilityRating{{Severity: cdx.SeverityUnknown}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, ratings(&tc.v)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestSource(t *testing.T) {
	var got []string
	for _, id := range []string{"GHSA-aaaa-bbbb-cccc", "GO-2024-0001", "PYSEC-2024-1", "RUSTSEC-2024-0001", "CVE-2024-1234", "OSV-2024-1", "MAL-2024-1", "odd id/x"} {
		s := source(id)
		got = append(got, s.Name+" "+s.URL)
	}
	want := []string{
		"GitHub Advisory Database https://osv.dev/vulnerability/GHSA-aaaa-bbbb-cccc",
		"Go Vulnerability Database https://osv.dev/vulnerability/GO-2024-0001",
		"PyPA https://osv.dev/vulnerability/PYSEC-2024-1",
		"RustSec https://osv.dev/vulnerability/RUSTSEC-2024-0001",
		"NVD https://osv.dev/vulnerability/CVE-2024-1234",
		"OSV https://osv.dev/vulnerability/OSV-2024-1",
		"OSV https://osv.dev/vulnerability/MAL-2024-1",
		"OSV https://osv.dev/vulnerability/odd%20id%2Fx",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestVulnerabilityEdges renders vulnerabilities in an unusual order, of an
// unresolved package, twice for one package, and of a package the result
// does not list; the output is sorted, schema-valid, and keeps bom-refs
// unique.
func TestVulnerabilityEdges(t *testing.T) {
	r := sbomtest.Fixture()
	req := "pkg:pypi/requests#>=2.31, <3"
	r.Vulnerabilities = append([]model.Vulnerability{
		{ID: "PYSEC-2026-7", Package: req, Rating: model.RatingLow, Score: 3.1, CVSS: []string{"CVSS:3.1/AV:N/AC:H/PR:H/UI:R/S:U/C:N/I:L/A:N"}},
		{ID: "GHSA-gone-gone-gone", Package: "pkg:npm/not-in-the-result@1.0.0", Rating: model.RatingHigh},
		{ID: "PYSEC-2026-7", Package: req, Rating: model.RatingLow},
	}, r.Vulnerabilities...)
	var buf bytes.Buffer
	if err := Renderers()[0].Render(&buf, r, render.Options{}); err != nil {
		t.Fatal(err)
	}
	sbomtest.ValidateJSON(t, "testdata/schemas", "bom-1.6.schema.json", buf.Bytes())
	var bom cdx.BOM
	if err := cdx.NewBOMDecoder(&buf, cdx.BOMFileFormatJSON).Decode(&bom); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, v := range *bom.Vulnerabilities {
		a := (*v.Affects)[0]
		s := v.BOMRef + " | " + a.Ref
		if a.Range != nil {
			s += " " + (*a.Range)[0].Version
		}
		got = append(got, s)
	}
	want := []string{
		"vuln:GO-2026-0001:pkg:golang/github.com/BurntSushi/toml@v1.6.0 | pkg:golang/github.com/BurntSushi/toml@v1.6.0 v1.6.0",
		"vuln:GHSA-0000-1111-2222:pkg:npm/lodash@4.17.21 | pkg:npm/lodash@4.17.21 4.17.21",
		"vuln:PYSEC-2026-7:pkg:pypi/requests#>=2.31, <3 | pkg:pypi/requests#>=2.31, <3",
		"vuln:PYSEC-2026-7:pkg:pypi/requests#>=2.31, <3#2 | pkg:pypi/requests#>=2.31, <3",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestVulnerabilitiesNotModified makes sure rendering leaves the caller's
// vulnerabilities as they were, in their order.
func TestVulnerabilitiesNotModified(t *testing.T) {
	r := sbomtest.Fixture()
	r.Vulnerabilities[0], r.Vulnerabilities[1] = r.Vulnerabilities[1], r.Vulnerabilities[0]
	before := sbomtest.Fixture().Vulnerabilities
	before[0], before[1] = before[1], before[0]
	for _, x := range Renderers() {
		if err := x.Render(io.Discard, r, render.Options{}); err != nil {
			t.Fatal(err)
		}
	}
	if diff := cmp.Diff(before, r.Vulnerabilities); diff != "" {
		t.Errorf("Render modified the vulnerabilities (-before +after):\n%s", diff)
	}
}
