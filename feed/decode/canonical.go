package decode

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"warroom/model"
)

// canonicalRecord is one canonical JSONL object. Each field type accepts
// whatever JSON it is given and remembers a wrong type instead of failing,
// so the reject can name the field. The object is walked by hand once
// json.Valid has vouched for it: that is several times faster than
// encoding/json's reflection, and canonical JSONL is the bulk format.
type canonicalRecord struct {
	Platform        jsonString
	ID              jsonID
	Author          jsonString
	AuthorID        jsonID
	AuthorFollowers jsonCount
	Verified        jsonBool
	Text            jsonString
	CreatedAt       jsonRaw
	Likes           jsonCount
	Comments        jsonCount
	Shares          jsonCount
	URL             jsonString
	ParentID        jsonID
	IPLocation      jsonString
}

func (r *Reader) mapCanonical(rec *record, out *[]Item) string {
	t := bytes.TrimSpace(rec.data)
	if reason := notObject(t); reason != "" {
		return reason
	}
	if !json.Valid(t) {
		// Only now pay for encoding/json's decoder, for its wording.
		var v struct{}
		return jsonErrorReason(json.Unmarshal(t, &v))
	}
	var c canonicalRecord
	walkObject(t, func(key string, val []byte) {
		switch key {
		case fPlatform:
			c.Platform.set(val)
		case fID:
			c.ID.set(val)
		case fAuthor:
			c.Author.set(val)
		case fAuthorID:
			c.AuthorID.set(val)
		case fFollowers:
			c.AuthorFollowers.set(val)
		case fVerified:
			c.Verified.set(val)
		case fText:
			c.Text.set(val)
		case fCreatedAt:
			c.CreatedAt.set(val)
		case fLikes:
			c.Likes.set(val)
		case fComments:
			c.Comments.set(val)
		case fShares:
			c.Shares.set(val)
		case fURL:
			c.URL.set(val)
		case fParentID:
			c.ParentID.set(val)
		case fIPLocation:
			c.IPLocation.set(val)
		}
	})
	for _, chk := range []struct {
		name string
		bad  string
		want string
	}{
		{fPlatform, c.Platform.bad, "a string"},
		{fID, c.ID.bad, "a string or number"},
		{fAuthor, c.Author.bad, "a string"},
		{fAuthorID, c.AuthorID.bad, "a string or number"},
		{fFollowers, c.AuthorFollowers.bad, "a number"},
		{fVerified, c.Verified.bad, "true or false"},
		{fText, c.Text.bad, "a string"},
		{fLikes, c.Likes.bad, "a number"},
		{fComments, c.Comments.bad, "a number"},
		{fShares, c.Shares.bad, "a number"},
		{fURL, c.URL.bad, "a string"},
		{fParentID, c.ParentID.bad, "a string or number"},
		{fIPLocation, c.IPLocation.bad, "a string"},
	} {
		if chk.bad != "" {
			return fmt.Sprintf("field %s: want %s, got %s", chk.name, chk.want, chk.bad)
		}
	}
	var created any
	if c.CreatedAt.ok {
		switch raw := c.CreatedAt.raw; raw[0] {
		case '"':
			created = unquote(raw)
		case '{', '[', 't', 'f':
			return fmt.Sprintf("field %s: want a time, got %s", fCreatedAt, describeRaw(raw))
		default:
			// Kept as written: float64 would round milliseconds.
			created = json.Number(raw)
		}
	}
	at, reason := r.when(created, fCreatedAt)
	if reason != "" {
		return reason
	}
	m := &model.Mention{
		ExternalID:      c.ID.v,
		AuthorName:      c.Author.v,
		AuthorID:        c.AuthorID.v,
		AuthorFollowers: c.AuthorFollowers.v,
		Verified:        c.Verified.v,
		CreatedAt:       at,
		Likes:           c.Likes.v,
		Comments:        c.Comments.v,
		Shares:          c.Shares.v,
		URL:             c.URL.v,
		ParentID:        c.ParentID.v,
		IPLocation:      c.IPLocation.v,
	}
	if c.Platform.v != "" {
		// An unknown platform is kept as Other, not rejected: a new
		// site should not cost the team its mentions.
		m.Platform, _ = model.ParsePlatform(c.Platform.v)
	}
	return r.emit(m, c.Text.v, c.Text.present, rec, out)
}

// jsonString accepts a string or null.
type jsonString struct {
	v       string
	present bool
	bad     string
}

