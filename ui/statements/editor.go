package statements

import (
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/rivo/uniseg"

	"warroom/model/text"
)

// editor is a multi-line text editor for statements and review comments.
//
// It is written here rather than taken from bubbles/v2 textarea because
// textarea (and textinput) import github.com/atotto/clipboard, which the
// module's fixed go.mod does not carry (ui/input.go made the same choice),
// and because every width must go through the one width engine: the editor
// edits grapheme clusters, soft-wraps by x/ansi cell widths, and so keeps
// CJK, IME phrases and emoji aligned to the cell.
type editor struct {
	lines    [][]string // grapheme clusters of each hard line; never empty
	row, col int        // cursor, in clusters
	goal     int        // cell column up/down aims for; -1 to take the cursor's
	top      int        // first visual row shown
	single   bool       // a one-paragraph field: no newlines
	limit    int        // most clusters in all; 0 for none
	w, h     int        // view size, set by the owner before Update and View

	rev   int // bumped on every change to the text
	value struct {
		rev int
		s   string
	}
	vis struct { // soft-wrapped rows for (rev, w)
		rev, w int
		rows   []vrow
	}
}

// vrow is one visual row: clusters [from, to) of hard line line.
type vrow struct{ line, from, to int }

// maxClusters caps a statement: WeChat's 20,000-character article limit.
const maxClusters = 20000

func newEditor(single bool) *editor {
	e := &editor{lines: [][]string{nil}, goal: -1, single: single, limit: maxClusters, rev: 1}
	if single {
		e.limit = 2000
	}
	return e
}

// Value returns the text, lines joined with "\n".
func (e *editor) Value() string {
	if e.value.rev == e.rev {
		return e.value.s
	}
	var b strings.Builder
	for i, l := range e.lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		for _, g := range l {
			b.WriteString(g)
		}
	}
	e.value.rev, e.value.s = e.rev, b.String()
	return e.value.s
}

// SetValue replaces the text and puts the cursor at its end.
func (e *editor) SetValue(s string) {
	e.lines, e.row, e.col, e.top = [][]string{nil}, 0, 0, 0
	e.rev++
	e.insert(s)
	e.top = 0
}

// count is how many clusters the text holds.
func (e *editor) count() int {
	n := 0
	for _, l := range e.lines {
		n += len(l)
	}
	return n
}

// insert adds text at the cursor, sanitized: typed or pasted text can never
// carry escape sequences to the screen or into the incident file.
func (e *editor) insert(s string) {
	s = text.Sanitize(s)
	if e.single {
		s = strings.ReplaceAll(s, "\n", " ")
	}
	if s == "" {
		return
	}
	room := -1
	if e.limit > 0 {
		room = e.limit - e.count()
		if room <= 0 {
			return
		}
	}
	first, start := e.row, e.col
	line := e.lines[e.row]
	tail := append([]string(nil), line[e.col:]...)
	cur := line[:e.col]
	for i, part := range strings.Split(s, "\n") {
		if i > 0 {
			if room == 0 {
				break
			}
			e.lines[e.row] = cur
			e.row++
			e.lines = append(e.lines, nil)
			copy(e.lines[e.row+1:], e.lines[e.row:])
			cur = nil
			if room > 0 {
				room-- // a line break counts as a cluster
			}
		}
		gr := uniseg.NewGraphemes(part)
		for gr.Next() && room != 0 {
			cur = append(cur, gr.Str())
			if room > 0 {
				room--
			}
		}
	}
	e.col = len(cur)
	e.lines[e.row] = append(cur, tail...)
	// Typed one key at a time, an emoji's ZWJ tail or a combining accent
	// arrives as a cluster of its own: join it to its neighbours again.
	if e.row == first {
		e.resegment(first, start-1, e.col+1)
	} else {
		e.resegment(first, start-1, len(e.lines[first]))
		e.resegment(e.row, 0, e.col+1)
	}
	e.changed()
}

