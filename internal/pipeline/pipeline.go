// Package pipeline runs the stages of a scan in order — discover, extract,
// resolve — and owns their concurrency, cancellation and progress reports.
// It is the only package that wires stages together; each stage knows
// nothing of the ones after it.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ossaudit/ossaudit/internal/diag"
	"github.com/ossaudit/ossaudit/internal/discover"
	"github.com/ossaudit/ossaudit/internal/enrich/osv"
	"github.com/ossaudit/ossaudit/internal/extract"
	"github.com/ossaudit/ossaudit/internal/resolve"
	"github.com/ossaudit/ossaudit/model"
)

// Options configure a scan.
type Options struct {
	// Target is a folder to walk or a single file (a lockfile, an SBOM, a
	// binary, an archive).
	Target string
	// Extractors are the formats to read.
	Extractors []extract.Extractor
	// Walk configures the walk of a folder.
	Walk discover.Options
	// MaxFileSize caps each input file (0: extract.DefaultMaxFileSize).
	MaxFileSize int64
	// AdvisoryDB is the folder of the OSV advisory database to match the
	// packages against; empty skips vulnerability matching.
	AdvisoryDB string
	// Progress, when set, receives a one-line progress report, rewritten in
	// place, while the scan runs for more than a moment.
	Progress io.Writer
	// Tool names the program in the result.
	Tool model.Tool
}

// Run scans opts.Target. An error means the target could not be scanned at
// all; problems with single files are diagnostics in the result.
func Run(ctx context.Context, opts Options) (*model.Result, error) {
	st, err := os.Stat(opts.Target)
	if err != nil {
		return nil, fmt.Errorf("cannot scan %s: %w", opts.Target, err)
	}
	var walked, parsed atomic.Int64
	stop := startProgress(opts.Progress, &walked, &parsed)
	defer stop()

	var (
		root   string
		cands  []discover.Candidate
		diags  []model.Diagnostic
		nfiles int
	)
	if st.IsDir() {
		root = opts.Target
		wo := opts.Walk
		wo.Walked = &walked
		w, err := discover.Run(ctx, root, matcher(opts.Extractors), wo)
		if err != nil {
			return nil, fmt.Errorf("walking %s: %w", root, err)
		}
		cands, diags, nfiles = w.Candidates, w.Diagnostics, w.Files
	} else {
		root = filepath.Dir(opts.Target)
		cands = []discover.Candidate{{Path: filepath.Base(opts.Target), Executable: true}}
		nfiles = 1
	}
	fsys := os.DirFS(root)

	files, ds := extractAll(ctx, fsys, cands, opts, &parsed, !st.IsDir())
	diags = append(diags, ds...)
	installed, ds := extractInstalled(ctx, fsys, cands, files, opts, &parsed)
	diags = append(diags, ds...)
	files = append(files, installed...)
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	res := resolve.Merge(files)
	res.Diagnostics = append(res.Diagnostics, diags...)
	if opts.AdvisoryDB != "" {
		res.Diagnostics = append(res.Diagnostics, matchVulnerabilities(res, opts.AdvisoryDB)...)
	}
	res.SchemaVersion = model.SchemaVersion
	res.Tool = opts.Tool
	res.Target = opts.Target
	res.Stats = model.Stats{FilesWalked: nfiles, FilesParsed: int(parsed.Load())}
	if res.Projects == nil {
		res.Projects = []model.Project{}
	}
	if res.Packages == nil {
		res.Packages = []model.Package{}
	}
	if res.Edges == nil {
		res.Edges = []model.Edge{}
	}
	res.Sort()
	return res, nil
}

// matchVulnerabilities fills res.Vulnerabilities from the database in dir.
// A missing database is said, not fatal: the inventory stands on its own.
func matchVulnerabilities(res *model.Result, dir string) []model.Diagnostic {
	db, err := osv.Open(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return []model.Diagnostic{{Severity: model.SevInfo, Location: model.Location{Path: dir},
			Message: "no advisory database here, so vulnerabilities were not checked; create it with 'ossaudit db import PATH' (osv.dev's <Ecosystem>/all.zip files)"}}
	}
	if err != nil {
		return []model.Diagnostic{{Severity: model.SevError, Location: model.Location{Path: dir},
			Message: fmt.Sprintf("cannot open the advisory database (%v), so vulnerabilities were not checked; rebuild it with 'ossaudit db import --replace PATH'", err)}}
	}
	defer db.Close()
	vulns, diags := db.Vulnerabilities(res)
	res.Vulnerabilities = combineVulnerabilities(vulns, res.Vulnerabilities)
	data := &model.AdvisoryData{Path: dir, Records: db.Records()}
	for _, s := range db.Status() {
		if s.NewestModified.After(data.Newest) {
			data.Newest = s.NewestModified
		}
		if s.ImportedAt.After(data.ImportedAt) {
			data.ImportedAt = s.ImportedAt
		}
	}
	res.AdvisoryData = data
	return diags
}

