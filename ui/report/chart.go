package report

import (
	"math"
	"strconv"
	"strings"
	"time"

	"warroom/model/metrics"
)

// Chart geometry, in SVG user units; the SVG scales to the page width.
const (
	chartW      = 960.0
	chartLeft   = 56.0
	chartRight  = 56.0
	chartTop    = 22.0
	chartBottom = 40.0
	maxBars     = 240 // more buckets than this are merged, so bars stay visible
)

// r1 rounds a coordinate to a tenth, which keeps the SVG small.
func r1(v float64) float64 { return math.Round(v*10) / 10 }

type svgRect struct {
	X, Y, W, H float64
	Title      string
}

type svgLine struct {
	X1, Y1, X2, Y2 float64
	Label          string
	LX, LY         float64
	Title          string
}

type svgText struct {
	X, Y   float64
	Text   string
	Anchor string // start, middle, end
}

// legendItem is a swatch and its label above a chart: Kind "bar", "line"
// or "mark" (a short vertical dashed line).
type legendItem struct {
	Kind, Class string
	BX, BX2, TX float64
	Text        string
}

// legend lays items out left to right from x, with room for their labels.
func legend(x float64, items ...legendItem) []legendItem {
	for i := range items {
		items[i].BX, items[i].BX2 = x, x+14
		if items[i].Kind == "mark" {
			items[i].BX += 5
		}
		items[i].TX = x + 18
		x += 18 + 7*float64(cells(items[i].Text)) + 24
	}
	return items
}

type svgDot struct {
	X, Y  float64
	Class string
	Title string
}

// volumeChart is mentions per bucket as bars (negative part in red), the
// negative share as a line on the right axis, and statements as vertical
// lines.
type volumeChart struct {
	W, H     float64
	Label    string
	Bars     []svgRect
	NegBars  []svgRect
	Share    []string // polyline point lists; a gap where a bucket is empty
	Marks    []svgLine
	Grid     []svgLine
	Ticks    []svgText
	Legend   []legendItem
	PlotX    float64
	PlotY    float64
	PlotW    float64
	PlotH    float64
	Captions []string
}

// recoveryChart is the negative share after the last statement, with the
// baseline band (baseline to baseline + margin) and the moment of recovery.
type recoveryChart struct {
	W, H      float64
	Label     string
	Band      svgRect
	Baseline  svgLine
	Line      []string
	Dots      []svgDot
	Recovered *svgLine
	Grid      []svgLine
	Ticks     []svgText
	PlotX     float64
	PlotY     float64
	PlotW     float64
	PlotH     float64
	HasBase   bool
	Legend    []legendItem
	Captions  []string
}

func points(pts [][2]float64) string {
	var b strings.Builder
	for i, p := range pts {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strconv.FormatFloat(r1(p[0]), 'f', -1, 64))
		b.WriteByte(',')
		b.WriteString(strconv.FormatFloat(r1(p[1]), 'f', -1, 64))
	}
	return b.String()
}

// niceTop rounds a maximum up to 1, 2 or 5 times a power of ten, so the axis
// label is a round number.
func niceTop(v float64) float64 {
	if v <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 5, 10} {
		if v <= m*p {
			return m * p
		}
	}
	return 10 * p
}

// xTicks labels about n evenly spaced buckets along the x axis.
func xTicks(f fmtr, start time.Time, step time.Duration, count int, x func(i float64) float64, y float64, n int) []svgText {
	if count == 0 {
		return nil
	}
	every := max(1, (count+n-1)/n)
	var out []svgText
	for i := 0; i < count; i += every {
		t := start.Add(time.Duration(i) * step).In(f.loc)
		out = append(out, svgText{X: r1(x(float64(i))), Y: y, Text: t.Format("01-02 15:04"), Anchor: "middle"})
	}
	return out
}

func newVolumeChart(f fmtr, r *metrics.Report) *volumeChart {
	c := r.Conversation
	s := c.Series.Rebin(columnsPer(len(c.Series.Buckets), maxBars))
	n := len(s.Buckets)
	if n == 0 {
		return nil
	}
	h := 300.0
	v := &volumeChart{W: chartW, H: h, PlotX: chartLeft, PlotY: chartTop, PlotW: chartW - chartLeft - chartRight,
		PlotH: h - chartTop - chartBottom, Label: f.t("h.conversation")}
	top := 0
	for _, b := range s.Buckets {
		top = max(top, b.All)
	}
	yTop := niceTop(float64(top))
	bw := v.PlotW / float64(n)
	xOf := func(i float64) float64 { return v.PlotX + i*bw }
	yCount := func(c float64) float64 { return v.PlotY + v.PlotH*(1-c/yTop) }
	yShare := func(sh float64) float64 { return v.PlotY + v.PlotH*(1-sh) }
	gap := math.Min(1, bw*0.15)
	var seg [][2]float64
	flush := func() {
		if len(seg) > 0 {
			v.Share = append(v.Share, points(seg))
			seg = nil
		}
	}
	for i, b := range s.Buckets {
		x := xOf(float64(i))
		title := f.time(b.Start) + ": " + num(b.All) + " / " + num(b.Negative) + " (" + f.ratio(b.Share()) + ")"
		if b.All > 0 {
			y := yCount(float64(b.All))
			v.Bars = append(v.Bars, svgRect{X: r1(x + gap/2), Y: r1(y), W: r1(bw - gap), H: r1(v.PlotY + v.PlotH - y), Title: title})
		}
		if b.Negative > 0 {
			y := yCount(float64(b.Negative))
			v.NegBars = append(v.NegBars, svgRect{X: r1(x + gap/2), Y: r1(y), W: r1(bw - gap), H: r1(v.PlotY + v.PlotH - y), Title: title})
		}
		if b.All == 0 {
			flush()
			continue
		}
		seg = append(seg, [2]float64{x + bw/2, yShare(b.Share().Value())})
	}
	flush()
	for _, q := range []float64{0, 0.25, 0.5, 0.75, 1} {
		y := r1(yShare(q))
		v.Grid = append(v.Grid, svgLine{X1: v.PlotX, Y1: y, X2: v.PlotX + v.PlotW, Y2: y})
		v.Ticks = append(v.Ticks,
			svgText{X: v.PlotX + v.PlotW + 6, Y: y + 4, Text: pct(q), Anchor: "start"},
			svgText{X: v.PlotX - 6, Y: y + 4, Text: num(int64(math.Round(q * yTop))), Anchor: "end"})
	}
	v.Ticks = append(v.Ticks, xTicks(f, s.Start, s.Step, n, xOf, v.PlotY+v.PlotH+18, 8)...)
	for i, m := range c.Marks {
		pos := float64(m.At.Sub(s.Start)) / float64(s.Step)
		if pos < 0 || pos > float64(n) {
			continue
		}
		x := r1(xOf(pos))
		v.Marks = append(v.Marks, svgLine{X1: x, Y1: v.PlotY, X2: x, Y2: v.PlotY + v.PlotH, Label: clean(m.Statement, maxNameBytes),
			LX: x + 3, LY: v.PlotY + 10 + float64(i%3)*11,
			Title: f.t("v.markitem", i+1, clean(m.Statement, maxNameBytes), f.stKind(m.Kind), f.time(m.At))})
	}
	v.Legend = legend(v.PlotX,
		legendItem{Kind: "bar", Class: "all", Text: f.t("col.mentions")},
		legendItem{Kind: "bar", Class: "neg", Text: f.t("col.negative")},
		legendItem{Kind: "line", Class: "share", Text: f.t("col.share")},
		legendItem{Kind: "mark", Class: "mark", Text: f.t("v.marks")})
	v.Captions = []string{f.t("v.column", f.dur(s.Step), f.time(s.Start), f.time(s.Buckets[n-1].Start))}
	return v
}

