package data

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Search works on a pre-segmented copy of each mention's text, indexed by
// FTS5's plain ascii tokenizer:
//
//   - Chinese (and Japanese, Korean) runs become overlapping bigrams plus the
//     run's last character: 吃出异物 → "吃出 出异 异物 物". Bigrams let a
//     2-character word be found, which a trigram index cannot do; the
//     trailing unigram lets a term that ends a run meet a Latin word
//     ("锈a" in "生锈a").
//   - Other letters and digits form words, lower-cased, with fullwidth
//     ASCII folded (ｉＰｈｏｎｅ → iphone).
//   - Everything else (spaces, punctuation, emoji) separates tokens.
//
// Queries are segmented the same way, so what FTS5 matches and what the Go
// matcher below (used for mentions not yet indexed) matches are the same.

type runeClass uint8

const (
	classSep runeClass = iota
	classWord
	classCJK
)

// foldRune folds fullwidth ASCII to ASCII and lower-cases.
func foldRune(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		r -= 0xFEE0
	case r == 0x3000: // ideographic space
		return ' '
	}
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return r
	}
	return unicode.ToLower(r)
}

// classify says how a folded rune takes part in tokens.
func classify(r rune) runeClass {
	if r < utf8.RuneSelf {
		if ('a' <= r && r <= 'z') || ('0' <= r && r <= '9') {
			return classWord
		}
		return classSep
	}
	if r >= 0x4E00 && r <= 0x9FFF { // the common CJK block, the hot path
		return classCJK
	}
	if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) {
		return classCJK
	}
	if unicode.IsLetter(r) || unicode.IsDigit(r) {
		return classWord
	}
	return classSep
}

// appendSegmented appends the index form of s to dst: tokens separated by
// single spaces. It is on the writer's hot path, so it works on bytes: a
// CJK bigram is a slice of s itself (folding never changes CJK runes).
func appendSegmented(dst []byte, s string) []byte {
	start := len(dst)
	prev := -1 // byte offset in s of the previous rune of a CJK run
	prevEnd := 0
	inWord := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if ('a' <= c && c <= 'z') || ('0' <= c && c <= '9') {
				if prev >= 0 {
					dst = appendTok(dst, start, s[prev:prevEnd])
					prev = -1
				}
				if !inWord && len(dst) > start {
					dst = append(dst, ' ')
				}
				inWord = true
				dst = append(dst, c)
			} else {
				if prev >= 0 {
					dst = appendTok(dst, start, s[prev:prevEnd])
					prev = -1
				}
				inWord = false
			}
			i++
			continue
		}
		var r rune
		size := 3
		if c >= 0xE4 && c <= 0xE9 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			// Three-byte sequences from U+4000 to U+9FFF, decoded inline.
			r = rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
		} else {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		class := classCJK
		if r < 0x4E00 || r > 0x9FFF {
			r = foldRune(r)
			class = classify(r)
		}
		switch class {
		case classCJK:
			inWord = false
			if prev >= 0 {
				dst = appendTok(dst, start, s[prev:i+size])
			}
			prev, prevEnd = i, i+size
		case classWord:
			if prev >= 0 {
				dst = appendTok(dst, start, s[prev:prevEnd])
				prev = -1
			}
			if !inWord && len(dst) > start {
				dst = append(dst, ' ')
			}
			inWord = true
			dst = utf8.AppendRune(dst, r)
		default:
			if prev >= 0 {
				dst = appendTok(dst, start, s[prev:prevEnd])
				prev = -1
			}
			inWord = false
		}
		i += size
	}
	if prev >= 0 {
		dst = appendTok(dst, start, s[prev:prevEnd])
	}
	return dst
}

// appendTok appends a token, after a space unless it is the first.
func appendTok(dst []byte, start int, tok string) []byte {
	if len(dst) > start {
		dst = append(dst, ' ')
	}
	return append(dst, tok...)
}

// segment returns the index form of s.
func segment(s string) string { return string(appendSegmented(nil, s)) }

