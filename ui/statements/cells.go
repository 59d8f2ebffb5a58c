package statements

import (
	"strings"

	"github.com/rivo/uniseg"

	"warroom/ui/cell"
)

// Layout helpers over the console's one width engine, ui/cell.

func clean(s string) string                  { return cell.Clean(s) }
func normalizeEmoji(s string) string         { return cell.NormalizeEmoji(s) }
func width(s string) int                     { return cell.Width(s) }
func spaces(n int) string                    { return cell.Spaces(n) }
func fit(s string, w int) string             { return cell.Fit(s, w) }
func fitLines(l []string, w, h int) []string { return cell.FitLines(l, w, h) }

// wrap breaks plain text into lines of at most w cells, the way the editor
// does: at spaces in Latin text, between characters in CJK text, never with
// closing punctuation at the start of a line.
func wrap(s string, w int) []string {
	if w <= 0 {
		return nil
	}
	var out []string
	for _, para := range strings.Split(s, "\n") {
		var gs []string
		gr := uniseg.NewGraphemes(para)
		for gr.Next() {
			gs = append(gs, gr.Str())
		}
		for _, b := range breaks(gs, w, false) {
			line := strings.Join(gs[b[0]:b[1]], "")
			if b[0] > 0 {
				line = strings.TrimLeft(line, " ")
			}
			out = append(out, strings.TrimRight(line, " "))
		}
	}
	return out
}

// indented wraps s to w cells with the first line after first and the
// others after an indent of the same width.
func indented(first, s string, w int) []string {
	iw := width(first)
	lines := wrap(s, max(w-iw, 1))
	if len(lines) == 0 {
		return []string{first}
	}
	out := make([]string, len(lines))
	for i, l := range lines {
		if i == 0 {
			out[i] = first + l
		} else {
			out[i] = spaces(iw) + l
		}
	}
	return out
}

// leftRight puts right flush against the right edge of a w-cell line, and
// cuts left to make room.
func leftRight(left, right string, w int) string {
	rw := width(right)
	if rw >= w {
		return fit(right, w)
	}
	return fit(left, w-rw) + right
}

// box draws a rounded frame exactly w by h cells around body lines, with a
// title in the top edge.
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
	if title == "" || inner < 6 {
		out = append(out, bs.Render("╭"+strings.Repeat("─", inner)+"╮"))
	} else {
		t := fit(title, min(width(title), inner-4))
		rest := inner - 3 - width(t)
		out = append(out, bs.Render("╭─ ")+ts.Render(t)+bs.Render(" "+strings.Repeat("─", rest)+"╮"))
	}
	side := bs.Render("│")
	for _, l := range fitLines(body, inner, h-2) {
		out = append(out, side+l+side)
	}
	return append(out, bs.Render("╰"+strings.Repeat("─", inner)+"╯"))
}

// join lays blocks of equal height side by side.
func join(blocks ...[]string) []string {
	if len(blocks) == 0 {
		return nil
	}
	out := make([]string, len(blocks[0]))
	for i := range out {
		var b strings.Builder
		for _, bl := range blocks {
			if i < len(bl) {
				b.WriteString(bl[i])
			}
		}
		out[i] = b.String()
	}
	return out
}

// scrollView returns h lines of lines starting at *off, clamping *off so
// the view never runs past the end.
func scrollView(lines []string, off *int, h int) []string {
	*off = min(max(*off, 0), max(len(lines)-h, 0))
	end := min(*off+h, len(lines))
	return lines[*off:end]
}
