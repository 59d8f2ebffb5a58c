package model

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// AlertState is what the event log knows of an alert.
type AlertState struct {
	ID        int64
	Rule      string
	Level     Level
	Category  Category
	Message   string
	At        time.Time // first raised
	UpdatedAt time.Time // last raised, escalated or refreshed
	LevelAt   time.Time // when it reached Level: raised or last escalated
	// Figures as of UpdatedAt; nil where the log does not carry them (files
	// written before it did). Replaced on update, never changed in place.
	Figures *AlertFigures
	AckedAt time.Time // the first acknowledgement: how fast the team reacted
	AckedBy string
	Acks    []AlertAck // every acknowledgement, oldest first
}

// Acked reports whether the alert's current level has been acknowledged.
// An escalation above the level last acknowledged re-opens the alert: a
// higher warning level needs the team's fresh attention.
func (a *AlertState) Acked() bool {
	n := len(a.Acks)
	return n > 0 && a.Acks[n-1].Level >= a.Level
}

// LastAck returns the latest acknowledgement, if there was one.
func (a *AlertState) LastAck() (AlertAck, bool) {
	if len(a.Acks) == 0 {
		return AlertAck{}, false
	}
	return a.Acks[len(a.Acks)-1], true
}

// Note is a debrief note entered during or after the incident.
type Note struct {
	At      time.Time
	Author  string
	Section string
	Text    string
}

// trigger is an event that may meet a clock, remembered so that a clock added
// later (at declaration) still sees a statement published before it.
type trigger struct {
	kind, sub string
	platform  Platform
	at        time.Time
	what      string
	actor     string
}

// State is the incident as of a moment: the fold of its events.
type State struct {
	At         time.Time // time of the last event applied
	Seq        int64     // seq of the last event applied
	Incident   Incident
	Clocks     []*ResponseClock
	Tasks      []*Task // deleted tasks stay, marked, so ids are never reused
	Statements []*Statement
	Alerts     []*AlertState
	Notes      []Note

	first    map[string]time.Time
	triggers []trigger
}

// NewState returns the state of an empty incident.
func NewState() *State {
	return &State{Incident: Incident{Status: StatusMonitoring}, first: map[string]time.Time{}}
}

// Fold applies events in order up to and including time upTo (a zero upTo
// means all). Events that break a rule are skipped and reported: a file
// written by warroom never has them, but a hand-edited one might.
func Fold(events []Event, upTo time.Time) (*State, []error) {
	s := NewState()
	var errs []error
	for _, e := range events {
		if !upTo.IsZero() && e.At.After(upTo) {
			continue // log order need not be time order: a late-stamped event may follow
		}
		if err := s.Apply(e); err != nil {
			errs = append(errs, err)
		}
	}
	return s, errs
}

// Clock returns the clock with id, or nil.
func (s *State) Clock(id string) *ResponseClock {
	for _, c := range s.Clocks {
		if c.ID == id {
			return c
		}
	}
	return nil
}

// PublishClock returns the first clock that publishing a statement of
// kind meets by its rule (whatever the platform); kind "" asks for a clock
// any published statement meets. Nil when the plan set none.
func (s *State) PublishClock(kind StatementKind) *ResponseClock {
	for _, c := range s.Clocks {
		rule, _, _ := strings.Cut(c.MetBy, "@")
		k, sub, _ := strings.Cut(rule, ":")
		if k == KindPublish && sub == string(kind) {
			return c
		}
	}
	return nil
}

// Task returns the task with id, or nil.
func (s *State) Task(id string) *Task {
	for _, t := range s.Tasks {
		if t.ID == id {
			return t
		}
	}
	return nil
}

// Statement returns the statement with id, or nil.
func (s *State) Statement(id string) *Statement {
	for _, st := range s.Statements {
		if st.ID == id {
			return st
		}
	}
	return nil
}

// Alert returns the alert with id, or nil.
func (s *State) Alert(id int64) *AlertState {
	for _, a := range s.Alerts {
		if a.ID == id {
			return a
		}
	}
	return nil
}

// First returns when an event of kind first happened.
func (s *State) First(kind string) (time.Time, bool) {
	t, ok := s.first[kind]
	return t, ok
}

// NextTaskID returns an id no task has had.
func (s *State) NextTaskID() string { return fmt.Sprintf("t%d", len(s.Tasks)+1) }

// NextStatementID returns an id no statement has had.
func (s *State) NextStatementID() string { return fmt.Sprintf("s%d", len(s.Statements)+1) }

