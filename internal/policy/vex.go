package policy

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	cdx "github.com/CycloneDX/cyclonedx-go"
	"github.com/ossaudit/ossaudit/internal/diag"
	"github.com/ossaudit/ossaudit/model"
)

// VEXStatement is one statement of a VEX document, in either format.
type VEXStatement struct {
	Vulnerability string
	Aliases       []string
	// Products are package URLs (or CycloneDX bom-refs) the statement is
	// about; a product that names a project covers all of its packages.
	Products []string
	// Status is OpenVEX's: not_affected, affected, fixed,
	// under_investigation.
	Status        string
	Justification string
	Statement     string
	Source        string
}

// ParseVEX reads an OpenVEX document or a CycloneDX document with
// vulnerability analyses (JSON).
func ParseVEX(path string, data []byte) ([]VEXStatement, error) {
	var probe struct {
		Context   string `json:"@context"`
		BOMFormat string `json:"bomFormat"`
	}
	if err := json.Unmarshal(data, &probe); err != nil {
		return nil, diag.Parse(path, data, fmt.Errorf("reading the VEX document: %w", err))
	}
	switch {
	case strings.Contains(probe.Context, "openvex"):
		return parseOpenVEX(path, data)
	case probe.BOMFormat == "CycloneDX":
		return parseCycloneDXVEX(path, data)
	}
	return nil, diag.At(path, 1, 1, "not a VEX document: expected OpenVEX (an openvex @context) or CycloneDX JSON with vulnerabilities")
}

