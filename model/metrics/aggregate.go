package metrics

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"warroom/model"
)

// Post is what a report keeps of one mention. It is a copy, so the mention
// iterator may reuse its *model.Mention between calls.
type Post struct {
	MentionID  int64
	Platform   model.Platform
	ExternalID string
	AuthorName string
	AuthorID   string
	Followers  int64
	Verified   bool
	Text       string // the sanitized display text; renderers sanitize again
	URL        string
	CreatedAt  time.Time
	Likes      int64
	Comments   int64
	Shares     int64
	Negative   bool
	Category   model.Category
	Severity   int
}

// Engagement is the sum of likes, comments and shares.
func (p Post) Engagement() int64 { return p.Likes + p.Comments + p.Shares }

func postOf(m *model.Mention) Post {
	return Post{MentionID: m.ID, Platform: m.Platform, ExternalID: m.ExternalID, AuthorName: m.AuthorName,
		AuthorID: m.AuthorID, Followers: m.AuthorFollowers, Verified: m.Verified, Text: m.Text, URL: m.URL,
		CreatedAt: postTime(m), Likes: m.Likes, Comments: m.Comments, Shares: m.Shares,
		Negative: m.Negative, Category: m.Category, Severity: m.Severity}
}

// moreInfluential ranks negative posts for the "top" list: by engagement
// (what the post actually did, not what its author could do), then by
// followers, then earlier first, then by id so the order is total.
func moreInfluential(a, b Post) bool {
	if ea, eb := a.Engagement(), b.Engagement(); ea != eb {
		return ea > eb
	}
	if a.Followers != b.Followers {
		return a.Followers > b.Followers
	}
	if !a.CreatedAt.Equal(b.CreatedAt) {
		return a.CreatedAt.Before(b.CreatedAt)
	}
	return a.MentionID < b.MentionID
}

// earlier orders posts by creation time, then id.
func earlier(a, b Post) bool {
	if !a.CreatedAt.Equal(b.CreatedAt) {
		return a.CreatedAt.Before(b.CreatedAt)
	}
	return a.MentionID < b.MentionID
}

// Count is the number of mentions, and of negative ones, under one key
// (a platform or a category).
type Count struct {
	Key      string
	All      int
	Negative int
}

// Share returns the negative share under the key.
func (c Count) Share() Ratio { return Ratio{c.Negative, c.All} }

// CategoryNoneKey is the Count key of mentions with no crisis category.
const CategoryNoneKey = "none"

// FirstNegativeKept is how many of the earliest negative mentions are kept.
const FirstNegativeKept = 3

// Aggregate is everything the report needs from the mentions. Build it with
// an Aggregator, or by hand (tests, or a store with pre-aggregated counts).
type Aggregate struct {
	Series           Series
	Total, Negative  int
	First, Last      time.Time // creation times of the earliest and latest mention counted
	Platforms        []Count   // most mentions first
	Categories       []Count   // most mentions first; CategoryNoneKey for none
	CrisisCategory   string    // the category with most negative mentions (not none); "" if none has any
	FirstNegative    []Post    // the earliest negative mentions of CrisisCategory, up to FirstNegativeKept
	FirstInfluential *Post     // the earliest of them by an author with ≥ InfluentialFollowers
	TopNegative      []Post    // most influential negative posts, best first
	InfluencerPosts  []Post    // posts by the trusted influencers, earliest first
	Skipped          int       // mentions left out: no creation time, or created after AsOf
}

type slot struct{ all, neg int32 }

// Aggregator builds an Aggregate in one pass over the mentions. Add does not
// allocate except when a post enters one of the kept lists or the series
// grows, so it keeps up with a SQLite iterator over a large file.
type Aggregator struct {
	opts   Options
	stepNs int64
	offNs  int64 // the zone's offset, so day-wide buckets start at local midnight
	base   int64 // absolute slot number of slots[0]
	slots  []slot
	agg    Aggregate
	plat   map[model.Platform]int // index into agg.Platforms
	cat    map[model.Category]int
	infl   map[string][]model.Platform
	// Where it started is judged within the crisis category, which is only
	// known at the end, so the earliest negatives are kept per category
	// (index as in agg.Categories), and overall for uncategorised files.
	firstNeg  [][]Post
	firstInfl []*Post
	allFirst  []Post
	allInfl   *Post
}

