package decode

import (
	"bufio"
	"errors"
	"io"
	"strings"
)

// csvSource splits RFC 4180 CSV into records. It is written here rather
// than taken from encoding/csv because a crisis file needs what that reader
// does not give: a byte cap per record that skips a runaway row without
// holding it, resynchronising on the next physical line after a stray
// quote, and the raw bytes of each bad row for the rejects table. Quoted
// fields may span lines (MediaCrawler's content often does), and "\r\n" is
// accepted, as Python's csv module writes it.
type csvSource struct {
	br      *bufio.Reader
	max     int
	line    int64 // physical lines read so far
	offset  int64
	fields  []string
	field   []byte
	tooLong string
}

func newCSVSource(br *bufio.Reader, offset int64, max int) *csvSource {
	return &csvSource{br: br, max: max, offset: offset, tooLong: "row over " + humanBytes(max)}
}

type csvState int

const (
	fieldStart csvState = iota
	unquoted
	quoted
	quoteInQuoted // a '"' inside a quoted field: either an escape or the end
)

func (s *csvSource) next() (*record, error) {
	for {
		rec, blank, err := s.readRecord()
		if err != nil {
			return nil, err
		}
		if !blank {
			return rec, nil
		}
	}
}

// readRecord reads one record. Blank lines come back as blank so the caller
// can skip them.
func (s *csvSource) readRecord() (rec *record, blank bool, err error) {
	rec = &record{line: s.line + 1, offset: s.offset}
	s.fields = s.fields[:0]
	s.field = s.field[:0]
	state := fieldStart
	size := 0
	sawAny := false
	for {
		chunk, err := s.br.ReadSlice('\n')
		if len(chunk) == 0 && err != nil {
			if errors.Is(err, bufio.ErrBufferFull) {
				continue
			}
			if err == io.EOF && sawAny {
				if state == quoted {
					rec.reject = "unterminated quoted field"
				}
				s.endField()
				rec.fields = s.fields
				return rec, false, nil
			}
			return nil, false, err
		}
		sawAny = true
		s.offset += int64(len(chunk))
		lineEnded := chunk[len(chunk)-1] == '\n'
		if lineEnded {
			s.line++
		}
		size += len(chunk)
		if size > s.max+2 { // +2: the line ending does not count
			// Give up on this record: skip to the end of the physical
			// line and start afresh there, whatever the quotes said.
			if !lineEnded {
				if err := s.skipLine(); err != nil && err != io.EOF {
					return nil, false, err
				}
			}
			rec.reject = s.tooLong
			rec.fields = nil
			rec.data = []byte(joinCSV(append(s.fields, string(s.field))))
			if len(rec.data) > rawPrefix {
				rec.data = rec.data[:rawPrefix]
			}
			return rec, false, nil
		}
		for _, c := range chunk {
			switch state {
			case fieldStart:
				switch c {
				case '"':
					state = quoted
				case ',':
					s.endField()
				case '\n':
					s.endField()
					return s.finish(rec)
				case '\r':
					// Part of "\r\n"; a bare '\r' elsewhere is dropped.
				default:
					s.field = append(s.field, c)
					state = unquoted
				}
			case unquoted:
				switch c {
				case ',':
					s.endField()
					state = fieldStart
				case '\n':
					s.endField()
					return s.finish(rec)
				case '\r':
				default:
					s.field = append(s.field, c)
				}
			case quoted:
				if c == '"' {
					state = quoteInQuoted
				} else {
					s.field = append(s.field, c)
				}
			case quoteInQuoted:
				switch c {
				case '"':
					s.field = append(s.field, '"')
					state = quoted
				case ',':
					s.endField()
					state = fieldStart
				case '\n':
					s.endField()
					return s.finish(rec)
				case '\r':
				default:
					// Text after a closing quote: keep it, as
					// spreadsheets do.
					s.field = append(s.field, c)
					state = unquoted
				}
			}
		}
		if err != nil && !errors.Is(err, bufio.ErrBufferFull) {
			if err != io.EOF {
				return nil, false, err
			}
			if state == quoted {
				rec.reject = "unterminated quoted field"
			}
			s.endField()
			return s.finish(rec)
		}
	}
}

func (s *csvSource) finish(rec *record) (*record, bool, error) {
	if len(s.fields) == 1 && s.fields[0] == "" {
		return nil, true, nil
	}
	rec.fields = s.fields
	return rec, false, nil
}

func (s *csvSource) endField() {
	s.fields = append(s.fields, string(s.field))
	s.field = s.field[:0]
}

func (s *csvSource) skipLine() error {
	for {
		chunk, err := s.br.ReadSlice('\n')
		s.offset += int64(len(chunk))
		if len(chunk) > 0 && chunk[len(chunk)-1] == '\n' {
			s.line++
			return nil
		}
		if err != nil && !errors.Is(err, bufio.ErrBufferFull) {
			return err
		}
	}
}

// joinCSV writes fields back as one CSV row, for a reject's Raw.
func joinCSV(fields []string) string {
	var b strings.Builder
	for i, f := range fields {
		if i > 0 {
			b.WriteByte(',')
		}
		if strings.ContainsAny(f, ",\"\r\n") {
			b.WriteByte('"')
			b.WriteString(strings.ReplaceAll(f, `"`, `""`))
			b.WriteByte('"')
		} else {
			b.WriteString(f)
		}
	}
	return b.String()
}
