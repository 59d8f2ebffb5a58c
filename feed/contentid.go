package feed

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"strconv"

	"warroom/model"
)

// contentIDPrefix starts every id the pipeline makes up for a mention that
// came without one, so an export shows which ids are not the platform's.
const contentIDPrefix = "noid:"

// contentID is the external id of a mention that has none: a hash of what
// makes the post itself (platform, author, post time, what it replies to,
// its URL and its text as received), so the same record read twice gets
// the same id and counts as a duplicate. Counts of likes and shares are
// left out, since a later crawl of the same post changes them; the author's
// display name counts only when there is no author id, since it can change
// too. Records that agree on all of these are one post as far as anyone
// can tell.
func contentID(m *model.Mention) string {
	h := sha256.New()
	put := func(s string) { // length-prefixed, so fields cannot run into each other
		var n [binary.MaxVarintLen64]byte
		h.Write(n[:binary.PutUvarint(n[:], uint64(len(s)))])
		h.Write([]byte(s))
	}
	put(string(m.Platform))
	if m.AuthorID != "" {
		put("id")
		put(m.AuthorID)
	} else {
		put("name")
		put(m.AuthorName)
	}
	created := ""
	if !m.CreatedAt.IsZero() {
		created = strconv.FormatInt(m.CreatedAt.UnixMilli(), 10) // what the file keeps
	}
	put(created)
	put(m.ParentID)
	put(m.URL)
	txt := m.RawText
	if txt == "" {
		txt = m.Text
	}
	put(txt)
	return contentIDPrefix + hex.EncodeToString(h.Sum(nil)[:16])
}
