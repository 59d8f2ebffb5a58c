package alert

import (
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"warroom/model"
)

func TestSpike(t *testing.T) {
	const h, m = time.Hour, time.Minute
	tests := []struct {
		name  string
		feed  func(r *run)
		want  map[string]model.Level // base key -> final level (LevelNone: any)
		never []string
	}{
		{
			name: "three negatives at 3 a.m. are not a spike",
			feed: func(r *run) {
				r.quiet(t0, 2*h)
				r.spread(t0.Add(2*h), m, 3, model.Weibo, true)
			},
			never: []string{"spike:all", "spike:weibo"},
		},
		{
			name: "quiet baseline then 60 negatives in 10 minutes",
			feed: func(r *run) {
				r.quiet(t0, 2*h)
				r.spread(t0.Add(2*h), 10*m, 60, model.Weibo, true)
			},
			// all: 60 over the 1/min floor is 6x on 3x the minimum count;
			// weibo: 12x over its 0.5/min floor on 6x its minimum.
			want: map[string]model.Level{"spike:all": model.LevelYellow, "spike:weibo": model.LevelOrange},
		},
		{
			name: "cold start: a burst with no history is measured against the floor",
			feed: func(r *run) { r.spread(t0, 10*m, 60, model.Weibo, true) },
			want: map[string]model.Level{"spike:all": model.LevelYellow, "spike:weibo": model.LevelOrange},
		},
		{
			name: "cold start: 25 negatives are under the overall floor but over a platform's",
			feed: func(r *run) { r.spread(t0, 10*m, 25, model.Weibo, true) },
			want: map[string]model.Level{"spike:weibo": model.LevelNone},
			// overall needs 3 x 1/min x 10m = 30
			never: []string{"spike:all"},
		},
		{
			name: "spread thin over eight platforms: an overall spike only",
			feed: func(r *run) {
				r.quiet(t0, 2*h)
				for _, p := range model.Platforms[:8] {
					r.spread(t0.Add(2*h), 10*m, 5, p, true)
				}
			},
			want:  map[string]model.Level{"spike:all": model.LevelNone},
			never: []string{"spike:weibo", "spike:douyin", "spike:zhihu"},
		},
		{
			name: "one platform: the platform and overall",
			feed: func(r *run) {
				r.quiet(t0, 2*h)
				r.spread(t0.Add(2*h), 10*m, 40, model.Douyin, true)
			},
			want:  map[string]model.Level{"spike:all": model.LevelNone, "spike:douyin": model.LevelNone},
			never: []string{"spike:weibo"},
		},
		{
			name: "positive volume is not a spike",
			feed: func(r *run) {
				r.quiet(t0, 2*h)
				r.spread(t0.Add(2*h), 10*m, 300, model.Weibo, false)
			},
			never: []string{"spike:all", "spike:weibo"},
		},
		{
			name: "a morning climb over hours follows its baseline",
			feed: func(r *run) {
				// Negatives grow from 0.2 to 3 a minute over four hours
				// (a busy day starting), after a quiet night.
				r.quiet(t0, 2*h)
				acc := 0.0
				for i := range 240 {
					acc += 0.2 + 2.8*float64(i)/240
					n := int(acc)
					acc -= float64(n)
					r.spread(t0.Add(2*h+time.Duration(i)*m), m, n, model.Weibo, true)
					r.spread(t0.Add(2*h+time.Duration(i)*m), m, 2*n, model.Weibo, false)
				}
			},
			never: []string{"spike:all", "spike:weibo"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := newRun(t, DefaultRules())
			tc.feed(r)
			got := r.keys()
			for k, lvl := range tc.want {
				es := r.of(k)
				if len(es) == 0 {
					t.Errorf("%s did not fire; fired: %s", k, keyList(got))
					continue
				}
				last := es[len(es)-1].snap
				if lvl != model.LevelNone && last.Level != lvl {
					t.Errorf("%s level %v, want %v (%s)", k, last.Level, lvl, last.Message)
				}
				if last.Rule != model.RuleSpike || last.Count < 1 || last.Value < DefaultRules().SpikeFactor || last.Baseline <= 0 {
					t.Errorf("%s numbers: %+v", k, last)
				}
			}
			for _, k := range tc.never {
				if got[k] {
					t.Errorf("%s fired: %s", k, r.of(k)[0].snap.Message)
				}
			}
		})
	}
}

