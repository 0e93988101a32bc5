package sbom

import (
	"context"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/ossaudit/ossaudit/internal/extract"
	"github.com/ossaudit/ossaudit/model"
	"github.com/package-url/packageurl-go"
)

// Extractors returns the CycloneDX and SPDX readers.
func Extractors() []extract.Extractor {
	return []extract.Extractor{cdxJSON{}, cdxXML{}, spdxJSON{}, spdxTagValue{}}
}

// base carries what the four extractors share.
type base struct{}

func (base) Ecosystem() model.Ecosystem { return "" }
func (base) Kind() extract.Kind         { return extract.KindSBOM }

// matchName reports whether the base name of p ends with one of suffixes
// or equals one of names, ignoring case.
func matchName(p string, names, suffixes []string) bool {
	b := strings.ToLower(path.Base(p))
	for _, n := range names {
		if b == n {
			return true
		}
	}
	for _, s := range suffixes {
		if strings.HasSuffix(b, s) && len(b) > len(s) {
			return true
		}
	}
	return false
}

func ctxErr(ctx context.Context) error {
	if ctx == nil {
		return nil
	}
	return ctx.Err()
}

// Names of the ossaudit properties (CycloneDX) and comment keys (SPDX).
const (
	propID             = "ossaudit:id"
	propScope          = "ossaudit:scope"
	propDirect         = "ossaudit:direct"
	propNormalizedName = "ossaudit:normalized-name"
	propRequirement    = "ossaudit:requirement"
	propUnresolved     = "ossaudit:unresolved"
	propLocation       = "ossaudit:location"
	propEdgeScope      = "ossaudit:edge-scope"
	propEdgeIndirect   = "ossaudit:edge-indirect"
	propIndirect       = "ossaudit:indirect"
	propProjectDir     = "ossaudit:project-dir"
	propEcosystem      = "ossaudit:ecosystem"
	propSource         = "ossaudit:source"
	propWorkspace      = "ossaudit:workspace"
	propPrefix         = "ossaudit:"
	unknownScope       = "unknown"
	// maxDepth caps the nesting of CycloneDX components.
	maxDepth = 64
)

type prop struct{ name, value string }

// element is a CycloneDX component or an SPDX package, decoded.
type element struct {
	ref     string // bom-ref or SPDXID; unique, made up when anon
	anon    bool   // the document gives the element no identifier
	group   string
	name    string
	version string
	purl    string
	props   []prop
	// scope is what the document itself says (CycloneDX scope), if anything.
	scope model.Scope
	// occurrences are locations the document gives (CycloneDX evidence).
	occurrences []model.Location
	line        int
	// root marks the CycloneDX metadata component or an SPDX DESCRIBES target.
	root bool
}

func (e *element) get(name string) (string, bool) {
	for _, p := range e.props {
		if p.name == name {
			return p.value, true
		}
	}
	return "", false
}

func (e *element) all(name string) []string {
	var out []string
	for _, p := range e.props {
		if p.name == name {
			out = append(out, p.value)
		}
	}
	return out
}

// ossaudit reports whether e was written by ossaudit.
func (e *element) ossaudit() bool {
	_, pkg := e.get(propDirect)
	_, proj := e.get(propProjectDir)
	return pkg || proj
}

// link is a dependency between two elements, by ref.
type link struct {
	from, to string
	scope    model.Scope
	line     int
	indirect bool // see model.Edge.Indirect
}

// document is a decoded SBOM, whatever its format.
type document struct {
	elements []*element
	links    []link
	vulns    []vulnRecord
}

