package alert

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"

	"warroom/model"
)

func TestValidate(t *testing.T) {
	tests := []struct {
		name string
		edit func(r *Rules)
		want string // part of the error; "" for valid
	}{
		{"defaults", func(r *Rules) {}, ""},
		{"no red flags", func(r *Rules) { r.RedFlags = nil }, ""},
		{"influential test off", func(r *Rules) { r.InfluentialEngagement = 0 }, ""},
		{"negative window", func(r *Rules) { r.Window = -10 * time.Minute }, "window"},
		{"window in seconds", func(r *Rules) { r.Window = 90 * time.Second }, "whole minutes"},
		{"baseline shorter than window", func(r *Rules) { r.Baseline = 5 * time.Minute }, "baseline"},
		{"negative baseline", func(r *Rules) { r.Baseline = -time.Hour }, "baseline"},
		{"baseline of a month", func(r *Rules) { r.Baseline = 30 * 24 * time.Hour }, "168h"},
		{"share over 1", func(r *Rules) { r.NegShare = 1.5 }, "neg_share"},
		{"share of 0", func(r *Rules) { r.NegShare = 0 }, "neg_share"},
		{"share rise of 1", func(r *Rules) { r.NegShareRise = 1 }, "neg_share_rise"},
		{"spike factor 1", func(r *Rules) { r.SpikeFactor = 1 }, "spike_factor"},
		{"spike min count 0", func(r *Rules) { r.SpikeMinCount = 0 }, "spike_min_count"},
		{"platform min count negative", func(r *Rules) { r.PlatformSpikeMinCount = -1 }, "platform_spike_min_count"},
		{"zero floor", func(r *Rules) { r.BaselineFloor = 0 }, "baseline_floor"},
		{"share min count 0", func(r *Rules) { r.NegShareMinCount = 0 }, "neg_share_min_count"},
		{"negative followers", func(r *Rules) { r.InfluentialFollowers = -1 }, "influential"},
		{"negative cooldown", func(r *Rules) { r.Cooldown = -time.Minute }, "cooldown"},
		{"quiet shorter than window", func(r *Rules) { r.QuietAfter = time.Minute }, "quiet_after"},
		{"levels out of order", func(r *Rules) { r.SpikeLevels = Steps{Yellow: 10, Orange: 5, Red: 20} }, "spike_levels"},
		{"spike yellow below the factor", func(r *Rules) { r.SpikeLevels.Yellow = 2 }, "spike_factor"},
		{"share red over 1", func(r *Rules) { r.ShareLevels.Red = 1.2 }, "share_levels"},
		{"zero levels", func(r *Rules) { r.RedFlagLevels = Steps{} }, "red_flag_levels"},
		{"author levels not rising", func(r *Rules) { r.AuthorLevels = []int{5, 3} }, "author_levels"},
		{"author level of one", func(r *Rules) { r.AuthorLevels = []int{1} }, "author_levels"},
		{"no author levels", func(r *Rules) { r.AuthorLevels = nil }, ""},
		{"platform share of 1", func(r *Rules) { r.PlatformMinShare = 1 }, "platform_min_share"},
		{"negative platform share", func(r *Rules) { r.PlatformMinShare = -0.1 }, "platform_min_share"},
		{"platforms on their own", func(r *Rules) { r.PlatformMinShare = 0 }, ""},
		{"flag without a name", func(r *Rules) { r.RedFlags[0].Name = "" }, "needs a name"},
		{"flag name with a colon", func(r *Rules) { r.RedFlags[0].Name = "a:b" }, "must not contain"},
		{"flag name twice", func(r *Rules) { r.RedFlags[1].Name = r.RedFlags[0].Name }, "used twice"},
		{"flag without terms", func(r *Rules) { r.RedFlags[0].Terms = nil }, "needs 1 to"},
		{"empty term", func(r *Rules) { r.RedFlags[0].Terms = append(r.RedFlags[0].Terms, " ") }, "empty term"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := DefaultRules()
			tc.edit(&r)
			err := r.Validate()
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("rejected: %v", err)
			case tc.want != "" && err == nil:
				t.Errorf("accepted")
			case tc.want != "" && !strings.Contains(err.Error(), tc.want):
				t.Errorf("error %q does not mention %q", err, tc.want)
			}
		})
	}
}

