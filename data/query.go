package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"warroom/model"
)

// Limits of the queries.
const (
	// DefaultLimit is the page size when MentionFilter.Limit is 0.
	DefaultLimit = 200
	// MaxLimit caps MentionFilter.Limit.
	MaxLimit = 10_000
	// CountCap is where CountMentions stops counting when it has to count
	// rows (full-text queries; a severity filter together with Until): a
	// result of CountCap means "CountCap or more".
	CountCap = 10_000
	// CharScanRows is how many of the newest mentions a search for a single
	// Chinese character looks through. The index holds character pairs, so a
	// lone character is found by scanning, and the scan is bounded.
	CharScanRows = 50_000
	// ThreadLimit caps the replies Thread returns.
	ThreadLimit = 1000
	// maxBuckets caps the dense series of MinuteCounts and CreatedHourCounts.
	maxBuckets = 200_000
)

// MentionFilter selects mentions. The zero value is the newest DefaultLimit
// mentions of every platform.
type MentionFilter struct {
	Platform     model.Platform // empty for all
	NegativeOnly bool
	MinSeverity  int       // 0 for any
	Query        string    // full-text search; see Mentions
	Until        time.Time // only mentions ingested at or before; zero for no bound (replay sets it)
	BeforeID     int64     // keyset paging: only ids below; 0 for the newest
	Limit        int       // 0 for DefaultLimit; at most MaxLimit
	// Authors keeps only mentions by these accounts, each an author id or
	// a handle, matched loosely by text.AccountKey (letters and digits,
	// without case): callers narrow the answer with their own rule. An
	// account with no letter or digit matches nothing; an empty list is no
	// filter. Mentions takes it with every field but Query; CountMentions
	// refuses it.
	Authors []string
}

func (f MentionFilter) limit() int {
	switch {
	case f.Limit <= 0:
		return DefaultLimit
	case f.Limit > MaxLimit:
		return MaxLimit
	}
	return f.Limit
}

// querier is what both *sql.DB and *sql.Tx offer.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// readTx runs fn in a read transaction: one consistent snapshot for
// queries made of several statements.
func (s *Store) readTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.reader().db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	return fn(tx)
}

const mentionCols = `m.id, m.platform, m.external_id, m.author_name, m.author_id, m.author_followers, m.verified,
	m.text, m.raw_text, m.created_at, m.ingested_at, m.likes, m.comments, m.shares, m.url, m.parent_id,
	m.ip_location, m.source, m.dup_of, m.sentiment, m.negative, m.category, m.severity, m.terms`

func scanMention(rows interface{ Scan(...any) error }) (*model.Mention, error) {
	var (
		m                  model.Mention
		platform, category string
		raw, parent, terms sql.NullString
		created, dup       sql.NullInt64
		ingested           int64
	)
	err := rows.Scan(&m.ID, &platform, &m.ExternalID, &m.AuthorName, &m.AuthorID, &m.AuthorFollowers, &m.Verified,
		&m.Text, &raw, &created, &ingested, &m.Likes, &m.Comments, &m.Shares, &m.URL, &parent,
		&m.IPLocation, &m.Source, &dup, &m.Sentiment, &m.Negative, &category, &m.Severity, &terms)
	if err != nil {
		return nil, err
	}
	m.Platform, m.Category = model.Platform(platform), model.Category(category)
	m.RawText = m.Text
	if raw.Valid {
		m.RawText = raw.String
	}
	m.CreatedAt = timeOf(created)
	m.IngestedAt = time.UnixMilli(ingested).UTC()
	m.ParentID = parent.String
	m.DupOf = dup.Int64
	if terms.Valid {
		if m.Terms, err = decodeStrings(terms.String); err != nil {
			return nil, fmt.Errorf("mention %d terms: %w", m.ID, err)
		}
	}
	return &m, nil
}

