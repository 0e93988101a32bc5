package nuget

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/ossaudit/ossaudit/internal/diag"
	"github.com/ossaudit/ossaudit/internal/extract"
	"github.com/ossaudit/ossaudit/model"
	"github.com/package-url/packageurl-go"
)

// Extractors returns every extractor of this package.
func Extractors() []extract.Extractor { return []extract.Extractor{PackagesLock{}} }

// PackagesLock reads packages.lock.json.
type PackagesLock struct{}

// Name implements extract.Extractor.
func (PackagesLock) Name() string { return "nuget/packages-lock" }

// Ecosystem implements extract.Extractor.
func (PackagesLock) Ecosystem() model.Ecosystem { return model.NuGet }

// Kind implements extract.Extractor.
func (PackagesLock) Kind() extract.Kind { return extract.KindLockfile }

// Description implements extract.Extractor.
func (PackagesLock) Description() string {
	return "NuGet lockfiles: packages.lock.json and packages.<project>.lock.json (versions 1 and 2)"
}

// Match implements extract.Extractor.
func (PackagesLock) Match(p string) bool {
	base := path.Base(p)
	return base == "packages.lock.json" ||
		(strings.HasPrefix(base, "packages.") && strings.HasSuffix(base, ".lock.json") && len(base) > len("packages..lock.json"))
}

type lockFile struct {
	Version      int                             `json:"version"`
	Dependencies map[string]map[string]lockEntry `json:"dependencies"`
}

type lockEntry struct {
	Type         string            `json:"type"`
	Requested    string            `json:"requested"`
	Resolved     string            `json:"resolved"`
	ContentHash  string            `json:"contentHash"`
	Dependencies map[string]string `json:"dependencies"`
}

// Entry types of packages.lock.json.
const (
	typeDirect  = "Direct"
	typeProject = "Project"
)

// Extract implements extract.Extractor.
func (x PackagesLock) Extract(ctx context.Context, in *extract.Input) (*extract.Result, error) {
	data, err := in.ReadFile()
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", in.Path, err)
	}
	var lf lockFile
	if err := json.Unmarshal(data, &lf); err != nil {
		return nil, fmt.Errorf("parsing packages.lock.json: %w", diag.Parse(in.Path, data, err))
	}
	lines, err := extract.ScanJSONLines(in.Path, data)
	if err != nil {
		return nil, fmt.Errorf("parsing packages.lock.json: %w", diag.Parse(in.Path, data, err))
	}
	r := &extract.Result{}
	if lf.Version != 1 && lf.Version != 2 {
		r.Warn(in.Path, lines.Line("version"), "packages.lock.json version %d is not one this reader knows (1 or 2); reading it as version 2", lf.Version)
	}
	proj := extract.NewProject(model.NuGet, in.Path, projectName(in), "")
	r.Projects = append(r.Projects, proj)

	b := builder{r: r, file: in.Path, index: map[string]int{}, frameworks: map[string]map[string]bool{}, edges: map[model.Edge]bool{}}
	fws := sortedKeys(lf.Dependencies)
	// resolved[framework][lower-case name] is the ID chosen in that framework.
	resolved := map[string]map[string]string{}
	for _, fw := range fws {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		resolved[fw] = map[string]string{}
		for _, name := range sortedKeys(lf.Dependencies[fw]) {
			e := lf.Dependencies[fw][name]
			loc := model.Location{Path: in.Path, Line: lines.Line("dependencies", fw, name)}
			id := b.entry(fw, name, e, loc)
			resolved[fw][strings.ToLower(name)] = id
			if e.Type == typeDirect || e.Type == typeProject {
				b.edge(proj.ID, id, model.ScopeRuntime)
			}
		}
	}
	for _, fw := range fws {
		for _, name := range sortedKeys(lf.Dependencies[fw]) {
			e := lf.Dependencies[fw][name]
			from := resolved[fw][strings.ToLower(name)]
			for _, dep := range sortedKeys(e.Dependencies) {
				to, ok := resolved[fw][strings.ToLower(dep)]
				if !ok {
					line := lines.Line("dependencies", fw, name, "dependencies", dep)
					r.Warn(in.Path, line, "%s depends on %s %s, which framework %s does not list", name, dep, e.Dependencies[dep], fw)
					to = b.missing(fw, dep, e.Dependencies[dep], model.Location{Path: in.Path, Line: line})
				}
				b.edge(from, to, model.ScopeRuntime)
			}
		}
	}
	for id, set := range b.frameworks {
		p := &r.Packages[b.index[id]]
		p.Properties["nuget:frameworks"] = strings.Join(sortedKeys(set), ",")
		p.Locations = model.SortLocations(p.Locations)
	}
	return r, nil
}

