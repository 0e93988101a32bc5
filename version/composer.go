package version

import (
	"regexp"
	"strings"
)

// composerVersion is a Composer (Packagist) version, ordered as
// composer/semver sorts: the string is normalised by
// VersionParser::normalize (1.2 → 1.2.0.0, 1.0-b2 → 1.0.0.0-beta2,
// dev-master → 9999999-dev) and normalised versions are compared with PHP's
// version_compare. OSV's Packagist ecosystem uses it.
type composerVersion struct {
	raw  string
	norm string
	// branch is set for a dev-NAME branch other than the default
	// branches, which Composer does not order against each other.
	branch bool
	segs   []composerSeg
}

// composerSeg is one part of a normalised version as version_compare splits
// it: a number, or a word with the rank of the special form it starts with.
type composerSeg struct {
	num  bool
	n    int64
	rank int
}

// composerRankNumber is the rank version_compare gives a number when it
// meets a word.
const composerRankNumber = 4

const composerModifier = `[._-]?(?:(stable|beta|b|RC|alpha|a|patch|pl|p)((?:[.-]?\d+)*)?)?([.-]?dev)?`

// Composer's patterns, translated to RE2; none of their possessive
// quantifiers changes what an anchored pattern matches.
var (
	composerStabilityFlagRe = regexp.MustCompile(`(?i)@(?:stable|RC|beta|alpha|dev)$`)
	composerMetadataRe      = regexp.MustCompile(`^([^,\s+]+)\+[^\s]+$`)
	composerClassicalRe     = regexp.MustCompile(`(?i)^v?(\d{1,5})(\.\d+)?(\.\d+)?(\.\d+)?` + composerModifier + `$`)
	composerDateRe          = regexp.MustCompile(`(?i)^v?(\d{4}(?:[.:-]?\d{2}){1,6}(?:[.:-]?\d{1,3})?)` + composerModifier + `$`)
	composerDevSuffixRe     = regexp.MustCompile(`(?i)^(.*?)[.-]?dev$`)
	composerBranchRe        = regexp.MustCompile(`(?i)^v?(\d+)(\.(?:\d+|[xX*]))?(\.(?:\d+|[xX*]))?(\.(?:\d+|[xX*]))?$`)
)

// parseComposer normalises s as composer/semver does. Aliases ("1.0 as
// 2.0") are constraint syntax, not versions, and are rejected with any other
// white space or control character.
func parseComposer(s string) (*composerVersion, error) {
	const scheme = "Composer"
	if s == "" {
		return nil, parseErr(scheme, s, "empty version")
	}
	for i := 0; i < len(s); i++ {
		if s[i] <= ' ' || s[i] == 0x7f {
			return nil, parseErr(scheme, s, "contains white space or a control character")
		}
	}
	norm, ok := composerNormalize(s)
	if !ok {
		return nil, parseErr(scheme, s, "not a version or dev branch Composer can normalise")
	}
	switch norm {
	case "dev-master", "dev-default", "dev-trunk":
		norm = "9999999-dev"
	}
	v := &composerVersion{raw: s, norm: norm}
	if strings.HasPrefix(norm, "dev-") {
		v.branch = true
		return v, nil
	}
	v.segs = composerSegments(norm)
	return v, nil
}

// composerNormalize is VersionParser::normalize without aliases.
func composerNormalize(s string) (string, bool) {
	if m := composerStabilityFlagRe.FindString(s); m != "" {
		s = s[:len(s)-len(m)]
	}
	switch s {
	case "master", "trunk", "default":
		s = "dev-" + s
	}
	if len(s) >= 4 && strings.EqualFold(s[:4], "dev-") {
		return "dev-" + s[4:], true
	}
	if m := composerMetadataRe.FindStringSubmatch(s); m != nil {
		s = m[1]
	}
	var version string
	var mods []string // stability, its numbers, dev
	if m := composerClassicalRe.FindStringSubmatch(s); m != nil {
		version = m[1]
		for _, p := range m[2:5] {
			if p == "" {
				p = ".0"
			}
			version += p
		}
		mods = m[5:8]
	} else if m := composerDateRe.FindStringSubmatch(s); m != nil {
		version = strings.Map(func(r rune) rune {
			if r < '0' || r > '9' {
				return '.'
			}
			return r
		}, m[1])
		mods = m[2:5]
	}
	if mods != nil {
		if mods[0] != "" {
			if mods[0] == "stable" {
				// Composer drops the rest, "-dev" included.
				return version, true
			}
			version += "-" + composerExpandStability(mods[0]) + strings.TrimLeft(mods[1], ".-")
		}
		if mods[2] != "" {
			version += "-dev"
		}
		return version, true
	}
	if m := composerDevSuffixRe.FindStringSubmatch(s); m != nil {
		if b := composerBranchRe.FindStringSubmatch(m[1]); b != nil {
			version := b[1]
			for _, p := range b[2:5] {
				if p == "" {
					p = ".x"
				}
				version += strings.NewReplacer("*", "x", "X", "x").Replace(p)
			}
			return strings.ReplaceAll(version, "x", "9999999") + "-dev", true
		}
	}
	return "", false
}

