package cargo

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ossaudit/ossaudit/internal/diag"
	"github.com/ossaudit/ossaudit/internal/extract"
	"github.com/ossaudit/ossaudit/internal/extract/exttest"
	"github.com/ossaudit/ossaudit/model"
)

// summary is what the tests compare.
type summary struct {
	Packages []string
	Lines    map[string]int
	Props    map[string]map[string]string
	Edges    []string
	Projects []string
	Diags    []string
}

func summarise(r *extract.Result) summary {
	s := summary{Packages: exttest.Packages(r), Lines: map[string]int{}, Props: map[string]map[string]string{}, Edges: exttest.Edges(r)}
	for _, p := range r.Packages {
		s.Lines[p.Name+"@"+p.Version] = p.Locations[0].Line
		if len(p.Properties) > 0 {
			s.Props[p.Name+"@"+p.Version] = p.Properties
		}
	}
	for _, p := range r.Projects {
		s.Projects = append(s.Projects, strings.Join([]string{p.ID, p.Name, p.Version, p.PURL, p.Workspace}, " "))
	}
	for _, d := range r.Diagnostics {
		s.Diags = append(s.Diags, d.String())
	}
	return s
}

const cratesIO = "registry+https://github.com/rust-lang/crates.io-index"

func TestCargoLock(t *testing.T) {
	tests := []struct {
		dir  string
		want summary
	}{
		{
			dir: "v1",
			want: summary{
				Packages: []string{"cfg-if@0.1.10", "log@0.4.8", "mylib@0.2.0"},
				Lines:    map[string]int{"cfg-if@0.1.10": 9, "log@0.4.8": 14, "mylib@0.2.0": 22},
				Props: map[string]map[string]string{
					"cfg-if@0.1.10": {"cargo:checksum": "4785bdd1c96b2a846b2bd7cc02e86b6b3dbf14e7e53446c4f54c92a361040822"},
					"log@0.4.8":     {"cargo:checksum": "14b6052be84e6b71ab17edffc2eeabf5c9b69e3a2a8b0b18e8c7ef4d0c79a8e7"},
					"mylib@0.2.0":   {"cargo:source": "git+https://github.com/example/mylib#0123456789abcdef0123456789abcdef01234567"},
				},
				Edges:    []string{"log@0.4.8 -> cfg-if@0.1.10", "project:. -> log@0.4.8", "project:. -> mylib@0.2.0"},
				Projects: []string{"project:crates.io:. hello 0.1.0 pkg:cargo/hello@0.1.0 "},
			},
		},
		{
			dir: "v2",
			want: summary{
				Packages: []string{"bitflags@1.3.2", "bitflags@2.4.2"},
				Lines:    map[string]int{"bitflags@1.3.2": 3, "bitflags@2.4.2": 9},
				Props: map[string]map[string]string{
					"bitflags@1.3.2": {"cargo:checksum": "bef38d45163c2f1dde094a7dfd33ccf595c92905c8f8f4fdc18d06fb1037718a"},
					"bitflags@2.4.2": {"cargo:checksum": "ed570934406eb16438a4e976b1b4500774099c13b8cb96eec99f620f05090ddf"},
				},
				Edges:    []string{"project:. -> bitflags@1.3.2", "project:. -> bitflags@2.4.2"},
				Projects: []string{"project:crates.io:. tool 1.0.0 pkg:cargo/tool@1.0.0 "},
				Diags:    []string{`Cargo.lock:15: warning: dependency "unknown-crate" of tool 1.0.0 matches no package or matches several`},
			},
		},
		{
			dir: "v4",
			want: summary{
				Packages: []string{"itoa@1.0.11", "private-crate@0.9.1"},
				Lines:    map[string]int{"itoa@1.0.11": 13, "private-crate@0.9.1": 19},
				Props: map[string]map[string]string{
					"itoa@1.0.11":         {"cargo:checksum": "49f1f14873335454500d59611f1cf4a4b0f786f9ac11f4312a78e4cf2566695b"},
					"private-crate@0.9.1": {"cargo:checksum": "0000000000000000000000000000000000000000000000000000000000000001", "cargo:source": "sparse+https://crates.example.test/index/"},
				},
				Edges:    []string{"project:. -> itoa@1.0.11", "project:. -> private-crate@0.9.1"},
				Projects: []string{"project:crates.io:. demo 0.3.0 pkg:cargo/demo@0.3.0 "},
			},
		},
		{
			dir: "workspace",
			want: summary{
				Packages: []string{"rand@0.7.3", "rand@0.8.5", "serde@1.0.197", "serde_derive@1.0.197"},
				Lines:    map[string]int{"rand@0.7.3": 34, "rand@0.8.5": 40, "serde@1.0.197": 46, "serde_derive@1.0.197": 55},
				Props: map[string]map[string]string{
					"rand@0.7.3":           {"cargo:checksum": "6a6b1679d49b24bbfe0c803429aa1874472f50d9b363131f0e89fc356b544d03"},
					"rand@0.8.5":           {"cargo:checksum": "34af8d1a0e25924bc5b7c43c079c942339d8f0a8b57c39049bef581b46327404"},
					"serde@1.0.197":        {"cargo:checksum": "3fb1c873e1b9b056a4dc4c0c198b24c3ffa059243875552b2bd0933b1aee4ce2"},
					"serde_derive@1.0.197": {"cargo:source": "git+https://github.com/serde-rs/serde?tag=v1.0.197#7b548db91ed7da81a5c0ddbd6f6f21238aacfebe"},
				},
				Edges: []string{
					"project:. -> project:crates/util",
					"project:. -> rand@0.8.5",
					"project:. -> serde@1.0.197",
					"project:crates/cli -> project:.",
					"project:crates/util -> project:.", // local-helper, a path crate outside the members
					"project:crates/util -> rand@0.7.3",
					"project:crates/util -> serde@1.0.197",
					"serde@1.0.197 -> serde_derive@1.0.197",
				},
				Projects: []string{
					"project:crates.io:. app 0.5.0 pkg:cargo/app@0.5.0 ",
					"project:crates.io:crates/cli app-cli 0.1.0 pkg:cargo/app-cli@0.1.0 project:crates.io:.",
					"project:crates.io:crates/util app-util 0.1.0 pkg:cargo/app-util@0.1.0 project:crates.io:.",
					"project:crates.io:.#local-helper local-helper 0.0.1 pkg:cargo/local-helper@0.0.1 project:crates.io:.",
				},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.dir, func(t *testing.T) {
			r, err := exttest.Run(t, CargoLock{}, filepath.Join("testdata", tc.dir), "Cargo.lock")
			if err != nil {
				t.Fatal(err)
			}
			exttest.CheckIntegrity(t, r)
			if d := cmp.Diff(tc.want, summarise(r)); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
		})
	}
}

func TestCargoLockEdgeIDs(t *testing.T) {
	r, err := exttest.Run(t, CargoLock{}, "testdata/workspace", "Cargo.lock")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"project:crates.io:crates/util -> project:crates.io:.#local-helper": true, "project:crates.io:crates/cli -> project:crates.io:.": true}
	for _, e := range r.Edges {
		delete(want, e.From+" -> "+e.To)
	}
	if len(want) != 0 {
		t.Errorf("missing edges %v", want)
	}
}

