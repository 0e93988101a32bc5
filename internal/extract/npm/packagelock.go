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

// lockEntry is one entry of "packages" (lockfile v2/v3); v1 entries are
// converted into it.
type lockEntry struct {
	Name                 string            `json:"name"`
	Version              string            `json:"version"`
	Resolved             string            `json:"resolved"`
	Integrity            string            `json:"integrity"`
	Link                 bool              `json:"link"`
	Dev                  bool              `json:"dev"`
	Optional             bool              `json:"optional"`
	DevOptional          bool              `json:"devOptional"`
	Peer                 bool              `json:"peer"`
	Dependencies         map[string]string `json:"dependencies"`
	OptionalDependencies map[string]string `json:"optionalDependencies"`
	PeerDependencies     map[string]string `json:"peerDependencies"`
	DevDependencies      map[string]string `json:"devDependencies"`

	// base is the folder from which dependencies are looked up, when it
	// differs from the entry's key (v1 workspace members).
	base string
}

// lockV1Dep is one entry of the nested "dependencies" of lockfile v1.
type lockV1Dep struct {
	Version      string                `json:"version"`
	Resolved     string                `json:"resolved"`
	Integrity    string                `json:"integrity"`
	Dev          bool                  `json:"dev"`
	Optional     bool                  `json:"optional"`
	Peer         bool                  `json:"peer"`
	Requires     map[string]string     `json:"requires"`
	Dependencies map[string]*lockV1Dep `json:"dependencies"`
}

type packageLock struct {
	Name            string                `json:"name"`
	Version         string                `json:"version"`
	LockfileVersion int                   `json:"lockfileVersion"`
	Packages        map[string]*lockEntry `json:"packages"`
	Dependencies    map[string]*lockV1Dep `json:"dependencies"`
}

// packageLockExtractor reads package-lock.json and npm-shrinkwrap.json.
type packageLockExtractor struct{}

func (packageLockExtractor) Name() string               { return "npm/package-lock" }
func (packageLockExtractor) Ecosystem() model.Ecosystem { return model.Npm }
func (packageLockExtractor) Kind() extract.Kind         { return extract.KindLockfile }
func (packageLockExtractor) Description() string {
	return "package-lock.json and npm-shrinkwrap.json, lockfile versions 1 to 3, with workspaces"
}

func (packageLockExtractor) Match(p string) bool {
	b := path.Base(p)
	return (b == "package-lock.json" || b == "npm-shrinkwrap.json") && !strings.Contains("/"+p, "/node_modules/")
}

