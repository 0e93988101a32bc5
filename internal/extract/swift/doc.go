// Package swift owns the Swift Package Manager lockfile, Package.resolved
// (versions 1, 2 and 3, as written by SwiftPM and by Xcode inside
// *.xcodeproj and *.xcworkspace bundles), and turns it into packages, one
// project and the project's edges.
//
// # What the file says and how it maps
//
// Package.resolved lists one pin per package of the resolution: its source
// (a git URL, a local path or, from version 2 on, a registry identity) and
// the state it is pinned to (a version, or a branch and a revision, or only
// a revision). The format records no dependency graph, not even which
// packages the project declares itself, so every pin gets a runtime edge
// from the project: all pins appear as direct dependencies.
//
// A package is named as the SwiftURL ecosystem of OSV names it: the
// repository URL without scheme, user and ".git" ("github.com/apple/swift-nio");
// its package URL has the host and owner as namespace and the repository
// as name (pkg:swift/github.com/apple/swift-nio@2.62.0). Registry pins
// (kind "registry", identity "scope.name") use the scope as namespace.
// Pins without a version are unresolved: requirement branch@revision for a
// branch pin, the revision alone for a revision pin. Local packages are
// unresolved with their path as requirement.
//
// When the lockfile sits inside an Xcode bundle
// (App.xcodeproj/project.xcworkspace/xcshareddata/swiftpm/Package.resolved)
// the project is the folder holding the bundle and is named after it;
// otherwise the project is the lockfile's folder, named after the
// Package(name: "...") of a Package.swift beside it when one is found.
//
// Line numbers come from a streaming pass of encoding/json over the file
// (jsonlines.go), which records the line of every key.
package swift
