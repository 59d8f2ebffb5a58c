package text

import (
	"strings"
	"unicode"
)

// AccountKey reduces an account's id or handle to what identifies it
// loosely: its letters and digits, each folded to one form of its case
// (so two handles equal without case, like strings.EqualFold says, have
// the same key). Spaces, punctuation, @ signs, emoji and control or
// invisible characters are dropped. Two different accounts may share a key
// ("nana_1", "nana.1"); a lookup by key is a superset for a caller to
// narrow with its own rule. Escape sequences go first, with OneLine, so
// their letters do not count; invalid UTF-8 is one replacement character
// before that, as strings.EqualFold reads it, so a stray byte cannot start
// an 8-bit control sequence.
func AccountKey(s string) string {
	var b strings.Builder
	for _, r := range OneLine(strings.ToValidUTF8(s, "\uFFFD")) {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			continue
		}
		b.WriteRune(foldCase(r))
	}
	return b.String()
}

// foldCase maps a rune to the smallest rune of its case-folding orbit:
// runes that strings.EqualFold treats as equal map to the same one.
func foldCase(r rune) rune {
	min := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		if f < min {
			min = f
		}
	}
	return min
}
