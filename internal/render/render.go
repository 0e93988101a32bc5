// Package render owns the contract for output formats: the Renderer
// interface and the options every format gets. Each format lives in its own
// sub-package; the explicit list of formats is in package renderers.
package render

import (
	"io"
	"time"

	"github.com/ossaudit/ossaudit/model"
)

// Renderer writes a scan result in one format.
type Renderer interface {
	// Name is what users pass to --format, e.g. "cyclonedx-json".
	Name() string
	// Description is one line for `ossaudit help formats`.
	Description() string
	// Render writes r to w. It must not modify r.
	Render(w io.Writer, r *model.Result, opts Options) error
}

// Options are what every renderer may use.
type Options struct {
	// Color allows ANSI colours (a terminal is attached).
	Color bool
	// Time stamps documents that carry a creation time; zero means now.
	Time time.Time
	// Width is the terminal width for human formats (0: no limit).
	Width int
}

// Now returns o.Time, or the current time in UTC when it is zero.
func (o Options) Now() time.Time {
	if o.Time.IsZero() {
		return time.Now().UTC().Truncate(time.Second)
	}
	return o.Time
}
