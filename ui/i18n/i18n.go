// Package i18n is the console's one message catalogue, in English and
// Simplified Chinese. Every string the console shows comes from here, so a
// crisis team can work in either language and a missing translation is a
// test failure rather than a surprise on screen.
package i18n

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// Lang is a display language.
type Lang string

// Supported languages.
const (
	EN Lang = "en"
	ZH Lang = "zh"
)

// Parse reads a language name or locale ("zh", "zh_CN.UTF-8", "en_US").
func Parse(s string) (Lang, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch {
	case s == "":
		return EN, false
	case strings.HasPrefix(s, "zh"):
		return ZH, true
	case strings.HasPrefix(s, "en"), s == "c", s == "posix", strings.HasPrefix(s, "c."):
		return EN, true
	}
	return EN, false
}

// FromEnv picks the language from the locale variables in the order POSIX
// gives them precedence: LC_ALL, LC_MESSAGES, LANG. English is the default.
func FromEnv() Lang {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if s := os.Getenv(v); s != "" {
			l, _ := Parse(s)
			return l
		}
	}
	return EN
}

// Catalog looks messages up in one language.
type Catalog struct {
	lang Lang
	m    map[string]string
}

// New returns the catalogue for l (English for anything unknown).
func New(l Lang) *Catalog {
	if l == ZH {
		return &Catalog{lang: ZH, m: zh}
	}
	return &Catalog{lang: EN, m: en}
}

// Lang returns the catalogue's language.
func (c *Catalog) Lang() Lang { return c.lang }

// T returns the message for key. A missing key shows as itself, which the
// catalogue test catches before a user does.
func (c *Catalog) T(key string) string {
	if s, ok := c.m[key]; ok {
		return s
	}
	return key
}

// Has reports whether key exists in this language.
func (c *Catalog) Has(key string) bool {
	_, ok := c.m[key]
	return ok
}

// F formats the message for key with args, as fmt.Sprintf.
func (c *Catalog) F(key string, args ...any) string {
	return fmt.Sprintf(c.T(key), args...)
}

// Keys lists the keys of a language, for tests.
func Keys(l Lang) []string {
	m := en
	if l == ZH {
		m = zh
	}
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// Count formats a follower or engagement count the way readers of each
// language expect: 1.2万 and 3.4亿 in Chinese, 12k and 1.2M in English.
func (c *Catalog) Count(n int64) string {
	neg := ""
	if n < 0 {
		neg, n = "-", -n
	}
	if c.lang == ZH {
		switch {
		case n >= 100_000_000:
			return neg + short(float64(n)/1e8) + "亿"
		case n >= 10_000:
			return neg + short(float64(n)/1e4) + "万"
		}
		return neg + strconv.FormatInt(n, 10)
	}
	switch {
	case n >= 1_000_000_000:
		return neg + short(float64(n)/1e9) + "B"
	case n >= 1_000_000:
		return neg + short(float64(n)/1e6) + "M"
	case n >= 1_000:
		return neg + short(float64(n)/1e3) + "k"
	}
	return neg + strconv.FormatInt(n, 10)
}

// Duration formats a length of time to the minute as readers of each
// language write it: 1h30m in English, 1小时30分钟 in Chinese.
func (c *Catalog) Duration(d time.Duration) string {
	d = d.Round(time.Minute)
	h, m := int64(d/time.Hour), int64(d%time.Hour/time.Minute)
	hu, mu := "h", "m"
	if c.lang == ZH {
		hu, mu = "小时", "分钟"
	}
	switch {
	case h > 0 && m > 0:
		return strconv.FormatInt(h, 10) + hu + strconv.FormatInt(m, 10) + mu
	case h > 0:
		return strconv.FormatInt(h, 10) + hu
	}
	return strconv.FormatInt(m, 10) + mu
}

// short prints one decimal below 10 and none above: 1.2, 12, 120. It rounds
// down so that 9,999 never reads as 10k.
func short(v float64) string {
	if v < 10 {
		v = float64(int64(v*10)) / 10
		s := strconv.FormatFloat(v, 'f', 1, 64)
		return strings.TrimSuffix(s, ".0")
	}
	return strconv.FormatInt(int64(v), 10)
}
