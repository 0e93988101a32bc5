package diag

import (
	"encoding/json"
	"testing"

	"github.com/pelletier/go-toml/v2"
)

func TestParseJSONPosition(t *testing.T) {
	data := []byte("{\n  \"a\": 1,\n  \"b\": ]\n}")
	var v any
	err := Parse("x.json", data, json.Unmarshal(data, &v))
	de, ok := err.(*Error)
	if !ok {
		t.Fatalf("got %T", err)
	}
	if de.Loc.Path != "x.json" || de.Loc.Line != 3 || de.Loc.Column != 8 {
		t.Errorf("location = %+v, want x.json:3:8", de.Loc)
	}
}

func TestParseTOMLPosition(t *testing.T) {
	data := []byte("a = 1\nb = = 2\n")
	var v map[string]any
	de := Parse("x.toml", data, toml.Unmarshal(data, &v)).(*Error)
	if de.Loc.Line != 2 || de.Loc.Column == 0 {
		t.Errorf("location = %+v, want line 2 with a column (%v)", de.Loc, de)
	}
}

func TestPosition(t *testing.T) {
	tests := []struct {
		off       int64
		line, col int
	}{{0, 1, 1}, {2, 1, 3}, {3, 2, 1}, {5, 2, 3}, {100, 2, 4}}
	for _, tt := range tests {
		l, c := Position([]byte("ab\ncde"), tt.off)
		if l != tt.line || c != tt.col {
			t.Errorf("Position(%d) = %d:%d, want %d:%d", tt.off, l, c, tt.line, tt.col)
		}
	}
}
