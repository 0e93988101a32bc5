package pypi

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ossaudit/ossaudit/internal/diag"
	"github.com/ossaudit/ossaudit/internal/extract/exttest"
)

// TestBadInput checks that malformed, truncated and binary files give an
// error naming the file and the line.
func TestBadInput(t *testing.T) {
	tests := []struct {
		ext, file, content string
		wantLine           int
		wantMsg            string
	}{
		{"pypi/requirements", "requirements.txt", "six==1.0\n\x00\x01\x02binary", 2, "binary content"},
		{"pypi/poetry-lock", "poetry.lock", "[[package]]\nname = \"six\"\nversion = \"1.16.0\n", 3, "invalid TOML"},
		{"pypi/poetry-lock", "poetry.lock", "[[package]]\nname = 1\n", 2, "cannot decode TOML integer"},
		{"pypi/pipfile-lock", "Pipfile.lock", "{\n  \"default\": {\n    \"six\": {\"version\": \"==1.16.0\"}", 3, "truncated"},
		{"pypi/pipfile-lock", "Pipfile.lock", "\x7fELF\x02\x01", 1, "invalid JSON"},
		{"pypi/uv-lock", "uv.lock", "version = 1\n\n[[package]]\nname = \"six\"\nsource = { registry = \n", 5, "invalid TOML"},
		{"pypi/pdm-lock", "pdm.lock", "[metadata]\ngroups = [\"default\"\n", 2, "invalid TOML"},
		{"pypi/pylock", "pylock.toml", "lock-version = \"1.0\"\n[[packages]]\nname = six\n", 3, "invalid TOML"},
		{"pypi/pylock", "pylock.toml", "[[packages]]\nname = \"six\"\n", 1, "no lock-version"},
	}
	for _, tt := range tests {
		t.Run(tt.ext+" "+tt.wantMsg, func(t *testing.T) {
			r, err := exttest.RunFiles(t, byName(t, tt.ext), map[string]string{tt.file: tt.content}, tt.file)
			if err == nil {
				t.Fatalf("no error; result %+v", r)
			}
			var de *diag.Error
			if !errors.As(err, &de) {
				t.Fatalf("error %v is not a *diag.Error", err)
			}
			if de.Loc.Path != tt.file || de.Loc.Line != tt.wantLine || !strings.Contains(err.Error(), tt.wantMsg) {
				t.Errorf("error %q at %s, want %s:%d containing %q", err, de.Loc, tt.file, tt.wantLine, tt.wantMsg)
			}
		})
	}
}

func TestIncludeDepthCap(t *testing.T) {
	files := map[string]string{}
	for i := 0; i <= maxIncludeDepth+2; i++ {
		files[fmt.Sprintf("requirements-%d.txt", i)] = fmt.Sprintf("-r requirements-%d.txt\npkg%d==1.0\n", i+1, i)
	}
	r, err := exttest.RunFiles(t, byName(t, "pypi/requirements"), files, "requirements-0.txt")
	if err != nil {
		t.Fatal(err)
	}
	v := summarize(r)
	if len(v.Packages) != maxIncludeDepth+1 {
		t.Errorf("got %d packages, want %d: %q", len(v.Packages), maxIncludeDepth+1, v.Packages)
	}
	want := []string{fmt.Sprintf("requirements-%d.txt:1: error: includes nest deeper than %d; requirements-%d.txt not read", maxIncludeDepth, maxIncludeDepth, maxIncludeDepth+1)}
	if diff := cmp.Diff(want, v.Diagnostics); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
}

