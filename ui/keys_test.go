package ui

import (
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"warroom/model"
	"warroom/ui/i18n"
)

func TestFocusKeys(t *testing.T) {
	r := newRig(t, fixture(), 120, 40)
	steps := []struct {
		key  string
		want int
	}{
		{"tab", focusClocks}, {"tab", focusBoard}, {"tab", focusFeed},
		{"shift+tab", focusBoard}, {"shift+tab", focusClocks},
		{"1", focusFeed}, {"3", focusBoard}, {"2", focusClocks},
	}
	for _, s := range steps {
		r.key(s.key)
		if r.m.focus != s.want {
			t.Fatalf("after %s focus is %d, want %d", s.key, r.m.focus, s.want)
		}
	}
	// In the narrow layout the focused panel fills the body and the tab shows it.
	r.mustShow("[ 2 Clocks ]")
}

func TestHelpKey(t *testing.T) {
	r := newRig(t, fixture(), 120, 40)
	r.key("?")
	r.mustShow("negative only")
	r.mustShow("min severity")
	r.mustShow("acknowledge alert")
	r.key("esc")
	r.mustNotShow("? or esc closes help")
	r.key("3", "?")
	r.mustShow("new task")
	r.mustShow("move left")
	r.key("?")
	r.mustNotShow("? or esc closes help")
}

func TestHelpHidesWriteKeysInReplay(t *testing.T) {
	r := newRig(t, fixture(), 120, 40, withMode(Replay))
	r.key("3", "?")
	r.mustNotShow("new task")
	r.mustShow("down")
	r.key("esc", "n")
	if len(r.b.kinds()) != 0 {
		t.Fatalf("replay wrote %v", r.b.kinds())
	}
	r.mustShow("read-only")
}

func TestQuitKeys(t *testing.T) {
	for _, k := range []string{"q", "ctrl+c"} {
		r := newRig(t, fixture(), 120, 40)
		r.key(k)
		if !r.quit {
			t.Fatalf("%s did not quit", k)
		}
	}
}

func TestQuitAsksWhileTyping(t *testing.T) {
	r := newRig(t, fixture(), 120, 40)
	r.key("3", "n")
	r.typeText("写声明 q")
	if r.quit {
		t.Fatal("q in a text field quit the console")
	}
	r.key("ctrl+c")
	if r.quit {
		t.Fatal("ctrl+c with a form open quit without asking")
	}
	r.mustShow("Quit?")
	r.key("n")
	if r.m.form == nil || r.m.form.field(0).value() != "写声明 q" {
		t.Fatalf("answering no lost the form: %+v", r.m.form)
	}
	r.key("ctrl+c", "y")
	if !r.quit {
		t.Fatal("answering yes did not quit")
	}
	// The same for the search field.
	r = newRig(t, fixture(), 120, 40)
	r.key("/")
	r.typeText("q")
	r.key("ctrl+c")
	r.mustShow("Quit?")
}

func TestFeedMovement(t *testing.T) {
	r := newRig(t, fixture(), 120, 40)
	f := r.m.feed
	r.key("j")
	if f.sel != 1 || f.follow {
		t.Fatalf("j: sel %d follow %v", f.sel, f.follow)
	}
	r.mustShow("paused — f to follow (0 new)")
	r.key("down", "k", "up")
	if f.sel != 0 {
		t.Fatalf("up/down: sel %d", f.sel)
	}
	r.key("pgdown")
	if f.sel != f.visible() {
		t.Fatalf("pgdown: sel %d, want %d", f.sel, f.visible())
	}
	r.key("pgup")
	if f.sel != 0 {
		t.Fatalf("pgup: sel %d", f.sel)
	}
	r.key("space")
	if f.sel == 0 {
		t.Fatal("space did not page down")
	}
	r.key("G")
	if f.sel != 39 {
		t.Fatalf("G: sel %d", f.sel)
	}
	r.key("g")
	if f.sel != 0 {
		t.Fatalf("g: sel %d", f.sel)
	}
	r.key("end", "home")
	if f.sel != 0 {
		t.Fatalf("end/home: sel %d", f.sel)
	}
	r.key("f")
	if !f.follow {
		t.Fatal("f did not resume following")
	}
	r.mustShow("following")
}

