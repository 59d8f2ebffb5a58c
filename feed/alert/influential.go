package alert

import (
	"fmt"
	"hash/maphash"
	"strings"

	"warroom/model"
)

// The influential rule makes one alert per platform and wave, however many
// influential authors join it: the key is "influential:<platform>@<minute
// opened>", Count is the wave's distinct influential authors, Value the
// largest follower count (or engagement, when no author qualified by
// followers), and Evidence the most influential posts, one per author, most
// influential first.
//
// The level is the tier of the wave's top post by reach (FollowerLevels,
// EngagementLevels), one higher for each AuthorLevels count of authors. The
// alert is sent again when that level rises; after the cooldown, when the
// wave materially grew (a higher top tier, or the author count crossed a
// step: an AuthorLevels count, then each doubling of the last one); and at
// once when a huge account (see huge) is the wave's first or a tier above
// all before it. A huge account gets no alert of its own: it would repeat its
// platform's alert, the media accounts that matter post on several platforms
// at once (one alert each would be dozens a day in a crisis), and its reach
// already sets the wave's level (10M followers: orange; 50M: red).

// namedLeaders is how many of the top authors a message names.
const namedLeaders = 3

// inflPost is one author's most influential negative post in a wave.
type inflPost struct {
	id         int64
	author     uint64 // hash of the author's id (or name): distinct authors, without keeping strings
	name       string // the mention's own string, read only; "" when unknown (restored)
	followers  int64
	engagement int64
	tier       model.Level // LevelNone: restored evidence, outranked by anything new
	verified   bool
	huge       bool
}

// outranks orders posts by tier, then huge first (a verified media account
// being shared before a bigger account's post nobody shares), then
// followers, then engagement.
func (p *inflPost) outranks(q *inflPost) bool {
	switch {
	case p.tier != q.tier:
		return p.tier > q.tier
	case p.huge != q.huge:
		return p.huge
	case p.followers != q.followers:
		return p.followers > q.followers
	}
	return p.engagement > q.engagement
}

// influence is what an influential wave knows beyond a track: its distinct
// authors and its leaders. Its memory is bounded: maxAuthors hashes and
// maxEvidence posts.
type influence struct {
	seen     map[uint64]struct{}
	restored int // authors counted by the alert Restore handed over

	n   int
	top [maxEvidence]inflPost // one post per author, most influential first

	tier          model.Level // of the top post
	huge          bool        // some post was huge
	maxFollowers  int64
	maxEngagement int64
	byFollowers   bool // some author has InfluentialFollowers
	byVerified    bool // some verified author has InfluentialVerifiedFollowers
}

func newInfluence() *influence { return &influence{seen: map[uint64]struct{}{}} }

// authors is the number of distinct influential authors in the wave. After
// Restore the authors seen before the restart are unknown, so the count is
// the larger of the restored one and those seen since: it may lag behind
// until the new authors outnumber the old, but never counts an author twice.
// A wave of more than maxAuthors authors stops counting there.
func (f *influence) authors() int { return max(len(f.seen), f.restored) }

// see counts an author.
func (f *influence) see(author uint64) {
	if len(f.seen) < maxAuthors {
		f.seen[author] = struct{}{}
	}
}

// add ranks p among the leaders; an author keeps only their best post.
func (f *influence) add(p inflPost) {
	for i := range f.n {
		if f.top[i].author != p.author || f.top[i].tier == model.LevelNone {
			continue
		}
		if !p.outranks(&f.top[i]) {
			return
		}
		copy(f.top[i:f.n-1], f.top[i+1:f.n])
		f.n--
		break
	}
	if f.n == len(f.top) && !p.outranks(&f.top[f.n-1]) {
		return
	}
	i := f.n
	if i == len(f.top) {
		i-- // the least influential falls off
	} else {
		f.n++
	}
	for i > 0 && p.outranks(&f.top[i-1]) {
		f.top[i] = f.top[i-1]
		i--
	}
	f.top[i] = p
}

