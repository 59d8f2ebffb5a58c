package ui

import (
	"slices"
	"strconv"
	"strings"
)

// modeKey names the session mode in the catalogue.
func modeKey(m Mode) string {
	switch m {
	case Replay:
		return "mode.replay"
	case Drill:
		return "mode.drill"
	}
	return "mode.live"
}

// header is the incident line, the sparkline line and, while an alert is
// unacknowledged, the banner.
func (m *Model) header() []string {
	sh := m.sh
	st, c := sh.st, sh.c
	w := m.width
	in := sh.state.Incident
	name := clean(in.Name)
	if name == "" {
		name = clean(sh.opts.IncidentName)
	}
	if name == "" {
		name = c.T("header.unnamed")
	}
	level := st.levelStyle(in.Level).Render(" " + levelName(c, in.Level) + " ")
	status := c.T("status." + string(in.Status))
	tod := sh.clock(sh.now)
	if !m.showSeconds() {
		tod = sh.now.In(sh.loc).Format("15:04")
	}
	mode := c.T(modeKey(sh.opts.Mode))
	if sh.drillOver() {
		mode = c.T("mode.drill.over")
	}
	clock := tod + " " + st.Mode.Render(mode)
	un := len(m.alerts.unacked(sh))
	alerts := c.F("header.alerts", len(m.alerts.all(sh)))
	if un > 0 {
		alerts += " " + st.Error.Render(c.F("header.unacked", un))
	}
	if sh.readOnly() {
		alerts += " " + st.Muted.Render(c.T("header.readonly"))
	}
	right := clock + "  " + alerts
	rest := "  " + level + "  " + st.Muted.Render(status)
	if 1+width(name)+width(rest)+width(right)+2 > w {
		right = clock // the footer shows the alert count too
	}
	// The incident's name gives way before the time and mode: DRILL OVER
	// or REPLAY must show at the narrowest size too.
	if room := w - 1 - width(rest) - width(right) - 2; width(name) > room && room >= 6 {
		name = fit(name, room)
	}
	left := " " + st.HeaderName.Render(name) + rest
	gap := w - width(left) - width(right) - 1
	var l1 string
	if gap >= 1 {
		l1 = left + spaces(gap) + right + " "
	} else {
		l1 = fit(left+"  "+right, w)
	}

	all, share := m.minutes.series(sh.now)
	prev := all[len(all)-2] // the last complete minute
	negPrev := share[len(share)-2]
	volLabel := c.T("header.volume")
	negLabel := c.T("header.negshare")
	volNum := strconv.Itoa(int(prev)) + c.T("header.perminute")
	negNum := strconv.Itoa(int(negPrev*100+0.5)) + "%"
	fixed := 1 + width(volLabel) + 1 + 1 + width(volNum) + 3 + width(negLabel) + 1 + 1 + width(negNum)
	sw := min(max((w-fixed-1)/2, 0), sparkMinutes)
	l2 := " " + st.Muted.Render(volLabel) + " " + st.Spark.Render(spark(all, sw, 0)) + " " + st.Bold.Render(volNum) +
		"   " + st.Muted.Render(negLabel) + " " + st.SparkNeg.Render(spark(share, sw, 1)) + " " + st.Bold.Render(negNum)
	out := []string{fit(l1, w), fit(l2, w)}
	if m.rp != nil {
		out = append(out, m.timeline())
	}
	if len(out) < m.headerH {
		out = append(out, m.banner())
	}
	return out
}

// banner announces the unacknowledged alert that changed last (raised, or
// escalated past what was acknowledged) without taking focus.
func (m *Model) banner() string {
	sh := m.sh
	un := m.alerts.unacked(sh)
	if len(un) == 0 {
		return spaces(m.width)
	}
	a := un[0]
	s := " " + sh.c.T("banner.alert") + " " + sh.clock(levelAt(sh, a)) + " " + levelName(sh.c, a.Level)
	if _, last, ok := ackOf(sh, a); ok { // escalated since: say what was seen
		s += sh.c.F("paren", sh.c.F("alert.ackedat", levelName(sh.c, last.Level), clean(last.By)))
	}
	s += " · " + ruleName(sh, a.Rule) + " · " + m.alerts.alertText(sh, a)
	hint := sh.c.T("banner.hint") + " "
	if sh.readOnly() { // a replay cannot acknowledge: do not offer it
		hint = sh.c.T("banner.hintro") + " "
	}
	if more := len(un) - 1; more > 0 {
		hint = sh.c.F("banner.more", more) + "  " + hint
	}
	body := fit(s, max(m.width-width(hint), 0))
	return sh.st.Banner.Render(fit(body+hint, m.width))
}

