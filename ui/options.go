package ui

import (
	"time"

	"warroom/model"
	"warroom/model/plan"
	"warroom/ui/i18n"
)

// Mode is what kind of session the console shows. It only changes the
// header's marker and whether writing is allowed: all modes run the same code
// on different clocks.
type Mode int

// Session modes.
const (
	Live Mode = iota
	Replay
	Drill
)

// ClockDef is a response clock created when the incident is declared.
type ClockDef = model.ClockPayload

// Options configure the console.
type Options struct {
	Backend      Backend
	Updates      <-chan Update // committed changes; nil for a static file
	Clock        model.Clock   // session time; nil means the wall clock
	Mode         Mode
	Operator     model.Actor // who acts: written as the Actor of every event
	Lang         i18n.Lang   // "" means i18n.FromEnv()
	IncidentName string      // shown until the log names the incident
	// DefaultClocks are created at declaration when no scenario is chosen.
	DefaultClocks []ClockDef
	// Plan is the crisis plan: the scenarios the declare form offers (those
	// the alerts suggest first), their key messages, and the trusted
	// influencers. Nil for none: declaring then starts DefaultClocks.
	Plan *plan.Plan
	// Replay, when set, plays the file back: the console pauses, re-speeds
	// and seeks its clock, and shows the incident as of the clock's time.
	// It implies Mode Replay, and Clock is Replay.Clock.
	Replay   *ReplayControl
	ReadOnly bool // replay files are read-only; Replay implies it
	NoColor  bool // no colour or other styling at all (NO_COLOR, tests)
	// SearchMatcher gives the backend's meaning of a search, to filter
	// mentions arriving live the way the search filtered the rest (nil
	// filters nothing). Nil SearchMatcher: every word must appear.
	SearchMatcher func(query string) func(text string) bool
	Location      *time.Location // for times of day; nil means time.Local
}

func (o Options) readOnly() bool { return o.ReadOnly || o.Mode == Replay }
