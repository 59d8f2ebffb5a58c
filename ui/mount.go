package ui

import (
	"context"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"warroom/model"
	"warroom/model/plan"
	"warroom/ui/statements"
)

// This file mounts the three overlays of ui/statements: the statement
// workspace (S), the protocol card (P) and the trusted-influencer view (I).
// The root keeps their values while they are closed, so typed text survives
// closing and reopening; it answers the workspace's writes, hands all three
// the state whenever it changes, and loads the influencers' posts.

// stmts is the root's hold on the statement overlays.
type stmts struct {
	ws    statements.Workspace
	proto statements.Protocol
	infl  statements.Influencers
	open  statements.Overlay // 0 when none is open
	seen  int                // the session's state version last handed over
	at    time.Time          // and the time it was handed over with
	asked bool               // the influencers' posts were asked for
}

func newStmts(sh *session) *stmts {
	o := statements.Options{Plan: sh.opts.Plan, Operator: sh.opts.Operator, Lang: sh.c.Lang(),
		Styles: statements.NewStyles(true, sh.opts.NoColor), Clock: sh.opts.Clock, ReadOnly: sh.readOnly(), Location: sh.loc}
	return &stmts{ws: statements.NewWorkspace(o), proto: statements.NewProtocol(o), infl: statements.NewInfluencers(o), seen: -1}
}

// setOperator tells the overlays who acts now.
func (s *stmts) setOperator(a model.Actor) {
	s.ws.SetOperator(a)
	s.proto.SetOperator(a)
}

// restyle hands the overlays styles for the terminal's background.
func (s *stmts) restyle(dark, noColor bool) {
	st := statements.NewStyles(dark, noColor)
	s.ws.SetStyles(st)
	s.proto.SetStyles(st)
	s.infl.SetStyles(st)
}

// setSize gives the overlays the body's size, less a margin.
func (s *stmts) setSize(w, h int) {
	s.ws.SetSize(w, h)
	s.proto.SetSize(w, h)
	s.infl.SetSize(w, h)
}

// sync hands the overlays the state when it changed, and the time of the
// frame while one is open (its clocks and times of day follow it).
func (s *stmts) sync(sh *session) {
	if s.seen == sh.version && (s.open == 0 || s.at.Equal(sh.now)) {
		return
	}
	s.seen, s.at = sh.version, sh.now
	s.ws.SetState(sh.state, sh.now)
	s.proto.SetState(sh.state, sh.now)
	s.infl.SetState(sh.state, sh.now)
}

// typing reports whether the workspace has the keyboard.
func (s *stmts) typing() bool { return s.open == statements.WorkspaceOverlay && s.ws.Typing() }

// keyMap is the open overlay's keys, for help and the footer.
func (s *stmts) keyMap() bindings {
	var km interface {
		ShortHelp() []key.Binding
		FullHelp() [][]key.Binding
	}
	switch s.open {
	case statements.WorkspaceOverlay:
		km = s.ws.KeyMap()
	case statements.ProtocolOverlay:
		km = s.proto.KeyMap()
	default:
		km = s.infl.KeyMap()
	}
	return bindings{short: km.ShortHelp(), full: km.FullHelp()}
}

// route hands a message to the overlay it is for.
func (s *stmts) route(to statements.Overlay, msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	switch to {
	case statements.WorkspaceOverlay:
		s.ws, cmd = s.ws.Update(msg)
	case statements.ProtocolOverlay:
		s.proto, cmd = s.proto.Update(msg)
	case statements.InfluencersOverlay:
		s.infl, cmd = s.infl.Update(msg)
	}
	return cmd
}

// view draws the open overlay.
func (s *stmts) view() []string {
	var v string
	switch s.open {
	case statements.WorkspaceOverlay:
		v = s.ws.View()
	case statements.ProtocolOverlay:
		v = s.proto.View()
	default:
		v = s.infl.View()
	}
	return strings.Split(v, "\n")
}

