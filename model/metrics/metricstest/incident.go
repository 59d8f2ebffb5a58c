// Package metricstest holds a small hand-made incident whose every measure
// is known, shared by the tests of model/metrics and of the report
// renderers. The numbers are worked out in the comments so a reader can
// check each expected value by hand.
package metricstest

import (
	"fmt"
	"time"

	"warroom/model"
	"warroom/model/metrics"
)

// Day0 is midnight China time on the day the crisis broke.
var Day0 = time.Date(2025, 3, 10, 0, 0, 0, 0, metrics.ChinaTime)

// H returns Day0 plus h hours and m minutes.
func H(h, m int) time.Time {
	return Day0.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute)
}

// Counts is one hour of the hand-made series: all mentions and negative ones.
type Counts struct{ All, Negative int }

// Hours is the series, hour by hour from Day0 (hour 16 is empty: a quiet
// hour the recovery rule must skip).
//
//	hours 0–4   baseline: 100 mentions, 10 negative → 10%
//	hour 5      first spike: 30 negative ≥ 5 and ≥ 3 × mean(2,2,2,2,2) = 6
//	hour 7      peak: 200 mentions, 120 negative
//	after the last statement (10:20), threshold 10% + 5 pt = 15%:
//	11 33% · 12 25% · 13 15% (within, then broken) · 14 20% ·
//	15 10% · 16 empty (skipped) · 17 15% · 18 10% → recovered at 15:00
var Hours = []Counts{
	{20, 2}, {20, 2}, {20, 2}, {20, 2}, {20, 2}, // 0–4
	{60, 30}, {120, 80}, {200, 120}, {150, 90}, {100, 50}, // 5–9
	{80, 30}, {60, 20}, {40, 10}, {40, 6}, {30, 6}, // 10–14
	{20, 2}, {0, 0}, {20, 3}, {20, 2}, // 15–18
	{20, 2}, {20, 2}, {20, 2}, {20, 2}, {20, 2}, // 19–23
}

// RecoveredAsOf is when the recovered report is taken (the day after).
var RecoveredAsOf = H(36, 0)

// NotYetHours is how many hours of mentions the "not yet" variant keeps:
// up to hour 17, so only two within-margin buckets follow the statement.
const NotYetHours = 18

// NotYetAsOf is two days after the last statement.
var NotYetAsOf = H(58, 20)

// Influencer is the trusted influencer's author id.
const Influencer = "kol-001"

// HostileText is a post by a stranger that tries everything a report
// renderer must survive: markup, a table pipe, a spreadsheet formula, a
// terminal escape and a bidi override.
const HostileText = "<script>alert(1)</script> | [点我](http://evil.example) ![x](https://evil.example/p.png) \x1b[31m红色\x1b[0m \u202egnp.exe 退货|退款"

// HostileAuthor is the hostile post's author name.
const HostileAuthor = "=HYPERLINK(\"http://evil.example\")"

// special overrides some generated mentions, keyed by hour and index.
func special(h, k int, m *model.Mention) {
	switch {
	case h == 5 && k == 0:
		m.AuthorName, m.AuthorID, m.AuthorFollowers, m.Likes = "吃货小王", "u-wang", 800, 12
		m.Text = "喝了这家奶茶后拉肚子，店员说用的是过期牛奶！"
	case h == 6 && k == 3:
		m.AuthorName, m.AuthorID, m.AuthorFollowers, m.Verified = "美食大V老李", "u-li", 2_500_000, true
		m.Likes, m.Comments, m.Shares = 5000, 1200, 3000
		m.Text = "实测：门店牛奶过期三天仍在使用，品牌至今没有回应。"
	case h == 7 && k == 10:
		m.Platform = model.News
		m.AuthorName, m.AuthorID, m.AuthorFollowers = "都市快报", "u-news", 900_000
		m.Likes, m.Comments, m.Shares = 800, 300, 900
		m.Text = "市场监管部门已介入调查奶茶品牌过期原料事件"
	case h == 8 && k == 0:
		m.AuthorName, m.AuthorID, m.AuthorFollowers = HostileAuthor, "u-evil", 50
		m.Likes, m.Comments, m.Shares = 1000, 200, 300
		m.Text = HostileText
	case h == 12 && k == 20:
		m.AuthorName, m.AuthorID, m.AuthorFollowers, m.Verified = "靠谱测评君", Influencer, 600_000, true
		m.Platform = model.Bilibili
		m.Likes = 3000
		m.Text = "去门店看了整改，新批次检测报告已公示，理性看待。"
	}
}

