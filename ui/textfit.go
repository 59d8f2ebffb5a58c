package ui

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"warroom/model/text"
)

// This file is the one width engine of the console: every cell is measured
// with x/ansi (grapheme-aware, the same engine lipgloss uses), never with
// go-runewidth's locale-dependent functions, so LANG=zh_CN changes nothing.

// ellipsis marks text cut to fit a cell.
const ellipsis = "…"

// clean makes outside text safe and measurable on one line: the shared
// sanitizer first (escape sequences, controls, bidi overrides, newlines),
// then emoji normalised so that what lipgloss measures is what terminals draw.
func clean(s string) string {
	return normalizeEmoji(text.OneLine(s))
}

// cleanBlock is clean for multi-line text (the detail overlay): newlines
// survive, everything else is the same.
func cleanBlock(s string) string {
	return normalizeEmoji(text.Sanitize(s))
}

// normalizeEmoji rewrites emoji sequences whose width terminals disagree on:
// variation selectors (U+FE0E/FE0F) and skin-tone modifiers are dropped, a
// ZWJ sequence keeps only its first element, and tag characters (subdivision
// flags) are dropped. What is left is measured alike by lipgloss (grapheme
// clusters) and by terminals (code point by code point). Flags made of two
// regional indicators stay: both count them as two cells.
func normalizeEmoji(s string) string {
	if !needsEmojiWork(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	skip := false // inside a ZWJ tail: drop until the next ordinary start
	for _, r := range s {
		switch {
		case r == 0x200D: // ZWJ: drop it and the element it joins
			skip = true
			continue
		case r == 0xFE0E || r == 0xFE0F, r >= 0x1F3FB && r <= 0x1F3FF, r >= 0xE0020 && r <= 0xE007F:
			continue
		case skip:
			skip = false
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// needsEmojiWork is the fast path: most mention text has none of these.
func needsEmojiWork(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == 0x200D || r == 0xFE0E || r == 0xFE0F || (r >= 0x1F3FB && r <= 0x1F3FF) || (r >= 0xE0020 && r <= 0xE007F) {
			return true
		}
		i += n
	}
	return false
}

// width is the display width of s in cells; styling is ignored.
func width(s string) int { return ansi.StringWidth(s) }

// fit cuts or pads s (which may be styled) to exactly w cells. ansi.Truncate
// can come back one cell short when a wide character straddles the edge, so
// the result is always padded after cutting.
func fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	sw := ansi.StringWidth(s)
	if sw == w {
		return s
	}
	if sw > w {
		if w == 1 {
			s = ansi.Truncate(s, 1, "")
		} else {
			s = ansi.Truncate(s, w, ellipsis)
		}
		sw = ansi.StringWidth(s)
	}
	if sw < w {
		s += strings.Repeat(" ", w-sw)
	}
	return s
}

// fitLeft is fit with the padding on the left, for numbers.
func fitLeft(s string, w int) string {
	sw := ansi.StringWidth(s)
	if sw >= w {
		return fit(s, w)
	}
	return strings.Repeat(" ", w-sw) + s
}

// spaces returns n blanks (none for n <= 0).
func spaces(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat(" ", n)
}

// fitLines makes a block exactly w wide and h high: extra lines dropped,
// missing ones blank.
func fitLines(lines []string, w, h int) []string {
	out := make([]string, h)
	for i := range out {
		if i < len(lines) {
			out[i] = fit(lines[i], w)
		} else {
			out[i] = spaces(w)
		}
	}
	return out
}

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