// resegment splits clusters [from, to) of line li into grapheme clusters
// afresh, keeping the cursor at the same byte offset (or just after a
// cluster it fell inside). Only the neighbourhood of an insertion can
// change, so only it is looked at: typing stays cheap in a long paragraph.
func (e *editor) resegment(li, from, to int) {
	l := e.lines[li]
	from, to = max(from, 0), min(to, len(l))
	if to-from < 2 {
		return
	}
	cursor := li == e.row && e.col >= from && e.col <= to
	var b strings.Builder
	at := 0
	for i, g := range l[from:to] {
		if cursor && from+i == e.col {
			at = b.Len()
		}
		b.WriteString(g)
	}
	if cursor && e.col == to {
		at = b.Len()
	}
	var mid []string
	col, off := from, 0
	for rest := b.String(); rest != ""; {
		g, r, _, _ := uniseg.FirstGraphemeClusterInString(rest, -1)
		rest = r
		mid = append(mid, g)
		off += len(g)
		if off <= at || off-len(g) < at {
			col = from + len(mid) // after every cluster that starts before the cursor
		}
	}
	if cursor && at == 0 {
		col = from
	}
	if len(mid) == to-from {
		if cursor {
			e.col = col
		}
		return
	}
	out := make([]string, 0, len(l)-(to-from)+len(mid))
	out = append(append(append(out, l[:from]...), mid...), l[to:]...)
	e.lines[li] = out
	if cursor {
		e.col = col
	} else if li == e.row && e.col > to {
		e.col -= (to - from) - len(mid)
	}
}

func (e *editor) changed() {
	e.rev++
	e.goal = -1
}

// Update edits the text or moves the cursor; it reports whether the text
// changed. Keys it does not use (tab, ctrl+s, esc) are the owner's.
func (e *editor) Update(msg tea.Msg) bool {
	before := e.rev
	switch msg := msg.(type) {
	case tea.PasteMsg:
		e.insert(msg.Content)
	case tea.KeyPressMsg:
		e.key(msg)
	}
	return e.rev != before
}

func (e *editor) key(msg tea.KeyPressMsg) {
	line := e.lines[e.row]
	switch msg.String() {
	case "left", "ctrl+b":
		switch {
		case e.col > 0:
			e.col--
		case e.row > 0:
			e.row--
			e.col = len(e.lines[e.row])
		}
		e.goal = -1
	case "right", "ctrl+f":
		switch {
		case e.col < len(line):
			e.col++
		case e.row < len(e.lines)-1:
			e.row++
			e.col = 0
		}
		e.goal = -1
	case "up":
		e.vertical(-1)
	case "down":
		e.vertical(1)
	case "pgup":
		e.vertical(-max(e.h-1, 1))
	case "pgdown":
		e.vertical(max(e.h-1, 1))
	case "home", "ctrl+a":
		e.col, e.goal = 0, -1
	case "end", "ctrl+e":
		e.col, e.goal = len(line), -1
	case "ctrl+home":
		e.row, e.col, e.goal = 0, 0, -1
	case "ctrl+end":
		e.row = len(e.lines) - 1
		e.col, e.goal = len(e.lines[e.row]), -1
	case "backspace", "ctrl+h":
		switch {
		case e.col > 0:
			e.lines[e.row] = append(line[:e.col-1], line[e.col:]...)
			e.col--
			e.changed()
		case e.row > 0:
			prev := e.lines[e.row-1]
			e.col = len(prev)
			e.lines[e.row-1] = append(prev, line...)
			e.lines = append(e.lines[:e.row], e.lines[e.row+1:]...)
			e.row--
			e.changed()
		}
	case "delete", "ctrl+d":
		switch {
		case e.col < len(line):
			e.lines[e.row] = append(line[:e.col], line[e.col+1:]...)
			e.changed()
		case e.row < len(e.lines)-1:
			e.lines[e.row] = append(line, e.lines[e.row+1]...)
			e.lines = append(e.lines[:e.row+1], e.lines[e.row+2:]...)
			e.changed()
		}
	case "ctrl+k":
		if e.col < len(line) {
			e.lines[e.row] = line[:e.col]
			e.changed()
		} else if e.row < len(e.lines)-1 {
			e.lines[e.row] = append(line, e.lines[e.row+1]...)
			e.lines = append(e.lines[:e.row+1], e.lines[e.row+2:]...)
			e.changed()
		}
	case "ctrl+u":
		if e.col > 0 {
			e.lines[e.row] = append([]string(nil), line[e.col:]...)
			e.col = 0
			e.changed()
		}
	case "ctrl+w", "alt+backspace":
		i := e.col
		for i > 0 && isSpace(line[i-1]) {
			i--
		}
		for i > 0 && !isSpace(line[i-1]) {
			i--
		}
		if i < e.col {
			e.lines[e.row] = append(line[:i], line[e.col:]...)
			e.col = i
			e.changed()
		}
	case "enter", "shift+enter", "ctrl+j":
		if !e.single {
			e.insert("\n")
		}
	case "space":
		e.insert(" ")
	default:
		// Shift and the lock keys still type; ctrl and alt chords do not.
		// An IME may send a whole phrase in one key press.
		if msg.Text != "" && msg.Mod&^(tea.ModShift|tea.ModCapsLock|tea.ModNumLock) == 0 {
			e.insert(msg.Text)
		}
	}
}

