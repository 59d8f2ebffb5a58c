package ui

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"warroom/model"
)

// detailOverlay shows one mention in full: wrapped text with the matched
// terms highlighted, every count, the judgement, the link and the thread.
type detailOverlay struct {
	sh      *session
	m       *model.Mention
	parent  *model.Mention
	replies []*model.Mention
	loaded  bool
	err     string
	off     int
}

func newDetail(sh *session, m *model.Mention) (*detailOverlay, tea.Cmd) {
	d := &detailOverlay{sh: sh, m: m}
	b, until := sh.opts.Backend, sh.until()
	return d, read(func(ctx context.Context) tea.Msg {
		p, r, err := b.Thread(ctx, m)
		if p != nil && !until.IsZero() && !visibleAt(p, until) {
			p = nil
		}
		return threadMsg{id: m.ID, parent: p, replies: arrivedBy(r, until), err: err}
	})
}

func (d *detailOverlay) KeyMap() bindings {
	k := d.sh.keys.Detail
	return bindings{short: []key.Binding{k.Up, k.Down, k.Copy, k.Close}, full: [][]key.Binding{{k.Up, k.Down, k.Copy, k.Close}}}
}

// Update handles keys and the thread answer; done closes the overlay.
func (d *detailOverlay) Update(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case threadMsg:
		if msg.id == d.m.ID {
			d.loaded = true
			d.parent, d.replies = msg.parent, msg.replies
			if msg.err != nil {
				d.err = d.sh.c.F("err.load", clean(msg.err.Error()))
			}
		}
	case tea.MouseWheelMsg:
		if msg.Button == tea.MouseWheelUp {
			d.off = max(d.off-3, 0)
		} else {
			d.off += 3
		}
	case tea.KeyPressMsg:
		k := d.sh.keys.Detail
		switch {
		case key.Matches(msg, k.Close):
			return nil, true
		case key.Matches(msg, k.Down):
			d.off++
		case key.Matches(msg, k.Up):
			d.off = max(d.off-1, 0)
		case key.Matches(msg, k.Copy):
			return d.sh.copyURL(d.m), false
		}
	}
	return nil, false
}

// View renders the overlay w by h.
func (d *detailOverlay) View(w, h int) []string {
	sh := d.sh
	st, c := sh.st, sh.c
	m := d.m
	inner := w - 4
	var lines []string
	add := func(s string) { lines = append(lines, " "+s) }
	head := c.T("platform."+platformKey(m.Platform)) + " · " + clean(m.AuthorName) + " (" + c.F("detail.followers", c.Count(m.AuthorFollowers)) + ")"
	if m.Verified {
		head += " " + st.Verified.Render("V")
	}
	add(st.Bold.Render(head))
	add(st.Dim.Render(postedArrived(sh, m)) + dash(clean(m.IPLocation)))
	if m.URL != "" {
		add(c.T("detail.url") + " " + st.Accent.Render(clean(m.URL)))
	} else {
		add(st.Dim.Render(c.T("detail.nourl")))
	}
	add(c.F("detail.counts", c.Count(m.Likes), c.Count(m.Comments), c.Count(m.Shares), c.Count(m.Engagement())))
	sent := c.T("detail.positive")
	if m.Negative {
		sent = c.T("detail.negative")
	}
	add(st.sevStyle(m.Severity).Render(c.F("detail.severity", m.Severity)) + " · " +
		c.F("detail.sentiment", fmt.Sprintf("%+.2f", m.Sentiment), sent) + " · " + c.T("detail.category") + " " + categoryName(c, m.Category))
	terms := cleanTerms(m.Terms)
	if len(terms) > 0 {
		add(c.T("detail.terms") + " " + st.Highlight.Render(strings.Join(terms, ", ")))
	}
	if m.DupOf != 0 {
		add(st.Dim.Render(c.F("detail.dup", m.DupOf)))
	}
	lines = append(lines, "")
	for _, l := range wrap(cleanBlock(m.Text), inner-1) {
		add(highlight(st, l, terms))
	}
	lines = append(lines, "")
	switch {
	case d.err != "":
		add(st.Error.Render(d.err))
	case !d.loaded:
		add(st.Dim.Render(c.T("detail.loading")))
	default:
		if d.parent != nil {
			add(st.Bold.Render(c.T("detail.parent")))
			add(oneMention(sh, d.parent))
		}
		add(st.Bold.Render(c.F("detail.replies", len(d.replies))))
		for _, r := range d.replies {
			add(oneMention(sh, r))
		}
	}
	body := h - 2
	d.off = min(d.off, max(len(lines)-body, 0))
	return box(st, c.T("detail.title"), lines[d.off:], w, h, true)
}

func dash(s string) string {
	if s == "" {
		return ""
	}
	return " · " + s
}

// postedArrived says when a mention was posted and, when that was not within
// the minute, when it reached the feed: an old post resurfacing is news.
func postedArrived(sh *session, m *model.Mention) string {
	const full = "2006-01-02 15:04:05"
	arrived := m.IngestedAt.In(sh.loc).Format(full)
	switch {
	case m.CreatedAt.IsZero():
		return sh.c.F("detail.arrivedonly", arrived)
	case m.IngestedAt.IsZero() || m.IngestedAt.Sub(m.CreatedAt).Abs() < time.Minute:
		return m.CreatedAt.In(sh.loc).Format(full)
	}
	return sh.c.F("detail.postedarrived", m.CreatedAt.In(sh.loc).Format(full), arrived)
}

// oneMention is a mention summarised on one line, for threads and evidence.
func oneMention(sh *session, m *model.Mention) string {
	return sh.clock(shownTime(m)) + " " + sh.c.T("platform."+platformKey(m.Platform)) + " " + clean(m.AuthorName) + ": " + clean(m.Text)
}

// cleanTerms sanitizes the matched terms, longest first so a longer term
// wins over a term inside it when highlighting.
func cleanTerms(ts []string) []string {
	var out []string
	for _, t := range ts {
		if t = clean(t); t != "" {
			out = append(out, t)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

// highlight styles every occurrence of the terms in a plain line.
func highlight(st *Styles, line string, terms []string) string {
	if len(terms) == 0 || st.NoColor {
		return line
	}
	marked := make([]bool, len(line))
	any := false
	for _, t := range terms {
		for i := 0; i <= len(line)-len(t); {
			j := strings.Index(line[i:], t)
			if j < 0 {
				break
			}
			for k := i + j; k < i+j+len(t); k++ {
				marked[k] = true
			}
			any = true
			i += j + len(t)
		}
	}
	if !any {
		return line
	}
	var b strings.Builder
	start := 0
	for i := 1; i <= len(line); i++ {
		if i == len(line) || marked[i] != marked[start] {
			seg := line[start:i]
			if marked[start] {
				seg = st.Highlight.Render(seg)
			}
			b.WriteString(seg)
			start = i
		}
	}
	return b.String()
}
