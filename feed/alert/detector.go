package alert

import (
	"fmt"
	"hash/maphash"
	"math"
	"strings"
	"time"

	"warroom/model"
)

// keyTime is the layout of the wave suffix of an alert key. A key names its
// wave by the minute it opened ("spike:weibo@20250312T0914"), so a later wave
// of the same rule and scope gets a new key without the detector having to
// remember old waves, and a restarted session can tell which wave is which.
const keyTime = "20060102T1504"

// MinuteCount is one minute of history for Warm: how many mentions, and how
// many of them negative, arrived on a platform in the minute holding Minute.
// A row with an empty Platform counts towards the overall baseline only, for
// callers that keep no per-platform breakdown.
type MinuteCount struct {
	Minute   time.Time
	Platform model.Platform
	All      int
	Negative int
}

// bucket is one minute's counts in a ring.
type bucket struct{ all, neg int32 }

// recentNeg is a negative mention remembered by a scope, so that a rate
// alert opening mid-wave can name the posts that made it.
type recentNeg struct {
	id     int64
	minute int64
	sev    int32
	cat    uint8
	terms  []string // the mention's own slice, read only
}

// scope is the overall stream or one platform's: per-minute counts in a ring
// covering the window and the baseline before it, with running sums so that
// a check costs a few arithmetic operations however long the spans are. The
// window is the current minute and the ones before it, Window in all.
type scope struct {
	name     string         // in keys: "all" or the platform
	platform model.Platform // "" overall
	minCount int            // spike minimum count
	floor    float64        // spike baseline floor, negatives a minute

	ring             []bucket // minute k lives at k mod len
	winAll, winNeg   int      // sums over the window's minutes
	baseAll, baseNeg int      // sums over the baseline's minutes

	recent [recentCap]recentNeg
	pushed int

	spike, share *track
	infl         *track // influential posts; platforms only
}

func (s *scope) push(r recentNeg) {
	s.recent[s.pushed%recentCap] = r
	s.pushed++
}

// roll moves the ring on to minute k: minute k-len(ring) leaves the
// baseline, minute k-win leaves the window for the baseline, and minute k
// starts empty.
func (s *scope) roll(k, win int64) {
	n := int64(len(s.ring))
	slot := mod(k, n)
	s.baseAll -= int(s.ring[slot].all)
	s.baseNeg -= int(s.ring[slot].neg)
	s.ring[slot] = bucket{}
	mv := s.ring[mod(k-win, n)]
	s.winAll -= int(mv.all)
	s.winNeg -= int(mv.neg)
	s.baseAll += int(mv.all)
	s.baseNeg += int(mv.neg)
}

func (s *scope) reset() {
	clear(s.ring)
	s.winAll, s.winNeg, s.baseAll, s.baseNeg = 0, 0, 0, 0
}

// Detector turns the mention stream into alerts. It is not safe for
// concurrent use: one pipeline goroutine owns it. Its memory is bounded: a
// ring of per-minute counts per platform, a fixed number of recent negatives,
// and tracks for open waves only, closed after QuietAfter; an influential
// wave also counts its distinct authors, up to maxAuthors.
//
// The alerts it returns stay the detector's: it writes one again only in a
// later call that returns it again (with fresh Evidence and Terms slices), so
// a caller that hands an alert to another goroutine should pass a copy.
type Detector struct {
	r    Rules
	win  int64 // window, minutes
	span int64 // window plus baseline, minutes: the ring's length

	started bool
	now     time.Time // latest time seen; never goes back
	cur     int64     // minute of now
	first   int64     // earliest minute counted: how much baseline exists

	scopes []scope // [0] overall, then model.Platforms in order
	other  int     // scope of platforms the model does not know

	flags  *matcher
	flagTr []*track // per red-flag group
	seed   maphash.Seed

	out []*model.Alert // alerts emitted by the current call
}

