package ui

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"warroom/model"
)

// alertBook keeps the alerts the console knows. The store sends alert rows,
// which hold each alert's latest figures; what the console shows is those
// rows as the event log folded so far knows them, so that live and replay
// show the same thing at the same moment.
type alertBook struct {
	rows []*model.Alert // by id, as the store last sent them
	asOf time.Time      // a replay's moment: rows updated after it are ahead of the log; zero live
	gen  int            // bumped when rows change

	// What the console shows, rebuilt when the rows or the state change.
	list  []*model.Alert
	open  []*model.Alert // those of list whose level nobody has acknowledged
	bare  map[int64]bool // figures not known at this moment: the message says what the alert was
	built struct {
		gen, version int
		state        *model.State
	}
}

// merge adds or refreshes rows; a newer row replaces the older one.
func (b *alertBook) merge(as []*model.Alert) {
	for _, a := range as {
		if a == nil {
			continue
		}
		i := slices.IndexFunc(b.rows, func(x *model.Alert) bool { return x.ID == a.ID })
		switch {
		case i < 0:
			b.rows = append(b.rows, a)
		case !a.UpdatedAt.Before(b.rows[i].UpdatedAt):
			b.rows[i] = a
		}
	}
	b.gen++
}

// reset replaces every row with those of a replay frame at t.
func (b *alertBook) reset(as []*model.Alert, t time.Time) {
	b.rows, b.asOf = b.rows[:0], t
	b.merge(as)
}

// all returns the alerts as shown, latest change first: the one that most
// recently appeared or rose a level leads. A refresh of the figures at the
// same level does not move an alert, so the list stays put under the cursor
// while a wave grows.
func (b *alertBook) all(sh *session) []*model.Alert {
	b.build(sh)
	return b.list
}

// unacked returns the alerts whose level nobody has acknowledged, in the
// same order.
func (b *alertBook) unacked(sh *session) []*model.Alert {
	b.build(sh)
	return b.open
}

// build lays the rows over the state, unless neither changed since the last
// time: the header, banner, footer and key map all ask on every update.
func (b *alertBook) build(sh *session) {
	if b.built.gen == b.gen && b.built.version == sh.version && b.built.state == sh.state && b.list != nil {
		return
	}
	b.built.gen, b.built.version, b.built.state = b.gen, sh.version, sh.state
	states := make(map[int64]*model.AlertState, len(sh.state.Alerts))
	for _, s := range sh.state.Alerts {
		states[s.ID] = s
	}
	since := make(map[int64]time.Time, len(b.rows))
	b.list, b.open, b.bare = make([]*model.Alert, 0, len(b.rows)), nil, map[int64]bool{}
	for _, row := range b.rows {
		if !b.asOf.IsZero() && row.At.After(b.asOf) {
			continue
		}
		c := *row
		since[c.ID] = c.At
		switch s := states[row.ID]; {
		case s != nil:
			c.Level, c.Message, c.UpdatedAt = s.Level, s.Message, s.UpdatedAt
			c.AckedAt, c.AckedBy = s.AckedAt, s.AckedBy
			if s.Category != model.CategoryNone {
				c.Category = s.Category
			}
			if s.Figures != nil {
				c.SetFigures(*s.Figures)
			} else if !b.asOf.IsZero() && row.UpdatedAt.After(b.asOf) {
				b.bare[row.ID] = true // a file from before the log kept figures
			}
			if !s.LevelAt.IsZero() {
				since[c.ID] = s.LevelAt
			}
		case !b.asOf.IsZero(): // a row the log does not know: hide what came later
			if c.AckedAt.After(b.asOf) {
				c.AckedAt, c.AckedBy = time.Time{}, ""
			}
			if c.UpdatedAt.After(b.asOf) {
				b.bare[row.ID] = true
			}
		}
		b.list = append(b.list, &c)
	}
	slices.SortStableFunc(b.list, func(x, y *model.Alert) int {
		if c := since[y.ID].Compare(since[x.ID]); c != 0 {
			return c
		}
		return cmp.Compare(y.ID, x.ID)
	})
	for _, a := range b.list {
		if ok, _, _ := ackOf(sh, a); !ok {
			b.open = append(b.open, a)
		}
	}
}

