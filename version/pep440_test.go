package version

import "testing"

func TestPEP440Vectors(t *testing.T) {
	if n := checkOrderedPairs(t, "pep440", parsePEP440); n < 1500 {
		t.Errorf("pep440.txt has %d pairs, want at least 1500", n)
	}
}

func TestPEP440Normalisation(t *testing.T) {
	// Each group holds spellings of one version, in packaging's normal form
	// first; every spelling equals every other.
	groups := [][]string{
		{"1.0", "1", "1.0.0.0", "v1.0", "V1.0", " 1.0\n", "01.00"},
		{"1.0a0", "1.0a", "1.0alpha", "1.0-a", "1.0.a0", "1.0_a_0", "1.0A"},
		{"1.0rc1", "1.0c1", "1.0pre1", "1.0preview1", "1.0-RC-1", "1.0.rc.1"},
		{"1.0.post1", "1.0-1", "1.0-r1", "1.0rev1", "1.0_post_1", "1.0.POST1", "1.0post1"},
		{"1.0.post0", "1.0.post", "1.0-post", "1.0r", "1.0.rev0"},
		{"1.0.dev0", "1.0dev", "1.0-dev", "1.0_dev0", "1.0.DEV"},
		{"1!1.0", "1!1", "v1!1.0.0"},
		{"1.0+ubuntu.1", "1.0+ubuntu-1", "1.0+UBUNTU_1", "1.0+ubuntu.01"},
		{"1.0a1.post2.dev3", "1.0-alpha-1-2-dev-3", "1.0alpha1.post2dev3"},
	}
	for _, g := range groups {
		want, err := parsePEP440(g[0])
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range g[1:] {
			got, err := parsePEP440(s)
			if err != nil {
				t.Errorf("%v", err)
				continue
			}
			if c := got.Compare(want); c != 0 {
				t.Errorf("%q.Compare(%q) = %d, want 0", s, g[0], c)
			}
		}
	}
}

func TestPEP440Order(t *testing.T) {
	// Strictly increasing, from the ordering section of PEP 440.
	order := []string{
		"1.0.dev456", "1.0a1", "1.0a2.dev456", "1.0a12.dev456", "1.0a12", "1.0b1.dev456", "1.0b2",
		"1.0b2.post345.dev456", "1.0b2.post345", "1.0rc1.dev456", "1.0rc1", "1.0", "1.0+abc.5", "1.0+abc.7",
		"1.0+5", "1.0.post456.dev34", "1.0.post456", "1.0.15", "1.1.dev1", "1!0.1",
	}
	for i := 1; i < len(order); i++ {
		a, err := parsePEP440(order[i-1])
		if err != nil {
			t.Fatal(err)
		}
		b, err := parsePEP440(order[i])
		if err != nil {
			t.Fatal(err)
		}
		if got := a.Compare(b); got != -1 {
			t.Errorf("%s.Compare(%s) = %d, want -1", order[i-1], order[i], got)
		}
	}
}

func TestPEP440Invalid(t *testing.T) {
	checkInvalid(t, "PEP 440", parsePEP440, []string{
		"", " ", "v", "a1", "1.0-foo", "1.0+", "1.0+a..b", "1.0+a.", "1.0+_a", "1.0.", ".1", "1..0",
		"1!", "!1", "1!2!3", "1.0a1a2", "1.0.post1.post2", "1.0.dev1.dev2", "1.0-dev-1-1", "1.0 a1",
		"1.0prev", "1.0alph", "1.0+loc al", "1.0\x00", "1.0--1", "1.0-", "vv1.0",
		// packaging takes these; this package accepts ASCII only.
		"1.0\u00a0", "1.0+ſ",
	})
}
