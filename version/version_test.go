package version

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// orderedPair is one line of a vector file: A op B.
type orderedPair struct {
	line int
	a, b string
	want int
}

// loadOrderedPairs reads testdata/<name>.txt, failing the test on a line
// that is not "A < B", "A = B" or "A > B".
func loadOrderedPairs(t *testing.T, name string) []orderedPair {
	t.Helper()
	pairs, err := readOrderedPairs(name)
	if err != nil {
		t.Fatal(err)
	}
	return pairs
}

func readOrderedPairs(name string) ([]orderedPair, error) {
	data, err := os.ReadFile(filepath.Join("testdata", name+".txt"))
	if err != nil {
		return nil, err
	}
	ops := map[string]int{"<": -1, "=": 0, ">": 1}
	var pairs []orderedPair
	for n, line := range strings.Split(string(data), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, " ")
		if len(fields) != 3 {
			return nil, fmt.Errorf("%s.txt:%d: want \"A op B\", got %q", name, n+1, line)
		}
		want, ok := ops[fields[1]]
		if !ok {
			return nil, fmt.Errorf("%s.txt:%d: unknown operator %q", name, n+1, fields[1])
		}
		pairs = append(pairs, orderedPair{line: n + 1, a: fields[0], b: fields[2], want: want})
	}
	if len(pairs) == 0 {
		return nil, fmt.Errorf("%s.txt: no pairs", name)
	}
	return pairs, nil
}

// checkOrderedPairs parses both sides of every pair with parse and checks
// Compare in both directions; it returns how many pairs it checked.
func checkOrderedPairs(t *testing.T, name string, parse func(string) (Version, error)) int {
	t.Helper()
	pairs := loadOrderedPairs(t, name)
	for _, p := range pairs {
		a, err := parse(p.a)
		if err != nil {
			t.Errorf("%s.txt:%d: %v", name, p.line, err)
			continue
		}
		b, err := parse(p.b)
		if err != nil {
			t.Errorf("%s.txt:%d: %v", name, p.line, err)
			continue
		}
		if got := a.Compare(b); got != p.want {
			t.Errorf("%s.txt:%d: %s.Compare(%s) = %d, want %d", name, p.line, p.a, p.b, got, p.want)
		}
		if got := b.Compare(a); got != -p.want {
			t.Errorf("%s.txt:%d: %s.Compare(%s) = %d, want %d", name, p.line, p.b, p.a, got, -p.want)
		}
	}
	return len(pairs)
}

// checkInvalid asserts that each input fails to parse with a *ParseError of
// the scheme.
func checkInvalid(t *testing.T, scheme string, parse func(string) (Version, error), inputs []string) {
	t.Helper()
	for _, in := range inputs {
		v, err := parse(in)
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Errorf("parse(%q) = %v, %v; want a *ParseError", in, v, err)
			continue
		}
		if diff := cmp.Diff([2]string{scheme, in}, [2]string{pe.Scheme, pe.Input}); diff != "" {
			t.Errorf("parse(%q): ParseError scheme and input (-want +got):\n%s", in, diff)
		}
		if v != nil {
			t.Errorf("parse(%q) returned %v with its error", in, v)
		}
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		ecosystem, in string
		wantType      string // the scheme's Go type, "" for an error
		wantErr       error
	}{
		{"npm", "1.2.3", "*version.semverVersion", nil},
		{"npm", "v1.2.3-beta.1", "*version.semverVersion", nil},
		{"crates.io", "0.4.17", "*version.semverVersion", nil},
		{"Pub", "2.1.0+1", "*version.semverVersion", nil},
		{"Hex", "1.14.0-rc.0", "*version.semverVersion", nil},
		{"Go", "v0.0.0-20191109021931-daa7c04131f5", "*version.goVersion", nil},
		{"Go", "1.21.0", "*version.goVersion", nil},
		{"PyPI", "2.0.0rc1", "*version.pep440Version", nil},
		{"Maven", "5.3.31", "*version.mavenVersion", nil},
		{"RubyGems", "7.1.3.4", "*version.gemVersion", nil},
		{"npm", "", "", &ParseError{}},
		{"crates.io", "v1.0.0", "", &ParseError{}},
		{"Hex", "1.0", "", &ParseError{}},
		{"Go", "x1.2.3", "", &ParseError{}},
		{"PyPI", "1.0-foo", "", &ParseError{}},
		{"RubyGems", "a.b", "", &ParseError{}},
		{"NoSuchEcosystem", "1.0", "", ErrUnknownEcosystem},
		{"pypi", "1.0", "", ErrUnknownEcosystem}, // OSV names are case-sensitive
	}
	for _, tt := range tests {
		v, err := Parse(tt.ecosystem, tt.in)
		switch {
		case tt.wantErr == nil && err != nil:
			t.Errorf("Parse(%q, %q): %v", tt.ecosystem, tt.in, err)
		case tt.wantErr == nil:
			if diff := cmp.Diff(tt.wantType, typeName(v)); diff != "" {
				t.Errorf("Parse(%q, %q) type (-want +got):\n%s", tt.ecosystem, tt.in, diff)
			}
			if v.String() != tt.in {
				t.Errorf("Parse(%q, %q).String() = %q", tt.ecosystem, tt.in, v.String())
			}
		case errors.Is(tt.wantErr, ErrUnknownEcosystem):
			if !errors.Is(err, ErrUnknownEcosystem) {
				t.Errorf("Parse(%q, %q) error = %v, want ErrUnknownEcosystem", tt.ecosystem, tt.in, err)
			}
		default:
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Input != tt.in {
				t.Errorf("Parse(%q, %q) error = %v, want a *ParseError for the input", tt.ecosystem, tt.in, err)
			}
		}
	}
}