// NewDetector returns a detector with rules r, which must pass Validate:
// check them where the crisis plan and flags are read, so the error reaches
// the user. NewDetector panics on invalid rules, as on a programming error.
func NewDetector(r Rules) *Detector {
	if err := r.Validate(); err != nil {
		panic(fmt.Sprintf("alert.NewDetector: %v", err))
	}
	r.RedFlags = cloneFlags(r.RedFlags)
	r.AuthorLevels = append([]int(nil), r.AuthorLevels...)
	d := &Detector{
		r:      r,
		win:    int64(r.Window / time.Minute),
		span:   int64((r.Window + r.Baseline) / time.Minute),
		flags:  newMatcher(r.RedFlags),
		flagTr: make([]*track, len(r.RedFlags)),
		seed:   maphash.MakeSeed(),
	}
	d.scopes = make([]scope, 1+len(model.Platforms))
	d.scopes[0] = scope{name: "all", minCount: r.SpikeMinCount, floor: r.BaselineFloor}
	for i, p := range model.Platforms {
		d.scopes[i+1] = scope{name: string(p), platform: p, minCount: r.PlatformSpikeMinCount, floor: r.PlatformBaselineFloor}
		if p == model.Other {
			d.other = i + 1
		}
	}
	for i := range d.scopes {
		d.scopes[i].ring = make([]bucket, d.span)
	}
	return d
}

func cloneFlags(gs []FlagGroup) []FlagGroup {
	out := make([]FlagGroup, len(gs))
	for i, g := range gs {
		out[i] = g
		out[i].Terms = append([]string(nil), g.Terms...)
	}
	return out
}

// Rules returns the rules the detector runs.
func (d *Detector) Rules() Rules { return d.r }

// Observe counts a stored, classified mention at its IngestedAt and returns
// the alerts it opened, escalated or refreshed (nil most of the time). An
// escalated alert is the same pointer as before, with the same Key: set its
// ID when the store assigns one and the detector keeps it. Observe keeps
// m.Terms (read only) of recent negative mentions, not m itself.
func (d *Detector) Observe(m *model.Mention) []*model.Alert {
	d.out = nil
	at := m.IngestedAt
	if at.IsZero() {
		at = d.now
	}
	d.advance(at)
	mm := minuteOf(at)
	if mm < d.first && d.cur-mm < d.span {
		d.first = mm // a late mention: its minute was watched after all
	}
	all, ps := &d.scopes[0], &d.scopes[d.scopeOf(m.Platform)]
	neg := 0
	if m.Negative {
		neg = 1
	}
	d.count(all, mm, 1, neg)
	d.count(ps, mm, 1, neg)
	if m.Negative {
		rec := recentNeg{id: m.ID, minute: mm, sev: int32(m.Severity), cat: catIndex(m.Category), terms: m.Terms}
		for _, s := range [2]*scope{all, ps} {
			s.push(rec)
			for _, t := range [2]*track{s.spike, s.share} {
				if t != nil {
					t.ev.offer(rec.id, rec.sev)
					t.cats[rec.cat]++
				}
			}
		}
		d.checkSpike(all)
		d.checkSpike(ps)
	}
	d.checkShare(all)
	d.checkShare(ps)
	if m.Negative {
		d.checkInfluential(m, ps)
		d.checkFlags(m, ps.platform)
	}
	return d.out
}

// Tick moves time to now without a mention: windows slide and quiet waves
// close. It also re-checks the rate rules, which after Warm lets a session
// that restarts mid-wave report the spike before the next mention arrives.
// Alerts never de-escalate: a wave that calms down simply stops emitting.
func (d *Detector) Tick(now time.Time) []*model.Alert {
	d.out = nil
	d.advance(now)
	for i := range d.scopes {
		s := &d.scopes[i]
		if s.winAll > 0 {
			d.checkSpike(s)
			d.checkShare(s)
		}
	}
	return d.out
}

