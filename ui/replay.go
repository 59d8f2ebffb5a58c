package ui

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"warroom/model"
)

// ReplayControl hands the console the clock of a replay and the span of the
// file, so it can play, pause, change speed and seek. The console rebuilds
// "the incident as of virtual now" from the file: the event log folded up to
// now, the alerts raised by then, the feed up to now (by ingest time) and the
// hour of minute counts before it.
type ReplayControl struct {
	Clock       *model.ScaledClock // virtual time; the console pauses, re-speeds and seeks it
	First, Last time.Time          // the first and last moment the file records (data.Store.TimeRange)
}

// replaySpeeds are the steps + and - move through, in virtual seconds per
// real second.
var replaySpeeds = [...]float64{1, 2, 5, 10, 30, 60, 120, 300, 600, 1200, 3600}

// markKind is what an event of note on the timeline was; a higher kind wins
// a cell two marks share.
type markKind int8

const (
	markDone   markKind = iota // a statement reviewed or published, a clock met
	markPlan                   // declaration, level change
	markAlert                  // an alert raised or escalated
	markBreach                 // a response clock ran out
)

// replayMark is one moment of note.
type replayMark struct {
	at   time.Time
	kind markKind
}

// replayer is the playback state of a replay: the whole event log (the file
// is read-only, so it is read once), the marks for the timeline, and what
// the shown state was folded to.
type replayer struct {
	sh     *session
	ctl    ReplayControl
	events []model.Event
	marks  []replayMark // in time order, one per moment
	loaded bool

	at      time.Time // the virtual time the shown frame is of; zero before the first
	lastIdx int       // highest index of the events folded into the state; -1 for none
	warned  bool      // fold errors have been reported once

	req      int       // id of the newest frame asked for; older answers are dropped
	inflight bool      // a frame is being built
	next     time.Time // playback asked for this while a frame was in flight
	ended    bool      // playback stopped at the end of the file
	jumped   time.Time // the mark [ or ] last went to

	bar struct { // the rendered timeline bar, for its inputs
		w, head, marks int
		st             *Styles
		s              string
	}
}

func newReplayer(sh *session, ctl ReplayControl) *replayer {
	if ctl.Last.Before(ctl.First) {
		ctl.Last = ctl.First
	}
	return &replayer{sh: sh, ctl: ctl, lastIdx: -1}
}

// Messages of the replay.
type (
	// replayLogMsg is the whole event log and the marks found in it.
	replayLogMsg struct {
		evs   []model.Event
		marks []replayMark
		err   error
	}
	// replayFrameMsg is what the console shows at one virtual time, except
	// the feed, which asks for its own rows.
	replayFrameMsg struct {
		req    int
		at     time.Time
		full   bool         // state is a fold from scratch
		state  *model.State // when full
		last   int          // when full: index of the last event folded
		errs   []error
		apply  []int // when not full: events to fold forward, in order
		alerts []*model.Alert
		counts []MinuteCount
		err    error
	}
)

func (r *replayer) playing() bool { return r.loaded && !r.ctl.Clock.Paused() }

// clamp keeps t inside the file.
func (r *replayer) clamp(t time.Time) time.Time {
	if t.Before(r.ctl.First) {
		return r.ctl.First
	}
	if t.After(r.ctl.Last) {
		return r.ctl.Last
	}
	return t
}

// load reads the event log once and finds the moments of note in it.
func (r *replayer) load() tea.Cmd {
	b := r.sh.opts.Backend
	first, last := r.ctl.First, r.ctl.Last
	return read(func(ctx context.Context) tea.Msg {
		evs, err := b.Events(ctx, time.Time{})
		if err != nil {
			return replayLogMsg{err: err}
		}
		return replayLogMsg{evs: evs, marks: findMarks(evs, first, last)}
	})
}

