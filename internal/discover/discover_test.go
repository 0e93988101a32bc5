package discover

import (
	"context"
	"os"
	"path"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func write(t *testing.T, root string, files ...string) {
	t.Helper()
	for _, f := range files {
		p := filepath.Join(root, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

var lockNames = map[string]bool{"package-lock.json": true, "go.mod": true, "modules.txt": true, "Cargo.lock": true, "requirements.txt": true}

func matcher() Matcher {
	return Matcher{
		File: func(p string) bool { return lockNames[path.Base(p)] },
		Installed: func(d string) bool {
			b := path.Base(d)
			return b == "node_modules" || b == "site-packages"
		},
	}
}

func paths(w *Walk) []string {
	var out []string
	for _, c := range w.Candidates {
		s := c.Path
		if c.Installed {
			s += " (installed)"
		}
		out = append(out, s)
	}
	return out
}

func TestWalk(t *testing.T) {
	root := t.TempDir()
	write(t, root,
		"package-lock.json", "README.md",
		".git/config", ".git/package-lock.json",
		"node_modules/left-pad/package.json", "node_modules/x/package-lock.json",
		"vendor/modules.txt", "vendor/github.com/a/b/go.mod", "go.mod",
		"svc/Cargo.lock", "svc/target/debug/x",
		".venv/pyvenv.cfg", ".venv/lib/python3.12/site-packages/a.dist-info/METADATA", ".venv/requirements.txt",
		"build/out/Cargo.lock", "docs/requirements.txt",
	)
	outside := t.TempDir()
	write(t, outside, "go.mod")
	if err := os.Symlink(filepath.Join(outside, "go.mod"), filepath.Join(root, "svc", "go.mod")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(root, "package-lock.json"), filepath.Join(root, "docs", "package-lock.json")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(root, filepath.Join(root, "docs", "loop")); err != nil {
		t.Fatal(err)
	}

	w, err := Run(context.Background(), root, matcher(), Options{Exclude: []string{"build/**"}})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		".venv/lib/python3.12/site-packages (installed)",
		"docs/package-lock.json",
		"docs/requirements.txt",
		"go.mod",
		"node_modules (installed)",
		"package-lock.json",
		"svc/Cargo.lock",
		"vendor/modules.txt",
	}
	if diff := cmp.Diff(want, paths(w)); diff != "" {
		t.Errorf("candidates (-want +got):\n%s", diff)
	}
	if len(w.Diagnostics) != 1 || w.Diagnostics[0].Location.Path != "svc/go.mod" {
		t.Errorf("want one diagnostic about the link out of the root, got %v", w.Diagnostics)
	}
}

func TestGitignore(t *testing.T) {
	root := t.TempDir()
	write(t, root, "go.mod", "gen/go.mod", "a/b/Cargo.lock", "a/keep/Cargo.lock")
	os.WriteFile(filepath.Join(root, ".gitignore"), []byte("gen/\n"), 0o644)
	os.WriteFile(filepath.Join(root, "a", ".gitignore"), []byte("b\n"), 0o644)
	for _, tc := range []struct {
		respect bool
		want    []string
	}{
		{false, []string{"a/b/Cargo.lock", "a/keep/Cargo.lock", "gen/go.mod", "go.mod"}},
		{true, []string{"a/keep/Cargo.lock", "go.mod"}},
	} {
		w, err := Run(context.Background(), root, matcher(), Options{RespectGitignore: tc.respect})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tc.want, paths(w)); diff != "" {
			t.Errorf("respect=%v (-want +got):\n%s", tc.respect, diff)
		}
	}
}

func TestExecutables(t *testing.T) {
	root := t.TempDir()
	big := make([]byte, 4096)
	os.WriteFile(filepath.Join(root, "tool"), big, 0o755)
	os.WriteFile(filepath.Join(root, "script.sh"), []byte("#!/bin/sh\n"), 0o755)
	os.WriteFile(filepath.Join(root, "data.bin"), big, 0o644)
	w, err := Run(context.Background(), root, matcher(), Options{Executables: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(w.Candidates) != 1 || w.Candidates[0].Path != "tool" || !w.Candidates[0].Executable {
		t.Errorf("got %+v, want only the large executable", w.Candidates)
	}
	if w.Files != 3 {
		t.Errorf("Files = %d, want 3", w.Files)
	}
}

func TestVenvLib64LinkReadOnce(t *testing.T) {
	root := t.TempDir()
	write(t, root, "env/pyvenv.cfg", "env/lib/python3.11/site-packages/a.dist-info/METADATA")
	if err := os.Symlink("lib", filepath.Join(root, "env", "lib64")); err != nil {
		t.Fatal(err)
	}
	w, err := Run(context.Background(), root, matcher(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"env/lib/python3.11/site-packages (installed)"}, paths(w)); diff != "" {
		t.Errorf("candidates (-want +got):\n%s", diff)
	}
}
