package decode

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
)

// Input that is not text is named for what it is, and GBK is suggested
// only for bytes that read as GBK.
func TestNotTextInput(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	junk := make([]byte, 5000)
	for i := range junk {
		junk[i] = byte(rng.UintN(256))
	}
	png := "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00\\r\xa8f\x00\x00"
	for _, tc := range []struct {
		name, in, source string
		opts             Options
		is               error
		want, wantNo     string
	}{
		{"random bytes", string(junk), "junk.bin", Options{}, ErrBinary, "junk.bin looks like a binary file", "GBK"},
		{"random bytes as csv", string(junk), "junk.csv", Options{Format: FormatCSV}, ErrBinary, "binary", "GBK"},
		{"random bytes after a comma", "a,b\n" + string(junk), "junk.bin", Options{}, ErrBinary, "binary", "GBK"},
		{"png", png, "x.png", Options{}, ErrBinary, "binary", "GBK"},
		{"gbk header", "\xc4\xda\xc8\xdd,\xd7\xf7\xd5\xdf\n\xb3\xd4,\xb3\xf6\n", "in.csv", Options{}, ErrNotUTF8, "probably GBK", ""},
		{"latin-1 header", "caf\xe9,texte\nun,deux\n", "in.csv", Options{}, ErrNotUTF8, "not UTF-8, nor GBK", "probably GBK"},
		{"utf-16", "\xff\xfet\x00e\x00x\x00t\x00\n\x00", "in.csv", Options{}, ErrNotUTF8, "UTF-16", "GBK"},
		{"utf-16le, no byte-order mark", asUTF16("author,text\nzhang,鲜味坊 bad food\n", false), "u.csv", Options{}, ErrNotUTF8, "UTF-16", "binary"},
		{"utf-16le, Chinese header, no byte-order mark", asUTF16("作者,内容,发布时间\n张三,鲜味坊外卖吃出异物,2026-11-20 09:30\n李四,一直没人处理,2026-11-20 10:00\n", false), "u.csv", Options{}, ErrNotUTF8, "UTF-16", "binary"},
		{"utf-16be, no byte-order mark", asUTF16(`{"platform":"weibo","id":"1","text":"吃出异物"}`+"\n", true), "u.jsonl", Options{}, ErrNotUTF8, "UTF-16", "binary"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := NewReader(strings.NewReader(tc.in), tc.source, tc.opts)
			if !errors.Is(err, tc.is) || !strings.Contains(err.Error(), tc.want) || tc.wantNo != "" && strings.Contains(err.Error(), tc.wantNo) {
				t.Errorf("got %v, want %v with %q", err, tc.is, tc.want)
			}
		})
	}

	// Text with what strangers paste into posts (escape sequences, a stray
	// control byte) is still text: the record is judged, not the file.
	text := "text,author\n\"\x1b[2J\x1b[31m红色\x1b[0m\",a\n\"响铃\x07\",b\n" + strings.Repeat("普通的一条,c\n", 10)
	if _, err := NewReader(strings.NewReader(text), "in.csv", Options{}); err != nil {
		t.Errorf("text with controls: %v", err)
	}
}

// asUTF16 encodes s as UTF-16 without a byte-order mark.
func asUTF16(s string, bigEndian bool) string {
	var b []byte
	for _, r := range s { // the test texts are all in the Basic Multilingual Plane
		if bigEndian {
			b = append(b, byte(r>>8), byte(r))
		} else {
			b = append(b, byte(r), byte(r>>8))
		}
	}
	return string(b)
}

func TestPlausibleGBK(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"\xc4\xda\xc8\xdd", true},                 // 内容
		{"GBK \xb3\xd4\xb3\xf6 bytes", true},       // 吃出 among ASCII
		{"\x81\x30\x81\x30", true},                 // a GB18030 four-byte character
		{"ascii only", false},                      // nothing to suggest
		{"caf\xe9", false},                         // Latin-1: a lead byte with no trail
		{"\xff\xfe", false},                        // no GBK lead byte
		{"\xc4\xda\x00\xc8\xdd", false},            // NUL: binary
		{"\xc4\xda\x01", false},                    // a control byte
		{"\xc4\x20", false},                        // a lead byte then a space
		{"\xc4\xda\xc8", false},                    // cut in the middle
		{"\x81\x30\x81", false},                    // a four-byte character cut short
		{"\xc4\xda\r\n\t\xc8\xdd", true},           // whitespace is fine
		{"\x80", false},                            // 0x80 alone
		{"\xa1\x7f", false},                        // DEL is no trail byte
		{"\xb3\xd4\xb3\xf6\x1b[0m", false},         // ESC: not plain text
		{"\xe4\xbd\xa0\xe5\xa5\xbd\xff", false},    // UTF-8 then 0xFF
		{"\xe4\xbd\xa0\xe5\xa5\xbd\xa1\xa1", true}, // UTF-8 bytes happen to pair up as GBK
	} {
		if got := plausibleGBK([]byte(tc.in)); got != tc.want {
			t.Errorf("plausibleGBK(%q) = %v", tc.in, got)
		}
	}
}

// A record with invalid UTF-8 is hinted at GBK only when it reads as GBK.
func TestInvalidUTF8Hint(t *testing.T) {
	in := "{\"text\":\"\xc4\xda\xc8\xdd\"}\n{\"text\":\"caf\xe9\"}\n"
	items, _ := readAll(t, []byte(in), "x.jsonl", Options{})
	equalRejects(t, rejects(items), []wantReject{
		{1, "invalid UTF-8 at byte 10 (is the file GBK? save it as UTF-8)"},
		{2, "invalid UTF-8 at byte 13"},
	})
}
