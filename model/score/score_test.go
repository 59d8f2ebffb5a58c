package score

import (
	"math"
	"strings"
	"testing"
	"time"

	"warroom/model"
)

var t0 = time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)

func at(d time.Duration) time.Time { return t0.Add(d) }

var legal = []model.Role{model.RoleLegal}

// log builds an event log and folds it, failing on any rejected event.
type log struct {
	t   *testing.T
	evs []model.Event
}

func (l *log) add(d time.Duration, kind, actor string, p any) *log {
	l.evs = append(l.evs, model.NewEvent(at(d), kind, actor, p))
	return l
}

func (l *log) state() *model.State {
	st, errs := model.Fold(l.evs, time.Time{})
	if len(errs) > 0 {
		l.t.Fatalf("log rejected: %v", errs)
	}
	return st
}

func base(t *testing.T) *log {
	l := &log{t: t}
	return l.add(0, model.KindCreated, "system", model.IncidentPayload{Name: "drill", Brand: "鲜味坊"}).
		add(2*time.Minute, model.KindAlert, "", model.AlertPayload{ID: 1, Rule: model.RuleSpike, Level: model.LevelOrange})
}

// declare adds the declaration with a holding clock (1h), a first-statement
// clock (4h) and a task due at +2h.
func (l *log) declare(d time.Duration) *log {
	return l.add(d, model.KindDeclared, "lead", model.DeclarePayload{Level: model.LevelOrange}).
		add(d, model.KindClockAdd, "lead", model.ClockPayload{ID: "c1", Name: "等待声明", Anchor: model.KindDeclared,
			Duration: time.Hour, MetBy: model.KindPublish + ":holding"}).
		add(d, model.KindClockAdd, "lead", model.ClockPayload{ID: "c2", Name: "正式回应", Anchor: model.KindDeclared,
			Duration: 4 * time.Hour, MetBy: model.KindPublish}).
		add(d, model.KindTaskAdd, "lead", model.TaskPayload{ID: "t1", Title: "联系投诉顾客", Role: model.RoleService, Due: at(d + 2*time.Hour)})
}

func (l *log) publish(id string, kind model.StatementKind, d time.Duration) *log {
	return l.add(d-20*time.Minute, model.KindDraft, "pr", model.StatementPayload{ID: id, Kind: kind, Platform: model.Weibo, Text: "我们深感抱歉……"}).
		add(d-15*time.Minute, model.KindSubmit, "pr", model.StatementPayload{ID: id}).
		add(d-5*time.Minute, model.KindApprove, "法务", model.ReviewPayload{ID: id, Roles: legal}).
		add(d, model.KindPublish, "pr", model.StatementPayload{ID: id})
}

// run is a run of 1,000 mentions, 100 in the last hour, with share negative.
func run(share float64) Run {
	return Run{Whole: Count{1000, int(math.Round(share * 1000))}, LastHour: Count{100, int(math.Round(share * 100))}}
}

func sent(actual, best, worst float64) *Sentiment {
	return &Sentiment{Actual: run(actual), Best: run(best), Worst: run(worst)}
}

func reason(t *testing.T, r Result, a Area) Reason {
	t.Helper()
	for _, x := range r.Reasons {
		if x.Area == a {
			return x
		}
	}
	t.Fatalf("no reason for %s in %v", a, r.Reasons)
	return Reason{}
}

func TestPerfectRun(t *testing.T) {
	l := base(t).add(4*time.Minute, model.KindAlertAck, "lead", model.AlertPayload{ID: 1}).declare(5 * time.Minute)
	// Legal rejects the first draft; it is edited, approved and published.
	l.add(10*time.Minute, model.KindDraft, "pr", model.StatementPayload{ID: "s1", Kind: model.StatementHolding, Platform: model.Weibo, Text: "网传不实"}).
		add(12*time.Minute, model.KindSubmit, "pr", model.StatementPayload{ID: "s1"}).
		add(15*time.Minute, model.KindReject, "法务", model.ReviewPayload{ID: "s1", Comment: "甩锅", Roles: legal}).
		add(18*time.Minute, model.KindEdit, "pr", model.StatementPayload{ID: "s1", Text: "我们深感抱歉……"}).
		add(19*time.Minute, model.KindSubmit, "pr", model.StatementPayload{ID: "s1"}).
		add(24*time.Minute, model.KindApprove, "法务", model.ReviewPayload{ID: "s1", Roles: legal}).
		add(30*time.Minute, model.KindPublish, "pr", model.StatementPayload{ID: "s1"})
	l.publish("s2", model.StatementFull, 3*time.Hour)
	l.add(time.Hour, model.KindTaskMove, "客服", model.TaskMovePayload{ID: "t1", To: model.TaskDone})

	r := Debrief(l.state(), at(6*time.Hour), sent(0.3, 0.3, 0.8), "en")
	if r.Score != 100 || r.Max != 100 {
		for _, x := range r.Reasons {
			t.Log(x)
		}
		t.Fatalf("perfect run scored %d of %v", r.Score, r.Max)
	}
	// s1 was edited after a rejection, not after an approval.
	if lg := reason(t, r, AreaLegal); strings.Contains(lg.Why, "approved again") {
		t.Errorf("legal reason %q claims a re-approval that did not happen", lg.Why)
	}
	if len(r.Reasons) != 7 {
		t.Errorf("%d reasons, want one per area", len(r.Reasons))
	}
}

