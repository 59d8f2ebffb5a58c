package text

import (
	"strings"
	"testing"
)

func TestAccountKey(t *testing.T) {
	same := [][]string{
		{"Nana_1463", "@nana_1463", "＠NANA 1463", " nana-1463 ", "\u00a0Nana\u200b1463"},
		{"吃货小王", "@吃货小王", "吃货小王❤️", "吃货\u3000小王", "\x1b[31m吃货小王\x1b[0m"},
		{"Élise", "élise", "ÉLISE"},
		{"Kate", "\u212aate"}, // Kelvin sign folds with K
		{"Ｎａｎａ", "ｎａｎａ"},
	}
	for _, group := range same {
		want := AccountKey(group[0])
		if want == "" {
			t.Errorf("%q: empty key", group[0])
		}
		for _, s := range group[1:] {
			if got := AccountKey(s); got != want {
				t.Errorf("AccountKey(%q) = %q, want %q as for %q", s, got, want, group[0])
			}
		}
	}
	for _, s := range []string{"", "@", "___", "❤️", "\x00", `""`} {
		if got := AccountKey(s); got != "" {
			t.Errorf("AccountKey(%q) = %q, want empty", s, got)
		}
	}
	if AccountKey("Nana") == AccountKey("Nana_1463") {
		t.Error("a shorter handle has the same key")
	}
	// Whatever strings.EqualFold calls equal has one key.
	pairs := [][2]string{{"ΣΑΣ", "σας"}, {"ǅ", "ǆ"}, {"ſ", "S"}, {"ß", "ß"}}
	for _, p := range pairs {
		if strings.EqualFold(p[0], p[1]) && AccountKey(p[0]) != AccountKey(p[1]) {
			t.Errorf("%q and %q are EqualFold but keyed %q, %q", p[0], p[1], AccountKey(p[0]), AccountKey(p[1]))
		}
	}
}

func FuzzAccountKeyEqualFold(f *testing.F) {
	f.Add("Nana", "nana")
	f.Add("ǅ", "ǆ")
	f.Fuzz(func(t *testing.T, a, b string) {
		if strings.EqualFold(a, b) && AccountKey(a) != AccountKey(b) {
			t.Errorf("%q and %q are EqualFold but keyed %q, %q", a, b, AccountKey(a), AccountKey(b))
		}
	})
}