// decodeStrings reads a JSON array of strings. Feed pages read hundreds of
// them, so the common form (no escapes) skips encoding/json.
func decodeStrings(s string) ([]string, error) {
	if len(s) >= 2 && s[0] == '[' && s[len(s)-1] == ']' && !strings.ContainsAny(s, `\`) {
		var out []string
		rest := s[1 : len(s)-1]
		for rest != "" {
			if len(rest) < 2 || rest[0] != '"' {
				goto slow
			}
			end := strings.IndexByte(rest[1:], '"')
			if end < 0 {
				goto slow
			}
			out = append(out, rest[1:1+end])
			rest = rest[2+end:]
			if rest != "" {
				if rest[0] != ',' {
					goto slow
				}
				rest = rest[1:]
			}
		}
		return out, nil
	}
slow:
	var out []string
	err := json.Unmarshal([]byte(s), &out)
	return out, err
}

// collectMentions reads every row; keep, if set, filters in Go and stops
// the read when it returns false for more.
func collectMentions(rows *sql.Rows, limit int, keep func(*model.Mention) bool) ([]*model.Mention, error) {
	defer rows.Close()
	var out []*model.Mention
	for rows.Next() {
		m, err := scanMention(rows)
		if err != nil {
			return nil, err
		}
		if keep != nil && !keep(m) {
			continue
		}
		out = append(out, m)
		if limit > 0 && len(out) >= limit {
			break
		}
	}
	return out, rows.Err()
}

// idAfter returns the smallest mention id ingested strictly after t, or
// one past the last id when there is none. Since the writer keeps
// ingested_at non-decreasing in id order, this is a binary search on the
// rowid: about twenty point reads, no index needed. tx may be nil.
func (s *Store) idAfter(ctx context.Context, tx *sql.Tx, t time.Time) (int64, error) {
	rp := s.reader()
	var q querier = rp.db
	probe := rp.probe
	if tx != nil {
		// The transaction may be on a pool the store has since left (see
		// reader): prepare the probe on the transaction itself.
		st, err := tx.PrepareContext(ctx, probeQuery)
		if err != nil {
			return 0, err
		}
		defer st.Close()
		q, probe = tx, st
	}
	var lo, hi sql.NullInt64
	// Two subqueries: min and max together in one would scan an index.
	if err := q.QueryRowContext(ctx, `SELECT (SELECT min(id) FROM mention), (SELECT max(id) FROM mention)`).Scan(&lo, &hi); err != nil {
		return 0, err
	}
	if !lo.Valid {
		return 1, nil
	}
	ms := t.UnixMilli()
	// after(x) reports whether the first row with id >= x was ingested
	// after t (or does not exist); it only turns from false to true.
	after := func(x int64) (bool, int64, error) {
		var id, ing int64
		err := probe.QueryRowContext(ctx, x).Scan(&id, &ing)
		if errors.Is(err, sql.ErrNoRows) {
			return true, hi.Int64 + 1, nil
		}
		if err != nil {
			return false, 0, err
		}
		return ing > ms, id, nil
	}
	l, h := lo.Int64, hi.Int64+1
	for l < h {
		mid := l + (h-l)/2
		ok, _, err := after(mid)
		if err != nil {
			return 0, err
		}
		if ok {
			h = mid
		} else {
			l = mid + 1
		}
	}
	_, id, err := after(l)
	return id, err
}

// upperID is the exclusive id bound of a filter: BeforeID and Until.
func (s *Store) upperID(ctx context.Context, tx *sql.Tx, f MentionFilter) (int64, error) {
	hi := int64(1<<63 - 1)
	if f.BeforeID > 0 {
		hi = f.BeforeID
	}
	if !f.Until.IsZero() {
		id, err := s.idAfter(ctx, tx, f.Until)
		if err != nil {
			return 0, fmt.Errorf("until %s: %w", f.Until.Format(time.RFC3339), err)
		}
		hi = min(hi, id)
	}
	return hi, nil
}

// plan is the FROM and WHERE of a mention query without full-text search.
type plan struct {
	from  string
	where []string
	args  []any
}

func (p *plan) and(cond string, args ...any) {
	p.where = append(p.where, cond)
	p.args = append(p.args, args...)
}

func (p *plan) sql(sel, tail string) string {
	q := "SELECT " + sel + " FROM " + p.from
	if len(p.where) > 0 {
		q += " WHERE " + strings.Join(p.where, " AND ")
	}
	return q + " " + tail
}

// SevereMin is the severity from which indexed mentions are also kept in
// the narrow severe list, so filters at or above it stay fast however few
// mentions match.
const SevereMin = 60

// filterPlan chooses how to read a filtered feed newest first, below id
// hi, where the side tables hold every mention up to upto. Every path walks
// a table or a side table in id order, so LIMIT stops early and nothing is
// sorted but the page itself: severe filters walk the narrow severe list,
// platform filters their platform's list, others the mentions; the few
// mentions above upto, not in the lists yet, are read from the mentions.
func filterPlan(f MentionFilter, hi, upto int64, limit int) plan {
	p := plan{from: "mention AS m"}
	top := min(upto, hi-1) // the side tables' part: ids up to top
	var side string
	var sideArgs []any
	switch {
	case f.MinSeverity >= SevereMin:
		side = "SELECT id FROM mention_severe WHERE id <= ? AND severity >= ?"
		sideArgs = []any{top, f.MinSeverity}
		if f.Platform != "" {
			side += " AND platform = ?"
			sideArgs = append(sideArgs, string(f.Platform))
		}
		if f.NegativeOnly {
			side += " AND negative = 1"
		}
	case f.Platform != "":
		side = "SELECT id FROM mention_by_platform WHERE platform = ? AND id <= ?"
		sideArgs = []any{string(f.Platform), top}
		if f.NegativeOnly {
			side += " AND negative = 1"
		}
		if f.MinSeverity > 0 {
			side += " AND severity >= ?"
			sideArgs = append(sideArgs, f.MinSeverity)
		}
	default:
		p.from += " NOT INDEXED" // the table itself, by id
		p.and("m.id < ?", hi)
		if f.NegativeOnly {
			p.and("m.negative = 1")
		}
		if f.MinSeverity > 0 {
			p.and("m.severity >= ?", f.MinSeverity)
		}
		return p
	}
	tail := "SELECT id FROM mention WHERE id > ? AND id < ?"
	args := []any{upto, hi}
	if f.Platform != "" {
		tail += " AND platform = ?"
		args = append(args, string(f.Platform))
	}
	if f.NegativeOnly {
		tail += " AND negative = 1"
	}
	if f.MinSeverity > 0 {
		tail += " AND severity >= ?"
		args = append(args, f.MinSeverity)
	}
	args = append(append(args, sideArgs...), limit)
	p.and("m.id IN ("+tail+" UNION ALL "+side+" ORDER BY id DESC LIMIT ?)", args...)
	return p
}

// indexedUpto reads the side tables' mark: every mention with id <= upto
// is in the search index and the side tables.
func indexedUpto(ctx context.Context, tx *sql.Tx) (int64, error) {
	var upto int64
	err := tx.QueryRowContext(ctx, `SELECT upto FROM mention_index_state WHERE id = 1`).Scan(&upto)
	return upto, err
}

// severityCount counts, from the severity histogram, the mentions a
// filter's platform and negativity match in the bands at or above its
// severity (ignoring time and paging): exact when MinSeverity is a multiple
// of ten, otherwise an over-estimate by at most one band.
func severityCount(ctx context.Context, q querier, f MentionFilter) (int64, error) {
	query := `SELECT coalesce(sum(total), 0) FROM mention_severity WHERE band >= ?`
	args := []any{severityBand(f.MinSeverity)}
	if f.Platform != "" {
		query += " AND platform = ?"
		args = append(args, string(f.Platform))
	}
	if f.NegativeOnly {
		query += " AND negative = 1"
	}
	var n int64
	err := q.QueryRowContext(ctx, query, args...).Scan(&n)
	return n, err
}

// Mentions returns mentions matching f, newest first (by id, which follows
// ingest order).
//
// Query is full-text: each space-separated term must match. Chinese matches
// as any run of two or more characters (吃出异物, 异物), Latin words match
// whole (the last word of a term also by prefix, from three letters), case-
// and width-insensitively. A term of a single Chinese character is matched
// as a substring over the newest CharScanRows mentions only.
func (s *Store) Mentions(ctx context.Context, f MentionFilter) ([]*model.Mention, error) {
	var out []*model.Mention
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		hi, err := s.upperID(ctx, tx, f)
		if err != nil {
			return err
		}
		terms := parseQuery(f.Query)
		switch {
		case len(f.Authors) > 0 && len(terms) > 0:
			return errors.New("a search cannot be limited to authors")
		case len(f.Authors) > 0:
			out, err = byAuthors(ctx, tx, f, hi, f.limit())
			return err
		case len(terms) > 0:
			out, err = search(ctx, tx, f, terms, hi, f.limit())
			return err
		}
		upto, err := indexedUpto(ctx, tx)
		if err != nil {
			return err
		}
		p := filterPlan(f, hi, upto, f.limit())
		rows, err := tx.QueryContext(ctx, p.sql(mentionCols, "ORDER BY m.id DESC LIMIT ?"), append(p.args, f.limit())...)
		if err != nil {
			return err
		}
		out, err = collectMentions(rows, 0, nil)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("mentions: %w", err)
	}
	return out, nil
}

// searchFilters adds a filter's platform, negativity and severity to a
// search, as plain conditions: the search itself drives the query.
func searchFilters(p *plan, f MentionFilter) {
	if f.Platform != "" {
		p.and("m.platform = ?", string(f.Platform))
	}
	if f.NegativeOnly {
		p.and("m.negative = 1")
	}
	if f.MinSeverity > 0 {
		p.and("m.severity >= ?", f.MinSeverity)
	}
}

// search runs a full-text query: mentions the index has not reached yet
// (the newest) are matched in Go, the rest through FTS5.
func search(ctx context.Context, tx *sql.Tx, f MentionFilter, terms []queryTerm, hi int64, limit int) ([]*model.Mention, error) {
	var chars []string
	for _, t := range terms {
		if t.char != "" {
			chars = append(chars, t.char)
		}
	}
	match := ftsQuery(terms)
	if match == "" {
		// Lone characters only: a bounded scan of the newest mentions.
		var last int64
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM mention`).Scan(&last); err != nil {
			return nil, err
		}
		top := min(hi, last+1)
		p := plan{from: "mention AS m"}
		p.and("m.id >= ? AND m.id < ?", top-CharScanRows, top)
		for _, c := range chars {
			p.and("instr(m.text, ?) > 0", c)
		}
		searchFilters(&p, f)
		rows, err := tx.QueryContext(ctx, p.sql(mentionCols, "ORDER BY m.id DESC LIMIT ?"), append(p.args, limit)...)
		if err != nil {
			return nil, err
		}
		return collectMentions(rows, 0, nil)
	}
	upto, err := indexedUpto(ctx, tx)
	if err != nil {
		return nil, err
	}
	mt := newMatcher(terms)
	out, err := scanTail(ctx, tx, f, upto, hi, limit, func(m *model.Mention) bool { return mt.match(m.Text) })
	if err != nil {
		return nil, err
	}
	hi = min(hi, upto+1)
	if len(out) >= limit {
		return out, nil
	}
	p := ftsPlan(f, match, chars, hi)
	rows, err := tx.QueryContext(ctx, p.sql(mentionCols, "ORDER BY mention_fts.rowid DESC LIMIT ?"), append(p.args, limit-len(out))...)
	if err != nil {
		return nil, err
	}
	more, err := collectMentions(rows, 0, nil)
	if err != nil {
		return nil, err
	}
	return append(out, more...), nil
}

