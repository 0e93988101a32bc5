// Package cargo owns the Rust extractor: Cargo.lock files of every format
// version (1 with its [metadata] checksum table and, in the oldest files, a
// [root] section for the root crate; 2, 3 and 4), decoded with
// github.com/pelletier/go-toml/v2.
//
// Each [[package]] with a source (a registry or a git repository) is a
// package; git and alternative-registry sources are kept as "cargo:source".
// The packages without a source are the crates of the workspace itself
// (path crates): they are projects, not packages. The sibling Cargo.toml
// tells where they live: its [package] is the project of the lockfile's
// folder, and each [workspace] member's Cargo.toml names the crate of that
// member's folder, which becomes the member project (its Workspace is the
// root's ID). Path crates found in no member (path dependencies outside the
// workspace, or no readable Cargo.toml) are projects of the lockfile's
// folder told apart by name; when the lockfile has only one path crate and
// no Cargo.toml says otherwise, it is the project of the lockfile's folder.
//
// Dependencies are written "name", "name version" or "name version
// (source)", as precise as needed to be unambiguous; each is resolved to
// the package it names. A path crate's dependencies are its direct
// dependencies (edges from its project); a dependency on another path crate
// is an edge from project to project, so a member's dependency on a sibling
// member stays visible. Cargo.lock does not say whether a dependency is for
// building, testing or running, so every edge is runtime.
//
// Line numbers come from a scan for the [[package]] headers, matched to the
// decoded entries in order, as the TOML decoder keeps no positions of
// array-of-table entries.
package cargo
