package ui

import (
	"context"
	"errors"
	"os"

	tea "charm.land/bubbletea/v2"
)

// NewProgram builds the bubbletea program for the console: alternate
// screen and mouse wheel come from the view itself. NO_COLOR in the
// environment turns styling off. The caller may keep the program to Send
// it messages or to Kill it.
func NewProgram(ctx context.Context, opts Options, extra ...tea.ProgramOption) *tea.Program {
	if os.Getenv("NO_COLOR") != "" {
		opts.NoColor = true
	}
	po := append([]tea.ProgramOption{tea.WithContext(ctx)}, extra...)
	return tea.NewProgram(New(opts), po...)
}

// Run runs the console until the user quits or ctx is done.
func Run(ctx context.Context, opts Options, extra ...tea.ProgramOption) error {
	if opts.Backend == nil {
		return errors.New("ui: no backend: open an incident file first")
	}
	_, err := NewProgram(ctx, opts, extra...).Run()
	if errors.Is(err, tea.ErrProgramKilled) && ctx.Err() != nil {
		return nil // cancelled from outside: a normal way to stop
	}
	return err
}
