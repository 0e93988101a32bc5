package spdx

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/ossaudit/ossaudit/internal/render"
	"github.com/ossaudit/ossaudit/model"
	spdxjson "github.com/spdx/tools-golang/json"
	"github.com/spdx/tools-golang/spdx/v2/common"
	"github.com/spdx/tools-golang/spdx/v2/v2_3"
	"github.com/spdx/tools-golang/tagvalue"
)

// Renderers returns the SPDX JSON and tag-value renderers.
func Renderers() []render.Renderer {
	return []render.Renderer{
		renderer{name: "spdx-json", desc: "SPDX 2.3 SBOM, JSON", json: true},
		renderer{name: "spdx-tag-value", desc: "SPDX 2.3 SBOM, tag-value"},
	}
}

type renderer struct {
	name, desc string
	json       bool
}

func (x renderer) Name() string        { return x.name }
func (x renderer) Description() string { return x.desc }

// Render writes r as an SPDX 2.3 document.
func (x renderer) Render(w io.Writer, r *model.Result, opts render.Options) error {
	doc, err := newDocument(r, opts)
	if err != nil {
		return err
	}
	if x.json {
		err = spdxjson.Write(doc, w, spdxjson.Indent("  "), spdxjson.EscapeHTML(false))
	} else {
		err = tagvalue.Write(doc, w)
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", x.name, err)
	}
	return nil
}

const noAssertion = "NOASSERTION"

func newDocument(r *model.Result, opts render.Options) (*v2_3.Document, error) {
	uuid, err := newUUID()
	if err != nil {
		return nil, err
	}
	version := r.Tool.Version
	if version == "" {
		version = "unknown"
	}
	target := targetName(r.Target)
	name := r.Target
	if name == "" {
		name = target
	}

	var ids []string
	for _, p := range r.Projects {
		ids = append(ids, p.ID)
	}
	for _, p := range r.Packages {
		ids = append(ids, p.ID)
	}
	spdxIDs := elementIDs(ids)

	doc := &v2_3.Document{
		SPDXVersion:       v2_3.Version,
		DataLicense:       v2_3.DataLicense,
		SPDXIdentifier:    "DOCUMENT",
		DocumentName:      name,
		DocumentNamespace: "https://spdx.org/spdxdocs/ossaudit/" + target + "-" + uuid,
		CreationInfo: &v2_3.CreationInfo{
			Creators: []common.Creator{{CreatorType: "Tool", Creator: "ossaudit-" + version}},
			Created:  opts.Now().UTC().Format(time.RFC3339),
		},
	}

	type item struct {
		id  string
		pkg *v2_3.Package
	}
	var items []item
	var describes []string
	for _, p := range r.Projects {
		items = append(items, item{p.ID, projectPackage(p, spdxIDs[p.ID])})
		describes = append(describes, p.ID)
	}
	vulns := vulnsByPackage(r)
	for i := range r.Packages {
		p := &r.Packages[i]
		pkg := packagePackage(p, spdxIDs[p.ID])
		for _, v := range vulns[p.ID] {
			pkg.PackageExternalReferences = append(pkg.PackageExternalReferences, advisoryRef(v))
		}
		items = append(items, item{p.ID, pkg})
	}
	sort.SliceStable(items, func(i, j int) bool { return items[i].id < items[j].id })
	for _, it := range items {
		doc.Packages = append(doc.Packages, it.pkg)
	}

	sort.Strings(describes)
	for _, id := range describes {
		doc.Relationships = append(doc.Relationships, &v2_3.Relationship{
			RefA:         common.MakeDocElementID("", "DOCUMENT"),
			RefB:         common.MakeDocElementID("", string(spdxIDs[id])),
			Relationship: common.TypeRelationshipDescribe,
		})
	}
	edges := append([]model.Edge(nil), r.Edges...)
	sort.SliceStable(edges, func(i, j int) bool {
		a, b := edges[i], edges[j]
		if a.From != b.From {
			return a.From < b.From
		}
		if a.To != b.To {
			return a.To < b.To
		}
		return a.Scope < b.Scope
	})
	seen := map[model.Edge]bool{}
	for _, e := range edges {
		from, okFrom := spdxIDs[e.From]
		to, okTo := spdxIDs[e.To]
		if !okFrom || !okTo || seen[e] {
			continue
		}
		seen[e] = true
		rel := relationship(from, to, e.Scope)
		if e.Indirect {
			// the project needs it only through unnamed dependencies
			if rel.RelationshipComment != "" {
				rel.RelationshipComment += "\n"
			}
			rel.RelationshipComment += "ossaudit:indirect=true"
		}
		doc.Relationships = append(doc.Relationships, rel)
	}
	return doc, nil
}

// relationship returns the SPDX relationship for an edge from → to.
func relationship(from, to common.ElementID, scope model.Scope) *v2_3.Relationship {
	a := common.MakeDocElementID("", string(from))
	b := common.MakeDocElementID("", string(to))
	rel := &v2_3.Relationship{RefA: a, RefB: b, Relationship: common.TypeRelationshipDependsOn}
	reverse := func(typ string) {
		rel.RefA, rel.RefB, rel.Relationship = b, a, typ
	}
	switch scope {
	case model.ScopeRuntime:
	case model.ScopeDevelopment:
		reverse(common.TypeRelationshipDevDependencyOf)
	case model.ScopeTest:
		reverse(common.TypeRelationshipTestDependencyOf)
	case model.ScopeOptional:
		reverse(common.TypeRelationshipOptionalDependencyOf)
	case model.ScopeUnknown:
		rel.RelationshipComment = "ossaudit:scope=unknown"
	default:
		rel.RelationshipComment = "ossaudit:scope=" + string(scope)
	}
	return rel
}

