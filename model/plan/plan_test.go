package plan_test

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"warroom/model"
	"warroom/model/draft"
	"warroom/model/plan"
)

var t0 = time.Date(2025, 3, 15, 20, 0, 0, 0, time.FixedZone("CST", 8*3600))

func TestDefaultPlan(t *testing.T) {
	p := plan.Default()
	if p != plan.Default() {
		t.Error("Default parses once and returns the same plan")
	}
	if _, err := plan.Parse("default.toml", plan.DefaultSource()); err != nil {
		t.Fatalf("default source does not parse: %v", err)
	}
	if p.Brand.Name == "" || p.Brand.Hotline == "" || len(p.Team) == 0 || len(p.Influencers) == 0 || len(p.Rules) == 0 {
		t.Errorf("default plan lacks brand, team, influencers or rules: %+v", p.Brand)
	}
	want := []string{"food_safety", "product_recall", "service_complaint", "national_sentiment", "data_leak", "misconduct"}
	for _, id := range want {
		if _, ok := p.Scenario(id); !ok {
			t.Errorf("no scenario %q", id)
		}
	}
	for _, r := range model.Roles {
		if len(p.People(r)) == 0 {
			t.Errorf("nobody on the sample team has role %s", r)
		}
	}
	for _, s := range p.Scenarios {
		if !slices.Contains(s.Approval, model.RoleLegal) {
			t.Errorf("%s: approval %v lacks legal", s.ID, s.Approval)
		}
		if s.Name.EN == "" || s.Description.ZH == "" || len(s.Messages) == 0 || len(s.Tasks) == 0 {
			t.Errorf("%s: incomplete scenario", s.ID)
		}
		ids := map[string]bool{}
		for _, c := range s.Clocks {
			ids[c.ID] = true
		}
		for _, id := range []string{"ack", "golden4", "legal_review", "full"} {
			if !ids[id] {
				t.Errorf("%s: no %s clock", s.ID, id)
			}
		}
		if !ids["holding"] && !ids["apology"] {
			t.Errorf("%s: no first-hour clock", s.ID)
		}
		for _, c := range s.Clocks {
			if c.Duration > 48*time.Hour || c.DueSoon >= c.Duration {
				t.Errorf("%s/%s: implausible clock %v/%v", s.ID, c.ID, c.Duration, c.DueSoon)
			}
		}
	}
}

// The legal duties named in the default plan's tasks, where the scenario
// carries them.
func TestDefaultPlanNamesTheLaw(t *testing.T) {
	p := plan.Default()
	laws := map[string][]string{
		"food_safety":        {"《食品安全法》", "《食品召回管理办法》", "市场监督管理部门"},
		"product_recall":     {"《消费品召回管理暂行规定》", "《缺陷汽车产品召回管理条例》", "《消费者权益保护法》"},
		"data_leak":          {"《个人信息保护法》第五十七条", "《网络安全法》", "《数据安全法》"},
		"national_sentiment": {"《广告法》第九条"},
		"misconduct":         {"《劳动合同法》", "《劳动法》"},
	}
	for id, want := range laws {
		s, _ := p.Scenario(id)
		var all strings.Builder
		for _, task := range s.Tasks {
			all.WriteString(task.Title.ZH + task.Note.ZH)
		}
		for _, w := range want {
			if !strings.Contains(all.String(), w) {
				t.Errorf("%s: tasks do not name %s", id, w)
			}
		}
	}
}

// The statement templates are what the team starts from at 3 a.m.: they
// must pass the draft checks as written and once the plan fills them in.
func TestDefaultTemplatesPassDraftChecks(t *testing.T) {
	p := plan.Default()
	n := 0
	for _, s := range p.Scenarios {
		if len(s.Statements) == 0 {
			t.Errorf("%s: no statement templates", s.ID)
		}
		for _, st := range s.Statements {
			for _, lang := range []string{"zh", "en"} {
				if st.Text.EN == "" {
					t.Errorf("%s/%s: no English text", s.ID, st.Kind)
				}
				raw := st.Text.In(lang)
				for _, text := range []string{raw, plan.Expand(raw, p.Vars(t0, lang))} {
					r := draft.CheckKind(text, st.Kind, model.Weibo, lang)
					if !r.Sincere || r.Defensive || r.Score != 100 {
						t.Errorf("%s/%s/%s: sincere=%v defensive=%v score=%d findings=%+v", s.ID, st.Kind, lang, r.Sincere, r.Defensive, r.Score, r.Findings)
					}
					n++
				}
			}
		}
	}
	if n < 40 {
		t.Errorf("only %d template checks", n)
	}
}

