package ui

import (
	"slices"
	"strings"
	"testing"
	"time"

	"warroom/model"
	"warroom/model/plan"
	"warroom/ui/i18n"
)

// withPlan gives the console the built-in sample plan.
func withPlan(o *Options) { o.Plan = plan.Default() }

// alarmed is an undeclared incident whose alerts point at food safety.
func alarmed() *fakeBackend {
	b := undeclared()
	b.alerts = []*model.Alert{{ID: 1, Rule: model.RuleRedFlag, Level: model.LevelRed, At: t0.Add(-10 * time.Minute),
		Category: model.CategoryFoodSafety, Count: 30, Terms: []string{"吃出异物", "拉肚子"}}}
	return b
}

func TestDeclareSuggestsScenario(t *testing.T) {
	r := newRig(t, alarmed(), 120, 40, withPlan)
	r.key("2", "D")
	f := r.m.form
	if f == nil || len(f.fields) != 2 {
		t.Fatal("D did not open a form with level and scenario")
	}
	if got := f.field(1).value(); !strings.Contains(got, "Food safety") || !strings.Contains(got, "(suggested)") {
		t.Fatalf("preselected scenario %q", got)
	}
	if f.field(0).idx != int(model.LevelOrange)-1 {
		t.Fatalf("preselected level %d, want the scenario's orange", f.field(0).idx+1)
	}
	r.mustShow("Suggested from the alerts: food")
	r.mustShow("吃出异物")
	r.key("enter")
	kinds := r.b.kinds()
	if kinds[0] != model.KindDeclared || !slices.Contains(kinds, model.KindTaskAdd) || !slices.Contains(kinds, model.KindClockAdd) {
		t.Fatalf("declared with %v", kinds)
	}
	if sc := r.m.sh.state.Incident.Scenario; sc != "food_safety" {
		t.Fatalf("scenario %q", sc)
	}
	// The key messages show under the clocks as the team starts, and the
	// footer says where to find them all.
	r.mustShow("declared under Food safety")
	r.mustShow("Key messages")
	r.mustShow("1. We have seen what customers reported")
	r.send(sizeMsg(80, 30))
	r.mustShow("… M shows them all")
	r.mustShow("starts at: statement sent to legal")
	r.send(sizeMsg(120, 40))
	if r.m.over != nil {
		t.Fatal("declaring opened an overlay over the clocks")
	}
	r.key("M")
	if _, ok := r.m.over.(*scenarioOverlay); !ok {
		t.Fatal("M did not open the key messages")
	}
	r.mustShow("5. Whatever they show")
	r.key("j", "k", "esc")
	if r.m.over != nil {
		t.Fatal("esc did not close the key messages")
	}
	r.key("M")
	r.mustShow("Scenario and key messages")
	r.key("q")
	if r.m.over != nil || r.quit {
		t.Fatal("q should close the key messages, not quit")
	}
}

func TestDeclareDefaultClocksFallback(t *testing.T) {
	// The plan offers scenarios; choosing none starts the default clocks.
	r := newRig(t, alarmed(), 120, 40, withPlan)
	r.key("2", "D", "tab", "left", "enter") // scenario: back to "(default clocks)"
	want := []string{model.KindDeclared, model.KindClockAdd, model.KindClockAdd, model.KindClockAdd, model.KindClockAdd}
	if got := r.b.kinds(); !slices.Equal(got, want) {
		t.Fatalf("wrote %v", got)
	}
	if r.m.sh.state.Incident.Scenario != "" || r.m.over != nil {
		t.Fatal("a scenario was recorded, or the key messages opened, without one")
	}
	r.key("M")
	r.mustShow("no scenario")
	// Without any suggestion the form starts on the default clocks.
	q := newRig(t, undeclared(), 120, 40, withPlan)
	q.key("2", "D")
	if q.m.form.field(1).idx != 0 || q.m.form.field(0).idx != 1 {
		t.Fatalf("unsuggested form starts at scenario %d level %d", q.m.form.field(1).idx, q.m.form.field(0).idx)
	}
	q.mustNotShow("Suggested from")
	// No plan at all: one field, and M says so.
	n := newRig(t, undeclared(), 120, 40)
	n.key("2", "D")
	if len(n.m.form.fields) != 1 {
		t.Fatal("a scenario field without a plan")
	}
	n.key("esc", "M")
	n.mustShow("no crisis plan is loaded")
}

