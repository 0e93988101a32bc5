package version

import (
	"strconv"
	"strings"
)

// apkVersion is an Alpine package version, ordered as apk-tools orders
// them (src/version.c of apk-tools 2.14 and 3):
//
//	digit{.digit}…{letter}{_suffix{number}}…{~hash}{-rN}
//
// OSV's Alpine ecosystem uses it.
type apkVersion struct {
	raw    string
	tokens []apkToken
}

// apk-tools' token kinds, in the order that decides between a version that
// ends and one that goes on, and that says which kind may follow which.
const (
	apkTokInitialDigit = iota
	apkTokDigit
	apkTokLetter
	apkTokSuffix
	apkTokSuffixNo
	apkTokCommitHash
	apkTokRevisionNo
	apkTokEnd
)

// apkSuffixNone is the value between pre-release suffixes (below it) and
// post-release suffixes (above it).
const apkSuffixNone = 5

// apkSuffixValue is apk-tools' value of a suffix word, 0 for an unknown one.
func apkSuffixValue(s string) int {
	switch s {
	case "alpha":
		return 1
	case "beta":
		return 2
	case "pre":
		return 3
	case "rc":
		return 4
	case "cvs":
		return 6
	case "svn":
		return 7
	case "git":
		return 8
	case "hg":
		return 9
	case "p":
		return 10
	}
	return 0
}

// apkToken is one token: its kind, its text (digits without the '.',
// letter, suffix word, hash, revision digits) and a suffix's value.
type apkToken struct {
	kind   int
	text   string
	suffix int
}

// parseAPK tokenises s as apk-tools validates a version. Bytes outside
// printable ASCII, which apk-tools lets through some spans, are an error.
func parseAPK(s string) (*apkVersion, error) {
	const scheme = "Alpine"
	if s == "" {
		return nil, parseErr(scheme, s, "empty version")
	}
	for i := 0; i < len(s); i++ {
		if s[i] <= ' ' || s[i] >= 0x7f {
			return nil, parseErr(scheme, s, "byte %#x at offset %d is not printable ASCII", s[i], i)
		}
	}
	n := apkDigitRun(s)
	if n == 0 {
		return nil, parseErr(scheme, s, "does not start with a digit")
	}
	v := &apkVersion{raw: s, tokens: []apkToken{{kind: apkTokInitialDigit, text: s[:n]}}}
	for i := n; i < len(s); {
		prev := v.tokens[len(v.tokens)-1].kind
		t, next, reason := apkNextToken(s, i, prev)
		if reason != "" {
			return nil, parseErr(scheme, s, "%s at offset %d", reason, i)
		}
		v.tokens = append(v.tokens, t)
		i = next
	}
	return v, nil
}

// apkNextToken reads the token starting at s[i], which follows a token of
// kind prev (apk-tools' token_next). It returns the token, where the next
// one starts, or why there is no valid token here.
func apkNextToken(s string, i, prev int) (apkToken, int, string) {
	switch c := s[i]; {
	case 'a' <= c && c <= 'z':
		if prev > apkTokDigit {
			return apkToken{}, 0, "letter out of place"
		}
		return apkToken{kind: apkTokLetter, text: s[i : i+1]}, i + 1, ""
	case c == '.' || '0' <= c && c <= '9':
		if c == '.' {
			if prev > apkTokDigit {
				return apkToken{}, 0, "'.' out of place"
			}
			i++
		}
		var kind int
		switch prev {
		case apkTokInitialDigit, apkTokDigit:
			kind = apkTokDigit
		case apkTokSuffix:
			kind = apkTokSuffixNo
		default:
			return apkToken{}, 0, "number out of place"
		}
		n := apkDigitRun(s[i:])
		if n == 0 {
			return apkToken{}, 0, "missing number"
		}
		return apkToken{kind: kind, text: s[i : i+n]}, i + n, ""
	case c == '_':
		if prev > apkTokSuffixNo {
			return apkToken{}, 0, "suffix out of place"
		}
		j := i + 1
		for j < len(s) && 'a' <= s[j] && s[j] <= 'z' {
			j++
		}
		word := s[i+1 : j]
		val := apkSuffixValue(word)
		if val == 0 {
			return apkToken{}, 0, "unknown suffix " + strconv.Quote(word)
		}
		return apkToken{kind: apkTokSuffix, text: word, suffix: val}, j, ""
	case c == '~':
		if prev >= apkTokCommitHash {
			return apkToken{}, 0, "'~' out of place"
		}
		j := i + 1
		for j < len(s) && ('0' <= s[j] && s[j] <= '9' || 'a' <= s[j] && s[j] <= 'f') {
			j++
		}
		if j == i+1 {
			return apkToken{}, 0, "'~' without a commit hash"
		}
		return apkToken{kind: apkTokCommitHash, text: s[i+1 : j]}, j, ""
	case c == '-':
		if prev >= apkTokRevisionNo {
			return apkToken{}, 0, "'-' out of place"
		}
		if !strings.HasPrefix(s[i:], "-r") {
			return apkToken{}, 0, "'-' not followed by 'r'"
		}
		n := apkDigitRun(s[i+2:])
		if n == 0 {
			return apkToken{}, 0, "revision without a number"
		}
		return apkToken{kind: apkTokRevisionNo, text: s[i+2 : i+2+n]}, i + 2 + n, ""
	}
	return apkToken{}, 0, "unexpected character"
}

