package drill

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"warroom/model"
)

// Sentiment is the feeling a generated post is written to carry. The
// generator knows it; the pipeline's classifier has to find it again.
type Sentiment int8

// Intended sentiments.
const (
	Negative Sentiment = -1
	Neutral  Sentiment = 0
	Positive Sentiment = 1
)

// String returns "negative", "neutral" or "positive".
func (s Sentiment) String() string {
	switch s {
	case Negative:
		return "negative"
	case Positive:
		return "positive"
	}
	return "neutral"
}

func parseSentiment(s string) (Sentiment, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "negative", "neg", "负面":
		return Negative, true
	case "neutral", "neu", "中性", "":
		return Neutral, true
	case "positive", "pos", "正面":
		return Positive, true
	}
	return Neutral, false
}

// AuthorKind is the sort of account that posts.
type AuthorKind int

// Author kinds of the author mix.
const (
	Ordinary AuthorKind = iota // ordinary users, a few hundred followers
	KOL                        // influencers with real reach
	Media                      // news outlets and their social accounts
	Official                   // government and institutional accounts
	Bot                        // bots, paid posters and spam
	numKinds
)

var kindNames = [numKinds]string{"ordinary", "kol", "media", "official", "bot"}

// String returns the kind's name as written in a scenario file.
func (k AuthorKind) String() string {
	if k < 0 || k >= numKinds {
		return "unknown"
	}
	return kindNames[k]
}

func parseKind(s string) (AuthorKind, bool) {
	for i, n := range kindNames {
		if n == s {
			return AuthorKind(i), true
		}
	}
	return 0, false
}

// Names is a display name in Chinese and English.
type Names struct {
	Zh string `toml:"zh"`
	En string `toml:"en"`
}

// Scenario is a parsed and validated drill scenario. The compiled templates
// are private: a Scenario is built only by Parse or Builtin.
type Scenario struct {
	ID          string
	Name        Names
	Brand       string
	BrandEN     string // the brand in English statements; empty to keep the Chinese name
	Description string
	Category    model.Category
	Duration    time.Duration
	// RateScale multiplies every rate (phases and chatter): 1 is the
	// scenario as written; a benchmark file raises it.
	RateScale float64
	Phases    []Phase
	Chatter   Chatter
	Events    []KeyEvent
	Accounts  []Account
	Response  Response
	Best      []BestStatement
	// Placeholders are values for the crisis plan's statement placeholders
	// that the scenario knows ({product}…), by name.
	Placeholders map[string]Names

	texts         textSet
	platformTexts map[model.Platform]*textSet
	slots         map[string][]tmpl
	hashtags      []string
	atNames       []string // accounts an ordinary user may @
}

// Phase is a stretch of the drill with its own volume and mood.
type Phase struct {
	Name      string
	Start     time.Duration // from the start of the drill
	Length    time.Duration
	Rate      float64 // topical mentions per minute at the phase start
	RateEnd   float64 // at its end; the rate moves linearly in between
	Negative  float64 // share of topical mentions that are negative, before the crowd reacts
	Positive  float64 // share of the non-negative ones that are positive (the rest are neutral)
	Comments  float64 // share of topical mentions that are comments on earlier posts
	Reposts   float64 // share that are reposts ("//@" chains) of earlier posts
	Hashtags  []string
	Platforms weights[model.Platform]
	Authors   weights[AuthorKind]

	texts textSet
}

// Chatter is background talk about the brand that has nothing to do with the
// crisis: it keeps the negative share honest.
type Chatter struct {
	Rate      float64 // per minute
	Positive  float64 // share positive; the rest neutral
	Platforms weights[model.Platform]

	positive, neutral []tmpl
}

// KeyEvent is a scripted post at a set time: the influencer who picks the
// story up, the media report, the regulator's notice.
type KeyEvent struct {
	At        time.Duration
	Jitter    time.Duration // the seed moves At by up to this much either way
	Platform  model.Platform
	Kind      AuthorKind
	Author    string
	Followers int64
	Verified  bool
	Location  string
	Sentiment Sentiment
	Boost     float64       // topical volume multiplier right after the post
	Decay     time.Duration // half-life of the boost
	Negative  float64       // added to the negative share, decaying like the boost
	IfSilent  bool          // only happens if no sincere statement is out by then

	text tmpl
}

// Account is a named KOL, media or official account the generator may use.
type Account struct {
	Kind      AuthorKind
	Name      string
	Followers int64
	Verified  bool
	Location  string
}

