// Package alert is warroom's early warning. It watches the stream of
// classified, stored mentions and raises model.Alerts before a crisis reaches
// the hot-search list: a negative-volume spike over a rolling baseline, a
// rising negative share, negative posts from influential authors, and
// red-flag words (death, poisoning, children …) in negative posts.
//
// Every rule raises one alert per scope (all platforms, a platform, a flag
// group) and wave, which escalates as the wave grows: fifty KOLs piling on
// on Weibo are one influential alert for Weibo, and a crisis that spills
// onto every platform is one overall spike naming the platforms it is on,
// plus alerts for the platforms that carry a real part of it.
//
// Time is the mentions' IngestedAt, never the wall clock, so live, replay and
// drill sessions raise the same alerts from the same file.
package alert

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"warroom/model"
)

// Steps are the values of a rule's measure at which its suggested level
// reaches yellow, orange and red. A rule that fires below Yellow is blue.
type Steps struct {
	Yellow float64 `toml:"yellow"`
	Orange float64 `toml:"orange"`
	Red    float64 `toml:"red"`
}

// level maps a measure to a level; the rule has already fired, so the floor
// is blue.
func (s Steps) level(v float64) model.Level {
	switch {
	case v >= s.Red:
		return model.LevelRed
	case v >= s.Orange:
		return model.LevelOrange
	case v >= s.Yellow:
		return model.LevelYellow
	}
	return model.LevelBlue
}

func (s Steps) validate(name string) error {
	if !(s.Yellow > 0 && s.Yellow <= s.Orange && s.Orange <= s.Red) {
		return fmt.Errorf("%s: want 0 < yellow <= orange <= red, got %g, %g, %g", name, s.Yellow, s.Orange, s.Red)
	}
	return nil
}

// FlagGroup is a family of red-flag terms that share one alert: ten posts
// saying 死亡 or 身亡 are one "death" alert, not two.
type FlagGroup struct {
	Name  string   `toml:"name"`  // key suffix: red_flag:<name>
	Terms []string `toml:"terms"` // matched as substrings; ASCII case-insensitively
	Grave bool     `toml:"grave"` // death, poisoning, children: one level higher from the first post
}

// Limits of the red-flag matcher, which records hits in 64-bit masks.
const (
	maxFlagGroups = 64
	maxGroupTerms = 64
)

