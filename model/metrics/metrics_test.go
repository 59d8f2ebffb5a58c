package metrics_test

import (
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"warroom/model"
	"warroom/model/metrics"
	mt "warroom/model/metrics/metricstest"
)

func aggregate(t *testing.T, hours int, opts metrics.Options) *metrics.Aggregate {
	t.Helper()
	a := metrics.NewAggregator(opts)
	ms := mt.Mentions(hours)
	var m model.Mention // reused, as a database iterator would
	for i := range ms {
		m = ms[i]
		a.Add(&m)
	}
	return a.Result()
}

func compute(t *testing.T, hours int, opts metrics.Options) *metrics.Report {
	t.Helper()
	in := metrics.Input{Info: mt.Info(), Events: mt.Events(), Alerts: mt.Alerts(), Mentions: aggregate(t, hours, opts)}
	return metrics.Compute(in, opts)
}

func eq[T any](t *testing.T, what string, got, want T) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

func TestAggregatorSeries(t *testing.T) {
	g := aggregate(t, len(mt.Hours), mt.Options())
	eq(t, "step", g.Series.Step, time.Hour)
	if !g.Series.Start.Equal(mt.Day0) {
		t.Fatalf("start %v, want %v", g.Series.Start, mt.Day0)
	}
	if len(g.Series.Buckets) != len(mt.Hours) {
		t.Fatalf("%d buckets, want %d", len(g.Series.Buckets), len(mt.Hours))
	}
	for i, b := range g.Series.Buckets {
		want := mt.Hours[i]
		if b.All != want.All || b.Negative != want.Negative || !b.Start.Equal(mt.H(i, 0)) {
			t.Errorf("bucket %d = %v %d/%d, want %v %d/%d", i, b.Start, b.Negative, b.All, mt.H(i, 0), want.Negative, want.All)
		}
	}
	eq(t, "total", g.Total, 1140)
	eq(t, "negative", g.Negative, 469)
	eq(t, "platforms", g.Platforms, []metrics.Count{
		{"xiaohongshu", 670, 0}, {"weibo", 369, 369}, {"douyin", 99, 99}, {"bilibili", 1, 0}, {"news", 1, 1}})
	eq(t, "categories", g.Categories, []metrics.Count{
		{"none", 671, 0}, {"food_safety", 459, 459}, {"service", 10, 10}})
	eq(t, "crisis category", g.CrisisCategory, "food_safety")
	eq(t, "skipped", g.Skipped, 0)
}

func TestAggregatorSkipsAfterAsOfAndOutOfOrder(t *testing.T) {
	a := metrics.NewAggregator(metrics.Options{AsOf: mt.H(3, 0)})
	for _, m := range []model.Mention{
		{CreatedAt: mt.H(2, 10)},
		{CreatedAt: mt.H(0, 30), Negative: true}, // earlier than the first: the series grows at the front
		{CreatedAt: mt.H(3, 1)},                  // after AsOf
		{},                                       // no time
	} {
		a.Add(&m)
	}
	g := a.Result()
	eq(t, "skipped", g.Skipped, 2)
	eq(t, "buckets", len(g.Series.Buckets), 3)
	eq(t, "bucket 0", g.Series.Buckets[0].Share(), metrics.Ratio{Num: 1, Den: 1})
	eq(t, "bucket 2", g.Series.Buckets[2].Share(), metrics.Ratio{Num: 0, Den: 1})
	if !g.Series.Start.Equal(mt.H(0, 0)) || !g.First.Equal(mt.H(0, 30)) || !g.Last.Equal(mt.H(2, 10)) {
		t.Errorf("start %v first %v last %v", g.Series.Start, g.First, g.Last)
	}
}

