package statements

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"warroom/model"
	"warroom/model/draft"
	"warroom/model/plan"
	"warroom/ui/i18n"
)

// decode reads an event's payload, failing the test on error.
func decode[T any](t *testing.T, e model.Event) T {
	t.Helper()
	var v T
	if err := e.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

var timeZero time.Time

func kinds(evs []model.Event) []string {
	out := make([]string, len(evs))
	for i, e := range evs {
		out[i] = e.Kind
	}
	return out
}

// blankDraft drafts s1 from nothing and returns the desk with it selected.
func blankDraft(t *testing.T, d *desk, text string) {
	t.Helper()
	d.key("n", "tab", "tab", "left") // from: the last choice is "blank"
	d.key("enter")
	if got := d.m.Selected(); got == "" {
		t.Fatal("the new draft is not selected")
	}
	if text != "" {
		d.key("e")
		d.typeText(text)
		d.key("ctrl+s", "esc")
	}
}

const sincere = "我们已关注到网友反映的情况，对此深感抱歉。经初步核实，涉事批次为3月10日生产。" +
	"我们已下架涉事批次并暂停销售。受影响的消费者可全额退款并获得赔偿。请拨打客服热线400-000-0000。" +
	"我们将于今晚20:00前公布调查进展。"

func TestNewDraftFromTemplate(t *testing.T) {
	r := newRoot(t)
	d := r.desk("张三", i18n.ZH, 120, 40)
	d.key("n")
	if d.m.mode != modeNew {
		t.Fatal("n did not open the new-draft form")
	}
	d.mustShow("模板：食品安全")
	d.key("enter")
	evs := r.last()
	if len(evs) != 1 || evs[0].Kind != model.KindDraft || evs[0].Actor != "张三" || !evs[0].At.Equal(t0) {
		t.Fatalf("wrote %+v", evs)
	}
	p := decode[model.StatementPayload](t, evs[0])
	sc, _ := plan.Default().Scenario("food_safety")
	tmpl, _ := sc.Statement(model.StatementHolding)
	want := plan.Expand(tmpl.Text.In("zh"), plan.Default().Vars(t0, "zh"))
	if p.ID != "s1" || p.Kind != model.StatementHolding || p.Platform != model.Weibo || p.Text != want {
		t.Fatalf("draft payload %+v", p)
	}
	if strings.Contains(p.Text, "{brand}") || !strings.Contains(p.Text, "示例品牌") || !strings.Contains(p.Text, "{product}") {
		t.Fatalf("placeholders: known ones are filled, the team's are left: %q", p.Text)
	}
	if d.m.mode != modeList || d.m.Selected() != "s1" {
		t.Fatalf("after drafting: mode %d, selected %q", d.m.mode, d.m.Selected())
	}
	d.mustShow("已起草 s1")
	d.mustShow("待填写：{product}")
}

func TestNewDraftChoices(t *testing.T) {
	r := newRoot(t)
	d := r.desk("张三", i18n.EN, 120, 40)
	// kind: holding -> apology; platform: weibo -> douyin; source: last (blank).
	d.key("n", "right", "tab", "right", "tab", "left")
	d.mustShow("< apology >")
	d.mustShow("< Douyin >")
	d.mustShow("< blank >")
	d.key("enter")
	p := decode[model.StatementPayload](t, r.last()[0])
	if p.Kind != model.StatementApology || p.Platform != model.Douyin || p.Text != "" {
		t.Fatalf("payload %+v", p)
	}
	// A second draft can start as a copy of the selected one's text.
	d.key("e")
	d.typeText("draft one")
	d.key("esc", "n", "tab", "tab", "right")
	d.mustShow("< copy of s1 >")
	d.key("enter")
	p = decode[model.StatementPayload](t, r.last()[0])
	if p.ID != "s2" || p.Text != "draft one" {
		t.Fatalf("copy payload %+v", p)
	}
	// esc cancels the form and writes nothing.
	n := len(r.asked)
	d.key("n", "esc")
	if d.m.mode != modeList || len(r.asked) != n {
		t.Fatal("esc did not cancel the form")
	}
}

func TestEditSaves(t *testing.T) {
	r := newRoot(t)
	d := r.desk("张三", i18n.ZH, 120, 40)
	blankDraft(t, d, "")
	d.key("e")
	if !d.m.Typing() {
		t.Fatal("e did not focus the editor")
	}
	// Single letters type while the editor has the keyboard.
	n := len(r.asked)
	d.typeText("我们 r w a x p n")
	if len(r.asked) != n || d.m.mode != modeEdit {
		t.Fatal("a letter typed in the editor acted as a shortcut")
	}
	d.key("ctrl+s")
	evs := r.last()
	if kinds(evs)[0] != model.KindEdit {
		t.Fatalf("ctrl+s wrote %v", kinds(evs))
	}
	if p := decode[model.StatementPayload](t, evs[0]); p.ID != "s1" || p.Text != "我们 r w a x p n" {
		t.Fatalf("edit payload %+v", p)
	}
	if st := r.state.Statement("s1"); st.Version != 2 || st.Text != "我们 r w a x p n" {
		t.Fatalf("statement after edit: %+v", st)
	}
	// Saving again without a change writes nothing and says so.
	d.key("ctrl+s")
	if len(r.asked) != n+1 {
		t.Fatal("an unchanged text was saved again")
	}
	d.mustShow("自 v2 以来没有修改")
	d.key("esc")
	if d.m.Typing() || d.m.mode != modeList {
		t.Fatal("esc did not leave the editor")
	}
	// enter focuses the editor too.
	d.key("enter")
	if !d.m.Typing() {
		t.Fatal("enter did not focus the editor")
	}
}

func TestEditorKeys(t *testing.T) {
	r := newRoot(t)
	d := r.desk("张三", i18n.EN, 120, 40)
	blankDraft(t, d, "")
	d.key("e")
	d.typeText("hello world")
	d.key("ctrl+w")
	d.typeText("there")
	d.key("enter")
	d.typeText("line two")
	d.key("up", "end", "backspace")
	d.key("home", "delete")
	d.send(tea.PasteMsg{Content: "\x1b[31mH\x1b[0m\u202e"})
	got := d.m.bufs["s1"].ed.Value()
	if want := "Hello ther\nline two"; got != want {
		t.Fatalf("text %q, want %q", got, want)
	}
}

func TestSubmitWithdraw(t *testing.T) {
	r := newRoot(t)
	d := r.desk("张三", i18n.EN, 120, 40)
	blankDraft(t, d, "")
	// Empty text cannot go to review.
	n := len(r.asked)
	d.key("r")
	if len(r.asked) != n {
		t.Fatal("an empty statement was submitted")
	}
	d.mustShow("can't submit: the text is empty")
	// Unsaved text is saved and submitted in one write.
	d.key("e")
	d.typeText(sincere)
	d.key("esc", "r")
	if got := kinds(r.last()); !slices.Equal(got, []string{model.KindEdit, model.KindSubmit}) {
		t.Fatalf("r wrote %v", got)
	}
	if st := r.state.Statement("s1"); st.Status != model.StatementInReview || st.Text != sincere {
		t.Fatalf("after submit: %+v", st)
	}
	d.mustShow("s1 sent to legal review")
	// In review, editing is refused with the way out.
	d.key("e")
	if d.m.Typing() {
		t.Fatal("the editor opened on a statement in review")
	}
	d.mustShow("withdraw it (w) to edit")
	d.key("w")
	if got := kinds(r.last()); !slices.Equal(got, []string{model.KindWithdraw}) {
		t.Fatalf("w wrote %v", got)
	}
	if st := r.state.Statement("s1"); st.Status != model.StatementDraft {
		t.Fatalf("after withdraw: %s", st.Status)
	}
	n = len(r.asked)
	d.key("w")
	if len(r.asked) != n {
		t.Fatal("a draft was withdrawn")
	}
	d.mustShow("can't withdraw: it is not in legal review (draft)")
}

func TestSubmitNeedsPlaceholdersFilled(t *testing.T) {
	r := newRoot(t)
	d := r.desk("张三", i18n.ZH, 120, 40)
	d.key("n", "enter", "r")
	if len(r.asked) != 1 {
		t.Fatalf("a template with placeholders left was submitted: %d writes", len(r.asked))
	}
	d.mustShow("请先填写 {product} {batch} {next_update}")
	if d.m.KeyMap().Submit.Enabled() {
		t.Fatal("submit is offered with placeholders left")
	}
}

// inReview drafts a sincere statement as the lead and submits it.
func inReview(t *testing.T, r *root) *desk {
	t.Helper()
	d := r.desk("张三", i18n.EN, 120, 40)
	blankDraft(t, d, sincere)
	d.key("r")
	if st := r.state.Statement("s1"); st == nil || st.Status != model.StatementInReview {
		t.Fatalf("not in review: %+v", st)
	}
	return d
}

func TestApproveRefusedForNonLegal(t *testing.T) {
	r := newRoot(t)
	d := inReview(t, r)
	for _, k := range []string{"a", "x"} {
		n := len(r.asked)
		d.key(k)
		if len(r.asked) != n || d.m.mode != modeList {
			t.Fatalf("%s: a lead opened a review", k)
		}
		d.mustShow("only legal may review; you are acting as 张三 (lead)")
	}
	km := d.m.KeyMap()
	if km.Approve.Enabled() || km.Reject.Enabled() {
		t.Fatal("review keys are offered to a lead")
	}
	for _, b := range km.ShortHelp() {
		if b.Enabled() && b.Help().Desc == "approve" {
			t.Fatal("help lists approve for a lead")
		}
	}
	d.mustShow("only legal may review")
	// The model refuses anyway: an approval claiming only the lead role.
	e := model.NewEvent(t0, model.KindApprove, "张三", model.ReviewPayload{ID: "s1", Roles: []model.Role{model.RoleLead}})
	if err := r.state.Try(e); !errors.Is(err, model.ErrNotLegal) {
		t.Fatalf("model accepted a non-legal approval: %v", err)
	}
}

func TestApproveWithComment(t *testing.T) {
	r := newRoot(t)
	inReview(t, r)
	legal := r.desk("王五", i18n.ZH, 120, 40)
	legal.mustShow("a 批准 · x 驳回")
	legal.key("a")
	if !legal.m.Typing() {
		t.Fatal("a did not open the comment")
	}
	legal.mustShow("以 王五（法务） 身份批准 s1 v2")
	legal.typeText("可以发布 a x")
	legal.key("enter")
	evs := r.last()
	if len(evs) != 1 || evs[0].Kind != model.KindApprove || evs[0].Actor != "王五" {
		t.Fatalf("approve wrote %+v", evs)
	}
	p := decode[model.ReviewPayload](t, evs[0])
	if p.ID != "s1" || p.Comment != "可以发布 a x" || !slices.Equal(p.Roles, []model.Role{model.RoleLegal}) {
		t.Fatalf("review payload %+v", p)
	}
	st := r.state.Statement("s1")
	if st.Status != model.StatementApproved || st.ApprovedVer != 2 || st.Reviewer != "王五" {
		t.Fatalf("after approve: %+v", st)
	}
	if legal.m.mode != modeList {
		t.Fatal("the form stayed open after approval")
	}
	legal.mustShow("s1 已批准")
	legal.mustShow("王五：可以发布 a x")
	// The legal-review clock was met by the approval.
	legal.mustShow("已满足：法务审核周转")
}

// Legal review is a second pair of eyes: a lawyer who wrote the text under
// review is told who else can approve it, and the key is off, while another
// lawyer, once acting, approves.
func TestApproveRefusedToItsWriter(t *testing.T) {
	r := newRoot(t)
	lead := r.desk("张三", i18n.EN, 120, 40)
	blankDraft(t, lead, "")
	lawyer := r.desk("王五", i18n.EN, 120, 40)
	lawyer.key("e")
	lawyer.typeText(sincere)
	lawyer.key("ctrl+s", "esc", "r")
	if st := r.state.Statement("s1"); st.Status != model.StatementInReview || st.Editor != "王五" {
		t.Fatalf("not in review as 王五's text: %+v", st)
	}
	lawyer.mustShow("in legal review since 14:30 · you wrote it:")
	n := len(r.asked)
	lawyer.key("a")
	if len(r.asked) != n || lawyer.m.mode != modeList {
		t.Fatal("the writer opened an approval")
	}
	lawyer.mustShow("can't approve: 王五 last edited this; another legal reviewer must approve (W: act as 周律师（外部）)")
	if km := lawyer.m.KeyMap(); km.Approve.Enabled() || !km.Reject.Enabled() {
		t.Fatal("the writer is offered approve, or not offered reject")
	}
	// The model refuses anyway.
	e := model.NewEvent(t0, model.KindApprove, "王五", model.ReviewPayload{ID: "s1", Roles: []model.Role{model.RoleLegal}})
	if err := r.state.Try(e); !errors.Is(err, model.ErrSelfApproval) {
		t.Fatalf("model accepted an approval by the writer: %v", err)
	}
	// The other lawyer takes the keyboard.
	lawyer.m.SetOperator(plan.Default().Actor("周律师（外部）"))
	lawyer.mustShow("a approves")
	lawyer.key("a", "enter")
	if st := r.state.Statement("s1"); st.Status != model.StatementApproved || st.Reviewer != "周律师（外部）" {
		t.Fatalf("after the other lawyer's approval: %+v", st)
	}
}

// With nobody else in the legal role, the refusal says the plan is short of
// a reviewer rather than pointing at no one.
func TestApproveRefusedWithNoOtherReviewer(t *testing.T) {
	r := newRoot(t)
	p := *plan.Default()
	p.Team = slices.DeleteFunc(slices.Clone(p.Team), func(m model.Person) bool { return m.Has(model.RoleLegal) && m.Name != "王五" })
	for _, e := range []model.Event{
		model.NewEvent(t0, model.KindDraft, "王五", model.StatementPayload{ID: "s1", Kind: model.StatementHolding, Platform: model.Weibo, Text: sincere}),
		model.NewEvent(t0, model.KindSubmit, "王五", model.StatementPayload{ID: "s1"}),
	} {
		if err := r.state.Apply(e); err != nil {
			t.Fatal(err)
		}
	}
	m := NewWorkspace(Options{Plan: &p, Operator: p.Actor("王五"), Lang: i18n.ZH, Styles: NewStyles(true, true), Clock: r.clock, Location: cst})
	m.SetSize(120, 40)
	m.SetState(r.state, r.clock.Now())
	d := &desk{r: r, m: m}
	d.key("a")
	d.mustShow("这一版由 王五 起草，须由另一位法务批准（预案中没有其他法务）")
}

func TestRejectNeedsComment(t *testing.T) {
	r := newRoot(t)
	inReview(t, r)
	legal := r.desk("王五", i18n.EN, 120, 40)
	legal.key("x", "enter")
	if len(r.asked) != 3 || legal.m.mode != modeReview {
		t.Fatal("a rejection without a comment was sent, or the form closed")
	}
	legal.mustShow("a rejection needs a comment")
	legal.typeText("remove the compensation promise")
	legal.key("enter")
	p := decode[model.ReviewPayload](t, r.last()[0])
	if r.last()[0].Kind != model.KindReject || p.Comment != "remove the compensation promise" || !slices.Contains(p.Roles, model.RoleLegal) {
		t.Fatalf("reject wrote %s %+v", r.last()[0].Kind, p)
	}
	if st := r.state.Statement("s1"); st.Status != model.StatementRejected {
		t.Fatalf("after reject: %s", st.Status)
	}
	legal.mustShow("rejected by 王五")
	// esc cancels a review without writing.
	n := len(r.asked)
	author := r.desk("张三", i18n.EN, 120, 40)
	author.key("r") // resubmit the rejected statement
	legal.m.SetState(r.state, t0)
	legal.key("a", "esc")
	if len(r.asked) != n+1 || legal.m.mode != modeList {
		t.Fatal("esc did not cancel the review")
	}
}

func approved(t *testing.T, r *root) (author, legal *desk) {
	t.Helper()
	author = inReview(t, r)
	legal = r.desk("王五", i18n.EN, 120, 40)
	legal.key("a", "enter")
	author.m.SetState(r.state, t0)
	if r.state.Statement("s1").Status != model.StatementApproved {
		t.Fatal("not approved")
	}
	return author, legal
}

func TestPublish(t *testing.T) {
	r := newRoot(t)
	author, _ := approved(t, r)
	author.mustShow("approved v2 by 王五 · p publishes")
	author.key("p")
	author.mustShow("< Weibo >")
	author.key("right", "left", "enter")
	evs := r.last()
	if len(evs) != 1 || evs[0].Kind != model.KindPublish || evs[0].Actor != "张三" {
		t.Fatalf("publish wrote %+v", evs)
	}
	if p := decode[model.StatementPayload](t, evs[0]); p.ID != "s1" || p.Platform != model.Weibo {
		t.Fatalf("publish payload %+v", p)
	}
	// The holding statement on Weibo met the holding and golden-four-hours clocks.
	author.mustShow("s1 published on Weibo · met: 首次表态：态度声明, 黄金4小时：微博正式回应")
	author.mustShow("met: 首次表态")
	if got := metBy(r.state, "s1", timeZero); !slices.Equal(got, []string{"首次表态：态度声明", "黄金4小时：微博正式回应", "法务审核周转"}) {
		t.Fatalf("clocks met by s1: %v", got)
	}
	author.mustShow("published on Weibo at 14:30 by 张三")
	// Nothing more can happen to it.
	for _, k := range []string{"e", "r", "p"} {
		n := len(r.asked)
		author.key(k)
		if len(r.asked) != n {
			t.Fatalf("%s acted on a published statement", k)
		}
	}
	author.mustShow("it is published")
}

func TestPublishChoosesPlatform(t *testing.T) {
	r := newRoot(t)
	author, _ := approved(t, r)
	author.key("p", "right", "right")
	author.mustShow("< XHS >")
	author.key("enter")
	if p := decode[model.StatementPayload](t, r.last()[0]); p.Platform != model.Xiaohongshu {
		t.Fatalf("published on %s", p.Platform)
	}
	if st := r.state.Statement("s1"); st.PublishedOn != model.Xiaohongshu {
		t.Fatalf("state says %s", st.PublishedOn)
	}
}

func TestReapprovalAfterEdit(t *testing.T) {
	r := newRoot(t)
	author, legal := approved(t, r)
	author.key("e")
	author.mustShow("editing an approved statement")
	author.typeText("补充：")
	author.key("ctrl+s", "esc")
	st := r.state.Statement("s1")
	if st.Status != model.StatementDraft || st.Version != 3 || st.ApprovedVer != 2 {
		t.Fatalf("after editing an approved statement: %+v", st)
	}
	n := len(r.asked)
	author.key("p")
	if len(r.asked) != n {
		t.Fatal("an edited statement was offered for publishing")
	}
	author.mustShow("can't publish: legal approved v2 but this is v3: submit it again")
	author.mustShow("legal approved v2; this is v3 · r submits it")
	if author.m.KeyMap().Publish.Enabled() {
		t.Fatal("publish is enabled for a stale approval")
	}
	// Even if a stale workspace sends it, the model refuses it, and the
	// refusal is shown without losing anything.
	legal.m.SetState(r.state, t0)
	e := model.NewEvent(t0, model.KindPublish, "王五", model.StatementPayload{ID: "s1", Platform: model.Weibo})
	if err := r.state.Try(e); !errors.Is(err, model.ErrNotApproved) {
		t.Fatalf("model published a stale approval: %v", err)
	}
	// Submit and approve again, then publishing works.
	author.key("r")
	legal.m.SetState(r.state, t0)
	legal.key("a", "enter")
	author.m.SetState(r.state, t0)
	author.key("p", "enter")
	if st := r.state.Statement("s1"); st.Status != model.StatementPublished || st.ApprovedVer != 3 {
		t.Fatalf("after re-approval and publish: %+v", st)
	}
}

func TestTextSurvivesStateAndReopen(t *testing.T) {
	r := newRoot(t)
	d := r.desk("张三", i18n.ZH, 120, 40)
	blankDraft(t, d, "第一版")
	d.key("e", "end")
	d.typeText("，未保存的补充")
	d.key("esc")
	// Someone else drafts another statement: the state changes under us.
	other := r.desk("李四", i18n.ZH, 120, 40)
	other.key("n", "enter")
	d.m.SetState(r.state, t0)
	if got := d.m.bufs["s1"].ed.Value(); got != "第一版，未保存的补充" {
		t.Fatalf("typed text after a state update: %q", got)
	}
	// Close (esc in the list asks the root) and reopen the same value.
	d.key("esc")
	if !d.closed {
		t.Fatal("esc in the list did not ask to close")
	}
	d.m.SetSize(80, 24)
	d.m.SetState(r.state, t0)
	if sel := d.m.Selected(); sel != "s1" {
		t.Fatalf("reopened on %q", sel)
	}
	d.mustShow("第一版，未保存的补充")
	d.mustShow("未保存")
	if got := d.m.Unsaved(); !slices.Equal(got, []string{"s1"}) {
		t.Fatalf("unsaved %v", got)
	}
	// A refused save keeps the text and says why.
	r.refuse = errors.New("database is locked")
	d.key("ctrl+s")
	d.mustShow("被拒绝：database is locked")
	if got := d.m.bufs["s1"].ed.Value(); got != "第一版，未保存的补充" {
		t.Fatalf("text after a refused save: %q", got)
	}
	// Someone edits s1 elsewhere: ours is kept, and the conflict shown.
	e := model.NewEvent(t0, model.KindEdit, "李四", model.StatementPayload{ID: "s1", Text: "李四的版本"})
	if err := r.state.Apply(e); err != nil {
		t.Fatal(err)
	}
	d.m.SetState(r.state, t0)
	if got := d.m.bufs["s1"].ed.Value(); got != "第一版，未保存的补充" {
		t.Fatalf("text after someone else's edit: %q", got)
	}
	d.mustShow("他处已改为 v3")
	d.key("ctrl+s")
	if st := r.state.Statement("s1"); st.Text != "第一版，未保存的补充" || st.Version != 4 {
		t.Fatalf("after saving over: %+v", st)
	}
	if len(d.m.Unsaved()) != 0 {
		t.Fatal("still unsaved after the save landed")
	}
	// A clean buffer follows the state.
	e = model.NewEvent(t0, model.KindEdit, "李四", model.StatementPayload{ID: "s1", Text: "李四又改了"})
	if err := r.state.Apply(e); err != nil {
		t.Fatal(err)
	}
	d.m.SetState(r.state, t0)
	if got := d.m.bufs["s1"].ed.Value(); got != "李四又改了" {
		t.Fatalf("a clean buffer did not follow the state: %q", got)
	}
}

func TestRefusedDraftKeepsForm(t *testing.T) {
	r := newRoot(t)
	a := r.desk("张三", i18n.EN, 120, 40)
	b := r.desk("李四", i18n.EN, 120, 40)
	b.m.SetState(r.state.Clone(), t0) // b has not seen what a is about to write
	a.key("n", "enter")
	// b has not seen s1 yet and asks for the same id: the root refuses.
	b.key("n", "right", "tab", "right")
	b.key("enter")
	if b.m.mode != modeNew {
		t.Fatal("the form closed on a refusal")
	}
	b.mustShow("refused:")
	b.mustShow("already used")
	b.mustShow("< apology >")
	b.mustShow("< Douyin >")
	// With the state caught up, the same form goes through as s2.
	b.m.SetState(r.state, t0)
	b.key("enter")
	if p := decode[model.StatementPayload](t, r.last()[0]); p.ID != "s2" || p.Kind != model.StatementApology {
		t.Fatalf("retry wrote %+v", p)
	}
}

func TestStaleAndEarlyResults(t *testing.T) {
	r := newRoot(t)
	d := r.desk("张三", i18n.EN, 120, 40)
	// An answer to nothing is ignored.
	d.send(ResultMsg{ID: 99, Err: errors.New("boom")})
	if d.m.status != "" {
		t.Fatal("a stale result was shown")
	}
	// The answer may come before the state: the new draft is selected once
	// it shows up.
	var cmd tea.Cmd
	d.m.SetState(r.state.Clone(), t0) // a snapshot the write will not reach
	d.m, _ = d.m.Update(keyMsg("n"))
	d.m, cmd = d.m.Update(keyMsg("enter"))
	msg := cmd().(AppendMsg)
	// While it is pending, nothing else is sent.
	d.m, cmd = d.m.Update(keyMsg("enter"))
	if cmd != nil {
		t.Fatal("a second write was sent while one was pending")
	}
	res := r.append(msg)
	d.m, _ = d.m.Update(res)
	d.m.SetState(r.state, t0)
	if d.m.Selected() != "s1" {
		t.Fatalf("selected %q", d.m.Selected())
	}
}

func TestListKeys(t *testing.T) {
	r := newRoot(t)
	d := r.desk("张三", i18n.EN, 120, 40)
	km := d.m.KeyMap()
	if !km.New.Enabled() || km.Edit.Enabled() || km.Submit.Enabled() || km.Publish.Enabled() {
		t.Fatal("with no statements only new applies")
	}
	d.key("e")
	d.mustShow("can't edit: no statement is selected")
	blankDraft(t, d, "one")
	blankDraft(t, d, "two")
	if d.m.Selected() != "s2" {
		t.Fatalf("selected %q", d.m.Selected())
	}
	d.key("k")
	if d.m.Selected() != "s1" {
		t.Fatalf("k selected %q", d.m.Selected())
	}
	d.key("up")
	if d.m.Selected() != "s1" {
		t.Fatal("up moved past the first")
	}
	d.key("down", "j")
	if d.m.Selected() != "s2" {
		t.Fatalf("down selected %q", d.m.Selected())
	}
	d.key("pgdown", "pgup")
	d.key("q")
	if !d.closed {
		t.Fatal("q did not close")
	}
}

func TestChecksScroll(t *testing.T) {
	d := fixtureDesk(t, i18n.ZH, 80, 24)
	d.mustShow("检查 9/32")
	d.key("pgdown")
	d.mustShow("检查 17/32")
	d.key("pgdown", "pgdown", "pgdown", "pgdown")
	d.mustShow("检查 32/32")
	d.key("pgup", "pgup", "pgup", "pgup", "pgup", "pgup")
	d.mustShow("检查 9/32")
	// Another statement starts at the top of its checks.
	d.key("pgdown", "j")
	d.mustShow("检查 9/")
}

func TestFormFieldKeys(t *testing.T) {
	r := newRoot(t)
	d := r.desk("张三", i18n.EN, 120, 40)
	d.key("n", "shift+tab")
	if d.m.form.field != 2 {
		t.Fatalf("shift+tab went to field %d", d.m.form.field)
	}
	d.key("up", "down", "down")
	if d.m.form.field != 0 {
		t.Fatalf("up/down went to field %d", d.m.form.field)
	}
	d.key("l", "h", "space")
	if draftKinds[d.m.form.kind] != model.StatementApology {
		t.Fatalf("kind %s", draftKinds[d.m.form.kind])
	}
	if km := d.m.KeyMap(); !slices.ContainsFunc(km.ShortHelp(), func(b key.Binding) bool { return b.Help().Desc == "choose" }) {
		t.Fatal("the form's help does not offer choosing")
	}
}

func TestReadOnly(t *testing.T) {
	r := newRoot(t)
	p := plan.Default()
	m := NewWorkspace(Options{Plan: p, Operator: p.Actor("王五"), Lang: i18n.EN, Styles: NewStyles(true, true), ReadOnly: true})
	m.SetSize(120, 40)
	m.SetState(r.state, t0)
	d := &desk{r: r, m: m}
	d.key("n")
	if d.m.mode != modeList || len(r.asked) != 0 {
		t.Fatal("a read-only workspace opened a form")
	}
	d.mustShow("can't draft: the incident file is read-only")
	if d.m.KeyMap().New.Enabled() {
		t.Fatal("new is offered read-only")
	}
}

func TestDraftChecks(t *testing.T) {
	cases := []struct {
		name, text string
		lang       i18n.Lang
		rule       string
		kind       draft.Kind
		show       []string
	}{
		{"absolute safety", "我们的产品绝对安全。", i18n.ZH, "forbidden.safety", draft.Forbidden, []string{"违禁用语 “绝对安全”", "任何产品都做不到"}},
		{"scapegoat", "经查，此事系临时工个人行为，与公司无关。", i18n.ZH, "blame.scapegoat", draft.Blame, []string{"推责 “临时工”", "有推责"}},
		{"bare draft", "我们正在处理。", i18n.EN, "missing.acknowledgement", draft.Missing, []string{"missing acknowledgement", "missing time of the next", "parts missing"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := newRoot(t)
			d := r.desk("张三", c.lang, 120, 40)
			d.key("n", "left") // kind: full, which needs every part
			d.key("tab", "tab", "left", "enter")
			d.key("e")
			d.typeText(c.text)
			rep := d.m.check.rep
			i := slices.IndexFunc(rep.Findings, func(f draft.Finding) bool { return f.Rule == c.rule })
			if i < 0 {
				t.Fatalf("no %s finding in %+v", c.rule, rep.Findings)
			}
			f := rep.Findings[i]
			if f.Kind != c.kind {
				t.Fatalf("finding kind %s, want %s", f.Kind, c.kind)
			}
			if f.Kind != draft.Missing && c.text[f.Span[0]:f.Span[1]] != f.Text {
				t.Fatalf("span %v does not cover %q", f.Span, f.Text)
			}
			for _, s := range c.show {
				d.mustShow(s)
			}
			// The phrase is marked in the editor.
			if f.Kind != draft.Missing {
				ms := d.m.marks()
				if !slices.ContainsFunc(ms, func(m mark) bool { return m.from == f.Span[0] && m.to == f.Span[1] }) {
					t.Fatalf("no mark for %v in %v", f.Span, ms)
				}
			}
		})
	}
}

func TestDraftChecksFollowTyping(t *testing.T) {
	r := newRoot(t)
	d := r.desk("张三", i18n.ZH, 120, 40)
	blankDraft(t, d, "")
	d.key("e")
	d.typeText(sincere)
	if s := d.m.check.rep.Score; s != 100 {
		t.Fatalf("sincere draft scored %d: %+v", s, d.m.check.rep.Findings)
	}
	d.typeText("我们保证不会再发生。")
	if d.m.check.rep.Score == 100 {
		t.Fatal("checks did not follow typing")
	}
	d.mustShow("责任风险")
}

func TestStyledMarks(t *testing.T) {
	// With colour on, the phrase is highlighted with the finding's style
	// and the frame stays exact.
	r := newRoot(t)
	p := plan.Default()
	m := NewWorkspace(Options{Plan: p, Operator: p.Actor("张三"), Lang: i18n.ZH, Styles: NewStyles(true, false), Clock: r.clock})
	m.SetSize(120, 40)
	m.SetState(r.state, t0)
	d := &desk{r: r, m: m}
	blankDraft(t, d, "")
	d.key("e")
	d.typeText("我们的产品绝对安全，系临时工个人行为")
	v := d.m.View()
	checkFrame(t, v, 120, 40)
	if !strings.Contains(v, d.m.st.Mark.Render("绝对安全")) || !strings.Contains(v, d.m.st.MarkBlame.Render("临时工")) {
		t.Fatal("phrases are not highlighted")
	}
}

func BenchmarkTypeKey(b *testing.B) {
	r := newRoot(b)
	d := r.desk("张三", i18n.ZH, 120, 40)
	d.key("n", "left", "enter", "e")
	d.send(tea.PasteMsg{Content: strings.Repeat(sincere, 4)})
	k := keyMsg("字")
	bs := keyMsg("backspace")
	b.ResetTimer()
	for i := range b.N {
		if i%2 == 0 {
			d.m, _ = d.m.Update(k)
		} else {
			d.m, _ = d.m.Update(bs)
		}
	}
}

func BenchmarkView(b *testing.B) {
	r := newRoot(b)
	d := r.desk("张三", i18n.ZH, 120, 40)
	d.key("n", "enter", "e")
	b.ResetTimer()
	for range b.N {
		_ = d.m.View()
	}
}
