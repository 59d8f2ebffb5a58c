package ui

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"warroom/model"
)

// clocksPanel lists the response clocks, counting down.
type clocksPanel struct {
	sh   *session
	w, h int
	sel  int
	top  int
}

func newClocks(sh *session) *clocksPanel { return &clocksPanel{sh: sh} }

// SetSize gives the panel its outer size.
func (p *clocksPanel) SetSize(w, h int) { p.w, p.h = w, h; p.clamp() }

// KeyMap is the panel's help.
func (p *clocksPanel) KeyMap() bindings {
	k := p.sh.keys.Clocks
	return bindings{
		short: []key.Binding{k.Down, k.Declare, k.Met, k.Level},
		full:  [][]key.Binding{{k.Up, k.Down}, {k.Declare, k.Met, k.Level}},
	}
}

func (p *clocksPanel) clocks() []*model.ResponseClock { return p.sh.state.Clocks }

func (p *clocksPanel) selected() *model.ResponseClock {
	cs := p.clocks()
	if p.sel < len(cs) {
		return cs[p.sel]
	}
	return nil
}

// perScreen is how many clocks fit: two lines each.
func (p *clocksPanel) perScreen() int { return max((p.h-2)/2, 1) }

func (p *clocksPanel) clamp() {
	n := len(p.clocks())
	p.sel = min(max(p.sel, 0), max(n-1, 0))
	v := p.perScreen()
	if p.sel < p.top {
		p.top = p.sel
	}
	if p.sel >= p.top+v {
		p.top = p.sel - v + 1
	}
	p.top = min(max(p.top, 0), max(n-v, 0))
}

func (p *clocksPanel) scroll(n int) tea.Cmd { p.sel += n; p.clamp(); return nil }

// Update handles the panel's keys.
func (p *clocksPanel) Update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	k := p.sh.keys.Clocks
	switch {
	case key.Matches(km, k.Down):
		p.sel++
		p.clamp()
	case key.Matches(km, k.Up):
		p.sel--
		p.clamp()
	case key.Matches(km, k.Declare):
		return msgCmd(declareMsg{})
	case key.Matches(km, k.Level):
		return msgCmd(openFormMsg{f: levelForm(p.sh)})
	case key.Matches(km, k.Met):
		c := p.selected()
		if c == nil {
			p.sh.fail(p.sh.c.T("clocks.none"))
			return nil
		}
		if !c.MetAt.IsZero() {
			p.sh.fail(p.sh.c.F("clocks.already", clean(c.Name)))
			return nil
		}
		return msgCmd(openFormMsg{f: metForm(p.sh, c)})
	}
	return nil
}

// View renders the panel.
func (p *clocksPanel) View(focused bool) []string {
	sh := p.sh
	st, c := sh.st, sh.c
	inner := p.w - 2
	var body []string
	cs := p.clocks()
	if len(cs) == 0 {
		body = append(body, st.Dim.Render(c.T("clocks.empty")))
		if !sh.state.Incident.Declared() && !sh.readOnly() {
			for _, l := range wrap(c.T("clocks.declarehint"), inner) {
				body = append(body, st.Dim.Render(l))
			}
		}
	}
	p.clamp()
	end := min(p.top+p.perScreen(), len(cs))
	for i := p.top; i < end; i++ {
		body = append(body, p.clockLines(cs[i], inner, focused && i == p.sel)...)
	}
	body = append(body, p.keyMessages(inner, p.h-2-len(body))...)
	return box(st, c.T("panel.clocks"), body, p.w, p.h, focused)
}

// keyMessages is the active scenario's key messages in the room left below
// the clocks (none if under four lines), cut with an ellipsis and a pointer
// to M when they do not all fit.
func (p *clocksPanel) keyMessages(w, room int) []string {
	sh := p.sh
	sc := sh.scenario()
	if sc == nil || len(sc.Messages) == 0 || room < 4 {
		return nil
	}
	st, c := sh.st, sh.c
	out := []string{"", " " + st.Bold.Render(c.T("scenario.messages"))}
	for i, m := range sc.Messages {
		num := strconv.Itoa(i+1) + ". "
		for j, l := range wrap(cleanBlock(m.In(sh.planLang())), w-1-width(num)) {
			if j == 0 {
				out = append(out, " "+st.Accent.Render(num)+l)
			} else {
				out = append(out, " "+spaces(width(num))+l)
			}
		}
	}
	if len(out) > room {
		out = append(out[:room-1], " "+st.Dim.Render(c.T("scenario.more")))
	}
	return out
}

