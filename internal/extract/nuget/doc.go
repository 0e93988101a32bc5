// Package nuget owns the NuGet lockfile, packages.lock.json (lockfile
// versions 1 and 2, as written by `dotnet restore` with
// RestorePackagesWithLockFile), and turns it into packages, one project and
// edges.
//
// # What the file says and how it maps
//
// The lockfile has one section per target framework ("net8.0") and per
// framework and runtime identifier ("net8.0/linux-x64"). Each section lists
// every package restored for it, with its type: Direct (a PackageReference
// of the project: an edge from the project), Transitive, CentralTransitive
// (a transitive package pinned by central package management) and Project
// (a reference to another project of the tree). A package that appears in
// several sections with the same resolved version is one node; the sections
// are listed in the property "nuget:frameworks". Each entry's dependencies
// map gives the edges; a dependency is resolved against the entries of the
// same section, since the versions chosen can differ by framework.
//
// Project references become package nodes without a version, marked
// unresolved with the requirement "project" and the property
// "nuget:type"="Project", and keep their own edges to what they depend on.
// They are not turned into edges to a model.Project because the lockfile
// names the referenced project only by its lower-cased name, not by its
// folder, so its project ID cannot be known from this file alone.
//
// The project is named after the file when it is packages.<name>.lock.json,
// otherwise after the single *.csproj, *.fsproj or *.vbproj beside the
// lockfile, when there is exactly one.
//
// Line numbers come from a streaming pass of encoding/json over the file
// (jsonlines.go), which records the line of every key.
package nuget
