package drill

import (
	"hash/fnv"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"warroom/model"
)

// Generator produces a drill's mentions on a virtual clock and lets the
// crowd react to what the team does.
//
// Output is a function of the scenario, the seed and the team's actions
// alone. Mentions are made a whole virtual minute at a time, each minute
// from its own random stream, so how often Until is called does not matter;
// and an action takes effect from the first minute boundary after it (or
// after what has already been handed out), so the same actions at the same
// times always give the same feed.
//
// A Generator is safe for concurrent use: a driver may call Until while the
// console calls React.
type Generator struct {
	mu    sync.Mutex
	sc    *Scenario
	seed  int64
	start time.Time
	crowd *crowd

	minutes int       // minutes in the drill
	next    int       // next minute to generate
	last    time.Time // everything up to here has been handed out
	pending []item    // generated, not yet handed out, in time order
	n       uint64    // mentions made so far; the ExternalID counter
	hot     []hotPost // recent posts that draw comments and reposts
	hotW    []float64 // their weights as of the current minute
	seen    map[uint64]struct{}
	cps     []checkpoint // state at the start of each minute not yet handed out
	buf     []byte
	prefix  string
}

// item is a generated mention with what it was written to feel.
type item struct {
	m      *model.Mention
	s      Sentiment
	minute int
	hash   uint64 // registered in seen, so a rollback can forget it
	unique bool
}

// hotPost is a post that may draw comments and reposts.
type hotPost struct {
	id, author, text, url string
	platform              model.Platform
	s                     Sentiment
	depth                 int // repost chain length
	weight                float64
	at                    time.Time
}

// checkpoint is what a minute's generation changes, saved so a late action
// can regenerate minutes that were made ahead (by Next) but not handed out.
type checkpoint struct {
	minute int
	n      uint64
	hot    []hotPost
}

const (
	maxText     = 4000 // bytes of template output before slots stop expanding
	hotCap      = 48
	hotHalfLife = 45 * time.Minute
	maxChain    = 4
)

// NewGenerator starts a drill of sc at start. The default judge of
// statements is the draft checker.
func NewGenerator(sc *Scenario, seed int64, start time.Time) *Generator {
	return newGenerator(sc, seed, start, draftJudge)
}

func newGenerator(sc *Scenario, seed int64, start time.Time, judge Judge) *Generator {
	g := &Generator{sc: sc, seed: seed, start: start, last: start,
		crowd:   newCrowd(sc, seed, start, judge),
		minutes: int((sc.Duration + time.Minute - 1) / time.Minute),
		seen:    map[uint64]struct{}{},
		prefix:  "drill-" + strconv.FormatInt(seed, 10) + "-",
	}
	return g
}

// SetJudge replaces how published statements are judged; tests and tools
// that have no draft checker use it. Call it before React.
func (g *Generator) SetJudge(j Judge) {
	g.mu.Lock()
	g.crowd.judge = j
	g.mu.Unlock()
}

// Scenario returns the scenario being run.
func (g *Generator) Scenario() *Scenario { return g.sc }

// End returns when the drill ends.
func (g *Generator) End() time.Time { return g.start.Add(g.sc.Duration) }

// Until returns every mention ingested in (last call, t], in time order.
func (g *Generator) Until(t time.Time) []*model.Mention {
	ms, _ := g.UntilLabeled(t)
	return ms
}

// UntilLabeled is Until with the sentiment each mention was written to
// carry, for tests and for measuring a classifier against the drill.
func (g *Generator) UntilLabeled(t time.Time) ([]*model.Mention, []Sentiment) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if !t.After(g.last) {
		return nil, nil
	}
	for g.next < g.minutes && g.minuteStart(g.next).Before(t) {
		g.generate()
	}
	k := 0
	for k < len(g.pending) && !g.pending[k].m.IngestedAt.After(t) {
		k++
	}
	ms := make([]*model.Mention, k)
	ss := make([]Sentiment, k)
	for i, it := range g.pending[:k] {
		ms[i], ss[i] = it.m, it.s
	}
	g.pending = slices.Delete(g.pending, 0, k)
	g.last = t
	// Minutes that started before the horizon can no longer change.
	i := 0
	for i < len(g.cps) && g.minuteStart(g.cps[i].minute).Before(g.last) {
		i++
	}
	g.cps = slices.Delete(g.cps, 0, i)
	return ms, ss
}

