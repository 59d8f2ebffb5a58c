package main

import (
	"context"
	"sync"
	"time"

	"warroom/model"
	"warroom/ui"
)

// published is what the console has been sent, from this process's own
// commits and from other processes' (see watchOthers). Both paths go
// through it, so nothing reaches the console twice and events arrive in
// seq order, which the console relies on to skip the ones it has.
type published struct {
	mu      sync.Mutex
	mention int64                    // newest mention id sent
	event   int64                    // newest event seq sent
	alerts  map[int64]alertSignature // the version of each alert sent
}

// alertSignature tells a changed alert from one already shown. Times are
// in milliseconds, as the file keeps them, so an alert this process sent
// does not look changed when read back.
type alertSignature struct {
	level          model.Level
	updated, acked int64
	count          int
}

func signature(a *model.Alert) alertSignature {
	return alertSignature{a.Level, a.UpdatedAt.UnixMilli(), a.AckedAt.UnixMilli(), a.Count}
}

// publish sends u to the console, less what was sent already.
func (s *session) publish(u ui.Update) {
	s.seen.mu.Lock()
	defer s.seen.mu.Unlock()
	s.publishLocked(u)
}

func (s *session) publishLocked(u ui.Update) {
	p := &s.seen
	var out ui.Update
	for _, m := range u.Mentions {
		if m.ID > p.mention {
			out.Mentions = append(out.Mentions, m)
		}
	}
	for _, m := range out.Mentions {
		p.mention = max(p.mention, m.ID)
	}
	for _, e := range u.Events {
		if e.Seq > p.event {
			out.Events = append(out.Events, e)
			p.event = e.Seq
		}
	}
	for _, a := range u.Alerts {
		if p.alerts == nil {
			p.alerts = make(map[int64]alertSignature)
		}
		if sig := signature(a); p.alerts[a.ID] != sig {
			p.alerts[a.ID] = sig
			out.Alerts = append(out.Alerts, a)
		}
	}
	if len(out.Mentions)+len(out.Events)+len(out.Alerts) > 0 {
		s.hub.Push(out)
	}
}

// watchBatch bounds how many mentions one poll reads: an import of a
// million rows in another terminal reaches the console a batch a poll.
const watchBatch = 5000

// watchOthers polls the file for commits made by other processes, such as
// `warroom ingest --db` in a second terminal or a second console, and sends
// what they added to this console. It returns when ctx ends. A poll
// interval is a rate, not a reading of session time, so it uses a ticker.
func (s *session) watchOthers(ctx context.Context, every time.Duration) {
	w, err := s.store.NewWatcher(ctx)
	if err != nil {
		return
	}
	defer w.Close()
	t := time.NewTicker(every)
	defer t.Stop()
	behind := false
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		changed, err := w.Changed(ctx)
		if err != nil || !changed && !behind {
			continue
		}
		behind, _ = s.pollOnce(ctx)
	}
}

// markPublished starts the record at the file's newest rows: the console
// reads the store itself when it starts. Call it before the console does,
// so nothing committed in between is missed.
func (s *session) markPublished(ctx context.Context) error {
	m, e, err := s.store.LastIDs(ctx)
	if err != nil {
		return err
	}
	alerts, err := s.store.Alerts(ctx, time.Time{})
	if err != nil {
		return err
	}
	s.seen.mu.Lock()
	defer s.seen.mu.Unlock()
	s.seen.mention, s.seen.event = max(s.seen.mention, m), max(s.seen.event, e)
	if s.seen.alerts == nil {
		s.seen.alerts = make(map[int64]alertSignature)
	}
	for _, a := range alerts {
		s.seen.alerts[a.ID] = signature(a)
	}
	return nil
}

// pollOnce sends what is in the file and not yet published. It reports
// whether a full batch of mentions came back, so more may be waiting.
func (s *session) pollOnce(ctx context.Context) (behind bool, err error) {
	s.seen.mu.Lock()
	defer s.seen.mu.Unlock()
	ms, err := s.store.MentionsAfter(ctx, s.seen.mention, watchBatch)
	if err != nil {
		return false, err
	}
	evs, err := s.store.EventsAfter(ctx, s.seen.event)
	if err != nil {
		return false, err
	}
	alerts, err := s.store.Alerts(ctx, time.Time{})
	if err != nil {
		return false, err
	}
	s.publishLocked(ui.Update{Mentions: ms, Events: evs, Alerts: alerts})
	return len(ms) == watchBatch, nil
}
