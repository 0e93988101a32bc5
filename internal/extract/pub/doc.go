// Package pub owns the Dart and Flutter lockfile, pubspec.lock, and turns it
// into packages, one project and the project's edges.
//
// # What the file says and how it maps
//
// pubspec.lock lists every package of the resolution with how the project
// depends on it ("direct main", "direct dev", "direct overridden" or
// "transitive"), its source (hosted, git, path or sdk), a description of
// that source and the version. Direct main and direct overridden packages
// get a runtime edge from the project, direct dev packages a development
// edge. The file records no edges among packages, so transitive packages
// have no incoming edge here; the graph reports them as found but not
// reached.
//
// Hosted and git packages keep their version (for git, the version of the
// pubspec at the locked commit, with the commit in "pub:resolved-ref").
// Path packages are unresolved with the path as requirement. Packages of an
// SDK (flutter, flutter_test, sky_engine: source sdk, a placeholder
// version 0.0.0) are unresolved with the requirement "sdk:<name of the
// sdk>", and carry "pub:sdk" and, when the sdks section constrains that
// SDK, "pub:sdk-constraint".
//
// The project takes its name and version from the pubspec.yaml beside the
// lockfile when there is one. When that pubspec.yaml lists workspace
// members (Dart 3.6 pub workspaces: one lockfile for several packages, as
// paths or glob patterns), each member with a pubspec.yaml becomes a project
// of its own folder, with the root as its workspace, and gets the edges to
// the direct packages its own dependencies and dev_dependencies declare,
// since the lockfile alone does not say which member declares what. Direct
// packages no member declares (overrides, say) stay with the root.
//
// YAML is read with gopkg.in/yaml.v3, whose node tree gives line numbers
// and caps nesting depth and alias expansion.
package pub
