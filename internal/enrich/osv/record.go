package osv

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Range types of the OSV schema.
const (
	RangeSemver    = "SEMVER"
	RangeEcosystem = "ECOSYSTEM"
	RangeGit       = "GIT"
)

// Record is one OSV advisory with the fields ossaudit uses. Fields the
// matcher ignores (database_specific, ecosystem_specific, credits) are not
// decoded; the record's full JSON stays in the database.
type Record struct {
	SchemaVersion string      `json:"schema_version,omitempty"`
	ID            string      `json:"id"`
	Modified      time.Time   `json:"modified"`
	Published     time.Time   `json:"published,omitzero"`
	Withdrawn     time.Time   `json:"withdrawn,omitzero"`
	Aliases       []string    `json:"aliases,omitempty"`
	Related       []string    `json:"related,omitempty"`
	Summary       string      `json:"summary,omitempty"`
	Details       string      `json:"details,omitempty"`
	Severity      []Severity  `json:"severity,omitempty"`
	Affected      []Affected  `json:"affected,omitempty"`
	References    []Reference `json:"references,omitempty"`
}

// Severity is one severity score: Type is "CVSS_V2", "CVSS_V3", "CVSS_V4",
// "Ubuntu" …; Score is the vector string as published.
type Severity struct {
	Type  string `json:"type"`
	Score string `json:"score"`
}

// Affected is one affected package of a record.
type Affected struct {
	// Package is zero for entries that name only a repository (GIT ranges).
	Package  Package    `json:"package,omitzero"`
	Severity []Severity `json:"severity,omitempty"`
	Ranges   []Range    `json:"ranges,omitempty"`
	Versions []string   `json:"versions,omitempty"`
}

// Package names an affected package.
type Package struct {
	Ecosystem string `json:"ecosystem"`
	Name      string `json:"name"`
	PURL      string `json:"purl,omitempty"`
}

// Range is one affected range. Events are kept in the record's order.
type Range struct {
	Type   string  `json:"type"`
	Repo   string  `json:"repo,omitempty"`
	Events []Event `json:"events"`
}

// Event is one range event; exactly one field is set.
type Event struct {
	Introduced   string `json:"introduced,omitempty"`
	Fixed        string `json:"fixed,omitempty"`
	LastAffected string `json:"last_affected,omitempty"`
	Limit        string `json:"limit,omitempty"`
}

// Reference is a link about the advisory.
type Reference struct {
	Type string `json:"type"`
	URL  string `json:"url"`
}

// Fixed returns the fixed versions of the range, in the record's order.
func (r Range) Fixed() []string {
	var out []string
	for _, e := range r.Events {
		if e.Fixed != "" {
			out = append(out, e.Fixed)
		}
	}
	return out
}

// maxRecordSize caps one record's JSON; the largest of osv.dev are a few
// hundred kilobytes (long explicit version lists).
const maxRecordSize = 16 << 20

// DecodeRecord decodes one OSV record and validates it: id and modified are
// required, every affected package has an ecosystem and a name, every range
// has a known type, at least one introduced event, events with exactly one
// non-empty field, no fixed together with last_affected, and GIT ranges
// have a repository and full commit hashes. The error names the record's id
// when it is known.
func DecodeRecord(data []byte) (*Record, error) {
	if len(data) > maxRecordSize {
		return nil, fmt.Errorf("record is %d bytes, over the %d-byte cap", len(data), maxRecordSize)
	}
	type plain Record // without methods, so that decoding does not recurse
	var r Record
	// Modified is required but may be the zero time (some records publish
	// "0001-01-01T00:00:00Z"), so its presence is told apart with a pointer.
	aux := struct {
		*plain
		Modified *time.Time `json:"modified"`
	}{plain: (*plain)(&r)}
	if err := json.Unmarshal(data, &aux); err != nil {
		err = jsonError(err)
		var id struct {
			ID string `json:"id"`
		}
		if json.Unmarshal(data, &id) == nil && id.ID != "" {
			return nil, fmt.Errorf("%s: %w", id.ID, err)
		}
		return nil, err
	}
	err := errors.New("missing modified")
	if aux.Modified != nil {
		r.Modified = *aux.Modified
		err = r.validate()
	}
	if err != nil {
		if r.ID != "" {
			return nil, fmt.Errorf("%s: %w", r.ID, err)
		}
		return nil, err
	}
	return &r, nil
}

func (r *Record) validate() error {
	if r.ID == "" {
		return errors.New("missing id")
	}
	if strings.ContainsAny(r.ID, "\x00/\\") {
		return fmt.Errorf("id %q has a forbidden character", r.ID)
	}
	for i, a := range r.Affected {
		if a.Package != (Package{}) {
			if a.Package.Ecosystem == "" || a.Package.Name == "" {
				return fmt.Errorf("affected[%d]: package needs an ecosystem and a name", i)
			}
			if strings.ContainsRune(a.Package.Ecosystem+a.Package.Name, 0) {
				return fmt.Errorf("affected[%d]: package has a NUL byte", i)
			}
		}
		for j, rg := range a.Ranges {
			if err := rg.validate(); err != nil {
				return fmt.Errorf("affected[%d].ranges[%d]: %w", i, j, err)
			}
		}
	}
	return nil
}

func (rg *Range) validate() error {
	switch rg.Type {
	case RangeSemver, RangeEcosystem:
	case RangeGit:
		if rg.Repo == "" {
			return errors.New("GIT range without repo")
		}
	default:
		return fmt.Errorf("unknown range type %q", rg.Type)
	}
	if len(rg.Events) == 0 {
		return errors.New("no events")
	}
	var intro, fixed, last bool
	for k, e := range rg.Events {
		n := 0
		for _, v := range []string{e.Introduced, e.Fixed, e.LastAffected, e.Limit} {
			if v != "" {
				n++
				if rg.Type == RangeGit && !isCommit(v) {
					return fmt.Errorf("events[%d]: %q is not a full commit hash", k, v)
				}
			}
		}
		if n != 1 {
			return fmt.Errorf("events[%d]: needs exactly one of introduced, fixed, last_affected, limit", k)
		}
		intro = intro || e.Introduced != ""
		fixed = fixed || e.Fixed != ""
		last = last || e.LastAffected != ""
	}
	if !intro {
		return errors.New("no introduced event")
	}
	if fixed && last {
		return errors.New("fixed and last_affected events together")
	}
	return nil
}

func isCommit(s string) bool {
	if s == "0" {
		return true
	}
	if len(s) != 40 && len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// jsonError rewords encoding/json's type errors without Go type names.
func jsonError(err error) error {
	var te *json.UnmarshalTypeError
	if !errors.As(err, &te) {
		return err
	}
	field := strings.TrimPrefix(te.Field, "plain.")
	if field == "" || field == "plain" {
		return fmt.Errorf("record is a JSON %s, not an object", te.Value)
	}
	return fmt.Errorf("field %s: JSON %s where a %s belongs", field, te.Value, te.Type.Kind())
}
