package osv

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/ossaudit/ossaudit/model"
)

// FileName is the database file inside the database folder.
const FileName = "osv.db"

const (
	magic      = "OSSAOSV1"
	headerSize = 8 + 6*8
	entrySize  = 24
	formatVer  = 1
	gitEco     = "GIT" // status row of records that name only repositories
)

// EcosystemStatus describes the records of one ecosystem (the part of the
// OSV ecosystem name before a colon; "GIT" for records naming no package).
type EcosystemStatus struct {
	Ecosystem string `json:"ecosystem"`
	// Records counts the records naming the ecosystem, withdrawn included.
	Records   int `json:"records"`
	Withdrawn int `json:"withdrawn"`
	// Sources are the absolute paths the records were imported from.
	Sources    []string  `json:"sources"`
	ImportedAt time.Time `json:"imported_at"`
	// NewestModified is the latest "modified" time of the records.
	NewestModified time.Time `json:"newest_modified"`
}

type meta struct {
	Format     int               `json:"format"`
	Records    int               `json:"records"`
	Ecosystems []EcosystemStatus `json:"ecosystems"`
}

// ImportOptions tune Import.
type ImportOptions struct {
	// Replace drops the whole previous database. Without it, the records of
	// ecosystems that none of the sources covers are kept, so importing
	// npm/all.zip after PyPI/all.zip keeps the PyPI records.
	Replace bool
	// Now returns the import time; nil means time.Now.
	Now func() time.Time
}

// ImportReport says what Import did.
type ImportReport struct {
	// Records is the number of records in the new database.
	Records int
	// Imported is the number of valid records read from the sources.
	Imported int
	// Kept is the number of records carried over from the old database.
	Kept int
	// Skipped are the invalid records, one warning each, naming the record
	// and the file it came from.
	Skipped    []model.Diagnostic
	Ecosystems []EcosystemStatus
}

type pending struct {
	raw  []byte // compact JSON
	rec  *Record
	ecos []string
	seq  int // order of reading, to break ties between duplicates
}

// importSource reads the records of one source into recs, decoding and
// validating them on every processor. Of two records with one id, the one
// modified last wins, and of two modified at once the one read last, so the
// result does not depend on scheduling.
// seq numbers the records read across all sources.
func importSource(ctx context.Context, src string, recs map[string]*pending, srcEcos map[string]map[string]bool, rep *ImportReport, seq *int) error {
	type raw struct {
		seq  int
		name string
		data []byte
	}
	type done struct {
		seq  int
		p    *pending
		diag model.Diagnostic
	}
	in := make(chan raw, 64)
	out := make(chan done, 64)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for r := range in {
				rec, err := DecodeRecord(r.data)
				if err != nil {
					out <- done{seq: r.seq, diag: model.Diagnostic{
						Severity:  model.SevWarning,
						Location:  model.Location{Path: r.name},
						Message:   "skipping invalid OSV record: " + err.Error(),
						Extractor: "osv",
					}}
					continue
				}
				var buf bytes.Buffer
				buf.Grow(len(r.data))
				if json.Compact(&buf, r.data) != nil {
					buf.Reset()
					buf.Write(r.data)
				}
				out <- done{seq: r.seq, p: &pending{raw: buf.Bytes(), rec: rec, ecos: recordEcosystems(rec), seq: r.seq}}
			}
		})
	}
	var readErr error
	go func() {
		readErr = readSource(ctx, src, func(name string, data []byte) {
			in <- raw{seq: *seq, name: name, data: data}
			*seq++
		})
		close(in)
		wg.Wait()
		close(out)
	}()
	var skipped []done
	for d := range out {
		if d.p == nil {
			skipped = append(skipped, d)
			continue
		}
		p := d.p
		rep.Imported++
		if old, ok := recs[p.rec.ID]; ok {
			if c := old.rec.Modified.Compare(p.rec.Modified); c > 0 || c == 0 && old.seq > p.seq {
				continue
			}
		}
		recs[p.rec.ID] = p
		for _, e := range p.ecos {
			if srcEcos[e] == nil {
				srcEcos[e] = map[string]bool{}
			}
			srcEcos[e][src] = true
		}
	}
	sort.Slice(skipped, func(i, j int) bool { return skipped[i].seq < skipped[j].seq })
	for _, d := range skipped {
		rep.Skipped = append(rep.Skipped, d.diag)
	}
	return readErr
}

