package ui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"warroom/ui/cell"
)

// The width engine itself is ui/cell, shared with the statement overlays;
// these short names keep the panels' drawing code readable.

func clean(s string) string                  { return cell.Clean(s) }
func cleanBlock(s string) string             { return cell.CleanBlock(s) }
func normalizeEmoji(s string) string         { return cell.NormalizeEmoji(s) }
func width(s string) int                     { return cell.Width(s) }
func fit(s string, w int) string             { return cell.Fit(s, w) }
func fitLeft(s string, w int) string         { return cell.FitRight(s, w) }
func spaces(n int) string                    { return cell.Spaces(n) }
func fitLines(l []string, w, h int) []string { return cell.FitLines(l, w, h) }

// wrap breaks plain text into lines of at most w cells: at spaces where it
// can, anywhere (between graphemes) where it must, as CJK text needs.
func wrap(s string, w int) []string {
	if w <= 0 {
		return nil
	}
	var out []string
	for _, para := range strings.Split(s, "\n") {
		if para == "" {
			out = append(out, "")
			continue
		}
		out = append(out, strings.Split(ansi.Wrap(para, w, ""), "\n")...)
	}
	return out
}

// splice lays an overlay block over base lines at column x, row y, keeping
// every line exactly w cells wide. Cutting through a wide character leaves a
// blank rather than half a glyph.
func splice(base []string, over []string, x, y, w int) {
	for i, o := range over {
		row := y + i
		if row < 0 || row >= len(base) {
			continue
		}
		ow := ansi.StringWidth(o)
		left := closeStyle(fit(ansi.Cut(base[row], 0, x), x))
		right := ""
		if want := w - x - ow; want > 0 {
			right = closeStyle(tail(base[row], x+ow, want))
		}
		base[row] = left + o + right
	}
}

// closeStyle ends any styling a cut left open, so it cannot bleed into what
// follows. Unstyled text (NO_COLOR) gets nothing added.
func closeStyle(s string) string {
	if strings.IndexByte(s, 0x1b) < 0 {
		return s
	}
	return s + ansi.ResetStyle
}

// tail returns the cells of s from column from on, exactly want cells wide.
// A wide character cut in half at from becomes a blank.
func tail(s string, from, want int) string {
	r := ansi.TruncateLeft(s, from, "")
	// A wide character straddling the cut may be kept whole; cutting one
	// or two cells more drops it, and the padding below restores the width.
	for extra := 1; width(r) > want && extra <= 2; extra++ {
		r = ansi.TruncateLeft(s, from+extra, "")
	}
	if width(r) > want {
		return spaces(want)
	}
	if d := want - width(r); d > 0 {
		r = spaces(d) + r
	}
	return r
}
