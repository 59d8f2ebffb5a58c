package statements

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"charm.land/lipgloss/v2"

	"warroom/model"
	"warroom/model/draft"
)

// Smallest workspace that can be drawn; below it View says so.
const (
	minWidth  = 40
	minHeight = 8
)

// View draws the workspace exactly as large as SetSize said.
func (m Workspace) View() string {
	if m.w <= 0 || m.h <= 0 {
		return ""
	}
	if m.w < minWidth || m.h < minHeight {
		return tooSmall(m.c, m.w, m.h)
	}
	list, edit, checks := m.listPane(), m.editPane(), m.checksPane()
	var rows []string
	if m.narrow {
		rows = join(list, append(edit, checks...))
	} else {
		rows = join(list, edit, checks)
	}
	// The panes are exact by construction; only the count is made sure of.
	rows = append(rows[:min(len(rows), m.h-1)], m.statusLine())
	for len(rows) < m.h {
		rows = append(rows, spaces(m.w))
	}
	return strings.Join(rows, "\n")
}

// tooSmall fills w×h with a centred note.
func tooSmall(c catalog, w, h int) string {
	out := fitLines(nil, w, h)
	s := c.T("too.small")
	out[h/2] = fit(spaces(max((w-width(s))/2, 0))+s, w)
	return strings.Join(out, "\n")
}

// hm is a time of day, with the date when it is not today.
func (m *Workspace) hm(t time.Time) string {
	return clockText(t, m.now, m.opts.Location)
}

func clockText(t, now time.Time, loc *time.Location) string {
	if t.IsZero() {
		return "--:--"
	}
	t, now = t.In(loc), now.In(loc)
	if t.YearDay() != now.YearDay() || t.Year() != now.Year() {
		return t.Format("01-02 15:04")
	}
	return t.Format("15:04")
}

func (m *Workspace) listPane() []string {
	r, c, st := m.list, m.c, m.st
	inner := r.w - 2
	bodyH := max(r.h-2, 0)
	var lines []string
	selFrom, selTo := 0, 0
	if len(m.state.Statements) == 0 {
		lines = append(lines, " "+c.T("ws.empty"))
		for _, l := range wrap(c.T("ws.empty.hint"), inner-2) {
			lines = append(lines, " "+st.Dim.Render(l))
		}
	}
	for i, s := range m.state.Statements {
		if i > 0 {
			lines = append(lines, "")
		}
		start := len(lines)
		sel := s.ID == m.sel
		marker := "  "
		if sel {
			marker = st.Marker.Render("> ")
		}
		ver := fmt.Sprintf("v%d", s.Version)
		if b := m.bufs[s.ID]; b != nil && b.dirty() {
			ver = st.Warn.Render("*") + ver
		}
		head := marker + st.Bold.Render(clean(s.ID)) + " " + c.kind(s.Kind) + " · " + c.platform(s.Platform)
		lines = append(lines, leftRight(head, " "+ver, inner))
		lines = append(lines, "  "+st.status(s.Status).Render(c.status(s.Status))+" · "+c.F("ws.author", clean(s.Author)))
		if s.Reviewer != "" {
			rv := c.F("ws.reviewedby", clean(s.Reviewer))
			if s.Comment != "" {
				rv = c.F("ws.reviewer", clean(s.Reviewer), clean(s.Comment))
			}
			lines = append(lines, "  "+st.Muted.Render(rv))
		}
		if met := metBy(m.state, s.ID, time.Time{}); len(met) > 0 {
			lines = append(lines, "  "+st.OK.Render(c.F("ws.met", strings.Join(met, c.T("sep.list")))))
		}
		if sel {
			selFrom, selTo = start, len(lines)
		}
	}
	if selFrom < m.off.list {
		m.off.list = selFrom
	}
	if selTo > m.off.list+bodyH {
		m.off.list = selTo - bodyH
	}
	body := scrollView(lines, &m.off.list, bodyH)
	return box(st, c.F("ws.list", len(m.state.Statements)), body, r.w, r.h, m.mode == modeList)
}

