package ui

import (
	"testing"

	"warroom/model"
)

// L opens the debrief notes; n writes a signed note into a section; the
// notes show under their sections with their authors.
func TestDebriefNotes(t *testing.T) {
	r := newRig(t, fixture(), 120, 40)
	r.key("L")
	if _, ok := r.m.over.(*debriefOverlay); !ok {
		t.Fatal("L did not open the debrief notes")
	}
	r.mustShow("What went well")
	r.mustShow("(nothing noted yet)")
	r.key("n")
	if r.m.form == nil {
		t.Fatal("n did not open the note form")
	}
	r.key("enter") // nothing typed: refused, the form stays
	if r.m.form == nil {
		t.Fatal("an empty note was accepted")
	}
	r.key("up", "right") // section: what went wrong
	r.key("down")
	r.typeText("声明发布晚了两个小时")
	r.key("enter")
	if r.m.form != nil {
		t.Fatal("the note form did not close")
	}
	evs := r.b.appended
	if len(evs) != 1 || evs[0].Kind != model.KindNote {
		t.Fatalf("appended %v", r.b.kinds())
	}
	var p model.NotePayload
	if err := evs[0].Decode(&p); err != nil || p.Section != model.NoteWentWrong || p.Text != "声明发布晚了两个小时" || evs[0].Actor != "王芳" {
		t.Fatalf("note %+v by %q (%v)", p, evs[0].Actor, err)
	}
	r.key("L")
	r.mustShow("声明发布晚了两个小时")
	r.mustShow("王芳")
	r.key("j", "k", "esc")
	if r.m.over != nil {
		t.Fatal("esc did not close the notes")
	}
}

// In a replay the notes are shown but not written.
func TestDebriefReadOnly(t *testing.T) {
	r := newRig(t, fixture(), 120, 40, func(o *Options) { o.ReadOnly = true })
	r.key("L", "n")
	if r.m.form != nil || len(r.b.appended) != 0 {
		t.Fatal("a read-only session opened the note form")
	}
}
