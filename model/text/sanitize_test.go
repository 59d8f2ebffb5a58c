package text

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSanitize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain ascii", "hello world", "hello world"},
		{"cjk", "吃出异物，客服不理人！", "吃出异物，客服不理人！"},
		{"newline kept", "第一行\n第二行", "第一行\n第二行"},
		{"crlf", "a\r\nb\r\n", "a\nb\n"},
		{"lone cr ends a line", "good\rEVIL", "good\nEVIL"},
		{"tab to space", "a\tb", "a b"},
		{"clear screen", "before\x1b[2Jafter", "beforeafter"},
		{"sgr colour", "\x1b[1;31m红色\x1b[0m", "红色"},
		{"csi private", "x\x1b[?1049hy", "xy"},
		{"osc 52 clipboard bel", "hi\x1b]52;c;cm0gLXJmIH4=\x07there", "hithere"},
		{"osc 52 clipboard st", "hi\x1b]52;c;cm0gLXJmIH4=\x1b\\there", "hithere"},
		{"osc 8 hyperlink keeps label", "\x1b]8;;http://evil.example\x1b\\点我\x1b]8;;\x1b\\", "点我"},
		{"osc title", "\x1b]0;pwned\x07ok", "ok"},
		{"unterminated osc eats rest", "ok\x1b]0;title forever", "ok"},
		{"dcs", "a\x1bPq#0;2;0;0;0\x1b\\b", "ab"},
		{"apc", "a\x1b_Gf=100;AAAA\x1b\\b", "ab"},
		{"pm and sos", "a\x1b^pm\x1b\\b\x1bXsos\x1b\\c", "abc"},
		{"two byte esc", "a\x1b7b\x1b8c\x1bcd", "abcd"},
		{"charset designation", "a\x1b(Bb", "ab"},
		{"lone esc at end", "text\x1b", "text"},
		{"lone esc before cjk", "a\x1b中", "a中"},
		{"double esc", "a\x1b\x1b[31mb", "ab"},
		{"8-bit csi raw byte", "a\x9b2Jb", "ab"},
		{"8-bit csi utf8", "a\u009b31mb", "ab"},
		{"8-bit osc raw with raw st", "a\x9d0;t\x9cb", "ab"},
		{"8-bit osc utf8 with bel", "a\u009d0;t\x07b", "ab"},
		{"st inside cjk is not a terminator", "\x1b]0;东西\x07ok", "ok"},
		{"stray c1 utf8", "a\u0085b", "ab"},
		{"stray c1 raw", "a\x85b", "ab"},
		{"rlo override", "退款\u202e已到账", "退款已到账"},
		{"all bidi", "a\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061cb", "ab"},
		{"zero width space and bom", "异\u200b物\ufeff", "异物"},
		{"line separators", "a\u2028b\u2029c", "a\nb\nc"},
		{"c0 and del", "a\x00b\x07c\x08d\x7fe", "abcde"},
		{"invalid utf8", "ab\xffcd", "ab\uFFFDcd"},
		{"invalid run collapses", "ab\xff\xfe\xfdcd", "ab\uFFFDcd"},
		{"truncated rune", "中\xe6\x96", "中\uFFFD"},
		{"gbk bytes", "\xc4\xda\xc8\xdd", "\uFFFD"},
		{"emoji zwj family", "👨‍👩‍👧‍👦", "👨‍👩‍👧‍👦"},
		{"emoji skin tone and vs16", "👍🏽❤️", "👍🏽❤️"},
		{"flag", "🇨🇳", "🇨🇳"},
		{"zwnj kept", "a\u200cb", "a\u200cb"},
		{"replacement char kept", "\uFFFD", "\uFFFD"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Sanitize(tt.in)
			if got != tt.want {
				t.Errorf("Sanitize(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if again := Sanitize(got); again != got {
				t.Errorf("not idempotent: %q -> %q", got, again)
			}
		})
	}
}

