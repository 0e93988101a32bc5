package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkScanWithAdvisories runs a scan with the advisory database named
// by OSSAUDIT_BENCH_DB (import ../shared/data/osv into it first) on each
// project of ../shared/corpus, as bench/vulns.sh does from the shell.
func BenchmarkScanWithAdvisories(b *testing.B) {
	db := os.Getenv("OSSAUDIT_BENCH_DB")
	if db == "" {
		b.Skip("set OSSAUDIT_BENCH_DB to a database made with 'ossaudit db import ../shared/data/osv'")
	}
	dir, _ := filepath.Abs(filepath.Join("..", "..", "..", "shared", "corpus"))
	entries, err := os.ReadDir(dir)
	if err != nil {
		b.Skipf("corpus not found: %v", err)
	}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		b.Run(e.Name(), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				run(context.Background(), []string{"scan", filepath.Join(dir, e.Name()), "--db", db, "--format", "json", "--max-db-age", "100000d"}, io.Discard, io.Discard)
			}
		})
	}
}
