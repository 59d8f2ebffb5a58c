package feed

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"warroom/feed/alert"
	"warroom/feed/decode"
	"warroom/model"
)

var t0 = time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)

// memStore stands in for data.Writer: it commits at once, ignores
// duplicates as the real file does, and reports commits to the pipeline.
type memStore struct {
	mu       sync.Mutex
	p        *Pipeline
	mentions []*model.Mention
	seen     map[string]bool
	rejects  []decode.Reject
	alerts   map[int64]model.Alert
	// refuse, when set, says why the file would refuse a mention, as
	// data.Writer does with a row it cannot store.
	refuse func(*model.Mention) string
}

func newMemStore() *memStore {
	return &memStore{seen: map[string]bool{}, alerts: map[int64]model.Alert{}}
}

func (s *memStore) store(ms []*model.Mention) (stored []*model.Mention, dups int, refused []decode.Reject) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, m := range ms {
		if s.refuse != nil {
			if why := s.refuse(m); why != "" {
				r := decode.Reject{Source: m.Source, Line: m.Line, Reason: "store: " + why}
				s.rejects = append(s.rejects, r)
				refused = append(refused, r)
				continue
			}
		}
		k := string(m.Platform) + "\x00" + m.ExternalID
		if s.seen[k] {
			dups++
			continue
		}
		s.seen[k] = true
		m.ID = int64(len(s.mentions) + 1)
		s.mentions = append(s.mentions, m)
		stored = append(stored, m)
	}
	return stored, dups, refused
}

func (s *memStore) Mention(m *model.Mention) {
	stored, dups, refused := s.store([]*model.Mention{m})
	s.p.Committed(stored, dups, refused)
}

func (s *memStore) Reject(r decode.Reject) {
	s.mu.Lock()
	s.rejects = append(s.rejects, r)
	s.mu.Unlock()
}

func (s *memStore) SaveAlert(_ context.Context, a model.Alert) (int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if a.ID == 0 {
		a.ID = int64(len(s.alerts) + 1)
	}
	s.alerts[a.ID] = a
	return a.ID, nil
}

func (s *memStore) Flush(context.Context) error { return nil }

func (s *memStore) Submit(_ context.Context, ms []*model.Mention, rejects []decode.Reject) (Submitted, error) {
	for _, r := range rejects {
		s.Reject(r)
	}
	stored, dups, refused := s.store(ms)
	s.p.Committed(stored, dups, refused)
	return Submitted{Stored: len(stored), Duplicates: dups, Refused: refused}, nil
}

func newTestPipeline(t *testing.T, det *alert.Detector) (*Pipeline, *memStore, *[]Update) {
	t.Helper()
	st := newMemStore()
	var mu sync.Mutex
	var updates []Update
	p := New(Options{Store: st, Clock: model.NewManualClock(t0), Detector: det, Notify: func(u Update) {
		mu.Lock()
		updates = append(updates, u)
		mu.Unlock()
	}})
	st.p = p
	t.Cleanup(p.Close)
	return p, st, &updates
}

func line(id, text string) string {
	return fmt.Sprintf(`{"platform":"weibo","id":%q,"author":"用户%s","author_followers":120,"text":%q,"created_at":"2026-11-20 09:00:00"}`, id, id, text)
}

