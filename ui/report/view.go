package report

import (
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"warroom/model"
	"warroom/model/metrics"
)

// doc is the report phrased in one language, before it is written as
// Markdown or HTML: both renderers walk the same sections, so they say the
// same things. Strings are ready for the target except for HTML escaping,
// which html/template does: untrusted text went through the builder's u.
type doc struct {
	Title    string
	Sub      []string
	Warnings []string
	Sections []section
}

type section struct {
	ID     string
	Title  string
	Sub    bool // a subsection (### in Markdown, h3 in HTML)
	Blocks []block
}

// block is one of: a paragraph, a label–value list, a bullet list, a table,
// or the place of a chart (which each renderer draws its own way).
type block struct {
	Para   string
	Strong bool
	KV     []kv
	List   []string
	Table  *table
	Chart  string // chartVolume or chartRecovery
	Legend []string
}

type kv struct{ Label, Value string }

type table struct {
	Head  []string
	Right []bool // numeric columns, aligned right
	Rows  [][]string
}

const (
	chartVolume   = "volume"
	chartRecovery = "recovery"
)

// Rows shown at most in long tables; the rest are counted in a last line.
const (
	maxTimelineRows = 200
	maxAlertRows    = 30
	maxCurveRows    = 24
)

// builder phrases one report. u cleans untrusted text for the target: for
// Markdown it also escapes Markdown, for HTML it only sanitizes.
type builder struct {
	fmtr
	r *metrics.Report
	u func(s string, max int) string
}

func buildDoc(r *metrics.Report, code string, u func(string, int) string) *doc {
	b := &builder{fmtr: newFmtr(r, code), r: r, u: u}
	d := &doc{}
	b.header(d)
	d.Sections = append(d.Sections, b.summary()...)
	d.Sections = append(d.Sections, b.timeline(), b.measures())
	d.Sections = append(d.Sections, b.debrief()...)
	d.Sections = append(d.Sections, b.clocks(), b.statements(), b.tasks(), b.alerts())
	d.Sections = append(d.Sections, b.conversation()...)
	d.Sections = append(d.Sections, b.trust())
	d.Sections = append(d.Sections, b.lessons()...)
	d.Sections = append(d.Sections, b.definitions())
	return d
}

func (b *builder) name(s string) string { return b.u(s, maxNameBytes) }

func (b *builder) header(d *doc) {
	r, in := b.r, b.r.Incident
	title := in.Name
	if title == "" {
		title = b.t("untitled")
	}
	d.Title = b.t("title", b.name(title))
	var line []string
	if in.Brand != "" {
		line = append(line, b.name(in.Brand))
	}
	if in.Scenario != "" {
		line = append(line, b.t("scenario", b.name(in.Scenario)))
	}
	line = append(line, b.t("levelline", b.level(in.Level)), b.status(in.Status))
	d.Sub = append(d.Sub, strings.Join(line, " · "))
	d.Sub = append(d.Sub, b.t("asof", b.time(r.AsOf), b.zone(r.AsOf)))
	if r.Info.File != "" {
		d.Sub = append(d.Sub, b.t("file", b.name(r.Info.File)))
	}
	for _, k := range slices.Sorted(maps.Keys(r.Info.Meta)) {
		d.Sub = append(d.Sub, b.name(k)+": "+b.name(r.Info.Meta[k]))
	}
	if len(r.Skipped) > 0 {
		d.Warnings = append(d.Warnings, b.t("skipped", len(r.Skipped)))
		for _, s := range r.Skipped {
			d.Warnings = append(d.Warnings, b.u(s, maxPostBytes))
		}
	}
}

