package model

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSortDedupesLocations(t *testing.T) {
	r := &Result{Packages: []Package{
		{ID: "b", Locations: []Location{{Path: "b.txt", Line: 2}, {Path: "a.txt", Line: 9}, {Path: "b.txt", Line: 2}}},
		{ID: "a"},
	}}
	r.Sort()
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
