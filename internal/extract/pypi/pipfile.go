package pypi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/ossaudit/ossaudit/internal/diag"
	"github.com/ossaudit/ossaudit/internal/extract"
	"github.com/ossaudit/ossaudit/model"
	"github.com/pelletier/go-toml/v2"
)

type pipfileExtractor struct{}

func (pipfileExtractor) Name() string               { return "pypi/pipfile-lock" }
func (pipfileExtractor) Ecosystem() model.Ecosystem { return eco }
func (pipfileExtractor) Kind() extract.Kind         { return extract.KindLockfile }
func (pipfileExtractor) Description() string {
	return "Pipfile.lock (pipenv), with direct dependencies from the sibling Pipfile"
}
func (pipfileExtractor) Match(p string) bool { return path.Base(p) == "Pipfile.lock" }

type pipfileEntry struct {
	Version  string   `json:"version"`
	Hashes   []string `json:"hashes"`
	Markers  string   `json:"markers"`
	Extras   []string `json:"extras"`
	Index    string   `json:"index"`
	Git      string   `json:"git"`
	Ref      string   `json:"ref"`
	Path     string   `json:"path"`
	File     string   `json:"file"`
	Editable bool     `json:"editable"`
}

// pipfileSectionScope maps a Pipfile.lock section to a scope.
func pipfileSectionScope(section string) model.Scope {
	switch section {
	case "default":
		return model.ScopeRuntime
	case "develop":
		return model.ScopeDevelopment
	}
	return groupScope(section)
}

// pipfileSections maps a Pipfile table to the Pipfile.lock section of its
// packages; tables that hold no packages are absent.
func pipfileSection(table string) string {
	switch table {
	case "packages":
		return "default"
	case "dev-packages":
		return "develop"
	case "source", "requires", "scripts", "pipenv":
		return ""
	}
	return table
}

// readPipfile returns, per Pipfile.lock section, the normalized names the
// sibling Pipfile declares; nil when there is no Pipfile.
func readPipfile(in *extract.Input, r *extract.Result) (map[string]map[string]bool, string) {
	file := path.Join(in.Dir(), "Pipfile")
	data, err := in.ReadRel(file)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, ""
	}
	if err != nil {
		r.Warn(file, 0, "reading Pipfile: %v; every locked package is taken as a direct dependency", err)
		return nil, ""
	}
	var f map[string]any
	if err := toml.Unmarshal(data, &f); err != nil {
		err = diag.Parse(file, data, fmt.Errorf("parsing Pipfile: %w", err))
		d := diag.Diagnostic(model.SevWarning, file, "", err)
		d.Message += "; every locked package is taken as a direct dependency"
		r.Diagnostics = append(r.Diagnostics, d)
		return nil, ""
	}
	out := map[string]map[string]bool{}
	for table, v := range f {
		sec := pipfileSection(table)
		pkgs, ok := v.(map[string]any)
		if sec == "" || !ok {
			continue
		}
		names := map[string]bool{}
		for name := range pkgs {
			names[normalize(name)] = true
		}
		out[sec] = names
	}
	return out, file
}

func (pipfileExtractor) Extract(ctx context.Context, in *extract.Input) (*extract.Result, error) {
	data, err := in.ReadFile()
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", in.Path, err)
	}
	var lock map[string]json.RawMessage
	if err := json.Unmarshal(data, &lock); err != nil {
		return nil, diag.Parse(in.Path, data, fmt.Errorf("parsing Pipfile.lock: %w", err))
	}
	lines, err := extract.ScanJSONLines(in.Path, data)
	if err != nil {
		return nil, diag.Parse(in.Path, data, fmt.Errorf("parsing Pipfile.lock: %w", err))
	}
	b := newBuilder()
	proj := extract.NewProject(eco, in.Path, "", "")
	declared, pipfile := readPipfile(in, b.res)
	if pipfile != "" {
		proj.Sources = append(proj.Sources, pipfile)
	}
	for _, section := range sortedKeys(lock) {
		if section == "_meta" {
			continue
		}
		var entries map[string]json.RawMessage
		if err := json.Unmarshal(lock[section], &entries); err != nil {
			b.res.Error(in.Path, lines.Line(section), "parsing section %q: %v", section, err)
			continue
		}
		scope := pipfileSectionScope(section)
		for _, name := range sortedKeys(entries) {
			loc := model.Location{Path: in.Path, Line: lines.Line(section, name)}
			var e pipfileEntry
			if err := json.Unmarshal(entries[name], &e); err != nil {
				b.res.Error(in.Path, loc.Line, "parsing entry %q: %v", name, err)
				continue
			}
			if !validName(name) {
				b.res.Error(in.Path, loc.Line, "invalid package name %q", name)
				continue
			}
			id := b.add(pipfilePackage(name, e, loc))
			if declared == nil || declared[section][normalize(name)] {
				b.edge(proj.ID, id, scope)
			} else {
				b.indirect(proj.ID, id, scope)
			}
		}
	}
	r := b.result()
	r.Projects = []model.Project{proj}
	return r, nil
}

// pipfilePackage builds the package of one Pipfile.lock entry.
func pipfilePackage(name string, e pipfileEntry, loc model.Location) model.Package {
	var p model.Package
	switch v, ok := pin(e.Version); {
	case e.Editable:
		p = unresolvedPackage(name, firstOf(e.Path, e.Git, e.File, "*"), "editable install", nil, loc)
	case ok:
		var q map[string]string
		if e.Git != "" {
			q = map[string]string{"vcs_url": "git+" + strings.TrimPrefix(e.Git, "git+") + refSuffix(e.Ref)}
		}
		p = newPackage(name, v, q, loc)
	case e.Git != "":
		p = unresolvedPackage(name, "git+"+strings.TrimPrefix(e.Git, "git+")+refSuffix(e.Ref), "VCS URL", nil, loc)
	case e.Path != "":
		p = unresolvedPackage(name, e.Path, "local path", nil, loc)
	case e.File != "":
		p = unresolvedPackage(name, e.File, urlKind(e.File), nil, loc)
	case e.Version == "" || e.Version == "*":
		p = unresolvedPackage(name, "*", "no version given", nil, loc)
	default:
		p = unresolvedPackage(name, e.Version, "range, not a pin", nil, loc)
	}
	props := map[string]string{}
	if e.Markers != "" {
		props["pypi:marker"] = e.Markers
	}
	if len(e.Hashes) > 0 {
		props["pypi:hashes"] = strings.Join(e.Hashes, ",")
	}
	if len(e.Extras) > 0 {
		props["pypi:extras"] = strings.Join(e.Extras, ",")
	}
	if e.Index != "" && e.Index != "pypi" {
		props["pypi:index"] = e.Index
	}
	if len(props) > 0 {
		p.Properties = props
	}
	return p
}

func refSuffix(ref string) string {
	if ref == "" {
		return ""
	}
	return "@" + ref
}

func firstOf(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}