func newRecoveryChart(f fmtr, r *metrics.Report) *recoveryChart {
	tr := r.Trust
	pts := recoveryColumns(tr, maxBars)
	n := len(pts)
	if n == 0 {
		return nil
	}
	step := r.Options.Step * time.Duration(columnsPer(len(tr.Curve), maxBars))
	h := 260.0
	c := &recoveryChart{W: chartW, H: h, PlotX: chartLeft, PlotY: chartTop, PlotW: chartW - chartLeft - chartRight,
		PlotH: h - chartTop - chartBottom, Label: f.t("h.curve"), HasBase: tr.Baseline.Known()}
	top := 0.0
	if c.HasBase {
		top = tr.Threshold
	}
	for _, p := range pts {
		if !p.Thin {
			top = max(top, p.Share().Value())
		}
	}
	yTop := math.Min(1, niceTop(top*1.1))
	bw := c.PlotW / float64(n)
	xOf := func(i float64) float64 { return c.PlotX + i*bw }
	y := func(sh float64) float64 { return c.PlotY + c.PlotH*(1-math.Min(sh, yTop)/yTop) }
	if c.HasBase {
		yb, yt := y(tr.Baseline.Value()), y(tr.Threshold)
		c.Band = svgRect{X: c.PlotX, Y: r1(yt), W: r1(c.PlotW), H: r1(yb - yt),
			Title: f.t("tr.ruleval", pct(tr.Threshold), points1(tr.Margin), tr.Sustain)}
		c.Baseline = svgLine{X1: c.PlotX, Y1: r1(yb), X2: c.PlotX + c.PlotW, Y2: r1(yb), Label: f.t("tr.baseline") + " " + f.ratio(tr.Baseline),
			LX: c.PlotX + 4, LY: r1(yb) - 4}
	}
	for _, q := range []float64{0, 0.25, 0.5, 0.75, 1} {
		yy := r1(c.PlotY + c.PlotH*(1-q))
		c.Grid = append(c.Grid, svgLine{X1: c.PlotX, Y1: yy, X2: c.PlotX + c.PlotW, Y2: yy})
		c.Ticks = append(c.Ticks, svgText{X: c.PlotX - 6, Y: yy + 4, Text: pct(q * yTop), Anchor: "end"})
	}
	c.Ticks = append(c.Ticks, xTicks(f, pts[0].Start, step, n, func(i float64) float64 { return xOf(i + 0.5) }, c.PlotY+c.PlotH+18, 8)...)
	var seg [][2]float64
	for i, p := range pts {
		if p.Thin {
			continue // thin buckets are skipped by the rule; the line joins across them
		}
		x, yy := xOf(float64(i)+0.5), y(p.Share().Value())
		seg = append(seg, [2]float64{x, yy})
		class := "above"
		if p.Within {
			class = "within"
		}
		c.Dots = append(c.Dots, svgDot{X: r1(x), Y: r1(yy), Class: class,
			Title: f.time(p.Start) + ": " + f.ratio(p.Share()) + " (" + num(p.Negative) + " / " + num(p.All) + ")"})
	}
	if len(seg) > 0 {
		c.Line = []string{points(seg)}
	}
	if tr.Status == metrics.TrustRecovered {
		// Through the centre of the bucket recovery is timed at, where its dot is.
		pos := math.Floor(float64(tr.RecoveredAt.Sub(pts[0].Start))/float64(step)) + 0.5
		x := r1(xOf(pos))
		c.Recovered = &svgLine{X1: x, Y1: c.PlotY, X2: x, Y2: c.PlotY + c.PlotH, Label: f.time(tr.RecoveredAt), LX: x + 4, LY: c.PlotY + 10}
	}
	c.Legend = legend(c.PlotX, legendItem{Kind: "line", Class: "curve", Text: f.t("col.share")})
	if c.HasBase {
		c.Legend = append(c.Legend, legend(c.Legend[0].TX+7*float64(cells(c.Legend[0].Text))+24,
			legendItem{Kind: "bar", Class: "band", Text: f.t("tr.chartband")})...)
	}
	c.Captions = []string{f.t("v.curvehtml", f.dur(step), f.time(pts[0].Start), pct(yTop))}
	return c
}

// points1 is a margin in percentage points without a sign.
func points1(m float64) string { return strings.TrimPrefix(pointsSigned(m), "+") }