// scanTail reads the mentions between the index mark upto and hi, newest
// first, that f's filters and keep accept, up to limit: the part of an
// indexed lookup the index has not reached yet.
func scanTail(ctx context.Context, tx *sql.Tx, f MentionFilter, upto, hi int64, limit int,
	keep func(*model.Mention) bool) ([]*model.Mention, error) {
	if hi <= upto+1 {
		return nil, nil
	}
	p := plan{from: "mention AS m"}
	p.and("m.id > ? AND m.id < ?", upto, hi)
	searchFilters(&p, f)
	rows, err := tx.QueryContext(ctx, p.sql(mentionCols, "ORDER BY m.id DESC"), p.args...)
	if err != nil {
		return nil, err
	}
	return collectMentions(rows, limit, keep)
}

// searchCount counts a search's matches below hi, up to limit, reading
// only what it must: text for the unindexed tail, nothing but the index
// when there are no other filters.
func searchCount(ctx context.Context, tx *sql.Tx, f MentionFilter, terms []queryTerm, hi int64, limit int) (int64, error) {
	var chars []string
	for _, t := range terms {
		if t.char != "" {
			chars = append(chars, t.char)
		}
	}
	count := func(p plan) (int64, error) {
		var n int64
		err := tx.QueryRowContext(ctx, `SELECT count(*) FROM (`+p.sql("1", "LIMIT ?")+`)`, append(p.args, limit)...).Scan(&n)
		return n, err
	}
	match := ftsQuery(terms)
	if match == "" {
		var last int64
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM mention`).Scan(&last); err != nil {
			return 0, err
		}
		top := min(hi, last+1)
		p := plan{from: "mention AS m"}
		p.and("m.id >= ? AND m.id < ?", top-CharScanRows, top)
		for _, c := range chars {
			p.and("instr(m.text, ?) > 0", c)
		}
		searchFilters(&p, f)
		return count(p)
	}
	upto, err := indexedUpto(ctx, tx)
	if err != nil {
		return 0, err
	}
	var n int64
	if hi > upto+1 {
		p := plan{from: "mention AS m"}
		p.and("m.id > ? AND m.id < ?", upto, hi)
		searchFilters(&p, f)
		rows, err := tx.QueryContext(ctx, p.sql("m.text", ""), p.args...)
		if err != nil {
			return 0, err
		}
		mt := newMatcher(terms)
		for rows.Next() && n < int64(limit) {
			var text string
			if err := rows.Scan(&text); err != nil {
				rows.Close()
				return 0, err
			}
			if mt.match(text) {
				n++
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return 0, err
		}
		hi = upto + 1
	}
	if n >= int64(limit) {
		return n, nil
	}
	p := ftsPlan(f, match, chars, hi)
	if len(chars) == 0 && f.Platform == "" && !f.NegativeOnly && f.MinSeverity == 0 {
		p = plan{from: "mention_fts"}
		p.and("mention_fts MATCH ?", match)
		p.and("mention_fts.rowid < ?", hi)
	}
	limit -= int(n)
	m, err := count(p)
	return n + m, err
}

// ftsPlan is the FTS5 part of a search, for rows below hi.
func ftsPlan(f MentionFilter, match string, chars []string, hi int64) plan {
	// CROSS JOIN keeps FTS5 as the outer loop: it yields rowids newest
	// first and the LIMIT stops it early.
	p := plan{from: "mention_fts CROSS JOIN mention AS m ON m.id = mention_fts.rowid"}
	p.and("mention_fts MATCH ?", match)
	p.and("mention_fts.rowid < ?", hi)
	for _, c := range chars {
		p.and("instr(m.text, ?) > 0", c)
	}
	searchFilters(&p, f)
	return p
}

// CountMentions counts the mentions f matches, ignoring BeforeID and Limit,
// for the feed's title. It reads the count tables, not mentions, and is
// exact, except when it must count rows: with a Query, or a MinSeverity that
// is not a multiple of ten, or MinSeverity and Until together; it then
// stops at CountCap.
func (s *Store) CountMentions(ctx context.Context, f MentionFilter) (int, error) {
	if len(f.Authors) > 0 {
		return 0, errors.New("count mentions: counting by author is not supported")
	}
	f.BeforeID = 0
	var n int64
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		var err error
		terms := parseQuery(f.Query)
		switch {
		case len(terms) > 0:
			hi, err := s.upperID(ctx, tx, f)
			if err != nil {
				return err
			}
			n, err = searchCount(ctx, tx, f, terms, hi, CountCap)
			return err
		case f.Until.IsZero() && f.MinSeverity%10 == 0:
			n, err = severityCount(ctx, tx, f)
			return err
		case f.MinSeverity > 0:
			hi, err := s.upperID(ctx, tx, f)
			if err != nil {
				return err
			}
			upto, err := indexedUpto(ctx, tx)
			if err != nil {
				return err
			}
			p := filterPlan(f, hi, upto, CountCap)
			return tx.QueryRowContext(ctx, `SELECT count(*) FROM (`+p.sql("1", "LIMIT ?")+`)`,
				append(p.args, CountCap)...).Scan(&n)
		default:
			n, err = s.countUntil(ctx, tx, f)
			return err
		}
	})
	if err != nil {
		return 0, fmt.Errorf("count mentions: %w", err)
	}
	return int(n), nil
}

// countUntil counts mentions up to f.Until exactly: whole minutes from the
// minute table, and the rows of the last, partial minute.
func (s *Store) countUntil(ctx context.Context, tx *sql.Tx, f MentionFilter) (int64, error) {
	col := "total"
	if f.NegativeOnly {
		col = "negative"
	}
	minute := floorDiv(f.Until.UnixMilli(), 60_000)
	q := `SELECT coalesce(sum(` + col + `), 0) FROM mention_minute WHERE minute < ?`
	args := []any{minute}
	if f.Platform != "" {
		q += " AND platform = ?"
		args = append(args, string(f.Platform))
	}
	var whole int64
	if err := tx.QueryRowContext(ctx, q, args...).Scan(&whole); err != nil {
		return 0, err
	}
	lo, err := s.idAfter(ctx, tx, time.UnixMilli(minute*60_000-1))
	if err != nil {
		return 0, err
	}
	hi, err := s.idAfter(ctx, tx, f.Until)
	if err != nil {
		return 0, err
	}
	p := plan{from: "mention AS m NOT INDEXED"}
	p.and("m.id >= ? AND m.id < ?", lo, hi)
	if f.Platform != "" {
		p.and("m.platform = ?", string(f.Platform))
	}
	if f.NegativeOnly {
		p.and("m.negative = 1")
	}
	var part int64
	if err := tx.QueryRowContext(ctx, p.sql("count(*)", ""), p.args...).Scan(&part); err != nil {
		return 0, err
	}
	return whole + part, nil
}

// MentionStats returns how many mentions the file holds, and how many of
// them are negative.
func (s *Store) MentionStats(ctx context.Context) (total, negative int, err error) {
	err = s.reader().db.QueryRowContext(ctx, `SELECT total, negative FROM mention_stat WHERE id = 1`).Scan(&total, &negative)
	if err != nil {
		return 0, 0, fmt.Errorf("mention stats: %w", err)
	}
	return total, negative, nil
}

// Mention returns one mention, or ErrNotFound.
func (s *Store) Mention(ctx context.Context, id int64) (*model.Mention, error) {
	m, err := scanMention(s.reader().db.QueryRowContext(ctx, `SELECT `+mentionCols+` FROM mention AS m WHERE m.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("mention %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("mention %d: %w", id, err)
	}
	return m, nil
}

// MentionsByID returns the mentions with the given ids, in the order
// given; ids that do not exist are left out.
func (s *Store) MentionsByID(ctx context.Context, ids []int64) ([]*model.Mention, error) {
	byID := make(map[int64]*model.Mention, len(ids))
	const chunk = 500
	for start := 0; start < len(ids); start += chunk {
		part := ids[start:min(start+chunk, len(ids))]
		args := make([]any, len(part))
		for i, id := range part {
			args[i] = id
		}
		q := `SELECT ` + mentionCols + ` FROM mention AS m WHERE m.id IN (?` + strings.Repeat(", ?", len(part)-1) + `)`
		rows, err := s.reader().db.QueryContext(ctx, q, args...)
		if err != nil {
			return nil, fmt.Errorf("mentions by id: %w", err)
		}
		ms, err := collectMentions(rows, 0, nil)
		if err != nil {
			return nil, fmt.Errorf("mentions by id: %w", err)
		}
		for _, m := range ms {
			byID[m.ID] = m
		}
	}
	out := make([]*model.Mention, 0, len(byID))
	for _, id := range ids {
		if m, ok := byID[id]; ok {
			out = append(out, m)
		}
	}
	return out, nil
}

// threadQuery reads a post's replies, oldest first: from the thread list
// up to the index mark, and from the mentions above it (args: platform,
// parent, mark, mark, platform, parent, limit).
const threadQuery = `SELECT ` + mentionCols + ` FROM mention AS m WHERE m.id IN (
	SELECT id FROM mention_by_parent WHERE platform = ? AND parent_id = ? AND id <= ?
	UNION ALL
	SELECT id FROM mention WHERE id > ? AND platform = ? AND parent_id = ?
	ORDER BY id LIMIT ?) ORDER BY m.id`

// Thread returns the post m comments on or reposts (nil if it is not
// stored, or m has no parent) and the mentions that reply to m on the same
// platform, oldest first, at most ThreadLimit.
func (s *Store) Thread(ctx context.Context, m *model.Mention) (parent *model.Mention, replies []*model.Mention, err error) {
	if m.ParentID != "" {
		parent, err = scanMention(s.reader().db.QueryRowContext(ctx, `SELECT `+mentionCols+` FROM mention AS m
			WHERE m.platform = ? AND m.external_id = ?`, string(m.Platform), m.ParentID))
		if errors.Is(err, sql.ErrNoRows) {
			parent, err = nil, nil
		}
		if err != nil {
			return nil, nil, fmt.Errorf("thread of %d: parent: %w", m.ID, err)
		}
	}
	// The thread list up to the index mark, then the mentions above it.
	err = s.readTx(ctx, func(tx *sql.Tx) error {
		upto, err := indexedUpto(ctx, tx)
		if err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, threadQuery,
			string(m.Platform), m.ExternalID, upto, upto, string(m.Platform), m.ExternalID, ThreadLimit)
		if err != nil {
			return err
		}
		replies, err = collectMentions(rows, 0, nil)
		return err
	})
	if err != nil {
		return nil, nil, fmt.Errorf("thread of %d: replies: %w", m.ID, err)
	}
	return parent, replies, nil
}