// findMarks lists the events of note and the moments response clocks ran
// out, in time order, one per moment (the weightiest kind wins).
func findMarks(evs []model.Event, first, last time.Time) []replayMark {
	var ms []replayMark
	for _, e := range evs {
		if !e.Notable() {
			continue
		}
		k := markDone
		switch e.Kind {
		case model.KindAlert:
			k = markAlert
		case model.KindDeclared, model.KindLevel:
			k = markPlan
		}
		ms = append(ms, replayMark{e.At, k})
	}
	st, _ := model.Fold(evs, time.Time{})
	for _, c := range st.Clocks {
		if at, ok := breachAt(c); ok {
			ms = append(ms, replayMark{at, markBreach})
		}
	}
	slices.SortStableFunc(ms, func(a, b replayMark) int { return a.at.Compare(b.at) })
	out := ms[:0]
	for _, m := range ms {
		if m.at.Before(first) || m.at.After(last) {
			continue
		}
		if n := len(out); n > 0 && out[n-1].at.Equal(m.at) {
			out[n-1].kind = max(out[n-1].kind, m.kind)
			continue
		}
		out = append(out, m)
	}
	return out
}

// breachAt is the first moment a clock shows as breached: a second after
// its deadline, counting only the time it was not paused, unless it was met
// by then.
func breachAt(c *model.ResponseClock) (time.Time, bool) {
	if c.AnchorAt.IsZero() || c.Duration <= 0 {
		return time.Time{}, false
	}
	t, left := c.AnchorAt, c.Duration
	deadline := time.Time{}
	for _, p := range c.Pauses {
		if p.From.After(t) {
			if run := p.From.Sub(t); run >= left {
				deadline = t.Add(left)
				break
			}
			left -= p.From.Sub(t)
		}
		if p.To.IsZero() {
			return time.Time{}, false // paused to the end
		}
		if p.To.After(t) {
			t = p.To
		}
	}
	if deadline.IsZero() {
		deadline = t.Add(left)
	}
	if !c.MetAt.IsZero() && !c.MetAt.After(deadline) {
		return time.Time{}, false
	}
	return deadline.Add(time.Second), true
}

// replayLoaded takes the event log and shows the first frame.
func (m *Model) replayLoaded(msg replayLogMsg) tea.Cmd {
	r, sh := m.rp, m.sh
	if msg.err != nil {
		sh.fail(sh.c.F("err.load", clean(msg.err.Error())))
		return nil
	}
	r.events, r.marks, r.loaded = msg.evs, msg.marks, true
	m.loaded = true
	return m.seek(r.ctl.Clock.Now()) // clamped: --from may name a time outside the file
}

// replayTo brings the console to virtual time t. Playback (seek false)
// never has more than one frame in flight: a tick while one is being built
// only remembers the time, and the frame's arrival asks for it. A seek asks
// at once, and the frame in flight is dropped when it lands.
func (m *Model) replayTo(t time.Time, seek bool) tea.Cmd {
	r := m.rp
	if !r.loaded {
		return nil
	}
	t = r.clamp(t)
	if r.inflight && !seek {
		r.next = t
		return nil
	}
	backward := r.at.IsZero() || t.Before(r.at)
	return tea.Batch(r.frame(t), m.feed.replayTo(t, backward))
}

// frame asks for the frame at t. Going forward, the events since the last
// frame are folded onto the shown state when the frame lands; going back (or
// when the log's order needs it) the state is folded from scratch inside the
// command, from the log in memory, so a seek anywhere costs the same.
func (r *replayer) frame(t time.Time) tea.Cmd {
	r.req++
	r.inflight, r.next = true, time.Time{}
	req, evs, b := r.req, r.events, r.sh.opts.Backend
	full := r.at.IsZero() || t.Before(r.at)
	var apply []int
	if !full {
		for i, e := range evs {
			if e.At.After(r.at) && !e.At.After(t) {
				if i < r.lastIdx {
					// Logged before an event already folded: folding it now
					// would apply the log out of order, so start again.
					full, apply = true, nil
					break
				}
				apply = append(apply, i)
			}
		}
	}
	return read(func(ctx context.Context) tea.Msg {
		fr := replayFrameMsg{req: req, at: t, full: full, apply: apply}
		if full {
			fr.state, fr.last, fr.errs = foldAt(evs, t)
		}
		as, err := b.Alerts(ctx, t)
		if err != nil {
			fr.err = err
			return fr
		}
		fr.alerts = as
		fr.counts, fr.err = replayMinutes(ctx, b, t)
		return fr
	})
}

