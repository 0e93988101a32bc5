package osv

import (
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/ossaudit/ossaudit/model"
	"github.com/ossaudit/ossaudit/version"
)

// Finding says that one package is affected by one record.
type Finding struct {
	// PackageID is the model.Package ID.
	PackageID string
	// Advisory is the record's identity, text, severity, dates and links;
	// DB.Record gives the rest. Findings of one record from one Match call
	// may share the pointer: treat it as read-only.
	Advisory *Advisory
	// Ranges are the ranges of the matching affected entry, GIT ranges
	// included, for display.
	Ranges []Range
	// Affected is the index of the matching entry in Record.Affected.
	Affected int
	// Fixed lists, for each range that contains the package's version, the
	// fixed version that closes the interval holding it (in the record's
	// order); empty when none is known (last_affected, an explicit versions
	// list).
	Fixed []string
	// ByVersions is true when only the explicit versions list matched.
	ByVersions bool
}

// Match finds the records that affect each package, by the OSV rules:
// SEMVER and ECOSYSTEM ranges are walked in version order (introduced
// opens, fixed closes at that version, last_affected after it; when a range
// has limit events the version must also be below one of them); an exact
// entry of an affected versions list matches as a string; a GIT range
// decides only when the package's commit is one of its events (see
// packageCommit); withdrawn records never match; database_specific is
// ignored. Packages are matched on all processors.
//
// Versions compare under version.Parse's scheme for the ecosystem. A
// version that does not parse, an ecosystem without a scheme and a package
// without an exact version give a warning naming the records that could
// not be evaluated — never a verdict either way. Findings are sorted by
// package ID and record ID.
func (db *DB) Match(pkgs []model.Package) ([]Finding, []model.Diagnostic) {
	// Packages are matched in ID order, in contiguous chunks, one goroutine
	// per processor; concatenating the chunks keeps the order.
	order := make([]int, len(pkgs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return strings.Compare(pkgs[a].ID, pkgs[b].ID) })
	workers := min(runtime.GOMAXPROCS(0), len(pkgs)/matchChunk+1)
	ms := make([]*matcher, workers)
	var wg sync.WaitGroup
	for w := range ms {
		m := &matcher{db: db, versions: map[string]map[string]parsed{}, advisories: map[string]*Advisory{}}
		ms[w] = m
		lo, hi := w*len(order)/workers, (w+1)*len(order)/workers
		wg.Go(func() {
			for _, i := range order[lo:hi] {
				n := len(m.findings)
				if err := m.pkg(&pkgs[i]); err != nil {
					m.err = err
					return
				}
				slices.SortFunc(m.findings[n:], func(a, b Finding) int {
					if c := strings.Compare(a.Advisory.ID, b.Advisory.ID); c != 0 {
						return c
					}
					return a.Affected - b.Affected
				})
			}
		})
	}
	wg.Wait()
	var findings []Finding
	var diags []model.Diagnostic
	for _, m := range ms {
		findings = append(findings, m.findings...)
		diags = append(diags, m.diags...)
		if m.err != nil {
			diags = append(diags, model.Diagnostic{Severity: model.SevError, Message: "reading the advisory database: " + m.err.Error(), Extractor: "osv"})
			break
		}
	}
	return findings, diags
}

// matchChunk is the least number of packages worth a goroutine.
const matchChunk = 512

type parsed struct {
	v   version.Version
	err error
}

type matcher struct {
	db         *DB
	versions   map[string]map[string]parsed // ecosystem → input → parsed
	advisories map[string]*Advisory
	findings   []Finding
	diags      []model.Diagnostic
	err        error
}

// parse parses s under eco's scheme, once per Match call. Go's OSV records
// write versions without the "v" that Go module versions carry.
func (m *matcher) parse(eco, s string) (version.Version, error) {
	cache := m.versions[eco]
	if cache == nil {
		cache = map[string]parsed{}
		m.versions[eco] = cache
	}
	if p, ok := cache[s]; ok {
		return p.v, p.err
	}
	parse := version.Parse
	if m.db.parseVersion != nil {
		parse = m.db.parseVersion
	}
	v, err := parse(eco, s)
	if err != nil && eco == string(model.Go) && !strings.HasPrefix(s, "v") {
		if v2, err2 := parse(eco, "v"+s); err2 == nil {
			v, err = v2, nil
		}
	}
	cache[s] = parsed{v, err}
	return v, err
}

