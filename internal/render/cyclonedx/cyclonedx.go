package cyclonedx

import (
	"crypto/rand"
	"fmt"
	"io"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	cdx "github.com/CycloneDX/cyclonedx-go"
	"github.com/ossaudit/ossaudit/internal/render"
	"github.com/ossaudit/ossaudit/model"
)

// Renderers returns the CycloneDX JSON and XML renderers.
func Renderers() []render.Renderer {
	return []render.Renderer{
		renderer{name: "cyclonedx-json", format: cdx.BOMFileFormatJSON, desc: "CycloneDX 1.6 SBOM, JSON"},
		renderer{name: "cyclonedx-xml", format: cdx.BOMFileFormatXML, desc: "CycloneDX 1.6 SBOM, XML"},
	}
}

type renderer struct {
	name, desc string
	format     cdx.BOMFileFormat
}

func (x renderer) Name() string        { return x.name }
func (x renderer) Description() string { return x.desc }

// Render writes r as a CycloneDX 1.6 BOM.
func (x renderer) Render(w io.Writer, r *model.Result, opts render.Options) error {
	bom, err := newBOM(r, opts)
	if err != nil {
		return err
	}
	// JSON is written compact: indenting doubles the encoding time of a
	// large BOM, and SBOMs are read by programs (jq . formats one). XML is
	// indented as it streams, at little cost.
	enc := cdx.NewBOMEncoder(w, x.format).SetPretty(x.format == cdx.BOMFileFormatXML)
	if x.format == cdx.BOMFileFormatJSON {
		enc.SetEscapeHTML(false)
	}
	// The BOM is built as 1.6 already; EncodeVersion would deep-copy it to
	// convert, which costs as much as the encoding itself.
	bom.SpecVersion = cdx.SpecVersion1_6
	bom.JSONSchema = "http://cyclonedx.org/schema/bom-1.6.schema.json"
	bom.XMLNS = "http://cyclonedx.org/schema/bom/1.6"
	if err := enc.Encode(bom); err != nil {
		return fmt.Errorf("writing %s: %w", x.name, err)
	}
	return nil
}

// Property names shared with the sbom extractor.
const (
	propScope          = "ossaudit:scope"
	propDirect         = "ossaudit:direct"
	propNormalizedName = "ossaudit:normalized-name"
	propRequirement    = "ossaudit:requirement"
	propUnresolved     = "ossaudit:unresolved"
	propLocation       = "ossaudit:location"
	propEdgeScope      = "ossaudit:edge-scope"
	propEdgeIndirect   = "ossaudit:edge-indirect"
	propProjectDir     = "ossaudit:project-dir"
	propEcosystem      = "ossaudit:ecosystem"
	propSource         = "ossaudit:source"
	propWorkspace      = "ossaudit:workspace"
	unknownScope       = "unknown"
)