// Effect is how the crowd answers one kind of team action: the negative
// share moves by Negative and the topical volume is multiplied by Volume,
// both reached linearly over Over.
type Effect struct {
	Negative float64
	Volume   float64
	Over     time.Duration
}

// Silence is the cost of saying nothing: if no statement is published by
// After, the negative share rises by Negative and the volume by Volume.
type Silence struct {
	After time.Duration
	Effect
}

// Response holds the crowd response rules.
type Response struct {
	Anchor    string        // what the golden hours count from: "start", "first_alert" or "declared"
	Golden    time.Duration // the golden hours
	Floor     float64       // the negative share never goes below this
	Ceiling   float64       // nor above this
	Sincere   Effect        // an approved statement judged sincere and not defensive
	Late      float64       // scale of the sincere effect after the golden hours
	Repeat    float64       // scale of each further sincere statement
	Neutral   Effect        // a statement neither sincere nor defensive
	Defensive Effect        // a statement judged defensive: the backlash
	AckWithin time.Duration // an alert acknowledged this soon...
	Ack       Effect        // ...has this effect (the complainant is called back)
	Silence   []Silence
}

// BestStatement is one statement of the best-case run Simulate compares with.
type BestStatement struct {
	At       time.Duration
	Kind     model.StatementKind
	Platform model.Platform
	Text     string
}

// weights is a weighted choice over a small set.
type weights[T comparable] struct {
	Items []T
	Cum   []float64 // cumulative weights
}

func (w weights[T]) total() float64 {
	if len(w.Cum) == 0 {
		return 0
	}
	return w.Cum[len(w.Cum)-1]
}

// pick chooses an item for u in [0,1).
func (w weights[T]) pick(u float64) T {
	x := u * w.total()
	i := sort.SearchFloat64s(w.Cum, x)
	for i < len(w.Cum)-1 && w.Cum[i] <= x {
		i++
	}
	if i >= len(w.Items) {
		i = len(w.Items) - 1
	}
	return w.Items[i]
}

// Text groups. A scenario gives templates per group in [texts], per phase in
// [phase.texts] and per platform in [platform_texts.NAME].
const (
	gNeg = iota
	gNeu
	gPos
	gNegComment
	gNeuComment
	gPosComment
	gNegRepost
	gNeuRepost
	gPosRepost
	gMediaNeg
	gMediaNeu
	gMediaPos
	gOfficialNeg
	gOfficialNeu
	gOfficialPos
	gSpam
	numGroups
)

var groupNames = [numGroups]string{
	"negative", "neutral", "positive",
	"negative_comments", "neutral_comments", "positive_comments",
	"negative_reposts", "neutral_reposts", "positive_reposts",
	"media_negative", "media_neutral", "media_positive",
	"official_negative", "official_neutral", "official_positive",
	"spam",
}

type textSet [numGroups][]tmpl

// builtinSlots are the slot names the generator fills itself.
var builtinSlots = map[string]bool{
	"brand": true, "city": true, "province": true, "emoji": true, "emoji_neg": true, "emoji_pos": true,
	"at": true, "tag": true, "when": true, "num": true,
}

// Limits keep a hostile or mistaken file from asking for the impossible.
const (
	maxDuration = 7 * 24 * time.Hour
	maxRate     = 20000 // topical mentions per minute in one phase
	maxScale    = 1000
	maxItems    = 5000 // templates, phases, events, accounts
)