func TestSpikeEscalatesOneAlert(t *testing.T) {
	r := newRun(t, DefaultRules())
	r.quiet(t0, 2*time.Hour)
	start := t0.Add(2 * time.Hour)
	for k := range 15 { // 0, 4, 8, … 56 negatives a minute
		r.spread(start.Add(time.Duration(k)*time.Minute), time.Minute, 4*k, model.Weibo, true)
	}
	for _, base := range []string{"spike:weibo", "spike:all"} {
		es := r.of(base)
		if len(es) < 2 {
			t.Fatalf("%s: %d emissions, want an escalation", base, len(es))
		}
		if len(es) > 4 {
			t.Errorf("%s: %d emissions in 15 minutes; one wave should be one alert escalating through at most four levels", base, len(es))
		}
		for i, e := range es {
			if e.ptr != es[0].ptr || e.snap.Key != es[0].snap.Key {
				t.Errorf("%s emission %d: key %s ptr %p, want %s %p", base, i, e.snap.Key, e.ptr, es[0].snap.Key, es[0].ptr)
			}
			if i > 0 && e.snap.Level <= es[i-1].snap.Level {
				t.Errorf("%s emission %d re-emitted at %v within the cooldown without escalating", base, i, e.snap.Level)
			}
			if !e.snap.At.Equal(es[0].snap.At) {
				t.Errorf("%s: At moved from %v to %v", base, es[0].snap.At, e.snap.At)
			}
		}
		if last := es[len(es)-1].snap; last.Level != model.LevelRed {
			t.Errorf("%s ended at %v, want red: %s", base, last.Level, last.Message)
		}
	}
}

func TestCooldownAndWaves(t *testing.T) {
	rules := DefaultRules()
	r := newRun(t, rules)
	r.quiet(t0, 2*time.Hour)
	// An hour of steady pressure, slowly growing so that evidence grows.
	start := t0.Add(2 * time.Hour)
	for k := range 60 {
		r.spread(start.Add(time.Duration(k)*time.Minute), time.Minute, 6+k/10, model.Weibo, true)
	}
	for _, base := range []string{"spike:weibo", "spike:all"} {
		es := r.of(base)
		if len(es) == 0 {
			t.Fatalf("%s did not fire", base)
		}
		for i := 1; i < len(es); i++ {
			prev, cur := es[i-1].snap, es[i].snap
			if cur.Level == prev.Level && cur.UpdatedAt.Sub(prev.UpdatedAt) < rules.Cooldown {
				t.Errorf("%s: refresh %v after the previous, within the %v cooldown", base, cur.UpdatedAt.Sub(prev.UpdatedAt), rules.Cooldown)
			}
			if es[i].ptr != es[0].ptr {
				t.Errorf("%s: a second alert within one wave", base)
			}
		}
		if len(es) > 8 {
			t.Errorf("%s: %d emissions in an hour", base, len(es))
		}
	}
	first := r.live[r.of("spike:weibo")[0].snap.Key]

	// An hour later the next burst is the same wave; five quiet hours
	// later it is a new one with a new key.
	r.quiet(start.Add(time.Hour), time.Hour)
	r.spread(start.Add(2*time.Hour), 10*time.Minute, 120, model.Weibo, true)
	if es := r.of("spike:weibo"); es[len(es)-1].ptr != first {
		t.Errorf("a burst an hour later opened %s, want the open wave %s", es[len(es)-1].snap.Key, first.Key)
	}
	r.quiet(start.Add(2*time.Hour+10*time.Minute), 5*time.Hour)
	r.spread(start.Add(7*time.Hour+10*time.Minute), 10*time.Minute, 120, model.Weibo, true)
	es := r.of("spike:weibo")
	last := es[len(es)-1]
	if last.ptr == first || last.snap.Key == first.Key {
		t.Errorf("after 5 quiet hours: key %s, want a new wave (old %s)", last.snap.Key, first.Key)
	}
	if !strings.HasPrefix(last.snap.Key, "spike:weibo@") {
		t.Errorf("key %q: want spike:weibo@<minute>", last.snap.Key)
	}
}

