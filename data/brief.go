package data

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"warroom/model"
)

// briefCols are the mention columns an analysis pass needs: everything but
// the text, raw text, URL and terms, which are most of a row's bytes.
const briefCols = `m.id, m.platform, m.external_id, m.author_name, m.author_id, m.author_followers, m.verified,
	m.created_at, m.ingested_at, m.likes, m.comments, m.shares, m.negative, m.category, m.severity, m.sentiment`

// EachMentionBrief is EachMention without Text, RawText, URL and Terms, and
// with one *model.Mention reused for every call: fn must copy what it keeps.
// A report over half a million mentions reads them in a fraction of the
// time, and loads the text of the few posts it quotes with MentionsByID.
func (s *Store) EachMentionBrief(ctx context.Context, fn func(*model.Mention) error) error {
	const page = 5000
	var (
		m                  model.Mention
		platform, category string
		created            sql.NullInt64
		ingested           int64
	)
	for lo := int64(0); ; {
		rows, err := s.rdb.QueryContext(ctx, `SELECT `+briefCols+` FROM mention AS m WHERE m.id >= ? ORDER BY m.id LIMIT ?`, lo, page)
		if err != nil {
			return fmt.Errorf("each mention: %w", err)
		}
		n := 0
		for rows.Next() {
			m = model.Mention{}
			if err := rows.Scan(&m.ID, &platform, &m.ExternalID, &m.AuthorName, &m.AuthorID, &m.AuthorFollowers, &m.Verified,
				&created, &ingested, &m.Likes, &m.Comments, &m.Shares, &m.Negative, &category, &m.Severity, &m.Sentiment); err != nil {
				rows.Close()
				return fmt.Errorf("each mention: %w", err)
			}
			m.Platform, m.Category = model.Platform(platform), model.Category(category)
			m.CreatedAt = timeOf(created)
			m.IngestedAt = time.UnixMilli(ingested).UTC()
			n++
			lo = m.ID + 1
			if err := fn(&m); err != nil {
				rows.Close()
				return err
			}
		}
		if err := rows.Close(); err != nil {
			return fmt.Errorf("each mention: %w", err)
		}
		if n < page {
			return nil
		}
	}
}
