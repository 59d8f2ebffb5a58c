package model

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func at(m int) time.Time { return t0.Add(time.Duration(m) * time.Minute) }

// incidentLog is a small incident: an alert, a declaration with two clocks
// and a task, a statement through review to publication.
func incidentLog() []Event {
	legal := []Role{RoleLegal}
	evs := []Event{
		NewEvent(at(0), KindCreated, "lead", IncidentPayload{Name: "外卖异物", Brand: "鲜味坊"}),
		NewEvent(at(5), KindAlert, "warroom", AlertPayload{ID: 1, Rule: RuleSpike, Level: LevelYellow}),
		NewEvent(at(8), KindAlertAck, "lead", AlertPayload{ID: 1}),
		NewEvent(at(10), KindDeclared, "lead", DeclarePayload{Level: LevelOrange, Scenario: "food_safety"}),
		NewEvent(at(10), KindClockAdd, "lead", ClockPayload{ID: "ack", Name: "acknowledge", Anchor: KindAlert, Duration: 15 * time.Minute, MetBy: KindAlertAck}),
		NewEvent(at(10), KindClockAdd, "lead", ClockPayload{ID: "holding", Name: "holding", Anchor: KindDeclared, Duration: time.Hour, DueSoon: 10 * time.Minute, MetBy: KindPublish + ":holding"}),
		NewEvent(at(10), KindClockAdd, "lead", ClockPayload{ID: "weibo", Name: "first public on weibo", Anchor: KindDeclared, Duration: 4 * time.Hour, MetBy: KindPublish + "@weibo"}),
		NewEvent(at(10), KindClockAdd, "lead", ClockPayload{ID: "legal", Name: "legal review", Anchor: KindSubmit, Duration: 30 * time.Minute, MetBy: KindApprove}),
		NewEvent(at(10), KindTaskAdd, "lead", TaskPayload{ID: "t1", Title: "封存涉事批次", Role: RoleLead, Due: at(40)}),
		NewEvent(at(12), KindTaskMove, "lead", TaskMovePayload{ID: "t1", To: TaskDoing}),
		NewEvent(at(20), KindDraft, "小李", StatementPayload{ID: "s1", Kind: StatementHolding, Platform: Weibo, Text: "我们已关注到相关情况"}),
		NewEvent(at(25), KindSubmit, "小李", StatementPayload{ID: "s1"}),
		NewEvent(at(40), KindApprove, "王律师", ReviewPayload{ID: "s1", Roles: legal}),
		NewEvent(at(45), KindPublish, "小李", StatementPayload{ID: "s1"}),
		NewEvent(at(50), KindTaskMove, "lead", TaskMovePayload{ID: "t1", To: TaskDone}),
		NewEvent(at(60), KindNote, "lead", NotePayload{Section: NoteWentWell, Text: "45 分钟内发出声明"}),
	}
	for i := range evs {
		evs[i].Seq = int64(i + 1)
	}
	return evs
}

