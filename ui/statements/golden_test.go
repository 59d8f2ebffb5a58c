package statements

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"warroom/model"
	"warroom/model/plan"
	"warroom/ui/i18n"
)

// fixture is an incident with a statement at each stage: s1 published, s2
// in legal review with problems the checks find, s3 rejected with a
// comment, s4 a fresh draft.
func fixture(t testing.TB) *model.State {
	t.Helper()
	st := incident(t)
	legal := []model.Role{model.RoleLegal}
	at := func(min int) time.Time { return t0.Add(time.Duration(min) * time.Minute) }
	evs := []model.Event{
		model.NewEvent(at(1), model.KindDraft, "李四", model.StatementPayload{ID: "s1", Kind: model.StatementHolding, Platform: model.Weibo, Text: sincere}),
		model.NewEvent(at(2), model.KindSubmit, "李四", model.StatementPayload{ID: "s1"}),
		model.NewEvent(at(5), model.KindApprove, "王五", model.ReviewPayload{ID: "s1", Comment: "同意发布", Roles: legal}),
		model.NewEvent(at(6), model.KindPublish, "赵六", model.StatementPayload{ID: "s1", Platform: model.Weibo}),
		model.NewEvent(at(20), model.KindDraft, "李四", model.StatementPayload{ID: "s2", Kind: model.StatementFull, Platform: model.Weibo,
			Text: "关于网传示例品牌门店产品中发现异物一事，经核查，系临时工个人行为。\n我们的产品绝对安全，我们保证不会再发生。\n如有疑问请致电400-000-0000。"}),
		model.NewEvent(at(21), model.KindSubmit, "李四", model.StatementPayload{ID: "s2"}),
		model.NewEvent(at(22), model.KindDraft, "李四", model.StatementPayload{ID: "s3", Kind: model.StatementApology, Platform: model.Douyin,
			Text: "我们对此深感抱歉，每位受影响的顾客将获得1000元赔偿。"}),
		model.NewEvent(at(23), model.KindSubmit, "李四", model.StatementPayload{ID: "s3"}),
		model.NewEvent(at(25), model.KindReject, "王五", model.ReviewPayload{ID: "s3", Comment: "删除具体赔偿金额，改为“依法依规赔付”", Roles: legal}),
		model.NewEvent(at(26), model.KindDraft, "张三", model.StatementPayload{ID: "s4", Kind: model.StatementRemedy, Platform: model.Xiaohongshu}),
	}
	for _, e := range evs {
		if err := st.Apply(e); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

// fixtureDesk is the lawyer's workspace over the fixture, on s2.
func fixtureDesk(t *testing.T, lang i18n.Lang, w, h int) *desk {
	r := newRoot(t)
	r.state = fixture(t)
	r.clock.Set(t0.Add(30 * time.Minute))
	d := r.desk("王五", lang, w, h)
	d.key("k", "k")
	if d.m.Selected() != "s2" {
		t.Fatalf("selected %q", d.m.Selected())
	}
	return d
}

var sizes = [][2]int{{120, 40}, {80, 24}}

// inLocales runs f under an English and a Chinese locale: the locale must
// change nothing, so both compare with the same golden file.
func inLocales(t *testing.T, name string, f func(t *testing.T)) {
	for _, loc := range []string{"C.UTF-8", "zh_CN.UTF-8"} {
		t.Run(name+"_"+loc, func(t *testing.T) {
			t.Setenv("LANG", loc)
			t.Setenv("LC_ALL", loc)
			t.Setenv("RUNEWIDTH_EASTASIAN", "")
			f(t)
		})
	}
}

func TestGoldenWorkspace(t *testing.T) {
	for _, sz := range sizes {
		for _, lang := range []i18n.Lang{i18n.EN, i18n.ZH} {
			name := fmt.Sprintf("workspace_%dx%d_%s", sz[0], sz[1], lang)
			inLocales(t, name, func(t *testing.T) {
				d := fixtureDesk(t, lang, sz[0], sz[1])
				v := d.m.View()
				checkFrame(t, v, sz[0], sz[1])
				golden(t, name+".txt", ansi.Strip(v))
			})
		}
	}
}

func TestGoldenWorkspaceForms(t *testing.T) {
	cases := []struct {
		name string
		lang i18n.Lang
		w, h int
		keys []string
	}{
		{"new", i18n.EN, 120, 40, []string{"n", "right", "tab"}},
		{"approve", i18n.ZH, 80, 24, []string{"a"}},
		{"reject", i18n.EN, 80, 24, []string{"x"}},
		{"edit", i18n.ZH, 80, 24, []string{"j", "e"}},
	}
	for _, c := range cases {
		name := fmt.Sprintf("workspace_%s_%dx%d_%s", c.name, c.w, c.h, c.lang)
		inLocales(t, name, func(t *testing.T) {
			d := fixtureDesk(t, c.lang, c.w, c.h)
			d.key(c.keys...)
			if c.name == "edit" {
				d.typeText("退款说明👩‍💻：全额退款🇨🇳，✌🏽 café\n第二行　全角空格，（括号）、标点。")
			}
			v := d.m.View()
			checkFrame(t, v, c.w, c.h)
			golden(t, name+".txt", ansi.Strip(v))
		})
	}
}

func TestGoldenPublished(t *testing.T) {
	r := newRoot(t)
	r.state = fixture(t)
	d := r.desk("赵六", i18n.EN, 120, 40)
	d.key("k", "k", "k")
	d.mustShow("published on Weibo at 14:36 by 赵六")
	d.mustShow("met: 首次表态")
	d.mustShow("王五: 同意发布")
}

func protocolView(lang i18n.Lang, w, h int, scenario bool) Protocol {
	p := plan.Default()
	m := NewProtocol(Options{Plan: p, Operator: p.Actor("王五"), Lang: lang, Styles: NewStyles(true, true)})
	m.SetSize(w, h)
	st := model.NewState()
	if scenario {
		sc, _ := p.Scenario("food_safety")
		for _, e := range sc.Declare(t0, string(lang), p, "张三", model.LevelNone) {
			st.Apply(e)
		}
	}
	m.SetState(st, t0)
	return m
}

func TestGoldenProtocol(t *testing.T) {
	for _, sz := range sizes {
		for _, lang := range []i18n.Lang{i18n.EN, i18n.ZH} {
			name := fmt.Sprintf("protocol_%dx%d_%s", sz[0], sz[1], lang)
			inLocales(t, name, func(t *testing.T) {
				m := protocolView(lang, sz[0], sz[1], true)
				// The key messages are at the bottom: show them.
				m, _ = m.Update(keyMsg("G"))
				v := m.View()
				checkFrame(t, v, sz[0], sz[1])
				golden(t, name+".txt", ansi.Strip(v))
			})
		}
	}
}

// posts are an influencer's posts, one of them hostile to terminals.
func posts() []*model.Mention {
	return []*model.Mention{
		{ID: 11, Platform: model.Weibo, AuthorName: "@食品安全观察（示例）", Sentiment: -0.62, Negative: true,
			Text: "示例品牌这次回应太慢，异物问题必须说清楚 👩‍👩‍👧", CreatedAt: t0.Add(-20 * time.Minute)},
		{ID: 12, Platform: model.Weibo, AuthorName: "食品安全观察（示例）", Sentiment: -0.3, Negative: true,
			Text: "\x1b]52;c;ZXZpbA==\x07第三方检测报告\x1b[2J什么时候出？\u202e", CreatedAt: t0.Add(-10 * time.Minute)},
		{ID: 13, Platform: model.Bilibili, AuthorID: "10000001", AuthorName: "数码老张", Sentiment: 0.4,
			Text: "等检测报告出来再说 🙏🏽 balanced take", CreatedAt: t0.Add(-5 * time.Minute)},
	}
}

func influencersView(lang i18n.Lang, w, h int) Influencers {
	p := plan.Default()
	m := NewInfluencers(Options{Plan: p, Operator: p.Actor("赵六"), Lang: lang, Styles: NewStyles(true, true), Location: cst})
	m.SetSize(w, h)
	m.SetState(model.NewState(), t0)
	m.SetPosts(GroupPosts(p, posts()))
	return m
}

func TestGoldenInfluencers(t *testing.T) {
	for _, sz := range sizes {
		for _, lang := range []i18n.Lang{i18n.EN, i18n.ZH} {
			name := fmt.Sprintf("influencers_%dx%d_%s", sz[0], sz[1], lang)
			inLocales(t, name, func(t *testing.T) {
				m := influencersView(lang, sz[0], sz[1])
				v := m.View()
				checkFrame(t, v, sz[0], sz[1])
				if strings.ContainsAny(v, "\x1b\x07\u202e") {
					t.Fatalf("escape or bidi control reached the screen: %q", v)
				}
				golden(t, name+".txt", ansi.Strip(v))
			})
		}
	}
}

// TestEveryFrameExact draws every component at many sizes, with CJK, emoji
// and hostile text, with and without colour: every line must be exactly the
// width and the frame exactly the height.
func TestEveryFrameExact(t *testing.T) {
	st := fixture(t)
	hostile := "\x1b[31m红\x1b[0m\u202eevil\u2066 👨‍👩‍👧‍👦🏳️‍🌈 e\u0301 ｗｉｄｅ\t制表"
	if err := st.Apply(model.NewEvent(t0.Add(40*time.Minute), model.KindDraft, hostile,
		model.StatementPayload{ID: "s5", Kind: "mystery", Platform: "myspace", Text: hostile + "\n" + strings.Repeat("长文本🙂", 40)})); err != nil {
		t.Fatal(err)
	}
	p := plan.Default()
	for _, noColor := range []bool{true, false} {
		styles := NewStyles(false, noColor)
		opts := Options{Plan: p, Operator: p.Actor("王五"), Lang: i18n.ZH, Styles: styles, Location: cst}
		ws := NewWorkspace(opts)
		ws.SetState(st, t0)
		pr := NewProtocol(opts)
		pr.SetState(st, t0)
		in := NewInfluencers(opts)
		in.SetPosts(GroupPosts(p, posts()))
		for w := 30; w <= 170; w += 13 {
			for h := 3; h <= 52; h += 7 {
				for sel := range 5 {
					ws.SetSize(w, h)
					ws, _ = ws.Update(keyMsg("k"))
					if sel == 4 {
						ws, _ = ws.Update(keyMsg("j"))
					}
					checkFrame(t, ws.View(), w, h)
				}
				pr.SetSize(w, h)
				checkFrame(t, pr.View(), w, h)
				in.SetSize(w, h)
				checkFrame(t, in.View(), w, h)
				if noColor && strings.ContainsAny(ws.View()+pr.View()+in.View(), "\x1b\u202e\u2066") {
					t.Fatalf("a control reached the screen at %dx%d", w, h)
				}
			}
		}
	}
}

// TestAlignmentCJKEmoji pins one frame full of wide text: each border must
// sit in the same column on every line.
func TestAlignmentCJKEmoji(t *testing.T) {
	inLocales(t, "alignment", func(t *testing.T) {
		d := fixtureDesk(t, i18n.ZH, 97, 30)
		d.key("j", "j", "e")
		d.typeText("全角　空格与emoji👩‍💻混排🇨🇳，✌🏽结束。")
		v := ansi.Strip(d.m.View())
		checkFrame(t, v, 97, 30)
		lines := strings.Split(v, "\n")
		// The editor pane's right border is the last cell of every pane line.
		for i, l := range lines[:len(lines)-1] {
			if !strings.HasSuffix(l, "│") && !strings.HasSuffix(l, "╮") && !strings.HasSuffix(l, "╯") {
				t.Fatalf("line %d does not end on the frame: %q", i, l)
			}
		}
		if !strings.Contains(v, "👩混排") || !strings.Contains(v, "✌结束") {
			t.Fatalf("emoji were not normalised for display:\n%s", v)
		}
		// The stored text keeps what was typed.
		if got := d.m.bufs["s4"].ed.Value(); !strings.Contains(got, "👩‍💻") || !strings.Contains(got, "✌🏽") {
			t.Fatalf("typed text lost its emoji: %q", got)
		}
	})
}
