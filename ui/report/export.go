package report

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"warroom/model"
)

// Export formats.
const (
	ExportCSV   = "csv"   // RFC 4180, CRLF line ends, optional UTF-8 BOM
	ExportJSONL = "jsonl" // one JSON object per line
)

// utf8BOM makes spreadsheet programs (Excel in particular) read a CSV as
// UTF-8 rather than the local code page, which would garble Chinese.
const utf8BOM = "\uFEFF"

// MentionIterator is the part of Source that export needs.
type MentionIterator interface {
	EachMention(ctx context.Context, fn func(*model.Mention) error) error
}

// exporter writes one table in either format. CSV text cells go through
// safeCell; JSONL keeps values as they are (JSON has no formulas), only
// made valid UTF-8.
type exporter struct {
	bw  *bufio.Writer
	csv *csv.Writer
	enc *json.Encoder
}

func newExporter(w io.Writer, format string, bom bool, header []string) (*exporter, error) {
	e := &exporter{bw: bufio.NewWriterSize(w, 64<<10)}
	switch format {
	case ExportCSV:
		if bom {
			e.bw.WriteString(utf8BOM)
		}
		e.csv = csv.NewWriter(e.bw)
		e.csv.UseCRLF = true // RFC 4180
		if err := e.csv.Write(header); err != nil {
			return nil, err
		}
	case ExportJSONL:
		// A BOM would make the first line invalid JSON, so bom is ignored.
		e.enc = json.NewEncoder(e.bw)
		e.enc.SetEscapeHTML(false) // keep <, > and & readable; this is data, not a page
	default:
		return nil, fmt.Errorf("export: unknown format %q (want csv or jsonl)", format)
	}
	return e, nil
}

// write emits one record: cells for CSV, v for JSONL.
func (e *exporter) write(cells func() []string, v any) error {
	if e.csv != nil {
		return e.csv.Write(cells())
	}
	return e.enc.Encode(v)
}

func (e *exporter) close() error {
	if e.csv != nil {
		e.csv.Flush()
		if err := e.csv.Error(); err != nil {
			return err
		}
	}
	return e.bw.Flush()
}

// safeCell makes a CSV text cell safe to open in a spreadsheet: valid
// UTF-8, and a leading apostrophe when it starts with a character that
// makes Excel, LibreOffice or Google Sheets read it as a formula
// (= + - @, and tab or carriage return, which some of them skip before
// one). The apostrophe is what spreadsheets themselves use to mark "text";
// it is applied to every text column because posts, names and notes are
// written by strangers. Numbers and times that warroom formats itself are
// left alone, so they stay numbers.
func safeCell(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if s != "" {
		switch s[0] {
		case '=', '+', '-', '@', '\t', '\r':
			return "'" + s
		}
	}
	return s
}

func valid(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }

// stamp is a time as RFC 3339 in its own zone, or empty when unset.
func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}

