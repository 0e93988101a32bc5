package maven

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"reflect"
	"strings"
	"sync"

	"github.com/ossaudit/ossaudit/internal/diag"
	"github.com/ossaudit/ossaudit/internal/extract"
	"github.com/ossaudit/ossaudit/model"
)

// Caps on the work one pom.xml may cause.
const (
	maxParentChain = 32   // parents followed from one POM
	maxBOMDepth    = 16   // BOMs importing BOMs
	maxInterpDepth = 16   // properties referring to properties
	maxIndexedPOMs = 2000 // module POMs read to find an imported BOM
	maxValueLen    = 4096 // length of an interpolated value
)

// POM extracts the direct dependencies of Maven projects from pom.xml.
type POM struct {
	// cache, when set, keeps parsed POMs for the other pom.xml files of the
	// same scan: a multi-module build reads every module POM from each
	// module (parents, in-tree BOMs), so without it a tree of n modules
	// is parsed n times over. Extractors() sets it; the zero POM works
	// without one.
	cache *pomCache
}

// pomCache holds parsed POMs by file system and path for one scan.
type pomCache struct {
	mu   sync.Mutex
	poms map[pomKey]pomEntry
}

type pomKey struct {
	fsys fs.FS
	path string
}

type pomEntry struct {
	pom *pom
	err error
}

func (c *pomCache) get(fsys fs.FS, p string, parse func(string) (*pom, error)) (*pom, error) {
	if c == nil || !reflect.TypeOf(fsys).Comparable() {
		return parse(p)
	}
	k := pomKey{fsys, p}
	c.mu.Lock()
	e, ok := c.poms[k]
	c.mu.Unlock()
	if ok {
		return e.pom, e.err
	}
	x, err := parse(p)
	c.mu.Lock()
	if c.poms == nil {
		c.poms = map[pomKey]pomEntry{}
	}
	c.poms[k] = pomEntry{x, err}
	c.mu.Unlock()
	return x, err
}

// Name implements extract.Extractor.
func (POM) Name() string { return "maven/pom" }

// Ecosystem implements extract.Extractor.
func (POM) Ecosystem() model.Ecosystem { return eco }

// Kind implements extract.Extractor.
func (POM) Kind() extract.Kind { return extract.KindManifest }

// Description implements extract.Extractor.
func (POM) Description() string {
	return "Maven pom.xml: direct dependencies, with versions from properties, in-tree parents and imported BOMs"
}

// Match implements extract.Extractor.
func (POM) Match(p string) bool { return path.Base(p) == "pom.xml" }

// pom is one parsed POM file.
type pom struct {
	path   string // slash path in the tree
	root   *node
	group  string // raw groupId, inherited from <parent> when absent
	art    string
	ver    string // raw version, inherited from <parent> when absent
	parent *parentRef
}

// parentRef is the <parent> element of a POM.
type parentRef struct {
	group, art, ver string
	relPath         string
	relSet          bool // <relativePath> present (an empty one disables the local lookup)
	line            int
}

// effective is a POM in the context of its in-tree parents.
type effective struct {
	pom   *pom
	chain []*pom // the POM, its parent, ... as far as they are in the tree
	// missing is the first parent that is not in the tree, as
	// "group:artifact:version", or "".
	missing string
	props   map[string]string
	mgmt    *management
	memo    map[string]propVal
	active  map[string]bool
}

// managed is one <dependencyManagement> entry, interpolated.
type managed struct {
	version   string
	unres     string // why version is not exact, if it is not
	scope     string
	optional  string
	where     string // path:line
	fromBOM   string // group:artifact:version of the BOM, when imported
	versionOK bool
}

type management struct {
	entries map[string]*managed // key: group:artifact:type:classifier
	// missingBOMs are imported BOMs not found in the tree; importedBOMs
	// the ones found and used.
	missingBOMs  []string
	importedBOMs []string
}

// pomReader reads and caches POMs for one Extract call.
type pomReader struct {
	in        *extract.Input
	cache     *pomCache
	poms      map[string]*pom
	errs      map[string]error
	effs      map[string]*effective
	building  map[string]bool
	index     map[string]string // group:artifact -> path, of module POMs
	indexDone bool
	res       *collector
}

