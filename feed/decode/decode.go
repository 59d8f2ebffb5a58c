// Package decode turns the files crisis teams actually have into
// model.Mentions: warroom's canonical JSONL, MediaCrawler exports (JSON,
// JSONL and CSV, seven platforms, posts and comments), weibo-crawler CSV,
// Weibo API status JSON, and any CSV with a header row.
//
// Input is untrusted. A bad record never stops a file: it comes back as an
// Item carrying a Reject with a short human reason and its physical line
// number, and reading goes on. Next returns an error only when the
// underlying reader fails.
package decode

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"warroom/model"
	"warroom/model/text"
)

// Format names an input format.
type Format string

// The formats NewReader understands.
const (
	FormatAuto         Format = "auto"              // sniff from the name and first bytes
	FormatJSONL        Format = "jsonl"             // warroom's canonical mention objects
	FormatMediaCrawler Format = "mediacrawler"      // NanmiCoder/MediaCrawler exports
	FormatWeiboCSV     Format = "weibo-crawler-csv" // dataabc/weibo-crawler user CSV
	FormatWeiboAPI     Format = "weibo-api"         // Weibo API / m.weibo.cn status JSON
	FormatCSV          Format = "csv"               // any CSV with a header row
)

// Formats lists the concrete formats, in the order help text shows them.
var Formats = []Format{FormatJSONL, FormatMediaCrawler, FormatWeiboCSV, FormatWeiboAPI, FormatCSV}

// ParseFormat reads a --format value. The empty string means FormatAuto.
func ParseFormat(s string) (Format, error) {
	f := Format(strings.ToLower(strings.TrimSpace(s)))
	switch f {
	case "", FormatAuto:
		return FormatAuto, nil
	case "weibo-crawler", "weibocsv", "weibo-csv":
		return FormatWeiboCSV, nil
	case "json", "ndjson":
		return FormatJSONL, nil
	}
	for _, k := range Formats {
		if f == k {
			return f, nil
		}
	}
	return "", fmt.Errorf("unknown format %q: use one of auto, %s", s, joinFormats())
}

func joinFormats() string {
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = string(f)
	}
	return strings.Join(names, ", ")
}

// DefaultMaxLine is the longest line (or CSV row, or JSON array element)
// read when Options.MaxLine is zero.
const DefaultMaxLine = 1 << 20

// Options tune a Reader. The zero value sniffs the format.
type Options struct {
	// Format forces a format; empty or FormatAuto sniffs.
	Format Format
	// Map renames columns for generic CSV: canonical field -> header,
	// as ParseMap returns it.
	Map map[string]string
	// MaxLine caps one record in bytes; longer ones are rejected and
	// skipped without being held in memory. Zero means DefaultMaxLine.
	MaxLine int
	// Platform is used when a record does not say where it was posted.
	// MediaCrawler records only imply their platform (by their columns or
	// the file's path), so there it overrides the inference.
	Platform model.Platform
	// Now is the reference time for relative times such as "5分钟前" or
	// "昨天 12:00". When zero, records with such times are rejected.
	Now time.Time
	// Location is the zone for times written without one; nil means
	// China Standard Time, which is what every source here writes.
	Location *time.Location
}

// Reject is a record that could not become a mention.
type Reject struct {
	Source string // file name or other origin, as passed to NewReader
	Line   int64  // 1-based physical line where the record starts
	Offset int64  // byte offset where the record starts
	Reason string // short, for a person: "missing text", "line over 1 MiB"
	Raw    []byte // the record as read, capped at MaxLine (a prefix for over-long ones)
}

// Item is one decoded record: exactly one of Mention and Reject is set.
type Item struct {
	Mention *model.Mention
	Reject  *Reject
	Line    int64
}

// ErrNotUTF8 is wrapped by NewReader's error when the input is UTF-16 or a
// CSV header is not UTF-8, which in practice means a GBK export from Excel
// or WPS (the error says GBK only when the header reads as GBK).
var ErrNotUTF8 = errors.New("not UTF-8")

