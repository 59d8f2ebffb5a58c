package model

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// StatementStatus is where a statement is on its way to publication.
type StatementStatus string

// Statement statuses. Only an approved statement may be published, and any
// edit sends it back to draft, so what is published is what legal approved.
const (
	StatementDraft     StatementStatus = "draft"
	StatementInReview  StatementStatus = "in_review"
	StatementApproved  StatementStatus = "approved"
	StatementRejected  StatementStatus = "rejected"
	StatementPublished StatementStatus = "published"
)

// StatementKind says what a statement is for; clocks can wait for a kind.
type StatementKind string

// Statement kinds from the crisis-plan templates.
const (
	StatementHolding    StatementKind = "holding"
	StatementApology    StatementKind = "apology"
	StatementFactUpdate StatementKind = "fact_update"
	StatementRemedy     StatementKind = "remedy"
	StatementFull       StatementKind = "full"
)

// Statement errors; callers test them with errors.Is.
var (
	ErrNotApproved = errors.New("statement is not approved")
	ErrNotLegal    = errors.New("only someone acting in the legal role may review statements")
	ErrPublished   = errors.New("statement is already published")
	ErrNotInReview = errors.New("statement is not in legal review")
	ErrEmptyText   = errors.New("statement text is empty")
	// ErrSelfApproval: legal review is a second pair of eyes, so whoever
	// wrote the current text cannot be the one to approve it.
	ErrSelfApproval = errors.New("whoever wrote a statement cannot approve it")
)

// SelfApprovalError refuses an approval by the person who wrote the text
// under review. errors.Is matches it with ErrSelfApproval.
type SelfApprovalError struct {
	ID     string // the statement
	Writer string // who drafted or last edited it
	Edited bool   // the text is an edit, not the first draft
}

func (e *SelfApprovalError) Error() string {
	did := "drafted"
	if e.Edited {
		did = "last edited"
	}
	return fmt.Sprintf("approve statement %s: %s %s it; another reviewer must approve", e.ID, e.Writer, did)
}

// Is makes errors.Is(err, ErrSelfApproval) true.
func (e *SelfApprovalError) Is(target error) bool { return target == ErrSelfApproval }

// Statement is a public statement drafted during the incident.
type Statement struct {
	ID          string
	Kind        StatementKind
	Platform    Platform // where it is meant to go; set again at publish
	Text        string
	Status      StatementStatus
	Version     int // increases on every edit
	Author      string
	Editor      string // who wrote the current text: the author, or the last to edit it
	CreatedAt   time.Time
	SubmittedAt time.Time
	ReviewedAt  time.Time
	Reviewer    string
	Comment     string // the reviewer's comment
	ApprovedVer int    // the version legal approved; 0 if none
	PublishedAt time.Time
	PublishedOn Platform
	Publisher   string

	// EditedAfterApproval is set by an edit made once legal had approved a
	// version: a later approval is then a second look at changed text.
	EditedAfterApproval bool
}

func (s *Statement) guard(op string) error {
	if s.Status == StatementPublished {
		return fmt.Errorf("%s statement %s: %w", op, s.ID, ErrPublished)
	}
	return nil
}

// Edit replaces the text, written by by. An approved or rejected statement
// goes back to draft: what legal approved is no longer what would be
// published.
func (s *Statement) Edit(text, by string) error {
	if err := s.guard("edit"); err != nil {
		return err
	}
	if s.Status == StatementInReview {
		return fmt.Errorf("edit statement %s: it is in legal review; withdraw it or wait for the review", s.ID)
	}
	if s.ApprovedVer > 0 {
		s.EditedAfterApproval = true
	}
	s.Text = text
	s.Editor = by
	s.Version++
	s.Status = StatementDraft
	return nil
}

// Submit sends a draft to legal review.
func (s *Statement) Submit(at time.Time) error {
	if err := s.guard("submit"); err != nil {
		return err
	}
	if s.Status != StatementDraft && s.Status != StatementRejected {
		return fmt.Errorf("submit statement %s: it is %s, not a draft", s.ID, s.Status)
	}
	if s.Text == "" {
		return fmt.Errorf("submit statement %s: %w", s.ID, ErrEmptyText)
	}
	s.Status = StatementInReview
	s.SubmittedAt = at
	return nil
}

// Withdraw takes a statement out of review back to draft.
func (s *Statement) Withdraw() error {
	if s.Status != StatementInReview {
		return fmt.Errorf("withdraw statement %s: %w", s.ID, ErrNotInReview)
	}
	s.Status = StatementDraft
	return nil
}

func (s *Statement) review(by Actor, at time.Time, comment string, to StatementStatus) error {
	if err := s.guard("review"); err != nil {
		return err
	}
	if !by.Has(RoleLegal) {
		return fmt.Errorf("review statement %s as %s: %w", s.ID, by.Name, ErrNotLegal)
	}
	if s.Status != StatementInReview {
		return fmt.Errorf("review statement %s: %w", s.ID, ErrNotInReview)
	}
	s.Status = to
	s.ReviewedAt = at
	s.Reviewer = by.Name
	s.Comment = comment
	return nil
}

// WrittenBy reports whether name wrote the current text, and so may not
// approve it. Names match as the plan's team matches them: without regard
// to case or surrounding space.
func (s *Statement) WrittenBy(name string) bool {
	return strings.EqualFold(strings.TrimSpace(s.Editor), strings.TrimSpace(name))
}

// Approve records legal approval of the current version, by someone other
// than whoever wrote it.
func (s *Statement) Approve(by Actor, at time.Time, comment string) error {
	if err := s.review(by, at, comment, StatementApproved); err != nil {
		return err
	}
	s.ApprovedVer = s.Version
	return nil
}

// Reject records a legal rejection; the author edits and submits again.
func (s *Statement) Reject(by Actor, at time.Time, comment string) error {
	return s.review(by, at, comment, StatementRejected)
}

// Publish records that the approved statement went out on a platform.
// Publishing anything legal has not approved, in this exact version, fails.
func (s *Statement) Publish(on Platform, by string, at time.Time) error {
	if err := s.guard("publish"); err != nil {
		return err
	}
	if s.Status != StatementApproved || s.ApprovedVer != s.Version {
		return fmt.Errorf("publish statement %s (%s): %w", s.ID, s.Status, ErrNotApproved)
	}
	s.Status = StatementPublished
	s.PublishedAt = at
	s.PublishedOn = on
	s.Publisher = by
	return nil
}
