package pypi

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ossaudit/ossaudit/internal/extract"
)

func TestMatch(t *testing.T) {
	tests := []struct {
		path string
		want string // extractor name, "" for none
	}{
		{"requirements.txt", "pypi/requirements"},
		{"app/requirements-dev.txt", "pypi/requirements"},
		{"dev-requirements.txt", "pypi/requirements"},
		{"requirements/base.txt", "pypi/requirements"},
		{"svc/requirements/test.txt", "pypi/requirements"},
		{"constraints.txt", "pypi/requirements"},
		{"constraints-py312.txt", "pypi/requirements"},
		{"requirements.in", ""},
		{"notes.txt", ""},
		{"poetry.lock", "pypi/poetry-lock"},
		{"a/b/poetry.lock", "pypi/poetry-lock"},
		{"Pipfile.lock", "pypi/pipfile-lock"},
		{"Pipfile", ""},
		{"uv.lock", "pypi/uv-lock"},
		{"pdm.lock", "pypi/pdm-lock"},
		{"pylock.toml", "pypi/pylock"},
		{"x/pylock.dev.toml", "pypi/pylock"},
		{"pylock..toml", ""},
		{"pyproject.toml", ""},
		{"lib/python3.12/site-packages/x-1.0.dist-info/METADATA", ""},
	}
	for _, tt := range tests {
		var got []string
		for _, e := range Extractors() {
			if e.Match(tt.path) {
				got = append(got, e.Name())
			}
		}
		var want []string
		if tt.want != "" {
			want = []string{tt.want}
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Match(%q) (-want +got):\n%s", tt.path, diff)
		}
	}
}

func TestExtractorsContract(t *testing.T) {
	var names []string
	for _, e := range Extractors() {
		names = append(names, e.Name())
		if !strings.HasPrefix(e.Name(), "pypi/") || e.Description() == "" || e.Ecosystem() != eco {
			t.Errorf("%s: bad name, description or ecosystem", e.Name())
		}
		_, installed := e.(extract.InstalledReader)
		if installed != (e.Kind() == extract.KindInstalled) {
			t.Errorf("%s: kind %s but InstalledReader=%v", e.Name(), e.Kind(), installed)
		}
	}
	want := []string{"pypi/requirements", "pypi/poetry-lock", "pypi/pipfile-lock", "pypi/uv-lock", "pypi/pdm-lock", "pypi/pylock", "pypi/installed"}
	if diff := cmp.Diff(want, names); diff != "" {
		t.Errorf("Extractors() (-want +got):\n%s", diff)
	}
}

func TestMatchInstalled(t *testing.T) {
	ir := installedExtractor{}
	for dir, want := range map[string]bool{
		".venv/lib/python3.12/site-packages":   true,
		"usr/lib/python3/dist-packages":        true,
		"site-packages":                        true,
		"venv/Lib/site-packages":               true,
		".venv/lib/python3.12":                 false,
		"site-packages/requests":               false,
		"node_modules":                         false,
		"lib/python3.12/site-packages-old/foo": false,
	} {
		if got := ir.MatchInstalled(dir); got != want {
			t.Errorf("MatchInstalled(%q) = %v, want %v", dir, got, want)
		}
	}
}

func TestEnvProjectDir(t *testing.T) {
	r, err := installedExtractor{}.Extract(t.Context(), &extract.Input{FS: memFS(map[string]string{
		"usr/lib/python3/dist-packages/six-1.16.0.dist-info/METADATA": "Name: six\nVersion: 1.16.0\n",
	}), Path: "usr/lib/python3/dist-packages"})
	if err != nil {
		t.Fatal(err)
	}
	if got := summarize(r).Projects; !cmp.Equal(got, []string{"project:PyPI:usr name= version= dir=usr ws= sources=usr/lib/python3/dist-packages"}) {
		t.Errorf("projects = %q", got)
	}
}
