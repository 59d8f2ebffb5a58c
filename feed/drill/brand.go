package drill

import "warroom/model/plan"

// Rebrand returns the sample plan p as the drill's brand would have it: its
// statement templates sign with the scenario's brand and start with the
// placeholders the scenario knows filled in. The contacts stay the sample's,
// made up like the brand; the aliases and the official account, which name
// the sample brand, are dropped. p is not changed.
//
// It is for the built-in plan only: a brand's own plan speaks for that brand.
func (sc *Scenario) Rebrand(p *plan.Plan) *plan.Plan {
	b := plan.Brand{Name: sc.Brand, NameEN: sc.BrandEN, Hotline: p.Brand.Hotline, Email: p.Brand.Email}
	var fill map[string]plan.Text
	if len(sc.Placeholders) > 0 {
		fill = make(map[string]plan.Text, len(sc.Placeholders))
		for k, v := range sc.Placeholders {
			fill[k] = plan.Text{ZH: v.Zh, EN: v.En}
		}
	}
	return p.WithBrand(b, fill)
}
