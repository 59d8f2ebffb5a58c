package decode

import (
	"bufio"
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"

	"warroom/model"
)

// Sniff guesses the format of an input from its first bytes and its name.
// JSON is told apart by its keys (Weibo API statuses, MediaCrawler records,
// else canonical); CSV by its header (weibo-crawler's Chinese columns,
// MediaCrawler's snake_case ones, else generic). Input that is neither
// JSON nor comma-separated is taken as canonical JSONL, so that each line
// is rejected with a reason rather than the file being refused.
func Sniff(head []byte, name string) Format {
	head = bytes.TrimPrefix(head, bom)
	trimmed := bytes.TrimLeft(head, " \t\r\n")
	ext := strings.ToLower(filepath.Ext(name))
	if len(trimmed) == 0 {
		if ext == ".csv" {
			return FormatCSV
		}
		return FormatJSONL
	}
	if trimmed[0] == '{' || trimmed[0] == '[' {
		keys := jsonKeys(trimmed)
		switch {
		case hasAny(keys, weiboAPIMarkers):
			return FormatWeiboAPI
		case hasAny(keys, mediaCrawlerMarkers):
			return FormatMediaCrawler
		}
		return FormatJSONL
	}
	firstLine, _, _ := bytes.Cut(trimmed, []byte{'\n'})
	if ext == ".csv" || ext == ".tsv" || bytes.IndexByte(firstLine, ',') >= 0 {
		return sniffCSVHeader(headerFields(trimmed))
	}
	return FormatJSONL
}

func isCSVFormat(f Format) bool {
	return f == FormatCSV || f == FormatWeiboCSV || f == FormatMediaCrawler
}

// weiboAPIMarkers are keys only Weibo statuses (and weibo-crawler's JSON,
// which embeds them) carry.
var weiboAPIMarkers = []string{"attitudes_count", "reposts_count", "idstr", "mblog", "mblogid",
	"statuses", "retweeted_status", "screen_name", "statuses_count", "cards"}

// mediaCrawlerMarkers are MediaCrawler's column names. Every record its
// stores write carries last_modify_ts; the others help when a user has
// trimmed columns.
var mediaCrawlerMarkers = []string{"last_modify_ts", "aweme_id", "xsec_token", "tieba_name", "tieba_link",
	"source_keyword", "sub_comment_count", "viewd_count", "video_danmaku", "user_nickname", "content_text",
	"voteup_count", "create_date_time", "comment_like_count", "aweme_url"}

func sniffCSVHeader(header []string) Format {
	set := make(map[string]bool, len(header))
	for _, h := range header {
		set[strings.TrimSpace(h)] = true
	}
	switch {
	case set["正文"] && (set["bid"] || set["完整日期"] || set["头条文章url"] || set["原始图片url"]):
		return FormatWeiboCSV
	case set["微博正文"] && set["微博id"]:
		return FormatWeiboCSV // weiboSpider, weibo-crawler's cookie-based sibling
	case hasAny(set, mediaCrawlerMarkers):
		return FormatMediaCrawler
	}
	return FormatCSV
}

// headerFields parses the first CSV record of head.
func headerFields(head []byte) []string {
	src := newCSVSource(bufio.NewReader(bytes.NewReader(head)), 0, len(head)+1)
	rec, err := src.next()
	if err != nil || rec.fields == nil {
		return nil
	}
	return append([]string(nil), rec.fields...)
}

func hasAny(set map[string]bool, keys []string) bool {
	for _, k := range keys {
		if set[k] {
			return true
		}
	}
	return false
}

// jsonKeys collects the object keys that appear in a JSON prefix: quoted
// strings followed by a colon. Good enough to recognise a format from the
// first few KiB even when the prefix cuts a value in half.
func jsonKeys(b []byte) map[string]bool {
	keys := make(map[string]bool)
	for i := 0; i < len(b) && len(keys) < 512; i++ {
		if b[i] != '"' {
			continue
		}
		j := i + 1
		for j < len(b) && b[j] != '"' {
			if b[j] == '\\' {
				j++
			}
			j++
		}
		if j >= len(b) {
			break
		}
		k := j + 1
		for k < len(b) && (b[k] == ' ' || b[k] == '\t' || b[k] == '\r' || b[k] == '\n') {
			k++
		}
		if k < len(b) && b[k] == ':' {
			keys[string(b[i+1:j])] = true
		}
		i = j
	}
	return keys
}

// jsonDocument reports whether a JSON input should be walked as documents
// (arrays, wrapper objects, pretty-printed objects) rather than read one
// object per line. Line mode is preferred because a bad line costs one
// record, while a syntax error ends a document.
func jsonDocument(head []byte, f Format) bool {
	trimmed := bytes.TrimLeft(head, " \t\r\n")
	if len(trimmed) == 0 {
		return false
	}
	if trimmed[0] == '[' {
		return true
	}
	if trimmed[0] != '{' {
		return false
	}
	first, _, found := bytes.Cut(trimmed, []byte{'\n'})
	first = bytes.TrimSpace(first)
	if !found {
		// One line filling the whole look-ahead: a big one-line document
		// is likelier than a huge record, but only Weibo dumps come so.
		return f == FormatWeiboAPI
	}
	if !json.Valid(first) {
		return bytes.Equal(first, []byte("{"))
	}
	// A whole first line: JSONL, unless it is a wrapper around records.
	var top map[string]json.RawMessage
	if json.Unmarshal(first, &top) != nil {
		return false
	}
	for k, v := range top {
		if wrapperKeys[k] && len(v) > 0 && (v[0] == '[' || (k == "data" && v[0] == '{')) {
			return f == FormatWeiboAPI
		}
	}
	return false
}

// platformFromPath finds a platform named in a file path, as MediaCrawler
// lays its output out: data/<platform>/<json|jsonl|csv>/<type>_<kind>_<date>.
// The file name is looked at first, then the directories upward.
func platformFromPath(name string) model.Platform {
	parts := strings.Split(filepath.ToSlash(name), "/")
	for i := len(parts) - 1; i >= 0; i-- {
		for _, tok := range strings.FieldsFunc(parts[i], func(r rune) bool {
			return r == '_' || r == '-' || r == '.' || r == ' '
		}) {
			if p, ok := pathPlatforms[strings.ToLower(tok)]; ok {
				return p
			}
		}
	}
	return ""
}

var pathPlatforms = map[string]model.Platform{
	"xhs": model.Xiaohongshu, "xiaohongshu": model.Xiaohongshu,
	"douyin": model.Douyin, "dy": model.Douyin,
	"kuaishou": model.Kuaishou, "ks": model.Kuaishou,
	"bili": model.Bilibili, "bilibili": model.Bilibili,
	"weibo": model.Weibo, "wb": model.Weibo,
	"tieba": model.Tieba,
	"zhihu": model.Zhihu,
}
