package version

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// schemeBPair is one line of a vector file: a sorts before b, or equals it.
type schemeBPair struct {
	a, op, b string
	line     int
}

// schemeBReadVectors reads testdata/name: lines "A < B" or "A = B", blank
// lines and # comments skipped.
func schemeBReadVectors(t *testing.T, name string) []schemeBPair {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var pairs []schemeBPair
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Fields(line)
		if len(fields) != 3 || (fields[1] != "<" && fields[1] != "=") {
			t.Fatalf("%s:%d: malformed line %q", name, n, line)
		}
		pairs = append(pairs, schemeBPair{a: fields[0], op: fields[1], b: fields[2], line: n})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return pairs
}

// schemeBCheckVectors parses every pair of testdata/name with parse and
// checks Compare both ways; it returns how many pairs it checked.
func schemeBCheckVectors(t *testing.T, name string, parse func(string) (Version, error)) int {
	t.Helper()
	pairs := schemeBReadVectors(t, name)
	for _, p := range pairs {
		a, err := parse(p.a)
		if err != nil {
			t.Errorf("%s:%d: %v", name, p.line, err)
			continue
		}
		b, err := parse(p.b)
		if err != nil {
			t.Errorf("%s:%d: %v", name, p.line, err)
			continue
		}
		want := -1
		if p.op == "=" {
			want = 0
		}
		if got := schemeBSign(a.Compare(b)); got != want {
			t.Errorf("%s:%d: Compare(%q, %q) = %d, want %d", name, p.line, p.a, p.b, got, want)
		}
		if got := schemeBSign(b.Compare(a)); got != -want {
			t.Errorf("%s:%d: Compare(%q, %q) = %d, want %d", name, p.line, p.b, p.a, got, -want)
		}
	}
	return len(pairs)
}

// schemeBCheckInvalid checks that parse rejects each input with a
// *ParseError naming scheme and the input.
func schemeBCheckInvalid(t *testing.T, scheme string, parse func(string) (Version, error), inputs []string) {
	t.Helper()
	for _, in := range inputs {
		v, err := parse(in)
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Errorf("parse(%q) = %v, %v; want a *ParseError", in, v, err)
			continue
		}
		if diff := cmp.Diff([2]string{scheme, in}, [2]string{pe.Scheme, pe.Input}); diff != "" {
			t.Errorf("parse(%q) error scheme and input (-want +got):\n%s", in, diff)
		}
		if pe.Reason == "" {
			t.Errorf("parse(%q): empty reason", in)
		}
	}
}

func schemeBSign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}

// schemeBCheckConsistent is the fuzz targets' check: parsing either input
// must not panic, and two versions that parse must compare antisymmetrically,
// each equal to itself and to a reparse of its own string.
func schemeBCheckConsistent(t *testing.T, parse func(string) (Version, error), x, y string) {
	a, errA := parse(x)
	b, errB := parse(y)
	if errA != nil {
		var pe *ParseError
		if !errors.As(errA, &pe) {
			t.Fatalf("parse(%q): error %v is not a *ParseError", x, errA)
		}
	}
	if errB != nil || errA != nil {
		return
	}
	if a.String() != x {
		t.Fatalf("String() = %q, want %q", a.String(), x)
	}
	if c := a.Compare(a); c != 0 {
		t.Fatalf("Compare(%q, itself) = %d", x, c)
	}
	if ab, ba := schemeBSign(a.Compare(b)), schemeBSign(b.Compare(a)); ab != -ba {
		t.Fatalf("Compare(%q, %q) = %d but Compare(%q, %q) = %d", x, y, ab, y, x, ba)
	}
}

// schemeBFuzzSeeds adds every version of a vector file to f, paired with
// its neighbour.
func schemeBFuzzSeeds(f *testing.F, name string) {
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		f.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if fields := strings.Fields(line); len(fields) == 3 && !strings.HasPrefix(line, "#") {
			f.Add(fields[0], fields[2])
		}
	}
}

