package report

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"

	"warroom/model/metrics"
)

//go:embed report.html.tmpl
var pageTemplate string

// page is parsed once; html/template escapes every value by context, so
// text from strangers can never become markup, script or a URL to load.
var page = template.Must(template.New("report").Funcs(template.FuncMap{
	"pair":  func(root *htmlData, b block) blockData { return blockData{Root: root, Block: b} },
	"right": func(t *table, i int) bool { return i < len(t.Right) && t.Right[i] },
	// A cell that starts with one of our timestamps keeps it on one line.
	"stamp": func(s string) bool { return len(s) >= 16 && s[4] == '-' && s[10] == ' ' && s[13] == ':' },
}).Parse(pageTemplate))

type htmlData struct {
	HTMLLang string
	Doc      *doc
	Volume   *volumeChart
	Recovery *recoveryChart
}

type blockData struct {
	Root  *htmlData
	Block block
}

// HTML writes the report as one self-contained page in lang ("en" or
// "zh"): inline CSS and inline SVG charts, no script, nothing loaded from
// anywhere (a Content-Security-Policy says so to the browser too), and a
// print stylesheet so it can be handed round on paper.
func HTML(w io.Writer, r *metrics.Report, lang string) error {
	f := newFmtr(r, lang)
	d := htmlData{HTMLLang: "en", Doc: buildDoc(r, lang, clean)}
	if f.code == LangZH {
		d.HTMLLang = "zh-CN"
	}
	d.Volume = newVolumeChart(f, r)
	d.Recovery = newRecoveryChart(f, r)
	if err := page.Execute(w, &d); err != nil {
		return fmt.Errorf("report: write HTML: %w", err)
	}
	return nil
}
