package nuget

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ossaudit/ossaudit/internal/extract/exttest"
	"github.com/ossaudit/ossaudit/model"
)

func TestMatch(t *testing.T) {
	for p, want := range map[string]bool{
		"packages.lock.json":              true,
		"src/App/packages.lock.json":      true,
		"src/packages.App.lock.json":      true,
		"packages..lock.json":             false,
		"packages.json":                   false,
		"src/package-lock.json":           false,
		"src/packages.lock.json.orig":     false,
		"packages.lock.json/readme.md":    false,
		"src/App/obj/project.assets.json": false,
	} {
		if got := (PackagesLock{}).Match(p); got != want {
			t.Errorf("Match(%q) = %v, want %v", p, got, want)
		}
	}
}

func TestPackagesLock(t *testing.T) {
	tests := []struct {
		name, file  string
		project     model.Project
		packages    []string
		edges       []string
		direct      []string
		diagnostics []string
	}{
		{
			name: "v1 with two frameworks, a runtime section and a project reference",
			file: "v1/packages.lock.json",
			project: model.Project{ID: "project:NuGet:v1", Ecosystem: model.NuGet, Name: "App", Dir: "v1",
				Sources: []string{"v1/packages.lock.json"}},
			packages: []string{
				"Newtonsoft.Json@13.0.3",
				"Serilog.Sinks.Console@5.0.0",
				"Serilog@3.1.0",
				"Serilog@3.1.1",
				"System.Text.Encodings.Web@8.0.0",
				"System.Text.Json [8.0.0, )",
				"System.Text.Json@8.0.0",
				"lib project",
			},
			edges: []string{
				"Serilog.Sinks.Console@5.0.0 -> Serilog@3.1.0",
				"Serilog.Sinks.Console@5.0.0 -> Serilog@3.1.1",
				"System.Text.Json@8.0.0 -> System.Text.Encodings.Web@8.0.0",
				"lib@ -> Newtonsoft.Json@13.0.3",
				"lib@ -> System.Text.Json@",
				"lib@ -> System.Text.Json@8.0.0",
				"project:v1 -> Newtonsoft.Json@13.0.3",
				"project:v1 -> Serilog.Sinks.Console@5.0.0",
				"project:v1 -> lib@",
			},
			direct: []string{"Newtonsoft.Json@13.0.3", "Serilog.Sinks.Console@5.0.0", "lib@"},
			// net6.0's lib lists System.Text.Json, which net6.0 does not resolve.
			diagnostics: []string{"v1/packages.lock.json:29: warning: lib depends on System.Text.Json [8.0.0, ), which framework net6.0 does not list"},
		},
		{
			name: "v2 with central package management",
			file: "v2/packages.lock.json",
			project: model.Project{ID: "project:NuGet:v2", Ecosystem: model.NuGet, Dir: "v2",
				Sources: []string{"v2/packages.lock.json"}},
			packages: []string{
				"Microsoft.Extensions.DependencyInjection.Abstractions@8.0.1",
				"Microsoft.Extensions.DependencyInjection@8.0.0",
				"Microsoft.Extensions.Logging.Abstractions@8.0.0",
				"Microsoft.Extensions.Logging@8.0.0",
				"shared.core project",
			},
			edges: []string{
				"Microsoft.Extensions.DependencyInjection@8.0.0 -> Microsoft.Extensions.DependencyInjection.Abstractions@8.0.1",
				"Microsoft.Extensions.Logging.Abstractions@8.0.0 -> Microsoft.Extensions.DependencyInjection.Abstractions@8.0.1",
				"Microsoft.Extensions.Logging@8.0.0 -> Microsoft.Extensions.DependencyInjection@8.0.0",
				"Microsoft.Extensions.Logging@8.0.0 -> Microsoft.Extensions.Logging.Abstractions@8.0.0",
				"project:v2 -> Microsoft.Extensions.Logging@8.0.0",
				"project:v2 -> shared.core@",
				"shared.core@ -> Microsoft.Extensions.Logging.Abstractions@8.0.0",
			},
			direct: []string{"Microsoft.Extensions.Logging@8.0.0", "shared.core@"},
		},
		{
			name: "named lockfile with an entry lacking a version",
			file: "named/packages.Tool.lock.json",
			project: model.Project{ID: "project:NuGet:named", Ecosystem: model.NuGet, Name: "Tool", Dir: "named",
				Sources: []string{"named/packages.Tool.lock.json"}},
			packages: []string{"Dapper@2.1.35", "Ghost *", "Phantom [1.0.0, )"},
			edges:    []string{"Ghost@ -> Phantom@", "project:named -> Dapper@2.1.35"},
			direct:   []string{"Dapper@2.1.35"},
			diagnostics: []string{
				"named/packages.Tool.lock.json:11: warning: Ghost in framework .NETFramework,Version=v4.8 has no resolved version",
				"named/packages.Tool.lock.json:14: warning: Ghost depends on Phantom [1.0.0, ), which framework .NETFramework,Version=v4.8 does not list",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := exttest.Run(t, PackagesLock{}, "testdata", tt.file)
			if err != nil {
				t.Fatal(err)
			}
			exttest.CheckIntegrity(t, r)
			if diff := cmp.Diff([]model.Project{tt.project}, r.Projects); diff != "" {
				t.Errorf("projects (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.packages, exttest.Packages(r)); diff != "" {
				t.Errorf("packages (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.edges, exttest.Edges(r)); diff != "" {
				t.Errorf("edges (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.direct, exttest.Direct(r)); diff != "" {
				t.Errorf("direct (-want +got):\n%s", diff)
			}
			var diags []string
			for _, d := range r.Diagnostics {
				diags = append(diags, d.String())
			}
			if diff := cmp.Diff(tt.diagnostics, diags); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
		})
	}
}

// TestPackageDetails checks merging across frameworks: locations, IDs,
// normalized names and properties.
func TestPackageDetails(t *testing.T) {
	r, err := exttest.Run(t, PackagesLock{}, "testdata", "v1/packages.lock.json")
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]model.Package{}
	for _, p := range r.Packages {
		byID[p.ID] = p
	}
	want := []model.Package{
		{
			ID: "pkg:nuget/Newtonsoft.Json@13.0.3", Ecosystem: model.NuGet, Name: "Newtonsoft.Json",
			NormalizedName: "newtonsoft.json", Version: "13.0.3", PURL: "pkg:nuget/Newtonsoft.Json@13.0.3",
			Locations: []model.Location{{Path: "v1/packages.lock.json", Line: 5}, {Path: "v1/packages.lock.json", Line: 34}},
			Properties: map[string]string{
				"nuget:frameworks":  "net6.0,net8.0",
				"nuget:requested":   "[13.0.3, )",
				"nuget:contentHash": "HrC5BXdl00IP9zeV+0Z848QWPAoCr9P3bDEZguI+gkLcBKAOxix/tLEAAHC+UvDNPv4a2d18lOReHMOagPa+zQ==",
			},
		},
		{
			ID: "pkg:nuget/lib#project", Ecosystem: model.NuGet, Name: "lib", Requirement: "project",
			Unresolved: "project reference: built from source in this tree", PURL: "pkg:nuget/lib",
			Locations:  []model.Location{{Path: "v1/packages.lock.json", Line: 25}, {Path: "v1/packages.lock.json", Line: 67}},
			Properties: map[string]string{"nuget:frameworks": "net6.0,net8.0", "nuget:type": "Project"},
		},
		{
			ID: "pkg:nuget/System.Text.Encodings.Web@8.0.0", Ecosystem: model.NuGet, Name: "System.Text.Encodings.Web",
			NormalizedName: "system.text.encodings.web", Version: "8.0.0", PURL: "pkg:nuget/System.Text.Encodings.Web@8.0.0",
			Locations: []model.Location{{Path: "v1/packages.lock.json", Line: 62}, {Path: "v1/packages.lock.json", Line: 76}},
			Properties: map[string]string{
				"nuget:frameworks":  "net8.0,net8.0/linux-x64",
				"nuget:contentHash": "yev/k9GHAEGx2Rg3/tU6MQh4HGBXJs70y7j1LaM1i/ER9po+6nnQ6RRqTJn1E7Xu0fbIFK80Nh5EoODxrbxwBQ==",
			},
		},
	}
	for _, w := range want {
		if diff := cmp.Diff(w, byID[w.ID]); diff != "" {
			t.Errorf("%s (-want +got):\n%s", w.ID, diff)
		}
	}
	if got := byID["pkg:nuget/Microsoft.Extensions.DependencyInjection.Abstractions@8.0.1"]; got.ID != "" {
		t.Errorf("unexpected package %s", got.ID)
	}
}

func TestCentralTransitiveProperties(t *testing.T) {
	r, err := exttest.Run(t, PackagesLock{}, "testdata", "v2/packages.lock.json")
	if err != nil {
		t.Fatal(err)
	}
	p := r.Packages[0]
	for _, q := range r.Packages {
		if q.Name == "Microsoft.Extensions.DependencyInjection.Abstractions" {
			p = q
		}
	}
	want := map[string]string{
		"nuget:type":        "CentralTransitive",
		"nuget:requested":   "[8.0.1, )",
		"nuget:frameworks":  "net8.0",
		"nuget:contentHash": "fGLiCRLMYd00JYpClraLjJTNKLmMJPnqxMaiRzEBIIvevlzxz33mXy39Lkd48hu1G+N21S7QpaO5ZzKsI6FRuA==",
	}
	if diff := cmp.Diff(want, p.Properties); diff != "" {
		t.Errorf("properties (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]model.Location{{Path: "v2/packages.lock.json", Line: 23}}, p.Locations); diff != "" {
		t.Errorf("locations (-want +got):\n%s", diff)
	}
}

func TestBadInput(t *testing.T) {
	exttest.BadInput(t, PackagesLock{}, "packages.lock.json", []exttest.BadCase{
		{Name: "truncated", Content: "{\n  \"version\": 1,\n  \"dependencies\": {\n    \"net8.0\": {", Want: "packages.lock.json:4:"},
		{Name: "binary", Content: "\x00\x01\x02PK\x03\x04", Want: "packages.lock.json:1:1"},
		{Name: "empty", Content: "", Want: "packages.lock.json"},
		{Name: "wrong type", Content: "{\n  \"version\": 1,\n  \"dependencies\": [1, 2]\n}", Want: "packages.lock.json:3:"},
		{Name: "too deep", Content: `{"x":` + strings.Repeat("[", 100) + strings.Repeat("]", 100) + "}", Want: "packages.lock.json:1:"},
	})
}

func TestUnknownVersion(t *testing.T) {
	r, err := exttest.RunFiles(t, PackagesLock{}, map[string]string{"packages.lock.json": "{\n  \"version\": 7,\n  \"dependencies\": {}\n}\n"}, "packages.lock.json")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"packages.lock.json:2: warning: packages.lock.json version 7 is not one this reader knows (1 or 2); reading it as version 2"}
	var got []string
	for _, d := range r.Diagnostics {
		got = append(got, d.String())
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
	if len(r.Projects) != 1 || len(r.Packages) != 0 {
		t.Errorf("got %d projects and %d packages, want 1 and 0", len(r.Projects), len(r.Packages))
	}
}

func FuzzPackagesLock(f *testing.F) {
	exttest.Fuzz(f, PackagesLock{}, "packages.lock.json",
		"testdata/v1/packages.lock.json", "testdata/v2/packages.lock.json", "testdata/named/packages.Tool.lock.json")
}
