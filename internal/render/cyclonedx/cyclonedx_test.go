package cyclonedx

import (
	"bytes"
	"encoding/json"
	"io"
	"strings"
	"testing"
	"time"

	cdx "github.com/CycloneDX/cyclonedx-go"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/ossaudit/ossaudit/internal/extract/sbom/sbomtest"
	"github.com/ossaudit/ossaudit/internal/render"
	"github.com/ossaudit/ossaudit/internal/testkit"
	"github.com/ossaudit/ossaudit/model"
)

var fixedTime = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

func renderFixture(t *testing.T, name string) []byte {
	t.Helper()
	for _, r := range Renderers() {
		if r.Name() == name {
			var buf bytes.Buffer
			if err := r.Render(&buf, sbomtest.Fixture(), render.Options{Time: fixedTime}); err != nil {
				t.Fatal(err)
			}
			return buf.Bytes()
		}
	}
	t.Fatalf("no renderer %s", name)
	return nil
}

func TestGolden(t *testing.T) {
	for _, tc := range []struct{ renderer, golden string }{
		{"cyclonedx-json", "fixture.cdx.json"},
		{"cyclonedx-xml", "fixture.cdx.xml"},
	} {
		t.Run(tc.renderer, func(t *testing.T) {
			out := renderFixture(t, tc.renderer)
			if strings.HasSuffix(tc.golden, ".json") {
				// the output is compact; the golden file is indented for review
				var buf bytes.Buffer
				if err := json.Indent(&buf, out, "", "  "); err != nil {
					t.Fatal(err)
				}
				out = buf.Bytes()
			}
			testkit.Golden(t, tc.golden, out)
		})
	}
}

func TestSchema(t *testing.T) {
	sbomtest.ValidateJSON(t, "testdata/schemas", "bom-1.6.schema.json", renderFixture(t, "cyclonedx-json"))
}

// TestXMLMatchesJSON checks the XML output, for which no XSD validator is
// at hand: decoded by cyclonedx-go, it must hold the same BOM as the JSON
// output, which is validated against the schema.
func TestXMLMatchesJSON(t *testing.T) {
	decode := func(name string, format cdx.BOMFileFormat) *cdx.BOM {
		var bom cdx.BOM
		if err := cdx.NewBOMDecoder(bytes.NewReader(renderFixture(t, name)), format).Decode(&bom); err != nil {
			t.Fatalf("decoding %s: %v", name, err)
		}
		bom.SerialNumber = ""
		return &bom
	}
	j, x := decode("cyclonedx-json", cdx.BOMFileFormatJSON), decode("cyclonedx-xml", cdx.BOMFileFormatXML)
	if x.XMLNS != "http://cyclonedx.org/schema/bom/1.6" || x.SpecVersion != cdx.SpecVersion1_6 {
		t.Errorf("XML namespace %q, spec version %v", x.XMLNS, x.SpecVersion)
	}
	if j.Components == nil || len(*j.Components) != 11 {
		t.Fatalf("JSON components: %v", j.Components)
	}
	opt := cmpopts.IgnoreFields(cdx.BOM{}, "XMLName", "XMLNS", "JSONSchema", "BOMFormat", "SpecVersion")
	if diff := cmp.Diff(j, x, opt); diff != "" {
		t.Errorf("XML and JSON outputs differ (-json +xml):\n%s", diff)
	}
}

