package extractors

import (
	"go/parser"
	"go/token"
	"os"
	"strconv"
	"strings"
	"testing"
)

// notEcosystems are folders under internal/extract that hold no extractors.
var notEcosystems = map[string]bool{"exttest": true, "extractors": true, "testdata": true}

func TestEveryEcosystemIsListed(t *testing.T) {
	entries, err := os.ReadDir("..")
	if err != nil {
		t.Fatal(err)
	}
	f, err := parser.ParseFile(token.NewFileSet(), "extractors.go", nil, parser.ImportsOnly)
	if err != nil {
		t.Fatal(err)
	}
	imported := map[string]bool{}
	for _, im := range f.Imports {
		s, _ := strconv.Unquote(im.Path.Value)
		imported[s[strings.LastIndex(s, "/")+1:]] = true
	}
	prefixes := map[string]bool{}
	for _, e := range All() {
		prefixes[strings.SplitN(e.Name(), "/", 2)[0]] = true
	}
	for _, e := range entries {
		if !e.IsDir() || notEcosystems[e.Name()] {
			continue
		}
		if !imported[e.Name()] {
			t.Errorf("internal/extract/%s is not in the list in extractors.go", e.Name())
		}
		if !prefixes[e.Name()] {
			t.Errorf("no extractor is named %s/...; names must start with their package folder", e.Name())
		}
	}
}

func TestNamesAreUniqueAndDescribed(t *testing.T) {
	seen := map[string]bool{}
	for _, e := range All() {
		if seen[e.Name()] {
			t.Errorf("two extractors are named %s", e.Name())
		}
		seen[e.Name()] = true
		if e.Description() == "" || e.Kind() == "" {
			t.Errorf("%s lacks a description or kind", e.Name())
		}
	}
}
