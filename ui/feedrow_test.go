package ui

import (
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"warroom/model"
)

// TestFeedRowTimes: a row shows when the post was made, as a date when that
// was not the session's day, and when it arrived if the source gave no post
// time, rather than a blank --:--:--.
func TestFeedRowTimes(t *testing.T) {
	b := undeclared()
	b.add(
		&model.Mention{Platform: model.Weibo, ExternalID: "lastyear", AuthorName: "去年",
			Text: "去年的老帖", CreatedAt: t0.AddDate(-1, 0, 0), IngestedAt: t0.Add(-4 * time.Minute)},
		&model.Mention{Platform: model.Weibo, ExternalID: "old", AuthorName: "旧帖",
			Text: "上周的帖子今天才被翻出来", CreatedAt: t0.Add(-7 * 24 * time.Hour), IngestedAt: t0.Add(-time.Minute)},
		&model.Mention{Platform: model.Weibo, ExternalID: "undated", AuthorName: "无时间",
			Text: "导出文件里没有发布时间", IngestedAt: t0.Add(-2 * time.Minute)},
		&model.Mention{Platform: model.Weibo, ExternalID: "today", AuthorName: "今天",
			Text: "今天早上发的", CreatedAt: t0.Add(-5 * time.Hour), IngestedAt: t0.Add(-3 * time.Minute)},
	)
	r := newRig(t, b, 120, 30)
	r.mustShow(" 03-08 ")    // a week before 2025-03-15
	r.mustShow(" 14:28:00 ") // arrival of the undated post
	r.mustShow(" 09:30:00 ") // today's post at its post time
	r.mustShow(" 24-03-15 ") // last year's, with its year
	r.mustNotShow("--:--:--")
	r.mustShow("Feed · 4 matches")

	// Two days on, today's post is no longer today's: drawn rows are not
	// kept across a change of day.
	r.clock.Advance(48 * time.Hour)
	r.fire()
	r.mustNotShow(" 09:30:00 ")
	r.mustShow(" 03-15 ")
	r.clock.Advance(-48 * time.Hour)
	r.fire()

	// The detail gives both times when they differ, or says which is missing.
	r.key("1", "enter")
	r.mustShow("posted 2025-03-15 09:30:00 · arrived 2025-03-15 14:27:00")
	r.key("esc", "j", "enter")
	r.mustShow("arrived 2025-03-15 14:28:00 (no post time given)")
	r.mustShow("this mention has no link")
	r.mustNotShow("link: ")
	r.key("esc", "j", "enter")
	r.mustShow("posted 2025-03-08 14:30:00 · arrived 2025-03-15 14:29:00")

	r.key("esc", "1", "/")
	r.typeText("上周")
	r.key("enter")
	r.mustShow("· 1 match ")
}

// TestWritesKeepTheirOrder: two quick actions, the second depending on the
// first, reach the store in the order they were made even when their
// commands run the other way round.
func TestWritesKeepTheirOrder(t *testing.T) {
	r := newRig(t, undeclared(), 120, 40)
	sh := r.m.sh
	add := sh.write(sh.event(model.KindTaskAdd, model.TaskPayload{ID: "t9", Title: "回应", Role: model.RoleSocial}))
	move := sh.write(sh.event(model.KindTaskMove, model.TaskMovePayload{ID: "t9", To: model.TaskDoing}))
	if add == nil || move == nil {
		t.Fatalf("refused before writing: %s", sh.status)
	}
	moved := make(chan tea.Msg, 1)
	go func() { moved <- move() }()
	select {
	case <-moved:
		t.Fatal("the second write went ahead of the first")
	case <-time.After(50 * time.Millisecond):
	}
	r.send(add()) // the first's result is folded: the second may go
	r.send(<-moved)
	if k := r.b.kinds(); len(k) != 2 || k[0] != model.KindTaskAdd || k[1] != model.KindTaskMove {
		t.Fatalf("stored in the order %v", k)
	}
}

// TestQuitWaitsForWrites: q while a write is on its way quits once it has
// landed, not before (the file closes with the program); q again quits now.
func TestQuitWaitsForWrites(t *testing.T) {
	r := newRig(t, undeclared(), 120, 40)
	sh := r.m.sh
	add := sh.write(sh.event(model.KindTaskAdd, model.TaskPayload{ID: "t9", Title: "回应", Role: model.RoleSocial}))
	r.key("q")
	if r.quit {
		t.Fatal("quit before the write landed")
	}
	r.mustShow("saving the last changes")
	r.run(add)
	if !r.quit || len(r.b.appended) != 1 {
		t.Fatalf("after the write: quit %v, appended %v", r.quit, r.b.kinds())
	}

	q := newRig(t, undeclared(), 120, 40)
	q.m.sh.write(q.m.sh.event(model.KindTaskAdd, model.TaskPayload{ID: "t9", Title: "回应", Role: model.RoleSocial}))
	q.key("q", "q")
	if !q.quit {
		t.Fatal("q twice did not quit")
	}
}

// TestLiveRowsFollowTheSearch: with a search of two words, a mention that
// arrives holding both, in any order, shows at once; one holding only one
// does not.
func TestLiveRowsFollowTheSearch(t *testing.T) {
	r := newRig(t, undeclared(), 120, 30)
	r.key("1", "/")
	r.typeText("召回 头发")
	r.key("enter")
	r.mustShow("· 0 matches")
	both := &model.Mention{ID: 100, Platform: model.Weibo, ExternalID: "l1", AuthorName: "网友", Text: "头发问题，必须召回", CreatedAt: t0, IngestedAt: t0}
	one := &model.Mention{ID: 101, Platform: model.Weibo, ExternalID: "l2", AuthorName: "网友", Text: "只说召回", CreatedAt: t0, IngestedAt: t0}
	r.send(updatesMsg{u: Update{Mentions: []*model.Mention{both, one}}})
	r.mustShow("头发问题，必须召回")
	r.mustNotShow("只说召回")
	r.mustShow("· 1 match ")
}
