package hex

import (
	"context"
	"os"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/ossaudit/ossaudit/internal/extract"
	"github.com/ossaudit/ossaudit/model"
)

func TestReadMixExs(t *testing.T) {
	tests := []struct {
		name, content string
		want          mixExs
	}{
		{
			name: "one-line deps with scopes",
			content: `defmodule Lib.MixProject do
  use Mix.Project
  def project, do: [app: :lib, version: "1.0.0", deps: deps()]
  defp deps, do: [{:a, "~> 1.0"}, {:b, "~> 1.0", only: :dev}, {:c, ">= 0.0.0", only: [:test]},
    {:d, "~> 1.0", optional: true}, {:e, "~> 1.0", only: [:prod, :test]}, {:f, "~> 1.0", only: :bench},
    {:"g", path: "../g"}, {:h, "~> 1.0", only: [:test, :dev]} # last one
  ]
end
`,
			want: mixExs{found: true, app: "lib", version: "1.0.0", deps: []mixDep{
				{"a", model.ScopeRuntime}, {"b", model.ScopeDevelopment}, {"c", model.ScopeTest},
				{"d", model.ScopeOptional}, {"e", model.ScopeRuntime}, {"f", model.ScopeDevelopment},
				{"g", model.ScopeRuntime}, {"h", model.ScopeDevelopment}}},
		},
		{
			name: "umbrella with strings that hold brackets",
			content: `defmodule Umbrella.MixProject do
  use Mix.Project
  def project do
    [apps_path: "apps", version: "0.1.0", deps: deps()]
  end
  defp deps() do
    [
      # {:commented_out, "~> 1.0"},
      {:tool, "~> 1.0 ]", only: :dev},
      {:core, in_umbrella: true}
    ]
  end
end
`,
			want: mixExs{found: true, umbrella: true, version: "0.1.0", deps: []mixDep{{"tool", model.ScopeDevelopment}}},
		},
		{
			name:    "no deps function",
			content: "defmodule X.MixProject do\n  def project, do: [app: :x]\nend\n",
			want:    mixExs{app: "x"},
		},
		{
			name:    "unclosed deps list",
			content: "defp deps do\n  [{:a, \"~> 1.0\"},\n",
			want:    mixExs{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := &extract.Input{FS: fstest.MapFS{"p/mix.exs": {Data: []byte(tt.content)}}, Path: "p/mix.lock"}
			if diff := cmp.Diff(tt.want, readMixExs(in), cmp.AllowUnexported(mixExs{}, mixDep{})); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestUmbrellaRoots(t *testing.T) {
	files := map[string]*fstest.MapFile{
		"mix.exs": {Data: []byte("defmodule U.MixProject do\n  def project, do: [apps_path: \"apps\", deps: deps()]\n  defp deps, do: [{:credo, \"~> 1.7\", only: :dev}]\nend\n")},
		"mix.lock": {Data: []byte(`%{
  "credo": {:hex, :credo, "1.7.5", "x", [:mix], [{:bunt, "~> 1.0", [hex: :bunt, repo: "hexpm", optional: false]}], "hexpm", "y"},
  "bunt": {:hex, :bunt, "1.0.0", "x", [:mix], [], "hexpm", "y"},
  "plug": {:hex, :plug, "1.15.3", "x", [:mix], [], "hexpm", "y"},
}`)},
	}
	r, err := MixLock{}.Extract(t.Context(), &extract.Input{FS: fstest.MapFS(files), Path: "mix.lock"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range r.Edges {
		if e.From == "project:Hex:." {
			got = append(got, e.To+" "+string(e.Scope))
		}
	}
	want := []string{"pkg:hex/credo@1.7.5 development", "pkg:hex/plug@1.15.3 runtime"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("project edges (-want +got):\n%s", diff)
	}
}

// FuzzMixExs runs the mix.lock extractor beside an arbitrary mix.exs, which
// is read by heuristics rather than a parser.
func FuzzMixExs(f *testing.F) {
	lock, err := os.ReadFile("testdata/app/mix.lock")
	if err != nil {
		f.Fatal(err)
	}
	exs, err := os.ReadFile("testdata/app/mix.exs")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(exs)
	f.Add([]byte("defp deps, do: [{:a, \"~> 1\", only: [:dev, :test]}, {:b, in_umbrella: true}]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{"mix.lock": {Data: lock}, "mix.exs": {Data: data}}
		r, err := MixLock{}.Extract(context.Background(), &extract.Input{FS: fsys, Path: "mix.lock", MaxFileSize: 1 << 20})
		if err != nil {
			t.Fatal(err) // the lockfile is valid whatever mix.exs holds
		}
		if len(r.Packages) != 18 {
			t.Fatalf("got %d packages, want 18", len(r.Packages))
		}
	})
}
