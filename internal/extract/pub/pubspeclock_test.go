package pub

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ossaudit/ossaudit/internal/extract/exttest"
	"github.com/ossaudit/ossaudit/model"
)

func TestMatch(t *testing.T) {
	for p, want := range map[string]bool{
		"pubspec.lock":             true,
		"apps/mobile/pubspec.lock": true,
		"pubspec.yaml":             false,
		"pubspec.lock.bak":         false,
		"my_pubspec.lock":          false,
	} {
		if got := (PubspecLock{}).Match(p); got != want {
			t.Errorf("Match(%q) = %v, want %v", p, got, want)
		}
	}
}

func TestPubspecLock(t *testing.T) {
	tests := []struct {
		name, file string
		project    model.Project
		projects   []model.Project // when there are several
		packages   []string
		edges      []string
		diags      []string
	}{
		{
			name: "flutter app with every source",
			file: "app/pubspec.lock",
			project: model.Project{ID: "project:Pub:app", Ecosystem: model.Pub, Name: "weather_app", Version: "1.2.0+7",
				Dir: "app", Sources: []string{"app/pubspec.lock"}},
			packages: []string{
				"async@2.11.0",
				"flutter sdk:flutter",
				"flutter_test sdk:flutter",
				"http@1.2.0",
				"lints@3.0.0",
				"markdown_view@0.3.1",
				"meta@1.10.0",
				"shared_widgets ../shared_widgets",
				"sky_engine sdk:flutter",
			},
			edges: []string{
				"project:app -> flutter@",
				"project:app -> flutter_test@ (development)",
				"project:app -> http@1.2.0",
				"project:app -> lints@3.0.0 (development)",
				"project:app -> markdown_view@0.3.1",
				"project:app -> meta@1.10.0",
				"project:app -> shared_widgets@",
			},
		},
		{
			name: "older lockfile without hashes and without pubspec.yaml",
			file: "old/pubspec.lock",
			project: model.Project{ID: "project:Pub:old", Ecosystem: model.Pub, Dir: "old",
				Sources: []string{"old/pubspec.lock"}},
			packages: []string{"args@2.3.1", "path@1.8.2", "test@1.21.4"},
			edges:    []string{"project:old -> args@2.3.1", "project:old -> test@1.21.4 (development)"},
		},
		{
			name: "workspace with members listed by path and by glob",
			file: "workspace/pubspec.lock",
			projects: []model.Project{
				{ID: "project:Pub:workspace", Ecosystem: model.Pub, Name: "monorepo", Dir: "workspace",
					Sources: []string{"workspace/pubspec.lock"}},
				{ID: "project:Pub:workspace/pkgs/app", Ecosystem: model.Pub, Name: "app", Version: "0.2.0",
					Dir: "workspace/pkgs/app", Workspace: "project:Pub:workspace",
					Sources: []string{"workspace/pubspec.lock", "workspace/pkgs/app/pubspec.yaml"}},
				{ID: "project:Pub:workspace/pkgs/core", Ecosystem: model.Pub, Name: "core", Version: "1.0.0",
					Dir: "workspace/pkgs/core", Workspace: "project:Pub:workspace",
					Sources: []string{"workspace/pubspec.lock", "workspace/pkgs/core/pubspec.yaml"}},
			},
			packages: []string{"collection@1.18.0", "http@1.2.2", "lints@5.0.0", "meta@1.15.0", "test@1.25.8"},
			edges: []string{
				"project:workspace -> lints@5.0.0 (development)",
				"project:workspace/pkgs/app -> http@1.2.2",
				"project:workspace/pkgs/app -> test@1.25.8 (development)",
				"project:workspace/pkgs/core -> collection@1.18.0",
				"project:workspace/pkgs/core -> http@1.2.2",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.projects == nil {
				tt.projects = []model.Project{tt.project}
			}
			exttest.Check(t, PubspecLock{}, "testdata", tt.file, exttest.Want{Projects: tt.projects, Packages: tt.packages, Edges: tt.edges, Diagnostics: tt.diags})
		})
	}
}

