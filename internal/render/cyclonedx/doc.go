// Package cyclonedx owns the CycloneDX output formats: a scan result written
// as a CycloneDX 1.6 BOM in JSON ("cyclonedx-json") or XML ("cyclonedx-xml").
// The document model and both encodings come from
// github.com/CycloneDX/cyclonedx-go; this package only maps the ossaudit
// model onto it.
//
// # Mapping
//
// metadata.component is the scanned target; each model.Project is an
// application component and each model.Package a library component, with
// bom-ref = the ossaudit ID. The dependency graph lists every project and
// package (an empty entry means "no dependencies"), and the target depends on
// every project. Components, properties and dependencies are sorted, so the
// output depends only on the result (plus serialNumber and timestamp).
//
// CycloneDX has one scope per component and none per dependency edge, so
// ossaudit's own detail travels in properties that the sbom extractor reads
// back (package internal/extract/sbom keeps the same names):
//
//	ossaudit:scope            the package's exact scope (runtime, optional, peer, development, test)
//	ossaudit:direct           "true" or "false"
//	ossaudit:normalized-name  model.Package.NormalizedName, when set
//	ossaudit:requirement      the range of an unresolved package
//	ossaudit:unresolved       why it is unresolved
//	ossaudit:location         one per location, "path:line[:column]"
//	ossaudit:edge-scope       on the depending component, "<scope> <to-id>" for
//	                          each scope of a dependency that is not a single
//	                          runtime edge ("unknown" stands for an edge
//	                          without scope); dependsOn entries without one
//	                          are runtime
//	ossaudit:edge-indirect    on a project component, "<to-id>" for each
//	                          dependency it has only through dependencies the
//	                          input did not name (model.Edge.Indirect)
//	ossaudit:project-dir, ossaudit:ecosystem, ossaudit:source, ossaudit:workspace
//	                          on project components
//
// Every model.Package property is copied as a property of the same name.
// Locations are also given as evidence.occurrences, for other consumers.
//
// # Vulnerabilities
//
// Each model.Vulnerability is an entry of the BOM's vulnerabilities, sorted
// by package and id, with bom-ref "vuln:<id>:<package ID>". source and the
// aliases (references) are named by id prefix (GHSA, GO-, PYSEC, RUSTSEC,
// CVE, else OSV) and link to the advisory on osv.dev. ratings hold one
// rating per CVSS vector, scored with the CVSS library the matching uses
// (internal/enrich/osv), so the highest is the vulnerability's own score;
// without a vector that scores, the vulnerability's rating as it is, or
// severity "unknown". description is the summary, recommendation names the
// upgrade, advisories are the references, affects is the package (bom-ref)
// at its installed version. Properties, in the model's order:
//
//	ossaudit:fixed       one per version that fixes it
//	ossaudit:path        one per dependency path, IDs joined by " > "
//	ossaudit:upgrade-to  model.Vulnerability.UpgradeTo (the recommendation
//	                     says the same in words)
//
// Vulnerabilities of a package the result does not list are left out.
package cyclonedx
