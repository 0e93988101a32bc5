package version

import "testing"

func TestGoVectors(t *testing.T) {
	if n := checkOrderedPairs(t, "go", parseGo); n < 700 {
		t.Errorf("go.txt has %d pairs, want at least 700", n)
	}
}

func TestGoCompare(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		// OSV writes module versions without the v.
		{"1.2.3", "v1.2.3", 0},
		{"0.0.0-20191109021931-daa7c04131f5", "v0.0.0-20191109021931-daa7c04131f5", 0},
		{"1.2.4-0.20191109021931-daa7c04131f5", "v1.2.3", 1},
		{"2.0.0+incompatible", "v2.0.0", 0},
		// Toolchain versions against the semantic versions they map to.
		{"1.21.0", "v1.21.0", 0},
		{"go1.22.3", "1.22.3", 0},
		{"1.21rc2", "v1.21.0-rc.2", 0},
		{"1.21rc2", "1.21.0-rc.2", 0},
		{"1.21", "1.21.0-0", 0},
		{"1.21", "v1.21.0-rc.1", -1},
		{"1.21", "v1.21", -1}, // toolchain language version vs module shorthand
		{"1.20", "v1.20.0", 0},
		{"1.20rc1", "v1.20.0", -1},
		{"1.21beta1", "1.21rc1", -1},
		{"1.21.0", "1.21rc2", 1},
		{"go1", "v1.0.0", 0},
		{"go1.21.0-bigcorp", "1.21.0", 0},
		{"0", "v0.0.0", 0},
	}
	for _, tt := range tests {
		a, err := parseGo(tt.a)
		if err != nil {
			t.Fatal(err)
		}
		b, err := parseGo(tt.b)
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

func TestGoInvalid(t *testing.T) {
	checkInvalid(t, "Go", parseGo, []string{
		"", "v", "v1.2.3.4", "v01.2.3", "v1.2-pre", "v1-pre", "v1.2.3-01", "v1.2.3-", "v1.2.3+",
		"V1.2.3", "go", "go-1.21", "1.21rc1-custom", "go1.21RC1", "go1.21rc01", "go01.21", "go1.21.", "1.21.0.1",
		"1.21rc1x", "1.2.3.4", "latest", " v1.2.3", "gov1.2.3", "1.21-rc1",
	})
}