// Next returns the time of the next mention, so a driver can sleep until
// then; zero when the drill has no more. A later React may change it.
func (g *Generator) Next() time.Time {
	g.mu.Lock()
	defer g.mu.Unlock()
	for len(g.pending) == 0 && g.next < g.minutes {
		g.generate()
	}
	if len(g.pending) == 0 {
		return time.Time{}
	}
	return g.pending[0].m.IngestedAt
}

// React feeds one team action into the crowd: a published statement (its
// text, from state, is judged by the draft checks), an alert and its
// acknowledgement, the declaration. The effect starts at the first minute
// boundary after the event, or after the mentions already handed out if
// the event comes late. state is the incident as of the event; it may be
// nil, and then a statement is judged on the text in the event's payload.
func (g *Generator) React(ev model.Event, state *model.State) {
	g.mu.Lock()
	defer g.mu.Unlock()
	at := ev.At
	if at.Before(g.last) {
		at = g.last
	}
	from := g.boundaryAfter(at)
	if !g.crowd.react(ev, state, from) {
		return
	}
	if k := int(from.Sub(g.start) / time.Minute); k < g.next {
		g.rollback(k)
	}
}

// Stances returns how the crowd took each published statement so far.
func (g *Generator) Stances() []PublishedStance {
	g.mu.Lock()
	defer g.mu.Unlock()
	return slices.Clone(g.crowd.stances)
}

func (g *Generator) minuteStart(m int) time.Time { return g.start.Add(time.Duration(m) * time.Minute) }

// boundaryAfter returns the first minute boundary strictly after t.
func (g *Generator) boundaryAfter(t time.Time) time.Time {
	if t.Before(g.start) {
		return g.start
	}
	return g.minuteStart(int(t.Sub(g.start)/time.Minute) + 1)
}

// rollback forgets minutes k and later, which were made ahead of the
// horizon, so they are made again with the crowd's new mood.
func (g *Generator) rollback(k int) {
	ci := slices.IndexFunc(g.cps, func(c checkpoint) bool { return c.minute == k })
	if ci < 0 {
		return // cannot happen: minute k starts after the horizon
	}
	cp := g.cps[ci]
	g.n, g.hot = cp.n, slices.Clone(cp.hot) // weights are recomputed when the minute is made again
	pi := slices.IndexFunc(g.pending, func(it item) bool { return it.minute >= k })
	if pi >= 0 {
		for _, it := range g.pending[pi:] {
			if it.unique {
				delete(g.seen, it.hash)
			}
		}
		g.pending = g.pending[:pi]
	}
	g.cps = g.cps[:ci]
	g.next = k
}

// minuteRand returns minute m's own random stream.
func (g *Generator) minuteRand(m int) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(g.seed), hash64(0x6d696e, uint64(m))))
}

// poisson draws a Poisson count; above 30 the normal approximation is
// plenty for a crowd.
func poisson(r *rand.Rand, lambda float64) int {
	if lambda <= 0 || math.IsNaN(lambda) {
		return 0
	}
	if lambda < 30 {
		limit, k, p := math.Exp(-lambda), 0, 1.0
		for {
			p *= r.Float64()
			if p <= limit {
				return k
			}
			k++
		}
	}
	return max(0, int(math.Round(lambda+math.Sqrt(lambda)*r.NormFloat64())))
}

