package policy

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/ossaudit/ossaudit/model"
)

func TestEvaluate(t *testing.T) {
	r := &model.Result{Vulnerabilities: []model.Vulnerability{
		{ID: "A", Rating: model.RatingCritical}, {ID: "B", Rating: model.RatingHigh},
		{ID: "C", Rating: model.RatingLow}, {ID: "D", Rating: model.RatingUnknown}, {ID: "E", Rating: model.RatingNone},
	}}
	now := time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)
	fresh, stale := now.Add(-48*time.Hour), now.Add(-30*24*time.Hour)
	tests := []struct {
		name   string
		rules  Rules
		newest time.Time
		want   Verdict
	}{
		{"no gates", Rules{}, stale, Verdict{}},
		{"fail on high", Rules{FailOn: model.RatingHigh}, fresh, Verdict{Failed: true,
			Reasons:  []string{"2 vulnerabilities at or above --fail-on high (1 critical, 1 high)"},
			Warnings: []string{"1 vulnerabilities have no known severity and were not held against --fail-on high; use --fail-on unknown to fail on them too"}}},
		{"fail on unknown takes everything", Rules{FailOn: model.RatingUnknown}, fresh, Verdict{Failed: true,
			Reasons: []string{"5 vulnerabilities at or above --fail-on unknown (1 critical, 1 high, 1 low, 1 none, 1 unknown)"}}},
		{"nothing at critical+", Rules{FailOn: model.RatingCritical}, fresh, Verdict{Failed: true,
			Reasons:  []string{"1 vulnerabilities at or above --fail-on critical (1 critical)"},
			Warnings: []string{"1 vulnerabilities have no known severity and were not held against --fail-on critical; use --fail-on unknown to fail on them too"}}},
		{"stale data warns", Rules{MaxDBAge: 7 * 24 * time.Hour}, stale, Verdict{
			Warnings: []string{"the advisory data is 30 days old (newest advisory 2026-10-29), older than --max-db-age 7d; refresh it with 'ossaudit db import' of current zips"}}},
		{"stale data fails", Rules{MaxDBAge: 7 * 24 * time.Hour, FailOnOldDB: true}, stale, Verdict{Failed: true,
			Reasons: []string{"the advisory data is 30 days old (newest advisory 2026-10-29), older than --max-db-age 7d; refresh it with 'ossaudit db import' of current zips"}}},
		{"fresh data", Rules{MaxDBAge: 7 * 24 * time.Hour, FailOnOldDB: true}, fresh, Verdict{}},
		{"no data used", Rules{MaxDBAge: time.Hour, FailOnOldDB: true}, time.Time{}, Verdict{}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, Evaluate(r, tt.rules, tt.newest, now)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
}

func TestParse(t *testing.T) {
	for in, want := range map[string]time.Duration{"7d": 7 * 24 * time.Hour, "2w": 14 * 24 * time.Hour, "36h": 36 * time.Hour} {
		if got, err := ParseAge(in); err != nil || got != want {
			t.Errorf("ParseAge(%q) = %v, %v", in, got, err)
		}
	}
	for _, bad := range []string{"", "0d", "-1d", "7x", "d", "1.5d"} {
		if _, err := ParseAge(bad); err == nil {
			t.Errorf("ParseAge(%q) accepted", bad)
		}
	}
	if r, err := ParseRating("HIGH"); err != nil || r != model.RatingHigh {
		t.Errorf("ParseRating(HIGH) = %v, %v", r, err)
	}
	if _, err := ParseRating("severe"); err == nil {
		t.Error("ParseRating(severe) accepted")
	}
}
