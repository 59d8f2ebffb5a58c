// Package data keeps an incident in one SQLite file, and is the only code
// that speaks SQL. The file is the incident: mentions, rejects, alerts and
// the event log are appended with timestamps, and a live console, a replay
// (OpenReadOnly) and a drill all read it through the same queries.
//
// # The file
//
// WAL mode, synchronous=NORMAL, foreign_keys on, a busy timeout, 16 KiB
// pages. PRAGMA application_id marks it as a warroom file and
// PRAGMA user_version is its schema version; Open applies the missing
// forward migrations, one transaction each, and refuses foreign files and
// files from a newer warroom without touching them. Times are Unix
// milliseconds (UTC) in INTEGER columns, NULL for a zero time.
//
//	incident        one row: name, brand, mode (live, drill, replay-source), created_at
//	meta            key/value: scenario, seed, plan text...
//	mention         every model.Mention field; raw_text NULL when equal to text;
//	                terms as JSON; UNIQUE (external_id, platform); text_hash for reposts
//	mention_fts     FTS5 (contentless, ascii tokenizer) over the segmented text, see below
//	mention_author  FTS5 (contentless) over the author id and name as account keys: an account's posts
//	mention_by_platform  platform, id, negative, severity: each platform's mentions in id order
//	mention_by_parent    platform, parent_id, id: each post's replies
//	mention_severe  id, severity, platform, negative of mentions with severity >= 60
//	mention_index_state  upto: every mention up to it is in the five above
//	mention_minute  counts per (minute of ingested_at, platform): all and negative
//	mention_hour    counts per (hour of created_at, platform)
//	mention_severity counts per (platform, negative, severity band of ten)
//	mention_stat    totals
//	event           seq, at, kind, actor, payload JSON: the append-only log
//	task, clock, statement  the log folded by model.State (derived, rewritten by the writer)
//	alert           every model.Alert field, evidence ids as JSON, UNIQUE key
//	reject          source, line, offset, reason, raw BLOB, at
//
// # Writing
//
// One Writer per store: a goroutine on its own connection that batches
// whatever is queued to it (4000 rows or 5 ms) into one transaction, and
// keeps the count tables and the state projections in step inside the same
// transaction, so a crash never leaves them out of step with the mentions.
// ingested_at never goes back in id order (a mention stamped earlier than
// the last one stored takes its time), which turns every time bound into a
// binary search on id: there is no index on it. Checkpoints run on a
// connection of their own.
//
// Readers go through database/sql. The writer's connection speaks SQLite's
// C API (modernc.org/sqlite/lib, the library that driver wraps) with its
// own small binding layer, rawconn.go: the driver's per-parameter
// conversions cost a third of the time of each mention insert.
//
// Storing a mention is the ingest bottleneck, so the writer's path keeps
// only the mention's unique key. The search and author indexes and the side
// tables that make platform, thread and severe views fast are filled behind
// the writer in large, sorted batches (see Search);
// a query reads them up to their mark and scans the mentions above it.
// That tail is empty when the writer is idle and at most IndexLag rows
// under load; only a bulk load with DeferIndex, or a session that crashed
// mid-burst, leaves a longer one, until a writer next catches up.
//
// # Search
//
// Chinese text is indexed as overlapping character pairs (吃出异物 →
// 吃出 出异 异物), Latin words whole and folded; a query becomes a phrase of
// the same tokens, so any run of two or more Chinese characters is found
// (a trigram index cannot find two-character words), and a lone character
// falls back to scanning the newest CharScanRows mentions. The writer
// indexes in large batches a little behind the mentions, when idle or when
// too far behind; mentions not yet indexed are matched in Go with the same
// meaning, so search never misses the newest rows, and Flush returns only
// once everything is indexed.
package data
