// Package ossjson renders ossaudit's own JSON format: the model.Result as
// it is, with its schema_version. The schema is documented in
// docs/json-schema.json; a test validates the output against it.
package ossjson

import (
	"encoding/json"
	"io"

	"github.com/ossaudit/ossaudit/internal/render"
	"github.com/ossaudit/ossaudit/model"
)

// Renderers returns the JSON renderer.
func Renderers() []render.Renderer { return []render.Renderer{renderer{}} }

type renderer struct{}

func (renderer) Name() string { return "json" }
func (renderer) Description() string {
	return "ossaudit's own JSON: projects, packages, edges and diagnostics (schema in docs/json-schema.json)"
}

// Render writes r as one line of JSON: indenting costs as much as encoding
// on a large result, and programs read it (`jq .` indents it for people).
func (renderer) Render(w io.Writer, r *model.Result, _ render.Options) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}