func TestFeedFilters(t *testing.T) {
	r := newRig(t, fixture(), 120, 40)
	f := r.m.feed
	r.key("n")
	if !f.filter.negative || f.count != 27 {
		t.Fatalf("n: negative %v count %d", f.filter.negative, f.count)
	}
	r.mustShow("[negative]")
	for _, m := range f.rows {
		if !m.Negative {
			t.Fatal("a positive mention shows under the negative filter")
		}
	}
	r.key("p")
	if f.filter.platform != model.Weibo {
		t.Fatalf("p: platform %q", f.filter.platform)
	}
	r.mustShow("[Weibo]")
	for range model.Platforms {
		r.key("p")
	}
	if f.filter.platform != "" {
		t.Fatalf("p cycles back to all: %q", f.filter.platform)
	}
	for _, want := range []int{30, 50, 70, 90, 0} {
		r.key("s")
		if f.filter.minSev != want {
			t.Fatalf("s: min severity %d, want %d", f.filter.minSev, want)
		}
	}
	r.key("s", "s")
	r.mustShow("[sev>=50]")
	for _, m := range f.rows {
		if m.Severity < 50 || !m.Negative {
			t.Fatalf("filtered row %d has severity %d negative %v", m.ID, m.Severity, m.Negative)
		}
	}
	// Search: typing goes into the field, not to the shortcuts.
	r.key("n", "s", "s", "s") // back to no filter
	r.key("/")
	r.typeText("hair")
	if f.filter.search != "" || f.filter.negative {
		t.Fatal("typed text acted as shortcuts")
	}
	r.key("enter")
	if f.filter.search != "hair" || f.count == 0 {
		t.Fatalf("search: %q count %d", f.filter.search, f.count)
	}
	r.mustShow(`["hair"]`)
	for _, m := range f.rows {
		if !strings.Contains(m.Text, "hair") {
			t.Fatalf("search shows %q", m.Text)
		}
	}
	// esc cancels an edit and keeps the applied query.
	r.key("/")
	r.typeText("xyz")
	r.key("esc")
	if f.filter.search != "hair" || f.searching {
		t.Fatalf("esc: search %q searching %v", f.filter.search, f.searching)
	}
}

func TestFeedStaleAnswersDropped(t *testing.T) {
	r := newRig(t, fixture(), 120, 40)
	f := r.m.feed
	old := f.req
	r.key("n")
	// An answer to the old filter arrives late: it must not replace the rows.
	r.send(feedPageMsg{req: old, dir: pageReload, limit: firstPage, rows: r.b.mentions[:3]})
	r.send(feedCountMsg{req: old, n: 999})
	if f.count == 999 || len(f.rows) == 3 {
		t.Fatal("a late answer to an old filter landed")
	}
}

func TestDetailKeys(t *testing.T) {
	r := newRig(t, fixture(), 120, 40)
	r.key("enter")
	if _, ok := r.m.over.(*detailOverlay); !ok {
		t.Fatal("enter did not open the detail")
	}
	r.mustShow("https://weibo.com/1039/x40")
	r.mustShow("severity")
	r.key("j", "down", "k", "up")
	_, cmd := r.m.Update(keyMsg("c"))
	if cmd == nil {
		t.Fatal("c did not copy")
	}
	r.mustShow("link copied")
	r.key("q")
	if r.m.over != nil || r.quit {
		t.Fatal("q in the detail should close it, not quit")
	}
	r.key("enter", "esc")
	if r.m.over != nil {
		t.Fatal("esc did not close the detail")
	}
	// c in the feed copies the selected row's link directly.
	_, cmd = r.m.Update(keyMsg("c"))
	if cmd == nil {
		t.Fatal("c in the feed did not copy")
	}
}

