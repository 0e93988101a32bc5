package version

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestRPMVectors(t *testing.T) {
	if n := schemeBCheckVectors(t, "rpm.txt", parseRPMVersion); n < 700 {
		t.Errorf("rpm.txt has %d pairs, want at least 700", n)
	}
}

func TestRPMParts(t *testing.T) {
	type parts struct {
		Epoch, Version, Release string
		HasRelease              bool
	}
	tests := []struct {
		in   string
		want parts
	}{
		{"1.0", parts{"", "1.0", "", false}},
		{"0:1.0", parts{"0", "1.0", "", false}},
		{"1:1.1.1k-12.el8_9", parts{"1", "1.1.1k", "12.el8_9", true}},
		{"5.14.0-362.8.1.el9_3", parts{"", "5.14.0", "362.8.1.el9_3", true}},
		{"1.0^git1-1~bootstrap", parts{"", "1.0^git1", "1~bootstrap", true}},
	}
	for _, tt := range tests {
		v, err := parseRPM(tt.in)
		if err != nil {
			t.Errorf("parseRPM(%q): %v", tt.in, err)
			continue
		}
		got := parts{v.epoch, v.version, v.release, v.hasRelease}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("parseRPM(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

// TestRPMVerCmp checks rpmvercmp on single fields against results of
// rpm 4.18's rpm.vercmp on the same strings; the two with an empty string
// follow rpmvercmp's C code, as rpm.vercmp refuses an empty version.
func TestRPMVerCmp(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"1.0", "1.0", 0},
		{"1.0~rc1", "1.0", -1},
		{"1.0~rc1", "1.0~rc2", -1},
		{"1.0^", "1.0", 1},
		{"1.0^git1", "1.0.1", -1},
		{"1.0^git1", "1.0^git1~1", 1},
		{"1a", "1.0", -1},
		{"1.0a", "1.0", 1},
		{"2.0", "10", -1},
		{"010", "10", 0},
		{"1_0", "1.0", 0},
		{"a", "1", -1},
		{"", "", 0},
		{"", "1", -1},
	}
	for _, tt := range tests {
		if got := rpmVerCmp(tt.a, tt.b); got != tt.want {
			t.Errorf("rpmVerCmp(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := rpmVerCmp(tt.b, tt.a); got != -tt.want {
			t.Errorf("rpmVerCmp(%q, %q) = %d, want %d", tt.b, tt.a, got, -tt.want)
		}
	}
}

func TestRPMInvalid(t *testing.T) {
	schemeBCheckInvalid(t, "RPM", parseRPMVersion, []string{
		"",
		":1.0",       // empty epoch
		"a:1.0",      // epoch not a number
		"1.0-",       // empty release
		"-1",         // empty version
		"1:-1",       // empty version after the epoch
		"1.0 -1",     // white space
		"1.0-1\n",    // white space
		"1.0/2",      // character rpmbuild refuses
		"1:1.0:2",    // second colon
		"1.0-1.\xff", // non-ASCII byte
		"%{version}", // unexpanded macro
		"1.0-1-2",    // hyphen in the version
	})
}

func FuzzRPM(f *testing.F) {
	schemeBFuzzSeeds(f, "rpm.txt")
	f.Fuzz(func(t *testing.T, x, y string) {
		schemeBCheckConsistent(t, parseRPMVersion, x, y)
	})
}
