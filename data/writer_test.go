package data

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"warroom/model"
)

func TestWriterMentionRoundTrip(t *testing.T) {
	s := openTest(t)
	w, rec := newWriter(t, s, WriterOptions{})
	full := &model.Mention{
		Platform: model.Douyin, ExternalID: "7350000000000000001", AuthorName: "小王爱喝咖啡", AuthorID: "MS4wLjAB",
		AuthorFollowers: 1234567, Verified: true,
		Text:      "今天喝出了异物 [视频]",
		RawText:   "今天喝出了异物\x1b[31m [视频]\u202e",
		CreatedAt: t0.Add(-5*time.Minute + 123456789), IngestedAt: t0.Add(789 * time.Microsecond),
		Likes: 1, Comments: 2, Shares: 3, URL: "https://www.douyin.com/video/7350000000000000001",
		ParentID: "7349999999999999999", IPLocation: "广东", Source: "crawler-2026-03-15.jsonl",
		Sentiment: -0.75, Negative: true, Category: model.CategoryFoodSafety, Severity: 87,
		Terms: []string{"异物", "恶心"},
	}
	bare := &model.Mention{Platform: model.Other, ExternalID: "x", Text: "hello", IngestedAt: t0.Add(time.Second)}
	for _, m := range []*model.Mention{full, bare} {
		if err := w.Mention(m); err != nil {
			t.Fatal(err)
		}
	}
	flush(t, w)
	if full.ID == 0 || bare.ID != full.ID+1 {
		t.Fatalf("ids %d, %d", full.ID, bare.ID)
	}
	if !full.CreatedAt.Equal(t0.Add(-5*time.Minute+123*time.Millisecond)) || !full.IngestedAt.Equal(t0) {
		t.Errorf("times not rounded to milliseconds: %v %v", full.CreatedAt, full.IngestedAt)
	}
	for _, want := range []*model.Mention{full, bare} {
		got, err := s.Mention(ctx, want.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("round trip:\n got %+v\nwant %+v", got, want)
		}
	}
	if got := rec.total().Mentions; len(got) != 2 || got[0] != full || got[1] != bare {
		t.Errorf("commit reported %v", got)
	}
	if _, err := s.Mention(ctx, 999); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing mention: %v", err)
	}
}

func TestWriterDuplicates(t *testing.T) {
	s := openTest(t)
	w, rec := newWriter(t, s, WriterOptions{})
	at := t0
	m1 := mention(model.Weibo, "1", "第一条", at)
	m2 := mention(model.Weibo, "2", "第二条", at)
	again := mention(model.Weibo, "1", "第一条（重复抓取）", at) // same batch
	other := mention(model.Douyin, "1", "抖音的1号", at)    // same id, other platform: not a duplicate
	c, err := w.Submit(ctx, []*model.Mention{m1, m2, again, other}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Mentions) != 3 || c.Duplicates != 1 {
		t.Errorf("first submit: %d stored, %d duplicates", len(c.Mentions), c.Duplicates)
	}
	if again.ID != 0 {
		t.Errorf("a duplicate got id %d", again.ID)
	}
	later := mention(model.Weibo, "2", "第二条", at.Add(time.Minute))
	w.Mention(later)
	flush(t, w)
	tot := rec.total()
	if len(tot.Mentions) != 3 || tot.Duplicates != 2 {
		t.Errorf("in all: %d stored, %d duplicates", len(tot.Mentions), tot.Duplicates)
	}
	total, _, err := s.MentionStats(ctx)
	if err != nil || total != 3 {
		t.Errorf("stats total %d, %v", total, err)
	}
	mc, err := s.MinuteCounts(ctx, time.Time{}, time.Time{}, "")
	if err != nil {
		t.Fatal(err)
	}
	sum := 0
	for _, c := range mc {
		sum += c.All
	}
	if sum != 3 {
		t.Errorf("minute counts add up to %d, want 3 (duplicates must not count)", sum)
	}
}

