package data

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"warroom/model"
)

// TestMentionsByAuthors finds accounts' posts by id and by handle, above
// the index mark (read one by one) and below it (through mention_author),
// with the same answer either way.
func TestMentionsByAuthors(t *testing.T) {
	s := openTest(t)
	type post struct {
		p        model.Platform
		id, name string
	}
	posts := []post{
		{model.Weibo, "u1", "Nana_1463"},  // 1
		{model.Weibo, "u2", "Nana"},       // 2: a shorter handle, another account
		{model.Weibo, "u3", "吃货小王"},       // 3
		{model.Douyin, "u1", "Nana_1463"}, // 4: same id, another platform
		{model.Weibo, "u4", "美食侦探 Lily"},  // 5
		{model.Weibo, "u5", "nana_1463"},  // 6: same handle, other case, other id
		{model.Xiaohongshu, "x9", "吃货小王"}, // 7
		{model.Weibo, "u6", `say "hi"`},   // 8: a quote in a handle
		{model.Weibo, "u7", "路人甲"},        // 9
		{model.Weibo, "u3", "吃货小王（已改名）"},  // 10: same id, renamed
		{model.Weibo, "u8", "＠Élise"},     // 11: fullwidth @, non-ASCII case
		{model.Weibo, "u9", "Ｎａｎａ❤️"},     // 12: fullwidth letters, an emoji
	}
	store := func(opts WriterOptions, from, to int) {
		w, _ := newWriter(t, s, opts)
		for i := from; i < to; i++ {
			m := mention(posts[i].p, string(rune('a'+i)), "今天的外卖", t0.Add(time.Duration(i)*time.Minute))
			m.AuthorID, m.AuthorName = posts[i].id, posts[i].name
			w.Mention(m)
		}
		flush(t, w)
		w.Close()
	}
	ids := func(f MentionFilter) []int64 { return mentionIDs(t, s, f) }
	tests := []struct {
		f    MentionFilter
		want []int64
	}{
		{MentionFilter{Authors: []string{"u1"}}, []int64{4, 1}},
		{MentionFilter{Authors: []string{"u1"}, Platform: model.Weibo}, []int64{1}},
		{MentionFilter{Authors: []string{"@NANA_1463"}}, []int64{6, 4, 1}},
		{MentionFilter{Authors: []string{" ＠Nana "}}, []int64{2}},
		{MentionFilter{Authors: []string{"吃货小王"}}, []int64{7, 3}},
		{MentionFilter{Authors: []string{"u3"}}, []int64{10, 3}},
		{MentionFilter{Authors: []string{"美食侦探 lily", "u7"}}, []int64{9, 5}},
		{MentionFilter{Authors: []string{`say "hi"`}}, []int64{8}},
		{MentionFilter{Authors: []string{"Lily"}}, nil}, // part of a handle is not the handle
		{MentionFilter{Authors: []string{"ÉLISE"}}, []int64{11}},
		{MentionFilter{Authors: []string{"ｎａｎａ"}}, []int64{12}},
		{MentionFilter{Authors: []string{"\x00\"(NEAR*"}}, nil},
		{MentionFilter{Authors: []string{"@", "  "}}, nil},
		{MentionFilter{Authors: []string{"吃货小王"}, Until: t0.Add(5 * time.Minute)}, []int64{3}},
		{MentionFilter{Authors: []string{"@nana_1463"}, BeforeID: 4, Limit: 1}, []int64{1}},
	}
	check := func(when string) {
		t.Helper()
		for _, tt := range tests {
			if got := ids(tt.f); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("%s: %+v: %v, want %v", when, tt.f, got, tt.want)
			}
		}
	}
	store(WriterOptions{DeferIndex: true}, 0, len(posts))
	check("before indexing")
	store(WriterOptions{}, len(posts), len(posts)) // a writer that catches up
	var upto int64
	s.reader().db.QueryRow(`SELECT upto FROM mention_index_state`).Scan(&upto)
	if upto != int64(len(posts)) {
		t.Fatalf("indexed up to %d", upto)
	}
	check("indexed")

	if _, err := s.Mentions(ctx, MentionFilter{Authors: []string{"u1"}, Query: "外卖"}); err == nil {
		t.Error("a search limited to authors was not refused")
	}
	if _, err := s.CountMentions(ctx, MentionFilter{Authors: []string{"u1"}}); err == nil {
		t.Error("a count by author was not refused")
	}
}

// TestThreadAcrossTheMark reads a thread whose replies are above the index
// mark, below it, and on both sides, oldest first, and only its own.
func TestThreadAcrossTheMark(t *testing.T) {
	s := openTest(t)
	n := 0
	store := func(opts WriterOptions, ms ...*model.Mention) {
		w, _ := newWriter(t, s, opts)
		for _, m := range ms {
			w.Mention(m)
		}
		flush(t, w)
		w.Close()
	}
	reply := func(p model.Platform, parent string) *model.Mention {
		n++
		m := mention(p, fmt.Sprint("r", n), "回复", t0.Add(time.Duration(n)*time.Second))
		m.ParentID = parent
		return m
	}
	post := mention(model.Weibo, "p1", "原帖：外卖吃出异物", t0)
	store(WriterOptions{DeferIndex: true}, post, reply(model.Weibo, "p1"), reply(model.Weibo, "p2"),
		reply(model.Douyin, "p1"), reply(model.Weibo, "p1"))
	replies := func(when string, want ...int64) {
		t.Helper()
		_, rs, err := s.Thread(ctx, post)
		if err != nil {
			t.Fatal(err)
		}
		var got []int64
		for _, r := range rs {
			got = append(got, r.ID)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: replies %v, want %v", when, got, want)
		}
	}
	replies("above the mark", 2, 5)
	store(WriterOptions{}) // catches up
	replies("below the mark", 2, 5)
	store(WriterOptions{DeferIndex: true}, reply(model.Weibo, "p1"))
	replies("on both sides", 2, 5, 6)
}
