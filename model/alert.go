package model

import (
	"slices"
	"time"
)

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
	Evidence   []int64   // mention ids
	Message    string    // one line, in English; the UI translates by Rule
	AckedAt    time.Time // first acknowledged (the log also knows of later ones, after an escalation)
	AckedBy    string
}

// Alert rules.
const (
	RuleSpike         = "spike"
	RuleNegativeShare = "negative_share"
	RuleInfluential   = "influential"
	RuleRedFlag       = "red_flag"
)

// AlertFigures are what an alert measured when it was raised or last
// updated: everything the console shows of it besides its level and
// message. Every alert event carries them, so the console can show an alert
// as it stood at any moment of the incident, not as it ended.
type AlertFigures struct {
	Platform   Platform  `json:"platform,omitempty"`
	WindowFrom time.Time `json:"window_from,omitzero"`
	WindowTo   time.Time `json:"window_to,omitzero"`
	Count      int       `json:"count,omitempty"`
	Baseline   float64   `json:"baseline,omitempty"`
	Value      float64   `json:"value,omitempty"`
	Threshold  float64   `json:"threshold,omitempty"`
	Terms      []string  `json:"terms,omitempty"`
	Evidence   []int64   `json:"evidence,omitempty"`
}

// Figures returns a copy of a's figures.
func (a *Alert) Figures() AlertFigures {
	return AlertFigures{Platform: a.Platform, WindowFrom: a.WindowFrom, WindowTo: a.WindowTo, Count: a.Count,
		Baseline: a.Baseline, Value: a.Value, Threshold: a.Threshold,
		Terms: slices.Clone(a.Terms), Evidence: slices.Clone(a.Evidence)}
}

// SetFigures replaces a's figures with a copy of f.
func (a *Alert) SetFigures(f AlertFigures) {
	a.Platform, a.WindowFrom, a.WindowTo, a.Count = f.Platform, f.WindowFrom, f.WindowTo, f.Count
	a.Baseline, a.Value, a.Threshold = f.Baseline, f.Value, f.Threshold
	a.Terms, a.Evidence = slices.Clone(f.Terms), slices.Clone(f.Evidence)
}

// Equal reports whether f and g say the same; times are compared as
// instants, so a copy read back from the file equals the original.
func (f AlertFigures) Equal(g AlertFigures) bool {
	return f.Platform == g.Platform && f.WindowFrom.Equal(g.WindowFrom) && f.WindowTo.Equal(g.WindowTo) &&
		f.Count == g.Count && f.Baseline == g.Baseline && f.Value == g.Value && f.Threshold == g.Threshold &&
		slices.Equal(f.Terms, g.Terms) && slices.Equal(f.Evidence, g.Evidence)
}

// AlertAck is one acknowledgement of an alert.
type AlertAck struct {
	At    time.Time
	By    string
	Level Level // the level acknowledged: an escalation above it re-opens the alert
}
