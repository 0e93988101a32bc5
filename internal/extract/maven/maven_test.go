package maven

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ossaudit/ossaudit/internal/extract"
	"github.com/ossaudit/ossaudit/model"
)

func TestExtractors(t *testing.T) {
	var got []string
	for _, e := range Extractors() {
		if e.Ecosystem() != model.Maven || e.Description() == "" {
			t.Errorf("%s: ecosystem %q, description %q", e.Name(), e.Ecosystem(), e.Description())
		}
		got = append(got, e.Name()+" "+string(e.Kind()))
	}
	want := []string{"maven/pom manifest", "maven/gradle-lockfile lockfile", "maven/archive archive"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("extractors (-want +got):\n%s", diff)
	}
}

func TestMatch(t *testing.T) {
	tests := []struct {
		e    extract.Extractor
		path string
		want bool
	}{
		{POM{}, "pom.xml", true},
		{POM{}, "a/b/pom.xml", true},
		{POM{}, "a/pom.xml.bak", false},
		{POM{}, "a/my-pom.xml", false},
		{Archive{}, "lib/x.jar", true},
		{Archive{}, "app.WAR", true},
		{Archive{}, "dist/app.ear", true},
		{Archive{}, "deploy/app.par", true},
		{Archive{}, "x.zip", false},
		{Archive{}, "jar", false},
		{Archive{}, "x.jar.sha1", false},
	}
	for _, tt := range tests {
		if got := tt.e.Match(tt.path); got != tt.want {
			t.Errorf("%s.Match(%q) = %v, want %v", tt.e.Name(), tt.path, got, tt.want)
		}
	}
}
