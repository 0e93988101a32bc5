// Package pypi owns the extractors of the Python ecosystem (PyPI): pip
// requirements files, poetry.lock, Pipfile.lock, uv.lock, pdm.lock, PEP 751
// pylock.toml and the packages installed in a site-packages folder.
//
// # Formats
//
// Each format lives in its own file. TOML and JSON are read with
// github.com/pelletier/go-toml/v2 and encoding/json; PURLs are built with
// packageurl-go. Two small grammars are hand-written because no Go library
// for them exists in go.mod and both are short: PEP 508 dependency
// specifiers (pep508.go, the subset needed to tell a name, extras, a version
// specifier, a URL and a marker apart) and the line format of pip
// requirements files (requirements.go). The RFC 822-style METADATA and
// PKG-INFO files of installed distributions are read by a tolerant
// hand-written header reader (installed.go) because net/textproto refuses
// the malformed headers real distributions carry.
//
// # Direct dependencies
//
//   - requirements files: every requirement is a direct dependency of the
//     project in the file's folder (the parent folder for files inside a
//     folder named "requirements"). The edge scope comes from the file name:
//     "dev"/"develop"/"lint"/"docs" tokens give development, "test"/"tests"/
//     "testing" give test, anything else runtime. Included files (-r, -c)
//     inherit the scope of the file that includes them; each file is read
//     once, a cycle gives a warning, and includes nest at most
//     maxIncludeDepth deep. Entries of constraint files are reported too
//     (a constraints file matched on its own yields them anyway), with
//     property "pypi:constraint"; they are not applied to ranges.
//   - poetry.lock, pdm.lock and pylock.toml: the direct dependencies come
//     from the sibling pyproject.toml ([project], [dependency-groups] and the
//     tool tables). Without a readable pyproject.toml a warning is recorded
//     and the packages no other locked package depends on are taken as the
//     direct ones; when the lock records no dependencies at all (a flat
//     pylock.toml), every package gets an indirect edge instead.
//   - Pipfile.lock records no edges between packages. The packages the
//     sibling Pipfile declares are direct dependencies ("default" runtime,
//     "develop" development, other categories by name); the other locked
//     packages get indirect edges. Without a Pipfile every entry is taken as
//     a direct dependency.
//   - Every lockfile: a locked package that no project reaches through
//     edges gets an indirect edge (model.Edge.Indirect) from the project, so
//     nothing the lock lists falls out of the graph.
//   - uv.lock records the project itself and the workspace members as
//     editable or virtual packages; they become projects (Workspace = the
//     root project), the edges come from their dependency lists. When one
//     member depends on another, the edge goes from project to project, so
//     the dependencies of the member stay reachable. An extra of a package
//     that some lock entry requests ("extra = [...]") gives runtime edges,
//     the other extras optional ones.
//   - site-packages: METADATA records Requires-Dist, so the installed
//     packages no other installed package requires are taken as direct
//     dependencies of the environment's project: the folder above
//     lib/pythonX.Y (or Lib), or its parent when that folder is a virtual
//     environment (it holds pyvenv.cfg).
//
// # Identities
//
// The PURL name is lower-cased with "_" replaced by "-" (the PURL spec for
// pypi); NormalizedName is the PEP 503 form. Packages from other sources
// than PyPI carry a PURL qualifier (repository_url, vcs_url, download_url)
// so two lock entries with one name and version but different sources stay
// apart. Requirements without an exact pin (ranges, URLs, paths, editable
// installs) are reported as unresolved packages, never dropped.
package pypi
