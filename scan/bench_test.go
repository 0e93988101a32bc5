package scan

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkScanCorpus scans each real project of ../shared/corpus.
func BenchmarkScanCorpus(b *testing.B) {
	dir, _ := filepath.Abs(filepath.Join("..", "..", "shared", "corpus"))
	projects, err := os.ReadDir(dir)
	if err != nil {
		b.Skipf("corpus not found: %v", err)
	}
	for _, p := range projects {
		if !p.IsDir() {
			continue
		}
		b.Run(p.Name(), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := Run(context.Background(), Options{Target: filepath.Join(dir, p.Name())}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkScanTree scans the tree named by OSSAUDIT_BENCH_TREE (make one
// with `go run ./bench/gentree -out DIR`), e.g. 200,000 small files.
func BenchmarkScanTree(b *testing.B) {
	tree := os.Getenv("OSSAUDIT_BENCH_TREE")
	if tree == "" {
		b.Skip("set OSSAUDIT_BENCH_TREE to a folder made by bench/gentree")
	}
	for i := 0; i < b.N; i++ {
		if _, err := Run(context.Background(), Options{Target: tree}); err != nil {
			b.Fatal(err)
		}
	}
}
