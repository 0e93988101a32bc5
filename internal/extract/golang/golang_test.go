package golang

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ossaudit/ossaudit/internal/diag"
	"github.com/ossaudit/ossaudit/internal/extract"
	"github.com/ossaudit/ossaudit/internal/extract/exttest"
	"github.com/ossaudit/ossaudit/model"
)

// summary is what the tests compare: packages with their first location
// and properties, and edges.
type summary struct {
	Packages []string
	Props    map[string]map[string]string
	Lines    map[string][]int
	Edges    []string
	Projects []string
}

func summarise(r *extract.Result) summary {
	s := summary{Packages: exttest.Packages(r), Props: map[string]map[string]string{}, Lines: map[string][]int{}, Edges: exttest.Edges(r)}
	for _, p := range r.Packages {
		label := p.Name + "@" + p.Version
		if len(p.Properties) > 0 {
			s.Props[label] = p.Properties
		}
		for _, l := range p.Locations {
			s.Lines[label] = append(s.Lines[label], l.Line)
		}
	}
	for _, p := range r.Projects {
		s.Projects = append(s.Projects, p.ID+" "+p.Name+" "+p.PURL)
	}
	return s
}

func TestGoMod(t *testing.T) {
	r, err := exttest.Run(t, GoMod{}, "testdata/gomod", "go.mod")
	if err != nil {
		t.Fatal(err)
	}
	exttest.CheckIntegrity(t, r)
	want := summary{
		Packages: []string{
			"example.com/local ./local",
			"github.com/davecgh/go-spew@v1.1.1",
			"github.com/google/uuid@v1.5.0",
			"github.com/pmezard/go-difflib@v1.0.0",
			"github.com/stretchr/testify@v1.9.0",
			"golang.org/x/text@v0.14.0",
			"gopkg.in/yaml.v3@v3.0.1",
			"stdlib@1.22.3",
		},
		Props: map[string]map[string]string{
			"example.com/local@":                   {"go:replaces": "example.com/local@v0.0.0"},
			"github.com/google/uuid@v1.5.0":        {"go:replaces": "github.com/google/uuid@v1.6.0"},
			"github.com/davecgh/go-spew@v1.1.1":    {"go:indirect": "true"},
			"github.com/pmezard/go-difflib@v1.0.0": {"go:indirect": "true"},
			"gopkg.in/yaml.v3@v3.0.1":              {"go:indirect": "true"},
			"stdlib@1.22.3":                        {"go:stdlib": "true"},
		},
		Lines: map[string][]int{
			"example.com/local@":                   {8, 20},
			"github.com/google/uuid@v1.5.0":        {9, 22},
			"github.com/stretchr/testify@v1.9.0":   {10},
			"golang.org/x/text@v0.14.0":            {11},
			"github.com/davecgh/go-spew@v1.1.1":    {15},
			"github.com/pmezard/go-difflib@v1.0.0": {16},
			"gopkg.in/yaml.v3@v3.0.1":              {17},
			"stdlib@1.22.3":                        {5},
		},
		Edges: []string{
			"project:. -> example.com/local@",
			"project:. -> github.com/davecgh/go-spew@v1.1.1",
			"project:. -> github.com/google/uuid@v1.5.0",
			"project:. -> github.com/pmezard/go-difflib@v1.0.0",
			"project:. -> github.com/stretchr/testify@v1.9.0",
			"project:. -> golang.org/x/text@v0.14.0",
			"project:. -> gopkg.in/yaml.v3@v3.0.1",
			"project:. -> stdlib@1.22.3",
		},
		Projects: []string{"project:Go:. example.com/demo pkg:golang/example.com/demo"},
	}
	if d := cmp.Diff(want, summarise(r)); d != "" {
		t.Errorf("go.mod (-want +got):\n%s", d)
	}
	local := pkgByID(r, "pkg:golang/example.com/local#./local")
	if local == nil || local.Unresolved == "" || local.PURL != "pkg:golang/example.com/local" {
		t.Errorf("local replacement: %+v", local)
	}
}

