package report

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	mt "warroom/model/metrics/metricstest"
)

func renderHTML(t *testing.T, lang string) string {
	t.Helper()
	var buf bytes.Buffer
	if err := HTML(&buf, build(t, len(mt.Hours), mt.RecoveredAsOf), lang); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

var (
	tagRE  = regexp.MustCompile(`<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>`)
	voidEl = map[string]bool{"meta": true, "br": true, "img": true, "input": true, "link": true, "hr": true, "col": true, "wbr": true}
	// Anything that would make the browser fetch something.
	loadRE = regexp.MustCompile(`(?i)(\b(src|href|xlink:href|action|poster|srcset)\s*=\s*["']?\s*([a-z]+:|//))|url\s*\(|@import|<script|<link|<iframe|<object|<embed`)
)

// balanced checks that every opened tag is closed in order: well-formed
// enough for a page we generate ourselves.
func balanced(t *testing.T, page string) {
	t.Helper()
	// The DOCTYPE and text inside <style> hold no tags.
	var stack []string
	for _, m := range tagRE.FindAllStringSubmatch(page, -1) {
		closing, name, self := m[1] == "/", strings.ToLower(m[2]), m[3] == "/"
		switch {
		case voidEl[name] || self:
		case closing:
			if len(stack) == 0 || stack[len(stack)-1] != name {
				t.Fatalf("</%s> closes %v", name, stack)
			}
			stack = stack[:len(stack)-1]
		default:
			stack = append(stack, name)
		}
	}
	if len(stack) != 0 {
		t.Fatalf("unclosed tags: %v", stack)
	}
}

func TestHTMLSelfContainedAndEscaped(t *testing.T) {
	for _, lang := range []string{LangEN, LangZH} {
		t.Run(lang, func(t *testing.T) {
			page := renderHTML(t, lang)
			if !strings.HasPrefix(page, "<!DOCTYPE html>") {
				t.Error("no doctype")
			}
			balanced(t, page)
			if m := loadRE.FindString(page); m != "" {
				t.Errorf("page would load something: %q", m)
			}
			for _, want := range []string{`<meta charset="utf-8">`, "@media print", `<svg viewBox=`, `id="chart-volume"`,
				`id="chart-recovery"`, `class="share"`, `class="band"`, `class="mark"`, `class="recovered"`,
				"&lt;script&gt;alert(1)&lt;/script&gt;", "Content-Security-Policy"} {
				if !strings.Contains(page, want) {
					t.Errorf("page lacks %q", want)
				}
			}
			for _, bad := range []string{"<script>", "\x1b", "\u202e", "⟦"} {
				if strings.Contains(page, bad) {
					t.Errorf("page contains %q", bad)
				}
			}
			for i, r := range page {
				if (r < 0x20 && r != '\n') || (r >= 0x7f && r <= 0x9f) {
					t.Fatalf("control character %U at byte %d", r, i)
				}
			}
			wantLang := map[string]string{LangEN: `<html lang="en">`, LangZH: `<html lang="zh-CN">`}[lang]
			if !strings.Contains(page, wantLang) {
				t.Errorf("page lacks %s", wantLang)
			}
		})
	}
	if zh := renderHTML(t, LangZH); !strings.Contains(zh, "事件复盘报告") || !strings.Contains(zh, "重建信任") {
		t.Error("Chinese page is not in Chinese")
	}
}

func TestMarkdownEscapesStrangers(t *testing.T) {
	var buf bytes.Buffer
	if err := Markdown(&buf, build(t, len(mt.Hours), mt.RecoveredAsOf), LangEN); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, bad := range []string{"<script>", "](http", "![", "\x1b", "\u202e", "⟦"} {
		if strings.Contains(out, bad) {
			t.Errorf("markdown contains %q", bad)
		}
	}
	// Every table row has as many cells as its header: no stray pipes.
	cellsOf := func(line string) int { return strings.Count(strings.ReplaceAll(line, `\|`, ""), "|") - 1 }
	head := 0
	for i, line := range strings.Split(out, "\n") {
		switch {
		case !strings.HasPrefix(line, "| "):
			head = 0
		case head == 0:
			head = cellsOf(line)
		case cellsOf(line) != head:
			t.Errorf("line %d has %d cells, its header %d: %s", i+1, cellsOf(line), head, line)
		}
	}
}

func TestCatalogueComplete(t *testing.T) {
	for k := range en {
		if _, ok := zh[k]; !ok {
			t.Errorf("zh lacks %q", k)
		}
	}
	for k := range zh {
		if _, ok := en[k]; !ok {
			t.Errorf("en lacks %q", k)
		}
	}
	// Every key the Markdown goldens use resolved, in both languages.
	for _, lang := range []string{LangEN, LangZH} {
		for _, hours := range []int{len(mt.Hours), mt.NotYetHours} {
			var buf bytes.Buffer
			if err := Markdown(&buf, build(t, hours, mt.NotYetAsOf), lang); err != nil {
				t.Fatal(err)
			}
			if i := strings.Index(buf.String(), "⟦"); i >= 0 {
				t.Errorf("%s: missing string %s", lang, buf.String()[i:i+30])
			}
		}
	}
}
