package decode

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// ErrRelativeTime is returned by ParseTime for a relative time ("5分钟前")
// when no reference time was given.
var ErrRelativeTime = errors.New("relative time needs a reference time")

// ParseTime reads a timestamp the way the sources write them:
//
//   - Unix seconds or milliseconds, as a JSON number or numeric string;
//   - RFC 3339 ("2026-11-20T09:30:00+08:00");
//   - "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02", the same
//     with 'T' or '/', or followed by a zone ("+08:00", "+0800");
//   - Weibo's "Tue May 31 17:46:55 +0800 2011" and RFC 1123;
//   - Chinese dates: "2026年11月20日 09:30", "11月20日", "11-20 09:30";
//   - relative forms the mobile sites show: "刚刚", "30秒前", "5分钟前",
//     "2小时前", "3天前", "1周前", "今天 12:00", "昨天 12:00", "前天 08:15".
//
// Times without a zone are in loc (nil means China Standard Time). Relative
// forms and dates without a year are resolved against now; if now is zero
// they fail with ErrRelativeTime. A nil value or empty string gives the
// zero time and no error: the time is simply unknown.
func ParseTime(v any, now time.Time, loc *time.Location) (time.Time, error) {
	if loc == nil {
		loc = china
	}
	switch x := v.(type) {
	case nil:
		return time.Time{}, nil
	case string:
		return parseTimeString(x, now, loc)
	case json.Number:
		return parseTimeString(string(x), now, loc)
	case float64:
		return fromUnix(x)
	case int64:
		return fromUnix(float64(x))
	case int:
		return fromUnix(float64(x))
	case time.Time:
		return x, nil
	}
	return time.Time{}, fmt.Errorf("want a time, got %T", v)
}

// fromUnix reads seconds or milliseconds since 1970, telling them apart by
// size: 1e11 seconds is the year 5138, 1e11 milliseconds is 1973.
func fromUnix(f float64) (time.Time, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) || f < 0 {
		return time.Time{}, errors.New("not a Unix time")
	}
	switch {
	case f == 0:
		// Crawlers write 0 for "unknown".
		return time.Time{}, nil
	case f < 1e11:
		sec, frac := math.Modf(f)
		return time.Unix(int64(sec), int64(frac*1e9)).In(china), nil
	case f < 1e14:
		return time.UnixMilli(int64(f)).In(china), nil
	}
	return time.Time{}, errors.New("unix time out of range")
}

var zoneLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05 Z07:00",
	"2006-01-02 15:04:05 -0700 MST",
	time.RubyDate,
	time.RFC1123Z,
	time.RFC1123,
	time.UnixDate,
	time.RFC850,
}

var localLayouts = []string{
	"2006-01-02 15:04:05",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04",
	"2006-01-02T15:04",
	"2006-01-02",
	"2006/01/02 15:04:05",
	"2006/01/02 15:04",
	"2006/01/02",
	"2006年01月02日 15:04:05",
	"2006年01月02日 15:04",
	"2006年01月02日15:04",
	"2006年01月02日",
	"2006年1月2日 15:04",
	"2006年1月2日",
}

var (
	reAgo      = regexp.MustCompile(`^(\d{1,6})\s*(秒|分钟|分|小时|天|周|个月)前$`)
	reDayClock = regexp.MustCompile(`^(今天|昨天|前天)\s*(?:(\d{1,2}):(\d{2}))?$`)
	reMonthDay = regexp.MustCompile(`^(\d{1,2})(?:-|月)(\d{1,2})日?(?:\s*(\d{1,2}):(\d{2}))?$`)
)

func parseTimeString(s string, now time.Time, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	if isNumeric(s) {
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return time.Time{}, err
		}
		return fromUnix(f)
	}
	for _, l := range zoneLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, nil
		}
	}
	for _, l := range localLayouts {
		if t, err := time.ParseInLocation(l, s, loc); err == nil {
			return t, nil
		}
	}
	return parseRelative(s, now, loc)
}

func isNumeric(s string) bool {
	dot := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
		case c == '.' && !dot && i > 0:
			dot = true
		default:
			return false
		}
	}
	return true
}

func parseRelative(s string, now time.Time, loc *time.Location) (time.Time, error) {
	relative := s == "刚刚" || reAgo.MatchString(s) || reDayClock.MatchString(s) || reMonthDay.MatchString(s)
	if !relative {
		return time.Time{}, fmt.Errorf("unknown time format %q", s)
	}
	if now.IsZero() {
		return time.Time{}, ErrRelativeTime
	}
	now = now.In(loc)
	if s == "刚刚" {
		return now, nil
	}
	if m := reAgo.FindStringSubmatch(s); m != nil {
		n, _ := strconv.Atoi(m[1])
		switch m[2] {
		case "秒":
			return now.Add(-time.Duration(n) * time.Second), nil
		case "分钟", "分":
			return now.Add(-time.Duration(n) * time.Minute), nil
		case "小时":
			return now.Add(-time.Duration(n) * time.Hour), nil
		case "天":
			return now.AddDate(0, 0, -n), nil
		case "周":
			return now.AddDate(0, 0, -7*n), nil
		default: // 个月
			return now.AddDate(0, -n, 0), nil
		}
	}
	if m := reDayClock.FindStringSubmatch(s); m != nil {
		back := map[string]int{"今天": 0, "昨天": 1, "前天": 2}[m[1]]
		day := now.AddDate(0, 0, -back)
		h, mi := 0, 0
		if m[2] != "" {
			h, _ = strconv.Atoi(m[2])
			mi, _ = strconv.Atoi(m[3])
		}
		if h > 23 || mi > 59 {
			return time.Time{}, fmt.Errorf("bad clock time in %q", s)
		}
		return time.Date(day.Year(), day.Month(), day.Day(), h, mi, 0, 0, loc), nil
	}
	m := reMonthDay.FindStringSubmatch(s)
	mo, _ := strconv.Atoi(m[1])
	d, _ := strconv.Atoi(m[2])
	h, mi := 0, 0
	if m[3] != "" {
		h, _ = strconv.Atoi(m[3])
		mi, _ = strconv.Atoi(m[4])
	}
	if mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 {
		return time.Time{}, fmt.Errorf("bad date %q", s)
	}
	// Sites print "MM-DD" for dates in the current year; a date more
	// than a day ahead of now must be last year's.
	t := time.Date(now.Year(), time.Month(mo), d, h, mi, 0, 0, loc)
	if t.After(now.Add(24 * time.Hour)) {
		t = t.AddDate(-1, 0, 0)
	}
	return t, nil
}
