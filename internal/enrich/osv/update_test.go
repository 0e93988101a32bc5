package osv

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/ossaudit/ossaudit/model"
)

// zipOf builds an osv.dev-style archive of records from testdata/records.
func zipOf(t *testing.T, names ...string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, n := range names {
		data, err := os.ReadFile(filepath.Join("testdata/records", n))
		if err != nil {
			t.Fatal(err)
		}
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

var (
	pypiRecords = []string{"PYSEC-2020-341.json", "PYSEC-2022-15.json", "PYSEC-2022-42969.json", "PYSEC-2022-42980.json"}
	npmRecords  = []string{"x_NSWG-ECO-8.json", "TEST-LIMIT-1.json"}
)

// archive is what the test server serves for one ecosystem.
type archive struct {
	body         []byte
	etag         string
	lastModified string
}

// serve answers like the bucket does: validators on every answer, 304 when
// the request's validator matches.
func (a archive) serve(w http.ResponseWriter, r *http.Request) {
	if a.etag != "" {
		w.Header().Set("ETag", a.etag)
	}
	if a.lastModified != "" {
		w.Header().Set("Last-Modified", a.lastModified)
	}
	if inm := r.Header.Get("If-None-Match"); inm != "" && inm == a.etag ||
		r.Header.Get("If-None-Match") == "" && a.lastModified != "" && r.Header.Get("If-Modified-Since") == a.lastModified {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Content-Type", "application/zip")
	w.Header().Set("Content-Length", strconv.Itoa(len(a.body)))
	w.Write(a.body)
}

// osvServer is an httptest server standing in for osv.dev's bucket. It
// logs every request with its validators.
type osvServer struct {
	*httptest.Server
	mu  sync.Mutex
	log []string
	n   map[string]int
}

// newOSVServer serves h, called with the ecosystem of the request and the
// number of earlier requests for it.
func newOSVServer(t *testing.T, h func(eco string, n int, w http.ResponseWriter, r *http.Request)) *osvServer {
	s := &osvServer{n: map[string]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		eco, ok := strings.CutSuffix(strings.TrimPrefix(r.URL.Path, "/"), "/all.zip")
		if !ok || r.Method != http.MethodGet {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		s.mu.Lock()
		entry := r.URL.Path
		if v := r.Header.Get("If-None-Match"); v != "" {
			entry += " If-None-Match=" + v
		}
		if v := r.Header.Get("If-Modified-Since"); v != "" {
			entry += " If-Modified-Since=" + v
		}
		if v := r.Header.Get("User-Agent"); v != "ossaudit" {
			entry += " User-Agent=" + v
		}
		s.log = append(s.log, entry)
		n := s.n[eco]
		s.n[eco]++
		s.mu.Unlock()
		h(eco, n, w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

// requests returns and clears the log, sorted (archives download in
// parallel).
func (s *osvServer) requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := s.log
	s.log = nil
	s.n = map[string]int{}
	slices.Sort(out)
	return out
}

// sleepLog records the waits between attempts instead of waiting.
type sleepLog struct {
	mu sync.Mutex
	d  []time.Duration
}

func (s *sleepLog) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.d = append(s.d, d)
	s.mu.Unlock()
	return ctx.Err()
}

func at(h int) func() time.Time {
	return func() time.Time { return fixedNow().Add(time.Duration(h) * time.Hour) }
}

// leftovers lists the temporary files under dir.
func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.Contains(d.Name(), ".tmp-") {
			out = append(out, p)
		}
		return nil
	})
	return out
}

func archivePath(t *testing.T, dbDir, eco string) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join(dbDir, ArchivesDir, eco, "all.zip"))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// dbStatus returns the status of the database in dir as one line per
// ecosystem.
func dbStatus(t *testing.T, dir string) []string {
	t.Helper()
	db, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var out []string
	for _, s := range db.Status() {
		var src []string
		for _, p := range s.Sources {
			rel, err := filepath.Rel(dir, p)
			if err != nil || strings.HasPrefix(rel, "..") {
				rel = "outside:" + filepath.Base(p)
			}
			src = append(src, rel)
		}
		out = append(out, fmt.Sprintf("%s records=%d withdrawn=%d imported=%s sources=%s",
			s.Ecosystem, s.Records, s.Withdrawn, s.ImportedAt.Format(time.RFC3339), strings.Join(src, ",")))
	}
	return out
}

var ignoreErr = cmpopts.IgnoreFields(ArchiveResult{}, "Err")

func TestUpdateETag(t *testing.T) {
	pypi := archive{body: zipOf(t, pypiRecords...), etag: `"pypi-1"`}
	npm := archive{body: zipOf(t, npmRecords...), etag: `"npm-1"`}
	var mu sync.Mutex
	srv := newOSVServer(t, func(eco string, _ int, w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		a := map[string]archive{"PyPI": pypi, "npm": npm}[eco]
		mu.Unlock()
		a.serve(w, r)
	})
	dir := t.TempDir()
	opts := UpdateOptions{BaseURL: srv.URL, Ecosystems: []string{"PyPI", "npm"}, Now: at(0)}
	pyPath, npmPath := archivePath(t, dir, "PyPI"), archivePath(t, dir, "npm")

	// First run: both archives are downloaded and imported.
	rep, err := Update(context.Background(), dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	want := []ArchiveResult{
		{Ecosystem: "PyPI", URL: srv.URL + "/PyPI/all.zip", State: ArchiveDownloaded, Path: pyPath, Bytes: int64(len(pypi.body)), Attempts: 1, ETag: `"pypi-1"`},
		{Ecosystem: "npm", URL: srv.URL + "/npm/all.zip", State: ArchiveDownloaded, Path: npmPath, Bytes: int64(len(npm.body)), Attempts: 1, ETag: `"npm-1"`},
	}
	if diff := cmp.Diff(want, rep.Archives, ignoreErr); diff != "" {
		t.Errorf("first run archives (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"/PyPI/all.zip", "/npm/all.zip"}, srv.requests()); diff != "" {
		t.Errorf("first run requests (-want +got):\n%s", diff)
	}
	if !rep.Rebuilt || rep.Import == nil || rep.Import.Records != 6 || rep.Import.Imported != 6 {
		t.Errorf("first run: rebuilt %v, import %+v; want rebuilt with 6 records", rep.Rebuilt, rep.Import)
	}
	wantStatus := []string{
		"PyPI records=4 withdrawn=1 imported=2026-11-28T12:00:00Z sources=archives/PyPI/all.zip",
		"npm records=2 withdrawn=0 imported=2026-11-28T12:00:00Z sources=archives/npm/all.zip",
	}
	if diff := cmp.Diff(wantStatus, dbStatus(t, dir)); diff != "" {
		t.Errorf("status after the first run (-want +got):\n%s", diff)
	}
	got, err := os.ReadFile(pyPath)
	if err != nil || !bytes.Equal(got, pypi.body) {
		t.Errorf("cached PyPI archive differs from the served one (%v)", err)
	}
	var m archiveMeta
	data, err := os.ReadFile(filepath.Join(dir, ArchivesDir, "PyPI", "all.zip.meta"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	wantMeta := archiveMeta{URL: srv.URL + "/PyPI/all.zip", ETag: `"pypi-1"`, Size: int64(len(pypi.body)), FetchedAt: fixedNow()}
	if diff := cmp.Diff(wantMeta, m); diff != "" {
		t.Errorf("PyPI metadata (-want +got):\n%s", diff)
	}

	// Second run, an hour later: both answer 304, nothing is rebuilt.
	opts.Now = at(1)
	rep, err = Update(context.Background(), dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	for i := range want {
		want[i].State, want[i].Bytes = ArchiveUnchanged, 0
	}
	if diff := cmp.Diff(want, rep.Archives, ignoreErr); diff != "" {
		t.Errorf("second run archives (-want +got):\n%s", diff)
	}
	wantReq := []string{`/PyPI/all.zip If-None-Match="pypi-1"`, `/npm/all.zip If-None-Match="npm-1"`}
	if diff := cmp.Diff(wantReq, srv.requests()); diff != "" {
		t.Errorf("second run requests (-want +got):\n%s", diff)
	}
	if rep.Rebuilt || rep.Import != nil {
		t.Errorf("second run rebuilt the database though nothing changed")
	}
	if diff := cmp.Diff(wantStatus, dbStatus(t, dir)); diff != "" {
		t.Errorf("status after the second run (-want +got):\n%s", diff)
	}

	// Third run: npm changed; the database is rebuilt from both archives.
	mu.Lock()
	npm = archive{body: zipOf(t, append(npmRecords, "TEST-EDGES-1.json")...), etag: `"npm-2"`}
	mu.Unlock()
	opts.Now = at(2)
	rep, err = Update(context.Background(), dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	want[1] = ArchiveResult{Ecosystem: "npm", URL: srv.URL + "/npm/all.zip", State: ArchiveDownloaded, Path: npmPath, Bytes: int64(len(npm.body)), Attempts: 1, ETag: `"npm-2"`}
	if diff := cmp.Diff(want, rep.Archives, ignoreErr); diff != "" {
		t.Errorf("third run archives (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wantReq, srv.requests()); diff != "" {
		t.Errorf("third run requests (-want +got):\n%s", diff)
	}
	wantStatus = []string{
		"PyPI records=4 withdrawn=1 imported=2026-11-28T14:00:00Z sources=archives/PyPI/all.zip",
		"npm records=3 withdrawn=0 imported=2026-11-28T14:00:00Z sources=archives/npm/all.zip",
	}
	if diff := cmp.Diff(wantStatus, dbStatus(t, dir)); diff != "" {
		t.Errorf("status after the third run (-want +got):\n%s", diff)
	}
	if l := leftovers(t, dir); len(l) > 0 {
		t.Errorf("temporary files left: %v", l)
	}
}

func TestUpdateLastModified(t *testing.T) {
	goZip := archive{body: zipOf(t, "GO-2020-0001.json"), lastModified: "Tue, 24 Nov 2026 08:00:00 GMT"}
	srv := newOSVServer(t, func(_ string, _ int, w http.ResponseWriter, r *http.Request) { goZip.serve(w, r) })
	dir := t.TempDir()
	opts := UpdateOptions{BaseURL: srv.URL + "/", Ecosystems: []string{"Go"}, Now: at(0), UserAgent: "ossaudit-test"}
	want := []ArchiveResult{{Ecosystem: "Go", URL: srv.URL + "/Go/all.zip", State: ArchiveDownloaded, Path: archivePath(t, dir, "Go"),
		Bytes: int64(len(goZip.body)), Attempts: 1, LastModified: goZip.lastModified}}
	for i, wantReq := range [][]string{
		{"/Go/all.zip User-Agent=ossaudit-test"},
		{"/Go/all.zip If-Modified-Since=Tue, 24 Nov 2026 08:00:00 GMT User-Agent=ossaudit-test"},
	} {
		rep, err := Update(context.Background(), dir, opts)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, rep.Archives, ignoreErr); diff != "" {
			t.Errorf("run %d archives (-want +got):\n%s", i+1, diff)
		}
		if diff := cmp.Diff(wantReq, srv.requests()); diff != "" {
			t.Errorf("run %d requests (-want +got):\n%s", i+1, diff)
		}
		if rep.Rebuilt != (i == 0) {
			t.Errorf("run %d: rebuilt = %v", i+1, rep.Rebuilt)
		}
		want[0].State, want[0].Bytes = ArchiveUnchanged, 0
	}
	if diff := cmp.Diff([]string{"Go records=1 withdrawn=0 imported=2026-11-28T12:00:00Z sources=archives/Go/all.zip"}, dbStatus(t, dir)); diff != "" {
		t.Errorf("status (-want +got):\n%s", diff)
	}
}

// TestUpdateRebuildsStaleDatabase checks that a 304 still rebuilds a
// database that does not reflect the cached archives, and that Force
// downloads without validators.
func TestUpdateRebuildsStaleDatabase(t *testing.T) {
	pypi := archive{body: zipOf(t, pypiRecords...), etag: `"p1"`}
	tests := []struct {
		name    string
		damage  func(t *testing.T, dir string)
		force   bool
		wantReq []string
		state   ArchiveState
		status  []string
		warns   []string
	}{
		{
			name:    "database deleted",
			damage:  func(t *testing.T, dir string) { os.Remove(filepath.Join(dir, FileName)) },
			wantReq: []string{`/PyPI/all.zip If-None-Match="p1"`},
			state:   ArchiveUnchanged,
			status:  []string{"PyPI records=4 withdrawn=1 imported=2026-11-28T13:00:00Z sources=archives/PyPI/all.zip"},
		},
		{
			name: "replaced by another import",
			damage: func(t *testing.T, dir string) {
				if _, err := Import(context.Background(), dir, []string{"testdata/records/GO-2020-0001.json"}, ImportOptions{Replace: true, Now: at(0)}); err != nil {
					t.Fatal(err)
				}
			},
			wantReq: []string{`/PyPI/all.zip If-None-Match="p1"`},
			state:   ArchiveUnchanged,
			status: []string{
				"Go records=1 withdrawn=0 imported=2026-11-28T12:00:00Z sources=outside:GO-2020-0001.json",
				"PyPI records=4 withdrawn=1 imported=2026-11-28T13:00:00Z sources=archives/PyPI/all.zip",
			},
		},
		{
			name: "database corrupt",
			damage: func(t *testing.T, dir string) {
				os.WriteFile(filepath.Join(dir, FileName), []byte("not a database"), 0o644)
			},
			wantReq: []string{`/PyPI/all.zip If-None-Match="p1"`},
			state:   ArchiveUnchanged,
			status:  []string{"PyPI records=4 withdrawn=1 imported=2026-11-28T13:00:00Z sources=archives/PyPI/all.zip"},
			warns:   []string{"osv.db: warning: the previous database cannot be read (osv database is corrupt; import it again); it is replaced by one built from the downloaded archives"},
		},
		{
			name: "archive fetched after the last import",
			damage: func(t *testing.T, dir string) {
				// As if an update downloaded it and stopped before its
				// import.
				mp := filepath.Join(dir, ArchivesDir, "PyPI", "all.zip.meta")
				data, _ := os.ReadFile(mp)
				var m archiveMeta
				if err := json.Unmarshal(data, &m); err != nil {
					t.Fatal(err)
				}
				m.FetchedAt = at(1)().Add(-time.Minute)
				if err := writeArchiveMeta(filepath.Dir(mp), &m); err != nil {
					t.Fatal(err)
				}
			},
			wantReq: []string{`/PyPI/all.zip If-None-Match="p1"`},
			state:   ArchiveUnchanged,
			status:  []string{"PyPI records=4 withdrawn=1 imported=2026-11-28T13:00:00Z sources=archives/PyPI/all.zip"},
		},
		{
			name:    "forced",
			damage:  func(t *testing.T, dir string) {},
			force:   true,
			wantReq: []string{"/PyPI/all.zip"},
			state:   ArchiveDownloaded,
			status:  []string{"PyPI records=4 withdrawn=1 imported=2026-11-28T13:00:00Z sources=archives/PyPI/all.zip"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newOSVServer(t, func(_ string, _ int, w http.ResponseWriter, r *http.Request) { pypi.serve(w, r) })
			dir := t.TempDir()
			opts := UpdateOptions{BaseURL: srv.URL, Ecosystems: []string{"PyPI"}, Now: at(0)}
			if _, err := Update(context.Background(), dir, opts); err != nil {
				t.Fatal(err)
			}
			srv.requests()
			tt.damage(t, dir)
			opts.Now, opts.Force = at(1), tt.force
			rep, err := Update(context.Background(), dir, opts)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.wantReq, srv.requests()); diff != "" {
				t.Errorf("requests (-want +got):\n%s", diff)
			}
			if rep.Archives[0].State != tt.state || !rep.Rebuilt {
				t.Errorf("state %s, rebuilt %v; want %s, rebuilt", rep.Archives[0].State, rep.Rebuilt, tt.state)
			}
			status := dbStatus(t, dir)
			if diff := cmp.Diff(tt.status, status); diff != "" {
				t.Errorf("status (-want +got):\n%s", diff)
			}
			var warns []string
			for _, d := range rep.Warnings {
				warns = append(warns, filepath.Base(d.Location.Path)+": "+string(d.Severity)+": "+d.Message)
			}
			if diff := cmp.Diff(tt.warns, warns); diff != "" {
				t.Errorf("warnings (-want +got):\n%s", diff)
			}
		})
	}
}

func TestUpdateRetries(t *testing.T) {
	body := zipOf(t, "GO-2020-0001.json")
	ok := archive{body: body, etag: `"g"`}
	httpDate := fixedNow().Add(30 * time.Second).Format(http.TimeFormat)
	// fail answers the first len(codes) requests with codes[n] and the
	// Retry-After header retry (if any), then serves the archive.
	type answer struct {
		code  int
		retry string
	}
	tests := []struct {
		name     string
		answers  []answer
		retries  int
		state    ArchiveState
		attempts int
		sleeps   []time.Duration
		err      string
	}{
		{name: "429 with Retry-After seconds", answers: []answer{{429, "7"}}, state: ArchiveDownloaded, attempts: 2, sleeps: []time.Duration{7 * time.Second}},
		{name: "503 with Retry-After date", answers: []answer{{503, httpDate}}, state: ArchiveDownloaded, attempts: 2, sleeps: []time.Duration{30 * time.Second}},
		{name: "503 with Retry-After in the past", answers: []answer{{503, "Tue, 24 Nov 2026 08:00:00 GMT"}}, state: ArchiveDownloaded, attempts: 2, sleeps: []time.Duration{0}},
		{name: "500 then 502: backoff doubles", answers: []answer{{500, ""}, {502, ""}}, state: ArchiveDownloaded, attempts: 3, sleeps: []time.Duration{time.Second, 2 * time.Second}},
		{name: "429 with a bad Retry-After: backoff", answers: []answer{{429, "soon"}}, state: ArchiveDownloaded, attempts: 2, sleeps: []time.Duration{time.Second}},
		{
			name: "Retry-After beyond the limit", answers: []answer{{503, "3600"}}, state: ArchiveFailed, attempts: 1,
			err: `PyPI: {host} answered "503 Service Unavailable" and asks to wait 1h0m0s before trying again; try again later`,
		},
		{
			name: "retries exhausted", answers: []answer{{504, ""}, {504, ""}, {504, ""}}, retries: 2, state: ArchiveFailed, attempts: 3,
			sleeps: []time.Duration{time.Second, 2 * time.Second},
			err:    `PyPI: {host} answered "504 Gateway Timeout"; try again later (after 3 attempts)`,
		},
		{
			name: "no retries", answers: []answer{{502, ""}}, retries: -1, state: ArchiveFailed, attempts: 1,
			err: `PyPI: {host} answered "502 Bad Gateway"; try again later`,
		},
		{
			name: "403 is not retried", answers: []answer{{403, ""}}, state: ArchiveFailed, attempts: 1,
			err: `PyPI: {host} answered "403 Forbidden" for {url}/PyPI/all.zip; check the archive base URL, or use 'ossaudit db import' with archives copied from osv.dev`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newOSVServer(t, func(_ string, n int, w http.ResponseWriter, r *http.Request) {
				if n < len(tt.answers) {
					if a := tt.answers[n]; a.retry != "" {
						w.Header().Set("Retry-After", a.retry)
					}
					http.Error(w, "try later", tt.answers[n].code)
					return
				}
				ok.serve(w, r)
			})
			var sl sleepLog
			dir := t.TempDir()
			rep, err := Update(context.Background(), dir, UpdateOptions{
				BaseURL: srv.URL, Ecosystems: []string{"PyPI"}, Now: at(0), Retries: tt.retries,
				Backoff: time.Second, MaxRetryAfter: time.Minute, sleep: sl.sleep,
			})
			a := rep.Archives[0]
			if a.State != tt.state || a.Attempts != tt.attempts {
				t.Errorf("state %s after %d attempts, want %s after %d", a.State, a.Attempts, tt.state, tt.attempts)
			}
			if diff := cmp.Diff(tt.sleeps, sl.d); diff != "" {
				t.Errorf("waits (-want +got):\n%s", diff)
			}
			if tt.err == "" {
				if err != nil {
					t.Fatal(err)
				}
				if !rep.Rebuilt {
					t.Error("not rebuilt after a successful retry")
				}
				return
			}
			wantErr := "1 of 1 archives could not be updated; the database is unchanged:\n" +
				strings.NewReplacer("{host}", srv.Listener.Addr().String(), "{url}", srv.URL).Replace(tt.err)
			if err == nil || err.Error() != wantErr {
				t.Errorf("error\n%v\nwant\n%s", err, wantErr)
			}
			if _, err := Open(dir); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("a database was written: %v", err)
			}
		})
	}
}

// cutBody sends the headers of a and half its body, then drops the
// connection.
func cutBody(t *testing.T, w http.ResponseWriter, a archive) {
	w.Header().Set("ETag", a.etag)
	w.Header().Set("Content-Length", strconv.Itoa(len(a.body)))
	w.WriteHeader(http.StatusOK)
	w.Write(a.body[:len(a.body)/2])
	w.(http.Flusher).Flush()
	conn, _, err := w.(http.Hijacker).Hijack()
	if err != nil {
		t.Error(err)
		return
	}
	conn.Close()
}

func TestUpdateServerDiesMidBody(t *testing.T) {
	old := archive{body: zipOf(t, pypiRecords...), etag: `"p1"`}
	next := archive{body: zipOf(t, pypiRecords[:2]...), etag: `"p2"`}
	dying := false
	var mu sync.Mutex
	srv := newOSVServer(t, func(_ string, _ int, w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		d := dying
		mu.Unlock()
		if d {
			cutBody(t, w, next)
			return
		}
		old.serve(w, r)
	})
	dir := t.TempDir()
	opts := UpdateOptions{BaseURL: srv.URL, Ecosystems: []string{"PyPI"}, Now: at(0), Retries: 1, sleep: (&sleepLog{}).sleep}
	if _, err := Update(context.Background(), dir, opts); err != nil {
		t.Fatal(err)
	}
	statusBefore := dbStatus(t, dir)
	metaPath := filepath.Join(dir, ArchivesDir, "PyPI", "all.zip.meta")
	metaBefore, _ := os.ReadFile(metaPath)
	srv.requests()

	mu.Lock()
	dying = true
	mu.Unlock()
	opts.Now = at(1)
	rep, err := Update(context.Background(), dir, opts)
	host := srv.Listener.Addr().String()
	half := len(next.body) / 2
	wantErr := fmt.Sprintf("1 of 1 archives could not be updated; the database is unchanged:\n"+
		"PyPI: connection to %s lost after %d of %d bytes (unexpected EOF); try again (after 2 attempts)", host, half, len(next.body))
	if err == nil || err.Error() != wantErr {
		t.Errorf("error\n%v\nwant\n%s", err, wantErr)
	}
	if diff := cmp.Diff([]string{`/PyPI/all.zip If-None-Match="p1"`, `/PyPI/all.zip If-None-Match="p1"`}, srv.requests()); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}
	want := ArchiveResult{Ecosystem: "PyPI", URL: srv.URL + "/PyPI/all.zip", State: ArchiveFailed, Path: archivePath(t, dir, "PyPI"), Attempts: 2, ETag: `"p1"`}
	if diff := cmp.Diff(want, rep.Archives[0], ignoreErr); diff != "" {
		t.Errorf("archive (-want +got):\n%s", diff)
	}
	if rep.Rebuilt {
		t.Error("rebuilt after a failed download")
	}
	if diff := cmp.Diff(statusBefore, dbStatus(t, dir)); diff != "" {
		t.Errorf("database changed (-before +after):\n%s", diff)
	}
	if got, _ := os.ReadFile(archivePath(t, dir, "PyPI")); !bytes.Equal(got, old.body) {
		t.Error("the cached archive changed")
	}
	if got, _ := os.ReadFile(metaPath); !bytes.Equal(got, metaBefore) {
		t.Errorf("the cached metadata changed:\n%s", got)
	}
	if l := leftovers(t, dir); len(l) > 0 {
		t.Errorf("temporary files left: %v", l)
	}
}

func TestUpdateTimeout(t *testing.T) {
	a := archive{body: zipOf(t, pypiRecords...), etag: `"p"`}
	half := len(a.body) / 2
	tests := []struct {
		name    string
		handler func(w http.ResponseWriter, r *http.Request)
		err     string
	}{
		{
			name:    "no answer",
			handler: func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() },
			err:     "PyPI: HOST sent nothing for 50ms; the connection is slow or stalled: try again later, or with a longer timeout",
		},
		{
			name: "stalls mid-body",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Length", strconv.Itoa(len(a.body)))
				w.Write(a.body[:half])
				w.(http.Flusher).Flush()
				<-r.Context().Done()
			},
			err: fmt.Sprintf("PyPI: HOST sent nothing for 50ms after %d of %d bytes; the connection is slow or stalled: try again later, or with a longer timeout", half, len(a.body)),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newOSVServer(t, func(_ string, _ int, w http.ResponseWriter, r *http.Request) { tt.handler(w, r) })
			dir := t.TempDir()
			start := time.Now()
			rep, err := Update(context.Background(), dir, UpdateOptions{
				BaseURL: srv.URL, Ecosystems: []string{"PyPI"}, Now: at(0), Retries: -1, Timeout: 50 * time.Millisecond,
			})
			if el := time.Since(start); el > 10*time.Second {
				t.Errorf("took %s", el)
			}
			wantErr := "1 of 1 archives could not be updated; the database is unchanged:\n" +
				strings.ReplaceAll(tt.err, "HOST", srv.Listener.Addr().String())
			if err == nil || err.Error() != wantErr {
				t.Errorf("error\n%v\nwant\n%s", err, wantErr)
			}
			if rep.Archives[0].State != ArchiveFailed || rep.Archives[0].Path != "" {
				t.Errorf("archive %+v, want failed with no cached copy", rep.Archives[0])
			}
			if l := leftovers(t, dir); len(l) > 0 {
				t.Errorf("temporary files left: %v", l)
			}
		})
	}
}

