package pypi

import (
	"fmt"
	"regexp"
	"strings"
)

// requirement is a PEP 508 dependency specifier, split into its parts.
type requirement struct {
	Name   string
	Extras []string
	// Spec is the version specifier ("" when none), without parentheses.
	Spec string
	// URL is set for "name @ url" requirements.
	URL    string
	Marker string
}

var (
	nameRE   = regexp.MustCompile(`^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?`)
	clauseRE = regexp.MustCompile(`^\s*(===|==|~=|!=|<=|>=|<|>)\s*([A-Za-z0-9.*+!_-]+)\s*$`)
	extraRE  = regexp.MustCompile(`\bextra\s*(==|!=|\bin\b)`)
)

// validName reports whether s is a valid distribution name.
func validName(s string) bool { return nameRE.FindString(s) == s && s != "" }

// parseRequirement parses a PEP 508 requirement. It also accepts the
// "name (>=1,<2)" form that older metadata and poetry write.
func parseRequirement(s string) (requirement, error) {
	var r requirement
	s = strings.TrimSpace(s)
	r.Name = nameRE.FindString(s)
	if r.Name == "" {
		return r, fmt.Errorf("no package name in %q", s)
	}
	rest := strings.TrimLeft(s[len(r.Name):], " \t")
	if strings.HasPrefix(rest, "[") {
		end := strings.IndexByte(rest, ']')
		if end < 0 {
			return r, fmt.Errorf("unclosed extras in %q", s)
		}
		for _, e := range strings.Split(rest[1:end], ",") {
			e = strings.TrimSpace(e)
			if e == "" {
				continue
			}
			if !validName(e) {
				return r, fmt.Errorf("invalid extra %q in %q", e, s)
			}
			r.Extras = append(r.Extras, e)
		}
		rest = strings.TrimLeft(rest[end+1:], " \t")
	}
	if strings.HasPrefix(rest, "@") {
		rest = strings.TrimSpace(rest[1:])
		// The URL ends at whitespace; a marker follows after ";".
		url, tail, _ := strings.Cut(rest, " ")
		url = strings.TrimSpace(url)
		tail = strings.TrimSpace(tail)
		if strings.HasSuffix(url, ";") && tail != "" {
			url = strings.TrimSuffix(url, ";")
			tail = ";" + tail
		}
		if url == "" {
			return r, fmt.Errorf("empty URL in %q", s)
		}
		r.URL = url
		if tail != "" {
			if !strings.HasPrefix(tail, ";") {
				return r, fmt.Errorf("unexpected %q after the URL in %q", tail, s)
			}
			r.Marker = strings.TrimSpace(tail[1:])
		}
		return r, nil
	}
	spec, marker, hasMarker := strings.Cut(rest, ";")
	if hasMarker {
		r.Marker = strings.TrimSpace(marker)
		if r.Marker == "" {
			return r, fmt.Errorf("empty marker in %q", s)
		}
	}
	spec = strings.TrimSpace(spec)
	if strings.HasPrefix(spec, "(") {
		if !strings.HasSuffix(spec, ")") {
			return r, fmt.Errorf("unclosed parenthesis in %q", s)
		}
		spec = strings.TrimSpace(spec[1 : len(spec)-1])
	}
	if spec != "" {
		for _, c := range strings.Split(spec, ",") {
			if !clauseRE.MatchString(c) {
				return r, fmt.Errorf("invalid version specifier %q in %q", strings.TrimSpace(c), s)
			}
		}
	}
	r.Spec = strings.Join(strings.Fields(spec), "")
	return r, nil
}

// pin returns the exact version when the specifier is a single "==" or
// "===" clause without a wildcard.
func pin(spec string) (string, bool) {
	if spec == "" || strings.Contains(spec, ",") {
		return "", false
	}
	m := clauseRE.FindStringSubmatch(spec)
	if m == nil || (m[1] != "==" && m[1] != "===") || strings.Contains(m[2], "*") {
		return "", false
	}
	return m[2], true
}

// markerHasExtra reports whether a marker depends on an extra.
func markerHasExtra(marker string) bool {
	return extraRE.MatchString(marker)
}
