package alert

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"warroom/model"
)

// author is who posts an influential negative post in these tests.
type author struct {
	id        string
	followers int64
	verified  bool
	eng       int64 // likes
}

// post feeds a negative post by a on p at t0+at and returns it with what
// the detector emitted for it.
func (r *run) post(at time.Duration, p model.Platform, a author) (*model.Mention, []*model.Alert) {
	m := r.mention(t0.Add(at), p, true)
	m.AuthorID, m.AuthorName = a.id, a.id
	m.AuthorFollowers, m.Verified, m.Likes = a.followers, a.verified, a.eng
	return m, r.observe(m)
}

func TestInfluential(t *testing.T) {
	tests := []struct {
		name      string
		a         author
		negative  bool
		want      model.Level // LevelNone: must not fire
		value     float64
		threshold float64
	}{
		{"KOL with 2M followers", author{"大V测评", 2_000_000, false, 0}, true, model.LevelYellow, 2_000_000, 1_000_000},
		{"verified with 200k", author{"大V测评", 200_000, true, 0}, true, model.LevelBlue, 200_000, 100_000},
		{"verified with 200k, post at 60k interactions", author{"大V测评", 200_000, true, 60_000}, true, model.LevelYellow, 200_000, 100_000},
		{"unverified with 200k", author{"大V测评", 200_000, false, 0}, true, model.LevelNone, 0, 0},
		{"verified with 50k", author{"大V测评", 50_000, true, 0}, true, model.LevelNone, 0, 0},
		{"small account, post travelling at 20k interactions", author{"大V测评", 5_000, false, 20_000}, true, model.LevelBlue, 20_000, 10_000},
		{"small account, post at 300k interactions", author{"大V测评", 5_000, false, 300_000}, true, model.LevelOrange, 300_000, 10_000},
		{"12M followers", author{"大V测评", 12_000_000, true, 0}, true, model.LevelOrange, 12_000_000, 1_000_000},
		{"state media with 80M", author{"大V测评", 80_000_000, true, 0}, true, model.LevelRed, 80_000_000, 1_000_000},
		{"KOL posting something positive", author{"大V测评", 20_000_000, true, 50_000}, false, model.LevelNone, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// A quiet day: one post a minute for an hour, then the one.
			r := newRun(t, DefaultRules())
			r.quiet(t0.Add(-time.Hour), time.Hour)
			at := 30 * time.Second
			m := r.mention(t0.Add(at), model.Weibo, tc.negative)
			m.AuthorID, m.AuthorName = "kol1", tc.a.id
			m.AuthorFollowers, m.Verified, m.Likes = tc.a.followers, tc.a.verified, tc.a.eng
			got := r.observe(m)
			if tc.want == model.LevelNone {
				if len(r.got) > 0 {
					t.Fatalf("fired: %s", r.got[0].snap.Message)
				}
				return
			}
			// The post's own Observe raises the alert: no waiting for the
			// minute to turn or for a second post.
			if len(got) != 1 || len(r.got) != 1 {
				t.Fatalf("%d alerts from the post, %d in all, want 1: %s", len(got), len(r.got), keyList(r.keys()))
			}
			a := got[0]
			if a.Key != "influential:weibo@20250312T0300" || !a.At.Equal(t0.Add(at)) || !a.UpdatedAt.Equal(a.At) {
				t.Errorf("key %s at %v updated %v, want influential:weibo@20250312T0300 at the post's time", a.Key, a.At, a.UpdatedAt)
			}
			if a.Level != tc.want || a.Value != tc.value || a.Threshold != tc.threshold || a.Count != 1 || a.Platform != model.Weibo {
				t.Errorf("level %v value %v threshold %v count %d platform %q; want %v %v %v 1 weibo",
					a.Level, a.Value, a.Threshold, a.Count, a.Platform, tc.want, tc.value, tc.threshold)
			}
			if !slices.Equal(a.Evidence, []int64{m.ID}) || !strings.Contains(a.Message, `"大V测评"`) || !strings.Contains(a.Message, "1 author (1 post)") {
				t.Errorf("evidence %v message %q", a.Evidence, a.Message)
			}
			if a.Category != model.CategoryService || !slices.Equal(a.Terms, []string{"退款", "客服"}) {
				t.Errorf("category %q terms %v", a.Category, a.Terms)
			}
		})
	}
}

