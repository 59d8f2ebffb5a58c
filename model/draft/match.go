package draft

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// text is an explanation in both languages.
type text struct{ zh, en string }

func (t text) in(lang string) string {
	if lang == "en" {
		return t.en
	}
	return t.zh
}

// rule is what a phrase means: a finding (kind set) or evidence that a part
// of a sincere statement is present (part set).
type rule struct {
	id   string
	kind Kind
	part Part
	why  text
	// denial findings stand only when the draft states no facts: "网传不实"
	// after "经核查……" is a correction, not a brush-off.
	unlessFacts bool
}

// pattern is one phrase of a rule, in lower case.
type pattern struct {
	s    string
	rule *rule
	// word: an ASCII phrase that must start at a word boundary, and end at
	// one too unless stem is set (so "apolog" matches "apologise").
	word, stem bool
	// negatable: not a finding when a negation comes just before it in the
	// same clause ("这不是临时工的问题" owns the problem).
	negatable bool
	// ext, when set, must accept the match; it may move the end (to cover an
	// amount, say).
	ext func(low string, start, end int) (int, bool)
}

// matcher finds every pattern in one pass over the text, looking up the
// candidates by the rune they start with.
type matcher struct {
	ascii [utf8.RuneSelf][]*pattern
	other map[rune][]*pattern
	// starts has a bit for every BMP rune some phrase starts with. Most
	// characters of a draft start none, and a bit test is far cheaper than
	// the map lookup it saves (8 KB for the whole plane).
	starts [1 << 16 / 64]uint64
}

func newMatcher(ps []*pattern) *matcher {
	m := &matcher{other: map[rune][]*pattern{}}
	for _, p := range ps {
		r, _ := utf8.DecodeRuneInString(p.s)
		if r < utf8.RuneSelf {
			m.ascii[r] = append(m.ascii[r], p)
		} else {
			m.other[r] = append(m.other[r], p)
			if r < 1<<16 {
				m.starts[r/64] |= 1 << (r % 64)
			}
		}
	}
	return m
}

// candidates returns the phrases that start with r.
func (m *matcher) candidates(r rune) []*pattern {
	if r < utf8.RuneSelf {
		return m.ascii[r]
	}
	if r < 1<<16 && m.starts[r/64]&(1<<(r%64)) == 0 {
		return nil
	}
	return m.other[r]
}

type hit struct {
	p          *pattern
	start, end int
}

// result is what one scan found.
type result struct {
	text string
	hits []hit
	has  parts
}

// parts records which parts of a statement a draft has.
type parts [6]bool

func (ps *parts) set(p Part) { ps[partIndex(p)] = true }

// Has reports whether part p was found.
func (ps *parts) Has(p Part) bool { return ps[partIndex(p)] }

func partIndex(p Part) int {
	switch p {
	case Acknowledgement:
		return 0
	case Facts:
		return 1
	case Actions:
		return 2
	case Remedy:
		return 3
	case Contact:
		return 4
	}
	return 5
}

// lowerASCII lower-cases ASCII letters only, so byte offsets in the copy are
// offsets in the original (Unicode case mapping can change lengths).
func lowerASCII(s string) string {
	i := 0
	for i < len(s) && (s[i] < 'A' || s[i] > 'Z') {
		i++
	}
	if i == len(s) {
		return s
	}
	b := []byte(s)
	for j := i; j < len(b); j++ {
		if c := b[j]; c >= 'A' && c <= 'Z' {
			b[j] = c + 'a' - 'A'
		}
	}
	return string(b)
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z'
}

