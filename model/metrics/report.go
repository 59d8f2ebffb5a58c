package metrics

import (
	"slices"
	"time"

	"warroom/model"
	"warroom/model/score"
)

// Info is what the incident file says about itself beyond its event log.
type Info struct {
	Name  string // overrides the name from the log when set
	Brand string
	File  string            // where the report came from, for the header
	Meta  map[string]string // anything else worth a line (shown sorted by key)
}

// Input is everything a report is computed from.
type Input struct {
	Info     Info
	Events   []model.Event  // the whole log, in order
	Alerts   []*model.Alert // from the alert table; nil means use the log's alert events
	Mentions *Aggregate     // nil means no mentions
}

// Report is the post-crisis analysis of one incident as of one moment.
type Report struct {
	AsOf     time.Time
	Options  Options // the effective options, defaults filled in
	Info     Info
	Incident model.Incident // as folded from the log at AsOf

	Summary      Summary
	Detection    Detection
	Timeline     []Entry
	Statements   []StatementHistory
	Clocks       []ClockOutcome
	Tasks        []TaskOutcome // done late, or overdue and still open at AsOf
	Measures     Measures
	Conversation Conversation
	Trust        Trust
	Lessons      Lessons

	// Skipped lists events the fold refused (a hand-edited file); they are
	// left out of every measure.
	Skipped []string

	// Drill is a drill's debrief (model/score), for a drill file; the
	// caller who can rerun the drill sets it, Compute does not.
	Drill *score.Result
}

// LevelChange is a change of warning level.
type LevelChange struct {
	At       time.Time
	From, To model.Level
	Actor    string
	Reason   string
	Declared bool // the change came with the declaration
}

// Summary is the incident at a glance.
type Summary struct {
	Levels   []LevelChange
	Start    time.Time // first mention or first alert, whichever came first
	End      time.Time // closed, or AsOf while still open
	Duration time.Duration
	Closed   bool

	Mentions, Negative int
	Peak               Bucket // the bucket with most mentions (earliest on a tie)
	PeakNegative       Bucket // the bucket with most negative mentions

	Category         string // the crisis category (Aggregate.CrisisCategory)
	FirstNegative    []Post // where it started
	FirstInfluential *Post
}

// AlertInfo is one early warning as the report shows it.
type AlertInfo struct {
	ID       int64
	Rule     string
	Platform model.Platform
	Level    model.Level
	At       time.Time
	AckedAt  time.Time // zero if not acknowledged by AsOf
	AckedBy  string
	Count    int
	Message  string
	// Reopened: the alert rose above the level last acknowledged, which
	// AckLevel is, and nobody acknowledged it again.
	Reopened bool
	AckLevel model.Level
}

// Detection compares what the series shows with when the team saw it.
type Detection struct {
	Spike      Spike // first negative spike in the series (see FirstSpike)
	SpikeFound bool
	FirstAlert *AlertInfo
	FirstAck   time.Time // earliest acknowledgement of any alert
	AckedBy    string
	Alerts     []AlertInfo // every alert raised by AsOf, by time
}

// Timeline entry kinds.
const (
	EntrySpike     = "spike"     // first negative spike in the series; Count
	EntryAlert     = "alert"     // first alert; Ref alert id, Detail rule, Level
	EntryAck       = "ack"       // first acknowledgement; Ref alert id
	EntryDeclared  = "declared"  // Level, Detail scenario
	EntryLevel     = "level"     // Level, FromLevel, Detail reason
	EntryStatus    = "status"    // Detail status
	EntryDrafted   = "drafted"   // Ref statement id, StatementKind, Platform
	EntrySubmitted = "submitted" // Ref
	EntryWithdrawn = "withdrawn" // Ref
	EntryApproved  = "approved"  // Ref, Detail comment, Duration review turnaround
	EntryRejected  = "rejected"  // Ref, Detail comment, Duration review turnaround
	EntryPublished = "published" // Ref, Platform
	EntryClockMet  = "clock_met" // Ref clock id, Detail clock name, Duration margin (negative: late)
	EntryBreached  = "breached"  // Ref clock id, Detail clock name; At is the deadline
	EntryTaskLate  = "task_late" // Ref task id, Detail title, Actor assignee, Duration how late
)