func TestWriterReposts(t *testing.T) {
	s := openTest(t)
	w, _ := newWriter(t, s, WriterOptions{})
	const text = "今天在门店买的咖啡喝出了异物，太恶心了！"
	orig := mention(model.Weibo, "a1", text, t0)
	copy1 := mention(model.Douyin, "b1", "今天在门店买的咖啡喝出了异物。。。太恶心了😡", t0)
	copy2 := mention(model.Weibo, "a2", " 今天在门店买的咖啡 喝出了异物 太恶心了 ", t0)
	short1 := mention(model.Weibo, "s1", "支持！", t0)
	short2 := mention(model.Weibo, "s2", "支持！", t0)
	preset := mention(model.Weibo, "p1", "完全不同的另一段很长很长的文字内容", t0)
	if _, err := w.Submit(ctx, []*model.Mention{orig, copy1, copy2, short1, short2}, nil); err != nil {
		t.Fatal(err)
	}
	preset.DupOf = short1.ID // the caller's own judgement is kept
	w.Mention(preset)
	flush(t, w)
	if orig.DupOf != 0 || copy1.DupOf != orig.ID || copy2.DupOf != orig.ID {
		t.Errorf("DupOf: orig %d, copies %d %d, want 0, %d, %d", orig.DupOf, copy1.DupOf, copy2.DupOf, orig.ID, orig.ID)
	}
	if short2.DupOf != 0 {
		t.Error("short texts must not be linked")
	}
	if preset.DupOf != short1.ID {
		t.Errorf("preset DupOf overwritten: %d", preset.DupOf)
	}
	// A new writer (a restarted session) still links to the original.
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	w2, _ := newWriter(t, s, WriterOptions{})
	copy3 := mention(model.Bilibili, "c1", text, t0.Add(time.Hour))
	w2.Mention(copy3)
	flush(t, w2)
	if copy3.DupOf != orig.ID {
		t.Errorf("after restart DupOf = %d, want %d", copy3.DupOf, orig.ID)
	}
	got, err := s.Mention(ctx, copy3.ID)
	if err != nil || got.DupOf != orig.ID {
		t.Errorf("stored DupOf %v, %v", got, err)
	}
}

// TestWriterRepostMemoryIsBounded: a session remembers between one and two
// windows of the newest originals, not every text it ever stored.
func TestWriterRepostMemoryIsBounded(t *testing.T) {
	s := openTest(t)
	w, _ := newWriter(t, s, WriterOptions{})
	w.repostWindow = 3 // before the first mention, which loads the memory
	text := func(c string) string { return "第" + c + "条关于门店咖啡里喝出异物的长篇投诉" }
	store := func(ext, c string) *model.Mention {
		m := mention(model.Weibo, ext, text(c), t0)
		if _, err := w.Submit(ctx, []*model.Mention{m}, nil); err != nil {
			t.Fatal(err)
		}
		return m
	}
	origs := map[string]*model.Mention{}
	for _, c := range []string{"A", "B", "C", "D", "E"} {
		origs[c] = store("o"+c, c) // A B C fill a window and age; D E are the newer one
	}
	if again := store("copyA", "A"); again.DupOf != origs["A"].ID {
		t.Errorf("a copy of A (one window back) links to %d, want %d", again.DupOf, origs["A"].ID)
	}
	// The copy of A moved A to the newer window, beside D and E: it is full,
	// and B and C are forgotten, A is not.
	if again := store("copyB", "B"); again.DupOf != 0 {
		t.Errorf("a copy of B (two windows back) links to %d", again.DupOf)
	}
	if again := store("copyA2", "A"); again.DupOf != origs["A"].ID {
		t.Errorf("A, still being reposted, was forgotten: links to %d", again.DupOf)
	}
	if again := store("copyE", "E"); again.DupOf != origs["E"].ID {
		t.Errorf("a copy of E links to %d, want %d", again.DupOf, origs["E"].ID)
	}
	if n := len(w.hashes.cur) + len(w.hashes.prev); n > 2*3 {
		t.Errorf("the memory holds %d texts", n)
	}
}

