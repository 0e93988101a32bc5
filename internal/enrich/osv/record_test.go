package osv

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestDecodeRecordFiles(t *testing.T) {
	tests := []struct {
		file string
		id   string
		err  string
		// affected entries, ranges of the first entry, withdrawn
		affected, ranges int
		withdrawn        bool
	}{
		{file: "GO-2020-0001.json", id: "GO-2020-0001", affected: 1, ranges: 1},
		{file: "PSF-2023-3.json", id: "PSF-2023-3", affected: 1, ranges: 1},
		{file: "PYSEC-2020-341.json", id: "PYSEC-2020-341", affected: 1, ranges: 1},
		{file: "PYSEC-2022-15.json", id: "PYSEC-2022-15", affected: 1, ranges: 0, withdrawn: true},
		{file: "PYSEC-2022-42969.json", id: "PYSEC-2022-42969", affected: 1, ranges: 1},
		{file: "PYSEC-2022-42980.json", id: "PYSEC-2022-42980", affected: 1, ranges: 2},
		{file: "RUSTSEC-2024-0012.json", id: "RUSTSEC-2024-0012", affected: 1, ranges: 1},
		{file: "TEST-LIMIT-1.json", id: "TEST-LIMIT-1", affected: 1, ranges: 1},
		{file: "TEST-MAVEN-1.json", id: "TEST-MAVEN-1", affected: 1, ranges: 1},
		{file: "x_NSWG-ECO-8.json", id: "x_NSWG-ECO-8", affected: 1, ranges: 2},
		{file: "GO-2020-0001-MALFORMED.json", err: `GO-2020-0001-MALFORMED: affected[0].ranges[0]: unknown range type "SEMVERX"`},
		{file: "TRUNCATED.json", err: "unexpected end of JSON input"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", "records", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			r, err := DecodeRecord(data)
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Fatalf("error = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := []any{r.ID, len(r.Affected), len(r.Affected[0].Ranges), !r.Withdrawn.IsZero()}
			want := []any{tt.id, tt.affected, tt.ranges, tt.withdrawn}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestDecodeRecordFields(t *testing.T) {
	data, err := os.ReadFile("testdata/records/PYSEC-2022-42980.json")
	if err != nil {
		t.Fatal(err)
	}
	r, err := DecodeRecord(data)
	if err != nil {
		t.Fatal(err)
	}
	a := r.Affected[0]
	got := struct {
		Modified string
		Aliases  []string
		Package  Package
		Ranges   []Range
		Versions []string
		Fixed    []string
	}{r.Modified.Format(time.RFC3339), r.Aliases, a.Package, a.Ranges, a.Versions, a.Ranges[1].Fixed()}
	want := struct {
		Modified string
		Aliases  []string
		Package  Package
		Ranges   []Range
		Versions []string
		Fixed    []string
	}{
		Modified: r.Modified.Format(time.RFC3339),
		Aliases:  r.Aliases,
		Package:  Package{Ecosystem: "PyPI", Name: "pillow", PURL: "pkg:pypi/pillow"},
		Ranges: []Range{
			{Type: "GIT", Repo: a.Ranges[0].Repo, Events: []Event{{Introduced: "0"}, {Fixed: "2444cddab2f83f28687c7c20871574acbb6dbcf3"}}},
			{Type: "ECOSYSTEM", Events: []Event{{Introduced: "9.2.0"}, {Fixed: "9.3.0"}}},
		},
		Versions: []string{"9.2.0"},
		Fixed:    []string{"9.3.0"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if a.Ranges[0].Repo == "" || r.Modified.IsZero() {
		t.Errorf("repo %q, modified %v: want both set", a.Ranges[0].Repo, r.Modified)
	}
}

func TestDecodeRecordInvalid(t *testing.T) {
	const head = `{"id":"X-1","modified":"2024-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"npm","name":"a"},"ranges":[`
	tests := []struct {
		name, json, err string
	}{
		{"no id", `{"modified":"2024-01-01T00:00:00Z"}`, "missing id"},
		{"no modified", `{"id":"X-1"}`, "X-1: missing modified"},
		{"modified not a string", `{"id":"X-1","modified":5}`, "X-1: Time.UnmarshalJSON: input is not a JSON string"},
		{"bad modified", `{"id":"X-1","modified":"yesterday"}`, `X-1: parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006"`},
		{"zero modified is valid", `{"id":"X-1","modified":"0001-01-01T00:00:00Z"}`, ""},
		{"slash in id", `{"id":"X/1","modified":"2024-01-01T00:00:00Z"}`, `X/1: id "X/1" has a forbidden character`},
		{"package without name", `{"id":"X-1","modified":"2024-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"npm"}}]}`, "X-1: affected[0]: package needs an ecosystem and a name"},
		{"unknown type", head + `{"type":"RANGE","events":[{"introduced":"0"}]}]}]}`, `X-1: affected[0].ranges[0]: unknown range type "RANGE"`},
		{"no events", head + `{"type":"SEMVER","events":[]}]}]}`, "X-1: affected[0].ranges[0]: no events"},
		{"no introduced", head + `{"type":"SEMVER","events":[{"fixed":"1.0.0"}]}]}]}`, "X-1: affected[0].ranges[0]: no introduced event"},
		{"two keys", head + `{"type":"SEMVER","events":[{"introduced":"0","fixed":"1.0.0"}]}]}]}`, "X-1: affected[0].ranges[0]: events[0]: needs exactly one of introduced, fixed, last_affected, limit"},
		{"unknown event", head + `{"type":"SEMVER","events":[{"introduced":"0"},{"patched":"1.0.0"}]}]}]}`, "X-1: affected[0].ranges[0]: events[1]: needs exactly one of introduced, fixed, last_affected, limit"},
		{"fixed and last_affected", head + `{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"1"},{"last_affected":"2"}]}]}]}`, "X-1: affected[0].ranges[0]: fixed and last_affected events together"},
		{"git without repo", head + `{"type":"GIT","events":[{"introduced":"0"}]}]}]}`, "X-1: affected[0].ranges[0]: GIT range without repo"},
		{"git short hash", head + `{"type":"GIT","repo":"https://r","events":[{"introduced":"0"},{"fixed":"abc123"}]}]}]}`, `X-1: affected[0].ranges[0]: events[1]: "abc123" is not a full commit hash`},
		{"event not a string", head + `{"type":"SEMVER","events":[{"introduced":0}]}]}]}`, "X-1: field affected.ranges.events.introduced: JSON number where a string belongs"},
		{"not an object", `[]`, "record is a JSON array, not an object"},
		{"valid limit", head + `{"type":"SEMVER","events":[{"introduced":"0"},{"limit":"2.0.0"}]}]}]}`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DecodeRecord([]byte(tt.json))
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tt.err {
				t.Errorf("error = %q\nwant    %q", got, tt.err)
			}
		})
	}
}

func TestDecodeRecordSizeCap(t *testing.T) {
	big := `{"id":"X-1","modified":"2024-01-01T00:00:00Z","details":"` + strings.Repeat("a", maxRecordSize) + `"}`
	_, err := DecodeRecord([]byte(big))
	if err == nil || !strings.Contains(err.Error(), "over the 16777216-byte cap") {
		t.Errorf("error = %v, want the size cap", err)
	}
}

func TestNormalizeName(t *testing.T) {
	tests := []struct{ eco, name, want string }{
		{"PyPI", "JW_Util", "jw-util"},
		{"PyPI", "jw.util", "jw-util"},
		{"PyPI", "Zope..Interface", "zope-interface"},
		{"PyPI", "_private", "-private"},
		{"PyPI", " Pillow ", "pillow"},
		{"Packagist", "Symfony/HTTP-Kernel", "symfony/http-kernel"},
		{"NuGet", "Newtonsoft.Json", "newtonsoft.json"},
		{"crates.io", "Serde_JSON", "serde_json"},
		{"Maven", "org.example:widget", "org.example:widget"},
		{"Maven", "org.example/widget", "org.example:widget"},
		{"Go", "github.com/Sirupsen/logrus", "github.com/Sirupsen/logrus"},
		{"npm", "JSONStream", "JSONStream"},
		{"RubyGems", "Rack", "Rack"},
		{"AlmaLinux:8", "OpenSSL", "OpenSSL"},
	}
	for _, tt := range tests {
		if got := NormalizeName(tt.eco, tt.name); got != tt.want {
			t.Errorf("NormalizeName(%q, %q) = %q, want %q", tt.eco, tt.name, got, tt.want)
		}
	}
}
