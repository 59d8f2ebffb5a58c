package data

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"warroom/model"
)

func fileSum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

func pragma(t *testing.T, db *sql.DB, name string) string {
	t.Helper()
	var v string
	if err := db.QueryRow("PRAGMA " + name).Scan(&v); err != nil {
		t.Fatalf("PRAGMA %s: %v", name, err)
	}
	return v
}

func TestOpenNewFile(t *testing.T) {
	if len(migrations) != SchemaVersion {
		t.Fatalf("%d migrations, SchemaVersion %d: bump it with each migration", len(migrations), SchemaVersion)
	}
	s := openTest(t)
	checks := []struct {
		db         *sql.DB
		name, want string
	}{
		{s.wdb, "journal_mode", "wal"},
		{s.wdb, "page_size", fmt.Sprint(pageSize)},
		{s.wdb, "application_id", fmt.Sprint(applicationID)},
		{s.wdb, "user_version", fmt.Sprint(SchemaVersion)},
		{s.wdb, "foreign_keys", "1"},
		{s.wdb, "synchronous", "1"}, // NORMAL
		{s.wdb, "busy_timeout", fmt.Sprint(busyTimeout.Milliseconds())},
		{s.reader().db, "foreign_keys", "1"},
		{s.reader().db, "busy_timeout", fmt.Sprint(busyTimeout.Milliseconds())},
	}
	for _, c := range checks {
		if got := pragma(t, c.db, c.name); got != c.want {
			t.Errorf("%s = %s, want %s", c.name, got, c.want)
		}
	}
	// Reader connections cannot write, even by accident.
	if _, err := s.reader().db.Exec(`INSERT INTO meta (key, value) VALUES ('x', 'y')`); err == nil {
		t.Error("a reader connection wrote")
	}
	// Reopening an existing file is fine.
	path := s.Path()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s2, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s2.Close()
}

// A directory is named as one, not reported as SQLite's "disk I/O error".
func TestOpenDirectory(t *testing.T) {
	dir := t.TempDir()
	want := dir + " is a directory, not an incident file"
	if _, err := Open(dir); !errors.Is(err, ErrDirectory) || err.Error() != want {
		t.Errorf("Open: %v", err)
	}
	if _, err := OpenReadOnly(dir); !errors.Is(err, ErrDirectory) || err.Error() != want {
		t.Errorf("OpenReadOnly: %v", err)
	}
}

// A file that cannot be written is refused live with a ReadOnlyError,
// before SQLite opens it read-only without a word (or leaves -wal and -shm
// files behind it). As root every file is writable, so only SQLite's own
// refusal can be checked there.
func TestOpenReadOnlyFile(t *testing.T) {
	// SQLite's refusal to write, whatever makes it, is named the same way.
	other := filepath.Join(t.TempDir(), "y.db")
	os.WriteFile(other, nil, 0o644)
	db, err := sql.Open("sqlite", dsn(other, true))
	if err != nil {
		t.Fatal(err)
	}
	_, err = db.Exec(`CREATE TABLE t (x)`)
	db.Close()
	var ro *ReadOnlyError
	if !errors.As(readOnly("y.db", err), &ro) || ro.Folder || ro.Error() != "y.db is read-only" {
		t.Errorf("SQLite's refusal %v became %v", err, readOnly("y.db", err))
	}

	dir := t.TempDir()
	path := filepath.Join(dir, "x.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	os.Chmod(path, 0o444)
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	if f, err := os.OpenFile(path, os.O_RDWR, 0); err == nil {
		f.Close()
		t.Skip("this user writes read-only files (root?)")
	}
	before := fileSum(t, path)
	if _, err := Open(path); !errors.As(err, &ro) || ro.Folder || ro.Path != path {
		t.Errorf("Open of a read-only file: %v", err)
	}
	if _, err := os.Stat(path + "-wal"); err == nil || fileSum(t, path) != before {
		t.Error("the read-only file was touched")
	}

	// The folder, where a live session keeps its log, counts too.
	os.Chmod(path, 0o644)
	os.Chmod(dir, 0o555)
	if _, err := Open(path); !errors.As(err, &ro) || !ro.Folder {
		t.Errorf("Open in a read-only folder: %v", err)
	}
	if s, err := OpenReadOnly(path); err != nil { // what the error suggests
		t.Errorf("OpenReadOnly: %v", err)
	} else {
		s.Close()
	}
}

func TestOpenRefuses(t *testing.T) {
	random := make([]byte, 8192)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range random {
		random[i] = byte(r.UintN(256))
	}
	tests := []struct {
		name string
		make func(t *testing.T, path string)
		want error
	}{
		{"random bytes", func(t *testing.T, path string) { os.WriteFile(path, random, 0o644) }, ErrNotWarroom},
		{"text file", func(t *testing.T, path string) { os.WriteFile(path, []byte("mention,text\n1,异物\n"), 0o644) }, ErrNotWarroom},
		{"other database", func(t *testing.T, path string) {
			db, err := sql.Open("sqlite", path)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if _, err := db.Exec(`CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers VALUES (1, 'x')`); err != nil {
				t.Fatal(err)
			}
		}, ErrNotWarroom},
		{"newer warroom", func(t *testing.T, path string) {
			s, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.wdb.Exec(fmt.Sprintf(`PRAGMA user_version = %d`, SchemaVersion+1)); err != nil {
				t.Fatal(err)
			}
			s.Close()
		}, ErrNewerSchema},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "x.db")
			tt.make(t, path)
			before := fileSum(t, path)
			if _, err := Open(path); !errors.Is(err, tt.want) {
				t.Errorf("Open: %v, want %v", err, tt.want)
			}
			if _, err := OpenReadOnly(path); !errors.Is(err, tt.want) {
				t.Errorf("OpenReadOnly: %v, want %v", err, tt.want)
			}
			if fileSum(t, path) != before {
				t.Error("a refused file was changed")
			}
		})
	}
	t.Run("empty file is new", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "empty.db")
		os.WriteFile(path, nil, 0o644)
		if _, err := OpenReadOnly(path); !errors.Is(err, ErrNotWarroom) {
			t.Errorf("OpenReadOnly of an empty file: %v", err)
		}
		s, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
	})
	t.Run("missing file", func(t *testing.T) {
		if _, err := OpenReadOnly(filepath.Join(t.TempDir(), "nope.db")); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("OpenReadOnly of a missing file: %v", err)
		}
	})
}

