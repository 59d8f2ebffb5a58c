package drill

import (
	"context"
	"fmt"
	"strings"
	"time"

	"warroom/model"
)

// Sink takes generated mentions in batches: the caller plugs in the
// classifier and the store writer.
type Sink interface {
	Mentions([]*model.Mention) error
}

// SinkFunc adapts a function to a Sink.
type SinkFunc func([]*model.Mention) error

// Mentions calls f.
func (f SinkFunc) Mentions(ms []*model.Mention) error { return f(ms) }

// Summary counts what a headless run produced.
type Summary struct {
	Mentions   int
	Negative   int // written to be negative (intended, not classified)
	Positive   int
	Comments   int // replies under an earlier post
	Reposts    int // "//@" reposts and copies of an earlier post
	ByPlatform map[model.Platform]int
	First      time.Time
	Last       time.Time
}

// headlessStep is how much virtual time one batch covers: big enough for
// the writer to batch well, small enough to cancel promptly.
const headlessStep = 10 * time.Minute

// RunHeadless runs sc from start for duration (zero means the scenario's
// own) in virtual time, as fast as sink takes the mentions, with no team
// action: the worst case. The same seed always gives the same mentions.
func RunHeadless(ctx context.Context, sc *Scenario, seed int64, start time.Time, duration time.Duration, sink Sink) (Summary, error) {
	if duration <= 0 {
		duration = sc.Duration
	}
	g := NewGenerator(sc, seed, start)
	sum := Summary{ByPlatform: map[model.Platform]int{}}
	end := start.Add(duration)
	for t := start; t.Before(end); {
		if err := ctx.Err(); err != nil {
			return sum, err
		}
		t = t.Add(headlessStep)
		if t.After(end) {
			t = end
		}
		ms, ss := g.UntilLabeled(t)
		if len(ms) == 0 {
			continue
		}
		for i, m := range ms {
			sum.Mentions++
			sum.ByPlatform[m.Platform]++
			switch ss[i] {
			case Negative:
				sum.Negative++
			case Positive:
				sum.Positive++
			}
			if m.ParentID != "" {
				if isRepost(m) {
					sum.Reposts++
				} else {
					sum.Comments++
				}
			}
		}
		if sum.First.IsZero() {
			sum.First = ms[0].IngestedAt
		}
		sum.Last = ms[len(ms)-1].IngestedAt
		if err := sink.Mentions(ms); err != nil {
			return sum, fmt.Errorf("drill %s: sink at %s: %w", sc.ID, t.Format(time.RFC3339), err)
		}
	}
	return sum, nil
}

// isRepost tells a repost (a "//@" chain, or a bot's copy) from a comment.
func isRepost(m *model.Mention) bool {
	return strings.Contains(m.Text, "//@")
}