func isSpace(g string) bool { return g == " " || g == "\u3000" }

// noLineEnd reports whether g is punctuation that Chinese typesetting
// keeps off the end of a line.
func noLineEnd(g string) bool {
	return len(g) > 1 && strings.Contains("（【「『《〈“‘", g)
}

// noLineStart reports whether g is punctuation that Chinese typesetting
// keeps off the start of a line.
func noLineStart(g string) bool {
	return len(g) > 1 && strings.Contains("，。、；：？！）】」』》〉”’…—", g)
}

// rows returns the soft-wrapped visual rows for the current width. The
// last cell of every row is kept free for the cursor.
func (e *editor) rows() []vrow {
	w := max(e.w-1, 1)
	if e.vis.rev == e.rev && e.vis.w == w && e.vis.rows != nil {
		return e.vis.rows
	}
	var out []vrow
	for li, l := range e.lines {
		for _, b := range breaks(l, w, true) {
			out = append(out, vrow{li, b[0], b[1]})
		}
	}
	e.vis.rev, e.vis.w, e.vis.rows = e.rev, w, out
	return out
}

// breaks soft-wraps one line of clusters into rows of at most w cells,
// returning each row's [from, to). It breaks after the last space inside a
// Latin word, anywhere in CJK text, and never puts closing punctuation at
// the start of a row. With edge set, a space that reaches the edge stays at
// the end of its row (the editor keeps a cell free for it); without, it
// starts the next row, and wrap drops it there.
func breaks(l []string, w int, edge bool) [][2]int {
	if len(l) == 0 {
		return [][2]int{{0, 0}}
	}
	w = max(w, 1)
	var out [][2]int
	for from := 0; from < len(l); {
		x, space, i := 0, -1, from
		for i < len(l) {
			cw := cellWidth(l[i])
			if x+cw > w {
				break
			}
			if isSpace(l[i]) {
				space = i
			}
			x += cw
			i++
		}
		if i == len(l) {
			out = append(out, [2]int{from, i})
			break
		}
		cut := i
		switch {
		case l[i] == " ":
			if edge {
				cut = i + 1
			}
		case space >= from && i > from && len(l[i]) == 1 && len(l[i-1]) == 1 && !isSpace(l[i-1]):
			// In the middle of a Latin word: break after the last space.
			cut = space + 1
		case noLineStart(l[i]) && i-1 > from:
			// Closing punctuation never starts a row: take the character
			// before it along.
			cut = i - 1
		}
		// Opening punctuation never ends a row: it moves down with what
		// it opens.
		if cut < len(l) && cut-1 > from && noLineEnd(l[cut-1]) {
			cut--
		}
		if cut <= from {
			cut = from + 1 // a cluster wider than the row still moves on
		}
		out = append(out, [2]int{from, cut})
		from = cut
	}
	return out
}

// cellWidth is a cluster's width as displayed (emoji normalised).
func cellWidth(g string) int {
	if len(g) == 1 {
		return 1
	}
	return width(normalizeEmoji(g))
}

