// Package score grades a drill: the debrief a team reads when the clock
// stops. It is pure: it reads the folded incident State and the negative
// share of the drill's mentions up to the moment scored (the team's file,
// and the same drill's best and worst case), and returns a score out of
// 100 with one line of reasons per thing measured.
//
// Weights, and why:
//
//	acknowledge the warning         10  first alert to the first acknowledgement of any alert; full marks within 5m, none after 30m
//	holding statement on its clock  10  the first hour decides whether the story is "brand silent"
//	first public statement          10  inside the golden hours (4h) or its own clock
//	response clocks                 20  every plan clock met on time; late counts half
//	legal gate                      10  every published statement is the version legal approved
//	tasks done on time              15  the board is how the plan gets done; late counts half
//	sentiment against best/worst    25  the outcome: where the crowd ended between the best and the worst case
//
// An area whose deadline has not come yet (a clock still running, a
// drill left after two minutes) is shown as not yet due and left out of
// the total, as is one with nothing to measure (no sentiment given): the
// score is scaled to the areas that were due, so neither earns points
// for nothing done nor reads as a failure.
package score

import (
	"fmt"
	"math"
	"strings"
	"time"

	"warroom/model"
)

// Weights of each area; they add up to 100.
const (
	WeightAck       = 10
	WeightHolding   = 10
	WeightFirst     = 10
	WeightClocks    = 20
	WeightLegal     = 10
	WeightTasks     = 15
	WeightSentiment = 25
)

// Thresholds the areas are measured against when the plan gives no clock.
const (
	AckFull        = 5 * time.Minute  // acknowledging within this earns full marks
	AckNone        = 30 * time.Minute // after this, none
	HoldingDefault = time.Hour        // a holding statement within an hour
	GoldenHours    = 4 * time.Hour    // a first public statement within the golden hours
	DeclareWithin  = time.Hour        // undeclared after the golden hour, the plan's clocks and tasks never ran
	LateShare      = 0.5              // what a clock met or a task done late still earns at most
	MinSpread      = 0.02             // best and worst case closer than this (a share) cannot tell a team apart yet
	LastHour       = time.Hour        // "how it ended": the span before the moment scored
)

// Area names a measured part of the response.
type Area string

// Areas, in the order the reasons are listed.
const (
	AreaAck       Area = "ack"
	AreaHolding   Area = "holding"
	AreaFirst     Area = "first_statement"
	AreaClocks    Area = "clocks"
	AreaLegal     Area = "legal"
	AreaTasks     Area = "tasks"
	AreaSentiment Area = "sentiment"
)

// Reason is one line of the debrief.
type Reason struct {
	Area   Area
	Points float64 // gained
	Max    float64 // could have gained
	Why    string  // in the language asked for
	// NotDue is set when nothing in the area was due yet, or there was
	// nothing to judge: the line is shown and left out of the total.
	NotDue bool
}

// Lost returns the points this area lost.
func (r Reason) Lost() float64 {
	if r.NotDue {
		return 0
	}
	return r.Max - r.Points
}

// String formats the line as "+7.5/10 (-2.5) why", or "–/10 why" when the
// area is not due.
func (r Reason) String() string { return r.Mark() + " " + r.Why }

// Mark is the line's points: "+7.5/10 (-2.5)", or "–/10" when not due.
func (r Reason) Mark() string {
	if r.NotDue {
		return fmt.Sprintf("–/%s", num(r.Max))
	}
	s := fmt.Sprintf("+%s/%s", num(r.Points), num(r.Max))
	if r.Lost() > 0.05 {
		s += fmt.Sprintf(" (-%s)", num(r.Lost()))
	}
	return s
}

func num(x float64) string {
	if math.Abs(x-math.Round(x)) < 0.05 {
		return fmt.Sprintf("%.0f", x)
	}
	return fmt.Sprintf("%.1f", x)
}

// Result is the debrief.
type Result struct {
	Score   int // 0..100, of the areas that were due
	Points  float64
	Max     float64   // the weights of the areas that were due
	NotDue  float64   // the weights of the areas left out as not yet due
	At      time.Time // the moment scored
	Reasons []Reason

	// Start and Length are the drill's start and its scenario's length,
	// set by the caller that ran it, so a reader can tell a drill scored
	// at its end from one left early.
	Start  time.Time
	Length time.Duration
}

// Finished reports whether the drill was scored at its scenario's end.
func (r Result) Finished() bool {
	return r.Length > 0 && !r.At.Before(r.Start.Add(r.Length))
}

// Count is how many mentions a run had, and how many were negative.
type Count struct{ Mentions, Negative int }