// Mentions generates the mentions of the first hours of the series, spread
// evenly through each hour. In each hour the first Negative mentions are
// negative. Platforms and categories follow simple rules so the breakdowns
// are easy to check:
//
//	negative, hours 0–4:  douyin, service          (10)
//	negative, hours 5–9:  weibo, food_safety       (370)
//	negative, hours 10+:  douyin, food_safety      (89)
//	not negative:         xiaohongshu, no category (671)
//
// except the special posts above (the news post moves one hour-7 negative
// from weibo to news; the influencer's post moves one neutral mention from
// xiaohongshu to bilibili).
func Mentions(hours int) []model.Mention {
	var out []model.Mention
	id := int64(0)
	for h, c := range Hours[:hours] {
		for k := range c.All {
			id++
			m := model.Mention{ID: id, ExternalID: fmt.Sprintf("x%d", id),
				AuthorName: fmt.Sprintf("user%d_%d", h, k), AuthorID: fmt.Sprintf("u%d_%d", h, k),
				AuthorFollowers: int64(100 + k), Likes: int64(k % 7),
				CreatedAt: H(h, 0).Add(time.Duration(k) * time.Hour / time.Duration(c.All)),
				Text:      "一般提及", Source: "test"}
			m.IngestedAt = m.CreatedAt.Add(time.Minute)
			switch neg := k < c.Negative; {
			case neg && h < 5:
				m.Platform, m.Category, m.Negative, m.Sentiment = model.Douyin, model.CategoryService, true, -0.5
			case neg && h < 10:
				m.Platform, m.Category, m.Negative, m.Sentiment = model.Weibo, model.CategoryFoodSafety, true, -0.8
			case neg:
				m.Platform, m.Category, m.Negative, m.Sentiment = model.Douyin, model.CategoryFoodSafety, true, -0.6
			default:
				m.Platform, m.Sentiment = model.Xiaohongshu, 0.1
			}
			special(h, k, &m)
			m.RawText = m.Text
			out = append(out, m)
		}
	}
	return out
}

// Team members, by role.
const (
	Lead   = "张伟"
	Social = "李明"
	Duty   = "王芳"
	Writer = "陈静"
	Legal  = "刘律师"
)

var legal = []model.Role{model.RoleLegal}