// Extract implements extract.Extractor.
func (x POM) Extract(ctx context.Context, in *extract.Input) (*extract.Result, error) {
	r := &pomReader{in: in, cache: x.cache, poms: map[string]*pom{}, errs: map[string]error{}, effs: map[string]*effective{}, building: map[string]bool{}, res: newCollector()}
	if _, err := r.read(in.Path); err != nil {
		return nil, err
	}
	e := r.effective(in.Path, 0)
	if e == nil {
		return nil, fmt.Errorf("parsing %s: %w", in.Path, r.errs[in.Path])
	}
	r.extract(e)
	return r.res.result(), nil
}

// read parses the POM at p (cached).
func (r *pomReader) read(p string) (*pom, error) {
	if x, ok := r.poms[p]; ok {
		return x, nil
	}
	if err, ok := r.errs[p]; ok {
		return nil, err
	}
	x, err := r.cache.get(r.in.FS, p, r.parse)
	if err != nil {
		r.errs[p] = err
		return nil, err
	}
	r.poms[p] = x
	return x, nil
}

func (r *pomReader) parse(p string) (*pom, error) {
	data, err := r.in.ReadRel(p)
	if err != nil {
		return nil, err
	}
	root, err := parseXML(p, data)
	if err != nil {
		return nil, err
	}
	if root.name != "project" {
		return nil, diag.At(p, root.line, root.col, "not a Maven POM: the root element is <%s>, not <project>", root.name)
	}
	x := &pom{path: p, root: root, group: root.str("groupId"), art: root.str("artifactId"), ver: root.str("version")}
	if pe := root.child("parent"); pe != nil {
		ref := &parentRef{group: pe.str("groupId"), art: pe.str("artifactId"), ver: pe.str("version"), line: pe.line}
		if rp := pe.child("relativePath"); rp != nil {
			ref.relPath, ref.relSet = rp.text, true
		}
		x.parent = ref
		if x.group == "" {
			x.group = ref.group
		}
		if x.ver == "" {
			x.ver = ref.ver
		}
	}
	return x, nil
}

// parentPath returns where the parent of x would be in the tree, or "".
func parentPath(x *pom) string {
	ref := x.parent
	rel := "../pom.xml"
	if ref.relSet {
		rel = ref.relPath
	}
	if rel == "" {
		return ""
	}
	p := path.Join(path.Dir(x.path), strings.ReplaceAll(rel, "\\", "/"))
	if !strings.HasSuffix(p, ".xml") {
		p = path.Join(p, "pom.xml")
	}
	if !fs.ValidPath(p) {
		return ""
	}
	return p
}

// effective builds (and caches) the effective view of the POM at p.
func (r *pomReader) effective(p string, depth int) *effective {
	if e, ok := r.effs[p]; ok {
		return e
	}
	x, err := r.read(p)
	if err != nil {
		return nil
	}
	e := &effective{pom: x, chain: []*pom{x}, props: map[string]string{}, memo: map[string]propVal{}, active: map[string]bool{}}
	seen := map[string]bool{p: true}
	for cur := x; cur.parent != nil; {
		ref := cur.parent
		pp := parentPath(cur)
		var par *pom
		if pp != "" && !seen[pp] && len(e.chain) < maxParentChain {
			if y, err := r.read(pp); err == nil && y.group == ref.group && y.art == ref.art {
				par = y
			} else if err != nil && !isNotExist(err) && pp != "" {
				r.res.res.Warn(cur.path, ref.line, "parent POM %s could not be read: %v", pp, err)
			}
		}
		if par == nil {
			e.missing = ref.group + ":" + ref.art + ":" + ref.ver
			break
		}
		seen[pp] = true
		e.chain = append(e.chain, par)
		cur = par
	}
	// Properties: the farthest parent first, so that children override.
	for i := len(e.chain) - 1; i >= 0; i-- {
		if pr := e.chain[i].root.child("properties"); pr != nil {
			for _, k := range pr.kids {
				e.props[k.name] = k.text
			}
		}
	}
	r.effs[p] = e
	if e.missing != "" {
		// Interpolate the missing parent's coordinates for messages.
		if v, _ := e.interp(e.missing); v != "" {
			e.missing = v
		}
	}
	r.building[p] = true
	e.mgmt = r.management(e, depth)
	delete(r.building, p)
	return e
}

