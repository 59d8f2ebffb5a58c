package data

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
)

// The writer talks to its connection through database/sql/driver directly:
// on a 24-column insert, database/sql's per-call argument conversion,
// locking and result wrapping cost 15-20% of the writer's time (measured,
// see bench_test.go). These helpers keep that plumbing in one place.

// rconn is the writer's dedicated driver connection.
type rconn struct {
	ctx context.Context
	c   driver.Conn
}

// rstmt is a prepared statement with a reusable argument buffer.
type rstmt struct {
	c  *rconn
	s  driver.Stmt
	nv []driver.NamedValue
}

func (c *rconn) prepare(q string) (*rstmt, error) {
	p, ok := c.c.(driver.ConnPrepareContext)
	if !ok {
		return nil, errors.New("driver connection cannot prepare with a context")
	}
	s, err := p.PrepareContext(c.ctx, q)
	if err != nil {
		return nil, err
	}
	return &rstmt{c: c, s: s}, nil
}

func (c *rconn) begin() (driver.Tx, error) {
	b, ok := c.c.(driver.ConnBeginTx)
	if !ok {
		return nil, errors.New("driver connection cannot begin with a context")
	}
	return b.BeginTx(c.ctx, driver.TxOptions{})
}

// exec runs a statement that is not prepared (PRAGMAs).
func (c *rconn) exec(q string) error {
	e, ok := c.c.(driver.ExecerContext)
	if !ok {
		return errors.New("driver connection cannot exec")
	}
	_, err := e.ExecContext(c.ctx, q, nil)
	return err
}

// value converts the Go values the writer uses to driver values.
func value(a any) (driver.Value, error) {
	switch v := a.(type) {
	case nil, int64, float64, bool, string, []byte:
		return v, nil
	case int:
		return int64(v), nil
	}
	return nil, fmt.Errorf("no driver value for %T", a)
}

func (s *rstmt) bind(args []any) error {
	s.nv = s.nv[:0]
	for i, a := range args {
		v, err := value(a)
		if err != nil {
			return err
		}
		s.nv = append(s.nv, driver.NamedValue{Ordinal: i + 1, Value: v})
	}
	return nil
}

func (s *rstmt) exec(args ...any) (driver.Result, error) {
	if err := s.bind(args); err != nil {
		return nil, err
	}
	return s.s.(driver.StmtExecContext).ExecContext(s.c.ctx, s.nv)
}

// execValues runs the statement with arguments already converted.
func (s *rstmt) execValues(vals []driver.Value) (driver.Result, error) {
	s.nv = s.nv[:0]
	for i, v := range vals {
		s.nv = append(s.nv, driver.NamedValue{Ordinal: i + 1, Value: v})
	}
	return s.s.(driver.StmtExecContext).ExecContext(s.c.ctx, s.nv)
}

// each runs a query and calls fn with each row's values, which are only
// valid during the call.
func (s *rstmt) each(fn func(row []driver.Value) error, args ...any) error {
	if err := s.bind(args); err != nil {
		return err
	}
	rows, err := s.s.(driver.StmtQueryContext).QueryContext(s.c.ctx, s.nv)
	if err != nil {
		return err
	}
	defer rows.Close()
	dest := make([]driver.Value, len(rows.Columns()))
	for {
		err := rows.Next(dest)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
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
	err := s.each(func(row []driver.Value) error {
		if !found {
			n, _ = row[0].(int64)
			found = true
		}
		return nil
	}, args...)
	return n, found, err
}

func (s *rstmt) close() error { return s.s.Close() }

// asInt64 and asString read driver values, where NULL reads as zero.
func asInt64(v driver.Value) int64 {
	n, _ := v.(int64)
	return n
}

func asString(v driver.Value) string {
	switch s := v.(type) {
	case string:
		return s
	case []byte:
		return string(s)
	}
	return ""
}