// isUnigram reports whether a token is a single CJK character: the token
// that ends a run.
func isUnigram(tok string) bool {
	r, n := utf8.DecodeRuneInString(tok)
	return n == len(tok) && classify(r) == classCJK
}

// isCJKToken reports whether a token is a CJK bigram or unigram.
func isCJKToken(tok string) bool {
	r, _ := utf8.DecodeRuneInString(tok)
	return classify(r) == classCJK
}

// queryTerm is one whitespace-separated part of a search: a phrase of
// tokens, the last possibly matched as a prefix, or a single CJK character
// that no token can find and is matched as a plain substring.
type queryTerm struct {
	toks   []string
	prefix bool   // the last token matches as a prefix
	char   string // set for a lone CJK character
}

// minPrefixWord is the shortest Latin word matched as a prefix when it ends
// a term: shorter ones ("a*") would expand to too many index terms.
const minPrefixWord = 3

// parseQuery splits a search into terms; all of them must match.
func parseQuery(q string) []queryTerm {
	var terms []queryTerm
	for _, f := range strings.Fields(q) {
		toks := strings.Fields(segment(f))
		if len(toks) == 0 {
			continue
		}
		if len(toks) == 1 && isUnigram(toks[0]) {
			// A lone character: no bigram holds it, and its unigram is only
			// indexed where it ends a run.
			terms = append(terms, queryTerm{char: toks[0]})
			continue
		}
		var t queryTerm
		for i, tk := range toks {
			final := i == len(toks)-1
			if final && isUnigram(tk) {
				// The run ends the term, but in the text it may go on: a run
				// of two or more is covered by its bigrams already, and a
				// lone character must match the start of the next bigram.
				if i > 0 && isCJKToken(toks[i-1]) {
					continue
				}
				t.toks = append(t.toks, tk)
				t.prefix = true
				continue
			}
			t.toks = append(t.toks, tk)
			if final && !isCJKToken(tk) && utf8.RuneCountInString(tk) >= minPrefixWord {
				t.prefix = true
			}
		}
		terms = append(terms, t)
	}
	return terms
}

// ftsQuery renders the terms that need the index as an FTS5 expression;
// empty when there are none.
func ftsQuery(terms []queryTerm) string {
	var b strings.Builder
	for _, t := range terms {
		if t.char != "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteByte('"')
		// Tokens never hold ASCII punctuation, so there is no quote to escape.
		b.WriteString(strings.Join(t.toks, " "))
		b.WriteByte('"')
		if t.prefix {
			b.WriteByte('*')
		}
	}
	return b.String()
}

// SearchMatcher returns a test of whether a text matches query as Mentions'
// search does, for mentions that arrive after a search was made; nil when
// the query holds no term (then it filters nothing, as in Mentions). The
// function is not safe for concurrent use.
func SearchMatcher(query string) func(text string) bool {
	terms := parseQuery(query)
	if len(terms) == 0 {
		return nil
	}
	return newMatcher(terms).match
}

// matcher decides in Go whether a text matches a query, with the same
// meaning as the index: used for mentions the index has not reached yet.
type matcher struct {
	terms []queryTerm
	buf   []byte
}

func newMatcher(terms []queryTerm) *matcher { return &matcher{terms: terms} }

func (m *matcher) match(text string) bool {
	var toks []string
	for _, t := range m.terms {
		if t.char != "" {
			if !strings.Contains(text, t.char) {
				return false
			}
			continue
		}
		if toks == nil {
			m.buf = appendSegmented(m.buf[:0], text)
			toks = strings.Fields(string(m.buf))
		}
		if !phraseIn(toks, t) {
			return false
		}
	}
	return true
}

// phraseIn reports whether the term's tokens occur consecutively in toks.
func phraseIn(toks []string, t queryTerm) bool {
	n := len(t.toks)
	for i := 0; i+n <= len(toks); i++ {
		ok := true
		for j, want := range t.toks {
			got := toks[i+j]
			if j == n-1 && t.prefix {
				ok = strings.HasPrefix(got, want)
			} else {
				ok = got == want
			}
			if !ok {
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}