func TestFirstSpike(t *testing.T) {
	s := func(neg ...int) metrics.Series {
		var out metrics.Series
		out.Step = time.Hour
		for i, n := range neg {
			out.Buckets = append(out.Buckets, metrics.Bucket{Start: mt.H(i, 0), All: 100, Negative: n})
		}
		return out
	}
	for _, tc := range []struct {
		name  string
		neg   []int
		index int // -1 for none
		mean  float64
	}{
		{"first bucket, only the minimum applies", []int{5}, 0, 0},
		{"below the minimum", []int{4, 4, 4}, -1, 0},
		{"three times the trailing mean", []int{2, 2, 6}, 2, 2},
		{"just under three times", []int{2, 2, 5, 2, 7}, -1, 0},
		{"lookback of six", []int{4, 4, 1, 1, 1, 1, 1, 1, 5}, 8, 1},
		{"against the one bucket before", []int{4, 30, 1, 1, 1, 1, 1, 1, 9}, 1, 4},
		{"a small bump slides out", []int{0, 0, 0, 0, 0, 0, 4, 1, 1, 1, 1, 1, 1, 5}, 13, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sp, ok := metrics.FirstSpike(s(tc.neg...), 5, 3, 6)
			if tc.index < 0 {
				if ok {
					t.Fatalf("spike at %d, want none", sp.Index)
				}
				return
			}
			if !ok || sp.Index != tc.index || sp.Expected != tc.mean {
				t.Fatalf("spike %v at %d mean %v, want at %d mean %v", ok, sp.Index, sp.Expected, tc.index, tc.mean)
			}
		})
	}
}

func TestReportSummary(t *testing.T) {
	r := compute(t, len(mt.Hours), mt.Options())
	s := r.Summary
	eq(t, "as of", r.AsOf, mt.RecoveredAsOf)
	eq(t, "name", r.Incident.Name, "奶茶过期原料事件")
	eq(t, "brand", r.Incident.Brand, "茶悦")
	eq(t, "scenario", r.Incident.Scenario, "food_safety")
	eq(t, "level", r.Incident.Level, model.LevelOrange)
	eq(t, "levels", s.Levels, []metrics.LevelChange{
		{At: mt.H(6, 15), From: model.LevelNone, To: model.LevelOrange, Actor: mt.Lead, Declared: true},
		{At: mt.H(7, 30), From: model.LevelOrange, To: model.LevelRed, Actor: mt.Lead, Reason: "state media coverage"},
		{At: mt.H(11, 0), From: model.LevelRed, To: model.LevelOrange, Actor: mt.Lead, Reason: "coverage fading"},
	})
	eq(t, "start", s.Start, mt.H(0, 0))
	eq(t, "end", s.End, mt.H(34, 0))
	eq(t, "duration", s.Duration, 34*time.Hour)
	eq(t, "closed", s.Closed, true)
	eq(t, "mentions", s.Mentions, 1140)
	eq(t, "negative", s.Negative, 469)
	eq(t, "peak", s.Peak, metrics.Bucket{Start: mt.H(7, 0), All: 200, Negative: 120})
	eq(t, "peak negative", s.PeakNegative, metrics.Bucket{Start: mt.H(7, 0), All: 200, Negative: 120})
	eq(t, "category", s.Category, "food_safety")
	if len(s.FirstNegative) != 3 {
		t.Fatalf("first negative: %d posts", len(s.FirstNegative))
	}
	for i, want := range []time.Time{mt.H(5, 0), mt.H(5, 1), mt.H(5, 2)} {
		eq(t, "first negative time", s.FirstNegative[i].CreatedAt, want)
	}
	eq(t, "first negative author", s.FirstNegative[0].AuthorName, "吃货小王")
	eq(t, "first negative platform", s.FirstNegative[0].Platform, model.Weibo)
	if s.FirstInfluential == nil {
		t.Fatal("no first influential post")
	}
	fi := s.FirstInfluential
	eq(t, "first influential", []any{fi.AuthorName, fi.Platform, fi.Followers, fi.CreatedAt},
		[]any{"美食大V老李", model.Weibo, int64(2_500_000), mt.H(6, 0).Add(90 * time.Second)})
	eq(t, "skipped", len(r.Skipped), 1)
	if len(r.Skipped) == 1 && !strings.Contains(r.Skipped[0], "legal") {
		t.Errorf("skipped: %s", r.Skipped[0])
	}
}

