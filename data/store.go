package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
	sqlite3 "modernc.org/sqlite/lib"
)

// Errors callers may test with errors.Is.
var (
	// ErrReadOnly is returned for any write to a store opened with OpenReadOnly.
	ErrReadOnly = errors.New("incident file is open read-only (replay); open it live to change it")
	// ErrNotFound is returned when a looked-up row does not exist.
	ErrNotFound = errors.New("not found")
	// ErrNotWarroom is returned when a file is not a warroom incident file.
	ErrNotWarroom = errors.New("not a warroom incident file")
	// ErrNewerSchema is returned when a file was written by a newer warroom.
	ErrNewerSchema = errors.New("incident file was written by a newer version of warroom; upgrade warroom to open it")
	// ErrOlderSchema: the file must be upgraded, which opening it read-only
	// cannot do.
	ErrOlderSchema = errors.New("incident file was written by an older version of warroom")
	// ErrClosed is returned by a writer or store after Close.
	ErrClosed = errors.New("incident store is closed")
	// ErrWriterActive is returned by a second writer on the same store.
	ErrWriterActive = errors.New("the incident store already has a writer; use that one")
	// ErrDirectory is returned when the path names a directory.
	ErrDirectory = errors.New("is a directory, not an incident file")
)

// ReadOnlyError is returned by Open when the file, or the folder it is in
// (where a live session keeps its write-ahead log), cannot be written.
type ReadOnlyError struct {
	Path   string // as given to Open
	Folder bool   // the folder is read-only, not the file
}

func (e *ReadOnlyError) Error() string {
	if e.Folder {
		return fmt.Sprintf("%s cannot be opened live: its folder is read-only, and a live session writes its log (-wal and -shm files) beside it", e.Path)
	}
	return fmt.Sprintf("%s is read-only", e.Path)
}

// statFile checks that path, if it exists, is a file: SQLite opening a
// directory says only "disk I/O error".
func statFile(path, abs string) (fs.FileInfo, error) {
	fi, err := os.Stat(abs)
	if err == nil && fi.IsDir() {
		return nil, fmt.Errorf("%s %w", path, ErrDirectory)
	}
	return fi, err
}

// checkWritable checks that an existing file can be written. Without this,
// SQLite would open a read-only file read-only without a word, and the
// session would fail at its first write.
func checkWritable(path, abs string) error {
	f, err := os.OpenFile(abs, os.O_RDWR, 0)
	if errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS) {
		return &ReadOnlyError{Path: path}
	}
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	return f.Close()
}

// checkCreatable checks that a new file can be made at abs: SQLite says
// only "unable to open database file" when its folder is missing or
// read-only.
func checkCreatable(path, abs string) error {
	dir := filepath.Dir(abs)
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("cannot create %s: folder %s does not exist", path, dir)
	case err != nil:
		return fmt.Errorf("cannot create %s: %w", path, err)
	case !fi.IsDir():
		return fmt.Errorf("cannot create %s: %s is not a folder", path, dir)
	}
	f, err := os.CreateTemp(dir, ".warroom-probe-*")
	if errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS) {
		return &ReadOnlyError{Path: path, Folder: true}
	}
	if err != nil {
		return fmt.Errorf("cannot create %s: %w", path, err)
	}
	name := f.Name()
	f.Close()
	return os.Remove(name)
}

// readOnly names SQLite's refusals to write for what they are.
func readOnly(path string, err error) error {
	var se interface{ Code() int }
	if errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_READONLY {
		return &ReadOnlyError{Path: path, Folder: se.Code() == sqlite3.SQLITE_READONLY_DIRECTORY}
	}
	return err
}

// busyTimeout is how long a connection waits for a lock before failing.
// Readers never block the WAL writer, so this only matters across processes.
const busyTimeout = 5 * time.Second

// pageSize is the page size of new files.
const pageSize = 16384

// readers is the size of the read connection pool. Reads are short; a
// bound keeps a slow query from piling up connections (and page caches).
const readers = 4

