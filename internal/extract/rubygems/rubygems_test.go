package rubygems

import (
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ossaudit/ossaudit/internal/diag"
	"github.com/ossaudit/ossaudit/internal/extract"
	"github.com/ossaudit/ossaudit/internal/extract/exttest"
	"github.com/ossaudit/ossaudit/model"
)

// summary is what the tests compare.
type summary struct {
	Packages []string // purl and first line
	Props    map[string]map[string]string
	Edges    []string
	Diags    []string
}

func summarise(r *extract.Result) summary {
	s := summary{Props: map[string]map[string]string{}, Edges: exttest.Edges(r)}
	for _, p := range r.Packages {
		s.Packages = append(s.Packages, p.PURL+" "+p.Requirement+" "+strconv.Itoa(p.Locations[0].Line))
		if len(p.Properties) > 0 {
			s.Props[p.PURL] = p.Properties
		}
	}
	sort.Strings(s.Packages)
	for _, d := range r.Diagnostics {
		s.Diags = append(s.Diags, d.String())
	}
	sort.Strings(s.Diags)
	return s
}

func TestGemfileLock(t *testing.T) {
	e := GemfileLock{}
	for p, want := range map[string]bool{"Gemfile.lock": true, "x/gems.locked": true, "Gemfile": false, "Gemfile.lock.bak": false} {
		if e.Match(p) != want {
			t.Errorf("Match(%q) != %v", p, want)
		}
	}
	r, err := exttest.Run(t, e, "testdata/app", "Gemfile.lock")
	if err != nil {
		t.Fatal(err)
	}
	exttest.CheckIntegrity(t, r)
	want := summary{
		Packages: []string{
			"pkg:gem/connection_pool@2.4.1  19",
			"pkg:gem/mini_portile2@2.8.5  20",
			"pkg:gem/nokogiri@1.16.0  21",
			"pkg:gem/nokogiri@1.16.0?platform=arm64-darwin  24",
			"pkg:gem/nokogiri@1.16.0?platform=x86_64-linux  26",
			"pkg:gem/racc@1.7.3  28",
			"pkg:gem/rack@3.0.8  29",
			"pkg:gem/rspec-core@3.12.2  32",
			"pkg:gem/rspec@3.12.0  30",
			"pkg:gem/shop@0.1.0  13",
			"pkg:gem/sidekiq@7.2.0  6",
			"pkg:gem/tzinfo-data  44",
		},
		Props: map[string]map[string]string{
			"pkg:gem/nokogiri@1.16.0?platform=arm64-darwin": {"gem:platform": "arm64-darwin"},
			"pkg:gem/nokogiri@1.16.0?platform=x86_64-linux": {"gem:platform": "x86_64-linux", "gem:checksum": "sha256=0d5a8d2bd9c5fb9e9e2e4bd1e2a6c54e2b6f7c1a3e4d5f6a7b8c9d0e1f2a3b4c"},
			"pkg:gem/rack@3.0.8":                            {"gem:checksum": "sha256=1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b"},
			"pkg:gem/shop@0.1.0":                            {"gem:path": "."},
			"pkg:gem/sidekiq@7.2.0":                         {"gem:source": "https://github.com/example/sidekiq-fork.git", "gem:revision": "5e1b3d2c4a6f8e0d9c7b5a3f1e2d4c6b8a0f9e7d"},
		},
		Edges: []string{
			"nokogiri@1.16.0 -> mini_portile2@2.8.5",
			"nokogiri@1.16.0 -> racc@1.7.3",
			"project:. -> nokogiri@1.16.0",
			"project:. -> rspec@3.12.0",
			"project:. -> shop@0.1.0",
			"project:. -> sidekiq@7.2.0",
			"project:. -> tzinfo-data@",
			"rspec@3.12.0 -> rspec-core@3.12.2",
			"shop@0.1.0 -> rack@3.0.8",
			"sidekiq@7.2.0 -> connection_pool@2.4.1",
			"sidekiq@7.2.0 -> rack@3.0.8",
		},
	}
	if d := cmp.Diff(want, summarise(r)); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	if p := r.Projects[0]; p.Name != "shop" || p.Version != "0.1.0" || p.ID != "project:RubyGems:." {
		t.Errorf("project: %+v", p)
	}
	// Every platform variant of nokogiri is a direct dependency.
	n := 0
	for _, e := range r.Edges {
		if e.From == r.Projects[0].ID && strings.HasPrefix(e.To, "pkg:gem/nokogiri@") {
			n++
		}
	}
	if n != 3 {
		t.Errorf("%d edges to nokogiri variants, want 3", n)
	}
	for _, p := range r.Packages {
		if p.Name == "tzinfo-data" && (p.Unresolved == "" || p.Version != "") {
			t.Errorf("tzinfo-data should be unresolved: %+v", p)
		}
	}
}

func TestGemfileLockOddities(t *testing.T) {
	lock := "GEM\n  remote: https://gems.example.test/\n  specs:\n    a (1.0)\n      b (>= 0)\n    broken\n    c (2.0.0.pre.1)\n\nSTRANGE\n  x\n\nDEPENDENCIES\n  a\n  c (= 2.0.0.pre.1)\n"
	r, err := exttest.RunFiles(t, GemfileLock{}, map[string]string{"Gemfile.lock": lock}, "Gemfile.lock")
	if err != nil {
		t.Fatal(err)
	}
	exttest.CheckIntegrity(t, r)
	want := summary{
		Packages: []string{"pkg:gem/a@1.0  4", "pkg:gem/c@2.0.0.pre.1  7"},
		Props: map[string]map[string]string{
			"pkg:gem/a@1.0":         {"gem:source": "https://gems.example.test/"},
			"pkg:gem/c@2.0.0.pre.1": {"gem:source": "https://gems.example.test/"},
		},
		Edges: []string{"project:. -> a@1.0", "project:. -> c@2.0.0.pre.1"},
		Diags: []string{
			"Gemfile.lock:4: warning: a depends on b, which is not locked",
			`Gemfile.lock:6: error: malformed gem spec "broken"`,
			`Gemfile.lock:9: warning: unknown Gemfile.lock section "STRANGE"`,
		},
	}
	if d := cmp.Diff(want, summarise(r)); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

func TestGemfileLockBad(t *testing.T) {
	tests := []struct {
		name, content string
		line          int
	}{
		{"binary", "GEM\n  specs:\n\x00\xff\xfe\n", 3},
		{"no sections", "  just some text\n", 1},
		{"empty", "", 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := exttest.RunFiles(t, GemfileLock{}, map[string]string{"Gemfile.lock": tc.content}, "Gemfile.lock")
			if err == nil {
				t.Fatal("no error")
			}
			d := diag.Diagnostic(model.SevError, "Gemfile.lock", "", err)
			if d.Location.Path != "Gemfile.lock" || d.Location.Line != tc.line || d.Location.Column != 1 {
				t.Errorf("got %v at %+v, want line %d", err, d.Location, tc.line)
			}
		})
	}
}

func FuzzGemfileLock(f *testing.F) {
	exttest.Fuzz(f, GemfileLock{}, "Gemfile.lock", "testdata/app/Gemfile.lock")
}