// EachMention calls fn for every mention ingested in [from, to) (a zero
// bound is open), in id order, reading a page at a time so an export never
// holds the whole file in memory nor a read snapshot open while fn works.
// It stops at fn's first error and returns it.
func (s *Store) EachMention(ctx context.Context, from, to time.Time, fn func(*model.Mention) error) error {
	lo, hi := int64(0), int64(1<<63-1)
	var err error
	if !from.IsZero() {
		if lo, err = s.idAfter(ctx, nil, from.Add(-time.Millisecond)); err != nil {
			return fmt.Errorf("each mention: %w", err)
		}
	}
	if !to.IsZero() {
		if hi, err = s.idAfter(ctx, nil, to.Add(-time.Millisecond)); err != nil {
			return fmt.Errorf("each mention: %w", err)
		}
	}
	const page = 1000
	for lo < hi {
		rows, err := s.reader().db.QueryContext(ctx, `SELECT `+mentionCols+` FROM mention AS m
			WHERE m.id >= ? AND m.id < ? ORDER BY m.id LIMIT ?`, lo, hi, page)
		if err != nil {
			return fmt.Errorf("each mention: %w", err)
		}
		ms, err := collectMentions(rows, 0, nil)
		if err != nil {
			return fmt.Errorf("each mention: %w", err)
		}
		for _, m := range ms {
			if err := fn(m); err != nil {
				return err
			}
		}
		if len(ms) < page {
			return nil
		}
		lo = ms[len(ms)-1].ID + 1
	}
	return nil
}