// Entry is one line of the response timeline. Renderers phrase it by Kind,
// so the same report reads in English or Chinese.
type Entry struct {
	At            time.Time
	Kind          string
	Actor         string
	Ref           string
	Detail        string
	Level         model.Level
	FromLevel     model.Level
	StatementKind model.StatementKind
	Platform      model.Platform
	Duration      time.Duration
	Count         int
}

// Review is one round of legal review of a statement.
type Review struct {
	SubmittedAt time.Time
	DecidedAt   time.Time // zero while pending or when withdrawn
	Outcome     string    // "approved", "rejected", "withdrawn", or "pending" at AsOf
	Reviewer    string
	Comment     string
}

// Review outcomes.
const (
	ReviewApproved  = "approved"
	ReviewRejected  = "rejected"
	ReviewWithdrawn = "withdrawn"
	ReviewPending   = "pending"
)

// Turnaround is how long legal took; zero unless decided.
func (r Review) Turnaround() time.Duration {
	if r.DecidedAt.IsZero() {
		return 0
	}
	return r.DecidedAt.Sub(r.SubmittedAt)
}

// StatementHistory is a statement's way from draft to publication.
type StatementHistory struct {
	ID          string
	Kind        model.StatementKind
	Platform    model.Platform
	Author      string
	DraftedAt   time.Time
	Reviews     []Review
	PublishedAt time.Time // zero if not published by AsOf
	PublishedOn model.Platform
	Publisher   string
	Status      model.StatementStatus
}

// ClockOutcome is how a response clock ended up (or stands at AsOf).
type ClockOutcome struct {
	ID, Name string
	Anchor   string
	AnchorAt time.Time
	Duration time.Duration
	Deadline time.Time
	State    model.ClockState
	Late     bool          // met after the deadline
	Margin   time.Duration // met: time to spare (negative when late); breached: minus the overrun so far
	MetAt    time.Time
	MetWhat  string
	MetActor string
}

// TaskOutcome is a task that was done late, or is overdue and still open.
type TaskOutcome struct {
	ID, Title string
	Role      model.Role
	Assignee  string
	Due       time.Time
	DoneAt    time.Time // zero when still open
	Late      time.Duration
}

// Measure is a span between two moments; OK is false when either end never
// happened (by AsOf).
type Measure struct {
	From, To time.Time
	OK       bool
	// ByHand is set when To is a response clock someone marked met by hand
	// (done outside warroom, e.g. posted directly); Note is what they wrote.
	ByHand bool
	Note   string
}

// Duration is To − From (zero when not OK). It is negative when the second
// moment came first, e.g. an alert raised before the spike bucket started.
func (m Measure) Duration() time.Duration {
	if !m.OK {
		return 0
	}
	return m.To.Sub(m.From)
}

func span(from, to time.Time) Measure {
	return Measure{From: from, To: to, OK: !from.IsZero() && !to.IsZero()}
}

// Measures are the key response measures. Definitions:
//
//   - TimeToDetect: first negative spike in the series (bucket start, see
//     FirstSpike, or the incident's start if it began inside that bucket)
//     → first alert.
//   - TimeToAck: first alert → first acknowledgement of any alert.
//   - TimeToHolding: declaration → first published holding statement, or
//     the plan's holding-statement clock marked met by hand if that came
//     first: the same fact the clock and the drill debrief go by.
//   - TimeToFirstStatement: start of the crisis as the public saw it (the
//     first negative spike; the first alert when the series shows none) →
//     first published statement of any kind, or the clock any statement
//     meets marked met by hand if that came first: how long the public
//     waited.
//   - Legal*: each decided review round, submitted → approved or rejected;
//     the median of an even count is the mean of the middle two. Withdrawn
//     and pending rounds are not counted.
//   - Clocks*: judged at AsOf; ClocksMet is the share of decided clocks
//     (met on time, met late, breached) that were met on time. Clocks still
//     running within their deadline, and never-started ones, are undecided.
type Measures struct {
	TimeToDetect         Measure
	TimeToAck            Measure
	TimeToHolding        Measure
	TimeToFirstStatement Measure

	LegalReviews int
	LegalMedian  time.Duration
	LegalMax     time.Duration
	LegalPending int

	ClocksOnTime, ClocksLate, ClocksBreached, ClocksOpen, ClocksPending int
	ClocksMet                                                           Ratio
}

