package plan

import (
	"strings"
	"time"
)

// Vars returns the placeholder values the plan knows at a moment, for
// Expand: {brand}, {date}, {time}, {hotline}, {email} and {account}, and
// whatever Fill adds. What only the team knows ({facts}, {next_update}…) is
// left out on purpose, so it stays visible in the draft until someone
// writes it.
func (p *Plan) Vars(at time.Time, lang string) map[string]string {
	date := at.Format("2006年1月2日")
	if lang == "en" {
		date = at.Format("2 January 2006")
	}
	vars := map[string]string{
		"brand": p.Brand.In(lang),
		"date":  date,
		"time":  at.Format("15:04"),
	}
	for k, val := range map[string]string{"hotline": p.Brand.Hotline, "email": p.Brand.Email, "account": p.Brand.Account} {
		if val != "" {
			vars[k] = val
		}
	}
	for k, t := range p.Fill {
		if _, own := vars[k]; !own && t.In(lang) != "" {
			vars[k] = t.In(lang)
		}
	}
	return vars
}

// Expand replaces each {name} in text that vars has; other braces are kept
// as written.
func Expand(text string, vars map[string]string) string {
	if !strings.Contains(text, "{") {
		return text
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(text, '{')
		if i < 0 {
			break
		}
		j := strings.IndexByte(text[i:], '}')
		if j < 0 {
			break
		}
		name := text[i+1 : i+j]
		val, ok := vars[name]
		b.WriteString(text[:i])
		if ok {
			b.WriteString(val)
		} else {
			b.WriteString(text[i : i+j+1])
		}
		text = text[i+j+1:]
	}
	b.WriteString(text)
	return b.String()
}

// Placeholders returns the {names} left in text, in order, once each: what
// the drafter still has to fill in.
func Placeholders(text string) []string {
	var out []string
	for {
		i := strings.IndexByte(text, '{')
		if i < 0 {
			return out
		}
		j := strings.IndexByte(text[i:], '}')
		if j < 0 {
			return out
		}
		name := text[i+1 : i+j]
		if name != "" && !strings.ContainsAny(name, " \n{") {
			seen := false
			for _, o := range out {
				seen = seen || o == name
			}
			if !seen {
				out = append(out, name)
			}
		}
		text = text[i+j+1:]
	}
}
