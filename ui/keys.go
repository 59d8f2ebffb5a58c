package ui

import (
	"charm.land/bubbles/v2/key"

	"warroom/ui/i18n"
)

// KeyMap is every key binding of the console, grouped by where it applies.
// It is the one place keys are defined; help, the footer and Update all read
// it. Bindings that do not apply right now (writing in a read-only replay,
// declaring twice) are disabled, so help does not offer them.
type KeyMap struct {
	Global  GlobalKeys
	Feed    FeedKeys
	Clocks  ClockKeys
	Board   BoardKeys
	Detail  DetailKeys
	Alerts  AlertKeys
	Form    FormKeys
	Debrief DebriefKeys
	Replay  ReplayKeys
}

// GlobalKeys work everywhere nothing is being typed.
type GlobalKeys struct {
	Next, Prev, Feed, Clocks, Board, Help, Quit, Alerts, Ack, Close, Messages, Debrief key.Binding
	Statements, Protocol, Influencers, ActAs                                           key.Binding
}

// FeedKeys act on the mention feed.
type FeedKeys struct {
	Up, Down, PageUp, PageDown, Top, Bottom, Follow  key.Binding
	Negative, Platform, Severity, Search, Open, Copy key.Binding
}

// ClockKeys act on the response clocks.
type ClockKeys struct {
	Up, Down, Declare, Met, Level key.Binding
}

// BoardKeys act on the task board.
type BoardKeys struct {
	Up, Down, Left, Right, New, Edit, Delete, Open key.Binding
}

// DetailKeys act in the mention detail overlay.
type DetailKeys struct {
	Up, Down, Copy, Close key.Binding
}

// AlertKeys act in the alert list.
type AlertKeys struct {
	Up, Down, Open, Ack, Close key.Binding
}

// ReplayKeys control playback. They exist only in a replay with controls;
// elsewhere they are disabled.
type ReplayKeys struct {
	Pause, Faster, Slower, Forward, Back, NextMark, PrevMark, GoTo key.Binding
}

// DebriefKeys act in the post-crisis notes.
type DebriefKeys struct {
	Add key.Binding
}

// FormKeys act in forms and confirmations.
type FormKeys struct {
	Next, Prev, Choice, Submit, Cancel, Yes, No key.Binding
}

// NewKeyMap builds the key map with help text in the catalogue's language.
func NewKeyMap(c *i18n.Catalog) *KeyMap {
	b := func(help string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(keyLabel(keys), c.T(help)))
	}
	k := &KeyMap{}
	k.Global = GlobalKeys{
		Next:        b("key.next", "tab"),
		Prev:        b("key.prev", "shift+tab"),
		Feed:        b("key.feed", "1"),
		Clocks:      b("key.clocks", "2"),
		Board:       b("key.board", "3"),
		Help:        b("key.help", "?"),
		Quit:        b("key.quit", "q", "ctrl+c"),
		Alerts:      b("key.alerts", "a"),
		Ack:         b("key.ack", "A"),
		Close:       b("key.close", "esc"),
		Messages:    b("key.messages", "M"),
		Debrief:     b("key.debrief", "L"),
		Statements:  b("key.statements", "S"),
		Protocol:    b("key.protocol", "P"),
		Influencers: b("key.influencers", "I"),
		ActAs:       b("key.actas", "W"),
	}
	up, down := b("key.up", "k", "up"), b("key.down", "j", "down")
	k.Feed = FeedKeys{
		Up: up, Down: down,
		PageUp:   b("key.pageup", "pgup", "ctrl+b"),
		PageDown: b("key.pagedown", "pgdown", "ctrl+f", "space"),
		Top:      b("key.top", "g", "home"),
		Bottom:   b("key.bottom", "G", "end"),
		Follow:   b("key.follow", "f"),
		Negative: b("key.negative", "n"),
		Platform: b("key.platform", "p"),
		Severity: b("key.severity", "s"),
		Search:   b("key.search", "/"),
		Open:     b("key.open", "enter"),
		Copy:     b("key.copy", "c"),
	}
	k.Clocks = ClockKeys{
		Up: up, Down: down,
		Declare: b("key.declare", "D"),
		Met:     b("key.met", "m"),
		Level:   b("key.level", "e"),
	}
	k.Board = BoardKeys{
		Up: up, Down: down,
		Left:   b("key.left", "h", "["),
		Right:  b("key.right", "l", "]"),
		New:    b("key.newtask", "n"),
		Edit:   b("key.edit", "e"),
		Delete: b("key.delete", "x"),
		Open:   b("key.taskdetail", "enter"),
	}
	k.Detail = DetailKeys{Up: up, Down: down, Copy: b("key.copy", "c"), Close: b("key.close", "esc", "q")}
	k.Alerts = AlertKeys{Up: up, Down: down, Open: b("key.evidence", "enter"), Ack: b("key.ack", "A"), Close: b("key.close", "esc", "q")}
	k.Debrief = DebriefKeys{Add: b("key.note", "n")}
	k.Form = FormKeys{
		Next:   b("key.field.next", "tab", "down"),
		Prev:   b("key.field.prev", "shift+tab", "up"),
		Choice: b("key.choice", "left", "right"),
		Submit: b("key.submit", "enter"),
		Cancel: b("key.cancel", "esc"),
		Yes:    b("key.yes", "y", "enter"),
		No:     b("key.no", "n", "esc"),
	}
	k.Replay = ReplayKeys{
		Pause:    b("key.pause", "space"),
		Faster:   b("key.faster", "+", "="),
		Slower:   b("key.slower", "-"),
		Forward:  b("key.forward", "right"),
		Back:     b("key.back", "left"),
		NextMark: b("key.nextmark", "]"),
		PrevMark: b("key.prevmark", "["),
		GoTo:     b("key.goto", "g"),
	}
	k.replayKeys().setEnabled(false)
	return k
}

