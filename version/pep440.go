package version

import "strings"

// PEP 440 (https://peps.python.org/pep-0440/), the OSV ecosystem PyPI,
// parsed and ordered like the packaging library's Version:
//
//   - an optional epoch (2!1.0), then a release of any number of segments
//     where trailing zeros do not count (1.0 == 1.0.0);
//   - pre-releases a, b, rc with the spellings alpha, beta, c, pre and
//     preview, post-releases (post, rev, r, and the implicit 1.0-1) and dev
//     releases, each with an optional separator (-, _ or .) before and
//     after the label and an implicit number 0;
//   - a local version (+ubuntu.1) whose segments compare numerically when
//     all digits, numeric segments after alphanumeric ones, and a version
//     without a local part before the same version with one;
//   - letters in any case, a leading "v" and surrounding whitespace.
//
// The order is packaging's: X.YdevN < X.YaN.devM < X.YaN < X.YaN.postM <
// X.Y < X.Y.postN.devM < X.Y.postN. Inputs must be ASCII, and only ASCII
// whitespace is trimmed: packaging's case-insensitive match also takes a
// few non-ASCII letters that fold to ASCII ones (ſ, K) and trims Unicode
// spaces; those inputs are rejected here.

type pep440Version struct {
	s       string
	epoch   string
	release []string // trailing zeros trimmed
	preL    string   // "", "a", "b" or "rc"
	preN    string
	post    bool
	postN   string
	dev     bool
	devN    string
	local   []string // nil when absent
}

func (v *pep440Version) String() string { return v.s }

func (v *pep440Version) Compare(w Version) int {
	o, ok := w.(*pep440Version)
	if !ok {
		mismatch(v, w)
	}
	if c := decimalCompare(v.epoch, o.epoch); c != 0 {
		return c
	}
	for i := 0; i < len(v.release) || i < len(o.release); i++ {
		switch {
		case i == len(v.release):
			return -1
		case i == len(o.release):
			return 1
		}
		if c := decimalCompare(v.release[i], o.release[i]); c != 0 {
			return c
		}
	}
	if c := v.preRank() - o.preRank(); c != 0 {
		return pep440Sign(c)
	}
	if v.preL != "" {
		if c := strings.Compare(v.preL, o.preL); c != 0 {
			return c
		}
		if c := decimalCompare(v.preN, o.preN); c != 0 {
			return c
		}
	}
	if c := optionalCompare(v.post, o.post, v.postN, o.postN, false); c != 0 {
		return c
	}
	if c := optionalCompare(v.dev, o.dev, v.devN, o.devN, true); c != 0 {
		return c
	}
	return pep440LocalCompare(v.local, o.local)
}

// preRank places the pre-release part: a dev release of a final version
// (1.0.dev1) first, then pre-releases, then everything else.
func (v *pep440Version) preRank() int {
	switch {
	case v.preL != "":
		return 0
	case !v.post && v.dev:
		return -1
	}
	return 1
}

// optionalCompare orders two optional numbers; absentLast says whether an
// absent one sorts after (dev) or before (post) every present one.
func optionalCompare(hasA, hasB bool, a, b string, absentLast bool) int {
	switch {
	case hasA && hasB:
		return decimalCompare(a, b)
	case hasA == hasB:
		return 0
	case hasA == absentLast:
		return -1
	}
	return 1
}

func pep440LocalCompare(a, b []string) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return -1
	case b == nil:
		return 1
	}
	for i := 0; i < len(a) && i < len(b); i++ {
		an, bn := semverNumeric(a[i]), semverNumeric(b[i])
		var c int
		switch {
		case an && bn:
			c = decimalCompare(a[i], b[i])
		case an:
			c = 1
		case bn:
			c = -1
		default:
			c = strings.Compare(a[i], b[i])
		}
		if c != 0 {
			return c
		}
	}
	return pep440Sign(len(a) - len(b))
}

func pep440Sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}

// pep440Scanner walks the lower-cased input.
type pep440Scanner struct {
	p string
	i int
}

func (sc *pep440Scanner) digits() (string, bool) {
	j := sc.i
	for j < len(sc.p) && '0' <= sc.p[j] && sc.p[j] <= '9' {
		j++
	}
	if j == sc.i {
		return "", false
	}
	n := sc.p[sc.i:j]
	sc.i = j
	return n, true
}

