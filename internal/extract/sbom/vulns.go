package sbom

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	cdx "github.com/CycloneDX/cyclonedx-go"
	"github.com/ossaudit/ossaudit/internal/extract"
	"github.com/ossaudit/ossaudit/model"
)

// Names of the ossaudit vulnerability properties (CycloneDX) and comment
// keys of SPDX SECURITY references.
const (
	propVuln          = "ossaudit:vuln"
	propAlias         = "ossaudit:alias"
	propSeverity      = "ossaudit:severity"
	propScore         = "ossaudit:score"
	propCVSS          = "ossaudit:cvss"
	propFixed         = "ossaudit:fixed"
	propUpgradeTo     = "ossaudit:upgrade-to"
	propSummary       = "ossaudit:summary"
	propPublished     = "ossaudit:published"
	propModified      = "ossaudit:modified"
	propPath          = "ossaudit:path"
	propReference     = "ossaudit:reference"
	propSuppressedBy  = "ossaudit:suppressed-by"
	propExpires       = "ossaudit:expires"
	propSuppression   = "ossaudit:suppression"
	propJustification = "ossaudit:justification"
	pathSep           = " > "
	// maxPaths caps the paths read per vulnerability (ossaudit writes a
	// few); maxIDParts the pieces of a path that one ID may span.
	maxPaths   = 16
	maxIDParts = 8
)

// vulnRecord is a vulnerability as a document states it, before its
// targets are resolved to package IDs.
type vulnRecord struct {
	v     model.Vulnerability // Package and Paths unset
	paths []string            // ossaudit:path values
	refs  []string            // bom-refs or SPDXIDs of the affected elements
	line  int
}

// cdxVulnerabilities reads the vulnerabilities of a BOM: id, aliases
// (references), ratings, description, advisories, dates, affected
// components and the ossaudit properties.
func cdxVulnerabilities(bom *cdx.BOM, lines map[string]int) []vulnRecord {
	if bom.Vulnerabilities == nil {
		return nil
	}
	var out []vulnRecord
	for i := range *bom.Vulnerabilities {
		cv := &(*bom.Vulnerabilities)[i]
		if cv.ID == "" {
			continue
		}
		rec := vulnRecord{line: lines[cv.BOMRef]}
		v := &rec.v
		v.ID = cv.ID
		v.Summary = cv.Description
		if cv.References != nil {
			for _, r := range *cv.References {
				if r.ID != "" && r.ID != v.ID && !slices.Contains(v.Aliases, r.ID) {
					v.Aliases = append(v.Aliases, r.ID)
				}
			}
		}
		var rs []rating
		if cv.Ratings != nil {
			for _, r := range *cv.Ratings {
				cvss := isCVSS(r.Method, r.Vector)
				x := rating{severity: string(r.Severity), vector: r.Vector, cvss: cvss, scored: r.Score != nil}
				if r.Score != nil {
					x.score = *r.Score
				}
				rs = append(rs, x)
			}
		}
		v.Rating, v.Score, v.CVSS = rate(rs)
		if cv.Advisories != nil {
			for _, a := range *cv.Advisories {
				if a.URL != "" {
					v.References = append(v.References, a.URL)
				}
			}
		}
		v.Published = parseTime(cv.Published)
		v.Modified = parseTime(cv.Updated)
		if cv.Properties != nil {
			for _, p := range *cv.Properties {
				switch p.Name {
				case propFixed:
					v.Fixed = append(v.Fixed, p.Value)
				case propUpgradeTo:
					v.UpgradeTo = p.Value
				case propPath:
					rec.paths = append(rec.paths, p.Value)
				}
			}
		}
		v.Ignored = suppression(cv)
		if cv.Affects != nil {
			for _, a := range *cv.Affects {
				if a.Ref != "" {
					rec.refs = append(rec.refs, a.Ref)
				}
			}
		}
		out = append(out, rec)
	}
	return out
}

func ensure(s *model.Suppression) *model.Suppression {
	if s == nil {
		return &model.Suppression{}
	}
	return s
}

