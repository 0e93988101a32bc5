package cyclonedx

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	cdx "github.com/CycloneDX/cyclonedx-go"
	"github.com/ossaudit/ossaudit/internal/enrich/osv"
	"github.com/ossaudit/ossaudit/model"
)

// Property names of a vulnerability, shared with the sbom extractor.
const (
	propFixed     = "ossaudit:fixed"
	propUpgradeTo = "ossaudit:upgrade-to"
	propPath      = "ossaudit:path"
	// propSuppressedBy and propExpires carry where a suppression was
	// decided and until when (policy-file ignores).
	propSuppressedBy  = "ossaudit:suppressed-by"
	propExpires       = "ossaudit:expires"
	propSuppression   = "ossaudit:suppression"
	propJustification = "ossaudit:justification"
	// pathSep joins the IDs of a dependency path.
	pathSep = " > "
)

// vulnerabilities maps r.Vulnerabilities onto CycloneDX, sorted by package
// and id. Vulnerabilities of a package the result does not list are left
// out, as edges to unknown packages are.
func vulnerabilities(r *model.Result) []cdx.Vulnerability {
	if len(r.Vulnerabilities) == 0 {
		return nil
	}
	pkgs := make(map[string]*model.Package, len(r.Packages))
	for i := range r.Packages {
		pkgs[r.Packages[i].ID] = &r.Packages[i]
	}
	idx := make([]int, 0, len(r.Vulnerabilities))
	for i := range r.Vulnerabilities {
		if pkgs[r.Vulnerabilities[i].Package] != nil {
			idx = append(idx, i)
		}
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		va, vb := &r.Vulnerabilities[a], &r.Vulnerabilities[b]
		if c := strings.Compare(va.Package, vb.Package); c != 0 {
			return c
		}
		return strings.Compare(va.ID, vb.ID)
	})
	out := make([]cdx.Vulnerability, 0, len(idx))
	refs := map[string]int{}
	for _, i := range idx {
		v := &r.Vulnerabilities[i]
		ref := "vuln:" + v.ID + ":" + v.Package
		if n := refs[ref]; n > 0 { // the same flaw listed twice for a package
			refs[ref]++
			ref += "#" + strconv.Itoa(n+1)
		} else {
			refs[ref] = 1
		}
		out = append(out, vulnerability(v, pkgs[v.Package], ref))
	}
	return out
}

func vulnerability(v *model.Vulnerability, p *model.Package, ref string) cdx.Vulnerability {
	src := source(v.ID)
	cv := cdx.Vulnerability{
		BOMRef:      ref,
		ID:          v.ID,
		Source:      &src,
		Description: v.Summary,
		Published:   timestamp(v.Published),
		Updated:     timestamp(v.Modified),
	}
	if len(v.Aliases) > 0 {
		refs := make([]cdx.VulnerabilityReference, 0, len(v.Aliases))
		for _, a := range v.Aliases {
			s := source(a)
			refs = append(refs, cdx.VulnerabilityReference{ID: a, Source: &s})
		}
		cv.References = &refs
	}
	ratings := ratings(v)
	cv.Ratings = &ratings
	if v.UpgradeTo != "" {
		cv.Recommendation = "Upgrade " + p.Name + " to " + v.UpgradeTo
	}
	if len(v.References) > 0 {
		adv := make([]cdx.Advisory, 0, len(v.References))
		for _, u := range v.References {
			adv = append(adv, cdx.Advisory{URL: u})
		}
		cv.Advisories = &adv
	}
	affects := cdx.Affects{Ref: p.ID}
	if p.Version != "" {
		affects.Range = &[]cdx.AffectedVersions{{Version: p.Version, Status: cdx.VulnerabilityStatusAffected}}
	}
	cv.Affects = &[]cdx.Affects{affects}
	// Sorted by name only: the values keep the model's order.
	var props []cdx.Property
	for _, f := range v.Fixed {
		props = append(props, cdx.Property{Name: propFixed, Value: f})
	}
	for _, path := range v.Paths {
		props = append(props, cdx.Property{Name: propPath, Value: strings.Join(path, pathSep)})
	}
	if v.UpgradeTo != "" {
		props = append(props, cdx.Property{Name: propUpgradeTo, Value: v.UpgradeTo})
	}
	if v.Ignored != nil {
		cv.Analysis = analysis(v.Ignored)
		if v.Ignored.Source != "" {
			props = append(props, cdx.Property{Name: propSuppressedBy, Value: v.Ignored.Source})
		}
		if v.Ignored.Expires != "" {
			props = append(props, cdx.Property{Name: propExpires, Value: v.Ignored.Expires})
		}
		if j := v.Ignored.Justification; j != "" && j != string(cv.Analysis.Justification) {
			// an OpenVEX justification, kept in its own words
			props = append(props, cdx.Property{Name: propJustification, Value: j})
		}
		if v.Ignored.Status == "" {
			// a policy-file ignore, which CycloneDX can only call not_affected
			props = append(props, cdx.Property{Name: propSuppression, Value: "policy"})
		}
	}
	if len(props) > 0 {
		cv.Properties = &props
	}
	return cv
}