// ids returns a new slice: the previous one may still be held by the caller.
func (f *influence) ids() []int64 {
	out := make([]int64, f.n)
	for i := range f.n {
		out[i] = f.top[i].id
	}
	return out
}

// authorHash names a mention's author for counting: its id, else its name,
// else the post itself (nobody to group by: the post is its own author).
func (d *Detector) authorHash(m *model.Mention) uint64 {
	switch {
	case m.AuthorID != "":
		return maphash.String(d.seed, m.AuthorID)
	case m.AuthorName != "":
		return maphash.String(d.seed, m.AuthorName)
	}
	return maphash.Comparable(d.seed, m.ID)
}

// tier grades one post's reach.
func (d *Detector) tier(followers, engagement int64) model.Level {
	return max(d.r.FollowerLevels.level(float64(followers)), d.r.EngagementLevels.level(float64(engagement)))
}

// huge reports whether a post's author is news by themselves: orange by
// reach (10M followers, or a post at 200k interactions, by default), or a
// verified account over the verified threshold whose post is travelling at
// the yellow engagement tier (a media or official account being shared).
// The first huge post of a wave, and one a tier above all before it, re-send
// the alert without waiting for the cooldown; a 28M account after a 26M one
// waits, as any growth does.
func (d *Detector) huge(p *inflPost) bool {
	r := &d.r
	return p.tier >= model.LevelOrange ||
		p.verified && r.InfluentialVerifiedFollowers > 0 && p.followers >= r.InfluentialVerifiedFollowers &&
			float64(p.engagement) >= r.EngagementLevels.Yellow
}

// authorSteps is how many AuthorLevels counts n authors have reached.
func (d *Detector) authorSteps(n int) int {
	k := 0
	for _, step := range d.r.AuthorLevels {
		if n >= step {
			k++
		}
	}
	return k
}

// inflLevel is a wave's level: its top tier, one up per author step.
func (d *Detector) inflLevel(f *influence) model.Level {
	return min(f.tier+model.Level(d.authorSteps(f.authors())), model.LevelRed)
}

// inflGrowth is the measure a refresh after the cooldown must exceed: the
// top tier first, then the author steps and, past the last of them, each
// doubling of it, so that a red wave of a hundred authors still reports
// now and then rather than on every new author.
func (d *Detector) inflGrowth(f *influence) float64 {
	n := f.authors()
	k := d.authorSteps(n)
	base := 1
	if l := len(d.r.AuthorLevels); l > 0 {
		base = d.r.AuthorLevels[l-1]
	}
	for x := 2 * base; x <= n; x *= 2 {
		k++
	}
	return float64(f.tier)*64 + float64(k)
}

func (d *Detector) checkInfluential(m *model.Mention, s *scope) {
	r := &d.r
	eng := m.Engagement()
	byFollowers := r.InfluentialFollowers > 0 && m.AuthorFollowers >= r.InfluentialFollowers
	byVerified := r.InfluentialVerifiedFollowers > 0 && m.Verified && m.AuthorFollowers >= r.InfluentialVerifiedFollowers
	byEngagement := r.InfluentialEngagement > 0 && eng >= r.InfluentialEngagement
	if !byFollowers && !byVerified && !byEngagement {
		return
	}
	t := s.infl
	fresh := d.expired(t)
	if fresh {
		t = d.open(model.RuleInfluential, model.RuleInfluential+":"+s.name, s.platform)
		t.inf = newInfluence()
		s.infl = t
	}
	f := t.inf
	t.lastHit = d.now
	t.posts++
	if t.first.IsZero() {
		t.first = d.now
	}
	t.last = d.now
	t.cats[catIndex(m.Category)]++
	for _, term := range m.Terms {
		if len(t.terms) < maxTerms && !contains(t.terms, term) {
			t.terms = append(t.terms, term)
		}
	}

	name := m.AuthorName
	if name == "" {
		name = m.AuthorID
	}
	p := inflPost{id: m.ID, author: d.authorHash(m), name: name, followers: m.AuthorFollowers,
		engagement: eng, tier: d.tier(m.AuthorFollowers, eng), verified: m.Verified}
	p.huge = d.huge(&p)
	news := p.huge && (!f.huge || p.tier > f.tier)
	f.see(p.author)
	f.add(p)
	f.tier = max(f.tier, p.tier)
	f.huge = f.huge || news
	f.maxFollowers = max(f.maxFollowers, p.followers)
	f.maxEngagement = max(f.maxEngagement, p.engagement)
	f.byFollowers = f.byFollowers || byFollowers
	f.byVerified = f.byVerified || byVerified

	lvl := d.inflLevel(f)
	growth := d.inflGrowth(f)
	if !d.due(t, fresh || news, lvl, growth) {
		return
	}
	a := t.alert
	a.WindowFrom, a.WindowTo = t.first, t.last
	a.Count, a.Baseline = f.authors(), 0
	switch {
	case f.byFollowers:
		a.Value, a.Threshold = float64(f.maxFollowers), float64(r.InfluentialFollowers)
	case f.byVerified:
		a.Value, a.Threshold = float64(f.maxFollowers), float64(r.InfluentialVerifiedFollowers)
	default:
		a.Value, a.Threshold = float64(f.maxEngagement), float64(r.InfluentialEngagement)
	}
	a.Terms = append([]string(nil), t.terms...)
	a.Message = d.inflMessage(t, s.platform)
	d.emit(t, lvl, growth)
}

