package drill

import (
	"strconv"
	"strings"
)

// lineIndex remembers where each key of a TOML file is, so validation errors
// can say "line 42" even for the third [[phase]]: the TOML decoder keeps
// positions only for the last table of an array, and not at all for array
// elements. Keys are written with array indices ("phase[2].rate"), array
// string elements as "key#i".
type lineIndex struct {
	keys  map[string]int // indexed path -> line
	plain map[string]int // path without indices -> first line, for unknown-key errors
}

// line returns the line of an indexed path, falling back to its parents so an
// error about a missing key still points at the table it belongs in.
func (ix lineIndex) line(path string) int {
	for p := path; p != ""; {
		if l, ok := ix.keys[p]; ok {
			return l
		}
		i := strings.LastIndexAny(p, ".#[")
		if i <= 0 {
			break
		}
		p = p[:i]
	}
	return 0
}

// indexLines scans src like a TOML lexer, just far enough to know keys,
// table headers, strings and brackets. It never fails: a file the real
// decoder rejects is reported by the decoder.
func indexLines(src string) lineIndex {
	ix := lineIndex{keys: map[string]int{}, plain: map[string]int{}}
	arrays := map[string]int{} // indexed path of an array of tables -> count
	table := ""                // indexed path of the current table
	line := 1
	i := 0
	n := len(src)

	record := func(path string, l int) {
		if _, ok := ix.keys[path]; !ok {
			ix.keys[path] = l
		}
		plain := stripIndices(path)
		if _, ok := ix.plain[plain]; !ok {
			ix.plain[plain] = l
		}
	}
	// resolve turns a dotted header into an indexed path, using the last
	// element of every array of tables on the way.
	resolve := func(parts []string) string {
		p := ""
		for _, part := range parts {
			if p == "" {
				p = part
			} else {
				p += "." + part
			}
			if c, ok := arrays[p]; ok {
				p += "[" + strconv.Itoa(c-1) + "]"
			}
		}
		return p
	}
	skipSpace := func() {
		for i < n && (src[i] == ' ' || src[i] == '\t') {
			i++
		}
	}
	skipComment := func() {
		for i < n && src[i] != '\n' {
			i++
		}
	}
	// readString skips a string starting at i and returns its contents
	// (escapes left as they are: only keys need the text).
	readString := func() string {
		q := src[i]
		multi := strings.HasPrefix(src[i:], string([]byte{q, q, q}))
		start := i
		if multi {
			i += 3
			for i < n && !strings.HasPrefix(src[i:], string([]byte{q, q, q})) {
				if src[i] == '\\' && q == '"' {
					i++
				}
				if i < n && src[i] == '\n' {
					line++
				}
				i++
			}
			i += 3
			if i > n {
				i = n
			}
			return ""
		}
		i++
		for i < n && src[i] != q && src[i] != '\n' {
			if src[i] == '\\' && q == '"' {
				i++
			}
			i++
		}
		s := src[start+1 : min(i, n)]
		if i < n && src[i] == q {
			i++
		}
		return s
	}
	// readKey reads a dotted key (bare or quoted parts) up to '=' or ']'.
	readKey := func() []string {
		var parts []string
		for i < n {
			skipSpace()
			if i >= n {
				break
			}
			switch c := src[i]; {
			case c == '"' || c == '\'':
				parts = append(parts, readString())
			case isBareKey(c):
				s := i
				for i < n && isBareKey(src[i]) {
					i++
				}
				parts = append(parts, src[s:i])
			default:
				return parts
			}
			skipSpace()
			if i < n && src[i] == '.' {
				i++
				continue
			}
			return parts
		}
		return parts
	}
	// value skips a value, recording inline-table keys and the lines of
	// string elements of arrays.
	var value func(path string)
	value = func(path string) {
		skipSpace()
		if i >= n {
			return
		}
		switch src[i] {
		case '"', '\'':
			readString()
		case '[':
			i++
			elem := 0
			for i < n {
				for i < n && (src[i] == ' ' || src[i] == '\t' || src[i] == '\n' || src[i] == '\r' || src[i] == ',' || src[i] == '#') {
					switch src[i] {
					case '\n':
						line++
					case ',':
						elem++
					case '#':
						skipComment()
						continue
					}
					i++
				}
				if i >= n {
					return
				}
				if src[i] == ']' {
					i++
					return
				}
				record(path+"#"+strconv.Itoa(elem), line)
				before := i
				value(path + "#" + strconv.Itoa(elem))
				if i == before {
					i++ // not a value we know: step over it
				}
			}
		case '{':
			i++
			for i < n && src[i] != '}' && src[i] != '\n' {
				skipSpace()
				if i < n && (src[i] == ',' || src[i] == ' ') {
					i++
					continue
				}
				if i < n && src[i] == '}' {
					break
				}
				k := readKey()
				if len(k) == 0 {
					i++
					continue
				}
				p := path + "." + strings.Join(k, ".")
				record(p, line)
				skipSpace()
				if i < n && src[i] == '=' {
					i++
				}
				value(p)
			}
			if i < n && src[i] == '}' {
				i++
			}
		default:
			for i < n && src[i] != '\n' && src[i] != ',' && src[i] != ']' && src[i] != '}' && src[i] != '#' {
				i++
			}
		}
	}

	for i < n {
		skipSpace()
		if i >= n {
			break
		}
		switch c := src[i]; {
		case c == '\n':
			line++
			i++
		case c == '\r':
			i++
		case c == '#':
			skipComment()
		case c == '[':
			arr := strings.HasPrefix(src[i:], "[[")
			if arr {
				i += 2
			} else {
				i++
			}
			parts := readKey()
			for i < n && src[i] != '\n' && src[i] != '#' {
				i++
			}
			if len(parts) == 0 {
				continue
			}
			if arr {
				parent := resolve(parts[:len(parts)-1])
				key := parts[len(parts)-1]
				if parent != "" {
					key = parent + "." + key
				}
				arrays[key]++
				table = key + "[" + strconv.Itoa(arrays[key]-1) + "]"
			} else {
				table = resolve(parts)
			}
			record(table, line)
		default:
			parts := readKey()
			if len(parts) == 0 {
				skipComment()
				continue
			}
			path := strings.Join(parts, ".")
			if table != "" {
				path = table + "." + path
			}
			record(path, line)
			skipSpace()
			if i < n && src[i] == '=' {
				i++
				value(path)
			}
			// Anything after the value up to the end of line is a comment or junk.
			for i < n && src[i] != '\n' {
				i++
			}
		}
	}
	return ix
}

func isBareKey(c byte) bool {
	return c == '_' || c == '-' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// stripIndices removes "[n]" and "#n" parts: "phase[2].x#3" -> "phase.x".
func stripIndices(p string) string {
	if !strings.ContainsAny(p, "[#") {
		return p
	}
	var b strings.Builder
	skip := false
	for i := 0; i < len(p); i++ {
		switch c := p[i]; {
		case c == '[' || c == '#':
			skip = true
		case c == ']':
			skip = false
		case skip && c >= '0' && c <= '9':
		default:
			skip = false
			b.WriteByte(c)
		}
	}
	return b.String()
}