// scan runs the matcher over text. Findings do not overlap: at each place
// the longest phrase wins and the scan for findings resumes after it; parts
// are noted wherever their phrases occur.
func (m *matcher) scan(text string) result {
	low := lowerASCII(text)
	res := result{text: text}
	flagEnd := 0
	for i := 0; i < len(low); {
		r, size := rune(low[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(low[i:])
		}
		cands := m.candidates(r)
		var best *pattern
		bestEnd := 0
		for _, p := range cands {
			if !strings.HasPrefix(low[i:], p.s) {
				continue
			}
			isPart := p.rule.part != ""
			if !isPart && i < flagEnd {
				continue // inside a finding already made
			}
			end := i + len(p.s)
			if p.word && (i > 0 && isWordByte(low[i-1]) || !p.stem && end < len(low) && isWordByte(low[end])) {
				continue
			}
			if p.ext != nil {
				e, ok := p.ext(low, i, end)
				if !ok {
					continue
				}
				end = e
			}
			if isPart {
				res.has.set(p.rule.part)
				continue
			}
			if end <= bestEnd || p.negatable && negated(low, i) {
				continue
			}
			best, bestEnd = p, end
		}
		if best != nil {
			res.hits = append(res.hits, hit{best, i, bestEnd})
			flagEnd = bestEnd
		}
		i += size
	}
	return res
}

// findings turns the hits into findings, dropping denials the draft backs
// with facts.
func (r result) findings(lang string) []Finding {
	var out []Finding
	for _, h := range r.hits {
		if h.p.rule.unlessFacts && r.has.Has(Facts) {
			continue
		}
		out = append(out, Finding{Rule: h.p.rule.id, Kind: h.p.rule.kind, Span: [2]int{h.start, h.end},
			Text: r.text[h.start:h.end], Why: h.p.rule.why.in(lang)})
	}
	return out
}

// Clause punctuation stops the look-back for a negation and the look-ahead
// for an amount: a "不" two clauses earlier says nothing about this one.
func isClauseEnd(r rune) bool {
	switch r {
	case '，', '。', '！', '？', '；', '：', ',', '.', '!', '?', ';', '\n', '、':
		return true
	}
	return false
}

func isSentenceEnd(r rune) bool {
	switch r {
	case '。', '！', '？', '!', '?', '\n', '；', ';':
		return true
	}
	return false
}

var negations = []string{"不是", "并非", "不能", "不会", "不应", "不该", "绝非", "而非", "不以", "不把", "不将",
	"不推", "不甩", "不仅", "不只", "不单", "没有", "不存在", "拒绝", "not ", "n't ", "never ", "no "}

// negated reports whether a negation comes within a few words before i in
// the same clause. Thirty bytes is ten Chinese characters or five or six
// English words.
func negated(low string, i int) bool {
	start := i
	for start > 0 && i-start < 30 {
		r, size := utf8.DecodeLastRuneInString(low[:start])
		if isClauseEnd(r) {
			break
		}
		start -= size
	}
	window := low[start:i]
	for _, n := range negations {
		if strings.Contains(window, n) {
			return true
		}
	}
	return false
}

// sentenceEnd returns where the sentence containing i ends, looking at most
// limit bytes ahead.
func sentenceEnd(low string, i, limit int) int {
	stop := min(len(low), i+limit)
	for j := i; j < stop; {
		r, size := utf8.DecodeRuneInString(low[j:])
		if isSentenceEnd(r) {
			return j
		}
		j += size
	}
	return stop
}

// within returns an ext that accepts a match only if one of words follows
// in the same sentence.
func within(words ...string) func(string, int, int) (int, bool) {
	return func(low string, _, end int) (int, bool) {
		rest := low[end:sentenceEnd(low, end, 120)]
		return end, slices.ContainsFunc(words, func(w string) bool { return strings.Contains(rest, w) })
	}
}

// followedBy accepts a match when one of words comes next, after optional
// spaces, and extends the match over it ("100%" + "安全").
func followedBy(words ...string) func(string, int, int) (int, bool) {
	return func(low string, _, end int) (int, bool) {
		j := end
		for j < len(low) && low[j] == ' ' {
			j++
		}
		for _, w := range words {
			if strings.HasPrefix(low[j:], w) {
				return j + len(w), true
			}
		}
		return end, false
	}
}

// notAfter rejects a match preceded by one of words ("our best" is an
// effort, "the best" is a claim).
func notAfter(words ...string) func(string, int, int) (int, bool) {
	return func(low string, start, end int) (int, bool) {
		for _, w := range words {
			if strings.HasSuffix(low[:start], w) {
				return end, false
			}
		}
		return end, true
	}
}

// promisedAmount accepts a promise word followed, in the same sentence, by
// compensation and an amount of money or a multiple ("承诺每位赔偿1000元",
// "保证十倍赔偿"), and extends the match to the amount.
func promisedAmount(low string, _, end int) (int, bool) {
	stop := sentenceEnd(low, end, 150)
	seg := low[end:stop]
	if !strings.Contains(seg, "赔") && !strings.Contains(seg, "补偿") && !strings.Contains(seg, "compensat") {
		return end, false
	}
	last := -1
	for j := 0; j < len(seg); {
		r, size := utf8.DecodeRuneInString(seg[j:])
		if isAmountDigit(r) {
			k := j + size
			for k < len(seg) {
				r2, s2 := utf8.DecodeRuneInString(seg[k:])
				if !isAmountDigit(r2) && r2 != ',' && r2 != '.' {
					break
				}
				k += s2
			}
			for _, unit := range []string{"元", "倍", "万", "块", " yuan", " times", "rmb", "%"} {
				if strings.HasPrefix(seg[k:], unit) {
					last = k + len(unit)
					break
				}
			}
			if last >= 0 {
				return end + last, true
			}
			j = k
			continue
		}
		if r == '¥' || r == '￥' || r == '$' {
			if k := j + size; k < len(seg) && isAmountDigit(rune(seg[k])) {
				for k < len(seg) && (isAmountDigit(rune(seg[k])) || seg[k] == ',' || seg[k] == '.') {
					k++
				}
				return end + k, true
			}
		}
		j += size
	}
	return end, false
}

func isAmountDigit(r rune) bool {
	return r >= '0' && r <= '9' || strings.ContainsRune("一二两三四五六七八九十百千万", r)
}
