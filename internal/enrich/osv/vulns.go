package osv

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/ossaudit/ossaudit/model"
	"github.com/ossaudit/ossaudit/version"
)

// maxPaths is how many dependency paths a vulnerability carries.
const maxPaths = 5

// Vulnerabilities matches r's packages against the database and returns
// one model.Vulnerability per flaw per package: advisories of one package
// that name each other (by id or alias) are merged, the severity is the
// highest CVSS base score among them, Fixed lists the versions that fix the
// installed one, UpgradeTo the smallest known fixed version that clears all
// of the package's advisories, and Paths the shortest ways the package is
// pulled in. The result is sorted by package and id.
func (db *DB) Vulnerabilities(r *model.Result) ([]model.Vulnerability, []model.Diagnostic) {
	findings, diags := db.Match(r.Packages)
	byPkg := map[string][]Finding{}
	var order []string
	for _, f := range findings {
		if _, ok := byPkg[f.PackageID]; !ok {
			order = append(order, f.PackageID)
		}
		byPkg[f.PackageID] = append(byPkg[f.PackageID], f)
	}
	sort.Strings(order)
	g := model.NewGraph(r)
	var out []model.Vulnerability
	for _, id := range order {
		p := r.Package(id)
		if p == nil {
			continue
		}
		vs := merge(id, byPkg[id], db.fallbackRating)
		upgrade, d := db.upgrade(p, vs)
		diags = append(diags, d...)
		paths, _ := g.Paths(id, maxPaths)
		for i := range vs {
			vs[i].UpgradeTo = upgrade
			vs[i].Paths = paths
		}
		out = append(out, vs...)
	}
	return out, diags
}

