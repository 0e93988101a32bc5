package model

import "time"

// Rating is the severity of a vulnerability, from its CVSS base score.
type Rating string

// Ratings, from the worst. RatingUnknown means no score was published (or
// none could be computed): it is not "none".
const (
	RatingCritical Rating = "critical"
	RatingHigh     Rating = "high"
	RatingMedium   Rating = "medium"
	RatingLow      Rating = "low"
	RatingNone     Rating = "none"
	RatingUnknown  Rating = "unknown"
)

// Rank orders ratings: unknown < none < low < medium < high < critical.
func (r Rating) Rank() int {
	switch r {
	case RatingNone:
		return 1
	case RatingLow:
		return 2
	case RatingMedium:
		return 3
	case RatingHigh:
		return 4
	case RatingCritical:
		return 5
	}
	return 0
}

// RatingOfScore maps a CVSS base score to its qualitative rating: the
// bands of CVSS v3.1 and v4.0 (section 5), which NVD also applies to v2
// scores.
func RatingOfScore(score float64) Rating {
	switch {
	case score >= 9.0:
		return RatingCritical
	case score >= 7.0:
		return RatingHigh
	case score >= 4.0:
		return RatingMedium
	case score > 0:
		return RatingLow
	}
	return RatingNone
}

// RatingsWorstFirst lists every rating from critical down to unknown, the
// order in which summaries count them.
func RatingsWorstFirst() []Rating {
	return []Rating{RatingCritical, RatingHigh, RatingMedium, RatingLow, RatingNone, RatingUnknown}
}

// Vulnerability is one advisory affecting one package. Advisories that are
// aliases of each other (a GHSA, a PYSEC and a CVE for the same flaw) are
// one Vulnerability: ID is one of them, Aliases the rest.
type Vulnerability struct {
	ID      string   `json:"id"`
	Aliases []string `json:"aliases,omitempty"`
	// Package is the ID of the affected package.
	Package string `json:"package"`
	Summary string `json:"summary,omitempty"`
	Rating  Rating `json:"severity"`
	// Score is the highest CVSS base score of the advisories, when known.
	Score float64 `json:"score,omitempty"`
	// CVSS are the advisories' CVSS vectors.
	CVSS []string `json:"cvss,omitempty"`
	// Fixed are the versions that fix it for the installed version.
	Fixed []string `json:"fixed,omitempty"`
	// UpgradeTo is the smallest of the fixed versions known for the package
	// that clears all of the package's vulnerabilities; empty when none does.
	UpgradeTo string `json:"upgrade_to,omitempty"`
	// Paths are the shortest dependency paths (IDs, from a project) to the
	// package, at most a few.
	Paths [][]string `json:"paths,omitempty"`
	// Ignored is set when the policy accepts this vulnerability; it stays
	// in the results, with the reason, and no gate counts it.
	Ignored    *Suppression `json:"ignored,omitempty"`
	Published  time.Time    `json:"published,omitzero"`
	Modified   time.Time    `json:"modified,omitzero"`
	References []string     `json:"references,omitempty"`
}

// AdvisoryData describes the advisory database a scan consulted.
type AdvisoryData struct {
	Path    string `json:"path"`
	Records int    `json:"records"`
	// Newest is the latest "modified" time of its advisories: how current
	// the data is.
	Newest     time.Time `json:"newest,omitzero"`
	ImportedAt time.Time `json:"imported_at,omitzero"`
}

// Suppression says why a finding does not count: an ignore entry of the
// policy file, or a VEX statement.
type Suppression struct {
	Reason string `json:"reason"`
	// Status is the VEX status that suppressed it ("not_affected",
	// "fixed"); empty for a policy-file ignore.
	Status string `json:"status,omitempty"`
	// Justification is the VEX justification, when one was given.
	Justification string `json:"justification,omitempty"`
	// Expires is the date from which the suppression no longer applies.
	Expires string `json:"expires,omitempty"`
	// Source is where it was decided (".ossaudit.yaml:12").
	Source string `json:"source,omitempty"`
}
