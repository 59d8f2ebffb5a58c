package drill

import (
	"time"

	"warroom/model"
)

// Resume rebuilds the generator of a drill that started at start, whose
// log is events (in order), and that was left at the time stop. The crowd
// reacts to each event as it did when the event was written, and every
// mention up to stop counts as handed out, so Until goes on with the feed
// the drill would have given had it not been left. The returned state is
// the incident folded from events, for the caller's further reactions.
func Resume(sc *Scenario, seed int64, start time.Time, events []model.Event, stop time.Time) (*Generator, *model.State) {
	g := NewGenerator(sc, seed, start)
	st := model.NewState()
	for _, ev := range events {
		if ev.At.After(stop) {
			break // written after the drill's clock stopped: cannot be
		}
		// A live driver has handed out the feed up to an action before the
		// action reaches the crowd; doing the same here puts the reaction
		// on the same minute boundary.
		g.Until(ev.At)
		if st.Apply(ev) == nil {
			g.React(ev, st)
		}
	}
	g.Until(stop)
	return g, st
}
