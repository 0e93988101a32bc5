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

type pdmExtractor struct{}

func (pdmExtractor) Name() string               { return "pypi/pdm-lock" }
func (pdmExtractor) Ecosystem() model.Ecosystem { return eco }
func (pdmExtractor) Kind() extract.Kind         { return extract.KindLockfile }
func (pdmExtractor) Description() string {
	return "pdm.lock, with direct dependencies from the sibling pyproject.toml"
}
func (pdmExtractor) Match(p string) bool { return path.Base(p) == "pdm.lock" }

type pdmLock struct {
	Package []pdmPackage `toml:"package"`
}

type pdmPackage struct {
	Name         string   `toml:"name"`
	Version      string   `toml:"version"`
	Groups       []string `toml:"groups"`
	Sections     []string `toml:"sections"`
	Marker       string   `toml:"marker"`
	Dependencies []string `toml:"dependencies"`
	Git          string   `toml:"git"`
	Revision     string   `toml:"revision"`
	URL          string   `toml:"url"`
	Path         string   `toml:"path"`
	Editable     bool     `toml:"editable"`
}

func (pdmExtractor) Extract(ctx context.Context, in *extract.Input) (*extract.Result, error) {
	data, err := in.ReadFile()
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", in.Path, err)
	}
	var lock pdmLock
	if err := toml.Unmarshal(data, &lock); err != nil {
		return nil, diag.Parse(in.Path, data, fmt.Errorf("parsing pdm.lock: %w", err))
	}
	b := newBuilder()
	dir := in.Dir()
	pp, pperr := readPyproject(in, dir, b.res)
	lines := headerLines(data, "package")
	ids := make([]string, len(lock.Package))
	for i := range lock.Package {
		lp := &lock.Package[i]
		loc := model.Location{Path: in.Path, Line: entryLine(lines, i)}
		if !validName(lp.Name) {
			b.res.Error(in.Path, loc.Line, "package entry without a valid name")
			continue
		}
		var q map[string]string
		props := map[string]string{}
		switch {
		case lp.Git != "":
			v := "git+" + strings.TrimPrefix(lp.Git, "git+") + refSuffix(lp.Revision)
			q = map[string]string{"vcs_url": v}
			props["pypi:source"] = v
		case lp.URL != "":
			q = map[string]string{"download_url": lp.URL}
			props["pypi:source"] = lp.URL
		case lp.Path != "":
			props["pypi:source"] = "path:" + lp.Path
		}
		var p model.Package
		switch {
		case lp.Editable:
			p = unresolvedPackage(lp.Name, firstOf(lp.Path, lp.Git, lp.URL, "*"), "editable install", nil, loc)
		case lp.Version != "":
			p = newPackage(lp.Name, lp.Version, q, loc)
		case lp.Git != "":
			p = unresolvedPackage(lp.Name, lp.Git+refSuffix(lp.Revision), "VCS URL", nil, loc)
		case lp.URL != "":
			p = unresolvedPackage(lp.Name, lp.URL, "URL", nil, loc)
		case lp.Path != "":
			p = unresolvedPackage(lp.Name, lp.Path, "local path", nil, loc)
		default:
			p = unresolvedPackage(lp.Name, "*", "no version given", nil, loc)
		}
		groups := lp.Groups
		if len(groups) == 0 {
			groups = lp.Sections
		}
		if len(groups) > 0 {
			p.Scope = pdmScope(groups, pp)
			props["pypi:groups"] = strings.Join(groups, ",")
		}
		if lp.Marker != "" {
			props["pypi:marker"] = lp.Marker
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
		for _, s := range lock.Package[i].Dependencies {
			req, err := parseRequirement(s)
			if err != nil {
				b.res.Warn(in.Path, entryLine(lines, i), "parsing dependency of %s: %v", lock.Package[i].Name, err)
				continue
			}
			scope := model.ScopeRuntime
			if markerHasExtra(req.Marker) {
				scope = model.ScopeOptional
			}
			for _, t := range b.byName[normalize(req.Name)] {
				b.edge(ids[i], t, scope)
			}
		}
	}
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

// pdmScope returns the strongest scope of the groups of a pdm.lock entry;
// a group named after an optional-dependencies table of pyproject.toml is
// an extra, so optional.
func pdmScope(groups []string, pp *pyproject) model.Scope {
	var s model.Scope
	for i, g := range groups {
		gs := groupScope(g)
		if pp != nil && pp.Extras[normalize(g)] {
			gs = model.ScopeOptional
		}
		if i == 0 || gs.Stronger(s) {
			s = gs
		}
	}
	return s
}
