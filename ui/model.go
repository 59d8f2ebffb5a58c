// Package ui is warroom's console: a bubbletea program with a root model
// that owns layout, focus and routing, and one small model per panel (feed,
// clocks, board) and per overlay (help, mention detail, alerts, forms).
//
// The console never touches the disk itself. It reads and writes through a
// Backend inside commands, listens for committed changes on a channel, and
// changes the incident only by writing events, each checked against the
// folded state first.
//
// A replay (Options.Replay) plays a saved file back read-only: on every tick
// of a playing clock, and on every seek, the console rebuilds the incident as
// of the virtual time from the file (the event log folded forward, or from
// scratch going back; the alerts raised by then; the feed up to then by
// ingest time; the hour of minute counts before it), in commands that carry
// a request id so a late answer is dropped. In a replay space pauses and g
// goes to a time; page down stays on pgdown and ctrl+f, the newest row on
// home.
package ui

import (
	"context"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"warroom/model"
	"warroom/ui/i18n"
	"warroom/ui/statements"
)

// Panel ids, in focus order.
const (
	focusFeed = iota
	focusClocks
	focusBoard
	panelCount
)

// Minimum terminal size, and the width from which all panels show at once.
const (
	minWidth  = 80
	minHeight = 24
	wideWidth = 160
	midWidth  = 120 // from here the feed and one other panel show side by side
)

// panel is the face every panel shows the root.
type panel interface {
	Update(msg tea.Msg) tea.Cmd
	View(focused bool) []string
	KeyMap() bindings
	SetSize(w, h int)
	scroll(n int) tea.Cmd
}

// overlay is a modal view over the panels (detail, alerts).
type overlay interface {
	Update(msg tea.Msg) (tea.Cmd, bool)
	View(w, h int) []string
	KeyMap() bindings
}

// rect is a region of the screen.
type rect struct{ x, y, w, h int }

func (r rect) contains(x, y int) bool { return x >= r.x && x < r.x+r.w && y >= r.y && y < r.y+r.h }

// Model is the console's root model.
type Model struct {
	sh *session

	width, height int
	small         bool // below minWidth x minHeight
	wide          bool // all panels side by side
	mid           bool // the feed beside the clocks or the board
	side          int  // which of those two the mid layout shows beside the feed
	headerH       int
	rects         [panelCount]rect // where each panel is; zero when hidden
	bodyY, bodyH  int

	focus  int
	panels [panelCount]panel
	feed   *feedPanel
	clocks *clocksPanel
	board  *boardPanel

	alerts   alertBook
	minutes  minuteRing
	over     overlay
	form     *form
	quitAsk  *form
	quitting bool // quit asked while writes were on their way: quit when they land
	showHelp bool
	help     help.Model

	ticking   bool
	tickTag   int
	tickEvery time.Duration // period of the running tick loop
	// tick schedules one tick: tea.Tick, or a recorder in tests, which fire
	// ticks themselves rather than wait for them.
	tick func(time.Duration, func(time.Time) tea.Msg) tea.Cmd

	rp     *replayer     // playback controls; nil unless Options.Replay is set
	stm    *stmts        // the statement workspace, protocol card and influencer view
	loaded bool          // the event log has been folded
	early  []model.Event // echoes that arrived before the log loaded
	closed bool          // the updates channel closed
}

// New builds the console. Call Run, or hand it to tea.NewProgram.
func New(opts Options) *Model {
	if opts.Replay != nil {
		rc := *opts.Replay
		opts.Replay = &rc
		opts.Mode = Replay
		if opts.Replay.Clock == nil {
			opts.Replay.Clock = model.NewScaledClock(model.WallClock{}, opts.Replay.First, 60)
		}
		opts.Clock = opts.Replay.Clock
	}
	if opts.Clock == nil {
		opts.Clock = model.WallClock{}
	}
	if opts.Lang == "" {
		opts.Lang = i18n.FromEnv()
	}
	loc := opts.Location
	if loc == nil {
		loc = time.Local
	}
	c := i18n.New(opts.Lang)
	sh := &session{opts: opts, c: c, keys: NewKeyMap(c), loc: loc, st: NewStyles(true, opts.NoColor), state: model.NewState(),
		appends: newAppendQueue()}
	sh.now = opts.Clock.Now()
	m := &Model{sh: sh, help: help.New(), tick: tea.Tick, side: focusClocks}
	m.feed, m.clocks, m.board = newFeed(sh), newClocks(sh), newBoard(sh)
	m.stm = newStmts(sh)
	m.panels = [panelCount]panel{m.feed, m.clocks, m.board}
	m.help.Styles = sh.st.Help
	if opts.Replay != nil {
		m.rp = newReplayer(sh, *opts.Replay)
		sh.keys.forReplay()
		m.feed.asOf = sh.now
	}
	m.syncKeys()
	return m
}

