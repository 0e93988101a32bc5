package pub

import (
	"context"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/ossaudit/ossaudit/internal/diag"
	"github.com/ossaudit/ossaudit/internal/extract"
	"github.com/ossaudit/ossaudit/model"
	"github.com/package-url/packageurl-go"
	"gopkg.in/yaml.v3"
)

// Extractors returns every extractor of this package.
func Extractors() []extract.Extractor { return []extract.Extractor{PubspecLock{}} }

// PubspecLock reads pubspec.lock.
type PubspecLock struct{}

// Name implements extract.Extractor.
func (PubspecLock) Name() string { return "pub/pubspec-lock" }

// Ecosystem implements extract.Extractor.
func (PubspecLock) Ecosystem() model.Ecosystem { return model.Pub }

// Kind implements extract.Extractor.
func (PubspecLock) Kind() extract.Kind { return extract.KindLockfile }

// Description implements extract.Extractor.
func (PubspecLock) Description() string { return "Dart and Flutter lockfiles: pubspec.lock" }

// Match implements extract.Extractor.
func (PubspecLock) Match(p string) bool { return path.Base(p) == "pubspec.lock" }

type lockEntry struct {
	Dependency  string    `yaml:"dependency"`
	Description yaml.Node `yaml:"description"`
	Source      string    `yaml:"source"`
	Version     string    `yaml:"version"`
}

// description is the mapping form of an entry's description.
type description struct {
	Name        string `yaml:"name"`
	URL         string `yaml:"url"`
	SHA256      string `yaml:"sha256"`
	Path        string `yaml:"path"`
	Ref         string `yaml:"ref"`
	ResolvedRef string `yaml:"resolved-ref"`
}

// Extract implements extract.Extractor.
func (x PubspecLock) Extract(ctx context.Context, in *extract.Input) (*extract.Result, error) {
	data, err := in.ReadFile()
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", in.Path, err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("parsing pubspec.lock: %w", diag.Parse(in.Path, data, err))
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		line := 1
		if len(doc.Content) > 0 {
			line = doc.Content[0].Line
		}
		return nil, fmt.Errorf("parsing pubspec.lock: %w", diag.At(in.Path, line, 0, "expected a mapping with a packages key"))
	}
	root := doc.Content[0]
	r := &extract.Result{}
	spec, _ := readPubspec(in, in.Dir())
	proj := extract.NewProject(model.Pub, in.Path, spec.Name, spec.Version)
	r.Projects = append(r.Projects, proj)
	members := workspaceMembers(in, spec, proj.ID)
	for _, m := range members {
		r.Projects = append(r.Projects, m.project)
	}
	// direct maps the name of each direct package to its ID and the scope
	// the lockfile gives it.
	type directDep struct {
		id    string
		scope model.Scope
	}
	direct := map[string]directDep{}

	sdks := map[string]string{}
	if n := lookup(root, "sdks"); n != nil {
		if err := n.Decode(&sdks); err != nil {
			r.Warn(in.Path, n.Line, "cannot read the sdks section: %v", err)
		}
	}
	pkgs := lookup(root, "packages")
	if pkgs == nil {
		r.Warn(in.Path, root.Line, "pubspec.lock has no packages section")
		return r, nil
	}
	if pkgs.Kind != yaml.MappingNode {
		if pkgs.Kind == yaml.ScalarNode && (pkgs.Tag == "!!null" || pkgs.Value == "{}") {
			return r, nil
		}
		return nil, fmt.Errorf("parsing pubspec.lock: %w", diag.At(in.Path, pkgs.Line, pkgs.Column, "packages is not a mapping"))
	}
	index := map[string]int{}
	for i := 0; i+1 < len(pkgs.Content); i += 2 {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		key, val := pkgs.Content[i], pkgs.Content[i+1]
		var e lockEntry
		if key.Kind != yaml.ScalarNode || key.Value == "" {
			r.Error(in.Path, key.Line, "package key is not a name")
			continue
		}
		if err := val.Decode(&e); err != nil {
			r.Error(in.Path, key.Line, "cannot read package %s: %v", key.Value, diag.Parse(in.Path, data, err))
			continue
		}
		loc := model.Location{Path: in.Path, Line: key.Line}
		p := x.pkg(r, in.Path, key.Value, e, sdks, loc)
		if j, seen := index[p.ID]; seen { // YAML forbids repeated keys; be safe anyway
			r.Packages[j].Locations = append(r.Packages[j].Locations, loc)
		} else {
			index[p.ID] = len(r.Packages)
			r.Packages = append(r.Packages, p)
		}
		switch e.Dependency {
		case "direct main", "direct overridden":
			direct[key.Value] = directDep{p.ID, model.ScopeRuntime}
		case "direct dev":
			direct[key.Value] = directDep{p.ID, model.ScopeDevelopment}
		case "transitive":
		default:
			r.Warn(in.Path, key.Line, "package %s has an unknown dependency kind %q; read as transitive", key.Value, e.Dependency)
		}
	}
	names := make([]string, 0, len(direct))
	for n := range direct {
		names = append(names, n)
	}
	sort.Strings(names)
	if len(members) == 0 {
		for _, n := range names {
			r.AddEdge(proj.ID, direct[n].id, direct[n].scope)
		}
		return r, nil
	}
	// A workspace: each member (and the root) gets edges to the direct
	// packages its own pubspec.yaml declares; a direct package nobody
	// declares (an override, an unreadable member) stays with the root.
	claimed := map[string]bool{}
	all := append([]member{{project: proj, deps: spec.deps()}}, members...)
	for _, m := range all {
		for _, n := range sortedKeys(m.deps) {
			if d, ok := direct[n]; ok {
				r.AddEdge(m.project.ID, d.id, m.deps[n])
				claimed[n] = true
			}
		}
	}
	for _, n := range names {
		if !claimed[n] {
			r.AddEdge(proj.ID, direct[n].id, direct[n].scope)
		}
	}
	return r, nil
}

