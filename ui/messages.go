package ui

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"warroom/model"
)

// Messages that come back from commands. Each carries what it needs to be
// recognised as current: a request id, a tick tag, a write id.
type (
	// eventsMsg is the event log loaded at start.
	eventsMsg struct {
		evs []model.Event
		err error
	}
	// alertsMsg is the alert list loaded at start.
	alertsMsg struct {
		alerts []*model.Alert
		err    error
	}
	// minutesMsg is the per-minute counts for the sparklines.
	minutesMsg struct {
		counts []MinuteCount
		err    error
	}
	// updatesMsg is every Update that was waiting on the channel, merged.
	updatesMsg struct {
		u      Update
		closed bool
	}
	// appendedMsg is the result of a write.
	appendedMsg struct {
		id      int
		reply   int // the statement workspace's request, 0 for none
		evs     []model.Event
		err     error
		foldErr error // set by the root: written, but would not fold
	}
	// tickMsg drives the clocks while one is running.
	tickMsg struct {
		tag int
		at  time.Time
	}
	// threadMsg is a mention's parent and replies, for the detail overlay.
	threadMsg struct {
		id      int64
		parent  *model.Mention
		replies []*model.Mention
		err     error
	}
	// evidenceMsg is the mentions behind an alert.
	evidenceMsg struct {
		alert    int64
		mentions []*model.Mention
		err      error
	}
	// openDetailMsg asks the root to open a mention's detail overlay.
	openDetailMsg struct{ m *model.Mention }
	// openFormMsg asks the root to open a form over the panels.
	openFormMsg struct{ f *form }
	// declareMsg asks the root for the declare form, which needs the alerts.
	declareMsg struct{}
	// openTaskMsg asks the root to show a task in full.
	openTaskMsg struct{ id string }
)

// msgCmd wraps a message as a command, for panels asking the root to act.
func msgCmd(m tea.Msg) tea.Cmd { return func() tea.Msg { return m } }

// read runs a backend read with a timeout, off the UI goroutine.
func read[T any](f func(ctx context.Context) T) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), readTimeout)
		defer cancel()
		return f(ctx)
	}
}

// maxCoalesce bounds how many waiting updates are merged into one message,
// so a flood still yields a frame now and then.
const maxCoalesce = 4096

// waitUpdates waits for the next update, then takes everything else already
// waiting: a burst of a thousand mentions is one message and one frame. The
// root re-arms it after each message, as the realtime example does.
func waitUpdates(ch <-chan Update) tea.Cmd {
	return func() tea.Msg {
		u, ok := <-ch
		if !ok {
			return updatesMsg{closed: true}
		}
		for range maxCoalesce {
			select {
			case v, ok := <-ch:
				if !ok {
					return updatesMsg{u: u, closed: true}
				}
				u.Mentions = append(u.Mentions, v.Mentions...)
				u.Alerts = append(u.Alerts, v.Alerts...)
				u.Events = append(u.Events, v.Events...)
				continue
			default:
			}
			break
		}
		return updatesMsg{u: u}
	}
}
