package npm

import (
	"context"
	"encoding/json"
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/ossaudit/ossaudit/internal/diag"
	"github.com/ossaudit/ossaudit/internal/extract"
	"github.com/ossaudit/ossaudit/model"
)

// bunExtractor reads bun.lock, bun's text lockfile: JSON with trailing
// commas, "workspaces" keyed by folder and "packages" keyed by install path
// ("debug/ms" is ms installed under debug), each an array
// ["name@version", registry, {dependencies...}, integrity].
type bunExtractor struct{}

func (bunExtractor) Name() string               { return "npm/bun-lock" }
func (bunExtractor) Ecosystem() model.Ecosystem { return model.Npm }
func (bunExtractor) Kind() extract.Kind         { return extract.KindLockfile }
func (bunExtractor) Description() string {
	return "bun.lock, bun's text lockfile, with workspaces"
}

func (bunExtractor) Match(p string) bool {
	return path.Base(p) == "bun.lock" && !strings.Contains("/"+p, "/node_modules/")
}

type bunWorkspace struct {
	Name                 string            `json:"name"`
	Version              string            `json:"version"`
	Dependencies         map[string]string `json:"dependencies"`
	DevDependencies      map[string]string `json:"devDependencies"`
	OptionalDependencies map[string]string `json:"optionalDependencies"`
	PeerDependencies     map[string]string `json:"peerDependencies"`
}

type bunLock struct {
	LockfileVersion *int                         `json:"lockfileVersion"`
	Workspaces      map[string]bunWorkspace      `json:"workspaces"`
	Packages        map[string][]json.RawMessage `json:"packages"`
}

type bunInfo struct {
	Dependencies         map[string]string `json:"dependencies"`
	OptionalDependencies map[string]string `json:"optionalDependencies"`
	PeerDependencies     map[string]string `json:"peerDependencies"`
}

// bunParent returns the install path above key ("a/@s/b" -> "a"), "" at the top.
func bunParent(key string) string {
	i := strings.LastIndexByte(key, '/')
	if i < 0 {
		return ""
	}
	prev := key[:i]
	j := strings.LastIndexByte(prev, '/')
	if strings.HasPrefix(prev[j+1:], "@") {
		if j < 0 {
			return ""
		}
		return key[:j]
	}
	return prev
}

func (e bunExtractor) Extract(ctx context.Context, in *extract.Input) (*extract.Result, error) {
	raw, err := in.ReadFile()
	if err != nil {
		return nil, fmt.Errorf("reading bun.lock: %w", err)
	}
	data := cleanJSONC(raw)
	var lf bunLock
	if err := json.Unmarshal(data, &lf); err != nil {
		return nil, fmt.Errorf("parsing bun.lock: %w", diag.Parse(in.Path, data, err))
	}
	if lf.LockfileVersion == nil {
		return nil, diag.At(in.Path, 1, 0, "parsing bun.lock: no lockfileVersion: not a bun lockfile")
	}
	lines := map[string]int{}
	scanJSONKeys(data, func(p []string, key string, line int) {
		if len(p) == 1 && p[0] == "packages" {
			lines[key] = line
		}
	})
	b := newBuilder(in.Path)
	keys := make([]string, 0, len(lf.Packages))
	for k := range lf.Packages {
		keys = append(keys, k)
	}
	sort.Strings(keys)

	type node struct {
		id        string
		workspace bool
		info      bunInfo
	}
	nodes := map[string]*node{}
	for _, k := range keys {
		arr := lf.Packages[k]
		var res string
		if len(arr) == 0 || json.Unmarshal(arr[0], &res) != nil {
			b.res.Error(in.Path, lines[k], "package %q: expected [\"name@version\", ...]", k)
			continue
		}
		name, version, ok := splitDescriptor(res)
		if !ok {
			b.res.Error(in.Path, lines[k], "package %q: resolution %q has no version", k, res)
			continue
		}
		n := &node{}
		nodes[k] = n
		if strings.HasPrefix(version, "workspace:") {
			n.workspace = true
			continue
		}
		var registry, integrity string
		for i, el := range arr[1:] {
			switch {
			case len(el) > 0 && el[0] == '{':
				if err := json.Unmarshal(el, &n.info); err != nil {
					b.res.Warn(in.Path, lines[k], "package %q: unreadable dependencies: %v", k, err)
				}
			case i == 0:
				_ = json.Unmarshal(el, &registry)
			case len(el) > 0 && el[0] == '"':
				_ = json.Unmarshal(el, &integrity)
			}
		}
		props := map[string]string{}
		if strings.HasPrefix(integrity, "sha") {
			props[propIntegrity] = integrity
		}
		if registry != "" {
			props[propResolved] = registry
		}
		n.id = b.pkg(name, version, lines[k], "", props)
	}

	lookup := func(from, dep string) *node {
		dir := from
		for {
			cand := dep
			if dir != "" {
				cand = dir + "/" + dep
			}
			if n := nodes[cand]; n != nil {
				return n
			}
			if dir == "" {
				return nil
			}
			dir = bunParent(dir)
		}
	}
	for _, k := range keys {
		n := nodes[k]
		if n == nil || n.workspace {
			continue
		}
		for _, s := range [...]struct {
			deps  map[string]string
			scope model.Scope
		}{{n.info.Dependencies, model.ScopeRuntime}, {n.info.OptionalDependencies, model.ScopeOptional}, {n.info.PeerDependencies, model.ScopePeer}} {
			for _, d := range sortedKeys(s.deps) {
				t := lookup(k, d)
				if t == nil {
					if s.scope == model.ScopeRuntime {
						b.res.Warn(in.Path, lines[k], "%s depends on %s, which the lockfile does not hold", k, d)
					}
					continue
				}
				if !t.workspace {
					b.edge(n.id, t.id, s.scope)
				}
			}
		}
	}

	lockDir := in.Dir()
	root := extract.ProjectID(model.Npm, lockDir, "")
	wsKeys := sortedKeys(lf.Workspaces)
	if len(wsKeys) == 0 || wsKeys[0] != "" {
		b.project(lockDir, "", "", "")
	}
	for _, wk := range wsKeys {
		ws := lf.Workspaces[wk]
		workspace, base := "", ""
		if wk != "" {
			workspace, base = root, ws.Name
		}
		id := b.project(path.Join(lockDir, wk), ws.Name, ws.Version, workspace)
		m := manifest{Dependencies: ws.Dependencies, DevDependencies: ws.DevDependencies, OptionalDependencies: ws.OptionalDependencies, PeerDependencies: ws.PeerDependencies}
		for _, d := range m.deps() {
			t := lookup(base, d.name)
			if t == nil {
				if d.scope != model.ScopePeer {
					b.res.Warn(in.Path, 0, "%s, a dependency of workspace %q, is not in the lockfile", d.name, wk)
				}
				continue
			}
			if !t.workspace {
				b.edge(id, t.id, d.scope)
			}
		}
	}
	return b.res, nil
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
