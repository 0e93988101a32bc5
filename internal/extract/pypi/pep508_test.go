package pypi

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseRequirement(t *testing.T) {
	tests := []struct {
		in      string
		want    requirement
		wantErr bool
	}{
		{in: "requests", want: requirement{Name: "requests"}},
		{in: "requests==2.31.0", want: requirement{Name: "requests", Spec: "==2.31.0"}},
		{in: "requests [socks, security] >= 2.0 , < 3", want: requirement{Name: "requests", Extras: []string{"socks", "security"}, Spec: ">=2.0,<3"}},
		{in: "tomli (>=2.0.1,<3.0.0) ; python_version < '3.11'", want: requirement{Name: "tomli", Spec: ">=2.0.1,<3.0.0", Marker: "python_version < '3.11'"}},
		{in: "pip @ https://example.test/pip-24.0.tar.gz ; python_version >= '3.8'", want: requirement{Name: "pip", URL: "https://example.test/pip-24.0.tar.gz", Marker: "python_version >= '3.8'"}},
		{in: "poetry-core @ git+https://example.test/poetry-core.git", want: requirement{Name: "poetry-core", URL: "git+https://example.test/poetry-core.git"}},
		{in: "zope.interface===5.0.0+local", want: requirement{Name: "zope.interface", Spec: "===5.0.0+local"}},
		{in: "pysocks!=1.5.7,<2.0,>=1.5.6; extra == \"socks\"", want: requirement{Name: "pysocks", Spec: "!=1.5.7,<2.0,>=1.5.6", Marker: "extra == \"socks\""}},
		{in: "", wantErr: true},
		{in: "-foo", wantErr: true},
		{in: "foo[bar", wantErr: true},
		{in: "foo >=", wantErr: true},
		{in: "foo 1.0", wantErr: true},
		{in: "foo (>=1", wantErr: true},
		{in: "foo @ ", wantErr: true},
		{in: "foo;", wantErr: true},
		{in: "foo[b@d]", wantErr: true},
	}
	for _, tt := range tests {
		got, err := parseRequirement(tt.in)
		if (err != nil) != tt.wantErr {
			t.Errorf("parseRequirement(%q) error = %v, wantErr %v", tt.in, err, tt.wantErr)
			continue
		}
		if tt.wantErr {
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("parseRequirement(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestPin(t *testing.T) {
	for spec, want := range map[string]string{
		"==1.2.3":     "1.2.3",
		"===1.0+abc":  "1.0+abc",
		"==1.*":       "",
		">=1":         "",
		"==1,!=1.0.1": "",
		"":            "",
		"~=2.0":       "",
	} {
		got, ok := pin(spec)
		if got != want || ok != (want != "") {
			t.Errorf("pin(%q) = %q, %v; want %q", spec, got, ok, want)
		}
	}
}

func TestNames(t *testing.T) {
	for name, want := range map[string][2]string{
		"Django":            {"django", "django"},
		"typing_extensions": {"typing-extensions", "typing-extensions"},
		"zope.interface":    {"zope-interface", "zope.interface"},
		"Foo__Bar-.baz":     {"foo-bar-baz", "foo--bar-.baz"},
	} {
		if got := normalize(name); got != want[0] {
			t.Errorf("normalize(%q) = %q, want %q", name, got, want[0])
		}
		if got := purlName(name); got != want[1] {
			t.Errorf("purlName(%q) = %q, want %q", name, got, want[1])
		}
	}
}

func TestURLName(t *testing.T) {
	for u, want := range map[string]string{
		"git+https://example.test/org/tool.git@v1#egg=tool":        "tool",
		"git+https://example.test/org/repo.git@main":               "repo",
		"https://example.test/files/pkg_name-1.0-py3-none-any.whl": "pkg_name",
		"https://example.test/files/pkg-name-1.0.tar.gz":           "pkg-name",
		"./libs/mylib": "mylib",
		".":            "",
		"file:///srv/wheels/x-2.0-py3-none-any.whl": "x",
	} {
		if got := urlName(u); got != want {
			t.Errorf("urlName(%q) = %q, want %q", u, got, want)
		}
	}
}
