package version

import (
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDebianVectors(t *testing.T) {
	if n := schemeBCheckVectors(t, "debian.txt", parseDebianVersion); n < 600 {
		t.Errorf("debian.txt has %d pairs, want at least 600", n)
	}
}

func TestDebianParts(t *testing.T) {
	tests := []struct {
		in   string
		want [3]string // epoch, upstream, revision
	}{
		{"1.0", [3]string{"0", "1.0", ""}},
		{"1:1.0", [3]string{"1", "1.0", ""}},
		{"1.0-1", [3]string{"0", "1.0", "1"}},
		{"1.2-3-4", [3]string{"0", "1.2-3", "4"}},
		{"1:2:3-4", [3]string{"1", "2:3", "4"}},
		{"2147483647:0", [3]string{"2147483647", "0", ""}},
		{"2.36-9+deb12u4", [3]string{"0", "2.36", "9+deb12u4"}},
	}
	for _, tt := range tests {
		v, err := parseDebian(tt.in)
		if err != nil {
			t.Errorf("parseDebian(%q): %v", tt.in, err)
			continue
		}
		got := [3]string{strconv.Itoa(v.epoch), v.upstream, v.revision}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("parseDebian(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestDebianInvalid(t *testing.T) {
	schemeBCheckInvalid(t, "Debian", parseDebianVersion, []string{
		"",
		":1.0",          // empty epoch (dpkg: epoch in version is empty)
		"a:1.0",         // epoch not a number
		"-1:1.0",        // negative epoch
		"2147483648:1",  // epoch too big for dpkg
		"1:",            // nothing after the epoch
		"1.0-",          // empty revision
		"-1",            // empty upstream
		"a1.0",          // upstream must start with a digit (dpkg warns)
		"1.0_x",         // '_' is not allowed in upstream (dpkg warns)
		"1.0-1_2",       // '_' is not allowed in revision (dpkg warns)
		"1.0-1:2",       // ':' after the epoch marks one: not a number
		"1.0 1",         // white space
		"1.0\n",         // white space
		"1.0-1~b\xffpo", // non-ASCII byte
	})
}

func FuzzDebian(f *testing.F) {
	schemeBFuzzSeeds(f, "debian.txt")
	f.Fuzz(func(t *testing.T, x, y string) {
		schemeBCheckConsistent(t, parseDebianVersion, x, y)
	})
}