// foldAt folds the events at or before t, in log order, as the file's
// EventsUpTo gives them, and returns the index of the last one folded.
func foldAt(evs []model.Event, t time.Time) (*model.State, int, []error) {
	upTo := make([]model.Event, 0, len(evs))
	last := -1
	for i, e := range evs {
		if !e.At.After(t) {
			upTo = append(upTo, e)
			last = i
		}
	}
	st, errs := model.Fold(upTo, time.Time{})
	return st, last, errs
}

// replayMinutes returns the minute counts of the hour before t: whole
// minutes from the count table, and the running minute exactly up to t, so
// the sparkline never shows mentions that have not arrived yet.
func replayMinutes(ctx context.Context, b Backend, t time.Time) ([]MinuteCount, error) {
	start := t.Truncate(time.Minute)
	cs, err := b.MinuteCounts(ctx, start.Add(-(sparkMinutes-1)*time.Minute), start.Add(-time.Millisecond))
	if err != nil {
		return nil, err
	}
	// Expect the running minute at the pace of the one before it.
	expect := 0.0
	if n := len(cs); n > 0 && cs[n-1].Minute.Equal(start.Add(-time.Minute)) {
		expect = float64(cs[n-1].All) * float64(t.Sub(start)) / float64(time.Minute)
	}
	run, err := runningMinute(ctx, b, start, t, min(int(expect*1.5)+20, partialRows))
	if err != nil {
		return nil, err
	}
	return append(cs, run), nil
}

// partialRows bounds the rows read to count the running minute.
const partialRows = 1000

// runningMinute counts the mentions that arrived in [start, t]. The newest
// rows up to t come in arrival order, so reading back to the first one
// before start counts the minute exactly: one read of about as many rows as
// the minute holds so far (at most limit), where counting would take four
// queries. A minute busier than limit is counted with those four.
func runningMinute(ctx context.Context, b Backend, start, t time.Time, limit int) (MinuteCount, error) {
	mc := MinuteCount{Minute: start}
	ms, err := b.Mentions(ctx, FeedQuery{Until: t, Limit: limit})
	if err != nil {
		return mc, err
	}
	done := len(ms) < limit
	for _, m := range ms {
		if !visibleAt(m, start.Add(-time.Millisecond)) {
			mc.All++
			if m.Negative {
				mc.Negative++
			}
			continue
		}
		done = true
		break
	}
	if done {
		return mc, nil
	}
	var n [4]int
	for i, q := range []FeedQuery{
		{Until: t}, {Until: start.Add(-time.Millisecond)},
		{Until: t, NegativeOnly: true}, {Until: start.Add(-time.Millisecond), NegativeOnly: true},
	} {
		if n[i], err = b.CountMentions(ctx, q); err != nil {
			return mc, err
		}
	}
	mc.All, mc.Negative = max(n[0]-n[1], 0), max(n[2]-n[3], 0)
	return mc, nil
}

// replayFrame shows a frame that landed, and asks for the next one if
// playback moved on while it was built.
func (m *Model) replayFrame(msg replayFrameMsg) tea.Cmd {
	r, sh := m.rp, m.sh
	if msg.req != r.req {
		return nil // a seek replaced it
	}
	r.inflight = false
	if msg.full {
		sh.state, r.lastIdx = msg.state, msg.last
		if len(msg.errs) > 0 && !r.warned {
			r.warned = true
			sh.fail(sh.c.F("err.fold", len(msg.errs), clean(msg.errs[0].Error())))
		}
	} else {
		for _, i := range msg.apply {
			if err := sh.state.Apply(r.events[i]); err != nil && !r.warned {
				r.warned = true
				sh.fail(sh.errText(err))
			}
			r.lastIdx = max(r.lastIdx, i)
		}
	}
	if msg.full || len(msg.apply) > 0 {
		sh.version++
	}
	r.at, sh.now = msg.at, msg.at
	if msg.err != nil {
		sh.fail(sh.c.F("err.load", clean(msg.err.Error())))
	} else {
		m.alerts.reset(msg.alerts, msg.at)
		m.minutes = minuteRing{}
		m.minutes.set(msg.counts)
	}
	m.layout() // the banner comes and goes with unacknowledged alerts
	if next := r.next; !next.IsZero() {
		return m.replayTo(next, false)
	}
	return nil
}

