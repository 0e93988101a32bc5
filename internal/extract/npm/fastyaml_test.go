package npm

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// sameTree compares what the extractors read of a node: kind, value, line
// and children.
func sameTree(a, b *yaml.Node, path string) error {
	if a.Kind != b.Kind || a.Value != b.Value || a.Line != b.Line || len(a.Content) != len(b.Content) {
		return fmt.Errorf("%s: fast {kind %d value %q line %d children %d} != yaml.v3 {kind %d value %q line %d children %d}",
			path, a.Kind, a.Value, a.Line, len(a.Content), b.Kind, b.Value, b.Line, len(b.Content))
	}
	for i := range a.Content {
		if err := sameTree(a.Content[i], b.Content[i], fmt.Sprintf("%s/%d(%s)", path, i, b.Content[i].Value)); err != nil {
			return err
		}
	}
	return nil
}

func yamlInputs(t *testing.T) []string {
	var files []string
	filepath.Walk("testdata", func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() && (strings.HasSuffix(p, ".yaml") || filepath.Base(p) == "yarn.lock") {
			files = append(files, p)
		}
		return nil
	})
	corpus := filepath.Join("..", "..", "..", "..", "shared", "corpus")
	filepath.Walk(corpus, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() && (info.Name() == "pnpm-lock.yaml" || info.Name() == "yarn.lock") {
			files = append(files, p)
		}
		return nil
	})
	if len(files) < 5 {
		t.Fatalf("only %d YAML inputs found", len(files))
	}
	return files
}

// TestFastYAMLMatchesYAMLv3 checks that the fast reader gives the general
// parser's tree on every YAML lockfile we have, and that it takes the fast
// path on the real ones.
func TestFastYAMLMatchesYAMLv3(t *testing.T) {
	fast := 0
	for _, f := range yamlInputs(t) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var want yaml.Node
		if err := yaml.Unmarshal(data, &want); err != nil {
			continue // yarn classic lockfiles are not YAML
		}
		got, err := fastYAML(data)
		if err != nil {
			if strings.Contains(f, "corpus") {
				t.Errorf("%s: the fast reader fell back on a real lockfile: %v", f, err)
			}
			continue
		}
		fast++
		if err := sameTree(got, &want, f); err != nil {
			t.Error(err)
		}
	}
	if fast < 4 {
		t.Errorf("the fast reader took only %d files", fast)
	}
}

func TestFastYAMLFallsBack(t *testing.T) {
	for _, in := range []string{
		"a: &x 1\nb: *x\n",
		"a: |\n  text\n",
		"a: \"esc\\n\"\n",
		"a: b\n  c\n",
		"---\na: 1\n---\nb: 2\n",
		"- a: 1\n",
		"a:\n\t- x\n",
		"a: {b: {c: d}}\n",
		"a: 'unterminated\n  more'\n",
		"a: 1\n  b: 2\n",
	} {
		if _, err := fastYAML([]byte(in)); !errors.Is(err, errUnsupported) {
			t.Errorf("fastYAML(%q) succeeded; it must leave this input to yaml.v3", in)
		}
		var want yaml.Node
		wantErr := yaml.Unmarshal([]byte(in), &want)
		got, err := parseYAML([]byte(in))
		if (err != nil) != (wantErr != nil) {
			t.Errorf("parseYAML(%q) error %v, yaml.v3 error %v", in, err, wantErr)
		}
		if err == nil {
			if e := sameTree(got, &want, "root"); e != nil {
				t.Errorf("parseYAML(%q): %v", in, e)
			}
		}
	}
}

func TestFastYAMLSubset(t *testing.T) {
	in := "lockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    dependencies:\n      '@a/b':\n        specifier: ^1.0.0 # comment\n        version: 1.0.0(react@18.0.0)\n" +
		"packages:\n  a@1.0.0:\n    resolution: {integrity: sha512-x==, tarball: 'https://h/x.tgz'}\n    cpu: [x64, arm64]\n    engines: {}\n    hasBin: true\n    os:\n    - linux\n    libc:\n      - glibc\n    empty:\n"
	var want yaml.Node
	if err := yaml.Unmarshal([]byte(in), &want); err != nil {
		t.Fatal(err)
	}
	got, err := fastYAML([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if err := sameTree(got, &want, "root"); err != nil {
		t.Error(err)
	}
}

func BenchmarkParseYAML(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("..", "..", "..", "..", "shared", "corpus", "argo-cd", "ui", "pnpm-lock.yaml"))
	if err != nil {
		b.Skip(err)
	}
	b.Run("fast", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := fastYAML(data); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("yaml.v3", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			var n yaml.Node
			if err := yaml.Unmarshal(data, &n); err != nil {
				b.Fatal(err)
			}
		}
	})
}