func TestFold(t *testing.T) {
	evs := incidentLog()
	s, errs := Fold(evs, time.Time{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if s.Incident.Level != LevelOrange || s.Incident.Status != StatusActive || !s.Incident.DeclaredAt.Equal(at(10)) {
		t.Errorf("incident = %+v", s.Incident)
	}
	want := map[string]struct {
		state ClockState
		metAt time.Time
		late  bool
	}{
		"ack":     {ClockMet, at(8), false},  // met before it was even added
		"holding": {ClockMet, at(45), false}, // by the published holding statement
		"weibo":   {ClockMet, at(45), false}, // same statement, published on weibo
		"legal":   {ClockMet, at(40), false}, // anchored at submission, met by approval
	}
	for id, w := range want {
		c := s.Clock(id)
		st := c.At(at(300))
		if st.State != w.state || !c.MetAt.Equal(w.metAt) || st.Late != w.late {
			t.Errorf("clock %s: %+v met %v, want %v at %v", id, st, c.MetAt, w.state, w.metAt)
		}
	}
	if c := s.Clock("legal"); !c.AnchorAt.Equal(at(25)) {
		t.Errorf("legal clock anchored at %v, want submission", c.AnchorAt)
	}
	if task := s.Task("t1"); task.Status != TaskDone || !task.Late() {
		t.Errorf("task = %+v, want done late", task)
	}
	if st := s.Statement("s1"); st.Status != StatementPublished || st.Reviewer != "王律师" || st.PublishedOn != Weibo {
		t.Errorf("statement = %+v", st)
	}
	if a := s.Alert(1); a.AckedBy != "lead" {
		t.Errorf("alert = %+v", a)
	}
	if len(s.Notes) != 1 || s.Notes[0].Author != "lead" {
		t.Errorf("notes = %+v", s.Notes)
	}
}

// The state at any moment is the fold of the events up to it, and folding
// in two steps gives the same as folding at once.
func TestFoldUpTo(t *testing.T) {
	evs := incidentLog()
	s, _ := Fold(evs, at(30))
	if st := s.Statement("s1"); st.Status != StatementInReview {
		t.Errorf("at 30m statement is %s", st.Status)
	}
	if c := s.Clock("holding"); c.At(at(30)).State != ClockRunning {
		t.Errorf("at 30m holding clock is %s", c.At(at(30)).State)
	}
	if c := s.Clock("holding"); c.At(at(71)).State != ClockBreached {
		t.Error("without the later events the holding clock breaches")
	}
	if s.Task("t1").Status != TaskDoing {
		t.Error("task not doing at 30m")
	}
	for i := 1; i < len(evs); i++ {
		s.Apply(evs[i]) // re-applying the first half must fail harmlessly; the rest completes it
	}
	full, _ := Fold(evs, time.Time{})
	if s.Statement("s1").Status != full.Statement("s1").Status || s.Task("t1").Status != full.Task("t1").Status {
		t.Error("incremental fold differs from a full fold")
	}
}

func TestFoldRefusesIllegalEvents(t *testing.T) {
	s, _ := Fold(incidentLog()[:11], time.Time{}) // statement s1 drafted, not approved
	cases := []Event{
		NewEvent(at(30), KindPublish, "小李", StatementPayload{ID: "s1"}),
		NewEvent(at(30), KindApprove, "小李", ReviewPayload{ID: "s1", Roles: []Role{RoleSocial}}),
		NewEvent(at(30), KindTaskMove, "lead", TaskMovePayload{ID: "nope", To: TaskDone}),
		NewEvent(at(30), KindTaskAdd, "lead", TaskPayload{ID: "t1", Title: "dup"}),
		NewEvent(at(30), KindTaskAdd, "lead", TaskPayload{ID: "t9", Title: "  "}),
		NewEvent(at(30), KindDeclared, "lead", DeclarePayload{Level: LevelRed}),
		NewEvent(at(30), KindClockMet, "lead", ClockMetPayload{ID: "missing"}),
		NewEvent(at(30), KindClockAdd, "lead", ClockPayload{ID: "z", Duration: 0}),
		NewEvent(at(30), KindStatus, "lead", StatusPayload{Status: "panicking"}),
		NewEvent(at(30), KindNote, "lead", NotePayload{Section: "gossip"}),
		{At: at(30), Kind: KindTaskAdd, Payload: []byte(`{"id":`)},
	}
	for _, e := range cases {
		before := s.Clone()
		if err := s.Try(e); err == nil {
			t.Errorf("%s %s accepted", e.Kind, e.Payload)
		}
		if err := s.Apply(e); err == nil {
			t.Errorf("%s applied", e.Kind)
		}
		if s.Statement("s1").Status != before.Statement("s1").Status || len(s.Tasks) != len(before.Tasks) {
			t.Errorf("%s changed the state although refused", e.Kind)
		}
	}
	pub := NewEvent(at(30), KindPublish, "小李", StatementPayload{ID: "s1"})
	if err := s.Apply(pub); !errors.Is(err, ErrNotApproved) {
		t.Errorf("publish unapproved: %v", err)
	}
}

func TestPauseResumeEvents(t *testing.T) {
	evs := incidentLog()[:7]
	evs = append(evs,
		NewEvent(at(20), KindPause, "lead", ClockMetPayload{ID: "weibo"}),
		NewEvent(at(80), KindResume, "lead", ClockMetPayload{ID: "weibo"}),
	)
	s, errs := Fold(evs, time.Time{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if d := s.Clock("weibo").At(at(100)).Deadline; !d.Equal(at(10 + 240 + 60)) {
		t.Errorf("deadline after a 60m pause = %v", d)
	}
	if err := s.Apply(NewEvent(at(90), KindResume, "lead", ClockMetPayload{ID: "weibo"})); err == nil {
		t.Error("resumed a running clock")
	}
}

func TestUnknownKindIsKept(t *testing.T) {
	s := NewState()
	if err := s.Apply(Event{At: t0, Kind: "future.thing", Payload: []byte(`{}`)}); err != nil {
		t.Fatal(err)
	}
}

func TestLevelText(t *testing.T) {
	for _, l := range []Level{LevelBlue, LevelYellow, LevelOrange, LevelRed} {
		var back Level
		b, _ := l.MarshalText()
		if err := back.UnmarshalText(b); err != nil || back != l {
			t.Errorf("%v round trip: %v %v", l, back, err)
		}
	}
	if l, err := ParseLevel("红"); err != nil || l != LevelRed {
		t.Error("红 is red")
	}
	if _, err := ParseLevel("purple"); err == nil {
		t.Error("purple accepted")
	}
	if p, ok := ParsePlatform(" 小红书 "); !ok || p != Xiaohongshu {
		t.Error("小红书")
	}
	if p, ok := ParsePlatform("myspace"); ok || p != Other {
		t.Error("unknown platform must be other")
	}
}

// Legal review is a second pair of eyes: whoever wrote the text under
// review, drafting it or editing it last, cannot approve it, even acting in
// the legal role; another lawyer can, and the writer may still reject. The
// rule applies to new actions (Try), not to the fold: a file written before
// it existed replays as it happened.
func TestSelfApprovalRefused(t *testing.T) {
	legal := []Role{RoleLegal}
	s, errs := Fold(append(incidentLog()[:10],
		NewEvent(at(20), KindDraft, "王律师", StatementPayload{ID: "s1", Kind: StatementHolding, Platform: Weibo, Text: "初稿"}),
		NewEvent(at(21), KindSubmit, "王律师", StatementPayload{ID: "s1"}),
	), time.Time{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	own := NewEvent(at(22), KindApprove, " 王律师", ReviewPayload{ID: "s1", Roles: legal})
	err := s.Try(own)
	var se *SelfApprovalError
	if !errors.Is(err, ErrSelfApproval) || !errors.As(err, &se) || se.Writer != "王律师" || se.Edited {
		t.Fatalf("approving one's own draft: %v", err)
	}
	if want := "王律师 drafted it; another reviewer must approve"; !strings.Contains(err.Error(), want) {
		t.Errorf("message %q lacks %q", err, want)
	}
	if st := s.Statement("s1"); st.Status != StatementInReview || st.Reviewer != "" {
		t.Fatalf("refused approval changed the statement: %+v", st)
	}
	steps := []Event{
		NewEvent(at(23), KindReject, "王律师", ReviewPayload{ID: "s1", Comment: "再想想", Roles: legal}),
		NewEvent(at(24), KindEdit, "小李", StatementPayload{ID: "s1", Text: "小李改过"}),
		NewEvent(at(25), KindSubmit, "小李", StatementPayload{ID: "s1"}),
		NewEvent(at(26), KindApprove, "王律师", ReviewPayload{ID: "s1", Roles: legal}),
		NewEvent(at(27), KindEdit, "王律师", StatementPayload{ID: "s1", Text: "律师改了一个字"}),
		NewEvent(at(28), KindSubmit, "王律师", StatementPayload{ID: "s1"}),
	}
	for _, e := range steps {
		if err := s.Apply(e); err != nil {
			t.Fatalf("%s by %s: %v", e.Kind, e.Actor, err)
		}
	}
	selfApproval := NewEvent(at(29), KindApprove, "王律师", ReviewPayload{ID: "s1", Roles: legal})
	err = s.Try(selfApproval)
	if !errors.As(err, &se) || !se.Edited || !strings.Contains(err.Error(), "王律师 last edited it") {
		t.Fatalf("approving one's own edit: %v", err)
	}
	old := s.Clone() // a file from before the rule holds such an approval: it folds
	if err := old.Apply(selfApproval); err != nil || old.Statement("s1").Status != StatementApproved {
		t.Fatalf("folding a recorded self-approval: %v", err)
	}
	if err := s.Try(NewEvent(at(30), KindApprove, "李律师", ReviewPayload{ID: "s1", Roles: legal})); err != nil {
		t.Fatalf("another lawyer: %v", err)
	}
	if err := s.Apply(NewEvent(at(30), KindApprove, "李律师", ReviewPayload{ID: "s1", Roles: legal})); err != nil {
		t.Fatalf("another lawyer: %v", err)
	}
	if st := s.Statement("s1"); st.Status != StatementApproved || st.Reviewer != "李律师" || st.ApprovedVer != 3 || st.Editor != "王律师" || st.Author != "王律师" {
		t.Errorf("statement: %+v", st)
	}
}

// TestAlertEscalationReopens: an acknowledgement covers the level it was
// given at. An escalation above it re-opens the alert (the history stays),
// a refresh at the same level does not, and a new acknowledgement closes it
// again.
func TestAlertEscalationReopens(t *testing.T) {
	raise := func(m int, lvl Level, msg string) Event {
		return NewEvent(at(m), KindAlert, "warroom", AlertPayload{ID: 1, Rule: RuleRedFlag, Level: lvl, Message: msg})
	}
	ack := func(m int, by string, saw Level) Event {
		return NewEvent(at(m), KindAlertAck, by, AlertPayload{ID: 1, Level: saw})
	}
	evs := []Event{
		raise(0, LevelBlue, "1 post"),
		ack(2, "root", LevelBlue),
		raise(3, LevelBlue, "2 posts"),   // a refresh: still acknowledged
		raise(5, LevelYellow, "3 posts"), // above what was acknowledged
		ack(6, "lead", LevelBlue),        // pressed before the escalation reached them
		raise(7, LevelRed, "30 posts"),
		ack(9, "lead", LevelRed),
		ack(10, "root", LevelRed), // twice at one level: nothing new
	}
	steps := []struct {
		upTo    int
		acked   bool
		level   Level
		levelAt int
		acks    int
	}{
		{1, false, LevelBlue, 0, 0},
		{2, true, LevelBlue, 0, 1},
		{3, true, LevelBlue, 0, 1},
		{5, false, LevelYellow, 5, 1},
		{6, false, LevelYellow, 5, 1},
		{7, false, LevelRed, 7, 1},
		{9, true, LevelRed, 7, 2},
		{10, true, LevelRed, 7, 2},
	}
	for _, st := range steps {
		s, errs := Fold(evs, at(st.upTo))
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		a := s.Alert(1)
		if a.Acked() != st.acked || a.Level != st.level || !a.LevelAt.Equal(at(st.levelAt)) || len(a.Acks) != st.acks {
			t.Errorf("at +%dm: acked %v level %v since %v, %d acks; want %v %v since +%dm, %d",
				st.upTo, a.Acked(), a.Level, a.LevelAt, len(a.Acks), st.acked, st.level, st.levelAt, st.acks)
		}
	}
	s, _ := Fold(evs, time.Time{})
	a := s.Alert(1)
	if last, _ := a.LastAck(); last.By != "lead" || last.Level != LevelRed || !last.At.Equal(at(9)) {
		t.Errorf("last ack %+v", last)
	}
	if a.Acks[0].Level != LevelBlue || a.Acks[0].By != "root" {
		t.Errorf("the first ack is lost: %+v", a.Acks)
	}
	// The first acknowledgement is what time-to-acknowledge measures.
	if !a.AckedAt.Equal(at(2)) || a.AckedBy != "root" {
		t.Errorf("first ack %v by %s", a.AckedAt, a.AckedBy)
	}
	// An ack without a level (files from before acks carried one) takes
	// the level the log had reached.
	old, _ := Fold([]Event{raise(0, LevelYellow, "x"), NewEvent(at(1), KindAlertAck, "lead", AlertPayload{ID: 1})}, time.Time{})
	if a := old.Alert(1); !a.Acked() || a.Acks[0].Level != LevelYellow {
		t.Errorf("levelless ack: %+v", a)
	}
}

// TestAlertFiguresAsOf: folding to a moment between two updates of one
// alert gives the figures of the earlier update, not the later ones.
func TestAlertFiguresAsOf(t *testing.T) {
	fig := func(n int, terms ...string) *AlertFigures {
		return &AlertFigures{Platform: Xiaohongshu, WindowFrom: at(0), WindowTo: at(n), Count: n, Value: float64(n), Terms: terms, Evidence: []int64{int64(n)}}
	}
	evs := []Event{
		NewEvent(at(0), KindAlert, "warroom", AlertPayload{ID: 1, Rule: RuleRedFlag, Level: LevelBlue, Message: "one", Figures: fig(1, "吃出", "异物")}),
		NewEvent(at(10), KindAlert, "warroom", AlertPayload{ID: 1, Rule: RuleRedFlag, Level: LevelBlue, Category: CategoryFoodSafety, Message: "two", Figures: fig(3, "吃出", "异物", "维权")}),
	}
	s, _ := Fold(evs, at(5))
	a := s.Alert(1)
	if a.Message != "one" || a.Figures == nil || !a.Figures.Equal(*fig(1, "吃出", "异物")) || !a.UpdatedAt.Equal(at(0)) {
		t.Fatalf("at +5m: %q %+v updated %v", a.Message, a.Figures, a.UpdatedAt)
	}
	s, _ = Fold(evs, time.Time{})
	a = s.Alert(1)
	if a.Message != "two" || !a.Figures.Equal(*fig(3, "吃出", "异物", "维权")) || a.Category != CategoryFoodSafety || !a.UpdatedAt.Equal(at(10)) {
		t.Fatalf("at the end: %q %+v %s", a.Message, a.Figures, a.Category)
	}
}