// Share is the negative share; 0 without mentions.
func (c Count) Share() float64 {
	if c.Mentions == 0 {
		return 0
	}
	return float64(c.Negative) / float64(c.Mentions)
}

// Run counts one run's mentions up to the moment scored: all of them, and
// those of the last hour before it (how the run ended).
type Run struct{ Whole, LastHour Count }

// Add counts a mention that arrived at t, for a run scored at end; one
// after end is not counted.
func (r *Run) Add(t, end time.Time, negative bool) {
	if t.After(end) {
		return
	}
	n := 0
	if negative {
		n = 1
	}
	r.Whole.Mentions++
	r.Whole.Negative += n
	if t.After(end.Add(-LastHour)) {
		r.LastHour.Mentions++
		r.LastHour.Negative += n
	}
}

// Sentiment is what the outcome is judged on: the team's run as its file
// holds it, and the same drill's best and worst case up to the same
// moment, every mention judged by the same classifier.
type Sentiment struct{ Actual, Best, Worst Run }

// Debrief grades the incident st as of end. sent is the negative share of
// the drill's mentions up to end; nil leaves the sentiment area out.
// lang is "zh" or "en".
func Debrief(st *model.State, end time.Time, sent *Sentiment, lang string) Result {
	d := debrief{st: st, end: end, zh: lang != "en"}
	d.ack()
	d.statements()
	d.clocks()
	d.legal()
	d.tasks()
	d.sentiment(sent)
	res := Result{At: end, Reasons: d.reasons}
	for _, r := range d.reasons {
		if r.NotDue {
			res.NotDue += r.Max
			continue
		}
		res.Points += r.Points
		res.Max += r.Max
	}
	if res.Max > 0 {
		res.Score = int(math.Round(100 * res.Points / res.Max))
	}
	return res
}

type debrief struct {
	st      *model.State
	end     time.Time
	zh      bool
	reasons []Reason
}

func (d *debrief) add(a Area, frac, max float64, zh, en string, args ...any) {
	frac = math.Max(0, math.Min(1, frac))
	why := en
	if d.zh {
		why = zh
	}
	d.reasons = append(d.reasons, Reason{Area: a, Points: frac * max, Max: max, Why: fmt.Sprintf(why, args...)})
}

// notDue adds an area whose deadline has not come yet: it earns nothing
// and is left out of the total.
func (d *debrief) notDue(a Area, max float64, zh, en string, args ...any) {
	d.add(a, 0, max, zh, en, args...)
	d.reasons[len(d.reasons)-1].NotDue = true
}

// due reports whether the area a was judged (not left out as not due).
func (d *debrief) due(a Area) bool {
	for _, r := range d.reasons {
		if r.Area == a {
			return !r.NotDue
		}
	}
	return false
}

// undeclared adds area a for an incident not declared by end: not due
// while the golden hour from the start lasts, nothing after it.
func (d *debrief) undeclared(a Area, max float64, zh, en string) {
	if left := d.start().Add(DeclareWithin).Sub(d.end); left >= 0 {
		d.notDue(a, max, "事件尚未定级启动预案（%s内定级），时钟与任务在定级时开始",
			"the incident is not declared yet (due within %s of the start); its clocks and tasks start then", d.dur(DeclareWithin))
		return
	}
	d.add(a, 0, max, zh, en)
}

// dur formats a duration for people: "4分钟", "1小时20分钟" / "4m", "1h20m".
func (d *debrief) dur(x time.Duration) string {
	x = x.Round(time.Minute)
	h, m := int(x.Hours()), int(x.Minutes())%60
	switch {
	case d.zh && h == 0:
		return fmt.Sprintf("%d分钟", m)
	case d.zh && m == 0:
		return fmt.Sprintf("%d小时", h)
	case d.zh:
		return fmt.Sprintf("%d小时%d分钟", h, m)
	case h == 0:
		return fmt.Sprintf("%dm", m)
	case m == 0:
		return fmt.Sprintf("%dh", h)
	}
	return fmt.Sprintf("%dh%02dm", h, m)
}

// start is what "how long did it take" counts from when no clock says:
// the declaration, else the first alert, else the incident's creation.
func (d *debrief) start() time.Time {
	if d.st.Incident.Declared() {
		return d.st.Incident.DeclaredAt
	}
	if a := d.firstAlert(); a != nil {
		return a.At
	}
	return d.st.Incident.CreatedAt
}

func (d *debrief) firstAlert() *model.AlertState {
	var first *model.AlertState
	for _, a := range d.st.Alerts {
		if !a.At.After(d.end) && (first == nil || a.At.Before(first.At)) {
			first = a
		}
	}
	return first
}

