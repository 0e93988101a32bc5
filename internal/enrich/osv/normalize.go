package osv

import (
	"strings"

	"github.com/ossaudit/ossaudit/model"
)

// NormalizeName returns the form under which ecosystem eco treats package
// names as equal: PEP 503 for PyPI (lower case, runs of "-", "_" and "."
// as one "-"); lower case for the ecosystems whose registries compare names
// without case (Packagist, NuGet, crates.io, Hex, Pub, ConanCenter); the
// name unchanged elsewhere. Go module paths and npm names are case-sensitive,
// so they are compared as given, and Maven names are "groupId:artifactId".
// Only the part of eco before a colon counts ("Debian:12" is "Debian").
func NormalizeName(eco, name string) string {
	name = strings.TrimSpace(name)
	base, _, _ := strings.Cut(eco, ":")
	switch model.Ecosystem(base) {
	case model.PyPI:
		return pep503(name)
	case model.Packagist, model.NuGet, model.CratesIO, model.Hex, model.Pub, model.ConanCenter:
		return strings.ToLower(name)
	case model.Maven:
		// Some producers write group/artifact (the package URL form).
		if !strings.Contains(name, ":") {
			if g, a, ok := strings.Cut(name, "/"); ok {
				return g + ":" + a
			}
		}
	}
	return name
}

func pep503(name string) string {
	b := make([]byte, 0, len(name))
	sep := false
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c == '-' || c == '_' || c == '.' {
			if !sep {
				b = append(b, '-')
			}
			sep = true
			continue
		}
		sep = false
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return string(b)
}
