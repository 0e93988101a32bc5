// Package scan is ossaudit's public facade: Run scans a folder or a file
// (lockfile, SBOM, binary, archive) and returns the dependency graph with
// every diagnostic. It holds no state and prints nothing; what to show and
// which exit code to use is the caller's business.
package scan

import (
	"context"
	"io"

	"github.com/ossaudit/ossaudit/internal/discover"
	"github.com/ossaudit/ossaudit/internal/extract/extractors"
	"github.com/ossaudit/ossaudit/internal/pipeline"
	"github.com/ossaudit/ossaudit/model"
)

// Version is ossaudit's version, set at build time with
// -ldflags "-X github.com/ossaudit/ossaudit/scan.Version=...".
var Version = "0.1.0-dev"

// Options configure a scan.
type Options struct {
	// Target is a folder or a file; empty means ".".
	Target string
	// Exclude holds glob patterns of paths not to read.
	Exclude []string
	// RespectGitignore skips what .gitignore files ignore.
	RespectGitignore bool
	// Binaries offers every executable file of the walk to the binary
	// readers (Go build info). A file named as Target is always offered.
	Binaries bool
	// MaxFileSize caps each input file in bytes (0: 256 MiB).
	MaxFileSize int64
	// AdvisoryDB is the folder of the OSV advisory database (see `ossaudit
	// db import`); empty skips vulnerability matching.
	AdvisoryDB string
	// Progress receives progress lines while a long scan runs (nil: none).
	Progress io.Writer
}

// Run scans. The error is non-nil only when nothing could be scanned (the
// target does not exist); a scan that could not read some input returns a
// Result whose Incomplete method reports true.
func Run(ctx context.Context, opts Options) (*model.Result, error) {
	if opts.Target == "" {
		opts.Target = "."
	}
	return pipeline.Run(ctx, pipeline.Options{
		Target:     opts.Target,
		Extractors: extractors.All(),
		Walk: discover.Options{
			Exclude:          opts.Exclude,
			RespectGitignore: opts.RespectGitignore,
			Executables:      opts.Binaries,
		},
		MaxFileSize: opts.MaxFileSize,
		AdvisoryDB:  opts.AdvisoryDB,
		Progress:    opts.Progress,
		Tool:        model.Tool{Name: "ossaudit", Version: Version},
	})
}
