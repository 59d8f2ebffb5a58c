package data

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"warroom/model"
)

const crashEnv = "WARROOM_CRASH_CHILD"

// TestCrash kills a writing process mid-stream and checks that the file
// is intact and holds every batch the process saw committed.
func TestCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a child process")
	}
	path := filepath.Join(t.TempDir(), "crash.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashEnv+"="+path)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Read committed ids until well into the stream, indexing included,
	// then kill without warning.
	var committed int64
	lines := 0
	sc := bufio.NewScanner(out)
	for lines < 40 && sc.Scan() {
		id, err := strconv.ParseInt(sc.Text(), 10, 64)
		if err != nil {
			continue // not ours (the test framework's output)
		}
		committed = max(committed, id)
		lines++
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	if lines < 40 {
		t.Fatalf("child reported only %d commits", lines)
	}

	s := openChecked(t, path)
	for _, fts := range []string{"mention_fts", "mention_author"} {
		if _, err := s.wdb.Exec(`INSERT INTO ` + fts + ` (` + fts + `) VALUES ('integrity-check')`); err != nil {
			t.Errorf("%s integrity: %v", fts, err)
		}
	}
	var upTo, total, stat, minutes, upto, severe, wantSevere, listed, wantListed, replies, wantReplies int64
	s.reader().db.QueryRow(`SELECT count(*) FROM mention WHERE id <= ?`, committed).Scan(&upTo)
	s.reader().db.QueryRow(`SELECT count(*) FROM mention`).Scan(&total)
	s.reader().db.QueryRow(`SELECT total FROM mention_stat`).Scan(&stat)
	s.reader().db.QueryRow(`SELECT sum(total) FROM mention_minute`).Scan(&minutes)
	s.reader().db.QueryRow(`SELECT upto FROM mention_index_state`).Scan(&upto)
	s.reader().db.QueryRow(`SELECT count(*) FROM mention_severe`).Scan(&severe)
	s.reader().db.QueryRow(`SELECT count(*) FROM mention WHERE severity >= ? AND id <= ?`, SevereMin, upto).Scan(&wantSevere)
	s.reader().db.QueryRow(`SELECT count(*) FROM mention_by_platform`).Scan(&listed)
	s.reader().db.QueryRow(`SELECT count(*) FROM mention WHERE id <= ?`, upto).Scan(&wantListed)
	s.reader().db.QueryRow(`SELECT count(*) FROM mention_by_parent`).Scan(&replies)
	s.reader().db.QueryRow(`SELECT count(*) FROM mention WHERE parent_id IS NOT NULL AND id <= ?`, upto).Scan(&wantReplies)
	t.Logf("child reported up to id %d; file holds %d, indexed up to %d", committed, total, upto)
	if upTo != committed {
		t.Errorf("%d of the %d reported mentions survived", upTo, committed)
	}
	// The count tables are written in the same transactions as mentions,
	// the side tables in the same ones as the search index.
	if stat != total || minutes != total {
		t.Errorf("counts out of step: %d mentions, stat %d, minutes %d", total, stat, minutes)
	}
	if severe != wantSevere || listed != wantListed || replies != wantReplies {
		t.Errorf("side tables out of step with the index mark %d: severe %d of %d, by platform %d of %d, replies %d of %d",
			upto, severe, wantSevere, listed, wantListed, replies, wantReplies)
	}
	if upto == 0 {
		t.Error("the child never indexed: the crash did not cover indexing")
	}
	// The next session carries on: the writer starts and catches up.
	w, _ := newWriter(t, s, WriterOptions{})
	w.Mention(mention(model.Weibo, "after-crash", "崩溃之后的第一条异物投诉", time.Now()))
	flush(t, w)
	if got, err := s.Mentions(ctx, MentionFilter{Query: "崩溃之后"}); err != nil || len(got) != 1 {
		t.Errorf("after restart: %v, %v", got, err)
	}
}

// TestCrashChild is the process TestCrash kills: it writes mentions and an
// event now and then as fast as it can, and prints the last id of every
// commit once it is committed.
func TestCrashChild(t *testing.T) {
	path := os.Getenv(crashEnv)
	if path == "" {
		t.Skip("run by TestCrash")
	}
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	w := s.NewWriter(WriterOptions{MaxBatch: 500, IndexLag: 3000, IndexBatch: 2000, OnCommit: func(c Commit) {
		if n := len(c.Mentions); n > 0 {
			fmt.Println(c.Mentions[n-1].ID) // os.Stdout is unbuffered: the line is out once printed
		}
	}})
	if err := w.Err(); err != nil {
		t.Fatal(err)
	}
	g := newMentionGen(9, time.Now())
	deadline := time.Now().Add(2 * time.Minute) // never outlive a parent that died
	for i := 0; time.Now().Before(deadline); i++ {
		m := g.next()
		if i%5 == 1 { // a reply to the post before, so threads are in the crash too
			m.ParentID = fmt.Sprintf("%016d", 4_800_000_000_000_000+g.n-1)
		}
		w.Mention(m)
		if i%1000 == 0 {
			w.Event(model.NewEvent(time.Now(), model.KindNote, "child", model.NotePayload{Section: model.NoteAction, Text: fmt.Sprint(i)}))
		}
	}
}
