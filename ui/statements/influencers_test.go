package statements

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"warroom/model"
	"warroom/model/plan"
	"warroom/ui/i18n"
)

func TestIsTrusted(t *testing.T) {
	p := plan.Default() // weibo "@食品安全观察（示例）" by name; bilibili "数码老张（示例）" with id 10000001
	cases := []struct {
		name string
		m    *model.Mention
		want bool
	}{
		{"name without @", &model.Mention{Platform: model.Weibo, AuthorName: "食品安全观察（示例）"}, true},
		{"name with @ and spaces", &model.Mention{Platform: model.Weibo, AuthorName: " @食品安全观察（示例） "}, true},
		{"name with full-width @", &model.Mention{Platform: model.Weibo, AuthorName: "＠食品安全观察（示例）"}, true},
		{"name with an id the plan lacks", &model.Mention{Platform: model.Weibo, AuthorID: "42", AuthorName: "食品安全观察（示例）"}, true},
		{"case-insensitive name", &model.Mention{Platform: model.Douyin, AuthorName: "法律科普李律师（示例）"}, true},
		{"other platform", &model.Mention{Platform: model.Douyin, AuthorName: "食品安全观察（示例）"}, false},
		{"id match, other name", &model.Mention{Platform: model.Bilibili, AuthorID: "10000001", AuthorName: "改了名的老张"}, true},
		{"same name, other id", &model.Mention{Platform: model.Bilibili, AuthorID: "999", AuthorName: "数码老张（示例）"}, false},
		{"name, no id", &model.Mention{Platform: model.Bilibili, AuthorName: "数码老张（示例）"}, true},
		{"stranger", &model.Mention{Platform: model.Weibo, AuthorName: "路人甲"}, false},
		{"empty name", &model.Mention{Platform: model.Weibo}, false},
		{"name hidden behind escapes", &model.Mention{Platform: model.Weibo, AuthorName: "\x1b[1m食品安全观察（示例）\x1b[0m"}, true},
	}
	for _, c := range cases {
		if got := IsTrusted(p, c.m); got != c.want {
			t.Errorf("%s: IsTrusted = %v, want %v", c.name, got, c.want)
		}
	}
	if IsTrusted(nil, cases[0].m) || IsTrusted(p, nil) {
		t.Error("nil plan or mention is trusted")
	}
	// Latin handles compare without case.
	q := &plan.Plan{Influencers: []plan.Influencer{{Platform: model.Weibo, Name: "@FoodWatch"}}}
	if !IsTrusted(q, &model.Mention{Platform: model.Weibo, AuthorName: "foodwatch"}) {
		t.Error("names are compared with case")
	}
}

func TestGroupPosts(t *testing.T) {
	p := plan.Default()
	g := GroupPosts(p, append(posts(), &model.Mention{ID: 99, Platform: model.Weibo, AuthorName: "路人甲"}))
	weibo := g[InfluencerKey(p.Influencers[0])]
	if len(weibo) != 2 || weibo[0].ID != 12 || weibo[1].ID != 11 {
		t.Fatalf("weibo posts, newest first: %v", weibo)
	}
	if bili := g[InfluencerKey(p.Influencers[3])]; len(bili) != 1 || bili[0].ID != 13 {
		t.Fatalf("bilibili posts: %v", bili)
	}
	if len(g) != 2 {
		t.Fatalf("groups: %d", len(g))
	}
}

func TestInfluencersLoad(t *testing.T) {
	p := plan.Default()
	m := NewInfluencers(Options{Plan: p, Lang: i18n.EN, Styles: NewStyles(true, true), Location: cst})
	m.SetSize(100, 30)
	m.SetState(model.NewState(), t0)
	if !strings.Contains(ansi.Strip(m.View()), "loading posts…") {
		t.Fatal("no loading note before the first answer")
	}
	var asked []string
	find := func(_ context.Context, in plan.Influencer, limit int) ([]*model.Mention, error) {
		asked = append(asked, in.Name)
		if limit != PostLimit {
			t.Errorf("limit %d", limit)
		}
		var out []*model.Mention
		for _, x := range posts() {
			if IsTrusted(&plan.Plan{Influencers: []plan.Influencer{in}}, x) {
				out = append(out, x)
			}
		}
		return out, nil
	}
	stale := m.Load(find)
	cmd := m.Load(find)
	msg := cmd().(PostsMsg)
	if len(asked) != len(p.Influencers) {
		t.Fatalf("asked for %v", asked)
	}
	m, _ = m.Update(msg)
	v := ansi.Strip(m.View())
	for _, s := range []string{"posts 2 · mean sentiment -0.46 · negative 2", "第三方检测报告什么时候出？", "No posts in this incident.", "1.2M followers"} {
		if !strings.Contains(v, s) {
			t.Fatalf("view does not show %q:\n%s", s, v)
		}
	}
	// The older request's answer arrives late and is dropped.
	old := stale().(PostsMsg)
	old.Posts = map[string][]*model.Mention{}
	m, _ = m.Update(old)
	if !strings.Contains(ansi.Strip(m.View()), "第三方检测报告") {
		t.Fatal("a stale answer replaced the posts")
	}
	// An error says what failed.
	cmd = m.Load(func(context.Context, plan.Influencer, int) ([]*model.Mention, error) {
		return nil, errors.New("database is locked")
	})
	m, _ = m.Update(cmd())
	if v := ansi.Strip(m.View()); !strings.Contains(v, "could not load posts") || !strings.Contains(v, "database is locked") {
		t.Fatalf("no error shown:\n%s", v)
	}
	if (&Influencers{}).Load(find) != nil {
		t.Fatal("Load without a plan returned a command")
	}
}