// generate makes minute g.next: mentions at (start of minute, end of minute].
func (g *Generator) generate() {
	m := g.next
	g.cps = append(g.cps, checkpoint{minute: m, n: g.n, hot: slices.Clone(g.hot)})
	g.next++
	r := g.minuteRand(m)
	ms := g.minuteStart(m)
	// Decay the hot list once a minute rather than on every pick.
	g.hotW = g.hotW[:0]
	for i := range g.hot {
		g.hotW = append(g.hotW, g.hot[i].current(ms))
	}
	md := g.crowd.at(ms.Add(30 * time.Second))
	end := g.start.Add(g.sc.Duration)

	lambda := md.topic + md.chat
	count := poisson(r, lambda)
	offs := make([]int, count)
	for i := range offs {
		offs[i] = 1 + r.IntN(60000)
	}
	slices.Sort(offs)

	// Key events in this minute, at their own times.
	type key struct {
		idx int
		off int
	}
	var keys []key
	for i, kt := range g.crowd.keyAt {
		d := kt.Sub(ms)
		if d > 0 && d <= time.Minute && g.crowd.keyHappens(i) {
			keys = append(keys, key{i, int(d / time.Millisecond)})
		}
	}
	slices.SortStableFunc(keys, func(a, b key) int { return a.off - b.off })

	ki := 0
	for _, off := range offs {
		for ki < len(keys) && keys[ki].off <= off {
			g.keyEvent(r, m, keys[ki].idx, md)
			ki++
		}
		at := ms.Add(time.Duration(off) * time.Millisecond)
		if at.After(end) {
			break
		}
		if r.Float64()*lambda < md.chat {
			g.chatter(r, m, at)
		} else if md.phase != nil {
			g.topical(r, m, at, md)
		}
	}
	for ; ki < len(keys); ki++ {
		g.keyEvent(r, m, keys[ki].idx, md)
	}
}

// newMention fills what every generated mention has.
func (g *Generator) newMention(p model.Platform, a author, at time.Time, text string) *model.Mention {
	g.n++
	return &model.Mention{
		Platform: p, ExternalID: g.prefix + strconv.FormatUint(g.n, 10),
		AuthorName: a.name, AuthorID: a.id, AuthorFollowers: a.followers, Verified: a.verified,
		Text: text, RawText: text, CreatedAt: at, IngestedAt: at, IPLocation: a.location, Source: "drill",
	}
}

// engagement sets likes, comments and shares: they grow with reach, and
// angry posts travel further in a crisis.
func engagement(r *rand.Rand, m *model.Mention, s Sentiment, reply bool) {
	base := math.Pow(float64(m.AuthorFollowers)+10, 0.55) * math.Exp(0.8*r.NormFloat64()) * 0.3
	if s == Negative {
		base *= 1.6
	}
	if reply {
		base *= 0.15
	}
	m.Likes = int64(base)
	m.Comments = int64(base * (0.05 + 0.25*r.Float64()))
	m.Shares = int64(base * (0.02 + 0.4*r.Float64()))
	if s == Negative && !reply {
		m.Shares = int64(float64(m.Shares) * 1.5)
	}
}

// pickAuthor draws an author of kind k.
func (g *Generator) pickAuthor(r *rand.Rand, k AuthorKind) author {
	switch k {
	case Bot:
		return botAuthor(g.seed, uint64(r.IntN(populationSize)))
	case KOL, Media, Official:
		// Named accounts first; the generated pool fills in.
		var named []Account
		for _, a := range g.sc.Accounts {
			if a.Kind == k {
				named = append(named, a)
			}
		}
		// Named accounts (often the ones in key events) post now and then;
		// the generated pool carries the bulk.
		if len(named) > 0 && r.IntN(4) == 0 {
			a := named[r.IntN(len(named))]
			h := hash64(uint64(g.seed), 8, uint64(len(a.Name)), fnvString(a.Name))
			loc := a.Location
			if loc == "" {
				loc = provinces.pick(unit(h))
			}
			return author{kind: k, name: a.Name, id: uid(h), followers: a.Followers, verified: a.Verified, location: loc}
		}
		switch k {
		case KOL:
			return kolAuthor(g.seed, uint64(r.IntN(300)))
		case Media:
			return mediaAuthor(g.seed, uint64(r.IntN(len(mediaNames))))
		default:
			return officialAuthor(g.seed, uint64(r.IntN(len(officialNames))))
		}
	}
	// A Zipf-like draw: a few ordinary users post again and again.
	idx := uint64(math.Pow(r.Float64(), 2.2) * populationSize)
	return ordinaryAuthor(g.seed, idx)
}

