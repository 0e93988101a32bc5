// Package policy owns the evaluate stage: it turns rules and a scan result
// into a Verdict, with a reason for every failure. It is pure — no I/O, no
// printing — so every rule can be tested on a hand-built result.
//
// Today it knows the vulnerability severity gate (--fail-on) and the age of
// the advisory data; the policy file (.ossaudit.yaml) and the other rule
// kinds grow here.
package policy

import (
	"fmt"
	"strings"
	"time"

	"github.com/ossaudit/ossaudit/model"
)

// Rules configure the gates. Zero values turn a gate off.
type Rules struct {
	// FailOn fails the verdict when a vulnerability's rating ranks at or
	// above it (unknown < none < low < medium < high < critical, so
	// "unknown" fails on any vulnerability).
	FailOn model.Rating
	// MaxDBAge is the oldest the newest advisory may be before the data is
	// called stale; FailOnOldDB makes stale data fail the verdict instead
	// of only warning.
	MaxDBAge    time.Duration
	FailOnOldDB bool
}

// Verdict is the outcome of the gates.
type Verdict struct {
	Failed bool
	// Reasons explain each failure, one sentence each.
	Reasons []string
	// Warnings are findings that do not fail the verdict but must be said.
	Warnings []string
}

// ParseRating reads a --fail-on value.
func ParseRating(s string) (model.Rating, error) {
	r := model.Rating(strings.ToLower(s))
	switch r {
	case model.RatingUnknown, model.RatingNone, model.RatingLow, model.RatingMedium, model.RatingHigh, model.RatingCritical:
		return r, nil
	}
	return "", fmt.Errorf("%q is not a severity; use unknown, none, low, medium, high or critical", s)
}

// Evaluate applies rules to r. newestAdvisory is the newest "modified" time
// of the advisory data the scan used (zero when no data was used); now is
// the current time.
func Evaluate(r *model.Result, rules Rules, newestAdvisory, now time.Time) Verdict {
	var v Verdict
	if rules.FailOn != "" {
		counts := map[model.Rating]int{}
		failing, below := 0, 0
		ignored := 0
		for _, x := range r.Vulnerabilities {
			if x.Ignored != nil {
				ignored++
				continue
			}
			if x.Rating.Rank() >= rules.FailOn.Rank() {
				failing++
				counts[x.Rating]++
			} else if x.Rating == model.RatingUnknown {
				below++
			}
		}
		if failing > 0 {
			v.Failed = true
			var parts []string
			for _, rt := range model.RatingsWorstFirst() {
				if counts[rt] > 0 {
					parts = append(parts, fmt.Sprintf("%d %s", counts[rt], rt))
				}
			}
			v.Reasons = append(v.Reasons, fmt.Sprintf("%d vulnerabilities at or above --fail-on %s (%s)", failing, rules.FailOn, strings.Join(parts, ", ")))
		}
		if ignored > 0 {
			v.Warnings = append(v.Warnings, fmt.Sprintf("%d vulnerabilities are ignored by the policy file and were not held against --fail-on %s", ignored, rules.FailOn))
		}
		if below > 0 {
			v.Warnings = append(v.Warnings, fmt.Sprintf("%d vulnerabilities have no known severity and were not held against --fail-on %s; use --fail-on unknown to fail on them too", below, rules.FailOn))
		}
	}
	if rules.MaxDBAge > 0 && !newestAdvisory.IsZero() {
		if age := now.Sub(newestAdvisory); age > rules.MaxDBAge {
			msg := fmt.Sprintf("the advisory data is %d days old (newest advisory %s), older than --max-db-age %s; refresh it with 'ossaudit db import' of current zips",
				int(age.Hours()/24), newestAdvisory.UTC().Format("2006-01-02"), FormatAge(rules.MaxDBAge))
			if rules.FailOnOldDB {
				v.Failed = true
				v.Reasons = append(v.Reasons, msg)
			} else {
				v.Warnings = append(v.Warnings, msg)
			}
		}
	}
	return v
}

// ParseAge reads durations like 7d, 2w, 36h or 90m.
func ParseAge(s string) (time.Duration, error) {
	for suffix, unit := range map[string]time.Duration{"d": 24 * time.Hour, "w": 7 * 24 * time.Hour} {
		if n, ok := strings.CutSuffix(s, suffix); ok {
			var k int
			if _, err := fmt.Sscanf(n, "%d", &k); err != nil || k <= 0 || fmt.Sprint(k) != n {
				return 0, fmt.Errorf("%q is not an age such as 7d, 2w or 36h", s)
			}
			return time.Duration(k) * unit, nil
		}
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("%q is not an age such as 7d, 2w or 36h", s)
	}
	return d, nil
}

// FormatAge writes an age the way ParseAge reads it.
func FormatAge(d time.Duration) string {
	if d%(24*time.Hour) == 0 {
		return fmt.Sprintf("%dd", d/(24*time.Hour))
	}
	return d.String()
}

// ApplyIgnores marks the vulnerabilities the ignore entries accept, as of
// now, and returns a warning for every entry that has expired or matches
// nothing. An entry matches a vulnerability by its id or any alias (case
// does not matter), and, when it names them, by package name and version.
func ApplyIgnores(r *model.Result, ignores []Ignore, now time.Time) []string {
	var warnings []string
	today := now.UTC().Format("2006-01-02")
	for _, ig := range ignores {
		expired := ig.Expires != "" && ig.Expires <= today
		matched := 0
		for i := range r.Vulnerabilities {
			v := &r.Vulnerabilities[i]
			if !ignoreMatches(r, v, ig) {
				continue
			}
			matched++
			if !expired && v.Ignored == nil {
				v.Ignored = &model.Suppression{Reason: ig.Reason, Expires: ig.Expires, Source: ig.Where}
			}
		}
		switch {
		case expired && matched > 0:
			warnings = append(warnings, fmt.Sprintf("%s: the ignore entry for %s expired on %s, so its %d finding(s) count again; renew it with a new date and reason, or fix them", ig.Where, ig.ID, ig.Expires, matched))
		case matched == 0:
			warnings = append(warnings, fmt.Sprintf("%s: the ignore entry for %s matches no finding of this scan; remove it if it is no longer needed", ig.Where, ig.ID))
		}
	}
	return warnings
}

func ignoreMatches(r *model.Result, v *model.Vulnerability, ig Ignore) bool {
	hit := strings.EqualFold(v.ID, ig.ID)
	for _, a := range v.Aliases {
		hit = hit || strings.EqualFold(a, ig.ID)
	}
	if !hit {
		return false
	}
	if ig.Package == "" && ig.Version == "" {
		return true
	}
	p := r.Package(v.Package)
	if p == nil {
		return false
	}
	if ig.Package != "" && !strings.EqualFold(ig.Package, p.Name) && !strings.EqualFold(ig.Package, p.Key()) {
		return false
	}
	return ig.Version == "" || ig.Version == p.Version
}
