// Package maven owns the Java (Maven ecosystem) extractors: pom.xml
// manifests, Gradle dependency lockfiles, and Java archives (JAR, WAR, EAR,
// PAR) with the Maven metadata they embed. Every package's Name is
// "groupId:artifactId", which is already the form Maven compares, so
// NormalizedName stays empty; the package URL has type maven, the groupId as
// namespace, and the type (when not jar) and classifier as qualifiers.
//
// # pom.xml (maven/pom)
//
// A POM is parsed with encoding/xml into a small element tree that keeps the
// line of every element (xmltree.go). The tree is walked by hand rather than
// unmarshalled into structs because the extractor needs the line of each
// <dependency> and has to know in which section (dependencies,
// dependencyManagement, a profile, a plugin) each one sits. Maven's model
// building is approximated without a repository, in the manner of the
// effective POM:
//
//   - Parent POMs are read from <relativePath> (default ../pom.xml; an empty
//     element turns the lookup off) when the file there has the expected
//     groupId:artifactId. groupId and version are inherited from <parent>.
//   - ${...} expressions are interpolated from the <properties> of the POM
//     and its parents (the child's win) and from project.version,
//     project.groupId, project.artifactId and project.parent.*, recursively,
//     with memoisation, a depth cap and a length cap; a cycle leaves the
//     expression unresolved.
//   - A <dependency> without a version takes it from <dependencyManagement>
//     of the POM and its parents, then from the BOMs they import (scope
//     import, type pom) when the BOM is a module of the scanned build
//     (found from the topmost in-tree parent's <modules>, breadth first,
//     capped). Managed scope and optional apply too. Properties maven:managed
//     (file:line of the entry) and maven:bom record where a version came from.
//   - <dependencies> of in-tree parents are inherited, with their location in
//     the parent and the property maven:inherited-from, unless the child
//     declares the same artifact.
//   - Scopes: compile and runtime give runtime edges, test gives test,
//     provided and system give development (with maven:scope);
//     <optional>true</optional> gives optional. Dependencies declared in a
//     profile carry maven:profile (profiles are not evaluated, and their
//     properties are not used); dependencies of build plugins are development
//     edges with maven:plugin and no dependency management, as in Maven.
//
// Whatever needs a POM that is not in the tree (a parent from a remote
// repository, an imported BOM) is reported as an unresolved package whose
// reason names the missing parent or BOMs; nothing is guessed. Version
// ranges are unresolved too. Entries of <dependencyManagement> and imported
// BOMs are constraints, not dependencies, so they are not packages. Without
// a repository only the direct dependencies of each project are known. A
// POM listed in the <modules> of its parent (or of ../pom.xml) is a member
// of that project's workspace. Parsed POMs are cached within one Extract
// call.
//
// # Gradle lockfiles (maven/gradle-lockfile)
//
// gradle.lockfile, buildscript-gradle.lockfile, settings-gradle.lockfile
// and the older gradle/dependency-locks/<configuration>.lockfile list the
// whole resolved set of a Gradle project without saying which entries are
// direct or what depends on what, so every entry gets an edge from the
// project and no edges among packages; the configurations are kept in the
// property gradle:configurations. The edge scope is the strongest of the
// configurations: test for those naming test, runtime for compile and
// runtime classpaths, development for the rest (annotation processors) and
// for the build and settings script classpaths.
//
// # Archives (maven/archive)
//
// Java archives are read with archive/zip from memory. The outer archive is
// the project; each META-INF/maven/<group>/<artifact>/pom.properties in it or
// in a nested archive is a package it depends on, located at the archive
// path with "!/" before each nested path ("app.war!/WEB-INF/lib/x.jar"). An
// archive without pom.properties falls back to its META-INF/MANIFEST.MF
// (Bundle-SymbolicName and Bundle-Version, else Implementation-Title and
// Implementation-Version, with Implementation-Vendor-Id as group; property
// maven:source). Nested archives (WEB-INF/lib, BOOT-INF/lib, EAR modules and
// libraries: any entry named *.jar, *.war, *.ear, *.par) are opened
// recursively up to a depth cap. Every expansion goes through
// io.LimitReader: one nested archive is capped by the file size cap, one
// metadata file by 1 MiB, and the bytes expanded from one outer archive by
// Input.ArchiveLimit, so a zip bomb yields a diagnostic, not exhausted
// memory.
package maven
