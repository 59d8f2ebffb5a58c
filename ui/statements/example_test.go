package statements_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"warroom/model"
	"warroom/model/plan"
	"warroom/ui/i18n"
	"warroom/ui/statements"
)

// miniRoot is the smallest root that mounts the workspace: it shows how the
// console's root routes keys and answers the workspace's writes. The real
// root validates against its projected state and writes through its
// backend in a command; here the write is folded at once.
type miniRoot struct {
	state *model.State
	now   time.Time
	ws    statements.Workspace
	open  statements.Overlay // 0 when no overlay is open
}

func (r *miniRoot) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case statements.AppendMsg:
		// Check every event in order on a copy, then append them all.
		try := r.state.Clone()
		for _, e := range msg.Events {
			if err := try.Apply(e); err != nil {
				return r.route(statements.ResultMsg{ID: msg.ID, Err: err})
			}
		}
		r.state = try // the real root: backend.Append in a command, then fold
		r.ws.SetState(r.state, r.now)
		return r.route(statements.ResultMsg{ID: msg.ID})
	case statements.CloseMsg:
		r.open = 0
		return nil
	case tea.KeyPressMsg:
		if r.open == statements.WorkspaceOverlay {
			if msg.String() == "ctrl+c" && r.ws.Typing() {
				return nil // the real root asks before quitting over typed text
			}
			return r.route(msg) // text fields get keys first; '?' only when !Typing()
		}
		if msg.String() == "S" {
			r.open = statements.WorkspaceOverlay
			r.ws.SetState(r.state, r.now)
		}
	}
	return nil
}

// route hands a message to the workspace, open or not: a ResultMsg must
// reach it even after the overlay was closed.
func (r *miniRoot) route(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	r.ws, cmd = r.ws.Update(msg)
	return cmd
}

// run delivers a message and what its commands return, as the program does.
func (r *miniRoot) run(msg tea.Msg) {
	for msg != nil {
		cmd := r.Update(msg)
		msg = nil
		if cmd != nil {
			msg = cmd()
		}
	}
}

func Example() {
	p := plan.Default()
	t0 := time.Date(2025, 3, 15, 14, 30, 0, 0, time.UTC)
	sc, _ := p.Scenario("food_safety")
	st := model.NewState()
	for _, e := range sc.Declare(t0, "en", p, "张三", model.LevelNone) {
		_ = st.Apply(e)
	}
	opts := statements.Options{Plan: p, Operator: p.Actor("张三"), Lang: i18n.EN,
		Styles: statements.NewStyles(true, true), Clock: model.NewManualClock(t0), Location: time.UTC}
	r := &miniRoot{state: st, now: t0, ws: statements.NewWorkspace(opts)}
	r.ws.SetSize(120, 40)

	for _, k := range []tea.KeyPressMsg{
		{Code: 's', ShiftedCode: 'S', Text: "S", Mod: tea.ModShift}, // open the workspace
		{Code: 'n', Text: "n"}, // new draft: holding, Weibo, from the scenario's template
		{Code: tea.KeyEnter},   // create it
		{Code: 'a', Text: "a"}, // approve: refused, 张三 is the lead
	} {
		r.run(k)
	}
	fmt.Println(strings.Contains(r.ws.View(), "only legal may review; you are acting as 张三 (lead)"))
	r.run(tea.KeyPressMsg{Code: tea.KeyEscape}) // close the overlay
	s1 := r.state.Statement("s1")
	fmt.Println(s1.Kind, s1.Platform, s1.Status, r.open == 0)

	// The influencer view loads posts through the store in a command.
	infl := statements.NewInfluencers(opts)
	cmd := infl.Load(func(ctx context.Context, in plan.Influencer, limit int) ([]*model.Mention, error) {
		return nil, errors.New("no store in this example")
	})
	infl, _ = infl.Update(cmd())
	infl.SetSize(80, 10)
	fmt.Println(strings.Contains(infl.View(), "could not load posts"))
	// Output:
	// true
	// holding weibo draft true
	// true
}
