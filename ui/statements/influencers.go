package statements

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"warroom/model"
	"warroom/model/plan"
)

// IsTrusted reports whether m was posted by one of the plan's trusted
// influencers; the feed panel uses it to mark their mentions.
func IsTrusted(p *plan.Plan, m *model.Mention) bool {
	_, ok := Trusted(p, m)
	return ok
}

// Trusted returns the trusted influencer who posted m. The platform must
// match; then the platform's user id decides when both sides have one, and
// otherwise the handle, compared without case, surrounding space or a
// leading "@". A display name can be copied, an id cannot: when both ids
// are known and differ, a matching name is not enough.
func Trusted(p *plan.Plan, m *model.Mention) (plan.Influencer, bool) {
	if p == nil || m == nil {
		return plan.Influencer{}, false
	}
	var name string // normalised lazily: most mentions fail on platform
	for _, in := range p.Influencers {
		if in.Platform != m.Platform {
			continue
		}
		if in.AuthorID != "" && m.AuthorID != "" {
			if strings.TrimSpace(in.AuthorID) == strings.TrimSpace(m.AuthorID) {
				return in, true
			}
			continue
		}
		if name == "" {
			name = handle(m.AuthorName)
		}
		if name != "" && strings.EqualFold(handle(in.Name), name) {
			return in, true
		}
	}
	return plan.Influencer{}, false
}

// handle normalises an account name for comparison.
func handle(s string) string {
	s = strings.TrimSpace(clean(s))
	s = strings.TrimPrefix(strings.TrimPrefix(s, "@"), "＠")
	return strings.TrimSpace(s)
}

// InfluencerKey identifies an influencer in a posts map: platform and user
// id, or platform and handle when the plan gives no id.
func InfluencerKey(in plan.Influencer) string {
	if id := strings.TrimSpace(in.AuthorID); id != "" {
		return string(in.Platform) + ":id:" + id
	}
	return string(in.Platform) + ":" + strings.ToLower(handle(in.Name))
}

// GroupPosts sorts mentions by the trusted influencer who posted them,
// newest first; mentions by anyone else are left out.
func GroupPosts(p *plan.Plan, ms []*model.Mention) map[string][]*model.Mention {
	out := map[string][]*model.Mention{}
	for _, m := range ms {
		if in, ok := Trusted(p, m); ok {
			k := InfluencerKey(in)
			out[k] = append(out[k], m)
		}
	}
	for k := range out {
		sortPosts(out[k])
	}
	return out
}

func sortPosts(ms []*model.Mention) {
	slices.SortStableFunc(ms, func(a, b *model.Mention) int {
		if c := b.CreatedAt.Compare(a.CreatedAt); c != 0 {
			return c
		}
		return int(b.ID - a.ID)
	})
}

// Finder loads an influencer's posts in the incident, newest first, at most
// limit. The root adapts its store to it; it runs inside a command, never
// in Update.
type Finder func(ctx context.Context, in plan.Influencer, limit int) ([]*model.Mention, error)

// Load limits: posts asked per influencer, and how long a load may take.
const (
	PostLimit   = 20
	loadTimeout = 5 * time.Second
	shownPosts  = 4 // per influencer, in the view
)

// Influencers is the trusted-influencer view: each influencer of the plan
// with their reach and topics, and their latest posts in the incident with
// the sentiment of each.
type Influencers struct {
	opts   Options
	c      catalog
	st     *Styles
	keys   ScrollKeys
	now    time.Time
	w, h   int
	off    int
	posts  map[string][]*model.Mention
	loaded bool
	err    string
	req    int
	lines  []string
}

// NewInfluencers returns the view for opts.Plan's influencers.
func NewInfluencers(opts Options) Influencers {
	opts.defaults()
	c := newCatalog(opts.Lang)
	return Influencers{opts: opts, c: c, st: opts.Styles, keys: newScrollKeys(c), posts: map[string][]*model.Mention{}}
}

// SetStyles replaces the styles.
func (m *Influencers) SetStyles(st *Styles) {
	m.st = st
	m.build()
}

// SetSize sets the size View fills.
func (m *Influencers) SetSize(w, h int) {
	m.w, m.h = w, h
	m.build()
}

// SetState takes the time of the frame (for times of day); the view needs
// nothing else from the state.
func (m *Influencers) SetState(_ *model.State, now time.Time) {
	if !now.Equal(m.now) {
		m.now = now
		m.build()
	}
}

// SetPosts replaces the posts, keyed by InfluencerKey.
func (m *Influencers) SetPosts(posts map[string][]*model.Mention) {
	m.posts = map[string][]*model.Mention{}
	for k, ms := range posts {
		m.posts[k] = slices.Clone(ms)
		sortPosts(m.posts[k])
	}
	m.loaded, m.err = true, ""
	m.build()
}

// Add takes newly arrived mentions and keeps those by trusted influencers,
// so the view follows the live feed without reloading.
func (m *Influencers) Add(ms []*model.Mention) {
	changed := false
	for _, x := range ms {
		in, ok := Trusted(m.opts.Plan, x)
		if !ok {
			continue
		}
		k := InfluencerKey(in)
		if slices.ContainsFunc(m.posts[k], func(y *model.Mention) bool { return y.ID == x.ID && x.ID != 0 }) {
			continue
		}
		m.posts[k] = append(m.posts[k], x)
		sortPosts(m.posts[k])
		if len(m.posts[k]) > PostLimit {
			m.posts[k] = m.posts[k][:PostLimit]
		}
		changed = true
	}
	if changed {
		m.build()
	}
}

