package ui

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"warroom/data"
	"warroom/model"
	"warroom/ui/i18n"
)

// TestReplayPlaysBack plays the incident from its first record: mentions,
// alerts, the declaration, clocks, tasks and the statement appear when they
// happened, and not before.
func TestReplayPlaysBack(t *testing.T) {
	st := openReplay(t, replayFile(t, true))
	r := replayRig(t, st, 160, 40, replayStart)
	if !r.m.rp.playing() || r.m.tickEvery != replayTick {
		t.Fatalf("replay does not play: playing %v, tick every %v", r.m.rp.playing(), r.m.tickEvery)
	}
	r.mustShow("Chicken wing incident")
	r.mustShow("PLAYING 60x")
	r.mustShow("no response clocks yet")
	if n := r.m.feed.count; n != 0 {
		t.Fatalf("at the first record the feed counts %d", n)
	}
	r.sc().SetSpeed(3600) // an hour of file per second of playback
	r.play(4 * 90 / 60)   // 1.5 h in
	if got := r.m.sh.now; !got.Equal(replayStart.Add(90 * time.Minute)) {
		t.Fatalf("virtual time %v after 1.5 h of playback", got)
	}
	if n := r.m.feed.count; n < 55 || n > 61 {
		t.Fatalf("1.5 h in, the feed counts %d", n)
	}
	r.mustNotShow("ALERT")
	r.play(4 * 20 / 60) // 1h50 in: the spike alert at 1h45, not yet declared (1h50 exactly is)
	r.mustShow("ALERT")
	r.play(1) // 2h05: declared, clocks running, tasks on the board
	if !r.m.sh.state.Incident.Declared() {
		t.Fatal("not declared 2h05 in")
	}
	r.mustShow("Holding statement")
	r.play(2) // 2h35: the statement is out, the holding clock met by it
	r.mustShow("met 13:59:00 by statement s1")
	r.mustShow("ALERT") // the red flag at 2h30, acknowledged only at 3h20
	r.play(4)           // 3h35: acknowledged, the regulator clock breached at 3h10
	r.mustNotShow("ALERT ")
	r.mustShow("BREACHED")
	r.play(8) // past the end: stops there
	if r.m.rp.playing() || !r.m.rp.ended || !r.m.sh.now.Equal(replayEnd) {
		t.Fatalf("at the end: playing %v ended %v at %v", r.m.rp.playing(), r.m.rp.ended, r.m.sh.now)
	}
	r.mustShow("END")
	if r.m.ticking {
		t.Fatal("ticking after the end")
	}
}

// TestReplayDeterministic reaches one virtual time twice by playing, once by
// seeking back and playing again, and once by seeking straight to it: the
// screen is the same every time, and matches the golden file.
func TestReplayDeterministic(t *testing.T) {
	st := openReplay(t, replayFile(t, true))
	at := t0.Add(-20 * time.Minute) // 2h40 in
	for _, lang := range []i18n.Lang{i18n.EN, i18n.ZH} {
		t.Run(string(lang), func(t *testing.T) {
			r := replayRig(t, st, 120, 40, replayStart, withLang(lang))
			r.sc().SetSpeed(600)
			r.play(64) // 64 ticks of 150 s
			r.key("space")
			first := r.screen()
			if !r.m.sh.now.Equal(at) {
				t.Fatalf("reached %v, want %v", r.m.sh.now, at)
			}
			checkFrame(t, r.m.View().Content, 120, 40)
			r.key("g", "ctrl+u")
			r.typeText("+0s")
			r.key("enter", "space")
			r.play(64)
			r.key("space")
			if again := r.screen(); again != first {
				t.Fatalf("second playback differs:\n%s\n--- first\n%s", again, first)
			}
			r.key("g")
			r.typeText(at.In(cst).Format("15:04"))
			r.key("enter")
			if sought := r.screen(); sought != first {
				t.Fatalf("seeking differs from playing:\n%s\n--- played\n%s", sought, first)
			}
			golden(t, "replay_120x40_"+string(lang)+".txt", first)
		})
	}
}

