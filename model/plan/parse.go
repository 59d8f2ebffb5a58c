package plan

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
)

// The file's shape. Leaves are `any` so that a value of the wrong type is
// one more problem in the list rather than the end of decoding: the person
// fixing the plan sees everything at once. The tables themselves are typed,
// so toml.MetaData.Undecoded finds keys the schema does not know.
type (
	fileDoc struct {
		Brand       fileBrand        `toml:"brand"`
		Protocol    fileProtocol     `toml:"protocol"`
		Team        []fileMember     `toml:"team"`
		Influencers []fileInfluencer `toml:"influencers"`
		Alerts      fileAlerts       `toml:"alerts"`
		Scenarios   []fileScenario   `toml:"scenarios"`
	}
	fileBrand struct {
		Name    any `toml:"name"`
		NameEN  any `toml:"name_en"`
		Aliases any `toml:"aliases"`
		Hotline any `toml:"hotline"`
		Email   any `toml:"email"`
		Account any `toml:"account"`
	}
	fileProtocol struct {
		Approval any `toml:"approval"`
		Rules    any `toml:"rules"`
	}
	fileMember struct {
		Name    any `toml:"name"`
		Roles   any `toml:"roles"`
		Contact any `toml:"contact"`
		CallFor any `toml:"call_for"`
	}
	fileInfluencer struct {
		Platform  any `toml:"platform"`
		Name      any `toml:"name"`
		AuthorID  any `toml:"author_id"`
		Followers any `toml:"followers"`
		Topics    any `toml:"topics"`
		Contact   any `toml:"contact"`
		Note      any `toml:"note"`
	}
	fileAlerts struct {
		Window                       any `toml:"window"`
		Baseline                     any `toml:"baseline"`
		SpikeFactor                  any `toml:"spike_factor"`
		SpikeMinCount                any `toml:"spike_min_count"`
		NegShare                     any `toml:"neg_share"`
		NegShareMinCount             any `toml:"neg_share_min_count"`
		InfluentialFollowers         any `toml:"influential_followers"`
		InfluentialVerifiedFollowers any `toml:"influential_verified_followers"`
		InfluentialEngagement        any `toml:"influential_engagement"`
		RedFlags                     any `toml:"red_flags"`
		Cooldown                     any `toml:"cooldown"`
	}
	fileScenario struct {
		ID          any             `toml:"id"`
		Name        any             `toml:"name"`
		Description any             `toml:"description"`
		Level       any             `toml:"level"`
		Approval    any             `toml:"approval"`
		Messages    any             `toml:"messages"`
		Triggers    fileTriggers    `toml:"triggers"`
		Clocks      []fileClock     `toml:"clocks"`
		Tasks       []fileTask      `toml:"tasks"`
		Statements  []fileStatement `toml:"statements"`
		Alerts      fileAlerts      `toml:"alerts"`
	}
	fileTriggers struct {
		Categories any `toml:"categories"`
		Terms      any `toml:"terms"`
	}
	fileClock struct {
		ID       any `toml:"id"`
		Name     any `toml:"name"`
		Anchor   any `toml:"anchor"`
		Duration any `toml:"duration"`
		DueSoon  any `toml:"due_soon"`
		MetBy    any `toml:"met_by"`
	}
	fileTask struct {
		ID    any `toml:"id"`
		Title any `toml:"title"`
		Role  any `toml:"role"`
		Due   any `toml:"due"`
		Links any `toml:"links"`
		Note  any `toml:"note"`
	}
	fileStatement struct {
		Kind any `toml:"kind"`
		ZH   any `toml:"zh"`
		EN   any `toml:"en"`
	}
)

// Parse reads and validates a plan. name is used in messages only. The error,
// when not nil, is a ValidationErrors naming every problem with its line.
func Parse(name string, src []byte) (*Plan, error) {
	var doc fileDoc
	md, err := toml.Decode(string(src), &doc)
	if err != nil {
		e := decodeError(name, string(src), err)
		if printed(src) {
			e.Msg += " (this is `warroom plan show` output, which is for reading; `warroom plan init FILE` writes a plan file to start from)"
		}
		return nil, ValidationErrors{e}
	}
	v := &validator{file: name, loc: locate(string(src))}
	v.unknownKeys(md.Undecoded())
	p := v.plan(&doc)
	if len(v.errs) > 0 {
		slices.SortStableFunc(v.errs, func(a, b ValidationError) int { return a.Line - b.Line })
		return nil, v.errs
	}
	p.Name = name
	return p, nil
}