// One platform's influential posts over an hour are one alert, escalating
// with the top author's reach and the number of authors, re-sent only when
// that is news.
func TestInfluentialWave(t *testing.T) {
	const m = time.Minute
	kol := func(id string, followers int64) author { return author{id: id, followers: followers} }
	type step struct {
		at    time.Duration
		a     author
		emit  bool
		level model.Level // when emitted
		count int         // when emitted
		why   string
	}
	steps := []step{
		{0, kol("A", 2_000_000), true, model.LevelYellow, 1, "first post of a 1M+ account opens the wave"},
		{1 * m, kol("A", 2_000_000), false, 0, 0, "the same author again is no new author"},
		{2 * m, kol("B", 1_500_000), false, 0, 0, "a second author of the same tier, within the cooldown"},
		{3 * m, author{"C", 200_000, true, 0}, true, model.LevelOrange, 3, "three authors: a level up"},
		{5 * m, kol("D", 1_200_000), false, 0, 0, "a fourth author"},
		{20 * m, kol("E", 1_100_000), false, 0, 0, "past the cooldown, but neither a higher tier nor an author step"},
		{21 * m, kol("F", 12_000_000), true, model.LevelRed, 6, "the first 10M+ account: orange tier, plus one for the authors"},
		{22 * m, kol("G", 30_000_000), false, 0, 0, "a bigger account of the same tier: not news within the cooldown"},
		{23 * m, kol("H", 1_000_000), false, 0, 0, ""},
		{24 * m, kol("I", 1_000_000), false, 0, 0, ""},
		{25 * m, kol("J", 1_000_000), false, 0, 0, "ten authors, but red already and within the cooldown"},
		{26 * m, kol("K", 1_000_000), false, 0, 0, ""},
		{40 * m, kol("L", 1_000_000), true, model.LevelRed, 12, "past the cooldown with an author step crossed: refresh"},
		{41 * m, kol("M", 1_000_000), false, 0, 0, ""},
		{42 * m, kol("O", 60_000_000), true, model.LevelRed, 14, "a 50M+ account, a tier above all before: news at once, cooldown or not"},
		{43 * m, kol("P", 25_000_000), false, 0, 0, "a huge account, but neither the first nor a tier up"},
		{44 * m, kol("A", 3_000_000), false, 0, 0, "A's bigger post replaces A's first in the evidence"},
	}
	for i := range 5 {
		steps = append(steps, step{at: 60*m + time.Duration(i)*m, a: kol(fmt.Sprintf("Q%d", i+1), 1_000_000)})
	}
	steps[len(steps)-1] = step{64 * m, kol("Q5", 1_000_000), true, model.LevelRed, 20, "20 authors, twice the last step, after the cooldown: refresh"}

	r := newRun(t, DefaultRules())
	ids := map[string][]int64{}
	var ptr *model.Alert
	for _, s := range steps {
		post, got := r.post(s.at, model.Weibo, s.a)
		ids[s.a.id] = append(ids[s.a.id], post.ID)
		if (len(got) == 1) != s.emit || len(got) > 1 {
			t.Fatalf("%v %s: emitted %d alerts, want emit=%v (%s)", s.at, s.a.id, len(got), s.emit, s.why)
		}
		if len(got) == 0 {
			continue
		}
		if ptr == nil {
			ptr = got[0]
			ptr.ID = 7 // as the store would
		}
		a := got[0]
		if a != ptr || a.ID != 7 || a.Key != "influential:weibo@20250312T0300" {
			t.Fatalf("%v %s: alert %s %p id %d, want the wave's first", s.at, s.a.id, a.Key, a, a.ID)
		}
		if a.Level != s.level || a.Count != s.count {
			t.Errorf("%v %s: level %v count %d, want %v %d (%s)", s.at, s.a.id, a.Level, a.Count, s.level, s.count, s.why)
		}
	}
	if n := len(r.keys()); n != 1 {
		t.Errorf("%d keys: %s", n, keyList(r.keys()))
	}

	last := r.got[len(r.got)-1].snap
	want := []int64{ids["O"][0], ids["G"][0], ids["P"][0], ids["F"][0], ids["A"][2], ids["B"][0], ids["D"][0], ids["E"][0]}
	for _, who := range []string{"H", "I", "J", "K", "L", "M", "Q1", "Q2", "Q3", "Q4", "Q5"} {
		want = append(want, ids[who][0]) // equal reach: first come first
	}
	want = append(want, ids["C"][0]) // blue tier last
	if !slices.Equal(last.Evidence, want) {
		t.Errorf("evidence %v\nwant     %v (the most influential post of each author, by reach)", last.Evidence, want)
	}
	if last.Value != 60_000_000 || last.Threshold != 1_000_000 || !last.WindowFrom.Equal(t0) || !last.WindowTo.Equal(t0.Add(64*m)) {
		t.Errorf("value %v threshold %v window %v..%v", last.Value, last.Threshold, last.WindowFrom, last.WindowTo)
	}
	wantMsg := `Influential negative posts on weibo: 20 authors (22 posts) this wave, led by "O" (60M followers), "G" (30M followers), "P" (25M followers) and 17 more`
	if last.Message != wantMsg {
		t.Errorf("message\n%s\nwant\n%s", last.Message, wantMsg)
	}
}

