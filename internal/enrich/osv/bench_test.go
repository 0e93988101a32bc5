package osv

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ossaudit/ossaudit/model"
)

const sharedOSV = "../../../../shared/data/osv"

func sharedZips(b *testing.B) []string {
	b.Helper()
	zips, _ := filepath.Glob(filepath.Join(sharedOSV, "*", "all.zip"))
	if len(zips) == 0 {
		b.Skip("shared OSV snapshot not present")
	}
	return zips
}

// importShared imports the whole shared snapshot once per benchmark.
func importShared(b *testing.B) string {
	b.Helper()
	zips := sharedZips(b)
	dir := b.TempDir()
	if _, err := Import(context.Background(), dir, zips, ImportOptions{Replace: true}); err != nil {
		b.Fatal(err)
	}
	return dir
}

func BenchmarkImportAll(b *testing.B) {
	zips := sharedZips(b)
	dir := b.TempDir()
	var rep *ImportReport
	for b.Loop() {
		var err error
		rep, err = Import(context.Background(), dir, zips, ImportOptions{Replace: true})
		if err != nil {
			b.Fatal(err)
		}
	}
	fi, err := os.Stat(filepath.Join(dir, FileName))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(rep.Records), "records")
	b.ReportMetric(float64(fi.Size())/(1<<20), "MiB")
}

func BenchmarkOpen(b *testing.B) {
	dir := importShared(b)
	for b.Loop() {
		db, err := Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		db.Close()
	}
}

// BenchmarkOpenLookup is a cold command: open, one lookup, close.
func BenchmarkOpenLookup(b *testing.B) {
	dir := importShared(b)
	for b.Loop() {
		db, err := Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		es, err := db.Lookup("PyPI", "pillow")
		if err != nil || len(es) == 0 {
			b.Fatal(len(es), err)
		}
		db.Close()
	}
}

// graph10k draws 10,000 packages from the package names of the database,
// in the ecosystems ossaudit reads, each at a version taken from its
// advisories' events (so that both hits and misses occur).
func graph10k(b *testing.B, db *DB) []model.Package {
	b.Helper()
	known := map[string]bool{}
	for _, e := range []model.Ecosystem{model.Npm, model.Go, model.PyPI, model.CratesIO, model.RubyGems, model.Packagist, model.Maven, model.NuGet, model.Pub, model.Hex} {
		known[string(e)] = true
	}
	type name struct{ eco, name string }
	var names []name
	for i := 0; i < db.n; i++ {
		k, _, err := db.entry(i)
		if err != nil {
			b.Fatal(err)
		}
		rest, ok := bytes.CutPrefix(k, []byte(pkgPrefix))
		if !ok {
			continue
		}
		eco, n, _ := strings.Cut(string(rest), "\x00")
		if known[eco] {
			names = append(names, name{eco, n})
		}
	}
	pkgs := make([]model.Package, 0, 10000)
	for i := 0; len(pkgs) < 10000; i++ {
		nm := names[i%len(names)]
		es, err := db.Lookup(nm.eco, nm.name)
		if err != nil {
			b.Fatal(err)
		}
		var vers []string
		for _, e := range es {
			for _, r := range e.Ranges {
				for _, ev := range r.Events {
					for _, v := range []string{ev.Introduced, ev.Fixed, ev.LastAffected} {
						if v != "" && v != "0" && r.Type != RangeGit {
							vers = append(vers, v)
						}
					}
				}
			}
		}
		v := "1.0.0"
		if len(vers) > 0 {
			v = vers[(i/len(names))%len(vers)]
		}
		if nm.eco == "Go" && !strings.HasPrefix(v, "v") {
			v = "v" + v
		}
		pkgs = append(pkgs, model.Package{ID: fmt.Sprintf("%s/%s@%s#%d", nm.eco, nm.name, v, i), Ecosystem: model.Ecosystem(nm.eco), Name: nm.name, Version: v})
	}
	return pkgs
}

func BenchmarkMatch10k(b *testing.B) {
	dir := importShared(b)
	db, err := Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	pkgs := graph10k(b, db)
	var fs []Finding
	var ds []model.Diagnostic
	for b.Loop() {
		fs, ds = db.Match(pkgs)
	}
	b.ReportMetric(float64(len(fs)), "findings")
	b.ReportMetric(float64(len(ds)), "diagnostics")
}

func BenchmarkLookup(b *testing.B) {
	dir := importShared(b)
	db, err := Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	for b.Loop() {
		if es, _ := db.Lookup("PyPI", "Django"); len(es) == 0 {
			b.Fatal("no django")
		}
	}
}

// BenchmarkMatch10kTypical is closer to a real graph, where most packages
// have no advisory: a tenth of the packages of graph10k, the rest named by
// no record.
func BenchmarkMatch10kTypical(b *testing.B) {
	dir := importShared(b)
	db, err := Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	pkgs := graph10k(b, db)
	ecos := []model.Ecosystem{model.Npm, model.PyPI, model.Go, model.CratesIO}
	for i := range pkgs {
		if i%10 != 0 {
			eco := ecos[i%len(ecos)]
			pkgs[i] = model.Package{ID: fmt.Sprintf("clean-%d", i), Ecosystem: eco, Name: fmt.Sprintf("no-advisory-%d", i), Version: "v1.2.3"}
		}
	}
	var fs []Finding
	for b.Loop() {
		fs, _ = db.Match(pkgs)
	}
	b.ReportMetric(float64(len(fs)), "findings")
}
