package npm

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/ossaudit/ossaudit/internal/diag"
	"github.com/ossaudit/ossaudit/internal/extract"
	"github.com/ossaudit/ossaudit/model"
)

// manifest is the part of a package.json this package reads.
type manifest struct {
	Name                 string            `json:"name"`
	Version              string            `json:"version"`
	Dependencies         map[string]string `json:"dependencies"`
	DevDependencies      map[string]string `json:"devDependencies"`
	OptionalDependencies map[string]string `json:"optionalDependencies"`
	PeerDependencies     map[string]string `json:"peerDependencies"`
	Workspaces           json.RawMessage   `json:"workspaces"`
	License              json.RawMessage   `json:"license"`
	Licenses             json.RawMessage   `json:"licenses"`

	// lines maps "section\x00name" to the line of a dependency.
	lines map[string]int
	// nameLine is the line of the "name" key (1 when absent).
	nameLine int
}

// section returns the dependencies of one section by its JSON key.
func (m *manifest) section(key string) map[string]string {
	switch key {
	case "dependencies":
		return m.Dependencies
	case "devDependencies":
		return m.DevDependencies
	case "optionalDependencies":
		return m.OptionalDependencies
	case "peerDependencies":
		return m.PeerDependencies
	}
	return nil
}

// directDep is one declared dependency of a manifest.
type directDep struct {
	name, rng string
	scope     model.Scope
	line      int
}

// deps lists the manifest's dependencies, sorted by section then name. A
// name in several sections (a peer also listed as dev, say) appears once,
// with the scope of the first section in the order of sections.
func (m *manifest) deps() []directDep {
	var out []directDep
	seen := map[string]bool{}
	for _, s := range sections {
		sec := m.section(s.key)
		names := make([]string, 0, len(sec))
		for n := range sec {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			if seen[n] {
				continue
			}
			seen[n] = true
			out = append(out, directDep{name: n, rng: sec[n], scope: s.scope, line: m.lines[s.key+"\x00"+n]})
		}
	}
	return out
}

// workspaces returns the workspace globs ("workspaces": [...] or
// "workspaces": {"packages": [...]}).
func (m *manifest) workspaces() []string {
	if len(m.Workspaces) == 0 {
		return nil
	}
	var list []string
	if json.Unmarshal(m.Workspaces, &list) == nil {
		return list
	}
	var obj struct {
		Packages []string `json:"packages"`
	}
	if json.Unmarshal(m.Workspaces, &obj) == nil {
		return obj.Packages
	}
	return nil
}

// license returns the declared licence: a string, {"type": ...}, or the old
// "licenses" array joined with OR.
func (m *manifest) license() string {
	var s string
	if json.Unmarshal(m.License, &s) == nil && s != "" {
		return s
	}
	var obj struct {
		Type string `json:"type"`
	}
	if json.Unmarshal(m.License, &obj) == nil && obj.Type != "" {
		return obj.Type
	}
	var arr []struct {
		Type string `json:"type"`
	}
	if json.Unmarshal(m.Licenses, &arr) == nil {
		var ts []string
		for _, a := range arr {
			if a.Type != "" {
				ts = append(ts, a.Type)
			}
		}
		return strings.Join(ts, " OR ")
	}
	return ""
}

// parseManifest decodes a package.json and finds the line of each
// dependency.
func parseManifest(file string, data []byte) (*manifest, error) {
	var m manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, diag.Parse(file, data, err)
	}
	m.lines = map[string]int{}
	m.nameLine = 1
	scanJSONKeys(data, func(p []string, key string, line int) {
		if len(p) == 0 && key == "name" {
			m.nameLine = line
		}
		if len(p) == 1 && m.section(p[0]) != nil {
			k := p[0] + "\x00" + key
			if _, ok := m.lines[k]; !ok {
				m.lines[k] = line
			}
		}
	})
	return &m, nil
}

// readManifest reads and parses the package.json at file (slash path);
// it returns nil, nil when the file does not exist.
func readManifest(in *extract.Input, file string) (*manifest, error) {
	data, err := in.ReadRel(file)
	if err != nil {
		if isNotExist(err) {
			return nil, nil
		}
		return nil, err
	}
	return parseManifest(file, data)
}

func isNotExist(err error) bool {
	return err != nil && (errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrInvalid))
}

// workspaceDirs expands the workspace globs of a manifest in folder dir into
// member folders that hold a package.json, sorted.
func workspaceDirs(in *extract.Input, dir string, globs []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, g := range globs {
		neg := strings.HasPrefix(g, "!")
		if neg {
			continue
		}
		g = strings.TrimSuffix(strings.TrimPrefix(g, "./"), "/")
		g = strings.ReplaceAll(g, "**", "*")
		matches, err := fs.Glob(in.FS, path.Join(dir, g, "package.json"))
		if err != nil {
			continue
		}
		for _, mf := range matches {
			d := path.Dir(mf)
			if d == path.Clean(dir) || seen[d] || strings.Contains("/"+d+"/", "/node_modules/") {
				continue
			}
			seen[d] = true
			out = append(out, d)
		}
	}
	sort.Strings(out)
	return out
}

// manifestExtractor reads package.json as a manifest.
type manifestExtractor struct{}

func (manifestExtractor) Name() string               { return "npm/package-json" }
func (manifestExtractor) Ecosystem() model.Ecosystem { return model.Npm }
func (manifestExtractor) Kind() extract.Kind         { return extract.KindManifest }
func (manifestExtractor) Description() string {
	return "package.json: the project, its workspaces and declared dependency ranges"
}

func (manifestExtractor) Match(p string) bool {
	return path.Base(p) == "package.json" && !strings.Contains("/"+p, "/node_modules/")
}

func (e manifestExtractor) Extract(ctx context.Context, in *extract.Input) (*extract.Result, error) {
	data, err := in.ReadFile()
	if err != nil {
		return nil, fmt.Errorf("reading package.json: %w", err)
	}
	m, err := parseManifest(in.Path, data)
	if err != nil {
		return nil, fmt.Errorf("parsing package.json: %w", err)
	}
	b := newBuilder(in.Path)
	dir := in.Dir()
	root := b.project(dir, m.Name, m.Version, "")
	for _, d := range workspaceDirs(in, dir, m.workspaces()) {
		name, version := "", ""
		if mm, err := readManifest(in, path.Join(d, "package.json")); err == nil && mm != nil {
			name, version = mm.Name, mm.Version
		}
		b.project(d, name, version, root)
	}
	for _, d := range m.deps() {
		name, rng := d.name, d.rng
		if real, r, ok := aliasTarget(rng); ok {
			name, rng = real, r
		}
		if rng == "" {
			rng = "*"
		}
		p := extract.NewPackage(model.Npm, purlOf(name, ""), name, name, model.Location{Path: in.Path, Line: d.line})
		p = extract.Unresolved(p, rng, "package.json declares a range; a lockfile pins the version")
		id := b.add(p, "", nil)
		b.edge(root, id, d.scope)
	}
	return b.res, nil
}