// TestMigrationUpgrade builds a file with only the first migration, puts
// data in it the way that version would, and opens it with all migrations.
func TestMigrationUpgrade(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v1.db")
	s1, err := openWith(ctx, path, migrations[:1])
	if err != nil {
		t.Fatal(err)
	}
	if v := pragma(t, s1.wdb, "user_version"); v != "1" {
		t.Fatalf("v1 file at version %s", v)
	}
	_, err = s1.wdb.Exec(`INSERT INTO mention (platform, external_id, author_name, author_id, author_followers, verified,
		text, ingested_at, likes, comments, shares, url, ip_location, source, sentiment, negative, category, severity)
		VALUES ('weibo', '1', '老用户', 'u1', 10, 0, '旧文件里的异物投诉', ?, 0, 0, 0, '', '', 'old', -0.5, 1, '', 50)`,
		t0.UnixMilli())
	if err != nil {
		t.Fatal(err)
	}
	ev := model.NewEvent(t0, model.KindCreated, "lin", model.IncidentPayload{Name: "旧事件"})
	if _, err := s1.wdb.Exec(`INSERT INTO event (at, kind, actor, payload) VALUES (?, ?, ?, ?)`,
		ev.At.UnixMilli(), ev.Kind, ev.Actor, string(ev.Payload)); err != nil {
		t.Fatal(err)
	}
	if err := s1.SetMeta(ctx, "scenario", "food"); err != nil {
		t.Fatal(err)
	}
	if err := s1.Close(); err != nil {
		t.Fatal(err)
	}
	// Its version can be read without touching it.
	before := fileSum(t, path)
	if v, err := FileVersion(path); err != nil || v != 1 {
		t.Errorf("FileVersion of a v1 file: %d, %v", v, err)
	}
	if fileSum(t, path) != before {
		t.Error("FileVersion changed the file")
	}
	// A replay cannot upgrade it, and says what to do.
	if _, err := OpenReadOnly(path); err == nil || !strings.Contains(err.Error(), "open it live") {
		t.Errorf("OpenReadOnly of an old file: %v", err)
	}

	s2, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if v := pragma(t, s2.wdb, "user_version"); v != fmt.Sprint(SchemaVersion) {
		t.Errorf("upgraded to %s", v)
	}
	if v, err := FileVersion(path); err != nil || v != SchemaVersion {
		t.Errorf("FileVersion after the upgrade: %d, %v", v, err)
	}
	if _, err := FileVersion(filepath.Join(t.TempDir(), "nope.db")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("FileVersion of a missing file: %v", err)
	}
	m, err := s2.Mention(ctx, 1)
	if err != nil || m.Text != "旧文件里的异物投诉" || !m.Negative || !m.IngestedAt.Equal(t0) {
		t.Fatalf("old mention: %+v, %v", m, err)
	}
	if v, err := s2.Meta(ctx, "scenario"); err != nil || v != "food" {
		t.Errorf("old meta: %q, %v", v, err)
	}
	evs, err := s2.Events(ctx, time.Time{}, time.Time{})
	if err != nil || len(evs) != 1 || string(evs[0].Payload) != string(ev.Payload) {
		t.Errorf("old events: %v, %v", evs, err)
	}
	// Migration 2 added search: the old mention is found before indexing
	// (by the scan of unindexed rows) and after the writer catches up.
	find := func() int {
		ms, err := s2.Mentions(ctx, MentionFilter{Query: "异物"})
		if err != nil {
			t.Fatal(err)
		}
		return len(ms)
	}
	if n := find(); n != 1 {
		t.Errorf("before indexing found %d", n)
	}
	w, _ := newWriter(t, s2, WriterOptions{})
	flush(t, w)
	var upto int64
	s2.reader().db.QueryRow(`SELECT upto FROM mention_index_state`).Scan(&upto)
	if upto != 1 || find() != 1 {
		t.Errorf("after indexing: upto %d, found %d", upto, find())
	}
}

