package golang

import (
	"strings"

	"github.com/ossaudit/ossaudit/internal/extract"
	"github.com/ossaudit/ossaudit/model"
	"github.com/package-url/packageurl-go"
)

// Extractors returns every Go extractor.
func Extractors() []extract.Extractor {
	return []extract.Extractor{GoMod{}, VendorModules{}, Binary{}}
}

// modulePURL returns the package URL of module path at version (none when
// version is empty): the namespace is the path up to its last slash.
func modulePURL(modPath, version string) packageurl.PackageURL {
	ns, name := "", modPath
	if i := strings.LastIndexByte(modPath, '/'); i >= 0 {
		ns, name = modPath[:i], modPath[i+1:]
	}
	return *packageurl.NewPackageURL(packageurl.TypeGolang, ns, name, version, nil, "")
}

// newModule returns the package of module modPath at version, located at loc.
func newModule(modPath, version string, loc model.Location) model.Package {
	return extract.NewPackage(model.Go, modulePURL(modPath, version), modPath, strings.ToLower(modPath), loc)
}

// stdlibVersion turns "go1.22.3" (or "1.22.3", or a binary's
// "go1.22.3 X:exp") into "1.22.3".
func stdlibVersion(v string) string {
	v = strings.TrimSpace(v)
	if i := strings.IndexAny(v, " \t"); i >= 0 {
		v = v[:i]
	}
	return strings.TrimPrefix(v, "go")
}

// newStdlib returns the standard library package at go version v.
func newStdlib(v string, loc model.Location) model.Package {
	p := extract.NewPackage(model.Go, *packageurl.NewPackageURL(packageurl.TypeGolang, "", "stdlib", v, nil, ""), "stdlib", "stdlib", loc)
	p.Properties = map[string]string{"go:stdlib": "true"}
	return p
}

// setProp sets a property of p, allocating the map when needed.
func setProp(p *model.Package, k, v string) {
	if p.Properties == nil {
		p.Properties = map[string]string{}
	}
	p.Properties[k] = v
}

// builder collects packages by ID, merging duplicates.
type builder struct {
	res   *extract.Result
	index map[string]int
}

func newBuilder() *builder {
	return &builder{res: &extract.Result{}, index: map[string]int{}}
}

// add adds p (or merges its locations and properties into the package of
// the same ID) and returns its ID.
func (b *builder) add(p model.Package) string {
	if i, ok := b.index[p.ID]; ok {
		q := &b.res.Packages[i]
		q.Locations = model.SortLocations(append(q.Locations, p.Locations...))
		for k, v := range p.Properties {
			if _, ok := q.Properties[k]; !ok {
				setProp(q, k, v)
			}
		}
		return p.ID
	}
	b.index[p.ID] = len(b.res.Packages)
	b.res.Packages = append(b.res.Packages, p)
	return p.ID
}
