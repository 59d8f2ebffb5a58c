package alert

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"warroom/model"
)

// where names a scope in a message.
func where(p model.Platform) string {
	if p == "" {
		return "all platforms"
	}
	return string(p)
}

// span writes a duration as people say it: 10m, 2h, 1h30m (not 10m0s).
func span(d time.Duration) string {
	h, m := int(d/time.Hour), int(d%time.Hour/time.Minute)
	switch {
	case h == 0:
		return fmt.Sprintf("%dm", m)
	case m == 0:
		return fmt.Sprintf("%dh", h)
	}
	return fmt.Sprintf("%dh%dm", h, m)
}

// compact writes a reach figure the way dashboards do: 980, 15.2k, 2.3M.
func compact(n int64) string {
	f := float64(n)
	var s, unit string
	switch {
	case n >= 1_000_000_000:
		s, unit = strconv.FormatFloat(f/1e9, 'f', 1, 64), "B"
	case n >= 1_000_000:
		s, unit = strconv.FormatFloat(f/1e6, 'f', 1, 64), "M"
	case n >= 10_000:
		s, unit = strconv.FormatFloat(f/1e3, 'f', 1, 64), "k"
	default:
		return strconv.FormatInt(n, 10)
	}
	return strings.TrimSuffix(s, ".0") + unit
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