func TestGoModSmall(t *testing.T) {
	tests := []struct {
		name, content string
		want          summary
	}{
		{
			name:    "go line, upper-case path, no toolchain",
			content: "module example.com/Small\n\ngo 1.21\n\nrequire github.com/BurntSushi/toml v1.3.2\n\nrequire golang.org/x/sys v0.1.0 // indirect\n",
			want: summary{
				Packages: []string{"github.com/BurntSushi/toml@v1.3.2", "golang.org/x/sys@v0.1.0", "stdlib >=1.21"},
				Props: map[string]map[string]string{
					"golang.org/x/sys@v0.1.0": {"go:indirect": "true"},
					"stdlib@":                 {"go:stdlib": "true"},
				},
				Lines: map[string][]int{"github.com/BurntSushi/toml@v1.3.2": {5}, "golang.org/x/sys@v0.1.0": {7}, "stdlib@": {3}},
				Edges: []string{
					"project:sub -> github.com/BurntSushi/toml@v1.3.2",
					"project:sub -> golang.org/x/sys@v0.1.0",
					"project:sub -> stdlib@",
				},
				Projects: []string{"project:Go:sub example.com/Small pkg:golang/example.com/Small"},
			},
		},
		{
			name:    "versioned replace that does not apply, exclude",
			content: "module m\n\nrequire a.example/x v1.0.0\n\nreplace a.example/x v0.9.0 => b.example/x v2.0.0\n\nexclude a.example/x v0.8.0\n",
			want: summary{
				Packages: []string{"a.example/x@v1.0.0"},
				Props:    map[string]map[string]string{},
				Lines:    map[string][]int{"a.example/x@v1.0.0": {3}},
				Edges:    []string{"project:sub -> a.example/x@v1.0.0"},
				Projects: []string{"project:Go:sub m pkg:golang/m"},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := exttest.RunFiles(t, GoMod{}, map[string]string{"sub/go.mod": tc.content}, "sub/go.mod")
			if err != nil {
				t.Fatal(err)
			}
			exttest.CheckIntegrity(t, r)
			if d := cmp.Diff(tc.want, summarise(r)); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
		})
	}
	r, _ := exttest.RunFiles(t, GoMod{}, map[string]string{"go.mod": "module x/Y\nrequire github.com/A/B v1.0.0\n"}, "go.mod")
	if p := pkgByID(r, "pkg:golang/github.com/A/B@v1.0.0"); p == nil || p.NormalizedName != "github.com/a/b" {
		t.Errorf("normalized name: %+v", p)
	}
}

func TestGoModBad(t *testing.T) {
	tests := []struct {
		name, content string
		line, col     int
	}{
		{"unterminated block", "module m\n\nrequire (\n\ta.example/x v1.0.0\n", 5, 1},
		{"bad version", "module m\nrequire a.example/x 1.0\n", 2, 1},
		{"binary", "\x00\x01\x02module", 1, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := exttest.RunFiles(t, GoMod{}, map[string]string{"go.mod": tc.content}, "go.mod")
			d := diag.Diagnostic(model.SevError, "go.mod", "", err)
			if err == nil || d.Location.Path != "go.mod" || d.Location.Line != tc.line || d.Location.Column != tc.col {
				t.Errorf("got %v at %+v, want go.mod:%d:%d", err, d.Location, tc.line, tc.col)
			}
		})
	}
}

func TestGoModUnknownDirective(t *testing.T) {
	content := "module m\n\nrequire a.example/x v1.0.0\n\nfrobnicate x\n\nreplace a.example/x => b.example/x v1.1.0\n"
	r, err := exttest.RunFiles(t, GoMod{}, map[string]string{"go.mod": content}, "go.mod")
	if err != nil {
		t.Fatal(err)
	}
	exttest.CheckIntegrity(t, r)
	if d := cmp.Diff([]string{"a.example/x@v1.0.0"}, exttest.Packages(r)); d != "" {
		t.Errorf("packages (-want +got):\n%s", d)
	}
	var got []string
	for _, d := range r.Diagnostics {
		got = append(got, d.String())
	}
	want := []string{
		"go.mod:5:1: error: parsing go.mod: unknown directive: frobnicate",
		"go.mod: warning: go.mod read leniently: replace directives were not applied",
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("diagnostics (-want +got):\n%s", d)
	}
}

