package data

import (
	"context"
	"database/sql"
	"strings"

	"warroom/model"
	"warroom/model/text"
)

// Finding an account's posts (the influencer view) reads mention_author, a
// full-text index of each mention's author id and name as account keys
// (text.AccountKey: letters and digits, case folded), filled behind the
// writer with the search index. A key is one token to FTS5's ascii
// tokenizer, so an account's phrase finds exactly the mentions whose author
// id or name has its key: a superset of what a caller's stricter rule
// accepts (statements.Trusted), since whatever that rule calls the same
// account has the same key.

// authorKeys is a mention's entry in mention_author.
func authorKeys(authorID, name string) string {
	return text.AccountKey(authorID) + " " + text.AccountKey(name)
}

// authorMatch renders accounts as an FTS5 expression over mention_author,
// any of their keys; empty when none has a key. Keys hold only letters and
// digits, so nothing in them can be read as query syntax.
func authorMatch(accounts []string) string {
	var phrases []string
	for _, a := range accounts {
		if k := text.AccountKey(a); k != "" {
			phrases = append(phrases, `"`+k+`"`)
		}
	}
	return strings.Join(phrases, " OR ")
}

// authoredBy reports whether m's author id or name has the key of one of
// accounts: the same rule as the index, for the mentions above its mark.
func authoredBy(accounts []string) func(*model.Mention) bool {
	keys := map[string]bool{}
	for _, a := range accounts {
		if k := text.AccountKey(a); k != "" {
			keys[k] = true
		}
	}
	return func(m *model.Mention) bool {
		return keys[text.AccountKey(m.AuthorID)] || keys[text.AccountKey(m.AuthorName)]
	}
}

// byAuthors answers a filter with Authors: mentions above the index mark
// are read and tested one by one, the rest found through mention_author.
func byAuthors(ctx context.Context, tx *sql.Tx, f MentionFilter, hi int64, limit int) ([]*model.Mention, error) {
	match := authorMatch(f.Authors)
	if match == "" {
		return nil, nil
	}
	keep := authoredBy(f.Authors)
	upto, err := indexedUpto(ctx, tx)
	if err != nil {
		return nil, err
	}
	out, err := scanTail(ctx, tx, f, upto, hi, limit, keep)
	if err != nil {
		return nil, err
	}
	hi = min(hi, upto+1)
	if len(out) >= limit {
		return out, nil
	}
	// CROSS JOIN keeps the index as the outer loop, newest first.
	p := plan{from: "mention_author CROSS JOIN mention AS m ON m.id = mention_author.rowid"}
	p.and("mention_author MATCH ?", match)
	p.and("mention_author.rowid < ?", hi)
	searchFilters(&p, f)
	rows, err := tx.QueryContext(ctx, p.sql(mentionCols, "ORDER BY mention_author.rowid DESC"), p.args...)
	if err != nil {
		return nil, err
	}
	more, err := collectMentions(rows, limit-len(out), keep)
	if err != nil {
		return nil, err
	}
	return append(out, more...), nil
}
