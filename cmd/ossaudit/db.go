package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	iofs "io/fs"
	"os"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/ossaudit/ossaudit/internal/enrich/osv"
)

const dbUsage = `Usage:
  ossaudit db update [--db DIR] [--ecosystem E]... [--force] [--url BASE] [--timeout D] [--retries N]
                                                       download osv.dev's archives (only what changed) and rebuild
  ossaudit db import [--db DIR] [--replace] PATH...   import OSV advisories from osv.dev zips or folders of records
  ossaudit db status [--db DIR] [--format table|json] show what the local advisory database holds

The database lives in $OSSAUDIT_DB, or in ossaudit/osv under the user cache folder.
`

func (e *env) db(ctx context.Context, args []string) (int, error) {
	if len(args) == 0 {
		fmt.Fprint(e.stderr, dbUsage)
		return exitUsage, usagef("db needs a subcommand: update, import or status")
	}
	switch args[0] {
	case "import":
		return e.dbImport(ctx, args[1:])
	case "update":
		return e.dbUpdate(ctx, args[1:])
	case "status":
		return e.dbStatus(args[1:])
	case "-h", "--help", "help":
		fmt.Fprint(e.stdout, dbUsage)
		return exitOK, nil
	}
	return exitUsage, usagef("unknown db subcommand %q; try 'ossaudit db update', 'ossaudit db import' or 'ossaudit db status'", args[0])
}

// dbDir returns --db, or the default folder.
func dbDir(flagValue string) (string, error) {
	if flagValue != "" {
		return flagValue, nil
	}
	dir, err := osv.DefaultDir(os.Getenv)
	if err != nil {
		return "", usagef("no cache folder to keep the advisory database in (%v); name one with --db DIR or %s", err, osv.EnvDB)
	}
	return dir, nil
}

