package main

import (
	"cmp"
	"context"
	"slices"
	"sync"
	"time"

	"warroom/model"
	"warroom/ui"
)

// published is what the console has been sent, from this process's own
// commits and from other processes' (see watchOthers). Both paths go
// through it, so nothing reaches the console twice and events arrive in
// seq order, which the console relies on to skip the ones it has.
//
// Mention ids and event seqs are given out in commit order across every
// process writing the file. So while the file is watched, this process's
// own commits are sent only while they follow on from what was sent: a gap
// means another process committed in between, and the poll, which reads
// the file in order, sends both.
type published struct {
	mu       sync.Mutex
	watching bool                     // a poll fills gaps; without one, own commits go out as they come
	mention  int64                    // newest mention id sent
	event    int64                    // newest event seq sent
	alerts   map[int64]alertSignature // the version of each alert sent
	kick     chan struct{}            // asks the poll to run now: own commits found a gap
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

// publish sends the console what this process committed, less what was
// sent already; see published for what waits for the poll.
func (s *session) publish(u ui.Update) {
	s.seen.mu.Lock()
	defer s.seen.mu.Unlock()
	s.publishLocked(u, s.seen.watching)
}

// publishLocked sends u, less what was sent. With inOrder, mentions and
// events go out only while they continue the sequence sent; at a gap the
// rest is left to the poll, which is asked to run.
func (s *session) publishLocked(u ui.Update, inOrder bool) {
	p := &s.seen
	var out ui.Update
	gap := false
	ms := slices.SortedFunc(slices.Values(u.Mentions), func(a, b *model.Mention) int { return cmp.Compare(a.ID, b.ID) })
	for _, m := range ms {
		switch {
		case m.ID <= p.mention:
			continue
		case inOrder && m.ID != p.mention+1:
			gap = true
		}
		if gap {
			break
		}
		out.Mentions = append(out.Mentions, m)
		p.mention = m.ID
	}
	evGap := false
	for _, e := range u.Events { // the writer and the file give them in seq order
		if e.Seq <= p.event {
			continue
		}
		if inOrder && e.Seq != p.event+1 {
			evGap = true
			break
		}
		out.Events = append(out.Events, e)
		p.event = e.Seq
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
	if (gap || evGap) && p.kick != nil {
		select {
		case p.kick <- struct{}{}:
		default:
		}
	}
}

// watchBatch bounds how many mentions one poll reads: an import of a
// million rows in another terminal reaches the console a batch a poll.
const watchBatch = 5000

// watchOthers polls the file for commits made by other processes, such as
// `warroom ingest --db` in a second terminal or a second console, and sends
// what they added to this console. Call markPublished first. It returns
// when ctx ends. A poll interval is a rate, not a reading of session time,
// so it uses a ticker.
func (s *session) watchOthers(ctx context.Context, every time.Duration) {
	w, err := s.store.NewWatcher(ctx)
	if err != nil {
		s.stopWatching()
		return
	}
	defer w.Close()
	defer s.stopWatching()
	t := time.NewTicker(every)
	defer t.Stop()
	behind := false
	for {
		kicked := false
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-s.seen.kick:
			kicked = true
		}
		changed, err := w.Changed(ctx)
		if err != nil || !changed && !behind && !kicked {
			continue
		}
		behind, err = s.pollOnce(ctx)
		// A failed poll has used up the change it was told of: try again
		// at the next tick rather than wait for another commit.
		behind = behind || err != nil
	}
}

// stopWatching lets own commits go out as they come: no poll fills gaps.
func (s *session) stopWatching() {
	s.seen.mu.Lock()
	defer s.seen.mu.Unlock()
	s.seen.watching = false
}

// markPublished starts the record at the file's newest rows: the console
// reads the store itself when it starts. Call it before the console does,
// so nothing committed in between is missed, and before watchOthers.
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
	s.seen.watching = true
	s.seen.kick = make(chan struct{}, 1)
	return nil
}

// pollOnce sends what is in the file and not yet sent. It reads without
// holding the record, so the writer's own commits never wait on it, and
// reports whether a full batch of mentions came back (more may wait).
func (s *session) pollOnce(ctx context.Context) (behind bool, err error) {
	s.seen.mu.Lock()
	fromM, fromE := s.seen.mention, s.seen.event
	s.seen.mu.Unlock()
	ms, err := s.store.MentionsAfter(ctx, fromM, watchBatch)
	if err != nil {
		return false, err
	}
	evs, err := s.store.EventsAfter(ctx, fromE)
	if err != nil {
		return false, err
	}
	alerts, err := s.store.Alerts(ctx, time.Time{})
	if err != nil {
		return false, err
	}
	s.seen.mu.Lock()
	defer s.seen.mu.Unlock()
	// The file's rows come in order with nothing missing: they go out
	// whole, less what own commits sent meanwhile.
	s.publishLocked(ui.Update{Mentions: ms, Events: evs, Alerts: alerts}, false)
	return len(ms) == watchBatch, nil
}