func TestIngestClassifiesStoresAndCounts(t *testing.T) {
	p, st, updates := newTestPipeline(t, nil)
	in := strings.Join([]string{
		line("1", "外卖里吃出一根头发，恶心死了，再也不点了"),
		line("2", "今天的奶茶很好喝，推荐"),
		line("1", "外卖里吃出一根头发，恶心死了，再也不点了"),      // duplicate
		`{"platform":"weibo","id":"3","text":`, // truncated
		`{"platform":"weibo","id":"4"}`,        // no text
	}, "\n")
	if err := p.Ingest(context.Background(), strings.NewReader(in), "t.jsonl", decode.Options{}, nil); err != nil {
		t.Fatal(err)
	}
	if err := p.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	s := p.Stats()
	if s.Read != 5 || s.Stored != 2 || s.Duplicates != 1 || s.RejectedTotal() != 2 {
		t.Fatalf("stats = %+v", s)
	}
	if !st.mentions[0].Negative || st.mentions[1].Negative {
		t.Errorf("classification: %v %v", st.mentions[0].Negative, st.mentions[1].Negative)
	}
	if !st.mentions[0].IngestedAt.Equal(t0) {
		t.Errorf("ingest time from the injected clock: %v", st.mentions[0].IngestedAt)
	}
	if len(st.rejects) != 2 || st.rejects[0].Line != 4 || st.rejects[1].Line != 5 {
		t.Errorf("rejects = %+v", st.rejects)
	}
	n := 0
	for _, u := range *updates {
		n += len(u.Mentions)
	}
	if n != 2 {
		t.Errorf("notified %d mentions, want 2", n)
	}
	if !strings.Contains(s.String(), "rejected 2") {
		t.Errorf("summary %q", s.String())
	}
}

// Loading a crawl by post time: records from several files come out in
// the order they were posted, each arriving when it was posted. One with
// no post time, or posted before since, arrives now, last; one posted in
// the future arrives now too. Rejects are stored as they are read, and
// every record counts as read once.
func TestCollectAndAddPosted(t *testing.T) {
	st := newMemStore()
	now := t0.Add(24 * time.Hour) // 2026-11-21 09:00 UTC
	p := New(Options{Store: st, Clock: model.NewManualClock(now), KeepIngestTime: true})
	st.p = p
	t.Cleanup(p.Close)
	at := func(id, when string) string {
		return fmt.Sprintf(`{"platform":"weibo","id":%q,"text":"第%s条","created_at":%q}`, id, id, when)
	}
	files := []string{
		strings.Join([]string{at("3", "2026-11-20 09:30:00"), at("1", "2026-11-20 09:10:00"), `{"platform":"weibo"`,
			at("8", "2019-03-01 10:00:00"), at("7", "2026-12-01 10:00:00")}, "\n"),
		strings.Join([]string{`{"platform":"weibo","id":"9","text":"没有时间"}`, at("2", "2026-11-20 09:20:00")}, "\n"),
	}
	var ms []*model.Mention
	for i, f := range files {
		if err := p.Collect(context.Background(), strings.NewReader(f), fmt.Sprintf("f%d.jsonl", i), decode.Options{}, nil, &ms); err != nil {
			t.Fatal(err)
		}
	}
	if len(ms) != 6 || len(st.mentions) != 0 || len(st.rejects) != 1 {
		t.Fatalf("collected %d, stored %d before AddPosted, rejects %d", len(ms), len(st.mentions), len(st.rejects))
	}
	since := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	if err := p.AddPosted(context.Background(), ms, since); err != nil {
		t.Fatal(err)
	}
	if err := p.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range st.mentions {
		got = append(got, m.ExternalID+"@"+m.IngestedAt.In(time.UTC).Format("01-02 15:04"))
	}
	// Post times are read as Beijing time: 09:10 there is 01:10 UTC.
	want := "1@11-20 01:10 2@11-20 01:20 3@11-20 01:30 7@11-21 09:00 8@11-21 09:00 9@11-21 09:00"
	if strings.Join(got, " ") != want {
		t.Errorf("stored %v, want %s", got, want)
	}
	if s := p.Stats(); s.Read != 7 || s.Stored != 6 {
		t.Errorf("stats %+v, want 7 read, 6 stored", s)
	}
}

// cancelAfter is a memStore that ends a context after n mentions.
type cancelAfter struct {
	*memStore
	n      int
	cancel context.CancelFunc
}

func (c *cancelAfter) Mention(m *model.Mention) {
	if c.n--; c.n == 0 {
		c.cancel()
	}
	c.memStore.Mention(m)
}

