// Package spdx owns the SPDX output formats: a scan result written as an
// SPDX 2.3 document in JSON ("spdx-json") or tag-value ("spdx-tag-value").
// The document model and both encodings come from github.com/spdx/tools-golang
// (its v2_3 model, json and tagvalue writers); this package only maps the
// ossaudit model onto it.
//
// # Mapping
//
// The document DESCRIBES one SPDX package per project (purpose APPLICATION);
// every package is an SPDX package of purpose LIBRARY with a PACKAGE-MANAGER
// purl external reference. SPDXIDs are "SPDXRef-Package-" followed by the
// ossaudit ID with every character other than letters, digits, '.' and '-'
// replaced by '-'; IDs that collide after this get a suffix of the SHA-256
// of the ID, so they depend only on the IDs.
//
// Edges become relationships by scope:
//
//	runtime      A DEPENDS_ON B
//	development  B DEV_DEPENDENCY_OF A
//	test         B TEST_DEPENDENCY_OF A
//	optional     B OPTIONAL_DEPENDENCY_OF A
//	peer         A DEPENDS_ON B, comment "ossaudit:scope=peer"
//	(none)       A DEPENDS_ON B, comment "ossaudit:scope=unknown"
//
// An edge marked Indirect (model.Edge.Indirect) adds the comment line
// "ossaudit:indirect=true" to its relationship.
//
// What SPDX has no field for is kept in the package comment as lines
// "ossaudit:<key>=<value>" (backslash, CR, LF and "</text>" escaped as \\,
// \r, \n and <\/text>) so
// the sbom extractor can read it back: id, scope, direct, normalized-name,
// requirement, unresolved, location (one per location, path:line[:column]),
// project-dir, ecosystem, source, workspace, and "ossaudit:property:<key>"
// for each model.Package property (with '=' in the key escaped as \=).
//
// Licences are NOASSERTION until ossaudit resolves them.
package spdx
