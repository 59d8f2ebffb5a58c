package data

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	sqlite3 "modernc.org/sqlite/lib"

	"warroom/model"
)

// WriterOptions tune the writer. The zero value is sensible.
type WriterOptions struct {
	// MaxBatch is the most rows one transaction takes (default 4000).
	MaxBatch int
	// MaxDelay is how long a batch waits for more rows after its first one
	// (default 5ms): a batch closes at MaxBatch rows or MaxDelay, whichever
	// comes first.
	MaxDelay time.Duration
	// OnCommit, if set, is called from the writer goroutine after every
	// transaction, committed or failed. It must not block for long (forward
	// to the UI and return) and must not call the writer's Flush, Submit or
	// Close, which wait for this goroutine.
	OnCommit func(Commit)
	// Queue is how many rows may wait for the writer before the enqueue
	// methods block (default 4 * MaxBatch, 16000 rows): the back-pressure
	// on sources.
	Queue int
	// IndexBatch is how many mentions one indexing transaction takes
	// (default 5000). Indexing fills the search and author indexes and the
	// platform, thread and severe lists (the indexed views); it runs when
	// the writer is idle, and between batches when it has fallen IndexLag
	// mentions behind.
	IndexBatch int
	// IndexLag is how far indexing may fall behind under load (default
	// 50000). Mentions not yet indexed are still found, by scanning them,
	// so this bounds the latency of the indexed views during bursts.
	IndexLag int
	// DeferIndex leaves indexing to a later writer: for bulk loads that
	// want every cycle for storing. Flush then does not wait for it, and
	// until a writer catches up, the indexed views scan what the load
	// stored.
	DeferIndex bool
}

func (o *WriterOptions) defaults() {
	if o.MaxBatch <= 0 {
		o.MaxBatch = 4000
	}
	if o.MaxDelay <= 0 {
		o.MaxDelay = 5 * time.Millisecond
	}
	if o.Queue <= 0 {
		o.Queue = 4 * o.MaxBatch
	}
	if o.IndexBatch <= 0 {
		o.IndexBatch = 5000
	}
	if o.IndexLag <= 0 {
		o.IndexLag = 50000
	}
}

// Reject is input that could not be used, kept with its raw bytes so
// nothing a source sent is lost.
type Reject struct {
	ID     int64 // set when stored
	Source string
	Line   int
	Offset int64
	Reason string
	Raw    []byte
	At     time.Time
}

// Commit reports one transaction of the writer.
type Commit struct {
	// Mentions stored, in order, with ID set (and DupOf for reposts).
	Mentions []*model.Mention
	// Duplicates counts mentions ignored because one with the same platform
	// and external id is already stored. They are not errors.
	Duplicates int
	// Rejects stored, with ID set; includes mentions the file refused.
	Rejects []Reject
	// Refused are the rejects, also in Rejects, that were mentions the file
	// refused: already counted as read by whoever queued them, unlike
	// rejects queued as such.
	Refused []Reject
	// Events appended, with Seq set; includes the events of alerts.
	Events []model.Event
	// Alerts stored, with ID set.
	Alerts []*model.Alert
	// Warnings are problems that did not stop anything being stored: an
	// event that does not apply to the incident's state, an alert refused.
	Warnings []error
	// Err is set when rows could not be stored at all: Failed of them were
	// lost, and Err is the first row's error.
	Err    error
	Failed int
}

func (c *Commit) add(o Commit) {
	c.Mentions = append(c.Mentions, o.Mentions...)
	c.Duplicates += o.Duplicates
	c.Rejects = append(c.Rejects, o.Rejects...)
	c.Refused = append(c.Refused, o.Refused...)
	c.Events = append(c.Events, o.Events...)
	c.Alerts = append(c.Alerts, o.Alerts...)
	c.Warnings = append(c.Warnings, o.Warnings...)
	c.Failed += o.Failed
	if c.Err == nil {
		c.Err = o.Err
	}
}

type itemKind uint8

const (
	itemMention itemKind = iota
	itemReject
	itemEvent
	itemAlert
	itemSubmit // a request waiting for its reply; the rows come with it
	itemFlush
	itemClose
)

// item is one thing queued for the writer.
type item struct {
	kind  itemKind
	m     *model.Mention
	pm    *prepared // the mention's row, built on the caller's goroutine
	r     Reject
	e     model.Event
	ei    int // e's place among its request's events
	a     *model.Alert
	req   *request // the Submit it belongs to, if any
	reply chan error
	// refused marks a reject made of a mention the file refused.
	refused bool
}

// request is a Submit waiting for its own rows to be committed.
type request struct {
	ms      []*model.Mention
	pms     []*prepared
	rejects []Reject
	events  []model.Event
	alerts  []*model.Alert
	res     Commit
	done    chan Commit
}

