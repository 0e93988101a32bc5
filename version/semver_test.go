package version

import (
	"strings"
	"testing"
)

func TestSemverVectors(t *testing.T) {
	if n := checkOrderedPairs(t, "semver", parseNPM); n < 500 {
		t.Errorf("semver.txt has %d pairs, want at least 500", n)
	}
	// The strict grammar of crates.io, Pub and Hex orders every vector
	// without npm's "v" the same way.
	strict := 0
	for _, p := range loadOrderedPairs(t, "semver") {
		if strings.HasPrefix(p.a, "v") || strings.HasPrefix(p.b, "v") {
			continue
		}
		a, errA := parseStrictSemver(p.a)
		b, errB := parseStrictSemver(p.b)
		if errA != nil || errB != nil {
			t.Errorf("semver.txt:%d: %v %v", p.line, errA, errB)
			continue
		}
		if got := a.Compare(b); got != p.want {
			t.Errorf("semver.txt:%d: strict %s.Compare(%s) = %d, want %d", p.line, p.a, p.b, got, p.want)
		}
		strict++
	}
	if strict < 400 {
		t.Errorf("%d strict pairs, want at least 400", strict)
	}
}

func TestSemverCompare(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		// Numbers beyond any machine integer compare exactly.
		{"1.0.0-18446744073709551616", "1.0.0-18446744073709551617", -1},
		{"1.0.0-99999999999999999999", "1.0.0-100000000000000000000", -1},
		{"99999999999999999999.0.0", "100000000000000000000.0.0", -1},
		// Build metadata never counts.
		{"1.0.0+a", "1.0.0+b", 0},
		{"1.0.0-rc.1+a", "1.0.0-rc.1", 0},
	}
	for _, tt := range tests {
		a, err := parseStrictSemver(tt.a)
		if err != nil {
			t.Fatal(err)
		}
		b, err := parseStrictSemver(tt.b)
		if err != nil {
			t.Fatal(err)
		}
		if got := a.Compare(b); got != tt.want {
			t.Errorf("%s.Compare(%s) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestSemverInvalid(t *testing.T) {
	common := []string{
		"", "1", "1.2", "1.2.3.4", "01.2.3", "1.02.3", "1.2.03", "1.2.3-", "1.2.3-01", "1.2.3-a..b",
		"1.2.3+", "1.2.3+a..b", "1.2.3-a_b", "1.2.3 ", " 1.2.3", "=1.2.3", "V1.2.3", "1.2.3-é",
		"a.b.c", "1.2.-3", "-1.2.3", "1.2.3++", "1..2.3",
	}
	checkInvalid(t, "SemVer", parseNPM, append(common,
		"vv1.2.3", "9007199254740992.0.0", "1.0.0-"+strings.Repeat("a", 300)))
	checkInvalid(t, "SemVer", parseStrictSemver, append(common,
		"v1.2.3", "1.0.0-"+strings.Repeat("a", 1100)))
	// npm's limit on numbers does not apply to the other ecosystems.
	if _, err := parseStrictSemver("9007199254740992.0.0"); err != nil {
		t.Error(err)
	}
}
