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

type pylockExtractor struct{}

func (pylockExtractor) Name() string               { return "pypi/pylock" }
func (pylockExtractor) Ecosystem() model.Ecosystem { return eco }
func (pylockExtractor) Kind() extract.Kind         { return extract.KindLockfile }
func (pylockExtractor) Description() string {
	return "PEP 751 lock files (pylock.toml, pylock.<name>.toml)"
}

func (pylockExtractor) Match(p string) bool {
	base := path.Base(p)
	return base == "pylock.toml" || (strings.HasPrefix(base, "pylock.") && strings.HasSuffix(base, ".toml") && len(base) > len("pylock..toml"))
}

type pylockFile struct {
	LockVersion string          `toml:"lock-version"`
	Packages    []pylockPackage `toml:"packages"`
}

type pylockPackage struct {
	Name         string           `toml:"name"`
	Version      string           `toml:"version"`
	Marker       string           `toml:"marker"`
	Index        string           `toml:"index"`
	Dependencies []map[string]any `toml:"dependencies"`
	VCS          *struct {
		Type     string `toml:"type"`
		URL      string `toml:"url"`
		Path     string `toml:"path"`
		CommitID string `toml:"commit-id"`
	} `toml:"vcs"`
	Directory *struct {
		Path     string `toml:"path"`
		Editable bool   `toml:"editable"`
	} `toml:"directory"`
	Archive *struct {
		URL  string `toml:"url"`
		Path string `toml:"path"`
	} `toml:"archive"`
}

func (pylockExtractor) Extract(ctx context.Context, in *extract.Input) (*extract.Result, error) {
	data, err := in.ReadFile()
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", in.Path, err)
	}
	var lock pylockFile
	if err := toml.Unmarshal(data, &lock); err != nil {
		return nil, diag.Parse(in.Path, data, fmt.Errorf("parsing %s: %w", path.Base(in.Path), err))
	}
	if lock.LockVersion == "" {
		return nil, diag.At(in.Path, 1, 0, "parsing %s: no lock-version; not a PEP 751 lock file", path.Base(in.Path))
	}
	b := newBuilder()
	if major, _, _ := strings.Cut(lock.LockVersion, "."); major != "1" {
		b.res.Warn(in.Path, 1, "lock-version %q is not 1.x; read as 1.0", lock.LockVersion)
	}
	lines := headerLines(data, "packages")
	ids := make([]string, len(lock.Packages))
	for i := range lock.Packages {
		lp := &lock.Packages[i]
		loc := model.Location{Path: in.Path, Line: entryLine(lines, i)}
		if !validName(lp.Name) {
			b.res.Error(in.Path, loc.Line, "package entry without a valid name")
			continue
		}
		var q map[string]string
		props := map[string]string{}
		var req, reason string
		switch {
		case lp.VCS != nil:
			u := firstOf(lp.VCS.URL, lp.VCS.Path)
			v := firstOf(lp.VCS.Type, "git") + "+" + u + refSuffix(lp.VCS.CommitID)
			q = map[string]string{"vcs_url": v}
			props["pypi:source"] = v
			req, reason = v, "VCS URL"
		case lp.Directory != nil:
			props["pypi:source"] = "directory:" + lp.Directory.Path
			req, reason = lp.Directory.Path, "local path"
			if lp.Directory.Editable {
				reason = "editable install"
			}
		case lp.Archive != nil:
			if lp.Archive.URL != "" {
				q = map[string]string{"download_url": lp.Archive.URL}
				req, reason = lp.Archive.URL, "URL"
			} else {
				req, reason = lp.Archive.Path, "local path"
			}
			props["pypi:source"] = firstOf(lp.Archive.URL, lp.Archive.Path)
		case lp.Index != "" && !pypiRegistry(lp.Index):
			q = map[string]string{"repository_url": lp.Index}
			props["pypi:index"] = lp.Index
		}
		var p model.Package
		switch {
		case lp.Directory != nil && lp.Directory.Editable:
			p = unresolvedPackage(lp.Name, req, reason, nil, loc)
		case lp.Version != "":
			p = newPackage(lp.Name, lp.Version, q, loc)
		default:
			p = unresolvedPackage(lp.Name, firstOf(req, "*"), firstOf(reason, "no version given"), nil, loc)
		}
		if lp.Marker != "" {
			props["pypi:marker"] = lp.Marker
		}
		if len(props) > 0 {
			p.Properties = props
		}
		ids[i] = b.add(p)
	}
	byName := map[string][]int{}
	for j := range lock.Packages {
		if ids[j] != "" {
			byName[normalize(lock.Packages[j].Name)] = append(byName[normalize(lock.Packages[j].Name)], j)
		}
	}
	for i := range lock.Packages {
		if ids[i] == "" {
			continue
		}
		for _, d := range lock.Packages[i].Dependencies {
			name, _ := d["name"].(string)
			version, _ := d["version"].(string)
			var found bool
			for _, j := range byName[normalize(name)] {
				if version != "" && lock.Packages[j].Version != version {
					continue
				}
				found = true
				b.edge(ids[i], ids[j], model.ScopeRuntime)
			}
			if !found {
				b.res.Warn(in.Path, entryLine(lines, i), "%s depends on %q, which is not in the lock", lock.Packages[i].Name, name)
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
