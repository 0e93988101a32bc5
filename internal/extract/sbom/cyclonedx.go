package sbom

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"strings"

	cdx "github.com/CycloneDX/cyclonedx-go"
	"github.com/ossaudit/ossaudit/internal/diag"
	"github.com/ossaudit/ossaudit/internal/extract"
	"github.com/ossaudit/ossaudit/model"
)

var (
	cdxJSONSniff = regexp.MustCompile(`"bomFormat"\s*:\s*"CycloneDX"`)
	cdxXMLSniff  = regexp.MustCompile(`<(?:[A-Za-z_][\w.-]*:)?bom\b[^>]*\bxmlns(?::[A-Za-z_][\w.-]*)?\s*=\s*["']http://cyclonedx\.org/schema/bom/`)
)

// cdxJSON reads CycloneDX JSON documents.
type cdxJSON struct{ base }

func (cdxJSON) Name() string { return "sbom/cyclonedx-json" }
func (cdxJSON) Description() string {
	return "CycloneDX SBOM, JSON (*.cdx.json, bom.json, or any JSON file with \"bomFormat\": \"CycloneDX\")"
}
func (cdxJSON) Match(p string) bool      { return matchName(p, []string{"bom.json"}, []string{".cdx.json"}) }
func (cdxJSON) Sniff(header []byte) bool { return cdxJSONSniff.Match(header) }
func (cdxJSON) Extract(ctx context.Context, in *extract.Input) (*extract.Result, error) {
	return extractCycloneDX(ctx, in, cdx.BOMFileFormatJSON)
}

// cdxXML reads CycloneDX XML documents.
type cdxXML struct{ base }

func (cdxXML) Name() string { return "sbom/cyclonedx-xml" }
func (cdxXML) Description() string {
	return "CycloneDX SBOM, XML (*.cdx.xml, bom.xml, or any XML file whose root is a CycloneDX <bom>)"
}
func (cdxXML) Match(p string) bool      { return matchName(p, []string{"bom.xml"}, []string{".cdx.xml"}) }
func (cdxXML) Sniff(header []byte) bool { return cdxXMLSniff.Match(header) }
func (cdxXML) Extract(ctx context.Context, in *extract.Input) (*extract.Result, error) {
	return extractCycloneDX(ctx, in, cdx.BOMFileFormatXML)
}

