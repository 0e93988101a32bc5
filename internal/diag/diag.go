// Package diag owns position-aware errors: an error that knows the file,
// line and column it is about, and the conversion of the errors of the
// standard parsers (encoding/json, YAML, TOML, XML) into such errors, so every
// extractor reports bad input the same way. It never decides whether a scan
// goes on; the pipeline collects these into model.Diagnostics.
package diag

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"regexp"
	"strconv"

	"github.com/ossaudit/ossaudit/model"
	"github.com/pelletier/go-toml/v2"
)

// Error is an error at a place in a file.
type Error struct {
	Loc model.Location
	Msg string
	Err error
}

func (e *Error) Error() string {
	s := e.Loc.String()
	if s != "" {
		s += ": "
	}
	s += e.Msg
	if e.Err != nil {
		if e.Msg != "" {
			s += ": "
		}
		s += e.Err.Error()
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// At returns an error at path:line:col with a formatted message.
func At(path string, line, col int, format string, args ...any) *Error {
	return &Error{Loc: model.Location{Path: path, Line: line, Column: col}, Msg: fmt.Sprintf(format, args...)}
}

// Diagnostic turns err into a model.Diagnostic about path, keeping the line
// and column when err carries them.
func Diagnostic(sev model.Severity, path, extractor string, err error) model.Diagnostic {
	var de *Error
	if errors.As(err, &de) {
		loc := de.Loc
		if loc.Path == "" {
			loc.Path = path
		}
		msg := de.Msg
		if de.Err != nil {
			if msg != "" {
				msg += ": "
			}
			msg += de.Err.Error()
		}
		return model.Diagnostic{Severity: sev, Location: loc, Message: msg, Extractor: extractor}
	}
	return model.Diagnostic{Severity: sev, Location: model.Location{Path: path}, Message: err.Error(), Extractor: extractor}
}

// Position returns the 1-based line and column of byte offset off in data.
func Position(data []byte, off int64) (line, col int) {
	if off < 0 {
		off = 0
	}
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	before := data[:off]
	line = bytes.Count(before, []byte{'\n'}) + 1
	col = int(off) - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return line, col
}

var lineRE = regexp.MustCompile(`line (\d+)`)

// Parse wraps an error returned by a parser of data (the content of path)
// into an *Error with the best position it can find: JSON offsets, TOML
// positions, XML and YAML line numbers.
func Parse(path string, data []byte, err error) error {
	if err == nil {
		return nil
	}
	var de *Error
	if errors.As(err, &de) {
		if de.Loc.Path == "" {
			de.Loc.Path = path
		}
		return de
	}
	e := &Error{Loc: model.Location{Path: path}, Err: err}
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var xe *xml.SyntaxError
	var gde *toml.DecodeError
	switch {
	case errors.As(err, &gde):
		e.Loc.Line, e.Loc.Column = gde.Position()
		e.Err = nil
		e.Msg = "invalid TOML: " + gde.Error()
	case errors.As(err, &syn):
		e.Loc.Line, e.Loc.Column = Position(data, syn.Offset-1) // Offset is just past the bad byte
		e.Err = nil
		e.Msg = "invalid JSON: " + syn.Error()
	case errors.As(err, &typ):
		e.Loc.Line, e.Loc.Column = Position(data, typ.Offset)
		e.Err = nil
		e.Msg = "unexpected JSON value: " + typ.Error()
	case errors.As(err, &xe):
		e.Loc.Line = xe.Line
		e.Err = nil
		e.Msg = "invalid XML: " + xe.Msg
	default:
		if m := lineRE.FindStringSubmatch(err.Error()); m != nil {
			e.Loc.Line, _ = strconv.Atoi(m[1])
		}
	}
	if errors.Is(err, errUnexpectedEOF) || (syn != nil && syn.Offset >= int64(len(data))) {
		e.Msg += " (the file looks truncated)"
	}
	return e
}

var errUnexpectedEOF = errors.New("unexpected end of JSON input")
