package ui

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"warroom/ui/i18n"
)

var update = flag.Bool("update", false, "rewrite the golden screens in testdata")

// golden compares got with testdata/golden/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./ui -run %s -update to create it)", err, t.Name())
	}
	if string(want) != got {
		t.Errorf("screen differs from %s (run with -update to accept):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// TestGoldenScreens draws the fixture incident at three sizes in both
// languages, under an English and a Chinese locale: the locale must change
// nothing, so both runs are compared with the same file.
func TestGoldenScreens(t *testing.T) {
	sizes := [][2]int{{200, 50}, {120, 40}, {80, 24}}
	for _, sz := range sizes {
		for _, lang := range []i18n.Lang{i18n.EN, i18n.ZH} {
			for _, locale := range []string{"C.UTF-8", "zh_CN.UTF-8"} {
				name := fmt.Sprintf("%dx%d_%s", sz[0], sz[1], lang)
				t.Run(name+"_"+locale, func(t *testing.T) {
					t.Setenv("LANG", locale)
					t.Setenv("LC_ALL", "")
					t.Setenv("RUNEWIDTH_EASTASIAN", "")
					r := newRig(t, fixture(), sz[0], sz[1], withLang(lang))
					checkFrame(t, r.m.View().Content, sz[0], sz[1])
					golden(t, name+".txt", r.screen())
				})
			}
		}
	}
}

// TestGoldenOverlays pins the overlays: help, mention detail, alerts and a
// form, each at a size where it is tight.
func TestGoldenOverlays(t *testing.T) {
	cases := []struct {
		name string
		w, h int
		lang i18n.Lang
		keys []string
	}{
		{"help_80x24_zh", 80, 24, i18n.ZH, []string{"?"}},
		{"detail_120x40_en", 120, 40, i18n.EN, []string{"G", "enter"}},
		{"detail_80x24_zh", 80, 24, i18n.ZH, []string{"j", "j", "enter"}},
		{"alerts_120x40_zh", 120, 40, i18n.ZH, []string{"a", "enter"}},
		{"alerts_80x24_en", 80, 24, i18n.EN, []string{"a"}},
		{"alerts_120x40_en", 120, 40, i18n.EN, []string{"a"}},
		{"alerts_200x50_en", 200, 50, i18n.EN, []string{"a"}},
		{"alerts_80x24_zh", 80, 24, i18n.ZH, []string{"a"}},
		{"taskform_120x40_zh", 120, 40, i18n.ZH, []string{"3", "n"}},
		{"board_120x40_en", 120, 40, i18n.EN, []string{"3", "j"}},
		{"board_80x24_en", 80, 24, i18n.EN, []string{"3"}},
		{"board_80x24_zh", 80, 24, i18n.ZH, []string{"3"}},
		{"clocks_80x24_zh", 80, 24, i18n.ZH, []string{"tab"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := newRig(t, fixture(), c.w, c.h, withLang(c.lang))
			r.key(c.keys...)
			checkFrame(t, r.m.View().Content, c.w, c.h)
			golden(t, c.name+".txt", r.screen())
		})
	}
}

// TestFrameExactAtEverySize resizes through many widths and heights,
// including the edges of each layout, with overlays open.
func TestFrameExactAtEverySize(t *testing.T) {
	for _, noColor := range []bool{true, false} {
		frameSizes(t, newRig(t, fixture(), 200, 60, func(o *Options) { o.NoColor = noColor }))
	}
}

func frameSizes(t *testing.T, r *rig) {
	for _, keys := range [][]string{nil, {"?"}, {"enter"}, {"a"}, {"3", "n"}} {
		r.key("esc", "esc", "1")
		r.key(keys...)
		for w := 60; w <= 220; w += 7 {
			for _, h := range []int{10, 23, 24, 25, 31, 50} {
				r.send(sizeMsg(w, h))
				checkFrame(t, r.m.View().Content, w, h)
			}
		}
	}
}

// TestTooSmall shows the message below 80x24, without panicking, and the
// layout comes back when the window grows.
func TestTooSmall(t *testing.T) {
	r := newRig(t, fixture(), 79, 23)
	checkFrame(t, r.m.View().Content, 79, 23)
	r.mustShow("terminal too small (need 80x24)")
	r.key("j", "tab", "?", "enter") // keys while small must not break anything
	r.send(sizeMsg(80, 24))
	checkFrame(t, r.m.View().Content, 80, 24)
	r.mustNotShow("too small")
	r.send(sizeMsg(80, 23))
	r.mustShow("too small")
	r.send(sizeMsg(1, 1))
	checkFrame(t, r.m.View().Content, 1, 1)
	r.send(sizeMsg(200, 50))
	checkFrame(t, r.m.View().Content, 200, 50)
	if !strings.Contains(r.screen(), "Chicken wing incident") {
		t.Fatal("layout did not come back")
	}
}
