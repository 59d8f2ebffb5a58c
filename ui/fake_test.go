package ui

import (
	"context"
	"slices"
	"strings"
	"sync"
	"time"

	"warroom/model"
	"warroom/model/text"
)

// fakeBackend is an in-memory Backend for tests. It answers queries the way
// the store does (newest first, keyset paging) and records appends.
type fakeBackend struct {
	mu       sync.Mutex
	mentions []*model.Mention // ascending id
	events   []model.Event
	alerts   []*model.Alert
	appended []model.Event
	readOnly bool
	queries  int
}

func (b *fakeBackend) match(q FeedQuery, m *model.Mention) bool {
	if q.Platform != "" && m.Platform != q.Platform {
		return false
	}
	if q.NegativeOnly && !m.Negative {
		return false
	}
	if m.Severity < q.MinSeverity {
		return false
	}
	if q.Search != "" && !strings.Contains(strings.ToLower(m.Text), strings.ToLower(q.Search)) {
		return false
	}
	if !q.Until.IsZero() && m.IngestedAt.After(q.Until) {
		return false
	}
	// The store's rule: an author id or name with an account's key.
	if len(q.Authors) > 0 && !slices.ContainsFunc(q.Authors, func(a string) bool {
		k := text.AccountKey(a)
		return k != "" && (k == text.AccountKey(m.AuthorID) || k == text.AccountKey(m.AuthorName))
	}) {
		return false
	}
	return true
}

func (b *fakeBackend) Mentions(_ context.Context, q FeedQuery) ([]*model.Mention, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.queries++
	var out []*model.Mention
	for i := len(b.mentions) - 1; i >= 0; i-- {
		m := b.mentions[i]
		if q.BeforeID != 0 && m.ID >= q.BeforeID {
			continue
		}
		if !b.match(q, m) {
			continue
		}
		out = append(out, m)
		if q.Limit > 0 && len(out) == q.Limit {
			break
		}
	}
	return out, nil
}

func (b *fakeBackend) CountMentions(_ context.Context, q FeedQuery) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	n := 0
	for _, m := range b.mentions {
		if b.match(q, m) {
			n++
		}
	}
	return n, nil
}

func (b *fakeBackend) Mention(_ context.Context, id int64) (*model.Mention, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, m := range b.mentions {
		if m.ID == id {
			return m, nil
		}
	}
	return nil, nil
}

func (b *fakeBackend) Thread(_ context.Context, m *model.Mention) (*model.Mention, []*model.Mention, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	var parent *model.Mention
	var replies []*model.Mention
	for _, x := range b.mentions {
		if m.ParentID != "" && x.ExternalID == m.ParentID && x.Platform == m.Platform {
			parent = x
		}
		if x.ParentID != "" && x.ParentID == m.ExternalID && x.Platform == m.Platform {
			replies = append(replies, x)
		}
	}
	return parent, replies, nil
}

func (b *fakeBackend) MinuteCounts(_ context.Context, from, to time.Time) ([]MinuteCount, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	by := map[int64]*MinuteCount{}
	var keys []int64
	for _, m := range b.mentions {
		if m.IngestedAt.Before(from) || m.IngestedAt.After(to) {
			continue
		}
		k := m.IngestedAt.Unix() / 60
		c := by[k]
		if c == nil {
			c = &MinuteCount{Minute: time.Unix(k*60, 0)}
			by[k] = c
			keys = append(keys, k)
		}
		c.All++
		if m.Negative {
			c.Negative++
		}
	}
	slices.Sort(keys)
	var out []MinuteCount
	for _, k := range keys {
		out = append(out, *by[k])
	}
	return out, nil
}

func (b *fakeBackend) Events(_ context.Context, upTo time.Time) ([]model.Event, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []model.Event
	for _, e := range b.events {
		if !upTo.IsZero() && e.At.After(upTo) {
			break
		}
		out = append(out, e)
	}
	return out, nil
}

func (b *fakeBackend) Alerts(_ context.Context, upTo time.Time) ([]*model.Alert, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []*model.Alert
	for _, a := range b.alerts {
		if upTo.IsZero() || !a.At.After(upTo) {
			out = append(out, a)
		}
	}
	return out, nil
}

func (b *fakeBackend) MentionsByID(_ context.Context, ids []int64) ([]*model.Mention, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []*model.Mention
	for _, m := range b.mentions {
		if slices.Contains(ids, m.ID) {
			out = append(out, m)
		}
	}
	return out, nil
}

func (b *fakeBackend) Append(_ context.Context, evs ...model.Event) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.readOnly {
		return ErrReadOnly
	}
	for _, e := range evs {
		e.Seq = int64(len(b.events) + 1)
		b.events = append(b.events, e)
		b.appended = append(b.appended, e)
	}
	return nil
}

// add stores mentions, giving them ids, and returns them.
func (b *fakeBackend) add(ms ...*model.Mention) []*model.Mention {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, m := range ms {
		m.ID = int64(len(b.mentions) + 1)
		if m.IngestedAt.IsZero() { // as the store does: arrival time, which replay and sparklines go by
			m.IngestedAt = m.CreatedAt
		}
		b.mentions = append(b.mentions, m)
	}
	return ms
}

// kinds lists the kinds of appended events.
func (b *fakeBackend) kinds() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []string
	for _, e := range b.appended {
		out = append(out, e.Kind)
	}
	return out
}

// last returns the last appended event.
func (b *fakeBackend) last() model.Event {
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.appended) == 0 {
		return model.Event{}
	}
	return b.appended[len(b.appended)-1]
}
