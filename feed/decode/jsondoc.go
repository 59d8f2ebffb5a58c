package decode

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// docSource streams records out of JSON documents: a top-level array of
// records (MediaCrawler's .json files), a wrapper object holding such an
// array ({"statuses":[…]}, m.weibo.cn's {"data":{"cards":[…]}},
// weibo-crawler's {"user":…,"weibo":[…]}), a single record object, or a
// stream of any of these. Elements are decoded one at a time, so a large
// file is never held whole.
//
// A syntax error inside a document cannot be resynchronised, so it ends the
// input with one reject at the line where it happened.
type docSource struct {
	dec     *json.Decoder
	tr      *lineTracker
	max     int
	stack   []docFrame
	top     *topObject // stash for the top-level object, when that is the record
	docUser fields     // a top-level "user" beside the records (weibo-crawler JSON)
	done    bool
}

// docFrame is a container being walked: an array's elements are records,
// an object's members are looked through for wrapper keys.
type docFrame struct {
	array bool
}

// topObject collects a top-level object's members in case it turns out to
// be a record rather than a wrapper.
type topObject struct {
	line, offset int64
	members      []member
	wrapper      bool // saw an array of records inside
}

type member struct {
	key string
	raw json.RawMessage
}

// wrapperKeys name members whose arrays hold records. "data" also wraps an
// object in m.weibo.cn responses.
var wrapperKeys = map[string]bool{
	"statuses": true, "weibo": true, "cards": true, "data": true, "comments": true, "reposts": true,
}

func newDocSource(br *bufio.Reader, offset int64, max int) *docSource {
	tr := &lineTracker{r: br, base: offset, shift: offset, mark: offset, limit: 2*int64(max) + 64<<10}
	dec := json.NewDecoder(tr)
	dec.UseNumber()
	return &docSource{dec: dec, tr: tr, max: max}
}

func (s *docSource) next() (*record, error) {
	for !s.done {
		rec, err := s.step()
		if err != nil {
			return nil, err
		}
		if rec != nil {
			return rec, nil
		}
	}
	return nil, io.EOF
}

// step advances the walk by one token or value; it returns a record when
// one is complete.
func (s *docSource) step() (*record, error) {
	if len(s.stack) == 0 {
		return s.startValue()
	}
	f := &s.stack[len(s.stack)-1]
	if !s.dec.More() {
		if _, err := s.dec.Token(); err != nil { // ']' or '}'
			return s.fail(err, s.valueStart())
		}
		s.stack = s.stack[:len(s.stack)-1]
		if len(s.stack) == 0 && s.top != nil {
			top := s.top
			s.top = nil
			if !top.wrapper {
				return top.record(), nil
			}
		}
		return nil, nil
	}
	start := s.valueStart()
	s.tr.mark = start
	if f.array {
		var raw json.RawMessage
		if err := s.dec.Decode(&raw); err != nil {
			return s.fail(err, start)
		}
		rec := &record{offset: start, line: s.tr.lineAt(start), data: raw}
		s.check(rec)
		return rec, nil
	}
	tok, err := s.dec.Token()
	if err != nil {
		return s.fail(err, start)
	}
	key, _ := tok.(string)
	atTop := len(s.stack) == 1 && s.top != nil
	if wrapperKeys[key] {
		tok, err := s.dec.Token()
		if err != nil {
			return s.fail(err, start)
		}
		switch tok {
		case json.Delim('['):
			s.stack = append(s.stack, docFrame{array: true})
			if s.top != nil {
				s.top.wrapper = true
			}
		case json.Delim('{'):
			s.stack = append(s.stack, docFrame{})
		default:
			if atTop {
				b, _ := json.Marshal(tok)
				s.top.members = append(s.top.members, member{key, b})
			}
		}
		return nil, nil
	}
	var raw json.RawMessage
	if err := s.dec.Decode(&raw); err != nil {
		return s.fail(err, start)
	}
	if atTop {
		s.top.members = append(s.top.members, member{key, raw})
		if key == "user" {
			s.docUser, _ = decodeObject(raw)
		}
	}
	return nil, nil
}

