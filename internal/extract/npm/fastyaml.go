package npm

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// parseYAML decodes a YAML lockfile into a node tree. pnpm and yarn berry
// write their lockfiles in a small, regular subset of YAML (block mappings
// and sequences indented by spaces, plain or simply quoted scalars, flat
// flow collections such as {integrity: sha512-…}); that subset is read here
// by a line scanner about five times faster than the general parser, which
// matters because these lockfiles run to tens of thousands of lines. A file
// with anything outside the subset (anchors, tags, block scalars, escapes,
// multi-line scalars, several documents) is handed to gopkg.in/yaml.v3
// whole, so the result never depends on the shortcut; a test checks that
// both give the same tree on every fixture and real lockfile.
func parseYAML(data []byte) (*yaml.Node, error) {
	if n, err := fastYAML(data); err == nil {
		return n, nil
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	return &doc, nil
}

// errUnsupported means the input is outside the subset fastYAML reads.
var errUnsupported = errors.New("outside the YAML subset of the fast reader")

type yline struct {
	indent int
	text   string // without indentation and trailing spaces
	num    int    // 1-based line number
}

type fy struct {
	lines []yline
	i     int
	depth int
}

// maxYAMLDepth caps block nesting in the fast reader.
const maxYAMLDepth = 64

func fastYAML(data []byte) (*yaml.Node, error) {
	if bytes.IndexByte(data, '\t') >= 0 || bytes.Contains(data, []byte("\n---")) || bytes.HasPrefix(data, []byte("---")) || bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		return nil, errUnsupported
	}
	p := &fy{lines: make([]yline, 0, bytes.Count(data, []byte{'\n'})+1)}
	num := 0
	for len(data) > 0 {
		num++
		var line []byte
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			line, data = data, nil
		}
		line = bytes.TrimRight(line, " \r")
		indent := 0
		for indent < len(line) && line[indent] == ' ' {
			indent++
		}
		if indent == len(line) || line[indent] == '#' {
			continue
		}
		p.lines = append(p.lines, yline{indent: indent, text: string(line[indent:]), num: num})
	}
	if len(p.lines) == 0 || p.lines[0].indent != 0 {
		return nil, errUnsupported
	}
	root, err := p.block(0)
	if err != nil {
		return nil, err
	}
	if p.i != len(p.lines) {
		return nil, errUnsupported
	}
	return &yaml.Node{Kind: yaml.DocumentNode, Line: root.Line, Column: 1, Content: []*yaml.Node{root}}, nil
}

// at adds the line the reader stopped at to an error that has none.
func (p *fy) at(err *error) {
	if *err == errUnsupported && p.i < len(p.lines) {
		*err = fmt.Errorf("%w (line %d)", errUnsupported, p.lines[p.i].num)
	}
}

func isSeqItem(text string) bool { return text == "-" || strings.HasPrefix(text, "- ") }

// block reads the mapping or sequence whose entries start at indent.
func (p *fy) block(indent int) (n *yaml.Node, err error) {
	defer p.at(&err)
	if p.depth++; p.depth > maxYAMLDepth {
		return nil, errUnsupported
	}
	defer func() { p.depth-- }()
	if isSeqItem(p.lines[p.i].text) {
		return p.seq(indent)
	}
	first := p.lines[p.i]
	m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: first.num, Column: indent + 1}
	for p.i < len(p.lines) && p.lines[p.i].indent == indent {
		l := p.lines[p.i]
		if isSeqItem(l.text) {
			return nil, errUnsupported
		}
		key, rest, err := splitKey(l.text)
		if err != nil {
			return nil, err
		}
		key.Line, key.Column = l.num, indent+1
		p.i++
		var val *yaml.Node
		switch {
		case rest != "":
			if val, err = inline(rest, l.num, indent+1+len(l.text)-len(rest)); err != nil {
				return nil, err
			}
			if p.i < len(p.lines) && p.lines[p.i].indent > indent {
				return nil, errUnsupported // a multi-line scalar
			}
		case p.i < len(p.lines) && p.lines[p.i].indent > indent:
			if val, err = p.block(p.lines[p.i].indent); err != nil {
				return nil, err
			}
		case p.i < len(p.lines) && p.lines[p.i].indent == indent && isSeqItem(p.lines[p.i].text):
			if val, err = p.seq(indent); err != nil {
				return nil, err
			}
		default:
			val = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Line: l.num, Column: len(l.text) + indent + 1}
		}
		m.Content = append(m.Content, key, val)
	}
	if p.i < len(p.lines) && p.lines[p.i].indent > indent {
		return nil, errUnsupported
	}
	return m, nil
}

