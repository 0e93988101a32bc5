// Package resolve owns turning the per-file results of the extractors into
// one dependency graph: it merges projects described by several files (a
// package.json and its package-lock.json, a go.mod and its
// vendor/modules.txt) and packages found several times into single nodes
// that keep every location, folds a manifest's version ranges into the
// versions its lockfile pinned, drops edges to nothing, and computes which
// packages are direct and the scope each is needed in.
package resolve

import (
	"fmt"
	"path"
	"strings"

	"github.com/ossaudit/ossaudit/internal/extract"
	"github.com/ossaudit/ossaudit/model"
)

// File is one extractor's result for one file.
type File struct {
	Path      string
	Extractor string
	Kind      extract.Kind
	Ecosystem model.Ecosystem
	Result    *extract.Result
}

// Merge builds one Result from the files' results. The files should be in a
// deterministic order (the pipeline sorts them by path); Merge sorts its
// output.
func Merge(files []File) *model.Result {
	var npkg, nedge int
	for _, f := range files {
		if f.Result != nil {
			npkg += len(f.Result.Packages)
			nedge += len(f.Result.Edges)
		}
	}
	out := &model.Result{Packages: make([]model.Package, 0, npkg), Edges: make([]model.Edge, 0, nedge)}
	projIdx := map[string]int{}
	pkgIdx := make(map[string]int, npkg)
	type edgeKey struct{ from, to string }
	edgeIdx := make(map[edgeKey]int, nedge)
	// pinned projects: a lockfile, installed folder, binary or SBOM says
	// exact versions for them.
	pinned := map[string]bool{}
	// fromManifest records packages that only manifests declared.
	fromManifest := map[string]bool{}
	fromPinned := make(map[string]bool, npkg)

	for _, f := range files {
		r := f.Result
		if r == nil {
			continue
		}
		out.Diagnostics = append(out.Diagnostics, r.Diagnostics...)
		out.Vulnerabilities = append(out.Vulnerabilities, r.Vulnerabilities...) // from SBOMs
		for _, p := range r.Projects {
			if f.Kind != extract.KindManifest {
				pinned[p.ID] = true
			}
			if i, ok := projIdx[p.ID]; ok {
				q := &out.Projects[i]
				q.Sources = appendUnique(q.Sources, p.Sources...)
				if q.Name == "" {
					q.Name = p.Name
				}
				if q.Version == "" {
					q.Version = p.Version
				}
				if q.PURL == "" {
					q.PURL = p.PURL
				}
				if q.Workspace == "" {
					q.Workspace = p.Workspace
				}
				for k, v := range p.Properties {
					if q.Properties == nil {
						q.Properties = map[string]string{}
					}
					if _, ok := q.Properties[k]; !ok {
						q.Properties[k] = v
					}
				}
				continue
			}
			p.Sources = append([]string(nil), p.Sources...)
			p.Properties = copyProps(p.Properties)
			if len(p.Sources) == 0 {
				p.Sources = []string{f.Path}
			}
			projIdx[p.ID] = len(out.Projects)
			out.Projects = append(out.Projects, p)
		}
		for _, p := range r.Packages {
			if f.Kind == extract.KindManifest {
				fromManifest[p.ID] = true
			} else {
				fromPinned[p.ID] = true
			}
			if i, ok := pkgIdx[p.ID]; ok {
				mergePackage(&out.Packages[i], p)
				continue
			}
			p.Locations = append([]model.Location(nil), p.Locations...)
			p.Properties = copyProps(p.Properties)
			p.Direct = false
			pkgIdx[p.ID] = len(out.Packages)
			out.Packages = append(out.Packages, p)
		}
		for _, e := range r.Edges {
			e.Scope = edgeScope(e.Scope)
			k := edgeKey{e.From, e.To}
			if i, ok := edgeIdx[k]; ok {
				if e.Scope.Stronger(out.Edges[i].Scope) {
					out.Edges[i].Scope = e.Scope
				}
				// one input that names the dependency directly wins
				out.Edges[i].Indirect = out.Edges[i].Indirect && e.Indirect
				continue
			}
			edgeIdx[k] = len(out.Edges)
			out.Edges = append(out.Edges, e)
		}
	}

	foldManifests(out, pinned, fromManifest, fromPinned)
	dropDangling(out)
	mergeVulnerabilities(out)
	computeDirectAndScope(out)
	out.Sort()
	return out
}

