package model

import "time"

// ClockState is where a response clock stands at a moment.
type ClockState int

// Clock states. A clock is Pending until its anchor event happens.
const (
	ClockPending ClockState = iota
	ClockRunning
	ClockDueSoon
	ClockMet
	ClockBreached
)

var clockStateNames = [...]string{"pending", "running", "due_soon", "met", "breached"}

// String returns the state's name.
func (s ClockState) String() string {
	if s < 0 || int(s) >= len(clockStateNames) {
		return "unknown"
	}
	return clockStateNames[s]
}

// Anchors and triggers name event kinds; a clock starts at the first event of
// its Anchor kind and is met by the first matching MetBy event after that.
// MetBy may narrow a kind with ":" and a statement kind ("statement.published:holding")
// or "@" and a platform ("statement.published@weibo"), or be "manual".
const MetManually = "manual"

// Pause is a stretch of time during which a clock does not count.
type Pause struct {
	From, To time.Time // To is zero while the pause lasts
}

// ResponseClock is a deadline that counts from an anchor event, such as
// "holding statement within 1 hour of declaration".
type ResponseClock struct {
	ID       string
	Name     string
	Anchor   string        // event kind that starts it, e.g. KindDeclared
	Duration time.Duration // from anchor to deadline, not counting pauses
	DueSoon  time.Duration // warn this long before the deadline; 0 for none
	MetBy    string        // what meets it; see MetManually

	AnchorAt time.Time // zero while pending
	MetAt    time.Time // zero until met
	MetWhat  string    // what met it: "statement #3", a note
	MetActor string
	Pauses   []Pause
	// MetByHand is set when someone marked the clock met (the team did it
	// outside warroom, e.g. posted directly) rather than the event it
	// waits for meeting it.
	MetByHand bool
}

// ClockStatus is a clock's state at a moment.
type ClockStatus struct {
	State    ClockState
	Deadline time.Time     // zero while pending; moves later with pauses
	Left     time.Duration // time left (negative once overrun); for met clocks, the margin it was met with
	Paused   bool
	Late     bool // met, but after the deadline
}

// pausedBy returns how much of [from, t] fell inside pauses, and whether t is
// inside one.
func (c *ResponseClock) pausedBy(from, t time.Time) (time.Duration, bool) {
	var total time.Duration
	in := false
	for _, p := range c.Pauses {
		if !p.From.After(t) && (p.To.IsZero() || p.To.After(t)) {
			in = true
		}
		start, end := p.From, p.To
		if start.Before(from) {
			start = from
		}
		if end.IsZero() || end.After(t) {
			end = t
		}
		if end.After(start) {
			total += end.Sub(start)
		}
	}
	return total, in
}

// At returns the clock's state at t. The deadline itself is still on time:
// a clock is breached only strictly after it. A clock met before its anchor
// (a holding statement out before the declaration) counts as met on time.
func (c *ResponseClock) At(t time.Time) ClockStatus {
	met := !c.MetAt.IsZero() && !c.MetAt.After(t)
	if c.AnchorAt.IsZero() || c.AnchorAt.After(t) {
		if met {
			return ClockStatus{State: ClockMet, Left: c.Duration}
		}
		return ClockStatus{State: ClockPending}
	}
	ref := t
	if met {
		ref = c.MetAt
	}
	if ref.Before(c.AnchorAt) { // met before the anchor
		return ClockStatus{State: ClockMet, Deadline: c.AnchorAt.Add(c.Duration), Left: c.Duration}
	}
	paused, in := c.pausedBy(c.AnchorAt, ref)
	deadline := c.AnchorAt.Add(c.Duration + paused)
	left := deadline.Sub(ref)
	st := ClockStatus{Deadline: deadline, Left: left, Paused: in && !met}
	switch {
	case met:
		st.State = ClockMet
		st.Late = left < 0
	case left < 0:
		st.State = ClockBreached
	case c.DueSoon > 0 && left <= c.DueSoon:
		st.State = ClockDueSoon
	default:
		st.State = ClockRunning
	}
	return st
}

// Running reports whether the clock is counting at t, so the UI knows whether
// it needs to tick.
func (c *ResponseClock) Running(t time.Time) bool {
	s := c.At(t)
	return !s.Paused && (s.State == ClockRunning || s.State == ClockDueSoon || s.State == ClockBreached)
}

// Progress is the share of the clock's time used at t, from 0 to 1 (capped).
func (c *ResponseClock) Progress(t time.Time) float64 {
	s := c.At(t)
	if s.State == ClockPending || c.Duration <= 0 {
		return 0
	}
	used := 1 - float64(s.Left)/float64(c.Duration)
	switch {
	case used < 0:
		return 0
	case used > 1:
		return 1
	}
	return used
}