// Init loads the incident and starts listening for updates.
func (m *Model) Init() tea.Cmd {
	sh := m.sh
	if m.rp != nil {
		// A replay reads the whole log once; the first frame brings the
		// rest as of the clock's time.
		return tea.Batch(tea.RequestBackgroundColor, m.rp.load())
	}
	b := sh.opts.Backend
	upTo := sh.until()
	from := sh.now.Truncate(time.Minute).Add(-(sparkMinutes - 1) * time.Minute)
	to := sh.now
	cmds := []tea.Cmd{
		tea.RequestBackgroundColor,
		read(func(ctx context.Context) tea.Msg {
			evs, err := b.Events(ctx, upTo)
			return eventsMsg{evs: evs, err: err}
		}),
		read(func(ctx context.Context) tea.Msg {
			as, err := b.Alerts(ctx, upTo)
			return alertsMsg{alerts: as, err: err}
		}),
		read(func(ctx context.Context) tea.Msg {
			cs, err := b.MinuteCounts(ctx, from, to)
			return minutesMsg{counts: cs, err: err}
		}),
		m.feed.reload(),
	}
	if sh.opts.Updates != nil {
		cmds = append(cmds, waitUpdates(sh.opts.Updates))
	}
	return tea.Batch(cmds...)
}

// Update routes a message: data to whoever asked for it, keys to whatever is
// typing first, then to overlays, global keys, and the focused panel.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if m.rp == nil {
		m.sh.now = m.sh.opts.Clock.Now()
	} // a replay shows the time of its last frame, so all it shows is of one moment
	cmd := m.update(msg)
	m.stm.sync(m.sh)
	m.syncKeys()
	return m, tea.Batch(cmd, m.ensureTick())
}

func (m *Model) update(msg tea.Msg) tea.Cmd {
	sh := m.sh
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.layout()
		return nil
	case tea.BackgroundColorMsg:
		sh.st = NewStyles(msg.IsDark(), sh.opts.NoColor)
		m.help.Styles = sh.st.Help
		m.feed.restyle()
		m.stm.restyle(msg.IsDark(), sh.opts.NoColor)
		return nil
	case eventsMsg:
		return m.loadEvents(msg)
	case replayLogMsg:
		return m.replayLoaded(msg)
	case replayFrameMsg:
		return m.replayFrame(msg)
	case alertsMsg:
		if msg.err != nil {
			sh.fail(sh.c.F("err.load", clean(msg.err.Error())))
		}
		m.alerts.merge(msg.alerts)
		m.layout()
		return nil
	case minutesMsg:
		if msg.err == nil {
			m.minutes.set(msg.counts)
		}
		return nil
	case updatesMsg:
		m.applyUpdate(msg.u)
		if msg.closed {
			m.closed = true
			return nil
		}
		if sh.opts.Updates == nil {
			return nil // sent from outside the subscription: nothing to re-arm
		}
		return waitUpdates(sh.opts.Updates)
	case appendedMsg:
		sh.appends.done() // the next write may go: this one's result is folded first
		msg.foldErr = sh.appended(msg)
		if m.quitting && len(sh.pending) == 0 {
			return tea.Quit
		}
		if msg.reply != 0 {
			return m.answered(msg)
		}
		if msg.err == nil && msg.foldErr == nil && declaresScenario(msg.evs) {
			if sc := sh.scenario(); sc != nil { // its key messages show under the clocks; M shows them all
				sh.note(sh.c.F("declare.done", clean(sc.Name.In(sh.planLang()))))
			}
		}
		return nil
	case tickMsg:
		if msg.tag != m.tickTag {
			return nil // a stale loop: only the newest one may re-arm
		}
		m.ticking = false // ensureTick re-arms while something runs
		if m.rp != nil {
			return m.replayTick()
		}
		return nil
	case feedPageMsg, feedCountMsg, feedRefreshMsg:
		return m.feed.Update(msg)
	case threadMsg, evidenceMsg:
		if m.over != nil {
			c, _ := m.over.Update(msg)
			return c
		}
		return nil
	case openDetailMsg:
		d, c := newDetail(sh, msg.m)
		m.over = d
		return c
	case openFormMsg:
		if sh.readOnly() {
			sh.fail(sh.c.T("err.readonly"))
			return nil
		}
		m.form = msg.f
		return nil
	case declareMsg:
		if sh.readOnly() {
			sh.fail(sh.c.T("err.readonly"))
			return nil
		}
		m.form = declareForm(sh, m.alerts.all(sh), m.feed.rows)
		return nil
	case statements.AppendMsg, statements.CloseMsg, statements.PostsMsg:
		return m.stmtMsg(msg)
	case openTaskMsg:
		m.over = &taskOverlay{sh: sh, id: msg.id}
		return nil
	case tea.PasteMsg:
		switch {
		case m.form != nil:
			return m.form.paste(msg)
		case m.stm.open != 0:
			return m.stm.route(m.stm.open, msg)
		case m.feed.typing():
			return m.feed.Update(msg)
		}
		return nil
	case tea.MouseWheelMsg:
		return m.wheel(msg)
	case tea.KeyPressMsg:
		return m.key(msg)
	}
	return nil
}