// replayTick is one step of playback.
func (m *Model) replayTick() tea.Cmd {
	r := m.rp
	if !r.playing() {
		return nil
	}
	t := r.ctl.Clock.Now()
	if !t.Before(r.ctl.Last) {
		t = r.ctl.Last
		r.ctl.Clock.Seek(t)
		r.ctl.Clock.SetPaused(true)
		r.ended = true
	}
	return m.replayTo(t, false)
}

// seek jumps to t (clamped to the file) and shows it; playback, if on,
// carries on from there.
func (m *Model) seek(t time.Time) tea.Cmd {
	r := m.rp
	t = r.clamp(t)
	r.ctl.Clock.Seek(t)
	r.ended = false
	return m.replayTo(t, true)
}

// replayKey handles the playback keys; ok is false for any other key.
func (m *Model) replayKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	r, sh := m.rp, m.sh
	k := sh.keys.Replay
	c := sh.c
	clk := r.ctl.Clock
	now := clk.Now()
	switch {
	case key.Matches(msg, k.Pause):
		if clk.Paused() {
			if r.ended || !now.Before(r.ctl.Last) { // at the end: play again from the start
				clk.Seek(r.ctl.First)
				r.ended = false
				clk.SetPaused(false)
				return m.replayTo(r.ctl.First, true), true
			}
			clk.SetPaused(false)
			return nil, true
		}
		clk.SetPaused(true)
		return m.replayTo(clk.Now(), true), true // show exactly where it stopped
	case key.Matches(msg, k.Faster), key.Matches(msg, k.Slower):
		s := stepSpeed(clk.Speed(), key.Matches(msg, k.Faster))
		clk.SetSpeed(s)
		sh.note(c.F("replay.speed", speedLabel(s)))
		return nil, true
	case key.Matches(msg, k.Forward):
		return m.seek(now.Add(time.Minute)), true
	case key.Matches(msg, k.Back):
		return m.seek(now.Add(-time.Minute)), true
	case key.Matches(msg, k.NextMark):
		if t, ok := r.nextMark(now); ok {
			r.jumped = t
			return m.seek(t), true
		}
		sh.note(c.T("replay.nomark"))
		return nil, true
	case key.Matches(msg, k.PrevMark):
		if t, ok := r.prevMark(now); ok {
			r.jumped = t
			return m.seek(t), true
		}
		sh.note(c.T("replay.nomark"))
		return nil, true
	case key.Matches(msg, k.GoTo):
		m.form = gotoForm(m)
		return nil, true
	}
	return nil, false
}

// stepSpeed is the next speed step above (up) or below cur.
func stepSpeed(cur float64, up bool) float64 {
	if up {
		for _, s := range replaySpeeds {
			if s > cur*1.0001 {
				return s
			}
		}
		return replaySpeeds[len(replaySpeeds)-1]
	}
	for i := len(replaySpeeds) - 1; i >= 0; i-- {
		if s := replaySpeeds[i]; s < cur*0.9999 {
			return s
		}
	}
	return replaySpeeds[0]
}

// speedLabel is "60x".
func speedLabel(s float64) string { return strconv.FormatFloat(s, 'f', -1, 64) + "x" }

// nextMark is the first moment of note after now.
func (r *replayer) nextMark(now time.Time) (time.Time, bool) {
	i, _ := slices.BinarySearchFunc(r.marks, now, func(m replayMark, t time.Time) int {
		if m.at.After(t) {
			return 1
		}
		return -1
	})
	if i < len(r.marks) {
		return r.marks[i].at, true
	}
	return time.Time{}, false
}

// prevMark is the last moment of note before now. While playing, the mark
// just jumped to is skipped for a couple of real seconds, so [ pressed
// twice goes back twice rather than to the mark playback has just left.
func (r *replayer) prevMark(now time.Time) (time.Time, bool) {
	i, _ := slices.BinarySearchFunc(r.marks, now, func(m replayMark, t time.Time) int {
		if m.at.Before(t) {
			return -1
		}
		return 1
	})
	i-- // the last mark before now
	if i >= 0 && r.marks[i].at.Equal(r.jumped) && !r.ctl.Clock.Paused() {
		grace := time.Duration(2 * r.ctl.Clock.Speed() * float64(time.Second))
		if now.Sub(r.jumped) < grace {
			i--
		}
	}
	if i >= 0 {
		return r.marks[i].at, true
	}
	return time.Time{}, false
}

