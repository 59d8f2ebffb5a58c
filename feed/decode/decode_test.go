package decode

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"warroom/model"
	"warroom/model/text"
)

// now is the reference time the fixtures were "crawled" at.
var now = time.Date(2026, 11, 20, 18, 0, 0, 0, china)

func cst(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04:05", s, china)
	if err != nil {
		panic(err)
	}
	return t
}

func readAll(t testing.TB, data []byte, name string, opts Options) ([]Item, Format) {
	t.Helper()
	r, err := NewReader(bytes.NewReader(data), name, opts)
	if err != nil {
		t.Fatalf("NewReader(%s): %v", name, err)
	}
	var items []Item
	for {
		it, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("Next(%s): %v", name, err)
		}
		checkItem(t, it)
		items = append(items, it)
	}
	return items, r.Format()
}

func readFile(t testing.TB, path string, opts Options) ([]Item, Format) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", path))
	if err != nil {
		t.Fatal(err)
	}
	return readAll(t, data, path, opts)
}

// checkItem asserts what every item must satisfy, whatever the input.
func checkItem(t testing.TB, it Item) {
	t.Helper()
	if (it.Mention == nil) == (it.Reject == nil) {
		t.Fatalf("item must have exactly one of Mention and Reject: %+v", it)
	}
	if it.Line < 1 {
		t.Fatalf("line %d < 1", it.Line)
	}
	if rj := it.Reject; rj != nil {
		if rj.Reason == "" || rj.Line != it.Line || !utf8.ValidString(rj.Reason) || text.Sanitize(rj.Reason) != rj.Reason {
			t.Fatalf("bad reject: %+v", rj)
		}
		return
	}
	m := it.Mention
	for name, s := range map[string]string{"text": m.Text, "author": m.AuthorName, "author id": m.AuthorID,
		"id": m.ExternalID, "url": m.URL, "parent": m.ParentID, "ip": m.IPLocation} {
		if text.Sanitize(s) != s {
			t.Fatalf("%s not sanitized: %q", name, s)
		}
		if name != "text" && strings.ContainsRune(s, '\n') {
			t.Fatalf("%s has a newline: %q", name, s)
		}
	}
	if strings.TrimSpace(m.Text) == "" {
		t.Fatalf("mention with empty text: %+v", m)
	}
	if m.Platform == "" || m.Source == "" {
		t.Fatalf("mention without platform or source: %+v", m)
	}
	if m.Likes < 0 || m.Comments < 0 || m.Shares < 0 || m.AuthorFollowers < 0 {
		t.Fatalf("negative count: %+v", m)
	}
	if m.Sentiment != 0 || m.Negative || m.Category != "" || m.Severity != 0 || m.Terms != nil || !m.IngestedAt.IsZero() {
		t.Fatalf("decoder set judgement or ingest fields: %+v", m)
	}
}

func mentions(items []Item) []*model.Mention {
	var ms []*model.Mention
	for _, it := range items {
		if it.Mention != nil {
			ms = append(ms, it.Mention)
		}
	}
	return ms
}

type wantReject struct {
	line   int64
	reason string
}

func rejects(items []Item) []wantReject {
	var rs []wantReject
	for _, it := range items {
		if it.Reject != nil {
			rs = append(rs, wantReject{it.Reject.Line, it.Reject.Reason})
		}
	}
	return rs
}

func equalRejects(t *testing.T, got, want []wantReject) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("got %d rejects, want %d:\n got %v\nwant %v", len(got), len(want), got, want)
		return
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("reject %d: got line %d %q, want line %d %q", i, got[i].line, got[i].reason, want[i].line, want[i].reason)
		}
	}
}

// want is the subset of a mention a table checks; zero fields are not
// checked, except Text and Platform which always are.
type want struct {
	line      int64
	platform  model.Platform
	id        string
	parent    string
	author    string
	authorID  string
	followers int64
	verified  bool
	text      string
	at        time.Time
	likes     int64
	comments  int64
	shares    int64
	url       string
	ip        string
}

func checkMention(t *testing.T, it Item, w want) {
	t.Helper()
	m := it.Mention
	if m == nil {
		t.Errorf("line %d: want a mention, got reject %q", w.line, it.Reject.Reason)
		return
	}
	check := func(field string, got, want any, zero bool) {
		t.Helper()
		if !zero && got != want {
			t.Errorf("%s line %d %s: got %v, want %v", m.ExternalID, w.line, field, got, want)
		}
	}
	check("line", it.Line, w.line, w.line == 0)
	check("platform", m.Platform, w.platform, false)
	check("text", m.Text, w.text, false)
	check("id", m.ExternalID, w.id, w.id == "")
	check("parent", m.ParentID, w.parent, w.parent == "")
	check("author", m.AuthorName, w.author, w.author == "")
	check("author id", m.AuthorID, w.authorID, w.authorID == "")
	check("followers", m.AuthorFollowers, w.followers, w.followers == 0)
	check("verified", m.Verified, w.verified, !w.verified)
	check("likes", m.Likes, w.likes, w.likes == 0)
	check("comments", m.Comments, w.comments, w.comments == 0)
	check("shares", m.Shares, w.shares, w.shares == 0)
	check("url", m.URL, w.url, w.url == "")
	check("ip", m.IPLocation, w.ip, w.ip == "")
	if !w.at.IsZero() && !m.CreatedAt.Equal(w.at) {
		t.Errorf("%s line %d created_at: got %v, want %v", m.ExternalID, w.line, m.CreatedAt, w.at)
	}
}

func TestCanonicalJSONL(t *testing.T) {
	items, format := readFile(t, "canonical.jsonl", Options{})
	if format != FormatJSONL {
		t.Fatalf("format %s", format)
	}
	ms := []Item{}
	for _, it := range items {
		if it.Mention != nil {
			ms = append(ms, it)
		}
	}
	wants := []want{
		{line: 1, platform: model.Weibo, id: "5102345678901234", author: "消费维权观察", authorID: "1987654321",
			followers: 12000, verified: true, text: "鲜谷坊吃出钢丝，客服不理人！", at: cst("2026-11-20 10:15:00"),
			likes: 21000, comments: 3456, shares: 15000, url: "https://weibo.com/1987654321/P0zzzzzz9", ip: "北京"},
		// Counts as strings with 万 and 万+, id as a number, verified as a
		// string, created_at as Unix seconds, unknown fields ignored.
		{line: 2, platform: model.Xiaohongshu, id: "6740123", author: "小鹿不吃香菜", followers: 12000,
			text: "面包里有钢丝\n第二行", at: cst("2026-11-20 09:12:33"), likes: 100000, comments: 856, ip: "上海"},
		// Line 3 is blank. Chinese platform alias; Unix milliseconds.
		{line: 4, platform: model.Douyin, id: "7439012345678901234", text: "月饼里有虫", at: cst("2026-11-20 08:45:00"), likes: 35000},
		// No zone: China time.
		{line: 5, platform: model.Weibo, text: "时间没有时区", at: cst("2026-11-20 09:30:00")},
		// Unknown platform kept as other; a UTC time stays the same instant.
		{line: 6, platform: model.Other, text: "新平台也要留下", at: cst("2026-11-20 09:30:00")},
		// Escape sequences and bidi overrides removed from Text, kept in RawText.
		{line: 10, platform: model.Douyin, text: "清屏和反转都去掉"},
	}
	if len(ms) != len(wants) {
		t.Fatalf("got %d mentions, want %d", len(ms), len(wants))
	}
	for i, w := range wants {
		checkMention(t, ms[i], w)
	}
	if raw := ms[5].Mention.RawText; !strings.Contains(raw, "\x1b]52;") || !strings.Contains(raw, "\u202e") {
		t.Errorf("RawText lost the original: %q", raw)
	}
	if ms[0].Mention.Source != "canonical.jsonl" {
		t.Errorf("source %q", ms[0].Mention.Source)
	}
	equalRejects(t, rejects(items), []wantReject{
		{7, "truncated JSON: unexpected end"},
		{8, "missing text"},
		{9, `field likes: want a number, got "abc"`},
	})
}

