package extract

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/ossaudit/ossaudit/internal/diag"
)

// maxJSONDepth caps the nesting of JSON values; the lockfiles read here
// nest at most five levels, so anything much deeper is not one of them.
const maxJSONDepth = 64

// JSONLines maps the path of every value of a JSON document to the 1-based
// line where it starts: for an object member the line of its key, for an
// array element the line of its first token. Path elements (object keys
// and array indexes) are joined by jsonSep; the root is "".
type JSONLines map[string]int

// jsonSep separates path elements; keys may hold "/" (NuGet frameworks do).
const jsonSep = "\x00"

// JSONPath joins path elements as JSONLines keys them.
func JSONPath(elems ...string) string { return strings.Join(elems, jsonSep) }

// Line returns the line of the value at the path made of elems, or 0.
func (l JSONLines) Line(elems ...string) int { return l[JSONPath(elems...)] }

// ScanJSONLines walks data with a streaming decoder and records lines. It
// fails on syntax errors and on nesting deeper than maxJSONDepth.
func ScanJSONLines(file string, data []byte) (JSONLines, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	lines := JSONLines{}
	// Lines are counted incrementally: offsets only grow.
	var lastOff int64
	lastLine := 1
	lineAt := func() int {
		off := dec.InputOffset()
		if off > 0 {
			off--
		}
		if off > int64(len(data)) {
			off = int64(len(data))
		}
		if off >= lastOff {
			lastLine += bytes.Count(data[lastOff:off], []byte{'\n'})
			lastOff = off
		}
		return lastLine
	}
	var value func(path string, depth int) error
	value = func(path string, depth int) error {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		if _, ok := lines[path]; !ok {
			lines[path] = lineAt()
		}
		d, ok := tok.(json.Delim)
		if !ok {
			return nil
		}
		if depth >= maxJSONDepth {
			l, c := diag.Position(data, dec.InputOffset())
			return diag.At(file, l, c, "JSON nested deeper than %d levels", maxJSONDepth)
		}
		switch d {
		case '{':
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return err
				}
				key, _ := kt.(string)
				p := path + jsonSep + key
				if path == "" {
					p = key
				}
				lines[p] = lineAt()
				if err := value(p, depth+1); err != nil {
					return err
				}
			}
		case '[':
			for i := 0; dec.More(); i++ {
				p := path + jsonSep + strconv.Itoa(i)
				if path == "" {
					p = strconv.Itoa(i)
				}
				if err := value(p, depth+1); err != nil {
					return err
				}
			}
		}
		_, err = dec.Token() // the closing delimiter
		return err
	}
	if err := value("", 0); err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return nil, fmt.Errorf("scanning lines: %w", err)
	}
	return lines, nil
}