func TestSilence(t *testing.T) {
	// Nobody acknowledges, declares or says anything; the crowd ends at the worst case.
	l := base(t)
	r := Debrief(l.state(), at(6*time.Hour), sent(0.8, 0.3, 0.8), "zh")
	if r.Score > 10 {
		for _, x := range r.Reasons {
			t.Log(x)
		}
		t.Fatalf("silence scored %d", r.Score)
	}
	// Declared but silent: clocks breach, the task goes overdue.
	l = base(t).add(3*time.Minute, model.KindAlertAck, "lead", model.AlertPayload{ID: 1}).declare(5 * time.Minute)
	r = Debrief(l.state(), at(6*time.Hour), sent(0.8, 0.3, 0.8), "zh")
	if r.Score > 15 {
		for _, x := range r.Reasons {
			t.Log(x)
		}
		t.Fatalf("declared but silent scored %d", r.Score)
	}
	if c := reason(t, r, AreaClocks); c.Points != 0 || !strings.Contains(c.Why, "2个超时未完成") {
		t.Errorf("clocks: %v", c)
	}
	if tk := reason(t, r, AreaTasks); tk.Points != 0 || !strings.Contains(tk.Why, "1个逾期") {
		t.Errorf("tasks: %v", tk)
	}
}

func TestKnownAnswers(t *testing.T) {
	// Ack at 17.5 minutes: halfway between 5 and 30, so 5 of 10.
	l := base(t).add(2*time.Minute+17*time.Minute+30*time.Second, model.KindAlertAck, "lead", model.AlertPayload{ID: 1}).
		declare(20 * time.Minute)
	// Holding statement 30 minutes late on a 1h clock: half of LateShare.
	l.publish("s1", model.StatementHolding, 20*time.Minute+90*time.Minute)
	// Task done 12 hours late: a quarter.
	l.add(14*time.Hour+20*time.Minute, model.KindTaskMove, "客服", model.TaskMovePayload{ID: "t1", To: model.TaskDone})
	r := Debrief(l.state(), at(15*time.Hour), sent(0.4, 0.2, 0.6), "en") // halfway
	want := map[Area]float64{
		AreaAck:       5,
		AreaHolding:   2.5,
		AreaFirst:     10,   // the same statement met the 4h clock
		AreaClocks:    15,   // one on time, one late: (1 + 0.5) / 2 of 20
		AreaLegal:     10,   // approved by legal
		AreaTasks:     3.75, // 0.5 * (1 - 12/24) of 15
		AreaSentiment: 12.5,
	}
	total := 0.0
	for a, w := range want {
		if got := reason(t, r, a).Points; math.Abs(got-w) > 1e-9 {
			t.Errorf("%s: %v points, want %v (%s)", a, got, w, reason(t, r, a).Why)
		}
		total += w
	}
	if r.Score != int(math.Round(total)) {
		t.Errorf("score %d, want %v", r.Score, math.Round(total))
	}
	if s := reason(t, r, AreaHolding).String(); !strings.HasPrefix(s, "+2.5/10 (-7.5) ") {
		t.Errorf("line %q", s)
	}
}

