package conan

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ossaudit/ossaudit/internal/extract/exttest"
	"github.com/ossaudit/ossaudit/model"
)

func TestMatch(t *testing.T) {
	for p, want := range map[string]bool{
		"conan.lock":           true,
		"build/conan.lock":     true,
		"conanfile.txt":        false,
		"conan.lock.json":      false,
		"deps/lockfile.lock":   false,
		"conan.lock/conanfile": false,
	} {
		if got := (Lock{}).Match(p); got != want {
			t.Errorf("Match(%q) = %v, want %v", p, got, want)
		}
	}
}

func TestLock(t *testing.T) {
	tests := []struct {
		name, file string
		project    model.Project
		packages   []string
		edges      []string
		diags      []string
	}{
		{
			name: "Conan 1 graph lock",
			file: "v04/conan.lock",
			project: model.Project{ID: "project:ConanCenter:v04", Ecosystem: model.ConanCenter, Dir: "v04",
				Sources: []string{"v04/conan.lock"}},
			packages: []string{"cmake@3.25.3", "openssl@1.1.1t", "poco@1.12.4", "pyreq@1.0", "zlib@1.2.13"},
			edges: []string{
				"openssl@1.1.1t -> zlib@1.2.13",
				"poco@1.12.4 -> openssl@1.1.1t",
				"poco@1.12.4 -> zlib@1.2.13",
				"project:v04 -> cmake@3.25.3 (development)",
				"project:v04 -> openssl@1.1.1t",
				"project:v04 -> poco@1.12.4",
				"project:v04 -> pyreq@1.0 (development)",
			},
		},
		{
			name: "Conan 2 lock with a conanfile.py",
			file: "v05/conan.lock",
			project: model.Project{ID: "project:ConanCenter:v05", Ecosystem: model.ConanCenter, Name: "imagetool",
				Version: "2.0.1", Dir: "v05", Sources: []string{"v05/conan.lock"}},
			packages: []string{"cmake@3.28.1", "common-recipes@0.3", "fmt@10.2.1", "ninja@1.11.1", "openssl@3.2.1", "zlib@1.3.1"},
			edges: []string{
				"project:v05 -> cmake@3.28.1 (development)",
				"project:v05 -> common-recipes@0.3 (development)",
				"project:v05 -> fmt@10.2.1",
				"project:v05 -> ninja@1.11.1 (development)",
				"project:v05 -> openssl@3.2.1",
				"project:v05 -> zlib@1.3.1",
			},
		},
		{
			name: "Conan 1 lock with package references",
			file: "v02/conan.lock",
			project: model.Project{ID: "project:ConanCenter:v02", Ecosystem: model.ConanCenter, Name: "app", Version: "0.1",
				Dir: "v02", Sources: []string{"v02/conan.lock"}},
			packages: []string{"zlib@1.2.11"},
			edges:    []string{"project:v02 -> zlib@1.2.11"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			exttest.Check(t, Lock{}, "testdata", tt.file, exttest.Want{Projects: []model.Project{tt.project}, Packages: tt.packages, Edges: tt.edges, Diagnostics: tt.diags})
		})
	}
}

