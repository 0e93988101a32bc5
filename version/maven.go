package version

import "strings"

// Maven versions (the OSV ecosystem Maven) are ordered like Maven's
// ComparableVersion, the class Maven itself resolves version ranges with;
// testdata/maven.txt is generated with the class from Maven 3.8.7.
//
// A version is a list of items split at "." and "-" and where digits meet
// letters (1.0alpha1 is 1, 0, alpha, 1); a "-" or a letter/digit boundary
// starts a nested list, and so does a qualifier after a dot (1.0.x1 reads
// as 1.0-x1). Numbers compare as numbers of any size. Qualifiers, in any
// case, order alpha (a1) < beta (b1) < milestone (m1) < rc = cr < snapshot
// < "" = ga = final = release < sp, and unknown qualifiers come after all
// of them in ASCII order. Trailing zeros and empty qualifiers are trimmed
// (1 = 1.0 = 1-ga), a missing item counts as 0 or "" (1 < 1-0.1), and a
// number outranks a list, which outranks a qualifier: 1-1 < 1.1 and
// 1-sp < 1-1.
//
// The order is Maven's, quirks included: it is not transitive for some odd
// inputs (0 < aaa < 0snapshot < 0, as the jar also says).
//
// Maven accepts any string; here the empty string and non-ASCII input are
// rejected (no published Maven version has them, and Java's Unicode digits
// and case folding would not be worth matching).

type mavenKind uint8

const (
	mavenInt mavenKind = iota
	mavenString
	mavenList
)

type mavenItem struct {
	kind mavenKind
	num  string // mavenInt: decimal without leading zeros ("0" for zero)
	str  string // mavenString: the comparable form of the qualifier
	list []*mavenItem
}

type mavenVersion struct {
	s     string
	items *mavenItem
}

func (v *mavenVersion) String() string { return v.s }

func (v *mavenVersion) Compare(w Version) int {
	o, ok := w.(*mavenVersion)
	if !ok {
		mismatch(v, w)
	}
	return mavenCompare(v.items, o.items)
}

// mavenRelease is the comparable form of the empty qualifier.
const mavenRelease = "5"

// mavenQualifier returns the comparable form of a qualifier: its rank among
// the known ones, or "7-" and the qualifier for an unknown one, so that
// plain string order sorts unknown qualifiers last.
func mavenQualifier(q string, followedByDigit bool) string {
	if followedByDigit && len(q) == 1 {
		switch q {
		case "a":
			q = "alpha"
		case "b":
			q = "beta"
		case "m":
			q = "milestone"
		}
	}
	switch q {
	case "alpha":
		return "0"
	case "beta":
		return "1"
	case "milestone":
		return "2"
	case "rc", "cr":
		return "3"
	case "snapshot":
		return "4"
	case "", "ga", "final", "release":
		return mavenRelease
	case "sp":
		return "6"
	}
	return "7-" + q
}

func (it *mavenItem) isNull() bool {
	switch it.kind {
	case mavenInt:
		return it.num == "0"
	case mavenString:
		return it.str == mavenRelease
	}
	return len(it.list) == 0
}

// mavenCompare orders a against b; b may be nil, standing for a missing
// item.
func mavenCompare(a, b *mavenItem) int {
	if b == nil {
		switch a.kind {
		case mavenInt:
			if a.isNull() {
				return 0
			}
			return 1
		case mavenString:
			return strings.Compare(a.str, mavenRelease)
		}
		for _, it := range a.list {
			if c := mavenCompare(it, nil); c != 0 {
				return c
			}
		}
		return 0
	}
	switch a.kind {
	case mavenInt:
		if b.kind == mavenInt {
			return decimalCompare(a.num, b.num)
		}
		return 1
	case mavenString:
		if b.kind == mavenString {
			return strings.Compare(a.str, b.str)
		}
		return -1
	}
	switch b.kind {
	case mavenInt:
		return -1
	case mavenString:
		return 1
	}
	for i := 0; i < len(a.list) || i < len(b.list); i++ {
		var c int
		switch {
		case i >= len(a.list):
			c = -mavenCompare(b.list[i], nil)
		case i >= len(b.list):
			c = mavenCompare(a.list[i], nil)
		default:
			c = mavenCompare(a.list[i], b.list[i])
		}
		if c != 0 {
			return c
		}
	}
	return 0
}

func mavenParseItem(isDigit bool, buf string) *mavenItem {
	if isDigit {
		n := strings.TrimLeft(buf, "0")
		if n == "" {
			n = "0"
		}
		return &mavenItem{kind: mavenInt, num: n}
	}
	return &mavenItem{kind: mavenString, str: mavenQualifier(buf, false)}
}

func parseMaven(s string) (Version, error) {
	const scheme = "Maven"
	switch {
	case s == "":
		return nil, parseErr(scheme, s, "empty")
	case len(s) > versionMaxLen:
		return nil, parseErr(scheme, s, "longer than %d bytes", versionMaxLen)
	}
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return nil, parseErr(scheme, s, "non-ASCII character")
		}
	}
	v := strings.ToLower(s)
	root := &mavenItem{kind: mavenList}
	cur := root
	lists := []*mavenItem{root}
	add := func(it *mavenItem) { cur.list = append(cur.list, it) }
	nest := func() {
		l := &mavenItem{kind: mavenList}
		add(l)
		cur = l
		lists = append(lists, l)
	}
	zero := func() *mavenItem { return &mavenItem{kind: mavenInt, num: "0"} }
	isDigit := false
	start := 0
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case c == '.' || c == '-':
			if i == start {
				add(zero())
			} else {
				add(mavenParseItem(isDigit, v[start:i]))
			}
			start = i + 1
			if c == '-' {
				nest()
			}
		case '0' <= c && c <= '9':
			if !isDigit && i > start {
				if len(cur.list) > 0 {
					nest() // 1.0.x1 reads as 1.0-x1
				}
				add(&mavenItem{kind: mavenString, str: mavenQualifier(v[start:i], true)})
				start = i
				nest()
			}
			isDigit = true
		default:
			if isDigit && i > start {
				add(mavenParseItem(true, v[start:i]))
				start = i
				nest()
			}
			isDigit = false
		}
	}
	if len(v) > start {
		if !isDigit && len(cur.list) > 0 {
			nest() // 1.0.x reads as 1.0-x
		}
		add(mavenParseItem(isDigit, v[start:]))
	}
	for i := len(lists) - 1; i >= 0; i-- {
		l := lists[i]
		for j := len(l.list) - 1; j >= 0; j-- {
			if it := l.list[j]; it.isNull() {
				l.list = append(l.list[:j], l.list[j+1:]...)
			} else if it.kind != mavenList {
				break
			}
		}
	}
	return &mavenVersion{s: s, items: root}, nil
}
