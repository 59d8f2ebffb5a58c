package statements

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// WorkspaceKeys are the statement workspace's bindings. Bindings that do
// not apply to the selected statement now are disabled, so help does not
// offer them; pressing one anyway says why on the status line. The value
// satisfies help.KeyMap and shows the keys of the current mode (list,
// editor or form).
type WorkspaceKeys struct {
	Up, Down, New, Edit, Save, Submit, Withdraw, Approve, Reject, Publish key.Binding
	ChecksUp, ChecksDown, Close                                           key.Binding

	// In the editor.
	Leave, NewLine key.Binding
	// In forms.
	Field, Choose, Confirm, Cancel key.Binding

	mode mode
}

// ScrollKeys are the bindings of the protocol card and the influencer view.
type ScrollKeys struct {
	Up, Down, PageUp, PageDown, Top, Bottom, Close key.Binding
}

func binder(c catalog) func(help string, keys ...string) key.Binding {
	return func(help string, keys ...string) key.Binding {
		label := keys[0]
		if len(keys) > 1 {
			label += "/" + keys[1]
		}
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(label, c.T(help)))
	}
}

func newWorkspaceKeys(c catalog) WorkspaceKeys {
	b := binder(c)
	return WorkspaceKeys{
		Up:         b("key.up", "k", "up"),
		Down:       b("key.down", "j", "down"),
		New:        b("key.new", "n"),
		Edit:       b("key.edit", "e", "enter"),
		Save:       b("key.save", "ctrl+s"),
		Submit:     b("key.tolegal", "r"),
		Withdraw:   b("key.withdraw", "w"),
		Approve:    b("key.approve", "a"),
		Reject:     b("key.reject", "x"),
		Publish:    b("key.publish", "p"),
		ChecksUp:   b("key.checks", "pgup"),
		ChecksDown: b("key.checks", "pgdown"),
		Close:      b("key.close", "esc", "q"),
		Leave:      b("key.leave", "esc"),
		NewLine:    b("key.newline", "enter"),
		Field:      b("key.field", "tab", "shift+tab"),
		Choose:     b("key.choose", "left", "right"),
		Confirm:    b("key.confirm", "enter"),
		Cancel:     b("key.cancel", "esc"),
	}
}

// ShortHelp returns the most useful keys of the current mode.
func (k WorkspaceKeys) ShortHelp() []key.Binding {
	switch k.mode {
	case modeEdit:
		return []key.Binding{k.Save, k.Leave}
	case modeNew, modePublish:
		return []key.Binding{k.Field, k.Choose, k.Confirm, k.Cancel}
	case modeReview:
		return []key.Binding{k.Confirm, k.Cancel}
	}
	return []key.Binding{k.New, k.Edit, k.Save, k.Submit, k.Withdraw, k.Approve, k.Reject, k.Publish, k.Close}
}

// FullHelp returns every key of the current mode, grouped.
func (k WorkspaceKeys) FullHelp() [][]key.Binding {
	switch k.mode {
	case modeEdit:
		return [][]key.Binding{{k.Save, k.Leave, k.NewLine}}
	case modeNew, modePublish:
		return [][]key.Binding{{k.Field, k.Choose, k.Confirm, k.Cancel}}
	case modeReview:
		return [][]key.Binding{{k.Confirm, k.Cancel}}
	}
	return [][]key.Binding{
		{k.Up, k.Down, k.ChecksUp, k.ChecksDown},
		{k.New, k.Edit, k.Save, k.Submit, k.Withdraw},
		{k.Approve, k.Reject, k.Publish, k.Close},
	}
}

func newScrollKeys(c catalog) ScrollKeys {
	b := binder(c)
	return ScrollKeys{
		Up:       b("key.up", "k", "up"),
		Down:     b("key.down", "j", "down"),
		PageUp:   b("key.page", "pgup", "b"),
		PageDown: b("key.page", "pgdown", "space", "f"),
		Top:      b("key.ends", "g", "home"),
		Bottom:   b("key.ends", "G", "end"),
		Close:    b("key.close", "esc", "q"),
	}
}

// ShortHelp returns the scroll keys.
func (k ScrollKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.PageDown, k.Close}
}

// FullHelp returns every scroll key.
func (k ScrollKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown}, {k.Top, k.Bottom, k.Close}}
}

// scroll applies a scroll key to an offset; it reports whether msg was one.
func (k ScrollKeys) scroll(msg tea.KeyPressMsg, off *int, page int) bool {
	switch {
	case key.Matches(msg, k.Up):
		*off--
	case key.Matches(msg, k.Down):
		*off++
	case key.Matches(msg, k.PageUp):
		*off -= max(page-1, 1)
	case key.Matches(msg, k.PageDown):
		*off += max(page-1, 1)
	case key.Matches(msg, k.Top):
		*off = 0
	case key.Matches(msg, k.Bottom):
		*off = 1 << 30 // clamped when drawn
	default:
		return false
	}
	*off = max(*off, 0)
	return true
}

// pressed reports whether msg is one of b's keys, enabled or not: a
// disabled action still answers with the reason it is unavailable.
func pressed(msg tea.KeyPressMsg, b key.Binding) bool {
	s := msg.String()
	for _, k := range b.Keys() {
		if k == s {
			return true
		}
	}
	return false
}
