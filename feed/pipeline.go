// Package feed brings mentions in and judges them: decoders for real
// formats, a follower for growing files, a loopback webhook, the drill
// generator, the classifier and early warning. Pipeline joins them:
// decode -> sanitize -> classify -> store -> alert -> notify.
package feed

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"time"

	"warroom/feed/alert"
	"warroom/feed/classify"
	"warroom/feed/decode"
	"warroom/model"
)

// Store is where the pipeline puts what it made; data.Writer satisfies it
// through a small adapter in main. Mention and Reject only enqueue: the
// store batches them and reports commits back through Pipeline.Committed.
type Store interface {
	Mention(m *model.Mention)
	Reject(r decode.Reject)
	// SaveAlert inserts (ID 0) or updates an alert and returns its id once
	// committed. Alerts are rare, so waiting for them is cheap.
	SaveAlert(ctx context.Context, a model.Alert) (int64, error)
	Flush(ctx context.Context) error
}

// Update is what changed in the incident file, for whoever shows it.
type Update struct {
	Mentions []*model.Mention
	Alerts   []*model.Alert
}

// Stats count one run of the pipeline.
type Stats struct {
	Read       int            // records decoded, good or bad
	Stored     int            // mentions committed
	Duplicates int            // mentions already in the file (same platform and id)
	Rejected   map[string]int // by reason
	Alerts     int            // distinct alerts raised or escalated (a wave that grows is one)
}

// RejectedTotal sums the rejects.
func (s Stats) RejectedTotal() int {
	n := 0
	for _, v := range s.Rejected {
		n += v
	}
	return n
}

// String is the one-paragraph summary `warroom ingest` prints.
func (s Stats) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "read %d, stored %d, duplicates %d, rejected %d, alerts %d", s.Read, s.Stored, s.Duplicates, s.RejectedTotal(), s.Alerts)
	reasons := make([]string, 0, len(s.Rejected))
	for r := range s.Rejected {
		reasons = append(reasons, r)
	}
	sort.Slice(reasons, func(i, j int) bool {
		if s.Rejected[reasons[i]] != s.Rejected[reasons[j]] {
			return s.Rejected[reasons[i]] > s.Rejected[reasons[j]]
		}
		return reasons[i] < reasons[j]
	})
	for _, r := range reasons {
		fmt.Fprintf(&b, "\n  rejected %6d  %s", s.Rejected[r], r)
	}
	return b.String()
}

// Options configure a Pipeline.
type Options struct {
	Store      Store
	Clock      model.Clock
	Classifier *classify.Classifier
	Detector   *alert.Detector // nil: no early warning (e.g. plain import of old data)
	Notify     func(Update)    // called from the pipeline's goroutine; may be nil
	// KeepIngestTime leaves a mention's IngestedAt alone when it is set, so
	// a drill's virtual arrival times survive.
	KeepIngestTime bool
}

// Pipeline classifies and stores mentions, and turns committed ones into
// alerts and UI updates. Its methods are safe for concurrent use.
type Pipeline struct {
	opts Options

	mu      sync.Mutex
	cond    *sync.Cond
	queue   []commit
	closed  bool
	busy    int // commits queued or being handled
	done    chan struct{}
	stats   Stats
	alerted map[int64]bool // alert ids counted in stats.Alerts
	lastErr error
}

type commit struct {
	mentions   []*model.Mention
	duplicates int
}

// New starts a pipeline. Close stops it.
func New(opts Options) *Pipeline {
	if opts.Clock == nil {
		opts.Clock = model.WallClock{}
	}
	if opts.Classifier == nil {
		opts.Classifier = classify.New()
	}
	p := &Pipeline{opts: opts, done: make(chan struct{}), stats: Stats{Rejected: map[string]int{}}, alerted: map[int64]bool{}}
	p.cond = sync.NewCond(&p.mu)
	go p.run()
	return p
}

// Prepare judges a decoded mention and stamps its arrival time. A mention
// with no id gets one made from its content (generic CSV exports often
// have no id column): every source passes here on its way to the file,
// which keys mentions on platform and id and would refuse it.
func (p *Pipeline) Prepare(m *model.Mention) {
	if !p.opts.KeepIngestTime || m.IngestedAt.IsZero() {
		m.IngestedAt = p.opts.Clock.Now()
	}
	if m.Platform == "" {
		m.Platform = model.Other
	}
	if m.ExternalID == "" {
		m.ExternalID = contentID(m)
	}
	p.opts.Classifier.Classify(m)
}

