package golang

import (
	"context"
	"errors"
	"fmt"
	"path"

	"github.com/ossaudit/ossaudit/internal/diag"
	"github.com/ossaudit/ossaudit/internal/extract"
	"github.com/ossaudit/ossaudit/model"
	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"
)

// GoMod reads go.mod files.
type GoMod struct{}

// Name implements extract.Extractor.
func (GoMod) Name() string { return "golang/go-mod" }

// Ecosystem implements extract.Extractor.
func (GoMod) Ecosystem() model.Ecosystem { return model.Go }

// Kind implements extract.Extractor. go.mod pins exact versions of the
// whole build list (minimal version selection needs no separate lock), so
// it counts as a lockfile: it merges with vendor/modules.txt instead of
// losing to it.
func (GoMod) Kind() extract.Kind { return extract.KindLockfile }

// Description implements extract.Extractor.
func (GoMod) Description() string {
	return "Go modules: go.mod (require, replace, go and toolchain lines)"
}

// Match implements extract.Extractor.
func (GoMod) Match(p string) bool { return path.Base(p) == "go.mod" }

// Extract implements extract.Extractor.
func (GoMod) Extract(ctx context.Context, in *extract.Input) (*extract.Result, error) {
	data, err := in.ReadFile()
	if err != nil {
		return nil, fmt.Errorf("reading go.mod: %w", err)
	}
	b := newBuilder()
	f, err := modfile.Parse(in.Path, data, nil)
	if err != nil {
		// A directive newer than golang.org/x/mod fails the strict parse;
		// the lax parse still gives the module, go line and requires, but
		// drops replace and exclude, so the scan is then incomplete.
		lax, laxErr := modfile.ParseLax(in.Path, data, nil)
		if laxErr != nil {
			return nil, modfileError(in.Path, data, err)
		}
		f = lax
		b.res.Diagnostics = append(b.res.Diagnostics, diag.Diagnostic(model.SevError, in.Path, "", modfileError(in.Path, data, err)))
		b.res.Warn(in.Path, 0, "go.mod read leniently: replace directives were not applied")
	}
	modPath := ""
	if f.Module != nil {
		modPath = f.Module.Mod.Path
	}
	proj := extract.NewProject(model.Go, in.Path, modPath, "")
	if modPath != "" {
		u := modulePURL(modPath, "")
		proj.PURL = u.ToString()
	} else {
		b.res.Warn(in.Path, 1, "go.mod has no module statement")
	}
	b.res.Projects = append(b.res.Projects, proj)

	loc := func(l *modfile.Line) model.Location {
		m := model.Location{Path: in.Path}
		if l != nil {
			m.Line = l.Start.Line
		}
		return m
	}

	// Replacements: by exact version first, then by path alone.
	byVersion := map[module.Version]*modfile.Replace{}
	byPath := map[string]*modfile.Replace{}
	for _, r := range f.Replace {
		if r.Old.Version != "" {
			byVersion[r.Old] = r
		} else {
			byPath[r.Old.Path] = r
		}
	}

	for _, req := range f.Require {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		p := newModule(req.Mod.Path, req.Mod.Version, loc(req.Syntax))
		r := byVersion[req.Mod]
		if r == nil {
			r = byPath[req.Mod.Path]
		}
		if r != nil {
			replaces := req.Mod.Path + "@" + req.Mod.Version
			if r.New.Version == "" { // local folder
				p = newModule(req.Mod.Path, "", loc(req.Syntax))
				p = extract.Unresolved(p, r.New.Path, "replaced by a local folder")
			} else {
				p = newModule(r.New.Path, r.New.Version, loc(req.Syntax))
			}
			p.Locations = append(p.Locations, loc(r.Syntax))
			setProp(&p, "go:replaces", replaces)
		}
		if req.Indirect {
			setProp(&p, "go:indirect", "true")
		}
		id := b.add(p)
		if req.Indirect {
			b.res.AddIndirectEdge(proj.ID, id, model.ScopeRuntime)
		} else {
			b.res.AddEdge(proj.ID, id, model.ScopeRuntime)
		}
	}

	// The toolchain line names the Go release that builds the module; the
	// go line only the oldest one allowed, so it gives the standard library
	// as a requirement, not a version (a vulnerability scan then says what
	// it could not decide instead of reporting every flaw of an old release).
	switch {
	case f.Toolchain != nil && f.Toolchain.Name != "default":
		std := newStdlib(stdlibVersion(f.Toolchain.Name), loc(f.Toolchain.Syntax))
		b.res.AddEdge(proj.ID, b.add(std), model.ScopeRuntime)
	case f.Go != nil && stdlibVersion(f.Go.Version) != "":
		std := newStdlib("", loc(f.Go.Syntax))
		std = extract.Unresolved(std, ">="+stdlibVersion(f.Go.Version),
			"go.mod's go line names the oldest Go release allowed; the toolchain that builds the module may be newer (a toolchain line, or scanning the binary, gives the exact one)")
		b.res.AddEdge(proj.ID, b.add(std), model.ScopeRuntime)
	}
	return b.res, nil
}

// modfileError turns an error of modfile into one with a position.
func modfileError(file string, data []byte, err error) error {
	var list modfile.ErrorList
	var one *modfile.Error
	var e modfile.Error
	switch {
	case errors.As(err, &list) && len(list) > 0:
		e = list[0]
	case errors.As(err, &one):
		e = *one
	default:
		return diag.Parse(file, data, fmt.Errorf("parsing go.mod: %w", err))
	}
	msg := "parsing go.mod: "
	if e.Verb != "" {
		msg += e.Verb + " "
		if e.ModPath != "" {
			msg += e.ModPath + ": "
		}
	}
	if e.Err != nil {
		msg += e.Err.Error()
	}
	if len(list) > 1 {
		msg += fmt.Sprintf(" (and %d more errors)", len(list)-1)
	}
	return diag.At(file, e.Pos.Line, e.Pos.LineRune, "%s", msg)
}