// TestUpdateClientTimeout checks the message for a client's own timeout.
func TestUpdateClientTimeout(t *testing.T) {
	srv := newOSVServer(t, func(_ string, _ int, w http.ResponseWriter, r *http.Request) { <-r.Context().Done() })
	_, err := Update(context.Background(), t.TempDir(), UpdateOptions{
		BaseURL: srv.URL, Ecosystems: []string{"Go"}, Retries: -1, Client: &http.Client{Timeout: 30 * time.Millisecond},
	})
	want := "Go: timed out talking to " + srv.Listener.Addr().String() + " ("
	if err == nil || !strings.Contains(err.Error(), want) || !strings.HasSuffix(err.Error(), "; try again later, or with a longer timeout") {
		t.Errorf("error %v, want one containing %q", err, want)
	}
}

func TestUpdateMissingEcosystem(t *testing.T) {
	pypi := archive{body: zipOf(t, pypiRecords...), etag: `"p"`}
	srv := newOSVServer(t, func(eco string, _ int, w http.ResponseWriter, r *http.Request) {
		if eco != "PyPI" {
			http.NotFound(w, r)
			return
		}
		pypi.serve(w, r)
	})
	dir := t.TempDir()
	rep, err := Update(context.Background(), dir, UpdateOptions{BaseURL: srv.URL, Ecosystems: []string{"SwiftURL", "PyPI"}, Now: at(0)})
	if err != nil {
		t.Fatal(err)
	}
	want := []ArchiveResult{
		{Ecosystem: "SwiftURL", URL: srv.URL + "/SwiftURL/all.zip", State: ArchiveMissing, Attempts: 1},
		{Ecosystem: "PyPI", URL: srv.URL + "/PyPI/all.zip", State: ArchiveDownloaded, Path: archivePath(t, dir, "PyPI"), Bytes: int64(len(pypi.body)), Attempts: 1, ETag: `"p"`},
	}
	if diff := cmp.Diff(want, rep.Archives, ignoreErr); diff != "" {
		t.Errorf("archives (-want +got):\n%s", diff)
	}
	wantWarn := []model.Diagnostic{{
		Severity: model.SevWarning, Location: model.Location{Path: srv.URL + "/SwiftURL/all.zip"}, Extractor: "osv",
		Message: srv.Listener.Addr().String() + ` has no archive for ecosystem "SwiftURL" (check its spelling: OSV names such as PyPI, crates.io, Go)`,
	}}
	if diff := cmp.Diff(wantWarn, rep.Warnings); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"PyPI records=4 withdrawn=1 imported=2026-11-28T12:00:00Z sources=archives/PyPI/all.zip"}, dbStatus(t, dir)); diff != "" {
		t.Errorf("status (-want +got):\n%s", diff)
	}
}

