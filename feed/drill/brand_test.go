package drill

import (
	"slices"
	"strings"
	"testing"
	"time"

	"warroom/model/plan"
)

// A drill on the sample plan drafts in its own brand's name: every template
// of the plan's scenario for the drill's category signs with the drill's
// brand, never the sample's, and the placeholders the scenario knows are
// filled while the team's are left.
func TestRebrandSignsWithTheDrillsBrand(t *testing.T) {
	at := time.Date(2026, 11, 20, 9, 30, 0, 0, time.FixedZone("CST", 8*3600))
	sample := plan.Default()
	for _, id := range []string{"food-safety", "product-recall", "ad-boycott"} {
		sc := mustBuiltin(t, id)
		if sc.BrandEN == "" || len(sc.Placeholders) == 0 {
			t.Errorf("%s: no brand_en or placeholders", id)
		}
		p := sc.Rebrand(sample)
		var ps *plan.Scenario
		for _, s := range p.Scenarios {
			if len(s.Triggers.Categories) > 0 && s.Triggers.Categories[0] == sc.Category {
				ps = s
				break
			}
		}
		if ps == nil || len(ps.Statements) == 0 {
			t.Fatalf("%s: the sample plan has no templates for %s", id, sc.Category)
		}
		used := map[string]bool{}
		for _, tmpl := range ps.Statements {
			for _, c := range []struct{ lang, text, brand, sample string }{
				{"zh", tmpl.Text.ZH, sc.Brand, sample.Brand.Name},
				{"en", tmpl.Text.EN, sc.BrandEN, sample.Brand.NameEN},
			} {
				for _, name := range plan.Placeholders(c.text) {
					used[name] = true
				}
				got := plan.Expand(c.text, p.Vars(at, c.lang))
				if !strings.Contains(got, c.brand) || strings.Contains(got, c.sample) || strings.Contains(got, "示例") {
					t.Errorf("%s %s %s:\n%s", id, tmpl.Kind, c.lang, got)
				}
				left := plan.Placeholders(got)
				for name := range sc.Placeholders {
					if slices.Contains(left, name) {
						t.Errorf("%s %s %s: {%s} left unfilled", id, tmpl.Kind, c.lang, name)
					}
				}
				if !slices.Contains(left, "next_update") {
					t.Errorf("%s %s %s: what only the team knows was filled: %v", id, tmpl.Kind, c.lang, left)
				}
			}
		}
		for name := range sc.Placeholders {
			if !used[name] {
				t.Errorf("%s: placeholder %q appears in none of %s's templates", id, name, ps.ID)
			}
		}
	}
	if sample.Brand.Name != "示例品牌" || sample.Fill != nil {
		t.Error("Rebrand changed the shared sample plan")
	}
}
