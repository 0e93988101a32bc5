package main

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"github.com/ossaudit/ossaudit/model"
	"github.com/ossaudit/ossaudit/scan"
)

func (e *env) why(ctx context.Context, args []string) (int, error) {
	fs := flag.NewFlagSet("why", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	var sf scanFlags
	sf.register(fs)
	limit := fs.Int("limit", 50, "show at most this many paths per package version (0: all, up to 100000)")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "Usage: ossaudit why PACKAGE[@VERSION] [PATH] [flags]\n\nShows every dependency path from a project to the package, shortest first.\n\nFlags:")
		fs.PrintDefaults()
	}
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return exitUsage, err
	}
	if len(pos) < 1 || len(pos) > 2 {
		return exitUsage, usagef("why takes PACKAGE[@VERSION] and an optional PATH")
	}
	target := "."
	if len(pos) == 2 {
		target = pos[1]
	}
	name, version := splitNameVersion(pos[0])
	res, err := scan.Run(ctx, sf.options(e, target))
	if err != nil {
		return exitUsage, usagef("%v", err)
	}
	var matches []*model.Package
	for i := range res.Packages {
		p := &res.Packages[i]
		if !nameMatches(p, name) {
			continue
		}
		if version != "" && p.Version != version && p.Requirement != version {
			continue
		}
		matches = append(matches, p)
	}
	if len(matches) == 0 {
		code := e.finish(res)
		fmt.Fprintf(e.stdout, "%s is not a dependency of anything in %s\n", pos[0], target)
		if code == exitOK {
			code = exitGate // nothing found: a script can test for it
		}
		return code, nil
	}
	g := model.NewGraph(res)
	max := *limit
	if max <= 0 {
		max = 100000
	}
	for i, p := range matches {
		if i > 0 {
			fmt.Fprintln(e.stdout)
		}
		fmt.Fprintf(e.stdout, "%s (%s, %s", res.Label(p.ID), p.Ecosystem, scopeWord(p.Scope))
		if p.Direct {
			fmt.Fprint(e.stdout, ", direct")
		}
		fmt.Fprintln(e.stdout, ")")
		paths, truncated := g.Paths(p.ID, max)
		if len(paths) == 0 {
			fmt.Fprintln(e.stdout, "  no project depends on it (it is listed, but nothing records what needs it)")
		}
		for _, path := range paths {
			labels := make([]string, len(path))
			for j, id := range path {
				labels[j] = res.Label(id)
			}
			line := "  " + strings.Join(labels, " → ")
			if len(path) > 1 {
				if d := res.Package(path[1]); d != nil && len(d.Locations) > 0 {
					line += "   (" + d.Locations[0].String() + ")"
				}
				if e, ok := g.Edge(path[0], path[1]); ok && e.Indirect {
					line += " [indirect: the input does not record which dependency needs it]"
				}
			}
			fmt.Fprintln(e.stdout, line)
		}
		if truncated {
			fmt.Fprintf(e.stdout, "  … more paths exist; raise --limit to see them\n")
		}
	}
	return e.finish(res), nil
}

func scopeWord(s model.Scope) string {
	if s == "" {
		return "scope unknown"
	}
	return string(s)
}

// splitNameVersion splits "name@version", keeping a leading @ of npm scopes.
func splitNameVersion(s string) (string, string) {
	i := strings.LastIndex(s, "@")
	if i <= 0 {
		return s, ""
	}
	return s[:i], s[i+1:]
}

func nameMatches(p *model.Package, name string) bool {
	return strings.EqualFold(p.Name, name) || strings.EqualFold(p.Key(), name)
}