func TestDetailShowsThread(t *testing.T) {
	r := newRig(t, fixture(), 120, 40)
	r.key("G", "enter") // mention 1 has a reply (mention 6)
	r.mustShow("Replies (1)")
	r.key("esc", "1")
	f := r.m.feed
	for i, m := range f.rows {
		if m.ID == 6 {
			r.m.feed.moveTo(i)
		}
	}
	r.key("enter")
	r.mustShow("In reply to:")
}

func TestAlertKeys(t *testing.T) {
	r := newRig(t, fixture(), 120, 40)
	r.mustShow("ALERT")
	r.key("a")
	o, ok := r.m.over.(*alertsOverlay)
	if !ok {
		t.Fatal("a did not open the alert list")
	}
	r.key("enter")
	if o.evFor != 2 || len(o.evidence) != 2 {
		t.Fatalf("enter: evidence for %d: %d mentions", o.evFor, len(o.evidence))
	}
	r.mustShow("Evidence for alert #2")
	r.key("j", "k", "down", "up")
	r.key("A")
	if got := r.b.last(); got.Kind != model.KindAlertAck || got.Actor != "王芳" {
		t.Fatalf("A wrote %+v", got)
	}
	var p model.AlertPayload
	_ = r.b.last().Decode(&p)
	if p.ID != 2 {
		t.Fatalf("acked alert %d, want 2", p.ID)
	}
	r.key("esc")
	if r.m.over != nil {
		t.Fatal("esc did not close the alerts")
	}
	r.mustNotShow("ALERT")
}

func TestAckFromBanner(t *testing.T) {
	r := newRig(t, fixture(), 200, 50)
	r.key("A")
	if got := r.b.kinds(); !slices.Equal(got, []string{model.KindAlertAck}) {
		t.Fatalf("A wrote %v", got)
	}
	r.key("A")
	if len(r.b.kinds()) != 1 {
		t.Fatal("A with nothing to acknowledge wrote again")
	}
}

func undeclared() *fakeBackend {
	b := &fakeBackend{}
	e := model.NewEvent(t0.Add(-time.Hour), model.KindCreated, "system", model.IncidentPayload{Name: "新事件"})
	e.Seq = 1
	b.events = append(b.events, e)
	return b
}

func TestDeclare(t *testing.T) {
	r := newRig(t, undeclared(), 120, 40)
	r.key("2", "D")
	if r.m.form == nil {
		t.Fatal("D did not open the declare form")
	}
	r.key("right", "right") // yellow -> orange -> red
	r.key("left")           // back to orange
	r.key("enter")
	kinds := r.b.kinds()
	want := []string{model.KindDeclared, model.KindClockAdd, model.KindClockAdd, model.KindClockAdd, model.KindClockAdd}
	if !slices.Equal(kinds, want) {
		t.Fatalf("declare wrote %v", kinds)
	}
	if lv := r.m.sh.state.Incident.Level; lv != model.LevelOrange {
		t.Fatalf("level %v", lv)
	}
	if n := len(r.m.sh.state.Clocks); n != 4 {
		t.Fatalf("%d clocks", n)
	}
	r.mustShow("First public statement")
	// The clocks run, so the tick loop starts; declaring again is refused.
	if !r.m.ticking {
		t.Fatal("no tick while clocks run")
	}
	r.key("D")
	if r.m.form != nil {
		t.Fatal("D opened a second declaration")
	}
}

