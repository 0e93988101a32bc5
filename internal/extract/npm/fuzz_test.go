package npm

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/ossaudit/ossaudit/internal/extract"
	"github.com/ossaudit/ossaudit/internal/extract/exttest"
)

func seeds(t testing.TB, pattern string) []string {
	m, err := filepath.Glob(filepath.Join("testdata", pattern))
	if err != nil || len(m) == 0 {
		t.Fatalf("no seeds for %s", pattern)
	}
	return m
}

func FuzzPackageLock(f *testing.F) {
	exttest.Fuzz(f, packageLockExtractor{}, "package-lock.json", seeds(f, "lockv*/package-lock.json")...)
}

func FuzzPackageJSON(f *testing.F) {
	exttest.Fuzz(f, manifestExtractor{}, "package.json", seeds(f, "*/package.json")...)
}

func FuzzYarnLock(f *testing.F) {
	exttest.Fuzz(f, yarnExtractor{}, "yarn.lock", seeds(f, "*/yarn.lock")...)
}

func FuzzPnpmLock(f *testing.F) {
	exttest.Fuzz(f, pnpmExtractor{}, "pnpm-lock.yaml", seeds(f, "pnpm*/pnpm-lock.yaml")...)
}

func FuzzBunLock(f *testing.F) {
	exttest.Fuzz(f, bunExtractor{}, "bun.lock", seeds(f, "bun/bun.lock")...)
}

// FuzzInstalled puts the fuzzed content at several package.json files of a
// node_modules tree.
func FuzzInstalled(f *testing.F) {
	for _, s := range seeds(f, "*/package.json") {
		data, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{
			"package.json":                                  {Data: data},
			"node_modules/a/package.json":                   {Data: data},
			"node_modules/@s/b/package.json":                {Data: data},
			"node_modules/a/node_modules/c/package.json":    {Data: data},
			"node_modules/a/node_modules/@s/b/package.json": {Data: data},
		}
		r, err := installedExtractor{}.Extract(context.Background(), &extract.Input{FS: fsys, Path: "node_modules", MaxFileSize: 1 << 20})
		if err == nil && r == nil {
			t.Fatal("nil result without error")
		}
	})
}
