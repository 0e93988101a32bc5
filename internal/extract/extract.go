// Package extract owns the contract between the walk and the per-ecosystem
// parsers: the Extractor interface, the Input an extractor reads and the
// Result it returns, plus helpers every ecosystem uses (package and project
// identities, size caps). Each ecosystem lives in its own sub-package and
// imports only this package and model; ecosystems never import each other.
// The explicit list of extractors is in package extractors.
package extract

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"

	"github.com/ossaudit/ossaudit/model"
	"github.com/package-url/packageurl-go"
)

// Kind says what sort of input an extractor reads. When several files
// describe one project, lockfiles win over manifests, and installed
// packages are read only when a project has no lockfile.
type Kind string

// Kinds of input.
const (
	KindLockfile  Kind = "lockfile"
	KindManifest  Kind = "manifest"
	KindInstalled Kind = "installed"
	KindBinary    Kind = "binary"
	KindArchive   Kind = "archive"
	KindSBOM      Kind = "sbom"
)

// Extractor reads one file format.
type Extractor interface {
	// Name is "ecosystem/format", e.g. "npm/package-lock".
	Name() string
	// Ecosystem is the ecosystem of the packages it finds; empty for formats
	// that carry several (SBOMs).
	Ecosystem() model.Ecosystem
	Kind() Kind
	// Description is one line for `ossaudit help ecosystems`, naming the files read.
	Description() string
	// Match decides from the slash-separated path alone (relative to the
	// scanned root) whether this extractor reads the file. It must be cheap:
	// it runs for every file of the walk.
	Match(path string) bool
	// Extract parses the file. A returned error means nothing usable came out
	// of the file; problems with parts of it go into Result.Diagnostics.
	// Extract must never panic, whatever the input.
	Extract(ctx context.Context, in *Input) (*Result, error)
}

// Sniffer is implemented by extractors that recognise their files by
// content (binaries, SBOMs named freely). Sniff gets at most the first 4 KiB.
type Sniffer interface {
	Sniff(header []byte) bool
}

// InstalledReader is implemented by extractors of KindInstalled that read
// packages installed in a folder the walk does not enter (node_modules,
// site-packages). The pipeline calls Extract with Input.Path set to that
// folder, and only when no lockfile of the same ecosystem lies in the
// folder's project or above it.
type InstalledReader interface {
	// MatchInstalled reports whether dir (slash path) is such a folder.
	MatchInstalled(dir string) bool
}

// DefaultMaxFileSize is the default cap on one input file.
const DefaultMaxFileSize = 256 << 20

// Input is one file to extract, in the tree being scanned.
type Input struct {
	// FS is the scanned root; Path is relative to it, slash-separated.
	FS   fs.FS
	Path string
	// MaxFileSize caps reads through ReadFile (0 means DefaultMaxFileSize).
	MaxFileSize int64
	// MaxArchiveBytes caps the total bytes an archive may expand to
	// (0 means 16 times MaxFileSize).
	MaxArchiveBytes int64
}

// Dir returns the slash folder of the input file ("." at the root).
func (in *Input) Dir() string { return path.Dir(in.Path) }

func (in *Input) maxSize() int64 {
	if in.MaxFileSize > 0 {
		return in.MaxFileSize
	}
	return DefaultMaxFileSize
}

// ArchiveLimit returns the cap on the bytes an archive may expand to.
func (in *Input) ArchiveLimit() int64 {
	if in.MaxArchiveBytes > 0 {
		return in.MaxArchiveBytes
	}
	return 16 * in.maxSize()
}

// ErrTooLarge is wrapped by errors about files over the size cap.
var ErrTooLarge = fmt.Errorf("file too large")

// ReadFile reads the input file whole, refusing files over the size cap.
func (in *Input) ReadFile() ([]byte, error) { return in.ReadRel(in.Path) }

// ReadRel reads another file of the tree (slash path relative to the root),
// with the same cap.
func (in *Input) ReadRel(p string) ([]byte, error) {
	f, err := in.FS.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	max := in.maxSize()
	if st, err := f.Stat(); err == nil && st.Size() > max {
		return nil, fmt.Errorf("%w: %s is %d bytes, over the cap of %d; raise it with --max-file-size to read it", ErrTooLarge, p, st.Size(), max)
	}
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("%w: %s is over the cap of %d bytes; raise it with --max-file-size to read it", ErrTooLarge, p, max)
	}
	return data, nil
}