func TestNegativeShare(t *testing.T) {
	const m = time.Minute
	warm := func(r *run, p model.Platform, perMin, negPerMin int) {
		var bs []MinuteCount
		for i := 1; i <= 120; i++ {
			bs = append(bs, MinuteCount{Minute: t0.Add(-time.Duration(i) * m), Platform: p, All: perMin, Negative: negPerMin})
		}
		r.d.Warm(bs)
	}
	tests := []struct {
		name  string
		feed  func(r *run)
		want  []string
		never []string
	}{
		{
			name: "half of 40 mentions negative",
			feed: func(r *run) {
				r.spread(t0, 10*m, 20, model.Weibo, false)
				r.spread(t0, 10*m, 20, model.Weibo, true)
			},
			want: []string{"negative_share:all", "negative_share:weibo"},
		},
		{
			name: "half of 20 mentions is too few",
			feed: func(r *run) {
				r.spread(t0, 10*m, 10, model.Weibo, false)
				r.spread(t0, 10*m, 10, model.Weibo, true)
			},
			never: []string{"negative_share:all", "negative_share:weibo"},
		},
		{
			name: "35% is under the threshold",
			feed: func(r *run) {
				r.spread(t0, 10*m, 65, model.Weibo, false)
				r.spread(t0, 10*m, 35, model.Weibo, true)
			},
			never: []string{"negative_share:all", "negative_share:weibo"},
		},
		{
			name: "a complaint site that is always 90% negative",
			feed: func(r *run) {
				warm(r, model.Heimao, 10, 9)
				r.spread(t0, 10*m, 45, model.Heimao, true)
				r.spread(t0, 10*m, 5, model.Heimao, false)
			},
			never: []string{"negative_share:heimao", "negative_share:all", "spike:heimao"},
		},
		{
			name: "a rise from the usual 10% to 50%",
			feed: func(r *run) {
				warm(r, model.Douyin, 10, 1)
				r.spread(t0, 10*m, 30, model.Douyin, false)
				r.spread(t0, 10*m, 30, model.Douyin, true)
			},
			want: []string{"negative_share:douyin"},
		},
		{
			name: "from the usual 35% to 45% is not enough of a rise",
			feed: func(r *run) {
				warm(r, model.Douyin, 20, 7)
				r.spread(t0, 10*m, 110, model.Douyin, false)
				r.spread(t0, 10*m, 90, model.Douyin, true)
			},
			never: []string{"negative_share:douyin", "negative_share:all"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := newRun(t, DefaultRules())
			tc.feed(r)
			got := r.keys()
			for _, k := range tc.want {
				if !got[k] {
					t.Errorf("%s did not fire; fired: %s", k, keyList(got))
				}
			}
			for _, k := range tc.never {
				if got[k] {
					t.Errorf("%s fired: %s", k, r.of(k)[0].snap.Message)
				}
			}
		})
	}

	t.Run("numbers", func(t *testing.T) {
		r := newRun(t, DefaultRules())
		warm(r, model.Douyin, 10, 1)
		r.spread(t0, 10*m, 30, model.Douyin, false)
		r.spread(t0, 10*m, 30, model.Douyin, true)
		es := r.of("negative_share:douyin")
		if len(es) == 0 {
			t.Fatal("no share alert")
		}
		a := es[len(es)-1].snap
		if math.Abs(a.Baseline-0.1) > 1e-9 || a.Threshold != 0.4 || a.Value < 0.4 || a.Platform != model.Douyin {
			t.Errorf("share alert numbers: baseline %v threshold %v value %v platform %q", a.Baseline, a.Threshold, a.Value, a.Platform)
		}
		if !strings.Contains(a.Message, "usually 10%") {
			t.Errorf("message %q does not give the usual share", a.Message)
		}
	})
}

