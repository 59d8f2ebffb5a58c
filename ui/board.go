package ui

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"warroom/model"
	"warroom/ui/i18n"
)

// boardPanel is the task board: todo, doing, blocked, done.
type boardPanel struct {
	sh    *session
	w, h  int
	selID string // the selection follows the task, so it stays put when the task moves
}

func newBoard(sh *session) *boardPanel { return &boardPanel{sh: sh} }

// SetSize gives the panel its outer size.
func (p *boardPanel) SetSize(w, h int) { p.w, p.h = w, h }

// KeyMap is the panel's help.
func (p *boardPanel) KeyMap() bindings {
	k := p.sh.keys.Board
	return bindings{
		short: []key.Binding{k.Down, k.Open, k.Left, k.Right, k.New, k.Edit, k.Delete},
		full:  [][]key.Binding{{k.Up, k.Down, k.Left, k.Right}, {k.Open, k.New, k.Edit, k.Delete}},
	}
}

// columns returns live tasks grouped by status, in board order.
func (p *boardPanel) columns() [][]*model.Task {
	cols := make([][]*model.Task, len(model.TaskStatuses))
	for _, t := range p.sh.state.Tasks {
		if t.Deleted {
			continue
		}
		if i := slices.Index(model.TaskStatuses, t.Status); i >= 0 {
			cols[i] = append(cols[i], t)
		}
	}
	return cols
}

// flat is every live task in board order, the order j and k walk.
func (p *boardPanel) flat() []*model.Task {
	var out []*model.Task
	for _, col := range p.columns() {
		out = append(out, col...)
	}
	return out
}

// selected returns the selected task, falling back to the first.
func (p *boardPanel) selected() *model.Task {
	all := p.flat()
	for _, t := range all {
		if t.ID == p.selID {
			return t
		}
	}
	if len(all) > 0 {
		// Not found: a task just created whose write has not landed, or
		// one deleted. Show the first without forgetting the wish.
		return all[0]
	}
	return nil
}

func (p *boardPanel) step(n int) {
	all := p.flat()
	if len(all) == 0 {
		return
	}
	i := slices.IndexFunc(all, func(t *model.Task) bool { return t.ID == p.selID })
	if i < 0 {
		i = 0
	}
	i = min(max(i+n, 0), len(all)-1)
	p.selID = all[i].ID
}

func (p *boardPanel) scroll(n int) tea.Cmd { p.step(n); return nil }

// Update handles the panel's keys.
func (p *boardPanel) Update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	sh, k := p.sh, p.sh.keys.Board
	switch {
	case key.Matches(km, k.Down):
		p.step(1)
	case key.Matches(km, k.Up):
		p.step(-1)
	case key.Matches(km, k.Left), key.Matches(km, k.Right):
		t := p.selected()
		if t == nil {
			return nil
		}
		i := slices.Index(model.TaskStatuses, t.Status)
		if key.Matches(km, k.Left) {
			i--
		} else {
			i++
		}
		if i < 0 || i >= len(model.TaskStatuses) {
			return nil
		}
		to := model.TaskStatuses[i]
		if !model.CanMove(t.Status, to) {
			sh.fail(sh.c.F("board.cannot", statusName(sh, t.Status), statusName(sh, to)))
			return nil
		}
		return sh.write(sh.event(model.KindTaskMove, model.TaskMovePayload{ID: t.ID, To: to}))
	case key.Matches(km, k.Open):
		if t := p.selected(); t != nil {
			return msgCmd(openTaskMsg{id: t.ID})
		}
	case key.Matches(km, k.New):
		return msgCmd(openFormMsg{f: taskForm(sh, nil, func(id string) { p.selID = id })})
	case key.Matches(km, k.Edit):
		if t := p.selected(); t != nil {
			return msgCmd(openFormMsg{f: taskForm(sh, t, nil)})
		}
	case key.Matches(km, k.Delete):
		if t := p.selected(); t != nil {
			id := t.ID
			return msgCmd(openFormMsg{f: newConfirm(sh, sh.c.T("delete.title"), sh.c.F("delete.question", clean(t.Title)), func() tea.Cmd {
				return sh.write(sh.event(model.KindTaskDel, model.TaskMovePayload{ID: id}))
			})})
		}
	}
	return nil
}