func TestWithoutCurvesAndWithoutClocks(t *testing.T) {
	// No plan clocks: the defaults (1h holding, 4h golden hours) apply,
	// counted from the declaration. No curves, and no clock or task to
	// judge: those areas are left out, so the score is out of 40.
	l := base(t).add(3*time.Minute, model.KindAlertAck, "lead", model.AlertPayload{ID: 1}).
		add(5*time.Minute, model.KindDeclared, "lead", model.DeclarePayload{Level: model.LevelYellow})
	l.publish("s1", model.StatementHolding, 5*time.Minute+5*time.Hour)
	r := Debrief(l.state(), at(8*time.Hour), nil, "zh")
	if want := float64(100 - WeightSentiment - WeightClocks - WeightTasks); r.Max != want {
		t.Fatalf("max %v, want %v", r.Max, want)
	}
	if h := reason(t, r, AreaHolding); h.Points != 0 {
		t.Errorf("a holding statement 4 hours late on a 1h deadline: %v", h)
	}
	if f := reason(t, r, AreaFirst); math.Abs(f.Points-WeightFirst*LateShare*0.75) > 1e-9 {
		t.Errorf("first statement an hour past the golden hours: %v", f)
	}
	for _, x := range r.Reasons {
		if x.Area == AreaSentiment {
			t.Error("sentiment scored without curves")
		}
	}
	// Total points of the weights are 100.
	if WeightAck+WeightHolding+WeightFirst+WeightClocks+WeightLegal+WeightTasks+WeightSentiment != 100 {
		t.Error("weights do not add up to 100")
	}
}

func TestNotDueYetLosesNothing(t *testing.T) {
	l := base(t).add(3*time.Minute, model.KindAlertAck, "lead", model.AlertPayload{ID: 1}).declare(5 * time.Minute)
	r := Debrief(l.state(), at(30*time.Minute), nil, "en")
	for _, a := range []Area{AreaHolding, AreaFirst, AreaClocks, AreaLegal, AreaTasks} {
		if x := reason(t, r, a); x.Lost() > 0 || x.Points > 0 || !x.NotDue {
			t.Errorf("%s judged before anything was due: %v", a, x)
		}
	}
	// Only the acknowledgement was due: the score is of its 10 points.
	if r.Max != WeightAck || r.NotDue != 100-WeightAck-WeightSentiment || r.Score != 100 {
		t.Errorf("score %d of %v (%v not due), want 100 of the acknowledgement's %d", r.Score, r.Max, r.NotDue, WeightAck)
	}
}

// Left after two minutes, undeclared and with nothing published: nothing
// was due, so nothing earns points as if it had been done.
func TestQuitEarlyEarnsNothingForNothing(t *testing.T) {
	r := Debrief(base(t).state(), at(4*time.Minute), nil, "en")
	for _, x := range r.Reasons {
		if x.Points > 0 || !x.NotDue || !strings.HasPrefix(x.String(), "–/") {
			t.Errorf("%s: %v", x.Area, x)
		}
	}
	if h := reason(t, r, AreaHolding); !strings.Contains(h.Why, "not out yet") {
		t.Errorf("holding: %v", h)
	}
	if r.Max != 0 || r.Score != 0 {
		t.Errorf("score %d of %v with nothing due", r.Score, r.Max)
	}
	// An hour and a half in, still undeclared: the clocks and tasks that
	// never ran now count against it.
	r = Debrief(base(t).state(), at(90*time.Minute), nil, "en")
	for _, a := range []Area{AreaAck, AreaHolding, AreaClocks, AreaLegal, AreaTasks} {
		if x := reason(t, r, a); x.NotDue || x.Points > 0 {
			t.Errorf("%s: %v", a, x)
		}
	}
	if f := reason(t, r, AreaFirst); !f.NotDue {
		t.Errorf("first statement due in the golden hours, judged at 1h30m: %v", f)
	}
}

func TestAckOfALaterAlertCounts(t *testing.T) {
	// The banner shows the newest alert: acknowledging #5 is the team
	// answering the warning that began with #1, 10 minutes earlier.
	l := base(t).add(8*time.Minute, model.KindAlert, "", model.AlertPayload{ID: 5, Rule: model.RuleRedFlag, Level: model.LevelYellow}).
		add(12*time.Minute, model.KindAlertAck, "lead", model.AlertPayload{ID: 5})
	r := Debrief(l.state(), at(time.Hour), nil, "en")
	a := reason(t, r, AreaAck)
	if math.Abs(a.Points-8) > 1e-9 || !strings.Contains(a.Why, "#5") || !strings.Contains(a.Why, "10m after the first alert (#1)") {
		t.Errorf("ack of a later alert: %v", a)
	}
}