// NewAggregator returns an aggregator for opts (defaults applied).
func NewAggregator(opts Options) *Aggregator {
	opts = opts.WithDefaults()
	// A fixed offset is exact for China; for zones with daylight saving
	// the bucket edges follow standard time, which only matters for steps
	// longer than an hour.
	_, off := time.Date(2000, 1, 1, 0, 0, 0, 0, opts.Location).Zone()
	return &Aggregator{
		opts:   opts,
		stepNs: int64(opts.Step),
		offNs:  int64(off) * int64(time.Second),
		plat:   make(map[model.Platform]int, len(model.Platforms)),
		cat:    make(map[model.Category]int, len(model.Categories)+1),
		infl:   opts.influencers(),
	}
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// postTime is when a mention is counted: when it was posted, or when it
// arrived if it gives no post time or one that cannot be right (a day
// after it arrived, or over a year before: a 1970 or 9999 from a broken
// exporter would stretch the incident over centuries).
func postTime(m *model.Mention) time.Time {
	t, in := m.CreatedAt, m.IngestedAt
	if in.IsZero() {
		return t
	}
	if t.IsZero() || t.After(in.Add(24*time.Hour)) || t.Before(in.AddDate(-1, 0, 0)) {
		return in
	}
	return t
}

// Add counts one mention. It keeps nothing that points into m except
// strings, which are immutable, so the caller may reuse m.
func (a *Aggregator) Add(m *model.Mention) {
	t := postTime(m)
	if t.IsZero() || (!a.opts.AsOf.IsZero() && t.After(a.opts.AsOf)) {
		a.agg.Skipped++
		return
	}
	n := floorDiv(t.UnixNano()+a.offNs, a.stepNs)
	switch {
	case len(a.slots) == 0:
		a.base = n
		a.slots = append(a.slots, slot{})
	case n < a.base: // out of order: grow at the front (rare with an ordered iterator)
		grow := int(a.base - n)
		a.slots = append(make([]slot, grow, grow+len(a.slots)), a.slots...)
		a.base = n
	case n >= a.base+int64(len(a.slots)):
		a.slots = append(a.slots, make([]slot, int(n-a.base)-len(a.slots)+1)...)
	}
	s := &a.slots[n-a.base]
	s.all++
	g := &a.agg
	g.Total++
	if g.First.IsZero() || t.Before(g.First) {
		g.First = t
	}
	if t.After(g.Last) {
		g.Last = t
	}
	if m.Negative {
		s.neg++
		g.Negative++
	}

	i, ok := a.plat[m.Platform]
	if !ok {
		i = len(g.Platforms)
		a.plat[m.Platform] = i
		g.Platforms = append(g.Platforms, Count{Key: string(m.Platform)})
	}
	g.Platforms[i].All++
	j, ok := a.cat[m.Category]
	if !ok {
		j = len(g.Categories)
		a.cat[m.Category] = j
		key := string(m.Category)
		if key == "" {
			key = CategoryNoneKey
		}
		g.Categories = append(g.Categories, Count{Key: key})
		a.firstNeg = append(a.firstNeg, nil)
		a.firstInfl = append(a.firstInfl, nil)
	}
	g.Categories[j].All++
	if m.Negative {
		g.Platforms[i].Negative++
		g.Categories[j].Negative++
		a.negative(m, j)
	}
	if a.infl != nil && len(g.InfluencerPosts) < a.opts.MaxInfluencerPosts && a.isInfluencer(m) {
		g.InfluencerPosts = append(g.InfluencerPosts, postOf(m))
	}
}

func (a *Aggregator) negative(m *model.Mention, cat int) {
	g := &a.agg
	a.firstNeg[cat], a.firstInfl[cat] = a.earliest(a.firstNeg[cat], a.firstInfl[cat], m)
	a.allFirst, a.allInfl = a.earliest(a.allFirst, a.allInfl, m)
	top := g.TopNegative
	if len(top) < a.opts.TopN {
		g.TopNegative = insertRanked(top, postOf(m), a.opts.TopN, moreInfluential)
		return
	}
	// Cheap check on the hot path before building a Post.
	last := top[len(top)-1]
	if e := m.Engagement(); e > last.Engagement() || (e == last.Engagement() && m.AuthorFollowers >= last.Followers) {
		g.TopNegative = insertRanked(top, postOf(m), a.opts.TopN, moreInfluential)
	}
}

// earliest keeps the first negative mentions and the first influential one.
func (a *Aggregator) earliest(first []Post, infl *Post, m *model.Mention) ([]Post, *Post) {
	if n := len(first); n < FirstNegativeKept || postTime(m).Before(first[n-1].CreatedAt) {
		first = insertRanked(first, postOf(m), FirstNegativeKept, earlier)
	}
	if m.AuthorFollowers >= a.opts.InfluentialFollowers && (infl == nil || postTime(m).Before(infl.CreatedAt)) {
		p := postOf(m)
		infl = &p
	}
	return first, infl
}

// insertRanked puts p into the sorted list (best first by better), keeping
// at most n.
func insertRanked(list []Post, p Post, n int, better func(a, b Post) bool) []Post {
	i, _ := slices.BinarySearchFunc(list, p, func(x, y Post) int {
		if better(x, y) {
			return -1
		}
		return 1
	})
	if i >= n {
		return list
	}
	if len(list) < n {
		list = append(list, Post{})
	}
	copy(list[i+1:], list[i:len(list)-1])
	list[i] = p
	return list
}

func (a *Aggregator) isInfluencer(m *model.Mention) bool {
	for _, h := range [2]string{m.AuthorID, m.AuthorName} {
		if h == "" {
			continue
		}
		on, ok := a.infl[h]
		if !ok {
			continue
		}
		if on == nil || slices.Contains(on, m.Platform) {
			return true
		}
	}
	return false
}

// Result returns the aggregate. The aggregator can go on adding afterwards;
// each Result is a fresh copy.
func (a *Aggregator) Result() *Aggregate {
	g := a.agg
	g.Series = Series{Step: a.opts.Step}
	if len(a.slots) > 0 {
		g.Series.Start = time.Unix(0, a.base*a.stepNs-a.offNs).In(a.opts.Location)
		g.Series.Buckets = make([]Bucket, len(a.slots))
		for i, s := range a.slots {
			g.Series.Buckets[i] = Bucket{Start: g.Series.Start.Add(time.Duration(i) * a.opts.Step), All: int(s.all), Negative: int(s.neg)}
		}
	}
	first, infl := a.allFirst, a.allInfl
	best := -1
	for j, c := range g.Categories {
		if c.Key != CategoryNoneKey && c.Negative > 0 &&
			(best < 0 || c.Negative > g.Categories[best].Negative ||
				(c.Negative == g.Categories[best].Negative && c.Key < g.Categories[best].Key)) {
			best = j
		}
	}
	if best >= 0 {
		g.CrisisCategory = g.Categories[best].Key
		first, infl = a.firstNeg[best], a.firstInfl[best]
	}
	g.FirstNegative = slices.Clone(first)
	if infl != nil {
		p := *infl
		g.FirstInfluential = &p
	}
	g.Platforms = sortCounts(slices.Clone(g.Platforms))
	g.Categories = sortCounts(slices.Clone(g.Categories))
	g.TopNegative = slices.Clone(g.TopNegative)
	g.InfluencerPosts = slices.Clone(g.InfluencerPosts)
	slices.SortStableFunc(g.InfluencerPosts, func(x, y Post) int {
		if earlier(x, y) {
			return -1
		}
		if earlier(y, x) {
			return 1
		}
		return 0
	})
	return &g
}

// sortCounts orders counts by mentions, most first, then by key.
func sortCounts(c []Count) []Count {
	slices.SortFunc(c, func(x, y Count) int {
		if x.All != y.All {
			return cmp.Compare(y.All, x.All)
		}
		return strings.Compare(x.Key, y.Key)
	})
	return c
}
