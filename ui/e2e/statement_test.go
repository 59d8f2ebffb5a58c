package e2e

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"warroom/data"
	"warroom/model"
)

// pause lets the console read one key before the next: tmux sends Escape
// followed at once by a letter as one alt+letter chord otherwise.
func (tm *term) pause() { time.Sleep(300 * time.Millisecond) }

// The crisis plan at work: declare from the default plan, draft a holding
// statement as the plan's lawyer and submit it to legal review, be refused
// approving one's own text, hand the keyboard (W) to the plan's other
// lawyer, who approves, publish it on Weibo, and see the holding-statement
// clock turn met.
func TestStatementThroughLegalToPublication(t *testing.T) {
	bin := binary(t)
	db := filepath.Join(t.TempDir(), "s.db")
	tm := start(t, 200, 50, enEnv, fmt.Sprintf("%s --db %s --lang en --as 王五", bin, db))
	tm.waitFor(10*time.Second, "Clocks")

	tm.keys("2", "D")
	tm.waitFor(5*time.Second, "Declare incident")
	tm.keys("Down", "Right", "Enter")
	tm.waitFor(5*time.Second, "Holding statement", "running")

	tm.keys("S")
	tm.waitFor(5*time.Second, "Statements (0)")
	tm.keys("n", "Tab", "Tab", "Left", "Enter") // a blank holding statement for Weibo
	tm.waitFor(5*time.Second, "Statements (1)")
	tm.keys("e")
	tm.pause()
	tm.text("我们已关注到网友反映的情况，对此深感抱歉。经初步核实，涉事批次为3月10日生产。我们已下架涉事批次并暂停销售。" +
		"受影响的消费者可全额退款并获得赔偿。请拨打客服热线400-000-0000。我们将于今晚20:00前公布调查进展。")
	tm.waitFor(5*time.Second, "20:00前公布调查进展", "all parts there")
	tm.keys("C-s")
	tm.pause()
	tm.keys("Escape")
	// Wait for the editor to close rather than a fixed pause: on a loaded
	// machine an ESC followed closely by r reaches the console as alt+r.
	tm.waitGone(5*time.Second, "ctrl+s saves")
	tm.keys("r")
	tm.waitFor(5*time.Second, "in legal review")
	tm.keys("a")
	tm.waitFor(5*time.Second, "王五 last edited this; another legal reviewer must approve (W: act as 周律师（外部）)")
	tm.keys("W")
	tm.waitFor(5*time.Second, "Who is at the keyboard", "< 王五 (legal) >")
	tm.keys("Right", "Right", "Right", "Right")
	tm.waitFor(5*time.Second, "< 周律师（外部） (legal) >")
	tm.keys("Enter")
	tm.waitFor(5*time.Second, "now acting as 周律师（外部） (legal)")
	tm.keys("a")
	tm.waitFor(5*time.Second, "Approve s1")
	tm.keys("Enter")
	tm.waitFor(5*time.Second, "approved")
	tm.keys("p")
	tm.waitFor(5*time.Second, "Publish s1")
	tm.keys("Enter")
	tm.waitFor(5*time.Second, "s1 published on Weibo")
	tm.keys("Escape")
	tm.waitGone(5*time.Second, "Statements (1)")
	tm.waitFor(5*time.Second, "by statement s1")

	tm.keys("q")
	tm.waitFor(10*time.Second, "EXITED:0")

	st, err := data.OpenReadOnly(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	evs, err := st.Events(context.Background(), time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	state, errs := model.Fold(evs, time.Time{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	s := state.Statement("s1")
	if s == nil || s.Status != model.StatementPublished || s.Author != "王五" || s.Reviewer != "周律师（外部）" || s.PublishedOn != model.Weibo {
		t.Fatalf("statement in the file: %+v", s)
	}
	var holding *model.ResponseClock
	for _, c := range state.Clocks {
		if c.MetBy == model.KindPublish+":"+string(model.StatementHolding) {
			holding = c
		}
	}
	if holding == nil || holding.MetAt.IsZero() {
		t.Fatalf("holding clock not met in the file: %+v", holding)
	}
}

// A drill on the built-in plan drafts in the drill's brand: the template
// signs as the drill's brand and names its product, with only what the
// team must write left in braces.
func TestDrillTemplatesSignAsTheDrillsBrand(t *testing.T) {
	bin := binary(t)
	db := filepath.Join(t.TempDir(), "d.db")
	tm := start(t, 200, 50, enEnv, fmt.Sprintf("%s drill food-safety --speed 60 --seed 2 --db %s --lang en --as 李四", bin, db))
	tm.waitFor(20*time.Second, "Clocks")
	tm.keys("S")
	tm.waitFor(5*time.Second, "Statements (0)")
	tm.keys("n")
	s := tm.waitFor(5*time.Second, "Xianweifang statement on a delivery meal", "{batch}")
	if contains(s, "Example Brand") || contains(s, "{product}") {
		t.Errorf("the draft still speaks for the sample brand:\n%s", s)
	}
	tm.keys("Escape")
	tm.pause()
	tm.keys("Escape")
	tm.pause()
	tm.keys("q")
	tm.waitFor(10*time.Second, "EXITED:0")
}