// Rules are the detector's thresholds. DefaultRules gives working values; a
// crisis plan file may override any of them (TOML keys are the snake_case
// tags), and flags may override those. Durations in TOML are strings ("10m").
type Rules struct {
	// Window is the span the rate rules look at. Whole minutes: counts are
	// kept per minute.
	Window time.Duration `toml:"window"`
	// Baseline is the span before the window that sets the expected rate.
	Baseline time.Duration `toml:"baseline"`

	// SpikeFactor is how many times the expected negatives the window must
	// hold to be a spike.
	SpikeFactor float64 `toml:"spike_factor"`
	// SpikeMinCount and PlatformSpikeMinCount are the fewest negatives in the
	// window that can be a spike, overall and on one platform, so that three
	// posts at 3 a.m. over a near-zero baseline are not one.
	SpikeMinCount         int `toml:"spike_min_count"`
	PlatformSpikeMinCount int `toml:"platform_spike_min_count"`
	// BaselineFloor and PlatformBaselineFloor are the lowest expected rate,
	// in negatives per minute: what a cold start or a quiet night assumes
	// instead of dividing by zero.
	BaselineFloor         float64 `toml:"baseline_floor"`
	PlatformBaselineFloor float64 `toml:"platform_baseline_floor"`

	// NegShare is the negative share of the window's mentions that raises
	// the share rule, given at least NegShareMinCount mentions.
	NegShare         float64 `toml:"neg_share"`
	NegShareMinCount int     `toml:"neg_share_min_count"`
	// NegShareRise is how far the share must also stand above the baseline
	// share, so a complaint site that is always 90% negative does not alert
	// all day. 0 compares with NegShare only.
	NegShareRise float64 `toml:"neg_share_rise"`

	// PlatformMinShare is the least share of all platforms' negatives in the
	// window that a platform must carry to open its own spike or share alert
	// while the overall alert of that rule is open. A platform below it is
	// part of the overall wave (whose message names the leading platforms),
	// not a story of its own; a platform alert already open keeps escalating.
	// 0 lets every platform alert on its own.
	PlatformMinShare float64 `toml:"platform_min_share"`

	// A negative post is influential when its author has InfluentialFollowers,
	// or is verified with InfluentialVerifiedFollowers, or the post has
	// InfluentialEngagement likes+comments+shares. 0 turns a test off.
	// Influential posts make one alert per platform and wave, not one per
	// author: its evidence is the most influential posts, one per author.
	InfluentialFollowers         int64 `toml:"influential_followers"`
	InfluentialVerifiedFollowers int64 `toml:"influential_verified_followers"`
	InfluentialEngagement        int64 `toml:"influential_engagement"`

	// RedFlags are the term groups whose appearance in a negative post is an
	// alert on its own.
	RedFlags []FlagGroup `toml:"red_flags"`

	// Cooldown is the least time between two emissions of one alert that do
	// not raise its level (and then only when its evidence grew).
	Cooldown time.Duration `toml:"cooldown"`
	// QuietAfter closes a wave: a rule that has not held for this long opens
	// a new alert (a new key) the next time it fires.
	QuietAfter time.Duration `toml:"quiet_after"`

	// SpikeLevels grade a spike by its factor over the expected count, and
	// SpikeCountLevels by its count as a multiple of the scope's minimum
	// count; the level is the lower of the two, so neither a big ratio on a
	// handful of posts nor a big count on a busy day is red by itself.
	SpikeLevels      Steps `toml:"spike_levels"`
	SpikeCountLevels Steps `toml:"spike_count_levels"`
	// ShareLevels grade the negative share, ShareCountLevels the window's
	// mentions as a multiple of NegShareMinCount; the lower one wins.
	ShareLevels      Steps `toml:"share_levels"`
	ShareCountLevels Steps `toml:"share_count_levels"`
	// FollowerLevels and EngagementLevels grade an influential wave by the
	// reach of its top post (the higher one wins); each AuthorLevels count
	// of distinct influential authors in the wave raises the level by one
	// more. An author at the orange tier by reach (or verified, over
	// InfluentialVerifiedFollowers, with a post at the yellow engagement
	// tier) who takes the lead of a wave is news at once: the alert is sent
	// again without waiting for the cooldown.
	FollowerLevels   Steps `toml:"follower_levels"`
	EngagementLevels Steps `toml:"engagement_levels"`
	AuthorLevels     []int `toml:"author_levels"`
	// RedFlagLevels grade a flag group by its negative posts in the wave;
	// grave groups start one level higher.
	RedFlagLevels Steps `toml:"red_flag_levels"`
}

