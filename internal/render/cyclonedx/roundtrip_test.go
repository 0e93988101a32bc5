package cyclonedx

import (
	"bytes"
	"context"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/ossaudit/ossaudit/internal/extract"
	"github.com/ossaudit/ossaudit/internal/extract/exttest"
	"github.com/ossaudit/ossaudit/internal/extract/sbom"
	"github.com/ossaudit/ossaudit/internal/extract/sbom/sbomtest"
	"github.com/ossaudit/ossaudit/internal/render"
	"github.com/ossaudit/ossaudit/model"
)

// readers names, for each renderer, the sbom extractor that reads its
// output and a file name it matches.
var readers = map[string]struct{ extractor, file string }{
	"cyclonedx-json": {"sbom/cyclonedx-json", "out/acme.cdx.json"},
	"cyclonedx-xml":  {"sbom/cyclonedx-xml", "out/acme.cdx.xml"},
}

// readBack reads data, the output of the named renderer, with the sbom
// extractors.
func readBack(t *testing.T, renderer string, data []byte) *extract.Result {
	t.Helper()
	rd := readers[renderer]
	var ex extract.Extractor
	for _, e := range sbom.Extractors() {
		if e.Name() == rd.extractor {
			ex = e
		}
	}
	if ex == nil {
		t.Fatalf("no extractor %s", rd.extractor)
	}
	if !ex.Match(rd.file) {
		t.Errorf("%s does not match %s", rd.extractor, rd.file)
	}
	if s, ok := ex.(extract.Sniffer); !ok || !s.Sniff(data[:min(len(data), 4096)]) {
		t.Errorf("%s does not sniff the output of %s", rd.extractor, renderer)
	}
	fsys := fstest.MapFS{rd.file: {Data: data}}
	got, err := ex.Extract(context.Background(), &extract.Input{FS: fsys, Path: rd.file})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Diagnostics) > 0 {
		t.Errorf("diagnostics: %v", got.Diagnostics)
	}
	exttest.CheckIntegrity(t, got)
	return got
}

// TestRoundTrip renders the fixture, reads it back with the sbom extractors
// and expects the same projects, packages (IDs, names, versions, scopes,
// direct flags, locations, properties) and edges (with scopes).
func TestRoundTrip(t *testing.T) {
	for _, x := range Renderers() {
		t.Run(x.Name(), func(t *testing.T) {
			got := readBack(t, x.Name(), renderFixture(t, x.Name()))
			want := sbomtest.Fixture()
			if diff := cmp.Diff(want.Projects, got.Projects); diff != "" {
				t.Errorf("projects differ (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(want.Packages, got.Packages); diff != "" {
				t.Errorf("packages differ (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(want.Edges, got.Edges); diff != "" {
				t.Errorf("edges differ (-want +got):\n%s", diff)
			}
		})
	}
}

// TestRoundTripAwkwardValues sends values through that need escaping.
func TestRoundTripAwkwardValues(t *testing.T) {
	r := sbomtest.Fixture()
	p := r.Package("pkg:npm/lodash@4.17.21")
	p.Properties = map[string]string{
		"npm:note":   "two\nlines\r\nand a \\ backslash </text> <b>&amp;</b> = ü",
		"npm:spaces": "  padded  ",
		"npm:a=b":    "key with an equals sign",
		"npm:empty":  "",
	}
	p.Locations = append(p.Locations, model.Location{Path: "dir with space/ünï.json", Line: 1})
	model.SortLocations(p.Locations)
	for _, x := range Renderers() {
		t.Run(x.Name(), func(t *testing.T) {
			var buf bytes.Buffer
			if err := x.Render(&buf, r, render.Options{}); err != nil {
				t.Fatal(err)
			}
			got := readBack(t, x.Name(), buf.Bytes())
			if diff := cmp.Diff(r.Packages, got.Packages); diff != "" {
				t.Errorf("packages differ (-want +got):\n%s", diff)
			}
		})
	}
}