func TestRedFlags(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		terms []string
		neg   bool
		want  map[string]model.Level
	}{
		{"poisoning is grave", "吃完全家上吐下泻，怀疑食物中毒", nil, true,
			map[string]model.Level{"red_flag:poisoning": model.LevelYellow}},
		{"children and hospital", "孩子喝了以后住院了", nil, true,
			map[string]model.Level{"red_flag:children": model.LevelYellow, "red_flag:injury": model.LevelBlue}},
		{"only on negative posts", "官方辟谣：并非食物中毒，孩子们放心", nil, false, nil},
		{"matched in the classifier's terms", "这个东西有问题", []string{"致癌"}, true,
			map[string]model.Level{"red_flag:carcinogen": model.LevelBlue}},
		{"ASCII terms ignore case", "人还在icu里", nil, true,
			map[string]model.Level{"red_flag:injury": model.LevelBlue}},
		{"angry slang is no death", "笑死了，气死我了，难吃死了", nil, true, nil},
		{"a term at the very end", "车停在楼下自燃", nil, true,
			map[string]model.Level{"red_flag:fire": model.LevelBlue}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := newRun(t, DefaultRules())
			m := r.mention(t0, model.Xiaohongshu, tc.neg)
			m.Text, m.Terms = tc.text, tc.terms
			r.observe(m)
			got := map[string]bool{}
			for k := range r.keys() {
				if strings.HasPrefix(k, "red_flag:") {
					got[k] = true
				}
			}
			if len(got) != len(tc.want) {
				t.Errorf("fired %s, want %d flags", keyList(got), len(tc.want))
			}
			for k, lvl := range tc.want {
				es := r.of(k)
				if len(es) == 0 {
					t.Errorf("%s did not fire", k)
					continue
				}
				a := es[0].snap
				if a.Level != lvl || a.Platform != model.Xiaohongshu || len(a.Terms) == 0 || a.Evidence[0] != m.ID {
					t.Errorf("%s: level %v platform %q terms %v evidence %v; want %v", k, a.Level, a.Platform, a.Terms, a.Evidence, lvl)
				}
			}
		})
	}

	t.Run("a grave group escalates as posts mount", func(t *testing.T) {
		r := newRun(t, DefaultRules())
		for i := range 12 {
			m := r.mention(t0.Add(time.Duration(i)*time.Minute), model.Platforms[i%3], true)
			m.Text = []string{"员工说有人死亡", "听说顾客身亡了"}[i%2]
			r.observe(m)
		}
		es := r.of("red_flag:death")
		var levels []model.Level
		for _, e := range es {
			levels = append(levels, e.snap.Level)
			if e.ptr != es[0].ptr {
				t.Error("a second death alert in one wave")
			}
		}
		if !slices.Equal(levels, []model.Level{model.LevelYellow, model.LevelOrange, model.LevelRed}) {
			t.Errorf("levels %v, want yellow, orange, red", levels)
		}
		a := es[len(es)-1].snap
		if a.Platform != "" || !slices.Equal(a.Terms, []string{"死亡", "身亡"}) || a.Count != 10 {
			t.Errorf("platform %q terms %v count %d, want mixed, both terms, 10", a.Platform, a.Terms, a.Count)
		}
	})
}

