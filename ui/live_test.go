package ui

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"warroom/model"
	"warroom/ui/i18n"
)

func TestWaitUpdatesCoalesces(t *testing.T) {
	ch := make(chan Update, 10)
	for i := range 5 {
		ch <- Update{Mentions: []*model.Mention{{ID: int64(i + 1)}}, Events: []model.Event{{Seq: int64(i + 1)}}}
	}
	msg := waitUpdates(ch)().(updatesMsg)
	if len(msg.u.Mentions) != 5 || len(msg.u.Events) != 5 || msg.closed {
		t.Fatalf("merged %d mentions %d events closed=%v", len(msg.u.Mentions), len(msg.u.Events), msg.closed)
	}
	close(ch)
	if msg := waitUpdates(ch)().(updatesMsg); !msg.closed {
		t.Fatal("a closed channel was not reported")
	}
}

func TestSubscriptionReArms(t *testing.T) {
	ch := make(chan Update, 1)
	b := fixture()
	r := newRig(t, b, 120, 40, func(o *Options) { o.Updates = ch })
	_, cmd := r.m.Update(updatesMsg{u: Update{}})
	if cmd == nil {
		t.Fatal("the subscription did not re-arm")
	}
	_, cmd = r.m.Update(updatesMsg{closed: true})
	if cmd != nil {
		t.Fatal("re-armed after the channel closed")
	}
	if !r.m.closed {
		t.Fatal("closed channel not recorded")
	}
}

func newMention(b *fakeBackend, text string, neg bool, at time.Time) []*model.Mention {
	return b.add(&model.Mention{Platform: model.Douyin, AuthorName: "新用户", Text: text, Negative: neg, Severity: 60, CreatedAt: at})
}

func TestFollowShowsNewestOnTop(t *testing.T) {
	b := fixture()
	r := newRig(t, b, 120, 40)
	r.send(updatesMsg{u: Update{Mentions: newMention(b, "刚刚发生的新帖子", true, t0)}})
	f := r.m.feed
	if f.rows[0].Text != "刚刚发生的新帖子" || f.count != 41 {
		t.Fatalf("top %q count %d", f.rows[0].Text, f.count)
	}
	r.mustShow("41 matches")
	all, share := r.m.minutes.series(t0)
	if all[len(all)-1] != 1 || share[len(share)-1] != 1 {
		t.Fatalf("sparkline minute not counted: %v %v", all[len(all)-1], share[len(share)-1])
	}
	// A mention that does not match the filter is counted in the sparkline
	// but not shown.
	r.key("n")
	r.send(updatesMsg{u: Update{Mentions: newMention(b, "好评", false, t0)}})
	if f.rows[0].Text == "好评" {
		t.Fatal("a filtered-out mention shows")
	}
}

func TestPausedCountsNewRows(t *testing.T) {
	b := fixture()
	r := newRig(t, b, 120, 40)
	r.key("j", "j")
	sel := r.m.feed.rows[r.m.feed.sel].ID
	for i := range 3 {
		r.send(updatesMsg{u: Update{Mentions: newMention(b, fmt.Sprintf("新帖 %d", i), true, t0)}})
	}
	f := r.m.feed
	if f.rows[f.sel].ID != sel {
		t.Fatal("the selection moved under the reader")
	}
	r.mustShow("paused — f to follow (3 new)")
	r.key("f")
	if !f.follow || f.rows[0].Text != "新帖 2" || f.sel != 0 {
		t.Fatalf("f: follow %v top %q sel %d", f.follow, f.rows[0].Text, f.sel)
	}
	r.mustShow("following")
}

func bigBackend(n int) *fakeBackend {
	b := &fakeBackend{}
	ms := make([]*model.Mention, n)
	for i := range ms {
		ms[i] = &model.Mention{Platform: model.Platforms[i%10], AuthorName: "用户", Text: fmt.Sprintf("第 %d 条 mention", i+1),
			CreatedAt: t0.Add(-time.Duration(n-i) * time.Second), Severity: i % 100, Negative: i%2 == 0}
	}
	b.add(ms...)
	return b
}

