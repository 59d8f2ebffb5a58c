package main

import (
	"strings"
	"testing"
)

// TestTermSafe: an export shown on a terminal loses the escape sequences
// strangers typed, even one cut across two writes; lines stay lines.
func TestTermSafe(t *testing.T) {
	var b strings.Builder
	w := &termSafe{w: &b}
	for _, part := range []string{"id,text\n1,\"清屏\x1b[2", "J了\"\n2,\"剪贴板\x1b]52;c;ZWNobyBwd25lZA==\x07\u202e反\"\n", "3,最后一行没有换行"} {
		if _, err := w.Write([]byte(part)); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.flush(); err != nil {
		t.Fatal(err)
	}
	want := "id,text\n1,\"清屏了\"\n2,\"剪贴板反\"\n3,最后一行没有换行"
	if got := b.String(); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