// TestReplaySeekMatchesPlay: the state and screen after seeking to T equal
// those reached by playing forward to T, for seeks forward and backward, on
// a log in time order and on one whose order races its times.
func TestReplaySeekMatchesPlay(t *testing.T) {
	for _, sorted := range []bool{true, false} {
		st := openReplay(t, replayFile(t, sorted))
		played := replayRig(t, st, 200, 50, replayStart)
		played.sc().SetSpeed(300) // 75 s a tick
		sought := replayRig(t, st, 200, 50, replayEnd)
		sought.sc().SetSpeed(300)
		for _, ticks := range []int{10, 50, 30, 48, 1, 40} {
			played.play(ticks)
			at := played.m.sh.now
			played.key("space")
			sought.key("g")
			sought.typeText(at.In(cst).Format("2006-01-02 15:04:05"))
			sought.key("enter")
			sought.key("space") // pause both: the timelines then read alike
			if !reflect.DeepEqual(played.m.sh.state, sought.m.sh.state) {
				t.Fatalf("sorted %v at %v: seeking folds\n%+v\nplaying folds\n%+v", sorted, at, sought.m.sh.state, played.m.sh.state)
			}
			if d := screenDiff(played.screen(), sought.screen()); d != "" {
				t.Fatalf("sorted %v at %v: screens differ:\n%s", sorted, at, d)
			}
			played.key("space")
			sought.key("space")
		}
		// Backward: seek the played console back, then play it forward
		// again to a time the other one seeks to.
		played.key("g")
		played.typeText("+1h")
		played.key("enter")
		played.play(20)
		played.key("space")
		at := played.m.sh.now
		sought.key("g")
		sought.typeText(at.In(cst).Format("15:04:05"))
		sought.key("enter", "space")
		if !reflect.DeepEqual(played.m.sh.state, sought.m.sh.state) {
			t.Fatalf("after a backward seek the states differ at %v", at)
		}
		if d := screenDiff(played.screen(), sought.screen()); d != "" {
			t.Fatalf("after a backward seek the screens differ at %v:\n%s", at, d)
		}
	}
}

// TestReplayKeys drives every playback key.
func TestReplayKeys(t *testing.T) {
	st := openReplay(t, replayFile(t, true))
	r := replayRig(t, st, 120, 40, t0.Add(-60*time.Minute))
	sc := r.sc()
	now := func() time.Time { return r.m.sh.now }

	r.key("space")
	if !sc.Paused() || r.m.ticking {
		t.Fatal("space did not pause")
	}
	r.mustShow("PAUSED")
	if r.m.feed.sel != 0 {
		t.Fatal("space paged the feed down in a replay")
	}
	r.key("space")
	if sc.Paused() || r.m.tickEvery != replayTick {
		t.Fatal("space did not resume")
	}
	r.key("space")

	for _, want := range []float64{120, 300, 600, 1200, 3600, 3600} {
		r.key("+")
		if sc.Speed() != want {
			t.Fatalf("+: speed %v, want %v", sc.Speed(), want)
		}
	}
	r.mustShow("speed 3600x")
	for _, want := range []float64{1200, 600, 300, 120, 60, 30, 10, 5, 2, 1, 1} {
		r.key("-")
		if sc.Speed() != want {
			t.Fatalf("-: speed %v, want %v", sc.Speed(), want)
		}
	}
	r.key("=")
	if sc.Speed() != 2 {
		t.Fatalf("= is + too: speed %v", sc.Speed())
	}

	at := now()
	r.key("right")
	if !now().Equal(at.Add(time.Minute)) {
		t.Fatalf("right: %v, want %v", now(), at.Add(time.Minute))
	}
	r.key("left", "left")
	if !now().Equal(at.Add(-time.Minute)) {
		t.Fatalf("left: %v", now())
	}

	// Marks: the ack at -60m was passed; next is the statement drafted? No:
	// drafting is not of note. Approval at -33m, publication at -31m.
	r.key("]")
	if !now().Equal(t0.Add(-33 * time.Minute)) {
		t.Fatalf("]: %v", now().In(cst))
	}
	r.key("]", "]")
	if !now().Equal(t0.Add(-30 * time.Minute)) { // the red-flag alert
		t.Fatalf("] ]: %v", now().In(cst))
	}
	r.key("]", "]")
	if !now().Equal(t0.Add(10*time.Minute + time.Second)) { // the regulator clock breached
		t.Fatalf("] to the breach: %v", now().In(cst))
	}
	r.key("2")
	r.mustShow("BREACHED")
	r.key("1")
	r.key("[")
	if !now().Equal(t0.Add(-10 * time.Minute)) { // the level change
		t.Fatalf("[: %v", now().In(cst))
	}
	r.key("]", "]", "]", "]", "]", "]")
	r.mustShow("no further event of note")
	last := now()
	r.key("[", "[", "[", "[", "[", "[", "[", "[", "[", "[", "[")
	if !now().Before(last) {
		t.Fatal("[ did not go back")
	}

	// g: go to a time; bad input keeps the form open with a message.
	r.key("g")
	if r.m.form == nil {
		t.Fatal("g did not open the go-to form")
	}
	r.typeText("soon")
	r.key("enter")
	r.mustShow("write a time like 14:30")
	r.key("ctrl+u")
	r.typeText("+9h")
	r.key("enter")
	r.mustShow("outside the file")
	r.key("ctrl+u")
	r.typeText("13:05")
	r.key("enter")
	if r.m.form != nil || !now().Equal(time.Date(2025, 3, 15, 13, 5, 0, 0, cst)) {
		t.Fatalf("g 13:05: form %v, now %v", r.m.form != nil, now().In(cst))
	}
	r.key("g", "esc")
	if r.m.form != nil {
		t.Fatal("esc did not close the go-to form")
	}

	// The feed keeps its other keys: home for the newest, pgdown for a page.
	r.key("j", "j", "home")
	if r.m.feed.sel != 0 {
		t.Fatal("home did not go to the newest row")
	}
	r.key("pgdown")
	if r.m.feed.sel == 0 {
		t.Fatal("pgdown did not page in a replay")
	}

	// Help lists the playback keys, and not page-down on space.
	r.key("?")
	r.mustShow("pause/play")
	r.mustShow("next event of note")
	r.mustShow("go to time")
	r.mustShow("pgdown/ctrl+f")
	r.mustNotShow("g/home")
	r.key("esc")

	// Playback keys work with an overlay open.
	r.key("a", "right")
	if r.m.over == nil || !now().Equal(time.Date(2025, 3, 15, 13, 6, 0, 0, cst)) {
		t.Fatal("right over the alert list did not step")
	}
}

