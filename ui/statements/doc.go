// Package statements holds three overlays of the console: the statement
// workspace (draft, check, review and publish public statements), the
// protocol card (who to call, the approval chain, the rules and the key
// messages), and the trusted-influencer view.
//
// Each is a self-contained component with the console's usual face: a
// constructor taking Options, Update returning the new value and a command,
// View returning exactly width×height cells, SetSize, SetState, SetStyles
// and a key map for the root's help. None of them does I/O in Update.
//
// The root mounts them as overlays and keeps their values while they are
// closed, so typed text survives closing and reopening. It talks to them
// through a few messages:
//
//   - the workspace asks for writes with AppendMsg; the root checks the
//     events in order against its state, appends them, folds them, calls
//     SetState, and answers with ResultMsg carrying the same ID (also when
//     the overlay has been closed meanwhile);
//   - any of them asks to be closed with CloseMsg;
//   - the influencer view loads posts in the command Influencers.Load
//     returns, whose PostsMsg goes back to Influencers.Update.
//
// While Workspace.Typing reports true, every key but ctrl+c belongs to the
// workspace: single letters are text then, not shortcuts.
package statements
