package ui

import (
	"slices"
	"strings"
	"testing"
	"time"

	"warroom/model"
	"warroom/ui/i18n"
	"warroom/ui/statements"
)

// declaredFood is the alarmed incident declared under the food-safety
// scenario of the sample plan, by 张三 (the plan's lead).
func declaredFood(t *testing.T, opts ...rigOpt) *rig {
	t.Helper()
	opts = append([]rigOpt{withPlan, func(o *Options) { o.Operator = o.Plan.Actor("张三") }}, opts...)
	r := newRig(t, alarmed(), 160, 45, opts...)
	r.key("2", "D", "enter", "esc")
	if r.m.sh.state.Incident.Scenario != "food_safety" {
		t.Fatal("not declared")
	}
	return r
}

func TestStatementWorkspaceWrites(t *testing.T) {
	r := declaredFood(t)
	r.key("S")
	if r.m.stm.open != statements.WorkspaceOverlay {
		t.Fatal("S did not open the workspace")
	}
	n := len(r.b.kinds())
	r.key("n", "enter") // a holding statement from the scenario's template
	kinds := r.b.kinds()[n:]
	if !slices.Equal(kinds, []string{model.KindDraft}) {
		t.Fatalf("the new draft wrote %v", kinds)
	}
	s1 := r.m.sh.state.Statement("s1")
	if s1 == nil || s1.Author != "张三" {
		t.Fatalf("statement not in the state: %+v", s1)
	}
	r.mustShow("s1")
	// Approving needs legal: the workspace refuses before asking; a write
	// the state refuses is answered without touching the file.
	n = len(r.b.kinds())
	r.send(statements.AppendMsg{ID: 99, Events: []model.Event{r.m.sh.event(model.KindApprove, model.ReviewPayload{ID: "s1"})}})
	if len(r.b.kinds()) != n {
		t.Fatal("an illegal review was written")
	}
	// Typing in the editor: letters are text, not shortcuts; q does not quit.
	r.key("e")
	if !r.m.typing() {
		t.Fatal("the editor does not have the keyboard")
	}
	r.typeText("q2a")
	if r.quit || r.m.focus != focusClocks {
		t.Fatal("typed letters acted as shortcuts")
	}
	r.key("ctrl+c")
	r.mustShow("Quit?")
	r.key("n")
	r.key("esc") // leave the editor, text kept unsaved
	r.key("?")
	r.mustShow("Keys")
	r.key("esc")
	r.key("esc") // close the workspace
	if r.m.stm.open != 0 {
		t.Fatal("esc did not close the workspace")
	}
	r.key("q")
	if r.quit {
		t.Fatal("quit with unsaved statement text, without asking")
	}
	r.mustShow("Statements s1 have unsaved text")
	r.key("n", "S")
	if !strings.Contains(r.screen(), "q2a") {
		t.Fatal("typed text lost on closing and reopening")
	}
}

func TestProtocolAndInfluencers(t *testing.T) {
	r := declaredFood(t)
	r.b.add(&model.Mention{Platform: model.Weibo, AuthorName: "@食品安全观察（示例）", AuthorFollowers: 1_200_000,
		Text: "已联系品牌方，等待检测结果", CreatedAt: t0.Add(-time.Minute)})
	r.key("P")
	if r.m.stm.open != statements.ProtocolOverlay {
		t.Fatal("P did not open the protocol card")
	}
	r.mustShow("张三")
	r.key("j", "esc")
	if r.m.stm.open != 0 {
		t.Fatal("esc did not close the card")
	}
	r.key("I")
	if r.m.stm.open != statements.InfluencersOverlay {
		t.Fatal("I did not open the influencer view")
	}
	r.mustShow("已联系品牌方")
	r.key("q")
	if r.m.stm.open != 0 || r.quit {
		t.Fatal("q closes the view, it does not quit")
	}
	// Live posts by an influencer reach the view without a reload.
	ms := r.b.add(&model.Mention{Platform: model.Weibo, AuthorName: "食品安全观察（示例）", Text: "检测报告已出", CreatedAt: t0})
	r.send(updatesMsg{u: Update{Mentions: ms}})
	r.key("I")
	r.mustShow("检测报告已出")
}