// TestPlaybackKeysOffOutsideReplay: the playback keys do nothing live, and
// space and g keep their feed meanings.
func TestPlaybackKeysOffOutsideReplay(t *testing.T) {
	r := newRig(t, fixture(), 120, 40)
	if r.m.sh.keys.Replay.Pause.Enabled() {
		t.Fatal("pause enabled in a live session")
	}
	r.key("space")
	if r.m.feed.sel == 0 {
		t.Fatal("space no longer pages down live")
	}
	r.key("g")
	if r.m.feed.sel != 0 || r.m.form != nil {
		t.Fatal("g no longer goes to the newest row live")
	}
	r.key("]", "+")
	r.key("?")
	r.mustNotShow("pause/play")
}

// TestReplayReadOnly: nothing a replay does writes, and the file's bytes are
// the same after a session that tried.
func TestReplayReadOnly(t *testing.T) {
	path := replayFile(t, true)
	sum := func() [32]byte {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return sha256.Sum256(b)
	}
	before := sum()
	st := openReplay(t, path)
	r := replayRig(t, st, 120, 40, t0)
	r.sc().SetSpeed(3600)
	r.play(10)
	r.key("2", "D", "m", "e", "3", "n", "l", "x", "A", "a", "A", "esc")
	if len(r.m.sh.pending) != 0 {
		t.Fatal("a write is pending in a replay")
	}
	if cmd := r.m.sh.write(r.m.sh.event(model.KindNote, model.NotePayload{Section: model.NoteAction, Text: "x"})); cmd != nil {
		t.Fatal("the session offered to write")
	}
	r.mustShow("read-only")
	r.m.sh.appended(appendedMsg{err: storeBackend{st}.Append(context.Background())})
	r.mustShow("read-only: this session cannot change the incident")
	if err := (storeBackend{st}).Append(context.Background()); !errors.Is(err, ErrReadOnly) {
		t.Fatal(err)
	}
	r.key("g")
	r.typeText("+0s")
	r.key("enter", "right", "]", "[")
	st.Close()
	if sum() != before {
		t.Fatal("the file changed during a replay")
	}
}

