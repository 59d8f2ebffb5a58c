package classify

import (
	"sort"
	"strings"

	"warroom/feed/classify/internal/textfeat"
	"warroom/model"
)

// Roles an entry can play; one phrase may hold several (召回 is a crisis
// term and a red flag).
const (
	roleSentiment uint16 = 1 << iota
	roleNegator
	roleDegree
	roleSarcasm
	roleSarcasmCtx
	roleHolding
	roleNews
	roleContrast
	roleCrisis
	roleRedFlag
	roleRedFlagCtx
	roleSarcasmLead
	roleGood // 好: a warm word alone, an intensifier before another sentiment word
	roleNeutral
	roleBrand
	roleRemedy
)

type entry struct {
	runes   []rune
	roles   uint16
	pol     float32 // sentiment polarity, warm > 0
	mult    float32 // degree multiplier
	cat     model.Category
	catW    float32
	hostile float32
	ascii   bool // English: must sit on word boundaries
}

// dict finds the longest lexicon entry starting at a rune position. Entries
// are grouped by first rune, longest first; a dense table covers the Basic
// Multilingual Plane so the hot path does no map lookups.
type dict struct {
	entries []entry
	order   []int32         // entry indices grouped by first rune
	heads   []uint32        // for runes < 0x10000: start<<8 | count, 0 if none
	astral  map[rune]uint32 // the same for emoji and other astral runes
}

func (d *dict) add(word string, set func(e *entry), index map[string]int) {
	var rs []rune
	ascii := true
	for _, r := range word {
		if r == '-' && len(rs) > 0 {
			continue // a word gap in English phrases: whitespace is folded away
		}
		f := textfeat.Fold(r)
		if f < 0 {
			continue
		}
		if f >= 0x80 {
			ascii = false
		}
		rs = append(rs, f)
	}
	if len(rs) == 0 {
		return
	}
	key := string(rs)
	i, ok := index[key]
	if !ok {
		i = len(d.entries)
		index[key] = i
		d.entries = append(d.entries, entry{runes: rs, ascii: ascii})
	}
	set(&d.entries[i])
}

func buildDict() *dict {
	d := &dict{}
	index := map[string]int{}
	each := func(list string, set func(e *entry)) {
		for _, w := range strings.Fields(list) {
			d.add(w, set, index)
		}
	}
	for _, l := range sentimentWords {
		each(l.words, func(e *entry) { e.roles |= roleSentiment; e.pol = l.pol })
	}
	for _, l := range emojiSentiment {
		each(l.words, func(e *entry) { e.roles |= roleSentiment; e.pol = l.pol })
	}
	for _, l := range englishSentiment {
		each(l.words, func(e *entry) { e.roles |= roleSentiment; e.pol = l.pol })
	}
	each("好", func(e *entry) { e.roles |= roleGood })
	each(negators, func(e *entry) { e.roles |= roleNegator })
	for _, l := range degreeWords {
		each(l.words, func(e *entry) { e.roles |= roleDegree; e.mult = l.mult })
	}
	each(sarcasmStrong, func(e *entry) { e.roles |= roleSarcasm })
	each(sarcasmContext, func(e *entry) { e.roles |= roleSarcasmCtx })
	each(sarcasmLead, func(e *entry) { e.roles |= roleSarcasmLead })
	each(holdingPhrases, func(e *entry) { e.roles |= roleHolding })
	each(brandVoice, func(e *entry) { e.roles |= roleHolding | roleBrand })
	each(neutralPhrases, func(e *entry) { e.roles |= roleNeutral })
	each(newsPhrases, func(e *entry) { e.roles |= roleNews })
	each(contrastWords, func(e *entry) { e.roles |= roleContrast })
	for _, l := range crisisTerms {
		each(l.words, func(e *entry) {
			if e.roles&roleCrisis != 0 && e.catW >= l.weight {
				return
			}
			e.roles |= roleCrisis
			e.cat, e.catW, e.hostile = l.cat, l.weight, l.hostile
		})
	}
	each(remedies, func(e *entry) { e.roles |= roleRemedy })
	each(redFlags, func(e *entry) { e.roles |= roleRedFlag })
	each(redFlagsInContext, func(e *entry) { e.roles |= roleRedFlagCtx })

	d.order = make([]int32, len(d.entries))
	for i := range d.order {
		d.order[i] = int32(i)
	}
	sort.Slice(d.order, func(a, b int) bool {
		ea, eb := &d.entries[d.order[a]], &d.entries[d.order[b]]
		if ea.runes[0] != eb.runes[0] {
			return ea.runes[0] < eb.runes[0]
		}
		if sa, sb := second(ea), second(eb); sa != sb {
			return sa < sb
		}
		if len(ea.runes) != len(eb.runes) {
			return len(ea.runes) > len(eb.runes)
		}
		return string(ea.runes) < string(eb.runes)
	})
	d.heads = make([]uint32, 0x10000)
	d.astral = map[rune]uint32{}
	for i := 0; i < len(d.order); {
		r := d.entries[d.order[i]].runes[0]
		j := i
		for j < len(d.order) && d.entries[d.order[j]].runes[0] == r {
			j++
		}
		if j-i > headCount || i >= 1<<(32-headBits) {
			panic("classify: lexicon too large for the dictionary index")
		}
		v := uint32(i)<<headBits | uint32(j-i)
		if r < 0x10000 {
			d.heads[r] = v
		} else {
			d.astral[r] = v
		}
		i = j
	}
	return d
}

// A head packs a group's start in d.order and its size.
const (
	headBits  = 12
	headCount = 1<<headBits - 1
)

// second is the sort key that groups entries by their second rune; the
// one-rune entry of a group sorts last.
func second(e *entry) rune {
	if len(e.runes) < 2 {
		return 1<<31 - 1
	}
	return e.runes[1]
}

func isAlnum(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= '0' && r <= '9'
}

// match returns the longest entry starting at rs[i], or nil. Entries that
// start with rs[i] are sorted by their second rune, so only those that can
// match are compared (不 alone starts some eighty entries).
func (d *dict) match(t *textfeat.Runes, i int) *entry {
	rs := t.R
	r := rs[i]
	var v uint32
	if r < 0x10000 {
		v = d.heads[r]
	} else {
		v = d.astral[r]
	}
	if v == 0 {
		return nil
	}
	group := d.order[v>>headBits : v>>headBits+v&headCount]
	if i+1 < len(rs) {
		next := rs[i+1]
		lo, hi := 0, len(group)
		for lo < hi {
			m := int(uint(lo+hi) >> 1)
			if second(&d.entries[group[m]]) < next {
				lo = m + 1
			} else {
				hi = m
			}
		}
		for _, ei := range group[lo:] {
			e := &d.entries[ei]
			if len(e.runes) < 2 || e.runes[1] != next {
				break
			}
			if fits(t, i, e) {
				return e
			}
		}
	}
	if e := &d.entries[group[len(group)-1]]; len(e.runes) == 1 && fits(t, i, e) {
		return e
	}
	return nil
}

// fits reports whether all of e matches at rs[i] (its first two runes
// already do), English entries only on word boundaries.
func fits(t *textfeat.Runes, i int, e *entry) bool {
	rs := t.R
	end := i + len(e.runes)
	if end > len(rs) {
		return false
	}
	for k := 2; k < len(e.runes); k++ {
		if rs[i+k] != e.runes[k] {
			return false
		}
	}
	if e.ascii && (isAlnum(rs[i-1]) && !t.Gap[i] || end < len(rs) && isAlnum(rs[end]) && !t.Gap[end]) {
		return false
	}
	return true
}
