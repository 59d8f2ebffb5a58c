package drill

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"unicode/utf8"
)

// A template is post text with variation: "{a|b|c}" picks one alternative
// (alternatives may be empty and may nest), "{=name}" expands a named slot,
// and "{{" / "}}" are literal braces. Everything else is literal text.
//
// Templates are compiled once at Parse, so a typo is reported with its line
// and generation only walks a small tree.
type tmpl []node

// node is one piece of a template: a literal, a choice or a slot reference.
type node struct {
	lit  string
	alts []tmpl // a choice when non-nil
	slot string // a slot reference when non-empty
}

// compileTemplate parses src. It reports the first syntax error with the
// rune column it was found at, so the caller can point at the line.
func compileTemplate(src string) (tmpl, error) {
	if !utf8.ValidString(src) {
		return nil, fmt.Errorf("template is not valid UTF-8")
	}
	p := &tparser{src: src}
	t, err := p.seq(0)
	if err != nil {
		return nil, err
	}
	if p.pos < len(p.src) {
		return nil, p.errorf("unexpected %q (use }} for a literal brace)", p.src[p.pos])
	}
	return t, nil
}

type tparser struct {
	src string
	pos int
}

func (p *tparser) errorf(format string, args ...any) error {
	col := utf8.RuneCountInString(p.src[:p.pos]) + 1
	return fmt.Errorf("template column %d: %s", col, fmt.Sprintf(format, args...))
}

// seq reads literals, choices and slots up to a '|' or '}' that closes the
// enclosing choice (depth > 0) or the end of the text.
func (p *tparser) seq(depth int) (tmpl, error) {
	var out tmpl
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			out = append(out, node{lit: lit.String()})
			lit.Reset()
		}
	}
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		switch {
		case c == '{' && strings.HasPrefix(p.src[p.pos:], "{{"):
			lit.WriteByte('{')
			p.pos += 2
		case c == '}' && strings.HasPrefix(p.src[p.pos:], "}}") && depth == 0:
			lit.WriteByte('}')
			p.pos += 2
		case c == '{':
			flush()
			n, err := p.group(depth + 1)
			if err != nil {
				return nil, err
			}
			out = append(out, n)
		case (c == '|' || c == '}') && depth > 0:
			flush()
			return out, nil
		case c == '}':
			return nil, p.errorf("unmatched } (use }} for a literal brace)")
		default:
			lit.WriteByte(c)
			p.pos++
		}
	}
	flush()
	return out, nil
}

// group reads "{...}" starting at the opening brace.
func (p *tparser) group(depth int) (node, error) {
	open := p.pos
	p.pos++ // '{'
	if depth > 8 {
		return node{}, p.errorf("choices nested too deeply")
	}
	if p.pos < len(p.src) && p.src[p.pos] == '=' {
		end := strings.IndexByte(p.src[p.pos:], '}')
		if end < 0 {
			p.pos = open
			return node{}, p.errorf("unclosed {= slot")
		}
		name := strings.TrimSpace(p.src[p.pos+1 : p.pos+end])
		if name == "" || strings.ContainsAny(name, "{|=") {
			p.pos = open
			return node{}, p.errorf("bad slot name %q", name)
		}
		p.pos += end + 1
		return node{slot: name}, nil
	}
	var alts []tmpl
	for {
		alt, err := p.seq(depth)
		if err != nil {
			return node{}, err
		}
		alts = append(alts, alt)
		if p.pos >= len(p.src) {
			p.pos = open
			return node{}, p.errorf("unclosed { (each { needs a matching })")
		}
		c := p.src[p.pos]
		p.pos++
		if c == '}' {
			break
		}
	}
	if len(alts) < 2 && len(alts[0]) == 0 {
		p.pos = open
		return node{}, p.errorf("empty {}")
	}
	return node{alts: alts}, nil
}

// slots returns the names of every slot the template refers to.
func (t tmpl) slots(into []string) []string {
	for _, n := range t {
		if n.slot != "" {
			into = append(into, n.slot)
		}
		for _, a := range n.alts {
			into = a.slots(into)
		}
	}
	return into
}

// variants counts the distinct expansions, ignoring slots (which count as
// one) and capping at limit so a huge template does not overflow.
func (t tmpl) variants(limit int) int {
	total := 1
	for _, n := range t {
		if n.alts == nil {
			continue
		}
		sum := 0
		for _, a := range n.alts {
			sum += a.variants(limit)
			if sum >= limit {
				sum = limit
				break
			}
		}
		total *= sum
		if total >= limit {
			return limit
		}
	}
	return total
}

// slotFunc appends the expansion of a named slot.
type slotFunc func(b []byte, name string, r *rand.Rand, depth int) []byte

// expand appends one random expansion of t to b.
func (t tmpl) expand(b []byte, r *rand.Rand, slot slotFunc, depth int) []byte {
	for _, n := range t {
		switch {
		case n.alts != nil:
			b = n.alts[r.IntN(len(n.alts))].expand(b, r, slot, depth)
		case n.slot != "":
			b = slot(b, n.slot, r, depth+1)
		default:
			b = append(b, n.lit...)
		}
	}
	return b
}
