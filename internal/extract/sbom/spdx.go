package sbom

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/ossaudit/ossaudit/internal/diag"
	"github.com/ossaudit/ossaudit/internal/extract"
	"github.com/ossaudit/ossaudit/model"
	spdxjson "github.com/spdx/tools-golang/json"
	"github.com/spdx/tools-golang/spdx"
	"github.com/spdx/tools-golang/spdx/v2/common"
	"github.com/spdx/tools-golang/tagvalue"
)

var (
	spdxJSONSniff = regexp.MustCompile(`"spdxVersion"\s*:`)
	spdxTagSniff  = regexp.MustCompile(`(?m)^[ \t]*SPDXVersion:`)
)

// spdxJSON reads SPDX JSON documents.
type spdxJSON struct{ base }

func (spdxJSON) Name() string { return "sbom/spdx-json" }
func (spdxJSON) Description() string {
	return "SPDX 2.x SBOM, JSON (*.spdx.json, or any JSON file with \"spdxVersion\")"
}
func (spdxJSON) Match(p string) bool { return matchName(p, nil, []string{".spdx.json"}) }
func (spdxJSON) Sniff(header []byte) bool {
	return bytes.HasPrefix(bytes.TrimSpace(header), []byte("{")) && spdxJSONSniff.Match(header)
}
func (spdxJSON) Extract(ctx context.Context, in *extract.Input) (*extract.Result, error) {
	return extractSPDX(ctx, in, true)
}

// spdxTagValue reads SPDX tag-value documents.
type spdxTagValue struct{ base }

func (spdxTagValue) Name() string { return "sbom/spdx-tag-value" }
func (spdxTagValue) Description() string {
	return "SPDX 2.x SBOM, tag-value (*.spdx, or any file with an SPDXVersion: line)"
}
func (spdxTagValue) Match(p string) bool      { return matchName(p, nil, []string{".spdx"}) }
func (spdxTagValue) Sniff(header []byte) bool { return spdxTagSniff.Match(header) }
func (spdxTagValue) Extract(ctx context.Context, in *extract.Input) (*extract.Result, error) {
	return extractSPDX(ctx, in, false)
}

func extractSPDX(ctx context.Context, in *extract.Input, isJSON bool) (*extract.Result, error) {
	data, err := in.ReadFile()
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", in.Path, err)
	}
	if err := ctxErr(ctx); err != nil {
		return nil, err
	}
	var lines map[string]int
	var sd *spdx.Document
	if isJSON {
		sd, err = readSPDX(func() (*spdx.Document, error) { return spdxjson.Read(bytes.NewReader(bytes.TrimPrefix(data, utf8BOM))) })
		if err != nil {
			return nil, parseError(in.Path, data, fmt.Errorf("parsing SPDX JSON: %w", err))
		}
		lines = lineIndex(data, jsonSPDXID, false)
	} else {
		if err := checkTagValue(in.Path, data); err != nil {
			return nil, err
		}
		sd, err = readSPDX(func() (*spdx.Document, error) { return tagvalue.Read(bytes.NewReader(data)) })
		if err != nil {
			return nil, tagValueError(in.Path, data, err)
		}
		lines = lineIndex(data, tagSPDXID, false)
	}
	if sd == nil {
		return nil, diag.At(in.Path, 1, 0, "parsing SPDX: empty document")
	}

	doc := &document{}
	res := &extract.Result{}
	described := map[string]bool{}
	docID := string(sd.SPDXIdentifier)
	if docID == "" {
		docID = "DOCUMENT"
	}
	for _, r := range sd.Relationships {
		if r == nil || r.RefA.DocumentRefID != "" || r.RefB.DocumentRefID != "" {
			continue
		}
		switch r.Relationship {
		case common.TypeRelationshipDescribe:
			if string(r.RefA.ElementRefID) == docID {
				described[string(r.RefB.ElementRefID)] = true
			}
		case common.TypeRelationshipDescribeBy:
			if string(r.RefB.ElementRefID) == docID {
				described[string(r.RefA.ElementRefID)] = true
			}
		}
	}
	for _, p := range sd.Packages {
		if p == nil {
			continue
		}
		ref := string(p.PackageSPDXIdentifier)
		el := &element{
			ref:     ref,
			name:    p.PackageName,
			version: p.PackageVersion,
			line:    lines["SPDXRef-"+ref],
			root:    described[ref],
		}
		for _, x := range p.PackageExternalReferences {
			if x != nil && strings.EqualFold(x.RefType, common.TypePackageManagerPURL) && el.purl == "" {
				el.purl = x.Locator
			}
			if x != nil && strings.EqualFold(x.Category, common.CategorySecurity) && strings.Contains(x.ExternalRefComment, propVuln+"=") {
				if rec, ok := spdxVulnerability(x.ExternalRefComment, ref, el.line); ok {
					doc.vulns = append(doc.vulns, rec)
				}
			}
		}
		el.props = parseComment(p.PackageComment)
		doc.elements = append(doc.elements, el)
	}
	for _, r := range sd.Relationships {
		if r == nil || r.RefA.DocumentRefID != "" || r.RefB.DocumentRefID != "" {
			continue // special values (NONE, NOASSERTION) and other documents
		}
		a, b := string(r.RefA.ElementRefID), string(r.RefB.ElementRefID)
		if a == "" || b == "" || a == docID || b == docID {
			continue
		}
		from, to, scope, ok := dependency(r.Relationship, a, b)
		if !ok {
			continue
		}
		indirect := false
		for _, line := range strings.Split(r.RelationshipComment, "\n") {
			line = strings.TrimSpace(line)
			if v, ok := strings.CutPrefix(line, propScope+"="); ok {
				if v == unknownScope {
					v = ""
				}
				scope = model.Scope(v)
			}
			if line == propIndirect+"=true" {
				indirect = true
			}
		}
		doc.links = append(doc.links, link{from: from, to: to, scope: scope, line: lines["SPDXRef-"+from], indirect: indirect})
	}
	if len(doc.elements) == 0 {
		res.Warn(in.Path, 1, "the SPDX document lists no packages")
		return res, nil
	}
	out := build(in, doc)
	out.Diagnostics = append(res.Diagnostics, out.Diagnostics...)
	return out, nil
}

