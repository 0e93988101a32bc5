package maven

import (
	"sort"

	"github.com/ossaudit/ossaudit/internal/extract"
	"github.com/ossaudit/ossaudit/model"
	"github.com/package-url/packageurl-go"
)

const eco = model.Maven

// Extractors returns every extractor of this package.
func Extractors() []extract.Extractor {
	return []extract.Extractor{POM{cache: &pomCache{}}, GradleLock{}, Archive{}}
}

// purl returns the package URL of a Maven artifact; typ "jar" and empty
// values are left out of the qualifiers.
func purl(group, artifact, version, typ, classifier string) packageurl.PackageURL {
	var q packageurl.Qualifiers
	if classifier != "" {
		q = append(q, packageurl.Qualifier{Key: "classifier", Value: classifier})
	}
	if typ != "" && typ != "jar" {
		q = append(q, packageurl.Qualifier{Key: "type", Value: typ})
	}
	return *packageurl.NewPackageURL("maven", group, artifact, version, q, "")
}

// collector accumulates a Result, merging packages with the same ID and
// dropping repeated edges.
type collector struct {
	res   extract.Result
	index map[string]int
	edges map[model.Edge]bool
}

func newCollector() *collector {
	return &collector{index: map[string]int{}, edges: map[model.Edge]bool{}}
}

// add records p (merging it into an earlier package with the same ID) and
// returns its ID.
func (c *collector) add(p model.Package) string {
	if i, ok := c.index[p.ID]; ok {
		q := &c.res.Packages[i]
		q.Locations = append(q.Locations, p.Locations...)
		for k, v := range p.Properties {
			if _, ok := q.Properties[k]; !ok {
				if q.Properties == nil {
					q.Properties = map[string]string{}
				}
				q.Properties[k] = v
			}
		}
		return p.ID
	}
	c.index[p.ID] = len(c.res.Packages)
	c.res.Packages = append(c.res.Packages, p)
	return p.ID
}

func (c *collector) edge(from, to string, scope model.Scope) {
	e := model.Edge{From: from, To: to, Scope: scope}
	if c.edges[e] {
		return
	}
	c.edges[e] = true
	c.res.Edges = append(c.res.Edges, e)
}

func (c *collector) result() *extract.Result {
	for i := range c.res.Packages {
		c.res.Packages[i].Locations = model.SortLocations(c.res.Packages[i].Locations)
	}
	c.res.Sort()
	return &c.res
}

// sortedKeys returns the keys of m in order.
func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
