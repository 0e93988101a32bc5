package hex

import (
	"bytes"
	"path"
	"regexp"

	"github.com/ossaudit/ossaudit/internal/extract"
	"github.com/ossaudit/ossaudit/model"
)

// mixExs is what a mix.exs says about its project, read crudely.
type mixExs struct {
	found    bool // a deps function was found
	umbrella bool // an umbrella project (apps_path:)
	app      string
	version  string
	deps     []mixDep
}

// mixDep is one {:name, ...} of the deps list.
type mixDep struct {
	name  string
	scope model.Scope
}

var (
	depsFuncRE   = regexp.MustCompile(`\bdefp?\s+deps\s*(?:\(\s*\))?\s*(?:do\b|,\s*do:)`)
	appRE        = regexp.MustCompile(`\bapp:\s*:([A-Za-z0-9_]+)`)
	versionRE    = regexp.MustCompile(`\bversion:\s*"([^"]+)"`)
	attrVerRE    = regexp.MustCompile(`@version\s+"([^"]+)"`)
	umbrellaRE   = regexp.MustCompile(`\bapps_path:`)
	depNameRE    = regexp.MustCompile(`^\{\s*:"?([A-Za-z0-9_]+)`)
	onlyRE       = regexp.MustCompile(`\bonly:\s*(\[[^\]]*\]|:[A-Za-z_]+)`)
	atomRE       = regexp.MustCompile(`:([A-Za-z_]+)`)
	optionalRE   = regexp.MustCompile(`\boptional:\s*true\b`)
	inUmbrellaRE = regexp.MustCompile(`\bin_umbrella:\s*true\b`)
)

// readMixExs reads the mix.exs beside the lockfile, if any. mix.exs is an
// Elixir program, not data, so it is read with a heuristic: the list that
// follows `defp deps do` (or `defp deps, do:`) is cut out by matching
// brackets (skipping strings and comments), split at its top-level commas,
// and each {:name, ...} element gives a direct dependency; its only: option
// gives the scope (:dev → development, :test → test, any list with :prod or
// no only: → runtime), optional: true gives optional, and in_umbrella: true
// elements are skipped (they are apps of the same umbrella, not packages).
// Anything fancier (deps computed by function calls) is not followed.
func readMixExs(in *extract.Input) mixExs {
	var m mixExs
	data, err := in.ReadRel(path.Join(in.Dir(), "mix.exs"))
	if err != nil {
		return m
	}
	if s := appRE.FindSubmatch(data); s != nil {
		m.app = string(s[1])
	}
	if s := versionRE.FindSubmatch(data); s != nil {
		m.version = string(s[1])
	} else if s := attrVerRE.FindSubmatch(data); s != nil {
		m.version = string(s[1])
	}
	m.umbrella = umbrellaRE.Match(data)
	loc := depsFuncRE.FindIndex(data)
	if loc == nil {
		return m
	}
	open := bytes.IndexByte(data[loc[1]:], '[')
	if open < 0 {
		return m
	}
	elems, ok := splitList(data, loc[1]+open)
	if !ok {
		return m
	}
	m.found = true
	for _, e := range elems {
		s := depNameRE.FindSubmatch(e)
		if s == nil || inUmbrellaRE.Match(e) {
			continue
		}
		m.deps = append(m.deps, mixDep{name: string(s[1]), scope: depScope(e)})
	}
	return m
}

func depScope(e []byte) model.Scope {
	scope := model.ScopeRuntime
	if o := onlyRE.FindSubmatch(e); o != nil {
		scope = model.ScopeUnknown
		for _, a := range atomRE.FindAllSubmatch(o[1], -1) {
			s := model.ScopeUnknown
			switch string(a[1]) {
			case "prod":
				s = model.ScopeRuntime
			case "dev":
				s = model.ScopeDevelopment
			case "test":
				s = model.ScopeTest
			default:
				s = model.ScopeDevelopment // another environment: not prod
			}
			if s.Stronger(scope) {
				scope = s
			}
		}
		if scope == model.ScopeUnknown {
			scope = model.ScopeRuntime
		}
	}
	if scope == model.ScopeRuntime && optionalRE.Match(e) {
		scope = model.ScopeOptional
	}
	return scope
}

// splitList returns the top-level elements (trimmed) of the list whose [
// is at data[open], skipping strings, charlists and comments; false when
// the list is not closed.
func splitList(data []byte, open int) ([][]byte, bool) {
	var elems [][]byte
	depth := 0
	start := open + 1
	for i := open; i < len(data); i++ {
		switch c := data[i]; c {
		case '"', '\'':
			j := i + 1
			for j < len(data) && data[j] != c {
				if data[j] == '\\' {
					j++
				}
				j++
			}
			i = j
		case '#':
			for i < len(data) && data[i] != '\n' {
				i++
			}
		case '[', '{', '(':
			depth++
		case ']', '}', ')':
			depth--
			if depth == 0 {
				if e := bytes.TrimSpace(stripComments(data[start:i])); len(e) > 0 {
					elems = append(elems, e)
				}
				return elems, true
			}
		case ',':
			if depth == 1 {
				if e := bytes.TrimSpace(stripComments(data[start:i])); len(e) > 0 {
					elems = append(elems, e)
				}
				start = i + 1
			}
		}
	}
	return nil, false
}

// stripComments drops # comments that start a line of b (enough for the
// elements of a deps list, where comments sit on lines of their own).
func stripComments(b []byte) []byte {
	var out [][]byte
	for _, l := range bytes.Split(b, []byte("\n")) {
		if t := bytes.TrimSpace(l); len(t) > 0 && t[0] == '#' {
			continue
		}
		out = append(out, l)
	}
	return bytes.Join(out, []byte("\n"))
}