func TestReportDetectionAndMeasures(t *testing.T) {
	r := compute(t, len(mt.Hours), mt.Options())
	d := r.Detection
	eq(t, "spike found", d.SpikeFound, true)
	eq(t, "spike", d.Spike.Bucket, metrics.Bucket{Start: mt.H(5, 0), All: 60, Negative: 30})
	eq(t, "spike expected", d.Spike.Expected, 2.0)
	eq(t, "first alert", d.FirstAlert.ID, int64(1))
	eq(t, "first ack", d.FirstAck, mt.H(6, 5))
	eq(t, "acked by", d.AckedBy, mt.Social)
	eq(t, "alerts", len(d.Alerts), 2)

	m := r.Measures
	eq(t, "time to detect", m.TimeToDetect, metrics.Measure{From: mt.H(5, 0), To: mt.H(5, 40), OK: true})
	eq(t, "ttd", m.TimeToDetect.Duration(), 40*time.Minute)
	eq(t, "time to ack", m.TimeToAck.Duration(), 25*time.Minute)
	eq(t, "time to holding", m.TimeToHolding, metrics.Measure{From: mt.H(6, 15), To: mt.H(7, 25), OK: true})
	eq(t, "tth", m.TimeToHolding.Duration(), 70*time.Minute)
	eq(t, "time to first statement", m.TimeToFirstStatement.Duration(), 2*time.Hour+25*time.Minute)
	eq(t, "legal reviews", m.LegalReviews, 4)
	eq(t, "legal median", m.LegalMedian, 35*time.Minute)
	eq(t, "legal max", m.LegalMax, time.Hour)
	eq(t, "legal pending", m.LegalPending, 0)
	eq(t, "clocks", []int{m.ClocksOnTime, m.ClocksLate, m.ClocksBreached, m.ClocksOpen, m.ClocksPending}, []int{2, 1, 1, 0, 0})
	eq(t, "clocks met", m.ClocksMet, metrics.Ratio{Num: 2, Den: 4})

	type co struct {
		ID     string
		State  model.ClockState
		Late   bool
		Margin time.Duration
	}
	var clocks []co
	for _, c := range r.Clocks {
		clocks = append(clocks, co{c.ID, c.State, c.Late, c.Margin})
	}
	eq(t, "clock outcomes", clocks, []co{
		{"ack", model.ClockMet, false, 5 * time.Minute},
		{"holding", model.ClockMet, true, -10 * time.Minute},
		{"full", model.ClockMet, false, 115 * time.Minute},
		{"remedy", model.ClockBreached, false, -(5*time.Hour + 45*time.Minute)},
	})
	// Due times come back from JSON in an unnamed +08:00 zone: compare instants.
	type to struct {
		ID          string
		Due, DoneAt string
		Late        time.Duration
	}
	var tasks []to
	for _, x := range r.Tasks {
		tasks = append(tasks, to{x.ID, x.Due.UTC().String(), x.DoneAt.UTC().String(), x.Late})
	}
	eq(t, "tasks", tasks, []to{
		{"t1", mt.H(8, 0).UTC().String(), mt.H(9, 30).UTC().String(), 90 * time.Minute},
		{"t3", mt.H(10, 0).UTC().String(), time.Time{}.UTC().String(), 26 * time.Hour},
	})
}

func TestReportStatements(t *testing.T) {
	r := compute(t, len(mt.Hours), mt.Options())
	if len(r.Statements) != 3 {
		t.Fatalf("%d statements", len(r.Statements))
	}
	s2 := r.Statements[1]
	eq(t, "s2", []any{s2.ID, s2.Kind, s2.Author, s2.DraftedAt, s2.PublishedAt, s2.Publisher, s2.Status},
		[]any{"s2", model.StatementFull, mt.Writer, mt.H(7, 40), mt.H(10, 20), mt.Lead, model.StatementPublished})
	eq(t, "s2 reviews", s2.Reviews, []metrics.Review{
		{SubmittedAt: mt.H(8, 0), DecidedAt: mt.H(9, 0), Outcome: metrics.ReviewRejected, Reviewer: mt.Legal, Comment: "删去承认责任的表述"},
		{SubmittedAt: mt.H(9, 20), DecidedAt: mt.H(9, 45), Outcome: metrics.ReviewApproved, Reviewer: mt.Legal},
	})
	s3 := r.Statements[2]
	eq(t, "s3 unpublished", s3.PublishedAt.IsZero(), true)
	eq(t, "s3 status", s3.Status, model.StatementApproved)

	// As of 12:20, s3's review is pending and the remedy clock is running.
	early := compute(t, len(mt.Hours), metrics.Options{AsOf: mt.H(12, 20)})
	eq(t, "pending", early.Measures.LegalPending, 1)
	eq(t, "pending outcome", early.Statements[2].Reviews[0].Outcome, metrics.ReviewPending)
	eq(t, "open clocks", early.Measures.ClocksOpen, 1)
	eq(t, "clocks met early", early.Measures.ClocksMet, metrics.Ratio{Num: 2, Den: 3})
	eq(t, "early mentions", early.Summary.Mentions, 870+14) // hours 0–11, and 12:00–12:20 at 90 s apart
}