// TestUpdateDefaultEcosystems checks that the default list is ossaudit's
// ecosystems, each asked for at its escaped path.
func TestUpdateDefaultEcosystems(t *testing.T) {
	srv := newOSVServer(t, func(_ string, _ int, w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) })
	rep, err := Update(context.Background(), t.TempDir(), UpdateOptions{BaseURL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"/ConanCenter/all.zip", "/Go/all.zip", "/Hex/all.zip", "/Maven/all.zip", "/NuGet/all.zip", "/Packagist/all.zip",
		"/Pub/all.zip", "/PyPI/all.zip", "/RubyGems/all.zip", "/SwiftURL/all.zip", "/crates.io/all.zip", "/npm/all.zip",
	}
	if diff := cmp.Diff(want, srv.requests()); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}
	if len(rep.Warnings) != 12 || rep.Rebuilt {
		t.Errorf("%d warnings, rebuilt %v; want 12, not rebuilt", len(rep.Warnings), rep.Rebuilt)
	}
}

func TestUpdatePartialFailure(t *testing.T) {
	pypi := archive{body: zipOf(t, pypiRecords...), etag: `"p"`}
	srv := newOSVServer(t, func(eco string, _ int, w http.ResponseWriter, r *http.Request) {
		if eco == "npm" {
			http.Error(w, "no", http.StatusForbidden)
			return
		}
		pypi.serve(w, r)
	})
	dir := t.TempDir()
	rep, err := Update(context.Background(), dir, UpdateOptions{BaseURL: srv.URL, Ecosystems: []string{"PyPI", "npm"}, Now: at(0)})
	wantErr := fmt.Sprintf("1 of 2 archives could not be updated; the database was rebuilt from the other archives and the copies cached before:\n"+
		"npm: %s answered \"403 Forbidden\" for %s/npm/all.zip; check the archive base URL, or use 'ossaudit db import' with archives copied from osv.dev",
		srv.Listener.Addr(), srv.URL)
	if err == nil || err.Error() != wantErr {
		t.Errorf("error\n%v\nwant\n%s", err, wantErr)
	}
	if !rep.Rebuilt || rep.Archives[1].State != ArchiveFailed {
		t.Errorf("rebuilt %v, npm %s; want rebuilt, npm failed", rep.Rebuilt, rep.Archives[1].State)
	}
	if diff := cmp.Diff([]string{"PyPI records=4 withdrawn=1 imported=2026-11-28T12:00:00Z sources=archives/PyPI/all.zip"}, dbStatus(t, dir)); diff != "" {
		t.Errorf("status (-want +got):\n%s", diff)
	}
}

