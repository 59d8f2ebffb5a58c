package model

import "time"

// Alert is an early warning raised by a rule over the mention stream. One
// rising wave is one alert whose level escalates, not fifty alerts: a rule
// that fires again for the same Key updates the same alert.
type Alert struct {
	ID         int64
	Key        string // rule plus scope, e.g. "spike:weibo"; alerts are de-duplicated on it
	Rule       string // "spike", "negative_share", "influential", "red_flag"
	Platform   Platform
	Level      Level     // suggested warning level
	At         time.Time // first raised
	UpdatedAt  time.Time // last escalated or refreshed
	WindowFrom time.Time
	WindowTo   time.Time
	Count      int     // what was counted in the window
	Baseline   float64 // what was expected
	Value      float64 // the measured value the threshold applies to
	Threshold  float64
	Category   Category
	Terms      []string
	Evidence   []int64 // mention ids
	Message    string  // one line, in English; the UI translates by Rule
	AckedAt    time.Time
	AckedBy    string
}

// Alert rules.
const (
	RuleSpike         = "spike"
	RuleNegativeShare = "negative_share"
	RuleInfluential   = "influential"
	RuleRedFlag       = "red_flag"
)
