package npm

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ossaudit/ossaudit/internal/extract"
	"github.com/ossaudit/ossaudit/internal/extract/exttest"
	"github.com/ossaudit/ossaudit/model"
)

func byName(t *testing.T, name string) extract.Extractor {
	t.Helper()
	for _, e := range Extractors() {
		if e.Name() == name {
			return e
		}
	}
	t.Fatalf("no extractor %s", name)
	return nil
}

// projects summarises projects as "dir name@version [in workspace]".
func projects(r *extract.Result) []string {
	var out []string
	for _, p := range r.Projects {
		s := p.Dir + " " + p.Name + "@" + p.Version
		if p.Workspace != "" {
			s += " in " + p.Workspace
		}
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

// lines returns "name@version" -> the lines of its locations in file.
func lines(r *extract.Result) map[string]string {
	out := map[string]string{}
	for _, p := range r.Packages {
		var ls []string
		for _, l := range model.SortLocations(append([]model.Location(nil), p.Locations...)) {
			ls = append(ls, fmt.Sprint(l.Line))
		}
		out[p.Name+"@"+p.Version] = strings.Join(ls, ",")
	}
	return out
}

func diags(r *extract.Result) []string {
	var out []string
	for _, d := range r.Diagnostics {
		out = append(out, d.String())
	}
	sort.Strings(out)
	return out
}

// The demo project (testdata/*/package.json): a workspace root with
// dependencies debug (which needs ms 2.1.2, nested), ms 2.1.3, the alias
// my-ms -> ms 2.0.0, dev is-number ^7, optional @types/ms and peer
// js-tokens, and a member packages/foo (@demo/foo) that needs is-odd, which
// needs is-number ^6 (nested).
var (
	demoPkgs = []string{"@types/ms@0.7.34", "debug@4.3.4", "is-number@6.0.0", "is-number@7.0.0", "is-odd@3.0.1", "js-tokens@4.0.0", "ms@2.0.0", "ms@2.1.2", "ms@2.1.3"}
	// demoEdges without the root's edge to js-tokens, which differs.
	demoEdges = []string{
		"debug@4.3.4 -> ms@2.1.2",
		"is-odd@3.0.1 -> is-number@6.0.0",
		"project:. -> @types/ms@0.7.34 (optional)",
		"project:. -> debug@4.3.4",
		"project:. -> is-number@7.0.0 (development)",
		"project:. -> ms@2.0.0",
		"project:. -> ms@2.1.3",
		"project:packages/foo -> is-odd@3.0.1",
	}
	demoProjects = []string{". demo-root@1.2.0", "packages/foo @demo/foo@0.1.0 in project:npm:."}
)

func with(list []string, extra ...string) []string {
	out := append(append([]string(nil), list...), extra...)
	sort.Strings(out)
	return out
}

func without(list []string, drop string) []string {
	var out []string
	for _, s := range list {
		if s != drop {
			out = append(out, s)
		}
	}
	return out
}

// scopes lists "name@version scope" for the packages with a scope.
func scopes(r *extract.Result) []string {
	var out []string
	for _, s := range exttest.Scopes(r) {
		if !strings.HasSuffix(s, " ") {
			out = append(out, s)
		}
	}
	return out
}

func TestLockfiles(t *testing.T) {
	npmScopes := []string{"@types/ms@0.7.34 optional", "is-number@7.0.0 development", "js-tokens@4.0.0 peer"}
	ajvPkgs := []string{"ajv-keywords@3.5.2", "ajv@6.12.6", "fast-deep-equal@3.1.3", "fast-json-stable-stringify@2.1.0", "is-number@7.0.0", "json-schema-traverse@0.4.1", "punycode@2.3.1", "uri-js@4.4.1"}
	ajvEdges := []string{
		"ajv-keywords@3.5.2 -> ajv@6.12.6 (peer)",
		"ajv@6.12.6 -> fast-deep-equal@3.1.3",
		"ajv@6.12.6 -> fast-json-stable-stringify@2.1.0",
		"ajv@6.12.6 -> json-schema-traverse@0.4.1",
		"ajv@6.12.6 -> uri-js@4.4.1",
		"project:. -> ajv-keywords@3.5.2",
		"project:. -> ajv@6.12.6",
		"project:. -> is-number@7.0.0 (development)",
		"uri-js@4.4.1 -> punycode@2.3.1",
	}
	ajvDevScopes := []string{"ajv-keywords@3.5.2 runtime", "ajv@6.12.6 runtime", "fast-deep-equal@3.1.3 runtime", "fast-json-stable-stringify@2.1.0 runtime", "is-number@7.0.0 development", "json-schema-traverse@0.4.1 runtime", "punycode@2.3.1 runtime", "uri-js@4.4.1 runtime"}
	demoPnpmScopes := []string{"@types/ms@0.7.34 optional"}
	tests := []struct {
		name, extractor, dir, file string
		pkgs, edges, scopes        []string
		projects                   []string
		lines                      map[string]string
	}{
		{
			name: "package-lock v1", extractor: "npm/package-lock", dir: "lockv1", file: "package-lock.json",
			pkgs: demoPkgs, edges: with(demoEdges, "project:. -> js-tokens@4.0.0 (peer)"), scopes: npmScopes,
			// v1 records no version for workspace members.
			projects: []string{". demo-root@1.2.0", "packages/foo @demo/foo@ in project:npm:."},
			lines:    map[string]string{"debug@4.3.4": "19", "ms@2.1.2": "27", "ms@2.1.3": "61"},
		},
		{
			name: "package-lock v2", extractor: "npm/package-lock", dir: "lockv2", file: "package-lock.json",
			pkgs: demoPkgs, edges: with(demoEdges, "project:. -> js-tokens@4.0.0 (peer)"), scopes: npmScopes, projects: demoProjects,
			lines: map[string]string{"debug@4.3.4": "39", "ms@2.1.2": "56"},
		},
		{
			name: "package-lock v3", extractor: "npm/package-lock", dir: "lockv3", file: "package-lock.json",
			pkgs: demoPkgs, edges: with(demoEdges, "project:. -> js-tokens@4.0.0 (peer)"), scopes: npmScopes, projects: demoProjects,
			lines: map[string]string{"debug@4.3.4": "39", "ms@2.1.2": "56"},
		},
		{
			// Yarn does not install the root's peer dependency.
			name: "yarn classic", extractor: "npm/yarn-lock", dir: "yarn1", file: "yarn.lock",
			pkgs: without(demoPkgs, "js-tokens@4.0.0"), edges: demoEdges, projects: demoProjects,
			lines: map[string]string{"debug@4.3.4": "10", "ms@2.1.2": "34"},
		},
		{
			name: "yarn berry", extractor: "npm/yarn-lock", dir: "berry", file: "yarn.lock",
			pkgs: without(demoPkgs, "js-tokens@4.0.0"), edges: demoEdges, projects: demoProjects,
			lines: map[string]string{"debug@4.3.4": "23", "ms@2.1.2": "75"},
		},
		{
			// pnpm 7 (lockfile 5.4) did not install peers automatically.
			name: "pnpm v5 workspace", extractor: "npm/pnpm-lock", dir: "pnpm5", file: "pnpm-lock.yaml",
			pkgs: without(demoPkgs, "js-tokens@4.0.0"), edges: demoEdges, projects: demoProjects,
			scopes: []string{"@types/ms@0.7.34 optional", "debug@4.3.4 runtime", "is-number@6.0.0 runtime", "is-number@7.0.0 development", "is-odd@3.0.1 runtime", "ms@2.0.0 runtime", "ms@2.1.2 runtime", "ms@2.1.3 runtime"},
			lines:  map[string]string{"debug@4.3.4": "35", "ms@2.1.2": "68"},
		},
		{
			name: "pnpm v6 workspace", extractor: "npm/pnpm-lock", dir: "pnpm6", file: "pnpm-lock.yaml",
			pkgs: demoPkgs, edges: with(demoEdges, "project:. -> js-tokens@4.0.0"), projects: demoProjects,
			scopes: []string{"@types/ms@0.7.34 optional", "debug@4.3.4 runtime", "is-number@6.0.0 runtime", "is-number@7.0.0 development", "is-odd@3.0.1 runtime", "js-tokens@4.0.0 runtime", "ms@2.0.0 runtime", "ms@2.1.2 runtime", "ms@2.1.3 runtime"},
			lines:  map[string]string{"debug@4.3.4": "46", "ms@2.1.2": "83"},
		},
		{
			name: "pnpm v9 workspace", extractor: "npm/pnpm-lock", dir: "pnpm9", file: "pnpm-lock.yaml",
			pkgs: demoPkgs, edges: with(demoEdges, "project:. -> js-tokens@4.0.0"), projects: demoProjects,
			scopes: demoPnpmScopes,
			lines:  map[string]string{"debug@4.3.4": "43", "ms@2.1.2": "70"},
		},
		{
			name: "pnpm v5 single project with peers", extractor: "npm/pnpm-lock", dir: "pnpm5single", file: "pnpm-lock.yaml",
			pkgs: ajvPkgs, edges: ajvEdges, scopes: ajvDevScopes, projects: []string{". @"},
			lines: map[string]string{"ajv-keywords@3.5.2": "17", "ajv@6.12.6": "25"},
		},
		{
			name: "pnpm v6 single project with peers", extractor: "npm/pnpm-lock", dir: "pnpm6single", file: "pnpm-lock.yaml",
			pkgs: ajvPkgs, edges: ajvEdges, scopes: ajvDevScopes, projects: []string{". @"},
			lines: map[string]string{"ajv-keywords@3.5.2": "22", "ajv@6.12.6": "30"},
		},
		{
			name: "pnpm v9 single project with peers", extractor: "npm/pnpm-lock", dir: "pnpm9single", file: "pnpm-lock.yaml",
			pkgs: ajvPkgs, edges: ajvEdges, projects: []string{". @"},
			lines: map[string]string{"ajv-keywords@3.5.2": "24", "ajv@6.12.6": "29"},
		},
		{
			name: "bun", extractor: "npm/bun-lock", dir: "bun", file: "bun.lock",
			pkgs: demoPkgs, edges: with(demoEdges, "project:. -> js-tokens@4.0.0 (peer)"),
			// bun.lock's workspaces give no version for the root.
			projects: []string{". demo-root@", "packages/foo @demo/foo@0.1.0 in project:npm:."},
			lines:    map[string]string{"debug@4.3.4": "35", "ms@2.1.2": "47"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := exttest.Run(t, byName(t, tc.extractor), filepath.Join("testdata", tc.dir), tc.file)
			if err != nil {
				t.Fatal(err)
			}
			exttest.CheckIntegrity(t, r)
			if d := cmp.Diff(tc.pkgs, exttest.Packages(r)); d != "" {
				t.Errorf("packages (-want +got):\n%s", d)
			}
			if d := cmp.Diff(tc.edges, exttest.Edges(r)); d != "" {
				t.Errorf("edges (-want +got):\n%s", d)
			}
			if d := cmp.Diff(tc.scopes, scopes(r)); d != "" {
				t.Errorf("scopes (-want +got):\n%s", d)
			}
			if d := cmp.Diff(tc.projects, projects(r)); d != "" {
				t.Errorf("projects (-want +got):\n%s", d)
			}
			got := lines(r)
			for k, want := range tc.lines {
				if got[k] != want {
					t.Errorf("line of %s = %q, want %q", k, got[k], want)
				}
			}
			if d := diags(r); len(d) != 0 {
				t.Errorf("unexpected diagnostics: %q", d)
			}
			for _, p := range r.Packages {
				if p.Properties[propIntegrity] == "" && p.Properties["npm:checksum"] == "" {
					t.Errorf("%s has no integrity or checksum", p.ID)
				}
				if !strings.HasPrefix(p.PURL, "pkg:npm/") || p.Version == "" {
					t.Errorf("%s: bad purl or version: %+v", p.ID, p)
				}
			}
		})
	}
}

// TestProperties checks the properties and PURL of a scoped package and of
// an alias.
func TestProperties(t *testing.T) {
	r, err := exttest.Run(t, byName(t, "npm/package-lock"), "testdata/lockv1", "package-lock.json")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]model.Package{}
	for _, p := range r.Packages {
		got[p.ID] = p
	}
	want := map[string]map[string]string{
		"pkg:npm/%40types/ms@0.7.34": {
			propResolved:  "https://registry.example.test/@types/ms/-/ms-0.7.34.tgz",
			propIntegrity: "sha512-nG96G3Wp6acyAgJqGasjODb+acrI7KltPiRxzHPXnP3NgI28bpQDRv53olbqGXbfcgF5aiiHmO3xpwEpS5Ld9g==",
		},
		"pkg:npm/ms@2.0.0": { // the alias my-ms
			propResolved:  "https://registry.example.test/ms/-/ms-2.0.0.tgz",
			propIntegrity: "sha512-Tpp60P6IUJDTuOq/5Z8cdskzJujfwqfOTkrwIwj7IRISpnkJnT6SyJ4PCPnGMoFjC9ddhal5KVIYtAt97ix05A==",
		},
	}
	for id, props := range want {
		p, ok := got[id]
		if !ok {
			t.Errorf("no package %s", id)
			continue
		}
		if d := cmp.Diff(props, p.Properties); d != "" {
			t.Errorf("%s properties (-want +got):\n%s", id, d)
		}
	}
	if p := got["pkg:npm/%40types/ms@0.7.34"]; p.Name != "@types/ms" || p.Version != "0.7.34" {
		t.Errorf("scoped package: %+v", p)
	}
	if p := got["pkg:npm/ms@2.0.0"]; p.Name != "ms" {
		t.Errorf("alias keeps the real name: %+v", p)
	}
}

func TestManifest(t *testing.T) {
	r, err := exttest.Run(t, byName(t, "npm/package-json"), "testdata/lockv3", "package.json")
	if err != nil {
		t.Fatal(err)
	}
	exttest.CheckIntegrity(t, r)
	type dep struct {
		ID, Name, Requirement string
		Line                  int
		Scope                 model.Scope
	}
	var got []dep
	for _, p := range r.Packages {
		if p.Unresolved == "" {
			t.Errorf("%s is not marked unresolved", p.ID)
		}
		got = append(got, dep{p.ID, p.Name, p.Requirement, p.Locations[0].Line, ""})
	}
	for _, e := range r.Edges {
		for i := range got {
			if got[i].ID == e.To {
				got[i].Scope = e.Scope
			}
		}
	}
	sort.Slice(got, func(i, j int) bool { return got[i].ID < got[j].ID })
	want := []dep{
		{"pkg:npm/%40types/ms#0.7.34", "@types/ms", "0.7.34", 16, model.ScopeOptional},
		{"pkg:npm/debug#4.3.4", "debug", "4.3.4", 8, model.ScopeRuntime},
		{"pkg:npm/is-number#^7.0.0", "is-number", "^7.0.0", 13, model.ScopeDevelopment},
		{"pkg:npm/js-tokens#^4.0.0", "js-tokens", "^4.0.0", 19, model.ScopePeer},
		{"pkg:npm/ms#2.0.0", "ms", "2.0.0", 10, model.ScopeRuntime}, // alias my-ms
		{"pkg:npm/ms#2.1.3", "ms", "2.1.3", 9, model.ScopeRuntime},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("dependencies (-want +got):\n%s", d)
	}
	if d := cmp.Diff(demoProjects, projects(r)); d != "" {
		t.Errorf("projects (-want +got):\n%s", d)
	}
	for _, e := range r.Edges {
		if e.From != "project:npm:." {
			t.Errorf("edge from %s, want the root project", e.From)
		}
	}
}

func TestInstalled(t *testing.T) {
	pj := func(name, version, extra string) string {
		return fmt.Sprintf(`{"name": %q, "version": %q%s}`, name, version, extra)
	}
	files := map[string]string{
		"app/package.json":                                       `{"name": "app", "version": "1.0.0", "dependencies": {"debug": "^4"}, "devDependencies": {"@types/ms": "*"}}`,
		"app/node_modules/.package-lock.json":                    `{}`,
		"app/node_modules/.bin/x":                                "",
		"app/node_modules/debug/package.json":                    pj("debug", "4.3.4", `, "license": "MIT", "dependencies": {"ms": "2.1.2"}`),
		"app/node_modules/debug/node_modules/ms/package.json":    pj("ms", "2.1.2", `, "license": {"type": "MIT"}`),
		"app/node_modules/debug/lib/package.json":                `not a package`,
		"app/node_modules/ms/package.json":                       pj("ms", "2.1.3", ""),
		"app/node_modules/@types/ms/package.json":                pj("@types/ms", "0.7.34", `, "peerDependencies": {"ms": "*"}`),
		"app/node_modules/@types/ms/node_modules/x/package.json": pj("x", "1.0.0", `, "dependencies": {"debug": "*"}, "licenses": [{"type": "MIT"}, {"type": "Apache-2.0"}]`),
	}
	e := byName(t, "npm/node-modules")
	if e.Match("app/node_modules/debug/package.json") {
		t.Error("Match should be false")
	}
	ir, ok := e.(extract.InstalledReader)
	if !ok || !ir.MatchInstalled("app/node_modules") || ir.MatchInstalled("app/src") {
		t.Fatal("MatchInstalled")
	}
	r, err := exttest.RunFiles(t, e, files, "app/node_modules")
	if err != nil {
		t.Fatal(err)
	}
	exttest.CheckIntegrity(t, r)
	if d := cmp.Diff([]string{"@types/ms@0.7.34", "debug@4.3.4", "ms@2.1.2", "ms@2.1.3", "x@1.0.0"}, exttest.Packages(r)); d != "" {
		t.Errorf("packages (-want +got):\n%s", d)
	}
	wantEdges := []string{
		"@types/ms@0.7.34 -> ms@2.1.3 (peer)",
		"debug@4.3.4 -> ms@2.1.2",
		"project:app -> @types/ms@0.7.34 (development)",
		"project:app -> debug@4.3.4",
		"x@1.0.0 -> debug@4.3.4",
	}
	if d := cmp.Diff(wantEdges, exttest.Edges(r)); d != "" {
		t.Errorf("edges (-want +got):\n%s", d)
	}
	licences := map[string]string{}
	for _, p := range r.Packages {
		if p.Properties[propSource] != "installed" {
			t.Errorf("%s: source property = %q", p.ID, p.Properties[propSource])
		}
		licences[p.Name+"@"+p.Version] = p.Properties["npm:license"]
		if len(p.Locations) != 1 || !strings.HasSuffix(p.Locations[0].Path, "/package.json") {
			t.Errorf("%s: locations %v", p.ID, p.Locations)
		}
	}
	wantLic := map[string]string{"@types/ms@0.7.34": "", "debug@4.3.4": "MIT", "ms@2.1.2": "MIT", "ms@2.1.3": "", "x@1.0.0": "MIT OR Apache-2.0"}
	if d := cmp.Diff(wantLic, licences); d != "" {
		t.Errorf("licences (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]string{"app app@1.0.0"}, projects(r)); d != "" {
		t.Errorf("projects (-want +got):\n%s", d)
	}
}

func TestMatch(t *testing.T) {
	tests := []struct {
		extractor string
		yes, no   []string
	}{
		{"npm/package-lock", []string{"package-lock.json", "a/b/npm-shrinkwrap.json"}, []string{"node_modules/.package-lock.json", "x/node_modules/y/package-lock.json", "package.json"}},
		{"npm/package-json", []string{"package.json", "packages/foo/package.json"}, []string{"node_modules/a/package.json", "package-lock.json"}},
		{"npm/yarn-lock", []string{"yarn.lock", "web/yarn.lock"}, []string{"yarn.lock.bak", "node_modules/x/yarn.lock"}},
		{"npm/pnpm-lock", []string{"pnpm-lock.yaml", "ui/pnpm-lock.yaml"}, []string{"pnpm-workspace.yaml"}},
		{"npm/bun-lock", []string{"bun.lock"}, []string{"bun.lockb"}},
		{"npm/node-modules", nil, []string{"node_modules/a/package.json", "package.json"}},
	}
	for _, tc := range tests {
		e := byName(t, tc.extractor)
		for _, p := range tc.yes {
			if !e.Match(p) {
				t.Errorf("%s does not match %s", tc.extractor, p)
			}
		}
		for _, p := range tc.no {
			if e.Match(p) {
				t.Errorf("%s matches %s", tc.extractor, p)
			}
		}
		if !strings.HasPrefix(e.Name(), "npm/") || e.Ecosystem() != model.Npm || e.Description() == "" {
			t.Errorf("%s: bad name, ecosystem or description", e.Name())
		}
	}
}
