package composer

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/ossaudit/ossaudit/internal/diag"
	"github.com/ossaudit/ossaudit/internal/extract"
	"github.com/ossaudit/ossaudit/model"
	"github.com/package-url/packageurl-go"
)

// Extractors returns every PHP extractor.
func Extractors() []extract.Extractor { return []extract.Extractor{ComposerLock{}} }

// ComposerLock reads composer.lock files.
type ComposerLock struct{}

// Name implements extract.Extractor.
func (ComposerLock) Name() string { return "composer/composer-lock" }

// Ecosystem implements extract.Extractor.
func (ComposerLock) Ecosystem() model.Ecosystem { return model.Packagist }

// Kind implements extract.Extractor.
func (ComposerLock) Kind() extract.Kind { return extract.KindLockfile }

// Description implements extract.Extractor.
func (ComposerLock) Description() string {
	return "PHP packages: composer.lock, with direct dependencies from composer.json"
}

// Match implements extract.Extractor.
func (ComposerLock) Match(p string) bool { return path.Base(p) == "composer.lock" }

type lockfile struct {
	Packages    []lockPackage `json:"packages"`
	PackagesDev []lockPackage `json:"packages-dev"`
	// Platform holds the project's own platform requirements (php,
	// ext-*); PHP writes an empty one as [], so they are decoded later.
	Platform    json.RawMessage `json:"platform"`
	PlatformDev json.RawMessage `json:"platform-dev"`
}

type lockPackage struct {
	Name    string            `json:"name"`
	Version string            `json:"version"`
	Require map[string]string `json:"require"`
	Replace map[string]string `json:"replace"`
	Provide map[string]string `json:"provide"`
	Source  *struct {
		Reference string `json:"reference"`
	} `json:"source"`
	Dist *struct {
		Reference string `json:"reference"`
	} `json:"dist"`
}

type manifest struct {
	Name       string            `json:"name"`
	Version    string            `json:"version"`
	Require    map[string]string `json:"require"`
	RequireDev map[string]string `json:"require-dev"`
	Replace    map[string]string `json:"replace"`
	Provide    map[string]string `json:"provide"`
}

// isPlatform reports whether a requirement names the platform rather than
// a package.
func isPlatform(name string) bool {
	n := strings.ToLower(name)
	switch n {
	case "php", "php-64bit", "php-ipv6", "php-zts", "php-debug", "hhvm", "composer", "composer-plugin-api", "composer-runtime-api":
		return true
	}
	return strings.HasPrefix(n, "ext-") || strings.HasPrefix(n, "lib-") || !strings.Contains(n, "/")
}