func TestWarmSeedsBaseline(t *testing.T) {
	// Weibo runs at 6 negatives of 20 mentions a minute all day.
	var history []MinuteCount
	for i := 1; i <= 180; i++ {
		history = append(history, MinuteCount{Minute: t0.Add(-time.Duration(i) * time.Minute), Platform: model.Weibo, All: 20, Negative: 6})
	}
	feed := func(r *run) {
		for k := range 30 {
			at := t0.Add(time.Duration(k) * time.Minute)
			r.spread(at, time.Minute, 6, model.Weibo, true)
			r.spread(at, time.Minute, 14, model.Weibo, false)
		}
	}

	warm := newRun(t, DefaultRules())
	warm.d.Warm(history)
	feed(warm)
	if len(warm.got) != 0 {
		t.Errorf("a steady-high platform after Warm raised %s: %s", keyList(warm.keys()), warm.got[0].snap.Message)
	}

	// Without history the same stream is a spike over the floor: that is
	// what Warm is for.
	cold := newRun(t, DefaultRules())
	feed(cold)
	if !cold.keys()["spike:weibo"] {
		t.Errorf("cold start without Warm: fired %s, want spike:weibo", keyList(cold.keys()))
	}

	// Warm also fills the window: a session restarting mid-wave sees the
	// wave on its first Tick.
	mid := newRun(t, DefaultRules())
	mid.d.Warm([]MinuteCount{
		{Minute: t0.Add(-90 * time.Minute), Platform: model.Weibo, All: 10, Negative: 1},
		{Minute: t0.Add(-5 * time.Minute), Platform: model.Weibo, All: 90, Negative: 80},
	})
	mid.record(mid.d.Tick(t0))
	if !mid.keys()["spike:weibo"] {
		t.Errorf("Tick after a warm wave fired %s, want spike:weibo", keyList(mid.keys()))
	}
}

func TestRestoreContinuesAlerts(t *testing.T) {
	rules := DefaultRules()
	first := newRun(t, rules)
	first.quiet(t0, 2*time.Hour)
	first.spread(t0.Add(2*time.Hour), 10*time.Minute, 35, model.Weibo, true)
	kol := first.mention(t0.Add(2*time.Hour+5*time.Minute), model.Douyin, true)
	kol.AuthorID, kol.AuthorFollowers = "kol", 3_000_000
	first.observe(kol)
	var stored []*model.Alert
	for i, a := range first.live {
		a.ID = int64(len(stored) + 1)
		_ = i
		stored = append(stored, a)
	}
	spike := first.live[first.of("spike:weibo")[0].snap.Key]
	level, key := spike.Level, spike.Key

	// The session restarts half an hour later on the same file.
	restart := t0.Add(2*time.Hour + 40*time.Minute)
	second := newRun(t, rules)
	second.d.Restore(stored)
	second.quiet(restart.Add(-2*time.Hour), 2*time.Hour)
	second.spread(restart, 10*time.Minute, 200, model.Weibo, true)
	es := second.of("spike:weibo")
	if len(es) == 0 {
		t.Fatal("no spike after restart")
	}
	for _, e := range es {
		if e.ptr != spike || e.snap.Key != key || e.snap.ID != spike.ID {
			t.Errorf("after restart: key %s id %d, want the restored %s id %d", e.snap.Key, e.snap.ID, key, spike.ID)
		}
	}
	if es[len(es)-1].snap.Level <= level {
		t.Errorf("level %v after restart, want above %v", es[len(es)-1].snap.Level, level)
	}

	// The influential wave on douyin carries on too: its author posting
	// again is not a second author, two new ones make three, a level up.
	ks := first.of("influential:douyin")
	if len(ks) != 1 {
		t.Fatalf("first session: %d influential emissions", len(ks))
	}
	infl := ks[0].ptr
	for i, who := range []string{"kol", "kol", "k2", "k3"} {
		m := second.mention(restart.Add(time.Duration(20+i)*time.Minute), model.Douyin, true)
		m.AuthorID, m.AuthorFollowers = who, 3_000_000
		got := second.observe(m)
		if (len(got) == 1) != (who == "k3") {
			t.Errorf("restored wave, post by %s: %d emissions", who, len(got))
		}
	}
	es = second.of("influential:douyin")
	if len(es) != 1 || es[0].ptr != infl || es[0].snap.ID != infl.ID || es[0].snap.Key != infl.Key {
		t.Fatalf("restored influential wave: %d emissions, want the stored alert %s escalated once", len(es), infl.Key)
	}
	if a := es[0].snap; a.Count != 3 || a.Level != model.LevelOrange || a.Evidence[0] == kol.ID {
		t.Errorf("restored wave after two new authors: count %d level %v evidence %v, want 3, orange, new posts first", a.Count, a.Level, a.Evidence)
	}

	// A per-author influential alert from an older version is not
	// continued: the next post opens the platform's wave.
	legacy := &model.Alert{ID: 40, Key: "influential:weibo:kol@20250312T0500", Rule: model.RuleInfluential, Platform: model.Weibo,
		Level: model.LevelRed, At: restart, UpdatedAt: restart, Count: 12, Value: 3_000_000, Threshold: 1_000_000}
	old := newRun(t, rules)
	old.d.Restore([]*model.Alert{legacy})
	m := old.mention(restart.Add(time.Minute), model.Weibo, true)
	m.AuthorID, m.AuthorFollowers = "kol", 3_000_000
	if got := old.observe(m); len(got) != 1 || got[0] == legacy || got[0].Key != "influential:weibo@20250312T0541" || got[0].Count != 1 {
		t.Errorf("after a legacy alert: %d emissions, want a new platform wave", len(got))
	}

	// A file whose alerts went quiet long ago gets new waves.
	late := newRun(t, rules)
	late.d.Restore(stored)
	late.spread(restart.Add(10*time.Hour), 10*time.Minute, 200, model.Weibo, true)
	if es := late.of("spike:weibo"); len(es) == 0 || es[0].ptr == spike || es[0].snap.Key == key {
		t.Errorf("a wave 10 hours later continued the old alert")
	}
}