// loadEvents folds the event log into the state, then any echoes that came
// in while it loaded.
func (m *Model) loadEvents(msg eventsMsg) tea.Cmd {
	sh := m.sh
	if msg.err != nil {
		sh.fail(sh.c.F("err.load", clean(msg.err.Error())))
		return nil
	}
	st, errs := model.Fold(msg.evs, time.Time{})
	sh.state = st
	sh.version++
	sh.lastSeq = 0
	for _, e := range msg.evs {
		sh.lastSeq = max(sh.lastSeq, e.Seq)
	}
	if len(errs) > 0 {
		sh.fail(sh.c.F("err.fold", len(errs), clean(errs[0].Error())))
	}
	m.loaded = true
	sh.echoed(m.early)
	m.early = nil
	m.layout()
	return nil
}

// applyUpdate takes a merged update from the store.
func (m *Model) applyUpdate(u Update) {
	sh := m.sh
	if len(u.Mentions) > 0 {
		ms := slices.Clone(u.Mentions)                      // the sender may still hold the slice
		slices.SortFunc(ms, func(a, b *model.Mention) int { // newest first, whatever order the store sent
			switch {
			case a.ID > b.ID:
				return -1
			case a.ID < b.ID:
				return 1
			}
			return 0
		})
		for _, x := range ms {
			m.minutes.add(x.IngestedAt, x.Negative) // the store buckets by arrival too
		}
		m.feed.live(ms)
		m.stm.infl.Add(ms)
	}
	if len(u.Alerts) > 0 {
		m.alerts.merge(u.Alerts)
	}
	if len(u.Events) > 0 {
		if m.loaded {
			sh.echoed(u.Events)
		} else {
			m.early = append(m.early, u.Events...)
		}
	}
	m.layout() // a new alert may bring the banner, which takes a line
}

// ensureTick keeps the one tick loop running at the period the session
// needs now (see tickInterval), starting, re-timing or stopping it. The loop
// is tagged: a tick from a loop that was replaced is dropped, so two loops
// can never run side by side.
func (m *Model) ensureTick() tea.Cmd {
	d := m.tickInterval()
	if d == 0 {
		if m.ticking { // orphan the running loop: its tick will not re-arm
			m.ticking = false
			m.tickTag++
		}
		return nil
	}
	if m.ticking && d == m.tickEvery {
		return nil
	}
	m.ticking, m.tickEvery = true, d
	m.tickTag++
	tag := m.tickTag
	wait := d
	if d == time.Minute { // on the minute, so the time of day turns over when it should
		now := m.sh.now
		wait = now.Truncate(time.Minute).Add(time.Minute).Sub(now)
	}
	return m.tick(wait, func(t time.Time) tea.Msg { return tickMsg{tag: tag, at: t} })
}