// TestBadJSONL covers every reject reason, each with its line number, and
// checks that reading goes on after each.
func TestBadJSONL(t *testing.T) {
	items, _ := readFile(t, "bad.jsonl", Options{MaxLine: 256})
	equalRejects(t, rejects(items), []wantReject{
		{2, "truncated JSON: unexpected end"},
		{3, "invalid UTF-8 at byte 24 (is the file GBK? save it as UTF-8)"},
		{4, "line over 256 bytes"},
		{5, `field likes: want a number, got "abc"`},
		{6, `field verified: want true or false, got "maybe"`},
		{7, "field text: want a string, got 123"},
		{8, "missing text"},
		{9, "empty text"},
		{10, "want a JSON object, got an array"},
		{11, `not JSON: starts with "hello world"`},
		{12, `field created_at: cannot read time "next tuesday"`},
		{13, `field created_at: relative time "5分钟前" needs a reference time`},
		{14, "bad JSON at column 29: invalid character ',' looking for beginning of object key string"},
		{15, "bad JSON at column 32: text after the object"},
		{16, "field id: want a string or number, got an object"},
		{17, "field shares: want a number, got -3"},
		{18, "bad JSON at column 27: invalid character '\\x1b' in string literal"},
	})
	ms := mentions(items)
	if len(ms) != 2 || ms[0].ExternalID != "ok-1" || ms[1].ExternalID != "ok-2" {
		t.Fatalf("good lines around the bad ones: %+v", ms)
	}
	if items[len(items)-1].Line != 19 {
		t.Errorf("last line %d, want 19", items[len(items)-1].Line)
	}
	for _, it := range items {
		if it.Reject == nil {
			continue
		}
		rj := it.Reject
		if rj.Source != "bad.jsonl" || rj.Offset <= 0 || len(rj.Raw) == 0 {
			t.Errorf("reject line %d lacks source, offset or raw: %+v", rj.Line, rj)
		}
		if rj.Line == 4 && (len(rj.Raw) > 256 || !bytes.HasPrefix(rj.Raw, []byte(`{"id":"b-long"`))) {
			t.Errorf("over-long raw should be a prefix: %q", rj.Raw)
		}
	}
	// With a reference time the relative one is accepted.
	items, _ = readFile(t, "bad.jsonl", Options{MaxLine: 256, Now: now})
	for _, it := range items {
		if it.Line == 13 && (it.Mention == nil || !it.Mention.CreatedAt.Equal(now.Add(-5*time.Minute))) {
			t.Errorf("relative time with Now: %+v %+v", it.Mention, it.Reject)
		}
	}
}

func TestHugeLine(t *testing.T) {
	var b bytes.Buffer
	b.WriteString(`{"id":"a","text":"before"}` + "\n")
	b.WriteString(`{"id":"huge","text":"`)
	b.Write(bytes.Repeat([]byte("异物"), 3<<20/6+1000)) // a little over 3 MiB
	b.WriteString("\"}\n")
	b.WriteString(`{"id":"c","text":"after"}` + "\n")
	b.WriteString(`{"id":"d","text":"` + strings.Repeat("x", 2<<20) + `"}`) // huge, no final newline
	items, _ := readAll(t, b.Bytes(), "huge.jsonl", Options{})
	equalRejects(t, rejects(items), []wantReject{{2, "line over 1 MiB"}, {4, "line over 1 MiB"}})
	ms := mentions(items)
	if len(ms) != 2 || ms[0].Text != "before" || ms[1].Text != "after" {
		t.Fatalf("mentions around the huge lines: %+v", ms)
	}
	for _, it := range items {
		if it.Reject != nil && len(it.Reject.Raw) > rawPrefix {
			t.Errorf("huge line kept %d bytes of raw", len(it.Reject.Raw))
		}
	}
	// Exactly MaxLine is fine; one more byte is not.
	ok := `{"text":"` + strings.Repeat("y", 100-len(`{"text":""}`)) + `"}`
	items, _ = readAll(t, []byte(ok+"\n"+ok+"z\n"), "edge.jsonl", Options{MaxLine: 100})
	if len(items) != 2 || items[0].Mention == nil || items[1].Reject == nil {
		t.Fatalf("MaxLine edge: %+v", items)
	}
}

func TestLineEndingsAndBOM(t *testing.T) {
	in := "\xef\xbb\xbf{\"text\":\"一\"}\r\n\r\n{\"text\":\"二\"}\r\n{\"text\":\"三\"}"
	items, format := readAll(t, []byte(in), "x.jsonl", Options{})
	if format != FormatJSONL || len(items) != 3 {
		t.Fatalf("format %s, %d items", format, len(items))
	}
	for i, line := range []int64{1, 3, 4} {
		if items[i].Line != line || items[i].Mention == nil {
			t.Errorf("item %d: line %d, want %d", i, items[i].Line, line)
		}
	}
	if off := items[0].Mention; off == nil {
		t.Fatal("no mention")
	}
	items, _ = readAll(t, []byte("\xef\xbb\xbf{\"text\":1}\n"), "x.jsonl", Options{})
	if items[0].Reject.Offset != 3 {
		t.Errorf("offset after BOM: %d", items[0].Reject.Offset)
	}
}

