package npm

import (
	"bytes"
	"encoding/json"
)

// scanJSONKeys calls fn for every object key of the JSON document data with
// the keys of the enclosing objects (arrays appear as "[]"; the root has an
// empty path) and the 1-based line of the key. encoding/json does not report
// positions, so this small scanner runs beside it to give package entries
// their lines. It assumes data is valid JSON (it is run after a successful
// decode) and stops at maxDepth.
func scanJSONKeys(data []byte, fn func(path []string, key string, line int)) {
	line := 1
	var cur []string // cur[d] is the current key (or "[]") of frame d
	var obj []bool
	expectKey := false
	for i := 0; i < len(data); i++ {
		switch c := data[i]; c {
		case '\n':
			line++
		case '"':
			start := i + 1
			startLine := line
			esc := false
			j := start
			for ; j < len(data); j++ {
				if data[j] == '\\' {
					esc = true
					j++
					continue
				}
				if data[j] == '"' {
					break
				}
				if data[j] == '\n' {
					line++
				}
			}
			end := min(j, len(data))
			if expectKey && len(obj) > 0 && obj[len(obj)-1] {
				key := string(data[start:end])
				if esc {
					var s string
					if json.Unmarshal(data[start-1:min(end+1, len(data))], &s) == nil {
						key = s
					}
				}
				cur[len(cur)-1] = key
				fn(cur[:len(cur)-1], key, startLine)
				expectKey = false
			}
			i = j
		case '{', '[':
			if len(cur) >= maxDepth {
				return
			}
			cur = append(cur, "[]")
			obj = append(obj, c == '{')
			expectKey = c == '{'
		case '}', ']':
			if len(cur) > 0 {
				cur = cur[:len(cur)-1]
				obj = obj[:len(obj)-1]
			}
			expectKey = false
		case ',':
			expectKey = len(obj) > 0 && obj[len(obj)-1]
		}
	}
}

// cleanJSONC turns JSON with comments and trailing commas (bun.lock) into
// JSON by overwriting comments and trailing commas with spaces, so byte
// offsets and lines stay those of the original.
func cleanJSONC(data []byte) []byte {
	if !bytes.Contains(data, []byte("//")) && !bytes.Contains(data, []byte("/*")) && !bytes.Contains(data, []byte(",")) {
		return data
	}
	out := bytes.Clone(data)
	lastComma := -1 // offset of a comma not yet followed by a value
	for i := 0; i < len(out); i++ {
		c := out[i]
		switch {
		case c == '"':
			lastComma = -1
			for i++; i < len(out); i++ {
				if out[i] == '\\' {
					i++
					continue
				}
				if out[i] == '"' {
					break
				}
			}
		case c == '/' && i+1 < len(out) && out[i+1] == '/':
			for ; i < len(out) && out[i] != '\n'; i++ {
				out[i] = ' '
			}
		case c == '/' && i+1 < len(out) && out[i+1] == '*':
			j := bytes.Index(out[i+2:], []byte("*/"))
			end := len(out)
			if j >= 0 {
				end = i + 2 + j + 2
			}
			for k := i; k < end; k++ {
				if out[k] != '\n' {
					out[k] = ' '
				}
			}
			i = end - 1
		case c == ',':
			lastComma = i
		case c == '}' || c == ']':
			if lastComma >= 0 {
				out[lastComma] = ' '
			}
			lastComma = -1
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
		default:
			lastComma = -1
		}
	}
	return out
}
