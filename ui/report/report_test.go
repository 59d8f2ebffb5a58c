package report

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"warroom/model"
	"warroom/model/metrics"
	mt "warroom/model/metrics/metricstest"
	"warroom/model/score"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// memSource is an incident file in memory. Like a database iterator it
// hands out one reused *model.Mention.
type memSource struct {
	info     metrics.Info
	events   []model.Event
	alerts   []*model.Alert
	mentions []model.Mention
}

func (s *memSource) Info(context.Context) (metrics.Info, error)     { return s.info, nil }
func (s *memSource) Events(context.Context) ([]model.Event, error)  { return s.events, nil }
func (s *memSource) Alerts(context.Context) ([]*model.Alert, error) { return s.alerts, nil }
func (s *memSource) EachMention(ctx context.Context, fn func(*model.Mention) error) error {
	var m model.Mention
	for i := range s.mentions {
		m = s.mentions[i]
		if err := fn(&m); err != nil {
			return err
		}
	}
	return nil
}

func fixture(hours int) *memSource {
	return &memSource{info: mt.Info(), events: mt.Events(), alerts: mt.Alerts(), mentions: mt.Mentions(hours)}
}

func fixtureOptions(now time.Time) Options {
	o := mt.Options()
	return Options{Now: now, Influencers: o.Influencers, Metrics: metrics.Options{TopN: o.TopN, InfluencerWindow: o.InfluencerWindow}}
}

func build(t *testing.T, hours int, now time.Time) *metrics.Report {
	t.Helper()
	r, err := Build(context.Background(), fixture(hours), fixtureOptions(now))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./ui/report -run %s -update to create it)", err, t.Name())
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := range max(len(gl), len(wl)) {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("%s differs from line %d:\n got: %s\nwant: %s\n(run with -update if the change is intended)", path, i+1, g, w)
			}
		}
	}
}

func TestMarkdownGolden(t *testing.T) {
	for _, tc := range []struct {
		name  string
		hours int
		now   time.Time
	}{
		{"recovered", len(mt.Hours), mt.RecoveredAsOf},
		{"notyet", mt.NotYetHours, mt.NotYetAsOf},
	} {
		for _, lang := range []string{LangEN, LangZH} {
			t.Run(tc.name+"_"+lang, func(t *testing.T) {
				var buf bytes.Buffer
				if err := Markdown(&buf, build(t, tc.hours, tc.now), lang); err != nil {
					t.Fatal(err)
				}
				golden(t, tc.name+"."+lang+".md.golden", buf.Bytes())
			})
		}
	}
}

