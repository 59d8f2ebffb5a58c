package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/mattn/go-runewidth"
)

// narrow measures code point by code point, as most terminals draw,
// with East Asian ambiguous characters narrow and never from the locale.
var narrow = runewidth.Condition{EastAsianWidth: false}

func TestNormalizeEmoji(t *testing.T) {
	cases := []struct{ in, want string }{
		{"家 👨‍👩‍👧‍👦 人", "家 👨 人"},
		{"👍🏽👎🏿", "👍👎"},
		{"❤️☺️", "❤☺"},
		{"🏳️‍🌈", "🏳"},
		{"👩🏻‍🤝‍👨🏾", "👩"},
		{"🇨🇳 flag", "🇨🇳 flag"},
		{"3️⃣", "3⃣"},
		{"🏴󠁧󠁢󠁳󠁣󠁴󠁿", "🏴"},
		{"plain 中文", "plain 中文"},
	}
	for _, c := range cases {
		if got := normalizeEmoji(c.in); got != c.want {
			t.Errorf("normalizeEmoji(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestMeasureAgrees: after normalising, lipgloss's grapheme measure and a
// terminal's per-code-point measure agree for every fixture text.
func TestMeasureAgrees(t *testing.T) {
	texts := append([]string{}, fixtureTexts...)
	for _, a := range fixtureAuthors {
		texts = append(texts, a.name)
	}
	texts = append(texts, "🤢🙄⏰‼️🏳️‍🌈👩‍🍳📹")
	for _, s := range texts {
		c := clean(s)
		if g, r := ansi.StringWidth(c), narrow.StringWidth(c); g != r {
			t.Errorf("%q: grapheme width %d, code point width %d", c, g, r)
		}
	}
}

func TestFitIsExact(t *testing.T) {
	for _, s := range append(fixtureTexts, "", "a", "中", "中文字", "🇨🇳🇨🇳") {
		for w := 1; w < 30; w++ {
			if got := ansi.StringWidth(fit(clean(s), w)); got != w {
				t.Fatalf("fit(%q, %d) is %d wide", s, w, got)
			}
		}
	}
}

func TestSpliceOverWideCharacters(t *testing.T) {
	base := []string{strings.Repeat("中", 10), strings.Repeat("a中", 7) + "aaaaaa"}
	for x := 0; x < 10; x++ {
		b := append([]string{}, base...)
		splice(b, []string{"XYZ", "XYZ"}, x, 0, 20)
		for i, l := range b {
			if w := ansi.StringWidth(l); w != 20 {
				t.Fatalf("x=%d line %d: %q is %d wide", x, i, l, w)
			}
		}
	}
}

func TestWrapCJK(t *testing.T) {
	s := clean(fixtureTexts[0] + " " + fixtureTexts[1])
	for _, w := range []int{7, 10, 33} {
		for _, l := range wrap(s, w) {
			if ansi.StringWidth(l) > w {
				t.Fatalf("wrap %d: %q too wide", w, l)
			}
		}
	}
}
