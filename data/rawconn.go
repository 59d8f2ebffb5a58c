package data

import (
	"errors"
	"fmt"
	"strings"
	"unsafe"

	"modernc.org/libc"
	sqlite3 "modernc.org/sqlite/lib"
)

// The writer talks to SQLite through its C API as modernc.org/sqlite
// translates it to Go (modernc.org/sqlite/lib), not through database/sql.
// It is the same library the database/sql driver wraps, so the writer and
// the readers share one SQLite in the process: its locks, its WAL index.
//
// Why: on the 24-column mention insert, the driver looks up every
// parameter's name and mallocs, copies and frees a C string for every
// text, every row, and then builds a result. That plumbing was a third of
// the writer's time. Here a row's texts are copied into one buffer kept
// with the statement and bound in place (measured on the bare insert:
// 10.6 -> 7.5 us a row; see BenchmarkWriteMentions for the writer).

// rconn is the writer's connection. It belongs to one goroutine.
type rconn struct {
	tls                                 *libc.TLS
	db                                  uintptr
	beginStmt, commitStmt, rollbackStmt *rstmt
}

// rstmt is a prepared statement with a buffer for its texts' bytes.
type rstmt struct {
	c      *rconn
	p      uintptr // sqlite3_stmt*
	nparam int
	buf    uintptr // C memory the bound texts and blobs point into
	bufCap int
	dest   []any // each's row
}

// result is what an INSERT, UPDATE or DELETE did.
type result struct {
	id      int64 // the rowid of the last row inserted
	changes int64 // rows the statement changed, 0 for an ignored conflict
}

// sqliteError is a failed call's result code and message.
type sqliteError struct {
	code int // extended result code
	msg  string
}

func (e *sqliteError) Error() string { return e.msg }

// Code is the extended result code; its low byte is the primary code.
func (e *sqliteError) Code() int { return e.code }

