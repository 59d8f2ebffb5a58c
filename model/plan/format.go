package plan

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"warroom/model"
)

// Labels for the printed plan. Kept here rather than in the UI because
// `warroom plan show` prints without it.
var (
	roleZH = map[model.Role]string{
		model.RoleLead: "组长", model.RoleSpokesperson: "发言人", model.RoleLegal: "法务",
		model.RoleSocial: "新媒体", model.RoleService: "客服", model.RoleExecutive: "高管",
	}
	levelZH = map[model.Level]string{
		model.LevelBlue: "蓝色", model.LevelYellow: "黄色", model.LevelOrange: "橙色", model.LevelRed: "红色",
	}
	headings = map[string][2]string{
		"plan":       {"危机预案", "Crisis plan"},
		"aliases":    {"别名", "Also known as"},
		"hotline":    {"热线", "Hotline"},
		"email":      {"邮箱", "Email"},
		"account":    {"官方账号", "Official account"},
		"protocol":   {"协议卡", "Protocol card"},
		"approval":   {"声明审核顺序", "Statement review order"},
		"team":       {"团队", "Team"},
		"call":       {"找TA", "Call for"},
		"kols":       {"可信KOL", "Trusted influencers"},
		"followers":  {"粉丝", "followers"},
		"alerts":     {"预警阈值", "Alert thresholds"},
		"scenario":   {"场景", "Scenario"},
		"level":      {"建议级别", "suggested level"},
		"triggers":   {"触发提示", "Triggers"},
		"categories": {"类别", "categories"},
		"terms":      {"关键词", "terms"},
		"clocks":     {"时钟", "Clocks"},
		"from":       {"起点", "from"},
		"metby":      {"达成", "met by"},
		"tasks":      {"任务", "Tasks"},
		"unassigned": {"未指派", "unassigned"},
		"messages":   {"核心口径", "Key messages"},
		"statements": {"声明模板", "Statement templates"},
		"overrides":  {"本场景预警调整", "Alert overrides"},
		"manual":     {"手动确认", "marked by hand"},
	}
)

func heading(key, lang string) string {
	h := headings[key]
	if lang == "en" {
		return h[1]
	}
	return h[0]
}

func roleLabel(r model.Role, lang string) string {
	if lang == "en" || roleZH[r] == "" {
		return string(r)
	}
	return roleZH[r] + "(" + string(r) + ")"
}

// FormatDuration writes a duration the way plans write them: 15m, 1h, 1h30m.
func FormatDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// fmtWriter remembers the first write error so Format can print without
// checking every line.
type fmtWriter struct {
	w   io.Writer
	err error
}

func (f *fmtWriter) printf(format string, args ...any) {
	if f.err == nil {
		_, f.err = fmt.Fprintf(f.w, format, args...)
	}
}

// Format writes the plan as text for `warroom plan show`: the brand, the
// protocol card (review order, rules, who to call for what), the trusted
// influencers and thresholds, then each scenario with its clocks, tasks and
// key messages, in lang ("zh" or "en"). Variable-width text comes last on
// each line so columns stay aligned in any terminal.
func Format(w io.Writer, p *Plan, lang string) error {
	f := &fmtWriter{w: w}
	b := p.Brand
	f.printf("%s: %s", heading("plan", lang), b.In(lang))
	if other := (Text{b.NameEN, b.Name}).In(lang); other != b.In(lang) && other != "" {
		f.printf(" (%s)", other)
	}
	f.printf("\n")
	for _, kv := range [][2]string{{"aliases", strings.Join(b.Aliases, ", ")}, {"hotline", b.Hotline}, {"email", b.Email}, {"account", b.Account}} {
		if kv[1] != "" {
			f.printf("  %s: %s\n", heading(kv[0], lang), kv[1])
		}
	}

	f.printf("\n== %s ==\n", heading("protocol", lang))
	f.printf("%s: %s\n", heading("approval", lang), roleChain(p.Approval, lang))
	for i, r := range p.Rules {
		f.printf("  %d. %s\n", i+1, r.In(lang))
	}
	if len(p.Team) > 0 {
		f.printf("%s:\n", heading("team", lang))
		for _, m := range p.Team {
			var roles []string
			for _, r := range m.Roles {
				roles = append(roles, roleLabel(r, lang))
			}
			f.printf("  - %s [%s]", m.Name, strings.Join(roles, ", "))
			if m.Contact != "" {
				f.printf("  %s", m.Contact)
			}
			f.printf("\n")
			if m.Note != "" {
				f.printf("      %s: %s\n", heading("call", lang), m.Note)
			}
		}
	}
	if len(p.Influencers) > 0 {
		f.printf("%s:\n", heading("kols", lang))
		for _, in := range p.Influencers {
			f.printf("  - %-11s %s  %s %s", in.Platform, in.Name, humanCount(in.Followers, lang), heading("followers", lang))
			if len(in.Topics) > 0 {
				f.printf("  (%s)", strings.Join(in.Topics, ", "))
			}
			f.printf("\n")
		}
	}
	if a := formatAlerts(p.Alerts); len(a) > 0 {
		f.printf("%s:\n%s", heading("alerts", lang), wrap(a, "  ", 76))
	}

	for i, s := range p.Scenarios {
		f.printf("\n== %s %d/%d: %s  [%s] ==\n", heading("scenario", lang), i+1, len(p.Scenarios), s.Name.In(lang), s.ID)
		if s.Level != model.LevelNone {
			lv := s.Level.String()
			if lang != "en" {
				lv = levelZH[s.Level]
			}
			f.printf("%s: %s\n", heading("level", lang), lv)
		}
		if d := s.Description.In(lang); d != "" {
			f.printf("%s\n", d)
		}
		if len(s.Triggers.Categories)+len(s.Triggers.Terms) > 0 {
			var cats []string
			for _, c := range s.Triggers.Categories {
				cats = append(cats, string(c))
			}
			f.printf("%s: %s %s; %s %s\n", heading("triggers", lang), heading("categories", lang), strings.Join(cats, ", "),
				heading("terms", lang), strings.Join(s.Triggers.Terms, ", "))
		}
		f.printf("%s: %s\n", heading("approval", lang), roleChain(s.Approval, lang))
		f.printf("%s:\n", heading("clocks", lang))
		for _, c := range s.Clocks {
			f.printf("  %6s  %-13s %s\n", FormatDuration(c.Duration), c.ID, c.Name.In(lang))
			met := c.MetBy
			if met == model.MetManually {
				met = heading("manual", lang)
			}
			f.printf("  %6s  %-13s %s %s -> %s %s\n", "", "", heading("from", lang), c.Anchor, heading("metby", lang), met)
		}
		if len(s.Tasks) > 0 {
			f.printf("%s:\n", heading("tasks", lang))
			for _, t := range s.Tasks {
				due := "-"
				if t.Due > 0 {
					due = "+" + FormatDuration(t.Due)
				}
				who := heading("unassigned", lang)
				if ps := p.People(t.Role); len(ps) > 0 {
					who = ps[0].Name
				}
				f.printf("  %6s  %-13s %s  (%s)\n", due, t.Role, t.Title.In(lang), who)
			}
		}
		if len(s.Messages) > 0 {
			f.printf("%s:\n", heading("messages", lang))
			for _, m := range s.Messages {
				f.printf("  * %s\n", m.In(lang))
			}
		}
		if len(s.Statements) > 0 {
			var kinds []string
			for _, st := range s.Statements {
				kinds = append(kinds, string(st.Kind))
			}
			f.printf("%s: %s\n", heading("statements", lang), strings.Join(kinds, ", "))
		}
		if a := formatAlerts(s.Alerts); len(a) > 0 {
			f.printf("%s:\n%s", heading("overrides", lang), wrap(a, "  ", 76))
		}
	}
	return f.err
}

