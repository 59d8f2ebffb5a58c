package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"warroom/model"
)

// debriefSections are the post-crisis note sections, in the order a
// debrief meeting goes through them.
var debriefSections = []string{model.NoteWentWell, model.NoteWentWrong, model.NoteAction}

// debriefOverlay is the post-crisis analysis notes: what went well, what
// went wrong, and the actions to take, each written by someone, each an
// event, so the report lists them with their authors.
type debriefOverlay struct {
	sh  *session
	off int
}

func (o *debriefOverlay) KeyMap() bindings {
	k, d := o.sh.keys.Detail, o.sh.keys.Debrief
	return bindings{short: []key.Binding{d.Add, k.Up, k.Down, k.Close}, full: [][]key.Binding{{d.Add}, {k.Up, k.Down, k.Close}}}
}

// Update scrolls, closes, and opens the form for a new note.
func (o *debriefOverlay) Update(msg tea.Msg) (tea.Cmd, bool) {
	if km, ok := msg.(tea.KeyPressMsg); ok && key.Matches(km, o.sh.keys.Debrief.Add) {
		return msgCmd(openFormMsg{f: noteForm(o.sh)}), false
	}
	return nil, scroll(o.sh, msg, &o.off)
}

// View renders the notes by section, each with its author and time.
func (o *debriefOverlay) View(w, h int) []string {
	sh := o.sh
	st, c := sh.st, sh.c
	inner := w - 4
	var lines []string
	for _, sec := range debriefSections {
		if len(lines) > 0 {
			lines = append(lines, "")
		}
		lines = append(lines, " "+st.Bold.Render(c.T("debrief."+sec)))
		n := 0
		for _, note := range sh.state.Notes {
			if note.Section != sec {
				continue
			}
			n++
			who := st.Dim.Render(" — " + clean(note.Author) + " " + sh.hm(note.At))
			ls := wrap(clean(note.Text), inner-2)
			for i, l := range ls {
				if i == len(ls)-1 {
					l += who
				}
				prefix := "  "
				if i == 0 {
					prefix = "• "
				}
				lines = append(lines, " "+prefix+l)
			}
		}
		if n == 0 {
			lines = append(lines, " "+st.Dim.Render(c.T("debrief.none")))
		}
	}
	if !sh.readOnly() {
		lines = append(lines, "", " "+st.Dim.Render(c.T("debrief.hint")))
	}
	body := h - 2
	o.off = min(o.off, max(len(lines)-body, 0))
	return box(st, c.T("debrief.title"), lines[o.off:], w, h, true)
}

// noteForm writes one debrief note.
func noteForm(sh *session) *form {
	c := sh.c
	labels := make([]string, len(debriefSections))
	for i, s := range debriefSections {
		labels[i] = c.T("debrief." + s)
	}
	f := newForm(sh, c.T("debrief.add.title"), func(f *form) (tea.Cmd, error) {
		ev := sh.event(model.KindNote, model.NotePayload{Section: debriefSections[f.field(0).idx], Text: f.field(1).value()})
		if f.field(1).value() == "" {
			return nil, errEmptyNote{c.T("debrief.empty")}
		}
		if err := sh.check(ev); err != nil {
			return nil, err
		}
		return sh.write(ev), nil
	})
	f.choice(c.T("form.section"), labels, 0)
	f.text(c.T("form.note"), "", c.T("form.note.hint"))
	f.focusField(1)
	return f
}

type errEmptyNote struct{ msg string }

func (e errEmptyNote) Error() string { return e.msg }