func TestTickClosesQuietWaves(t *testing.T) {
	r := newRun(t, DefaultRules())
	r.spread(t0, 10*time.Minute, 100, model.Weibo, true)
	for i := range 50 {
		m := r.mention(t0.Add(time.Duration(i)*time.Second), model.Weibo, true)
		m.AuthorID, m.AuthorFollowers, m.Text = "kol"+string(rune('a'+i%26))+string(rune('a'+i/26)), 2_000_000, "疑似食物中毒"
		r.observe(m)
	}
	if s := r.d.stats(); s.authors != 50 || s.rateTracks == 0 || s.flagTracks == 0 {
		t.Fatalf("before: %+v", s)
	}
	if got := r.d.Tick(t0.Add(time.Hour)); len(got) != 0 {
		t.Errorf("Tick after the wave emitted %d alerts", len(got))
	}
	if s := r.d.stats(); s.authors != 50 {
		t.Errorf("an hour on, waves closed early: %+v", s)
	}
	r.d.Tick(t0.Add(5 * time.Hour))
	if s := r.d.stats(); s.authors != 0 || s.rateTracks != 0 || s.flagTracks != 0 {
		t.Errorf("five quiet hours on, open waves remain: %+v", s)
	}
	// Time never goes back: a stale Tick is ignored.
	r.d.Tick(t0)
	if !r.d.now.Equal(t0.Add(5 * time.Hour)) {
		t.Errorf("now %v after a stale tick", r.d.now)
	}
}