// Tick periods.
const (
	replayTick = 250 * time.Millisecond // playback refreshes four times a second
	clockTick  = time.Second
	idleTick   = time.Minute
)

// tickInterval is how often the screen must change by itself: a playing
// replay four times a second, virtual time (a drill) and running response
// clocks every second, and otherwise once a minute for the time of day. A
// paused replay, or a replay without controls, does not tick at all: nothing
// on it can change.
func (m *Model) tickInterval() time.Duration {
	sh := m.sh
	switch {
	case m.rp != nil:
		if m.rp.playing() {
			return replayTick
		}
		return 0
	case sh.opts.Mode == Replay:
		return 0
	}
	if sc, ok := sh.opts.Clock.(*model.ScaledClock); ok {
		if sc.Paused() || sc.Stopped() {
			return 0
		}
		return clockTick
	}
	if m.clockRunning() {
		return clockTick
	}
	return idleTick
}

// showSeconds reports whether the header's time of day shows seconds: only
// when something changes every second, so a live console at rest does not
// show a seconds field that stands still.
func (m *Model) showSeconds() bool { return m.tickInterval() != idleTick }

func (m *Model) clockRunning() bool {
	for _, c := range m.sh.state.Clocks {
		if c.Running(m.sh.now) {
			return true
		}
	}
	return false
}

// typing reports whether a text input has the keyboard.
func (m *Model) typing() bool {
	return (m.form != nil && m.form.typing()) || m.feed.typing() || m.stm.typing()
}

func (m *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	sh := m.sh
	g := sh.keys.Global
	sh.status = "" // a key press acknowledges the last message
	if m.quitAsk != nil {
		c, done := m.quitAsk.Update(msg)
		if done {
			m.quitAsk = nil
		}
		return c
	}
	if msg.String() == "ctrl+c" && (m.form != nil || m.typing() || len(m.stm.ws.Unsaved()) > 0) {
		m.askQuit()
		return nil
	}
	if m.form != nil {
		c, done := m.form.Update(msg)
		if done {
			m.form = nil
		}
		return c
	}
	if m.feed.typing() {
		return m.feed.Update(msg)
	}
	if m.stm.typing() { // the workspace's editor: every key is text
		return m.stm.route(statements.WorkspaceOverlay, msg)
	}
	if msg.String() == "ctrl+c" { // nothing typed would be lost: ctrl+c quits from anywhere
		return m.quit()
	}
	if m.showHelp {
		if key.Matches(msg, g.Help, g.Close) || msg.String() == "q" {
			m.showHelp = false
		}
		return nil
	}
	if m.stm.open != 0 {
		if key.Matches(msg, g.Help) {
			m.showHelp = true
			return nil
		}
		if key.Matches(msg, g.ActAs) { // where it matters: the lawyer takes over to review
			m.form = actAsForm(m)
			return nil
		}
		return m.stm.route(m.stm.open, msg) // its own letters; esc and q close it
	}
	if m.rp != nil {
		// Playback keys work over the panels and the overlays alike.
		if c, ok := m.replayKey(msg); ok {
			return c
		}
	}
	if m.over != nil {
		if key.Matches(msg, g.Help) {
			m.showHelp = true
			return nil
		}
		c, done := m.over.Update(msg)
		if done {
			m.over = nil
		}
		return c
	}
	switch {
	case key.Matches(msg, g.Quit):
		if len(m.stm.ws.Unsaved()) > 0 {
			m.askQuit()
			return nil
		}
		return m.quit()
	case key.Matches(msg, g.Help):
		m.showHelp = true
		return nil
	case key.Matches(msg, g.Next):
		m.setFocus((m.focus + 1) % panelCount)
		return nil
	case key.Matches(msg, g.Prev):
		m.setFocus((m.focus + panelCount - 1) % panelCount)
		return nil
	case key.Matches(msg, g.Feed):
		m.setFocus(focusFeed)
		return nil
	case key.Matches(msg, g.Clocks):
		m.setFocus(focusClocks)
		return nil
	case key.Matches(msg, g.Board):
		m.setFocus(focusBoard)
		return nil
	case key.Matches(msg, g.Alerts):
		o := &alertsOverlay{sh: sh, book: &m.alerts}
		if list := m.alerts.all(sh); len(list) > 0 {
			o.selID = list[0].ID
		}
		m.over = o
		return nil
	case key.Matches(msg, g.Messages):
		m.over = &scenarioOverlay{sh: sh}
		return nil
	case key.Matches(msg, g.Debrief):
		m.over = &debriefOverlay{sh: sh}
		return nil
	case key.Matches(msg, g.Statements):
		return m.openStmts(statements.WorkspaceOverlay)
	case key.Matches(msg, g.Protocol):
		return m.openStmts(statements.ProtocolOverlay)
	case key.Matches(msg, g.Influencers):
		return m.openStmts(statements.InfluencersOverlay)
	case key.Matches(msg, g.ActAs):
		m.form = actAsForm(m)
		return nil
	case key.Matches(msg, g.Ack):
		if un := m.alerts.unacked(sh); len(un) > 0 {
			return ackCmd(sh, un[0])
		}
		sh.note(sh.c.T("alert.nothing"))
		return nil
	}
	return m.panels[m.focus].Update(msg)
}