func TestInfluencersAddLive(t *testing.T) {
	m := influencersView(i18n.ZH, 100, 30)
	m.Add([]*model.Mention{
		{ID: 20, Platform: model.Douyin, AuthorName: "法律科普李律师（示例）", Text: "消费者可依法索赔", Sentiment: 0.1, CreatedAt: t0},
		{ID: 21, Platform: model.Douyin, AuthorName: "路人", Text: "无关"},
	})
	m.Add([]*model.Mention{{ID: 20, Platform: model.Douyin, AuthorName: "法律科普李律师（示例）", Text: "消费者可依法索赔"}})
	v := ansi.Strip(m.View())
	if !strings.Contains(v, "消费者可依法索赔") || strings.Contains(v, "无关") {
		t.Fatalf("live posts:\n%s", v)
	}
	if n := len(m.posts[InfluencerKey(plan.Default().Influencers[2])]); n != 1 {
		t.Fatalf("a repeated mention was added twice: %d", n)
	}
}

func TestInfluencersKeys(t *testing.T) {
	m := influencersView(i18n.EN, 80, 8)
	top := ansi.Strip(m.View())
	m, _ = m.Update(keyMsg("j"))
	if ansi.Strip(m.View()) == top {
		t.Fatal("j did not scroll")
	}
	m, _ = m.Update(keyMsg("G"))
	m, _ = m.Update(keyMsg("g"))
	if ansi.Strip(m.View()) != top {
		t.Fatal("g did not go back to the top")
	}
	_, cmd := m.Update(keyMsg("esc"))
	if cmd == nil || cmd() != (CloseMsg{From: InfluencersOverlay}) {
		t.Fatal("esc did not ask to close")
	}
	if m.KeyMap().FullHelp() == nil || len(m.KeyMap().ShortHelp()) == 0 {
		t.Fatal("no help")
	}
	var _ tea.Model // the components are not programs: View returns a string
	_ = time.Second
}

func TestProtocolCard(t *testing.T) {
	m := protocolView(i18n.ZH, 100, 60, false)
	v := ansi.Strip(m.View())
	for _, s := range []string{"找谁", "王五 （你）  法务", "138-0000-0003", "声明法律审核", "声明审批链", "1. 发言人 (李四)  >  2. 法务 (王五、周律师（外部）)",
		"纪律", "1. 对外只有一个声音", "尚未按场景启动预案", "400-000-0000"} {
		if !strings.Contains(v, s) {
			t.Fatalf("card does not show %q:\n%s", s, v)
		}
	}
	// Declaring a scenario brings its key messages, in both languages.
	st := model.NewState()
	sc, _ := plan.Default().Scenario("food_safety")
	for _, e := range sc.Declare(t0, "zh", plan.Default(), "张三", model.LevelNone) {
		st.Apply(e)
	}
	m.SetState(st, t0)
	m, _ = m.Update(keyMsg("G"))
	v = ansi.Strip(m.View())
	for _, s := range []string{"核心口径：食品安全", "我们已关注到消费者反映的情况", "We have seen what customers reported"} {
		if !strings.Contains(v, s) {
			t.Fatalf("card does not show %q:\n%s", s, v)
		}
	}
	// Scroll keys and close.
	m.SetSize(80, 10)
	m, _ = m.Update(keyMsg("g"))
	top := ansi.Strip(m.View())
	for _, k := range []string{"j", "space", "pgdown", "down"} {
		m, _ = m.Update(keyMsg(k))
	}
	if ansi.Strip(m.View()) == top {
		t.Fatal("scrolling did nothing")
	}
	for _, k := range []string{"k", "pgup", "b", "up", "home"} {
		m, _ = m.Update(keyMsg(k))
	}
	if ansi.Strip(m.View()) != top {
		t.Fatal("scrolling back did not return to the top")
	}
	for _, k := range []string{"esc", "q"} {
		_, cmd := m.Update(keyMsg(k))
		if cmd == nil || cmd() != (CloseMsg{From: ProtocolOverlay}) {
			t.Fatalf("%s did not ask to close", k)
		}
	}
	none := NewProtocol(Options{Lang: i18n.EN})
	none.SetSize(60, 10)
	if !strings.Contains(ansi.Strip(none.View()), "No crisis plan is loaded.") {
		t.Fatal("no note without a plan")
	}
}
