package extract

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestScanJSONLines(t *testing.T) {
	data := []byte(`{
  "a": 1,
  "net8.0/linux-x64": {
    "k\"q": [
      "x",
      {"y": true}
    ]
  }
}`)
	got, err := ScanJSONLines("f.json", data)
	if err != nil {
		t.Fatal(err)
	}
	want := JSONLines{
		"":                                       1,
		"a":                                      2,
		JSONPath("net8.0/linux-x64"):             3,
		JSONPath("net8.0/linux-x64", `k"q`):      4,
		JSONPath("net8.0/linux-x64", `k"q`, "0"): 5,
		JSONPath("net8.0/linux-x64", `k"q`, "1"): 6,
		JSONPath("net8.0/linux-x64", `k"q`, "1", "y"): 6,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if _, err := ScanJSONLines("f.json", []byte(`{"a": [1, 2`)); err == nil {
		t.Error("no error for truncated JSON")
	}
}