func TestPackageDetails(t *testing.T) {
	byID := map[string]model.Package{}
	for _, f := range []string{"v04/conan.lock", "v05/conan.lock", "v02/conan.lock"} {
		r, err := exttest.Run(t, Lock{}, "testdata", f)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range r.Packages {
			byID[p.ID] = p
		}
	}
	want := []model.Package{
		{ID: "pkg:conan/poco@1.12.4?channel=stable&user=mycompany", Ecosystem: model.ConanCenter, Name: "poco",
			Version: "1.12.4", PURL: "pkg:conan/poco@1.12.4?channel=stable&user=mycompany",
			Locations: []model.Location{{Path: "v04/conan.lock", Line: 29}},
			Properties: map[string]string{"conan:rrev": "2a9e3f1e0b4c5d6e7f8091a2b3c4d5e6",
				"conan:package-id": "b5f8d1c2e3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8", "conan:prev": "1"}},
		{ID: "pkg:conan/cmake@3.25.3", Ecosystem: model.ConanCenter, Name: "cmake", Version: "3.25.3",
			PURL: "pkg:conan/cmake@3.25.3", Locations: []model.Location{{Path: "v04/conan.lock", Line: 47}},
			Properties: map[string]string{"conan:rrev": "3aa2fb1b4a6e6d9f5b1a8c7e6d5c4b3a",
				"conan:package-id": "63fead0844576fc02943e16909f08fcdddd6f44b", "conan:prev": "0", "conan:context": "build"}},
		{ID: "pkg:conan/pyreq@1.0?channel=testing&user=user", Ecosystem: model.ConanCenter, Name: "pyreq",
			Version: "1.0", PURL: "pkg:conan/pyreq@1.0?channel=testing&user=user",
			Locations:  []model.Location{{Path: "v04/conan.lock", Line: 14}},
			Properties: map[string]string{"conan:rrev": "d5a2b1c3e4f5a6b7c8d9e0f1a2b3c4d5"}},
		{ID: "pkg:conan/fmt@10.2.1?channel=testing&user=acme", Ecosystem: model.ConanCenter, Name: "fmt",
			Version: "10.2.1", PURL: "pkg:conan/fmt@10.2.1?channel=testing&user=acme",
			Locations:  []model.Location{{Path: "v05/conan.lock", Line: 6}},
			Properties: map[string]string{"conan:rrev": "9199a7a0611866dea5c8849a77467b25"}},
		{ID: "pkg:conan/common-recipes@0.3", Ecosystem: model.ConanCenter, Name: "common-recipes",
			Version: "0.3", PURL: "pkg:conan/common-recipes@0.3",
			Locations:  []model.Location{{Path: "v05/conan.lock", Line: 13}},
			Properties: map[string]string{"conan:rrev": "ab5a6a83d4c5e2f1f4bd2fdc6d1a5c43"}},
		{ID: "pkg:conan/zlib@1.2.11?channel=stable&user=conan", Ecosystem: model.ConanCenter, Name: "zlib",
			Version: "1.2.11", PURL: "pkg:conan/zlib@1.2.11?channel=stable&user=conan",
			Locations: []model.Location{{Path: "v02/conan.lock", Line: 8}},
			Properties: map[string]string{"conan:rrev": "0",
				"conan:package-id": "6af9cc7cb931c5ad942174fd7838eb655717c709", "conan:prev": "0"}},
	}
	for _, w := range want {
		if diff := cmp.Diff(w, byID[w.ID]); diff != "" {
			t.Errorf("%s (-want +got):\n%s", w.ID, diff)
		}
	}
}

func TestParseRef(t *testing.T) {
	for in, want := range map[string]reference{
		"zlib/1.2.13":                  {name: "zlib", version: "1.2.13"},
		"zlib/1.2.13#abc%1700000000.5": {name: "zlib", version: "1.2.13", rrev: "abc"},
		"poco/1.12.4@corp/stable#abc":  {name: "poco", version: "1.12.4", user: "corp", channel: "stable", rrev: "abc"},
		"zlib/1.2.11@_/_#0:pkgid#prev": {name: "zlib", version: "1.2.11", rrev: "0", packageID: "pkgid", prev: "prev"},
		"boost/[>=1.80 <2]":            {name: "boost", version: "[>=1.80 <2]"},
		"onlyname":                     {name: "onlyname"},
		"lib/1.0@user":                 {name: "lib", version: "1.0", user: "user"},
		"lib/1.0#r%1.0:id#p%2.0":       {name: "lib", version: "1.0", rrev: "r", packageID: "id", prev: "p"},
	} {
		if diff := cmp.Diff(want, parseRef(in), cmp.AllowUnexported(reference{})); diff != "" {
			t.Errorf("parseRef(%q) (-want +got):\n%s", in, diff)
		}
	}
}

