package classify

import (
	"math"
	"unicode/utf8"

	"warroom/model"
)

// Tuning of the rules. Flipping a hostile word (不难吃) gives only mild
// warmth: "not bad" is faint praise. Flipping a warm word (不好吃) keeps most
// of its strength.
const (
	negWindow      = 4   // runes allowed between a negator and its word
	degreeWindow   = 2   // runes allowed between a degree word and its word
	flipHostile    = 0.5 // 不难吃: hostile word under negation
	flipWarm       = 0.9 // 不好吃: warm word under negation
	doubleNegation = 0.6 // 不是不喜欢: two negators keep the sense, weakened
	contrastWeight = 1.4 // after 但是 the writer's verdict weighs more
	sarcasmOffset  = 1.0 // sarcasm is hostile even with nothing else said
	learnedClamp   = 4.0 // the learned part never outvotes strong rules
	strongCue      = 2.0 // crisis hostility at which learned warmth is distrusted
	negThreshold   = 0.2 // a sliver of evidence is not a complaint
	neutralLean    = 0.0 // the most a question with no word of tone may lean negative
	neutralWarm    = 0.5 // and the most it may lean warm: below Sentiment 0.2
	lexWeight      = 0.8 // sentiment words against the learned part, for a short post
	lexLength      = 20  // runes up to which the lexicon counts in full
	// thirdPartyCrisis is how much crisis weight a regulator's or a
	// reporter's neutral register can absorb: 立案调查 alone is news, 过期
	// 食品被罚款 is bad news.
	thirdPartyCrisis = 2.5
	// tagCrisis is how much of a crisis term's hostility counts inside a
	// #topic#: under #外卖吃出虫子# people ask, defend and praise, and the
	// topic alone does not make the post a complaint. Its category and
	// red flags still count.
	tagCrisis = 0.25
	// lexiconSure is the lexicon's category score (one strong crisis term)
	// at which it, not the learned category model, names the category.
	lexiconSure = 2.0
	// learnedSure is the probability at which the category model's reading
	// is taken; below it a complaint with no crisis term stays "other"
	// (鲜味坊太过分了 names no kind of crisis).
	learnedSure = 0.4
	// harmSure is a safety category's score (one term such as 头发 or 烫伤)
	// at which it may win over service or price words in the same post.
	harmSure = 1.5
	// harmStrong is a safety score that wins without the category model's
	// agreement: two safety terms, or one with a red flag (吃出 + 异物).
	harmStrong = 2.5
)

type ruleResult struct {
	warm, hostile float64 // sentiment words, weighted
	tagCrisis     float64 // the part of crisis from terms inside a #topic#
	sincere       float64 // warmth from words that are not sarcasm markers
	strongHostile float64 // from words at least as hostile as 难吃
	crisis        float64 // crisis terms and red flags
	catScore      [len(categoryOrder)]float64
	remedy        [len(categoryOrder)]float64 // the part of catScore from remedies (停业整顿)
	hold, news    int
	brand         int // holding phrases in the brand's own voice
	neutral       int // questions, choices, not-yet-tried reports
	quotedHold    int
	sarcasm       bool
	negations     int
	crisisTerms   int
	ctxFlags      []int // indices into terms of context red flags, pending a crisis term
	owned         [][2]int32
}

// categoryOrder breaks ties: the more alarming category wins.
var categoryOrder = [...]model.Category{
	model.CategoryFoodSafety, model.CategoryProductSafety, model.CategoryBoycott, model.CategoryPrivacy,
	model.CategoryLegal, model.CategoryPriceFraud, model.CategoryLabour, model.CategoryService,
}

func catIndex(c model.Category) int {
	for i, x := range categoryOrder {
		if x == c {
			return i
		}
	}
	return -1
}