func (b *builder) summary() []section {
	r, s := b.r, b.r.Summary
	var kvs []kv
	if r.Incident.Brand != "" {
		kvs = append(kvs, kv{b.t("s.brand"), b.name(r.Incident.Brand)})
	}
	if s.Category != "" {
		kvs = append(kvs, kv{b.t("s.category"), b.category(s.Category)})
	}
	kvs = append(kvs, kv{b.t("s.status"), b.status(r.Incident.Status)}, kv{b.t("s.level"), b.level(r.Incident.Level)})
	closed := b.t("open")
	if s.Closed {
		closed = b.t("closed")
	}
	kvs = append(kvs, kv{b.t("s.duration"), b.t("s.durationval", b.time(s.Start), b.time(s.End), b.dur(s.Duration), closed)})
	kvs = append(kvs, kv{b.t("s.mentions"), b.t("s.mentionsval", num(s.Mentions), num(s.Negative),
		b.ratio(metrics.Ratio{Num: s.Negative, Den: s.Mentions}))})
	if s.Peak.All > 0 {
		kvs = append(kvs, kv{b.t("s.peak"), b.t("s.peakval", b.time(s.Peak.Start), num(s.Peak.All), num(s.Peak.Negative))})
	}
	if s.PeakNegative.Negative > 0 && !s.PeakNegative.Start.Equal(s.Peak.Start) {
		kvs = append(kvs, kv{b.t("s.peakneg"), b.t("s.peakval", b.time(s.PeakNegative.Start), num(s.PeakNegative.All), num(s.PeakNegative.Negative))})
	}
	out := []section{{ID: "summary", Title: b.t("h.summary"), Blocks: []block{{KV: kvs}}}}

	lv := &table{Head: []string{b.t("col.time"), b.t("col.change"), b.t("col.by"), b.t("col.reason")}}
	for _, c := range s.Levels {
		reason := b.u(c.Reason, maxPostBytes)
		if c.Declared {
			reason = b.t("s.declared")
		}
		lv.Rows = append(lv.Rows, []string{b.time(c.At), b.level(c.From) + " → " + b.level(c.To), b.name(c.Actor), reason})
	}
	out = append(out, section{ID: "levels", Title: b.t("h.levels"), Sub: true, Blocks: []block{b.tableOrNone(lv)}})

	var started []block
	if len(s.FirstNegative) > 0 {
		started = append(started, block{Para: b.t("s.firstneg")}, block{Table: b.posts(s.FirstNegative, false)})
	}
	if s.FirstInfluential != nil {
		started = append(started, block{Para: b.t("s.firstinfl", num(r.Options.InfluentialFollowers))},
			block{Table: b.posts([]metrics.Post{*s.FirstInfluential}, false)})
	}
	if len(started) == 0 {
		started = []block{{Para: b.t("none")}}
	}
	out = append(out, section{ID: "started", Title: b.t("h.started"), Sub: true, Blocks: started})
	return out
}

// posts tabulates posts; rank adds a first column with the rank and an
// engagement column.
func (b *builder) posts(ps []metrics.Post, rank bool) *table {
	t := &table{Head: []string{b.t("col.time"), b.t("col.platform"), b.t("col.author"), b.t("col.followers")},
		Right: []bool{false, false, false, true}}
	if rank {
		t.Head = append([]string{"#"}, t.Head...)
		t.Right = append([]bool{true}, t.Right...)
		t.Head = append(t.Head, b.t("col.engagement"))
		t.Right = append(t.Right, true)
	}
	t.Head = append(t.Head, b.t("col.text"))
	for i, p := range ps {
		row := []string{b.time(p.CreatedAt), b.platform(p.Platform), b.author(p), num(p.Followers)}
		if rank {
			row = append([]string{strconv.Itoa(i + 1)}, row...)
			row = append(row, num(p.Engagement()))
		}
		row = append(row, b.u(p.Text, maxPostBytes))
		t.Rows = append(t.Rows, row)
	}
	return t
}

func (b *builder) author(p metrics.Post) string {
	name := b.name(p.AuthorName)
	if name == "" {
		name = b.name(p.AuthorID)
	}
	if p.Verified {
		name += " ✓"
	}
	return name
}

func (b *builder) tableOrNone(t *table) block {
	if len(t.Rows) == 0 {
		return block{Para: b.t("none")}
	}
	return block{Table: t}
}

func (b *builder) timeline() section {
	t := &table{Head: []string{b.t("col.time"), b.t("col.what"), b.t("col.who")}}
	for i, e := range b.r.Timeline {
		if i == maxTimelineRows {
			t.Rows = append(t.Rows, []string{"", b.t("v.more", len(b.r.Timeline)-i), ""})
			break
		}
		t.Rows = append(t.Rows, []string{b.time(e.At), b.entry(e), b.name(e.Actor)})
	}
	return section{ID: "timeline", Title: b.t("h.timeline"), Blocks: []block{b.tableOrNone(t)}}
}

