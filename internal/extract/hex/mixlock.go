package hex

import (
	"context"
	"errors"
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/ossaudit/ossaudit/internal/diag"
	"github.com/ossaudit/ossaudit/internal/extract"
	"github.com/ossaudit/ossaudit/model"
	"github.com/package-url/packageurl-go"
)

// Extractors returns every extractor of this package.
func Extractors() []extract.Extractor { return []extract.Extractor{MixLock{}} }

// MixLock reads mix.lock.
type MixLock struct{}

// Name implements extract.Extractor.
func (MixLock) Name() string { return "hex/mix-lock" }

// Ecosystem implements extract.Extractor.
func (MixLock) Ecosystem() model.Ecosystem { return model.Hex }

// Kind implements extract.Extractor.
func (MixLock) Kind() extract.Kind { return extract.KindLockfile }

// Description implements extract.Extractor.
func (MixLock) Description() string {
	return "Elixir lockfiles: mix.lock (with the deps of a mix.exs beside it for direct dependencies)"
}

// Match implements extract.Extractor.
func (MixLock) Match(p string) bool { return path.Base(p) == "mix.lock" }

// lockDep is one dependency listed inside a hex entry.
type lockDep struct {
	app, req, pkg string
	optional      bool
	pos           int
}

// entry is one package of mix.lock.
type entry struct {
	app  string // the key: the OTP application name
	id   string
	pos  int
	deps []lockDep
}

// Extract implements extract.Extractor.
func (x MixLock) Extract(ctx context.Context, in *extract.Input) (*extract.Result, error) {
	data, err := in.ReadFile()
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", in.Path, err)
	}
	lines := newLineIndex(data)
	t, err := parseTerm(data)
	if err != nil {
		var te *termError
		if errors.As(err, &te) {
			l, c := lines.pos(te.Pos)
			err = diag.At(in.Path, l, c, "%s", te.Msg)
		}
		return nil, fmt.Errorf("parsing mix.lock: %w", err)
	}
	if t.Kind != kMap {
		l, c := lines.pos(t.Pos)
		return nil, fmt.Errorf("parsing mix.lock: %w", diag.At(in.Path, l, c, "expected a map %%{...} of packages"))
	}
	r := &extract.Result{}
	mix := readMixExs(in)
	proj := extract.NewProject(model.Hex, in.Path, mix.app, mix.version)
	r.Projects = append(r.Projects, proj)

	var entries []entry
	byApp := map[string]int{} // app → index in entries
	index := map[string]int{} // package ID → index in r.Packages
	for i := 0; i+1 < len(t.Elems); i += 2 {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		k, v := t.Elems[i], t.Elems[i+1]
		line := lines.line(k.Pos)
		app := k.str()
		if app == "" {
			r.Error(in.Path, line, "package key is not a name")
			continue
		}
		e, p, ok := x.entry(r, in.Path, app, v, model.Location{Path: in.Path, Line: line})
		if !ok {
			continue
		}
		if _, dup := byApp[app]; dup {
			r.Warn(in.Path, line, "package %s is listed twice; using the last entry", app)
		}
		byApp[app] = len(entries)
		entries = append(entries, e)
		if j, seen := index[p.ID]; seen {
			r.Packages[j].Locations = append(r.Packages[j].Locations, p.Locations...)
		} else {
			index[p.ID] = len(r.Packages)
			r.Packages = append(r.Packages, p)
		}
	}

	// Edges among packages.
	depended := map[string]bool{}
	for _, e := range entries {
		for _, d := range e.deps {
			to := ""
			if j, ok := byApp[d.app]; ok {
				to = entries[j].id
			} else if d.optional {
				continue // an optional dependency nothing else needs is not in the lock
			} else {
				line := lines.line(d.pos)
				r.Warn(in.Path, line, "%s depends on %s, which mix.lock does not list", e.app, d.app)
				to = missing(r, index, d, model.Location{Path: in.Path, Line: line})
			}
			depended[d.app] = true
			scope := model.ScopeRuntime
			if d.optional {
				scope = model.ScopeOptional
			}
			r.AddEdge(e.id, to, scope)
		}
	}

	// Edges from the project.
	direct := map[string]model.Scope{}
	if mix.found && !mix.umbrella {
		for _, d := range mix.deps {
			direct[d.name] = d.scope
		}
	} else {
		for _, e := range entries {
			if !depended[e.app] {
				direct[e.app] = model.ScopeRuntime
			}
		}
		for _, d := range mix.deps { // an umbrella's own deps
			direct[d.name] = d.scope
		}
	}
	names := make([]string, 0, len(direct))
	for n := range direct {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if j, ok := byApp[n]; ok {
			r.AddEdge(proj.ID, entries[j].id, direct[n])
		}
	}
	return r, nil
}