func TestClockKeys(t *testing.T) {
	r := newRig(t, fixture(), 120, 40)
	r.key("2")
	c := r.m.clocks
	r.key("j", "down")
	if c.sel != 2 {
		t.Fatalf("sel %d", c.sel)
	}
	r.key("k", "up")
	if c.sel != 0 {
		t.Fatalf("sel %d", c.sel)
	}
	// The first clock is met already: m refuses with a message.
	r.key("m")
	if r.m.form != nil {
		t.Fatal("m opened a form for a met clock")
	}
	r.mustShow("already met")
	r.key("j", "m")
	if r.m.form == nil {
		t.Fatal("m did not open the form")
	}
	r.typeText("微博发布致歉")
	r.key("enter")
	ev := r.b.last()
	var p model.ClockMetPayload
	_ = ev.Decode(&p)
	if ev.Kind != model.KindClockMet || p.ID != "holding" || p.What != "微博发布致歉" {
		t.Fatalf("m wrote %s %+v", ev.Kind, p)
	}
	r.mustShow("微博发布致歉")
	// e changes the level.
	r.key("e", "right", "tab")
	r.typeText("热搜第一")
	r.key("enter")
	var lp model.LevelPayload
	_ = r.b.last().Decode(&lp)
	if r.b.last().Kind != model.KindLevel || lp.Level != model.LevelRed || lp.Reason != "热搜第一" {
		t.Fatalf("e wrote %s %+v", r.b.last().Kind, lp)
	}
	if r.m.sh.state.Incident.Level != model.LevelRed {
		t.Fatal("level not applied")
	}
	r.mustShow("RED")
}

func TestClockStatesShown(t *testing.T) {
	r := newRig(t, fixture(), 200, 50)
	for _, s := range []string{"met", "BREACHED", "over +00:10:00", "running", "due soon", "left 00:10:00", "pending"} {
		r.mustShow(s)
	}
	// One second later the countdown moves, driven by the tick.
	r.clock.Advance(time.Second)
	r.send(tickMsg{tag: r.m.tickTag})
	r.mustShow("left 00:09:59")
}

func TestTickLoopNeverDoubles(t *testing.T) {
	r := newRig(t, fixture(), 120, 40)
	tag := r.m.tickTag
	if !r.m.ticking {
		t.Fatal("no tick loop while clocks run")
	}
	r.key("j", "k", "j")
	if r.m.tickTag != tag {
		t.Fatal("key presses started another tick loop")
	}
	r.send(tickMsg{tag: tag - 1}) // a stale loop is dropped
	if r.m.tickTag != tag {
		t.Fatal("a stale tick re-armed")
	}
	r.send(tickMsg{tag: tag})
	if r.m.tickTag != tag+1 || !r.m.ticking {
		t.Fatal("the live tick did not re-arm")
	}
	// Nothing running: one tick a minute, on the minute, for the time of
	// day, which then shows no seconds.
	q := newRig(t, undeclared(), 120, 40)
	if !q.m.ticking || q.m.tickEvery != time.Minute {
		t.Fatalf("idle loop: ticking %v every %v", q.m.ticking, q.m.tickEvery)
	}
	if w := q.waits[len(q.waits)-1]; w != time.Minute { // t0 is on the minute
		t.Fatalf("first idle tick waits %v", w)
	}
	q.clock.Set(t0.Add(20 * time.Second))
	q.fire()
	if w := q.waits[len(q.waits)-1]; w != 40*time.Second {
		t.Fatalf("idle tick after :20 waits %v, want 40s to the minute", w)
	}
	q.mustShow("14:30 LIVE")
	q.mustNotShow("14:30:20")
	// A clock starts: the loop switches to seconds, and seconds show.
	q.key("2", "D", "enter")
	if q.m.tickEvery != time.Second {
		t.Fatalf("with a clock running the loop ticks every %v", q.m.tickEvery)
	}
	q.mustShow("14:30:20 LIVE")
}

// TestTickPeriods: a drill's virtual time ticks every second (none while
// its clock is paused), a replay without controls never ticks.
func TestTickPeriods(t *testing.T) {
	sc := model.NewScaledClock(model.NewManualClock(t0), t0, 60)
	r := newRig(t, undeclared(), 120, 40, withMode(Drill), func(o *Options) { o.Clock = sc })
	if r.m.tickEvery != time.Second || !r.m.ticking {
		t.Fatalf("drill ticks every %v", r.m.tickEvery)
	}
	sc.SetPaused(true)
	r.fire()
	if r.m.ticking {
		t.Fatal("a paused drill clock still ticks")
	}
	q := newRig(t, fixture(), 120, 40, withMode(Replay))
	if q.m.ticking {
		t.Fatal("a static replay ticks")
	}
}