// Warm seeds the per-minute counts from history, when a session starts on a
// file that already holds mentions, so that a platform that is always busy
// is not a spike in the first minutes. Minutes older than the window plus
// the baseline are ignored. Warm only history the detector has not observed,
// and either per-platform rows or empty-platform rows for a minute, not both.
func (d *Detector) Warm(buckets []MinuteCount) {
	if len(buckets) == 0 {
		return
	}
	latest := buckets[0].Minute
	for _, b := range buckets[1:] {
		if b.Minute.After(latest) {
			latest = b.Minute
		}
	}
	d.advance(latest)
	for _, b := range buckets {
		if b.All < 0 || b.Negative < 0 {
			continue
		}
		mm := minuteOf(b.Minute)
		neg := min(b.Negative, b.All)
		d.count(&d.scopes[0], mm, b.All, neg)
		if b.Platform != "" {
			d.count(&d.scopes[d.scopeOf(b.Platform)], mm, b.All, neg)
		}
		if mm < d.first && d.cur-mm < d.span {
			d.first = mm
		}
	}
}

// Restore hands the detector the alerts already in the file, so that a
// restarted session escalates the same alert (same pointer, Key and ID)
// rather than opening a second one for a wave still going on. Pass all of
// them: for each key only the latest wave is kept, and alerts whose keys the
// current rules do not know (a red-flag group since removed) are ignored.
func (d *Detector) Restore(alerts []*model.Alert) {
	for _, a := range alerts {
		if a == nil {
			continue
		}
		last := a.UpdatedAt
		if last.IsZero() {
			last = a.At
		}
		t := &track{alert: a, lastHit: last, emittedAt: last, peak: float64(a.Count),
			posts: a.Count, first: a.WindowFrom, last: a.WindowTo, platform: a.Platform, mixed: a.Platform == ""}
		for _, id := range a.Evidence {
			t.ev.offer(id, -1) // severity unknown: any new mention outranks these
		}
		t.cats[catIndex(a.Category)] = 1

		rule, rest, _ := strings.Cut(baseKey(a.Key), ":")
		var slot **track
		switch rule {
		case model.RuleSpike, model.RuleNegativeShare:
			i := d.scopeNamed(rest)
			if i < 0 {
				continue
			}
			slot = &d.scopes[i].spike
			if rule == model.RuleNegativeShare {
				slot = &d.scopes[i].share
				t.peak = a.Value
			}
		case model.RuleRedFlag:
			g := d.groupNamed(rest)
			if g < 0 {
				continue
			}
			for _, term := range a.Terms {
				for i, x := range d.r.RedFlags[g].Terms {
					if x == term {
						t.termMask |= 1 << i
					}
				}
			}
			slot = &d.flagTr[g]
		case model.RuleInfluential:
			// "influential:<platform>"; the per-author keys of older
			// versions ("influential:<platform>:<author>") are not
			// continued: the next influential post opens a platform wave.
			i := d.scopeNamed(rest)
			if i < 1 {
				continue
			}
			d.restoreInfluence(t, a)
			slot = &d.scopes[i].infl
		default:
			continue
		}
		if *slot != nil && (*slot).lastHit.After(last) {
			continue // an older wave of the same key
		}
		*slot = t
	}
}

// baseKey strips the wave suffix from an alert key.
func baseKey(key string) string {
	if i := strings.LastIndexByte(key, '@'); i >= 0 {
		if _, err := time.Parse(keyTime, key[i+1:]); err == nil {
			return key[:i]
		}
	}
	return key
}

func (d *Detector) scopeNamed(name string) int {
	for i := range d.scopes {
		if d.scopes[i].name == name {
			return i
		}
	}
	return -1
}

func (d *Detector) groupNamed(name string) int {
	for i, g := range d.r.RedFlags {
		if g.Name == name {
			return i
		}
	}
	return -1
}

// scopeOf finds a platform's scope; a linear scan of eleven short strings
// beats hashing, and the busiest platform comes first.
func (d *Detector) scopeOf(p model.Platform) int {
	for i := 1; i < len(d.scopes); i++ {
		if d.scopes[i].platform == p {
			return i
		}
	}
	return d.other
}

