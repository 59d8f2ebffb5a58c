package i18n

import (
	"regexp"
	"slices"
	"testing"
	"time"
)

var (
	verb   = regexp.MustCompile(`%(\[\d+\])?[-+# 0-9.]*[a-zA-Z%]`)
	argIdx = regexp.MustCompile(`\[\d+\]`)
)

// verbs returns a message's format verbs, sorted and without argument
// indexes: Chinese may reorder the arguments (%[2]s), never change them.
func verbs(s string) []string {
	vs := verb.FindAllString(s, -1)
	for i, v := range vs {
		vs[i] = argIdx.ReplaceAllString(v, "")
	}
	slices.Sort(vs)
	return vs
}

// TestCatalogueComplete checks both languages have the same keys and the
// same format verbs, so no screen shows a raw key or a
// %!d(MISSING).
func TestCatalogueComplete(t *testing.T) {
	for k, e := range en {
		z, ok := zh[k]
		if !ok {
			t.Errorf("zh lacks %q", k)
			continue
		}
		if ve, vz := verbs(e), verbs(z); !slices.Equal(ve, vz) {
			t.Errorf("%q: en verbs %v, zh verbs %v", k, ve, vz)
		}
	}
	for k := range zh {
		if _, ok := en[k]; !ok {
			t.Errorf("en lacks %q", k)
		}
	}
}

func TestCount(t *testing.T) {
	cases := []struct {
		n      int64
		en, zh string
	}{
		{0, "0", "0"},
		{999, "999", "999"},
		{1_000, "1k", "1000"},
		{12_345, "12k", "1.2万"},
		{99_999, "99k", "9.9万"},
		{1_234_567, "1.2M", "123万"},
		{345_000_000, "345M", "3.4亿"},
		{2_500_000_000, "2.5B", "25亿"},
		{-1500, "-1.5k", "-1500"},
	}
	for _, c := range cases {
		if got := New(EN).Count(c.n); got != c.en {
			t.Errorf("en Count(%d) = %q, want %q", c.n, got, c.en)
		}
		if got := New(ZH).Count(c.n); got != c.zh {
			t.Errorf("zh Count(%d) = %q, want %q", c.n, got, c.zh)
		}
	}
}

func TestFromEnv(t *testing.T) {
	cases := []struct {
		all, msgs, lang string
		want            Lang
	}{
		{"", "", "zh_CN.UTF-8", ZH},
		{"", "", "C.UTF-8", EN},
		{"", "", "", EN},
		{"en_US.UTF-8", "", "zh_CN.UTF-8", EN},
		{"", "zh_TW.UTF-8", "en_US.UTF-8", ZH},
		{"", "", "fr_FR.UTF-8", EN},
	}
	for _, c := range cases {
		t.Setenv("LC_ALL", c.all)
		t.Setenv("LC_MESSAGES", c.msgs)
		t.Setenv("LANG", c.lang)
		if got := FromEnv(); got != c.want {
			t.Errorf("LC_ALL=%q LC_MESSAGES=%q LANG=%q: %q, want %q", c.all, c.msgs, c.lang, got, c.want)
		}
	}
}

func TestMissingKeyShowsItself(t *testing.T) {
	if got := New(ZH).T("no.such.key"); got != "no.such.key" {
		t.Fatal(got)
	}
}

// The workspace's messages and the core's never share a key.
func TestStatementKeysApart(t *testing.T) {
	for _, pair := range [][2]map[string]string{{coreEN, statementsEN}, {coreZH, statementsZH}} {
		for k := range pair[1] {
			if _, ok := pair[0][k]; ok {
				t.Errorf("%q is both a core and a statement message", k)
			}
		}
	}
}

func TestDuration(t *testing.T) {
	for _, tc := range []struct {
		lang Lang
		d    time.Duration
		want string
	}{
		{EN, 90 * time.Minute, "1h30m"},
		{EN, 24 * time.Hour, "24h"},
		{EN, 29*time.Minute + 40*time.Second, "30m"},
		{ZH, 90 * time.Minute, "1小时30分钟"},
		{ZH, 24 * time.Hour, "24小时"},
		{ZH, 0, "0分钟"},
	} {
		if got := New(tc.lang).Duration(tc.d); got != tc.want {
			t.Errorf("%s %v: %q, want %q", tc.lang, tc.d, got, tc.want)
		}
	}
}
