package metrics

import "time"

// Ratio is a count out of a total, kept as integers so reports and tests
// agree to the last mention; Value turns it into a share when needed.
type Ratio struct {
	Num, Den int
}

// Known reports whether the ratio has a denominator (there was anything to
// count).
func (r Ratio) Known() bool { return r.Den > 0 }

// Value returns Num/Den, or 0 when nothing was counted.
func (r Ratio) Value() float64 {
	if r.Den <= 0 {
		return 0
	}
	return float64(r.Num) / float64(r.Den)
}

// Add returns the sum of two ratios' counts (not the sum of the shares).
func (r Ratio) Add(o Ratio) Ratio { return Ratio{r.Num + o.Num, r.Den + o.Den} }

// Window is a half-open span of time [From, To).
type Window struct {
	From, To time.Time
}

// IsZero reports whether neither end is set.
func (w Window) IsZero() bool { return w.From.IsZero() && w.To.IsZero() }

// Bucket counts the mentions created in [Start, Start+step).
type Bucket struct {
	Start    time.Time
	All      int
	Negative int
}

// Share returns the bucket's negative share.
func (b Bucket) Share() Ratio { return Ratio{b.Negative, b.All} }

// Series is a gap-free run of equal buckets: empty slots are present with
// zero counts, so bucket i always starts at Start + i*Step.
type Series struct {
	Start   time.Time
	Step    time.Duration
	Buckets []Bucket
}

// End is the end of the last bucket (Start when there are none).
func (s Series) End() time.Time { return s.Start.Add(time.Duration(len(s.Buckets)) * s.Step) }

// Index returns the index of the bucket that contains t. It may be out of
// range (negative, or ≥ len(Buckets)) when t is outside the series.
func (s Series) Index(t time.Time) int {
	if s.Step <= 0 {
		return -1
	}
	d := t.Sub(s.Start)
	i := int(d / s.Step)
	if d < 0 && d%s.Step != 0 {
		i-- // floor, not truncation towards zero
	}
	return i
}

// Sum adds up buckets i..j-1, clipped to the series.
func (s Series) Sum(i, j int) Ratio {
	i, j = max(i, 0), min(j, len(s.Buckets))
	var r Ratio
	for k := i; k < j; k++ {
		r.Num += s.Buckets[k].Negative
		r.Den += s.Buckets[k].All
	}
	return r
}

// Rebin merges every n buckets into one, so a long series fits a chart or a
// sparkline; the last bucket may cover fewer slots.
func (s Series) Rebin(n int) Series {
	if n <= 1 {
		return s
	}
	out := Series{Start: s.Start, Step: s.Step * time.Duration(n)}
	for i := 0; i < len(s.Buckets); i += n {
		b := Bucket{Start: s.Buckets[i].Start}
		for _, x := range s.Buckets[i:min(i+n, len(s.Buckets))] {
			b.All += x.All
			b.Negative += x.Negative
		}
		out.Buckets = append(out.Buckets, b)
	}
	return out
}

// Spike is the first negative spike of a series.
type Spike struct {
	Bucket
	Index    int
	Expected float64 // trailing mean of negative mentions the bucket was compared with
	// At is when the spike is timed: the bucket's start, which the report
	// moves to the incident's start when the incident began inside the
	// bucket (a drill started at 05:26 has no spike at 05:00).
	At time.Time
}

// FirstSpike finds the first bucket whose negative count is a spike:
//
//	Negative ≥ minCount  and  Negative ≥ factor × mean(Negative of the previous lookback buckets)
//
// The mean is taken over the buckets that exist (fewer at the start of the
// series; none for the first bucket, whose mean is 0, so only minCount
// applies). The minimum keeps a jump from 0 to 1 out; the factor makes it a
// jump relative to what the brand normally hears. Its time is the bucket's
// start: the earliest moment the series shows it, precise to one step.
func FirstSpike(s Series, minCount int, factor float64, lookback int) (Spike, bool) {
	sum := 0
	for i, b := range s.Buckets {
		n := min(i, lookback)
		mean := 0.0
		if n > 0 {
			mean = float64(sum) / float64(n)
		}
		if b.Negative >= minCount && float64(b.Negative) >= factor*mean {
			return Spike{Bucket: b, Index: i, Expected: mean, At: b.Start}, true
		}
		sum += b.Negative
		if i >= lookback {
			sum -= s.Buckets[i-lookback].Negative
		}
	}
	return Spike{}, false
}
