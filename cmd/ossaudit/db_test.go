package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const osvRecords = "../../internal/enrich/osv/testdata/records"

func TestDBImportAndStatus(t *testing.T) {
	db := t.TempDir()
	// Two valid records only: a clean import.
	clean := t.TempDir()
	for _, f := range []string{"GO-2020-0001.json", "PYSEC-2022-42969.json"} {
		data, err := os.ReadFile(filepath.Join(osvRecords, f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(clean, f), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, out, errOut := runCLI(t, "db", "import", "--db", db, clean)
	if code != exitOK {
		t.Fatalf("clean import: exit %d\n%s", code, errOut)
	}
	if !strings.Contains(out, "2 records in "+db) || !strings.Contains(out, "Go ") || !strings.Contains(out, "PyPI ") {
		t.Errorf("import summary:\n%s", out)
	}

	// The whole folder holds a malformed and a truncated record: they are
	// reported by id or file and skipped, the rest is imported, exit 2.
	code, out, errOut = runCLI(t, "db", "import", "--replace", "--db", db, osvRecords)
	if code != exitIncomplete {
		t.Errorf("import with bad records: exit %d, want %d\n%s", code, exitIncomplete, errOut)
	}
	if !strings.Contains(errOut, "GO-2020-0001-MALFORMED.json") || !strings.Contains(errOut, "TRUNCATED.json") || !strings.Contains(errOut, "were skipped") {
		t.Errorf("skipped records not named:\n%s", errOut)
	}

	code, out, errOut = runCLI(t, "db", "status", "--db", db, "--format", "json")
	if code != exitOK {
		t.Fatalf("status: exit %d\n%s", code, errOut)
	}
	var st struct {
		Dir        string
		Records    int
		Ecosystems []struct {
			Ecosystem string
			Records   int
		}
	}
	if err := json.Unmarshal([]byte(out), &st); err != nil {
		t.Fatalf("status JSON: %v\n%s", err, out)
	}
	ecos := map[string]int{}
	for _, e := range st.Ecosystems {
		ecos[e.Ecosystem] = e.Records
	}
	if st.Dir != db || st.Records != 11 || ecos["PyPI"] == 0 || ecos["Go"] == 0 || ecos["npm"] == 0 {
		t.Errorf("status = %+v", st)
	}
	code, out, _ = runCLI(t, "db", "status", "--db", db)
	if code != exitOK || !strings.Contains(out, "ECOSYSTEM") || !strings.Contains(out, "just now") {
		t.Errorf("status table: exit %d\n%s", code, out)
	}
}

func TestDBErrors(t *testing.T) {
	empty := t.TempDir()
	tests := []struct {
		args []string
		in   string
	}{
		{[]string{"db", "status", "--db", empty}, "no advisory database"},
		{[]string{"db", "import", "--db", empty}, "needs at least one PATH"},
		{[]string{"db", "import", "--db", empty, filepath.Join(empty, "missing.zip")}, "previous database (if any) is unchanged"},
		{[]string{"db", "frob"}, "unknown db subcommand"},
		{[]string{"db"}, "needs a subcommand"},
		{[]string{"db", "status", "--db", empty, "--format", "xml"}, "table or json"},
	}
	for _, tt := range tests {
		code, _, errOut := runCLI(t, tt.args...)
		if code != exitUsage || !strings.Contains(errOut, tt.in) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d and %q", tt.args, code, errOut, exitUsage, tt.in)
		}
	}
	if _, err := os.Stat(filepath.Join(empty, "osv.db")); err == nil {
		t.Error("a failed import left a database file behind")
	}
}

func TestScanFindsVulnerabilities(t *testing.T) {
	db := t.TempDir()
	if code, _, errOut := runCLI(t, "db", "import", "--db", db, osvRecords); code != exitIncomplete {
		t.Fatalf("import: exit %d\n%s", code, errOut) // the folder holds two broken records on purpose
	}
	tree := writeTree(t, map[string]string{
		"svc/go.mod":             "module example.com/svc\n\ngo 1.22\n\nrequire github.com/gin-gonic/gin v1.5.0\n",
		"tools/requirements.txt": "py==1.10.0\nrequests==2.31.0\n",
	})
	code, out, errOut := runCLI(t, "scan", tree, "--db", db)
	if code != exitOK {
		t.Fatalf("scan: exit %d\n%s", code, errOut)
	}
	r := decode(t, out)
	got := map[string]string{}
	for _, v := range r.Vulnerabilities {
		got[v.ID] = v.Package + " " + string(v.Rating) + " " + v.UpgradeTo
	}
	want := map[string]string{
		"GO-2020-0001":     "pkg:golang/github.com/gin-gonic/gin@v1.5.0 unknown v1.6.0",
		"PYSEC-2022-42969": "pkg:pypi/py@1.10.0 unknown ",
	}
	if len(got) != len(want) || got["GO-2020-0001"] != want["GO-2020-0001"] || got["PYSEC-2022-42969"] != want["PYSEC-2022-42969"] {
		t.Errorf("vulnerabilities = %v, want %v", got, want)
	}
	_, table, _ := runCLI(t, "scan", tree, "--db", db, "--format", "table")
	if !strings.Contains(table, "GO-2020-0001") || !strings.Contains(table, "2 vulnerabilities: 2 unknown") {
		t.Errorf("table lacks the vulnerabilities:\n%s", table)
	}
	// without a database the scan says so and still succeeds
	code, out, errOut = runCLI(t, "scan", tree, "--db", filepath.Join(t.TempDir(), "none"))
	if code != exitOK || len(decode(t, out).Vulnerabilities) != 0 || !strings.Contains(errOut, "vulnerabilities were not checked") {
		t.Errorf("missing database: exit %d, stderr %q", code, errOut)
	}
	code, _, errOut = runCLI(t, "scan", tree, "--db", db, "--no-vulns")
	if code != exitOK || strings.Contains(errOut, "vulnerabilit") {
		t.Errorf("--no-vulns: exit %d, stderr %q", code, errOut)
	}
}

func TestScanGates(t *testing.T) {
	db := t.TempDir()
	runCLI(t, "db", "import", "--db", db, osvRecords)
	tree := writeTree(t, map[string]string{"go.mod": "module example.com/svc\n\ngo 1.22\n\nrequire github.com/gin-gonic/gin v1.5.0\n"})
	tests := []struct {
		name   string
		args   []string
		want   int
		stderr []string
	}{
		{"any vulnerability fails --fail-on unknown", []string{"--fail-on", "unknown"}, exitGate, []string{"gate failed: 1 vulnerabilities at or above --fail-on unknown (1 unknown)"}},
		{"an unrated one does not fail --fail-on high, but is counted", []string{"--fail-on", "high"}, exitOK, []string{"1 vulnerabilities have no known severity"}},
		{"old data warns", nil, exitOK, []string{"warning: the advisory data is", "older than --max-db-age 7d"}},
		{"old data can fail", []string{"--fail-on-old-db"}, exitGate, []string{"gate failed: the advisory data is"}},
		{"a generous age is quiet", []string{"--max-db-age", "100000d", "--fail-on-old-db"}, exitOK, nil},
		{"bad severity", []string{"--fail-on", "severe"}, exitUsage, []string{"not a severity"}},
		{"bad age", []string{"--max-db-age", "soon"}, exitUsage, []string{"not an age"}},
	}
	for _, tt := range tests {
		args := append([]string{"scan", tree, "--db", db}, tt.args...)
		code, _, errOut := runCLI(t, args...)
		if code != tt.want {
			t.Errorf("%s: exit %d, want %d\n%s", tt.name, code, tt.want, errOut)
		}
		for _, s := range tt.stderr {
			if !strings.Contains(errOut, s) {
				t.Errorf("%s: stderr lacks %q:\n%s", tt.name, s, errOut)
			}
		}
		if tt.stderr == nil && strings.Contains(errOut, "advisory data is") {
			t.Errorf("%s: unexpected warning:\n%s", tt.name, errOut)
		}
	}
}

func TestScanVEX(t *testing.T) {
	db := t.TempDir()
	runCLI(t, "db", "import", "--db", db, osvRecords)
	tree := writeTree(t, map[string]string{"go.mod": "module example.com/svc\n\ngo 1.22\n\nrequire github.com/gin-gonic/gin v1.5.0\n"})
	vex := filepath.Join(t.TempDir(), "svc.openvex.json")
	os.WriteFile(vex, []byte(`{"@context": "https://openvex.dev/ns/v0.2.0", "@id": "https://example.test/vex", "author": "sec", "timestamp": "2026-11-01T00:00:00Z", "version": 1,
  "statements": [{"vulnerability": {"name": "GHSA-6vm3-jj99-7229"}, "products": [{"@id": "pkg:golang/github.com/gin-gonic/gin@v1.5.0"}],
  "status": "not_affected", "justification": "vulnerable_code_not_in_execute_path"}]}`), 0o644)
	code, out, errOut := runCLI(t, "scan", tree, "--db", db, "--vex", vex, "--fail-on", "unknown", "--max-db-age", "100000d")
	if code != exitOK {
		t.Errorf("a not_affected statement must clear the gate: exit %d\n%s", code, errOut)
	}
	r := decode(t, out)
	if len(r.Vulnerabilities) != 1 || r.Vulnerabilities[0].Ignored == nil || r.Vulnerabilities[0].Ignored.Status != "not_affected" {
		t.Errorf("vulnerabilities: %+v", r.Vulnerabilities)
	}
	// triage shared: a policy-file ignore, written out as OpenVEX, suppresses
	// the finding in a scan that has no policy file
	triaged := writeTree(t, map[string]string{
		"go.mod":         "module example.com/svc\n\ngo 1.22\n\nrequire github.com/gin-gonic/gin v1.5.0\n",
		".ossaudit.yaml": "ignore:\n  - id: GO-2020-0001\n    reason: the logger never sees user input\n",
	})
	out2 := filepath.Join(t.TempDir(), "triage.openvex.json")
	if code, _, errOut := runCLI(t, "scan", triaged, "--db", db, "--format", "openvex="+out2, "--max-db-age", "100000d"); code != exitOK {
		t.Fatalf("writing OpenVEX: exit %d\n%s", code, errOut)
	}
	code, out, errOut = runCLI(t, "scan", tree, "--db", db, "--vex", out2, "--fail-on", "unknown", "--max-db-age", "100000d")
	if code != exitOK || decode(t, out).Vulnerabilities[0].Ignored == nil {
		t.Errorf("OpenVEX written by ossaudit did not suppress the finding: exit %d\n%s", code, errOut)
	}
	if code, _, errOut := runCLI(t, "scan", tree, "--db", db, "--vex", filepath.Join(tree, "go.mod")); code != exitUsage || !strings.Contains(errOut, "go.mod") {
		t.Errorf("a non-VEX file: exit %d, %s", code, errOut)
	}
}

func TestDBUpdate(t *testing.T) {
	var zipBuf bytes.Buffer
	zw := zip.NewWriter(&zipBuf)
	for _, f := range []string{"PYSEC-2022-42969.json", "PYSEC-2020-341.json"} {
		data, err := os.ReadFile(filepath.Join(osvRecords, f))
		if err != nil {
			t.Fatal(err)
		}
		w, _ := zw.Create(f)
		w.Write(data)
	}
	zw.Close()
	var requests []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests = append(requests, r.URL.Path)
		if r.URL.Path != "/PyPI/all.zip" {
			http.NotFound(w, r)
			return
		}
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Write(zipBuf.Bytes())
	}))
	defer srv.Close()
	db := t.TempDir()
	code, out, errOut := runCLI(t, "db", "update", "--db", db, "--url", srv.URL, "--ecosystem", "PyPI", "--ecosystem", "npm")
	if code != exitOK || !strings.Contains(out, "rebuilt "+db+": 2 records") || !strings.Contains(out, "npm        missing") {
		t.Errorf("first update: exit %d\n%s\n%s", code, out, errOut)
	}
	code, out, errOut = runCLI(t, "db", "update", "--db", db, "--url", srv.URL, "--ecosystem", "PyPI")
	if code != exitOK || !strings.Contains(out, "unchanged") || !strings.Contains(out, "nothing changed") {
		t.Errorf("second update: exit %d\n%s\n%s", code, out, errOut)
	}
	// a server that is gone: the database stays, the exit code says partial
	srv.Close()
	code, _, errOut = runCLI(t, "db", "update", "--db", db, "--url", srv.URL, "--ecosystem", "PyPI", "--retries", "0")
	if code != exitIncomplete || !strings.Contains(errOut, "offline?") {
		t.Errorf("offline update: exit %d\n%s", code, errOut)
	}
	if code, out, _ := runCLI(t, "db", "status", "--db", db); code != exitOK || !strings.Contains(out, "PyPI") {
		t.Errorf("the database did not survive a failed update:\n%s", out)
	}
}