func TestReportTimeline(t *testing.T) {
	r := compute(t, len(mt.Hours), mt.Options())
	type e struct {
		At   time.Time
		Kind string
		Ref  string
	}
	var got []e
	for _, x := range r.Timeline {
		got = append(got, e{x.At, x.Kind, x.Ref})
	}
	want := []e{
		{mt.H(5, 0), metrics.EntrySpike, ""},
		{mt.H(5, 40), metrics.EntryAlert, "1"},
		{mt.H(6, 5), metrics.EntryAck, ""},
		{mt.H(6, 5), metrics.EntryClockMet, "ack"},
		{mt.H(6, 15), metrics.EntryDeclared, ""},
		{mt.H(6, 20), metrics.EntryDrafted, "s1"},
		{mt.H(6, 35), metrics.EntrySubmitted, "s1"},
		{mt.H(7, 5), metrics.EntryApproved, "s1"},
		{mt.H(7, 15), metrics.EntryBreached, "holding"},
		{mt.H(7, 25), metrics.EntryPublished, "s1"},
		{mt.H(7, 25), metrics.EntryClockMet, "holding"},
		{mt.H(7, 30), metrics.EntryLevel, ""},
		{mt.H(7, 40), metrics.EntryDrafted, "s2"},
		{mt.H(8, 0), metrics.EntrySubmitted, "s2"},
		{mt.H(9, 0), metrics.EntryRejected, "s2"},
		{mt.H(9, 20), metrics.EntrySubmitted, "s2"},
		{mt.H(9, 30), metrics.EntryTaskLate, "t1"},
		{mt.H(9, 45), metrics.EntryApproved, "s2"},
		{mt.H(10, 20), metrics.EntryPublished, "s2"},
		{mt.H(10, 20), metrics.EntryClockMet, "full"},
		{mt.H(11, 0), metrics.EntryLevel, ""},
		{mt.H(11, 30), metrics.EntryDrafted, "s3"},
		{mt.H(12, 0), metrics.EntrySubmitted, "s3"},
		{mt.H(12, 40), metrics.EntryApproved, "s3"},
		{mt.H(14, 0), metrics.EntryStatus, ""},
		{mt.H(30, 15), metrics.EntryBreached, "remedy"},
		{mt.H(34, 0), metrics.EntryStatus, ""},
	}
	if !reflect.DeepEqual(got, want) {
		for i := range max(len(got), len(want)) {
			var g, w e
			if i < len(got) {
				g = got[i]
			}
			if i < len(want) {
				w = want[i]
			}
			mark := ""
			if g != w {
				mark = "  <-- differs"
			}
			t.Logf("%2d got %s %-10s %-8s want %s %-10s %-8s%s", i, g.At.Format("01-02 15:04"), g.Kind, g.Ref,
				w.At.Format("01-02 15:04"), w.Kind, w.Ref, mark)
		}
		t.Fatal("timeline differs")
	}
	eq(t, "rejection turnaround", r.Timeline[14].Duration, time.Hour)
	eq(t, "rejection comment", r.Timeline[14].Detail, "删去承认责任的表述")
	eq(t, "holding margin", r.Timeline[10].Duration, -10*time.Minute)
	eq(t, "level change", []any{r.Timeline[11].FromLevel, r.Timeline[11].Level}, []any{model.LevelOrange, model.LevelRed})
	eq(t, "task late", []any{r.Timeline[16].Actor, r.Timeline[16].Duration}, []any{mt.Duty, 90 * time.Minute})
}

