package ui

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"warroom/model"
	"warroom/model/plan"
	"warroom/ui/i18n"
)

// planLang is the language plan text is read in ("zh" or "en").
func (s *session) planLang() string { return string(s.c.Lang()) }

// scenario returns the plan's scenario the incident was declared under, or
// nil (no plan, declared without one, or a scenario the plan no longer has).
func (s *session) scenario() *plan.Scenario {
	p, id := s.opts.Plan, s.state.Incident.Scenario
	if p == nil || id == "" {
		return nil
	}
	sc, _ := p.Scenario(id)
	return sc
}

// evidence is what the alerts saw, as plan.Suggest takes it: how many
// mentions each category had and which red-flag terms fired. Alerts count by
// their size; when no alert names a category, the negative rows in the
// feed's window stand in.
func evidence(alerts []*model.Alert, rows []*model.Mention) (map[model.Category]int, []string) {
	cats := map[model.Category]int{}
	var terms []string
	for _, a := range alerts {
		if a.Category != model.CategoryNone {
			cats[a.Category] += max(a.Count, 1)
		}
		for _, t := range a.Terms {
			if !slices.Contains(terms, t) {
				terms = append(terms, t)
			}
		}
	}
	if len(cats) == 0 {
		for _, m := range rows {
			if m.Negative && m.Category != model.CategoryNone {
				cats[m.Category]++
			}
		}
	}
	return cats, terms
}

// scenarioChoices orders the plan's scenarios for the declare form: the
// ones the evidence suggests first, best first, then the rest in plan order.
// n is how many are suggested.
func scenarioChoices(p *plan.Plan, cats map[model.Category]int, terms []string) (list []*plan.Scenario, n int) {
	if p == nil {
		return nil, 0
	}
	list = p.Suggest(cats, terms)
	n = len(list)
	for _, s := range p.Scenarios {
		if !slices.Contains(list, s) {
			list = append(list, s)
		}
	}
	return list, n
}

// evidenceText says what the suggestion rests on: the biggest categories
// and the first red-flag terms.
func evidenceText(c *i18n.Catalog, cats map[model.Category]int, terms []string) string {
	type kv struct {
		k model.Category
		n int
	}
	var ks []kv
	for k, n := range cats {
		ks = append(ks, kv{k, n})
	}
	slices.SortFunc(ks, func(a, b kv) int {
		if d := cmp.Compare(b.n, a.n); d != 0 {
			return d
		}
		return cmp.Compare(a.k, b.k)
	})
	var parts []string
	for i, x := range ks {
		if i == 3 {
			break
		}
		parts = append(parts, categoryName(c, x.k))
	}
	out := strings.Join(parts, c.T("sep.list"))
	if len(terms) > 0 {
		ts := cleanTerms(terms)
		if len(ts) > 4 {
			ts = ts[:4]
		}
		if out != "" {
			out += c.T("sep.groups")
		}
		out += strings.Join(ts, c.T("sep.list"))
	}
	return out
}

// declareForm asks for the level and the scenario, and declares the
// incident: under a scenario, its clocks and tasks come with it; with none,
// the default clocks. Scenarios the alerts suggest are offered first and
// the best one is preselected, with its suggested level.
func declareForm(sh *session, alerts []*model.Alert, rows []*model.Mention) *form {
	c := sh.c
	levels := []string{levelName(c, model.LevelBlue), levelName(c, model.LevelYellow), levelName(c, model.LevelOrange), levelName(c, model.LevelRed)}
	cats, terms := evidence(alerts, rows)
	list, suggested := scenarioChoices(sh.opts.Plan, cats, terms)
	f := newForm(sh, c.T("declare.title"), func(f *form) (tea.Cmd, error) {
		level := model.Level(f.field(0).idx + 1)
		var evs []model.Event
		if len(list) > 0 && f.field(1).idx > 0 {
			sc := list[f.field(1).idx-1]
			evs = sc.Declare(sh.stamp(), sh.planLang(), sh.opts.Plan, sh.opts.Operator.Name, level)
		} else {
			evs = append(evs, sh.event(model.KindDeclared, model.DeclarePayload{Level: level}))
			for _, d := range sh.opts.DefaultClocks {
				evs = append(evs, sh.event(model.KindClockAdd, d))
			}
		}
		if err := sh.check(evs...); err != nil {
			return nil, err
		}
		return sh.write(evs...), nil
	})
	f.message = c.T("declare.hint")
	level := 1
	if len(list) > 0 {
		names := []string{c.T("declare.noscenario")}
		for i, s := range list {
			n := clean(s.Name.In(sh.planLang()))
			if i < suggested {
				n = c.F("declare.suggested", n)
			}
			names = append(names, n)
		}
		pick := 0
		if suggested > 0 {
			pick = 1
			if lv := list[0].Level; lv > model.LevelNone {
				level = int(lv) - 1
			}
			f.message += "\n" + c.F("declare.because", evidenceText(c, cats, terms))
		}
		f.choice(c.T("form.level"), levels, level)
		f.choice(c.T("form.scenario"), names, pick)
		return f
	}
	f.choice(c.T("form.level"), levels, level)
	return f
}