func (b *builder) entry(e metrics.Entry) string {
	id := b.name(e.Ref)
	comment := ""
	if e.Detail != "" {
		comment = b.t("e.comment", b.u(e.Detail, maxPostBytes))
	}
	switch e.Kind {
	case metrics.EntrySpike:
		return b.t("e.spike", e.Count)
	case metrics.EntryAlert:
		return b.t("e.alert", id, b.rule(e.Detail), b.level(e.Level))
	case metrics.EntryAck:
		return b.t("e.ack")
	case metrics.EntryDeclared:
		s := b.t("e.declared", b.level(e.Level))
		if e.Detail != "" {
			s += b.t("e.scenario", b.name(e.Detail))
		}
		return s
	case metrics.EntryLevel:
		return b.t("e.level", b.level(e.FromLevel), b.level(e.Level)) + comment
	case metrics.EntryStatus:
		return b.t("e.status", b.status(model.IncidentStatus(e.Detail)))
	case metrics.EntryDrafted:
		return b.t("e.drafted", id, b.stKind(e.StatementKind))
	case metrics.EntrySubmitted:
		return b.t("e.submitted", id)
	case metrics.EntryWithdrawn:
		return b.t("e.withdrawn", id)
	case metrics.EntryApproved:
		return b.t("e.approved", id, b.dur(e.Duration)) + comment
	case metrics.EntryRejected:
		return b.t("e.rejected", id, b.dur(e.Duration)) + comment
	case metrics.EntryPublished:
		return b.t("e.published", id, b.stKind(e.StatementKind), b.platform(e.Platform))
	case metrics.EntryClockMet:
		if e.Duration < 0 {
			return b.t("e.metlate", b.name(e.Detail), b.dur(-e.Duration))
		}
		return b.t("e.met", b.name(e.Detail), b.dur(e.Duration))
	case metrics.EntryBreached:
		return b.t("e.breached", b.name(e.Detail))
	case metrics.EntryTaskLate:
		return b.t("e.tasklate", b.u(e.Detail, maxPostBytes), b.dur(e.Duration))
	}
	return b.name(e.Kind)
}

func (b *builder) measures() section {
	m := b.r.Measures
	t := &table{Head: []string{b.t("col.measure"), b.t("col.value"), b.t("col.span")}, Right: []bool{false, true, false}}
	row := func(key string, x metrics.Measure) {
		val, sp := b.t("m.na"), ""
		if x.OK {
			val = b.dur(x.Duration())
			sp = b.t(key+".span", b.time(x.From), b.time(x.To))
			if x.ByHand {
				sp = b.t(key+".hand", b.time(x.From), b.time(x.To))
				if x.Note != "" {
					sp += b.t("m.note", b.u(x.Note, maxPostBytes))
				}
			}
			if x.Duration() < 0 {
				sp += b.t("sep") + b.t("m.early", b.dur(-x.Duration()))
			}
		}
		t.Rows = append(t.Rows, []string{b.t(key), val, sp})
	}
	row("m.ttd", m.TimeToDetect)
	row("m.tta", m.TimeToAck)
	row("m.tth", m.TimeToHolding)
	row("m.tfs", m.TimeToFirstStatement)
	legal, legalN := b.t("m.na"), b.t("m.legal.n", m.LegalReviews)
	if m.LegalReviews > 0 {
		legal = b.t("m.legal.val", b.dur(m.LegalMedian), b.dur(m.LegalMax))
	}
	if m.LegalPending > 0 {
		legalN += b.t("sep") + b.t("m.pending", m.LegalPending)
	}
	t.Rows = append(t.Rows, []string{b.t("m.legal"), legal, legalN})
	clocks := b.t("m.na")
	if m.ClocksMet.Known() {
		clocks = b.t("m.clocks.val", m.ClocksMet.Num, m.ClocksMet.Den, b.ratio(m.ClocksMet))
	}
	t.Rows = append(t.Rows, []string{b.t("m.clocks"), clocks,
		b.t("m.clocks.n", m.ClocksLate, m.ClocksBreached, m.ClocksOpen, m.ClocksPending)})
	return section{ID: "measures", Title: b.t("h.measures"), Blocks: []block{{Table: t}}}
}

// debrief is a drill's score, beside the key measures it must agree with.
func (b *builder) debrief() []section {
	res := b.r.Drill
	if res == nil {
		return nil
	}
	score := b.t("db.none")
	if res.Max > 0 {
		score = b.t("db.scoreval", res.Score)
	}
	when := b.t("db.end", b.time(res.At))
	if !res.Finished() {
		when = b.t("db.left", b.time(res.At), b.dur(res.At.Sub(res.Start).Round(time.Minute)), b.dur(res.Length))
	}
	kvs := []kv{{b.t("db.score"), score}, {b.t("db.at"), when}}
	if res.NotDue > 0 {
		kvs = append(kvs, kv{b.t("db.due"), b.t("db.dueval", scorePoints(res.Points), scorePoints(res.Max), scorePoints(res.NotDue))})
	}
	t := &table{Head: []string{b.t("col.area"), b.t("col.points"), b.t("col.why")}, Right: []bool{false, true, false}}
	for _, r := range res.Reasons {
		t.Rows = append(t.Rows, []string{b.t("area." + string(r.Area)), r.Mark(), b.u(r.Why, maxWhyBytes)})
	}
	return []section{{ID: "debrief", Title: b.t("h.debrief"), Blocks: []block{{KV: kvs}, {Table: t}}}}
}

