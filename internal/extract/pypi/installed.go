package pypi

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/ossaudit/ossaudit/internal/diag"
	"github.com/ossaudit/ossaudit/internal/extract"
	"github.com/ossaudit/ossaudit/model"
)

type installedExtractor struct{}

func (installedExtractor) Name() string               { return "pypi/installed" }
func (installedExtractor) Ecosystem() model.Ecosystem { return eco }
func (installedExtractor) Kind() extract.Kind         { return extract.KindInstalled }
func (installedExtractor) Description() string {
	return "installed Python packages: *.dist-info/METADATA and *.egg-info/PKG-INFO in site-packages and dist-packages folders"
}

// Match is false: the installed folder is handed over via MatchInstalled.
func (installedExtractor) Match(string) bool { return false }

// MatchInstalled reports whether dir is a site-packages or dist-packages folder.
func (installedExtractor) MatchInstalled(dir string) bool {
	b := path.Base(dir)
	return b == "site-packages" || b == "dist-packages"
}

// header is one field of an RFC 822-style metadata file.
type header struct {
	key, value string
	line       int
}

// parseHeaders reads the header fields of METADATA or PKG-INFO up to the
// first blank line. Lines that are neither a field nor a continuation stop
// the reading with an error; the fields read so far are returned.
func parseHeaders(file string, data []byte) ([]header, error) {
	if i := bytes.IndexByte(data, 0); i >= 0 {
		line, col := diag.Position(data, int64(i))
		return nil, diag.At(file, line, col, "parsing metadata: binary content")
	}
	var out []header
	for n, l := range strings.Split(string(data), "\n") {
		l = strings.TrimSuffix(l, "\r")
		if l == "" {
			break // the body starts; lines of blanks continue a field
		}
		if l[0] == ' ' || l[0] == '\t' {
			if len(out) == 0 {
				return out, diag.At(file, n+1, 1, "parsing metadata: continuation line without a field")
			}
			out[len(out)-1].value += "\n" + strings.TrimSpace(l)
			continue
		}
		k, v, ok := strings.Cut(l, ":")
		if !ok || strings.TrimSpace(k) == "" {
			return out, diag.At(file, n+1, 1, "parsing metadata: expected \"Field: value\"")
		}
		out = append(out, header{key: strings.ToLower(strings.TrimSpace(k)), value: strings.TrimSpace(v), line: n + 1})
	}
	return out, nil
}

// envProjectDir returns the folder of the project that owns the
// environment a site-packages folder belongs to: the environment root
// (above lib/pythonX.Y/ or Lib/), or its parent when the root is a virtual
// environment (it holds pyvenv.cfg).
func envProjectDir(fsys fs.FS, sp string) string {
	dir := path.Dir(sp)
	if strings.HasPrefix(path.Base(dir), "python") {
		dir = path.Dir(dir)
	}
	switch path.Base(dir) {
	case "lib", "Lib", "lib64":
		dir = path.Dir(dir)
	}
	if _, err := fs.Stat(fsys, path.Join(dir, "pyvenv.cfg")); err == nil {
		dir = path.Dir(dir)
	}
	return dir
}

// distFolderName splits "name-version.dist-info" into name and version.
func distFolderName(folder string) (string, string) {
	base := folder[:len(folder)-len(path.Ext(folder))]
	name, version, _ := strings.Cut(base, "-")
	return name, version
}

// installedDist is one installed distribution while it is being read.
type installedDist struct {
	id       string
	requires []string
	file     string
	line     int
}

