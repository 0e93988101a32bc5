package version

import "testing"

func TestMavenVectors(t *testing.T) {
	if n := checkOrderedPairs(t, "maven", parseMaven); n < 1500 {
		t.Errorf("maven.txt has %d pairs, want at least 1500", n)
	}
}

func TestMavenCompare(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"1.0-alpha-1", "1.0-ALPHA-1", 0},
		{"1.0", "1.0-ga", 0},
		{"1.0-final", "1.0-GA", 0},
		{"1.0-cr1", "1.0-rc1", 0},
		{"1.0-rc1", "1.0-snapshot", -1},
		{"1.0-snapshot", "1.0", -1},
		{"1.0", "1.0-sp", -1},
		{"1.0-sp", "1.0-abc", -1},
		{"1.0-abc", "1.0-abd", -1},
		{"1.0-zzz", "1.0-1", -1},
		{"1.0-1", "1.0.1", -1},
		{"1.0.0.0.0.0.1", "1.0", 1},
		{"99999999999999999999999", "100000000000000000000000", -1},
		{"1.0.18446744073709551616", "1.0.18446744073709551615", 1},
		{"0001.0", "1", 0},
	}
	for _, tt := range tests {
		a, err := parseMaven(tt.a)
		if err != nil {
			t.Fatal(err)
		}
		b, err := parseMaven(tt.b)
		if err != nil {
			t.Fatal(err)
		}
		if got := a.Compare(b); got != tt.want {
			t.Errorf("%s.Compare(%s) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := b.Compare(a); got != -tt.want {
			t.Errorf("%s.Compare(%s) = %d, want %d", tt.b, tt.a, got, -tt.want)
		}
	}
}

func TestMavenInvalid(t *testing.T) {
	long := make([]byte, 1025)
	for i := range long {
		long[i] = '1'
	}
	checkInvalid(t, "Maven", parseMaven, []string{"", "1.0-é", "1.0\x80", string(long)})
}

// TestMavenNotTransitive pins a cycle that Maven 3.8.7's ComparableVersion
// itself has (found by FuzzMaven, confirmed with the jar): "0" normalises
// to nothing, "0SNAPSHOT" to a nested snapshot list, and a bare qualifier
// sorts below a list but above nothing.
func TestMavenNotTransitive(t *testing.T) {
	cycle := []string{"0", "AAAAAAAA", "0SNAPSHOT", "0"}
	for i := 1; i < len(cycle); i++ {
		a, err := parseMaven(cycle[i-1])
		if err != nil {
			t.Fatal(err)
		}
		b, err := parseMaven(cycle[i])
		if err != nil {
			t.Fatal(err)
		}
		if got := a.Compare(b); got != -1 {
			t.Errorf("%s.Compare(%s) = %d, want -1", cycle[i-1], cycle[i], got)
		}
	}
}
