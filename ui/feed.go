package ui

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"warroom/model"
	"warroom/ui/statements"
)

// Feed window sizes. The window is what the feed holds in memory; older and
// newer rows are paged from the backend as the reader scrolls, so a million
// mentions cost what two thousand do.
const (
	maxWindow     = 2000
	firstPage     = 300
	olderPage     = 500
	severitySteps = 5
)

// severityMins are the steps of the minimum-severity filter.
var severityMins = [severitySteps]int{0, 30, 50, 70, 90}

// feedFilter is what the feed shows; zero shows everything.
type feedFilter struct {
	negative bool
	platform model.Platform // "" for all
	minSev   int
	search   string
	matches  func(text string) bool // search's meaning for live rows; nil matches all
}

func (f feedFilter) query() FeedQuery {
	return FeedQuery{Platform: f.platform, NegativeOnly: f.negative, MinSeverity: f.minSev, Search: f.search}
}

// match applies the filter to a live mention, with the backend's meaning
// of the search (Options.SearchMatcher).
func (f feedFilter) match(m *model.Mention) bool {
	if f.negative && !m.Negative {
		return false
	}
	if f.platform != "" && m.Platform != f.platform {
		return false
	}
	if m.Severity < f.minSev {
		return false
	}
	return f.matches == nil || f.matches(m.Text)
}

// searchMatcher is the live test for a search: the backend's, or, without
// one, every word of the query in the text, without regard to case.
func searchMatcher(o Options, query string) func(string) bool {
	if query == "" {
		return nil
	}
	if o.SearchMatcher != nil {
		return o.SearchMatcher(query)
	}
	words := strings.Fields(strings.ToLower(query))
	return func(text string) bool {
		text = strings.ToLower(text)
		for _, w := range words {
			if !strings.Contains(text, w) {
				return false
			}
		}
		return true
	}
}

// newerPage remembers rows dropped off the top of the window so they can be
// fetched again: the `n` newest mentions with ids below `before`. The log is
// append-only, so the same query gives the same rows.
type newerPage struct {
	before int64
	n      int
}

type pageDir int

const (
	pageReload pageDir = iota
	pageOlder
	pageNewer
)

// feedPageMsg is a page of mentions for request req.
type feedPageMsg struct {
	req   int
	dir   pageDir
	limit int
	rows  []*model.Mention
	err   error
}

// feedCountMsg is the match count for request req, as of time at (zero
// outside a replay).
type feedCountMsg struct {
	req, seq int
	at       time.Time
	n        int
	err      error
}

// feedRefreshMsg brings a replay's feed to a later time: the newest rows
// (when the feed follows; nil otherwise) and the match count.
type feedRefreshMsg struct {
	req     int
	seq     int
	at      time.Time
	limit   int
	rows    []*model.Mention
	hasRows bool
	n       int
	err     error
}

type cachedRow struct {
	w, gen int
	day    int // the session's day it was drawn on: rowTime shows a date for other days
	s      string
}

// feedPanel is the live mention feed.
type feedPanel struct {
	sh                         *session
	w, h                       int
	rows                       []*model.Mention // the window, newest first
	sel                        int
	top                        int
	follow                     bool
	fresh                      int         // rows that arrived while paused
	newer                      []newerPage // stack of pages dropped off the top
	older                      bool        // more rows below the window in the backend
	req                        int         // generation of the filter; late answers to older ones are dropped
	loading                    bool
	loadingOlder, loadingNewer bool
	waiting                    []*model.Mention // arrivals while a reload is in flight
	filter                     feedFilter
	count                      int
	counted                    bool
	err                        string

	searching bool
	search    lineInput

	cache map[int64]cachedRow
	gen   int // bumped when styles or language change

	// In a replay the feed shows the file as of asOf: queries never see a
	// row ingested later. One refresh is in flight at a time; again asks
	// for another when it lands.
	asOf       time.Time
	refreshing bool
	again      bool
	countSeq   int       // numbers count requests; an answer older than the count shown is dropped
	countShown int       // countSeq of the count shown
	countAt    time.Time // the time of the count shown
	base       int       // the count when the rows were loaded, for "n new" while scrolled back
}