func mergePackage(q *model.Package, p model.Package) {
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
	if q.NormalizedName == "" {
		q.NormalizedName = p.NormalizedName
	}
}

// foldManifests replaces, in projects that a lockfile pins, each version
// range a manifest declared by the package the lockfile pinned for it.
func foldManifests(out *model.Result, pinned, fromManifest, fromPinned map[string]bool) {
	idx := map[string]int{}
	for i, p := range out.Packages {
		idx[p.ID] = i
	}
	projects := map[string]bool{}
	projectByName := map[[2]string]string{}
	for _, p := range out.Projects {
		projects[p.ID] = true
		if p.Name != "" {
			projectByName[[2]string{string(p.Ecosystem), p.Name}] = p.ID
		}
	}
	// direct pinned dependencies of each project, by ecosystem and key
	type key struct {
		proj string
		eco  model.Ecosystem
		name string
	}
	direct := map[key]string{}
	for _, e := range out.Edges {
		if !projects[e.From] {
			continue
		}
		i, ok := idx[e.To]
		if !ok {
			continue
		}
		p := out.Packages[i]
		if p.Version != "" && fromPinned[p.ID] {
			direct[key{e.From, p.Ecosystem, p.Key()}] = p.ID
		}
	}
	replace := map[string]string{} // manifest package ID -> pinned ID
	for _, e := range out.Edges {
		if !projects[e.From] || !pinned[e.From] {
			continue
		}
		i, ok := idx[e.To]
		if !ok {
			continue
		}
		p := out.Packages[i]
		if p.Version != "" || !fromManifest[p.ID] || fromPinned[p.ID] {
			continue
		}
		if to, ok := direct[key{e.From, p.Ecosystem, p.Key()}]; ok {
			replace[p.ID] = to
			mergePackage(&out.Packages[idx[to]], model.Package{Locations: p.Locations})
			continue
		}
		if to, ok := projectByName[[2]string{string(p.Ecosystem), p.Name}]; ok && to != e.From {
			// a dependency on another project of the tree (workspace
			// member, path dependency): the lockfile links it
			replace[p.ID] = to
			continue
		}
		loc := model.Location{}
		if len(p.Locations) > 0 {
			loc = p.Locations[0]
		}
		out.Diagnostics = append(out.Diagnostics, model.Diagnostic{
			Severity: model.SevWarning, Location: loc,
			Message: fmt.Sprintf("%s %s is declared here but missing from the lockfile; the lockfile may be out of date (update it with the package manager)", p.Name, p.Requirement),
		})
	}
	if len(replace) == 0 {
		return
	}
	pk := out.Packages[:0]
	for _, p := range out.Packages {
		if _, ok := replace[p.ID]; !ok {
			pk = append(pk, p)
		}
	}
	out.Packages = pk
	seen := map[[2]string]bool{}
	es := out.Edges[:0]
	for _, e := range out.Edges {
		if to, ok := replace[e.To]; ok {
			e.To = to
		}
		if to, ok := replace[e.From]; ok {
			e.From = to
		}
		k := [2]string{e.From, e.To}
		if seen[k] {
			continue
		}
		seen[k] = true
		es = append(es, e)
	}
	out.Edges = es
}

