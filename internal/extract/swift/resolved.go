package swift

import (
	"context"
	"encoding/json"
	"fmt"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/ossaudit/ossaudit/internal/diag"
	"github.com/ossaudit/ossaudit/internal/extract"
	"github.com/ossaudit/ossaudit/model"
	"github.com/package-url/packageurl-go"
)

// Extractors returns every extractor of this package.
func Extractors() []extract.Extractor { return []extract.Extractor{Resolved{}} }

// Resolved reads Package.resolved.
type Resolved struct{}

// Name implements extract.Extractor.
func (Resolved) Name() string { return "swift/package-resolved" }

// Ecosystem implements extract.Extractor.
func (Resolved) Ecosystem() model.Ecosystem { return model.SwiftURL }

// Kind implements extract.Extractor.
func (Resolved) Kind() extract.Kind { return extract.KindLockfile }

// Description implements extract.Extractor.
func (Resolved) Description() string {
	return "Swift Package Manager lockfiles: Package.resolved (versions 1 to 3, also inside Xcode projects)"
}

// Match implements extract.Extractor.
func (Resolved) Match(p string) bool { return path.Base(p) == "Package.resolved" }

type resolvedFile struct {
	Version json.Number `json:"version"`
	Object  *struct {
		Pins []pin `json:"pins"`
	} `json:"object"`
	Pins []pin `json:"pins"`
}

type pin struct {
	// Version 1 fields.
	Package       string `json:"package"`
	RepositoryURL string `json:"repositoryURL"`
	// Version 2 and 3 fields.
	Identity string `json:"identity"`
	Kind     string `json:"kind"`
	Location string `json:"location"`
	State    struct {
		Branch   string `json:"branch"`
		Revision string `json:"revision"`
		Version  string `json:"version"`
	} `json:"state"`
}

// Extract implements extract.Extractor.
func (x Resolved) Extract(ctx context.Context, in *extract.Input) (*extract.Result, error) {
	data, err := in.ReadFile()
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", in.Path, err)
	}
	var rf resolvedFile
	if err := json.Unmarshal(data, &rf); err != nil {
		return nil, fmt.Errorf("parsing Package.resolved: %w", diag.Parse(in.Path, data, err))
	}
	lines, err := extract.ScanJSONLines(in.Path, data)
	if err != nil {
		return nil, fmt.Errorf("parsing Package.resolved: %w", diag.Parse(in.Path, data, err))
	}
	r := &extract.Result{}
	proj := project(in)
	r.Projects = append(r.Projects, proj)

	pins, prefix := rf.Pins, []string{"pins"}
	if rf.Object != nil {
		pins, prefix = rf.Object.Pins, []string{"object", "pins"}
	}
	switch v := rf.Version.String(); v {
	case "1", "2", "3":
		if (v == "1") != (rf.Object != nil) && len(pins) > 0 {
			r.Warn(in.Path, lines.Line("version"), "Package.resolved version %s has the layout of another version; reading it by its layout", v)
		}
	default:
		r.Warn(in.Path, lines.Line("version"), "Package.resolved version %q is not one this reader knows (1 to 3); reading it by its layout", v)
	}
	index := map[string]int{}
	for i, pn := range pins {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		elems := append(append([]string{}, prefix...), strconv.Itoa(i))
		line := lines.Line(elems...)
		for _, k := range []string{"identity", "package"} {
			if l := lines.Line(append(elems, k)...); l > 0 {
				line = l
				break
			}
		}
		loc := model.Location{Path: in.Path, Line: line}
		p, ok := x.pkg(r, pn, loc)
		if !ok {
			continue
		}
		if j, seen := index[p.ID]; seen {
			r.Packages[j].Locations = append(r.Packages[j].Locations, loc)
			continue
		}
		index[p.ID] = len(r.Packages)
		r.Packages = append(r.Packages, p)
		r.AddEdge(proj.ID, p.ID, model.ScopeRuntime)
	}
	return r, nil
}