func TestScenarioChoicesOrder(t *testing.T) {
	p := plan.Default()
	list, n := scenarioChoices(p, map[model.Category]int{model.CategoryFoodSafety: 5}, nil)
	if n == 0 || list[0].ID != "food_safety" || len(list) != len(p.Scenarios) {
		t.Fatalf("suggested %d, first %s, %d offered", n, list[0].ID, len(list))
	}
	cats, terms := evidence(nil, []*model.Mention{{Negative: true, Category: model.CategoryPrivacy}, {Category: model.CategoryFoodSafety}})
	if cats[model.CategoryPrivacy] != 1 || cats[model.CategoryFoodSafety] != 0 || len(terms) != 0 {
		t.Fatalf("evidence from the feed: %v %v", cats, terms)
	}
}

func TestTaskDetailShowsLinks(t *testing.T) {
	r := newRig(t, alarmed(), 160, 40, withPlan)
	r.key("2", "D", "enter", "esc", "3")
	b := r.m.board
	for i := 0; i < 20 && b.selected().ID != "kol"; i++ {
		r.key("j")
	}
	if b.selected().ID != "kol" {
		t.Fatal("no briefing task")
	}
	r.key("enter")
	if _, ok := r.m.over.(*taskOverlay); !ok {
		t.Fatal("enter did not open the task")
	}
	r.mustShow("Weibo · @食品安全观察（示例） (trusted influencer) · 1.2M followers")
	r.mustShow("How:")
	r.mustNotShow("influencer:weibo")
	r.key("esc", "e")
	r.mustShow("Links: Weibo · @食品安全观察（示例）")
	r.key("esc")
	// Chinese.
	z := newRig(t, alarmed(), 160, 40, withPlan, withLang(i18n.ZH))
	z.key("2", "D", "enter", "esc", "3")
	for i := 0; i < 20 && z.m.board.selected().ID != "kol"; i++ {
		z.key("j")
	}
	z.key("enter")
	z.mustShow("微博 · @食品安全观察（示例）（可信意见领袖） · 粉丝 120万")
}

func TestLinkText(t *testing.T) {
	sh := newRig(t, undeclared(), 120, 40, withPlan).m.sh
	for in, want := range map[string]string{
		"influencer:douyin:法律科普李律师（示例）":        "Douyin · 法律科普李律师（示例） (trusted influencer) · 2M followers",
		"influencer:weibo:someone:with:colons": "Weibo · someone:with:colons (trusted influencer)",
		"mention:42":                           "mention #42",
		"mention:x":                            "mention:x",
		"https://example.com/a\x1b[31m":        "https://example.com/a",
		"influencer:weibo:":                    "influencer:weibo:",
	} {
		if got := linkText(sh, in); got != want {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
}

func TestMetWhatTranslated(t *testing.T) {
	zh, en := i18n.New(i18n.ZH), i18n.New(i18n.EN)
	for in, want := range map[string][2]string{
		"statement s1":           {"声明 s1", "statement s1"},
		"alert #12 acknowledged": {"确认预警 #12", "alert #12 acknowledged"},
		"alert #x acknowledged":  {"alert #x acknowledged", "alert #x acknowledged"},
		"statement on Weibo":     {"statement on Weibo", "statement on Weibo"},
		"微博发布致歉":                 {"微博发布致歉", "微博发布致歉"},
	} {
		if got := metWhat(zh, in); got != want[0] {
			t.Errorf("zh %q: %q", in, got)
		}
		if got := metWhat(en, in); got != want[1] {
			t.Errorf("en %q: %q", in, got)
		}
	}
	// On screen: the fixture's ack clock was met by an acknowledgement.
	r := newRig(t, fixture(), 200, 50, withLang(i18n.ZH))
	r.mustShow("确认预警 #1")
}

// TestDraftTemplatesFollowTheAlerts: before the incident is declared, a new
// draft starts from the template of the scenario the alerts point to, not
// the plan's first one.
func TestDraftTemplatesFollowTheAlerts(t *testing.T) {
	b := undeclared()
	b.alerts = []*model.Alert{{ID: 1, Rule: model.RuleRedFlag, Level: model.LevelRed, At: t0.Add(-10 * time.Minute),
		Category: model.CategoryProductSafety, Count: 12, Terms: []string{"自燃", "起火"}}}
	r := newRig(t, b, 160, 45, withPlan)
	r.key("S", "n")
	r.mustShow("template: Product safety and recall")
	r.mustNotShow("template: Food safety")

	q := newRig(t, alarmed(), 160, 45, withPlan)
	q.key("S", "n")
	q.mustShow("template: Food safety")
}