func TestVulnerabilitiesSurviveAnSBOM(t *testing.T) {
	db := t.TempDir()
	runCLI(t, "db", "import", "--db", db, osvRecords)
	tree := writeTree(t, map[string]string{
		"go.mod":         "module example.com/svc\n\ngo 1.22\n\nrequire github.com/gin-gonic/gin v1.5.0\n",
		".ossaudit.yaml": "ignore:\n  - id: GO-2020-0001\n    reason: the logger never sees user input\n",
	})
	for _, f := range []string{"bom.cdx.json", "bom.spdx.json"} {
		sbom := filepath.Join(t.TempDir(), f)
		format := map[string]string{"bom.cdx.json": "cyclonedx-json", "bom.spdx.json": "spdx-json"}[f]
		if code, _, errOut := runCLI(t, "scan", tree, "--db", db, "--format", format+"="+sbom, "--max-db-age", "100000d"); code != exitOK {
			t.Fatalf("%s: exit %d\n%s", f, code, errOut)
		}
		for _, args := range [][]string{{"--no-vulns"}, {"--db", db}} {
			code, out, errOut := runCLI(t, append([]string{"scan", sbom, "--max-db-age", "100000d"}, args...)...)
			if code != exitOK {
				t.Fatalf("%s %v: exit %d\n%s", f, args, code, errOut)
			}
			vs := decode(t, out).Vulnerabilities
			if len(vs) != 1 || vs[0].ID != "GO-2020-0001" || vs[0].Ignored == nil || vs[0].Ignored.Reason != "the logger never sees user input" {
				t.Errorf("%s %v: vulnerabilities read back: %+v", f, args, vs)
			}
		}
	}
}
