package ui

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"slices"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"warroom/model"
	"warroom/ui/i18n"
)

// session is what the root shares with its panels: styles, language, keys,
// the time of the frame, and the incident state with the one way to change
// it (write). It belongs to one Model; nothing here is global, so two
// consoles in one process never share state.
type session struct {
	opts    Options
	st      *Styles
	c       *i18n.Catalog
	keys    *KeyMap
	loc     *time.Location
	now     time.Time // read from the clock once per Update, so a frame is consistent
	state   *model.State
	version int   // bumped whenever state changes, so overlays holding a copy know to refresh
	lastSeq int64 // highest Seq folded in; echoes at or below it are old news

	// pending are events written but not yet confirmed by Append. They are
	// folded into the state only when Append returns OK, and their echo on
	// the Updates channel is recognised by content and not applied twice.
	pending  []model.Event
	awaiting []model.Event // applied locally; waiting for their echo
	early    []model.Event // echoed before their Append returned: already applied
	writeID  int

	status    string // one line for the footer: the last error or confirmation
	statusErr bool

	appends *appendQueue // keeps writes in the order they were made
}

// appendQueue makes a session's writes reach the store in the order they
// were made. Each write's command runs on a goroutine of its own, and a
// second action (move task t20) must not overtake the first (add t20): the
// store checks each against the file and would refuse it.
type appendQueue struct {
	mu         sync.Mutex
	cond       *sync.Cond
	next, turn int
}

func newAppendQueue() *appendQueue {
	q := &appendQueue{}
	q.cond = sync.NewCond(&q.mu)
	return q
}

// ticket is called in order, on the update loop.
func (q *appendQueue) ticket() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	t := q.next
	q.next++
	return t
}

// wait blocks until ticket t's turn; done ends the current turn.
func (q *appendQueue) wait(t int) {
	q.mu.Lock()
	for q.turn != t {
		q.cond.Wait()
	}
	q.mu.Unlock()
}

func (q *appendQueue) done() {
	q.mu.Lock()
	q.turn++
	q.cond.Broadcast()
	q.mu.Unlock()
}

// errDrillOver refuses an action once the drill is over.
var errDrillOver = errors.New("the drill is over")

// drillOver reports whether a drill's clock has reached the scenario's end.
func (s *session) drillOver() bool {
	sc, ok := s.opts.Clock.(*model.ScaledClock)
	return s.opts.Mode == Drill && ok && sc.Stopped()
}

// readOnly reports whether writing is off for this session.
func (s *session) readOnly() bool { return s.opts.readOnly() }

// clock returns t as a time of day in the session's zone.
func (s *session) clock(t time.Time) string {
	if t.IsZero() {
		return "--:--:--"
	}
	return t.In(s.loc).Format("15:04:05")
}

// day numbers the session's current day, for caches of what rowTime drew.
func (s *session) day() int {
	n := s.now.In(s.loc)
	return n.Year()*400 + n.YearDay()
}

// rowTime is a mention's time in a feed row's eight cells: the time of day
// when it is the session's day, else the date alone (the detail has the
// rest). A post from last week that surfaces now must not read as today's.
func (s *session) rowTime(t time.Time) string {
	if t.IsZero() {
		return "--:--:--"
	}
	t = t.In(s.loc)
	n := s.now.In(s.loc)
	switch {
	case t.Year() != n.Year():
		return t.Format("06-01-02") // another year: 24-11-20 still fits the column
	case t.YearDay() != n.YearDay():
		return t.Format("01-02")
	}
	return t.Format("15:04:05")
}

// hm returns t as hours and minutes in the session's zone, with the date
// when it is not today: a 24-hour deadline must not read as this afternoon.
func (s *session) hm(t time.Time) string {
	if t.IsZero() {
		return "--:--"
	}
	t = t.In(s.loc)
	n := s.now.In(s.loc)
	if t.YearDay() != n.YearDay() || t.Year() != n.Year() {
		return t.Format("01-02 15:04")
	}
	return t.Format("15:04")
}

// until is the upper time bound for queries: replays must not show the
// future of the file, live sessions ask for everything.
func (s *session) until() time.Time {
	if s.opts.Mode == Replay {
		return s.now
	}
	return time.Time{}
}

// projected is the state as it will be once pending writes land: what a new
// action is checked against, and where new ids come from.
func (s *session) projected() *model.State {
	if len(s.pending) == 0 {
		return s.state
	}
	p := s.state.Clone()
	for _, e := range s.pending {
		_ = p.Apply(e) // checked when proposed; a failure here shows when the write returns
	}
	return p
}

// event builds an event stamped with the session time and the operator.
func (s *session) event(kind string, payload any) model.Event {
	return model.NewEvent(s.stamp(), kind, s.opts.Operator.Name, payload)
}

// stamp is the session time as the file keeps it, to the millisecond: the
// state folded here is then the state a replay folds from the file.
func (s *session) stamp() time.Time { return s.now.Truncate(time.Millisecond) }

// fail puts an error on the footer line.
func (s *session) fail(msg string) {
	s.status, s.statusErr = msg, true
}

