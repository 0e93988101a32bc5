package pypi

import (
	"context"
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/ossaudit/ossaudit/internal/diag"
	"github.com/ossaudit/ossaudit/internal/extract"
	"github.com/ossaudit/ossaudit/model"
	"github.com/pelletier/go-toml/v2"
)

type uvExtractor struct{}

func (uvExtractor) Name() string               { return "pypi/uv-lock" }
func (uvExtractor) Ecosystem() model.Ecosystem { return eco }
func (uvExtractor) Kind() extract.Kind         { return extract.KindLockfile }
func (uvExtractor) Description() string {
	return "uv.lock, with one project per workspace member"
}
func (uvExtractor) Match(p string) bool { return path.Base(p) == "uv.lock" }

type uvLock struct {
	Package []uvPackage `toml:"package"`
}

type uvDep struct {
	Name    string         `toml:"name"`
	Version string         `toml:"version"`
	Source  map[string]any `toml:"source"`
	Marker  string         `toml:"marker"`
	Extra   []string       `toml:"extra"`
}

type uvPackage struct {
	Name                 string             `toml:"name"`
	Version              string             `toml:"version"`
	Source               map[string]any     `toml:"source"`
	Dependencies         []uvDep            `toml:"dependencies"`
	OptionalDependencies map[string][]uvDep `toml:"optional-dependencies"`
	DevDependencies      map[string][]uvDep `toml:"dev-dependencies"`
}

// sourceKey returns a canonical string for a source table.
func sourceKey(src map[string]any) string {
	keys := sortedKeys(src)
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, "%s=%v;", k, src[k])
	}
	return b.String()
}

func srcString(src map[string]any, key string) (string, bool) {
	v, ok := src[key]
	if !ok {
		return "", false
	}
	s, _ := v.(string)
	return s, true
}

// uvSourceInfo describes where a locked package comes from: its PURL
// qualifiers, a property value and, without a version, the unresolved
// requirement and reason.
func uvSourceInfo(src map[string]any) (q map[string]string, prop, req, reason string) {
	if u, ok := srcString(src, "registry"); ok {
		if pypiRegistry(u) || !strings.Contains(u, "://") {
			if !pypiRegistry(u) {
				return nil, u, u, "local path"
			}
			return nil, "", "", "no version given"
		}
		return map[string]string{"repository_url": u}, u, u, "no version given"
	}
	if g, ok := srcString(src, "git"); ok {
		base, commit, _ := strings.Cut(g, "#")
		base, _, _ = strings.Cut(base, "?")
		v := "git+" + base
		if commit != "" {
			v += "@" + commit
		}
		return map[string]string{"vcs_url": v}, g, g, "VCS URL"
	}
	if u, ok := srcString(src, "url"); ok {
		return map[string]string{"download_url": u}, u, u, "URL"
	}
	for _, k := range []string{"path", "directory"} {
		if p, ok := srcString(src, k); ok {
			return nil, k + ":" + p, p, "local path"
		}
	}
	return nil, "", "*", "no version given"
}

// uvProjectPath returns the path of an editable or virtual source.
func uvProjectPath(src map[string]any) (string, bool) {
	for _, k := range []string{"editable", "virtual"} {
		if p, ok := srcString(src, k); ok {
			return p, true
		}
	}
	return "", false
}

func (uvExtractor) Extract(ctx context.Context, in *extract.Input) (*extract.Result, error) {
	data, err := in.ReadFile()
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", in.Path, err)
	}
	var lock uvLock
	if err := toml.Unmarshal(data, &lock); err != nil {
		return nil, diag.Parse(in.Path, data, fmt.Errorf("parsing uv.lock: %w", err))
	}
	b := newBuilder()
	lines := headerLines(data, "package")
	dir := in.Dir()
	rootID := extract.ProjectID(eco, dir, "")
	root := model.Project{ID: rootID, Ecosystem: eco, Dir: dir, Sources: []string{in.Path}}
	var members []model.Project
	nodes := make([]string, len(lock.Package))
	isProject := make([]bool, len(lock.Package))
	byName := map[string][]int{}
	for i := range lock.Package {
		lp := &lock.Package[i]
		line := entryLine(lines, i)
		if !validName(lp.Name) {
			b.res.Error(in.Path, line, "package entry without a valid name")
			continue
		}
		byName[normalize(lp.Name)] = append(byName[normalize(lp.Name)], i)
		if p, ok := uvProjectPath(lp.Source); ok {
			isProject[i] = true
			pdir := projectDir(dir, p)
			if pdir == dir {
				root.Name, root.Version = lp.Name, lp.Version
				nodes[i] = rootID
				continue
			}
			m := model.Project{ID: extract.ProjectID(eco, pdir, ""), Ecosystem: eco, Name: lp.Name, Version: lp.Version, Dir: pdir, Sources: []string{in.Path}, Workspace: rootID}
			members = append(members, m)
			nodes[i] = m.ID
			continue
		}
		loc := model.Location{Path: in.Path, Line: line}
		q, prop, req, reason := uvSourceInfo(lp.Source)
		var p model.Package
		if lp.Version != "" {
			p = newPackage(lp.Name, lp.Version, q, loc)
		} else {
			p = unresolvedPackage(lp.Name, req, reason, q, loc)
		}
		if prop != "" {
			p.Properties = map[string]string{"pypi:source": prop}
		}
		nodes[i] = b.add(p)
	}
	requested := map[string]bool{}
	for i := range lock.Package {
		lp := &lock.Package[i]
		lists := [][]uvDep{lp.Dependencies}
		for _, g := range lp.OptionalDependencies {
			lists = append(lists, g)
		}
		for _, g := range lp.DevDependencies {
			lists = append(lists, g)
		}
		for _, list := range lists {
			for _, d := range list {
				for _, x := range d.Extra {
					requested[normalize(d.Name)+"["+normalize(x)+"]"] = true
				}
			}
		}
	}
	resolve := func(from int, d uvDep, scope model.Scope) {
		var found bool
		for _, j := range byName[normalize(d.Name)] {
			c := &lock.Package[j]
			if (d.Version != "" && c.Version != d.Version) || (d.Source != nil && sourceKey(d.Source) != sourceKey(c.Source)) || nodes[j] == "" {
				continue
			}
			found = true
			b.edge(nodes[from], nodes[j], scope)
		}
		if !found && scope != model.ScopeOptional {
			b.res.Warn(in.Path, entryLine(lines, from), "%s depends on %s, which is not in the lock", lock.Package[from].Name, d.Name)
		}
	}
	for i := range lock.Package {
		if nodes[i] == "" {
			continue
		}
		lp := &lock.Package[i]
		for _, d := range lp.Dependencies {
			resolve(i, d, model.ScopeRuntime)
		}
		for _, extra := range sortedKeys(lp.OptionalDependencies) {
			scope := model.ScopeOptional
			if !isProject[i] && requested[normalize(lp.Name)+"["+normalize(extra)+"]"] {
				scope = model.ScopeRuntime
			}
			for _, d := range lp.OptionalDependencies[extra] {
				resolve(i, d, scope)
			}
		}
		for _, g := range sortedKeys(lp.DevDependencies) {
			for _, d := range lp.DevDependencies[g] {
				resolve(i, d, groupScope(g))
			}
		}
	}
	b.linkUnreachable(rootID)
	r := b.result()
	sort.Slice(members, func(i, j int) bool { return members[i].ID < members[j].ID })
	r.Projects = append([]model.Project{root}, members...)
	return r, nil
}
