package drill

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"warroom/feed/classify"
	"warroom/model"
	"warroom/model/plan"
)

var t0 = time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)

var builtinIDs = []string{"food-safety", "product-recall", "ad-boycott"}

func mustBuiltin(t testing.TB, id string) *Scenario {
	t.Helper()
	sc, err := Builtin(id)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// statement returns the events that draft, approve and publish a statement.
func statement(id string, kind model.StatementKind, text string, at time.Time) []model.Event {
	legal := []model.Role{model.RoleLegal}
	return []model.Event{
		model.NewEvent(at.Add(-15*time.Minute), model.KindDraft, "pr", model.StatementPayload{ID: id, Kind: kind, Platform: model.Weibo, Text: text}),
		model.NewEvent(at.Add(-10*time.Minute), model.KindSubmit, "pr", model.StatementPayload{ID: id}),
		model.NewEvent(at.Add(-5*time.Minute), model.KindApprove, "legal", model.ReviewPayload{ID: id, Roles: legal}),
		model.NewEvent(at, model.KindPublish, "pr", model.StatementPayload{ID: id, Platform: model.Weibo}),
	}
}

// run generates until end in steps, feeding each action to React before
// the step that reaches it, as a live driver would.
func run(t testing.TB, sc *Scenario, seed int64, end time.Duration, step time.Duration, actions []model.Event) ([]*model.Mention, []Sentiment) {
	t.Helper()
	g := NewGenerator(sc, seed, t0)
	st := model.NewState()
	var ms []*model.Mention
	var ss []Sentiment
	ai := 0
	for at := t0; at.Before(t0.Add(end)); {
		at = at.Add(step)
		if at.After(t0.Add(end)) {
			at = t0.Add(end)
		}
		for ai < len(actions) && !actions[ai].At.After(at) {
			if err := st.Apply(actions[ai]); err != nil {
				t.Fatal(err)
			}
			g.React(actions[ai], st)
			ai++
		}
		m, s := g.UntilLabeled(at)
		ms = append(ms, m...)
		ss = append(ss, s...)
	}
	return ms, ss
}

func negShare(ms []*model.Mention, ss []Sentiment, from, to time.Duration) float64 {
	n, neg := 0, 0
	for i, m := range ms {
		off := m.IngestedAt.Sub(t0)
		if off < from || off >= to {
			continue
		}
		n++
		if ss[i] == Negative {
			neg++
		}
	}
	if n == 0 {
		return 0
	}
	return float64(neg) / float64(n)
}

func TestBuiltinsRun24h(t *testing.T) {
	if len(List()) != len(builtinIDs) {
		t.Fatalf("List() = %d scenarios, want %d", len(List()), len(builtinIDs))
	}
	for _, id := range builtinIDs {
		t.Run(id, func(t *testing.T) {
			sc := mustBuiltin(t, id)
			ms, _ := run(t, sc, 42, 24*time.Hour, 30*time.Minute, nil)
			if len(ms) < 1000 {
				t.Fatalf("24h gave only %d mentions", len(ms))
			}
			ids := map[string]bool{}
			prev := t0
			for _, m := range ms {
				if ids[m.ExternalID] {
					t.Fatalf("duplicate external id %s", m.ExternalID)
				}
				ids[m.ExternalID] = true
				if m.IngestedAt.Before(prev) || !m.IngestedAt.After(t0) || m.IngestedAt.After(t0.Add(24*time.Hour)) {
					t.Fatalf("mention %s at %s out of order or range", m.ExternalID, m.IngestedAt)
				}
				prev = m.IngestedAt
				if m.Source != "drill" || m.Text == "" || m.Text != m.RawText || m.URL == "" || m.AuthorName == "" ||
					m.AuthorID == "" || m.IPLocation == "" || !m.CreatedAt.Equal(m.IngestedAt) {
					t.Fatalf("incomplete mention %+v", m)
				}
				if !strings.HasPrefix(m.ExternalID, "drill-42-") {
					t.Fatalf("external id %q", m.ExternalID)
				}
			}
		})
	}
}

func TestDeterministicAndChunkingIndependent(t *testing.T) {
	sc := mustBuiltin(t, "food-safety")
	one, _ := run(t, sc, 7, 6*time.Hour, 6*time.Hour, nil)
	minutes, _ := run(t, sc, 7, 6*time.Hour, time.Minute, nil)
	odd, _ := run(t, sc, 7, 6*time.Hour, 7*time.Minute+13*time.Second+17*time.Millisecond, nil)
	if len(one) == 0 || !reflect.DeepEqual(one, minutes) || !reflect.DeepEqual(one, odd) {
		t.Fatalf("chunking changed the output: %d, %d, %d mentions", len(one), len(minutes), len(odd))
	}
	again, _ := run(t, sc, 7, 6*time.Hour, time.Hour, nil)
	if !reflect.DeepEqual(one, again) {
		t.Fatal("same seed gave different mentions")
	}
	other, _ := run(t, sc, 8, 6*time.Hour, time.Hour, nil)
	if reflect.DeepEqual(one[:100], other[:100]) {
		t.Fatal("another seed gave the same mentions")
	}
}

func TestReactIsDeterministicWhateverTheDriver(t *testing.T) {
	sc := mustBuiltin(t, "food-safety")
	actions := statement("s1", model.StatementHolding, sc.Best[0].Text, t0.Add(30*time.Minute+20*time.Second))
	actions = append(actions, model.NewEvent(t0.Add(47*time.Minute), model.KindAlert, "", model.AlertPayload{ID: 1, Rule: model.RuleSpike}),
		model.NewEvent(t0.Add(52*time.Minute), model.KindAlertAck, "lead", model.AlertPayload{ID: 1}))
	slices.SortStableFunc(actions, func(a, b model.Event) int { return a.At.Compare(b.At) })

	want, _ := run(t, sc, 3, 4*time.Hour, time.Minute, actions)

	// A driver that peeks ahead with Next (making minutes early) and
	// hands out in odd chunks must get the same feed.
	g := NewGenerator(sc, 3, t0)
	st := model.NewState()
	var got []*model.Mention
	ai := 0
	for at := t0; at.Before(t0.Add(4 * time.Hour)); {
		for range 20 {
			g.Next()
		}
		at = at.Add(11*time.Minute + 3*time.Second)
		if at.After(t0.Add(4 * time.Hour)) {
			at = t0.Add(4 * time.Hour)
		}
		for ai < len(actions) && !actions[ai].At.After(at) {
			// Hand out everything before the action first, as a live
			// driver would have by then.
			got = append(got, g.Until(actions[ai].At)...)
			g.Next()
			if err := st.Apply(actions[ai]); err != nil {
				t.Fatal(err)
			}
			g.React(actions[ai], st)
			ai++
		}
		got = append(got, g.Until(at)...)
	}
	if !reflect.DeepEqual(want, got) {
		t.Fatalf("driver changed the feed: %d vs %d mentions", len(want), len(got))
	}
	if s := g.Stances(); len(s) != 1 || s[0].Stance != StanceSincere || !s[0].Golden {
		t.Fatalf("stances = %+v, want one sincere statement in the golden hours", s)
	}
}

func TestNextMatchesUntil(t *testing.T) {
	sc := mustBuiltin(t, "product-recall")
	g := NewGenerator(sc, 1, t0)
	for range 50 {
		next := g.Next()
		ms := g.Until(next)
		if len(ms) == 0 || !ms[len(ms)-1].IngestedAt.Equal(next) {
			t.Fatalf("Next() = %s but Until gave %d mentions", next, len(ms))
		}
	}
	g.Until(t0.Add(25 * time.Hour))
	if !g.Next().IsZero() {
		t.Fatal("Next after the end should be zero")
	}
}

func TestVariation(t *testing.T) {
	for _, id := range builtinIDs {
		t.Run(id, func(t *testing.T) {
			sc := mustBuiltin(t, id)
			ms, _ := run(t, sc, 11, 6*time.Hour, time.Hour, nil)
			seen := map[string]bool{}
			for _, m := range ms {
				if seen[m.Text] && m.ParentID == "" {
					t.Errorf("fresh post repeats an earlier text: %q", m.Text)
				}
				seen[m.Text] = true
			}
			if r := float64(len(seen)) / float64(len(ms)); r < 0.8 {
				t.Fatalf("distinct texts %d of %d = %.2f, want >= 0.8", len(seen), len(ms), r)
			}
		})
	}
}

func TestAuthorsPlatformsAndThreads(t *testing.T) {
	for _, id := range builtinIDs {
		t.Run(id, func(t *testing.T) {
			sc := mustBuiltin(t, id)
			ms, ss := run(t, sc, 5, 8*time.Hour, time.Hour, nil)
			byID := map[string]*model.Mention{}
			platforms := map[model.Platform]int{}
			var small, big, bots, spam, comments, reposts, copies int
			var sent [3]int
			for i, m := range ms {
				platforms[m.Platform]++
				sent[ss[i]+1]++
				switch {
				case m.AuthorFollowers >= 100000 && m.Verified:
					big++
				case m.AuthorFollowers < 60 && !m.Verified:
					bots++ // and a few quiet ordinary users
				case m.AuthorFollowers < 20000:
					small++
				}
				if strings.Contains(m.Text, "互关") || strings.Contains(m.Text, "兼职") {
					spam++
				}
				if m.ParentID != "" {
					p := byID[m.ParentID]
					if p == nil {
						t.Fatalf("%s replies to %s, which was not generated before it", m.ExternalID, m.ParentID)
					}
					if p.Platform != m.Platform && m.Platform != model.Weibo {
						t.Fatalf("reply on %s to a post on %s", m.Platform, p.Platform)
					}
					switch {
					case strings.Contains(m.Text, "//@"+p.AuthorName+":"):
						reposts++
						if !strings.HasSuffix(m.Text, p.Text) {
							t.Fatalf("repost %q does not end with its source %q", m.Text, p.Text)
						}
					case m.Text == p.Text:
						copies++
					default:
						comments++
					}
				}
				if m.Platform == model.News && !m.Verified && m.ParentID == "" {
					t.Fatalf("news article by an unverified account: %+v", m)
				}
				byID[m.ExternalID] = m
			}
			if len(platforms) < 7 {
				t.Errorf("only %d platforms: %v", len(platforms), platforms)
			}
			for _, p := range []model.Platform{model.Weibo, model.Douyin, model.Xiaohongshu, model.News} {
				if platforms[p] == 0 {
					t.Errorf("no mentions on %s", p)
				}
			}
			n := len(ms)
			if small < n/2 || big == 0 || bots == 0 || spam == 0 {
				t.Errorf("author mix: %d ordinary, %d big accounts, %d bot-like, %d spam of %d", small, big, bots, spam, n)
			}
			if comments < n/10 || reposts < n/20 || copies == 0 {
				t.Errorf("threads: %d comments, %d reposts, %d copies of %d", comments, reposts, copies, n)
			}
			if sent[0] < n/3 || sent[1] == 0 || sent[2] == 0 {
				t.Errorf("sentiments (neg, neu, pos) = %v", sent)
			}
		})
	}
}

func TestKeyEventsHappen(t *testing.T) {
	sc := mustBuiltin(t, "food-safety")
	ms, _ := run(t, sc, 9, 6*time.Hour, time.Hour, nil)
	found := false
	for _, m := range ms {
		if m.AuthorName == "吃货侦探老周" && m.AuthorFollowers == 23000000 && m.ParentID == "" && strings.Contains(m.Text, "粉丝投稿") {
			off := m.IngestedAt.Sub(t0)
			if off < 35*time.Minute || off > 45*time.Minute {
				t.Errorf("the influencer posted at +%s, want +40m±5m", off)
			}
			found = true
		}
	}
	if !found {
		t.Fatal("the 23-million-follower post never came")
	}
}

// TestSamplePlanInfluencersPost: in every built-in drill a trusted
// influencer of the sample plan posts, under the name the plan gives, so
// the team's influencer view has something to act on.
func TestSamplePlanInfluencersPost(t *testing.T) {
	p, c := plan.Default(), classify.New()
	for _, id := range []string{"food-safety", "product-recall", "ad-boycott"} {
		ms, ss := run(t, mustBuiltin(t, id), 9, 3*time.Hour, time.Hour, nil)
		found := false
		for i, m := range ms {
			for _, in := range p.Influencers {
				if in.Platform == m.Platform && strings.TrimPrefix(in.Name, "@") == strings.TrimPrefix(m.AuthorName, "@") {
					found = true
					if c.Classify(m); m.Negative || ss[i] != Neutral {
						t.Errorf("%s: the trusted influencer's careful post is not neutral (meant %v, read negative %v): %s",
							id, ss[i], m.Negative, m.Text)
					}
				}
			}
		}
		if !found {
			t.Errorf("%s: no post by a sample-plan influencer in 3 h", id)
		}
	}
}

const defensiveText = "网传我司外卖吃出异物系不实信息，是个别网友恶意炒作，我司保留追究法律责任的权利。"

func TestCrowdResponse(t *testing.T) {
	sc := mustBuiltin(t, "food-safety")
	at := t0.Add(30 * time.Minute)
	sincere := statement("s1", model.StatementHolding, sc.Best[0].Text, at)
	defensive := statement("s1", model.StatementHolding, defensiveText, at)

	// From the model.
	silent := Simulate(sc, 1, t0, nil)
	good := Simulate(sc, 1, t0, sincere)
	bad := Simulate(sc, 1, t0, defensive)
	w := func(c Curve) float64 { return c.Mean(30*time.Minute, 150*time.Minute) }
	if !(w(good) < w(silent)-0.1) {
		t.Errorf("sincere at +30m: %.3f, silence: %.3f; want clearly lower", w(good), w(silent))
	}
	if !(w(bad) > w(good)+0.1) || !(w(bad) > w(silent)) {
		t.Errorf("defensive: %.3f, sincere %.3f, silence %.3f; want defensive worst", w(bad), w(good), w(silent))
	}
	best := Simulate(sc, 1, t0, BestCase(sc, t0))
	if best.Mean(0, 24*time.Hour) >= good.Mean(0, 24*time.Hour)+1e-9 {
		t.Errorf("best case %.3f not below one statement %.3f", best.Mean(0, 24*time.Hour), good.Mean(0, 24*time.Hour))
	}

	// Silence past a deadline raises it: the same scenario without the
	// silence rules is calmer after +1h.
	calm := *sc
	calm.Response.Silence = nil
	quiet := Simulate(&calm, 1, t0, nil)
	if !(silent.Mean(90*time.Minute, 6*time.Hour) > quiet.Mean(90*time.Minute, 6*time.Hour)+0.03) {
		t.Errorf("silence %.3f vs no silence rules %.3f", silent.Mean(90*time.Minute, 6*time.Hour), quiet.Mean(90*time.Minute, 6*time.Hour))
	}
	if silent.Mean(0, 60*time.Minute) != quiet.Mean(0, 60*time.Minute) {
		t.Error("silence rules acted before their deadline")
	}

	// And in the generated feed, as the classifier would see it.
	msS, ssS := run(t, sc, 2, 3*time.Hour, 10*time.Minute, nil)
	msG, ssG := run(t, sc, 2, 3*time.Hour, 10*time.Minute, sincere)
	msB, ssB := run(t, sc, 2, 3*time.Hour, 10*time.Minute, defensive)
	s, g, b := negShare(msS, ssS, 30*time.Minute, 150*time.Minute), negShare(msG, ssG, 30*time.Minute, 150*time.Minute),
		negShare(msB, ssB, 30*time.Minute, 150*time.Minute)
	if !(g < s-0.1 && b > g+0.1) {
		t.Errorf("generated negative share: silence %.3f, sincere %.3f, defensive %.3f", s, g, b)
	}
	if !reflect.DeepEqual(msS[:50], msG[:50]) {
		t.Error("a statement at +30m changed what came before it")
	}
}

func TestLateAndRepeatedStatements(t *testing.T) {
	sc := mustBuiltin(t, "product-recall")
	early := Simulate(sc, 1, t0, statement("s1", model.StatementHolding, sc.Best[0].Text, t0.Add(time.Hour)))
	late := Simulate(sc, 1, t0, statement("s1", model.StatementHolding, sc.Best[0].Text, t0.Add(5*time.Hour)))
	// Compare the three hours after each statement's full effect.
	if e, l := early.Mean(3*time.Hour, 5*time.Hour), late.Mean(7*time.Hour, 9*time.Hour); e >= l {
		t.Errorf("statement inside the golden hours %.3f should beat one after them %.3f", e, l)
	}
	// An alert acknowledged fast takes a little heat out.
	alert := []model.Event{model.NewEvent(t0.Add(20*time.Minute), model.KindAlert, "", model.AlertPayload{ID: 1}),
		model.NewEvent(t0.Add(25*time.Minute), model.KindAlertAck, "lead", model.AlertPayload{ID: 1})}
	slow := []model.Event{alert[0], model.NewEvent(t0.Add(2*time.Hour), model.KindAlertAck, "lead", model.AlertPayload{ID: 1})}
	if a, s := Simulate(sc, 1, t0, alert).Mean(time.Hour, 2*time.Hour), Simulate(sc, 1, t0, slow).Mean(time.Hour, 2*time.Hour); a >= s {
		t.Errorf("fast acknowledgement %.3f should beat a slow one %.3f", a, s)
	}
}

func TestIfSilentEventCalledOff(t *testing.T) {
	sc := mustBuiltin(t, "food-safety")
	actions := statement("s1", model.StatementHolding, sc.Best[0].Text, t0.Add(30*time.Minute))
	ms, _ := run(t, sc, 4, 3*time.Hour, 10*time.Minute, actions)
	for _, m := range ms {
		if m.AuthorName == "深夜食堂研究所" && strings.Contains(m.Text, "一句回应都没有") {
			t.Fatal("the 'brand is silent' post came although the brand had spoken")
		}
	}
	ms, _ = run(t, sc, 4, 3*time.Hour, 10*time.Minute, nil)
	found := false
	for _, m := range ms {
		found = found || m.AuthorName == "深夜食堂研究所" && strings.Contains(m.Text, "一句回应都没有")
	}
	if !found {
		t.Fatal("the 'brand is silent' post did not come in a silent run")
	}
}

func TestScaledTo(t *testing.T) {
	if testing.Short() {
		t.Skip("generates half a million mentions")
	}
	sc := mustBuiltin(t, "food-safety").ScaledTo(500000, 1)
	n := 0
	g := NewGenerator(sc, 1, t0)
	for at := t0; at.Before(t0.Add(24 * time.Hour)); {
		at = at.Add(time.Hour)
		n += len(g.Until(at))
	}
	if n < 450000 || n > 550000 {
		t.Fatalf("scaled run gave %d mentions, want about 500,000", n)
	}
}

func BenchmarkGenerate(b *testing.B) {
	sc := mustBuiltin(b, "food-safety").ScaledTo(500000, 1)
	b.ReportAllocs()
	total := 0
	for b.Loop() {
		g := NewGenerator(sc, 1, t0)
		for at := t0; at.Before(t0.Add(24 * time.Hour)); {
			at = at.Add(10 * time.Minute)
			total += len(g.Until(at))
		}
	}
	b.ReportMetric(float64(total)/b.Elapsed().Seconds(), "mentions/s")
}
