package version

import "strings"

// RubyGems versions (the OSV ecosystem RubyGems) are parsed and ordered
// like Gem::Version; testdata/gem.txt is generated with RubyGems 3.3.
//
// A version is digits, then dot-separated runs of letters and digits, then
// optionally a "-" suffix (which RubyGems reads as ".pre."), with
// surrounding whitespace allowed. Its segments are the runs of digits and
// of letters (1.0.rc1 is 1, 0, rc, 1); a version with any letter is a
// prerelease. Before comparing, trailing zeros are dropped from the
// numeric segments before the first letter run and from the segments
// after it, so 1.0 = 1 and 1.0.a = 1.a. Segments then compare pairwise, a
// missing one counting as 0: numbers as numbers of any size, letter runs
// by byte (case-sensitive), and a letter run before any number, which is
// why 1.0.a < 1.0 < 1.0.1. RubyGems reads an empty string as "0"; here it
// is an error.

type gemSegment struct {
	num   string // decimal without leading zeros; "" for a letter run
	alpha string
}

type gemVersion struct {
	s         string
	version   string // stripped, "-" replaced by ".pre."
	canonical []gemSegment
}

func (v *gemVersion) String() string { return v.s }

func (v *gemVersion) Compare(w Version) int {
	o, ok := w.(*gemVersion)
	if !ok {
		mismatch(v, w)
	}
	if v.version == o.version {
		return 0
	}
	zero := gemSegment{num: "0"}
	for i := 0; i < len(v.canonical) || i < len(o.canonical); i++ {
		l, r := zero, zero
		if i < len(v.canonical) {
			l = v.canonical[i]
		}
		if i < len(o.canonical) {
			r = o.canonical[i]
		}
		switch {
		case l == r:
			continue
		case l.num == "" && r.num != "":
			return -1
		case l.num != "" && r.num == "":
			return 1
		case l.num != "":
			return decimalCompare(l.num, r.num)
		}
		return strings.Compare(l.alpha, r.alpha)
	}
	return 0
}

// gemSpace is Ruby's \s.
const gemSpace = " \t\r\n\f\v"

func parseGem(s string) (Version, error) {
	const scheme = "RubyGems"
	if len(s) > versionMaxLen {
		return nil, parseErr(scheme, s, "longer than %d bytes", versionMaxLen)
	}
	t := strings.Trim(s, gemSpace)
	if t == "" {
		return nil, parseErr(scheme, s, "empty")
	}
	main, suffix, hasSuffix := strings.Cut(t, "-")
	for i, part := range strings.Split(main, ".") {
		ok := part != ""
		for j := 0; j < len(part) && ok; j++ {
			c := part[j]
			ok = '0' <= c && c <= '9' || i > 0 && ('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z')
		}
		if !ok {
			return nil, parseErr(scheme, s, "bad segment %q", part)
		}
	}
	if hasSuffix {
		for _, part := range strings.Split(suffix, ".") {
			if !semverIdent(part) {
				return nil, parseErr(scheme, s, "bad prerelease segment %q", part)
			}
		}
	}
	v := &gemVersion{s: s, version: strings.ReplaceAll(t, "-", ".pre.")}
	var segs []gemSegment
	for i := 0; i < len(v.version); {
		c := v.version[i]
		j := i + 1
		switch {
		case '0' <= c && c <= '9':
			for j < len(v.version) && '0' <= v.version[j] && v.version[j] <= '9' {
				j++
			}
			n := strings.TrimLeft(v.version[i:j], "0")
			if n == "" {
				n = "0"
			}
			segs = append(segs, gemSegment{num: n})
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
			for j < len(v.version) && ('a' <= v.version[j] && v.version[j] <= 'z' || 'A' <= v.version[j] && v.version[j] <= 'Z') {
				j++
			}
			segs = append(segs, gemSegment{alpha: v.version[i:j]})
		}
		i = j
	}
	split := len(segs)
	for i, sg := range segs {
		if sg.num == "" {
			split = i
			break
		}
	}
	head, tail := gemTrimZeros(segs[:split]), gemTrimZeros(segs[split:])
	v.canonical = append(append(make([]gemSegment, 0, len(head)+len(tail)), head...), tail...)
	return v, nil
}

func gemTrimZeros(segs []gemSegment) []gemSegment {
	for len(segs) > 0 && segs[len(segs)-1].num == "0" {
		segs = segs[:len(segs)-1]
	}
	return segs
}