// build turns a decoded document into an extraction result.
func build(in *extract.Input, doc *document) *extract.Result {
	res := &extract.Result{}
	fromOssaudit := false
	for _, el := range doc.elements {
		if el.ossaudit() {
			fromOssaudit = true
			break
		}
	}
	ids := map[string]string{} // ref → ID
	dropped := map[string]bool{}
	projects := map[string]bool{}
	pkgIndex := map[string]int{}
	for _, el := range doc.elements {
		if _, ok := ids[el.ref]; ok && el.ref != "" {
			res.Warn(in.Path, el.line, "%q is declared twice; the first declaration is used", el.ref)
			continue
		}
		_, isProject := el.get(propProjectDir)
		switch {
		case isProject:
			pr := ossauditProject(el)
			ids[el.ref] = pr.ID
			if !projects[pr.ID] {
				projects[pr.ID] = true
				res.Projects = append(res.Projects, pr)
			}
		case el.root && fromOssaudit:
			dropped[el.ref] = true // the scanned target: its edges lead to the projects
		case el.root:
			pr := foreignProject(in, el)
			ids[el.ref] = pr.ID
			if !projects[pr.ID] {
				projects[pr.ID] = true
				res.Projects = append(res.Projects, pr)
			}
		default:
			p := newPackage(in, el)
			ids[el.ref] = p.ID
			if i, ok := pkgIndex[p.ID]; ok {
				q := &res.Packages[i]
				q.Locations = model.SortLocations(append(q.Locations, p.Locations...))
				for k, v := range p.Properties {
					if _, ok := q.Properties[k]; !ok {
						if q.Properties == nil {
							q.Properties = map[string]string{}
						}
						q.Properties[k] = v
					}
				}
				continue
			}
			pkgIndex[p.ID] = len(res.Packages)
			res.Packages = append(res.Packages, p)
		}
	}

	type edgeKey struct {
		from, to string
		scope    model.Scope
	}
	seen := map[edgeKey]bool{}
	for _, l := range doc.links {
		if dropped[l.from] || dropped[l.to] {
			continue
		}
		from, okFrom := ids[l.from]
		to, okTo := ids[l.to]
		if !okFrom || !okTo {
			missing := l.from
			if okFrom {
				missing = l.to
			}
			res.Warn(in.Path, l.line, "dependency names %q, which the document does not declare; ignored", missing)
			continue
		}
		k := edgeKey{from, to, l.scope}
		if seen[k] {
			continue
		}
		seen[k] = true
		if l.indirect {
			res.AddIndirectEdge(from, to, l.scope)
		} else {
			res.AddEdge(from, to, l.scope)
		}
	}

	if len(doc.vulns) > 0 {
		packages := make(map[string]bool, len(pkgIndex))
		for id := range pkgIndex {
			packages[id] = true
		}
		vulnerabilities(in, res, doc.vulns, ids, packages)
	}

	if !fromOssaudit {
		direct := map[string]bool{}
		for _, e := range res.Edges {
			if projects[e.From] {
				direct[e.To] = true
			}
		}
		for i := range res.Packages {
			res.Packages[i].Direct = direct[res.Packages[i].ID]
		}
	}
	sort.Slice(res.Projects, func(i, j int) bool { return res.Projects[i].ID < res.Projects[j].ID })
	res.Sort()
	return res
}

func ossauditProject(el *element) model.Project {
	id, _ := el.get(propID)
	if id == "" {
		id = el.ref
	}
	dir, _ := el.get(propProjectDir)
	eco, _ := el.get(propEcosystem)
	ws, _ := el.get(propWorkspace)
	srcs := el.all(propSource)
	sort.Strings(srcs)
	return model.Project{
		ID:        id,
		Ecosystem: model.Ecosystem(eco),
		Name:      joinName(model.Ecosystem(eco), el.group, el.name),
		Version:   el.version,
		PURL:      el.purl,
		Dir:       dir,
		Sources:   srcs,
		Workspace: ws,
	}
}

func foreignProject(in *extract.Input, el *element) model.Project {
	var eco model.Ecosystem
	purl := ""
	if pu, err := packageurl.FromString(el.purl); err == nil && el.purl != "" {
		eco = model.EcosystemOfPURLType(pu.Type)
		purl = pu.ToString()
	}
	name := joinName(eco, el.group, el.name)
	if name == "" && !el.anon {
		name = el.ref
	}
	if name == "" {
		name = path.Base(in.Path)
	}
	return model.Project{
		ID:        extract.ProjectID(eco, in.Dir(), name),
		Ecosystem: eco,
		Name:      name,
		Version:   el.version,
		PURL:      purl,
		Dir:       in.Dir(),
		Sources:   []string{in.Path},
	}
}

