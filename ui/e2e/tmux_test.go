package e2e

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// binary builds warroom once per test run, as a static binary like the
// one users get.
func binary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "warroom-e2e-")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "warroom")
		cmd := exec.Command("go", "build", "-o", binPath, "warroom")
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

// term is one tmux session running the binary.
type term struct {
	t      *testing.T
	socket string
	name   string
}

func needTmux(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed: the end-to-end tests drive the binary in tmux (apt-get install tmux)")
	}
	if testing.Short() {
		t.Skip("end-to-end test skipped in -short mode")
	}
}

// start runs cmdline in a detached tmux session of the given size. The
// session has its own server socket, so tests never touch a user's tmux.
func start(t *testing.T, w, h int, env []string, cmdline string) *term {
	t.Helper()
	needTmux(t)
	tm := &term{t: t, socket: filepath.Join(t.TempDir(), "tmux.sock"), name: "e2e"}
	args := []string{"-S", tm.socket, "-f", "/dev/null", "new-session", "-d", "-s", tm.name,
		"-x", fmt.Sprint(w), "-y", fmt.Sprint(h)}
	for _, e := range env {
		args = append(args, "-e", e)
	}
	// Keep the pane after the program exits so its last words can be read.
	args = append(args, cmdline+"; echo EXITED:$?; sleep 30")
	if out, err := exec.Command("tmux", args...).CombinedOutput(); err != nil {
		t.Fatalf("tmux new-session: %v\n%s", err, out)
	}
	t.Cleanup(func() { _ = exec.Command("tmux", "-S", tm.socket, "kill-server").Run() })
	return tm
}

func (tm *term) tmux(args ...string) string {
	tm.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-S", tm.socket}, args...)...).CombinedOutput()
	if err != nil {
		tm.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

// keys sends tmux key names ("Enter", "Tab", "q", "C-c") or literal text
// with literal=true.
func (tm *term) keys(keys ...string) {
	tm.t.Helper()
	tm.tmux(append([]string{"send-keys", "-t", tm.name}, keys...)...)
}

func (tm *term) text(s string) {
	tm.t.Helper()
	tm.tmux("send-keys", "-t", tm.name, "-l", s)
}

func (tm *term) screen() string {
	tm.t.Helper()
	return tm.tmux("capture-pane", "-t", tm.name, "-p")
}

// waitFor polls the screen until it contains every string, and fails with
// the last screen after timeout.
func (tm *term) waitFor(timeout time.Duration, want ...string) string {
	tm.t.Helper()
	deadline := time.Now().Add(timeout)
	var s string
	for {
		s = tm.screen()
		ok := true
		for _, w := range want {
			if !strings.Contains(s, w) {
				ok = false
				break
			}
		}
		if ok {
			return s
		}
		if time.Now().After(deadline) {
			tm.t.Fatalf("screen never showed %q; last screen:\n%s", want, s)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// waitGone polls until the screen no longer contains s.
func (tm *term) waitGone(timeout time.Duration, s string) string {
	tm.t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		sc := tm.screen()
		if !strings.Contains(sc, s) {
			return sc
		}
		if time.Now().After(deadline) {
			tm.t.Fatalf("screen still shows %q; last screen:\n%s", s, sc)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// lines returns the screen's lines without trailing spaces.
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
		out = append(out, string(bytes.TrimRight([]byte(l), " ")))
	}
	return out
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }
