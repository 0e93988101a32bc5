package golang

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"path"
	"strings"

	"github.com/ossaudit/ossaudit/internal/diag"
	"github.com/ossaudit/ossaudit/internal/extract"
	"github.com/ossaudit/ossaudit/model"
	"golang.org/x/mod/modfile"
)

// VendorModules reads vendor/modules.txt files written by `go mod vendor`.
type VendorModules struct{}

// Name implements extract.Extractor.
func (VendorModules) Name() string { return "golang/vendor-modules" }

// Ecosystem implements extract.Extractor.
func (VendorModules) Ecosystem() model.Ecosystem { return model.Go }

// Kind implements extract.Extractor.
func (VendorModules) Kind() extract.Kind { return extract.KindLockfile }

// Description implements extract.Extractor.
func (VendorModules) Description() string {
	return "Go modules: vendor/modules.txt (vendored modules and replacements)"
}

// Match implements extract.Extractor.
func (VendorModules) Match(p string) bool {
	return p == "vendor/modules.txt" || strings.HasSuffix(p, "/vendor/modules.txt")
}

// vendorModule is one "# path version" entry of modules.txt.
type vendorModule struct {
	pkg      model.Package
	explicit bool
}

// Extract implements extract.Extractor.
func (VendorModules) Extract(ctx context.Context, in *extract.Input) (*extract.Result, error) {
	data, err := in.ReadFile()
	if err != nil {
		return nil, fmt.Errorf("reading modules.txt: %w", err)
	}
	vendorDir := path.Dir(in.Path)
	dir := path.Dir(vendorDir)
	proj := model.Project{ID: extract.ProjectID(model.Go, dir, ""), Ecosystem: model.Go, Dir: dir, Sources: []string{in.Path}}
	if gomod, err := in.ReadRel(path.Join(dir, "go.mod")); err == nil {
		if mp := modfile.ModulePath(gomod); mp != "" {
			proj.Name = mp
			u := modulePURL(mp, "")
			proj.PURL = u.ToString()
		}
	}

	res := &extract.Result{Projects: []model.Project{proj}}
	var mods []*vendorModule
	var cur *vendorModule
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		if line%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		text := strings.TrimRight(sc.Text(), "\r")
		switch {
		case strings.HasPrefix(text, "## "):
			if cur == nil {
				res.Warn(in.Path, line, "module annotation before any module line")
				continue
			}
			for _, f := range strings.Split(strings.TrimPrefix(text, "## "), ";") {
				if strings.TrimSpace(f) == "explicit" {
					cur.explicit = true
				}
			}
		case strings.HasPrefix(text, "# "):
			m, err := parseVendorModule(in.Path, line, strings.TrimPrefix(text, "# "))
			if err != nil {
				res.Diagnostics = append(res.Diagnostics, diag.Diagnostic(model.SevError, in.Path, "", err))
				cur = nil
				continue
			}
			cur = m
			if cur != nil {
				mods = append(mods, cur)
			}
		case text == "" || strings.HasPrefix(text, "#"):
		default:
			// A vendored package of the current module.
			if cur == nil {
				res.Warn(in.Path, line, "package %q listed before any module line", text)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, diag.At(in.Path, line+1, 0, "parsing modules.txt: %v", err)
	}
	if len(mods) == 0 && bytes.ContainsFunc(data, func(r rune) bool { return r == 0 || r == '\uFFFD' }) {
		return nil, diag.At(in.Path, 1, 1, "parsing modules.txt: not a text file")
	}

	b := &builder{res: res, index: map[string]int{}}
	for _, m := range mods {
		if !m.explicit {
			setProp(&m.pkg, "go:indirect", "true")
			res.AddIndirectEdge(proj.ID, b.add(m.pkg), model.ScopeRuntime)
			continue
		}
		res.AddEdge(proj.ID, b.add(m.pkg), model.ScopeRuntime)
	}
	return res, nil
}

// parseVendorModule parses "path version", "path version => new version",
// "path => ./dir" or "path version => ./dir". A line that only restates a
// replacement without a version ("# path => ./dir" after the list, written
// for wildcard replacements) yields nil.
func parseVendorModule(file string, line int, s string) (*vendorModule, error) {
	left, right, replaced := strings.Cut(s, "=>")
	lf := strings.Fields(left)
	rf := strings.Fields(right)
	loc := model.Location{Path: file, Line: line}
	if len(lf) == 0 || len(lf) > 2 || (replaced && (len(rf) == 0 || len(rf) > 2)) {
		return nil, diag.At(file, line, 1, "parsing modules.txt: malformed module line %q", s)
	}
	if len(lf) == 1 {
		if !replaced {
			return nil, diag.At(file, line, 1, "parsing modules.txt: module %s has no version", lf[0])
		}
		// "# path => replacement": a replacement of every version, listed
		// for the record; the module itself has its own line.
		return nil, nil
	}
	m := &vendorModule{}
	switch {
	case !replaced:
		m.pkg = newModule(lf[0], lf[1], loc)
	case len(rf) == 1: // local folder
		m.pkg = extract.Unresolved(newModule(lf[0], "", loc), rf[0], "replaced by a local folder")
		setProp(&m.pkg, "go:replaces", lf[0]+"@"+lf[1])
	default:
		m.pkg = newModule(rf[0], rf[1], loc)
		setProp(&m.pkg, "go:replaces", lf[0]+"@"+lf[1])
	}
	return m, nil
}
