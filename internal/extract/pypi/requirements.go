package pypi

import (
	"bytes"
	"context"
	"fmt"
	"path"
	"regexp"
	"strings"

	"github.com/ossaudit/ossaudit/internal/diag"
	"github.com/ossaudit/ossaudit/internal/extract"
	"github.com/ossaudit/ossaudit/model"
)

// maxIncludeDepth caps how deep -r/-c includes nest.
const maxIncludeDepth = 16

type requirementsExtractor struct{}

func (requirementsExtractor) Name() string               { return "pypi/requirements" }
func (requirementsExtractor) Ecosystem() model.Ecosystem { return eco }
func (requirementsExtractor) Kind() extract.Kind         { return extract.KindManifest }
func (requirementsExtractor) Description() string {
	return "pip requirements files (requirements*.txt, *requirements*.txt, requirements/*.txt, constraints*.txt) with -r/-c includes"
}

func (requirementsExtractor) Match(p string) bool {
	base := strings.ToLower(path.Base(p))
	if !strings.HasSuffix(base, ".txt") {
		return false
	}
	if strings.Contains(base, "requirements") || strings.HasPrefix(base, "constraints") {
		return true
	}
	return strings.ToLower(path.Base(path.Dir(p))) == "requirements"
}

// requirementsProject returns the folder of the project a requirements
// file belongs to: its folder, or the parent of a "requirements" folder.
func requirementsProject(file string) string {
	dir := path.Dir(file)
	if strings.ToLower(path.Base(dir)) == "requirements" {
		return path.Dir(dir)
	}
	return dir
}

// fileScope guesses the scope of a requirements file from its name.
func fileScope(file string) model.Scope {
	name := strings.ToLower(strings.TrimSuffix(path.Base(file), path.Ext(file)))
	for _, tok := range tokenSepRE.Split(name, -1) {
		switch tok {
		case "test", "tests", "testing":
			return model.ScopeTest
		case "dev", "develop", "development", "lint", "docs", "doc", "typing":
			return model.ScopeDevelopment
		}
	}
	return model.ScopeRuntime
}

func (e requirementsExtractor) Extract(ctx context.Context, in *extract.Input) (*extract.Result, error) {
	data, err := in.ReadFile()
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", in.Path, err)
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		line, col := diag.Position(data, int64(i))
		return nil, diag.At(in.Path, line, col, "parsing requirements file: binary content")
	}
	dir := requirementsProject(in.Path)
	proj := model.Project{ID: extract.ProjectID(eco, dir, ""), Ecosystem: eco, Dir: dir}
	rp := &reqParser{ctx: ctx, in: in, b: newBuilder(), project: proj.ID, scope: fileScope(in.Path), seen: map[string]bool{}, onStack: map[string]bool{}}
	rp.parse(in.Path, data, 0, false)
	proj.Sources = rp.sources
	r := rp.b.result()
	r.Projects = []model.Project{proj}
	return r, nil
}

type reqParser struct {
	ctx     context.Context
	in      *extract.Input
	b       *builder
	project string
	scope   model.Scope
	seen    map[string]bool
	onStack map[string]bool
	sources []string
}

// logicalLine is one requirement line after joining continuations.
type logicalLine struct {
	text string
	line int
}

var commentRE = regexp.MustCompile(`(^|\s+)#.*$`)

