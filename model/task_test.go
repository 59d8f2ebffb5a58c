package model

import (
	"errors"
	"testing"
	"time"
)

func TestTaskTransitions(t *testing.T) {
	all := TaskStatuses
	legal := map[[2]TaskStatus]bool{
		{TaskTodo, TaskDoing}: true, {TaskTodo, TaskBlocked}: true, {TaskTodo, TaskDone}: true,
		{TaskDoing, TaskTodo}: true, {TaskDoing, TaskBlocked}: true, {TaskDoing, TaskDone}: true,
		{TaskBlocked, TaskTodo}: true, {TaskBlocked, TaskDoing}: true, {TaskBlocked, TaskDone}: true,
		{TaskDone, TaskDoing}: true,
	}
	for _, from := range all {
		for _, to := range all {
			task := Task{ID: "t1", Status: from}
			err := task.Move(to, t0)
			if legal[[2]TaskStatus{from, to}] {
				if err != nil || task.Status != to {
					t.Errorf("%s → %s: %v", from, to, err)
				}
				continue
			}
			if !errors.Is(err, ErrBadTransition) || task.Status != from {
				t.Errorf("%s → %s allowed (err %v), want refused", from, to, err)
			}
		}
	}
	if err := (&Task{Status: TaskTodo}).Move("archived", t0); !errors.Is(err, ErrBadTransition) {
		t.Errorf("unknown status accepted: %v", err)
	}
	del := Task{Status: TaskTodo, Deleted: true}
	if err := del.Move(TaskDoing, t0); !errors.Is(err, ErrBadTransition) {
		t.Errorf("deleted task moved: %v", err)
	}
}

func TestTaskDoneLateOverdue(t *testing.T) {
	task := Task{ID: "t1", Status: TaskDoing, Due: t0}
	if !task.Overdue(t0.Add(time.Second)) || task.Overdue(t0) {
		t.Error("overdue only strictly after due")
	}
	if err := task.Move(TaskDone, t0.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	if !task.Late() || task.Overdue(t0.Add(time.Hour)) {
		t.Error("done after due is late, and no longer overdue")
	}
	if err := task.Move(TaskDoing, t0.Add(2*time.Minute)); err != nil || !task.DoneAt.IsZero() {
		t.Errorf("reopen: %v, DoneAt %v", err, task.DoneAt)
	}
}

func TestStatementLifecycle(t *testing.T) {
	legal := Actor{Name: "王律师", Roles: []Role{RoleLegal}}
	social := Actor{Name: "小李", Roles: []Role{RoleSocial, RoleSpokesperson}}
	s := Statement{ID: "s1", Kind: StatementHolding, Platform: Weibo, Text: "我们已关注到…", Status: StatementDraft, Version: 1,
		Author: "小李", Editor: "小李"}

	if err := s.Publish(Weibo, "小李", t0); !errors.Is(err, ErrNotApproved) {
		t.Fatalf("publish draft: %v", err)
	}
	if err := s.Approve(legal, t0, ""); !errors.Is(err, ErrNotInReview) {
		t.Fatalf("approve draft: %v", err)
	}
	if err := s.Submit(t0); err != nil {
		t.Fatal(err)
	}
	if err := s.Edit("x", "小李"); err == nil {
		t.Fatal("edited while in review")
	}
	if err := s.Approve(social, t0, "ok"); !errors.Is(err, ErrNotLegal) {
		t.Fatalf("non-legal approval: %v", err)
	}
	if err := s.Reject(legal, t0, "删去“绝对安全”"); err != nil || s.Status != StatementRejected {
		t.Fatalf("reject: %v %s", err, s.Status)
	}
	if err := s.Publish(Weibo, "小李", t0); !errors.Is(err, ErrNotApproved) {
		t.Fatalf("publish rejected: %v", err)
	}
	if err := s.Edit("我们已关注到相关情况，正在调查核实。", "小李"); err != nil || s.Status != StatementDraft || s.Version != 2 {
		t.Fatalf("edit after reject: %v %s v%d", err, s.Status, s.Version)
	}
	if err := s.Submit(t0); err != nil {
		t.Fatal(err)
	}
	if err := s.Approve(legal, t0, ""); err != nil || s.ApprovedVer != 2 {
		t.Fatalf("approve: %v ver %d", err, s.ApprovedVer)
	}
	// An edit after approval needs approval again.
	if err := s.Edit("我们已关注到相关情况。", "小李"); err != nil || s.Status != StatementDraft {
		t.Fatalf("edit approved: %v %s", err, s.Status)
	}
	if err := s.Publish(Weibo, "小李", t0); !errors.Is(err, ErrNotApproved) {
		t.Fatalf("published an edit legal never saw: %v", err)
	}
	if err := s.Submit(t0); err != nil {
		t.Fatal(err)
	}
	if err := s.Approve(legal, t0, ""); err != nil {
		t.Fatal(err)
	}
	if err := s.Publish(Douyin, "小李", t0.Add(time.Minute)); err != nil || s.PublishedOn != Douyin {
		t.Fatalf("publish: %v on %s", err, s.PublishedOn)
	}
	for name, f := range map[string]func() error{
		"edit":    func() error { return s.Edit("x", "小李") },
		"submit":  func() error { return s.Submit(t0) },
		"publish": func() error { return s.Publish(Weibo, "x", t0) },
		"approve": func() error { return s.Approve(legal, t0, "") },
	} {
		if err := f(); !errors.Is(err, ErrPublished) {
			t.Errorf("%s after publish: %v", name, err)
		}
	}
	empty := Statement{ID: "s2", Status: StatementDraft}
	if err := empty.Submit(t0); !errors.Is(err, ErrEmptyText) {
		t.Errorf("submit empty: %v", err)
	}
}
