package ui

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"warroom/model"
	"warroom/ui/i18n"
)

// actAsForm asks who is at the keyboard now. A team shares one console, so
// the lawyer who reviews a statement is often not whoever started warroom:
// legal approval must come from someone other than the statement's writer,
// and every event records who acted. It is a claim, as --as is, not a login.
func actAsForm(m *Model) *form {
	sh := m.sh
	c := sh.c
	var people []model.Actor
	cur := 0
	if p := sh.opts.Plan; p != nil {
		for _, person := range p.Team {
			people = append(people, p.Actor(person.Name))
		}
	}
	found := false
	for i, a := range people {
		if strings.EqualFold(a.Name, strings.TrimSpace(sh.opts.Operator.Name)) {
			cur, found = i, true
		}
	}
	if !found { // off the team: kept so the list always holds who acts now
		people = append(people, sh.opts.Operator)
		cur = len(people) - 1
	}
	labels := make([]string, len(people))
	for i, a := range people {
		labels[i] = actorLabel(c, a)
	}
	f := newForm(sh, c.T("actas.title"), func(f *form) (tea.Cmd, error) {
		a := people[f.field(0).idx]
		sh.opts.Operator = a
		m.stm.setOperator(a)
		sh.note(c.F("actas.done", actorLabel(c, a)))
		return nil, nil
	})
	f.message = c.T("actas.hint")
	f.choice(c.T("form.who"), labels, cur)
	return f
}

// actorLabel is a name with its roles: "王五 (legal)".
func actorLabel(c *i18n.Catalog, a model.Actor) string {
	roles := make([]string, len(a.Roles))
	for i, r := range a.Roles {
		roles[i] = roleName(c, r)
	}
	if len(roles) == 0 {
		roles = []string{c.T("actas.noroles")}
	}
	return c.F("actas.person", clean(a.Name), strings.Join(roles, c.T("sep.list")))
}