func TestUpdateNotAZip(t *testing.T) {
	good := zipOf(t, pypiRecords...)
	// A byte of the first entry's compressed data flipped: the archive's
	// directory reads, the entry's checksum does not match.
	corrupt := bytes.Clone(good)
	corrupt[60] ^= 0xff
	tests := []struct {
		name   string
		body   []byte
		reason string
	}{
		{"html page", []byte("<html><body>Sign in to the Wi-Fi</body></html>"), "zip: not a valid zip file"},
		{"empty", nil, "zip: not a valid zip file"},
		{"bad checksum", corrupt, "PYSEC-2020-341.json: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newOSVServer(t, func(_ string, _ int, w http.ResponseWriter, r *http.Request) {
				archive{body: tt.body, etag: `"x"`}.serve(w, r)
			})
			dir := t.TempDir()
			rep, err := Update(context.Background(), dir, UpdateOptions{BaseURL: srv.URL, Ecosystems: []string{"PyPI"}, Now: at(0), sleep: (&sleepLog{}).sleep})
			wantPrefix := fmt.Sprintf("1 of 1 archives could not be updated; the database is unchanged:\nPyPI: the download from %s/PyPI/all.zip is not a valid zip archive (%s", srv.URL, tt.reason)
			wantSuffix := "); a proxy or captive portal may have answered in osv.dev's place; the cached archive is unchanged"
			if err == nil || !strings.HasPrefix(err.Error(), wantPrefix) || !strings.HasSuffix(err.Error(), wantSuffix) {
				t.Errorf("error\n%v\nwant\n%s...%s", err, wantPrefix, wantSuffix)
			}
			if a := rep.Archives[0]; a.Attempts != 1 || a.Path != "" {
				t.Errorf("%d attempts, cached %q; want 1, none", a.Attempts, a.Path)
			}
			if _, err := os.Stat(archivePath(t, dir, "PyPI")); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("an archive was cached: %v", err)
			}
			if l := leftovers(t, dir); len(l) > 0 {
				t.Errorf("temporary files left: %v", l)
			}
		})
	}
}

