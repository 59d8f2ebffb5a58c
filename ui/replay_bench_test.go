package ui

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"warroom/data"
	"warroom/feed/alert"
	"warroom/feed/classify"
	"warroom/feed/drill"
	"warroom/model"
	"warroom/model/plan"
)

// benchFileVersion names the cached benchmark file: bump it when what
// benchReplayFile writes changes, so a stale file is never measured.
const benchFileVersion = 2

// benchReplayFile returns a 24-hour, ~500,000-mention incident file: the
// food-safety drill scaled to that size, classified, watched by the alert
// detector, with a team that declares, acknowledges, moves tasks and
// publishes statements. It is built once per machine (a minute or two) and
// kept in the temporary directory.
func benchReplayFile(b *testing.B) string {
	b.Helper()
	path := filepath.Join(os.TempDir(), fmt.Sprintf("warroom-replay-bench-v%d-s%d-500k.db", benchFileVersion, data.SchemaVersion))
	if _, err := os.Stat(path); err == nil {
		return path
	}
	b.Logf("building %s once: 24 h, ~500,000 mentions", path)
	start := time.Now()
	tmp := fmt.Sprintf("%s.%d.tmp", path, os.Getpid())
	if err := buildBenchFile(tmp); err != nil {
		os.Remove(tmp)
		b.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		b.Fatal(err)
	}
	b.Logf("built in %v", time.Since(start).Round(time.Second))
	return path
}

func buildBenchFile(path string) error {
	ctx := context.Background()
	sc, err := drill.Builtin("food-safety")
	if err != nil {
		return err
	}
	sc = sc.ScaledTo(500_000, 1)
	begin := time.Date(2026, 11, 20, 9, 0, 0, 0, cst)
	st, err := data.Open(path)
	if err != nil {
		return err
	}
	w := st.NewWriter(data.WriterOptions{DeferIndex: true})
	cl := classify.New()
	det := alert.NewDetector(alert.DefaultRules())
	p := plan.Default()

	// The team's actions, written when the feed's time reaches them.
	var team []model.Event
	act := func(at time.Time, kind, actor string, payload any) {
		team = append(team, model.NewEvent(at, kind, actor, payload))
	}
	act(begin, model.KindCreated, "warroom", model.IncidentPayload{Name: "鲜味坊外卖异物事件 (bench)"})
	declared := false
	acked := map[int64]bool{}
	flush := func(upTo time.Time) error {
		slices.SortStableFunc(team, func(a, b model.Event) int { return a.At.Compare(b.At) })
		n := 0
		for _, e := range team {
			if e.At.After(upTo) {
				break
			}
			if err := w.Event(e); err != nil {
				return err
			}
			n++
		}
		team = team[n:]
		return nil
	}
	_, err = drill.RunHeadless(ctx, sc, 1, begin, 24*time.Hour, drill.SinkFunc(func(ms []*model.Mention) error {
		if err := flush(ms[0].IngestedAt); err != nil {
			return err
		}
		for _, m := range ms {
			cl.Classify(m)
		}
		if _, err := w.Submit(ctx, ms, nil); err != nil {
			return err
		}
		for _, m := range ms {
			for _, a := range det.Observe(m) {
				c := *a
				if err := w.Alert(&c); err != nil {
					return err
				}
				if err := w.Flush(ctx); err != nil {
					return err
				}
				a.ID = c.ID
				if !acked[c.ID] {
					acked[c.ID] = true
					act(c.At.Add(8*time.Minute), model.KindAlertAck, "李雷", model.AlertPayload{ID: c.ID})
				}
				if !declared {
					declared = true
					d := c.At.Add(12 * time.Minute)
					team = append(team, p.Scenarios[0].Declare(d, "zh", p, "王芳", model.LevelOrange)...)
					for i, t := range p.Scenarios[0].Tasks {
						act(d.Add(time.Duration(20+i)*time.Minute), model.KindTaskMove, "王芳", model.TaskMovePayload{ID: t.ID, To: model.TaskDoing})
						act(d.Add(time.Duration(5+i)*time.Hour), model.KindTaskMove, "王芳", model.TaskMovePayload{ID: t.ID, To: model.TaskDone})
					}
					statement := func(id string, kind model.StatementKind, at time.Time) {
						act(at, model.KindDraft, "李雷", model.StatementPayload{ID: id, Kind: kind, Platform: model.Weibo, Text: "我们高度重视，正在调查。"})
						act(at.Add(5*time.Minute), model.KindSubmit, "李雷", model.StatementPayload{ID: id})
						act(at.Add(15*time.Minute), model.KindApprove, "韩梅梅", model.ReviewPayload{ID: id, Roles: []model.Role{model.RoleLegal}})
						act(at.Add(20*time.Minute), model.KindPublish, "李雷", model.StatementPayload{ID: id, Platform: model.Weibo})
					}
					statement("s1", model.StatementHolding, d.Add(30*time.Minute))
					statement("s2", model.StatementFull, d.Add(20*time.Hour))
					act(d.Add(3*time.Hour), model.KindLevel, "王芳", model.LevelPayload{Level: model.LevelRed})
				}
			}
		}
		return nil
	}))
	if err == nil {
		err = flush(begin.Add(48 * time.Hour))
	}
	return errors.Join(err, st.Close())
}