// TestDrillEnds: when the scenario's time is up the drill's clock stops,
// the loop stops ticking and the header says the drill is over.
func TestDrillEnds(t *testing.T) {
	base := model.NewManualClock(t0)
	sc := model.NewScaledClock(base, t0, 60)
	sc.StopAt(t0.Add(time.Hour))
	r := newRig(t, undeclared(), 120, 40, withMode(Drill), func(o *Options) { o.Clock = sc })
	r.mustShow("DRILL")
	r.mustNotShow("DRILL OVER")
	base.Advance(2 * time.Minute) // two virtual hours
	r.fire()
	r.mustShow("15:30:00 DRILL OVER · q: debrief")
	if r.m.ticking {
		t.Fatal("a drill that is over still ticks")
	}

	// The drill is scored at its end: actions after it are refused, notes
	// for the debrief are not.
	r.key("2", "D")
	if r.m.form != nil {
		r.key("enter")
	}
	if len(r.b.appended) != 0 {
		t.Fatalf("after the drill: appended %v", r.b.kinds())
	}
	r.mustShow("the drill is over")
	r.key("esc", "L", "n")
	r.typeText("回应太慢")
	r.key("enter")
	if len(r.b.appended) != 1 || r.b.appended[0].Kind != model.KindNote {
		t.Fatalf("a debrief note after the drill: appended %v", r.b.kinds())
	}
}

// TestDrillOverInTheWorkspace: the statements workspace refuses a draft
// after the drill in the console's own words, in either language.
func TestDrillOverInTheWorkspace(t *testing.T) {
	for _, tc := range []struct {
		lang i18n.Lang
		want string
	}{{i18n.EN, "the drill is over and scored at its end"}, {i18n.ZH, "演练已结束，按结束时刻评分"}} {
		base := model.NewManualClock(t0)
		sc := model.NewScaledClock(base, t0, 60)
		sc.StopAt(t0.Add(time.Minute))
		r := declaredFood(t, withMode(Drill), func(o *Options) { o.Clock = sc; o.Lang = tc.lang })
		base.Advance(time.Minute)
		r.fire()
		n := len(r.b.appended)
		r.key("S", "n", "enter")
		r.mustShow(tc.want)
		if len(r.b.appended) != n {
			t.Fatalf("%s: a statement drafted after the drill: appended %v", tc.lang, r.b.kinds()[n:])
		}
	}
}

func TestBoardKeys(t *testing.T) {
	r := newRig(t, fixture(), 120, 40)
	r.key("3")
	b := r.m.board
	if b.selected().ID != "t1" {
		t.Fatalf("first selection %s", b.selected().ID)
	}
	r.key("j", "down")
	if b.selected().ID != "t3" {
		t.Fatalf("j j: %s", b.selected().ID)
	}
	r.key("k", "up")
	if b.selected().ID != "t1" {
		t.Fatalf("k k: %s", b.selected().ID)
	}
	// l moves t1 todo -> doing; the selection follows the task.
	r.key("l")
	if tk := r.m.sh.state.Task("t1"); tk.Status != model.TaskDoing {
		t.Fatalf("l: t1 is %s", tk.Status)
	}
	r.key("]")
	if tk := r.m.sh.state.Task("t1"); tk.Status != model.TaskBlocked {
		t.Fatalf("]: t1 is %s", tk.Status)
	}
	r.key("h", "[")
	if tk := r.m.sh.state.Task("t1"); tk.Status != model.TaskTodo {
		t.Fatalf("h [: t1 is %s", tk.Status)
	}
	// done -> blocked is not allowed: a message, no event.
	n := len(r.b.kinds())
	for b.selected().ID != "t4" {
		r.key("j")
	}
	r.key("h")
	if len(r.b.kinds()) != n {
		t.Fatal("an illegal move was written")
	}
	r.mustShow("a task cannot move from done to blocked")
	r.key("l") // nothing right of done
	if len(r.b.kinds()) != n {
		t.Fatal("a move past the last column was written")
	}
}

