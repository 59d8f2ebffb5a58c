package data

import (
	"context"
	"database/sql"
	"fmt"

	"warroom/model"
)

// Watcher notices commits to the file by any connection: a console sees
// what an ingest in another terminal adds. SQLite's data_version is per
// connection, so the watcher keeps one of the read pool for itself.
type Watcher struct {
	conn    *sql.Conn
	version int64
}

// NewWatcher takes a read connection for watching. Close returns it.
func (s *Store) NewWatcher(ctx context.Context) (*Watcher, error) {
	conn, err := s.reader().db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("watch: %w", err)
	}
	w := &Watcher{conn: conn}
	if _, err := w.Changed(ctx); err != nil {
		conn.Close()
		return nil, err
	}
	return w, nil
}

// Changed reports whether anything was committed since the last call
// (for the first call, since the connection was opened).
func (w *Watcher) Changed(ctx context.Context) (bool, error) {
	var v int64
	if err := w.conn.QueryRowContext(ctx, `PRAGMA data_version`).Scan(&v); err != nil {
		return false, fmt.Errorf("watch: %w", err)
	}
	changed := v != w.version
	w.version = v
	return changed, nil
}

// Close returns the connection to the pool.
func (w *Watcher) Close() error { return w.conn.Close() }

// MentionsAfter returns up to limit mentions with ids above id, oldest
// first: what was stored since a reader last looked.
func (s *Store) MentionsAfter(ctx context.Context, id int64, limit int) ([]*model.Mention, error) {
	rows, err := s.reader().db.QueryContext(ctx, `SELECT `+mentionCols+` FROM mention AS m WHERE m.id > ? ORDER BY m.id LIMIT ?`, id, limit)
	if err != nil {
		return nil, fmt.Errorf("mentions after %d: %w", id, err)
	}
	ms, err := collectMentions(rows, 0, nil)
	if err != nil {
		return nil, fmt.Errorf("mentions after %d: %w", id, err)
	}
	return ms, nil
}

// EventsAfter returns the events with Seq above seq, in order.
func (s *Store) EventsAfter(ctx context.Context, seq int64) ([]model.Event, error) {
	return s.events(ctx, `SELECT `+eventCols+` FROM event WHERE seq > ? ORDER BY seq`, seq)
}

// LastIDs are the newest mention id and event seq in the file.
func (s *Store) LastIDs(ctx context.Context) (mention, event int64, err error) {
	err = s.reader().db.QueryRowContext(ctx, `SELECT (SELECT coalesce(max(id), 0) FROM mention), (SELECT coalesce(max(seq), 0) FROM event)`).
		Scan(&mention, &event)
	if err != nil {
		return 0, 0, fmt.Errorf("last ids: %w", err)
	}
	return mention, event, nil
}
