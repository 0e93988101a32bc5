package renderers

import (
	"go/parser"
	"go/token"
	"os"
	"strconv"
	"strings"
	"testing"
)

func TestEveryFormatIsListed(t *testing.T) {
	entries, err := os.ReadDir("..")
	if err != nil {
		t.Fatal(err)
	}
	f, err := parser.ParseFile(token.NewFileSet(), "renderers.go", nil, parser.ImportsOnly)
	if err != nil {
		t.Fatal(err)
	}
	imported := map[string]bool{}
	for _, im := range f.Imports {
		s, _ := strconv.Unquote(im.Path.Value)
		imported[s[strings.LastIndex(s, "/")+1:]] = true
	}
	for _, e := range entries {
		if e.IsDir() && e.Name() != "renderers" && e.Name() != "testdata" && !imported[e.Name()] {
			t.Errorf("internal/render/%s is not in the list in renderers.go", e.Name())
		}
	}
	seen := map[string]bool{}
	for _, r := range All() {
		if seen[r.Name()] || r.Description() == "" {
			t.Errorf("renderer %q is listed twice or has no description", r.Name())
		}
		seen[r.Name()] = true
		if ByName(r.Name()) == nil {
			t.Errorf("ByName(%q) = nil", r.Name())
		}
	}
}
