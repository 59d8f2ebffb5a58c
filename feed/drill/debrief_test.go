package drill

import (
	"context"
	"reflect"
	"testing"
	"time"

	"warroom/feed/classify"
	"warroom/model"
	"warroom/model/score"
)

// A rerun with the team's actions makes the mentions the live drill made.
func TestRerunIsTheLiveDrill(t *testing.T) {
	sc := mustBuiltin(t, "food-safety")
	actions := statement("s1", model.StatementHolding, sc.Best[0].Text, t0.Add(40*time.Minute))
	live, _ := run(t, sc, 7, 3*time.Hour, time.Minute, actions)
	var again []*model.Mention
	if err := Rerun(context.Background(), sc, 7, t0, t0.Add(3*time.Hour), actions, func(m *model.Mention) { again = append(again, m) }); err != nil {
		t.Fatal(err)
	}
	if len(live) == 0 || !reflect.DeepEqual(live, again) {
		t.Fatalf("rerun differs from the live drill (%d vs %d mentions)", len(live), len(again))
	}
}

// The best and worst case are counted up to the moment scored only, with
// the pipeline's classifier: a silent team's file is the worst case.
func TestCasesUpToTheMomentScored(t *testing.T) {
	ctx := context.Background()
	sc := mustBuiltin(t, "product-recall")
	c := classify.New()
	negative := func(m *model.Mention) bool { c.Classify(m); return m.Negative }

	end := t0.Add(3 * time.Hour)
	var silent score.Run
	if _, err := RunHeadless(ctx, sc, 4, t0, 3*time.Hour, SinkFunc(func(ms []*model.Mention) error {
		for _, m := range ms {
			silent.Add(m.CreatedAt, end, negative(m))
		}
		return nil
	})); err != nil {
		t.Fatal(err)
	}
	best, worst, err := Cases(ctx, sc, 4, t0, end, negative)
	if err != nil {
		t.Fatal(err)
	}
	if worst != silent || worst.Whole.Mentions == 0 {
		t.Errorf("worst case %+v, the silent file %+v", worst, silent)
	}
	if best.Whole.Share() >= worst.Whole.Share()-score.MinSpread {
		t.Errorf("best case %.2f not below the worst %.2f after 3h", best.Whole.Share(), worst.Whole.Share())
	}
	// Two minutes in, nothing the team does has taken effect: the cases
	// are the same few mentions, not the whole day's averages.
	best, worst, err = Cases(ctx, sc, 4, t0, t0.Add(2*time.Minute), negative)
	if err != nil {
		t.Fatal(err)
	}
	if best != worst || worst.Whole.Mentions > 50 {
		t.Errorf("at 2m: best %+v, worst %+v", best, worst)
	}
}

func TestScoreAt(t *testing.T) {
	sc := mustBuiltin(t, "food-safety")
	for _, tc := range []struct{ last, want time.Time }{
		{t0.Add(time.Hour), t0.Add(time.Hour)},                 // left early
		{t0.Add(sc.Duration + time.Hour), t0.Add(sc.Duration)}, // stayed on after the end
		{time.Time{}, t0.Add(sc.Duration)},
	} {
		if got := ScoreAt(sc, t0, tc.last); !got.Equal(tc.want) {
			t.Errorf("ScoreAt(last %v) = %v, want %v", tc.last, got, tc.want)
		}
	}
}
