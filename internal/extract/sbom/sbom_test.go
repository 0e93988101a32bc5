package sbom

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ossaudit/ossaudit/internal/extract"
	"github.com/ossaudit/ossaudit/internal/extract/exttest"
	"github.com/ossaudit/ossaudit/model"
)

func extractor(t testing.TB, name string) extract.Extractor {
	t.Helper()
	for _, e := range Extractors() {
		if e.Name() == name {
			return e
		}
	}
	t.Fatalf("no extractor %s", name)
	return nil
}

func TestContract(t *testing.T) {
	want := []string{"sbom/cyclonedx-json", "sbom/cyclonedx-xml", "sbom/spdx-json", "sbom/spdx-tag-value"}
	var got []string
	for _, e := range Extractors() {
		got = append(got, e.Name())
		if e.Kind() != extract.KindSBOM || e.Ecosystem() != "" || e.Description() == "" {
			t.Errorf("%s: kind %q, ecosystem %q, description %q", e.Name(), e.Kind(), e.Ecosystem(), e.Description())
		}
		if _, ok := e.(extract.Sniffer); !ok {
			t.Errorf("%s is not a Sniffer", e.Name())
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("extractors (-want +got):\n%s", diff)
	}
}

func TestMatch(t *testing.T) {
	for _, tc := range []struct {
		path string
		want string // extractor name, "" for none
	}{
		{"bom.json", "sbom/cyclonedx-json"},
		{"dist/BOM.JSON", "sbom/cyclonedx-json"},
		{"out/app.cdx.json", "sbom/cyclonedx-json"},
		{"bom.xml", "sbom/cyclonedx-xml"},
		{"out/app.cdx.xml", "sbom/cyclonedx-xml"},
		{"out/app.spdx.json", "sbom/spdx-json"},
		{"out/app.spdx", "sbom/spdx-tag-value"},
		{"bom/pom.xml", ""},
		{"package.json", ""},
		{".cdx.json", ""},
		{"app.spdx.yaml", ""},
		{"sbom.json", ""}, // found by Sniff instead
	} {
		var got []string
		for _, e := range Extractors() {
			if e.Match(tc.path) {
				got = append(got, e.Name())
			}
		}
		var want []string
		if tc.want != "" {
			want = []string{tc.want}
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Match(%q) (-want +got):\n%s", tc.path, diff)
		}
	}
}

func TestSniff(t *testing.T) {
	for _, tc := range []struct {
		name, header string
		want         string
	}{
		{"cdx json", "{\n  \"bomFormat\" : \"CycloneDX\",\n  \"specVersion\": \"1.6\"", "sbom/cyclonedx-json"},
		{"cdx xml", `<?xml version="1.0"?>` + "\n" + `<bom xmlns="http://cyclonedx.org/schema/bom/1.5" version="1">`, "sbom/cyclonedx-xml"},
		{"cdx xml, other attribute first", `<bom version="1" xmlns="http://cyclonedx.org/schema/bom/1.4">`, "sbom/cyclonedx-xml"},
		{"spdx json", "{\n  \"spdxVersion\": \"SPDX-2.3\",", "sbom/spdx-json"},
		{"spdx tag-value", "# comment\nSPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\n", "sbom/spdx-tag-value"},
		{"package.json", `{"name": "x", "bomFormat": 1}`, ""},
		{"maven bom", `<project xmlns="http://maven.apache.org/POM/4.0.0"><artifactId>bom</artifactId>`, ""},
		{"prose", "This text mentions spdxVersion and SPDXVersion in passing.", ""},
	} {
		var got []string
		for _, e := range Extractors() {
			if e.(extract.Sniffer).Sniff([]byte(tc.header)) {
				got = append(got, e.Name())
			}
		}
		var want []string
		if tc.want != "" {
			want = []string{tc.want}
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: Sniff (-want +got):\n%s", tc.name, diff)
		}
	}
}

type summary struct {
	Projects, Packages, Edges, Direct, Scopes, Locations, Diagnostics []string
}

func summarize(r *extract.Result) summary {
	s := summary{
		Packages: exttest.Packages(r),
		Edges:    exttest.Edges(r),
		Direct:   exttest.Direct(r),
	}
	for _, p := range r.Projects {
		s.Projects = append(s.Projects, p.ID+" "+p.Name+"@"+p.Version+" "+p.PURL)
	}
	for _, p := range r.Packages {
		if p.Scope != "" {
			s.Scopes = append(s.Scopes, p.Name+" "+string(p.Scope))
		}
		var locs []string
		for _, l := range p.Locations {
			locs = append(locs, l.String())
		}
		s.Locations = append(s.Locations, p.ID+" "+strings.Join(locs, ","))
	}
	for _, d := range r.Diagnostics {
		s.Diagnostics = append(s.Diagnostics, d.String())
	}
	sort.Strings(s.Scopes)
	return s
}

// TestHandwritten reads documents written by hand from the specifications,
// as other tools would write them: CycloneDX 1.4 JSON, CycloneDX 1.5 XML and
// SPDX 2.3 tag-value.
func TestHandwritten(t *testing.T) {
	for _, tc := range []struct {
		extractor, file string
		want            summary
	}{
		{
			"sbom/cyclonedx-json", "handwritten/app-1.4.cdx.json",
			summary{
				Projects: []string{"project:Maven:handwritten#com.example:shop com.example:shop@2.0.0 pkg:maven/com.example/shop@2.0.0"},
				Packages: []string{"com.google.guava:failureaccess@1.0.2", "com.google.guava:guava@33.0.0-jre", "golang.org/x/net@v0.20.0", "junit:junit@4.13.2", "zlib@1.3.1"},
				Edges: []string{
					"com.google.guava:guava@33.0.0-jre -> com.google.guava:failureaccess@1.0.2",
					"project:handwritten -> com.google.guava:guava@33.0.0-jre",
					"project:handwritten -> golang.org/x/net@v0.20.0",
					"project:handwritten -> junit:junit@4.13.2 (development)",
					"project:handwritten -> zlib@1.3.1",
				},
				Direct: []string{"com.google.guava:guava@33.0.0-jre", "golang.org/x/net@v0.20.0", "junit:junit@4.13.2", "zlib@1.3.1"},
				Scopes: []string{"junit:junit development"},
				Locations: []string{
					"pkg:golang/golang.org/x/net@v0.20.0 handwritten/app-1.4.cdx.json:51",
					"pkg:maven/com.google.guava/failureaccess@1.0.2 handwritten/app-1.4.cdx.json:33",
					"pkg:maven/com.google.guava/guava@33.0.0-jre handwritten/app-1.4.cdx.json:22",
					"pkg:maven/junit/junit@4.13.2 handwritten/app-1.4.cdx.json:42",
					"sbom:handwritten/app-1.4.cdx.json#vendored-zlib handwritten/app-1.4.cdx.json:58",
				},
			},
		},
		{
			"sbom/cyclonedx-xml", "handwritten/web-1.5.cdx.xml",
			summary{
				Projects: []string{"project:npm:handwritten#web web@0.1.0 pkg:npm/web@0.1.0"},
				Packages: []string{"@babel/core@7.24.0", "Django ", "left-pad@1.3.0"},
				Edges: []string{
					"@babel/core@7.24.0 -> left-pad@1.3.0",
					"project:handwritten -> @babel/core@7.24.0 (development)",
					"project:handwritten -> left-pad@1.3.0",
				},
				Direct: []string{"@babel/core@7.24.0", "left-pad@1.3.0"},
				Scopes: []string{"@babel/core development"},
				Locations: []string{
					"pkg:npm/%40babel/core@7.24.0 handwritten/web-1.5.cdx.xml:12",
					"pkg:npm/left-pad@1.3.0 handwritten/web-1.5.cdx.xml:19,package-lock.json",
					"pkg:pypi/django# handwritten/web-1.5.cdx.xml:34",
				},
			},
		},
		{
			"sbom/spdx-tag-value", "handwritten/tools.spdx",
			summary{
				Projects: []string{"project:Go:handwritten#tools tools@1.0.0 pkg:golang/example.test/tools@v1.0.0"},
				Packages: []string{"commons-io:commons-io@2.15.1", "github.com/spf13/cobra@v1.8.0", "github.com/stretchr/testify@v1.9.0", "openssl@3.0.13"},
				Edges: []string{
					"project:handwritten -> commons-io:commons-io@2.15.1 (development)",
					"project:handwritten -> github.com/spf13/cobra@v1.8.0",
					"project:handwritten -> github.com/stretchr/testify@v1.9.0 (test)",
					"project:handwritten -> openssl@3.0.13",
				},
				Direct: []string{"commons-io:commons-io@2.15.1", "github.com/spf13/cobra@v1.8.0", "github.com/stretchr/testify@v1.9.0", "openssl@3.0.13"},
				Locations: []string{
					"pkg:golang/github.com/spf13/cobra@v1.8.0 handwritten/tools.spdx:17",
					"pkg:golang/github.com/stretchr/testify@v1.9.0 handwritten/tools.spdx:33",
					"pkg:maven/commons-io/commons-io@2.15.1 handwritten/tools.spdx:24",
					"sbom:handwritten/tools.spdx#openssl handwritten/tools.spdx:40",
				},
				Diagnostics: []string{`handwritten/tools.spdx:17: warning: dependency names "missing", which the document does not declare; ignored`},
			},
		},
	} {
		t.Run(tc.file, func(t *testing.T) {
			r, err := exttest.Run(t, extractor(t, tc.extractor), "testdata", tc.file)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, summarize(r)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			exttest.CheckIntegrity(t, r)
		})
	}
}

// TestForeignDetails checks what the summaries leave out: unresolved
// packages, normalised names, properties and package URLs without a type
// ossaudit knows.
func TestForeignDetails(t *testing.T) {
	r, err := exttest.Run(t, extractor(t, "sbom/cyclonedx-xml"), "testdata", "handwritten/web-1.5.cdx.xml")
	if err != nil {
		t.Fatal(err)
	}
	want := []model.Package{
		{ID: "pkg:npm/%40babel/core@7.24.0", Ecosystem: model.Npm, Name: "@babel/core", Version: "7.24.0", PURL: "pkg:npm/%40babel/core@7.24.0",
			Scope: model.ScopeDevelopment, Direct: true, Locations: []model.Location{{Path: "handwritten/web-1.5.cdx.xml", Line: 12}}},
		{ID: "pkg:npm/left-pad@1.3.0", Ecosystem: model.Npm, Name: "left-pad", Version: "1.3.0", PURL: "pkg:npm/left-pad@1.3.0", Direct: true,
			Locations:  []model.Location{{Path: "handwritten/web-1.5.cdx.xml", Line: 19}, {Path: "package-lock.json"}},
			Properties: map[string]string{"cdx:npm:package:path": "node_modules/left-pad"}},
		{ID: "pkg:pypi/django#", Ecosystem: model.PyPI, Name: "Django", NormalizedName: "django", PURL: "pkg:pypi/django",
			Unresolved: "the SBOM gives no version", Locations: []model.Location{{Path: "handwritten/web-1.5.cdx.xml", Line: 34}}},
	}
	if diff := cmp.Diff(want, r.Packages); diff != "" {
		t.Errorf("packages (-want +got):\n%s", diff)
	}

	files := map[string]string{"x.cdx.json": `{"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
	  "components": [{"type": "library", "name": "base-files", "version": "12.4", "purl": "pkg:deb/debian/base-files@12.4?arch=amd64"},
	                 {"type": "library", "name": "nameless-ref", "version": "1"}]}`}
	r, err = exttest.RunFiles(t, extractor(t, "sbom/cyclonedx-json"), files, "x.cdx.json")
	if err != nil {
		t.Fatal(err)
	}
	got := []string{}
	for _, p := range r.Packages {
		got = append(got, p.ID+" | "+string(p.Ecosystem)+" | "+p.Name+" | "+p.PURL)
	}
	wantIDs := []string{
		"pkg:deb/debian/base-files@12.4?arch=amd64 |  | base-files | pkg:deb/debian/base-files@12.4?arch=amd64",
		"sbom:x.cdx.json#nameless-ref@1 |  | nameless-ref | pkg:generic/nameless-ref@1",
	}
	if diff := cmp.Diff(wantIDs, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestNPMGenerated reads the CycloneDX and SPDX documents `npm sbom` wrote
// for one lockfile (see testdata/README.md) and checks them against an
// independent count of their elements and against each other.
func TestNPMGenerated(t *testing.T) {
	count := func(file, list string) int {
		data, err := os.ReadFile(filepath.Join("testdata", file))
		if err != nil {
			t.Fatal(err)
		}
		var doc map[string][]any
		var raw map[string]json.RawMessage
		if err := json.Unmarshal(data, &raw); err != nil {
			t.Fatal(err)
		}
		doc = map[string][]any{}
		var items []any
		if err := json.Unmarshal(raw[list], &items); err != nil {
			t.Fatal(err)
		}
		doc[list] = items
		return len(doc[list])
	}
	cdxRes, err := exttest.Run(t, extractor(t, "sbom/cyclonedx-json"), "testdata", "npm/npm.cdx.json")
	if err != nil {
		t.Fatal(err)
	}
	spdxRes, err := exttest.Run(t, extractor(t, "sbom/spdx-json"), "testdata", "npm/npm.spdx.json")
	if err != nil {
		t.Fatal(err)
	}
	if n, want := len(cdxRes.Packages), count("npm/npm.cdx.json", "components"); n != want {
		t.Errorf("CycloneDX: %d packages, the document has %d components", n, want)
	}
	// One SPDX package is the described project.
	if n, want := len(spdxRes.Packages)+len(spdxRes.Projects), count("npm/npm.spdx.json", "packages"); n != want {
		t.Errorf("SPDX: %d packages and projects, the document has %d packages", n, want)
	}
	wantPkgs := []string{"@isaacs/string-locale-compare@1.1.0", "debug@4.3.4", "is-number@7.0.0", "lru-cache@6.0.0", "ms@2.1.2", "ms@2.1.3", "semver@7.6.0", "yallist@4.0.0"}
	wantDirect := []string{"@isaacs/string-locale-compare@1.1.0", "debug@4.3.4", "is-number@7.0.0", "ms@2.1.3", "semver@7.6.0"}
	for name, r := range map[string]*extract.Result{"cdx": cdxRes, "spdx": spdxRes} {
		exttest.CheckIntegrity(t, r)
		if diff := cmp.Diff(wantPkgs, exttest.Packages(r)); diff != "" {
			t.Errorf("%s packages (-want +got):\n%s", name, diff)
		}
		if diff := cmp.Diff(wantDirect, exttest.Direct(r)); diff != "" {
			t.Errorf("%s direct (-want +got):\n%s", name, diff)
		}
		if len(r.Diagnostics) != 0 {
			t.Errorf("%s: %v", name, r.Diagnostics)
		}
	}
	wantSPDXEdges := []string{
		"debug@4.3.4 -> ms@2.1.2",
		"lru-cache@6.0.0 -> yallist@4.0.0",
		"project:npm -> @isaacs/string-locale-compare@1.1.0",
		"project:npm -> debug@4.3.4",
		"project:npm -> is-number@7.0.0 (optional)",
		"project:npm -> ms@2.1.3",
		"project:npm -> semver@7.6.0 (development)",
		"semver@7.6.0 -> lru-cache@6.0.0",
	}
	if diff := cmp.Diff(wantSPDXEdges, exttest.Edges(spdxRes)); diff != "" {
		t.Errorf("spdx edges (-want +got):\n%s", diff)
	}
	// CycloneDX has no edge scopes; they follow the target's scope and
	// npm's "development" property.
	wantCDXEdges := []string{
		"debug@4.3.4 -> ms@2.1.2",
		"lru-cache@6.0.0 -> yallist@4.0.0 (development)",
		"project:npm -> @isaacs/string-locale-compare@1.1.0",
		"project:npm -> debug@4.3.4",
		"project:npm -> is-number@7.0.0 (optional)",
		"project:npm -> ms@2.1.3",
		"project:npm -> semver@7.6.0 (development)",
		"semver@7.6.0 -> lru-cache@6.0.0 (development)",
	}
	if diff := cmp.Diff(wantCDXEdges, exttest.Edges(cdxRes)); diff != "" {
		t.Errorf("cdx edges (-want +got):\n%s", diff)
	}
}

func TestBadInput(t *testing.T) {
	for _, tc := range []struct {
		extractor, file, want string
	}{
		{"sbom/cyclonedx-json", "bad/truncated.cdx.json", "bad/truncated.cdx.json:5:18: invalid JSON: unexpected end of JSON input (the file looks truncated)"},
		{"sbom/cyclonedx-json", "bad/binary.cdx.json", `bad/binary.cdx.json:1:1: invalid JSON: invalid character '\x7f' looking for beginning of value`},
		{"sbom/cyclonedx-json", "bad/bom.json", `bad/bom.json:1: not a CycloneDX document: bomFormat is "SomethingElse", want "CycloneDX"`},
		{"sbom/cyclonedx-xml", "bad/broken.cdx.xml", "bad/broken.cdx.xml:5: invalid XML: element <name> closed by </nam>"},
		{"sbom/spdx-json", "bad/badtype.spdx.json", "bad/badtype.spdx.json:3:26: unexpected JSON value: json: cannot unmarshal number into Go struct field"},
		{"sbom/spdx-tag-value", "bad/nocolon.spdx", `bad/nocolon.spdx:3: parsing SPDX tag-value: expected "Tag: value", got "this line has no colon"`},
		{"sbom/spdx-tag-value", "bad/unclosed.spdx", "bad/unclosed.spdx:4: parsing SPDX tag-value: <text> is never closed (the file looks truncated)"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			e := extractor(t, tc.extractor)
			r, err := e.Extract(t.Context(), &extract.Input{FS: os.DirFS("testdata"), Path: tc.file})
			if err == nil {
				t.Fatalf("no error; result %+v", r)
			}
			if !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("error %q, want it to start with %q", err, tc.want)
			}
		})
	}
}

func TestEmptyDocuments(t *testing.T) {
	for _, tc := range []struct{ extractor, file, content, want string }{
		{"sbom/cyclonedx-json", "e.cdx.json", `{"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1}`, "e.cdx.json:1: warning: the CycloneDX document lists no components"},
		{"sbom/cyclonedx-json", "bom-with-bom.cdx.json", "\ufeff" + `{"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1}`, "bom-with-bom.cdx.json:1: warning: the CycloneDX document lists no components"},
		{"sbom/cyclonedx-xml", "e.cdx.xml", `<bom xmlns="http://cyclonedx.org/schema/bom/1.4" version="1"/>`, "e.cdx.xml:1: warning: the CycloneDX document lists no components"},
		{"sbom/spdx-json", "e.spdx.json", `{"spdxVersion": "SPDX-2.3", "dataLicense": "CC0-1.0", "SPDXID": "SPDXRef-DOCUMENT", "name": "e", "documentNamespace": "https://example.test/e", "creationInfo": {"creators": ["Tool: x"], "created": "2024-01-01T00:00:00Z"}}`, "e.spdx.json:1: warning: the SPDX document lists no packages"},
	} {
		r, err := exttest.RunFiles(t, extractor(t, tc.extractor), map[string]string{tc.file: tc.content}, tc.file)
		if err != nil {
			t.Errorf("%s: %v", tc.file, err)
			continue
		}
		var got []string
		for _, d := range r.Diagnostics {
			got = append(got, d.String())
		}
		if diff := cmp.Diff([]string{tc.want}, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.file, diff)
		}
	}
}

