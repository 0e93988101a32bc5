package scan

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/ossaudit/ossaudit/internal/render"
	"github.com/ossaudit/ossaudit/internal/render/renderers"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// TestJSONOutputMatchesItsSchema validates ossaudit's own JSON for the
// example and every corpus project against docs/json-schema.json.
func TestJSONOutputMatchesItsSchema(t *testing.T) {
	data, err := os.ReadFile("../docs/json-schema.json")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("ossaudit.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("ossaudit.json")
	if err != nil {
		t.Fatal(err)
	}
	targets := []string{"../examples/webshop"}
	if dir, err := filepath.Abs(filepath.Join("..", "..", "shared", "corpus")); err == nil {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if e.IsDir() {
				targets = append(targets, filepath.Join(dir, e.Name()))
			}
		}
	}
	for _, target := range targets {
		res, err := Run(context.Background(), Options{Target: target})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := renderers.ByName("json").Render(&buf, res, render.Options{}); err != nil {
			t.Fatal(err)
		}
		var v any
		if err := json.Unmarshal(buf.Bytes(), &v); err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(v); err != nil {
			t.Errorf("%s: the JSON output does not match docs/json-schema.json: %v", filepath.Base(target), err)
		}
	}
}
