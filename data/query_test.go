package data

import (
	"database/sql"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"warroom/model"
)

// fixture is a file of mentions with everything the queries filter on, and
// the same mentions in memory to compute the expected answers by brute force.
type fixture struct {
	s   *Store
	all []*model.Mention // ascending id
}

const (
	fixtureIndexed = 2000 // the first ones are indexed for search
	fixtureTotal   = 3000 // the rest are left to the scan of unindexed rows
)

// buildFixture writes 3000 mentions ingested a second apart (50 minutes,
// created over about two hours), with threads, Latin words and a few rare
// characters, and indexes only the first 2000 for search.
func buildFixture(t *testing.T) *fixture {
	t.Helper()
	s := openTest(t)
	g := newMentionGen(5, t0)
	g.step = time.Second
	var all []*model.Mention
	byPlatform := map[model.Platform][]*model.Mention{}
	extra := []string{"螺丝生锈了", "锈", "iPhone15 屏幕发黄", "ｉＰｈｏｎｅ 很烫", "生锈a款", "客服说可以退款"}
	write := func(w *Writer, n int) {
		for range n {
			m := g.next()
			if len(all)%17 == 0 {
				m.Text = extra[len(all)%len(extra)] + m.Text
				m.RawText = m.Text
			}
			if prev := byPlatform[m.Platform]; len(prev) > 0 && len(all)%10 == 3 {
				m.ParentID = prev[len(prev)/2].ExternalID // a comment on an earlier post
			}
			if err := w.Mention(m); err != nil {
				t.Fatal(err)
			}
			all = append(all, m)
			byPlatform[m.Platform] = append(byPlatform[m.Platform], m)
		}
		flush(t, w)
	}
	w, _ := newWriter(t, s, WriterOptions{})
	write(w, fixtureIndexed)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	w, _ = newWriter(t, s, WriterOptions{DeferIndex: true})
	write(w, fixtureTotal-fixtureIndexed)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	var upto int64
	s.reader().db.QueryRow(`SELECT upto FROM mention_index_state`).Scan(&upto)
	if upto != fixtureIndexed || all[len(all)-1].ID != fixtureTotal {
		t.Fatalf("fixture: indexed up to %d, last id %d", upto, all[len(all)-1].ID)
	}
	return &fixture{s: s, all: all}
}

// expect answers a filter by brute force.
func (fx *fixture) expect(f MentionFilter, limit int) []int64 {
	terms := parseQuery(f.Query)
	mt := newMatcher(terms)
	var out []int64
	for i := len(fx.all) - 1; i >= 0; i-- {
		m := fx.all[i]
		switch {
		case f.BeforeID > 0 && m.ID >= f.BeforeID,
			!f.Until.IsZero() && m.IngestedAt.After(f.Until),
			f.Platform != "" && m.Platform != f.Platform,
			f.NegativeOnly && !m.Negative,
			m.Severity < f.MinSeverity,
			len(terms) > 0 && !mt.match(m.Text):
			continue
		}
		out = append(out, m.ID)
		if limit > 0 && len(out) == limit {
			break
		}
	}
	return out
}

func ids(ms []*model.Mention) []int64 {
	out := make([]int64, len(ms))
	for i, m := range ms {
		out[i] = m.ID
	}
	return out
}

// filterCases is every combination of the filter fields worth telling
// apart: each platform size, negativity, severities on both sides of the
// partial index and of the sparse/dense choice, every kind of search term,
// a time bound and keyset paging.
func filterCases() []MentionFilter {
	var out []MentionFilter
	n := 0
	for _, p := range []model.Platform{"", model.Weibo, model.Heimao} {
		for _, neg := range []bool{false, true} {
			for _, sev := range []int{0, 35, 60, 90} {
				for _, q := range []string{"", "异物", "吃出异物", "锈", "iPhone", "客服 退款", "投诉 锈", "生锈a", "不存在的词"} {
					for _, until := range []time.Time{{}, t0.Add(20 * time.Minute)} {
						for _, before := range []int64{0, 1500, 2500} {
							for _, limit := range []int{1, 7, 200} {
								if n++; (raceEnabled || testing.Short()) && n%7 != 0 {
									continue
								}
								out = append(out, MentionFilter{Platform: p, NegativeOnly: neg, MinSeverity: sev, Query: q,
									Until: until, BeforeID: before, Limit: limit})
							}
						}
					}
				}
			}
		}
	}
	return out
}