func TestVendorModules(t *testing.T) {
	e := VendorModules{}
	for p, want := range map[string]bool{"vendor/modules.txt": true, "a/vendor/modules.txt": true, "modules.txt": false, "a/xvendor/modules.txt": false} {
		if got := e.Match(p); got != want {
			t.Errorf("Match(%q) = %v", p, got)
		}
	}
	r, err := exttest.Run(t, e, "testdata/gomod", "vendor/modules.txt")
	if err != nil {
		t.Fatal(err)
	}
	exttest.CheckIntegrity(t, r)
	want := summary{
		Packages: []string{
			"example.com/local ./local",
			"github.com/davecgh/go-spew@v1.1.1",
			"github.com/google/uuid@v1.5.0",
			"github.com/pmezard/go-difflib@v1.0.0",
			"github.com/stretchr/testify@v1.9.0",
			"golang.org/x/text@v0.14.0",
			"gopkg.in/yaml.v3@v3.0.1",
		},
		Props: map[string]map[string]string{
			"example.com/local@":            {"go:replaces": "example.com/local@v0.0.0"},
			"github.com/google/uuid@v1.5.0": {"go:replaces": "github.com/google/uuid@v1.6.0"},
		},
		Lines: map[string][]int{
			"example.com/local@":                   {1},
			"github.com/davecgh/go-spew@v1.1.1":    {4},
			"github.com/google/uuid@v1.5.0":        {7},
			"github.com/pmezard/go-difflib@v1.0.0": {10},
			"github.com/stretchr/testify@v1.9.0":   {13},
			"golang.org/x/text@v0.14.0":            {16},
			"gopkg.in/yaml.v3@v3.0.1":              {26},
		},
		Edges: []string{
			"project:. -> example.com/local@",
			"project:. -> github.com/davecgh/go-spew@v1.1.1",
			"project:. -> github.com/google/uuid@v1.5.0",
			"project:. -> github.com/pmezard/go-difflib@v1.0.0",
			"project:. -> github.com/stretchr/testify@v1.9.0",
			"project:. -> golang.org/x/text@v0.14.0",
			"project:. -> gopkg.in/yaml.v3@v3.0.1",
		},
		// Same ID as the go.mod project, so the two merge.
		Projects: []string{"project:Go:. example.com/demo pkg:golang/example.com/demo"},
	}
	if d := cmp.Diff(want, summarise(r)); d != "" {
		t.Errorf("modules.txt (-want +got):\n%s", d)
	}
}

func TestVendorModulesOld(t *testing.T) {
	// Before Go 1.17 only direct requirements were marked explicit.
	content := "# a.example/x v1.0.0\n## explicit\na.example/x\n# b.example/y v0.2.0\nb.example/y/z\n# c.example/bad\n"
	r, err := exttest.RunFiles(t, VendorModules{}, map[string]string{"svc/vendor/modules.txt": content}, "svc/vendor/modules.txt")
	if err != nil {
		t.Fatal(err)
	}
	exttest.CheckIntegrity(t, r)
	want := summary{
		Packages: []string{"a.example/x@v1.0.0", "b.example/y@v0.2.0"},
		Props:    map[string]map[string]string{"b.example/y@v0.2.0": {"go:indirect": "true"}},
		Lines:    map[string][]int{"a.example/x@v1.0.0": {1}, "b.example/y@v0.2.0": {4}},
		Edges:    []string{"project:svc -> a.example/x@v1.0.0", "project:svc -> b.example/y@v0.2.0"},
		Projects: []string{"project:Go:svc  "},
	}
	if d := cmp.Diff(want, summarise(r)); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	if len(r.Diagnostics) != 1 || r.Diagnostics[0].Location.Line != 6 || r.Diagnostics[0].Severity != model.SevError {
		t.Errorf("diagnostics: %+v", r.Diagnostics)
	}
	if _, err := exttest.RunFiles(t, VendorModules{}, map[string]string{"vendor/modules.txt": "\x00\xff\xfe"}, "vendor/modules.txt"); err == nil {
		t.Error("binary modules.txt: no error")
	}
}

func TestBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a Go binary")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/tiny\n\ngo 1.21\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "main.go"), []byte("package main\n\nfunc main() {}\n"), 0o644)
	os.MkdirAll(filepath.Join(dir, "out", "bin"), 0o755)
	cmd := exec.Command(gobin, "build", "-o", filepath.Join("out", "bin", "tiny"), ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOPROXY=off", "GOFLAGS=-buildvcs=false", "GOTOOLCHAIN=local", "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	e := Binary{}
	if e.Match("out/bin/tiny") {
		t.Error("binary extractor matches by name")
	}
	r, err := exttest.Run(t, e, filepath.Join(dir, "out"), "bin/tiny")
	if err != nil {
		t.Fatal(err)
	}
	exttest.CheckIntegrity(t, r)
	out, err := exec.Command(gobin, "env", "GOVERSION").Output()
	if err != nil {
		t.Fatal(err)
	}
	goVersion := strings.TrimPrefix(strings.Fields(string(out))[0], "go")
	want := summary{
		Packages: []string{"stdlib@" + goVersion},
		Props:    map[string]map[string]string{"stdlib@" + goVersion: {"go:stdlib": "true"}},
		Lines:    map[string][]int{"stdlib@" + goVersion: {0}},
		Edges:    []string{"project:bin -> stdlib@" + goVersion},
		Projects: []string{"project:Go:bin#tiny example.com/tiny pkg:golang/example.com/tiny"},
	}
	if d := cmp.Diff(want, summarise(r)); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

func TestBinaryBad(t *testing.T) {
	for _, name := range []string{"truncated-elf", "fake-pe"} {
		data, _ := os.ReadFile(filepath.Join("testdata/binary", name))
		if !(Binary{}).Sniff(data) {
			t.Errorf("%s: not sniffed", name)
		}
		_, err := exttest.Run(t, Binary{}, "testdata/binary", name)
		if err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%s: error %v does not name the file", name, err)
		}
	}
	for _, h := range []string{"", "#!/bin/sh\n", "PK\x03\x04", "{}"} {
		if (Binary{}).Sniff([]byte(h)) {
			t.Errorf("Sniff(%q) = true", h)
		}
	}
}

func TestBuildInfoMapping(t *testing.T) {
	bi := &debug.BuildInfo{
		GoVersion: "go1.22.3 X:nocoverageredesign",
		Main:      debug.Module{Path: "example.com/cmd", Version: "v1.2.0"},
		Deps: []*debug.Module{
			{Path: "github.com/A/b", Version: "v1.0.0", Sum: "h1:aaa="},
			{Path: "example.com/old", Version: "v0.1.0", Replace: &debug.Module{Path: "example.com/new", Version: "v0.2.0", Sum: "h1:bbb="}},
			{Path: "example.com/local", Version: "v0.0.0", Replace: &debug.Module{Path: "../local"}},
			nil,
		},
	}
	r := buildInfoResult("dist/cmd.exe", bi)
	exttest.CheckIntegrity(t, r)
	want := summary{
		Packages: []string{"example.com/local ../local", "example.com/new@v0.2.0", "github.com/A/b@v1.0.0", "stdlib@1.22.3"},
		Props: map[string]map[string]string{
			"example.com/local@":     {"go:replaces": "example.com/local@v0.0.0"},
			"example.com/new@v0.2.0": {"go:replaces": "example.com/old@v0.1.0", "go:sum": "h1:bbb="},
			"github.com/A/b@v1.0.0":  {"go:sum": "h1:aaa="},
			"stdlib@1.22.3":          {"go:stdlib": "true"},
		},
		Lines: map[string][]int{"example.com/local@": {0}, "example.com/new@v0.2.0": {0}, "github.com/A/b@v1.0.0": {0}, "stdlib@1.22.3": {0}},
		Edges: []string{
			"project:dist -> example.com/local@",
			"project:dist -> example.com/new@v0.2.0",
			"project:dist -> github.com/A/b@v1.0.0",
			"project:dist -> stdlib@1.22.3",
		},
		Projects: []string{"project:Go:dist#cmd.exe example.com/cmd pkg:golang/example.com/cmd@v1.2.0"},
	}
	if d := cmp.Diff(want, summarise(r)); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

// corpusDir returns the shared corpus folder, skipping when it is absent.
func corpusDir(t *testing.T) string {
	dir := filepath.Join("..", "..", "..", "..", "shared", "corpus")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("corpus absent")
	}
	return dir
}

