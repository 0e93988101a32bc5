package pypi

import (
	"context"
	"fmt"
	"path"
	"strings"

	"github.com/ossaudit/ossaudit/internal/diag"
	"github.com/ossaudit/ossaudit/internal/extract"
	"github.com/ossaudit/ossaudit/model"
	"github.com/pelletier/go-toml/v2"
)

type poetryExtractor struct{}

func (poetryExtractor) Name() string               { return "pypi/poetry-lock" }
func (poetryExtractor) Ecosystem() model.Ecosystem { return eco }
func (poetryExtractor) Kind() extract.Kind         { return extract.KindLockfile }
func (poetryExtractor) Description() string {
	return "poetry.lock, with direct dependencies from the sibling pyproject.toml"
}
func (poetryExtractor) Match(p string) bool { return path.Base(p) == "poetry.lock" }

type poetryLock struct {
	Package []poetryPackage `toml:"package"`
}

type poetryPackage struct {
	Name         string         `toml:"name"`
	Version      string         `toml:"version"`
	Category     string         `toml:"category"`
	Groups       []string       `toml:"groups"`
	Optional     bool           `toml:"optional"`
	Markers      any            `toml:"markers"`
	Dependencies map[string]any `toml:"dependencies"`
	Source       struct {
		Type              string `toml:"type"`
		URL               string `toml:"url"`
		Reference         string `toml:"reference"`
		ResolvedReference string `toml:"resolved_reference"`
	} `toml:"source"`
}

// poetryQualifiers returns the PURL qualifiers and the source property of a
// package that does not come from PyPI.
func poetryQualifiers(p *poetryPackage) (map[string]string, string) {
	s := p.Source
	switch s.Type {
	case "", "pypi":
		return nil, ""
	case "git":
		ref := s.ResolvedReference
		if ref == "" {
			ref = s.Reference
		}
		u := "git+" + s.URL
		if ref != "" {
			u += "@" + ref
		}
		return map[string]string{"vcs_url": u}, u
	case "legacy":
		if pypiRegistry(s.URL) {
			return nil, ""
		}
		return map[string]string{"repository_url": s.URL}, s.URL
	case "url":
		return map[string]string{"download_url": s.URL}, s.URL
	}
	return nil, s.Type + ":" + s.URL
}

// poetryDepOptional reports whether a [package.dependencies] value marks the
// dependency optional (only needed through an extra).
func poetryDepOptional(v any) bool {
	switch t := v.(type) {
	case map[string]any:
		opt, _ := t["optional"].(bool)
		return opt
	case []map[string]any:
		for _, m := range t {
			if opt, _ := m["optional"].(bool); !opt {
				return false
			}
		}
		return len(t) > 0
	case []any:
		for _, x := range t {
			if !poetryDepOptional(x) {
				return false
			}
		}
		return len(t) > 0
	}
	return false
}

func (poetryExtractor) Extract(ctx context.Context, in *extract.Input) (*extract.Result, error) {
	data, err := in.ReadFile()
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", in.Path, err)
	}
	var lock poetryLock
	if err := toml.Unmarshal(data, &lock); err != nil {
		return nil, diag.Parse(in.Path, data, fmt.Errorf("parsing poetry.lock: %w", err))
	}
	b := newBuilder()
	lines := headerLines(data, "package")
	ids := make([]string, len(lock.Package))
	for i := range lock.Package {
		lp := &lock.Package[i]
		line := entryLine(lines, i)
		if lp.Name == "" || lp.Version == "" || !validName(lp.Name) {
			b.res.Error(in.Path, line, "package entry without a valid name and version")
			continue
		}
		q, src := poetryQualifiers(lp)
		p := newPackage(lp.Name, lp.Version, q, model.Location{Path: in.Path, Line: line})
		switch {
		case lp.Category == "dev":
			p.Scope = model.ScopeDevelopment
		case lp.Category == "main":
			p.Scope = model.ScopeRuntime
		case len(lp.Groups) > 0:
			p.Scope = strongest(lp.Groups)
		}
		if lp.Optional && p.Scope == model.ScopeRuntime {
			p.Scope = model.ScopeOptional
		}
		props := map[string]string{}
		if src != "" {
			props["pypi:source"] = src
		}
		if len(lp.Groups) > 0 {
			props["pypi:groups"] = strings.Join(lp.Groups, ",")
		}
		if m, ok := lp.Markers.(string); ok && m != "" {
			props["pypi:marker"] = m
		}
		if len(props) > 0 {
			p.Properties = props
		}
		ids[i] = b.add(p)
	}
	for i := range lock.Package {
		if ids[i] == "" {
			continue
		}
		deps := lock.Package[i].Dependencies
		for _, name := range sortedKeys(deps) {
			targets := b.byName[normalize(name)]
			if len(targets) == 0 {
				// Dependencies limited to other platforms or Python
				// versions may be absent from the lock.
				continue
			}
			scope := model.ScopeRuntime
			if poetryDepOptional(deps[name]) {
				scope = model.ScopeOptional
			}
			for _, t := range targets {
				b.edge(ids[i], t, scope)
			}
		}
	}
	dir := in.Dir()
	pp, pperr := readPyproject(in, dir, b.res)
	proj := extract.NewProject(eco, in.Path, "", "")
	if pp != nil {
		proj.Name, proj.Version = pp.Name, pp.Version
		proj.Sources = append(proj.Sources, path.Join(dir, "pyproject.toml"))
	}
	linkDirect(b, proj.ID, pp, pperr, in.Path)
	r := b.result()
	r.Projects = []model.Project{proj}
	return r, nil
}