func TestDeepNesting(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1, "components": [`)
	const depth = maxDepth + 10
	for i := 0; i < depth; i++ {
		b.WriteString(`{"type": "library", "name": "n", "version": "1", "components": [`)
	}
	for i := 0; i < depth; i++ {
		b.WriteString(`]}`)
	}
	b.WriteString(`]}`)
	r, err := exttest.RunFiles(t, extractor(t, "sbom/cyclonedx-json"), map[string]string{"deep.cdx.json": b.String()}, "deep.cdx.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Diagnostics) != 1 || r.Diagnostics[0].Severity != model.SevError || !strings.Contains(r.Diagnostics[0].Message, "nest deeper than 64") {
		t.Errorf("diagnostics: %v", r.Diagnostics)
	}
	if len(r.Packages) != 1 { // every level is sbom:deep.cdx.json#n@1, merged
		t.Errorf("%d packages, want 1", len(r.Packages))
	}
}

func TestParseLocation(t *testing.T) {
	for in, want := range map[string]model.Location{
		"package-lock.json":    {Path: "package-lock.json"},
		"a/b.json:12":          {Path: "a/b.json", Line: 12},
		"a/b.json:12:7":        {Path: "a/b.json", Line: 12, Column: 7},
		"C:/x/go.mod:3":        {Path: "C:/x/go.mod", Line: 3},
		"weird:name.txt":       {Path: "weird:name.txt"},
		"weird:name.txt:0":     {Path: "weird:name.txt:0"},
		"dir/file.lock:4:2:9x": {Path: "dir/file.lock:4:2:9x"},
	} {
		if got := parseLocation(in); got != want {
			t.Errorf("parseLocation(%q) = %+v, want %+v", in, got, want)
		}
	}
}

func TestCommentEscapes(t *testing.T) {
	got := parseComment("free text\nossaudit:id=pkg:npm/x@1\nossaudit:property:k:v=a\\nb\\\\c=d\r\nnot ossaudit:scope=dev\nossaudit:property:a\\=b\\\\=c")
	want := []prop{{"ossaudit:id", "pkg:npm/x@1"}, {"k:v", "a\nb\\c=d"}, {"a=b\\", "c"}}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(prop{})); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestCorpus checks that no file of the real projects in the shared corpus
// is taken for an SBOM, by name or by content: none of them is one.
func TestCorpus(t *testing.T) {
	root := filepath.Join("..", "..", "..", "..", "shared", "corpus")
	if _, err := os.Stat(root); err != nil {
		t.Skip("corpus not present")
	}
	files := 0
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files++
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if len(data) > 4096 {
			data = data[:4096]
		}
		for _, e := range Extractors() {
			if e.Match(rel) || e.(extract.Sniffer).Sniff(data) {
				t.Errorf("%s takes %s for an SBOM", e.Name(), rel)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files == 0 {
		t.Error("the corpus has no files")
	}
}
