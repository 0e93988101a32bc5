// Package npm owns the npm ecosystem's inputs: the lockfiles of npm
// (package-lock.json, npm-shrinkwrap.json, versions 1 to 3), yarn (yarn.lock,
// classic v1 and berry), pnpm (pnpm-lock.yaml, versions 5, 6 and 9) and bun
// (bun.lock), the package.json manifest, and installed node_modules folders.
//
// # Graph
//
// Every lockfile yields one project per workspace member (Dir = the
// member's folder, Workspace = the root project's ID) with edges to its
// direct dependencies, scoped by the section that declares them, and edges
// between packages wherever the format records them. Where packages sit in a
// node_modules tree (package-lock v2/v3 paths, lockfile v1 nesting, bun's
// install paths, installed folders) a dependency is resolved by Node's lookup
// rule: the nearest node_modules walking up from the dependent. yarn.lock
// resolves dependencies through its descriptors ("name@range") and pnpm
// through its package keys, whose peer suffixes ("(peer@1)", "_peer@1") map
// to the one package node. Aliases ("my-ms": "npm:ms@2.0.0") keep the real
// package name. Links to workspace members are not package nodes: each
// member is its own project.
//
// Package.Scope is set only when the file says it: npm's dev, optional,
// devOptional and peer flags, pnpm's dev and optional flags.
//
// # Hand-written parts
//
// The JSON formats are decoded with encoding/json and the YAML formats with
// gopkg.in/yaml.v3 (as yaml.Node trees, which keep line numbers). Three
// small pieces are hand-written because no library covers them: the yarn v1
// lockfile format (neither JSON nor YAML), a scanner that finds the line of
// each JSON object key (encoding/json reports no positions), and the removal
// of comments and trailing commas from bun.lock's JSON-with-commas, which
// overwrites them with spaces so that offsets and lines stay true.
package npm