// china is UTC+8 without DST, exact for every date these files hold; a
// fixed zone also keeps the binary free of a tzdata dependency.
var china = time.FixedZone("CST", 8*60*60)

// Reader decodes one input stream.
type Reader struct {
	source  string
	format  Format
	opts    Options
	loc     *time.Location
	hint    model.Platform // from the file name, when the record cannot tell
	src     recordSource
	mapRec  func(*Reader, *record, *[]Item) string
	csv     *csvLayout
	pending []Item
}

// record is one raw record from a source, before mapping.
type record struct {
	line, offset int64
	data         []byte   // JSON bytes, for JSON sources
	fields       []string // CSV fields, for CSV sources
	reject       string   // set when the source itself found the record bad
}

type recordSource interface {
	// next returns the next record; io.EOF at the end; other errors are
	// I/O errors from the underlying reader.
	next() (*record, error)
}

// NewReader returns a Reader over r. source names the input in rejects and
// mentions (a file path, "stdin", "webhook") and, when it is a path, helps
// sniffing and tells which platform a MediaCrawler file is from. With Format
// auto it reads ahead to sniff. It fails on settings that make the whole
// input unreadable: an unknown format, a bad --map, input that is binary
// or UTF-16, a CSV header that is not UTF-8 or has no text column.
func NewReader(r io.Reader, source string, opts Options) (*Reader, error) {
	if opts.MaxLine <= 0 {
		opts.MaxLine = DefaultMaxLine
	}
	format, err := ParseFormat(string(opts.Format))
	if err != nil {
		return nil, err
	}
	rd := &Reader{source: source, opts: opts, loc: opts.Location, hint: platformFromPath(source)}
	if rd.loc == nil {
		rd.loc = china
	}
	br := bufio.NewReaderSize(r, 64<<10)
	// Sniff on what the first read brings, without waiting for more: a
	// followed file or a pipe may hold a few lines and then pause for
	// minutes, and the lines already there must flow at once.
	_, err = br.Peek(1)
	head := []byte(nil)
	if err == nil {
		head, err = br.Peek(min(br.Buffered(), sniffBytes))
	}
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, fmt.Errorf("read %s: %w", source, err)
	}
	var bomLen int64
	if bytes.HasPrefix(head, bom) {
		_, _ = br.Discard(len(bom))
		head = head[len(bom):]
		bomLen = int64(len(bom))
	}
	if err := checkText(head, source); err != nil {
		return nil, err
	}
	if format == FormatAuto {
		format = Sniff(head, source)
		if len(opts.Map) > 0 && isCSVFormat(format) {
			format = FormatCSV
		}
	}
	if len(opts.Map) > 0 && format != FormatCSV {
		return nil, fmt.Errorf("%s: --map applies to generic CSV input, and this is %s; drop --map or pass --format csv", source, format)
	}
	rd.format = format

	jsonish := looksJSON(head)
	switch {
	case format == FormatJSONL || format == FormatWeiboAPI || (format == FormatMediaCrawler && jsonish):
		if jsonDocument(head, format) {
			rd.src = newDocSource(br, bomLen, opts.MaxLine)
		} else {
			rd.src = newLineSource(br, bomLen, opts.MaxLine)
		}
		switch format {
		case FormatJSONL:
			rd.mapRec = (*Reader).mapCanonical
		case FormatMediaCrawler:
			rd.mapRec = (*Reader).mapMediaCrawlerJSON
		default:
			rd.mapRec = (*Reader).mapWeiboAPI
		}
	case format == FormatWeiboCSV || format == FormatCSV || format == FormatMediaCrawler:
		cs := newCSVSource(br, bomLen, opts.MaxLine)
		rd.src = cs
		if err := rd.readHeader(cs); err != nil {
			return nil, err
		}
	default:
		return nil, fmt.Errorf("%s: cannot tell the format; pass --format (%s)", source, joinFormats())
	}
	return rd, nil
}

