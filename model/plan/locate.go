package plan

import (
	"strconv"
	"strings"
)

// locator maps key paths such as "scenarios[2].clocks[1].duration" to the
// line they are written on. BurntSushi/toml keeps key positions private, and
// keys them without array indices anyway, so validation messages get their
// lines from this small structural scan of the source instead. It only runs
// on text the TOML parser has already accepted, and gives up quietly on
// anything it does not follow: a line number is then found from a shorter
// path.
type locator struct {
	src   string
	pos   int
	line  int
	lines map[string]int // first line each path appears on
	order []string       // paths in source order, for looking up undecoded keys
	arr   map[string]int // arrays of tables: number of elements so far
}

func locate(src string) *locator {
	l := &locator{src: src, line: 1, lines: map[string]int{}, arr: map[string]int{}}
	l.document()
	return l
}

// Line returns the line of path, or of its nearest written ancestor, or 1:
// a field that is missing is reported at the table that lacks it.
func (l *locator) Line(path string) int {
	for p := path; p != ""; p = parent(p) {
		if n, ok := l.lines[p]; ok {
			return n
		}
	}
	return 1
}

// Find returns the indexed paths whose index-free form is key (as the TOML
// library reports undecoded keys), in source order.
func (l *locator) Find(key string) []string {
	var out []string
	for _, p := range l.order {
		if stripIndex(p) == key {
			out = append(out, p)
		}
	}
	return out
}

// parent drops the last element of a path: "a[1].b" → "a[1]" → "a" → "".
func parent(p string) string {
	i := strings.LastIndexAny(p, ".[")
	if i < 0 {
		return ""
	}
	return p[:i]
}

func stripIndex(p string) string {
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		if p[i] == '[' {
			for i < len(p) && p[i] != ']' {
				i++
			}
			continue
		}
		b.WriteByte(p[i])
	}
	return b.String()
}

func join(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}

func (l *locator) record(path string) {
	if _, ok := l.lines[path]; !ok {
		l.lines[path] = l.line
		l.order = append(l.order, path)
	}
}

func (l *locator) eof() bool { return l.pos >= len(l.src) }

func (l *locator) peek() byte {
	if l.eof() {
		return 0
	}
	return l.src[l.pos]
}

func (l *locator) advance() {
	if l.src[l.pos] == '\n' {
		l.line++
	}
	l.pos++
}

// blank skips spaces, tabs and comments, and newlines too if nl is set.
func (l *locator) blank(nl bool) {
	for !l.eof() {
		switch c := l.peek(); {
		case c == ' ' || c == '\t' || c == '\r' || (nl && c == '\n'):
			l.advance()
		case c == '#':
			for !l.eof() && l.peek() != '\n' {
				l.advance()
			}
		default:
			return
		}
	}
}

func (l *locator) skipLine() {
	for !l.eof() && l.peek() != '\n' {
		l.advance()
	}
}

func (l *locator) document() {
	table := ""
	for {
		l.blank(true)
		if l.eof() {
			return
		}
		if l.peek() == '[' {
			l.advance()
			isArray := l.peek() == '['
			if isArray {
				l.advance()
			}
			keys := l.key()
			table = l.header(keys, isArray)
			l.skipLine()
			continue
		}
		keys := l.key()
		if len(keys) == 0 {
			l.skipLine() // not something we follow
			continue
		}
		path := l.dotted(table, keys)
		l.blank(false)
		if l.peek() != '=' {
			l.skipLine()
			continue
		}
		l.advance()
		l.blank(false)
		l.value(path)
	}
}

// header resolves a table header to an indexed path: each array of tables
// along the way means its latest element, and [[x]] starts a new one.
func (l *locator) header(keys []string, isArray bool) string {
	path := ""
	for i, k := range keys {
		path = join(path, k)
		if isArray && i == len(keys)-1 {
			n := l.arr[path]
			l.arr[path] = n + 1
			l.record(path)
			path += "[" + strconv.Itoa(n) + "]"
		} else if n, ok := l.arr[path]; ok {
			path += "[" + strconv.Itoa(n-1) + "]"
		}
		l.record(path)
	}
	return path
}

func (l *locator) dotted(prefix string, keys []string) string {
	path := prefix
	for _, k := range keys {
		path = join(path, k)
		l.record(path)
	}
	return path
}

// key reads a possibly dotted key of bare and quoted parts.
func (l *locator) key() []string {
	var keys []string
	for {
		l.blank(false)
		switch c := l.peek(); {
		case c == '"' || c == '\'':
			keys = append(keys, l.quoted(c))
		case isBare(c):
			start := l.pos
			for !l.eof() && isBare(l.peek()) {
				l.advance()
			}
			keys = append(keys, l.src[start:l.pos])
		default:
			return keys
		}
		l.blank(false)
		if l.peek() != '.' {
			return keys
		}
		l.advance()
	}
}

func isBare(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// quoted reads a one-line string and returns its text (escapes are kept as
// written; keys with escapes are rare enough not to matter here).
func (l *locator) quoted(q byte) string {
	l.advance()
	start := l.pos
	for !l.eof() && l.peek() != q && l.peek() != '\n' {
		if q == '"' && l.peek() == '\\' {
			l.advance()
			if l.eof() {
				break
			}
		}
		l.advance()
	}
	s := l.src[start:l.pos]
	if !l.eof() && l.peek() == q {
		l.advance()
	}
	return s
}

func (l *locator) value(path string) {
	switch c := l.peek(); c {
	case '"', '\'':
		triple := string([]byte{c, c, c})
		if strings.HasPrefix(l.src[l.pos:], triple) {
			l.pos += 3
			for !l.eof() && !strings.HasPrefix(l.src[l.pos:], triple) {
				if c == '"' && l.peek() == '\\' {
					l.advance()
					if l.eof() {
						return
					}
				}
				l.advance()
			}
			l.pos += min(3, len(l.src)-l.pos)
			// A closing delimiter may be followed by up to two more quotes
			// that belong to the string.
			for !l.eof() && l.peek() == c {
				l.advance()
			}
			return
		}
		l.quoted(c)
	case '[':
		l.advance()
		for i := 0; ; i++ {
			l.blank(true)
			if l.eof() {
				return
			}
			if l.peek() == ']' {
				l.advance()
				return
			}
			elem := path + "[" + strconv.Itoa(i) + "]"
			l.record(elem)
			before := l.pos
			l.value(elem)
			l.blank(true)
			if l.peek() == ',' {
				l.advance()
			} else if l.pos == before {
				l.advance() // never loop on something unexpected
			}
		}
	case '{':
		l.advance()
		for {
			l.blank(false)
			if l.eof() || l.peek() == '\n' {
				return
			}
			if l.peek() == '}' {
				l.advance()
				return
			}
			keys := l.key()
			if len(keys) == 0 {
				l.advance()
				continue
			}
			p := l.dotted(path, keys)
			l.blank(false)
			if l.peek() == '=' {
				l.advance()
				l.blank(false)
				l.value(p)
			}
			l.blank(false)
			if l.peek() == ',' {
				l.advance()
			}
		}
	default:
		// Numbers, booleans and dates run to the next delimiter.
		for !l.eof() && !strings.ContainsRune(",]}\n#", rune(l.peek())) {
			l.advance()
		}
	}
}