// printed reports whether src is what Format writes rather than TOML: the
// first thing anyone tries is to save `plan show` and edit it.
func printed(src []byte) bool {
	for _, lang := range []string{"zh", "en"} {
		if bytes.HasPrefix(src, []byte(heading("plan", lang)+": ")) {
			return true
		}
	}
	return false
}

var lineRE = regexp.MustCompile(`^toml: line (\d+) \(last key "([^"]*)"\): (.*)$`)

// decodeError turns the TOML library's error into a ValidationError: syntax
// errors carry a position, and a table where an array of tables belongs (or
// the like) names its line in the message.
func decodeError(file, src string, err error) ValidationError {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		line := pe.Position.Line
		if line < 1 {
			line = 1
		}
		return ValidationError{File: file, Line: line, Path: pe.LastKey, Msg: pe.Message}
	}
	if m := lineRE.FindStringSubmatch(err.Error()); m != nil {
		line, _ := strconv.Atoi(m[1])
		msg := m[3]
		key := m[2]
		switch {
		case strings.HasSuffix(msg, "destination has type slice"):
			msg = "must be an array of tables, written [[" + key + "]]"
		case strings.Contains(msg, "expected table but found []"):
			msg = "must be one table, written [" + key + "], not [[" + key + "]]"
		case strings.Contains(msg, "expected table"):
			msg = "must be a table, written [" + key + "]"
		}
		return ValidationError{File: file, Line: max(line, 1), Path: key, Msg: msg}
	}
	return ValidationError{File: file, Line: 1, Msg: strings.TrimPrefix(err.Error(), "toml: ")}
}

type validator struct {
	file string
	loc  *locator
	errs ValidationErrors
}

func (v *validator) errorf(path, format string, args ...any) {
	v.errs = append(v.errs, ValidationError{File: v.file, Line: v.loc.Line(path), Path: path, Msg: fmt.Sprintf(format, args...)})
}

// unknownKeys reports keys the schema does not have, at every place they are
// written, with the nearest known key as a suggestion for typos.
func (v *validator) unknownKeys(keys []toml.Key) {
	seen := map[string]bool{}
	for _, k := range keys {
		s := k.String()
		if seen[s] || seen[parent(s)] || insideValue(s) {
			// Reported already (once per key, at every place it is
			// written), inside an unknown table reported already, or
			// inside a value the validator reads by hand.
			seen[s] = true
			continue
		}
		seen[s] = true
		leaf := k[len(k)-1]
		msg := fmt.Sprintf("unknown key %q", leaf)
		if near := nearest(leaf, schemaKeys(parent(s))); near != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", near)
		}
		paths := v.loc.Find(s)
		if len(paths) == 0 {
			paths = []string{s}
		}
		for _, p := range paths {
			v.errorf(p, "%s", msg)
		}
	}
}

// schemaKeys lists the keys the file schema allows in the table at path
// (indices stripped), read from the toml tags so it cannot drift.
func schemaKeys(path string) []string {
	t := reflect.TypeFor[fileDoc]()
	if path != "" {
		for _, part := range strings.Split(path, ".") {
			f, ok := fieldByTag(t, part)
			if !ok {
				return nil
			}
			t = f.Type
			if t.Kind() == reflect.Slice {
				t = t.Elem()
			}
			if t.Kind() != reflect.Struct {
				return nil
			}
		}
	}
	var out []string
	for f := range t.Fields() {
		out = append(out, f.Tag.Get("toml"))
	}
	return out
}

// insideValue reports whether a key lies within a field the schema keeps as
// a raw value (texts such as { zh, en }): the library leaves keys in arrays
// of such tables undecoded, but the validator checks them itself.
func insideValue(key string) bool {
	t := reflect.TypeFor[fileDoc]()
	for _, part := range strings.Split(key, ".") {
		f, ok := fieldByTag(t, part)
		if !ok {
			return false
		}
		t = f.Type
		if t.Kind() == reflect.Slice {
			t = t.Elem()
		}
		if t.Kind() == reflect.Interface {
			return true
		}
		if t.Kind() != reflect.Struct {
			return false
		}
	}
	return false
}

func fieldByTag(t reflect.Type, tag string) (reflect.StructField, bool) {
	for f := range t.Fields() {
		if f.Tag.Get("toml") == tag {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

// nearest returns the candidate within two edits of s, if any.
func nearest(s string, candidates []string) string {
	best, bestD := "", 3
	for _, c := range candidates {
		if d := editDistance(s, c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
