package drill

import (
	"math"
	"time"

	"warroom/model"
)

// Verdict is how the statement checks judge a text: the crowd rewards a
// sincere statement and punishes a defensive one.
type Verdict struct {
	Sincere   bool
	Defensive bool
}

// Judge judges a statement's text for the crowd model. The default is the
// draft checker (model/draft), the same one the statement editor shows.
type Judge func(text string, kind model.StatementKind, platform model.Platform) Verdict

// Stance is what the crowd made of a published statement.
type Stance int

// Stances, from best to worst.
const (
	StanceSincere Stance = iota
	StanceNeutral
	StanceDefensive
)

// String returns the stance's name.
func (s Stance) String() string {
	return [...]string{"sincere", "neutral", "defensive"}[s]
}

// reaction is one effect on the crowd, in force from a minute boundary.
type reaction struct {
	from time.Time
	Effect
}

// crowd is the model of the public: what rate and negative share each
// minute has, given the scenario and what the team has done. It is pure:
// the same scenario, seed and actions give the same numbers.
type crowd struct {
	sc    *Scenario
	start time.Time
	judge Judge
	keyAt []time.Time // key event times after jitter

	firstAlert   time.Time
	declared     time.Time
	alerts       map[int64]time.Time
	acked        bool
	firstPub     time.Time // when the first statement went out (any stance)
	firstPubFrom time.Time // ...and the boundary its effects start at
	sincereFrom  time.Time // the boundary of the first sincere statement
	sincere      int
	published    map[string]bool
	reactions    []reaction
	stances      []PublishedStance
}

// PublishedStance records how the crowd took one statement.
type PublishedStance struct {
	ID     string
	At     time.Time
	Stance Stance
	Golden bool // inside the golden hours
}

func newCrowd(sc *Scenario, seed int64, start time.Time, judge Judge) *crowd {
	c := &crowd{sc: sc, start: start, judge: judge, alerts: map[int64]time.Time{}, published: map[string]bool{}}
	for i, e := range sc.Events {
		at := start.Add(e.At)
		if e.Jitter > 0 {
			// Hash, not a stream: the jitter of one event never depends on another.
			u := unit(hash64(uint64(seed), 7, uint64(i)))
			at = at.Add(time.Duration((2*u - 1) * float64(e.Jitter)))
		}
		if !at.After(start) {
			at = start.Add(time.Second)
		}
		// Whole milliseconds, like every generated time.
		at = start.Add(at.Sub(start).Truncate(time.Millisecond))
		c.keyAt = append(c.keyAt, at)
	}
	return c
}

// anchor returns when the golden hours started, or zero if their anchor
// event has not happened (a statement then is early, so inside them).
func (c *crowd) anchor() time.Time {
	switch c.sc.Response.Anchor {
	case "first_alert":
		return c.firstAlert
	case "declared":
		return c.declared
	}
	return c.start
}

// react folds one team action into the model; from is the minute boundary
// its effects start at. It reports whether anything changed.
func (c *crowd) react(ev model.Event, state *model.State, from time.Time) bool {
	rs := &c.sc.Response
	switch ev.Kind {
	case model.KindAlert:
		var p model.AlertPayload
		if ev.Decode(&p) != nil {
			return false
		}
		if _, ok := c.alerts[p.ID]; !ok {
			c.alerts[p.ID] = ev.At
		}
		if c.firstAlert.IsZero() {
			c.firstAlert = ev.At
		}
		// Only the golden hours move with an alert, and they act through
		// statements published later: nothing to regenerate.
		return false
	case model.KindDeclared:
		if c.declared.IsZero() {
			c.declared = ev.At
		}
		return false
	case model.KindAlertAck:
		var p model.AlertPayload
		if ev.Decode(&p) != nil || c.acked {
			return false
		}
		raised, ok := c.alerts[p.ID]
		if !ok {
			return false
		}
		// The first acknowledgement is the moment someone calls the
		// complainant back; a quick one takes some heat out.
		c.acked = true
		if ev.At.Sub(raised) > rs.AckWithin {
			return false
		}
		c.reactions = append(c.reactions, reaction{from: from, Effect: rs.Ack})
		return true
	case model.KindPublish:
		var p model.StatementPayload
		if ev.Decode(&p) != nil || p.ID == "" || c.published[p.ID] {
			return false
		}
		text, on, kind := p.Text, p.Platform, p.Kind
		if state != nil {
			if st := state.Statement(p.ID); st != nil {
				text, kind = st.Text, st.Kind
				if on == "" {
					on = st.PublishedOn
				}
				if on == "" {
					on = st.Platform
				}
			}
		}
		c.published[p.ID] = true
		if c.firstPub.IsZero() {
			c.firstPub, c.firstPubFrom = ev.At, from
		}
		v := Verdict{}
		if c.judge != nil {
			v = c.judge(text, kind, on)
		}
		a := c.anchor()
		golden := a.IsZero() || !ev.At.After(a.Add(rs.Golden))
		ps := PublishedStance{ID: p.ID, At: ev.At, Golden: golden}
		var eff Effect
		switch {
		case v.Defensive:
			ps.Stance, eff = StanceDefensive, rs.Defensive
		case v.Sincere:
			ps.Stance = StanceSincere
			scale := math.Pow(rs.Repeat, float64(c.sincere))
			if !golden {
				scale *= rs.Late
			}
			eff = scaled(rs.Sincere, scale)
			c.sincere++
			if c.sincereFrom.IsZero() {
				c.sincereFrom = from
			}
		default:
			ps.Stance, eff = StanceNeutral, rs.Neutral
		}
		c.stances = append(c.stances, ps)
		c.reactions = append(c.reactions, reaction{from: from, Effect: eff})
		return true
	}
	return false
}

