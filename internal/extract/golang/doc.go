// Package golang owns the Go extractors: go.mod files, vendor/modules.txt
// files and the build information embedded in Go binaries.
//
// # go.mod
//
// go.mod is parsed with golang.org/x/mod/modfile, the parser the go command
// itself uses, so nothing about the format is hand-written. A go.mod with a
// directive newer than that parser is read leniently (module, go line and
// requires, without replacements) and reported as an error, so the scan is
// marked incomplete rather than empty. The module
// statement gives the project; every require gives a package. Since Go 1.17
// go.mod lists every module of the build, but it does not record which
// module needs which, so every required module hangs from the project with a
// runtime edge: for a go.mod alone, project → module is the best path a user
// of `why` can be shown. Requires marked `// indirect` hang from it by an
// edge marked Indirect (so the graph stage does not count them as direct)
// and carry the property "go:indirect" = "true".
//
// A replace directive that applies to a required module turns the package
// into the replacement module and version, with "go:replaces" = the
// required "original@version", whether the directive names that version or
// covers every version. A replacement by a local folder cannot be pinned: the
// package keeps the original module path, is unresolved, and its
// requirement is the folder. Exclude directives name versions that are not
// in the build, so they yield nothing. The toolchain line gives the
// standard library as the package "stdlib" (pkg:golang/stdlib@1.22.3), with
// "go:stdlib" = "true", because it names the exact release; without one,
// the go line gives it as an unresolved package with the requirement
// ">=1.22.5", since it names only the oldest release allowed. go.sum is not
// read: go.mod already lists the build.
//
// # vendor/modules.txt
//
// The go command writes vendor/modules.txt with "# path version [=> repl]"
// module lines, "## explicit" markers for modules listed in go.mod, and one
// line per vendored package. The format has no published grammar and no
// parser outside the go command's internals, so it is read here line by
// line. The project is the module of the folder that holds vendor/, so it
// merges with that folder's go.mod project. Explicit modules hang from the
// project; the others (vendored by go versions before 1.17, which marked
// only direct requirements) hang from it by Indirect edges, with
// "go:indirect" = "true".
//
// # Binaries
//
// Go binaries (ELF, Mach-O, PE, Plan 9) carry their build list; it is read
// with debug/buildinfo. The extractor is found by content (extract.Sniffer),
// never by name. The main module is the project (one per binary, named after
// the file), each dependency a package hanging from it, and the Go version
// that built the binary is the stdlib package.
package golang
