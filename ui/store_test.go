package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"warroom/data"
	"warroom/model"
)

// storeBackend is the console's Backend over a real incident file, as
// main.go wires it, for the replay tests.
type storeBackend struct{ st *data.Store }

func filterOf(q FeedQuery) data.MentionFilter {
	return data.MentionFilter{Platform: q.Platform, NegativeOnly: q.NegativeOnly, MinSeverity: q.MinSeverity,
		Query: q.Search, Until: q.Until, BeforeID: q.BeforeID, Limit: q.Limit, Authors: q.Authors}
}

func (b storeBackend) Mentions(ctx context.Context, q FeedQuery) ([]*model.Mention, error) {
	return b.st.Mentions(ctx, filterOf(q))
}

func (b storeBackend) CountMentions(ctx context.Context, q FeedQuery) (int, error) {
	return b.st.CountMentions(ctx, filterOf(q))
}

func (b storeBackend) Mention(ctx context.Context, id int64) (*model.Mention, error) {
	return b.st.Mention(ctx, id)
}

func (b storeBackend) Thread(ctx context.Context, m *model.Mention) (*model.Mention, []*model.Mention, error) {
	return b.st.Thread(ctx, m)
}

func (b storeBackend) MinuteCounts(ctx context.Context, from, to time.Time) ([]MinuteCount, error) {
	cs, err := b.st.MinuteCounts(ctx, from, to, "")
	out := make([]MinuteCount, len(cs))
	for i, c := range cs {
		out[i] = MinuteCount{Minute: c.Minute, All: c.All, Negative: c.Negative}
	}
	return out, err
}

func (b storeBackend) Events(ctx context.Context, upTo time.Time) ([]model.Event, error) {
	return b.st.EventsUpTo(ctx, upTo)
}

func (b storeBackend) Alerts(ctx context.Context, upTo time.Time) ([]*model.Alert, error) {
	return b.st.Alerts(ctx, upTo)
}

func (b storeBackend) MentionsByID(ctx context.Context, ids []int64) ([]*model.Mention, error) {
	return b.st.MentionsByID(ctx, ids)
}

func (b storeBackend) Append(context.Context, ...model.Event) error { return ErrReadOnly }

// The replay incident runs from three hours before t0 to an hour after:
// an alert, a declaration with clocks and tasks, a statement drafted,
// reviewed and published (meeting two clocks), a second alert, a level
// change, a clock that breaches, and 160 mentions spread over it all.
var (
	replayStart = t0.Add(-3 * time.Hour)
	replayEnd   = t0.Add(time.Hour)
)

// replayItem is one thing written to the file at its time.
type replayItem struct {
	at    time.Time
	m     *model.Mention
	e     *model.Event
	alert *model.Alert
}