// MinuteCount is the number of mentions ingested in one minute.
type MinuteCount struct {
	Minute        time.Time // start of the minute, UTC
	All, Negative int
}

// HourCount is the number of mentions posted (created) in one hour.
type HourCount struct {
	Hour          time.Time // start of the hour, UTC
	All, Negative int
}

// MinuteCounts returns per-minute mention counts by ingest time, from the
// minute table, for every minute from the one holding from up to (not
// including) to, zeros included. A zero bound means the first or last
// minute with mentions. platform "" counts all platforms.
func (s *Store) MinuteCounts(ctx context.Context, from, to time.Time, platform model.Platform) ([]MinuteCount, error) {
	var out []MinuteCount
	err := buckets(ctx, s.reader().db, "mention_minute", "minute", 60_000, from, to, platform,
		func(t time.Time, all, neg int) { out = append(out, MinuteCount{t, all, neg}) })
	if err != nil {
		return nil, fmt.Errorf("minute counts: %w", err)
	}
	return out, nil
}

// CreatedHourCounts returns per-hour mention counts by the time mentions
// were posted, for reports, on the same terms as MinuteCounts.
func (s *Store) CreatedHourCounts(ctx context.Context, from, to time.Time) ([]HourCount, error) {
	var out []HourCount
	err := buckets(ctx, s.reader().db, "mention_hour", "hour", 3_600_000, from, to, "",
		func(t time.Time, all, neg int) { out = append(out, HourCount{t, all, neg}) })
	if err != nil {
		return nil, fmt.Errorf("hour counts: %w", err)
	}
	return out, nil
}