// Store is one incident file. Queries are safe for concurrent use; all
// writes go through the single Writer (NewWriter) or the few direct setters.
type Store struct {
	path string
	ro   bool
	rd   atomic.Pointer[readerPool] // read-only connections (mode=ro); see reader
	wdb  *sql.DB                    // the one read-write connection; nil when read-only
	ckpt *checkpointer
	// immutable: a read-only store of a settled file reads it as immutable
	// until a writer appears (see reader).
	immutable atomic.Bool
	swapMu    sync.Mutex

	mu     sync.Mutex
	writer *Writer
	closed bool
}

// Open opens the incident file at path for writing, creating it if needed,
// and migrates its schema forward. It refuses files that are not warroom
// files and files from a newer warroom.
func Open(path string) (*Store, error) {
	return openWith(context.Background(), path, migrations)
}

// openWith opens with a given migration list; tests use a prefix of it to
// build old files.
func openWith(ctx context.Context, path string, migs []migration) (*Store, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	fi, err := statFile(path, abs)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := checkCreatable(path, abs); err != nil {
			return nil, err
		}
	case err != nil:
		return nil, err
	default:
		if err := checkWritable(path, abs); err != nil {
			return nil, err
		}
		// Check before the writer connection switches the file to WAL: a
		// refused file must be left exactly as it was.
		if fi.Size() > 0 {
			if err := probe(ctx, abs, len(migs), false); err != nil {
				return nil, readOnly(path, err)
			}
		}
	}
	wdb, err := sql.Open("sqlite", dsn(abs, false))
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	// One connection: SQLite has one writer at a time anyway, and it lets
	// statements prepared on it be reused by every transaction.
	wdb.SetMaxOpenConns(1)
	wdb.SetMaxIdleConns(1)
	wdb.SetConnMaxLifetime(0)
	wdb.SetConnMaxIdleTime(0)
	fail := func(err error) (*Store, error) {
		wdb.Close()
		if ro := readOnly(path, err); ro != err {
			return nil, ro
		}
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	// Page size only takes effect on a new file, before WAL: 16 KiB pages
	// mean a quarter of the WAL frames (two write calls each) per commit,
	// and fewer B-tree splits, for the writer's large appends.
	if _, err := wdb.ExecContext(ctx, fmt.Sprintf(`PRAGMA page_size = %d`, pageSize)); err != nil {
		return fail(notWarroom(err))
	}
	var mode string
	if err := wdb.QueryRowContext(ctx, `PRAGMA journal_mode = WAL`).Scan(&mode); err != nil {
		return fail(notWarroom(err))
	}
	if !strings.EqualFold(mode, "wal") {
		return fail(fmt.Errorf("could not switch to WAL (journal mode is %s)", mode))
	}
	if err := migrate(ctx, wdb, migs); err != nil {
		return fail(err)
	}
	p, err := newReaderPool(ctx, abs, false)
	if err != nil {
		return fail(err)
	}
	s := &Store{path: abs, wdb: wdb}
	s.rd.Store(p)
	if s.ckpt, err = newCheckpointer(abs); err != nil {
		p.close()
		return fail(err)
	}
	return s, nil
}

// OpenReadOnly opens an incident file for replay. Nothing is ever written
// to it: the connections are opened with SQLite's mode=ro, and every write
// method returns ErrReadOnly. The file must be at this build's schema
// version; an older one must be opened once with Open to upgrade it.
func OpenReadOnly(path string) (*Store, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if _, err := statFile(path, abs); errors.Is(err, ErrDirectory) {
		return nil, err
	} else if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	ctx := context.Background()
	if err := probe(ctx, abs, SchemaVersion, true); err != nil {
		return nil, err
	}
	immutable := settled(abs)
	p, err := newReaderPool(ctx, abs, immutable)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	s := &Store{path: abs, ro: true}
	s.rd.Store(p)
	s.immutable.Store(immutable)
	return s, nil
}

// probeQuery is the step of idAfter's binary search.
const probeQuery = `SELECT id, ingested_at FROM mention WHERE id >= ? ORDER BY id LIMIT 1`

// readerPool is the read connections and the statement prepared on them.
type readerPool struct {
	db    *sql.DB
	probe *sql.Stmt // the step of idAfter's binary search, prepared once
}