// DefaultRules returns the thresholds warroom ships with. Each call returns
// fresh slices, so callers may edit them.
//
// The numbers are for a consumer brand watched on Chinese platforms: a
// 10-minute window is early enough to act before hot search (which reacts
// within tens of minutes) and long enough to hold a score of posts; a 2-hour
// baseline follows the day's rhythm without forgetting the afternoon by
// evening. A spike is 3x the expected negatives and at least 20 (10 on one
// platform); the floor of 1 negative a minute (0.5 per platform) stands in
// for a baseline the detector has not seen yet. The share rule fires at 40%
// negative of at least 30 mentions, 15 points over the usual share. While an
// overall alert is open, a platform needs a fifth of the window's negatives
// to be an alert of its own. A 1M-follower account is a KOL; verified
// accounts count from 100k; 10k interactions is a post that is travelling.
// An influential wave is blue from a 100k verified account or a travelling
// post, yellow from 1M followers, orange from 10M, red from 50M, and one
// level higher at 3 and again at 10 distinct authors. Alerts re-emit at most
// every 15 minutes without escalating, and a wave is over after 4 hours
// (twice the baseline) of quiet.
func DefaultRules() Rules {
	return Rules{
		Window:                       10 * time.Minute,
		Baseline:                     2 * time.Hour,
		SpikeFactor:                  3,
		SpikeMinCount:                20,
		PlatformSpikeMinCount:        10,
		BaselineFloor:                1,
		PlatformBaselineFloor:        0.5,
		NegShare:                     0.4,
		NegShareMinCount:             30,
		NegShareRise:                 0.15,
		PlatformMinShare:             0.2,
		InfluentialFollowers:         1_000_000,
		InfluentialVerifiedFollowers: 100_000,
		InfluentialEngagement:        10_000,
		RedFlags:                     DefaultRedFlags(),
		Cooldown:                     15 * time.Minute,
		QuietAfter:                   4 * time.Hour,
		SpikeLevels:                  Steps{Yellow: 5, Orange: 10, Red: 20},
		SpikeCountLevels:             Steps{Yellow: 2.5, Orange: 5, Red: 15},
		ShareLevels:                  Steps{Yellow: 0.55, Orange: 0.7, Red: 0.85},
		ShareCountLevels:             Steps{Yellow: 2, Orange: 5, Red: 15},
		FollowerLevels:               Steps{Yellow: 1_000_000, Orange: 10_000_000, Red: 50_000_000},
		EngagementLevels:             Steps{Yellow: 50_000, Orange: 200_000, Red: 1_000_000},
		AuthorLevels:                 []int{3, 10},
		RedFlagLevels:                Steps{Yellow: 3, Orange: 10, Red: 30},
	}
}

// DefaultRedFlags returns the built-in red-flag groups. Terms that are common
// slang in complaints ("死了" as in 气死了, "宝宝" as a form of address)
// are left out: they would flag every angry post.
func DefaultRedFlags() []FlagGroup {
	return []FlagGroup{
		{Name: "death", Grave: true, Terms: []string{"死亡", "身亡", "致死", "猝死", "丧命", "去世", "出人命"}},
		{Name: "poisoning", Grave: true, Terms: []string{"食物中毒", "中毒", "上吐下泻", "集体腹泻", "食源性疾病"}},
		{Name: "children", Grave: true, Terms: []string{"儿童", "婴儿", "婴幼儿", "幼儿", "新生儿", "小孩", "孩子", "中小学生", "幼儿园"}},
		{Name: "injury", Terms: []string{"住院", "送医", "抢救", "急诊", "ICU", "烧伤", "受伤"}},
		{Name: "fire", Terms: []string{"自燃", "爆炸", "起火", "着火", "爆燃"}},
		{Name: "recall", Terms: []string{"召回"}},
		{Name: "carcinogen", Terms: []string{"致癌", "甲醛超标", "苯并芘", "黄曲霉"}},
		{Name: "regulator", Terms: []string{"315晚会", "央视曝光", "立案调查", "市场监管局", "约谈"}},
	}
}

