package decode

import (
	"fmt"
	"slices"
	"strings"
)

// Canonical field names, as in canonical JSONL and --map.
const (
	fPlatform   = "platform"
	fID         = "id"
	fAuthor     = "author"
	fAuthorID   = "author_id"
	fFollowers  = "author_followers"
	fVerified   = "verified"
	fText       = "text"
	fCreatedAt  = "created_at"
	fLikes      = "likes"
	fComments   = "comments"
	fShares     = "shares"
	fURL        = "url"
	fParentID   = "parent_id"
	fIPLocation = "ip_location"
)

// CanonicalFields lists the field names --map accepts, in canonical order.
var CanonicalFields = []string{fPlatform, fID, fAuthor, fAuthorID, fFollowers, fVerified, fText,
	fCreatedAt, fLikes, fComments, fShares, fURL, fParentID, fIPLocation}

// synonyms are header names a generic CSV may use for each canonical field,
// compared case-insensitively after trimming. The first match in header
// order wins; the canonical name itself always matches.
var synonyms = map[string][]string{
	fPlatform:   {"平台", "site", "source_platform", "渠道", "媒体"},
	fID:         {"mid", "post_id", "note_id", "comment_id", "weibo_id", "微博id", "帖子id", "编号", "status_id"},
	fAuthor:     {"nickname", "user_nickname", "screen_name", "user_name", "username", "name", "用户名", "用户昵称", "昵称", "作者", "博主", "发布者", "发帖人"},
	fAuthorID:   {"user_id", "uid", "userid", "用户id", "作者id"},
	fFollowers:  {"followers", "followers_count", "fans", "fans_count", "粉丝数", "粉丝"},
	fVerified:   {"is_verified", "认证", "是否认证", "加v"},
	fText:       {"content", "text_content", "desc", "body", "message", "正文", "内容", "微博正文", "评论内容", "帖子内容", "文本"},
	fCreatedAt:  {"created", "create_time", "publish_time", "time", "date", "timestamp", "datetime", "发布时间", "时间", "日期", "创建时间"},
	fLikes:      {"like_count", "liked_count", "attitudes_count", "点赞数", "点赞", "赞"},
	fComments:   {"comment_count", "comments_count", "评论数", "评论"},
	fShares:     {"share_count", "shared_count", "reposts_count", "转发数", "分享数", "转发"},
	fURL:        {"link", "note_url", "permalink", "链接", "网址", "原文链接"},
	fParentID:   {"parent", "reply_to", "root_id", "父id", "原微博id"},
	fIPLocation: {"ip", "ip属地", "属地", "region", "地区", "location"},
}

// ParseMap reads a --map value such as "text=content,author=nickname" into
// canonical field -> CSV header. Keys must be canonical field names; values
// are headers exactly as written in the file (matched case-insensitively if
// no exact match).
func ParseMap(flag string) (map[string]string, error) {
	m := make(map[string]string)
	if strings.TrimSpace(flag) == "" {
		return m, nil
	}
	for _, pair := range strings.Split(flag, ",") {
		pair = strings.TrimSpace(pair)
		if pair == "" {
			continue
		}
		k, v, ok := strings.Cut(pair, "=")
		k, v = strings.ToLower(strings.TrimSpace(k)), strings.TrimSpace(v)
		if !ok || k == "" || v == "" {
			return nil, fmt.Errorf("--map: %q is not field=column (for example text=content)", pair)
		}
		if !slices.Contains(CanonicalFields, k) {
			return nil, fmt.Errorf("--map: unknown field %q; fields are %s", k, strings.Join(CanonicalFields, ", "))
		}
		if _, dup := m[k]; dup {
			return nil, fmt.Errorf("--map: field %q given twice", k)
		}
		m[k] = v
	}
	return m, nil
}