// TestReplayHidesTheFuture: threads, evidence and alerts never show what
// had not happened yet at the frame's time.
func TestReplayHidesTheFuture(t *testing.T) {
	st := openReplay(t, replayFile(t, true))
	r := replayRig(t, st, 160, 40, t0.Add(-29*time.Minute))
	r.key("space")
	r.key("a", "j", "enter") // alert 1's evidence holds mention 150, ingested later
	o := r.m.over.(*alertsOverlay)
	if len(o.evidence) != 2 {
		t.Fatalf("evidence shows %d mentions, want the 2 that had arrived", len(o.evidence))
	}
	r.key("esc")
	if a := r.m.alerts.all(r.m.sh)[0]; a.ID != 2 || !a.AckedAt.IsZero() {
		t.Fatalf("alert 2 shows acknowledged before its ack: %+v", a)
	}
	r.mustShow("ALERT")
	r.mustShow("unacked alerts: 1")
	r.mustShow("a: list")
	r.mustNotShow("A: acknowledge") // a replay cannot: the banner does not offer it
	// The detail of mention 1 lists only the replies that had arrived.
	r.key("G")
	for r.m.feed.selected().ID != 1 {
		r.key("j")
	}
	r.key("enter")
	d := r.m.over.(*detailOverlay)
	for _, x := range d.replies {
		if x.IngestedAt.After(r.m.sh.now) {
			t.Fatalf("reply %d from %v shows at %v", x.ID, x.IngestedAt, r.m.sh.now)
		}
	}
	if len(d.replies) == 0 {
		t.Fatal("no replies at all")
	}
}

// TestReplayStaleFrameDropped: a frame that lands after a seek asked for a
// newer one is dropped.
func TestReplayStaleFrameDropped(t *testing.T) {
	st := openReplay(t, replayFile(t, true))
	r := replayRig(t, st, 120, 40, t0)
	r.key("space")
	old := r.m.rp.req
	r.key("g")
	r.typeText("+10m")
	r.key("enter")
	state := r.m.sh.state
	r.send(replayFrameMsg{req: old, at: t0, full: true, state: model.NewState()})
	if r.m.sh.state != state || !r.m.sh.now.Equal(replayStart.Add(10*time.Minute)) {
		t.Fatal("a stale frame landed")
	}
}

// TestParseGoto reads the go-to forms.
func TestParseGoto(t *testing.T) {
	first := time.Date(2025, 3, 15, 22, 0, 0, 0, cst)
	last := first.Add(24 * time.Hour)
	now := first.Add(time.Hour) // 23:00 on the 15th
	cases := []struct {
		in   string
		want time.Time
		err  error
	}{
		{"+0s", first, nil},
		{"+2h30m", first.Add(150 * time.Minute), nil},
		{"23:30", time.Date(2025, 3, 15, 23, 30, 0, 0, cst), nil},
		{"08:15", time.Date(2025, 3, 16, 8, 15, 0, 0, cst), nil}, // only the 16th is inside
		{"21:59:59", time.Date(2025, 3, 16, 21, 59, 59, 0, cst), nil},
		{"00:00", time.Date(2025, 3, 16, 0, 0, 0, 0, cst), nil},
		{"2025-03-16 22:00", last, nil},
		{"2025-03-16 22:01", time.Time{}, ErrOutside},
		{"+25h", time.Time{}, ErrOutside},
		{"-1h", time.Time{}, ErrBadTime},
		{"noon", time.Time{}, ErrBadTime},
		{"", time.Time{}, ErrBadTime},
	}
	for _, c := range cases {
		got, err := ParseGoto(c.in, now, first, last, cst)
		if !errors.Is(err, c.err) || (c.err == nil && !got.Equal(c.want)) {
			t.Errorf("%q: %v %v, want %v %v", c.in, got, err, c.want, c.err)
		}
	}
}

// TestBreachAt finds when clocks ran out, pauses included.
func TestBreachAt(t *testing.T) {
	a := t0
	c := &model.ResponseClock{AnchorAt: a, Duration: time.Hour}
	if at, ok := breachAt(c); !ok || !at.Equal(a.Add(time.Hour+time.Second)) {
		t.Fatalf("plain: %v %v", at, ok)
	}
	c.Pauses = []model.Pause{{From: a.Add(10 * time.Minute), To: a.Add(40 * time.Minute)}}
	if at, _ := breachAt(c); !at.Equal(a.Add(90*time.Minute + time.Second)) {
		t.Fatalf("paused 30 min: %v", at)
	}
	if s := c.At(a.Add(90*time.Minute + time.Second)); s.State != model.ClockBreached {
		t.Fatalf("the clock itself says %v at the breach", s.State)
	}
	if s := c.At(a.Add(90 * time.Minute)); s.State == model.ClockBreached {
		t.Fatal("breached at the deadline itself")
	}
	c.MetAt = a.Add(80 * time.Minute)
	if _, ok := breachAt(c); ok {
		t.Fatal("a clock met in time breached")
	}
	c.MetAt = time.Time{}
	c.Pauses = append(c.Pauses, model.Pause{From: a.Add(50 * time.Minute)})
	if _, ok := breachAt(c); ok {
		t.Fatal("a clock paused for good breached")
	}
	if _, ok := breachAt(&model.ResponseClock{Duration: time.Hour}); ok {
		t.Fatal("a pending clock breached")
	}
}