// Clone returns a deep copy, so an action can be tried before it is written.
func (s *State) Clone() *State {
	c := *s
	c.Clocks = make([]*ResponseClock, len(s.Clocks))
	for i, x := range s.Clocks {
		y := *x
		y.Pauses = slices.Clone(x.Pauses)
		c.Clocks[i] = &y
	}
	c.Tasks = make([]*Task, len(s.Tasks))
	for i, x := range s.Tasks {
		y := *x
		y.Links = slices.Clone(x.Links)
		c.Tasks[i] = &y
	}
	c.Statements = make([]*Statement, len(s.Statements))
	for i, x := range s.Statements {
		y := *x
		c.Statements[i] = &y
	}
	c.Alerts = make([]*AlertState, len(s.Alerts))
	for i, x := range s.Alerts {
		y := *x
		y.Acks = slices.Clone(x.Acks)
		c.Alerts[i] = &y
	}
	c.Notes = slices.Clone(s.Notes)
	c.first = make(map[string]time.Time, len(s.first))
	for k, v := range s.first {
		c.first[k] = v
	}
	c.triggers = slices.Clone(s.triggers)
	return &c
}

// Try checks a new action before it is written to the file: whether the
// policy allows it (see Allowed) and whether it folds, on a copy of s.
func (s *State) Try(e Event) error {
	if err := s.Clone().Apply(e); err != nil {
		return err // what cannot happen at all is said first
	}
	return s.Allowed(e)
}

// Allowed applies the rules a new action must meet beyond folding: today,
// that whoever wrote a statement's current text does not approve it. The
// fold itself does not enforce them, so a file written before a rule
// existed replays as it happened instead of losing an approval.
func (s *State) Allowed(e Event) error {
	if e.Kind != KindApprove {
		return nil
	}
	var p ReviewPayload
	if err := e.Decode(&p); err != nil {
		return nil // the fold reports a bad payload
	}
	if st := s.Statement(p.ID); st != nil && st.Status == StatementInReview && st.WrittenBy(e.Actor) {
		return fmt.Errorf("event %s at %s: %w", e.Kind, e.At.Format(time.RFC3339),
			&SelfApprovalError{ID: st.ID, Writer: st.Editor, Edited: st.Version > 1})
	}
	return nil
}

// Apply folds one event into the state. On error the state is unchanged.
func (s *State) Apply(e Event) error {
	if err := s.apply(e); err != nil {
		return fmt.Errorf("event %d %s at %s: %w", e.Seq, e.Kind, e.At.Format(time.RFC3339), err)
	}
	if !s.At.After(e.At) {
		s.At = e.At
	}
	if e.Seq > s.Seq {
		s.Seq = e.Seq
	}
	if _, ok := s.first[e.Kind]; !ok {
		s.first[e.Kind] = e.At
		for _, c := range s.Clocks {
			if c.AnchorAt.IsZero() && c.Anchor == e.Kind {
				c.AnchorAt = e.At
			}
		}
	}
	return nil
}