// analysis writes a suppression as CycloneDX VEX: a VEX "fixed" is
// resolved, anything else not_affected (a policy-file ignore included),
// with the reason as detail and the justification in CycloneDX's terms.
func analysis(s *model.Suppression) *cdx.VulnerabilityAnalysis {
	a := &cdx.VulnerabilityAnalysis{State: cdx.IASNotAffected, Detail: s.Reason}
	if s.Status == "fixed" {
		a.State = cdx.IASResolved
	}
	if j, ok := cdxJustification[s.Justification]; ok {
		a.Justification = j
	}
	return a
}

// cdxJustification maps OpenVEX justifications to CycloneDX's, and
// CycloneDX's (read from a CycloneDX VEX document) to themselves.
var cdxJustification = map[string]cdx.ImpactAnalysisJustification{
	"component_not_present":                             cdx.IAJCodeNotPresent,
	"vulnerable_code_not_present":                       cdx.IAJCodeNotPresent,
	"vulnerable_code_not_in_execute_path":               cdx.IAJCodeNotReachable,
	"vulnerable_code_cannot_be_controlled_by_adversary": cdx.IAJRequiresEnvironment,
	"inline_mitigations_already_exist":                  cdx.IAJProtectedByMitigatingControl,
	string(cdx.IAJCodeNotPresent):                       cdx.IAJCodeNotPresent,
	string(cdx.IAJCodeNotReachable):                     cdx.IAJCodeNotReachable,
	string(cdx.IAJRequiresConfiguration):                cdx.IAJRequiresConfiguration,
	string(cdx.IAJRequiresDependency):                   cdx.IAJRequiresDependency,
	string(cdx.IAJRequiresEnvironment):                  cdx.IAJRequiresEnvironment,
	string(cdx.IAJProtectedByCompiler):                  cdx.IAJProtectedByCompiler,
	string(cdx.IAJProtectedAtRuntime):                   cdx.IAJProtectedAtRuntime,
	string(cdx.IAJProtectedAtPerimeter):                 cdx.IAJProtectedAtPerimeter,
	string(cdx.IAJProtectedByMitigatingControl):         cdx.IAJProtectedByMitigatingControl,
}

// ratings gives one rating per CVSS vector, scored with the same CVSS
// library the matching used, so the highest rating is the vulnerability's
// own score and severity. Without a vector that scores, the
// vulnerability's rating is given as it is.
func ratings(v *model.Vulnerability) []cdx.VulnerabilityRating {
	var out []cdx.VulnerabilityRating
	scored := false
	for _, vec := range v.CVSS {
		r := cdx.VulnerabilityRating{Method: method(vec), Vector: vec, Severity: cdx.SeverityUnknown}
		if s, ok := osv.BaseScore(vec); ok {
			r.Score = &s
			r.Severity = cdx.Severity(model.RatingOfScore(s))
			scored = true
		}
		out = append(out, r)
	}
	if !scored && v.Rating != "" && v.Rating != model.RatingUnknown {
		r := cdx.VulnerabilityRating{Method: cdx.ScoringMethodOther, Severity: cdx.Severity(v.Rating)}
		if v.Score != 0 {
			s := v.Score
			r.Score = &s
		}
		out = append(out, r)
	}
	if len(out) == 0 {
		out = append(out, cdx.VulnerabilityRating{Severity: cdx.SeverityUnknown})
	}
	return out
}

// method names the CVSS version of a vector as CycloneDX does.
func method(vector string) cdx.ScoringMethod {
	switch {
	case strings.HasPrefix(vector, "CVSS:4.0/"):
		return cdx.ScoringMethodCVSSv4
	case strings.HasPrefix(vector, "CVSS:3.1/"):
		return cdx.ScoringMethodCVSSv31
	case strings.HasPrefix(vector, "CVSS:3.0/"):
		return cdx.ScoringMethodCVSSv3
	case strings.HasPrefix(vector, "AV:"):
		return cdx.ScoringMethodCVSSv2
	}
	return cdx.ScoringMethodOther
}

// source names the database an advisory id comes from; the URL is the
// advisory's page on OSV, which mirrors all of them.
func source(id string) cdx.Source {
	name := "OSV"
	switch {
	case strings.HasPrefix(id, "GHSA-"):
		name = "GitHub Advisory Database"
	case strings.HasPrefix(id, "GO-"):
		name = "Go Vulnerability Database"
	case strings.HasPrefix(id, "PYSEC-"):
		name = "PyPA"
	case strings.HasPrefix(id, "RUSTSEC-"):
		name = "RustSec"
	case strings.HasPrefix(id, "CVE-"):
		name = "NVD"
	}
	return cdx.Source{Name: name, URL: osvURL(id)}
}

// osvURL is the page of an advisory on osv.dev.
func osvURL(id string) string {
	return "https://osv.dev/vulnerability/" + url.PathEscape(id)
}

func timestamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}