func TestRender(t *testing.T) {
	ctx := context.Background()
	for format, want := range map[string]string{FormatMarkdown: "# 事件复盘报告", FormatHTML: "<!DOCTYPE html>"} {
		var buf bytes.Buffer
		o := fixtureOptions(mt.RecoveredAsOf)
		o.Lang = LangZH
		if err := Render(ctx, &buf, fixture(len(mt.Hours)), o, format); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(buf.String(), want) {
			t.Errorf("%s starts %q", format, buf.String()[:40])
		}
	}
	if err := Render(ctx, &bytes.Buffer{}, fixture(1), Options{}, "pdf"); err == nil {
		t.Error("want an error for an unknown format")
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	big := fixture(len(mt.Hours))
	for len(big.mentions) < 2*checkEvery {
		big.mentions = append(big.mentions, big.mentions...)
	}
	if _, err := Build(cancelled, big, Options{}); err == nil {
		t.Error("Build should stop when the context is cancelled")
	}
}

// TestBuildAsOfZero: with no Now the report is as of the last thing in the
// file: here the last debrief note, after the last mention.
func TestBuildAsOfZero(t *testing.T) {
	r, err := Build(context.Background(), fixture(len(mt.Hours)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if want := mt.H(34, 15); !r.AsOf.Equal(want) {
		t.Errorf("as of %v, want the last event %v", r.AsOf, want)
	}
}

// briefSource hands out mentions without their text, as a store's brief
// pass does, and the quoted posts' text on request.
type briefSource struct{ *memSource }

func (s briefSource) EachMentionBrief(ctx context.Context, fn func(*model.Mention) error) error {
	return s.EachMention(ctx, func(m *model.Mention) error {
		b := *m
		b.Text, b.RawText, b.URL, b.Terms = "", "", "", nil
		return fn(&b)
	})
}

func (s briefSource) MentionsByID(_ context.Context, ids []int64) ([]*model.Mention, error) {
	var out []*model.Mention
	for _, id := range ids {
		for i := range s.mentions {
			if s.mentions[i].ID == id {
				m := s.mentions[i]
				out = append(out, &m)
			}
		}
	}
	return out, nil
}

// A report read through the brief pass is the same report.
func TestBriefSourceSameReport(t *testing.T) {
	ctx := context.Background()
	o := fixtureOptions(mt.RecoveredAsOf)
	var full, brief bytes.Buffer
	if err := Render(ctx, &full, fixture(len(mt.Hours)), o, FormatMarkdown); err != nil {
		t.Fatal(err)
	}
	if err := Render(ctx, &brief, briefSource{fixture(len(mt.Hours))}, o, FormatMarkdown); err != nil {
		t.Fatal(err)
	}
	if full.String() != brief.String() {
		t.Error("the brief pass changed the report")
	}
	if !strings.Contains(brief.String(), "|") {
		t.Error("empty report")
	}
}

// A clock marked met by hand ends the key measure, and the report says so.
func TestMeasureMarkedByHand(t *testing.T) {
	src := fixture(len(mt.Hours))
	i := slices.IndexFunc(src.events, func(e model.Event) bool { return e.At.After(mt.H(7, 0)) })
	src.events = slices.Insert(src.events, i, model.NewEvent(mt.H(7, 0), model.KindClockMet, mt.Lead,
		model.ClockMetPayload{ID: "holding", What: "posted on Weibo directly"}))
	for lang, want := range map[string]string{
		LangEN: "| Time to holding statement | 45m | declared 2025-03-10 06:15 → holding-statement clock marked met by hand 2025-03-10 07:00: “posted on Weibo directly” |",
		LangZH: "| 初步回应用时 | 45分钟 | 宣布启动 2025-03-10 06:15 → 初步回应时限手动标记达成 2025-03-10 07:00：“posted on Weibo directly” |",
	} {
		o := fixtureOptions(mt.RecoveredAsOf)
		o.Lang = lang
		var buf bytes.Buffer
		if err := Render(context.Background(), &buf, src, o, FormatMarkdown); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(buf.String(), want) {
			t.Errorf("%s report lacks %q", lang, want)
		}
	}
}

// A drill's debrief is a section of the report in either format and
// language, beside the key measures.
func TestDebriefSection(t *testing.T) {
	st, _ := model.Fold(mt.Events(), mt.H(10, 0))
	for _, tc := range []struct{ lang, format, want string }{
		{LangEN, FormatMarkdown, "## Drill debrief\n\n- **Score**: "},
		{LangEN, FormatMarkdown, "| Area | Points | Why |"},
		{LangEN, FormatMarkdown, "| Acknowledging the warning | +2/10 (-8) | first alert acknowledged after 25m"},
		{LangEN, FormatMarkdown, "- **Scored at**: 2025-03-10 10:00, when the drill was left (4h of 1d)"},
		{LangZH, FormatMarkdown, "## 演练评分\n\n- **得分**："},
		{LangZH, FormatMarkdown, "| 确认预警 | +2/10 (-8) | 首个警报在25分钟后确认"},
		{LangEN, FormatHTML, "<h2 id=\"debrief\">Drill debrief</h2>"},
		{LangZH, FormatHTML, "确认预警"},
	} {
		res := score.Debrief(st, mt.H(10, 0), nil, tc.lang)
		res.Start, res.Length = mt.H(6, 0), 24*time.Hour
		o := fixtureOptions(mt.RecoveredAsOf)
		o.Lang, o.Debrief = tc.lang, &res
		var buf bytes.Buffer
		if err := Render(context.Background(), &buf, fixture(len(mt.Hours)), o, tc.format); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		if !strings.Contains(out, tc.want) {
			t.Errorf("%s %s lacks %q", tc.lang, tc.format, tc.want)
		}
		if i := strings.Index(out, "⟦"); i >= 0 {
			t.Errorf("%s %s: missing string %s", tc.lang, tc.format, out[i:i+30])
		}
	}
}
