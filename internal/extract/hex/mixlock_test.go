package hex

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ossaudit/ossaudit/internal/extract/exttest"
	"github.com/ossaudit/ossaudit/model"
)

func TestMatch(t *testing.T) {
	for p, want := range map[string]bool{
		"mix.lock":          true,
		"apps/web/mix.lock": true,
		"mix.exs":           false,
		"mix.lock.orig":     false,
	} {
		if got := (MixLock{}).Match(p); got != want {
			t.Errorf("Match(%q) = %v, want %v", p, got, want)
		}
	}
}

func TestMixLock(t *testing.T) {
	tests := []struct {
		name, file string
		project    model.Project
		packages   []string
		edges      []string
		diags      []string
	}{
		{
			name: "current format with a mix.exs",
			file: "app/mix.lock",
			project: model.Project{ID: "project:Hex:app", Ecosystem: model.Hex, Name: "shop", Version: "0.4.2", Dir: "app",
				Sources: []string{"app/mix.lock"}},
			packages: []string{
				"acme_billing@1.2.0", "bunt@1.0.0", "castore@1.0.5", "cowboy@2.10.0", "cowboy_telemetry@0.4.0",
				"cowlib@2.12.1", "credo@1.7.5", "esbuild@0.8.1", "file_system@1.0.0",
				"heroicons https://github.com/tailwindlabs/heroicons.git@88ab3a0d790e6a47404cba02800a6b25d2afae50",
				"jason@1.4.1", "mime@2.0.5", "mox@1.1.0", "plug@1.15.3", "plug_cowboy@2.7.0", "plug_crypto@2.0.0",
				"ranch@1.8.0", "telemetry@1.2.1",
			},
			edges: []string{
				"acme_billing@1.2.0 -> jason@1.4.1",
				"cowboy@2.10.0 -> cowlib@2.12.1",
				"cowboy@2.10.0 -> ranch@1.8.0",
				"cowboy_telemetry@0.4.0 -> cowboy@2.10.0",
				"cowboy_telemetry@0.4.0 -> telemetry@1.2.1",
				"credo@1.7.5 -> bunt@1.0.0",
				"credo@1.7.5 -> file_system@1.0.0",
				"credo@1.7.5 -> jason@1.4.1",
				"esbuild@0.8.1 -> castore@1.0.5",
				"esbuild@0.8.1 -> jason@1.4.1",
				"plug@1.15.3 -> mime@2.0.5",
				"plug@1.15.3 -> plug_crypto@2.0.0",
				"plug@1.15.3 -> telemetry@1.2.1",
				"plug_cowboy@2.7.0 -> cowboy@2.10.0",
				"plug_cowboy@2.7.0 -> cowboy_telemetry@0.4.0",
				"plug_cowboy@2.7.0 -> plug@1.15.3",
				"project:app -> acme_billing@1.2.0",
				"project:app -> credo@1.7.5 (development)",
				"project:app -> esbuild@0.8.1",
				"project:app -> heroicons@",
				"project:app -> jason@1.4.1",
				"project:app -> mox@1.1.0 (test)",
				"project:app -> plug_cowboy@2.7.0",
			},
		},
		{
			name: "old => format without a mix.exs",
			file: "old/mix.lock",
			project: model.Project{ID: "project:Hex:old", Ecosystem: model.Hex, Dir: "old",
				Sources: []string{"old/mix.lock"}},
			packages: []string{"certifi@2.5.1", "hackney@1.15.2", "idna@6.0.0", "parse_trans@3.3.0", "poison@3.1.0",
				"tesla@1.3.0", "unicode_util_compat@0.4.1"},
			edges: []string{
				"certifi@2.5.1 -> parse_trans@3.3.0",
				"hackney@1.15.2 -> certifi@2.5.1",
				"hackney@1.15.2 -> idna@6.0.0",
				"idna@6.0.0 -> unicode_util_compat@0.4.1",
				"project:old -> tesla@1.3.0",
				"tesla@1.3.0 -> hackney@1.15.2 (optional)",
				"tesla@1.3.0 -> poison@3.1.0 (optional)",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			exttest.Check(t, MixLock{}, "testdata", tt.file, exttest.Want{Projects: []model.Project{tt.project}, Packages: tt.packages, Edges: tt.edges, Diagnostics: tt.diags})
		})
	}
}

func TestPackageDetails(t *testing.T) {
	r, err := exttest.Run(t, MixLock{}, "testdata", "app/mix.lock")
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]model.Package{}
	for _, p := range r.Packages {
		byName[p.Name] = p
	}
	loc := func(line int) []model.Location { return []model.Location{{Path: "app/mix.lock", Line: line}} }
	want := []model.Package{
		{ID: "pkg:hex/acme/acme_billing@1.2.0", Ecosystem: model.Hex, Name: "acme_billing", Version: "1.2.0",
			PURL: "pkg:hex/acme/acme_billing@1.2.0", Locations: loc(2), Properties: map[string]string{
				"hex:repo": "hexpm:acme", "hex:build-tools": "mix",
				"hex:inner-checksum": "0f3ab1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0",
				"hex:checksum":       "1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b"}},
		{ID: "pkg:hex/cowboy@2.10.0", Ecosystem: model.Hex, Name: "cowboy", Version: "2.10.0",
			PURL: "pkg:hex/cowboy@2.10.0", Locations: loc(5), Properties: map[string]string{
				"hex:build-tools":    "make,rebar3",
				"hex:inner-checksum": "ff9ffeff91dae4ae270dd975642997afe2a1179d94b1887863e43f681a203e26",
				"hex:checksum":       "3afdccb7183cc6f143cb14d3cf51fa00e53db9ec80cdcd525482f5e99bc41d6b"}},
		{ID: "pkg:hex/heroicons#https://github.com/tailwindlabs/heroicons.git@88ab3a0d790e6a47404cba02800a6b25d2afae50",
			Ecosystem: model.Hex, Name: "heroicons", PURL: "pkg:hex/heroicons",
			Requirement: "https://github.com/tailwindlabs/heroicons.git@88ab3a0d790e6a47404cba02800a6b25d2afae50",
			Unresolved:  "git dependency: pinned to a commit, not to a Hex version", Locations: loc(11),
			Properties: map[string]string{"hex:git-url": "https://github.com/tailwindlabs/heroicons.git",
				"hex:git-ref": "88ab3a0d790e6a47404cba02800a6b25d2afae50", "hex:git-tag": "v2.1.1"}},
	}
	for _, w := range want {
		if diff := cmp.Diff(w, byName[w.Name]); diff != "" {
			t.Errorf("%s (-want +got):\n%s", w.Name, diff)
		}
	}
}

