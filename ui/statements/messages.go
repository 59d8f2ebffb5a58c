package statements

import "warroom/model"

// The protocol between these components and the console's root model.
//
// The workspace never writes to the incident itself. Every action becomes
// an AppendMsg; the root checks the events in order against its (projected)
// state, writes them, and answers with exactly one ResultMsg carrying the
// same ID once the write has succeeded or been refused. Until that answer
// the workspace keeps every form and every typed character, so a refusal
// loses nothing; it accepts one action at a time.
type (
	// AppendMsg asks the root to validate Events (each applied in order to a
	// copy of the state, as State.Try does for one) and append them to the
	// incident log. Events are stamped with the workspace clock and the
	// operator as Actor.
	AppendMsg struct {
		ID     int // answer with ResultMsg{ID: ID}
		Events []model.Event
	}

	// ResultMsg is the root's answer to the AppendMsg with the same ID: Err
	// is nil once the events are in the log (and folded into the state the
	// root passes to SetState), or why they were refused or failed to write.
	// Answers with an ID the workspace is not waiting for are ignored.
	ResultMsg struct {
		ID  int
		Err error
	}

	// CloseMsg asks the root to close the overlay that sent it (esc or q
	// when nothing is being typed). The component keeps its state; mount the
	// same value again to reopen it where it was.
	CloseMsg struct{ From Overlay }

	// PostsMsg carries influencer posts loaded by Influencers.Load. Req
	// matches the request that asked, so a late answer is dropped.
	PostsMsg struct {
		Req   int
		Posts map[string][]*model.Mention // by InfluencerKey
		Err   error
	}
)

// Overlay names one of the package's components in CloseMsg.
type Overlay int

// The components.
const (
	WorkspaceOverlay Overlay = iota + 1
	ProtocolOverlay
	InfluencersOverlay
)
