package hex

import (
	"fmt"
	"sort"
	"strings"
)

// maxTermDepth caps the nesting of terms; mix.lock nests five levels deep.
const maxTermDepth = 64

// termKind says what sort of Elixir term a term is.
type termKind int

const (
	kAtom   termKind = iota // :name, :"quoted", and the keys of keyword lists
	kString                 // "text" (also 'charlists')
	kNumber                 // 123, 1.5, 0x1F: kept as text
	kIdent                  // true, false, nil and bare names
	kList                   // [a, b] and keyword lists [k: v] (elements are {k, v} tuples)
	kTuple                  // {a, b}; trailing k: v pairs become one keyword list element
	kMap                    // %{k => v, "k": v}: elems alternate key, value
)

// term is one parsed Elixir term. Pos is the byte offset where it starts.
type term struct {
	Kind  termKind
	S     string // atom name, string content, number or identifier text
	Elems []term
	Pos   int
}

// str returns the text of an atom, string or identifier term, or "".
func (t term) str() string {
	switch t.Kind {
	case kAtom, kString, kIdent:
		return t.S
	}
	return ""
}

// keyword returns the value of key in a keyword list term (a list of
// 2-tuples whose first element is an atom), or false.
func (t term) keyword(key string) (term, bool) {
	if t.Kind != kList {
		return term{}, false
	}
	for _, e := range t.Elems {
		if e.Kind == kTuple && len(e.Elems) == 2 && e.Elems[0].Kind == kAtom && e.Elems[0].S == key {
			return e.Elems[1], true
		}
	}
	return term{}, false
}

// termError is a syntax error at a byte offset.
type termError struct {
	Pos int
	Msg string
}

func (e *termError) Error() string { return e.Msg }

// termParser reads the subset of Elixir's term syntax that mix.lock uses:
// maps, tuples, lists, keyword lists, strings, atoms, numbers and the
// literals true, false and nil, with # comments. It is hand-written because
// no maintained Go library reads Elixir terms; the subset is small and
// fixed by what Mix writes.
type termParser struct {
	data []byte
	pos  int
}

// parseTerm parses data as exactly one term followed only by blanks and comments.
func parseTerm(data []byte) (term, error) {
	p := &termParser{data: data}
	t, err := p.value(0)
	if err != nil {
		return term{}, err
	}
	p.skip()
	if p.pos < len(p.data) {
		return term{}, p.errf("unexpected %s after the end of the term", p.what())
	}
	return t, nil
}

func (p *termParser) errf(format string, args ...any) *termError {
	return &termError{Pos: p.pos, Msg: fmt.Sprintf(format, args...)}
}

// what describes the byte at the current position for error messages.
func (p *termParser) what() string {
	if p.pos >= len(p.data) {
		return "end of file"
	}
	c := p.data[p.pos]
	if c >= 0x20 && c < 0x7f {
		return fmt.Sprintf("%q", string(c))
	}
	return fmt.Sprintf("byte 0x%02x", c)
}

// skip passes blanks and comments.
func (p *termParser) skip() {
	for p.pos < len(p.data) {
		switch c := p.data[p.pos]; c {
		case ' ', '\t', '\n', '\r', '\f':
			p.pos++
		case '#':
			for p.pos < len(p.data) && p.data[p.pos] != '\n' {
				p.pos++
			}
		default:
			return
		}
	}
}

func isIdentStart(c byte) bool { return c == '_' || (c|0x20 >= 'a' && c|0x20 <= 'z') }

func isIdentChar(c byte) bool {
	return isIdentStart(c) || (c >= '0' && c <= '9') || c == '@'
}

// value parses one term at nesting depth depth.
func (p *termParser) value(depth int) (term, error) {
	p.skip()
	if depth > maxTermDepth {
		return term{}, p.errf("terms nested deeper than %d levels", maxTermDepth)
	}
	if p.pos >= len(p.data) {
		return term{}, p.errf("unexpected end of file: the file looks truncated")
	}
	start := p.pos
	switch c := p.data[p.pos]; {
	case c == '%':
		if p.pos+1 >= len(p.data) || p.data[p.pos+1] != '{' {
			return term{}, p.errf("expected %%{ to open a map")
		}
		p.pos += 2
		return p.mapBody(start, depth)
	case c == '{':
		p.pos++
		elems, err := p.seq('}', depth, true)
		return term{Kind: kTuple, Elems: elems, Pos: start}, err
	case c == '[':
		p.pos++
		elems, err := p.seq(']', depth, false)
		return term{Kind: kList, Elems: elems, Pos: start}, err
	case c == '"' || c == '\'':
		s, err := p.quoted(c)
		return term{Kind: kString, S: s, Pos: start}, err
	case c == ':':
		p.pos++
		if p.pos < len(p.data) && p.data[p.pos] == '"' {
			s, err := p.quoted('"')
			return term{Kind: kAtom, S: s, Pos: start}, err
		}
		s := p.ident()
		if s == "" {
			return term{}, p.errf("expected an atom name after ':'")
		}
		return term{Kind: kAtom, S: s, Pos: start}, nil
	case c == '-' || c == '+' || (c >= '0' && c <= '9'):
		p.pos++
		for p.pos < len(p.data) && (isIdentChar(p.data[p.pos]) || p.data[p.pos] == '.') {
			p.pos++
		}
		return term{Kind: kNumber, S: string(p.data[start:p.pos]), Pos: start}, nil
	case isIdentStart(c):
		return term{Kind: kIdent, S: p.ident(), Pos: start}, nil
	}
	return term{}, p.errf("unexpected %s", p.what())
}

