package cyclonedx

import (
	"bytes"
	"testing"

	"github.com/ossaudit/ossaudit/internal/extract/sbom/sbomtest"
	"github.com/ossaudit/ossaudit/internal/render"
	"github.com/ossaudit/ossaudit/model"
)

// readers names, for each renderer, the sbom extractor that reads its output.
var readers = map[string]sbomtest.Reader{
	"cyclonedx-json": {Extractor: "sbom/cyclonedx-json", File: "out/acme.cdx.json"},
	"cyclonedx-xml":  {Extractor: "sbom/cyclonedx-xml", File: "out/acme.cdx.xml"},
}

// TestRoundTrip renders the fixture, and the fixture with values that need
// escaping, and reads them back with the sbom extractors.
func TestRoundTrip(t *testing.T) {
	for _, x := range Renderers() {
		render := func(r *model.Result) ([]byte, error) {
			var buf bytes.Buffer
			err := x.Render(&buf, r, render.Options{})
			return buf.Bytes(), err
		}
		t.Run(x.Name(), func(t *testing.T) {
			sbomtest.RoundTrip(t, sbomtest.Fixture(), render, readers[x.Name()])
		})
		t.Run(x.Name()+"/awkward", func(t *testing.T) {
			sbomtest.RoundTrip(t, sbomtest.AwkwardFixture(), render, readers[x.Name()])
		})
	}
}