// advance moves the detector's time forward to t (never back: a late
// mention is counted in its minute but does not rewind the clock).
func (d *Detector) advance(t time.Time) {
	if !d.started {
		d.started, d.now, d.cur = true, t, minuteOf(t)
		d.first = d.cur
		return
	}
	if !t.After(d.now) {
		return
	}
	d.now = t
	m := minuteOf(t)
	if m == d.cur {
		return
	}
	if m-d.cur >= d.span {
		for i := range d.scopes {
			d.scopes[i].reset()
		}
	} else {
		for i := range d.scopes {
			for k := d.cur + 1; k <= m; k++ {
				d.scopes[i].roll(k, d.win)
			}
		}
	}
	d.cur = m
	d.sweep()
}

// count adds to minute mm of a scope, if the ring still holds it.
func (d *Detector) count(s *scope, mm int64, all, neg int) {
	age := d.cur - mm
	if age < 0 || age >= d.span {
		return
	}
	b := &s.ring[mod(mm, d.span)]
	b.all += int32(all)
	b.neg += int32(neg)
	if age < d.win {
		s.winAll += all
		s.winNeg += neg
	} else {
		s.baseAll += all
		s.baseNeg += neg
	}
}

// sweep closes waves that have been quiet for QuietAfter, once a minute, so
// that only open waves hold memory (an influential wave's authors).
func (d *Detector) sweep() {
	for i := range d.scopes {
		s := &d.scopes[i]
		for _, slot := range [3]**track{&s.spike, &s.share, &s.infl} {
			if *slot != nil && d.expired(*slot) {
				*slot = nil
			}
		}
	}
	for g, t := range d.flagTr {
		if t != nil && d.expired(t) {
			d.flagTr[g] = nil
		}
	}
}

func (d *Detector) expired(t *track) bool {
	return t == nil || d.now.Sub(t.lastHit) > d.r.QuietAfter
}

// open starts a new wave of base, with an alert the caller will fill.
func (d *Detector) open(rule, base string, p model.Platform) *track {
	a := &model.Alert{Rule: rule, Key: base + "@" + d.now.UTC().Format(keyTime), Platform: p, At: d.now}
	return &track{alert: a}
}

// due reports whether a hit at level lvl is worth emitting: a new wave or a
// higher level always is; otherwise only once the cooldown has passed and
// the growth measure exceeds what was last reported.
func (d *Detector) due(t *track, fresh bool, lvl model.Level, growth float64) bool {
	return fresh || lvl > t.alert.Level || (growth > t.peak && d.now.Sub(t.emittedAt) >= d.r.Cooldown)
}

func (d *Detector) emit(t *track, lvl model.Level, growth float64) {
	a := t.alert
	a.Level = max(a.Level, lvl)
	a.UpdatedAt = d.now
	if t.inf != nil {
		a.Evidence = t.inf.ids()
	} else {
		a.Evidence = t.ev.ids()
	}
	if c := t.dominant(); c != model.CategoryNone {
		a.Category = c
	}
	t.emittedAt, t.peak = d.now, growth
	d.out = append(d.out, a)
}

// rateTrack returns the open wave of a rate rule in s, opening one (seeded
// with the window's negatives) when there is none.
func (d *Detector) rateTrack(slot **track, s *scope, rule string) (*track, bool) {
	if !d.expired(*slot) {
		return *slot, false
	}
	t := d.open(rule, rule+":"+s.name, s.platform)
	from := d.cur - d.win
	for i := range min(s.pushed, recentCap) {
		if r := &s.recent[i]; r.minute > from {
			t.ev.offer(r.id, r.sev)
			t.cats[r.cat]++
		}
	}
	*slot = t
	return t, true
}

// expected is the negatives a scope's window would hold at its baseline
// rate: the baseline's mean over the minutes actually watched, never below
// the floor, so a cold start or a silent night does not make every handful a
// spike.
func (d *Detector) expected(s *scope) float64 {
	rate := s.floor
	if cov := d.covered(); cov > 0 {
		rate = max(rate, float64(s.baseNeg)/float64(cov))
	}
	return rate * float64(d.win)
}

// covered is how many of the baseline's minutes the detector has seen.
func (d *Detector) covered() int64 {
	hi := d.cur - d.win
	lo := max(d.cur-d.span+1, d.first)
	return max(0, hi-lo+1)
}

