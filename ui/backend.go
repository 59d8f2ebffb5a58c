package ui

import (
	"context"
	"errors"
	"time"

	"warroom/model"
)

// FeedQuery selects mentions for the feed panel. Zero fields do not filter.
type FeedQuery struct {
	Platform     model.Platform // "" for every platform
	NegativeOnly bool
	MinSeverity  int
	Search       string    // full-text query; "" for none
	Until        time.Time // only mentions ingested at or before; zero for no bound (replay passes the virtual now)
	BeforeID     int64     // keyset paging: only ids below this; 0 for the newest
	Limit        int
	// Authors keeps only mentions by these accounts (author ids or
	// handles); not with Search, and not for CountMentions.
	Authors []string
}

// MinuteCount is how many mentions, and how many negative ones, arrived in
// one minute.
type MinuteCount struct {
	Minute   time.Time
	All      int
	Negative int
}

// Backend is what the console reads and writes. The data package satisfies
// it through a small adapter; every call runs inside a tea.Cmd, never in
// Update or View, so a slow disk never freezes the screen.
type Backend interface {
	// Mentions returns the mentions matching q, newest (highest id) first.
	Mentions(ctx context.Context, q FeedQuery) ([]*model.Mention, error)
	// CountMentions counts the mentions matching q, ignoring BeforeID and Limit.
	CountMentions(ctx context.Context, q FeedQuery) (int, error)
	// Mention returns one mention by id.
	Mention(ctx context.Context, id int64) (*model.Mention, error)
	// Thread returns the post m comments on (nil if none or unknown) and
	// the replies to m.
	Thread(ctx context.Context, m *model.Mention) (parent *model.Mention, replies []*model.Mention, err error)
	// MinuteCounts returns per-minute counts for minutes in [from, to].
	MinuteCounts(ctx context.Context, from, to time.Time) ([]MinuteCount, error)
	// Events returns the event log in order, up to upTo (zero for all).
	Events(ctx context.Context, upTo time.Time) ([]model.Event, error)
	// Alerts returns the alerts raised up to upTo (zero for all).
	Alerts(ctx context.Context, upTo time.Time) ([]*model.Alert, error)
	// MentionsByID returns the mentions with the given ids, in any order.
	MentionsByID(ctx context.Context, ids []int64) ([]*model.Mention, error)
	// Append writes events to the log. A read-only (replay) backend returns
	// an error wrapping ErrReadOnly.
	Append(ctx context.Context, evs ...model.Event) error
}

// ErrReadOnly is what a Backend opened for replay may wrap when asked to
// write; the console shows it as "read-only".
var ErrReadOnly = errors.New("the incident file is open read-only")

// Update is one notification from the store: what was committed since the
// previous one. Several waiting updates are merged before the console
// renders, so a burst costs one frame.
type Update struct {
	Mentions []*model.Mention
	Alerts   []*model.Alert // new or escalated alerts, with evidence
	Events   []model.Event  // events committed to the log, with Seq set, in order
}

// Timeouts for backend calls. Reads are short: a query that takes longer is
// a bug to fix, not a wait to sit through.
const (
	readTimeout  = 5 * time.Second
	writeTimeout = 10 * time.Second
)
