package ui

import (
	"context"
	"testing"
	"time"

	"warroom/model"
)

// TestHubKeepsNothingWithoutAConsole: an ingest pushes every commit into
// the session's hub and no console ever reads it.
func TestHubKeepsNothingWithoutAConsole(t *testing.T) {
	h := NewHub()
	for i := range 1000 {
		h.Push(Update{Mentions: []*model.Mention{{ID: int64(i)}}})
	}
	h.mu.Lock()
	n := len(h.pending.Mentions)
	h.mu.Unlock()
	if n != 0 {
		t.Fatalf("a hub without a console holds %d mentions", n)
	}
}

// TestHubMergesForAConsole: pushes made while the console is busy arrive
// merged, in order, once it reads.
func TestHubMergesForAConsole(t *testing.T) {
	h := NewHub()
	ctx, cancel := context.WithCancel(context.Background())
	h.Attach()
	// Pushed after the console attached and before Run runs: kept.
	h.Push(Update{Mentions: []*model.Mention{{ID: 0}}})
	done := make(chan struct{})
	go func() { h.Run(ctx); close(done) }()
	for i := 1; i < 3; i++ {
		h.Push(Update{Mentions: []*model.Mention{{ID: int64(i)}}, Events: []model.Event{{Seq: int64(i)}}})
	}
	var ids []int64
	for len(ids) < 3 {
		select {
		case u := <-h.Updates():
			for _, m := range u.Mentions {
				ids = append(ids, m.ID)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("got %v", ids)
		}
	}
	if ids[0] != 0 || ids[1] != 1 || ids[2] != 2 {
		t.Errorf("order %v", ids)
	}
	cancel()
	<-done
	h.Push(Update{Mentions: []*model.Mention{{ID: 9}}})
	h.mu.Lock()
	n := len(h.pending.Mentions)
	h.mu.Unlock()
	if n != 0 {
		t.Errorf("a hub whose console stopped holds %d mentions", n)
	}
}
