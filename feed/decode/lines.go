package decode

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// lineSource yields one record per non-blank physical line, for JSONL.
type lineSource struct {
	br      *bufio.Reader
	max     int
	line    int64 // lines read so far
	offset  int64 // byte offset of the next line
	buf     []byte
	tooLong string
}

func newLineSource(br *bufio.Reader, offset int64, max int) *lineSource {
	return &lineSource{br: br, max: max, offset: offset, tooLong: "line over " + humanBytes(max)}
}

func (s *lineSource) next() (*record, error) {
	for {
		start := s.offset
		line, over, err := s.readLine()
		if err != nil && !(err == io.EOF && (len(line) > 0 || over)) {
			return nil, err
		}
		s.line++
		rec := &record{line: s.line, offset: start}
		if over {
			rec.data = line
			rec.reject = s.tooLong
			return rec, nil
		}
		line = bytes.TrimRight(line, "\r")
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		rec.data = line
		if !utf8.Valid(line) {
			rec.reject = invalidUTF8(line)
		}
		return rec, nil
	}
}

// readLine reads one physical line without its '\n'. A line longer than
// max is skipped to its end without being buffered; over is then true and
// the returned bytes are a short prefix for the reject's Raw.
func (s *lineSource) readLine() (line []byte, over bool, err error) {
	s.buf = s.buf[:0]
	for {
		chunk, err := s.br.ReadSlice('\n')
		s.offset += int64(len(chunk))
		if !over {
			if len(s.buf)+len(chunk) > s.max+1 { // +1: the '\n' does not count
				over = true
				s.buf = s.buf[:min(len(s.buf), rawPrefix)]
				keep := min(len(chunk), max(0, rawPrefix-len(s.buf)))
				s.buf = append(s.buf, chunk[:keep]...)
			} else {
				s.buf = append(s.buf, chunk...)
			}
		}
		switch {
		case err == nil:
			return bytes.TrimSuffix(s.buf, []byte{'\n'}), over, nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		default:
			if !over && len(s.buf) > s.max {
				over = true
				s.buf = s.buf[:min(len(s.buf), rawPrefix)]
			}
			return s.buf, over, err
		}
	}
}

// rawPrefix is how much of an over-long record a reject keeps.
const rawPrefix = 4 << 10

func invalidUTF8(b []byte) string {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return fmt.Sprintf("invalid UTF-8 at byte %d%s", i+1, gbkHint(b))
		}
		i += size
	}
	return "invalid UTF-8"
}

func humanBytes(n int) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
