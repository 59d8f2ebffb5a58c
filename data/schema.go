package data

import (
	"context"
	"database/sql"
	"fmt"
)

// applicationID marks a SQLite file as a warroom incident ("WRRM"), so a
// stray database is refused rather than migrated.
const applicationID = 0x5752524D

// migration is one forward step of the schema. Each runs in its own
// transaction, which also sets user_version to its position (1-based), so a
// file is always at exactly one known version.
type migration struct {
	name string
	up   func(ctx context.Context, tx *sql.Tx) error
}

// migrations is the schema's history. Append only: a file at version N has
// had exactly the first N applied.
var migrations = []migration{
	{"initial schema", execSQL(schemaV1)},
	{"full-text search", execSQL(schemaV2)},
	{"lean mention rows, indexes built behind the writer", execSQL(schemaV3)},
	{"author index", authorIndex},
	{"thread index behind the writer", execSQL(schemaV5)},
}

// SchemaVersion is the schema version this build writes: the number of
// migrations (a test holds the two together).
const SchemaVersion = 5

func execSQL(q string) func(context.Context, *sql.Tx) error {
	return func(ctx context.Context, tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, q)
		return err
	}
}

// Times are Unix milliseconds (UTC), NULL for a zero time. Empty optional
// strings that are looked up by value (parent_id, alert key) are NULL, so
// partial and unique indexes skip them.
const schemaV1 = `
CREATE TABLE incident (
	id         INTEGER PRIMARY KEY CHECK (id = 1),
	name       TEXT NOT NULL,
	brand      TEXT NOT NULL,
	mode       TEXT NOT NULL CHECK (mode IN ('live', 'drill', 'replay-source')),
	created_at INTEGER
);

CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE mention (
	id               INTEGER PRIMARY KEY,
	platform         TEXT NOT NULL CHECK (platform <> ''),
	external_id      TEXT NOT NULL CHECK (external_id <> ''),
	author_name      TEXT NOT NULL,
	author_id        TEXT NOT NULL,
	author_followers INTEGER NOT NULL,
	verified         INTEGER NOT NULL,
	text             TEXT NOT NULL,
	raw_text         TEXT,    -- NULL when the same as text, which is most of the time
	created_at       INTEGER,
	ingested_at      INTEGER NOT NULL, -- non-decreasing in id order
	likes            INTEGER NOT NULL,
	comments         INTEGER NOT NULL,
	shares           INTEGER NOT NULL,
	url              TEXT NOT NULL,
	parent_id        TEXT,
	ip_location      TEXT NOT NULL,
	source           TEXT NOT NULL,
	dup_of           INTEGER, -- an earlier mention's id; no REFERENCES: SQLite would scan for children on every upsert
	text_hash        INTEGER, -- hash of the normalized text; NULL when too short to call a repost
	sentiment        REAL NOT NULL,
	negative         INTEGER NOT NULL,
	category         TEXT NOT NULL,
	severity         INTEGER NOT NULL,
	terms            TEXT,    -- JSON array; NULL when none
	UNIQUE (platform, external_id)
);
-- Feed queries read newest first by id (which follows ingest order), on the
-- table or the platform index, so a LIMIT stops early instead of sorting.
-- Every index costs the writer 1-2 us a row, so there are few: negative
-- mentions are common in a crisis and found by scanning, sparse severe ones
-- through the partial index below.
CREATE INDEX mention_platform ON mention (platform);
-- Threads. There is no index on ingested_at: the writer keeps it
-- non-decreasing in id order, so a time bound is found by binary search on
-- id. Nor on text_hash: its random keys would dirty a page per insert; the
-- writer seeds its repost map from the newest mentions. Nor on severity:
-- see mention_severe.
CREATE INDEX mention_parent ON mention (platform, parent_id) WHERE parent_id IS NOT NULL;

-- The severe mentions (severity >= 60), appended by the writer with their
-- mention's id: "severe only" views walk this narrow table newest first
-- instead of the wide mention rows. Appending here costs the writer far less
-- than an index on severity, whose inserts land all over the tree.
CREATE TABLE mention_severe (
	id       INTEGER PRIMARY KEY, -- mention.id
	severity INTEGER NOT NULL,
	platform TEXT NOT NULL,
	negative INTEGER NOT NULL
);

-- Aggregates the writer keeps in step with mention, so sparklines, spike
-- baselines and panel counts never scan mentions.
CREATE TABLE mention_minute (
	minute   INTEGER NOT NULL, -- Unix minute of ingested_at
	platform TEXT NOT NULL,
	total    INTEGER NOT NULL,
	negative INTEGER NOT NULL,
	PRIMARY KEY (minute, platform)
) WITHOUT ROWID;
CREATE TABLE mention_hour (
	hour     INTEGER NOT NULL, -- Unix hour of created_at
	platform TEXT NOT NULL,
	total    INTEGER NOT NULL,
	negative INTEGER NOT NULL,
	PRIMARY KEY (hour, platform)
) WITHOUT ROWID;
CREATE TABLE mention_severity (
	platform TEXT NOT NULL,
	negative INTEGER NOT NULL,
	band     INTEGER NOT NULL, -- severity / 10, clamped to 0..10
	total    INTEGER NOT NULL,
	PRIMARY KEY (platform, negative, band)
) WITHOUT ROWID;
CREATE TABLE mention_stat (
	id       INTEGER PRIMARY KEY CHECK (id = 1),
	total    INTEGER NOT NULL,
	negative INTEGER NOT NULL
);
INSERT INTO mention_stat VALUES (1, 0, 0);

CREATE TABLE event (
	seq     INTEGER PRIMARY KEY,
	at      INTEGER,
	kind    TEXT NOT NULL,
	actor   TEXT NOT NULL,
	payload TEXT NOT NULL
);
CREATE INDEX event_at ON event (at);

-- Current state, folded from event by the writer; derivable, never edited.
CREATE TABLE task (
	id         TEXT PRIMARY KEY,
	pos        INTEGER NOT NULL,
	title      TEXT NOT NULL,
	role       TEXT NOT NULL,
	assignee   TEXT NOT NULL,
	status     TEXT NOT NULL,
	due        INTEGER,
	links      TEXT,
	note       TEXT NOT NULL,
	created_at INTEGER,
	done_at    INTEGER,
	deleted    INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE clock (
	id          TEXT PRIMARY KEY,
	pos         INTEGER NOT NULL,
	name        TEXT NOT NULL,
	anchor      TEXT NOT NULL,
	duration_ns INTEGER NOT NULL,
	due_soon_ns INTEGER NOT NULL,
	met_by      TEXT NOT NULL,
	anchor_at   INTEGER,
	met_at      INTEGER,
	met_what    TEXT NOT NULL,
	met_actor   TEXT NOT NULL,
	pauses      TEXT  -- JSON [[from, to], ...] in Unix ms, to NULL while paused
) WITHOUT ROWID;
CREATE TABLE statement (
	id           TEXT PRIMARY KEY,
	pos          INTEGER NOT NULL,
	kind         TEXT NOT NULL,
	platform     TEXT NOT NULL,
	text         TEXT NOT NULL,
	status       TEXT NOT NULL,
	version      INTEGER NOT NULL,
	author       TEXT NOT NULL,
	created_at   INTEGER,
	submitted_at INTEGER,
	reviewed_at  INTEGER,
	reviewer     TEXT NOT NULL,
	comment      TEXT NOT NULL,
	approved_ver INTEGER NOT NULL,
	published_at INTEGER,
	published_on TEXT NOT NULL,
	publisher    TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE alert (
	id          INTEGER PRIMARY KEY,
	key         TEXT UNIQUE,
	rule        TEXT NOT NULL,
	platform    TEXT NOT NULL,
	level       TEXT NOT NULL,
	at          INTEGER,
	updated_at  INTEGER,
	window_from INTEGER,
	window_to   INTEGER,
	count       INTEGER NOT NULL,
	baseline    REAL NOT NULL,
	value       REAL NOT NULL,
	threshold   REAL NOT NULL,
	category    TEXT NOT NULL,
	terms       TEXT,
	evidence    TEXT,
	message     TEXT NOT NULL,
	acked_at    INTEGER,
	acked_by    TEXT NOT NULL
);
CREATE INDEX alert_at ON alert (at);

CREATE TABLE reject (
	id       INTEGER PRIMARY KEY,
	source   TEXT NOT NULL,
	line     INTEGER NOT NULL,
	offset   INTEGER NOT NULL,
	reason   TEXT NOT NULL,
	raw      BLOB,
	at       INTEGER
);
CREATE INDEX reject_reason ON reject (reason);
`