func fnvString(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}

// templatesFor returns the templates for a group on a platform in a phase,
// and the group they came from (media and official fall back to posts).
func (g *Generator) templatesFor(p *Phase, pl model.Platform, grp int) ([]tmpl, int) {
	try := func(gr int) []tmpl {
		if pt := g.sc.platformTexts[pl]; pt != nil && len(pt[gr]) > 0 {
			return pt[gr]
		}
		if p != nil && len(p.texts[gr]) > 0 {
			return p.texts[gr]
		}
		return g.sc.texts[gr]
	}
	if ts := try(grp); len(ts) > 0 {
		return ts, grp
	}
	if grp >= gMediaNeg && grp <= gOfficialPos {
		base := gMediaNeg
		if grp >= gOfficialNeg {
			base = gOfficialNeg
		}
		if ts := try(base + 1); len(ts) > 0 { // the neutral voice of the same kind
			return ts, base + 1
		}
		s := grp - base
		return try(gNeg + s), gNeg + s
	}
	if grp >= gNegRepost && grp <= gPosRepost {
		return nil, grp // a bare repost is fine
	}
	if grp >= gNegComment && grp <= gPosComment {
		return try(grp - gNegComment), grp - gNegComment
	}
	return nil, grp
}

// groupSentiment is the sentiment a text group carries.
func groupSentiment(grp int) Sentiment {
	if grp == gSpam {
		return Neutral
	}
	return Sentiment(grp%3 - 1)
}

// expander fills slots for one mention.
type expander struct {
	g        *Generator
	phase    *Phase
	platform model.Platform
}

func (x *expander) slot(b []byte, name string, r *rand.Rand, depth int) []byte {
	sc := x.g.sc
	switch name {
	case "brand":
		return append(b, sc.Brand...)
	case "city":
		return append(b, cities[r.IntN(len(cities))]...)
	case "province":
		return append(b, provinces.Items[r.IntN(len(provinces.Items)-4)]...) // not 香港…海外
	case "emoji":
		return append(b, emojiNeu[r.IntN(len(emojiNeu))]...)
	case "emoji_neg":
		return append(b, emojiNeg[r.IntN(len(emojiNeg))]...)
	case "emoji_pos":
		return append(b, emojiPos[r.IntN(len(emojiPos))]...)
	case "when":
		return append(b, whens[r.IntN(len(whens))]...)
	case "num":
		return strconv.AppendInt(b, int64(2+r.IntN(98)), 10)
	case "at":
		b = append(b, '@')
		if len(sc.atNames) > 0 && r.IntN(2) == 0 {
			return append(b, sc.atNames[r.IntN(len(sc.atNames))]...)
		}
		return append(b, kolAuthor(x.g.seed, uint64(r.IntN(300))).name...)
	case "tag":
		return x.tag(b, r)
	}
	// Slots may nest; the depth and length caps keep a file whose slots
	// multiply at every level from producing a novel.
	if depth > 12 || len(b) > maxText {
		return b
	}
	if ts := sc.slots[name]; len(ts) > 0 {
		return ts[r.IntN(len(ts))].expand(b, r, x.slot, depth)
	}
	return b
}

// tag appends a hashtag in the platform's style: Weibo closes it (#话题#),
// the video and notes apps do not (#话题 ).
func (x *expander) tag(b []byte, r *rand.Rand) []byte {
	var tags []string
	if x.phase != nil {
		tags = x.phase.Hashtags
	}
	if x.phase != nil && (len(tags) == 0 || (len(x.g.sc.hashtags) > 0 && r.IntN(3) == 0)) {
		tags = x.g.sc.hashtags
	}
	if len(tags) == 0 {
		return b
	}
	t := tags[r.IntN(len(tags))]
	for len(t) > 0 && t[0] == '#' {
		t = t[1:]
	}
	for len(t) > 0 && t[len(t)-1] == '#' {
		t = t[:len(t)-1]
	}
	b = append(b, '#')
	b = append(b, t...)
	if x.platform == model.Weibo || x.platform == model.Tieba || x.platform == model.Heimao {
		return append(b, '#')
	}
	return append(b, ' ')
}

