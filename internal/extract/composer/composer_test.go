package composer

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
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
	Packages []string
	Lines    map[string]int
	Scopes   []string
	Props    map[string]map[string]string
	Edges    []string
	Projects []string
	Diags    []string
}

func summarise(r *extract.Result) summary {
	s := summary{Packages: exttest.Packages(r), Lines: map[string]int{}, Scopes: exttest.Scopes(r), Props: map[string]map[string]string{}, Edges: exttest.Edges(r)}
	for _, p := range r.Packages {
		s.Lines[p.Name+"@"+p.Version] = p.Locations[0].Line
		if len(p.Properties) > 0 {
			s.Props[p.Name+"@"+p.Version] = p.Properties
		}
	}
	for _, p := range r.Projects {
		s.Projects = append(s.Projects, strings.Join(append([]string{p.ID, p.Name, p.PURL}, p.Sources...), " "))
	}
	for _, d := range r.Diagnostics {
		s.Diags = append(s.Diags, d.String())
	}
	sort.Strings(s.Diags)
	return s
}

var fixturePackages = []string{
	"acme/forked@dev-main",
	"monolog/monolog@3.5.0",
	"phpunit/phpunit@10.5.10",
	"psr/log@3.0.0",
	"sebastian/diff@5.1.0",
	"symfony/console@6.4.3",
	"symfony/polyfill-mbstring@1.28.0",
}

var fixtureLines = map[string]int{
	"acme/forked@dev-main":             9,
	"monolog/monolog@3.5.0":            22,
	"psr/log@3.0.0":                    45,
	"symfony/console@6.4.3":            53,
	"symfony/polyfill-mbstring@1.28.0": 63,
	"phpunit/phpunit@10.5.10":          76,
	"sebastian/diff@5.1.0":             87,
}

var fixtureScopes = []string{
	"acme/forked@dev-main runtime",
	"monolog/monolog@3.5.0 runtime",
	"phpunit/phpunit@10.5.10 development",
	"psr/log@3.0.0 runtime",
	"sebastian/diff@5.1.0 development",
	"symfony/console@6.4.3 runtime",
	"symfony/polyfill-mbstring@1.28.0 runtime",
}

var fixtureProps = map[string]map[string]string{
	"acme/forked@dev-main":             {"composer:reference": "4f2a1c9e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39"},
	"symfony/console@6.4.3":            {"composer:version": "v6.4.3"},
	"symfony/polyfill-mbstring@1.28.0": {"composer:version": "v1.28.0"},
}

var packageEdges = []string{
	"monolog/monolog@3.5.0 -> psr/log@3.0.0",
	"phpunit/phpunit@10.5.10 -> monolog/monolog@3.5.0", // psr/log-implementation, provided by monolog
	"phpunit/phpunit@10.5.10 -> sebastian/diff@5.1.0",
	"symfony/console@6.4.3 -> symfony/polyfill-mbstring@1.28.0",
}

func TestComposerLock(t *testing.T) {
	r, err := exttest.Run(t, ComposerLock{}, "testdata/app", "composer.lock")
	if err != nil {
		t.Fatal(err)
	}
	exttest.CheckIntegrity(t, r)
	wantPlatform := map[string]string{"composer:platform:php": ">=8.1", "composer:platform:ext-json": "*"}
	if len(r.Projects) != 1 || !cmp.Equal(r.Projects[0].Properties, wantPlatform) {
		t.Errorf("platform requirements: got %v, want %v ([] for platform-dev is empty)", r.Projects, wantPlatform)
	}
	want := summary{
		Packages: fixturePackages,
		Lines:    fixtureLines,
		Scopes:   fixtureScopes,
		Props:    fixtureProps,
		Edges: sorted([]string{
			"project:. -> acme/forked@dev-main",
			"project:. -> monolog/monolog@3.5.0",
			"project:. -> phpunit/phpunit@10.5.10 (development)",
			"project:. -> symfony/console@6.4.3",
		}, packageEdges),
		Projects: []string{"project:Packagist:. acme/shop pkg:composer/acme/shop composer.lock composer.json"},
	}
	if d := cmp.Diff(want, summarise(r)); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	if p := r.Packages[0]; p.PURL != "pkg:composer/acme/forked@dev-main" {
		t.Errorf("purl %s", p.PURL)
	}
}

