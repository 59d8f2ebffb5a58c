package statements

import (
	"fmt"
	"slices"

	"warroom/model"
	"warroom/ui/i18n"
)

// catalog reads the console's one catalogue (ui/i18n, where this package's
// strings live in statements.go) with helpers for the names it shows.
type catalog struct {
	base *i18n.Catalog
}

func newCatalog(l i18n.Lang) catalog { return catalog{base: i18n.New(l)} }

// lang is the plan-text language ("zh" or "en").
func (c catalog) lang() string { return string(c.base.Lang()) }

// T returns the message for key; a missing key shows as itself, which the
// catalogue test catches.
func (c catalog) T(key string) string { return c.base.T(key) }

// F formats the message for key.
func (c catalog) F(key string, args ...any) string { return fmt.Sprintf(c.T(key), args...) }

// count formats followers the way readers of the language expect.
func (c catalog) count(n int64) string { return c.base.Count(n) }

// platform names a platform; unknown ones are "other".
func (c catalog) platform(p model.Platform) string {
	if !slices.Contains(model.Platforms, p) {
		p = model.Other
	}
	return c.base.T("platform." + string(p))
}

// role names a role; unknown ones show as written, cleaned.
func (c catalog) role(r model.Role) string {
	if k := "role." + string(r); c.base.Has(k) {
		return c.base.T(k)
	}
	return clean(string(r))
}

// roles names a list of roles.
func (c catalog) roles(rs []model.Role) string {
	if len(rs) == 0 {
		return c.T("ws.noroles")
	}
	out := ""
	for i, r := range rs {
		if i > 0 {
			out += c.T("sep.list")
		}
		out += c.role(r)
	}
	return out
}

// status names a statement status.
func (c catalog) status(s model.StatementStatus) string {
	if k := "stmt." + string(s); c.Has(k) {
		return c.T(k)
	}
	return clean(string(s))
}

// kind names a statement kind.
func (c catalog) kind(k model.StatementKind) string {
	if k == "" {
		return c.T("kind.none")
	}
	if key := "kind." + string(k); c.Has(key) {
		return c.T(key)
	}
	return clean(string(k))
}

// Has reports whether the catalogue defines key.
func (c catalog) Has(key string) bool { return c.base.Has(key) }