func TestPartlyBad(t *testing.T) {
	content := `{
  "version": "0.6",
  "requires": [
    "good/1.0#r1",
    "/1.0",
    "noversion",
    "ranged/[>=1.0]",
    "good/1.0#r1"
  ],
  "build_requires": ["good/1.0#r1"]
}`
	r, err := exttest.RunFiles(t, Lock{}, map[string]string{"conan.lock": content}, "conan.lock")
	if err != nil {
		t.Fatal(err)
	}
	exttest.CheckIntegrity(t, r)
	if diff := cmp.Diff([]string{"good@1.0", "noversion *", "ranged [>=1.0]"}, exttest.Packages(r)); diff != "" {
		t.Errorf("packages (-want +got):\n%s", diff)
	}
	wantEdges := []string{"project:. -> good@1.0", "project:. -> good@1.0 (development)", "project:. -> noversion@", "project:. -> ranged@"}
	if diff := cmp.Diff(wantEdges, exttest.Edges(r)); diff != "" {
		t.Errorf("edges (-want +got):\n%s", diff)
	}
	want := []string{
		"conan.lock:2: warning: conan.lock version 0.6 is not one this reader knows; reading it as version 0.5",
		"conan.lock:5: error: \"/1.0\" is not a Conan reference name/version",
		"conan.lock:6: warning: reference \"noversion\" has no version",
	}
	if diff := cmp.Diff(want, exttest.Diagnostics(r.Diagnostics)); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
	for _, p := range r.Packages {
		if p.Name == "good" {
			locs := []model.Location{{Path: "conan.lock", Line: 4}, {Path: "conan.lock", Line: 8}, {Path: "conan.lock", Line: 10}}
			if diff := cmp.Diff(locs, p.Locations); diff != "" {
				t.Errorf("locations of good (-want +got):\n%s", diff)
			}
		}
	}
}

func TestGraphProblems(t *testing.T) {
	content := `{
 "graph_lock": {
  "nodes": {
   "1": {"ref": "a/1.0", "requires": ["7"]},
   "2": {"ref": "", "requires": ["1"]}
  }
 },
 "version": "0.4"
}`
	r, err := exttest.RunFiles(t, Lock{}, map[string]string{"conan.lock": content}, "conan.lock")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"a@1.0"}, exttest.Packages(r)); diff != "" {
		t.Errorf("packages (-want +got):\n%s", diff)
	}
	if len(r.Edges) != 0 {
		t.Errorf("edges %v, want none", exttest.Edges(r))
	}
	want := []string{
		"conan.lock:3: warning: graph lock has no node 0 (the consumer); no package is marked direct",
		"conan.lock:5: error: \"\" is not a Conan reference name/version",
		"conan.lock:4: warning: node 1 requires node 7, which the graph lock does not list",
	}
	if diff := cmp.Diff(want, exttest.Diagnostics(r.Diagnostics)); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
}

func TestBadInput(t *testing.T) {
	exttest.BadInput(t, Lock{}, "conan.lock", []exttest.BadCase{
		{Name: "truncated", Content: "{\n \"version\": \"0.5\",\n \"requires\": [\n  \"zlib/1.3", Want: "conan.lock:4:"},
		{Name: "binary", Content: "\x00\x01\x02", Want: "conan.lock:1:1"},
		{Name: "empty", Content: "", Want: "conan.lock"},
		{Name: "requires not a list", Content: "{\n  \"version\": \"0.5\",\n  \"requires\": \"zlib/1.3\"\n}", Want: "conan.lock:3:"},
		{Name: "too deep", Content: `{"x":` + strings.Repeat("[", 100) + strings.Repeat("]", 100) + "}", Want: "conan.lock:1:"},
	})
}

func FuzzLock(f *testing.F) {
	exttest.Fuzz(f, Lock{}, "conan.lock", "testdata/v04/conan.lock", "testdata/v05/conan.lock", "testdata/v02/conan.lock")
}
