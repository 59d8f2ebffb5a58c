package model

import (
	"errors"
	"fmt"
	"time"
)

// TaskStatus is a task's column on the board.
type TaskStatus string

// Board columns, left to right.
const (
	TaskTodo    TaskStatus = "todo"
	TaskDoing   TaskStatus = "doing"
	TaskBlocked TaskStatus = "blocked"
	TaskDone    TaskStatus = "done"
)

// TaskStatuses lists the board columns in order.
var TaskStatuses = []TaskStatus{TaskTodo, TaskDoing, TaskBlocked, TaskDone}

// Task is one piece of work on the board.
type Task struct {
	ID        string
	Title     string
	Role      Role   // owner role, from the crisis plan
	Assignee  string // a person's name; empty when unassigned
	Status    TaskStatus
	Due       time.Time // zero for no due time
	Links     []string  // URLs, mention ids ("mention:42"), influencer handles
	Note      string
	CreatedAt time.Time
	DoneAt    time.Time
	Deleted   bool
}

// ErrBadTransition is returned for a move the board does not allow.
var ErrBadTransition = errors.New("transition not allowed")

// allowed lists every legal move. Done is closed: it may only be reopened
// into doing, so finished work is never silently sent back to the pile.
var allowed = map[TaskStatus][]TaskStatus{
	TaskTodo:    {TaskDoing, TaskBlocked, TaskDone},
	TaskDoing:   {TaskTodo, TaskBlocked, TaskDone},
	TaskBlocked: {TaskTodo, TaskDoing, TaskDone},
	TaskDone:    {TaskDoing},
}

// CanMove reports whether a task may go from one status to another.
func CanMove(from, to TaskStatus) bool {
	for _, s := range allowed[from] {
		if s == to {
			return true
		}
	}
	return false
}

// Move changes the task's status at time at, or explains why it cannot.
func (t *Task) Move(to TaskStatus, at time.Time) error {
	if t.Deleted {
		return fmt.Errorf("task %s: deleted: %w", t.ID, ErrBadTransition)
	}
	if !CanMove(t.Status, to) {
		return fmt.Errorf("task %s: %s → %s: %w", t.ID, t.Status, to, ErrBadTransition)
	}
	t.Status = to
	if to == TaskDone {
		t.DoneAt = at
	} else {
		t.DoneAt = time.Time{}
	}
	return nil
}

// Overdue reports whether the task is not done and past its due time at t.
func (t *Task) Overdue(at time.Time) bool {
	return t.Status != TaskDone && !t.Due.IsZero() && at.After(t.Due)
}

// Late reports whether the task was finished after it was due.
func (t *Task) Late() bool {
	return t.Status == TaskDone && !t.Due.IsZero() && t.DoneAt.After(t.Due)
}
