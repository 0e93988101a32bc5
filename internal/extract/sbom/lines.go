package sbom

import (
	"bytes"
	"encoding/json"
	"errors"
	"html"
	"regexp"
	"strings"

	"github.com/ossaudit/ossaudit/internal/diag"
)

// Regular expressions that find where an element is declared: the first
// occurrence of its identifier in a declaring position.
var (
	jsonBOMRef   = regexp.MustCompile(`"bom-ref"\s*:\s*("(?:[^"\\]|\\.)*")`)
	xmlBOMRef    = regexp.MustCompile(`\bbom-ref\s*=\s*(?:"([^"]*)"|'([^']*)')`)
	jsonSPDXID   = regexp.MustCompile(`"SPDXID"\s*:\s*("(?:[^"\\]|\\.)*")`)
	tagSPDXID    = regexp.MustCompile(`(?m)^[ \t]*SPDXID:[ \t]*(\S+)`)
	jsonRefField = regexp.MustCompile(`"ref"\s*:\s*("(?:[^"\\]|\\.)*")`)
	xmlRefField  = regexp.MustCompile(`<dependency\s[^>]*\bref\s*=\s*(?:"([^"]*)"|'([^']*)')`)
)

// lineIndex maps identifiers to the 1-based line of their first match of re
// in data. The identifier is the first non-empty group, decoded as JSON when
// it is quoted with '"' and as XML character data when xml is true.
func lineIndex(data []byte, re *regexp.Regexp, xml bool) map[string]int {
	out := map[string]int{}
	line, last := 1, 0
	for _, m := range re.FindAllSubmatchIndex(data, -1) {
		var raw []byte
		for g := 1; 2*g+1 < len(m); g++ {
			if m[2*g] >= 0 {
				raw = data[m[2*g]:m[2*g+1]]
				break
			}
		}
		if raw == nil {
			continue
		}
		line += bytes.Count(data[last:m[0]], []byte{'\n'})
		last = m[0]
		id := string(raw)
		switch {
		case xml:
			id = html.UnescapeString(id)
		case len(raw) > 0 && raw[0] == '"':
			if err := json.Unmarshal(raw, &id); err != nil {
				continue
			}
		}
		if _, ok := out[id]; !ok {
			out[id] = line
		}
	}
	return out
}

// parseError wraps an error of a decoder of data (the content of path) with
// its position. The libraries decode some nested objects on their own, so
// the offset of a JSON type error may be relative to an inner object; the
// line of the field it names is looked up instead.
func parseError(path string, data []byte, err error) error {
	perr := diag.Parse(path, data, err)
	var typ *json.UnmarshalTypeError
	var de *diag.Error
	if !errors.As(err, &typ) || typ.Field == "" || !errors.As(perr, &de) {
		return perr
	}
	key := typ.Field[strings.LastIndexByte(typ.Field, '.')+1:]
	re := regexp.MustCompile(`"` + regexp.QuoteMeta(key) + `"\s*:\s*(\S)`)
	for _, m := range re.FindAllSubmatchIndex(data, -1) {
		if jsonKind(data[m[2]]) == strings.Fields(typ.Value + " ?")[0] {
			de.Loc.Line, de.Loc.Column = diag.Position(data, int64(m[2]))
			return de
		}
	}
	de.Loc.Line, de.Loc.Column = 0, 0 // the offset cannot be trusted
	return de
}

// jsonKind names the kind of JSON value that starts with c, as
// json.UnmarshalTypeError.Value does.
func jsonKind(c byte) string {
	switch {
	case c == '"':
		return "string"
	case c == '{':
		return "object"
	case c == '[':
		return "array"
	case c == 't' || c == 'f':
		return "bool"
	case c == '-' || '0' <= c && c <= '9':
		return "number"
	}
	return ""
}

// utf8BOM is the byte order mark some tools write before JSON.
var utf8BOM = []byte("\xef\xbb\xbf")
