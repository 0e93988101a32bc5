package version

import "strings"

// rpmVersion is an RPM epoch:version-release, ordered by rpmvercmp. OSV's
// Red Hat, AlmaLinux, Rocky Linux, openSUSE, SUSE and Mageia ecosystems use
// it.
type rpmVersion struct {
	raw        string
	epoch      string // digits; "" when absent, which compares as 0
	version    string
	release    string
	hasRelease bool
}

// parseRPM splits s the way rpm splits an EVR string: an epoch is the
// digits before a colon at the start, the release is what follows the last
// hyphen. Characters outside those rpmbuild allows in a version or release
// are an error.
func parseRPM(s string) (*rpmVersion, error) {
	const scheme = "RPM"
	if s == "" {
		return nil, parseErr(scheme, s, "empty version")
	}
	v := &rpmVersion{raw: s}
	rest := s
	if i := strings.IndexByte(s, ':'); i >= 0 {
		v.epoch, rest = s[:i], s[i+1:]
		if v.epoch == "" {
			return nil, parseErr(scheme, s, "empty epoch")
		}
		for j := 0; j < len(v.epoch); j++ {
			if !rpmIsDigit(v.epoch[j]) {
				return nil, parseErr(scheme, s, "epoch %q is not a number", v.epoch)
			}
		}
	}
	v.version = rest
	if i := strings.LastIndexByte(rest, '-'); i >= 0 {
		v.version, v.release, v.hasRelease = rest[:i], rest[i+1:], true
		if v.release == "" {
			return nil, parseErr(scheme, s, "empty release")
		}
	}
	if v.version == "" {
		return nil, parseErr(scheme, s, "empty version")
	}
	for _, part := range []string{v.version, v.release} {
		for j := 0; j < len(part); j++ {
			if c := part[j]; !rpmIsAlnum(c) && !strings.ContainsRune("._+~^", rune(c)) {
				return nil, parseErr(scheme, s, "invalid character %q", c)
			}
		}
	}
	return v, nil
}

func (v *rpmVersion) String() string { return v.raw }

// Compare orders by epoch (missing is 0), version and release with
// rpmvercmp; a missing release sorts before any release, as rpm.vercmp
// orders them. (rpm's dependency matching instead ignores the release when
// one side lacks it, which makes "1.0" match both "1.0-1" and "1.0-2"; that
// is a match rule, not an order.)
func (v *rpmVersion) Compare(w Version) int {
	o, ok := w.(*rpmVersion)
	if !ok {
		mismatch(v, w)
	}
	e1, e2 := v.epoch, o.epoch
	if e1 == "" {
		e1 = "0"
	}
	if e2 == "" {
		e2 = "0"
	}
	if c := rpmVerCmp(e1, e2); c != 0 {
		return c
	}
	if c := rpmVerCmp(v.version, o.version); c != 0 {
		return c
	}
	switch {
	case v.hasRelease && o.hasRelease:
		return rpmVerCmp(v.release, o.release)
	case v.hasRelease:
		return 1
	case o.hasRelease:
		return -1
	}
	return 0
}

// rpmVerCmp is rpm's rpmvercmp: separators are skipped, '~' sorts before
// everything (even the end), '^' after the end but before anything else,
// and alternating digit and letter segments are compared, numbers as
// numbers and a number above letters.
func rpmVerCmp(a, b string) int {
	if a == b {
		return 0
	}
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		for i < len(a) && !rpmIsAlnum(a[i]) && a[i] != '~' && a[i] != '^' {
			i++
		}
		for j < len(b) && !rpmIsAlnum(b[j]) && b[j] != '~' && b[j] != '^' {
			j++
		}
		ca, cb := rpmAt(a, i), rpmAt(b, j)
		if ca == '~' || cb == '~' {
			if ca != '~' {
				return 1
			}
			if cb != '~' {
				return -1
			}
			i++
			j++
			continue
		}
		if ca == '^' || cb == '^' {
			if i >= len(a) {
				return -1
			}
			if j >= len(b) {
				return 1
			}
			if ca != '^' {
				return 1
			}
			if cb != '^' {
				return -1
			}
			i++
			j++
			continue
		}
		if i >= len(a) || j >= len(b) {
			break
		}
		si, sj := i, j
		isNum := rpmIsDigit(a[i])
		if isNum {
			for i < len(a) && rpmIsDigit(a[i]) {
				i++
			}
			for j < len(b) && rpmIsDigit(b[j]) {
				j++
			}
		} else {
			for i < len(a) && rpmIsAlpha(a[i]) {
				i++
			}
			for j < len(b) && rpmIsAlpha(b[j]) {
				j++
			}
		}
		// a's segment is never empty: a[si] is alphanumeric of the
		// segment's kind.
		if sj == j {
			if isNum {
				return 1
			}
			return -1
		}
		sa, sb := a[si:i], b[sj:j]
		if isNum {
			sa, sb = strings.TrimLeft(sa, "0"), strings.TrimLeft(sb, "0")
			if len(sa) != len(sb) {
				if len(sa) > len(sb) {
					return 1
				}
				return -1
			}
		}
		if c := strings.Compare(sa, sb); c != 0 {
			return c
		}
	}
	if i >= len(a) && j >= len(b) {
		return 0
	}
	if i >= len(a) {
		return -1
	}
	return 1
}

// rpmAt returns s[i], or 0 past the end.
func rpmAt(s string, i int) byte {
	if i < len(s) {
		return s[i]
	}
	return 0
}

func rpmIsDigit(c byte) bool { return '0' <= c && c <= '9' }
func rpmIsAlpha(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
func rpmIsAlnum(c byte) bool { return rpmIsDigit(c) || rpmIsAlpha(c) }

// parseRPMVersion is parseRPM for Parse.
func parseRPMVersion(s string) (Version, error) {
	v, err := parseRPM(s)
	if err != nil {
		return nil, err
	}
	return v, nil
}
