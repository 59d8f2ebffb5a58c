// Package text is warroom's one sanitizer for untrusted text: mention text,
// author names, hashtags and URLs written by strangers. Everything that came
// from outside passes through it at ingest, and again before it is drawn, so
// that nothing a stranger typed can move the cursor, rewrite the screen, set
// the clipboard, or reorder what the team reads.
package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxBytes is the length cap Sanitize and OneLine apply. It is generous for
// a post (a long Weibo is a few KiB) and keeps one hostile record from
// costing megabytes in every panel that shows it.
const MaxBytes = 64 << 10

// Sanitize returns s made safe to print on a terminal, capped at MaxBytes.
// See SanitizeN.
func Sanitize(s string) string { return SanitizeN(s, MaxBytes) }

// SanitizeN returns s made safe to print on a terminal and cut to at most
// maxBytes bytes on a rune boundary:
//
//   - invalid UTF-8 becomes U+FFFD (one per run of bad bytes), except stray
//     bytes 0x80–0x9F, which are 8-bit C1 controls and handled as such;
//   - escape sequences are removed whole: CSI, OSC (ended by BEL or ST),
//     DCS/SOS/PM/APC strings, two-byte ESC sequences, and their 8-bit C1
//     forms (0x9B, 0x9D, …) whether raw or UTF-8 encoded;
//   - C0 controls are dropped except '\n'; '\t' becomes a space; '\r' is
//     dropped before '\n' (so "\r\n" becomes "\n") and is '\n' elsewhere;
//   - DEL, C1 controls (U+0080–U+009F), bidi controls (U+061C, U+200E,
//     U+200F, U+202A–U+202E, U+2066–U+2069), zero-width space and BOM are
//     dropped; U+2028 and U+2029 become '\n'.
//
// CJK, emoji, variation selectors and ZWJ sequences pass through untouched.
// Plain printable input is returned as is, without allocating. Sanitize is
// idempotent: sanitizing its output changes nothing.
func SanitizeN(s string, maxBytes int) string {
	if maxBytes < 0 {
		maxBytes = 0
	}
	if len(s) <= maxBytes && isClean(s) {
		return s
	}
	w := writer{max: maxBytes}
	w.b.Grow(min(len(s), maxBytes))
	sanitizeInto(&w, s)
	return w.b.String()
}

// isClean reports whether s needs no change at all.
func isClean(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if (c < 0x20 && c != '\n') || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return false
		}
		if dropOrMap(r) {
			return false
		}
		i += size
	}
	return true
}

// dropOrMap reports whether a non-ASCII rune is changed by the sanitizer.
func dropOrMap(r rune) bool {
	switch {
	case r >= 0x80 && r <= 0x9f:
		return true
	case isBidi(r):
		return true
	case r == 0x200b, r == 0xfeff, r == 0x2028, r == 0x2029:
		return true
	}
	return false
}

// isBidi reports whether r is a bidirectional formatting control: these let
// a post display text in an order other than the order it is stored in, so
// "refund" can be made to read as something else.
func isBidi(r rune) bool {
	switch {
	case r == 0x061c, r == 0x200e, r == 0x200f:
		return true
	case r >= 0x202a && r <= 0x202e:
		return true
	case r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

type writer struct {
	b       strings.Builder
	max     int
	full    bool
	badLast bool // last thing written was U+FFFD for invalid bytes
}

func (w *writer) str(s string) {
	if w.full {
		return
	}
	if w.b.Len()+len(s) > w.max {
		w.full = true
		return
	}
	w.b.WriteString(s)
	w.badLast = false
}

func (w *writer) byte(c byte) {
	if w.full {
		return
	}
	if w.b.Len()+1 > w.max {
		w.full = true
		return
	}
	w.b.WriteByte(c)
	w.badLast = false
}

func (w *writer) invalid() {
	if w.badLast {
		return
	}
	w.str("\uFFFD")
	w.badLast = true
}

func sanitizeInto(w *writer, s string) {
	for i := 0; i < len(s) && !w.full; {
		c := s[i]
		if c >= 0x20 && c < 0x7f {
			// Copy the whole printable ASCII run at once.
			j := i + 1
			for j < len(s) && s[j] >= 0x20 && s[j] < 0x7f {
				j++
			}
			if room := w.max - w.b.Len(); j-i > room {
				w.str(s[i : i+room])
				w.full = true
				return
			}
			w.str(s[i:j])
			i = j
			continue
		}
		var r rune
		size := 1
		if c < utf8.RuneSelf {
			r = rune(c)
		} else {
			r, size = utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				if c > 0x9f {
					w.invalid()
					i++
					continue
				}
				// A stray 0x80–0x9F byte is what an 8-bit C1 control
				// looks like on the wire.
				r = rune(c)
			}
		}
		switch r {
		case '\n', 0x2028, 0x2029:
			w.byte('\n')
			i += size
		case '\t':
			w.byte(' ')
			i += size
		case '\r':
			// Dropped before a line feed; alone it ended a line (old Mac
			// text, or a terminal's carriage return), and the words on
			// either side must not run together.
			if i+1 >= len(s) || s[i+1] != '\n' {
				w.byte('\n')
			}
			i += size
		case 0x1b:
			i = skipEscape(s, i+1)
		case 0x9b: // CSI
			i = skipCSI(s, i+size)
		case 0x9d: // OSC
			i = skipString(s, i+size, true)
		case 0x90, 0x98, 0x9e, 0x9f: // DCS, SOS, PM, APC
			i = skipString(s, i+size, false)
		default:
			if r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) || isBidi(r) || r == 0x200b || r == 0xfeff {
				i += size
				continue
			}
			w.str(s[i : i+size])
			i += size
		}
	}
}

