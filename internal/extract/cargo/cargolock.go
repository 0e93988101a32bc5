package cargo

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/ossaudit/ossaudit/internal/diag"
	"github.com/ossaudit/ossaudit/internal/extract"
	"github.com/ossaudit/ossaudit/model"
	"github.com/package-url/packageurl-go"
	"github.com/pelletier/go-toml/v2"
)

// Extractors returns every Rust extractor.
func Extractors() []extract.Extractor { return []extract.Extractor{CargoLock{}} }

// CargoLock reads Cargo.lock files.
type CargoLock struct{}

// Name implements extract.Extractor.
func (CargoLock) Name() string { return "cargo/cargo-lock" }

// Ecosystem implements extract.Extractor.
func (CargoLock) Ecosystem() model.Ecosystem { return model.CratesIO }

// Kind implements extract.Extractor.
func (CargoLock) Kind() extract.Kind { return extract.KindLockfile }

// Description implements extract.Extractor.
func (CargoLock) Description() string {
	return "Rust crates: Cargo.lock (format versions 1 to 4), with workspace members from Cargo.toml"
}

// Match implements extract.Extractor.
func (CargoLock) Match(p string) bool { return path.Base(p) == "Cargo.lock" }

// The sources crates.io is known by, in git and sparse index form.
const (
	cratesIOSource = "registry+https://github.com/rust-lang/crates.io-index"
	cratesIOSparse = "sparse+https://index.crates.io/"
)

type lockfile struct {
	Version int           `toml:"version"`
	Package []lockPackage `toml:"package"`
	// Root is the root crate of the oldest lockfiles (before Cargo 1.0's
	// format settled), which listed it apart from the packages.
	Root     *lockPackage      `toml:"root"`
	Metadata map[string]string `toml:"metadata"`
}

type lockPackage struct {
	Name         string   `toml:"name"`
	Version      string   `toml:"version"`
	Source       string   `toml:"source"`
	Checksum     string   `toml:"checksum"`
	Dependencies []string `toml:"dependencies"`
}

// manifest is the part of Cargo.toml this package reads.
type manifest struct {
	Package *struct {
		Name string `toml:"name"`
	} `toml:"package"`
	Workspace *struct {
		Members []string `toml:"members"`
	} `toml:"workspace"`
}

// node is a decoded [[package]] with the ID it got.
type node struct {
	p     lockPackage
	id    string
	line  int
	crate bool // a path crate, i.e. a project
}