// text expands one template of ts with the platform's decorations, trying
// again when it has been written before: a real feed does not repeat itself.
func (g *Generator) text(r *rand.Rand, ts []tmpl, x *expander, s Sentiment, kind AuthorKind, post bool) (string, uint64, bool) {
	var h uint64
	casual := kind == Ordinary || kind == KOL || kind == Bot
	for try := 0; try < 8; try++ {
		b := g.buf[:0]
		if try >= 4 && casual {
			b = append(b, openers[r.IntN(len(openers))]...)
		}
		// Crisis hashtags only on crisis posts: chatter has no phase.
		if post && casual && x.phase != nil && hashtagged(x.platform) && r.Float64() < 0.3 {
			b = x.tag(b, r)
		}
		if len(ts) > 0 {
			b = ts[r.IntN(len(ts))].expand(b, r, x.slot, 0)
		}
		if casual && (r.Float64() < 0.3 || try >= 3) {
			b = appendEmoji(b, r, s, 1+r.IntN(2))
		}
		if post && casual && x.platform == model.Weibo && r.Float64() < 0.06 {
			b = append(b, ' ')
			b = x.slot(b, "at", r, 0)
		}
		if try >= 4 && casual {
			b = append(b, tails[s+1][r.IntN(len(tails[s+1]))]...)
		}
		if try >= 2 && kind == Media {
			// Outlets run the same wire copy; the byline tells them apart.
			b = append(b, "（记者 "...)
			b = append(b, reporterFamily[r.IntN(len(reporterFamily))]...)
			b = append(b, reporterGiven[r.IntN(len(reporterGiven))]...)
			if r.IntN(2) == 0 {
				b = append(b, ' ')
				b = append(b, reporterFamily[r.IntN(len(reporterFamily))]...)
				b = append(b, reporterGiven[r.IntN(len(reporterGiven))]...)
			}
			b = append(b, "）"...)
		}
		if try >= 2 && kind == Official {
			// Local accounts relay the same notice under their own name.
			b = append(b, "（"...)
			b = append(b, cities[r.IntN(len(cities))]...)
			b = append(b, "发布·"...)
			b = append(b, officialTails[r.IntN(len(officialTails))]...)
			b = append(b, "）"...)
		}
		g.buf = b
		h = fnvBytes(b)
		if _, dup := g.seen[h]; !dup {
			g.seen[h] = struct{}{}
			return string(b), h, true
		}
	}
	return string(g.buf), h, false
}

// openers, tails, bylines and notes vary a text that keeps coming out the same.
var (
	openers = []string{"说句实话，", "刚刷到，", "真的服了，", "我就想问，", "讲真，", "路过说一句：", "补充一下，",
		"看完评论区，", "不吐不快，", "家人们，", "姐妹们，", "兄弟们，", "刚看到新闻，", "认真说一句，", "我也来说两句，",
		"本地人说一句，", "作为老顾客，", "吃瓜群众表示，", "说个真事，", "一直关注这事，"}
	reporterFamily = []string{"李", "王", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "高", "罗"}
	reporterGiven  = []string{"明", "芳", "静", "磊", "洋", "婷", "强", "敏", "杰", "丽", "军", "超", "霞", "鹏", "雪", "宇", "晨", "欣", "涛", "琳"}
	officialTails  = []string{"持续更新", "第二次通报", "情况通报", "最新进展", "请广大消费者知悉", "转发扩散"}
)

// tails vary a text that keeps coming out the same.
var tails = [3][]string{
	{"，真的无语", "，气死了", "，必须曝光", "，大家避雷", "，不能忍", "，太离谱了", "，恶心坏了", "，再也不信了"},
	{"，记录一下", "，先观望", "，等后续", "，mark", "，蹲一个结果", "，看看怎么说"},
	{"，支持一下", "，好评", "，会继续买", "，点赞", "，安心了", "，值得表扬"},
}