func (d *Detector) checkSpike(s *scope) {
	if s.winNeg < s.minCount {
		return
	}
	count := float64(s.winNeg)
	expected := d.expected(s)
	if count < d.r.SpikeFactor*expected {
		return
	}
	factor := count / expected
	lvl := min(d.r.SpikeLevels.level(factor), d.r.SpikeCountLevels.level(count/float64(s.minCount)))
	if d.folded(s, s.spike, d.scopes[0].spike) {
		return
	}
	t, fresh := d.rateTrack(&s.spike, s, model.RuleSpike)
	t.lastHit = d.now
	if !d.due(t, fresh, lvl, count) {
		return
	}
	a := t.alert
	d.fillWindow(a, s)
	a.Count, a.Baseline, a.Value, a.Threshold = s.winNeg, expected, factor, d.r.SpikeFactor
	a.Message = fmt.Sprintf("Negative spike on %s: %d negative mentions in %s, %.1fx the expected %.1f (alert at %gx)%s",
		where(s.platform), s.winNeg, span(d.r.Window), factor, expected, d.r.SpikeFactor, d.leaders(s))
	d.emit(t, lvl, count)
}

func (d *Detector) checkShare(s *scope) {
	if s.winAll < d.r.NegShareMinCount || s.winNeg == 0 {
		return
	}
	share := float64(s.winNeg) / float64(s.winAll)
	if share < d.r.NegShare {
		return
	}
	threshold, usual := d.r.NegShare, -1.0
	if s.baseAll >= d.r.NegShareMinCount {
		usual = float64(s.baseNeg) / float64(s.baseAll)
		threshold = max(threshold, usual+d.r.NegShareRise)
		if share < threshold {
			return
		}
	}
	lvl := min(d.r.ShareLevels.level(share), d.r.ShareCountLevels.level(float64(s.winAll)/float64(d.r.NegShareMinCount)))
	if d.folded(s, s.share, d.scopes[0].share) {
		return
	}
	t, fresh := d.rateTrack(&s.share, s, model.RuleNegativeShare)
	t.lastHit = d.now
	if !d.due(t, fresh, lvl, share) {
		return
	}
	a := t.alert
	d.fillWindow(a, s)
	a.Count, a.Baseline, a.Value, a.Threshold = s.winNeg, max(usual, 0), share, threshold
	usualText := "no baseline yet"
	if usual >= 0 {
		usualText = fmt.Sprintf("usually %.0f%%", 100*usual)
	}
	a.Message = fmt.Sprintf("Negative share on %s: %.0f%% of %d mentions in %s are negative (alert at %.0f%%, %s)%s",
		where(s.platform), 100*share, s.winAll, span(d.r.Window), 100*threshold, usualText, d.leaders(s))
	d.emit(t, lvl, share)
}

// folded reports whether a platform's rate rule, which holds, stays inside
// the overall alert of the same rule instead of opening its own: when the
// overall wave is open and the platform carries less than PlatformMinShare
// of the window's negatives. In a crisis that reaches every platform, the
// small ones cross their low per-platform minimum one after another; they
// are the overall wave's spill-over (named in its message), not eleven
// stories. A platform alert already open is never folded; nor is a platform
// while no overall alert of the rule is open (a platform of its own is the
// early warning), nor, once the overall wave has calmed, one that carries a
// PlatformMinShare of a quieter window: that is a new story.
func (d *Detector) folded(s *scope, own, overall *track) bool {
	if s == &d.scopes[0] || d.r.PlatformMinShare <= 0 || !d.expired(own) || d.expired(overall) {
		return false
	}
	return float64(s.winNeg) < d.r.PlatformMinShare*float64(d.scopes[0].winNeg)
}

