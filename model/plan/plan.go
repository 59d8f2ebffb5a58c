// Package plan is the crisis plan: the TOML file a brand prepares before a
// crisis (who is on the team, whom to call, which thresholds raise an alert)
// and the scenarios it expects (clocks, tasks, key messages and statement
// templates for each). Declaring an incident under a scenario turns the plan
// into events, so the incident file records what the team committed to even
// if the plan changes later.
package plan

import (
	"slices"
	"strings"
	"time"

	"warroom/model"
)

// Text is a piece of plan text in Chinese and, optionally, English.
type Text struct {
	ZH string
	EN string
}

// In returns the text in lang ("zh" or "en"). English falls back to Chinese,
// because a plan written only in Chinese must still be usable from an
// English console.
func (t Text) In(lang string) string {
	if lang == "en" && t.EN != "" {
		return t.EN
	}
	return t.ZH
}

// Brand is who the plan is for.
type Brand struct {
	Name    string   // Chinese name, as the public knows it
	NameEN  string   // English name; empty if none
	Aliases []string // other names, abbreviations and product lines people use
	Hotline string   // customer hotline printed in statements
	Email   string   // address for press and affected customers
	Account string   // the official Weibo account, e.g. "@示例品牌官方微博"
}

// Names returns every name the brand goes by, for finding mentions.
func (b Brand) Names() []string {
	var out []string
	for _, n := range append([]string{b.Name, b.NameEN}, b.Aliases...) {
		if n != "" && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

// In returns the brand's name in lang.
func (b Brand) In(lang string) string { return Text{b.Name, b.NameEN}.In(lang) }

// Influencer is a trusted voice the team briefs with facts during a crisis.
type Influencer struct {
	Platform  model.Platform
	Name      string // handle as shown on the platform
	AuthorID  string // the platform's user id, when known, to match mentions exactly
	Followers int64
	Topics    []string
	Contact   string
	Note      string
}

// Alerts are early-warning thresholds. Every field is optional: a zero value
// means "keep the detector's default", so the caller overlays only what the
// plan sets onto its own rules.
type Alerts struct {
	Window                       time.Duration // length of the counting window
	Baseline                     time.Duration // history the expected rate is computed from
	SpikeFactor                  float64       // window count over expected count that makes a spike
	SpikeMinCount                int           // fewer mentions than this never make a spike
	NegShare                     float64       // share of negative mentions (0..1) that raises an alert
	NegShareMinCount             int           // fewer mentions than this never trigger the share rule
	InfluentialFollowers         int64         // followers that make a negative author influential
	InfluentialVerifiedFollowers int64         // the same for verified accounts
	InfluentialEngagement        int64         // likes+comments+shares that make a post influential
	RedFlags                     []string      // terms that raise an alert on sight
	Cooldown                     time.Duration // quiet time before the same alert fires again
}

// Merge returns a with every non-zero field of over laid on top. Red flags
// are added rather than replaced: a scenario's terms supplement the brand's.
func (a Alerts) Merge(over Alerts) Alerts {
	set := func(dst *time.Duration, v time.Duration) {
		if v != 0 {
			*dst = v
		}
	}
	set(&a.Window, over.Window)
	set(&a.Baseline, over.Baseline)
	set(&a.Cooldown, over.Cooldown)
	if over.SpikeFactor != 0 {
		a.SpikeFactor = over.SpikeFactor
	}
	if over.SpikeMinCount != 0 {
		a.SpikeMinCount = over.SpikeMinCount
	}
	if over.NegShare != 0 {
		a.NegShare = over.NegShare
	}
	if over.NegShareMinCount != 0 {
		a.NegShareMinCount = over.NegShareMinCount
	}
	if over.InfluentialFollowers != 0 {
		a.InfluentialFollowers = over.InfluentialFollowers
	}
	if over.InfluentialVerifiedFollowers != 0 {
		a.InfluentialVerifiedFollowers = over.InfluentialVerifiedFollowers
	}
	if over.InfluentialEngagement != 0 {
		a.InfluentialEngagement = over.InfluentialEngagement
	}
	flags := slices.Clone(a.RedFlags)
	for _, f := range over.RedFlags {
		if !slices.Contains(flags, f) {
			flags = append(flags, f)
		}
	}
	a.RedFlags = flags
	return a
}

// Triggers are the hints that suggest a scenario from what alerts saw.
type Triggers struct {
	Categories []model.Category // the first is the scenario's main category
	Terms      []string
}

// ClockTemplate becomes a response clock when a scenario is declared.
type ClockTemplate struct {
	ID       string
	Name     Text
	Anchor   string // event kind that starts it
	Duration time.Duration
	DueSoon  time.Duration
	MetBy    string // "kind[:statementKind][@platform]" or "manual"
}

// Payload returns the clock.added payload for the template, named in lang.
func (c ClockTemplate) Payload(lang string) model.ClockPayload {
	return model.ClockPayload{ID: c.ID, Name: c.Name.In(lang), Anchor: c.Anchor,
		Duration: c.Duration, DueSoon: c.DueSoon, MetBy: c.MetBy}
}

// TaskTemplate becomes a task on the board when a scenario is declared.
type TaskTemplate struct {
	ID    string
	Title Text
	Role  model.Role
	Due   time.Duration // after the declaration; 0 for no due time
	Links []string      // URLs, or "influencers" for the plan's trusted influencers
	Note  Text          // how to do it, and the law that requires it
}

// LinkInfluencers in a task template's links stands for every trusted
// influencer in the plan; Declare writes them out one by one.
const LinkInfluencers = "influencers"

// StatementTemplate is a ready-to-edit statement of one kind. Placeholders in
// braces are filled by Expand ({brand}, {date}, {hotline}…) or left for the
// drafter ({facts}, {product}…).
type StatementTemplate struct {
	Kind model.StatementKind
	Text Text
}

// Scenario is a kind of crisis the plan prepares for.
type Scenario struct {
	ID          string
	Name        Text
	Description Text
	Level       model.Level // suggested warning level when declared; LevelNone if not set
	Triggers    Triggers
	Clocks      []ClockTemplate
	Tasks       []TaskTemplate
	Messages    []Text
	Statements  []StatementTemplate
	Approval    []model.Role // review order for statements; always includes legal
	Alerts      Alerts       // overrides of the plan's thresholds while this scenario is active
}

// Statement returns the scenario's template of a kind.
func (s *Scenario) Statement(kind model.StatementKind) (StatementTemplate, bool) {
	for _, t := range s.Statements {
		if t.Kind == kind {
			return t, true
		}
	}
	return StatementTemplate{}, false
}

// Plan is a brand's crisis plan.
type Plan struct {
	Name        string // file name the plan was read from, for messages
	Brand       Brand
	Team        []model.Person
	Influencers []Influencer
	Alerts      Alerts
	Approval    []model.Role // default review order for statements
	Rules       []Text       // the protocol card: rules everyone follows during a crisis
	Scenarios   []*Scenario
	// Fill holds placeholder values known before anyone drafts, beyond the
	// brand's own: a drill knows what its crisis is about ({product}…).
	// The file has no such section; WithBrand sets it.
	Fill map[string]Text
}

// WithBrand returns a copy of p that speaks for brand b, with fill for
// Vars: how a drill about a fictional brand runs on the sample plan, whose
// own brand would otherwise sign every statement. p is not changed.
func (p *Plan) WithBrand(b Brand, fill map[string]Text) *Plan {
	q := *p
	q.Brand = b
	q.Fill = fill
	return &q
}

// Scenario returns the scenario with id.
func (p *Plan) Scenario(id string) (*Scenario, bool) {
	for _, s := range p.Scenarios {
		if s.ID == id {
			return s, true
		}
	}
	return nil, false
}

// People returns the team members who play role r, in plan order.
func (p *Plan) People(r model.Role) []model.Person {
	var out []model.Person
	for _, m := range p.Team {
		if m.Has(r) {
			out = append(out, m)
		}
	}
	return out
}

// Actor returns who name is on the team, with their roles. Names match
// without regard to case or surrounding space; the team's spelling is kept.
// An unknown name is an actor with no roles, so it can act but never review.
func (p *Plan) Actor(name string) model.Actor {
	n := strings.TrimSpace(name)
	for _, m := range p.Team {
		if strings.EqualFold(m.Name, n) {
			return model.Actor{Name: m.Name, Roles: slices.Clone(m.Roles)}
		}
	}
	return model.Actor{Name: n}
}

// AlertsFor returns the plan's thresholds with the scenario's overrides; a
// nil scenario gives the plan's own.
func (p *Plan) AlertsFor(s *Scenario) Alerts {
	if s == nil {
		return p.Alerts.Merge(Alerts{})
	}
	return p.Alerts.Merge(s.Alerts)
}