// Writer is the incident file's only writer: one goroutine that batches
// everything queued to it into transactions, assigns ids and sequence
// numbers, keeps the aggregates and the state projections in step, and
// indexes mentions for search a little behind. Its methods are safe for
// concurrent use.
type Writer struct {
	s    *Store
	opts WriterOptions
	ch   chan item
	done chan struct{}
	err  error // set when the writer could not start

	// closing is held for reading while an item is queued and for writing
	// to mark the writer closed, so nothing queued can follow the close.
	closing sync.RWMutex
	closed  bool
	errMu   sync.Mutex
	errs    []error // failed batches not yet reported by Flush or Close

	// Owned by the writer goroutine.
	rc           *rconn
	st           *stmts
	state        *model.State
	hashes       *repostMemory // nil until needed
	newHashes    []uint64      // apply's buffer: hashes it added, undone if it rolls back
	repostWindow int           // RepostWindow; tests shrink it
	storedBuf    []stored      // apply's buffer, kept between transactions
	workBuf      []item        // commit's buffer, kept between batches
	lastID       int64         // highest mention id stored
	maxIngested  int64         // latest ingested_at stored, Unix ms; ingested_at never goes back
	ftsUpto      int64         // every mention with id <= ftsUpto is indexed
	dataVersion  int64         // SQLite's data_version when the memory was last read from the file
	ftsBroken    bool          // indexing failed; retried after the next batch
	agg          aggregates
	segBuf       []byte
	timer        *time.Timer
}

// NewWriter starts the store's writer. A store has at most one at a time;
// on a read-only store, or while another writer is open, every method of
// the returned writer fails (ErrReadOnly, ErrWriterActive), as does Err.
func (s *Store) NewWriter(opts WriterOptions) *Writer {
	opts.defaults()
	w := &Writer{s: s, opts: opts, done: make(chan struct{}), repostWindow: RepostWindow}
	_, err := s.writable()
	if err == nil {
		s.mu.Lock()
		if s.writer != nil {
			err = ErrWriterActive
		} else {
			s.writer = w
		}
		s.mu.Unlock()
		if err == nil {
			if err = w.start(); err != nil {
				s.mu.Lock()
				s.writer = nil
				s.mu.Unlock()
				err = fmt.Errorf("start writer: %w", err)
			}
		}
	}
	if err != nil {
		w.err = err
		w.closed = true
		select {
		case <-w.done:
		default:
			close(w.done)
		}
	}
	return w
}

// start starts the writer's goroutine, which opens the writer's
// connection and holds it for its whole life.
func (w *Writer) start() error {
	w.ch = make(chan item, w.opts.Queue)
	w.timer = time.NewTimer(time.Hour)
	w.timer.Stop()
	ready := make(chan error, 1)
	go w.run(ready)
	if err := <-ready; err != nil {
		<-w.done
		return err
	}
	return nil
}

// Err reports why the writer could not start, or nil.
func (w *Writer) Err() error { return w.err }

// load reads what the writer keeps in memory: the folded event log, the id
// and ingest-time high-water marks, and the search index position.
func (w *Writer) load() error {
	st, err := prepareStmts(w.rc)
	if err != nil {
		return err
	}
	w.st = st
	if err := w.reload(); err != nil {
		return err
	}
	w.agg.init()
	return nil
}

// reload reads the file's state into the writer's memory. Nothing is
// changed unless all of it was read: a half-loaded memory must not pass for
// the file's.
func (w *Writer) reload() error {
	v, _, err := w.st.dataVersion.one()
	if err != nil {
		return fmt.Errorf("read data version: %w", err)
	}
	state := model.NewState()
	err = w.st.events.each(func(row []any) error {
		// An event that does not apply was reported when it was written.
		_ = state.Apply(eventOf(row))
		return nil
	})
	if err != nil {
		return fmt.Errorf("load events: %w", err)
	}
	var lastID, maxIng int64
	err = w.st.last.each(func(row []any) error {
		lastID, maxIng = asInt64(row[0]), asInt64(row[1])
		return nil
	})
	if err != nil {
		return fmt.Errorf("load mentions: %w", err)
	}
	upto, _, err := w.st.upto.one()
	if err != nil {
		return fmt.Errorf("load search index position: %w", err)
	}
	w.state, w.lastID, w.maxIngested, w.ftsUpto, w.dataVersion = state, lastID, maxIng, upto, v
	return nil
}

// freshen reloads the writer's memory if another connection (another
// warroom process on the same file: an ingest beside a console) committed
// since this writer last looked. It runs inside a write transaction, which
// holds the file's write lock, so what it reads stays true until commit.
// Without it the writer would fold events against a stale log and index
// mentions the other process has indexed already.
func (w *Writer) freshen() error {
	v, _, err := w.st.dataVersion.one()
	if err != nil {
		return fmt.Errorf("read data version: %w", err)
	}
	if v == w.dataVersion {
		return nil
	}
	if err := w.reload(); err != nil {
		return err
	}
	w.ftsBroken = false // the index position is the file's again
	if w.hashes != nil {
		if err := w.seedHashes(); err != nil {
			w.dataVersion = -1 // load it all again next time
			return err
		}
	}
	return nil
}

