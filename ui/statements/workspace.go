package statements

import (
	"errors"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"warroom/model"
	"warroom/model/draft"
	"warroom/model/plan"
	"warroom/model/text"
	"warroom/ui/i18n"
)

// mode is what the workspace's keys act on.
type mode int

const (
	modeList    mode = iota // the statement list: single-letter actions
	modeEdit                // the editor has the keyboard
	modeNew                 // the new-draft form
	modeReview              // the approve/reject comment
	modePublish             // the publish form
)

// Options configure the components. Only Plan and Operator matter to all
// three; the zero value of the rest is usable.
type Options struct {
	Plan     *plan.Plan  // the crisis plan; nil shows none
	Operator model.Actor // who acts: the Actor of every event, and the roles a review is made in
	Lang     i18n.Lang   // "" is English
	Styles   *Styles     // nil builds dark-background styles with colour
	// Clock stamps events; nil uses the time of the last SetState.
	Clock    model.Clock
	ReadOnly bool           // a replay: nothing may be written
	Location *time.Location // for times of day; nil is time.Local
}

func (o *Options) defaults() {
	if o.Styles == nil {
		o.Styles = NewStyles(true, false)
	}
	if o.Location == nil {
		o.Location = time.Local
	}
}

// buffer is the editor text of one statement, kept across state updates and
// across closing the overlay until it is saved.
type buffer struct {
	ed   *editor
	base string // the statement text the buffer was loaded from, sanitized
	ver  int    // and its version
}

func (b *buffer) dirty() bool { return b.ed.Value() != b.base }

// request is the action waiting for its ResultMsg.
type request struct {
	id       int
	act      string // "new", "save", "submit", …
	stmt     string
	platform model.Platform
}

// newForm is the new-draft form.
type newForm struct {
	field    int // 0 kind, 1 platform, 2 source
	kind     int // in draftKinds
	platform int // in model.Platforms
	source   int
	sources  []source
}

// source is where a new draft's text comes from.
type source struct {
	label, text string
}

// draftKinds are the statement kinds offered for a new draft.
var draftKinds = []model.StatementKind{model.StatementHolding, model.StatementApology,
	model.StatementFactUpdate, model.StatementRemedy, model.StatementFull}

// checked is the draft-check report and what it was computed for.
type checked struct {
	text     string
	kind     model.StatementKind
	platform model.Platform
	rep      draft.Report
	fill     []string // placeholders left
	valid    bool
}

// offsets are scroll positions. They sit behind a pointer because View
// clamps them to what it drew, and View has a value receiver.
type offsets struct{ list, check int }

// rect is a region of the workspace.
type rect struct{ x, y, w, h int }

// Workspace is the statement workspace overlay: the list of statements, the
// editor of the selected one, and its draft checks.
type Workspace struct {
	opts  Options
	c     catalog
	st    *Styles
	keys  WorkspaceKeys
	state *model.State
	now   time.Time

	w, h                 int
	narrow               bool
	list, edit, checkBox rect

	sel     string // selected statement id
	off     *offsets
	bufs    map[string]*buffer
	mode    mode
	form    *newForm
	approve bool    // the review form approves (else rejects)
	comment *editor // the review comment
	pubPlat int     // publish form platform, in model.Platforms
	preview *editor // the text forms show
	check   *checked

	reqID      int
	pending    *request
	selectNext string // a draft just requested: selected once it exists
	announce   string // a statement just published: the status shows the clocks it met
	status     string
	statusErr  bool
	// suggested orders the plan's scenarios before one is declared: those
	// the alerts point to first, so a battery fire's draft does not start
	// from the food template.
	suggested []*plan.Scenario
}

// NewWorkspace returns the workspace. Give it the state with SetState and a
// size with SetSize before the first View.
func NewWorkspace(opts Options) Workspace {
	opts.defaults()
	c := newCatalog(opts.Lang)
	m := Workspace{
		opts:    opts,
		c:       c,
		st:      opts.Styles,
		keys:    newWorkspaceKeys(c),
		state:   model.NewState(),
		bufs:    map[string]*buffer{},
		comment: newEditor(true),
		preview: newEditor(false),
		check:   &checked{},
		off:     &offsets{},
	}
	m.refreshKeys()
	return m
}

