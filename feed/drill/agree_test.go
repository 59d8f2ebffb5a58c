package drill

import (
	"testing"
	"time"

	"warroom/feed/classify"
)

// TestClassifierAgrees checks that what the generator means to be negative
// or positive reads that way to the pipeline's classifier: a drill whose
// angry posts look neutral would train the team on a quiet feed. Neutral
// texts in a crisis often carry crisis words, so they are only reported.
func TestClassifierAgrees(t *testing.T) {
	c := classify.New()
	for _, id := range builtinIDs {
		sc := mustBuiltin(t, id)
		ms, ss := run(t, sc, 3, 6*time.Hour, time.Hour, nil)
		var n, ok [3]int
		for i, m := range ms {
			c.Classify(m)
			got := Neutral
			if m.Negative {
				got = Negative
			} else if m.Sentiment > 0.2 {
				got = Positive
			}
			n[ss[i]+1]++
			if got == ss[i] {
				ok[ss[i]+1]++
			}
		}
		share := func(k int) float64 { return float64(ok[k]) / float64(max(1, n[k])) }
		t.Logf("%s: classifier agrees on %.0f%% of negative, %.0f%% of neutral, %.0f%% of positive",
			id, 100*share(0), 100*share(1), 100*share(2))
		if share(0) < 0.85 || share(2) < 0.6 {
			t.Errorf("%s: negative %.2f (want >= 0.85), positive %.2f (want >= 0.6)", id, share(0), share(2))
		}
	}
}