// Extract implements extract.Extractor.
func (CargoLock) Extract(ctx context.Context, in *extract.Input) (*extract.Result, error) {
	data, err := in.ReadFile()
	if err != nil {
		return nil, fmt.Errorf("reading Cargo.lock: %w", err)
	}
	if line, deep := tooDeep(data); deep {
		return nil, diag.At(in.Path, line, 0, "parsing Cargo.lock: arrays or tables nested more than %d deep", maxDepth)
	}
	var lf lockfile
	if err := toml.Unmarshal(data, &lf); err != nil {
		return nil, diag.Parse(in.Path, data, fmt.Errorf("parsing Cargo.lock: %w", err))
	}
	if lf.Version > 4 {
		return nil, diag.At(in.Path, 1, 1, "parsing Cargo.lock: unknown format version %d", lf.Version)
	}
	lines := packageLines(data)
	if lf.Root != nil {
		lf.Root.Source = ""
		lf.Package = append([]lockPackage{*lf.Root}, lf.Package...)
		lines = append([]int{sectionLine(data, "[root]")}, lines...)
	}
	res := &extract.Result{}
	dir := in.Dir()
	members, rootName, isWorkspace := readManifests(in, dir)

	nodes := make([]*node, 0, len(lf.Package))
	crates := 0
	for i, p := range lf.Package {
		n := &node{p: p}
		if i < len(lines) {
			n.line = lines[i]
		}
		if p.Name == "" {
			res.Error(in.Path, n.line, "package without a name")
			continue
		}
		n.crate = p.Source == ""
		if n.crate {
			crates++
		}
		nodes = append(nodes, n)
	}

	// Projects.
	rootID := extract.ProjectID(model.CratesIO, dir, "")
	haveRoot := false
	projects := map[string]int{}
	addProject := func(pr model.Project) {
		if i, ok := projects[pr.ID]; ok {
			if res.Projects[i].Name == "" {
				res.Projects[i].Name, res.Projects[i].Version, res.Projects[i].PURL = pr.Name, pr.Version, pr.PURL
			}
			return
		}
		projects[pr.ID] = len(res.Projects)
		res.Projects = append(res.Projects, pr)
	}
	for _, n := range nodes {
		if !n.crate {
			continue
		}
		u := packageurl.NewPackageURL(packageurl.TypeCargo, "", n.p.Name, n.p.Version, nil, "")
		pr := model.Project{Ecosystem: model.CratesIO, Name: n.p.Name, Version: n.p.Version, PURL: u.ToString(), Sources: []string{in.Path}}
		switch md, ok := members[n.p.Name]; {
		case n.p.Name == rootName || (rootName == "" && !isWorkspace && crates == 1):
			pr.ID, pr.Dir = rootID, dir
			haveRoot = true
		case ok:
			pr.ID, pr.Dir = extract.ProjectID(model.CratesIO, md, ""), md
		default:
			pr.ID, pr.Dir = extract.ProjectID(model.CratesIO, dir, n.p.Name), dir
		}
		n.id = pr.ID
		addProject(pr)
	}
	if !isWorkspace && len(res.Projects) == 0 { // only registry crates: still the folder's project
		addProject(model.Project{ID: rootID, Ecosystem: model.CratesIO, Name: rootName, Dir: dir, Sources: []string{in.Path}})
	}
	if isWorkspace {
		if !haveRoot { // a virtual workspace: the root has no crate of its own
			addProject(model.Project{ID: rootID, Ecosystem: model.CratesIO, Dir: dir, Sources: []string{in.Path}})
		}
		for i := range res.Projects {
			if res.Projects[i].ID != rootID {
				res.Projects[i].Workspace = rootID
			}
		}
	}

	// Packages.
	checksums := lf.Metadata
	index := map[string]int{}
	for _, n := range nodes {
		if n.crate {
			continue
		}
		u := packageurl.NewPackageURL(packageurl.TypeCargo, "", n.p.Name, n.p.Version, nil, "")
		loc := model.Location{Path: in.Path, Line: n.line}
		var p model.Package
		if n.p.Version == "" {
			p = extract.Unresolved(extract.NewPackage(model.CratesIO, *u, n.p.Name, n.p.Name, loc), n.p.Source, "no version in Cargo.lock")
		} else {
			p = extract.NewPackage(model.CratesIO, *u, n.p.Name, n.p.Name, loc)
		}
		props := map[string]string{}
		if n.p.Source != cratesIOSource && n.p.Source != cratesIOSparse {
			props["cargo:source"] = n.p.Source
		}
		sum := n.p.Checksum
		if sum == "" {
			sum = checksums["checksum "+n.p.Name+" "+n.p.Version+" ("+n.p.Source+")"]
		}
		if sum != "" {
			props["cargo:checksum"] = sum
		}
		if len(props) > 0 {
			p.Properties = props
		}
		n.id = p.ID
		if i, ok := index[p.ID]; ok {
			res.Packages[i].Locations = append(res.Packages[i].Locations, loc)
			continue
		}
		index[p.ID] = len(res.Packages)
		res.Packages = append(res.Packages, p)
	}

	// Edges.
	byName := map[string][]*node{}
	for _, n := range nodes {
		byName[n.p.Name] = append(byName[n.p.Name], n)
	}
	for _, n := range nodes {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		for _, d := range n.p.Dependencies {
			to := resolve(byName, d)
			if to == nil {
				res.Warn(in.Path, n.line, "dependency %q of %s %s matches no package or matches several", d, n.p.Name, n.p.Version)
				continue
			}
			res.AddEdge(n.id, to.id, model.ScopeRuntime)
		}
	}
	return res, nil
}

