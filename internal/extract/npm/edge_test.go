package npm

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ossaudit/ossaudit/internal/extract/exttest"
)

const edgeLockV3 = `{
  "name": "r",
  "lockfileVersion": 3,
  "packages": {
    "": {"name": "r", "workspaces": ["packages/*"], "dependencies": {"a": "^1"}},
    "node_modules/a": {"version": "1.0.0", "dependencies": {"b": "^1"}},
    "node_modules/b": {"version": "1.0.0"},
    "node_modules/c": {"version": "1.0.0", "devOptional": true},
    "node_modules/w": {"resolved": "packages/w", "link": true},
    "packages/w": {"name": "w", "version": "0.0.1", "dependencies": {"a": "^1", "b": "^2", "w2": "*"}, "devDependencies": {"c": "1"}},
    "packages/w/node_modules/b": {"version": "2.0.0", "dev": true, "optional": true},
    "node_modules/w2": {"resolved": "packages/w2", "link": true}
  }
}
`

const edgeLockV1 = `{
  "name": "r",
  "lockfileVersion": 1,
  "dependencies": {
    "a": {"version": "1.0.0", "requires": {"b": "1"}},
    "b": {"version": "1.0.0"},
    "d": {"version": "2.0.0", "dev": true},
    "g": {"version": "github:o/g#abc"}
  }
}
`

const edgeYarnV1 = `# yarn lockfile v1


"@s/x@^1.0.0", "@s/x@^1.1.0":
  version "1.2.0"
  resolved "https://registry.example.test/@s/x/-/x-1.2.0.tgz#abc"
  dependencies:
    "@s/y" "^2"
  optionalDependencies:
    z "1.0.0"

"@s/y@^2":
  version "2.0.0"

z@1.0.0:
  version "1.0.0"

"al@npm:z@1.0.0":
  version "1.0.0"
`

const edgeBerry = `__metadata:
  version: 6
  cacheKey: 8

"app@workspace:.":
  version: 0.0.0-use.local
  resolution: "app@workspace:."
  dependencies:
    lib: "workspace:^"
    resolve: ^1.20.0
  languageName: unknown
  linkType: soft

"lib@workspace:^, lib@workspace:packages/lib":
  version: 0.0.0-use.local
  resolution: "lib@workspace:packages/lib"
  languageName: unknown
  linkType: soft

"resolve@npm:^1.20.0":
  version: 1.22.1
  resolution: "resolve@npm:1.22.1"
  checksum: abc
  languageName: node
  linkType: hard

"resolve@patch:resolve@^1.20.0#~builtin<compat/resolve>":
  version: 1.22.1
  resolution: "resolve@patch:resolve@npm%3A1.22.1#~builtin<compat/resolve>::version=1.22.1&hash=07638b"
  checksum: def
  languageName: node
  linkType: hard
`

const edgePnpm9 = `lockfileVersion: '9.0'

importers:

  .:
    dependencies:
      a:
        specifier: ^1
        version: 1.0.0(p@1.0.0)
      g:
        specifier: github:o/g
        version: https://codeload.example.test/o/g/tar.gz/abc
      w:
        specifier: workspace:*
        version: link:packages/w

  packages/w:
    dependencies:
      a:
        specifier: ^1
        version: 1.0.0(p@2.0.0)

packages:

  a@1.0.0:
    resolution: {integrity: sha512-a}
    peerDependencies:
      p: '*'

  g@https://codeload.example.test/o/g/tar.gz/abc:
    resolution: {tarball: https://codeload.example.test/o/g/tar.gz/abc}
    version: 0.3.0

  p@1.0.0:
    resolution: {integrity: sha512-p1}

  p@2.0.0:
    resolution: {integrity: sha512-p2}

snapshots:

  a@1.0.0(p@1.0.0):
    dependencies:
      p: 1.0.0

  a@1.0.0(p@2.0.0):
    dependencies:
      p: 2.0.0

  g@https://codeload.example.test/o/g/tar.gz/abc: {}

  p@1.0.0:
    optional: true

  p@2.0.0: {}
`