// Mark is a published statement as a mark on the charts.
type Mark struct {
	At        time.Time
	Statement string
	Kind      model.StatementKind
	Platform  model.Platform
}

// InfluencerEffect compares the negative share before and after an
// influencer's post: the Window/Step buckets before the bucket holding the
// post, and as many after it. The post's own bucket is mixed and left out.
type InfluencerEffect struct {
	Post          Post
	Window        time.Duration
	Before, After Ratio
}

// Conversation is what the public said and where.
type Conversation struct {
	Series      Series
	Marks       []Mark
	Platforms   []Count
	Categories  []Count
	TopNegative []Post
	Influencers []InfluencerEffect
}

// Lessons are the debrief notes, by section, in the order written.
type Lessons struct {
	WentWell, WentWrong, Actions []model.Note
}

// Compute builds the report. It never fails: what the data lacks shows as
// measures that are not OK and statuses that say so.
func Compute(in Input, opts Options) *Report {
	opts = opts.WithDefaults()
	agg := in.Mentions
	if agg == nil {
		agg = &Aggregate{Series: Series{Step: opts.Step}}
	}
	if opts.AsOf.IsZero() {
		opts.AsOf = latest(in, agg)
	}
	r := &Report{AsOf: opts.AsOf, Options: opts, Info: in.Info}

	f := fold(in.Events, opts.AsOf)
	r.Skipped = f.skipped
	r.Incident = f.state.Incident
	if in.Info.Name != "" {
		r.Incident.Name = in.Info.Name
	}
	if in.Info.Brand != "" {
		r.Incident.Brand = in.Info.Brand
	}

	r.Detection = detection(in, f.state, agg, opts)
	r.Statements = f.statementList()
	r.Clocks = clockOutcomes(f.state, opts.AsOf)
	r.Tasks = taskOutcomes(f.state, opts.AsOf)
	r.Summary = summary(f, agg, r.Detection, opts.AsOf)
	r.Timeline = timeline(f, r.Detection, r.Clocks, r.Tasks, opts.AsOf)
	r.Measures = measures(f, r.Detection, r.Statements, r.Clocks)
	r.Conversation = conversation(agg, r.Statements, opts)
	r.Trust = trust(agg.Series, r, opts)
	for _, n := range f.state.Notes {
		switch n.Section {
		case model.NoteWentWell:
			r.Lessons.WentWell = append(r.Lessons.WentWell, n)
		case model.NoteWentWrong:
			r.Lessons.WentWrong = append(r.Lessons.WentWrong, n)
		case model.NoteAction:
			r.Lessons.Actions = append(r.Lessons.Actions, n)
		}
	}
	return r
}

// latest is the default AsOf: the last moment anything in the file happened.
func latest(in Input, agg *Aggregate) time.Time {
	var t time.Time
	later := func(x time.Time) {
		if x.After(t) {
			t = x
		}
	}
	for _, e := range in.Events {
		later(e.At)
	}
	for _, a := range in.Alerts {
		later(a.At)
		later(a.AckedAt)
	}
	later(agg.Last)
	return t
}