func newFeed(sh *session) *feedPanel {
	return &feedPanel{sh: sh, follow: true, search: newInput("/ ", ""), cache: map[int64]cachedRow{}}
}

// SetSize gives the panel its outer size.
func (f *feedPanel) SetSize(w, h int) {
	f.w, f.h = w, h
	f.clampScroll()
}

// restyle drops cached rows after a style or language change.
func (f *feedPanel) restyle() {
	f.gen++
	clear(f.cache)
}

// typing reports whether the search input has the keys.
func (f *feedPanel) typing() bool { return f.searching }

// visible is how many rows fit.
func (f *feedPanel) visible() int {
	n := f.h - 3 // frame and status line
	if f.searching {
		n--
	}
	return max(n, 0)
}

// KeyMap is the panel's help.
func (f *feedPanel) KeyMap() bindings {
	k := f.sh.keys.Feed
	return bindings{
		short: []key.Binding{k.Down, k.Follow, k.Negative, k.Platform, k.Severity, k.Search, k.Open},
		full: [][]key.Binding{
			{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom, k.Follow},
			{k.Negative, k.Platform, k.Severity, k.Search, k.Open, k.Copy},
		},
	}
}

// reload asks for the newest rows under the current filter, and their count.
func (f *feedPanel) reload() tea.Cmd {
	f.req++
	f.loading, f.loadingOlder, f.loadingNewer = true, false, false
	f.counted = false
	f.waiting = f.waiting[:0]
	f.countSeq++
	req, seq, b := f.req, f.countSeq, f.sh.opts.Backend
	q := f.filter.query()
	q.Until = f.until()
	q.Limit = firstPage
	return tea.Batch(
		read(func(ctx context.Context) tea.Msg {
			rows, err := b.Mentions(ctx, q)
			return feedPageMsg{req: req, dir: pageReload, limit: q.Limit, rows: rows, err: err}
		}),
		read(func(ctx context.Context) tea.Msg {
			n, err := b.CountMentions(ctx, q)
			return feedCountMsg{req: req, seq: seq, at: q.Until, n: n, err: err}
		}),
	)
}

// until is the time bound of the feed's queries: the replay's time, or
// none in a live session.
func (f *feedPanel) until() time.Time {
	if !f.asOf.IsZero() {
		return f.asOf
	}
	return f.sh.until()
}

// following reports whether the feed shows the newest rows.
func (f *feedPanel) following() bool { return f.follow && len(f.newer) == 0 }

// replayTo brings a replay's feed to time t. Following, the newest rows are
// fetched again; scrolled back, the rows stay and only the count moves,
// unless time went backwards, when rows from the future must go.
func (f *feedPanel) replayTo(t time.Time, backward bool) tea.Cmd {
	f.asOf = t
	if backward && !f.following() {
		return f.reload()
	}
	if f.loading || f.refreshing {
		f.again = true // asked for when the one in flight lands
		return nil
	}
	return f.refresh()
}

// refresh asks for the newest rows (when following) and the count as of
// asOf, in one command, without touching what is shown until they land.
func (f *feedPanel) refresh() tea.Cmd {
	f.refreshing, f.again = true, false
	f.countSeq++
	req, seq, b := f.req, f.countSeq, f.sh.opts.Backend
	q := f.filter.query()
	q.Until, q.Limit = f.asOf, firstPage
	rows := f.following()
	return read(func(ctx context.Context) tea.Msg {
		msg := feedRefreshMsg{req: req, seq: seq, at: q.Until, limit: q.Limit, hasRows: rows}
		if rows {
			if msg.rows, msg.err = b.Mentions(ctx, q); msg.err != nil {
				return msg
			}
		}
		msg.n, msg.err = b.CountMentions(ctx, q)
		return msg
	})
}

// gotRefresh shows a replay refresh.
func (f *feedPanel) gotRefresh(msg feedRefreshMsg) tea.Cmd {
	f.refreshing = false
	if msg.req == f.req {
		switch {
		case msg.err != nil:
			f.err = f.sh.c.F("err.load", clean(msg.err.Error()))
		case msg.hasRows && f.following():
			f.err = ""
			f.rows = msg.rows
			f.sel, f.top, f.fresh = 0, 0, 0
			f.older = len(msg.rows) >= msg.limit
			f.trimTail()
			f.pruneCache()
			f.setCount(msg.seq, msg.at, msg.n)
		default:
			f.err = ""
			f.setCount(msg.seq, msg.at, msg.n)
		}
		f.clampScroll()
	}
	return f.refreshAgain()
}

