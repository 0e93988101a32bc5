package maven

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ossaudit/ossaudit/internal/extract/exttest"
	"github.com/ossaudit/ossaudit/model"
)

func TestGradleLock(t *testing.T) {
	tests := []struct {
		file     string
		project  model.Project
		packages []string
		edges    []string
		diags    []string
	}{{
		file:    "gradle.lockfile",
		project: model.Project{ID: "project:Maven:.", Ecosystem: model.Maven, Dir: ".", Sources: []string{"gradle.lockfile"}},
		packages: []string{
			"pkg:maven/com.fasterxml.jackson.core/jackson-annotations@2.17.1 gradle.lockfile:4 gradle:configurations=compileClasspath,runtimeClasspath,testCompileClasspath,testRuntimeClasspath",
			"pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.17.1 gradle.lockfile:5 gradle:configurations=compileClasspath,runtimeClasspath,testCompileClasspath,testRuntimeClasspath",
			"pkg:maven/com.google.auto.service/auto-service@1.1.1 gradle.lockfile:6 gradle:configurations=annotationProcessor",
			"pkg:maven/com.google.errorprone/error_prone_annotations@2.27.0 gradle.lockfile:7 gradle:configurations=runtimeClasspath",
			"pkg:maven/org.apiguardian/apiguardian-api@1.1.2 gradle.lockfile:8 gradle:configurations=testCompileClasspath",
			"pkg:maven/org.junit.jupiter/junit-jupiter-api@5.10.2 gradle.lockfile:9 gradle:configurations=testCompileClasspath,testRuntimeClasspath",
			"pkg:maven/org.slf4j/slf4j-api@2.0.13 gradle.lockfile:10 gradle:configurations=compileClasspath,runtimeClasspath",
		},
		edges: []string{
			"project:. -> com.fasterxml.jackson.core:jackson-annotations@2.17.1",
			"project:. -> com.fasterxml.jackson.core:jackson-databind@2.17.1",
			"project:. -> com.google.auto.service:auto-service@1.1.1 (development)",
			"project:. -> com.google.errorprone:error_prone_annotations@2.27.0",
			"project:. -> org.apiguardian:apiguardian-api@1.1.2 (test)",
			"project:. -> org.junit.jupiter:junit-jupiter-api@5.10.2 (test)",
			"project:. -> org.slf4j:slf4j-api@2.0.13",
		},
	}, {
		file:    "buildscript-gradle.lockfile",
		project: model.Project{ID: "project:Maven:.", Ecosystem: model.Maven, Dir: ".", Sources: []string{"buildscript-gradle.lockfile"}},
		packages: []string{
			"pkg:maven/com.github.johnrengelman/shadow@8.1.1 buildscript-gradle.lockfile:4 gradle:configurations=classpath",
			"pkg:maven/org.ow2.asm/asm@9.7 buildscript-gradle.lockfile:5 gradle:configurations=classpath",
		},
		edges: []string{
			"project:. -> com.github.johnrengelman:shadow@8.1.1 (development)",
			"project:. -> org.ow2.asm:asm@9.7 (development)",
		},
	}, {
		file:    "app/gradle/dependency-locks/compileClasspath.lockfile",
		project: model.Project{ID: "project:Maven:app", Ecosystem: model.Maven, Dir: "app", Sources: []string{"app/gradle/dependency-locks/compileClasspath.lockfile"}},
		packages: []string{
			"pkg:maven/com.google.guava/failureaccess@1.0.2 app/gradle/dependency-locks/compileClasspath.lockfile:5 gradle:configurations=compileClasspath",
			"pkg:maven/com.google.guava/guava@33.2.0-jre app/gradle/dependency-locks/compileClasspath.lockfile:4 gradle:configurations=compileClasspath",
		},
		edges: []string{
			"project:app -> com.google.guava:failureaccess@1.0.2",
			"project:app -> com.google.guava:guava@33.2.0-jre",
		},
	}, {
		file:     "bad/gradle.lockfile",
		project:  model.Project{ID: "project:Maven:bad", Ecosystem: model.Maven, Dir: "bad", Sources: []string{"bad/gradle.lockfile"}},
		packages: []string{"pkg:maven/com.example/good@1.0 bad/gradle.lockfile:1 gradle:configurations=runtimeClasspath"},
		edges:    []string{"project:bad -> com.example:good@1.0"},
		diags: []string{
			`bad/gradle.lockfile:2: warning: line "this is not an entry" is not group:artifact:version=configurations`,
			`bad/gradle.lockfile:3: warning: line "com.example:noversion=compileClasspath" is not group:artifact:version=configurations`,
		},
	}}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			r, err := exttest.Run(t, GradleLock{}, "testdata/gradle", tt.file)
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
		})
	}
}

func TestGradleLockBad(t *testing.T) {
	tests := []struct{ file, want string }{
		{"garbage/gradle.lockfile", "garbage/gradle.lockfile:1: parsing gradle.lockfile: binary content, not a Gradle lockfile"},
		{"garbage/buildscript-gradle.lockfile", "garbage/buildscript-gradle.lockfile:1: parsing buildscript-gradle.lockfile: no line is a Gradle lock entry"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			_, err := exttest.Run(t, GradleLock{}, "testdata/gradle", tt.file)
			if err == nil || err.Error() != tt.want {
				t.Errorf("error %v, want %q", err, tt.want)
			}
		})
	}
}

func TestGradleMatch(t *testing.T) {
	e := GradleLock{}
	for p, want := range map[string]bool{
		"gradle.lockfile":                            true,
		"sub/buildscript-gradle.lockfile":            true,
		"gradle/dependency-locks/runtime.lockfile":   true,
		"a/gradle/dependency-locks/compile.lockfile": true,
		"a/dependency-locks/compile.lockfile":        false,
		"settings-gradle.lockfile":                   true,
		"a/settings.lockfile":                        false,
		"gradle.lockfile.bak":                        false,
	} {
		if got := e.Match(p); got != want {
			t.Errorf("Match(%q) = %v, want %v", p, got, want)
		}
	}
}