// suppression reads a CycloneDX analysis that says the finding does not
// apply (not_affected, false_positive, resolved) back into a Suppression;
// other states (exploitable, in_triage) suppress nothing.
func suppression(cv *cdx.Vulnerability) *model.Suppression {
	a := cv.Analysis
	if a == nil {
		return nil
	}
	s := &model.Suppression{Reason: a.Detail, Justification: string(a.Justification)}
	switch a.State {
	case cdx.IASNotAffected, cdx.IASFalsePositive:
		s.Status = "not_affected"
	case cdx.IASResolved, cdx.IASResolvedWithPedigree:
		s.Status = "fixed"
	default:
		return nil
	}
	if cv.Properties != nil {
		for _, p := range *cv.Properties {
			switch p.Name {
			case propSuppressedBy:
				s.Source = p.Value
			case propExpires:
				s.Expires = p.Value
			case propJustification:
				s.Justification = p.Value
			case propSuppression:
				if p.Value == "policy" {
					s.Status = "" // an ignore of the policy file, not a VEX status
				}
			}
		}
	}
	if s.Reason == "" {
		s.Reason = strings.ReplaceAll(string(a.Justification), "_", " ")
	}
	if s.Reason == "" {
		s.Reason = "CycloneDX analysis: " + string(a.State)
	}
	return s
}

// rating is one rating of a vulnerability, whatever the format.
type rating struct {
	severity string
	score    float64
	scored   bool
	vector   string
	cvss     bool
}

// rate sums up ratings: the rating is the worst severity stated, the score
// the highest CVSS score, the vectors those of the CVSS ratings. When no
// severity is stated the CVSS score gives it.
func rate(rs []rating) (model.Rating, float64, []string) {
	worst := model.RatingUnknown
	var score float64
	scored := false
	var vectors []string
	for _, r := range rs {
		if s := severity(r.severity); s.Rank() > worst.Rank() {
			worst = s
		}
		if r.cvss && r.scored && r.score >= 0 && r.score <= 10 && (!scored || r.score > score) {
			score, scored = r.score, true
		}
		if r.cvss && r.vector != "" && !slices.Contains(vectors, r.vector) {
			vectors = append(vectors, r.vector)
		}
	}
	if worst == model.RatingUnknown && scored {
		worst = model.RatingOfScore(score)
	}
	return worst, score, vectors
}

// severity maps a CycloneDX severity onto a rating; "info" is "none".
func severity(s string) model.Rating {
	switch r := model.Rating(strings.ToLower(strings.TrimSpace(s))); r {
	case model.RatingCritical, model.RatingHigh, model.RatingMedium, model.RatingLow, model.RatingNone:
		return r
	case "info":
		return model.RatingNone
	}
	return model.RatingUnknown
}

// isCVSS reports whether a rating is a CVSS one: by its method, or, when
// it has none, by the look of its vector.
func isCVSS(method cdx.ScoringMethod, vector string) bool {
	switch method {
	case cdx.ScoringMethodCVSSv2, cdx.ScoringMethodCVSSv3, cdx.ScoringMethodCVSSv31, cdx.ScoringMethodCVSSv4:
		return true
	case "":
		return strings.HasPrefix(vector, "CVSS:") || strings.HasPrefix(vector, "AV:")
	}
	return false
}

// spdxVulnerability reads the comment of an SPDX SECURITY reference that
// ossaudit wrote for a vulnerability of the element ref.
func spdxVulnerability(comment, ref string, line int) (vulnRecord, bool) {
	rec := vulnRecord{refs: []string{ref}, line: line}
	v := &rec.v
	v.Rating = model.RatingUnknown
	for _, p := range parseComment(comment) {
		switch p.name {
		case propVuln:
			v.ID = p.value
		case propAlias:
			v.Aliases = append(v.Aliases, p.value)
		case propSeverity:
			v.Rating = severity(p.value)
		case propScore:
			if f, err := strconv.ParseFloat(p.value, 64); err == nil && f >= 0 && f <= 10 {
				v.Score = f
			}
		case propCVSS:
			v.CVSS = append(v.CVSS, p.value)
		case propFixed:
			v.Fixed = append(v.Fixed, p.value)
		case propUpgradeTo:
			v.UpgradeTo = p.value
		case propSummary:
			v.Summary = p.value
		case propPublished:
			v.Published = parseTime(p.value)
		case propModified:
			v.Modified = parseTime(p.value)
		case propPath:
			rec.paths = append(rec.paths, p.value)
		case propReference:
			v.References = append(v.References, p.value)
		case "ossaudit:suppressed":
			v.Ignored = ensure(v.Ignored)
			v.Ignored.Reason = p.value
		case "ossaudit:suppressed-status":
			v.Ignored = ensure(v.Ignored)
			v.Ignored.Status = p.value
		case "ossaudit:suppressed-justification":
			v.Ignored = ensure(v.Ignored)
			v.Ignored.Justification = p.value
		case propSuppressedBy:
			v.Ignored = ensure(v.Ignored)
			v.Ignored.Source = p.value
		case propExpires:
			v.Ignored = ensure(v.Ignored)
			v.Ignored.Expires = p.value
		}
	}
	return rec, v.ID != ""
}

