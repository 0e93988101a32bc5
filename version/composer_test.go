package version

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestComposerVectors(t *testing.T) {
	if n := schemeBCheckVectors(t, "composer.txt", parseComposerVersion); n < 700 {
		t.Errorf("composer.txt has %d pairs, want at least 700", n)
	}
}

// TestComposerNormalize checks normalisation against composer/semver's own
// output for each input of testdata/composer_normalize.txt ("!" marks one
// Composer rejects).
func TestComposerNormalize(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "composer_normalize.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var valid, invalid int
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		in, want, ok := strings.Cut(line, " ")
		if !ok {
			t.Fatalf("malformed line %q", line)
		}
		v, err := parseComposer(in)
		if want == "!" {
			invalid++
			if err == nil {
				t.Errorf("parseComposer(%q) = %q, want an error", in, v.norm)
			}
			continue
		}
		valid++
		if err != nil {
			t.Errorf("parseComposer(%q): %v", in, err)
			continue
		}
		if v.norm != want {
			t.Errorf("parseComposer(%q) normalised to %q, want %q", in, v.norm, want)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if valid < 60 || invalid < 15 {
		t.Errorf("composer_normalize.txt has %d valid and %d invalid inputs, want at least 60 and 15", valid, invalid)
	}
}

// TestComposerBranches checks the order of two dev branches, which
// Composer leaves undefined: by name, byte by byte, never equal unless the
// names are.
func TestComposerBranches(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"dev-feature", "dev-main", -1},
		{"dev-Main", "dev-main", -1},
		{"dev-1.x", "dev-feature", -1},
		{"dev-main", "DEV-main", 0},
		{"dev-main", "dev-main@dev", 0},
		{"dev-main", "0.0.1", -1},
		{"dev-main", "dev-master", -1},
		{"dev-master", "master", 0},
		{"dev-trunk", "9999999-dev", 0},
	}
	for _, tt := range tests {
		a, err := parseComposer(tt.a)
		if err != nil {
			t.Fatal(err)
		}
		b, err := parseComposer(tt.b)
		if err != nil {
			t.Fatal(err)
		}
		if got := schemeBSign(a.Compare(b)); got != tt.want {
			t.Errorf("Compare(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := schemeBSign(b.Compare(a)); got != -tt.want {
			t.Errorf("Compare(%q, %q) = %d, want %d", tt.b, tt.a, got, -tt.want)
		}
	}
}

func TestComposerInvalid(t *testing.T) {
	schemeBCheckInvalid(t, "Composer", parseComposerVersion, []string{
		"",
		"1.0.0.0.0",   // five numeric parts
		"1.x",         // a wildcard is a constraint, not a version
		"1.0-gamma",   // unknown stability
		"1.0-foo",     // unknown stability
		"foo",         // branch name without dev-
		"feature-dev", // only numbered branches may end in -dev
		"1.0-dev-dev", // dev twice
		"a1.0",        // leading letter other than v
		"1..0",        // empty part
		"2010-1-2",    // date parts need two digits
		"1.0+",        // empty build metadata
		"1.0@foo",     // unknown stability flag
		"1.0 as 2.0",  // alias: constraint syntax
		" 1.0",        // white space
		"1.0\x00",     // control character
	})
}

func FuzzComposer(f *testing.F) {
	schemeBFuzzSeeds(f, "composer.txt")
	f.Fuzz(func(t *testing.T, x, y string) {
		schemeBCheckConsistent(t, parseComposerVersion, x, y)
	})
}
