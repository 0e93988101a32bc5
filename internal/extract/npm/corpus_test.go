package npm

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ossaudit/ossaudit/internal/extract/exttest"
	"github.com/ossaudit/ossaudit/model"
)

// corpusDir returns the shared corpus of real lockfiles, skipping the test
// when it is absent.
func corpusDir(t *testing.T) string {
	t.Helper()
	d := filepath.Join("..", "..", "..", "..", "shared", "corpus")
	if _, err := os.Stat(d); err != nil {
		t.Skip("no corpus at", d)
	}
	return d
}

// The independent counts below read the files line by line (or with a
// generic JSON decode), not with the extractors' code.

// pnpmCount counts the distinct keys of the top-level "packages:" map.
func pnpmCount(data []byte) int {
	keys := map[string]bool{}
	in := false
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		l := sc.Text()
		if l == "" {
			continue
		}
		if l[0] != ' ' {
			in = l == "packages:"
			continue
		}
		if in && strings.HasPrefix(l, "  ") && l[2] != ' ' {
			k := strings.Trim(strings.TrimSuffix(strings.TrimSpace(l), ":"), "'")
			if i := strings.IndexByte(k, '('); i > 0 {
				k = k[:i]
			}
			keys[k] = true
		}
	}
	return len(keys)
}

// yarnCount counts the distinct name@version of a yarn.lock's entries:
// the name from the entry's first descriptor (or berry's resolution), the
// version from its version field. Berry workspaces are left out.
func yarnCount(data []byte) int {
	seen := map[string]bool{}
	var name, version string
	flush := func() {
		if name != "" && version != "" && version != "0.0.0-use.local" {
			seen[name+"@"+version] = true
		}
		name, version = "", ""
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		l := sc.Text()
		switch {
		case l == "" || l[0] == '#':
		case l[0] != ' ':
			flush()
			if strings.HasPrefix(l, "__metadata") {
				continue
			}
			d := strings.Trim(strings.Split(strings.TrimSuffix(l, ":"), ",")[0], `"`)
			i := strings.IndexByte(d[1:], '@') + 1
			name = d[:i]
			if rest := d[i+1:]; strings.HasPrefix(rest, "npm:") && strings.Contains(rest[4:], "@") {
				a := rest[4:]
				name = a[:strings.LastIndexByte(a, '@')]
			}
		case strings.HasPrefix(l, "  version"):
			version = strings.Trim(strings.TrimSpace(strings.TrimLeft(strings.TrimPrefix(l, "  version"), ":")), `"`)
		case strings.HasPrefix(l, "  resolution: "):
			r := strings.Trim(strings.TrimPrefix(l, "  resolution: "), `"`)
			name = r[:strings.IndexByte(r[1:], '@')+1]
		}
	}
	flush()
	return len(seen)
}

// lockCount decodes a package-lock v2/v3 generically and counts the
// distinct name@version of the node_modules entries.
func lockCount(t *testing.T, data []byte) int {
	var lf struct {
		Packages map[string]struct {
			Name, Version string
		}
	}
	if err := json.Unmarshal(data, &lf); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for k, p := range lf.Packages {
		i := strings.LastIndex(k, "node_modules/")
		if i < 0 {
			continue
		}
		name := p.Name
		if name == "" {
			name = k[i+len("node_modules/"):]
		}
		seen[name+"@"+p.Version] = true
	}
	return len(seen)
}

func TestCorpus(t *testing.T) {
	root := corpusDir(t)
	tests := []struct {
		extractor, dir, file string
		count                func(*testing.T, []byte) int
		projects             int
	}{
		{"npm/pnpm-lock", "argo-cd/ui", "pnpm-lock.yaml", func(_ *testing.T, b []byte) int { return pnpmCount(b) }, 1},
		{"npm/pnpm-lock", "tauri", "pnpm-lock.yaml", func(_ *testing.T, b []byte) int { return pnpmCount(b) }, 7},
		{"npm/pnpm-lock", "paperless-ngx/src-ui", "pnpm-lock.yaml", func(_ *testing.T, b []byte) int { return pnpmCount(b) }, 1},
		{"npm/yarn-lock", "jenkins", "yarn.lock", func(_ *testing.T, b []byte) int { return yarnCount(b) }, 1},
		{"npm/yarn-lock", "wallabag", "yarn.lock", func(_ *testing.T, b []byte) int { return yarnCount(b) }, 1},
		{"npm/package-lock", "paperless-ngx/src/paperless_mail/templates", "package-lock.json", lockCount, 1},
	}
	for _, tc := range tests {
		t.Run(tc.dir, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(root, tc.dir, tc.file))
			if err != nil {
				t.Skip(err)
			}
			r, err := exttest.Run(t, byName(t, tc.extractor), filepath.Join(root, tc.dir), tc.file)
			if err != nil {
				t.Fatal(err)
			}
			exttest.CheckIntegrity(t, r)
			want := tc.count(t, data)
			if want < 50 || len(r.Packages) != want {
				t.Errorf("%d packages, want %d", len(r.Packages), want)
			}
			if len(r.Projects) != tc.projects {
				t.Errorf("%d projects, want %d", len(r.Projects), tc.projects)
			}
			for _, d := range r.Diagnostics {
				t.Errorf("diagnostic: %s", d)
			}
			direct := exttest.Direct(r)
			if len(direct) == 0 {
				t.Error("no direct dependencies")
			}
			for _, p := range r.Packages {
				if p.Locations[0].Line == 0 {
					t.Errorf("%s has no line", p.ID)
				}
			}
		})
	}
	// The manifests beside the lockfiles parse too.
	for _, dir := range []string{"argo-cd/ui", "jenkins", "wallabag", "tauri", "paperless-ngx/src-ui"} {
		r, err := exttest.Run(t, byName(t, "npm/package-json"), filepath.Join(root, dir), "package.json")
		if err != nil {
			t.Errorf("%s: %v", dir, err)
			continue
		}
		exttest.CheckIntegrity(t, r)
		if len(r.Packages) == 0 || r.Projects[0].Ecosystem != model.Npm {
			t.Errorf("%s/package.json: %d packages", dir, len(r.Packages))
		}
	}
}

// BenchmarkPnpmCorpus measures the largest pnpm lockfile of the corpus.
func BenchmarkPnpmCorpus(b *testing.B) {
	d := filepath.Join("..", "..", "..", "..", "shared", "corpus", "argo-cd", "ui")
	if _, err := os.Stat(d); err != nil {
		b.Skip(err)
	}
	for b.Loop() {
		if _, err := exttest.Run(b, pnpmExtractor{}, d, "pnpm-lock.yaml"); err != nil {
			b.Fatal(err)
		}
	}
}