// Full-text search: a contentless FTS5 index over the segmented text (see
// segment.go), rowid = mention.id. The writer fills it a little behind the
// mentions, in large batches, and records how far it got; mentions above
// that mark are searched in Go.
const schemaV2 = `
CREATE VIRTUAL TABLE mention_fts USING fts5 (
	body, content = '', columnsize = 0, tokenize = 'ascii', detail = full
);
INSERT INTO mention_fts (mention_fts, rank) VALUES ('automerge', 8);
CREATE TABLE mention_fts_state (
	id   INTEGER PRIMARY KEY CHECK (id = 1),
	upto INTEGER NOT NULL -- every mention with id <= upto is indexed
);
INSERT INTO mention_fts_state VALUES (1, 0);
`

// migrate brings the file from its version to len(migs), one transaction
// per step.
func migrate(ctx context.Context, db *sql.DB, migs []migration) error {
	var v int
	if err := db.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&v); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	for i := v; i < len(migs); i++ {
		if err := runMigration(ctx, db, i+1, migs[i]); err != nil {
			return err
		}
	}
	return nil
}

func runMigration(ctx context.Context, db *sql.DB, version int, m migration) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migration %d (%s): %w", version, m.name, err)
	}
	defer tx.Rollback()
	if version == 1 {
		if _, err := tx.ExecContext(ctx, fmt.Sprintf(`PRAGMA application_id = %d`, applicationID)); err != nil {
			return fmt.Errorf("migration 1: set application id: %w", err)
		}
	}
	if err := m.up(ctx, tx); err != nil {
		return fmt.Errorf("migration %d (%s): %w", version, m.name, err)
	}
	// PRAGMA takes no parameters; version is our own integer.
	if _, err := tx.ExecContext(ctx, fmt.Sprintf(`PRAGMA user_version = %d`, version)); err != nil {
		return fmt.Errorf("migration %d (%s): set version: %w", version, m.name, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migration %d (%s): commit: %w", version, m.name, err)
	}
	return nil
}

