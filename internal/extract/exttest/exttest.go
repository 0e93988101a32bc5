// Package exttest holds helpers for the tests of extractors: running one on
// a file or an in-memory tree, summarising its result for cmp.Diff, and a
// fuzz body that checks an extractor never panics. Only tests import it.
package exttest

import (
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/ossaudit/ossaudit/internal/diag"
	"github.com/ossaudit/ossaudit/internal/extract"
	"github.com/ossaudit/ossaudit/model"
)

// Run extracts the file at rel (slash path) below the OS folder dir.
func Run(t testing.TB, e extract.Extractor, dir, rel string) (*extract.Result, error) {
	t.Helper()
	if !e.Match(rel) {
		if s, ok := e.(extract.Sniffer); !ok || !sniffFile(filepath.Join(dir, filepath.FromSlash(rel)), s) {
			t.Errorf("%s does not match %q", e.Name(), rel)
		}
	}
	return e.Extract(context.Background(), &extract.Input{FS: os.DirFS(dir), Path: rel})
}

func sniffFile(p string, s extract.Sniffer) bool {
	data, err := os.ReadFile(p)
	if err != nil {
		return false
	}
	if len(data) > 4096 {
		data = data[:4096]
	}
	return s.Sniff(data)
}

// RunFiles extracts rel from an in-memory tree of the given files.
func RunFiles(t testing.TB, e extract.Extractor, files map[string]string, rel string) (*extract.Result, error) {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, content := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(content)}
	}
	return e.Extract(context.Background(), &extract.Input{FS: fsys, Path: rel})
}

// Packages summarises r's packages as "name@version" sorted strings.
func Packages(r *extract.Result) []string {
	var out []string
	for _, p := range r.Packages {
		s := p.Name + "@" + p.Version
		if p.Version == "" {
			s = p.Name + " " + p.Requirement
		}
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

// Edges summarises r's edges as "from -> to" with labels in place of IDs
// (name@version for packages, the project dir for projects), sorted.
func Edges(r *extract.Result) []string {
	label := map[string]string{}
	for _, p := range r.Packages {
		label[p.ID] = p.Name + "@" + p.Version
	}
	for _, p := range r.Projects {
		label[p.ID] = "project:" + p.Dir
	}
	l := func(id string) string {
		if s, ok := label[id]; ok {
			return s
		}
		return "?" + id
	}
	var out []string
	for _, e := range r.Edges {
		s := l(e.From) + " -> " + l(e.To)
		if e.Scope != "" && e.Scope != model.ScopeRuntime {
			s += " (" + string(e.Scope) + ")"
		}
		out = append(out, s)
	}
	sort.Strings(out)
	return dedupe(out)
}

// Direct returns the labels of packages that some project depends on directly.
func Direct(r *extract.Result) []string {
	proj := map[string]bool{}
	for _, p := range r.Projects {
		proj[p.ID] = true
	}
	label := map[string]string{}
	for _, p := range r.Packages {
		label[p.ID] = p.Name + "@" + p.Version
	}
	var out []string
	for _, e := range r.Edges {
		if proj[e.From] && label[e.To] != "" {
			out = append(out, label[e.To])
		}
	}
	sort.Strings(out)
	return dedupe(out)
}

// Scopes returns "name@version scope" for every package with a scope.
func Scopes(r *extract.Result) []string {
	var out []string
	for _, p := range r.Packages {
		out = append(out, fmt.Sprintf("%s@%s %s", p.Name, p.Version, p.Scope))
	}
	sort.Strings(out)
	return out
}

// CheckIntegrity fails t when an edge names an unknown ID, a package lacks
// an ID, PURL or location, or IDs repeat.
func CheckIntegrity(t testing.TB, r *extract.Result) {
	t.Helper()
	ids := map[string]bool{}
	for _, p := range r.Projects {
		ids[p.ID] = true
	}
	for _, p := range r.Packages {
		if p.ID == "" || p.PURL == "" || p.Name == "" {
			t.Errorf("package without id/purl/name: %+v", p)
		}
		if ids[p.ID] {
			t.Errorf("duplicate id %s", p.ID)
		}
		ids[p.ID] = true
		if len(p.Locations) == 0 {
			t.Errorf("package %s has no location", p.ID)
		}
	}
	for _, e := range r.Edges {
		if !ids[e.From] || !ids[e.To] {
			t.Errorf("edge %s -> %s names an unknown id", e.From, e.To)
		}
	}
}

// Fuzz runs e on arbitrary content named name; the fuzzer itself reports
// any panic. Seeds are read from the given files (OS paths).
func Fuzz(f *testing.F, e extract.Extractor, name string, seeds ...string) {
	for _, s := range seeds {
		data, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{name: &fstest.MapFile{Data: data}}
		r, err := e.Extract(context.Background(), &extract.Input{FS: fsys, Path: name, MaxFileSize: 1 << 20})
		if err == nil && r == nil {
			t.Fatal("nil result without error")
		}
	})
}

func dedupe(s []string) []string {
	out := s[:0]
	for i, x := range s {
		if i > 0 && x == s[i-1] {
			continue
		}
		out = append(out, x)
	}
	return out
}

// BadCase is malformed content for a file and the start of the diagnostic
// (file:line:column) it must produce.
type BadCase struct{ Name, Content, Want string }

// BadInput runs e on each case's content as the file named file and checks
// that the extractor fails with an error that has its context ("parsing
// <base name>: ") and a position starting with Want.
func BadInput(t *testing.T, e extract.Extractor, file string, cases []BadCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.Name, func(t *testing.T) {
			r, err := RunFiles(t, e, map[string]string{file: tc.Content}, file)
			if err == nil {
				t.Fatalf("no error; result %+v", r)
			}
			d := diag.Diagnostic(model.SevError, file, e.Name(), err)
			if !strings.HasPrefix(d.String(), tc.Want) {
				t.Errorf("error %q does not start with %q", d.String(), tc.Want)
			}
			if ctx := "parsing " + path.Base(file) + ": "; !strings.HasPrefix(err.Error(), ctx) {
				t.Errorf("error %q lacks its context %q", err, ctx)
			}
		})
	}
}

// Diagnostics returns the String form of each diagnostic.
func Diagnostics(ds []model.Diagnostic) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.String())
	}
	return out
}

// Want is what a test expects of one extraction, in the summaries of
// Packages, Edges and Diagnostics.
type Want struct {
	Projects    []model.Project
	Packages    []string
	Edges       []string
	Diagnostics []string
}

// Check extracts rel below the OS folder dir and compares the result with
// want (after CheckIntegrity).
func Check(t *testing.T, e extract.Extractor, dir, rel string, want Want) {
	t.Helper()
	r, err := Run(t, e, dir, rel)
	if err != nil {
		t.Fatal(err)
	}
	CheckIntegrity(t, r)
	if diff := cmp.Diff(want.Projects, r.Projects); diff != "" {
		t.Errorf("projects (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want.Packages, Packages(r)); diff != "" {
		t.Errorf("packages (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want.Edges, Edges(r)); diff != "" {
		t.Errorf("edges (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want.Diagnostics, Diagnostics(r.Diagnostics)); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
}
