// Package classify judges mentions: how hostile a post is, what kind of
// crisis it talks about, which words give that away, and how severe it is
// once the author's reach is counted.
//
// Two parts work together. A learned logistic regression over hashed
// character n-grams (trained on human-labelled Chinese reviews and a few
// hundred hand-labelled posts from other domains; see ./train) gives a
// general sense of tone. A hand-written lexicon then
// handles what reviews do not teach and what a crisis desk cannot afford to
// get wrong: negation and double negation, degree words, sarcasm, official
// holding statements, and crisis terms that decide the category and
// outweigh the learned tone. A complaint that names no crisis term gets
// its category from a second learned model, trained on labelled posts.
package classify

//go:generate go run ./train -data ../../../shared/data/sentiment -social testdata -out weights.bin.gz -cat-out categories.bin.gz

import (
	"bytes"
	_ "embed"
	"fmt"
	"math"
	"sync"
	"unicode/utf8"

	"warroom/feed/classify/internal/textfeat"
	"warroom/model"
)

//go:embed weights.bin.gz
var weightsFile []byte

//go:embed categories.bin.gz
var categoriesFile []byte

// MaxTextBytes bounds how much of a text is read; a mention longer than
// this is judged on its beginning, which keeps hostile input from costing
// unbounded time.
const MaxTextBytes = 256 << 10

// Classifier judges text. It is immutable after New and safe for concurrent
// use.
type Classifier struct {
	w     []int16
	bias  float64
	k     float64
	scale float64
	// The category model, slot-major: the weights of slot s for every class
	// are catW[s*len(catOf):][:len(catOf)], one cache line for one n-gram.
	catW     []int16
	catScale float64
	catOf    []model.Category // the category of each class
	dict     *dict
	pool     sync.Pool // *scratch
}

// New loads the embedded weights and compiles the lexicon. It panics only
// if the embedded weights are corrupt, which is a build defect.
func New() *Classifier {
	c, err := newWithWeights(weightsFile)
	if err != nil {
		panic(fmt.Sprintf("classify: embedded %v", err))
	}
	return c
}