// refreshAgain asks for the refresh that was wanted while one was in flight.
func (f *feedPanel) refreshAgain() tea.Cmd {
	if f.again && !f.loading && !f.refreshing {
		return f.refresh()
	}
	return nil
}

// setCount takes the answer to count request seq, as of time at, unless
// the answer to a later request is shown. While the feed follows, the count
// is also the base "n new" counts from.
func (f *feedPanel) setCount(seq int, at time.Time, n int) {
	if f.counted && seq < f.countShown {
		return
	}
	f.count, f.counted, f.countAt, f.countShown = n, true, at, seq
	if f.following() {
		f.base = n
	} else if !f.asOf.IsZero() {
		f.fresh = max(n-f.base, 0)
	}
}

func (f *feedPanel) page(dir pageDir, before int64, limit int) tea.Cmd {
	req, b := f.req, f.sh.opts.Backend
	q := f.filter.query()
	q.Until = f.until()
	q.BeforeID, q.Limit = before, limit
	return read(func(ctx context.Context) tea.Msg {
		rows, err := b.Mentions(ctx, q)
		return feedPageMsg{req: req, dir: dir, limit: limit, rows: rows, err: err}
	})
}

// maybePage fetches more rows when the selection nears an edge of the window.
func (f *feedPanel) maybePage() tea.Cmd {
	if f.loading || len(f.rows) == 0 {
		return nil
	}
	var cmds []tea.Cmd
	v := max(f.visible(), 1)
	if f.older && !f.loadingOlder && len(f.rows)-f.sel <= 2*v {
		f.loadingOlder = true
		cmds = append(cmds, f.page(pageOlder, f.rows[len(f.rows)-1].ID, olderPage))
	}
	if len(f.newer) > 0 && !f.loadingNewer && f.sel < 2*v {
		f.loadingNewer = true
		p := f.newer[len(f.newer)-1]
		cmds = append(cmds, f.page(pageNewer, p.before, p.n))
	}
	return tea.Batch(cmds...)
}

// gotPage folds a page answer into the window.
func (f *feedPanel) gotPage(msg feedPageMsg) tea.Cmd {
	if msg.req != f.req {
		return nil // an answer to a filter that is no longer shown
	}
	if msg.err != nil {
		f.loading, f.loadingOlder, f.loadingNewer = false, false, false
		f.err = f.sh.c.F("err.load", clean(msg.err.Error()))
		return nil
	}
	f.err = ""
	switch msg.dir {
	case pageReload:
		f.loading = false
		rows := msg.rows
		// Arrivals during the query that it did not see go on top.
		if len(f.waiting) > 0 {
			head := int64(0)
			if len(rows) > 0 {
				head = rows[0].ID
			}
			var add []*model.Mention
			for _, m := range f.waiting {
				if m.ID > head {
					add = append(add, m)
				}
			}
			rows = append(add, rows...)
			f.waiting = f.waiting[:0]
		}
		f.rows = rows
		f.sel, f.top, f.fresh = 0, 0, 0
		f.newer = nil
		f.older = len(msg.rows) >= msg.limit
		f.follow = true
		if f.counted && f.countAt.Equal(f.until()) {
			f.base = f.count // the count landed first
		}
		f.trimTail()
		f.pruneCache()
		f.clampScroll()
		return tea.Batch(f.maybePage(), f.refreshAgain())
	case pageOlder:
		f.loadingOlder = false
		last := int64(0)
		if n := len(f.rows); n > 0 {
			last = f.rows[n-1].ID
		}
		for _, m := range msg.rows {
			if last == 0 || m.ID < last {
				f.rows = append(f.rows, m)
			}
		}
		f.older = len(msg.rows) >= msg.limit
		if over := len(f.rows) - maxWindow; over > 0 {
			f.newer = append(f.newer, newerPage{before: f.rows[0].ID + 1, n: over})
			f.rows = slices.Delete(f.rows, 0, over)
			f.sel, f.top = max(f.sel-over, 0), max(f.top-over, 0)
			f.follow = false
		}
		f.pruneCache()
	case pageNewer:
		f.loadingNewer = false
		if len(f.newer) > 0 {
			f.newer = f.newer[:len(f.newer)-1]
		}
		head := int64(0)
		if len(f.rows) > 0 {
			head = f.rows[0].ID
		}
		var add []*model.Mention
		for _, m := range msg.rows {
			if m.ID > head {
				add = append(add, m)
			}
		}
		f.rows = append(add, f.rows...)
		f.sel += len(add)
		f.top += len(add)
		f.trimTail()
		f.pruneCache()
	}
	f.clampScroll()
	return f.maybePage()
}

