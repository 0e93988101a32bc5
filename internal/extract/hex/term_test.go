package hex

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseTerm(t *testing.T) {
	atom := func(s string, pos int) term { return term{Kind: kAtom, S: s, Pos: pos} }
	str := func(s string, pos int) term { return term{Kind: kString, S: s, Pos: pos} }
	tests := []struct {
		in   string
		want term
	}{
		{`:ok`, atom("ok", 0)},
		{`:"quoted atom"`, atom("quoted atom", 0)},
		{`:Elixir.Foo.Bar`, atom("Elixir.Foo.Bar", 0)},
		{`"a\"b\\c\n"`, str("a\"b\\c\n", 0)},
		{`'charlist'`, str("charlist", 0)},
		{`-12.5`, term{Kind: kNumber, S: "-12.5"}},
		{`nil`, term{Kind: kIdent, S: "nil"}},
		{`[1, :a,]`, term{Kind: kList, Elems: []term{{Kind: kNumber, S: "1", Pos: 1}, atom("a", 4)}}},
		{`[hex: :x, repo: "r"]`, term{Kind: kList, Elems: []term{
			{Kind: kTuple, Pos: 1, Elems: []term{atom("hex", 1), atom("x", 6)}},
			{Kind: kTuple, Pos: 10, Elems: []term{atom("repo", 10), str("r", 16)}},
		}}},
		{`{:dep, "~> 1", only: :test}`, term{Kind: kTuple, Elems: []term{atom("dep", 1), str("~> 1", 7),
			{Kind: kList, Pos: 15, Elems: []term{{Kind: kTuple, Pos: 15, Elems: []term{atom("only", 15), atom("test", 21)}}}}}}},
		{"%{\"a\" => 1, \"b\": 2} # trailing comment", term{Kind: kMap, Elems: []term{
			str("a", 2), {Kind: kNumber, S: "1", Pos: 9}, atom("b", 12), {Kind: kNumber, S: "2", Pos: 17}}}},
		{"# leading comment\n%{}", term{Kind: kMap, Pos: 18}},
	}
	for _, tt := range tests {
		got, err := parseTerm([]byte(tt.in))
		if err != nil {
			t.Errorf("parseTerm(%q): %v", tt.in, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("parseTerm(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestParseTermErrors(t *testing.T) {
	for in, want := range map[string]termError{
		`{:a, b: 1, :c}`: {Pos: 11, Msg: "a keyword pair must come last"},
		`%{:a 1}`:        {Pos: 5, Msg: "expected => after a map key, found \"1\""},
		`%x`:             {Pos: 0, Msg: "expected %{ to open a map"},
		`: `:             {Pos: 1, Msg: "expected an atom name after ':'"},
		`"abc\`:          {Pos: 0, Msg: "unterminated string: the file looks truncated"},
		`[1 2]`:          {Pos: 3, Msg: "expected ',' or \"]\", found \"2\""},
		`)`:              {Pos: 0, Msg: "unexpected \")\""},
	} {
		_, err := parseTerm([]byte(in))
		te, ok := err.(*termError)
		if !ok {
			t.Errorf("parseTerm(%q) = %v, want a termError", in, err)
			continue
		}
		if diff := cmp.Diff(want, *te); diff != "" {
			t.Errorf("parseTerm(%q) (-want +got):\n%s", in, diff)
		}
	}
}

func TestLineIndex(t *testing.T) {
	l := newLineIndex([]byte("ab\ncd\n\nef"))
	for off, want := range map[int][2]int{0: {1, 1}, 2: {1, 3}, 3: {2, 1}, 6: {3, 1}, 7: {4, 1}, 8: {4, 2}} {
		line, col := l.pos(off)
		if got := [2]int{line, col}; got != want {
			t.Errorf("pos(%d) = %v, want %v", off, got, want)
		}
	}
}
