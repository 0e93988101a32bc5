// Package conan owns the Conan lockfile, conan.lock, in both of its shapes:
// version 0.4 (Conan 1, a graph of nodes) and version 0.5 (Conan 2, flat
// lists of references), and turns it into packages, one project and edges.
//
// # What the file says and how it maps
//
// Conan 1 (lockfile version 0.4, also 0.3 and 0.2 with "pref" in place of
// "ref") keeps the whole graph: graph_lock.nodes maps a node ID to a
// reference ("zlib/1.2.13#revision") and the IDs it requires and
// build-requires. Node "0" is the consumer, i.e. the project; its edges
// become the project's edges. requires give runtime edges, build_requires
// and python_requires development edges.
//
// Conan 2 (lockfile version 0.5) only lists references, in requires,
// build_requires, python_requires and config_requires, without a graph: every
// reference gets an edge from the project, runtime for requires and
// development for the others. So every package of a Conan 2 lockfile
// appears as a direct dependency.
//
// A reference name/version@user/channel#rrev%timestamp becomes the package
// URL pkg:conan/name@version?channel=...&user=..., following the purl
// specification of the conan type (user and channel as qualifiers, "_"
// meaning none). The recipe revision, the package ID and the package
// revision are kept in the properties "conan:rrev", "conan:package-id" and
// "conan:prev", not in the package URL, so the package keeps one identity
// across lockfiles and manifests that do not pin revisions.
//
// The project takes its name from the consumer node's reference (Conan 1)
// or, failing that, from name = "..." in a conanfile.py beside the
// lockfile.
//
// Line numbers come from a streaming pass of encoding/json over the file
// (jsonlines.go), which records the line of every key and array element.
package conan
