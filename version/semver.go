package version

import "strings"

// SemVer 2.0.0 (https://semver.org), used by the OSV ecosystems npm,
// crates.io, Pub and Hex.
//
// Precedence follows section 11 of the specification, which is also what
// OSV's SEMVER ranges mean: major, minor and patch compare as numbers of
// any length, a pre-release sorts before its release, pre-release
// identifiers compare numerically when all digits and in ASCII order
// otherwise (numeric before alphanumeric, a shorter list of equal prefix
// first), and build metadata is ignored, so 1.0.0+a and 1.0.0+b are equal.
//
// Per ecosystem:
//   - npm accepts one leading "v" (v1.2.3), as the semver package's strict
//     parse does, but not its loose forms ("=1.2.3", " 1.2.3"); it rejects
//     strings over 256 bytes and major, minor or patch numbers above
//     2^53-1, as npm does. npm compares huge numeric pre-release
//     identifiers as JavaScript numbers, losing precision past 2^53; here
//     they compare exactly.
//   - crates.io, Pub and Hex take the strict grammar: no prefix, no leading
//     zeros in numbers or numeric pre-release identifiers. Rust's semver
//     crate and pub_semver also order build metadata as a last resort;
//     OSV's SEMVER precedence does not, and neither does this package.

// semverVersion is a parsed SemVer (or Go module) version.
type semverVersion struct {
	s                   string
	major, minor, patch string // decimal, no leading zeros
	pre                 []string
}

func (v *semverVersion) String() string { return v.s }

func (v *semverVersion) Compare(w Version) int {
	o, ok := w.(*semverVersion)
	if !ok {
		mismatch(v, w)
	}
	return semverCompare(v, o)
}

// semverRules are one ecosystem's variations on the SemVer grammar.
type semverRules struct {
	scheme   string
	prefixV  bool // accept one leading "v"
	requireV bool // require the leading "v" (Go modules)
	short    bool // accept vMAJOR and vMAJOR.MINOR (Go modules)
	maxLen   int  // 0: the package-wide cap
	safeInt  bool // major, minor and patch must fit in 2^53-1 (npm)
}

// versionMaxLen caps every scheme of this file set: no ecosystem publishes
// longer versions, and the cap keeps a hostile input from making parsing
// or comparison expensive.
const versionMaxLen = 1024

func parseSemver(s string, r semverRules) (*semverVersion, error) {
	maxLen := r.maxLen
	if maxLen == 0 {
		maxLen = versionMaxLen
	}
	if len(s) > maxLen {
		return nil, parseErr(r.scheme, s, "longer than %d bytes", maxLen)
	}
	rest := s
	if r.requireV || r.prefixV {
		if strings.HasPrefix(rest, "v") {
			rest = rest[1:]
		} else if r.requireV {
			return nil, parseErr(r.scheme, s, "missing leading v")
		}
	}
	v := &semverVersion{s: s}
	var ok bool
	if v.major, rest, ok = semverNumber(rest); !ok {
		return nil, parseErr(r.scheme, s, "bad major version")
	}
	if rest == "" && r.short {
		v.minor, v.patch = "0", "0"
		return v, nil
	}
	if !strings.HasPrefix(rest, ".") {
		return nil, parseErr(r.scheme, s, "want major.minor.patch")
	}
	if v.minor, rest, ok = semverNumber(rest[1:]); !ok {
		return nil, parseErr(r.scheme, s, "bad minor version")
	}
	if rest == "" && r.short {
		v.patch = "0"
		return v, nil
	}
	if !strings.HasPrefix(rest, ".") {
		return nil, parseErr(r.scheme, s, "want major.minor.patch")
	}
	if v.patch, rest, ok = semverNumber(rest[1:]); !ok {
		return nil, parseErr(r.scheme, s, "bad patch version")
	}
	if r.safeInt {
		for _, n := range []string{v.major, v.minor, v.patch} {
			if decimalCompare(n, "9007199254740991") > 0 {
				return nil, parseErr(r.scheme, s, "number %s is above 2^53-1", n)
			}
		}
	}
	if strings.HasPrefix(rest, "-") {
		pre := rest[1:]
		rest = ""
		if i := strings.IndexByte(pre, '+'); i >= 0 {
			pre, rest = pre[:i], pre[i:]
		}
		v.pre = strings.Split(pre, ".")
		for _, id := range v.pre {
			if !semverIdent(id) {
				return nil, parseErr(r.scheme, s, "bad pre-release identifier %q", id)
			}
			if semverNumeric(id) && len(id) > 1 && id[0] == '0' {
				return nil, parseErr(r.scheme, s, "leading zero in pre-release identifier %q", id)
			}
		}
	}
	if strings.HasPrefix(rest, "+") {
		for _, id := range strings.Split(rest[1:], ".") {
			if !semverIdent(id) {
				return nil, parseErr(r.scheme, s, "bad build identifier %q", id)
			}
		}
		rest = ""
	}
	if rest != "" {
		return nil, parseErr(r.scheme, s, "unexpected %q", rest)
	}
	return v, nil
}

// semverNumber cuts a decimal number without leading zeros off s.
func semverNumber(s string) (n, rest string, ok bool) {
	i := 0
	for i < len(s) && '0' <= s[i] && s[i] <= '9' {
		i++
	}
	if i == 0 || s[0] == '0' && i > 1 {
		return "", "", false
	}
	return s[:i], s[i:], true
}

// semverIdent reports whether id is a non-empty run of [0-9A-Za-z-].
func semverIdent(id string) bool {
	if id == "" {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '-') {
			return false
		}
	}
	return true
}

func semverNumeric(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// decimalCompare orders two ASCII decimal numbers of any length; leading
// zeros do not count.
func decimalCompare(a, b string) int {
	a = strings.TrimLeft(a, "0")
	b = strings.TrimLeft(b, "0")
	if len(a) != len(b) {
		if len(a) < len(b) {
			return -1
		}
		return 1
	}
	return strings.Compare(a, b)
}

func semverCompare(v, w *semverVersion) int {
	if c := decimalCompare(v.major, w.major); c != 0 {
		return c
	}
	if c := decimalCompare(v.minor, w.minor); c != 0 {
		return c
	}
	if c := decimalCompare(v.patch, w.patch); c != 0 {
		return c
	}
	switch {
	case len(v.pre) == 0 && len(w.pre) == 0:
		return 0
	case len(v.pre) == 0:
		return 1
	case len(w.pre) == 0:
		return -1
	}
	for i := 0; i < len(v.pre) && i < len(w.pre); i++ {
		a, b := v.pre[i], w.pre[i]
		an, bn := semverNumeric(a), semverNumeric(b)
		var c int
		switch {
		case an && bn:
			c = decimalCompare(a, b)
		case an:
			c = -1
		case bn:
			c = 1
		default:
			c = strings.Compare(a, b)
		}
		if c != 0 {
			return c
		}
	}
	switch {
	case len(v.pre) < len(w.pre):
		return -1
	case len(v.pre) > len(w.pre):
		return 1
	}
	return 0
}

// parseNPM parses a version of the npm ecosystem.
func parseNPM(s string) (Version, error) {
	v, err := parseSemver(s, semverRules{scheme: "SemVer", prefixV: true, maxLen: 256, safeInt: true})
	if err != nil {
		return nil, err
	}
	return v, nil
}

// parseStrictSemver parses a version of crates.io, Pub or Hex.
func parseStrictSemver(s string) (Version, error) {
	v, err := parseSemver(s, semverRules{scheme: "SemVer"})
	if err != nil {
		return nil, err
	}
	return v, nil
}
