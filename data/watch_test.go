package data

import (
	"path/filepath"
	"testing"

	"warroom/model"
)

// TestWatcherSeesOtherWriters: a second store on the same file stands for
// another process (an ingest in another terminal); the watcher notices its
// commits, and what was added can be read by id and seq.
func TestWatcherSeesOtherWriters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "incident.db")
	mine, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer mine.Close()
	w, err := mine.NewWatcher(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if changed, err := w.Changed(ctx); err != nil || changed {
		t.Fatalf("nothing written yet: changed %v, %v", changed, err)
	}
	lastM, lastE, err := mine.LastIDs(ctx)
	if err != nil || lastM != 0 || lastE != 0 {
		t.Fatalf("empty file: last ids %d, %d, %v", lastM, lastE, err)
	}

	other, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	ow, _ := newWriter(t, other, WriterOptions{})
	ow.Mention(mention(model.Weibo, "a", "另一个终端导入的帖子", t0))
	ow.Mention(mention(model.Douyin, "b", "第二条", t0))
	ow.Event(model.NewEvent(t0, model.KindCreated, "ingest", model.IncidentPayload{Name: "x"}))
	flush(t, ow)

	if changed, err := w.Changed(ctx); err != nil || !changed {
		t.Fatalf("after another store committed: changed %v, %v", changed, err)
	}
	if changed, _ := w.Changed(ctx); changed {
		t.Fatal("changed twice for one commit")
	}
	ms, err := mine.MentionsAfter(ctx, 0, 10)
	if err != nil || len(ms) != 2 || ms[0].ExternalID != "a" || ms[1].ExternalID != "b" {
		t.Fatalf("mentions after 0: %v, %v", ms, err)
	}
	if ms, _ := mine.MentionsAfter(ctx, ms[0].ID, 10); len(ms) != 1 || ms[0].ExternalID != "b" {
		t.Fatalf("mentions after the first: %v", ms)
	}
	evs, err := mine.EventsAfter(ctx, 0)
	if err != nil || len(evs) != 1 || evs[0].Kind != model.KindCreated {
		t.Fatalf("events after 0: %v, %v", evs, err)
	}
	lastM, lastE, _ = mine.LastIDs(ctx)
	if lastM != ms[1].ID || lastE != evs[0].Seq {
		t.Fatalf("last ids %d, %d; want %d, %d", lastM, lastE, ms[1].ID, evs[0].Seq)
	}
}