func i64(n int64) string   { return strconv.FormatInt(n, 10) }
func f64(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// mentionRecord is a mention as exported. Text is the raw text as
// received (the displayed text is a sanitized copy of it), made valid UTF-8.
type mentionRecord struct {
	ID              int64    `json:"id"`
	Platform        string   `json:"platform"`
	ExternalID      string   `json:"external_id"`
	AuthorName      string   `json:"author_name"`
	AuthorID        string   `json:"author_id"`
	AuthorFollowers int64    `json:"author_followers"`
	Verified        bool     `json:"verified"`
	CreatedAt       string   `json:"created_at"`
	IngestedAt      string   `json:"ingested_at"`
	Text            string   `json:"text"`
	Likes           int64    `json:"likes"`
	Comments        int64    `json:"comments"`
	Shares          int64    `json:"shares"`
	URL             string   `json:"url"`
	ParentID        string   `json:"parent_id"`
	IPLocation      string   `json:"ip_location"`
	Source          string   `json:"source"`
	DupOf           int64    `json:"dup_of"`
	Sentiment       float64  `json:"sentiment"`
	Negative        bool     `json:"negative"`
	Category        string   `json:"category"`
	Severity        int      `json:"severity"`
	Terms           []string `json:"terms"`
}

var mentionHeader = []string{"id", "platform", "external_id", "author_name", "author_id", "author_followers", "verified",
	"created_at", "ingested_at", "text", "likes", "comments", "shares", "url", "parent_id", "ip_location", "source",
	"dup_of", "sentiment", "negative", "category", "severity", "terms"}

// ExportMentions writes every mention from src as CSV or JSON Lines (see
// ExportCSV, ExportJSONL). bom puts a UTF-8 byte-order mark before a CSV so
// spreadsheet programs read Chinese correctly; it is ignored for JSONL.
func ExportMentions(ctx context.Context, w io.Writer, src MentionIterator, format string, bom bool) error {
	e, err := newExporter(w, format, bom, mentionHeader)
	if err != nil {
		return err
	}
	n := 0
	err = src.EachMention(ctx, func(m *model.Mention) error {
		n++
		if n%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		raw := m.RawText
		if raw == "" {
			raw = m.Text
		}
		terms := make([]string, len(m.Terms))
		for i, t := range m.Terms {
			terms[i] = valid(t)
		}
		r := mentionRecord{ID: m.ID, Platform: valid(string(m.Platform)), ExternalID: valid(m.ExternalID),
			AuthorName: valid(m.AuthorName), AuthorID: valid(m.AuthorID), AuthorFollowers: m.AuthorFollowers,
			Verified: m.Verified, CreatedAt: stamp(m.CreatedAt), IngestedAt: stamp(m.IngestedAt), Text: valid(raw),
			Likes: m.Likes, Comments: m.Comments, Shares: m.Shares, URL: valid(m.URL), ParentID: valid(m.ParentID),
			IPLocation: valid(m.IPLocation), Source: valid(m.Source), DupOf: m.DupOf, Sentiment: m.Sentiment,
			Negative: m.Negative, Category: string(m.Category), Severity: m.Severity, Terms: terms}
		return e.write(func() []string {
			return []string{i64(r.ID), safeCell(r.Platform), safeCell(r.ExternalID), safeCell(r.AuthorName),
				safeCell(r.AuthorID), i64(r.AuthorFollowers), strconv.FormatBool(r.Verified), r.CreatedAt, r.IngestedAt,
				safeCell(r.Text), i64(r.Likes), i64(r.Comments), i64(r.Shares), safeCell(r.URL), safeCell(r.ParentID),
				safeCell(r.IPLocation), safeCell(r.Source), i64(r.DupOf), f64(r.Sentiment), strconv.FormatBool(r.Negative),
				safeCell(r.Category), strconv.Itoa(r.Severity), safeCell(strings.Join(r.Terms, ";"))}
		}, r)
	})
	if err != nil {
		return fmt.Errorf("export mentions (after %d): %w", n, err)
	}
	return e.close()
}

type alertRecord struct {
	ID         int64    `json:"id"`
	Key        string   `json:"key"`
	Rule       string   `json:"rule"`
	Platform   string   `json:"platform"`
	Level      string   `json:"level"`
	At         string   `json:"at"`
	UpdatedAt  string   `json:"updated_at"`
	WindowFrom string   `json:"window_from"`
	WindowTo   string   `json:"window_to"`
	Count      int      `json:"count"`
	Baseline   float64  `json:"baseline"`
	Value      float64  `json:"value"`
	Threshold  float64  `json:"threshold"`
	Category   string   `json:"category"`
	Terms      []string `json:"terms"`
	Evidence   []int64  `json:"evidence"`
	Message    string   `json:"message"`
	AckedAt    string   `json:"acked_at"`
	AckedBy    string   `json:"acked_by"`
}

var alertHeader = []string{"id", "key", "rule", "platform", "level", "at", "updated_at", "window_from", "window_to",
	"count", "baseline", "value", "threshold", "category", "terms", "evidence", "message", "acked_at", "acked_by"}

// ExportAlerts writes the alerts as CSV or JSON Lines; bom as for
// ExportMentions.
func ExportAlerts(w io.Writer, alerts []*model.Alert, format string, bom bool) error {
	e, err := newExporter(w, format, bom, alertHeader)
	if err != nil {
		return err
	}
	for _, a := range alerts {
		terms := make([]string, len(a.Terms))
		for i, t := range a.Terms {
			terms[i] = valid(t)
		}
		r := alertRecord{ID: a.ID, Key: valid(a.Key), Rule: valid(a.Rule), Platform: valid(string(a.Platform)),
			Level: a.Level.String(), At: stamp(a.At), UpdatedAt: stamp(a.UpdatedAt), WindowFrom: stamp(a.WindowFrom),
			WindowTo: stamp(a.WindowTo), Count: a.Count, Baseline: a.Baseline, Value: a.Value, Threshold: a.Threshold,
			Category: string(a.Category), Terms: terms, Evidence: a.Evidence, Message: valid(a.Message),
			AckedAt: stamp(a.AckedAt), AckedBy: valid(a.AckedBy)}
		if r.Evidence == nil {
			r.Evidence = []int64{}
		}
		err := e.write(func() []string {
			ev := make([]string, len(r.Evidence))
			for i, id := range r.Evidence {
				ev[i] = i64(id)
			}
			return []string{i64(r.ID), safeCell(r.Key), safeCell(r.Rule), safeCell(r.Platform), r.Level, r.At, r.UpdatedAt,
				r.WindowFrom, r.WindowTo, strconv.Itoa(r.Count), f64(r.Baseline), f64(r.Value), f64(r.Threshold),
				safeCell(r.Category), safeCell(strings.Join(r.Terms, ";")), strings.Join(ev, ";"), safeCell(r.Message),
				r.AckedAt, safeCell(r.AckedBy)}
		}, r)
		if err != nil {
			return fmt.Errorf("export alert %d: %w", a.ID, err)
		}
	}
	return e.close()
}

type eventRecord struct {
	Seq     int64           `json:"seq"`
	At      string          `json:"at"`
	Kind    string          `json:"kind"`
	Actor   string          `json:"actor"`
	Payload json.RawMessage `json:"payload"`
}

var eventHeader = []string{"seq", "at", "kind", "actor", "payload"}

// ExportEvents writes the event log as CSV or JSON Lines: seq, time
// (RFC 3339), kind, actor and the payload as JSON (a JSON object in JSONL,
// its text in CSV). bom as for ExportMentions.
func ExportEvents(w io.Writer, events []model.Event, format string, bom bool) error {
	e, err := newExporter(w, format, bom, eventHeader)
	if err != nil {
		return err
	}
	for _, ev := range events {
		payload := ev.Payload
		if len(payload) == 0 {
			payload = json.RawMessage("null")
		} else if !json.Valid(payload) {
			// A damaged payload still goes out, as a JSON string, rather than
			// breaking the file.
			b, _ := json.Marshal(valid(string(payload)))
			payload = b
		}
		r := eventRecord{Seq: ev.Seq, At: stamp(ev.At), Kind: valid(ev.Kind), Actor: valid(ev.Actor), Payload: payload}
		err := e.write(func() []string {
			return []string{i64(r.Seq), r.At, safeCell(r.Kind), safeCell(r.Actor), safeCell(string(r.Payload))}
		}, r)
		if err != nil {
			return fmt.Errorf("export event %d: %w", ev.Seq, err)
		}
	}
	return e.close()
}

type taskRecord struct {
	ID        string   `json:"id"`
	Title     string   `json:"title"`
	Role      string   `json:"role"`
	Assignee  string   `json:"assignee"`
	Status    string   `json:"status"`
	Due       string   `json:"due"`
	CreatedAt string   `json:"created_at"`
	DoneAt    string   `json:"done_at"`
	Late      bool     `json:"late"`
	Deleted   bool     `json:"deleted"`
	Links     []string `json:"links"`
	Note      string   `json:"note"`
}

var taskHeader = []string{"id", "title", "role", "assignee", "status", "due", "created_at", "done_at", "late", "deleted", "links", "note"}

// ExportTasks writes the board's tasks (deleted ones too, marked) as CSV or
// JSON Lines; links are space-separated in CSV. bom as for ExportMentions.
func ExportTasks(w io.Writer, tasks []*model.Task, format string, bom bool) error {
	e, err := newExporter(w, format, bom, taskHeader)
	if err != nil {
		return err
	}
	for _, t := range tasks {
		links := make([]string, len(t.Links))
		for i, l := range t.Links {
			links[i] = valid(l)
		}
		r := taskRecord{ID: valid(t.ID), Title: valid(t.Title), Role: valid(string(t.Role)), Assignee: valid(t.Assignee),
			Status: valid(string(t.Status)), Due: stamp(t.Due), CreatedAt: stamp(t.CreatedAt), DoneAt: stamp(t.DoneAt),
			Late: t.Late(), Deleted: t.Deleted, Links: links, Note: valid(t.Note)}
		err := e.write(func() []string {
			return []string{safeCell(r.ID), safeCell(r.Title), safeCell(r.Role), safeCell(r.Assignee), safeCell(r.Status),
				r.Due, r.CreatedAt, r.DoneAt, strconv.FormatBool(r.Late), strconv.FormatBool(r.Deleted),
				safeCell(strings.Join(r.Links, " ")), safeCell(r.Note)}
		}, r)
		if err != nil {
			return fmt.Errorf("export task %s: %w", t.ID, err)
		}
	}
	return e.close()
}
