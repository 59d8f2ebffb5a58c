package decode

import (
	"math"
	"strconv"
	"strings"
)

// ParseCount reads an engagement or follower count as the platforms and
// crawlers print it: "1234", "1,234", "1.2万", "10万+", "3.5亿", "12k",
// "1.5w", "2千". The empty string, and the placeholders crawlers write for
// a missing value ("None", "null", "nan", "-"), read as 0. Negative or
// unreadable values give false.
func ParseCount(s string) (int64, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, true
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		if n < 0 {
			return 0, false
		}
		return n, true
	}
	switch strings.ToLower(s) {
	case "none", "null", "nil", "nan", "-", "--", "undefined":
		return 0, true
	}
	s = countNoise.Replace(s)
	s = strings.TrimSuffix(s, "+")
	mult := 1.0
	for _, u := range units {
		if rest, ok := strings.CutSuffix(s, u.suffix); ok {
			s, mult = rest, u.mult
			break
		}
	}
	if s == "" || s[0] == '-' || s[0] == '+' {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	v := math.Round(f * mult)
	if v < 0 || v >= math.MaxInt64 {
		return 0, false
	}
	return int64(v), true
}

// countNoise is what people put between digits: thousands separators
// (ASCII and full-width) and spaces.
var countNoise = strings.NewReplacer(",", "", "，", "", " ", "", "_", "")

var units = []struct {
	suffix string
	mult   float64
}{
	{"亿", 1e8}, {"万", 1e4}, {"千", 1e3},
	{"w", 1e4}, {"W", 1e4}, {"k", 1e3}, {"K", 1e3}, {"m", 1e6}, {"M", 1e6},
}