// startValue begins the next top-level value of the stream.
func (s *docSource) startValue() (*record, error) {
	if !s.dec.More() {
		// More is false at EOF and at a stray closing bracket; Token
		// tells them apart.
		if _, err := s.dec.Token(); err != nil && err != io.EOF {
			return s.fail(err, s.valueStart())
		}
		s.done = true
		return nil, nil
	}
	start := s.valueStart()
	s.tr.mark = start
	tok, err := s.dec.Token()
	if err != nil {
		return s.fail(err, start)
	}
	switch tok {
	case json.Delim('['):
		s.stack = append(s.stack, docFrame{array: true})
		s.docUser = nil
	case json.Delim('{'):
		s.stack = append(s.stack, docFrame{})
		s.top = &topObject{offset: start, line: s.tr.lineAt(start)}
		s.docUser = nil
	default:
		// A bare scalar where a record should be.
		b, _ := json.Marshal(tok)
		return &record{offset: start, line: s.tr.lineAt(start), data: b,
			reject: "want a JSON object, got " + jsonKind(b)}, nil
	}
	return nil, nil
}

func (s *docSource) check(rec *record) {
	switch {
	case len(rec.data) > s.max:
		rec.reject = "record over " + humanBytes(s.max)
	case !utf8.Valid(rec.data):
		rec.reject = invalidUTF8(rec.data)
	}
}

// fail turns a decoder error into a final reject at the line of the value
// being read (json.Decoder's own error offsets are not reliable enough to
// point closer), or passes an I/O error on.
func (s *docSource) fail(err error, at int64) (*record, error) {
	s.done = true
	if s.tr.err != nil {
		return nil, s.tr.err
	}
	var reason string
	var syn *json.SyntaxError
	switch {
	case errors.Is(err, errTooBig):
		reason = "record over " + humanBytes(s.max)
	case errors.Is(err, io.ErrUnexpectedEOF) || err == io.EOF:
		reason = "truncated JSON: unexpected end"
	case errors.As(err, &syn):
		reason = "bad JSON: " + strings.TrimPrefix(syn.Error(), "json: ")
	default:
		reason = jsonErrorReason(err)
	}
	return &record{offset: at, line: s.tr.lineAt(at), reject: reason}, nil
}

// valueStart returns the file offset where the next value begins: the
// decoder's offset sits before the separating comma and spaces.
func (s *docSource) valueStart() int64 {
	off := s.dec.InputOffset()
	var b [1]byte
	for r := s.dec.Buffered(); ; off++ {
		if n, _ := r.Read(b[:]); n == 0 {
			break
		}
		if c := b[0]; c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != ',' && c != ':' {
			break
		}
	}
	return s.tr.fileOff(off)
}

func (t *topObject) record() *record {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, m := range t.members {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(m.key)
		b.Write(k)
		b.WriteByte(':')
		b.Write(m.raw)
	}
	b.WriteByte('}')
	return &record{line: t.line, offset: t.offset, data: b.Bytes()}
}

// errTooBig stops the JSON decoder from buffering a runaway value.
var errTooBig = errors.New("JSON value too large")

// lineTracker sits between the input and the JSON decoder and remembers
// where newlines are, so a byte offset can be turned into a line number. It
// keeps only the newlines the caller has not yet passed, which is bounded
// by the decoder's read-ahead.
type lineTracker struct {
	r      io.Reader
	base   int64   // file offset of the next byte to read
	shift  int64   // bytes skipped before the decoder (a BOM)
	nl     []int64 // offsets of newlines not yet passed
	passed int64   // newlines before the last offset asked about
	mark   int64   // file offset where the value being decoded started
	limit  int64   // how far past mark the decoder may read
	err    error   // first read error other than EOF
}

func (t *lineTracker) Read(p []byte) (int, error) {
	if t.base-t.mark > t.limit {
		return 0, errTooBig
	}
	n, err := t.r.Read(p)
	for i := 0; i < n; {
		j := bytes.IndexByte(p[i:n], '\n')
		if j < 0 {
			break
		}
		t.nl = append(t.nl, t.base+int64(i+j))
		i += j + 1
	}
	t.base += int64(n)
	if err != nil && err != io.EOF && t.err == nil {
		t.err = fmt.Errorf("read: %w", err)
	}
	return n, err
}

// fileOff converts a decoder offset, which does not count a skipped BOM,
// to a file offset.
func (t *lineTracker) fileOff(decOff int64) int64 { return decOff + t.shift }

// lineAt returns the 1-based line of file offset off. Offsets must not go
// backwards between calls; earlier ones are answered with the last line.
func (t *lineTracker) lineAt(off int64) int64 {
	i := 0
	for i < len(t.nl) && t.nl[i] < off {
		i++
	}
	t.passed += int64(i)
	t.nl = t.nl[i:]
	return t.passed + 1
}