func (b *builder) clocks() section {
	t := &table{Head: []string{b.t("col.clock"), b.t("col.started"), b.t("col.deadline"), b.t("col.outcome"), b.t("col.margin"), b.t("col.who")},
		Right: []bool{false, false, false, false, true, false}}
	for _, c := range b.r.Clocks {
		outcome, margin := "", b.dur(c.Margin)
		switch {
		case c.State == model.ClockMet && c.Late:
			outcome = b.t("c.late")
		case c.State == model.ClockMet:
			outcome = b.t("c.ontime")
		case c.State == model.ClockBreached:
			outcome = b.t("c.breached")
		case c.State == model.ClockDueSoon:
			outcome = b.t("c.duesoon")
		case c.State == model.ClockRunning:
			outcome = b.t("c.running")
		default:
			outcome, margin = b.t("c.pending"), b.t("dash")
		}
		t.Rows = append(t.Rows, []string{b.name(c.Name), b.time(c.AnchorAt), b.time(c.Deadline), outcome, margin, b.name(c.MetActor)})
	}
	return section{ID: "clocks", Title: b.t("h.clocks"), Blocks: []block{b.tableOrNone(t)}}
}

func (b *builder) statements() section {
	t := &table{Head: []string{b.t("col.statement"), b.t("col.kind"), b.t("col.drafted"), b.t("col.reviews"), b.t("col.published")}}
	for _, s := range b.r.Statements {
		var rounds []string
		for _, rv := range s.Reviews {
			sub := b.time(rv.SubmittedAt)
			switch rv.Outcome {
			case metrics.ReviewApproved, metrics.ReviewRejected:
				outcome := b.t("r." + rv.Outcome)
				if rv.Reviewer != "" {
					rounds = append(rounds, b.t("r.roundby", sub, b.timeShort(rv.DecidedAt, rv.SubmittedAt), outcome, b.name(rv.Reviewer), b.dur(rv.Turnaround())))
				} else {
					rounds = append(rounds, b.t("r.round", sub, b.timeShort(rv.DecidedAt, rv.SubmittedAt), outcome, b.dur(rv.Turnaround())))
				}
			case metrics.ReviewWithdrawn:
				rounds = append(rounds, b.t("r.withdrew", sub))
			default:
				rounds = append(rounds, b.t("r.open", sub))
			}
		}
		pub := b.t("r.notpub")
		if !s.PublishedAt.IsZero() {
			pub = b.time(s.PublishedAt) + " " + b.platform(s.PublishedOn) + b.t("paren", b.name(s.Publisher))
		}
		reviews := strings.Join(rounds, b.t("sep"))
		if reviews == "" {
			reviews = b.t("dash")
		}
		t.Rows = append(t.Rows, []string{b.name(s.ID), b.stKind(s.Kind),
			b.time(s.DraftedAt) + b.t("paren", b.name(s.Author)), reviews, pub})
	}
	return section{ID: "statements", Title: b.t("h.statements"), Blocks: []block{b.tableOrNone(t)}}
}

// timeShort formats t as only the clock time when it falls on the same day
// as ref, which keeps review rounds short.
func (b *builder) timeShort(t, ref time.Time) string {
	if t.In(b.loc).Format("2006-01-02") == ref.In(b.loc).Format("2006-01-02") {
		return t.In(b.loc).Format("15:04")
	}
	return b.time(t)
}

func (b *builder) tasks() section {
	t := &table{Head: []string{b.t("col.task"), b.t("col.owner"), b.t("col.due"), b.t("col.done"), b.t("col.lateby")},
		Right: []bool{false, false, false, false, true}}
	for _, x := range b.r.Tasks {
		owner := b.role(x.Role)
		if x.Assignee != "" {
			owner = b.name(x.Assignee) + b.t("paren", owner)
		}
		done := b.t("t.open")
		if !x.DoneAt.IsZero() {
			done = b.time(x.DoneAt)
		}
		t.Rows = append(t.Rows, []string{b.u(x.Title, maxPostBytes), owner, b.time(x.Due), done, b.dur(x.Late)})
	}
	return section{ID: "tasks", Title: b.t("h.tasks"), Blocks: []block{b.tableOrNone(t)}}
}

