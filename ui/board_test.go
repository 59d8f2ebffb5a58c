package ui

import (
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"warroom/model"
	"warroom/ui/i18n"
)

// TestBoardOwnerBeforeDetail: short of room, a task's card keeps the
// assignee's name and gives up the role first, then the long overdue word;
// the name is cut only when even that is not enough.
func TestBoardOwnerBeforeDetail(t *testing.T) {
	late, soon := t0.Add(-5*time.Minute), t0.Add(20*time.Minute)
	cases := []struct {
		lang     i18n.Lang
		role     model.Role
		assignee string
		due      time.Time
		w        int
		compact  bool
		want     string
	}{
		{i18n.ZH, model.RoleLead, "张三", late, 18, false, " 张三 14:25 已逾期"},
		{i18n.ZH, model.RoleLead, "王小明", late, 18, false, " 王小明 14:25 逾期"},
		{i18n.ZH, model.RoleLead, "张三", late, 30, false, " 总指挥·张三      14:25 已逾期"},
		{i18n.ZH, model.RoleLead, "", late, 18, false, " 总指挥 14:25 逾期"},
		{i18n.EN, model.RoleSpokesperson, "Li Lei", soon, 18, false, " Li Lei      14:50"},
		{i18n.EN, model.RoleLead, "Wang Xiaoming", late, 18, false, " Wang … 14:25 late"},
		{i18n.EN, model.RoleLead, "Wang Xiaoming", late, 40, true, "  封存涉事…  Wang Xiaoming 14:25 overdue"},
	}
	for _, c := range cases {
		r := newRig(t, fixture(), 120, 40, withLang(c.lang))
		task := &model.Task{ID: "t9", Title: "封存涉事批次 Seal the batch", Role: c.role, Assignee: c.assignee, Due: c.due, Status: model.TaskTodo}
		lines := r.m.board.taskLines(task, c.w, false, c.compact)
		got := ansi.Strip(lines[len(lines)-1])
		if got != c.want || width(got) != c.w {
			t.Errorf("%s %s %q in %d cells:\n got %q (%d cells)\nwant %q", c.lang, c.role, c.assignee, c.w, got, width(got), c.want)
		}
	}
}
