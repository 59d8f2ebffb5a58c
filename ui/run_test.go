package ui

import (
	"bytes"
	"context"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"warroom/model"
	"warroom/ui/i18n"
)

// syncBuffer is a bytes.Buffer safe to read while the program writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestRunSmoke runs the real program on a fake terminal: it starts, draws
// the incident, takes a live update and a key, and quits on q.
func TestRunSmoke(t *testing.T) {
	pr, pw := io.Pipe()
	defer pw.Close()
	var out syncBuffer
	ch := make(chan Update, 1)
	opts := Options{Backend: fixture(), Updates: ch, Clock: model.NewManualClock(t0), Lang: i18n.EN, Location: cst,
		Operator: model.Actor{Name: "王芳"}, DefaultClocks: defaultClocks()}
	t.Setenv("NO_COLOR", "1")
	done := make(chan error, 1)
	go func() {
		done <- Run(context.Background(), opts, tea.WithInput(pr), tea.WithOutput(&out), tea.WithWindowSize(120, 40), tea.WithoutSignals())
	}()
	waitFor := func(s string) {
		t.Helper()
		deadline := time.Now().Add(5 * time.Second)
		for !strings.Contains(out.String(), s) {
			if time.Now().After(deadline) {
				t.Fatalf("never drew %q", s)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	waitFor("Chicken wing incident")
	ch <- Update{Mentions: []*model.Mention{{ID: 500, Platform: model.Weibo, AuthorName: "直播", Text: "live row arrives", CreatedAt: t0}}}
	waitFor("live row arrives")
	if _, err := pw.Write([]byte("q")); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("q did not quit the program")
	}
}

func TestRunNeedsBackend(t *testing.T) {
	if err := Run(context.Background(), Options{}); err == nil {
		t.Fatal("Run without a backend succeeded")
	}
}
