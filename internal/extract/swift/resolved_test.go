package swift

import (
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ossaudit/ossaudit/internal/extract/exttest"
	"github.com/ossaudit/ossaudit/model"
)

const xcodeFile = "xcode/Weather.xcodeproj/project.xcworkspace/xcshareddata/swiftpm/Package.resolved"

func TestMatch(t *testing.T) {
	for p, want := range map[string]bool{
		"Package.resolved":     true,
		xcodeFile:              true,
		"Package.swift":        false,
		"package.resolved":     false,
		"Package.resolved.old": false,
	} {
		if got := (Resolved{}).Match(p); got != want {
			t.Errorf("Match(%q) = %v, want %v", p, got, want)
		}
	}
}

func TestResolved(t *testing.T) {
	tests := []struct {
		name, file string
		project    model.Project
		packages   []string
		diags      []string
	}{
		{
			name: "version 1 with a Package.swift beside it",
			file: "v1/Package.resolved",
			project: model.Project{ID: "project:SwiftURL:v1", Ecosystem: model.SwiftURL, Name: "yaml-tool", Dir: "v1",
				Sources: []string{"v1/Package.resolved"}},
			packages: []string{"github.com/apple/swift-argument-parser@0.5.0", "github.com/jpsim/Yams@4.0.6"},
		},
		{
			name: "version 2 with branch and revision pins and ssh URLs",
			file: "v2/Package.resolved",
			project: model.Project{ID: "project:SwiftURL:v2", Ecosystem: model.SwiftURL, Dir: "v2",
				Sources: []string{"v2/Package.resolved"}},
			packages: []string{
				"git.example.com:7999/Mobile/Internal-Kit 0d1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c",
				"github.com/apple/swift-log@1.5.3",
				"github.com/apple/swift-nio main@fc63f0cf4e55a4597407a9fc95b16a2bc44b4982",
			},
		},
		{
			name: "version 3 with registry and local pins",
			file: "v3/Package.resolved",
			project: model.Project{ID: "project:SwiftURL:v3", Ecosystem: model.SwiftURL, Dir: "v3",
				Sources: []string{"v3/Package.resolved"}},
			packages: []string{
				"github.com/apple/swift-collections@1.1.0",
				"mona.linkedlist@1.1.0",
				"shared-models /Users/dev/src/shared-models",
			},
		},
		{
			name: "inside an Xcode project",
			file: xcodeFile,
			project: model.Project{ID: "project:SwiftURL:xcode", Ecosystem: model.SwiftURL, Name: "Weather", Dir: "xcode",
				Sources: []string{xcodeFile}},
			packages: []string{"github.com/Alamofire/Alamofire@5.9.1"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := exttest.Run(t, Resolved{}, "testdata", tt.file)
			if err != nil {
				t.Fatal(err)
			}
			exttest.CheckIntegrity(t, r)
			if diff := cmp.Diff([]model.Project{tt.project}, r.Projects); diff != "" {
				t.Errorf("projects (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.packages, exttest.Packages(r)); diff != "" {
				t.Errorf("packages (-want +got):\n%s", diff)
			}
			// Every pin is a direct runtime dependency of the project.
			var edges []string
			for _, p := range r.Packages {
				edges = append(edges, "project:"+tt.project.Dir+" -> "+p.Name+"@"+p.Version)
			}
			if diff := cmp.Diff(exttest.Edges(r), edges, sortStrings); diff != "" {
				t.Errorf("edges (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.diags, exttest.Diagnostics(r.Diagnostics)); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
		})
	}
}

var sortStrings = cmp.Transformer("sort", func(in []string) []string {
	out := append([]string(nil), in...)
	sort.Strings(out)
	return out
})

func TestPackageDetails(t *testing.T) {
	byID := map[string]model.Package{}
	for _, f := range []string{"v1/Package.resolved", "v2/Package.resolved", "v3/Package.resolved"} {
		r, err := exttest.Run(t, Resolved{}, "testdata", f)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range r.Packages {
			byID[p.ID] = p
		}
	}
	want := []model.Package{
		{
			ID: "pkg:swift/github.com/jpsim/Yams@4.0.6", Ecosystem: model.SwiftURL, Name: "github.com/jpsim/Yams",
			NormalizedName: "github.com/jpsim/yams", Version: "4.0.6", PURL: "pkg:swift/github.com/jpsim/Yams@4.0.6",
			Locations:  []model.Location{{Path: "v1/Package.resolved", Line: 14}},
			Properties: map[string]string{"swift:identity": "Yams", "swift:revision": "9ff1cc9327586db4e0c8f46f064b6a82ec1566fa"},
		},
		{
			ID:   "pkg:swift/github.com/apple/swift-nio#main@fc63f0cf4e55a4597407a9fc95b16a2bc44b4982",
			Name: "github.com/apple/swift-nio", Ecosystem: model.SwiftURL, PURL: "pkg:swift/github.com/apple/swift-nio",
			Requirement: "main@fc63f0cf4e55a4597407a9fc95b16a2bc44b4982", Unresolved: "pinned to a branch, not to a version",
			Locations: []model.Location{{Path: "v2/Package.resolved", Line: 13}},
			Properties: map[string]string{"swift:identity": "swift-nio", "swift:kind": "remoteSourceControl",
				"swift:branch": "main", "swift:revision": "fc63f0cf4e55a4597407a9fc95b16a2bc44b4982"},
		},
		{
			ID:   "pkg:swift/git.example.com:7999/Mobile/Internal-Kit#0d1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c",
			Name: "git.example.com:7999/Mobile/Internal-Kit", NormalizedName: "git.example.com:7999/mobile/internal-kit",
			Ecosystem: model.SwiftURL, PURL: "pkg:swift/git.example.com:7999/Mobile/Internal-Kit",
			Requirement: "0d1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c", Unresolved: "pinned to a revision, not to a version",
			Locations: []model.Location{{Path: "v2/Package.resolved", Line: 22}},
			Properties: map[string]string{"swift:identity": "internal-kit", "swift:kind": "remoteSourceControl",
				"swift:revision": "0d1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c"},
		},
		{
			ID: "pkg:swift/mona/linkedlist@1.1.0", Ecosystem: model.SwiftURL, Name: "mona.linkedlist", Version: "1.1.0",
			PURL: "pkg:swift/mona/linkedlist@1.1.0", Locations: []model.Location{{Path: "v3/Package.resolved", Line: 14}},
			Properties: map[string]string{"swift:identity": "mona.linkedlist", "swift:kind": "registry"},
		},
		{
			ID: "pkg:swift/shared-models#/Users/dev/src/shared-models", Ecosystem: model.SwiftURL, Name: "shared-models",
			PURL: "pkg:swift/shared-models", Requirement: "/Users/dev/src/shared-models",
			Unresolved: "local package: built from source on this machine",
			Locations:  []model.Location{{Path: "v3/Package.resolved", Line: 22}},
			Properties: map[string]string{"swift:identity": "shared-models", "swift:kind": "localSourceControl",
				"swift:revision": "a4c7d1e2f3b4a5c6d7e8f9a0b1c2d3e4f5a6b7c8"},
		},
	}
	for _, w := range want {
		if diff := cmp.Diff(w, byID[w.ID]); diff != "" {
			t.Errorf("%s (-want +got):\n%s", w.ID, diff)
		}
	}
}

func TestSplitRepoURL(t *testing.T) {
	for in, want := range map[string][2]string{
		"https://github.com/apple/swift-nio.git":     {"github.com", "apple/swift-nio"},
		"https://GitHub.com/apple/swift-nio/":        {"github.com", "apple/swift-nio"},
		"git@github.com:apple/swift-nio.git":         {"github.com", "apple/swift-nio"},
		"ssh://git@gitlab.example.com/a/b/c.git":     {"gitlab.example.com", "a/b/c"},
		"https://user:tok@host.example/x/y?ref=main": {"host.example", "x/y"},
		"https://host.example":                       {"host.example", ""},
		"/local/path":                                {"", ""},
		"not a url":                                  {"", ""},
	} {
		h, r := splitRepoURL(in)
		if got := [2]string{h, r}; got != want {
			t.Errorf("splitRepoURL(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPartlyBad(t *testing.T) {
	content := `{
  "pins" : [
    { "identity" : "good", "kind" : "remoteSourceControl", "location" : "https://example.com/o/good.git",
      "state" : { "version" : "1.0.0" } },
    { "identity" : "nowhere", "kind" : "remoteSourceControl", "location" : "nowhere",
      "state" : { "version" : "1.0.0" } },
    { "identity" : "badregistry", "kind" : "registry", "location" : "",
      "state" : { "version" : "1.0.0" } },
    { "identity" : "bare", "kind" : "remoteSourceControl", "location" : "https://example.com/o/bare",
      "state" : { } },
    { "identity" : "good", "kind" : "remoteSourceControl", "location" : "https://example.com/o/good",
      "state" : { "version" : "1.0.0" } }
  ],
  "version" : 9
}`
	r, err := exttest.RunFiles(t, Resolved{}, map[string]string{"Package.resolved": content}, "Package.resolved")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"example.com/o/bare *", "example.com/o/good@1.0.0"}, exttest.Packages(r)); diff != "" {
		t.Errorf("packages (-want +got):\n%s", diff)
	}
	want := []string{
		"Package.resolved:14: warning: Package.resolved version \"9\" is not one this reader knows (1 to 3); reading it by its layout",
		"Package.resolved:5: error: pin \"nowhere\" has no repository URL this reader understands: \"nowhere\"",
		"Package.resolved:7: error: registry pin \"badregistry\" is not scope.name",
		"Package.resolved:9: warning: pin example.com/o/bare has neither version, branch nor revision",
	}
	if diff := cmp.Diff(want, exttest.Diagnostics(r.Diagnostics)); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
	var good model.Package
	for _, p := range r.Packages {
		if p.Version != "" {
			good = p
		}
	}
	wantLocs := []model.Location{{Path: "Package.resolved", Line: 3}, {Path: "Package.resolved", Line: 11}}
	if diff := cmp.Diff(wantLocs, good.Locations); diff != "" {
		t.Errorf("merged locations (-want +got):\n%s", diff)
	}
}

func TestBadInput(t *testing.T) {
	exttest.BadInput(t, Resolved{}, "Package.resolved", []exttest.BadCase{
		{Name: "truncated", Content: "{\n  \"pins\" : [\n    {\n      \"identity\" : \"a\",", Want: "Package.resolved:4:"},
		{Name: "binary", Content: "\x00\x01\x02", Want: "Package.resolved:1:1"},
		{Name: "empty", Content: "", Want: "Package.resolved"},
		{Name: "pins not a list", Content: "{\n  \"pins\": {}\n}", Want: "Package.resolved:2:"},
		{Name: "too deep", Content: `{"x":` + strings.Repeat("[", 100) + strings.Repeat("]", 100) + "}", Want: "Package.resolved:1:"},
	})
}

func FuzzResolved(f *testing.F) {
	exttest.Fuzz(f, Resolved{}, "Package.resolved", "testdata/v1/Package.resolved", "testdata/v2/Package.resolved",
		"testdata/v3/Package.resolved", "testdata/"+xcodeFile)
}
