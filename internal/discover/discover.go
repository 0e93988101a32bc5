// Package discover owns the walk of a scanned tree: which folders are
// entered, which files are offered to the extractors, and which folders of
// installed packages (node_modules, site-packages) are noted for later. It
// skips version-control folders, honours --exclude globs and, when asked,
// .gitignore files; it never follows a symbolic link out of the scanned
// root and never follows links to folders (which could loop).
//
// The walk is parallel: each folder is listed by one goroutine, and
// sub-folders are handed to idle workers, so a tree of hundreds of
// thousands of files is listed at the speed of the file system. It decides
// by names alone; it opens no file except .gitignore files and, with
// Options.Executables, asks for the mode of files that might be programs.
package discover

import (
	"bufio"
	"context"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/bmatcuk/doublestar/v4"
	"github.com/go-git/go-git/v5/plumbing/format/gitignore"
	"github.com/ossaudit/ossaudit/model"
)

// Options control the walk.
type Options struct {
	// Exclude holds glob patterns (doublestar syntax) matched against the
	// slash path relative to the root and against the base name; a match
	// skips the file or folder.
	Exclude []string
	// RespectGitignore skips what .gitignore files in the tree ignore.
	RespectGitignore bool
	// Executables offers regular files with an executable bit (possible
	// program binaries) as Candidates with Executable set.
	Executables bool
	// Workers is the number of folders listed at once (0: a default).
	Workers int
	// Walked, when not nil, is increased for every file seen (for progress).
	Walked *atomic.Int64
}

// Matcher decides from names which files and folders matter.
type Matcher struct {
	// File reports whether some extractor reads the file at the slash path.
	File func(path string) bool
	// Installed reports whether the folder holds installed packages that
	// some extractor reads (node_modules, site-packages).
	Installed func(dir string) bool
}

// Candidate is a file or folder the walk offers.
type Candidate struct {
	// Path is slash-separated and relative to the root.
	Path string
	// Installed marks a folder of installed packages.
	Installed bool
	// Executable marks a file offered only because it may be a program.
	Executable bool
}

// Walk is the result of a walk.
type Walk struct {
	Candidates  []Candidate
	Files       int
	Diagnostics []model.Diagnostic
}

// skipDirs are never entered.
var skipDirs = map[string]bool{".git": true, ".hg": true, ".svn": true, ".bzr": true, "_darcs": true, ".jj": true, ".tox": true, ".nox": true, "__pycache__": true, ".mypy_cache": true, ".pytest_cache": true}

type walker struct {
	ctx   context.Context
	root  string
	opts  Options
	match Matcher
	sem   chan struct{}
	wg    sync.WaitGroup
	mu    sync.Mutex
	out   Walk
	files atomic.Int64
}

// Run walks the folder root.
func Run(ctx context.Context, root string, m Matcher, opts Options) (*Walk, error) {
	st, err := os.Stat(root)
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		return nil, &fs.PathError{Op: "walk", Path: root, Err: errNotDir}
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = 4 * runtime.GOMAXPROCS(0)
	}
	w := &walker{ctx: ctx, root: root, opts: opts, match: m, sem: make(chan struct{}, workers)}
	var ign *ignorer
	if opts.RespectGitignore {
		ign = &ignorer{}
	}
	w.wg.Add(1)
	w.dir(".", ign)
	w.wg.Wait()
	w.out.Files = int(w.files.Load())
	sort.Slice(w.out.Candidates, func(i, j int) bool { return w.out.Candidates[i].Path < w.out.Candidates[j].Path })
	sort.Slice(w.out.Diagnostics, func(i, j int) bool { return w.out.Diagnostics[i].Location.Less(w.out.Diagnostics[j].Location) })
	if err := ctx.Err(); err != nil {
		return &w.out, err
	}
	return &w.out, nil
}

type errString string

func (e errString) Error() string { return string(e) }

const errNotDir = errString("not a folder")

func (w *walker) add(c Candidate) {
	w.mu.Lock()
	w.out.Candidates = append(w.out.Candidates, c)
	w.mu.Unlock()
}

func (w *walker) warn(p, msg string) {
	w.mu.Lock()
	w.out.Diagnostics = append(w.out.Diagnostics, model.Diagnostic{Severity: model.SevWarning, Location: model.Location{Path: p}, Message: msg})
	w.mu.Unlock()
}

func (w *walker) excluded(rel string) bool {
	if len(w.opts.Exclude) == 0 {
		return false
	}
	base := path.Base(rel)
	for _, pat := range w.opts.Exclude {
		if ok, _ := doublestar.Match(pat, rel); ok {
			return true
		}
		if ok, _ := doublestar.Match(pat, base); ok {
			return true
		}
	}
	return false
}

func join(dir, name string) string {
	if dir == "." {
		return name
	}
	return dir + "/" + name
}

