package diag

import (
	"encoding/json"
	"testing"

	"github.com/BurntSushi/toml"
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
	var v any
	_, err := toml.Decode(string(data), &v)
	de := Parse("x.toml", data, err).(*Error)
	if de.Loc.Line != 2 {
		t.Errorf("line = %d, want 2 (%v)", de.Loc.Line, de)
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