// TestTimelineFits: the timeline line is exactly the screen's width at
// every width, in both languages.
func TestTimelineFits(t *testing.T) {
	st := openReplay(t, replayFile(t, true))
	for _, lang := range []i18n.Lang{i18n.EN, i18n.ZH} {
		r := replayRig(t, st, 200, 50, t0, withLang(lang))
		for w := 80; w <= 220; w += 3 {
			r.send(sizeMsg(w, 30))
			checkFrame(t, r.m.View().Content, w, 30)
			line := strings.Split(r.screen(), "\n")[2]
			if !strings.Contains(line, glyphHead) {
				t.Fatalf("%d wide: no play head on %q", w, line)
			}
		}
		for _, noColor := range []bool{true, false} {
			r.m.sh.st = NewStyles(true, noColor)
			r.send(sizeMsg(150, 40))
			checkFrame(t, r.m.View().Content, 150, 40)
		}
	}
}

// screenDiff lists the lines where two screens differ, or "" when equal.
func screenDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	var out strings.Builder
	for i := range max(len(la), len(lb)) {
		var x, y string
		if i < len(la) {
			x = la[i]
		}
		if i < len(lb) {
			y = lb[i]
		}
		if x != y {
			out.WriteString("- " + x + "\n+ " + y + "\n")
		}
	}
	return out.String()
}

// TestRunningMinute counts the minute still running exactly, by reading
// back to its start, or by counting when the minute is busier than the read.
func TestRunningMinute(t *testing.T) {
	b := &fakeBackend{}
	start := t0.Truncate(time.Minute)
	now := start.Add(40 * time.Second)
	var want MinuteCount
	for i := range 300 {
		at := start.Add(-90 * time.Second).Add(time.Duration(i) * 500 * time.Millisecond) // 90 s before to 60 s after start
		neg := i%3 == 0
		b.add(&model.Mention{Platform: model.Weibo, Text: "x", CreatedAt: at, Negative: neg})
		if !at.Before(start) && !at.After(now) {
			want.All++
			if neg {
				want.Negative++
			}
		}
	}
	want.Minute = start
	for _, limit := range []int{1000, 81, 80, 10} {
		got, err := runningMinute(context.Background(), b, start, now, limit)
		if err != nil || got != want {
			t.Errorf("limit %d: %+v %v, want %+v", limit, got, err, want)
		}
	}
	cs, err := replayMinutes(context.Background(), b, now)
	if err != nil || len(cs) == 0 || cs[len(cs)-1] != want {
		t.Fatalf("replayMinutes ends %+v %v, want %+v", cs[len(cs)-1], err, want)
	}
	if prev := cs[len(cs)-2]; prev.All != 120 || !prev.Minute.Equal(start.Add(-time.Minute)) {
		t.Fatalf("the minute before: %+v", prev)
	}
}

