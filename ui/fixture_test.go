package ui

import (
	"fmt"
	"time"

	"warroom/model"
)

// fixtureTexts mix Chinese, English and emoji of every awkward kind: ZWJ
// families, flags, skin tones, variation selectors, keycaps.
var fixtureTexts = []string{
	"吃了你们家的鸡翅拉肚子一整晚，门店还不承认！@品牌官方 给个说法",
	"Found a hair in my burger 🤢 at the Pudong store, staff just laughed",
	"全家人都中招了 👨‍👩‍👧‍👦 这还能吃吗？#食品安全#",
	"支持国货 🇨🇳 但这次真的失望 👍🏽👎🏿",
	"❤️ 客服态度很好，已经退款了，点赞",
	"Recall notice? Anyone know if batch 2025-03 is affected? ☺️",
	"过期原料被曝光，记者暗访视频已经上热搜第3️⃣名",
	"我再也不买了‼️ 黑心商家 🏳️‍🌈 抵制",
	"店员说是正常现象🙄，我已经投诉到12315",
	"Our family of four 👩🏻‍🤝‍👨🏾 got sick after the weekend meal, hospital bills pending",
	"知乎上有人说是供应链问题，不知道真假",
	"品牌回应太慢了，黄金四小时都过了 ⏰",
}

var fixtureAuthors = []struct {
	name      string
	followers int64
	verified  bool
}{
	{"吃货小王", 12_345, false},
	{"Shanghai Foodie", 1_234_567, true},
	{"财经观察家", 345_000_000, true},
	{"李雷和韩梅梅", 88, false},
	{"👩‍🍳厨房日记", 56_000, false},
	{"NewsDesk", 9_999, true},
}

// fixture returns a backend holding an incident in full swing at t0: a
// declared incident with clocks met, breached, running, due soon and
// pending; tasks in every column; an acknowledged and an open alert; and
// forty mentions.
func fixture() *fakeBackend {
	b := &fakeBackend{}
	var ms []*model.Mention
	for i := range 40 {
		a := fixtureAuthors[i%len(fixtureAuthors)]
		sev := (i * 37) % 101
		ms = append(ms, &model.Mention{
			Platform:        model.Platforms[i%len(model.Platforms)],
			ExternalID:      fmt.Sprintf("x%d", i+1),
			AuthorName:      a.name,
			AuthorFollowers: a.followers,
			Verified:        a.verified,
			Text:            fixtureTexts[i%len(fixtureTexts)],
			CreatedAt:       t0.Add(-time.Duration(40-i) * 73 * time.Second),
			Likes:           int64(i * 13),
			Comments:        int64(i * 3),
			Shares:          int64(i),
			URL:             fmt.Sprintf("https://weibo.com/%d/x%d", 1000+i, i+1),
			Negative:        i%3 != 1,
			Sentiment:       -0.8 + float64(i%5)*0.3,
			Category:        model.Categories[i%len(model.Categories)],
			Severity:        sev,
			Terms:           []string{"拉肚子", "hair"},
		})
	}
	ms[5].ParentID = "x1"
	ms[5].Platform = ms[0].Platform
	b.add(ms...)

	declared := t0.Add(-70 * time.Minute)
	ev := func(at time.Time, kind, actor string, p any) {
		e := model.NewEvent(at, kind, actor, p)
		e.Seq = int64(len(b.events) + 1)
		b.events = append(b.events, e)
	}
	ev(t0.Add(-3*time.Hour), model.KindCreated, "system", model.IncidentPayload{Name: "鸡翅门 Chicken wing incident", Brand: "Brand"})
	ev(t0.Add(-75*time.Minute), model.KindAlert, "feed", model.AlertPayload{ID: 1, Rule: model.RuleSpike, Level: model.LevelOrange})
	ev(declared, model.KindDeclared, "王芳", model.DeclarePayload{Level: model.LevelOrange})
	for _, c := range defaultClocks() {
		ev(declared, model.KindClockAdd, "王芳", c)
	}
	ev(declared, model.KindClockAdd, "王芳", model.ClockPayload{ID: "regulator", Name: "回电市场监管局 Call the regulator back", Anchor: model.KindDeclared, Duration: 80 * time.Minute, DueSoon: 15 * time.Minute, MetBy: model.MetManually})
	ev(declared, model.KindClockAdd, "王芳", model.ClockPayload{ID: "followup", Name: "声明后 2 小时内跟进", Anchor: model.KindPublish, Duration: 2 * time.Hour, MetBy: model.MetManually})
	ev(declared.Add(10*time.Minute), model.KindAlertAck, "李雷", model.AlertPayload{ID: 1})
	ev(t0.Add(-30*time.Minute), model.KindAlert, "feed", model.AlertPayload{ID: 2, Rule: model.RuleRedFlag, Level: model.LevelRed})
	ev(declared, model.KindTaskAdd, "王芳", model.TaskPayload{ID: "t1", Title: "起草致歉声明 Draft the holding statement", Role: model.RoleSpokesperson, Assignee: "李雷", Due: t0.Add(20 * time.Minute)})
	ev(declared, model.KindTaskAdd, "王芳", model.TaskPayload{ID: "t2", Title: "回访投诉最多的顾客", Role: model.RoleService, Assignee: "Chen", Due: t0.Add(-5 * time.Minute)})
	ev(declared, model.KindTaskAdd, "王芳", model.TaskPayload{ID: "t3", Title: "Legal review of recall wording", Role: model.RoleLegal})
	ev(declared, model.KindTaskAdd, "王芳", model.TaskPayload{ID: "t4", Title: "调取门店监控 📹", Role: model.RoleLead, Assignee: "韩梅梅"})
	ev(declared.Add(time.Minute), model.KindTaskMove, "王芳", model.TaskMovePayload{ID: "t2", To: model.TaskDoing})
	ev(declared.Add(time.Minute), model.KindTaskMove, "王芳", model.TaskMovePayload{ID: "t3", To: model.TaskBlocked})
	ev(declared.Add(time.Minute), model.KindTaskMove, "王芳", model.TaskMovePayload{ID: "t4", To: model.TaskDone})

	b.alerts = []*model.Alert{
		{ID: 1, Key: "spike:weibo", Rule: model.RuleSpike, Platform: model.Weibo, Level: model.LevelOrange, At: t0.Add(-75 * time.Minute),
			UpdatedAt: t0.Add(-75 * time.Minute), Count: 412, Baseline: 35, Evidence: []int64{1, 2}, Message: "weibo spike", AckedAt: declared.Add(10 * time.Minute), AckedBy: "李雷"},
		{ID: 2, Key: "red_flag", Rule: model.RuleRedFlag, Level: model.LevelRed, At: t0.Add(-30 * time.Minute),
			UpdatedAt: t0.Add(-30 * time.Minute), Count: 3, Terms: []string{"拉肚子", "过期"}, Evidence: []int64{1, 7}, Message: "red flag terms"},
	}
	return b
}
