package version

import (
	"strconv"
	"strings"
)

// nugetVersion is a NuGet package version with NuGet.Versioning's
// precedence: one to four numeric parts, missing ones zero, then SemVer 2
// pre-release labels compared case-insensitively; build metadata is
// ignored. OSV's NuGet ecosystem uses it.
type nugetVersion struct {
	raw     string
	parts   [4]int32
	release []string // pre-release labels; nil for a release
}

// parseNuGet parses s as NuGetVersion.Parse does: leading zeros in numeric
// parts are allowed, each part must fit an int32.
func parseNuGet(s string) (*nugetVersion, error) {
	const scheme = "NuGet"
	if s == "" {
		return nil, parseErr(scheme, s, "empty version")
	}
	v := &nugetVersion{raw: s}
	rest, meta, hasMeta := strings.Cut(s, "+")
	if hasMeta {
		if err := nugetCheckLabels(meta); err != "" {
			return nil, parseErr(scheme, s, "build metadata: %s", err)
		}
	}
	core, pre, hasPre := strings.Cut(rest, "-")
	if hasPre {
		if err := nugetCheckLabels(pre); err != "" {
			return nil, parseErr(scheme, s, "pre-release: %s", err)
		}
		v.release = strings.Split(pre, ".")
	}
	nums := strings.Split(core, ".")
	if len(nums) > 4 {
		return nil, parseErr(scheme, s, "more than four numeric parts")
	}
	for i, p := range nums {
		if p == "" {
			return nil, parseErr(scheme, s, "empty numeric part")
		}
		for j := 0; j < len(p); j++ {
			if p[j] < '0' || p[j] > '9' {
				return nil, parseErr(scheme, s, "numeric part %q is not a number", p)
			}
		}
		n, err := strconv.ParseInt(p, 10, 32)
		if err != nil {
			return nil, parseErr(scheme, s, "numeric part %q is too big", p)
		}
		v.parts[i] = int32(n)
	}
	return v, nil
}

// nugetCheckLabels reports what is wrong with dot-separated labels, or "".
func nugetCheckLabels(s string) string {
	for _, l := range strings.Split(s, ".") {
		if l == "" {
			return "empty label"
		}
		for i := 0; i < len(l); i++ {
			c := l[i]
			if !('0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '-') {
				return "invalid character " + strconv.QuoteRune(rune(c))
			}
		}
	}
	return ""
}

func (v *nugetVersion) String() string { return v.raw }

// Compare orders by the four numeric parts, then puts a pre-release before
// its release, then compares labels one by one: two numeric labels as
// numbers, a numeric label before a non-numeric one, two others ordinally
// ignoring case; more labels sort after fewer when all shared labels are
// equal.
func (v *nugetVersion) Compare(w Version) int {
	o, ok := w.(*nugetVersion)
	if !ok {
		mismatch(v, w)
	}
	for i := range v.parts {
		if v.parts[i] != o.parts[i] {
			if v.parts[i] < o.parts[i] {
				return -1
			}
			return 1
		}
	}
	switch {
	case v.release == nil && o.release == nil:
		return 0
	case v.release == nil:
		return 1
	case o.release == nil:
		return -1
	}
	for i := 0; i < len(v.release) && i < len(o.release); i++ {
		if c := nugetCompareLabel(v.release[i], o.release[i]); c != 0 {
			return c
		}
	}
	switch {
	case len(v.release) < len(o.release):
		return -1
	case len(v.release) > len(o.release):
		return 1
	}
	return 0
}

// nugetCompareLabel compares two pre-release labels. A label is numeric
// when it parses as an int32, as .NET's int.TryParse decides (so "-1",
// which SemVer calls alphanumeric, is the number minus one).
func nugetCompareLabel(a, b string) int {
	an, aErr := strconv.ParseInt(a, 10, 32)
	bn, bErr := strconv.ParseInt(b, 10, 32)
	aNum, bNum := aErr == nil, bErr == nil
	switch {
	case aNum && bNum:
		switch {
		case an < bn:
			return -1
		case an > bn:
			return 1
		}
		return 0
	case aNum:
		return -1
	case bNum:
		return 1
	}
	return strings.Compare(strings.ToUpper(a), strings.ToUpper(b))
}

// parseNuGetVersion is parseNuGet for Parse.
func parseNuGetVersion(s string) (Version, error) {
	v, err := parseNuGet(s)
	if err != nil {
		return nil, err
	}
	return v, nil
}
