package scan

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ossaudit/ossaudit/internal/extract/sbom/sbomtest"
	"github.com/ossaudit/ossaudit/internal/render"
	"github.com/ossaudit/ossaudit/internal/render/renderers"
	"github.com/ossaudit/ossaudit/model"
)

type pkgRow struct {
	ID, Name, Version string
	Scope             model.Scope
	Direct            bool
}

func rows(r *model.Result) []pkgRow {
	var out []pkgRow
	for _, p := range r.Packages {
		out = append(out, pkgRow{p.ID, p.Name, p.Version, p.Scope, p.Direct})
	}
	return out
}

// TestSBOMRoundTrip checks that scan → SBOM → scan gives the same packages
// and edges, on the example project and on every real project of the
// corpus, and that every document validates against the official schema.
func TestSBOMRoundTrip(t *testing.T) {
	targets := []string{"../examples/webshop"}
	if dir, err := filepath.Abs(filepath.Join("..", "..", "shared", "corpus")); err == nil {
		if entries, err := os.ReadDir(dir); err == nil {
			for _, e := range entries {
				if e.IsDir() {
					targets = append(targets, filepath.Join(dir, e.Name()))
				}
			}
		}
	}
	formats := []struct{ name, file, schema string }{
		{"cyclonedx-json", "bom.cdx.json", "cyclonedx"},
		{"cyclonedx-xml", "bom.cdx.xml", ""},
		{"spdx-json", "bom.spdx.json", "spdx"},
		{"spdx-tag-value", "bom.spdx", ""},
	}
	for _, target := range targets {
		orig, err := Run(context.Background(), Options{Target: target})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range formats {
			t.Run(filepath.Base(target)+"/"+f.name, func(t *testing.T) {
				var buf bytes.Buffer
				if err := renderers.ByName(f.name).Render(&buf, orig, render.Options{}); err != nil {
					t.Fatal(err)
				}
				switch f.schema {
				case "cyclonedx":
					sbomtest.ValidateJSON(t, "../internal/render/cyclonedx/testdata/schemas", "bom-1.6.schema.json", buf.Bytes())
				case "spdx":
					sbomtest.ValidateJSON(t, "../internal/render/spdx/testdata/schemas", "spdx-2.3.schema.json", buf.Bytes())
				}
				file := filepath.Join(t.TempDir(), f.file)
				if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				back, err := Run(context.Background(), Options{Target: file})
				if err != nil {
					t.Fatal(err)
				}
				for _, d := range back.Diagnostics {
					if d.Severity == model.SevError {
						t.Errorf("reading the SBOM back: %s", d)
					}
				}
				if diff := cmp.Diff(rows(orig), rows(back)); diff != "" {
					t.Errorf("packages differ after the round trip (-scan +sbom):\n%s", diff)
				}
				if diff := cmp.Diff(orig.Edges, back.Edges); diff != "" {
					t.Errorf("edges differ after the round trip (-scan +sbom):\n%s", diff)
				}
			})
		}
	}
}
