// Package report renders an incident file's post-crisis analysis
// (model/metrics) as Markdown or as one self-contained HTML page, and
// exports its mentions, alerts, events and tasks as CSV or JSON Lines.
//
// It reads the file through Source, a small interface the store satisfies,
// and reads the mentions exactly once: every aggregate is built in the same
// pass, so a report on half a million mentions costs one scan.
package report

import (
	"context"
	"fmt"
	"io"
	"time"

	"warroom/model"
	"warroom/model/metrics"
	"warroom/model/score"
)

// Source is what a report needs from an incident file.
type Source interface {
	// Info returns the file's own description (name, brand, meta).
	Info(ctx context.Context) (metrics.Info, error)
	// Events returns the whole event log in order.
	Events(ctx context.Context) ([]model.Event, error)
	// Alerts returns every alert, as the alert table holds them.
	Alerts(ctx context.Context) ([]*model.Alert, error)
	// EachMention calls fn for every mention in creation-time order and
	// stops at fn's first error, returning it. fn keeps nothing but strings
	// from the mention, so the iterator may reuse one *model.Mention.
	EachMention(ctx context.Context, fn func(*model.Mention) error) error
}

// Options say how to build a report.
type Options struct {
	// Lang is the language Render writes in: "en" (default) or "zh".
	Lang string
	// Baseline is the pre-crisis window for the baseline negative share;
	// zero means from the first mention to the first alert.
	Baseline metrics.Window
	// Influencers are trusted influencers' handles or author ids, optionally
	// "platform:handle".
	Influencers []string
	// Now is the report's "as of" moment: events, alerts and mentions after
	// it are left out. It is injected (the session clock's time; a replay's
	// virtual time) and never read from the wall clock here. Zero means the
	// last moment anything in the file happened.
	Now time.Time
	// Metrics tunes the measures (bucket width, recovery margin, spike rule,
	// …); its AsOf, Baseline and Influencers are replaced by the fields above.
	Metrics metrics.Options
	// Debrief is the drill's score, for a drill file: the report shows it
	// as its own section. Nil for anything else.
	Debrief *score.Result
}

// BriefSource is a Source that can also pass over the mentions without
// their text and load the few posts a report quotes afterwards: on a large
// file, reading every mention's text is most of a report's cost.
type BriefSource interface {
	Source
	// EachMentionBrief is EachMention with Text, URL and Terms left empty.
	EachMentionBrief(ctx context.Context, fn func(*model.Mention) error) error
	// MentionsByID returns the mentions with these ids, in any order.
	MentionsByID(ctx context.Context, ids []int64) ([]*model.Mention, error)
}

// checkEvery is how many mentions pass between checks of the context: often
// enough to stop promptly, rarely enough to cost nothing.
const checkEvery = 4096

// Build reads the incident file once and computes its report.
func Build(ctx context.Context, src Source, opts Options) (*metrics.Report, error) {
	info, err := src.Info(ctx)
	if err != nil {
		return nil, fmt.Errorf("report: read incident info: %w", err)
	}
	events, err := src.Events(ctx)
	if err != nil {
		return nil, fmt.Errorf("report: read event log: %w", err)
	}
	alerts, err := src.Alerts(ctx)
	if err != nil {
		return nil, fmt.Errorf("report: read alerts: %w", err)
	}
	mo := opts.Metrics
	mo.AsOf, mo.Baseline, mo.Influencers = opts.Now, opts.Baseline, opts.Influencers
	agg := metrics.NewAggregator(mo)
	n := 0
	each := src.EachMention
	brief, isBrief := src.(BriefSource)
	if isBrief {
		each = brief.EachMentionBrief
	}
	err = each(ctx, func(m *model.Mention) error {
		n++
		if n%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		agg.Add(m)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("report: read mentions (after %d): %w", n, err)
	}
	if len(alerts) == 0 {
		alerts = nil // no alert table (or an empty one): fall back to the log's alert events
	}
	g := agg.Result()
	if isBrief {
		if err := fillTexts(ctx, brief, g); err != nil {
			return nil, err
		}
	}
	in := metrics.Input{Info: info, Events: events, Alerts: alerts, Mentions: g}
	r := metrics.Compute(in, mo)
	r.Drill = opts.Debrief
	return r, nil
}

// fillTexts loads the text and URL of the posts the report quotes.
func fillTexts(ctx context.Context, src BriefSource, g *metrics.Aggregate) error {
	var posts []*metrics.Post
	for _, list := range [][]metrics.Post{g.FirstNegative, g.TopNegative, g.InfluencerPosts} {
		for i := range list {
			posts = append(posts, &list[i])
		}
	}
	if g.FirstInfluential != nil {
		posts = append(posts, g.FirstInfluential)
	}
	if len(posts) == 0 {
		return nil
	}
	ids := make([]int64, len(posts))
	for i, p := range posts {
		ids[i] = p.MentionID
	}
	ms, err := src.MentionsByID(ctx, ids)
	if err != nil {
		return fmt.Errorf("report: read quoted posts: %w", err)
	}
	byID := make(map[int64]*model.Mention, len(ms))
	for _, m := range ms {
		byID[m.ID] = m
	}
	for _, p := range posts {
		if m := byID[p.MentionID]; m != nil {
			p.Text, p.URL = m.Text, m.URL
		}
	}
	return nil
}

// Formats Render writes.
const (
	FormatMarkdown = "md"
	FormatHTML     = "html"
)

// Render builds the report and writes it as Markdown ("md") or HTML
// ("html") in opts.Lang.
func Render(ctx context.Context, w io.Writer, src Source, opts Options, format string) error {
	r, err := Build(ctx, src, opts)
	if err != nil {
		return err
	}
	switch format {
	case FormatMarkdown, "markdown":
		return Markdown(w, r, opts.Lang)
	case FormatHTML:
		return HTML(w, r, opts.Lang)
	}
	return fmt.Errorf("report: unknown format %q (want md or html)", format)
}
