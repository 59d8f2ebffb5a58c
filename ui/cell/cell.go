// Package cell is the console's one width engine. Every cell is measured
// with x/ansi (grapheme clusters, the engine lipgloss uses), never with
// go-runewidth's locale-following functions, so LANG=zh_CN changes nothing;
// and every string from outside is cleaned before it is measured. The root
// console and the statement overlays both draw through it.
package cell

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"warroom/model/text"
)

// Ellipsis marks text cut to fit a cell.
const Ellipsis = "…"

// Clean makes outside text safe and measurable on one line: the shared
// sanitizer first (escape sequences, controls, bidi overrides, newlines),
// then emoji normalised so that what lipgloss measures is what terminals draw.
func Clean(s string) string { return NormalizeEmoji(text.OneLine(s)) }

// CleanBlock is Clean for multi-line text: newlines survive.
func CleanBlock(s string) string { return NormalizeEmoji(text.Sanitize(s)) }

// NormalizeEmoji rewrites emoji sequences whose width terminals disagree on:
// variation selectors (U+FE0E/FE0F) and skin-tone modifiers are dropped, a
// ZWJ sequence keeps only its first element, and tag characters (subdivision
// flags) are dropped. What is left is measured alike by lipgloss (grapheme
// clusters) and by terminals (code point by code point). Flags made of two
// regional indicators stay: both count them as two cells.
func NormalizeEmoji(s string) string {
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
		case isModifier(r):
			continue
		case skip:
			skip = false
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isModifier(r rune) bool {
	return r == 0xFE0E || r == 0xFE0F || (r >= 0x1F3FB && r <= 0x1F3FF) || (r >= 0xE0020 && r <= 0xE007F)
}

// needsEmojiWork is the fast path: most mention text has none of these.
func needsEmojiWork(s string) bool {
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == 0x200D || isModifier(r) {
			return true
		}
		i += n
	}
	return false
}

// Width is the display width of s in cells; styling is ignored.
func Width(s string) int { return ansi.StringWidth(s) }

// Spaces returns n blanks (none for n <= 0).
func Spaces(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat(" ", n)
}

// Fit cuts or pads s (which may be styled) to exactly w cells. ansi.Truncate
// can come back one cell short when a wide character straddles the edge, so
// the result is always padded after cutting.
func Fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	var sw int
	if plainASCII(s) { // most cells: measured by counting
		sw = len(s)
	} else {
		sw = ansi.StringWidth(s)
	}
	if sw == w {
		return s
	}
	if sw > w {
		tail := Ellipsis
		if w == 1 {
			tail = ""
		}
		s = ansi.Truncate(s, w, tail)
		sw = ansi.StringWidth(s)
	}
	return s + Spaces(w-sw)
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

// FitRight is Fit with the padding on the left, for numbers.
func FitRight(s string, w int) string {
	sw := ansi.StringWidth(s)
	if sw >= w {
		return Fit(s, w)
	}
	return Spaces(w-sw) + s
}

// FitLines makes a block exactly w wide and h high: extra lines dropped,
// missing ones blank.
func FitLines(lines []string, w, h int) []string {
	out := make([]string, max(h, 0))
	for i := range out {
		if i < len(lines) {
			out[i] = Fit(lines[i], w)
		} else {
			out[i] = Spaces(w)
		}
	}
	return out
}
