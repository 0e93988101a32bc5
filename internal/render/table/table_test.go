package table

import (
	"bytes"
	"testing"

	"github.com/ossaudit/ossaudit/internal/render"
	"github.com/ossaudit/ossaudit/internal/testkit"
	"github.com/ossaudit/ossaudit/model"
)

func TestGolden(t *testing.T) {
	r := &model.Result{
		Projects: []model.Project{{ID: "p", Dir: "."}},
		Packages: []model.Package{
			{ID: "b", Ecosystem: model.Npm, Name: "zod", Version: "3.0.0", Scope: model.ScopeRuntime, Direct: true, Locations: []model.Location{{Path: "package-lock.json", Line: 9}, {Path: "package.json", Line: 4}}},
			{ID: "a", Ecosystem: model.Go, Name: "golang.org/x/mod", Version: "v0.20.0", Scope: model.ScopeRuntime, Locations: []model.Location{{Path: "go.mod", Line: 5}}},
			{ID: "c", Ecosystem: model.PyPI, Name: "requests", Requirement: ">=2", Direct: true},
		},
		Stats: model.Stats{FilesWalked: 7, FilesParsed: 3},
		Vulnerabilities: []model.Vulnerability{
			{ID: "GO-2024-0001", Package: "a", Rating: model.RatingUnknown, Paths: [][]string{{"p", "a"}}},
			{ID: "GHSA-xxxx-yyyy-zzzz", Package: "b", Rating: model.RatingHigh, Score: 7.5, UpgradeTo: "3.0.1", Paths: [][]string{{"p", "b"}}},
		},
	}
	for _, tc := range []struct {
		name  string
		color bool
	}{{"plain.txt", false}, {"color.txt", true}} {
		var buf bytes.Buffer
		if err := (renderer{}).Render(&buf, r, render.Options{Color: tc.color}); err != nil {
			t.Fatal(err)
		}
		testkit.Golden(t, tc.name, buf.Bytes())
	}
}
