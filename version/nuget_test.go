package version

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestNuGetVectors(t *testing.T) {
	if n := schemeBCheckVectors(t, "nuget.txt", parseNuGetVersion); n < 70 {
		t.Errorf("nuget.txt has %d pairs, want at least 70", n)
	}
}

func TestNuGetParts(t *testing.T) {
	type parts struct {
		Numbers [4]int32
		Release []string
	}
	tests := []struct {
		in   string
		want parts
	}{
		{"1", parts{[4]int32{1, 0, 0, 0}, nil}},
		{"1.2.3.4", parts{[4]int32{1, 2, 3, 4}, nil}},
		{"01.002.3", parts{[4]int32{1, 2, 3, 0}, nil}},
		{"1.0.0-beta.2", parts{[4]int32{1, 0, 0, 0}, []string{"beta", "2"}}},
		{"1.0.0-beta-1+build-5.x", parts{[4]int32{1, 0, 0, 0}, []string{"beta-1"}}},
		{"1.0.0+meta-data", parts{[4]int32{1, 0, 0, 0}, nil}},
		{"2147483647.0", parts{[4]int32{2147483647, 0, 0, 0}, nil}},
	}
	for _, tt := range tests {
		v, err := parseNuGet(tt.in)
		if err != nil {
			t.Errorf("parseNuGet(%q): %v", tt.in, err)
			continue
		}
		if diff := cmp.Diff(tt.want, parts{v.parts, v.release}); diff != "" {
			t.Errorf("parseNuGet(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestNuGetInvalid(t *testing.T) {
	schemeBCheckInvalid(t, "NuGet", parseNuGetVersion, []string{
		"",
		"1.0.0.0.0",     // five numeric parts
		"v1.0",          // no leading v
		"1.",            // empty part
		".1",            // empty part
		"1..0",          // empty part
		"1.a",           // not a number
		"1.-1",          // not a number
		"2147483648.0",  // above int32
		"1.0.0-",        // empty pre-release
		"1.0.0-beta..1", // empty label
		"1.0.0-beta_1",  // '_' in a label
		"1.0.0+",        // empty metadata
		"1.0.0+a+b",     // '+' in metadata
		"1.0.0-beta+x.", // empty metadata label
		" 1.0",          // white space
		"1.0.0-b\xe9ta", // non-ASCII
	})
}

func FuzzNuGet(f *testing.F) {
	schemeBFuzzSeeds(f, "nuget.txt")
	f.Fuzz(func(t *testing.T, x, y string) {
		schemeBCheckConsistent(t, parseNuGetVersion, x, y)
	})
}