// logicalLines joins backslash continuations and strips comments.
func logicalLines(data []byte) []logicalLine {
	var out []logicalLine
	lines := strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
	var cur strings.Builder
	start := 0
	for i, l := range lines {
		if cur.Len() == 0 {
			start = i + 1
		}
		if strings.HasSuffix(l, `\`) && !commentRE.MatchString(strings.TrimSpace(l)) && i+1 < len(lines) {
			cur.WriteString(strings.TrimSuffix(l, `\`))
			continue
		}
		cur.WriteString(l)
		text := strings.TrimSpace(commentRE.ReplaceAllString(cur.String(), ""))
		cur.Reset()
		if text != "" {
			out = append(out, logicalLine{text: text, line: start})
		}
	}
	return out
}

// ignoredOptions are pip options that change how packages are fetched, not
// which ones; they are skipped.
var ignoredOptions = map[string]bool{
	"-i": true, "--index-url": true, "--extra-index-url": true, "--no-index": true,
	"-f": true, "--find-links": true, "--pre": true, "--trusted-host": true,
	"--no-binary": true, "--only-binary": true, "--prefer-binary": true,
	"--require-hashes": true, "--use-feature": true, "-Z": true,
	"--always-unzip": true, "--config-settings": true, "--global-option": true,
}

var tokenSepRE = regexp.MustCompile(`[^a-z0-9]+`)

var optionStartRE = regexp.MustCompile(`(^|\s)--?[A-Za-z]`)

func (rp *reqParser) parse(file string, data []byte, depth int, constraint bool) {
	rp.seen[file] = true
	rp.onStack[file] = true
	defer delete(rp.onStack, file)
	rp.sources = append(rp.sources, file)
	for _, ll := range logicalLines(data) {
		if rp.ctx.Err() != nil {
			return
		}
		if strings.HasPrefix(ll.text, "-") {
			rp.option(file, ll, depth, constraint)
			continue
		}
		rp.requirement(file, ll, ll.text, false, constraint)
	}
}

// option handles a line that starts with an option.
func (rp *reqParser) option(file string, ll logicalLine, depth int, constraint bool) {
	name, value := ll.text, ""
	if i := strings.IndexAny(name, " \t="); i >= 0 {
		name, value = name[:i], strings.TrimSpace(name[i+1:])
	}
	if len(name) > 2 && !strings.HasPrefix(name, "--") && strings.ContainsAny(name[1:2], "rce") {
		value, name = strings.TrimSpace(name[2:]+" "+value), name[:2]
	}
	switch name {
	case "-r", "--requirement", "-c", "--constraint":
		if value == "" {
			rp.b.res.Error(file, ll.line, "%s needs a file name", name)
			return
		}
		rp.include(file, ll.line, value, depth, constraint || name == "-c" || name == "--constraint")
	case "-e", "--editable":
		if value == "" {
			rp.b.res.Error(file, ll.line, "%s needs a path or URL", name)
			return
		}
		rp.requirement(file, ll, value, true, constraint)
	default:
		if !ignoredOptions[name] {
			rp.b.res.Warn(file, ll.line, "unknown pip option %s ignored", name)
		}
	}
}

// include reads another requirements or constraints file.
func (rp *reqParser) include(file string, line int, ref string, depth int, constraint bool) {
	if strings.Contains(ref, "://") {
		rp.b.res.Warn(file, line, "included file %s is remote; not read", ref)
		return
	}
	target := path.Clean(path.Join(path.Dir(file), ref))
	if strings.HasPrefix(ref, "/") || target == ".." || strings.HasPrefix(target, "../") {
		rp.b.res.Warn(file, line, "included file %s is outside the scanned tree; not read", ref)
		return
	}
	switch {
	case rp.onStack[target]:
		rp.b.res.Warn(file, line, "%s includes itself through %s; cycle not followed", target, file)
		return
	case rp.seen[target]:
		return
	case depth+1 > maxIncludeDepth:
		rp.b.res.Error(file, line, "includes nest deeper than %d; %s not read", maxIncludeDepth, target)
		return
	}
	data, err := rp.in.ReadRel(target)
	if err != nil {
		rp.b.res.Error(file, line, "reading included file %s: %v", target, err)
		return
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		l, _ := diag.Position(data, int64(i))
		rp.b.res.Error(target, l, "parsing requirements file: binary content")
		return
	}
	rp.parse(target, data, depth+1, constraint)
}

var vcsPrefixes = []string{"git+", "hg+", "svn+", "bzr+"}

// isURLOrPath reports whether a requirement is a URL or a local path rather
// than a PEP 508 name.
func isURLOrPath(s string) bool {
	if strings.Contains(s, "://") || strings.HasPrefix(s, "file:") {
		return !strings.Contains(s[:strings.Index(s, ":")], "@") && !strings.Contains(s[:strings.Index(s, ":")], " ")
	}
	if strings.HasPrefix(s, ".") || strings.HasPrefix(s, "/") || strings.HasPrefix(s, "~") {
		return true
	}
	for _, ext := range []string{".whl", ".zip", ".tar.gz", ".tar.bz2", ".tgz"} {
		if strings.HasSuffix(strings.ToLower(s), ext) {
			return true
		}
	}
	name := nameRE.FindString(s)
	return strings.HasPrefix(s[len(name):], "/")
}

// urlKind returns the unresolved reason for a URL or path.
func urlKind(u string) string {
	for _, p := range vcsPrefixes {
		if strings.HasPrefix(u, p) {
			return "VCS URL"
		}
	}
	if strings.HasPrefix(u, "file:") || !strings.Contains(u, "://") {
		return "local path"
	}
	return "URL"
}

// urlName finds the distribution name of a URL or path requirement: the
// #egg= fragment, a wheel or sdist file name, or a folder name.
func urlName(u string) string {
	if _, frag, ok := strings.Cut(u, "#"); ok {
		for _, kv := range strings.Split(frag, "&") {
			if k, v, ok := strings.Cut(kv, "="); ok && k == "egg" {
				v, _, _ = strings.Cut(v, "[")
				if validName(v) {
					return v
				}
			}
		}
	}
	p := u
	if i := strings.IndexAny(p, "#?"); i >= 0 {
		p = p[:i]
	}
	if i := strings.Index(p, "://"); i >= 0 {
		p = p[i+3:]
		if j := strings.IndexByte(p, '/'); j >= 0 {
			p = p[j:]
		} else {
			p = ""
		}
	}
	p = strings.TrimSuffix(p, "/")
	if i := strings.IndexByte(p, '@'); i >= 0 && strings.LastIndexByte(p, '/') < i {
		p = p[:i] // VCS revision
	}
	base := path.Base(p)
	lower := strings.ToLower(base)
	switch {
	case strings.HasSuffix(lower, ".whl"):
		base, _, _ = strings.Cut(base, "-")
	case strings.HasSuffix(lower, ".tar.gz"), strings.HasSuffix(lower, ".zip"), strings.HasSuffix(lower, ".tar.bz2"), strings.HasSuffix(lower, ".tgz"):
		if i := strings.LastIndexByte(base, '-'); i > 0 {
			base = base[:i]
		}
	default:
		base = strings.TrimSuffix(base, ".git")
	}
	if validName(base) {
		return base
	}
	return ""
}

// requirement handles one requirement (or the value of -e).
func (rp *reqParser) requirement(file string, ll logicalLine, text string, editable, constraint bool) {
	loc := model.Location{Path: file, Line: ll.line}
	var hashes []string
	if m := optionStartRE.FindStringIndex(text); m != nil && !editable {
		opts := strings.Fields(text[m[0]:])
		text = strings.TrimSpace(text[:m[0]])
		for i := 0; i < len(opts); i++ {
			o := opts[i]
			switch {
			case strings.HasPrefix(o, "--hash="):
				hashes = append(hashes, strings.TrimPrefix(o, "--hash="))
			case o == "--hash" && i+1 < len(opts):
				i++
				hashes = append(hashes, opts[i])
			case strings.HasPrefix(o, "--"):
				// --global-option, --config-settings and the like change
				// how the package is built, not which one it is.
			default:
				rp.b.res.Error(file, ll.line, "parsing requirement: unexpected %q", o)
				return
			}
		}
	}
	var req requirement
	var err error
	if editable || isURLOrPath(text) {
		u, marker, _ := strings.Cut(text, " ;")
		if !strings.Contains(u, "://") {
			if i := strings.LastIndexByte(u, '['); i > 0 && strings.HasSuffix(u, "]") {
				for _, x := range strings.Split(u[i+1:len(u)-1], ",") {
					if x = strings.TrimSpace(x); x != "" {
						req.Extras = append(req.Extras, x)
					}
				}
				u = u[:i]
			}
		}
		req.URL, req.Marker = strings.TrimSpace(u), strings.TrimSpace(marker)
		req.Name = urlName(req.URL)
		if req.Name == "" {
			rp.b.res.Warn(file, ll.line, "cannot tell the package name of %q; not reported", text)
			return
		}
	} else if req, err = parseRequirement(text); err != nil {
		rp.b.res.Error(file, ll.line, "parsing requirement: %v", err)
		return
	}
	var p model.Package
	switch v, ok := pin(req.Spec); {
	case editable:
		p = unresolvedPackage(req.Name, req.URL, "editable install", nil, loc)
	case req.URL != "":
		p = unresolvedPackage(req.Name, req.URL, urlKind(req.URL), nil, loc)
	case ok:
		p = newPackage(req.Name, v, nil, loc)
	case req.Spec == "":
		p = unresolvedPackage(req.Name, "*", "no version given", nil, loc)
	default:
		p = unresolvedPackage(req.Name, req.Spec, "range, not a pin", nil, loc)
	}
	props := map[string]string{}
	if len(req.Extras) > 0 {
		props["pypi:extras"] = strings.Join(req.Extras, ",")
	}
	if req.Marker != "" {
		props["pypi:marker"] = req.Marker
	}
	if len(hashes) > 0 {
		props["pypi:hashes"] = strings.Join(hashes, ",")
	}
	if constraint {
		props["pypi:constraint"] = "true"
	}
	if len(props) > 0 {
		p.Properties = props
	}
	id := rp.b.add(p)
	rp.b.edge(rp.project, id, rp.scope)
}
