package plan

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"warroom/model"
)

// eventKinds are the kinds a clock may be anchored on or met by.
var eventKinds = []string{
	model.KindCreated, model.KindDeclared, model.KindLevel, model.KindStatus,
	model.KindAlert, model.KindAlertAck,
	model.KindClockAdd, model.KindClockMet, model.KindPause, model.KindResume,
	model.KindTaskAdd, model.KindTaskEdit, model.KindTaskMove, model.KindTaskDel,
	model.KindDraft, model.KindEdit, model.KindSubmit, model.KindWithdraw,
	model.KindApprove, model.KindReject, model.KindPublish, model.KindNote,
}

// StatementKinds lists the statement kinds a template may have, in the order
// a crisis usually needs them.
var StatementKinds = []model.StatementKind{model.StatementHolding, model.StatementApology,
	model.StatementFactUpdate, model.StatementRemedy, model.StatementFull}

func (v *validator) plan(d *fileDoc) *Plan {
	p := &Plan{}
	p.Brand = v.brand(&d.Brand)
	p.Team = v.team(d.Team)
	p.Influencers = v.influencers(d.Influencers)
	p.Alerts = v.alerts("alerts", &d.Alerts)
	p.Approval = v.approval("protocol.approval", d.Protocol.Approval, p.Team)
	if d.Protocol.Approval == nil {
		// Without a chain, legal alone reviews: the gate the model enforces.
		p.Approval = []model.Role{model.RoleLegal}
	}
	for i, r := range v.list("protocol.rules", d.Protocol.Rules) {
		if t := v.text(fmt.Sprintf("protocol.rules[%d]", i), r, true); t.ZH != "" {
			p.Rules = append(p.Rules, t)
		}
	}
	ids := map[string]int{}
	for i := range d.Scenarios {
		path := fmt.Sprintf("scenarios[%d]", i)
		s := v.scenario(path, &d.Scenarios[i], p)
		if s.ID != "" {
			if j, dup := ids[s.ID]; dup {
				v.errorf(path+".id", "duplicate scenario id %q (also scenarios[%d], line %d)", s.ID, j, v.loc.Line(fmt.Sprintf("scenarios[%d].id", j)))
			}
			ids[s.ID] = i
		}
		p.Scenarios = append(p.Scenarios, s)
	}
	return p
}

func (v *validator) brand(b *fileBrand) Brand {
	return Brand{
		Name:    v.need("brand.name", b.Name, "write the brand's name as the public knows it"),
		NameEN:  v.str("brand.name_en", b.NameEN),
		Aliases: v.strs("brand.aliases", b.Aliases),
		Hotline: v.str("brand.hotline", b.Hotline),
		Email:   v.str("brand.email", b.Email),
		Account: v.str("brand.account", b.Account),
	}
}

func (v *validator) roles(path string, x any) []model.Role {
	var out []model.Role
	for i, s := range v.strs(path, x) {
		r := model.Role(s)
		switch {
		case !r.Valid():
			v.errorf(fmt.Sprintf("%s[%d]", path, i), "unknown role %q (want one of %s)", s, roleNames())
		case slices.Contains(out, r):
			v.errorf(fmt.Sprintf("%s[%d]", path, i), "role %q is listed twice", s)
		default:
			out = append(out, r)
		}
	}
	return out
}

func roleNames() string {
	var s []string
	for _, r := range model.Roles {
		s = append(s, string(r))
	}
	return strings.Join(s, ", ")
}

func (v *validator) team(ms []fileMember) []model.Person {
	var out []model.Person
	seen := map[string]int{}
	for i := range ms {
		m, path := &ms[i], fmt.Sprintf("team[%d]", i)
		p := model.Person{
			Name:    v.need(path+".name", m.Name, "write the person's name as they will type it"),
			Roles:   v.roles(path+".roles", m.Roles),
			Contact: v.str(path+".contact", m.Contact),
			Note:    v.str(path+".call_for", m.CallFor),
		}
		if m.Roles == nil {
			v.errorf(path+".roles", "missing; give at least one of %s", roleNames())
		}
		if key := strings.ToLower(p.Name); p.Name != "" {
			if j, dup := seen[key]; dup {
				v.errorf(path+".name", "%q is already team[%d]; names must differ (ignoring case) so actions can be traced to one person", p.Name, j)
			}
			seen[key] = i
		}
		out = append(out, p)
	}
	return out
}