func TestWriterRejects(t *testing.T) {
	s := openTest(t)
	w, rec := newWriter(t, s, WriterOptions{})
	rs := []Reject{
		{Source: "dump.jsonl", Line: 7, Offset: 4096, Reason: "bad json", Raw: []byte{'{', 0, 0xff, '\n', 0xfe}, At: t0.Add(1500 * time.Microsecond)},
		{Source: "dump.jsonl", Line: 9, Offset: 5000, Reason: "bad json", Raw: []byte(`{"text": 1}`), At: t0},
		{Source: "webhook", Reason: "too long", At: t0},
	}
	for _, r := range rs {
		if err := w.Reject(r); err != nil {
			t.Fatal(err)
		}
	}
	flush(t, w)
	got, err := s.Rejects(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Fatalf("%d rejects", len(got))
	}
	for i, g := range got {
		want := rs[len(rs)-1-i] // newest first
		if g.ID == 0 || g.Source != want.Source || g.Line != want.Line || g.Offset != want.Offset ||
			g.Reason != want.Reason || !bytes.Equal(g.Raw, want.Raw) || !g.At.Equal(want.At.Truncate(time.Millisecond)) {
			t.Errorf("reject %d: got %+v, want %+v", i, g, want)
		}
	}
	if got[0].Raw != nil {
		t.Errorf("nil raw read back as %q", got[0].Raw)
	}
	counts, err := s.RejectCounts(ctx)
	if err != nil || !reflect.DeepEqual(counts, map[string]int{"bad json": 2, "too long": 1}) {
		t.Errorf("counts %v, %v", counts, err)
	}
	if n := len(rec.total().Rejects); n != 3 {
		t.Errorf("commits reported %d rejects", n)
	}
}

// poison makes the file refuse any mention whose text is 毒: a failure the
// writer cannot see coming, like a corrupt page or a trigger added by hand.
func poison(t *testing.T, s *Store) {
	t.Helper()
	if _, err := s.wdb.Exec(`CREATE TRIGGER poison BEFORE INSERT ON mention WHEN NEW.text = '毒'
		BEGIN SELECT RAISE(ABORT, 'poisoned row'); END`); err != nil {
		t.Fatal(err)
	}
}

// TestWriterPoisonedRow checks that a row the file refuses costs only
// itself: the batch is retried row by row and the bad mention becomes a
// reject.
func TestWriterPoisonedRow(t *testing.T) {
	s := openTest(t)
	poison(t, s)
	w, _ := newWriter(t, s, WriterOptions{})
	good1 := mention(model.Weibo, "1", "好的一条", t0)
	bad := mention(model.Weibo, "3", "毒", t0)
	good2 := mention(model.Weibo, "2", "好的另一条", t0)
	ev := model.NewEvent(t0, model.KindNote, "lin", model.NotePayload{Section: model.NoteAction, Text: "x"})
	w.Event(ev) // in the same batch, and must survive too
	c, err := w.Submit(ctx, []*model.Mention{good1, bad, good2}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Mentions) != 2 || good1.ID == 0 || good2.ID == 0 || bad.ID != 0 {
		t.Errorf("stored %d mentions (ids %d %d %d)", len(c.Mentions), good1.ID, bad.ID, good2.ID)
	}
	if len(c.Rejects) != 1 || !strings.HasPrefix(c.Rejects[0].Reason, "store: ") || !strings.Contains(c.Rejects[0].Reason, "poisoned row") {
		t.Fatalf("rejects %+v", c.Rejects)
	}
	if len(c.Refused) != 1 || c.Refused[0].ID != c.Rejects[0].ID {
		t.Errorf("refused %+v", c.Refused)
	}
	var back model.Mention
	if err := json.Unmarshal(c.Rejects[0].Raw, &back); err != nil || back.Text != bad.Text {
		t.Errorf("reject raw %q: %v", c.Rejects[0].Raw, err)
	}
	flush(t, w)
	evs, err := s.Events(ctx, time.Time{}, time.Time{})
	if err != nil || len(evs) != 1 {
		t.Errorf("events %v, %v", evs, err)
	}
	if total, _, _ := s.MentionStats(ctx); total != 2 {
		t.Errorf("total %d", total)
	}
}