func typeName(v Version) string {
	switch v.(type) {
	case *semverVersion:
		return "*version.semverVersion"
	case *goVersion:
		return "*version.goVersion"
	case *pep440Version:
		return "*version.pep440Version"
	case *mavenVersion:
		return "*version.mavenVersion"
	case *gemVersion:
		return "*version.gemVersion"
	}
	return "other"
}

// fuzzOrder is the body of the fuzz targets: for versions of one of the
// ecosystems, Parse never panics and fails only with a *ParseError, and
// Compare is reflexive and antisymmetric, with equal versions comparing the
// same way against a third, and transitive unless the scheme is not (see
// TestMavenNotTransitive). The vector file's pairs seed it.
func fuzzOrder(f *testing.F, vectors string, transitive bool, ecosystems ...string) {
	pairs, err := readOrderedPairs(vectors)
	if err != nil {
		f.Fatal(err)
	}
	for i, p := range pairs {
		if i%7 == 0 { // a sample keeps the seed corpus fast
			f.Add(uint8(i), p.a, p.b, pairs[(i+1)%len(pairs)].b)
		}
	}
	f.Fuzz(func(t *testing.T, eco uint8, a, b, c string) {
		ecosystem := ecosystems[int(eco)%len(ecosystems)]
		va, errA := Parse(ecosystem, a)
		vb, errB := Parse(ecosystem, b)
		vc, errC := Parse(ecosystem, c)
		for _, err := range []error{errA, errB, errC} {
			var pe *ParseError
			if err != nil && !errors.As(err, &pe) {
				t.Fatalf("Parse(%q): error %v is not a *ParseError", ecosystem, err)
			}
		}
		if errA != nil || errB != nil {
			return
		}
		if va.String() != a {
			t.Fatalf("%s: Parse(%q).String() = %q", ecosystem, a, va.String())
		}
		if got := va.Compare(va); got != 0 {
			t.Fatalf("%s: %q.Compare(itself) = %d", ecosystem, a, got)
		}
		ab, ba := va.Compare(vb), vb.Compare(va)
		if ab != -ba || ab < -1 || ab > 1 {
			t.Fatalf("%s: Compare(%q, %q) = %d but Compare(%q, %q) = %d", ecosystem, a, b, ab, b, a, ba)
		}
		if errC != nil {
			return
		}
		ac, bc := va.Compare(vc), vb.Compare(vc)
		if ab == 0 && ac != bc {
			t.Fatalf("%s: %q = %q but they compare %d and %d with %q", ecosystem, a, b, ac, bc, c)
		}
		if transitive && ab < 0 && bc < 0 && ac >= 0 {
			t.Fatalf("%s: %q < %q < %q but Compare(%q, %q) = %d", ecosystem, a, b, c, a, c, ac)
		}
	})
}

func FuzzSemver(f *testing.F) { fuzzOrder(f, "semver", true, "npm", "crates.io", "Pub", "Hex") }
func FuzzGo(f *testing.F)     { fuzzOrder(f, "go", true, "Go") }
func FuzzPEP440(f *testing.F) { fuzzOrder(f, "pep440", true, "PyPI") }
func FuzzMaven(f *testing.F)  { fuzzOrder(f, "maven", false, "Maven") }
func FuzzGem(f *testing.F)    { fuzzOrder(f, "gem", true, "RubyGems") }

func TestCompareAcrossSchemesPanics(t *testing.T) {
	for _, eco := range [][2]string{{"npm", "Go"}, {"Go", "PyPI"}, {"PyPI", "Maven"}, {"Maven", "RubyGems"}, {"RubyGems", "npm"}} {
		a, err := Parse(eco[0], "1.0.0")
		if err != nil {
			t.Fatal(err)
		}
		b, err := Parse(eco[1], "1.0.0")
		if err != nil {
			t.Fatal(err)
		}
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("comparing %s with %s did not panic", eco[0], eco[1])
				}
			}()
			a.Compare(b)
		}()
	}
	// One scheme, several ecosystems: npm and crates.io versions compare.
	a, _ := Parse("npm", "v1.0.0")
	b, _ := Parse("crates.io", "1.0.0")
	if got := a.Compare(b); got != 0 {
		t.Errorf("npm v1.0.0 vs crates.io 1.0.0 = %d, want 0", got)
	}
}