// buckets reads a count table into a dense series.
func buckets(ctx context.Context, q querier, table, col string, width int64, from, to time.Time,
	platform model.Platform, emit func(time.Time, int, int)) error {
	var first, last sql.NullInt64
	if err := q.QueryRowContext(ctx, `SELECT (SELECT min(`+col+`) FROM `+table+`), (SELECT max(`+col+`) FROM `+table+`)`).Scan(&first, &last); err != nil {
		return err
	}
	lo, hi := first.Int64, last.Int64+1
	if !from.IsZero() {
		lo = floorDiv(from.UnixMilli(), width)
	}
	if !to.IsZero() {
		hi = -floorDiv(-to.UnixMilli(), width) // ceiling
	}
	if (from.IsZero() || to.IsZero()) && !first.Valid {
		return nil
	}
	if hi <= lo {
		return nil
	}
	if hi-lo > maxBuckets {
		return fmt.Errorf("%d buckets asked for; narrow the range (at most %d)", hi-lo, maxBuckets)
	}
	query := `SELECT ` + col + `, sum(total), sum(negative) FROM ` + table + ` WHERE ` + col + ` >= ? AND ` + col + ` < ?`
	args := []any{lo, hi}
	if platform != "" {
		query += " AND platform = ?"
		args = append(args, string(platform))
	}
	rows, err := q.QueryContext(ctx, query+` GROUP BY `+col+` ORDER BY `+col, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	next := lo
	for rows.Next() {
		var u int64
		var all, neg int
		if err := rows.Scan(&u, &all, &neg); err != nil {
			return err
		}
		for ; next < u; next++ {
			emit(time.UnixMilli(next*width).UTC(), 0, 0)
		}
		emit(time.UnixMilli(u*width).UTC(), all, neg)
		next = u + 1
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for ; next < hi; next++ {
		emit(time.UnixMilli(next*width).UTC(), 0, 0)
	}
	return nil
}

// TimeRange returns the first and last moment the file records, over
// mentions' ingest times and events: a replay's timeline. Both are zero for
// an empty file.
func (s *Store) TimeRange(ctx context.Context) (first, last time.Time, err error) {
	var mf, ml, ef, el sql.NullInt64
	err = s.reader().db.QueryRowContext(ctx, `SELECT
		(SELECT ingested_at FROM mention ORDER BY id LIMIT 1),
		(SELECT ingested_at FROM mention ORDER BY id DESC LIMIT 1),
		(SELECT min(at) FROM event), (SELECT max(at) FROM event)`).Scan(&mf, &ml, &ef, &el)
	if err != nil {
		return time.Time{}, time.Time{}, fmt.Errorf("time range: %w", err)
	}
	lo, hi := mf, ml
	if ef.Valid && (!lo.Valid || ef.Int64 < lo.Int64) {
		lo = ef
	}
	if el.Valid && (!hi.Valid || el.Int64 > hi.Int64) {
		hi = el
	}
	return timeOf(lo), timeOf(hi), nil
}

const eventCols = `seq, at, kind, actor, payload`

// Events returns the events with from <= At < to (a zero bound is open),
// in log order.
func (s *Store) Events(ctx context.Context, from, to time.Time) ([]model.Event, error) {
	q := `SELECT ` + eventCols + ` FROM event WHERE 1`
	var args []any
	if !from.IsZero() {
		q += " AND at >= ?"
		args = append(args, from.UnixMilli())
	}
	if !to.IsZero() {
		q += " AND at < ?"
		args = append(args, to.UnixMilli())
	}
	return s.events(ctx, q+" ORDER BY seq", args...)
}

// EventsUpTo returns the events at or before t (zero: all), in log order:
// what replay folds into the state at t.
func (s *Store) EventsUpTo(ctx context.Context, t time.Time) ([]model.Event, error) {
	if t.IsZero() {
		return s.events(ctx, `SELECT `+eventCols+` FROM event ORDER BY seq`)
	}
	return s.events(ctx, `SELECT `+eventCols+` FROM event WHERE at <= ? ORDER BY seq`, t.UnixMilli())
}

func (s *Store) events(ctx context.Context, q string, args ...any) ([]model.Event, error) {
	rows, err := s.reader().db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("events: %w", err)
	}
	defer rows.Close()
	var out []model.Event
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			return nil, fmt.Errorf("events: %w", err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("events: %w", err)
	}
	return out, nil
}

const alertSelect = `SELECT id, ` + alertCols + ` FROM alert`

func scanAlert(rows interface{ Scan(...any) error }) (*model.Alert, error) {
	var (
		a                              model.Alert
		key, terms, evidence           sql.NullString
		platform, level, category      string
		at, updated, wfrom, wto, acked sql.NullInt64
	)
	err := rows.Scan(&a.ID, &key, &a.Rule, &platform, &level, &at, &updated, &wfrom, &wto, &a.Count, &a.Baseline,
		&a.Value, &a.Threshold, &category, &terms, &evidence, &a.Message, &acked, &a.AckedBy)
	if err != nil {
		return nil, err
	}
	a.Key, a.Platform, a.Category = key.String, model.Platform(platform), model.Category(category)
	if a.Level, err = model.ParseLevel(level); err != nil {
		return nil, fmt.Errorf("alert %d: %w", a.ID, err)
	}
	a.At, a.UpdatedAt, a.WindowFrom, a.WindowTo, a.AckedAt = timeOf(at), timeOf(updated), timeOf(wfrom), timeOf(wto), timeOf(acked)
	if terms.Valid {
		if err := json.Unmarshal([]byte(terms.String), &a.Terms); err != nil {
			return nil, fmt.Errorf("alert %d terms: %w", a.ID, err)
		}
	}
	if evidence.Valid {
		if err := json.Unmarshal([]byte(evidence.String), &a.Evidence); err != nil {
			return nil, fmt.Errorf("alert %d evidence: %w", a.ID, err)
		}
	}
	return &a, nil
}

// Alerts returns the alerts first raised at or before until (zero: all),
// in the order they were raised, each as last stored.
func (s *Store) Alerts(ctx context.Context, until time.Time) ([]*model.Alert, error) {
	q, args := alertSelect+` ORDER BY id`, []any(nil)
	if !until.IsZero() {
		q, args = alertSelect+` WHERE at <= ? ORDER BY id`, []any{until.UnixMilli()}
	}
	rows, err := s.reader().db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("alerts: %w", err)
	}
	defer rows.Close()
	var out []*model.Alert
	for rows.Next() {
		a, err := scanAlert(rows)
		if err != nil {
			return nil, fmt.Errorf("alerts: %w", err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("alerts: %w", err)
	}
	return out, nil
}

// Alert returns one alert, or ErrNotFound.
func (s *Store) Alert(ctx context.Context, id int64) (*model.Alert, error) {
	a, err := scanAlert(s.reader().db.QueryRowContext(ctx, alertSelect+` WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("alert %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("alert %d: %w", id, err)
	}
	return a, nil
}

// Tasks returns the board's tasks as of the last event, deleted ones
// included (marked), in creation order.
func (s *Store) Tasks(ctx context.Context) ([]*model.Task, error) {
	rows, err := s.reader().db.QueryContext(ctx, `SELECT id, title, role, assignee, status, due, links, note, created_at,
		done_at, deleted FROM task ORDER BY pos`)
	if err != nil {
		return nil, fmt.Errorf("tasks: %w", err)
	}
	defer rows.Close()
	var out []*model.Task
	for rows.Next() {
		var (
			t                    model.Task
			role, status         string
			links                sql.NullString
			due, created, doneAt sql.NullInt64
		)
		if err := rows.Scan(&t.ID, &t.Title, &role, &t.Assignee, &status, &due, &links, &t.Note, &created, &doneAt, &t.Deleted); err != nil {
			return nil, fmt.Errorf("tasks: %w", err)
		}
		t.Role, t.Status = model.Role(role), model.TaskStatus(status)
		t.Due, t.CreatedAt, t.DoneAt = timeOf(due), timeOf(created), timeOf(doneAt)
		if links.Valid {
			if err := json.Unmarshal([]byte(links.String), &t.Links); err != nil {
				return nil, fmt.Errorf("task %s links: %w", t.ID, err)
			}
		}
		out = append(out, &t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("tasks: %w", err)
	}
	return out, nil
}

// Clocks returns the response clocks as of the last event, in the order
// they were added.
func (s *Store) Clocks(ctx context.Context) ([]*model.ResponseClock, error) {
	rows, err := s.reader().db.QueryContext(ctx, `SELECT id, name, anchor, duration_ns, due_soon_ns, met_by, anchor_at,
		met_at, met_what, met_actor, pauses FROM clock ORDER BY pos`)
	if err != nil {
		return nil, fmt.Errorf("clocks: %w", err)
	}
	defer rows.Close()
	var out []*model.ResponseClock
	for rows.Next() {
		var (
			c            model.ResponseClock
			dur, dueSoon int64
			anchor, met  sql.NullInt64
			pauses       sql.NullString
		)
		if err := rows.Scan(&c.ID, &c.Name, &c.Anchor, &dur, &dueSoon, &c.MetBy, &anchor, &met, &c.MetWhat, &c.MetActor, &pauses); err != nil {
			return nil, fmt.Errorf("clocks: %w", err)
		}
		c.Duration, c.DueSoon = time.Duration(dur), time.Duration(dueSoon)
		c.AnchorAt, c.MetAt = timeOf(anchor), timeOf(met)
		if pauses.Valid {
			var ps [][2]*int64
			if err := json.Unmarshal([]byte(pauses.String), &ps); err != nil {
				return nil, fmt.Errorf("clock %s pauses: %w", c.ID, err)
			}
			for _, p := range ps {
				c.Pauses = append(c.Pauses, model.Pause{From: msPtr(p[0]), To: msPtr(p[1])})
			}
		}
		out = append(out, &c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("clocks: %w", err)
	}
	return out, nil
}

func msPtr(p *int64) time.Time {
	if p == nil {
		return time.Time{}
	}
	return time.UnixMilli(*p).UTC()
}

// Statements returns the statements as of the last event, in the order
// they were drafted. Editor is left empty: the table has no column for it,
// and adding one would make every older file unreadable in a replay until
// opened live. Who last edited a statement is in the event log's fold.
func (s *Store) Statements(ctx context.Context) ([]*model.Statement, error) {
	rows, err := s.reader().db.QueryContext(ctx, `SELECT id, kind, platform, text, status, version, author, created_at,
		submitted_at, reviewed_at, reviewer, comment, approved_ver, published_at, published_on, publisher
		FROM statement ORDER BY pos`)
	if err != nil {
		return nil, fmt.Errorf("statements: %w", err)
	}
	defer rows.Close()
	var out []*model.Statement
	for rows.Next() {
		var (
			x                                 model.Statement
			kind, platform, status, on        string
			created, submitted, reviewed, pub sql.NullInt64
		)
		if err := rows.Scan(&x.ID, &kind, &platform, &x.Text, &status, &x.Version, &x.Author, &created, &submitted,
			&reviewed, &x.Reviewer, &x.Comment, &x.ApprovedVer, &pub, &on, &x.Publisher); err != nil {
			return nil, fmt.Errorf("statements: %w", err)
		}
		x.Kind, x.Platform, x.Status, x.PublishedOn = model.StatementKind(kind), model.Platform(platform),
			model.StatementStatus(status), model.Platform(on)
		x.CreatedAt, x.SubmittedAt, x.ReviewedAt, x.PublishedAt = timeOf(created), timeOf(submitted), timeOf(reviewed), timeOf(pub)
		out = append(out, &x)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("statements: %w", err)
	}
	return out, nil
}

// Rejects returns the newest rejects, at most limit (0: DefaultLimit).
func (s *Store) Rejects(ctx context.Context, limit int) ([]Reject, error) {
	if limit <= 0 {
		limit = DefaultLimit
	}
	rows, err := s.reader().db.QueryContext(ctx, `SELECT id, source, line, offset, reason, raw, at FROM reject
		ORDER BY id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("rejects: %w", err)
	}
	defer rows.Close()
	var out []Reject
	for rows.Next() {
		var r Reject
		var at sql.NullInt64
		if err := rows.Scan(&r.ID, &r.Source, &r.Line, &r.Offset, &r.Reason, &r.Raw, &at); err != nil {
			return nil, fmt.Errorf("rejects: %w", err)
		}
		r.At = timeOf(at)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("rejects: %w", err)
	}
	return out, nil
}

// RejectCounts returns how many rejects there are for each reason.
func (s *Store) RejectCounts(ctx context.Context) (map[string]int, error) {
	rows, err := s.reader().db.QueryContext(ctx, `SELECT reason, count(*) FROM reject GROUP BY reason`)
	if err != nil {
		return nil, fmt.Errorf("reject counts: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var reason string
		var n int
		if err := rows.Scan(&reason, &n); err != nil {
			return nil, fmt.Errorf("reject counts: %w", err)
		}
		out[reason] = n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reject counts: %w", err)
	}
	return out, nil
}
