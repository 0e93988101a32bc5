package scan

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/ossaudit/ossaudit/model"
)

// corpusDir is ../shared/corpus beside the repository: the lockfiles of six
// real projects (see its SOURCES.md).
func corpusDir(t *testing.T) string {
	t.Helper()
	dir, _ := filepath.Abs(filepath.Join("..", "..", "shared", "corpus"))
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("real-world corpus not found at %s", dir)
	}
	return dir
}

// namedPackages lists, independently of ossaudit's parsers and with plain
// text scanning, the name@version pairs a lockfile names.
func namedPackages(t *testing.T, path string) []string {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	base := filepath.Base(path)
	switch {
	case base == "Cargo.lock" || base == "poetry.lock" || base == "uv.lock":
		out = tomlPackages(data)
	case base == "composer.lock":
		var raw map[string]json.RawMessage
		json.Unmarshal(data, &raw)
		for _, k := range []string{"packages", "packages-dev"} {
			var list []struct{ Name, Version string }
			json.Unmarshal(raw[k], &list)
			for _, p := range list {
				out = append(out, p.Name+"@"+strings.TrimPrefix(p.Version, "v"))
			}
		}
	case base == "package-lock.json":
		var doc struct {
			Packages map[string]struct {
				Name, Version string
				Link          bool
			}
		}
		json.Unmarshal(data, &doc)
		for k, p := range doc.Packages {
			i := strings.LastIndex(k, "node_modules/")
			if i < 0 || p.Link {
				continue
			}
			name := p.Name
			if name == "" {
				name = k[i+len("node_modules/"):]
			}
			out = append(out, name+"@"+p.Version)
		}
	case base == "pnpm-lock.yaml":
		out = pnpmPackages(data)
	case base == "yarn.lock":
		out = yarnPackages(data)
	case base == "go.mod":
		out = goModPackages(data)
	case base == "requirements.txt":
		re := regexp.MustCompile(`(?m)^([A-Za-z0-9._-]+)(\[[^\]]*\])?==([^\s;#]+)`)
		for _, m := range re.FindAllSubmatch(data, -1) {
			out = append(out, strings.ToLower(string(m[1]))+"@"+string(m[3]))
		}
	}
	sort.Strings(out)
	return dedupe(out)
}

var tomlNameRE = regexp.MustCompile(`(?m)^\[\[package\]\]\s*\nname = "([^"]+)"\s*\nversion = "([^"]+)"`)

func tomlPackages(data []byte) []string {
	var out []string
	for _, m := range tomlNameRE.FindAllSubmatch(data, -1) {
		out = append(out, string(m[1])+"@"+string(m[2]))
	}
	return out
}

func pnpmPackages(data []byte) []string {
	var out []string
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	in := false
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, " ") && strings.HasSuffix(line, ":") {
			in = line == "packages:"
			continue
		}
		if !in || !strings.HasPrefix(line, "  ") || strings.HasPrefix(line, "   ") {
			continue
		}
		key := strings.Trim(strings.TrimSuffix(strings.TrimSpace(line), ":"), "'\"")
		if i := strings.Index(key, "("); i >= 0 {
			key = key[:i]
		}
		at := strings.LastIndex(key, "@")
		if at <= 0 {
			continue
		}
		out = append(out, key[:at]+"@"+key[at+1:])
	}
	return out
}

// yarnPackages handles classic and berry lockfiles: the name comes from the
// entry's first descriptor, the version from its version field; workspace
// entries (the project itself) are left out.
func yarnPackages(data []byte) []string {
	var out []string
	var name string
	for _, line := range strings.Split(string(data), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if !strings.HasPrefix(line, " ") {
			first := strings.Trim(strings.SplitN(strings.TrimSuffix(line, ":"), ",", 2)[0], "\" ")
			at := strings.Index(first[1:], "@") + 1
			name = ""
			if at > 0 && !strings.Contains(first, "@workspace:") && first != "__metadata" {
				name = first[:at]
				if strings.HasPrefix(first[at+1:], "npm:") && strings.Contains(first[at+5:], "@") {
					// alias "foo@npm:bar@^1": the real package is bar
					rest := first[at+5:]
					name = rest[:strings.LastIndex(rest, "@")]
				}
			}
			continue
		}
		t := strings.TrimSpace(line)
		if name != "" && (strings.HasPrefix(t, "version ") || strings.HasPrefix(t, "version:")) && !strings.HasPrefix(line, "    ") {
			v := strings.Trim(strings.TrimSpace(t[len("version")+1:]), "\"")
			out = append(out, name+"@"+v)
		}
	}
	return out
}