func newBOM(r *model.Result, opts render.Options) (*cdx.BOM, error) {
	serial, err := newUUID()
	if err != nil {
		return nil, err
	}
	toolName := r.Tool.Name
	if toolName == "" {
		toolName = "ossaudit"
	}
	target := targetName(r.Target)
	targetRef := "target:" + target

	known := make(map[string]bool, len(r.Projects)+len(r.Packages))
	for _, p := range r.Projects {
		known[p.ID] = true
	}
	for _, p := range r.Packages {
		known[p.ID] = true
	}
	deps := make(map[string][]string, len(known)+1)
	deps[targetRef] = nil
	type pair struct{ from, to string }
	// scope bits of each pair, in the order of scopeOrder
	pairScopes := make(map[pair]uint8, len(r.Edges))
	var pairs, indirect []pair
	for _, e := range r.Edges {
		if !known[e.From] || !known[e.To] {
			continue
		}
		k := pair{e.From, e.To}
		bits, ok := pairScopes[k]
		if !ok {
			pairs = append(pairs, k)
			deps[e.From] = append(deps[e.From], e.To)
		}
		pairScopes[k] = bits | scopeBit(e.Scope)
		if e.Indirect {
			indirect = append(indirect, k)
		}
	}
	// A pair of plain runtime edge needs no property; any other pair lists
	// every scope it has, runtime included.
	edgeScopes := map[string][]cdx.Property{}
	for _, k := range pairs {
		bits := pairScopes[k]
		if bits == scopeBit(model.ScopeRuntime) {
			continue
		}
		for i, sc := range scopeOrder {
			if bits&(1<<i) == 0 {
				continue
			}
			s := string(sc)
			if s == "" {
				s = unknownScope
			}
			edgeScopes[k.from] = append(edgeScopes[k.from], cdx.Property{Name: propEdgeScope, Value: s + " " + k.to})
		}
	}

	// Edges a project has only through unnamed dependencies (model.Edge.Indirect).
	for _, k := range indirect {
		edgeScopes[k.from] = append(edgeScopes[k.from], cdx.Property{Name: propEdgeIndirect, Value: k.to})
	}

	var comps []cdx.Component
	for _, p := range r.Projects {
		comps = append(comps, projectComponent(p, edgeScopes[p.ID]))
		deps[targetRef] = append(deps[targetRef], p.ID)
		if _, ok := deps[p.ID]; !ok {
			deps[p.ID] = nil
		}
	}
	for i := range r.Packages {
		p := &r.Packages[i]
		comps = append(comps, packageComponent(p, edgeScopes[p.ID]))
		if _, ok := deps[p.ID]; !ok {
			deps[p.ID] = nil
		}
	}
	slices.SortStableFunc(comps, func(a, b cdx.Component) int { return strings.Compare(a.BOMRef, b.BOMRef) })

	refs := make([]string, 0, len(deps))
	for ref := range deps {
		refs = append(refs, ref)
	}
	sort.Strings(refs)
	var dependencies []cdx.Dependency
	for _, ref := range refs {
		d := cdx.Dependency{Ref: ref}
		if on := uniqueSorted(deps[ref]); len(on) > 0 {
			d.Dependencies = &on
		}
		dependencies = append(dependencies, d)
	}

	bom := cdx.NewBOM()
	bom.SerialNumber = "urn:uuid:" + serial
	bom.Metadata = &cdx.Metadata{
		Timestamp: opts.Now().UTC().Format(time.RFC3339),
		Tools: &cdx.ToolsChoice{Components: &[]cdx.Component{{
			Type: cdx.ComponentTypeApplication, Name: toolName, Version: r.Tool.Version,
		}}},
		Component: &cdx.Component{BOMRef: targetRef, Type: cdx.ComponentTypeApplication, Name: target},
	}
	if len(comps) > 0 {
		bom.Components = &comps
	}
	bom.Dependencies = &dependencies
	if vulns := vulnerabilities(r); len(vulns) > 0 {
		bom.Vulnerabilities = &vulns
	}
	return bom, nil
}

// scopeOrder numbers the scopes an edge may have, for scopeBit.
var scopeOrder = []model.Scope{model.ScopeRuntime, model.ScopeOptional, model.ScopePeer, model.ScopeDevelopment, model.ScopeTest, model.ScopeUnknown}

func scopeBit(s model.Scope) uint8 {
	for i, x := range scopeOrder {
		if x == s {
			return 1 << i
		}
	}
	return 1 << (len(scopeOrder) - 1)
}

func projectComponent(p model.Project, edgeScopes []cdx.Property) cdx.Component {
	name := p.Name
	if name == "" {
		name = p.Dir
	}
	props := []cdx.Property{
		{Name: propProjectDir, Value: p.Dir},
		{Name: propEcosystem, Value: string(p.Ecosystem)},
	}
	for _, s := range p.Sources {
		props = append(props, cdx.Property{Name: propSource, Value: s})
	}
	if p.Workspace != "" {
		props = append(props, cdx.Property{Name: propWorkspace, Value: p.Workspace})
	}
	props = append(props, edgeScopes...)
	return cdx.Component{
		BOMRef:     p.ID,
		Type:       cdx.ComponentTypeApplication,
		Name:       name,
		Version:    p.Version,
		PackageURL: p.PURL,
		Properties: sortedProps(props),
	}
}

