package ui

import (
	"context"
	"sync"
)

// Hub carries committed changes from the writer's goroutine to a console.
// It merges them while the console is busy drawing, so a burst of commits
// costs one frame and the writer never waits for the UI. Until a console
// attaches (and after it stops), Push keeps nothing: a session without a
// console, such as an ingest, would otherwise hold every mention it stored,
// and a console reads the store when it starts anyway.
type Hub struct {
	mu       sync.Mutex
	attached bool
	pending  Update
	wake     chan struct{}
	out      chan Update
}

// NewHub returns a hub with no console attached.
func NewHub() *Hub { return &Hub{wake: make(chan struct{}, 1), out: make(chan Update)} }

// Updates is the channel a console reads (Options.Updates).
func (h *Hub) Updates() <-chan Update { return h.out }

// Attach starts keeping pushes for a console. Call it before the console
// first reads the store, so nothing committed after that read is lost: the
// console drops what it already has.
func (h *Hub) Attach() {
	h.mu.Lock()
	h.attached = true
	h.mu.Unlock()
}

// Push adds committed changes for the console, if one is attached. It
// never blocks.
func (h *Hub) Push(u Update) {
	h.mu.Lock()
	if !h.attached {
		h.mu.Unlock()
		return
	}
	h.pending.Mentions = append(h.pending.Mentions, u.Mentions...)
	h.pending.Alerts = append(h.pending.Alerts, u.Alerts...)
	h.pending.Events = append(h.pending.Events, u.Events...)
	h.mu.Unlock()
	select {
	case h.wake <- struct{}{}:
	default:
	}
}

// Run delivers merged updates to Updates until ctx ends, attaching the
// console if Attach has not, and detaches it when it returns.
func (h *Hub) Run(ctx context.Context) {
	h.Attach()
	defer func() {
		h.mu.Lock()
		h.attached, h.pending = false, Update{}
		h.mu.Unlock()
	}()
	for {
		select {
		case <-ctx.Done():
			return
		case <-h.wake:
		}
		h.mu.Lock()
		u := h.pending
		h.pending = Update{}
		h.mu.Unlock()
		if len(u.Mentions)+len(u.Alerts)+len(u.Events) == 0 {
			continue
		}
		select {
		case h.out <- u:
		case <-ctx.Done():
			return
		}
	}
}