// enqueue queues an item, waiting while the queue is full.
func (w *Writer) enqueue(ctx context.Context, it item) error {
	w.closing.RLock()
	defer w.closing.RUnlock()
	if w.closed {
		if w.err != nil {
			return w.err
		}
		return ErrClosed
	}
	select {
	case w.ch <- it:
		return nil
	case <-w.done:
		return ErrClosed
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Mention queues a mention. The writer owns m until a Commit reports it:
// it sets m.ID, m.DupOf for reposts of an earlier text, and rounds the
// times to what the file keeps (milliseconds; IngestedAt never earlier than
// the previous mention's). A mention already stored (same platform and
// external id) is counted in Commit.Duplicates and left unchanged.
func (w *Writer) Mention(m *model.Mention) error {
	return w.enqueue(context.Background(), item{kind: itemMention, m: m, pm: prepare(m)})
}

// Reject queues a reject.
func (w *Writer) Reject(r Reject) error {
	return w.enqueue(context.Background(), item{kind: itemReject, r: r})
}

// Event queues an event for the log; the writer assigns Seq. Callers check
// it first with State.Try: the writer stores it even if it does not apply,
// and reports that in Commit.Warnings.
func (w *Writer) Event(e model.Event) error {
	return w.enqueue(context.Background(), item{kind: itemEvent, e: e})
}

// Alert queues an alert: a new one when a.ID is 0 (or an update of the
// alert with the same Key), else an update of alert a.ID. The same
// transaction appends a model.KindAlert event when the alert is new or
// anything it shows changed (level, message, category, figures), so the
// event log knows it as it stood at every moment. The writer sets
// a.ID; an acknowledgement already stored is kept unless a sets its own.
// Like a mention, a belongs to the writer until a Commit reports it.
func (w *Writer) Alert(a *model.Alert) error {
	return w.enqueue(context.Background(), item{kind: itemAlert, a: a})
}

// Submit stores exactly these mentions and rejects and waits until they
// are committed, for callers that must answer only once the data is safe
// (the webhook). The Commit covers this request alone.
func (w *Writer) Submit(ctx context.Context, ms []*model.Mention, rejects []Reject) (Commit, error) {
	req := &request{ms: ms, rejects: rejects, done: make(chan Commit, 1)}
	req.pms = make([]*prepared, len(ms))
	for i, m := range ms {
		req.pms[i] = prepare(m)
	}
	return w.submit(ctx, req)
}

// SubmitEvents appends events and returns once exactly these are committed
// (with Seq set), or with the error that stopped them: unlike Flush, never
// another caller's failure, so the console shows as done only what the file
// holds.
func (w *Writer) SubmitEvents(ctx context.Context, evs []model.Event) ([]model.Event, error) {
	c, err := w.submit(ctx, &request{events: evs, done: make(chan Commit, 1)})
	return c.Events, err
}

// SubmitAlert inserts or updates an alert (setting a.ID) and returns once
// it is committed, or with the error that stopped it.
func (w *Writer) SubmitAlert(ctx context.Context, a *model.Alert) error {
	_, err := w.submit(ctx, &request{alerts: []*model.Alert{a}, done: make(chan Commit, 1)})
	return err
}

func (w *Writer) submit(ctx context.Context, req *request) (Commit, error) {
	if err := w.enqueue(ctx, item{kind: itemSubmit, req: req}); err != nil {
		return Commit{}, err
	}
	select {
	case c := <-req.done:
		return c, c.Err
	case <-ctx.Done():
		return Commit{}, ctx.Err() // queued: it will still be stored
	}
}

// Flush returns once everything queued before it is committed and indexed
// for search. It returns the errors of batches that failed since the last
// Flush.
func (w *Writer) Flush(ctx context.Context) error {
	reply := make(chan error, 1)
	if err := w.enqueue(ctx, item{kind: itemFlush, reply: reply}); err != nil {
		return err
	}
	select {
	case err := <-reply:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Close flushes, stops the writer and checkpoints the WAL into the file.
// It returns the errors not yet reported by Flush.
func (w *Writer) Close() error {
	w.closing.Lock()
	if w.closed {
		w.closing.Unlock()
		if w.err != nil {
			return w.err
		}
		return nil
	}
	w.closed = true
	w.closing.Unlock()
	reply := make(chan error, 1)
	// Sent directly: enqueue refuses once closed is set.
	w.ch <- item{kind: itemClose, reply: reply}
	err := <-reply
	<-w.done
	w.s.mu.Lock()
	if w.s.writer == w {
		w.s.writer = nil
	}
	w.s.mu.Unlock()
	return err
}

// run is the writer goroutine. It reports on ready whether it started.
func (w *Writer) run(ready chan<- error) {
	// One OS thread for the writer's life: its connection's hot state stays
	// in one core's caches, and OnCommit can read the thread's CPU clock.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	defer close(w.done)
	rc, err := openConn(w.s.path, pragmas(false))
	if err != nil {
		ready <- err
		return
	}
	w.rc = rc
	defer rc.close()
	// Before load, which may fail after preparing: a statement left
	// unfinalized would keep the connection, and its file, open.
	defer func() {
		if w.st != nil {
			w.st.close()
		}
	}()
	if err := w.load(); err != nil {
		ready <- err
		return
	}
	ready <- nil
	w.loop()
}

func (w *Writer) loop() {
	var batch []item
	for {
		var first item
		if w.indexPending() {
			select {
			case first = <-w.ch:
			default:
				// Idle: catch up with search indexing.
				w.index(w.opts.IndexBatch)
				continue
			}
		} else {
			first = <-w.ch
		}
		batch = w.collect(batch[:0], first)
		w.commit(batch)
		w.ftsBroken = false
		for _, it := range batch {
			switch it.kind {
			case itemFlush:
				it.reply <- w.catchUp()
			case itemClose:
				err := w.catchUp()
				if cerr := w.rc.exec(`PRAGMA wal_checkpoint(TRUNCATE)`); cerr != nil {
					err = errors.Join(err, fmt.Errorf("checkpoint: %w", cerr))
				}
				it.reply <- err
				return
			}
		}
		if w.lagging() {
			w.index(w.opts.IndexBatch)
		}
	}
}

// collect gathers a batch: up to MaxBatch rows, for at most MaxDelay after
// the first, ending early at a Flush or Close.
func (w *Writer) collect(batch []item, first item) []item {
	rows := 0
	add := func(it item) bool {
		batch = append(batch, it)
		switch it.kind {
		case itemSubmit:
			rows += len(it.req.ms) + len(it.req.rejects) + len(it.req.events) + len(it.req.alerts)
		case itemFlush, itemClose:
			return false
		default:
			rows++
		}
		return rows < w.opts.MaxBatch
	}
	if !add(first) {
		return batch
	}
	w.timer.Reset(w.opts.MaxDelay)
	defer w.timer.Stop()
	for {
		select {
		case it := <-w.ch:
			if !add(it) {
				return batch
			}
		case <-w.timer.C:
			return batch
		}
	}
}

// commit stores a batch in one transaction. If that fails because of a
// row, it retries the rows one by one, so one poisoned row costs only
// itself: a mention the file refuses becomes a reject, anything else a
// failure reported to its caller.
func (w *Writer) commit(batch []item) {
	work := w.workBuf[:0]
	defer func() {
		clear(work) // drop the pointers, keep the room (that of a normal batch)
		if cap(work) <= 2*w.opts.MaxBatch {
			w.workBuf = work[:0]
		}
	}()
	var reqs []*request
	for _, it := range batch {
		switch it.kind {
		case itemSubmit:
			reqs = append(reqs, it.req)
			for i, m := range it.req.ms {
				work = append(work, item{kind: itemMention, m: m, pm: it.req.pms[i], req: it.req})
			}
			for _, r := range it.req.rejects {
				work = append(work, item{kind: itemReject, r: r, req: it.req})
			}
			for i, e := range it.req.events {
				work = append(work, item{kind: itemEvent, e: e, ei: i, req: it.req})
			}
			for _, a := range it.req.alerts {
				work = append(work, item{kind: itemAlert, a: a, req: it.req})
			}
		case itemFlush, itemClose:
		default:
			work = append(work, it)
		}
	}
	if len(work) == 0 {
		for _, r := range reqs {
			r.done <- r.res
		}
		return
	}
	c, err := w.apply(work)
	// A locked, full or failing file is no fault of the rows: wait and try
	// the whole batch again, and if the file stays unwritable fail the batch
	// as one, rather than turning good mentions into rejects.
	for wait := 100 * time.Millisecond; err != nil && transient(err) && wait <= 3200*time.Millisecond; wait *= 2 {
		time.Sleep(wait)
		c, err = w.apply(work)
	}
	if err != nil && transient(err) {
		c = Commit{Err: fmt.Errorf("store a batch of %d rows: %w", len(work), err), Failed: len(work)}
		seen := map[*request]bool{}
		for _, it := range work {
			if it.req != nil && !seen[it.req] {
				seen[it.req] = true
				r := it.req
				it.req.res.add(Commit{Err: c.Err, Failed: len(r.ms) + len(r.rejects) + len(r.events) + len(r.alerts)})
			}
		}
	} else if err != nil {
		c = Commit{}
		for i := 0; i < len(work); {
			// A request's events go together, as they were checked: one of
			// them alone could pass where the whole was refused.
			j := i + 1
			if it := work[i]; it.kind == itemEvent && it.req != nil {
				for j < len(work) && work[j].kind == itemEvent && work[j].req == it.req {
					j++
				}
			}
			one, err := w.apply(work[i:j])
			if err != nil {
				one = Commit{}
				for _, it := range work[i:j] {
					one.add(w.poisoned(it, err))
				}
			}
			c.add(one)
			i = j
		}
	}
	if c.Err != nil {
		w.errMu.Lock()
		w.errs = append(w.errs, c.Err)
		w.errMu.Unlock()
	}
	if w.s.ckpt != nil {
		w.s.ckpt.poke()
	}
	if w.opts.OnCommit != nil {
		w.opts.OnCommit(c)
	}
	for _, r := range reqs {
		r.done <- r.res
	}
}

// poisoned turns a mention that failed alone into a reject, and any other
// row into a failure the caller hears about.
func (w *Writer) poisoned(it item, cause error) Commit {
	switch it.kind {
	case itemMention:
		raw, _ := json.Marshal(it.m)
		r := Reject{Source: it.m.Source, Line: int(it.m.Line), Reason: "store: " + cause.Error(), Raw: raw, At: it.m.IngestedAt}
		c, err := w.apply([]item{{kind: itemReject, r: r, req: it.req, refused: true}})
		if err == nil {
			return c
		}
		cause = errors.Join(cause, err)
	}
	// An event or alert the file refuses is a failure, not a warning: the
	// console must not show as done an approval the file does not hold.
	c := Commit{Err: fmt.Errorf("store %s: %w", kindName(it), cause), Failed: 1}
	if it.req != nil {
		it.req.res.add(c)
	}
	return c
}

func kindName(it item) string {
	switch it.kind {
	case itemMention:
		return fmt.Sprintf("mention %s/%s", it.m.Platform, it.m.ExternalID)
	case itemReject:
		return fmt.Sprintf("reject from %s line %d", it.r.Source, it.r.Line)
	case itemEvent:
		return "event " + it.e.Kind
	case itemAlert:
		return "alert " + it.a.Key
	}
	return "row"
}

// stored is what one apply did, published to the caller's structs only
// once the transaction has committed.
type stored struct {
	refusal           error // a request's events the file refused
	refusedN          int   // how many
	dup               bool  // a duplicate of a Submit's
	r                 *Reject
	refused           bool // r is a mention the file refused
	m                 *model.Mention
	id, dupOf, ingest int64
	created           time.Time
	a                 *model.Alert
	ev                *model.Event
	req               *request
}

// apply writes items in one transaction and, only if it commits, updates
// the writer's memory and the callers' structs.
func (w *Writer) apply(items []item) (Commit, error) {
	tx, err := w.rc.begin()
	if err != nil {
		return Commit{}, err
	}
	if err := w.freshen(); err != nil {
		tx.Rollback()
		return Commit{}, err
	}
	var (
		c         Commit
		done      = w.storedBuf[:0]
		newHashes = w.newHashes[:0] // texts first seen in this transaction
		state     = w.state
		lastID    = w.lastID
		maxIng    = w.maxIngested
		committed = false
		refusals  = map[*request]error{} // of the requests whose events were checked
	)
	defer func() {
		if !committed {
			tx.Rollback()
			// Forget the texts this transaction would have introduced.
			for _, h := range newHashes {
				w.hashes.forget(h)
			}
		}
		clear(done) // drop the pointers, keep the room (that of a normal batch)
		if cap(done) <= 2*w.opts.MaxBatch {
			w.storedBuf = done[:0]
		}
		w.newHashes = newHashes[:0]
	}()
	w.agg.reset()
	for _, it := range items {
		if (it.kind == itemEvent || it.kind == itemAlert) && state == w.state {
			state = w.state.Clone()
		}
		if it.kind == itemMention && w.hashes == nil {
			if err := w.seedHashes(); err != nil {
				return Commit{}, err
			}
		}
	}
	projections := false
	for _, it := range items {
		switch it.kind {
		case itemMention:
			m, pm := it.m, it.pm
			ing := m.IngestedAt.UnixMilli()
			switch {
			case m.IngestedAt.IsZero() && lastID == 0 && !m.CreatedAt.IsZero():
				ing = m.CreatedAt.UnixMilli()
			case m.IngestedAt.IsZero() || ing < maxIng:
				ing = maxIng // ingest time never goes back: see schema
			}
			dupOf := m.DupOf
			if pm.hashed && dupOf == 0 {
				dupOf = w.hashes.get(pm.hash)
			}
			pm.vals[argIngested] = ing
			pm.vals[argDupOf] = nil
			if dupOf != 0 {
				pm.vals[argDupOf] = dupOf
			}
			if pm.invalid != "" {
				raw, _ := json.Marshal(m)
				r := Reject{Source: m.Source, Line: int(m.Line), Reason: "store: " + pm.invalid, Raw: raw, At: m.IngestedAt}
				if err := w.storeReject(&r, true, it.req, &c, &done); err != nil {
					return Commit{}, err
				}
				continue
			}
			res, err := w.st.mention.execValues(pm.vals)
			if err != nil {
				return Commit{}, err
			}
			if res.changes == 0 {
				c.Duplicates++
				if it.req != nil {
					done = append(done, stored{dup: true, req: it.req})
				}
				continue
			}
			id := res.id
			if pm.hashed && dupOf == 0 {
				w.hashes.put(pm.hash, id)
				newHashes = append(newHashes, pm.hash)
			}
			lastID, maxIng = id, ing
			created := truncMS(m.CreatedAt)
			w.agg.add(m, ing, created)
			done = append(done, stored{m: m, id: id, dupOf: dupOf, ingest: ing, created: created, req: it.req})
		case itemReject:
			r := it.r
			if err := w.storeReject(&r, it.refused, it.req, &c, &done); err != nil {
				return Commit{}, err
			}
		case itemEvent:
			if it.req != nil {
				// A console's action is checked against the file as it is
				// now, which may hold another console's action since the
				// console checked it (two new tasks both named t20): the
				// whole request is refused, and nothing half-written.
				if _, ok := refusals[it.req]; !ok {
					// From this event on: a request's events are applied
					// together, but ei keeps the check exact if they are not.
					err := tryAll(state, it.req.events[it.ei:])
					refusals[it.req] = err
					if err != nil {
						done = append(done, stored{refusal: err, refusedN: len(it.req.events) - it.ei, req: it.req})
					}
				}
				if refusals[it.req] != nil {
					continue
				}
			}
			e, warn, err := w.appendEvent(state, it.e)
			if err != nil {
				return Commit{}, err
			}
			c.Events = append(c.Events, e)
			if warn != nil {
				c.Warnings = append(c.Warnings, warn)
			}
			if it.req != nil {
				done = append(done, stored{ev: &e, req: it.req})
			}
			projections = true
		case itemAlert:
			a := *it.a
			id, err := w.upsertAlert(&a)
			if err != nil {
				return Commit{}, err
			}
			prev := state.Alert(id)
			// Every change the console shows goes to the log, figures
			// included: a replay shows the alert as it stood then.
			fig := a.Figures()
			if prev == nil || prev.Level < a.Level || prev.Message != a.Message ||
				(a.Category != model.CategoryNone && prev.Category != a.Category) ||
				prev.Figures == nil || !prev.Figures.Equal(fig) {
				at := a.UpdatedAt
				if at.IsZero() || prev == nil {
					at = a.At
				}
				ev := model.NewEvent(at, model.KindAlert, alertActor, model.AlertPayload{
					ID: id, Rule: a.Rule, Level: a.Level, Category: a.Category, Message: a.Message, Figures: &fig})
				e, warn, err := w.appendEvent(state, ev)
				if err != nil {
					return Commit{}, err
				}
				c.Events = append(c.Events, e)
				if warn != nil {
					c.Warnings = append(c.Warnings, warn)
				}
				projections = true
			}
			done = append(done, stored{a: it.a, id: id, req: it.req})
		}
	}
	if err := w.agg.write(w.st); err != nil {
		return Commit{}, err
	}
	if projections {
		if err := writeProjections(w.st, state); err != nil {
			return Commit{}, err
		}
	}
	if err := tx.Commit(); err != nil {
		return Commit{}, err
	}
	committed = true
	// Committed: publish.
	w.state, w.lastID, w.maxIngested = state, lastID, maxIng
	for _, d := range done {
		switch {
		case d.dup:
			d.req.res.Duplicates++
		case d.m != nil:
			d.m.ID, d.m.DupOf = d.id, d.dupOf
			d.m.IngestedAt, d.m.CreatedAt = time.UnixMilli(d.ingest).UTC(), d.created
			c.Mentions = append(c.Mentions, d.m)
			if d.req != nil {
				d.req.res.Mentions = append(d.req.res.Mentions, d.m)
			}
		case d.r != nil:
			d.req.res.Rejects = append(d.req.res.Rejects, *d.r)
			if d.refused {
				d.req.res.Refused = append(d.req.res.Refused, *d.r)
			}
		case d.a != nil:
			d.a.ID = d.id
			c.Alerts = append(c.Alerts, d.a)
			if d.req != nil {
				d.req.res.Alerts = append(d.req.res.Alerts, d.a)
			}
		case d.ev != nil:
			d.req.res.Events = append(d.req.res.Events, *d.ev)
		case d.refusal != nil:
			d.req.res.add(Commit{Err: d.refusal, Failed: d.refusedN})
		}
	}
	return c, nil
}

// alertActor is the actor of the events the writer appends for alerts.
const alertActor = "warroom"

// prepared is a mention's row, built when it is queued, on the caller's
// goroutine: hashing and argument building then run beside the writer
// instead of in it. The writer fills in the two slots only it can know.
type prepared struct {
	vals    []any
	hash    uint64
	hashed  bool
	invalid string // why the mention cannot be stored, if it cannot
}

// Positions in prepared.args the writer sets.
const (
	argIngested = 9
	argDupOf    = 17
)

func prepare(m *model.Mention) *prepared {
	pm := &prepared{}
	// The file keys mentions on these two; decoders never pass them empty,
	// but the writer is the last line and the schema has no CHECK for it.
	switch {
	case m.Platform == "":
		pm.invalid = "mention has no platform"
	case m.ExternalID == "":
		pm.invalid = "mention has no external id"
	}
	pm.hash, pm.hashed = textHash(m.Text)
	var raw, parent, hash, terms any
	if m.RawText != m.Text {
		raw = m.RawText
	}
	if m.ParentID != "" {
		parent = m.ParentID
	}
	if pm.hashed {
		hash = int64(pm.hash)
	}
	if len(m.Terms) > 0 {
		b, _ := json.Marshal(m.Terms) // a []string always marshals
		terms = string(b)
	}
	var created any
	if !m.CreatedAt.IsZero() {
		created = m.CreatedAt.UnixMilli()
	}
	pm.vals = []any{string(m.Platform), m.ExternalID, m.AuthorName, m.AuthorID, m.AuthorFollowers,
		m.Verified, m.Text, raw, created, nil, m.Likes, m.Comments, m.Shares, m.URL, parent,
		m.IPLocation, m.Source, nil, hash, m.Sentiment, m.Negative, string(m.Category), int64(m.Severity), terms}
	return pm
}

// storeReject inserts a reject, setting its ID, and notes it in the
// transaction's Commit and, for a Submit, in what the caller hears.
// refused says it is a mention the file refused.
func (w *Writer) storeReject(r *Reject, refused bool, req *request, c *Commit, done *[]stored) error {
	r.At = truncMS(r.At)
	var raw any
	if r.Raw != nil {
		raw = r.Raw
	}
	res, err := w.st.reject.exec(r.Source, int64(r.Line), r.Offset, r.Reason, raw, msOrNil(r.At))
	if err != nil {
		return err
	}
	r.ID = res.id
	c.Rejects = append(c.Rejects, *r)
	if refused {
		c.Refused = append(c.Refused, *r)
	}
	if req != nil {
		*done = append(*done, stored{r: r, refused: refused, req: req})
	}
	return nil
}

// tryAll reports whether evs, in order, fold into state and meet the rules
// for new actions, without changing state.
func tryAll(state *model.State, evs []model.Event) error {
	c := state.Clone()
	for _, e := range evs {
		if err := c.Allowed(e); err != nil {
			return err
		}
		if err := c.Apply(e); err != nil {
			return err
		}
	}
	return nil
}

// appendEvent stores an event and folds it into state. The event is
// stored even if it does not apply; the error comes back as a warning.
func (w *Writer) appendEvent(state *model.State, e model.Event) (model.Event, error, error) {
	e.At = truncMS(e.At)
	if len(e.Payload) == 0 {
		e.Payload = json.RawMessage("null")
	}
	res, err := w.st.event.exec(msOrNil(e.At), e.Kind, e.Actor, string(e.Payload))
	if err != nil {
		return e, nil, err
	}
	e.Seq = res.id
	if err := state.Apply(e); err != nil {
		return e, err, nil
	}
	if e.Kind == model.KindAlertAck {
		// The alert row carries the acknowledgement too.
		var p model.AlertPayload
		if e.Decode(&p) == nil {
			if _, err := w.st.ackAlert.exec(msOrNil(e.At), e.Actor, p.ID); err != nil {
				return e, nil, err
			}
		}
	}
	return e, nil, nil
}

// upsertAlert writes an alert row and returns its id.
func (w *Writer) upsertAlert(a *model.Alert) (int64, error) {
	var key any
	if a.Key != "" {
		key = a.Key
	}
	args := []any{key, a.Rule, string(a.Platform), a.Level.String(), msOrNil(a.At), msOrNil(a.UpdatedAt),
		msOrNil(a.WindowFrom), msOrNil(a.WindowTo), a.Count, a.Baseline, a.Value, a.Threshold, string(a.Category),
		jsonOrNil(a.Terms), jsonOrNil(a.Evidence), a.Message, msOrNil(a.AckedAt), a.AckedBy}
	st := w.st.insAlert
	if a.ID != 0 {
		st = w.st.putAlert
		args = append([]any{a.ID}, args...)
	}
	id, _, err := st.one(args...)
	return id, err
}

func jsonOrNil[T any](v []T) any {
	if len(v) == 0 {
		return nil
	}
	b, _ := json.Marshal(v) // slices of strings and ints always marshal
	return string(b)
}

// RepostWindow is how many of the newest mentions the writer reads, when
// it starts on an existing file, to link reposts to; within a session it
// remembers between one and two windows of the newest originals, so a long
// session's memory stays bounded.
const RepostWindow = 200_000

// repostMemory maps normalized text hashes to the first mention with that
// text, for the newest originals: two generations, the older dropped when
// the newer holds a window's worth.
type repostMemory struct {
	cur, prev map[uint64]int64
	window    int
}

func newRepostMemory(window int) *repostMemory {
	return &repostMemory{cur: map[uint64]int64{}, window: window}
}

// get returns the first mention with the text, or 0 (ids start at 1). A
// text found in the older generation moves to the newer: one still being
// reposted is not forgotten at the next rotation.
func (r *repostMemory) get(h uint64) int64 {
	if id, ok := r.cur[h]; ok {
		return id
	}
	id, ok := r.prev[h]
	if ok {
		delete(r.prev, h)
		r.put(h, id)
	}
	return id
}

func (r *repostMemory) put(h uint64, id int64) {
	r.cur[h] = id
	if len(r.cur) >= r.window {
		r.prev, r.cur = r.cur, map[uint64]int64{}
	}
}

// forget drops a text put by a transaction that rolled back; a rotation
// since may have moved it to the older generation.
func (r *repostMemory) forget(h uint64) {
	delete(r.cur, h)
	delete(r.prev, h)
}

// seedHashes loads the repost memory from the newest originals.
func (w *Writer) seedHashes() error {
	mem := newRepostMemory(w.repostWindow)
	err := w.st.seed.each(func(row []any) error {
		if h := uint64(asInt64(row[0])); mem.get(h) == 0 {
			mem.put(h, asInt64(row[1]))
		}
		return nil
	}, w.lastID-int64(w.repostWindow))
	if err != nil {
		return fmt.Errorf("load repost hashes: %w", err)
	}
	w.hashes = mem
	return nil
}

// indexPending reports whether there are mentions to index for search.
func (w *Writer) indexPending() bool {
	return !w.opts.DeferIndex && !w.ftsBroken && w.ftsUpto < w.lastID
}

// lagging reports whether indexing must run even though rows are waiting.
func (w *Writer) lagging() bool {
	return !w.opts.DeferIndex && !w.ftsBroken && w.lastID-w.ftsUpto > int64(w.opts.IndexLag)
}

// catchUp indexes everything stored, and returns (and clears) the errors of
// batches that failed since the last call.
func (w *Writer) catchUp() error {
	var errs []error
	for w.indexPending() {
		if err := w.index(w.opts.IndexBatch * 4); err != nil {
			errs = append(errs, err)
			break
		}
	}
	w.errMu.Lock()
	errs = append(errs, w.errs...)
	w.errs = nil
	w.errMu.Unlock()
	return errors.Join(errs...)
}

// index adds up to n mentions to the derived indexes in one transaction:
// the search and author indexes, the per-platform, thread and severe
// lists. Large
// transactions matter: FTS5 writes one segment per transaction and merges
// them later, and the platform lists' pages are each written once.
func (w *Writer) index(n int) error {
	err := w.indexOnce(n)
	if err != nil {
		err = fmt.Errorf("index mentions: %w", err)
		w.errMu.Lock()
		w.errs = append(w.errs, err)
		w.errMu.Unlock()
		// Do not spin on a persistent failure: it is retried after the next
		// batch, and reported by Flush.
		w.ftsBroken = true
	}
	return err
}

// indexDoc is what the index pass reads of a mention.
type indexDoc struct {
	id       int64
	text     string
	platform string
	negative bool
	severity int64
	who      string // author id and name as keys, as mention_author holds them
	parent   string // the parent's external id, for a reply
}

func (w *Writer) indexOnce(n int) error {
	tx, err := w.rc.begin()
	if err != nil {
		return err
	}
	if err := w.freshen(); err != nil {
		tx.Rollback()
		return err
	}
	committed := false
	defer func() {
		if !committed {
			tx.Rollback()
		}
	}()
	docs := make([]indexDoc, 0, max(min(int64(n), w.lastID-w.ftsUpto), 0))
	err = w.st.unindexed.each(func(row []any) error {
		docs = append(docs, indexDoc{id: asInt64(row[0]), text: asString(row[1]), platform: asString(row[2]),
			negative: asInt64(row[3]) != 0, severity: asInt64(row[4]), who: authorKeys(asString(row[5]), asString(row[6])), parent: asString(row[7])})
		return nil
	}, w.ftsUpto, n)
	if err != nil {
		return err
	}
	if len(docs) == 0 {
		return nil
	}
	upto := docs[len(docs)-1].id
	for _, d := range docs {
		w.segBuf = appendSegmented(w.segBuf[:0], d.text)
		if _, err := w.st.ftsInsert.exec(d.id, string(w.segBuf)); err != nil {
			return err
		}
		if _, err := w.st.authorInsert.exec(d.id, d.who); err != nil {
			return err
		}
		if d.severity >= SevereMin {
			if _, err := w.st.severe.exec(d.id, d.severity, d.platform, d.negative); err != nil {
				return err
			}
		}
	}
	// In key order, each platform's rows are appended to its range together.
	slices.SortFunc(docs, func(a, b indexDoc) int {
		if c := strings.Compare(a.platform, b.platform); c != 0 {
			return c
		}
		return cmp.Compare(a.id, b.id)
	})
	for _, d := range docs {
		if _, err := w.st.byPlatform.exec(d.platform, d.id, d.negative, d.severity); err != nil {
			return err
		}
	}
	// Replies, in key order: a thread's replies are appended together.
	replies := slices.DeleteFunc(docs, func(d indexDoc) bool { return d.parent == "" })
	slices.SortFunc(replies, func(a, b indexDoc) int {
		return cmp.Or(strings.Compare(a.platform, b.platform), strings.Compare(a.parent, b.parent), cmp.Compare(a.id, b.id))
	})
	for _, d := range replies {
		if _, err := w.st.byParent.exec(d.platform, d.parent, d.id); err != nil {
			return err
		}
	}
	if _, err := w.st.indexUpto.exec(upto); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	committed = true
	w.ftsUpto = upto
	if w.s.ckpt != nil {
		w.s.ckpt.poke()
	}
	return nil
}

// transient reports whether err is the file's state (locked by another
// process, disk full, I/O error, out of memory) rather than a row's fault.
func transient(err error) bool {
	var se *sqliteError
	if !errors.As(err, &se) {
		return false
	}
	switch se.Code() & 0xff {
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED, sqlite3.SQLITE_NOMEM, sqlite3.SQLITE_IOERR,
		sqlite3.SQLITE_FULL, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PROTOCOL:
		return true
	}
	return false
}
