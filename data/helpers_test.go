package data

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"warroom/model"
)

var t0 = time.Date(2026, 3, 15, 8, 0, 0, 0, time.UTC)

// openTest opens a new store in a temporary directory, closed at cleanup.
func openTest(t testing.TB) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "incident.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// recorder collects every Commit a writer reports.
type recorder struct {
	mu      sync.Mutex
	commits []Commit
}

func (r *recorder) on(c Commit) {
	r.mu.Lock()
	r.commits = append(r.commits, c)
	r.mu.Unlock()
}

// total merges everything recorded so far.
func (r *recorder) total() Commit {
	r.mu.Lock()
	defer r.mu.Unlock()
	var all Commit
	for _, c := range r.commits {
		all.add(c)
	}
	return all
}

func newWriter(t testing.TB, s *Store, opts WriterOptions) (*Writer, *recorder) {
	t.Helper()
	rec := &recorder{}
	opts.OnCommit = rec.on
	w := s.NewWriter(opts)
	if err := w.Err(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return w, rec
}

func flush(t testing.TB, w *Writer) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := w.Flush(ctx); err != nil {
		t.Fatal(err)
	}
}

// mention builds a small valid mention.
func mention(p model.Platform, ext, text string, at time.Time) *model.Mention {
	return &model.Mention{Platform: p, ExternalID: ext, Text: text, RawText: text, CreatedAt: at.Add(-time.Minute),
		IngestedAt: at, Source: "test"}
}

var ctx = context.Background()

// openChecked opens an existing file live (migrating it) and fails the
// test unless SQLite finds it sound. The store is closed with the test.
func openChecked(t *testing.T, path string) *Store {
	t.Helper()
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	var check string
	if err := s.wdb.QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check: %q, %v", check, err)
	}
	return s
}

// mentionIDs runs a mention query and returns the ids, in its order.
func mentionIDs(t *testing.T, s *Store, f MentionFilter) []int64 {
	t.Helper()
	ms, err := s.Mentions(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	var out []int64
	for _, m := range ms {
		out = append(out, m.ID)
	}
	return out
}
