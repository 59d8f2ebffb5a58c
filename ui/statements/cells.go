package statements

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
	"github.com/rivo/uniseg"

	"warroom/model/text"
)

// This file is the package's width engine. Every cell is measured with
// x/ansi (grapheme clusters, the engine lipgloss uses), never with
// go-runewidth's locale-dependent functions, so LANG=zh_CN changes nothing.
// It mirrors ui/textfit.go, which is unexported and cannot be imported from
// here without a cycle.

const ellipsis = "…"

// clean makes outside text safe and measurable on one line: the shared
// sanitizer (escape sequences, controls, bidi overrides, newlines), then
// emoji normalised so that what lipgloss measures is what terminals draw.
func clean(s string) string { return normalizeEmoji(text.OneLine(s)) }

// cleanBlock is clean for multi-line text: newlines survive.
func cleanBlock(s string) string { return normalizeEmoji(text.Sanitize(s)) }

// normalizeEmoji drops what terminals and lipgloss measure differently:
// variation selectors, skin-tone modifiers, tag characters, and the tail of
// a ZWJ sequence (its first element stays).
func normalizeEmoji(s string) string {
	if !needsEmojiWork(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	skip := false
	for _, r := range s {
		switch {
		case r == 0x200D:
			skip = true
			continue
		case isEmojiModifier(r):
			continue
		case skip:
			skip = false
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isEmojiModifier(r rune) bool {
	return r == 0xFE0E || r == 0xFE0F || (r >= 0x1F3FB && r <= 0x1F3FF) || (r >= 0xE0020 && r <= 0xE007F)
}

func needsEmojiWork(s string) bool {
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == 0x200D || isEmojiModifier(r) {
			return true
		}
		i += n
	}
	return false
}

// width is the display width of s in cells; styling is ignored.
func width(s string) int { return ansi.StringWidth(s) }

// spaces returns n blanks (none for n <= 0).
func spaces(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat(" ", n)
}

// fit cuts or pads s (which may be styled) to exactly w cells. ansi.Truncate
// can come back a cell short when a wide character straddles the edge, so
// the result is padded after cutting.
func fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	sw := -1
	if plainASCII(s) { // most cells: measured by counting
		sw = len(s)
	} else {
		sw = ansi.StringWidth(s)
	}
	if sw == w {
		return s
	}
	if sw > w {
		tail := ellipsis
		if w == 1 {
			tail = ""
		}
		s = ansi.Truncate(s, w, tail)
		sw = ansi.StringWidth(s)
	}
	return s + spaces(w-sw)
}

// plainASCII reports whether s is printable ASCII without escapes, whose
// width is its length.
func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return false
		}
	}
	return true
}

// fitRight is fit with the padding on the left, for numbers.
func fitRight(s string, w int) string {
	sw := ansi.StringWidth(s)
	if sw >= w {
		return fit(s, w)
	}
	return spaces(w-sw) + s
}

// fitLines makes a block exactly w wide and h high.
func fitLines(lines []string, w, h int) []string {
	out := make([]string, max(h, 0))
	for i := range out {
		if i < len(lines) {
			out[i] = fit(lines[i], w)
		} else {
			out[i] = spaces(w)
		}
	}
	return out
}

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
