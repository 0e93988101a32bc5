package model

import "sort"

// Graph is an index over a Result's edges for the questions later stages
// ask: what depends on what, and by which paths a package is reached.
type Graph struct {
	r        *Result
	projects map[string]bool
	out      map[string][]string
	in       map[string][]string
	edges    map[[2]string]Edge
}

// NewGraph indexes r. It does not copy r; build it after r is complete.
func NewGraph(r *Result) *Graph {
	g := &Graph{r: r, projects: map[string]bool{}, out: map[string][]string{}, in: map[string][]string{}, edges: map[[2]string]Edge{}}
	for _, p := range r.Projects {
		g.projects[p.ID] = true
	}
	for _, e := range r.Edges {
		g.out[e.From] = append(g.out[e.From], e.To)
		g.in[e.To] = append(g.in[e.To], e.From)
		g.edges[[2]string{e.From, e.To}] = e
	}
	for k := range g.out {
		sort.Strings(g.out[k])
	}
	for k := range g.in {
		sort.Strings(g.in[k])
	}
	return g
}

// Edge returns the edge from one ID to another, if there is one.
func (g *Graph) Edge(from, to string) (Edge, bool) {
	e, ok := g.edges[[2]string{from, to}]
	return e, ok
}

// IsProject reports whether id names a project.
func (g *Graph) IsProject(id string) bool { return g.projects[id] }

// Dependencies returns the IDs id depends on, sorted.
func (g *Graph) Dependencies(id string) []string { return g.out[id] }

// Dependents returns the IDs that depend on id, sorted.
func (g *Graph) Dependents(id string) []string { return g.in[id] }

// Paths returns dependency paths from a project to the node id, each as a
// list of IDs starting with the project and ending with id, shortest first
// and then in ID order. Cycles are not followed. At most limit paths are
// returned (0 means 1000); truncated says whether more exist or the search
// stopped early.
func (g *Graph) Paths(id string, limit int) (paths [][]string, truncated bool) {
	if limit <= 0 {
		limit = 1000
	}
	const maxExpanded = 200000
	// Breadth-first over partial paths walking backwards from id, so paths
	// come out in order of length.
	type partial struct {
		node string
		prev *partial
		len  int
	}
	onPath := func(p *partial, n string) bool {
		for ; p != nil; p = p.prev {
			if p.node == n {
				return true
			}
		}
		return false
	}
	queue := []*partial{{node: id, len: 1}}
	expanded := 0
	for len(queue) > 0 {
		var next []*partial
		var found [][]string
		for _, p := range queue {
			if g.projects[p.node] {
				path := make([]string, 0, p.len)
				for q := p; q != nil; q = q.prev {
					path = append(path, q.node)
				}
				found = append(found, path)
				continue
			}
			for _, from := range g.in[p.node] {
				if onPath(p, from) {
					continue
				}
				expanded++
				if expanded > maxExpanded {
					truncated = true
					break
				}
				next = append(next, &partial{node: from, prev: p, len: p.len + 1})
			}
		}
		sort.Slice(found, func(i, j int) bool { return lessPath(found[i], found[j]) })
		for _, f := range found {
			if len(paths) == limit {
				return paths, true
			}
			paths = append(paths, f)
		}
		if truncated {
			return paths, true
		}
		queue = next
	}
	return paths, false
}

func lessPath(a, b []string) bool {
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i] != b[i] {
			return a[i] < b[i]
		}
	}
	return len(a) < len(b)
}