// openStmts opens one of the overlays (closing any other overlay), and
// asks for the influencers' posts the first time their view opens.
func (m *Model) openStmts(o statements.Overlay) tea.Cmd {
	m.over, m.stm.open = nil, o
	m.stm.sync(m.sh)
	if o == statements.WorkspaceOverlay {
		cats, terms := evidence(m.alerts.all(m.sh), m.feed.rows)
		list, _ := scenarioChoices(m.sh.opts.Plan, cats, terms)
		m.stm.ws.SetSuggested(list)
	}
	// Live, posts are loaded once and then follow the updates; a replay
	// loads them again on every opening, as of the frame's time.
	if o == statements.InfluencersOverlay && (!m.stm.asked || m.rp != nil) {
		m.stm.asked = true
		return m.stm.infl.Load(m.postFinder())
	}
	return nil
}

// shownError carries an error to the workspace in the words the console
// uses for it (translated, with its hint), still matching the original.
type shownError struct {
	error
	text string
}

func (e shownError) Error() string { return e.text }
func (e shownError) Unwrap() error { return e.error }

// stmtMsg handles the overlays' own messages.
func (m *Model) stmtMsg(msg tea.Msg) tea.Cmd {
	sh := m.sh
	switch msg := msg.(type) {
	case statements.AppendMsg:
		// Checked in order against the projected state, as State.Try checks
		// one; written in a command; answered when the write returns.
		if err := sh.check(msg.Events...); err != nil {
			// Answered at once: nothing routes a ResultMsg that comes back
			// through the program to the workspace.
			return m.stm.route(statements.WorkspaceOverlay, statements.ResultMsg{ID: msg.ID, Err: shownError{err, sh.errText(err)}})
		}
		return sh.writeFor(msg.ID, msg.Events...)
	case statements.CloseMsg:
		if msg.From == m.stm.open {
			m.stm.open = 0
		}
		return nil
	case statements.PostsMsg:
		return m.stm.route(statements.InfluencersOverlay, msg)
	}
	return nil
}

// answered passes the result of a workspace write back to it, with the
// state the write produced.
func (m *Model) answered(msg appendedMsg) tea.Cmd {
	err := msg.err
	if err == nil && msg.foldErr != nil {
		err = msg.foldErr
	}
	if err != nil {
		err = shownError{err, m.sh.errText(err)}
	}
	m.stm.sync(m.sh)
	return m.stm.route(statements.WorkspaceOverlay, statements.ResultMsg{ID: msg.reply, Err: err})
}

// postPage is how many of an account's mentions one query asks for: the
// store's answer is a superset (a handle shared by two accounts, an id
// against a name), narrowed here to the influencer the plan means.
const postPage = 200

// postFinder loads an influencer's latest posts in the incident (up to the
// replay's time), for the influencer view: the store finds the account's
// mentions by id or handle, and statements.Trusted keeps those the plan's
// matching rule gives to this influencer. It runs inside the view's
// command.
func (m *Model) postFinder() statements.Finder {
	p, b, until := m.sh.opts.Plan, m.sh.opts.Backend, m.sh.until()
	return func(ctx context.Context, in plan.Influencer, limit int) ([]*model.Mention, error) {
		var accounts []string
		for _, a := range []string{in.AuthorID, in.Name} {
			if strings.TrimSpace(a) != "" {
				accounts = append(accounts, a)
			}
		}
		if len(accounts) == 0 {
			return nil, nil
		}
		key := statements.InfluencerKey(in)
		var posts []*model.Mention
		for before := int64(0); len(posts) < limit; {
			ms, err := b.Mentions(ctx, FeedQuery{Platform: in.Platform, Authors: accounts, Until: until,
				BeforeID: before, Limit: postPage})
			if err != nil {
				return nil, err
			}
			posts = append(posts, statements.GroupPosts(p, ms)[key]...)
			if len(ms) < postPage {
				break
			}
			before = ms[len(ms)-1].ID
		}
		posts = statements.GroupPosts(p, posts)[key] // newest first across pages
		return posts[:min(len(posts), limit)], nil
	}
}
