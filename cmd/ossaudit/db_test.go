package main

import (
	"encoding/json"
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
