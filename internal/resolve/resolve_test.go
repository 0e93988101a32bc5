package resolve

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ossaudit/ossaudit/internal/extract"
	"github.com/ossaudit/ossaudit/model"
)

func pkg(id, name, version string, loc string, line int) model.Package {
	return model.Package{ID: id, Ecosystem: model.Npm, Name: name, Version: version, PURL: id, Locations: []model.Location{{Path: loc, Line: line}}}
}

func TestMerge(t *testing.T) {
	proj := extract.ProjectID(model.Npm, ".", "")
	manifestPkg := pkg("pkg:npm/lodash#^4.17.0", "lodash", "", "package.json", 5)
	manifestPkg.Requirement = "^4.17.0"
	stale := pkg("pkg:npm/gone#^1", "gone", "", "package.json", 6)
	stale.Requirement = "^1"
	manifest := File{Path: "package.json", Kind: extract.KindManifest, Result: &extract.Result{
		Projects: []model.Project{{ID: proj, Ecosystem: model.Npm, Name: "app", Dir: ".", Sources: []string{"package.json"}}},
		Packages: []model.Package{manifestPkg, stale},
		Edges:    []model.Edge{{From: proj, To: manifestPkg.ID}, {From: proj, To: stale.ID}},
	}}
	lock := File{Path: "package-lock.json", Kind: extract.KindLockfile, Result: &extract.Result{
		Projects: []model.Project{{ID: proj, Ecosystem: model.Npm, Version: "1.0.0", Dir: ".", Sources: []string{"package-lock.json"}}},
		Packages: []model.Package{
			pkg("pkg:npm/lodash@4.17.21", "lodash", "4.17.21", "package-lock.json", 10),
			pkg("pkg:npm/jest@29.0.0", "jest", "29.0.0", "package-lock.json", 20),
			pkg("pkg:npm/chalk@4.0.0", "chalk", "4.0.0", "package-lock.json", 30),
			pkg("pkg:npm/a@1.0.0", "a", "1.0.0", "package-lock.json", 40),
			pkg("pkg:npm/b@1.0.0", "b", "1.0.0", "package-lock.json", 50),
		},
		Edges: []model.Edge{
			{From: proj, To: "pkg:npm/lodash@4.17.21"},
			{From: proj, To: "pkg:npm/jest@29.0.0", Scope: model.ScopeDevelopment},
			{From: "pkg:npm/jest@29.0.0", To: "pkg:npm/chalk@4.0.0"},
			{From: "pkg:npm/lodash@4.17.21", To: "pkg:npm/a@1.0.0", Scope: model.ScopeOptional},
			{From: "pkg:npm/a@1.0.0", To: "pkg:npm/b@1.0.0"},
			{From: "pkg:npm/b@1.0.0", To: "pkg:npm/a@1.0.0"}, // cycle
			{From: "pkg:npm/b@1.0.0", To: "pkg:npm/chalk@4.0.0"},
			{From: "pkg:npm/b@1.0.0", To: "pkg:npm/missing@1.0.0"}, // dangling
		},
	}}
	r := Merge([]File{manifest, lock})

	type row struct {
		ID     string
		Scope  model.Scope
		Direct bool
		Locs   int
	}
	var got []row
	for _, p := range r.Packages {
		got = append(got, row{p.ID, p.Scope, p.Direct, len(p.Locations)})
	}
	want := []row{
		{"pkg:npm/a@1.0.0", model.ScopeOptional, false, 1},
		{"pkg:npm/b@1.0.0", model.ScopeOptional, false, 1},
		{"pkg:npm/chalk@4.0.0", model.ScopeOptional, false, 1}, // optional via lodash beats dev via jest
		{"pkg:npm/gone#^1", model.ScopeRuntime, true, 1},
		{"pkg:npm/jest@29.0.0", model.ScopeDevelopment, true, 1},
		{"pkg:npm/lodash@4.17.21", model.ScopeRuntime, true, 2},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("packages (-want +got):\n%s", diff)
	}
	if len(r.Projects) != 1 || r.Projects[0].Name != "app" || r.Projects[0].Version != "1.0.0" ||
		!cmp.Equal(r.Projects[0].Sources, []string{"package-lock.json", "package.json"}) {
		t.Errorf("project not merged: %+v", r.Projects)
	}
	if len(r.Edges) != 8 {
		t.Errorf("edges = %d, want 8 (manifest edge folded, dangling dropped): %v", len(r.Edges), r.Edges)
	}
	if len(r.Diagnostics) != 1 || r.Diagnostics[0].Location.Line != 6 {
		t.Errorf("want one warning about gone at package.json:6, got %v", r.Diagnostics)
	}
}

func TestMergeLinksWorkspaceMembersAndKeepsIndirect(t *testing.T) {
	root := extract.ProjectID(model.Npm, ".", "")
	member := extract.ProjectID(model.Npm, "packages/lib", "")
	dep := pkg("pkg:npm/lib#workspace:*", "lib", "", "package.json", 7)
	dep.Requirement = "workspace:*"
	manifest := File{Path: "package.json", Kind: extract.KindManifest, Result: &extract.Result{
		Projects: []model.Project{{ID: root, Ecosystem: model.Npm, Name: "app", Dir: "."}},
		Packages: []model.Package{dep},
		Edges:    []model.Edge{{From: root, To: dep.ID}},
	}}
	lock := File{Path: "pnpm-lock.yaml", Kind: extract.KindLockfile, Result: &extract.Result{
		Projects: []model.Project{{ID: root, Ecosystem: model.Npm, Dir: "."}, {ID: member, Ecosystem: model.Npm, Name: "lib", Dir: "packages/lib", Workspace: root}},
		Packages: []model.Package{pkg("pkg:npm/ms@2.1.3", "ms", "2.1.3", "pnpm-lock.yaml", 20)},
		Edges:    []model.Edge{{From: member, To: "pkg:npm/ms@2.1.3", Indirect: true}},
	}}
	r := Merge([]File{manifest, lock})
	if len(r.Diagnostics) != 0 {
		t.Errorf("a dependency on a workspace member is not missing from the lockfile: %v", r.Diagnostics)
	}
	if len(r.Packages) != 1 || r.Packages[0].Direct || r.Packages[0].Scope != model.ScopeRuntime {
		t.Errorf("want only ms, not direct (indirect edge), runtime: %+v", r.Packages)
	}
	want := []model.Edge{{From: root, To: member, Scope: model.ScopeRuntime}, {From: member, To: "pkg:npm/ms@2.1.3", Scope: model.ScopeRuntime, Indirect: true}}
	if diff := cmp.Diff(want, r.Edges); diff != "" {
		t.Errorf("edges (-want +got):\n%s", diff)
	}
}