// resolve finds the package a dependency string names: "name",
// "name version" or "name version (source)".
func resolve(byName map[string][]*node, dep string) *node {
	f := strings.Fields(dep)
	if len(f) == 0 {
		return nil
	}
	var found *node
	for _, n := range byName[f[0]] {
		if len(f) > 1 && n.p.Version != f[1] {
			continue
		}
		if len(f) > 2 && "("+n.p.Source+")" != strings.Join(f[2:], " ") {
			continue
		}
		if found != nil && found.id != n.id {
			return nil // ambiguous
		}
		found = n
	}
	return found
}

// packageLines returns the line of every [[package]] header, in order.
func packageLines(data []byte) []int {
	var out []int
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), len(data)+1)
	line := 0
	for sc.Scan() {
		line++
		l := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(l, "[[") && strings.Trim(strings.TrimSuffix(strings.TrimPrefix(l, "[["), "]]"), " \t") == "package" {
			out = append(out, line)
		}
	}
	return out
}

// readManifests reads the Cargo.toml beside the lockfile and its workspace
// members' manifests: it returns each member crate's folder by crate name,
// the root crate's name and whether the root declares a workspace. Missing
// or unreadable manifests just give less.
func readManifests(in *extract.Input, dir string) (members map[string]string, rootName string, workspace bool) {
	members = map[string]string{}
	root, ok := readManifest(in, path.Join(dir, "Cargo.toml"))
	if !ok {
		return members, "", false
	}
	if root.Package != nil {
		rootName = root.Package.Name
	}
	if root.Workspace == nil {
		return members, rootName, false
	}
	for _, pat := range root.Workspace.Members {
		pat = path.Clean(path.Join(dir, pat))
		dirs := []string{pat}
		if strings.ContainsAny(pat, "*?[") {
			var err error
			if dirs, err = fs.Glob(in.FS, pat); err != nil {
				continue
			}
		}
		for _, d := range dirs {
			if m, ok := readManifest(in, path.Join(d, "Cargo.toml")); ok && m.Package != nil && m.Package.Name != "" {
				if _, dup := members[m.Package.Name]; !dup {
					members[m.Package.Name] = d
				}
			}
		}
	}
	return members, rootName, true
}

func readManifest(in *extract.Input, p string) (manifest, bool) {
	var m manifest
	data, err := in.ReadRel(p)
	if err != nil {
		return m, false
	}
	if _, deep := tooDeep(data); deep {
		return m, false
	}
	if err := toml.Unmarshal(data, &m); err != nil {
		return m, false
	}
	return m, true
}

// sectionLine returns the line of the first line that is header, or 0.
func sectionLine(data []byte, header string) int {
	for i, l := range strings.Split(string(data), "\n") {
		if strings.TrimSpace(l) == header {
			return i + 1
		}
	}
	return 0
}

// maxDepth caps the nesting of TOML arrays and inline tables, which the
// decoder follows by recursion. Cargo writes at most two levels.
const maxDepth = 64

// tooDeep reports whether data nests arrays or inline tables deeper than
// maxDepth outside strings and comments, and the line where it does.
func tooDeep(data []byte) (int, bool) {
	depth, line := 0, 1
	var quote byte // the quote of the string being read, if any
	for i := 0; i < len(data); i++ {
		c := data[i]
		if c == '\n' {
			line++
		}
		switch {
		case quote == '"' && c == '\\':
			i++ // skip the escaped byte
		case quote != 0:
			if c == quote || c == '\n' {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#':
			for i+1 < len(data) && data[i+1] != '\n' {
				i++
			}
		case c == '[' || c == '{':
			if depth++; depth > maxDepth {
				return line, true
			}
		case c == ']' || c == '}':
			if depth > 0 {
				depth--
			}
		}
	}
	return 0, false
}
