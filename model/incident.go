package model

import (
	"fmt"
	"time"
)

// Level is the incident's warning level, in the four colours Chinese
// public-opinion monitoring uses (蓝 黄 橙 红), from least to most severe.
type Level int

// Warning levels. LevelNone is an incident that has not been graded.
const (
	LevelNone Level = iota
	LevelBlue
	LevelYellow
	LevelOrange
	LevelRed
)

var levelNames = [...]string{"none", "blue", "yellow", "orange", "red"}

// String returns the level's lower-case English name.
func (l Level) String() string {
	if l < 0 || int(l) >= len(levelNames) {
		return fmt.Sprintf("level(%d)", int(l))
	}
	return levelNames[l]
}

// ParseLevel reads a level name as String writes it (or 蓝/黄/橙/红).
func ParseLevel(s string) (Level, error) {
	switch s {
	case "蓝", "蓝色":
		return LevelBlue, nil
	case "黄", "黄色":
		return LevelYellow, nil
	case "橙", "橙色":
		return LevelOrange, nil
	case "红", "红色":
		return LevelRed, nil
	}
	for i, n := range levelNames {
		if n == s {
			return Level(i), nil
		}
	}
	return LevelNone, fmt.Errorf("unknown warning level %q (want blue, yellow, orange or red)", s)
}

// MarshalText lets levels travel as names in event payloads.
func (l Level) MarshalText() ([]byte, error) { return []byte(l.String()), nil }

// UnmarshalText reads a level name.
func (l *Level) UnmarshalText(b []byte) error {
	v, err := ParseLevel(string(b))
	*l = v
	return err
}

// IncidentStatus is where an incident is in its life.
type IncidentStatus string

// Incident statuses, in the order an incident normally passes through them.
const (
	StatusMonitoring IncidentStatus = "monitoring"
	StatusActive     IncidentStatus = "active"
	StatusContained  IncidentStatus = "contained"
	StatusClosed     IncidentStatus = "closed"
)

// Valid reports whether s is a known status.
func (s IncidentStatus) Valid() bool {
	switch s {
	case StatusMonitoring, StatusActive, StatusContained, StatusClosed:
		return true
	}
	return false
}

// Incident is the crisis the file records.
type Incident struct {
	Name       string
	Brand      string
	Scenario   string // crisis-plan scenario chosen at declaration
	Level      Level
	Status     IncidentStatus
	CreatedAt  time.Time
	DeclaredAt time.Time // zero until declared
	DeclaredBy string
	ClosedAt   time.Time
}

// Declared reports whether the incident has been declared.
func (in *Incident) Declared() bool { return !in.DeclaredAt.IsZero() }