// Import reads OSV records from sources — osv.dev zip files
// (<Ecosystem>/all.zip), single JSON records, or folders walked for both
// (so a mirror of osv.dev's bucket imports in one go) — and writes a new database in dbDir, which it creates
// if needed. The new database is written to a temporary file beside the old
// one, synced and renamed over it, so a failed or cancelled import leaves the
// previous database as it was. Invalid records are skipped and reported;
// an unreadable source fails the import.
func Import(ctx context.Context, dbDir string, sources []string, opts ImportOptions) (*ImportReport, error) {
	if len(sources) == 0 {
		return nil, errors.New("no sources to import")
	}
	now := time.Now
	if opts.Now != nil {
		now = opts.Now
	}
	at := now().UTC().Truncate(time.Second)
	rep := &ImportReport{}
	recs := map[string]*pending{}
	srcEcos := map[string]map[string]bool{} // ecosystem → sources
	seq := 0
	for _, src := range sources {
		abs, err := filepath.Abs(src)
		if err != nil {
			return nil, err
		}
		if err := importSource(ctx, abs, recs, srcEcos, rep, &seq); err != nil {
			return nil, fmt.Errorf("importing %s: %w", src, err)
		}
	}
	statuses := map[string]*EcosystemStatus{}
	for e, srcs := range srcEcos {
		st := &EcosystemStatus{Ecosystem: e, ImportedAt: at}
		for s := range srcs {
			st.Sources = append(st.Sources, s)
		}
		sort.Strings(st.Sources)
		statuses[e] = st
	}
	if !opts.Replace {
		kept, err := carryOver(dbDir, recs, srcEcos, statuses)
		if err != nil {
			return nil, err
		}
		rep.Kept = kept
	}
	for _, p := range recs {
		for _, e := range p.ecos {
			st := statuses[e]
			st.Records++
			if !p.rec.Withdrawn.IsZero() {
				st.Withdrawn++
			}
			if p.rec.Modified.After(st.NewestModified) {
				st.NewestModified = p.rec.Modified.UTC()
			}
		}
	}
	m := meta{Format: formatVer, Records: len(recs)}
	for _, st := range statuses {
		if st.Records > 0 {
			m.Ecosystems = append(m.Ecosystems, *st)
		}
	}
	sort.Slice(m.Ecosystems, func(i, j int) bool { return m.Ecosystems[i].Ecosystem < m.Ecosystems[j].Ecosystem })
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dbDir, 0o755); err != nil {
		return nil, err
	}
	removeStaleTemps(dbDir, at)
	if err := writeDB(ctx, dbDir, recs, &m); err != nil {
		return nil, err
	}
	rep.Records = len(recs)
	rep.Ecosystems = m.Ecosystems
	return rep, nil
}

// carryOver adds the records of the old database whose ecosystems the new
// sources do not cover.
func carryOver(dbDir string, recs map[string]*pending, covered map[string]map[string]bool, statuses map[string]*EcosystemStatus) (int, error) {
	old, err := Open(dbDir)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("reading the previous database (import with Replace to start afresh): %w", err)
	}
	defer old.Close()
	for _, st := range old.meta.Ecosystems {
		if covered[st.Ecosystem] == nil {
			s := st
			s.Records, s.Withdrawn, s.NewestModified = 0, 0, time.Time{}
			statuses[st.Ecosystem] = &s
		}
	}
	kept := 0
	for i := 0; i < old.n; i++ {
		key, blob, err := old.entry(i)
		if err != nil {
			return 0, err
		}
		if !bytes.HasPrefix(key, []byte(idPrefix)) {
			continue
		}
		id := string(key[len(idPrefix):])
		if _, ok := recs[id]; ok {
			continue
		}
		ie, err := decodeIDBlob(string(blob))
		if err != nil {
			return 0, err
		}
		keep := true
		for _, e := range ie.ecos {
			if covered[e] != nil || statuses[e] == nil {
				keep = false
			}
		}
		if !keep {
			continue
		}
		raw, err := old.raw(ie.span)
		if err != nil {
			return 0, err
		}
		rec, err := DecodeRecord(raw)
		if err != nil {
			return 0, fmt.Errorf("previous database: %w", err)
		}
		recs[id] = &pending{raw: append([]byte(nil), raw...), rec: rec, ecos: ie.ecos}
		kept++
	}
	return kept, nil
}

func recordEcosystems(r *Record) []string {
	var out []string
	for _, a := range r.Affected {
		e := gitEco
		if a.Package.Ecosystem != "" {
			e, _, _ = strings.Cut(a.Package.Ecosystem, ":")
		}
		out = appendUnique(out, e)
	}
	if len(out) == 0 {
		out = []string{gitEco}
	}
	sort.Strings(out)
	return out
}

