package osv

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/ossaudit/ossaudit/version"
)

// DB is an opened advisory database. Its methods are safe for concurrent
// use; Close must not run while another method does.
type DB struct {
	data    []byte // the whole file, memory-mapped where the platform allows
	unmap   func() error
	meta    meta
	idxOff  uint64
	n       int
	records []byte
	closed  bool
	// parseVersion replaces version.Parse in tests.
	parseVersion func(eco, s string) (version.Version, error)
}

// Entry is one affected entry of a record for one package: what matching
// needs without decoding the record.
type Entry struct {
	ID string
	// Affected is the index of the entry in the record's affected list.
	Affected int
	Ranges   []Range
	// versions is the encoded explicit versions list.
	versions string
}

// Versions returns the entry's explicit list of affected versions.
func (e *Entry) Versions() []string { return listAll(e.versions) }

// HasVersion reports whether the explicit versions list holds v exactly.
func (e *Entry) HasVersion(v string) bool { return e.versions != "" && listHas(e.versions, v) }

// Open opens the database in dbDir. It maps the file and reads only its
// header and status; lookups read the index in place. The error wraps
// fs.ErrNotExist when no database has been imported.
func Open(dbDir string) (*DB, error) {
	path := filepath.Join(dbDir, FileName)
	data, unmap, err := mapFile(path)
	if err != nil {
		return nil, err
	}
	db := &DB{data: data, unmap: unmap}
	if err := db.parse(); err != nil {
		db.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return db, nil
}

func (db *DB) parse() error {
	d := db.data
	if len(d) < headerSize || string(d[:8]) != magic {
		return errCorrupt
	}
	var h [6]uint64
	for i := range h {
		h[i] = binary.LittleEndian.Uint64(d[8+8*i:])
	}
	size := uint64(len(d))
	metaOff, metaLen, idxOff, n, recOff, recLen := h[0], h[1], h[2], h[3], h[4], h[5]
	if metaOff > size || metaLen > size-metaOff || idxOff > size || n > (size-idxOff)/entrySize ||
		recOff > size || recLen > size-recOff {
		return errCorrupt
	}
	if err := json.Unmarshal(d[metaOff:metaOff+metaLen], &db.meta); err != nil {
		return errCorrupt
	}
	if db.meta.Format != formatVer {
		return fmt.Errorf("osv database format %d is not %d; import it again", db.meta.Format, formatVer)
	}
	db.idxOff, db.n = idxOff, int(n)
	db.records = d[recOff : recOff+recLen]
	return nil
}

// Close releases the database. Entries and records returned earlier stay
// valid: they never point into the mapped file.
func (db *DB) Close() error {
	if db.unmap == nil {
		return nil
	}
	err := db.unmap()
	db.unmap, db.data, db.records, db.n = nil, nil, nil, 0
	db.closed = true
	return err
}

// Status returns one row per ecosystem, sorted by name.
func (db *DB) Status() []EcosystemStatus {
	out := make([]EcosystemStatus, len(db.meta.Ecosystems))
	copy(out, db.meta.Ecosystems)
	return out
}

// Records returns the number of records, withdrawn ones included.
func (db *DB) Records() int { return db.meta.Records }

// entry returns the key and blob of index entry i.
func (db *DB) entry(i int) (key, blob []byte, err error) {
	e := db.data[db.idxOff+uint64(i)*entrySize:]
	ko := binary.LittleEndian.Uint64(e)
	kl := uint64(binary.LittleEndian.Uint32(e[8:]))
	bo := binary.LittleEndian.Uint64(e[12:])
	bl := uint64(binary.LittleEndian.Uint32(e[20:]))
	size := uint64(len(db.data))
	if ko > size || kl > size-ko || bo > size || bl > size-bo {
		return nil, nil, errCorrupt
	}
	return db.data[ko : ko+kl], db.data[bo : bo+bl], nil
}

var errClosed = errors.New("osv database is closed")

// find returns the blob stored under key, or nil.
func (db *DB) find(key []byte) ([]byte, error) {
	if db.closed {
		return nil, errClosed
	}
	var ferr error
	i := sort.Search(db.n, func(i int) bool {
		k, _, err := db.entry(i)
		if err != nil {
			ferr = err
			return true
		}
		return bytes.Compare(k, key) >= 0
	})
	if ferr != nil {
		return nil, ferr
	}
	if i == db.n {
		return nil, nil
	}
	k, b, err := db.entry(i)
	if err != nil || !bytes.Equal(k, key) {
		return nil, err
	}
	return b, nil
}

// Lookup returns the affected entries of the records (withdrawn ones left
// out) that name the package name in ecosystem eco, the full OSV ecosystem
// name ("PyPI", "Debian:12"). The name is normalised with NormalizeName.
func (db *DB) Lookup(eco, name string) ([]Entry, error) {
	key := make([]byte, 0, len(pkgPrefix)+len(eco)+1+len(name)+8)
	key = append(key, pkgPrefix...)
	key = append(key, eco...)
	key = append(key, 0)
	key = append(key, NormalizeName(eco, name)...)
	b, err := db.find(key)
	if err != nil || len(b) == 0 {
		return nil, err
	}
	// One copy of the blob; every string of the entries shares it.
	return decodeAffectedBlob(string(b))
}

// lookupID returns the index entry of the record with the given id, or nil
// when there is none.
func (db *DB) lookupID(id string) (*idEntry, error) {
	b, err := db.find([]byte(idPrefix + id))
	if err != nil || b == nil {
		return nil, err
	}
	ie, err := decodeIDBlob(string(b))
	if err != nil {
		return nil, err
	}
	return &ie, nil
}

// Record returns the record with the given id (withdrawn records too), or
// nil when there is none.
func (db *DB) Record(id string) (*Record, error) {
	ie, err := db.lookupID(id)
	if err != nil || ie == nil {
		return nil, err
	}
	return db.record(ie.span)
}

// Advisory returns the advisory part of the record with the given id
// (withdrawn records too) without decoding its JSON, or nil.
func (db *DB) Advisory(id string) (*Advisory, error) {
	ie, err := db.lookupID(id)
	if err != nil || ie == nil {
		return nil, err
	}
	a := ie.d.advisory(id)
	return a, ie.d.err
}

// RawRecord returns the record's JSON as imported (compacted), or nil.
func (db *DB) RawRecord(id string) ([]byte, error) {
	ie, err := db.lookupID(id)
	if err != nil || ie == nil {
		return nil, err
	}
	raw, err := db.raw(ie.span)
	if err != nil {
		return nil, err
	}
	return bytes.Clone(raw), nil
}

func (db *DB) raw(s span) ([]byte, error) {
	if s.off > uint64(len(db.records)) || s.len > uint64(len(db.records))-s.off {
		return nil, errCorrupt
	}
	return db.records[s.off : s.off+s.len], nil
}

func (db *DB) record(s span) (*Record, error) {
	raw, err := db.raw(s)
	if err != nil {
		return nil, err
	}
	var r Record
	if err := json.Unmarshal(raw, &r); err != nil {
		return nil, errCorrupt
	}
	return &r, nil
}

// EnvDB names the environment variable that overrides DefaultDir.
const EnvDB = "OSSAUDIT_DB"

// DefaultDir returns the database folder: $OSSAUDIT_DB when set, else
// ossaudit/osv in the user's cache folder. getenv is os.Getenv outside
// tests.
func DefaultDir(getenv func(string) string) (string, error) {
	if d := getenv(EnvDB); d != "" {
		return d, nil
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("finding the advisory database folder (set %s or pass --db): %w", EnvDB, err)
	}
	return filepath.Join(cache, "ossaudit", "osv"), nil
}