func (e *env) dbImport(ctx context.Context, args []string) (int, error) {
	fs := flag.NewFlagSet("db import", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	dbFlag := fs.String("db", "", "database folder (default $"+osv.EnvDB+" or the user cache folder)")
	replace := fs.Bool("replace", false, "drop the records of ecosystems the new sources do not cover")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return exitUsage, err
	}
	if len(pos) == 0 {
		return exitUsage, usagef("db import needs at least one PATH: an osv.dev <Ecosystem>/all.zip, a folder of them, or a folder of OSV JSON records")
	}
	dir, err := dbDir(*dbFlag)
	if err != nil {
		return exitUsage, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return exitUsage, fmt.Errorf("creating the database folder: %w", err)
	}
	start := time.Now()
	rep, err := osv.Import(ctx, dir, pos, osv.ImportOptions{Replace: *replace})
	if err != nil {
		return exitUsage, fmt.Errorf("import failed, the previous database (if any) is unchanged: %w", err)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ECOSYSTEM\tRECORDS\tWITHDRAWN\tNEWEST MODIFIED")
	for _, s := range rep.Ecosystems {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\n", s.Ecosystem, s.Records, s.Withdrawn, day(s.NewestModified))
	}
	tw.Flush()
	fmt.Fprintf(e.stdout, "\n%d records in %s (%d imported, %d kept from before, %d skipped) in %.1fs\n",
		rep.Records, dir, rep.Imported, rep.Kept, len(rep.Skipped), time.Since(start).Seconds())
	for _, d := range rep.Skipped {
		fmt.Fprintln(e.stderr, d.String())
	}
	if len(rep.Skipped) > 0 {
		fmt.Fprintf(e.stderr, "ossaudit: %d invalid records were skipped; the rest were imported\n", len(rep.Skipped))
		return exitIncomplete, nil
	}
	return exitOK, nil
}

// dbUpdate downloads osv.dev's per-ecosystem archives (revalidating the
// cached ones) and rebuilds the database when anything changed.
func (e *env) dbUpdate(ctx context.Context, args []string) (int, error) {
	fs := flag.NewFlagSet("db update", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	dbFlag := fs.String("db", "", "database folder (default $"+osv.EnvDB+" or the user cache folder)")
	var ecos multiFlag
	fs.Var(&ecos, "ecosystem", "OSV ecosystem to fetch (repeatable; default every one ossaudit reads)")
	force := fs.Bool("force", false, "download every archive again and rebuild")
	base := fs.String("url", osv.DefaultBaseURL, "where the <Ecosystem>/all.zip archives are (a mirror)")
	timeout := fs.Duration("timeout", time.Minute, "give up on a server silent for this long")
	retries := fs.Int("retries", 3, "retries of a failed download, with growing pauses (0: none)")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return exitUsage, err
	}
	if len(pos) > 0 {
		return exitUsage, usagef("db update takes no arguments, got %s; use --ecosystem E", strings.Join(pos, " "))
	}
	dir, err := dbDir(*dbFlag)
	if err != nil {
		return exitUsage, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return exitUsage, fmt.Errorf("creating the database folder: %w", err)
	}
	opts := osv.UpdateOptions{BaseURL: *base, Force: *force, Timeout: *timeout, Retries: *retries}
	if *retries == 0 {
		opts.Retries = -1 // the library's zero means its default
	}
	if len(ecos) > 0 {
		opts.Ecosystems = ecos
	}
	if e.stderrTTY {
		var mu sync.Mutex
		opts.Progress = func(eco string, done, total int64) {
			mu.Lock()
			defer mu.Unlock()
			if total > 0 {
				fmt.Fprintf(e.stderr, "\r\033[K%s: %d of %d KiB", eco, done>>10, total>>10)
			} else {
				fmt.Fprintf(e.stderr, "\r\033[K%s: %d KiB", eco, done>>10)
			}
		}
	}
	start := time.Now()
	rep, err := osv.Update(ctx, dir, opts)
	if e.stderrTTY {
		fmt.Fprint(e.stderr, "\r\033[K")
	}
	if rep == nil {
		return exitUsage, err
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ECOSYSTEM\tARCHIVE\tSIZE")
	for _, a := range rep.Archives {
		size := "-"
		if a.Bytes > 0 {
			size = fmt.Sprintf("%d KiB", a.Bytes>>10)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", a.Ecosystem, a.State, size)
	}
	tw.Flush()
	for _, w := range rep.Warnings {
		fmt.Fprintln(e.stderr, w.String())
	}
	switch {
	case rep.Rebuilt && rep.Import != nil:
		fmt.Fprintf(e.stdout, "\nrebuilt %s: %d records, in %.1fs\n", dir, rep.Import.Records, time.Since(start).Seconds())
	default:
		fmt.Fprintf(e.stdout, "\nnothing changed; %s is current\n", dir)
	}
	if err != nil {
		fmt.Fprintln(e.stderr, "ossaudit:", err)
		return exitIncomplete, nil
	}
	return exitOK, nil
}

func (e *env) dbStatus(args []string) (int, error) {
	fs := flag.NewFlagSet("db status", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	dbFlag := fs.String("db", "", "database folder (default $"+osv.EnvDB+" or the user cache folder)")
	format := fs.String("format", "table", "table or json")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return exitUsage, err
	}
	if len(pos) > 0 {
		return exitUsage, usagef("db status takes no arguments, got %s", strings.Join(pos, " "))
	}
	if *format != "table" && *format != "json" {
		return exitUsage, usagef("db status --format is table or json, not %q", *format)
	}
	dir, err := dbDir(*dbFlag)
	if err != nil {
		return exitUsage, err
	}
	db, err := osv.Open(dir)
	if errors.Is(err, iofs.ErrNotExist) {
		return exitUsage, usagef("no advisory database in %s; create one with 'ossaudit db import PATH' (osv.dev's <Ecosystem>/all.zip files)", dir)
	}
	if err != nil {
		return exitUsage, fmt.Errorf("opening the advisory database in %s: %w; re-import it with 'ossaudit db import --replace PATH'", dir, err)
	}
	defer db.Close()
	status := db.Status()
	if *format == "json" {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return exitOK, enc.Encode(struct {
			Dir        string                `json:"dir"`
			Records    int                   `json:"records"`
			Ecosystems []osv.EcosystemStatus `json:"ecosystems"`
		}{dir, db.Records(), status})
	}
	now := time.Now()
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ECOSYSTEM\tRECORDS\tWITHDRAWN\tIMPORTED\tNEWEST MODIFIED\tSOURCE")
	for _, s := range status {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%s\t%s\n", s.Ecosystem, s.Records, s.Withdrawn, age(now, s.ImportedAt), day(s.NewestModified), strings.Join(s.Sources, ", "))
	}
	tw.Flush()
	fmt.Fprintf(e.stdout, "\n%d records in %s\n", db.Records(), dir)
	return exitOK, nil
}

func day(t time.Time) string {
	if t.IsZero() || t.Year() < 2 {
		return "-"
	}
	return t.UTC().Format("2006-01-02")
}

// age says how long ago t was, in words a person reads at a glance.
func age(now, t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	d := now.Sub(t)
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return fmt.Sprintf("%d min ago", int(d.Minutes()))
	case d < 48*time.Hour:
		return fmt.Sprintf("%d h ago", int(d.Hours()))
	}
	return fmt.Sprintf("%d days ago", int(d.Hours()/24))
}
