package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkScanCycloneDX runs `ossaudit scan DIR --format cyclonedx-json`
// in-process on each project of ../shared/corpus, as bench/inventory.sh
// does from the shell.
func BenchmarkScanCycloneDX(b *testing.B) {
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
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if code := run(context.Background(), []string{"scan", filepath.Join(dir, e.Name()), "--format", "cyclonedx-json"}, io.Discard, io.Discard); code != exitOK {
					b.Fatalf("exit %d", code)
				}
			}
		})
	}
}
