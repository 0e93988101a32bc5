package conan

import (
	"context"
	"encoding/json"
	"fmt"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/ossaudit/ossaudit/internal/diag"
	"github.com/ossaudit/ossaudit/internal/extract"
	"github.com/ossaudit/ossaudit/model"
	"github.com/package-url/packageurl-go"
)

// Extractors returns every extractor of this package.
func Extractors() []extract.Extractor { return []extract.Extractor{Lock{}} }

// Lock reads conan.lock.
type Lock struct{}

// Name implements extract.Extractor.
func (Lock) Name() string { return "conan/conan-lock" }

// Ecosystem implements extract.Extractor.
func (Lock) Ecosystem() model.Ecosystem { return model.ConanCenter }

// Kind implements extract.Extractor.
func (Lock) Kind() extract.Kind { return extract.KindLockfile }

// Description implements extract.Extractor.
func (Lock) Description() string {
	return "Conan lockfiles: conan.lock (Conan 1 version 0.4 graph locks and Conan 2 version 0.5 locks)"
}

// Match implements extract.Extractor.
func (Lock) Match(p string) bool { return path.Base(p) == "conan.lock" }

type lockFile struct {
	Version   json.RawMessage `json:"version"`
	GraphLock *struct {
		Nodes map[string]node `json:"nodes"`
	} `json:"graph_lock"`
	Requires       []string `json:"requires"`
	BuildRequires  []string `json:"build_requires"`
	PythonRequires []string `json:"python_requires"`
	ConfigRequires []string `json:"config_requires"`
}

type node struct {
	Ref            string   `json:"ref"`
	Pref           string   `json:"pref"`
	PackageID      string   `json:"package_id"`
	Prev           string   `json:"prev"`
	Context        string   `json:"context"`
	Requires       []string `json:"requires"`
	BuildRequires  []string `json:"build_requires"`
	PythonRequires []string `json:"python_requires"`
}

// Extract implements extract.Extractor.
func (x Lock) Extract(ctx context.Context, in *extract.Input) (*extract.Result, error) {
	data, err := in.ReadFile()
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", in.Path, err)
	}
	var lf lockFile
	if err := json.Unmarshal(data, &lf); err != nil {
		return nil, fmt.Errorf("parsing conan.lock: %w", diag.Parse(in.Path, data, err))
	}
	lines, err := extract.ScanJSONLines(in.Path, data)
	if err != nil {
		return nil, fmt.Errorf("parsing conan.lock: %w", diag.Parse(in.Path, data, err))
	}
	version := strings.Trim(string(lf.Version), "\" ")
	b := &builder{r: &extract.Result{}, file: in.Path, index: map[string]int{}, edges: map[model.Edge]bool{}}
	if lf.GraphLock != nil {
		if version != "0.4" && version != "0.3" && version != "0.2" {
			b.r.Warn(in.Path, lines.Line("version"), "conan.lock version %s is not one this reader knows; reading it as version 0.4", version)
		}
		if err := x.graph(ctx, b, in, lf, lines); err != nil {
			return nil, err
		}
		return b.r, nil
	}
	if version != "0.5" {
		b.r.Warn(in.Path, lines.Line("version"), "conan.lock version %s is not one this reader knows; reading it as version 0.5", version)
	}
	name, ver := conanfile(in)
	proj := extract.NewProject(model.ConanCenter, in.Path, name, ver)
	b.r.Projects = append(b.r.Projects, proj)
	for _, list := range []struct {
		key   string
		refs  []string
		scope model.Scope
	}{
		{"requires", lf.Requires, model.ScopeRuntime},
		{"build_requires", lf.BuildRequires, model.ScopeDevelopment},
		{"python_requires", lf.PythonRequires, model.ScopeDevelopment},
		{"config_requires", lf.ConfigRequires, model.ScopeDevelopment},
	} {
		for i, ref := range list.refs {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			loc := model.Location{Path: in.Path, Line: lines.Line(list.key, strconv.Itoa(i))}
			if id := b.ref(ref, loc, nil); id != "" {
				b.edge(proj.ID, id, list.scope)
			}
		}
	}
	return b.r, nil
}