func TestUpdateOffline(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	base, host := srv.URL, srv.Listener.Addr().String()
	srv.Close() // nothing listens there any more
	rep, err := Update(context.Background(), t.TempDir(), UpdateOptions{BaseURL: base, Ecosystems: []string{"npm"}, Retries: -1})
	want := "1 of 1 archives could not be updated; the database is unchanged:\nnpm: cannot reach " + host + " ("
	wantEnd := "); offline? copy osv.dev's <Ecosystem>/all.zip files from a connected machine and use 'ossaudit db import'"
	if err == nil || !strings.HasPrefix(err.Error(), want) || !strings.HasSuffix(err.Error(), wantEnd) {
		t.Errorf("error\n%v\nwant\n%s...%s", err, want, wantEnd)
	}
	if rep == nil || rep.Archives[0].State != ArchiveFailed || rep.Archives[0].Attempts != 1 {
		t.Errorf("report %+v", rep)
	}
}

func TestUpdateCancel(t *testing.T) {
	old := archive{body: zipOf(t, pypiRecords...), etag: `"p1"`}
	next := archive{body: zipOf(t, pypiRecords[:2]...), etag: `"p2"`}
	tests := []struct {
		name string
		// handler serves the second run; cancel cancels it.
		handler  func(cancel func(), w http.ResponseWriter, r *http.Request)
		progress bool // cancel from the progress callback once bytes arrived
	}{
		{
			name: "mid-body",
			handler: func(_ func(), w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Length", strconv.Itoa(len(next.body)))
				w.Write(next.body[:len(next.body)/2])
				w.(http.Flusher).Flush()
				<-r.Context().Done()
			},
			progress: true,
		},
		{
			name: "waiting to retry",
			handler: func(cancel func(), w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Retry-After", "60")
				w.WriteHeader(http.StatusServiceUnavailable)
				// Cancelled while Update waits the 60 s.
				time.AfterFunc(20*time.Millisecond, cancel)
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			second := false
			var mu sync.Mutex
			srv := newOSVServer(t, func(_ string, _ int, w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				s := second
				mu.Unlock()
				if s {
					tt.handler(cancel, w, r)
					return
				}
				old.serve(w, r)
			})
			dir := t.TempDir()
			if _, err := Update(context.Background(), dir, UpdateOptions{BaseURL: srv.URL, Ecosystems: []string{"PyPI"}, Now: at(0)}); err != nil {
				t.Fatal(err)
			}
			before := dbStatus(t, dir)
			mu.Lock()
			second = true
			mu.Unlock()
			opts := UpdateOptions{BaseURL: srv.URL, Ecosystems: []string{"PyPI"}, Now: at(1), Force: true}
			if tt.progress {
				opts.Progress = func(_ string, done, _ int64) {
					if done > 0 {
						cancel()
					}
				}
			}
			start := time.Now()
			rep, err := Update(ctx, dir, opts)
			if el := time.Since(start); el > 10*time.Second {
				t.Errorf("took %s to notice the cancellation", el)
			}
			if !errors.Is(err, context.Canceled) || !strings.HasPrefix(err.Error(), "update cancelled; the database is unchanged") {
				t.Errorf("error %v, want the cancellation", err)
			}
			if rep.Rebuilt || rep.Archives[0].State != ArchiveFailed {
				t.Errorf("rebuilt %v, state %s", rep.Rebuilt, rep.Archives[0].State)
			}
			if diff := cmp.Diff(before, dbStatus(t, dir)); diff != "" {
				t.Errorf("database changed (-before +after):\n%s", diff)
			}
			if got, _ := os.ReadFile(archivePath(t, dir, "PyPI")); !bytes.Equal(got, old.body) {
				t.Error("the cached archive changed")
			}
			if l := leftovers(t, dir); len(l) > 0 {
				t.Errorf("temporary files left: %v", l)
			}
		})
	}
}