// reader returns the read connections. A replay of a settled file reads it
// immutable, leaving no trace; but SQLite then assumes the file never
// changes, and a live session opened on it later would checkpoint pages
// under the replay's feet ("database disk image is malformed"). A live
// session makes the write-ahead log first, so the store checks for it on
// every read and, once it is there, moves to connections that read through
// it. The old pool closes when its queries are done.
func (s *Store) reader() *readerPool {
	if s.immutable.Load() && !settled(s.path) {
		s.swapMu.Lock()
		if s.immutable.Load() {
			if p, err := newReaderPool(context.Background(), s.path, false); err == nil {
				old := s.rd.Swap(p)
				s.immutable.Store(false)
				go old.close()
			}
		}
		s.swapMu.Unlock()
	}
	return s.rd.Load()
}

func newReaderPool(ctx context.Context, abs string, immutable bool) (*readerPool, error) {
	db, err := openReaders(abs, immutable)
	if err != nil {
		return nil, err
	}
	probe, err := db.PrepareContext(ctx, probeQuery)
	if err != nil {
		db.Close()
		return nil, err
	}
	return &readerPool{db: db, probe: probe}, nil
}

func (p *readerPool) close() error { return errors.Join(p.probe.Close(), p.db.Close()) }

// settled reports whether the file has no write-ahead log beside it: no
// session is writing it and everything is checkpointed into the file.
// Such a file is opened immutable, so a replay leaves not even an empty
// -wal or -shm file behind; one that a live session is still writing is
// opened read-only through its log, and sees what has been committed.
func settled(abs string) bool {
	_, err := os.Stat(abs + "-wal")
	return errors.Is(err, fs.ErrNotExist)
}

func openReaders(abs string, immutable bool) (*sql.DB, error) {
	name := dsn(abs, true)
	if immutable {
		name += "&immutable=1"
	}
	rdb, err := sql.Open("sqlite", name)
	if err != nil {
		return nil, err
	}
	rdb.SetMaxOpenConns(readers)
	rdb.SetMaxIdleConns(readers)
	if err := rdb.Ping(); err != nil {
		rdb.Close()
		return nil, err
	}
	return rdb, nil
}

// probe checks, on a read-only connection, that the file is a warroom file
// this build can open. exact demands the schema be at version want (a
// read-only store cannot migrate); otherwise older is fine.
func probe(ctx context.Context, abs string, want int, exact bool) error {
	name := dsn(abs, true)
	if exact && settled(abs) { // a replay's probe must leave no trace either
		name += "&immutable=1"
	}
	db, err := sql.Open("sqlite", name)
	if err != nil {
		return fmt.Errorf("open %s: %w", abs, err)
	}
	defer db.Close()
	var appID, version, tables int
	err = db.QueryRowContext(ctx, `SELECT (SELECT application_id FROM pragma_application_id),
		(SELECT user_version FROM pragma_user_version),
		(SELECT count(*) FROM sqlite_schema)`).Scan(&appID, &version, &tables)
	if err != nil {
		return fmt.Errorf("open %s: %w", abs, notWarroom(err))
	}
	switch {
	case appID == 0 && tables == 0 && !exact:
		return nil // an empty SQLite file: fine to fill
	case appID != applicationID:
		return fmt.Errorf("open %s: %w", abs, ErrNotWarroom)
	case version > want:
		return fmt.Errorf("open %s: schema version %d, this build knows up to %d: %w", abs, version, want, ErrNewerSchema)
	case exact && version < want:
		return fmt.Errorf("open %s: schema version %d is older than %d; open it live once (warroom opens and upgrades it) before replaying: %w", abs, version, want, ErrOlderSchema)
	}
	return nil
}

// FileIncident returns the name and mode of an existing incident file
// without changing the file, whatever its schema version: callers refuse
// what does not suit a file before Open upgrades it. ErrNotFound if the
// file has no incident header yet.
func FileIncident(path string) (Incident, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return Incident{}, err
	}
	if _, err := os.Stat(abs); err != nil {
		return Incident{}, err
	}
	name := dsn(abs, true)
	if settled(abs) {
		name += "&immutable=1"
	}
	db, err := sql.Open("sqlite", name)
	if err != nil {
		return Incident{}, err
	}
	defer db.Close()
	var in Incident
	err = db.QueryRow(`SELECT name, mode FROM incident WHERE id = 1`).Scan(&in.Name, &in.Mode)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return in, ErrNotFound
	case err != nil && strings.Contains(err.Error(), "no such table"):
		return in, ErrNotFound
	case err != nil:
		return in, notWarroom(err)
	}
	return in, nil
}

