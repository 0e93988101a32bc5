package npm

import (
	"context"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/ossaudit/ossaudit/internal/extract"
	"github.com/ossaudit/ossaudit/model"
)

// installedExtractor reads the packages installed in a node_modules folder:
// every node_modules/<name>/package.json and node_modules/@scope/<name>/package.json,
// including nested node_modules, with edges by Node's lookup rule.
type installedExtractor struct{}

func (installedExtractor) Name() string               { return "npm/node-modules" }
func (installedExtractor) Ecosystem() model.Ecosystem { return model.Npm }
func (installedExtractor) Kind() extract.Kind         { return extract.KindInstalled }
func (installedExtractor) Description() string {
	return "node_modules folders: the package.json of every installed package"
}

// Match is false: node_modules folders come through MatchInstalled.
func (installedExtractor) Match(string) bool { return false }

// MatchInstalled reports whether dir is a node_modules folder.
func (installedExtractor) MatchInstalled(dir string) bool { return path.Base(dir) == "node_modules" }

// Caps on a node_modules tree: symbolic links can make it endless.
const (
	maxInstalledDepth = 64
	maxInstalled      = 200000
)

// installedPkg is one package found in node_modules.
type installedPkg struct {
	dir string // e.g. node_modules/a/node_modules/@s/b
	id  string
	m   *manifest
}

// Extract reads the node_modules folder at in.Path.
func (e installedExtractor) Extract(ctx context.Context, in *extract.Input) (*extract.Result, error) {
	top := path.Clean(in.Path)
	if _, err := fs.ReadDir(in.FS, top); err != nil {
		return nil, fmt.Errorf("reading %s: %w", top, err)
	}
	b := newBuilder(top)
	found := map[string]*installedPkg{}
	var order []string
	var walk func(nm string, depth int)
	readPkg := func(dir string, depth int) {
		file := dir + "/package.json"
		data, err := in.ReadRel(file)
		if err != nil {
			// Not a package (a stray folder or a broken link).
			return
		}
		m, err := parseManifest(file, data)
		if err != nil {
			b.res.Error(file, 0, "reading installed package: %v", err)
			return
		}
		name := m.Name
		if name == "" {
			name = strings.TrimPrefix(dir[strings.LastIndex(dir, "node_modules/")+len("node_modules/"):], "/")
		}
		version := m.Version
		if version == "" {
			version = "*"
		}
		props := map[string]string{propSource: "installed"}
		if lic := m.license(); lic != "" {
			props["npm:license"] = lic
		}
		id := b.pkg(name, version, m.nameLine, "", props)
		if id == "" {
			return
		}
		// Locations name the package.json, not the folder.
		q := &b.res.Packages[b.index[id]]
		q.Locations[len(q.Locations)-1].Path = file
		found[dir] = &installedPkg{dir: dir, id: id, m: m}
		order = append(order, dir)
		walk(dir+"/node_modules", depth+1)
	}
	walk = func(nm string, depth int) {
		if depth > maxInstalledDepth || len(order) >= maxInstalled || ctx.Err() != nil {
			return
		}
		ents, err := fs.ReadDir(in.FS, nm)
		if err != nil {
			return
		}
		for _, de := range ents {
			n := de.Name()
			if strings.HasPrefix(n, ".") {
				continue // .bin, .package-lock.json, .pnpm, .cache
			}
			if strings.HasPrefix(n, "@") {
				sub, err := fs.ReadDir(in.FS, nm+"/"+n)
				if err != nil {
					continue
				}
				for _, s := range sub {
					readPkg(nm+"/"+n+"/"+s.Name(), depth)
				}
				continue
			}
			readPkg(nm+"/"+n, depth)
		}
	}
	walk(top, 0)
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	// Node's rule: from folder D, look in D/node_modules, then in the
	// node_modules of each folder above, up to the project holding top.
	projectDir := path.Dir(top)
	lookup := func(from, dep string) *installedPkg {
		dir := from
		for {
			if path.Base(dir) != "node_modules" {
				if p := found[path.Join(dir, "node_modules", dep)]; p != nil {
					return p
				}
			}
			if dir == projectDir || dir == "." || dir == "/" || dir == "" {
				return nil
			}
			dir = path.Dir(dir)
		}
	}
	required := map[string]bool{}
	sort.Strings(order)
	for _, dir := range order {
		p := found[dir]
		for _, s := range sections[:3] { // dependencies, optional, peer
			for _, d := range sortedKeys(p.m.section(s.key)) {
				t := lookup(dir, d)
				if t == nil {
					if s.scope == model.ScopeRuntime {
						b.res.Warn(dir+"/package.json", 0, "%s depends on %s, which is not installed", p.m.Name, d)
					}
					continue
				}
				required[t.id] = true
				b.edge(p.id, t.id, s.scope)
			}
		}
	}

	// The project: the folder holding node_modules.
	m, _ := readManifest(in, path.Join(projectDir, "package.json"))
	if m != nil {
		root := b.project(projectDir, m.Name, m.Version, "")
		for _, d := range m.deps() {
			if t := lookup(projectDir, d.name); t != nil {
				b.edge(root, t.id, d.scope)
			}
		}
	} else {
		root := b.project(projectDir, "", "", "")
		for _, dir := range order {
			if path.Dir(dir) == top || path.Dir(path.Dir(dir)) == top && strings.HasPrefix(path.Base(path.Dir(dir)), "@") {
				if id := found[dir].id; !required[id] {
					b.edge(root, id, "")
				}
			}
		}
	}
	return b.res, nil
}
