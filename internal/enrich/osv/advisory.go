package osv

import (
	"encoding/binary"
	"time"
)

// Advisory is what a finding needs of a record, kept in the index in a
// binary form so that matching decodes no JSON: a record's full JSON is
// read only by Record and RawRecord.
type Advisory struct {
	ID        string
	Aliases   []string
	Related   []string
	Summary   string
	Severity  []Severity
	Published time.Time
	Modified  time.Time
	// Withdrawn is always zero for advisories returned by Match.
	Withdrawn  time.Time
	References []Reference
}

func appendAdvisory(b []byte, r *Record) []byte {
	b = putStrs(b, r.Aliases)
	b = putStrs(b, r.Related)
	b = putStr(b, r.Summary)
	b = binary.AppendUvarint(b, uint64(len(r.Severity)))
	for _, s := range r.Severity {
		b = putStr(b, s.Type)
		b = putStr(b, s.Score)
	}
	for _, t := range []time.Time{r.Published, r.Modified, r.Withdrawn} {
		b = putTime(b, t)
	}
	b = binary.AppendUvarint(b, uint64(len(r.References)))
	for _, ref := range r.References {
		b = putStr(b, ref.Type)
		b = putStr(b, ref.URL)
	}
	return b
}

func (d *decoder) advisory(id string) *Advisory {
	a := &Advisory{ID: id}
	a.Aliases = d.strs()
	a.Related = d.strs()
	a.Summary = d.str()
	if n := d.count(); n > 0 {
		a.Severity = make([]Severity, n)
		for i := range a.Severity {
			a.Severity[i] = Severity{Type: d.str(), Score: d.str()}
		}
	}
	a.Published, a.Modified, a.Withdrawn = d.time(), d.time(), d.time()
	if n := d.count(); n > 0 {
		a.References = make([]Reference, n)
		for i := range a.References {
			a.References[i] = Reference{Type: d.str(), URL: d.str()}
		}
	}
	return a
}

func putStrs(b []byte, ss []string) []byte {
	b = binary.AppendUvarint(b, uint64(len(ss)))
	for _, s := range ss {
		b = putStr(b, s)
	}
	return b
}

func (d *decoder) strs() []string {
	n := d.count()
	if n == 0 {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = d.str()
	}
	return out
}

// putTime writes t as Unix seconds and nanoseconds, UTC; the zero time
// as a single 0 byte.
func putTime(b []byte, t time.Time) []byte {
	if t.IsZero() {
		return append(b, 0)
	}
	b = append(b, 1)
	b = binary.AppendVarint(b, t.Unix())
	return binary.AppendUvarint(b, uint64(t.Nanosecond()))
}

func (d *decoder) time() time.Time {
	if d.byte() == 0 {
		return time.Time{}
	}
	sec := d.varint()
	ns := d.uvarint()
	if ns >= 1e9 {
		d.err = errCorrupt
		return time.Time{}
	}
	return time.Unix(sec, int64(ns)).UTC()
}

func (d *decoder) varint() int64 {
	u := d.uvarint()
	x := int64(u >> 1)
	if u&1 != 0 {
		x = ^x
	}
	return x
}