func TestPartlyBad(t *testing.T) {
	content := `%{
  # a comment
  "a": {:hex, :a_pkg, "1.0.0", "x", [:mix], [{:b, "~> 1.0", [hex: :b, repo: "hexpm", optional: false]}, {:gone, "~> 2.0", [hex: :gone_pkg, repo: "hexpm", optional: false]}, {:maybe, "~> 1.0", [hex: :maybe, repo: "hexpm", optional: true]}, :junk], "hexpm", "y"},
  "b": {:hex, :b, "1.1.0"},
  "c": [:not, :a, :tuple],
  "d": {:hex, :d},
  "e": {:path, "../e"},
  "f": {:git, "", "abc", []},
  :g => {:hex, :g, "0.1.0", "z", [:mix], :notalist, "hexpm"},
  "b": {:hex, :b, "1.1.0"},
}`
	r, err := exttest.RunFiles(t, MixLock{}, map[string]string{"mix.lock": content}, "mix.lock")
	if err != nil {
		t.Fatal(err)
	}
	exttest.CheckIntegrity(t, r)
	if diff := cmp.Diff([]string{"a_pkg@1.0.0", "b@1.1.0", "e path", "g@0.1.0", "gone_pkg ~> 2.0"}, exttest.Packages(r)); diff != "" {
		t.Errorf("packages (-want +got):\n%s", diff)
	}
	wantEdges := []string{"a_pkg@1.0.0 -> b@1.1.0", "a_pkg@1.0.0 -> gone_pkg@", "project:. -> a_pkg@1.0.0",
		"project:. -> e@", "project:. -> g@0.1.0"}
	if diff := cmp.Diff(wantEdges, exttest.Edges(r)); diff != "" {
		t.Errorf("edges (-want +got):\n%s", diff)
	}
	want := []string{
		"mix.lock:3: warning: a dependency of a is not a {:name, requirement, options} tuple",
		"mix.lock:5: error: package c is not a {:scm, ...} tuple",
		"mix.lock:6: error: hex package d lacks a name or version",
		"mix.lock:7: warning: package e comes from path, a source this reader does not know",
		"mix.lock:8: error: git package f has no URL",
		"mix.lock:9: warning: the dependencies of g are not a list",
		"mix.lock:10: warning: package b is listed twice; using the last entry",
		"mix.lock:3: warning: a depends on gone, which mix.lock does not list",
	}
	if diff := cmp.Diff(want, exttest.Diagnostics(r.Diagnostics)); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
	var a model.Package
	for _, p := range r.Packages {
		if p.Name == "b" {
			a = p
		}
	}
	if diff := cmp.Diff([]model.Location{{Path: "mix.lock", Line: 4}, {Path: "mix.lock", Line: 10}}, a.Locations); diff != "" {
		t.Errorf("locations of b (-want +got):\n%s", diff)
	}
}

func TestBadInput(t *testing.T) {
	exttest.BadInput(t, MixLock{}, "mix.lock", []exttest.BadCase{
		{Name: "truncated", Content: "%{\n  \"a\": {:hex, :a, \"1.0", Want: "mix.lock:2:19: error: unterminated string: the file looks truncated"},
		{Name: "truncated map", Content: "%{\n  \"a\": {:hex, :a, \"1.0\"},\n", Want: "mix.lock:3:1: error: unexpected end of file, expected \"}\": the file looks truncated"},
		{Name: "binary", Content: "\x00\x01\x02", Want: "mix.lock:1:1: error: unexpected byte 0x00"},
		{Name: "empty", Content: "", Want: "mix.lock:1:1: error: unexpected end of file: the file looks truncated"},
		{Name: "not a map", Content: "[1, 2]", Want: "mix.lock:1:1: error: expected a map %{...} of packages"},
		{Name: "missing comma", Content: "%{\n  \"a\": {:hex, :a, \"1.0\"}\n  \"b\": {}\n}", Want: "mix.lock:3:3: error: expected ',' or \"}\", found \"\\\"\""},
		{Name: "trailing junk", Content: "%{}\n}", Want: "mix.lock:2:1: error: unexpected \"}\" after the end of the term"},
		{Name: "too deep", Content: "%{\"a\": " + strings.Repeat("[", 100) + strings.Repeat("]", 100) + "}", Want: "mix.lock:1:72: error: terms nested deeper than 64 levels"},
	})
}

func FuzzMixLock(f *testing.F) {
	exttest.Fuzz(f, MixLock{}, "mix.lock", "testdata/app/mix.lock", "testdata/old/mix.lock")
}