func composerExpandStability(s string) string {
	switch s = strings.ToLower(s); s {
	case "a":
		return "alpha"
	case "b":
		return "beta"
	case "p", "pl":
		return "patch"
	case "rc":
		return "RC"
	}
	return s
}

// composerSegments splits a normalised version the way PHP's
// version_compare canonicalises it: '-', '_' and '+' and any other
// non-alphanumeric byte separate parts, and so does a change between
// digits and non-digits.
func composerSegments(s string) []composerSeg {
	var segs []composerSeg
	for i := 0; i < len(s); {
		c := s[i]
		if !composerIsAlnum(c) {
			i++
			continue
		}
		j := i
		digit := composerIsDigit(c)
		for j < len(s) && composerIsAlnum(s[j]) && composerIsDigit(s[j]) == digit {
			j++
		}
		segs = append(segs, composerMakeSeg(s[i:j]))
		i = j
	}
	return segs
}

func composerMakeSeg(w string) composerSeg {
	if composerIsDigit(w[0]) {
		// strtol saturates at the largest long.
		const maxLong = 1<<63 - 1
		var n int64
		for i := 0; i < len(w); i++ {
			d := int64(w[i] - '0')
			if n > (maxLong-d)/10 {
				n = maxLong
				break
			}
			n = n*10 + d
		}
		return composerSeg{num: true, n: n, rank: composerRankNumber}
	}
	// A word takes the rank of the first special form it starts with.
	for _, f := range [...]struct {
		prefix string
		rank   int
	}{{"dev", 0}, {"alpha", 1}, {"a", 1}, {"beta", 2}, {"b", 2}, {"RC", 3}, {"rc", 3}, {"#", 4}, {"pl", 5}, {"p", 5}} {
		if strings.HasPrefix(w, f.prefix) {
			return composerSeg{rank: f.rank}
		}
	}
	return composerSeg{rank: -1}
}

func (v *composerVersion) String() string { return v.raw }

// Compare orders as composer/semver's sort: equal normalised strings are
// equal, otherwise version_compare decides, part by part; when one version
// runs out of parts, the other is greater if it goes on with a number or
// "patch" and less if it goes on with a pre-release word or "dev". Dev
// branches (dev-NAME) sort before every numbered version, as
// version_compare puts them; Composer itself never orders two branches, and
// here they are ordered by name, byte by byte, so that the order stays
// total.
func (v *composerVersion) Compare(w Version) int {
	o, ok := w.(*composerVersion)
	if !ok {
		mismatch(v, w)
	}
	switch {
	case v.norm == o.norm:
		return 0
	case v.branch && o.branch:
		return strings.Compare(v.norm, o.norm)
	case v.branch:
		return -1
	case o.branch:
		return 1
	}
	for i := 0; i < len(v.segs) && i < len(o.segs); i++ {
		if c := composerSegCmp(v.segs[i], o.segs[i]); c != 0 {
			return c
		}
	}
	switch {
	case len(v.segs) > len(o.segs):
		return composerTailCmp(v.segs[len(o.segs)])
	case len(v.segs) < len(o.segs):
		return -composerTailCmp(o.segs[len(v.segs)])
	}
	return 0
}

func composerSegCmp(a, b composerSeg) int {
	if a.num && b.num {
		switch {
		case a.n < b.n:
			return -1
		case a.n > b.n:
			return 1
		}
		return 0
	}
	switch {
	case a.rank < b.rank:
		return -1
	case a.rank > b.rank:
		return 1
	}
	return 0
}

// composerTailCmp says how a version that goes on with s compares with one
// that has ended.
func composerTailCmp(s composerSeg) int {
	if s.num {
		return 1
	}
	return composerSegCmp(s, composerSeg{rank: composerRankNumber})
}

func composerIsDigit(c byte) bool { return '0' <= c && c <= '9' }
func composerIsAlnum(c byte) bool {
	return composerIsDigit(c) || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// parseComposerVersion is parseComposer for Parse.
func parseComposerVersion(s string) (Version, error) {
	v, err := parseComposer(s)
	if err != nil {
		return nil, err
	}
	return v, nil
}
