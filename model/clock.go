package model

import (
	"sync"
	"time"
)

// Clock gives the current time of a session. Live sessions use the wall
// clock; replay and drills use a virtual one; tests use a Manual clock.
type Clock interface {
	Now() time.Time
}

// WallClock reads the operating system's clock.
type WallClock struct{}

// Now returns the wall-clock time.
func (WallClock) Now() time.Time { return time.Now() }

// ManualClock only moves when told to. Safe for concurrent use.
type ManualClock struct {
	mu sync.Mutex
	t  time.Time
}

// NewManualClock returns a clock stopped at t.
func NewManualClock(t time.Time) *ManualClock { return &ManualClock{t: t} }

// Now returns the clock's time.
func (c *ManualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Set moves the clock to t.
func (c *ManualClock) Set(t time.Time) {
	c.mu.Lock()
	c.t = t
	c.mu.Unlock()
}

// Advance moves the clock forward by d and returns the new time.
func (c *ManualClock) Advance(d time.Duration) time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
	return c.t
}

// ScaledClock runs virtual time at a multiple of a base clock, and can be
// paused and seeked: the clock of replays and drills. Safe for concurrent use.
type ScaledClock struct {
	mu     sync.Mutex
	base   Clock
	origin time.Time // virtual time at baseAt
	baseAt time.Time
	speed  float64
	paused bool
	stop   time.Time // virtual time ends here; zero for never
}

// NewScaledClock starts virtual time at start, running speed times as fast
// as base.
func NewScaledClock(base Clock, start time.Time, speed float64) *ScaledClock {
	return &ScaledClock{base: base, origin: start, baseAt: base.Now(), speed: speed}
}

func (c *ScaledClock) nowLocked() time.Time {
	t := c.origin
	if !c.paused {
		t = t.Add(time.Duration(float64(c.base.Now().Sub(c.baseAt)) * c.speed))
	}
	if !c.stop.IsZero() && t.After(c.stop) {
		return c.stop
	}
	return t
}

// StopAt makes virtual time end at t: a drill's clock stops with its
// scenario, so its deadlines do not go on breaching while the team reads
// the screen, and the score is the same whenever they quit.
func (c *ScaledClock) StopAt(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.stop = t
}

// Stopped reports whether virtual time has reached the moment set by StopAt.
func (c *ScaledClock) Stopped() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return !c.stop.IsZero() && !c.nowLocked().Before(c.stop)
}

// Now returns the virtual time.
func (c *ScaledClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.nowLocked()
}

// rebase fixes the current virtual time as the new origin, so a change of
// speed or pause does not make time jump.
func (c *ScaledClock) rebase() {
	c.origin = c.nowLocked()
	c.baseAt = c.base.Now()
}

// Speed returns the current multiple of base time.
func (c *ScaledClock) Speed() float64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.speed
}

// SetSpeed changes the multiple without moving the virtual time.
func (c *ScaledClock) SetSpeed(s float64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.rebase()
	c.speed = s
}

// Paused reports whether virtual time is stopped.
func (c *ScaledClock) Paused() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.paused
}

// SetPaused stops or restarts virtual time.
func (c *ScaledClock) SetPaused(p bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.rebase()
	c.paused = p
}

// Seek jumps virtual time to t.
func (c *ScaledClock) Seek(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.origin = t
	c.baseAt = c.base.Now()
}
