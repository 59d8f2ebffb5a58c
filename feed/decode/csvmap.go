package decode

import (
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"warroom/model"
)

// csvLayout is what a CSV header told us.
type csvLayout struct {
	header []string
	index  map[string]int // header name -> column, first occurrence
	cols   map[string]int // generic CSV: canonical field -> column
	// weibo-crawler files are named weibo/<screen_name or uid>/<uid>.csv
	// and carry no user columns: the author comes from the path.
	author, authorID string
}

func (r *Reader) readHeader(cs *csvSource) error {
	rec, err := cs.next()
	if err == io.EOF {
		r.csv = &csvLayout{index: map[string]int{}, cols: map[string]int{}}
		r.mapRec = func(*Reader, *record, *[]Item) string { return "" }
		return nil
	}
	if err != nil {
		return fmt.Errorf("read %s: %w", r.source, err)
	}
	if rec.reject != "" {
		return fmt.Errorf("%s: cannot read the header row: %s", r.source, rec.reject)
	}
	l := &csvLayout{index: make(map[string]int), cols: make(map[string]int)}
	for i, h := range rec.fields {
		if !utf8.ValidString(h) {
			if plausibleGBK([]byte(h)) {
				return fmt.Errorf("%s: header is %w (probably GBK from Excel or WPS): save it as UTF-8, e.g. iconv -f GBK -t UTF-8", r.source, ErrNotUTF8)
			}
			return fmt.Errorf("%s: header is %w, nor GBK: save it as UTF-8", r.source, ErrNotUTF8)
		}
		h = strings.TrimSpace(strings.TrimPrefix(h, "\uFEFF"))
		l.header = append(l.header, h)
		if _, dup := l.index[h]; !dup {
			l.index[h] = i
		}
	}
	r.csv = l
	switch r.format {
	case FormatMediaCrawler:
		r.mapRec = (*Reader).mapMediaCrawlerCSV
	case FormatWeiboCSV:
		l.author, l.authorID = weiboCrawlerAuthor(r.source)
		r.mapRec = (*Reader).mapWeiboCSV
	default:
		if err := l.resolveColumns(r.opts.Map); err != nil {
			return fmt.Errorf("%s: %w", r.source, err)
		}
		r.mapRec = (*Reader).mapGenericCSV
	}
	return nil
}

// resolveColumns finds the column for each canonical field: from --map
// first, else by canonical name or synonym, case-insensitively.
func (l *csvLayout) resolveColumns(explicit map[string]string) error {
	lower := make(map[string]int, len(l.header))
	for i, h := range l.header {
		k := strings.ToLower(h)
		if _, dup := lower[k]; !dup {
			lower[k] = i
		}
	}
	for field, col := range explicit {
		i, ok := l.index[col]
		if !ok {
			i, ok = lower[strings.ToLower(col)]
		}
		if !ok {
			return fmt.Errorf("--map %s=%s: no column %q; the header has %s", field, col, col, quoteList(l.header))
		}
		l.cols[field] = i
	}
	for _, field := range CanonicalFields {
		if _, done := l.cols[field]; done {
			continue
		}
		for _, name := range append([]string{field}, synonyms[field]...) {
			if i, ok := lower[strings.ToLower(name)]; ok && !l.taken(i) {
				l.cols[field] = i
				break
			}
		}
	}
	if _, ok := l.cols[fText]; !ok {
		return fmt.Errorf("no text column in the header (%s): name it with --map text=COLUMN", quoteList(l.header))
	}
	return nil
}

func (l *csvLayout) taken(col int) bool {
	for _, c := range l.cols {
		if c == col {
			return true
		}
	}
	return false
}

func quoteList(names []string) string {
	q := make([]string, 0, min(len(names), 20))
	for i, n := range names {
		if i == 20 {
			q = append(q, "…")
			break
		}
		q = append(q, strconv.Quote(clip(n)))
	}
	return strings.Join(q, ", ")
}

// checkRow returns a reason when a row does not fit the header or is not
// UTF-8.
func (r *Reader) checkRow(rec *record) string {
	if n, want := len(rec.fields), len(r.csv.header); n != want {
		return fmt.Sprintf("row at line %d has %d fields, header has %d", rec.line, n, want)
	}
	for i, f := range rec.fields {
		if !utf8.ValidString(f) {
			return fmt.Sprintf("invalid UTF-8 in column %s%s", strconv.Quote(clip(r.csv.header[i])), gbkHint([]byte(f)))
		}
	}
	return ""
}

func (r *Reader) mapMediaCrawlerCSV(rec *record, out *[]Item) string {
	if reason := r.checkRow(rec); reason != "" {
		return reason
	}
	f := make(fields, len(rec.fields))
	for i, v := range rec.fields {
		if _, dup := f[r.csv.header[i]]; !dup {
			f[r.csv.header[i]] = v
		}
	}
	return r.mapMediaCrawler(f, rec, out)
}

