package plan

import (
	"time"

	"warroom/model"
)

// Declare returns the events that declare an incident under the scenario:
// the declaration itself, then one clock.added per clock template and one
// task.created per task template, all at the moment at and by actor. Text is
// written in lang ("zh" or "en") because the file should read the way the
// team worked. A LevelNone level takes the scenario's suggested level.
//
// Clock ids are the template ids, and task ids the template ids too (p1, p2…
// where the plan gives none), so replays and drills of the same plan give
// the same ids. Each task goes to the first team member with its role; the
// "influencers" link is written out as the plan's trusted influencers, so
// the incident file keeps whom the team was to brief even if the plan
// changes later. p may be nil: tasks are then unassigned.
func (s *Scenario) Declare(at time.Time, lang string, p *Plan, actor string, level model.Level) []model.Event {
	if level == model.LevelNone {
		level = s.Level
	}
	evs := []model.Event{model.NewEvent(at, model.KindDeclared, actor, model.DeclarePayload{Level: level, Scenario: s.ID})}
	for _, c := range s.Clocks {
		evs = append(evs, model.NewEvent(at, model.KindClockAdd, actor, c.Payload(lang)))
	}
	for _, t := range s.Tasks {
		tp := model.TaskPayload{ID: t.ID, Title: t.Title.In(lang), Role: t.Role, Note: t.Note.In(lang),
			Links: expandLinks(t.Links, p), Status: model.TaskTodo}
		if t.Due > 0 {
			tp.Due = at.Add(t.Due)
		}
		if p != nil {
			if people := p.People(t.Role); len(people) > 0 {
				tp.Assignee = people[0].Name
			}
		}
		evs = append(evs, model.NewEvent(at, model.KindTaskAdd, actor, tp))
	}
	return evs
}

// DeclareDefault returns the events that declare an incident without a
// scenario: the declaration and the DefaultClocks, and no tasks.
func DeclareDefault(at time.Time, lang, actor string, level model.Level) []model.Event {
	s := &Scenario{Clocks: DefaultClocks()}
	return s.Declare(at, lang, nil, actor, level)
}

// InfluencerLink is how a trusted influencer appears in a task's links:
// "influencer:<platform>:<name>".
func InfluencerLink(in Influencer) string {
	return "influencer:" + string(in.Platform) + ":" + in.Name
}

func expandLinks(links []string, p *Plan) []string {
	var out []string
	for _, l := range links {
		if l == LinkInfluencers && p != nil && len(p.Influencers) > 0 {
			for _, in := range p.Influencers {
				out = append(out, InfluencerLink(in))
			}
			continue
		}
		out = append(out, l)
	}
	return out
}
