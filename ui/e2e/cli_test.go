package e2e

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"warroom/data"
	"warroom/model/plan"
)

// runBin runs the binary to completion and returns stdout, stderr and the
// exit code.
func runBin(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary(t), args...)
	cmd.Env = append(os.Environ(), "LANG=C.UTF-8", "NO_COLOR=1")
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("run %v: %v", args, err)
	}
	return out.String(), errb.String(), code
}

func TestUsageAndExitCodes(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--help"}, 0, "Usage:"},
		{[]string{"--version"}, 0, "warroom"},
		{[]string{"frobnicate"}, 2, "unknown command"},
		{[]string{"ingest"}, 2, "PATH"},
		{[]string{"ingest", "--help"}, 0, "Usage: warroom ingest"},
		{[]string{"replay"}, 2, "one incident FILE"},
		{[]string{"drill", "--list"}, 0, "food-safety"},
		{[]string{"drill", "no-such-drill", "--headless"}, 2, "no scenario"},
		{[]string{"report", "/nonexistent/x.db"}, 1, ""},
		{[]string{"export", "x.db", "--what", "cats"}, 2, ""},
		{[]string{"plan", "show"}, 0, "food_safety"},
		// --db is global: it may come before the command too.
		{[]string{"--db", "/nonexistent/x.db", "report"}, 1, "/nonexistent/x.db"},
		{[]string{"--db=/nonexistent/x.db", "ingest", "/nonexistent/in.jsonl"}, 1, "/nonexistent/x.db"},
		{[]string{"--db", "x.db", "plan", "show"}, 2, "--db does not apply"},
		{[]string{"--db", "x.db", "frobnicate"}, 2, "unknown command"},
		{[]string{"--db=", "report"}, 2, "--db needs a file"},
		{[]string{"--db", "a.db", "drill", "--db", "b.db", "--headless"}, 2, "--db given twice"},
		{[]string{"---db", "a.db", "report"}, 2, "bad flag syntax"},
		{[]string{"--db", "-no-such.db", "export", "--what", "tasks"}, 1, "open -no-such.db"}, // a name, not a flag
		{[]string{"--db", "x.db", "report", "--help"}, 0, "Usage: warroom report"},
		{[]string{"--db", "x.db", "report", "-o"}, 2, "flag needs an argument"}, // -o cannot take the FILE
		{[]string{"ingest", "--since", "48h", "x.jsonl"}, 2, "--since goes with --post-times"},
		{[]string{"ingest", "--post-times", "--since", "last week", "x.jsonl"}, 2, "want 2006-01-02 15:04"},
	} {
		out, errOut, code := runBin(t, "", tc.args...)
		if code != tc.code || !strings.Contains(out+errOut, tc.want) {
			t.Errorf("warroom %v: exit %d, want %d with %q\nstdout: %s\nstderr: %s", tc.args, code, tc.code, tc.want, out, errOut)
		}
	}
}

func TestPlanCheck(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.toml")
	os.WriteFile(bad, []byte("[brand]\nname = \"X\"\n\n[[scenarios]]\nid = \"a\"\nname = \"A\"\n[[scenarios.clocks]]\nid = \"c\"\nname = \"c\"\nanchor = \"incident.declared\"\nduration = \"4 hours\"\n"), 0o644)
	_, errOut, code := runBin(t, "", "plan", "check", bad)
	if code != 2 || !strings.Contains(errOut, "bad.toml:11") || !strings.Contains(errOut, "duration") {
		t.Errorf("plan check bad: exit %d\n%s", code, errOut)
	}
	// A bad plan never starts a console with half a plan.
	_, errOut, code = runBin(t, "", "--db", filepath.Join(dir, "x.db"), "--plan", bad)
	if code != 2 || !strings.Contains(errOut, "bad.toml:11") {
		t.Errorf("console with a bad plan: exit %d\n%s", code, errOut)
	}
}

