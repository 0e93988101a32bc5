package osv

import (
	"archive/zip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/ossaudit/ossaudit/model"
)

var fixedNow = func() time.Time { return time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC) }

func mustTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return t
}

// importRecords imports testdata/records into a new folder.
func importRecords(t *testing.T) (string, *ImportReport) {
	t.Helper()
	dir := t.TempDir()
	rep, err := Import(context.Background(), dir, []string{"testdata/records"}, ImportOptions{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	return dir, rep
}

func skippedIDs(ds []model.Diagnostic) []string {
	var out []string
	for _, d := range ds {
		out = append(out, filepath.Base(d.Location.Path)+": "+d.Message)
	}
	return out
}

func TestImportFolder(t *testing.T) {
	dir, rep := importRecords(t)
	abs, _ := filepath.Abs("testdata/records")
	wantSkipped := []string{
		`GO-2020-0001-MALFORMED.json: skipping invalid OSV record: GO-2020-0001-MALFORMED: affected[0].ranges[0]: unknown range type "SEMVERX"`,
		"TRUNCATED.json: skipping invalid OSV record: unexpected end of JSON input",
	}
	if diff := cmp.Diff(wantSkipped, skippedIDs(rep.Skipped)); diff != "" {
		t.Errorf("skipped (-want +got):\n%s", diff)
	}
	if got := []int{rep.Records, rep.Imported, rep.Kept}; !cmp.Equal(got, []int{11, 11, 0}) {
		t.Errorf("records, imported, kept = %v, want [11 11 0]", got)
	}
	db, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	at := fixedNow()
	src := []string{abs}
	want := []EcosystemStatus{
		{Ecosystem: "GIT", Records: 1, Sources: src, ImportedAt: at, NewestModified: mustTime("2023-08-28T16:57:11Z")},
		{Ecosystem: "Go", Records: 1, Sources: src, ImportedAt: at, NewestModified: mustTime("2024-05-20T16:03:47Z")},
		{Ecosystem: "Maven", Records: 1, Sources: src, ImportedAt: at, NewestModified: mustTime("2026-01-02T03:04:05Z")},
		{Ecosystem: "PyPI", Records: 4, Withdrawn: 1, Sources: src, ImportedAt: at, NewestModified: mustTime("2023-05-25T05:07:00Z")},
		{Ecosystem: "crates.io", Records: 1, Sources: src, ImportedAt: at, NewestModified: mustTime("2025-10-28T06:02:18Z")},
		{Ecosystem: "npm", Records: 3, Sources: src, ImportedAt: at, NewestModified: mustTime("2026-01-02T03:04:05Z")},
	}
	if diff := cmp.Diff(want, db.Status()); diff != "" {
		t.Errorf("status (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, rep.Ecosystems); diff != "" {
		t.Errorf("report ecosystems (-want +got):\n%s", diff)
	}
	if db.Records() != 11 {
		t.Errorf("Records() = %d, want 11", db.Records())
	}
}

func TestLookup(t *testing.T) {
	dir, _ := importRecords(t)
	db, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tests := []struct {
		eco, name string
		want      []string // id/affected index
	}{
		{"PyPI", "JW_Util", []string{"PYSEC-2020-341"}},
		{"PyPI", "jw.util", []string{"PYSEC-2020-341"}},
		{"PyPI", "PILLOW", []string{"PYSEC-2022-42980"}},
		{"PyPI", "loguru", nil}, // withdrawn
		{"Maven", "org.example:widget", []string{"TEST-MAVEN-1"}},
		{"Maven", "org.example/widget", []string{"TEST-MAVEN-1"}},
		{"Maven", "org.example:WIDGET", nil},
		{"Go", "github.com/gin-gonic/gin", []string{"GO-2020-0001"}},
		{"Go", "github.com/Gin-Gonic/gin", nil},
		{"npm", "express", []string{"x_NSWG-ECO-8"}},
		{"npm", "Express", nil},
		{"crates.io", "Serde-Json-Wasm", []string{"RUSTSEC-2024-0012"}},
		{"npm", "nothing-here", nil},
		{"", "", nil},
	}
	for _, tt := range tests {
		es, err := db.Lookup(tt.eco, tt.name)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range es {
			got = append(got, e.ID)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Lookup(%q, %q) (-want +got):\n%s", tt.eco, tt.name, diff)
		}
	}
	es, _ := db.Lookup("PyPI", "pillow")
	want := []Entry{{ID: "PYSEC-2022-42980", Ranges: []Range{
		{Type: "GIT", Repo: "https://github.com/python-pillow/Pillow", Events: []Event{{Introduced: "0"}, {Fixed: "2444cddab2f83f28687c7c20871574acbb6dbcf3"}}},
		{Type: "ECOSYSTEM", Events: []Event{{Introduced: "9.2.0"}, {Fixed: "9.3.0"}}},
	}}}
	if diff := cmp.Diff(want, es, cmpopts.IgnoreUnexported(Entry{})); diff != "" {
		t.Errorf("pillow entries (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"9.2.0"}, es[0].Versions()); diff != "" {
		t.Errorf("pillow versions (-want +got):\n%s", diff)
	}
	if !es[0].HasVersion("9.2.0") || es[0].HasVersion("9.2") {
		t.Error("HasVersion: want 9.2.0 and not 9.2")
	}
	// Withdrawn records stay readable by id.
	r, err := db.Record("PYSEC-2022-15")
	if err != nil || r == nil {
		t.Fatalf("Record(PYSEC-2022-15) = %v, %v", r, err)
	}
	if got := r.Withdrawn.Format(time.RFC3339); got != "2022-02-22T16:15:07Z" {
		t.Errorf("withdrawn = %s", got)
	}
	if r, err := db.Record("NOPE-1"); r != nil || err != nil {
		t.Errorf("Record(NOPE-1) = %v, %v; want nil, nil", r, err)
	}
	raw, err := db.RawRecord("GO-2020-0001")
	if err != nil {
		t.Fatal(err)
	}
	if r, err := DecodeRecord(raw); err != nil || r.ID != "GO-2020-0001" || r.Summary != "Arbitrary log line injection in github.com/gin-gonic/gin" {
		t.Errorf("RawRecord round trip: %v, %v", r, err)
	}
}

// writeZip writes the records of testdata/records into an osv.dev-style
// zip (flat <ID>.json entries).
func writeZip(t *testing.T, path string, names ...string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for _, n := range names {
		data, err := os.ReadFile(filepath.Join("testdata/records", n))
		if err != nil {
			t.Fatal(err)
		}
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

func TestImportZipAndMerge(t *testing.T) {
	tmp := t.TempDir()
	pypi, npm := filepath.Join(tmp, "PyPI-all.zip"), filepath.Join(tmp, "npm-all.zip")
	writeZip(t, pypi, "PYSEC-2020-341.json", "PYSEC-2022-15.json", "PYSEC-2022-42969.json", "PYSEC-2022-42980.json", "TRUNCATED.json")
	writeZip(t, npm, "x_NSWG-ECO-8.json", "TEST-LIMIT-1.json")
	dir := filepath.Join(tmp, "db")
	rep, err := Import(context.Background(), dir, []string{pypi}, ImportOptions{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"PyPI-all.zip!TRUNCATED.json: skipping invalid OSV record: unexpected end of JSON input"}, skippedIDs(rep.Skipped)); diff != "" {
		t.Errorf("skipped (-want +got):\n%s", diff)
	}
	if rep.Skipped[0].Location.Path != pypi+"!TRUNCATED.json" {
		t.Errorf("skipped path = %q", rep.Skipped[0].Location.Path)
	}
	later := func() time.Time { return fixedNow().Add(time.Hour) }
	rep, err = Import(context.Background(), dir, []string{npm}, ImportOptions{Now: later})
	if err != nil {
		t.Fatal(err)
	}
	if got := []int{rep.Records, rep.Imported, rep.Kept}; !cmp.Equal(got, []int{6, 2, 4}) {
		t.Errorf("records, imported, kept = %v, want [6 2 4]", got)
	}
	db, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		Eco        string
		N          int
		Src        string
		ImportedAt time.Time
	}
	var got []row
	for _, s := range db.Status() {
		got = append(got, row{s.Ecosystem, s.Records, filepath.Base(s.Sources[0]), s.ImportedAt})
	}
	db.Close()
	want := []row{{"PyPI", 4, "PyPI-all.zip", fixedNow()}, {"npm", 2, "npm-all.zip", later()}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("status after merge (-want +got):\n%s", diff)
	}
	// A folder of zips imports them all.
	rep, err = Import(context.Background(), filepath.Join(tmp, "db2"), []string{tmp}, ImportOptions{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	if got := []int{rep.Records, rep.Imported, len(rep.Skipped)}; !cmp.Equal(got, []int{6, 6, 1}) {
		t.Errorf("folder of zips: records, imported, skipped = %v, want [6 6 1]", got)
	}
	// Replace drops the PyPI records.
	rep, err = Import(context.Background(), dir, []string{npm}, ImportOptions{Replace: true, Now: later})
	if err != nil {
		t.Fatal(err)
	}
	if got := []int{rep.Records, rep.Kept, len(rep.Ecosystems)}; !cmp.Equal(got, []int{2, 0, 1}) {
		t.Errorf("records, kept, ecosystems after replace = %v, want [2 0 1]", got)
	}
}

// TestImportRealZip imports one of osv.dev's zips of the shared snapshot.
func TestImportRealZip(t *testing.T) {
	src := filepath.Join(sharedOSV, "npm", "all.zip")
	if _, err := os.Stat(src); err != nil {
		t.Skip("shared OSV snapshot not present")
	}
	dir := t.TempDir()
	rep, err := Import(context.Background(), dir, []string{src}, ImportOptions{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	if got := []int{rep.Records, len(rep.Skipped)}; !cmp.Equal(got, []int{467, 0}) {
		t.Errorf("records, skipped = %v, want [467 0]", got)
	}
	db, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	es, err := db.Lookup("npm", "express")
	if err != nil || len(es) == 0 {
		t.Errorf("Lookup(npm, express) = %d entries, %v", len(es), err)
	}
}

// countdown is a context that reports cancellation after n calls of Err,
// to interrupt an import at every point it checks.
type countdown struct {
	context.Context
	n atomic.Int64
}

func (c *countdown) Err() error {
	if c.n.Add(-1) < 0 {
		return context.Canceled
	}
	return nil
}

func TestInterruptedImportKeepsOldDB(t *testing.T) {
	dir, _ := importRecords(t)
	tmp := t.TempDir()
	zipPath := filepath.Join(tmp, "npm.zip")
	writeZip(t, zipPath, "x_NSWG-ECO-8.json", "TEST-LIMIT-1.json")
	check := func(when string) {
		t.Helper()
		db, err := Open(dir)
		if err != nil {
			t.Fatalf("%s: previous database unreadable: %v", when, err)
		}
		defer db.Close()
		if db.Records() != 11 {
			t.Errorf("%s: %d records, want the previous 11", when, db.Records())
		}
		es, err := db.Lookup("PyPI", "jw.util")
		if err != nil || len(es) != 1 {
			t.Errorf("%s: lookup = %d, %v", when, len(es), err)
		}
		left, _ := filepath.Glob(filepath.Join(dir, ".*tmp*"))
		if len(left) != 0 {
			t.Errorf("%s: temporary files left: %v", when, left)
		}
	}
	interrupted := 0
	for n := int64(0); ; n++ {
		ctx := &countdown{Context: context.Background()}
		ctx.n.Store(n)
		_, err := Import(ctx, dir, []string{zipPath}, ImportOptions{Replace: true})
		if err == nil {
			break
		}
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("cancel after %d checks: %v", n, err)
		}
		interrupted++
		check(fmt.Sprintf("after an import cancelled at check %d", n))
	}
	t.Logf("import interrupted at %d points", interrupted)
	if interrupted < 4 {
		t.Errorf("import interrupted at %d points, want at least 4 (reading, before and after writing)", interrupted)
	}
	// A source that does not exist fails before anything is written.
	dir2, _ := importRecords(t)
	dir = dir2
	if _, err := Import(context.Background(), dir, []string{filepath.Join(tmp, "missing.zip")}, ImportOptions{}); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing source: err = %v", err)
	}
	check("after a failed import")
	// A source that is not a zip fails too.
	notZip := filepath.Join(tmp, "not.zip")
	os.WriteFile(notZip, []byte("not a zip"), 0o644)
	if _, err := Import(context.Background(), dir, []string{notZip}, ImportOptions{}); err == nil {
		t.Error("not a zip: no error")
	}
	check("after importing a broken zip")
}

func TestStaleTempsRemoved(t *testing.T) {
	dir := t.TempDir()
	stale := filepath.Join(dir, "."+FileName+".tmp-123")
	fresh := filepath.Join(dir, "."+FileName+".tmp-456")
	for _, p := range []string{stale, fresh} {
		if err := os.WriteFile(p, []byte("partial"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	old := fixedNow().Add(-2 * time.Hour)
	os.Chtimes(stale, old, old)
	recent := fixedNow().Add(-time.Minute)
	os.Chtimes(fresh, recent, recent)
	if _, err := Import(context.Background(), dir, []string{"testdata/records"}, ImportOptions{Now: fixedNow}); err != nil {
		t.Fatal(err)
	}
	left, _ := filepath.Glob(filepath.Join(dir, ".*tmp*"))
	if diff := cmp.Diff([]string{fresh}, left); diff != "" {
		t.Errorf("temporary files left (-want +got):\n%s", diff)
	}
}

func TestOpenErrors(t *testing.T) {
	if _, err := Open(t.TempDir()); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("empty folder: err = %v, want fs.ErrNotExist", err)
	}
	dir, _ := importRecords(t)
	data, err := os.ReadFile(filepath.Join(dir, FileName))
	if err != nil {
		t.Fatal(err)
	}
	// Every truncation either fails to open or fails cleanly on use.
	for _, n := range []int{0, 7, headerSize - 1, headerSize, headerSize + 10, len(data) / 2, len(data) - 1} {
		os.WriteFile(filepath.Join(dir, FileName), data[:n], 0o644)
		db, err := Open(dir)
		if err != nil {
			continue
		}
		db.Lookup("PyPI", "pillow")
		db.Record("GO-2020-0001")
		db.Match([]model.Package{{ID: "p", Ecosystem: "PyPI", Name: "pillow", Version: "9.2.0"}})
		db.Close()
	}
	os.WriteFile(filepath.Join(dir, FileName), data[:headerSize-1], 0o644)
	if _, err := Open(dir); err == nil || !errors.Is(err, errCorrupt) {
		t.Errorf("short file: err = %v, want errCorrupt", err)
	}
}

func TestUseAfterClose(t *testing.T) {
	dir, _ := importRecords(t)
	db, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	es, err := db.Lookup("PyPI", "pillow")
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	// Entries read before Close stay valid.
	if es[0].ID != "PYSEC-2022-42980" || !es[0].HasVersion("9.2.0") {
		t.Errorf("entry after close: %+v", es[0])
	}
	if _, err := db.Lookup("PyPI", "pillow"); !errors.Is(err, errClosed) {
		t.Errorf("Lookup after Close: err = %v", err)
	}
	fs, ds := db.Match([]model.Package{{ID: "a", Ecosystem: "PyPI", Name: "pillow", Version: "9.2.0"}})
	if len(fs) != 0 || len(ds) != 1 || ds[0].Message != "reading the advisory database: osv database is closed" {
		t.Errorf("Match after Close = %v, %v", fs, ds)
	}
	if err := db.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}

func TestStatusIsACopy(t *testing.T) {
	dir, _ := importRecords(t)
	db, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s := db.Status()
	s[0].Records = -1
	got := db.Status()
	if got[0].Records == -1 {
		t.Error("Status shares its slice with the database")
	}
	names := []string{}
	for _, s := range got {
		names = append(names, s.Ecosystem)
	}
	if !sort.StringsAreSorted(names) {
		t.Errorf("status not sorted: %v", names)
	}
}

// TestAdvisoryMatchesRecord checks that the binary advisory of every record
// holds the same values as the record's JSON.
func TestAdvisoryMatchesRecord(t *testing.T) {
	dir, _ := importRecords(t)
	db, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	files, _ := filepath.Glob("testdata/records/*.json")
	n := 0
	for _, f := range files {
		data, _ := os.ReadFile(f)
		r, err := DecodeRecord(data)
		if err != nil {
			continue
		}
		n++
		want := &Advisory{ID: r.ID, Aliases: r.Aliases, Related: r.Related, Summary: r.Summary, Severity: r.Severity,
			Published: r.Published.UTC(), Modified: r.Modified.UTC(), Withdrawn: r.Withdrawn.UTC(), References: r.References}
		if r.Published.IsZero() {
			want.Published = time.Time{}
		}
		if r.Withdrawn.IsZero() {
			want.Withdrawn = time.Time{}
		}
		if r.Modified.IsZero() {
			want.Modified = time.Time{}
		}
		got, err := db.Advisory(r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("%s (-want +got):\n%s", r.ID, diff)
		}
		full, err := db.Record(r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(r, full); diff != "" {
			t.Errorf("Record(%s) (-want +got):\n%s", r.ID, diff)
		}
	}
	if n != 11 {
		t.Errorf("compared %d records, want 11", n)
	}
	a, _ := db.Advisory("TEST-MAVEN-1")
	if diff := cmp.Diff([]Severity{{Type: "CVSS_V3", Score: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H"}}, a.Severity); diff != "" {
		t.Errorf("severity (-want +got):\n%s", diff)
	}
}

func TestDefaultDir(t *testing.T) {
	got, err := DefaultDir(func(k string) string {
		if k == "OSSAUDIT_DB" {
			return "/data/osv"
		}
		return ""
	})
	if err != nil || got != "/data/osv" {
		t.Errorf("with OSSAUDIT_DB: %q, %v", got, err)
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		t.Skip("no user cache folder here")
	}
	got, err = DefaultDir(func(string) string { return "" })
	if want := filepath.Join(cache, "ossaudit", "osv"); err != nil || got != want {
		t.Errorf("default: %q, %v; want %q", got, err, want)
	}
}

func TestImportDuplicates(t *testing.T) {
	tmp := t.TempDir()
	orig, err := os.ReadFile("testdata/records/GO-2020-0001.json")
	if err != nil {
		t.Fatal(err)
	}
	variant := func(dir, modified, summary string) string {
		var m map[string]any
		if err := json.Unmarshal(orig, &m); err != nil {
			t.Fatal(err)
		}
		m["modified"], m["summary"] = modified, summary
		data, _ := json.Marshal(m)
		p := filepath.Join(tmp, dir)
		os.MkdirAll(p, 0o755)
		if err := os.WriteFile(filepath.Join(p, "GO-2020-0001.json"), data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	newer := variant("a", "2025-01-01T00:00:00Z", "newer")
	older := variant("b", "2024-01-01T00:00:00Z", "older")
	same1 := variant("c", "2025-01-01T00:00:00Z", "same, read first")
	same2 := variant("d", "2025-01-01T00:00:00Z", "same, read last")
	tests := []struct {
		sources []string
		want    string
	}{
		{[]string{newer, older}, "newer"},
		{[]string{older, newer}, "newer"},
		{[]string{same1, same2}, "same, read last"},
		{[]string{same2, same1}, "same, read first"},
	}
	for _, tt := range tests {
		dir := t.TempDir()
		rep, err := Import(context.Background(), dir, tt.sources, ImportOptions{Replace: true})
		if err != nil {
			t.Fatal(err)
		}
		db, err := Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		a, err := db.Advisory("GO-2020-0001")
		db.Close()
		if err != nil {
			t.Fatal(err)
		}
		if got := []any{a.Summary, rep.Records, rep.Imported}; !cmp.Equal(got, []any{tt.want, 1, 2}) {
			t.Errorf("sources %v: summary, records, imported = %v, want [%s 1 2]", tt.sources, got, tt.want)
		}
	}
}