// TestWriterRollbackForgetsReposts checks that a batch that rolls back
// leaves no trace in the writer's repost memory: when it is retried row by
// row, the first copy of a text is an original, not a repost of itself.
func TestWriterRollbackForgetsReposts(t *testing.T) {
	s := openTest(t)
	poison(t, s)
	w, _ := newWriter(t, s, WriterOptions{})
	const text = "奶茶里喝出了一整块塑料，商家还说是正常现象"
	first := mention(model.Weibo, "1", text, t0)
	bad := mention(model.Weibo, "2", "毒", t0)
	again := mention(model.Douyin, "3", text, t0)
	if _, err := w.Submit(ctx, []*model.Mention{first, bad, again}, nil); err != nil {
		t.Fatal(err)
	}
	if first.ID == 0 || first.DupOf != 0 || again.DupOf != first.ID {
		t.Errorf("first id %d dup of %d; again dup of %d", first.ID, first.DupOf, again.DupOf)
	}
}

// TestWriterKeyless checks that a mention without the two fields the file
// keys it on becomes a reject, not a row, and costs its batch nothing.
func TestWriterKeyless(t *testing.T) {
	s := openTest(t)
	w, _ := newWriter(t, s, WriterOptions{})
	good := mention(model.Weibo, "1", "好的一条", t0)
	noID := mention(model.Weibo, "", "没有外部编号", t0)
	noPlatform := mention("", "2", "没有平台", t0)
	noID.Source, noID.Line = "in.jsonl", 7
	bad := Reject{Source: "in.jsonl", Line: 3, Reason: "truncated JSON"}
	c, err := w.Submit(ctx, []*model.Mention{noID, good, noPlatform}, []Reject{bad})
	if err != nil {
		t.Fatal(err)
	}
	// The refused mentions are told apart from rejects queued as such,
	// which their sender has counted already, and keep their line.
	if len(c.Rejects) != 3 || len(c.Refused) != 2 || c.Refused[0].Line != 7 || c.Refused[0].Source != "in.jsonl" {
		t.Errorf("refused %+v of rejects %+v", c.Refused, c.Rejects)
	}
	if len(c.Mentions) != 1 || good.ID == 0 || noID.ID != 0 || noPlatform.ID != 0 {
		t.Errorf("stored %d mentions", len(c.Mentions))
	}
	var reasons []string
	for _, r := range c.Refused {
		reasons = append(reasons, r.Reason)
	}
	if want := []string{"store: mention has no external id", "store: mention has no platform"}; !reflect.DeepEqual(reasons, want) {
		t.Errorf("reject reasons %q, want %q", reasons, want)
	}
	var n int
	s.reader().db.QueryRow(`SELECT count(*) FROM mention WHERE platform = '' OR external_id = ''`).Scan(&n)
	if n != 0 {
		t.Errorf("%d keyless rows stored", n)
	}
}

// incidentEvents is a short incident: declared, a clock, a task moved, a
// holding statement through legal review to publication, a note.
func incidentEvents() []model.Event {
	at := func(m int) time.Time { return t0.Add(time.Duration(m) * time.Minute).Add(123456 * time.Nanosecond) }
	return []model.Event{
		model.NewEvent(at(0), model.KindCreated, "lin", model.IncidentPayload{Name: "咖啡异物", Brand: "某咖啡"}),
		model.NewEvent(at(1), model.KindClockAdd, "lin", model.ClockPayload{ID: "c1", Name: "holding statement",
			Anchor: model.KindDeclared, Duration: time.Hour, DueSoon: 15 * time.Minute, MetBy: "statement.published:holding"}),
		model.NewEvent(at(2), model.KindDeclared, "lin", model.DeclarePayload{Level: model.LevelOrange, Scenario: "food"}),
		model.NewEvent(at(3), model.KindTaskAdd, "lin", model.TaskPayload{ID: "t1", Title: "联系消费者",
			Role: model.RoleService, Due: t0.Add(time.Hour), Links: []string{"mention:1"}}),
		model.NewEvent(at(4), model.KindTaskMove, "wang", model.TaskMovePayload{ID: "t1", To: model.TaskDoing}),
		model.NewEvent(at(5), model.KindDraft, "zhao", model.StatementPayload{ID: "s1", Kind: model.StatementHolding,
			Platform: model.Weibo, Text: "我们已关注到相关反馈，正在核查。"}),
		model.NewEvent(at(6), model.KindSubmit, "zhao", model.StatementPayload{ID: "s1"}),
		model.NewEvent(at(7), model.KindApprove, "qian", model.ReviewPayload{ID: "s1", Roles: []model.Role{model.RoleLegal}}),
		model.NewEvent(at(8), model.KindPause, "lin", model.ClockMetPayload{ID: "c1"}),
		model.NewEvent(at(9), model.KindResume, "lin", model.ClockMetPayload{ID: "c1"}),
		model.NewEvent(at(10), model.KindPublish, "zhao", model.StatementPayload{ID: "s1", Platform: model.Weibo}),
		model.NewEvent(at(11), model.KindNote, "lin", model.NotePayload{Section: model.NoteWentWell, Text: "响应快"}),
	}
}