// Schema 3 takes work off the writer's path, which stores every mention
// and is the ingest bottleneck (measured: 17 us a row before, see
// bench_test.go):
//   - mention is rebuilt without its CHECKs (the writer validates platform
//     and id) and with the unique key as (external_id, platform): ids are
//     long and nearly always differ, so a probe compares one text instead
//     of two.
//   - the platform index goes. Per-platform and severe views read narrow
//     side tables that the writer fills behind itself, in the same pass and
//     transaction as the search index, sorted so each platform's rows are
//     appended together; the few mentions above the mark are scanned.
//
// The table is spelled out again, not derived from schemaV1: a migration is
// history, and must create what it created the day it shipped.
//
// mention_index_state.upto is that mark: every mention with id <= upto is
// in mention_fts, mention_by_platform and (if severe) mention_severe (and,
// from schema 4, mention_author).
const schemaV3 = `
CREATE TABLE mention_v3 (
	id               INTEGER PRIMARY KEY,
	platform         TEXT NOT NULL,
	external_id      TEXT NOT NULL,
	author_name      TEXT NOT NULL,
	author_id        TEXT NOT NULL,
	author_followers INTEGER NOT NULL,
	verified         INTEGER NOT NULL,
	text             TEXT NOT NULL,
	raw_text         TEXT,    -- NULL when the same as text, which is most of the time
	created_at       INTEGER,
	ingested_at      INTEGER NOT NULL, -- non-decreasing in id order
	likes            INTEGER NOT NULL,
	comments         INTEGER NOT NULL,
	shares           INTEGER NOT NULL,
	url              TEXT NOT NULL,
	parent_id        TEXT,
	ip_location      TEXT NOT NULL,
	source           TEXT NOT NULL,
	dup_of           INTEGER, -- an earlier mention's id; no REFERENCES: SQLite would scan for children on every upsert
	text_hash        INTEGER, -- hash of the normalized text; NULL when too short to call a repost
	sentiment        REAL NOT NULL,
	negative         INTEGER NOT NULL,
	category         TEXT NOT NULL,
	severity         INTEGER NOT NULL,
	terms            TEXT,    -- JSON array; NULL when none
	UNIQUE (external_id, platform)
);
INSERT INTO mention_v3 SELECT id, platform, external_id, author_name, author_id, author_followers, verified, text,
	raw_text, created_at, ingested_at, likes, comments, shares, url, parent_id, ip_location, source, dup_of,
	text_hash, sentiment, negative, category, severity, terms FROM mention ORDER BY id;
DROP TABLE mention;
ALTER TABLE mention_v3 RENAME TO mention;
CREATE INDEX mention_parent ON mention (platform, parent_id) WHERE parent_id IS NOT NULL;

ALTER TABLE mention_fts_state RENAME TO mention_index_state;

-- Each indexed mention's platform and filter fields, in platform then id
-- order: a platform's feed, newest first, is a walk down its own range.
CREATE TABLE mention_by_platform (
	platform TEXT NOT NULL,
	id       INTEGER NOT NULL, -- mention.id
	negative INTEGER NOT NULL,
	severity INTEGER NOT NULL,
	PRIMARY KEY (platform, id)
) WITHOUT ROWID;
INSERT INTO mention_by_platform (platform, id, negative, severity)
	SELECT platform, id, negative, severity FROM mention
	WHERE id <= (SELECT upto FROM mention_index_state WHERE id = 1) ORDER BY platform, id;
-- mention_severe was filled by the writer as it stored; now it is filled
-- with the other side tables, so rows above the mark leave it.
DELETE FROM mention_severe WHERE id > (SELECT upto FROM mention_index_state WHERE id = 1);
`