// clockLines renders one clock in two lines exactly w wide: name and state,
// then deadline, remaining time and a progress bar.
func (p *clocksPanel) clockLines(rc *model.ResponseClock, w int, selected bool) []string {
	sh := p.sh
	st, c := sh.st, sh.c
	now := sh.now
	s := rc.At(now)
	sty := st.clockStyle(s.State)
	marker := " "
	if selected {
		marker = st.Marker.Render(">")
	}
	word := c.T("clock." + s.State.String())
	if s.Paused {
		word = c.T("clock.paused")
	}
	wordW := width(word)
	nameW := max(w-2-wordW-1, 1)
	name := clean(rc.Name)
	line1 := marker + " " + sty.Render(fit(name, nameW)) + " " + sty.Render(word)

	var line2 string
	switch s.State {
	case model.ClockPending:
		line2 = st.Dim.Render(c.F("clock.waits", anchorName(sh, rc.Anchor)))
	case model.ClockMet:
		what := metWhat(c, rc.MetWhat)
		if what == "" {
			what = c.T("clock.manual")
		}
		line2 = sty.Render(c.F("clock.metat", sh.clock(rc.MetAt), what))
		if s.Late {
			line2 += " " + st.Error.Render(c.F("clock.late", hms(s.Left)))
		}
	default:
		left := c.F("clock.left", hms(s.Left))
		if s.State == model.ClockBreached {
			left = c.F("clock.overrun", hms(s.Left))
		}
		head := c.F("clock.deadline", sh.hm(s.Deadline)) + "  " + left
		barW := min(max(w-3-width(head)-1, 0), 30)
		line2 = sty.Render(head)
		if barW >= 4 {
			line2 += " " + bar(st, rc.Progress(now), barW, sty)
		}
	}
	return []string{fit(line1, w), fit("   "+line2, w)}
}

// bar is a progress bar w cells wide.
func bar(st *Styles, frac float64, w int, fill interface{ Render(...string) string }) string {
	n := int(frac*float64(w) + 0.5)
	n = min(max(n, 0), w)
	return fill.Render(strings.Repeat("█", n)) + st.Track.Render(strings.Repeat("░", w-n))
}

// anchorName translates the event kind a clock waits for.
func anchorName(sh *session, kind string) string {
	if k := "anchor." + kind; sh.c.Has(k) {
		return sh.c.T(k)
	}
	return clean(kind)
}

// levelForm changes the warning level.
func levelForm(sh *session) *form {
	c := sh.c
	levels := []string{levelName(c, model.LevelBlue), levelName(c, model.LevelYellow), levelName(c, model.LevelOrange), levelName(c, model.LevelRed)}
	cur := max(int(sh.state.Incident.Level)-1, 0)
	f := newForm(sh, c.T("level.title"), func(f *form) (tea.Cmd, error) {
		ev := sh.event(model.KindLevel, model.LevelPayload{Level: model.Level(f.field(0).idx + 1), Reason: f.field(1).value()})
		if err := sh.check(ev); err != nil {
			return nil, err
		}
		return sh.write(ev), nil
	})
	f.choice(c.T("form.level"), levels, cur)
	f.text(c.T("form.reason"), "", c.T("form.reason.hint"))
	return f
}

// metForm marks a clock met, with a note on what met it.
func metForm(sh *session, rc *model.ResponseClock) *form {
	c := sh.c
	id := rc.ID
	f := newForm(sh, c.F("met.title", clean(rc.Name)), func(f *form) (tea.Cmd, error) {
		ev := sh.event(model.KindClockMet, model.ClockMetPayload{ID: id, What: f.field(0).value()})
		if err := sh.check(ev); err != nil {
			return nil, err
		}
		return sh.write(ev), nil
	})
	f.text(c.T("form.what"), "", c.T("form.what.hint"))
	return f
}