func (r *Reader) mapGenericCSV(rec *record, out *[]Item) string {
	if reason := r.checkRow(rec); reason != "" {
		return reason
	}
	l := r.csv
	get := func(field string) (string, bool) {
		i, ok := l.cols[field]
		if !ok {
			return "", false
		}
		return rec.fields[i], true
	}
	m := &model.Mention{}
	if v, ok := get(fPlatform); ok && strings.TrimSpace(v) != "" {
		m.Platform, _ = model.ParsePlatform(v)
	}
	m.ExternalID, _ = get(fID)
	m.AuthorName, _ = get(fAuthor)
	m.AuthorID, _ = get(fAuthorID)
	m.URL, _ = get(fURL)
	m.ParentID, _ = get(fParentID)
	m.IPLocation, _ = get(fIPLocation)
	for _, c := range []struct {
		field string
		dst   *int64
	}{{fFollowers, &m.AuthorFollowers}, {fLikes, &m.Likes}, {fComments, &m.Comments}, {fShares, &m.Shares}} {
		if v, ok := get(c.field); ok {
			n, ok := ParseCount(v)
			if !ok {
				return fmt.Sprintf("column %s: want a number, got %s", strconv.Quote(l.header[l.cols[c.field]]), describe(v))
			}
			*c.dst = n
		}
	}
	if v, ok := get(fVerified); ok {
		b, ok := boolOf(v)
		if !ok {
			return fmt.Sprintf("column %s: want true or false, got %s", strconv.Quote(l.header[l.cols[fVerified]]), describe(v))
		}
		m.Verified = b
	}
	if v, ok := get(fCreatedAt); ok {
		t, reason := r.when(v, "column "+strconv.Quote(l.header[l.cols[fCreatedAt]]))
		if reason != "" {
			return strings.TrimPrefix(reason, "field ")
		}
		m.CreatedAt = t
	}
	txt, has := get(fText)
	return r.emit(m, txt, has, rec, out)
}

// weibo-crawler (dataabc/weibo-crawler, weibo.py get_result_headers and
// get_write_info) writes: id, bid, 正文, 头条文章url, 原始图片url, 视频url,
// 位置, 日期, 工具, 点赞数, 评论数, 转发数, 话题, @用户, 完整日期, and unless
// only original posts were crawled: 是否原创, 源用户id, 源用户昵称, then every
// column again prefixed 源微博 for the reposted status. Ids end in a tab (to
// stop Excel from rounding them); 日期 is "2006-01-02T15:04:05" China time
// (plain "2006-01-02" in old versions); 完整日期 is "2006-01-02 15:04:05".
// Its cookie-based sibling weiboSpider writes 微博id, 微博正文, 发布位置,
// 发布时间, 发布工具, 点赞数, 转发数, 评论数, read here as well.

func (r *Reader) mapWeiboCSV(rec *record, out *[]Item) string {
	if reason := r.checkRow(rec); reason != "" {
		return reason
	}
	l := r.csv
	get := func(names ...string) (string, string) {
		for _, n := range names {
			if i, ok := l.index[n]; ok {
				return strings.TrimSpace(rec.fields[i]), n
			}
		}
		return "", ""
	}
	m, reason := r.weiboCSVStatus(get, "", l.author, l.authorID)
	if reason != "" {
		return reason
	}
	if orig, _ := get("是否原创"); strings.EqualFold(orig, "false") {
		m.ParentID, _ = get("源微博id")
	}
	txt, col := get("正文", "微博正文")
	if reason := r.emit(m, txt, col != "", rec, out); reason != "" {
		return reason
	}
	if origText, _ := get("源微博正文"); origText != "" && m.ParentID != "" {
		name, _ := get("源用户昵称")
		uid, _ := get("源用户id")
		o, reason := r.weiboCSVStatus(get, "源微博", name, uid)
		if reason == "" {
			reason = r.emit(o, origText, true, rec, out)
		}
		if reason != "" {
			*out = append(*out, r.reject(rec, "reposted status: "+reason))
		}
	}
	return ""
}

func (r *Reader) weiboCSVStatus(get func(...string) (string, string), prefix, author, authorID string) (*model.Mention, string) {
	p := func(names ...string) []string {
		for i := range names {
			names[i] = prefix + names[i]
		}
		return names
	}
	m := &model.Mention{Platform: model.Weibo, AuthorName: author, AuthorID: authorID}
	m.ExternalID, _ = get(p("id", "微博id")...)
	for _, c := range []struct {
		col string
		dst *int64
	}{{"点赞数", &m.Likes}, {"评论数", &m.Comments}, {"转发数", &m.Shares}} {
		if v, col := get(p(c.col)...); col != "" {
			n, ok := ParseCount(v)
			if !ok {
				return nil, fmt.Sprintf("column %s: want a number, got %s", col, describe(v))
			}
			*c.dst = n
		}
	}
	if v, col := firstValue(get, p("完整日期", "日期", "发布时间")); col != "" {
		t, reason := r.when(v, "column "+col)
		if reason != "" {
			return nil, strings.TrimPrefix(reason, "field ")
		}
		m.CreatedAt = t
	}
	bid, _ := get(p("bid")...)
	if bid == "" && !isDigits(m.ExternalID) {
		// weiboSpider's 微博id is the short bid, not the numeric mid.
		bid = m.ExternalID
	}
	switch {
	case bid != "" && authorID != "":
		m.URL = "https://weibo.com/" + authorID + "/" + bid
	case m.ExternalID != "":
		m.URL = "https://m.weibo.cn/detail/" + m.ExternalID
	}
	return m, ""
}

// weiboCrawlerAuthor reads the author from weibo-crawler's output path,
// weibo/<screen_name>/<user_id>.csv (or weibo/<user_id>/<user_id>.csv).
func weiboCrawlerAuthor(path string) (name, id string) {
	path = filepath.ToSlash(path)
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	if isDigits(base) {
		id = base
	}
	dir := filepath.Base(filepath.Dir(path))
	if id != "" && dir != "." && dir != "/" && dir != id && !isDigits(dir) && !strings.EqualFold(dir, "weibo") {
		name = dir
	}
	return name, id
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// firstValue is get for the first of names that has a value, so an empty
// 完整日期 (older files) falls back to 日期.
func firstValue(get func(...string) (string, string), names []string) (string, string) {
	for _, n := range names {
		if v, col := get(n); v != "" {
			return v, col
		}
	}
	return "", ""
}