func (b *builder) alerts() section {
	al := b.r.Detection.Alerts
	t := &table{Head: []string{b.t("col.time"), "#", b.t("col.rule"), b.t("col.platform"), b.t("col.level"), b.t("col.acked")}}
	for i, a := range al {
		if i == maxAlertRows {
			t.Rows = append(t.Rows, []string{"", "", b.t("v.more", len(al)-i), "", "", ""})
			break
		}
		ack := b.t("no")
		if !a.AckedAt.IsZero() {
			ack = b.timeShort(a.AckedAt, a.At) + " " + b.name(a.AckedBy) + b.t("paren", b.dur(a.AckedAt.Sub(a.At)))
			if a.Reopened {
				ack += b.t("v.reopened", b.level(a.AckLevel), b.level(a.Level))
			}
		}
		plat := b.t("dash")
		if a.Platform != "" {
			plat = b.platform(a.Platform)
		}
		t.Rows = append(t.Rows, []string{b.time(a.At), strconv.FormatInt(a.ID, 10), b.rule(a.Rule), plat, b.level(a.Level), ack})
	}
	return section{ID: "alerts", Title: b.t("h.alerts"), Blocks: []block{b.tableOrNone(t)}}
}

func (b *builder) counts(cs []metrics.Count, label func(string) string) *table {
	t := &table{Head: []string{"", b.t("col.mentions"), b.t("col.negative"), b.t("col.share")}, Right: []bool{false, true, true, true}}
	for _, c := range cs {
		t.Rows = append(t.Rows, []string{label(c.Key), num(c.All), num(c.Negative), b.ratio(c.Share())})
	}
	return t
}

func (b *builder) conversation() []section {
	c := b.r.Conversation
	var blocks []block
	if len(c.Series.Buckets) == 0 {
		blocks = []block{{Para: b.t("s.nomentions")}}
	} else {
		blocks = []block{{Chart: chartVolume}}
	}
	out := []section{{ID: "conversation", Title: b.t("h.conversation"), Blocks: blocks}}
	if len(c.Series.Buckets) == 0 {
		return out
	}
	pt := b.counts(c.Platforms, func(k string) string { return b.platform(model.Platform(k)) })
	pt.Head[0] = b.t("col.platform")
	ct := b.counts(c.Categories, b.category)
	ct.Head[0] = b.t("col.category")
	out = append(out,
		section{ID: "platforms", Title: b.t("h.platforms"), Sub: true, Blocks: []block{b.tableOrNone(pt)}},
		section{ID: "categories", Title: b.t("h.categories"), Sub: true, Blocks: []block{b.tableOrNone(ct)}},
		section{ID: "top", Title: b.t("h.top"), Sub: true, Blocks: []block{b.tableOrNone(b.posts(c.TopNegative, true))}})

	var inf block
	switch {
	case len(b.r.Options.Influencers) == 0:
		inf = block{Para: b.t("v.noinfllist")}
	case len(c.Influencers) == 0:
		var names []string
		for _, n := range b.r.Options.Influencers {
			names = append(names, b.name(n))
		}
		inf = block{Para: b.t("v.noinfl", strings.Join(names, ", "))}
	default:
		win := b.dur(c.Influencers[0].Window)
		t := &table{Head: []string{b.t("col.time"), b.t("col.platform"), b.t("col.author"), b.t("col.text"),
			b.t("col.before", win), b.t("col.after", win), b.t("col.delta")}, Right: []bool{false, false, false, false, true, true, true}}
		for _, e := range c.Influencers {
			delta := b.t("dash")
			if e.Before.Known() && e.After.Known() {
				delta = b.t("pt", pointsSigned(e.After.Value()-e.Before.Value()))
			}
			t.Rows = append(t.Rows, []string{b.time(e.Post.CreatedAt), b.platform(e.Post.Platform), b.author(e.Post),
				b.u(e.Post.Text, maxPostBytes), b.ratio(e.Before), b.ratio(e.After), delta})
		}
		inf = block{Table: t}
	}
	out = append(out, section{ID: "influencers", Title: b.t("h.influencers"), Sub: true, Blocks: []block{inf}})
	return out
}