// graph reads a Conan 1 graph lock.
func (x Lock) graph(ctx context.Context, b *builder, in *extract.Input, lf lockFile, lines extract.JSONLines) error {
	nodes := lf.GraphLock.Nodes
	ids := make([]string, 0, len(nodes))
	for id := range nodes {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { // numerically when both are numbers
		a, errA := strconv.Atoi(ids[i])
		c, errC := strconv.Atoi(ids[j])
		if errA == nil && errC == nil {
			return a < c
		}
		return ids[i] < ids[j]
	})
	root, hasRoot := nodes["0"]
	name, ver := "", ""
	if hasRoot {
		if r := parseRef(root.ref()); r.name != "" {
			name, ver = r.name, r.version
		}
	}
	if name == "" {
		name, ver = conanfile(in)
	}
	proj := extract.NewProject(model.ConanCenter, in.Path, name, ver)
	b.r.Projects = append(b.r.Projects, proj)
	if !hasRoot {
		b.r.Warn(in.Path, lines.Line("graph_lock", "nodes"), "graph lock has no node 0 (the consumer); no package is marked direct")
	}
	pkgOf := map[string]string{"0": proj.ID}
	for _, id := range ids {
		if err := ctx.Err(); err != nil {
			return err
		}
		if id == "0" {
			continue
		}
		n := nodes[id]
		loc := model.Location{Path: in.Path, Line: lines.Line("graph_lock", "nodes", id)}
		props := map[string]string{}
		if n.PackageID != "" {
			props["conan:package-id"] = n.PackageID
		}
		if n.Prev != "" {
			props["conan:prev"] = n.Prev
		}
		if n.Context != "" && n.Context != "host" {
			props["conan:context"] = n.Context
		}
		if pid := b.ref(n.ref(), loc, props); pid != "" {
			pkgOf[id] = pid
		}
	}
	for _, id := range ids {
		n := nodes[id]
		from, ok := pkgOf[id]
		if !ok {
			continue
		}
		for _, deps := range []struct {
			key   string
			ids   []string
			scope model.Scope
		}{{"requires", n.Requires, model.ScopeRuntime}, {"build_requires", n.BuildRequires, model.ScopeDevelopment}} {
			for i, dep := range deps.ids {
				to, ok := pkgOf[dep]
				if !ok {
					b.r.Warn(in.Path, lines.Line("graph_lock", "nodes", id, deps.key, strconv.Itoa(i)),
						"node %s %s node %s, which the graph lock does not list", id, deps.key, dep)
					continue
				}
				b.edge(from, to, deps.scope)
			}
		}
		for i, ref := range n.PythonRequires {
			loc := model.Location{Path: in.Path, Line: lines.Line("graph_lock", "nodes", id, "python_requires", strconv.Itoa(i))}
			if to := b.ref(ref, loc, nil); to != "" {
				b.edge(from, to, model.ScopeDevelopment)
			}
		}
	}
	return nil
}

// ref returns the node's reference: "ref", or the reference part of "pref".
func (n node) ref() string {
	if n.Ref != "" {
		return n.Ref
	}
	return n.Pref
}

// reference is a parsed Conan reference.
type reference struct {
	name, version, user, channel, rrev, packageID, prev string
}

