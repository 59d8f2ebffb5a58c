package e2e

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mattn/go-runewidth"

	"warroom/data"
	"warroom/feed/drill"
	"warroom/model"
)

func freePort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func postMentions(t *testing.T, addr, body string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		resp, err := http.Post("http://"+addr+"/mentions", "application/x-ndjson", strings.NewReader(body))
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode != 200 {
				t.Fatalf("webhook answered %d", resp.StatusCode)
			}
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("webhook never answered: %v", err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

var enEnv = []string{"LANG=C.UTF-8", "NO_COLOR=1", "TERM=xterm-256color"}

// The crisis lead's first minutes: mentions arrive over the webhook and are
// classified, the incident is declared from the default plan, a task moves,
// the console quits cleanly, and everything is in the file.
func TestLiveConsole(t *testing.T) {
	bin := binary(t)
	db := filepath.Join(t.TempDir(), "live.db")
	addr := freePort(t)
	tm := start(t, 200, 50, enEnv, fmt.Sprintf("%s --db %s --listen %s --lang en --as 张三", bin, db, addr))
	tm.waitFor(10*time.Second, "Feed", "Clocks", "Board")

	postMentions(t, addr, `{"platform":"weibo","id":"e1","author":"吃货小王","author_followers":1200000,"verified":true,"text":"鲜味坊外卖里吃出一根头发，恶心死了","created_at":"2026-11-20T09:30:00+08:00"}
{"platform":"douyin","id":"e2","author":"Lily","text":"今天的奶茶很好喝 😋","created_at":"2026-11-20T09:31:00+08:00"}`)
	s := tm.waitFor(10*time.Second, "吃出一根头发", "今天的奶茶很好喝", "2 matches")
	if !strings.Contains(s, "food") || !strings.Contains(s, "1.2M") {
		t.Errorf("the negative post should show its category and the author's reach:\n%s", s)
	}
	tm.waitFor(5*time.Second, "ALERT")

	// Declare: clocks panel, D, pick the first scenario, save.
	tm.keys("2", "D")
	tm.waitFor(5*time.Second, "Declare incident")
	tm.keys("Down", "Right", "Enter")
	tm.waitFor(5*time.Second, "Holding statement", "running", "todo (")

	// Move the first task to doing.
	tm.keys("3", "l")
	tm.waitFor(5*time.Second, "doing (1)")

	tm.keys("q")
	tm.waitFor(10*time.Second, "EXITED:0")

	st, err := data.OpenReadOnly(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	ms, err := st.Mentions(ctx, data.MentionFilter{})
	if err != nil || len(ms) != 2 {
		t.Fatalf("mentions in the file: %d %v", len(ms), err)
	}
	evs, err := st.Events(ctx, time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, e := range evs {
		kinds[e.Kind]++
	}
	for _, k := range []string{model.KindDeclared, model.KindClockAdd, model.KindTaskAdd, model.KindTaskMove, model.KindAlert} {
		if kinds[k] == 0 {
			t.Errorf("no %s event in the file (have %v)", k, kinds)
		}
	}
	state, errs := model.Fold(evs, time.Time{})
	if len(errs) > 0 {
		t.Errorf("fold: %v", errs)
	}
	doing := 0
	for _, tk := range state.Tasks {
		if tk.Status == model.TaskDoing {
			doing++
			if tk.Assignee == "" {
				t.Errorf("task %s has no owner from the team", tk.ID)
			}
		}
	}
	if doing != 1 {
		t.Errorf("%d tasks doing, want 1", doing)
	}
}

// --follow: lines appended to a file show up on the screen as they are written.
func TestFollowFile(t *testing.T) {
	bin := binary(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "f.db")
	src := filepath.Join(dir, "feed.jsonl")
	if err := os.WriteFile(src, []byte(`{"platform":"xhs","id":"f1","author":"小红","text":"第一条：客服态度太差","created_at":"2026-11-20 09:00:00"}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tm := start(t, 120, 40, enEnv, fmt.Sprintf("%s --db %s --follow %s --lang en", bin, db, src))
	tm.waitFor(10*time.Second, "第一条：客服态度太差")
	f, err := os.OpenFile(src, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintln(f, `{"platform":"zhihu","id":"f2","author":"知友","text":"第二条：如何评价这次的外卖异物事件？","created_at":"2026-11-20 09:05:00"}`)
	fmt.Fprintln(f, `{"platform":"weibo","id":"f3","text":`) // truncated: rejected, the rest goes on
	fmt.Fprintln(f, `{"platform":"weibo","id":"f4","author":"路人","text":"第四条：已经退款了","created_at":"2026-11-20 09:06:00"}`)
	f.Close()
	tm.waitFor(10*time.Second, "第二条", "第四条")
	tm.keys("q")
	tm.waitFor(10*time.Second, "EXITED:0")

	st, err := data.OpenReadOnly(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rs, err := st.Rejects(context.Background(), 10)
	if err != nil || len(rs) != 1 || rs[0].Line != 3 {
		t.Fatalf("rejects = %+v, %v; want the truncated line 3", rs, err)
	}
}

// A console sees what another process adds to its file: a batch imported
// with warroom ingest in a second terminal, and the alert it raised.
func TestConsoleSeesOtherWriters(t *testing.T) {
	bin := binary(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "live.db")
	tm := start(t, 120, 40, enEnv, fmt.Sprintf("%s --db %s --lang en", bin, db))
	tm.waitFor(10*time.Second, "LIVE")
	src := filepath.Join(dir, "batch.jsonl")
	var b strings.Builder
	for i := range 3 {
		fmt.Fprintf(&b, `{"platform":"weibo","id":"o%d","author":"另一终端","text":"第%d条：外卖吃出异物，食物中毒住院了","created_at":"2026-11-20 09:0%d:00"}`+"\n", i, i+1, i)
	}
	if err := os.WriteFile(src, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, errOut, code := runBin(t, "", "ingest", "--db", db, src); code != 0 {
		t.Fatalf("ingest beside the console: exit %d\n%s\n%s", code, out, errOut)
	}
	tm.waitFor(10*time.Second, "第1条：外卖吃出异物", "第3条：外卖吃出异物", "red flag")
	tm.keys("q")
	tm.waitFor(10*time.Second, "EXITED:0")
}

// A drill left before its end goes on from where it stopped, in the same
// file: the feed continues with new mentions, none stored twice.
func TestDrillResume(t *testing.T) {
	bin := binary(t)
	db := filepath.Join(t.TempDir(), "d.db")
	if _, errOut, code := runBin(t, "", "drill", "food-safety", "--seed", "4", "--headless", "--for", "1h", "--db", db); code != 0 {
		t.Fatalf("headless drill: exit %d %s", code, errOut)
	}
	before := len(dumpMentions(t, db))
	_, errOut, code := runBin(t, "", "--db", db)
	if code != 2 || !strings.Contains(errOut, "warroom drill --resume "+db) {
		t.Fatalf("opening a drill live: exit %d %q; want the refusal to offer --resume", code, errOut)
	}
	tm := start(t, 160, 40, enEnv, fmt.Sprintf("%s drill --resume %s --speed 600 --lang en", bin, db))
	tm.waitFor(20*time.Second, "DRILL", "10:0") // the clock goes on from 10:00, where the drill stopped
	time.Sleep(2 * time.Second)                 // twenty virtual minutes
	tm.keys("q")
	tm.waitFor(20*time.Second, "EXITED:0", "The drill is in", "left before its end: `warroom drill --resume")
	after := dumpMentions(t, db)
	if len(after) <= before {
		t.Fatalf("resumed drill added nothing: %d mentions, %d before", len(after), before)
	}
	checkResumedFeed(t, db, time.Hour)
	if out, _, _ := runBin(t, "", "report", db, "--lang", "en"); !strings.Contains(out, "Drill debrief") {
		t.Error("the resumed drill's report has no debrief")
	}
}

// checkResumedFeed holds the drill file to its word: the mentions after the
// resume point (first, into the drill) are exactly those the drill's
// generator gives for the file's log, up to where the file says it stopped.
func checkResumedFeed(t *testing.T, db string, first time.Duration) {
	t.Helper()
	ctx := context.Background()
	st, err := data.OpenReadOnly(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	meta := func(k string) string {
		v, err := st.Meta(ctx, k)
		if err != nil {
			t.Fatalf("meta %s: %v", k, err)
		}
		return v
	}
	sc, err := drill.Parse("scenario", []byte(meta("drill.source")))
	if err != nil {
		t.Fatal(err)
	}
	seed, _ := strconv.ParseInt(meta("drill.seed"), 10, 64)
	start, err1 := time.Parse(time.RFC3339, meta("drill.start"))
	until, err2 := time.Parse(time.RFC3339Nano, meta("drill.until"))
	events, err3 := st.Events(ctx, time.Time{}, time.Time{})
	if err := errors.Join(err1, err2, err3); err != nil {
		t.Fatal(err)
	}
	stop := start.Add(first)
	var before, after []model.Event
	for _, e := range events {
		if e.At.After(stop) {
			after = append(after, e)
		} else {
			before = append(before, e)
		}
	}
	g, state := drill.Resume(sc, seed, start, before, stop)
	var want []string
	for _, e := range after {
		for _, m := range g.Until(e.At) {
			want = append(want, m.ExternalID)
		}
		if state.Apply(e) == nil {
			g.React(e, state)
		}
	}
	for _, m := range g.Until(until) {
		want = append(want, m.ExternalID)
	}
	ms, err := st.Mentions(ctx, data.MentionFilter{Limit: data.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range ms {
		if m.IngestedAt.After(stop) {
			got = append(got, m.ExternalID)
		}
	}
	slices.Sort(want)
	slices.Sort(got)
	if len(want) == 0 || !slices.Equal(want, got) {
		t.Fatalf("after the resume the file holds %d mentions, the drill gives %d up to %s", len(got), len(want), until)
	}
}

// Under a Chinese locale the drill's Chinese and emoji rows must line up to
// the cell as tmux itself draws them: every framed line is exactly the
// terminal's width, measured as terminals measure (East Asian ambiguous
// characters narrow).
func TestDrillLinesUpUnderChineseLocale(t *testing.T) {
	bin := binary(t)
	db := filepath.Join(t.TempDir(), "d.db")
	env := []string{"LANG=zh_CN.UTF-8", "LC_ALL=zh_CN.UTF-8", "NO_COLOR=1", "TERM=xterm-256color"}
	tm := start(t, 200, 50, env, fmt.Sprintf("%s drill food-safety --speed 600 --seed 3 --db %s", bin, db))
	s := tm.waitFor(20*time.Second, "舆情", "时限", "任务", "食品安全")
	cond := runewidth.Condition{EastAsianWidth: false}
	framed := 0
	for i, l := range lines(s) {
		if !strings.HasSuffix(l, "│") && !strings.HasSuffix(l, "╮") && !strings.HasSuffix(l, "╯") {
			continue
		}
		framed++
		if w := cond.StringWidth(l); w != 200 {
			t.Errorf("line %d is %d cells wide, want 200:\n%q", i+1, w, l)
		}
	}
	if framed < 40 {
		t.Errorf("only %d framed lines; screen:\n%s", framed, s)
	}
	tm.keys("q")
	tm.waitFor(10*time.Second, "EXITED:0", "/100")
}

// The debrief printed when the drill is left and the one in `warroom
// report` on the same file are one computation at one moment: same score,
// same moment, same lines.
func TestDrillQuitDebriefIsTheReports(t *testing.T) {
	bin := binary(t)
	db := filepath.Join(t.TempDir(), "d.db")
	env := []string{"LANG=C.UTF-8", "NO_COLOR=1", "TERM=xterm-256color"}
	tm := start(t, 200, 50, env, fmt.Sprintf("%s drill food-safety --speed 600 --seed 3 --lang en --db %s", bin, db))
	tm.waitFor(20*time.Second, "Feed", "ALERT")
	tm.keys("A") // a first action, so the crowd has something to react to
	time.Sleep(3 * time.Second)
	tm.keys("q")
	tm.waitFor(20*time.Second, "EXITED:0", "The drill is in")
	// Joined: the terminal wraps the long lines.
	quit := lines(tm.tmux("capture-pane", "-t", tm.name, "-p", "-J"))
	var head, at string
	var reasons []string
	for i, l := range quit {
		if strings.HasPrefix(l, "Drill debrief: ") {
			head, at = l, quit[i+1]
			for _, r := range quit[i+2:] {
				if strings.HasPrefix(r, "  ") {
					reasons = append(reasons, strings.TrimSpace(r))
				}
			}
			break
		}
	}
	if head == "" || len(reasons) != 7 {
		t.Fatalf("no debrief with 7 lines when leaving the drill:\n%s", strings.Join(quit, "\n"))
	}

	md, errOut, code := runBin(t, "", "report", db, "--lang", "en")
	if code != 0 {
		t.Fatalf("report: %d %s", code, errOut)
	}
	score := strings.TrimSuffix(strings.Fields(head)[2], ",") // "12/100", or "–/100," with nothing due
	if !strings.Contains(md, "- **Score**: "+score) {
		t.Errorf("the report's score differs from %q", head)
	}
	// "Scored at 2026-11-20 09:31, when the drill was left…" in both.
	stamp := strings.Join(strings.Fields(at)[2:4], " ")
	if !strings.Contains(md, "- **Scored at**: "+stamp) {
		t.Errorf("the report is scored at another moment than %q", at)
	}
	// Each line, unescaped from its table row, is the same.
	unescape := strings.NewReplacer(`\(`, "(", `\)`, ")", `\#`, "#", `\_`, "_", `\*`, "*", `\[`, "[", `\]`, "]", `\|`, "|")
	sec := md[strings.Index(md, "## Drill debrief"):]
	sec = sec[:strings.Index(sec[3:], "\n## ")+3]
	var rows []string
	for _, l := range strings.Split(sec, "\n") {
		if c := strings.Split(strings.Trim(l, "| "), " | "); len(c) == 3 && c[0] != "Area" && c[0] != "---" {
			rows = append(rows, c[1]+" "+unescape.Replace(c[2]))
		}
	}
	if strings.Join(rows, "\n") != strings.Join(reasons, "\n") {
		t.Errorf("debrief lines differ.\nwhen leaving:\n%s\nin the report:\n%s", strings.Join(reasons, "\n"), strings.Join(rows, "\n"))
	}
}
