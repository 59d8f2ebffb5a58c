package report

import (
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"warroom/model/metrics"
	"warroom/model/text"
)

// fmtr formats values for one report in one language: times in the
// report's zone, durations and counts in the language's habits.
type fmtr struct {
	lang
	loc *time.Location
}

func newFmtr(r *metrics.Report, code string) fmtr {
	loc := r.Options.Location
	if loc == nil {
		loc = metrics.ChinaTime
	}
	return fmtr{lang: langFor(code), loc: loc}
}

// time formats a moment as date and minute; the zero time is a dash.
func (f fmtr) time(t time.Time) string {
	if t.IsZero() {
		return f.t("dash")
	}
	return t.In(f.loc).Format("2006-01-02 15:04")
}

// zone names the report's zone as an offset, e.g. "UTC+08:00".
func (f fmtr) zone(at time.Time) string {
	return "UTC" + at.In(f.loc).Format("-07:00")
}

// dur formats a duration to two units at most ("1d 10h", "4h 40m",
// "25m"); a negative one gets a minus sign.
func (f fmtr) dur(d time.Duration) string {
	sign := ""
	if d < 0 {
		sign, d = "−", -d
	}
	d = d.Round(time.Second)
	days, rest := d/(24*time.Hour), d%(24*time.Hour)
	hours, rest := rest/time.Hour, rest%time.Hour
	mins, secs := rest/time.Minute, (rest%time.Minute)/time.Second
	var parts []string
	add := func(key string, n time.Duration) { parts = append(parts, f.t(key, int64(n))) }
	switch {
	case days > 0:
		add("dur.d", days)
		if hours > 0 {
			add("dur.h", hours)
		}
	case hours > 0:
		add("dur.h", hours)
		if mins > 0 {
			add("dur.m", mins)
		}
	case mins > 0:
		add("dur.m", mins)
		if secs > 0 {
			add("dur.s", secs)
		}
	default:
		add("dur.s", secs)
	}
	return sign + strings.Join(parts, f.t("dur.sep"))
}

// num formats a count with thousands separators.
func num[T ~int | ~int64](n T) string {
	s := strconv.FormatInt(int64(n), 10)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// pct formats a share as a percentage with one decimal.
func pct(v float64) string { return strconv.FormatFloat(v*100, 'f', 1, 64) + "%" }

// scorePoints formats a debrief's points to one decimal at most.
func scorePoints(x float64) string { return strconv.FormatFloat(math.Round(x*10)/10, 'f', -1, 64) }

// ratio formats a ratio as a percentage, or a dash when nothing was counted.
func (f fmtr) ratio(r metrics.Ratio) string {
	if !r.Known() {
		return f.t("dash")
	}
	return pct(r.Value())
}

// pointsSigned formats a change of share in percentage points, signed.
func pointsSigned(d float64) string {
	s := strconv.FormatFloat(d*100, 'f', 1, 64)
	if d >= 0 {
		s = "+" + s
	}
	return s
}

// Caps on untrusted text in one cell, in bytes (a CJK character is three).
const (
	maxPostBytes = 420
	maxNameBytes = 90
	maxWhyBytes  = 1000 // a debrief line: our words, with a clock's name and note in them
)

// clean makes untrusted text safe for one table cell: model/text's
// sanitizer (escapes, C0/C1, bidi, invalid UTF-8), newlines folded, and cut
// to max bytes with an ellipsis.
func clean(s string, max int) string {
	s = text.OneLine(s)
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// mdEscaper backslash-escapes every character Markdown gives a meaning to,
// so a stranger's post cannot become a link, an image that loads from a
// tracker, raw HTML, emphasis or a new table column.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`, `<`, `\<`, `>`, `\>`,
	`|`, `\|`, `#`, `\#`, `!`, `\!`, `&`, `\&`, `~`, `\~`, `(`, `\(`, `)`, `\)`,
)

// md cleans untrusted (or simply free) text for a Markdown table cell.
func md(s string, max int) string { return mdEscaper.Replace(clean(s, max)) }

// cells is the display width of s in a monospace font: CJK and other wide
// characters take two cells. Only used to align our own labels.
func cells(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case r >= 0x1100 && (r <= 0x115f || (r >= 0x2e80 && r <= 0xa4cf) || (r >= 0xac00 && r <= 0xd7a3) ||
			(r >= 0xf900 && r <= 0xfaff) || (r >= 0xfe30 && r <= 0xfe4f) || (r >= 0xff00 && r <= 0xff60) ||
			(r >= 0xffe0 && r <= 0xffe6)):
			n += 2
		default:
			n++
		}
	}
	return n
}

// pad right-pads s with spaces to w cells.
func pad(s string, w int) string {
	if n := cells(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}