func (v *validator) platform(path string, x any) model.Platform {
	s := v.need(path, x, "name the platform, e.g. \"weibo\"")
	if s == "" {
		return ""
	}
	pl, ok := model.ParsePlatform(s)
	if !ok {
		v.errorf(path, "unknown platform %q (want one of %s)", s, platformNames())
		return ""
	}
	return pl
}

func platformNames() string {
	var s []string
	for _, p := range model.Platforms {
		s = append(s, string(p))
	}
	return strings.Join(s, ", ")
}

func (v *validator) influencers(fs []fileInfluencer) []Influencer {
	var out []Influencer
	for i := range fs {
		f, path := &fs[i], fmt.Sprintf("influencers[%d]", i)
		out = append(out, Influencer{
			Platform:  v.platform(path+".platform", f.Platform),
			Name:      v.need(path+".name", f.Name, "write the handle as shown on the platform"),
			AuthorID:  v.str(path+".author_id", f.AuthorID),
			Followers: v.integer(path+".followers", f.Followers),
			Topics:    v.strs(path+".topics", f.Topics),
			Contact:   v.str(path+".contact", f.Contact),
			Note:      v.str(path+".note", f.Note),
		})
	}
	return out
}

func (v *validator) alerts(path string, f *fileAlerts) Alerts {
	a := Alerts{
		Window:                       v.duration(path+".window", f.Window),
		Baseline:                     v.duration(path+".baseline", f.Baseline),
		SpikeFactor:                  v.number(path+".spike_factor", f.SpikeFactor),
		SpikeMinCount:                int(v.integer(path+".spike_min_count", f.SpikeMinCount)),
		NegShare:                     v.number(path+".neg_share", f.NegShare),
		NegShareMinCount:             int(v.integer(path+".neg_share_min_count", f.NegShareMinCount)),
		InfluentialFollowers:         v.integer(path+".influential_followers", f.InfluentialFollowers),
		InfluentialVerifiedFollowers: v.integer(path+".influential_verified_followers", f.InfluentialVerifiedFollowers),
		InfluentialEngagement:        v.integer(path+".influential_engagement", f.InfluentialEngagement),
		RedFlags:                     v.strs(path+".red_flags", f.RedFlags),
		Cooldown:                     v.duration(path+".cooldown", f.Cooldown),
	}
	if a.SpikeFactor != 0 && a.SpikeFactor <= 1 {
		v.errorf(path+".spike_factor", "is %g; a spike is a multiple of the baseline, so it must be above 1 (e.g. 3)", a.SpikeFactor)
	}
	if a.NegShare > 1 {
		v.errorf(path+".neg_share", "is %g; a share is between 0 and 1 (0.6 means 60%%)", a.NegShare)
	}
	if a.Window != 0 && a.Baseline != 0 && a.Baseline < a.Window {
		v.errorf(path+".baseline", "is shorter than the window; the baseline must cover at least one window")
	}
	return a
}

// approval reads a review order; legal must be in it because the model only
// lets legal approve, and a chain without it could never reach publication.
func (v *validator) approval(path string, x any, team []model.Person) []model.Role {
	if x == nil {
		return nil
	}
	rs := v.roles(path, x)
	if !slices.Contains(rs, model.RoleLegal) {
		v.errorf(path, "has no \"legal\"; every statement passes legal review before it is published")
	} else if len(team) > 0 && !someone(team, model.RoleLegal) {
		v.errorf(path, "needs legal, but nobody on the team has the legal role")
	}
	return rs
}

func someone(team []model.Person, r model.Role) bool {
	for _, p := range team {
		if p.Has(r) {
			return true
		}
	}
	return false
}

