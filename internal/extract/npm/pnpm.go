package npm

import (
	"context"
	"fmt"
	"path"
	"strings"

	"github.com/ossaudit/ossaudit/internal/diag"
	"github.com/ossaudit/ossaudit/internal/extract"
	"github.com/ossaudit/ossaudit/model"
	"gopkg.in/yaml.v3"
)

// pnpmExtractor reads pnpm-lock.yaml, lockfile versions 5 (keys
// "/name/1.0.0_peer@2"), 6 ("/name@1.0.0(peer@2)") and 9 (packages plus
// snapshots, "name@1.0.0(peer@2)").
type pnpmExtractor struct{}

func (pnpmExtractor) Name() string               { return "npm/pnpm-lock" }
func (pnpmExtractor) Ecosystem() model.Ecosystem { return model.Npm }
func (pnpmExtractor) Kind() extract.Kind         { return extract.KindLockfile }
func (pnpmExtractor) Description() string {
	return "pnpm-lock.yaml, lockfile versions 5, 6 and 9, with workspace importers"
}

func (pnpmExtractor) Match(p string) bool {
	return path.Base(p) == "pnpm-lock.yaml" && !strings.Contains("/"+p, "/node_modules/")
}

// pnpmLock holds what the passes over one lockfile share.
type pnpmLock struct {
	v5     bool
	nodeOf map[string]string // canonical key (peers stripped) -> package ID
	peers  map[string]map[string]bool
}

// canon strips the leading slash and the peer suffix of a package key.
func (l *pnpmLock) canon(key string) string {
	key = strings.TrimPrefix(key, "/")
	if i := strings.IndexByte(key, '('); i > 0 {
		key = key[:i]
	}
	if l.v5 {
		slash := strings.LastIndexByte(key, '/')
		if i := strings.IndexByte(key[slash+1:], '_'); i > 0 {
			key = key[:slash+1+i]
		}
	}
	return key
}

// nameVersion returns the package name and version a key names.
func (l *pnpmLock) nameVersion(canon string) (string, string) {
	if l.v5 {
		i := strings.LastIndexByte(canon, '/')
		if i <= 0 {
			return canon, ""
		}
		return canon[:i], canon[i+1:]
	}
	name, v, _ := splitDescriptor(canon)
	return name, v
}

// resolve returns the package ID that dependency name at reference ref
// (a version, a version with peers, or a whole key for aliases) points to.
func (l *pnpmLock) resolve(name, ref string) (string, bool) {
	c := l.canon(ref)
	sep := "@"
	if l.v5 {
		sep = "/"
	}
	if !strings.HasPrefix(ref, "/") {
		if id, ok := l.nodeOf[name+sep+c]; ok {
			return id, true
		}
	}
	id, ok := l.nodeOf[c]
	return id, ok
}

