package drill

import (
	"context"
	"fmt"
	"slices"
	"time"

	"warroom/model"
	"warroom/model/score"
)

// ScoreAt is the moment a drill is scored: its scenario's end, or stop,
// when the drill stopped (the team left it) before that. The console
// closing and the report both score at this moment, so they agree.
func ScoreAt(sc *Scenario, start, stop time.Time) time.Time {
	if end := start.Add(sc.Duration); stop.IsZero() || stop.After(end) {
		return end
	}
	return stop
}

// Rerun makes the drill's mentions again from start up to end, the crowd
// reacting to actions (nil is silence, the worst case) as it did live,
// and calls fn with each. The same seed and actions give the same
// mentions the live drill wrote.
func Rerun(ctx context.Context, sc *Scenario, seed int64, start, end time.Time, actions []model.Event, fn func(*model.Mention)) error {
	g := NewGenerator(sc, seed, start)
	evs := slices.Clone(actions)
	slices.SortStableFunc(evs, func(a, b model.Event) int { return a.At.Compare(b.At) })
	st := model.NewState()
	emit := func(t time.Time) {
		for _, m := range g.Until(t) {
			fn(m)
		}
	}
	for _, ev := range evs {
		if ev.At.After(end) {
			break
		}
		emit(ev.At)
		if st.Apply(ev) != nil {
			continue // a rejected event did not happen; the crowd only hears what did
		}
		g.React(ev, st)
	}
	for t := start; t.Before(end); {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("drill %s: rerun: %w", sc.ID, err)
		}
		if t = t.Add(headlessStep); t.After(end) {
			t = end
		}
		emit(t)
	}
	return nil
}

// Cases counts the negative mentions of the drill's best case (BestCase's
// statements) and worst case (silence) up to end, each mention judged by
// negative, the classifier the live pipeline judged the team's run with:
// what the team's own file is compared with, like for like.
//
// Times are compared as the file stores them, to the millisecond, so a
// silent team's file counts exactly as the worst case does.
func Cases(ctx context.Context, sc *Scenario, seed int64, start, end time.Time, negative func(*model.Mention) bool) (best, worst score.Run, err error) {
	upTo := end.Truncate(time.Millisecond).Add(time.Millisecond - 1)
	count := func(r *score.Run) func(*model.Mention) {
		return func(m *model.Mention) { r.Add(m.CreatedAt.Truncate(time.Millisecond), end, negative(m)) }
	}
	if err := Rerun(ctx, sc, seed, start, upTo, BestCase(sc, start), count(&best)); err != nil {
		return best, worst, err
	}
	err = Rerun(ctx, sc, seed, start, upTo, nil, count(&worst))
	return best, worst, err
}
