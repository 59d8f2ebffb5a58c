package decode

import (
	"html"
	"strings"

	"warroom/model"
)

// Weibo status objects come from the open API (statuses/*.json), from
// m.weibo.cn (the same fields, wrapped as cards[].mblog), and from
// dataabc/weibo-crawler's JSON output, which flattens the user into
// user_id/screen_name and names the reposted status "retweet". One record
// may also be a whole response ({"statuses":[…]}); every status in it
// becomes a mention, and so does a reposted original, since crises spread
// through reposts and the original is often the post that matters.

func (r *Reader) mapWeiboAPI(rec *record, out *[]Item) string {
	f, reason := decodeObject(rec.data)
	if reason != "" {
		return reason
	}
	var docUser fields
	if ds, ok := r.src.(*docSource); ok {
		docUser = ds.docUser
	}
	statuses := weiboStatuses(f)
	if len(statuses) == 0 {
		return "no Weibo status in this record"
	}
	n := len(*out)
	for _, st := range statuses {
		if reason := r.weiboStatus(st, docUser, rec, out, 0); reason != "" {
			if len(statuses) == 1 {
				*out = (*out)[:n]
				return reason
			}
			// In a page of statuses one bad one should not cost the rest.
			*out = append(*out, r.reject(rec, reason))
		}
	}
	return ""
}

// weiboStatuses unwraps the containers statuses come in.
func weiboStatuses(f fields) []fields {
	if mb := f.obj("mblog"); mb != nil {
		return []fields{mb}
	}
	for _, key := range []string{"statuses", "weibo", "cards", "card_group", "comments", "reposts", "data"} {
		switch v := f[key].(type) {
		case []any:
			var all []fields
			for _, e := range v {
				if m, ok := e.(map[string]any); ok {
					all = append(all, weiboStatuses(m)...)
				}
			}
			return all
		case map[string]any:
			if key == "data" {
				return weiboStatuses(v)
			}
		}
	}
	if _, ok := f["text"]; ok {
		return []fields{f}
	}
	if _, ok := f["created_at"]; ok {
		return []fields{f}
	}
	return nil
}

