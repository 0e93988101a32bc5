package pypi

import (
	"errors"
	"fmt"
	"io/fs"
	"path"

	"github.com/ossaudit/ossaudit/internal/diag"
	"github.com/ossaudit/ossaudit/internal/extract"
	"github.com/ossaudit/ossaudit/model"
	"github.com/pelletier/go-toml/v2"
)

// directDep is a dependency a pyproject.toml declares.
type directDep struct {
	Name  string
	Scope model.Scope
}

// pyproject is what the lockfile extractors need from pyproject.toml.
type pyproject struct {
	Name, Version string
	Deps          []directDep
	// Extras are the names of the optional-dependencies tables (normalized).
	Extras map[string]bool
}

type pyprojectFile struct {
	Project struct {
		Name                 string              `toml:"name"`
		Version              string              `toml:"version"`
		Dependencies         []string            `toml:"dependencies"`
		OptionalDependencies map[string][]string `toml:"optional-dependencies"`
	} `toml:"project"`
	DependencyGroups map[string][]any `toml:"dependency-groups"`
	Tool             struct {
		Poetry struct {
			Name            string         `toml:"name"`
			Version         string         `toml:"version"`
			Dependencies    map[string]any `toml:"dependencies"`
			DevDependencies map[string]any `toml:"dev-dependencies"`
			Group           map[string]struct {
				Dependencies map[string]any `toml:"dependencies"`
			} `toml:"group"`
		} `toml:"poetry"`
		Pdm struct {
			DevDependencies map[string][]string `toml:"dev-dependencies"`
		} `toml:"pdm"`
		Uv struct {
			DevDependencies []string `toml:"dev-dependencies"`
		} `toml:"uv"`
	} `toml:"tool"`
}

// errNoPyproject says that there is no pyproject.toml beside a lockfile.
var errNoPyproject = errors.New("no pyproject.toml")

// readPyproject reads the pyproject.toml in dir. Requirements it cannot
// parse are reported as warnings into r.
func readPyproject(in *extract.Input, dir string, r *extract.Result) (*pyproject, error) {
	file := path.Join(dir, "pyproject.toml")
	data, err := in.ReadRel(file)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, errNoPyproject
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", file, err)
	}
	var f pyprojectFile
	if err := toml.Unmarshal(data, &f); err != nil {
		return nil, diag.Parse(file, data, fmt.Errorf("parsing pyproject.toml: %w", err))
	}
	pp := &pyproject{Name: f.Project.Name, Version: f.Project.Version, Extras: map[string]bool{}}
	for extra := range f.Project.OptionalDependencies {
		pp.Extras[normalize(extra)] = true
	}
	if pp.Name == "" {
		pp.Name, pp.Version = f.Tool.Poetry.Name, f.Tool.Poetry.Version
	}
	self := normalize(pp.Name)
	addReq := func(s string, scope model.Scope) {
		req, err := parseRequirement(s)
		if err != nil {
			r.Warn(file, 0, "parsing dependency: %v", err)
			return
		}
		if pp.Name != "" && normalize(req.Name) == self {
			return
		}
		pp.Deps = append(pp.Deps, directDep{Name: req.Name, Scope: scope})
	}
	for _, s := range f.Project.Dependencies {
		addReq(s, model.ScopeRuntime)
	}
	for _, extra := range sortedKeys(f.Project.OptionalDependencies) {
		for _, s := range f.Project.OptionalDependencies[extra] {
			addReq(s, model.ScopeOptional)
		}
	}
	for _, g := range sortedKeys(f.DependencyGroups) {
		for _, v := range f.DependencyGroups[g] {
			if s, ok := v.(string); ok { // tables are {include-group = "..."}
				addReq(s, groupScope(g))
			}
		}
	}
	for _, g := range sortedKeys(f.Tool.Pdm.DevDependencies) {
		for _, s := range f.Tool.Pdm.DevDependencies[g] {
			addReq(s, groupScope(g))
		}
	}
	for _, s := range f.Tool.Uv.DevDependencies {
		addReq(s, model.ScopeDevelopment)
	}
	addPoetry := func(deps map[string]any, scope model.Scope) {
		for _, name := range sortedKeys(deps) {
			if normalize(name) == "python" {
				continue
			}
			s := scope
			if t, ok := deps[name].(map[string]any); ok && scope == model.ScopeRuntime {
				if opt, _ := t["optional"].(bool); opt {
					s = model.ScopeOptional
				}
			}
			pp.Deps = append(pp.Deps, directDep{Name: name, Scope: s})
		}
	}
	addPoetry(f.Tool.Poetry.Dependencies, model.ScopeRuntime)
	addPoetry(f.Tool.Poetry.DevDependencies, model.ScopeDevelopment)
	for _, g := range sortedKeys(f.Tool.Poetry.Group) {
		addPoetry(f.Tool.Poetry.Group[g].Dependencies, groupScope(g))
	}
	return pp, nil
}

// linkDirect adds the edges from project to the locked packages that pp
// declares; lockFile names the lockfile in warnings. Without pp, the
// packages no other package depends on are linked instead (see linkRoots).
// Locked packages that no edge reaches then get an indirect edge.
func linkDirect(b *builder, project string, pp *pyproject, pperr error, lockFile string) {
	if pp == nil {
		var de *diag.Error
		switch {
		case errors.Is(pperr, errNoPyproject):
			b.res.Warn(lockFile, 0, "no pyproject.toml beside %s; direct dependencies are inferred from the dependencies the lock records", path.Base(lockFile))
		case errors.As(pperr, &de):
			b.res.Diagnostics = append(b.res.Diagnostics, diag.Diagnostic(model.SevWarning, lockFile, "", pperr))
		default:
			b.res.Warn(lockFile, 0, "%v", pperr)
		}
		b.linkRoots(project)
		b.linkUnreachable(project)
		return
	}
	for _, d := range pp.Deps {
		ids := b.byName[normalize(d.Name)]
		if len(ids) == 0 {
			b.res.Warn(lockFile, 0, "%s is declared in pyproject.toml but not locked in %s", d.Name, path.Base(lockFile))
			continue
		}
		for _, id := range ids {
			b.edge(project, id, d.Scope)
		}
	}
	b.linkUnreachable(project)
}