// merge groups the findings of one package whose advisories name each other
// and turns each group into a vulnerability.
func merge(pkgID string, fs []Finding, fallback func(ids []string) (model.Rating, float64)) []model.Vulnerability {
	// union-find over findings, joined by shared ids
	parent := make([]int, len(fs))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	owner := map[string]int{}
	for i, f := range fs {
		for _, name := range append([]string{f.Advisory.ID}, f.Advisory.Aliases...) {
			if j, ok := owner[name]; ok {
				parent[find(i)] = find(j)
			} else {
				owner[name] = i
			}
		}
	}
	groups := map[int][]Finding{}
	var roots []int
	for i := range fs {
		r := find(i)
		if _, ok := groups[r]; !ok {
			roots = append(roots, r)
		}
		groups[r] = append(groups[r], fs[i])
	}
	var out []model.Vulnerability
	for _, r := range roots {
		out = append(out, vulnerability(pkgID, groups[r], fallback))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// vulnerability builds one vulnerability from advisories that are aliases.
func vulnerability(pkgID string, group []Finding, fallback func(ids []string) (model.Rating, float64)) model.Vulnerability {
	ids := map[string]bool{}
	aliases := map[string]bool{}
	for _, f := range group {
		ids[f.Advisory.ID] = true
		for _, a := range f.Advisory.Aliases {
			aliases[a] = true
		}
	}
	var recordIDs []string
	for id := range ids {
		recordIDs = append(recordIDs, id)
	}
	primary := preferredID(recordIDs)
	v := model.Vulnerability{ID: primary, Package: pkgID, Rating: model.RatingUnknown}
	for id := range ids {
		aliases[id] = true
	}
	delete(aliases, primary)
	for a := range aliases {
		v.Aliases = append(v.Aliases, a)
	}
	sort.Strings(v.Aliases)
	seenVec, seenFix, seenRef := map[string]bool{}, map[string]bool{}, map[string]bool{}
	scored := false
	for _, f := range group {
		a := f.Advisory
		if a.ID == primary || v.Summary == "" {
			if a.Summary != "" && (a.ID == primary || v.Summary == "") {
				v.Summary = a.Summary
			}
		}
		if v.Published.IsZero() || (!a.Published.IsZero() && a.Published.Before(v.Published)) {
			v.Published = a.Published
		}
		if a.Modified.After(v.Modified) {
			v.Modified = a.Modified
		}
		for _, s := range a.Severity {
			if !strings.HasPrefix(s.Type, "CVSS_") || seenVec[s.Score] {
				continue
			}
			seenVec[s.Score] = true
			v.CVSS = append(v.CVSS, s.Score)
			if score, ok := BaseScore(s.Score); ok && (!scored || score > v.Score) {
				v.Score, scored = score, true
			}
		}
		for _, x := range f.Fixed {
			if x != "" && !seenFix[x] {
				seenFix[x] = true
				v.Fixed = append(v.Fixed, x)
			}
		}
		for _, r := range a.References {
			if r.Type == "ADVISORY" && !seenRef[r.URL] {
				seenRef[r.URL] = true
				v.References = append(v.References, r.URL)
			}
		}
	}
	if scored {
		v.Rating = model.RatingOfScore(v.Score)
	} else if fallback != nil {
		v.Rating, v.Score = fallback(recordIDs)
	}
	sort.Strings(v.CVSS)
	sort.Strings(v.References)
	return v
}

// fallbackRating reads the severity some databases publish outside the
// OSV severity field, for advisories without a CVSS vector: a numeric CVSS
// score in database_specific (cvss_v4, cvss_v3, cvss_v2, as the Ruby
// advisory database does) or a textual severity (LOW, MODERATE, HIGH,
// CRITICAL, as GitHub's does), in database_specific or in an affected
// entry's ecosystem_specific. It returns RatingUnknown when there is none.
func (db *DB) fallbackRating(ids []string) (model.Rating, float64) {
	best, bestScore := model.RatingUnknown, 0.0
	for _, id := range ids {
		raw, err := db.RawRecord(id)
		if err != nil || raw == nil {
			continue
		}
		var rec struct {
			DatabaseSpecific map[string]any `json:"database_specific"`
			Affected         []struct {
				EcosystemSpecific map[string]any `json:"ecosystem_specific"`
				DatabaseSpecific  map[string]any `json:"database_specific"`
			} `json:"affected"`
		}
		if json.Unmarshal(raw, &rec) != nil {
			continue
		}
		maps := []map[string]any{rec.DatabaseSpecific}
		for _, a := range rec.Affected {
			maps = append(maps, a.EcosystemSpecific, a.DatabaseSpecific)
		}
		for _, m := range maps {
			r, score := ratingFromSpecific(m)
			if r.Rank() > best.Rank() || (r == best && score > bestScore) {
				best, bestScore = r, score
			}
		}
	}
	return best, bestScore
}

func ratingFromSpecific(m map[string]any) (model.Rating, float64) {
	for _, k := range []string{"cvss_v4", "cvss_v3", "cvss_v2"} {
		if f, ok := m[k].(float64); ok && f >= 0 && f <= 10 {
			return model.RatingOfScore(f), f
		}
	}
	if s, ok := m["severity"].(string); ok {
		switch strings.ToUpper(s) {
		case "CRITICAL":
			return model.RatingCritical, 0
		case "HIGH", "IMPORTANT":
			return model.RatingHigh, 0
		case "MODERATE", "MEDIUM":
			return model.RatingMedium, 0
		case "LOW":
			return model.RatingLow, 0
		}
	}
	return model.RatingUnknown, 0
}

// preferredID picks the id a user sees: a GitHub advisory first (most
// widely cross-referenced), then an ecosystem database's own id, then a CVE;
// ties by name.
func preferredID(ids []string) string {
	rank := func(id string) int {
		switch {
		case strings.HasPrefix(id, "GHSA-"):
			return 0
		case strings.HasPrefix(id, "CVE-"):
			return 2
		}
		return 1
	}
	slices.SortFunc(ids, func(a, b string) int {
		if ra, rb := rank(a), rank(b); ra != rb {
			return ra - rb
		}
		return strings.Compare(a, b)
	})
	return ids[0]
}

// upgrade returns the smallest of the package's known fixed versions above
// the installed one at which the database finds nothing, or "" when none.
func (db *DB) upgrade(p *model.Package, vs []model.Vulnerability) (string, []model.Diagnostic) {
	cur, err := version.Parse(string(p.Ecosystem), p.Version)
	if err != nil {
		return "", nil // Match has already said why
	}
	type cand struct {
		s string
		v version.Version
	}
	var cands []cand
	seen := map[string]bool{}
	for _, v := range vs {
		for _, f := range v.Fixed {
			if seen[f] {
				continue
			}
			seen[f] = true
			pv, err := version.Parse(string(p.Ecosystem), f)
			if err != nil || pv.Compare(cur) <= 0 {
				continue
			}
			cands = append(cands, cand{f, pv})
		}
	}
	slices.SortFunc(cands, func(a, b cand) int { return a.v.Compare(b.v) })
	for _, c := range cands {
		probe := *p
		probe.Version = c.s
		found, _ := db.Match([]model.Package{probe})
		if len(found) == 0 {
			if p.Ecosystem == model.Go && strings.HasPrefix(p.Version, "v") && !strings.HasPrefix(c.s, "v") {
				return "v" + c.s, nil // in the spelling go.mod uses
			}
			return c.s, nil
		}
	}
	if len(cands) > 0 {
		return "", []model.Diagnostic{{Severity: model.SevInfo, Location: firstLocation(p),
			Message: fmt.Sprintf("no single known fixed version of %s clears all of its advisories", p.Name)}}
	}
	return "", nil
}

func firstLocation(p *model.Package) model.Location {
	if len(p.Locations) > 0 {
		return p.Locations[0]
	}
	return model.Location{}
}