// plan init writes the sample plan as TOML that plan check accepts and that
// reads back as the built-in plan, and never writes over a file.
func TestPlanInitRoundTrips(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "p.toml")
	if out, errOut, code := runBin(t, "", "plan", "init", p); code != 0 || !strings.Contains(out, "plan check") {
		t.Fatalf("plan init: exit %d\n%s%s", code, out, errOut)
	}
	if out, errOut, code := runBin(t, "", "plan", "check", p); code != 0 {
		t.Fatalf("plan check of plan init's file: exit %d\n%s%s", code, out, errOut)
	}
	src, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	got, err := plan.Parse("p.toml", src)
	if err != nil {
		t.Fatal(err)
	}
	want := *plan.Default()
	want.Name = got.Name
	if !reflect.DeepEqual(*got, want) {
		t.Error("plan init's file does not read back as the built-in plan")
	}
	if out, _, code := runBin(t, "", "plan", "init"); code != 0 || out != string(src) {
		t.Errorf("plan init to stdout: exit %d, %d bytes, want the file's %d", code, len(out), len(src))
	}
	os.WriteFile(p, []byte("# edited\n"), 0o644)
	if _, errOut, code := runBin(t, "", "plan", "init", p); code != 1 || !strings.Contains(errOut, "already exists") {
		t.Errorf("plan init over a file: exit %d\n%s", code, errOut)
	}
	if b, _ := os.ReadFile(p); string(b) != "# edited\n" {
		t.Error("plan init wrote over an existing file")
	}
}

func TestIngestSamples(t *testing.T) {
	db := filepath.Join(t.TempDir(), "i.db")
	var files []string
	filepath.Walk("../../feed/decode/testdata", func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			files = append(files, p)
		}
		return nil
	})
	out, errOut, code := runBin(t, "", append([]string{"ingest", "--db", db}, files...)...)
	if code != 0 {
		t.Fatalf("ingest: exit %d\n%s", code, errOut)
	}
	// Every reject names file, line and reason.
	if !strings.Contains(errOut, "canonical.jsonl:7: truncated JSON") {
		t.Errorf("reject lines:\n%s", errOut)
	}
	if !strings.Contains(out, "stored") || !strings.Contains(out, "rejected") {
		t.Errorf("summary: %s", out)
	}
	// Ingesting the same files again stores nothing new: all duplicates.
	out2, _, _ := runBin(t, "", append([]string{"ingest", "--db", db, "--quiet"}, files...)...)
	if !strings.Contains(out2, "stored 0") {
		t.Errorf("second ingest: %s", out2)
	}
}

func TestClassifyKeepsTheCallersFields(t *testing.T) {
	in := `{"platform":"weibo","id":"1","text":"外卖里吃出虫子，食物中毒住院了","author_followers":"1.2万","my_field":{"keep":true}}
not json
{"platform":"weibo","id":"2","text":"今天天气真好，心情愉快"}
`
	out, errOut, code := runBin(t, in, "classify")
	if code != 0 || !strings.Contains(errOut, "stdin:2:") {
		t.Fatalf("exit %d, stderr %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("got %d lines:\n%s", len(lines), out)
	}
	var first map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
		t.Fatal(err)
	}
	if first["negative"] != true || first["category"] != "food_safety" || first["my_field"] == nil || first["author_followers"] != "1.2万" {
		t.Errorf("first = %v", first)
	}
	var second map[string]any
	json.Unmarshal([]byte(lines[1]), &second)
	if second["negative"] != false {
		t.Errorf("second = %v", second)
	}
}