func TestEvidenceMostSevereAndBounded(t *testing.T) {
	r := newRun(t, DefaultRules())
	sev := map[int64]int{}
	for i := range 500 {
		m := r.mention(t0.Add(time.Duration(i)*time.Second), model.Weibo, true)
		m.Severity = (i * 37) % 101
		sev[m.ID] = m.Severity
		r.observe(m)
	}
	for key, a := range r.live {
		if len(a.Evidence) == 0 || len(a.Evidence) > maxEvidence {
			t.Errorf("%s: %d evidence ids", key, len(a.Evidence))
		}
		for i := 1; i < len(a.Evidence); i++ {
			if sev[a.Evidence[i]] > sev[a.Evidence[i-1]] {
				t.Errorf("%s: evidence not most severe first: %v", key, a.Evidence)
				break
			}
		}
		if strings.HasPrefix(key, "spike:") && sev[a.Evidence[0]] != 100 {
			t.Errorf("%s: most severe is %d, want 100", key, sev[a.Evidence[0]])
		}
		if a.Category != model.CategoryService || !slices.Contains(a.Terms, "退款") {
			t.Errorf("%s: category %q terms %v", key, a.Category, a.Terms)
		}
	}
}

func TestLateMentionDoesNotRewind(t *testing.T) {
	r := newRun(t, DefaultRules())
	r.observe(r.mention(t0.Add(time.Hour), model.Weibo, true))
	r.observe(r.mention(t0.Add(30*time.Minute), model.Weibo, true)) // a late batch
	r.observe(r.mention(t0, model.Weibo, true))                     // still inside the baseline
	r.observe(r.mention(t0.Add(-5*time.Hour), model.Weibo, true))   // older than the ring: not counted
	if !r.d.now.Equal(t0.Add(time.Hour)) {
		t.Errorf("now %v, want the latest time seen", r.d.now)
	}
	s := &r.d.scopes[0]
	if s.winNeg != 1 || s.baseNeg != 2 {
		t.Errorf("window %d baseline %d negatives, want 1 and 2", s.winNeg, s.baseNeg)
	}
}

