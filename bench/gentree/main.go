// Command gentree makes the benchmark tree of bench/inventory.sh: the
// real-world corpus (../shared/corpus) copied into a tree of many small
// ordinary files, like a large monorepo's source tree, so the walk is
// measured as well as the parsers.
package main

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

func main() {
	out := flag.String("out", "", "folder to create (must not exist)")
	corpus := flag.String("corpus", "../shared/corpus", "folder of real projects to copy in")
	files := flag.Int("files", 200000, "number of small files to generate")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "gentree: -out is required")
		os.Exit(3)
	}
	if _, err := os.Stat(*out); err == nil {
		fmt.Fprintf(os.Stderr, "gentree: %s exists; remove it first\n", *out)
		os.Exit(3)
	}
	// 40 top-level packages × 50 folders × N/2000 files each.
	perDir := *files / 2000
	if perDir < 1 {
		perDir = 1
	}
	n := 0
	for a := 0; a < 40 && n < *files; a++ {
		for b := 0; b < 50 && n < *files; b++ {
			dir := filepath.Join(*out, "src", fmt.Sprintf("pkg%02d", a), fmt.Sprintf("mod%02d", b))
			must(os.MkdirAll(dir, 0o755))
			for c := 0; c < perDir && n < *files; c++ {
				name := filepath.Join(dir, fmt.Sprintf("file%03d.go", c))
				must(os.WriteFile(name, []byte(fmt.Sprintf("package mod%02d\n\n// F%d is generated.\nfunc F%d() int { return %d }\n", b, c, c, n)), 0o644))
				n++
			}
		}
	}
	// The corpus projects, each under its own folder.
	err := filepath.WalkDir(*corpus, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(*corpus, p)
		dst := filepath.Join(*out, "projects", rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
	must(err)
	fmt.Printf("gentree: %d generated files plus the corpus in %s\n", n, *out)
}

func must(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "gentree:", err)
		os.Exit(1)
	}
}
