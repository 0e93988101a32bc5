package pypi

import (
	"bytes"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/ossaudit/ossaudit/internal/extract"
	"github.com/ossaudit/ossaudit/model"
	"github.com/package-url/packageurl-go"
)

// Extractors returns every extractor of this package.
func Extractors() []extract.Extractor {
	return []extract.Extractor{
		requirementsExtractor{},
		poetryExtractor{},
		pipfileExtractor{},
		uvExtractor{},
		pdmExtractor{},
		pylockExtractor{},
		installedExtractor{},
	}
}

const eco = model.PyPI

var separators = regexp.MustCompile(`[-_.]+`)

// normalize returns the PEP 503 form of a project name.
func normalize(name string) string {
	return strings.ToLower(separators.ReplaceAllString(name, "-"))
}

// purlName returns the name as the PURL spec wants it for pypi.
func purlName(name string) string {
	return strings.ReplaceAll(strings.ToLower(name), "_", "-")
}

// newPURL builds a pypi package URL; qualifiers may be nil.
func newPURL(name, version string, qualifiers map[string]string) packageurl.PackageURL {
	var q packageurl.Qualifiers
	if len(qualifiers) > 0 {
		q = packageurl.QualifiersFromMap(qualifiers)
	}
	return *packageurl.NewPackageURL(packageurl.TypePyPi, "", purlName(name), version, q, "")
}

// newPackage returns a package with an exact version.
func newPackage(name, version string, qualifiers map[string]string, loc model.Location) model.Package {
	return extract.NewPackage(eco, newPURL(name, version, qualifiers), name, normalize(name), loc)
}

// unresolvedPackage returns a package without an exact version.
func unresolvedPackage(name, requirement, reason string, qualifiers map[string]string, loc model.Location) model.Package {
	p := extract.NewPackage(eco, newPURL(name, "", qualifiers), name, normalize(name), loc)
	return extract.Unresolved(p, requirement, reason)
}

// builder collects the packages of one result, merging duplicates.
type builder struct {
	res    *extract.Result
	byID   map[string]int
	byName map[string][]string // normalized name -> IDs, in order of appearance
	edges  map[model.Edge]bool
}

func newBuilder() *builder {
	return &builder{res: &extract.Result{}, byID: map[string]int{}, byName: map[string][]string{}, edges: map[model.Edge]bool{}}
}

// add adds p, or merges its locations and properties into the package of
// the same ID, and returns the ID.
func (b *builder) add(p model.Package) string {
	if i, ok := b.byID[p.ID]; ok {
		q := &b.res.Packages[i]
		q.Locations = append(q.Locations, p.Locations...)
		for k, v := range p.Properties {
			if q.Properties == nil {
				q.Properties = map[string]string{}
			}
			if _, ok := q.Properties[k]; !ok {
				q.Properties[k] = v
			}
		}
		if p.Scope != "" && (q.Scope == "" || p.Scope.Stronger(q.Scope)) {
			q.Scope = p.Scope
		}
		return p.ID
	}
	b.byID[p.ID] = len(b.res.Packages)
	b.res.Packages = append(b.res.Packages, p)
	key := p.Key()
	b.byName[key] = append(b.byName[key], p.ID)
	return p.ID
}

// pkg returns the package of id; nil when unknown.
func (b *builder) pkg(id string) *model.Package {
	if i, ok := b.byID[id]; ok {
		return &b.res.Packages[i]
	}
	return nil
}

// edge adds an edge once.
func (b *builder) edge(from, to string, scope model.Scope) {
	e := model.Edge{From: from, To: to, Scope: scope}
	if from == to || b.edges[e] {
		return
	}
	b.edges[e] = true
	b.res.Edges = append(b.res.Edges, e)
}

// linkRoots links project to the packages no other package depends on,
// with the package's own scope (runtime when unset). When the input records
// no edges between packages at all, nothing tells direct dependencies from
// the others, so every package gets an indirect edge instead.
func (b *builder) linkRoots(project string) {
	has := map[string]bool{}
	for _, e := range b.res.Edges {
		if _, ok := b.byID[e.From]; ok {
			has[e.To] = true
		}
	}
	for _, p := range b.res.Packages {
		if has[p.ID] {
			continue
		}
		if len(has) == 0 {
			b.indirect(project, p.ID, pkgScope(p))
		} else {
			b.edge(project, p.ID, pkgScope(p))
		}
	}
}