// raw* mirror the file. Durations, enums and platforms stay strings here so
// that validation can report them with the line they are on.
type (
	rawScenario struct {
		ID            string                         `toml:"id"`
		Name          Names                          `toml:"name"`
		Brand         string                         `toml:"brand"`
		BrandEN       string                         `toml:"brand_en"`
		Placeholders  map[string]Names               `toml:"placeholders"`
		Description   string                         `toml:"description"`
		Category      string                         `toml:"category"`
		Duration      string                         `toml:"duration"`
		RateScale     *float64                       `toml:"rate_scale"`
		Hashtags      []string                       `toml:"hashtags"`
		Slots         map[string][]string            `toml:"slots"`
		Texts         map[string][]string            `toml:"texts"`
		PlatformTexts map[string]map[string][]string `toml:"platform_texts"`
		Chatter       rawChatter                     `toml:"chatter"`
		Accounts      []rawAccount                   `toml:"account"`
		Phases        []rawPhase                     `toml:"phase"`
		Events        []rawEvent                     `toml:"event"`
		Response      rawResponse                    `toml:"response"`
		Best          []rawBest                      `toml:"best"`
	}
	rawChatter struct {
		Rate      float64            `toml:"rate"`
		Positive  float64            `toml:"positive_share"`
		Platforms map[string]float64 `toml:"platforms"`
		PosTexts  []string           `toml:"positive"`
		NeuTexts  []string           `toml:"neutral"`
	}
	rawAccount struct {
		Kind      string `toml:"kind"`
		Name      string `toml:"name"`
		Followers int64  `toml:"followers"`
		Verified  *bool  `toml:"verified"`
		Location  string `toml:"location"`
	}
	rawPhase struct {
		Name      string              `toml:"name"`
		Start     string              `toml:"start"`
		Length    string              `toml:"length"`
		Rate      float64             `toml:"rate"`
		RateEnd   *float64            `toml:"rate_end"`
		Negative  float64             `toml:"negative"`
		Positive  *float64            `toml:"positive"`
		Comments  float64             `toml:"comments"`
		Reposts   float64             `toml:"reposts"`
		Hashtags  []string            `toml:"hashtags"`
		Platforms map[string]float64  `toml:"platforms"`
		Authors   map[string]float64  `toml:"authors"`
		Texts     map[string][]string `toml:"texts"`
	}
	rawEvent struct {
		At        string   `toml:"at"`
		Jitter    string   `toml:"jitter"`
		Platform  string   `toml:"platform"`
		Kind      string   `toml:"kind"`
		Author    string   `toml:"author"`
		Followers int64    `toml:"followers"`
		Verified  *bool    `toml:"verified"`
		Location  string   `toml:"location"`
		Sentiment string   `toml:"sentiment"`
		Text      string   `toml:"text"`
		Boost     *float64 `toml:"boost"`
		Decay     string   `toml:"decay"`
		Negative  float64  `toml:"negative"`
		IfSilent  bool     `toml:"if_silent"`
	}
	rawEffect struct {
		Negative *float64 `toml:"negative"`
		Volume   *float64 `toml:"volume"`
		Over     string   `toml:"over"`
		Late     *float64 `toml:"late"`
		Repeat   *float64 `toml:"repeat"`
		Within   string   `toml:"within"`
		After    string   `toml:"after"`
	}
	rawResponse struct {
		Anchor    string      `toml:"anchor"`
		Golden    string      `toml:"golden"`
		Floor     *float64    `toml:"floor"`
		Ceiling   *float64    `toml:"ceiling"`
		Sincere   rawEffect   `toml:"sincere"`
		Neutral   rawEffect   `toml:"neutral"`
		Defensive rawEffect   `toml:"defensive"`
		Ack       rawEffect   `toml:"ack"`
		Silence   []rawEffect `toml:"silence"`
	}
	rawBest struct {
		At       string `toml:"at"`
		Kind     string `toml:"kind"`
		Platform string `toml:"platform"`
		Text     string `toml:"text"`
	}
)

// Error is one problem in a scenario file.
type Error struct {
	File  string
	Line  int    // 0 when unknown
	Field string // e.g. "phase[2].negative"
	Msg   string
}

func (e *Error) Error() string {
	loc := e.File
	if e.Line > 0 {
		loc = fmt.Sprintf("%s:%d", e.File, e.Line)
	}
	if e.Field == "" {
		return loc + ": " + e.Msg
	}
	return fmt.Sprintf("%s: %s: %s", loc, e.Field, e.Msg)
}

// checker collects validation errors with their lines.
type checker struct {
	file string
	ix   lineIndex
	errs []*Error
}

func (c *checker) errf(field, format string, args ...any) {
	if len(c.errs) >= 50 { // enough to fix; the rest is usually the same mistake
		return
	}
	c.errs = append(c.errs, &Error{File: c.file, Line: c.ix.line(field), Field: field, Msg: fmt.Sprintf(format, args...)})
}