func TestUpdateProgress(t *testing.T) {
	// The records and 256 KiB stored uncompressed, more than one read of
	// the client takes.
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, _ := zw.CreateHeader(&zip.FileHeader{Name: "padding.txt", Method: zip.Store})
	w.Write(bytes.Repeat([]byte("x"), 256<<10))
	zw.Close()
	body := b.Bytes()
	tests := []struct {
		name   string
		length bool // send Content-Length
	}{
		{"known size", true},
		{"unknown size", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newOSVServer(t, func(_ string, _ int, w http.ResponseWriter, r *http.Request) {
				if tt.length {
					w.Header().Set("Content-Length", strconv.Itoa(len(body)))
				}
				// Pieces of 1 KiB, each flushed, so the client reads
				// several times.
				for off := 0; off < len(body); off += 1024 {
					w.Write(body[off:min(off+1024, len(body))])
					w.(http.Flusher).Flush()
				}
			})
			type call struct{ done, total int64 }
			var calls []call
			_, err := Update(context.Background(), t.TempDir(), UpdateOptions{
				BaseURL: srv.URL, Ecosystems: []string{"PyPI"}, Now: at(0),
				Progress: func(eco string, done, total int64) {
					if eco != "PyPI" {
						t.Errorf("progress for %q", eco)
					}
					calls = append(calls, call{done, total})
				},
			})
			if err != nil {
				t.Fatal(err)
			}
			total := int64(-1)
			if tt.length {
				total = int64(len(body))
			}
			if len(calls) < 3 {
				t.Fatalf("%d progress calls for %d bytes in 1 KiB pieces: %v", len(calls), len(body), calls)
			}
			if calls[0] != (call{0, total}) || calls[len(calls)-1] != (call{int64(len(body)), total}) {
				t.Errorf("first and last calls %v, %v; want {0 %d}, {%d %d}", calls[0], calls[len(calls)-1], total, len(body), total)
			}
			for i := 1; i < len(calls); i++ {
				if calls[i].done <= calls[i-1].done || calls[i].total != total {
					t.Errorf("call %d: %v after %v", i, calls[i], calls[i-1])
				}
			}
		})
	}
}