// benchModel is a paused replay of st at 200x60, its first frame shown.
func benchModel(b *testing.B, st *data.Store) (*Model, *model.ManualClock, time.Time, time.Time) {
	b.Helper()
	first, last, err := st.TimeRange(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	base := model.NewManualClock(time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC))
	sc := model.NewScaledClock(base, first, 3600)
	m := New(Options{Backend: storeBackend{st}, Replay: &ReplayControl{Clock: sc, First: first, Last: last},
		Lang: "zh", NoColor: false, Location: cst})
	m.tick = func(time.Duration, func(time.Time) tea.Msg) tea.Cmd { return nil }
	drive(m, m.Init())
	drive(m, func() tea.Msg { return tea.WindowSizeMsg{Width: 200, Height: 60} })
	if !m.rp.loaded {
		b.Fatal("the replay did not load")
	}
	return m, base, first, last
}

// drive runs a command to the end on this goroutine, feeding the console
// every message it returns, as the program would (one after the other
// instead of side by side, so the time is an upper bound).
func drive(m *Model, cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	switch msg := cmd().(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			drive(m, c)
		}
	default:
		if t := reflect.TypeOf(msg); strings.HasPrefix(t.PkgPath(), "warroom/ui") || t == reflect.TypeOf(tea.WindowSizeMsg{}) {
			_, c := m.Update(msg)
			drive(m, c)
		}
	}
}

// BenchmarkReplaySeek seeks to random times of a 24-hour, 500,000-mention
// file and renders the frame: the event log folded from scratch, alerts,
// minute counts and the feed's first page and count, all as of the target.
// The target is under 100 ms.
func BenchmarkReplaySeek(b *testing.B) {
	st := openReplay(b, benchReplayFile(b))
	m, _, first, last := benchModel(b, st)
	m.rp.ctl.Clock.SetPaused(true)
	rng := rand.New(rand.NewPCG(1, 2))
	span := int64(last.Sub(first))
	b.ReportAllocs()
	for b.Loop() {
		t := first.Add(time.Duration(rng.Int64N(span)))
		drive(m, m.seek(t))
		_ = m.View()
		if !m.sh.now.Equal(t.Truncate(time.Millisecond)) && !m.sh.now.Equal(t) {
			b.Fatalf("sought %v, shows %v", t, m.sh.now)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/seek")
}

// BenchmarkReplay3600x is one refresh of playback at 3600x: four a second,
// each moving 15 virtual minutes (the event log folded forward, alerts,
// minute counts, the feed) and rendering the frame. Reaching the end, it
// starts again from the beginning, untimed.
func BenchmarkReplay3600x(b *testing.B) {
	st := openReplay(b, benchReplayFile(b))
	m, base, first, last := benchModel(b, st)
	b.ReportAllocs()
	for b.Loop() {
		if !m.sh.now.Before(last) {
			b.StopTimer()
			drive(m, m.seek(first))
			m.rp.ctl.Clock.SetPaused(false)
			b.StartTimer()
		}
		base.Advance(replayTick)
		drive(m, m.replayTick())
		_ = m.View()
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/refresh")
}
