package rubygems

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"path"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/ossaudit/ossaudit/internal/diag"
	"github.com/ossaudit/ossaudit/internal/extract"
	"github.com/ossaudit/ossaudit/model"
	"github.com/package-url/packageurl-go"
)

// Extractors returns every Ruby extractor.
func Extractors() []extract.Extractor { return []extract.Extractor{GemfileLock{}} }

// GemfileLock reads Bundler lockfiles.
type GemfileLock struct{}

// Name implements extract.Extractor.
func (GemfileLock) Name() string { return "rubygems/gemfile-lock" }

// Ecosystem implements extract.Extractor.
func (GemfileLock) Ecosystem() model.Ecosystem { return model.RubyGems }

// Kind implements extract.Extractor.
func (GemfileLock) Kind() extract.Kind { return extract.KindLockfile }

// Description implements extract.Extractor.
func (GemfileLock) Description() string {
	return "Ruby gems: Gemfile.lock and gems.locked (Bundler)"
}

// Match implements extract.Extractor.
func (GemfileLock) Match(p string) bool {
	b := path.Base(p)
	return b == "Gemfile.lock" || b == "gems.locked"
}

// nameVersion matches "name", "name (version[-platform])" and "name!",
// as Bundler's own lockfile parser does.
var nameVersion = regexp.MustCompile(`^(\S+?)(?: \(([^-)]*)(?:-([^)]*))?\))?(!)?$`)

// dependency matches "name" or "name (constraints)" and "name!".
var dependency = regexp.MustCompile(`^(\S+?)(?: \(([^)]*)\))?(!)?$`)

// source is the section a spec is in.
type source struct {
	kind  string // GEM, GIT, PATH or PLUGIN SOURCE
	attrs map[string]string
}

// spec is one locked gem.
type spec struct {
	name, version, platform string
	line                    int
	src                     *source
	deps                    []string
	id                      string
}

// direct is one entry of DEPENDENCIES.
type direct struct {
	name, requirement string
	line              int
}

