package decode

import (
	"net/url"
	"strings"

	"warroom/model"
)

// MediaCrawler (NanmiCoder/MediaCrawler) writes flat records from
// store/<platform>/__init__.py (update_*_note, update_*_aweme,
// update_*_video, update_*_comment) and, for tieba and zhihu, from the
// pydantic models in model/m_baidu_tieba.py and model/m_zhihu.py. The same
// dicts go to JSON (an indented array per file), JSONL and CSV (utf-8-sig,
// so with a BOM), under data/<platform>/<json|jsonl|csv>/ as
// <crawler_type>_<contents|comments>_<date>.<ext>. Values are often
// strings even when numeric: the stores wrap counts in str(), so a missing
// count is the string "None".

// mcKeys says which MediaCrawler columns feed which Mention field, in order
// of preference.
type mcKeys struct {
	id, parent, title, body []string
	created                 []string
	likes, comments, shares []string
	url, ip                 []string
}

var mcAuthor = []string{"nickname", "user_nickname"}
var mcAuthorID = []string{"user_id", "user_link"}

// mcPosts and mcComments are keyed by platform. Comments' parent is the
// post they sit under: that is what the console groups by.
var mcPosts = map[model.Platform]mcKeys{
	model.Xiaohongshu: {id: []string{"note_id"}, title: []string{"title"}, body: []string{"desc"},
		created: []string{"time", "last_update_time"}, likes: []string{"liked_count"},
		comments: []string{"comment_count"}, shares: []string{"share_count"}, url: []string{"note_url"},
		ip: []string{"ip_location"}},
	model.Douyin: {id: []string{"aweme_id"}, title: []string{"title"}, body: []string{"desc"},
		created: []string{"create_time"}, likes: []string{"liked_count"}, comments: []string{"comment_count"},
		shares: []string{"share_count"}, url: []string{"aweme_url"}, ip: []string{"ip_location"}},
	model.Kuaishou: {id: []string{"video_id"}, title: []string{"title"}, body: []string{"desc"},
		created: []string{"create_time"}, likes: []string{"liked_count"}, url: []string{"video_url"}},
	model.Bilibili: {id: []string{"video_id"}, title: []string{"title"}, body: []string{"desc"},
		created: []string{"create_time"}, likes: []string{"liked_count"}, comments: []string{"video_comment"},
		shares: []string{"video_share_count"}, url: []string{"video_url"}},
	// create_date_time first: older MediaCrawler computed create_time by
	// reading +08:00 wall time as UTC, eight hours off; the string is right.
	model.Weibo: {id: []string{"note_id"}, body: []string{"content"},
		created: []string{"create_date_time", "create_time"}, likes: []string{"liked_count"},
		comments: []string{"comments_count"}, shares: []string{"shared_count"}, url: []string{"note_url"},
		ip: []string{"ip_location"}},
	model.Tieba: {id: []string{"note_id"}, title: []string{"title"}, body: []string{"desc"},
		created: []string{"publish_time"}, comments: []string{"total_replay_num"}, url: []string{"note_url"},
		ip: []string{"ip_location"}},
	model.Zhihu: {id: []string{"content_id"}, title: []string{"title"}, body: []string{"content_text", "desc"},
		created: []string{"created_time"}, likes: []string{"voteup_count"}, comments: []string{"comment_count"},
		url: []string{"content_url"}},
}

var mcComments = map[model.Platform]mcKeys{
	model.Xiaohongshu: {parent: []string{"note_id"}, created: []string{"create_time"},
		likes: []string{"like_count"}, comments: []string{"sub_comment_count"}, ip: []string{"ip_location"}},
	model.Douyin: {parent: []string{"aweme_id"}, created: []string{"create_time"},
		likes: []string{"like_count"}, comments: []string{"sub_comment_count"}, ip: []string{"ip_location"}},
	model.Kuaishou: {parent: []string{"video_id"}, created: []string{"create_time"},
		comments: []string{"sub_comment_count"}},
	model.Bilibili: {parent: []string{"video_id"}, created: []string{"create_time"},
		likes: []string{"like_count"}, comments: []string{"sub_comment_count"}},
	model.Weibo: {parent: []string{"note_id"}, created: []string{"create_date_time", "create_time"},
		likes: []string{"comment_like_count", "like_count"}, comments: []string{"sub_comment_count"},
		ip: []string{"ip_location"}},
	model.Tieba: {parent: []string{"note_id"}, created: []string{"publish_time"},
		comments: []string{"sub_comment_count"}, url: []string{"note_url"}, ip: []string{"ip_location"}},
	model.Zhihu: {parent: []string{"content_id"}, created: []string{"publish_time"},
		likes: []string{"like_count"}, comments: []string{"sub_comment_count"}, ip: []string{"ip_location"}},
}

func (r *Reader) mapMediaCrawlerJSON(rec *record, out *[]Item) string {
	f, reason := decodeObject(rec.data)
	if reason != "" {
		return reason
	}
	return r.mapMediaCrawler(f, rec, out)
}