// newPackage turns an element into a package.
func newPackage(in *extract.Input, el *element) model.Package {
	here := model.Location{Path: in.Path, Line: el.line}
	pu, perr := packageurl.FromString(el.purl)
	hasPURL := el.purl != "" && perr == nil
	var eco model.Ecosystem
	if hasPURL {
		eco = model.EcosystemOfPURLType(pu.Type)
	}
	name := joinName(eco, el.group, el.name)
	if hasPURL && (name == "" || !el.ossaudit()) {
		name = purlName(eco, name, pu)
	}
	if name == "" {
		name = el.ref
	}

	if el.ossaudit() {
		id, _ := el.get(propID)
		if id == "" {
			id = el.ref
		}
		// The package URL stays as written: parsing canonicalises some types
		// (lower-case Go namespaces), and the ID was built from the original.
		p := model.Package{ID: id, Ecosystem: eco, Name: name, Version: el.version, PURL: el.purl}
		if hasPURL {
			if p.Version == "" {
				p.Version = pu.Version
			}
		}
		p.NormalizedName, _ = el.get(propNormalizedName)
		p.Requirement, _ = el.get(propRequirement)
		p.Unresolved, _ = el.get(propUnresolved)
		if p.Unresolved != "" {
			p.Version = ""
		}
		s, _ := el.get(propScope)
		p.Scope = model.Scope(s)
		d, _ := el.get(propDirect)
		p.Direct = d == "true"
		for _, v := range el.all(propLocation) {
			p.Locations = append(p.Locations, parseLocation(v))
		}
		if len(p.Locations) == 0 {
			p.Locations = []model.Location{here}
		}
		p.Locations = model.SortLocations(p.Locations)
		p.Properties = foreignProps(el)
		return p
	}

	version := el.version
	var p model.Package
	if hasPURL {
		if pu.Version == "" {
			pu.Version = version
		}
		p = extract.NewPackage(eco, pu, name, normalize(eco, name), here)
		if pu.Version == "" {
			p = extract.Unresolved(p, "", "the SBOM gives no version")
		}
	} else {
		g := packageurl.PackageURL{Type: "generic", Name: name, Version: version}
		p = extract.NewPackage("", g, name, "", here)
		ref := el.ref
		if el.anon {
			ref = name + "@" + version
		}
		p.ID = "sbom:" + in.Path + "#" + ref
		if version == "" {
			p.Unresolved = "the SBOM gives no version"
		}
	}
	p.Scope = el.scope
	p.Locations = model.SortLocations(append(p.Locations, el.occurrences...))
	p.Properties = foreignProps(el)
	return p
}

// foreignProps returns the element's properties outside the ossaudit
// namespace.
func foreignProps(el *element) map[string]string {
	var m map[string]string
	for _, p := range el.props {
		if strings.HasPrefix(p.name, propPrefix) || p.name == "" {
			continue
		}
		if m == nil {
			m = map[string]string{}
		}
		if _, ok := m[p.name]; !ok {
			m[p.name] = p.value
		}
	}
	return m
}

// joinName spells a CycloneDX group and name as the ecosystem does.
func joinName(eco model.Ecosystem, group, name string) string {
	switch {
	case group == "":
		return name
	case name == "":
		return ""
	case eco == model.Maven:
		return group + ":" + name
	}
	return group + "/" + name
}

// purlName rebuilds the ecosystem's spelling of a name from a package URL
// when the document's own name lacks the namespace.
func purlName(eco model.Ecosystem, name string, pu packageurl.PackageURL) string {
	if pu.Namespace == "" || eco == "" {
		if name == "" {
			return pu.Name
		}
		return name
	}
	sep := "/"
	if eco == model.Maven {
		sep = ":"
	}
	full := pu.Namespace + sep + pu.Name
	if name == "" || !strings.Contains(name, sep) {
		return full
	}
	return name
}

// normalize returns the form under which eco compares names.
func normalize(eco model.Ecosystem, name string) string {
	switch eco {
	case model.PyPI:
		var b strings.Builder
		dash := false
		for _, r := range strings.ToLower(name) {
			if r == '-' || r == '_' || r == '.' {
				if !dash {
					b.WriteByte('-')
				}
				dash = true
				continue
			}
			dash = false
			b.WriteRune(r)
		}
		return b.String()
	case model.Go, model.NuGet, model.Packagist:
		return strings.ToLower(name)
	}
	return name
}

// parseLocation reads "path[:line[:column]]".
func parseLocation(s string) model.Location {
	var nums []int
	rest := s
	for len(nums) < 2 {
		i := strings.LastIndexByte(rest, ':')
		if i < 0 {
			break
		}
		n, err := strconv.Atoi(rest[i+1:])
		if err != nil || n <= 0 {
			break
		}
		nums = append(nums, n)
		rest = rest[:i]
	}
	l := model.Location{Path: rest}
	switch len(nums) {
	case 1:
		l.Line = nums[0]
	case 2:
		l.Line, l.Column = nums[1], nums[0]
	}
	return l
}