func (c *Classifier) rules(sc *scratch) *ruleResult {
	r := &sc.rules
	*r = ruleResult{ctxFlags: r.ctxFlags[:0], owned: r.owned[:0]}
	sc.terms = sc.terms[:0]
	sc.flags = sc.flags[:0]
	addTerm := func(a, b int32, flag bool) int {
		sc.terms = append(sc.terms, [2]int32{a, b})
		sc.flags = append(sc.flags, flag)
		return len(sc.terms) - 1
	}
	var (
		negCount   int
		negStart   int32
		negEnd     int32 = -100
		degMult    float32
		degEnd     int32      = -100
		clause     int32      = -1
		weight                = 1.0
		pendingCtx [][2]int32 // context sarcasm markers, kept aside until the text proves hostile
	)
	toks := sc.toks
	for ti, tk := range toks {
		e := tk.e
		if cl := sc.clause[tk.start]; cl != clause {
			clause, negCount, degEnd = cl, 0, -100
		}
		inQuote := sc.quote[tk.start] != 0 && sc.quote[tk.end-1] == sc.quote[tk.start]
		if e.roles&roleNeutral != 0 {
			r.neutral++
			r.owned = append(r.owned, [2]int32{tk.start, tk.end})
			continue
		}
		if e.roles&(roleHolding|roleNews) != 0 {
			if inQuote {
				// “高度重视” in quotes mocks the brand's own words.
				r.quotedHold++
				addTerm(tk.start, tk.end, false)
			} else if e.roles&roleHolding != 0 {
				r.hold++
				if e.roles&roleBrand != 0 {
					r.brand++
				}
			} else {
				r.news++
			}
			continue
		}
		if e.roles&roleNegator != 0 {
			if negCount > 0 && tk.start-negEnd <= negWindow {
				negCount++
			} else {
				negCount, negStart = 1, tk.start
			}
			negEnd = tk.end
			continue
		}
		good := e.roles&roleGood != 0 && ti+1 < len(toks) && toks[ti+1].start == tk.end &&
			toks[ti+1].e.roles&roleSentiment != 0 && toks[ti+1].e.pol != 0
		if e.roles&roleDegree != 0 || good {
			degMult = e.mult
			if good {
				degMult = 1.5
			}
			degEnd = tk.end
			if negCount > 0 && tk.start-negEnd <= negWindow {
				negEnd = tk.end // 不是很好: the negator reaches across the degree word
			}
			continue
		}
		if e.roles&roleContrast != 0 {
			weight = contrastWeight
			continue
		}
		if e.roles&roleSarcasm != 0 {
			r.sarcasm = true
			addTerm(tk.start, tk.end, false)
			continue
		}
		negated := negCount > 0 && tk.start-negEnd <= negWindow && !rhetorical(sc, tk.end) &&
			!scopeBreak(sc.t.R[negEnd:tk.start])
		odd := negated && negCount%2 == 1
		if negated {
			r.negations++
			r.owned = append(r.owned, [2]int32{negStart, tk.end})
		}
		negCount = 0
		marker := false
		if e.roles&roleSarcasmLead != 0 && tk.start == 1 {
			r.sarcasm = true
			addTerm(tk.start, tk.end, false)
		} else if e.roles&roleSarcasmCtx != 0 && !negated {
			pendingCtx = append(pendingCtx, [2]int32{tk.start, tk.end})
			marker = true
		}
		if e.roles&roleSentiment != 0 && e.pol != 0 {
			v := float64(e.pol)
			if tk.start-degEnd <= degreeWindow {
				v *= float64(degMult)
			}
			switch {
			case odd && v < 0:
				v = -v * flipHostile
			case odd:
				v = -v * flipWarm
			case negated:
				v *= doubleNegation
			}
			if q := sc.quote[tk.start]; q != 0 && v >= 1 && !negated &&
				2*(tk.end-tk.start) >= sc.quotes[q-1][1]-sc.quotes[q-1][0] {
				// Scare quotes around praise: 号称“良心企业”. The praise must be
				// most of the quotation: in 说“你好！” nobody is mocked.
				qs := sc.quotes[q-1]
				r.owned = append(r.owned, qs)
				r.sarcasm = true
				v = -v
				addTerm(qs[0], qs[1], false)
			} else if math.Abs(v) >= 1.5 {
				addTerm(tk.start, tk.end, false)
			}
			v *= weight
			if v > 0 {
				r.warm += v
				if !marker {
					r.sincere += v
				}
			} else {
				r.hostile -= v
				if -v >= 2 {
					r.strongHostile -= v
				}
			}
		}
		degEnd = -100
		if odd {
			continue // 没有异物, 未发现问题: the crisis is denied, not reported
		}
		tw := weight
		inTag := sc.tag[tk.start] != 0
		if inTag {
			tw *= tagCrisis
		}
		if e.roles&roleCrisis != 0 {
			if i := catIndex(e.cat); i >= 0 {
				r.catScore[i] += float64(e.catW)
				if e.roles&roleRemedy != 0 {
					r.remedy[i] += float64(e.catW)
				}
			}
			r.crisis += float64(e.hostile) * tw
			if inTag {
				r.tagCrisis += float64(e.hostile) * tw
			}
			if e.catW >= 1 {
				r.crisisTerms++
				addTerm(tk.start, tk.end, e.roles&roleRedFlag != 0)
			}
		}
		if e.roles&roleRedFlag != 0 {
			if e.roles&roleCrisis == 0 {
				r.crisis += strongCue * tw
				if inTag {
					r.tagCrisis += strongCue * tw
				}
				addTerm(tk.start, tk.end, true)
			} else if e.catW < 1 {
				addTerm(tk.start, tk.end, true)
			}
		}
		if e.roles&roleRedFlagCtx != 0 {
			r.ctxFlags = append(r.ctxFlags, addTerm(tk.start, tk.end, false))
		}
	}
	// Context red flags count only beside a crisis term; context sarcasm
	// only in a hostile text.
	for _, i := range r.ctxFlags {
		sc.flags[i] = r.crisisTerms > 0
	}
	// Context markers are sarcastic in a hostile text with no real praise
	// in it: 感谢贵司让我吃出头发, not 服务很好，感谢前台.
	if len(pendingCtx) > 0 && (r.strongHostile >= 2 || r.crisis >= 1.5) && r.sincere < 1.5 {
		r.sarcasm = true
		for _, m := range pendingCtx {
			addTerm(m[0], m[1], false)
		}
	}
	if r.quotedHold > 0 {
		r.sarcasm = true
	}
	return r
}

