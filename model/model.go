package model

import (
	"sort"
	"strings"
)

// SchemaVersion is the version of ossaudit's own JSON output. It changes its
// major number only when a field is removed or changes meaning.
const SchemaVersion = "1.0"

// Ecosystem names a package ecosystem. The values are the ecosystem names
// OSV uses, so that advisories can be matched without translation.
type Ecosystem string

// Ecosystems ossaudit understands.
const (
	Npm         Ecosystem = "npm"
	Go          Ecosystem = "Go"
	PyPI        Ecosystem = "PyPI"
	CratesIO    Ecosystem = "crates.io"
	RubyGems    Ecosystem = "RubyGems"
	Packagist   Ecosystem = "Packagist"
	Maven       Ecosystem = "Maven"
	NuGet       Ecosystem = "NuGet"
	Pub         Ecosystem = "Pub"
	SwiftURL    Ecosystem = "SwiftURL"
	Hex         Ecosystem = "Hex"
	ConanCenter Ecosystem = "ConanCenter"
)

// Scope says in which role a package is needed.
type Scope string

// Scopes, from the one that matters most for shipped software to the least.
const (
	ScopeRuntime     Scope = "runtime"
	ScopeOptional    Scope = "optional"
	ScopePeer        Scope = "peer"
	ScopeDevelopment Scope = "development"
	ScopeTest        Scope = "test"
	ScopeUnknown     Scope = ""
)

// rank orders scopes: a lower rank wins when a package is reached several ways.
func (s Scope) rank() int {
	switch s {
	case ScopeRuntime:
		return 0
	case ScopeOptional:
		return 1
	case ScopePeer:
		return 2
	case ScopeDevelopment:
		return 3
	case ScopeTest:
		return 4
	}
	return 5
}

// Stronger reports whether s matters more than t for what ships (runtime
// beats optional beats peer beats development beats test beats unknown).
func (s Scope) Stronger(t Scope) bool { return s.rank() < t.rank() }

// Location is a place in the scanned tree that declares something.
type Location struct {
	// Path is slash-separated and relative to the scanned root.
	Path   string `json:"path"`
	Line   int    `json:"line,omitempty"`
	Column int    `json:"column,omitempty"`
}

func (l Location) String() string {
	s := l.Path
	if l.Line > 0 {
		s += ":" + itoa(l.Line)
		if l.Column > 0 {
			s += ":" + itoa(l.Column)
		}
	}
	return s
}

// Less orders locations by path, line and column.
func (l Location) Less(m Location) bool {
	if l.Path != m.Path {
		return l.Path < m.Path
	}
	if l.Line != m.Line {
		return l.Line < m.Line
	}
	return l.Column < m.Column
}

// Package is one component at one version.
type Package struct {
	// ID is unique within a Result; see the package documentation.
	ID        string    `json:"id"`
	Ecosystem Ecosystem `json:"ecosystem"`
	// Name is spelled as the ecosystem spells it.
	Name string `json:"name"`
	// NormalizedName is the form under which the ecosystem treats names as
	// equal (PEP 503 for PyPI, lower case for Go module paths and NuGet,
	// group:artifact for Maven). Empty when it equals Name.
	NormalizedName string `json:"normalized_name,omitempty"`
	// Version is exact; empty when the input only gives a range, in which
	// case Requirement holds the range and Unresolved says why.
	Version     string `json:"version,omitempty"`
	Requirement string `json:"requirement,omitempty"`
	Unresolved  string `json:"unresolved,omitempty"`
	PURL        string `json:"purl,omitempty"`
	Scope       Scope  `json:"scope,omitempty"`
	Direct      bool   `json:"direct"`
	// Locations are every file and line that declares this package.
	Locations []Location `json:"locations,omitempty"`
	// Properties hold ecosystem extras under namespaced keys ("npm:resolved").
	Properties map[string]string `json:"properties,omitempty"`
}

// Key returns the name under which the ecosystem compares packages.
func (p *Package) Key() string {
	if p.NormalizedName != "" {
		return p.NormalizedName
	}
	return p.Name
}

// Project is a root of the graph: a manifest or lockfile's own project.
type Project struct {
	ID        string    `json:"id"`
	Ecosystem Ecosystem `json:"ecosystem"`
	Name      string    `json:"name,omitempty"`
	Version   string    `json:"version,omitempty"`
	PURL      string    `json:"purl,omitempty"`
	// Dir is the slash-separated folder of the project relative to the
	// scanned root ("." for the root itself).
	Dir string `json:"dir"`
	// Sources are the files that describe this project.
	Sources []string `json:"sources"`
	// Workspace is the ID of the workspace project this one is a member of.
	Workspace string `json:"workspace,omitempty"`
	// Properties hold ecosystem extras under namespaced keys
	// ("composer:require-php", "maven:imported-boms").
	Properties map[string]string `json:"properties,omitempty"`
}

// Edge says that From depends on To. From is a project or package ID; To is
// a package ID, or a project ID when one project of the tree depends on
// another (workspace members, path dependencies).
type Edge struct {
	From  string `json:"from"`
	To    string `json:"to"`
	Scope Scope  `json:"scope,omitempty"`
	// Indirect marks an edge from a project to a package it needs only
	// through dependencies that the input does not name (go.mod's
	// "// indirect" requires, lockfiles that list a flat build set). Such a
	// package is not direct, but the edge is the best path the input gives.
	Indirect bool `json:"indirect,omitempty"`
}

// Severity of a diagnostic.
type Severity string

// Diagnostic severities.
const (
	SevError   Severity = "error"
	SevWarning Severity = "warning"
	SevInfo    Severity = "info"
)