// countRequires counts the module lines of require statements, the
// independent count the corpus test compares with.
func countRequires(t *testing.T, file string) int {
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n, block := 0, false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		switch {
		case l == "require (":
			block = true
		case block && l == ")":
			block = false
		case block && l != "" && !strings.HasPrefix(l, "//"):
			n++
		case strings.HasPrefix(l, "require ") && !strings.HasSuffix(l, "("):
			n++
		}
	}
	return n
}

func TestCorpus(t *testing.T) {
	dir := corpusDir(t)
	for _, rel := range []string{"argo-cd/go.mod", "argo-cd/gitops-engine/go.mod", "argo-cd/hack/get-previous-release/go.mod", "wallabag/doc/go.mod"} {
		t.Run(rel, func(t *testing.T) {
			if _, err := os.Stat(filepath.Join(dir, rel)); err != nil {
				t.Skip("absent")
			}
			r, err := exttest.Run(t, GoMod{}, dir, rel)
			if err != nil {
				t.Fatal(err)
			}
			exttest.CheckIntegrity(t, r)
			want := countRequires(t, filepath.Join(dir, rel)) + 1 // + stdlib
			if len(r.Packages) != want || len(r.Edges) != want {
				t.Errorf("%d packages, %d edges, want %d", len(r.Packages), len(r.Edges), want)
			}
			if len(r.Diagnostics) != 0 {
				t.Errorf("diagnostics: %v", r.Diagnostics)
			}
		})
	}
	r, err := exttest.Run(t, GoMod{}, dir, "argo-cd/go.mod")
	if err != nil {
		t.Skip(err)
	}
	var local *model.Package
	for i, p := range r.Packages {
		if p.Name == "github.com/argoproj/argo-cd/gitops-engine/v3" {
			local = &r.Packages[i]
		}
	}
	if local == nil || local.Requirement != "./gitops-engine" || local.Version != "" {
		t.Errorf("gitops-engine replacement: %+v", local)
	}
	r, _ = exttest.Run(t, GoMod{}, dir, "wallabag/doc/go.mod")
	if d := cmp.Diff([]string{"github.com/imfing/hextra@v0.8.3", "stdlib >=1.22.5"}, exttest.Packages(r)); d != "" {
		t.Errorf("wallabag/doc (-want +got):\n%s", d)
	}
}

func FuzzGoMod(f *testing.F) {
	exttest.Fuzz(f, GoMod{}, "go.mod", "testdata/gomod/go.mod")
}

func FuzzVendorModules(f *testing.F) {
	exttest.Fuzz(f, VendorModules{}, "vendor/modules.txt", "testdata/gomod/vendor/modules.txt")
}

func FuzzBinary(f *testing.F) {
	exttest.Fuzz(f, Binary{}, "bin/app", "testdata/binary/truncated-elf", "testdata/binary/fake-pe")
}

// pkgByID returns the package of r with the given ID, or nil.
func pkgByID(r *extract.Result, id string) *model.Package {
	for i := range r.Packages {
		if r.Packages[i].ID == id {
			return &r.Packages[i]
		}
	}
	return nil
}

func TestBinaryInMemory(t *testing.T) {
	// The test binary itself is a Go binary; read it from an in-memory tree.
	exe, err := os.Executable()
	if err != nil {
		t.Skip(err)
	}
	data, err := os.ReadFile(exe)
	if err != nil || !(Binary{}).Sniff(data) {
		t.Skip("test binary unreadable")
	}
	r, err := exttest.RunFiles(t, Binary{}, map[string]string{"bin/x": string(data)}, "bin/x")
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Projects) != 1 || r.Projects[0].ID != "project:Go:bin#x" || r.Projects[0].Name != "github.com/ossaudit/ossaudit/internal/extract/golang.test" && r.Projects[0].Name != "github.com/ossaudit/ossaudit" {
		t.Errorf("projects: %+v", r.Projects)
	}
}

func TestBinaryNotGo(t *testing.T) {
	// A well-formed executable that Go did not build yields nothing, and
	// no error.
	data, err := os.ReadFile("/bin/true")
	if err != nil || !bytes.HasPrefix(data, []byte("\x7fELF")) {
		t.Skip("no /bin/true ELF executable here")
	}
	r, err := exttest.RunFiles(t, Binary{}, map[string]string{"true": string(data)}, "true")
	if err != nil || len(r.Projects) != 0 || len(r.Packages) != 0 {
		t.Errorf("got %+v, %v; want an empty result", r, err)
	}
}