func TestBoardNewEditDelete(t *testing.T) {
	r := newRig(t, fixture(), 120, 40)
	r.key("3", "n")
	r.typeText("联系KOL澄清")
	r.key("tab", "right", "right") // role: lead -> spokesperson
	r.key("tab")
	r.typeText("韩梅梅")
	r.key("down")
	r.typeText("+30m")
	// A resize and a burst of updates must not touch what was typed.
	r.send(sizeMsg(200, 50))
	r.send(updatesMsg{u: Update{Mentions: r.b.add(&model.Mention{Platform: model.Weibo, Text: "new", CreatedAt: t0})}})
	if v := r.m.form.field(3).value(); v != "+30m" {
		t.Fatalf("typed due lost: %q", v)
	}
	r.key("shift+tab", "up", "tab", "tab") // walk the fields back and forth
	r.key("enter")
	ev := r.b.last()
	var p model.TaskPayload
	_ = ev.Decode(&p)
	if ev.Kind != model.KindTaskAdd || p.ID != "t5" || p.Title != "联系KOL澄清" || p.Role != model.RoleSpokesperson ||
		p.Assignee != "韩梅梅" || !p.Due.Equal(t0.Add(30*time.Minute)) {
		t.Fatalf("n wrote %s %+v", ev.Kind, p)
	}
	if r.m.board.selected().ID != "t5" {
		t.Fatal("the new task is not selected")
	}
	// e edits it.
	r.key("e")
	r.key("backspace", "backspace")
	r.typeText("说明")
	r.key("tab", "tab", "tab")
	for range 5 {
		r.key("backspace")
	}
	r.typeText("15:00")
	r.key("enter")
	ev = r.b.last()
	_ = ev.Decode(&p)
	if ev.Kind != model.KindTaskEdit || p.Title != "联系KOL说明" || !p.Due.Equal(time.Date(2025, 3, 15, 15, 0, 0, 0, cst)) {
		t.Fatalf("e wrote %s %+v", ev.Kind, p)
	}
	// A bad due time keeps the form open with a message.
	r.key("e", "tab", "tab", "tab")
	r.typeText("soon")
	r.key("enter")
	if r.m.form == nil {
		t.Fatal("a bad due time closed the form")
	}
	r.mustShow("due must be like")
	r.key("esc")
	// x asks, n keeps, y deletes.
	r.key("x", "n")
	if r.b.last().Kind == model.KindTaskDel {
		t.Fatal("n deleted")
	}
	r.key("x", "y")
	if r.b.last().Kind != model.KindTaskDel || !r.m.sh.state.Task("t5").Deleted {
		t.Fatal("x y did not delete")
	}
}

func TestFormChoiceAndCancel(t *testing.T) {
	r := newRig(t, fixture(), 120, 40)
	r.key("3", "n", "tab")
	f := r.m.form
	r.key("right", "l", "space", "left", "h")
	if f.field(1).idx != 1 {
		t.Fatalf("choice idx %d", f.field(1).idx)
	}
	r.key("esc")
	if r.m.form != nil {
		t.Fatal("esc did not cancel")
	}
	if len(r.b.kinds()) != 0 {
		t.Fatal("cancel wrote")
	}
	// An empty title is refused in the form.
	r.key("n", "enter")
	if r.m.form == nil {
		t.Fatal("an empty task was accepted")
	}
	r.mustShow("a task needs a title")
}