func TestComposerLockWithoutManifest(t *testing.T) {
	data, err := os.ReadFile("testdata/app/composer.lock")
	if err != nil {
		t.Fatal(err)
	}
	r, err := exttest.RunFiles(t, ComposerLock{}, map[string]string{"php/composer.lock": string(data)}, "php/composer.lock")
	if err != nil {
		t.Fatal(err)
	}
	exttest.CheckIntegrity(t, r)
	want := summary{
		Packages: fixturePackages,
		Lines:    fixtureLines,
		Scopes:   fixtureScopes,
		Props:    fixtureProps,
		// Derived: the packages nothing else requires.
		Edges: sorted([]string{
			"project:php -> acme/forked@dev-main",
			"project:php -> phpunit/phpunit@10.5.10 (development)",
			"project:php -> symfony/console@6.4.3",
		}, packageEdges),
		Projects: []string{"project:Packagist:php   php/composer.lock"},
	}
	if d := cmp.Diff(want, summarise(r)); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

func TestComposerLockOddities(t *testing.T) {
	lock := `{"packages": [
  {"name": "Acme\/Widget", "version": "V2.0.0", "require": {"php": "^8", "lib-icu": "*", "acme/missing": "^1"}},
  {"name": "acme/nover", "version": ""}
]}`
	files := map[string]string{"composer.lock": lock, "composer.json": `{"require": {"acme/widget": "^2", "acme/gone": "^1"}}`}
	r, err := exttest.RunFiles(t, ComposerLock{}, files, "composer.lock")
	if err != nil {
		t.Fatal(err)
	}
	exttest.CheckIntegrity(t, r)
	want := summary{
		Packages: []string{"Acme/Widget@2.0.0", "acme/nover "},
		Lines:    map[string]int{"Acme/Widget@2.0.0": 2, "acme/nover@": 3},
		Scopes:   []string{"Acme/Widget@2.0.0 runtime", "acme/nover@ runtime"},
		Props:    map[string]map[string]string{"Acme/Widget@2.0.0": {"composer:version": "V2.0.0"}},
		Edges:    []string{"project:. -> Acme/Widget@2.0.0"},
		Projects: []string{"project:Packagist:.   composer.lock composer.json"},
		Diags: []string{
			"composer.json: warning: composer.json requires acme/gone, which is not in composer.lock; run composer update",
			"composer.lock:2: warning: Acme/Widget requires acme/missing, which is not in the lock file",
		},
	}
	if d := cmp.Diff(want, summarise(r)); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	if p := r.Packages[0]; p.NormalizedName != "acme/widget" || p.PURL != "pkg:composer/acme/widget@2.0.0" {
		t.Errorf("name/purl: %q %q", p.NormalizedName, p.PURL)
	}
}

func TestComposerLockBad(t *testing.T) {
	tests := []struct {
		name, content string
		line, col     int
	}{
		{"truncated", "{\n  \"packages\": [\n    {\"name\": \"a/b\",", 3, 19},
		{"wrong type", "{\n  \"packages\": 3\n}", 2, 16},
		{"array", "[]", 1, 2},
		{"binary", "\x00\x01", 1, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := exttest.RunFiles(t, ComposerLock{}, map[string]string{"composer.lock": tc.content}, "composer.lock")
			if err == nil {
				t.Fatal("no error")
			}
			d := diag.Diagnostic(model.SevError, "composer.lock", "", err)
			if d.Location.Path != "composer.lock" || d.Location.Line != tc.line || d.Location.Column != tc.col {
				t.Errorf("got %v at %+v, want line %d col %d", err, d.Location, tc.line, tc.col)
			}
		})
	}
}

func TestCorpusWallabag(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "..", "shared", "corpus", "wallabag")
	data, err := os.ReadFile(filepath.Join(dir, "composer.lock"))
	if err != nil {
		t.Skip("corpus absent")
	}
	// Independent count: the entries of both lists, by a plain decode.
	var lists struct {
		Packages    []map[string]any `json:"packages"`
		PackagesDev []map[string]any `json:"packages-dev"`
	}
	if err := json.Unmarshal(data, &lists); err != nil {
		t.Fatal(err)
	}
	r, err := exttest.Run(t, ComposerLock{}, dir, "composer.lock")
	if err != nil {
		t.Fatal(err)
	}
	exttest.CheckIntegrity(t, r)
	runtime, dev := 0, 0
	for _, p := range r.Packages {
		if p.Locations[0].Line == 0 {
			t.Errorf("%s has no line", p.ID)
		}
		switch p.Scope {
		case model.ScopeRuntime:
			runtime++
		case model.ScopeDevelopment:
			dev++
		}
	}
	if runtime != len(lists.Packages) || dev != len(lists.PackagesDev) {
		t.Errorf("%d runtime and %d dev packages, want %d and %d", runtime, dev, len(lists.Packages), len(lists.PackagesDev))
	}
	if len(r.Diagnostics) != 0 {
		t.Errorf("diagnostics: %v", r.Diagnostics)
	}
	direct := exttest.Direct(r)
	t.Logf("%d packages, %d edges, %d direct", len(r.Packages), len(r.Edges), len(direct))
	if len(direct) < 100 {
		t.Errorf("only %d direct dependencies", len(direct))
	}
}

func FuzzComposerLock(f *testing.F) {
	exttest.Fuzz(f, ComposerLock{}, "composer.lock", "testdata/app/composer.lock", "testdata/small/composer.lock")
}

// sorted returns the sorted concatenation of a and b.
func sorted(a, b []string) []string {
	out := append(append([]string{}, a...), b...)
	sort.Strings(out)
	return out
}

func TestComposerLockReplace(t *testing.T) {
	r, err := exttest.Run(t, ComposerLock{}, "testdata/small", "composer.lock")
	if err != nil {
		t.Fatal(err)
	}
	exttest.CheckIntegrity(t, r)
	want := summary{
		Packages: []string{"Acme/Widget@2.0.0", "acme/dev@dev-main", "acme/nover "},
		Lines:    map[string]int{"Acme/Widget@2.0.0": 2, "acme/dev@dev-main": 5, "acme/nover@": 3},
		Scopes:   []string{"Acme/Widget@2.0.0 runtime", "acme/dev@dev-main development", "acme/nover@ runtime"},
		Props: map[string]map[string]string{
			"Acme/Widget@2.0.0": {"composer:version": "V2.0.0"},
			"acme/dev@dev-main": {"composer:reference": "abc"},
		},
		Edges: []string{
			"Acme/Widget@2.0.0 -> acme/nover@",
			"acme/dev@dev-main -> acme/nover@", // acme/old, which acme/nover replaces
			"project:. -> Acme/Widget@2.0.0",
			"project:. -> acme/dev@dev-main (development)",
		},
		Projects: []string{"project:Packagist:.   composer.lock"},
		Diags:    []string{"composer.lock:2: warning: Acme/Widget requires acme/missing, which is not in the lock file"},
	}
	if d := cmp.Diff(want, summarise(r)); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}