func TestJSONArrays(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		texts   []string
		rejects []wantReject
	}{
		{"array", "[\n  {\"text\":\"a\"},\n  {\"text\":\"b\"}\n]\n", []string{"a", "b"}, nil},
		{"element of wrong type continues", "[\n  {\"text\":\"a\"},\n  {\"text\":123},\n  \"str\",\n  {\"text\":\"c\"}\n]",
			[]string{"a", "c"}, []wantReject{{3, "field text: want a string, got 123"}, {4, "want a JSON object, got a string"}}},
		{"truncated", "[\n  {\"text\":\"a\"},\n  {\"text\":\"b\"", []string{"a"},
			[]wantReject{{3, "truncated JSON: unexpected end"}}},
		{"syntax error ends the document", "[\n  {\"text\":\"a\"},\n  {\"text\":\"b\",,},\n  {\"text\":\"c\"}\n]",
			[]string{"a"}, []wantReject{{3, "bad JSON: invalid character ',' looking for beginning of object key string"}}},
		{"pretty object then another", "{\n  \"text\": \"one\",\n  \"comments\": 5\n}\n{\n  \"text\": \"two\"\n}\n",
			[]string{"one", "two"}, nil},
		{"empty array", "[]", nil, nil},
		{"junk after", "[\n{\"text\":\"a\"}\n]\njunk", []string{"a"},
			[]wantReject{{4, "bad JSON: invalid character 'j' looking for beginning of value"}}},
		{"bare scalar", "[\n{\"text\":\"a\"}\n]\n42\n", []string{"a"}, []wantReject{{4, "want a JSON object, got a number"}}},
		{"invalid utf8 element", "[\n{\"text\":\"\xff\"},\n{\"text\":\"b\"}]", []string{"b"},
			[]wantReject{{2, "invalid UTF-8 at byte 10"}}}, // 0xFF is no GBK either
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items, _ := readAll(t, []byte(tt.in), "x.json", Options{Format: FormatJSONL})
			var texts []string
			for _, m := range mentions(items) {
				texts = append(texts, m.Text)
			}
			if strings.Join(texts, "|") != strings.Join(tt.texts, "|") {
				t.Errorf("texts %q, want %q", texts, tt.texts)
			}
			equalRejects(t, rejects(items), tt.rejects)
		})
	}
}

func TestHugeArrayElement(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("[\n{\"text\":\"a\"},\n{\"text\":\"")
	b.Write(bytes.Repeat([]byte("z"), 5000))
	b.WriteString("\"},\n{\"text\":\"c\"}\n]")
	// Over MaxLine but within the decoder's guard: rejected, reading goes on.
	items, _ := readAll(t, b.Bytes(), "x.json", Options{Format: FormatJSONL, MaxLine: 1024})
	equalRejects(t, rejects(items), []wantReject{{3, "record over 1 KiB"}})
	if len(mentions(items)) != 2 {
		t.Errorf("mentions: %d", len(mentions(items)))
	}
	// Far over: the guard stops the decoder from buffering it.
	b.Reset()
	b.WriteString("[\n{\"text\":\"a\"},\n{\"text\":\"")
	b.Write(bytes.Repeat([]byte("z"), 1<<20))
	b.WriteString("\"}]")
	items, _ = readAll(t, b.Bytes(), "x.json", Options{Format: FormatJSONL, MaxLine: 1024})
	equalRejects(t, rejects(items), []wantReject{{3, "record over 1 KiB"}})
}

// errReader fails after giving its data.
type errReader struct {
	data []byte
	err  error
}

func (r *errReader) Read(p []byte) (int, error) {
	if len(r.data) == 0 {
		return 0, r.err
	}
	n := copy(p, r.data)
	r.data = r.data[n:]
	return n, nil
}

func TestIOErrorIsAnError(t *testing.T) {
	boom := errors.New("disk on fire")
	// Enough data to get past sniffing before the disk fails.
	many := func(head, line string) string { return head + strings.Repeat(line, 2*sniffBytes/len(line)) }
	for _, tc := range []struct {
		name, data string
		format     Format
	}{
		{"jsonl", many("", "{\"text\":\"a\"}\n") + "{\"text\":", FormatJSONL},
		{"json doc", many("[", "{\"text\":\"a\"},") + "{\"text\":", FormatJSONL},
		{"csv", many("text\n", "a\n") + "b", FormatCSV},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := NewReader(&errReader{data: []byte(tc.data), err: boom}, "x", Options{Format: tc.format})
			if err != nil {
				t.Fatal(err)
			}
			for i := 0; ; i++ {
				it, err := r.Next()
				if err != nil {
					if !errors.Is(err, boom) {
						t.Fatalf("got %v, want the I/O error", err)
					}
					return
				}
				if it.Reject != nil {
					t.Fatalf("I/O error became a reject: %+v", it.Reject)
				}
				if i > 1e5 {
					t.Fatal("no error")
				}
			}
		})
	}
}

