package ui

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"warroom/model"
	"warroom/ui/i18n"
)

// TestEveryShownKeyIsTranslated reads the console's source for catalogue
// keys and checks both languages have each one, along with every key built
// from a model value (platforms, categories, levels, roles, states).
func TestEveryShownKeyIsTranslated(t *testing.T) {
	literal := regexp.MustCompile(`\b(?:T|F|Has|b)\("([a-z][a-z0-9_.]*)"`)
	files, _ := filepath.Glob("*.go")
	keys := map[string]bool{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range literal.FindAllStringSubmatch(string(src), -1) {
			if !strings.HasSuffix(m[1], ".") {
				keys[m[1]] = true
			}
		}
	}
	for _, p := range model.Platforms {
		keys["platform."+string(p)] = true
	}
	for _, c := range model.Categories {
		keys["category."+string(c)] = true
	}
	for l := model.LevelNone; l <= model.LevelRed; l++ {
		keys["level."+l.String()] = true
	}
	for _, r := range model.Roles {
		keys["role."+string(r)] = true
	}
	for _, s := range model.TaskStatuses {
		keys["task."+string(s)] = true
	}
	for s := model.ClockPending; s <= model.ClockBreached; s++ {
		keys["clock."+s.String()] = true
	}
	for _, s := range []model.IncidentStatus{model.StatusMonitoring, model.StatusActive, model.StatusContained, model.StatusClosed} {
		keys["status."+string(s)] = true
	}
	for _, r := range []string{model.RuleSpike, model.RuleNegativeShare, model.RuleInfluential, model.RuleRedFlag} {
		keys["rule."+r] = true
	}
	for _, a := range []string{model.KindDeclared, model.KindCreated, model.KindAlert, model.KindPublish, model.KindSubmit} {
		keys["anchor."+a] = true // the anchors plans use
	}
	for _, m := range []Mode{Live, Replay, Drill} {
		keys[modeKey(m)] = true
	}
	for k := range keys {
		for _, l := range []i18n.Lang{i18n.EN, i18n.ZH} {
			if !i18n.New(l).Has(k) {
				t.Errorf("%s lacks %q", l, k)
			}
		}
	}
	if len(keys) < 100 {
		t.Fatalf("found only %d keys: the scan is broken", len(keys))
	}
}

// TestBadgesFit: platform badges are laid out six cells wide and categories
// eight; a longer translation would be cut.
func TestBadgesFit(t *testing.T) {
	for _, l := range []i18n.Lang{i18n.EN, i18n.ZH} {
		c := i18n.New(l)
		for _, p := range model.Platforms {
			if w := width(c.T("platform." + string(p))); w > 6 {
				t.Errorf("%s badge %q is %d cells", l, c.T("platform."+string(p)), w)
			}
		}
		for _, k := range model.Categories {
			if w := width(c.T("category." + string(k))); w > 8 {
				t.Errorf("%s category %q is %d cells", l, c.T("category."+string(k)), w)
			}
		}
	}
}
