package ui

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"warroom/model"
	"warroom/ui/i18n"
)

// t0 is the fixed "now" of every test: 14:30:00 in Beijing.
var (
	cst = time.FixedZone("CST", 8*3600)
	t0  = time.Date(2025, 3, 15, 14, 30, 0, 0, cst)
)

// defaultClocks are the clocks the plan gives by default.
func defaultClocks() []ClockDef {
	return []ClockDef{
		{ID: "ack", Name: "Internal acknowledgement", Anchor: model.KindDeclared, Duration: 15 * time.Minute, DueSoon: 5 * time.Minute, MetBy: model.KindAlertAck},
		{ID: "holding", Name: "Holding statement", Anchor: model.KindDeclared, Duration: time.Hour, DueSoon: 15 * time.Minute, MetBy: model.KindPublish + ":holding"},
		{ID: "weibo4h", Name: "First public statement on Weibo (golden four hours)", Anchor: model.KindDeclared, Duration: 4 * time.Hour, DueSoon: 30 * time.Minute, MetBy: model.KindPublish + "@weibo"},
		{ID: "full24h", Name: "Full statement with remedies", Anchor: model.KindDeclared, Duration: 24 * time.Hour, DueSoon: 2 * time.Hour, MetBy: model.KindPublish + ":full"},
	}
}

type rig struct {
	t     testing.TB
	m     *Model
	b     *fakeBackend
	clock *model.ManualClock
	quit  bool
	waits []time.Duration // every tick the console asked for, in order
	// patience is how long run waits for a command. Ticks never block here
	// (see recordTick); only the update subscription does, so without one
	// every command is waited for, however slow a race-detector run is.
	patience time.Duration
}

type rigOpt func(*Options)

func withLang(l i18n.Lang) rigOpt { return func(o *Options) { o.Lang = l } }
func withMode(md Mode) rigOpt     { return func(o *Options) { o.Mode = md } }

// newRig starts a console over b at t0, loads it and sizes it.
func newRig(t testing.TB, b *fakeBackend, w, h int, opts ...rigOpt) *rig {
	t.Helper()
	clk := model.NewManualClock(t0)
	o := Options{Backend: b, Clock: clk, Operator: model.Actor{Name: "王芳", Roles: []model.Role{model.RoleLead}},
		Lang: i18n.EN, IncidentName: "Fixture incident", DefaultClocks: defaultClocks(), NoColor: true, Location: cst}
	for _, f := range opts {
		f(&o)
	}
	r := &rig{t: t, b: b, clock: clk}
	r.start(o, w, h)
	return r
}

// start builds the console from o, loads it and sizes it.
func (r *rig) start(o Options, w, h int) {
	r.patience = 200 * time.Millisecond
	if o.Updates == nil {
		r.patience = 30 * time.Second
	}
	r.m = New(o)
	r.m.tick = r.recordTick
	r.run(r.m.Init())
	r.send(tea.WindowSizeMsg{Width: w, Height: h})
}

// recordTick stands in for tea.Tick: tests fire ticks themselves with fire,
// so nothing waits on the wall clock.
func (r *rig) recordTick(d time.Duration, _ func(time.Time) tea.Msg) tea.Cmd {
	r.waits = append(r.waits, d)
	return nil
}

// fire delivers the tick the running loop is waiting for.
func (r *rig) fire() {
	r.t.Helper()
	r.send(tickMsg{tag: r.m.tickTag, at: r.clock.Now()})
}

// send delivers a message and runs the commands it returns.
func (r *rig) send(msg tea.Msg) {
	r.t.Helper()
	_, cmd := r.m.Update(msg)
	r.run(cmd)
}

// run executes a command and feeds back what it returns, depth first, as
// the program would. Commands that wait (ticks, the update subscription)
// are not run: tests deliver those messages themselves.
func (r *rig) run(cmd tea.Cmd) {
	r.t.Helper()
	if cmd == nil {
		return
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-done:
	case <-time.After(r.patience):
		return // the update subscription, waiting for the next update
	}
	switch msg := msg.(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			r.run(c)
		}
	case tea.QuitMsg:
		r.quit = true
	default:
		if p := reflect.TypeOf(msg).PkgPath(); p == "warroom/ui" || p == "warroom/ui/statements" || isUIData(msg) {
			r.send(msg)
		}
	}
}

func isUIData(msg tea.Msg) bool {
	switch msg.(type) {
	case tea.BackgroundColorMsg, tea.WindowSizeMsg:
		return true
	}
	return false
}

// key presses keys by name: "j", "enter", "shift+tab", "ctrl+c", or
// text for typing ("text:新任务").
func (r *rig) key(keys ...string) {
	r.t.Helper()
	for _, k := range keys {
		r.send(keyMsg(k))
	}
}

// typeText types s, one key per grapheme-ish rune.
func (r *rig) typeText(s string) {
	r.t.Helper()
	for _, c := range s {
		r.send(tea.KeyPressMsg{Code: c, Text: string(c)})
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
	case "ctrl+c":
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	case "ctrl+u":
		return tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl}
	case "ctrl+s":
		return tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl}
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

// screen is the frame without styling.
func (r *rig) screen() string { return ansi.Strip(r.m.View().Content) }

// checkFrame asserts the frame is exactly w by h cells.
func checkFrame(t *testing.T, content string, w, h int) {
	t.Helper()
	lines := strings.Split(content, "\n")
	if len(lines) != h {
		t.Fatalf("frame has %d lines, want %d", len(lines), h)
	}
	for i, l := range lines {
		if got := ansi.StringWidth(l); got != w {
			t.Fatalf("line %d is %d cells, want %d: %q", i, got, w, ansi.Strip(l))
		}
	}
}

func (r *rig) has(s string) bool { return strings.Contains(r.screen(), s) }

func (r *rig) mustShow(s string) {
	r.t.Helper()
	if !r.has(s) {
		r.t.Fatalf("screen does not show %q:\n%s", s, r.screen())
	}
}

func (r *rig) mustNotShow(s string) {
	r.t.Helper()
	if r.has(s) {
		r.t.Fatalf("screen shows %q:\n%s", s, r.screen())
	}
}

var _ = fmt.Sprintf

func sizeMsg(w, h int) tea.WindowSizeMsg { return tea.WindowSizeMsg{Width: w, Height: h} }

func pasteMsg(s string) tea.PasteMsg { return tea.PasteMsg{Content: s} }
