package main

import (
	"strings"
	"testing"
	"time"
)

// TestParseFrom: replay --from reads times as g does in the replay, so a
// time of day in an incident that runs past midnight falls on the right
// day, and a time outside the file is refused rather than moved.
func TestParseFrom(t *testing.T) {
	first := time.Date(2026, 11, 20, 9, 0, 0, 0, chinaTime)
	last := first.Add(24*time.Hour - time.Minute)
	for _, tc := range []struct {
		in   string
		want time.Time
		err  string
	}{
		{"", first, ""},
		{"+2h30m", first.Add(150 * time.Minute), ""},
		{"10:15", time.Date(2026, 11, 20, 10, 15, 0, 0, chinaTime), ""},
		{"00:30", time.Date(2026, 11, 21, 0, 30, 0, 0, chinaTime), ""},
		{"2026-11-21 08:00", time.Date(2026, 11, 21, 8, 0, 0, 0, chinaTime), ""},
		{"2026-11-20T12:00:00+08:00", time.Date(2026, 11, 20, 12, 0, 0, 0, chinaTime), ""},
		{"2099-01-01 00:00", time.Time{}, "outside the file"},
		{"+-1h", time.Time{}, "want +DURATION"},
		{"soon", time.Time{}, "want +DURATION"},
	} {
		got, err := parseFrom(tc.in, first, last)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%q: %v, %v; want an error saying %q", tc.in, got, err, tc.err)
			}
			continue
		}
		if err != nil || !got.Equal(tc.want) {
			t.Errorf("%q: %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
}