// FileVersion returns an existing file's schema version without changing
// the file: callers say that an upgrade is coming before Open runs it (a
// large file takes a while). A file that is not a warroom file yet reads
// as version 0.
func FileVersion(path string) (int, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return 0, err
	}
	if _, err := os.Stat(abs); err != nil {
		return 0, err
	}
	name := dsn(abs, true)
	if settled(abs) {
		name += "&immutable=1"
	}
	db, err := sql.Open("sqlite", name)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	var appID, version int
	err = db.QueryRow(`SELECT (SELECT application_id FROM pragma_application_id),
		(SELECT user_version FROM pragma_user_version)`).Scan(&appID, &version)
	if err != nil {
		return 0, notWarroom(err)
	}
	if appID != applicationID {
		return 0, nil
	}
	return version, nil
}

// notWarroom turns SQLite's "file is not a database" into ErrNotWarroom.
func notWarroom(err error) error {
	if err != nil && strings.Contains(err.Error(), "not a database") {
		return fmt.Errorf("%w (%v)", ErrNotWarroom, err)
	}
	return err
}

// pragmas are the settings every connection runs with, as PRAGMA takes
// them: name(value).
func pragmas(readOnly bool) []string {
	ps := []string{fmt.Sprintf("busy_timeout(%d)", busyTimeout.Milliseconds()), "foreign_keys(1)"}
	if readOnly {
		return append(ps, "cache_size(-16384)") // 16 MiB per reader
	}
	return append(ps,
		"synchronous(NORMAL)",
		"cache_size(-65536)", // 64 MiB: indexes stay hot under load
		// The checkpointer copies the WAL into the file from its own
		// connection, on another core, instead of inside the writer's commits.
		"wal_autocheckpoint(0)")
}

// dsn builds a file: URI so SQLite's own parameters (mode=ro) apply. The
// underscore keys are the driver's: it runs each _pragma on every new
// connection.
func dsn(abs string, readOnly bool) string {
	q := url.Values{}
	for _, p := range pragmas(readOnly) {
		q.Add("_pragma", p)
	}
	if readOnly {
		q.Set("mode", "ro")
	} else {
		// Take the write lock at BEGIN, so a transaction never fails halfway
		// on a lock upgrade.
		q.Set("_txlock", "immediate")
	}
	u := url.URL{Scheme: "file", Path: abs, RawQuery: q.Encode()}
	return u.String()
}

// checkpointer copies committed WAL frames into the main file from a
// connection of its own. A PASSIVE checkpoint never blocks the writer, so
// this work leaves the writer's goroutine and runs beside it.
type checkpointer struct {
	db   *sql.DB
	kick chan struct{}
	stop chan struct{}
	done chan struct{}
}

// checkpointEvery bounds how often the checkpointer runs under load.
const checkpointEvery = 50 * time.Millisecond

func newCheckpointer(abs string) (*checkpointer, error) {
	db, err := sql.Open("sqlite", dsn(abs, false))
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	c := &checkpointer{db: db, kick: make(chan struct{}, 1), stop: make(chan struct{}), done: make(chan struct{})}
	go c.run()
	return c, nil
}

// poke asks for a checkpoint soon; it never blocks.
func (c *checkpointer) poke() {
	select {
	case c.kick <- struct{}{}:
	default:
	}
}

func (c *checkpointer) run() {
	defer close(c.done)
	for {
		select {
		case <-c.stop:
			return
		case <-c.kick:
		}
		// A failed checkpoint only leaves the WAL longer; the next one, or
		// the one at Close, catches up.
		_, _ = c.db.Exec(`PRAGMA wal_checkpoint(PASSIVE)`)
		select {
		case <-c.stop:
			return
		case <-time.After(checkpointEvery):
		}
	}
}

func (c *checkpointer) close() error {
	close(c.stop)
	<-c.done
	return c.db.Close()
}

