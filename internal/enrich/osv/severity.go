package osv

import (
	"strings"

	cvss20 "github.com/pandatix/go-cvss/20"
	cvss30 "github.com/pandatix/go-cvss/30"
	cvss31 "github.com/pandatix/go-cvss/31"
	cvss40 "github.com/pandatix/go-cvss/40"
)

// BaseScore computes the CVSS base score of a vector (v2, v3.0, v3.1 or
// v4.0) with github.com/pandatix/go-cvss; ok is false for anything else.
func BaseScore(vector string) (score float64, ok bool) {
	switch {
	case strings.HasPrefix(vector, "CVSS:4.0/"):
		v, err := cvss40.ParseVector(vector)
		if err != nil {
			return 0, false
		}
		return v.Score(), true
	case strings.HasPrefix(vector, "CVSS:3.1/"):
		v, err := cvss31.ParseVector(vector)
		if err != nil {
			return 0, false
		}
		return v.BaseScore(), true
	case strings.HasPrefix(vector, "CVSS:3.0/"):
		v, err := cvss30.ParseVector(vector)
		if err != nil {
			return 0, false
		}
		return v.BaseScore(), true
	case strings.HasPrefix(vector, "AV:"):
		v, err := cvss20.ParseVector(vector)
		if err != nil {
			return 0, false
		}
		return v.BaseScore(), true
	}
	return 0, false
}
