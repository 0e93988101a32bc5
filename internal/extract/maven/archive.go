package maven

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"path"
	"sort"
	"strings"

	"github.com/ossaudit/ossaudit/internal/diag"
	"github.com/ossaudit/ossaudit/internal/extract"
	"github.com/ossaudit/ossaudit/model"
)

// Caps on reading archives.
const (
	maxArchiveDepth = 4       // archives nested in archives
	maxMetaSize     = 1 << 20 // one pom.properties or MANIFEST.MF
)

// Archive extracts the Maven artifacts inside Java archives: the archive is
// the project and every artifact found in it, or in the archives nested in
// it, is a package it depends on.
type Archive struct{}

// Name implements extract.Extractor.
func (Archive) Name() string { return "maven/archive" }

// Ecosystem implements extract.Extractor.
func (Archive) Ecosystem() model.Ecosystem { return eco }

// Kind implements extract.Extractor.
func (Archive) Kind() extract.Kind { return extract.KindArchive }

// Description implements extract.Extractor.
func (Archive) Description() string {
	return "Java archives (*.jar, *.war, *.ear, *.par): pom.properties or MANIFEST.MF of the archive and of nested archives"
}

// Match implements extract.Extractor.
func (Archive) Match(p string) bool { return isJavaArchive(p) }

func isJavaArchive(p string) bool {
	switch strings.ToLower(path.Ext(p)) {
	case ".jar", ".war", ".ear", ".par":
		return true
	}
	return false
}

// artifact is one identity found in an archive.
type artifact struct {
	group, art, version string
	fromManifest        bool
}

// archiveWalker reads one outer archive.
type archiveWalker struct {
	ctx    context.Context
	c      *collector
	projID string
	budget int64 // bytes the archive may still expand to
	limit  int64 // the cap budget started from
	// maxEntry caps one nested archive, which is held in memory.
	maxEntry int64
	over     bool // the budget ran out
}

// Extract implements extract.Extractor.
func (Archive) Extract(ctx context.Context, in *extract.Input) (*extract.Result, error) {
	data, err := in.ReadFile()
	if err != nil {
		return nil, err
	}
	base := path.Base(in.Path)
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, diag.At(in.Path, 0, 0, "parsing %s: not a readable zip archive: %v", base, err)
	}
	w := &archiveWalker{ctx: ctx, c: newCollector(), budget: in.ArchiveLimit(), limit: in.ArchiveLimit(), maxEntry: in.MaxFileSize}
	if w.maxEntry <= 0 {
		w.maxEntry = extract.DefaultMaxFileSize
	}
	proj := model.Project{ID: extract.ProjectID(eco, path.Dir(in.Path), base), Ecosystem: eco, Name: base, Dir: path.Dir(in.Path), Sources: []string{in.Path}}
	w.projID = proj.ID
	own := w.walk(zr, in.Path, 0)
	// The archive's own identity: the artifact whose artifactId starts its file name.
	for _, a := range own {
		if a.group != "" && a.version != "" && strings.HasPrefix(base, a.art) {
			proj.Name, proj.Version = a.group+":"+a.art, a.version
			pu := purl(a.group, a.art, a.version, "", "")
			proj.PURL = pu.ToString()
			break
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("reading %s: %w", in.Path, err)
	}
	w.c.res.Projects = append(w.c.res.Projects, proj)
	return w.c.result(), nil
}

// walk reports the artifacts of zr, found at loc, and of the archives nested
// in it; it returns zr's own artifacts.
func (w *archiveWalker) walk(zr *zip.Reader, loc string, depth int) []artifact {
	var arts []artifact
	var manifest *zip.File
	var nested []*zip.File
	for _, f := range zr.File {
		name := f.Name
		switch {
		case strings.HasSuffix(name, "/"):
		case strings.HasPrefix(name, "META-INF/maven/") && path.Base(name) == "pom.properties":
			data, ok := w.read(f, loc, maxMetaSize)
			if !ok {
				continue
			}
			props := parseProperties(data)
			a := artifact{group: props["groupId"], art: props["artifactId"], version: props["version"]}
			if a.group == "" || a.art == "" {
				w.c.res.Warn(loc, 0, "%s has no groupId or artifactId", name)
				continue
			}
			arts = append(arts, a)
		case strings.EqualFold(name, "META-INF/MANIFEST.MF"):
			manifest = f
		case isJavaArchive(name):
			nested = append(nested, f)
		}
	}
	sort.Slice(arts, func(i, j int) bool {
		return arts[i].group+":"+arts[i].art < arts[j].group+":"+arts[j].art
	})
	if len(arts) == 0 && manifest != nil {
		if data, ok := w.read(manifest, loc, maxMetaSize); ok {
			if a, ok := manifestArtifact(data); ok {
				arts = append(arts, a)
			}
		}
	}
	if len(arts) == 0 && depth > 0 {
		w.c.res.Warn(loc, 0, "no Maven metadata (pom.properties or manifest name and version) in this archive; it is not identified")
	}
	for _, a := range arts {
		w.report(a, loc)
	}
	for _, f := range nested {
		if w.over || w.ctx.Err() != nil {
			break
		}
		sub := loc + "!/" + f.Name
		if depth+1 > maxArchiveDepth {
			w.c.res.Warn(sub, 0, "archive nested deeper than %d levels is not read", maxArchiveDepth)
			continue
		}
		data, ok := w.read(f, loc, w.maxEntry)
		if !ok {
			continue
		}
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
			w.c.res.Error(sub, 0, "nested archive is not a readable zip archive: %v", err)
			continue
		}
		w.walk(zr, sub, depth+1)
	}
	return arts
}