// Path returns the absolute path of the incident file.
func (s *Store) Path() string { return s.path }

// ReadOnly reports whether the store was opened with OpenReadOnly.
func (s *Store) ReadOnly() bool { return s.ro }

// Close closes the writer, if any (flushing it), and the file. A live store
// checkpoints its WAL into the main file first, so the file on disk is
// complete by itself and can be copied or replayed.
func (s *Store) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	w := s.writer
	s.mu.Unlock()
	var errs []error
	if w != nil {
		errs = append(errs, w.Close())
	}
	s.swapMu.Lock()
	errs = append(errs, s.rd.Load().close())
	s.swapMu.Unlock()
	if s.ckpt != nil {
		errs = append(errs, s.ckpt.close())
	}
	if s.wdb != nil {
		if _, err := s.wdb.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
			errs = append(errs, fmt.Errorf("checkpoint: %w", err))
		}
		errs = append(errs, s.wdb.Close())
	}
	return errors.Join(errs...)
}

// writable returns the write connection or why there is none.
func (s *Store) writable() (*sql.DB, error) {
	if s.ro {
		return nil, ErrReadOnly
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil, ErrClosed
	}
	return s.wdb, nil
}

// Mode says what kind of session made the file.
type Mode string

// Incident file modes.
const (
	ModeLive         Mode = "live"
	ModeDrill        Mode = "drill"
	ModeReplaySource Mode = "replay-source" // a file kept as a replay reference
)

// Incident is the file's header row. The incident's level, status and
// declaration live in the event log (model.State), not here.
type Incident struct {
	Name      string
	Brand     string
	Mode      Mode
	CreatedAt time.Time
}

// Incident returns the header row, or ErrNotFound if SetIncident was never
// called.
func (s *Store) Incident(ctx context.Context) (Incident, error) {
	var in Incident
	var mode string
	var created sql.NullInt64
	err := s.reader().db.QueryRowContext(ctx, `SELECT name, brand, mode, created_at FROM incident WHERE id = 1`).
		Scan(&in.Name, &in.Brand, &mode, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return Incident{}, fmt.Errorf("incident header: %w", ErrNotFound)
	}
	if err != nil {
		return Incident{}, fmt.Errorf("incident header: %w", err)
	}
	in.Mode, in.CreatedAt = Mode(mode), timeOf(created)
	return in, nil
}

// SetIncident writes the header row.
func (s *Store) SetIncident(ctx context.Context, in Incident) error {
	db, err := s.writable()
	if err != nil {
		return err
	}
	if in.Mode == "" {
		in.Mode = ModeLive
	}
	_, err = db.ExecContext(ctx, `INSERT INTO incident (id, name, brand, mode, created_at) VALUES (1, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET name = excluded.name, brand = excluded.brand, mode = excluded.mode,
		created_at = excluded.created_at`, in.Name, in.Brand, string(in.Mode), msOrNil(in.CreatedAt))
	if err != nil {
		return fmt.Errorf("set incident header: %w", err)
	}
	return nil
}

// Meta returns a value of the file's key/value table (scenario, seed, plan
// text...), or ErrNotFound.
func (s *Store) Meta(ctx context.Context, key string) (string, error) {
	var v string
	err := s.reader().db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("meta %q: %w", key, ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("meta %q: %w", key, err)
	}
	return v, nil
}

// SetMeta sets a value of the key/value table.
func (s *Store) SetMeta(ctx context.Context, key, value string) error {
	db, err := s.writable()
	if err != nil {
		return err
	}
	_, err = db.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	if err != nil {
		return fmt.Errorf("set meta %q: %w", key, err)
	}
	return nil
}

// msOrNil stores a time as Unix milliseconds, or NULL for the zero time.
func msOrNil(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UnixMilli()
}

// timeOf reads a stored time back, in UTC.
func timeOf(v sql.NullInt64) time.Time {
	if !v.Valid {
		return time.Time{}
	}
	return time.UnixMilli(v.Int64).UTC()
}

// truncMS drops what the file cannot keep, so what the writer hands back
// equals what a later read returns.
func truncMS(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return time.UnixMilli(t.UnixMilli()).UTC()
}