func (b *builder) trust() section {
	tr := b.r.Trust
	var blocks []block
	var kvs []kv
	if tr.Baseline.Known() {
		src := b.t("tr.beforealert")
		if tr.BaselineGiven {
			src = b.t("tr.given")
		}
		kvs = append(kvs, kv{b.t("tr.baseline"), b.t("tr.baselineval", b.ratio(tr.Baseline), num(tr.Baseline.Num),
			num(tr.Baseline.Den), b.time(tr.BaselineWindow.From), b.time(tr.BaselineWindow.To), src)})
		kvs = append(kvs, kv{b.t("tr.rule"), b.t("tr.ruleval", pct(tr.Threshold), points1(tr.Margin), tr.Sustain)})
	}
	switch tr.ReferenceKind {
	case metrics.RefStatement:
		kvs = append(kvs, kv{b.t("tr.ref"), b.t("tr.refstmt", b.name(tr.ReferenceID), b.time(tr.Reference))})
	case metrics.RefAlert:
		kvs = append(kvs, kv{b.t("tr.ref"), b.t("tr.refalert", b.time(tr.Reference))})
	}
	if len(kvs) > 0 {
		blocks = append(blocks, block{KV: kvs})
	}
	var status string
	switch tr.Status {
	case metrics.TrustRecovered:
		status = b.t("tr.recovered", b.time(tr.RecoveredAt), b.dur(tr.TimeToRecover))
	case metrics.TrustNotYet:
		if tr.Current.Known() {
			status = b.t("tr.notyet", b.dur(tr.Since), tr.Sustain, b.ratio(tr.Current), b.ratio(tr.Baseline))
		} else {
			status = b.t("tr.notyetnone", b.dur(tr.Since))
		}
	case metrics.TrustNoBaseline:
		status = b.t("tr.nobaseline")
	default:
		status = b.t("tr.noref")
	}
	blocks = append(blocks, block{Para: status, Strong: true})
	if len(tr.Curve) > 0 {
		blocks = append(blocks, block{Chart: chartRecovery})
		t := &table{Head: []string{b.t("col.hour"), b.t("col.mentions"), b.t("col.negative"), b.t("col.share"), b.t("col.within")},
			Right: []bool{false, true, true, true, false}}
		for i, p := range tr.Curve {
			if i == maxCurveRows {
				t.Rows = append(t.Rows, []string{b.t("v.more", len(tr.Curve)-i), "", "", "", ""})
				break
			}
			within := b.t("no")
			switch {
			case p.Thin:
				within = b.t("v.nodata")
			case p.Within:
				within = b.t("yes")
			}
			t.Rows = append(t.Rows, []string{b.time(p.Start), num(p.All), num(p.Negative), b.ratio(p.Share()), within})
		}
		blocks = append(blocks, block{Table: t})
	}
	return section{ID: "trust", Title: b.t("h.trust"), Blocks: blocks}
}

func (b *builder) lessons() []section {
	l := b.r.Lessons
	out := []section{{ID: "lessons", Title: b.t("h.lessons")}}
	for _, part := range []struct {
		id, key string
		notes   []model.Note
	}{{"wentwell", "h.wentwell", l.WentWell}, {"wentwrong", "h.wentwrong", l.WentWrong}, {"actions", "h.actions", l.Actions}} {
		var items []string
		for _, n := range part.notes {
			items = append(items, b.u(n.Text, maxPostBytes)+b.t("paren", b.t("l.author", b.name(n.Author), b.time(n.At))))
		}
		bl := block{List: items}
		if len(items) == 0 {
			bl = block{Para: b.t("l.none")}
		}
		out = append(out, section{ID: part.id, Title: b.t(part.key), Sub: true, Blocks: []block{bl}})
	}
	return out
}

func (b *builder) definitions() section {
	o := b.r.Options
	items := []string{
		b.t("d.spike", o.SpikeMin, strconv.FormatFloat(o.SpikeFactor, 'g', -1, 64), o.SpikeLookback),
		b.t("d.tfs"),
		b.t("d.legal"),
		b.t("d.clocks"),
		b.t("d.baseline"),
		b.t("d.recovery", o.Sustain, o.MinMentions),
		b.t("d.influence", b.dur(o.InfluencerWindow), b.dur(o.InfluencerWindow)),
		b.t("d.top"),
	}
	if b.r.Drill != nil {
		items = append(items, b.t("d.debrief"))
	}
	return section{ID: "definitions", Title: b.t("h.definitions"), Blocks: []block{{List: items}}}
}
