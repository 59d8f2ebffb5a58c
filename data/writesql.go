package data

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"
	"unicode/utf8"

	"warroom/model"
)

// stmts are the writer's statements, prepared once on its connection.
type stmts struct {
	mention, severe, reject, event, ackAlert, insAlert, putAlert *rstmt
	minute, hour, severity, stat                                 *rstmt
	task, clock, statement                                       *rstmt
	unindexed, ftsInsert, authorInsert, byPlatform, byParent     *rstmt
	indexUpto                                                    *rstmt
	events, last, upto, seed, dataVersion                        *rstmt
	all                                                          []*rstmt
}

const alertCols = `key, rule, platform, level, at, updated_at, window_from, window_to, count, baseline, value,
	threshold, category, terms, evidence, message, acked_at, acked_by`

// alertUpdate keeps when an alert was first raised and an acknowledgement
// already stored, unless the update brings its own.
const alertUpdate = `rule = excluded.rule, platform = excluded.platform, level = excluded.level,
	at = coalesce(alert.at, excluded.at), updated_at = excluded.updated_at, window_from = excluded.window_from,
	window_to = excluded.window_to, count = excluded.count, baseline = excluded.baseline, value = excluded.value,
	threshold = excluded.threshold, category = excluded.category, terms = excluded.terms,
	evidence = excluded.evidence, message = excluded.message,
	acked_by = CASE WHEN excluded.acked_at IS NOT NULL THEN excluded.acked_by ELSE alert.acked_by END,
	acked_at = coalesce(excluded.acked_at, alert.acked_at)`