func goModPackages(data []byte) []string {
	var out []string
	inBlock := false
	for _, line := range strings.Split(string(data), "\n") {
		t := strings.TrimSpace(line)
		switch {
		case t == "require (":
			inBlock = true
			continue
		case t == ")":
			inBlock = false
			continue
		case strings.HasPrefix(t, "require "):
			t = strings.TrimPrefix(t, "require ")
		case !inBlock:
			continue
		}
		f := strings.Fields(t)
		if len(f) >= 2 && !strings.HasPrefix(f[0], "//") {
			out = append(out, f[0]+"@"+f[1])
		}
	}
	return out
}

func dedupe(s []string) []string {
	out := s[:0]
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// found reports which name@version pairs the scan has, comparing names the
// way each ecosystem does.
func foundSet(r *model.Result) map[string]bool {
	m := map[string]bool{}
	for _, p := range r.Packages {
		v := p.Version
		for _, n := range []string{p.Name, p.Key(), strings.ToLower(p.Name)} {
			m[n+"@"+v] = true
			m[n+"@v"+v] = true
			if p.Properties["composer:version"] != "" {
				m[n+"@"+p.Properties["composer:version"]] = true
			}
			if u := p.Properties["npm:resolved"]; u != "" {
				m[n+"@"+u] = true // tarball and git dependencies are keyed by URL
			}
			if r := p.Properties["go:replaces"]; r != "" {
				m[r] = true
			}
		}
	}
	// workspace members and path crates are projects, not packages
	for _, p := range r.Projects {
		m[p.Name+"@"+p.Version] = true
	}
	return m
}

var lockfileNames = map[string]bool{
	"Cargo.lock": true, "poetry.lock": true, "uv.lock": true, "composer.lock": true, "package-lock.json": true,
	"pnpm-lock.yaml": true, "yarn.lock": true, "go.mod": true, "requirements.txt": true,
}

// TestCorpusEveryLockedPackageFound scans each real project and checks
// that every package its lockfiles name is in the result, and that the
// scan is complete.
func TestCorpusEveryLockedPackageFound(t *testing.T) {
	root := corpusDir(t)
	projects, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, pr := range projects {
		if !pr.IsDir() {
			continue
		}
		t.Run(pr.Name(), func(t *testing.T) {
			dir := filepath.Join(root, pr.Name())
			res, err := Run(context.Background(), Options{Target: dir})
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range res.Diagnostics {
				if d.Severity == model.SevError {
					t.Errorf("diagnostic: %s", d)
				}
			}
			have := foundSet(res)
			total := 0
			filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
				if err != nil || info.IsDir() || !lockfileNames[info.Name()] {
					return nil
				}
				named := namedPackages(t, p)
				total += len(named)
				var missing []string
				for _, n := range named {
					if !have[n] {
						missing = append(missing, n)
					}
				}
				if len(missing) > 0 {
					rel, _ := filepath.Rel(root, p)
					t.Errorf("%s: %d of %d packages it names are missing from the scan, e.g. %v", rel, len(missing), len(named), head(missing, 8))
				}
				return nil
			})
			t.Logf("%s: %d packages in the scan; %d name@version pairs named by its lockfiles", pr.Name(), len(res.Packages), total)
		})
	}
}

func head(s []string, n int) []string {
	if len(s) > n {
		return s[:n]
	}
	return s
}
