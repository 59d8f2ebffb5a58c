package plan_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"warroom/model/plan"
)

// base is a small valid plan the error cases extend. Its line count matters:
// the cases' expected lines count from the top of base.
const base = `[brand]
name = "测试品牌"

[[team]]
name = "Alice"
roles = ["lead", "legal"]
`

func TestParseErrors(t *testing.T) {
	cases := []struct {
		name string
		src  string
		want []string // each must appear, as one line of the error
	}{
		{"syntax", "[brand\nname = \"x\"\n",
			[]string{"plan.toml:2: expected '.' or ']' to end table name"}},
		{"unknown key in an array of tables element", base + "contacts = \"1\"\n",
			[]string{`plan.toml:7: team[0].contacts: unknown key "contacts" (did you mean "contact"?)`}},
		{"unknown key in brand", "[brand]\nname = \"x\"\nhotlne = \"1\"\n",
			[]string{`plan.toml:3: brand.hotlne: unknown key "hotlne" (did you mean "hotline"?)`}},
		{"unknown key in an array of tables", base + `
[[scenarios]]
id = "a"
name = "甲"
[[scenarios.clocks]]
id = "c"
name = "钟"
anchor = "incident.declared"
duration = "1h"
met_by = "manual"
colour = "red"
`, []string{`plan.toml:17: scenarios[0].clocks[0].colour: unknown key "colour"`}},
		{"unknown key in an inline table", `scenarios = [{ id = "a", name = "甲", clocks = [
  { id = "c", name = "钟", anchor = "incident.declared", duration = "1h", met_by = "manual", extra = 1 },
] }]
` + base, []string{`plan.toml:2: scenarios[0].clocks[0].extra: unknown key "extra"`}},
		{"string instead of table", "brand = \"x\"\n",
			[]string{"plan.toml:1: brand: must be a table, written [brand]"}},
		{"array of tables instead of table", "[[brand]]\nname = \"x\"\n",
			[]string{"plan.toml:1: brand: must be one table, written [brand], not [[brand]]"}},
		{"table instead of array of tables", "[brand]\nname = \"x\"\n[team]\nname = \"y\"\n",
			[]string{"plan.toml:3: team: must be an array of tables, written [[team]]"}},
		{"bad duration", base + `
[[scenarios]]
id = "a"
name = "甲"
[[scenarios.clocks]]
id = "c1"
name = "钟"
anchor = "incident.declared"
duration = "1h"
met_by = "manual"
[[scenarios.clocks]]
id = "c2"
name = "钟"
anchor = "incident.declared"
duration = "4 hours"
met_by = "manual"
`, []string{`plan.toml:21: scenarios[0].clocks[1].duration: "4 hours" is not a duration (use 4h)`}},
		{"duration in Chinese and days", base + `
[alerts]
window = "10分钟"
cooldown = "1 day"
baseline = 3600
`, []string{
			`plan.toml:9: alerts.window: "10分钟" is not a duration (use 10m)`,
			`plan.toml:10: alerts.cooldown: "1 day" is not a duration (use 24h; days are written in hours)`,
			`plan.toml:11: alerts.baseline: is a bare number; write a duration in quotes`,
		}},
		{"unknown role", base + "\n[[team]]\nname = \"Bob\"\nroles = [\"pr\"]\n",
			[]string{`plan.toml:10: team[1].roles[0]: unknown role "pr"`}},
		{"duplicate team name", base + "\n[[team]]\nname = \"alice\"\nroles = [\"social\"]\n",
			[]string{`plan.toml:9: team[1].name: "alice" is already team[0]`}},
		{"unknown category", base + `
[[scenarios]]
id = "a"
name = "甲"
[scenarios.triggers]
categories = ["food"]
`, []string{`plan.toml:12: scenarios[0].triggers.categories[0]: unknown category "food"`}},
		{"unknown platform and wrong type", base + `
[[influencers]]
platform = "myspace"
name = "x"
followers = "many"
`, []string{
			`plan.toml:9: influencers[0].platform: unknown platform "myspace"`,
			`plan.toml:11: influencers[0].followers: is a string, want a whole number`,
		}},
		{"unknown statement kind and missing zh", base + `
[[scenarios]]
id = "a"
name = "甲"
[[scenarios.statements]]
kind = "holdin"
en = "We are sorry."
`, []string{
			`plan.toml:11: scenarios[0].statements[0].zh: missing Chinese text (zh)`,
			`plan.toml:12: scenarios[0].statements[0].kind: unknown statement kind "holdin"`,
		}},
		{"unknown anchor and met_by", base + `
[[scenarios]]
id = "a"
name = "甲"
[[scenarios.clocks]]
id = "c"
name = "钟"
anchor = "incident.declare"
duration = "1h"
met_by = "statement.published:final@myspace"
`, []string{
			`plan.toml:14: scenarios[0].clocks[0].anchor: unknown event kind "incident.declare"`,
			`plan.toml:16: scenarios[0].clocks[0].met_by: unknown statement kind "final"`,
		}},
		{"met_by platform on a non-statement event", base + `
[[scenarios]]
id = "a"
name = "甲"
[[scenarios.clocks]]
id = "c"
name = "钟"
anchor = "incident.declared"
duration = "1h"
met_by = "alert.acked@weibo"
`, []string{`plan.toml:16: scenarios[0].clocks[0].met_by: "alert.acked@weibo": only statement events have a platform`}},
		{"duplicate ids", base + `
[[scenarios]]
id = "a"
name = "甲"
[[scenarios.clocks]]
id = "c"
name = "钟"
anchor = "incident.declared"
duration = "1h"
met_by = "manual"
[[scenarios.clocks]]
id = "c"
name = "钟"
anchor = "incident.declared"
duration = "2h"
met_by = "manual"
[[scenarios]]
id = "a"
name = "乙"
`, []string{
			`plan.toml:18: scenarios[0].clocks[1].id: duplicate clock id "c"`,
			`plan.toml:24: scenarios[1].id: duplicate scenario id "a" (also scenarios[0], line 9)`,
		}},
		{"approval without legal", base + "\n[protocol]\napproval = [\"spokesperson\", \"lead\"]\n",
			[]string{`plan.toml:9: protocol.approval: has no "legal"`}},
		{"due_soon not shorter than duration", base + `
[[scenarios]]
id = "a"
name = "甲"
[[scenarios.clocks]]
id = "c"
name = "钟"
anchor = "incident.declared"
duration = "1h"
due_soon = "1h"
met_by = "manual"
`, []string{`plan.toml:16: scenarios[0].clocks[0].due_soon: 1h0m0s is not shorter than the duration 1h0m0s`}},
		{"task role nobody holds", base + `
[[scenarios]]
id = "a"
name = "甲"
[[scenarios.tasks]]
title = "监测舆情"
role = "social"
`, []string{`plan.toml:13: scenarios[0].tasks[0].role: nobody on the team has the role "social"`}},
		{"missing zh text", base + `
[[scenarios]]
id = "a"
name = { en = "Food" }
`, []string{`plan.toml:10: scenarios[0].name.zh: missing Chinese text (zh)`}},
		{"missing scenario fields", base + "\n[[scenarios]]\nlevel = \"purple\"\n",
			[]string{
				`plan.toml:8: scenarios[0].id: missing; give it an id`,
				`plan.toml:8: scenarios[0].name: missing; write name = { zh = "…", en = "…" }`,
				`plan.toml:9: scenarios[0].level: unknown warning level "purple"`,
			}},
		{"reserved task id and bad link", base + `
[[scenarios]]
id = "a"
name = "甲"
[[scenarios.tasks]]
id = "t1"
title = "任务"
role = "lead"
links = ["kols"]
`, []string{
			`plan.toml:12: scenarios[0].tasks[0].id: "t1" looks like a board task id`,
			`plan.toml:15: scenarios[0].tasks[0].links[0]: "kols" is neither "influencers" nor a link`,
		}},
		{"thresholds out of range", base + "\n[alerts]\nspike_factor = 0.5\nneg_share = 60\n",
			[]string{
				`plan.toml:9: alerts.spike_factor: is 0.5; a spike is a multiple of the baseline`,
				`plan.toml:10: alerts.neg_share: is 60; a share is between 0 and 1`,
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := plan.Parse("plan.toml", []byte(c.src))
			if err == nil {
				t.Fatalf("Parse succeeded (%d scenarios); want errors %q", len(p.Scenarios), c.want)
			}
			var ves plan.ValidationErrors
			if !errors.As(err, &ves) {
				t.Fatalf("error is %T, want ValidationErrors: %v", err, err)
			}
			lines := strings.Split(err.Error(), "\n")
			for _, w := range c.want {
				found := false
				for _, l := range lines {
					found = found || strings.HasPrefix(l, w)
				}
				if !found {
					t.Errorf("missing error %q in:\n%v", w, err)
				}
			}
			for _, ve := range ves {
				if ve.Line < 1 || ve.File != "plan.toml" {
					t.Errorf("error without a line or file: %+v", ve)
				}
			}
		})
	}
}

