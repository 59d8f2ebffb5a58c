package main

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"warroom/data"
	"warroom/model"
	"warroom/ui"
)

// TestPublishSendsEachThingOnce: the session's own commits and the poll of
// the file overlap; the console gets every mention and event once, in
// order, and an alert again only when it changed.
func TestPublishSendsEachThingOnce(t *testing.T) {
	s := &session{hub: ui.NewHub()}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s.hub.Attach()
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	m := func(id int64) *model.Mention { return &model.Mention{ID: id} }
	e := func(seq int64) model.Event {
		ev := model.NewEvent(at, model.KindNote, "x", nil)
		ev.Seq = seq
		return ev
	}
	alert := &model.Alert{ID: 1, Level: model.LevelBlue, UpdatedAt: at}

	s.publish(ui.Update{Mentions: []*model.Mention{m(1), m(2)}, Events: []model.Event{e(1)}, Alerts: []*model.Alert{alert}})
	s.publish(ui.Update{Mentions: []*model.Mention{m(2), m(3)}, Events: []model.Event{e(1), e(2)}})
	// Read back from the file: the same alert, its times at millisecond precision.
	same := *alert
	same.UpdatedAt = at.Add(300 * time.Microsecond)
	s.publish(ui.Update{Alerts: []*model.Alert{&same}})
	escalated := *alert
	escalated.Level = model.LevelYellow
	s.publish(ui.Update{Alerts: []*model.Alert{&escalated}})

	go s.hub.Run(ctx)
	var got ui.Update
	select {
	case got = <-s.hub.Updates():
	case <-time.After(5 * time.Second):
		t.Fatal("nothing delivered")
	}
	var ids, seqs []int64
	for _, x := range got.Mentions {
		ids = append(ids, x.ID)
	}
	for _, x := range got.Events {
		seqs = append(seqs, x.Seq)
	}
	if len(ids) != 3 || ids[0] != 1 || ids[2] != 3 || len(seqs) != 2 || seqs[1] != 2 {
		t.Errorf("mentions %v, events %v; want 1 2 3 and 1 2, once each", ids, seqs)
	}
	if len(got.Alerts) != 2 || got.Alerts[1].Level != model.LevelYellow {
		t.Errorf("alerts %d; want the first and its escalation", len(got.Alerts))
	}
}

// TestOwnCommitsWaitForOthers: another process commits between two of this
// process's commits. The console must get the other's event and mention,
// and everything in file order, once.
func TestOwnCommitsWaitForOthers(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "x.db")
	mine, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer mine.Close()
	s := &session{store: mine, hub: ui.NewHub()}
	s.hub.Attach()
	mw := mine.NewWriter(data.WriterOptions{OnCommit: func(c data.Commit) { s.publish(ui.Update{Events: c.Events}) }})
	defer mw.Close()
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	mention := func(id string) *model.Mention {
		return &model.Mention{Platform: model.Weibo, ExternalID: id, Text: id, RawText: id, CreatedAt: at, IngestedAt: at}
	}
	mw.Event(model.NewEvent(at, model.KindCreated, "me", model.IncidentPayload{Name: "x"}))
	if err := mw.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.markPublished(ctx); err != nil {
		t.Fatal(err)
	}

	other, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	ow := other.NewWriter(data.WriterOptions{})
	ow.Mention(mention("theirs"))
	ow.Event(model.NewEvent(at, model.KindNote, "other", model.NotePayload{Text: "theirs"}))
	if err := ow.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	ow.Close()
	// This process commits before its watcher's next tick.
	mw.Mention(mention("mine"))
	mw.Event(model.NewEvent(at, model.KindNote, "me", model.NotePayload{Text: "mine"}))
	if err := mw.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	ms, _ := mine.MentionsAfter(ctx, 0, 10)
	for _, m := range ms {
		if m.ExternalID == "mine" {
			s.publish(ui.Update{Mentions: []*model.Mention{m}}) // as the pipeline's Notify does
		}
	}
	select {
	case <-s.seen.kick:
	default:
		t.Fatal("own commits after a gap did not ask for a poll")
	}
	if _, err := s.pollOnce(ctx); err != nil {
		t.Fatal(err)
	}

	cctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go s.hub.Run(cctx)
	var seqs []int64
	var texts []string
	deadline := time.After(2 * time.Second)
	for len(seqs) < 3 || len(texts) < 2 {
		select {
		case u := <-s.hub.Updates():
			for _, e := range u.Events {
				seqs = append(seqs, e.Seq)
			}
			for _, m := range u.Mentions {
				texts = append(texts, m.Text)
			}
		case <-deadline:
			t.Fatalf("console got events %v and mentions %v; want seqs 1 2 3 and theirs, mine", seqs, texts)
		}
	}
	if !slices.Equal(seqs, []int64{1, 2, 3}) || !slices.Equal(texts, []string{"theirs", "mine"}) {
		t.Fatalf("console got events %v and mentions %v; want seqs 1 2 3 and theirs, mine, in file order", seqs, texts)
	}
}
