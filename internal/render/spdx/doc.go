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
// # Vulnerabilities
//
// SPDX 2.3 has no vulnerability element; each model.Vulnerability is an
// external reference of the affected package, after its purl and sorted by
// id: category SECURITY, type advisory, locator
// https://osv.dev/vulnerability/<id>. Its comment carries the fields as
// "ossaudit:<key>=<value>" lines, escaped as above: vuln (the id), alias,
// severity, score, cvss, fixed, upgrade-to, summary, published and
// modified (RFC 3339), path (IDs joined by " > ") and reference.
// Vulnerabilities of a package the result does not list are left out.
//
// Licences are NOASSERTION until ossaudit resolves them.
package spdx