func TestCargoLockVirtualWorkspace(t *testing.T) {
	files := map[string]string{
		"rs/Cargo.toml":       "[workspace]\nmembers = [\"a\", \"b\"]\n",
		"rs/a/Cargo.toml":     "[package]\nname = \"a\"\n",
		"rs/b/Cargo.toml":     "[package]\nname = \"b\"\n",
		"rs/Cargo.lock":       "version = 3\n\n[[package]]\nname = \"a\"\nversion = \"0.1.0\"\ndependencies = [\"b\", \"libc\"]\n\n[[package]]\nname = \"b\"\nversion = \"0.2.0\"\n\n[[package]]\nname = \"libc\"\nversion = \"0.2.150\"\nsource = \"" + cratesIO + "\"\n",
		"rs/unrelated/x.toml": "",
	}
	r, err := exttest.RunFiles(t, CargoLock{}, files, "rs/Cargo.lock")
	if err != nil {
		t.Fatal(err)
	}
	exttest.CheckIntegrity(t, r)
	want := summary{
		Packages: []string{"libc@0.2.150"},
		Lines:    map[string]int{"libc@0.2.150": 12},
		Props:    map[string]map[string]string{},
		Edges:    []string{"project:rs/a -> libc@0.2.150", "project:rs/a -> project:rs/b"},
		Projects: []string{
			"project:crates.io:rs/a a 0.1.0 pkg:cargo/a@0.1.0 project:crates.io:rs",
			"project:crates.io:rs/b b 0.2.0 pkg:cargo/b@0.2.0 project:crates.io:rs",
			"project:crates.io:rs    ",
		},
	}
	if d := cmp.Diff(want, summarise(r)); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

func TestCargoLockBad(t *testing.T) {
	tests := []struct {
		name, content string
		line, col     int
	}{
		{"bad toml", "[[package]]\nname = \"a\"\nversion = \n", 3, 11},
		{"wrong type", "[[package]]\nname = 3\n", 2, 8},
		{"future version", "version = 9\n", 1, 1},
		{"binary", "\x00\x01\x02\x03", 1, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := exttest.RunFiles(t, CargoLock{}, map[string]string{"Cargo.lock": tc.content}, "Cargo.lock")
			if err == nil {
				t.Fatal("no error")
			}
			d := diag.Diagnostic(model.SevError, "Cargo.lock", "", err)
			if d.Location.Path != "Cargo.lock" || d.Location.Line != tc.line || d.Location.Column != tc.col {
				t.Errorf("got %v at %+v, want line %d col %d", err, d.Location, tc.line, tc.col)
			}
		})
	}
}