// combineVulnerabilities joins what the database found with what the
// inputs stated (SBOMs read back): a vulnerability both know, by package and
// by id or alias, is taken from the database and keeps the input's
// suppression; one only the input states is kept as it was.
func combineVulnerabilities(fresh, stated []model.Vulnerability) []model.Vulnerability {
	if len(stated) == 0 {
		return fresh
	}
	type key struct{ pkg, name string }
	byName := map[key]int{}
	for i, v := range stated {
		for _, n := range append([]string{v.ID}, v.Aliases...) {
			byName[key{v.Package, n}] = i
		}
	}
	used := make([]bool, len(stated))
	out := make([]model.Vulnerability, 0, len(fresh)+len(stated))
	for _, v := range fresh {
		for _, n := range append([]string{v.ID}, v.Aliases...) {
			if i, ok := byName[key{v.Package, n}]; ok && !used[i] {
				used[i] = true
				if v.Ignored == nil {
					v.Ignored = stated[i].Ignored
				}
				break
			}
		}
		out = append(out, v)
	}
	for i, v := range stated {
		if !used[i] {
			out = append(out, v)
		}
	}
	return out // Run's final Sort orders them
}

// matcher builds the walk's name test from the extractors.
func matcher(exs []extract.Extractor) discover.Matcher {
	var inst []extract.InstalledReader
	for _, e := range exs {
		if ir, ok := e.(extract.InstalledReader); ok && e.Kind() == extract.KindInstalled {
			inst = append(inst, ir)
		}
	}
	return discover.Matcher{
		File: func(p string) bool {
			for _, e := range exs {
				if e.Match(p) {
					return true
				}
			}
			return false
		},
		Installed: func(d string) bool {
			for _, ir := range inst {
				if ir.MatchInstalled(d) {
					return true
				}
			}
			return false
		},
	}
}

type job struct {
	idx int
	ex  extract.Extractor
	c   discover.Candidate
}

// extractAll runs the extractors over the file candidates in parallel and
// returns their results in candidate order.
func extractAll(ctx context.Context, fsys fs.FS, cands []discover.Candidate, opts Options, parsed *atomic.Int64, single bool) ([]resolve.File, []model.Diagnostic) {
	var jobs []job
	var diags []model.Diagnostic
	for _, c := range cands {
		if c.Installed {
			continue
		}
		var matched []extract.Extractor
		if !c.Executable || single {
			for _, e := range opts.Extractors {
				if e.Match(c.Path) {
					matched = append(matched, e)
				}
			}
		}
		if len(matched) == 0 && (c.Executable || single) {
			matched = sniff(fsys, c.Path, opts.Extractors)
		}
		if len(matched) == 0 && single {
			diags = append(diags, model.Diagnostic{Severity: model.SevError, Location: model.Location{Path: c.Path},
				Message: "no extractor reads this file; name a folder, or see `ossaudit help ecosystems` for the files ossaudit reads"})
		}
		for _, e := range matched {
			jobs = append(jobs, job{idx: len(jobs), ex: e, c: c})
		}
	}
	out := make([]resolve.File, len(jobs))
	outDiags := make([][]model.Diagnostic, len(jobs))
	workers := runtime.GOMAXPROCS(0)
	ch := make(chan job)
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range ch {
				out[j.idx], outDiags[j.idx] = runOne(ctx, fsys, j.ex, j.c.Path, opts)
				parsed.Add(1)
			}
		}()
	}
	for _, j := range jobs {
		if ctx.Err() != nil {
			break
		}
		ch <- j
	}
	close(ch)
	wg.Wait()
	for _, d := range outDiags {
		diags = append(diags, d...)
	}
	return out, diags
}

func sniff(fsys fs.FS, p string, exs []extract.Extractor) []extract.Extractor {
	f, err := fsys.Open(p)
	if err != nil {
		return nil
	}
	defer f.Close()
	buf := make([]byte, 4096)
	n, _ := io.ReadFull(f, buf)
	buf = buf[:n]
	var out []extract.Extractor
	for _, e := range exs {
		if s, ok := e.(extract.Sniffer); ok && s.Sniff(buf) {
			out = append(out, e)
		}
	}
	return out
}