func roleChain(rs []model.Role, lang string) string {
	var out []string
	for _, r := range rs {
		out = append(out, roleLabel(r, lang))
	}
	return strings.Join(out, " -> ")
}

// humanCount writes follower counts the way each audience reads them:
// 120万 in Chinese, 1.2M in English.
func humanCount(n int64, lang string) string {
	if lang == "en" {
		switch {
		case n >= 1_000_000:
			return strconv.FormatFloat(float64(n)/1e6, 'f', -1, 64) + "M"
		case n >= 1_000:
			return strconv.FormatFloat(float64(n)/1e3, 'f', -1, 64) + "k"
		}
		return strconv.FormatInt(n, 10)
	}
	if n >= 10_000 {
		return strconv.FormatFloat(float64(n)/1e4, 'f', -1, 64) + "万"
	}
	return strconv.FormatInt(n, 10)
}

// wrap joins items with two spaces into indented lines of about width
// bytes; an item is never split.
func wrap(items []string, indent string, width int) string {
	var b strings.Builder
	line := indent
	for _, it := range items {
		if len(line) > len(indent) && len(line)+2+len(it) > width {
			b.WriteString(line + "\n")
			line = indent
		}
		if len(line) > len(indent) {
			line += "  "
		}
		line += it
	}
	if len(line) > len(indent) {
		b.WriteString(line + "\n")
	}
	return b.String()
}

// formatAlerts lists the thresholds that are set, by their TOML names.
func formatAlerts(a Alerts) []string {
	var parts []string
	add := func(k, v string) { parts = append(parts, k+"="+v) }
	if a.Window > 0 {
		add("window", FormatDuration(a.Window))
	}
	if a.Baseline > 0 {
		add("baseline", FormatDuration(a.Baseline))
	}
	if a.SpikeFactor > 0 {
		add("spike_factor", strconv.FormatFloat(a.SpikeFactor, 'g', -1, 64))
	}
	if a.SpikeMinCount > 0 {
		add("spike_min_count", strconv.Itoa(a.SpikeMinCount))
	}
	if a.NegShare > 0 {
		add("neg_share", strconv.FormatFloat(a.NegShare, 'g', -1, 64))
	}
	if a.NegShareMinCount > 0 {
		add("neg_share_min_count", strconv.Itoa(a.NegShareMinCount))
	}
	if a.InfluentialFollowers > 0 {
		add("influential_followers", strconv.FormatInt(a.InfluentialFollowers, 10))
	}
	if a.InfluentialVerifiedFollowers > 0 {
		add("influential_verified_followers", strconv.FormatInt(a.InfluentialVerifiedFollowers, 10))
	}
	if a.InfluentialEngagement > 0 {
		add("influential_engagement", strconv.FormatInt(a.InfluentialEngagement, 10))
	}
	if a.Cooldown > 0 {
		add("cooldown", FormatDuration(a.Cooldown))
	}
	if len(a.RedFlags) > 0 {
		add("red_flags", strings.Join(a.RedFlags, "/"))
	}
	return parts
}
