package model

// purlTypes maps each ecosystem to its package-URL type.
var purlTypes = map[Ecosystem]string{
	Npm:         "npm",
	Go:          "golang",
	PyPI:        "pypi",
	CratesIO:    "cargo",
	RubyGems:    "gem",
	Packagist:   "composer",
	Maven:       "maven",
	NuGet:       "nuget",
	Pub:         "pub",
	SwiftURL:    "swift",
	Hex:         "hex",
	ConanCenter: "conan",
}

// PURLType returns the package-URL type of an ecosystem ("" when unknown).
func PURLType(e Ecosystem) string { return purlTypes[e] }

// EcosystemOfPURLType returns the ecosystem of a package-URL type, or "".
func EcosystemOfPURLType(t string) Ecosystem {
	for e, pt := range purlTypes {
		if pt == t {
			return e
		}
	}
	return ""
}

// Ecosystems returns every ecosystem ossaudit knows, in a fixed order.
func Ecosystems() []Ecosystem {
	return []Ecosystem{Npm, Go, PyPI, CratesIO, RubyGems, Packagist, Maven, NuGet, Pub, SwiftURL, Hex, ConanCenter}
}