// A wave's first huge account, or one a tier above all before, is sent at
// once; other newcomers wait for the cooldown like any growth.
func TestInfluentialHugeAccount(t *testing.T) {
	tests := []struct {
		name   string
		leader author // of the ten authors already in the wave
		comer  author
		emit   bool
	}{
		{"a 20M account over 2M ones", author{"x", 2_000_000, false, 0}, author{"big", 20_000_000, true, 0}, true},
		{"a verified 300k account at 80k interactions among 2M ones", author{"x", 2_000_000, false, 0}, author{"media", 300_000, true, 80_000}, true},
		{"an unverified 300k account at 80k interactions", author{"x", 2_000_000, false, 0}, author{"viral", 300_000, false, 80_000}, false},
		{"another 2M account", author{"x", 2_000_000, false, 0}, author{"y", 2_100_000, false, 0}, false},
		{"a 28M account over a 26M one", author{"x", 26_000_000, true, 0}, author{"big", 28_000_000, true, 0}, false},
		{"a 60M account over a 26M one", author{"x", 26_000_000, true, 0}, author{"big", 60_000_000, true, 0}, true},
		{"a 12M account behind a 26M one", author{"x", 26_000_000, true, 0}, author{"big", 12_000_000, true, 0}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := newRun(t, DefaultRules())
			for i := range 10 {
				a := tc.leader
				if i > 0 {
					a = author{id: fmt.Sprint("kol", i), followers: 1_000_000 + int64(i)}
				}
				r.post(time.Duration(i)*time.Second, model.Douyin, a)
			}
			if es := r.of("influential:douyin"); len(es) == 0 || es[len(es)-1].snap.Level != model.LevelRed {
				t.Fatalf("the wave is not red after ten authors: %d emissions", len(es))
			}
			_, got := r.post(5*time.Minute, model.Douyin, tc.comer)
			if (len(got) == 1) != tc.emit {
				t.Errorf("emitted %d, want emit=%v", len(got), tc.emit)
			}
			if len(got) == 1 && (!strings.Contains(got[0].Message, `"`+tc.comer.id+`"`) || got[0].Count != 11) {
				t.Errorf("message %q count %d", got[0].Message, got[0].Count)
			}
		})
	}
}