// seq reads a block sequence of scalars whose "- " marks stand at indent.
func (p *fy) seq(indent int) (n *yaml.Node, err error) {
	defer p.at(&err)
	first := p.lines[p.i]
	s := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: first.num, Column: indent + 1}
	for p.i < len(p.lines) && p.lines[p.i].indent == indent && isSeqItem(p.lines[p.i].text) {
		l := p.lines[p.i]
		rest := strings.TrimLeft(strings.TrimPrefix(l.text, "-"), " ")
		if rest == "" || isMappingEntry(rest) {
			return nil, errUnsupported // nested collections in sequences
		}
		v, err := inline(rest, l.num, indent+1+len(l.text)-len(rest))
		if err != nil {
			return nil, err
		}
		s.Content = append(s.Content, v)
		p.i++
		if p.i < len(p.lines) && p.lines[p.i].indent > indent {
			return nil, errUnsupported
		}
	}
	return s, nil
}

// isMappingEntry reports whether an item starts a mapping ("- key: value").
func isMappingEntry(s string) bool {
	if s[0] == '\'' || s[0] == '"' || s[0] == '{' || s[0] == '[' {
		return false
	}
	return strings.Contains(s, ": ") || strings.HasSuffix(s, ":")
}

// splitKey splits "key: rest" (rest may be empty) and returns the key node.
func splitKey(text string) (*yaml.Node, string, error) {
	var key *yaml.Node
	var after string
	switch text[0] {
	case '\'', '"':
		v, n, err := quoted(text)
		if err != nil {
			return nil, "", err
		}
		key, after = v, text[n:]
		if !strings.HasPrefix(after, ":") {
			return nil, "", errUnsupported
		}
		after = after[1:]
	default:
		if strings.IndexByte("{[]}&*!|>%@`?-,#", text[0]) >= 0 && !(text[0] == '-' && len(text) > 1 && text[1] != ' ') {
			return nil, "", errUnsupported
		}
		i := strings.Index(text, ": ")
		if i < 0 {
			if !strings.HasSuffix(text, ":") {
				return nil, "", errUnsupported
			}
			i = len(text) - 1
		}
		k := text[:i]
		if strings.Contains(k, " #") {
			return nil, "", errUnsupported
		}
		key, after = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k}, text[i+1:]
	}
	if after != "" && after[0] != ' ' {
		return nil, "", errUnsupported
	}
	return key, strings.TrimLeft(after, " "), nil
}

// quoted reads a quoted scalar at the start of s and returns the node and
// the number of bytes it took. Escapes in double quotes are left to the
// general parser.
func quoted(s string) (*yaml.Node, int, error) {
	q := s[0]
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		c := s[i]
		if q == '"' && c == '\\' {
			return nil, 0, errUnsupported
		}
		if c == q {
			if q == '\'' && i+1 < len(s) && s[i+1] == '\'' {
				b.WriteByte('\'')
				i++
				continue
			}
			style := yaml.SingleQuotedStyle
			if q == '"' {
				style = yaml.DoubleQuotedStyle
			}
			return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Style: style, Value: b.String()}, i + 1, nil
		}
		b.WriteByte(c)
	}
	return nil, 0, errUnsupported // unterminated, or continued on the next line
}

