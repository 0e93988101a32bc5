package ossjson

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"github.com/ossaudit/ossaudit/internal/render"
	"github.com/ossaudit/ossaudit/internal/testkit"
	"github.com/ossaudit/ossaudit/model"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

func sample() *model.Result {
	return &model.Result{
		SchemaVersion: model.SchemaVersion,
		Tool:          model.Tool{Name: "ossaudit", Version: "test"},
		Target:        "app",
		Projects:      []model.Project{{ID: "project:npm:.", Ecosystem: model.Npm, Name: "app", Version: "1.0.0", Dir: ".", Sources: []string{"package-lock.json"}}},
		Packages: []model.Package{
			{ID: "pkg:npm/%40babel/core@7.0.0", Ecosystem: model.Npm, Name: "@babel/core", Version: "7.0.0", PURL: "pkg:npm/%40babel/core@7.0.0", Scope: model.ScopeDevelopment, Direct: true,
				Locations: []model.Location{{Path: "package-lock.json", Line: 12}, {Path: "package.json", Line: 5, Column: 3}}, Properties: map[string]string{"npm:resolved": "https://registry.example.test/x.tgz"}},
			{ID: "pkg:pypi/requests#>=2", Ecosystem: model.PyPI, Name: "requests", Requirement: ">=2", Unresolved: "a range, not a pin", PURL: "pkg:pypi/requests", Scope: model.ScopeRuntime},
		},
		Edges:       []model.Edge{{From: "project:npm:.", To: "pkg:npm/%40babel/core@7.0.0", Scope: model.ScopeDevelopment}},
		Diagnostics: []model.Diagnostic{{Severity: model.SevError, Location: model.Location{Path: "yarn.lock", Line: 3, Column: 1}, Message: "bad", Extractor: "npm/yarn-lock"}},
		Stats:       model.Stats{FilesWalked: 10, FilesParsed: 2},
	}
}

func TestGoldenAndSchema(t *testing.T) {
	var buf bytes.Buffer
	if err := (renderer{}).Render(&buf, sample(), render.Options{}); err != nil {
		t.Fatal(err)
	}
	ValidateSchema(t, buf.Bytes())
	if bytes.Count(buf.Bytes(), []byte("\n")) != 1 {
		t.Errorf("the output is not one line")
	}
	var pretty bytes.Buffer // the golden file is indented for review
	if err := json.Indent(&pretty, buf.Bytes(), "", "  "); err != nil {
		t.Fatal(err)
	}
	testkit.Golden(t, "sample.json", pretty.Bytes())
}

// ValidateSchema checks doc against docs/json-schema.json.
func ValidateSchema(t *testing.T, doc []byte) {
	t.Helper()
	schemaData, err := os.ReadFile("../../../docs/json-schema.json")
	if err != nil {
		t.Fatal(err)
	}
	schemaDoc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schemaData))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("ossaudit.schema.json", schemaDoc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("ossaudit.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal(doc, &v); err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(v); err != nil {
		t.Errorf("output does not match docs/json-schema.json: %v", err)
	}
}