func TestTrustedMarkInFeed(t *testing.T) {
	b := fixture()
	b.add(&model.Mention{Platform: model.Weibo, AuthorName: "@食品安全观察（示例）", AuthorFollowers: 1_200_000, Text: "可信博主的帖子", CreatedAt: t0})
	r := newRig(t, b, 120, 40, withPlan)
	line := ""
	for _, l := range strings.Split(r.screen(), "\n") {
		if strings.Contains(l, "可信博主的帖子") {
			line = l
		}
	}
	if !strings.Contains(line, trustedMark+"@食") {
		t.Fatalf("no trusted mark: %q", line)
	}
	if strings.Count(r.screen(), trustedMark) != 1 {
		t.Fatal("other rows marked trusted")
	}
	checkFrame(t, r.m.View().Content, 120, 40)
}

func TestStatementsReadOnlyInReplay(t *testing.T) {
	st := openReplay(t, replayFile(t, true))
	r := replayRig(t, st, 160, 45, t0, withPlan, withLang(i18n.ZH))
	r.key("space", "S")
	if r.m.stm.open != statements.WorkspaceOverlay {
		t.Fatal("S did not open the workspace in a replay")
	}
	r.mustShow("s1") // the statement published at 13:59
	r.key("n")
	r.mustShow("只读")
	r.key("esc", "esc")
	// The replay moves the workspace's statements with it.
	r.key("g")
	r.typeText("13:00")
	r.key("enter", "S")
	r.mustNotShow("我们已关注到相关反馈")
}

func TestStatementHelpAndFrames(t *testing.T) {
	r := declaredFood(t)
	for _, k := range []string{"S", "P", "I"} {
		r.key(k)
		for _, sz := range [][2]int{{80, 24}, {120, 40}, {200, 60}} {
			r.send(sizeMsg(sz[0], sz[1]))
			checkFrame(t, r.m.View().Content, sz[0], sz[1])
		}
		r.key("esc")
	}
	r.key("?")
	r.mustShow("statements")
	r.mustShow("protocol card")
	r.mustShow("trusted influencers")
}

// TestCtrlCQuitsFromOverlays: with nothing typed, ctrl+c quits whatever is
// open; q only closes the overlay.
func TestCtrlCQuitsFromOverlays(t *testing.T) {
	for _, k := range []string{"S", "P", "I", "M", "a", "enter", "?"} {
		r := declaredFood(t)
		r.key(k, "ctrl+c")
		if !r.quit {
			t.Errorf("ctrl+c over %s did not quit", k)
		}
	}
}

// The team shares one keyboard: W hands it to the lawyer, who approves what
// the lead wrote, and each step is recorded under who took it.
func TestActAsHandsTheKeyboardToTheLawyer(t *testing.T) {
	r := declaredFood(t)
	r.key("S", "n", "tab", "tab", "left", "enter", "e")
	r.typeText("我们已关注到网友反映的情况，对此深感抱歉。经初步核实，涉事批次为3月10日生产。我们已下架涉事批次并暂停销售。" +
		"受影响的消费者可全额退款并获得赔偿。请拨打客服热线400-000-0000。我们将于今晚20:00前公布调查进展。")
	r.key("ctrl+s", "esc", "r")
	if s1 := r.m.sh.state.Statement("s1"); s1 == nil || s1.Status != model.StatementInReview || s1.Editor != "张三" {
		t.Fatalf("not in review as 张三's text: %+v", s1)
	}
	r.key("W")
	r.mustShow("Who is at the keyboard")
	r.mustShow("< 张三 (lead) >")
	r.key("right", "right")
	r.mustShow("< 王五 (legal) >")
	r.key("enter")
	if r.m.form != nil || r.m.stm.open == 0 {
		t.Fatal("the form stayed open, or the workspace closed")
	}
	if got := r.m.sh.opts.Operator; got.Name != "王五" || !got.Has(model.RoleLegal) {
		t.Fatalf("operator %+v", got)
	}
	r.key("a", "enter")
	s1 := r.m.sh.state.Statement("s1")
	if s1.Status != model.StatementApproved || s1.Reviewer != "王五" || s1.Author != "张三" {
		t.Fatalf("after the lawyer's approval: %+v", s1)
	}
	// Outside the workspace too, and back: events carry who acts now.
	r.key("esc", "W", "left", "left", "enter")
	r.mustShow("now acting as 张三 (lead)")
	if e := r.m.sh.event(model.KindNote, nil); e.Actor != "张三" {
		t.Fatalf("event actor %q after switching back", e.Actor)
	}
}