// Add prepares and enqueues mentions for storing.
func (p *Pipeline) Add(ms ...*model.Mention) {
	for _, m := range ms {
		p.Prepare(m)
		p.opts.Store.Mention(m)
	}
	p.countRead(len(ms))
}

// Reject records a bad record.
func (p *Pipeline) Reject(r decode.Reject) {
	p.opts.Store.Reject(r)
	p.countReject(r.Reason)
}

func (p *Pipeline) countReject(reason string) {
	p.mu.Lock()
	p.stats.Read++
	p.stats.Rejected[reason]++
	p.mu.Unlock()
}

func (p *Pipeline) countRead(n int) {
	p.mu.Lock()
	p.stats.Read += n
	p.mu.Unlock()
}

// Ingest reads every record from r until it ends (or ctx is done) and
// enqueues it. progress, when set, is called every few thousand records.
func (p *Pipeline) Ingest(ctx context.Context, r io.Reader, source string, opts decode.Options, progress func(read int64)) error {
	return p.read(ctx, r, source, opts, progress, func(m *model.Mention) { p.Add(m) })
}

// Collect reads every record from r like Ingest, but keeps the mentions
// for AddPosted instead of enqueuing them (they count as read); rejects are
// stored at once.
func (p *Pipeline) Collect(ctx context.Context, r io.Reader, source string, opts decode.Options, progress func(read int64), into *[]*model.Mention) error {
	return p.read(ctx, r, source, opts, progress, func(m *model.Mention) {
		*into = append(*into, m)
		p.countRead(1)
	})
}

func (p *Pipeline) read(ctx context.Context, r io.Reader, source string, opts decode.Options, progress func(read int64), add func(*model.Mention)) error {
	dr, err := decode.NewReader(r, source, opts)
	if err != nil {
		return err
	}
	var n int64
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		it, err := dr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read %s: %w", source, err)
		}
		if it.Reject != nil {
			p.Reject(*it.Reject)
		} else {
			add(it.Mention)
		}
		if n++; progress != nil && n%4096 == 0 {
			progress(n)
		}
	}
}

// AddPosted enqueues mentions in the order they were posted, each stamped
// as arriving when it was posted, so the file's timeline, its charts and
// its alerts follow the posts' own times: for loading a crawl of the past
// hours. The pipeline must keep ingest times (Options.KeepIngestTime).
//
// Some post times cannot be a place on that timeline. One later than now
// (a crawl whose time zone is wrong) is stamped now: the file's times never
// go back, so one post in the future would hold every later arrival there.
// One before since (when set), such as an old post a keyword crawl dug up,
// and a mention with no post time arrive now, after the others, as they
// would without post times: a stray post from years ago must not stretch
// the incident over years.
//
// It stops between mentions once ctx is done; what it enqueued by then is
// the earliest part of the crawl, so the file stays in time order.
func (p *Pipeline) AddPosted(ctx context.Context, ms []*model.Mention, since time.Time) error {
	now := p.opts.Clock.Now()
	stamp := func(m *model.Mention) time.Time {
		switch t := m.CreatedAt; {
		case t.IsZero() || !since.IsZero() && t.Before(since):
			return time.Time{} // now, after the others
		case t.After(now):
			return now
		default:
			return t
		}
	}
	for _, m := range ms {
		m.IngestedAt = stamp(m) // zero: Prepare stamps it now
	}
	sort.SliceStable(ms, func(i, j int) bool {
		a, b := ms[i].IngestedAt, ms[j].IngestedAt
		if a.IsZero() || b.IsZero() {
			return !a.IsZero() && b.IsZero()
		}
		return a.Before(b)
	})
	for i, m := range ms {
		if i%1024 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		p.Prepare(m)
		p.opts.Store.Mention(m)
	}
	return nil
}

