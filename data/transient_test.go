package data

import (
	"database/sql"
	"errors"
	"testing"
	"time"

	"warroom/model"
)

// Another process holding the file's write lock for longer than the busy
// timeout is the file's state, not the rows' fault: once the lock is gone
// every mention is stored, and none becomes a reject.
func TestLockedFileRetriesTheBatch(t *testing.T) {
	if testing.Short() {
		t.Skip("waits out a busy timeout")
	}
	s := openTest(t)
	w, rec := newWriter(t, s, WriterOptions{})
	other, err := sql.Open("sqlite", dsn(s.Path(), false))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	other.SetMaxOpenConns(1)
	tx, err := other.Begin() // _txlock=immediate: takes the write lock now
	if err != nil {
		t.Fatal(err)
	}
	for i := range 5 {
		w.Mention(mention(model.Weibo, string(rune('a'+i)), "锁住了也不能丢", t0))
	}
	// Longer than two busy timeouts: a row-by-row retry would have given up on a row.
	time.AfterFunc(2*busyTimeout+time.Second, func() { tx.Rollback() })
	flush(t, w)
	all := rec.total()
	if len(all.Mentions) != 5 || len(all.Rejects) != 0 || all.Err != nil {
		t.Fatalf("stored %d, rejected %d, err %v; want 5, 0, nil", len(all.Mentions), len(all.Rejects), all.Err)
	}
}

// An event the file refuses is a failure the caller hears about, never a
// silent warning: the console must not show an approval the file lacks.
func TestRefusedEventFails(t *testing.T) {
	s := openTest(t)
	w, rec := newWriter(t, s, WriterOptions{})
	if _, err := w.s.wdb.Exec(`CREATE TRIGGER no_notes BEFORE INSERT ON event WHEN NEW.kind = 'note.added'
		BEGIN SELECT RAISE(ABORT, 'disk says no'); END`); err != nil {
		t.Skipf("cannot install the trigger here: %v", err)
	}
	w.Event(model.NewEvent(t0, model.KindNote, "lead", model.NotePayload{Section: model.NoteWentWell, Text: "x"}))
	err := w.Flush(ctx)
	all := rec.total()
	if all.Err == nil || all.Failed != 1 || len(all.Events) != 0 {
		t.Fatalf("commit = err %v failed %d events %d; want the event reported failed", all.Err, all.Failed, len(all.Events))
	}
	if err == nil || !errors.Is(err, all.Err) && err.Error() == "" {
		t.Errorf("Flush = %v, want the failure", err)
	}
}

// SubmitEvents answers for exactly its own events: their Seq when stored,
// their failure when refused, and never another batch's.
func TestSubmitEventsAnswersForItsOwn(t *testing.T) {
	s := openTest(t)
	w, _ := newWriter(t, s, WriterOptions{})
	evs, err := w.SubmitEvents(ctx, []model.Event{
		model.NewEvent(t0, model.KindNote, "lead", model.NotePayload{Section: model.NoteWentWell, Text: "快"}),
		model.NewEvent(t0, model.KindNote, "lead", model.NotePayload{Section: model.NoteAction, Text: "改"}),
	})
	if err != nil || len(evs) != 2 || evs[0].Seq == 0 || evs[1].Seq != evs[0].Seq+1 {
		t.Fatalf("SubmitEvents = %+v, %v", evs, err)
	}
	a := &model.Alert{Key: "spike:all@x", Rule: model.RuleSpike, Level: model.LevelYellow, At: t0, Message: "m"}
	if err := w.SubmitAlert(ctx, a); err != nil || a.ID == 0 {
		t.Fatalf("SubmitAlert: id %d, %v", a.ID, err)
	}
	if _, err := w.s.wdb.Exec(`CREATE TRIGGER no_notes BEFORE INSERT ON event WHEN NEW.kind = 'note.added'
		BEGIN SELECT RAISE(ABORT, 'disk says no'); END`); err != nil {
		t.Skipf("cannot install the trigger here: %v", err)
	}
	if _, err := w.SubmitEvents(ctx, []model.Event{model.NewEvent(t0, model.KindNote, "lead",
		model.NotePayload{Section: model.NoteWentWell, Text: "x"})}); err == nil {
		t.Fatal("a refused event was reported stored")
	}
	// The failure above is the note's alone: a later, unrelated write is fine.
	if _, err := w.SubmitEvents(ctx, []model.Event{model.NewEvent(t0, model.KindLevel, "lead",
		model.LevelPayload{Level: model.LevelRed})}); err != nil {
		t.Fatalf("an unrelated write inherited the failure: %v", err)
	}
}