// trimTail keeps the window bounded by dropping its oldest rows; they can be
// paged in again.
func (f *feedPanel) trimTail() {
	if len(f.rows) > maxWindow {
		clear(f.rows[maxWindow:])
		f.rows = f.rows[:maxWindow]
		f.older = true
	}
}

// live takes new mentions (newest first) from the store.
func (f *feedPanel) live(ms []*model.Mention) {
	var add []*model.Mention
	for _, m := range ms {
		if !f.filter.match(m) {
			continue
		}
		if f.counted {
			f.count++
		}
		switch {
		case f.loading:
			if len(f.waiting) < maxWindow {
				f.waiting = append(f.waiting, m)
			}
		case f.follow && len(f.newer) == 0:
			if len(f.rows) == 0 || m.ID > f.rows[0].ID {
				add = append(add, m)
			}
		default:
			f.fresh++
		}
	}
	if len(add) == 0 {
		return
	}
	rows := make([]*model.Mention, 0, min(len(add)+len(f.rows), maxWindow+len(add)))
	rows = append(rows, add...)
	rows = append(rows, f.rows...)
	f.rows = rows
	f.trimTail()
	if len(f.cache) > 4*maxWindow/2 {
		f.pruneCache()
	}
}

// pruneCache forgets rendered rows that left the screen's neighbourhood.
func (f *feedPanel) pruneCache() {
	if len(f.cache) <= 4*max(f.visible(), 16) {
		return
	}
	keep := map[int64]bool{}
	for i := f.top; i < min(f.top+f.visible(), len(f.rows)); i++ {
		keep[f.rows[i].ID] = true
	}
	for id := range f.cache {
		if !keep[id] {
			delete(f.cache, id)
		}
	}
}

// clampScroll keeps the selection inside the window and on screen.
func (f *feedPanel) clampScroll() {
	n, v := len(f.rows), f.visible()
	f.sel = min(max(f.sel, 0), max(n-1, 0))
	if f.sel < f.top {
		f.top = f.sel
	}
	if v > 0 && f.sel >= f.top+v {
		f.top = f.sel - v + 1
	}
	f.top = min(max(f.top, 0), max(n-v, 0))
}

// moveTo selects row i; moving off the newest row pauses following.
func (f *feedPanel) moveTo(i int) tea.Cmd {
	if len(f.rows) == 0 {
		return nil
	}
	f.sel = i
	f.clampScroll()
	if f.sel > 0 || len(f.newer) > 0 {
		f.follow = false
	}
	return f.maybePage()
}

// resume goes back to following the newest rows.
func (f *feedPanel) resume() tea.Cmd {
	if f.follow && f.fresh == 0 && len(f.newer) == 0 && !f.loading {
		f.sel, f.top = 0, 0
		return nil
	}
	f.follow = true
	return f.reload()
}

// selected returns the selected mention, or nil.
func (f *feedPanel) selected() *model.Mention {
	if f.sel < len(f.rows) {
		return f.rows[f.sel]
	}
	return nil
}

// scroll moves by n rows, for the mouse wheel.
func (f *feedPanel) scroll(n int) tea.Cmd { return f.moveTo(f.sel + n) }

