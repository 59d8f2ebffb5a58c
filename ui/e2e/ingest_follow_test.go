package e2e

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"warroom/data"
)

// ingest --follow reads every named file beside the others, and --listen
// serves the webhook at the same time, until interrupted.
func TestIngestFollowsEveryFileAndListens(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test skipped in -short mode")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "i.db")
	a, b := filepath.Join(dir, "a.jsonl"), filepath.Join(dir, "b.jsonl")
	os.WriteFile(a, []byte(`{"platform":"weibo","id":"a1","text":"第一个文件"}`+"\n"), 0o644)
	os.WriteFile(b, []byte(`{"platform":"douyin","id":"b1","text":"第二个文件"}`+"\n"), 0o644)
	addr := freePort(t)
	cmd := exec.Command(binary(t), "ingest", "--db", db, "--follow", "--no-alerts", "--listen", addr, a, b)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	postMentions(t, addr, `{"platform":"zhihu","id":"w1","text":"从网络钩子来的"}`)
	deadline := time.Now().Add(10 * time.Second)
	for {
		n := countMentions(t, db)
		if n == 3 {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("stored %d of 3 mentions; stderr:\n%s", n, errb.String())
		}
		time.Sleep(200 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGINT)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("ingest did not stop cleanly: %v\n%s", err, errb.String())
		}
	case <-time.After(20 * time.Second):
		cmd.Process.Kill()
		t.Fatal("ingest did not stop on Ctrl-C")
	}
	if !strings.Contains(out.String(), "stored 3") {
		t.Errorf("summary: %s", out.String())
	}
}

func countMentions(t *testing.T, db string) int {
	t.Helper()
	st, err := data.OpenReadOnly(db)
	if err != nil {
		return 0 // not created yet
	}
	defer st.Close()
	ms, err := st.Mentions(context.Background(), data.MentionFilter{})
	if err != nil {
		return 0
	}
	return len(ms)
}