// SetSuggested orders the scenarios whose templates a draft is offered
// before the incident is declared; nil keeps the plan's order.
func (m *Workspace) SetSuggested(ss []*plan.Scenario) { m.suggested = ss }

// SetStyles replaces the styles, as when the terminal reports its background.
func (m *Workspace) SetStyles(st *Styles) { m.st = st }

// SetOperator changes who acts, as when the team hands the keyboard to the
// lawyer: what they may do next follows their roles and what they wrote.
func (m *Workspace) SetOperator(a model.Actor) {
	m.opts.Operator = a
	m.refreshKeys()
}

// SetSize sets the size View fills: the one place the panes are laid out.
func (m *Workspace) SetSize(w, h int) {
	m.w, m.h = w, h
	paneH := max(h-1, 0) // the status line
	m.narrow = w < 110
	if !m.narrow {
		lw := min(max(w*28/100, 28), 40)
		cw := min(max(w*30/100, 30), 48)
		m.list = rect{0, 0, lw, paneH}
		m.edit = rect{lw, 0, w - lw - cw, paneH}
		m.checkBox = rect{w - cw, 0, cw, paneH}
	} else {
		lw := min(max(w*35/100, 24), 34)
		eh := max(paneH*55/100, 6)
		m.list = rect{0, 0, lw, paneH}
		m.edit = rect{lw, 0, w - lw, min(eh, paneH)}
		m.checkBox = rect{lw, m.edit.h, w - lw, paneH - m.edit.h}
	}
}

// SetState takes the incident as of now. Typed text is never replaced: a
// buffer with unsaved changes keeps them, and one without follows the state.
func (m *Workspace) SetState(s *model.State, now time.Time) {
	if s == nil {
		s = model.NewState()
	}
	m.state, m.now = s, now
	for id, b := range m.bufs {
		if st := s.Statement(id); st != nil {
			syncBuffer(b, st)
		}
	}
	if m.selectNext != "" && s.Statement(m.selectNext) != nil {
		m.sel, m.selectNext = m.selectNext, ""
	}
	if m.selected() == nil && len(s.Statements) > 0 {
		m.sel = s.Statements[len(s.Statements)-1].ID
	}
	if m.form != nil {
		m.form.sources = m.sources(draftKinds[m.form.kind])
		m.form.source = min(m.form.source, len(m.form.sources)-1)
	}
	if m.mode == modeNew || m.mode == modeReview || m.mode == modePublish {
		m.loadPreview()
	}
	m.recheck()
	m.refreshKeys()
}

// syncBuffer brings a buffer up to date with its statement, unless the
// buffer holds unsaved text.
func syncBuffer(b *buffer, st *model.Statement) {
	cur := text.Sanitize(st.Text)
	if cur == b.base && st.Version == b.ver {
		return
	}
	switch {
	case !b.dirty():
		row, col := b.ed.row, b.ed.col
		b.ed.SetValue(cur)
		b.ed.row = min(row, len(b.ed.lines)-1)
		b.ed.col = min(col, len(b.ed.lines[b.ed.row]))
		b.base, b.ver = cur, st.Version
	case b.ed.Value() == cur: // our save landed
		b.base, b.ver = cur, st.Version
	}
	// Otherwise the statement changed while someone typed here: keep the
	// typed text; the stage line says so.
}

// Typing reports whether a text field has the keyboard: the root must then
// send every key here (ctrl+c aside), so single letters type.
func (m Workspace) Typing() bool { return m.mode == modeEdit || m.mode == modeReview }

// KeyMap returns the bindings of the current mode, for the root's help.
func (m Workspace) KeyMap() WorkspaceKeys { return m.keys }

// Selected returns the id of the selected statement, "" if none.
func (m Workspace) Selected() string { return m.sel }