func TestMentionsFilters(t *testing.T) {
	fx := buildFixture(t)
	cases := filterCases()
	check := func(t *testing.T) {
		for _, f := range cases {
			got, err := fx.s.Mentions(ctx, f)
			if err != nil {
				t.Fatalf("%+v: %v", f, err)
			}
			if want := fx.expect(f, f.Limit); !slices.Equal(ids(got), want) {
				t.Fatalf("%+v:\n got %v\nwant %v", f, ids(got), want)
			}
		}
	}
	t.Run("partly indexed", check)
	// Index the rest: the same answers come from FTS5 alone.
	w, _ := newWriter(t, fx.s, WriterOptions{})
	flush(t, w)
	t.Run("fully indexed", check)

	// A page of the feed, then the next one, covers the same ground.
	f := MentionFilter{Platform: model.Weibo, Limit: 50}
	var paged []int64
	for {
		page, err := fx.s.Mentions(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if len(page) == 0 {
			break
		}
		paged = append(paged, ids(page)...)
		f.BeforeID = page[len(page)-1].ID
	}
	if want := fx.expect(MentionFilter{Platform: model.Weibo}, 0); !slices.Equal(paged, want) {
		t.Errorf("paging: %d ids, want %d", len(paged), len(want))
	}
	// Limits.
	if got, _ := fx.s.Mentions(ctx, MentionFilter{}); len(got) != DefaultLimit {
		t.Errorf("default limit: %d", len(got))
	}
	if got, _ := fx.s.Mentions(ctx, MentionFilter{Limit: MaxLimit + 1}); len(got) != fixtureTotal {
		t.Errorf("large limit: %d", len(got))
	}
}

func TestCountMentions(t *testing.T) {
	fx := buildFixture(t)
	seen := map[string]bool{}
	for _, f := range filterCases() {
		f.BeforeID, f.Limit = 0, 0 // ignored by CountMentions
		key := fmt.Sprintf("%+v", f)
		if seen[key] {
			continue
		}
		seen[key] = true
		got, err := fx.s.CountMentions(ctx, f)
		if err != nil {
			t.Fatalf("%+v: %v", f, err)
		}
		if want := len(fx.expect(f, 0)); got != min(want, CountCap) {
			t.Errorf("%+v: count %d, want %d", f, got, want)
		}
	}
	// Until falling inside a minute counts that minute's part exactly.
	for _, sec := range []int{0, 1, 59, 61, 600, 1799} {
		f := MentionFilter{Until: t0.Add(time.Duration(sec)*time.Second + 500*time.Millisecond), NegativeOnly: true}
		got, _ := fx.s.CountMentions(ctx, f)
		if want := len(fx.expect(f, 0)); got != want {
			t.Errorf("until +%ds: %d, want %d", sec, got, want)
		}
	}
	// A capped count stops at its cap, in the unindexed tail and in the index.
	for _, limit := range []int{5, 1500} {
		terms := parseQuery("异物")
		var n int64
		err := fx.s.readTx(ctx, func(tx *sql.Tx) error {
			var err error
			n, err = searchCount(ctx, tx, MentionFilter{}, terms, 1<<62, limit)
			return err
		})
		want := min(len(fx.expect(MentionFilter{Query: "异物"}, 0)), limit)
		if err != nil || n != int64(want) {
			t.Errorf("capped at %d: %d, %v, want %d", limit, n, err, want)
		}
	}
	total, neg, err := fx.s.MentionStats(ctx)
	wantNeg := len(fx.expect(MentionFilter{NegativeOnly: true}, 0))
	if err != nil || total != fixtureTotal || neg != wantNeg {
		t.Errorf("stats %d/%d (%v), want %d/%d", total, neg, err, fixtureTotal, wantNeg)
	}
}

func TestMinuteAndHourCounts(t *testing.T) {
	fx := buildFixture(t)
	type key struct {
		unit int64
		p    model.Platform
	}
	minutes, hours := map[key][2]int{}, map[int64][2]int{}
	var first, last int64 = 1 << 62, -1
	for _, m := range fx.all {
		neg := 0
		if m.Negative {
			neg = 1
		}
		u := m.IngestedAt.Unix() / 60
		first, last = min(first, u), max(last, u)
		for _, p := range []model.Platform{"", m.Platform} {
			c := minutes[key{u, p}]
			minutes[key{u, p}] = [2]int{c[0] + 1, c[1] + neg}
		}
		h := m.CreatedAt.Unix() / 3600
		c := hours[h]
		hours[h] = [2]int{c[0] + 1, c[1] + neg}
	}
	for _, p := range []model.Platform{"", model.Weibo, model.Heimao} {
		got, err := fx.s.MinuteCounts(ctx, time.Time{}, time.Time{}, p)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != int(last-first+1) {
			t.Fatalf("%q: %d minutes, want %d", p, len(got), last-first+1)
		}
		for i, c := range got {
			u := first + int64(i)
			want := minutes[key{u, p}]
			if c.Minute.Unix() != u*60 || c.All != want[0] || c.Negative != want[1] {
				t.Errorf("%q minute %d: %+v, want %v", p, i, c, want)
			}
		}
	}
	// Bounds: from's minute up to, not including, to; zeros outside the data.
	got, err := fx.s.MinuteCounts(ctx, t0.Add(-2*time.Minute+time.Second), t0.Add(3*time.Minute), "")
	if err != nil || len(got) != 5 || got[0].All != 0 || got[1].All != 0 || got[2].All == 0 || !got[0].Minute.Equal(t0.Add(-2*time.Minute)) {
		t.Errorf("bounded minutes: %+v, %v", got, err)
	}
	if got, _ := fx.s.MinuteCounts(ctx, t0, t0.Add(-time.Hour), ""); len(got) != 0 {
		t.Errorf("empty range gave %d", len(got))
	}
	if _, err := fx.s.MinuteCounts(ctx, t0, t0.AddDate(1, 0, 0), ""); err == nil {
		t.Error("a year of minutes should be refused")
	}
	hc, err := fx.s.CreatedHourCounts(ctx, time.Time{}, time.Time{})
	if err != nil || len(hc) == 0 {
		t.Fatalf("hours: %v", err)
	}
	sum := 0
	for _, c := range hc {
		want := hours[c.Hour.Unix()/3600]
		if c.All != want[0] || c.Negative != want[1] {
			t.Errorf("hour %v: %+v, want %v", c.Hour, c, want)
		}
		sum += c.All
	}
	if sum != fixtureTotal {
		t.Errorf("hours add up to %d", sum)
	}
	// An empty file has no minutes.
	empty := openTest(t)
	if got, err := empty.MinuteCounts(ctx, time.Time{}, time.Time{}, ""); err != nil || len(got) != 0 {
		t.Errorf("empty file: %v, %v", got, err)
	}
}

func TestThreadAndByID(t *testing.T) {
	fx := buildFixture(t)
	var reply *model.Mention
	for _, m := range fx.all {
		if m.ParentID != "" {
			reply = m
			break
		}
	}
	parent, _, err := fx.s.Thread(ctx, reply)
	if err != nil || parent == nil || parent.ExternalID != reply.ParentID || parent.Platform != reply.Platform {
		t.Fatalf("parent of %d: %+v, %v", reply.ID, parent, err)
	}
	_, replies, err := fx.s.Thread(ctx, parent)
	if err != nil {
		t.Fatal(err)
	}
	var want []int64
	for _, m := range fx.all {
		if m.Platform == parent.Platform && m.ParentID == parent.ExternalID {
			want = append(want, m.ID)
		}
	}
	if !slices.Equal(ids(replies), want) || len(want) == 0 {
		t.Errorf("replies %v, want %v", ids(replies), want)
	}
	orphan := &model.Mention{ID: 1, Platform: model.Weibo, ExternalID: "none", ParentID: "also-none"}
	if p, r, err := fx.s.Thread(ctx, orphan); p != nil || len(r) != 0 || err != nil {
		t.Errorf("orphan thread: %v %v %v", p, r, err)
	}

	got, err := fx.s.MentionsByID(ctx, []int64{5, 99999, 3, 5})
	if err != nil || !slices.Equal(ids(got), []int64{5, 3, 5}) {
		t.Errorf("by id: %v, %v", ids(got), err)
	}
	var many []int64
	for i := int64(fixtureTotal); i > 0; i -= 2 {
		many = append(many, i)
	}
	if got, err := fx.s.MentionsByID(ctx, many); err != nil || !slices.Equal(ids(got), many) {
		t.Errorf("by many ids: %d, %v", len(got), err)
	}
	if got, err := fx.s.MentionsByID(ctx, nil); err != nil || len(got) != 0 {
		t.Errorf("by no ids: %v, %v", got, err)
	}
}

func TestEachMentionAndTimeRange(t *testing.T) {
	fx := buildFixture(t)
	tests := []struct {
		from, to time.Time
	}{
		{},
		{t0.Add(5 * time.Minute), t0.Add(10 * time.Minute)},
		{t0.Add(5*time.Minute + 500*time.Millisecond), time.Time{}},
		{time.Time{}, t0.Add(3 * time.Second)},
		{t0.Add(24 * time.Hour), time.Time{}},
	}
	for _, tt := range tests {
		var got, want []int64
		err := fx.s.EachMention(ctx, tt.from, tt.to, func(m *model.Mention) error {
			got = append(got, m.ID)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range fx.all {
			if (tt.from.IsZero() || !m.IngestedAt.Before(tt.from)) && (tt.to.IsZero() || m.IngestedAt.Before(tt.to)) {
				want = append(want, m.ID)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("[%v, %v): %d mentions, want %d", tt.from, tt.to, len(got), len(want))
		}
	}
	stop := errors.New("stop")
	n := 0
	err := fx.s.EachMention(ctx, time.Time{}, time.Time{}, func(*model.Mention) error {
		if n++; n == 1500 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 1500 {
		t.Errorf("early stop: %v after %d", err, n)
	}

	first, last, err := fx.s.TimeRange(ctx)
	if err != nil || !first.Equal(fx.all[0].IngestedAt) || !last.Equal(fx.all[len(fx.all)-1].IngestedAt) {
		t.Errorf("time range %v..%v, %v", first, last, err)
	}
	// Events widen it.
	w, _ := newWriter(t, fx.s, WriterOptions{})
	w.Event(model.NewEvent(t0.Add(-time.Hour), model.KindNote, "lin", model.NotePayload{Section: model.NoteAction, Text: "早"}))
	w.Event(model.NewEvent(t0.Add(5*time.Hour), model.KindNote, "lin", model.NotePayload{Section: model.NoteAction, Text: "晚"}))
	flush(t, w)
	first, last, _ = fx.s.TimeRange(ctx)
	if !first.Equal(t0.Add(-time.Hour)) || !last.Equal(t0.Add(5*time.Hour)) {
		t.Errorf("with events: %v..%v", first, last)
	}
	empty := openTest(t)
	if first, last, err := empty.TimeRange(ctx); !first.IsZero() || !last.IsZero() || err != nil {
		t.Errorf("empty: %v %v %v", first, last, err)
	}
}

// TestQueryPlans checks with EXPLAIN QUERY PLAN that the feed never sorts
// the table: each filter walks an index or the table in id order, and a
// search is driven by the FTS5 index.
func TestQueryPlans(t *testing.T) {
	fx := buildFixture(t)
	explain := func(q string, args []any) string {
		rows, err := fx.s.reader().db.Query("EXPLAIN QUERY PLAN "+q, args...)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		defer rows.Close()
		var b strings.Builder
		for rows.Next() {
			var id, parent, notused int
			var detail string
			rows.Scan(&id, &parent, &notused, &detail)
			b.WriteString(detail + "; ")
		}
		return b.String()
	}
	tests := []struct {
		f         MentionFilter
		uses, not string
	}{
		{MentionFilter{}, "SEARCH m USING INTEGER PRIMARY KEY (rowid<?)", "TEMP B-TREE"},
		{MentionFilter{NegativeOnly: true}, "SEARCH m USING INTEGER PRIMARY KEY (rowid<?)", "TEMP B-TREE"},
		{MentionFilter{MinSeverity: 35}, "SEARCH m USING INTEGER PRIMARY KEY (rowid<?)", "TEMP B-TREE"},
		// Platform and severe filters walk their side table and the
		// unindexed tail of the mentions by id, merged; only the page is
		// sorted.
		{MentionFilter{Platform: model.Heimao}, "MERGE (UNION ALL); LEFT; SEARCH mention USING INTEGER PRIMARY KEY (rowid>? AND rowid<?); RIGHT; SEARCH mention_by_platform USING PRIMARY KEY (platform=? AND id<?)", "SCAN"},
		{MentionFilter{Platform: model.Heimao, NegativeOnly: true, MinSeverity: 30}, "RIGHT; SEARCH mention_by_platform USING PRIMARY KEY (platform=? AND id<?)", "SCAN"},
		{MentionFilter{MinSeverity: 95, Platform: model.Weibo, NegativeOnly: true},
			"RIGHT; SEARCH mention_severe USING INTEGER PRIMARY KEY (rowid<?)", "SCAN"},
	}
	for _, tt := range tests {
		p := filterPlan(tt.f, 1<<62, 1<<40, 200)
		q := p.sql(mentionCols, "ORDER BY m.id DESC LIMIT ?")
		plan := explain(q, append(p.args, 200))
		if !strings.Contains(plan, tt.uses) || strings.Contains(plan, tt.not) {
			t.Errorf("%+v: plan %q, want %q and not %q", tt.f, plan, tt.uses, tt.not)
		}
	}
	// A thread walks its list and the tail by key, never a whole table.
	if plan := explain(threadQuery, []any{"weibo", "1", 100, 100, "weibo", "1", 10}); !strings.Contains(plan,
		"SEARCH mention_by_parent USING PRIMARY KEY (platform=? AND parent_id=? AND id<?)") ||
		!strings.Contains(plan, "SEARCH mention USING INTEGER PRIMARY KEY (rowid>?)") || strings.Contains(plan, "SCAN") {
		t.Errorf("thread plan %q", plan)
	}
	p := ftsPlan(MentionFilter{Platform: model.Weibo, NegativeOnly: true, MinSeverity: 60}, `"异物"`, []string{"锈"}, 1<<62)
	plan := explain(p.sql(mentionCols, "ORDER BY mention_fts.rowid DESC LIMIT ?"), append(p.args, 100))
	if !strings.Contains(plan, "VIRTUAL TABLE INDEX") || strings.Contains(plan, "TEMP B-TREE") || !strings.HasPrefix(plan, "SCAN mention_fts") {
		t.Errorf("search plan %q", plan)
	}
}

func TestQueriesOnEmptyFile(t *testing.T) {
	s := openTest(t)
	for _, f := range []MentionFilter{{}, {Query: "异物"}, {Query: "锈"}, {Until: t0}, {MinSeverity: 90}} {
		got, err := s.Mentions(ctx, f)
		if err != nil || len(got) != 0 {
			t.Errorf("%+v: %v, %v", f, got, err)
		}
		n, err := s.CountMentions(ctx, f)
		if err != nil || n != 0 {
			t.Errorf("count %+v: %d, %v", f, n, err)
		}
	}
	if got, err := s.Tasks(ctx); err != nil || got != nil {
		t.Errorf("tasks %v %v", got, err)
	}
	if !reflect.DeepEqual(mustCounts(t, s), map[string]int{}) {
		t.Error("reject counts of an empty file")
	}
}

func mustCounts(t *testing.T, s *Store) map[string]int {
	m, err := s.RejectCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return m
}