// While an overall rate alert is open, a platform carrying only a sliver of
// the window's negatives is part of that wave, not an alert of its own.
func TestPlatformFoldsIntoOverall(t *testing.T) {
	const h, m = time.Hour, time.Minute
	wave := func(r *run) { // a weibo wave: spike:all and spike:weibo open
		r.quiet(t0, 2*h)
		r.spread(t0.Add(2*h), 10*m, 200, model.Weibo, true)
	}
	tests := []struct {
		name  string
		edit  func(r *Rules)
		feed  func(r *run)
		want  []string
		never []string
	}{
		{
			name: "spill-over onto a small platform folds into the overall wave",
			feed: func(r *run) {
				wave(r)
				r.spread(t0.Add(2*h+10*m), 10*m, 200, model.Weibo, true)
				r.spread(t0.Add(2*h+10*m), 10*m, 20, model.Bilibili, true) // 20 of 220: 9%
			},
			want:  []string{"spike:all", "spike:weibo"},
			never: []string{"spike:bilibili"},
		},
		{
			name: "the same with platform_min_share 0: every platform on its own",
			edit: func(r *Rules) { r.PlatformMinShare = 0 },
			feed: func(r *run) {
				wave(r)
				r.spread(t0.Add(2*h+10*m), 10*m, 200, model.Weibo, true)
				r.spread(t0.Add(2*h+10*m), 10*m, 20, model.Bilibili, true)
			},
			want: []string{"spike:all", "spike:weibo", "spike:bilibili"},
		},
		{
			name: "a platform carrying a fifth of the negatives has its own alert",
			feed: func(r *run) {
				wave(r)
				r.spread(t0.Add(2*h+10*m), 10*m, 150, model.Weibo, true)
				r.spread(t0.Add(2*h+10*m), 10*m, 60, model.Douyin, true) // 60 of 210: 29%
			},
			want: []string{"spike:all", "spike:weibo", "spike:douyin"},
		},
		{
			name: "after the overall wave calms, a platform's own spike is a story",
			feed: func(r *run) {
				wave(r)
				r.quiet(t0.Add(2*h+10*m), h)
				r.spread(t0.Add(3*h+10*m), 10*m, 20, model.Bilibili, true)
			},
			want: []string{"spike:all", "spike:weibo", "spike:bilibili"},
		},
		{
			name: "negative share: a small platform's share folds too",
			feed: func(r *run) {
				r.quiet(t0, 2*h)
				for k := range 2 {
					at := t0.Add(2*h + time.Duration(k)*10*m)
					r.spread(at, 10*m, 150, model.Weibo, true)
					r.spread(at, 10*m, 50, model.Weibo, false)
				}
				at := t0.Add(2*h + 10*m)
				r.spread(at, 10*m, 25, model.Bilibili, true) // 25 of 175 negatives: 14%
				r.spread(at, 10*m, 10, model.Bilibili, false)
			},
			want:  []string{"negative_share:all", "negative_share:weibo"},
			never: []string{"negative_share:bilibili"},
		},
		{
			name: "negative share with platform_min_share 0",
			edit: func(r *Rules) { r.PlatformMinShare = 0 },
			feed: func(r *run) {
				r.quiet(t0, 2*h)
				for k := range 2 {
					at := t0.Add(2*h + time.Duration(k)*10*m)
					r.spread(at, 10*m, 150, model.Weibo, true)
					r.spread(at, 10*m, 50, model.Weibo, false)
				}
				at := t0.Add(2*h + 10*m)
				r.spread(at, 10*m, 25, model.Bilibili, true)
				r.spread(at, 10*m, 10, model.Bilibili, false)
			},
			want: []string{"negative_share:all", "negative_share:weibo", "negative_share:bilibili"},
		},
		{
			name: "negative share: a platform with a third of the negatives is its own",
			feed: func(r *run) {
				r.quiet(t0, 2*h)
				for k := range 2 {
					at := t0.Add(2*h + time.Duration(k)*10*m)
					r.spread(at, 10*m, 60, model.Weibo, true)
					r.spread(at, 10*m, 20, model.Weibo, false)
				}
				at := t0.Add(2*h + 10*m)
				r.spread(at, 10*m, 30, model.Bilibili, true) // 30 of 90 negatives
				r.spread(at, 10*m, 10, model.Bilibili, false)
			},
			want: []string{"negative_share:all", "negative_share:weibo", "negative_share:bilibili"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rules := DefaultRules()
			if tc.edit != nil {
				tc.edit(&rules)
			}
			r := newRun(t, rules)
			tc.feed(r)
			got := r.keys()
			for _, k := range tc.want {
				if !got[k] {
					t.Errorf("%s did not fire; fired: %s", k, keyList(got))
				}
			}
			for _, k := range tc.never {
				if got[k] {
					t.Errorf("%s fired: %s", k, r.of(k)[0].snap.Message)
				}
			}
			// The overall alert names where its negatives are.
			for k := range got {
				if strings.HasSuffix(k, ":all") {
					es := r.of(k)
					if msg := es[len(es)-1].snap.Message; !strings.Contains(msg, "; most on weibo ") {
						t.Errorf("%s: message %q does not name the leading platforms", k, msg)
					}
				}
			}
		})
	}
}

// A red-flag wave that grows one post every few minutes all day is sent
// again when its count doubles or its level rises, not on every cooldown.
func TestRedFlagRefreshesOnDoubling(t *testing.T) {
	r := newRun(t, DefaultRules())
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	for i := range 200 {
		m := r.mention(at.Add(time.Duration(i)*5*time.Minute), model.Weibo, true)
		m.Text, m.Category, m.Terms = "吃了他家外卖食物中毒了", model.CategoryFoodSafety, []string{"食物中毒"}
		r.observe(m)
	}
	var sends []emission
	for _, e := range r.got {
		if e.snap.Rule == model.RuleRedFlag {
			sends = append(sends, e)
		}
	}
	if len(sends) == 0 || len(sends) > 12 {
		t.Fatalf("%d red-flag sends for 200 posts over 16 hours; want a handful (on doubling and level rises)", len(sends))
	}
	if last := sends[len(sends)-1].snap; last.Count < 128 {
		t.Errorf("last send counted %d posts; a doubling past 128 should have been reported", last.Count)
	}
}