func TestMigrationFailureRollsBack(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.db")
	broken := append(migrations[:1:1], migration{"broken", func(ctx context.Context, tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `CREATE TABLE half_done (x)`); err != nil {
			return err
		}
		return errors.New("boom")
	}})
	if _, err := openWith(ctx, path, broken); err == nil || !strings.Contains(err.Error(), "migration 2 (broken)") {
		t.Fatalf("broken migration: %v", err)
	}
	s, err := openWith(ctx, path, migrations[:1])
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var n int
	s.reader().db.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE name = 'half_done'`).Scan(&n)
	if v := pragma(t, s.wdb, "user_version"); v != "1" || n != 0 {
		t.Errorf("after a failed migration: version %s, half_done tables %d", v, n)
	}
}

func TestIncidentAndMeta(t *testing.T) {
	s := openTest(t)
	if _, err := s.Incident(ctx); !errors.Is(err, ErrNotFound) {
		t.Errorf("unset incident: %v", err)
	}
	in := Incident{Name: "咖啡异物 2026-03", Brand: "某咖啡", Mode: ModeDrill, CreatedAt: t0}
	if err := s.SetIncident(ctx, in); err != nil {
		t.Fatal(err)
	}
	got, err := s.Incident(ctx)
	if err != nil || got != in {
		t.Errorf("incident %+v, %v", got, err)
	}
	in.Name = "renamed"
	s.SetIncident(ctx, in)
	if got, _ := s.Incident(ctx); got.Name != "renamed" {
		t.Errorf("update: %+v", got)
	}
	if err := s.SetIncident(ctx, Incident{Name: "x", Mode: "bogus"}); err == nil {
		t.Error("bogus mode accepted")
	}
	if _, err := s.Meta(ctx, "seed"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unset meta: %v", err)
	}
	s.SetMeta(ctx, "seed", "42")
	s.SetMeta(ctx, "seed", "43")
	if v, err := s.Meta(ctx, "seed"); v != "43" || err != nil {
		t.Errorf("meta %q, %v", v, err)
	}
}

// fillIncident writes a small but complete incident with every kind of row.
func fillIncident(t *testing.T, s *Store) {
	t.Helper()
	s.SetIncident(ctx, Incident{Name: "咖啡异物", Brand: "某咖啡", Mode: ModeLive, CreatedAt: t0})
	s.SetMeta(ctx, "scenario", "food")
	w, _ := newWriter(t, s, WriterOptions{})
	g := newMentionGen(11, t0)
	for range 500 {
		w.Mention(g.next())
	}
	for _, e := range incidentEvents() {
		w.Event(e)
	}
	w.Alert(&model.Alert{Key: "spike:weibo", Rule: model.RuleSpike, Level: model.LevelYellow, At: t0, Message: "spike"})
	w.Reject(Reject{Source: "f", Line: 1, Reason: "bad json", Raw: []byte("{"), At: t0})
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

// everyQuery runs every read the console makes, failing on any error.
func everyQuery(t *testing.T, s *Store) {
	t.Helper()
	var errs []error
	note := func(_ any, err error) { errs = append(errs, err) }
	note(s.Mentions(ctx, MentionFilter{}))
	note(s.Mentions(ctx, MentionFilter{Platform: model.Weibo, NegativeOnly: true, MinSeverity: 70, Query: "异物",
		Until: t0.Add(10 * time.Second), BeforeID: 400, Limit: 10}))
	note(s.Mentions(ctx, MentionFilter{Query: "锈"}))
	note(s.CountMentions(ctx, MentionFilter{}))
	note(s.CountMentions(ctx, MentionFilter{Platform: model.Weibo, Until: t0.Add(10 * time.Second)}))
	note(s.CountMentions(ctx, MentionFilter{Query: "异物", MinSeverity: 33}))
	note(s.Mention(ctx, 1))
	note(s.MentionsByID(ctx, []int64{3, 1, 2}))
	m, err := s.Mention(ctx, 1)
	note(m, err)
	if m != nil {
		_, _, err := s.Thread(ctx, m)
		note(nil, err)
	}
	note(s.MinuteCounts(ctx, time.Time{}, time.Time{}, ""))
	note(s.MinuteCounts(ctx, t0, t0.Add(time.Hour), model.Weibo))
	note(s.CreatedHourCounts(ctx, time.Time{}, time.Time{}))
	note(s.Events(ctx, time.Time{}, time.Time{}))
	note(s.EventsUpTo(ctx, t0.Add(5*time.Minute)))
	note(s.Alerts(ctx, time.Time{}))
	note(s.Alert(ctx, 1))
	note(s.Tasks(ctx))
	note(s.Clocks(ctx))
	note(s.Statements(ctx))
	note(s.Rejects(ctx, 10))
	note(s.RejectCounts(ctx))
	note(s.Incident(ctx))
	note(s.Meta(ctx, "scenario"))
	_, _, err = s.TimeRange(ctx)
	note(nil, err)
	_, _, err = s.MentionStats(ctx)
	note(nil, err)
	note(nil, s.EachMention(ctx, time.Time{}, time.Time{}, func(*model.Mention) error { return nil }))
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
}

// TestReadOnly checks the replay guarantee: a file opened read-only is
// byte-for-byte the same after every query, and writes fail clearly.
func TestReadOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "incident.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	fillIncident(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(path + "-wal"); err == nil && fi.Size() > 0 {
		t.Errorf("live close left a %d-byte WAL: the file is not self-contained", fi.Size())
	}
	before := fileSum(t, path)

	ro, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	if !ro.ReadOnly() {
		t.Error("ReadOnly() is false")
	}
	everyQuery(t, ro)
	for name, err := range map[string]error{
		"SetIncident": ro.SetIncident(ctx, Incident{Name: "x"}),
		"SetMeta":     ro.SetMeta(ctx, "k", "v"),
		"NewWriter":   ro.NewWriter(WriterOptions{}).Err(),
		"Mention":     ro.NewWriter(WriterOptions{}).Mention(mention(model.Weibo, "z", "z", t0)),
		"Flush":       ro.NewWriter(WriterOptions{}).Flush(ctx),
	} {
		if !errors.Is(err, ErrReadOnly) {
			t.Errorf("%s on a read-only store: %v", name, err)
		}
	}
	// Even SQL straight on its connections cannot write.
	if _, err := ro.reader().db.Exec(`DELETE FROM mention`); err == nil || !strings.Contains(err.Error(), "readonly") {
		t.Errorf("raw write: %v", err)
	}
	if err := ro.Close(); err != nil {
		t.Fatal(err)
	}
	if fileSum(t, path) != before {
		t.Error("the file changed under a read-only store")
	}
	for _, side := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(path + side); err == nil {
			t.Errorf("a read-only store left %s beside a settled file", side)
		}
	}
}

// TestReadOnlyBesideLive opens a replay view of a file a live writer is
// still writing: it sees what is committed.
func TestReadOnlyBesideLive(t *testing.T) {
	s := openTest(t)
	w, _ := newWriter(t, s, WriterOptions{})
	w.Mention(mention(model.Weibo, "1", "第一条", t0))
	flush(t, w)
	ro, err := OpenReadOnly(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	w.Mention(mention(model.Weibo, "2", "第二条", t0))
	flush(t, w)
	if total, _, err := ro.MentionStats(ctx); err != nil || total != 2 {
		t.Errorf("read-only view sees %d, %v", total, err)
	}
}

// TestMigrationV3 upgrades a file the version-2 writer left mid-stream:
// five mentions, three of them indexed. Schema 3 rebuilds the mention table
// with its key reordered and fills the side tables up to the index mark,
// schema 4 the author index; the rest are found above the mark, and listed
// once the writer catches up.
func TestMigrationV3(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v2.db")
	s1, err := openWith(ctx, path, migrations[:2])
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		platform, id, text string
		neg, sev           int
		parent             any
	}
	rows := []row{
		{"weibo", "w1", "奶茶里喝出异物，太恶心了", 1, 70, nil},
		{"heimao", "h1", "投诉：外卖里有头发，商家不理", 1, 40, nil},
		{"weibo", "w2", "回复：我也遇到过", 0, 10, "w1"},
		{"heimao", "h2", "投诉：退款三天没有到账", 1, 65, nil},
		{"douyin", "d1", "今天的奶茶很好喝", 0, 5, nil},
	}
	for i, r := range rows {
		_, err := s1.wdb.Exec(`INSERT INTO mention (platform, external_id, author_name, author_id, author_followers,
			verified, text, ingested_at, likes, comments, shares, url, parent_id, ip_location, source, sentiment,
			negative, category, severity) VALUES (?, ?, ?, ?, 0, 0, ?, ?, 0, 0, 0, '', ?, '', 'old', 0, ?, '', ?)`,
			r.platform, r.id, "作者"+r.id, "a"+r.id, r.text, t0.Add(time.Duration(i)*time.Second).UnixMilli(), r.parent, r.neg, r.sev)
		if err != nil {
			t.Fatal(err)
		}
		// The version-2 writer listed severe mentions as it stored them.
		if r.sev >= SevereMin {
			if _, err := s1.wdb.Exec(`INSERT INTO mention_severe VALUES (?, ?, ?, ?)`, i+1, r.sev, r.platform, r.neg); err != nil {
				t.Fatal(err)
			}
		}
		if i < 3 {
			if _, err := s1.wdb.Exec(`INSERT INTO mention_fts (rowid, body) VALUES (?, ?)`, i+1, string(appendSegmented(nil, r.text))); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := s1.wdb.Exec(`UPDATE mention_fts_state SET upto = 3`); err != nil {
		t.Fatal(err)
	}
	if err := s1.Close(); err != nil {
		t.Fatal(err)
	}

	s := openChecked(t, path)
	var indexes []string
	rs, err := s.reader().db.Query(`SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'mention' ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	for rs.Next() {
		var n string
		rs.Scan(&n)
		indexes = append(indexes, n)
	}
	rs.Close()
	if want := []string{"sqlite_autoindex_mention_1"}; !reflect.DeepEqual(indexes, want) {
		t.Errorf("mention indexes %v, want %v", indexes, want)
	}
	var keyCols string
	s.reader().db.QueryRow(`SELECT group_concat(name, ',') FROM pragma_index_info('sqlite_autoindex_mention_1')`).Scan(&keyCols)
	if keyCols != "external_id,platform" {
		t.Errorf("unique key (%s)", keyCols)
	}
	listed := func() string {
		var out []string
		rs, err := s.reader().db.Query(`SELECT platform || ':' || id || ':' || negative || ':' || severity FROM mention_by_platform ORDER BY platform, id`)
		if err != nil {
			t.Fatal(err)
		}
		defer rs.Close()
		for rs.Next() {
			var x string
			rs.Scan(&x)
			out = append(out, x)
		}
		return strings.Join(out, " ")
	}
	severe := func() string {
		var x sql.NullString
		s.reader().db.QueryRow(`SELECT group_concat(id, ',') FROM (SELECT id FROM mention_severe ORDER BY id)`).Scan(&x)
		return x.String
	}
	if got := listed(); got != "heimao:2:1:40 weibo:1:1:70 weibo:3:0:10" {
		t.Errorf("listed after migration: %q", got)
	}
	if got := severe(); got != "1" {
		t.Errorf("severe after migration: %q (only the indexed ones stay)", got)
	}
	ids := func(f MentionFilter) []int64 { return mentionIDs(t, s, f) }
	check3 := func(when string) {
		t.Helper()
		if got := ids(MentionFilter{Platform: model.Heimao}); !reflect.DeepEqual(got, []int64{4, 2}) {
			t.Errorf("%s: heimao %v", when, got)
		}
		if got := ids(MentionFilter{MinSeverity: 60}); !reflect.DeepEqual(got, []int64{4, 1}) {
			t.Errorf("%s: severe %v", when, got)
		}
		if got := ids(MentionFilter{Platform: model.Weibo, NegativeOnly: true}); !reflect.DeepEqual(got, []int64{1}) {
			t.Errorf("%s: weibo negative %v", when, got)
		}
		if got := ids(MentionFilter{Query: "投诉"}); !reflect.DeepEqual(got, []int64{4, 2}) {
			t.Errorf("%s: search %v", when, got)
		}
		if got := ids(MentionFilter{Authors: []string{"作者h1", "ah2"}}); !reflect.DeepEqual(got, []int64{4, 2}) {
			t.Errorf("%s: by authors %v", when, got)
		}
	}
	check3("before indexing")
	// The key still refuses a second copy, and a same id on another
	// platform is another mention.
	w, _ := newWriter(t, s, WriterOptions{})
	again := mention(model.Heimao, "h1", "重复的一条", t0.Add(time.Minute))
	other := mention(model.Douyin, "h1", "抖音上同号的一条", t0.Add(time.Minute))
	c, err := w.Submit(ctx, []*model.Mention{again, other}, nil)
	if err != nil || c.Duplicates != 1 || other.ID != 6 {
		t.Fatalf("after migration: %+v (other id %d), %v", c, other.ID, err)
	}
	flush(t, w)
	check3("after indexing")
	if got := listed(); got != "douyin:5:0:5 douyin:6:0:"+fmt.Sprint(other.Severity)+" heimao:2:1:40 heimao:4:1:65 weibo:1:1:70 weibo:3:0:10" {
		t.Errorf("listed after indexing: %q", got)
	}
	if got := severe(); got != "1,4" {
		t.Errorf("severe after indexing: %q", got)
	}
	w1, err := s.Mention(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if _, replies, err := s.Thread(ctx, w1); err != nil || len(replies) != 1 || replies[0].ID != 3 {
		t.Errorf("thread of w1 after migration: %v, %v", replies, err)
	}
}

