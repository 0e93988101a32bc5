package version

import (
	"strconv"
	"strings"
)

// debianVersion is a Debian package version, epoch:upstream-revision,
// ordered by dpkg's algorithm. OSV's Debian and Ubuntu ecosystems use it.
type debianVersion struct {
	raw      string
	epoch    int
	upstream string
	revision string
}

// parseDebian parses s the way dpkg parses a version field, treating what
// dpkg only warns about (a version not starting with a digit, a character
// outside dpkg's set) as an error too.
func parseDebian(s string) (*debianVersion, error) {
	const scheme = "Debian"
	if s == "" {
		return nil, parseErr(scheme, s, "empty version")
	}
	if strings.ContainsAny(s, " \t\n\r\v\f") {
		return nil, parseErr(scheme, s, "contains white space")
	}
	v := &debianVersion{raw: s}
	rest := s
	if e, after, ok := strings.Cut(s, ":"); ok {
		if e == "" {
			return nil, parseErr(scheme, s, "empty epoch")
		}
		if !debianAllDigits(e) {
			return nil, parseErr(scheme, s, "epoch %q is not a number", e)
		}
		n, err := strconv.ParseInt(e, 10, 32)
		if err != nil {
			return nil, parseErr(scheme, s, "epoch %q is too big", e)
		}
		v.epoch = int(n)
		rest = after
		if rest == "" {
			return nil, parseErr(scheme, s, "nothing after the epoch")
		}
	}
	v.upstream = rest
	if i := strings.LastIndexByte(rest, '-'); i >= 0 {
		v.upstream, v.revision = rest[:i], rest[i+1:]
		if v.revision == "" {
			return nil, parseErr(scheme, s, "empty revision")
		}
	}
	if v.upstream == "" {
		return nil, parseErr(scheme, s, "empty upstream version")
	}
	if !debianIsDigit(v.upstream[0]) {
		return nil, parseErr(scheme, s, "upstream version does not start with a digit")
	}
	for i := 0; i < len(v.upstream); i++ {
		if c := v.upstream[i]; !debianIsAlnum(c) && !strings.ContainsRune(".-+~:", rune(c)) {
			return nil, parseErr(scheme, s, "invalid character %q in upstream version", c)
		}
	}
	for i := 0; i < len(v.revision); i++ {
		if c := v.revision[i]; !debianIsAlnum(c) && !strings.ContainsRune(".+~", rune(c)) {
			return nil, parseErr(scheme, s, "invalid character %q in revision", c)
		}
	}
	return v, nil
}

func (v *debianVersion) String() string { return v.raw }

// Compare orders by epoch, then upstream version, then revision; a missing
// revision equals "0", as in dpkg.
func (v *debianVersion) Compare(w Version) int {
	o, ok := w.(*debianVersion)
	if !ok {
		mismatch(v, w)
	}
	if v.epoch != o.epoch {
		if v.epoch < o.epoch {
			return -1
		}
		return 1
	}
	if c := debianVerRevCmp(v.upstream, o.upstream); c != 0 {
		return c
	}
	return debianVerRevCmp(v.revision, o.revision)
}

// debianOrder is dpkg's weight of one character of a non-digit run: '~'
// first, then the end of the run, then letters, then everything else.
func debianOrder(s string, i int) int {
	if i >= len(s) {
		return 0
	}
	c := s[i]
	switch {
	case debianIsDigit(c):
		return 0
	case debianIsAlpha(c):
		return int(c)
	case c == '~':
		return -1
	default:
		return int(c) + 256
	}
}

// debianVerRevCmp is dpkg's verrevcmp: alternating non-digit runs compared
// character by character with debianOrder and digit runs compared as
// numbers of any length.
func debianVerRevCmp(a, b string) int {
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		for (i < len(a) && !debianIsDigit(a[i])) || (j < len(b) && !debianIsDigit(b[j])) {
			ac, bc := debianOrder(a, i), debianOrder(b, j)
			if ac != bc {
				return debianSign(ac - bc)
			}
			i++
			j++
		}
		for i < len(a) && a[i] == '0' {
			i++
		}
		for j < len(b) && b[j] == '0' {
			j++
		}
		firstDiff := 0
		for i < len(a) && debianIsDigit(a[i]) && j < len(b) && debianIsDigit(b[j]) {
			if firstDiff == 0 {
				firstDiff = int(a[i]) - int(b[j])
			}
			i++
			j++
		}
		if i < len(a) && debianIsDigit(a[i]) {
			return 1
		}
		if j < len(b) && debianIsDigit(b[j]) {
			return -1
		}
		if firstDiff != 0 {
			return debianSign(firstDiff)
		}
	}
	return 0
}

func debianAllDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !debianIsDigit(s[i]) {
			return false
		}
	}
	return true
}

func debianIsDigit(c byte) bool { return '0' <= c && c <= '9' }
func debianIsAlpha(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
func debianIsAlnum(c byte) bool { return debianIsDigit(c) || debianIsAlpha(c) }

func debianSign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}

// parseDebianVersion is parseDebian for Parse.
func parseDebianVersion(s string) (Version, error) {
	v, err := parseDebian(s)
	if err != nil {
		return nil, err
	}
	return v, nil
}