// placeholders checks the values the scenario gives the plan's statement
// templates. The brand and the moment are warroom's to fill.
func (c *checker) placeholders(raw map[string]Names) map[string]Names {
	if len(raw) == 0 {
		return nil
	}
	out := map[string]Names{}
	for _, k := range sortedKeys(raw) {
		field := "placeholders." + k
		v := Names{Zh: strings.TrimSpace(raw[k].Zh), En: strings.TrimSpace(raw[k].En)}
		switch {
		case k == "" || strings.ContainsAny(k, " \t\n{}"):
			c.errf(field, "a placeholder name is one word, as in {product}")
		case k == "brand" || k == "date" || k == "time":
			c.errf(field, "{%s} is filled by warroom: the brand from brand and brand_en, date and time from the clock", k)
		case v.Zh == "":
			c.errf(field, "missing zh: give { zh = \"…\", en = \"…\" }")
		default:
			out[k] = v
		}
	}
	return out
}

func (c *checker) err() error {
	if len(c.errs) == 0 {
		return nil
	}
	sort.SliceStable(c.errs, func(i, j int) bool { return c.errs[i].Line < c.errs[j].Line })
	errs := make([]error, len(c.errs))
	for i, e := range c.errs {
		errs[i] = e
	}
	return errors.Join(errs...)
}

// duration parses "40m", "+1h30m" or "2h"; required says whether empty is an error.
func (c *checker) duration(field, s string, required bool) time.Duration {
	s = strings.TrimPrefix(strings.TrimSpace(s), "+")
	if s == "" {
		if required {
			c.errf(field, "missing (a duration such as \"40m\" or \"2h\")")
		}
		return 0
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		c.errf(field, "bad duration %q (write it like \"40m\", \"1h30m\")", s)
		return 0
	}
	if d < 0 || d > maxDuration {
		c.errf(field, "duration %s out of range (0 to %s)", d, maxDuration)
		return 0
	}
	return d
}

// zeroDuration reports a duration written correctly as zero, which is
// wrong where a length is needed (a malformed one is reported already).
func zeroDuration(s string) bool {
	d, err := time.ParseDuration(strings.TrimPrefix(strings.TrimSpace(s), "+"))
	return err == nil && d == 0
}

func (c *checker) share(field string, v float64) float64 {
	if math.IsNaN(v) || v < 0 || v > 1 {
		c.errf(field, "must be a share between 0 and 1, got %v", v)
		return 0
	}
	return v
}

func (c *checker) platform(field, s string) model.Platform {
	p, ok := model.ParsePlatform(s)
	if !ok {
		c.errf(field, "unknown platform %q (want one of weibo, douyin, xiaohongshu, bilibili, zhihu, kuaishou, tieba, wechat, heimao, news)", s)
	}
	return p
}