// TestOpenInMissingFolder: SQLite says only "unable to open database file";
// the error names the folder that is missing.
func TestOpenInMissingFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "gone")
	_, err := Open(filepath.Join(dir, "x.db"))
	if err == nil || !strings.Contains(err.Error(), "folder "+dir+" does not exist") {
		t.Fatalf("Open in a missing folder: %v", err)
	}
	if _, err := os.Stat(dir); err == nil {
		t.Fatal("Open made the folder")
	}
}

// TestReadOnlyThenLive: a replay opens a settled file (immutable, leaving
// no trace); then a live session opens it and writes, checkpointing into
// the file. The replay must keep reading it soundly, and sees the new rows.
func TestReadOnlyThenLive(t *testing.T) {
	path := filepath.Join(t.TempDir(), "incident.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	w, _ := newWriter(t, s, WriterOptions{})
	for i := range 50 {
		w.Mention(mention(model.Weibo, fmt.Sprint("a", i), "第一批的帖子", t0))
	}
	flush(t, w)
	w.Close()
	s.Close()

	ro, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if !ro.immutable.Load() {
		t.Fatal("a settled file was not opened immutable")
	}
	if n, err := ro.CountMentions(ctx, MentionFilter{}); err != nil || n != 50 {
		t.Fatalf("before: %d, %v", n, err)
	}

	live, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	lw, _ := newWriter(t, live, WriterOptions{})
	for i := range 3000 {
		lw.Mention(mention(model.Douyin, fmt.Sprint("b", i), "第二批的帖子，写进同一个文件", t0.Add(time.Minute)))
	}
	flush(t, lw)
	if _, err := live.wdb.Exec(`PRAGMA wal_checkpoint(FULL)`); err != nil {
		t.Fatal(err)
	}
	for _, f := range []MentionFilter{{}, {Query: "第二批"}, {Platform: model.Douyin}} {
		if _, err := ro.Mentions(ctx, f); err != nil {
			t.Fatalf("replay read %+v after the live session wrote: %v", f, err)
		}
	}
	if n, err := ro.CountMentions(ctx, MentionFilter{}); err != nil || n != 3050 {
		t.Fatalf("after: %d, %v; want 3050", n, err)
	}
}