// TestPagingKeepsWindowBounded scrolls to the bottom of a large feed and
// back: the window never exceeds its bound, rows stay contiguous, and the
// top comes back exactly.
func TestPagingKeepsWindowBounded(t *testing.T) {
	b := bigBackend(12_000)
	r := newRig(t, b, 120, 40)
	f := r.m.feed
	contiguous := func() {
		t.Helper()
		for i := 1; i < len(f.rows); i++ {
			if f.rows[i].ID != f.rows[i-1].ID-1 {
				t.Fatalf("gap in the window at %d: %d then %d", i, f.rows[i-1].ID, f.rows[i].ID)
			}
		}
		if len(f.rows) > maxWindow {
			t.Fatalf("window holds %d rows", len(f.rows))
		}
	}
	for range 200 {
		r.key("G")
	}
	contiguous()
	if got := f.rows[f.sel].ID; got != 1 {
		t.Fatalf("bottom is #%d, want #1", got)
	}
	if f.follow {
		t.Fatal("still following at the bottom")
	}
	for range 200 {
		r.key("g")
	}
	contiguous()
	if got := f.rows[f.sel].ID; got != 12_000 {
		t.Fatalf("top is #%d, want #12000", got)
	}
	// Paging must not re-render the world: the row cache stays small.
	if len(f.cache) > 4*maxWindow {
		t.Fatalf("row cache holds %d rows", len(f.cache))
	}
}

// TestEchoAppliedOnce: our own event comes back on the update channel with
// its Seq; it must not be applied a second time. Someone else's is applied.
func TestEchoAppliedOnce(t *testing.T) {
	b := fixture()
	r := newRig(t, b, 120, 40)
	r.key("3", "l") // t1 todo -> doing, applied when Append returns
	st := r.m.sh.state
	if st.Task("t1").Status != model.TaskDoing {
		t.Fatal("move not applied")
	}
	echo := b.last()
	other := model.NewEvent(t0, model.KindTaskAdd, "李雷", model.TaskPayload{ID: "t9", Title: "别人加的任务"})
	other.Seq = echo.Seq + 1
	r.send(updatesMsg{u: Update{Events: []model.Event{echo, other}}})
	if r.m.sh.statusErr {
		t.Fatalf("echo applied twice: %s", r.m.sh.status)
	}
	if st := r.m.sh.state; st.Task("t9") == nil || st.Task("t1").Status != model.TaskDoing {
		t.Fatal("someone else's event was not applied")
	}
	// An old event replayed (Seq at or below what we have) is ignored.
	r.send(updatesMsg{u: Update{Events: []model.Event{other}}})
	if r.m.sh.statusErr {
		t.Fatalf("an old event was applied again: %s", r.m.sh.status)
	}
	r.mustShow("别人加的任务")
}

// TestEchoBeforeAppendReturns: the store reports a commit before the
// Append that made it returns (its writer goroutine publishes first). The
// events are folded once, with no error, whichever comes first.
func TestEchoBeforeAppendReturns(t *testing.T) {
	b := undeclared()
	r := newRig(t, b, 120, 40)
	sh := r.m.sh
	sh.now = sh.now.Add(123456789 * time.Nanosecond) // a wall clock's nanoseconds
	evs := []model.Event{sh.event(model.KindDeclared, model.DeclarePayload{Level: model.LevelOrange})}
	for _, d := range defaultClocks() {
		evs = append(evs, sh.event(model.KindClockAdd, d))
	}
	cmd := sh.write(evs...)
	answer := cmd() // the Append ran; its answer is not delivered yet
	echo := slices.Clone(b.appended)
	for i := range echo { // the file keeps milliseconds
		echo[i].At = echo[i].At.Truncate(time.Millisecond)
	}
	r.send(updatesMsg{u: Update{Events: echo}})
	r.send(answer)
	if sh.statusErr {
		t.Fatalf("folded twice: %s", sh.status)
	}
	if n := len(sh.state.Clocks); n != 4 || len(sh.pending) != 0 || len(sh.early) != 0 {
		t.Fatalf("%d clocks, %d pending, %d early", n, len(sh.pending), len(sh.early))
	}
	r.key("2")
	r.mustShow("Holding statement")
}