func detection(in Input, st *model.State, agg *Aggregate, opts Options) Detection {
	var d Detection
	d.Spike, d.SpikeFound = FirstSpike(agg.Series, opts.SpikeMin, opts.SpikeFactor, opts.SpikeLookback)
	if in.Alerts != nil {
		for _, a := range in.Alerts {
			if a.At.IsZero() || a.At.After(opts.AsOf) {
				continue
			}
			ai := AlertInfo{ID: a.ID, Rule: a.Rule, Platform: a.Platform, Level: a.Level, At: a.At,
				Count: a.Count, Message: a.Message}
			if !a.AckedAt.IsZero() && !a.AckedAt.After(opts.AsOf) {
				ai.AckedAt, ai.AckedBy = a.AckedAt, a.AckedBy
			}
			d.Alerts = append(d.Alerts, ai)
		}
	} else {
		for _, a := range st.Alerts {
			d.Alerts = append(d.Alerts, AlertInfo{ID: a.ID, Rule: a.Rule, Level: a.Level, At: a.At,
				AckedAt: a.AckedAt, AckedBy: a.AckedBy, Message: a.Message})
		}
	}
	for i := range d.Alerts {
		a := &d.Alerts[i]
		if as := st.Alert(a.ID); as != nil && a.Level <= as.Level {
			if last, ok := as.LastAck(); ok && !as.Acked() && !a.AckedAt.IsZero() {
				a.Reopened, a.AckLevel, a.Level = true, last.Level, as.Level
			}
		}
	}
	slices.SortStableFunc(d.Alerts, func(x, y AlertInfo) int {
		if c := x.At.Compare(y.At); c != 0 {
			return c
		}
		return int(x.ID - y.ID)
	})
	if len(d.Alerts) > 0 {
		first := d.Alerts[0]
		d.FirstAlert = &first
	}
	// A spike bucket that starts before the incident did (hourly buckets,
	// an incident begun at 05:26) is timed from the incident's start, the
	// summary's: nothing happened before it to detect.
	began := agg.First
	if d.FirstAlert != nil && (began.IsZero() || d.FirstAlert.At.Before(began)) {
		began = d.FirstAlert.At
	}
	if d.SpikeFound && d.Spike.At.Before(began) {
		d.Spike.At = began
	}
	for _, a := range d.Alerts {
		if !a.AckedAt.IsZero() && (d.FirstAck.IsZero() || a.AckedAt.Before(d.FirstAck)) {
			d.FirstAck, d.AckedBy = a.AckedAt, a.AckedBy
		}
	}
	return d
}

func summary(f *folded, agg *Aggregate, d Detection, asOf time.Time) Summary {
	s := Summary{Levels: f.levels, Mentions: agg.Total, Negative: agg.Negative,
		Category: agg.CrisisCategory, FirstNegative: agg.FirstNegative, FirstInfluential: agg.FirstInfluential}
	s.Start = agg.First
	if d.FirstAlert != nil && (s.Start.IsZero() || d.FirstAlert.At.Before(s.Start)) {
		s.Start = d.FirstAlert.At
	}
	in := f.state.Incident
	s.Closed = in.Status == model.StatusClosed
	if s.Closed {
		s.End = in.ClosedAt
	} else {
		s.End = asOf // still open: it runs to the moment the report is as of, as the header says
	}
	if !s.Start.IsZero() && s.End.After(s.Start) {
		s.Duration = s.End.Sub(s.Start)
	}
	for _, b := range agg.Series.Buckets {
		if b.All > s.Peak.All {
			s.Peak = b
		}
		if b.Negative > s.PeakNegative.Negative {
			s.PeakNegative = b
		}
	}
	return s
}

func clockOutcomes(st *model.State, asOf time.Time) []ClockOutcome {
	var out []ClockOutcome
	for _, c := range st.Clocks {
		cs := c.At(asOf)
		o := ClockOutcome{ID: c.ID, Name: c.Name, Anchor: c.Anchor, AnchorAt: c.AnchorAt, Duration: c.Duration,
			Deadline: cs.Deadline, State: cs.State, Late: cs.Late, Margin: cs.Left}
		if cs.State == model.ClockMet {
			o.MetAt, o.MetWhat, o.MetActor = c.MetAt, c.MetWhat, c.MetActor
		}
		if cs.State == model.ClockPending {
			o.Margin = 0
		}
		out = append(out, o)
	}
	return out
}

func taskOutcomes(st *model.State, asOf time.Time) []TaskOutcome {
	var out []TaskOutcome
	for _, t := range st.Tasks {
		if t.Deleted {
			continue
		}
		o := TaskOutcome{ID: t.ID, Title: t.Title, Role: t.Role, Assignee: t.Assignee, Due: t.Due}
		switch {
		case t.Late():
			o.DoneAt, o.Late = t.DoneAt, t.DoneAt.Sub(t.Due)
		case t.Overdue(asOf):
			o.Late = asOf.Sub(t.Due)
		default:
			continue
		}
		out = append(out, o)
	}
	return out
}