func isNotExist(err error) bool {
	return err != nil && (errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrInvalid))
}

// lookup returns the raw value of a property or project expression.
func (e *effective) lookup(name string) (string, bool) {
	x := e.pom
	switch name {
	case "project.version", "pom.version", "version":
		return x.ver, x.ver != ""
	case "project.groupId", "pom.groupId", "groupId":
		return x.group, x.group != ""
	case "project.artifactId", "pom.artifactId", "artifactId":
		return x.art, x.art != ""
	case "project.parent.version", "parent.version":
		if x.parent != nil {
			return x.parent.ver, x.parent.ver != ""
		}
		return "", false
	case "project.parent.groupId", "parent.groupId":
		if x.parent != nil {
			return x.parent.group, x.parent.group != ""
		}
		return "", false
	case "project.parent.artifactId", "parent.artifactId":
		if x.parent != nil {
			return x.parent.art, x.parent.art != ""
		}
		return "", false
	}
	v, ok := e.props[name]
	return v, ok
}

// interp replaces ${...} expressions in s. It returns the result and the
// names of expressions it could not resolve (undefined, cyclic, too deep or
// expanding beyond maxValueLen).
func (e *effective) interp(s string) (string, []string) {
	v, missing, _ := e.expand(s, 0)
	return v, dedupe(missing)
}

// expand interpolates s; over reports that the result exceeded maxValueLen.
func (e *effective) expand(s string, depth int) (v string, missing []string, over bool) {
	if !strings.Contains(s, "${") {
		return s, nil, false
	}
	var b strings.Builder
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			b.WriteString(s)
			break
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			b.WriteString(s)
			missing = append(missing, s[i:])
			break
		}
		b.WriteString(s[:i])
		name := s[i+2 : i+j]
		s = s[i+j+1:]
		v, m := e.resolve(name, depth)
		b.WriteString(v)
		missing = append(missing, m...)
		if b.Len() > maxValueLen {
			return "", append(missing, name), true
		}
	}
	return b.String(), missing, false
}

// resolve returns the interpolated value of one expression, memoised.
func (e *effective) resolve(name string, depth int) (string, []string) {
	if pv, ok := e.memo[name]; ok {
		return pv.v, pv.missing
	}
	raw, ok := e.lookup(name)
	if !ok || depth >= maxInterpDepth || e.active[name] {
		return "${" + name + "}", []string{name}
	}
	e.active[name] = true
	v, m, over := e.expand(raw, depth+1)
	delete(e.active, name)
	if over {
		v, m = "${"+name+"}", []string{name}
	}
	m = dedupe(m)
	e.memo[name] = propVal{v, m}
	return v, m
}

// propVal is an interpolated property.
type propVal struct {
	v       string
	missing []string
}