// firstAck returns the earliest acknowledgement of any alert by end: the
// banner shows the newest alert, and acknowledging it is the team
// answering the warning, whichever alert it was.
func (d *debrief) firstAck() *model.AlertState {
	var first *model.AlertState
	for _, a := range d.st.Alerts {
		if a.AckedAt.IsZero() || a.AckedAt.After(d.end) {
			continue
		}
		if first == nil || a.AckedAt.Before(first.AckedAt) {
			first = a
		}
	}
	return first
}

func (d *debrief) ack() {
	a := d.firstAlert()
	if a == nil {
		d.notDue(AreaAck, WeightAck, "没有触发警报，无需确认", "no alert was raised, so none to acknowledge")
		return
	}
	k := d.firstAck()
	if k == nil {
		since := d.end.Sub(a.At)
		if since <= AckFull {
			d.notDue(AreaAck, WeightAck, "首个警报%s前发出，尚未确认（%s内确认得满分）",
				"the first alert came %s before; not acknowledged yet (full marks within %s)", d.dur(since), d.dur(AckFull))
			return
		}
		d.add(AreaAck, 0, WeightAck, "首个警报发出%s后仍没有任何警报被确认", "no alert acknowledged %s after the first alert", d.dur(since))
		return
	}
	took := k.AckedAt.Sub(a.At)
	frac := 1 - float64(took-AckFull)/float64(AckNone-AckFull)
	rule := d.pick("（%s内满分，超过%s不得分）", " (full marks within %s, none after %s)", d.dur(AckFull), d.dur(AckNone))
	if k == a {
		d.add(AreaAck, math.Min(1, frac), WeightAck, "首个警报在%s后确认%s", "first alert acknowledged after %s%s", d.dur(took), rule)
		return
	}
	d.add(AreaAck, math.Min(1, frac), WeightAck, "首个警报（#%d）发出%s后确认了警报#%d%s",
		"alert #%[3]d acknowledged %[2]s after the first alert (#%[1]d)%[4]s", a.ID, d.dur(took), k.ID, rule)
}