// Schema 4 indexes who wrote each mention, for finding an account's posts
// (the influencer view): mention_author holds each indexed mention's author
// id and name as text.AccountKey keys, full-text, so the random order of
// authors scatters no index pages as a B-tree would. A key is one token, so
// the index keeps no positions (detail = none). Like the other side
// tables it is filled behind the writer, up to the index mark; here, for
// the mentions already under it.
func authorIndex(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, `CREATE VIRTUAL TABLE mention_author USING fts5 (
		who, content = '', columnsize = 0, tokenize = 'ascii', detail = none)`); err != nil {
		return err
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, author_id, author_name FROM mention
		WHERE id <= (SELECT upto FROM mention_index_state WHERE id = 1) ORDER BY id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	ins, err := tx.PrepareContext(ctx, `INSERT INTO mention_author (rowid, who) VALUES (?, ?)`)
	if err != nil {
		return err
	}
	defer ins.Close()
	for rows.Next() {
		var id int64
		var authorID, name string
		if err := rows.Scan(&id, &authorID, &name); err != nil {
			return err
		}
		if _, err := ins.ExecContext(ctx, id, authorKeys(authorID, name)); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Schema 5 takes the thread index off the writer's path too: a reply cost
// the writer about 5 us more than a post (measured: the replies variant of
// BenchmarkWriteMentions). mention_by_parent lists each indexed reply
// under its platform and parent, filled in the index pass like the other
// side tables; a thread reads it up to the mark and scans the mentions
// above it.
const schemaV5 = `
CREATE TABLE mention_by_parent (
	platform  TEXT NOT NULL,
	parent_id TEXT NOT NULL,
	id        INTEGER NOT NULL, -- the reply's mention.id
	PRIMARY KEY (platform, parent_id, id)
) WITHOUT ROWID;
INSERT INTO mention_by_parent (platform, parent_id, id)
	SELECT platform, parent_id, id FROM mention
	WHERE parent_id IS NOT NULL AND id <= (SELECT upto FROM mention_index_state WHERE id = 1)
	ORDER BY platform, parent_id, id;
-- Dropped last: the copy above reads it, in key order.
DROP INDEX mention_parent;
`