func appendUnique(s []string, v string) []string {
	for _, x := range s {
		if x == v {
			return s
		}
	}
	return append(s, v)
}

// readSource calls fn with every JSON record of src: a zip, a JSON file, or
// a folder walked for both.
func readSource(ctx context.Context, src string, fn func(name string, data []byte)) error {
	fi, err := os.Stat(src)
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return readFile(ctx, src, fn)
	}
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(p, ".json") && !strings.HasSuffix(p, ".zip") {
			return nil
		}
		return readFile(ctx, p, fn)
	})
}

func readFile(ctx context.Context, p string, fn func(name string, data []byte)) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if strings.HasSuffix(p, ".json") {
		data, err := readCapped(p)
		if err != nil {
			return err
		}
		fn(p, data)
		return nil
	}
	zr, err := zip.OpenReader(p)
	if err != nil {
		return fmt.Errorf("%s: %w", p, err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.FileInfo().IsDir() || !strings.HasSuffix(f.Name, ".json") {
			continue
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		rc, err := f.Open()
		if err != nil {
			return fmt.Errorf("%s!%s: %w", p, f.Name, err)
		}
		data, err := io.ReadAll(io.LimitReader(rc, maxRecordSize+1))
		rc.Close()
		if err != nil {
			return fmt.Errorf("%s!%s: %w", p, f.Name, err)
		}
		fn(p+"!"+f.Name, data)
	}
	return nil
}

func readCapped(p string) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, maxRecordSize+1))
}

const (
	idPrefix  = "i\x00"
	pkgPrefix = "p\x00"
)

func pkgKey(eco, normName string) string { return pkgPrefix + eco + "\x00" + normName }

// index is the content of a database before it is laid out in a file.
type index struct {
	ids    []string // sorted
	keys   []string // sorted: id keys and package keys
	blobs  map[string][]byte
	recLen uint64 // bytes of all records, which follow each other in ids order
}

// buildIndex encodes the index of recs. Record spans are relative to the
// records region.
func buildIndex(recs map[string]*pending) *index {
	ids := make([]string, 0, len(recs))
	for id := range recs {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	spans := make(map[string]span, len(ids))
	var recLen uint64
	for _, id := range ids {
		n := uint64(len(recs[id].raw))
		spans[id] = span{off: recLen, len: n}
		recLen += n
	}
	blobs := map[string][]byte{}
	pkgBlobs := map[string][]byte{}
	counts := map[string][3]int{} // entries, ranges, events of a package key
	for _, id := range ids {
		p := recs[id]
		var b []byte
		b = putSpan(b, spans[id])
		w := byte(0)
		if !p.rec.Withdrawn.IsZero() {
			w = 1
		}
		b = append(b, w)
		b = binary.AppendUvarint(b, uint64(len(p.ecos)))
		for _, e := range p.ecos {
			b = putStr(b, e)
		}
		b = appendAdvisory(b, p.rec)
		blobs[idPrefix+id] = b
		if w == 1 {
			continue // withdrawn records are kept for Record but never matched
		}
		for ai, a := range p.rec.Affected {
			if a.Package.Name == "" {
				continue
			}
			k := pkgKey(a.Package.Ecosystem, NormalizeName(a.Package.Ecosystem, a.Package.Name))
			c := counts[k]
			c[0]++
			c[1] += len(a.Ranges)
			for _, r := range a.Ranges {
				c[2] += len(r.Events)
			}
			counts[k] = c
			pkgBlobs[k] = appendAffected(pkgBlobs[k], id, ai, &a)
		}
	}
	// A package blob starts with its numbers of entries, ranges and events,
	// so that decoding allocates each slice once.
	for k, b := range pkgBlobs {
		c := counts[k]
		h := make([]byte, 0, 3*binary.MaxVarintLen32+len(b))
		for _, n := range c {
			h = binary.AppendUvarint(h, uint64(n))
		}
		blobs[k] = append(h, b...)
	}
	keys := make([]string, 0, len(blobs))
	for k := range blobs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return &index{ids: ids, keys: keys, blobs: blobs, recLen: recLen}
}

// writeDB writes the database to a temporary file in dir and renames it
// over dir/osv.db.
func writeDB(ctx context.Context, dir string, recs map[string]*pending, m *meta) (err error) {
	ix := buildIndex(recs)
	ids, keys, blobs, recLen := ix.ids, ix.keys, ix.blobs, ix.recLen
	// Layout: header | meta JSON | index entries | keys | blobs | records.
	// An index entry is the offset and length of its key and its blob.
	metaJSON, err := json.Marshal(m)
	if err != nil {
		return err
	}

	tmp, err := os.CreateTemp(dir, "."+FileName+".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	metaOff := uint64(headerSize)
	idxOff := metaOff + uint64(len(metaJSON))
	keysOff := idxOff + uint64(len(keys))*entrySize
	var keysLen, blobsLen uint64
	for _, k := range keys {
		keysLen += uint64(len(k))
		blobsLen += uint64(len(blobs[k]))
	}
	blobsOff := keysOff + keysLen
	recOff := blobsOff + blobsLen

	hdr := make([]byte, 0, headerSize)
	hdr = append(hdr, magic...)
	for _, v := range []uint64{metaOff, uint64(len(metaJSON)), idxOff, uint64(len(keys)), recOff, recLen} {
		hdr = binary.LittleEndian.AppendUint64(hdr, v)
	}
	bw := newWriter(tmp)
	bw.write(hdr)
	bw.write(metaJSON)
	ko, bo := keysOff, blobsOff
	var e [entrySize]byte
	for _, k := range keys {
		binary.LittleEndian.PutUint64(e[0:], ko)
		binary.LittleEndian.PutUint32(e[8:], uint32(len(k)))
		binary.LittleEndian.PutUint64(e[12:], bo)
		binary.LittleEndian.PutUint32(e[20:], uint32(len(blobs[k])))
		bw.write(e[:])
		ko += uint64(len(k))
		bo += uint64(len(blobs[k]))
	}
	for _, k := range keys {
		bw.write([]byte(k))
	}
	for _, k := range keys {
		bw.write(blobs[k])
	}
	for i, id := range ids {
		if i%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		bw.write(recs[id].raw)
	}
	if err := bw.flush(); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), filepath.Join(dir, FileName)); err != nil {
		return err
	}
	syncDir(dir)
	return nil
}