// Headless drills are deterministic, and the report, export and debrief
// work on the file they write.
func TestHeadlessDrillReportExport(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db")
	for _, p := range []string{a, b} {
		out, errOut, code := runBin(t, "", "drill", "food-safety", "--seed", "9", "--headless", "--for", "3h", "--db", p)
		if code != 0 || !strings.Contains(out, "mentions") {
			t.Fatalf("headless drill: exit %d\n%s\n%s", code, out, errOut)
		}
	}
	ra, rb := dumpMentions(t, a), dumpMentions(t, b)
	if len(ra) < 100 || !reflect.DeepEqual(ra, rb) {
		t.Fatalf("two runs with the same seed differ (%d vs %d rows)", len(ra), len(rb))
	}

	sum := fileSum(t, a)
	md, errOut, code := runBin(t, "", "report", a, "--lang", "en")
	if code != 0 {
		t.Fatalf("report: %d %s", code, errOut)
	}
	for _, want := range []string{"#", "Drill debrief", "/100", "when the drill was left (3h of 1d)"} {
		if !strings.Contains(md, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	html := filepath.Join(dir, "r.html")
	if _, errOut, code := runBin(t, "", "--db", a, "report", "-o", html); code != 0 {
		t.Fatalf("html report: %d %s", code, errOut)
	}
	page, _ := os.ReadFile(html)
	if !bytes.Contains(page, []byte("<svg")) || bytes.Contains(page, []byte("src=\"http")) {
		t.Error("html report is not a self-contained page with charts")
	}
	if !bytes.Contains(page, []byte(`<h2 id="debrief">`)) {
		t.Error("html report leaves out the drill debrief")
	}
	zh, errOut, code := runBin(t, "", "report", a, "--lang", "zh")
	if code != 0 || !strings.Contains(zh, "## 演练评分") || strings.Contains(zh, "Drill debrief") {
		t.Errorf("zh report: exit %d %s, debrief not in Chinese", code, errOut)
	}
	csv, _, code := runBin(t, "", "export", a, "--what", "mentions", "--format", "csv", "--bom")
	if code != 0 || !strings.HasPrefix(csv, "\ufeff") || strings.Count(csv, "\n") < len(ra) {
		t.Errorf("csv export: exit %d, %d lines for %d mentions", code, strings.Count(csv, "\n"), len(ra))
	}
	ev, _, code := runBin(t, "", "export", a, "--what", "events", "--format", "jsonl")
	if code != 0 || !strings.Contains(ev, "incident.created") {
		t.Errorf("events export: %d %s", code, ev)
	}
	if fileSum(t, a) != sum {
		t.Error("report or export changed the incident file")
	}

	// A drill file is not reopened live, ingested into or drilled over:
	// its clock and scenario would mix with another's. Nothing is written.
	for _, args := range [][]string{
		{"--db", a},
		{"ingest", "--db", a, "-"},
		{"drill", "product-recall", "--headless", "--for", "1h", "--db", a},
	} {
		_, errOut, code := runBin(t, `{"platform":"weibo","id":"z","text":"x"}`+"\n", args...)
		if code != 2 || !strings.Contains(errOut, a) {
			t.Errorf("%q on a drill file: exit %d, %q; want 2 and a message naming the file", args, code, errOut)
		}
		if args[0] == "drill" && !strings.Contains(errOut, "a drill writes a new file") ||
			args[0] != "drill" && !strings.Contains(errOut, "warroom replay") {
			t.Errorf("%q: the refusal does not say what to do instead: %s", args, errOut)
		}
	}
	if fileSum(t, a) != sum {
		t.Error("a refused command changed the drill file")
	}
}

func dumpMentions(t *testing.T, path string) []string {
	t.Helper()
	st, err := data.OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ms, err := st.Mentions(context.Background(), data.MentionFilter{Limit: data.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	var rows []string
	for _, m := range ms {
		rows = append(rows, fmt.Sprintf("%s|%s|%s|%s|%d|%s|%s|%d|%v|%d", m.Platform, m.ExternalID, m.AuthorName, m.Text,
			m.AuthorFollowers, m.CreatedAt.UTC(), m.IngestedAt.UTC(), m.Likes, m.Negative, m.Severity))
	}
	return rows
}

func fileSum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// toSchema4 takes a file back to schema 4, which kept threads in an index,
// as an older warroom wrote it.
func toSchema4(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = db.Exec(`DROP TABLE mention_by_parent;
		CREATE INDEX mention_parent ON mention (platform, parent_id) WHERE parent_id IS NOT NULL;
		PRAGMA user_version = 4`)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
}

// TestUpgradeIsAnnounced: opening a file from an older warroom live says so
// before the upgrade runs (a large file takes a while), once; a replay of
// it refuses and says what to do.
func TestUpgradeIsAnnounced(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	line := `{"platform":"weibo","id":"1","author":"老用户","text":"旧文件里的一条","created_at":"2026-11-20 09:30:00"}`
	if _, stderr, code := runBin(t, line+"\n", "ingest", "--db", path, "-"); code != 0 {
		t.Fatalf("ingest: %d %s", code, stderr)
	}
	toSchema4(t, path)
	if _, stderr, code := runBin(t, "", "replay", path); code == 0 || !strings.Contains(stderr, "open it live") {
		t.Errorf("replay of an old file: %d %q", code, stderr)
	}
	want := fmt.Sprintf("upgrading %s from schema 4 to %d", path, data.SchemaVersion)
	if _, stderr, code := runBin(t, "", "ingest", "--db", path, "-"); code != 0 || !strings.Contains(stderr, want) {
		t.Errorf("first open: %d %q, want %q", code, stderr, want)
	}
	if _, stderr, code := runBin(t, "", "ingest", "--db", path, "-"); code != 0 || strings.Contains(stderr, "upgrading") {
		t.Errorf("second open: %d %q", code, stderr)
	}
	if got := dumpMentions(t, path); len(got) != 1 || !strings.Contains(got[0], "旧文件里的一条") {
		t.Errorf("after the upgrade: %v", got)
	}
}

// TestOldDrillFile: a drill file from an older warroom is refused live
// before anything upgrades it; replay and report point at drill --resume,
// which upgrades it, after which it reads as any drill does.
func TestOldDrillFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old-drill.db")
	if _, stderr, code := runBin(t, "", "drill", "food-safety", "--headless", "--for", "30m", "--db", path); code != 0 {
		t.Fatalf("drill: %d %s", code, stderr)
	}
	toSchema4(t, path)
	sum := fileSum(t, path)
	if _, stderr, code := runBin(t, "", "--db", path); code != 2 || !strings.Contains(stderr, "drill --resume") {
		t.Errorf("live open of an old drill: %d %q", code, stderr)
	}
	if fileSum(t, path) != sum {
		t.Error("the refused live open changed the file")
	}
	if _, stderr, code := runBin(t, "", "report", path); code == 0 || !strings.Contains(stderr, "warroom drill --resume "+path) {
		t.Errorf("report of an old drill: %d %q", code, stderr)
	}
	tm := start(t, 120, 40, enEnv, fmt.Sprintf("%s drill --resume %s --lang en", binary(t), path))
	tm.waitFor(20*time.Second, "DRILL")
	tm.keys("q")
	tm.waitFor(20*time.Second, "EXITED:0")
	if out, stderr, code := runBin(t, "", "report", path, "--lang", "en"); code != 0 || !strings.Contains(out, "Drill debrief") {
		t.Errorf("report after the upgrade: %d %q", code, stderr)
	}
}

// TestIngestPostTimes loads a crawl of the past, shuffled as crawlers
// write them, by post time: each mention arrives when it was posted, in
// post order, and early warning fires inside the crawl's own hours, the
// same way on every run. Without --post-times they would all arrive now.
func TestIngestPostTimes(t *testing.T) {
	dir := t.TempDir()
	start := time.Date(2026, 11, 20, 8, 0, 0, 0, time.FixedZone("CST", 8*3600))
	var lines []string
	add := func(i int, at time.Time, text string) {
		b, _ := json.Marshal(map[string]any{"platform": "weibo", "id": fmt.Sprint(i), "author": fmt.Sprintf("用户%d", i),
			"author_followers": 30, "text": text, "created_at": at.Format(time.RFC3339)})
		lines = append(lines, string(b))
	}
	// Two quiet hours, then forty complaints within ten minutes.
	for i := range 24 {
		add(i, start.Add(time.Duration(i)*5*time.Minute), fmt.Sprintf("鲜味坊的招牌烤鱼第%d次吃了，好吃", i))
	}
	burst := start.Add(2 * time.Hour)
	for i := range 40 {
		add(100+i, burst.Add(time.Duration(i)*15*time.Second), fmt.Sprintf("鲜味坊外卖吃出虫子，恶心，第%d个受害者，避雷", i))
	}
	for i := len(lines) - 1; i > 0; i-- { // a fixed shuffle
		j := (i * 7919) % (i + 1)
		lines[i], lines[j] = lines[j], lines[i]
	}
	in := filepath.Join(dir, "crawl.jsonl")
	if err := os.WriteFile(in, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	alertsOf := func(db string) []string {
		st, err := data.OpenReadOnly(db)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		as, err := st.Alerts(context.Background(), time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, a := range as {
			if a.At.Before(start) || a.At.After(burst.Add(15*time.Minute)) {
				t.Errorf("alert %s at %v, outside the crawl's hours", a.Key, a.At)
			}
			out = append(out, fmt.Sprintf("%s %v %d", a.Key, a.At.UTC(), a.Count))
		}
		return out
	}
	var first []string
	for run := range 2 {
		db := filepath.Join(dir, fmt.Sprintf("r%d.db", run))
		if out, errOut, code := runBin(t, "", "ingest", "--post-times", "--db", db, in); code != 0 {
			t.Fatalf("ingest --post-times: exit %d\n%s%s", code, out, errOut)
		}
		rows := dumpMentions(t, db) // newest first
		if len(rows) != len(lines) {
			t.Fatalf("stored %d of %d", len(rows), len(lines))
		}
		var prev string
		for _, r := range rows {
			f := strings.Split(r, "|")
			if f[5] != f[6] {
				t.Fatalf("arrival %s is not the post time %s", f[6], f[5])
			}
			if prev != "" && f[6] > prev {
				t.Fatalf("ids are not in post order: %s after %s", f[6], prev)
			}
			prev = f[6]
		}
		as := alertsOf(db)
		if len(as) == 0 {
			t.Fatal("the burst raised no alert")
		}
		if run == 0 {
			first = as
		} else if !reflect.DeepEqual(as, first) {
			t.Errorf("two loads of the same crawl raised different alerts:\n%v\n%v", first, as)
		}
	}
	// Loaded again, the crawl is all duplicates: nothing is stamped, nothing said.
	if out, errOut, code := runBin(t, "", "ingest", "--post-times", "--db", filepath.Join(dir, "r0.db"), in); code != 0 ||
		strings.Contains(errOut, "note:") || !strings.Contains(out, fmt.Sprintf("duplicates %d", len(lines))) {
		t.Errorf("the same crawl again: exit %d\n%s%s", code, out, errOut)
	}
	// An older crawl loaded after a newer one cannot go back in the file's
	// time: its mentions take the newest time, and ingest says so.
	older := filepath.Join(dir, "older.jsonl")
	b, _ := json.Marshal(map[string]any{"platform": "douyin", "id": "old-1", "text": "上周的帖子", "created_at": start.Add(-7 * 24 * time.Hour).Format(time.RFC3339)})
	if err := os.WriteFile(older, append(b, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, errOut, code := runBin(t, "", "ingest", "--post-times", "--db", filepath.Join(dir, "r0.db"), older); code != 0 ||
		!strings.Contains(errOut, "1 mention posted before the file's newest took its time") {
		t.Errorf("an older crawl after a newer one: exit %d, %s", code, errOut)
	}
	if _, errOut, code := runBin(t, "", "ingest", "--post-times", "--follow", "--db", filepath.Join(dir, "f.db"), in); code != 2 ||
		!strings.Contains(errOut, "--follow") {
		t.Errorf("--post-times with --follow: exit %d, %s", code, errOut)
	}
}

// Records without an id (a generic CSV export has no id column) are stored
// under an id made from their content, so reading the same input again
// counts duplicates.
func TestIngestWithoutIDs(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "i.db")
	in := `{"platform":"weibo","text":"没有id的帖子"}` + "\n" + `{"platform":"weibo","id":"x1","text":"有id"}` + "\n"
	if out, errOut, code := runBin(t, in, "ingest", "--db", db, "-"); code != 0 || !strings.Contains(out, "read 2, stored 2, duplicates 0, rejected 0") {
		t.Errorf("stdin without ids: exit %d\n%s%s", code, out, errOut)
	}
	export := "../../feed/decode/testdata/generic/export.csv" // 5 rows, 2 of them bad
	if out, errOut, code := runBin(t, "", "ingest", "--db", db, export); code != 0 || !strings.Contains(out, "read 5, stored 3, duplicates 0, rejected 2") {
		t.Errorf("export.csv: exit %d\n%s%s", code, out, errOut)
	}
	if out, errOut, code := runBin(t, "", "ingest", "--db", db, export); code != 0 || !strings.Contains(out, "read 5, stored 0, duplicates 3, rejected 2") {
		t.Errorf("export.csv again: exit %d\n%s%s", code, out, errOut)
	}
}

// A mention the file refuses after decoding (here a trigger stands for a
// damaged or tampered file) is listed as file:line with its reason and
// counted, so the summary adds up.
func TestIngestRefusedRow(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "i.db")
	if out, errOut, code := runBin(t, "", "ingest", "--db", db, "-"); code != 0 {
		t.Fatalf("create: exit %d\n%s%s", code, out, errOut)
	}
	sqldb, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	_, err = sqldb.Exec(`CREATE TRIGGER poison BEFORE INSERT ON mention WHEN NEW.text LIKE '%毒%'
		BEGIN SELECT RAISE(ABORT, 'poisoned row'); END`)
	sqldb.Close()
	if err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(dir, "p.jsonl")
	os.WriteFile(src, []byte(`{"platform":"weibo","id":"p1","text":"好的一条"}`+"\n"+
		`{"platform":"weibo","id":"p2","text":"有毒的一条"}`+"\n"+
		`{"platform":"weibo","id":"p3","text":"好的另一条"}`+"\n"), 0o644)
	out, errOut, code := runBin(t, "", "ingest", "--db", db, src)
	if code != 0 || !strings.Contains(out, "read 3, stored 2, duplicates 0, rejected 1") || !strings.Contains(out, "poisoned row") {
		t.Errorf("refused row: exit %d\n%s", code, out)
	}
	if !strings.Contains(errOut, src+":2: store: ") {
		t.Errorf("refused row not listed as file:line:\n%s", errOut)
	}
}

// A directory named as the incident file is called one, not a "disk I/O
// error".
func TestDirectoryIsNamed(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{{"replay", dir}, {"report", dir}, {"--db", dir, "ingest", "-"}} {
		_, errOut, code := runBin(t, "", args...)
		if code != 1 || !strings.Contains(errOut, dir+" is a directory, not an incident file") {
			t.Errorf("warroom %v: exit %d\n%s", args, code, errOut)
		}
	}
}

// A binary file given to ingest is called one; GBK is suggested only for a
// file that reads as GBK.
func TestBinaryInputIsNamed(t *testing.T) {
	dir := t.TempDir()
	junk := make([]byte, 5000)
	r := rand.New(rand.NewPCG(7, 7))
	for i := range junk {
		junk[i] = byte(r.UintN(256))
	}
	bin := filepath.Join(dir, "junk.bin")
	os.WriteFile(bin, junk, 0o644)
	_, errOut, code := runBin(t, "", "ingest", "--db", filepath.Join(dir, "j.db"), bin)
	if code != 1 || !strings.Contains(errOut, "junk.bin looks like a binary file, not text") || strings.Contains(errOut, "GBK") {
		t.Errorf("binary input: exit %d\n%s", code, errOut)
	}

	gbk := filepath.Join(dir, "gbk.csv")
	os.WriteFile(gbk, []byte("\xc4\xda\xc8\xdd,\xd7\xf7\xd5\xdf\n\xb3\xd4,\xb3\xf6\n"), 0o644) // 内容,作者 in GBK
	_, errOut, code = runBin(t, "", "ingest", "--db", filepath.Join(dir, "j.db"), gbk)
	if code != 1 || !strings.Contains(errOut, "probably GBK") {
		t.Errorf("GBK input: exit %d\n%s", code, errOut)
	}
}