func TestReportConversation(t *testing.T) {
	r := compute(t, len(mt.Hours), mt.Options())
	c := r.Conversation
	eq(t, "marks", c.Marks, []metrics.Mark{
		{At: mt.H(7, 25), Statement: "s1", Kind: model.StatementHolding, Platform: model.Weibo},
		{At: mt.H(10, 20), Statement: "s2", Kind: model.StatementFull, Platform: model.Weibo},
	})
	var top []string
	for _, p := range c.TopNegative {
		top = append(top, p.AuthorName)
	}
	eq(t, "top negative", top, []string{"美食大V老李", "都市快报", mt.HostileAuthor})
	if len(c.Influencers) != 1 {
		t.Fatalf("%d influencer posts", len(c.Influencers))
	}
	ie := c.Influencers[0]
	eq(t, "influencer post", []any{ie.Post.AuthorID, ie.Post.Platform, ie.Post.CreatedAt}, []any{mt.Influencer, model.Bilibili, mt.H(12, 30)})
	eq(t, "before", ie.Before, metrics.Ratio{Num: 100, Den: 240})
	eq(t, "after", ie.After, metrics.Ratio{Num: 14, Den: 90})

	// The handle restricted to bilibili does not match elsewhere; a bare
	// handle or name matches anywhere.
	for _, tc := range []struct {
		list []string
		n    int
	}{
		{[]string{"weibo:" + mt.Influencer}, 0},
		{[]string{"@靠谱测评君"}, 1},
		{[]string{mt.Influencer, "weibo:" + mt.Influencer}, 1},
	} {
		o := mt.Options()
		o.Influencers = tc.list
		eq(t, strings.Join(tc.list, ","), len(aggregate(t, len(mt.Hours), o).InfluencerPosts), tc.n)
	}
}

func TestTrustRecovered(t *testing.T) {
	r := compute(t, len(mt.Hours), mt.Options())
	tr := r.Trust
	eq(t, "status", tr.Status, metrics.TrustRecovered)
	eq(t, "baseline", tr.Baseline, metrics.Ratio{Num: 10, Den: 100})
	eq(t, "baseline window", tr.BaselineWindow, metrics.Window{From: mt.H(0, 0), To: mt.H(5, 40)})
	if math.Abs(tr.Threshold-0.15) > 1e-12 {
		t.Errorf("threshold %v", tr.Threshold)
	}
	eq(t, "reference", []any{tr.Reference, tr.ReferenceKind, tr.ReferenceID}, []any{mt.H(10, 20), metrics.RefStatement, "s2"})
	eq(t, "curve points", len(tr.Curve), 13)
	if len(tr.Curve) > 0 && !tr.Curve[0].Start.Equal(mt.H(11, 0)) {
		t.Errorf("curve starts %v", tr.Curve[0].Start)
	}
	eq(t, "h13 within at the boundary", tr.Curve[2].Within, true)
	eq(t, "h16 thin", tr.Curve[5].Thin, true)
	eq(t, "recovered at", tr.RecoveredAt, mt.H(15, 0))
	eq(t, "time to recover", tr.TimeToRecover, 4*time.Hour+40*time.Minute)
	eq(t, "since", tr.Since, 25*time.Hour+40*time.Minute)
	eq(t, "current", tr.Current, metrics.Ratio{Num: 6, Den: 60})
}

func TestTrustNotYet(t *testing.T) {
	o := mt.Options()
	o.AsOf = mt.NotYetAsOf
	r := compute(t, mt.NotYetHours, o)
	tr := r.Trust
	eq(t, "status", tr.Status, metrics.TrustNotYet)
	eq(t, "recovered at", tr.RecoveredAt.IsZero(), true)
	eq(t, "since", tr.Since, 48*time.Hour)
	eq(t, "current", tr.Current, metrics.Ratio{Num: 11, Den: 70})
	eq(t, "curve points", len(tr.Curve), 7)
	eq(t, "mentions", r.Summary.Mentions, 1020)
	eq(t, "negative", r.Summary.Negative, 457)
	eq(t, "remedy overrun", r.Clocks[3].Margin, -(28*time.Hour + 5*time.Minute))

	// More mentions later: the same function of the data now says recovered.
	later := compute(t, len(mt.Hours), o)
	eq(t, "later status", later.Trust.Status, metrics.TrustRecovered)
	eq(t, "later time to recover", later.Trust.TimeToRecover, 4*time.Hour+40*time.Minute)
}