// openConn opens path read-write (never creating it: the store made it)
// and runs the pragmas, each written as PRAGMA accepts it, name(value).
func openConn(path string, pragmas []string) (_ *rconn, err error) {
	c := &rconn{tls: libc.NewTLS()}
	// Deferred first, so it runs last: the frees below still need the TLS.
	defer func() {
		if err != nil {
			c.close()
		}
	}()
	name, err := libc.CString(path)
	if err != nil {
		return nil, err
	}
	defer libc.Xfree(c.tls, name)
	out := c.tls.Alloc(8)
	defer c.tls.Free(8)
	// NOMUTEX: only the writer's goroutine uses this connection.
	rc := sqlite3.Xsqlite3_open_v2(c.tls, name, out, sqlite3.SQLITE_OPEN_READWRITE|sqlite3.SQLITE_OPEN_NOMUTEX, 0)
	c.db = *(*uintptr)(cptr(out))
	if rc != sqlite3.SQLITE_OK {
		return nil, c.err(rc)
	}
	sqlite3.Xsqlite3_extended_result_codes(c.tls, c.db, 1)
	for _, p := range pragmas {
		if err := c.exec("PRAGMA " + p); err != nil {
			return nil, fmt.Errorf("PRAGMA %s: %w", p, err)
		}
	}
	for _, s := range []struct {
		dst **rstmt
		q   string
	}{{&c.beginStmt, "BEGIN IMMEDIATE"}, {&c.commitStmt, "COMMIT"}, {&c.rollbackStmt, "ROLLBACK"}} {
		if *s.dst, err = c.prepare(s.q); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// close finalizes the connection's own statements and closes it; the
// caller has finalized the ones it prepared. A second close does nothing.
func (c *rconn) close() error {
	if c.tls == nil {
		return nil
	}
	for _, s := range []*rstmt{c.beginStmt, c.commitStmt, c.rollbackStmt} {
		if s != nil {
			s.close()
		}
	}
	var err error
	if c.db != 0 {
		if rc := sqlite3.Xsqlite3_close_v2(c.tls, c.db); rc != sqlite3.SQLITE_OK {
			err = c.err(rc)
		}
		c.db = 0
	}
	c.tls.Close()
	c.tls = nil
	return err
}

// err describes a failed call from its result code and the connection's
// message, as "message (code)".
func (c *rconn) err(rc int32) error {
	msg := libc.GoString(sqlite3.Xsqlite3_errstr(c.tls, rc))
	if c.db != 0 {
		if m := libc.GoString(sqlite3.Xsqlite3_errmsg(c.tls, c.db)); m != "" && m != msg {
			msg += ": " + m
		}
	}
	return &sqliteError{code: int(rc), msg: fmt.Sprintf("%s (%d)", msg, rc)}
}

// exec runs SQL that takes no arguments (PRAGMAs), all its statements.
func (c *rconn) exec(q string) error {
	p, err := libc.CString(q)
	if err != nil {
		return err
	}
	defer libc.Xfree(c.tls, p)
	if rc := sqlite3.Xsqlite3_exec(c.tls, c.db, p, 0, 0, 0); rc != sqlite3.SQLITE_OK {
		return c.err(rc)
	}
	return nil
}

// prepare prepares one statement; SQL after it is an error, not ignored.
func (c *rconn) prepare(q string) (*rstmt, error) {
	p, err := libc.CString(q)
	if err != nil {
		return nil, err
	}
	defer libc.Xfree(c.tls, p)
	out := c.tls.Alloc(16) // the statement, then where its SQL ends
	defer c.tls.Free(16)
	rc := sqlite3.Xsqlite3_prepare_v3(c.tls, c.db, p, -1, sqlite3.SQLITE_PREPARE_PERSISTENT, out, out+8)
	if rc != sqlite3.SQLITE_OK {
		return nil, c.err(rc)
	}
	s := &rstmt{c: c, p: *(*uintptr)(cptr(out))}
	if s.p == 0 {
		return nil, errors.New("no SQL statement")
	}
	if tail := strings.Trim(libc.GoString(*(*uintptr)(cptr(out + 8))), " \t\r\n;"); tail != "" {
		s.close()
		return nil, fmt.Errorf("more than one statement: %.40q", tail)
	}
	s.nparam = int(sqlite3.Xsqlite3_bind_parameter_count(c.tls, s.p))
	return s, nil
}

// inTx reports whether a transaction is open.
func (c *rconn) inTx() bool { return sqlite3.Xsqlite3_get_autocommit(c.tls, c.db) == 0 }

// tx is an open transaction.
type tx struct{ c *rconn }

// begin takes the write lock at once, so a transaction never fails halfway
// on a lock upgrade.
func (c *rconn) begin() (tx, error) {
	_, err := c.beginStmt.exec()
	return tx{c}, err
}

// Commit ends the transaction either way: if COMMIT fails, it rolls back.
func (t tx) Commit() error {
	_, err := t.c.commitStmt.exec()
	if err != nil && t.c.inTx() {
		t.c.rollbackStmt.exec()
	}
	return err
}

// Rollback rolls back, unless SQLite already has (after some errors it does).
func (t tx) Rollback() error {
	if !t.c.inTx() {
		return nil
	}
	_, err := t.c.rollbackStmt.exec()
	return err
}

// maxKeptBuf is the most text buffer a statement keeps between calls: one
// huge reject (a raw line of many megabytes) must not pin its size in C
// memory, which the Go collector does not see, for the writer's life.
const maxKeptBuf = 1 << 20

// bind binds args, which must be one per parameter. Texts and blobs are
// copied into the statement's buffer and bound in place: SQLite reads them
// while the statement steps. The buffer changes only here, after the
// statement was reset, and a failed bind clears every binding, so no
// parameter is left pointing into a freed buffer.
func (s *rstmt) bind(args []any) error {
	if len(args) != s.nparam {
		return fmt.Errorf("statement takes %d arguments, got %d", s.nparam, len(args))
	}
	need, texts := 0, false
	for i, a := range args {
		switch v := a.(type) {
		case string:
			need, texts = need+len(v), true
		case []byte:
			need, texts = need+len(v), true
		case nil, int64, int, bool, float64:
		default:
			return fmt.Errorf("argument %d: SQLite stores no %T", i+1, a)
		}
	}
	if texts && (s.buf == 0 || need > s.bufCap) {
		// Never a NULL pointer: SQLite would bind an empty text as NULL.
		n := max(need, 2*s.bufCap, 1024)
		p := libc.Xmalloc(s.c.tls, uint64(n))
		if p == 0 {
			sqlite3.Xsqlite3_clear_bindings(s.c.tls, s.p)
			return &sqliteError{code: sqlite3.SQLITE_NOMEM, msg: fmt.Sprintf("out of memory binding %d bytes", need)}
		}
		s.freeBuf()
		s.buf, s.bufCap = p, n
	}
	tls, off := s.c.tls, 0
	for i, a := range args {
		n := int32(i + 1)
		var rc int32
		switch v := a.(type) {
		case nil:
			rc = sqlite3.Xsqlite3_bind_null(tls, s.p, n)
		case int64:
			rc = sqlite3.Xsqlite3_bind_int64(tls, s.p, n, v)
		case int:
			rc = sqlite3.Xsqlite3_bind_int64(tls, s.p, n, int64(v))
		case bool:
			var b int64
			if v {
				b = 1
			}
			rc = sqlite3.Xsqlite3_bind_int64(tls, s.p, n, b)
		case float64:
			rc = sqlite3.Xsqlite3_bind_double(tls, s.p, n, v)
		case string:
			p := s.buf + uintptr(off)
			off += copy(cbytes(p, len(v)), v)
			rc = sqlite3.Xsqlite3_bind_text(tls, s.p, n, p, int32(len(v)), 0) // 0: SQLITE_STATIC
		case []byte:
			p := s.buf + uintptr(off)
			off += copy(cbytes(p, len(v)), v)
			rc = sqlite3.Xsqlite3_bind_blob(tls, s.p, n, p, int32(len(v)), 0)
		}
		if rc != sqlite3.SQLITE_OK {
			err := s.c.err(rc)
			sqlite3.Xsqlite3_clear_bindings(tls, s.p)
			return err
		}
	}
	return nil
}

// freeBuf frees the text buffer. Bindings into it must be gone or about
// to be replaced.
func (s *rstmt) freeBuf() {
	if s.buf != 0 {
		libc.Xfree(s.c.tls, s.buf)
		s.buf, s.bufCap = 0, 0
	}
}

// step runs the statement one step: true for a row, false when done.
func (s *rstmt) step() (bool, error) {
	switch rc := sqlite3.Xsqlite3_step(s.c.tls, s.p); rc {
	case sqlite3.SQLITE_ROW:
		return true, nil
	case sqlite3.SQLITE_DONE:
		return false, nil
	default:
		return false, s.c.err(rc)
	}
}

// reset readies the statement for its next run, and gives back a buffer
// a huge argument grew.
func (s *rstmt) reset() {
	sqlite3.Xsqlite3_reset(s.c.tls, s.p)
	if s.bufCap > maxKeptBuf {
		sqlite3.Xsqlite3_clear_bindings(s.c.tls, s.p)
		s.freeBuf()
	}
}

// execValues runs the statement to completion with args.
func (s *rstmt) execValues(args []any) (result, error) {
	defer s.reset()
	if err := s.bind(args); err != nil {
		return result{}, err
	}
	for {
		row, err := s.step()
		if err != nil {
			return result{}, err
		}
		if !row {
			break
		}
	}
	tls, db := s.c.tls, s.c.db
	return result{id: sqlite3.Xsqlite3_last_insert_rowid(tls, db), changes: sqlite3.Xsqlite3_changes64(tls, db)}, nil
}

func (s *rstmt) exec(args ...any) (result, error) { return s.execValues(args) }

// each runs a query and calls fn with each row's values, which are only
// valid during the call. Integers read as int64, reals as float64, texts as
// string, blobs as []byte and NULL as nil.
func (s *rstmt) each(fn func(row []any) error, args ...any) error {
	defer s.reset()
	if err := s.bind(args); err != nil {
		return err
	}
	tls := s.c.tls
	for {
		row, err := s.step()
		if err != nil || !row {
			return err
		}
		n := int(sqlite3.Xsqlite3_column_count(tls, s.p))
		if cap(s.dest) < n {
			s.dest = make([]any, n)
		}
		dest := s.dest[:n]
		for i := range dest {
			col := int32(i)
			switch sqlite3.Xsqlite3_column_type(tls, s.p, col) {
			case sqlite3.SQLITE_INTEGER:
				dest[i] = sqlite3.Xsqlite3_column_int64(tls, s.p, col)
			case sqlite3.SQLITE_FLOAT:
				dest[i] = sqlite3.Xsqlite3_column_double(tls, s.p, col)
			case sqlite3.SQLITE_TEXT:
				p := sqlite3.Xsqlite3_column_text(tls, s.p, col)
				dest[i] = string(cbytes(p, int(sqlite3.Xsqlite3_column_bytes(tls, s.p, col))))
			case sqlite3.SQLITE_BLOB:
				p := sqlite3.Xsqlite3_column_blob(tls, s.p, col)
				dest[i] = append([]byte{}, cbytes(p, int(sqlite3.Xsqlite3_column_bytes(tls, s.p, col)))...)
			default:
				dest[i] = nil
			}
		}
		if err := fn(dest); err != nil {
			return err
		}
	}
}

// one runs a query for a single integer (RETURNING id, a max()), reporting
// whether there was a row.
func (s *rstmt) one(args ...any) (int64, bool, error) {
	var n int64
	found := false
	err := s.each(func(row []any) error {
		if !found {
			n, _ = row[0].(int64)
			found = true
		}
		return nil
	}, args...)
	return n, found, err
}

// close finalizes the statement; a second close does nothing.
func (s *rstmt) close() error {
	if s.p == 0 {
		return nil
	}
	rc := sqlite3.Xsqlite3_finalize(s.c.tls, s.p)
	s.p = 0
	s.freeBuf()
	if rc != sqlite3.SQLITE_OK {
		return s.c.err(rc)
	}
	return nil
}

// cptr turns an address SQLite's C memory gives into a pointer. That
// memory is not Go's: the collector neither moves nor frees it. Read
// through a *uintptr because vet, rightly for Go memory, flags a plain
// unsafe.Pointer(uintptr) conversion.
func cptr(p uintptr) unsafe.Pointer { return *(*unsafe.Pointer)(unsafe.Pointer(&p)) }

// cbytes is n bytes of C memory at p, as a slice.
func cbytes(p uintptr, n int) []byte {
	if n == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(cptr(p)), n)
}

// asInt64 and asString read column values, where NULL reads as zero.
func asInt64(v any) int64 {
	n, _ := v.(int64)
	return n
}

func asString(v any) string {
	switch s := v.(type) {
	case string:
		return s
	case []byte:
		return string(s)
	}
	return ""
}