// vulnerabilities resolves the records of doc against the packages built:
// one vulnerability per affected package, sorted by package and id.
// ids maps element refs to IDs; packages are the IDs that are packages.
func vulnerabilities(in *extract.Input, res *extract.Result, recs []vulnRecord, ids map[string]string, packages map[string]bool) {
	known := map[string]bool{}
	for _, p := range res.Projects {
		known[p.ID] = true
	}
	for id := range packages {
		known[id] = true
	}
	type key struct{ id, pkg string }
	seen := map[key]bool{}
	for _, rec := range recs {
		// The lists are shared by the packages the record affects, clipped
		// so that appending to one copies it.
		shared := rec.v
		shared.Aliases = slices.Clip(shared.Aliases)
		shared.CVSS = slices.Clip(shared.CVSS)
		shared.Fixed = slices.Clip(shared.Fixed)
		shared.References = slices.Clip(shared.References)
		paths := rec.paths
		if len(paths) > maxPaths {
			res.Warn(in.Path, rec.line, "vulnerability %s lists %d paths; only the first %d are read", rec.v.ID, len(paths), maxPaths)
			paths = paths[:maxPaths]
		}
		for _, p := range paths {
			shared.Paths = append(shared.Paths, splitPath(p, known))
		}
		shared.Paths = slices.Clip(shared.Paths)
		for _, ref := range rec.refs {
			id, ok := ids[ref]
			if link := bomLinkRef(ref); !ok && link != "" {
				id, ok = ids[link]
			}
			if !ok || !packages[id] {
				res.Warn(in.Path, rec.line, "vulnerability %s affects %q, which is not a package the document declares; ignored", rec.v.ID, ref)
				continue
			}
			k := key{rec.v.ID, id}
			if seen[k] {
				continue
			}
			seen[k] = true
			v := shared
			v.Package = id
			res.Vulnerabilities = append(res.Vulnerabilities, v)
		}
	}
	sort.SliceStable(res.Vulnerabilities, func(i, j int) bool {
		a, b := &res.Vulnerabilities[i], &res.Vulnerabilities[j]
		if a.Package != b.Package {
			return a.Package < b.Package
		}
		return a.ID < b.ID
	})
}

// splitPath splits IDs joined by " > ". An ID may itself contain " > "
// (a range such as "> 1"), so pieces are joined back while that makes the
// ID of an element of the document, preferring the longest; at most
// maxIDParts pieces make one ID, which keeps the work linear.
func splitPath(s string, known map[string]bool) []string {
	parts := strings.Split(s, pathSep)
	out := make([]string, 0, len(parts))
	for i := 0; i < len(parts); {
		end := i + 1
		for j := min(len(parts), i+maxIDParts); j > i+1; j-- {
			if known[strings.Join(parts[i:j], pathSep)] {
				end = j
				break
			}
		}
		out = append(out, strings.Join(parts[i:end], pathSep))
		i = end
	}
	return out
}

// bomLinkRef returns the bom-ref of a BOM-Link to an element
// ("urn:cdx:<serial>/<version>#<bom-ref>"), or "".
func bomLinkRef(ref string) string {
	if !strings.HasPrefix(ref, "urn:cdx:") {
		return ""
	}
	i := strings.IndexByte(ref, '#')
	if i < 0 {
		return ""
	}
	return ref[i+1:]
}

func parseTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, strings.TrimSpace(s))
	if err != nil {
		return time.Time{}
	}
	return t.UTC()
}
