package osv

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ossaudit/ossaudit/model"
	"github.com/ossaudit/ossaudit/version"
)

// dotted is a stand-in version scheme for testing the range walk apart
// from the real schemes: dot-separated numbers, an optional "-pre" part
// that sorts before the release; Go versions need a leading "v" like Go's
// own; Maven has no scheme.
type dotted struct {
	s   string
	num []int
	pre string
}

func (d dotted) String() string { return d.s }

func (d dotted) Compare(w version.Version) int {
	o := w.(dotted)
	for i := 0; i < max(len(d.num), len(o.num)); i++ {
		var a, b int
		if i < len(d.num) {
			a = d.num[i]
		}
		if i < len(o.num) {
			b = o.num[i]
		}
		if a != b {
			if a < b {
				return -1
			}
			return 1
		}
	}
	switch {
	case d.pre == o.pre:
		return 0
	case d.pre == "":
		return 1
	case o.pre == "":
		return -1
	}
	return strings.Compare(d.pre, o.pre)
}

func parseDotted(eco, s string) (version.Version, error) {
	if eco == "Maven" {
		return nil, fmt.Errorf("%w: %q", version.ErrUnknownEcosystem, eco)
	}
	body := s
	if eco == "Go" {
		var ok bool
		if body, ok = strings.CutPrefix(s, "v"); !ok {
			return nil, &version.ParseError{Scheme: "dotted", Input: s, Reason: "no leading v"}
		}
	}
	d := dotted{s: s}
	body, d.pre, _ = strings.Cut(body, "-")
	for _, p := range strings.Split(body, ".") {
		n, err := strconv.Atoi(p)
		if err != nil {
			return nil, &version.ParseError{Scheme: "dotted", Input: s, Reason: "not a number: " + p}
		}
		d.num = append(d.num, n)
	}
	return d, nil
}

type matchCase struct {
	eco, name, ver string
	commit         string   // property npm:commit
	want           []string // "ID[affected] fixed=a,b" or "ID[affected] by versions"
	diags          []string
}

func describe(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		s := fmt.Sprintf("%s[%d]", f.Advisory.ID, f.Affected)
		if f.ByVersions {
			s += " by versions"
		} else {
			s += " fixed=" + strings.Join(f.Fixed, ",")
		}
		out = append(out, s)
	}
	return out
}

func runMatch(t *testing.T, db *DB, tests []matchCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.eco+"/"+tt.name+"@"+tt.ver+"#"+tt.commit, func(t *testing.T) {
			pkg := model.Package{ID: "pkg", Ecosystem: model.Ecosystem(tt.eco), Name: tt.name, Version: tt.ver,
				Locations: []model.Location{{Path: "lock", Line: 3}}}
			if tt.commit != "" {
				pkg.Properties = map[string]string{"npm:commit": tt.commit, "npm:resolved": "x"}
			}
			fs, ds := db.Match([]model.Package{pkg})
			if diff := cmp.Diff(tt.want, describe(fs)); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
			var got []string
			for _, d := range ds {
				if d.Location.Path != "lock" || d.Extractor != "osv" {
					t.Errorf("diagnostic %+v: want location lock:3 and extractor osv", d)
				}
				got = append(got, string(d.Severity)+": "+d.Message)
			}
			if diff := cmp.Diff(tt.diags, got); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
		})
	}
}