// declaresScenario reports whether evs declare the incident under a scenario.
func declaresScenario(evs []model.Event) bool {
	for _, e := range evs {
		var p model.DeclarePayload
		if e.Kind == model.KindDeclared && e.Decode(&p) == nil && p.Scenario != "" {
			return true
		}
	}
	return false
}

// askQuit opens the are-you-sure question over whatever is being typed;
// answering no returns to it untouched.
func (m *Model) askQuit() {
	c := m.sh.c
	q := c.T("quit.question")
	if ids := m.stm.ws.Unsaved(); len(ids) > 0 {
		q = c.F("quit.unsaved", strings.Join(ids, ", "))
	}
	m.quitAsk = newConfirm(m.sh, c.T("quit.title"), q, m.quit)
}

// quit ends the program once the writes already made are in the file:
// they go one after another (see appendQueue), and the file is closed as
// soon as the program ends. Asked twice, it quits at once.
func (m *Model) quit() tea.Cmd {
	if len(m.sh.pending) == 0 || m.quitting {
		return tea.Quit
	}
	m.quitting = true
	m.sh.note(m.sh.c.T("quit.saving"))
	return nil
}

func (m *Model) setFocus(i int) {
	m.focus = i
	if i != focusFeed {
		m.side = i // the mid layout keeps the last one beside the feed
	}
	m.layout()
}

// wheel scrolls whatever is under the pointer.
func (m *Model) wheel(msg tea.MouseWheelMsg) tea.Cmd {
	n := 3
	switch msg.Button {
	case tea.MouseWheelUp:
		n = -3
	case tea.MouseWheelDown:
	default:
		return nil
	}
	if m.form != nil || m.quitAsk != nil || m.showHelp {
		return nil
	}
	if m.over != nil {
		c, _ := m.over.Update(msg)
		return c
	}
	for i, r := range m.rects {
		if r.contains(msg.X, msg.Y) {
			return m.panels[i].scroll(n)
		}
	}
	return nil
}

// syncKeys enables exactly the bindings that apply now.
func (m *Model) syncKeys() {
	sh := m.sh
	k := sh.keys
	k.setWritable(!sh.readOnly())
	k.Board.Open.SetEnabled(m.board.selected() != nil)
	if sh.readOnly() {
		return
	}
	k.Clocks.Declare.SetEnabled(!sh.state.Incident.Declared())
	k.Clocks.Met.SetEnabled(len(sh.state.Clocks) > 0)
	hasTask := m.board.selected() != nil
	k.Board.Edit.SetEnabled(hasTask)
	k.Board.Delete.SetEnabled(hasTask)
	k.Board.Left.SetEnabled(hasTask)
	k.Board.Right.SetEnabled(hasTask)
	k.Global.Ack.SetEnabled(len(m.alerts.unacked(sh)) > 0)
}