// Unsaved returns the ids of statements with unsaved text, in state order,
// so the root can warn before quitting.
func (m Workspace) Unsaved() []string {
	var out []string
	for _, st := range m.state.Statements {
		if b := m.bufs[st.ID]; b != nil && b.dirty() {
			out = append(out, st.ID)
		}
	}
	return out
}

func (m *Workspace) selected() *model.Statement {
	if m.sel == "" {
		return nil
	}
	return m.state.Statement(m.sel)
}

// buffer returns the selected statement's buffer, creating it on first use.
func (m *Workspace) buffer(st *model.Statement) *buffer {
	if st == nil {
		return nil
	}
	b := m.bufs[st.ID]
	if b == nil {
		b = &buffer{ed: newEditor(false)}
		b.base = text.Sanitize(st.Text)
		b.ver = st.Version
		b.ed.SetValue(b.base)
		b.ed.row, b.ed.col = 0, 0
		m.bufs[st.ID] = b
	}
	m.sizeEditor(b.ed, 0)
	return b
}

// clock is the time events are stamped with.
func (m *Workspace) clock() time.Time {
	if m.opts.Clock != nil {
		return m.opts.Clock.Now()
	}
	return m.now
}

func (m *Workspace) event(kind string, payload any) model.Event {
	return model.NewEvent(m.clock(), kind, m.opts.Operator.Name, payload)
}

// Update handles keys, pastes and the root's answers.
func (m Workspace) Update(msg tea.Msg) (Workspace, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case ResultMsg:
		m.result(msg)
	case tea.PasteMsg:
		switch m.mode {
		case modeEdit:
			if b := m.buffer(m.selected()); b != nil {
				b.ed.Update(msg)
			}
		case modeReview:
			m.comment.Update(msg)
		}
	case tea.KeyPressMsg:
		m.status, m.statusErr, m.announce = "", false, ""
		switch m.mode {
		case modeEdit:
			cmd = m.editKey(msg)
		case modeNew:
			cmd = m.newKey(msg)
		case modeReview:
			cmd = m.reviewKey(msg)
		case modePublish:
			cmd = m.publishKey(msg)
		default:
			cmd = m.listKey(msg)
		}
	}
	m.recheck()
	m.refreshKeys()
	return m, cmd
}

func (m *Workspace) listKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	st := m.selected()
	switch {
	case key.Matches(msg, k.Up):
		m.move(-1)
	case key.Matches(msg, k.Down):
		m.move(1)
	case key.Matches(msg, k.ChecksUp):
		m.off.check = max(m.off.check-max(m.checkBox.h-3, 1), 0)
	case key.Matches(msg, k.ChecksDown):
		m.off.check += max(m.checkBox.h-3, 1)
	case key.Matches(msg, k.Close):
		return func() tea.Msg { return CloseMsg{From: WorkspaceOverlay} }
	case pressed(msg, k.New):
		if m.refuse("new") {
			return nil
		}
		m.openNew()
	case pressed(msg, k.Edit):
		if m.refuse("edit") {
			return nil
		}
		m.mode = modeEdit
		m.off.check = 0
	case pressed(msg, k.Save):
		return m.save(st)
	case pressed(msg, k.Submit):
		return m.submit(st)
	case pressed(msg, k.Withdraw):
		if m.refuse("withdraw") {
			return nil
		}
		return m.send("withdraw", st.ID, "", m.event(model.KindWithdraw, model.StatementPayload{ID: st.ID}))
	case pressed(msg, k.Approve), pressed(msg, k.Reject):
		approve := pressed(msg, k.Approve)
		act := "reject"
		if approve {
			act = "approve"
		}
		if m.refuse(act) {
			return nil
		}
		m.approve = approve
		m.comment.SetValue("")
		m.mode = modeReview
		m.loadPreview()
	case pressed(msg, k.Publish):
		if m.refuse("publish") {
			return nil
		}
		m.pubPlat = max(slices.Index(model.Platforms, st.Platform), 0)
		m.mode = modePublish
		m.loadPreview()
	}
	return nil
}