// weiboStatus maps one status and, at depth 0, the status it reposts.
func (r *Reader) weiboStatus(st, docUser fields, rec *record, out *[]Item, depth int) string {
	m := &model.Mention{Platform: model.Weibo}
	m.ExternalID = st.str(st.first("idstr", "id", "mid"))
	m.ExternalID = strings.TrimSpace(m.ExternalID) // weibo-crawler pads ids with a tab

	user := st.obj("user")
	if user == nil {
		user = docUser
	}
	if user != nil {
		m.AuthorName = user.str("screen_name")
		m.AuthorID = user.str(user.first("idstr", "id"))
		n, reason := user.count(user.first("followers_count", "followers_count_str"))
		if reason != "" {
			return strings.Replace(reason, "field ", "field user.", 1)
		}
		m.AuthorFollowers = n
		v, reason := user.boolean("verified")
		if reason != "" {
			return strings.Replace(reason, "field ", "field user.", 1)
		}
		m.Verified = v
	}
	if m.AuthorName == "" {
		m.AuthorName = st.str("screen_name")
	}
	if m.AuthorID == "" {
		m.AuthorID = st.str("user_id")
	}

	for _, c := range []struct {
		keys []string
		dst  *int64
	}{
		{[]string{"attitudes_count", "like_count"}, &m.Likes},
		{[]string{"comments_count", "total_number"}, &m.Comments},
		{[]string{"reposts_count"}, &m.Shares},
	} {
		if k := st.first(c.keys...); k != "" {
			n, reason := st.count(k)
			if reason != "" {
				return reason
			}
			*c.dst = n
		}
	}
	if k := st.first("created_at", "full_created_at"); k != "" {
		t, reason := r.when(st[k], k)
		if reason != "" {
			return reason
		}
		m.CreatedAt = t
	}
	m.IPLocation = st.str(st.first("region_name", "status_province", "ip_location"))

	orig := st.obj("retweeted_status")
	if orig == nil {
		orig = st.obj("retweet")
	}
	switch {
	case orig != nil:
		m.ParentID = strings.TrimSpace(orig.str(orig.first("idstr", "id", "mid")))
	case st.obj("status") != nil: // a comment names the status it is under
		parent := st.obj("status")
		m.ParentID = parent.str(parent.first("idstr", "id", "mid"))
	default:
		m.ParentID = st.str(st.first("retweet_id", "rootidstr"))
		if m.ParentID == m.ExternalID {
			m.ParentID = ""
		}
	}

	bid := st.str(st.first("bid", "mblogid"))
	switch {
	case bid != "" && m.AuthorID != "":
		m.URL = "https://weibo.com/" + m.AuthorID + "/" + bid
	case m.ExternalID != "" && st.obj("status") == nil && !st.has("rootid"):
		m.URL = "https://m.weibo.cn/detail/" + m.ExternalID
	}

	raw, has := "", false
	if lt := st.obj("longText"); lt != nil && lt.has("longTextContent") {
		raw, has = lt.str("longTextContent"), true
	} else if _, ok := st["text"]; ok {
		if _, isStr := st["text"].(string); !isStr && st["text"] != nil {
			return "field text: want a string, got " + describe(st["text"])
		}
		raw, has = st.str("text"), true
	}
	if has {
		raw = weiboPlainText(raw)
	}
	if reason := r.emit(m, raw, has, rec, out); reason != "" {
		return reason
	}
	if depth == 0 && orig != nil && orig.has("text") && (orig.obj("user") != nil || orig.has("screen_name")) {
		// A deleted original has no user; its text is only a notice.
		if reason := r.weiboStatus(orig, nil, rec, out, 1); reason != "" {
			*out = append(*out, r.reject(rec, "reposted status: "+reason))
		}
	}
	return ""
}

// weiboPlainText turns status HTML into text: tags dropped, <br> as a line
// break, emoticon images as their alt text ("[哭]", which carries the
// sentiment), entities decoded. Text without markup is returned as is.
func weiboPlainText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:i])
		j := strings.IndexByte(s[i:], '>')
		if j < 0 || !isTagStart(s[i+1:]) {
			// A '<' that opens no tag is text ("价格<10元", "a < b").
			b.WriteByte('<')
			s = s[i+1:]
			continue
		}
		tag := s[i+1 : i+j]
		s = s[i+j+1:]
		name := strings.ToLower(strings.TrimLeft(tag, "/ "))
		if k := strings.IndexAny(name, " \t\n/"); k >= 0 {
			name = name[:k]
		}
		switch name {
		case "br":
			b.WriteByte('\n')
		case "img":
			b.WriteString(attr(tag, "alt"))
		}
	}
	return html.UnescapeString(b.String())
}

func isTagStart(s string) bool {
	if s == "" {
		return false
	}
	c := s[0]
	return c == '/' || c == '!' || (c|0x20 >= 'a' && c|0x20 <= 'z')
}

// attr returns an HTML attribute's value from inside a tag.
func attr(tag, name string) string {
	lower := strings.ToLower(tag)
	for from := 0; ; {
		i := strings.Index(lower[from:], name+"=")
		if i < 0 {
			return ""
		}
		i += from
		if i > 0 && lower[i-1] != ' ' && lower[i-1] != '\t' && lower[i-1] != '\n' {
			from = i + len(name)
			continue
		}
		v := tag[i+len(name)+1:]
		if v != "" && (v[0] == '"' || v[0] == '\'') {
			q := v[0]
			v = v[1:]
			if k := strings.IndexByte(v, q); k >= 0 {
				return v[:k]
			}
			return v
		}
		if k := strings.IndexAny(v, " \t\n/"); k >= 0 {
			return v[:k]
		}
		return v
	}
}
