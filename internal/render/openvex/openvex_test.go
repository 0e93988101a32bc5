package openvex

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/ossaudit/ossaudit/internal/render"
	"github.com/ossaudit/ossaudit/internal/testkit"
	"github.com/ossaudit/ossaudit/model"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

func sample() *model.Result {
	return &model.Result{
		Tool:   model.Tool{Name: "ossaudit", Version: "test"},
		Target: "svc",
		Packages: []model.Package{
			{ID: "gin", Name: "github.com/gin-gonic/gin", Version: "v1.5.0", PURL: "pkg:golang/github.com/gin-gonic/gin@v1.5.0"},
			{ID: "py", Name: "py", Version: "1.10.0", PURL: "pkg:pypi/py@1.10.0"},
			{ID: "lp", Name: "left-pad", Version: "1.3.0", PURL: "pkg:npm/left-pad@1.3.0"},
			{ID: "x", Name: "x", Version: "1.0.0", PURL: "pkg:npm/x@1.0.0"},
		},
		Vulnerabilities: []model.Vulnerability{
			{ID: "GO-2020-0001", Aliases: []string{"CVE-2020-36567"}, Package: "gin", UpgradeTo: "v1.6.0"},
			{ID: "PYSEC-2022-42969", Package: "py"},
			{ID: "GHSA-aaaa-bbbb-cccc", Package: "lp", Ignored: &model.Suppression{Reason: "build-time only", Source: ".ossaudit.yaml:3"}},
			{ID: "GHSA-dddd-eeee-ffff", Package: "x", Ignored: &model.Suppression{Reason: "vulnerable code not in execute path", Status: "not_affected", Justification: "vulnerable_code_not_in_execute_path", Source: "a.json#statement-1"}},
		},
	}
}

func TestGoldenAndSchema(t *testing.T) {
	for name, r := range map[string]*model.Result{"sample.openvex.json": sample(), "empty.openvex.json": {Tool: model.Tool{Name: "ossaudit", Version: "test"}}} {
		var buf bytes.Buffer
		if err := (renderer{}).Render(&buf, r, render.Options{Time: time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)}); err != nil {
			t.Fatal(err)
		}
		testkit.Golden(t, name, buf.Bytes())
		if name == "sample.openvex.json" {
			validate(t, buf.Bytes())
		}
	}
}

func validate(t *testing.T, doc []byte) {
	t.Helper()
	data, err := os.ReadFile("testdata/schemas/openvex.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	s, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("openvex.json", s); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("openvex.json")
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal(doc, &v); err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(v); err != nil {
		t.Errorf("not valid OpenVEX: %v", err)
	}
}
