package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"warroom/model"
)

// alertBook keeps the alerts the console knows, by id, newest first.
type alertBook struct {
	list []*model.Alert
}

// merge adds or refreshes alerts; an escalation replaces the older copy.
func (b *alertBook) merge(as []*model.Alert) {
	for _, a := range as {
		if a == nil {
			continue
		}
		i := slices.IndexFunc(b.list, func(x *model.Alert) bool { return x.ID == a.ID })
		if i >= 0 {
			if a.UpdatedAt.Before(b.list[i].UpdatedAt) {
				continue
			}
			b.list[i] = a
		} else {
			b.list = append(b.list, a)
		}
	}
	slices.SortStableFunc(b.list, func(x, y *model.Alert) int {
		if c := y.At.Compare(x.At); c != 0 {
			return c
		}
		return int(y.ID - x.ID)
	})
}

// acked reports whether an alert has been acknowledged, by the alert
// table or by the event log (an ack this console just wrote).
func acked(sh *session, a *model.Alert) (bool, string) {
	if !a.AckedAt.IsZero() {
		return true, a.AckedBy
	}
	if s := sh.state.Alert(a.ID); s != nil && !s.AckedAt.IsZero() {
		return true, s.AckedBy
	}
	return false, ""
}

// unacked returns the alerts nobody has acknowledged, newest first.
func (b *alertBook) unacked(sh *session) []*model.Alert {
	var out []*model.Alert
	for _, a := range b.list {
		if ok, _ := acked(sh, a); !ok {
			out = append(out, a)
		}
	}
	return out
}

// alertText says what an alert is about, in the console's language: the
// stored message is English, so the text is built from the rule and numbers.
func alertText(sh *session, a *model.Alert) string {
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
		return c.F("alert.redflag", where, strings.Join(cleanTerms(a.Terms), ", "))
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

// ackCmd acknowledges an alert.
func ackCmd(sh *session, a *model.Alert) tea.Cmd {
	if ok, _ := acked(sh, a); ok {
		sh.note(sh.c.F("alert.already", a.ID))
		return nil
	}
	return sh.write(sh.event(model.KindAlertAck, model.AlertPayload{ID: a.ID}))
}

// alertsOverlay lists alerts; enter shows an alert's evidence mentions.
type alertsOverlay struct {
	sh       *session
	book     *alertBook
	sel      int
	evFor    int64
	evidence []*model.Mention
	loading  bool
	err      string
}

func (o *alertsOverlay) KeyMap() bindings {
	k := o.sh.keys.Alerts
	return bindings{short: []key.Binding{k.Up, k.Down, k.Open, k.Ack, k.Close}, full: [][]key.Binding{{k.Up, k.Down, k.Open, k.Ack, k.Close}}}
}

func (o *alertsOverlay) selected() *model.Alert {
	if o.sel >= 0 && o.sel < len(o.book.list) {
		return o.book.list[o.sel]
	}
	return nil
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
			o.sel = max(o.sel-1, 0)
		} else {
			o.sel = min(o.sel+1, max(len(o.book.list)-1, 0))
		}
	case tea.KeyPressMsg:
		k := o.sh.keys.Alerts
		switch {
		case key.Matches(msg, k.Close):
			return nil, true
		case key.Matches(msg, k.Down):
			o.sel = min(o.sel+1, max(len(o.book.list)-1, 0))
		case key.Matches(msg, k.Up):
			o.sel = max(o.sel-1, 0)
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

// alertLine is one alert on one line.
func alertLine(sh *session, a *model.Alert) string {
	st := sh.st
	lv := st.levelStyle(a.Level).Render(" " + levelName(sh.c, a.Level) + " ")
	s := lv + " " + sh.clock(a.At) + " " + st.Bold.Render(ruleName(sh, a.Rule)) + " " + alertText(sh, a)
	if ok, by := acked(sh, a); ok {
		s += " " + st.OK.Render(sh.c.F("alert.ackedby", clean(by)))
	}
	return s
}

// View renders the overlay w by h.
func (o *alertsOverlay) View(w, h int) []string {
	sh := o.sh
	st, c := sh.st, sh.c
	inner := w - 2
	var lines []string
	if len(o.book.list) == 0 {
		lines = append(lines, " "+st.Dim.Render(c.T("alert.none")))
	}
	o.sel = min(o.sel, max(len(o.book.list)-1, 0))
	listH := max((h-2)/2, 3)
	off := max(o.sel-listH+1, 0)
	for i := off; i < min(off+listH, len(o.book.list)); i++ {
		mark := " "
		if i == o.sel {
			mark = st.Marker.Render(">")
		}
		lines = append(lines, fit(mark+alertLine(sh, o.book.list[i]), inner))
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
