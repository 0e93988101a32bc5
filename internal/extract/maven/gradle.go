package maven

import (
	"bytes"
	"context"
	"path"
	"sort"
	"strings"

	"github.com/ossaudit/ossaudit/internal/diag"
	"github.com/ossaudit/ossaudit/internal/extract"
	"github.com/ossaudit/ossaudit/model"
)

// GradleLock extracts the resolved dependencies of a Gradle project from its
// dependency lockfiles.
type GradleLock struct{}

// Name implements extract.Extractor.
func (GradleLock) Name() string { return "maven/gradle-lockfile" }

// Ecosystem implements extract.Extractor.
func (GradleLock) Ecosystem() model.Ecosystem { return eco }

// Kind implements extract.Extractor.
func (GradleLock) Kind() extract.Kind { return extract.KindLockfile }

// Description implements extract.Extractor.
func (GradleLock) Description() string {
	return "Gradle gradle.lockfile, buildscript-gradle.lockfile, settings-gradle.lockfile and gradle/dependency-locks/*.lockfile"
}

// Match implements extract.Extractor.
func (GradleLock) Match(p string) bool {
	base := path.Base(p)
	if base == "gradle.lockfile" || base == "buildscript-gradle.lockfile" || base == "settings-gradle.lockfile" {
		return true
	}
	return strings.HasSuffix(base, ".lockfile") && path.Base(path.Dir(p)) == "dependency-locks" && path.Base(path.Dir(path.Dir(p))) == "gradle"
}

// Extract implements extract.Extractor.
func (GradleLock) Extract(ctx context.Context, in *extract.Input) (*extract.Result, error) {
	data, err := in.ReadFile()
	if err != nil {
		return nil, err
	}
	base := path.Base(in.Path)
	projFile := in.Path
	fixedConf := "" // the configuration of a per-configuration lockfile
	// The build script's and the settings script's classpaths are build tooling.
	buildscript := base == "buildscript-gradle.lockfile" || base == "settings-gradle.lockfile"
	if base != "gradle.lockfile" && !buildscript {
		fixedConf = strings.TrimSuffix(base, ".lockfile")
		// gradle/dependency-locks/<conf>.lockfile belongs to the project two folders up.
		projFile = path.Join(path.Dir(path.Dir(path.Dir(in.Path))), base)
	}
	c := newCollector()
	proj := extract.NewProject(eco, projFile, "", "")
	proj.Sources = []string{in.Path}
	c.res.Projects = append(c.res.Projects, proj)
	if bytes.IndexByte(data, 0) >= 0 {
		return nil, diag.At(in.Path, 1, 0, "parsing %s: binary content, not a Gradle lockfile", base)
	}
	entries := 0
	for i, raw := range strings.Split(string(data), "\n") {
		line := i + 1
		s := strings.TrimSpace(raw)
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		coord, confs, hasConfs := strings.Cut(s, "=")
		if coord == "empty" && hasConfs {
			continue // configurations that resolve to nothing
		}
		if !hasConfs && fixedConf == "" {
			c.res.Warn(in.Path, line, "line %q is not group:artifact:version=configurations", s)
			continue
		}
		parts := strings.Split(coord, ":")
		if len(parts) != 3 || parts[0] == "" || parts[1] == "" || parts[2] == "" {
			c.res.Warn(in.Path, line, "line %q is not group:artifact:version=configurations", s)
			continue
		}
		var conf []string
		if fixedConf != "" {
			conf = []string{fixedConf}
		}
		for _, cf := range strings.Split(confs, ",") {
			if cf = strings.TrimSpace(cf); cf != "" {
				conf = append(conf, cf)
			}
		}
		sort.Strings(conf)
		entries++
		g, a, v := parts[0], parts[1], parts[2]
		p := extract.NewPackage(eco, purl(g, a, v, "", ""), g+":"+a, g+":"+a, model.Location{Path: in.Path, Line: line})
		if len(conf) > 0 {
			p.Properties = map[string]string{"gradle:configurations": strings.Join(conf, ",")}
		}
		id := c.add(p)
		c.edge(proj.ID, id, gradleScope(conf, buildscript))
	}
	if entries == 0 && len(c.res.Diagnostics) > 0 {
		return nil, diag.At(in.Path, c.res.Diagnostics[0].Location.Line, 0, "parsing %s: no line is a Gradle lock entry", base)
	}
	return c.result(), nil
}

// gradleScope returns the strongest scope among Gradle configurations:
// runtime for compile and runtime classpaths, test for test
// configurations, development for the rest (annotation processors, build
// script classpath, tooling).
func gradleScope(confs []string, buildscript bool) model.Scope {
	if buildscript {
		return model.ScopeDevelopment
	}
	best := model.ScopeUnknown
	for _, cf := range confs {
		s := model.ScopeDevelopment
		lc := strings.ToLower(cf)
		switch {
		case strings.Contains(lc, "test"):
			s = model.ScopeTest
		case strings.HasSuffix(lc, "compileclasspath") || strings.HasSuffix(lc, "runtimeclasspath"):
			s = model.ScopeRuntime
		}
		if best == model.ScopeUnknown || s.Stronger(best) {
			best = s
		}
	}
	if best == model.ScopeUnknown {
		return model.ScopeRuntime
	}
	return best
}