func TestValidateReportsEverything(t *testing.T) {
	r := DefaultRules()
	r.Window, r.NegShare, r.Cooldown = 0, 2, -1
	err := r.Validate()
	for _, key := range []string{"window", "neg_share", "cooldown"} {
		if err == nil || !strings.Contains(err.Error(), key) {
			t.Errorf("error %v does not name %s", err, key)
		}
	}
}

func TestNewDetectorPanicsOnInvalidRules(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("no panic")
		}
	}()
	r := DefaultRules()
	r.SpikeFactor = 0
	NewDetector(r)
}

func TestRulesFromCrisisPlan(t *testing.T) {
	const plan = `
window = "15m"
baseline = "3h"
spike_factor = 4.5
neg_share = 0.5
influential_followers = 500000
cooldown = "30m"
spike_levels = { yellow = 6, orange = 12, red = 24 }
author_levels = [2, 5]
platform_min_share = 0.3

[[red_flags]]
name = "allergy"
terms = ["过敏", "休克"]
grave = true
`
	r := DefaultRules()
	if _, err := toml.Decode(plan, &r); err != nil {
		t.Fatal(err)
	}
	want := DefaultRules()
	want.Window, want.Baseline, want.SpikeFactor, want.NegShare = 15*time.Minute, 3*time.Hour, 4.5, 0.5
	want.InfluentialFollowers, want.Cooldown = 500_000, 30*time.Minute
	want.SpikeLevels, want.AuthorLevels = Steps{Yellow: 6, Orange: 12, Red: 24}, []int{2, 5}
	want.PlatformMinShare = 0.3
	want.RedFlags = []FlagGroup{{Name: "allergy", Terms: []string{"过敏", "休克"}, Grave: true}}
	if !reflect.DeepEqual(r, want) {
		t.Errorf("decoded\n%+v\nwant\n%+v", r, want)
	}
	if err := r.Validate(); err != nil {
		t.Error(err)
	}

	// The plan's own flags are what the detector looks for.
	run := newRun(t, r)
	m := run.mention(t0, model.Weibo, true)
	m.Text = "喝完全身过敏"
	run.observe(m)
	if !run.keys()["red_flag:allergy"] {
		t.Errorf("plan flag did not fire: %s", keyList(run.keys()))
	}
}

// Every field must be reachable from the crisis plan.
func TestRulesHaveTOMLKeys(t *testing.T) {
	check := func(typ reflect.Type) {
		for f := range typ.Fields() {
			tag := f.Tag.Get("toml")
			if tag == "" || tag != strings.ToLower(tag) {
				t.Errorf("%s.%s: toml tag %q, want a snake_case key", typ.Name(), f.Name, tag)
			}
		}
	}
	check(reflect.TypeFor[Rules]())
	check(reflect.TypeFor[Steps]())
	check(reflect.TypeFor[FlagGroup]())
}

func TestDefaultRulesAreFresh(t *testing.T) {
	a := DefaultRules()
	a.RedFlags[0].Terms[0] = "changed"
	a.AuthorLevels[0] = 99
	if b := DefaultRules(); b.RedFlags[0].Terms[0] == "changed" || b.AuthorLevels[0] == 99 {
		t.Error("DefaultRules shares slices between calls")
	}
}

func TestFormat(t *testing.T) {
	for n, want := range map[int64]string{980: "980", 9_999: "9999", 15_200: "15.2k", 2_300_000: "2.3M", 1_000_000: "1M", 3_000_000_000: "3B"} {
		if got := compact(n); got != want {
			t.Errorf("compact(%d) = %q, want %q", n, got, want)
		}
	}
	for d, want := range map[time.Duration]string{10 * time.Minute: "10m", 2 * time.Hour: "2h", 90 * time.Minute: "1h30m"} {
		if got := span(d); got != want {
			t.Errorf("span(%v) = %q, want %q", d, got, want)
		}
	}
}