func (v *apkVersion) String() string { return v.raw }

// Compare walks both versions token by token as apk-tools does. While the
// kinds agree, the first token whose value differs decides; when they
// part, a pre-release suffix sorts first, and otherwise the version whose
// next token is of a later kind (the end being the latest) sorts first:
// 1.0_rc1 < 1.0 < 1.0a < 1.0.1 and 1.0-r1 < 1.0.1.
func (v *apkVersion) Compare(w Version) int {
	o, ok := w.(*apkVersion)
	if !ok {
		mismatch(v, w)
	}
	i := 0
	for ; i < len(v.tokens) && i < len(o.tokens) && v.tokens[i].kind == o.tokens[i].kind; i++ {
		if c := apkTokenCmp(v.tokens[i], o.tokens[i]); c != 0 {
			return c
		}
	}
	a, b := apkToken{kind: apkTokEnd}, apkToken{kind: apkTokEnd}
	if i < len(v.tokens) {
		a = v.tokens[i]
	}
	if i < len(o.tokens) {
		b = o.tokens[i]
	}
	switch {
	case a.kind == b.kind:
		return 0
	case a.kind == apkTokSuffix && a.suffix < apkSuffixNone:
		return -1
	case b.kind == apkTokSuffix && b.suffix < apkSuffixNone:
		return 1
	case a.kind > b.kind:
		return -1
	}
	return 1
}

// apkTokenCmp compares two tokens of the same kind. Numbers compare as
// numbers (of any size; apk-tools wraps above 2^64), except that a
// non-initial component with a leading zero on either side compares as a
// string, as Gentoo does; a hash compares as a string.
func apkTokenCmp(a, b apkToken) int {
	switch a.kind {
	case apkTokDigit:
		if a.text[0] == '0' || b.text[0] == '0' {
			return strings.Compare(a.text, b.text)
		}
		return apkNumCmp(a.text, b.text)
	case apkTokInitialDigit, apkTokSuffixNo, apkTokRevisionNo:
		return apkNumCmp(a.text, b.text)
	case apkTokSuffix:
		switch {
		case a.suffix < b.suffix:
			return -1
		case a.suffix > b.suffix:
			return 1
		}
		return 0
	}
	return strings.Compare(a.text, b.text)
}

// apkNumCmp compares two runs of digits as numbers.
func apkNumCmp(a, b string) int {
	a, b = strings.TrimLeft(a, "0"), strings.TrimLeft(b, "0")
	if len(a) != len(b) {
		if len(a) < len(b) {
			return -1
		}
		return 1
	}
	return strings.Compare(a, b)
}

func apkDigitRun(s string) int {
	n := 0
	for n < len(s) && '0' <= s[n] && s[n] <= '9' {
		n++
	}
	return n
}

// parseAPKVersion is parseAPK for Parse.
func parseAPKVersion(s string) (Version, error) {
	v, err := parseAPK(s)
	if err != nil {
		return nil, err
	}
	return v, nil
}