// Every problem is listed, in line order, not just the first.
func TestParseListsEveryProblemInLineOrder(t *testing.T) {
	src := base + `
[[influencers]]
platform = "myspace"
name = "x"

[alerts]
window = "ten minutes"

[[scenarios]]
id = "Bad Id"
name = "甲"
`
	_, err := plan.Parse("plan.toml", []byte(src))
	var ves plan.ValidationErrors
	if !errors.As(err, &ves) || len(ves) != 3 {
		t.Fatalf("want 3 problems, got %v", err)
	}
	for i := 1; i < len(ves); i++ {
		if ves[i].Line < ves[i-1].Line {
			t.Errorf("not in line order: %v", err)
		}
	}
}

// A plan drafted before anyone is named may give tasks to any role.
func TestTaskRolesWithoutTeam(t *testing.T) {
	src := `[brand]
name = "测试"
[[scenarios]]
id = "a"
name = "甲"
[[scenarios.tasks]]
title = "监测舆情"
role = "social"
`
	p, err := plan.Parse("plan.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	s, _ := p.Scenario("a")
	if len(s.Clocks) != len(plan.DefaultClocks()) {
		t.Errorf("a scenario without clocks gets the default clocks; got %d", len(s.Clocks))
	}
	if got := s.Tasks[0].ID; got != "p1" {
		t.Errorf("task without id got %q, want p1", got)
	}
	if len(s.Approval) != 1 || s.Approval[0] != "legal" {
		t.Errorf("approval without a protocol = %v, want [legal]", s.Approval)
	}
}

func TestParseNormalisesPlatformInMetBy(t *testing.T) {
	src := base + `
[[scenarios]]
id = "a"
name = "甲"
[[scenarios.clocks]]
id = "c"
name = "钟"
anchor = "incident.declared"
duration = "4h"
met_by = "statement.published@微博"
`
	p, err := plan.Parse("plan.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Scenarios[0].Clocks[0].MetBy; got != "statement.published@weibo" {
		t.Errorf("met_by = %q, want the canonical platform", got)
	}
}

func TestTextForms(t *testing.T) {
	src := base + `
[protocol]
rules = ["只有中文", { zh = "中文", en = "English" }]
`
	p, err := plan.Parse("plan.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Rules[0].In("en"); got != "只有中文" {
		t.Errorf("English falls back to Chinese; got %q", got)
	}
	if got := p.Rules[1].In("en"); got != "English" {
		t.Errorf("In(en) = %q", got)
	}
	if got := p.Rules[1].In("zh"); got != "中文" {
		t.Errorf("In(zh) = %q", got)
	}
}

// Parse and the line locator take hand-edited files: no input may make them
// panic, and every problem has a line inside the file.
func FuzzParse(f *testing.F) {
	f.Add(plan.DefaultSource())
	f.Add([]byte(base + "[[scenarios]]\nid = \"a\"\nname = { en = \"x\" }\n[[scenarios.clocks]]\nduration = \"4 hours\"\n"))
	f.Add([]byte("a = [{ b = '''\n''' }, \"\\\"\"]\n[[x.y]]\n[x . \"z\"]\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		_, err := plan.Parse("f.toml", src)
		var ves plan.ValidationErrors
		if err != nil && !errors.As(err, &ves) {
			t.Fatalf("error %T: %v", err, err)
		}
		lines := strings.Count(string(src), "\n") + 1
		for _, ve := range ves {
			if ve.Line < 1 || ve.Line > lines+1 {
				t.Fatalf("line %d outside a %d-line file: %v", ve.Line, lines, ve)
			}
		}
	})
}

// Saving `plan show` and checking it is the first thing people try: the
// error must point them to `plan init`.
func TestParsePrintedPlanPointsToInit(t *testing.T) {
	for _, lang := range []string{"zh", "en"} {
		var b bytes.Buffer
		if err := plan.Format(&b, plan.Default(), lang); err != nil {
			t.Fatal(err)
		}
		_, err := plan.Parse("p.toml", b.Bytes())
		if err == nil || !strings.Contains(err.Error(), "p.toml:1:") || !strings.Contains(err.Error(), "warroom plan init FILE") {
			t.Errorf("%s: %v", lang, err)
		}
	}
	if _, err := plan.Parse("p.toml", []byte("[brand\n")); err == nil || strings.Contains(err.Error(), "plan init") {
		t.Errorf("a TOML mistake is not printed output: %v", err)
	}
}