func openRecords(t *testing.T) *DB {
	t.Helper()
	dir, _ := importRecords(t)
	db, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// TestMatchRules checks the OSV evaluation rules on the records of
// testdata, with the stand-in scheme.
func TestMatchRules(t *testing.T) {
	db := openRecords(t)
	db.parseVersion = parseDotted
	runMatch(t, db, []matchCase{
		// SEMVER, introduced 0 / fixed; Go versions carry a "v" the record lacks.
		{eco: "Go", name: "github.com/gin-gonic/gin", ver: "v1.5.9", want: []string{"GO-2020-0001[0] fixed=1.6.0"}},
		{eco: "Go", name: "github.com/gin-gonic/gin", ver: "v1.6.0"},
		{eco: "Go", name: "github.com/gin-gonic/gin", ver: "1.5.0", want: []string{"GO-2020-0001[0] fixed=1.6.0"}},
		// A version that does not parse: a diagnostic, not a verdict.
		{eco: "Go", name: "github.com/gin-gonic/gin", ver: "latest", diags: []string{
			`warning: cannot tell whether Go/github.com/gin-gonic/gin@latest is affected by 1 advisories (GO-2020-0001): "latest" is not a valid dotted version: no leading v`}},
		// ECOSYSTEM range next to a GIT range and a versions list.
		{eco: "PyPI", name: "Pillow", ver: "9.2.0", want: []string{"PYSEC-2022-42980[0] fixed=9.3.0"}},
		{eco: "PyPI", name: "pillow", ver: "9.2.5", want: []string{"PYSEC-2022-42980[0] fixed=9.3.0"}},
		{eco: "PyPI", name: "pillow", ver: "9.3.0"},
		{eco: "PyPI", name: "pillow", ver: "9.1.9"},
		// PEP 503 names; a listed version that does not parse still matches by the list.
		{eco: "PyPI", name: "JW_Util", ver: "2.2", want: []string{"PYSEC-2020-341[0] fixed=2.3"}},
		{eco: "PyPI", name: "jw-util", ver: "-class.-jw.util.version.Version-", want: []string{"PYSEC-2020-341[0] by versions"}},
		{eco: "PyPI", name: "jw.util", ver: "2.3"},
		// last_affected is inclusive.
		{eco: "PyPI", name: "py", ver: "1.11.0", want: []string{"PYSEC-2022-42969[0] fixed="}},
		{eco: "PyPI", name: "py", ver: "1.11.1"},
		// Withdrawn records never match.
		{eco: "PyPI", name: "loguru", ver: "0.5.0"},
		// Two intervals in one range; the fixed version is the one closing v's interval.
		{eco: "crates.io", name: "serde-json-wasm", ver: "0.4.0", want: []string{"RUSTSEC-2024-0012[0] fixed=0.5.2"}},
		{eco: "crates.io", name: "serde-json-wasm", ver: "0.5.2"},
		{eco: "crates.io", name: "serde-json-wasm", ver: "1.0.0", want: []string{"RUSTSEC-2024-0012[0] fixed=1.0.1"}},
		{eco: "crates.io", name: "Serde-Json-Wasm", ver: "1.0.1"},
		// Two SEMVER ranges.
		{eco: "npm", name: "express", ver: "3.10.0", want: []string{"x_NSWG-ECO-8[0] fixed=3.11.0-0"}},
		{eco: "npm", name: "express", ver: "4.4.9", want: []string{"x_NSWG-ECO-8[0] fixed=4.5.0-0"}},
		{eco: "npm", name: "express", ver: "3.11.0"},
		{eco: "npm", name: "express", ver: "4.5.0"},
		{eco: "npm", name: "express", diags: []string{
			"warning: npm/express has no exact version, so 1 advisories naming it were not evaluated: x_NSWG-ECO-8"}},
		// limit caps the range.
		{eco: "npm", name: "limit-demo", ver: "1.1.0", want: []string{"TEST-LIMIT-1[0] fixed=1.2.0"}},
		{eco: "npm", name: "limit-demo", ver: "1.3.0"},
		{eco: "npm", name: "limit-demo", ver: "1.5.9", want: []string{"TEST-LIMIT-1[0] fixed="}},
		{eco: "npm", name: "limit-demo", ver: "1.6.0"},
		{eco: "npm", name: "limit-demo", ver: "2.0.0"},
		// An event that does not parse, and a GIT-only entry.
		{eco: "npm", name: "bad-event", ver: "1.0.0", diags: []string{
			`warning: cannot tell whether npm/bad-event@1.0.0 is affected by TEST-EDGES-1: event "1.x.y": "1.x.y" is not a valid dotted version: not a number: x`}},
		{eco: "npm", name: "git-only", ver: "1.0.0", diags: []string{
			"info: TEST-EDGES-1 names npm/git-only@1.0.0 only with GIT commit ranges, which need a commit to be evaluated"}},
		// A package with a commit is placed by a GIT range's events.
		{eco: "npm", name: "git-only", commit: strings.Repeat("a", 40), want: []string{"TEST-EDGES-1[1] fixed="}},
		{eco: "npm", name: "git-only", ver: "1.0.0", commit: "0123456789abcdef0123456789abcdef01234567"},
		{eco: "npm", name: "git-only", commit: strings.Repeat("b", 40), diags: []string{
			"info: cannot tell whether commit bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb of npm/git-only is affected by TEST-EDGES-1: it is none of the GIT range's events, and placing it needs the repository's history"}},
		{eco: "npm", name: "express", commit: strings.Repeat("b", 40), diags: []string{
			"warning: cannot tell whether npm/express is affected by 1 advisories (x_NSWG-ECO-8): it has only a commit, no version"}},
		// The fixed commit settles pillow's GIT range, but its ECOSYSTEM range still needs a version.
		{eco: "PyPI", name: "pillow", commit: "2444cddab2f83f28687c7c20871574acbb6dbcf3", diags: []string{
			"warning: cannot tell whether PyPI/pillow is affected by 1 advisories (PYSEC-2022-42980): it has only a commit, no version"}},
		// An ecosystem without a scheme: a diagnostic, not a verdict.
		{eco: "Maven", name: "org.example:widget", ver: "2.1", diags: []string{
			`warning: cannot tell whether Maven/org.example:widget@2.1 is affected by 1 advisories (TEST-MAVEN-1): ossaudit has no version scheme for ecosystem Maven`}},
		{eco: "npm", name: "unknown-package", ver: "1.0.0"},
	})
}

// TestMatchSchemes runs the same records through version.Parse. Cases of
// ecosystems whose scheme is not in the version package yet are skipped.
func TestMatchSchemes(t *testing.T) {
	db := openRecords(t)
	tests := []matchCase{
		{eco: "Go", name: "github.com/gin-gonic/gin", ver: "v1.5.9", want: []string{"GO-2020-0001[0] fixed=1.6.0"}},
		{eco: "Go", name: "github.com/gin-gonic/gin", ver: "v1.6.0"},
		{eco: "Go", name: "github.com/gin-gonic/gin", ver: "v1.6.0-rc1", want: []string{"GO-2020-0001[0] fixed=1.6.0"}},
		{eco: "PyPI", name: "Pillow", ver: "9.2.0", want: []string{"PYSEC-2022-42980[0] fixed=9.3.0"}},
		{eco: "PyPI", name: "pillow", ver: "9.3.0rc1", want: []string{"PYSEC-2022-42980[0] fixed=9.3.0"}},
		{eco: "PyPI", name: "pillow", ver: "9.3"},
		{eco: "PyPI", name: "JW_Util", ver: "2.3.dev0", want: []string{"PYSEC-2020-341[0] fixed=2.3"}},
		{eco: "PyPI", name: "py", ver: "1.11", want: []string{"PYSEC-2022-42969[0] fixed="}},
		{eco: "PyPI", name: "py", ver: "1.11.0.post1"},
		{eco: "crates.io", name: "serde-json-wasm", ver: "1.0.0", want: []string{"RUSTSEC-2024-0012[0] fixed=1.0.1"}},
		{eco: "crates.io", name: "serde-json-wasm", ver: "0.5.2-alpha", want: []string{"RUSTSEC-2024-0012[0] fixed=0.5.2"}},
		{eco: "npm", name: "express", ver: "4.4.99", want: []string{"x_NSWG-ECO-8[0] fixed=4.5.0-0"}},
		{eco: "npm", name: "express", ver: "4.5.0-beta"}, // after 4.5.0-0
		{eco: "npm", name: "express", ver: "4.5.0-0"},
		{eco: "npm", name: "express", ver: "4.5.0"},
		{eco: "npm", name: "limit-demo", ver: "1.5.9", want: []string{"TEST-LIMIT-1[0] fixed="}},
		{eco: "Maven", name: "org.example:widget", ver: "2.0", want: []string{"TEST-MAVEN-1[0] fixed=2.15.0"}},
		{eco: "Maven", name: "org.example:widget", ver: "2.0-beta8"},
		{eco: "Maven", name: "org.example:widget", ver: "2.15"},
	}
	var run []matchCase
	for _, tt := range tests {
		if _, err := version.Parse(tt.eco, "1.0.0"); errors.Is(err, version.ErrUnknownEcosystem) {
			t.Logf("skipping %s/%s@%s: no %s scheme yet", tt.eco, tt.name, tt.ver, tt.eco)
			continue
		}
		run = append(run, tt)
	}
	runMatch(t, db, run)
}

func TestMatchManyPackages(t *testing.T) {
	db := openRecords(t)
	db.parseVersion = parseDotted
	pkgs := []model.Package{
		{ID: "b", Ecosystem: "npm", Name: "express", Version: "4.0.0"},
		{ID: "a", Ecosystem: "PyPI", Name: "pillow", Version: "9.2.0"},
		{ID: "c", Ecosystem: "npm", Name: "express", Version: "3.0.0"},
		{ID: "d", Ecosystem: "npm", Name: "left-pad", Version: "1.0.0"},
	}
	fs, ds := db.Match(pkgs)
	var got []string
	for _, f := range fs {
		got = append(got, f.PackageID+" "+f.Advisory.ID+" "+f.Advisory.Summary)
	}
	want := []string{
		"a PYSEC-2022-42980 ",
		"b x_NSWG-ECO-8 No Charset in Content-Type Header",
		"c x_NSWG-ECO-8 No Charset in Content-Type Header",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if len(ds) != 0 {
		t.Errorf("diagnostics: %v", ds)
	}
	if diff := cmp.Diff([]string{"GIT", "ECOSYSTEM"}, []string{fs[0].Ranges[0].Type, fs[0].Ranges[1].Type}); diff != "" {
		t.Errorf("pillow finding ranges (-want +got):\n%s", diff)
	}
	if fs[0].Advisory.Modified.IsZero() || fs[0].Advisory.Aliases == nil {
		t.Errorf("pillow advisory incomplete: %+v", fs[0].Advisory)
	}
	if fs[1].Advisory != fs[2].Advisory {
		t.Error("findings of one record do not share its advisory")
	}
}