// forReplay turns the playback keys on. Two feed keys give way to them:
// space pauses (page down stays on pgdown and ctrl+f) and g goes to a time
// (the newest row stays on home). The board's [ and ] are write keys, off in
// a replay, so they never compete with the marks.
func (k *KeyMap) forReplay() {
	k.replayKeys().setEnabled(true)
	rebind(&k.Feed.PageDown, "pgdown", "ctrl+f")
	rebind(&k.Feed.Top, "home")
}

// rebind gives a binding new keys, keeping its help text.
func rebind(b *key.Binding, keys ...string) {
	b.SetKeys(keys...)
	b.SetHelp(keyLabel(keys), b.Help().Desc)
}

// keyList is a set of bindings switched together.
type keyList []*key.Binding

func (l keyList) setEnabled(on bool) {
	for _, b := range l {
		b.SetEnabled(on)
	}
}

func (k *KeyMap) replayKeys() keyList {
	r := &k.Replay
	return keyList{&r.Pause, &r.Faster, &r.Slower, &r.Forward, &r.Back, &r.NextMark, &r.PrevMark, &r.GoTo}
}

// replayHelp is the playback keys as help groups.
func (k *KeyMap) replayHelp() [][]key.Binding {
	r := k.Replay
	return [][]key.Binding{{r.Pause, r.Faster, r.Slower, r.GoTo}, {r.Forward, r.Back, r.NextMark, r.PrevMark}}
}

// keyLabel is the key column of help: "k/up", "enter". Arrows are spelled
// out: they are East Asian ambiguous-width and some CJK terminals draw them wide.
func keyLabel(keys []string) string {
	out := ""
	for i, k := range keys {
		if i == 2 { // two spellings are enough for help
			break
		}
		if i > 0 {
			out += "/"
		}
		out += k
	}
	return out
}

// setWritable enables or disables every binding that writes an event.
func (k *KeyMap) setWritable(on bool) {
	for _, b := range []*key.Binding{&k.Global.Ack, &k.Global.ActAs, &k.Alerts.Ack, &k.Debrief.Add, &k.Clocks.Declare, &k.Clocks.Met, &k.Clocks.Level,
		&k.Board.Left, &k.Board.Right, &k.Board.New, &k.Board.Edit, &k.Board.Delete} {
		b.SetEnabled(on)
	}
}

// bindings adapts a list of bindings to help.KeyMap.
type bindings struct {
	short []key.Binding
	full  [][]key.Binding
}

func (b bindings) ShortHelp() []key.Binding  { return b.short }
func (b bindings) FullHelp() [][]key.Binding { return b.full }

// keyBinding is a short name for the bindings lists help works with.
type keyBinding = key.Binding
