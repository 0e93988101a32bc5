package osv

import (
	"archive/zip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ossaudit/ossaudit/model"
)

// DefaultBaseURL is where osv.dev publishes its per-ecosystem archives,
// <DefaultBaseURL>/<Ecosystem>/all.zip.
const DefaultBaseURL = "https://osv-vulnerabilities.storage.googleapis.com"

// ArchivesDir is the folder, inside the database folder, where [Update]
// keeps the archives it downloaded: <ArchivesDir>/<Ecosystem>/all.zip, with
// the HTTP validators of each in all.zip.meta beside it.
const ArchivesDir = "archives"

const (
	archiveName     = "all.zip"
	archiveMetaName = "all.zip.meta" // JSON, named so that folder imports skip it
	maxArchiveSize  = 4 << 30
	defaultTimeout  = time.Minute
	defaultRetries  = 3
	defaultBackoff  = 2 * time.Second
	maxBackoff      = time.Minute
	defaultMaxWait  = 5 * time.Minute
	defaultParallel = 4
)

// UpdateOptions tune Update. The zero value downloads the archives of every
// ecosystem ossaudit understands from osv.dev.
type UpdateOptions struct {
	// BaseURL replaces DefaultBaseURL, for a mirror (or a test server).
	BaseURL string
	// Ecosystems are the OSV ecosystem names whose archives to fetch, as
	// osv.dev spells them ("PyPI", "crates.io"); nil means the ecosystems
	// of model.Ecosystems; an empty list is an error.
	Ecosystems []string
	// Client makes the requests; nil means a new client with Go's default
	// transport (proxy from the environment, 30 s to connect, 10 s for the
	// TLS handshake). Timeout below applies to any client.
	Client *http.Client
	// Timeout is the longest the server may keep Update waiting: for the
	// answer to a request, and between two pieces of an archive. It bounds
	// a stalled download without bounding a slow but moving one. Zero means
	// one minute.
	Timeout time.Duration
	// Retries is the number of further attempts after a request fails in a
	// way that may pass (a lost connection, a timeout, 429, 500, 502, 503,
	// 504). Zero means 3; a negative number means none.
	Retries int
	// Backoff is the wait before the first retry, doubled for each further
	// one up to a minute; a Retry-After header of a 429 or 503 answer
	// replaces it. Zero means 2 s.
	Backoff time.Duration
	// MaxRetryAfter is the longest Retry-After that Update waits for; a
	// server asking for longer fails that archive. Zero means 5 minutes.
	MaxRetryAfter time.Duration
	// Parallel is the number of archives downloaded at once. Zero means 4.
	Parallel int
	// Force downloads every archive again, without the validators of the
	// cached copies, and rebuilds the database even if nothing changed.
	Force bool
	// Progress, if set, is called as an archive downloads with the bytes
	// received so far and the archive's size (-1 when the server does not
	// say). done starts at 0 for each attempt and grows. Calls for
	// different ecosystems may come from different goroutines at once;
	// calls for one ecosystem never overlap.
	Progress func(ecosystem string, done, total int64)
	// Now returns the time recorded for downloads and the import; nil
	// means time.Now.
	Now func() time.Time
	// UserAgent is sent with every request; empty means "ossaudit".
	UserAgent string

	// sleep waits between attempts; tests replace it.
	sleep func(ctx context.Context, d time.Duration) error
}

// ArchiveState is what happened to one ecosystem's archive.
type ArchiveState string

// Archive states.
const (
	// ArchiveDownloaded: a new archive was downloaded and cached.
	ArchiveDownloaded ArchiveState = "downloaded"
	// ArchiveUnchanged: the server said the cached archive is current.
	ArchiveUnchanged ArchiveState = "unchanged"
	// ArchiveMissing: the server has no archive for the ecosystem (404 or
	// 410); a warning, not an error.
	ArchiveMissing ArchiveState = "missing"
	// ArchiveFailed: the archive could not be fetched; Err says why. The
	// cached archive, if any, is kept and still imported.
	ArchiveFailed ArchiveState = "failed"
)

