package npm

import (
	"path"
	"strings"

	"github.com/ossaudit/ossaudit/internal/extract"
	"github.com/ossaudit/ossaudit/model"
	"github.com/package-url/packageurl-go"
)

// Property keys this package sets on packages.
const (
	propResolved  = "npm:resolved"
	propIntegrity = "npm:integrity"
	propSource    = "ossaudit:source"
)

// maxDepth caps the nesting of recursive structures (lockfile v1 trees,
// node_modules folders, JSON values).
const maxDepth = 256

// splitName splits an npm package name into the PURL namespace ("@scope")
// and name.
func splitName(name string) (ns, n string) {
	if strings.HasPrefix(name, "@") {
		if i := strings.IndexByte(name, '/'); i > 0 {
			return name[:i], name[i+1:]
		}
	}
	return "", name
}

// purlOf returns the package URL of name at version (version may be empty).
func purlOf(name, version string) packageurl.PackageURL {
	ns, n := splitName(name)
	return *packageurl.NewPackageURL("npm", ns, n, version, nil, "")
}

// splitSpec splits "name@version" (the name may be scoped) at the last '@'
// that is not the first byte. ok is false when there is no such '@'.
func splitSpec(s string) (name, version string, ok bool) {
	i := strings.LastIndexByte(s, '@')
	if i <= 0 {
		return s, "", false
	}
	return s[:i], s[i+1:], true
}

// splitDescriptor splits a yarn descriptor or resolution "name@range" at the
// first '@' after the first byte, so that "a@npm:b@^1" gives "a", "npm:b@^1".
func splitDescriptor(s string) (name, rng string, ok bool) {
	if len(s) < 2 {
		return s, "", false
	}
	i := strings.IndexByte(s[1:], '@')
	if i < 0 {
		return s, "", false
	}
	return s[:i+1], s[i+2:], true
}

// aliasTarget returns the real package name and range of an "npm:name@range"
// alias, or ok false.
func aliasTarget(rng string) (name, r string, ok bool) {
	if !strings.HasPrefix(rng, "npm:") {
		return "", "", false
	}
	rest := rng[len("npm:"):]
	name, r, ok = splitSpec(rest)
	if !ok {
		// "npm:name" without a range.
		if rest != "" && !strings.ContainsAny(rest[:1], "^~<>=*0123456789") {
			return rest, "", true
		}
		return "", "", false
	}
	return name, r, true
}

// isExactVersion reports whether v looks like a registry version (a semver,
// not a URL, path or protocol).
func isExactVersion(v string) bool {
	if v == "" || v[0] < '0' || v[0] > '9' {
		return false
	}
	return !strings.ContainsAny(v, ":/ ")
}

// builder accumulates one file's result, merging packages that share an ID.
type builder struct {
	file  string
	res   *extract.Result
	index map[string]int // package ID -> position in res.Packages
	edges map[model.Edge]bool
	// unscoped records IDs of which some occurrence had no explicit scope.
	unscoped map[string]bool
}

func newBuilder(file string) *builder {
	return &builder{
		file:     file,
		res:      &extract.Result{},
		index:    map[string]int{},
		edges:    map[model.Edge]bool{},
		unscoped: map[string]bool{},
	}
}

// pkg adds (or merges into) the package name@version declared at line.
// When version is not an exact version the package is unresolved with the
// given requirement. It returns the package ID, or "" when name is empty.
func (b *builder) pkg(name, version string, line int, scope model.Scope, props map[string]string) string {
	if name == "" {
		b.res.Warn(b.file, line, "a package without a name (version %q) is left out", version)
		return ""
	}
	loc := model.Location{Path: b.file, Line: line}
	var p model.Package
	if isExactVersion(version) {
		p = extract.NewPackage(model.Npm, purlOf(name, version), name, name, loc)
	} else {
		if version == "" {
			version = "*"
		}
		p = extract.NewPackage(model.Npm, purlOf(name, ""), name, name, loc)
		p = extract.Unresolved(p, version, "the lockfile does not pin a registry version")
	}
	return b.add(p, scope, props)
}

// add merges p into the result and returns its ID.
func (b *builder) add(p model.Package, scope model.Scope, props map[string]string) string {
	if i, ok := b.index[p.ID]; ok {
		q := &b.res.Packages[i]
		q.Locations = append(q.Locations, p.Locations...)
		if scope == "" {
			b.unscoped[p.ID] = true
			q.Scope = ""
		} else if !b.unscoped[p.ID] && scope.Stronger(q.Scope) {
			q.Scope = scope
		}
		for k, v := range props {
			if v == "" {
				continue
			}
			if q.Properties == nil {
				q.Properties = map[string]string{}
			}
			if _, ok := q.Properties[k]; !ok {
				q.Properties[k] = v
			}
		}
		return p.ID
	}
	p.Scope = scope
	if scope == "" {
		b.unscoped[p.ID] = true
	}
	for k, v := range props {
		if v == "" {
			continue
		}
		if p.Properties == nil {
			p.Properties = map[string]string{}
		}
		p.Properties[k] = v
	}
	b.index[p.ID] = len(b.res.Packages)
	b.res.Packages = append(b.res.Packages, p)
	return p.ID
}

// edge adds an edge once.
func (b *builder) edge(from, to string, scope model.Scope) {
	if from == "" || to == "" {
		return
	}
	e := model.Edge{From: from, To: to, Scope: scope}
	if b.edges[e] {
		return
	}
	b.edges[e] = true
	b.res.Edges = append(b.res.Edges, e)
}

// project adds a project for folder dir (slash, relative to the root).
// workspace is the root project's ID for members, "" for the root.
func (b *builder) project(dir, name, version, workspace string) string {
	dir = path.Clean(dir)
	id := extract.ProjectID(model.Npm, dir, "")
	for i := range b.res.Projects {
		if b.res.Projects[i].ID == id {
			return id
		}
	}
	p := model.Project{ID: id, Ecosystem: model.Npm, Name: name, Version: version, Dir: dir, Sources: []string{b.file}, Workspace: workspace}
	if name != "" {
		pu := purlOf(name, version)
		p.PURL = pu.ToString()
	}
	b.res.Projects = append(b.res.Projects, p)
	return id
}

// depSection is one dependency section of a manifest and the scope of its
// edges.
type depSection struct {
	key   string
	scope model.Scope
}

// sections lists the package.json dependency sections. The order matters: a
// name in several sections keeps the first (strongest) scope.
var sections = [...]depSection{
	{"dependencies", model.ScopeRuntime},
	{"optionalDependencies", model.ScopeOptional},
	{"peerDependencies", model.ScopePeer},
	{"devDependencies", model.ScopeDevelopment},
}