// Committed tells the pipeline that the store committed these mentions (with
// ids set), and which mentions it refused and kept as rejects instead: those
// were read already, and count as rejected. It never blocks, because it is
// called from the store's writer.
func (p *Pipeline) Committed(mentions []*model.Mention, duplicates int, refused []decode.Reject) {
	if len(refused) > 0 {
		p.mu.Lock()
		for _, r := range refused {
			p.stats.Rejected[r.Reason]++
		}
		p.mu.Unlock()
	}
	if len(mentions) == 0 && duplicates == 0 {
		return
	}
	p.mu.Lock()
	p.queue = append(p.queue, commit{mentions, duplicates})
	p.busy++
	p.mu.Unlock()
	p.cond.Broadcast()
}

func (p *Pipeline) run() {
	defer close(p.done)
	for {
		p.mu.Lock()
		for len(p.queue) == 0 && !p.closed { // Wait also waits on cond; Broadcast wakes both
			p.cond.Wait()
		}
		if len(p.queue) == 0 && p.closed {
			p.mu.Unlock()
			return
		}
		batch := p.queue
		p.queue = nil
		p.mu.Unlock()

		var up Update
		dups := 0
		for _, c := range batch {
			up.Mentions = append(up.Mentions, c.mentions...)
			dups += c.duplicates
		}
		up.Alerts = p.detect(up.Mentions)
		p.mu.Lock()
		p.stats.Stored += len(up.Mentions)
		p.stats.Duplicates += dups
		for _, a := range up.Alerts {
			if !p.alerted[a.ID] {
				p.alerted[a.ID] = true
				p.stats.Alerts++
			}
		}
		p.mu.Unlock()
		if p.opts.Notify != nil && (len(up.Mentions) > 0 || len(up.Alerts) > 0) {
			p.opts.Notify(up)
		}
		p.mu.Lock()
		p.busy -= len(batch)
		p.mu.Unlock()
		p.cond.Broadcast()
	}
}

// detect runs early warning over committed mentions and stores what it
// raises. The detector is only ever touched from the pipeline's goroutine.
func (p *Pipeline) detect(ms []*model.Mention) []*model.Alert {
	d := p.opts.Detector
	if d == nil {
		return nil
	}
	var raised []*model.Alert
	seen := map[*model.Alert]bool{}
	for _, m := range ms {
		for _, a := range d.Observe(m) {
			if !seen[a] {
				seen[a] = true
				raised = append(raised, a)
			}
		}
	}
	out := make([]*model.Alert, 0, len(raised))
	for _, a := range raised {
		id, err := p.opts.Store.SaveAlert(context.Background(), *a)
		if err != nil {
			p.mu.Lock()
			p.lastErr = fmt.Errorf("store alert %s: %w", a.Key, err)
			p.mu.Unlock()
			continue
		}
		a.ID = id
		cp := *a // the UI gets a copy: the detector keeps changing its own
		out = append(out, &cp)
	}
	return out
}

// Stats returns the counts so far.
func (p *Pipeline) Stats() Stats {
	p.mu.Lock()
	defer p.mu.Unlock()
	s := p.stats
	s.Rejected = make(map[string]int, len(p.stats.Rejected))
	for k, v := range p.stats.Rejected {
		s.Rejected[k] = v
	}
	return s
}

// Err returns the last error met while storing alerts.
func (p *Pipeline) Err() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.lastErr
}

// Wait flushes the store and waits until every commit so far has been
// through early warning and been notified.
func (p *Pipeline) Wait(ctx context.Context) error {
	if err := p.opts.Store.Flush(ctx); err != nil {
		return err
	}
	// Broadcast under the lock, so the wake-up cannot fall between the
	// check below and Wait.
	stop := context.AfterFunc(ctx, func() {
		p.mu.Lock()
		p.cond.Broadcast()
		p.mu.Unlock()
	})
	defer stop()
	p.mu.Lock()
	for p.busy > 0 && ctx.Err() == nil {
		p.cond.Wait()
	}
	p.mu.Unlock()
	return ctx.Err()
}

// Close stops the pipeline after the queued commits are handled.
func (p *Pipeline) Close() {
	p.mu.Lock()
	p.closed = true
	p.mu.Unlock()
	p.cond.Broadcast()
	<-p.done
}