// skipEscape returns the index just past the escape sequence whose ESC was
// at i-1. A malformed sequence loses only its ESC and what was recognised,
// so ordinary text after it is kept.
func skipEscape(s string, i int) int {
	if i >= len(s) {
		return i
	}
	c := s[i]
	switch {
	case c == '[':
		return skipCSI(s, i+1)
	case c == ']':
		return skipString(s, i+1, true)
	case c == 'P' || c == 'X' || c == '^' || c == '_':
		return skipString(s, i+1, false)
	case c >= 0x20 && c <= 0x2f:
		// nF sequences such as ESC ( B: intermediates then a final byte.
		j := i
		for j < len(s) && s[j] >= 0x20 && s[j] <= 0x2f {
			j++
		}
		if j < len(s) && s[j] >= 0x30 && s[j] <= 0x7e {
			return j + 1
		}
		return j
	case c >= 0x30 && c <= 0x7e:
		// Two-byte sequences: ESC 7, ESC c, ESC M, a lone ESC \ …
		return i + 1
	}
	return i
}

// skipCSI returns the index past a control sequence's parameters,
// intermediates and final byte, starting just after its introducer.
func skipCSI(s string, i int) int {
	for i < len(s) && s[i] >= 0x30 && s[i] <= 0x3f {
		i++
	}
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
		i++
	}
	if i < len(s) && s[i] >= 0x40 && s[i] <= 0x7e {
		return i + 1
	}
	return i
}

// skipString returns the index past a command string (OSC, DCS, SOS, PM,
// APC) and its terminator. It walks runes, not bytes, because 0x9C (ST) is
// also a continuation byte inside ordinary CJK characters such as 东. An
// unterminated string runs to the end, as it would on a terminal.
func skipString(s string, i int, bel bool) int {
	for i < len(s) {
		c := s[i]
		switch {
		case c == 0x07 && bel:
			return i + 1
		case c == 0x1b && i+1 < len(s) && s[i+1] == '\\':
			return i + 2
		case c < utf8.RuneSelf:
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1 && c == 0x9c) || r == 0x9c {
			return i + size
		}
		i += size
	}
	return i
}

// OneLine returns s sanitized for a one-line cell: Sanitize, then every run
// of whitespace (newlines, tabs, ideographic spaces…) collapsed to a single
// space, and the ends trimmed.
func OneLine(s string) string { return OneLineN(s, MaxBytes) }

// OneLineN is OneLine with a cap of maxBytes bytes, cut on a rune boundary.
func OneLineN(s string, maxBytes int) string {
	s = SanitizeN(s, maxBytes)
	if isOneLine(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// isOneLine reports whether sanitized s already has single ASCII spaces
// between words and none at the ends.
func isOneLine(s string) bool {
	prevSpace := true // so a leading space fails
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c == ' ' {
				if prevSpace {
					return false
				}
				prevSpace = true
				i++
				continue
			}
			if c == '\n' {
				return false
			}
			prevSpace = false
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			return false
		}
		prevSpace = false
		i += size
	}
	return len(s) == 0 || s[len(s)-1] != ' '
}