// cursorRow returns the index of the visual row holding the cursor.
func (e *editor) cursorRow(rows []vrow) int {
	last := 0
	for i, r := range rows {
		if r.line != e.row {
			if r.line > e.row {
				break
			}
			continue
		}
		last = i
		if e.col >= r.from && e.col < r.to {
			return i
		}
	}
	return last // the end of the line
}

// vertical moves the cursor n visual rows, keeping its cell column.
func (e *editor) vertical(n int) {
	rows := e.rows()
	cur := e.cursorRow(rows)
	r := rows[cur]
	if e.goal < 0 {
		e.goal = e.cells(r.line, r.from, e.col)
	}
	to := min(max(cur+n, 0), len(rows)-1)
	if to == cur {
		if n < 0 {
			e.col = r.from
		} else {
			e.col = r.to
		}
		if n < 0 && cur == 0 {
			e.col = 0
		}
		return
	}
	t := rows[to]
	l := e.lines[t.line]
	col, x := t.from, 0
	for col < t.to {
		cw := cellWidth(l[col])
		if x+cw > e.goal {
			break
		}
		x += cw
		col++
	}
	// col == to belongs to the next row unless this row ends its line.
	if col == t.to && col > t.from && to+1 < len(rows) && rows[to+1].line == t.line {
		col--
	}
	e.row, e.col = t.line, col
}

// cells is the width of clusters [from, to) of line li.
func (e *editor) cells(li, from, to int) int {
	x := 0
	for _, g := range e.lines[li][from:to] {
		x += cellWidth(g)
	}
	return x
}

// mark is a byte range of the text to draw in a style.
type mark struct {
	from, to int
	style    lipgloss.Style
}

// View draws the text exactly e.w by e.h cells, scrolled so the cursor is
// visible, with marks styled. focused shows the cursor.
func (e *editor) View(st *Styles, marks []mark, focused bool) []string {
	w, h := e.w, e.h
	if w <= 0 || h <= 0 {
		return fitLines(nil, max(w, 0), max(h, 0))
	}
	rows := e.rows()
	cur := e.cursorRow(rows)
	if focused {
		if cur < e.top {
			e.top = cur
		}
		if cur >= e.top+h {
			e.top = cur - h + 1
		}
	}
	e.top = min(max(e.top, 0), max(len(rows)-h, 0))
	// Byte offset of each line's start in Value().
	starts := make([]int, len(e.lines))
	off := 0
	for i, l := range e.lines {
		starts[i] = off
		for _, g := range l {
			off += len(g)
		}
		off++ // the newline
	}
	out := make([]string, 0, h)
	for i := e.top; i < len(rows) && len(out) < h; i++ {
		r := rows[i]
		l := e.lines[r.line]
		b := starts[r.line]
		for _, g := range l[:r.from] {
			b += len(g)
		}
		var sb strings.Builder
		run, runMark := "", -1
		flush := func() {
			if run == "" {
				return
			}
			if runMark >= 0 {
				sb.WriteString(marks[runMark].style.Render(run))
			} else {
				sb.WriteString(run)
			}
			run = ""
		}
		for c := r.from; c < r.to; c++ {
			g := l[c]
			shown := g
			if len(g) > 1 {
				shown = normalizeEmoji(g)
			}
			if focused && r.line == e.row && c == e.col {
				flush()
				sb.WriteString(st.cursor(shown))
				b += len(g)
				continue
			}
			if k := markAt(marks, b); k != runMark {
				flush()
				runMark = k
			}
			run += shown
			b += len(g)
		}
		flush()
		if focused && r.line == e.row && e.col == r.to && i == cur {
			sb.WriteString(st.cursor(" "))
		}
		out = append(out, fit(sb.String(), w))
	}
	return fitLines(out, w, h)
}

// markAt returns the index of the first mark covering byte b, or -1.
func markAt(marks []mark, b int) int {
	for i, m := range marks {
		if b >= m.from && b < m.to {
			return i
		}
	}
	return -1
}