func projectPackage(p model.Project, id common.ElementID) *v2_3.Package {
	name := p.Name
	if name == "" {
		name = p.Dir
	}
	var c comment
	c.add("id", p.ID)
	c.add("project-dir", p.Dir)
	c.add("ecosystem", string(p.Ecosystem))
	for _, s := range p.Sources {
		c.add("source", s)
	}
	if p.Workspace != "" {
		c.add("workspace", p.Workspace)
	}
	return &v2_3.Package{
		PackageName:               name,
		PackageSPDXIdentifier:     id,
		PackageVersion:            p.Version,
		PackageDownloadLocation:   noAssertion,
		FilesAnalyzed:             false,
		IsFilesAnalyzedTagPresent: true,
		PackageLicenseConcluded:   noAssertion,
		PackageLicenseDeclared:    noAssertion,
		PackageCopyrightText:      noAssertion,
		PackageComment:            c.String(),
		PackageExternalReferences: purlRef(p.PURL),
		PrimaryPackagePurpose:     "APPLICATION",
	}
}

func packagePackage(p *model.Package, id common.ElementID) *v2_3.Package {
	var c comment
	c.add("id", p.ID)
	if p.Scope != "" {
		c.add("scope", string(p.Scope))
	}
	c.add("direct", strconv.FormatBool(p.Direct))
	if p.NormalizedName != "" {
		c.add("normalized-name", p.NormalizedName)
	}
	if p.Requirement != "" {
		c.add("requirement", p.Requirement)
	}
	if p.Unresolved != "" {
		c.add("unresolved", p.Unresolved)
	}
	locs := model.SortLocations(append([]model.Location(nil), p.Locations...))
	for _, l := range locs {
		c.add("location", l.String())
	}
	keys := make([]string, 0, len(p.Properties))
	for k := range p.Properties {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		c.add("property:"+keyEscaper.Replace(k), p.Properties[k])
	}
	return &v2_3.Package{
		PackageName:               p.Name,
		PackageSPDXIdentifier:     id,
		PackageVersion:            p.Version,
		PackageDownloadLocation:   noAssertion,
		FilesAnalyzed:             false,
		IsFilesAnalyzedTagPresent: true,
		PackageLicenseConcluded:   noAssertion,
		PackageLicenseDeclared:    noAssertion,
		PackageCopyrightText:      noAssertion,
		PackageComment:            c.String(),
		PackageExternalReferences: purlRef(p.PURL),
		PrimaryPackagePurpose:     "LIBRARY",
	}
}

func purlRef(purl string) []*v2_3.PackageExternalReference {
	if purl == "" {
		return nil
	}
	return []*v2_3.PackageExternalReference{{
		Category: common.CategoryPackageManager,
		RefType:  common.TypePackageManagerPURL,
		Locator:  purl,
	}}
}

// comment collects "ossaudit:key=value" lines.
type comment struct{ lines []string }

func (c *comment) add(key, value string) {
	c.lines = append(c.lines, "ossaudit:"+key+"="+escape(value))
}

func (c *comment) String() string { return strings.Join(c.lines, "\n") }

// escaper keeps a value on one line and out of the way of tag-value's
// "</text>" terminator.
var escaper = strings.NewReplacer(`\`, `\\`, "\n", `\n`, "\r", `\r`, "</text>", `<\/text>`)

// keyEscaper also escapes '=', which ends the key.
var keyEscaper = strings.NewReplacer(`\`, `\\`, "\n", `\n`, "\r", `\r`, "=", `\=`)

func escape(s string) string { return escaper.Replace(s) }

// elementIDs gives every ID an SPDX element ID (without the "SPDXRef-"
// prefix, which the writers add).
func elementIDs(ids []string) map[string]common.ElementID {
	groups := map[string][]string{}
	for _, id := range ids {
		s := "Package-" + sanitize(id)
		groups[s] = append(groups[s], id)
	}
	out := map[string]common.ElementID{}
	for s, members := range groups {
		if len(members) == 1 {
			out[members[0]] = common.ElementID(s)
			continue
		}
		for _, id := range members {
			sum := sha256.Sum256([]byte(id))
			out[id] = common.ElementID(s + "-" + hex.EncodeToString(sum[:])[:12])
		}
	}
	return out
}

func sanitize(id string) string {
	b := []byte(id)
	for i, c := range b {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '.' || c == '-') {
			b[i] = '-'
		}
	}
	return string(b)
}

// targetName is the base name of what was scanned, made safe for a URI.
func targetName(target string) string {
	t := strings.TrimRight(strings.ReplaceAll(target, `\`, "/"), "/")
	if t == "" {
		return "target"
	}
	t = sanitize(path.Base(t))
	if t == "" || t == "." || t == ".." {
		return "target"
	}
	return t
}

// newUUID returns a random (version 4) UUID.
func newUUID() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("making a document namespace: %w", err)
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16]), nil
}
