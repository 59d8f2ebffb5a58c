package metrics

import (
	"time"
)

// TrustStatus says whether public opinion has come back.
type TrustStatus string

// Trust statuses.
const (
	TrustRecovered   TrustStatus = "recovered"    // back within the margin, sustained
	TrustNotYet      TrustStatus = "not_yet"      // not (yet) back by AsOf
	TrustNoBaseline  TrustStatus = "no_baseline"  // no mentions in the baseline window to compare with
	TrustNoReference TrustStatus = "no_reference" // no statement published and no alert to count from
)

// Reference kinds: what the recovery is counted from.
const (
	RefStatement = "statement" // the last statement published by AsOf
	RefAlert     = "alert"     // no statement was published: the first alert
)

// CurvePoint is one bucket of the recovery curve.
type CurvePoint struct {
	Bucket
	Thin   bool // fewer than MinMentions mentions: not judged
	Within bool // negative share ≤ Threshold
}

// Trust measures rebuilding trust: how the negative share came back towards
// its pre-crisis level after the team's last word.
//
// The baseline is the negative share of the buckets lying wholly inside the
// baseline window. The recovery curve is every bucket that starts at or
// after the reference (the last published statement; the bucket holding it
// is mixed and left out). Opinion has recovered at the start of the first of
// Sustain consecutive counted buckets whose share is at most
// Threshold = baseline + Margin; thin buckets are skipped. Until that
// happens the status is "not yet", Since after the reference. Because it is
// a function of the mentions, a report rerun after more mentions arrive
// shows the recovery when it happens.
type Trust struct {
	Status         TrustStatus
	Baseline       Ratio
	BaselineWindow Window
	BaselineGiven  bool // the window came from Options, not the first alert
	Margin         float64
	Threshold      float64
	Sustain        int
	MinMentions    int

	Reference     time.Time
	ReferenceKind string
	ReferenceID   string // statement id when ReferenceKind is RefStatement

	Curve         []CurvePoint
	RecoveredAt   time.Time
	TimeToRecover time.Duration // RecoveredAt − Reference
	Since         time.Duration // AsOf − Reference: how long it has been
	Current       Ratio         // share over the last Sustain counted buckets of the curve
}

// epsilon absorbs float rounding so a share exactly at the threshold
// (15% against 10% + 5 points) counts as within.
const epsilon = 1e-9

func trust(s Series, r *Report, opts Options) Trust {
	t := Trust{Margin: opts.Margin, Sustain: opts.Sustain, MinMentions: opts.MinMentions}

	w := opts.Baseline
	t.BaselineGiven = !w.IsZero()
	if w.To.IsZero() {
		switch {
		case r.Detection.FirstAlert != nil:
			w.To = r.Detection.FirstAlert.At
		case r.Incident.Declared():
			w.To = r.Incident.DeclaredAt
		case r.Detection.SpikeFound:
			w.To = r.Detection.Spike.At
		}
	}
	if w.From.IsZero() {
		w.From = s.Start
	}
	t.BaselineWindow = w
	if !w.To.IsZero() {
		for _, b := range s.Buckets {
			if !b.Start.Before(w.From) && !b.Start.Add(s.Step).After(w.To) {
				t.Baseline = t.Baseline.Add(b.Share())
			}
		}
	}
	t.Threshold = t.Baseline.Value() + t.Margin

	for i := len(r.Statements) - 1; i >= 0; i-- {
		st := r.Statements[i]
		if !st.PublishedAt.IsZero() && st.PublishedAt.After(t.Reference) {
			t.Reference, t.ReferenceKind, t.ReferenceID = st.PublishedAt, RefStatement, st.ID
		}
	}
	if t.Reference.IsZero() && r.Detection.FirstAlert != nil {
		t.Reference, t.ReferenceKind = r.Detection.FirstAlert.At, RefAlert
	}
	if t.Reference.IsZero() {
		t.Status = TrustNoReference
		return t
	}
	t.Since = r.AsOf.Sub(t.Reference)

	i0 := max(s.Index(t.Reference), 0)
	if i0 < len(s.Buckets) && s.Buckets[i0].Start.Before(t.Reference) {
		i0++
	}
	for i := i0; i < len(s.Buckets) && !s.Buckets[i].Start.After(r.AsOf); i++ {
		b := s.Buckets[i]
		p := CurvePoint{Bucket: b, Thin: b.All < t.MinMentions}
		p.Within = !p.Thin && b.Share().Value() <= t.Threshold+epsilon
		t.Curve = append(t.Curve, p)
	}

	counted := 0
	for i := len(t.Curve) - 1; i >= 0 && counted < t.Sustain; i-- {
		if !t.Curve[i].Thin {
			t.Current = t.Current.Add(t.Curve[i].Share())
			counted++
		}
	}

	if !t.Baseline.Known() {
		t.Status = TrustNoBaseline
		return t
	}
	run, start := 0, time.Time{}
	for _, p := range t.Curve {
		switch {
		case p.Thin:
			continue
		case !p.Within:
			run = 0
			continue
		}
		if run == 0 {
			start = p.Start
		}
		run++
		if run >= t.Sustain {
			t.Status, t.RecoveredAt, t.TimeToRecover = TrustRecovered, start, start.Sub(t.Reference)
			return t
		}
	}
	t.Status = TrustNotYet
	return t
}
