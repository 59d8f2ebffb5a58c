package data

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"warroom/model"
)

// TestWatcherSeesOtherWriters: a second store on the same file stands for
// another process (an ingest in another terminal); the watcher notices its
// commits, and what was added can be read by id and seq.
func TestWatcherSeesOtherWriters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "incident.db")
	mine, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer mine.Close()
	w, err := mine.NewWatcher(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if changed, err := w.Changed(ctx); err != nil || changed {
		t.Fatalf("nothing written yet: changed %v, %v", changed, err)
	}
	lastM, lastE, err := mine.LastIDs(ctx)
	if err != nil || lastM != 0 || lastE != 0 {
		t.Fatalf("empty file: last ids %d, %d, %v", lastM, lastE, err)
	}

	other, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	ow, _ := newWriter(t, other, WriterOptions{})
	ow.Mention(mention(model.Weibo, "a", "另一个终端导入的帖子", t0))
	ow.Mention(mention(model.Douyin, "b", "第二条", t0))
	ow.Event(model.NewEvent(t0, model.KindCreated, "ingest", model.IncidentPayload{Name: "x"}))
	flush(t, ow)

	if changed, err := w.Changed(ctx); err != nil || !changed {
		t.Fatalf("after another store committed: changed %v, %v", changed, err)
	}
	if changed, _ := w.Changed(ctx); changed {
		t.Fatal("changed twice for one commit")
	}
	ms, err := mine.MentionsAfter(ctx, 0, 10)
	if err != nil || len(ms) != 2 || ms[0].ExternalID != "a" || ms[1].ExternalID != "b" {
		t.Fatalf("mentions after 0: %v, %v", ms, err)
	}
	if ms, _ := mine.MentionsAfter(ctx, ms[0].ID, 10); len(ms) != 1 || ms[0].ExternalID != "b" {
		t.Fatalf("mentions after the first: %v", ms)
	}
	evs, err := mine.EventsAfter(ctx, 0)
	if err != nil || len(evs) != 1 || evs[0].Kind != model.KindCreated {
		t.Fatalf("events after 0: %v, %v", evs, err)
	}
	lastM, lastE, _ = mine.LastIDs(ctx)
	if lastM != ms[1].ID || lastE != evs[0].Seq {
		t.Fatalf("last ids %d, %d; want %d, %d", lastM, lastE, ms[1].ID, evs[0].Seq)
	}
}

// twoStores opens one new file twice, as two processes would; both are
// closed with the test.
func twoStores(t *testing.T) (a, b *Store) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "incident.db")
	for _, s := range []**Store{&a, &b} {
		st, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		*s = st
	}
	return a, b
}

// TestTwoWritersOneFile: two processes write the same incident file, as an
// ingest beside a console does. Each writer sees what the other committed
// before it writes: events fold on the whole log, and mentions are indexed
// once, whichever writer indexes them.
func TestTwoWritersOneFile(t *testing.T) {
	a, b := twoStores(t)
	wa, _ := newWriter(t, a, WriterOptions{})
	wb, recB := newWriter(t, b, WriterOptions{}) // loads the file now, before a writes

	wa.Mention(mention(model.Weibo, "a1", "甲写的第一条", t0))
	wa.Event(model.NewEvent(t0, model.KindTaskAdd, "甲", model.TaskPayload{ID: "t1", Title: "回应", Role: model.RoleSocial}))
	flush(t, wa)
	wb.Mention(mention(model.Weibo, "b1", "乙写的一条", t0.Add(time.Second)))
	wb.Event(model.NewEvent(t0.Add(time.Second), model.KindTaskMove, "乙", model.TaskMovePayload{ID: "t1", To: model.TaskDoing}))
	flush(t, wb)
	wa.Mention(mention(model.Douyin, "a2", "甲写的第二条", t0.Add(2*time.Second)))
	flush(t, wa)

	if c := recB.total(); len(c.Warnings) > 0 || len(c.Events) != 1 {
		t.Fatalf("b's task move: %d events, warnings %v", len(c.Events), c.Warnings)
	}
	tasks, err := a.Tasks(ctx)
	if err != nil || len(tasks) != 1 || tasks[0].Status != model.TaskDoing {
		t.Fatalf("tasks as the file keeps them: %+v, %v", tasks, err)
	}
	for _, q := range []string{"甲写的第一条", "乙写的一条", "甲写的第二条"} {
		if ms, err := b.Mentions(ctx, MentionFilter{Query: q}); err != nil || len(ms) != 1 {
			t.Errorf("search %q: %d, %v", q, len(ms), err)
		}
	}
	if ms, err := a.Mentions(ctx, MentionFilter{Platform: model.Weibo}); err != nil || len(ms) != 2 {
		t.Errorf("weibo list: %d, %v", len(ms), err)
	}
}