func TestEdgeCases(t *testing.T) {
	tests := []struct {
		name, extractor, file string
		files                 map[string]string
		pkgs, edges, scopes   []string
		projects, diags       []string
		lines                 map[string]string
		props                 map[string]map[string]string // name@version -> properties
	}{
		{
			name: "package-lock v3: lookup from a workspace member", extractor: "npm/package-lock", file: "package-lock.json",
			files: map[string]string{"package-lock.json": edgeLockV3},
			pkgs:  []string{"a@1.0.0", "b@1.0.0", "b@2.0.0", "c@1.0.0"},
			edges: []string{
				"a@1.0.0 -> b@1.0.0",
				"project:. -> a@1.0.0",
				"project:packages/w -> a@1.0.0",
				"project:packages/w -> b@2.0.0",
				"project:packages/w -> c@1.0.0 (development)",
			},
			scopes:   []string{"b@2.0.0 development", "c@1.0.0 optional"},
			projects: []string{". r@", "packages/w w@0.0.1 in project:npm:."},
			lines:    map[string]string{"b@2.0.0": "11", "c@1.0.0": "8"},
		},
		{
			name: "package-lock v1 without package.json", extractor: "npm/package-lock", file: "package-lock.json",
			files:    map[string]string{"package-lock.json": edgeLockV1},
			pkgs:     []string{"a@1.0.0", "b@1.0.0", "d@2.0.0", "g github:o/g#abc"},
			edges:    []string{"a@1.0.0 -> b@1.0.0", "project:. -> a@1.0.0", "project:. -> d@2.0.0 (development)", "project:. -> g@"},
			scopes:   []string{"d@2.0.0 development"},
			projects: []string{". r@"},
			diags:    []string{"package-lock.json: warning: no package.json beside the lockfile: direct dependencies are guessed from the top-level packages"},
			lines:    map[string]string{"a@1.0.0": "5", "g@": "8"},
		},
		{
			name: "yarn v1: several descriptors, scoped names, alias", extractor: "npm/yarn-lock", file: "yarn.lock",
			files: map[string]string{
				"yarn.lock":    edgeYarnV1,
				"package.json": `{"name": "app", "dependencies": {"@s/x": "^1.1.0", "al": "npm:z@1.0.0"}, "devDependencies": {"@s/y": "^2"}}`,
			},
			pkgs:     []string{"@s/x@1.2.0", "@s/y@2.0.0", "z@1.0.0"},
			edges:    []string{"@s/x@1.2.0 -> @s/y@2.0.0", "@s/x@1.2.0 -> z@1.0.0 (optional)", "project:. -> @s/x@1.2.0", "project:. -> @s/y@2.0.0 (development)", "project:. -> z@1.0.0"},
			projects: []string{". app@"},
			lines:    map[string]string{"@s/x@1.2.0": "4", "z@1.0.0": "15,18"},
			props:    map[string]map[string]string{"@s/x@1.2.0": {propResolved: "https://registry.example.test/@s/x/-/x-1.2.0.tgz#abc"}},
		},
		{
			name: "yarn berry: patch, old ranges, workspace dependency", extractor: "npm/yarn-lock", file: "yarn.lock",
			files:    map[string]string{"yarn.lock": edgeBerry},
			pkgs:     []string{"resolve@1.22.1"},
			edges:    []string{"project:. -> resolve@1.22.1"},
			projects: []string{". app@", "packages/lib lib@ in project:npm:."},
			lines:    map[string]string{"resolve@1.22.1": "20,27"},
			props: map[string]map[string]string{"resolve@1.22.1": {
				"npm:checksum": "abc",
				"npm:patch":    "resolve@patch:resolve@npm%3A1.22.1#~builtin<compat/resolve>::version=1.22.1&hash=07638b",
			}},
		},
		{
			name: "pnpm v9: peer variants, tarball, workspace link", extractor: "npm/pnpm-lock", file: "pnpm-lock.yaml",
			files:    map[string]string{"pnpm-lock.yaml": edgePnpm9},
			pkgs:     []string{"a@1.0.0", "g@0.3.0", "p@1.0.0", "p@2.0.0"},
			edges:    []string{"a@1.0.0 -> p@1.0.0 (peer)", "a@1.0.0 -> p@2.0.0 (peer)", "project:. -> a@1.0.0", "project:. -> g@0.3.0", "project:packages/w -> a@1.0.0"},
			scopes:   []string{"p@1.0.0 optional"},
			projects: []string{". @", "packages/w @ in project:npm:."},
			lines:    map[string]string{"a@1.0.0": "25", "g@0.3.0": "30"},
			props: map[string]map[string]string{
				"g@0.3.0": {propResolved: "https://codeload.example.test/o/g/tar.gz/abc"},
				"a@1.0.0": {propIntegrity: "sha512-a"},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := exttest.RunFiles(t, byName(t, tc.extractor), tc.files, tc.file)
			if err != nil {
				t.Fatal(err)
			}
			exttest.CheckIntegrity(t, r)
			for what, d := range map[string]string{
				"packages":    cmp.Diff(tc.pkgs, exttest.Packages(r)),
				"edges":       cmp.Diff(tc.edges, exttest.Edges(r)),
				"scopes":      cmp.Diff(tc.scopes, scopes(r)),
				"projects":    cmp.Diff(tc.projects, projects(r)),
				"diagnostics": cmp.Diff(tc.diags, diags(r)),
			} {
				if d != "" {
					t.Errorf("%s (-want +got):\n%s", what, d)
				}
			}
			got := lines(r)
			for k, want := range tc.lines {
				if got[k] != want {
					t.Errorf("lines of %s = %q, want %q", k, got[k], want)
				}
			}
			for _, p := range r.Packages {
				if want, ok := tc.props[p.Name+"@"+p.Version]; ok {
					if d := cmp.Diff(want, p.Properties); d != "" {
						t.Errorf("properties of %s (-want +got):\n%s", p.ID, d)
					}
				}
			}
		})
	}
}