func TestDependencies(t *testing.T) {
	var bom cdx.BOM
	if err := cdx.NewBOMDecoder(bytes.NewReader(renderFixture(t, "cyclonedx-json")), cdx.BOMFileFormatJSON).Decode(&bom); err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	for _, d := range *bom.Dependencies {
		got[d.Ref] = []string{}
		if d.Dependencies != nil {
			got[d.Ref] = *d.Dependencies
		}
	}
	want := map[string][]string{
		"target:acme":                                       {"project:npm:.", "project:npm:packages/web"},
		"project:npm:.":                                     {"pkg:golang/github.com/BurntSushi/toml@v1.6.0", "pkg:maven/org.apache.commons/commons-lang3@3.14.0", "pkg:npm/%40types/node@20.11.0", "pkg:npm/fsevents@2.3.3", "pkg:pypi/requests#>=2.31, <3"},
		"project:npm:packages/web":                          {"pkg:npm/cycle-a@1.0.0", "pkg:npm/lodash@4.17.21", "pkg:npm/react@18.2.0"},
		"pkg:npm/cycle-a@1.0.0":                             {"pkg:npm/cycle-b@1.0.0"},
		"pkg:npm/cycle-b@1.0.0":                             {"pkg:npm/cycle-a@1.0.0", "pkg:npm/lodash@4.17.21"},
		"pkg:npm/lodash@4.17.21":                            {"pkg:npm/fsevents@2.3.3"},
		"pkg:npm/%40types/node@20.11.0":                     {},
		"pkg:npm/fsevents@2.3.3":                            {},
		"pkg:npm/react@18.2.0":                              {},
		"pkg:golang/github.com/BurntSushi/toml@v1.6.0":      {},
		"pkg:maven/org.apache.commons/commons-lang3@3.14.0": {},
		"pkg:pypi/requests#>=2.31, <3":                      {},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("dependencies (-want +got):\n%s", diff)
	}
	var scopes []string
	for _, c := range *bom.Components {
		scopes = append(scopes, c.BOMRef+" "+string(c.Scope))
	}
	wantScopes := []string{
		"pkg:golang/github.com/BurntSushi/toml@v1.6.0 required",
		"pkg:maven/org.apache.commons/commons-lang3@3.14.0 excluded",
		"pkg:npm/%40types/node@20.11.0 excluded",
		"pkg:npm/cycle-a@1.0.0 required",
		"pkg:npm/cycle-b@1.0.0 required",
		"pkg:npm/fsevents@2.3.3 optional",
		"pkg:npm/lodash@4.17.21 required",
		"pkg:npm/react@18.2.0 required",
		"pkg:pypi/requests#>=2.31, <3 required",
		"project:npm:. ",
		"project:npm:packages/web ",
	}
	if diff := cmp.Diff(wantScopes, scopes); diff != "" {
		t.Errorf("component scopes (-want +got):\n%s", diff)
	}
}

func TestDoesNotModifyResult(t *testing.T) {
	r := sbomtest.Fixture()
	// Unsorted input: the renderer sorts copies.
	r.Packages[0], r.Packages[len(r.Packages)-1] = r.Packages[len(r.Packages)-1], r.Packages[0]
	r.Packages[0].Locations = []model.Location{{Path: "z", Line: 2}, {Path: "a", Line: 1}}
	before := cloneResult(r)
	for _, x := range Renderers() {
		if err := x.Render(io.Discard, r, render.Options{}); err != nil {
			t.Fatal(err)
		}
	}
	if diff := cmp.Diff(before, r); diff != "" {
		t.Errorf("Render modified its input (-before +after):\n%s", diff)
	}
}

func cloneResult(r *model.Result) *model.Result {
	c := *r
	c.Projects = append([]model.Project(nil), r.Projects...)
	c.Packages = nil
	for _, p := range r.Packages {
		p.Locations = append([]model.Location(nil), p.Locations...)
		c.Packages = append(c.Packages, p)
	}
	c.Edges = append([]model.Edge(nil), r.Edges...)
	c.Vulnerabilities = nil
	for _, v := range r.Vulnerabilities {
		v.Paths = append([][]string(nil), v.Paths...)
		v.Fixed = append([]string(nil), v.Fixed...)
		c.Vulnerabilities = append(c.Vulnerabilities, v)
	}
	return &c
}

func TestEmptyResult(t *testing.T) {
	r := &model.Result{Tool: model.Tool{Name: "ossaudit", Version: "dev"}, Target: "."}
	for _, x := range Renderers() {
		var buf bytes.Buffer
		if err := x.Render(&buf, r, render.Options{}); err != nil {
			t.Fatal(err)
		}
		if x.Name() == "cyclonedx-json" {
			sbomtest.ValidateJSON(t, "testdata/schemas", "bom-1.6.schema.json", buf.Bytes())
		}
	}
}

// TestSchemaRejects makes sure the validation is not vacuous: a component
// scope, a rating method and an affected status outside the schema's enums
// must fail.
func TestSchemaRejects(t *testing.T) {
	good := renderFixture(t, "cyclonedx-json")
	for _, tc := range []struct{ from, to string }{
		{`"scope":"excluded"`, `"scope":"dev"`},
		{`"method":"CVSSv31"`, `"method":"CVSS3.1"`},
		{`"status":"affected"`, `"status":"vulnerable"`},
	} {
		doc := bytes.Replace(good, []byte(tc.from), []byte(tc.to), 1)
		if bytes.Equal(doc, good) {
			t.Fatalf("the fixture has no %s to break", tc.from)
		}
		ft := &fakeT{TB: t}
		sbomtest.ValidateJSON(ft, "testdata/schemas", "bom-1.6.schema.json", doc)
		if !ft.failed {
			t.Errorf("%s passed schema validation", tc.to)
		}
	}
}

// fakeT records failures instead of reporting them.
type fakeT struct {
	testing.TB
	failed bool
}

func (f *fakeT) Errorf(string, ...any) { f.failed = true }
func (f *fakeT) Helper()               {}
