//go:build linux

package report

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// chromium finds a headless-capable Chromium: $WARROOM_CHROMIUM, Debian's
// /usr/bin/chromium, or chromium / chromium-browser on the PATH.
func chromium() string {
	if p := os.Getenv("WARROOM_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// runChromium runs one headless Chromium with a throwaway profile and no
// network chatter of its own, and returns its stderr log. The whole process
// group is killed on timeout, so no renderer is left behind.
func runChromium(t *testing.T, ctx context.Context, bin string, args ...string) (stdout, log []byte) {
	t.Helper()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--disable-dev-shm-usage", "--user-data-dir=" + t.TempDir(), "--enable-logging=stderr", "--v=0"}
	cmd := exec.CommandContext(ctx, bin, append(base, args...)...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 5 * time.Second
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium %v: %v (ctx: %v)\n%s", args, err, ctx.Err(), tail(errb.String(), 3000))
	}
	return out.Bytes(), errb.Bytes()
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}

// consoleErrors returns the log lines that show the page misbehaving (a
// script error, or a console message: the page has no script, so any is
// wrong) or trying to load something the CSP refused.
func consoleErrors(log []byte) []string {
	var bad []string
	for _, line := range strings.Split(string(log), "\n") {
		if strings.Contains(line, "CONSOLE") || strings.Contains(line, "Uncaught") ||
			strings.Contains(line, "Content Security Policy") || strings.Contains(line, "net::ERR_") {
			bad = append(bad, line)
		}
	}
	return bad
}

// TestHTMLInChromium opens the report in a real browser: it must render to
// a screenshot that is not blank, with a clean console, and the DOM must
// hold both charts.
func TestHTMLInChromium(t *testing.T) {
	bin := chromium()
	if bin == "" {
		t.Skip("chromium not found ($WARROOM_CHROMIUM, /usr/bin/chromium, chromium, chromium-browser): " +
			"install Debian's chromium package to run this test (CI does)")
	}
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	for _, lang := range []string{LangEN, LangZH} {
		t.Run(lang, func(t *testing.T) {
			dir := t.TempDir()
			page := filepath.Join(dir, "report.html")
			if err := os.WriteFile(page, []byte(renderHTML(t, lang)), 0o644); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
			defer cancel()

			shot := filepath.Join(dir, "shot.png")
			_, log := runChromium(t, ctx, bin, "--screenshot="+shot, "--window-size=1200,2000", "file://"+page)
			if bad := consoleErrors(log); len(bad) > 0 {
				t.Errorf("browser log has errors:\n%s", strings.Join(bad, "\n"))
			}
			f, err := os.Open(shot)
			if err != nil {
				t.Fatalf("no screenshot: %v\n%s", err, tail(string(log), 3000))
			}
			defer f.Close()
			img, err := png.Decode(f)
			if err != nil {
				t.Fatalf("screenshot: %v", err)
			}
			b := img.Bounds()
			if b.Dx() < 100 || b.Dy() < 100 {
				t.Fatalf("screenshot is %v", b)
			}
			// Grey-level variance over a grid of samples: a blank or
			// single-colour page has none.
			var n, sum, sq float64
			for y := b.Min.Y; y < b.Max.Y; y += 4 {
				for x := b.Min.X; x < b.Max.X; x += 4 {
					r, g, bl, _ := img.At(x, y).RGBA()
					v := float64(r+g+bl) / 3 / 257
					n, sum, sq = n+1, sum+v, sq+v*v
				}
			}
			mean := sum / n
			if variance := sq/n - mean*mean; variance < 50 {
				t.Errorf("screenshot looks flat: mean %.1f, variance %.1f", mean, variance)
			}

			if lang != LangEN {
				return // the DOM is the same shape in both languages; one browser run saved
			}
			dom, log := runChromium(t, ctx, bin, "--dump-dom", "file://"+page)
			if bad := consoleErrors(log); len(bad) > 0 {
				t.Errorf("browser log has errors:\n%s", strings.Join(bad, "\n"))
			}
			for _, want := range []string{`id="chart-volume"`, `id="chart-recovery"`, "<polyline", `id="trust"`} {
				if !bytes.Contains(dom, []byte(want)) {
					t.Errorf("DOM lacks %s", want)
				}
			}
			if bytes.Contains(dom, []byte("<script")) {
				t.Error("DOM has a script element: a stranger's text became markup")
			}
		})
	}
}
