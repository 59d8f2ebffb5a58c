package report

import (
	"bufio"
	"io"
	"math"
	"strings"
	"time"

	"warroom/model/metrics"
)

// sparkColumns is the widest a sparkline gets; longer series are merged
// into wider buckets so the line fits a terminal or a page.
const sparkColumns = 72

var sparkLevels = []rune("▁▂▃▄▅▆▇█")

// spark maps v in [0, top] to one of eight bar heights.
func spark(v, top float64) rune {
	if top <= 0 || v <= 0 {
		return sparkLevels[0]
	}
	i := int(math.Ceil(v/top*8)) - 1
	return sparkLevels[max(0, min(i, len(sparkLevels)-1))]
}

// Markdown writes the report as GitHub-flavoured Markdown in lang ("en" or
// "zh"): tables, and Unicode sparklines for volume and negative share.
// Text from strangers is sanitized and has every Markdown character
// escaped, so it cannot turn into links, images or HTML when the Markdown
// is rendered.
func Markdown(w io.Writer, r *metrics.Report, lang string) error {
	d := buildDoc(r, lang, md)
	f := newFmtr(r, lang)
	bw := bufio.NewWriter(w)
	p := func(s ...string) {
		for _, x := range s {
			bw.WriteString(x)
		}
		bw.WriteByte('\n')
	}
	p("# ", d.Title)
	p()
	for i, s := range d.Sub {
		if i < len(d.Sub)-1 {
			s += `\` // a hard line break that survives editors trimming trailing spaces
		}
		p(s)
	}
	for i, s := range d.Warnings {
		if i == 0 {
			p()
			p("> **", s, "**")
			continue
		}
		p("> - ", s)
	}
	for _, s := range d.Sections {
		p()
		if s.Sub {
			p("### ", s.Title)
		} else {
			p("## ", s.Title)
		}
		for _, b := range s.Blocks {
			p()
			mdBlock(p, f, r, b)
		}
	}
	return bw.Flush()
}

func mdBlock(p func(...string), f fmtr, r *metrics.Report, b block) {
	switch {
	case b.Table != nil:
		mdTable(p, b.Table)
	case b.KV != nil:
		for _, x := range b.KV {
			p("- **", x.Label, "**", f.t("colon"), x.Value)
		}
	case b.List != nil:
		for _, x := range b.List {
			p("- ", x)
		}
	case b.Chart == chartVolume:
		mdVolume(p, f, r)
	case b.Chart == chartRecovery:
		mdRecovery(p, f, r)
	case b.Strong:
		p("**", b.Para, "**")
	default:
		p(b.Para)
	}
}

func mdTable(p func(...string), t *table) {
	row := func(cells []string) {
		var b strings.Builder
		b.WriteString("|")
		for _, c := range cells {
			b.WriteString(" ")
			b.WriteString(c)
			b.WriteString(" |")
		}
		p(b.String())
	}
	row(t.Head)
	rule := make([]string, len(t.Head))
	for i := range rule {
		rule[i] = "---"
		if i < len(t.Right) && t.Right[i] {
			rule[i] = "--:"
		}
	}
	row(rule)
	for _, r := range t.Rows {
		row(r)
	}
}

// sparkBlock writes labelled lines in a code block, labels padded to one
// width (our own labels only, so the width count can be simple).
func sparkBlock(p func(...string), labels, lines []string) {
	w := 0
	for _, l := range labels {
		w = max(w, cells(l))
	}
	p("```text")
	for i, l := range labels {
		p(strings.TrimRight(pad(l, w+2)+lines[i], " "))
	}
	p("```")
}

func mdVolume(p func(...string), f fmtr, r *metrics.Report) {
	c := r.Conversation
	s := c.Series
	n := (len(s.Buckets) + sparkColumns - 1) / sparkColumns
	s = s.Rebin(n)
	top := 0
	for _, b := range s.Buckets {
		top = max(top, b.All)
	}
	var vol, share strings.Builder
	marks := []rune(strings.Repeat(" ", len(s.Buckets)))
	for _, b := range s.Buckets {
		vol.WriteRune(spark(float64(b.All), float64(top)))
		if b.All == 0 {
			share.WriteRune(' ')
		} else {
			share.WriteRune(spark(b.Share().Value(), 1))
		}
	}
	var legend []string
	for i, m := range c.Marks {
		col := s.Index(m.At)
		if col < 0 || col >= len(marks) {
			continue
		}
		ch := '*'
		if i < 9 {
			ch = rune('1' + i)
		}
		if marks[col] != ' ' {
			ch = '*'
		}
		marks[col] = ch
		legend = append(legend, f.t("v.markitem", i+1, md(m.Statement, maxNameBytes), f.stKind(m.Kind), f.time(m.At)))
	}
	labels := []string{f.t("v.volume"), f.t("v.share")}
	lines := []string{vol.String(), share.String()}
	if len(legend) > 0 {
		labels, lines = append(labels, f.t("v.marks")), append(lines, string(marks))
	}
	sparkBlock(p, labels, lines)
	p()
	last := s.Buckets[len(s.Buckets)-1].Start
	p("- ", f.t("v.column", f.dur(s.Step), f.time(s.Start), f.time(last)))
	p("- ", f.t("v.peakscale", num(top)), f.t("sep"), f.t("v.empty"))
	for _, l := range legend {
		p("- ", l)
	}
}

func mdRecovery(p func(...string), f fmtr, r *metrics.Report) {
	tr := r.Trust
	pts := recoveryColumns(tr, sparkColumns)
	top := tr.Threshold
	for _, x := range pts {
		if !x.Thin {
			top = max(top, x.Share().Value())
		}
	}
	var line, within strings.Builder
	for _, x := range pts {
		switch {
		case x.Thin:
			line.WriteRune(' ')
			within.WriteByte('.')
		default:
			line.WriteRune(spark(x.Share().Value(), top))
			if x.Within {
				within.WriteByte('+')
			} else {
				within.WriteByte('x')
			}
		}
	}
	sparkBlock(p, []string{f.t("v.curve"), f.t("v.within")}, []string{line.String(), within.String()})
	p()
	step := r.Options.Step * time.Duration(columnsPer(len(tr.Curve), sparkColumns))
	p("- ", f.t("v.curvecol", f.dur(step), f.time(tr.Curve[0].Start), pct(top)))
}

func columnsPer(n, cols int) int { return max(1, (n+cols-1)/cols) }

// recoveryColumns merges curve points so at most cols remain; a merged point
// is judged on its summed counts against the same threshold.
func recoveryColumns(tr metrics.Trust, cols int) []metrics.CurvePoint {
	k := columnsPer(len(tr.Curve), cols)
	if k == 1 {
		return tr.Curve
	}
	var out []metrics.CurvePoint
	for i := 0; i < len(tr.Curve); i += k {
		m := metrics.CurvePoint{Bucket: metrics.Bucket{Start: tr.Curve[i].Start}}
		for _, x := range tr.Curve[i:min(i+k, len(tr.Curve))] {
			m.All += x.All
			m.Negative += x.Negative
		}
		m.Thin = m.All < tr.MinMentions
		m.Within = !m.Thin && m.Share().Value() <= tr.Threshold+1e-9
		out = append(out, m)
	}
	return out
}
