package follow

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func appendTo(t *testing.T, path, s string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(s); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

// readLines collects lines from the follower in the background.
func readLines(r *Reader) <-chan string {
	ch := make(chan string, 100)
	go func() {
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			ch <- sc.Text()
		}
		close(ch)
	}()
	return ch
}

func expect(t *testing.T, ch <-chan string, want ...string) {
	t.Helper()
	for _, w := range want {
		select {
		case got := <-ch:
			if got != w {
				t.Fatalf("got line %q, want %q", got, w)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("timed out waiting for %q", w)
		}
	}
}

func TestFollowGrowTruncateRotate(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "feed.jsonl")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	r := Open(ctx, path, Options{Poll: 5 * time.Millisecond, FromStart: true}) // file does not exist yet
	lines := readLines(r)
	appendTo(t, path, "one\n")
	expect(t, lines, "one")
	appendTo(t, path, "two\nthree\n")
	expect(t, lines, "two", "three")

	// Truncation: a logger that starts the file again.
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	time.Sleep(30 * time.Millisecond)
	appendTo(t, path, "four\n")
	expect(t, lines, "four")

	// Rotation: the file is renamed away and a new one takes its name.
	if err := os.Rename(path, path+".1"); err != nil {
		t.Fatal(err)
	}
	appendTo(t, path, "five\n")
	expect(t, lines, "five")
	appendTo(t, path, "six\n")
	expect(t, lines, "six")

	cancel()
	select {
	case _, ok := <-lines:
		if ok {
			t.Fatal("unexpected extra line")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("reader did not stop when the context ended")
	}
	if r.Rotated != 1 || r.Truncate != 1 {
		t.Errorf("rotated %d truncated %d, want 1 and 1", r.Rotated, r.Truncate)
	}
	r.Close()
}

func TestFollowFromEnd(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f")
	appendTo(t, path, "old\n")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	r := Open(ctx, path, Options{Poll: 5 * time.Millisecond})
	lines := readLines(r)
	appendTo(t, path, "new\n")
	expect(t, lines, "new")
}
