// Package hex owns the Elixir Mix lockfile, mix.lock, and turns it into Hex
// packages, one project and edges.
//
// # What the file says and how it maps
//
// mix.lock is an Elixir map literal from application name to a tuple:
// {:hex, :package, "version", "inner checksum", [build tools],
// [dependencies], "repository", "outer checksum"} for Hex packages (older
// files stop after the repository) and {:git, "url", "commit", [options]}
// for git dependencies. Each dependency of a Hex entry,
// {:app, "requirement", [hex: :package, repo: "hexpm", optional: bool]},
// gives an edge to the entry of that application (optional ones with the
// optional scope). An optional dependency that the lock does not list was
// not selected by Mix and yields nothing; a missing required one is reported
// and kept as an unresolved package. Git dependencies have no Hex version: they are unresolved
// with the requirement url@commit. Packages of a Hex organisation (repository
// "hexpm:org") get the organisation as package-URL namespace.
//
// The lockfile does not say which packages the project declares. When a
// mix.exs sits beside it, its deps list is read crudely (see readMixExs):
// each {:name, ...} element is a direct dependency with the scope its only:
// option gives. Without a mix.exs, or for an umbrella project (whose
// dependencies live in the mix.exs of each app), the packages that no other
// entry depends on are taken as direct, with the runtime scope.
//
// # Why the term parser is hand-written
//
// No maintained Go library reads Elixir term syntax, and mix.lock uses only
// a small, fixed subset of it (maps, tuples, lists, keyword lists, strings,
// atoms, booleans), so term.go is a small recursive-descent parser that
// keeps byte offsets for line numbers and caps nesting depth.
package hex