func (e packageLockExtractor) Extract(ctx context.Context, in *extract.Input) (*extract.Result, error) {
	base := path.Base(in.Path)
	data, err := in.ReadFile()
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", base, err)
	}
	var lf packageLock
	if err := json.Unmarshal(data, &lf); err != nil {
		return nil, fmt.Errorf("parsing %s: %w", base, diag.Parse(in.Path, data, err))
	}
	b := newBuilder(in.Path)
	entries := lf.Packages
	v1 := entries == nil
	lines := map[string]int{}
	if v1 {
		entries = map[string]*lockEntry{}
		flattenV1(entries, "", lf.Dependencies, 0)
		scanJSONKeys(data, func(p []string, key string, line int) {
			if len(p)%2 == 0 || p[0] != "dependencies" {
				return
			}
			var sb strings.Builder
			for i := 1; i < len(p); i += 2 {
				if p[i+1] != "dependencies" {
					return
				}
				sb.WriteString("node_modules/")
				sb.WriteString(p[i])
				sb.WriteByte('/')
			}
			sb.WriteString("node_modules/")
			sb.WriteString(key)
			lines[sb.String()] = line
		})
	} else {
		scanJSONKeys(data, func(p []string, key string, line int) {
			if len(p) == 1 && p[0] == "packages" {
				lines[key] = line
			}
		})
	}
	if len(entries) == 0 && lf.LockfileVersion == 0 && lf.Name == "" {
		return nil, diag.At(in.Path, 1, 0, "parsing %s: no lockfileVersion, packages or dependencies: not an npm lockfile", base)
	}

	lockDir := in.Dir()
	rootEntry := entries[""]
	name, version := lf.Name, lf.Version
	if rootEntry != nil {
		if rootEntry.Name != "" {
			name = rootEntry.Name
		}
		if rootEntry.Version != "" {
			version = rootEntry.Version
		}
	}
	root := b.project(lockDir, name, version, "")

	keys := make([]string, 0, len(entries))
	for k := range entries {
		keys = append(keys, k)
	}
	sort.Strings(keys)

	ids := map[string]string{} // entry key -> package or project ID
	ids[""] = root
	for _, k := range keys {
		en := entries[k]
		if k == "" || en == nil || en.Link {
			continue
		}
		i := strings.LastIndex(k, "node_modules/")
		if i < 0 {
			// A workspace member or another linked folder.
			ids[k] = b.project(path.Join(lockDir, k), en.Name, en.Version, root)
			continue
		}
		pkgName := en.Name
		if pkgName == "" {
			pkgName = k[i+len("node_modules/"):]
		}
		v := en.Version
		if v == "" {
			v = en.Resolved
		}
		if v == "" {
			v = "*"
		}
		var scope model.Scope
		switch {
		case en.Dev:
			scope = model.ScopeDevelopment
		case en.DevOptional, en.Optional:
			scope = model.ScopeOptional
		case en.Peer:
			scope = model.ScopePeer
		}
		ids[k] = b.pkg(pkgName, v, lines[k], scope, map[string]string{propResolved: en.Resolved, propIntegrity: en.Integrity})
	}

	lookup := func(from, dep string) (string, bool) {
		dir := from
		for {
			if path.Base(dir) != "node_modules" {
				cand := "node_modules/" + dep
				if dir != "" {
					cand = dir + "/" + cand
				}
				if _, ok := entries[cand]; ok {
					return cand, true
				}
			}
			if dir == "" {
				return "", false
			}
			if j := strings.LastIndexByte(dir, '/'); j >= 0 {
				dir = dir[:j]
			} else {
				dir = ""
			}
		}
	}

	var rootManifest *manifest
	if v1 || rootEntry == nil {
		m, err := readManifest(in, path.Join(lockDir, "package.json"))
		if err != nil {
			b.res.Warn(in.Path, 0, "reading the package.json beside the lockfile: %v", err)
		}
		rootManifest = m
	}

	// link adds the edge from entry k (looking up from folder from) to its
	// dependency dep.
	link := func(k, from string, isProject bool, dep string, scope model.Scope) {
		t, ok := lookup(from, dep)
		if !ok {
			if scope == model.ScopeRuntime && !isProject {
				b.res.Warn(in.Path, lines[k], "%s depends on %s, which the lockfile does not hold", labelOf(k), dep)
			}
			return
		}
		if te := entries[t]; te != nil && te.Link {
			return // a workspace member or linked folder: its own project
		}
		b.edge(ids[k], ids[t], scope)
	}

	for _, k := range keys {
		en := entries[k]
		if en == nil || en.Link || ids[k] == "" {
			continue
		}
		isProject := k == "" || !strings.Contains(k, "node_modules/")
		from := k
		if en.base != "" {
			from = en.base
		}
		for _, s := range sections {
			if s.scope == model.ScopeDevelopment && !isProject {
				continue // a package's own dev dependencies are not installed
			}
			deps := en.section(s.key)
			for _, n := range sortedKeys(deps) {
				link(k, from, isProject, n, s.scope)
			}
		}
	}

	if rootEntry == nil {
		if rootManifest != nil {
			for _, d := range rootManifest.deps() {
				link("", "", true, d.name, d.scope)
			}
		} else {
			// No declaration of direct dependencies: take the top-level
			// packages nothing else depends on.
			b.res.Warn(in.Path, 0, "no package.json beside the lockfile: direct dependencies are guessed from the top-level packages")
			required := map[string]bool{}
			for _, ed := range b.res.Edges {
				required[ed.To] = true
			}
			for _, k := range keys {
				if strings.Count(k, "node_modules/") != 1 || !strings.HasPrefix(k, "node_modules/") || entries[k].Link {
					continue
				}
				if id := ids[k]; id != "" && !required[id] {
					scope := model.ScopeRuntime
					if entries[k].Dev {
						scope = model.ScopeDevelopment
					}
					b.edge(root, id, scope)
				}
			}
		}
	}
	return b.res, nil
}

// section returns the dependencies of one section by its package.json key.
func (en *lockEntry) section(key string) map[string]string {
	switch key {
	case "dependencies":
		return en.Dependencies
	case "devDependencies":
		return en.DevDependencies
	case "optionalDependencies":
		return en.OptionalDependencies
	case "peerDependencies":
		return en.PeerDependencies
	}
	return nil
}

// labelOf names a lockfile entry key for messages.
func labelOf(k string) string {
	if k == "" {
		return "the root project"
	}
	return k
}

// flattenV1 converts the nested v1 "dependencies" into v2-style entries keyed
// by node_modules paths.
func flattenV1(out map[string]*lockEntry, prefix string, deps map[string]*lockV1Dep, depth int) {
	if depth > maxDepth {
		return
	}
	for name, d := range deps {
		if d == nil {
			continue
		}
		k := prefix + "node_modules/" + name
		en := &lockEntry{Version: d.Version, Resolved: d.Resolved, Integrity: d.Integrity, Dev: d.Dev, Optional: d.Optional, Peer: d.Peer, Dependencies: d.Requires}
		if real, v, ok := aliasTarget(d.Version); ok {
			en.Name, en.Version = real, v
		} else if target, ok := strings.CutPrefix(d.Version, "file:"); ok && !strings.HasSuffix(target, ".tgz") && !strings.HasSuffix(target, ".tar.gz") {
			// A linked folder (workspace member): its dependencies are
			// looked up from where it is linked.
			target = path.Clean(target)
			out[k] = &lockEntry{Link: true, Resolved: target}
			if _, ok := out[target]; !ok {
				out[target] = &lockEntry{Name: name, Dependencies: d.Requires, base: k}
			}
			flattenV1(out, k+"/", d.Dependencies, depth+1)
			continue
		}
		out[k] = en
		flattenV1(out, k+"/", d.Dependencies, depth+1)
	}
}
