package main

import (
	"fmt"
	"sort"
	"text/tabwriter"

	"github.com/ossaudit/ossaudit/internal/extract/extractors"
	"github.com/ossaudit/ossaudit/internal/render/renderers"
)

func (e *env) help(args []string) error {
	if len(args) == 0 {
		fmt.Fprint(e.stdout, mainUsage)
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	defer tw.Flush()
	switch args[0] {
	case "formats":
		fmt.Fprintln(tw, "FORMAT\tDESCRIPTION")
		for _, r := range renderers.All() {
			fmt.Fprintf(tw, "%s\t%s\n", r.Name(), r.Description())
		}
	case "ecosystems":
		exs := extractors.All()
		sort.SliceStable(exs, func(i, j int) bool { return exs[i].Ecosystem() < exs[j].Ecosystem() })
		fmt.Fprintln(tw, "ECOSYSTEM\tREADER\tKIND\tFILES")
		for _, x := range exs {
			eco := string(x.Ecosystem())
			if eco == "" {
				eco = "(any)"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", eco, x.Name(), x.Kind(), x.Description())
		}
	default:
		return usagef("no help topic %q; try 'ossaudit help formats' or 'ossaudit help ecosystems'", args[0])
	}
	return nil
}
