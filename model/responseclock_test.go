package model

import (
	"testing"
	"time"
)

var t0 = time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)

func TestClockAt(t *testing.T) {
	base := func() ResponseClock {
		return ResponseClock{ID: "c", Duration: time.Hour, DueSoon: 10 * time.Minute, AnchorAt: t0}
	}
	cases := []struct {
		name  string
		edit  func(*ResponseClock)
		at    time.Time
		state ClockState
		left  time.Duration
		late  bool
		pause bool
	}{
		{"pending before anchor", func(c *ResponseClock) { c.AnchorAt = time.Time{} }, t0, ClockPending, 0, false, false},
		{"pending when anchor is in the future", nil, t0.Add(-time.Second), ClockPending, 0, false, false},
		{"running at anchor", nil, t0, ClockRunning, time.Hour, false, false},
		{"running just before due soon", nil, t0.Add(49*time.Minute + 59*time.Second), ClockRunning, 10*time.Minute + time.Second, false, false},
		{"due soon at threshold", nil, t0.Add(50 * time.Minute), ClockDueSoon, 10 * time.Minute, false, false},
		{"exactly at deadline is still on time", nil, t0.Add(time.Hour), ClockDueSoon, 0, false, false},
		{"breached just after deadline", nil, t0.Add(time.Hour + time.Nanosecond), ClockBreached, -time.Nanosecond, false, false},
		{"breached shows overrun", nil, t0.Add(90 * time.Minute), ClockBreached, -30 * time.Minute, false, false},
		{"no due-soon threshold", func(c *ResponseClock) { c.DueSoon = 0 }, t0.Add(59 * time.Minute), ClockRunning, time.Minute, false, false},
		{"met on time", func(c *ResponseClock) { c.MetAt = t0.Add(20 * time.Minute) }, t0.Add(5 * time.Hour), ClockMet, 40 * time.Minute, false, false},
		{"met exactly at deadline", func(c *ResponseClock) { c.MetAt = t0.Add(time.Hour) }, t0.Add(2 * time.Hour), ClockMet, 0, false, false},
		{"met late", func(c *ResponseClock) { c.MetAt = t0.Add(70 * time.Minute) }, t0.Add(2 * time.Hour), ClockMet, -10 * time.Minute, true, false},
		{"not yet met at t before MetAt", func(c *ResponseClock) { c.MetAt = t0.Add(70 * time.Minute) }, t0.Add(65 * time.Minute), ClockBreached, -5 * time.Minute, false, false},
		{"met before start", func(c *ResponseClock) { c.MetAt = t0.Add(-time.Hour) }, t0.Add(3 * time.Hour), ClockMet, time.Hour, false, false},
		{"met while still pending", func(c *ResponseClock) { c.AnchorAt = time.Time{}; c.MetAt = t0 }, t0, ClockMet, time.Hour, false, false},
		{"paused clock does not count", func(c *ResponseClock) {
			c.Pauses = []Pause{{From: t0.Add(30 * time.Minute)}}
		}, t0.Add(3 * time.Hour), ClockRunning, 30 * time.Minute, false, true},
		{"resumed clock deadline moves by the pause", func(c *ResponseClock) {
			c.Pauses = []Pause{{From: t0.Add(30 * time.Minute), To: t0.Add(50 * time.Minute)}}
		}, t0.Add(75 * time.Minute), ClockDueSoon, 5 * time.Minute, false, false},
		{"pause before anchor is ignored", func(c *ResponseClock) {
			c.Pauses = []Pause{{From: t0.Add(-time.Hour), To: t0}}
		}, t0.Add(30 * time.Minute), ClockRunning, 30 * time.Minute, false, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := base()
			if tc.edit != nil {
				tc.edit(&c)
			}
			got := c.At(tc.at)
			if got.State != tc.state || got.Left != tc.left || got.Late != tc.late || got.Paused != tc.pause {
				t.Fatalf("At = %+v (state %s), want state %s left %v late %v paused %v", got, got.State, tc.state, tc.left, tc.late, tc.pause)
			}
		})
	}
}

func TestClockProgressAndRunning(t *testing.T) {
	c := ResponseClock{Duration: time.Hour, AnchorAt: t0}
	if p := c.Progress(t0.Add(15 * time.Minute)); p != 0.25 {
		t.Errorf("progress at 15m = %v, want 0.25", p)
	}
	if p := c.Progress(t0.Add(2 * time.Hour)); p != 1 {
		t.Errorf("progress when breached = %v, want 1", p)
	}
	if !c.Running(t0.Add(2 * time.Hour)) {
		t.Error("a breached clock keeps counting its overrun")
	}
	c.MetAt = t0.Add(time.Minute)
	if c.Running(t0.Add(2 * time.Hour)) {
		t.Error("a met clock is not running")
	}
	p := ResponseClock{Duration: time.Hour}
	if p.Running(t0) || p.Progress(t0) != 0 {
		t.Error("a pending clock neither runs nor progresses")
	}
}

func TestScaledClock(t *testing.T) {
	base := NewManualClock(t0)
	v := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	c := NewScaledClock(base, v, 60)
	base.Advance(time.Second)
	if got := c.Now(); !got.Equal(v.Add(time.Minute)) {
		t.Fatalf("60x after 1s = %v", got)
	}
	c.SetPaused(true)
	base.Advance(time.Hour)
	if got := c.Now(); !got.Equal(v.Add(time.Minute)) {
		t.Fatalf("paused clock moved to %v", got)
	}
	c.SetPaused(false)
	c.SetSpeed(1)
	base.Advance(time.Second)
	if got := c.Now(); !got.Equal(v.Add(time.Minute + time.Second)) {
		t.Fatalf("after speed change = %v", got)
	}
	c.Seek(v)
	if got := c.Now(); !got.Equal(v) {
		t.Fatalf("seek = %v", got)
	}
}

func TestScaledClockStops(t *testing.T) {
	base := NewManualClock(t0)
	v := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	c := NewScaledClock(base, v, 60)
	end := v.Add(2 * time.Minute)
	c.StopAt(end)
	base.Advance(time.Second)
	if c.Stopped() || !c.Now().Equal(v.Add(time.Minute)) {
		t.Fatalf("before its stop: %v, stopped %v", c.Now(), c.Stopped())
	}
	base.Advance(time.Hour)
	if !c.Stopped() || !c.Now().Equal(end) {
		t.Fatalf("an hour later: %v, stopped %v; want %v, stopped", c.Now(), c.Stopped(), end)
	}
	c.SetSpeed(10) // rebasing at the stop must not let time run on
	base.Advance(time.Hour)
	if !c.Now().Equal(end) {
		t.Fatalf("after a change of speed: %v, want %v", c.Now(), end)
	}
}