func (v *validator) scenario(path string, f *fileScenario, p *Plan) *Scenario {
	s := &Scenario{
		ID:          v.id(path+".id", f.ID, true),
		Name:        v.text(path+".name", f.Name, true),
		Description: v.text(path+".description", f.Description, false),
		Alerts:      v.alerts(path+".alerts", &f.Alerts),
		Approval:    v.approval(path+".approval", f.Approval, p.Team),
	}
	if len(s.Approval) == 0 {
		s.Approval = p.Approval
	}
	if lv := v.str(path+".level", f.Level); lv != "" {
		l, err := model.ParseLevel(lv)
		if err != nil || l == model.LevelNone {
			v.errorf(path+".level", "unknown warning level %q (want blue, yellow, orange or red)", lv)
		}
		s.Level = l
	}
	for i, c := range v.strs(path+".triggers.categories", f.Triggers.Categories) {
		cat := model.Category(c)
		if !slices.Contains(model.Categories, cat) {
			v.errorf(fmt.Sprintf("%s.triggers.categories[%d]", path, i), "unknown category %q (want one of %s)", c, categoryNames())
			continue
		}
		s.Triggers.Categories = append(s.Triggers.Categories, cat)
	}
	s.Triggers.Terms = v.strs(path+".triggers.terms", f.Triggers.Terms)
	for i, m := range v.list(path+".messages", f.Messages) {
		if t := v.text(fmt.Sprintf("%s.messages[%d]", path, i), m, true); t.ZH != "" {
			s.Messages = append(s.Messages, t)
		}
	}
	s.Clocks = v.clocks(path, f.Clocks)
	if len(f.Clocks) == 0 {
		s.Clocks = DefaultClocks()
	}
	s.Tasks = v.tasks(path, f.Tasks, p.Team)
	s.Statements = v.statements(path, f.Statements)
	return s
}

func categoryNames() string {
	var s []string
	for _, c := range model.Categories {
		s = append(s, string(c))
	}
	return strings.Join(s, ", ")
}

func (v *validator) clocks(spath string, fs []fileClock) []ClockTemplate {
	var out []ClockTemplate
	ids := map[string]int{}
	for i := range fs {
		f, path := &fs[i], fmt.Sprintf("%s.clocks[%d]", spath, i)
		c := ClockTemplate{
			ID:       v.id(path+".id", f.ID, true),
			Name:     v.text(path+".name", f.Name, true),
			Anchor:   v.need(path+".anchor", f.Anchor, "name the event that starts the clock, usually \"incident.declared\""),
			Duration: v.duration(path+".duration", f.Duration),
			DueSoon:  v.duration(path+".due_soon", f.DueSoon),
			MetBy:    v.need(path+".met_by", f.MetBy, "say what meets the clock, e.g. \"statement.published:holding\" or \"manual\""),
		}
		if c.ID != "" {
			if j, dup := ids[c.ID]; dup {
				v.errorf(path+".id", "duplicate clock id %q in this scenario (also clocks[%d])", c.ID, j)
			}
			ids[c.ID] = i
		}
		if c.Anchor != "" && !slices.Contains(eventKinds, c.Anchor) {
			v.errorf(path+".anchor", "unknown event kind %q (usually %q, %q or %q)", c.Anchor, model.KindDeclared, model.KindAlert, model.KindSubmit)
		}
		if f.Duration == nil {
			v.errorf(path+".duration", "missing; write how long the clock runs, e.g. \"1h\"")
		} else if s, ok := f.Duration.(string); ok {
			if d, err := time.ParseDuration(strings.TrimSpace(s)); err == nil && d == 0 {
				v.errorf(path+".duration", "must be longer than zero")
			}
		}
		if c.DueSoon > 0 && c.Duration > 0 && c.DueSoon >= c.Duration {
			v.errorf(path+".due_soon", "%s is not shorter than the duration %s; the warning would show from the start", c.DueSoon, c.Duration)
		}
		if c.MetBy != "" {
			rule, err := metByRule(c.MetBy)
			if err != nil {
				v.errorf(path+".met_by", "%v", err)
			}
			c.MetBy = rule
		}
		out = append(out, c)
	}
	return out
}