// pkg builds the package of one pin; false (with a diagnostic) when the pin
// names no package.
func (x Resolved) pkg(r *extract.Result, pn pin, loc model.Location) (model.Package, bool) {
	identity, location := pn.Identity, pn.Location
	if identity == "" {
		identity = pn.Package
	}
	if location == "" {
		location = pn.RepositoryURL
	}
	props := map[string]string{}
	set := func(k, v string) {
		if v != "" {
			props[k] = v
		}
	}
	set("swift:identity", identity)
	set("swift:kind", pn.Kind)
	set("swift:revision", pn.State.Revision)
	set("swift:branch", pn.State.Branch)

	var purl *packageurl.PackageURL
	var name string
	local := false
	switch {
	case pn.Kind == "registry":
		scope, pkgName, ok := strings.Cut(identity, ".")
		if !ok || scope == "" || pkgName == "" {
			r.Error(loc.Path, loc.Line, "registry pin %q is not scope.name", identity)
			return model.Package{}, false
		}
		purl = packageurl.NewPackageURL(packageurl.TypeSwift, scope, pkgName, "", nil, "")
		name = identity
		set("swift:location", location)
	case pn.Kind == "localSourceControl" || isLocalPath(location):
		local = true
		base := identity
		if base == "" {
			base = strings.TrimSuffix(path.Base(strings.TrimRight(location, "/")), ".git")
		}
		if base == "" || base == "." || base == "/" {
			r.Error(loc.Path, loc.Line, "local pin without identity or location")
			return model.Package{}, false
		}
		purl = packageurl.NewPackageURL(packageurl.TypeSwift, "", base, "", nil, "")
		name = base
	default:
		host, repo := splitRepoURL(location)
		if host == "" || repo == "" {
			r.Error(loc.Path, loc.Line, "pin %q has no repository URL this reader understands: %q", identity, location)
			return model.Package{}, false
		}
		ns, base := host, repo
		if i := strings.LastIndex(repo, "/"); i >= 0 {
			ns, base = host+"/"+repo[:i], repo[i+1:]
		}
		purl = packageurl.NewPackageURL(packageurl.TypeSwift, ns, base, "", nil, "")
		name = host + "/" + repo
	}
	norm := strings.ToLower(name)
	if len(props) == 0 {
		props = nil
	}
	switch {
	case local:
		p := extract.NewPackage(model.SwiftURL, *purl, name, norm, loc)
		p.Properties = props
		return extract.Unresolved(p, location, "local package: built from source on this machine"), true
	case pn.State.Version != "":
		purl.Version = pn.State.Version
		p := extract.NewPackage(model.SwiftURL, *purl, name, norm, loc)
		p.Properties = props
		return p, true
	case pn.State.Branch != "":
		p := extract.NewPackage(model.SwiftURL, *purl, name, norm, loc)
		p.Properties = props
		return extract.Unresolved(p, pn.State.Branch+"@"+pn.State.Revision, "pinned to a branch, not to a version"), true
	case pn.State.Revision != "":
		p := extract.NewPackage(model.SwiftURL, *purl, name, norm, loc)
		p.Properties = props
		return extract.Unresolved(p, pn.State.Revision, "pinned to a revision, not to a version"), true
	default:
		r.Warn(loc.Path, loc.Line, "pin %s has neither version, branch nor revision", name)
		p := extract.NewPackage(model.SwiftURL, *purl, name, norm, loc)
		p.Properties = props
		return extract.Unresolved(p, "*", "the lockfile gives no version"), true
	}
}

func isLocalPath(s string) bool {
	return strings.HasPrefix(s, "/") || strings.HasPrefix(s, "file:") || strings.HasPrefix(s, "./") ||
		strings.HasPrefix(s, "../") || strings.HasPrefix(s, "~")
}

// splitRepoURL turns a git URL (https://host/owner/repo.git, ssh://git@host/owner/repo,
// git@host:owner/repo.git) into its lower-case host and the repository path
// without ".git"; empty strings when it is not such a URL.
func splitRepoURL(u string) (host, repo string) {
	u = strings.TrimSpace(u)
	if i := strings.Index(u, "://"); i >= 0 {
		u = u[i+3:]
		host, repo, _ = strings.Cut(u, "/")
	} else if h, p, ok := strings.Cut(u, ":"); ok && !strings.Contains(h, "/") {
		host, repo = h, p // scp-like git@host:owner/repo
	} else {
		return "", ""
	}
	if i := strings.LastIndex(host, "@"); i >= 0 {
		host = host[i+1:]
	}
	if i := strings.IndexAny(repo, "?#"); i >= 0 {
		repo = repo[:i]
	}
	repo = strings.Trim(repo, "/")
	repo = strings.TrimSuffix(repo, ".git")
	repo = strings.Trim(repo, "/")
	return strings.ToLower(host), repo
}

var packageNameRE = regexp.MustCompile(`Package\s*\(\s*name\s*:\s*"([^"\\]+)"`)

// project returns the project of the lockfile: the folder holding the
// Xcode bundle it is in, or its own folder.
func project(in *extract.Input) model.Project {
	segs := strings.Split(in.Path, "/")
	for i, s := range segs {
		if ext := path.Ext(s); (ext == ".xcodeproj" || ext == ".xcworkspace") && i < len(segs)-1 {
			dir := strings.Join(segs[:i], "/")
			if dir == "" {
				dir = "."
			}
			return model.Project{ID: extract.ProjectID(model.SwiftURL, dir, ""), Ecosystem: model.SwiftURL,
				Name: strings.TrimSuffix(s, ext), Dir: dir, Sources: []string{in.Path}}
		}
	}
	name := ""
	if data, err := in.ReadRel(path.Join(in.Dir(), "Package.swift")); err == nil {
		if m := packageNameRE.FindSubmatch(data); m != nil {
			name = string(m[1])
		}
	}
	return extract.NewProject(model.SwiftURL, in.Path, name, "")
}