// Events is the log. The clocks:
//
//	ack     30m from the first alert (05:40), met 06:05   → on time by 5m
//	holding  1h from declaration (06:15), met 07:25       → late by 10m
//	full     6h from declaration, met 10:20               → on time by 1h55m
//	remedy  24h from declaration, never met               → breached
//
// Legal reviews: s1 06:35→07:05 (30m), s2 08:00→09:00 rejected (1h),
// s2 09:20→09:45 (25m), s3 12:00→12:40 (40m): median (30+40)/2 = 35m, max 1h.
// One approval by a non-lawyer (08:30) is refused by the fold.
func Events() []model.Event {
	ev := func(at time.Time, kind, actor string, p any) model.Event { return model.NewEvent(at, kind, actor, p) }
	clock := func(id, name, anchor string, d time.Duration, by string) model.ClockPayload {
		return model.ClockPayload{ID: id, Name: name, Anchor: anchor, Duration: d, MetBy: by}
	}
	es := []model.Event{
		ev(H(0, 0), model.KindCreated, Lead, model.IncidentPayload{Name: "奶茶过期原料事件", Brand: "茶悦"}),
		ev(H(0, 0), model.KindClockAdd, Lead, clock("ack", "Acknowledge alert", model.KindAlert, 30*time.Minute, model.KindAlertAck)),
		ev(H(0, 0), model.KindClockAdd, Lead, clock("holding", "Holding statement", model.KindDeclared, time.Hour, model.KindPublish+":holding")),
		ev(H(0, 0), model.KindClockAdd, Lead, clock("full", "Full statement", model.KindDeclared, 6*time.Hour, model.KindPublish+":full")),
		ev(H(0, 0), model.KindClockAdd, Lead, clock("remedy", "Remedy announced", model.KindDeclared, 24*time.Hour, model.KindPublish+":remedy")),
		ev(H(5, 40), model.KindAlert, "warroom", model.AlertPayload{ID: 1, Rule: model.RuleSpike, Level: model.LevelYellow, Category: model.CategoryFoodSafety, Message: "negative spike on weibo"}),
		ev(H(6, 5), model.KindAlertAck, Social, model.AlertPayload{ID: 1}),
		ev(H(6, 15), model.KindDeclared, Lead, model.DeclarePayload{Level: model.LevelOrange, Scenario: "food_safety"}),
		ev(H(6, 15), model.KindTaskAdd, Lead, model.TaskPayload{ID: "t1", Title: "Pull batch from shelves", Role: model.RoleService, Assignee: Duty, Due: H(8, 0)}),
		ev(H(6, 15), model.KindTaskAdd, Lead, model.TaskPayload{ID: "t2", Title: "Call the reporter", Role: model.RoleSpokesperson, Assignee: Writer, Due: H(7, 0)}),
		ev(H(6, 15), model.KindTaskAdd, Lead, model.TaskPayload{ID: "t3", Title: "Hotline script", Role: model.RoleService, Assignee: Duty, Due: H(10, 0)}),
		ev(H(6, 20), model.KindDraft, Writer, model.StatementPayload{ID: "s1", Kind: model.StatementHolding, Platform: model.Weibo, Text: "我们已关注到相关反馈，正在核查。"}),
		ev(H(6, 30), model.KindAlert, "warroom", model.AlertPayload{ID: 2, Rule: model.RuleInfluential, Level: model.LevelOrange, Category: model.CategoryFoodSafety, Message: "influential negative post"}),
		ev(H(6, 35), model.KindSubmit, Writer, model.StatementPayload{ID: "s1"}),
		ev(H(6, 50), model.KindAlertAck, Duty, model.AlertPayload{ID: 2}),
		ev(H(6, 50), model.KindTaskMove, Writer, model.TaskMovePayload{ID: "t2", To: model.TaskDone}),
		ev(H(7, 5), model.KindApprove, Legal, model.ReviewPayload{ID: "s1", Comment: "可以发布", Roles: legal}),
		ev(H(7, 25), model.KindPublish, Writer, model.StatementPayload{ID: "s1", Platform: model.Weibo}),
		ev(H(7, 30), model.KindLevel, Lead, model.LevelPayload{Level: model.LevelRed, Reason: "state media coverage"}),
		ev(H(7, 40), model.KindDraft, Writer, model.StatementPayload{ID: "s2", Kind: model.StatementFull, Platform: model.Weibo, Text: "关于门店原料问题的说明（初稿）"}),
		ev(H(8, 0), model.KindSubmit, Writer, model.StatementPayload{ID: "s2"}),
		ev(H(8, 30), model.KindApprove, Writer, model.ReviewPayload{ID: "s2", Roles: []model.Role{model.RoleSocial}}),
		ev(H(9, 0), model.KindReject, Legal, model.ReviewPayload{ID: "s2", Comment: "删去承认责任的表述", Roles: legal}),
		ev(H(9, 10), model.KindEdit, Writer, model.StatementPayload{ID: "s2", Text: "关于门店原料问题的说明"}),
		ev(H(9, 20), model.KindSubmit, Writer, model.StatementPayload{ID: "s2"}),
		ev(H(9, 30), model.KindTaskMove, Duty, model.TaskMovePayload{ID: "t1", To: model.TaskDone}),
		ev(H(9, 45), model.KindApprove, Legal, model.ReviewPayload{ID: "s2", Roles: legal}),
		ev(H(10, 20), model.KindPublish, Lead, model.StatementPayload{ID: "s2", Platform: model.Weibo}),
		ev(H(11, 0), model.KindLevel, Lead, model.LevelPayload{Level: model.LevelOrange, Reason: "coverage fading"}),
		ev(H(11, 30), model.KindDraft, Writer, model.StatementPayload{ID: "s3", Kind: model.StatementRemedy, Platform: model.Weibo, Text: "补偿方案"}),
		ev(H(12, 0), model.KindSubmit, Writer, model.StatementPayload{ID: "s3"}),
		ev(H(12, 40), model.KindApprove, Legal, model.ReviewPayload{ID: "s3", Roles: legal}),
		ev(H(14, 0), model.KindStatus, Lead, model.StatusPayload{Status: model.StatusContained}),
		ev(H(34, 0), model.KindStatus, Lead, model.StatusPayload{Status: model.StatusClosed}),
		ev(H(34, 10), model.KindNote, Social, model.NotePayload{Section: model.NoteWentWell, Text: "Alert acknowledged within 25 minutes"}),
		ev(H(34, 12), model.KindNote, Lead, model.NotePayload{Section: model.NoteWentWrong, Text: "Holding statement 10 minutes late: legal was not on call"}),
		ev(H(34, 15), model.KindNote, Writer, model.NotePayload{Section: model.NoteAction, Text: "Pre-approve holding templates with legal"}),
	}
	for i := range es {
		es[i].Seq = int64(i + 1)
	}
	return es
}

// Alerts is the alert table, agreeing with the log.
func Alerts() []*model.Alert {
	return []*model.Alert{
		{ID: 1, Key: "spike:weibo", Rule: model.RuleSpike, Platform: model.Weibo, Level: model.LevelYellow,
			At: H(5, 40), UpdatedAt: H(6, 0), WindowFrom: H(5, 0), WindowTo: H(5, 40), Count: 30, Baseline: 2,
			Value: 30, Threshold: 6, Category: model.CategoryFoodSafety, Terms: []string{"过期"}, Evidence: []int64{101, 102},
			Message: "negative spike on weibo", AckedAt: H(6, 5), AckedBy: Social},
		{ID: 2, Key: "influential:weibo", Rule: model.RuleInfluential, Platform: model.Weibo, Level: model.LevelOrange,
			At: H(6, 30), UpdatedAt: H(6, 30), Count: 1, Value: 2_500_000, Threshold: 100_000,
			Category: model.CategoryFoodSafety, Message: "influential negative post", AckedAt: H(6, 50), AckedBy: Duty},
	}
}

// Info is the file's own description.
func Info() metrics.Info {
	return metrics.Info{File: "incident-2025-03-10.warroom", Meta: map[string]string{"watch": "茶悦, 奶茶"}}
}

// Options are the options the tests use: three top posts, a three-hour
// influencer window, the trusted influencer, and the recovered AsOf.
func Options() metrics.Options {
	return metrics.Options{AsOf: RecoveredAsOf, TopN: 3, InfluencerWindow: 3 * time.Hour, Influencers: []string{"bilibili:" + Influencer}}
}