func statusName(sh *session, s model.TaskStatus) string { return sh.c.T("task." + string(s)) }

// View renders the board: columns side by side when there is room, one
// stacked list otherwise.
func (p *boardPanel) View(focused bool) []string {
	inner, rows := p.w-2, p.h-2
	sel := p.selected()
	var body []string
	if sel == nil {
		body = []string{p.sh.st.Dim.Render(p.sh.c.T("board.empty"))}
		if !p.sh.readOnly() {
			for _, l := range wrap(p.sh.c.T("board.newhint"), inner) {
				body = append(body, p.sh.st.Dim.Render(l))
			}
		}
	} else if inner >= 64 {
		body = p.sideBySide(inner, rows, sel, focused)
	} else {
		body = p.stacked(inner, rows, sel, focused)
	}
	return box(p.sh.st, p.sh.c.T("panel.board"), body, p.w, p.h, focused)
}

func (p *boardPanel) sideBySide(w, h int, sel *model.Task, focused bool) []string {
	st := p.sh.st
	cols := p.columns()
	n := len(cols)
	gap := 1
	cw := (w - gap*(n-1)) / n
	blocks := make([][]string, n)
	for i, col := range cols {
		lines := []string{st.Bold.Render(fit(statusName(p.sh, model.TaskStatuses[i])+" ("+strconv.Itoa(len(col))+")", cw))}
		per := max((h-1)/2, 1)
		off := 0
		if j := slices.Index(col, sel); j >= per {
			off = j - per + 1
		}
		for _, t := range col[off:min(off+per, len(col))] {
			lines = append(lines, p.taskLines(t, cw, focused && t == sel, false)...)
		}
		blocks[i] = fitLines(lines, cw, h)
	}
	// Columns fill w exactly: the last one takes the rounding.
	last := w - (cw+gap)*(n-1)
	out := make([]string, h)
	for r := range h {
		var b strings.Builder
		for i := range blocks {
			if i > 0 {
				b.WriteString(spaces(gap))
			}
			if i == n-1 {
				b.WriteString(fit(blocks[i][r], last))
			} else {
				b.WriteString(blocks[i][r])
			}
		}
		out[r] = b.String()
	}
	return out
}

func (p *boardPanel) stacked(w, h int, sel *model.Task, focused bool) []string {
	st := p.sh.st
	var lines []string
	selLine := 0
	for i, col := range p.columns() {
		lines = append(lines, st.Bold.Render(statusName(p.sh, model.TaskStatuses[i])+" ("+strconv.Itoa(len(col))+")"))
		for _, t := range col {
			if t == sel {
				selLine = len(lines)
			}
			lines = append(lines, p.taskLines(t, w, focused && t == sel, true)...)
		}
	}
	off := 0
	if selLine >= h {
		off = selLine - h + 1
	}
	return lines[off:]
}

// taskLines renders a task: two lines in a column (title; owner and due),
// one line when compact.
func (p *boardPanel) taskLines(t *model.Task, w int, selected, compact bool) []string {
	sh := p.sh
	st, c := sh.st, sh.c
	marker := " "
	if selected {
		marker = st.Marker.Render(">")
	}
	due, short, dueStyle := "", "", st.Dim
	if !t.Due.IsZero() {
		due = sh.hm(t.Due)
		short = due
		switch {
		case t.Status == model.TaskDone:
			dueStyle = st.clockStyle(model.ClockMet)
		case t.Overdue(sh.now):
			dueStyle = st.clockStyle(model.ClockBreached)
			due, short = c.F("board.overdue", due), c.F("board.late", due)
		case t.Due.Sub(sh.now) <= 15*time.Minute:
			dueStyle = st.clockStyle(model.ClockDueSoon)
		default:
			dueStyle = st.clockStyle(model.ClockRunning)
		}
	}
	title := clean(t.Title)
	if compact {
		owner := ownerText(c, t, max(w/3, 6))
		dw, ow := width(due), width(owner)
		tw := max(w-2-ow-1-dw-1, 1)
		return []string{fit(marker+" "+fit(title, tw)+" "+st.Muted.Render(owner)+" "+dueStyle.Render(due), w)}
	}
	l1 := marker + fit(title, w-1)
	// Who owns the task comes before how late it is: the shorter overdue
	// word makes room for a name (or, unassigned, the role) that would
	// otherwise be cut.
	who := clean(t.Assignee)
	if who == "" {
		who = roleName(c, t.Role)
	}
	if width(who) > w-2-width(due) {
		due = short
	}
	ow := max(w-2-width(due), 0)
	l2 := " " + st.Muted.Render(fit(ownerText(c, t, ow), ow)) + " " + dueStyle.Render(due)
	return []string{fit(l1, w), fit(l2, w)}
}

