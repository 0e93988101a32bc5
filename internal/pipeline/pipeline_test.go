package pipeline

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/ossaudit/ossaudit/internal/extract"
	"github.com/ossaudit/ossaudit/model"
	"github.com/package-url/packageurl-go"
)

// fake reads "*.fake" lockfiles whose lines are package names, and
// "fake_modules" folders whose entries are installed packages.
type fake struct {
	kind  extract.Kind
	delay time.Duration
}

func (f fake) Name() string             { return "fake/" + string(f.kind) }
func (fake) Ecosystem() model.Ecosystem { return model.Npm }
func (f fake) Kind() extract.Kind       { return f.kind }
func (fake) Description() string        { return "test input" }
func (f fake) Match(p string) bool {
	return f.kind == extract.KindLockfile && strings.HasSuffix(p, ".fake")
}
func (f fake) MatchInstalled(d string) bool { return path.Base(d) == "fake_modules" }
func (f fake) Sniff(h []byte) bool          { return bytes.HasPrefix(h, []byte("FAKE\n")) }

func (f fake) Extract(ctx context.Context, in *extract.Input) (*extract.Result, error) {
	time.Sleep(f.delay)
	res := &extract.Result{}
	dir := in.Dir()
	var names []string
	if f.kind == extract.KindInstalled {
		dir = path.Dir(in.Path)
		entries, err := fs.ReadDir(in.FS, in.Path)
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			names = append(names, e.Name())
		}
	} else {
		data, err := in.ReadFile()
		if err != nil {
			return nil, err
		}
		for _, l := range strings.Split(strings.TrimSpace(string(data)), "\n") {
			if l != "FAKE" {
				names = append(names, l)
			}
		}
	}
	proj := model.Project{ID: extract.ProjectID(model.Npm, dir, ""), Ecosystem: model.Npm, Dir: dir, Sources: []string{in.Path}}
	res.Projects = append(res.Projects, proj)
	for i, n := range names {
		if n == "PANIC" {
			panic("test panic")
		}
		p := extract.NewPackage(model.Npm, *packageurl.NewPackageURL("npm", "", n, "1.0.0", nil, ""), n, n, model.Location{Path: in.Path, Line: i + 1})
		res.Packages = append(res.Packages, p)
		res.AddEdge(proj.ID, p.ID, model.ScopeRuntime)
	}
	return res, nil
}

func write(t *testing.T, files map[string]string) string {
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

func names(r *model.Result) []string {
	var out []string
	for _, p := range r.Packages {
		out = append(out, p.Locations[0].Path+":"+p.Name)
	}
	return out
}

func TestRunInstalledOnlyWithoutLockfile(t *testing.T) {
	root := write(t, map[string]string{
		"a/app.fake":                  "left\n",
		"a/fake_modules/left/x":       "",
		"a/fake_modules/shadowed/x":   "",
		"b/fake_modules/only/x":       "",
		"b/fake_modules/installed2/x": "",
	})
	res, err := runWith(t, root, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"b/fake_modules:installed2", "a/app.fake:left", "b/fake_modules:only"} // by ID
	if diff := cmp.Diff(want, names(res)); diff != "" {
		t.Errorf("packages (-want +got):\n%s", diff)
	}
	var info []string
	for _, d := range res.Diagnostics {
		info = append(info, d.String())
	}
	if len(info) != 1 || !strings.Contains(info[0], "b/fake_modules: info: no npm lockfile describes this project") {
		t.Errorf("want one info diagnostic about b/fake_modules, got %q", info)
	}
}

func TestRunPanicBecomesDiagnostic(t *testing.T) {
	root := write(t, map[string]string{"bad/x.fake": "PANIC\n", "good/y.fake": "ok\n"})
	res, err := runWith(t, root, nil)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"good/y.fake:ok"}, names(res)); diff != "" {
		t.Errorf("packages (-want +got):\n%s", diff)
	}
	if !res.Incomplete() || !strings.Contains(res.Diagnostics[0].Message, "internal error in the fake/lockfile reader") || res.Diagnostics[0].Location.Path != "bad/x.fake" {
		t.Errorf("want an error diagnostic naming bad/x.fake, got %v", res.Diagnostics)
	}
}

func TestRunSingleFileIsSniffed(t *testing.T) {
	root := write(t, map[string]string{"dump.bin": "FAKE\nsniffed\n", "other.txt": "nothing\n"})
	res, err := runWithTarget(t, filepath.Join(root, "dump.bin"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"dump.bin:sniffed"}, names(res)); diff != "" {
		t.Errorf("packages (-want +got):\n%s", diff)
	}
	res, err = runWithTarget(t, filepath.Join(root, "other.txt"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Incomplete() || !strings.Contains(res.Diagnostics[0].Message, "no extractor reads this file") {
		t.Errorf("an unreadable single file must be an error diagnostic, got %v", res.Diagnostics)
	}
}

func TestRunProgressOnlyWhenSlow(t *testing.T) {
	root := write(t, map[string]string{"a.fake": "x\n"})
	var quick, slow bytes.Buffer
	if _, err := runWith(t, root, &quick); err != nil {
		t.Fatal(err)
	}
	if quick.Len() != 0 {
		t.Errorf("a quick scan printed progress: %q", quick.String())
	}
	if _, err := run(root, &slow, 400*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(slow.String(), "scanning: 1 files walked") {
		t.Errorf("a slow scan showed no progress: %q", slow.String())
	}
}

func TestRunMissingTarget(t *testing.T) {
	if _, err := runWithTarget(t, filepath.Join(t.TempDir(), "nope"), nil); err == nil {
		t.Error("no error for a missing target")
	}
}

func runWith(t *testing.T, root string, progress *bytes.Buffer) (*model.Result, error) {
	return runWithTarget(t, root, progress)
}

func runWithTarget(t *testing.T, target string, progress *bytes.Buffer) (*model.Result, error) {
	t.Helper()
	return run(target, progress, 0)
}

func run(target string, progress *bytes.Buffer, delay time.Duration) (*model.Result, error) {
	opts := Options{
		Target:     target,
		Extractors: []extract.Extractor{fake{kind: extract.KindLockfile, delay: delay}, fake{kind: extract.KindInstalled}},
	}
	if progress != nil {
		opts.Progress = progress
	}
	return Run(context.Background(), opts)
}