func (m *Workspace) move(d int) {
	ss := m.state.Statements
	if len(ss) == 0 {
		return
	}
	i := slices.IndexFunc(ss, func(s *model.Statement) bool { return s.ID == m.sel })
	i = min(max(i+d, 0), len(ss)-1)
	m.sel = ss[i].ID
	m.off.check = 0
}

func (m *Workspace) editKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	st := m.selected()
	b := m.buffer(st)
	switch {
	case b == nil:
		m.mode = modeList
	case pressed(msg, k.Save):
		return m.save(st)
	case key.Matches(msg, k.Leave):
		m.mode = modeList
	default:
		b.ed.Update(msg)
	}
	return nil
}

func (m *Workspace) save(st *model.Statement) tea.Cmd {
	if m.refuse("save") {
		return nil
	}
	b := m.buffer(st)
	return m.send("save", st.ID, "", m.event(model.KindEdit, model.StatementPayload{ID: st.ID, Text: b.ed.Value()}))
}

// submit sends the statement to legal review, saving unsaved text first in
// the same write, so legal reviews exactly what is on the screen.
func (m *Workspace) submit(st *model.Statement) tea.Cmd {
	if m.refuse("submit") {
		return nil
	}
	var evs []model.Event
	if b := m.buffer(st); b.dirty() {
		evs = append(evs, m.event(model.KindEdit, model.StatementPayload{ID: st.ID, Text: b.ed.Value()}))
	}
	evs = append(evs, m.event(model.KindSubmit, model.StatementPayload{ID: st.ID}))
	m.mode = modeList
	return m.send("submit", st.ID, "", evs...)
}

// send asks the root to write events, and remembers what for.
func (m *Workspace) send(act, id string, on model.Platform, evs ...model.Event) tea.Cmd {
	m.reqID++
	m.pending = &request{id: m.reqID, act: act, stmt: id, platform: on}
	out := AppendMsg{ID: m.reqID, Events: evs}
	return func() tea.Msg { return out }
}

// result takes the root's answer. A refusal keeps everything as it was
// (forms open, text typed) and says why.
func (m *Workspace) result(msg ResultMsg) {
	if m.pending == nil || msg.ID != m.pending.id {
		return
	}
	req := *m.pending
	m.pending = nil
	if msg.Err != nil {
		m.fail(m.c.F("refused", errText(msg.Err)))
		return
	}
	switch req.act {
	case "new":
		m.note(m.c.F("done.draft", clean(req.stmt)))
		if m.mode == modeNew {
			m.mode, m.form = modeList, nil
		}
		if m.state.Statement(req.stmt) != nil {
			m.sel = req.stmt
		} else {
			m.selectNext = req.stmt
		}
	case "save":
		m.note(m.c.F("done.edit", clean(req.stmt)))
	case "submit":
		m.note(m.c.F("done.submit", clean(req.stmt)))
	case "withdraw":
		m.note(m.c.F("done.withdraw", clean(req.stmt)))
	case "approve", "reject":
		m.note(m.c.F("done."+req.act, clean(req.stmt)))
		if m.mode == modeReview {
			m.mode = modeList
		}
		m.comment.SetValue("")
	case "publish":
		m.note(m.c.F("done.publish", clean(req.stmt), m.c.platform(req.platform)))
		m.announce = req.stmt
		if m.mode == modePublish {
			m.mode = modeList
		}
	}
}

// errText is an error made safe for one line of the screen.
func errText(err error) string {
	if errors.Is(err, model.ErrNotLegal) {
		return clean(model.ErrNotLegal.Error())
	}
	return clean(err.Error())
}

func (m *Workspace) fail(s string) { m.status, m.statusErr = s, true }
func (m *Workspace) note(s string) { m.status, m.statusErr = s, false }

// refuse shows why act is unavailable, if it is, and reports whether it was.
func (m *Workspace) refuse(act string) bool {
	if why := m.why(act); why != "" {
		m.fail(m.c.F("cannot", m.c.T("act."+act), why))
		return true
	}
	return false
}

// actor describes the operator: name and roles.
func (m *Workspace) actor() string {
	a := m.opts.Operator
	return m.c.F("ws.actor", clean(a.Name), m.c.roles(a.Roles))
}