// TestReplayShowsAlertsAsTheyWere folds to a moment between two updates of
// the same alerts: the banner, the list and the evidence show the figures
// the console showed then, not the ones the alert ended with; past the
// second update they show the later ones, and going back the earlier again.
func TestReplayShowsAlertsAsTheyWere(t *testing.T) {
	path := filepath.Join(t.TempDir(), "alerts.db")
	st, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	w := st.NewWriter(data.WriterOptions{})
	ctx := context.Background()
	start := t0.Add(-time.Hour)
	put := func(err error) {
		t.Helper()
		if err == nil {
			err = w.Flush(ctx)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	put(w.Event(model.NewEvent(start, model.KindCreated, "system", model.IncidentPayload{Name: "外卖异物"})))
	for i := range 12 { // one a minute from start+1m; ids 1 to 12
		m := synthMention(i)
		m.ExternalID, m.Platform = fmt.Sprintf("m%d", i), model.Xiaohongshu
		m.IngestedAt = start.Add(time.Duration(i+1) * time.Minute)
		m.CreatedAt = m.IngestedAt
		put(w.Mention(m))
	}
	first, second := start.Add(3*time.Minute), start.Add(12*time.Minute)
	flag := &model.Alert{Key: "red_flag:plan", Rule: model.RuleRedFlag, Platform: model.Xiaohongshu, Level: model.LevelBlue,
		At: first, UpdatedAt: first, WindowFrom: start, WindowTo: first, Count: 1, Value: 1, Threshold: 1,
		Terms: []string{"吃出", "异物"}, Evidence: []int64{1, 2, 3}, Message: "Red flag: 1 negative post on xiaohongshu"}
	infl := &model.Alert{Key: "influential:weibo", Rule: model.RuleInfluential, Platform: model.Weibo, Level: model.LevelYellow,
		At: first.Add(-time.Minute), UpdatedAt: first.Add(-time.Minute), Count: 3, Evidence: []int64{2}, Message: "Influential: 3 authors"}
	put(w.Alert(flag))
	put(w.Alert(infl))
	flag.Level, flag.UpdatedAt, flag.Platform, flag.WindowTo, flag.Count = model.LevelYellow, second, "", second, 3
	flag.Terms, flag.Evidence, flag.Message = []string{"吃出", "异物", "维权"}, []int64{1, 2, 3, 5}, "Red flag: 3 negative posts on all platforms"
	infl.UpdatedAt, infl.Count, infl.Evidence, infl.Message = second, 11, []int64{2, 12}, "Influential: 11 authors"
	put(w.Alert(flag))
	put(w.Alert(infl))
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}

	r := replayRig(t, openReplay(t, path), 160, 40, start.Add(7*time.Minute))
	r.key("space")
	early := func() {
		t.Helper()
		r.mustShow("ALERT 13:33:00 BLUE · red flag · XHS red-flag terms: 吃出, 异物 ")
		r.mustNotShow("维权")
		r.key("a")
		r.mustShow("influential Weibo influential negative post (3)")
		r.mustNotShow("(11)")
		r.key("j", "k", "enter") // the red flag's evidence: three mentions then, four later (all arrived by now)
		if o := r.m.over.(*alertsOverlay); o.evFor != flag.ID || len(o.evidence) != 3 {
			t.Fatalf("evidence of alert %d: %d mentions, want 3 of alert %d", o.evFor, len(o.evidence), flag.ID)
		}
		r.key("esc")
	}
	early()
	r.key("g")
	r.typeText("13:42")
	r.key("enter")
	r.mustShow("ALERT 13:42:00 YELLOW · red flag · all platforms red-flag terms: 吃出, 异物, 维权 ")
	r.key("a")
	r.mustShow("influential Weibo influential negative post (11)")
	r.key("esc")
	r.key("g")
	r.typeText("13:37")
	r.key("enter")
	early()
}

// TestReplayOlderFileAlerts: a file written before the log carried an
// alert's figures has only its last ones, in the alert table. Replayed to
// before its last update, the alert says what the log knows of that moment
// (its message, in the file's English) rather than numbers from later.
func TestReplayOlderFileAlerts(t *testing.T) {
	r := newRig(t, fixture(), 160, 40, withMode(Replay))
	sh := r.m.sh
	raised, updated := t0.Add(-time.Hour), t0.Add(-10*time.Minute)
	evs := []model.Event{
		model.NewEvent(raised, model.KindAlert, "warroom", model.AlertPayload{ID: 1, Rule: model.RuleSpike, Level: model.LevelYellow, Message: "Negative spike on weibo: 200 negative mentions"}),
		model.NewEvent(updated, model.KindAlert, "warroom", model.AlertPayload{ID: 1, Rule: model.RuleSpike, Level: model.LevelOrange, Message: "Negative spike on weibo: 412 negative mentions"}),
	}
	row := &model.Alert{ID: 1, Rule: model.RuleSpike, Platform: model.Weibo, Level: model.LevelOrange, At: raised, UpdatedAt: updated,
		Count: 412, Baseline: 35, Message: "Negative spike on weibo: 412 negative mentions"}
	for _, c := range []struct {
		at   time.Time
		want string
	}{
		{raised.Add(time.Minute), "Negative spike on weibo: 200 negative mentions"},
		{updated, "Weibo volume spike: 412 mentions (baseline 35)"},
	} {
		sh.state, _ = model.Fold(evs, c.at)
		r.m.alerts.reset([]*model.Alert{row}, c.at)
		list := r.m.alerts.all(sh)
		if len(list) != 1 {
			t.Fatalf("at %v: %d alerts", c.at, len(list))
		}
		if got := r.m.alerts.alertText(sh, list[0]); got != c.want {
			t.Errorf("at %v: %q, want %q", c.at, got, c.want)
		}
	}
}