// TestRequirementsEdgeCases covers the line syntax: continuations,
// comments, options with values, scopes from file names.
func TestRequirementsEdgeCases(t *testing.T) {
	files := map[string]string{
		"svc/requirements-test.txt": "pytest==8.0.0 \\\n  ; python_version >= '3.8' \\\n  --hash sha256:abcd\n" +
			"# comment \\\n" +
			"-i https://example.test/simple\n" +
			"--frobnicate\n" +
			"--requirement=../shared/requirements.txt\n" +
			"-r https://example.test/requirements.txt\n" +
			"-r /etc/requirements.txt\n" +
			"-e\n" +
			"Flask>=2 --global-option=x\n" +
			"coverage==7.0 stray\n" +
			"https://example.test/\n",
		"shared/requirements.txt": "requests==2.31.0\r\n",
	}
	r, err := exttest.RunFiles(t, byName(t, "pypi/requirements"), files, "svc/requirements-test.txt")
	if err != nil {
		t.Fatal(err)
	}
	exttest.CheckIntegrity(t, r)
	want := view{
		Projects: []string{"project:PyPI:svc name= version= dir=svc ws= sources=svc/requirements-test.txt,shared/requirements.txt"},
		Packages: []string{
			"pkg:pypi/flask#>=2 | Flask | >=2 | range, not a pin | svc/requirements-test.txt:11",
			"pkg:pypi/pytest@8.0.0 | pytest | svc/requirements-test.txt:1 | pypi:hashes=sha256:abcd pypi:marker=python_version >= '3.8'",
			"pkg:pypi/requests@2.31.0 | requests | shared/requirements.txt:1",
		},
		Edges: []string{
			"project:svc -> Flask@ (test)",
			"project:svc -> pytest@8.0.0 (test)",
			"project:svc -> requests@2.31.0 (test)",
		},
		// sorted as strings
		Diagnostics: []string{
			"svc/requirements-test.txt:10: error: -e needs a path or URL",
			"svc/requirements-test.txt:12: error: parsing requirement: invalid version specifier \"==7.0 stray\" in \"coverage==7.0 stray\"",
			"svc/requirements-test.txt:13: warning: cannot tell the package name of \"https://example.test/\"; not reported",
			"svc/requirements-test.txt:6: warning: unknown pip option --frobnicate ignored",
			"svc/requirements-test.txt:8: warning: included file https://example.test/requirements.txt is remote; not read",
			"svc/requirements-test.txt:9: warning: included file /etc/requirements.txt is outside the scanned tree; not read",
		},
	}
	if diff := cmp.Diff(want, summarize(r)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestFileScope(t *testing.T) {
	for file, want := range map[string]string{
		"requirements.txt":            "runtime",
		"requirements-dev.txt":        "development",
		"dev-requirements.txt":        "development",
		"requirements/test.txt":       "test",
		"requirements/docs.txt":       "development",
		"requirements_testing.txt":    "test",
		"requirements/prod.txt":       "runtime",
		"constraints-dev.txt":         "development",
		"app/requirements-devops.txt": "runtime",
	} {
		if got := string(fileScope(file)); got != want {
			t.Errorf("fileScope(%q) = %q, want %q", file, got, want)
		}
	}
}

// TestBrokenPyproject checks that a pyproject.toml that cannot be read
// gives a warning at its own line and the root packages as direct ones.
func TestBrokenPyproject(t *testing.T) {
	files := map[string]string{
		"app/pdm.lock": "[[package]]\nname = \"requests\"\nversion = \"2.31.0\"\ngroups = [\"default\"]\ndependencies = [\"idna>=2\"]\n\n" +
			"[[package]]\nname = \"idna\"\nversion = \"3.6\"\ngroups = [\"default\"]\n",
		"app/pyproject.toml": "[project]\nname = \"x\"\ndependencies = \"requests\"\n",
	}
	r, err := exttest.RunFiles(t, byName(t, "pypi/pdm-lock"), files, "app/pdm.lock")
	if err != nil {
		t.Fatal(err)
	}
	got := summarize(r)
	want := view{
		Projects: []string{"project:PyPI:app name= version= dir=app ws= sources=app/pdm.lock"},
		Packages: []string{
			"pkg:pypi/idna@3.6 | idna | scope=runtime | app/pdm.lock:7 | pypi:groups=default",
			"pkg:pypi/requests@2.31.0 | requests | scope=runtime | app/pdm.lock:1 | pypi:groups=default",
		},
		Edges: []string{"project:app -> requests@2.31.0", "requests@2.31.0 -> idna@3.6"},
	}
	if len(got.Diagnostics) != 1 || !strings.HasPrefix(got.Diagnostics[0], "app/pyproject.toml:3") {
		t.Errorf("diagnostics = %q, want one warning at app/pyproject.toml:3", got.Diagnostics)
	}
	got.Diagnostics = nil
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