// why says why act is unavailable for the selected statement now, or ""
// when it is available. The model has the last word (the root checks every
// event with the state); this is so the keys can say why beforehand.
func (m *Workspace) why(act string) string {
	c := m.c
	if m.opts.ReadOnly {
		return c.T("why.readonly")
	}
	if m.pending != nil {
		return c.T("why.pending")
	}
	if act == "new" {
		return ""
	}
	st := m.selected()
	if st == nil {
		return c.T("why.none")
	}
	status := c.status(st.Status)
	switch act {
	case "edit", "save":
		switch st.Status {
		case model.StatementPublished:
			return c.T("why.published")
		case model.StatementInReview:
			return c.T("why.inreview")
		}
		if b := m.buffer(st); act == "save" && !b.dirty() {
			return c.F("why.nochange", st.Version)
		}
	case "submit":
		b := m.buffer(st)
		switch {
		case st.Status == model.StatementPublished:
			return c.T("why.published")
		case st.Status == model.StatementInReview:
			return c.F("why.notdraft", status)
		case st.Status == model.StatementApproved && !b.dirty():
			return c.F("why.notdraft", status)
		case strings.TrimSpace(b.ed.Value()) == "":
			return c.T("why.empty")
		}
		if fill := plan.Placeholders(b.ed.Value()); len(fill) > 0 {
			return c.F("why.placeholders", braces(fill))
		}
	case "withdraw":
		if st.Status != model.StatementInReview {
			return c.F("why.notreview", status)
		}
	case "approve", "reject":
		if !m.opts.Operator.Has(model.RoleLegal) {
			return c.F("why.legal", m.actor())
		}
		if st.Status != model.StatementInReview {
			return c.F("why.notreview", status)
		}
		if act == "approve" && st.WrittenBy(m.opts.Operator.Name) {
			return m.ownText(st)
		}
	case "publish":
		switch {
		case st.Status == model.StatementPublished:
			return c.T("why.published")
		case st.ApprovedVer > 0 && st.ApprovedVer != st.Version:
			return c.F("why.stale", st.ApprovedVer, st.Version)
		case st.Status != model.StatementApproved:
			return c.F("why.notapproved", status)
		}
	}
	return ""
}

// ownText says why whoever wrote a statement cannot approve it, and who in
// the plan can instead.
func (m *Workspace) ownText(st *model.Statement) string {
	c := m.c
	var others []string
	if p := m.opts.Plan; p != nil {
		for _, person := range p.People(model.RoleLegal) {
			if !st.WrittenBy(person.Name) {
				others = append(others, clean(person.Name))
			}
		}
	}
	who := c.T("why.noreviewer")
	if len(others) > 0 {
		who = c.F("why.reviewers", strings.Join(others, c.T("sep.list")))
	}
	if st.Version > 1 {
		return c.F("why.edited", clean(st.Editor), who)
	}
	return c.F("why.drafted", clean(st.Editor), who)
}

// braces writes placeholder names as they appear in the text.
func braces(names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = "{" + clean(n) + "}"
	}
	return strings.Join(out, " ")
}

// refreshKeys enables exactly the bindings that apply now.
func (m *Workspace) refreshKeys() {
	k := &m.keys
	k.mode = m.mode
	for _, x := range []struct {
		b   *key.Binding
		act string
	}{{&k.New, "new"}, {&k.Edit, "edit"}, {&k.Save, "save"}, {&k.Submit, "submit"}, {&k.Withdraw, "withdraw"},
		{&k.Approve, "approve"}, {&k.Reject, "reject"}, {&k.Publish, "publish"}} {
		x.b.SetEnabled(m.why(x.act) == "")
	}
	has := len(m.state.Statements) > 0
	k.Up.SetEnabled(has)
	k.Down.SetEnabled(has)
}

// openNew opens the new-draft form.
func (m *Workspace) openNew() {
	f := &newForm{}
	f.sources = m.sources(draftKinds[f.kind])
	m.form = f
	m.mode = modeNew
	m.loadPreview()
}