// Result is what one file yielded.
type Result struct {
	Projects    []model.Project
	Packages    []model.Package
	Edges       []model.Edge
	Diagnostics []model.Diagnostic
	// Vulnerabilities are advisories the file records against its packages
	// (SBOMs carry them); Package names a package of this result.
	Vulnerabilities []model.Vulnerability
}

// AddEdge appends an edge unless it is already the last one added.
func (r *Result) AddEdge(from, to string, scope model.Scope) {
	r.Edges = append(r.Edges, model.Edge{From: from, To: to, Scope: scope})
}

// AddIndirectEdge appends an edge from a project to a package it needs only
// through dependencies the input does not name (see model.Edge.Indirect).
func (r *Result) AddIndirectEdge(from, to string, scope model.Scope) {
	r.Edges = append(r.Edges, model.Edge{From: from, To: to, Scope: scope, Indirect: true})
}

// Warn records a warning at path:line.
func (r *Result) Warn(path string, line int, format string, args ...any) {
	r.Diagnostics = append(r.Diagnostics, model.Diagnostic{Severity: model.SevWarning, Location: model.Location{Path: path, Line: line}, Message: fmt.Sprintf(format, args...)})
}

// Error records an error at path:line: part of the file could not be read,
// which makes the scan incomplete.
func (r *Result) Error(path string, line int, format string, args ...any) {
	r.Diagnostics = append(r.Diagnostics, model.Diagnostic{Severity: model.SevError, Location: model.Location{Path: path, Line: line}, Message: fmt.Sprintf(format, args...)})
}

// ProjectID returns the ID of the project of ecosystem eco in folder dir
// (slash, relative to the root). Every file describing the same project
// uses the same ID, so the graph merges them; name is added for formats that
// describe several projects in one folder, and is usually empty.
func ProjectID(eco model.Ecosystem, dir, name string) string {
	if dir == "" {
		dir = "."
	}
	id := "project:" + string(eco) + ":" + dir
	if name != "" {
		id += "#" + name
	}
	return id
}

// NewProject returns a project for the file at file, in the folder of that file.
func NewProject(eco model.Ecosystem, file, name, version string) model.Project {
	dir := path.Dir(file)
	return model.Project{ID: ProjectID(eco, dir, ""), Ecosystem: eco, Name: name, Version: version, Dir: dir, Sources: []string{file}}
}

// NewPackage builds a package from its package URL. name is spelled as the
// ecosystem spells it; normalized is the ecosystem's comparison form (empty
// when it equals name). When version is empty the package is unresolved:
// requirement holds what the input said (a range, a URL) and reason says why
// no exact version is known.
func NewPackage(eco model.Ecosystem, purl packageurl.PackageURL, name, normalized string, loc model.Location) model.Package {
	p := model.Package{
		Ecosystem: eco,
		Name:      name,
		Version:   purl.Version,
		PURL:      purl.ToString(),
	}
	if normalized != name {
		p.NormalizedName = normalized
	}
	p.ID = p.PURL
	if loc.Path != "" {
		p.Locations = []model.Location{loc}
	}
	return p
}

// Unresolved marks p as having no exact version: requirement is what the
// input said (a range, a URL, a path), reason why it cannot be pinned. Build
// p from a package URL without a version. The ID carries the requirement, so
// different ranges of one package stay different nodes.
func Unresolved(p model.Package, requirement, reason string) model.Package {
	p.Version = ""
	p.Requirement = requirement
	p.Unresolved = reason
	p.ID = p.PURL + "#" + requirement
	return p
}

// Sort orders the result's slices; extractors need not call it.
func (r *Result) Sort() {
	sort.Slice(r.Packages, func(i, j int) bool { return r.Packages[i].ID < r.Packages[j].ID })
	sort.Slice(r.Edges, func(i, j int) bool {
		if r.Edges[i].From != r.Edges[j].From {
			return r.Edges[i].From < r.Edges[j].From
		}
		return r.Edges[i].To < r.Edges[j].To
	})
}