// editPane is the selected statement's text (or a form over it) and the
// line saying where it stands.
func (m *Workspace) editPane() []string {
	r, c, st := m.edit, m.c, m.st
	inner := r.w - 2
	s := m.selected()
	var form []string
	var ed *editor
	switch m.mode {
	case modeNew:
		form, ed = m.newFormLines(inner-1), m.preview
	case modeReview:
		if s != nil {
			form, ed = m.reviewLines(s, inner-1), m.preview
		}
	case modePublish:
		if s != nil {
			form, ed = m.publishLines(s, inner-1), m.preview
		}
	default:
		if s != nil {
			ed = m.buffer(s).ed
		}
	}
	if ed == nil {
		return box(st, c.T("ws.text"), []string{" " + st.Dim.Render(c.T("ws.select"))}, r.w, r.h, false)
	}
	title := c.T("form.new")
	if m.mode != modeNew {
		title = clean(s.ID) + " · " + c.kind(s.Kind) + " · " + c.platform(s.Platform) + " · " + fmt.Sprintf("v%d", s.Version)
		if b := m.bufs[s.ID]; b != nil && b.dirty() {
			title += " · " + c.T("ws.unsaved")
		}
	}
	var stage []string
	if m.mode != modeNew {
		stage = m.stageLines(s, inner-2)
	}
	m.sizeEditor(ed, len(form)+max(len(stage)-1, 0))
	body := make([]string, 0, r.h)
	for _, l := range form {
		body = append(body, " "+l)
	}
	focused := m.mode == modeEdit
	if ed.Value() == "" && !focused {
		body = append(body, " "+st.Dim.Render(c.T("ws.notext")))
		body = append(body, fitLines(nil, 0, ed.h-1)...)
	} else {
		for _, l := range ed.View(st, m.marks(), focused) {
			body = append(body, " "+l)
		}
	}
	for _, l := range stage {
		body = append(body, " "+l)
	}
	return box(st, title, body, r.w, r.h, m.mode != modeList)
}

// stageLines says where the statement is and what comes next, in at most
// two lines of w cells.
func (m *Workspace) stageLines(s *model.Statement, w int) []string {
	txt, style := m.stage(s)
	lines := wrap(txt, w)
	if len(lines) > 2 {
		lines = []string{lines[0], fit(strings.Join(lines[1:], ""), w)}
	}
	for i, l := range lines {
		lines[i] = style.Render(l)
	}
	return lines
}

// stage is the text and style of the stage line.
func (m *Workspace) stage(s *model.Statement) (string, lipgloss.Style) {
	c, st := m.c, m.st
	if b := m.bufs[s.ID]; b != nil && b.dirty() && b.ver != s.Version {
		return c.F("stage.conflict", s.Version), st.Warn
	}
	if m.mode == modeEdit {
		if s.Status == model.StatementApproved {
			return c.T("stage.reopen"), st.Warn
		}
		return c.T("stage.editing"), st.Accent
	}
	switch s.Status {
	case model.StatementInReview:
		if m.opts.Operator.Has(model.RoleLegal) && s.WrittenBy(m.opts.Operator.Name) {
			return c.F("stage.own", m.hm(s.SubmittedAt)), st.Review
		}
		if m.opts.Operator.Has(model.RoleLegal) {
			return c.F("stage.review", m.hm(s.SubmittedAt)), st.Review
		}
		return c.F("stage.waiting", m.hm(s.SubmittedAt)), st.Review
	case model.StatementApproved:
		return c.F("stage.approved", s.ApprovedVer, clean(s.Reviewer)), st.Approved
	case model.StatementRejected:
		return c.F("stage.rejected", clean(s.Reviewer)), st.Rejected
	case model.StatementPublished:
		return c.F("stage.publish", c.platform(s.PublishedOn), m.hm(s.PublishedAt), clean(s.Publisher)), st.Published
	}
	if s.ApprovedVer > 0 && s.ApprovedVer != s.Version {
		return c.F("stage.again", s.ApprovedVer, s.Version), st.Warn
	}
	return c.F("stage.draft", s.Version), st.Muted
}

// field is one line of a form: marker, label, value.
func (m *Workspace) field(focused bool, label string, lw int, value string) string {
	marker := "  "
	v := "< " + value + " >"
	if focused {
		marker = m.st.Marker.Render("> ")
		v = m.st.Accent.Render(v)
	}
	return marker + fit(label, lw) + "  " + v
}

func (m *Workspace) newFormLines(w int) []string {
	c, f := m.c, m.form
	labels := []string{c.T("form.kind"), c.T("form.platform"), c.T("form.from")}
	lw := 0
	for _, l := range labels {
		lw = max(lw, width(l))
	}
	return []string{
		m.field(f.field == 0, labels[0], lw, c.kind(draftKinds[f.kind])),
		m.field(f.field == 1, labels[1], lw, c.platform(model.Platforms[f.platform])),
		fit(m.field(f.field == 2, labels[2], lw, f.sources[f.source].label), w),
		"",
	}
}

func (m *Workspace) reviewLines(s *model.Statement, w int) []string {
	c, st := m.c, m.st
	key := "form.reject"
	if m.approve {
		key = "form.approve"
	}
	out := []string{st.Bold.Render(c.F(key, clean(s.ID), s.Version, m.actor()))}
	label := c.T("form.comment") + "  "
	lw := width(label)
	m.comment.w, m.comment.h = max(w-lw-1, 4), 2
	for i, l := range m.comment.View(st, nil, true) {
		if i == 0 {
			out = append(out, st.Accent.Render(label)+l)
		} else {
			out = append(out, spaces(lw)+l)
		}
	}
	return append(out, "")
}