// scenarioOverlay shows the active scenario: what it is, its key messages
// (the lines every statement and reply keeps to) and the review order.
type scenarioOverlay struct {
	sh  *session
	off int
}

func (o *scenarioOverlay) KeyMap() bindings {
	k := o.sh.keys.Detail
	return bindings{short: []key.Binding{k.Up, k.Down, k.Close}, full: [][]key.Binding{{k.Up, k.Down, k.Close}}}
}

// Update scrolls and closes.
func (o *scenarioOverlay) Update(msg tea.Msg) (tea.Cmd, bool) {
	return nil, scroll(o.sh, msg, &o.off)
}

// scroll moves a text overlay by wheel and j/k, and reports whether the
// close key was pressed; View clamps the offset to the text.
func scroll(sh *session, msg tea.Msg, off *int) (closed bool) {
	switch msg := msg.(type) {
	case tea.MouseWheelMsg:
		if msg.Button == tea.MouseWheelUp {
			*off = max(*off-3, 0)
		} else {
			*off += 3
		}
	case tea.KeyPressMsg:
		k := sh.keys.Detail
		switch {
		case key.Matches(msg, k.Close):
			return true
		case key.Matches(msg, k.Down):
			*off++
		case key.Matches(msg, k.Up):
			*off = max(*off-1, 0)
		}
	}
	return false
}

// View renders the overlay w by h.
func (o *scenarioOverlay) View(w, h int) []string {
	sh := o.sh
	st, c := sh.st, sh.c
	inner := w - 4
	lang := sh.planLang()
	var lines []string
	add := func(s string) { lines = append(lines, " "+s) }
	para := func(s string, indent int) {
		for _, l := range wrap(cleanBlock(s), inner-indent) {
			add(spaces(indent) + l)
		}
	}
	sc := sh.scenario()
	switch {
	case sh.opts.Plan == nil:
		add(st.Dim.Render(c.T("scenario.noplan")))
	case sc == nil && sh.state.Incident.Scenario != "":
		add(st.Error.Render(c.F("scenario.missing", clean(sh.state.Incident.Scenario))))
	case sc == nil:
		add(st.Dim.Render(c.T("scenario.none")))
	default:
		add(st.Bold.Render(clean(sc.Name.In(lang))))
		if sc.Level > model.LevelNone {
			add(c.F("scenario.level", st.levelStyle(sc.Level).Render(" "+levelName(c, sc.Level)+" ")))
		}
		if d := sc.Description.In(lang); d != "" {
			lines = append(lines, "")
			para(d, 0)
		}
		lines = append(lines, "", " "+st.Bold.Render(c.T("scenario.messages")))
		if len(sc.Messages) == 0 {
			add(st.Dim.Render(c.T("scenario.nomessages")))
		}
		for i, m := range sc.Messages {
			num := strconv.Itoa(i+1) + ". "
			ls := wrap(cleanBlock(m.In(lang)), inner-width(num))
			for j, l := range ls {
				if j == 0 {
					add(st.Accent.Render(num) + l)
				} else {
					add(spaces(width(num)) + l)
				}
			}
		}
		approval := sc.Approval
		if len(approval) == 0 {
			approval = sh.opts.Plan.Approval
		}
		if len(approval) > 0 {
			var rs []string
			for _, r := range approval {
				rs = append(rs, roleName(c, r))
			}
			lines = append(lines, "", " "+c.F("scenario.approval", strings.Join(rs, " → ")))
		}
	}
	body := h - 2
	o.off = min(o.off, max(len(lines)-body, 0))
	return box(st, c.T("scenario.title"), lines[o.off:], w, h, true)
}

