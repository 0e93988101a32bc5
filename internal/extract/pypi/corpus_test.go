package pypi

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ossaudit/ossaudit/internal/extract"
	"github.com/ossaudit/ossaudit/internal/extract/exttest"
)

// corpusDir returns the folder of the shared corpus, or skips the test.
func corpusDir(t *testing.T, sub string) string {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "..", "shared", "corpus", sub)
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("corpus %s not available: %v", sub, err)
	}
	return dir
}

var entryRE = regexp.MustCompile(`(?m)^\[\[package\]\]\r?\nname = "([^"]+)"\r?\nversion = "([^"]+)"`)

// lockEntries lists "name@version" of every [[package]] entry of a TOML
// lockfile by a plain regular expression, independently of the extractor.
func lockEntries(t *testing.T, file string) []string {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range entryRE.FindAllStringSubmatch(string(data), -1) {
		out = append(out, normalize(m[1])+"@"+m[2])
	}
	sort.Strings(out)
	return out
}

// got lists "name@version" of the packages and projects of r.
func gotEntries(r *extract.Result) []string {
	var out []string
	for _, p := range r.Packages {
		out = append(out, p.Key()+"@"+p.Version)
	}
	for _, p := range r.Projects {
		if p.Name != "" {
			out = append(out, normalize(p.Name)+"@"+p.Version)
		}
	}
	sort.Strings(out)
	return out
}

func directCount(r *extract.Result, project string) int {
	n := 0
	for _, e := range r.Edges {
		if e.From == project {
			n++
		}
	}
	return n
}

func TestCorpusPoetry(t *testing.T) {
	dir := corpusDir(t, "poetry")
	r, err := exttest.Run(t, poetryExtractor{}, dir, "poetry.lock")
	if err != nil {
		t.Fatal(err)
	}
	exttest.CheckIntegrity(t, r)
	want := lockEntries(t, filepath.Join(dir, "poetry.lock"))
	if len(want) != 78 {
		t.Errorf("regexp found %d entries, want 78", len(want))
	}
	var got []string
	for _, p := range r.Packages {
		got = append(got, p.Key()+"@"+p.Version)
	}
	sort.Strings(got)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("packages (-regexp +extractor):\n%s", diff)
	}
	// pyproject.toml declares 22 [project] dependencies, 1 dev, 10 test,
	// 2 typing and 1 github-actions dependency.
	if n := directCount(r, r.Projects[0].ID); n != 36 {
		t.Errorf("%d direct edges, want 36", n)
	}
	if len(r.Diagnostics) != 0 {
		t.Errorf("diagnostics: %v", r.Diagnostics)
	}
	if r.Projects[0].Name != "poetry" {
		t.Errorf("project name %q", r.Projects[0].Name)
	}
}

func TestCorpusUV(t *testing.T) {
	dir := corpusDir(t, "paperless-ngx")
	r, err := exttest.Run(t, uvExtractor{}, dir, "uv.lock")
	if err != nil {
		t.Fatal(err)
	}
	exttest.CheckIntegrity(t, r)
	want := lockEntries(t, filepath.Join(dir, "uv.lock"))
	if len(want) != 276 {
		t.Errorf("regexp found %d entries, want 276", len(want))
	}
	if diff := cmp.Diff(want, gotEntries(r)); diff != "" {
		t.Errorf("packages and projects (-regexp +extractor):\n%s", diff)
	}
	if len(r.Projects) != 1 || r.Projects[0].Name != "paperless-ngx" {
		t.Errorf("projects: %+v", r.Projects)
	}
	// Counted with Python's tomllib: the project's dependencies,
	// optional-dependencies and dev-dependencies give 121 distinct
	// (target, scope) pairs (the dev groups dev/docs/lint/typing share
	// the development scope, testing is test).
	if n := directCount(r, r.Projects[0].ID); n != 121 {
		t.Errorf("%d direct edges, want 121", n)
	}
	if len(r.Diagnostics) != 0 {
		t.Errorf("diagnostics: %v", r.Diagnostics)
	}
}

func TestCorpusRequirements(t *testing.T) {
	dir := corpusDir(t, "argo-cd")
	r, err := exttest.Run(t, requirementsExtractor{}, dir, "docs/requirements.txt")
	if err != nil {
		t.Fatal(err)
	}
	exttest.CheckIntegrity(t, r)
	want := []string{
		"jinja2@3.1.6", "markdown@3.10.3", "markdown_include@0.8.1", "mkdocs-github-admonitions-plugin@0.1.1",
		"mkdocs-material@7.1.8", "mkdocs@1.6.1", "pygments@2.21.0", "pymdown-extensions@11.0.2",
	}
	if diff := cmp.Diff(want, exttest.Direct(r)); diff != "" {
		t.Errorf("direct (-want +got):\n%s", diff)
	}
	if len(r.Diagnostics) != 0 {
		t.Errorf("diagnostics: %v", r.Diagnostics)
	}
}
