package spdx

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/ossaudit/ossaudit/internal/extract/sbom/sbomtest"
	"github.com/ossaudit/ossaudit/internal/render"
	"github.com/ossaudit/ossaudit/internal/testkit"
	"github.com/ossaudit/ossaudit/model"
	spdxjson "github.com/spdx/tools-golang/json"
	"github.com/spdx/tools-golang/spdx/v2/common"
	"github.com/spdx/tools-golang/tagvalue"
)

var fixedTime = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

func renderFixture(t *testing.T, name string) []byte {
	t.Helper()
	for _, r := range Renderers() {
		if r.Name() == name {
			var buf bytes.Buffer
			if err := r.Render(&buf, sbomtest.Fixture(), render.Options{Time: fixedTime}); err != nil {
				t.Fatal(err)
			}
			return buf.Bytes()
		}
	}
	t.Fatalf("no renderer %s", name)
	return nil
}

func TestGolden(t *testing.T) {
	for _, tc := range []struct{ renderer, golden string }{
		{"spdx-json", "fixture.spdx.json"},
		{"spdx-tag-value", "fixture.spdx"},
	} {
		t.Run(tc.renderer, func(t *testing.T) {
			testkit.Golden(t, tc.golden, renderFixture(t, tc.renderer))
		})
	}
}

func TestSchema(t *testing.T) {
	sbomtest.ValidateJSON(t, "testdata/schemas", "spdx-2.3.schema.json", renderFixture(t, "spdx-json"))
}

// TestTagValueValidates reads the tag-value output with tools-golang,
// writes it as JSON and validates that against the SPDX 2.3 schema, since
// tag-value has no schema of its own.
func TestTagValueValidates(t *testing.T) {
	doc, err := tagvalue.Read(bytes.NewReader(renderFixture(t, "spdx-tag-value")))
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Packages) != 11 || len(doc.Relationships) != 15 {
		t.Errorf("%d packages and %d relationships, want 11 and 15", len(doc.Packages), len(doc.Relationships))
	}
	var buf bytes.Buffer
	if err := spdxjson.Write(doc, &buf); err != nil {
		t.Fatal(err)
	}
	sbomtest.ValidateJSON(t, "testdata/schemas", "spdx-2.3.schema.json", buf.Bytes())
}

func TestRelationships(t *testing.T) {
	doc, err := spdxjson.Read(bytes.NewReader(renderFixture(t, "spdx-json")))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range doc.Relationships {
		s := common.RenderDocElementID(r.RefA) + " " + r.Relationship + " " + common.RenderDocElementID(r.RefB)
		if r.RelationshipComment != "" {
			s += " # " + r.RelationshipComment
		}
		got = append(got, s)
	}
	want := []string{
		"SPDXRef-DOCUMENT DESCRIBES SPDXRef-Package-project-npm-.",
		"SPDXRef-DOCUMENT DESCRIBES SPDXRef-Package-project-npm-packages-web",
		"SPDXRef-Package-pkg-npm-cycle-a-1.0.0 DEPENDS_ON SPDXRef-Package-pkg-npm-cycle-b-1.0.0",
		"SPDXRef-Package-pkg-npm-cycle-b-1.0.0 DEPENDS_ON SPDXRef-Package-pkg-npm-cycle-a-1.0.0",
		"SPDXRef-Package-pkg-npm-cycle-b-1.0.0 DEPENDS_ON SPDXRef-Package-pkg-npm-lodash-4.17.21 # ossaudit:scope=unknown",
		"SPDXRef-Package-pkg-npm-fsevents-2.3.3 OPTIONAL_DEPENDENCY_OF SPDXRef-Package-pkg-npm-lodash-4.17.21",
		"SPDXRef-Package-project-npm-. DEPENDS_ON SPDXRef-Package-pkg-golang-github.com-BurntSushi-toml-v1.6.0 # ossaudit:indirect=true",
		"SPDXRef-Package-pkg-maven-org.apache.commons-commons-lang3-3.14.0 TEST_DEPENDENCY_OF SPDXRef-Package-project-npm-.",
		"SPDXRef-Package-pkg-npm--40types-node-20.11.0 DEV_DEPENDENCY_OF SPDXRef-Package-project-npm-.",
		"SPDXRef-Package-pkg-npm-fsevents-2.3.3 OPTIONAL_DEPENDENCY_OF SPDXRef-Package-project-npm-.",
		"SPDXRef-Package-project-npm-. DEPENDS_ON SPDXRef-Package-pkg-pypi-requests---2.31---3",
		"SPDXRef-Package-pkg-npm-cycle-a-1.0.0 DEV_DEPENDENCY_OF SPDXRef-Package-project-npm-packages-web",
		"SPDXRef-Package-project-npm-packages-web DEPENDS_ON SPDXRef-Package-pkg-npm-cycle-a-1.0.0",
		"SPDXRef-Package-project-npm-packages-web DEPENDS_ON SPDXRef-Package-pkg-npm-lodash-4.17.21",
		"SPDXRef-Package-project-npm-packages-web DEPENDS_ON SPDXRef-Package-pkg-npm-react-18.2.0 # ossaudit:scope=peer",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("relationships (-want +got):\n%s", diff)
	}
	var purposes []string
	for _, p := range doc.Packages {
		purposes = append(purposes, p.PackageName+" "+p.PrimaryPackagePurpose)
	}
	wantPurposes := []string{
		"github.com/BurntSushi/toml LIBRARY", "org.apache.commons:commons-lang3 LIBRARY", "@types/node LIBRARY",
		"cycle-a LIBRARY", "cycle-b LIBRARY", "fsevents LIBRARY", "lodash LIBRARY", "react LIBRARY", "Requests LIBRARY",
		"acme APPLICATION", "@acme/web APPLICATION",
	}
	if diff := cmp.Diff(wantPurposes, purposes); diff != "" {
		t.Errorf("packages (-want +got):\n%s", diff)
	}
}