func (s *jsonString) set(b []byte) {
	switch b[0] {
	case '"':
		s.v, s.present = unquote(b), true
	case 'n':
	default:
		s.bad = describeRaw(b)
	}
}

// jsonID accepts a string or a number (kept as written) or null.
type jsonID struct {
	v   string
	bad string
}

func (s *jsonID) set(b []byte) {
	switch c := b[0]; {
	case c == '"':
		s.v = unquote(b)
	case c == '-' || (c >= '0' && c <= '9'):
		s.v = string(b)
	case c == 'n':
	default:
		s.bad = describeRaw(b)
	}
}

// jsonCount accepts a non-negative number, a count string ("1.2万"), or null.
type jsonCount struct {
	v   int64
	bad string
}

func (n *jsonCount) set(b []byte) {
	var ok bool
	switch c := b[0]; {
	case c == '"':
		n.v, ok = ParseCount(unquote(b))
	case c == '-' || (c >= '0' && c <= '9'):
		n.v, ok = numberCount(string(b))
	case c == 'n':
		ok = true
	}
	if !ok {
		n.v, n.bad = 0, describeRaw(b)
	}
}

// jsonBool accepts true/false, 0/1, their string forms, or null.
type jsonBool struct {
	v   bool
	bad string
}

func (p *jsonBool) set(b []byte) {
	var v any
	switch b[0] {
	case 't':
		v = true
	case 'f':
		v = false
	case 'n':
		return
	case '"':
		v = unquote(b)
	default:
		v = json.Number(b)
	}
	var ok bool
	if p.v, ok = boolOf(v); !ok {
		p.bad = describeRaw(b)
	}
}

// jsonRaw keeps a value to be read later.
type jsonRaw struct {
	raw []byte
	ok  bool
}

func (p *jsonRaw) set(b []byte) {
	if b[0] != 'n' {
		p.raw, p.ok = b, true
	}
}

// unquote decodes a JSON string literal that json.Valid already checked.
func unquote(b []byte) string {
	b = b[1 : len(b)-1]
	if bytes.IndexByte(b, '\\') < 0 {
		return string(b)
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c != '\\' || i+1 >= len(b) {
			out = append(out, c)
			continue
		}
		i++
		switch b[i] {
		case 'n':
			out = append(out, '\n')
		case 't':
			out = append(out, '\t')
		case 'r':
			out = append(out, '\r')
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'u':
			r := hex4(b[i+1:])
			i += 4
			if utf16.IsSurrogate(r) {
				r2 := rune(-1)
				if i+6 < len(b) && b[i+1] == '\\' && b[i+2] == 'u' {
					r2 = hex4(b[i+3:])
				}
				if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
					r = d
					i += 6
				} else {
					r = utf8.RuneError
				}
			}
			out = utf8.AppendRune(out, r)
		default: // '"', '\\', '/'
			out = append(out, b[i])
		}
	}
	return string(out)
}

// hex4 reads the four hex digits of a \u escape; json.Valid checked them.
func hex4(b []byte) rune {
	if len(b) < 4 {
		return utf8.RuneError
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			c = c - 'A' + 10
		default:
			return utf8.RuneError
		}
		r = r<<4 | rune(c)
	}
	return r
}

// walkObject calls fn for each member of a JSON object that json.Valid
// accepted, with the key unquoted and lowercased when it is not already a
// canonical name (encoding/json matches keys case-insensitively too), and
// the value's raw bytes. Later duplicates override earlier ones in fn, as
// in encoding/json.
func walkObject(b []byte, fn func(key string, val []byte)) {
	i := skipSpace(b, 1)
	for i < len(b) && b[i] == '"' {
		end := skipValue(b, i)
		rawKey := b[i:end]
		var key string
		if canon, ok := canonicalKeys[string(rawKey[1:len(rawKey)-1])]; ok {
			key = canon
		} else {
			key = strings.ToLower(unquote(rawKey))
		}
		i = skipSpace(b, end)
		i = skipSpace(b, i+1) // ':'
		end = skipValue(b, i)
		fn(key, b[i:end])
		i = skipSpace(b, end)
		if i < len(b) && b[i] == ',' {
			i = skipSpace(b, i+1)
		}
	}
}