func extractCycloneDX(ctx context.Context, in *extract.Input, format cdx.BOMFileFormat) (res *extract.Result, err error) {
	data, err := in.ReadFile()
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", in.Path, err)
	}
	if err := ctxErr(ctx); err != nil {
		return nil, err
	}
	var bom cdx.BOM
	if err := decodeBOM(bytes.TrimPrefix(data, utf8BOM), format, &bom); err != nil {
		return nil, parseError(in.Path, data, fmt.Errorf("parsing CycloneDX: %w", err))
	}
	isJSON := format == cdx.BOMFileFormatJSON
	if isJSON && bom.BOMFormat != cdx.BOMFormat {
		return nil, diag.At(in.Path, 1, 0, "not a CycloneDX document: bomFormat is %q, want %q", bom.BOMFormat, cdx.BOMFormat)
	}
	if !isJSON && !strings.HasPrefix(bom.XMLNS, "http://cyclonedx.org/schema/bom/") {
		return nil, diag.At(in.Path, 1, 0, "not a CycloneDX document: the <bom> namespace is %q", bom.XMLNS)
	}

	var lines, depLines map[string]int
	if isJSON {
		lines = lineIndex(data, jsonBOMRef, false)
		depLines = lineIndex(data, jsonRefField, false)
	} else {
		lines = lineIndex(data, xmlBOMRef, true)
		depLines = lineIndex(data, xmlRefField, true)
	}

	doc := &document{}
	var diags []model.Diagnostic
	anon := 0
	var add func(c *cdx.Component, root bool, depth int)
	add = func(c *cdx.Component, root bool, depth int) {
		if depth > maxDepth {
			diags = append(diags, model.Diagnostic{Severity: model.SevError, Location: model.Location{Path: in.Path, Line: lines[c.BOMRef]},
				Message: fmt.Sprintf("components nest deeper than %d levels; the deeper ones are not read", maxDepth)})
			return
		}
		el := &element{
			ref:     c.BOMRef,
			group:   c.Group,
			name:    c.Name,
			version: c.Version,
			purl:    c.PackageURL,
			line:    lines[c.BOMRef],
			root:    root,
		}
		if el.ref == "" {
			anon++
			el.ref = fmt.Sprintf("\x00anonymous-%d", anon) // cannot collide with a bom-ref from the file
			el.anon = true
		}
		switch c.Scope {
		case cdx.ScopeExcluded:
			el.scope = model.ScopeDevelopment
		case cdx.ScopeOptional:
			el.scope = model.ScopeOptional
		}
		if c.Properties != nil {
			for _, p := range *c.Properties {
				el.props = append(el.props, prop{p.Name, p.Value})
				// CycloneDX's npm taxonomy marks development packages,
				// which npm itself scopes "optional".
				if p.Name == "cdx:npm:package:development" && p.Value == "true" {
					el.scope = model.ScopeDevelopment
				}
			}
		}
		if c.Evidence != nil && c.Evidence.Occurrences != nil {
			for _, o := range *c.Evidence.Occurrences {
				if o.Location == "" {
					continue
				}
				l := model.Location{Path: o.Location}
				if o.Line != nil && *o.Line > 0 {
					l.Line = *o.Line
				}
				el.occurrences = append(el.occurrences, l)
			}
		}
		doc.elements = append(doc.elements, el)
		if c.Components != nil {
			for i := range *c.Components {
				add(&(*c.Components)[i], false, depth+1)
			}
		}
	}
	if bom.Metadata != nil && bom.Metadata.Component != nil {
		add(bom.Metadata.Component, true, 0)
	}
	if bom.Components != nil {
		for i := range *bom.Components {
			add(&(*bom.Components)[i], false, 0)
		}
	}
	doc.vulns = cdxVulnerabilities(&bom, lines)
	if len(doc.elements) == 0 && (bom.Dependencies == nil || len(*bom.Dependencies) == 0) {
		res := &extract.Result{}
		res.Warn(in.Path, 1, "the CycloneDX document lists no components")
		return res, nil
	}

	byRef := map[string]*element{}
	for _, el := range doc.elements {
		if _, ok := byRef[el.ref]; !ok {
			byRef[el.ref] = el
		}
	}
	if bom.Dependencies != nil {
		for _, d := range *bom.Dependencies {
			if d.Dependencies == nil {
				continue
			}
			from := byRef[d.Ref]
			scopes := map[string][]model.Scope{}
			indirect := map[string]bool{}
			if from != nil {
				for _, to := range from.all(propEdgeIndirect) {
					indirect[to] = true
				}
				for _, v := range from.all(propEdgeScope) {
					s, to, ok := strings.Cut(v, " ")
					if !ok {
						continue
					}
					if s == unknownScope {
						s = ""
					}
					scopes[to] = append(scopes[to], model.Scope(s))
				}
			}
			for _, to := range *d.Dependencies {
				l := link{from: d.Ref, to: to, line: depLines[d.Ref], indirect: indirect[to]}
				if ss, ok := scopes[to]; ok {
					for _, s := range ss {
						l.scope = s
						doc.links = append(doc.links, l)
					}
					continue
				}
				l.scope = model.ScopeRuntime
				if t := byRef[to]; t != nil && !t.ossaudit() && t.scope != "" {
					l.scope = t.scope
				}
				doc.links = append(doc.links, l)
			}
		}
	}
	res = build(in, doc)
	res.Diagnostics = append(diags, res.Diagnostics...)
	return res, nil
}

// decodeBOM decodes data, turning a panic of the decoder into an error.
func decodeBOM(data []byte, format cdx.BOMFileFormat, bom *cdx.BOM) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the CycloneDX decoder failed: %v", r)
		}
	}()
	return cdx.NewBOMDecoder(bytes.NewReader(data), format).Decode(bom)
}