// TestEventsBeforeLoadAreKept: echoes that arrive before the log loads are
// folded after it.
func TestEventsBeforeLoadAreKept(t *testing.T) {
	b := fixture()
	m := New(Options{Backend: b, Clock: model.NewManualClock(t0), NoColor: true, Location: cst})
	late := model.NewEvent(t0, model.KindTaskAdd, "李雷", model.TaskPayload{ID: "t8", Title: "早到的事件"})
	late.Seq = int64(len(b.events) + 1)
	m.Update(updatesMsg{u: Update{Events: []model.Event{late}}})
	evs, _ := b.Events(context.Background(), time.Time{})
	m.Update(eventsMsg{evs: evs})
	if m.sh.state.Task("t8") == nil {
		t.Fatal("an early echo was lost")
	}
	if m.sh.state.Task("t1") == nil {
		t.Fatal("the log was not folded")
	}
}

// TestAlertBannerComesAndGoes: a new alert brings the banner without
// taking focus, and acknowledging it removes it.
func TestAlertBannerComesAndGoes(t *testing.T) {
	b := fixture()
	r := newRig(t, b, 200, 50)
	r.key("A") // acknowledge alert 2
	r.mustNotShow("ALERT")
	r.key("3")
	a := &model.Alert{ID: 3, Rule: model.RuleInfluential, Platform: model.Douyin, Level: model.LevelRed, At: t0, UpdatedAt: t0, Count: 1}
	ev := model.NewEvent(t0, model.KindAlert, "feed", model.AlertPayload{ID: 3, Rule: model.RuleInfluential, Level: model.LevelRed})
	ev.Seq = 100
	r.send(updatesMsg{u: Update{Alerts: []*model.Alert{a}, Events: []model.Event{ev}}})
	r.mustShow("ALERT")
	r.mustShow("Douyin influential negative post")
	if r.m.focus != focusBoard || r.m.over != nil {
		t.Fatal("the alert stole focus")
	}
	checkFrame(t, r.m.View().Content, 200, 50)
	r.key("A")
	r.mustNotShow("ALERT")
}

func TestReplayBoundsQueriesByClock(t *testing.T) {
	b := fixture()
	r := newRig(t, b, 120, 40, withMode(Replay))
	// The fixture's mentions are all before t0; move the clock back and
	// reload: only mentions up to the virtual now show.
	r.clock.Set(t0.Add(-20 * time.Minute))
	r.key("n", "n")
	for _, m := range r.m.feed.rows {
		if m.CreatedAt.After(t0.Add(-20 * time.Minute)) {
			t.Fatalf("replay shows a mention from the future: %s", m.CreatedAt)
		}
	}
	r.mustShow("REPLAY")
}

// TestEchoMatchesToTheMillisecond: an event stamped with nanoseconds (the
// statement workspace stamps its own) is recognised in its echo, which the
// file keeps to the millisecond.
func TestEchoMatchesToTheMillisecond(t *testing.T) {
	e := model.NewEvent(t0.Add(123456789*time.Nanosecond), model.KindNote, "王芳", model.NotePayload{Section: model.NoteAction, Text: "x"})
	echo := e
	echo.At, echo.Seq = e.At.Truncate(time.Millisecond), 7
	if !sameEvent(e, echo) {
		t.Fatal("the echo was not recognised")
	}
	echo.At = echo.At.Add(time.Millisecond)
	if sameEvent(e, echo) {
		t.Fatal("a different millisecond matched")
	}
}