func TestTrustBaselineWindow(t *testing.T) {
	o := mt.Options()
	o.Baseline = metrics.Window{From: mt.H(0, 0), To: mt.H(2, 0)}
	tr := compute(t, len(mt.Hours), o).Trust
	eq(t, "given", tr.BaselineGiven, true)
	eq(t, "baseline", tr.Baseline, metrics.Ratio{Num: 4, Den: 40})

	o.Baseline = metrics.Window{From: mt.H(-48, 0), To: mt.H(-24, 0)}
	tr = compute(t, len(mt.Hours), o).Trust
	eq(t, "no baseline", tr.Status, metrics.TrustNoBaseline)

	// A stricter margin: 12% is never sustained (hours 13, 14, 17 are over).
	o = mt.Options()
	o.Margin = 0.02
	tr = compute(t, len(mt.Hours), o).Trust
	eq(t, "strict recovered at", tr.RecoveredAt, mt.H(18, 0))
}

func TestTrustNoReference(t *testing.T) {
	in := metrics.Input{Events: mt.Events()[:5], Mentions: aggregate(t, 3, metrics.Options{})}
	tr := metrics.Compute(in, metrics.Options{}).Trust
	eq(t, "status", tr.Status, metrics.TrustNoReference)
}

func TestLessons(t *testing.T) {
	r := compute(t, len(mt.Hours), mt.Options())
	l := r.Lessons
	eq(t, "went well", len(l.WentWell), 1)
	eq(t, "went wrong author", l.WentWrong[0].Author, mt.Lead)
	eq(t, "action", l.Actions[0].Text, "Pre-approve holding templates with legal")
}

func TestComputeEmpty(t *testing.T) {
	r := metrics.Compute(metrics.Input{}, metrics.Options{})
	eq(t, "mentions", r.Summary.Mentions, 0)
	eq(t, "ttd", r.Measures.TimeToDetect.OK, false)
	eq(t, "trust", r.Trust.Status, metrics.TrustNoReference)
}

func TestSeriesHelpers(t *testing.T) {
	s := metrics.Series{Start: mt.H(0, 0), Step: time.Hour}
	for i := range 5 {
		s.Buckets = append(s.Buckets, metrics.Bucket{Start: mt.H(i, 0), All: 10, Negative: i})
	}
	eq(t, "index before", s.Index(mt.H(-1, 30)), -1)
	eq(t, "index inside", s.Index(mt.H(3, 59)), 3)
	eq(t, "sum clipped", s.Sum(-3, 2), metrics.Ratio{Num: 1, Den: 20})
	r := s.Rebin(2)
	eq(t, "rebin", len(r.Buckets), 3)
	eq(t, "rebin last", r.Buckets[2].Share(), metrics.Ratio{Num: 4, Den: 10})
	eq(t, "rebin step", r.Step, 2*time.Hour)
}

// A holding statement the team posted outside warroom and recorded by
// marking its clock met is the same fact for the measure as for the clock.
func TestHoldingClockMarkedByHand(t *testing.T) {
	evs := mt.Events()
	i := slices.IndexFunc(evs, func(e model.Event) bool { return e.At.After(mt.H(7, 0)) })
	evs = slices.Insert(evs, i, model.NewEvent(mt.H(7, 0), model.KindClockMet, mt.Lead,
		model.ClockMetPayload{ID: "holding", What: "posted on Weibo directly"}))
	opts := mt.Options()
	r := metrics.Compute(metrics.Input{Info: mt.Info(), Events: evs, Alerts: mt.Alerts(), Mentions: aggregate(t, len(mt.Hours), opts)}, opts)
	eq(t, "time to holding", r.Measures.TimeToHolding,
		metrics.Measure{From: mt.H(6, 15), To: mt.H(7, 0), OK: true, ByHand: true, Note: "posted on Weibo directly"})
	// The first statement is still the one published: no clock for any
	// statement was marked.
	eq(t, "time to first statement", r.Measures.TimeToFirstStatement.ByHand, false)

	// Published before anyone marked a clock: the publication counts.
	r = compute(t, len(mt.Hours), mt.Options())
	eq(t, "published holding", r.Measures.TimeToHolding, metrics.Measure{From: mt.H(6, 15), To: mt.H(7, 25), OK: true})
}