// read expands f (an entry of the archive at loc) within the budget; max
// caps the entry itself.
func (w *archiveWalker) read(f *zip.File, loc string, max int64) ([]byte, bool) {
	if w.over {
		return nil, false
	}
	limit := min(w.budget, max)
	if f.UncompressedSize64 > uint64(limit) {
		// Skipped before expanding anything: the rest stays readable.
		w.tooBig(f, loc, max, limit, false)
		return nil, false
	}
	rc, err := f.Open()
	if err != nil {
		w.c.res.Error(loc, 0, "reading %s: %v", f.Name, err)
		return nil, false
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, limit+1))
	w.budget -= int64(len(data))
	if int64(len(data)) > limit {
		w.tooBig(f, loc, max, limit, true)
		return nil, false
	}
	if err != nil {
		w.c.res.Error(loc, 0, "reading %s: %v", f.Name, err)
		return nil, false
	}
	return data, true
}

func (w *archiveWalker) tooBig(f *zip.File, loc string, max, limit int64, expanded bool) {
	if limit == max {
		if max == w.maxEntry {
			w.c.res.Error(loc, 0, "%s is larger than %d bytes and is not read; raise --max-file-size to read it", f.Name, max)
		} else {
			w.c.res.Warn(loc, 0, "%s is larger than %d bytes and is not read", f.Name, max)
		}
		return
	}
	if !expanded {
		w.c.res.Error(loc, 0, "reading %s: it expands to %d bytes, more than the %d bytes left of the archive's cap of %d; it is not read (a zip bomb, or raise --max-file-size)", f.Name, f.UncompressedSize64, limit, w.limit)
		return
	}
	w.over = true
	w.c.res.Error(loc, 0, "reading %s: the archive expands to more than its cap of %d bytes; the rest of it is not read (a zip bomb, or raise --max-file-size)", f.Name, w.limit)
}

// report adds a as a package found at loc.
func (w *archiveWalker) report(a artifact, loc string) {
	name := a.art
	if a.group != "" {
		name = a.group + ":" + a.art
	}
	p := extract.NewPackage(eco, purl(a.group, a.art, a.version, "", ""), name, name, model.Location{Path: loc})
	if a.fromManifest {
		p.Properties = map[string]string{"maven:source": "MANIFEST.MF"}
	}
	if a.version == "" {
		p = extract.Unresolved(p, "", "the archive's manifest gives no version")
	}
	w.c.edge(w.projID, w.c.add(p), model.ScopeRuntime)
}

// parseProperties reads a Java .properties file (without escapes beyond
// the common ones).
func parseProperties(data []byte) map[string]string {
	out := map[string]string{}
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' || line[0] == '!' {
			continue
		}
		i := strings.IndexAny(line, "=:")
		if i < 0 {
			continue
		}
		k := strings.TrimSpace(line[:i])
		v := strings.TrimSpace(line[i+1:])
		out[k] = strings.ReplaceAll(v, `\:`, ":")
	}
	return out
}

// manifestArtifact reads an identity from the main section of a manifest:
// Bundle-SymbolicName and Bundle-Version, else Implementation-Title and
// Implementation-Version; Implementation-Vendor-Id gives the group.
func manifestArtifact(data []byte) (artifact, bool) {
	attrs := map[string]string{}
	var last string
	for _, line := range strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n") {
		if line == "" || line == "\r" {
			break // end of the main section
		}
		if line[0] == ' ' && last != "" {
			attrs[last] += strings.TrimRight(line[1:], "\r")
			continue
		}
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		last = strings.TrimSpace(k)
		attrs[last] = strings.TrimSpace(strings.TrimRight(v, "\r"))
	}
	a := artifact{fromManifest: true, group: attrs["Implementation-Vendor-Id"]}
	if bsn := attrs["Bundle-SymbolicName"]; bsn != "" {
		a.art, _, _ = strings.Cut(bsn, ";")
		a.art = strings.TrimSpace(a.art)
		a.version = attrs["Bundle-Version"]
	}
	if a.art == "" || a.version == "" {
		if t := attrs["Implementation-Title"]; t != "" {
			a.art, a.version = t, attrs["Implementation-Version"]
		}
	}
	if a.art == "" {
		return a, false
	}
	return a, true
}
