package data

import (
	"context"
	"testing"
	"time"

	"warroom/model"
)

// The brief pass sees every mention, in id order, with every field but the
// text ones, which a report loads afterwards for the posts it quotes.
func TestEachMentionBrief(t *testing.T) {
	s := openTest(t)
	w, _ := newWriter(t, s, WriterOptions{})
	for i, p := range []model.Platform{model.Weibo, model.Douyin, model.Zhihu} {
		m := mention(p, string(rune('a'+i)), "外卖里吃出异物", t0.Add(time.Duration(i)*time.Minute))
		m.Negative, m.Category, m.Severity, m.AuthorFollowers = true, model.CategoryFoodSafety, 70+i, int64(1000*i)
		w.Mention(m)
	}
	flush(t, w)
	var full []model.Mention
	if err := s.EachMention(context.Background(), time.Time{}, time.Time{}, func(m *model.Mention) error {
		full = append(full, *m)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	i := 0
	err := s.EachMentionBrief(context.Background(), func(m *model.Mention) error {
		f := full[i]
		if m.ID != f.ID || m.Platform != f.Platform || m.ExternalID != f.ExternalID || !m.CreatedAt.Equal(f.CreatedAt) ||
			m.Negative != f.Negative || m.Category != f.Category ||
			m.Severity != f.Severity || m.AuthorFollowers != f.AuthorFollowers || m.AuthorName != f.AuthorName {
			t.Errorf("brief %+v\nfull  %+v", m, f)
		}
		if m.Text != "" || m.Terms != nil {
			t.Errorf("brief mention carries text: %+v", m)
		}
		i++
		return nil
	})
	if err != nil || i != len(full) || i != 3 {
		t.Fatalf("brief pass saw %d of %d: %v", i, len(full), err)
	}
}