func (installedExtractor) Extract(ctx context.Context, in *extract.Input) (*extract.Result, error) {
	entries, err := fs.ReadDir(in.FS, in.Path)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", in.Path, err)
	}
	b := newBuilder()
	var dists []installedDist
	for _, e := range entries {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		name := e.Name()
		var meta, requiresTxt string
		switch {
		case strings.HasSuffix(name, ".dist-info") && e.IsDir():
			meta = path.Join(in.Path, name, "METADATA")
		case strings.HasSuffix(name, ".egg-info") && e.IsDir():
			meta = path.Join(in.Path, name, "PKG-INFO")
			requiresTxt = path.Join(in.Path, name, "requires.txt")
		case strings.HasSuffix(name, ".egg-info"):
			meta = path.Join(in.Path, name)
		default:
			continue
		}
		if d, ok := readDist(in, b, name, meta, requiresTxt); ok {
			dists = append(dists, d)
		}
	}
	for _, d := range dists {
		for _, s := range d.requires {
			req, err := parseRequirement(s)
			if err != nil {
				b.res.Warn(d.file, d.line, "parsing Requires-Dist: %v", err)
				continue
			}
			scope := model.ScopeRuntime
			if markerHasExtra(req.Marker) {
				scope = model.ScopeOptional
			}
			for _, t := range b.byName[normalize(req.Name)] {
				b.edge(d.id, t, scope)
			}
		}
	}
	dir := envProjectDir(in.FS, in.Path)
	proj := model.Project{ID: extract.ProjectID(eco, dir, ""), Ecosystem: eco, Dir: dir, Sources: []string{in.Path}}
	b.linkRoots(proj.ID)
	b.linkUnreachable(proj.ID)
	r := b.result()
	r.Projects = []model.Project{proj}
	return r, nil
}

// readDist reads the metadata of one installed distribution into b.
func readDist(in *extract.Input, b *builder, folder, meta, requiresTxt string) (installedDist, bool) {
	data, err := in.ReadRel(meta)
	if err != nil {
		b.res.Error(meta, 0, "reading installed metadata: %v", err)
		return installedDist{}, false
	}
	hs, err := parseHeaders(meta, data)
	if err != nil {
		b.res.Diagnostics = append(b.res.Diagnostics, diag.Diagnostic(model.SevError, meta, "", err))
	}
	d := installedDist{file: meta}
	var name, version, license, expr string
	var classifiers []string
	for _, h := range hs {
		switch h.key {
		case "name":
			if name == "" {
				name, d.line = h.value, h.line
			}
		case "version":
			if version == "" {
				version = h.value
			}
		case "license":
			license = h.value
		case "license-expression":
			expr = h.value
		case "classifier":
			if strings.HasPrefix(h.value, "License ::") {
				classifiers = append(classifiers, h.value)
			}
		case "requires-dist":
			d.requires = append(d.requires, h.value)
		}
	}
	if name == "" || version == "" {
		fn, fv := distFolderName(folder)
		if name == "" {
			name = fn
		}
		if version == "" {
			version = fv
		}
	}
	if !validName(name) || version == "" {
		b.res.Error(meta, d.line, "installed metadata without a valid name and version")
		return installedDist{}, false
	}
	p := newPackage(name, version, nil, model.Location{Path: meta, Line: d.line})
	p.Properties = map[string]string{"ossaudit:source": "installed"}
	if license != "" && license != "UNKNOWN" {
		p.Properties["pypi:license"] = license
	}
	if expr != "" {
		p.Properties["pypi:license-expression"] = expr
	}
	if len(classifiers) > 0 {
		p.Properties["pypi:license-classifiers"] = strings.Join(classifiers, "; ")
	}
	if requiresTxt != "" {
		d.requires = append(d.requires, readRequiresTxt(in, requiresTxt)...)
	}
	d.id = b.add(p)
	return d, true
}

// readRequiresTxt reads the requires.txt of an egg-info folder: plain
// requirements, then sections "[extra]", "[:marker]" or "[extra:marker]"
// whose requirements get the matching marker. A missing file is no error.
func readRequiresTxt(in *extract.Input, file string) []string {
	data, err := in.ReadRel(file)
	if err != nil {
		return nil
	}
	var out []string
	marker := ""
	for _, l := range strings.Split(string(data), "\n") {
		l = strings.TrimSpace(l)
		switch {
		case l == "" || strings.HasPrefix(l, "#"):
		case strings.HasPrefix(l, "[") && strings.HasSuffix(l, "]"):
			extra, m, _ := strings.Cut(l[1:len(l)-1], ":")
			var parts []string
			if extra != "" {
				parts = append(parts, fmt.Sprintf("extra == %q", extra))
			}
			if m != "" {
				parts = append(parts, "("+m+")")
			}
			marker = strings.Join(parts, " and ")
		case marker != "":
			out = append(out, l+"; "+marker)
		default:
			out = append(out, l)
		}
	}
	return out
}
