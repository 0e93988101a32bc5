package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ossaudit/ossaudit/model"
)

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	// no advisory database from the developer's cache leaks into a test
	t.Setenv("OSSAUDIT_DB", filepath.Join(t.TempDir(), "no-db"))
	var out, errb bytes.Buffer
	code = run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, content := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

const example = "../../examples/webshop"

func decode(t *testing.T, s string) *model.Result {
	t.Helper()
	var r model.Result
	if err := json.Unmarshal([]byte(s), &r); err != nil {
		t.Fatalf("stdout is not ossaudit JSON: %v\n%s", err, s)
	}
	return &r
}

func TestScanExampleDefaultsToJSON(t *testing.T) {
	code, out, errOut := runCLI(t, "scan", example)
	if code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, errOut)
	}
	r := decode(t, out)
	want := map[string]bool{"express": false, "github.com/google/uuid": false, "celery": false, "stdlib": false, "pytest": false}
	for _, p := range r.Packages {
		if _, ok := want[p.Name]; ok {
			want[p.Name] = true
		}
	}
	for name, found := range want {
		if !found {
			t.Errorf("%s not found in the example scan", name)
		}
	}
	if len(r.Projects) != 3 {
		t.Errorf("projects = %d, want 3 (web, api, worker)", len(r.Projects))
	}
}

func TestExitCodes(t *testing.T) {
	bad := writeTree(t, map[string]string{
		"good/go.mod":            "module example.com/good\n\ngo 1.22\n\nrequire golang.org/x/mod v0.17.0\n",
		"bad/package-lock.json":  "{\n  \"lockfileVersion\": 3,\n  \"packages\": {\n    \"\": {\n",
		"worse/Cargo.lock":       "\x00\x01\x02binary\xff",
		"worse/requirements.txt": "requests==2.31.0\n",
	})
	tests := []struct {
		name string
		args []string
		want int
		in   string // expected in stderr
	}{
		{"ok", []string{"scan", example, "--format", "table"}, exitOK, ""},
		{"partial", []string{"scan", bad}, exitIncomplete, "package-lock.json:"},
		{"unknown format", []string{"scan", example, "--format", "nope"}, exitUsage, "unknown format"},
		{"file over the cap", []string{"scan", example, "--max-file-size", "1K"}, exitIncomplete, "over the cap of 1024; raise it with --max-file-size"},
		{"bad size", []string{"scan", example, "--max-file-size", "lots"}, exitUsage, "positive size"},
		{"missing path", []string{"scan", filepath.Join(bad, "nothing")}, exitUsage, "cannot scan"},
		{"bad flag", []string{"scan", "--frobnicate"}, exitUsage, "frobnicate"},
		{"two stdout formats", []string{"scan", example, "--format", "json", "--format", "table"}, exitUsage, "stdout"},
		{"unknown command", []string{"frob"}, exitUsage, "unknown command"},
		{"no args", nil, exitUsage, "Usage"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, tt.args...)
			if code != tt.want {
				t.Errorf("exit %d, want %d\nstderr: %s", code, tt.want, errOut)
			}
			if !strings.Contains(errOut, tt.in) {
				t.Errorf("stderr lacks %q:\n%s", tt.in, errOut)
			}
			if tt.name == "partial" {
				r := decode(t, out)
				names := map[string]bool{}
				for _, p := range r.Packages {
					names[p.Name] = true
				}
				if !names["golang.org/x/mod"] || !names["requests"] {
					t.Errorf("the readable files' packages are missing from a partial scan: %v", names)
				}
			}
		})
	}
}

func TestSeveralFormatsFromOneScan(t *testing.T) {
	dir := t.TempDir()
	js, tab := filepath.Join(dir, "out.json"), filepath.Join(dir, "out.txt")
	code, out, errOut := runCLI(t, "scan", example, "--format", "json="+js, "--format", "table="+tab)
	if code != exitOK || out != "" {
		t.Fatalf("exit %d, stdout %q, stderr %s", code, out, errOut)
	}
	data, err := os.ReadFile(js)
	if err != nil {
		t.Fatal(err)
	}
	r := decode(t, string(data))
	txt, err := os.ReadFile(tab)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(txt), "express") || len(r.Packages) == 0 {
		t.Errorf("outputs incomplete: %d packages in JSON; table:\n%s", len(r.Packages), txt)
	}
}

func TestWhy(t *testing.T) {
	code, out, errOut := runCLI(t, "why", "debug", example)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 3 || !strings.HasPrefix(lines[0], "debug@") {
		t.Fatalf("unexpected output:\n%s", out)
	}
	// shortest first
	prev := 0
	for _, l := range lines[1:] {
		if !strings.HasPrefix(l, "  ") || strings.HasPrefix(l, "  …") || l == "" {
			continue
		}
		n := strings.Count(l, "→")
		if n < prev {
			t.Errorf("paths not shortest first:\n%s", out)
			break
		}
		prev = n
	}
	if !strings.Contains(out, "webshop-web → express@") {
		t.Errorf("no path through express:\n%s", out)
	}
	code, out, _ = runCLI(t, "why", "left-pad", example)
	if code != exitGate || !strings.Contains(out, "not a dependency") {
		t.Errorf("absent package: exit %d, out %q", code, out)
	}
}

func TestHelpIsGeneratedFromRegistries(t *testing.T) {
	_, out, _ := runCLI(t, "help", "formats")
	for _, f := range []string{"json", "table"} {
		if !strings.Contains(out, f) {
			t.Errorf("help formats lacks %s:\n%s", f, out)
		}
	}
	_, out, _ = runCLI(t, "help", "ecosystems")
	for _, e := range []string{"npm", "Go", "PyPI"} {
		if !strings.Contains(out, e) {
			t.Errorf("help ecosystems lacks %s:\n%s", e, out)
		}
	}
}
