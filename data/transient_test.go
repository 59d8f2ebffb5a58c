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
