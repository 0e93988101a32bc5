package pypi

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/ossaudit/ossaudit/internal/extract"
	"github.com/ossaudit/ossaudit/internal/extract/exttest"
)

// view is a result summarised for cmp.Diff.
type view struct {
	Projects []string
	// Packages are "purl-or-id | requirement | reason | scope | locations | properties".
	Packages    []string
	Edges       []string
	Diagnostics []string
}

func summarize(r *extract.Result) view {
	var v view
	for _, p := range r.Projects {
		v.Projects = append(v.Projects, fmt.Sprintf("%s name=%s version=%s dir=%s ws=%s sources=%s", p.ID, p.Name, p.Version, p.Dir, p.Workspace, strings.Join(p.Sources, ",")))
	}
	for _, p := range r.Packages {
		var locs []string
		for _, l := range p.Locations {
			locs = append(locs, l.String())
		}
		var props []string
		for k, val := range p.Properties {
			props = append(props, k+"="+val)
		}
		sort.Strings(props)
		s := fmt.Sprintf("%s | %s", p.ID, p.Name)
		if p.Version == "" {
			s += fmt.Sprintf(" | %s | %s", p.Requirement, p.Unresolved)
		}
		if p.Scope != "" {
			s += " | scope=" + string(p.Scope)
		}
		s += " | " + strings.Join(locs, ",")
		if len(props) > 0 {
			s += " | " + strings.Join(props, " ")
		}
		v.Packages = append(v.Packages, s)
	}
	sort.Strings(v.Packages)
	v.Edges = edges(r)
	for _, d := range r.Diagnostics {
		v.Diagnostics = append(v.Diagnostics, d.String())
	}
	sort.Strings(v.Diagnostics)
	return v
}

// check runs the common checks and compares the summary with want.
func check(t *testing.T, r *extract.Result, err error, want view) {
	t.Helper()
	if err != nil {
		t.Fatalf("Extract: %v", err)
	}
	exttest.CheckIntegrity(t, r)
	if diff := cmp.Diff(want, summarize(r), cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("result mismatch (-want +got):\n%s", diff)
	}
}

// byName returns the extractor of this package with the given name.
func byName(t testing.TB, name string) extract.Extractor {
	t.Helper()
	for _, e := range Extractors() {
		if e.Name() == name {
			return e
		}
	}
	t.Fatalf("no extractor %s", name)
	return nil
}

// memFS returns an in-memory tree of the given files.
func memFS(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, content := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(content)}
	}
	return fsys
}

// edges summarises r's edges like exttest.Edges, marking indirect ones.
func edges(r *extract.Result) []string {
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
		if e.Scope != "" && e.Scope != "runtime" {
			s += " (" + string(e.Scope) + ")"
		}
		if e.Indirect {
			s += " [indirect]"
		}
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}