func TestWriterEventsAndProjections(t *testing.T) {
	s := openTest(t)
	w, rec := newWriter(t, s, WriterOptions{})
	evs := incidentEvents()
	for _, e := range evs {
		if err := w.Event(e); err != nil {
			t.Fatal(err)
		}
	}
	flush(t, w)
	c := rec.total()
	if len(c.Warnings) != 0 {
		t.Fatalf("warnings: %v", c.Warnings)
	}
	if len(c.Events) != len(evs) {
		t.Fatalf("%d events committed", len(c.Events))
	}
	for i, e := range c.Events {
		if e.Seq != int64(i+1) || !e.At.Equal(evs[i].At.Truncate(time.Millisecond)) || !bytes.Equal(e.Payload, evs[i].Payload) {
			t.Errorf("event %d: %+v", i, e)
		}
	}
	stored, err := s.Events(ctx, time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(stored, c.Events) {
		t.Errorf("stored events differ from committed:\n%v\n%v", stored, c.Events)
	}
	// The projections are the fold of the stored log.
	state, errs := model.Fold(stored, time.Time{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	tasks, err := s.Tasks(ctx)
	if err != nil || !reflect.DeepEqual(tasks, state.Tasks) {
		t.Errorf("tasks %v (%v), want %v", tasks, err, state.Tasks)
	}
	clocks, err := s.Clocks(ctx)
	if err != nil || !reflect.DeepEqual(clocks, state.Clocks) {
		t.Errorf("clocks %+v (%v), want %+v", clocks[0], err, state.Clocks[0])
	}
	if clocks[0].MetAt.IsZero() || len(clocks[0].Pauses) != 1 {
		t.Errorf("clock not met by the publication, or pause lost: %+v", clocks[0])
	}
	sts, err := s.Statements(ctx)
	for _, x := range state.Statements {
		x.Editor = "" // only the fold knows it (see Store.Statements)
	}
	if err != nil || !reflect.DeepEqual(sts, state.Statements) {
		t.Errorf("statements %+v (%v), want %+v", sts, err, state.Statements)
	}
	if sts[0].Status != model.StatementPublished {
		t.Errorf("statement %s", sts[0].Status)
	}

	// Time windows.
	upTo, err := s.EventsUpTo(ctx, t0.Add(5*time.Minute+time.Second))
	if err != nil || len(upTo) != 6 {
		t.Errorf("EventsUpTo: %d, %v", len(upTo), err)
	}
	win, err := s.Events(ctx, t0.Add(2*time.Minute), t0.Add(4*time.Minute))
	if err != nil || len(win) != 2 || win[0].Kind != model.KindDeclared {
		t.Errorf("Events window: %v, %v", win, err)
	}

	// An event that does not apply is stored and reported, not refused.
	bad := model.NewEvent(t0.Add(20*time.Minute), model.KindTaskMove, "wang", model.TaskMovePayload{ID: "t9", To: model.TaskDone})
	w.Event(bad)
	w.Event(model.Event{At: t0.Add(21 * time.Minute), Kind: "custom.kind", Actor: "x"}) // no payload
	flush(t, w)
	c = rec.total()
	if len(c.Warnings) != 1 || !strings.Contains(c.Warnings[0].Error(), "t9") {
		t.Errorf("warnings %v", c.Warnings)
	}
	all, _ := s.Events(ctx, time.Time{}, time.Time{})
	if len(all) != len(evs)+2 || string(all[len(all)-1].Payload) != "null" {
		t.Errorf("bad events not stored: %d, last %+v", len(all), all[len(all)-1])
	}

	// A new writer folds the log it finds: a move of t1 applies cleanly.
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	w2, rec2 := newWriter(t, s, WriterOptions{})
	w2.Event(model.NewEvent(t0.Add(30*time.Minute), model.KindTaskMove, "wang", model.TaskMovePayload{ID: "t1", To: model.TaskDone}))
	flush(t, w2)
	if ws := rec2.total().Warnings; len(ws) != 0 {
		t.Errorf("after reload: %v", ws)
	}
	tasks, _ = s.Tasks(ctx)
	if tasks[0].Status != model.TaskDone || !tasks[0].DoneAt.Equal(t0.Add(30*time.Minute)) {
		t.Errorf("task after reload %+v", tasks[0])
	}
}

func TestWriterAlerts(t *testing.T) {
	s := openTest(t)
	w, rec := newWriter(t, s, WriterOptions{})
	a := &model.Alert{Key: "spike:weibo", Rule: model.RuleSpike, Platform: model.Weibo, Level: model.LevelYellow,
		At: t0, UpdatedAt: t0, WindowFrom: t0.Add(-10 * time.Minute), WindowTo: t0, Count: 120, Baseline: 12.5,
		Value: 9.6, Threshold: 3, Category: model.CategoryFoodSafety, Terms: []string{"异物"}, Evidence: []int64{1, 2, 3},
		Message: "weibo mentions at 9.6x baseline"}
	alertEvents := func() []model.AlertPayload {
		var out []model.AlertPayload
		for _, e := range rec.total().Events {
			if e.Kind == model.KindAlert {
				var p model.AlertPayload
				if err := e.Decode(&p); err != nil {
					t.Fatal(err)
				}
				out = append(out, p)
			}
		}
		return out
	}
	w.Alert(a)
	flush(t, w)
	if a.ID == 0 {
		t.Fatal("alert id not set")
	}
	got, err := s.Alert(ctx, a.ID)
	if err != nil || !reflect.DeepEqual(got, a) {
		t.Errorf("alert round trip:\n got %+v\nwant %+v (%v)", got, a, err)
	}
	fig := a.Figures()
	want := []model.AlertPayload{{ID: a.ID, Rule: a.Rule, Level: a.Level, Category: a.Category, Message: a.Message, Figures: &fig}}
	if evs := alertEvents(); !reflect.DeepEqual(evs, want) {
		t.Errorf("alert events %+v", evs)
	}

	// Escalation by id: a new event.
	a.Level, a.UpdatedAt, a.Count, a.Message = model.LevelOrange, t0.Add(5*time.Minute), 300, "weibo at 24x"
	w.Alert(a)
	// Sent again with nothing changed: no event.
	w.Alert(a)
	// A refresh whose figures changed but not its message: an event, so a
	// replay shows the figures as they were at each moment. The same key
	// without an id updates the same row.
	again := *a
	again.ID, again.Count, again.UpdatedAt = 0, 302, t0.Add(6*time.Minute)
	w.Alert(&again)
	flush(t, w)
	if again.ID != a.ID {
		t.Errorf("same key gave a new alert %d (first %d)", again.ID, a.ID)
	}
	if evs := alertEvents(); len(evs) != 3 || evs[1].Figures.Count != 300 || evs[2].Figures.Count != 302 {
		t.Errorf("alert events %+v, want 3 with counts 120, 300, 302", evs)
	}
	if got, _ := s.Alert(ctx, a.ID); got.Count != 302 || got.Level != model.LevelOrange || !got.At.Equal(t0) {
		t.Errorf("after updates %+v", got)
	}

	// Acknowledging is an event; the row follows, and later updates keep it.
	w.Event(model.NewEvent(t0.Add(6*time.Minute), model.KindAlertAck, "lin", model.AlertPayload{ID: a.ID}))
	flush(t, w)
	a.Count = 400
	w.Alert(a)
	flush(t, w)
	got, _ = s.Alert(ctx, a.ID)
	if got.AckedBy != "lin" || !got.AckedAt.Equal(t0.Add(6*time.Minute)) || got.Count != 400 {
		t.Errorf("ack lost: %+v", got)
	}

	// Alerts without a key are all kept.
	w.Alert(&model.Alert{Rule: model.RuleInfluential, Level: model.LevelBlue, At: t0.Add(time.Hour), Message: "a"})
	w.Alert(&model.Alert{Rule: model.RuleInfluential, Level: model.LevelBlue, At: t0.Add(time.Hour), Message: "b"})
	flush(t, w)
	all, err := s.Alerts(ctx, time.Time{})
	if err != nil || len(all) != 3 {
		t.Errorf("alerts: %d, %v", len(all), err)
	}
	early, _ := s.Alerts(ctx, t0.Add(30*time.Minute))
	if len(early) != 1 {
		t.Errorf("alerts until: %d", len(early))
	}
	if _, err := s.Alert(ctx, 999); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing alert: %v", err)
	}
	// The state the writer folds knows the alert and its ack.
	evs, _ := s.Events(ctx, time.Time{}, time.Time{})
	st, errs := model.Fold(evs, time.Time{})
	if len(errs) != 0 || st.Alert(a.ID) == nil || st.Alert(a.ID).AckedBy != "lin" || st.Alert(a.ID).Level != model.LevelOrange {
		t.Errorf("folded alert %+v %v", st.Alert(a.ID), errs)
	}
}

func TestWriterSubmitConcurrent(t *testing.T) {
	s := openTest(t)
	w, _ := newWriter(t, s, WriterOptions{})
	const workers, each = 4, 60
	var wg sync.WaitGroup
	results := make([]Commit, workers)
	errs := make([]error, workers)
	for g := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var ms []*model.Mention
			for i := range each {
				// Ids 0-19 are shared by every worker: only one copy of each is stored.
				ext := fmt.Sprintf("w%d-%d", g, i)
				if i < 20 {
					ext = fmt.Sprintf("shared-%d", i)
				}
				ms = append(ms, mention(model.Weibo, ext, fmt.Sprintf("第%d个worker的第%d条", g, i), t0))
			}
			results[g], errs[g] = w.Submit(ctx, ms, []Reject{{Source: "webhook", Reason: "test", At: t0}})
		}()
	}
	wg.Wait()
	stored, dups := 0, 0
	for g, c := range results {
		if errs[g] != nil {
			t.Fatal(errs[g])
		}
		if len(c.Rejects) != 1 || len(c.Mentions)+c.Duplicates != each {
			t.Errorf("worker %d: %d stored + %d duplicates, %d rejects", g, len(c.Mentions), c.Duplicates, len(c.Rejects))
		}
		for _, m := range c.Mentions {
			if m.ID == 0 || !strings.Contains(m.Text, fmt.Sprintf("第%d个", g)) {
				t.Errorf("worker %d got someone else's mention %+v", g, m)
			}
		}
		stored += len(c.Mentions)
		dups += c.Duplicates
	}
	if stored != workers*(each-20)+20 || dups != (workers-1)*20 {
		t.Errorf("stored %d, duplicates %d", stored, dups)
	}
}

