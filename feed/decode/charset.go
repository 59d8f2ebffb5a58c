package decode

import (
	"bytes"
	"errors"
	"fmt"
	"unicode/utf8"
)

// ErrBinary is wrapped by NewReader's error when the input looks like a
// binary file (an image, an archive, a database) rather than text.
var ErrBinary = errors.New("looks like a binary file, not text")

// checkText refuses input whose first bytes show it is not UTF-8 text at
// all, so that it is named for what it is instead of being read as lines
// of invalid records.
func checkText(head []byte, source string) error {
	if bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF}) || looksUTF16(head) {
		return fmt.Errorf("%s: %w: it is UTF-16 (Excel's \"Unicode text\" and some Windows tools write it); save it as UTF-8 (\"CSV UTF-8\" in Excel)", source, ErrNotUTF8)
	}
	if looksBinary(head) {
		return fmt.Errorf("%s %w: warroom reads CSV and JSON exports", source, ErrBinary)
	}
	return nil
}

// looksUTF16 recognises UTF-16 written without a byte-order mark from its
// ASCII: every such character is a zero byte beside its code, so zeros
// fall in one byte position of the pairs (the odd ones in little-endian)
// far more than in the other. Even a Chinese export has ASCII in its
// commas, quotes, digits and line ends, an eighth of its characters or
// more; UTF-8 text has no zero bytes at all.
func looksUTF16(head []byte) bool {
	n := len(head) / 2
	if n < 4 {
		return false
	}
	var zeros [2]int
	for i := range n {
		for k := range 2 {
			if head[2*i+k] == 0 {
				zeros[k]++
			}
		}
	}
	for k := range 2 {
		if zeros[k] >= 4 && zeros[k]*8 >= n && zeros[1-k]*4 <= zeros[k] {
			return true
		}
	}
	return false
}

// looksBinary reports whether the first bytes of an input are not text:
// control bytes that text never holds (NUL and the like; not whitespace,
// and not ESC, which pasted terminal text carries) make up more than one
// byte in 32, and the bytes are not valid UTF-8 or hold a NUL. A stray
// control byte in a text file is left for the record it is in to reject.
func looksBinary(head []byte) bool {
	ctl := 0
	for _, c := range head {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\v' && c != '\f' && c != '\r' && c != 0x1B || c == 0x7F {
			ctl++
		}
	}
	if ctl*32 <= len(head) {
		return false
	}
	return bytes.IndexByte(head, 0) >= 0 || !validUTF8Prefix(head)
}

// validUTF8Prefix is utf8.Valid for a buffer that may end inside a rune.
func validUTF8Prefix(b []byte) bool {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return !utf8.FullRune(b[i:])
		}
		i += n
	}
	return true
}

// plausibleGBK reports whether b, which is not UTF-8, reads as GBK (or
// GB18030) text: every byte above ASCII starts a valid two- or four-byte
// character, at least one does, and there is no control byte but
// whitespace. Only then is it worth telling the user the file is GBK.
func plausibleGBK(b []byte) bool {
	trail := func(c byte) bool { return c >= 0x40 && c <= 0x7E || c >= 0x80 && c <= 0xFE }
	digit := func(c byte) bool { return c >= 0x30 && c <= 0x39 }
	wide := 0
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c < 0x80:
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7F {
				return false
			}
			i++
		case c == 0x80 || c == 0xFF:
			return false
		case i+1 < len(b) && trail(b[i+1]):
			wide++
			i += 2
		case i+3 < len(b) && digit(b[i+1]) && b[i+2] >= 0x81 && b[i+2] <= 0xFE && digit(b[i+3]):
			wide++
			i += 4
		default:
			return false
		}
	}
	return wide > 0
}

// gbkHint is what a reject for invalid UTF-8 adds when the bytes read as GBK.
func gbkHint(b []byte) string {
	if plausibleGBK(b) {
		return " (is the file GBK? save it as UTF-8)"
	}
	return ""
}