// levelAt is when an alert reached the level it shows: when it was raised
// or last escalated.
func levelAt(sh *session, a *model.Alert) time.Time {
	if s := sh.state.Alert(a.ID); s != nil && !s.LevelAt.IsZero() {
		return s.LevelAt
	}
	return a.At
}

// ackOf says whether the level an alert shows has been acknowledged, and
// gives its last acknowledgement, if any. The event log decides: after an
// escalation above the level acknowledged the alert is open again. Only an
// alert the log does not know (yet) goes by the alert table.
func ackOf(sh *session, a *model.Alert) (covered bool, last model.AlertAck, ok bool) {
	if s := sh.state.Alert(a.ID); s != nil {
		last, ok = s.LastAck()
		return s.Acked(), last, ok
	}
	if a.AckedAt.IsZero() {
		return false, model.AlertAck{}, false
	}
	return true, model.AlertAck{At: a.AckedAt, By: a.AckedBy, Level: a.Level}, true
}

// ackNote says who acknowledged an alert: plainly while that still covers
// its level, with the level they saw once it has escalated past it.
func ackNote(sh *session, a *model.Alert) string {
	covered, last, ok := ackOf(sh, a)
	switch {
	case !ok:
		return ""
	case covered:
		return sh.st.OK.Render(sh.c.F("alert.ackedby", clean(last.By)))
	}
	return sh.st.Error.Render(sh.c.F("alert.ackedat", levelName(sh.c, last.Level), clean(last.By)))
}

// alertText says what an alert is about, in the console's language: the
// stored message is English, so the text is built from the rule and numbers,
// unless the numbers of that moment are not known.
func (b *alertBook) alertText(sh *session, a *model.Alert) string {
	if b.bare[a.ID] {
		return clean(a.Message)
	}
	c := sh.c
	where := c.T("alert.allplatforms")
	if a.Platform != "" {
		where = c.T("platform." + platformKey(a.Platform))
	}
	switch a.Rule {
	case model.RuleSpike:
		return c.F("alert.spike", where, a.Count, fmt.Sprintf("%.0f", a.Baseline))
	case model.RuleNegativeShare:
		return c.F("alert.negshare", where, pct(a.Value), pct(a.Threshold))
	case model.RuleInfluential:
		return c.F("alert.influential", where, a.Count)
	case model.RuleRedFlag:
		return c.F("alert.redflag", where, strings.Join(cleanTerms(a.Terms), c.T("sep.list")))
	}
	return clean(a.Message)
}

// ruleName translates an alert rule.
func ruleName(sh *session, rule string) string {
	if k := "rule." + rule; sh.c.Has(k) {
		return sh.c.T(k)
	}
	return clean(rule)
}

// pct shows a share (0..1) or a percentage as "NN%".
func pct(v float64) string {
	if v <= 1 {
		v *= 100
	}
	return fmt.Sprintf("%.0f%%", v)
}

// ackCmd acknowledges an alert at the level it shows.
func ackCmd(sh *session, a *model.Alert) tea.Cmd {
	if ok, _, _ := ackOf(sh, a); ok {
		sh.note(sh.c.F("alert.already", a.ID))
		return nil
	}
	return sh.write(sh.event(model.KindAlertAck, model.AlertPayload{ID: a.ID, Level: a.Level}))
}

// alertsOverlay lists alerts; enter shows an alert's evidence mentions.
type alertsOverlay struct {
	sh       *session
	book     *alertBook
	selID    int64 // the selection follows the alert, so an escalation that reorders the list cannot move A onto another
	evFor    int64
	evidence []*model.Mention
	loading  bool
	err      string
}

func (o *alertsOverlay) KeyMap() bindings {
	k := o.sh.keys.Alerts
	return bindings{short: []key.Binding{k.Up, k.Down, k.Open, k.Ack, k.Close}, full: [][]key.Binding{{k.Up, k.Down, k.Open, k.Ack, k.Close}}}
}

// index is the selected alert's place in the list, the first if it is gone.
func (o *alertsOverlay) index() int {
	return max(slices.IndexFunc(o.book.all(o.sh), func(a *model.Alert) bool { return a.ID == o.selID }), 0)
}

