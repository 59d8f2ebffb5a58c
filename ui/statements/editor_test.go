package statements

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

func sized(w, h int) *editor {
	e := newEditor(false)
	e.w, e.h = w, h
	return e
}

func TestEditorWrapsWithinWidth(t *testing.T) {
	st := NewStyles(true, true)
	cases := []struct {
		name, text string
		w          int
	}{
		{"latin", "We have seen the reports and we are deeply sorry for the worry caused.", 20},
		{"cjk", "我们已关注到网友反映的情况，对此深感抱歉。经初步核实，涉事批次为3月10日生产。", 17},
		{"emoji", "👩‍💻🇨🇳✌🏽 mixed 中文 e\u0301 ｗｉｄｅ 👨‍👩‍👧‍👦 end", 9},
		{"long word", strings.Repeat("x", 50), 12},
		{"narrow", "中文", 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := sized(c.w, 50)
			e.SetValue(c.text)
			for _, focused := range []bool{true, false} {
				for i, l := range e.View(st, nil, focused) {
					if got := ansi.StringWidth(l); got != c.w {
						t.Fatalf("row %d is %d cells, want %d: %q", i, got, c.w, l)
					}
				}
			}
			// Nothing is lost by wrapping.
			var b strings.Builder
			for _, r := range e.rows() {
				b.WriteString(strings.Join(e.lines[r.line][r.from:r.to], ""))
			}
			if b.String() != c.text {
				t.Fatalf("rows join to %q", b.String())
			}
		})
	}
}

func TestEditorPunctuation(t *testing.T) {
	e := sized(11, 10) // ten cells of text: five characters a row
	e.SetValue("一二三四五，六七八（九）")
	var rows []string
	for _, r := range e.rows() {
		rows = append(rows, strings.Join(e.lines[r.line][r.from:r.to], ""))
	}
	want := []string{"一二三四", "五，六七八", "（九）"}
	if strings.Join(rows, "|") != strings.Join(want, "|") {
		t.Fatalf("rows %q, want %q", rows, want)
	}
}

func TestEditorVerticalMovement(t *testing.T) {
	e := sized(11, 10)
	e.SetValue("一二三四五六七八九十\nab")
	e.row, e.col = 0, 2 // on 三, cell 4
	e.key(tea.KeyPressMsg{Code: tea.KeyDown})
	if e.row != 0 || e.col != 7 { // 八, the second visual row
		t.Fatalf("down: %d,%d", e.row, e.col)
	}
	e.key(tea.KeyPressMsg{Code: tea.KeyDown})
	if e.row != 1 || e.col != 2 { // the end of "ab": the goal column is past it
		t.Fatalf("down again: %d,%d", e.row, e.col)
	}
	e.key(tea.KeyPressMsg{Code: tea.KeyUp})
	e.key(tea.KeyPressMsg{Code: tea.KeyUp})
	if e.row != 0 || e.col != 2 {
		t.Fatalf("back up: %d,%d", e.row, e.col)
	}
	e.key(tea.KeyPressMsg{Code: tea.KeyUp})
	if e.col != 0 {
		t.Fatalf("up on the first row goes to the start: %d", e.col)
	}
}

func TestEditorJoinsClustersTypedApart(t *testing.T) {
	e := sized(20, 3)
	for _, r := range "a👩\u200d💻e\u0301" {
		e.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	if got := e.lines[0]; len(got) != 3 || got[1] != "👩\u200d💻" || got[2] != "e\u0301" {
		t.Fatalf("clusters %q", got)
	}
	e.key(tea.KeyPressMsg{Code: tea.KeyBackspace})
	e.key(tea.KeyPressMsg{Code: tea.KeyBackspace})
	if e.Value() != "a" {
		t.Fatalf("backspace left %q", e.Value())
	}
}

func TestEditorLimitAndSingleLine(t *testing.T) {
	e := newEditor(true)
	e.limit = 5
	e.Update(tea.PasteMsg{Content: "ab\ncdefg"})
	if e.Value() != "ab cd" {
		t.Fatalf("single-line paste %q", e.Value())
	}
	e.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
	if e.Value() != "ab cd" {
		t.Fatal("enter added a line to a one-line field")
	}
	m := newEditor(false)
	m.Update(tea.PasteMsg{Content: "one\r\ntwo\x1b[2Jthree\u202e"})
	if m.Value() != "one\ntwothree" || m.row != 1 {
		t.Fatalf("multi-line paste %q at row %d", m.Value(), m.row)
	}
	// ctrl and alt chords do not type.
	m.Update(tea.KeyPressMsg{Code: 'z', Text: "z", Mod: tea.ModCtrl})
	if strings.Contains(m.Value(), "z") {
		t.Fatal("a ctrl chord typed")
	}
}

func TestEditorScrollsToCursor(t *testing.T) {
	st := NewStyles(true, true)
	e := sized(10, 3)
	e.SetValue(strings.Repeat("line\n", 20) + "last")
	v := e.View(st, nil, true)
	if !strings.HasPrefix(v[2], "last_") {
		t.Fatalf("the cursor row is not shown: %q", v)
	}
	e.key(tea.KeyPressMsg{Code: tea.KeyPgUp})
	if e.row != 18 {
		t.Fatalf("pgup moved to row %d", e.row)
	}
}

func TestWrapAndFit(t *testing.T) {
	if got := wrap("我们已关注到，对此深感抱歉。", 6); strings.Join(got, "|") != "我们已|关注|到，对|此深感|抱歉。" {
		t.Fatalf("wrap %q", got)
	}
	if got := wrap("a fairly long sentence here", 10); strings.Join(got, "|") != "a fairly|long|sentence|here" {
		t.Fatalf("wrap %q", got)
	}
	for w := 1; w < 8; w++ {
		if got := ansi.StringWidth(fit("中文中文", w)); got != w {
			t.Fatalf("fit to %d gave %d cells", w, got)
		}
	}
}