// leaders names, for an overall alert's message, the platforms carrying
// most of the window's negatives: "; most on weibo 151, news 99, douyin 52".
func (d *Detector) leaders(s *scope) string {
	if s != &d.scopes[0] {
		return ""
	}
	var top [namedLeaders]int // scope indexes, most negatives first; 0: none
	for i := 1; i < len(d.scopes); i++ {
		n := d.scopes[i].winNeg
		if n == 0 {
			continue
		}
		for k := range top {
			if top[k] == 0 || n > d.scopes[top[k]].winNeg {
				copy(top[k+1:], top[k:])
				top[k] = i
				break
			}
		}
	}
	var b strings.Builder
	for k, i := range top {
		if i == 0 {
			break
		}
		if k == 0 {
			b.WriteString("; most on ")
		} else {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s %d", d.scopes[i].name, d.scopes[i].winNeg)
	}
	return b.String()
}

// fillWindow sets a rate alert's window and its terms: the most frequent
// among the window's negatives, or the previous ones if none are known (a
// wave seen only through Warm).
func (d *Detector) fillWindow(a *model.Alert, s *scope) {
	a.WindowFrom = minuteStart(d.cur-d.win+1, d.now.Location())
	a.WindowTo = d.now
	from := d.cur - d.win
	freq := map[string]int{}
	for i := range min(s.pushed, recentCap) {
		if r := &s.recent[i]; r.minute > from {
			for _, t := range r.terms {
				freq[t]++
			}
		}
	}
	if terms := topTerms(freq); terms != nil {
		a.Terms = terms
	}
}

func (d *Detector) checkFlags(m *model.Mention, p model.Platform) {
	if len(d.flagTr) == 0 {
		return
	}
	var h hits
	d.flags.scan(m.Text, &h)
	for _, term := range m.Terms {
		d.flags.scan(term, &h)
	}
	if h.groups == 0 {
		return
	}
	for g := range d.flagTr {
		if h.groups&(1<<g) == 0 {
			continue
		}
		fg := &d.r.RedFlags[g]
		t := d.flagTr[g]
		fresh := d.expired(t)
		if fresh {
			t = d.open(model.RuleRedFlag, model.RuleRedFlag+":"+fg.Name, "")
			d.flagTr[g] = t
		}
		t.lastHit = d.now
		t.post(m, d.now, p)
		for _, x := range h.at[:h.n] {
			if int(x.group) == g {
				t.termMask |= 1 << x.idx
			}
		}
		lvl := d.r.RedFlagLevels.level(float64(t.posts))
		if fg.Grave {
			lvl = min(lvl+1, model.LevelRed)
		}
		// A red-flag wave grows by one post at a time; refreshing the
		// alert on every cooldown would write an event per quarter hour all
		// day. It is sent again only when its post count has doubled.
		growth := math.Floor(math.Log2(float64(t.posts)))
		if !d.due(t, fresh, lvl, growth) {
			continue
		}
		a := t.alert
		a.WindowFrom, a.WindowTo = t.first, t.last
		a.Count, a.Baseline, a.Value, a.Threshold = t.posts, 0, float64(t.posts), 1
		a.Platform = t.platform
		if t.mixed {
			a.Platform = ""
		}
		var terms []string // new slice: the caller may hold the old one
		for i, term := range fg.Terms {
			if t.termMask&(1<<i) != 0 && len(terms) < maxTerms {
				terms = append(terms, term)
			}
		}
		a.Terms = terms
		grave := ""
		if fg.Grave {
			grave = " (grave)"
		}
		a.Message = fmt.Sprintf("Red flag %q%s: %d negative %s on %s %s %s",
			fg.Name, grave, t.posts, plural(t.posts, "post", "posts"), where(a.Platform),
			plural(t.posts, "mentions", "mention"), strings.Join(a.Terms, ", "))
		d.emit(t, lvl, growth)
	}
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// minuteOf is t's minute since the Unix epoch, rounded down.
func minuteOf(t time.Time) int64 {
	u := t.Unix()
	if u < 0 {
		return (u - 59) / 60
	}
	return u / 60
}

func minuteStart(m int64, loc *time.Location) time.Time {
	return time.Unix(m*60, 0).In(loc)
}

func mod(a, n int64) int64 {
	r := a % n
	if r < 0 {
		r += n
	}
	return r
}
