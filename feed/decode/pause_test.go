package decode

import (
	"io"
	"testing"
	"time"
)

// A followed file or a pipe may hold two lines and then say nothing for an
// hour: those two lines must come out at once, not after sniffBytes arrive.
func TestReaderDoesNotWaitForMoreThanTheFirstRead(t *testing.T) {
	pr, pw := io.Pipe()
	defer pw.Close()
	go func() {
		_, _ = pw.Write([]byte(`{"platform":"weibo","id":"1","text":"一"}` + "\n" + `{"platform":"weibo","id":"2","text":"二"}` + "\n"))
	}()
	got := make(chan string, 2)
	go func() {
		r, err := NewReader(pr, "follow.jsonl", Options{})
		if err != nil {
			got <- "error: " + err.Error()
			return
		}
		for range 2 {
			it, err := r.Next()
			if err != nil || it.Mention == nil {
				got <- "bad item"
				return
			}
			got <- it.Mention.Text
		}
	}()
	for _, want := range []string{"一", "二"} {
		select {
		case s := <-got:
			if s != want {
				t.Fatalf("got %q, want %q", s, want)
			}
		case <-time.After(5 * time.Second):
			t.Fatal("the reader waited for more input before giving what it had")
		}
	}
}
