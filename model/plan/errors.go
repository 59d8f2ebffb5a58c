package plan

import (
	"fmt"
	"strings"
)

// ValidationError is one problem in a plan file, with where it is.
type ValidationError struct {
	File string
	Line int    // 1-based; always set
	Path string // the field, e.g. "scenarios[2].clocks[1].duration"; empty for syntax errors
	Msg  string
}

// Error formats the problem as "file:line: path: message", the shape
// editors and terminals turn into a jump to the line.
func (e ValidationError) Error() string {
	if e.Path == "" {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s:%d: %s: %s", e.File, e.Line, e.Path, e.Msg)
}

// ValidationErrors lists every problem found in a plan, in line order, so
// whoever edits the file can fix them all in one pass.
type ValidationErrors []ValidationError

// Error returns one problem per line.
func (es ValidationErrors) Error() string {
	var b strings.Builder
	for i, e := range es {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}