func (m *matcher) diag(p *model.Package, sev model.Severity, format string, args ...any) {
	d := model.Diagnostic{Severity: sev, Message: fmt.Sprintf(format, args...), Extractor: "osv"}
	if len(p.Locations) > 0 {
		d.Location = p.Locations[0]
	}
	m.diags = append(m.diags, d)
}

func label(p *model.Package) string {
	if p.Version == "" {
		return string(p.Ecosystem) + "/" + p.Name
	}
	return string(p.Ecosystem) + "/" + p.Name + "@" + p.Version
}

func (m *matcher) pkg(p *model.Package) error {
	eco := string(p.Ecosystem)
	entries, err := m.db.Lookup(eco, p.Name)
	if err != nil || len(entries) == 0 {
		return err
	}
	commit := packageCommit(p)
	var v version.Version
	var verr error
	switch {
	case p.Version != "":
		v, verr = m.parse(eco, p.Version)
	case commit == "":
		m.diag(p, model.SevWarning, "%s has no exact version, so %d advisories naming it were not evaluated: %s",
			label(p), len(entries), ids(entries))
		return nil
	default:
		verr = errNoVersion
	}
	var pkgUnknown []Entry // entries left undecided because v did not parse
	for i := range entries {
		e := &entries[i]
		byList, byRange, fixed, undecided, gitDecided := m.evaluate(eco, p.Version, commit, v, verr, e)
		switch {
		case byList || byRange:
			adv, err := m.advisory(e.ID)
			if err != nil {
				return err
			}
			m.findings = append(m.findings, Finding{PackageID: p.ID, Advisory: adv, Affected: e.Affected, Ranges: e.Ranges, Fixed: fixed, ByVersions: !byRange})
		case undecided == verr && verr != nil:
			pkgUnknown = append(pkgUnknown, *e)
		case undecided != nil:
			m.diag(p, model.SevWarning, "cannot tell whether %s is affected by %s: %v", label(p), e.ID, undecided)
		case gitDecided || !onlyGit(e):
		case commit == "":
			m.diag(p, model.SevInfo, "%s names %s only with GIT commit ranges, which need a commit to be evaluated", e.ID, label(p))
		default:
			m.diag(p, model.SevInfo, "cannot tell whether commit %s of %s is affected by %s: it is none of the GIT range's events, and placing it needs the repository's history", commit, label(p), e.ID)
		}
	}
	if len(pkgUnknown) > 0 {
		why := verr.Error()
		if verr == errNoVersion {
			why = "it has only a commit, no version"
		} else if errors.Is(verr, version.ErrUnknownEcosystem) {
			why = "ossaudit has no version scheme for ecosystem " + eco
		}
		m.diag(p, model.SevWarning, "cannot tell whether %s is affected by %d advisories (%s): %s", label(p), len(pkgUnknown), ids(pkgUnknown), why)
	}
	return nil
}

// evaluate decides one entry: affected by the versions list or by a range
// (with the fixed versions of the ranges that contain the version), or
// undecided with the reason (verr itself when the package version did not
// parse), or none of these: not affected. A GIT range decides only when the
// package's commit is one of its events (gitDecided).
func (m *matcher) evaluate(eco, raw, commit string, v version.Version, verr error, e *Entry) (byList, byRange bool, fixed []string, undecided error, gitDecided bool) {
	byList = raw != "" && e.HasVersion(raw)
	for _, r := range e.Ranges {
		if r.Type == RangeGit {
			if commit == "" {
				continue
			}
			if in, known := gitEvent(r, commit); known {
				gitDecided = true
				byRange = byRange || in
			}
			continue
		}
		if verr != nil {
			if undecided == nil {
				undecided = verr
			}
			continue
		}
		in, fix, err := m.inRange(eco, v, r)
		if err != nil {
			if undecided == nil {
				undecided = err
			}
			continue
		}
		if in {
			byRange = true
			if fix != "" {
				fixed = append(fixed, fix)
			}
		}
	}
	if byList || byRange {
		undecided = nil
	}
	return byList, byRange, fixed, undecided, gitDecided
}