func (s *State) apply(e Event) error {
	switch e.Kind {
	case KindCreated:
		var p IncidentPayload
		if err := e.Decode(&p); err != nil {
			return err
		}
		s.Incident.Name, s.Incident.Brand, s.Incident.CreatedAt = p.Name, p.Brand, e.At
	case KindDeclared:
		var p DeclarePayload
		if err := e.Decode(&p); err != nil {
			return err
		}
		if s.Incident.Declared() {
			return fmt.Errorf("incident already declared at %s", s.Incident.DeclaredAt.Format(time.RFC3339))
		}
		s.Incident.DeclaredAt, s.Incident.DeclaredBy = e.At, e.Actor
		s.Incident.Scenario = p.Scenario
		if p.Level != LevelNone {
			s.Incident.Level = p.Level
		}
		s.Incident.Status = StatusActive
	case KindLevel:
		var p LevelPayload
		if err := e.Decode(&p); err != nil {
			return err
		}
		s.Incident.Level = p.Level
	case KindStatus:
		var p StatusPayload
		if err := e.Decode(&p); err != nil {
			return err
		}
		if !p.Status.Valid() {
			return fmt.Errorf("unknown status %q", p.Status)
		}
		s.Incident.Status = p.Status
		if p.Status == StatusClosed {
			s.Incident.ClosedAt = e.At
		}
	case KindAlert:
		var p AlertPayload
		if err := e.Decode(&p); err != nil {
			return err
		}
		if a := s.Alert(p.ID); a != nil { // the same wave, escalated or refreshed
			if p.Level > a.Level {
				a.Level, a.LevelAt = p.Level, e.At
			}
			a.Message, a.UpdatedAt = p.Message, e.At
			if p.Category != CategoryNone {
				a.Category = p.Category
			}
			if p.Figures != nil {
				a.Figures = p.Figures
			}
			return nil
		}
		s.Alerts = append(s.Alerts, &AlertState{ID: p.ID, Rule: p.Rule, Level: p.Level, Category: p.Category,
			Message: p.Message, At: e.At, UpdatedAt: e.At, LevelAt: e.At, Figures: p.Figures})
	case KindAlertAck:
		var p AlertPayload
		if err := e.Decode(&p); err != nil {
			return err
		}
		a := s.Alert(p.ID)
		if a == nil {
			return fmt.Errorf("no alert %d", p.ID)
		}
		// What was acknowledged is what the acknowledger saw: an escalation
		// logged between their look and their key stays open.
		lvl := a.Level
		if p.Level != LevelNone {
			lvl = min(lvl, p.Level)
		}
		if last, ok := a.LastAck(); !ok || last.Level < lvl {
			a.Acks = append(a.Acks, AlertAck{At: e.At, By: e.Actor, Level: lvl})
		}
		if a.AckedAt.IsZero() {
			a.AckedAt, a.AckedBy = e.At, e.Actor
		}
		s.fire(trigger{kind: e.Kind, at: e.At, what: fmt.Sprintf("alert #%d acknowledged", p.ID), actor: e.Actor})
	case KindClockAdd:
		return s.addClock(e)
	case KindClockMet, KindPause, KindResume:
		return s.clockEvent(e)
	case KindTaskAdd, KindTaskEdit, KindTaskMove, KindTaskDel:
		return s.taskEvent(e)
	case KindDraft, KindEdit, KindSubmit, KindWithdraw, KindApprove, KindReject, KindPublish:
		return s.statementEvent(e)
	case KindNote:
		var p NotePayload
		if err := e.Decode(&p); err != nil {
			return err
		}
		switch p.Section {
		case NoteWentWell, NoteWentWrong, NoteAction:
		default:
			return fmt.Errorf("unknown note section %q", p.Section)
		}
		s.Notes = append(s.Notes, Note{At: e.At, Author: e.Actor, Section: p.Section, Text: p.Text})
	default:
		// Unknown kinds come from newer versions of warroom: keep going.
	}
	return nil
}

func (s *State) addClock(e Event) error {
	var p ClockPayload
	if err := e.Decode(&p); err != nil {
		return err
	}
	if p.ID == "" || s.Clock(p.ID) != nil {
		return fmt.Errorf("clock id %q empty or already used", p.ID)
	}
	if p.Duration <= 0 {
		return fmt.Errorf("clock %s: duration must be positive", p.ID)
	}
	c := &ResponseClock{ID: p.ID, Name: p.Name, Anchor: p.Anchor, Duration: p.Duration, DueSoon: p.DueSoon, MetBy: p.MetBy}
	if t, ok := s.first[c.Anchor]; ok {
		c.AnchorAt = t
	}
	for _, tr := range s.triggers {
		if c.MetAt.IsZero() && matches(c.MetBy, tr) {
			c.MetAt, c.MetWhat, c.MetActor = tr.at, tr.what, tr.actor
		}
	}
	s.Clocks = append(s.Clocks, c)
	return nil
}

func (s *State) clockEvent(e Event) error {
	var p ClockMetPayload
	if err := e.Decode(&p); err != nil {
		return err
	}
	c := s.Clock(p.ID)
	if c == nil {
		return fmt.Errorf("no clock %q", p.ID)
	}
	if !c.MetAt.IsZero() {
		return fmt.Errorf("clock %s already met", c.ID)
	}
	paused := len(c.Pauses) > 0 && c.Pauses[len(c.Pauses)-1].To.IsZero()
	switch e.Kind {
	case KindClockMet:
		c.MetAt, c.MetWhat, c.MetActor, c.MetByHand = e.At, p.What, e.Actor, true
		if paused {
			c.Pauses[len(c.Pauses)-1].To = e.At
		}
	case KindPause:
		if paused {
			return fmt.Errorf("clock %s already paused", c.ID)
		}
		c.Pauses = append(c.Pauses, Pause{From: e.At})
	case KindResume:
		if !paused {
			return fmt.Errorf("clock %s is not paused", c.ID)
		}
		c.Pauses[len(c.Pauses)-1].To = e.At
	}
	return nil
}

// matches reports whether a clock's MetBy rule is satisfied by tr.
func matches(rule string, tr trigger) bool {
	if rule == "" || rule == MetManually {
		return false
	}
	kind, platform, _ := strings.Cut(rule, "@")
	kind, sub, _ := strings.Cut(kind, ":")
	if kind != tr.kind {
		return false
	}
	if sub != "" && sub != tr.sub {
		return false
	}
	return platform == "" || Platform(platform) == tr.platform
}

