// Command ossaudit audits the open-source supply chain of a source tree,
// an SBOM, a binary or an archive. This package turns flags into options
// and a result into output and an exit code; it is the only code that
// prints or exits.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"

	"github.com/ossaudit/ossaudit/internal/enrich/osv"
	"github.com/ossaudit/ossaudit/scan"
	"golang.org/x/term"
)

// Exit codes, documented in the README.
const (
	exitOK         = 0
	exitGate       = 1
	exitIncomplete = 2
	exitUsage      = 3
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	stopGC := tuneGC()
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stopGC()
	stop()
	os.Exit(code)
}

// env describes the process's surroundings, so tests can fake a terminal.
type env struct {
	stdout, stderr io.Writer
	stdoutTTY      bool
	stderrTTY      bool
}

func isTTY(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	e := &env{stdout: stdout, stderr: stderr, stdoutTTY: isTTY(stdout), stderrTTY: isTTY(stderr)}
	return e.run(ctx, args)
}

// usageError is an error in how ossaudit was called.
type usageError struct{ msg string }

func (u *usageError) Error() string { return u.msg }

func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

const mainUsage = `ossaudit audits the open-source components of a software project.

Usage:
  ossaudit scan [PATH|SBOM-FILE] [flags]   list every component, with the dependency graph
  ossaudit why PACKAGE[@VERSION] [PATH]    show every path from a project to a package
  ossaudit db import PATH... | db status   manage the local OSV advisory database (offline)
  ossaudit help formats|ecosystems         list output formats or the files ossaudit reads
  ossaudit version                         print the version

Run 'ossaudit COMMAND -h' for a command's flags.
Exit codes: 0 done, 1 a gate failed, 2 scan incomplete (some input could not
be read; the diagnostics say which), 3 usage or configuration error.
`

func (e *env) run(ctx context.Context, args []string) int {
	if len(args) == 0 {
		fmt.Fprint(e.stderr, mainUsage)
		return exitUsage
	}
	var err error
	code := exitOK
	switch args[0] {
	case "scan":
		code, err = e.scan(ctx, args[1:])
	case "why":
		code, err = e.why(ctx, args[1:])
	case "db":
		code, err = e.db(ctx, args[1:])
	case "help", "-h", "--help", "-help":
		err = e.help(args[1:])
	case "version", "--version":
		fmt.Fprintln(e.stdout, "ossaudit", scan.Version)
	default:
		err = usagef("unknown command %q; run 'ossaudit help'", args[0])
	}
	if err != nil {
		var ue *usageError
		if errors.As(err, &ue) || errors.Is(err, flag.ErrHelp) {
			if !errors.Is(err, flag.ErrHelp) {
				fmt.Fprintln(e.stderr, "ossaudit:", err)
			}
			return exitUsage
		}
		fmt.Fprintln(e.stderr, "ossaudit:", err)
		if code == exitOK {
			code = exitUsage
		}
	}
	return code
}

// multiFlag collects a repeatable string flag.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(s string) error { *m = append(*m, s); return nil }

// sizeFlag parses sizes like 512K, 64M, 1G or plain bytes.
type sizeFlag int64

func (s *sizeFlag) String() string { return strconv.FormatInt(int64(*s), 10) }
func (s *sizeFlag) Set(v string) error {
	mult := int64(1)
	u := strings.ToUpper(strings.TrimSuffix(strings.TrimSuffix(v, "B"), "iB"))
	switch {
	case strings.HasSuffix(u, "K"):
		mult, u = 1<<10, strings.TrimSuffix(u, "K")
	case strings.HasSuffix(u, "M"):
		mult, u = 1<<20, strings.TrimSuffix(u, "M")
	case strings.HasSuffix(u, "G"):
		mult, u = 1<<30, strings.TrimSuffix(u, "G")
	}
	n, err := strconv.ParseInt(u, 10, 64)
	if err != nil || n <= 0 {
		return fmt.Errorf("want a positive size such as 512K, 64M or 1G, not %q", v)
	}
	*s = sizeFlag(n * mult)
	return nil
}

// parseInterspersed parses flags that may come before or after the
// positional arguments.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// scanFlags are the flags shared by commands that scan.
type scanFlags struct {
	exclude          multiFlag
	respectGitignore bool
	binaries         bool
	maxFileSize      sizeFlag
	noProgress       bool
	db               string
	noVulns          bool
}

func (s *scanFlags) register(fs *flag.FlagSet) {
	fs.Var(&s.exclude, "exclude", "skip paths matching this glob (repeatable; ** matches folders)")
	fs.BoolVar(&s.respectGitignore, "respect-gitignore", false, "skip what .gitignore files ignore")
	fs.BoolVar(&s.binaries, "binaries", false, "also read every executable file of the tree as a possible Go binary")
	s.maxFileSize = sizeFlag(256 << 20)
	fs.Var(&s.maxFileSize, "max-file-size", "largest input file to read (e.g. 64M)")
	fs.BoolVar(&s.noProgress, "no-progress", false, "never show progress on stderr")
	fs.StringVar(&s.db, "db", "", "advisory database folder (default $"+osv.EnvDB+" or the user cache folder; see 'ossaudit db')")
	fs.BoolVar(&s.noVulns, "no-vulns", false, "do not match packages against the advisory database")
}

func (s *scanFlags) options(e *env, target string) scan.Options {
	o := scan.Options{
		Target:           target,
		Exclude:          s.exclude,
		RespectGitignore: s.respectGitignore,
		Binaries:         s.binaries,
		MaxFileSize:      int64(s.maxFileSize),
	}
	if e.stderrTTY && !s.noProgress {
		o.Progress = e.stderr
	}
	if !s.noVulns {
		if dir, err := dbDir(s.db); err == nil {
			o.AdvisoryDB = dir
		}
	}
	return o
}
