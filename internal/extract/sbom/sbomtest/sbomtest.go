// Package sbomtest holds what the tests of the SBOM writers and readers
// share: a hand-built scan result that exercises every part of the model an
// SBOM must carry, and validation of JSON documents against official
// schemas kept on disk. Only tests import it.
package sbomtest

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/ossaudit/ossaudit/internal/extract"
	"github.com/ossaudit/ossaudit/internal/extract/exttest"
	"github.com/ossaudit/ossaudit/internal/extract/sbom"
	"github.com/ossaudit/ossaudit/model"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// Fixture returns a fresh scan result of a small npm workspace (two
// projects) that also pulls Maven, Go and PyPI packages, with a scoped npm
// package, an unresolved package, every scope, a cycle, an edge of unknown
// scope, properties and locations, and two vulnerabilities: one with
// aliases, a CVSS 3.1 vector, a fixed version, an upgrade, two paths, dates
// and a reference, one with nothing but a summary and a path. It is sorted
// (vulnerabilities by package, then id, as the matching orders them).
func Fixture() *model.Result {
	r := &model.Result{
		SchemaVersion: model.SchemaVersion,
		Tool:          model.Tool{Name: "ossaudit", Version: "0.1.0"},
		Target:        "/home/dev/acme",
		Projects: []model.Project{
			{ID: "project:npm:.", Ecosystem: model.Npm, Name: "acme", Version: "1.0.0", PURL: "pkg:npm/acme@1.0.0", Dir: ".", Sources: []string{"package-lock.json", "package.json"}},
			{ID: "project:npm:packages/web", Ecosystem: model.Npm, Name: "@acme/web", Version: "0.2.0", Dir: "packages/web", Sources: []string{"packages/web/package.json"}, Workspace: "project:npm:."},
		},
		Packages: []model.Package{
			{
				ID: "pkg:npm/%40types/node@20.11.0", Ecosystem: model.Npm, Name: "@types/node", Version: "20.11.0",
				PURL: "pkg:npm/%40types/node@20.11.0", Scope: model.ScopeDevelopment, Direct: true,
				Locations: []model.Location{{Path: "package-lock.json", Line: 20}},
			},
			{
				ID: "pkg:npm/cycle-a@1.0.0", Ecosystem: model.Npm, Name: "cycle-a", Version: "1.0.0",
				PURL: "pkg:npm/cycle-a@1.0.0", Direct: true,
				Locations: []model.Location{{Path: "package-lock.json", Line: 30}},
			},
			{
				ID: "pkg:npm/cycle-b@1.0.0", Ecosystem: model.Npm, Name: "cycle-b", Version: "1.0.0",
				PURL:      "pkg:npm/cycle-b@1.0.0",
				Locations: []model.Location{{Path: "package-lock.json", Line: 38}},
			},
			{
				ID: "pkg:npm/fsevents@2.3.3", Ecosystem: model.Npm, Name: "fsevents", Version: "2.3.3",
				PURL: "pkg:npm/fsevents@2.3.3", Scope: model.ScopeOptional, Direct: true,
				Locations:  []model.Location{{Path: "package-lock.json", Line: 46}},
				Properties: map[string]string{"npm:os": "darwin"},
			},
			{
				ID: "pkg:npm/lodash@4.17.21", Ecosystem: model.Npm, Name: "lodash", Version: "4.17.21",
				PURL: "pkg:npm/lodash@4.17.21", Direct: true,
				Locations: []model.Location{{Path: "package-lock.json", Line: 55}, {Path: "packages/web/package.json", Line: 8, Column: 5}},
				Properties: map[string]string{
					"npm:resolved":  "https://registry.example.test/lodash/-/lodash-4.17.21.tgz",
					"npm:integrity": "sha512-v2kDEe57lecTulaDIuNTPy3Ry4gLGJ6Z1O3vE1krgXZNrsQ+LFTGHVxVjcXPs17LhbZVGedAJv8XZ1tvj5FvSg==",
				},
			},
			{
				ID: "pkg:npm/react@18.2.0", Ecosystem: model.Npm, Name: "react", Version: "18.2.0",
				PURL: "pkg:npm/react@18.2.0", Scope: model.ScopePeer, Direct: true,
				Locations: []model.Location{{Path: "package-lock.json", Line: 63}},
			},
			{
				ID: "pkg:golang/github.com/BurntSushi/toml@v1.6.0", Ecosystem: model.Go, Name: "github.com/BurntSushi/toml",
				NormalizedName: "github.com/burntsushi/toml", Version: "v1.6.0",
				PURL: "pkg:golang/github.com/BurntSushi/toml@v1.6.0", Direct: true,
				Locations:  []model.Location{{Path: "tools/go.mod", Line: 5}},
				Properties: map[string]string{"go:replace": "../toml-fork"},
			},
			{
				ID: "pkg:maven/org.apache.commons/commons-lang3@3.14.0", Ecosystem: model.Maven, Name: "org.apache.commons:commons-lang3",
				Version: "3.14.0", PURL: "pkg:maven/org.apache.commons/commons-lang3@3.14.0", Scope: model.ScopeTest, Direct: true,
				Locations: []model.Location{{Path: "java/pom.xml", Line: 42}},
			},
			{
				ID: "pkg:pypi/requests#>=2.31, <3", Ecosystem: model.PyPI, Name: "Requests", NormalizedName: "requests",
				Requirement: ">=2.31, <3", Unresolved: "requirements.txt gives a range", PURL: "pkg:pypi/requests",
				Direct: true, Locations: []model.Location{{Path: "scripts/requirements.txt", Line: 3}},
				Properties: map[string]string{"pypi:marker": `python_version >= "3.8" and sys_platform != 'win32'`},
			},
		},
		Edges: []model.Edge{
			{From: "project:npm:.", To: "pkg:npm/%40types/node@20.11.0", Scope: model.ScopeDevelopment},
			{From: "project:npm:.", To: "pkg:npm/fsevents@2.3.3", Scope: model.ScopeOptional},
			{From: "project:npm:.", To: "pkg:maven/org.apache.commons/commons-lang3@3.14.0", Scope: model.ScopeTest},
			{From: "project:npm:.", To: "pkg:golang/github.com/BurntSushi/toml@v1.6.0", Scope: model.ScopeRuntime, Indirect: true},
			{From: "project:npm:.", To: "pkg:pypi/requests#>=2.31, <3", Scope: model.ScopeRuntime},
			{From: "project:npm:packages/web", To: "pkg:npm/lodash@4.17.21", Scope: model.ScopeRuntime},
			{From: "project:npm:packages/web", To: "pkg:npm/react@18.2.0", Scope: model.ScopePeer},
			{From: "project:npm:packages/web", To: "pkg:npm/cycle-a@1.0.0", Scope: model.ScopeRuntime},
			{From: "project:npm:packages/web", To: "pkg:npm/cycle-a@1.0.0", Scope: model.ScopeDevelopment},
			{From: "pkg:npm/cycle-a@1.0.0", To: "pkg:npm/cycle-b@1.0.0", Scope: model.ScopeRuntime},
			{From: "pkg:npm/cycle-b@1.0.0", To: "pkg:npm/cycle-a@1.0.0", Scope: model.ScopeRuntime},
			{From: "pkg:npm/cycle-b@1.0.0", To: "pkg:npm/lodash@4.17.21", Scope: model.ScopeUnknown},
			{From: "pkg:npm/lodash@4.17.21", To: "pkg:npm/fsevents@2.3.3", Scope: model.ScopeOptional},
		},
		// The ids are made up; the vector scores 7.5 (high) in CVSS 3.1.
		Vulnerabilities: []model.Vulnerability{
			{
				ID: "GO-2026-0001", Package: "pkg:golang/github.com/BurntSushi/toml@v1.6.0",
				Summary: "Unbounded recursion when decoding nested tables", Rating: model.RatingUnknown,
				Paths:   [][]string{{"project:npm:.", "pkg:golang/github.com/BurntSushi/toml@v1.6.0"}},
				Ignored: &model.Suppression{Reason: "only trusted files are decoded", Source: ".ossaudit.yaml:3", Expires: "2027-01-31"},
			},
			{
				ID: "GHSA-0000-1111-2222", Aliases: []string{"CVE-2026-10001", "PYSEC-2026-1"}, Package: "pkg:npm/lodash@4.17.21",
				Summary: "Prototype pollution in zipObjectDeep", Rating: model.RatingHigh, Score: 7.5,
				CVSS:      []string{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H"},
				Fixed:     []string{"4.17.22"},
				UpgradeTo: "4.17.22",
				Paths: [][]string{
					{"project:npm:packages/web", "pkg:npm/lodash@4.17.21"},
					{"project:npm:packages/web", "pkg:npm/cycle-a@1.0.0", "pkg:npm/cycle-b@1.0.0", "pkg:npm/lodash@4.17.21"},
				},
				Published:  time.Date(2026, 1, 10, 12, 0, 0, 0, time.UTC),
				Modified:   time.Date(2026, 2, 1, 8, 30, 15, 500_000_000, time.UTC),
				References: []string{"https://github.com/advisories/GHSA-0000-1111-2222"},
			},
		},
	}
	r.Sort()
	return r
}

// ValidateJSON checks doc against the schema file main in the OS folder dir.
// Every *.json file of dir is registered under its $id first, so references
// between schemas resolve without the network.
func ValidateJSON(t testing.TB, dir, main string, doc []byte) {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	mainURL := ""
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		s, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		id, _ := s.(map[string]any)["$id"].(string)
		if id == "" {
			t.Fatalf("%s has no $id", f)
		}
		if err := c.AddResource(id, s); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if filepath.Base(f) == main {
			mainURL = id
		}
	}
	if mainURL == "" {
		t.Fatalf("schema %s not found in %s", main, dir)
	}
	sch, err := c.Compile(mainURL)
	if err != nil {
		t.Fatalf("compiling %s: %v", main, err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		t.Fatalf("document is not JSON: %v", err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Errorf("document does not validate against %s:\n%v", main, err)
	}
}

// Reader names the sbom extractor that reads a renderer's output and a file
// name that extractor matches.
type Reader struct{ Extractor, File string }

// ReadBack reads data, a rendered SBOM, with the sbom extractor rd names,
// checking that it matches the file name and sniffs the content.
func ReadBack(t *testing.T, rd Reader, data []byte) *extract.Result {
	t.Helper()
	var ex extract.Extractor
	for _, e := range sbom.Extractors() {
		if e.Name() == rd.Extractor {
			ex = e
		}
	}
	if ex == nil {
		t.Fatalf("no extractor %s", rd.Extractor)
	}
	if !ex.Match(rd.File) {
		t.Errorf("%s does not match %s", rd.Extractor, rd.File)
	}
	if s, ok := ex.(extract.Sniffer); !ok || !s.Sniff(data[:min(len(data), 4096)]) {
		t.Errorf("%s does not sniff this output", rd.Extractor)
	}
	fsys := fstest.MapFS{rd.File: {Data: data}}
	got, err := ex.Extract(context.Background(), &extract.Input{FS: fsys, Path: rd.File})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Diagnostics) > 0 {
		t.Errorf("diagnostics: %v", got.Diagnostics)
	}
	exttest.CheckIntegrity(t, got)
	return got
}

// RoundTrip renders want with render, reads it back with rd and expects the
// same projects, packages (IDs, names, versions, scopes, direct flags,
// locations, properties), edges (with scopes) and vulnerabilities (every
// field).
func RoundTrip(t *testing.T, want *model.Result, render func(*model.Result) ([]byte, error), rd Reader) {
	t.Helper()
	data, err := render(want)
	if err != nil {
		t.Fatal(err)
	}
	got := ReadBack(t, rd, data)
	if diff := cmp.Diff(want.Projects, got.Projects); diff != "" {
		t.Errorf("projects differ (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want.Packages, got.Packages); diff != "" {
		t.Errorf("packages differ (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want.Edges, got.Edges); diff != "" {
		t.Errorf("edges differ (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want.Vulnerabilities, got.Vulnerabilities); diff != "" {
		t.Errorf("vulnerabilities differ (-want +got):\n%s", diff)
	}
}

// AwkwardFixture is Fixture with values that need escaping in every format:
// newlines, CRLF, markup, "=" in a key, padding, non-ASCII, spaces in paths.
func AwkwardFixture() *model.Result {
	r := Fixture()
	p := r.Package("pkg:npm/lodash@4.17.21")
	p.Properties = map[string]string{
		"npm:note":   "two\nlines\r\nand a \\ backslash </text> <b>&amp;</b> = \u00fc",
		"npm:spaces": "  padded  ",
		"npm:a=b":    "key with an equals sign",
		"npm:empty":  "",
	}
	p.Locations = append(p.Locations, model.Location{Path: "dir with space/\u00fcn\u00ef.json", Line: 1})
	p.Locations = model.SortLocations(p.Locations)
	v := &r.Vulnerabilities[1]
	v.Summary = "two\nlines </text> <b>&amp;</b> = \u00fc\\"
	v.Paths = append(v.Paths, []string{"project:npm:.", "pkg:npm/lodash@4.17.21"})
	// a VEX suppression, with a justification both standards know
	v.Ignored = &model.Suppression{Reason: "zipObjectDeep is never\ncalled", Status: "not_affected",
		Justification: "vulnerable_code_not_in_execute_path", Source: "team.openvex.json#statement-1"}
	return r
}