func measures(f *folded, d Detection, sts []StatementHistory, clocks []ClockOutcome) Measures {
	var m Measures
	var firstAlert time.Time
	if d.FirstAlert != nil {
		firstAlert = d.FirstAlert.At
	}
	var spike time.Time
	if d.SpikeFound {
		spike = d.Spike.At
	}
	m.TimeToDetect = span(spike, firstAlert)
	m.TimeToAck = span(firstAlert, d.FirstAck)

	var holding, anyPub time.Time
	for _, s := range sts {
		if s.PublishedAt.IsZero() {
			continue
		}
		if anyPub.IsZero() || s.PublishedAt.Before(anyPub) {
			anyPub = s.PublishedAt
		}
		if s.Kind == model.StatementHolding && (holding.IsZero() || s.PublishedAt.Before(holding)) {
			holding = s.PublishedAt
		}
	}
	m.TimeToHolding = byHand(span(f.state.Incident.DeclaredAt, holding), f.state.PublishClock(model.StatementHolding))
	start := spike
	if start.IsZero() {
		start = firstAlert
	}
	m.TimeToFirstStatement = byHand(span(start, anyPub), f.state.PublishClock(""))

	var turns []time.Duration
	for _, s := range sts {
		for _, rv := range s.Reviews {
			switch rv.Outcome {
			case ReviewApproved, ReviewRejected:
				turns = append(turns, rv.Turnaround())
			case ReviewPending:
				m.LegalPending++
			}
		}
	}
	m.LegalReviews = len(turns)
	if len(turns) > 0 {
		slices.Sort(turns)
		n := len(turns)
		if n%2 == 1 {
			m.LegalMedian = turns[n/2]
		} else {
			m.LegalMedian = (turns[n/2-1] + turns[n/2]) / 2
		}
		m.LegalMax = turns[n-1]
	}

	for _, c := range clocks {
		switch {
		case c.State == model.ClockMet && !c.Late:
			m.ClocksOnTime++
		case c.State == model.ClockMet:
			m.ClocksLate++
		case c.State == model.ClockBreached:
			m.ClocksBreached++
		case c.State == model.ClockPending:
			m.ClocksPending++
		default:
			m.ClocksOpen++
		}
	}
	m.ClocksMet = Ratio{m.ClocksOnTime, m.ClocksOnTime + m.ClocksLate + m.ClocksBreached}
	return m
}

// byHand ends m at clock c instead when someone marked c met by hand
// before m's end: the team says it was done, outside warroom.
func byHand(m Measure, c *model.ResponseClock) Measure {
	if c == nil || !c.MetByHand || c.MetAt.IsZero() || (!m.To.IsZero() && !c.MetAt.Before(m.To)) {
		return m
	}
	h := span(m.From, c.MetAt)
	h.ByHand, h.Note = true, c.MetWhat
	return h
}

func conversation(agg *Aggregate, sts []StatementHistory, opts Options) Conversation {
	c := Conversation{Series: agg.Series, Platforms: agg.Platforms, Categories: agg.Categories,
		TopNegative: agg.TopNegative}
	for _, s := range sts {
		if !s.PublishedAt.IsZero() {
			c.Marks = append(c.Marks, Mark{At: s.PublishedAt, Statement: s.ID, Kind: s.Kind, Platform: s.PublishedOn})
		}
	}
	slices.SortStableFunc(c.Marks, func(x, y Mark) int { return x.At.Compare(y.At) })
	n := int(opts.InfluencerWindow / agg.Series.Step)
	if agg.Series.Step <= 0 {
		n = 0
	}
	n = max(n, 1)
	for _, p := range agg.InfluencerPosts {
		i := agg.Series.Index(p.CreatedAt)
		c.Influencers = append(c.Influencers, InfluencerEffect{Post: p, Window: opts.InfluencerWindow,
			Before: agg.Series.Sum(i-n, i), After: agg.Series.Sum(i+1, i+1+n)})
	}
	return c
}