// Format returns the format being read, after sniffing.
func (r *Reader) Format() Format { return r.format }

// Next returns the next item, or io.EOF after the last one. Bad records are
// Items with a Reject; the error is only ever an I/O error.
func (r *Reader) Next() (Item, error) {
	for {
		if len(r.pending) > 0 {
			it := r.pending[0]
			r.pending[0] = Item{}
			r.pending = r.pending[1:]
			return it, nil
		}
		rec, err := r.src.next()
		if err != nil {
			return Item{}, err
		}
		if rec.reject != "" {
			return r.reject(rec, rec.reject), nil
		}
		if reason := r.mapRec(r, rec, &r.pending); reason != "" {
			return r.reject(rec, reason), nil
		}
	}
}

func (r *Reader) reject(rec *record, reason string) Item {
	raw := rec.data
	if raw == nil && rec.fields != nil {
		raw = []byte(joinCSV(rec.fields))
	}
	if len(raw) > r.opts.MaxLine {
		raw = raw[:r.opts.MaxLine]
	}
	return Item{
		Line: rec.line,
		Reject: &Reject{
			Source: r.source,
			Line:   rec.line,
			Offset: rec.offset,
			Reason: reason,
			Raw:    bytes.Clone(raw),
		},
	}
}

// Caps for one-line fields. Names and places are short on every platform;
// the caps only stop abuse.
const (
	maxName = 256
	maxID   = 128
	maxURL  = 2048
	maxLoc  = 128
)

// emit finishes a mention (text, source, one-line fields) and queues it.
// It returns a reason when the text is missing or empty.
func (r *Reader) emit(m *model.Mention, raw string, hasText bool, rec *record, out *[]Item) string {
	if !hasText {
		return "missing text"
	}
	m.RawText = raw
	m.Text = text.Sanitize(raw)
	if strings.TrimSpace(m.Text) == "" {
		return "empty text"
	}
	m.ExternalID = text.OneLineN(m.ExternalID, maxID)
	m.AuthorName = text.OneLineN(m.AuthorName, maxName)
	m.AuthorID = text.OneLineN(m.AuthorID, maxID)
	m.URL = text.OneLineN(m.URL, maxURL)
	m.ParentID = text.OneLineN(m.ParentID, maxID)
	m.IPLocation = text.OneLineN(cleanLocation(m.IPLocation), maxLoc)
	if m.Platform == "" {
		m.Platform = r.platformHint()
	}
	m.Source, m.Line = r.source, rec.line
	*out = append(*out, Item{Mention: m, Line: rec.line})
	return ""
}

// platformHint is the platform to use when a record does not name one.
func (r *Reader) platformHint() model.Platform {
	if r.opts.Platform != "" {
		return r.opts.Platform
	}
	if r.hint != "" {
		return r.hint
	}
	return model.Other
}

var bom = []byte{0xEF, 0xBB, 0xBF}

// sniffBytes is how far NewReader looks ahead.
const sniffBytes = 16 << 10

// cleanLocation drops the labels platforms print before a place:
// "IP属地：上海", "IP 属地上海", "发布于 北京", "来自湖北".
func cleanLocation(s string) string {
	s = strings.TrimSpace(s)
	for _, p := range []string{"IP属地", "IP 属地", "ip属地", "发布于", "来自"} {
		if rest, ok := strings.CutPrefix(s, p); ok {
			s = strings.TrimSpace(strings.TrimLeft(rest, ":： "))
			break
		}
	}
	return s
}

// looksJSON reports whether input starts like JSON rather than CSV.
func looksJSON(head []byte) bool {
	t := bytes.TrimLeft(head, " \t\r\n")
	return len(t) > 0 && (t[0] == '{' || t[0] == '[')
}
