// Package model holds the types every stage of ossaudit shares: packages,
// projects, dependency edges, locations and diagnostics, gathered into a
// Result. It is the leaf of the package tree and imports only the standard
// library, so any stage may depend on it and it depends on none of them.
//
// # Identity
//
// A Package is identified by its ID, which is its package URL (PURL) when the
// package has a name and version, and a PURL without version plus a
// disambiguating qualifier otherwise. Two inputs that describe the same
// package (a package.json and its package-lock.json, a go.mod and its
// vendor/modules.txt) produce the same ID and are merged into one node that
// keeps every Location.
//
// # Graph
//
// Projects are the roots of the graph: the things that were scanned (a module,
// a workspace member, a Maven module). Edges go from a project or package ID
// to a package ID. Graph methods answer the questions every later stage asks:
// which packages are direct, which paths lead to a package.
package model
