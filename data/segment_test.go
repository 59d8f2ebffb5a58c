package data

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSegment(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"", ""},
		{"吃出异物", "吃出 出异 异物 物"},
		{"锈", "锈"},
		{"我在KFC吃出了异物!", "我在 在 kfc 吃出 出了 了异 异物 物"},
		{"ｉＰｈｏｎｅ１５　Ｐｒｏ", "iphone15 pro"},
		{"😡😡 #瑞幸# @人民日报", "瑞幸 幸 人民 民日 日报 报"},
		{"Café CRÈME", "café crème"},
		{"3·15晚会", "3 15 晚会 会"},
		{"生锈a", "生锈 锈 a"},
		{"a，b。c", "a b c"},
		{"カタカナ한국어", "カタ タカ カナ ナ한 한국 국어 어"},
		{"\x00bad\xffutf8", "bad utf8"},
	}
	for _, tt := range tests {
		if got := segment(tt.in); got != tt.want {
			t.Errorf("segment(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseQuery(t *testing.T) {
	tests := []struct {
		q     string
		fts   string // the FTS5 expression
		chars string // lone characters, space-separated
	}{
		{"异物", `"异物"`, ""},
		{"吃出异物", `"吃出 出异 异物"`, ""},
		{"锈", ``, "锈"},
		{"锈 异物", `"异物"`, "锈"},
		{"a锈", `"a 锈"*`, ""},
		{"锈a", `"锈 a"`, ""},
		{"iPhone", `"iphone"*`, ""},
		{"AI", `"ai"`, ""},
		{"异物  投诉", `"异物" "投诉"`, ""},
		{"SU7刹车", `"su7 刹车"`, ""},
		{"!!! ？？", ``, ""},
		{`"quoted" OR x`, `"quoted"* "or" "x"`, ""},
	}
	for _, tt := range tests {
		terms := parseQuery(tt.q)
		var chars []string
		for _, term := range terms {
			if term.char != "" {
				chars = append(chars, term.char)
			}
		}
		if got := ftsQuery(terms); got != tt.fts {
			t.Errorf("parseQuery(%q): fts %q, want %q", tt.q, got, tt.fts)
		}
		if got := strings.Join(chars, " "); got != tt.chars {
			t.Errorf("parseQuery(%q): chars %q, want %q", tt.q, got, tt.chars)
		}
	}
}

// TestMatcherIsSubstring checks the search's meaning for Chinese: a query
// of two or more Chinese characters matches exactly the texts that contain
// it, wherever it falls in a run.
func TestMatcherIsSubstring(t *testing.T) {
	g := newMentionGen(7, benchBase)
	var texts []string
	for range 300 {
		texts = append(texts, g.text(60))
	}
	var queries []string
	for i, text := range texts[:60] {
		rs := []rune(text)
		for n := 2; n <= 5; n++ {
			start := (i * 7) % max(len(rs)-n, 1)
			q := string(rs[start:min(start+n, len(rs))])
			if isAllCJK(q) {
				queries = append(queries, q)
			}
		}
	}
	queries = append(queries, "异物", "物吃", "出异物", "客服态度")
	for _, q := range queries {
		m := newMatcher(parseQuery(q))
		for _, text := range texts {
			if got, want := m.match(text), strings.Contains(text, q); got != want {
				t.Fatalf("match(%q in %q) = %v, substring says %v", q, text, got, want)
			}
		}
	}
}

func isAllCJK(s string) bool {
	if utf8.RuneCountInString(s) < 2 {
		return false
	}
	for _, r := range s {
		if classify(r) != classCJK {
			return false
		}
	}
	return true
}

func TestTextHash(t *testing.T) {
	base, ok := textHash("今天在门店买的咖啡喝出了异物，太恶心了！")
	if !ok {
		t.Fatal("long text not hashed")
	}
	for _, same := range []string{
		"今天在门店买的咖啡喝出了异物 太恶心了",
		"今天在门店买的咖啡喝出了异物。。。太恶心了😡",
		" 今天在门店 买的咖啡 喝出了异物，太恶心了！ ",
	} {
		if h, _ := textHash(same); h != base {
			t.Errorf("%q hashes differently from the original", same)
		}
	}
	if h, _ := textHash("今天在门店买的咖啡喝出了头发，太恶心了！"); h == base {
		t.Error("different text, same hash")
	}
	if h1, _ := textHash("iPhone 15 Pro 屏幕 发黄 严重"); h1 != func() uint64 { h, _ := textHash("ｉＰＨＯＮＥ15pro屏幕发黄严重"); return h }() {
		t.Error("case and width should not matter")
	}
	if _, ok := textHash("支持！！！"); ok {
		t.Error("short text should not be linked as a repost")
	}
}

func BenchmarkSegment(b *testing.B) {
	g := newMentionGen(1, benchBase)
	texts := make([]string, 1000)
	for i := range texts {
		texts[i] = g.text(270)
	}
	var buf []byte
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		buf = appendSegmented(buf[:0], texts[i%len(texts)])
	}
}

func TestDecodeStrings(t *testing.T) {
	for _, in := range [][]string{{"异物"}, {"异物", "投诉", "a b"}, {`with "quote"`, `back\slash`}, {"", "x"}, {"[,]"}} {
		b, _ := json.Marshal(in)
		got, err := decodeStrings(string(b))
		if err != nil || !reflect.DeepEqual(got, in) {
			t.Errorf("decodeStrings(%s) = %q, %v", b, got, err)
		}
	}
	if got, err := decodeStrings("[]"); err != nil || len(got) != 0 {
		t.Errorf("empty: %q %v", got, err)
	}
	if _, err := decodeStrings(`["x",`); err == nil {
		t.Error("broken JSON accepted")
	}
}