func TestParseSchemesB(t *testing.T) {
	tests := []struct {
		ecosystem, version string
		wantType           string
	}{
		{"NuGet", "1.0.0-beta", "*version.nugetVersion"},
		{"Packagist", "1.0.0-beta", "*version.composerVersion"},
		{"Packagist", "dev-main", "*version.composerVersion"},
		{"Debian", "1:2.36-9+deb12u4", "*version.debianVersion"},
		{"Debian:12", "2.36-9+deb12u4", "*version.debianVersion"},
		{"Ubuntu", "1.2.3-0ubuntu1~22.04.1", "*version.debianVersion"},
		{"Ubuntu:22.04:LTS", "1.2.3-0ubuntu1", "*version.debianVersion"},
		{"Alpine", "1.2.3_rc1-r0", "*version.apkVersion"},
		{"Alpine:v3.20", "1.2.3-r5", "*version.apkVersion"},
		{"Red Hat", "1:1.1.1k-12.el8_9", "*version.rpmVersion"},
		{"Red Hat:enterprise_linux:9::appstream", "3.0.7-27.el9", "*version.rpmVersion"},
		{"AlmaLinux", "3.0.7-27.el9", "*version.rpmVersion"},
		{"AlmaLinux:9", "3.0.7-27.el9", "*version.rpmVersion"},
		{"Rocky Linux", "3.0.7-27.el9", "*version.rpmVersion"},
		{"Rocky Linux:8", "3.0.7-27.el8", "*version.rpmVersion"},
		{"openSUSE", "1.2.3-150400.3.3.1", "*version.rpmVersion"},
		{"openSUSE:Leap 15.5", "1.2.3-150500.1.1", "*version.rpmVersion"},
		{"SUSE", "1.2.3-150400.3.3.1", "*version.rpmVersion"},
		{"SUSE:Linux Enterprise Server 15 SP5", "1.2.3-150500.1.1", "*version.rpmVersion"},
		{"Mageia", "7.2.3-1.mga9", "*version.rpmVersion"},
		{"Mageia:9", "7.2.3-1.mga9", "*version.rpmVersion"},
	}
	for _, tt := range tests {
		v, err := Parse(tt.ecosystem, tt.version)
		if err != nil {
			t.Errorf("Parse(%q, %q): %v", tt.ecosystem, tt.version, err)
			continue
		}
		got := [2]string{fmt.Sprintf("%T", v), v.String()}
		if diff := cmp.Diff([2]string{tt.wantType, tt.version}, got); diff != "" {
			t.Errorf("Parse(%q, %q) type and String (-want +got):\n%s", tt.ecosystem, tt.version, diff)
		}
	}
}

func TestParseSchemesBErrors(t *testing.T) {
	tests := []struct {
		ecosystem, version, wantScheme string
	}{
		{"NuGet", "1.0.0.0.0", "NuGet"},
		{"Packagist", "1.0-gamma", "Composer"},
		{"Debian:12", "1.0-", "Debian"},
		{"Ubuntu", "a1.0", "Debian"},
		{"Alpine:v3.20", "1.0_foo", "Alpine"},
		{"Red Hat", "1.0 -1", "RPM"},
		{"Mageia", "", "RPM"},
	}
	for _, tt := range tests {
		_, err := Parse(tt.ecosystem, tt.version)
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Errorf("Parse(%q, %q) error = %v, want a *ParseError", tt.ecosystem, tt.version, err)
			continue
		}
		if diff := cmp.Diff([2]string{tt.wantScheme, tt.version}, [2]string{pe.Scheme, pe.Input}); diff != "" {
			t.Errorf("Parse(%q, %q) error (-want +got):\n%s", tt.ecosystem, tt.version, diff)
		}
	}
	// An ecosystem name must match exactly: neither case nor a missing
	// space is forgiven.
	for _, eco := range []string{"debian", "nuget", "RedHat", "Rocky", "alpine"} {
		if _, err := Parse(eco, "1.0"); !errors.Is(err, ErrUnknownEcosystem) {
			t.Errorf("Parse(%q, \"1.0\") error = %v, want ErrUnknownEcosystem", eco, err)
		}
	}
}

// TestCompareAcrossSchemesBPanics checks that comparing versions of two of
// these schemes panics instead of returning an order.
func TestCompareAcrossSchemesBPanics(t *testing.T) {
	deb, err := Parse("Debian", "1.0")
	if err != nil {
		t.Fatal(err)
	}
	rpm, err := Parse("Red Hat", "1.0")
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if recover() == nil {
			t.Error("Compare of a Debian and an RPM version did not panic")
		}
	}()
	deb.Compare(rpm)
}

// TestSchemesBTransitive checks, for every version named in each vector
// file, that the order Compare gives is transitive over all triples and that
// equality agrees with it.
func TestSchemesBTransitive(t *testing.T) {
	files := []struct {
		name  string
		parse func(string) (Version, error)
	}{
		{"nuget.txt", parseNuGetVersion},
		{"composer.txt", parseComposerVersion},
		{"debian.txt", parseDebianVersion},
		{"apk.txt", parseAPKVersion},
		{"rpm.txt", parseRPMVersion},
	}
	for _, f := range files {
		seen := map[string]bool{}
		var vs []Version
		for _, p := range schemeBReadVectors(t, f.name) {
			for _, s := range []string{p.a, p.b} {
				if seen[s] {
					continue
				}
				seen[s] = true
				v, err := f.parse(s)
				if err != nil {
					t.Fatalf("%s: %v", f.name, err)
				}
				vs = append(vs, v)
			}
		}
		n := len(vs)
		c := make([]int, n*n)
		for i := range vs {
			for j := range vs {
				c[i*n+j] = schemeBSign(vs[i].Compare(vs[j]))
			}
		}
		bad := 0
		for i := 0; i < n && bad < 5; i++ {
			for j := 0; j < n && bad < 5; j++ {
				for k := 0; k < n && bad < 5; k++ {
					if c[i*n+j] <= 0 && c[j*n+k] <= 0 && c[i*n+k] > 0 {
						t.Errorf("%s: %s <= %s <= %s but %s > %s", f.name, vs[i], vs[j], vs[k], vs[i], vs[k])
						bad++
					}
				}
			}
		}
		if n < 40 {
			t.Errorf("%s names %d versions, want at least 40", f.name, n)
		}
	}
}