// mergeVulnerabilities keeps one vulnerability per id and package (SBOMs
// read together may state the same one) and drops those of packages that
// are gone.
func mergeVulnerabilities(out *model.Result) {
	if len(out.Vulnerabilities) == 0 {
		return
	}
	ids := make(map[string]bool, len(out.Packages))
	for _, p := range out.Packages {
		ids[p.ID] = true
	}
	seen := map[[2]string]bool{}
	vs := out.Vulnerabilities[:0]
	for _, v := range out.Vulnerabilities {
		k := [2]string{v.Package, v.ID}
		if seen[k] || !ids[v.Package] {
			continue
		}
		seen[k] = true
		vs = append(vs, v)
	}
	out.Vulnerabilities = vs // Merge's final Sort orders them
}

func dropDangling(out *model.Result) {
	ids := map[string]bool{}
	for _, p := range out.Projects {
		ids[p.ID] = true
	}
	for _, p := range out.Packages {
		ids[p.ID] = true
	}
	es := out.Edges[:0]
	for _, e := range out.Edges {
		if ids[e.From] && ids[e.To] && e.From != e.To {
			es = append(es, e)
		}
	}
	out.Edges = es
}

var levels = []model.Scope{model.ScopeRuntime, model.ScopeOptional, model.ScopePeer, model.ScopeDevelopment, model.ScopeTest}

func edgeScope(s model.Scope) model.Scope {
	if s == "" {
		return model.ScopeRuntime
	}
	return s
}

// computeDirectAndScope marks packages with an edge from a project as
// direct, and gives packages whose scope no input stated the strongest
// scope of any path from a project, a path's scope being its weakest edge.
// Nodes are numbered (projects first) so the walks use slices, not maps.
func computeDirectAndScope(out *model.Result) {
	np := len(out.Projects)
	num := make(map[string]int32, np+len(out.Packages))
	for i, p := range out.Projects {
		num[p.ID] = int32(i)
	}
	for i, p := range out.Packages {
		num[p.ID] = int32(np + i)
	}
	type arc struct {
		to    int32
		level int8
	}
	adj := make([][]arc, np+len(out.Packages))
	for _, e := range out.Edges {
		from, to := num[e.From], num[e.To]
		if int(from) < np && !e.Indirect && int(to) >= np {
			out.Packages[int(to)-np].Direct = true
		}
		adj[from] = append(adj[from], arc{to, int8(levelOf(e.Scope))})
	}
	computed := make([]int8, len(adj))
	for i := range computed {
		computed[i] = -1
	}
	seen := make([]bool, len(adj))
	queue := make([]int32, 0, len(adj))
	for level := range levels {
		clear(seen)
		queue = queue[:0]
		for i := 0; i < np; i++ {
			seen[i] = true
			queue = append(queue, int32(i))
		}
		for len(queue) > 0 {
			n := queue[0]
			queue = queue[1:]
			for _, a := range adj[n] {
				if int(a.level) > level || seen[a.to] {
					continue
				}
				seen[a.to] = true
				if computed[a.to] < 0 {
					computed[a.to] = int8(level)
				}
				queue = append(queue, a.to)
			}
		}
	}
	for i := range out.Packages {
		if out.Packages[i].Scope == "" {
			if l := computed[np+i]; l >= 0 {
				out.Packages[i].Scope = levels[l]
			}
		}
	}
}

// levelOf returns the index of an edge's scope in levels.
func levelOf(s model.Scope) int {
	for i, l := range levels {
		if l == edgeScope(s) {
			return i
		}
	}
	return len(levels) - 1
}

func appendUnique(list []string, add ...string) []string {
	for _, a := range add {
		found := false
		for _, l := range list {
			if l == a {
				found = true
				break
			}
		}
		if !found {
			list = append(list, a)
		}
	}
	return list
}

func copyProps(m map[string]string) map[string]string {
	if m == nil {
		return nil
	}
	c := make(map[string]string, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}

// IsAncestor reports whether the slash folder dir is folder p or one of its
// ancestors ("." is everyone's ancestor).
func IsAncestor(dir, p string) bool {
	if dir == "." || dir == p {
		return true
	}
	return strings.HasPrefix(p, dir+"/") || strings.HasPrefix(path.Clean(p), dir+"/")
}