// builder collects packages and edges, merging repeats.
type builder struct {
	r          *extract.Result
	file       string
	index      map[string]int             // package ID → index in r.Packages
	frameworks map[string]map[string]bool // package ID → frameworks listing it
	edges      map[model.Edge]bool
}

func (b *builder) edge(from, to string, scope model.Scope) {
	e := model.Edge{From: from, To: to, Scope: scope}
	if from == "" || to == "" || b.edges[e] {
		return
	}
	b.edges[e] = true
	b.r.Edges = append(b.r.Edges, e)
}

// entry adds the package of one lockfile entry and returns its ID.
func (b *builder) entry(fw, name string, e lockEntry, loc model.Location) string {
	purl := packageurl.NewPackageURL(packageurl.TypeNuget, "", name, "", nil, "")
	var p model.Package
	switch {
	case e.Type == typeProject:
		p = extract.Unresolved(extract.NewPackage(model.NuGet, *purl, name, strings.ToLower(name), loc),
			"project", "project reference: built from source in this tree")
	case e.Resolved == "":
		req := e.Requested
		if req == "" {
			req = "*"
		}
		b.r.Warn(b.file, loc.Line, "%s in framework %s has no resolved version", name, fw)
		p = extract.Unresolved(extract.NewPackage(model.NuGet, *purl, name, strings.ToLower(name), loc),
			req, "the lockfile gives no resolved version")
	default:
		purl.Version = e.Resolved
		p = extract.NewPackage(model.NuGet, *purl, name, strings.ToLower(name), loc)
	}
	props := map[string]string{}
	if e.Type == typeProject || e.Type == "CentralTransitive" {
		props["nuget:type"] = e.Type
	}
	if e.Requested != "" {
		props["nuget:requested"] = e.Requested
	}
	if e.ContentHash != "" {
		props["nuget:contentHash"] = e.ContentHash
	}
	return b.add(p, fw, props)
}

// missing adds a dependency that its framework does not list, unresolved.
func (b *builder) missing(fw, name, req string, loc model.Location) string {
	purl := packageurl.NewPackageURL(packageurl.TypeNuget, "", name, "", nil, "")
	if req == "" {
		req = "*"
	}
	p := extract.Unresolved(extract.NewPackage(model.NuGet, *purl, name, strings.ToLower(name), loc),
		req, "a dependency the lockfile does not resolve in framework "+fw)
	return b.add(p, fw, nil)
}

func (b *builder) add(p model.Package, fw string, props map[string]string) string {
	i, ok := b.index[p.ID]
	if !ok {
		p.Properties = map[string]string{}
		b.r.Packages = append(b.r.Packages, p)
		i = len(b.r.Packages) - 1
		b.index[p.ID] = i
		b.frameworks[p.ID] = map[string]bool{}
	} else {
		b.r.Packages[i].Locations = append(b.r.Packages[i].Locations, p.Locations...)
	}
	q := &b.r.Packages[i]
	for k, v := range props {
		if _, ok := q.Properties[k]; !ok {
			q.Properties[k] = v
		}
	}
	b.frameworks[p.ID][fw] = true
	return p.ID
}

// projectName names the project of the lockfile: <name> of
// packages.<name>.lock.json, else the only project file beside it.
func projectName(in *extract.Input) string {
	base := path.Base(in.Path)
	if base != "packages.lock.json" {
		return strings.TrimSuffix(strings.TrimPrefix(base, "packages."), ".lock.json")
	}
	entries, err := fs.ReadDir(in.FS, in.Dir())
	if err != nil {
		return ""
	}
	name := ""
	for _, e := range entries {
		ext := path.Ext(e.Name())
		if e.IsDir() || (ext != ".csproj" && ext != ".fsproj" && ext != ".vbproj") {
			continue
		}
		if name != "" {
			return ""
		}
		name = strings.TrimSuffix(e.Name(), ext)
	}
	return name
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