func packageComponent(p *model.Package, edgeScopes []cdx.Property) cdx.Component {
	c := cdx.Component{
		BOMRef:     p.ID,
		Type:       cdx.ComponentTypeLibrary,
		Name:       p.Name,
		Version:    p.Version,
		PackageURL: p.PURL,
		Scope:      cdxScope(p.Scope),
	}
	switch {
	case p.Ecosystem == model.Maven && strings.Contains(p.Name, ":"):
		c.Group, c.Name, _ = strings.Cut(p.Name, ":")
	case p.Ecosystem == model.Npm && strings.HasPrefix(p.Name, "@") && strings.Contains(p.Name, "/"):
		c.Group, c.Name, _ = strings.Cut(p.Name, "/")
	}
	props := []cdx.Property{{Name: propDirect, Value: strconv.FormatBool(p.Direct)}}
	if p.Scope != "" {
		props = append(props, cdx.Property{Name: propScope, Value: string(p.Scope)})
	}
	if p.NormalizedName != "" {
		props = append(props, cdx.Property{Name: propNormalizedName, Value: p.NormalizedName})
	}
	if p.Requirement != "" {
		props = append(props, cdx.Property{Name: propRequirement, Value: p.Requirement})
	}
	if p.Unresolved != "" {
		props = append(props, cdx.Property{Name: propUnresolved, Value: p.Unresolved})
	}
	locs := p.Locations
	if !slices.IsSortedFunc(locs, compareLocations) {
		locs = model.SortLocations(append([]model.Location(nil), locs...))
	}
	var occ []cdx.EvidenceOccurrence
	for _, l := range locs {
		props = append(props, cdx.Property{Name: propLocation, Value: l.String()})
		o := cdx.EvidenceOccurrence{Location: l.Path}
		if l.Line > 0 {
			line := l.Line
			o.Line = &line
		}
		occ = append(occ, o)
	}
	if len(occ) > 0 {
		c.Evidence = &cdx.Evidence{Occurrences: &occ}
	}
	for k, v := range p.Properties {
		props = append(props, cdx.Property{Name: k, Value: v})
	}
	props = append(props, edgeScopes...)
	c.Properties = sortedProps(props)
	return c
}

// cdxScope maps a scope onto CycloneDX's: whatever is not shipped
// (development, test) is excluded.
func cdxScope(s model.Scope) cdx.Scope {
	switch s {
	case model.ScopeDevelopment, model.ScopeTest:
		return cdx.ScopeExcluded
	case model.ScopeOptional:
		return cdx.ScopeOptional
	}
	return cdx.ScopeRequired
}

func sortedProps(props []cdx.Property) *[]cdx.Property {
	if len(props) == 0 {
		return nil
	}
	slices.SortStableFunc(props, func(a, b cdx.Property) int {
		if c := strings.Compare(a.Name, b.Name); c != 0 {
			return c
		}
		return strings.Compare(a.Value, b.Value)
	})
	return &props
}

func compareLocations(a, b model.Location) int {
	switch {
	case a.Less(b):
		return -1
	case b.Less(a):
		return 1
	}
	return 0
}

func uniqueSorted(s []string) []string {
	s = append([]string(nil), s...)
	sort.Strings(s)
	out := s[:0]
	for i, x := range s {
		if i > 0 && x == s[i-1] {
			continue
		}
		out = append(out, x)
	}
	return out
}

// targetName is the base name of what was scanned.
func targetName(target string) string {
	t := strings.TrimRight(strings.ReplaceAll(target, `\`, "/"), "/")
	if t == "" {
		return "."
	}
	return path.Base(t)
}

// newUUID returns a random (version 4) UUID.
func newUUID() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("making a serial number: %w", err)
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16]), nil
}
