package npm

import (
	"bytes"
	"context"
	"fmt"
	"path"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/ossaudit/ossaudit/internal/diag"
	"github.com/ossaudit/ossaudit/internal/extract"
	"github.com/ossaudit/ossaudit/model"
	"gopkg.in/yaml.v3"
)

// yarnExtractor reads yarn.lock: the classic v1 format (parsed by hand, as it
// is neither YAML nor JSON) and the YAML format of yarn berry (v2 and later,
// recognised by its __metadata entry).
type yarnExtractor struct{}

func (yarnExtractor) Name() string               { return "npm/yarn-lock" }
func (yarnExtractor) Ecosystem() model.Ecosystem { return model.Npm }
func (yarnExtractor) Kind() extract.Kind         { return extract.KindLockfile }
func (yarnExtractor) Description() string {
	return "yarn.lock, classic v1 and berry (v2+), with direct dependencies from package.json and workspaces"
}

func (yarnExtractor) Match(p string) bool {
	return path.Base(p) == "yarn.lock" && !strings.Contains("/"+p, "/node_modules/")
}

// yarnEntry is one entry of a yarn.lock, whichever the format.
type yarnEntry struct {
	descriptors []string
	line        int
	version     string
	resolved    string // classic "resolved" or berry "resolution"
	integrity   string // classic "integrity" or berry "checksum"
	deps        []yarnDep
	id          string // package ID, or project ID for berry workspaces
	isProject   bool
}

type yarnDep struct {
	name, rng string
	scope     model.Scope
	line      int
}

