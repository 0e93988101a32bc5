package policy

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/ossaudit/ossaudit/model"
)

func TestParseConfig(t *testing.T) {
	good := `# accepted risks
ignore:
  - id: GHSA-aaaa-bbbb-cccc
    reason: the template helper is never called
    expires: 2027-01-31
  - id: CVE-2020-36567
    package: github.com/gin-gonic/gin
    version: v1.5.0
    reason: behind our proxy
profile:
  distribution: saas
`
	c, err := ParseConfig(".ossaudit.yaml", []byte(good))
	if err != nil {
		t.Fatal(err)
	}
	want := []Ignore{
		{ID: "GHSA-aaaa-bbbb-cccc", Reason: "the template helper is never called", Expires: "2027-01-31", Where: ".ossaudit.yaml:3"},
		{ID: "CVE-2020-36567", Package: "github.com/gin-gonic/gin", Version: "v1.5.0", Reason: "behind our proxy", Where: ".ossaudit.yaml:6"},
	}
	if diff := cmp.Diff(want, c.Ignore); diff != "" {
		t.Errorf("ignores (-want +got):\n%s", diff)
	}
	if c, err := ParseConfig(".ossaudit.yaml", nil); err != nil || len(c.Ignore) != 0 {
		t.Errorf("empty file: %v, %v", c, err)
	}
}

func TestParseConfigErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"no reason", "ignore:\n  - id: GHSA-1\n", ".ossaudit.yaml:2:5: ignore entry for GHSA-1 has no reason"},
		{"no id", "ignore:\n  - reason: x\n", ".ossaudit.yaml:2:5: ignore entry 1 has no id"},
		{"bad date", "ignore:\n  - id: X\n    reason: r\n    expires: soon\n", ".ossaudit.yaml:4:14: ignore entry for X: expires \"soon\" is not a date"},
		{"unknown key", "ignores:\n  - id: X\n", ".ossaudit.yaml:1:1: unknown key \"ignores\""},
		{"not a mapping", "- a\n", ".ossaudit.yaml:1:1: the policy file must be a mapping"},
		{"bad yaml", "ignore: [\n", ".ossaudit.yaml:"},
		{"wrong type", "ignore: 3\n", ".ossaudit.yaml:1:"},
	}
	for _, tt := range tests {
		_, err := ParseConfig(".ossaudit.yaml", []byte(tt.in))
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want prefix %q", tt.name, err, tt.want)
		}
	}
}

func TestApplyIgnores(t *testing.T) {
	newResult := func() *model.Result {
		return &model.Result{
			Packages: []model.Package{{ID: "gin", Name: "github.com/gin-gonic/gin", Version: "v1.5.0"}, {ID: "py", Name: "py", Version: "1.10.0"}},
			Vulnerabilities: []model.Vulnerability{
				{ID: "GO-2020-0001", Aliases: []string{"CVE-2020-36567"}, Package: "gin", Rating: model.RatingHigh},
				{ID: "PYSEC-2022-42969", Package: "py", Rating: model.RatingUnknown},
			},
		}
	}
	now := time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name     string
		ignores  []Ignore
		ignored  []string
		warnings int
	}{
		{"by alias, case-insensitive", []Ignore{{ID: "cve-2020-36567", Reason: "r", Where: "f:1"}}, []string{"GO-2020-0001"}, 0},
		{"by package and version", []Ignore{{ID: "GO-2020-0001", Package: "github.com/gin-gonic/gin", Version: "v1.5.0", Reason: "r"}}, []string{"GO-2020-0001"}, 0},
		{"other version does not match", []Ignore{{ID: "GO-2020-0001", Version: "v1.4.0", Reason: "r"}}, nil, 1},
		{"expired counts again", []Ignore{{ID: "PYSEC-2022-42969", Reason: "r", Expires: "2026-11-28"}}, nil, 1},
		{"not yet expired", []Ignore{{ID: "PYSEC-2022-42969", Reason: "r", Expires: "2026-11-29"}}, []string{"PYSEC-2022-42969"}, 0},
		{"matches nothing", []Ignore{{ID: "GHSA-none", Reason: "r"}}, nil, 1},
	}
	for _, tt := range tests {
		r := newResult()
		w := ApplyIgnores(r, tt.ignores, now)
		var ignored []string
		for _, v := range r.Vulnerabilities {
			if v.Ignored != nil {
				ignored = append(ignored, v.ID)
				if v.Ignored.Reason != "r" {
					t.Errorf("%s: reason not kept: %+v", tt.name, v.Ignored)
				}
			}
		}
		if diff := cmp.Diff(tt.ignored, ignored); diff != "" || len(w) != tt.warnings {
			t.Errorf("%s: ignored (-want +got):\n%s\nwarnings %q, want %d", tt.name, diff, w, tt.warnings)
		}
	}
	// an ignored high finding does not fail --fail-on high, and is said
	r := newResult()
	ApplyIgnores(r, []Ignore{{ID: "GO-2020-0001", Reason: "r"}}, now)
	v := Evaluate(r, Rules{FailOn: model.RatingHigh}, time.Time{}, now)
	if v.Failed || len(v.Warnings) != 2 {
		t.Errorf("verdict with an ignored finding = %+v", v)
	}
}