// inflMessage says how many authors and posts the wave has and names its
// leaders: `Influential negative posts on weibo: 12 authors (31 posts) this
// wave, led by "A" (28.7M followers, verified), "B" (2M followers) and 10
// more`.
func (d *Detector) inflMessage(t *track, p model.Platform) string {
	f := t.inf
	n := f.authors()
	var b strings.Builder
	fmt.Fprintf(&b, "Influential negative posts on %s: %d %s (%d %s) this wave, led by ",
		where(p), n, plural(n, "author", "authors"), t.posts, plural(t.posts, "post", "posts"))
	named := 0
	for i := range f.n {
		q := &f.top[i]
		if q.tier == model.LevelNone || named == namedLeaders {
			break
		}
		if named > 0 {
			b.WriteString(", ")
		}
		who := q.name
		if who == "" {
			who = fmt.Sprintf("post %d", q.id)
		}
		fmt.Fprintf(&b, "%q (%s followers", who, compact(q.followers))
		if q.verified {
			b.WriteString(", verified")
		}
		if d.r.InfluentialEngagement > 0 && q.engagement >= d.r.InfluentialEngagement {
			fmt.Fprintf(&b, ", %s interactions", compact(q.engagement))
		}
		b.WriteByte(')')
		named++
	}
	if named == 0 {
		b.WriteString("authors seen before a restart")
	}
	if more := n - named; named > 0 && more > 0 {
		fmt.Fprintf(&b, " and %d more", more)
	}
	return b.String()
}

// restoreInfluence rebuilds a platform wave's state from its stored alert:
// the count of authors, the evidence (ranked below anything new) and the top
// reach, so the level and the growth measure carry on where they were.
func (d *Detector) restoreInfluence(t *track, a *model.Alert) {
	f := newInfluence()
	f.restored = a.Count
	for _, id := range a.Evidence {
		if f.n < len(f.top) {
			f.top[f.n] = inflPost{id: id} // tier none: unknown reach
			f.n++
		}
	}
	r := &d.r
	switch {
	case a.Threshold == float64(r.InfluentialFollowers) && r.InfluentialFollowers > 0:
		f.maxFollowers, f.byFollowers = int64(a.Value), true
	case a.Threshold == float64(r.InfluentialVerifiedFollowers) && r.InfluentialVerifiedFollowers > 0:
		f.maxFollowers, f.byVerified = int64(a.Value), true
	default:
		f.maxEngagement = int64(a.Value)
	}
	f.tier = d.tier(f.maxFollowers, f.maxEngagement)
	f.huge = f.tier >= model.LevelOrange
	t.inf = f
	t.posts = a.Count // at least one each
	t.terms = append([]string(nil), a.Terms...)
	t.peak = d.inflGrowth(f)
}
