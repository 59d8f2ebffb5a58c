package alert

import (
	"cmp"
	"slices"
	"time"

	"warroom/model"
)

// Bounds that keep a detector's memory flat over days of mentions.
const (
	maxEvidence = 20   // mention ids on an alert: the most severe (influential: most influential) of its wave
	recentCap   = 128  // recent negatives per scope, to seed a new rate alert's evidence and terms
	maxAuthors  = 4096 // distinct authors counted per influential wave; a wave of more stops counting
	maxTerms    = 8    // terms carried on an alert
	numCats     = 16   // category counters per track (model.Categories plus none, with room to grow)
)

// track is one open wave of one alert key. The alert it owns is written only
// when it is emitted (returned to the caller), never in between, so a caller
// that reads a returned alert sees it change only on a later return.
type track struct {
	alert     *model.Alert
	lastHit   time.Time // when the rule last held; the wave closes QuietAfter later
	emittedAt time.Time
	peak      float64 // growth measure at the last emission: a refresh needs more

	// For per-post rules (influential, red flag): the wave so far.
	posts       int
	first, last time.Time
	platform    model.Platform
	mixed       bool       // posts from more than one platform
	termMask    uint64     // red flag: which of the group's terms matched
	terms       []string   // influential: the posts' terms, first maxTerms
	inf         *influence // influential: authors and leaders

	ev   evidence
	cats [numCats]int32
}

// post adds a mention to a per-post rule's wave.
func (t *track) post(m *model.Mention, at time.Time, p model.Platform) {
	t.posts++
	if t.first.IsZero() {
		t.first = at
	}
	t.last = at
	switch {
	case t.platform == "" && !t.mixed:
		t.platform = p
	case t.platform != p:
		t.mixed = true
	}
	t.ev.offer(m.ID, int32(m.Severity))
	t.cats[catIndex(m.Category)]++
}

// dominant is the most common category among the wave's posts, ignoring
// posts the classifier put in none.
func (t *track) dominant() model.Category {
	best, n := 0, int32(0)
	for i := 1; i < numCats; i++ {
		if t.cats[i] > n {
			best, n = i, t.cats[i]
		}
	}
	return catOf(best)
}

// evidence keeps the maxEvidence most severe mention ids, most severe first,
// in a fixed array: offering a mention is a compare in the common case.
type evidence struct {
	n int
	e [maxEvidence]struct {
		id  int64
		sev int32
	}
}

func (v *evidence) offer(id int64, sev int32) {
	if v.n == maxEvidence && sev <= v.e[v.n-1].sev {
		return
	}
	for k := range v.n {
		if v.e[k].id == id {
			return
		}
	}
	i := v.n
	if i == maxEvidence {
		i-- // the least severe falls off
	} else {
		v.n++
	}
	for i > 0 && v.e[i-1].sev < sev {
		v.e[i] = v.e[i-1]
		i--
	}
	v.e[i].id, v.e[i].sev = id, sev
}

// ids returns a new slice: the previous one may still be held by the caller.
func (v *evidence) ids() []int64 {
	out := make([]int64, v.n)
	for i := range v.n {
		out[i] = v.e[i].id
	}
	return out
}

// catIndex maps a category to its counter. Unknown categories count as
// other rather than being lost.
func catIndex(c model.Category) uint8 {
	if c == model.CategoryNone {
		return 0
	}
	for i, x := range model.Categories {
		if x == c && i+1 < numCats {
			return uint8(i + 1)
		}
	}
	for i, x := range model.Categories {
		if x == model.CategoryOther && i+1 < numCats {
			return uint8(i + 1)
		}
	}
	return 0
}

func catOf(i int) model.Category {
	if i <= 0 || i > len(model.Categories) {
		return model.CategoryNone
	}
	return model.Categories[i-1]
}

// topTerms returns up to maxTerms terms by frequency, ties by text so the
// same counts always give the same list.
func topTerms(freq map[string]int) []string {
	if len(freq) == 0 {
		return nil
	}
	terms := make([]string, 0, len(freq))
	for t := range freq {
		terms = append(terms, t)
	}
	slices.SortFunc(terms, func(a, b string) int {
		if c := cmp.Compare(freq[b], freq[a]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	return terms[:min(len(terms), maxTerms)]
}