func (r *Reader) mapMediaCrawler(f fields, rec *record, out *[]Item) string {
	p := r.opts.Platform
	if p == "" {
		var sure bool
		p, sure = mcPlatform(f)
		if !sure && r.hint != "" {
			p = r.hint
		}
	}
	_, isComment := f["comment_id"]
	keys, ok := mcPosts[p]
	if isComment {
		keys, ok = mcComments[p]
		keys.id, keys.body = []string{"comment_id"}, []string{"content"}
	}
	if !ok {
		return "cannot tell the platform of this MediaCrawler record; pass --platform"
	}
	m := &model.Mention{Platform: p}
	m.ExternalID = f.str(f.first(keys.id...))
	m.ParentID = f.str(f.first(keys.parent...))
	m.AuthorName = f.str(f.first(mcAuthor...))
	if k := f.first(mcAuthorID...); k == "user_link" {
		m.AuthorID = tiebaUserID(f.str(k))
	} else {
		m.AuthorID = f.str(k)
	}
	m.URL = f.str(f.first(keys.url...))
	m.IPLocation = f.str(f.first(keys.ip...))
	for _, c := range []struct {
		keys []string
		dst  *int64
	}{{keys.likes, &m.Likes}, {keys.comments, &m.Comments}, {keys.shares, &m.Shares}} {
		if k := f.first(c.keys...); k != "" {
			n, reason := f.count(k)
			if reason != "" {
				return reason
			}
			*c.dst = n
		}
	}
	if k := f.first(keys.created...); k != "" {
		t, reason := r.when(f[k], k)
		if reason != "" {
			return reason
		}
		m.CreatedAt = t
	}
	title := f.str(f.first(keys.title...))
	body := f.str(f.first(keys.body...))
	txt, has := joinTitle(title, body)
	if !has {
		_, has = f[firstKey(keys.body)]
	}
	return r.emit(m, txt, has, rec, out)
}

func firstKey(keys []string) string {
	if len(keys) == 0 {
		return ""
	}
	return keys[0]
}

// joinTitle makes one text of a title and a body. Crawlers often fill the
// title with the body's opening (xhs falls back to desc[:255], douyin and
// kuaishou copy desc), so a title the body starts with is not repeated.
func joinTitle(title, body string) (string, bool) {
	title, body = strings.TrimSpace(title), strings.TrimSpace(body)
	switch {
	case title == "" && body == "":
		return "", false
	case title == "":
		return body, true
	case body == "" || strings.HasPrefix(title, body):
		return title, true
	case strings.HasPrefix(body, title):
		return body, true
	}
	return title + "\n" + body, true
}

// mcPlatform recognises a MediaCrawler record's platform by the columns
// only that platform's store writes. sure is false when the columns fit
// more than one platform.
func mcPlatform(f fields) (p model.Platform, sure bool) {
	has := func(keys ...string) bool {
		for _, k := range keys {
			if _, ok := f[k]; ok {
				return true
			}
		}
		return false
	}
	urlHas := func(s string) bool {
		for _, k := range []string{"note_url", "video_url", "aweme_url", "content_url"} {
			if strings.Contains(f.str(k), s) {
				return true
			}
		}
		return false
	}
	switch {
	case has("aweme_id", "aweme_url", "sec_uid"):
		return model.Douyin, true
	case has("tieba_name", "tieba_link", "tieba_id"):
		return model.Tieba, true
	case has("content_id", "content_type", "voteup_count", "content_text", "user_url_token"):
		return model.Zhihu, true
	case has("video_id"):
		switch {
		case has("video_play_count", "video_danmaku", "video_coin_count", "video_comment", "disliked_count",
			"video_favorite_count", "sex", "sign") || urlHas("bilibili.com"):
			return model.Bilibili, true
		case has("viewd_count", "video_play_url") || urlHas("kuaishou.com"):
			return model.Kuaishou, true
		case has("comment_id") && !has("like_count", "parent_comment_id"):
			// Kuaishou comments are the only video comments without
			// likes or a parent comment.
			return model.Kuaishou, true
		}
		return model.Bilibili, false
	case has("note_id", "comment_id"):
		switch {
		case has("create_date_time", "shared_count", "comments_count", "comment_like_count", "profile_url", "gender") ||
			urlHas("weibo."):
			return model.Weibo, true
		case has("xsec_token", "collected_count", "pictures", "image_list", "tag_list", "last_update_time") ||
			urlHas("xiaohongshu.com"):
			return model.Xiaohongshu, true
		}
		return model.Xiaohongshu, false
	}
	return "", false
}

// tiebaUserID takes the stable id out of a tieba profile link
// (…/home/main?id=tb.1.xxx&fr=…), or keeps the link.
func tiebaUserID(link string) string {
	u, err := url.Parse(link)
	if err == nil {
		if id := u.Query().Get("id"); id != "" {
			return id
		}
	}
	return link
}