// Update handles the panel's keys and its own messages.
func (f *feedPanel) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case feedPageMsg:
		return f.gotPage(msg)
	case feedCountMsg:
		if msg.req == f.req && msg.err == nil {
			f.setCount(msg.seq, msg.at, msg.n)
		}
		return nil
	case feedRefreshMsg:
		return f.gotRefresh(msg)
	case tea.PasteMsg:
		if f.searching {
			f.search.Update(msg)
			return nil
		}
	case tea.KeyPressMsg:
		if f.searching {
			return f.searchKey(msg)
		}
		return f.key(msg)
	}
	return nil
}

func (f *feedPanel) searchKey(msg tea.KeyPressMsg) tea.Cmd {
	switch msg.String() {
	case "enter":
		f.searching = false
		f.search.Blur()
		f.filter.search = clean(strings.TrimSpace(f.search.Value()))
		f.filter.matches = searchMatcher(f.sh.opts, f.filter.search)
		f.clampScroll()
		return f.reload()
	case "esc":
		f.searching = false
		f.search.Blur()
		f.search.SetValue(f.filter.search)
		f.clampScroll()
		return nil
	}
	f.search.Update(msg)
	return nil
}

func (f *feedPanel) key(msg tea.KeyPressMsg) tea.Cmd {
	k := f.sh.keys.Feed
	v := max(f.visible(), 1)
	switch {
	case key.Matches(msg, k.Down):
		return f.moveTo(f.sel + 1)
	case key.Matches(msg, k.Up):
		return f.moveTo(f.sel - 1)
	case key.Matches(msg, k.PageDown):
		return f.moveTo(f.sel + v)
	case key.Matches(msg, k.PageUp):
		return f.moveTo(f.sel - v)
	case key.Matches(msg, k.Top):
		return f.moveTo(0)
	case key.Matches(msg, k.Bottom):
		return f.moveTo(len(f.rows) - 1)
	case key.Matches(msg, k.Follow):
		return f.resume()
	case key.Matches(msg, k.Negative):
		f.filter.negative = !f.filter.negative
		return f.reload()
	case key.Matches(msg, k.Platform):
		f.filter.platform = nextPlatform(f.filter.platform)
		return f.reload()
	case key.Matches(msg, k.Severity):
		f.filter.minSev = nextSeverity(f.filter.minSev)
		return f.reload()
	case key.Matches(msg, k.Search):
		f.searching = true
		f.search.SetValue(f.filter.search)
		f.search.Focus()
		f.clampScroll()
		return nil
	case key.Matches(msg, k.Open):
		if m := f.selected(); m != nil {
			return msgCmd(openDetailMsg{m: m})
		}
	case key.Matches(msg, k.Copy):
		if m := f.selected(); m != nil {
			return f.sh.copyURL(m)
		}
	}
	return nil
}

// nextPlatform cycles all → weibo → … → other → all.
func nextPlatform(p model.Platform) model.Platform {
	if p == "" {
		return model.Platforms[0]
	}
	i := slices.Index(model.Platforms, p)
	if i < 0 || i == len(model.Platforms)-1 {
		return ""
	}
	return model.Platforms[i+1]
}

func nextSeverity(s int) int {
	for _, v := range severityMins {
		if v > s {
			return v
		}
	}
	return 0
}

// title is the panel title: name, active filters and the match count.
func (f *feedPanel) title() string {
	c := f.sh.c
	var b strings.Builder
	b.WriteString(c.T("panel.feed"))
	if f.filter.negative {
		b.WriteString(" [" + c.T("filter.negative") + "]")
	}
	if f.filter.platform != "" {
		b.WriteString(" [" + c.T("platform."+string(f.filter.platform)) + "]")
	}
	if f.filter.minSev > 0 {
		b.WriteString(" [" + c.T("filter.severity") + ">=" + strconv.Itoa(f.filter.minSev) + "]")
	}
	if f.filter.search != "" {
		b.WriteString(" [\"" + f.filter.search + "\"]")
	}
	b.WriteString(" · ")
	if f.counted {
		if f.count == 1 {
			b.WriteString(c.F("feed.count.one", f.count))
		} else {
			b.WriteString(c.F("feed.count", f.count))
		}
	} else {
		b.WriteString(c.T("feed.counting"))
	}
	return b.String()
}