// ownerText says who owns a task in at most w cells: role and assignee
// where both fit, else the assignee alone, since at a glance the lead needs
// the name more than the role; only then is the name cut.
func ownerText(c *i18n.Catalog, t *model.Task, w int) string {
	owner := roleName(c, t.Role)
	if a := clean(t.Assignee); a != "" {
		if full := owner + "·" + a; width(full) <= w {
			return full
		}
		owner = a
	}
	if width(owner) > w {
		return fit(owner, w)
	}
	return owner
}

// parseDue reads a due time: "" for none, "+30m" or "+1h30m" from now, or a
// time of day "15:00" (the next one: today if still ahead, else tomorrow).
func parseDue(s string, now time.Time, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	if strings.HasPrefix(s, "+") {
		d, err := time.ParseDuration(s[1:])
		if err != nil || d <= 0 {
			return time.Time{}, errBadDue
		}
		return now.Add(d).Truncate(time.Second), nil
	}
	tod, err := time.ParseInLocation("15:04", s, loc)
	if err != nil {
		return time.Time{}, errBadDue
	}
	n := now.In(loc)
	t := time.Date(n.Year(), n.Month(), n.Day(), tod.Hour(), tod.Minute(), 0, 0, loc)
	if t.Before(n) {
		t = t.AddDate(0, 0, 1)
	}
	return t, nil
}

var errBadDue = errors.New("bad due time")

// taskForm creates a task (t nil) or edits one.
func taskForm(sh *session, t *model.Task, created func(id string)) *form {
	c := sh.c
	roles := []string{"-"}
	for _, r := range model.Roles {
		roles = append(roles, roleName(c, r))
	}
	title, assignee, due, roleIdx := "", "", "", 0
	titleKey := "task.new"
	var id string
	if t != nil {
		id, titleKey = t.ID, "task.edit"
		title, assignee = t.Title, t.Assignee
		if !t.Due.IsZero() {
			due = sh.hm(t.Due)
		}
		roleIdx = slices.Index(model.Roles, t.Role) + 1
	}
	f := newForm(sh, c.T(titleKey), func(f *form) (tea.Cmd, error) {
		d, err := parseDue(f.field(3).value(), sh.now, sh.loc)
		if err != nil {
			return nil, errors.New(c.T("err.due"))
		}
		if f.field(0).value() == "" {
			return nil, errors.New(c.T("err.title"))
		}
		var role model.Role
		if i := f.field(1).idx; i > 0 {
			role = model.Roles[i-1]
		}
		p := model.TaskPayload{Title: f.field(0).value(), Role: role, Assignee: f.field(2).value(), Due: d}
		kind := model.KindTaskEdit
		if t == nil {
			kind = model.KindTaskAdd
			p.ID = sh.projected().NextTaskID()
		} else {
			p.ID, p.Links, p.Note = id, t.Links, t.Note
		}
		ev := sh.event(kind, p)
		if err := sh.check(ev); err != nil {
			return nil, err
		}
		if created != nil {
			created(p.ID)
		}
		return sh.write(ev), nil
	})
	if t != nil && len(t.Links) > 0 { // kept as they are; shown so the editor knows
		var ls []string
		for _, l := range t.Links {
			ls = append(ls, linkText(sh, l))
		}
		f.message = c.T("taskview.links") + " " + strings.Join(ls, "; ")
	}
	f.text(c.T("form.title"), title, c.T("form.title.hint"))
	f.choice(c.T("form.role"), roles, roleIdx)
	f.text(c.T("form.assignee"), assignee, c.T("form.assignee.hint"))
	f.text(c.T("form.due"), due, c.T("form.due.hint"))
	return f
}