func scaled(e Effect, k float64) Effect {
	return Effect{Negative: e.Negative * k, Volume: 1 + (e.Volume-1)*k, Over: e.Over}
}

// ramp is how far an effect that started at from has come by t.
func ramp(from, t time.Time, over time.Duration) float64 {
	if t.Before(from) {
		return 0
	}
	if over <= 0 {
		return 1
	}
	return min(1, float64(t.Sub(from))/float64(over))
}

// keyHappens reports whether key event i takes place: an if_silent event
// is called off by a sincere statement whose effect started before it.
func (c *crowd) keyHappens(i int) bool {
	e := &c.sc.Events[i]
	return !e.IfSilent || c.sincereFrom.IsZero() || c.sincereFrom.After(c.keyAt[i])
}

// phaseAt returns the phase in force at offset off, or nil between phases.
func (sc *Scenario) phaseAt(off time.Duration) *Phase {
	for i := range sc.Phases {
		p := &sc.Phases[i]
		if off >= p.Start && off < p.Start+p.Length {
			return p
		}
	}
	return nil
}

// maxMinute caps topical mentions per minute whatever boosts stack up.
const maxMinute = 1e6

// mood is the crowd at one moment.
type mood struct {
	phase *Phase
	topic float64 // topical mentions per minute
	neg   float64 // negative share of topical mentions
	chat  float64 // background chatter per minute
}

// at evaluates the model at t.
func (c *crowd) at(t time.Time) mood {
	sc := c.sc
	off := t.Sub(c.start)
	m := mood{chat: sc.Chatter.Rate * sc.RateScale}
	p := sc.phaseAt(off)
	if p == nil {
		return m
	}
	m.phase = p
	frac := float64(off-p.Start) / float64(p.Length)
	base := p.Rate + (p.RateEnd-p.Rate)*frac
	vol, add := 1.0, 0.0
	for i := range sc.Events {
		e := &sc.Events[i]
		k := c.keyAt[i]
		if t.Before(k) || !c.keyHappens(i) {
			continue
		}
		f := math.Exp2(-float64(t.Sub(k)) / float64(e.Decay))
		vol *= 1 + (e.Boost-1)*f
		add += e.Negative * f
	}
	for _, r := range c.reactions {
		if x := ramp(r.from, t, r.Over); x > 0 {
			add += r.Negative * x
			vol *= 1 + (r.Volume-1)*x
		}
	}
	// Silence: each missed deadline adds anger until the first statement,
	// and what was added stays (the damage is done).
	for _, s := range sc.Response.Silence {
		deadline := c.start.Add(s.After)
		if !c.firstPub.IsZero() && !c.firstPub.After(deadline) {
			continue
		}
		upTo := t
		if !c.firstPub.IsZero() && c.firstPubFrom.Before(upTo) {
			upTo = c.firstPubFrom
		}
		if x := ramp(deadline, upTo, s.Over); x > 0 {
			add += s.Negative * x
			vol *= 1 + (s.Volume-1)*x
		}
	}
	m.neg = min(sc.Response.Ceiling, max(sc.Response.Floor, p.Negative+add))
	if p.Negative == 0 && add <= 0 {
		m.neg = 0 // a phase written with no negative posts stays that way
	}
	// Boosts multiply; a file with many of them must not overflow a minute.
	m.topic = min(base*sc.RateScale*vol, maxMinute)
	return m
}