func replayItems(sorted bool) []replayItem {
	var items []replayItem
	for i := range 160 {
		m := synthMention(i)
		m.ExternalID = fmt.Sprintf("r%d", i)
		m.CreatedAt = replayStart.Add(time.Duration(i) * 89 * time.Second).Add(time.Duration(i%7) * time.Second)
		m.IngestedAt = m.CreatedAt.Add(20 * time.Second)
		m.URL = fmt.Sprintf("https://weibo.com/r/%d", i)
		if i%9 == 4 {
			m.ParentID = "r0"
			m.Platform = synthMention(0).Platform
		}
		items = append(items, replayItem{at: m.IngestedAt, m: m})
	}
	declared := t0.Add(-70 * time.Minute)
	ev := func(at time.Time, kind, actor string, p any) {
		e := model.NewEvent(at, kind, actor, p)
		items = append(items, replayItem{at: at, e: &e})
	}
	ev(replayStart, model.KindCreated, "system", model.IncidentPayload{Name: "鸡翅门 Chicken wing incident", Brand: "Brand"})
	items = append(items, replayItem{at: t0.Add(-75 * time.Minute), alert: &model.Alert{Key: "spike:weibo", Rule: model.RuleSpike, Platform: model.Weibo,
		Level: model.LevelOrange, At: t0.Add(-75 * time.Minute), UpdatedAt: t0.Add(-75 * time.Minute), Count: 412, Baseline: 35,
		Evidence: []int64{1, 2, 150}, Message: "weibo spike"}})
	ev(declared, model.KindDeclared, "王芳", model.DeclarePayload{Level: model.LevelOrange})
	for _, c := range defaultClocks() {
		ev(declared, model.KindClockAdd, "王芳", c)
	}
	ev(declared, model.KindClockAdd, "王芳", model.ClockPayload{ID: "regulator", Name: "回电市场监管局 Call the regulator back", Anchor: model.KindDeclared, Duration: 80 * time.Minute, DueSoon: 15 * time.Minute, MetBy: model.MetManually})
	ev(declared, model.KindTaskAdd, "王芳", model.TaskPayload{ID: "t1", Title: "起草致歉声明 Draft the holding statement", Role: model.RoleSpokesperson, Assignee: "李雷", Due: t0.Add(20 * time.Minute)})
	ev(declared, model.KindTaskAdd, "王芳", model.TaskPayload{ID: "t2", Title: "回访投诉最多的顾客", Role: model.RoleService, Assignee: "Chen", Due: t0.Add(-5 * time.Minute)})
	ev(declared, model.KindTaskAdd, "王芳", model.TaskPayload{ID: "t3", Title: "Legal review of recall wording", Role: model.RoleLegal,
		Links: []string{"influencer:weibo:美食博主小李", "https://example.com/recall"}})
	ev(declared.Add(time.Minute), model.KindTaskMove, "王芳", model.TaskMovePayload{ID: "t2", To: model.TaskDoing})
	ev(declared.Add(time.Minute), model.KindTaskMove, "王芳", model.TaskMovePayload{ID: "t3", To: model.TaskBlocked})
	ev(declared.Add(10*time.Minute), model.KindAlertAck, "李雷", model.AlertPayload{ID: 1})
	ev(t0.Add(-40*time.Minute), model.KindDraft, "李雷", model.StatementPayload{ID: "s1", Kind: model.StatementHolding, Platform: model.Weibo, Text: "我们已关注到相关反馈，正在全面调查。"})
	ev(t0.Add(-36*time.Minute), model.KindSubmit, "李雷", model.StatementPayload{ID: "s1"})
	ev(t0.Add(-33*time.Minute), model.KindApprove, "韩梅梅", model.ReviewPayload{ID: "s1", Roles: []model.Role{model.RoleLegal}})
	ev(t0.Add(-31*time.Minute), model.KindPublish, "李雷", model.StatementPayload{ID: "s1", Platform: model.Weibo})
	ev(t0.Add(-31*time.Minute), model.KindTaskMove, "李雷", model.TaskMovePayload{ID: "t1", To: model.TaskDoing})
	items = append(items, replayItem{at: t0.Add(-30 * time.Minute), alert: &model.Alert{Key: "red_flag", Rule: model.RuleRedFlag, Level: model.LevelRed,
		At: t0.Add(-30 * time.Minute), UpdatedAt: t0.Add(-30 * time.Minute), Count: 3, Terms: []string{"拉肚子", "过期"}, Evidence: []int64{3, 140},
		Message: "red flag terms", AckedAt: t0.Add(20 * time.Minute), AckedBy: "王芳"}}) // the row carries the later ack
	ev(t0.Add(-10*time.Minute), model.KindLevel, "王芳", model.LevelPayload{Level: model.LevelRed, Reason: "红线词"})
	ev(t0.Add(20*time.Minute), model.KindAlertAck, "王芳", model.AlertPayload{ID: 2})
	ev(t0.Add(30*time.Minute), model.KindTaskMove, "李雷", model.TaskMovePayload{ID: "t1", To: model.TaskDone})
	ev(replayEnd, model.KindStatus, "王芳", model.StatusPayload{Status: model.StatusContained})
	if sorted {
		slices.SortStableFunc(items, func(a, b replayItem) int { return a.at.Compare(b.at) })
	} else {
		// Mentions in time order, the log in the order above, which is not
		// the order of its times: a file where the log raced the feed.
		slices.SortStableFunc(items, func(a, b replayItem) int {
			if a.m != nil && b.m != nil {
				return a.at.Compare(b.at)
			}
			return 0
		})
	}
	return items
}