// scenario returns the incident's active scenario, if the plan has it.
func (m *Workspace) scenario() *plan.Scenario {
	if m.opts.Plan == nil || m.state.Incident.Scenario == "" {
		return nil
	}
	s, _ := m.opts.Plan.Scenario(m.state.Incident.Scenario)
	return s
}

// sources lists where a draft of kind can start from: the active scenario's
// template (every scenario's, before one is declared), a copy of the
// selected statement's text, or nothing.
func (m *Workspace) sources(kind model.StatementKind) []source {
	var out []source
	lang := m.c.lang()
	if p := m.opts.Plan; p != nil {
		vars := p.Vars(m.clock().In(m.opts.Location), lang)
		scenarios := p.Scenarios
		if len(m.suggested) > 0 {
			scenarios = m.suggested
		}
		if s := m.scenario(); s != nil {
			scenarios = []*plan.Scenario{s}
		}
		for _, s := range scenarios {
			if t, ok := s.Statement(kind); ok {
				out = append(out, source{label: m.c.F("from.template", clean(s.Name.In(lang))),
					text: plan.Expand(t.Text.In(lang), vars)})
			}
		}
	}
	if st := m.selected(); st != nil {
		if b := m.buffer(st); strings.TrimSpace(b.ed.Value()) != "" {
			out = append(out, source{label: m.c.F("from.copy", clean(st.ID)), text: b.ed.Value()})
		}
	}
	return append(out, source{label: m.c.T("from.blank")})
}

func (m *Workspace) newKey(msg tea.KeyPressMsg) tea.Cmd {
	f := m.form
	k := m.keys
	switch s := msg.String(); {
	case key.Matches(msg, k.Cancel):
		m.mode, m.form = modeList, nil
	case s == "tab" || s == "down":
		f.field = (f.field + 1) % 3
	case s == "shift+tab" || s == "up":
		f.field = (f.field + 2) % 3
	case s == "left" || s == "h" || s == "right" || s == "l" || s == "space":
		d := 1
		if s == "left" || s == "h" {
			d = -1
		}
		switch f.field {
		case 0:
			f.kind = (f.kind + d + len(draftKinds)) % len(draftKinds)
			f.sources = m.sources(draftKinds[f.kind])
			f.source = 0
		case 1:
			f.platform = (f.platform + d + len(model.Platforms)) % len(model.Platforms)
		case 2:
			f.source = (f.source + d + len(f.sources)) % len(f.sources)
		}
		m.loadPreview()
	case key.Matches(msg, k.Confirm):
		if m.refuse("new") {
			return nil
		}
		id := m.state.NextStatementID()
		p := model.StatementPayload{ID: id, Kind: draftKinds[f.kind], Platform: model.Platforms[f.platform],
			Text: f.sources[f.source].text}
		return m.send("new", id, "", m.event(model.KindDraft, p))
	}
	return nil
}

func (m *Workspace) reviewKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	st := m.selected()
	switch {
	case key.Matches(msg, k.Cancel):
		m.mode = modeList
	case key.Matches(msg, k.Confirm):
		act, kind := "reject", model.KindReject
		if m.approve {
			act, kind = "approve", model.KindApprove
		}
		if m.refuse(act) {
			return nil
		}
		comment := strings.TrimSpace(m.comment.Value())
		if !m.approve && comment == "" {
			m.fail(m.c.F("cannot", m.c.T("act.reject"), m.c.T("why.comment")))
			return nil
		}
		p := model.ReviewPayload{ID: st.ID, Comment: comment, Roles: slices.Clone(m.opts.Operator.Roles)}
		if p.Roles == nil {
			p.Roles = []model.Role{}
		}
		return m.send(act, st.ID, "", m.event(kind, p))
	default:
		m.comment.Update(msg)
	}
	return nil
}