// runOne runs one extractor on one file, turning errors and panics into
// diagnostics so that one bad file never stops the scan.
func runOne(ctx context.Context, fsys fs.FS, e extract.Extractor, p string, opts Options) (f resolve.File, diags []model.Diagnostic) {
	f = resolve.File{Path: p, Extractor: e.Name(), Kind: e.Kind(), Ecosystem: e.Ecosystem()}
	defer func() {
		if r := recover(); r != nil {
			f.Result = nil
			diags = append(diags, model.Diagnostic{Severity: model.SevError, Location: model.Location{Path: p}, Extractor: e.Name(),
				Message: fmt.Sprintf("internal error in the %s reader, the file was skipped; please report this with the file: %v\n%s", e.Name(), r, debug.Stack())})
		}
	}()
	in := &extract.Input{FS: fsys, Path: p, MaxFileSize: opts.MaxFileSize}
	r, err := e.Extract(ctx, in)
	if err != nil {
		diags = append(diags, diag.Diagnostic(model.SevError, p, e.Name(), fmt.Errorf("cannot read it as %s: %w", e.Name(), err)))
		return f, diags
	}
	for i := range r.Diagnostics {
		if r.Diagnostics[i].Extractor == "" {
			r.Diagnostics[i].Extractor = e.Name()
		}
		if r.Diagnostics[i].Location.Path == "" {
			r.Diagnostics[i].Location.Path = p
		}
	}
	f.Result = r
	return f, nil
}

// extractInstalled reads folders of installed packages for the projects
// that no lockfile of the same ecosystem describes.
func extractInstalled(ctx context.Context, fsys fs.FS, cands []discover.Candidate, files []resolve.File, opts Options, parsed *atomic.Int64) ([]resolve.File, []model.Diagnostic) {
	var out []resolve.File
	var diags []model.Diagnostic
	for _, c := range cands {
		if !c.Installed {
			continue
		}
		for _, e := range opts.Extractors {
			ir, ok := e.(extract.InstalledReader)
			if !ok || e.Kind() != extract.KindInstalled || !ir.MatchInstalled(c.Path) {
				continue
			}
			if lock := lockfileAbove(files, e.Ecosystem(), c.Path); lock != "" {
				continue
			}
			f, ds := runOne(ctx, fsys, e, c.Path, opts)
			parsed.Add(1)
			diags = append(diags, ds...)
			if f.Result != nil && len(f.Result.Packages) > 0 {
				diags = append(diags, model.Diagnostic{Severity: model.SevInfo, Location: model.Location{Path: c.Path}, Extractor: e.Name(),
					Message: fmt.Sprintf("no %s lockfile describes this project, so its %d packages were read from the installed folder", e.Ecosystem(), len(f.Result.Packages))})
			}
			out = append(out, f)
		}
	}
	return out, diags
}

// lockfileAbove returns the path of a lockfile of ecosystem eco in the
// folder holding dir or in one of its ancestors.
func lockfileAbove(files []resolve.File, eco model.Ecosystem, dir string) string {
	var found []string
	for _, f := range files {
		if f.Kind != extract.KindLockfile || f.Ecosystem != eco || f.Result == nil {
			continue
		}
		if resolve.IsAncestor(path.Dir(f.Path), dir) {
			found = append(found, f.Path)
		}
	}
	sort.Strings(found)
	if len(found) == 0 {
		return ""
	}
	return found[0]
}

// startProgress prints progress to w every tenth of a second once the scan
// has run for a quarter of a second; the returned function stops it and
// clears the line.
func startProgress(w io.Writer, walked, parsed *atomic.Int64) func() {
	if w == nil {
		return func() {}
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		start := time.NewTimer(250 * time.Millisecond)
		defer start.Stop()
		select {
		case <-done:
			return
		case <-start.C:
		}
		t := time.NewTicker(100 * time.Millisecond)
		defer t.Stop()
		for {
			fmt.Fprintf(w, "\r\033[Kscanning: %d files walked, %d lockfiles parsed", walked.Load(), parsed.Load())
			select {
			case <-done:
				fmt.Fprint(w, "\r\033[K")
				return
			case <-t.C:
			}
		}
	}()
	return func() { close(done); wg.Wait() }
}