func TestSanitizeN(t *testing.T) {
	tests := []struct {
		in   string
		max  int
		want string
	}{
		{"hello", 3, "hel"},
		{"中文字", 7, "中文"}, // 3 bytes each: the third would need 9
		{"中文字", 9, "中文字"},
		{"a\x1b[31mbc", 2, "ab"},
		{"👨‍👩‍👧", 4, "👨"},
		{"abc", 0, ""},
		{"abc", -1, ""},
	}
	for _, tt := range tests {
		got := SanitizeN(tt.in, tt.max)
		if got != tt.want {
			t.Errorf("SanitizeN(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
		}
		if len(got) > max(tt.max, 0) || !utf8.ValidString(got) {
			t.Errorf("SanitizeN(%q, %d) = %q: too long or invalid", tt.in, tt.max, got)
		}
	}
}

func TestSanitizeCapDefault(t *testing.T) {
	long := strings.Repeat("异物", MaxBytes)
	got := Sanitize(long)
	if len(got) > MaxBytes || !utf8.ValidString(got) {
		t.Fatalf("len %d, valid %v", len(got), utf8.ValidString(got))
	}
}

func TestOneLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"  padded  ", "padded"},
		{"多行\n\n文本\r\n结束", "多行 文本 结束"},
		{"tabs\t\tand  spaces", "tabs and spaces"},
		{"全角\u3000空格", "全角 空格"},
		{"nbsp\u00a0here", "nbsp here"},
		{"\x1b[2J\n  name \x1b]0;x\x07", "name"},
		{"", ""},
		{" \n\t ", ""},
		{"a b", "a b"},
	}
	for _, tt := range tests {
		got := OneLine(tt.in)
		if got != tt.want {
			t.Errorf("OneLine(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if again := OneLine(got); again != got {
			t.Errorf("OneLine not idempotent: %q -> %q", got, again)
		}
	}
	if got := OneLineN("一二三 四", 8); got != "一二" {
		t.Errorf("OneLineN cap: got %q", got)
	}
}

func TestCleanInputDoesNotAllocate(t *testing.T) {
	inputs := []string{"plain ascii text", "吃出异物，客服不理人 👨‍👩‍👧 #食品安全#\n第二行"}
	for _, s := range inputs {
		n := testing.AllocsPerRun(100, func() { _ = Sanitize(s) })
		if n != 0 {
			t.Errorf("Sanitize(%q) allocates %v times", s, n)
		}
	}
	n := testing.AllocsPerRun(100, func() { _ = OneLine("作者 昵称 ok") })
	if n != 0 {
		t.Errorf("OneLine allocates %v times on clean input", n)
	}
}

// checkSafe reports what, if anything, makes s unsafe to print.
func checkSafe(s string) string {
	if !utf8.ValidString(s) {
		return "invalid UTF-8"
	}
	for i := 0; i < len(s); i++ {
		if (s[i] < 0x20 && s[i] != '\n') || s[i] == 0x7f {
			return "control byte"
		}
	}
	for _, r := range s {
		if r >= 0x80 && r <= 0x9f {
			return "C1 rune"
		}
		if isBidi(r) {
			return "bidi rune"
		}
	}
	return ""
}

func FuzzSanitize(f *testing.F) {
	for _, s := range []string{
		"", "plain", "吃出异物", "\x1b]52;c;aGk=\x07", "\x1b[2J", "\x9b2J", "\u202e", "end\x1b",
		"\xff\xfe", "👨‍👩‍👧‍👦", "\x1bP\x9c", "a\r\nb\tc", "\u009d0;\u009c", "\x1b(\x1b)0",
	} {
		f.Add(s, 64)
	}
	f.Fuzz(func(t *testing.T, s string, n int) {
		n = n % 256
		for _, got := range []string{Sanitize(s), SanitizeN(s, n)} {
			if why := checkSafe(got); why != "" {
				t.Fatalf("Sanitize(%q) = %q: %s", s, got, why)
			}
			if again := Sanitize(got); again != got {
				t.Fatalf("not idempotent: %q -> %q -> %q", s, got, again)
			}
		}
		if got := SanitizeN(s, n); len(got) > max(n, 0) {
			t.Fatalf("SanitizeN(%q, %d) has %d bytes", s, n, len(got))
		}
		one := OneLine(s)
		if why := checkSafe(one); why != "" || strings.ContainsRune(one, '\n') {
			t.Fatalf("OneLine(%q) = %q unsafe: %s", s, one, why)
		}
		if OneLine(one) != one {
			t.Fatalf("OneLine not idempotent on %q", s)
		}
	})
}
