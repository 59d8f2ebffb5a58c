package feed

import (
	"context"
	"strings"
	"testing"
	"time"

	"warroom/feed/decode"
	"warroom/model"
)

// Two records get the same made-up id exactly when they are the same post:
// what a later crawl changes (counts, the author's display name beside an
// author id) does not count, and anything that tells posts apart does.
func TestContentID(t *testing.T) {
	base := model.Mention{Platform: model.Weibo, AuthorID: "u1", AuthorName: "吃货小王",
		RawText: "外卖里吃出一根头发", Text: "外卖里吃出一根头发", CreatedAt: t0, Likes: 3}
	id := contentID(&base)
	if !strings.HasPrefix(id, contentIDPrefix) || len(id) != len(contentIDPrefix)+32 {
		t.Fatalf("id %q", id)
	}
	same := func(f func(*model.Mention)) bool {
		m := base
		f(&m)
		return contentID(&m) == id
	}
	for name, f := range map[string]func(*model.Mention){
		"counts":          func(m *model.Mention) { m.Likes, m.Shares, m.AuthorFollowers = 9000, 12, 5 },
		"renamed author":  func(m *model.Mention) { m.AuthorName = "小王改名了" },
		"sub-millisecond": func(m *model.Mention) { m.CreatedAt = t0.Add(300 * time.Microsecond) },
		"time zone":       func(m *model.Mention) { m.CreatedAt = t0.In(time.FixedZone("CST", 8*3600)) },
		"judgement":       func(m *model.Mention) { m.Negative, m.Severity, m.IngestedAt = true, 80, t0.Add(time.Hour) },
	} {
		if !same(f) {
			t.Errorf("%s changed the id", name)
		}
	}
	for name, f := range map[string]func(*model.Mention){
		"platform":  func(m *model.Mention) { m.Platform = model.Douyin },
		"author id": func(m *model.Mention) { m.AuthorID = "u2" },
		"time":      func(m *model.Mention) { m.CreatedAt = t0.Add(time.Second) },
		"no time":   func(m *model.Mention) { m.CreatedAt = time.Time{} },
		"text":      func(m *model.Mention) { m.RawText = "外卖里吃出两根头发" },
		"parent":    func(m *model.Mention) { m.ParentID = "4990001" },
		"url":       func(m *model.Mention) { m.URL = "https://weibo.com/1/abc" },
		// Fields are length-prefixed: moving bytes between two must not collide.
		"shifted": func(m *model.Mention) { m.AuthorID, m.RawText = "u1外卖", "里吃出一根头发" },
	} {
		if same(f) {
			t.Errorf("%s kept the id", name)
		}
	}
	// Without an author id the name is what there is.
	a, b := base, base
	a.AuthorID, b.AuthorID, b.AuthorName = "", "", "别人"
	if contentID(&a) == contentID(&b) {
		t.Error("two authors by name got one id")
	}
}

// A generic CSV export has no id column. Every row is stored under an id
// made from its content, and reading the file again counts duplicates
// instead of storing the rows twice; the same goes for JSONL without ids.
func TestIngestWithoutIDs(t *testing.T) {
	p, st, _ := newTestPipeline(t, nil)
	csv := "平台,作者,正文,发布时间\n" +
		"微博,小王,鲜谷坊吃出钢丝,2026-11-20 10:15\n" +
		"微博,小李,鲜谷坊吃出钢丝,2026-11-20 10:15\n" + // same text, another author: another post
		"微博,小王,鲜谷坊吃出钢丝,2026-11-20 10:16\n" + // same author, another minute
		"小红书,小王,面包里有钢丝,\n"
	jsonl := `{"platform":"weibo","text":"没有id的帖子"}` + "\n" + `{"platform":"weibo","id":"x1","text":"有id"}` + "\n"
	ingest := func() {
		t.Helper()
		for _, in := range []struct{ name, body string }{{"export.csv", csv}, {"stdin", jsonl}} {
			if err := p.Ingest(context.Background(), strings.NewReader(in.body), in.name, decode.Options{}, nil); err != nil {
				t.Fatal(err)
			}
		}
		if err := p.Wait(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	ingest()
	if s := p.Stats(); s.Read != 6 || s.Stored != 6 || s.Duplicates != 0 || s.RejectedTotal() != 0 {
		t.Fatalf("first read: %s", s)
	}
	ids := map[string]bool{}
	for _, m := range st.mentions {
		if m.ExternalID != "x1" && !strings.HasPrefix(m.ExternalID, contentIDPrefix) {
			t.Errorf("id %q for %q", m.ExternalID, m.Text)
		}
		ids[m.ExternalID] = true
	}
	if len(ids) != 6 {
		t.Errorf("%d distinct ids for 6 posts", len(ids))
	}
	ingest()
	if s := p.Stats(); s.Read != 12 || s.Stored != 6 || s.Duplicates != 6 {
		t.Errorf("read again: %s", s)
	}
}

// Through the webhook too, a mention without an id is stored, once.
func TestWebhookWithoutIDs(t *testing.T) {
	p, st, _ := newTestPipeline(t, nil)
	url := serveWebhook(t, &Webhook{Pipeline: p, Submitter: st})
	noID := `{"platform":"weibo","text":"no id via webhook"}`
	if code, body := post(t, url, "", noID); code != 200 || !strings.Contains(body, `"stored":1`) {
		t.Fatalf("no id: %d %s", code, body)
	}
	if code, body := post(t, url, "", noID); code != 200 || !strings.Contains(body, `"duplicates":1`) {
		t.Fatalf("no id again: %d %s", code, body)
	}
}
