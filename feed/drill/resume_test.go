package drill

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"warroom/model"
)

// TestResumeContinuesTheFeed: a drill left after 50 minutes and resumed
// from its log gives, from then on, the very mentions it would have given
// had it run on, reactions to the team included.
func TestResumeContinuesTheFeed(t *testing.T) {
	sc := mustBuiltin(t, "food-safety")
	actions := statement("s1", model.StatementHolding, sc.Best[0].Text, t0.Add(30*time.Minute+20*time.Second))
	actions = append(actions, model.NewEvent(t0.Add(12*time.Minute), model.KindAlert, "", model.AlertPayload{ID: 1, Rule: model.RuleSpike}),
		model.NewEvent(t0.Add(14*time.Minute), model.KindAlertAck, "lead", model.AlertPayload{ID: 1}))
	slices.SortStableFunc(actions, func(a, b model.Event) int { return a.At.Compare(b.At) })
	all, _ := run(t, sc, 5, 3*time.Hour, time.Minute, actions)

	stop := t0.Add(50*time.Minute + 17*time.Second)
	g, st := Resume(sc, 5, t0, actions, stop)
	if s := st.Statement("s1"); s == nil || s.Status != model.StatementPublished {
		t.Fatalf("resumed state: statement %+v", s)
	}
	got := g.Until(t0.Add(3 * time.Hour))
	var want []*model.Mention
	for _, m := range all {
		if m.IngestedAt.After(stop) {
			want = append(want, m)
		}
	}
	if len(want) < 100 || !reflect.DeepEqual(want, got) {
		t.Fatalf("resumed feed differs: %d mentions, want %d", len(got), len(want))
	}
	if s := g.Stances(); len(s) != 1 || s[0].Stance != StanceSincere {
		t.Fatalf("the resumed crowd forgot the statement: %+v", s)
	}
}
