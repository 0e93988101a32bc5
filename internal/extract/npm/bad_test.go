package npm

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ossaudit/ossaudit/internal/extract/exttest"
)

// TestBadInput checks that malformed, truncated and binary files give an
// error naming the file and line, never a panic.
func TestBadInput(t *testing.T) {
	tests := []struct {
		name, extractor, file, content string
		want                           string // substring of the error
	}{
		{"truncated package-lock", "npm/package-lock", "package-lock.json", "{\n  \"lockfileVersion\": 3,\n  \"packages\": {\n    \"node_modules/a\": {", "package-lock.json:4:"},
		{"binary package-lock", "npm/package-lock", "package-lock.json", "\x00\x01\x02\xff", "package-lock.json:1:1"},
		{"package-lock of the wrong type", "npm/package-lock", "package-lock.json", "{\n  \"packages\": []\n}", "package-lock.json:2:"},
		{"empty object", "npm/package-lock", "npm-shrinkwrap.json", "{}", "npm-shrinkwrap.json:1: parsing npm-shrinkwrap.json: no lockfileVersion"},
		{"truncated package.json", "npm/package-json", "package.json", "{\n  \"name\": \"x\",\n  \"dependencies\": {\"a\": ", "package.json:3:"},
		{"package.json with a number as range", "npm/package-json", "package.json", "{\n  \"dependencies\": {\"a\": 1}\n}", "package.json:2:"},
		{"bad pnpm yaml", "npm/pnpm-lock", "pnpm-lock.yaml", "lockfileVersion: '9.0'\npackages:\n  a@1.0.0: [\n", "pnpm-lock.yaml:3: yaml: line 3"},
		{"not a pnpm lockfile", "npm/pnpm-lock", "pnpm-lock.yaml", "foo: bar\n", "pnpm-lock.yaml:1: parsing pnpm-lock.yaml: no lockfileVersion"},
		{"binary pnpm", "npm/pnpm-lock", "pnpm-lock.yaml", "\x00\x01\x02\xff", "pnpm-lock.yaml"},
		{"bad berry yaml", "npm/yarn-lock", "yarn.lock", "__metadata:\n  version: 8\n\n\"a@npm:1.0.0\":\n  version: [1\n", "yarn.lock:4: yaml: line 4"},
		{"binary yarn.lock", "npm/yarn-lock", "yarn.lock", "\x00\x01\x02\xff\n", "yarn.lock:1:1"},
		{"yarn v1 with a bad header", "npm/yarn-lock", "yarn.lock", "# yarn lockfile v1\n\nthis is not an entry\n", "yarn.lock:3:1"},
		{"truncated bun.lock", "npm/bun-lock", "bun.lock", "{\n  \"lockfileVersion\": 1,\n  \"packages\": {\n    \"a\": [\"a@1.0.0\", ", "bun.lock:4:"},
		{"bun.lock without version", "npm/bun-lock", "bun.lock", "{\n  \"packages\": {},\n}", "bun.lock:1: parsing bun.lock: no lockfileVersion"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := exttest.RunFiles(t, byName(t, tc.extractor), map[string]string{tc.file: tc.content}, tc.file)
			if err == nil {
				t.Fatalf("no error; result %+v", r)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not contain %q", err, tc.want)
			}
		})
	}
}

// TestPartlyBad checks that problems with part of a file become diagnostics
// while the rest is read.
func TestPartlyBad(t *testing.T) {
	tests := []struct {
		name, extractor, file, content string
		pkgs                           []string
		diags                          []string
	}{
		{
			name: "yarn v1 with a broken entry", extractor: "npm/yarn-lock", file: "yarn.lock",
			content: "# yarn lockfile v1\n\nms@^2:\n  version \"2.1.3\"\n\n  broken line\ngarbage\nleft-pad@1.3.0:\n  version \"1.3.0\"\n",
			pkgs:    []string{"left-pad@1.3.0", "ms@2.1.3"},
			diags: []string{
				"yarn.lock: warning: no package.json beside yarn.lock: direct dependencies are unknown",
				"yarn.lock:7: error: expected an entry header ending in ':'",
			},
		},
		{
			name: "bun package that is not an array of strings", extractor: "npm/bun-lock", file: "bun.lock",
			content: "{\n  \"lockfileVersion\": 1,\n  \"workspaces\": {\"\": {\"name\": \"x\", \"dependencies\": {\"a\": \"1\"}}},\n  \"packages\": {\n    \"a\": [\"a@1.0.0\", \"\", {\"dependencies\": {\"b\": \"1\"}}, \"sha512-x\"],\n    \"b\": [1],\n  },\n}\n",
			pkgs:    []string{"a@1.0.0"},
			diags: []string{
				"bun.lock:5: warning: a depends on b, which the lockfile does not hold",
				"bun.lock:6: error: package \"b\": expected [\"name@version\", ...]",
			},
		},
		{
			name: "package-lock with a missing dependency", extractor: "npm/package-lock", file: "package-lock.json",
			content: "{\n  \"lockfileVersion\": 3,\n  \"packages\": {\n    \"\": {\"dependencies\": {\"a\": \"1\"}},\n    \"node_modules/a\": {\"version\": \"1.0.0\", \"dependencies\": {\"gone\": \"1\"}},\n    \"node_modules/b\": {\"resolved\": \"git+ssh://git@example.test/b.git#abc\"}\n  }\n}\n",
			pkgs:    []string{"a@1.0.0", "b git+ssh://git@example.test/b.git#abc"},
			diags:   []string{"package-lock.json:5: warning: node_modules/a depends on gone, which the lockfile does not hold"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := exttest.RunFiles(t, byName(t, tc.extractor), map[string]string{tc.file: tc.content}, tc.file)
			if err != nil {
				t.Fatal(err)
			}
			exttest.CheckIntegrity(t, r)
			if d := cmp.Diff(tc.pkgs, exttest.Packages(r)); d != "" {
				t.Errorf("packages: %s", d)
			}
			if d := cmp.Diff(tc.diags, diags(r)); d != "" {
				t.Errorf("diagnostics: %s", d)
			}
			for _, p := range r.Packages {
				if p.Version == "" && (p.Unresolved == "" || p.Requirement == "") {
					t.Errorf("%s: no version and not marked unresolved", p.ID)
				}
			}
		})
	}
}
