package plan

import (
	"fmt"
	"maps"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// typeName describes a decoded TOML value for messages.
func typeName(x any) string {
	switch x.(type) {
	case string:
		return "a string"
	case int64:
		return "an integer"
	case float64:
		return "a number"
	case bool:
		return "a boolean"
	case []any, []map[string]any:
		return "an array"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("a %T", x)
}

// str reads an optional string.
func (v *validator) str(path string, x any) string {
	switch s := x.(type) {
	case nil:
		return ""
	case string:
		return strings.TrimSpace(s)
	}
	v.errorf(path, "is %s, want a string in quotes", typeName(x))
	return ""
}

// need reads a string that must be there.
func (v *validator) need(path string, x any, what string) string {
	if x == nil {
		v.errorf(path, "missing; %s", what)
		return ""
	}
	s := v.str(path, x)
	if s == "" {
		if _, ok := x.(string); ok {
			v.errorf(path, "is empty; %s", what)
		}
	}
	return s
}

// list returns the elements of an optional array, one value or many.
func (v *validator) list(path string, x any) []any {
	switch a := x.(type) {
	case nil:
		return nil
	case []any:
		return a
	case []map[string]any:
		out := make([]any, len(a))
		for i, m := range a {
			out[i] = m
		}
		return out
	}
	v.errorf(path, "is %s, want an array like [\"a\", \"b\"]", typeName(x))
	return nil
}

// strs reads an optional array of non-empty strings.
func (v *validator) strs(path string, x any) []string {
	var out []string
	for i, e := range v.list(path, x) {
		p := fmt.Sprintf("%s[%d]", path, i)
		s, ok := e.(string)
		switch {
		case !ok:
			v.errorf(p, "is %s, want a string", typeName(e))
		case strings.TrimSpace(s) == "":
			v.errorf(p, "is empty")
		default:
			out = append(out, strings.TrimSpace(s))
		}
	}
	return out
}

// integer reads an optional whole number that must not be negative.
func (v *validator) integer(path string, x any) int64 {
	switch n := x.(type) {
	case nil:
		return 0
	case int64:
		if n < 0 {
			v.errorf(path, "is %d, must not be negative", n)
			return 0
		}
		return n
	case float64:
		if n == math.Trunc(n) && n >= 0 && n < 1<<53 {
			return int64(n)
		}
	}
	v.errorf(path, "is %s, want a whole number like 100000 (no quotes)", typeName(x))
	return 0
}

// number reads an optional non-negative number.
func (v *validator) number(path string, x any) float64 {
	switch n := x.(type) {
	case nil:
		return 0
	case int64:
		if n >= 0 {
			return float64(n)
		}
	case float64:
		if n >= 0 && !math.IsNaN(n) && !math.IsInf(n, 0) {
			return n
		}
	default:
		v.errorf(path, "is %s, want a number like 0.6 (no quotes)", typeName(x))
		return 0
	}
	v.errorf(path, "is %v, must not be negative", x)
	return 0
}

// duration reads an optional duration written as a Go duration string.
func (v *validator) duration(path string, x any) time.Duration {
	switch s := x.(type) {
	case nil:
		return 0
	case string:
		d, err := time.ParseDuration(strings.TrimSpace(s))
		if err != nil {
			v.errorf(path, "%q is not a duration (%s)", s, durationHint(s))
			return 0
		}
		if d < 0 {
			v.errorf(path, "%q is negative", s)
			return 0
		}
		return d
	case int64, float64:
		v.errorf(path, "is a bare number; write a duration in quotes, like \"%vm\" or \"%vh\"", s, s)
		return 0
	}
	v.errorf(path, "is %s, want a duration in quotes like \"15m\" or \"4h\"", typeName(x))
	return 0
}

var durRE = regexp.MustCompile(`^(\d+(?:\.\d+)?)\s*([^\d\s.]*)$`)

// durationHint suggests the Go spelling of a duration written the way
// people write them ("4 hours", "30分钟", "1 day").
func durationHint(s string) string {
	const general = "use Go durations like 15m, 1h or 1h30m"
	m := durRE.FindStringSubmatch(strings.ToLower(strings.TrimSpace(s)))
	if m == nil {
		return general
	}
	n, unit := m[1], strings.TrimSuffix(m[2], "s")
	switch unit {
	case "hour", "hr", "h", "小时", "个小时", "钟头":
		return "use " + n + "h"
	case "minute", "min", "m", "分钟", "分":
		return "use " + n + "m"
	case "second", "sec", "秒":
		return "use " + n + "s"
	case "day", "d", "天", "日":
		if f, err := strconv.ParseFloat(n, 64); err == nil {
			return "use " + strconv.FormatFloat(f*24, 'f', -1, 64) + "h; days are written in hours"
		}
	case "":
		return "a number needs a unit: use " + n + "m or " + n + "h"
	}
	return general
}

// text reads plan text: a plain string (Chinese only) or a table
// { zh = "…", en = "…" }. Chinese is required whenever the text is.
func (v *validator) text(path string, x any, required bool) Text {
	switch t := x.(type) {
	case nil:
		if required {
			v.errorf(path, "missing; write %s = { zh = \"…\", en = \"…\" }", leafName(path))
		}
		return Text{}
	case string:
		if required && strings.TrimSpace(t) == "" {
			v.errorf(path, "is empty; the Chinese text is required")
		}
		return Text{ZH: strings.TrimSpace(t)}
	case map[string]any:
		var out Text
		for _, k := range slices.Sorted(maps.Keys(t)) {
			val := t[k]
			switch k {
			case "zh":
				out.ZH = v.str(path+".zh", val)
			case "en":
				out.EN = v.str(path+".en", val)
			default:
				v.errorf(path+"."+k, "unknown key %q; texts have zh and en", k)
			}
		}
		if out.ZH == "" && (required || out.EN != "") {
			v.errorf(path+".zh", "missing Chinese text (zh); it is what the team and the public read first")
		}
		return out
	}
	v.errorf(path, "is %s, want a string or { zh = \"…\", en = \"…\" }", typeName(x))
	return Text{}
}

func leafName(path string) string {
	if i := strings.LastIndexAny(path, ".]"); i >= 0 {
		return path[i+1:]
	}
	return path
}

var slugRE = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)

// id reads an identifier: lower-case letters, digits, "_" and "-", so it is
// easy to type on the command line and safe in event payloads.
func (v *validator) id(path string, x any, required bool) string {
	if x == nil && !required {
		return ""
	}
	s := v.need(path, x, "give it an id like \"food_safety\"")
	if s != "" && !slugRE.MatchString(s) {
		v.errorf(path, "%q is not a valid id (lower-case letters, digits, _ and -)", s)
		return ""
	}
	return s
}
