package data

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"warroom/model"
)

var benchBase = time.Date(2026, 3, 15, 8, 0, 0, 0, time.UTC)

// benchMentions makes n distinct mentions: texts from a pool of generated
// ones, each made unique by its number so none is linked as a repost.
func benchMentions(n int, seed uint64, first int) []*model.Mention {
	g := newMentionGen(seed, benchBase)
	pool := make([]*model.Mention, min(n, 20000))
	for i := range pool {
		pool[i] = g.next()
	}
	out := make([]*model.Mention, n)
	for i := range out {
		m := *pool[i%len(pool)]
		// Platform post ids are fixed-width and increase with time.
		m.ExternalID = fmt.Sprintf("%016d", 4_900_000_000_000_000+first+i)
		m.Text = m.Text + " #" + strconv.Itoa(first+i)
		m.RawText = m.Text
		m.IngestedAt = benchBase.Add(time.Duration(first+i) * time.Millisecond)
		out[i] = &m
	}
	return out
}

// BenchmarkWriteMentions measures mentions stored per second through the
// batched writer, with search indexing deferred and with it running behind
// the writer. "stored/s" counts until the last mention is committed;
// "indexed/s" until Flush returns with everything indexed. "replies" makes
// every other mention a comment on one of the thousand before it, as
// crawler exports of comments are: each costs the writer a thread-index
// entry too.
func BenchmarkWriteMentions(b *testing.B) {
	for _, v := range []struct {
		name           string
		index, replies bool
	}{{"noindex", false, false}, {"index", true, false}, {"replies", false, true}} {
		index := v.index
		b.Run(v.name, func(b *testing.B) {
			ms := benchMentions(b.N, 1, 0)
			if v.replies {
				for i := 1; i < len(ms); i += 2 {
					ms[i].ParentID = ms[max(0, i-1-(i*7919)%1000)].ExternalID
				}
			}
			s, err := Open(filepath.Join(b.TempDir(), "bench.db"))
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			var stored atomic.Int64
			var storedAt, cpuStart, cpuStored atomic.Int64
			start := time.Now()
			w := s.NewWriter(WriterOptions{DeferIndex: !index, OnCommit: func(c Commit) {
				if cpuStart.Load() == 0 {
					cpuStart.Store(int64(threadCPU()))
				}
				if stored.Add(int64(len(c.Mentions))) == int64(b.N) {
					storedAt.Store(int64(time.Since(start)))
					cpuStored.Store(int64(threadCPU()))
				}
			}})
			b.ResetTimer()
			start = time.Now()
			for _, m := range ms {
				w.Mention(m)
			}
			if err := w.Flush(context.Background()); err != nil {
				b.Fatal(err)
			}
			all := time.Since(start)
			b.StopTimer()
			if err := w.Close(); err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(b.N)/time.Duration(storedAt.Load()).Seconds(), "stored/s")
			// The writer goroutine's own CPU per mention (its thread's clock,
			// read in OnCommit; the first batch is not counted): what it would
			// store with a core to itself, whatever else the machine runs.
			if perRow := time.Duration(cpuStored.Load()-cpuStart.Load()) / time.Duration(max(b.N-1000, 1)); perRow > 0 {
				b.ReportMetric(float64(perRow.Nanoseconds())/1000, "writer-µs/row")
				b.ReportMetric(float64(time.Second)/float64(perRow), "writer-bound/s")
			}
			if index {
				b.ReportMetric(float64(b.N)/all.Seconds(), "indexed/s")
			}
		})
	}
}

// benchFileVersion names the cached 1M-mention file; bump it when the
// schema or the generator changes.
const benchFileVersion = "v2"

// bench1M returns a read store over a file of 1,000,000 indexed mentions,
// built once and cached in the temp directory across runs.
func bench1M(b *testing.B) *Store {
	b.Helper()
	const n = 1_000_000
	path := filepath.Join(os.TempDir(), fmt.Sprintf("warroom-bench-1m-%s-s%d.db", benchFileVersion, SchemaVersion))
	if _, err := os.Stat(path); err != nil {
		tmp := path + ".tmp"
		os.Remove(tmp)
		s, err := Open(tmp)
		if err != nil {
			b.Fatal(err)
		}
		w := s.NewWriter(WriterOptions{})
		start := time.Now()
		const chunk = 100_000
		for i := 0; i < n; i += chunk {
			for _, m := range benchMentions(chunk, uint64(i+1), i) {
				w.Mention(m)
			}
		}
		if err := w.Flush(context.Background()); err != nil {
			b.Fatal(err)
		}
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
		b.Logf("built %s in %s", path, time.Since(start))
		if err := os.Rename(tmp, path); err != nil {
			b.Fatal(err)
		}
	}
	s, err := OpenReadOnly(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// BenchmarkSearch1M times full-text searches for the newest 100 matches
// over a million mentions.
func BenchmarkSearch1M(b *testing.B) {
	s := bench1M(b)
	ctx := context.Background()
	for _, q := range []string{"异物", "吃出异物", "春熙路", "客服态度", "iphone", "涉嫌虚假宣传", "锈", "不存在的词"} {
		b.Run(q, func(b *testing.B) {
			var n int
			for i := 0; i < b.N; i++ {
				ms, err := s.Mentions(ctx, MentionFilter{Query: q, Limit: 100})
				if err != nil {
					b.Fatal(err)
				}
				n = len(ms)
			}
			b.ReportMetric(float64(n), "matches")
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/op")
		})
	}
}

// BenchmarkLatest times the newest 200 mentions under each kind of filter
// over a million mentions.
func BenchmarkLatest(b *testing.B) {
	s := bench1M(b)
	ctx := context.Background()
	filters := []struct {
		name string
		f    MentionFilter
	}{
		{"all", MentionFilter{}},
		{"platform", MentionFilter{Platform: model.Heimao}},
		{"negative", MentionFilter{NegativeOnly: true}},
		{"platform+negative", MentionFilter{Platform: model.Zhihu, NegativeOnly: true}},
		{"severity80", MentionFilter{MinSeverity: 80}},
		{"severity95+platform", MentionFilter{MinSeverity: 95, Platform: model.Heimao}},
		{"severity30", MentionFilter{MinSeverity: 30}},
		{"until-early", MentionFilter{Until: benchBase.Add(10 * time.Minute)}},
		{"until+negative", MentionFilter{Until: benchBase.Add(time.Hour), NegativeOnly: true}},
		{"page-deep", MentionFilter{BeforeID: 1000, Platform: model.Weibo}},
		{"query+negative", MentionFilter{Query: "客服", NegativeOnly: true, Platform: model.Douyin}},
		{"author-handle", MentionFilter{Authors: []string{"@用户4242"}}},
		{"author-id+platform", MentionFilter{Authors: []string{"u424242", "不存在的人"}, Platform: model.Weibo}},
	}
	for _, tc := range filters {
		b.Run(tc.name, func(b *testing.B) {
			tc.f.Limit = 200
			for i := 0; i < b.N; i++ {
				if _, err := s.Mentions(ctx, tc.f); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/op")
		})
	}
	b.Run("count-query", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := s.CountMentions(ctx, MentionFilter{Query: "异物"}); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/op")
	})
}
