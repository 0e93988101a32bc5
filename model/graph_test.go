package model

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestPaths(t *testing.T) {
	r := &Result{
		Projects: []Project{{ID: "P"}, {ID: "Q"}},
		Edges: []Edge{
			{From: "P", To: "a"}, {From: "P", To: "b"}, {From: "a", To: "c"},
			{From: "b", To: "a"}, {From: "c", To: "a"}, // cycle a <-> c
			{From: "Q", To: "c"},
		},
	}
	g := NewGraph(r)
	got, trunc := g.Paths("c", 0)
	want := [][]string{{"Q", "c"}, {"P", "a", "c"}, {"P", "b", "a", "c"}}
	if diff := cmp.Diff(want, got); diff != "" || trunc {
		t.Errorf("Paths(c) (-want +got), truncated=%v:\n%s", trunc, diff)
	}
	got, trunc = g.Paths("c", 1)
	if len(got) != 1 || !trunc {
		t.Errorf("limit 1: got %v truncated=%v", got, trunc)
	}
	if got, _ := g.Paths("zzz", 0); len(got) != 0 {
		t.Errorf("unknown node: %v", got)
	}
}
