package alert

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"warroom/model"
)

// t0 is 3 a.m. on a weekday: virtual time for every test.
var t0 = time.Date(2025, 3, 12, 3, 0, 0, 0, time.UTC)

// run feeds a detector mentions on virtual time and records what it emits.
type run struct {
	t    *testing.T
	d    *Detector
	id   int64
	got  []emission
	live map[string]*model.Alert // latest pointer per key
}

// emission is a snapshot of an alert when it was returned: the pointer is
// reused, so the history has to be copied.
type emission struct {
	ptr  *model.Alert
	snap model.Alert
}

func newRun(t *testing.T, r Rules) *run {
	t.Helper()
	return &run{t: t, d: NewDetector(r), live: map[string]*model.Alert{}}
}

func (r *run) record(as []*model.Alert) {
	for _, a := range as {
		r.got = append(r.got, emission{ptr: a, snap: *a})
		r.live[a.Key] = a
	}
}

// mention builds a stored mention; negatives look like a service complaint.
func (r *run) mention(at time.Time, p model.Platform, neg bool) *model.Mention {
	r.id++
	m := &model.Mention{ID: r.id, Platform: p, IngestedAt: at, AuthorID: "u" + strconv.FormatInt(r.id, 10),
		Text: "今天买的咖啡还行，包装挺好看", Sentiment: 0.3, Severity: 5, AuthorFollowers: 300}
	if neg {
		m.Negative, m.Sentiment, m.Severity = true, -0.7, 40
		m.Text, m.Category, m.Terms = "客服态度太差了，退款拖了一个月", model.CategoryService, []string{"退款", "客服"}
	}
	return m
}

// observe feeds one mention.
func (r *run) observe(m *model.Mention) []*model.Alert {
	as := r.d.Observe(m)
	r.record(as)
	return as
}

// spread feeds n mentions on p evenly over [from, from+dur), negative or not.
func (r *run) spread(from time.Time, dur time.Duration, n int, p model.Platform, neg bool) {
	for i := range n {
		r.observe(r.mention(from.Add(dur*time.Duration(i)/time.Duration(n)), p, neg))
	}
}

// quiet feeds a calm stretch: one mention a minute on weibo, every tenth
// negative.
func (r *run) quiet(from time.Time, dur time.Duration) {
	for i := range int(dur / time.Minute) {
		r.observe(r.mention(from.Add(time.Duration(i)*time.Minute), model.Weibo, i%10 == 0))
	}
}

// keys lists the base keys (rule:scope, wave suffix cut) that fired.
func (r *run) keys() map[string]bool {
	out := map[string]bool{}
	for _, e := range r.got {
		out[baseKey(e.snap.Key)] = true
	}
	return out
}

// of returns the emissions of one base key, in order.
func (r *run) of(base string) []emission {
	var out []emission
	for _, e := range r.got {
		if baseKey(e.snap.Key) == base {
			out = append(out, e)
		}
	}
	return out
}

func keyList(m map[string]bool) string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	return strings.Join(ks, " ")
}
