package classify

import (
	"math"
	"strings"
	"sync"

	"warroom/model"
)

// Severity is a mention's severity and the three parts it is the sum of,
// for the detail view's "severity breakdown".
type Severity struct {
	Negativity int // 0..40: how hostile the text is
	Alarm      int // 0..35: how dangerous its category is, red flags raising it
	Reach      int // 0..25: how far it can travel: followers, verification, engagement
	Total      int // 0..100
}

// Category alarm: harm to health and bodies first; national sentiment next
// because it spreads fastest in China; then data, regulators, money, staff
// and service.
var categoryAlarm = map[model.Category]float64{
	model.CategoryFoodSafety:    1,
	model.CategoryProductSafety: 1,
	model.CategoryBoycott:       0.8,
	model.CategoryPrivacy:       0.7,
	model.CategoryLegal:         0.7,
	model.CategoryPriceFraud:    0.6,
	model.CategoryLabour:        0.5,
	model.CategoryService:       0.4,
	model.CategoryOther:         0.25,
}

// SeverityOf scores a judged mention (after Classify) from 0 to 100:
//
//	neg   = 0.3 + 0.7*clamp(-Sentiment, 0, 1)           if Negative, else 0
//	alarm = categoryAlarm(Category) + 0.1 per red flag,  at least 0.9 with any red flag, at most 1
//	reach = 0.50*log10(1+followers)/7 + 0.15*[verified]
//	      + 0.35*log10(1+likes+2*comments+3*shares)/6,  at most 1
//	Negativity = 40*neg, Alarm = 35*alarm*g, Reach = 25*reach*g
//
// where g is 1 for a negative mention and 0.2 otherwise, so a warm or
// neutral post stays at 12 or below however famous its author. Ten million
// followers or a million weighted interactions saturate their terms; shares
// weigh most because they carry a post to new readers.
func SeverityOf(m *model.Mention) Severity {
	return severity(m, len(RedFlags(m)))
}

func severity(m *model.Mention, flags int) Severity {
	neg := 0.0
	gate := 0.2
	if m.Negative {
		neg = 0.3 + 0.7*clamp01(-m.Sentiment)
		gate = 1
	}
	alarm := categoryAlarm[m.Category]
	if flags > 0 {
		alarm = math.Max(alarm, 0.9) + 0.1*float64(flags)
	}
	alarm = math.Min(alarm, 1)
	eng := float64(max(m.Likes, 0)) + 2*float64(max(m.Comments, 0)) + 3*float64(max(m.Shares, 0))
	reach := 0.5*math.Log10(1+float64(max(m.AuthorFollowers, 0)))/7 + 0.35*math.Log10(1+eng)/6
	if m.Verified {
		reach += 0.15
	}
	reach = clamp01(reach)
	s := Severity{
		Negativity: int(math.Round(40 * neg)),
		Alarm:      int(math.Round(35 * alarm * gate)),
		Reach:      int(math.Round(25 * reach * gate)),
	}
	s.Total = min(100, s.Negativity+s.Alarm+s.Reach)
	return s
}

func clamp01(x float64) float64 {
	if math.IsNaN(x) {
		return 0
	}
	return math.Max(0, math.Min(1, x))
}

// RedFlags returns the red-flag terms of a mention: harm to people, fire,
// recalls, carcinogens, and words like 儿童 when they sit beside a crisis
// term. On a classified mention (Classify always sets Terms, if only to an
// empty slice) it picks them from m.Terms, so a denied one (从来没有自燃过)
// is not reported; on one not yet classified it looks for the
// unconditional red flags in the text itself.
func RedFlags(m *model.Mention) []string {
	var out []string
	judged := m.Terms != nil || m.Negative || m.Sentiment != 0 || m.Category != model.CategoryNone
	if judged {
		crisis := m.Category != model.CategoryNone && m.Category != model.CategoryOther
		for _, t := range m.Terms {
			k := strings.ToLower(t)
			if sets := flagSets(); sets.always[k] || crisis && sets.context[k] {
				out = append(out, t)
			}
		}
		return out
	}
	text := strings.ToLower(m.Text)
	if text == "" {
		text = strings.ToLower(m.RawText)
	}
	for rest := redFlags; rest != ""; {
		var w string
		w, rest = nextField(rest)
		if w != "" && strings.Contains(text, w) {
			out = append(out, w)
		}
	}
	return out
}

// flagSets indexes the red-flag lists once; they are constant data.
var flagSets = sync.OnceValue(func() (s struct{ always, context map[string]bool }) {
	s.always, s.context = map[string]bool{}, map[string]bool{}
	for _, w := range strings.Fields(redFlags) {
		s.always[w] = true
	}
	for _, w := range strings.Fields(redFlagsInContext) {
		s.context[w] = true
	}
	return s
})

// nextField splits a space-separated word list without allocating.
func nextField(s string) (word, rest string) {
	s = strings.TrimLeft(s, " \n\t")
	i := strings.IndexAny(s, " \n\t")
	if i < 0 {
		return s, ""
	}
	return s[:i], s[i:]
}
