package data

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	sqlite3 "modernc.org/sqlite/lib"
)

// scratchConn opens a writer connection on an empty file of its own.
func scratchConn(t *testing.T, setup string) *rconn {
	t.Helper()
	path := filepath.Join(t.TempDir(), "raw.db")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := openConn(path, pragmas(false))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := c.close(); err != nil {
			t.Error(err)
		}
	})
	if err := c.exec(setup); err != nil {
		t.Fatal(err)
	}
	return c
}

func mustPrepare(t *testing.T, c *rconn, q string) *rstmt {
	t.Helper()
	s, err := c.prepare(q)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.close() })
	return s
}

// Every kind of value the writer binds reads back as it went in, with an
// empty text staying an empty text (a NULL pointer would have made it NULL)
// and texts that outgrow the statement's buffer intact.
func TestRawConnRoundTrip(t *testing.T) {
	c := scratchConn(t, `CREATE TABLE t (id INTEGER PRIMARY KEY, v ANY) STRICT`)
	ins := mustPrepare(t, c, `INSERT INTO t (v) VALUES (?)`)
	get := mustPrepare(t, c, `SELECT v, typeof(v) FROM t WHERE id = ?`)
	long := strings.Repeat("食品安全🍜", 2000) // far past the first buffer
	cases := []struct {
		in, want any
		typ      string
	}{
		{nil, nil, "null"},
		{int64(-1 << 62), int64(-1 << 62), "integer"},
		{7, int64(7), "integer"},
		{true, int64(1), "integer"},
		{false, int64(0), "integer"},
		{-0.25, -0.25, "real"},
		{"", "", "text"},
		{"微博\x00热搜", "微博\x00热搜", "text"},
		{long, long, "text"},
		{[]byte{}, []byte{}, "blob"},
		{[]byte{0, 1, 0xff}, []byte{0, 1, 0xff}, "blob"},
		{"短的", "短的", "text"}, // after the buffer grew
	}
	for _, tc := range cases {
		res, err := ins.exec(tc.in)
		if err != nil {
			t.Fatalf("insert %T: %v", tc.in, err)
		}
		if res.changes != 1 || res.id == 0 {
			t.Fatalf("insert %T: result %+v", tc.in, res)
		}
		var got []any
		err = get.each(func(row []any) error {
			got = append(got, row[0], row[1])
			return nil
		}, res.id)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || !reflect.DeepEqual(got[0], tc.want) || got[1] != tc.typ {
			t.Errorf("%T %.20v: read back %#.20v (%v), want %#.20v (%s)", tc.in, tc.in, got[0], got[1], tc.want, tc.typ)
		}
	}
}

// Misuse is an error, never a bad row: a wrong argument count, a type
// SQLite has no storage class for.
func TestRawConnRefusesBadArguments(t *testing.T) {
	c := scratchConn(t, `CREATE TABLE t (a, b)`)
	ins := mustPrepare(t, c, `INSERT INTO t (a, b) VALUES (?, ?)`)
	if _, err := ins.exec(1); err == nil {
		t.Error("one argument for two parameters was accepted")
	}
	if _, err := ins.exec(1, uint32(2)); err == nil || !strings.Contains(err.Error(), "uint32") {
		t.Errorf("uint32: %v", err)
	}
	n, found, err := mustPrepare(t, c, `SELECT count(*) FROM t`).one()
	if err != nil || !found || n != 0 {
		t.Errorf("count = %d %v %v, want 0 rows stored", n, found, err)
	}
}

// Errors carry SQLite's extended code and message; an ignored conflict is
// zero changes, not an error.
func TestRawConnErrors(t *testing.T) {
	c := scratchConn(t, `CREATE TABLE t (k TEXT UNIQUE, n INTEGER NOT NULL)`)
	ins := mustPrepare(t, c, `INSERT INTO t (k, n) VALUES (?, ?)`)
	ignore := mustPrepare(t, c, `INSERT INTO t (k, n) VALUES (?, ?) ON CONFLICT (k) DO NOTHING`)
	if _, err := ins.exec("a", 1); err != nil {
		t.Fatal(err)
	}
	_, err := ins.exec("a", 2)
	var se *sqliteError
	if !errors.As(err, &se) || se.Code() != sqlite3.SQLITE_CONSTRAINT_UNIQUE || !strings.Contains(err.Error(), "t.k") {
		t.Errorf("duplicate key: %v", err)
	}
	if transient(err) {
		t.Error("a row's constraint failure was called the file's state")
	}
	if res, err := ignore.exec("a", 3); err != nil || res.changes != 0 {
		t.Errorf("ignored conflict: %+v, %v", res, err)
	}
	if _, err := c.prepare(`SELECT nope FROM t`); err == nil || !strings.Contains(err.Error(), "no such column") {
		t.Errorf("bad SQL: %v", err)
	}
}

