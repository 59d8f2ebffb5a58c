package ui

import "time"

// sparkMinutes is how far back the header sparklines look.
const sparkMinutes = 60

// minuteRing keeps mention counts per minute for the last hour, updated as
// mentions arrive: the header never scans the feed to draw its sparklines.
type minuteRing struct {
	slots [sparkMinutes]minuteSlot
}

type minuteSlot struct {
	minute   int64 // unix minute this slot holds; slots are reused round the ring
	all, neg int
}

func unixMinute(t time.Time) int64 { return t.Unix() / 60 }

// add counts one mention created at t.
func (r *minuteRing) add(t time.Time, negative bool) {
	m := unixMinute(t)
	s := &r.slots[int(m%sparkMinutes+sparkMinutes)%sparkMinutes]
	if s.minute != m {
		*s = minuteSlot{minute: m}
	}
	s.all++
	if negative {
		s.neg++
	}
}

// set replaces the counts from a backend query.
func (r *minuteRing) set(counts []MinuteCount) {
	for _, c := range counts {
		m := unixMinute(c.Minute)
		s := &r.slots[int(m%sparkMinutes+sparkMinutes)%sparkMinutes]
		if s.minute > m { // a newer minute already holds the slot
			continue
		}
		*s = minuteSlot{minute: m, all: c.All, neg: c.Negative}
	}
}

// series returns per-minute totals and negative shares for the hour ending
// at now, oldest first; the last entry is the minute still running.
func (r *minuteRing) series(now time.Time) (all, share []float64) {
	end := unixMinute(now)
	all = make([]float64, sparkMinutes)
	share = make([]float64, sparkMinutes)
	for i := range sparkMinutes {
		m := end - int64(sparkMinutes-1-i)
		s := r.slots[int(m%sparkMinutes+sparkMinutes)%sparkMinutes]
		if s.minute != m {
			continue
		}
		all[i] = float64(s.all)
		if s.all > 0 {
			share[i] = float64(s.neg) / float64(s.all)
		}
	}
	return all, share
}