// decide combines the learned tone and the rules into a Judgement.
func (c *Classifier) decide(sc *scratch, text string, r *ruleResult, learned float64) Judgement {
	learned = math.Max(-learnedClamp, math.Min(learnedClamp, learned))
	lex := r.hostile - r.warm
	if r.sarcasm {
		// Praise in a sarcastic post is the insult: count it as hostility,
		// and distrust the learned part's reading of it as warm.
		lex = r.hostile + r.warm + sarcasmOffset
		learned = math.Max(learned, 0)
	}
	if r.crisis >= strongCue {
		learned = math.Max(learned, -1)
	}
	crisis := r.crisis
	if r.neutral > 0 && r.warm == 0 && r.hostile == 0 && r.crisis == r.tagCrisis && !r.sarcasm {
		// A question or a choice with no word of tone in it (有人用过吗，
		// 值不值得买; 麻辣烫还是黄焖鸡，纠结): the learned part's lean comes
		// from what reviews say about the things named, not from the post.
		// Nor does it make the post warm: 哪个性价比高 asks, it does not praise.
		// Asked under a crisis #topic# (#抵制X# 门店还开着吗), it is still a
		// question: the topic names the crisis, the post does not join it.
		learned = math.Max(-neutralWarm, math.Min(learned, neutralLean))
		crisis = 0
	}
	// Long reviews mention a dozen small gripes on the way to praise; the
	// learned part is normalised for length, and so is the word lexicon,
	// whose words are counted as a rate per 20 runes past that length
	// (chosen on the validation rows: a square-root damping let hotel
	// reviews' side remarks outvote their verdict). Crisis terms are not
	// normalised: one 食物中毒 matters however long the post.
	lex *= lexWeight / math.Max(1, float64(len(sc.t.R))/lexLength)
	score := learned + lex + crisis

	j := Judgement{Why: Breakdown{
		Learned: learned, Lexicon: lex, Crisis: crisis, Score: score,
		Negations: r.negations, Sarcasm: r.sarcasm,
	}}

	j.Sentiment = -math.Tanh(score / 2.5)
	j.Negative = score > negThreshold
	if !j.Negative {
		j.Sentiment = math.Max(j.Sentiment, -0.15)
	}

	holding := (r.hold >= 1 || r.news >= 2) && !r.sarcasm && r.strongHostile < 2
	// Reporting register with nothing hostile in the words: the learned
	// part's lean alone does not make news a complaint.
	if r.news >= 1 && !r.sarcasm && r.hostile < 1 && r.crisis < 1 {
		holding = true
	}
	if holding {
		j.Why.Holding = true
		hasFlag := false
		for _, f := range sc.flags {
			hasFlag = hasFlag || f
		}
		// A brand speaking is not an attack on itself. A regulator or a
		// reporter is neutral too, unless what they report is harm to
		// people or a penalty: plain news of a fire, a death or a fine
		// is still bad news for the brand.
		if r.brand >= 1 || !hasFlag && r.crisis < thirdPartyCrisis {
			j.Negative = false
			j.Sentiment = math.Max(-0.2, math.Min(0.3, j.Sentiment))
		}
	}

	if r.brand >= 1 {
		for i := range r.catScore {
			r.catScore[i] -= r.remedy[i]
		}
	}
	best, bestScore := -1, 0.0
	for i, s := range r.catScore {
		if s > bestScore {
			best, bestScore = i, s
		}
	}
	// Harm outranks its handling: 外卖里吃出头发，客服只说退款 is a food-safety
	// story with bad service in it, whatever the service words add up to.
	// But 过期, 头发 or 质量问题 are also said of memberships, haircuts and
	// service (会员过期了，客服不给退款): a safety term wins only when it is
	// strong, or when the category model reads the post the same way.
	// The category model's reading, computed at most once, and only for a
	// complaint the lexicon cannot settle.
	var learnedCat model.Category
	learnedP := -1.0
	modelCat := func() (model.Category, float64) {
		if learnedP < 0 {
			learnedCat, learnedP = c.learnedCategory(sc.t.R)
		}
		return learnedCat, learnedP
	}
	if j.Negative && best >= 0 && (categoryOrder[best] == model.CategoryService || categoryOrder[best] == model.CategoryPriceFraud) {
		for _, harm := range [...]model.Category{model.CategoryFoodSafety, model.CategoryProductSafety} {
			i := catIndex(harm)
			score := r.catScore[i]
			if score < harmSure {
				continue
			}
			if score < harmStrong {
				if cat, _ := modelCat(); cat != harm {
					continue
				}
			}
			best, bestScore = i, score
			break
		}
	}
	need := 2.0
	if j.Negative {
		need = 1
	}
	switch {
	case best >= 0 && bestScore >= need:
		j.Category = categoryOrder[best]
	case j.Negative:
		j.Category = model.CategoryOther
	}
	// A crisis term said outright decides; short of one, the category model
	// reads the complaint (理赔拖了两个月, 一直计费, 家里全被看光了).
	if j.Negative && bestScore < lexiconSure {
		if cat, p := modelCat(); p >= learnedSure {
			j.Category = cat
		}
	}

	j.Terms, j.RedFlags = collectTerms(sc, text)
	return j
}

