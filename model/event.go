package model

import (
	"encoding/json"
	"fmt"
	"time"
)

// Event is one entry of the incident's append-only log. The state of the
// incident at any moment is the fold of its events up to that moment.
type Event struct {
	Seq     int64 // position in the log; 0 until stored
	At      time.Time
	Kind    string
	Actor   string
	Payload json.RawMessage
}

// Event kinds. Their payloads are the structs below.
const (
	KindCreated  = "incident.created"    // IncidentPayload
	KindDeclared = "incident.declared"   // DeclarePayload
	KindLevel    = "incident.level"      // LevelPayload
	KindStatus   = "incident.status"     // StatusPayload
	KindAlert    = "alert.raised"        // AlertPayload
	KindAlertAck = "alert.acked"         // AlertPayload (ID, and the Level acknowledged)
	KindClockAdd = "clock.added"         // ClockPayload
	KindClockMet = "clock.met"           // ClockMetPayload
	KindPause    = "clock.paused"        // ClockMetPayload (ID only)
	KindResume   = "clock.resumed"       // ClockMetPayload (ID only)
	KindTaskAdd  = "task.created"        // TaskPayload
	KindTaskEdit = "task.updated"        // TaskPayload
	KindTaskMove = "task.moved"          // TaskMovePayload
	KindTaskDel  = "task.deleted"        // TaskMovePayload (ID only)
	KindDraft    = "statement.drafted"   // StatementPayload
	KindEdit     = "statement.edited"    // StatementPayload (ID, Text)
	KindSubmit   = "statement.submitted" // StatementPayload (ID)
	KindWithdraw = "statement.withdrawn" // StatementPayload (ID)
	KindApprove  = "statement.approved"  // ReviewPayload
	KindReject   = "statement.rejected"  // ReviewPayload
	KindPublish  = "statement.published" // StatementPayload (ID, Platform)
	KindNote     = "note.added"          // NotePayload
)

// Payloads of the event kinds.
type (
	IncidentPayload struct {
		Name  string `json:"name"`
		Brand string `json:"brand,omitempty"`
	}
	DeclarePayload struct {
		Level    Level  `json:"level"`
		Scenario string `json:"scenario,omitempty"`
	}
	LevelPayload struct {
		Level  Level  `json:"level"`
		Reason string `json:"reason,omitempty"`
	}
	StatusPayload struct {
		Status IncidentStatus `json:"status"`
	}
	AlertPayload struct {
		ID       int64    `json:"id"`
		Rule     string   `json:"rule,omitempty"`
		Level    Level    `json:"level,omitempty"` // of an ack: the level the acknowledger saw
		Category Category `json:"category,omitempty"`
		Message  string   `json:"message,omitempty"`
		// Figures are absent from files written before the log carried
		// them; there only the alert table knows them, as they ended.
		Figures *AlertFigures `json:"figures,omitempty"`
	}
	ClockPayload struct {
		ID       string        `json:"id"`
		Name     string        `json:"name"`
		Anchor   string        `json:"anchor"`
		Duration time.Duration `json:"duration"`
		DueSoon  time.Duration `json:"due_soon,omitempty"`
		MetBy    string        `json:"met_by,omitempty"`
	}
	ClockMetPayload struct {
		ID   string `json:"id"`
		What string `json:"what,omitempty"`
	}
	TaskPayload struct {
		ID       string     `json:"id"`
		Title    string     `json:"title,omitempty"`
		Role     Role       `json:"role,omitempty"`
		Assignee string     `json:"assignee,omitempty"`
		Due      time.Time  `json:"due,omitzero"`
		Links    []string   `json:"links,omitempty"`
		Note     string     `json:"note,omitempty"`
		Status   TaskStatus `json:"status,omitempty"`
	}
	TaskMovePayload struct {
		ID string     `json:"id"`
		To TaskStatus `json:"to,omitempty"`
	}
	StatementPayload struct {
		ID       string        `json:"id"`
		Kind     StatementKind `json:"kind,omitempty"`
		Platform Platform      `json:"platform,omitempty"`
		Text     string        `json:"text,omitempty"`
	}
	ReviewPayload struct {
		ID      string `json:"id"`
		Comment string `json:"comment,omitempty"`
		Roles   []Role `json:"roles"` // the reviewer's roles when acting, so the file alone proves the legal gate
	}
	NotePayload struct {
		Section string `json:"section"` // NoteWentWell, NoteWentWrong or NoteAction
		Text    string `json:"text"`
	}
)

// Debrief note sections.
const (
	NoteWentWell  = "went_well"
	NoteWentWrong = "went_wrong"
	NoteAction    = "action"
)

// NewEvent builds an event with its payload encoded.
func NewEvent(at time.Time, kind, actor string, payload any) Event {
	b, err := json.Marshal(payload)
	if err != nil {
		// Every payload type above marshals; a failure is a programming error.
		panic(fmt.Sprintf("model: encode %s payload: %v", kind, err))
	}
	return Event{At: at, Kind: kind, Actor: actor, Payload: b}
}

// Decode reads the event's payload into v.
func (e Event) Decode(v any) error {
	if err := json.Unmarshal(e.Payload, v); err != nil {
		return fmt.Errorf("event %d (%s): payload: %w", e.Seq, e.Kind, err)
	}
	return nil
}

// Notable reports whether the event is worth a mark on a replay timeline.
func (e Event) Notable() bool {
	switch e.Kind {
	case KindDeclared, KindLevel, KindAlert, KindPublish, KindApprove, KindReject, KindClockMet:
		return true
	}
	return false
}