// inline reads the value after "key: " or "- ".
func inline(s string, line, col int) (*yaml.Node, error) {
	var n *yaml.Node
	switch s[0] {
	case '\'', '"':
		v, used, err := quoted(s)
		if err != nil {
			return nil, err
		}
		if rest := strings.TrimLeft(s[used:], " "); rest != "" && rest[0] != '#' {
			return nil, errUnsupported
		}
		n = v
	case '{', '[':
		v, err := flow(s)
		if err != nil {
			return nil, err
		}
		n = v
	case '&', '*', '!', '|', '>', '%', '@', '`', '#', ']', '}', ',', '?':
		return nil, errUnsupported
	default:
		v := s
		if i := strings.Index(v, " #"); i >= 0 {
			v = strings.TrimRight(v[:i], " ")
		}
		if strings.Contains(v, ": ") || strings.HasSuffix(v, ":") || (v[0] == '-' && (len(v) == 1 || v[1] == ' ')) {
			return nil, errUnsupported
		}
		n = &yaml.Node{Kind: yaml.ScalarNode, Value: v, Tag: plainTag(v)}
	}
	setPos(n, line, col)
	return n, nil
}

func setPos(n *yaml.Node, line, col int) {
	n.Line, n.Column = line, col
	for _, c := range n.Content {
		c.Line = line
	}
}

// flow reads a flat flow mapping or sequence that ends the line.
func flow(s string) (*yaml.Node, error) {
	open, close := s[0], byte('}')
	kind, tag := yaml.MappingNode, "!!map"
	if open == '[' {
		close, kind, tag = ']', yaml.SequenceNode, "!!seq"
	}
	end := strings.LastIndexByte(s, close)
	if end < 0 {
		return nil, errUnsupported
	}
	if rest := strings.TrimLeft(s[end+1:], " "); rest != "" && rest[0] != '#' {
		return nil, errUnsupported
	}
	body := strings.TrimSpace(s[1:end])
	n := &yaml.Node{Kind: kind, Tag: tag, Style: yaml.FlowStyle}
	if body == "" {
		return n, nil
	}
	if strings.ContainsAny(body, "{}[]\"#") {
		return nil, errUnsupported
	}
	for _, item := range splitFlow(body) {
		item = strings.TrimSpace(item)
		if item == "" {
			return nil, errUnsupported
		}
		if kind == yaml.SequenceNode {
			v, err := flowScalar(item)
			if err != nil {
				return nil, err
			}
			n.Content = append(n.Content, v)
			continue
		}
		i := strings.Index(item, ": ")
		if i < 0 {
			return nil, errUnsupported
		}
		k, err := flowScalar(strings.TrimSpace(item[:i]))
		if err != nil {
			return nil, err
		}
		v, err := flowScalar(strings.TrimSpace(item[i+2:]))
		if err != nil {
			return nil, err
		}
		n.Content = append(n.Content, k, v)
	}
	return n, nil
}

// splitFlow splits at commas outside single quotes.
func splitFlow(s string) []string {
	var out []string
	inQ := false
	start := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\'':
			inQ = !inQ
		case ',':
			if !inQ {
				out = append(out, s[start:i])
				start = i + 1
			}
		}
	}
	return append(out, s[start:])
}

func flowScalar(s string) (*yaml.Node, error) {
	if s == "" {
		return nil, errUnsupported
	}
	if s[0] == '\'' {
		v, n, err := quoted(s)
		if err != nil || n != len(s) {
			return nil, errUnsupported
		}
		return v, nil
	}
	if strings.Contains(s, ": ") || strings.HasSuffix(s, ":") || strings.ContainsRune(s, '\'') || strings.IndexByte("&*!|>%@`?:-,", s[0]) >= 0 {
		return nil, errUnsupported
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Value: s, Tag: plainTag(s)}, nil
}

// plainTag gives the tag yaml.v3 would resolve for common plain scalars;
// the extractors read only values, so this is for the sake of a faithful tree.
func plainTag(s string) string {
	switch s {
	case "true", "false", "True", "False", "TRUE", "FALSE":
		return "!!bool"
	case "~", "null", "Null", "NULL":
		return "!!null"
	}
	return "!!str"
}