func (e yarnExtractor) Extract(ctx context.Context, in *extract.Input) (*extract.Result, error) {
	data, err := in.ReadFile()
	if err != nil {
		return nil, fmt.Errorf("reading yarn.lock: %w", err)
	}
	b := newBuilder(in.Path)
	var entries []*yarnEntry
	berry := bytes.Contains(data, []byte("\n__metadata:")) || bytes.HasPrefix(data, []byte("__metadata:"))
	if berry {
		entries, err = parseBerry(in.Path, data)
	} else {
		entries, err = parseYarnClassic(in.Path, data, b.res)
	}
	if err != nil {
		return nil, fmt.Errorf("parsing yarn.lock: %w", err)
	}

	lockDir := in.Dir()
	byDesc := map[string]*yarnEntry{}
	for _, en := range entries {
		for _, d := range en.descriptors {
			byDesc[d] = en
		}
	}
	find := func(name, rng string) *yarnEntry {
		if en := byDesc[name+"@"+rng]; en != nil {
			return en
		}
		if berry && !strings.Contains(rng, ":") {
			return byDesc[name+"@npm:"+rng]
		}
		return nil
	}

	// Packages and (berry) workspace projects.
	rootID := extract.ProjectID(model.Npm, lockDir, "")
	var workspaces []*yarnEntry
	for _, en := range entries {
		name, rng, _ := splitDescriptor(en.descriptors[0])
		if berry {
			if n, ref, ok := splitDescriptor(en.resolved); ok {
				name, rng = n, ref
			}
			if dir, ok := strings.CutPrefix(rng, "workspace:"); ok {
				en.isProject = true
				en.id = extract.ProjectID(model.Npm, path.Join(lockDir, dir), "")
				workspaces = append(workspaces, en)
				continue
			}
		} else if real, _, ok := aliasTarget(rng); ok {
			name = real
		}
		version := en.version
		if strings.HasPrefix(rng, "file:") || strings.HasPrefix(rng, "link:") || strings.HasPrefix(rng, "portal:") || version == "" {
			version = rng
		}
		props := map[string]string{propIntegrity: en.integrity, propResolved: en.resolved}
		if berry {
			// Berry's checksum is not an SRI integrity, and its
			// resolution only says more than name@version off the registry.
			props = map[string]string{"npm:checksum": en.integrity}
			switch {
			case strings.HasPrefix(rng, "patch:"):
				props["npm:patch"] = en.resolved
			case !strings.HasPrefix(rng, "npm:"):
				props[propResolved] = en.resolved
			}
		}
		en.id = b.pkg(name, version, en.line, "", props)
	}

	// Edges between packages.
	for _, en := range entries {
		if en.isProject {
			continue
		}
		for _, d := range en.deps {
			t := find(d.name, d.rng)
			if t == nil {
				if d.scope == model.ScopeRuntime {
					b.res.Warn(in.Path, d.line, "%s@%s is not in the lockfile", d.name, d.rng)
				}
				continue
			}
			if !t.isProject {
				b.edge(en.id, t.id, d.scope)
			}
		}
	}

	// Projects and their direct dependencies.
	readScopes := func(dir string) (*manifest, map[string]model.Scope) {
		m, err := readManifest(in, path.Join(dir, "package.json"))
		if err != nil {
			b.res.Warn(in.Path, 0, "reading %s: %v", path.Join(dir, "package.json"), err)
		}
		if m == nil {
			return nil, nil
		}
		scopes := map[string]model.Scope{}
		for _, d := range m.deps() {
			scopes[d.name] = d.scope
		}
		return m, scopes
	}
	if berry {
		sort.Slice(workspaces, func(i, j int) bool { return workspaces[i].id < workspaces[j].id })
		for _, ws := range workspaces {
			_, ref, _ := splitDescriptor(ws.resolved)
			dir := path.Join(lockDir, strings.TrimPrefix(ref, "workspace:"))
			m, scopes := readScopes(dir)
			name, version := "", ""
			if m != nil {
				name, version = m.Name, m.Version
			} else if n, _, ok := splitDescriptor(ws.resolved); ok {
				name = n
			}
			wsID := rootID
			if ws.id == rootID {
				wsID = ""
			}
			id := b.project(dir, name, version, wsID)
			for _, d := range ws.deps {
				t := find(d.name, d.rng)
				if t == nil {
					if d.scope == model.ScopeRuntime {
						b.res.Warn(in.Path, d.line, "%s@%s is not in the lockfile", d.name, d.rng)
					}
					continue
				}
				if t.isProject {
					continue
				}
				scope := d.scope
				if s, ok := scopes[d.name]; ok && scope != model.ScopeOptional {
					scope = s
				}
				b.edge(id, t.id, scope)
			}
		}
		if len(workspaces) == 0 {
			b.project(lockDir, "", "", "")
		}
		return b.res, nil
	}

	// Classic: the lockfile does not record the projects; read package.json.
	m, _ := readScopes(lockDir)
	if m == nil {
		b.project(lockDir, "", "", "")
		b.res.Warn(in.Path, 0, "no package.json beside yarn.lock: direct dependencies are unknown")
		return b.res, nil
	}
	root := b.project(lockDir, m.Name, m.Version, "")
	type member struct {
		id string
		m  *manifest
	}
	members := []member{{root, m}}
	memberNames := map[string]bool{}
	for _, d := range workspaceDirs(in, lockDir, m.workspaces()) {
		mm, err := readManifest(in, path.Join(d, "package.json"))
		if err != nil || mm == nil {
			continue
		}
		memberNames[mm.Name] = true
		members = append(members, member{b.project(d, mm.Name, mm.Version, root), mm})
	}
	for _, mb := range members {
		for _, d := range mb.m.deps() {
			t := find(d.name, d.rng)
			if t == nil {
				if !memberNames[d.name] && d.scope != model.ScopePeer {
					b.res.Warn(in.Path, 0, "%s@%s, declared in package.json, is not in the lockfile", d.name, d.rng)
				}
				continue
			}
			b.edge(mb.id, t.id, d.scope)
		}
	}
	return b.res, nil
}

// parseBerry reads the YAML lockfile of yarn berry.
func parseBerry(file string, data []byte) ([]*yarnEntry, error) {
	doc, err := parseYAML(data)
	if err != nil {
		return nil, diag.Parse(file, data, err)
	}
	root := docRoot(doc)
	if root == nil {
		return nil, diag.At(file, max(doc.Line, 1), 0, "expected a mapping of descriptors")
	}
	var out []*yarnEntry
	pairs(root, func(k, v *yaml.Node) {
		if k.Value == "__metadata" || v.Kind != yaml.MappingNode {
			return
		}
		en := &yarnEntry{line: k.Line, version: str(v, "version"), resolved: str(v, "resolution"), integrity: str(v, "checksum")}
		for _, d := range strings.Split(k.Value, ",") {
			if d = strings.TrimSpace(d); d != "" {
				en.descriptors = append(en.descriptors, d)
			}
		}
		if len(en.descriptors) == 0 {
			return
		}
		if en.resolved == "" {
			en.resolved = en.descriptors[0]
		}
		optional := map[string]bool{}
		pairs(get(v, "dependenciesMeta"), func(mk, mv *yaml.Node) {
			if str(mv, "optional") == "true" {
				optional[mk.Value] = true
			}
		})
		for _, s := range [...]struct {
			key   string
			scope model.Scope
		}{{"dependencies", model.ScopeRuntime}, {"optionalDependencies", model.ScopeOptional}, {"peerDependencies", model.ScopePeer}} {
			pairs(get(v, s.key), func(dk, dv *yaml.Node) {
				scope := s.scope
				if optional[dk.Value] && scope == model.ScopeRuntime {
					scope = model.ScopeOptional
				}
				en.deps = append(en.deps, yarnDep{name: dk.Value, rng: dv.Value, scope: scope, line: dk.Line})
			})
		}
		out = append(out, en)
	})
	return out, nil
}