// linkText shows a task link readably: a trusted influencer by platform and
// name (with followers and contact when the plan knows them), a mention by
// its number, anything else as written.
func linkText(sh *session, link string) string {
	c := sh.c
	link = clean(link)
	if rest, ok := strings.CutPrefix(link, "influencer:"); ok {
		pl, name, ok := strings.Cut(rest, ":")
		if ok && name != "" {
			s := c.F("link.influencer", c.T("platform."+platformKey(model.Platform(pl))), name)
			if p := sh.opts.Plan; p != nil {
				for _, in := range p.Influencers {
					if string(in.Platform) == pl && in.Name == name {
						if in.Followers > 0 {
							s += " · " + c.F("detail.followers", c.Count(in.Followers))
						}
						if in.Contact != "" {
							s += " · " + clean(in.Contact)
						}
						break
					}
				}
			}
			return s
		}
	}
	if id, ok := strings.CutPrefix(link, "mention:"); ok {
		if _, err := strconv.ParseInt(id, 10, 64); err == nil {
			return c.F("link.mention", id)
		}
	}
	return link
}

// metWhat says what met a clock in the console's language. The log writes
// the two automatic forms in English ("statement s1", "alert #3
// acknowledged"); anything else was typed by a person and shows as typed.
func metWhat(c *i18n.Catalog, what string) string {
	w := clean(what)
	if id, ok := strings.CutPrefix(w, "statement "); ok && id != "" && !strings.ContainsRune(id, ' ') {
		return c.F("clock.by.statement", id)
	}
	if rest, ok := strings.CutPrefix(w, "alert #"); ok {
		if n, ok := strings.CutSuffix(rest, " acknowledged"); ok {
			if _, err := strconv.ParseInt(n, 10, 64); err == nil {
				return c.F("clock.by.ack", n)
			}
		}
	}
	return w
}

// taskOverlay shows one task in full: status, owner, due time, its note
// (how to do it, from the plan) and its links.
type taskOverlay struct {
	sh  *session
	id  string
	off int
}

func (o *taskOverlay) KeyMap() bindings {
	k := o.sh.keys.Detail
	return bindings{short: []key.Binding{k.Up, k.Down, k.Close}, full: [][]key.Binding{{k.Up, k.Down, k.Close}}}
}

// Update scrolls and closes, like the scenario overlay.
func (o *taskOverlay) Update(msg tea.Msg) (tea.Cmd, bool) {
	so := scenarioOverlay{sh: o.sh, off: o.off}
	c, done := so.Update(msg)
	o.off = so.off
	return c, done
}

// View renders the task as it stands in the state now, so a move or edit
// made meanwhile shows at once.
func (o *taskOverlay) View(w, h int) []string {
	sh := o.sh
	st, c := sh.st, sh.c
	inner := w - 4
	var lines []string
	add := func(s string) { lines = append(lines, " "+s) }
	t := sh.state.Task(o.id)
	if t == nil {
		add(st.Dim.Render(c.T("board.empty")))
		return box(st, c.T("taskview.title"), lines, w, h, true)
	}
	add(st.Bold.Render(clean(t.Title)))
	owner := roleName(c, t.Role)
	if t.Assignee != "" {
		owner += " · " + clean(t.Assignee)
	}
	add(c.F("taskview.status", statusName(sh, t.Status), owner))
	if !t.Due.IsZero() {
		due := c.F("taskview.due", sh.hm(t.Due))
		if t.Overdue(sh.now) {
			due = st.Error.Render(c.F("board.overdue", due))
		}
		add(due)
	}
	add(st.Dim.Render(c.F("taskview.created", sh.hm(t.CreatedAt), fmt.Sprint(t.ID))))
	if t.Note != "" {
		lines = append(lines, "", " "+st.Bold.Render(c.T("taskview.note")))
		for _, l := range wrap(cleanBlock(t.Note), inner) {
			add(l)
		}
	}
	if len(t.Links) > 0 {
		lines = append(lines, "", " "+st.Bold.Render(c.T("taskview.links")))
		for _, l := range t.Links {
			for i, x := range wrap(linkText(sh, l), inner-2) {
				if i == 0 {
					add("• " + x)
				} else {
					add("  " + x)
				}
			}
		}
	}
	body := h - 2
	o.off = min(o.off, max(len(lines)-body, 0))
	return box(st, c.T("taskview.title"), lines[o.off:], w, h, true)
}
