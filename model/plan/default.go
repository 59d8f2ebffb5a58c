package plan

import (
	_ "embed"
	"fmt"
	"slices"
	"sync"
)

//go:embed default.toml
var defaultSource []byte

// defaultPlan is parsed on first use only: most commands never need it.
var defaultPlan = sync.OnceValue(func() *Plan {
	p, err := Parse("default.toml", defaultSource)
	if err != nil {
		// The file is compiled in and tested; failing here is a build mistake.
		panic(fmt.Sprintf("plan: the built-in default plan is invalid:\n%v", err))
	}
	return p
})

// Default returns the built-in sample plan, for drills and for brands that
// have not written their own yet. It is shared: treat it as read-only.
func Default() *Plan { return defaultPlan() }

// DefaultSource returns the built-in plan's TOML, the starting point for a
// brand's own plan (`warroom plan init` writes it out).
func DefaultSource() []byte { return slices.Clone(defaultSource) }