// parseYarnClassic reads the yarn v1 lockfile format: top-level entries
// "desc1, desc2:" with indented "key value" fields and "dependencies:"
// blocks. Lines it cannot read become error diagnostics in res.
func parseYarnClassic(file string, data []byte, res *extract.Result) ([]*yarnEntry, error) {
	var out []*yarnEntry
	var cur *yarnEntry
	section := ""
	sectionIndent := 0
	bad := 0
	var firstBad error
	lineNo := 0
	for len(data) > 0 {
		lineNo++
		var raw []byte
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			raw, data = data[:i], data[i+1:]
		} else {
			raw, data = data, nil
		}
		line := strings.TrimRight(string(raw), " \t\r")
		trimmed := strings.TrimLeft(line, " ")
		if trimmed == "" || trimmed[0] == '#' {
			continue
		}
		indent := len(line) - len(trimmed)
		fail := func(msg string) {
			bad++
			if firstBad == nil {
				firstBad = diag.At(file, lineNo, indent+1, "%s", msg)
			}
			res.Error(file, lineNo, "%s", msg)
		}
		if strings.ContainsRune(trimmed, 0) || !utf8.ValidString(trimmed) {
			fail("unreadable line (binary data?)")
			cur = nil
			continue
		}
		switch {
		case indent == 0:
			if !strings.HasSuffix(trimmed, ":") {
				fail("expected an entry header ending in ':'")
				cur = nil
				continue
			}
			cur = &yarnEntry{line: lineNo}
			for _, d := range splitDescriptors(trimmed[:len(trimmed)-1]) {
				cur.descriptors = append(cur.descriptors, d)
			}
			if len(cur.descriptors) == 0 {
				fail("entry without descriptors")
				cur = nil
				continue
			}
			out = append(out, cur)
			section = ""
		case cur == nil:
			// Inside an entry we could not read; already reported.
			if bad == 0 {
				fail("indented line outside an entry")
			}
		case section != "" && indent > sectionIndent:
			name, value := splitKeyValue(trimmed)
			if name == "" {
				fail("expected 'name range' in " + section)
				continue
			}
			scope := model.ScopeRuntime
			if section == "optionalDependencies" {
				scope = model.ScopeOptional
			}
			if section == "dependencies" || section == "optionalDependencies" {
				cur.deps = append(cur.deps, yarnDep{name: name, rng: value, scope: scope, line: lineNo})
			}
		default:
			if strings.HasSuffix(trimmed, ":") {
				section = unquote(trimmed[:len(trimmed)-1])
				sectionIndent = indent
				continue
			}
			section = ""
			key, value := splitKeyValue(trimmed)
			switch key {
			case "version":
				cur.version = value
			case "resolved":
				cur.resolved = value
			case "integrity":
				cur.integrity = value
			case "":
				fail("expected 'key value'")
			}
		}
	}
	if len(out) == 0 && firstBad != nil {
		return nil, firstBad
	}
	return out, nil
}

// splitDescriptors splits an entry header `"a@^1", a@^1.1` into descriptors.
func splitDescriptors(s string) []string {
	var out []string
	for _, d := range strings.Split(s, ",") {
		if d = unquote(strings.TrimSpace(d)); d != "" {
			out = append(out, d)
		}
	}
	return out
}

// splitKeyValue splits `key "value"` or `"@scope/key" value`.
func splitKeyValue(s string) (string, string) {
	var key, rest string
	if strings.HasPrefix(s, `"`) {
		end := strings.IndexByte(s[1:], '"')
		if end < 0 {
			return "", ""
		}
		key, rest = s[1:end+1], s[end+2:]
	} else {
		i := strings.IndexAny(s, " \t")
		if i < 0 {
			return s, ""
		}
		key, rest = s[:i], s[i:]
	}
	return key, unquote(strings.TrimSpace(rest))
}

func unquote(s string) string {
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		return strings.ReplaceAll(s[1:len(s)-1], `\"`, `"`)
	}
	return s
}