func (sc *pep440Scanner) sep() bool {
	if sc.i < len(sc.p) && strings.IndexByte("-_.", sc.p[sc.i]) >= 0 {
		sc.i++
		return true
	}
	return false
}

// label matches, after an optional separator, the first of words that
// starts the rest of the input, followed by an optional separator and
// number. It leaves the scanner where it was when no word matches.
func (sc *pep440Scanner) label(words ...string) (word, n string, ok bool) {
	start := sc.i
	sc.sep()
	for _, w := range words {
		if strings.HasPrefix(sc.p[sc.i:], w) {
			sc.i += len(w)
			sc.sep()
			if n, ok = sc.digits(); !ok {
				n = "0"
			}
			return w, n, true
		}
	}
	sc.i = start
	return "", "", false
}

func parsePEP440(s string) (Version, error) {
	const scheme = "PEP 440"
	if len(s) > versionMaxLen {
		return nil, parseErr(scheme, s, "longer than %d bytes", versionMaxLen)
	}
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return nil, parseErr(scheme, s, "non-ASCII character")
		}
	}
	sc := &pep440Scanner{p: strings.ToLower(strings.Trim(s, " \t\n\r\f\v"))}
	v := &pep440Version{s: s, epoch: "0"}
	if strings.HasPrefix(sc.p, "v") {
		sc.i++
	}
	first, ok := sc.digits()
	if !ok {
		return nil, parseErr(scheme, s, "no release number")
	}
	if sc.i < len(sc.p) && sc.p[sc.i] == '!' {
		sc.i++
		v.epoch = first
		if first, ok = sc.digits(); !ok {
			return nil, parseErr(scheme, s, "no release number after the epoch")
		}
	}
	v.release = append(v.release, first)
	for sc.i+1 < len(sc.p) && sc.p[sc.i] == '.' && '0' <= sc.p[sc.i+1] && sc.p[sc.i+1] <= '9' {
		sc.i++
		n, _ := sc.digits()
		v.release = append(v.release, n)
	}
	for len(v.release) > 0 && strings.TrimLeft(v.release[len(v.release)-1], "0") == "" {
		v.release = v.release[:len(v.release)-1]
	}
	if w, n, ok := sc.label("preview", "alpha", "beta", "pre", "rc", "a", "b", "c"); ok {
		switch w {
		case "alpha":
			w = "a"
		case "beta":
			w = "b"
		case "c", "pre", "preview":
			w = "rc"
		}
		v.preL, v.preN = w, n
	}
	if sc.i+1 < len(sc.p) && sc.p[sc.i] == '-' && '0' <= sc.p[sc.i+1] && sc.p[sc.i+1] <= '9' {
		sc.i++
		v.post = true
		v.postN, _ = sc.digits()
	} else if _, n, ok := sc.label("post", "rev", "r"); ok {
		v.post, v.postN = true, n
	}
	if _, n, ok := sc.label("dev"); ok {
		v.dev, v.devN = true, n
	}
	if sc.i < len(sc.p) && sc.p[sc.i] == '+' {
		v.local = strings.FieldsFunc(sc.p[sc.i+1:], func(r rune) bool { return r == '-' || r == '_' || r == '.' })
		if !pep440ValidLocal(sc.p[sc.i+1:]) {
			return nil, parseErr(scheme, s, "bad local version %q", sc.p[sc.i+1:])
		}
		sc.i = len(sc.p)
	}
	if sc.i != len(sc.p) {
		return nil, parseErr(scheme, s, "unexpected %q", sc.p[sc.i:])
	}
	return v, nil
}

// pep440ValidLocal reports whether l is [a-z0-9]+([-_.][a-z0-9]+)*.
func pep440ValidLocal(l string) bool {
	prevSep := true
	for i := 0; i < len(l); i++ {
		c := l[i]
		switch {
		case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
			prevSep = false
		case c == '-' || c == '_' || c == '.':
			if prevSep {
				return false
			}
			prevSep = true
		default:
			return false
		}
	}
	return !prevSep
}