func TestUpdateStaleTemps(t *testing.T) {
	a := archive{body: zipOf(t, "GO-2020-0001.json"), etag: `"g"`}
	srv := newOSVServer(t, func(_ string, _ int, w http.ResponseWriter, r *http.Request) { a.serve(w, r) })
	dir := t.TempDir()
	eco := filepath.Join(dir, ArchivesDir, "Go")
	os.MkdirAll(eco, 0o755)
	oldTmp, newTmp := filepath.Join(eco, ".all.zip.tmp-1"), filepath.Join(eco, ".all.zip.meta.tmp-2")
	for _, p := range []string{oldTmp, newTmp} {
		os.WriteFile(p, []byte("partial"), 0o644)
	}
	os.Chtimes(oldTmp, fixedNow().Add(-2*time.Hour), fixedNow().Add(-2*time.Hour))
	os.Chtimes(newTmp, fixedNow().Add(-time.Minute), fixedNow().Add(-time.Minute))
	if _, err := Update(context.Background(), dir, UpdateOptions{BaseURL: srv.URL, Ecosystems: []string{"Go"}, Now: at(0)}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{newTmp}, leftovers(t, dir)); diff != "" {
		t.Errorf("temporary files (-want +got):\n%s", diff)
	}
}

func TestUpdateBadOptions(t *testing.T) {
	tests := []struct {
		name string
		opts UpdateOptions
		err  string
	}{
		{"parent folder", UpdateOptions{Ecosystems: []string{".."}}, `".." is not an OSV ecosystem name osv.dev publishes an archive for (such as PyPI, npm, crates.io)`},
		{"slash", UpdateOptions{Ecosystems: []string{"a/b"}}, `"a/b" is not an OSV ecosystem name`},
		{"release suffix", UpdateOptions{Ecosystems: []string{"Debian:12"}}, `"Debian:12" is not an OSV ecosystem name`},
		{"empty name", UpdateOptions{Ecosystems: []string{""}}, `"" is not an OSV ecosystem name`},
		{"newline", UpdateOptions{Ecosystems: []string{"npm\n"}}, `"npm\n" is not an OSV ecosystem name`},
		{"twice", UpdateOptions{Ecosystems: []string{"npm", "PyPI", "npm"}}, `ecosystem "npm" is asked for twice`},
		{"none", UpdateOptions{Ecosystems: []string{}}, "no ecosystems to update"},
		{"file URL", UpdateOptions{BaseURL: "file:///srv/osv"}, `archive base URL "file:///srv/osv" is not an http(s) URL`},
		{"no host", UpdateOptions{BaseURL: "https://"}, `archive base URL "https://" is not an http(s) URL`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			rep, err := Update(context.Background(), dir, tt.opts)
			if err == nil || !strings.HasPrefix(err.Error(), tt.err) || rep != nil {
				t.Errorf("got %v, %v; want an error starting %q", rep, err, tt.err)
			}
			if entries, _ := os.ReadDir(dir); len(entries) > 0 {
				t.Errorf("wrote %d entries into the folder", len(entries))
			}
		})
	}
}

