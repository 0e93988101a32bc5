package maven

import (
	"path/filepath"
	"testing"

	"github.com/ossaudit/ossaudit/internal/extract/exttest"
)

func seeds(t testing.TB, patterns ...string) []string {
	var out []string
	for _, p := range patterns {
		m, err := filepath.Glob(p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, m...)
	}
	return out
}

func FuzzPOM(f *testing.F) {
	exttest.Fuzz(f, POM{}, "pom.xml", seeds(f, "testdata/pom/*/pom.xml", "testdata/pom/*/*/pom.xml", "testdata/pom/*/*/*/pom.xml")...)
}

func FuzzGradleLock(f *testing.F) {
	exttest.Fuzz(f, GradleLock{}, "gradle.lockfile", seeds(f, "testdata/gradle/*.lockfile", "testdata/gradle/*/*.lockfile", "testdata/gradle/app/gradle/dependency-locks/*.lockfile")...)
}

func FuzzArchive(f *testing.F) {
	lib := makeZip(f, manifest("Bundle-SymbolicName: a.b", "Bundle-Version: 1"), pomProps("g", "a", "1.0"))
	f.Add(lib)
	f.Add(makeZip(f, manifest("Implementation-Title: t", "Implementation-Version: 2")))
	f.Add(makeZip(f, pomProps("g", "war", "2"), entry{name: "WEB-INF/lib/a.jar", data: lib}, entry{name: "BOOT-INF/lib/b.jar", data: lib, store: true}))
	exttest.Fuzz(f, Archive{}, "app.war")
}