func TestWriterIngestTimeNeverGoesBack(t *testing.T) {
	s := openTest(t)
	w, _ := newWriter(t, s, WriterOptions{})
	m1 := mention(model.Weibo, "1", "一", t0.Add(10*time.Second))
	m2 := mention(model.Weibo, "2", "二", t0.Add(5*time.Second)) // stamped earlier by a slower source
	m3 := mention(model.Weibo, "3", "三", time.Time{})           // not stamped at all
	m3.IngestedAt = time.Time{}
	w.Submit(ctx, []*model.Mention{m1, m2, m3}, nil)
	for _, m := range []*model.Mention{m2, m3} {
		if !m.IngestedAt.Equal(m1.IngestedAt) {
			t.Errorf("mention %s ingested at %v, want %v", m.ExternalID, m.IngestedAt, m1.IngestedAt)
		}
		got, _ := s.Mention(ctx, m.ID)
		if !got.IngestedAt.Equal(m1.IngestedAt) {
			t.Errorf("stored %s at %v", m.ExternalID, got.IngestedAt)
		}
	}
}

func TestWriterBatches(t *testing.T) {
	s := openTest(t)
	w, rec := newWriter(t, s, WriterOptions{MaxBatch: 10, MaxDelay: time.Hour})
	for i := range 95 {
		w.Mention(mention(model.Weibo, fmt.Sprint(i), "批量", t0))
	}
	// MaxDelay is an hour: only full batches commit until the flush.
	deadline := time.Now().Add(10 * time.Second)
	for len(rec.total().Mentions) < 90 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	flush(t, w)
	for i, c := range rec.commits {
		if len(c.Mentions) > 10 {
			t.Errorf("commit %d has %d mentions", i, len(c.Mentions))
		}
	}
	if n := len(rec.total().Mentions); n != 95 {
		t.Errorf("%d stored", n)
	}

	// A lone mention commits within MaxDelay, without a flush.
	s2 := openTest(t)
	w2, rec2 := newWriter(t, s2, WriterOptions{MaxDelay: 20 * time.Millisecond})
	w2.Mention(mention(model.Weibo, "x", "一条", t0))
	deadline = time.Now().Add(10 * time.Second)
	for len(rec2.total().Mentions) == 0 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if len(rec2.total().Mentions) != 1 {
		t.Error("lone mention never committed")
	}
}