func (o *alertsOverlay) selected() *model.Alert {
	if list := o.book.all(o.sh); len(list) > 0 {
		return list[o.index()]
	}
	return nil
}

// step moves the selection n rows, within the list.
func (o *alertsOverlay) step(n int) {
	list := o.book.all(o.sh)
	if len(list) == 0 {
		return
	}
	o.selID = list[min(max(o.index()+n, 0), len(list)-1)].ID
}

// Update handles keys and evidence answers; done closes the overlay.
func (o *alertsOverlay) Update(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case evidenceMsg:
		if msg.alert == o.evFor {
			o.loading = false
			o.evidence = msg.mentions
			o.err = ""
			if msg.err != nil {
				o.err = o.sh.c.F("err.load", clean(msg.err.Error()))
			}
		}
	case tea.MouseWheelMsg:
		if msg.Button == tea.MouseWheelUp {
			o.step(-1)
		} else {
			o.step(1)
		}
	case tea.KeyPressMsg:
		k := o.sh.keys.Alerts
		switch {
		case key.Matches(msg, k.Close):
			return nil, true
		case key.Matches(msg, k.Down):
			o.step(1)
		case key.Matches(msg, k.Up):
			o.step(-1)
		case key.Matches(msg, k.Ack):
			if a := o.selected(); a != nil {
				return ackCmd(o.sh, a), false
			}
		case key.Matches(msg, k.Open):
			a := o.selected()
			if a == nil {
				return nil, false
			}
			o.evFor, o.loading, o.evidence = a.ID, true, nil
			ids, b, id, until := slices.Clone(a.Evidence), o.sh.opts.Backend, a.ID, o.sh.until()
			return read(func(ctx context.Context) tea.Msg {
				ms, err := b.MentionsByID(ctx, ids)
				return evidenceMsg{alert: id, mentions: arrivedBy(ms, until), err: err}
			}), false
		}
	}
	return nil, false
}

// levelBadge is a level in a coloured cell as wide as the widest level name
// of the console's language, so what follows lines up from row to row.
func levelBadge(sh *session, l model.Level) string {
	w := 0
	for x := model.LevelBlue; x <= model.LevelRed; x++ {
		w = max(w, width(levelName(sh.c, x)))
	}
	return sh.st.levelStyle(l).Render(" " + fit(levelName(sh.c, l), w) + " ")
}

// alertLine is one alert on one line: its level, since when it has had it,
// what it is about and who acknowledged it.
func (b *alertBook) alertLine(sh *session, a *model.Alert) string {
	st := sh.st
	s := levelBadge(sh, a.Level) + " " + sh.clock(levelAt(sh, a)) + " " + st.Bold.Render(ruleName(sh, a.Rule)) + " " + b.alertText(sh, a)
	if n := ackNote(sh, a); n != "" {
		s += " " + n
	}
	return s
}

// View renders the overlay w by h.
func (o *alertsOverlay) View(w, h int) []string {
	sh := o.sh
	st, c := sh.st, sh.c
	inner := w - 2
	var lines []string
	list := o.book.all(sh)
	if len(list) == 0 {
		lines = append(lines, " "+st.Dim.Render(c.T("alert.none")))
	}
	sel := o.index()
	listH := max((h-2)/2, 3)
	off := max(sel-listH+1, 0)
	for i := off; i < min(off+listH, len(list)); i++ {
		mark := " "
		if i == sel {
			mark = st.Marker.Render(">")
		}
		lines = append(lines, fit(mark+o.book.alertLine(sh, list[i]), inner))
	}
	if o.evFor != 0 {
		lines = append(lines, "", " "+st.Bold.Render(c.F("alert.evidence", o.evFor)))
		switch {
		case o.err != "":
			lines = append(lines, " "+st.Error.Render(o.err))
		case o.loading:
			lines = append(lines, " "+st.Dim.Render(c.T("detail.loading")))
		case len(o.evidence) == 0:
			lines = append(lines, " "+st.Dim.Render(c.T("alert.noevidence")))
		}
		for _, m := range o.evidence {
			lines = append(lines, " "+oneMention(sh, m))
		}
	}
	return box(st, c.T("alert.title"), lines, w, h, true)
}
