package data

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"warroom/model"
)

// Fragments of the kind of posts a crisis brings, mixed at random into
// mentions of about 300 bytes so benchmarks index a realistic vocabulary.
var genFragments = []string{
	"今天在门店买的咖啡喝出了异物", "吃出异物太恶心了", "客服态度极差，推来推去", "已经向12315投诉",
	"这家店的后厨卫生堪忧", "退款申请被拒绝了三次", "有没有人遇到同样的问题", "#瑞幸咖啡吃出异物#",
	"品牌方到现在都没有回应", "强烈要求给个说法", "视频已经发到抖音上了", "孩子喝完之后拉肚子",
	"去医院检查花了八百多", "门店经理说是正常现象", "这种态度真的让人寒心", "以后再也不会买了",
	"大家避雷吧", "官方微博评论区已经沦陷", "有律师朋友吗求助", "转发扩散让更多人看到",
	"食品安全无小事", "市场监管局已经介入", "今天的热搜第一", "说好的无理由退换呢",
	"快递包装破损严重", "产品质量越来越差", "价格比上个月贵了一倍", "涉嫌虚假宣传",
	"会员积分莫名其妙清零", "个人信息被泄露了", "接到好多骚扰电话", "员工爆料加班不给钱",
	"抵制这种无良商家", "支持维权到底", "希望相关部门严查", "已经截图保存证据",
	"其实我觉得还好", "昨天买的还挺好喝的", "坐等官方回应", "吃瓜群众路过",
	"这个事情反转了吗", "据说是竞争对手黑的", "新品味道不错", "包装设计很好看",
	"iPhone 15 Pro", "APP闪退", "315晚会点名", "CEO道歉视频", "PR团队在干嘛", "KOL带节奏",
	"😡😡😡", "👍", "[怒]", "[心碎]", "哈哈哈哈", "？？？", "！！！", "……",
	"@市场监管总局", "@人民日报", "@新京报", "//@用户8843: 真的假的",
	"北京朝阳区三里屯店", "上海静安寺店", "广州天河城店", "深圳南山科技园店", "成都春熙路店",
	"第一次遇到这种情况", "消费者的权益谁来保障", "媒体已经在跟进报道", "评论区全是同样遭遇的",
}

var genPlatforms = []model.Platform{model.Weibo, model.Weibo, model.Weibo, model.Douyin, model.Douyin,
	model.Xiaohongshu, model.Bilibili, model.Zhihu, model.Kuaishou, model.Tieba, model.WeChat, model.Heimao, model.News}

// mentionGen makes varied, realistic mentions, deterministically from a seed.
type mentionGen struct {
	r    *rand.Rand
	n    int
	base time.Time
	step time.Duration // ingest time between consecutive mentions
}

func newMentionGen(seed uint64, base time.Time) *mentionGen {
	return &mentionGen{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), base: base, step: 50 * time.Millisecond}
}

func (g *mentionGen) text(minBytes int) string {
	var b strings.Builder
	for b.Len() < minBytes {
		b.WriteString(genFragments[g.r.IntN(len(genFragments))])
		switch g.r.IntN(6) {
		case 0:
			b.WriteString("，")
		case 1:
			b.WriteString("。")
		case 2:
			fmt.Fprintf(&b, "%d", g.r.IntN(1000))
		}
	}
	return b.String()
}

func (g *mentionGen) next() *model.Mention {
	g.n++
	at := g.base.Add(time.Duration(g.n) * g.step)
	p := genPlatforms[g.r.IntN(len(genPlatforms))]
	text := g.text(270)
	neg := g.r.IntN(10) < 4
	sev := g.r.IntN(40)
	if neg {
		sev += g.r.IntN(61)
	}
	m := &model.Mention{
		Platform:        p,
		ExternalID:      fmt.Sprintf("%016d", 4_800_000_000_000_000+g.n),
		AuthorName:      fmt.Sprintf("用户%d", g.r.IntN(100000)),
		AuthorID:        fmt.Sprintf("u%d", g.r.IntN(1000000)),
		AuthorFollowers: int64(g.r.ExpFloat64() * 5000),
		Verified:        g.r.IntN(50) == 0,
		Text:            text,
		RawText:         text,
		CreatedAt:       at.Add(-time.Duration(g.r.IntN(3600)) * time.Second),
		IngestedAt:      at,
		Likes:           int64(g.r.IntN(500)),
		Comments:        int64(g.r.IntN(100)),
		Shares:          int64(g.r.IntN(50)),
		URL:             fmt.Sprintf("https://%s.example/p/%d", p, g.n),
		IPLocation:      []string{"北京", "上海", "广东", "四川", "浙江"}[g.r.IntN(5)],
		Source:          "bench",
		Sentiment:       g.r.Float64()*2 - 1,
		Negative:        neg,
		Severity:        sev,
	}
	if neg {
		m.Category = model.Categories[g.r.IntN(len(model.Categories))]
		m.Terms = []string{"异物", "投诉"}[:1+g.r.IntN(2)]
	}
	return m
}