func hashtagged(p model.Platform) bool {
	switch p {
	case model.Weibo, model.Douyin, model.Xiaohongshu, model.Kuaishou, model.Bilibili:
		return true
	}
	return false
}

func appendEmoji(b []byte, r *rand.Rand, s Sentiment, n int) []byte {
	list := emojiNeu
	switch s {
	case Negative:
		list = emojiNeg
	case Positive:
		list = emojiPos
	}
	for range n {
		b = append(b, list[r.IntN(len(list))]...)
	}
	return b
}

func fnvBytes(b []byte) uint64 {
	h := fnv.New64a()
	h.Write(b)
	return h.Sum64()
}

// chatter makes one background mention: positive or neutral talk about
// the brand from ordinary users.
func (g *Generator) chatter(r *rand.Rand, minute int, at time.Time) {
	ch := &g.sc.Chatter
	s, ts := Neutral, ch.neutral
	if (r.Float64() < ch.Positive && len(ch.positive) > 0) || len(ts) == 0 {
		s, ts = Positive, ch.positive
	}
	pl := ch.Platforms.pick(r.Float64())
	kind := Ordinary
	if r.IntN(40) == 0 {
		kind = KOL
	}
	a := g.pickAuthor(r, kind)
	x := expander{g: g, platform: pl}
	text, h, uniq := g.text(r, ts, &x, s, kind, true)
	m := g.newMention(pl, a, at, text)
	m.URL = postURL(pl, a.id, r)
	engagement(r, m, s, false)
	g.emit(item{m: m, s: s, minute: minute, hash: h, unique: uniq})
}

// keyEvent makes a scripted post.
func (g *Generator) keyEvent(r *rand.Rand, minute, i int, md mood) {
	e := &g.sc.Events[i]
	at := g.crowd.keyAt[i]
	h := hash64(uint64(g.seed), 6, uint64(i))
	loc := e.Location
	if loc == "" {
		loc = provinces.pick(unit(h))
	}
	a := author{kind: e.Kind, name: e.Author, id: uid(h), followers: e.Followers, verified: e.Verified, location: loc}
	x := expander{g: g, phase: md.phase, platform: e.Platform}
	b := e.text.expand(g.buf[:0], r, x.slot, 0)
	g.buf = b
	hs := fnvBytes(b)
	_, dup := g.seen[hs]
	g.seen[hs] = struct{}{}
	m := g.newMention(e.Platform, a, at, string(b))
	m.URL = postURL(e.Platform, a.id, r)
	engagement(r, m, e.Sentiment, false)
	g.emit(item{m: m, s: e.Sentiment, minute: minute, hash: hs, unique: !dup})
	g.addHot(r, m, e.Sentiment, 0, true)
}

// topical makes one mention about the crisis.
func (g *Generator) topical(r *rand.Rand, minute int, at time.Time, md mood) {
	p := md.phase
	s := Neutral
	if r.Float64() < md.neg {
		s = Negative
	} else if r.Float64() < p.Positive {
		s = Positive
	}
	u := r.Float64()
	kind := p.Authors.pick(r.Float64())
	a := g.pickAuthor(r, kind)

	if kind == Bot {
		g.bot(r, minute, at, md, s, a)
		return
	}
	switch {
	case u < p.Comments:
		if parent := g.pickHot(r, at, false, s, false); parent != nil {
			g.comment(r, minute, at, md, s, a, parent)
			return
		}
	case u < p.Comments+p.Reposts:
		if parent := g.pickHot(r, at, true, s, true); parent != nil {
			if parent.author == a.name { // nobody reposts themselves in a chain
				a = g.pickAuthor(r, Ordinary)
			}
			g.repost(r, minute, at, md, a, parent)
			return
		}
	}
	g.post(r, minute, at, md, s, a)
}