func (e pnpmExtractor) Extract(ctx context.Context, in *extract.Input) (*extract.Result, error) {
	data, err := in.ReadFile()
	if err != nil {
		return nil, fmt.Errorf("reading pnpm-lock.yaml: %w", err)
	}
	doc, err := parseYAML(data)
	if err != nil {
		return nil, fmt.Errorf("parsing pnpm-lock.yaml: %w", diag.Parse(in.Path, data, err))
	}
	root := docRoot(doc)
	if root == nil || get(root, "lockfileVersion") == nil {
		return nil, diag.At(in.Path, max(doc.Line, 1), 0, "parsing pnpm-lock.yaml: no lockfileVersion: not a pnpm lockfile")
	}
	ver := strings.Trim(str(root, "lockfileVersion"), "'\"")
	l := &pnpmLock{nodeOf: map[string]string{}, peers: map[string]map[string]bool{}}
	if major, _, _ := strings.Cut(ver, "."); len(major) == 1 && major[0] >= '0' && major[0] <= '5' {
		l.v5 = true
	}
	b := newBuilder(in.Path)
	packages := get(root, "packages")
	snapshots := get(root, "snapshots")

	// Flags of v9 snapshots: a package is optional when every snapshot of
	// it says so.
	optional := map[string]int{} // canon -> 1 all optional so far, 2 some not
	pairs(snapshots, func(k, v *yaml.Node) {
		c := l.canon(k.Value)
		if str(v, "optional") == "true" {
			if optional[c] == 0 {
				optional[c] = 1
			}
		} else {
			optional[c] = 2
		}
	})

	addPkg := func(k, v *yaml.Node) string {
		c := l.canon(k.Value)
		name, version := l.nameVersion(c)
		if n := str(v, "name"); n != "" {
			name = n
		}
		if vv := str(v, "version"); vv != "" {
			version = vv
		}
		if version == "" {
			version = "*"
		}
		var scope model.Scope
		dev, opt := str(v, "dev"), str(v, "optional") == "true" || optional[c] == 1
		switch {
		case dev == "true":
			scope = model.ScopeDevelopment
		case opt:
			scope = model.ScopeOptional
		case dev == "false":
			scope = model.ScopeRuntime
		}
		res := get(v, "resolution")
		props := map[string]string{propIntegrity: str(res, "integrity"), propResolved: str(res, "tarball")}
		if props[propResolved] == "" && str(res, "repo") != "" {
			props[propResolved] = str(res, "repo") + "#" + str(res, "commit")
		}
		id := b.pkg(name, version, k.Line, scope, props)
		l.nodeOf[c] = id
		if pd := get(v, "peerDependencies"); pd != nil {
			set := l.peers[c]
			if set == nil {
				set = map[string]bool{}
				l.peers[c] = set
			}
			pairs(pd, func(pk, _ *yaml.Node) { set[pk.Value] = true })
		}
		return id
	}
	pairs(packages, func(k, v *yaml.Node) { addPkg(k, v) })

	depEdges := func(from string, fromCanon string, v *yaml.Node) {
		for _, s := range [...]struct {
			key   string
			scope model.Scope
		}{{"dependencies", model.ScopeRuntime}, {"optionalDependencies", model.ScopeOptional}} {
			pairs(get(v, s.key), func(dk, dv *yaml.Node) {
				ref := dv.Value
				if dv.Kind == yaml.MappingNode { // importers of v6+: {specifier, version}
					ref = str(dv, "version")
				}
				if strings.HasPrefix(ref, "link:") {
					return // a workspace member or local folder: its own project
				}
				to, ok := l.resolve(dk.Value, ref)
				if !ok {
					b.res.Warn(in.Path, dk.Line, "%s@%s is not in the lockfile's packages", dk.Value, ref)
					return
				}
				scope := s.scope
				if scope == model.ScopeRuntime && l.peers[fromCanon][dk.Value] {
					scope = model.ScopePeer
				}
				b.edge(from, to, scope)
			})
		}
		if strings.HasPrefix(from, "project:") {
			pairs(get(v, "devDependencies"), func(dk, dv *yaml.Node) {
				ref := dv.Value
				if dv.Kind == yaml.MappingNode {
					ref = str(dv, "version")
				}
				if strings.HasPrefix(ref, "link:") {
					return
				}
				if to, ok := l.resolve(dk.Value, ref); ok {
					b.edge(from, to, model.ScopeDevelopment)
				} else {
					b.res.Warn(in.Path, dk.Line, "%s@%s is not in the lockfile's packages", dk.Value, ref)
				}
			})
		}
	}

	if snapshots != nil {
		pairs(snapshots, func(k, v *yaml.Node) {
			c := l.canon(k.Value)
			id, ok := l.nodeOf[c]
			if !ok {
				id = addPkg(k, v)
			}
			depEdges(id, c, v)
		})
	} else {
		pairs(packages, func(k, v *yaml.Node) {
			c := l.canon(k.Value)
			depEdges(l.nodeOf[c], c, v)
		})
	}

	lockDir := in.Dir()
	projectOf := func(dir, workspace string) string {
		name, version := "", ""
		if m, err := readManifest(in, path.Join(dir, "package.json")); err == nil && m != nil {
			name, version = m.Name, m.Version
		}
		return b.project(dir, name, version, workspace)
	}
	rootID := projectOf(lockDir, "")
	if importers := get(root, "importers"); importers != nil {
		pairs(importers, func(k, v *yaml.Node) {
			id := rootID
			if dir := path.Clean(k.Value); dir != "." {
				id = projectOf(path.Join(lockDir, dir), rootID)
			}
			depEdges(id, "", v)
		})
	} else {
		depEdges(rootID, "", root)
	}
	return b.res, nil
}