// fire meets every open clock the trigger satisfies, and remembers it for
// clocks added later.
func (s *State) fire(tr trigger) {
	s.triggers = append(s.triggers, tr)
	for _, c := range s.Clocks {
		if c.MetAt.IsZero() && matches(c.MetBy, tr) {
			c.MetAt, c.MetWhat, c.MetActor = tr.at, tr.what, tr.actor
			if n := len(c.Pauses); n > 0 && c.Pauses[n-1].To.IsZero() {
				c.Pauses[n-1].To = tr.at
			}
		}
	}
}

func (s *State) taskEvent(e Event) error {
	if e.Kind == KindTaskMove || e.Kind == KindTaskDel {
		var p TaskMovePayload
		if err := e.Decode(&p); err != nil {
			return err
		}
		t := s.Task(p.ID)
		if t == nil {
			return fmt.Errorf("no task %q", p.ID)
		}
		if e.Kind == KindTaskDel {
			if t.Deleted {
				return fmt.Errorf("task %s already deleted", t.ID)
			}
			t.Deleted = true
			return nil
		}
		return t.Move(p.To, e.At)
	}
	var p TaskPayload
	if err := e.Decode(&p); err != nil {
		return err
	}
	if e.Kind == KindTaskAdd {
		if p.ID == "" || s.Task(p.ID) != nil {
			return fmt.Errorf("task id %q empty or already used", p.ID)
		}
		if strings.TrimSpace(p.Title) == "" {
			return fmt.Errorf("task %s: empty title", p.ID)
		}
		st := p.Status
		if st == "" {
			st = TaskTodo
		}
		if !slices.Contains(TaskStatuses, st) {
			return fmt.Errorf("task %s: unknown status %q", p.ID, st)
		}
		s.Tasks = append(s.Tasks, &Task{ID: p.ID, Title: p.Title, Role: p.Role, Assignee: p.Assignee, Status: st,
			Due: p.Due, Links: p.Links, Note: p.Note, CreatedAt: e.At})
		return nil
	}
	t := s.Task(p.ID)
	if t == nil || t.Deleted {
		return fmt.Errorf("no task %q", p.ID)
	}
	if strings.TrimSpace(p.Title) == "" {
		return fmt.Errorf("task %s: empty title", p.ID)
	}
	t.Title, t.Role, t.Assignee, t.Due, t.Links, t.Note = p.Title, p.Role, p.Assignee, p.Due, p.Links, p.Note
	return nil
}

func (s *State) statementEvent(e Event) error {
	if e.Kind == KindApprove || e.Kind == KindReject {
		var p ReviewPayload
		if err := e.Decode(&p); err != nil {
			return err
		}
		st := s.Statement(p.ID)
		if st == nil {
			return fmt.Errorf("no statement %q", p.ID)
		}
		by := Actor{Name: e.Actor, Roles: p.Roles}
		if e.Kind == KindApprove {
			return s.then(st, st.Approve(by, e.At, p.Comment), e)
		}
		return st.Reject(by, e.At, p.Comment)
	}
	var p StatementPayload
	if err := e.Decode(&p); err != nil {
		return err
	}
	if e.Kind == KindDraft {
		if p.ID == "" || s.Statement(p.ID) != nil {
			return fmt.Errorf("statement id %q empty or already used", p.ID)
		}
		s.Statements = append(s.Statements, &Statement{ID: p.ID, Kind: p.Kind, Platform: p.Platform, Text: p.Text,
			Status: StatementDraft, Version: 1, Author: e.Actor, Editor: e.Actor, CreatedAt: e.At})
		return nil
	}
	st := s.Statement(p.ID)
	if st == nil {
		return fmt.Errorf("no statement %q", p.ID)
	}
	switch e.Kind {
	case KindEdit:
		return st.Edit(p.Text, e.Actor)
	case KindSubmit:
		return s.then(st, st.Submit(e.At), e)
	case KindWithdraw:
		return st.Withdraw()
	case KindPublish:
		on := p.Platform
		if on == "" {
			on = st.Platform
		}
		return s.then(st, st.Publish(on, e.Actor, e.At), e)
	}
	return nil
}

// then fires the clock trigger of a statement step that succeeded.
func (s *State) then(st *Statement, err error, e Event) error {
	if err != nil {
		return err
	}
	on := st.PublishedOn
	if on == "" {
		on = st.Platform
	}
	s.fire(trigger{kind: e.Kind, sub: string(st.Kind), platform: on, at: e.At,
		what: fmt.Sprintf("statement %s", st.ID), actor: e.Actor})
	return nil
}