func prepareStmts(c *rconn) (*stmts, error) {
	s := &stmts{}
	var errs []error
	prep := func(dst **rstmt, q string) {
		st, err := c.prepare(q)
		if err != nil {
			errs = append(errs, fmt.Errorf("prepare %.40q: %w", q, err))
			return
		}
		*dst = st
		s.all = append(s.all, st)
	}
	prep(&s.mention, `INSERT INTO mention (platform, external_id, author_name, author_id, author_followers,
		verified, text, raw_text, created_at, ingested_at, likes, comments, shares, url, parent_id, ip_location,
		source, dup_of, text_hash, sentiment, negative, category, severity, terms)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (external_id, platform) DO NOTHING`)
	prep(&s.severe, `INSERT INTO mention_severe (id, severity, platform, negative) VALUES (?, ?, ?, ?)`)
	prep(&s.reject, `INSERT INTO reject (source, line, offset, reason, raw, at) VALUES (?, ?, ?, ?, ?, ?)`)
	prep(&s.event, `INSERT INTO event (at, kind, actor, payload) VALUES (?, ?, ?, ?)`)
	prep(&s.ackAlert, `UPDATE alert SET acked_at = ?, acked_by = ? WHERE id = ? AND acked_at IS NULL`)
	prep(&s.insAlert, `INSERT INTO alert (`+alertCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET `+alertUpdate+` RETURNING id`)
	prep(&s.putAlert, `INSERT INTO alert (id, `+alertCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET key = excluded.key, `+alertUpdate+` RETURNING id`)
	prep(&s.minute, `INSERT INTO mention_minute (minute, platform, total, negative) VALUES (?, ?, ?, ?)
		ON CONFLICT (minute, platform) DO UPDATE SET total = total + excluded.total, negative = negative + excluded.negative`)
	prep(&s.hour, `INSERT INTO mention_hour (hour, platform, total, negative) VALUES (?, ?, ?, ?)
		ON CONFLICT (hour, platform) DO UPDATE SET total = total + excluded.total, negative = negative + excluded.negative`)
	prep(&s.severity, `INSERT INTO mention_severity (platform, negative, band, total) VALUES (?, ?, ?, ?)
		ON CONFLICT (platform, negative, band) DO UPDATE SET total = total + excluded.total`)
	prep(&s.stat, `UPDATE mention_stat SET total = total + ?, negative = negative + ? WHERE id = 1`)
	prep(&s.task, `INSERT OR REPLACE INTO task (id, pos, title, role, assignee, status, due, links, note,
		created_at, done_at, deleted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	prep(&s.clock, `INSERT OR REPLACE INTO clock (id, pos, name, anchor, duration_ns, due_soon_ns, met_by,
		anchor_at, met_at, met_what, met_actor, pauses) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	prep(&s.statement, `INSERT OR REPLACE INTO statement (id, pos, kind, platform, text, status, version, author,
		created_at, submitted_at, reviewed_at, reviewer, comment, approved_ver, published_at, published_on, publisher)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	prep(&s.unindexed, `SELECT id, text, platform, negative, severity, author_id, author_name, parent_id
		FROM mention WHERE id > ? ORDER BY id LIMIT ?`)
	prep(&s.ftsInsert, `INSERT INTO mention_fts (rowid, body) VALUES (?, ?)`)
	prep(&s.authorInsert, `INSERT INTO mention_author (rowid, who) VALUES (?, ?)`)
	prep(&s.byPlatform, `INSERT INTO mention_by_platform (platform, id, negative, severity) VALUES (?, ?, ?, ?)`)
	prep(&s.byParent, `INSERT INTO mention_by_parent (platform, parent_id, id) VALUES (?, ?, ?)`)
	prep(&s.indexUpto, `UPDATE mention_index_state SET upto = ? WHERE id = 1`)
	prep(&s.events, `SELECT seq, at, kind, actor, payload FROM event ORDER BY seq`)
	prep(&s.last, `SELECT id, ingested_at FROM mention ORDER BY id DESC LIMIT 1`)
	prep(&s.upto, `SELECT upto FROM mention_index_state WHERE id = 1`)
	prep(&s.seed, `SELECT text_hash, id FROM mention WHERE id > ? AND text_hash IS NOT NULL AND dup_of IS NULL ORDER BY id`)
	prep(&s.dataVersion, `PRAGMA data_version`)
	if len(errs) > 0 {
		s.close()
		return nil, errors.Join(errs...)
	}
	return s, nil
}

func (s *stmts) close() {
	for _, st := range s.all {
		st.close()
	}
}

type aggKey struct {
	unit     int64 // Unix minute or hour
	platform model.Platform
}

type sevKey struct {
	platform model.Platform
	negative bool
	band     int
}

// severityBand is the histogram bucket of a severity: tens, so a batch
// touches at most a couple of hundred histogram rows.
func severityBand(sev int) int { return min(max(sev, 0), 100) / 10 }

type counts struct{ total, negative int64 }

// aggregates collects one transaction's additions to the count tables, so
// each table gets one upsert per distinct key rather than one per mention.
type aggregates struct {
	minute, hour    map[aggKey]counts
	severity        map[sevKey]int64
	total, negative int64
}

func (a *aggregates) init() {
	a.minute = map[aggKey]counts{}
	a.hour = map[aggKey]counts{}
	a.severity = map[sevKey]int64{}
}

func (a *aggregates) reset() {
	clear(a.minute)
	clear(a.hour)
	clear(a.severity)
	a.total, a.negative = 0, 0
}

func (a *aggregates) add(m *model.Mention, ingested int64, created time.Time) {
	var neg int64
	if m.Negative {
		neg = 1
	}
	a.total++
	a.negative += neg
	k := aggKey{floorDiv(ingested, 60_000), m.Platform}
	c := a.minute[k]
	a.minute[k] = counts{c.total + 1, c.negative + neg}
	if !created.IsZero() {
		k := aggKey{floorDiv(created.UnixMilli(), 3_600_000), m.Platform}
		c := a.hour[k]
		a.hour[k] = counts{c.total + 1, c.negative + neg}
	}
	a.severity[sevKey{m.Platform, m.Negative, severityBand(m.Severity)}]++
}

func (a *aggregates) write(s *stmts) error {
	if a.total == 0 {
		return nil
	}
	for k, c := range a.minute {
		if _, err := s.minute.exec(k.unit, string(k.platform), c.total, c.negative); err != nil {
			return fmt.Errorf("minute counts: %w", err)
		}
	}
	for k, c := range a.hour {
		if _, err := s.hour.exec(k.unit, string(k.platform), c.total, c.negative); err != nil {
			return fmt.Errorf("hour counts: %w", err)
		}
	}
	for k, n := range a.severity {
		if _, err := s.severity.exec(string(k.platform), k.negative, int64(k.band), n); err != nil {
			return fmt.Errorf("severity counts: %w", err)
		}
	}
	if _, err := s.stat.exec(a.total, a.negative); err != nil {
		return fmt.Errorf("mention totals: %w", err)
	}
	return nil
}

// floorDiv divides rounding towards minus infinity, so times before 1970
// still land in the right minute.
func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && a < 0 {
		q--
	}
	return q
}

// writeProjections rewrites the task, clock and statement rows from the
// folded state. There are tens of them and events are human-paced, so
// rewriting all is simpler and safer than tracking what an event touched
// (a statement publication can meet clocks, any first event can start one).
func writeProjections(s *stmts, state *model.State) error {
	for i, t := range state.Tasks {
		if _, err := s.task.exec(t.ID, i, t.Title, string(t.Role), t.Assignee, string(t.Status),
			msOrNil(t.Due), jsonOrNil(t.Links), t.Note, msOrNil(t.CreatedAt), msOrNil(t.DoneAt), t.Deleted); err != nil {
			return fmt.Errorf("task %s: %w", t.ID, err)
		}
	}
	for i, c := range state.Clocks {
		var pauses any
		if len(c.Pauses) > 0 {
			ps := make([][2]any, len(c.Pauses))
			for j, p := range c.Pauses {
				ps[j] = [2]any{msOrNil(p.From), msOrNil(p.To)}
			}
			b, err := json.Marshal(ps)
			if err != nil {
				return fmt.Errorf("clock %s pauses: %w", c.ID, err)
			}
			pauses = string(b)
		}
		if _, err := s.clock.exec(c.ID, i, c.Name, c.Anchor, int64(c.Duration), int64(c.DueSoon), c.MetBy,
			msOrNil(c.AnchorAt), msOrNil(c.MetAt), c.MetWhat, c.MetActor, pauses); err != nil {
			return fmt.Errorf("clock %s: %w", c.ID, err)
		}
	}
	for i, x := range state.Statements {
		if _, err := s.statement.exec(x.ID, i, string(x.Kind), string(x.Platform), x.Text, string(x.Status),
			x.Version, x.Author, msOrNil(x.CreatedAt), msOrNil(x.SubmittedAt), msOrNil(x.ReviewedAt), x.Reviewer,
			x.Comment, x.ApprovedVer, msOrNil(x.PublishedAt), string(x.PublishedOn), x.Publisher); err != nil {
			return fmt.Errorf("statement %s: %w", x.ID, err)
		}
	}
	return nil
}

// minRepostRunes is the shortest normalized text linked as a repost: short
// texts ("支持", "哈哈哈") are the same by chance, not because one copies
// another.
const minRepostRunes = 10

// textHash hashes the normalized text (letters, digits and CJK, folded;
// spaces, punctuation and emoji dropped) with 64-bit FNV-1a. ok is false
// for texts too short to call a repost.
func textHash(s string) (h uint64, ok bool) {
	const offset, prime = 14695981039346656037, 1099511628211
	h = offset
	n := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if ('a' <= c && c <= 'z') || ('0' <= c && c <= '9') {
				h = (h ^ uint64(c)) * prime
				n++
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r < 0x4E00 || r > 0x9FFF {
			r = foldRune(r)
			if classify(r) == classSep {
				continue
			}
		}
		for r > 0 { // mix the rune's value, byte by byte
			h = (h ^ uint64(r&0xFF)) * prime
			r >>= 8
		}
		n++
	}
	return h, n >= minRepostRunes
}

// eventOf reads a driver row of seq, at, kind, actor, payload.
func eventOf(row []any) model.Event {
	e := model.Event{Seq: asInt64(row[0]), Kind: asString(row[2]), Actor: asString(row[3]),
		Payload: json.RawMessage(asString(row[4]))}
	if at, ok := row[1].(int64); ok {
		e.At = time.UnixMilli(at).UTC()
	}
	return e
}

// scanEvent reads a row of seq, at, kind, actor, payload.
func scanEvent(rows interface{ Scan(...any) error }) (model.Event, error) {
	var e model.Event
	var at sql.NullInt64
	var payload string
	if err := rows.Scan(&e.Seq, &at, &e.Kind, &e.Actor, &payload); err != nil {
		return e, err
	}
	e.At = timeOf(at)
	e.Payload = json.RawMessage(payload)
	return e, nil
}