// Extract implements extract.Extractor.
func (GemfileLock) Extract(ctx context.Context, in *extract.Input) (*extract.Result, error) {
	data, err := in.ReadFile()
	if err != nil {
		return nil, fmt.Errorf("reading Gemfile.lock: %w", err)
	}
	res := &extract.Result{}
	var (
		specs     []*spec
		directs   []direct
		checksums = map[string]string{}
		section   string
		src       *source
		inSpecs   bool
		cur       *spec
		sections  int
	)
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		if line%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		text := strings.TrimRight(sc.Text(), "\r")
		if !utf8.ValidString(text) || strings.ContainsRune(text, 0) {
			return nil, diag.At(in.Path, line, 1, "parsing Gemfile.lock: not a text file")
		}
		if strings.TrimSpace(text) == "" {
			continue
		}
		indent := len(text) - len(strings.TrimLeft(text, " "))
		body := strings.TrimSpace(text)
		if indent == 0 {
			section, inSpecs, cur, src = body, false, nil, nil
			switch section {
			case "GEM", "GIT", "PATH", "PLUGIN SOURCE":
				src = &source{kind: section, attrs: map[string]string{}}
				sections++
			case "PLATFORMS", "DEPENDENCIES", "CHECKSUMS", "RUBY VERSION", "BUNDLED WITH":
				sections++
			default:
				res.Warn(in.Path, line, "unknown Gemfile.lock section %q", section)
			}
			continue
		}
		switch section {
		case "GEM", "GIT", "PATH", "PLUGIN SOURCE":
			switch {
			case indent == 2 && body == "specs:":
				inSpecs = true
			case indent == 2:
				k, v, ok := strings.Cut(body, ":")
				if !ok {
					res.Warn(in.Path, line, "unexpected line in %s section: %q", section, body)
					continue
				}
				src.attrs[k] = strings.TrimSpace(v)
			case indent == 4 && inSpecs:
				m := nameVersion.FindStringSubmatch(body)
				if m == nil || m[2] == "" {
					res.Error(in.Path, line, "malformed gem spec %q", body)
					cur = nil
					continue
				}
				cur = &spec{name: m[1], version: m[2], platform: m[3], line: line, src: src}
				specs = append(specs, cur)
			case indent == 6 && cur != nil:
				m := dependency.FindStringSubmatch(body)
				if m == nil {
					res.Warn(in.Path, line, "malformed dependency %q of %s", body, cur.name)
					continue
				}
				cur.deps = append(cur.deps, m[1])
			default:
				res.Warn(in.Path, line, "unexpected indentation in %s section", section)
			}
		case "DEPENDENCIES":
			m := dependency.FindStringSubmatch(body)
			if m == nil {
				res.Error(in.Path, line, "malformed dependency %q", body)
				continue
			}
			directs = append(directs, direct{name: m[1], requirement: m[2], line: line})
		case "CHECKSUMS":
			nv, sum, _ := strings.Cut(body, " ")
			if f := strings.Fields(body); len(f) >= 3 {
				nv, sum = f[0]+" "+f[1], f[2]
			}
			if sum != "" {
				checksums[nv] = sum
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, diag.At(in.Path, line+1, 1, "parsing Gemfile.lock: %v", err)
	}
	if sections == 0 {
		return nil, diag.At(in.Path, 1, 1, "parsing Gemfile.lock: no Bundler section found")
	}

	proj := extract.NewProject(model.RubyGems, in.Path, "", "")
	// A Gemfile with `gemspec` locks the project's own gem from PATH ".".
	var own []*spec
	for _, s := range specs {
		if s.src.kind == "PATH" && s.src.attrs["remote"] == "." {
			own = append(own, s)
		}
	}
	if len(own) == 1 {
		proj.Name, proj.Version = own[0].name, own[0].version
	}
	res.Projects = append(res.Projects, proj)

	byName := map[string][]*spec{}
	index := map[string]int{}
	for _, s := range specs {
		p := newPackage(in.Path, s)
		key := s.version
		if s.platform != "" {
			key += "-" + s.platform
		}
		if sum := checksums[s.name+" ("+key+")"]; sum != "" {
			setProp(&p, "gem:checksum", sum)
		}
		s.id = p.ID
		if i, ok := index[p.ID]; ok {
			res.Packages[i].Locations = append(res.Packages[i].Locations, p.Locations...)
		} else {
			index[p.ID] = len(res.Packages)
			res.Packages = append(res.Packages, p)
		}
		byName[s.name] = append(byName[s.name], s)
	}
	edge := func(from, name string) bool {
		seen := map[string]bool{}
		for _, t := range byName[name] {
			if !seen[t.id] {
				seen[t.id] = true
				res.AddEdge(from, t.id, model.ScopeRuntime)
			}
		}
		return len(seen) > 0
	}
	for _, s := range specs {
		for _, d := range s.deps {
			if !edge(s.id, d) {
				res.Warn(in.Path, s.line, "%s depends on %s, which is not locked", s.name, d)
			}
		}
	}
	for _, d := range directs {
		if edge(proj.ID, d.name) {
			continue
		}
		u := packageurl.NewPackageURL(packageurl.TypeGem, "", d.name, "", nil, "")
		p := extract.NewPackage(model.RubyGems, *u, d.name, d.name, model.Location{Path: in.Path, Line: d.line})
		p = extract.Unresolved(p, d.requirement, "not locked in Gemfile.lock (another platform's gem?)")
		if _, ok := index[p.ID]; !ok {
			index[p.ID] = len(res.Packages)
			res.Packages = append(res.Packages, p)
		}
		res.AddEdge(proj.ID, p.ID, model.ScopeRuntime)
	}
	return res, nil
}

// newPackage maps one locked gem.
func newPackage(file string, s *spec) model.Package {
	var q packageurl.Qualifiers
	if s.platform != "" {
		q = packageurl.QualifiersFromMap(map[string]string{"platform": s.platform})
	}
	u := packageurl.NewPackageURL(packageurl.TypeGem, "", s.name, s.version, q, "")
	p := extract.NewPackage(model.RubyGems, *u, s.name, s.name, model.Location{Path: file, Line: s.line})
	if s.platform != "" {
		setProp(&p, "gem:platform", s.platform)
	}
	switch s.src.kind {
	case "GIT":
		setProp(&p, "gem:source", s.src.attrs["remote"])
		if r := s.src.attrs["revision"]; r != "" {
			setProp(&p, "gem:revision", r)
		}
	case "PLUGIN SOURCE":
		setProp(&p, "gem:source", s.src.attrs["remote"])
	case "PATH":
		setProp(&p, "gem:path", s.src.attrs["remote"])
	case "GEM":
		if r := s.src.attrs["remote"]; r != "" && strings.TrimSuffix(r, "/") != "https://rubygems.org" {
			setProp(&p, "gem:source", r)
		}
	}
	return p
}

func setProp(p *model.Package, k, v string) {
	if p.Properties == nil {
		p.Properties = map[string]string{}
	}
	p.Properties[k] = v
}
