package ui

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"warroom/model"
	"warroom/ui/i18n"
)

// hostile strings a stranger could post: screen clears, clipboard writes,
// title changes, carriage returns, 8-bit CSI, bidi overrides.
var hostile = []string{
	"\x1b[2J", "\x1b]52;c;ZXZpbA==\x07", "\x1b]0;title\x07", "line\rover", "\u009b31m", "\u202eevil", "\x1bP+q\x1b\\", "a\x00b\x7fc",
}

func hostileBackend() *fakeBackend {
	b := fixture()
	for i, h := range hostile {
		b.add(&model.Mention{
			Platform:   model.Platform("evil" + h), // even an unknown platform name from a decoder
			AuthorName: "作者" + h + "名",
			Text:       "内容" + h + "文本 text" + h,
			URL:        "https://x.cn/" + h + "/p",
			CreatedAt:  t0.Add(-time.Duration(i) * time.Second),
			Severity:   99,
			Negative:   true,
			Terms:      []string{"词" + h},
			IPLocation: "北京" + h,
		})
	}
	b.alerts = append(b.alerts, &model.Alert{ID: 9, Rule: "custom" + hostile[0], Message: "msg" + hostile[1], Level: model.LevelRed,
		At: t0, UpdatedAt: t0, Terms: []string{hostile[2]}, Evidence: []int64{41, 42}})
	return b
}

// sgr matches the styling lipgloss writes; with colour on it is the only
// escape sequence allowed in a frame.
var sgr = regexp.MustCompile(`\x1b\[[0-9;:]*m`)

func checkClean(t *testing.T, frame string, noColor bool) {
	t.Helper()
	rest := frame
	if !noColor {
		rest = sgr.ReplaceAllString(frame, "")
	}
	for _, bad := range []string{"\x1b", "\r", "\u009b", "\u202e", "\x07", "\x00", "\x7f", "\u0090"} {
		if i := strings.Index(rest, bad); i >= 0 {
			lo := max(i-40, 0)
			t.Fatalf("frame contains %q near %q", bad, rest[lo:min(i+40, len(rest))])
		}
	}
}

// TestHostileTextNeverReachesTheScreen feeds escape sequences, controls and
// bidi overrides through mention text, author names, URLs, terms and alerts,
// and looks at the raw frames of every view that shows them.
func TestHostileTextNeverReachesTheScreen(t *testing.T) {
	for _, noColor := range []bool{true, false} {
		for _, lang := range []i18n.Lang{i18n.EN, i18n.ZH} {
			r := newRig(t, hostileBackend(), 200, 50, withLang(lang), func(o *Options) { o.NoColor = noColor })
			frames := []string{r.m.View().Content}
			r.key("enter") // detail of the newest (hostile) mention
			frames = append(frames, r.m.View().Content)
			r.key("esc", "a", "enter")
			frames = append(frames, r.m.View().Content)
			r.key("esc", "/")
			r.typeText("x")
			r.send(pasteMsg("\x1b[2J\u202e粘贴"))
			frames = append(frames, r.m.View().Content)
			r.key("enter", "esc")
			// Live rows take the same path.
			r.key("f")
			ms := r.b.add(&model.Mention{Platform: model.Weibo, AuthorName: hostile[1], Text: hostile[0] + hostile[5], URL: hostile[2], CreatedAt: t0, Severity: 99, Negative: true})
			r.send(updatesMsg{u: Update{Mentions: ms}})
			frames = append(frames, r.m.View().Content)
			for _, w := range []int{120, 80} {
				r.send(sizeMsg(w, 30))
				frames = append(frames, r.m.View().Content)
			}
			for i, f := range frames {
				checkClean(t, f, noColor)
				if noColor && strings.Contains(f, "\x1b") {
					t.Fatalf("frame %d has an escape with colour off", i)
				}
			}
		}
	}
}
