package drill

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"warroom/model"
)

func TestRunHeadless(t *testing.T) {
	sc := mustBuiltin(t, "ad-boycott")
	collect := func() ([]*model.Mention, Summary) {
		var rows []*model.Mention
		sum, err := RunHeadless(context.Background(), sc, 99, t0, 6*time.Hour, SinkFunc(func(ms []*model.Mention) error {
			rows = append(rows, ms...)
			return nil
		}))
		if err != nil {
			t.Fatal(err)
		}
		return rows, sum
	}
	a, sa := collect()
	b, _ := collect()
	if len(a) == 0 || !reflect.DeepEqual(a, b) {
		t.Fatalf("two headless runs with one seed differ (%d vs %d rows)", len(a), len(b))
	}
	if sa.Mentions != len(a) || sa.Negative == 0 || sa.Comments == 0 || sa.Reposts == 0 || sa.ByPlatform[model.Weibo] == 0 {
		t.Fatalf("summary %+v", sa)
	}
	if sa.Last.After(t0.Add(6*time.Hour)) || !sa.First.After(t0) {
		t.Fatalf("summary times %s..%s", sa.First, sa.Last)
	}
	// The headless run is the silent run: the same as a generator left alone.
	g, _ := run(t, sc, 99, 6*time.Hour, time.Hour, nil)
	if !reflect.DeepEqual(a, g) {
		t.Fatal("headless run differs from a generator with no actions")
	}
}

func TestRunHeadlessStops(t *testing.T) {
	sc := mustBuiltin(t, "food-safety")
	boom := errors.New("disk full")
	calls := 0
	_, err := RunHeadless(context.Background(), sc, 1, t0, 0, SinkFunc(func([]*model.Mention) error {
		calls++
		if calls == 3 {
			return boom
		}
		return nil
	}))
	if !errors.Is(err, boom) || calls != 3 {
		t.Fatalf("sink error: %v after %d calls", err, calls)
	}
	ctx, cancel := context.WithCancel(context.Background())
	calls = 0
	_, err = RunHeadless(ctx, sc, 1, t0, 0, SinkFunc(func([]*model.Mention) error {
		calls++
		cancel()
		return nil
	}))
	if !errors.Is(err, context.Canceled) || calls != 1 {
		t.Fatalf("cancel: %v after %d calls", err, calls)
	}
}