// Each platform has its own wave, and a wave ends after QuietAfter.
func TestInfluentialWaves(t *testing.T) {
	const h, m = time.Hour, time.Minute
	rules := DefaultRules()
	r := newRun(t, rules)
	kol := func(id string) author { return author{id: id, followers: 2_000_000} }
	r.post(0, model.Weibo, kol("a"))
	r.post(m, model.Douyin, kol("a")) // the same id on another platform
	r.post(2*m, model.Weibo, kol("b"))
	if k := r.keys(); len(k) != 2 || !k["influential:weibo"] || !k["influential:douyin"] {
		t.Fatalf("keys %s, want one per platform", keyList(k))
	}
	first := r.of("influential:weibo")[0].ptr

	// Three hours on, the wave is still open: the third author escalates it.
	_, got := r.post(3*h, model.Weibo, kol("c"))
	if len(got) != 1 || got[0] != first || got[0].Count != 3 || got[0].Level != model.LevelOrange {
		t.Fatalf("three hours on: %d alerts, want the first escalated to orange with 3 authors", len(got))
	}
	// After QuietAfter without an influential post it is a new wave.
	_, got = r.post(3*h+rules.QuietAfter+m, model.Weibo, kol("a"))
	if len(got) != 1 || got[0] == first || got[0].Count != 1 || got[0].Level != model.LevelYellow ||
		got[0].Key != "influential:weibo@20250312T1001" {
		t.Fatalf("after a quiet spell: %+v, want a new yellow wave influential:weibo@20250312T1001 of 1", got)
	}
	if s := r.d.stats(); s.inflTracks != 1 || s.authors != 1 {
		t.Errorf("open waves %+v, want weibo's new one only", s)
	}
}

func TestInfluentialEvidenceBounded(t *testing.T) {
	r := newRun(t, DefaultRules())
	best := map[string]int64{}   // author -> followers of their best post
	bestID := map[string]int64{} // author -> that post
	owner := map[int64]string{}  // post -> author
	feed := func(at time.Duration, who string, f int64) {
		m, _ := r.post(at, model.Zhihu, author{id: who, followers: f})
		owner[m.ID] = who
		if f > best[who] {
			best[who], bestID[who] = f, m.ID
		}
	}
	for i := range 150 { // 50 authors, three posts each, 1M to 6M followers
		feed(time.Duration(i)*time.Second, fmt.Sprint("kol", i%50), 1_000_000+int64((i*7919)%1000)*5_000)
	}
	// Twenty minutes on, one more author: past the cooldown, and the count
	// has doubled twice since the last emission (at ten).
	feed(20*time.Minute, "late", 1_000_000)
	es := r.of("influential:zhihu")
	a := es[len(es)-1].snap
	if len(es) != 4 || a.Count != 51 || a.Level != model.LevelRed {
		t.Fatalf("%d emissions, count %d level %v; want 4 (yellow, orange, red, refresh), 51, red", len(es), a.Count, a.Level)
	}
	if len(a.Evidence) != maxEvidence {
		t.Fatalf("%d evidence ids, want %d", len(a.Evidence), maxEvidence)
	}
	var authors []string
	for who := range best {
		authors = append(authors, who)
	}
	slices.SortStableFunc(authors, func(x, y string) int { return cmp.Compare(best[y], best[x]) })
	seen := map[string]bool{}
	for i, id := range a.Evidence {
		who := owner[id]
		if seen[who] || bestID[who] != id {
			t.Errorf("evidence %d: post %d of %s, want each author once with their best post", i, id, who)
		}
		seen[who] = true
		if best[who] != best[authors[i]] {
			t.Errorf("evidence %d: %s with %d followers, want the %d-th most followed (%d)", i, who, best[who], i+1, best[authors[i]])
		}
	}
}

// An influential post with no author id or name is its own author.
func TestInfluentialAnonymous(t *testing.T) {
	r := newRun(t, DefaultRules())
	for i := range 3 {
		m := r.mention(t0.Add(time.Duration(i)*time.Minute), model.News, true)
		m.AuthorID, m.AuthorFollowers, m.Verified = "", 500_000, true
		r.observe(m)
	}
	es := r.of("influential:news")
	if len(es) != 2 || es[1].snap.Count != 3 || !strings.Contains(es[1].snap.Message, `"post `) {
		t.Fatalf("%d emissions, last %+v; want blue then yellow with three posts as three authors", len(es), es[len(es)-1].snap)
	}
}
