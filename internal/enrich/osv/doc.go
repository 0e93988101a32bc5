// Package osv owns ossaudit's local OSV advisory database and the matching
// of packages against it; it is the first package of the enrich stage.
//
// # Importing
//
// [Import] reads osv.dev's per-ecosystem zips (<Ecosystem>/all.zip), folders
// of OSV JSON records or single records, validates every record
// ([DecodeRecord]: required fields, known range types, well-formed events,
// GIT commit hashes) and writes one database file, osv.db, in the database
// folder. An invalid record is skipped with a warning naming its id and
// file; an unreadable source fails the import. Records of ecosystems the new
// sources do not cover are carried over from the previous database unless
// [ImportOptions].Replace is set, so zips can be imported one at a time.
//
// The new file is written beside the old one under a temporary name, synced,
// and renamed over it; the folder is synced after. A failed or cancelled
// import, or a crash, leaves the previous database untouched (the tests
// cancel an import at every point where it checks its context). Temporary
// files of imports that died are removed by the next import after an hour.
// Two imports running at once do not corrupt the database: the last rename
// wins.
//
// # Updating
//
// [Update] refreshes the database from osv.dev (or a mirror): it fetches
// each ecosystem's <Ecosystem>/all.zip into a cache beside the database,
// revalidating cached archives with If-None-Match / If-Modified-Since so an
// unchanged archive is not downloaded again, with a timeout on silence,
// retries with backoff that honour Retry-After, and progress reported
// through a callback. A download is written under a temporary name,
// checked as a zip and renamed only when complete; the database is then
// rebuilt through [Import] and swapped in atomically, only when something
// changed. One ecosystem failing does not stop the others, and a failed or
// cancelled update leaves the previous database and cache as they were.
//
// # Storage
//
// The file is the package's own format, memory-mapped by [Open]:
//
//	header | status (JSON) | index entries | keys | blobs | records (JSON)
//
// Index entries are fixed-size (key offset and length, blob offset and
// length) and sorted by key, so a lookup is a binary search in place, with
// nothing read or decoded at open but the 56-byte header and the status. A
// package key ("p", ecosystem, normalised name) leads to a blob holding, for
// each record naming the package, what matching needs: record id, the
// affected entry's ranges and events, and its explicit versions list. An id
// key ("i", id) leads to the record's ecosystems, withdrawn flag and an
// [Advisory] (aliases, summary, severity vectors, dates, references) in a
// small binary encoding, so matching decodes no JSON at all; the record's
// full JSON is read only by [DB.Record]. Blobs are copied out of the
// mapping as they are decoded, so nothing returned points into the mapped
// file and results outlive [DB.Close].
//
// Three designs were measured on the shared snapshot (26,435 valid records
// of 14 ecosystems, 41,525 keys), on 2 shared cores (load average 6–7 from
// other work, so absolute times are pessimistic; the ratios held across
// runs):
//
//	                        this format   go.etcd.io/bbolt   gob map
//	write (records in RAM)    1.0 s          3.0 s            0.9 s
//	file size                 75 MB          111 MB           75 MB
//	open                      28–42 µs       38–50 µs         128–168 ms
//	lookup, miss              0.3 µs         –                –
//	5 lookups incl. django    0.20–0.26 ms   0.24–0.37 ms     0.12–0.26 ms
//
// bbolt (B+tree pages in one mapped file, the same blobs as values) opens as
// fast, but writes three times slower and half as large again, and brings a
// dependency for what is a write-once, read-only table. A gob-encoded map
// decoded at open looks up fastest but takes over 100 ms and 350 MB of
// allocation to open, far from the 20 ms target; reading the file whole
// with os.ReadFile alone takes 16 ms. So the database is a sorted index
// that needs no decoding to open. The comparison programs were run from a
// scratch module and are not kept; the figures of this package's own
// benchmarks are below.
//
// # Matching
//
// [DB.Match] follows the OSV rules: SEMVER and ECOSYSTEM ranges are walked
// in version order (introduced opens an interval, fixed closes it at that
// version, last_affected after it; a range with limit events also needs the
// version below one of them); an explicit versions list matches by exact
// string; GIT ranges are kept for display in [Finding].Ranges and decide
// only for a package that carries a full commit hash (a property
// "<ecosystem>:commit" or "<ecosystem>:revision") equal to one of the
// range's events — any other commit would need the repository's history,
// which ossaudit does not fetch, and gets an info diagnostic; withdrawn
// records never match; database_specific and
// ecosystem_specific are not read. Package names are compared in their
// ecosystem's normalised form ([NormalizeName]: PEP 503 for PyPI, lower case
// where the registry ignores case, Maven group:artifact). Versions are
// ordered by [version.Parse]; a version that does not parse, an ecosystem
// without a scheme, or a package without an exact version gives a warning
// naming the advisories that could not be evaluated, never a verdict.
//
// # Performance
//
// The benchmarks of this package on the shared snapshot, 2 cores shared
// with other work (load average about 3), Go 1.26:
//
//	BenchmarkImportAll        1.78–1.89 s   all 14 zips, 26,435 records, 71 MiB file
//	BenchmarkOpen             44–47 µs      target 20 ms
//	BenchmarkOpenLookup       107–117 µs    open, look up PyPI "pillow", close
//	BenchmarkLookup           100–117 µs    PyPI "django": 116 records, the largest blob
//	BenchmarkMatch10k         49–50 ms      target 50 ms; every one of the 10,000
//	                                        packages is named by advisories, at
//	                                        versions taken from their events:
//	                                        21,531 findings
//	BenchmarkMatch10kTypical  10–12 ms      one package in ten named by advisories
//
// Matching costs about 1 µs for a package no record names (a binary
// search of 41,525 keys) and a few µs per record for one that is named.
// Import is bound by JSON decoding, which runs on every processor, and by
// inflating the zips.
package osv