// tabs names the panels when only one shows.
func (m *Model) tabs() string {
	st, c := m.sh.st, m.sh.c
	names := []string{c.T("panel.feed"), c.T("panel.clocks"), c.T("panel.board")}
	var b strings.Builder
	b.WriteString(" ")
	for i, n := range names {
		label := " " + strconv.Itoa(i+1) + " " + n + " "
		if i == m.focus {
			b.WriteString(st.TabActive.Render("[" + label + "]"))
		} else {
			b.WriteString(st.Tab.Render(" " + label + " "))
		}
		b.WriteString(" ")
	}
	return fit(b.String(), m.width)
}

// footer is the status line or the focused panel's most useful keys, with
// the alert count on the right.
func (m *Model) footer() string {
	sh := m.sh
	st, c := sh.st, sh.c
	right := c.F("footer.alerts", len(m.alerts.unacked(sh))) + " "
	lw := max(m.width-width(right)-1, 0)
	var left string
	switch {
	case sh.status != "" && sh.statusErr:
		left = " " + st.Error.Render(sh.status)
	case sh.status != "":
		left = " " + st.OK.Render(sh.status)
	default:
		b := m.shortKeys()
		m.help.SetWidth(lw - 1)
		left = " " + m.help.ShortHelpView(b)
	}
	return fit(left, lw) + " " + st.Muted.Render(right)
}

// activeKeys is the key map of whatever has the keyboard.
func (m *Model) activeKeys() bindings {
	if m.stm.open != 0 {
		return m.stm.keyMap()
	}
	if m.over != nil {
		return m.over.KeyMap()
	}
	return m.panels[m.focus].KeyMap()
}

func (m *Model) shortKeys() []keyBinding {
	g := m.sh.keys.Global
	var out []keyBinding
	if m.rp != nil {
		r := m.sh.keys.Replay
		out = append(out, r.Pause, r.Forward, r.NextMark, r.GoTo)
	}
	out = append(out, m.activeKeys().short...)
	if m.stm.open != 0 { // it has the keyboard: only help reaches past it
		return append(out, g.Help)
	}
	return append(out, g.Next, g.Alerts, g.Help, g.Quit)
}

// helpView lists every binding that applies now: the focused panel's (or
// overlay's) and the global ones.
func (m *Model) helpView() []string {
	g := m.sh.keys.Global
	groups := append([][]keyBinding{}, m.activeKeys().full...)
	if m.rp != nil {
		groups = append(groups, m.sh.keys.replayHelp()...)
	}
	groups = append(groups, []keyBinding{g.Next, g.Prev, g.Feed, g.Clocks, g.Board}, []keyBinding{g.Alerts, g.Ack, g.Help, g.Quit}, []keyBinding{g.Statements, g.Protocol, g.Influencers, g.Messages, g.Debrief, g.ActAs})
	w := m.width - 4
	body := []string{""}
	// Lay the groups out in rows of columns that fit, so nothing is dropped
	// on a narrow screen.
	m.help.SetWidth(0)
	for len(groups) > 0 {
		n := 1
		for n < len(groups) && width(firstLine(m.help.FullHelpView(groups[:n+1]))) <= w-4 {
			n++
		}
		for _, l := range strings.Split(m.help.FullHelpView(groups[:n]), "\n") {
			body = append(body, "  "+l)
		}
		body = append(body, "")
		groups = groups[n:]
	}
	body = append(body, "  "+m.sh.st.Dim.Render(m.sh.c.T("help.close")))
	// Short of room, the blank lines go before anything that says something.
	for i := 0; len(body)+2 > m.bodyH-2 && i < len(body); {
		if body[i] == "" {
			body = slices.Delete(body, i, i+1)
			continue
		}
		i++
	}
	return box(m.sh.st, m.sh.c.T("help.title"), body, w, min(len(body)+2, m.bodyH-2), true)
}

// firstLine is s up to its first newline.
func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