func parseOpenVEX(path string, data []byte) ([]VEXStatement, error) {
	type component struct {
		ID          string            `json:"@id"`
		Identifiers map[string]string `json:"identifiers"`
	}
	var doc struct {
		Statements []struct {
			Vulnerability json.RawMessage `json:"vulnerability"`
			Products      []struct {
				component
				Subcomponents []component `json:"subcomponents"`
			} `json:"products"`
			Status        string `json:"status"`
			Justification string `json:"justification"`
			Impact        string `json:"impact_statement"`
			Notes         string `json:"status_notes"`
		} `json:"statements"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, diag.Parse(path, data, fmt.Errorf("reading the OpenVEX document: %w", err))
	}
	ids := func(c component) []string {
		var out []string
		for _, s := range []string{c.ID, c.Identifiers["purl"]} {
			if s != "" {
				out = append(out, s)
			}
		}
		return out
	}
	var out []VEXStatement
	for i, st := range doc.Statements {
		s := VEXStatement{Status: st.Status, Justification: st.Justification, Statement: firstNonEmpty(st.Impact, st.Notes), Source: fmt.Sprintf("%s#statement-%d", path, i+1)}
		// v0.2 writes {"name": …, "aliases": […]}; older documents a string
		var v struct {
			Name    string   `json:"name"`
			Aliases []string `json:"aliases"`
		}
		if err := json.Unmarshal(st.Vulnerability, &v); err != nil {
			if err := json.Unmarshal(st.Vulnerability, &v.Name); err != nil {
				return nil, fmt.Errorf("%s: statement %d: the vulnerability is neither a name nor an object", path, i+1)
			}
		}
		s.Vulnerability, s.Aliases = v.Name, v.Aliases
		for _, p := range st.Products {
			if len(p.Subcomponents) > 0 {
				for _, sc := range p.Subcomponents {
					s.Products = append(s.Products, ids(sc)...)
				}
				continue
			}
			s.Products = append(s.Products, ids(p.component)...)
		}
		if s.Vulnerability == "" || s.Status == "" {
			return nil, fmt.Errorf("%s: statement %d lacks a vulnerability name or a status", path, i+1)
		}
		out = append(out, s)
	}
	return out, nil
}

func parseCycloneDXVEX(path string, data []byte) ([]VEXStatement, error) {
	var bom cdx.BOM
	if err := cdx.NewBOMDecoder(bytes.NewReader(data), cdx.BOMFileFormatJSON).Decode(&bom); err != nil {
		return nil, diag.Parse(path, data, fmt.Errorf("reading the CycloneDX VEX document: %w", err))
	}
	refs := map[string]string{} // bom-ref -> purl
	if bom.Components != nil {
		var walk func([]cdx.Component)
		walk = func(cs []cdx.Component) {
			for _, c := range cs {
				if c.BOMRef != "" && c.PackageURL != "" {
					refs[c.BOMRef] = c.PackageURL
				}
				if c.Components != nil {
					walk(*c.Components)
				}
			}
		}
		walk(*bom.Components)
	}
	var out []VEXStatement
	if bom.Vulnerabilities == nil {
		return nil, nil
	}
	for i, v := range *bom.Vulnerabilities {
		if v.Analysis == nil {
			continue
		}
		s := VEXStatement{Vulnerability: v.ID, Justification: string(v.Analysis.Justification), Statement: v.Analysis.Detail, Source: fmt.Sprintf("%s#vulnerability-%d", path, i+1)}
		switch v.Analysis.State {
		case cdx.IASNotAffected, cdx.IASFalsePositive:
			s.Status = "not_affected"
		case cdx.IASResolved, cdx.IASResolvedWithPedigree:
			s.Status = "fixed"
		case cdx.IASExploitable:
			s.Status = "affected"
		default:
			s.Status = "under_investigation"
		}
		if v.References != nil {
			for _, r := range *v.References {
				s.Aliases = append(s.Aliases, r.ID)
			}
		}
		if v.Affects != nil {
			for _, a := range *v.Affects {
				s.Products = append(s.Products, a.Ref)
				if p, ok := refs[a.Ref]; ok {
					s.Products = append(s.Products, p)
				}
			}
		}
		out = append(out, s)
	}
	return out, nil
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// ApplyVEX marks the vulnerabilities that not_affected and fixed
// statements cover, and returns a note for each statement that covers
// nothing in this scan. Statements with other statuses change nothing.
func ApplyVEX(r *model.Result, stmts []VEXStatement) []string {
	var notes []string
	projects := map[string]bool{}
	for _, p := range r.Projects {
		if p.PURL != "" {
			projects[stripVersion(p.PURL)] = true
			projects[p.PURL] = true
		}
	}
	for _, s := range stmts {
		if s.Status != "not_affected" && s.Status != "fixed" {
			continue
		}
		matched := 0
		for i := range r.Vulnerabilities {
			v := &r.Vulnerabilities[i]
			if !vexNames(v, s) || !vexProducts(r, v, s, projects) {
				continue
			}
			matched++
			if v.Ignored == nil {
				reason := s.Statement
				if reason == "" {
					reason = strings.ReplaceAll(s.Justification, "_", " ")
				}
				if reason == "" {
					reason = "VEX status " + s.Status
				}
				v.Ignored = &model.Suppression{Reason: reason, Status: s.Status, Justification: s.Justification, Source: s.Source}
			}
		}
		if matched == 0 {
			notes = append(notes, fmt.Sprintf("%s: the VEX statement on %s (%s) covers no finding of this scan", s.Source, s.Vulnerability, s.Status))
		}
	}
	return notes
}

func vexNames(v *model.Vulnerability, s VEXStatement) bool {
	names := append([]string{v.ID}, v.Aliases...)
	for _, n := range names {
		if strings.EqualFold(n, s.Vulnerability) {
			return true
		}
		for _, a := range s.Aliases {
			if strings.EqualFold(n, a) {
				return true
			}
		}
	}
	return false
}

// vexProducts reports whether a statement's products cover the package of
// v: its ID or PURL (a product without a version covers every version), or
// a project of the scan (which covers all of its packages). A statement
// without products covers everything.
func vexProducts(r *model.Result, v *model.Vulnerability, s VEXStatement, projects map[string]bool) bool {
	if len(s.Products) == 0 {
		return true
	}
	p := r.Package(v.Package)
	for _, prod := range s.Products {
		if projects[prod] {
			return true
		}
		if p == nil {
			continue
		}
		if prod == p.ID || prod == p.PURL || (!strings.Contains(prod, "@") && prod == stripVersion(p.PURL)) {
			return true
		}
	}
	return false
}

// stripVersion drops the version, qualifiers and subpath of a package URL.
func stripVersion(purl string) string {
	if i := strings.IndexAny(purl, "?#"); i >= 0 {
		purl = purl[:i]
	}
	if i := strings.LastIndex(purl, "@"); i > strings.LastIndex(purl, "/") {
		purl = purl[:i]
	}
	return purl
}
