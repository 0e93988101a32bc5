package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/ossaudit/ossaudit/internal/policy"
	"github.com/ossaudit/ossaudit/internal/render"
	"github.com/ossaudit/ossaudit/internal/render/renderers"
	"github.com/ossaudit/ossaudit/model"
	"github.com/ossaudit/ossaudit/scan"
)

// output is one requested format and where it goes ("" = stdout).
type output struct {
	format render.Renderer
	file   string
}

func (e *env) scan(ctx context.Context, args []string) (int, error) {
	fs := flag.NewFlagSet("scan", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	var sf scanFlags
	sf.register(fs)
	var formats, vexFiles multiFlag
	var outFile, failOn, maxDBAge, configFile string
	var failOnOldDB bool
	fs.Var(&formats, "format", "output format, or FORMAT=FILE to write it to a file (repeatable); see 'ossaudit help formats'")
	fs.StringVar(&outFile, "o", "", "write the output to this file instead of stdout")
	fs.Var(&vexFiles, "vex", "an OpenVEX or CycloneDX VEX document whose not_affected and fixed statements suppress findings (repeatable)")
	fs.StringVar(&configFile, "config", "", "policy file (default: "+policy.ConfigFile+" in the scanned folder, when there is one)")
	fs.StringVar(&failOn, "fail-on", "", "exit 1 when a vulnerability is at or above this severity: unknown, none, low, medium, high or critical")
	fs.StringVar(&maxDBAge, "max-db-age", "7d", "warn when the newest advisory is older than this (e.g. 7d, 2w, 36h)")
	fs.BoolVar(&failOnOldDB, "fail-on-old-db", false, "exit 1 instead of warning when the advisory data is older than --max-db-age")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "Usage: ossaudit scan [PATH|SBOM-FILE] [flags]\n\nScans a folder (default .) or one file and lists every component.\n\nFlags:")
		fs.PrintDefaults()
	}
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return exitUsage, err
	}
	if len(pos) > 1 {
		return exitUsage, usagef("scan takes one PATH, got %d: %s", len(pos), strings.Join(pos, " "))
	}
	target := "."
	if len(pos) == 1 {
		target = pos[0]
	}
	outs, err := e.outputs(formats, outFile)
	if err != nil {
		return exitUsage, err
	}
	var rules policy.Rules
	if failOn != "" {
		if rules.FailOn, err = policy.ParseRating(failOn); err != nil {
			return exitUsage, usagef("--fail-on: %v", err)
		}
	}
	if rules.MaxDBAge, err = policy.ParseAge(maxDBAge); err != nil {
		return exitUsage, usagef("--max-db-age: %v", err)
	}
	rules.FailOnOldDB = failOnOldDB
	st, err := os.Stat(target)
	if err != nil {
		return exitUsage, usagef("cannot scan %s: %v", target, err)
	}
	if configFile == "" && st.IsDir() {
		if c := filepath.Join(target, policy.ConfigFile); fileExists(c) {
			configFile = c
		}
	}
	var cfg *policy.Config
	if configFile != "" {
		data, err := os.ReadFile(configFile)
		if err != nil {
			return exitUsage, usagef("reading the policy file: %v", err)
		}
		if cfg, err = policy.ParseConfig(configFile, data); err != nil {
			return exitUsage, usagef("%v", err)
		}
	}
	var vex []policy.VEXStatement
	for _, f := range vexFiles {
		data, err := os.ReadFile(f)
		if err != nil {
			return exitUsage, usagef("reading the VEX document: %v", err)
		}
		stmts, err := policy.ParseVEX(f, data)
		if err != nil {
			return exitUsage, usagef("%v", err)
		}
		vex = append(vex, stmts...)
	}
	res, err := scan.Run(ctx, sf.options(e, target))
	if err != nil {
		return exitUsage, err
	}
	for _, n := range policy.ApplyVEX(res, vex) {
		fmt.Fprintln(e.stderr, "info:", n)
	}
	if cfg != nil {
		for _, w := range policy.ApplyIgnores(res, cfg.Ignore, time.Now()) {
			fmt.Fprintln(e.stderr, "warning:", w)
		}
	}
	if err := e.write(res, outs); err != nil {
		return exitUsage, err
	}
	code := e.finish(res)
	if e.gate(res, rules) {
		code = exitGate
	}
	return code, nil
}

// gate evaluates the rules, says why on stderr, and reports a failure.
func (e *env) gate(res *model.Result, rules policy.Rules) bool {
	var newest time.Time
	if res.AdvisoryData != nil {
		newest = res.AdvisoryData.Newest
	}
	v := policy.Evaluate(res, rules, newest, time.Now())
	for _, w := range v.Warnings {
		fmt.Fprintln(e.stderr, "warning:", w)
	}
	for _, r := range v.Reasons {
		fmt.Fprintln(e.stderr, "ossaudit: gate failed:", r)
	}
	return v.Failed
}

// outputs turns --format and -o into outputs.
func (e *env) outputs(formats []string, outFile string) ([]output, error) {
	if len(formats) == 0 {
		def := "json"
		if e.stdoutTTY && outFile == "" {
			def = "table"
		}
		formats = []string{def}
	}
	var outs []output
	toStdout := 0
	for _, f := range formats {
		name, file, _ := strings.Cut(f, "=")
		r := renderers.ByName(name)
		if r == nil {
			return nil, usagef("unknown format %q; run 'ossaudit help formats' for the list", name)
		}
		if file == "" {
			file = outFile
		}
		if file == "" || file == "-" {
			toStdout++
			file = ""
		}
		outs = append(outs, output{r, file})
	}
	if toStdout > 1 {
		return nil, usagef("%d formats would go to stdout; give all but one a file with --format FORMAT=FILE", toStdout)
	}
	return outs, nil
}

func (e *env) write(res *model.Result, outs []output) error {
	for _, o := range outs {
		opts := render.Options{Color: o.file == "" && e.stdoutTTY && os.Getenv("NO_COLOR") == ""}
		if o.file == "" {
			bw := bufio.NewWriterSize(e.stdout, 64<<10)
			if err := o.format.Render(bw, res, opts); err != nil {
				return fmt.Errorf("writing %s: %w", o.format.Name(), err)
			}
			if err := bw.Flush(); err != nil {
				return err
			}
			continue
		}
		if err := writeFile(o.file, func(w io.Writer) error { return o.format.Render(w, res, opts) }); err != nil {
			return fmt.Errorf("writing %s to %s: %w", o.format.Name(), o.file, err)
		}
	}
	return nil
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}

// writeFile streams an output into a temporary file beside name and renames
// it into place, so a failed write never leaves half a file behind.
func writeFile(name string, render func(io.Writer) error) error {
	if name == os.DevNull {
		return render(io.Discard)
	}
	f, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name()) // after a successful rename this does nothing
	bw := bufio.NewWriterSize(f, 64<<10)
	err = render(bw)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = f.Chmod(0o644)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return os.Rename(f.Name(), name)
}

// finish prints diagnostics to stderr and picks the exit code.
func (e *env) finish(res *model.Result) int {
	errs, warns := 0, 0
	for _, d := range res.Diagnostics {
		switch d.Severity {
		case model.SevError:
			errs++
		case model.SevWarning:
			warns++
		}
		fmt.Fprintln(e.stderr, d.String())
	}
	if errs > 0 {
		fmt.Fprintf(e.stderr, "ossaudit: scan incomplete: %d input(s) could not be read fully (%d warnings); the results above cover the rest\n", errs, warns)
		return exitIncomplete
	}
	return exitOK
}