// An incident that began at 05:26:54, inside the hour its spike falls in,
// is not detected late by the 26 minutes before it began; and while it is
// open, its duration runs to the moment the report is as of, as the
// header says, not to its last event.
func TestSpikeFromTheIncidentsStartAndDurationToAsOf(t *testing.T) {
	began := mt.H(5, 26).Add(54 * time.Second)
	a := metrics.NewAggregator(metrics.Options{})
	for k := range 20 {
		at := began.Add(time.Duration(k) * time.Minute)
		m := model.Mention{ID: int64(k + 1), CreatedAt: at, IngestedAt: at, Platform: model.Weibo, Negative: true, Text: "过期"}
		a.Add(&m)
	}
	evs := []model.Event{
		model.NewEvent(began, model.KindCreated, mt.Lead, model.IncidentPayload{Name: "drill"}),
		model.NewEvent(mt.H(5, 40), model.KindAlert, "warroom", model.AlertPayload{ID: 1, Rule: model.RuleSpike, Level: model.LevelYellow}),
	}
	r := metrics.Compute(metrics.Input{Events: evs, Mentions: a.Result()}, metrics.Options{})
	eq(t, "spike bucket", r.Detection.Spike.Start, mt.H(5, 0))
	eq(t, "time to detect", r.Measures.TimeToDetect, metrics.Measure{From: began, To: mt.H(5, 40), OK: true})
	if len(r.Timeline) == 0 || r.Timeline[0].Kind != metrics.EntrySpike || !r.Timeline[0].At.Equal(began) {
		t.Errorf("timeline starts %+v, want the spike at %v", r.Timeline[0], began)
	}
	last := began.Add(19 * time.Minute) // the last mention, after the last event
	eq(t, "as of", r.AsOf, last)
	eq(t, "end", r.Summary.End, last)
	eq(t, "duration", r.Summary.Duration, 19*time.Minute)
}

// An alert acknowledged at yellow that then rose to red is re-opened, in
// the report as in the console, until someone acknowledges it again.
func TestReopenedAlert(t *testing.T) {
	evs := mt.Events()
	i := slices.IndexFunc(evs, func(e model.Event) bool { return e.At.After(mt.H(6, 10)) })
	evs = slices.Insert(evs, i, model.NewEvent(mt.H(6, 10), model.KindAlert, "warroom",
		model.AlertPayload{ID: 1, Rule: model.RuleSpike, Level: model.LevelRed, Message: "negative spike on weibo"}))
	alerts := mt.Alerts()
	alerts[0].Level = model.LevelRed // the table holds the alert as it ended
	opts := mt.Options()
	r := metrics.Compute(metrics.Input{Info: mt.Info(), Events: evs, Alerts: alerts, Mentions: aggregate(t, len(mt.Hours), opts)}, opts)
	a := r.Detection.Alerts[0]
	eq(t, "re-opened", []any{a.ID, a.Reopened, a.AckLevel, a.Level}, []any{int64(1), true, model.LevelYellow, model.LevelRed})
	eq(t, "the other alert", r.Detection.Alerts[1].Reopened, false)

	// Acknowledged again at red: no longer re-opened.
	evs = slices.Insert(evs, i+1, model.NewEvent(mt.H(6, 12), model.KindAlertAck, mt.Lead, model.AlertPayload{ID: 1, Level: model.LevelRed}))
	r = metrics.Compute(metrics.Input{Info: mt.Info(), Events: evs, Alerts: alerts, Mentions: aggregate(t, len(mt.Hours), opts)}, opts)
	eq(t, "acknowledged again", r.Detection.Alerts[0].Reopened, false)
}

// A broken exporter's post time (1970, 9999) or none at all counts at the
// mention's arrival: the incident is not stretched over centuries, and no
// mention is left out of the total.
func TestImplausiblePostTimesCountAtArrival(t *testing.T) {
	a := metrics.NewAggregator(metrics.Options{AsOf: mt.H(5, 0)})
	for _, m := range []model.Mention{
		{CreatedAt: mt.H(1, 10), IngestedAt: mt.H(1, 20)},
		{CreatedAt: time.Unix(0, 0), IngestedAt: mt.H(2, 0), Negative: true},
		{CreatedAt: time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC), IngestedAt: mt.H(2, 30)},
		{IngestedAt: mt.H(3, 0)},
		{CreatedAt: mt.H(0, 5).Add(-30 * 24 * time.Hour), IngestedAt: mt.H(3, 10)}, // a month-old post resurfacing: kept
	} {
		a.Add(&m)
	}
	g := a.Result()
	eq(t, "total", g.Total, 5)
	eq(t, "skipped", g.Skipped, 0)
	if !g.First.Equal(mt.H(0, 5).Add(-30*24*time.Hour)) || !g.Last.Equal(mt.H(3, 0)) {
		t.Errorf("first %v last %v", g.First, g.Last)
	}
}