// pkg builds the package of one entry.
func (x PubspecLock) pkg(r *extract.Result, file, name string, e lockEntry, sdks map[string]string, loc model.Location) model.Package {
	var d description
	descText := ""
	switch e.Description.Kind {
	case yaml.MappingNode:
		if err := e.Description.Decode(&d); err != nil {
			r.Warn(file, e.Description.Line, "cannot read the description of %s: %v", name, err)
		}
	case yaml.ScalarNode:
		descText = e.Description.Value
	}
	props := map[string]string{}
	set := func(k, v string) {
		if v != "" {
			props[k] = v
		}
	}
	if e.Source != "hosted" {
		set("pub:source", e.Source)
	}
	if e.Dependency == "direct overridden" {
		props["pub:overridden"] = "true"
	}
	purl := packageurl.NewPackageURL(packageurl.TypePub, "", strings.ToLower(name), "", nil, "")
	var p model.Package
	switch e.Source {
	case "sdk":
		sdk := descText
		if sdk == "" {
			sdk = "unknown"
		}
		set("pub:sdk", sdk)
		set("pub:sdk-constraint", sdks[sdk])
		set("pub:version", e.Version)
		p = extract.Unresolved(extract.NewPackage(model.Pub, *purl, name, strings.ToLower(name), loc),
			"sdk:"+sdk, "ships with the "+sdk+" SDK, whose version the lockfile does not record")
	case "path":
		set("pub:version", e.Version)
		req := d.Path
		if req == "" {
			req = descText
		}
		if req == "" {
			req = "path"
		}
		p = extract.Unresolved(extract.NewPackage(model.Pub, *purl, name, strings.ToLower(name), loc),
			req, "path dependency: built from source in this tree")
	default:
		set("pub:sha256", d.SHA256)
		set("pub:url", d.URL)
		if e.Source == "hosted" && d.Name != "" && d.Name != name {
			set("pub:hosted-name", d.Name)
		}
		if e.Source == "git" {
			set("pub:git-ref", d.Ref)
			set("pub:resolved-ref", d.ResolvedRef)
			if d.Path != "." {
				set("pub:git-path", d.Path)
			}
		}
		if e.Version == "" {
			r.Warn(file, loc.Line, "package %s has no version", name)
			req := "*"
			if e.Source == "git" && d.URL != "" {
				req = d.URL + "@" + d.ResolvedRef
			}
			p = extract.Unresolved(extract.NewPackage(model.Pub, *purl, name, strings.ToLower(name), loc),
				req, "the lockfile gives no version")
			break
		}
		purl.Version = e.Version
		p = extract.NewPackage(model.Pub, *purl, name, strings.ToLower(name), loc)
	}
	if len(props) > 0 {
		p.Properties = props
	}
	return p
}

// lookup returns the value of key in mapping node m, or nil.
func lookup(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// pubspec is what this package reads of a pubspec.yaml.
type pubspec struct {
	Name            string         `yaml:"name"`
	Version         string         `yaml:"version"`
	Workspace       []string       `yaml:"workspace"`
	Dependencies    map[string]any `yaml:"dependencies"`
	DevDependencies map[string]any `yaml:"dev_dependencies"`
}

// deps returns the declared dependencies with their scopes.
func (s pubspec) deps() map[string]model.Scope {
	out := map[string]model.Scope{}
	for n := range s.DevDependencies {
		out[n] = model.ScopeDevelopment
	}
	for n := range s.Dependencies {
		out[n] = model.ScopeRuntime
	}
	return out
}

// readPubspec reads dir/pubspec.yaml; false when it is absent or unreadable.
func readPubspec(in *extract.Input, dir string) (pubspec, bool) {
	var spec pubspec
	data, err := in.ReadRel(path.Join(dir, "pubspec.yaml"))
	if err != nil {
		return spec, false
	}
	if yaml.Unmarshal(data, &spec) != nil {
		return pubspec{}, false
	}
	return spec, true
}

// member is one package of a pub workspace.
type member struct {
	project model.Project
	deps    map[string]model.Scope
}

// workspaceMembers reads the members a root pubspec.yaml lists under
// workspace: (paths, or glob patterns), each with its own pubspec.yaml.
func workspaceMembers(in *extract.Input, root pubspec, rootID string) []member {
	var out []member
	seen := map[string]bool{}
	for _, w := range root.Workspace {
		pattern := path.Clean(path.Join(in.Dir(), w))
		dirs := []string{pattern}
		if strings.ContainsAny(w, "*?[") {
			matches, err := fs.Glob(in.FS, pattern)
			if err != nil {
				continue
			}
			dirs = matches
		}
		for _, dir := range dirs {
			if seen[dir] || dir == in.Dir() || strings.HasPrefix(dir, "../") || dir == ".." {
				continue
			}
			spec, ok := readPubspec(in, dir)
			if !ok {
				continue
			}
			seen[dir] = true
			out = append(out, member{
				project: model.Project{ID: extract.ProjectID(model.Pub, dir, ""), Ecosystem: model.Pub, Name: spec.Name,
					Version: spec.Version, Dir: dir, Sources: []string{in.Path, path.Join(dir, "pubspec.yaml")}, Workspace: rootID},
				deps: spec.deps(),
			})
		}
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
