package version

import "testing"

func TestGemVectors(t *testing.T) {
	if n := checkOrderedPairs(t, "gem", parseGem); n < 800 {
		t.Errorf("gem.txt has %d pairs, want at least 800", n)
	}
}

func TestGemCompare(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"1.0", "1", 0},
		{"1.0.a", "1.a", 0},
		{"1.0.a", "1.0", -1},
		{"1.0.a", "1.0.b", -1},
		{"1.0.A", "1.0.a", -1}, // letters compare by byte
		{"1.0-1", "1.0.pre.1", 0},
		{"1.0.rc1", "1.0.rc.1", 0},
		{" 1.2\n", "1.2", 0},
		{"1.0.0.0.1", "1", 1},
		{"18446744073709551616", "18446744073709551615", 1},
	}
	for _, tt := range tests {
		a, err := parseGem(tt.a)
		if err != nil {
			t.Fatal(err)
		}
		b, err := parseGem(tt.b)
		if err != nil {
			t.Fatal(err)
		}
		if got := a.Compare(b); got != tt.want {
			t.Errorf("%q.Compare(%q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := b.Compare(a); got != -tt.want {
			t.Errorf("%q.Compare(%q) = %d, want %d", tt.b, tt.a, got, -tt.want)
		}
	}
}

func TestGemInvalid(t *testing.T) {
	checkInvalid(t, "RubyGems", parseGem, []string{
		"", " ", "a", "a.1", ".1", "1.", "1..2", "1.0-", "1.0-a..b", "1.0-a_b", "1.0_1", "1,0",
		"1 0", "1.0\x00", "v1.0", "1.0+build", "1.0-é", "-1",
	})
}
