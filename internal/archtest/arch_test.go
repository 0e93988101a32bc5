package archtest

import (
	"fmt"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/ossaudit/ossaudit"

// stage ranks: a package may import only packages of a lower rank, plus the
// exceptions in allowedSameStage.
var stages = []struct {
	prefix string
	rank   int
}{
	{"model", 0},
	{"version", 0},
	{"internal/diag", 1},
	{"internal/discover", 2},
	{"internal/extract", 3},
	{"internal/resolve", 4},
	{"internal/enrich", 5},
	{"internal/policy", 6},
	{"internal/render", 7},
	{"internal/pipeline", 8},
	{"scan", 9},
	{"cmd", 10},
}

func rankOf(rel string) (int, string) {
	best, bestPrefix := -1, ""
	for _, s := range stages {
		if (rel == s.prefix || strings.HasPrefix(rel, s.prefix+"/")) && len(s.prefix) > len(bestPrefix) {
			best, bestPrefix = s.rank, s.prefix
		}
	}
	return best, bestPrefix
}

// testOnly packages may be imported only from _test.go files.
var testOnly = map[string]bool{"internal/testkit": true, "internal/extract/exttest": true, "internal/extract/sbom/sbomtest": true}

// registries may import their siblings (the packages they list).
var registries = map[string]bool{"internal/extract/extractors": true, "internal/render/renderers": true}

func repoRoot(t *testing.T) string {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Join(wd, "..", "..")
}

type file struct {
	pkg     string // relative package path
	path    string
	test    bool
	imports []string
}

func parseAll(t *testing.T) []file {
	root := repoRoot(t)
	var files []file
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") && p != root || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if d.IsDir() && p != root {
			if _, err := os.Stat(filepath.Join(p, "go.mod")); err == nil {
				return filepath.SkipDir // another module (examples, fixtures)
			}
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, filepath.Dir(p))
		fl := file{pkg: filepath.ToSlash(rel), path: p, test: strings.HasSuffix(p, "_test.go")}
		for _, im := range f.Imports {
			s, _ := strconv.Unquote(im.Path.Value)
			fl.imports = append(fl.imports, s)
		}
		files = append(files, fl)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 10 {
		t.Fatalf("found only %d Go files under %s", len(files), root)
	}
	return files
}

func TestStagesImportOnlyEarlierStages(t *testing.T) {
	for _, msg := range check(parseAll(t)) {
		t.Error(msg)
	}
}

// check returns a message for every import that breaks the one-way flow.
func check(files []file) []string {
	var errs []string
	for _, f := range files {
		from, fromPrefix := rankOf(f.pkg)
		if from < 0 && !strings.HasPrefix(f.pkg, "internal/archtest") && !strings.HasPrefix(f.pkg, "internal/testkit") && !strings.HasPrefix(f.pkg, "bench") {
			errs = append(errs, fmt.Sprintf("%s: package %s belongs to no stage; add it to the stage list in arch_test.go and DESIGN", f.path, f.pkg))
			continue
		}
		for _, im := range f.imports {
			if !strings.HasPrefix(im, module+"/") {
				if (f.pkg == "model" || f.pkg == "version") && !f.test && strings.Contains(strings.SplitN(im, "/", 2)[0], ".") {
					errs = append(errs, fmt.Sprintf("%s: %s must import only the standard library, not %s", f.path, f.pkg, im))
				}
				continue
			}
			dep := strings.TrimPrefix(im, module+"/")
			if testOnly[dep] {
				if !f.test && !testOnly[f.pkg] {
					errs = append(errs, fmt.Sprintf("%s imports test-only package %s outside a _test.go file", f.path, dep))
				}
				continue
			}
			if f.test || from < 0 {
				continue // tests may reach across stages (e.g. round trips)
			}
			to, toPrefix := rankOf(dep)
			switch {
			case to < from:
				// an earlier stage: fine
			case to == from && fromPrefix == toPrefix:
				// Within a stage: a sub-package may import its stage's root
				// package (the contract); siblings never import each other,
				// except the registry that lists them.
				if dep != toPrefix && !registries[f.pkg] && !strings.HasPrefix(dep, f.pkg+"/") && !strings.HasPrefix(f.pkg, dep+"/") {
					errs = append(errs, fmt.Sprintf("%s: %s imports its sibling %s; ecosystems and formats must stay independent", f.path, f.pkg, dep))
				}
			default:
				errs = append(errs, fmt.Sprintf("%s: %s (stage %s) imports %s (a later stage, %s); data flows one way: source → discover → extract → resolve → enrich → evaluate → render", f.path, f.pkg, fromPrefix, dep, toPrefix))
			}
		}
	}
	return errs
}

func TestCheckCatchesViolations(t *testing.T) {
	m := module + "/"
	tests := []struct {
		name  string
		f     file
		fails bool
	}{
		{"extract imports render", file{pkg: "internal/extract/npm", imports: []string{m + "internal/render"}}, true},
		{"ecosystem imports sibling", file{pkg: "internal/extract/npm", imports: []string{m + "internal/extract/golang"}}, true},
		{"model imports a module", file{pkg: "model", imports: []string{"github.com/x/y"}}, true},
		{"discover imports extract", file{pkg: "internal/discover", imports: []string{m + "internal/extract"}}, true},
		{"production code imports testkit", file{pkg: "internal/render/table", imports: []string{m + "internal/testkit"}}, true},
		{"unknown package", file{pkg: "internal/misc", imports: nil}, true},
		{"sub-package imports its ecosystem", file{pkg: "internal/extract/sbom/sbomtest", imports: []string{m + "internal/extract/sbom", m + "internal/extract/exttest"}}, false},
		{"test helper imports a later stage", file{pkg: "internal/extract/sbom/sbomtest", imports: []string{m + "internal/render"}}, true},
		{"ecosystem imports contract", file{pkg: "internal/extract/npm", imports: []string{m + "internal/extract", m + "model", m + "internal/diag"}}, false},
		{"registry imports formats", file{pkg: "internal/render/renderers", imports: []string{m + "internal/render/table"}}, false},
		{"pipeline imports resolve", file{pkg: "internal/pipeline", imports: []string{m + "internal/resolve"}}, false},
		{"test reaches across", file{pkg: "internal/extract/sbom", test: true, imports: []string{m + "internal/render/cyclonedx", m + "internal/testkit"}}, false},
	}
	for _, tt := range tests {
		if got := len(check([]file{tt.f})) > 0; got != tt.fails {
			t.Errorf("%s: check fails = %v, want %v", tt.name, got, tt.fails)
		}
	}
}

func TestRankOf(t *testing.T) {
	for pkg, want := range map[string]string{
		"internal/extract/npm":        "internal/extract",
		"internal/render/cyclonedx":   "internal/render",
		"internal/enrich/osv":         "internal/enrich",
		"model":                       "model",
		"cmd/ossaudit":                "cmd",
		"internal/extract/extractors": "internal/extract",
	} {
		if _, got := rankOf(pkg); got != want {
			t.Errorf("rankOf(%s) = %s, want %s", pkg, got, want)
		}
	}
	if _, got := rankOf("internal/extractfoo"); got != "" {
		t.Errorf("prefix match must be on whole path elements, got %q", got)
	}
}