// removeStaleTemps removes the temporary files of imports that died more
// than an hour before now (a running import touches its file constantly).
func removeStaleTemps(dir string, now time.Time) {
	olds, _ := filepath.Glob(filepath.Join(dir, "."+FileName+".tmp-*"))
	for _, p := range olds {
		if fi, err := os.Stat(p); err == nil && now.Sub(fi.ModTime()) > time.Hour {
			os.Remove(p)
		}
	}
}

// syncDir makes the rename durable where the platform allows it.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

type writer struct {
	w   io.Writer
	buf []byte
	err error
}

func newWriter(w io.Writer) *writer { return &writer{w: w, buf: make([]byte, 0, 1<<20)} }

func (w *writer) write(p []byte) {
	if w.err != nil {
		return
	}
	if len(w.buf)+len(p) > cap(w.buf) {
		w.flush()
		if len(p) > cap(w.buf) {
			if w.err == nil {
				_, w.err = w.w.Write(p)
			}
			return
		}
	}
	w.buf = append(w.buf, p...)
}

func (w *writer) flush() error {
	if w.err == nil && len(w.buf) > 0 {
		_, w.err = w.w.Write(w.buf)
	}
	w.buf = w.buf[:0]
	return w.err
}

type span struct{ off, len uint64 }

func putSpan(b []byte, s span) []byte {
	b = binary.AppendUvarint(b, s.off)
	return binary.AppendUvarint(b, s.len)
}