// dir lists one folder; the caller has done wg.Add(1).
func (w *walker) dir(rel string, ign *ignorer) {
	defer w.wg.Done()
	if w.ctx.Err() != nil {
		return
	}
	osdir := filepath.Join(w.root, filepath.FromSlash(rel))
	f, err := os.Open(osdir)
	if err != nil {
		w.warn(rel, "cannot read folder: "+err.Error()+"; it was skipped")
		return
	}
	entries, err := f.ReadDir(-1)
	f.Close()
	if err != nil {
		w.warn(rel, "cannot list folder: "+err.Error()+"; some of it may be missing")
	}
	if ign != nil {
		for _, e := range entries {
			if e.Name() == ".gitignore" {
				ign = ign.with(osdir, rel)
				break
			}
		}
	}
	// A folder with pyvenv.cfg is a virtual environment: only its
	// site-packages matter.
	for _, e := range entries {
		if e.Name() == "pyvenv.cfg" && rel != "." {
			w.venv(rel)
			return
		}
	}
	var n int64
	for _, e := range entries {
		name := e.Name()
		p := join(rel, name)
		t := e.Type()
		if t&fs.ModeSymlink != 0 {
			t = w.followLink(p)
			if t == fs.ModeIrregular {
				continue
			}
		}
		if t.IsDir() {
			if skipDirs[name] || w.excluded(p) || (ign != nil && ign.match(p, true)) {
				continue
			}
			if w.match.Installed != nil && w.match.Installed(p) {
				w.add(Candidate{Path: p, Installed: true})
				continue
			}
			if name == "vendor" {
				// Go's vendor/modules.txt is the only file read in vendor/.
				vp := p + "/modules.txt"
				if fileExists(filepath.Join(osdir, name, "modules.txt")) && w.match.File(vp) {
					w.add(Candidate{Path: vp})
				}
				continue
			}
			w.wg.Add(1)
			select {
			case w.sem <- struct{}{}:
				go func(p string) {
					defer func() { <-w.sem }()
					w.dir(p, ign)
				}(p)
			default:
				w.dir(p, ign)
			}
			continue
		}
		if !t.IsRegular() && t&fs.ModeSymlink == 0 {
			continue
		}
		n++
		if w.excluded(p) || (ign != nil && ign.match(p, false)) {
			continue
		}
		if w.match.File(p) {
			w.add(Candidate{Path: p})
			continue
		}
		if w.opts.Executables {
			if info, err := e.Info(); err == nil && info.Mode().IsRegular() && info.Mode()&0o111 != 0 && info.Size() > 1024 {
				w.add(Candidate{Path: p, Executable: true})
			}
		}
	}
	w.files.Add(n)
	if w.opts.Walked != nil {
		w.opts.Walked.Add(n)
	}
}

// followLink returns the type of a link's target when it stays inside the
// root and is a regular file; links to folders and out of the root give
// ModeIrregular (skip).
func (w *walker) followLink(rel string) fs.FileMode {
	osp := filepath.Join(w.root, filepath.FromSlash(rel))
	target, err := filepath.EvalSymlinks(osp)
	if err != nil {
		return fs.ModeIrregular
	}
	if !w.inside(target) {
		w.warn(rel, "symbolic link points outside the scanned root; not followed")
		return fs.ModeIrregular
	}
	st, err := os.Stat(target)
	if err != nil || !st.Mode().IsRegular() {
		return fs.ModeIrregular
	}
	return 0
}

// inside reports whether the real path p lies in the scanned root.
func (w *walker) inside(p string) bool {
	root, err := filepath.EvalSymlinks(w.root)
	if err != nil {
		return false
	}
	r, err := filepath.Rel(root, p)
	return err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator))
}

// venv offers the site-packages folders of a virtual environment.
func (w *walker) venv(rel string) {
	osdir := filepath.Join(w.root, filepath.FromSlash(rel))
	seen := map[string]bool{} // lib64 is often a link to lib
	for _, pat := range []string{"lib/python*/site-packages", "lib64/python*/site-packages", "Lib/site-packages"} {
		matches, _ := filepath.Glob(filepath.Join(osdir, filepath.FromSlash(pat)))
		for _, m := range matches {
			real, err := filepath.EvalSymlinks(m)
			if err != nil || seen[real] || !w.inside(real) {
				continue
			}
			seen[real] = true
			r, err := filepath.Rel(w.root, m)
			if err != nil {
				continue
			}
			p := filepath.ToSlash(r)
			if w.match.Installed != nil && w.match.Installed(p) {
				w.add(Candidate{Path: p, Installed: true})
			}
		}
	}
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}

// ignorer holds the .gitignore patterns in force in a folder.
type ignorer struct {
	patterns []gitignore.Pattern
	m        gitignore.Matcher
}

func (g *ignorer) with(osdir, rel string) *ignorer {
	f, err := os.Open(filepath.Join(osdir, ".gitignore"))
	if err != nil {
		return g
	}
	defer f.Close()
	var domain []string
	if rel != "." {
		domain = strings.Split(rel, "/")
	}
	ps := append([]gitignore.Pattern(nil), g.patterns...)
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		ps = append(ps, gitignore.ParsePattern(line, domain))
	}
	return &ignorer{patterns: ps, m: gitignore.NewMatcher(ps)}
}

func (g *ignorer) match(rel string, isDir bool) bool {
	if g.m == nil {
		return false
	}
	return g.m.Match(strings.Split(rel, "/"), isDir)
}
