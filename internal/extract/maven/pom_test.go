package maven

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ossaudit/ossaudit/internal/diag"
	"github.com/ossaudit/ossaudit/internal/extract"
	"github.com/ossaudit/ossaudit/internal/extract/exttest"
	"github.com/ossaudit/ossaudit/model"
)

// pkgLines summarises packages as "id line,line reason props".
func pkgLines(r *extract.Result) []string {
	var out []string
	for _, p := range r.Packages {
		var locs []string
		for _, l := range p.Locations {
			locs = append(locs, l.String())
		}
		s := p.ID + " " + strings.Join(locs, ",")
		if p.Unresolved != "" {
			s += " [" + p.Unresolved + "]"
		}
		var keys []string
		for k := range p.Properties {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			s += " " + k + "=" + p.Properties[k]
		}
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

func TestPOM(t *testing.T) {
	tests := []struct {
		file     string
		project  model.Project
		packages []string
		edges    []string
		diags    []string
	}{{
		file: "simple/pom.xml",
		project: model.Project{ID: "project:Maven:simple", Ecosystem: model.Maven, Name: "com.example:simple", Version: "1.4.0",
			PURL: "pkg:maven/com.example/simple@1.4.0", Dir: "simple", Sources: []string{"simple/pom.xml"}},
		packages: []string{
			"pkg:maven/com.example.vendor/native-lib@3.1 simple/pom.xml:51 maven:scope=system maven:system-path=${basedir}/lib/native-lib.jar",
			"pkg:maven/com.example/simple-tests@1.4.0?type=test-jar simple/pom.xml:70",
			"pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.17.1 simple/pom.xml:30,simple/pom.xml:123 maven:profile=postgres",
			"pkg:maven/com.google.code.findbugs/jsr305@3.0.2 simple/pom.xml:58 maven:optional=true",
			"pkg:maven/com.puppycrawl.tools/checkstyle@10.17.0 simple/pom.xml:104 maven:plugin=org.apache.maven.plugins:maven-checkstyle-plugin",
			"pkg:maven/commons-io/commons-io#[2.11.0,3.0) simple/pom.xml:77 [version range; the version it resolves to depends on the Maven repository]",
			"pkg:maven/io.netty/netty-transport-native-epoll@4.1.110.Final?classifier=linux-x86_64 simple/pom.xml:64",
			"pkg:maven/jakarta.servlet/jakarta.servlet-api@6.0.0 simple/pom.xml:45 maven:scope=provided",
			"pkg:maven/org.apache.commons/commons-lang3# simple/pom.xml:92 [no version declared and no dependencyManagement entry manages it]",
			"pkg:maven/org.example/looping#${loop.a} simple/pom.xml:87 [${loop.a} refers to itself, nests too deep or expands too long]",
			"pkg:maven/org.junit.jupiter/junit-jupiter@5.10.2 simple/pom.xml:41 maven:managed=simple/pom.xml:20",
			"pkg:maven/org.postgresql/postgresql@42.7.3 simple/pom.xml:118 maven:profile=postgres",
			"pkg:maven/org.slf4j/slf4j-api@2.0.13 simple/pom.xml:35",
			"pkg:maven/org.yaml/snakeyaml#${snakeyaml.version} simple/pom.xml:82 [${snakeyaml.version} is not defined by the POM or its parents]",
		},
		edges: []string{
			"project:simple -> com.example.vendor:native-lib@3.1 (development)",
			"project:simple -> com.example:simple-tests@1.4.0 (test)",
			"project:simple -> com.fasterxml.jackson.core:jackson-databind@2.17.1",
			"project:simple -> com.google.code.findbugs:jsr305@3.0.2 (optional)",
			"project:simple -> com.puppycrawl.tools:checkstyle@10.17.0 (development)",
			"project:simple -> commons-io:commons-io@",
			"project:simple -> io.netty:netty-transport-native-epoll@4.1.110.Final",
			"project:simple -> jakarta.servlet:jakarta.servlet-api@6.0.0 (development)",
			"project:simple -> org.apache.commons:commons-lang3@",
			"project:simple -> org.example:looping@",
			"project:simple -> org.junit.jupiter:junit-jupiter@5.10.2 (test)",
			"project:simple -> org.postgresql:postgresql@42.7.3",
			"project:simple -> org.slf4j:slf4j-api@2.0.13",
			"project:simple -> org.yaml:snakeyaml@",
		},
	}, {
		file: "multi/pom.xml",
		project: model.Project{ID: "project:Maven:multi", Ecosystem: model.Maven, Name: "org.example.shop:shop-parent", Version: "3.2.0-SNAPSHOT",
			PURL: "pkg:maven/org.example.shop/shop-parent@3.2.0-SNAPSHOT", Dir: "multi", Sources: []string{"multi/pom.xml"}, Properties: map[string]string{"maven:missing-boms": "com.fasterxml.jackson:jackson-bom:2.17.1"}},
		packages: []string{"pkg:maven/org.slf4j/slf4j-api@2.0.13 multi/pom.xml:45"},
		edges:    []string{"project:multi -> org.slf4j:slf4j-api@2.0.13"},
		diags:    []string{"multi/pom.xml:4: info: parent org.example.corp:corp-parent:7 is not in the scanned tree; the dependencies it declares are not known"},
	}, {
		file: "multi/app/pom.xml",
		project: model.Project{ID: "project:Maven:multi/app", Ecosystem: model.Maven, Name: "org.example.shop:shop-app", Version: "3.2.0-SNAPSHOT",
			PURL: "pkg:maven/org.example.shop/shop-app@3.2.0-SNAPSHOT", Dir: "multi/app", Sources: []string{"multi/app/pom.xml"}, Workspace: "project:Maven:multi",
			Properties: map[string]string{"maven:imported-boms": "org.example.shop:shop-bom:3.2.0-SNAPSHOT", "maven:missing-boms": "com.fasterxml.jackson:jackson-bom:2.17.1"}},
		packages: []string{
			"pkg:maven/com.fasterxml.jackson.core/jackson-databind# multi/app/pom.xml:41 [no version declared; it may be managed by parent org.example.corp:corp-parent:7 or imported BOM com.fasterxml.jackson:jackson-bom:2.17.1, not in the scanned tree; resolving it needs the Maven repository]",
			"pkg:maven/com.google.guava/guava@33.2.0-jre multi/app/pom.xml:37 maven:managed=multi/pom.xml:36",
			"pkg:maven/io.netty/netty-handler@4.1.111.Final multi/app/pom.xml:33 maven:managed=multi/app/pom.xml:20",
			"pkg:maven/org.example.corp/corp-logging#${corp.logging.version} multi/app/pom.xml:49 [${corp.logging.version} is not defined in the scanned tree; it may come from parent org.example.corp:corp-parent:7 which is not in the scanned tree; resolving it needs the Maven repository]",
			"pkg:maven/org.example.shop/shop-util@3.2.0-SNAPSHOT multi/app/pom.xml:29 maven:bom=org.example.shop:shop-bom:3.2.0-SNAPSHOT maven:managed=multi/bom/pom.xml:23",
			"pkg:maven/org.mockito/mockito-core@5.12.0 multi/app/pom.xml:45 maven:bom=org.example.shop:shop-bom:3.2.0-SNAPSHOT maven:managed=multi/bom/pom.xml:28",
			"pkg:maven/org.slf4j/slf4j-api@2.0.13 multi/pom.xml:45 maven:inherited-from=multi/pom.xml",
		},
		edges: []string{
			"project:multi/app -> com.fasterxml.jackson.core:jackson-databind@",
			"project:multi/app -> com.google.guava:guava@33.2.0-jre",
			"project:multi/app -> io.netty:netty-handler@4.1.111.Final",
			"project:multi/app -> org.example.corp:corp-logging@",
			"project:multi/app -> org.example.shop:shop-util@3.2.0-SNAPSHOT",
			"project:multi/app -> org.mockito:mockito-core@5.12.0 (test)",
			"project:multi/app -> org.slf4j:slf4j-api@2.0.13",
		},
	}, {
		file: "multi/bom/pom.xml",
		project: model.Project{ID: "project:Maven:multi/bom", Ecosystem: model.Maven, Name: "org.example.shop:shop-bom", Version: "3.2.0-SNAPSHOT",
			PURL: "pkg:maven/org.example.shop/shop-bom@3.2.0-SNAPSHOT", Dir: "multi/bom", Sources: []string{"multi/bom/pom.xml"}, Workspace: "project:Maven:multi", Properties: map[string]string{"maven:missing-boms": "com.fasterxml.jackson:jackson-bom:2.17.1"}},
		packages: []string{"pkg:maven/org.slf4j/slf4j-api@2.0.13 multi/pom.xml:45 maven:inherited-from=multi/pom.xml"},
		edges:    []string{"project:multi/bom -> org.slf4j:slf4j-api@2.0.13"},
	}, {
		file: "multi/libs/util/pom.xml",
		project: model.Project{ID: "project:Maven:multi/libs/util", Ecosystem: model.Maven, Name: "org.example.shop:shop-util", Version: "3.2.1",
			PURL: "pkg:maven/org.example.shop/shop-util@3.2.1", Dir: "multi/libs/util", Sources: []string{"multi/libs/util/pom.xml"}, Workspace: "project:Maven:multi", Properties: map[string]string{"maven:missing-boms": "com.fasterxml.jackson:jackson-bom:2.17.1"}},
		packages: []string{
			"pkg:maven/com.google.guava/guava@3.2.0-SNAPSHOT?classifier=shaded multi/libs/util/pom.xml:14",
			// Declared by the module itself: the parent's 2.0.13 is overridden.
			"pkg:maven/org.slf4j/slf4j-api@2.0.9 multi/libs/util/pom.xml:20",
		},
		edges: []string{
			"project:multi/libs/util -> com.google.guava:guava@3.2.0-SNAPSHOT",
			"project:multi/libs/util -> org.slf4j:slf4j-api@2.0.9",
		},
	}, {
		file: "latin1/pom.xml",
		project: model.Project{ID: "project:Maven:latin1", Ecosystem: model.Maven, Name: "fr.exemple:café", Version: "1.0",
			PURL: "pkg:maven/fr.exemple/caf%C3%A9@1.0", Dir: "latin1", Sources: []string{"latin1/pom.xml"}},
		packages: []string{"pkg:maven/org.example/latin@2.0 latin1/pom.xml:9"},
		edges:    []string{"project:latin1 -> org.example:latin@2.0"},
	}}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			r, err := exttest.Run(t, POM{}, "testdata/pom", tt.file)
			if err != nil {
				t.Fatal(err)
			}
			exttest.CheckIntegrity(t, r)
			if diff := cmp.Diff([]model.Project{tt.project}, r.Projects); diff != "" {
				t.Errorf("projects (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.packages, pkgLines(r)); diff != "" {
				t.Errorf("packages (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.edges, exttest.Edges(r)); diff != "" {
				t.Errorf("edges (-want +got):\n%s", diff)
			}
			var diags []string
			for _, d := range r.Diagnostics {
				diags = append(diags, d.String())
			}
			if diff := cmp.Diff(tt.diags, diags); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
			for _, p := range r.Packages {
				if p.Name != p.Key() || p.NormalizedName != "" || p.Scope != "" {
					t.Errorf("%s: name %q normalized %q scope %q", p.ID, p.Name, p.NormalizedName, p.Scope)
				}
			}
		})
	}
}

func TestPOMBadInput(t *testing.T) {
	tests := []struct{ file, want string }{
		{"bad/binary/pom.xml", "bad/binary/pom.xml:1: invalid XML: illegal character code U+0002"},
		{"bad/notpom/pom.xml", "bad/notpom/pom.xml:2:1: not a Maven POM: the root element is <settings>, not <project>"},
		{"bad/syntax/pom.xml", "bad/syntax/pom.xml:6: invalid XML: invalid characters between </dependency and >"},
		{"bad/truncated/pom.xml", "bad/truncated/pom.xml:21: invalid XML: the file ends inside <dependency> opened at line 20 (it looks truncated)"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			r, err := exttest.Run(t, POM{}, "testdata/pom", tt.file)
			if err == nil {
				t.Fatalf("no error; got %d packages", len(r.Packages))
			}
			if err.Error() != tt.want {
				t.Errorf("error %q, want %q", err, tt.want)
			}
			d := diag.Diagnostic(model.SevError, tt.file, "maven/pom", err)
			if d.Location.Path != tt.file || d.Location.Line == 0 {
				t.Errorf("diagnostic location %v lacks the file or line", d.Location)
			}
		})
	}
}