func (m *Workspace) publishLines(s *model.Statement, w int) []string {
	c, st := m.c, m.st
	out := []string{
		st.Bold.Render(c.F("form.publish", clean(s.ID), s.Version)),
		m.field(true, c.T("form.platform"), width(c.T("form.platform")), c.platform(model.Platforms[m.pubPlat])),
	}
	if b := m.bufs[s.ID]; b != nil && b.dirty() {
		out = append(out, st.Warn.Render(fit(c.F("warn.unsaved", s.ApprovedVer), w)))
	}
	return append(out, "")
}

// checksPane is the review comment and the draft checks of the text in the
// editor (or in the open form).
func (m *Workspace) checksPane() []string {
	r, c, st := m.checkBox, m.c, m.st
	tw := max(r.w-4, 1)
	var lines []string
	add := func(ls ...string) {
		for _, l := range ls {
			lines = append(lines, " "+l)
		}
	}
	styled := func(ls []string, s func(...string) string) []string {
		for i := range ls {
			ls[i] = s(ls[i])
		}
		return ls
	}
	if s := m.selected(); s != nil && s.Reviewer != "" && m.mode != modeNew {
		add(st.Bold.Render(c.T("check.review")))
		add(clean(s.Reviewer) + " " + st.Muted.Render(m.hm(s.ReviewedAt)))
		if s.Comment != "" {
			add(wrap(clean(s.Comment), tw)...)
		}
		add("")
	}
	ck := m.check
	if ck.valid {
		rep := ck.rep
		add(st.Bold.Render(c.F("check.score", rep.Score)))
		sincere := st.Warn.Render(c.T("check.notsincere"))
		if rep.Sincere {
			sincere = st.OK.Render(c.T("check.sincere"))
		}
		defensive := st.OK.Render(c.T("check.notdefensive"))
		if rep.Defensive {
			defensive = st.Error.Render(c.T("check.defensive"))
		}
		add(sincere + " · " + defensive)
		n := utf8.RuneCountInString(ck.text)
		if limit, ok := draft.Limit(ck.platform); ok {
			s := c.F("check.length", n, limit, c.platform(ck.platform))
			if n > limit {
				s = st.Error.Render(s)
			}
			add(s)
		} else {
			add(st.Muted.Render(c.F("check.chars", n)))
		}
		if len(ck.fill) > 0 {
			add(styled(wrap(c.F("check.fill", braces(ck.fill)), tw), st.Warn.Render)...)
		}
		add("")
		for _, f := range rep.Findings {
			label := st.finding(f.Kind).Render(c.T("finding."+string(f.Kind))) + " "
			what := "“" + clean(f.Text) + "”"
			if f.Kind == draft.Missing {
				what = c.T("part." + strings.TrimPrefix(f.Rule, "missing."))
			} else if f.Kind == draft.Length {
				what = ""
			}
			add(indented(label, what, tw)...)
			add(styled(indented("  ", clean(f.Why), tw), st.Muted.Render)...)
		}
		if len(rep.Findings) == 0 {
			add(st.OK.Render(c.T("check.ok")))
		}
		add("")
		add(styled(wrap(c.T("check.note"), tw), st.Dim.Render)...)
	}
	bodyH := max(r.h-2, 0)
	title := c.T("ws.checks")
	if len(lines) > bodyH {
		m.off.check = min(m.off.check, len(lines)-bodyH)
		title += " " + c.F("proto.pos", m.off.check+bodyH, len(lines))
	}
	return box(st, title, scrollView(lines, &m.off.check, bodyH), r.w, r.h, false)
}

// statusLine is the last message, or the keys that work now.
func (m *Workspace) statusLine() string {
	st := m.st
	switch {
	case m.status != "" && m.statusErr:
		return fit(" "+st.Error.Render(m.status), m.w)
	case m.status != "":
		s := m.status
		if m.announce != "" {
			if st := m.state.Statement(m.announce); st != nil && !st.PublishedAt.IsZero() {
				if met := metBy(m.state, st.ID, st.PublishedAt); len(met) > 0 {
					s += m.c.F("done.met", strings.Join(met, m.c.T("sep.list")))
				}
			}
		}
		return fit(" "+st.OK.Render(s), m.w)
	}
	var b strings.Builder
	for _, k := range m.keys.ShortHelp() {
		if !k.Enabled() {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("  ")
		}
		b.WriteString(st.Accent.Render(k.Help().Key) + " " + st.Muted.Render(k.Help().Desc))
	}
	return fit(" "+b.String(), m.w)
}