// dedupe drops repeated strings, keeping the first of each.
func dedupe(s []string) []string {
	if len(s) < 2 {
		return s
	}
	seen := map[string]bool{}
	out := s[:0:0]
	for _, x := range s {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// unresolvedWhy explains missing property names.
func (e *effective) unresolvedWhy(missing []string) string {
	var undefined, cyclic, env []string
	for _, m := range missing {
		if _, ok := e.lookup(m); ok {
			cyclic = append(cyclic, m)
		} else if strings.HasPrefix(m, "env.") || strings.HasPrefix(m, "settings.") {
			env = append(env, m)
		} else {
			undefined = append(undefined, m)
		}
	}
	var why []string
	if len(env) > 0 {
		why = append(why, "${"+strings.Join(env, "}, ${")+"} comes from the build environment")
	}
	if len(cyclic) > 0 {
		why = append(why, "${"+strings.Join(cyclic, "}, ${")+"} refers to itself, nests too deep or expands too long")
	}
	if len(undefined) > 0 {
		names := "${" + strings.Join(undefined, "}, ${") + "}"
		if e.missing != "" {
			why = append(why, fmt.Sprintf("%s is not defined in the scanned tree; it may come from parent %s which is not in the scanned tree; resolving it needs the Maven repository", names, e.missing))
		} else {
			why = append(why, names+" is not defined by the POM or its parents")
		}
	}
	return strings.Join(why, "; ")
}

// depKey is the identity dependencyManagement uses.
func depKey(group, art, typ, classifier string) string {
	if typ == "" {
		typ = "jar"
	}
	return group + ":" + art + ":" + typ + ":" + classifier
}

// depKeyOf returns the dependencyManagement key of a <dependency>.
func (e *effective) depKeyOf(d *node) string {
	g, _ := e.interp(d.str("groupId"))
	a, _ := e.interp(d.str("artifactId"))
	typ, _ := e.interp(d.str("type"))
	cls, _ := e.interp(d.str("classifier"))
	return depKey(g, a, typ, cls)
}

// management collects the dependencyManagement of e: its own entries and its
// parents' (the child's win), then the entries of imported BOMs in order.
func (r *pomReader) management(e *effective, depth int) *management {
	m := &management{entries: map[string]*managed{}}
	type bomRef struct{ group, art, ver, where string }
	var imports []bomRef
	for _, x := range e.chain {
		for _, d := range x.root.at("dependencyManagement", "dependencies").children("dependency") {
			g, _ := e.interp(d.str("groupId"))
			a, _ := e.interp(d.str("artifactId"))
			typ, _ := e.interp(d.str("type"))
			cls, _ := e.interp(d.str("classifier"))
			scope, _ := e.interp(d.str("scope"))
			raw := d.str("version")
			v, miss := e.interp(raw)
			where := fmt.Sprintf("%s:%d", x.path, d.line)
			if scope == "import" && typ == "pom" {
				imports = append(imports, bomRef{g, a, v, where})
				continue
			}
			k := depKey(g, a, typ, cls)
			if _, ok := m.entries[k]; ok {
				continue
			}
			me := &managed{version: v, scope: scope, optional: d.str("optional"), where: where}
			switch {
			case raw == "":
				me.unres = "the dependencyManagement entry at " + where + " has no version"
			case len(miss) > 0:
				me.unres = e.unresolvedWhy(miss)
			case isRange(v):
				me.unres = "version range; the version it resolves to depends on the Maven repository"
			default:
				me.versionOK = true
			}
			m.entries[k] = me
		}
	}
	for _, b := range imports {
		coord := b.group + ":" + b.art + ":" + b.ver
		var sub *effective
		if depth < maxBOMDepth {
			bp := r.find(e, b.group, b.art)
			if bp != "" && r.building[bp] {
				continue // a BOM importing itself through its parents: Maven rejects the cycle
			}
			if bp != "" {
				sub = r.effective(bp, depth+1)
				if sub != nil {
					if v, miss := sub.interp(sub.pom.ver); len(miss) == 0 && !strings.Contains(b.ver, "${") && v != b.ver {
						sub = nil // another version of the BOM than the one in the tree
					}
				}
			}
		}
		if sub == nil || sub.mgmt == nil {
			m.addMissing(coord)
			continue
		}
		m.importedBOMs = appendNew(m.importedBOMs, coord)
		for k, me := range sub.mgmt.entries {
			if _, ok := m.entries[k]; ok {
				continue
			}
			c := *me
			if c.fromBOM == "" {
				c.fromBOM = coord
			}
			m.entries[k] = &c
		}
		for _, mb := range sub.mgmt.missingBOMs {
			m.addMissing(mb)
		}
	}
	return m
}

func (m *management) addMissing(coord string) { m.missingBOMs = appendNew(m.missingBOMs, coord) }

func appendNew(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// find returns the path of the in-tree POM with the given coordinates,
// looking at the POM's parents and the modules below the topmost of them.
func (r *pomReader) find(e *effective, group, art string) string {
	for _, x := range e.chain {
		if x.group == group && x.art == art {
			return x.path
		}
	}
	if !r.indexDone {
		r.indexDone = true
		r.index = map[string]string{}
		r.indexModules(e.chain[len(e.chain)-1].path)
	}
	return r.index[group+":"+art]
}

// indexModules reads the module POMs below the POM at top, breadth first.
func (r *pomReader) indexModules(top string) {
	queue := []string{top}
	seen := map[string]bool{top: true}
	for len(queue) > 0 && len(seen) <= maxIndexedPOMs {
		p := queue[0]
		queue = queue[1:]
		x, err := r.read(p)
		if err != nil {
			continue
		}
		k := x.group + ":" + x.art
		if _, ok := r.index[k]; !ok {
			r.index[k] = p
		}
		for _, m := range modulePaths(x) {
			if !seen[m] {
				seen[m] = true
				queue = append(queue, m)
			}
		}
	}
}

// modulePaths returns the POM paths of the modules x aggregates, including
// those of its profiles.
func modulePaths(x *pom) []string {
	var mods []*node
	mods = append(mods, x.root.at("modules").children("module")...)
	for _, pr := range x.root.at("profiles").children("profile") {
		mods = append(mods, pr.at("modules").children("module")...)
	}
	var out []string
	for _, m := range mods {
		if m.text == "" {
			continue
		}
		p := path.Join(path.Dir(x.path), m.text)
		if !strings.HasSuffix(p, ".xml") {
			p = path.Join(p, "pom.xml")
		}
		if fs.ValidPath(p) {
			out = append(out, p)
		}
	}
	return out
}

// isRange reports whether a Maven version is a range or a set of them.
func isRange(v string) bool {
	return strings.ContainsAny(v, "[]()") || strings.Contains(v, ",")
}

// depSection says where a <dependency> element sits.
type depSection struct {
	management bool
	plugin     string // group:artifact of the plugin, if any
	profile    string // id of the profile, if any
}

func sectionOf(d *node) (depSection, bool) {
	var s depSection
	if d.parent == nil || d.parent.name != "dependencies" {
		return s, false
	}
	for n := d.parent.parent; n != nil; n = n.parent {
		switch n.name {
		case "dependencyManagement":
			s.management = true
		case "plugin":
			if s.plugin == "" {
				s.plugin = n.str("groupId")
				if s.plugin == "" {
					s.plugin = "org.apache.maven.plugins"
				}
				s.plugin += ":" + n.str("artifactId")
			}
		case "profile":
			if s.profile == "" {
				s.profile = n.str("id")
				if s.profile == "" {
					s.profile = "(no id)"
				}
			}
		}
	}
	return s, true
}

// extract reports the project of e and its dependencies.
func (r *pomReader) extract(e *effective) {
	x := e.pom
	c := r.res
	group, gm := e.interp(x.group)
	art, am := e.interp(x.art)
	ver, vm := e.interp(x.ver)
	if len(gm) > 0 || len(am) > 0 || group == "" || art == "" {
		c.res.Warn(x.path, x.root.line, "the project's groupId:artifactId %s:%s is not fully known", group, art)
	}
	if len(vm) > 0 {
		ver = ""
	}
	proj := extract.NewProject(eco, x.path, group+":"+art, ver)
	if group != "" && art != "" {
		pu := purl(group, art, ver, "", "")
		proj.PURL = pu.ToString()
	}
	proj.Workspace = r.workspace(e)
	if e.mgmt != nil {
		if len(e.mgmt.importedBOMs) > 0 {
			proj.Properties = map[string]string{"maven:imported-boms": strings.Join(e.mgmt.importedBOMs, ",")}
		}
		if len(e.mgmt.missingBOMs) > 0 {
			if proj.Properties == nil {
				proj.Properties = map[string]string{}
			}
			proj.Properties["maven:missing-boms"] = strings.Join(e.mgmt.missingBOMs, ",")
		}
	}
	c.res.Projects = append(c.res.Projects, proj)

	// The POM's own dependencies, then those inherited from in-tree
	// parents unless a nearer POM declares the same artifact.
	declared := map[string]bool{}
	for i, y := range e.chain {
		if i == 0 {
			y.root.walk(func(d *node) {
				if d.name != "dependency" {
					return
				}
				s, ok := sectionOf(d)
				if !ok || s.management {
					return
				}
				r.dependency(e, proj.ID, y, d, s)
			})
		}
		for _, d := range y.root.at("dependencies").children("dependency") {
			k := e.depKeyOf(d)
			if i > 0 && !declared[k] {
				r.dependency(e, proj.ID, y, d, depSection{})
			}
			declared[k] = true
		}
	}
	if e.missing != "" && len(e.chain) == 1 {
		line := 0
		if x.parent != nil {
			line = x.parent.line
		}
		c.res.Diagnostics = append(c.res.Diagnostics, model.Diagnostic{Severity: model.SevInfo,
			Location: model.Location{Path: x.path, Line: line},
			Message:  fmt.Sprintf("parent %s is not in the scanned tree; the dependencies it declares are not known", e.missing)})
	}
}

// workspace returns the ID of the project aggregating e's POM as a module.
func (r *pomReader) workspace(e *effective) string {
	x := e.pom
	cands := []string{}
	if len(e.chain) > 1 {
		cands = append(cands, e.chain[1].path)
	}
	if up := path.Join(path.Dir(x.path), "../pom.xml"); fs.ValidPath(up) && up != x.path {
		cands = append(cands, up)
	}
	for _, cp := range cands {
		y, err := r.read(cp)
		if err != nil {
			continue
		}
		for _, m := range modulePaths(y) {
			if m == x.path {
				return extract.ProjectID(eco, path.Dir(cp), "")
			}
		}
	}
	return ""
}

// dependency reports one <dependency> of the POM y read in the context of e.
func (r *pomReader) dependency(e *effective, projID string, y *pom, d *node, s depSection) {
	c := r.res
	group, gm := e.interp(d.str("groupId"))
	art, am := e.interp(d.str("artifactId"))
	if group == "" || art == "" {
		c.res.Warn(y.path, d.line, "dependency without groupId or artifactId")
		return
	}
	typ, _ := e.interp(d.str("type"))
	cls, _ := e.interp(d.str("classifier"))
	scope, _ := e.interp(d.str("scope"))
	optional, _ := e.interp(d.str("optional"))
	props := map[string]string{}

	var version, requirement, why string
	raw := d.str("version")
	switch {
	case len(gm) > 0 || len(am) > 0:
		why = e.unresolvedWhy(append(gm, am...))
		requirement = raw
	case raw != "":
		v, miss := e.interp(raw)
		switch {
		case len(miss) > 0:
			requirement, why = v, e.unresolvedWhy(miss)
		case isRange(v):
			requirement, why = v, "version range; the version it resolves to depends on the Maven repository"
		default:
			version = v
		}
	case s.plugin != "":
		why = "plugin dependency without a version"
	default:
		me := e.mgmt.entries[depKey(group, art, typ, cls)]
		switch {
		case me == nil && len(e.mgmt.missingBOMs) > 0 || me == nil && e.missing != "":
			var from []string
			if e.missing != "" {
				from = append(from, "parent "+e.missing)
			}
			for _, b := range e.mgmt.missingBOMs {
				from = append(from, "imported BOM "+b)
			}
			why = "no version declared; it may be managed by " + strings.Join(from, " or ") + ", not in the scanned tree; resolving it needs the Maven repository"
		case me == nil:
			why = "no version declared and no dependencyManagement entry manages it"
		default:
			props["maven:managed"] = me.where
			if me.fromBOM != "" {
				props["maven:bom"] = me.fromBOM
			}
			if me.versionOK {
				version = me.version
			} else {
				requirement, why = me.version, me.unres
			}
			if scope == "" {
				scope = me.scope
			}
			if optional == "" {
				optional = me.optional
			}
		}
	}

	edgeScope := model.ScopeRuntime
	switch scope {
	case "", "compile", "runtime":
	case "test":
		edgeScope = model.ScopeTest
	case "provided", "system":
		edgeScope = model.ScopeDevelopment
		props["maven:scope"] = scope
		if sp := d.str("systemPath"); sp != "" {
			props["maven:system-path"] = sp
		}
	default:
		props["maven:scope"] = scope
		c.res.Warn(y.path, d.line, "dependency %s:%s has an unknown scope %q", group, art, scope)
	}
	if s.plugin != "" {
		edgeScope = model.ScopeDevelopment
		props["maven:plugin"] = s.plugin
	}
	if optional == "true" {
		props["maven:optional"] = "true"
		if edgeScope == model.ScopeRuntime {
			edgeScope = model.ScopeOptional
		}
	}
	if s.profile != "" {
		props["maven:profile"] = s.profile
	}
	if y != e.pom {
		props["maven:inherited-from"] = y.path
	}

	loc := model.Location{Path: y.path, Line: d.line}
	pu := purl(group, art, version, typ, cls)
	p := extract.NewPackage(eco, pu, group+":"+art, group+":"+art, loc)
	if version == "" {
		p = extract.Unresolved(p, requirement, why)
	}
	if len(props) > 0 {
		p.Properties = props
	}
	id := c.add(p)
	c.edge(projID, id, edgeScope)
}