func TestApprovedAgainOnlyAfterAnApproval(t *testing.T) {
	l := base(t).declare(5 * time.Minute)
	// s1: two drafts before its first review; s2: approved, then changed
	// and approved again.
	l.add(10*time.Minute, model.KindDraft, "pr", model.StatementPayload{ID: "s1", Kind: model.StatementHolding, Platform: model.Weibo, Text: "初稿"}).
		add(11*time.Minute, model.KindEdit, "pr", model.StatementPayload{ID: "s1", Text: "二稿"}).
		add(12*time.Minute, model.KindEdit, "pr", model.StatementPayload{ID: "s1", Text: "我们深感抱歉……"}).
		add(13*time.Minute, model.KindSubmit, "pr", model.StatementPayload{ID: "s1"}).
		add(15*time.Minute, model.KindApprove, "法务", model.ReviewPayload{ID: "s1", Roles: legal}).
		add(16*time.Minute, model.KindPublish, "pr", model.StatementPayload{ID: "s1"})
	r := Debrief(l.state(), at(time.Hour), nil, "en")
	if lg := reason(t, r, AreaLegal); strings.Contains(lg.Why, "approved again") {
		t.Errorf("edits before the first review counted as a re-approval: %q", lg.Why)
	}
	l.add(20*time.Minute, model.KindDraft, "pr", model.StatementPayload{ID: "s2", Kind: model.StatementFull, Platform: model.Weibo, Text: "说明"}).
		add(21*time.Minute, model.KindSubmit, "pr", model.StatementPayload{ID: "s2"}).
		add(22*time.Minute, model.KindApprove, "法务", model.ReviewPayload{ID: "s2", Roles: legal}).
		add(23*time.Minute, model.KindEdit, "pr", model.StatementPayload{ID: "s2", Text: "说明（更正）"}).
		add(24*time.Minute, model.KindSubmit, "pr", model.StatementPayload{ID: "s2"}).
		add(25*time.Minute, model.KindApprove, "法务", model.ReviewPayload{ID: "s2", Roles: legal}).
		add(26*time.Minute, model.KindPublish, "pr", model.StatementPayload{ID: "s2"})
	r = Debrief(l.state(), at(time.Hour), nil, "en")
	if lg := reason(t, r, AreaLegal); !strings.Contains(lg.Why, "(1 edited and approved again)") {
		t.Errorf("an edit after approval, approved again, not noted: %q", lg.Why)
	}
}

func TestHoldingMarkedByHandSaysSo(t *testing.T) {
	l := base(t).declare(5*time.Minute).
		add(16*time.Minute, model.KindClockMet, "lead", model.ClockMetPayload{ID: "c1", What: "posted on Weibo directly"})
	r := Debrief(l.state(), at(30*time.Minute), nil, "en")
	h := reason(t, r, AreaHolding)
	if h.Points != WeightHolding || !strings.Contains(h.Why, "marked met by hand by lead") ||
		!strings.Contains(h.Why, "posted on Weibo directly") || !strings.Contains(h.Why, "49m to spare") {
		t.Errorf("holding clock marked by hand: %v", h)
	}
}

// The sentiment line reports the runs it is given, up to the moment
// scored: left after two minutes, 7 mentions with 1 negative, and best and
// worst case not yet apart, there is nothing to judge.
func TestSentimentOfTheRunsGiven(t *testing.T) {
	early := Run{Whole: Count{7, 1}, LastHour: Count{7, 1}}
	r := Debrief(base(t).state(), at(2*time.Minute), &Sentiment{Actual: early, Best: early, Worst: early}, "en")
	s := reason(t, r, AreaSentiment)
	if !s.NotDue || !strings.Contains(s.Why, "negative share 14% of 7 mentions") || !strings.Contains(s.Why, "best case 14%, worst 14%") {
		t.Errorf("two minutes in: %v", s)
	}
	// Later, the whole run halfway and the last hour at the best case.
	sent := &Sentiment{
		Actual: Run{Whole: Count{1000, 400}, LastHour: Count{100, 20}},
		Best:   Run{Whole: Count{900, 180}, LastHour: Count{100, 20}},
		Worst:  Run{Whole: Count{1100, 660}, LastHour: Count{100, 60}},
	}
	r = Debrief(base(t).state(), at(3*time.Hour), sent, "en")
	if s := reason(t, r, AreaSentiment); s.NotDue || math.Abs(s.Points-WeightSentiment*0.75) > 1e-9 ||
		!strings.Contains(s.Why, "50% overall, 100% at the end") {
		t.Errorf("three hours in: %v", s)
	}
}

func TestRunCountsUpToTheMomentScored(t *testing.T) {
	var r Run
	end := at(3 * time.Hour)
	r.Add(at(time.Hour), end, true)
	r.Add(at(2*time.Hour+30*time.Minute), end, false)
	r.Add(end, end, true)
	r.Add(end.Add(time.Second), end, true) // after the moment scored
	if want := (Run{Whole: Count{3, 2}, LastHour: Count{2, 1}}); r != want {
		t.Errorf("run %+v, want %+v", r, want)
	}
}
