package sbom

import (
	"testing"

	"github.com/ossaudit/ossaudit/internal/extract/exttest"
)

// The seeds include the golden outputs of the renderers, which carry every
// ossaudit property and vulnerabilities.

func FuzzCycloneDXJSON(f *testing.F) {
	exttest.Fuzz(f, cdxJSON{}, "bom.cdx.json",
		"testdata/handwritten/app-1.4.cdx.json", "testdata/handwritten/vulns-1.6.cdx.json", "testdata/npm/npm.cdx.json",
		"testdata/bad/truncated.cdx.json", "../../render/cyclonedx/testdata/fixture.cdx.json")
}

func FuzzCycloneDXXML(f *testing.F) {
	exttest.Fuzz(f, cdxXML{}, "bom.cdx.xml",
		"testdata/handwritten/web-1.5.cdx.xml", "testdata/bad/broken.cdx.xml",
		"../../render/cyclonedx/testdata/fixture.cdx.xml")
}

func FuzzSPDXJSON(f *testing.F) {
	exttest.Fuzz(f, spdxJSON{}, "doc.spdx.json",
		"testdata/npm/npm.spdx.json", "testdata/bad/badtype.spdx.json",
		"../../render/spdx/testdata/fixture.spdx.json")
}

func FuzzSPDXTagValue(f *testing.F) {
	exttest.Fuzz(f, spdxTagValue{}, "doc.spdx",
		"testdata/handwritten/tools.spdx", "testdata/bad/unclosed.spdx",
		"../../render/spdx/testdata/fixture.spdx")
}
