package alert

import (
	"strings"
	"unicode/utf8"
)

// flagTerm is one red-flag term with the group it belongs to.
type flagTerm struct {
	text  string
	group uint8
	idx   uint8 // position in the group, for the alert's matched-term list
	fold  bool  // has ASCII letters: "icu" should match ICU
}

// matcher finds red-flag terms in text without allocating. Every negative
// post is scanned, so instead of one strings.Contains per term (dozens of
// passes over the text) it makes one pass and looks closer only where a rune
// that starts some term appears, which a bitset answers in a nanosecond.
type matcher struct {
	filter [1 << 10]uint64 // one bit per BMP rune that starts a term
	astral bool            // some term starts beyond the BMP (an emoji)
	starts map[rune][]flagTerm
}

func newMatcher(groups []FlagGroup) *matcher {
	x := &matcher{starts: map[rune][]flagTerm{}}
	for g, fg := range groups {
		for i, t := range fg.Terms {
			t = strings.TrimSpace(t)
			if t == "" {
				continue
			}
			r, _ := utf8.DecodeRuneInString(t)
			ft := flagTerm{text: t, group: uint8(g), idx: uint8(i), fold: hasASCIILetter(t)}
			first := []rune{r}
			if lo := asciiLower(r); lo != r || asciiUpper(r) != r {
				r = lo
				first = []rune{lo, asciiUpper(lo)}
			}
			x.starts[r] = append(x.starts[r], ft)
			for _, f := range first {
				if f < 1<<16 {
					x.filter[f>>6] |= 1 << (f & 63)
				} else {
					x.astral = true
				}
			}
		}
	}
	return x
}

// hits collects the (group, term) pairs found in one post. It is a fixed
// array so a scan never allocates; a post naming more than its capacity of
// distinct terms has made its point.
type hits struct {
	groups uint64
	n      int
	at     [32]struct{ group, idx uint8 }
}

func (h *hits) add(group, idx uint8) {
	for _, x := range h.at[:h.n] {
		if x.group == group && x.idx == idx {
			return
		}
	}
	h.groups |= 1 << group
	if h.n < len(h.at) {
		h.at[h.n].group, h.at[h.n].idx = group, idx
		h.n++
	}
}

// scan records every term that occurs in s.
func (x *matcher) scan(s string, h *hits) {
	for i := 0; i < len(s); {
		b := s[i]
		var r rune
		n := 1
		switch {
		case b < utf8.RuneSelf:
			r = rune(b)
		case b&0xF0 == 0xE0 && i+2 < len(s):
			// Chinese text is almost all three-byte runes: decode inline.
			r = rune(b&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
			n = 3
		default:
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		if r < 1<<16 {
			if x.filter[r>>6]&(1<<(r&63)) != 0 {
				x.try(s, i, r, h)
			}
		} else if x.astral {
			x.try(s, i, r, h)
		}
		i += n
	}
}

func (x *matcher) try(s string, i int, r rune, h *hits) {
	for _, t := range x.starts[asciiLower(r)] {
		if len(s)-i < len(t.text) {
			continue
		}
		seg := s[i : i+len(t.text)]
		if seg == t.text || (t.fold && strings.EqualFold(seg, t.text)) {
			h.add(t.group, t.idx)
		}
	}
}

func asciiLower(r rune) rune {
	if 'A' <= r && r <= 'Z' {
		return r + 'a' - 'A'
	}
	return r
}

func asciiUpper(r rune) rune {
	if 'a' <= r && r <= 'z' {
		return r - ('a' - 'A')
	}
	return r
}

func hasASCIILetter(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; 'a' <= c && c <= 'z' {
			return true
		}
	}
	return false
}
