package ui

import (
	"runtime"
	"slices"
	"testing"
	"time"

	"warroom/model"
)

// liveRig is a console at 200x60 over a feed that already fills its window.
func liveRig(tb testing.TB, n int) (*Model, *fakeBackend) {
	b := fixture()
	ms := make([]*model.Mention, n)
	for i := range ms {
		ms[i] = synthMention(i)
	}
	b.add(ms...)
	r := newRig(tb, b, 200, 60)
	return r.m, b
}

func synthMention(i int) *model.Mention {
	a := fixtureAuthors[i%len(fixtureAuthors)]
	return &model.Mention{
		Platform: model.Platforms[i%len(model.Platforms)], AuthorName: a.name, AuthorFollowers: a.followers, Verified: a.verified,
		Text: fixtureTexts[i%len(fixtureTexts)], CreatedAt: t0.Add(-time.Duration(i%3600) * time.Second),
		Negative: i%3 != 0, Severity: i % 101, Category: model.Categories[i%len(model.Categories)],
	}
}

// BenchmarkView renders a 200x60 frame with a full feed, as after every
// message. Rows come from the cache; the target is under 2 ms.
func BenchmarkView(b *testing.B) {
	m, _ := liveRig(b, 5000)
	m.View()
	b.ReportAllocs()
	for b.Loop() {
		_ = m.View()
	}
}

// BenchmarkViewCold is the worst case: every visible row rendered afresh
// (after a resize or a theme change).
func BenchmarkViewCold(b *testing.B) {
	m, _ := liveRig(b, 5000)
	b.ReportAllocs()
	for b.Loop() {
		m.feed.restyle()
		_ = m.View()
	}
}

// BenchmarkUpdateBurst feeds one update message carrying 1,000 new
// mentions, then renders, as a burst does.
func BenchmarkUpdateBurst(b *testing.B) {
	m, _ := liveRig(b, 0)
	next := int64(1_000_000)
	batches := make([][]*model.Mention, 64)
	for i := range batches {
		batch := make([]*model.Mention, 1000)
		for j := range batch {
			batch[j] = synthMention(i*1000 + j)
		}
		batches[i] = batch
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		batch := batches[i%len(batches)]
		for _, x := range batch {
			next++
			x.ID = next
		}
		i++
		m.Update(updatesMsg{u: Update{Mentions: slices.Clone(batch)}})
		_ = m.View()
	}
	if len(m.feed.rows) > maxWindow {
		b.Fatalf("window grew to %d", len(m.feed.rows))
	}
}

// BenchmarkKeyLatencyUnderFeed simulates 60 s of a 1,000 mentions/s feed
// in virtual time, delivered as the program would (ten coalesced updates a
// second), with a key press every 100 ms, and reports the time from key to
// rendered frame. The window and the row cache must stay bounded.
func BenchmarkKeyLatencyUnderFeed(b *testing.B) {
	for b.Loop() {
		lat, heap := feedSoak(b, 60)
		b.ReportMetric(float64(lat.p50.Microseconds()), "p50-µs/key")
		b.ReportMetric(float64(lat.p99.Microseconds()), "p99-µs/key")
		b.ReportMetric(float64(lat.max.Microseconds()), "max-µs/key")
		b.ReportMetric(float64(heap)/(1<<20), "heap-growth-MiB")
	}
}

type latencies struct{ p50, p99, max time.Duration }

// feedSoak runs the simulated feed for secs virtual seconds and returns
// key-to-frame latencies and how much the live heap grew between the first
// and the last ten seconds.
func feedSoak(tb testing.TB, secs int) (latencies, int64) {
	m, _ := liveRig(tb, 3000)
	clk := m.sh.opts.Clock.(*model.ManualClock)
	keys := []string{"j", "j", "k", "n", "n", "f", "j", "G", "g", "f"}
	var lat []time.Duration
	id := int64(10_000_000)
	var heapStart, heapEnd uint64
	for s := range secs {
		for tick := range 10 { // ten updates a second, 100 mentions each
			ms := make([]*model.Mention, 100)
			for i := range ms {
				id++
				x := synthMention(int(id))
				x.ID = id
				x.CreatedAt = clk.Now()
				ms[i] = x
			}
			clk.Advance(100 * time.Millisecond)
			m.Update(updatesMsg{u: Update{Mentions: ms}})
			_ = m.View()
			k := keyMsg(keys[(s*10+tick)%len(keys)])
			start := time.Now()
			m.Update(k)
			_ = m.View()
			lat = append(lat, time.Since(start))
		}
		if s == 10 || s == secs-1 {
			runtime.GC()
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			if s == 10 {
				heapStart = ms.HeapAlloc
			} else {
				heapEnd = ms.HeapAlloc
			}
		}
		if n := len(m.feed.rows); n > maxWindow {
			tb.Fatalf("window grew to %d rows at %d s", n, s)
		}
		if n := len(m.feed.cache); n > 4*maxWindow {
			tb.Fatalf("row cache grew to %d at %d s", n, s)
		}
	}
	slices.Sort(lat)
	return latencies{lat[len(lat)/2], lat[len(lat)*99/100], lat[len(lat)-1]}, int64(heapEnd) - int64(heapStart)
}

// TestSoakStaysBounded runs a shorter soak as a test, so the bounds are
// checked on every run, not only when benchmarks are.
func TestSoakStaysBounded(t *testing.T) {
	secs := 20
	if testing.Short() {
		secs = 5
	}
	lat, heap := feedSoak(t, secs)
	t.Logf("key to frame: p50 %v p99 %v max %v; heap growth %d KiB", lat.p50, lat.p99, lat.max, heap>>10)
	if heap > 32<<20 {
		t.Errorf("heap grew by %d MiB under a steady feed", heap>>20)
	}
}
