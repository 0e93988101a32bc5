package maven

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/ossaudit/ossaudit/internal/diag"
)

// maxXMLDepth caps the nesting of elements in a POM.
const maxXMLDepth = 128

// node is one XML element with the position of its start tag.
type node struct {
	name   string // local name
	text   string // trimmed character data directly inside the element
	line   int
	col    int
	parent *node
	kids   []*node
}

// child returns the first child element called name, or nil.
func (n *node) child(name string) *node {
	if n == nil {
		return nil
	}
	for _, k := range n.kids {
		if k.name == name {
			return k
		}
	}
	return nil
}

// children returns the child elements called name.
func (n *node) children(name string) []*node {
	if n == nil {
		return nil
	}
	var out []*node
	for _, k := range n.kids {
		if k.name == name {
			out = append(out, k)
		}
	}
	return out
}

// at follows a path of child names.
func (n *node) at(names ...string) *node {
	for _, name := range names {
		n = n.child(name)
	}
	return n
}

// str returns the text of the child called name ("" when absent).
func (n *node) str(name string) string {
	if c := n.child(name); c != nil {
		return c.text
	}
	return ""
}

// has reports whether n has a child called name.
func (n *node) has(name string) bool { return n.child(name) != nil }

// walk calls fn for n and every element below it, depth first.
func (n *node) walk(fn func(*node)) {
	fn(n)
	for _, k := range n.kids {
		k.walk(fn)
	}
}

// parseXML reads data (the content of path) into an element tree.
func parseXML(path string, data []byte) (*node, error) {
	latin1 := false
	if m := encodingRE.FindSubmatch(data[:min(len(data), 200)]); m != nil && isLatin1(string(m[1])) {
		data, latin1 = latin1ToUTF8(data), true // convert first so that offsets give lines
	}
	lines := lineStarts(data)
	pos := func(off int64) (int, int) {
		i := sort.Search(len(lines), func(i int) bool { return int64(lines[i]) > off }) - 1
		if i < 0 {
			i = 0
		}
		return i + 1, int(off) - lines[i] + 1
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	d.CharsetReader = func(charset string, in io.Reader) (io.Reader, error) {
		switch {
		case strings.EqualFold(charset, "utf-8"), strings.EqualFold(charset, "utf8"),
			strings.EqualFold(charset, "us-ascii"), strings.EqualFold(charset, "ascii"),
			latin1 && isLatin1(charset):
			return in, nil
		}
		return nil, fmt.Errorf("unsupported encoding %q", charset)
	}
	var root, cur *node
	var text []*strings.Builder
	for {
		off := d.InputOffset()
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				if se.Msg == "unexpected EOF" && cur != nil {
					return nil, diag.At(path, se.Line, 0, "invalid XML: the file ends inside <%s> opened at line %d (it looks truncated)", cur.name, cur.line)
				}
				return nil, diag.Parse(path, data, err)
			}
			line, col := pos(d.InputOffset())
			return nil, diag.At(path, line, col, "invalid XML: %v", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			line, col := pos(off)
			if len(text) >= maxXMLDepth {
				return nil, diag.At(path, line, col, "elements nested deeper than %d levels", maxXMLDepth)
			}
			n := &node{name: t.Name.Local, line: line, col: col, parent: cur}
			if cur == nil {
				if root != nil {
					return nil, diag.At(path, line, col, "invalid XML: more than one root element")
				}
				root = n
			} else {
				cur.kids = append(cur.kids, n)
			}
			cur = n
			text = append(text, &strings.Builder{})
		case xml.EndElement:
			cur.text = strings.TrimSpace(text[len(text)-1].String())
			text = text[:len(text)-1]
			cur = cur.parent
		case xml.CharData:
			if len(text) > 0 {
				text[len(text)-1].Write(t)
			}
		}
	}
	if root == nil {
		line, col := pos(int64(len(data)))
		return nil, diag.At(path, line, col, "invalid XML: no root element (the file is empty or truncated)")
	}
	if cur != nil {
		line, col := pos(int64(len(data)))
		return nil, diag.At(path, line, col, "invalid XML: element <%s> opened at line %d is not closed (the file looks truncated)", cur.name, cur.line)
	}
	return root, nil
}

// lineStarts returns the offsets at which each line of data starts.
func lineStarts(data []byte) []int {
	starts := []int{0}
	for i, b := range data {
		if b == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

var encodingRE = regexp.MustCompile(`^\s*<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']`)

func isLatin1(charset string) bool {
	switch strings.ToLower(charset) {
	case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1":
		return true
	}
	return false
}

// latin1ToUTF8 converts ISO-8859-1 bytes to UTF-8.
func latin1ToUTF8(data []byte) []byte {
	var b bytes.Buffer
	b.Grow(len(data))
	for _, c := range data {
		if c < utf8.RuneSelf {
			b.WriteByte(c)
		} else {
			b.WriteRune(rune(c))
		}
	}
	return b.Bytes()
}