// bot makes noise: spam when the crowd is not angry, copy-paste amplifying
// when it is.
func (g *Generator) bot(r *rand.Rand, minute int, at time.Time, md mood, s Sentiment, a author) {
	if s == Negative {
		if r.IntN(5) < 2 {
			if parent := g.pickHot(r, at, false, Negative, true); parent != nil && parent.platform != model.News {
				// Deliberate duplicate: the same text, linked to its source.
				m := g.newMention(parent.platform, a, at, parent.text)
				m.ParentID, m.URL = parent.id, parent.url+"?c="+strconv.Itoa(r.IntN(1e9))
				engagement(r, m, Negative, true)
				g.emit(item{m: m, s: Negative, minute: minute})
				return
			}
		}
		if parent := g.pickHot(r, at, false, s, false); parent != nil && r.IntN(2) == 0 {
			g.comment(r, minute, at, md, s, a, parent)
			return
		}
		g.post(r, minute, at, md, s, a)
		return
	}
	ts, _ := g.templatesFor(md.phase, model.Weibo, gSpam)
	if len(ts) == 0 {
		g.post(r, minute, at, md, s, a)
		return
	}
	parent := g.pickHot(r, at, false, Neutral, false)
	pl := md.phase.Platforms.pick(r.Float64())
	if parent != nil {
		pl = parent.platform
	}
	x := expander{g: g, phase: md.phase, platform: pl}
	text, h, uniq := g.text(r, ts, &x, Neutral, Bot, parent == nil)
	m := g.newMention(pl, a, at, text)
	if parent != nil {
		m.ParentID, m.URL = parent.id, parent.url+"?c="+strconv.Itoa(r.IntN(1e9))
	} else {
		m.URL = postURL(pl, a.id, r)
	}
	engagement(r, m, Neutral, true)
	g.emit(item{m: m, s: Neutral, minute: minute, hash: h, unique: uniq})
}

// post makes a new top-level post.
func (g *Generator) post(r *rand.Rand, minute int, at time.Time, md mood, s Sentiment, a author) {
	p := md.phase
	pl := p.Platforms.pick(r.Float64())
	// Platforms decide who posts there: news sites carry outlets,
	// complaint sites carry customers.
	switch {
	case pl == model.News && a.kind != Media:
		a = g.pickAuthor(r, Media)
	case pl == model.Heimao && a.kind != Ordinary:
		a = g.pickAuthor(r, Ordinary)
	}
	grp := int(s) + 1
	switch a.kind {
	case Media:
		grp += gMediaNeg
	case Official:
		grp += gOfficialNeg
	}
	ts, got := g.templatesFor(p, pl, grp)
	if len(ts) == 0 {
		return // validation makes sure this does not happen for posts
	}
	s = groupSentiment(got)
	x := expander{g: g, phase: p, platform: pl}
	text, h, uniq := g.text(r, ts, &x, s, a.kind, true)
	m := g.newMention(pl, a, at, text)
	m.URL = postURL(pl, a.id, r)
	engagement(r, m, s, false)
	g.emit(item{m: m, s: s, minute: minute, hash: h, unique: uniq})
	g.addHot(r, m, s, 0, false)
}

// comment makes a reply under parent.
func (g *Generator) comment(r *rand.Rand, minute int, at time.Time, md mood, s Sentiment, a author, parent *hotPost) {
	ts, got := g.templatesFor(md.phase, parent.platform, gNegComment+int(s)+1)
	if len(ts) == 0 {
		g.post(r, minute, at, md, s, a)
		return
	}
	s = groupSentiment(got)
	x := expander{g: g, phase: md.phase, platform: parent.platform}
	text, h, uniq := g.text(r, ts, &x, s, a.kind, false)
	if r.IntN(10) == 0 {
		// A reply to another commenter, as threads go.
		other := ordinaryAuthor(g.seed, uint64(r.IntN(populationSize)))
		text = "回复@" + other.name + ":" + text
		if uniq {
			delete(g.seen, h)
		}
		h = fnvString(text)
		_, dup := g.seen[h]
		uniq = !dup
		g.seen[h] = struct{}{}
	}
	m := g.newMention(parent.platform, a, at, text)
	m.ParentID = parent.id
	m.URL = parent.url + "?comment=" + strconv.FormatUint(r.Uint64()%1e16, 10)
	engagement(r, m, s, true)
	g.emit(item{m: m, s: s, minute: minute, hash: h, unique: uniq})
}