// published returns the statements out by end, first published first.
func (d *debrief) published() []*model.Statement {
	var out []*model.Statement
	for _, s := range d.st.Statements {
		if s.Status == model.StatementPublished && !s.PublishedAt.After(d.end) {
			out = append(out, s)
		}
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].PublishedAt.Before(out[j-1].PublishedAt); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// byClock scores a deadline kept by a clock: met on time is full, met late
// earns at most LateShare and less the later it was, breached is nothing;
// frac is -1 while it is still running (not due). ok is false when the
// clock never started, so the caller falls back.
func (d *debrief) byClock(c *model.ResponseClock) (frac float64, why string, ok bool) {
	cs := c.At(d.end)
	switch cs.State {
	case model.ClockMet:
		frac, margin := 1.0, d.pick("按时完成，提前%s", "with %s to spare", d.dur(cs.Left))
		if cs.Late {
			over := -cs.Left
			frac = LateShare * math.Max(0, 1-float64(over)/float64(c.Duration))
			margin = d.pick("超时%s才完成", "%s late", d.dur(over))
		}
		if !c.MetByHand {
			return frac, d.pick("「%s」%s", "%q met %s", c.Name, margin), true
		}
		// Marked met by hand is the team's record that it was done outside
		// warroom: it counts, and the line says so.
		note := c.MetWhat
		if note == "" {
			note = d.pick("未注明", "no note")
		}
		return frac, d.pick("「%s」由%s手动标记达成（%s），%s；未经本系统发布，演练中的舆论并未看到",
			"%q marked met by hand by %s (%q) %s; not published here, so the drill's crowd did not hear it",
			c.Name, c.MetActor, note, margin), true
	case model.ClockBreached:
		return 0, d.pick("「%s」已超时%s仍未完成", "%q breached, %s over and still not met", c.Name, d.dur(-cs.Left)), true
	case model.ClockRunning, model.ClockDueSoon:
		return -1, d.pick("「%s」尚未到期（剩余%s）", "%q not due yet (%s left)", c.Name, d.dur(cs.Left)), true
	}
	return 0, "", false
}

func (d *debrief) pick(zh, en string, args ...any) string {
	if d.zh {
		return fmt.Sprintf(zh, args...)
	}
	return fmt.Sprintf(en, args...)
}

// byDeadline scores done against from+limit when no clock applies; frac
// is -1 when nothing is done and the deadline has not come (not due).
func (d *debrief) byDeadline(done, from time.Time, limit time.Duration, what string) (float64, string) {
	if from.IsZero() { // no creation, alert or declaration in the log: nothing to count from
		from = done
		if from.IsZero() {
			from = d.end
		}
	}
	due := from.Add(limit)
	if done.IsZero() {
		if !d.end.After(due) {
			return -1, d.pick("%s尚未发布，%s内发布即可", "%s not out yet; due within %s", what, d.dur(limit))
		}
		return 0, d.pick("%s始终未发布（应在%s内）", "%s never published (due within %s)", what, d.dur(limit))
	}
	took := done.Sub(from)
	if !done.After(due) {
		return 1, d.pick("%s在%s后发布（%s内）", "%s out after %s (within %s)", what, d.dur(took), d.dur(limit))
	}
	over := done.Sub(due)
	return LateShare * math.Max(0, 1-float64(over)/float64(limit)),
		d.pick("%s在%s后才发布，超出%s", "%s out only after %s, %s over %s", what, d.dur(took), d.dur(over), d.dur(limit))
}

func (d *debrief) statements() {
	pub := d.published()
	var first, holding time.Time
	if len(pub) > 0 {
		first = pub[0].PublishedAt
		// Any statement out first does the holding statement's job.
		holding = first
	}
	hw := d.pick("等待声明", "holding statement")
	if c := d.st.PublishClock(model.StatementHolding); c != nil {
		if f, why, ok := d.byClock(c); ok {
			d.scored(AreaHolding, f, WeightHolding, d.pick("等待声明：%s", "holding statement: %s", why))
		} else {
			f, why := d.byDeadline(holding, d.start(), HoldingDefault, hw)
			d.scored(AreaHolding, f, WeightHolding, why)
		}
	} else {
		f, why := d.byDeadline(holding, d.start(), HoldingDefault, hw)
		d.scored(AreaHolding, f, WeightHolding, why)
	}
	fw := d.pick("首次公开声明", "first public statement")
	if c := d.st.PublishClock(""); c != nil {
		if f, why, ok := d.byClock(c); ok {
			d.scored(AreaFirst, f, WeightFirst, d.pick("首次公开声明：%s", "first public statement: %s", why))
			return
		}
	}
	f, why := d.byDeadline(first, d.start(), GoldenHours, fw)
	d.scored(AreaFirst, f, WeightFirst, why+d.pick("（黄金4小时）", " (golden hours)"))
}

// scored adds an area judged by byClock or byDeadline: frac -1 is not due.
func (d *debrief) scored(a Area, frac, max float64, why string) {
	if frac < 0 {
		d.notDue(a, max, "%s", "%s", why)
		return
	}
	d.add(a, frac, max, "%s", "%s", why)
}

func (d *debrief) clocks() {
	var sum float64
	var n, met, late, breached int
	for _, c := range d.st.Clocks {
		cs := c.At(d.end)
		switch {
		case cs.State == model.ClockMet && !cs.Late:
			sum++
			met++
		case cs.State == model.ClockMet:
			sum += LateShare
			late++
		case cs.State == model.ClockBreached:
			breached++
		default:
			continue // pending or not due: nothing to judge yet
		}
		n++
	}
	switch {
	case n > 0:
		why := d.pick("响应时钟：%d个按时，%d个超时完成，%d个超时未完成", "response clocks: %d met on time, %d met late, %d breached", met, late, breached)
		if open := len(d.st.Clocks) - n; open > 0 {
			why += d.pick("；%d个尚未到期", "; %d not due yet", open)
		}
		d.add(AreaClocks, sum/float64(n), WeightClocks, "%s", "%s", why)
	case d.st.Incident.Declared():
		d.notDue(AreaClocks, WeightClocks, "响应时钟均未到期", "no response clock was due yet")
	default:
		d.undeclared(AreaClocks, WeightClocks, "事件从未定级启动预案，没有任何响应时钟在计时",
			"the incident was never declared, so no response clock ran")
	}
}

func (d *debrief) legal() {
	pub := d.published()
	if len(pub) == 0 {
		if !d.due(AreaHolding) && !d.due(AreaFirst) {
			d.notDue(AreaLegal, WeightLegal, "尚未发布声明，也还没有声明到期", "nothing published yet, and no statement was due")
			return
		}
		d.add(AreaLegal, 0, WeightLegal, "没有发布任何声明，法务审核无从谈起", "nothing was published, so nothing passed legal review")
		return
	}
	ok, fixed := 0, 0
	var bad []string
	for _, s := range pub {
		// The fold only lets legal approve; the file proves it per version.
		if s.Reviewer != "" && s.ApprovedVer == s.Version {
			ok++
		} else {
			bad = append(bad, s.ID)
		}
		if s.EditedAfterApproval && s.ApprovedVer == s.Version {
			fixed++
		}
	}
	why := d.pick("%d/%d份已发布声明均为法务批准的版本", "%d of %d published statements were the version legal approved", ok, len(pub))
	if fixed > 0 {
		why += d.pick("（%d份经修改后重新审核）", " (%d edited and approved again)", fixed)
	}
	if len(bad) > 0 {
		why += d.pick("；未经审核：%s", "; not approved: %s", strings.Join(bad, ", "))
	}
	d.add(AreaLegal, float64(ok)/float64(len(pub)), WeightLegal, "%s", "%s", why)
}

func (d *debrief) tasks() {
	var sum float64
	var n, onTime, late, overdue, notYet int
	for _, t := range d.st.Tasks {
		if t.Deleted || t.Due.IsZero() {
			continue
		}
		done := t.Status == model.TaskDone && !t.DoneAt.After(d.end)
		switch {
		case done && !t.Late():
			sum++
			onTime++
		case done:
			// Late work still counts, less the later it was (a day late is nothing).
			over := t.DoneAt.Sub(t.Due)
			sum += LateShare * math.Max(0, 1-float64(over)/float64(24*time.Hour))
			late++
		case t.Overdue(d.end):
			overdue++
		default:
			notYet++
			continue
		}
		n++
	}
	switch {
	case n > 0:
		why := d.pick("任务：%d个按时完成，%d个延期完成，%d个逾期未完成", "tasks: %d done on time, %d done late, %d overdue", onTime, late, overdue)
		if notYet > 0 {
			why += d.pick("；%d个尚未到期", "; %d not due yet", notYet)
		}
		d.add(AreaTasks, sum/float64(n), WeightTasks, "%s", "%s", why)
	case d.st.Incident.Declared():
		d.notDue(AreaTasks, WeightTasks, "没有到期的任务", "no task was due yet")
	default:
		d.undeclared(AreaTasks, WeightTasks, "事件从未定级，任务板上没有任务", "the incident was never declared, so no task was on the board")
	}
}

// sentiment places the team's run between the best and the worst case:
// half for the whole run, half for how it ended (the last hour).
func (d *debrief) sentiment(s *Sentiment) {
	if s == nil {
		return // no model to compare with: the area is left out
	}
	// pos is how far a run is from the worst case towards the best; ok is
	// false while the two cases are too close to tell anything apart.
	pos := func(a, b, w Count) (float64, bool) {
		if a.Mentions == 0 || b.Mentions == 0 || w.Mentions == 0 || w.Share()-b.Share() < MinSpread {
			return 0, false
		}
		return clamp((w.Share() - a.Share()) / (w.Share() - b.Share())), true
	}
	whole, ok1 := pos(s.Actual.Whole, s.Best.Whole, s.Worst.Whole)
	end, ok2 := pos(s.Actual.LastHour, s.Best.LastHour, s.Worst.LastHour)
	a, b, w := s.Actual.Whole, s.Best.Whole, s.Worst.Whole
	shares := d.pick("负面占比%.0f%%（共%d条提及；同一时刻最佳情形%.0f%%，最差%.0f%%）",
		"negative share %.0f%% of %d mentions (by the same time: best case %.0f%%, worst %.0f%%)",
		100*a.Share(), a.Mentions, 100*b.Share(), 100*w.Share())
	if !ok1 && !ok2 {
		d.notDue(AreaSentiment, WeightSentiment, "%s；最佳与最差情形尚未拉开差距，无从比较",
			"%s; the best and worst case have not drawn apart yet, so there is nothing to compare", shares)
		return
	}
	var frac float64
	switch {
	case ok1 && ok2:
		frac = (whole + end) / 2
	case ok1:
		frac = whole
	default:
		frac = end
	}
	at := func(x float64, ok bool) string {
		if !ok {
			return d.pick("无从比较", "n/a")
		}
		return fmt.Sprintf("%.0f%%", 100*x)
	}
	la, lb, lw := s.Actual.LastHour, s.Best.LastHour, s.Worst.LastHour
	d.add(AreaSentiment, frac, WeightSentiment, "%s；最后一小时%.0f%%（最佳%.0f%%，最差%.0f%%）；从最差到最佳，全程走到%s，收尾走到%s",
		"%s; last hour %.0f%% (best %.0f%%, worst %.0f%%); of the way from worst to best: %s overall, %s at the end",
		shares, 100*la.Share(), 100*lb.Share(), 100*lw.Share(), at(whole, ok1), at(end, ok2))
}

func clamp(x float64) float64 { return math.Max(0, math.Min(1, x)) }
