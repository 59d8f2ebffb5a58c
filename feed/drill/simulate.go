package drill

import (
	"fmt"
	"slices"
	"time"

	"warroom/model"
)

// CurveStep is the width of one bucket of a Curve.
const CurveStep = 10 * time.Minute

// Curve is the negative share the crowd model expects over a drill, per
// 10-minute bucket: how a scenario's crowd answers a course of action.
type Curve struct {
	Start  time.Time
	Step   time.Duration
	Share  []float64 // expected negative share of all mentions in each bucket
	Volume []float64 // expected mentions in each bucket
}

// Mean returns the volume-weighted negative share over [from, to) from the
// start of the drill.
func (c Curve) Mean(from, to time.Duration) float64 {
	var neg, vol float64
	for i := range c.Share {
		at := time.Duration(i) * c.Step
		if at < from || at >= to {
			continue
		}
		neg += c.Share[i] * c.Volume[i]
		vol += c.Volume[i]
	}
	if vol == 0 {
		return 0
	}
	return neg / vol
}

// Simulate runs the crowd model over the whole drill with the team's
// actions and returns the expected negative share, computed from the model
// rather than by classifying mentions. actions are the incident's events
// (statements are judged by the draft checks on the text the log holds);
// nil is the worst case, silence. start is when the drill started, so
// action times mean the same as in a live run.
func Simulate(sc *Scenario, seed int64, start time.Time, actions []model.Event) Curve {
	return simulate(sc, seed, start, actions, draftJudge)
}

func simulate(sc *Scenario, seed int64, start time.Time, actions []model.Event, judge Judge) Curve {
	c := newCrowd(sc, seed, start, judge)
	evs := slices.Clone(actions)
	slices.SortStableFunc(evs, func(a, b model.Event) int { return a.At.Compare(b.At) })
	st := model.NewState()
	for _, ev := range evs {
		_ = st.Apply(ev) // a rejected event did not happen; the crowd only sees what did
		from := start
		if !ev.At.Before(start) {
			from = start.Add((ev.At.Sub(start)/time.Minute + 1) * time.Minute)
		}
		c.react(ev, st, from)
	}
	minutes := int((sc.Duration + time.Minute - 1) / time.Minute)
	buckets := int((sc.Duration + CurveStep - 1) / CurveStep)
	cv := Curve{Start: start, Step: CurveStep, Share: make([]float64, buckets), Volume: make([]float64, buckets)}
	neg := make([]float64, buckets)
	for m := range minutes {
		md := c.at(start.Add(time.Duration(m)*time.Minute + 30*time.Second))
		b := m * int(time.Minute) / int(CurveStep)
		topic := md.topic
		if md.phase == nil {
			topic = 0
		}
		neg[b] += topic * md.neg
		cv.Volume[b] += topic + md.chat
	}
	for b := range cv.Share {
		if cv.Volume[b] > 0 {
			cv.Share[b] = neg[b] / cv.Volume[b]
		}
	}
	return cv
}

// bestReviewer approves the best case: someone acting in the legal role.
var bestReviewer = model.Actor{Name: "法务", Roles: []model.Role{model.RoleLegal}}

// BestCase returns the events of the scenario's best-case run: each of its
// best statements drafted, approved by legal and published on time (by
// default a sincere statement at +30m and a full one at +3h).
func BestCase(sc *Scenario, start time.Time) []model.Event {
	var evs []model.Event
	for i, b := range sc.Best {
		id := fmt.Sprintf("best%d", i+1)
		pub := start.Add(b.At)
		at := func(before time.Duration) time.Time {
			t := pub.Add(-before)
			if t.Before(start) {
				t = start
			}
			return t
		}
		evs = append(evs,
			model.NewEvent(at(20*time.Minute), model.KindDraft, "公关", model.StatementPayload{ID: id, Kind: b.Kind, Platform: b.Platform, Text: b.Text}),
			model.NewEvent(at(10*time.Minute), model.KindSubmit, "公关", model.StatementPayload{ID: id}),
			model.NewEvent(at(2*time.Minute), model.KindApprove, bestReviewer.Name, model.ReviewPayload{ID: id, Roles: bestReviewer.Roles}),
			model.NewEvent(pub, model.KindPublish, "公关", model.StatementPayload{ID: id, Platform: b.Platform}),
		)
	}
	slices.SortStableFunc(evs, func(a, b model.Event) int { return a.At.Compare(b.At) })
	return evs
}

// ExpectedMentions is how many mentions a silent run of sc is expected to
// produce at its current RateScale.
func ExpectedMentions(sc *Scenario, seed int64) float64 {
	cv := simulate(sc, seed, time.Unix(0, 0), nil, nil)
	total := 0.0
	for _, v := range cv.Volume {
		total += v
	}
	return total
}

// WithRateScale returns a copy of sc whose rates are multiplied by k (on
// top of the file's own rate_scale): the --rate-scale option.
func (sc *Scenario) WithRateScale(k float64) *Scenario {
	c := *sc
	c.RateScale = sc.RateScale * k
	return &c
}

// ScaledTo returns a copy of sc scaled so a silent run yields about n
// mentions: a 24-hour, 500,000-mention file for replay benchmarks is
// ScaledTo(500000) of a 24-hour scenario.
func (sc *Scenario) ScaledTo(n int, seed int64) *Scenario {
	exp := ExpectedMentions(sc, seed)
	if exp <= 0 {
		return sc
	}
	return sc.WithRateScale(float64(n) / exp)
}