func TestCorpusTauri(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "..", "shared", "corpus", "tauri")
	f, err := os.Open(filepath.Join(dir, "Cargo.lock"))
	if err != nil {
		t.Skip("corpus absent")
	}
	// Independent count: [[package]] headers, and those without a source
	// line (the workspace's own crates).
	entries, crates, inEntry, hasSource := 0, 0, false, false
	sc := bufio.NewScanner(f)
	flush := func() {
		if inEntry && !hasSource {
			crates++
		}
	}
	for sc.Scan() {
		l := sc.Text()
		switch {
		case l == "[[package]]":
			flush()
			entries++
			inEntry, hasSource = true, false
		case strings.HasPrefix(l, "source = "):
			hasSource = true
		}
	}
	flush()
	f.Close()

	r, err := exttest.Run(t, CargoLock{}, dir, "Cargo.lock")
	if err != nil {
		t.Fatal(err)
	}
	exttest.CheckIntegrity(t, r)
	locs := 0
	for _, p := range r.Packages {
		locs += len(p.Locations)
	}
	if locs != entries-crates || len(r.Projects) != crates+1 { // + the virtual workspace root
		t.Errorf("%d package entries, %d projects; want %d and %d", locs, len(r.Projects), entries-crates, crates+1)
	}
	if len(r.Diagnostics) != 0 {
		t.Errorf("diagnostics: %v", r.Diagnostics[:min(5, len(r.Diagnostics))])
	}
	t.Logf("%d [[package]] entries: %d packages, %d projects, %d edges", entries, len(r.Packages), len(r.Projects), len(r.Edges))
	// Every member crate is placed in its folder.
	dirs := map[string]string{}
	for _, p := range r.Projects {
		dirs[p.Name] = p.Dir
	}
	for name, want := range map[string]string{"tauri": "crates/tauri", "tauri-cli": "crates/tauri-cli", "acl-tests": "crates/tests/acl"} {
		if dirs[name] != want {
			t.Errorf("project %s in %q, want %q", name, dirs[name], want)
		}
	}
}

func FuzzCargoLock(f *testing.F) {
	exttest.Fuzz(f, CargoLock{}, "Cargo.lock", "testdata/v1/Cargo.lock", "testdata/v2/Cargo.lock", "testdata/v4/Cargo.lock", "testdata/workspace/Cargo.lock")
}

func TestCargoLockRootSection(t *testing.T) {
	lock := "[root]\nname = \"old\"\nversion = \"0.1.0\"\ndependencies = [\n \"libc 0.2.0 (" + cratesIO + ")\",\n]\n\n[[package]]\nname = \"libc\"\nversion = \"0.2.0\"\nsource = \"" + cratesIO + "\"\n"
	r, err := exttest.RunFiles(t, CargoLock{}, map[string]string{"Cargo.lock": lock}, "Cargo.lock")
	if err != nil {
		t.Fatal(err)
	}
	exttest.CheckIntegrity(t, r)
	want := summary{
		Packages: []string{"libc@0.2.0"},
		Lines:    map[string]int{"libc@0.2.0": 8},
		Props:    map[string]map[string]string{},
		Edges:    []string{"project:. -> libc@0.2.0"},
		Projects: []string{"project:crates.io:. old 0.1.0 pkg:cargo/old@0.1.0 "},
	}
	if d := cmp.Diff(want, summarise(r)); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

func TestCargoLockTooDeep(t *testing.T) {
	deep := "version = 3\n\n[[package]]\nname = \"a\"\ndependencies = " + strings.Repeat("[", 100) + "\n"
	_, err := exttest.RunFiles(t, CargoLock{}, map[string]string{"Cargo.lock": deep}, "Cargo.lock")
	d := diag.Diagnostic(model.SevError, "Cargo.lock", "", err)
	if err == nil || d.Location.Line != 5 {
		t.Errorf("got %v at %+v, want an error at line 5", err, d.Location)
	}
	// Brackets inside strings and comments do not count.
	ok := "# " + strings.Repeat("[", 100) + "\n[[package]]\nname = \"" + strings.Repeat("[", 100) + "\"\nversion = \"1.0.0\"\nsource = \"" + cratesIO + "\"\n"
	if _, err := exttest.RunFiles(t, CargoLock{}, map[string]string{"Cargo.lock": ok}, "Cargo.lock"); err != nil {
		t.Errorf("brackets in strings: %v", err)
	}
}

func TestCargoLockNoPathCrate(t *testing.T) {
	lock := "version = 4\n\n[[package]]\nname = \"libc\"\nversion = \"0.2.150\"\nsource = \"sparse+https://index.crates.io/\"\n"
	r, err := exttest.RunFiles(t, CargoLock{}, map[string]string{"x/Cargo.lock": lock}, "x/Cargo.lock")
	if err != nil {
		t.Fatal(err)
	}
	exttest.CheckIntegrity(t, r)
	want := summary{
		Packages: []string{"libc@0.2.150"},
		Lines:    map[string]int{"libc@0.2.150": 3},
		Props:    map[string]map[string]string{},
		Projects: []string{"project:crates.io:x    "},
	}
	if d := cmp.Diff(want, summarise(r)); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}