// TestEscalationReopensAlert: an alert acknowledged at one level and then
// escalated past it is open again: the banner comes back saying what was
// acknowledged, it counts as new, leads the list, and acknowledging it
// again records the level now seen. A refresh at the same level does not
// re-open it.
func TestEscalationReopensAlert(t *testing.T) {
	b := fixture()
	r := newRig(t, b, 200, 50)
	r.key("A") // alert 2, the only open one
	r.mustNotShow("ALERT")
	seq := int64(100)
	escalate := func(lvl model.Level, count int, at time.Time) {
		a := *b.alerts[0] // alert 1, acknowledged at ORANGE by 李雷
		a.Level, a.Count, a.UpdatedAt = lvl, count, at
		fig := a.Figures()
		ev := model.NewEvent(at, model.KindAlert, "warroom", model.AlertPayload{ID: 1, Rule: a.Rule, Level: lvl, Message: "weibo spike", Figures: &fig})
		seq++
		ev.Seq = seq
		r.send(updatesMsg{u: Update{Alerts: []*model.Alert{&a}, Events: []model.Event{ev}}})
	}
	escalate(model.LevelRed, 900, t0.Add(-time.Minute))
	r.mustShow("ALERT 14:29:00 RED (acked at ORANGE by 李雷) · spike · Weibo volume spike: 900 mentions")
	r.mustShow("alerts 2 (1 new)")
	r.mustShow("unacked alerts: 1")
	r.key("a")
	o := r.m.over.(*alertsOverlay)
	if first := o.book.all(r.m.sh)[0]; first.ID != 1 {
		t.Fatalf("the escalated alert is not first: %d", first.ID)
	}
	r.mustShow("> RED     14:29:00 spike Weibo volume spike: 900 mentions (baseline 35) acked at ORANGE by 李雷")
	r.key("A")
	var p model.AlertPayload
	if e := b.last(); e.Kind != model.KindAlertAck || e.Decode(&p) != nil || p.ID != 1 || p.Level != model.LevelRed {
		t.Fatalf("the ack written: %s %s", e.Kind, e.Payload)
	}
	r.mustShow("> RED     14:29:00 spike Weibo volume spike: 900 mentions (baseline 35) acked by 王芳")
	r.key("esc")
	r.mustNotShow("ALERT")
	escalate(model.LevelRed, 1200, t0)
	r.mustNotShow("ALERT")
	r.mustShow("unacked alerts: 0")
	a := r.m.sh.state.Alert(1)
	if len(a.Acks) != 2 || a.Acks[0].By != "李雷" || a.Acks[0].Level != model.LevelOrange || a.AckedBy != "李雷" {
		t.Fatalf("the acknowledgement history: %+v, first by %s", a.Acks, a.AckedBy)
	}
}

// TestAlertListAligns: every level takes the same cells in the alert list,
// in both languages, so the times and rules line up row under row.
func TestAlertListAligns(t *testing.T) {
	clock := regexp.MustCompile(`\d\d:\d\d:\d\d`)
	for _, lang := range []i18n.Lang{i18n.EN, i18n.ZH} {
		b := fixture()
		for i, l := range []model.Level{model.LevelBlue, model.LevelYellow} { // with ORANGE and RED: all four
			b.alerts = append(b.alerts, &model.Alert{ID: int64(3 + i), Rule: model.RuleInfluential, Platform: model.Douyin, Level: l,
				At: t0.Add(-time.Duration(i+1) * time.Minute), UpdatedAt: t0, Count: 1})
		}
		for _, w := range []int{80, 120, 200} {
			r := newRig(t, b, w, 40, withLang(lang))
			r.key("a")
			cols := map[int]bool{}
			for _, line := range strings.Split(r.screen(), "\n") {
				if !strings.Contains(line, "│ │") {
					continue
				}
				if loc := clock.FindStringIndex(line); loc != nil {
					cols[width(line[:loc[0]])] = true
				}
			}
			if len(cols) != 1 {
				t.Errorf("%s at %d columns: the times start at columns %v\n%s", lang, w, cols, r.screen())
			}
		}
	}
}
