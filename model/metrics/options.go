// Package metrics turns an incident file into its post-crisis analysis: what
// happened when, how fast the team detected, acknowledged and spoke, which
// clocks held, what the conversation did, and whether public opinion has
// gone back to where it was before the crisis.
//
// Everything here is a pure function of the event log, the alerts and the
// mention aggregates, so a report recomputed after more mentions arrive
// (weeks after the crisis) simply reflects them. Mentions are read once,
// through an Aggregator, so a file of half a million mentions costs one pass.
package metrics

import (
	"strings"
	"time"

	"warroom/model"
)

// Options tune the measures. A zero field means its documented default, so
// Options{} is a sensible report.
type Options struct {
	// AsOf is the moment the report describes: later events, alerts and
	// mentions are left out and clocks are judged at it. Zero means the
	// latest time anything in the file happened. Never read from the wall
	// clock here: callers inject it.
	AsOf time.Time
	// Location aligns buckets and is the zone times are shown in.
	// Default: China Standard Time (UTC+8, no daylight saving, so a fixed
	// zone is exact and needs no tz database).
	Location *time.Location
	// Step is the bucket width of the mention series. Default: one hour.
	Step time.Duration

	// Baseline is the pre-crisis window the baseline negative share is taken
	// from. Default: from the start of the series to the first alert (or, with
	// no alert, to the declaration, or the first negative spike).
	Baseline Window
	// Margin is how far above the baseline share (a fraction: 0.05 is five
	// percentage points) a bucket may be and still count as recovered.
	// Default 0.05.
	Margin float64
	// Sustain is how many consecutive counted buckets must be within the
	// margin for opinion to count as recovered. Default 3.
	Sustain int
	// MinMentions: buckets with fewer mentions are too thin to judge and are
	// skipped by the recovery rule (they neither count nor break a run).
	// Default 1, so only empty buckets are skipped.
	MinMentions int

	// SpikeMin, SpikeFactor and SpikeLookback define a negative spike; see
	// FirstSpike. Defaults 5, 3 and 6 buckets.
	SpikeMin      int
	SpikeFactor   float64
	SpikeLookback int

	// InfluentialFollowers is the follower count from which a negative post
	// counts as influential when finding where the crisis started.
	// Default 100,000.
	InfluentialFollowers int64
	// TopN is how many top negative posts to keep. Default 10.
	TopN int

	// Influencers are trusted influencers' handles or author ids. An entry
	// "weibo:name" (any platform name ParsePlatform knows) matches on that
	// platform only; otherwise it matches on any platform.
	Influencers []string
	// InfluencerWindow is how far before and after each influencer post the
	// negative share is compared. Default 6 hours.
	InfluencerWindow time.Duration
	// MaxInfluencerPosts caps the influencer posts kept (the earliest).
	// Default 50.
	MaxInfluencerPosts int
}

// ChinaTime is UTC+8, the default report zone.
var ChinaTime = time.FixedZone("CST", 8*60*60)

// WithDefaults returns o with every zero field set to its default.
func (o Options) WithDefaults() Options {
	if o.Location == nil {
		o.Location = ChinaTime
	}
	if o.Step <= 0 {
		o.Step = time.Hour
	}
	if o.Margin <= 0 {
		o.Margin = 0.05
	}
	if o.Sustain <= 0 {
		o.Sustain = 3
	}
	if o.MinMentions <= 0 {
		o.MinMentions = 1
	}
	if o.SpikeMin <= 0 {
		o.SpikeMin = 5
	}
	if o.SpikeFactor <= 0 {
		o.SpikeFactor = 3
	}
	if o.SpikeLookback <= 0 {
		o.SpikeLookback = 6
	}
	if o.InfluentialFollowers <= 0 {
		o.InfluentialFollowers = 100_000
	}
	if o.TopN <= 0 {
		o.TopN = 10
	}
	if o.InfluencerWindow <= 0 {
		o.InfluencerWindow = 6 * time.Hour
	}
	if o.MaxInfluencerPosts <= 0 {
		o.MaxInfluencerPosts = 50
	}
	return o
}

// influencers indexes the Influencers option by handle; a nil platform list
// means any platform.
func (o Options) influencers() map[string][]model.Platform {
	if len(o.Influencers) == 0 {
		return nil
	}
	idx := make(map[string][]model.Platform, len(o.Influencers))
	for _, s := range o.Influencers {
		s = strings.TrimSpace(s)
		handle := s
		var on model.Platform
		if p, h, ok := strings.Cut(s, ":"); ok {
			if pl, known := model.ParsePlatform(p); known && h != "" {
				on, handle = pl, h
			}
		}
		handle = strings.TrimPrefix(handle, "@")
		if handle == "" {
			continue
		}
		old, seen := idx[handle]
		switch {
		case seen && old == nil: // already matches anywhere
		case on == "":
			idx[handle] = nil
		default:
			idx[handle] = append(old, on)
		}
	}
	return idx
}