// Load returns the command that loads every influencer's posts through
// find; its PostsMsg comes back to Update. A newer Load makes older
// answers stale.
func (m *Influencers) Load(find Finder) tea.Cmd {
	if find == nil || m.opts.Plan == nil {
		return nil
	}
	m.req++
	req := m.req
	list := slices.Clone(m.opts.Plan.Influencers)
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), loadTimeout)
		defer cancel()
		out := map[string][]*model.Mention{}
		for _, in := range list {
			ms, err := find(ctx, in, PostLimit)
			if err != nil {
				return PostsMsg{Req: req, Err: fmt.Errorf("posts of %s on %s: %w", in.Name, in.Platform, err)}
			}
			out[InfluencerKey(in)] = ms
		}
		return PostsMsg{Req: req, Posts: out}
	}
}

// KeyMap returns the view's bindings, for the root's help.
func (m Influencers) KeyMap() ScrollKeys { return m.keys }

// Update takes loaded posts and scroll keys; esc or q asks the root to
// close the view.
func (m Influencers) Update(msg tea.Msg) (Influencers, tea.Cmd) {
	switch msg := msg.(type) {
	case PostsMsg:
		if msg.Req != m.req {
			return m, nil
		}
		if msg.Err != nil {
			m.err = m.c.F("infl.err", errText(msg.Err))
			m.loaded = true
			m.build()
			return m, nil
		}
		m.SetPosts(msg.Posts)
	case tea.KeyPressMsg:
		if key.Matches(msg, m.keys.Close) {
			return m, func() tea.Msg { return CloseMsg{From: InfluencersOverlay} }
		}
		m.keys.scroll(msg, &m.off, m.h-2)
		m.off = min(m.off, max(len(m.lines)-(m.h-2), 0))
	}
	return m, nil
}

// View draws the view exactly as large as SetSize said.
func (m Influencers) View() string {
	if m.w <= 0 || m.h <= 0 {
		return ""
	}
	if m.w < minWidth || m.h < 4 {
		return tooSmall(m.c, m.w, m.h)
	}
	return strings.Join(scrollBox(m.st, m.c, m.c.T("infl.title"), m.lines, m.off, m.w, m.h), "\n")
}

// build lays the view out for the current width and posts.
func (m *Influencers) build() {
	m.lines = nil
	tw := m.w - 4
	if tw < 10 {
		return
	}
	c, st := m.c, m.st
	add := func(ls ...string) {
		for _, l := range ls {
			m.lines = append(m.lines, " "+l)
		}
	}
	p := m.opts.Plan
	if p == nil || len(p.Influencers) == 0 {
		add(c.T("infl.none"))
		return
	}
	for _, l := range wrap(c.T("infl.hint"), tw) {
		add(st.Dim.Render(l))
	}
	if m.err != "" {
		add(st.Error.Render(fit(m.err, tw)))
	}
	add("")
	for _, in := range p.Influencers {
		head := st.Badge.Render(c.platform(in.Platform)) + " " + st.Bold.Render(clean(in.Name)) + "  " +
			c.F("infl.followers", c.count(in.Followers))
		var topics []string
		for _, t := range in.Topics {
			if t = clean(t); t != "" {
				topics = append(topics, t)
			}
		}
		if len(topics) > 0 {
			head += "  " + st.Muted.Render(strings.Join(topics, c.T("sep.list")))
		}
		add(fit(head, tw))
		var about []string
		if s := clean(in.Contact); s != "" {
			about = append(about, c.F("infl.contact", s))
		}
		if s := clean(in.Note); s != "" {
			about = append(about, s)
		}
		if len(about) > 0 {
			for _, l := range indented("  ", strings.Join(about, " · "), tw) {
				add(st.Dim.Render(l))
			}
		}
		posts := m.posts[InfluencerKey(in)]
		switch {
		case !m.loaded && len(posts) == 0:
			add("  " + st.Dim.Render(c.T("infl.loading")))
		case len(posts) == 0:
			add("  " + st.Muted.Render(c.T("infl.noposts")))
		default:
			sum, neg := 0.0, 0
			for _, x := range posts {
				sum += x.Sentiment
				if x.Negative {
					neg++
				}
			}
			mean := sum / float64(len(posts))
			meanStyle := st.Muted
			switch {
			case mean < -0.2:
				meanStyle = st.Negative
			case mean > 0.2:
				meanStyle = st.Positive
			}
			add("  " + c.F("infl.posts", len(posts), meanStyle.Render(fmt.Sprintf("%+.2f", mean)), neg))
			for _, x := range posts[:min(len(posts), shownPosts)] {
				s := fmt.Sprintf("%+.2f", x.Sentiment)
				if x.Negative {
					s += " " + c.T("infl.neg")
				}
				s = fit(s, 6+width(c.T("infl.neg")))
				line := "  " + st.Muted.Render(clockText(x.CreatedAt, m.now, m.opts.Location)) + " " +
					st.sentiment(x).Render(s) + " " + clean(x.Text)
				add(fit(line, tw))
			}
			if more := len(posts) - shownPosts; more > 0 {
				add("  " + st.Dim.Render(c.F("infl.more", more)))
			}
		}
		add("")
	}
}