// canonicalKeys interns the canonical names so the common case costs no
// allocation.
var canonicalKeys = func() map[string]string {
	m := make(map[string]string, len(CanonicalFields))
	for _, f := range CanonicalFields {
		m[f] = f
	}
	return m
}()

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// skipValue returns the index just past the valid JSON value at b[i].
func skipValue(b []byte, i int) int {
	switch b[i] {
	case '"':
		for j := i + 1; j < len(b); j++ {
			switch b[j] {
			case '\\':
				j++
			case '"':
				return j + 1
			}
		}
		return len(b)
	case '{', '[':
		depth := 0
		for j := i; j < len(b); j++ {
			switch b[j] {
			case '"':
				j = skipValue(b, j) - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1
				}
			}
		}
		return len(b)
	}
	j := i
	for j < len(b) && b[j] != ',' && b[j] != '}' && b[j] != ']' && b[j] != ' ' && b[j] != '\t' && b[j] != '\n' && b[j] != '\r' {
		j++
	}
	return j
}

// EncodeJSONL writes m as one canonical JSONL line, newline included. The
// text written is RawText when there is one, so decoding the line again
// gives the same mention; every string is escaped so that the line is safe
// to print on a terminal.
func EncodeJSONL(m *model.Mention) []byte {
	return appendCanonical(make([]byte, 0, 256+len(m.RawText)), m, false)
}

// EncodeClassifiedJSONL is EncodeJSONL plus the classifier's judgement:
// sentiment, negative, category, severity and terms.
func EncodeClassifiedJSONL(m *model.Mention) []byte {
	return appendCanonical(make([]byte, 0, 320+len(m.RawText)), m, true)
}

func appendCanonical(b []byte, m *model.Mention, judged bool) []byte {
	txt := m.RawText
	if txt == "" {
		txt = m.Text
	}
	b = append(b, `{"platform":`...)
	b = appendString(b, string(m.Platform))
	b = append(b, `,"id":`...)
	b = appendString(b, m.ExternalID)
	b = append(b, `,"author":`...)
	b = appendString(b, m.AuthorName)
	b = append(b, `,"author_id":`...)
	b = appendString(b, m.AuthorID)
	b = append(b, `,"author_followers":`...)
	b = strconv.AppendInt(b, m.AuthorFollowers, 10)
	b = append(b, `,"verified":`...)
	b = strconv.AppendBool(b, m.Verified)
	b = append(b, `,"text":`...)
	b = appendString(b, txt)
	b = append(b, `,"created_at":`...)
	if m.CreatedAt.IsZero() {
		b = append(b, `""`...)
	} else {
		b = append(b, '"')
		b = m.CreatedAt.AppendFormat(b, "2006-01-02T15:04:05.999999999Z07:00")
		b = append(b, '"')
	}
	b = append(b, `,"likes":`...)
	b = strconv.AppendInt(b, m.Likes, 10)
	b = append(b, `,"comments":`...)
	b = strconv.AppendInt(b, m.Comments, 10)
	b = append(b, `,"shares":`...)
	b = strconv.AppendInt(b, m.Shares, 10)
	b = append(b, `,"url":`...)
	b = appendString(b, m.URL)
	b = append(b, `,"parent_id":`...)
	b = appendString(b, m.ParentID)
	b = append(b, `,"ip_location":`...)
	b = appendString(b, m.IPLocation)
	if judged {
		b = append(b, `,"sentiment":`...)
		sent := m.Sentiment
		if math.IsNaN(sent) || math.IsInf(sent, 0) {
			sent = 0
		}
		b = strconv.AppendFloat(b, sent, 'f', -1, 64)
		b = append(b, `,"negative":`...)
		b = strconv.AppendBool(b, m.Negative)
		b = append(b, `,"category":`...)
		b = appendString(b, string(m.Category))
		b = append(b, `,"severity":`...)
		b = strconv.AppendInt(b, int64(m.Severity), 10)
		b = append(b, `,"terms":[`...)
		for i, t := range m.Terms {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, t)
		}
		b = append(b, ']')
	}
	return append(b, "}\n"...)
}

// appendString appends s as a JSON string. Beyond what JSON requires it
// escapes DEL, C1 controls, bidi controls and the Unicode line separators,
// so an exported file is as safe to cat as the console is to read; invalid
// UTF-8 becomes U+FFFD.
func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < 0x7f {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case (r >= 0x80 && r <= 0x9f) || r == 0x2028 || r == 0x2029 || r == 0x061c || r == 0x200e || r == 0x200f ||
			(r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069):
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', hex[r>>12&0xf], hex[r>>8&0xf], hex[r>>4&0xf], hex[r&0xf])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