func TestReadOnlyWritesNothing(t *testing.T) {
	b := fixture()
	r := newRig(t, b, 120, 40, func(o *Options) { o.ReadOnly = true })
	r.key("A", "2", "D", "m", "e", "3", "n", "e", "x", "h", "l", "a", "A")
	if len(b.kinds()) != 0 {
		t.Fatalf("read-only wrote %v", b.kinds())
	}
	if r.m.form != nil {
		t.Fatal("a form opened in read-only mode")
	}
}

func TestWriteRefusedByBackend(t *testing.T) {
	b := fixture()
	b.readOnly = true // the store refuses even though the UI thinks it can write
	r := newRig(t, b, 120, 40)
	r.key("3", "l")
	r.mustShow("not saved")
	if r.m.sh.state.Task("t1").Status != model.TaskTodo {
		t.Fatal("a refused write was applied")
	}
}

func TestMouseWheelScrollsPanelUnderPointer(t *testing.T) {
	r := newRig(t, fixture(), 200, 50)
	r.send(tea.MouseWheelMsg{X: 10, Y: 10, Button: tea.MouseWheelDown})
	if r.m.feed.sel != 3 {
		t.Fatalf("wheel over the feed: sel %d", r.m.feed.sel)
	}
	r.send(tea.MouseWheelMsg{X: 120, Y: 10, Button: tea.MouseWheelDown})
	if r.m.clocks.sel != 3 || r.m.feed.sel != 3 {
		t.Fatalf("wheel over the clocks: clock sel %d feed sel %d", r.m.clocks.sel, r.m.feed.sel)
	}
	r.send(tea.MouseWheelMsg{X: 180, Y: 10, Button: tea.MouseWheelDown})
	if r.m.board.selected().ID != "t4" {
		t.Fatalf("wheel over the board: %s", r.m.board.selected().ID)
	}
	r.send(tea.MouseWheelMsg{X: 10, Y: 10, Button: tea.MouseWheelUp})
	if r.m.feed.sel != 0 {
		t.Fatalf("wheel up: sel %d", r.m.feed.sel)
	}
}

func TestChineseKeysHelp(t *testing.T) {
	r := newRig(t, fixture(), 120, 40, withLang(i18n.ZH))
	r.key("?")
	r.mustShow("只看负面")
	r.mustShow("按键")
}

// The empty panels' hints wrap in narrow columns instead of losing their
// ends: "D declares the incident and starts the clocks" must be read whole.
func TestEmptyPanelHintsWrap(t *testing.T) {
	r := newRig(t, undeclared(), 160, 45) // three columns: the side panels are about 38 cells wide
	screen := r.screen()
	panels := screen[:strings.LastIndex(screen, "╰")] // the key bar below ends in … by design
	if strings.Contains(panels, "…") || !strings.Contains(panels, "starts the") {
		t.Errorf("something in the empty panels is cut:\n%s", screen)
	}
}

// TestHeaderKeepsModeWhenNarrow: at 80 columns a long incident name gives
// way, so the time and DRILL OVER (or REPLAY) still show.
func TestHeaderKeepsModeWhenNarrow(t *testing.T) {
	base := model.NewManualClock(t0)
	sc := model.NewScaledClock(base, t0, 60)
	sc.StopAt(t0)
	long := "鲜味坊外卖异物事件 · 二〇二六年十一月华东区食品安全舆情 Food-safety incident, East China"
	named := func() *fakeBackend {
		b := &fakeBackend{}
		e := model.NewEvent(t0.Add(-time.Hour), model.KindCreated, "system", model.IncidentPayload{Name: long})
		e.Seq = 1
		b.events = append(b.events, e)
		return b
	}
	r := newRig(t, named(), 80, 24, withMode(Drill), func(o *Options) { o.Clock = sc })
	r.mustShow("14:30:00 DRILL OVER")
	r.mustShow("鲜味坊外卖异物事件")
	q := newRig(t, named(), 80, 24, withMode(Replay))
	q.mustShow("REPLAY")
}
