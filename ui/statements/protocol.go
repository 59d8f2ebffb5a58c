package statements

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"warroom/model"
)

// Protocol is the protocol card: who to call for what, the statement
// approval chain, the plan's rules, and the active scenario's key messages
// in both languages. It is read-only and scrolls.
type Protocol struct {
	opts     Options
	c        catalog
	st       *Styles
	keys     ScrollKeys
	scenario string // the active scenario id the lines were built for
	w, h     int
	off      int
	lines    []string // built on SetSize and SetState, not in View
}

// NewProtocol returns the protocol card for opts.Plan.
func NewProtocol(opts Options) Protocol {
	opts.defaults()
	c := newCatalog(opts.Lang)
	return Protocol{opts: opts, c: c, st: opts.Styles, keys: newScrollKeys(c)}
}

// SetStyles replaces the styles.
func (m *Protocol) SetStyles(st *Styles) {
	m.st = st
	m.build()
}

// SetSize sets the size View fills.
func (m *Protocol) SetSize(w, h int) {
	m.w, m.h = w, h
	m.build()
}

// SetOperator changes who acts: the card marks them on the team.
func (m *Protocol) SetOperator(a model.Actor) {
	m.opts.Operator = a
	m.build()
}

// SetState takes the incident: the card follows its active scenario.
func (m *Protocol) SetState(s *model.State, _ time.Time) {
	if s == nil || s.Incident.Scenario == m.scenario {
		return
	}
	m.scenario = s.Incident.Scenario
	m.build()
}

// KeyMap returns the card's bindings, for the root's help.
func (m Protocol) KeyMap() ScrollKeys { return m.keys }

// Update scrolls; esc or q asks the root to close the card.
func (m Protocol) Update(msg tea.Msg) (Protocol, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return m, nil
	}
	if key.Matches(k, m.keys.Close) {
		return m, func() tea.Msg { return CloseMsg{From: ProtocolOverlay} }
	}
	m.keys.scroll(k, &m.off, m.h-2)
	m.off = min(m.off, max(len(m.lines)-(m.h-2), 0))
	return m, nil
}

// View draws the card exactly as large as SetSize said.
func (m Protocol) View() string {
	if m.w <= 0 || m.h <= 0 {
		return ""
	}
	if m.w < minWidth || m.h < 4 {
		return tooSmall(m.c, m.w, m.h)
	}
	return strings.Join(scrollBox(m.st, m.c, m.c.T("proto.title"), m.lines, m.off, m.w, m.h), "\n")
}

// scrollBox frames lines from off, with the position in the title when
// they do not all fit.
func scrollBox(st *Styles, c catalog, title string, lines []string, off, w, h int) []string {
	bodyH := max(h-2, 0)
	if len(lines) > bodyH {
		off = min(off, len(lines)-bodyH)
		title += " " + c.F("proto.pos", off+bodyH, len(lines))
	}
	return box(st, title, scrollView(lines, &off, bodyH), w, h, true)
}

// build lays the card out for the current width.
func (m *Protocol) build() {
	m.lines = nil
	tw := m.w - 4 // frame and a blank column either side
	if tw < 10 {
		return
	}
	c, st := m.c, m.st
	lang := c.lang()
	p := m.opts.Plan
	add := func(ls ...string) {
		for _, l := range ls {
			m.lines = append(m.lines, " "+l)
		}
	}
	if p == nil {
		add(c.T("proto.noplan"))
		return
	}
	var brand []string
	for _, s := range []string{p.Brand.In(lang), p.Brand.Hotline, p.Brand.Email, p.Brand.Account} {
		if s = clean(s); s != "" {
			brand = append(brand, s)
		}
	}
	if len(brand) > 0 {
		add(st.Bold.Render(brand[0]))
		if len(brand) > 1 {
			add(wrap(strings.Join(brand[1:], " · "), tw)...)
		}
		add("")
	}

	add(st.Accent.Render(c.T("proto.team")))
	for _, person := range p.Team {
		name := st.Bold.Render(clean(person.Name))
		if strings.EqualFold(strings.TrimSpace(person.Name), strings.TrimSpace(m.opts.Operator.Name)) {
			name += " " + st.Accent.Render(c.T("proto.you"))
		}
		head := name + "  " + st.Muted.Render(c.roles(person.Roles))
		contact := clean(person.Contact)
		if contact != "" && width(head)+2+width(contact) <= tw {
			add(head + "  " + contact)
		} else {
			add(head)
			if contact != "" {
				add(indented("  ", contact, tw)...)
			}
		}
		if note := clean(person.Note); note != "" {
			for _, l := range indented("  ", note, tw) {
				add(st.Muted.Render(l))
			}
		}
	}
	add("")

	chain := p.Approval
	sc, _ := p.Scenario(m.scenario)
	if sc != nil && len(sc.Approval) > 0 {
		chain = sc.Approval
	}
	if len(chain) > 0 {
		add(st.Accent.Render(c.T("proto.approval")))
		steps := make([]string, len(chain))
		for i, r := range chain {
			var names []string
			for _, person := range p.People(r) {
				names = append(names, clean(person.Name))
			}
			who := c.T("proto.nobody")
			if len(names) > 0 {
				who = strings.Join(names, c.T("sep.list"))
			}
			steps[i] = fmt.Sprintf("%d. %s (%s)", i+1, c.role(r), who)
		}
		add(wrap(strings.Join(steps, "  >  "), tw)...)
		add("")
	}

	if len(p.Rules) > 0 {
		add(st.Accent.Render(c.T("proto.rules")))
		for i, r := range p.Rules {
			add(indented(fmt.Sprintf("%d. ", i+1), clean(r.In(lang)), tw)...)
		}
		add("")
	}

	if sc == nil {
		add(st.Dim.Render(c.T("proto.nomessages")))
		return
	}
	add(st.Accent.Render(c.F("proto.messages", clean(sc.Name.In(lang)))))
	other := "en"
	if lang == "en" {
		other = "zh"
	}
	for i, msg := range sc.Messages {
		first := clean(msg.In(lang))
		num := fmt.Sprintf("%d. ", i+1)
		add(indented(num, first, tw)...)
		if second := clean(msg.In(other)); second != "" && second != first {
			for _, l := range indented(spaces(width(num)), second, tw) {
				add(st.Dim.Render(l))
			}
		}
	}
}