// View renders the panel at its size.
func (f *feedPanel) View(focused bool) []string {
	if f.w < 4 || f.h < 3 {
		return fitLines(nil, f.w, f.h)
	}
	st, c := f.sh.st, f.sh.c
	inner := f.w - 2
	body := make([]string, 0, f.h)
	var status string
	switch {
	case f.err != "":
		status = st.Error.Render(f.err)
	case f.loading && len(f.rows) == 0:
		status = st.Dim.Render(c.T("feed.loading"))
	case f.follow && len(f.newer) == 0:
		status = st.OK.Render(c.T("feed.following"))
	default:
		status = st.Accent.Render(c.F("feed.paused", f.fresh))
	}
	body = append(body, fit(status, inner))
	if f.searching {
		body = append(body, f.search.View(st, inner))
	}
	if len(f.rows) == 0 && !f.loading {
		body = append(body, st.Dim.Render(c.T("feed.empty")))
	}
	end := min(f.top+f.visible(), len(f.rows))
	for i := f.top; i < end; i++ {
		body = append(body, f.row(f.rows[i], inner, i == f.sel && focused))
	}
	return box(st, f.title(), body, f.w, f.h, focused)
}

// row renders one mention in exactly w cells, from the cache when it can.
func (f *feedPanel) row(m *model.Mention, w int, selected bool) string {
	marker := " "
	if selected {
		marker = f.sh.st.Marker.Render(">")
	}
	day := f.sh.day()
	if r, ok := f.cache[m.ID]; ok && r.w == w && r.gen == f.gen && r.day == day {
		return marker + r.s
	}
	s := renderRow(f.sh, m, w-1)
	f.cache[m.ID] = cachedRow{w: w, gen: f.gen, day: day, s: s}
	return marker + s
}

// shownTime is when a mention is shown as made: its post time, or when it
// reached us if the source gave none.
func shownTime(m *model.Mention) time.Time {
	if m.CreatedAt.IsZero() {
		return m.IngestedAt
	}
	return m.CreatedAt
}

// trustedMark marks rows by the plan's trusted influencers. U+2713 is one
// cell everywhere (not East Asian ambiguous), unlike ★.
const trustedMark = "✓"

// renderRow lays out a mention as: time, platform, author and reach,
// severity, category, text. Every cell is cut or padded to its width, so the
// row is exactly w cells whatever the script.
func renderRow(sh *session, m *model.Mention, w int) string {
	st, c := sh.st, sh.c
	const timeW, badgeW, sevW = 8, 6, 3
	authorW := 10
	if w >= 70 {
		authorW = min(max(w/6, 10), 22)
	}
	catW := 0
	if w >= 90 {
		catW = 8
	}
	textW := w - (1 + timeW + 1 + badgeW + 1 + authorW + 1 + sevW + 1)
	if catW > 0 {
		textW -= catW + 1
	}
	var b strings.Builder
	b.Grow(w * 4)
	b.WriteByte(' ')
	b.WriteString(st.Time.Render(fit(sh.rowTime(shownTime(m)), timeW)))
	b.WriteByte(' ')
	b.WriteString(st.Badge.Render(fit(c.T("platform."+platformKey(m.Platform)), badgeW)))
	b.WriteByte(' ')
	reach := c.Count(m.AuthorFollowers)
	if m.Verified {
		reach += "V"
	}
	nameW := max(authorW-width(reach)-1, 1)
	if statements.IsTrusted(sh.opts.Plan, m) { // a trusted influencer: marked before the name
		b.WriteString(st.OK.Render(trustedMark))
		nameW = max(nameW-1, 1)
	}
	b.WriteString(st.Author.Render(fit(clean(m.AuthorName), nameW)))
	b.WriteByte(' ')
	b.WriteString(st.Dim.Render(fitLeft(reach, authorW-nameW-1)))
	b.WriteByte(' ')
	b.WriteString(st.sevStyle(m.Severity).Render(fitLeft(strconv.Itoa(m.Severity), sevW)))
	b.WriteByte(' ')
	if catW > 0 {
		b.WriteString(st.Category.Render(fit(categoryName(c, m.Category), catW)))
		b.WriteByte(' ')
	}
	if textW > 0 {
		b.WriteString(fit(clean(m.Text), textW))
	}
	return fit(b.String(), w)
}