// Interrupted, AddPosted stops having stored only the earliest posts, in
// order, so the file's timeline has no hole.
func TestAddPostedStopsInOrder(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	st := &cancelAfter{memStore: newMemStore(), n: 1500, cancel: cancel}
	p := New(Options{Store: st, Clock: model.NewManualClock(t0.Add(time.Hour)), KeepIngestTime: true})
	st.p = p
	t.Cleanup(p.Close)
	var ms []*model.Mention
	for i := range 5000 {
		ms = append(ms, &model.Mention{Platform: model.Weibo, ExternalID: fmt.Sprint(i), Text: "帖子",
			CreatedAt: t0.Add(-time.Duration(i) * time.Second)}) // newest first, as crawls list them
	}
	if err := p.AddPosted(ctx, ms, time.Time{}); err == nil {
		t.Fatal("AddPosted ran to the end through a done context")
	}
	if err := p.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	n := len(st.mentions)
	if n < 1500 || n >= 5000 {
		t.Fatalf("stored %d of 5000 after the interruption at 1500", n)
	}
	for i, m := range st.mentions {
		if want := t0.Add(-time.Duration(4999-i) * time.Second); !m.IngestedAt.Equal(want) {
			t.Fatalf("mention %d arrived %v, want %v: not the earliest posts in order", i, m.IngestedAt, want)
		}
	}
}

func TestPipelineRaisesAlerts(t *testing.T) {
	det := alert.NewDetector(alert.DefaultRules())
	p, st, updates := newTestPipeline(t, det)
	for i := range 5 {
		m := &model.Mention{Platform: model.Weibo, ExternalID: fmt.Sprint(i), AuthorName: "大V", AuthorFollowers: 5_000_000, Verified: true,
			Text: "吃了他家的外卖全家食物中毒住院了，太可怕了", CreatedAt: t0}
		p.Add(m)
	}
	if err := p.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	if len(st.alerts) == 0 {
		t.Fatal("no alert for an influential food-poisoning post")
	}
	got := 0
	for _, u := range *updates {
		for _, a := range u.Alerts {
			if a.ID == 0 {
				t.Error("alert notified without its stored id")
			}
			got++
		}
	}
	if got == 0 {
		t.Error("alerts not notified")
	}
}

// A wave that grows is notified each time it escalates, but it is one
// alert in the summary, as in the file.
func TestSummaryCountsAlertsNotUpdates(t *testing.T) {
	st := newMemStore()
	notes := 0
	p := New(Options{Store: st, Clock: model.NewManualClock(t0), Detector: alert.NewDetector(alert.DefaultRules()),
		KeepIngestTime: true, Notify: func(u Update) { notes += len(u.Alerts) }})
	st.p = p
	t.Cleanup(p.Close)
	// An hour of calm, then a negative wave that grows minute by minute.
	id := 0
	post := func(at time.Time, text string) {
		id++
		p.Add(&model.Mention{Platform: model.Weibo, ExternalID: fmt.Sprint(id), AuthorFollowers: 50, Text: text, IngestedAt: at})
	}
	for m := range 60 {
		post(t0.Add(time.Duration(m)*time.Minute), "今天的奶茶很好喝，推荐")
		post(t0.Add(time.Duration(m)*time.Minute+30*time.Second), "这家店有点慢，一般般")
	}
	for m := range 20 {
		for k := range 3 * (m + 1) {
			post(t0.Add(time.Duration(60+m)*time.Minute+time.Duration(k)*time.Second), "这家店太差劲了，恶心，避雷")
		}
		// Minute by minute, as a live feed commits: otherwise one batch
		// could take the whole wave and notify each alert once.
		if err := p.Wait(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := p.Stats().Alerts; n != len(st.alerts) || notes <= n {
		t.Errorf("summary counts %d alerts, the store has %d (%d notifications)", n, len(st.alerts), notes)
	}
}

func serveWebhook(t *testing.T, h *Webhook) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	addrc := make(chan net.Addr, 1)
	done := make(chan error, 1)
	go func() { done <- h.Serve(ctx, "127.0.0.1:0", func(a net.Addr) { addrc <- a }) }()
	var addr net.Addr
	select {
	case addr = <-addrc:
	case err := <-done:
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	})
	return "http://" + addr.String() + "/mentions"
}

