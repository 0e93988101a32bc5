// Package version parses and orders package versions the way each
// ecosystem does. It is a public leaf: it imports only the standard
// library, so any stage (and any program) may use it.
//
// Each versioning scheme lives in its own file and has a vector file of
// ordered pairs in testdata/, generated with the ecosystem's own tool where
// one is at hand and written from the scheme's specification otherwise.
// A string that does not parse under its scheme is an error, never a
// version that sorts somewhere: callers must not guess whether such a
// version is affected.
package version

import (
	"errors"
	"fmt"
	"strings"
)

// Version is one parsed version. Compare orders it against another version
// of the same scheme: negative when v sorts before w, zero when they are
// equal under the scheme's rules (1.0 and 1.0.0 in Maven), positive after.
// Comparing versions of different schemes panics: it is a programming error.
type Version interface {
	Compare(w Version) int
	// String returns the version as it was given.
	String() string
}

// ErrUnknownEcosystem is wrapped by Parse's error for an ecosystem no scheme
// covers.
var ErrUnknownEcosystem = errors.New("no version scheme for this ecosystem")

// ParseError says that a string is not a version of a scheme.
type ParseError struct {
	Scheme, Input, Reason string
}

func (e *ParseError) Error() string {
	return fmt.Sprintf("%q is not a valid %s version: %s", e.Input, e.Scheme, e.Reason)
}

func parseErr(scheme, input, format string, args ...any) error {
	return &ParseError{Scheme: scheme, Input: input, Reason: fmt.Sprintf(format, args...)}
}

// Parse parses s under the scheme of an OSV ecosystem name ("npm", "PyPI",
// "Go", "Debian:12", "Alpine:v3.20", …; the part after a colon is ignored).
func Parse(ecosystem, s string) (Version, error) {
	eco, _, _ := strings.Cut(ecosystem, ":")
	switch eco {
	// Each scheme's file adds its ecosystems here.
	case "npm":
		return parseNPM(s)
	case "crates.io", "Pub", "Hex":
		return parseStrictSemver(s)
	case "Go":
		return parseGo(s)
	case "PyPI":
		return parsePEP440(s)
	case "Maven":
		return parseMaven(s)
	case "RubyGems":
		return parseGem(s)
	case "NuGet":
		return parseNuGetVersion(s)
	case "Packagist":
		return parseComposerVersion(s)
	case "Debian", "Ubuntu":
		return parseDebianVersion(s)
	case "Alpine":
		return parseAPKVersion(s)
	case "Red Hat", "AlmaLinux", "Rocky Linux", "openSUSE", "SUSE", "Mageia":
		return parseRPMVersion(s)
	}
	return nil, fmt.Errorf("%w: %q", ErrUnknownEcosystem, ecosystem)
}

// mismatch panics for a comparison across schemes.
func mismatch(v, w Version) {
	panic(fmt.Sprintf("version: comparing %T %q with %T %q", v, v.String(), w, w.String()))
}