// collectTerms cuts the matched ranges out of the original text, in order of
// appearance and without repeats.
func collectTerms(sc *scratch, text string) (terms, flags []string) {
	if len(sc.terms) == 0 {
		return nil, nil
	}
	// Insertion sort: a text has a handful of terms.
	for i := 1; i < len(sc.terms); i++ {
		for k := i; k > 0 && sc.terms[k][0] < sc.terms[k-1][0]; k-- {
			sc.terms[k], sc.terms[k-1] = sc.terms[k-1], sc.terms[k]
			sc.flags[k], sc.flags[k-1] = sc.flags[k-1], sc.flags[k]
		}
	}
	off := sc.t.Off
	terms = make([]string, 0, len(sc.terms))
	for i, t := range sc.terms {
		a := off[t[0]]
		last := off[t[1]-1]
		_, size := utf8.DecodeRuneInString(text[last:])
		s := text[a : int(last)+size]
		if !contains(terms, s) {
			terms = append(terms, s)
		}
		if sc.flags[i] && !contains(flags, s) {
			flags = append(flags, s)
		}
	}
	return terms, flags
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// scopeBreak reports a conditional between a negator and a word: in
// 不买就甩脸色 the 不 belongs to 买, and 甩脸色 is meant as said.
func scopeBreak(between []rune) bool {
	for _, r := range between {
		if r == '就' || r == '才' {
			return true
		}
	}
	return false
}

// rhetorical reports a question that asserts what it seems to deny:
// 这不是诈骗是什么, 难道不是欺诈吗. It looks at the rest of the clause.
func rhetorical(sc *scratch, from int32) bool {
	rs := sc.t.R
	cl := sc.clause[from-1]
	for i := int(from); i < len(rs) && sc.clause[i] == cl; i++ {
		switch rs[i] {
		case '吗':
			return true
		case '谁', '鬼':
			if i+1 < len(rs) && rs[i+1] == '信' {
				return true // 说没在监听，谁信
			}
		case '是':
			if i+2 < len(rs) && rs[i+1] == '什' && rs[i+2] == '么' {
				return true
			}
		}
	}
	return false
}