// Extract implements extract.Extractor.
func (ComposerLock) Extract(ctx context.Context, in *extract.Input) (*extract.Result, error) {
	data, err := in.ReadFile()
	if err != nil {
		return nil, fmt.Errorf("reading composer.lock: %w", err)
	}
	var lf lockfile
	if err := json.Unmarshal(data, &lf); err != nil {
		return nil, diag.Parse(in.Path, data, fmt.Errorf("parsing composer.lock: %w", err))
	}
	res := &extract.Result{}
	dir := in.Dir()
	proj := extract.NewProject(model.Packagist, in.Path, "", "")
	var man *manifest
	manPath := path.Join(dir, "composer.json")
	if mdata, err := in.ReadRel(manPath); err == nil {
		var m manifest
		if err := json.Unmarshal(mdata, &m); err != nil {
			res.Diagnostics = append(res.Diagnostics, diag.Diagnostic(model.SevWarning, manPath, "", diag.Parse(manPath, mdata, fmt.Errorf("parsing composer.json: %w", err))))
		} else {
			man = &m
			proj.Name, proj.Version = m.Name, m.Version
			proj.Sources = append(proj.Sources, manPath)
			if ns, n, ok := strings.Cut(m.Name, "/"); ok {
				u := packageurl.NewPackageURL(packageurl.TypeComposer, strings.ToLower(ns), strings.ToLower(n), "", nil, "")
				proj.PURL = u.ToString()
			}
		}
	}
	// The platform the project needs (php >=8.1, ext-json) is no package,
	// but a licence or vulnerability review wants to see it.
	for kind, raw := range map[string]json.RawMessage{"platform": lf.Platform, "platform-dev": lf.PlatformDev} {
		var reqs map[string]string
		if len(raw) > 0 && raw[0] == '{' && json.Unmarshal(raw, &reqs) != nil {
			res.Warn(in.Path, 0, "the %s requirements are not a map of names to constraints; they were skipped", kind)
		}
		for name, constraint := range reqs {
			if proj.Properties == nil {
				proj.Properties = map[string]string{}
			}
			proj.Properties["composer:"+kind+":"+name] = constraint
		}
	}
	res.Projects = append(res.Projects, proj)

	type entry struct {
		lp    lockPackage
		scope model.Scope
		id    string
		line  int
	}
	var entries []*entry
	for _, lp := range lf.Packages {
		entries = append(entries, &entry{lp: lp, scope: model.ScopeRuntime})
	}
	for _, lp := range lf.PackagesDev {
		entries = append(entries, &entry{lp: lp, scope: model.ScopeDevelopment})
	}

	// Packages, and the names each one answers to.
	byName := map[string]*entry{}
	provides := map[string]*entry{}
	index := map[string]int{}
	lines := newLineFinder(data)
	for _, e := range entries {
		if e.lp.Name == "" {
			res.Error(in.Path, 0, "package without a name")
			continue
		}
		e.line = lines.find(e.lp.Name)
		loc := model.Location{Path: in.Path, Line: e.line}
		p := newPackage(e.lp, loc)
		p.Scope = e.scope
		e.id = p.ID
		if i, ok := index[p.ID]; ok {
			res.Packages[i].Locations = append(res.Packages[i].Locations, loc)
			if e.scope.Stronger(res.Packages[i].Scope) {
				res.Packages[i].Scope = e.scope
			}
		} else {
			index[p.ID] = len(res.Packages)
			res.Packages = append(res.Packages, p)
		}
		byName[strings.ToLower(e.lp.Name)] = e
		for _, m := range []map[string]string{e.lp.Replace, e.lp.Provide} {
			for n := range m {
				if _, ok := provides[strings.ToLower(n)]; !ok {
					provides[strings.ToLower(n)] = e
				}
			}
		}
	}
	lookup := func(name string) *entry {
		if e, ok := byName[strings.ToLower(name)]; ok {
			return e
		}
		return provides[strings.ToLower(name)]
	}

	// Names the project itself replaces or provides (polyfills, typically)
	// need no package.
	own := map[string]bool{}
	if man != nil {
		for _, m := range []map[string]string{man.Replace, man.Provide} {
			for n := range m {
				own[strings.ToLower(n)] = true
			}
		}
	}

	// Edges between packages.
	required := map[string]bool{}
	for _, e := range entries {
		if e.id == "" {
			continue
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		for _, name := range sortedKeys(e.lp.Require) {
			if isPlatform(name) || own[strings.ToLower(name)] {
				continue
			}
			to := lookup(name)
			if to == nil || to.id == "" {
				res.Warn(in.Path, e.line, "%s requires %s, which is not in the lock file", e.lp.Name, name)
				continue
			}
			if to.id != e.id {
				required[to.id] = true
				res.AddEdge(e.id, to.id, model.ScopeRuntime)
			}
		}
	}

	// Direct dependencies.
	if man != nil {
		for _, req := range []struct {
			m     map[string]string
			scope model.Scope
		}{{man.Require, model.ScopeRuntime}, {man.RequireDev, model.ScopeDevelopment}} {
			for _, name := range sortedKeys(req.m) {
				if isPlatform(name) {
					continue
				}
				to := lookup(name)
				if to == nil || to.id == "" {
					res.Warn(manPath, 0, "composer.json requires %s, which is not in %s; run composer update", name, path.Base(in.Path))
					continue
				}
				res.AddEdge(proj.ID, to.id, req.scope)
			}
		}
	} else {
		done := map[string]bool{}
		for _, e := range entries {
			if e.id != "" && !required[e.id] && !done[e.id] {
				done[e.id] = true
				res.AddEdge(proj.ID, e.id, e.scope)
			}
		}
	}
	return res, nil
}

// newPackage maps one lock entry.
func newPackage(lp lockPackage, loc model.Location) model.Package {
	ns, n, _ := strings.Cut(lp.Name, "/")
	if n == "" {
		ns, n = "", lp.Name
	}
	version := lp.Version
	if len(version) > 1 && (version[0] == 'v' || version[0] == 'V') && version[1] >= '0' && version[1] <= '9' {
		version = version[1:]
	}
	u := packageurl.NewPackageURL(packageurl.TypeComposer, strings.ToLower(ns), strings.ToLower(n), version, nil, "")
	p := extract.NewPackage(model.Packagist, *u, lp.Name, strings.ToLower(lp.Name), loc)
	if version == "" {
		p = extract.Unresolved(p, "", "no version in composer.lock")
	}
	props := map[string]string{}
	if version != lp.Version {
		props["composer:version"] = lp.Version
	}
	if strings.HasPrefix(version, "dev-") || strings.HasSuffix(version, "-dev") {
		switch {
		case lp.Source != nil && lp.Source.Reference != "":
			props["composer:reference"] = lp.Source.Reference
		case lp.Dist != nil && lp.Dist.Reference != "":
			props["composer:reference"] = lp.Dist.Reference
		}
	}
	if len(props) > 0 {
		p.Properties = props
	}
	return p
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// lineFinder finds the line of each package's "name" key, scanning forward
// from the previous match since entries appear in file order.
type lineFinder struct {
	data    []byte
	off     int // where the next search starts
	lineOff int // the offset whose line is line
	line    int
	misses  int
}

func newLineFinder(data []byte) *lineFinder { return &lineFinder{data: data, line: 1} }

func (f *lineFinder) find(name string) int {
	q, err := json.Marshal(name)
	if err != nil {
		return 0
	}
	// Slashes may be escaped ("\/") by other JSON writers than Composer.
	pat := strings.ReplaceAll(regexp.QuoteMeta(string(q)), "/", `(?:/|\\/)`)
	re, err := regexp.Compile(`"name"\s*:\s*` + pat)
	if err != nil {
		return 0
	}
	if f.misses > maxMisses {
		return 0
	}
	if loc := re.FindIndex(f.data[f.off:]); loc != nil {
		start := f.off + loc[0]
		f.off += loc[1]
		f.line += bytes.Count(f.data[f.lineOff:start], []byte{'\n'})
		f.lineOff = start
		return f.line
	}
	// Spelled differently (escapes): no line. Each miss reads the rest of
	// the file, so give up after a few to stay linear.
	f.misses++
	return 0
}

// maxMisses bounds the names lineFinder looks for in vain.
const maxMisses = 16