// linkUnreachable gives project an indirect edge to every package that no
// project of the result reaches through edges, so that nothing the input
// lists is left out of the graph.
func (b *builder) linkUnreachable(project string) {
	next := map[string][]string{}
	var queue []string
	seen := map[string]bool{}
	for _, e := range b.res.Edges {
		next[e.From] = append(next[e.From], e.To)
		if _, isPkg := b.byID[e.From]; !isPkg && !seen[e.From] {
			seen[e.From] = true
			queue = append(queue, e.From)
		}
	}
	for len(queue) > 0 {
		id := queue[0]
		queue = queue[1:]
		for _, to := range next[id] {
			if !seen[to] {
				seen[to] = true
				queue = append(queue, to)
			}
		}
	}
	for _, p := range b.res.Packages {
		if !seen[p.ID] {
			b.indirect(project, p.ID, pkgScope(p))
		}
	}
}

// pkgScope returns the scope of p, runtime when unset.
func pkgScope(p model.Package) model.Scope {
	if p.Scope == "" {
		return model.ScopeRuntime
	}
	return p.Scope
}

// indirect adds an indirect edge from a project once.
func (b *builder) indirect(from, to string, scope model.Scope) {
	e := model.Edge{From: from, To: to, Scope: scope, Indirect: true}
	if b.edges[e] {
		return
	}
	b.edges[e] = true
	b.res.Edges = append(b.res.Edges, e)
}

// result returns the collected result with sorted locations.
func (b *builder) result() *extract.Result {
	for i := range b.res.Packages {
		b.res.Packages[i].Locations = model.SortLocations(b.res.Packages[i].Locations)
	}
	return b.res
}

// groupScope maps a dependency group name to a scope.
func groupScope(group string) model.Scope {
	g := normalize(group)
	switch g {
	case "main", "default", "":
		return model.ScopeRuntime
	}
	for _, tok := range strings.Split(g, "-") {
		switch tok {
		case "test", "tests", "testing":
			return model.ScopeTest
		}
	}
	return model.ScopeDevelopment
}

// strongest returns the strongest of the scopes of groups.
func strongest(groups []string) model.Scope {
	var s model.Scope
	for i, g := range groups {
		if gs := groupScope(g); i == 0 || gs.Stronger(s) {
			s = gs
		}
	}
	return s
}

// headerLines returns the 1-based lines of the TOML headers "[[name]]" in
// data, in order.
func headerLines(data []byte, name string) []int {
	var out []int
	line := 0
	for len(data) > 0 {
		line++
		var l []byte
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			l, data = data[:i], data[i+1:]
		} else {
			l, data = data, nil
		}
		if i := bytes.IndexByte(l, '#'); i >= 0 {
			l = l[:i]
		}
		l = bytes.TrimSpace(l)
		if bytes.HasPrefix(l, []byte("[[")) && bytes.HasSuffix(l, []byte("]]")) && len(l) >= 4 {
			if strings.TrimSpace(string(l[2:len(l)-2])) == name {
				out = append(out, line)
			}
		}
	}
	return out
}

// entryLine returns the line of the i-th entry, or 0.
func entryLine(lines []int, i int) int {
	if i < len(lines) {
		return lines[i]
	}
	return 0
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// pypiRegistry reports whether an index URL is the default PyPI index.
func pypiRegistry(u string) bool {
	u = strings.TrimSuffix(strings.TrimSpace(u), "/")
	switch u {
	case "", "https://pypi.org/simple", "https://pypi.org", "https://pypi.python.org/simple", "https://pypi.org/pypi", "pypi":
		return true
	}
	return false
}

// projectDir joins a relative folder to the folder of the lockfile.
func projectDir(dir, rel string) string {
	return path.Clean(path.Join(dir, rel))
}