func TestDeclareAndFold(t *testing.T) {
	p := plan.Default()
	s, _ := p.Scenario("food_safety")
	st := model.NewState()
	apply := func(e model.Event) {
		t.Helper()
		if err := st.Apply(e); err != nil {
			t.Fatal(err)
		}
	}
	alertAt := t0.Add(-20 * time.Minute)
	apply(model.NewEvent(alertAt, model.KindAlert, "system", model.AlertPayload{ID: 1, Rule: model.RuleSpike, Level: model.LevelOrange}))
	apply(model.NewEvent(alertAt.Add(8*time.Minute), model.KindAlertAck, "张三", model.AlertPayload{ID: 1}))

	evs := s.Declare(t0, "zh", p, "张三", model.LevelNone)
	if len(evs) != 1+len(s.Clocks)+len(s.Tasks) || evs[0].Kind != model.KindDeclared {
		t.Fatalf("Declare wrote %d events starting with %s", len(evs), evs[0].Kind)
	}
	for _, e := range evs {
		if !e.At.Equal(t0) || e.Actor != "张三" {
			t.Errorf("event %s at %v by %q", e.Kind, e.At, e.Actor)
		}
		apply(e)
	}
	if !st.Incident.Declared() || st.Incident.Scenario != "food_safety" || st.Incident.Level != model.LevelOrange {
		t.Errorf("incident after declaring: %+v", st.Incident)
	}

	// Clocks: anchored at the declaration, except the acknowledgement, which
	// counts from the alert and was met by the acknowledgement before it.
	for _, c := range s.Clocks {
		got := st.Clock(c.ID)
		if got == nil {
			t.Fatalf("no clock %s", c.ID)
		}
		switch c.Anchor {
		case model.KindDeclared:
			if !got.AnchorAt.Equal(t0) {
				t.Errorf("clock %s anchored at %v", c.ID, got.AnchorAt)
			}
		case model.KindAlert:
			if !got.AnchorAt.Equal(alertAt) {
				t.Errorf("clock %s anchored at %v, want the alert", c.ID, got.AnchorAt)
			}
		}
	}
	if cs := st.Clock("ack").At(t0); cs.State != model.ClockMet || cs.Late {
		t.Errorf("ack clock = %+v, want met on time", cs)
	}
	if cs := st.Clock("holding").At(t0.Add(50 * time.Minute)); cs.State != model.ClockDueSoon {
		t.Errorf("holding clock at 50 min = %v, want due soon", cs.State)
	}
	if cs := st.Clock("legal_review").At(t0.Add(time.Hour)); cs.State != model.ClockPending {
		t.Errorf("legal review clock before any submission = %v, want pending", cs.State)
	}

	// Tasks: owners from the team, dues relative to the declaration.
	for _, tt := range s.Tasks {
		task := st.Task(tt.ID)
		if task == nil {
			t.Fatalf("no task %s", tt.ID)
		}
		if task.Title != tt.Title.ZH || task.Role != tt.Role || !task.Due.Equal(t0.Add(tt.Due)) || task.Status != model.TaskTodo {
			t.Errorf("task %s = %+v", tt.ID, task)
		}
		if want := p.People(tt.Role)[0].Name; task.Assignee != want {
			t.Errorf("task %s assigned to %q, want %q", tt.ID, task.Assignee, want)
		}
	}
	if got := st.Task("regulator"); got.Assignee != "王五" || !got.Due.Equal(t0.Add(2*time.Hour)) || !strings.Contains(got.Title, "《食品安全法》") {
		t.Errorf("regulator task = %+v", got)
	}
	if links := st.Task("kol").Links; len(links) != len(p.Influencers) || links[0] != plan.InfluencerLink(p.Influencers[0]) {
		t.Errorf("kol task links = %v, want the trusted influencers", links)
	}

	// A holding statement through legal review to Weibo meets the holding
	// clock, the golden four hours and the legal review clock.
	legal := p.Actor("王五")
	draftAt, subAt, okAt, pubAt := t0.Add(20*time.Minute), t0.Add(25*time.Minute), t0.Add(40*time.Minute), t0.Add(45*time.Minute)
	tmpl, _ := s.Statement(model.StatementHolding)
	apply(model.NewEvent(draftAt, model.KindDraft, "李四", model.StatementPayload{ID: "s1", Kind: model.StatementHolding,
		Platform: model.Weibo, Text: plan.Expand(tmpl.Text.ZH, p.Vars(t0, "zh"))}))
	apply(model.NewEvent(subAt, model.KindSubmit, "李四", model.StatementPayload{ID: "s1"}))
	if cs := st.Clock("legal_review").At(subAt.Add(25 * time.Minute)); cs.State != model.ClockDueSoon {
		t.Errorf("legal review 25 min after submission = %v, want due soon", cs.State)
	}
	apply(model.NewEvent(okAt, model.KindApprove, legal.Name, model.ReviewPayload{ID: "s1", Roles: legal.Roles}))
	apply(model.NewEvent(pubAt, model.KindPublish, "赵六", model.StatementPayload{ID: "s1", Platform: model.Weibo}))
	for id, at := range map[string]time.Time{"holding": pubAt, "golden4": pubAt, "legal_review": okAt} {
		c := st.Clock(id)
		if cs := c.At(pubAt); cs.State != model.ClockMet || cs.Late || !c.MetAt.Equal(at) {
			t.Errorf("clock %s after publishing = %+v, met at %v", id, cs, c.MetAt)
		}
	}
	for _, id := range []string{"full", "regulator", "recall"} {
		if cs := st.Clock(id).At(pubAt); cs.State != model.ClockRunning {
			t.Errorf("clock %s = %v, want still running", id, cs.State)
		}
	}
	if cs := st.Clock("full").At(t0.Add(25 * time.Hour)); cs.State != model.ClockBreached {
		t.Errorf("full statement clock after 25 h = %v, want breached", cs.State)
	}
}