func putStr(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

const (
	evIntroduced byte = iota + 1
	evFixed
	evLastAffected
	evLimit
)

// appendAffected encodes one affected entry of a record for a package key:
// count-prefixed so that several records share one blob.
func appendAffected(b []byte, id string, ai int, a *Affected) []byte {
	b = putStr(b, id)
	b = binary.AppendUvarint(b, uint64(ai))
	b = binary.AppendUvarint(b, uint64(len(a.Ranges)))
	for _, r := range a.Ranges {
		b = putStr(b, r.Type)
		b = putStr(b, r.Repo)
		b = binary.AppendUvarint(b, uint64(len(r.Events)))
		for _, e := range r.Events {
			switch {
			case e.Introduced != "":
				b = append(b, evIntroduced)
				b = putStr(b, e.Introduced)
			case e.Fixed != "":
				b = append(b, evFixed)
				b = putStr(b, e.Fixed)
			case e.LastAffected != "":
				b = append(b, evLastAffected)
				b = putStr(b, e.LastAffected)
			default:
				b = append(b, evLimit)
				b = putStr(b, e.Limit)
			}
		}
	}
	b = binary.AppendUvarint(b, uint64(len(a.Versions)))
	for _, v := range a.Versions {
		b = putStr(b, v)
	}
	return b
}

var errCorrupt = errors.New("osv database is corrupt; import it again")

// decoder reads a blob held in one string, so that every string it returns
// shares the blob's memory.
type decoder struct {
	s   string
	err error
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	var x uint64
	var shift uint
	for i := 0; i < len(d.s) && i < binary.MaxVarintLen64; i++ {
		c := d.s[i]
		if c < 0x80 {
			d.s = d.s[i+1:]
			return x | uint64(c)<<shift
		}
		x |= uint64(c&0x7f) << shift
		shift += 7
	}
	d.err = errCorrupt
	return 0
}

func (d *decoder) byte() byte {
	if d.err != nil || len(d.s) == 0 {
		d.err = errCorrupt
		return 0
	}
	c := d.s[0]
	d.s = d.s[1:]
	return c
}

func (d *decoder) str() string {
	n := d.uvarint()
	if d.err != nil || n > uint64(len(d.s)) {
		d.err = errCorrupt
		return ""
	}
	s := d.s[:n]
	d.s = d.s[n:]
	return s
}

// count reads a length and checks it against the bytes left, each item
// taking at least one byte.
func (d *decoder) count() int {
	n := d.uvarint()
	if n > uint64(len(d.s)) {
		d.err = errCorrupt
		return 0
	}
	return int(n)
}

type idEntry struct {
	span      span
	withdrawn bool
	ecos      []string
	d         *decoder // positioned at the advisory
}

func decodeIDBlob(s string) (idEntry, error) {
	d := &decoder{s: s}
	var e idEntry
	e.span = span{d.uvarint(), d.uvarint()}
	e.withdrawn = d.byte() == 1
	e.ecos = d.strs()
	e.d = d
	return e, d.err
}

func decodeAffectedBlob(s string) ([]Entry, error) {
	d := &decoder{s: s}
	// Entries, ranges and events each go into one slice sized by the
	// blob's header, so a lookup makes three allocations however many
	// records name the package.
	ne, nr, nev := d.count(), d.count(), d.count()
	if d.err != nil {
		return nil, d.err
	}
	out := make([]Entry, 0, ne)
	ranges := make([]Range, 0, nr)
	events := make([]Event, 0, nev)
	for len(d.s) > 0 && d.err == nil {
		var e Entry
		e.ID = d.str()
		e.Affected = int(d.uvarint())
		n := d.count()
		r0 := len(ranges)
		for i := 0; i < n && d.err == nil; i++ {
			var r Range
			r.Type = d.str()
			r.Repo = d.str()
			m := d.count()
			e0 := len(events)
			for j := 0; j < m && d.err == nil; j++ {
				var ev Event
				k, v := d.byte(), d.str()
				switch k {
				case evIntroduced:
					ev.Introduced = v
				case evFixed:
					ev.Fixed = v
				case evLastAffected:
					ev.LastAffected = v
				case evLimit:
					ev.Limit = v
				default:
					d.err = errCorrupt
				}
				events = append(events, ev)
			}
			// A header that undercounts makes append move the backing
			// array; the ranges cut so far keep the old one, which is
			// still correct.
			r.Events = events[e0:len(events):len(events)]
			ranges = append(ranges, r)
		}
		if len(ranges) > r0 {
			e.Ranges = ranges[r0:len(ranges):len(ranges)]
		}
		// The versions list stays encoded: matching only asks whether it
		// holds one string, which a scan answers without allocating.
		start := d.s
		nv := d.count()
		for i := 0; i < nv && d.err == nil; i++ {
			d.str()
		}
		e.versions = start[:len(start)-len(d.s)]
		out = append(out, e)
	}
	if d.err != nil {
		return nil, d.err
	}
	return out, nil
}

// listHas reports whether the encoded versions list holds v.
func listHas(list, v string) bool {
	d := &decoder{s: list}
	n := d.count()
	for i := 0; i < n && d.err == nil; i++ {
		if d.str() == v {
			return true
		}
	}
	return false
}

// listAll decodes an encoded versions list.
func listAll(list string) []string {
	d := &decoder{s: list}
	n := d.count()
	if n == 0 {
		return nil
	}
	out := make([]string, 0, n)
	for i := 0; i < n && d.err == nil; i++ {
		out = append(out, d.str())
	}
	return out
}
