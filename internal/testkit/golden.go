// Package testkit holds helpers only tests import: golden files with an
// -update flag and redaction of the parts of an output that change from run
// to run (timestamps, serial numbers, UUIDs).
package testkit

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite golden files with the current output")

var redactions = []struct {
	re   *regexp.Regexp
	with string
}{
	{regexp.MustCompile(`urn:uuid:[0-9a-f-]{36}`), "urn:uuid:REDACTED"},
	{regexp.MustCompile(`\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})`), "TIMESTAMP"},
	{regexp.MustCompile(`(https://spdx\.org/spdxdocs/[^"\s]*?)-[0-9a-f-]{36}`), "${1}-REDACTED"},
}

// Redact replaces timestamps, UUIDs and document namespaces with fixed text.
func Redact(b []byte) []byte {
	for _, r := range redactions {
		b = r.re.ReplaceAll(b, []byte(r.with))
	}
	return b
}

// Golden compares got (redacted) with testdata/<name>, or rewrites the file
// when the test runs with -update.
func Golden(t testing.TB, name string, got []byte) {
	t.Helper()
	got = Redact(got)
	p := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("reading golden file (run the test with -update to create it): %v", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs from the golden file (-want +got); run with -update if the change is intended:\n%s", p, diff)
	}
}