// note puts a confirmation on the footer line.
func (s *session) note(msg string) {
	s.status, s.statusErr = msg, false
}

// check tries evs in order against the projected state, without writing.
func (s *session) check(evs ...model.Event) error {
	if s.readOnly() {
		return ErrReadOnly
	}
	if s.drillOver() {
		// The drill is scored at its end: what the team does after it
		// would count as done in time. Notes for the debrief still go in.
		for _, e := range evs {
			if e.Kind != model.KindNote {
				return errDrillOver
			}
		}
	}
	p := s.projected().Clone()
	for _, e := range evs {
		if err := p.Try(e); err != nil {
			return err
		}
		_ = p.Apply(e) // Try said it folds
	}
	return nil
}

// write validates evs and, if the state allows them, returns the command
// that appends them. Illegal actions become an error line instead of a row
// in the file.
func (s *session) write(evs ...model.Event) tea.Cmd { return s.writeFor(0, evs...) }

// writeFor is write on behalf of the statement workspace's request reply
// (0 for none): the answer goes back to it when the write returns.
func (s *session) writeFor(reply int, evs ...model.Event) tea.Cmd {
	if err := s.check(evs...); err != nil {
		s.fail(s.errText(err))
		return nil
	}
	s.pending = append(s.pending, evs...)
	s.writeID++
	id, b, q := s.writeID, s.opts.Backend, s.appends
	turn := q.ticket()
	return func() tea.Msg {
		q.wait(turn) // its turn ends when the update loop has folded its result
		ctx, cancel := context.WithTimeout(context.Background(), writeTimeout)
		defer cancel()
		return appendedMsg{id: id, reply: reply, evs: evs, err: b.Append(ctx, evs...)}
	}
}

// appended folds the result of a write into the state, and returns the
// first event that would not fold (the file has it, the state does not).
func (s *session) appended(msg appendedMsg) error {
	// Drop these events from pending, whatever the outcome.
	rest := s.pending[:0]
	for _, e := range s.pending {
		if !containsEvent(msg.evs, e) {
			rest = append(rest, e)
		}
	}
	s.pending = rest
	if msg.err != nil {
		s.fail(s.c.F("err.write", s.errText(msg.err)))
		return nil
	}
	var first error
	for _, e := range msg.evs {
		if i := indexEvent(s.early, e); i >= 0 { // its echo came first and was folded then
			s.early = slices.Delete(s.early, i, i+1)
			continue
		}
		if err := s.state.Apply(e); err != nil {
			s.fail(s.errText(err))
			first = cmp.Or(first, err)
			continue
		}
		s.version++
		s.awaiting = append(s.awaiting, e)
	}
	if len(s.awaiting) > 256 { // a backend that never echoes must not grow this forever
		s.awaiting = s.awaiting[len(s.awaiting)-256:]
	}
	return first
}

// echoed folds events that arrived from the store: ours come back with a
// Seq and are only counted; everyone else's are applied.
func (s *session) echoed(evs []model.Event) {
	for _, e := range evs {
		if e.Seq != 0 && e.Seq <= s.lastSeq {
			continue
		}
		if e.Seq > s.lastSeq {
			s.lastSeq = e.Seq
		}
		if i := indexEvent(s.awaiting, e); i >= 0 {
			s.awaiting = append(s.awaiting[:i], s.awaiting[i+1:]...)
			continue
		}
		// The store tells the console what it committed as soon as it has,
		// which may be before our own Append returns: fold it now, and
		// remember it so the Append's answer does not fold it again.
		if indexEvent(s.pending, e) >= 0 && indexEvent(s.early, e) < 0 {
			s.early = append(s.early, e)
			if len(s.early) > 256 {
				s.early = s.early[len(s.early)-256:]
			}
		}
		if err := s.state.Apply(e); err != nil {
			s.fail(s.errText(err))
			continue
		}
		s.version++
	}
}

// errText turns an error into one safe line for the footer.
func (s *session) errText(err error) string {
	switch {
	case errors.Is(err, ErrReadOnly):
		return s.c.T("err.readonly")
	case errors.Is(err, errDrillOver):
		return s.c.T("err.drillover")
	case errors.Is(err, model.ErrBadTransition):
		return s.c.F("err.transition", clean(err.Error()))
	}
	return clean(err.Error())
}

// sameEvent recognises an event the store echoes: the file keeps times to
// the millisecond, so they are compared to the millisecond.
func sameEvent(a, b model.Event) bool {
	return a.Kind == b.Kind && a.Actor == b.Actor && a.At.UnixMilli() == b.At.UnixMilli() &&
		bytes.Equal(compact(a.Payload), compact(b.Payload))
}

// compact drops insignificant whitespace, since a store may re-encode JSON.
func compact(p []byte) []byte {
	var b bytes.Buffer
	if err := json.Compact(&b, p); err != nil {
		return p
	}
	return b.Bytes()
}

func indexEvent(list []model.Event, e model.Event) int {
	for i, x := range list {
		if sameEvent(x, e) {
			return i
		}
	}
	return -1
}

func containsEvent(list []model.Event, e model.Event) bool { return indexEvent(list, e) >= 0 }