// dependency turns an SPDX relationship "a TYPE b" into an edge from → to,
// or reports false for relationships that are not dependencies.
func dependency(typ, a, b string) (from, to string, scope model.Scope, ok bool) {
	switch strings.ToUpper(typ) {
	case common.TypeRelationshipDependsOn:
		return a, b, model.ScopeRuntime, true
	case common.TypeRelationshipDependencyOf, common.TypeRelationshipRuntimeDependencyOf, common.TypeRelationshipProvidedDependencyOf:
		return b, a, model.ScopeRuntime, true
	case common.TypeRelationshipDevDependencyOf, common.TypeRelationshipBuildDependencyOf:
		return b, a, model.ScopeDevelopment, true
	case common.TypeRelationshipTestDependencyOf:
		return b, a, model.ScopeTest, true
	case common.TypeRelationshipOptionalDependencyOf:
		return b, a, model.ScopeOptional, true
	}
	return "", "", "", false
}

// parseComment reads the "ossaudit:key=value" lines of a package comment;
// "ossaudit:property:K=V" lines become the property K.
func parseComment(c string) []prop {
	var out []prop
	for _, line := range strings.Split(c, "\n") {
		line = strings.TrimRight(line, "\r")
		if !strings.HasPrefix(line, propPrefix) {
			continue
		}
		eq := -1
		for i := 0; i < len(line); i++ {
			if line[i] == '\\' {
				i++
			} else if line[i] == '=' {
				eq = i
				break
			}
		}
		if eq < 0 {
			continue
		}
		key, value := unescape(line[:eq]), unescape(line[eq+1:])
		if k, ok := strings.CutPrefix(key, propPrefix+"property:"); ok {
			key = k
		}
		out = append(out, prop{key, value})
	}
	return out
}

func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 == len(s) {
			b.WriteByte(c)
			continue
		}
		i++
		switch s[i] {
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// readSPDX runs a tools-golang reader, turning a panic into an error.
func readSPDX(read func() (*spdx.Document, error)) (doc *spdx.Document, err error) {
	defer func() {
		if r := recover(); r != nil {
			doc, err = nil, fmt.Errorf("the SPDX reader failed: %v", r)
		}
	}()
	return read()
}

// checkTagValue finds the problems the tag-value reader reports without a
// line: a line that is not "Tag: value", and an unclosed <text>.
func checkTagValue(path string, data []byte) error {
	inText, textLine := false, 0
	for i, line := range strings.Split(string(data), "\n") {
		n := i + 1
		if inText {
			if strings.Contains(line, "</text>") {
				inText = false
			}
			continue
		}
		t := strings.TrimSpace(line)
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		tag, value, ok := strings.Cut(t, ":")
		if !ok || strings.TrimSpace(tag) == "" {
			return diag.At(path, n, 0, "parsing SPDX tag-value: expected \"Tag: value\", got %q", clip(t))
		}
		if strings.Contains(value, "<text>") && !strings.Contains(value, "</text>") {
			inText, textLine = true, n
		}
	}
	if inText {
		return diag.At(path, textLine, 0, "parsing SPDX tag-value: <text> is never closed (the file looks truncated)")
	}
	return nil
}

var tvPairRE = regexp.MustCompile(`\(([A-Za-z]+), (.*)\)`)

// tagValueError places an error of the tag-value reader at the line of the
// tag it names, when it names one.
func tagValueError(path string, data []byte, err error) error {
	line := 0
	if m := tvPairRE.FindStringSubmatch(err.Error()); m != nil {
		needle := m[1] + ":"
		for i, l := range strings.Split(string(data), "\n") {
			l = strings.TrimSpace(l)
			if strings.HasPrefix(l, needle) && strings.Contains(l, strings.TrimSpace(m[2])) {
				line = i + 1
				break
			}
		}
	}
	if line == 0 {
		line = 1
	}
	return diag.At(path, line, 0, "parsing SPDX tag-value: %v", err)
}

func clip(s string) string {
	if len(s) > 60 {
		return s[:60] + "…"
	}
	return s
}