// A COMMIT that fails (here on a deferred foreign key) leaves SQLite's
// transaction open; Commit rolls it back, so the next begin starts clean
// and nothing of the failed transaction survives.
func TestRawConnFailedCommitRollsBack(t *testing.T) {
	c := scratchConn(t, `CREATE TABLE p (id INTEGER PRIMARY KEY);
		CREATE TABLE ch (p INTEGER REFERENCES p (id) DEFERRABLE INITIALLY DEFERRED)`)
	ins := mustPrepare(t, c, `INSERT INTO ch (p) VALUES (?)`)
	tx, err := c.begin()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ins.exec(42); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err == nil {
		t.Fatal("a commit with a dangling foreign key succeeded")
	}
	if c.inTx() {
		t.Fatal("the failed transaction is still open")
	}
	tx, err = c.begin()
	if err != nil {
		t.Fatalf("begin after a failed commit: %v", err)
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	if err := tx.Rollback(); err != nil {
		t.Errorf("a second rollback: %v", err)
	}
	n, _, err := mustPrepare(t, c, `SELECT count(*) FROM ch`).one()
	if err != nil || n != 0 {
		t.Errorf("%d rows of the failed transaction survived (%v)", n, err)
	}
}

// The writer never creates a file: the store did, and a vanished file is
// an error, not a new empty incident.
func TestRawConnDoesNotCreate(t *testing.T) {
	_, err := openConn(filepath.Join(t.TempDir(), "gone.db"), nil)
	if err == nil || !strings.Contains(err.Error(), "unable to open") {
		t.Fatalf("open of a missing file: %v", err)
	}
}

// A bind that fails halfway leaves no parameter pointing into the buffer
// it just replaced: every binding is cleared. SQLite refuses the long
// text here (a lowered length limit) after the buffer grew for it.
func TestRawConnFailedBindClears(t *testing.T) {
	c := scratchConn(t, `SELECT 1`)
	sqlite3.Xsqlite3_limit(c.tls, c.db, sqlite3.SQLITE_LIMIT_LENGTH, 100)
	st := mustPrepare(t, c, `SELECT ?, ?`)
	if err := st.bind([]any{"a", "the second, from the old buffer"}); err != nil {
		t.Fatal(err)
	}
	if err := st.bind([]any{strings.Repeat("长", 2000), "b"}); err == nil {
		t.Fatal("a text over the length limit was bound")
	}
	if err := st.bind([]any{"a", uint8(1)}); err == nil {
		t.Fatal("a uint8 was bound")
	}
	if row, err := st.step(); err != nil || !row || sqlite3.Xsqlite3_column_type(c.tls, st.p, 1) != sqlite3.SQLITE_NULL {
		t.Errorf("after a failed bind, parameter 2 is not NULL (row %v, err %v)", row, err)
	}
	st.reset()
}

// One huge argument does not pin its size in C memory: past maxKeptBuf
// the buffer is given back once the statement has run.
func TestRawConnGivesBackHugeBuffers(t *testing.T) {
	c := scratchConn(t, `CREATE TABLE t (b BLOB)`)
	ins := mustPrepare(t, c, `INSERT INTO t (b) VALUES (?)`)
	if _, err := ins.exec(make([]byte, 8*maxKeptBuf)); err != nil {
		t.Fatal(err)
	}
	if ins.bufCap > maxKeptBuf {
		t.Errorf("statement keeps %d bytes after a huge blob", ins.bufCap)
	}
	if _, err := ins.exec([]byte("small")); err != nil || ins.bufCap == 0 {
		t.Errorf("small insert: %v, buffer %d", err, ins.bufCap)
	}
	n, _, err := mustPrepare(t, c, `SELECT sum(length(b)) FROM t`).one()
	if err != nil || n != 8*maxKeptBuf+5 {
		t.Errorf("stored %d bytes (%v)", n, err)
	}
}

// prepare takes one statement: SQL after it would be silently dropped.
func TestRawConnOneStatement(t *testing.T) {
	c := scratchConn(t, `CREATE TABLE t (a)`)
	if _, err := c.prepare(`DELETE FROM t; DROP TABLE t`); err == nil || !strings.Contains(err.Error(), "more than one") {
		t.Errorf("two statements: %v", err)
	}
	if s, err := c.prepare("SELECT a FROM t;  \n"); err != nil {
		t.Errorf("a trailing semicolon: %v", err)
	} else {
		s.close()
		s.close() // a second close is harmless
	}
}

// A writer that cannot load the file (here an event payload that is not
// JSON, read through a view) leaves nothing open: its statements are
// finalized, so its connection really closes.
func TestWriterThatFailsToLoadClosesItsConnection(t *testing.T) {
	if _, err := os.Stat("/proc/self/fd"); err != nil {
		t.Skip("no /proc/self/fd to count open files")
	}
	s := openTest(t)
	if _, err := s.wdb.Exec(`INSERT INTO event (at, kind, actor, payload) VALUES (1, 'x', 'y', 'not json');
		ALTER TABLE event RENAME TO event_stored;
		CREATE VIEW event AS SELECT seq, at, kind, actor, json(payload) AS payload FROM event_stored;
		-- So the writer's INSERT INTO event still prepares, and load gets as far as reading.
		CREATE TRIGGER event_insert INSTEAD OF INSERT ON event BEGIN
			INSERT INTO event_stored (at, kind, actor, payload) VALUES (NEW.at, NEW.kind, NEW.actor, NEW.payload);
		END`); err != nil {
		t.Fatal(err)
	}
	open := func() int {
		ents, _ := os.ReadDir("/proc/self/fd")
		n := 0
		for _, e := range ents {
			if l, _ := os.Readlink("/proc/self/fd/" + e.Name()); l == s.Path() {
				n++
			}
		}
		return n
	}
	fail := func() {
		if w := s.NewWriter(WriterOptions{}); w.Err() == nil || !strings.Contains(w.Err().Error(), "load events") {
			t.Fatalf("writer: %v, want it to fail loading the events", w.Err())
		}
	}
	// SQLite may keep one closed descriptor while the store's own
	// connections hold locks on the file (closing it would drop their POSIX
	// locks), and reuses it; a leak grows with every failed writer.
	fail()
	once := open()
	for range 3 {
		fail()
	}
	if after := open(); after != once {
		t.Errorf("the file is open %d times after four failed writers, %d after one", after, once)
	}
}
