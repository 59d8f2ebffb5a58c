package ui

import (
	"strings"

	"charm.land/lipgloss/v2"
)

// box draws a rounded frame exactly w by h cells around body lines, with a
// title set into the top edge. It is hand-rolled rather than a lipgloss
// border so the title can sit in the frame and the size is exact by
// construction.
func box(st *Styles, title string, body []string, w, h int, focused bool) []string {
	if w < 4 || h < 2 {
		return fitLines(nil, max(w, 0), max(h, 0))
	}
	bs, ts := st.Border, st.Title
	if focused {
		bs, ts = st.BorderFocused, st.TitleFocused
	}
	inner := w - 2
	out := make([]string, 0, h)
	out = append(out, topEdge(bs, ts, title, inner))
	side := bs.Render("│")
	for _, l := range fitLines(body, inner, h-2) {
		out = append(out, side+l+side)
	}
	out = append(out, bs.Render("╰"+strings.Repeat("─", inner)+"╯"))
	return out
}

// topEdge is "╭─ title ───╮" exactly inner+2 wide.
func topEdge(bs, ts lipgloss.Style, title string, inner int) string {
	if title == "" || inner < 6 {
		return bs.Render("╭" + strings.Repeat("─", inner) + "╮")
	}
	t := fit(title, min(width(title), inner-4))
	rest := inner - 3 - width(t)
	return bs.Render("╭─ ") + ts.Render(t) + bs.Render(" "+strings.Repeat("─", rest)+"╮")
}

// sparkBlocks are the eight heights of a sparkline cell.
var sparkBlocks = []rune("▁▂▃▄▅▆▇█")

// spark draws values as a sparkline w cells wide, scaled to top (or to the
// largest value when top is 0). Values are grouped evenly when there are more
// than cells; missing cells (no data) are blank.
func spark(vals []float64, w int, top float64) string {
	if w <= 0 {
		return ""
	}
	if len(vals) == 0 {
		return spaces(w)
	}
	cells := make([]float64, w)
	for i := range cells {
		from := i * len(vals) / w
		to := (i + 1) * len(vals) / w
		if to <= from {
			to = from + 1
		}
		var v float64
		for _, x := range vals[from:min(to, len(vals))] {
			v = max(v, x)
		}
		cells[i] = v
	}
	if top <= 0 {
		for _, v := range cells {
			top = max(top, v)
		}
	}
	var b strings.Builder
	for _, v := range cells {
		if v <= 0 || top <= 0 {
			b.WriteRune(' ')
			continue
		}
		i := int(v / top * float64(len(sparkBlocks)-1))
		b.WriteRune(sparkBlocks[min(max(i, 0), len(sparkBlocks)-1)])
	}
	return b.String()
}
