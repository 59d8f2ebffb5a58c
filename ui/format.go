package ui

import (
	"fmt"
	"slices"
	"time"

	tea "charm.land/bubbletea/v2"

	"warroom/model"
	"warroom/ui/i18n"
)

// platformKey names a platform in the catalogue; unknown ones are "other".
func platformKey(p model.Platform) string {
	if slices.Contains(model.Platforms, p) {
		return string(p)
	}
	return string(model.Other)
}

// categoryName translates a category; none shows as a dash.
func categoryName(c *i18n.Catalog, k model.Category) string {
	if k == model.CategoryNone {
		return "-"
	}
	if key := "category." + string(k); c.Has(key) {
		return c.T(key)
	}
	return c.T("category.other")
}

// levelName translates a warning level.
func levelName(c *i18n.Catalog, l model.Level) string {
	if l < model.LevelNone || l > model.LevelRed {
		return c.T("level.none")
	}
	return c.T("level." + l.String())
}

// roleName translates a role; none shows as a dash.
func roleName(c *i18n.Catalog, r model.Role) string {
	if r == "" {
		return "-"
	}
	if key := "role." + string(r); c.Has(key) {
		return c.T(key)
	}
	return clean(string(r))
}

// hms formats a duration as hh:mm:ss, ignoring its sign.
func hms(d time.Duration) string {
	if d < 0 {
		d = -d
	}
	s := int64(d / time.Second)
	return fmt.Sprintf("%02d:%02d:%02d", s/3600, s/60%60, s%60)
}

// copyURL copies a mention's link to the clipboard through OSC 52, which
// works over SSH in terminals that allow it.
func (s *session) copyURL(m *model.Mention) tea.Cmd {
	u := clean(m.URL)
	if u == "" {
		s.fail(s.c.T("detail.nourl"))
		return nil
	}
	s.note(s.c.F("detail.copied", u))
	return tea.SetClipboard(u)
}