// TestSubmittedEventsMustFold: two consoles on one file both create task
// t20. The second request is checked against the file as it is when it is
// written, and refused whole; nothing of it is stored.
func TestSubmittedEventsMustFold(t *testing.T) {
	a, b := twoStores(t)
	wa, _ := newWriter(t, a, WriterOptions{})
	wb, _ := newWriter(t, b, WriterOptions{})
	task := func(actor, title string) model.Event {
		return model.NewEvent(t0, model.KindTaskAdd, actor, model.TaskPayload{ID: "t20", Title: title, Role: model.RoleSocial})
	}
	if _, err := wa.SubmitEvents(ctx, []model.Event{task("张三", "同时A")}); err != nil {
		t.Fatal(err)
	}
	note := model.NewEvent(t0, model.KindNote, "赵六", model.NotePayload{Section: model.NoteWentWell, Text: "先记一笔"})
	stored, err := wb.SubmitEvents(ctx, []model.Event{note, task("赵六", "同时B")})
	if err == nil || !strings.Contains(err.Error(), "t20") || len(stored) != 0 {
		t.Fatalf("second t20: stored %d, err %v; want it refused whole", len(stored), err)
	}
	evs, err := a.Events(ctx, time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, e := range evs {
		kinds = append(kinds, e.Kind)
	}
	if len(evs) != 1 || evs[0].Actor != "张三" {
		t.Fatalf("the log holds %v; want only 张三's task", kinds)
	}
	// Once refreshed, the second console's next id goes through.
	next := model.NewEvent(t0, model.KindTaskAdd, "赵六", model.TaskPayload{ID: "t21", Title: "同时B", Role: model.RoleSocial})
	if _, err := wb.SubmitEvents(ctx, []model.Event{note, next}); err != nil {
		t.Fatalf("t21: %v", err)
	}
}

// TestRefusedRequestInAPoisonedBatch: a refused request shares its batch
// with a row the file refuses, so the batch is retried piece by piece. The
// request is still refused whole, once, and nothing of it is stored.
func TestRefusedRequestInAPoisonedBatch(t *testing.T) {
	s := openTest(t)
	poison(t, s)
	w, _ := newWriter(t, s, WriterOptions{MaxDelay: 200 * time.Millisecond})
	task := func(id string) model.Event {
		return model.NewEvent(t0, model.KindTaskAdd, "甲", model.TaskPayload{ID: id, Title: "回应", Role: model.RoleSocial})
	}
	if _, err := w.SubmitEvents(ctx, []model.Event{task("t20")}); err != nil {
		t.Fatal(err)
	}
	note := model.NewEvent(t0, model.KindNote, "乙", model.NotePayload{Section: model.NoteWentWell, Text: "记一笔"})
	for i, evs := range [][]model.Event{{task("t20"), note}, {task("t20"), task("t20")}} {
		w.Mention(mention(model.Weibo, fmt.Sprint("bad", i), "毒", t0)) // the same batch, which it poisons
		c, err := w.submit(ctx, &request{events: evs, done: make(chan Commit, 1)})
		if err == nil || c.Failed != 2 || len(c.Events) != 0 {
			t.Errorf("request %d: failed %d, stored %d, err %v; want both refused, once each", i, c.Failed, len(c.Events), err)
		}
	}
	flush(t, w)
	evs, err := s.Events(ctx, time.Time{}, time.Time{})
	if err != nil || len(evs) != 1 {
		t.Fatalf("the log holds %d events (%v); want only the first task", len(evs), err)
	}
}

// TestSearchMatcherAgreesWithSearch: the live test a console applies to
// arriving mentions means what the stored search means.
func TestSearchMatcherAgreesWithSearch(t *testing.T) {
	s := openTest(t)
	w, _ := newWriter(t, s, WriterOptions{})
	texts := []string{"头发问题，必须召回", "召回了一批", "外卖里有头发", "abcdcba 测试", "ab 测试", "鲜味坊 吃出 异物", "Recall the batch now"}
	for i, x := range texts {
		w.Mention(mention(model.Weibo, fmt.Sprint(i), x, t0))
	}
	flush(t, w)
	for _, q := range []string{"召回 头发", "头发", "ab", "吃出异物", "recall", "鲜味坊 异物"} {
		ms, err := s.Mentions(ctx, MentionFilter{Query: q})
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]bool{}
		for _, m := range ms {
			want[m.Text] = true
		}
		match := SearchMatcher(q)
		for _, x := range texts {
			if got := match(x); got != want[x] {
				t.Errorf("query %q, text %q: live %v, search %v", q, x, got, want[x])
			}
		}
	}
	if SearchMatcher("  ") != nil {
		t.Error("a query of no terms filters")
	}
}
