package feed_test

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"warroom/data"
	"warroom/feed"
	"warroom/feed/alert"
	"warroom/feed/classify"
	"warroom/feed/decode"
	"warroom/model"
)

// store adapts data.Writer for the benchmark, as main.go does for the program.
type store struct{ w *data.Writer }

func (s store) Mention(m *model.Mention) { _ = s.w.Mention(m) }
func (s store) Reject(r decode.Reject) {
	_ = s.w.Reject(data.Reject{Source: r.Source, Line: int(r.Line), Reason: r.Reason, Raw: r.Raw})
}
func (s store) SaveAlert(ctx context.Context, a model.Alert) (int64, error) {
	if err := s.w.Alert(&a); err != nil {
		return 0, err
	}
	return a.ID, s.w.Flush(ctx)
}
func (s store) Flush(ctx context.Context) error { return s.w.Flush(ctx) }

var phrases = []string{
	"今天在鲜味坊点的酸菜鱼外卖里吃出一根头发，客服一直不理人，退款也不给，真的太恶心了，再也不会点了！",
	"鲜味坊会员日水煮肉片半价，味道还是那么好，分量也足，和同事一起吃得很开心，推荐大家去试试。",
	"【通报】市场监管部门已关注到网传鲜味坊门店食品安全问题，正在调查核实，将依法处理并及时公布结果。",
	"呵呵，真是“良心企业”，吃坏肚子住院三天，打电话过去就一句抱歉，这就是你们的态度？#鲜味坊异物#",
	"看到新闻说后厨卫生有问题，有点担心，上周刚带孩子去吃过，希望官方尽快给个说法吧。",
	"Their delivery was late again and the food was cold, honestly disappointed 😞 #鲜味坊",
}

// canonical builds n canonical JSONL lines of about 300 bytes of Chinese
// text each, shaped like real mentions.
func canonical(n int) []byte {
	var b bytes.Buffer
	for i := range n {
		text := phrases[i%len(phrases)] + phrases[(i/7)%len(phrases)][:60]
		fmt.Fprintf(&b, `{"platform":"weibo","id":"%d","author":"用户%d","author_id":"u%d","author_followers":%d,"verified":%v,"text":%q,"created_at":"2026-11-20 09:%02d:%02d","likes":%d,"comments":3,"shares":"1.2万","ip_location":"上海"}`+"\n",
			i, i%5000, i%5000, (i*7919)%2000000, i%50 == 0, text, (i/60)%60, i%60, i%1000)
	}
	return b.Bytes()
}

// BenchmarkPipeline measures decode + sanitize + classify + store (and early
// warning) end to end into a real incident file, in mentions per second:
// "stored" until every mention is committed, with search indexing left to
// a later writer as a bulk load does; "indexed" until the search index and
// the side tables hold them too, as the live console's writer does.
func BenchmarkPipeline(b *testing.B) {
	for _, index := range []bool{false, true} {
		name := "stored"
		if index {
			name = "indexed"
		}
		b.Run(name, func(b *testing.B) { benchPipeline(b, index) })
	}
}

func benchPipeline(b *testing.B, index bool) {
	const n = 20000
	in := canonical(n)
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	clf := classify.New()
	var total time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		st, err := data.Open(filepath.Join(b.TempDir(), fmt.Sprintf("p%d.db", i)))
		if err != nil {
			b.Fatal(err)
		}
		var p *feed.Pipeline
		w := st.NewWriter(data.WriterOptions{DeferIndex: !index,
			OnCommit: func(c data.Commit) { p.Committed(c.Mentions, c.Duplicates, nil) }})
		p = feed.New(feed.Options{Store: store{w}, Clock: model.NewManualClock(time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)),
			Classifier: clf, Detector: alert.NewDetector(alert.DefaultRules())})
		b.StartTimer()
		t0 := time.Now()
		if err := p.Ingest(context.Background(), bytes.NewReader(in), "bench.jsonl", decode.Options{}, nil); err != nil {
			b.Fatal(err)
		}
		if err := p.Wait(context.Background()); err != nil {
			b.Fatal(err)
		}
		total += time.Since(t0)
		b.StopTimer()
		if got := p.Stats().Stored; got != n {
			b.Fatalf("stored %d of %d", got, n)
		}
		p.Close()
		w.Close()
		st.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(n*b.N)/total.Seconds(), "mentions/s")
}
