package statements

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"warroom/model"
	"warroom/model/plan"
	"warroom/ui/i18n"
)

var update = flag.Bool("update", false, "rewrite the golden views in testdata")

// t0 is the fixed "now" of every test: 14:30 in Beijing.
var (
	cst = time.FixedZone("CST", 8*3600)
	t0  = time.Date(2025, 3, 15, 14, 30, 0, 0, cst)
)

// incident is a state the root would hold: the default plan's food-safety
// scenario declared at t0 by the lead.
func incident(t testing.TB) *model.State {
	t.Helper()
	p := plan.Default()
	s, ok := p.Scenario("food_safety")
	if !ok {
		t.Fatal("default plan has no food_safety scenario")
	}
	st := model.NewState()
	st.Apply(model.NewEvent(t0.Add(-10*time.Minute), model.KindCreated, "张三", model.IncidentPayload{Name: "异物事件", Brand: "示例品牌"}))
	for _, e := range s.Declare(t0, "zh", p, "张三", model.LevelNone) {
		if err := st.Apply(e); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

// root plays the console's root: it owns the state and the clock, checks
// every AppendMsg against the state in order, appends what passes, and
// answers each with a ResultMsg, as the real root will.
type root struct {
	t       testing.TB
	state   *model.State
	clock   *model.ManualClock
	written []AppendMsg // accepted writes
	asked   []AppendMsg // every write asked for
	refuse  error       // when set, the next write fails with it
}

func newRoot(t testing.TB) *root {
	return &root{t: t, state: incident(t), clock: model.NewManualClock(t0)}
}

// desk is one operator's workspace over the shared root.
type desk struct {
	r      *root
	m      Workspace
	closed bool
}

func (r *root) desk(operator string, lang i18n.Lang, w, h int) *desk {
	p := plan.Default()
	m := NewWorkspace(Options{Plan: p, Operator: p.Actor(operator), Lang: lang, Styles: NewStyles(true, true),
		Clock: r.clock, Location: cst})
	m.SetSize(w, h)
	m.SetState(r.state, r.clock.Now())
	return &desk{r: r, m: m}
}

// send delivers a message and runs what comes back, as the program would.
func (d *desk) send(msg tea.Msg) {
	d.r.t.Helper()
	var cmd tea.Cmd
	d.m, cmd = d.m.Update(msg)
	d.run(cmd)
}

func (d *desk) run(cmd tea.Cmd) {
	d.r.t.Helper()
	if cmd == nil {
		return
	}
	switch msg := cmd().(type) {
	case AppendMsg:
		// The root folds the write into its state, hands the state over,
		// then answers.
		res := d.r.append(msg)
		d.m.SetState(d.r.state, d.r.clock.Now())
		d.send(res)
	case CloseMsg:
		if msg.From != WorkspaceOverlay {
			d.r.t.Fatalf("close from %v", msg.From)
		}
		d.closed = true
	case nil:
	default:
		d.r.t.Fatalf("unexpected message %T", msg)
	}
}

// append is the root's side of the protocol.
func (r *root) append(msg AppendMsg) ResultMsg {
	r.asked = append(r.asked, msg)
	if r.refuse != nil {
		err := r.refuse
		r.refuse = nil
		return ResultMsg{ID: msg.ID, Err: err}
	}
	try := r.state.Clone()
	for _, e := range msg.Events {
		if err := try.Apply(e); err != nil {
			return ResultMsg{ID: msg.ID, Err: err}
		}
	}
	for _, e := range msg.Events {
		if err := r.state.Apply(e); err != nil {
			r.t.Fatalf("apply after a successful try: %v", err)
		}
	}
	r.written = append(r.written, msg)
	return ResultMsg{ID: msg.ID}
}

// last returns the events of the last accepted write.
func (r *root) last() []model.Event {
	r.t.Helper()
	if len(r.written) == 0 {
		r.t.Fatal("nothing was written")
	}
	return r.written[len(r.written)-1].Events
}

// key presses keys by name.
func (d *desk) key(keys ...string) {
	d.r.t.Helper()
	for _, k := range keys {
		d.send(keyMsg(k))
	}
}

// typeText types s one character at a time, as a keyboard would.
func (d *desk) typeText(s string) {
	d.r.t.Helper()
	for _, c := range s {
		d.send(tea.KeyPressMsg{Code: c, Text: string(c)})
	}
}

func (d *desk) screen() string { return ansi.Strip(d.m.View()) }

func (d *desk) mustShow(s string) {
	d.r.t.Helper()
	if !strings.Contains(d.screen(), s) {
		d.r.t.Fatalf("view does not show %q:\n%s", s, d.screen())
	}
}

func keyMsg(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	case "pgup":
		return tea.KeyPressMsg{Code: tea.KeyPgUp}
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	case "home":
		return tea.KeyPressMsg{Code: tea.KeyHome}
	case "end":
		return tea.KeyPressMsg{Code: tea.KeyEnd}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "delete":
		return tea.KeyPressMsg{Code: tea.KeyDelete}
	case "ctrl+s":
		return tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl}
	case "ctrl+k":
		return tea.KeyPressMsg{Code: 'k', Mod: tea.ModCtrl}
	case "ctrl+w":
		return tea.KeyPressMsg{Code: 'w', Mod: tea.ModCtrl}
	}
	r := []rune(k)
	if len(r) == 1 {
		c := r[0]
		if c >= 'A' && c <= 'Z' {
			return tea.KeyPressMsg{Code: c + 32, ShiftedCode: c, Text: k, Mod: tea.ModShift}
		}
		return tea.KeyPressMsg{Code: c, Text: k}
	}
	panic("unknown key " + k)
}

// checkFrame asserts a view is exactly w by h cells.
func checkFrame(t *testing.T, view string, w, h int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) != h {
		t.Fatalf("view has %d lines, want %d:\n%s", len(lines), h, ansi.Strip(view))
	}
	for i, l := range lines {
		if got := ansi.StringWidth(l); got != w {
			t.Fatalf("line %d is %d cells, want %d: %q", i, got, w, ansi.Strip(l))
		}
	}
}

// golden compares got with testdata/golden/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./ui/statements -run %s -update to create it)", err, t.Name())
	}
	if string(want) != got {
		t.Errorf("view differs from %s (run with -update to accept):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}