// gotoForm asks for a time to go to.
func gotoForm(m *Model) *form {
	sh, r := m.sh, m.rp
	c := sh.c
	f := newForm(sh, c.T("replay.goto.title"), func(f *form) (tea.Cmd, error) {
		t, err := ParseGoto(f.field(0).value(), sh.now, r.ctl.First, r.ctl.Last, sh.loc)
		switch {
		case errors.Is(err, ErrOutside):
			return nil, errors.New(c.F("replay.goto.outside", r.span(), sh.clockDate(r.ctl.First), sh.clockDate(r.ctl.Last)))
		case err != nil:
			return nil, errors.New(c.T("replay.goto.bad"))
		}
		return m.seek(t), nil
	})
	f.message = c.F("replay.goto.hint", sh.clockDate(r.ctl.First), sh.clockDate(r.ctl.Last))
	f.text(c.T("form.time"), "", c.T("form.time.hint"))
	return f
}

// span is the length of the file, as hh:mm:ss.
func (r *replayer) span() string { return hms(r.ctl.Last.Sub(r.ctl.First)) }

// Errors of ParseGoto.
var (
	ErrOutside = errors.New("time outside the file")
	ErrBadTime = errors.New("bad time")
)

// ParseGoto reads a time to go to in a replay, as g and replay --from take
// it: "+1h30m" after the first record, "2006-01-02 15:04" (seconds
// optional), RFC 3339, or "15:04" (seconds optional) on the day of now, or
// the day before or after when only that one is inside the file. Times are
// read in loc. A time outside first to last is ErrOutside.
func ParseGoto(s string, now, first, last time.Time, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	inside := func(t time.Time) bool { return !t.Before(first) && !t.After(last) }
	var t time.Time
	switch {
	case s == "":
		return time.Time{}, ErrBadTime
	case strings.HasPrefix(s, "+"):
		d, err := time.ParseDuration(s[1:])
		if err != nil || d < 0 {
			return time.Time{}, ErrBadTime
		}
		t = first.Add(d)
	default:
		if x, err := time.Parse(time.RFC3339, s); err == nil {
			t = x
		}
		for _, layout := range []string{"2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02T15:04:05", "2006-01-02T15:04"} {
			if !t.IsZero() {
				break
			}
			if x, err := time.ParseInLocation(layout, s, loc); err == nil {
				t = x
			}
		}
		if t.IsZero() {
			var tod time.Time
			found := false
			for _, layout := range []string{"15:04:05", "15:04"} {
				if x, err := time.Parse(layout, s); err == nil {
					tod, found = x, true
					break
				}
			}
			if !found {
				return time.Time{}, ErrBadTime
			}
			n := now.In(loc)
			for _, day := range []int{0, -1, 1} {
				x := time.Date(n.Year(), n.Month(), n.Day()+day, tod.Hour(), tod.Minute(), tod.Second(), 0, loc)
				if day == 0 || inside(x) {
					t = x
				}
				if inside(x) {
					break
				}
			}
		}
	}
	if !inside(t) {
		return t, ErrOutside
	}
	return t, nil
}

// clockDate is t with its date, in the session's zone.
func (s *session) clockDate(t time.Time) string {
	if t.IsZero() {
		return "--"
	}
	return t.In(s.loc).Format("2006-01-02 15:04")
}

// visibleAt reports whether a mention had arrived by t: the file's ingest
// time when it has one, else its creation time.
func visibleAt(m *model.Mention, t time.Time) bool {
	if !m.IngestedAt.IsZero() {
		return !m.IngestedAt.After(t)
	}
	return !m.CreatedAt.After(t)
}

// arrivedBy keeps the mentions that had arrived by t, for threads and
// evidence in a replay; other sessions (zero t) keep all.
func arrivedBy(ms []*model.Mention, t time.Time) []*model.Mention {
	if t.IsZero() {
		return ms
	}
	out := make([]*model.Mention, 0, len(ms))
	for _, m := range ms {
		if m != nil && visibleAt(m, t) {
			out = append(out, m)
		}
	}
	return out
}
