package ui

import (
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/rivo/uniseg"

	"warroom/model/text"
)

// lineInput is a one-line text field. It is written here rather than taken
// from bubbles/textinput so that every width goes through the console's one
// width engine (CJK and IME text line up to the cell) and so the module needs
// no clipboard dependency. It edits grapheme clusters, not runes, so a
// backspace never leaves half an emoji behind.
type lineInput struct {
	prompt      string
	placeholder string
	limit       int      // maximum graphemes; 0 for none
	g           []string // grapheme clusters
	pos         int      // cursor, in clusters
	focused     bool
}

func newInput(prompt, placeholder string) lineInput {
	return lineInput{prompt: prompt, placeholder: placeholder, limit: 500}
}

// Value returns the text.
func (in *lineInput) Value() string { return strings.Join(in.g, "") }

// SetValue replaces the text and puts the cursor at its end.
func (in *lineInput) SetValue(s string) {
	in.g, in.pos = in.g[:0], 0
	in.insert(s)
	in.pos = len(in.g)
}

// Focus and Blur say whether keys go here (and whether the cursor shows).
func (in *lineInput) Focus() { in.focused = true }
func (in *lineInput) Blur()  { in.focused = false }

// insert adds text at the cursor, sanitized to one line: pasted or typed
// text is never allowed to carry escape sequences into the screen.
func (in *lineInput) insert(s string) {
	// Sanitize, not OneLine: OneLine trims, and a typed space must stay.
	s = strings.ReplaceAll(text.Sanitize(s), "\n", " ")
	gr := uniseg.NewGraphemes(s)
	var add []string
	for gr.Next() {
		if in.limit > 0 && len(in.g)+len(add) >= in.limit {
			break
		}
		add = append(add, gr.Str())
	}
	if len(add) == 0 {
		return
	}
	in.g = append(in.g[:in.pos], append(add, in.g[in.pos:]...)...)
	in.pos += len(add)
}

// Update edits the text for a key press or a paste.
func (in *lineInput) Update(msg tea.Msg) {
	switch msg := msg.(type) {
	case tea.PasteMsg:
		in.insert(msg.Content)
	case tea.KeyPressMsg:
		switch msg.String() {
		case "left", "ctrl+b":
			in.pos = max(in.pos-1, 0)
		case "right", "ctrl+f":
			in.pos = min(in.pos+1, len(in.g))
		case "home", "ctrl+a":
			in.pos = 0
		case "end", "ctrl+e":
			in.pos = len(in.g)
		case "backspace", "ctrl+h":
			if in.pos > 0 {
				in.g = append(in.g[:in.pos-1], in.g[in.pos:]...)
				in.pos--
			}
		case "delete", "ctrl+d":
			if in.pos < len(in.g) {
				in.g = append(in.g[:in.pos], in.g[in.pos+1:]...)
			}
		case "ctrl+u":
			in.g = append(in.g[:0], in.g[in.pos:]...)
			in.pos = 0
		case "ctrl+k":
			in.g = in.g[:in.pos]
		case "ctrl+w", "alt+backspace":
			i := in.pos
			for i > 0 && in.g[i-1] == " " {
				i--
			}
			for i > 0 && in.g[i-1] != " " {
				i--
			}
			in.g = append(in.g[:i], in.g[in.pos:]...)
			in.pos = i
		case "space":
			in.insert(" ")
		default:
			if msg.Text != "" && msg.Mod&^tea.ModShift == 0 {
				in.insert(msg.Text) // an IME may send a whole phrase at once
			}
		}
	}
}

// View renders the field exactly w cells wide, scrolled so the cursor shows.
func (in *lineInput) View(st *Styles, w int) string {
	pw := width(in.prompt)
	avail := w - pw
	if avail <= 1 {
		return fit(in.prompt, w)
	}
	if len(in.g) == 0 && !in.focused {
		return fit(in.prompt+st.Dim.Render(in.placeholder), w)
	}
	// Start far enough back that the cursor cell is inside the field.
	start, used := in.pos, 1
	for start > 0 {
		cw := width(in.g[start-1])
		if used+cw > avail {
			break
		}
		used += cw
		start--
	}
	var b strings.Builder
	b.WriteString(in.prompt)
	room := avail
	for i := start; i <= len(in.g); i++ {
		cell := " "
		if i < len(in.g) {
			cell = in.g[i]
		}
		cw := width(cell)
		if cw > room {
			break
		}
		room -= cw
		if i == in.pos && in.focused {
			b.WriteString(st.cursor(cell))
		} else if i < len(in.g) {
			b.WriteString(cell)
		}
	}
	if len(in.g) == 0 && in.placeholder != "" {
		b.WriteString(st.Dim.Render(in.placeholder))
	}
	return fit(b.String(), w)
}