func (c *checker) platforms(field string, m map[string]float64, required bool) weights[model.Platform] {
	var w weights[model.Platform]
	if len(m) == 0 {
		if required {
			c.errf(field, "missing: give platform weights, e.g. { weibo = 5, douyin = 2 }")
		}
		return w
	}
	keys := sortedKeys(m)
	sum := 0.0
	for _, k := range keys {
		v := m[k]
		p := c.platform(field+"."+k, k)
		if math.IsNaN(v) || v < 0 || v > 1e6 {
			c.errf(field+"."+k, "weight must be between 0 and 1e6, got %v", v)
			continue
		}
		if v == 0 {
			continue
		}
		sum += v
		w.Items = append(w.Items, p)
		w.Cum = append(w.Cum, sum)
	}
	if sum == 0 && required {
		c.errf(field, "all platform weights are zero")
	}
	return w
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// template compiles one template and checks its slots.
func (c *checker) template(field, src string, slots map[string][]string) tmpl {
	if strings.TrimSpace(src) == "" {
		if strings.Contains(field, "_reposts#") {
			return tmpl{} // a bare repost: "//@" and the original only
		}
		c.errf(field, "empty template")
		return nil
	}
	t, err := compileTemplate(src)
	if err != nil {
		c.errf(field, "%v", err)
		return nil
	}
	for _, s := range t.slots(nil) {
		if !builtinSlots[s] {
			if _, ok := slots[s]; !ok {
				c.errf(field, "unknown slot {=%s} (define it under [slots] or use one of brand, city, province, emoji, emoji_neg, emoji_pos, at, tag, when, num)", s)
			}
		}
	}
	return t
}

func (c *checker) templates(field string, srcs []string, slots map[string][]string) []tmpl {
	if len(srcs) > maxItems {
		c.errf(field, "too many templates (%d, at most %d)", len(srcs), maxItems)
		return nil
	}
	out := make([]tmpl, 0, len(srcs))
	for i, s := range srcs {
		if t := c.template(fmt.Sprintf("%s#%d", field, i), s, slots); t != nil || strings.HasSuffix(field, "_reposts") && strings.TrimSpace(s) == "" {
			out = append(out, t)
		}
	}
	return out
}

func (c *checker) textSet(field string, m map[string][]string, slots map[string][]string) textSet {
	var ts textSet
	for _, k := range sortedKeys(m) {
		g := -1
		for i, n := range groupNames {
			if n == k {
				g = i
			}
		}
		if g < 0 {
			c.errf(field+"."+k, "unknown text group %q (want one of %s)", k, strings.Join(groupNames[:], ", "))
			continue
		}
		ts[g] = c.templates(field+"."+k, m[k], slots)
	}
	return ts
}

// Parse reads and validates a scenario file. name is used in error
// messages; every error names the line and field, e.g.
// "food.toml:42: phase[2].negative: must be a share between 0 and 1, got 1.5".
func Parse(name string, src []byte) (*Scenario, error) {
	var raw rawScenario
	md, err := toml.Decode(string(src), &raw)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, &Error{File: name, Line: pe.Position.Line, Msg: pe.Message}
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	c := &checker{file: name, ix: indexLines(string(src))}
	for _, k := range md.Undecoded() {
		p := k.String()
		c.errs = append(c.errs, &Error{File: name, Line: c.ix.plain[p], Field: p, Msg: "unknown field (misspelt? see FORMAT.md)"})
	}
	sc := c.scenario(&raw)
	if err := c.err(); err != nil {
		return nil, err
	}
	return sc, nil
}

func (c *checker) scenario(raw *rawScenario) *Scenario {
	sc := &Scenario{
		ID: strings.TrimSpace(raw.ID), Name: raw.Name, Brand: strings.TrimSpace(raw.Brand),
		Description: strings.TrimSpace(raw.Description), RateScale: 1,
	}
	if sc.ID == "" {
		c.errf("id", "missing: give the scenario a short id such as \"food-safety\"")
	} else if strings.ContainsAny(sc.ID, " \t\n/\\") {
		c.errf("id", "must not contain spaces or slashes, got %q", sc.ID)
	}
	if sc.Name.Zh == "" && sc.Name.En == "" {
		c.errf("name", "missing: give name.zh and name.en")
	}
	if sc.Brand == "" {
		c.errf("brand", "missing: the (fictional) brand the crisis is about")
	}
	sc.BrandEN = strings.TrimSpace(raw.BrandEN)
	sc.Placeholders = c.placeholders(raw.Placeholders)
	if raw.Category != "" {
		sc.Category = model.Category(raw.Category)
		found := false
		for _, k := range model.Categories {
			found = found || k == sc.Category
		}
		if !found {
			c.errf("category", "unknown category %q", raw.Category)
		}
	}
	sc.Duration = c.duration("duration", raw.Duration, true)
	if zeroDuration(raw.Duration) {
		c.errf("duration", "must be positive")
	}
	if raw.RateScale != nil {
		if v := *raw.RateScale; math.IsNaN(v) || v <= 0 || v > maxScale {
			c.errf("rate_scale", "must be above 0 and at most %d, got %v", maxScale, v)
		} else {
			sc.RateScale = v
		}
	}
	sc.hashtags = raw.Hashtags

	// Slots: every value is itself a template; references must not loop.
	sc.slots = map[string][]tmpl{}
	for _, k := range sortedKeys(raw.Slots) {
		if builtinSlots[k] {
			c.errf("slots."+k, "slot %q is built in; choose another name", k)
			continue
		}
		if len(raw.Slots[k]) == 0 {
			c.errf("slots."+k, "empty slot list")
			continue
		}
		sc.slots[k] = c.templates("slots."+k, raw.Slots[k], raw.Slots)
	}
	c.slotCycles(sc.slots)

	sc.texts = c.textSet("texts", raw.Texts, raw.Slots)
	sc.platformTexts = map[model.Platform]*textSet{}
	for _, k := range sortedKeys(raw.PlatformTexts) {
		p := c.platform("platform_texts."+k, k)
		ts := c.textSet("platform_texts."+k, raw.PlatformTexts[k], raw.Slots)
		sc.platformTexts[p] = &ts
	}

	// Chatter.
	ch := raw.Chatter
	if math.IsNaN(ch.Rate) || ch.Rate < 0 || ch.Rate > maxRate {
		c.errf("chatter.rate", "must be between 0 and %d per minute, got %v", maxRate, ch.Rate)
	}
	sc.Chatter = Chatter{Rate: ch.Rate, Positive: c.share("chatter.positive_share", ch.Positive),
		Platforms: c.platforms("chatter.platforms", ch.Platforms, ch.Rate > 0)}
	sc.Chatter.positive = c.templates("chatter.positive", ch.PosTexts, raw.Slots)
	sc.Chatter.neutral = c.templates("chatter.neutral", ch.NeuTexts, raw.Slots)
	if ch.Rate > 0 && len(sc.Chatter.positive)+len(sc.Chatter.neutral) == 0 {
		c.errf("chatter", "chatter has a rate but no positive or neutral texts")
	}

	// Accounts.
	if len(raw.Accounts) > maxItems {
		c.errf("account", "too many accounts")
		raw.Accounts = nil
	}
	for i, a := range raw.Accounts {
		f := fmt.Sprintf("account[%d]", i)
		k, ok := parseKind(a.Kind)
		if !ok || k == Ordinary || k == Bot {
			c.errf(f+".kind", "want kol, media or official, got %q", a.Kind)
		}
		if strings.TrimSpace(a.Name) == "" {
			c.errf(f+".name", "missing")
		}
		if a.Followers < 0 || a.Followers > 2e9 {
			c.errf(f+".followers", "out of range: %d", a.Followers)
		}
		sc.Accounts = append(sc.Accounts, Account{Kind: k, Name: a.Name, Followers: a.Followers,
			Verified: a.Verified == nil || *a.Verified, Location: a.Location})
		if k == KOL || k == Media {
			sc.atNames = append(sc.atNames, a.Name)
		}
	}

	c.phases(sc, raw)
	c.events(sc, raw)
	c.response(sc, raw)
	for i, b := range raw.Best {
		f := fmt.Sprintf("best[%d]", i)
		bs := BestStatement{At: c.duration(f+".at", b.At, true), Kind: model.StatementKind(b.Kind), Text: strings.TrimSpace(b.Text)}
		switch bs.Kind {
		case model.StatementHolding, model.StatementApology, model.StatementFactUpdate, model.StatementRemedy, model.StatementFull:
		default:
			c.errf(f+".kind", "want holding, apology, fact_update, remedy or full, got %q", b.Kind)
		}
		bs.Platform = model.Weibo
		if b.Platform != "" {
			bs.Platform = c.platform(f+".platform", b.Platform)
		}
		if bs.Text == "" {
			c.errf(f+".text", "missing: the statement text")
		}
		sc.Best = append(sc.Best, bs)
	}
	return sc
}

// slotCycles reports slots that refer back to themselves.
func (c *checker) slotCycles(slots map[string][]tmpl) {
	state := map[string]int{} // 0 new, 1 visiting, 2 done
	var visit func(name string) bool
	visit = func(name string) bool {
		switch state[name] {
		case 1:
			return true
		case 2:
			return false
		}
		state[name] = 1
		for _, t := range slots[name] {
			for _, s := range t.slots(nil) {
				if _, ok := slots[s]; ok && visit(s) {
					return true
				}
			}
		}
		state[name] = 2
		return false
	}
	for _, k := range sortedKeys(slots) {
		if state[k] == 0 && visit(k) {
			c.errf("slots."+k, "slot refers to itself, directly or through other slots")
			return
		}
	}
}

func (c *checker) phases(sc *Scenario, raw *rawScenario) {
	if len(raw.Phases) == 0 {
		c.errf("phase", "missing: a scenario needs at least one [[phase]]")
		return
	}
	if len(raw.Phases) > maxItems {
		c.errf("phase", "too many phases")
		return
	}
	for i, rp := range raw.Phases {
		f := fmt.Sprintf("phase[%d]", i)
		p := Phase{Name: rp.Name, Start: c.duration(f+".start", rp.Start, true), Length: c.duration(f+".length", rp.Length, true),
			Rate: rp.Rate, RateEnd: rp.Rate, Hashtags: rp.Hashtags}
		if zeroDuration(rp.Length) {
			c.errf(f+".length", "must be positive")
		}
		if math.IsNaN(rp.Rate) || rp.Rate < 0 || rp.Rate > maxRate {
			c.errf(f+".rate", "must be between 0 and %d per minute, got %v", maxRate, rp.Rate)
		}
		if rp.RateEnd != nil {
			p.RateEnd = *rp.RateEnd
			if math.IsNaN(p.RateEnd) || p.RateEnd < 0 || p.RateEnd > maxRate {
				c.errf(f+".rate_end", "must be between 0 and %d per minute, got %v", maxRate, p.RateEnd)
			}
		}
		p.Negative = c.share(f+".negative", rp.Negative)
		p.Positive = 0.5
		if rp.Positive != nil {
			p.Positive = c.share(f+".positive", *rp.Positive)
		}
		p.Comments = c.share(f+".comments", rp.Comments)
		p.Reposts = c.share(f+".reposts", rp.Reposts)
		if p.Comments+p.Reposts > 1 {
			c.errf(f+".reposts", "comments + reposts must not exceed 1, got %v", p.Comments+p.Reposts)
		}
		p.Platforms = c.platforms(f+".platforms", rp.Platforms, true)
		var aw weights[AuthorKind]
		sum := 0.0
		for _, k := range sortedKeys(rp.Authors) {
			kind, ok := parseKind(k)
			v := rp.Authors[k]
			if !ok {
				c.errf(f+".authors."+k, "unknown author kind (want ordinary, kol, media, official or bot)")
				continue
			}
			if math.IsNaN(v) || v < 0 || v > 1e6 {
				c.errf(f+".authors."+k, "weight must be between 0 and 1e6, got %v", v)
				continue
			}
			if v > 0 {
				sum += v
				aw.Items = append(aw.Items, kind)
				aw.Cum = append(aw.Cum, sum)
			}
		}
		if sum == 0 {
			c.errf(f+".authors", "missing: give the author mix, e.g. { ordinary = 80, kol = 3, media = 1, official = 0, bot = 16 }")
		}
		p.Authors = aw
		p.texts = c.textSet(f+".texts", rp.Texts, raw.Slots)
		if i > 0 {
			prev := sc.Phases[len(sc.Phases)-1]
			if p.Start < prev.Start+prev.Length {
				c.errf(f+".start", "phase starts at %s, before phase %q ends at %s (phases are in order and do not overlap)",
					p.Start, prev.Name, prev.Start+prev.Length)
			}
		}
		if sc.Duration > 0 && p.Start >= sc.Duration {
			c.errf(f+".start", "phase starts at %s, after the drill ends (%s)", p.Start, sc.Duration)
		}
		sc.Phases = append(sc.Phases, p)
		// Every sentiment a phase can draw needs a post template somewhere.
		need := map[int]bool{gNeg: p.Negative > 0, gNeu: p.Negative < 1 && p.Positive < 1, gPos: p.Negative < 1 && p.Positive > 0}
		for _, g := range []int{gNeg, gNeu, gPos} {
			if need[g] && len(p.texts[g]) == 0 && len(sc.texts[g]) == 0 {
				c.errf(f+".texts", "no %q templates in the phase or in [texts]", groupNames[g])
			}
		}
	}
}

func (c *checker) events(sc *Scenario, raw *rawScenario) {
	if len(raw.Events) > maxItems {
		c.errf("event", "too many events")
		return
	}
	for i, re := range raw.Events {
		f := fmt.Sprintf("event[%d]", i)
		e := KeyEvent{At: c.duration(f+".at", re.At, true), Jitter: c.duration(f+".jitter", re.Jitter, false),
			Author: strings.TrimSpace(re.Author), Followers: re.Followers, Location: re.Location,
			Verified: re.Verified == nil || *re.Verified, Boost: 1, Decay: time.Hour, Negative: re.Negative, IfSilent: re.IfSilent}
		e.Platform = c.platform(f+".platform", re.Platform)
		kind, ok := parseKind(re.Kind)
		if !ok {
			c.errf(f+".kind", "unknown author kind %q (want ordinary, kol, media, official or bot)", re.Kind)
		}
		e.Kind = kind
		if e.Author == "" {
			c.errf(f+".author", "missing: who posts it")
		}
		if re.Followers < 0 || re.Followers > 2e9 {
			c.errf(f+".followers", "out of range: %d", re.Followers)
		}
		s, ok := parseSentiment(re.Sentiment)
		if !ok {
			c.errf(f+".sentiment", "want negative, neutral or positive, got %q", re.Sentiment)
		}
		e.Sentiment = s
		e.text = c.template(f+".text", re.Text, raw.Slots)
		if re.Boost != nil {
			if v := *re.Boost; math.IsNaN(v) || v < 0 || v > 100 {
				c.errf(f+".boost", "must be between 0 and 100, got %v", v)
			} else {
				e.Boost = v
			}
		}
		if re.Decay != "" {
			e.Decay = c.duration(f+".decay", re.Decay, false)
			if e.Decay == 0 {
				c.errf(f+".decay", "must be positive")
				e.Decay = time.Hour
			}
		}
		if math.IsNaN(e.Negative) || e.Negative < -1 || e.Negative > 1 {
			c.errf(f+".negative", "must be between -1 and 1, got %v", e.Negative)
			e.Negative = 0
		}
		if sc.Duration > 0 && e.At > sc.Duration {
			c.errf(f+".at", "at %s is after the drill ends (%s)", e.At, sc.Duration)
		}
		if e.Jitter > e.At {
			c.errf(f+".jitter", "jitter %s is larger than at (%s): the event could fall before the start", e.Jitter, e.At)
		}
		sc.Events = append(sc.Events, e)
	}
}

// Defaults of the crowd response, used where the file says nothing.
var defaultResponse = Response{
	Anchor: "start", Golden: 4 * time.Hour, Floor: 0.05, Ceiling: 0.95,
	Sincere: Effect{Negative: -0.3, Volume: 0.6, Over: 90 * time.Minute}, Late: 0.4, Repeat: 0.5,
	Neutral:   Effect{Negative: -0.05, Volume: 0.95, Over: time.Hour},
	Defensive: Effect{Negative: 0.2, Volume: 1.8, Over: time.Hour},
	AckWithin: 30 * time.Minute, Ack: Effect{Negative: -0.03, Volume: 1, Over: 30 * time.Minute},
}

func (c *checker) effect(field string, r rawEffect, def Effect) Effect {
	e := def
	if r.Negative != nil {
		if v := *r.Negative; math.IsNaN(v) || v < -1 || v > 1 {
			c.errf(field+".negative", "must be a change of share between -1 and 1, got %v", v)
		} else {
			e.Negative = v
		}
	}
	if r.Volume != nil {
		if v := *r.Volume; math.IsNaN(v) || v < 0 || v > 100 {
			c.errf(field+".volume", "must be a multiplier between 0 and 100, got %v", v)
		} else {
			e.Volume = v
		}
	}
	if r.Over != "" {
		e.Over = c.duration(field+".over", r.Over, false)
	}
	return e
}

func (c *checker) response(sc *Scenario, raw *rawScenario) {
	r := raw.Response
	out := defaultResponse
	switch r.Anchor {
	case "":
	case "start", "first_alert", "declared":
		out.Anchor = r.Anchor
	default:
		c.errf("response.anchor", "want start, first_alert or declared, got %q", r.Anchor)
	}
	if r.Golden != "" {
		out.Golden = c.duration("response.golden", r.Golden, false)
	}
	if r.Floor != nil {
		out.Floor = c.share("response.floor", *r.Floor)
	}
	if r.Ceiling != nil {
		out.Ceiling = c.share("response.ceiling", *r.Ceiling)
	}
	if out.Floor > out.Ceiling {
		c.errf("response.floor", "floor %v is above ceiling %v", out.Floor, out.Ceiling)
	}
	out.Sincere = c.effect("response.sincere", r.Sincere, out.Sincere)
	if r.Sincere.Late != nil {
		out.Late = c.share("response.sincere.late", *r.Sincere.Late)
	}
	if r.Sincere.Repeat != nil {
		out.Repeat = c.share("response.sincere.repeat", *r.Sincere.Repeat)
	}
	out.Neutral = c.effect("response.neutral", r.Neutral, out.Neutral)
	out.Defensive = c.effect("response.defensive", r.Defensive, out.Defensive)
	out.Ack = c.effect("response.ack", r.Ack, out.Ack)
	if r.Ack.Within != "" {
		out.AckWithin = c.duration("response.ack.within", r.Ack.Within, false)
	}
	for i, s := range r.Silence {
		f := fmt.Sprintf("response.silence[%d]", i)
		sl := Silence{After: c.duration(f+".after", s.After, true), Effect: c.effect(f, s, Effect{Volume: 1, Over: 30 * time.Minute})}
		if i > 0 && sl.After <= out.Silence[i-1].After {
			c.errf(f+".after", "silence deadlines must increase (%s after %s)", sl.After, out.Silence[i-1].After)
		}
		out.Silence = append(out.Silence, sl)
	}
	sc.Response = out
}
