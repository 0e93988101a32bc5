// Package sbom owns the extractors that read software bills of materials
// back into the ossaudit model: CycloneDX 1.2–1.7 in JSON and XML (decoded by
// github.com/CycloneDX/cyclonedx-go) and SPDX 2.1–2.3 in JSON and tag-value
// (decoded by github.com/spdx/tools-golang, which converts older versions to
// 2.3). Nothing of the formats themselves is hand-written; this package maps
// the decoded documents onto projects, packages and edges, and finds the line
// of each element, which the libraries do not report.
//
// # Documents written by ossaudit
//
// The renderers in internal/render/cyclonedx and internal/render/spdx keep
// what the formats have no field for in CycloneDX properties and SPDX package
// comments named "ossaudit:..." (see those packages for the list; the names
// are repeated here because extractors may not import renderers). When they
// are present the packages, projects and edges read back are the ones that
// were written: same IDs, names, versions, scopes, direct flags, locations,
// properties and edge scopes. Vulnerabilities come back whole from
// CycloneDX (from the vulnerabilities array and its "ossaudit:fixed",
// "ossaudit:path" and "ossaudit:upgrade-to" properties) and from SPDX (from
// the "ossaudit:vuln=..." comments of SECURITY references). A path is split
// at " > " and put back together where that makes an ID of the document.
//
// # Documents from other tools
//
// Every component or SPDX package becomes a package; nested CycloneDX
// components are flattened. The ecosystem comes from the package URL type,
// the name is rebuilt as the ecosystem spells it (Maven group:artifact, npm
// @scope/name, Go and others namespace/name) and the ID is the package URL.
// Elements without a package URL keep ecosystem "" and get the ID
// "sbom:<file>#<bom-ref or SPDXID>" and a pkg:generic package URL. The
// CycloneDX metadata component, or the SPDX packages the document DESCRIBES,
// become projects in the folder of the SBOM; edges come from the CycloneDX
// dependency graph and from SPDX dependency relationships. Locations point at
// the SBOM itself, at the line that declares each element.
//
// CycloneDX vulnerabilities of other tools are read generically: one per
// affected component (a bom-ref, or a BOM-Link to this document), with id,
// aliases (references), description as summary, advisories as references,
// published and updated dates; the rating is the worst severity stated
// ("info" is none), the score the highest CVSS score, the vectors those of
// the CVSS ratings, and when no severity is stated the CVSS v3 scale turns
// the score into one. Targets that are not packages are warned about and
// skipped. SPDX security references of other tools are not read.
package sbom