// newWithWeights lets tests try weights trained with other settings.
func newWithWeights(b []byte) (*Classifier, error) {
	m, err := textfeat.Decode(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	cats, err := textfeat.DecodeCategories(bytes.NewReader(categoriesFile))
	if err != nil {
		return nil, err
	}
	c := &Classifier{w: m.W, bias: m.Bias, k: m.K, scale: m.Scale, catScale: cats.Scale, dict: buildDict()}
	for _, name := range cats.Names {
		cat := model.Category(name)
		if catIndex(cat) < 0 && cat != model.CategoryOther {
			return nil, fmt.Errorf("category model: unknown category %q", name)
		}
		c.catOf = append(c.catOf, cat)
	}
	n := len(c.catOf)
	if n == 0 || n > maxCategories {
		return nil, fmt.Errorf("category model: %d classes", n)
	}
	c.catW = make([]int16, textfeat.CatBuckets*n)
	for cl, w := range cats.W {
		for slot, x := range w {
			c.catW[slot*n+cl] = x
		}
	}
	c.pool.New = func() any { return new(scratch) }
	return c, nil
}

const maxCategories = textfeat.MaxCategories

// learnedCategory is what the category model reads in the text: the most
// likely class and its probability. A text none of whose n-grams the model
// knows has probability 0.
func (c *Classifier) learnedCategory(rs []rune) (model.Category, float64) {
	var z [maxCategories]int64
	n := len(c.catOf)
	count, known := 0, false
	for i := range rs {
		h := textfeat.Seed()
		for k := 1; k <= textfeat.MaxN && i+k <= len(rs); k++ {
			h = textfeat.Mix(h, rs[i+k-1])
			if k == 1 && (rs[i] == textfeat.BOS || rs[i] == textfeat.EOS) {
				continue
			}
			count++
			slot := int(textfeat.CatSlot(textfeat.Bucket(h, k)))
			for cl, x := range c.catW[slot*n : slot*n+n] {
				if x != 0 {
					z[cl] += int64(x)
					known = true
				}
			}
		}
	}
	if !known {
		return model.CategoryOther, 0
	}
	best := 0
	for cl := 1; cl < n; cl++ {
		if z[cl] > z[best] {
			best = cl
		}
	}
	v := textfeat.Norm(1, count) * c.catScale
	var total float64
	for cl := range n {
		total += math.Exp(v * float64(z[cl]-z[best]))
	}
	return c.catOf[best], 1 / total
}

// Judgement is what the classifier makes of one text.
type Judgement struct {
	Sentiment float64        // -1 hostile .. 1 warm
	Negative  bool           // reads as a complaint or attack on the brand
	Category  model.Category // kind of crisis; CategoryNone if nothing crisis-like
	Terms     []string       // crisis terms, red flags and strong sentiment words, as written in the text, in order
	RedFlags  []string       // the subset of Terms the early-warning desk must see at once
	Why       Breakdown
}

// Breakdown shows how a Judgement was reached, for the detail view. Scores
// are negativity logits: positive leans negative.
type Breakdown struct {
	Learned   float64 // the learned model, after spans the rules own are removed
	Lexicon   float64 // sentiment words after negation, degree, contrast, sarcasm and length
	Crisis    float64 // crisis terms and red flags
	Score     float64 // the combination; Negative is Score > 0.2 unless Holding
	Negations int     // sentiment or crisis words turned around by a negator
	Sarcasm   bool    // sarcasm markers or scare-quoted praise were found
	Holding   bool    // reads as an official holding statement or neutral news
}

// Classify judges m's text and fills its Sentiment, Negative, Category,
// Terms and Severity.
func (c *Classifier) Classify(m *model.Mention) {
	text := m.Text
	if text == "" {
		text = m.RawText
	}
	j := c.Judge(text)
	m.Sentiment = j.Sentiment
	m.Negative = j.Negative
	m.Category = j.Category
	m.Terms = j.Terms
	if m.Terms == nil {
		m.Terms = []string{} // non-nil marks the mention as judged, for RedFlags
	}
	m.Severity = severity(m, len(j.RedFlags)).Total
}

type token struct {
	start, end int32 // rune positions
	e          *entry
}

type scratch struct {
	t      textfeat.Runes
	grams  []int32 // weight of the n-gram of order k starting at i, at 3*i+k-1
	clause []int32 // clause number of each rune
	quote  []int32 // for runes inside a short quotation: index+1 into quotes
	quotes [][2]int32
	tag    []int32 // 1 for runes inside a #hashtag#
	toks   []token
	terms  [][2]int32 // rune ranges of matched terms
	flags  []bool     // terms[i] is a red flag
	rules  ruleResult
}

// Judge reads one text. Empty or unreadable text is neutral.
func (c *Classifier) Judge(text string) Judgement {
	if len(text) > MaxTextBytes {
		cut := MaxTextBytes
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	sc := c.pool.Get().(*scratch)
	defer c.pool.Put(sc)
	sc.t.Reset(text)
	rs := sc.t.R
	n := len(rs)
	if n <= 2 {
		return Judgement{}
	}

	// Learned tone: remember each n-gram's weight so rules can take spans back.
	sc.grams = grow(sc.grams, 3*n)
	var sum int64
	count := 0
	w := c.w
	for i := 0; i < n; i++ {
		h := textfeat.Seed()
		for k := 1; k <= textfeat.MaxN && i+k <= n; k++ {
			h = textfeat.Mix(h, rs[i+k-1])
			if k == 1 && (rs[i] == textfeat.BOS || rs[i] == textfeat.EOS) {
				continue
			}
			x := int32(w[textfeat.Bucket(h, k)])
			sc.grams[3*i+k-1] = x
			sum += int64(x)
			count++
		}
	}

	c.segment(sc)
	c.tokenize(sc)
	r := c.rules(sc)

	// The rules own negated phrases and scare quotes: drop every n-gram
	// that touches them, or 不难吃's 不难 would still vote for a complaint.
	for _, sp := range r.owned {
		for i := max(0, sp[0]-textfeat.MaxN+1); i < sp[1]; i++ {
			for k := int32(1); k <= textfeat.MaxN && int(i+k) <= n; k++ {
				if i+k > sp[0] {
					sum -= int64(sc.grams[3*i+k-1])
					sc.grams[3*i+k-1] = 0
				}
			}
		}
	}
	learned := c.bias + textfeat.Norm(c.k, count)*c.scale*float64(sum)
	learned *= chineseShare(rs)
	return c.decide(sc, text, r, learned)
}

// chineseShare is how far the learned part is trusted on a text: it was
// trained on Chinese reviews, so its n-grams of English words are noise
// ("Anyone know if the store opens early" read as a complaint). An English
// word of four or five letters counts about as much as one Chinese
// character; a text with no Latin letters is trusted in full.
func chineseShare(rs []rune) float64 {
	han, latin := 0, 0
	for _, r := range rs {
		switch {
		case r >= 'a' && r <= 'z':
			latin++
		case r >= 0x3400 && r <= 0x9fff:
			han++
		}
	}
	if latin == 0 {
		return 1
	}
	h := float64(han)
	return h / (h + float64(latin)/4)
}

func grow(s []int32, n int) []int32 {
	if cap(s) < n {
		return make([]int32, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// clauseEnd reports runes that end the reach of a negator or degree word.
func clauseEnd(r rune) bool {
	switch r {
	case '，', '。', '！', '？', '；', '：', ',', '.', '!', '?', ';', ':', '…', '~', '、', '\n',
		textfeat.BOS, textfeat.EOS, utf8.RuneError:
		return true
	}
	return false
}

func quoteOpen(r rune) rune {
	switch r {
	case '“':
		return '”'
	case '「':
		return '」'
	case '『':
		return '』'
	case '"':
		return '"'
	}
	return 0
}

// maxQuote is the longest quotation read as scare quotes; longer ones are
// reported speech.
const maxQuote = 12

// maxTag is the longest #topic# read as a hashtag.
const maxTag = 24

// segment numbers clauses and finds short quotations.
func (c *Classifier) segment(sc *scratch) {
	rs := sc.t.R
	n := len(rs)
	sc.clause = grow(sc.clause, n)
	sc.quote = grow(sc.quote, n)
	sc.quotes = sc.quotes[:0]
	var cl int32
	for i, r := range rs {
		// Whitespace between Chinese characters separates clauses the way a
		// comma would (垃圾 再也不来了).
		if clauseEnd(r) || sc.t.Gap[i] && i > 0 && rs[i-1] >= 0x80 && r >= 0x80 {
			cl++
		}
		sc.clause[i] = cl
	}
	sc.tag = grow(sc.tag, n)
	for i := 1; i < n-1; i++ {
		if rs[i] != '#' {
			continue
		}
		// #topic# or, on Weibo's newer form, #topic up to a space or a
		// clause end. A topic is a label the platform trends, not what
		// the author says.
		j := i + 1
		for ; j < n && j <= i+maxTag+1; j++ {
			if rs[j] == '#' || clauseEnd(rs[j]) || sc.t.Gap[j] {
				break
			}
		}
		if j > n-1 || j > i+maxTag+1 {
			continue
		}
		for k := i + 1; k < j; k++ {
			sc.tag[k] = 1
		}
		if rs[j] == '#' {
			i = j
		} else {
			i = j - 1
		}
	}
	for i := 1; i < n-1; i++ {
		closer := quoteOpen(rs[i])
		if closer == 0 {
			continue
		}
		for j := i + 1; j < n && j <= i+maxQuote+1; j++ {
			if rs[j] == closer {
				if j > i+1 {
					sc.quotes = append(sc.quotes, [2]int32{int32(i + 1), int32(j)})
					for k := i + 1; k < j; k++ {
						sc.quote[k] = int32(len(sc.quotes))
					}
				}
				i = j
				break
			}
		}
	}
}

func (c *Classifier) tokenize(sc *scratch) {
	sc.toks = sc.toks[:0]
	n := len(sc.t.R)
	for i := 1; i < n-1; {
		e := c.dict.match(&sc.t, i)
		if e == nil {
			i++
			continue
		}
		end := i + len(e.runes)
		sc.toks = append(sc.toks, token{int32(i), int32(end), e})
		i = end
	}
}