// metByRule checks a MetBy rule and returns it with the platform in its
// canonical spelling, since the fold compares platforms exactly.
func metByRule(rule string) (string, error) {
	if rule == model.MetManually {
		return rule, nil
	}
	kind, platform, hasPlatform := strings.Cut(rule, "@")
	kind, sub, hasSub := strings.Cut(kind, ":")
	if !slices.Contains(eventKinds, kind) {
		return rule, fmt.Errorf("unknown event kind %q in %q (write kind[:statement kind][@platform] or \"manual\")", kind, rule)
	}
	if hasSub {
		if !strings.HasPrefix(kind, "statement.") {
			return rule, fmt.Errorf("%q: only statement events have a kind after \":\"", rule)
		}
		if !slices.Contains(StatementKinds, model.StatementKind(sub)) {
			return rule, fmt.Errorf("unknown statement kind %q in %q (want one of %s)", sub, rule, statementKindNames())
		}
	}
	if hasPlatform {
		if !strings.HasPrefix(kind, "statement.") {
			return rule, fmt.Errorf("%q: only statement events have a platform after \"@\"", rule)
		}
		p, ok := model.ParsePlatform(platform)
		if !ok {
			return rule, fmt.Errorf("unknown platform %q in %q (want one of %s)", platform, rule, platformNames())
		}
		rule = strings.TrimSuffix(rule, platform) + string(p)
	}
	return rule, nil
}

func statementKindNames() string {
	var s []string
	for _, k := range StatementKinds {
		s = append(s, string(k))
	}
	return strings.Join(s, ", ")
}

// Task ids of the form t<number> are what the board gives tasks added during
// the incident; a plan task with such an id could collide with one.
var reservedTaskID = regexp.MustCompile(`^t[0-9]+$`)

func (v *validator) tasks(spath string, fs []fileTask, team []model.Person) []TaskTemplate {
	var out []TaskTemplate
	ids := map[string]int{}
	for i := range fs {
		f, path := &fs[i], fmt.Sprintf("%s.tasks[%d]", spath, i)
		t := TaskTemplate{
			ID:    v.id(path+".id", f.ID, false),
			Title: v.text(path+".title", f.Title, true),
			Due:   v.duration(path+".due", f.Due),
			Note:  v.text(path+".note", f.Note, false),
		}
		if t.ID == "" && f.ID == nil {
			t.ID = fmt.Sprintf("p%d", i+1)
		}
		if reservedTaskID.MatchString(t.ID) {
			v.errorf(path+".id", "%q looks like a board task id (t1, t2…); choose a name like \"recall\"", t.ID)
		}
		if t.ID != "" {
			if j, dup := ids[t.ID]; dup {
				v.errorf(path+".id", "duplicate task id %q in this scenario (also tasks[%d])", t.ID, j)
			}
			ids[t.ID] = i
		}
		if r := v.need(path+".role", f.Role, "say which role owns the task"); r != "" {
			t.Role = model.Role(r)
			switch {
			case !t.Role.Valid():
				v.errorf(path+".role", "unknown role %q (want one of %s)", r, roleNames())
			case len(team) > 0 && !someone(team, t.Role):
				// Only with a team: a plan may be drafted before people are named.
				v.errorf(path+".role", "nobody on the team has the role %q; add it to a [[team]] member or give the task to another role", r)
			}
		}
		for j, l := range v.strs(path+".links", f.Links) {
			if l != LinkInfluencers && !strings.Contains(l, ":") {
				v.errorf(fmt.Sprintf("%s.links[%d]", path, j), "%q is neither %q nor a link with a scheme (https://…, mention:42)", l, LinkInfluencers)
				continue
			}
			t.Links = append(t.Links, l)
		}
		out = append(out, t)
	}
	return out
}

func (v *validator) statements(spath string, fs []fileStatement) []StatementTemplate {
	var out []StatementTemplate
	seen := map[model.StatementKind]int{}
	for i := range fs {
		f, path := &fs[i], fmt.Sprintf("%s.statements[%d]", spath, i)
		k := model.StatementKind(v.need(path+".kind", f.Kind, "say which kind: "+statementKindNames()))
		if k != "" {
			if !slices.Contains(StatementKinds, k) {
				v.errorf(path+".kind", "unknown statement kind %q (want one of %s)", k, statementKindNames())
			} else if j, dup := seen[k]; dup {
				v.errorf(path+".kind", "a %s template is already statements[%d]; keep one per kind", k, j)
			}
			seen[k] = i
		}
		t := StatementTemplate{Kind: k, Text: Text{ZH: v.str(path+".zh", f.ZH), EN: v.str(path+".en", f.EN)}}
		if t.Text.ZH == "" {
			v.errorf(path+".zh", "missing Chinese text (zh); it is what the team and the public read first")
		}
		out = append(out, t)
	}
	return out
}
