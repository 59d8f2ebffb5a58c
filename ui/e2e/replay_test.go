package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// The analyst's replay: the file plays back, pauses, jumps to events of
// note and seeks, and is byte for byte the same afterwards, with no WAL or
// shared-memory file left beside it.
func TestReplayIsReadOnlyAndControllable(t *testing.T) {
	bin := binary(t)
	db := filepath.Join(t.TempDir(), "r.db")
	if _, errOut, code := runBin(t, "", "drill", "food-safety", "--seed", "5", "--headless", "--for", "3h", "--db", db); code != 0 {
		t.Fatalf("headless drill: %s", errOut)
	}
	before := fileSum(t, db)

	tm := start(t, 160, 45, enEnv, fmt.Sprintf("%s replay %s --lang en --speed 600", bin, db))
	tm.waitFor(10*time.Second, "REPLAY", "read-only", "PLAYING 600x")
	tm.keys("Space")
	tm.waitFor(5*time.Second, "PAUSED")
	tm.keys("]")
	tm.waitFor(5*time.Second, "ALERT")
	tm.keys("+")
	tm.waitFor(5*time.Second, "1200x")
	tm.keys("g")
	tm.waitFor(5*time.Second, "Go to time")
	tm.text("+2h")
	tm.keys("Enter")
	tm.waitFor(5*time.Second, "+02:00:00")
	// Writing is refused: the declare key does nothing but say so.
	tm.keys("2", "D")
	tm.pause()
	if s := tm.screen(); contains(s, "Declare incident") {
		t.Errorf("a replay offered to declare:\n%s", s)
	}
	tm.keys("q")
	tm.waitFor(10*time.Second, "EXITED:0")

	if fileSum(t, db) != before {
		t.Error("replay changed the incident file")
	}
	for _, side := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(db + side); err == nil {
			t.Errorf("replay left %s beside the file", side)
		}
	}
}