// gitEvent places commit in a GIT range when it is one of the range's
// events: an introduced or last_affected commit is affected, a fixed or
// limit commit is not. Any other commit needs the repository's history.
func gitEvent(r Range, commit string) (in, known bool) {
	for _, e := range r.Events {
		switch commit {
		case e.Introduced, e.LastAffected:
			return true, true
		case e.Fixed, e.Limit:
			return false, true
		}
	}
	return false, false
}

var errNoVersion = errors.New("no exact version")

// packageCommit returns the full commit hash a package was resolved to, from
// a property named "<ecosystem>:commit" or "<ecosystem>:revision"
// ("swift:revision"), or "".
func packageCommit(p *model.Package) string {
	keys := make([]string, 0, 2)
	for k, v := range p.Properties {
		if (strings.HasSuffix(k, ":commit") || strings.HasSuffix(k, ":revision")) && v != "0" && isCommit(v) {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return ""
	}
	slices.Sort(keys)
	return p.Properties[keys[0]]
}

type event struct {
	kind byte
	v    version.Version // nil for introduced "0"
	s    string
}

// inRange evaluates one SEMVER or ECOSYSTEM range by the OSV algorithm;
// when v is in it, fixed is the fixed event that closes v's interval ("" for
// an interval closed by last_affected, a limit or nothing).
func (m *matcher) inRange(eco string, v version.Version, r Range) (in bool, fixed string, err error) {
	var buf [8]event
	evs := buf[:0]
	hasLimit, belowLimit := false, false
	for _, e := range r.Events {
		var kind byte
		var s string
		switch {
		case e.Introduced != "":
			kind, s = evIntroduced, e.Introduced
		case e.Fixed != "":
			kind, s = evFixed, e.Fixed
		case e.LastAffected != "":
			kind, s = evLastAffected, e.LastAffected
		default:
			kind, s = evLimit, e.Limit
		}
		if kind == evIntroduced && s == "0" {
			evs = append(evs, event{kind: kind})
			continue
		}
		if kind == evLimit && s == "*" {
			hasLimit, belowLimit = true, true
			continue
		}
		ev, err := m.parse(eco, s)
		if err != nil {
			return false, "", fmt.Errorf("event %q: %w", s, err)
		}
		if kind == evLimit {
			hasLimit = true
			if v.Compare(ev) < 0 {
				belowLimit = true
			}
			continue
		}
		evs = append(evs, event{kind: kind, v: ev, s: s})
	}
	if hasLimit && !belowLimit {
		return false, "", nil
	}
	// Insertion sort, stable: ranges have a handful of events.
	for i := 1; i < len(evs); i++ {
		for j := i; j > 0 && eventLess(evs[j], evs[j-1]); j-- {
			evs[j], evs[j-1] = evs[j-1], evs[j]
		}
	}
	affected := false
	for i, e := range evs {
		if affected && e.kind != evIntroduced && v.Compare(e.v) < 0 {
			// The first closing event above v closes its interval.
			if e.kind == evFixed {
				fixed = evs[i].s
			}
			break
		}
		switch e.kind {
		case evIntroduced:
			if e.v == nil || v.Compare(e.v) >= 0 {
				affected = true
			}
		case evFixed:
			if v.Compare(e.v) >= 0 {
				affected = false
			}
		case evLastAffected:
			if v.Compare(e.v) > 0 {
				affected = false
			}
		}
	}
	return affected, fixed, nil
}

func eventLess(a, b event) bool {
	if a.v == nil || b.v == nil {
		return a.v == nil && b.v != nil
	}
	return a.v.Compare(b.v) < 0
}

func (m *matcher) advisory(id string) (*Advisory, error) {
	if a, ok := m.advisories[id]; ok {
		return a, nil
	}
	a, err := m.db.Advisory(id)
	if err == nil && a == nil {
		err = errCorrupt
	}
	if err != nil {
		return nil, err
	}
	m.advisories[id] = a
	return a, nil
}

func onlyGit(e *Entry) bool {
	if len(e.versions) > 1 || len(e.Ranges) == 0 { // "\x00" is an empty list
		return false
	}
	for _, r := range e.Ranges {
		if r.Type != RangeGit {
			return false
		}
	}
	return true
}

func ids(es []Entry) string {
	var b strings.Builder
	for i, e := range es {
		if i > 0 {
			b.WriteString(", ")
		}
		if i == 10 {
			fmt.Fprintf(&b, "and %d more", len(es)-i)
			break
		}
		b.WriteString(e.ID)
	}
	return b.String()
}
