package pypi

import (
	"os"
	"testing"
	"testing/fstest"

	"github.com/ossaudit/ossaudit/internal/extract"
	"github.com/ossaudit/ossaudit/internal/extract/exttest"
)

func FuzzRequirements(f *testing.F) {
	exttest.Fuzz(f, requirementsExtractor{}, "requirements.txt",
		"testdata/requirements/app/requirements.txt", "testdata/requirements/app/common.txt", "testdata/requirements/cycle/b.txt")
}

func FuzzPoetryLock(f *testing.F) {
	exttest.Fuzz(f, poetryExtractor{}, "poetry.lock", "testdata/poetry/groups/poetry.lock", "testdata/poetry/category/poetry.lock")
}

func FuzzPipfileLock(f *testing.F) {
	exttest.Fuzz(f, pipfileExtractor{}, "Pipfile.lock", "testdata/pipfile/Pipfile.lock")
}

func FuzzUVLock(f *testing.F) {
	exttest.Fuzz(f, uvExtractor{}, "uv.lock", "testdata/uv/workspace/uv.lock", "testdata/uv/noroot/uv.lock")
}

func FuzzPDMLock(f *testing.F) {
	exttest.Fuzz(f, pdmExtractor{}, "pdm.lock", "testdata/pdm/pdm.lock")
}

func FuzzPylock(f *testing.F) {
	exttest.Fuzz(f, pylockExtractor{}, "pylock.toml", "testdata/pylock/withdeps/pylock.toml", "testdata/pylock/flat/pylock.prod.toml")
}

// FuzzInstalled feeds arbitrary METADATA to the installed extractor. It
// cannot use exttest.Fuzz, which puts the input at the extracted path, while
// this extractor reads a folder.
func FuzzInstalled(f *testing.F) {
	for _, s := range []string{
		"testdata/installed/proj/.venv/lib/python3.12/site-packages/requests-2.31.0.dist-info/METADATA",
		"testdata/installed/proj/.venv/lib/python3.12/site-packages/urllib3-2.2.1.dist-info/METADATA",
		"testdata/installed/proj/.venv/lib/python3.12/site-packages/legacy_pkg-0.9.egg-info/requires.txt",
	} {
		data, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{
			"site-packages/a-1.0.dist-info/METADATA":    &fstest.MapFile{Data: data},
			"site-packages/b-1.0.egg-info/PKG-INFO":     &fstest.MapFile{Data: []byte("Name: b\nVersion: 1.0\n")},
			"site-packages/b-1.0.egg-info/requires.txt": &fstest.MapFile{Data: data},
		}
		r, err := installedExtractor{}.Extract(t.Context(), &extract.Input{FS: fsys, Path: "site-packages", MaxFileSize: 1 << 20})
		if err == nil && r == nil {
			t.Fatal("nil result without error")
		}
	})
}
