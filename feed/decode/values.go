package decode

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"warroom/model/text"
)

// This file reads loosely typed values: the same field is a number in one
// export and a string in the next ("12000", "1.2万"), ids are numbers or
// strings, and every wrong type must become a reason naming the field.

// fields is a record decoded from JSON (with UseNumber) or built from a CSV
// row (all strings).
type fields map[string]any

func (f fields) str(key string) string {
	switch v := f[key].(type) {
	case string:
		return v
	case json.Number:
		return string(v)
	case bool:
		return strconv.FormatBool(v)
	}
	return ""
}

// has reports whether key holds something other than null or "".
func (f fields) has(key string) bool {
	switch v := f[key].(type) {
	case nil:
		return false
	case string:
		return v != ""
	}
	return true
}

// first returns the first of keys that has a value.
func (f fields) first(keys ...string) string {
	for _, k := range keys {
		if f.has(k) {
			return k
		}
	}
	return ""
}

func (f fields) obj(key string) fields {
	m, _ := f[key].(map[string]any)
	return m
}

func (f fields) count(key string) (int64, string) {
	n, ok := countOf(f[key])
	if !ok {
		return 0, fmt.Sprintf("field %s: want a number, got %s", key, describe(f[key]))
	}
	return n, ""
}

func countOf(v any) (int64, bool) {
	switch x := v.(type) {
	case nil:
		return 0, true
	case string:
		return ParseCount(x)
	case json.Number:
		return numberCount(string(x))
	case float64:
		return numberCount(strconv.FormatFloat(x, 'f', -1, 64))
	}
	return 0, false
}

func numberCount(s string) (int64, bool) {
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		if n < 0 {
			return 0, false
		}
		return n, true
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 0 || f >= math.MaxInt64 || f != math.Trunc(f) {
		return 0, false
	}
	return int64(f), true
}

func (f fields) boolean(key string) (bool, string) {
	b, ok := boolOf(f[key])
	if !ok {
		return false, fmt.Sprintf("field %s: want true or false, got %s", key, describe(f[key]))
	}
	return b, ""
}

func boolOf(v any) (bool, bool) {
	switch x := v.(type) {
	case nil:
		return false, true
	case bool:
		return x, true
	case json.Number:
		switch x {
		case "0":
			return false, true
		case "1":
			return true, true
		}
	case string:
		switch strings.ToLower(strings.TrimSpace(x)) {
		case "", "false", "0", "no", "n", "否", "none", "null":
			return false, true
		case "true", "1", "yes", "y", "是":
			return true, true
		}
	}
	return false, false
}

// when reads a time field; a wrong value is a reason, a missing one is the
// zero time.
func (r *Reader) when(v any, key string) (time.Time, string) {
	switch v.(type) {
	case nil, string, json.Number:
	default:
		return time.Time{}, fmt.Sprintf("field %s: want a time, got %s", key, describe(v))
	}
	t, err := ParseTime(v, r.opts.Now, r.loc)
	switch {
	case errors.Is(err, ErrRelativeTime):
		return time.Time{}, fmt.Sprintf("field %s: relative time %s needs a reference time", key, describe(v))
	case err != nil:
		return time.Time{}, fmt.Sprintf("field %s: cannot read time %s", key, describe(v))
	}
	return t, ""
}

// describe renders a bad value for a reason: short, quoted if a string,
// and safe to print.
func describe(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		return strconv.Quote(clip(x))
	case json.Number:
		return clip(string(x))
	case bool:
		return strconv.FormatBool(x)
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	}
	return fmt.Sprintf("%T", v)
}

// describeRaw is describe for a raw JSON value.
func describeRaw(b []byte) string {
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return "nothing"
	}
	switch b[0] {
	case '"':
		var s string
		if json.Unmarshal(b, &s) == nil {
			return strconv.Quote(clip(s))
		}
	case '{':
		return "an object"
	case '[':
		return "an array"
	}
	return clip(string(b))
}

// clip shortens a value quoted in a reason.
func clip(s string) string {
	s = text.OneLineN(s, 64)
	if len(s) > 40 {
		cut := 40
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
	}
	return s
}

func jsonKind(b []byte) string {
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return "nothing"
	}
	switch b[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}

// decodeObject decodes one JSON object with numbers kept as written.
func decodeObject(b []byte) (fields, string) {
	t := bytes.TrimSpace(b)
	if reason := notObject(t); reason != "" {
		return nil, reason
	}
	dec := json.NewDecoder(bytes.NewReader(t))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		return nil, jsonErrorReason(err)
	}
	if dec.InputOffset() != int64(len(t)) {
		return nil, fmt.Sprintf("bad JSON at column %d: text after the object", dec.InputOffset()+1)
	}
	if m == nil {
		return nil, "want a JSON object, got null"
	}
	return m, ""
}

// notObject explains why t cannot be a JSON object, when the reason is
// plain from its first byte; otherwise it returns "" and decoding finds
// the detail.
func notObject(t []byte) string {
	switch {
	case len(t) == 0:
		return "empty record"
	case t[0] == '{':
		return ""
	case json.Valid(t):
		return "want a JSON object, got " + jsonKind(t)
	case t[0] == '[' || t[0] == '"':
		return ""
	}
	return "not JSON: starts with " + strconv.Quote(clip(string(t[:min(len(t), 12)])))
}

// jsonErrorReason words a JSON decoding error for a reject.
func jsonErrorReason(err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return "truncated JSON: unexpected end"
	case errors.As(err, &syn):
		if strings.Contains(syn.Error(), "unexpected end") {
			return "truncated JSON: unexpected end"
		}
		if strings.Contains(syn.Error(), "after top-level value") {
			return fmt.Sprintf("bad JSON at column %d: text after the object", syn.Offset)
		}
		return fmt.Sprintf("bad JSON at column %d: %s", syn.Offset, strings.TrimPrefix(syn.Error(), "json: "))
	case errors.As(err, &typ):
		if typ.Field == "" {
			return "want a JSON object, got " + article(typ.Value)
		}
		return fmt.Sprintf("field %s: wrong type %s", typ.Field, typ.Value)
	}
	return "bad JSON: " + strings.TrimPrefix(err.Error(), "json: ")
}

func article(kind string) string {
	switch kind {
	case "array", "object":
		return "an " + kind
	case "string", "number", "bool":
		return "a " + kind
	}
	return kind
}
