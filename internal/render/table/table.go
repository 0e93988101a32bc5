// Package table renders a scan as a plain-text table for people at a
// terminal: one row per package, sorted by ecosystem, name and version,
// then a summary line.
package table

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/ossaudit/ossaudit/internal/render"
	"github.com/ossaudit/ossaudit/model"
)

// Renderers returns the table renderer.
func Renderers() []render.Renderer { return []render.Renderer{renderer{}} }

type renderer struct{}

func (renderer) Name() string { return "table" }
func (renderer) Description() string {
	return "a human-readable table of packages (the default on a terminal)"
}

func (renderer) Render(w io.Writer, r *model.Result, opts render.Options) error {
	pkgs := make([]*model.Package, len(r.Packages))
	for i := range r.Packages {
		pkgs[i] = &r.Packages[i]
	}
	sort.SliceStable(pkgs, func(i, j int) bool {
		a, b := pkgs[i], pkgs[j]
		if a.Ecosystem != b.Ecosystem {
			return a.Ecosystem < b.Ecosystem
		}
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.Version < b.Version
	})
	bold, reset := "", ""
	if opts.Color {
		bold, reset = "\033[1m", "\033[0m"
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "%sECOSYSTEM\tNAME\tVERSION\tSCOPE\tDIRECT\tDECLARED IN%s\n", bold, reset)
	direct := 0
	for _, p := range pkgs {
		version := p.Version
		if version == "" {
			version = "? (unresolved)"
			if p.Requirement != "" {
				version = p.Requirement + " (unresolved)"
			}
		}
		scope := string(p.Scope)
		if scope == "" {
			scope = "-"
		}
		d := ""
		if p.Direct {
			d = "yes"
			direct++
		}
		loc := ""
		if len(p.Locations) > 0 {
			loc = p.Locations[0].String()
			if n := len(p.Locations); n > 1 {
				loc += fmt.Sprintf(" (+%d)", n-1)
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", p.Ecosystem, p.Name, version, scope, d, loc)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	var ecos []string
	seen := map[model.Ecosystem]bool{}
	for _, p := range pkgs {
		if !seen[p.Ecosystem] {
			seen[p.Ecosystem] = true
			ecos = append(ecos, string(p.Ecosystem))
		}
	}
	_, err := fmt.Fprintf(w, "\n%d packages (%d direct) in %d projects [%s]; %d files walked, %d parsed\n",
		len(pkgs), direct, len(r.Projects), strings.Join(ecos, ", "), r.Stats.FilesWalked, r.Stats.FilesParsed)
	return err
}