func TestMediaCrawler(t *testing.T) {
	tests := []struct {
		file    string
		wants   []want
		rejects []wantReject
	}{
		{"mediacrawler/xhs/json/search_contents_2026-11-20.json", []want{
			// Title repeated at the start of desc is not doubled.
			{line: 2, platform: model.Xiaohongshu, id: "6740a1b2000000001e03c4d5", author: "小鹿不吃香菜",
				authorID: "5f3e2a1b000000000101abcd", at: cst("2026-11-20 09:12:33"), likes: 12000, comments: 856,
				shares: 100000, ip: "上海", url: "https://www.xiaohongshu.com/explore/6740a1b2000000001e03c4d5?xsec_token=ABxyz&xsec_source=pc_search",
				text: "鲜谷坊全麦面包吃出钢丝！！\n昨天在盒马买的，咬到一半硌到牙，掰开一看是一根小钢丝😱 #食品安全[话题]# #鲜谷坊[话题]#"},
			{line: 25, platform: model.Xiaohongshu, id: "6740b9c0000000001e0211aa", likes: 368, comments: 97, shares: 21,
				text: "客服不理人是什么操作\n投诉三天了，客服只会复制粘贴“已反馈”，退款也不给。"},
		}, nil},
		{"mediacrawler/xhs/json/search_comments_2026-11-20.json", []want{
			{line: 2, platform: model.Xiaohongshu, id: "6740a2ff000000001f01aa01", parent: "6740a1b2000000001e03c4d5",
				author: "momo", likes: 23000, comments: 3, ip: "江苏", at: cst("2026-11-20 09:20:11"),
				text: "我上周也吃出过头发，客服让我自己拍视频证明[生气R]"},
			{line: 17, platform: model.Xiaohongshu, id: "6740a3aa000000001f01aa02", parent: "6740a1b2000000001e03c4d5",
				likes: 45, text: "已举报给12315了"},
		}, nil},
		{"mediacrawler/douyin/jsonl/search_contents_2026-11-20.jsonl", []want{
			{line: 1, platform: model.Douyin, id: "7439012345678901234", author: "吃货大王", authorID: "98765432101",
				at: cst("2026-11-20 08:45:00"), likes: 35000, comments: 4821, shares: 9876, ip: "四川",
				url: "https://www.douyin.com/video/7439012345678901234", text: "开箱鲜谷坊月饼，里面居然有虫 #食品安全 #避雷"},
			// str(None) for a missing count reads as 0.
			{line: 2, platform: model.Douyin, comments: 12, text: "鲜谷坊回应了吗？坐等官方说法"},
		}, nil},
		{"mediacrawler/douyin/jsonl/search_comments_2026-11-20.jsonl", []want{
			{line: 1, platform: model.Douyin, id: "7439013000000000001", parent: "7439012345678901234", likes: 1024,
				comments: 5, ip: "重庆", at: cst("2026-11-20 08:50:02"), text: "去年就出过事，还不长记性"},
		}, []wantReject{{2, "empty text"}}}, // a sticker-only comment
		{"mediacrawler/kuaishou/json/search_contents_2026-11-20.json", []want{
			{line: 2, platform: model.Kuaishou, id: "3xk7hz9wq2m4abc", author: "老铁说事", likes: 88000,
				at: cst("2026-11-20 07:30:00"), url: "https://www.kuaishou.com/short-video/3xk7hz9wq2m4abc", text: "鲜谷坊面包发霉了还在卖"},
		}, nil},
		{"mediacrawler/kuaishou/csv/search_comments_2026-11-20.csv", []want{
			{line: 2, platform: model.Kuaishou, id: "825467812345", parent: "3xk7hz9wq2m4abc", comments: 2,
				at: cst("2026-11-20 07:41:10"), text: "门店店员说是正常现象，笑死"},
			// A quoted field spanning two lines, and quotes in a name.
			{line: 3, platform: model.Kuaishou, author: `小"引号"哥`, text: "多行评论\n第二行也在骂"},
		}, nil},
		{"mediacrawler/bili/jsonl/search_contents_2026-11-20.jsonl", []want{
			{line: 1, platform: model.Bilibili, id: "1503456789", author: "食品安全观察", authorID: "4400112",
				likes: 5621, comments: 1288, shares: 870, at: cst("2026-11-20 12:30:00"),
				url:  "https://www.bilibili.com/video/av1503456789",
				text: "【避雷】鲜谷坊异物事件时间线整理\n整理了从11月18日开始的所有爆料和官方回应（并没有）"},
		}, nil},
		{"mediacrawler/bili/json/search_comments_2026-11-20.json", []want{
			{line: 2, platform: model.Bilibili, id: "245001", parent: "1503456789", authorID: "77001", likes: 312,
				comments: 4, text: "up主整理得很清楚，支持维权"},
		}, nil},
		{"mediacrawler/weibo/csv/search_contents_2026-11-20.csv", []want{
			// create_date_time wins over the eight-hours-off create_time.
			{line: 2, platform: model.Weibo, id: "5102345678901234", author: "消费维权观察", authorID: "1987654321",
				at: cst("2026-11-20 10:15:00"), likes: 21000, comments: 3456, shares: 15000, ip: "北京",
				url: "https://m.weibo.cn/detail/5102345678901234", text: "#鲜谷坊吃出钢丝# 品牌方到现在一句道歉都没有，客服电话打不通"},
		}, nil},
		{"mediacrawler/weibo/csv/search_comments_2026-11-20.csv", []want{
			{line: 2, platform: model.Weibo, id: "5102349999000001", parent: "5102345678901234", likes: 980, comments: 7,
				at: cst("2026-11-20 10:20:00"), ip: "湖北", text: "同款，我买的吐司里有塑料片"},
		}, []wantReject{{3, `field comment_like_count: want a number, got "abc"`}}},
		{"mediacrawler/tieba/csv/search_contents_2026-11-20.csv", []want{
			{line: 2, platform: model.Tieba, id: "9187654321", author: "面包爱好者2016", authorID: "tb.1.7f26ae1.abcDEF",
				comments: 233, at: cst("2026-11-20 09:58:00"), ip: "山东", url: "https://tieba.baidu.com/p/9187654321",
				text: "鲜谷坊的面包还敢吃吗\n看到好几个人吃出异物，有没有内部人士说说"},
		}, nil},
		{"mediacrawler/tieba/jsonl/search_comments_2026-11-20.jsonl", []want{
			{line: 1, platform: model.Tieba, id: "150000000001", parent: "9187654321", comments: 12, authorID: "tb.1.aaa.bbb",
				url: "https://tieba.baidu.com/p/9187654321", text: "内部人士：生产线去年就换了外包"},
		}, nil},
		{"mediacrawler/zhihu/json/search_contents_2026-11-20.json", []want{
			{line: 2, platform: model.Zhihu, id: "3301234567", author: "食品工程师老陈", likes: 1543, comments: 210,
				at: cst("2026-11-20 13:10:00"), url: "https://www.zhihu.com/question/680000001/answer/3301234567",
				text: "如何看待鲜谷坊面包吃出钢丝事件？\n从供应链角度说几句：钢丝异物多半来自搅拌设备的清洁刷……"},
			// A video answer has no content_text: the title stands alone.
			{line: 22, platform: model.Zhihu, id: "1800000222", text: "实测鲜谷坊五款面包"},
		}, nil},
		{"mediacrawler/zhihu/jsonl/search_comments_2026-11-20.jsonl", []want{
			{line: 1, platform: model.Zhihu, id: "10500000001", parent: "3301234567", likes: 56, comments: 1, ip: "上海",
				text: "专业！比公关稿有用多了"},
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			items, format := readFile(t, tt.file, Options{})
			if format != FormatMediaCrawler {
				t.Fatalf("format %s", format)
			}
			var ms []Item
			for _, it := range items {
				if it.Mention != nil {
					ms = append(ms, it)
				}
			}
			if len(ms) != len(tt.wants) {
				t.Fatalf("got %d mentions, want %d: %v", len(ms), len(tt.wants), rejects(items))
			}
			for i, w := range tt.wants {
				checkMention(t, ms[i], w)
			}
			equalRejects(t, rejects(items), tt.rejects)
		})
	}
}