func TestRetryAfter(t *testing.T) {
	now := fixedNow()
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"", 0, false},
		{"0", 0, true},
		{" 120 ", 2 * time.Minute, true},
		{"-5", 0, false},
		{"1.5", 0, false},
		{"99999999999", 24 * time.Hour, true},
		{"Sat, 28 Nov 2026 12:01:30 GMT", 90 * time.Second, true},
		{"Saturday, 28-Nov-26 12:00:10 GMT", 10 * time.Second, true},
		{"Sat Nov 28 12:00:05 2026", 5 * time.Second, true},
		{"Fri, 27 Nov 2026 12:00:00 GMT", 0, true},
		{"tomorrow", 0, false},
	}
	for _, tt := range tests {
		d, ok := retryAfter(tt.in, now)
		if d != tt.want || ok != tt.ok {
			t.Errorf("retryAfter(%q) = %s, %v; want %s, %v", tt.in, d, ok, tt.want, tt.ok)
		}
	}
}

// TestUpdateNewBaseURL checks that validators from one server are not sent
// to another.
func TestUpdateNewBaseURL(t *testing.T) {
	a := archive{body: zipOf(t, "GO-2020-0001.json"), etag: `"g"`}
	srv1 := newOSVServer(t, func(_ string, _ int, w http.ResponseWriter, r *http.Request) { a.serve(w, r) })
	srv2 := newOSVServer(t, func(_ string, _ int, w http.ResponseWriter, r *http.Request) { a.serve(w, r) })
	dir := t.TempDir()
	for i, srv := range []*osvServer{srv1, srv2} {
		rep, err := Update(context.Background(), dir, UpdateOptions{BaseURL: srv.URL, Ecosystems: []string{"Go"}, Now: at(i)})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]string{"/Go/all.zip"}, srv.requests()); diff != "" {
			t.Errorf("server %d requests (-want +got):\n%s", i+1, diff)
		}
		if rep.Archives[0].State != ArchiveDownloaded || !rep.Rebuilt {
			t.Errorf("server %d: state %s, rebuilt %v; want downloaded, rebuilt", i+1, rep.Archives[0].State, rep.Rebuilt)
		}
	}
}

// FuzzRetryAfter checks that any header gives a wait that is not negative,
// and none when it does not parse.
func FuzzRetryAfter(f *testing.F) {
	for _, s := range []string{"", "0", "120", "-1", "Sat, 28 Nov 2026 12:01:30 GMT", "Sat Nov 28 12:00:05 2026", "99999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := retryAfter(s, fixedNow())
		if d < 0 || !ok && d != 0 {
			t.Fatalf("retryAfter(%q) = %s, %v", s, d, ok)
		}
	})
}

// ExampleUpdate refreshes the default database folder from osv.dev (the
// example is compiled, not run: tests do not touch the network).
func ExampleUpdate() {
	dir, err := DefaultDir(os.Getenv)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	rep, err := Update(context.Background(), dir, UpdateOptions{
		Ecosystems: []string{"PyPI", "npm"},
		Progress: func(eco string, done, total int64) {
			fmt.Fprintf(os.Stderr, "\r%s: %d of %d bytes", eco, done, total)
		},
	})
	if rep != nil {
		for _, a := range rep.Archives {
			fmt.Println(a.Ecosystem, a.State, a.Bytes)
		}
		for _, w := range rep.Warnings {
			fmt.Fprintln(os.Stderr, w)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
	}
}