func post(t *testing.T, url, token, body string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestWebhookOverLoopback(t *testing.T) {
	p, st, _ := newTestPipeline(t, nil)
	url := serveWebhook(t, &Webhook{Pipeline: p, Submitter: st, BodyLimit: 4096})

	cases := []struct {
		name, body string
		code       int
		want       string
	}{
		{"object", line("a1", "客服态度太差了"), 200, `"stored":1`},
		{"array", "[" + line("a2", "好评") + "," + line("a3", "差评，退款") + "]", 200, `"stored":2`},
		{"ndjson", line("a4", "一") + "\n" + line("a5", "二") + "\n", 200, `"stored":2`},
		{"duplicate", line("a1", "客服态度太差了"), 200, `"duplicates":1`},
		{"bad lines", line("a6", "好") + "\n{\"platform\":\"weibo\"\n" + `{"platform":"weibo","id":"a7"}`, 400, `"stored":1`},
		{"empty", "", 400, "empty body"},
		{"too large", strings.Repeat(" ", 5000), 413, "body over"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, body := post(t, url, "", tc.body)
			if code != tc.code || !strings.Contains(body, tc.want) {
				t.Fatalf("got %d %s, want %d with %s", code, body, tc.code, tc.want)
			}
		})
	}
	if code, body := post(t, url, "", "x"); code != 400 || !strings.Contains(body, "line") {
		t.Errorf("bad body reasons: %d %s", code, body)
	}
	if len(st.mentions) != 6 {
		t.Errorf("stored %d mentions, want 6", len(st.mentions))
	}
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET = %d", resp.StatusCode)
	}
}

func TestWebhookToken(t *testing.T) {
	p, st, _ := newTestPipeline(t, nil)
	url := serveWebhook(t, &Webhook{Pipeline: p, Submitter: st, Token: "s3cret"})
	if code, _ := post(t, url, "", line("b1", "x")); code != http.StatusUnauthorized {
		t.Errorf("no token: %d", code)
	}
	if code, _ := post(t, url, "wrong", line("b1", "x")); code != http.StatusUnauthorized {
		t.Errorf("wrong token: %d", code)
	}
	if code, body := post(t, url, "s3cret", line("b1", "x")); code != 200 {
		t.Errorf("right token: %d %s", code, body)
	}
}

func TestCheckListen(t *testing.T) {
	for _, tc := range []struct {
		addr, token string
		ok          bool
	}{
		{"127.0.0.1:8765", "", true},
		{"localhost:8765", "", true},
		{"[::1]:8765", "", true},
		{"0.0.0.0:8765", "", false},
		{":8765", "", false},
		{"192.168.1.5:8765", "", false},
		{"0.0.0.0:8765", "t", true},
		{"nonsense", "", false},
	} {
		if err := CheckListen(tc.addr, tc.token); (err == nil) != tc.ok {
			t.Errorf("CheckListen(%q, %q) = %v", tc.addr, tc.token, err)
		}
	}
}

// A mention the file refuses after decoding is a reject like any other:
// counted in the summary with its reason (so the totals add up), and
// reported with its line.
func TestRefusedMentionsAreCounted(t *testing.T) {
	p, st, _ := newTestPipeline(t, nil)
	st.refuse = func(m *model.Mention) string {
		if strings.Contains(m.Text, "毒") {
			return "poisoned row"
		}
		return ""
	}
	in := line("1", "好的一条") + "\n" + line("2", "有毒的一条") + "\n" + `{"platform":"weibo","id":"3"}` + "\n" + line("4", "好的另一条")
	if err := p.Ingest(context.Background(), strings.NewReader(in), "t.jsonl", decode.Options{}, nil); err != nil {
		t.Fatal(err)
	}
	if err := p.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	s := p.Stats()
	if s.Read != 4 || s.Stored+s.Duplicates+s.RejectedTotal() != s.Read || s.Rejected["store: poisoned row"] != 1 {
		t.Fatalf("stats %s", s)
	}
	if !strings.Contains(s.String(), "store: poisoned row") {
		t.Errorf("summary %q", s.String())
	}
	lines := map[int64]string{}
	for _, r := range st.rejects {
		lines[r.Line] = r.Reason
	}
	if len(lines) != 2 || lines[2] != "store: poisoned row" || lines[3] != "missing text" {
		t.Errorf("rejects by line %v", lines)
	}
}

