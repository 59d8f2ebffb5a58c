package main

import (
	"context"
	"testing"
	"time"

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