// TestPOMInMemory covers cases built in memory: a parent found through
// <relativePath> that names another artifact, nesting and expansion caps,
// and an unreadable parent.
func TestPOMInMemory(t *testing.T) {
	deep := strings.Repeat("<a>", maxXMLDepth+1) + strings.Repeat("</a>", maxXMLDepth+1)
	// p0 = ${p1}${p1}${p1}${p1}, p1 = ... : 4^12 copies of "x" unless capped.
	var props strings.Builder
	for i := 0; i < 12; i++ {
		fmt.Fprintf(&props, "<p%d>${p%d}${p%d}${p%d}${p%d}</p%d>", i, i+1, i+1, i+1, i+1, i)
	}
	props.WriteString("<p12>x</p12>")
	tests := []struct {
		name     string
		files    map[string]string
		rel      string
		packages []string
		diags    []string
		wantErr  string
	}{{
		name: "parent at relativePath is another artifact",
		files: map[string]string{
			"pom.xml": `<project><groupId>x</groupId><artifactId>other</artifactId><version>9</version>
<properties><v>1</v></properties></project>`,
			"m/pom.xml": `<project><parent><groupId>x</groupId><artifactId>parent</artifactId><version>2</version></parent>
<artifactId>m</artifactId>
<dependencies><dependency><groupId>a</groupId><artifactId>b</artifactId><version>${v}</version></dependency></dependencies></project>`,
		},
		rel:      "m/pom.xml",
		packages: []string{"pkg:maven/a/b#${v} m/pom.xml:3 [${v} is not defined in the scanned tree; it may come from parent x:parent:2 which is not in the scanned tree; resolving it needs the Maven repository]"},
	}, {
		name: "BOM importing a BOM, another version of a BOM, backslash relativePath",
		files: map[string]string{
			"pom.xml": `<project><groupId>x</groupId><artifactId>root</artifactId><version>1</version>
<modules><module>b1</module><module>b2</module><module>b3</module><module>app</module></modules></project>`,
			"b1/pom.xml": `<project><groupId>x</groupId><artifactId>b1</artifactId><version>1</version>
<dependencyManagement><dependencies>
<dependency><groupId>x</groupId><artifactId>b2</artifactId><version>1</version><type>pom</type><scope>import</scope></dependency>
<dependency><groupId>g</groupId><artifactId>one</artifactId><version>1.1</version></dependency>
</dependencies></dependencyManagement></project>`,
			"b2/pom.xml": `<project><groupId>x</groupId><artifactId>b2</artifactId><version>1</version>
<dependencyManagement><dependencies>
<dependency><groupId>g</groupId><artifactId>one</artifactId><version>2.2</version></dependency>
<dependency><groupId>g</groupId><artifactId>two</artifactId><version>2.2</version></dependency>
</dependencies></dependencyManagement></project>`,
			"b3/pom.xml": `<project><groupId>x</groupId><artifactId>b3</artifactId><version>5</version>
<dependencyManagement><dependencies>
<dependency><groupId>g</groupId><artifactId>three</artifactId><version>5</version></dependency>
</dependencies></dependencyManagement></project>`,
			"app/pom.xml": `<project><parent><groupId>x</groupId><artifactId>root</artifactId><version>1</version><relativePath>..\pom.xml</relativePath></parent>
<artifactId>app</artifactId>
<dependencyManagement><dependencies>
<dependency><groupId>x</groupId><artifactId>b1</artifactId><version>1</version><type>pom</type><scope>import</scope></dependency>
<dependency><groupId>x</groupId><artifactId>b3</artifactId><version>4</version><type>pom</type><scope>import</scope></dependency>
</dependencies></dependencyManagement>
<dependencies>
<dependency><groupId>g</groupId><artifactId>one</artifactId></dependency>
<dependency><groupId>g</groupId><artifactId>two</artifactId></dependency>
<dependency><groupId>g</groupId><artifactId>three</artifactId></dependency>
</dependencies></project>`,
		},
		rel: "app/pom.xml",
		packages: []string{
			"pkg:maven/g/one@1.1 app/pom.xml:8 maven:bom=x:b1:1 maven:managed=b1/pom.xml:4",
			"pkg:maven/g/three# app/pom.xml:10 [no version declared; it may be managed by imported BOM x:b3:4, not in the scanned tree; resolving it needs the Maven repository]",
			"pkg:maven/g/two@2.2 app/pom.xml:9 maven:bom=x:b2:1 maven:managed=b2/pom.xml:4",
		},
	}, {
		name: "environment and settings",
		files: map[string]string{
			"pom.xml": `<project><groupId>x</groupId><artifactId>a</artifactId><version>1</version>
<dependencies><dependency><groupId>a</groupId><artifactId>b</artifactId><version>${env.B_VERSION}</version></dependency></dependencies></project>`,
		},
		rel:      "pom.xml",
		packages: []string{"pkg:maven/a/b#${env.B_VERSION} pom.xml:2 [${env.B_VERSION} comes from the build environment]"},
	}, {
		name: "parent chain cycle",
		files: map[string]string{
			"a/pom.xml": `<project><parent><groupId>x</groupId><artifactId>b</artifactId><version>1</version><relativePath>../b</relativePath></parent><artifactId>a</artifactId>
<dependencies><dependency><groupId>g</groupId><artifactId>d</artifactId><version>${project.version}</version></dependency></dependencies></project>`,
			"b/pom.xml": `<project><parent><groupId>x</groupId><artifactId>a</artifactId><version>1</version><relativePath>../a</relativePath></parent><artifactId>b</artifactId></project>`,
		},
		rel:      "a/pom.xml",
		packages: []string{"pkg:maven/g/d@1 a/pom.xml:2"},
	}, {
		name: "exponential properties",
		files: map[string]string{"pom.xml": `<project><groupId>g</groupId><artifactId>a</artifactId><version>1</version>
<properties>` + props.String() + `</properties>
<dependencies><dependency><groupId>g</groupId><artifactId>b</artifactId><version>${p0}</version></dependency>
<dependency><groupId>g</groupId><artifactId>c</artifactId><version>${p7}</version></dependency></dependencies></project>`},
		rel: "pom.xml",
		packages: []string{
			"pkg:maven/g/b#${p0} pom.xml:3 [${p0} refers to itself, nests too deep or expands too long]",
			"pkg:maven/g/c@" + strings.Repeat("x", 4*4*4*4*4) + " pom.xml:4",
		},
	}, {
		name:    "nesting cap",
		files:   map[string]string{"pom.xml": deep},
		rel:     "pom.xml",
		wantErr: fmt.Sprintf("pom.xml:1:%d: elements nested deeper than %d levels", 3*maxXMLDepth+1, maxXMLDepth),
	}, {
		name:    "empty file",
		files:   map[string]string{"pom.xml": ""},
		rel:     "pom.xml",
		wantErr: "pom.xml:1:1: invalid XML: no root element (the file is empty or truncated)",
	}, {
		name:    "unsupported encoding",
		files:   map[string]string{"pom.xml": `<?xml version="1.0" encoding="EBCDIC"?><project/>`},
		rel:     "pom.xml",
		wantErr: `pom.xml:1:40: invalid XML: xml: opening charset "EBCDIC": unsupported encoding "EBCDIC"`,
	}, {
		name: "malformed parent is warned about",
		files: map[string]string{
			"pom.xml":   `<project><groupId>x</groupId>`,
			"m/pom.xml": `<project><parent><groupId>x</groupId><artifactId>p</artifactId><version>1</version></parent><artifactId>m</artifactId></project>`,
		},
		rel:   "m/pom.xml",
		diags: []string{"m/pom.xml:1: warning: parent POM pom.xml could not be read: pom.xml:1: invalid XML: the file ends inside <project> opened at line 1 (it looks truncated)"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := exttest.RunFiles(t, POM{}, tt.files, tt.rel)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("error %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			exttest.CheckIntegrity(t, r)
			if diff := cmp.Diff(tt.packages, pkgLines(r)); diff != "" {
				t.Errorf("packages (-want +got):\n%s", diff)
			}
			var diags []string
			for _, d := range r.Diagnostics {
				if d.Severity != model.SevInfo {
					diags = append(diags, d.String())
				}
			}
			if diff := cmp.Diff(tt.diags, diags); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
		})
	}
}

// TestPOMCorpusJenkins reads the real multi-module build of Jenkins: every
// <dependency> of each POM must come out either as a package declared at
// its line or, inside <dependencyManagement>, as a managed entry.
func TestPOMCorpusJenkins(t *testing.T) {
	root := filepath.Join("..", "..", "..", "..", "shared", "corpus", "jenkins")
	if _, err := os.Stat(root); err != nil {
		t.Skip("corpus not present:", err)
	}
	var files []string
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.Name() == "pom.xml" {
			rel, _ := filepath.Rel(root, p)
			files = append(files, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(files)
	if len(files) != 9 {
		t.Fatalf("found %d pom.xml, want 9", len(files))
	}
	depRE := regexp.MustCompile(`<dependency>`)
	var total, resolved, unresolved, managedEntries int
	projects := map[string]string{}
	for _, f := range files {
		r, err := exttest.Run(t, POM{}, root, f)
		if err != nil {
			t.Fatal(err)
		}
		exttest.CheckIntegrity(t, r)
		for _, p := range r.Projects {
			projects[p.Dir] = p.Name + "@" + p.Version + " ws=" + p.Workspace
		}
		declared := map[int]bool{} // lines of this file that yielded a package
		for _, p := range r.Packages {
			for _, l := range p.Locations {
				if l.Path == f {
					declared[l.Line] = true
				}
			}
		}
		data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(f)))
		if err != nil {
			t.Fatal(err)
		}
		x, err := parseXML(f, data)
		if err != nil {
			t.Fatal(err)
		}
		mgmtLines := map[int]bool{}
		x.walk(func(n *node) {
			if s, ok := sectionOf(n); ok && n.name == "dependency" && s.management {
				mgmtLines[n.line] = true
			}
		})
		for i, line := range strings.Split(string(data), "\n") {
			if !depRE.MatchString(line) {
				continue
			}
			total++
			switch {
			case declared[i+1]:
			case mgmtLines[i+1]:
				managedEntries++
			default:
				t.Errorf("%s:%d: <dependency> not reported", f, i+1)
			}
		}
		for _, p := range r.Packages {
			if p.Locations[0].Path != f {
				continue // inherited from the parent, counted there
			}
			if p.Version != "" {
				resolved++
			} else {
				unresolved++
				if p.Unresolved == "" {
					t.Errorf("%s: unresolved without a reason", p.ID)
				}
			}
		}
	}
	// grep -c '<dependency>' over the nine files gives 183.
	if total != 183 {
		t.Errorf("%d <dependency> elements, want 183", total)
	}
	got := fmt.Sprintf("packages resolved=%d unresolved=%d, management entries=%d", resolved, unresolved, managedEntries)
	want := "packages resolved=86 unresolved=21, management entries=76"
	if got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	wantProjects := map[string]string{
		".":                     "org.jenkins-ci.main:jenkins-parent@2.579-SNAPSHOT ws=",
		"bom":                   "org.jenkins-ci.main:jenkins-bom@2.579-SNAPSHOT ws=project:Maven:.",
		"cli":                   "org.jenkins-ci.main:cli@2.579-SNAPSHOT ws=project:Maven:.",
		"core":                  "org.jenkins-ci.main:jenkins-core@2.579-SNAPSHOT ws=project:Maven:.",
		"coverage":              "org.jenkins-ci.main:jenkins-coverage@2.579-SNAPSHOT ws=project:Maven:.",
		"test":                  "org.jenkins-ci.main:jenkins-test@2.579-SNAPSHOT ws=project:Maven:.",
		"war":                   "org.jenkins-ci.main:jenkins-war@2.579-SNAPSHOT ws=project:Maven:.",
		"websocket/jetty12-ee9": "org.jenkins-ci.main:websocket-jetty12-ee9@2.579-SNAPSHOT ws=project:Maven:.",
		"websocket/spi":         "org.jenkins-ci.main:websocket-spi@2.579-SNAPSHOT ws=project:Maven:.",
	}
	if diff := cmp.Diff(wantProjects, projects); diff != "" {
		t.Errorf("projects (-want +got):\n%s", diff)
	}
}