// Through the webhook, a mention the file refuses is a 400 naming its line
// and reason, beside the good ones stored.
func TestWebhookReportsRefusals(t *testing.T) {
	p, st, _ := newTestPipeline(t, nil)
	st.refuse = func(m *model.Mention) string {
		if strings.Contains(m.Text, "毒") {
			return "poisoned row"
		}
		return ""
	}
	url := serveWebhook(t, &Webhook{Pipeline: p, Submitter: st})
	code, body := post(t, url, "", line("w1", "好")+"\n"+line("w2", "有毒")+"\n{\"platform\":\"weibo\"\n"+line("w3", "也好"))
	var got webhookReply
	if err := json.Unmarshal([]byte(body), &got); err != nil {
		t.Fatal(err)
	}
	// In line order, the file's refusal beside the decoder's.
	refused := rejectReason{Line: 2, Reason: "store: poisoned row"}
	if code != 400 || got.Stored != 2 || len(got.Rejected) != 2 || got.Rejected[0] != refused || got.Rejected[1].Line != 3 {
		t.Errorf("refused: %d %s", code, body)
	}
	// The reply comes once the rows are committed; the counts follow the
	// commit's notification, which Wait waits for.
	if err := p.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	if s := p.Stats(); s.Read != 4 || s.Stored+s.Duplicates+s.RejectedTotal() != s.Read {
		t.Errorf("stats %s", s)
	}
}

// TestWebhookBoundsBodiesInFlight: with every turn taken by a sender still
// sending, the next waits its turn, then is told to retry, rather than
// have its body held too.
func TestWebhookBoundsBodiesInFlight(t *testing.T) {
	p, st, _ := newTestPipeline(t, nil)
	url := serveWebhook(t, &Webhook{Pipeline: p, Submitter: st, Concurrent: 1, QueueWait: 100 * time.Millisecond})
	pr, pw := io.Pipe()
	slow := make(chan int, 1)
	go func() {
		req, _ := http.NewRequest(http.MethodPost, url, pr)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			slow <- 0
			return
		}
		resp.Body.Close()
		slow <- resp.StatusCode
	}()
	fmt.Fprintln(pw, line("s1", "慢慢发的一条")) // the slow sender has its turn
	time.Sleep(50 * time.Millisecond)
	code, body := post(t, url, "", line("s2", "另一条"))
	if code != http.StatusServiceUnavailable || !strings.Contains(body, "retry") {
		t.Errorf("while the only turn is taken: %d %s", code, body)
	}
	pw.Close()
	if code := <-slow; code != http.StatusOK {
		t.Errorf("the slow sender: %d", code)
	}
	if code, body := post(t, url, "", line("s3", "轮到了")); code != http.StatusOK {
		t.Errorf("after the turn is free: %d %s", code, body)
	}
}

// TestWebhookTokenFirst: the token is checked before anything else, and
// the scheme's name in any case.
func TestWebhookTokenFirst(t *testing.T) {
	p, st, _ := newTestPipeline(t, nil)
	url := serveWebhook(t, &Webhook{Pipeline: p, Submitter: st, Token: "s3cret"})
	if code, _ := post(t, strings.TrimSuffix(url, "/mentions")+"/other", "", "{}"); code != http.StatusUnauthorized {
		t.Errorf("wrong path without a token: %d, want 401", code)
	}
	req, _ := http.NewRequest(http.MethodPost, url, strings.NewReader(line("t1", "小写的 bearer")))
	req.Header.Set("Authorization", "bearer s3cret")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("lower-case bearer: %d", resp.StatusCode)
	}
}
