package metrics

import (
	"slices"
	"strconv"
	"time"

	"warroom/model"
)

// folded is the event log replayed up to AsOf, with what the final State
// forgets: every level change and every review round, not just the last.
type folded struct {
	state      *model.State
	skipped    []string
	levels     []LevelChange
	entries    []Entry // from the log, in log order
	statements map[string]*StatementHistory
	order      []string // statement ids as drafted
}

// fold replays events one by one, keeping only those the domain accepts, so
// the measures agree with what the console showed.
func fold(events []model.Event, asOf time.Time) *folded {
	f := &folded{state: model.NewState(), statements: map[string]*StatementHistory{}}
	for _, e := range events {
		if e.At.After(asOf) {
			break // the log is in time order; model.Fold stops the same way
		}
		prev := f.state.Incident
		if err := f.state.Apply(e); err != nil {
			f.skipped = append(f.skipped, err.Error())
			continue
		}
		f.record(e, prev)
	}
	// A review still open at AsOf is pending, not lost.
	for _, h := range f.statements {
		if n := len(h.Reviews); n > 0 && h.Reviews[n-1].Outcome == "" {
			h.Reviews[n-1].Outcome = ReviewPending
		}
	}
	return f
}

func (f *folded) record(e model.Event, prev model.Incident) {
	in := f.state.Incident
	add := func(en Entry) {
		en.At, en.Actor = e.At, e.Actor
		f.entries = append(f.entries, en)
	}
	switch e.Kind {
	case model.KindDeclared:
		f.levels = append(f.levels, LevelChange{At: e.At, From: prev.Level, To: in.Level, Actor: e.Actor, Declared: true})
		add(Entry{Kind: EntryDeclared, Level: in.Level, Detail: in.Scenario})
	case model.KindLevel:
		var p model.LevelPayload
		_ = e.Decode(&p) // Apply already decoded it
		f.levels = append(f.levels, LevelChange{At: e.At, From: prev.Level, To: in.Level, Actor: e.Actor, Reason: p.Reason})
		add(Entry{Kind: EntryLevel, Level: in.Level, FromLevel: prev.Level, Detail: p.Reason})
	case model.KindStatus:
		if in.Status != prev.Status {
			add(Entry{Kind: EntryStatus, Detail: string(in.Status)})
		}
	case model.KindDraft, model.KindSubmit, model.KindWithdraw, model.KindPublish:
		var p model.StatementPayload
		_ = e.Decode(&p)
		f.statementStep(e, p.ID, "", add)
	case model.KindApprove, model.KindReject:
		var p model.ReviewPayload
		_ = e.Decode(&p)
		f.statementStep(e, p.ID, p.Comment, add)
	}
}

func (f *folded) statementStep(e model.Event, id, comment string, add func(Entry)) {
	st := f.state.Statement(id)
	if st == nil {
		return
	}
	h := f.statements[id]
	if h == nil {
		h = &StatementHistory{ID: id, Author: st.Author, DraftedAt: st.CreatedAt}
		f.statements[id] = h
		f.order = append(f.order, id)
	}
	h.Kind, h.Platform, h.Status = st.Kind, st.Platform, st.Status
	en := Entry{Ref: id, StatementKind: st.Kind, Platform: st.Platform}
	switch e.Kind {
	case model.KindDraft:
		en.Kind = EntryDrafted
	case model.KindSubmit:
		en.Kind = EntrySubmitted
		h.Reviews = append(h.Reviews, Review{SubmittedAt: e.At})
	case model.KindWithdraw:
		en.Kind = EntryWithdrawn
		if n := len(h.Reviews); n > 0 {
			h.Reviews[n-1].Outcome = ReviewWithdrawn
		}
	case model.KindApprove, model.KindReject:
		en.Kind, en.Detail = EntryApproved, comment
		outcome := ReviewApproved
		if e.Kind == model.KindReject {
			en.Kind, outcome = EntryRejected, ReviewRejected
		}
		if n := len(h.Reviews); n > 0 {
			rv := &h.Reviews[n-1]
			rv.DecidedAt, rv.Outcome, rv.Reviewer, rv.Comment = e.At, outcome, e.Actor, comment
			en.Duration = rv.Turnaround()
		}
	case model.KindPublish:
		en.Kind, en.Platform = EntryPublished, st.PublishedOn
		h.PublishedAt, h.PublishedOn, h.Publisher = st.PublishedAt, st.PublishedOn, st.Publisher
	}
	add(en)
}

func (f *folded) statementList() []StatementHistory {
	out := make([]StatementHistory, 0, len(f.order))
	for _, id := range f.order {
		out = append(out, *f.statements[id])
	}
	return out
}

// timeline merges detection moments, the log's notable steps and clock
// outcomes into one list in time order (stable, so simultaneous steps keep
// the order they were logged in).
func timeline(f *folded, d Detection, clocks []ClockOutcome, tasks []TaskOutcome, asOf time.Time) []Entry {
	var out []Entry
	if d.SpikeFound {
		out = append(out, Entry{At: d.Spike.At, Kind: EntrySpike, Count: d.Spike.Negative})
	}
	if d.FirstAlert != nil {
		a := d.FirstAlert
		out = append(out, Entry{At: a.At, Kind: EntryAlert, Ref: strconv.FormatInt(a.ID, 10), Detail: a.Rule, Level: a.Level, Platform: a.Platform})
	}
	if !d.FirstAck.IsZero() {
		out = append(out, Entry{At: d.FirstAck, Kind: EntryAck, Actor: d.AckedBy})
	}
	out = append(out, f.entries...)
	for _, c := range clocks {
		switch {
		case c.State == model.ClockMet:
			if c.Late {
				out = append(out, Entry{At: c.Deadline, Kind: EntryBreached, Ref: c.ID, Detail: c.Name})
			}
			// A clock met before its anchor is shown at its anchor: that is
			// when it would have started.
			at := c.MetAt
			if !c.AnchorAt.IsZero() && at.Before(c.AnchorAt) {
				at = c.AnchorAt
			}
			out = append(out, Entry{At: at, Kind: EntryClockMet, Actor: c.MetActor, Ref: c.ID, Detail: c.Name, Duration: c.Margin})
		case c.State == model.ClockBreached && !c.Deadline.After(asOf):
			out = append(out, Entry{At: c.Deadline, Kind: EntryBreached, Ref: c.ID, Detail: c.Name, Duration: c.Margin})
		}
	}
	for _, t := range tasks {
		if !t.DoneAt.IsZero() {
			out = append(out, Entry{At: t.DoneAt, Kind: EntryTaskLate, Actor: t.Assignee, Ref: t.ID, Detail: t.Title, Duration: t.Late})
		}
	}
	slices.SortStableFunc(out, func(x, y Entry) int { return x.At.Compare(y.At) })
	return out
}