// TestMediaCrawlerPlatformFromFields renames every sample so the path says
// nothing: the columns alone must tell the platform. Only xhs and weibo
// comments share all their columns' names but a few.
func TestMediaCrawlerPlatformFromFields(t *testing.T) {
	err := filepath.Walk("testdata/mediacrawler", func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		wantP := platformFromPath(path)
		items, _ := readAll(t, data, "export"+filepath.Ext(path), Options{Format: FormatMediaCrawler})
		for _, m := range mentions(items) {
			if m.Platform != wantP {
				t.Errorf("%s: platform %s from fields, want %s", path, m.Platform, wantP)
			}
		}
		// An explicit platform wins over everything.
		items, _ = readAll(t, data, path, Options{Format: FormatMediaCrawler, Platform: model.News})
		for _, m := range mentions(items) {
			if m.Platform != model.News {
				t.Errorf("%s: Options.Platform ignored", path)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	items, _ := readAll(t, []byte(`{"comment_id":"1","content":"谁家的"}`+"\n"), "x.jsonl", Options{Format: FormatMediaCrawler})
	if m := mentions(items); len(m) != 1 || m[0].Platform != model.Xiaohongshu {
		t.Errorf("ambiguous comment falls back to a best guess: %+v", items)
	}
	items, _ = readAll(t, []byte(`{"foo":"1","content":"谁家的"}`+"\n"), "x.jsonl", Options{Format: FormatMediaCrawler})
	equalRejects(t, rejects(items), []wantReject{{1, "cannot tell the platform of this MediaCrawler record; pass --platform"}})
}

func TestPlatformFromPath(t *testing.T) {
	tests := map[string]model.Platform{
		"data/douyin/json/search_contents_2026-11-20.json": model.Douyin,
		"xhs_contents_2024.json":                           model.Xiaohongshu,
		"/tmp/bili/csv/detail_comments.csv":                model.Bilibili,
		"weibo_comments_1.csv":                             model.Weibo,
		"data/kuaishou/jsonl/x.jsonl":                      model.Kuaishou,
		"exports/zhihu-answers.json":                       model.Zhihu,
		"stdin":                                            "",
		"data/search_contents.json":                        "",
	}
	for path, want := range tests {
		if got := platformFromPath(path); got != want {
			t.Errorf("platformFromPath(%q) = %q, want %q", path, got, want)
		}
	}
}

func TestWeiboCrawlerCSV(t *testing.T) {
	items, format := readFile(t, "weibo-crawler/weibo/7712345678/7712345678.csv", Options{})
	if format != FormatWeiboCSV {
		t.Fatalf("format %s", format)
	}
	if len(rejects(items)) != 0 {
		t.Fatalf("rejects: %v", rejects(items))
	}
	wants := []want{
		// The id's trailing tab is gone; the quoted 正文 spans two lines.
		{line: 2, platform: model.Weibo, id: "5102340000000001", authorID: "7712345678", likes: 8800, comments: 12000,
			shares: 3500, at: cst("2026-11-20 15:00:00"), url: "https://weibo.com/7712345678/P1aBcDeF1",
			text: "【致歉声明】关于近期消费者反映的产品异物问题，我们高度重视，已成立专项小组。\n详情见长图。"},
		{line: 4, platform: model.Weibo, id: "5102340000000002", parent: "5102345678901234", authorID: "7712345678",
			likes: 120, at: cst("2026-11-20 16:30:00"), text: "转发微博"},
		// The reposted original, from the 源微博 columns.
		{line: 4, platform: model.Weibo, id: "5102345678901234", author: "消费维权观察", authorID: "1987654321",
			likes: 21000, comments: 3456, shares: 15000, at: cst("2026-11-20 10:15:00"),
			url: "https://weibo.com/1987654321/P0zzzzzz9", text: "#鲜谷坊吃出钢丝# 品牌方到现在一句道歉都没有"},
		{line: 5, platform: model.Weibo, id: "5102340000000003", text: "后续检测报告会第一时间公布"},
	}
	ms := append([]Item{}, items...)
	if len(ms) != len(wants) {
		t.Fatalf("got %d items, want %d", len(ms), len(wants))
	}
	for i, w := range wants {
		checkMention(t, ms[i], w)
	}

	// Saved under the screen name, the path names the author.
	data, _ := os.ReadFile("testdata/weibo-crawler/weibo/7712345678/7712345678.csv")
	items, _ = readAll(t, data, "weibo/鲜谷坊官方微博/7712345678.csv", Options{})
	if m := items[0].Mention; m.AuthorName != "鲜谷坊官方微博" || m.AuthorID != "7712345678" {
		t.Errorf("author from path: %q %q", m.AuthorName, m.AuthorID)
	}

	// weiboSpider's headers, with the bid as 微博id.
	items, format = readFile(t, "weibo-crawler/spider/weibo/7712345678.csv", Options{})
	if format != FormatWeiboCSV || len(items) != 1 {
		t.Fatalf("weiboSpider: %s %d", format, len(items))
	}
	checkMention(t, items[0], want{line: 2, platform: model.Weibo, id: "Pa1b2c3d4", likes: 56, comments: 10, shares: 3,
		at: cst("2026-11-20 18:20:00"), url: "https://weibo.com/7712345678/Pa1b2c3d4",
		text: "鲜谷坊的客服终于回电话了，说给退款加赔偿"})

	// Older versions wrote 日期 as a plain date and no 完整日期.
	old := "\xef\xbb\xbfid,bid,正文,日期,点赞数,评论数,转发数\r\n4400000000000001\t,Abc,老版本,2019-05-01,3,2,1\r\n"
	items, _ = readAll(t, []byte(old), "weibo/123/123.csv", Options{})
	checkMention(t, items[0], want{line: 2, platform: model.Weibo, at: cst("2019-05-01 00:00:00"), likes: 3, text: "老版本",
		url: "https://weibo.com/123/Abc"})
}

func TestWeiboAPI(t *testing.T) {
	status := want{platform: model.Weibo, id: "5102345678901234", author: "消费维权观察", authorID: "1987654321",
		followers: 12000, verified: true, at: cst("2026-11-20 10:15:00"), likes: 21000, comments: 3456, shares: 15000,
		ip: "北京", url: "https://weibo.com/1987654321/P0zzzzzz9",
		text: "#鲜谷坊吃出钢丝# 品牌方到现在一句道歉都没有[怒]\n客服电话打不通 & 邮件不回"}
	repost := want{platform: model.Weibo, id: "5102347777700001", parent: "5102345678901234", author: "吃瓜群众小李",
		followers: 356, ip: "广东", likes: 11, comments: 2, at: cst("2026-11-20 11:00:05"),
		text: "转发理由：太离谱了//@消费维权观察: 转发"}
	at := func(w want, line int64) want { w.line = line; return w }
	tests := []struct {
		file  string
		opts  Options
		wants []want
	}{
		{"weibo-api/status.json", Options{}, []want{at(status, 1)}},
		{"weibo-api/statuses.json", Options{}, []want{at(repost, 3), at(status, 3),
			{line: 45, platform: model.Weibo, id: "5102348888800002", text: "鲜谷坊门店今天照常营业，排队的人少了很多",
				url: "https://m.weibo.cn/detail/5102348888800002"}}},
		{"weibo-api/statuses.jsonl", Options{}, []want{at(status, 1), at(repost, 2), at(status, 2)}},
		{"weibo-api/mweibo_cards.json", Options{Now: now}, []want{
			{line: 9, platform: model.Weibo, id: "5102349000000001", author: "杭州本地宝", followers: 356000, verified: true,
				at: now, ip: "浙江", url: "https://weibo.com/7000000001/P2card001", text: "鲜谷坊官方终于发声明了，但是只字不提赔偿"},
			// A long status's full text comes from longText.
			{line: 30, platform: model.Weibo, id: "5102349000000002", at: now.Add(-5 * time.Minute),
				text: "这是长微博的全文：\n鲜谷坊必须公开检测报告！"},
		}},
		{"weibo-api/weibo-crawler.json", Options{}, []want{
			{line: 1, platform: model.Weibo, id: "5102340000000001", author: "鲜谷坊官方微博", authorID: "7712345678",
				followers: 286000, verified: true, likes: 8800, comments: 12000, shares: 3500, at: cst("2026-11-20 15:00:00"),
				url: "https://weibo.com/7712345678/P1aBcDeF1", text: "【致歉声明】关于近期消费者反映的产品异物问题，我们高度重视。"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			items, format := readFile(t, tt.file, tt.opts)
			if format != FormatWeiboAPI {
				t.Fatalf("format %s", format)
			}
			if r := rejects(items); len(r) != 0 {
				t.Fatalf("rejects: %v", r)
			}
			if len(items) != len(tt.wants) {
				t.Fatalf("got %d items, want %d", len(items), len(tt.wants))
			}
			for i, w := range tt.wants {
				checkMention(t, items[i], w)
			}
		})
	}
	// Without a reference time, relative times are rejected, one by one.
	items, _ := readFile(t, "weibo-api/mweibo_cards.json", Options{})
	equalRejects(t, rejects(items), []wantReject{
		{9, `field created_at: relative time "刚刚" needs a reference time`},
		{30, `field created_at: relative time "5分钟前" needs a reference time`},
	})
	// Bad values inside a status are named with their path.
	items, _ = readAll(t, []byte(`{"id":1,"text":"t","user":{"screen_name":"x","followers_count":"很多"}}`+"\n"+
		`{"id":2,"text":"t","attitudes_count":"x"}`+"\n"+`{"ok":1}`+"\n"+`{"id":3,"text":["a"]}`+"\n"), "w.jsonl",
		Options{Format: FormatWeiboAPI})
	equalRejects(t, rejects(items), []wantReject{
		{1, `field user.followers_count: want a number, got "很多"`},
		{2, `field attitudes_count: want a number, got "x"`},
		{3, "no Weibo status in this record"},
		{4, "field text: want a string, got an array"},
	})
}

func TestWeiboPlainText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"纯文本", "纯文本"},
		{"第一行<br />第二行<br/>第三行<BR>", "第一行\n第二行\n第三行\n"},
		{`<a href="https://m.weibo.cn/search?x">#话题#</a>太过分`, "#话题#太过分"},
		{`<span class="url-icon"><img alt="[哭]" src="x.png" style="width:1em" /></span>`, "[哭]"},
		{`<img alt='[怒]'>`, "[怒]"},
		{"价格&lt;10元 &amp; 包邮 &quot;好评&quot;", `价格<10元 & 包邮 "好评"`},
		{"价格<10元", "价格<10元"},
		{"a < b > c", "a < b > c"},
		{`<a href='/n/某人'>@某人</a> 你好`, "@某人 你好"},
	}
	for _, tt := range tests {
		if got := weiboPlainText(tt.in); got != tt.want {
			t.Errorf("weiboPlainText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestGenericCSV(t *testing.T) {
	items, format := readFile(t, "generic/export.csv", Options{})
	if format != FormatCSV {
		t.Fatalf("format %s", format)
	}
	ms := []Item{}
	for _, it := range items {
		if it.Mention != nil {
			ms = append(ms, it)
		}
	}
	wants := []want{
		{line: 2, platform: model.Weibo, author: "消费维权观察", followers: 12000, verified: true, text: "鲜谷坊吃出钢丝，客服不理人",
			at: cst("2026-11-20 10:15:00"), likes: 21000, comments: 3456, shares: 15000,
			url: "https://weibo.com/1987654321/P0zzzzzz9", ip: "北京"},
		{line: 3, platform: model.Xiaohongshu, followers: 860, likes: 1234, comments: 56, shares: 7,
			at: cst("2026-11-20 09:12:33"), text: "面包里有钢丝，气死"},
		{line: 4, platform: model.Heimao, at: cst("2026-11-20 11:40:00"), text: "投诉鲜谷坊：吃出异物后拉肚子，要求赔偿"},
	}
	if len(ms) != len(wants) {
		t.Fatalf("got %d mentions, want %d", len(ms), len(wants))
	}
	for i, w := range wants {
		checkMention(t, ms[i], w)
	}
	equalRejects(t, rejects(items), []wantReject{
		{5, "row at line 5 has 4 fields, header has 11"},
		{6, `column "点赞数": want a number, got "很多"`},
	})

	m, err := ParseMap("id=帖子编号, author=发帖人,text=帖子内容,created_at=时间戳,likes=赞")
	if err != nil {
		t.Fatal(err)
	}
	items, _ = readFile(t, "generic/mapped.csv", Options{Map: m, Platform: model.Heimao})
	if len(items) != 2 {
		t.Fatalf("mapped: %d items", len(items))
	}
	checkMention(t, items[0], want{line: 2, platform: model.Heimao, id: "A-001", author: "维权群主", likes: 88,
		at: cst("2026-11-20 10:20:00"), text: "鲜谷坊受害者群已经300人了"})
	checkMention(t, items[1], want{line: 3, platform: model.Heimao, id: "A-002", likes: 12000,
		at: cst("2026-11-20 10:21:00"), text: "第二条，毫秒时间戳"})
}

func TestGenericCSVErrors(t *testing.T) {
	tests := []struct {
		name, in string
		opts     Options
		err      string
	}{
		{"no text column", "a,b\n1,2\n", Options{Format: FormatCSV}, `no text column in the header ("a", "b"): name it with --map text=COLUMN`},
		{"map to missing column", "content,who\nx,y\n", Options{Map: map[string]string{"author": "nickname"}},
			`--map author=nickname: no column "nickname"; the header has "content", "who"`},
		{"gbk header", "\xc4\xda\xc8\xdd,\xd7\xf7\xd5\xdf\n\xb3\xd4,\xb3\xf6\n", Options{Format: FormatCSV}, "not UTF-8"},
		{"map with json", `{"text":"a"}`, Options{Map: map[string]string{"text": "x"}}, "--map applies to generic CSV input"},
		{"unknown format", "", Options{Format: "xml"}, `unknown format "xml"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewReader(strings.NewReader(tt.in), "in.csv", tt.opts)
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Fatalf("got %v, want %q", err, tt.err)
			}
		})
	}
	_, err := NewReader(strings.NewReader("\xc4\xda\xc8\xdd\n"), "in.csv", Options{Format: FormatCSV})
	if !errors.Is(err, ErrNotUTF8) {
		t.Errorf("GBK header error should wrap ErrNotUTF8: %v", err)
	}

	in := "内容,作者\r\n好好的,甲\r\n\xb3\xd4\xb3\xf6,乙\r\n\"未闭合的引号,丙\r\n"
	items, _ := readAll(t, []byte(in), "in.csv", Options{Format: FormatCSV})
	equalRejects(t, rejects(items), []wantReject{
		{3, `invalid UTF-8 in column "内容" (is the file GBK? save it as UTF-8)`},
		{4, "unterminated quoted field"},
	})
	if len(mentions(items)) != 1 {
		t.Errorf("mentions: %d", len(mentions(items)))
	}

	// A runaway quoted field is cut at MaxLine and reading resumes on the
	// next line.
	in = "text\n\"" + strings.Repeat("长", 200) + "\nnext row\n"
	items, _ = readAll(t, []byte(in), "in.csv", Options{Format: FormatCSV, MaxLine: 512})
	equalRejects(t, rejects(items), []wantReject{{2, "row over 512 bytes"}})
	if ms := mentions(items); len(ms) != 1 || ms[0].Text != "next row" || items[1].Line != 3 {
		t.Errorf("after a runaway row: %+v", items)
	}

	// An empty file has no rows and no error.
	items, _ = readAll(t, nil, "empty.csv", Options{Format: FormatCSV})
	if len(items) != 0 {
		t.Errorf("empty: %+v", items)
	}
}

func TestSniff(t *testing.T) {
	err := filepath.Walk("testdata", func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		var want Format
		switch {
		case strings.Contains(path, "mediacrawler/"):
			want = FormatMediaCrawler
		case strings.Contains(path, "weibo-crawler/"):
			want = FormatWeiboCSV
		case strings.Contains(path, "weibo-api/"):
			want = FormatWeiboAPI
		case strings.Contains(path, "generic/"):
			want = FormatCSV
		default:
			want = FormatJSONL
		}
		if got := Sniff(data[:min(len(data), sniffBytes)], path); got != want {
			t.Errorf("Sniff(%s) = %s, want %s", path, got, want)
		}
		// The name alone must not be needed.
		if got := Sniff(data[:min(len(data), sniffBytes)], "upload"); got != want {
			t.Errorf("Sniff(%s) without a name = %s, want %s", path, got, want)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		head, name string
		want       Format
	}{
		{"", "x.csv", FormatCSV},
		{"", "x.jsonl", FormatJSONL},
		{"just some words\nmore", "notes.txt", FormatJSONL},
		{"正文,作者\n", "x.txt", FormatCSV},
		{"\xef\xbb\xbf[{\"text\":\"a\"}]", "x", FormatJSONL},
	} {
		if got := Sniff([]byte(tc.head), tc.name); got != tc.want {
			t.Errorf("Sniff(%q, %q) = %s, want %s", tc.head, tc.name, got, tc.want)
		}
	}
}

func TestFormatOverridesSniff(t *testing.T) {
	// A MediaCrawler-looking line read as canonical: no text field.
	in := `{"note_id":"1","desc":"x","last_modify_ts":1}` + "\n"
	items, format := readAll(t, []byte(in), "x.jsonl", Options{Format: FormatJSONL})
	if format != FormatJSONL {
		t.Fatal(format)
	}
	equalRejects(t, rejects(items), []wantReject{{1, "missing text"}})
	if _, err := ParseFormat("weibo-crawler"); err != nil {
		t.Error(err)
	}
	// A failing reader during sniffing is an error from NewReader.
	if _, err := NewReader(&errReader{err: errors.New("gone")}, "x", Options{}); err == nil {
		t.Error("want an error from a reader that fails at once")
	}
}

func TestParseMap(t *testing.T) {
	m, err := ParseMap("text=content, author = nickname ,likes=点赞数")
	if err != nil || len(m) != 3 || m["text"] != "content" || m["author"] != "nickname" || m["likes"] != "点赞数" {
		t.Fatalf("got %v, %v", m, err)
	}
	if m, err := ParseMap(""); err != nil || len(m) != 0 {
		t.Errorf("empty: %v %v", m, err)
	}
	for _, bad := range []string{"text", "txt=content", "text=", "=x", "text=a,text=b"} {
		if _, err := ParseMap(bad); err == nil {
			t.Errorf("ParseMap(%q) should fail", bad)
		}
	}
}

func TestParseCount(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"", 0, true}, {"0", 0, true}, {"1234", 1234, true}, {"1,234", 1234, true}, {" 56 ", 56, true},
		{"1.2万", 12000, true}, {"10万+", 100000, true}, {"3.5亿", 350000000, true}, {"12k", 12000, true},
		{"1.5w", 15000, true}, {"2千", 2000, true}, {"100+", 100, true}, {"1.2M", 1200000, true},
		{"None", 0, true}, {"null", 0, true}, {"nan", 0, true}, {"-", 0, true},
		{"abc", 0, false}, {"-3", 0, false}, {"很多", 0, false}, {"万", 0, false}, {"1e400", 0, false},
		{"99999999999亿", 0, false}, {"1.2.3", 0, false}, {"+-1", 0, false},
	}
	for _, tt := range tests {
		got, ok := ParseCount(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseCount(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestParseTime(t *testing.T) {
	utc := func(s string) time.Time { t, _ := time.Parse(time.RFC3339, s); return t }
	tests := []struct {
		in   any
		now  time.Time
		want time.Time
		err  bool
	}{
		{"2026-11-20T09:30:00+08:00", time.Time{}, cst("2026-11-20 09:30:00"), false},
		{"2026-11-20T01:30:00Z", time.Time{}, cst("2026-11-20 09:30:00"), false},
		{"2026-11-20T09:30:00.123+08:00", time.Time{}, cst("2026-11-20 09:30:00").Add(123 * time.Millisecond), false},
		{"2026-11-20 09:30:00", time.Time{}, cst("2026-11-20 09:30:00"), false},
		{"2026-11-20 09:30", time.Time{}, cst("2026-11-20 09:30:00"), false},
		{"2026-11-20", time.Time{}, cst("2026-11-20 00:00:00"), false},
		{"2026-11-20T09:30:00", time.Time{}, cst("2026-11-20 09:30:00"), false},
		{"2026/11/20 09:30", time.Time{}, cst("2026-11-20 09:30:00"), false},
		{"2026-11-20 09:30:00+08:00", time.Time{}, cst("2026-11-20 09:30:00"), false},
		{"2026-11-20 01:30:00 +0000", time.Time{}, cst("2026-11-20 09:30:00"), false},
		{"Tue May 31 17:46:55 +0800 2011", time.Time{}, cst("2011-05-31 17:46:55"), false},
		{"Fri, 20 Nov 2026 01:30:00 GMT", time.Time{}, utc("2026-11-20T01:30:00Z"), false},
		{"2026年11月20日 09:30", time.Time{}, cst("2026-11-20 09:30:00"), false},
		{"2026年1月2日", time.Time{}, cst("2026-01-02 00:00:00"), false},
		{int64(1795137000), time.Time{}, cst("2026-11-20 09:10:00"), false},
		{float64(1795137000), time.Time{}, cst("2026-11-20 09:10:00"), false},
		{"1795137000", time.Time{}, cst("2026-11-20 09:10:00"), false},
		{"1795137000123", time.Time{}, cst("2026-11-20 09:10:00").Add(123 * time.Millisecond), false},
		{"1795137000.5", time.Time{}, cst("2026-11-20 09:10:00").Add(500 * time.Millisecond), false},
		{nil, time.Time{}, time.Time{}, false},
		{"", time.Time{}, time.Time{}, false},
		{"0", time.Time{}, time.Time{}, false},
		{"刚刚", now, now, false},
		{"30秒前", now, now.Add(-30 * time.Second), false},
		{"5分钟前", now, now.Add(-5 * time.Minute), false},
		{"2小时前", now, now.Add(-2 * time.Hour), false},
		{"3天前", now, now.AddDate(0, 0, -3), false},
		{"1周前", now, now.AddDate(0, 0, -7), false},
		{"今天 12:05", now, cst("2026-11-20 12:05:00"), false},
		{"昨天 23:10", now, cst("2026-11-19 23:10:00"), false},
		{"昨天", now, cst("2026-11-19 00:00:00"), false},
		{"前天 08:15", now, cst("2026-11-18 08:15:00"), false},
		{"11-19", now, cst("2026-11-19 00:00:00"), false},
		{"11-19 21:30", now, cst("2026-11-19 21:30:00"), false},
		{"12-31 10:00", now, cst("2025-12-31 10:00:00"), false}, // ahead of now: last year
		{"11月19日 08:00", now, cst("2026-11-19 08:00:00"), false},
		{"5分钟前", time.Time{}, time.Time{}, true},
		{"next tuesday", now, time.Time{}, true},
		{"13-45", now, time.Time{}, true},
		{"昨天 25:00", now, time.Time{}, true},
		{"-5", time.Time{}, time.Time{}, true},
		{"99999999999999999", time.Time{}, time.Time{}, true},
		{true, time.Time{}, time.Time{}, true},
	}
	for _, tt := range tests {
		got, err := ParseTime(tt.in, tt.now, nil)
		if (err != nil) != tt.err || !got.Equal(tt.want) {
			t.Errorf("ParseTime(%#v) = %v, %v; want %v, err %v", tt.in, got, err, tt.want, tt.err)
		}
	}
	if _, err := ParseTime("5分钟前", time.Time{}, nil); !errors.Is(err, ErrRelativeTime) {
		t.Errorf("want ErrRelativeTime, got %v", err)
	}
	// Another zone for times without one.
	ny := time.FixedZone("EST", -5*3600)
	got, _ := ParseTime("2026-11-20 09:30", time.Time{}, ny)
	if !got.Equal(time.Date(2026, 11, 20, 9, 30, 0, 0, ny)) {
		t.Errorf("location: %v", got)
	}
}

func TestEncodeJSONLRoundTrip(t *testing.T) {
	items, _ := readFile(t, "canonical.jsonl", Options{})
	var buf bytes.Buffer
	var orig []*model.Mention
	for _, m := range mentions(items) {
		buf.Write(EncodeJSONL(m))
		orig = append(orig, m)
	}
	again, _ := readAll(t, buf.Bytes(), "canonical.jsonl", Options{})
	if len(again) != len(orig) {
		t.Fatalf("round trip: %d items, want %d", len(again), len(orig))
	}
	for i, it := range again {
		a, b := orig[i], it.Mention
		if b == nil {
			t.Fatalf("line %d rejected on the way back: %s", i+1, it.Reject.Reason)
		}
		a.CreatedAt, b.CreatedAt = a.CreatedAt.UTC(), b.CreatedAt.UTC()
		if a.Platform != b.Platform || a.ExternalID != b.ExternalID || a.AuthorName != b.AuthorName ||
			a.RawText != b.RawText || a.Text != b.Text || !a.CreatedAt.Equal(b.CreatedAt) || a.Likes != b.Likes ||
			a.AuthorFollowers != b.AuthorFollowers || a.Verified != b.Verified || a.IPLocation != b.IPLocation {
			t.Errorf("round trip %d:\n got %+v\nwant %+v", i, b, a)
		}
	}
	// The encoded file is safe to print, although RawText is not.
	for _, c := range buf.Bytes() {
		if c == 0x1b || c == 0x07 || c == 0x7f {
			t.Fatalf("encoded output holds control byte %#x", c)
		}
	}
	if bytes.Contains(buf.Bytes(), []byte("\u202e")) || bytes.Contains(buf.Bytes(), []byte("\u009b")) {
		t.Fatal("encoded output holds a bidi or C1 control")
	}
}

func TestEncodeClassifiedJSONL(t *testing.T) {
	m := &model.Mention{Platform: model.Weibo, ExternalID: "1", Text: "吃出异物", Sentiment: -0.8, Negative: true,
		Category: model.CategoryFoodSafety, Severity: 72, Terms: []string{"异物", "吃出"},
		CreatedAt: cst("2026-11-20 09:30:00"), RawText: "吃出\u009b异物\u2028"}
	got := string(EncodeClassifiedJSONL(m))
	want := `{"platform":"weibo","id":"1","author":"","author_id":"","author_followers":0,"verified":false,` +
		`"text":"吃出\u009b异物\u2028","created_at":"2026-11-20T09:30:00+08:00","likes":0,"comments":0,"shares":0,` +
		`"url":"","parent_id":"","ip_location":"","sentiment":-0.8,"negative":true,"category":"food_safety",` +
		`"severity":72,"terms":["异物","吃出"]}` + "\n"
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if plain := string(EncodeJSONL(&model.Mention{Text: "a\"b\\c\n\x00\xff"})); !strings.Contains(plain, `"text":"a\"b\\c\n\u0000\ufffd"`) ||
		!strings.Contains(plain, `"created_at":""`) {
		t.Errorf("escaping: %s", plain)
	}
}

func TestGenericCSVHeaderMatching(t *testing.T) {
	// Case-insensitive synonyms; the first matching column wins and is
	// not used for a second field (content -> text, not also author).
	in := "Content,Nickname,LIKE_COUNT,Created_At,Platform\n客服不理人,阿杰,\"1,024\",2026-11-20 10:00,XHS\n"
	items, _ := readAll(t, []byte(in), "x.csv", Options{})
	checkMention(t, items[0], want{line: 2, platform: model.Xiaohongshu, author: "阿杰", likes: 1024,
		at: cst("2026-11-20 10:00:00"), text: "客服不理人"})
	// --map wins over synonyms, and matches headers case-insensitively.
	in = "text,body,who\n不是这列,是这列,某人\n"
	items, _ = readAll(t, []byte(in), "x.csv", Options{Map: map[string]string{"text": "BODY"}})
	checkMention(t, items[0], want{line: 2, platform: model.Other, text: "是这列"})
	// Names and ids are cut to one line.
	in = "text,author\n正文,\"多行\n作者\"\n"
	items, _ = readAll(t, []byte(in), "x.csv", Options{})
	checkMention(t, items[0], want{line: 2, platform: model.Other, author: "多行 作者", text: "正文"})
}
