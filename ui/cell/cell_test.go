package cell

import (
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestFitIsExact(t *testing.T) {
	for _, s := range []string{"", "abc", "外卖里吃出一根头发", "好吃😋😋", "👨‍👩‍👧 家庭", "🇨🇳 中国", "mixed 中文 and English", "\x1b[31mred\x1b[0m 红"} {
		for w := 0; w <= 24; w++ {
			got := Fit(NormalizeEmoji(s), w)
			if n := ansi.StringWidth(got); n != w {
				t.Errorf("Fit(%q, %d) is %d cells: %q", s, w, n, got)
			}
		}
	}
}

func TestCleanRemovesWhatTerminalsWouldObey(t *testing.T) {
	got := Clean("a\x1b]52;c;ZXZpbA==\x07b\u202e\u0085c\r\nd👍🏽\ufe0f")
	if got != "abc d👍" {
		t.Errorf("Clean = %q", got)
	}
}

func TestFitRightAndLines(t *testing.T) {
	if got := FitRight("12", 5); got != "   12" {
		t.Errorf("FitRight = %q", got)
	}
	ls := FitLines([]string{"一二三四五六", "x"}, 4, 3)
	if len(ls) != 3 || ls[0] != "一… " || ls[2] != "    " {
		t.Errorf("FitLines = %q", ls)
	}
}