func (m *Workspace) publishKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	st := m.selected()
	switch s := msg.String(); {
	case key.Matches(msg, k.Cancel):
		m.mode = modeList
	case s == "left" || s == "h" || s == "up":
		m.pubPlat = (m.pubPlat + len(model.Platforms) - 1) % len(model.Platforms)
	case s == "right" || s == "l" || s == "down" || s == "space" || s == "tab":
		m.pubPlat = (m.pubPlat + 1) % len(model.Platforms)
	case key.Matches(msg, k.Confirm):
		if m.refuse("publish") {
			return nil
		}
		on := model.Platforms[m.pubPlat]
		return m.send("publish", st.ID, on, m.event(model.KindPublish, model.StatementPayload{ID: st.ID, Platform: on}))
	}
	return nil
}

// loadPreview puts the text a form is about into the preview editor.
func (m *Workspace) loadPreview() {
	switch m.mode {
	case modeNew:
		m.preview.SetValue(m.form.sources[m.form.source].text)
	case modeReview, modePublish:
		if st := m.selected(); st != nil {
			m.preview.SetValue(text.Sanitize(st.Text))
		}
	}
	m.preview.row, m.preview.col, m.preview.top = 0, 0, 0
}

// subject is what the checks pane checks: the form's text, or the selected
// statement's editor text.
func (m *Workspace) subject() (txt string, kind model.StatementKind, on model.Platform, ok bool) {
	switch m.mode {
	case modeNew:
		return m.preview.Value(), draftKinds[m.form.kind], model.Platforms[m.form.platform], true
	case modeReview, modePublish:
		st := m.selected()
		if st == nil {
			return "", "", "", false
		}
		on := st.Platform
		if m.mode == modePublish {
			on = model.Platforms[m.pubPlat]
		}
		return m.preview.Value(), st.Kind, on, true
	}
	st := m.selected()
	if st == nil {
		return "", "", "", false
	}
	return m.buffer(st).ed.Value(), st.Kind, st.Platform, true
}

// recheck runs the draft checks when their subject changed: cheap (well
// under a millisecond) but not free, so not on every frame.
func (m *Workspace) recheck() {
	txt, kind, on, ok := m.subject()
	c := m.check
	if !ok {
		*c = checked{}
		return
	}
	if c.valid && c.text == txt && c.kind == kind && c.platform == on {
		return
	}
	*c = checked{text: txt, kind: kind, platform: on, valid: true,
		rep: draft.CheckKind(txt, kind, on, m.c.lang()), fill: plan.Placeholders(txt)}
}

// marks are the spans the editor highlights: findings and placeholders.
func (m *Workspace) marks() []mark {
	c := m.check
	if !c.valid {
		return nil
	}
	var out []mark
	for _, f := range c.rep.Findings {
		if f.Span[1] <= f.Span[0] {
			continue
		}
		s := m.st.Mark
		if f.Kind == draft.Blame {
			s = m.st.MarkBlame
		}
		out = append(out, mark{f.Span[0], f.Span[1], s})
	}
	for _, sp := range placeholderSpans(c.text, c.fill) {
		out = append(out, mark{sp[0], sp[1], m.st.Placeholder})
	}
	return out
}

// placeholderSpans finds each {name} of names in s.
func placeholderSpans(s string, names []string) [][2]int {
	var out [][2]int
	for _, n := range names {
		p := "{" + n + "}"
		for off := 0; ; {
			i := strings.Index(s[off:], p)
			if i < 0 {
				break
			}
			out = append(out, [2]int{off + i, off + i + len(p)})
			off += i + len(p)
		}
	}
	return out
}

// metBy returns the names of the clocks a statement met (its submission,
// approval or publication), or, with a non-zero at, only those met then.
func metBy(s *model.State, id string, at time.Time) []string {
	what := "statement " + id
	var out []string
	for _, c := range s.Clocks {
		if !c.MetAt.IsZero() && c.MetWhat == what && (at.IsZero() || c.MetAt.Equal(at)) {
			out = append(out, clean(c.Name))
		}
	}
	return out
}

// sizeEditor sets an editor to the text area of the editor pane, less
// extra rows a form takes.
func (m *Workspace) sizeEditor(e *editor, extra int) {
	e.w = max(m.edit.w-4, 1)
	e.h = max(m.edit.h-3-extra, 1)
}
