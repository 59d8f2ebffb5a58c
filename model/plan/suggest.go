package plan

import (
	"cmp"
	"slices"
	"strings"

	"warroom/model"
)

// Suggest ranks the scenarios whose trigger hints fit what the alerts saw:
// cats counts mentions per category, terms are the red-flag terms that
// fired. Scenarios that fit nothing are left out; the best fit comes first,
// and ties keep plan order so the list is stable.
//
// Categories count by their share of all categorised mentions (100 points
// for all of them in a scenario's main, first, category; half that in its
// others), so a flood of one category outweighs a trickle of another
// whatever the volume. Each fired term that matches one of a scenario's
// terms adds 30 points: terms tell apart scenarios that share a category.
func (p *Plan) Suggest(cats map[model.Category]int, terms []string) []*Scenario {
	total := 0
	for c, n := range cats {
		if c != model.CategoryNone && n > 0 {
			total += n
		}
	}
	type ranked struct {
		s     *Scenario
		score float64
		i     int
	}
	var rs []ranked
	for i, s := range p.Scenarios {
		score := 0.0
		for j, c := range s.Triggers.Categories {
			if n := cats[c]; n > 0 && total > 0 {
				w := 50.0
				if j == 0 {
					w = 100
				}
				score += w * float64(n) / float64(total)
			}
		}
		for _, t := range uniqueFold(terms) {
			for _, h := range s.Triggers.Terms {
				if termMatch(t, h) {
					score += 30
					break
				}
			}
		}
		if score > 0 {
			rs = append(rs, ranked{s, score, i})
		}
	}
	slices.SortFunc(rs, func(a, b ranked) int {
		if c := cmp.Compare(b.score, a.score); c != 0 {
			return c
		}
		return a.i - b.i
	})
	out := make([]*Scenario, len(rs))
	for i, r := range rs {
		out[i] = r.s
	}
	return out
}

// termMatch reports whether a fired term and a hint name the same thing:
// either contains the other, so "吃出异物" matches the hint "异物".
func termMatch(term, hint string) bool {
	t, h := strings.ToLower(term), strings.ToLower(hint)
	return t != "" && h != "" && (strings.Contains(t, h) || strings.Contains(h, t))
}

func uniqueFold(ss []string) []string {
	var out []string
	for _, s := range ss {
		s = strings.TrimSpace(s)
		if s != "" && !slices.ContainsFunc(out, func(o string) bool { return strings.EqualFold(o, s) }) {
			out = append(out, s)
		}
	}
	return out
}