// ident reads a name: letters, digits, _, @, dots between names (Elixir
// aliases) and a final ? or !.
func (p *termParser) ident() string {
	start := p.pos
	for p.pos < len(p.data) {
		c := p.data[p.pos]
		switch {
		case isIdentChar(c):
			p.pos++
		case c == '.' && p.pos+1 < len(p.data) && isIdentStart(p.data[p.pos+1]) && p.pos > start:
			p.pos++
		case (c == '?' || c == '!') && p.pos > start:
			p.pos++
			return string(p.data[start:p.pos])
		default:
			return string(p.data[start:p.pos])
		}
	}
	return string(p.data[start:p.pos])
}

// quoted reads a string closed by q, with backslash escapes.
func (p *termParser) quoted(q byte) (string, error) {
	start := p.pos
	p.pos++
	var b strings.Builder
	for p.pos < len(p.data) {
		c := p.data[p.pos]
		switch c {
		case q:
			p.pos++
			return b.String(), nil
		case '\\':
			if p.pos+1 >= len(p.data) {
				p.pos = start
				return "", p.errf("unterminated string: the file looks truncated")
			}
			e := p.data[p.pos+1]
			switch e {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case 'r':
				b.WriteByte('\r')
			default:
				b.WriteByte(e)
			}
			p.pos += 2
		default:
			b.WriteByte(c)
			p.pos++
		}
	}
	p.pos = start
	return "", p.errf("unterminated string: the file looks truncated")
}

// keywordKey reads "name: " or "\"text\": " (a key of a keyword list or
// map) if one starts here, and reports whether it did.
func (p *termParser) keywordKey() (term, bool, error) {
	start := p.pos
	var s string
	switch c := p.data[p.pos]; {
	case c == '"':
		var err error
		if s, err = p.quoted('"'); err != nil {
			return term{}, false, err
		}
	case isIdentStart(c):
		s = p.ident()
	default:
		return term{}, false, nil
	}
	if p.pos+1 < len(p.data) && p.data[p.pos] == ':' && isBlank(p.data[p.pos+1]) {
		p.pos++
		return term{Kind: kAtom, S: s, Pos: start}, true, nil
	}
	p.pos = start
	return term{}, false, nil
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// seq reads the elements of a list or tuple up to the closing byte. In a
// tuple, trailing key: value pairs form one keyword list element, as in
// Elixir; in a list they are {key, value} tuples.
func (p *termParser) seq(closing byte, depth int, tuple bool) ([]term, error) {
	var elems []term
	var kw *term
	for {
		p.skip()
		if p.pos >= len(p.data) {
			return nil, p.errf("unexpected end of file, expected %q: the file looks truncated", string(closing))
		}
		if p.data[p.pos] == closing {
			p.pos++
			if kw != nil {
				elems = append(elems, *kw)
			}
			return elems, nil
		}
		key, ok, err := p.keywordKey()
		if err != nil {
			return nil, err
		}
		if ok {
			v, err := p.value(depth + 1)
			if err != nil {
				return nil, err
			}
			pair := term{Kind: kTuple, Elems: []term{key, v}, Pos: key.Pos}
			if tuple {
				if kw == nil {
					kw = &term{Kind: kList, Pos: key.Pos}
				}
				kw.Elems = append(kw.Elems, pair)
			} else {
				elems = append(elems, pair)
			}
		} else {
			if kw != nil {
				return nil, p.errf("a keyword pair must come last")
			}
			v, err := p.value(depth + 1)
			if err != nil {
				return nil, err
			}
			elems = append(elems, v)
		}
		p.skip()
		if p.pos < len(p.data) && p.data[p.pos] == ',' {
			p.pos++
			continue
		}
		if p.pos < len(p.data) && p.data[p.pos] == closing {
			continue
		}
		return nil, p.errf("expected ',' or %q, found %s", string(closing), p.what())
	}
}

// mapBody reads the entries of a map after %{.
func (p *termParser) mapBody(start, depth int) (term, error) {
	m := term{Kind: kMap, Pos: start}
	for {
		p.skip()
		if p.pos >= len(p.data) {
			return term{}, p.errf("unexpected end of file, expected \"}\": the file looks truncated")
		}
		if p.data[p.pos] == '}' {
			p.pos++
			return m, nil
		}
		key, ok, err := p.keywordKey()
		if err != nil {
			return term{}, err
		}
		if !ok {
			if key, err = p.value(depth + 1); err != nil {
				return term{}, err
			}
			p.skip()
			if p.pos+1 >= len(p.data) || p.data[p.pos] != '=' || p.data[p.pos+1] != '>' {
				return term{}, p.errf("expected => after a map key, found %s", p.what())
			}
			p.pos += 2
		}
		v, err := p.value(depth + 1)
		if err != nil {
			return term{}, err
		}
		m.Elems = append(m.Elems, key, v)
		p.skip()
		if p.pos < len(p.data) && p.data[p.pos] == ',' {
			p.pos++
			continue
		}
		if p.pos < len(p.data) && p.data[p.pos] == '}' {
			continue
		}
		return term{}, p.errf("expected ',' or \"}\", found %s", p.what())
	}
}

// lineIndex turns byte offsets into 1-based lines and columns.
type lineIndex []int // offsets where lines start

func newLineIndex(data []byte) lineIndex {
	idx := lineIndex{0}
	for i, c := range data {
		if c == '\n' {
			idx = append(idx, i+1)
		}
	}
	return idx
}

func (l lineIndex) pos(off int) (line, col int) {
	i := sort.Search(len(l), func(i int) bool { return l[i] > off }) - 1
	if i < 0 {
		i = 0
	}
	return i + 1, off - l[i] + 1
}

func (l lineIndex) line(off int) int {
	line, _ := l.pos(off)
	return line
}
