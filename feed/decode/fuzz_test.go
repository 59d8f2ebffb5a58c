package decode

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// fuzzDecoder feeds arbitrary bytes to one format's decoder. Whatever the
// input, the decoder must not panic, must not report a bad record as an
// error, and every mention must carry sanitized, non-empty text.
func fuzzDecoder(f *testing.F, format Format, glob string, seeds ...string) {
	files, _ := filepath.Glob(filepath.Join("testdata", glob))
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := NewReader(bytes.NewReader(data), "fuzz", Options{Format: format, MaxLine: 4096, Now: now})
		if err != nil {
			// Binary or UTF-16 input, and a CSV header, can make the whole
			// input unreadable.
			if !errors.Is(err, ErrBinary) && !errors.Is(err, ErrNotUTF8) && format != FormatCSV && format != FormatWeiboCSV && format != FormatMediaCrawler {
				t.Fatalf("NewReader: %v", err)
			}
			return
		}
		for i := 0; i <= len(data)+1; i++ {
			it, err := r.Next()
			if err == io.EOF {
				return
			}
			if err != nil {
				t.Fatalf("Next: %v", err)
			}
			checkItem(t, it)
		}
		// Weibo records expand (a repost yields two mentions), but never
		// beyond a few per input byte.
		for i := 0; i < 4*len(data)+4; i++ {
			if _, err := r.Next(); err == io.EOF {
				return
			}
		}
		t.Fatal("decoder does not reach EOF")
	})
}

func FuzzJSONL(f *testing.F) {
	fuzzDecoder(f, FormatJSONL, "*.jsonl",
		`{"text":"a","likes":"1.2万","created_at":1795137000}`,
		"[\n{\"text\":\"a\"},\n{\"text\":\"b\"}\n]",
		"{\n \"text\": \"pretty\"\n}\n",
		`{"text":"\u001b]52;c;aGk=\u0007"}`,
		"\xef\xbb\xbf{\"text\":\"bom\"}\r\n",
	)
}

func FuzzMediaCrawler(f *testing.F) {
	fuzzDecoder(f, FormatMediaCrawler, "mediacrawler/*/*/*",
		`{"note_id":"1","desc":"x","time":1795137000000,"liked_count":"1万","last_modify_ts":1}`,
		"comment_id,create_time,video_id,content\r\n1,2,3,\"a\r\nb\"\r\n",
	)
}

func FuzzWeiboCSV(f *testing.F) {
	fuzzDecoder(f, FormatWeiboCSV, "weibo-crawler/*/*/*.csv",
		"id,bid,正文,日期,点赞数\n1\t,b,文,2026-11-20T10:00:00,1万\n",
		"微博id,微博正文,发布时间\nAbc,正文,2026-11-20 10:00\n",
	)
}

func FuzzWeiboAPI(f *testing.F) {
	fuzzDecoder(f, FormatWeiboAPI, "weibo-api/*",
		`{"statuses":[{"id":1,"text":"<br/>a","retweeted_status":{"id":2,"text":"b","user":{"id":3}}}]}`,
		`{"ok":1,"data":{"cards":[{"mblog":{"id":"1","text":"a","created_at":"刚刚"}}]}}`,
		`{"user":{"screen_name":"x"},"weibo":[{"id":1,"text":"t"}]}`,
	)
}

func FuzzCSV(f *testing.F) {
	fuzzDecoder(f, FormatCSV, "generic/*.csv",
		"text,likes\n\"a,\"\"b\"\"\",1.2万\n",
		"正文,作者\r\n\"多\r\n行\",甲\r\n",
		"text\n\"unterminated\n",
	)
}

func FuzzParseCount(f *testing.F) {
	for _, s := range []string{"", "0", "1,234", "1.2万", "10万+", "3.5亿", "12k", "None", "-3", "1e30", "9223372036854775807"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, ok := ParseCount(s)
		if !ok {
			if n != 0 {
				t.Fatalf("ParseCount(%q) = %d with ok false", s, n)
			}
			return
		}
		if n < 0 {
			t.Fatalf("ParseCount(%q) = %d", s, n)
		}
		if back, ok := ParseCount(strconv.FormatInt(n, 10)); !ok || back != n {
			t.Fatalf("ParseCount(%d) = %d, %v", n, back, ok)
		}
	})
}

func FuzzParseTime(f *testing.F) {
	for _, s := range []string{"2026-11-20T09:30:00+08:00", "2026-11-20 09:30", "Tue May 31 17:46:55 +0800 2011",
		"1795137000", "1795137000123", "刚刚", "5分钟前", "昨天 12:00", "11-19 21:30", "2026年11月20日", "", "x"} {
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, withNow bool) {
		ref := time.Time{}
		if withNow {
			ref = now
		}
		got, err := ParseTime(s, ref, nil)
		if err != nil || got.IsZero() || got.Year() < 1 || got.Year() > 9999 {
			return
		}
		// What was read can be written and read again as the same instant.
		again, err := ParseTime(got.Format(time.RFC3339Nano), time.Time{}, nil)
		if err != nil || !again.Equal(got) {
			t.Fatalf("ParseTime(%q) = %v; reparsed %v, %v", s, got, again, err)
		}
	})
}

// BenchmarkDecodeJSONL measures canonical JSONL, the format every other
// tool is asked to produce, with realistic mentions.
func BenchmarkDecodeJSONL(b *testing.B) {
	var buf bytes.Buffer
	for i := range 20000 {
		fmt.Fprintf(&buf, `{"platform":"weibo","id":"51023456789%05d","author":"消费维权观察%d","author_id":"19876%05d",`+
			`"author_followers":%d,"verified":%v,"text":"#鲜谷坊吃出钢丝# 品牌方到现在一句道歉都没有，客服电话打不通，`+
			`第%d位网友反映同样问题 😡 https://t.cn/A6x%d","created_at":"2026-11-20T10:%02d:00+08:00","likes":"%d.%d万",`+
			`"comments":%d,"shares":%d,"url":"https://weibo.com/1987654321/P0zz%d","parent_id":"","ip_location":"北京"}`+"\n",
			i, i%97, i, i*37, i%3 == 0, i, i, i%60, i%9+1, i%10, i%500, i%300, i)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		r, err := NewReader(bytes.NewReader(data), "bench.jsonl", Options{Format: FormatJSONL})
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for {
			it, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil || it.Mention == nil {
				b.Fatalf("item %d: %v %+v", n, err, it.Reject)
			}
			n++
		}
		if n != 20000 {
			b.Fatalf("decoded %d", n)
		}
	}
}