// replayFile writes the replay incident into a new file and returns its
// path.
func replayFile(t testing.TB, sorted bool) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "incident.db")
	st, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	w := st.NewWriter(data.WriterOptions{})
	ctx := context.Background()
	for _, it := range replayItems(sorted) {
		switch {
		case it.m != nil:
			err = w.Mention(it.m)
		case it.e != nil:
			err = w.Event(*it.e)
		case it.alert != nil:
			err = w.Alert(it.alert)
		}
		if err == nil {
			err = w.Flush(ctx) // one item a transaction keeps the log in this order
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// openReplay opens path read-only for a test, closed at its end.
func openReplay(t testing.TB, path string) *data.Store {
	t.Helper()
	st, err := data.OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// replayRig is a console replaying st from at, on a scaled clock over the
// rig's manual clock: virtual time moves only when the test moves it.
func replayRig(t testing.TB, st *data.Store, w, h int, at time.Time, opts ...rigOpt) *rig {
	t.Helper()
	first, last, err := st.TimeRange(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	base := model.NewManualClock(time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC))
	sc := model.NewScaledClock(base, at, 60)
	o := Options{Backend: storeBackend{st}, Replay: &ReplayControl{Clock: sc, First: first, Last: last},
		Operator: model.Actor{Name: "王芳", Roles: []model.Role{model.RoleLead}}, Lang: "en", IncidentName: "incident.db",
		DefaultClocks: defaultClocks(), NoColor: true, Location: cst}
	for _, f := range opts {
		f(&o)
	}
	r := &rig{t: t, clock: base}
	r.start(o, w, h)
	return r
}

// play runs playback for n ticks of real time each.
func (r *rig) play(n int) {
	r.t.Helper()
	for range n {
		r.clock.Advance(replayTick)
		r.fire()
	}
}

// sc is the replay's clock.
func (r *rig) sc() *model.ScaledClock { return r.m.rp.ctl.Clock }

// TestInfluencerPostsInALargeIncident replays a file where a trusted
// influencer posted once, early, and 25,000 other Weibo mentions followed:
// the influencer view still finds the post (the store looks the account
// up; it does not scan the newest mentions), and not an impostor with the
// same handle on another platform.
func TestInfluencerPostsInALargeIncident(t *testing.T) {
	path := filepath.Join(t.TempDir(), "large.db")
	st, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	w := st.NewWriter(data.WriterOptions{})
	at := t0.Add(-3 * time.Hour)
	post := func(p model.Platform, id, author, text string) {
		at = at.Add(100 * time.Millisecond)
		if err := w.Mention(&model.Mention{Platform: p, ExternalID: id, AuthorName: author, AuthorID: "id-" + author,
			Text: text, CreatedAt: at, IngestedAt: at}); err != nil {
			t.Fatal(err)
		}
	}
	post(model.Weibo, "early", "@食品安全观察（示例）", "早期的一条：已联系品牌方，等待检测结果")
	post(model.Douyin, "fake", "食品安全观察（示例）", "冒名的抖音号")
	for i := range 25_000 {
		post(model.Weibo, fmt.Sprint(i), fmt.Sprintf("路人%d", i%900), "鲜味坊今天的外卖怎么样")
	}
	if err := w.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	r := replayRig(t, openReplay(t, path), 160, 45, at, withPlan)
	r.key("space", "I")
	r.mustShow("早期的一条")
	r.mustNotShow("冒名的抖音号")
}