func TestElementIDs(t *testing.T) {
	got := elementIDs([]string{"pkg:npm/a@1", "pkg:npm/a#1", "pkg:npm/b@1", "project:Go:."})
	want := map[string]common.ElementID{
		// "pkg:npm/a@1" and "pkg:npm/a#1" both sanitise to Package-pkg-npm-a-1.
		"pkg:npm/a@1":  common.ElementID("Package-pkg-npm-a-1-" + hash12("pkg:npm/a@1")),
		"pkg:npm/a#1":  common.ElementID("Package-pkg-npm-a-1-" + hash12("pkg:npm/a#1")),
		"pkg:npm/b@1":  "Package-pkg-npm-b-1",
		"project:Go:.": "Package-project-Go-.",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if got["pkg:npm/a@1"] == got["pkg:npm/a#1"] {
		t.Error("collision not resolved")
	}
	// The same IDs in another order get the same element IDs.
	again := elementIDs([]string{"project:Go:.", "pkg:npm/b@1", "pkg:npm/a#1", "pkg:npm/a@1"})
	if diff := cmp.Diff(got, again); diff != "" {
		t.Errorf("order-dependent (-first +second):\n%s", diff)
	}
}

func hash12(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])[:12]
}

func TestDoesNotModifyResult(t *testing.T) {
	r := sbomtest.Fixture()
	r.Packages[0], r.Packages[len(r.Packages)-1] = r.Packages[len(r.Packages)-1], r.Packages[0]
	r.Packages[0].Locations = []model.Location{{Path: "z", Line: 2}, {Path: "a", Line: 1}}
	r.Edges[0], r.Edges[len(r.Edges)-1] = r.Edges[len(r.Edges)-1], r.Edges[0]
	before := cloneResult(r)
	for _, x := range Renderers() {
		if err := x.Render(io.Discard, r, render.Options{}); err != nil {
			t.Fatal(err)
		}
	}
	if diff := cmp.Diff(before, r); diff != "" {
		t.Errorf("Render modified its input (-before +after):\n%s", diff)
	}
}

func cloneResult(r *model.Result) *model.Result {
	c := *r
	c.Projects = append([]model.Project(nil), r.Projects...)
	c.Packages = nil
	for _, p := range r.Packages {
		p.Locations = append([]model.Location(nil), p.Locations...)
		c.Packages = append(c.Packages, p)
	}
	c.Edges = append([]model.Edge(nil), r.Edges...)
	return &c
}

func TestEmptyResult(t *testing.T) {
	r := &model.Result{Tool: model.Tool{Name: "ossaudit", Version: "dev"}, Target: "."}
	for _, x := range Renderers() {
		var buf bytes.Buffer
		if err := x.Render(&buf, r, render.Options{}); err != nil {
			t.Fatal(err)
		}
		if x.Name() == "spdx-json" {
			sbomtest.ValidateJSON(t, "testdata/schemas", "spdx-2.3.schema.json", buf.Bytes())
			if !bytes.Contains(buf.Bytes(), []byte(`"documentNamespace": "https://spdx.org/spdxdocs/ossaudit/target-`)) {
				t.Errorf("namespace for target \".\":\n%s", buf.Bytes())
			}
		}
	}
}