// repost makes a Weibo-style repost: a few words of one's own, then the
// chain "//@author:text" back to the original.
func (g *Generator) repost(r *rand.Rand, minute int, at time.Time, md mood, a author, parent *hotPost) {
	s := parent.s
	ts, _ := g.templatesFor(md.phase, parent.platform, gNegRepost+int(s)+1)
	x := expander{g: g, phase: md.phase, platform: parent.platform}
	own := ""
	if len(ts) > 0 {
		own = string(ts[r.IntN(len(ts))].expand(nil, r, x.slot, 0))
	}
	if own == "" {
		own = "转发微博"
	}
	var b []byte
	b = append(b, own...)
	if a.kind == Ordinary && r.Float64() < 0.3 {
		b = appendEmoji(b, r, s, 1)
	}
	b = append(b, "//@"...)
	b = append(b, strings.TrimPrefix(parent.author, "@")...) // a handle written with its @ gets one, not two
	b = append(b, ':')
	b = append(b, parent.text...)
	text := string(b)
	// Reposts repeat their source by design; still count them so a later
	// fresh post never copies one.
	h := fnvString(text)
	_, dup := g.seen[h]
	g.seen[h] = struct{}{}
	m := g.newMention(parent.platform, a, at, text)
	m.ParentID = parent.id
	m.URL = postURL(parent.platform, a.id, r)
	engagement(r, m, s, false)
	g.emit(item{m: m, s: s, minute: minute, hash: h, unique: !dup})
	g.addHot(r, m, s, parent.depth+1, false)
}

func (g *Generator) emit(it item) { g.pending = append(g.pending, it) }

// addHot offers a post to the hot list. Big accounts always get in;
// ordinary ones sometimes, as a few ordinary posts do catch on.
func (g *Generator) addHot(r *rand.Rand, m *model.Mention, s Sentiment, depth int, key bool) {
	if !key && m.AuthorFollowers < 2000 && r.Float64() > 0.25 {
		return
	}
	w := math.Sqrt(float64(m.AuthorFollowers) + 20)
	if s == Negative {
		w *= 1.5 // outrage draws replies
	}
	if utf8.RuneCountInString(m.Text) > 600 {
		depth = maxChain // long chains stop being reposted
	}
	hp := hotPost{id: m.ExternalID, author: m.AuthorName, text: m.Text, url: m.URL, platform: m.Platform,
		s: s, depth: depth, weight: w, at: m.IngestedAt}
	if len(g.hot) < hotCap {
		g.hot = append(g.hot, hp)
		g.hotW = append(g.hotW, w)
		return
	}
	worst := 0
	for i, v := range g.hotW {
		if v < g.hotW[worst] {
			worst = i
		}
	}
	if w > g.hotW[worst] {
		g.hot[worst], g.hotW[worst] = hp, w
	}
}

func (h *hotPost) current(t time.Time) float64 {
	return h.weight * math.Exp2(-float64(t.Sub(h.at))/float64(hotHalfLife))
}

// pickHot picks a parent by current weight. For reposts it wants a Weibo
// post whose chain is not too long; match asks for the same sentiment
// (negative with negative, the rest together).
func (g *Generator) pickHot(r *rand.Rand, at time.Time, repost bool, s Sentiment, match bool) *hotPost {
	var total float64
	var ws [hotCap]float64
	for i := range g.hot {
		h := &g.hot[i]
		ok := !h.at.After(at)
		if repost {
			ok = ok && h.platform == model.Weibo && h.depth < maxChain
		}
		if match {
			ok = ok && (h.s == Negative) == (s == Negative)
		}
		if ok {
			ws[i] = g.hotW[i]
			total += ws[i]
		}
	}
	if total <= 0 {
		return nil
	}
	x := r.Float64() * total
	for i := range g.hot {
		x -= ws[i]
		if ws[i] > 0 && x < 0 {
			return &g.hot[i]
		}
	}
	for i := len(g.hot) - 1; i >= 0; i-- {
		if ws[i] > 0 {
			return &g.hot[i]
		}
	}
	return nil
}
