package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// form is a small modal form: text fields and choices, or a yes/no
// question. It keeps what was typed across resizes and incoming updates
// because nothing but its own keys ever touches it.
type form struct {
	sh      *session
	title   string
	message string // the question, for confirmations; a hint otherwise
	fields  []*formField
	focus   int
	err     string
	confirm bool // yes/no question: y or enter submits, n or esc cancels
	// submit acts on the values; an error keeps the form open and shows it.
	submit func(f *form) (tea.Cmd, error)
}

// formField is a text input, or a choice when choices is set.
type formField struct {
	label   string
	input   lineInput
	choices []string
	idx     int
}

// value returns the field's text, or its chosen label.
func (f *formField) value() string {
	if f.choices != nil {
		return f.choices[f.idx]
	}
	return strings.TrimSpace(f.input.Value())
}

func newForm(sh *session, title string, submit func(f *form) (tea.Cmd, error)) *form {
	return &form{sh: sh, title: title, submit: submit}
}

func newConfirm(sh *session, title, question string, yes func() tea.Cmd) *form {
	return &form{sh: sh, title: title, message: question, confirm: true,
		submit: func(*form) (tea.Cmd, error) { return yes(), nil }}
}

// text adds a text field; the first field added gets the focus.
func (f *form) text(label, value, placeholder string) *form {
	in := newInput("", placeholder)
	in.SetValue(value)
	f.fields = append(f.fields, &formField{label: label, input: in})
	f.focusField(f.focus)
	return f
}

// choice adds a choice field showing labels, starting at idx.
func (f *form) choice(label string, labels []string, idx int) *form {
	f.fields = append(f.fields, &formField{label: label, choices: labels, idx: min(max(idx, 0), len(labels)-1)})
	f.focusField(f.focus)
	return f
}

// field returns the i-th field.
func (f *form) field(i int) *formField { return f.fields[i] }

func (f *form) focusField(i int) {
	f.focus = i
	for j, fl := range f.fields {
		if fl.choices != nil {
			continue
		}
		if j == i {
			fl.input.Focus()
		} else {
			fl.input.Blur()
		}
	}
}

// typing reports whether keys would go into a text input right now.
func (f *form) typing() bool {
	return !f.confirm && len(f.fields) > 0 && f.fields[f.focus].choices == nil
}

// Update handles a key; done is true when the form should close.
func (f *form) Update(msg tea.Msg) (cmd tea.Cmd, done bool) {
	k := f.sh.keys.Form
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil, false
	}
	if f.confirm {
		switch {
		case key.Matches(km, k.Yes):
			c, _ := f.submit(f)
			return c, true
		case key.Matches(km, k.No):
			return nil, true
		}
		return nil, false
	}
	switch {
	case key.Matches(km, k.Cancel):
		return nil, true
	case key.Matches(km, k.Submit):
		c, err := f.submit(f)
		if err != nil {
			f.err = f.sh.errText(err)
			return nil, false
		}
		return c, true
	case key.Matches(km, k.Next):
		f.focusField((f.focus + 1) % len(f.fields))
		return nil, false
	case key.Matches(km, k.Prev):
		f.focusField((f.focus + len(f.fields) - 1) % len(f.fields))
		return nil, false
	}
	fl := f.fields[f.focus]
	if fl.choices != nil {
		switch km.String() {
		case "left", "h":
			fl.idx = (fl.idx + len(fl.choices) - 1) % len(fl.choices)
		case "right", "l", "space":
			fl.idx = (fl.idx + 1) % len(fl.choices)
		}
		return nil, false
	}
	fl.input.Update(msg)
	f.err = ""
	return nil, false
}

// paste sends pasted text to the focused input.
func (f *form) paste(msg tea.PasteMsg) tea.Cmd {
	if !f.typing() {
		return nil
	}
	f.fields[f.focus].input.Update(msg)
	return nil
}

// size is the form's outer width for a screen w wide.
func (f *form) size(w int) int { return min(w-4, 72) }

// View renders the form as a boxed block for a screen w wide.
func (f *form) View(w int) []string {
	st, c := f.sh.st, f.sh.c
	bw := f.size(w)
	inner := bw - 2
	var body []string
	if f.message != "" {
		for _, l := range wrap(f.message, inner-2) {
			body = append(body, " "+l)
		}
		body = append(body, "")
	}
	lw := 0
	for _, fl := range f.fields {
		lw = max(lw, width(fl.label))
	}
	vw := max(inner-lw-5, 4)
	for i, fl := range f.fields {
		mark := "  "
		if i == f.focus {
			mark = st.Marker.Render(">") + " "
		}
		var v string
		if fl.choices != nil {
			v = fit("< "+fl.choices[fl.idx]+" >", vw)
			if i == f.focus {
				v = st.Accent.Render(v)
			}
		} else {
			v = fl.input.View(st, vw)
		}
		body = append(body, mark+fit(fl.label, lw)+"  "+v)
	}
	if f.err != "" {
		body = append(body, "", " "+st.Error.Render(fit(f.err, inner-2)))
	}
	body = append(body, "")
	if f.confirm {
		body = append(body, " "+st.Dim.Render(c.T("form.confirmhint")))
	} else {
		body = append(body, " "+st.Dim.Render(c.T("form.hint")))
	}
	return box(st, f.title, body, bw, len(body)+2, true)
}
