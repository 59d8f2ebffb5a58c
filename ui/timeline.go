package ui

import (
	"strings"
	"time"

	"charm.land/lipgloss/v2"
)

// Timeline glyphs: the track not yet played, the track played, an event of
// note, and the play head. All are one cell in every terminal the console
// supports, like the box-drawing of the frames.
const (
	glyphTrack  = "─"
	glyphPlayed = "━"
	glyphMark   = "┃"
	glyphHead   = "●"
)

// timeline is the replay's position line: whether it plays and how fast,
// the first record, a bar to the last record with the events of note
// marked, the last record, and how far into the file the frame is.
func (m *Model) timeline() string {
	r, sh := m.rp, m.sh
	st, c := sh.st, sh.c
	w := m.width
	clk := r.ctl.Clock
	var state string
	switch {
	case r.ended:
		state = st.Muted.Render(c.T("replay.end"))
	case clk.Paused():
		state = st.Accent.Render(c.T("replay.paused"))
	default:
		state = st.OK.Render(c.T("replay.playing"))
	}
	first, last := r.ctl.First, r.ctl.Last
	layout := "15:04"
	if f, l := first.In(sh.loc), last.In(sh.loc); f.YearDay() != l.YearDay() || f.Year() != l.Year() {
		layout = "01-02 15:04"
	}
	left := " " + state + " " + st.Bold.Render(speedLabel(clk.Speed())) + "  " + st.Muted.Render(first.In(sh.loc).Format(layout)) + " "
	right := " " + st.Muted.Render(last.In(sh.loc).Format(layout)) + "  " + st.Bold.Render("+"+hms(sh.now.Sub(first))) + " "
	bw := w - width(left) - width(right)
	if bw < 10 { // narrow: the elapsed time goes first, then the end label
		right = " " + st.Bold.Render("+"+hms(sh.now.Sub(first))) + " "
		bw = w - width(left) - width(right)
	}
	return fit(left+m.timelineBar(bw)+right, w)
}

// timelineBar draws the bar w cells wide. It only changes when the play
// head moves a cell, so it is kept rendered between frames.
func (m *Model) timelineBar(w int) string {
	if w <= 0 {
		return ""
	}
	r, sh := m.rp, m.sh
	st := sh.st
	first := r.ctl.First
	span := r.ctl.Last.Sub(first)
	cell := func(t time.Time) int {
		if span <= 0 {
			return 0
		}
		i := int(float64(t.Sub(first)) / float64(span) * float64(w))
		return min(max(i, 0), w-1)
	}
	head := cell(sh.now)
	c := &r.bar
	if c.s != "" && c.w == w && c.head == head && c.marks == len(r.marks) && c.st == st {
		return c.s
	}
	kinds := make([]int8, w)
	for i := range kinds {
		kinds[i] = -1
	}
	for _, mk := range r.marks {
		i := cell(mk.at)
		kinds[i] = max(kinds[i], int8(mk.kind))
	}
	markStyle := [...]lipgloss.Style{markDone: st.OK, markPlan: st.Accent, markAlert: st.Error, markBreach: st.Error}
	var b strings.Builder
	var run strings.Builder
	var runStyle lipgloss.Style
	runID := -1
	flush := func() {
		if run.Len() > 0 {
			b.WriteString(runStyle.Render(run.String()))
			run.Reset()
		}
	}
	for i := range w {
		id, sty, g := 0, st.Track, glyphTrack
		switch {
		case i == head:
			id, sty, g = 1, st.Marker, glyphHead
		case kinds[i] >= 0:
			id, sty, g = 2+int(kinds[i]), markStyle[kinds[i]], glyphMark
		case i < head:
			id, sty, g = 10, st.Bar, glyphPlayed
		}
		if id != runID {
			flush()
			runID, runStyle = id, sty
		}
		run.WriteString(g)
	}
	flush()
	c.w, c.head, c.marks, c.st, c.s = w, head, len(r.marks), st, b.String()
	return c.s
}