// parseRef splits name/version@user/channel#rrev%timestamp, and the
// package reference form ...#rrev:package_id#prev of old lockfiles.
func parseRef(s string) reference {
	var r reference
	s = strings.TrimSpace(s)
	if before, after, ok := strings.Cut(s, ":"); ok {
		s = before
		r.packageID, r.prev, _ = strings.Cut(after, "#")
		r.prev, _, _ = strings.Cut(r.prev, "%")
	}
	s, _, _ = strings.Cut(s, "%")
	s, r.rrev, _ = strings.Cut(s, "#")
	s, uc, _ := strings.Cut(s, "@")
	r.name, r.version, _ = strings.Cut(s, "/")
	r.user, r.channel, _ = strings.Cut(uc, "/")
	if r.user == "_" {
		r.user = ""
	}
	if r.channel == "_" {
		r.channel = ""
	}
	return r
}

// builder collects packages and edges, merging repeats.
type builder struct {
	r     *extract.Result
	file  string
	index map[string]int // package ID → index in r.Packages
	edges map[model.Edge]bool
}

func (b *builder) edge(from, to string, scope model.Scope) {
	e := model.Edge{From: from, To: to, Scope: scope}
	if b.edges[e] {
		return
	}
	b.edges[e] = true
	b.r.Edges = append(b.r.Edges, e)
}

var nameRE = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_.+-]*$`)

// ref adds the package of reference s and returns its ID, or "" (with a
// diagnostic) when s is not a reference.
func (b *builder) ref(s string, loc model.Location, props map[string]string) string {
	r := parseRef(s)
	if !nameRE.MatchString(r.name) {
		b.r.Error(b.file, loc.Line, "%q is not a Conan reference name/version", s)
		return ""
	}
	q := map[string]string{}
	if r.user != "" {
		q["user"] = r.user
	}
	if r.channel != "" {
		q["channel"] = r.channel
	}
	var quals packageurl.Qualifiers
	if len(q) > 0 {
		quals = packageurl.QualifiersFromMap(q)
	}
	purl := packageurl.NewPackageURL(packageurl.TypeConan, "", r.name, r.version, quals, "")
	p := extract.NewPackage(model.ConanCenter, *purl, r.name, r.name, loc)
	if r.version == "" {
		p = extract.Unresolved(p, "*", "the reference gives no version")
		b.r.Warn(b.file, loc.Line, "reference %q has no version", s)
	} else if strings.ContainsAny(r.version, "[]<>~^*, ") {
		purl.Version = ""
		p = extract.Unresolved(extract.NewPackage(model.ConanCenter, *purl, r.name, r.name, loc), r.version, "a version range, not a locked version")
	}
	all := map[string]string{}
	for k, v := range props {
		all[k] = v
	}
	if r.rrev != "" {
		all["conan:rrev"] = r.rrev
	}
	if r.packageID != "" {
		all["conan:package-id"] = r.packageID
	}
	if r.prev != "" {
		all["conan:prev"] = r.prev
	}
	if i, ok := b.index[p.ID]; ok {
		q := &b.r.Packages[i]
		q.Locations = append(q.Locations, loc)
		for k, v := range all {
			if q.Properties == nil {
				q.Properties = map[string]string{}
			}
			if _, ok := q.Properties[k]; !ok {
				q.Properties[k] = v
			}
		}
		return p.ID
	}
	if len(all) > 0 {
		p.Properties = all
	}
	b.index[p.ID] = len(b.r.Packages)
	b.r.Packages = append(b.r.Packages, p)
	return p.ID
}

var (
	pyNameRE    = regexp.MustCompile(`(?m)^\s+name\s*=\s*["']([^"'\n]+)["']`)
	pyVersionRE = regexp.MustCompile(`(?m)^\s+version\s*=\s*["']([^"'\n]+)["']`)
)

// conanfile returns the name and version a conanfile.py beside the lockfile
// declares as class attributes, or empty strings.
func conanfile(in *extract.Input) (name, version string) {
	data, err := in.ReadRel(path.Join(in.Dir(), "conanfile.py"))
	if err != nil {
		return "", ""
	}
	if m := pyNameRE.FindSubmatch(data); m != nil {
		name = string(m[1])
	}
	if m := pyVersionRE.FindSubmatch(data); m != nil {
		version = string(m[1])
	}
	return name, version
}
