package report

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"warroom/model"
	mt "warroom/model/metrics/metricstest"
)

func exportMentions() *memSource {
	return &memSource{mentions: []model.Mention{
		{ID: 1, Platform: model.Weibo, ExternalID: "w1", AuthorName: "吃货小王", AuthorID: "u1", AuthorFollowers: 800,
			CreatedAt: mt.H(5, 0), IngestedAt: mt.H(5, 1), Text: "喝了奶茶拉肚子，\"过期\"牛奶", RawText: "喝了奶茶拉肚子，\"过期\"牛奶\n第二行",
			Likes: 12, Sentiment: -0.8, Negative: true, Category: model.CategoryFoodSafety, Severity: 70, Terms: []string{"过期", "拉肚子"}},
		{ID: 2, Platform: model.Douyin, ExternalID: "d2", AuthorName: mt.HostileAuthor, AuthorID: "+86 123",
			CreatedAt: mt.H(6, 0), Text: "safe", RawText: "-1 分 @客服 \x1b[31mred\xff\xfe",
			Sentiment: -0.2, Terms: []string{"=cmd|' /C calc'!A0"}},
		{ID: 3, Platform: model.Zhihu, CreatedAt: mt.H(7, 0), Text: "only the display text"},
	}}
}

func readCSV(t *testing.T, b []byte, bom bool) [][]string {
	t.Helper()
	s := string(b)
	if bom != strings.HasPrefix(s, "\uFEFF") {
		t.Fatalf("BOM present = %v, want %v", !bom, bom)
	}
	s = strings.TrimPrefix(s, "\uFEFF")
	if !strings.HasSuffix(s, "\r\n") || strings.Count(s, "\n") != strings.Count(s, "\r\n") {
		t.Error("CSV lines must end in CRLF")
	}
	recs, err := csv.NewReader(strings.NewReader(s)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func column(t *testing.T, recs [][]string, name string) []string {
	t.Helper()
	for i, h := range recs[0] {
		if h == name {
			var out []string
			for _, r := range recs[1:] {
				out = append(out, r[i])
			}
			return out
		}
	}
	t.Fatalf("no column %q in %v", name, recs[0])
	return nil
}

func TestExportMentionsCSV(t *testing.T) {
	for _, bom := range []bool{true, false} {
		var buf bytes.Buffer
		if err := ExportMentions(context.Background(), &buf, exportMentions(), ExportCSV, bom); err != nil {
			t.Fatal(err)
		}
		if !utf8.Valid(buf.Bytes()) {
			t.Fatal("export is not valid UTF-8")
		}
		recs := readCSV(t, buf.Bytes(), bom)
		if len(recs) != 4 || len(recs[0]) != len(mentionHeader) {
			t.Fatalf("%d records, header %v", len(recs), recs[0])
		}
		text := column(t, recs, "text")
		// Raw text, quoted by RFC 4180 (quotes doubled, the newline written as
		// CRLF and read back as LF by encoding/csv), and the
		// leading minus of a stranger's post neutralised; invalid bytes become U+FFFD.
		for i, want := range []string{"喝了奶茶拉肚子，\"过期\"牛奶\n第二行", "'-1 分 @客服 \x1b[31mred\uFFFD", "only the display text"} {
			if text[i] != want {
				t.Errorf("text[%d] = %q, want %q", i, text[i], want)
			}
		}
		if got := column(t, recs, "author_name")[1]; got != "'"+mt.HostileAuthor {
			t.Errorf("author = %q", got)
		}
		if got := column(t, recs, "author_id")[1]; got != "'+86 123" {
			t.Errorf("author id = %q", got)
		}
		if got := column(t, recs, "terms"); got[0] != "过期;拉肚子" || got[1] != "'=cmd|' /C calc'!A0" {
			t.Errorf("terms = %q", got)
		}
		// Numbers we format stay numbers, minus sign and all.
		if got := column(t, recs, "sentiment"); got[0] != "-0.8" || got[1] != "-0.2" {
			t.Errorf("sentiment = %q", got)
		}
		if got := column(t, recs, "created_at")[0]; got != "2025-03-10T05:00:00+08:00" {
			t.Errorf("created_at = %q", got)
		}
		if got := column(t, recs, "ingested_at")[2]; got != "" {
			t.Errorf("unset time = %q", got)
		}
	}
}

func TestExportMentionsJSONL(t *testing.T) {
	var buf bytes.Buffer
	if err := ExportMentions(context.Background(), &buf, exportMentions(), ExportJSONL, true); err != nil {
		t.Fatal(err)
	}
	if bytes.HasPrefix(buf.Bytes(), []byte("\uFEFF")) {
		t.Fatal("JSONL must not start with a BOM")
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d lines", len(lines))
	}
	var recs []mentionRecord
	for _, l := range lines {
		var r mentionRecord
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatalf("%v: %s", err, l)
		}
		recs = append(recs, r)
	}
	if recs[1].AuthorName != mt.HostileAuthor || recs[1].Text != "-1 分 @客服 \x1b[31mred\uFFFD" {
		t.Errorf("JSONL keeps values as they are (valid UTF-8): %+v", recs[1])
	}
	if recs[0].Terms[1] != "拉肚子" || !recs[0].Negative || recs[0].Category != "food_safety" || recs[0].Sentiment != -0.8 {
		t.Errorf("record 0: %+v", recs[0])
	}
	if !strings.Contains(lines[0], "吃货小王") {
		t.Error("Chinese should be written as UTF-8, not escaped")
	}
}

func TestExportAlerts(t *testing.T) {
	var buf bytes.Buffer
	if err := ExportAlerts(&buf, mt.Alerts(), ExportCSV, true); err != nil {
		t.Fatal(err)
	}
	recs := readCSV(t, buf.Bytes(), true)
	if len(recs) != 3 {
		t.Fatalf("%d records", len(recs))
	}
	if got := column(t, recs, "evidence")[0]; got != "101;102" {
		t.Errorf("evidence = %q", got)
	}
	if got := column(t, recs, "acked_by")[0]; got != mt.Social {
		t.Errorf("acked_by = %q", got)
	}
	if got := column(t, recs, "level"); got[0] != "yellow" || got[1] != "orange" {
		t.Errorf("level = %q", got)
	}
	buf.Reset()
	if err := ExportAlerts(&buf, mt.Alerts(), ExportJSONL, false); err != nil {
		t.Fatal(err)
	}
	var r alertRecord
	if err := json.Unmarshal(bytes.SplitN(buf.Bytes(), []byte("\n"), 2)[0], &r); err != nil {
		t.Fatal(err)
	}
	if r.ID != 1 || r.Terms[0] != "过期" || r.AckedAt != "2025-03-10T06:05:00+08:00" {
		t.Errorf("alert: %+v", r)
	}
}

func TestExportEvents(t *testing.T) {
	evs := mt.Events()
	evs = append(evs, model.Event{Seq: 99, At: mt.H(40, 0), Kind: "x.future", Actor: "=bad", Payload: []byte("{not json")})
	var buf bytes.Buffer
	if err := ExportEvents(&buf, evs, ExportCSV, false); err != nil {
		t.Fatal(err)
	}
	recs := readCSV(t, buf.Bytes(), false)
	if len(recs) != len(evs)+1 {
		t.Fatalf("%d records for %d events", len(recs), len(evs))
	}
	if got := recs[1]; got[0] != "1" || got[1] != "2025-03-10T00:00:00+08:00" || got[2] != model.KindCreated || got[3] != mt.Lead ||
		got[4] != `{"name":"奶茶过期原料事件","brand":"茶悦"}` {
		t.Errorf("first event: %q", got)
	}
	if last := recs[len(recs)-1]; last[3] != "'=bad" || last[4] != `"{not json"` {
		t.Errorf("last event: %q", last)
	}
	buf.Reset()
	if err := ExportEvents(&buf, evs, ExportJSONL, false); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	var first struct {
		Seq     int64
		Payload model.IncidentPayload
	}
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil || first.Payload.Brand != "茶悦" {
		t.Errorf("first JSONL event: %v %+v", err, first)
	}
	if len(lines) != len(evs) {
		t.Errorf("%d lines for %d events", len(lines), len(evs))
	}
}

func TestExportTasks(t *testing.T) {
	st, _ := model.Fold(mt.Events(), mt.RecoveredAsOf)
	st.Tasks[2].Links = []string{"mention:42", "https://weibo.example/1"}
	st.Tasks[2].Note = "@all call back"
	var buf bytes.Buffer
	if err := ExportTasks(&buf, st.Tasks, ExportCSV, true); err != nil {
		t.Fatal(err)
	}
	recs := readCSV(t, buf.Bytes(), true)
	if len(recs) != 4 {
		t.Fatalf("%d records", len(recs))
	}
	if got := column(t, recs, "late"); got[0] != "true" || got[1] != "false" || got[2] != "false" {
		t.Errorf("late = %q", got)
	}
	if got := column(t, recs, "links")[2]; got != "mention:42 https://weibo.example/1" {
		t.Errorf("links = %q", got)
	}
	if got := column(t, recs, "note")[2]; got != "'@all call back" {
		t.Errorf("note = %q", got)
	}
	buf.Reset()
	if err := ExportTasks(&buf, st.Tasks, ExportJSONL, false); err != nil {
		t.Fatal(err)
	}
	var r taskRecord
	if err := json.Unmarshal(bytes.SplitN(buf.Bytes(), []byte("\n"), 2)[0], &r); err != nil || r.ID != "t1" || !r.Late || r.DoneAt == "" {
		t.Errorf("task: %v %+v", err, r)
	}
}

func TestExportBadFormat(t *testing.T) {
	if err := ExportAlerts(&bytes.Buffer{}, nil, "xlsx", false); err == nil {
		t.Error("want an error for an unknown format")
	}
}

type failing struct{}

func (failing) EachMention(context.Context, func(*model.Mention) error) error {
	return errors.New("disk gone")
}

func TestExportMentionsError(t *testing.T) {
	err := ExportMentions(context.Background(), &bytes.Buffer{}, failing{}, ExportCSV, false)
	if err == nil || !strings.Contains(err.Error(), "disk gone") {
		t.Errorf("err = %v", err)
	}
}
