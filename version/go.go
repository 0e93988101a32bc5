package version

import "strings"

// Go versions come in two kinds, and the OSV ecosystem "Go" holds both:
//
//   - Module versions are semantic versions ordered like
//     golang.org/x/mod/semver: v1.2.3, v1.2.3-pre.1, pseudo-versions
//     (v0.0.0-20191109021931-daa7c04131f5, v1.2.4-0.20191109021931-daa7c04131f5),
//     +incompatible and other build metadata ignored, and the shorthands v1
//     and v1.2 meaning v1.0.0 and v1.2.0. OSV advisories write them without
//     the "v" (0.0.0-20191109021931-daa7c04131f5); a string without "v" that
//     is not a toolchain version is read as such a module version.
//   - Toolchain versions, the versions of the module "stdlib" (and of the
//     go and toolchain lines of go.mod), are ordered like the standard
//     library's go/version.Compare: 1.21 < 1.21rc1 < 1.21rc2 < 1.21.0 <
//     1.21.1, while before Go 1.21 the release had no ".0" (1.20 = 1.20.0).
//     A leading "go" is allowed: go1.22.3 equals 1.22.3; after it, as in
//     go/version, a custom suffix is ignored (go1.22.3-bigcorp).
//
// Both kinds share one order: a toolchain version sorts as the semantic
// version Go's own tools map it to (1.21.3 as v1.21.3, 1.21rc2 as
// v1.21.0-rc.2), with the language version 1.21 as v1.21.0-0, the lowest
// version of 1.21.0. So 1.21rc2 equals v1.21.0-rc.2 and 1.21.0 equals
// v1.21.0, which lets a go.mod's toolchain be matched against an advisory
// written in semantic versions. Without a "v", 1.21 is the toolchain
// language version, not the module shorthand v1.21 (= v1.21.0).
//
// The comparison is written here rather than imported from x/mod so that
// the package stays a standard-library-only leaf; the vector file
// testdata/go.txt is generated with x/mod/semver and go/version.

type goVersion struct {
	s   string
	key *semverVersion
}

func (v *goVersion) String() string { return v.s }

func (v *goVersion) Compare(w Version) int {
	o, ok := w.(*goVersion)
	if !ok {
		mismatch(v, w)
	}
	return semverCompare(v.key, o.key)
}

func parseGo(s string) (Version, error) {
	const scheme = "Go"
	if len(s) > versionMaxLen {
		return nil, parseErr(scheme, s, "longer than %d bytes", versionMaxLen)
	}
	if strings.HasPrefix(s, "v") {
		key, err := parseSemver(s, semverRules{scheme: scheme, requireV: true, short: true})
		if err != nil {
			return nil, err
		}
		return &goVersion{s: s, key: key}, nil
	}
	if t, ok := strings.CutPrefix(s, "go"); ok {
		t, _, _ = strings.Cut(t, "-") // go1.21.0-custom sorts as go1.21.0
		key, ok := goToolchainKey(t)
		if !ok {
			return nil, parseErr(scheme, s, "not a Go toolchain version")
		}
		return &goVersion{s: s, key: key}, nil
	}
	if key, ok := goToolchainKey(s); ok {
		return &goVersion{s: s, key: key}, nil
	}
	key, err := parseSemver(s, semverRules{scheme: scheme})
	if err != nil {
		return nil, parseErr(scheme, s, "neither a module version nor a Go toolchain version")
	}
	return &goVersion{s: s, key: key}, nil
}

// goToolchainKey parses a toolchain version without its "go" (1, 1.20,
// 1.21, 1.21rc1, 1.21.3) into the semantic version it sorts as.
func goToolchainKey(s string) (*semverVersion, bool) {
	key := &semverVersion{s: s, minor: "0", patch: "0"}
	var ok bool
	if key.major, s, ok = semverNumber(s); !ok {
		return nil, false
	}
	if s == "" {
		return key, true
	}
	if s[0] != '.' {
		return nil, false
	}
	if key.minor, s, ok = semverNumber(s[1:]); !ok {
		return nil, false
	}
	if s == "" {
		if decimalCompare(key.minor, "21") >= 0 {
			key.pre = []string{"0"} // a language version: before all of X.Y.0
		}
		return key, true
	}
	if s[0] == '.' {
		if key.patch, s, ok = semverNumber(s[1:]); !ok || s != "" {
			return nil, false
		}
		return key, true
	}
	i := 0
	for i < len(s) && 'a' <= s[i] && s[i] <= 'z' {
		i++
	}
	if i == 0 {
		return nil, false
	}
	key.pre = []string{s[:i]}
	if s = s[i:]; s == "" {
		return key, true
	}
	n, rest, ok := semverNumber(s)
	if !ok || rest != "" {
		return nil, false
	}
	key.pre = append(key.pre, n)
	return key, true
}
