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
	if _, err := fmt.Fprintf(w, "\n%d packages (%d direct) in %d projects [%s]; %d files walked, %d parsed\n",
		len(pkgs), direct, len(r.Projects), strings.Join(ecos, ", "), r.Stats.FilesWalked, r.Stats.FilesParsed); err != nil {
		return err
	}
	return vulnerabilities(w, r, opts)
}

// ratingColor gives each severity its terminal colour.
var ratingColor = map[model.Rating]string{
	model.RatingCritical: "\033[1;31m", model.RatingHigh: "\033[31m", model.RatingMedium: "\033[33m",
	model.RatingLow: "\033[36m", model.RatingNone: "", model.RatingUnknown: "\033[35m",
}

// vulnerabilities writes one row per vulnerability, worst first: severity,
// id, package, installed → fixed version, and the shortest path.
func vulnerabilities(w io.Writer, r *model.Result, opts render.Options) error {
	if len(r.Vulnerabilities) == 0 {
		return nil
	}
	var vs []*model.Vulnerability
	ignored := 0
	for i := range r.Vulnerabilities {
		if r.Vulnerabilities[i].Ignored != nil {
			ignored++ // kept in JSON with the reason; not a row here
			continue
		}
		vs = append(vs, &r.Vulnerabilities[i])
	}
	sort.SliceStable(vs, func(i, j int) bool { return vs[i].Rating.Rank() > vs[j].Rating.Rank() })
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SEVERITY\tID\tPACKAGE\tINSTALLED\tFIX\tPATH")
	counts := map[model.Rating]int{}
	for _, v := range vs {
		counts[v.Rating]++
		name, installed := v.Package, ""
		if p := r.Package(v.Package); p != nil {
			name, installed = p.Name, p.Version
		}
		fix := v.UpgradeTo
		if fix == "" {
			fix = "no fix known"
		}
		path := ""
		if len(v.Paths) > 0 {
			labels := make([]string, len(v.Paths[0]))
			for i, id := range v.Paths[0] {
				labels[i] = r.Label(id)
			}
			path = strings.Join(labels, " → ")
		}
		sev := string(v.Rating)
		if opts.Color && ratingColor[v.Rating] != "" {
			sev = ratingColor[v.Rating] + sev + "\033[0m"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", sev, v.ID, name, installed, fix, path)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	var parts []string
	for _, rt := range model.RatingsWorstFirst() {
		if counts[rt] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", counts[rt], rt))
		}
	}
	note := ""
	if ignored > 0 {
		note = fmt.Sprintf(" (%d more ignored by the policy file)", ignored)
	}
	_, err := fmt.Fprintf(w, "\n%d vulnerabilities: %s%s\n", len(vs), strings.Join(parts, ", "), note)
	return err
}
