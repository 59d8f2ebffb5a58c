package drill

import (
	"embed"
	"fmt"
	"sort"
	"strings"
	"time"

	"warroom/model"
)

//go:embed scenarios/*.toml
var builtinFS embed.FS

// Info describes a built-in scenario for `warroom drill --list`.
type Info struct {
	ID          string
	Name        Names
	Brand       string
	Category    model.Category
	Duration    time.Duration
	Description string
}

// builtinFiles maps scenario ids to their embedded files, in list order.
var builtinFiles = []struct{ id, file string }{
	{"food-safety", "scenarios/food.toml"},
	{"product-recall", "scenarios/recall.toml"},
	{"ad-boycott", "scenarios/boycott.toml"},
}

// List describes the built-in scenarios, in a stable order.
func List() []Info {
	var out []Info
	for _, b := range builtinFiles {
		sc, err := Builtin(b.id)
		if err != nil {
			continue // covered by the tests: every built-in parses
		}
		out = append(out, Info{ID: sc.ID, Name: sc.Name, Brand: sc.Brand, Category: sc.Category,
			Duration: sc.Duration, Description: sc.Description})
	}
	return out
}

// Builtin parses the built-in scenario with id. Each call returns a fresh
// Scenario, so a caller may change its RateScale freely.
func Builtin(id string) (*Scenario, error) {
	for _, b := range builtinFiles {
		if b.id == id {
			src, err := builtinFS.ReadFile(b.file)
			if err != nil {
				return nil, fmt.Errorf("drill: built-in %s: %w", id, err)
			}
			return Parse(b.file, src)
		}
	}
	ids := make([]string, len(builtinFiles))
	for i, b := range builtinFiles {
		ids[i] = b.id
	}
	sort.Strings(ids)
	return nil, fmt.Errorf("drill: no built-in scenario %q (try one of %s, or a path to a .toml file)", id, strings.Join(ids, ", "))
}

// BuiltinSource returns the TOML of a built-in scenario, to start a new
// one from.
func BuiltinSource(id string) ([]byte, bool) {
	for _, b := range builtinFiles {
		if b.id == id {
			src, err := builtinFS.ReadFile(b.file)
			return src, err == nil
		}
	}
	return nil, false
}