// Diagnostic is a problem found while scanning. Errors mean that some input
// could not be read fully, so the scan is incomplete.
type Diagnostic struct {
	Severity Severity `json:"severity"`
	Location Location `json:"location"`
	Message  string   `json:"message"`
	// Extractor names the part of ossaudit that reported it, if any.
	Extractor string `json:"extractor,omitempty"`
}

func (d Diagnostic) String() string {
	loc := d.Location.String()
	if loc == "" {
		return string(d.Severity) + ": " + d.Message
	}
	return loc + ": " + string(d.Severity) + ": " + d.Message
}

// Result is everything one scan found.
type Result struct {
	SchemaVersion string `json:"schema_version"`
	Tool          Tool   `json:"tool"`
	// Target is what was scanned, as the user named it.
	Target   string    `json:"target"`
	Projects []Project `json:"projects"`
	Packages []Package `json:"packages"`
	Edges    []Edge    `json:"edges"`
	// Vulnerabilities are the advisories affecting the packages, when an
	// advisory database was consulted.
	Vulnerabilities []Vulnerability `json:"vulnerabilities,omitempty"`
	// AdvisoryData says which advisory database was consulted, if any.
	AdvisoryData *AdvisoryData `json:"advisory_data,omitempty"`
	Diagnostics  []Diagnostic  `json:"diagnostics,omitempty"`
	// Stats count what the scan looked at.
	Stats Stats `json:"stats"`
}

// Tool identifies the program that produced a Result.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// Stats count what a scan did.
type Stats struct {
	FilesWalked int `json:"files_walked"`
	FilesParsed int `json:"files_parsed"`
}

// Incomplete reports whether some input could not be read.
func (r *Result) Incomplete() bool {
	for _, d := range r.Diagnostics {
		if d.Severity == SevError {
			return true
		}
	}
	return false
}

// Sort puts every slice of r in its canonical order, so output is
// deterministic. Sorting a sorted result costs one pass.
func (r *Result) Sort() {
	if !sort.SliceIsSorted(r.Projects, func(i, j int) bool { return r.Projects[i].ID < r.Projects[j].ID }) {
		sort.Slice(r.Projects, func(i, j int) bool { return r.Projects[i].ID < r.Projects[j].ID })
	}
	r.Packages = sortPackages(r.Packages)
	edgeLess := func(i, j int) bool {
		a, b := r.Edges[i], r.Edges[j]
		if a.From != b.From {
			return a.From < b.From
		}
		if a.To != b.To {
			return a.To < b.To
		}
		return a.Scope < b.Scope
	}
	if !sort.SliceIsSorted(r.Edges, edgeLess) {
		sort.Slice(r.Edges, edgeLess)
	}
	sort.SliceStable(r.Diagnostics, func(i, j int) bool {
		a, b := r.Diagnostics[i], r.Diagnostics[j]
		if a.Location != b.Location {
			return a.Location.Less(b.Location)
		}
		return a.Message < b.Message
	})
	sort.SliceStable(r.Vulnerabilities, func(i, j int) bool {
		a, b := r.Vulnerabilities[i], r.Vulnerabilities[j]
		if a.Package != b.Package {
			return a.Package < b.Package
		}
		return a.ID < b.ID
	})
	// the same message about the same place (a parent POM missing for
	// every module that names it) is said once
	ds := r.Diagnostics[:0]
	for i, d := range r.Diagnostics {
		if i > 0 && d == r.Diagnostics[i-1] {
			continue
		}
		ds = append(ds, d)
	}
	r.Diagnostics = ds
	for i := range r.Packages {
		r.Packages[i].Locations = SortLocations(r.Packages[i].Locations)
	}
	for i := range r.Projects {
		sort.Strings(r.Projects[i].Sources)
	}
}

// sortPackages sorts by ID. Packages are large structs, so it sorts their
// indexes and moves each package once.
func sortPackages(pkgs []Package) []Package {
	if sort.SliceIsSorted(pkgs, func(i, j int) bool { return pkgs[i].ID < pkgs[j].ID }) {
		return pkgs
	}
	idx := make([]int, len(pkgs))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return pkgs[idx[a]].ID < pkgs[idx[b]].ID })
	out := make([]Package, len(pkgs))
	for i, j := range idx {
		out[i] = pkgs[j]
	}
	return out
}

// SortLocations sorts and de-duplicates locs in place.
func SortLocations(locs []Location) []Location {
	sort.Slice(locs, func(i, j int) bool { return locs[i].Less(locs[j]) })
	out := locs[:0]
	for i, l := range locs {
		if i > 0 && l == locs[i-1] {
			continue
		}
		out = append(out, l)
	}
	return out
}

// Package returns the package with the given ID, or nil.
func (r *Result) Package(id string) *Package {
	i := sort.Search(len(r.Packages), func(i int) bool { return r.Packages[i].ID >= id })
	if i < len(r.Packages) && r.Packages[i].ID == id {
		return &r.Packages[i]
	}
	for i := range r.Packages { // not sorted yet
		if r.Packages[i].ID == id {
			return &r.Packages[i]
		}
	}
	return nil
}

// Label returns "name@version" for a package or project ID, or the ID itself.
func (r *Result) Label(id string) string {
	if p := r.Package(id); p != nil {
		if p.Version == "" {
			return p.Name
		}
		return p.Name + "@" + p.Version
	}
	for _, pr := range r.Projects {
		if pr.ID == id {
			if pr.Name != "" {
				return pr.Name
			}
			return pr.Dir
		}
	}
	return id
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	neg := n < 0
	if neg {
		n = -n
	}
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}

// FoldName lower-cases s; a helper for ecosystems whose names compare
// without case.
func FoldName(s string) string { return strings.ToLower(s) }