func TestPackageDetails(t *testing.T) {
	r, err := exttest.Run(t, PubspecLock{}, "testdata", "app/pubspec.lock")
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]model.Package{}
	for _, p := range r.Packages {
		byName[p.Name] = p
	}
	loc := func(line int) []model.Location { return []model.Location{{Path: "app/pubspec.lock", Line: line}} }
	want := []model.Package{
		{ID: "pkg:pub/http@1.2.0", Ecosystem: model.Pub, Name: "http", Version: "1.2.0", PURL: "pkg:pub/http@1.2.0",
			Locations: loc(22), Properties: map[string]string{
				"pub:sha256": "a2bbf9d017fcced29139daa8ed2bba4ece450ab222871df93ca9eec6f80c34ba", "pub:url": "https://pub.dev"}},
		{ID: "pkg:pub/flutter#sdk:flutter", Ecosystem: model.Pub, Name: "flutter", PURL: "pkg:pub/flutter",
			Requirement: "sdk:flutter", Unresolved: "ships with the flutter SDK, whose version the lockfile does not record",
			Locations: loc(12), Properties: map[string]string{
				"pub:source": "sdk", "pub:sdk": "flutter", "pub:sdk-constraint": ">=3.16.0", "pub:version": "0.0.0"}},
		{ID: "pkg:pub/markdown_view@0.3.1", Ecosystem: model.Pub, Name: "markdown_view", Version: "0.3.1",
			PURL: "pkg:pub/markdown_view@0.3.1", Locations: loc(38), Properties: map[string]string{
				"pub:source": "git", "pub:git-ref": "main", "pub:resolved-ref": "9c7b3f0e2a1d4c5b6a7980f1e2d3c4b5a6978877",
				"pub:url": "https://github.com/example/markdown_view.git"}},
		{ID: "pkg:pub/shared_widgets#../shared_widgets", Ecosystem: model.Pub, Name: "shared_widgets",
			PURL: "pkg:pub/shared_widgets", Requirement: "../shared_widgets",
			Unresolved: "path dependency: built from source in this tree", Locations: loc(55),
			Properties: map[string]string{"pub:source": "path", "pub:version": "0.1.0"}},
		{ID: "pkg:pub/meta@1.10.0", Ecosystem: model.Pub, Name: "meta", Version: "1.10.0", PURL: "pkg:pub/meta@1.10.0",
			Locations: loc(47), Properties: map[string]string{"pub:overridden": "true",
				"pub:sha256": "a6e590c838b18133bb482a2745ad77c5bb7715fb0451209e1a7567d416678b8e", "pub:url": "https://pub.dev"}},
	}
	for _, w := range want {
		if diff := cmp.Diff(w, byName[w.Name]); diff != "" {
			t.Errorf("%s (-want +got):\n%s", w.Name, diff)
		}
	}
}

func TestPartlyBad(t *testing.T) {
	content := `packages:
  good:
    dependency: "direct main"
    description:
      name: good
      url: "https://pub.dev"
    source: hosted
    version: "1.0.0"
  bad:
    dependency: transitive
    source: hosted
    version: [1, 2]
  odd:
    dependency: "direct sideways"
    description:
      name: odd
    source: hosted
  ? [complex, key]
  : {}
sdks:
  dart: ">=3.0.0 <4.0.0"
`
	r, err := exttest.RunFiles(t, PubspecLock{}, map[string]string{"pubspec.lock": content}, "pubspec.lock")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"good@1.0.0", "odd *"}, exttest.Packages(r)); diff != "" {
		t.Errorf("packages (-want +got):\n%s", diff)
	}
	want := []string{
		"pubspec.lock:9: error: cannot read package bad: pubspec.lock:12: yaml: unmarshal errors:\n  line 12: cannot unmarshal !!seq into string",
		"pubspec.lock:13: warning: package odd has no version",
		"pubspec.lock:13: warning: package odd has an unknown dependency kind \"direct sideways\"; read as transitive",
		"pubspec.lock:18: error: package key is not a name",
	}
	if diff := cmp.Diff(want, exttest.Diagnostics(r.Diagnostics)); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
}

func TestBadInput(t *testing.T) {
	exttest.BadInput(t, PubspecLock{}, "pubspec.lock", []exttest.BadCase{
		{Name: "truncated flow", Content: "packages:\n  a: {dependency: transitive,\n", Want: "pubspec.lock:2: error: yaml: line 2: did not find expected node content"},
		{Name: "binary", Content: "\x00\x01\x02\xff\xfe", Want: "pubspec.lock"},
		{Name: "not a mapping", Content: "- a\n- b\n", Want: "pubspec.lock:1:"},
		{Name: "packages is a list", Content: "packages:\n  - a\n", Want: "pubspec.lock:2:"},
		{Name: "bad indentation", Content: "packages:\n  a:\n    version: 1\n   source: x\n", Want: "pubspec.lock:1: error: yaml: line 1: did not find expected key"},
		{Name: "too deep", Content: "packages: " + strings.Repeat("[", 20000), Want: "pubspec.lock: error: yaml: exceeded max depth of 10000"},
	})
}

func TestEmpty(t *testing.T) {
	for _, content := range []string{"packages: {}\nsdks:\n  dart: \">=3.0.0\"\n", "packages:\n", "# only a comment\nsdks: {}\n"} {
		r, err := exttest.RunFiles(t, PubspecLock{}, map[string]string{"pubspec.lock": content}, "pubspec.lock")
		if err != nil {
			t.Errorf("%q: %v", content, err)
			continue
		}
		if len(r.Projects) != 1 || len(r.Packages) != 0 || len(r.Edges) != 0 {
			t.Errorf("%q: got %d projects, %d packages, %d edges; want 1, 0, 0", content, len(r.Projects), len(r.Packages), len(r.Edges))
		}
	}
}

func FuzzPubspecLock(f *testing.F) {
	exttest.Fuzz(f, PubspecLock{}, "pubspec.lock", "testdata/app/pubspec.lock", "testdata/old/pubspec.lock",
		"testdata/workspace/pubspec.lock")
}
