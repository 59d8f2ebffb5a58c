package report

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"testing"
	"time"

	"warroom/model"
	"warroom/model/metrics"
	mt "warroom/model/metrics/metricstest"
)

// synthSource is a large incident generated on the fly, deterministically,
// handing out one reused *model.Mention as a database iterator would.
type synthSource struct {
	n       int
	start   time.Time
	span    time.Duration
	authors []string
	texts   []string
}

func newSynth(n int) *synthSource {
	s := &synthSource{n: n, start: mt.Day0.Add(-48 * time.Hour), span: 14 * 24 * time.Hour}
	for i := range 2000 {
		s.authors = append(s.authors, fmt.Sprintf("网友%04d", i))
	}
	for i := range 64 {
		s.texts = append(s.texts, fmt.Sprintf("第%d条：这家奶茶店的原料到底有没有问题？品牌应该给个说法。#奶茶# 过期", i))
	}
	return s
}

func (s *synthSource) Info(context.Context) (metrics.Info, error)     { return mt.Info(), nil }
func (s *synthSource) Events(context.Context) ([]model.Event, error)  { return mt.Events(), nil }
func (s *synthSource) Alerts(context.Context) ([]*model.Alert, error) { return mt.Alerts(), nil }

func (s *synthSource) EachMention(ctx context.Context, fn func(*model.Mention) error) error {
	rng := rand.New(rand.NewPCG(1, 2))
	var m model.Mention
	step := s.span / time.Duration(s.n)
	crisis := s.start.Add(53 * time.Hour) // Day0 05:00
	for i := range s.n {
		t := s.start.Add(time.Duration(i) * step)
		// Negative share: 10% before the crisis, 60% at its height, decaying
		// back over a couple of days.
		p := 0.10
		if since := t.Sub(crisis); since >= 0 {
			p = 0.10 + 0.5*float64(time.Duration(36*time.Hour))/float64(since+time.Duration(36*time.Hour))*0.5
		}
		m = model.Mention{ID: int64(i + 1), Platform: model.Platforms[rng.IntN(6)], AuthorName: s.authors[rng.IntN(len(s.authors))],
			AuthorFollowers: int64(rng.ExpFloat64() * 5000), CreatedAt: t, Text: s.texts[rng.IntN(len(s.texts))],
			Likes: int64(rng.IntN(50)), Comments: int64(rng.IntN(10)), Shares: int64(rng.IntN(5)),
			Negative: rng.Float64() < p}
		m.AuthorID = m.AuthorName
		m.RawText = m.Text
		if m.Negative {
			m.Category = model.CategoryFoodSafety
		}
		if err := fn(&m); err != nil {
			return err
		}
	}
	return nil
}

// BenchmarkReport500k times the whole report on 500,000 mentions: the one
// pass over mentions, the measures, and both renderings. The target is
// under 2 s per op (the SQLite iterator adds its own read time).
func BenchmarkReport500k(b *testing.B) {
	src := newSynth(500_000)
	opts := Options{Now: mt.Day0.Add(12 * 24 * time.Hour), Influencers: []string{"网友0007"}}
	b.ReportAllocs()
	for b.Loop() {
		r, err := Build(context.Background(), src, opts)
		if err != nil {
			b.Fatal(err)
		}
		if err := Markdown(io.Discard, r, LangZH); err != nil {
			b.Fatal(err)
		}
		if err := HTML(io.Discard, r, LangZH); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkIterate500k is the generator alone, to subtract from the above.
func BenchmarkIterate500k(b *testing.B) {
	src := newSynth(500_000)
	for b.Loop() {
		_ = src.EachMention(context.Background(), func(*model.Mention) error { return nil })
	}
}

// TestAggregatorAddDoesNotAllocate: once a mention's bucket exists and the
// kept lists are full of better posts, counting it costs no allocation.
func TestAggregatorAddDoesNotAllocate(t *testing.T) {
	a := metrics.NewAggregator(metrics.Options{Influencers: []string{"someone"}})
	ms := mt.Mentions(len(mt.Hours))
	for i := range ms {
		a.Add(&ms[i])
	}
	m := ms[len(ms)/2] // an ordinary mention inside the series
	m.CreatedAt = m.CreatedAt.Add(time.Second)
	if n := testing.AllocsPerRun(1000, func() { a.Add(&m) }); n != 0 {
		t.Errorf("Add allocates %.1f times per mention", n)
	}
	m.Negative, m.Category = true, model.CategoryFoodSafety
	if n := testing.AllocsPerRun(1000, func() { a.Add(&m) }); n != 0 {
		t.Errorf("Add of a negative mention allocates %.1f times", n)
	}
}