// Validate reports every nonsensical value at once, naming the TOML key, so
// a crisis plan can be fixed in one pass.
func (r Rules) Validate() error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }

	switch {
	case r.Window < time.Minute:
		bad("window %v: must be at least 1m", r.Window)
	case r.Window%time.Minute != 0:
		bad("window %v: must be whole minutes (counts are kept per minute)", r.Window)
	}
	switch {
	case r.Baseline < r.Window:
		bad("baseline %v: must be at least the window (%v)", r.Baseline, r.Window)
	case r.Baseline%time.Minute != 0:
		bad("baseline %v: must be whole minutes", r.Baseline)
	case r.Baseline > 7*24*time.Hour:
		bad("baseline %v: at most 168h (memory is a counter per minute)", r.Baseline)
	}
	if !(r.SpikeFactor > 1) {
		bad("spike_factor %g: must be more than 1", r.SpikeFactor)
	}
	if r.SpikeMinCount < 1 {
		bad("spike_min_count %d: must be at least 1", r.SpikeMinCount)
	}
	if r.PlatformSpikeMinCount < 1 {
		bad("platform_spike_min_count %d: must be at least 1", r.PlatformSpikeMinCount)
	}
	if !(r.BaselineFloor > 0) {
		bad("baseline_floor %g: must be more than 0 (negatives a minute)", r.BaselineFloor)
	}
	if !(r.PlatformBaselineFloor > 0) {
		bad("platform_baseline_floor %g: must be more than 0 (negatives a minute)", r.PlatformBaselineFloor)
	}
	if !(r.NegShare > 0 && r.NegShare <= 1) {
		bad("neg_share %g: must be a share in (0, 1]", r.NegShare)
	}
	if r.NegShareMinCount < 1 {
		bad("neg_share_min_count %d: must be at least 1", r.NegShareMinCount)
	}
	if !(r.NegShareRise >= 0 && r.NegShareRise < 1) {
		bad("neg_share_rise %g: must be in [0, 1)", r.NegShareRise)
	}
	if !(r.PlatformMinShare >= 0 && r.PlatformMinShare < 1) {
		bad("platform_min_share %g: must be in [0, 1)", r.PlatformMinShare)
	}
	if r.InfluentialFollowers < 0 || r.InfluentialVerifiedFollowers < 0 || r.InfluentialEngagement < 0 {
		bad("influential thresholds must not be negative (0 turns one off)")
	}
	if r.Cooldown < 0 {
		bad("cooldown %v: must not be negative", r.Cooldown)
	}
	if r.QuietAfter < r.Window {
		bad("quiet_after %v: must be at least the window (%v)", r.QuietAfter, r.Window)
	}
	for _, s := range []struct {
		name string
		s    Steps
	}{
		{"spike_levels", r.SpikeLevels}, {"spike_count_levels", r.SpikeCountLevels},
		{"share_levels", r.ShareLevels}, {"share_count_levels", r.ShareCountLevels},
		{"follower_levels", r.FollowerLevels}, {"engagement_levels", r.EngagementLevels},
		{"red_flag_levels", r.RedFlagLevels},
	} {
		if err := s.s.validate(s.name); err != nil {
			errs = append(errs, err)
		}
	}
	if r.SpikeLevels.Yellow < r.SpikeFactor {
		bad("spike_levels: yellow %g is below spike_factor %g", r.SpikeLevels.Yellow, r.SpikeFactor)
	}
	if r.ShareLevels.Red > 1 {
		bad("share_levels: red %g is over 1, a share no window can reach", r.ShareLevels.Red)
	}
	for i, n := range r.AuthorLevels {
		if n < 2 || (i > 0 && n <= r.AuthorLevels[i-1]) {
			bad("author_levels %v: want increasing author counts of at least 2", r.AuthorLevels)
			break
		}
	}
	if len(r.RedFlags) > maxFlagGroups {
		bad("red_flags: %d groups, at most %d", len(r.RedFlags), maxFlagGroups)
	}
	seen := map[string]bool{}
	for i, g := range r.RedFlags {
		switch {
		case g.Name == "":
			bad("red_flags[%d]: needs a name", i)
		case strings.ContainsAny(g.Name, ":@ \t\n"):
			bad("red_flags[%d] %q: name must not contain ':', '@' or spaces (it is part of the alert key)", i, g.Name)
		case seen[g.Name]:
			bad("red_flags[%d] %q: name used twice", i, g.Name)
		}
		seen[g.Name] = true
		if len(g.Terms) == 0 || len(g.Terms) > maxGroupTerms {
			bad("red_flags[%d] %q: needs 1 to %d terms, has %d", i, g.Name, maxGroupTerms, len(g.Terms))
		}
		for _, t := range g.Terms {
			if strings.TrimSpace(t) == "" {
				bad("red_flags[%d] %q: empty term", i, g.Name)
				break
			}
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("alert rules: %w", err)
	}
	return nil
}