func TestDeclareInEnglishWithLevel(t *testing.T) {
	p := plan.Default()
	s, _ := p.Scenario("data_leak")
	evs := s.Declare(t0, "en", p, "Zhang", model.LevelRed)
	var d model.DeclarePayload
	if err := evs[0].Decode(&d); err != nil || d.Level != model.LevelRed || d.Scenario != "data_leak" {
		t.Errorf("declare payload %+v, %v", d, err)
	}
	var c model.ClockPayload
	if err := evs[1].Decode(&c); err != nil || c.Name != s.Clocks[0].Name.EN {
		t.Errorf("clock payload %+v, %v", c, err)
	}
	var task model.TaskPayload
	if err := evs[1+len(s.Clocks)].Decode(&task); err != nil || task.Title != s.Tasks[0].Title.EN {
		t.Errorf("task payload %+v, %v", task, err)
	}
}

func TestDeclareWithoutTeam(t *testing.T) {
	s := &plan.Scenario{ID: "x", Tasks: []plan.TaskTemplate{{ID: "a", Title: plan.Text{ZH: "任务"}, Role: model.RoleLegal,
		Links: []string{plan.LinkInfluencers}}}}
	st, errs := model.Fold(s.Declare(t0, "zh", nil, "", model.LevelBlue), time.Time{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if task := st.Task("a"); task.Assignee != "" || !task.Due.IsZero() || task.Links[0] != plan.LinkInfluencers {
		t.Errorf("task without a plan = %+v", task)
	}
}

func TestDeclareDefault(t *testing.T) {
	st, errs := model.Fold(plan.DeclareDefault(t0, "en", "lead", model.LevelYellow), time.Time{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if len(st.Clocks) != 4 || len(st.Tasks) != 0 || st.Incident.Level != model.LevelYellow {
		t.Fatalf("default declaration: %d clocks, %d tasks, %v", len(st.Clocks), len(st.Tasks), st.Incident.Level)
	}
	// With no alert the acknowledgement clock waits; the others run.
	if got := st.Clock("ack").At(t0.Add(time.Hour)).State; got != model.ClockPending {
		t.Errorf("ack without an alert = %v, want pending", got)
	}
	if got := st.Clock("golden4").At(t0.Add(5 * time.Hour)).State; got != model.ClockBreached {
		t.Errorf("golden4 after 5 h = %v, want breached", got)
	}
}

func TestDefaultClocks(t *testing.T) {
	cs := plan.DefaultClocks()
	want := map[string]struct {
		d     time.Duration
		metBy string
	}{
		"ack":     {15 * time.Minute, model.KindAlertAck},
		"holding": {time.Hour, "statement.published:holding"},
		"golden4": {4 * time.Hour, "statement.published@weibo"},
		"full":    {24 * time.Hour, "statement.published:full"},
	}
	if len(cs) != len(want) {
		t.Fatalf("%d default clocks", len(cs))
	}
	for _, c := range cs {
		w, ok := want[c.ID]
		if !ok || c.Duration != w.d || c.MetBy != w.metBy || c.Name.ZH == "" || c.Name.EN == "" || c.DueSoon >= c.Duration {
			t.Errorf("clock %+v", c)
		}
	}
}

func TestSuggest(t *testing.T) {
	p := plan.Default()
	first := func(cats map[model.Category]int, terms []string) string {
		ss := p.Suggest(cats, terms)
		if len(ss) == 0 {
			return ""
		}
		return ss[0].ID
	}
	cases := []struct {
		cats  map[model.Category]int
		terms []string
		want  string
	}{
		{map[model.Category]int{model.CategoryFoodSafety: 40, model.CategoryService: 5}, nil, "food_safety"},
		{map[model.Category]int{model.CategoryFoodSafety: 3}, []string{"吃出头发"}, "food_safety"},
		{map[model.Category]int{model.CategoryPrivacy: 12}, nil, "data_leak"},
		{map[model.Category]int{model.CategoryProductSafety: 8}, []string{"起火"}, "product_recall"},
		{nil, []string{"辱华"}, "national_sentiment"},
		{map[model.Category]int{model.CategoryLabour: 10}, nil, "misconduct"},
		{map[model.Category]int{model.CategoryPriceFraud: 10}, []string{"杀熟"}, "pricing_claims"},
		// Terms tell apart scenarios sharing a category.
		{map[model.Category]int{model.CategoryService: 5, model.CategoryPriceFraud: 5}, []string{"大数据杀熟"}, "pricing_claims"},
		{nil, nil, ""},
		{map[model.Category]int{model.CategoryOther: 100}, nil, ""},
	}
	for _, c := range cases {
		if got := first(c.cats, c.terms); got != c.want {
			t.Errorf("Suggest(%v, %v) = %q, want %q", c.cats, c.terms, got, c.want)
		}
	}
	// Stable and deterministic: the same input gives the same order.
	cats := map[model.Category]int{model.CategoryService: 5, model.CategoryLegal: 5, model.CategoryPriceFraud: 5}
	a, b := p.Suggest(cats, nil), p.Suggest(cats, nil)
	if !slices.Equal(a, b) || len(a) < 2 {
		t.Errorf("Suggest is not stable: %d and %d", len(a), len(b))
	}
}

func TestActor(t *testing.T) {
	src := `[brand]
name = "测试"
[[team]]
name = "Wang Fang"
roles = ["legal", "spokesperson"]
[[team]]
name = "Li Lei"
roles = ["lead"]
`
	p, err := plan.Parse("plan.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	a := p.Actor("  wang fang ")
	if a.Name != "Wang Fang" || !a.Has(model.RoleLegal) || !a.Has(model.RoleSpokesperson) || a.Has(model.RoleLead) {
		t.Errorf("Actor(wang fang) = %+v", a)
	}
	if a := p.Actor("Nobody"); a.Name != "Nobody" || len(a.Roles) != 0 {
		t.Errorf("unknown actor = %+v, want no roles", a)
	}
	if got := plan.Default().Actor("王五"); !got.Has(model.RoleLegal) {
		t.Errorf("default plan: 王五 = %+v", got)
	}
	// The roles are a copy: changing them does not change the team.
	a.Roles[0] = model.RoleExecutive
	if !p.Actor("Wang Fang").Has(model.RoleLegal) {
		t.Error("Actor shares the team's role slice")
	}
	// The legal gate works with an actor from the plan.
	stmt := &model.Statement{ID: "s1", Text: "x", Status: model.StatementInReview, Version: 1}
	if err := stmt.Approve(p.Actor("li lei"), t0, ""); !errors.Is(err, model.ErrNotLegal) {
		t.Errorf("lead approving: %v, want ErrNotLegal", err)
	}
	if err := stmt.Approve(p.Actor("WANG FANG"), t0, ""); err != nil {
		t.Errorf("legal approving: %v", err)
	}
}

func TestAlerts(t *testing.T) {
	p := plan.Default()
	s, _ := p.Scenario("national_sentiment")
	a := p.AlertsFor(s)
	if a.SpikeFactor != 2 || a.InfluentialFollowers != 500000 || a.Window != 10*time.Minute || a.NegShare != 0.6 {
		t.Errorf("merged alerts = %+v", a)
	}
	if !slices.Contains(a.RedFlags, "辱华") || !slices.Contains(a.RedFlags, "滚出中国") || !slices.Contains(a.RedFlags, "吃出") {
		t.Errorf("red flags are added, not replaced: %v", a.RedFlags)
	}
	if got := p.AlertsFor(nil); got.SpikeFactor != 3 || len(got.RedFlags) != len(p.Alerts.RedFlags) {
		t.Errorf("AlertsFor(nil) = %+v", got)
	}
	if len(p.Alerts.RedFlags) == len(a.RedFlags) {
		t.Error("merging changed the plan's own red flags")
	}
}

func TestExpand(t *testing.T) {
	p := plan.Default()
	vars := p.Vars(t0, "zh")
	got := plan.Expand("【{brand}】{date} {time} 热线{hotline}，{facts}。{unclosed", vars)
	want := "【示例品牌】2025年3月15日 20:00 热线400-000-0000，{facts}。{unclosed"
	if got != want {
		t.Errorf("Expand = %q\nwant   %q", got, want)
	}
	if got := plan.Expand("{brand}, {date}", p.Vars(t0, "en")); got != "Example Brand, 15 March 2025" {
		t.Errorf("Expand en = %q", got)
	}
	if got := plan.Placeholders("{a}{b} {a} {not one} {}"); !slices.Equal(got, []string{"a", "b"}) {
		t.Errorf("Placeholders = %v", got)
	}
	s, _ := p.Scenario("food_safety")
	tmpl, _ := s.Statement(model.StatementApology)
	left := plan.Placeholders(plan.Expand(tmpl.Text.ZH, vars))
	for _, name := range left {
		if _, ok := vars[name]; ok {
			t.Errorf("placeholder %s left after Expand", name)
		}
	}
	if !slices.Contains(left, "facts") || !slices.Contains(left, "next_update") {
		t.Errorf("the drafter's blanks should remain: %v", left)
	}
}

func TestFormat(t *testing.T) {
	p := plan.Default()
	for _, lang := range []string{"zh", "en"} {
		var b bytes.Buffer
		if err := plan.Format(&b, p, lang); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		for _, s := range p.Scenarios {
			if !strings.Contains(out, s.Name.In(lang)) || !strings.Contains(out, s.Clocks[0].Name.In(lang)) || !strings.Contains(out, s.Tasks[0].Title.In(lang)) {
				t.Errorf("%s: scenario %s missing from the output", lang, s.ID)
			}
		}
		for _, m := range p.Team {
			if !strings.Contains(out, m.Name) || !strings.Contains(out, m.Contact) {
				t.Errorf("%s: team member %s missing", lang, m.Name)
			}
		}
		if !strings.Contains(out, p.Rules[0].In(lang)) || !strings.Contains(out, "influential_followers=1000000") {
			t.Errorf("%s: protocol card or thresholds missing", lang)
		}
	}
	if err := plan.Format(failWriter{}, p, "zh"); err == nil {
		t.Error("Format hides write errors")
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestFormatDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{15 * time.Minute: "15m", time.Hour: "1h", 90 * time.Minute: "1h30m", 72 * time.Hour: "72h", 30 * time.Second: "30s"} {
		if got := plan.FormatDuration(d); got != want {
			t.Errorf("FormatDuration(%v) = %q, want %q", d, got, want)
		}
	}
}

func TestWithBrandSignsAndFills(t *testing.T) {
	p := plan.Default()
	q := p.WithBrand(plan.Brand{Name: "鲜味坊", NameEN: "Xianweifang", Hotline: "400-111-2222"},
		map[string]plan.Text{"product": {ZH: "外卖餐品", EN: "a delivery meal"}, "brand": {ZH: "冒名"}})
	s, _ := q.Scenario("food_safety")
	tmpl, _ := s.Statement(model.StatementHolding)
	zh := plan.Expand(tmpl.Text.ZH, q.Vars(t0, "zh"))
	if !strings.Contains(zh, "【鲜味坊关于外卖餐品相关情况的说明】") || !strings.Contains(zh, "400-111-2222") ||
		strings.Contains(zh, "示例品牌") || strings.Contains(zh, "冒名") {
		t.Errorf("zh:\n%s", zh)
	}
	en := plan.Expand(tmpl.Text.EN, q.Vars(t0, "en"))
	if !strings.Contains(en, "Xianweifang statement on a delivery meal") || strings.Contains(en, "Example Brand") {
		t.Errorf("en:\n%s", en)
	}
	if left := plan.Placeholders(zh); slices.Contains(left, "product") || !slices.Contains(left, "batch") {
		t.Errorf("left to fill: %v", left)
	}
	if p.Brand.Name != "示例品牌" || p.Fill != nil {
		t.Error("WithBrand changed the shared sample plan")
	}
}
