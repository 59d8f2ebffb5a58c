package data

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"time"

	"warroom/model"
)

// briefCols are the mention columns an analysis pass needs: everything but
// the text, raw text, URL and terms, which are most of a row's bytes.
const briefCols = `id, platform, external_id, author_name, author_id, author_followers, verified,
	created_at, likes, comments, shares, negative, category, severity`

// EachMentionBrief calls fn for every mention in id order without Text,
// RawText, URL, Terms, IngestedAt and Sentiment, with one *model.Mention
// reused for every call: fn must copy what it keeps. It reads through the
// driver directly, skipping database/sql's per-value conversions, so a
// report over half a million mentions spends its time on the report; the
// few posts a report quotes are loaded afterwards with MentionsByID.
func (s *Store) EachMentionBrief(ctx context.Context, fn func(*model.Mention) error) error {
	conn, err := s.reader().db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("each mention: %w", err)
	}
	defer conn.Close()
	var fnErr error
	err = conn.Raw(func(dc any) error {
		q, ok := dc.(driver.QueryerContext)
		if !ok {
			return errors.New("the sqlite driver cannot query directly")
		}
		rows, err := q.QueryContext(ctx, `SELECT `+briefCols+` FROM mention ORDER BY id`, nil)
		if err != nil {
			return err
		}
		defer rows.Close()
		vals := make([]driver.Value, 14)
		var m model.Mention
		for n := 0; ; n++ {
			if n%4096 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			if err := rows.Next(vals); err != nil {
				if errors.Is(err, io.EOF) {
					return nil
				}
				return err
			}
			m = model.Mention{
				ID: asInt64(vals[0]), Platform: model.Platform(asString(vals[1])), ExternalID: asString(vals[2]),
				AuthorName: asString(vals[3]), AuthorID: asString(vals[4]), AuthorFollowers: asInt64(vals[5]),
				Verified: asInt64(vals[6]) != 0, Likes: asInt64(vals[8]), Comments: asInt64(vals[9]), Shares: asInt64(vals[10]),
				Negative: asInt64(vals[11]) != 0, Category: model.Category(asString(vals[12])), Severity: int(asInt64(vals[13])),
			}
			if vals[7] != nil {
				m.CreatedAt = time.UnixMilli(asInt64(vals[7])).UTC()
			}
			if fnErr = fn(&m); fnErr != nil {
				return fnErr
			}
		}
	})
	if fnErr != nil {
		return fnErr
	}
	if err != nil {
		return fmt.Errorf("each mention: %w", err)
	}
	return nil
}