// layout computes every region from the terminal size: the one place sizes
// are decided.
func (m *Model) layout() {
	w, h := m.width, m.height
	m.small = w < minWidth || h < minHeight
	m.rects = [panelCount]rect{}
	if m.small {
		return
	}
	m.headerH = 2
	if m.rp != nil {
		m.headerH++ // the timeline
	}
	if len(m.alerts.unacked(m.sh)) > 0 {
		m.headerH++ // the banner
	}
	m.wide = w >= wideWidth
	m.mid = !m.wide && w >= midWidth
	m.bodyY = m.headerH
	if !m.wide {
		m.bodyY++ // the tab line
	}
	m.bodyH = h - m.bodyY - 1
	if m.wide {
		fw := w / 2
		cw := (w - fw) / 2
		bw := w - fw - cw
		m.rects[focusFeed] = rect{0, m.bodyY, fw, m.bodyH}
		m.rects[focusClocks] = rect{fw, m.bodyY, cw, m.bodyH}
		m.rects[focusBoard] = rect{fw + cw, m.bodyY, bw, m.bodyH}
	} else if m.mid {
		fw := w * 11 / 20
		m.rects[focusFeed] = rect{0, m.bodyY, fw, m.bodyH}
		m.rects[m.side] = rect{fw, m.bodyY, w - fw, m.bodyH}
	} else {
		m.rects[m.focus] = rect{0, m.bodyY, w, m.bodyH}
	}
	for i, p := range m.panels {
		if r := m.rects[i]; r.w > 0 {
			p.SetSize(r.w, r.h)
		}
	}
	m.help.SetWidth(w - 2)
	m.stm.setSize(w-4, m.bodyH-2)
}

// View draws the frame: exactly width cells by height lines, always.
func (m *Model) View() tea.View {
	var v tea.View
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "warroom"
	v.SetContent(m.render())
	return v
}

func (m *Model) render() string {
	w, h := m.width, m.height
	if w <= 0 || h <= 0 {
		return ""
	}
	if m.small {
		return strings.Join(m.tooSmall(), "\n")
	}
	lines := make([]string, 0, h)
	lines = append(lines, m.header()...)
	if !m.wide {
		lines = append(lines, m.tabs())
	}
	body := make([][]string, panelCount)
	for i, p := range m.panels {
		if m.rects[i].w > 0 {
			body[i] = p.View(i == m.focus)
		}
	}
	for r := range m.bodyH {
		var b strings.Builder
		for i := range body {
			if body[i] != nil {
				b.WriteString(body[i][r])
			}
		}
		lines = append(lines, b.String())
	}
	lines = append(lines, m.footer())
	m.overlays(lines)
	return strings.Join(lines, "\n")
}

// overlays lays modal views over the body.
func (m *Model) overlays(lines []string) {
	w := m.width
	if m.over != nil {
		ow, oh := w-4, m.bodyH-2
		splice(lines, margin(m.over.View(ow, oh)), 1, m.bodyY+1, w)
	}
	if m.stm.open != 0 {
		splice(lines, margin(m.stm.view()), 1, m.bodyY+1, w)
	}
	if m.showHelp {
		splice(lines, margin(m.helpView()), 1, m.bodyY+1, w)
	}
	for _, f := range []*form{m.form, m.quitAsk} {
		if f == nil {
			continue
		}
		fl := f.View(w)
		fw := f.size(w)
		y := m.bodyY + max((m.bodyH-len(fl))/2, 0)
		splice(lines, margin(fl), (w-fw)/2-1, y, w)
	}
}

// tooSmall is the whole screen when the terminal is below the minimum.
func (m *Model) tooSmall() []string {
	c := m.sh.c
	msg := []string{c.F("small.need", minWidth, minHeight), c.F("small.have", m.width, m.height)}
	out := fitLines(nil, m.width, m.height)
	top := max((m.height-len(msg))/2, 0)
	for i, s := range msg {
		if top+i >= m.height {
			break
		}
		pad := max((m.width-width(s))/2, 0)
		out[top+i] = fit(spaces(pad)+s, m.width)
	}
	return out
}

// margin puts a blank column either side of an overlay, so what is under it
// does not run into its frame.
func margin(block []string) []string {
	out := make([]string, len(block))
	for i, l := range block {
		out[i] = " " + l + " "
	}
	return out
}
