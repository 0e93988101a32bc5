package version

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestAPKVectors(t *testing.T) {
	if n := schemeBCheckVectors(t, "apk.txt", parseAPKVersion); n < 100 {
		t.Errorf("apk.txt has %d pairs, want at least 100", n)
	}
}

func TestAPKTokens(t *testing.T) {
	tests := []struct {
		in   string
		want []apkToken
	}{
		{"1", []apkToken{{kind: apkTokInitialDigit, text: "1"}}},
		{"1.2.3a_rc1_p2~abc-r4", []apkToken{
			{kind: apkTokInitialDigit, text: "1"},
			{kind: apkTokDigit, text: "2"},
			{kind: apkTokDigit, text: "3"},
			{kind: apkTokLetter, text: "a"},
			{kind: apkTokSuffix, text: "rc", suffix: 4},
			{kind: apkTokSuffixNo, text: "1"},
			{kind: apkTokSuffix, text: "p", suffix: 10},
			{kind: apkTokSuffixNo, text: "2"},
			{kind: apkTokCommitHash, text: "abc"},
			{kind: apkTokRevisionNo, text: "4"},
		}},
		{"01.002", []apkToken{{kind: apkTokInitialDigit, text: "01"}, {kind: apkTokDigit, text: "002"}}},
	}
	for _, tt := range tests {
		v, err := parseAPK(tt.in)
		if err != nil {
			t.Errorf("parseAPK(%q): %v", tt.in, err)
			continue
		}
		if diff := cmp.Diff(tt.want, v.tokens, cmp.AllowUnexported(apkToken{})); diff != "" {
			t.Errorf("parseAPK(%q) tokens (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestAPKInvalid(t *testing.T) {
	schemeBCheckInvalid(t, "Alpine", parseAPKVersion, []string{
		"",
		"a",           // must start with a digit
		"v1.0",        // must start with a digit
		".1",          // must start with a digit
		"1.",          // '.' without a number
		"1..2",        // '.' without a number
		"1.0-r",       // revision without a number
		"1.0-1",       // '-' must be followed by 'r'
		"1.0_",        // empty suffix
		"1.0_foo",     // unknown suffix
		"1.0_ALPHA",   // suffixes are lower case
		"1.0A",        // letters are lower case
		"1.0ab",       // one letter only
		"1.0a1",       // no number after a letter
		"1.0a.1",      // no component after a letter
		"1.0_rc1a",    // no letter after a suffix
		"1.0_alpha.1", // no component after a suffix
		"1.0~",        // '~' without a hash
		"1.0~xyz",     // not hex
		"1.0~ABC",     // hex is lower case
		"1.0~abc~def", // one hash only
		"1.0~abc_p1",  // no suffix after a hash
		"1.0-r1-r2",   // one revision only
		"1.0-r1_p1",   // no suffix after the revision
		"1.0-r1~abc",  // no hash after the revision
		"1.0 ",        // white space
		"1.0\x00",     // NUL
		"1.0_p\xff",   // non-ASCII
	})
}

func FuzzAPK(f *testing.F) {
	schemeBFuzzSeeds(f, "apk.txt")
	f.Fuzz(func(t *testing.T, x, y string) {
		schemeBCheckConsistent(t, parseAPKVersion, x, y)
	})
}