// ArchiveResult says what Update did with one ecosystem's archive.
type ArchiveResult struct {
	Ecosystem string
	URL       string
	State     ArchiveState
	// Path is the cached archive, or "" when there is none.
	Path string
	// Bytes is the size of the archive downloaded; 0 unless State is
	// ArchiveDownloaded.
	Bytes int64
	// Attempts counts the requests made.
	Attempts int
	// ETag and LastModified are the validators of the cached archive.
	ETag         string
	LastModified string
	// Err is set when State is ArchiveFailed.
	Err error
}

// UpdateReport says what Update did.
type UpdateReport struct {
	// Archives has one entry per ecosystem asked for, in the order asked.
	Archives []ArchiveResult
	// Warnings name the ecosystems the server has no archive for, and a
	// previous database that could not be read and was replaced.
	Warnings []model.Diagnostic
	// Rebuilt is true when the database was imported again.
	Rebuilt bool
	// Import is the report of that import; nil when not rebuilt.
	Import *ImportReport
}

// archiveMeta is the content of all.zip.meta.
type archiveMeta struct {
	URL          string    `json:"url"`
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	Size         int64     `json:"size"`
	FetchedAt    time.Time `json:"fetched_at"`
}

// Update downloads osv.dev's archives (<BaseURL>/<Ecosystem>/all.zip) of
// the ecosystems in opts, keeps them in dbDir/archives, and rebuilds the
// database in dbDir from them with [Import] when one changed, when the
// database does not reflect the cached archives (it was deleted, or an
// earlier update stopped before its import) or when opts.Force is set.
// Records of ecosystems not updated are kept.
//
// A cached archive is revalidated with If-None-Match and If-Modified-Since;
// a 304 answer keeps it. A download goes to a temporary file beside the
// cached archive and replaces it only once complete and checked (every entry
// inflates with the right checksum), so a failed, interrupted or cancelled
// update leaves both the cached archives and the database as they were.
//
// An ecosystem the server has no archive for is a warning in the report. An
// archive that cannot be fetched does not stop the others: the database is
// rebuilt from what was fetched and the archives cached before, and the
// error lists the failures, each saying what to do. The report is returned
// with the error whenever downloads were attempted. Cancelling ctx stops
// everything and rebuilds nothing.
func Update(ctx context.Context, dbDir string, opts UpdateOptions) (*UpdateReport, error) {
	u, err := newUpdater(dbDir, opts)
	if err != nil {
		return nil, err
	}
	rep := &UpdateReport{Archives: make([]ArchiveResult, len(u.ecos))}
	if err := os.MkdirAll(filepath.Join(dbDir, ArchivesDir), 0o755); err != nil {
		return nil, fmt.Errorf("creating the archive folder: %w", err)
	}
	sem := make(chan struct{}, u.parallel)
	var wg sync.WaitGroup
	for i, eco := range u.ecos {
		wg.Go(func() {
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				rep.Archives[i] = u.failed(eco, ctx.Err())
				return
			}
			defer func() { <-sem }()
			rep.Archives[i] = u.fetch(ctx, eco)
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return rep, fmt.Errorf("update cancelled; the database is unchanged (archives downloaded before the cancellation are kept for the next update): %w", err)
	}

	var failures []error
	var sources []string
	changed := opts.Force
	for _, a := range rep.Archives {
		switch a.State {
		case ArchiveMissing:
			rep.Warnings = append(rep.Warnings, model.Diagnostic{
				Severity:  model.SevWarning,
				Location:  model.Location{Path: a.URL},
				Message:   fmt.Sprintf("%s has no archive for ecosystem %q (check its spelling: OSV names such as PyPI, crates.io, Go)", u.host, a.Ecosystem),
				Extractor: "osv",
			})
		case ArchiveFailed:
			failures = append(failures, fmt.Errorf("%s: %w", a.Ecosystem, a.Err))
		case ArchiveDownloaded:
			changed = true
		}
		if a.Path != "" {
			sources = append(sources, a.Path)
		}
	}
	replace := false
	if len(sources) > 0 {
		stale, err := u.stale(rep.Archives)
		if err != nil {
			// The import's carry-over would fail on it too.
			replace = true
			path := filepath.Join(dbDir, FileName)
			rep.Warnings = append(rep.Warnings, model.Diagnostic{
				Severity:  model.SevWarning,
				Location:  model.Location{Path: path},
				Message:   fmt.Sprintf("the previous database cannot be read (%s); it is replaced by one built from the downloaded archives", strings.TrimPrefix(err.Error(), path+": ")),
				Extractor: "osv",
			})
		}
		changed = changed || stale
	}
	if changed && len(sources) > 0 {
		ir, err := Import(ctx, dbDir, sources, ImportOptions{Replace: replace, Now: u.now})
		if err != nil && ctx.Err() != nil {
			return rep, fmt.Errorf("update cancelled while rebuilding; the previous database is unchanged and the next update rebuilds it from the downloaded archives: %w", err)
		}
		if err != nil {
			return rep, fmt.Errorf("rebuilding the database from %s failed, the previous database is unchanged (run the update again with --force, or import the archives with 'ossaudit db import'): %w",
				filepath.Join(dbDir, ArchivesDir), err)
		}
		rep.Rebuilt, rep.Import = true, ir
	}
	if len(failures) > 0 {
		what := "the database is unchanged"
		if rep.Rebuilt {
			what = "the database was rebuilt from the other archives and the copies cached before"
		}
		return rep, fmt.Errorf("%d of %d archives could not be updated; %s:\n%w", len(failures), len(u.ecos), what, errors.Join(failures...))
	}
	return rep, nil
}

type updater struct {
	dbDir     string
	base      string
	host      string
	ecos      []string
	client    *http.Client
	timeout   time.Duration
	retries   int
	backoff   time.Duration
	maxWait   time.Duration
	parallel  int
	force     bool
	progress  func(string, int64, int64)
	now       func() time.Time
	userAgent string
	sleep     func(context.Context, time.Duration) error
}

func newUpdater(dbDir string, o UpdateOptions) (*updater, error) {
	u := &updater{
		dbDir: dbDir, base: strings.TrimRight(o.BaseURL, "/"), ecos: o.Ecosystems, client: o.Client,
		timeout: o.Timeout, retries: o.Retries, backoff: o.Backoff, maxWait: o.MaxRetryAfter,
		parallel: o.Parallel, force: o.Force, progress: o.Progress, now: o.Now, userAgent: o.UserAgent, sleep: o.sleep,
	}
	if u.base == "" {
		u.base = DefaultBaseURL
	}
	bu, err := url.Parse(u.base)
	if err != nil || bu.Host == "" || bu.Scheme != "http" && bu.Scheme != "https" {
		return nil, fmt.Errorf("archive base URL %q is not an http(s) URL", o.BaseURL)
	}
	u.host = bu.Host
	if u.ecos == nil {
		for _, e := range model.Ecosystems() {
			u.ecos = append(u.ecos, string(e))
		}
	}
	if len(u.ecos) == 0 {
		return nil, errors.New("no ecosystems to update")
	}
	seen := map[string]bool{}
	for _, e := range u.ecos {
		if err := checkEcosystemName(e); err != nil {
			return nil, err
		}
		if seen[e] {
			return nil, fmt.Errorf("ecosystem %q is asked for twice", e)
		}
		seen[e] = true
	}
	if u.client == nil {
		u.client = &http.Client{}
	}
	if u.timeout <= 0 {
		u.timeout = defaultTimeout
	}
	switch {
	case u.retries == 0:
		u.retries = defaultRetries
	case u.retries < 0:
		u.retries = 0
	}
	if u.backoff <= 0 {
		u.backoff = defaultBackoff
	}
	if u.maxWait <= 0 {
		u.maxWait = defaultMaxWait
	}
	if u.parallel <= 0 {
		u.parallel = defaultParallel
	}
	if u.now == nil {
		u.now = time.Now
	}
	if u.userAgent == "" {
		u.userAgent = "ossaudit"
	}
	if u.sleep == nil {
		u.sleep = sleepCtx
	}
	return u, nil
}

// checkEcosystemName rejects names that cannot be one folder and one URL
// path segment.
func checkEcosystemName(e string) error {
	if e == "" || e == "." || e == ".." || strings.HasPrefix(e, ".") || strings.ContainsAny(e, `/\:`) ||
		strings.ContainsFunc(e, func(r rune) bool { return r < ' ' || r == 0x7f }) {
		return fmt.Errorf("%q is not an OSV ecosystem name osv.dev publishes an archive for (such as PyPI, npm, crates.io)", e)
	}
	return nil
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

func (u *updater) archiveURL(eco string) string {
	return u.base + "/" + url.PathEscape(eco) + "/" + archiveName
}

func (u *updater) failed(eco string, err error) ArchiveResult {
	r := ArchiveResult{Ecosystem: eco, URL: u.archiveURL(eco), State: ArchiveFailed, Err: err}
	zp := filepath.Join(u.dbDir, ArchivesDir, eco, archiveName)
	if _, e := os.Stat(zp); e == nil {
		r.Path, _ = filepath.Abs(zp)
	}
	return r
}

// attemptError is the failure of one attempt.
type attemptError struct {
	err   error
	retry bool
	wait  time.Duration // server's Retry-After; < 0 when it gave none
}

// fetch brings the cached archive of eco up to date.
func (u *updater) fetch(ctx context.Context, eco string) ArchiveResult {
	dir := filepath.Join(u.dbDir, ArchivesDir, eco)
	res := ArchiveResult{Ecosystem: eco, URL: u.archiveURL(eco)}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		res.State, res.Err = ArchiveFailed, fmt.Errorf("creating the archive folder: %w", err)
		return res
	}
	removeStaleArchiveTemps(dir, u.now())
	zipPath, _ := filepath.Abs(filepath.Join(dir, archiveName))
	cached, haveCache := readArchiveMeta(dir, zipPath)
	if haveCache {
		res.Path, res.ETag, res.LastModified = zipPath, cached.ETag, cached.LastModified
	} else if _, err := os.Stat(zipPath); err == nil {
		res.Path = zipPath // copied in by hand: imported, but not revalidated
	}
	var validators *archiveMeta
	if haveCache && !u.force && cached.URL == res.URL && (cached.ETag != "" || cached.LastModified != "") {
		validators = &cached
	}
	for attempt := 0; ; attempt++ {
		res.Attempts++
		got, aerr := u.try(ctx, eco, res.URL, dir, zipPath, validators)
		if aerr == nil {
			switch {
			case got == nil:
				res.State = ArchiveUnchanged
			case got.Size < 0:
				res.State = ArchiveMissing
			default:
				res.State, res.Path, res.Bytes = ArchiveDownloaded, zipPath, got.Size
				res.ETag, res.LastModified = got.ETag, got.LastModified
			}
			return res
		}
		if ctx.Err() != nil {
			res.State, res.Err = ArchiveFailed, ctx.Err()
			return res
		}
		if !aerr.retry || attempt >= u.retries {
			res.State, res.Err = ArchiveFailed, aerr.err
			if aerr.retry && attempt > 0 {
				res.Err = fmt.Errorf("%w (after %d attempts)", aerr.err, attempt+1)
			}
			return res
		}
		wait := aerr.wait
		if wait < 0 {
			wait = min(u.backoff<<attempt, maxBackoff)
		}
		if err := u.sleep(ctx, wait); err != nil {
			res.State, res.Err = ArchiveFailed, err
			return res
		}
	}
}

// errStalled cancels a request whose server went quiet for too long.
var errStalled = errors.New("stalled")

// try makes one request. It returns the new archive's metadata after a
// download, nil when the cached archive is current, and a metadata with a
// negative size when the server has no archive.
func (u *updater) try(ctx context.Context, eco, rawURL, dir, zipPath string, validators *archiveMeta) (*archiveMeta, *attemptError) {
	rctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	timer := time.AfterFunc(u.timeout, func() { cancel(errStalled) })
	defer timer.Stop()
	req, err := http.NewRequestWithContext(rctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, &attemptError{err: err}
	}
	req.Header.Set("User-Agent", u.userAgent)
	if validators != nil {
		if validators.ETag != "" {
			req.Header.Set("If-None-Match", validators.ETag)
		}
		if validators.LastModified != "" {
			req.Header.Set("If-Modified-Since", validators.LastModified)
		}
	}
	resp, err := u.client.Do(req)
	if err != nil {
		return nil, u.transportError(ctx, rctx, err, "")
	}
	defer resp.Body.Close()
	switch code := resp.StatusCode; {
	case code == http.StatusOK:
	case code == http.StatusNotModified && validators != nil:
		return nil, nil
	case code == http.StatusNotFound || code == http.StatusGone:
		return &archiveMeta{Size: -1}, nil
	case code == http.StatusTooManyRequests || code == http.StatusServiceUnavailable:
		wait, ok := retryAfter(resp.Header.Get("Retry-After"), u.now())
		if !ok {
			wait = -1
		}
		if wait > u.maxWait {
			return nil, &attemptError{err: fmt.Errorf("%s answered %q and asks to wait %s before trying again; try again later", u.host, resp.Status, wait)}
		}
		return nil, &attemptError{err: fmt.Errorf("%s answered %q; try again later", u.host, resp.Status), retry: true, wait: wait}
	case code == http.StatusInternalServerError || code == http.StatusBadGateway || code == http.StatusGatewayTimeout:
		return nil, &attemptError{err: fmt.Errorf("%s answered %q; try again later", u.host, resp.Status), retry: true, wait: -1}
	default:
		return nil, &attemptError{err: fmt.Errorf("%s answered %q for %s; check the archive base URL, or use 'ossaudit db import' with archives copied from osv.dev", u.host, resp.Status, rawURL)}
	}
	if resp.ContentLength > maxArchiveSize {
		return nil, &attemptError{err: fmt.Errorf("%s announces a %d-byte archive, more than the %d bytes accepted", u.host, resp.ContentLength, int64(maxArchiveSize))}
	}
	tmp, err := os.CreateTemp(dir, "."+archiveName+".tmp-*")
	if err != nil {
		return nil, &attemptError{err: err}
	}
	keep := false
	defer func() {
		if !keep {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	total := resp.ContentLength
	var done int64
	if u.progress != nil {
		u.progress(eco, 0, total)
	}
	buf := make([]byte, 64<<10)
	for {
		n, rerr := resp.Body.Read(buf)
		if n > 0 {
			timer.Reset(u.timeout)
			if done+int64(n) > maxArchiveSize {
				return nil, &attemptError{err: fmt.Errorf("the archive from %s exceeds %d bytes", u.host, int64(maxArchiveSize))}
			}
			if _, err := tmp.Write(buf[:n]); err != nil {
				return nil, &attemptError{err: fmt.Errorf("writing the download: %w", err)}
			}
			done += int64(n)
			if u.progress != nil {
				u.progress(eco, done, total)
			}
		}
		if rerr == io.EOF {
			break
		}
		if rerr != nil {
			size := "an unknown number of"
			if total >= 0 {
				size = strconv.FormatInt(total, 10)
			}
			return nil, u.transportError(ctx, rctx, rerr, fmt.Sprintf(" after %d of %s bytes", done, size))
		}
	}
	if total >= 0 && done != total {
		return nil, &attemptError{err: fmt.Errorf("connection to %s lost after %d of %d bytes; try again", u.host, done, total), retry: true, wait: -1}
	}
	timer.Stop()
	if err := tmp.Sync(); err != nil {
		return nil, &attemptError{err: err}
	}
	if err := tmp.Close(); err != nil {
		return nil, &attemptError{err: err}
	}
	if err := checkZip(ctx, tmp.Name()); err != nil {
		if ctx.Err() != nil {
			return nil, &attemptError{err: ctx.Err()}
		}
		return nil, &attemptError{err: fmt.Errorf("the download from %s is not a valid zip archive (%v); a proxy or captive portal may have answered in osv.dev's place; the cached archive is unchanged", rawURL, err)}
	}
	m := archiveMeta{URL: rawURL, ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified"), Size: done, FetchedAt: u.now().UTC()}
	// The archive first, its validators after: a crash between the two
	// leaves old validators with a new archive, which only costs a
	// download; the other order could keep an old archive for good.
	if err := os.Rename(tmp.Name(), zipPath); err != nil {
		return nil, &attemptError{err: err}
	}
	keep = true
	if err := writeArchiveMeta(dir, &m); err != nil {
		return nil, &attemptError{err: fmt.Errorf("recording the archive's validators: %w", err)}
	}
	syncDir(dir)
	return &m, nil
}

// transportError explains a failed request or body read. ctx is the
// caller's context, rctx the request's.
func (u *updater) transportError(ctx, rctx context.Context, err error, where string) *attemptError {
	if ctx.Err() != nil {
		return &attemptError{err: ctx.Err()}
	}
	if errors.Is(context.Cause(rctx), errStalled) {
		return &attemptError{err: fmt.Errorf("%s sent nothing for %s%s; the connection is slow or stalled: try again later, or with a longer timeout", u.host, u.timeout, where), retry: true, wait: -1}
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return &attemptError{err: fmt.Errorf("timed out talking to %s%s (%v); try again later, or with a longer timeout", u.host, where, err), retry: true, wait: -1}
	}
	if where != "" {
		return &attemptError{err: fmt.Errorf("connection to %s lost%s (%v); try again", u.host, where, err), retry: true, wait: -1}
	}
	var dnsErr *net.DNSError
	var opErr *net.OpError
	if errors.As(err, &dnsErr) || errors.As(err, &opErr) && opErr.Op == "dial" {
		return &attemptError{err: fmt.Errorf("cannot reach %s (%v); offline? copy osv.dev's <Ecosystem>/all.zip files from a connected machine and use 'ossaudit db import'", u.host, err), retry: true, wait: -1}
	}
	return &attemptError{err: fmt.Errorf("requesting an archive from %s: %w; try again later", u.host, err), retry: true, wait: -1}
}

// retryAfter reads a Retry-After header: seconds, or an HTTP date.
func retryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if s, err := strconv.ParseInt(v, 10, 64); err == nil {
		if s < 0 {
			return 0, false
		}
		if s > int64(24*time.Hour/time.Second) {
			s = int64(24 * time.Hour / time.Second)
		}
		return time.Duration(s) * time.Second, true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	return max(t.Sub(now), 0), true
}

// checkZip reads every entry of the zip at p, so that archive/zip checks
// each checksum: an archive that passes imports without read errors.
func checkZip(ctx context.Context, p string) error {
	zr, err := zip.OpenReader(p)
	if err != nil {
		return err
	}
	defer zr.Close()
	for _, f := range zr.File {
		if err := ctx.Err(); err != nil {
			return err
		}
		if f.FileInfo().IsDir() {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return fmt.Errorf("%s: %w", f.Name, err)
		}
		_, err = io.Copy(io.Discard, rc)
		rc.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", f.Name, err)
		}
	}
	return nil
}

// readArchiveMeta returns the validators of the cached archive, if both
// the archive and its metadata exist and agree on its size.
func readArchiveMeta(dir, zipPath string) (archiveMeta, bool) {
	var m archiveMeta
	data, err := os.ReadFile(filepath.Join(dir, archiveMetaName))
	if err != nil || json.Unmarshal(data, &m) != nil {
		return archiveMeta{}, false
	}
	fi, err := os.Stat(zipPath)
	if err != nil || fi.Size() != m.Size {
		return archiveMeta{}, false
	}
	return m, true
}

func writeArchiveMeta(dir string, m *archiveMeta) (err error) {
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+archiveMetaName+".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(append(data, '\n')); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), filepath.Join(dir, archiveMetaName))
}

// removeStaleArchiveTemps removes the temporary files of updates that died
// more than an hour before now.
func removeStaleArchiveTemps(dir string, now time.Time) {
	olds, _ := filepath.Glob(filepath.Join(dir, "."+archiveName+"*.tmp-*"))
	for _, p := range olds {
		if fi, err := os.Stat(p); err == nil && now.Sub(fi.ModTime()) > time.Hour {
			os.Remove(p)
		}
	}
}

// stale reports whether the database misses what the cached archives hold:
// an ecosystem whose status does not name its archive as a source, or was
// imported before the archive was fetched. The error says the database
// cannot be read (a missing one is stale, not an error).
func (u *updater) stale(archives []ArchiveResult) (bool, error) {
	db, err := Open(u.dbDir)
	if errors.Is(err, fs.ErrNotExist) {
		return true, nil
	}
	if err != nil {
		return true, err
	}
	defer db.Close()
	status := map[string]EcosystemStatus{}
	for _, s := range db.Status() {
		status[s.Ecosystem] = s
	}
	for _, a := range archives {
		if a.Path == "" {
			continue
		}
		s, ok := status[a.Ecosystem]
		if !ok || !slices.Contains(s.Sources, a.Path) {
			return true, nil
		}
		m, ok := readArchiveMeta(filepath.Dir(a.Path), a.Path)
		if ok && s.ImportedAt.Before(m.FetchedAt.Truncate(time.Second)) {
			return true, nil
		}
	}
	return false, nil
}