// entry reads the tuple of one package; false (with a diagnostic) when it
// is not one this reader knows.
func (x MixLock) entry(r *extract.Result, file, app string, v term, loc model.Location) (entry, model.Package, bool) {
	e := entry{app: app, pos: v.Pos}
	if v.Kind != kTuple || len(v.Elems) < 2 || v.Elems[0].Kind != kAtom {
		r.Error(file, loc.Line, "package %s is not a {:scm, ...} tuple", app)
		return e, model.Package{}, false
	}
	props := map[string]string{}
	elems := v.Elems
	var p model.Package
	switch scm := elems[0].S; scm {
	case "hex":
		if len(elems) < 3 || elems[1].str() == "" || elems[2].Kind != kString {
			r.Error(file, loc.Line, "hex package %s lacks a name or version", app)
			return e, model.Package{}, false
		}
		name := elems[1].str()
		repo := "hexpm"
		if len(elems) > 6 && elems[6].Kind == kString && elems[6].S != "" {
			repo = elems[6].S
		}
		ns := ""
		if org, ok := strings.CutPrefix(repo, "hexpm:"); ok {
			ns = org
		}
		if repo != "hexpm" {
			props["hex:repo"] = repo
		}
		if name != app {
			props["hex:app"] = app
		}
		if len(elems) > 3 && elems[3].Kind == kString && elems[3].S != "" {
			props["hex:inner-checksum"] = elems[3].S
		}
		if len(elems) > 7 && elems[7].Kind == kString && elems[7].S != "" {
			props["hex:checksum"] = elems[7].S
		}
		if len(elems) > 4 && elems[4].Kind == kList {
			var tools []string
			for _, tl := range elems[4].Elems {
				if s := tl.str(); s != "" {
					tools = append(tools, s)
				}
			}
			if len(tools) > 0 {
				props["hex:build-tools"] = strings.Join(tools, ",")
			}
		}
		purl := packageurl.NewPackageURL(packageurl.TypeHex, ns, strings.ToLower(name), elems[2].S, nil, "")
		p = extract.NewPackage(model.Hex, *purl, name, strings.ToLower(name), loc)
		if elems[2].S == "" {
			purl.Version = ""
			p = extract.Unresolved(extract.NewPackage(model.Hex, *purl, name, strings.ToLower(name), loc), "*", "the lockfile gives no version")
		}
		if len(elems) > 5 {
			e.deps = lockDeps(r, file, app, elems[5], loc)
		}
	case "git":
		url, ref := "", ""
		if len(elems) > 1 {
			url = elems[1].str()
		}
		if len(elems) > 2 {
			ref = elems[2].str()
		}
		if url == "" {
			r.Error(file, loc.Line, "git package %s has no URL", app)
			return e, model.Package{}, false
		}
		props["hex:git-url"] = url
		if ref != "" {
			props["hex:git-ref"] = ref
		}
		if len(elems) > 3 {
			for _, k := range []string{"branch", "tag", "ref"} {
				if s, ok := elems[3].keyword(k); ok && s.str() != "" {
					props["hex:git-"+k] = s.str()
				}
			}
		}
		purl := packageurl.NewPackageURL(packageurl.TypeHex, "", strings.ToLower(app), "", nil, "")
		p = extract.Unresolved(extract.NewPackage(model.Hex, *purl, app, strings.ToLower(app), loc),
			url+"@"+ref, "git dependency: pinned to a commit, not to a Hex version")
	default:
		r.Warn(file, loc.Line, "package %s comes from %s, a source this reader does not know", app, scm)
		props["hex:scm"] = scm
		purl := packageurl.NewPackageURL(packageurl.TypeHex, "", strings.ToLower(app), "", nil, "")
		p = extract.Unresolved(extract.NewPackage(model.Hex, *purl, app, strings.ToLower(app), loc),
			scm, "from the "+scm+" source, which has no Hex version")
	}
	if len(props) > 0 {
		p.Properties = props
	}
	e.id = p.ID
	return e, p, true
}

// lockDeps reads the dependency list of a hex entry:
// [{:app, "~> 1.0", [hex: :pkg, repo: "hexpm", optional: false]}, ...].
func lockDeps(r *extract.Result, file, app string, list term, loc model.Location) []lockDep {
	if list.Kind != kList {
		r.Warn(file, loc.Line, "the dependencies of %s are not a list", app)
		return nil
	}
	var deps []lockDep
	for _, d := range list.Elems {
		if d.Kind != kTuple || len(d.Elems) == 0 || d.Elems[0].str() == "" {
			r.Warn(file, loc.Line, "a dependency of %s is not a {:name, requirement, options} tuple", app)
			continue
		}
		ld := lockDep{app: d.Elems[0].str(), pos: d.Pos}
		if len(d.Elems) > 1 {
			ld.req = d.Elems[1].str()
		}
		if len(d.Elems) > 2 {
			opts := d.Elems[len(d.Elems)-1]
			if v, ok := opts.keyword("optional"); ok && v.Kind == kIdent && v.S == "true" {
				ld.optional = true
			}
			if v, ok := opts.keyword("hex"); ok {
				ld.pkg = v.str()
			}
		}
		deps = append(deps, ld)
	}
	return deps
}

// missing adds a dependency that mix.lock does not list, unresolved.
func missing(r *extract.Result, index map[string]int, d lockDep, loc model.Location) string {
	name := d.pkg
	if name == "" {
		name = d.app
	}
	req := d.req
	if req == "" {
		req = "*"
	}
	purl := packageurl.NewPackageURL(packageurl.TypeHex, "", strings.ToLower(name), "", nil, "")
	p := extract.Unresolved(extract.NewPackage(model.Hex, *purl, name, strings.ToLower(name), loc),
		req, "a dependency that mix.lock does not resolve")
	if j, ok := index[p.ID]; ok {
		r.Packages[j].Locations = append(r.Packages[j].Locations, loc)
		return p.ID
	}
	index[p.ID] = len(r.Packages)
	r.Packages = append(r.Packages, p)
	return p.ID
}
