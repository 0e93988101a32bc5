package model

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSortDedupesLocations(t *testing.T) {
	r := &Result{Packages: []Package{
		{ID: "b", Locations: []Location{{Path: "b.txt", Line: 2}, {Path: "a.txt", Line: 9}, {Path: "b.txt", Line: 2}}},
		{ID: "a"},
	}, Vulnerabilities: []Vulnerability{{ID: "B", Package: "b"}, {ID: "A", Package: "b"}, {ID: "Z", Package: "a"}}}
	r.Sort()
	var vs []string
	for _, v := range r.Vulnerabilities {
		vs = append(vs, v.Package+"/"+v.ID)
	}
	if diff := cmp.Diff([]string{"a/Z", "b/A", "b/B"}, vs); diff != "" {
		t.Errorf("vulnerabilities not sorted by package and id (-want +got):\n%s", diff)
	}
	if r.Packages[0].ID != "a" {
		t.Errorf("packages not sorted by ID: %v", r.Packages)
	}
	want := []Location{{Path: "a.txt", Line: 9}, {Path: "b.txt", Line: 2}}
	if diff := cmp.Diff(want, r.Packages[1].Locations); diff != "" {
		t.Errorf("locations (-want +got):\n%s", diff)
	}
}

func TestScopeOrder(t *testing.T) {
	order := []Scope{ScopeRuntime, ScopeOptional, ScopePeer, ScopeDevelopment, ScopeTest, ScopeUnknown}
	for i := range order {
		for j := range order {
			if got := order[i].Stronger(order[j]); got != (i < j) {
				t.Errorf("%q.Stronger(%q) = %v", order[i], order[j], got)
			}
		}
	}
}

func TestRatingOfScore(t *testing.T) {
	for score, want := range map[float64]Rating{0: RatingNone, 0.1: RatingLow, 3.9: RatingLow, 4.0: RatingMedium, 6.9: RatingMedium, 7.0: RatingHigh, 8.9: RatingHigh, 9.0: RatingCritical, 10: RatingCritical} {
		if got := RatingOfScore(score); got != want {
			t.Errorf("RatingOfScore(%v) = %s, want %s", score, got, want)
		}
	}
	ratings := RatingsWorstFirst()
	for i := 1; i < len(ratings); i++ {
		if ratings[i-1].Rank() <= ratings[i].Rank() {
			t.Errorf("%s listed before %s but does not rank above it", ratings[i-1], ratings[i])
		}
	}
}
