// Package renderers holds the one explicit list of output formats. `ossaudit
// help formats` and --format are generated from it, and a test fails when a
// format package under internal/render is missing from it.
package renderers

import (
	"sort"

	"github.com/ossaudit/ossaudit/internal/render"
	"github.com/ossaudit/ossaudit/internal/render/cyclonedx"
	"github.com/ossaudit/ossaudit/internal/render/openvex"
	"github.com/ossaudit/ossaudit/internal/render/ossjson"
	"github.com/ossaudit/ossaudit/internal/render/spdx"
	"github.com/ossaudit/ossaudit/internal/render/table"
)

// All returns every renderer, sorted by name.
func All() []render.Renderer {
	var all []render.Renderer
	for _, list := range [][]render.Renderer{
		cyclonedx.Renderers(),
		ossjson.Renderers(),
		openvex.Renderers(),
		spdx.Renderers(),
		table.Renderers(),
	} {
		all = append(all, list...)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].Name() < all[j].Name() })
	return all
}

// ByName returns the renderer called name, or nil.
func ByName(name string) render.Renderer {
	for _, r := range All() {
		if r.Name() == name {
			return r
		}
	}
	return nil
}