func TestWriterFlushMeansIndexed(t *testing.T) {
	s := openTest(t)
	w, _ := newWriter(t, s, WriterOptions{IndexBatch: 7})
	g := newMentionGen(3, t0)
	for range 100 {
		w.Mention(g.next())
	}
	flush(t, w)
	var maxID, upto int64
	s.reader().db.QueryRow(`SELECT max(id) FROM mention`).Scan(&maxID)
	s.reader().db.QueryRow(`SELECT upto FROM mention_index_state`).Scan(&upto)
	if upto != maxID || maxID != 100 {
		t.Errorf("indexed up to %d of %d", upto, maxID)
	}
	var n int
	s.reader().db.QueryRow(`SELECT count(*) FROM mention_fts WHERE mention_fts MATCH '"异物"'`).Scan(&n)
	var want int
	s.reader().db.QueryRow(`SELECT count(*) FROM mention WHERE instr(text, '异物') > 0`).Scan(&want)
	if n != want || n == 0 {
		t.Errorf("index finds %d, text has %d", n, want)
	}
}

func TestWriterLifecycle(t *testing.T) {
	s := openTest(t)
	w, _ := newWriter(t, s, WriterOptions{})
	second := s.NewWriter(WriterOptions{})
	if !errors.Is(second.Err(), ErrWriterActive) || !errors.Is(second.Mention(mention(model.Weibo, "1", "x", t0)), ErrWriterActive) {
		t.Errorf("second writer: %v", second.Err())
	}
	if err := second.Flush(ctx); !errors.Is(err, ErrWriterActive) {
		t.Errorf("second writer flush: %v", err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := w.Mention(mention(model.Weibo, "1", "x", t0)); !errors.Is(err, ErrClosed) {
		t.Errorf("after close: %v", err)
	}
	if err := w.Flush(ctx); !errors.Is(err, ErrClosed) {
		t.Errorf("flush after close: %v", err)
	}
	if err := w.Close(); err != nil {
		t.Errorf("second close: %v", err)
	}
	w3, _ := newWriter(t, s, WriterOptions{})
	if err := w3.Mention(mention(model.Weibo, "1", "x", t0)); err != nil {
		t.Error(err)
	}
	// Closing the store closes its writer, flushing it.
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s2, err := OpenReadOnly(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if total, _, _ := s2.MentionStats(ctx); total != 1 {
		t.Errorf("mention lost at close: total %d", total)
	}
}
