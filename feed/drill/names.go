package drill

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"

	"warroom/model"
)

// The word lists below are written for this package; they are what makes a
// synthetic feed look like a Chinese one: nicknames, IP locations, reach.

// provinces are the "IP属地" values platforms show, weighted roughly by
// internet population so Guangdong shows up more than Ningxia.
var provinces = func() weights[string] {
	list := []struct {
		name string
		w    float64
	}{
		{"广东", 12}, {"江苏", 8}, {"浙江", 8}, {"山东", 7}, {"河南", 6}, {"四川", 6}, {"北京", 6}, {"上海", 6},
		{"湖北", 5}, {"湖南", 5}, {"河北", 4}, {"福建", 4}, {"安徽", 4}, {"陕西", 3}, {"辽宁", 3}, {"重庆", 3},
		{"江西", 3}, {"广西", 3}, {"云南", 2}, {"山西", 2}, {"天津", 2}, {"黑龙江", 2}, {"贵州", 2}, {"吉林", 1},
		{"内蒙古", 1}, {"新疆", 1}, {"甘肃", 1}, {"海南", 1}, {"宁夏", 0.5}, {"青海", 0.5}, {"西藏", 0.3},
		{"香港", 0.5}, {"澳门", 0.2}, {"台湾", 0.2}, {"海外", 0.6},
	}
	var w weights[string]
	sum := 0.0
	for _, p := range list {
		sum += p.w
		w.Items = append(w.Items, p.name)
		w.Cum = append(w.Cum, sum)
	}
	return w
}()

var cities = []string{"上海", "北京", "广州", "深圳", "杭州", "成都", "武汉", "南京", "西安", "重庆", "长沙", "苏州",
	"郑州", "天津", "青岛", "厦门", "合肥", "济南", "福州", "昆明", "宁波", "东莞", "佛山", "沈阳", "大连", "无锡",
	"南昌", "贵阳", "石家庄", "哈尔滨", "南宁", "温州"}

var (
	emojiNeg = []string{"😡", "🤮", "😤", "💢", "😠", "🙄", "😓", "😰", "👎", "[怒]", "[吐]", "[生病]", "[汗]", "[怒骂]"}
	emojiPos = []string{"😊", "👍", "❤️", "🥰", "😋", "✨", "👏", "💪", "[赞]", "[心]", "[哈哈]", "[good]", "[鼓掌]"}
	emojiNeu = []string{"🤔", "👀", "🍉", "[吃瓜]", "[思考]", "[围观]", "…", "📌"}
	whens    = []string{"今天中午", "昨晚", "刚刚", "今天早上", "前天", "上周末", "今晚", "下午", "昨天", "刚才"}
)

// Nickname parts. Ordinary users are drawn from a stable population: the
// same index always gives the same name, id, location and follower count,
// so a busy user shows up more than once, as on a real feed.
var (
	nickAdj  = []string{"爱吃鱼的", "不吃香菜的", "今天也想躺平的", "快乐的", "社恐的", "熬夜的", "佛系", "奶茶续命的", "想去海边的", "爱睡觉的", "努力搬砖的", "减肥失败的", "emo的", "认真生活的", "路过的", "头秃的", "甜甜的", "暴躁的", "早睡早起的", "普通的"}
	nickNoun = []string{"猫", "小熊", "橘子", "打工人", "胖虎", "兔子", "小鹿", "柠檬", "土豆", "汤圆", "咸鱼", "大白", "小狗", "芒果", "饺子", "团子", "章鱼", "西瓜", "星星", "蘑菇"}
	nickHead = []string{"小", "阿", "老", "大"}
	nickName = []string{"李", "王", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "杰", "婷", "磊", "静", "敏", "强", "丽", "军", "芳", "超", "鹏", "燕"}
	nickTail = []string{"", "", "同学", "呀", "酱", "_", "君", "哥", "姐", "吖"}
	nickLat  = []string{"momo", "Cherry", "Kiki", "Leo", "Jason", "Lucky", "Coco", "Amy", "Tony", "Vivian", "Sunny", "Echo", "Alex", "Nana", "Mia"}

	kolHead = []string{"美食", "吃货", "探店", "数码", "测评", "生活", "吐槽", "八卦", "财经", "消费", "避坑", "种草", "科技", "时尚", "情感"}
	kolMid  = []string{"博主", "研究所", "日记", "观察", "小分队", "情报局", "实验室", "指南", "大咖", "达人", "笔记"}
	kolTail = []string{"阿May", "老K", "小鱼", "大表哥", "Echo", "老陈", "二姐", "胖哥", "Vicky", "小王子", "", ""}

	// Invented outlet names: a drill must not put words in real newsrooms' mouths.
	mediaNames = []string{"晨光都市报", "新消费观察", "民生直通车", "财经前哨", "江南晚报网", "极速新闻", "第一现场观察",
		"观潮财经", "城市快讯", "今日消费评论", "锐评新闻", "热点追踪社"}
	officialNames = []string{"消费者权益保护委员会", "市场监管在线", "12315消费维权", "消费提示"}
)

// hash64 mixes numbers into one well-spread value (SplitMix64 finaliser):
// author attributes are functions of (seed, kind, index), not of any stream,
// so they stay the same however generation is chunked.
func hash64(xs ...uint64) uint64 {
	h := uint64(0x9E3779B97F4A7C15)
	for _, x := range xs {
		h ^= x + 0x9E3779B97F4A7C15 + (h << 6) + (h >> 2)
		h ^= h >> 30
		h *= 0xBF58476D1CE4E5B9
		h ^= h >> 27
		h *= 0x94D049BB133111EB
		h ^= h >> 31
	}
	return h
}

// unit maps a hash to [0,1).
func unit(h uint64) float64 { return float64(h>>11) / (1 << 53) }

// author is who posts: a name, an id and reach.
type author struct {
	kind      AuthorKind
	name      string
	id        string
	followers int64
	verified  bool
	location  string
}

// populationSize is how many distinct ordinary users a drill draws from.
const populationSize = 400000

// ordinaryAuthor returns ordinary user number idx of the drill population.
func ordinaryAuthor(seed int64, idx uint64) author {
	h := hash64(uint64(seed), 1, idx)
	pick := func(list []string, salt uint64) string { return list[hash64(h, salt)%uint64(len(list))] }
	var name string
	switch h % 10 {
	case 0, 1, 2:
		name = pick(nickAdj, 1) + pick(nickNoun, 2)
	case 3, 4:
		name = pick(nickHead, 3) + pick(nickName, 4) + pick(nickTail, 5)
	case 5:
		name = pick(nickLat, 6) + "_" + strconv.Itoa(int(hash64(h, 7)%9000+100))
	case 6, 7:
		// Platforms' default names: users who never changed theirs.
		name = "用户" + strconv.FormatUint(hash64(h, 8)%9000000000+1000000000, 10)
	default:
		name = pick(nickNoun, 9) + pick(nickTail, 10) + strconv.Itoa(int(hash64(h, 11)%100))
	}
	// Log-normal followers: most have a few hundred, a few have tens of thousands.
	z := normFromHash(hash64(h, 12))
	f := math.Exp(5.0 + 1.5*z)
	return author{kind: Ordinary, name: name, id: uid(h), followers: int64(min(f, 80000)),
		verified: hash64(h, 13)%200 == 0, location: provinces.pick(unit(hash64(h, 14)))}
}

// botAuthor returns bot number idx: fresh accounts, few followers, default
// or keyboard-mash names.
func botAuthor(seed int64, idx uint64) author {
	h := hash64(uint64(seed), 2, idx)
	var name string
	switch h % 4 {
	case 0, 1:
		name = "用户" + strconv.FormatUint(hash64(h, 1)%9000000000+1000000000, 10)
	case 2:
		const letters = "abcdefghijkmnpqrstuvwxyz"
		b := make([]byte, 0, 10)
		for i := range 4 {
			b = append(b, letters[hash64(h, uint64(i+2))%uint64(len(letters))])
		}
		name = string(b) + strconv.Itoa(int(hash64(h, 9)%90000+10000))
	default:
		name = []string{"花开富贵", "岁月静好", "平安是福", "好运连连", "心想事成"}[hash64(h, 10)%5] + strconv.Itoa(int(hash64(h, 11)%900+100))
	}
	return author{kind: Bot, name: name, id: uid(h), followers: int64(hash64(h, 12) % 60),
		location: provinces.pick(unit(hash64(h, 13)))}
}

// kolAuthor returns a generated influencer when the scenario names too few.
func kolAuthor(seed int64, idx uint64) author {
	h := hash64(uint64(seed), 3, idx)
	name := kolHead[h%uint64(len(kolHead))] + kolMid[hash64(h, 1)%uint64(len(kolMid))] + kolTail[hash64(h, 2)%uint64(len(kolTail))]
	// Log-uniform from 200 thousand to 8 million.
	f := math.Exp(math.Log(2e5) + unit(hash64(h, 3))*(math.Log(8e6)-math.Log(2e5)))
	return author{kind: KOL, name: name, id: uid(h), followers: int64(f), verified: true,
		location: provinces.pick(unit(hash64(h, 4)))}
}

func mediaAuthor(seed int64, idx uint64) author {
	i := idx % uint64(len(mediaNames))
	h := hash64(uint64(seed), 4, i)
	f := math.Exp(math.Log(5e5) + unit(hash64(h, 1))*(math.Log(3e7)-math.Log(5e5)))
	return author{kind: Media, name: mediaNames[i], id: uid(h), followers: int64(f), verified: true,
		location: []string{"北京", "上海", "广东", "浙江"}[h%4]}
}

func officialAuthor(seed int64, idx uint64) author {
	i := idx % uint64(len(officialNames))
	h := hash64(uint64(seed), 5, i)
	return author{kind: Official, name: officialNames[i], id: uid(h), followers: int64(1e5 + unit(hash64(h, 1))*3e6),
		verified: true, location: "北京"}
}

// uid is a ten-digit numeric user id, the shape Weibo uses.
func uid(h uint64) string { return strconv.FormatUint(hash64(h, 99)%9000000000+1000000000, 10) }

// normFromHash turns a hash into a standard normal value (Box-Muller).
func normFromHash(h uint64) float64 {
	u1 := unit(h) + 1e-12
	u2 := unit(hash64(h, 1))
	return math.Sqrt(-2*math.Log(u1)) * math.Cos(2*math.Pi*u2)
}

// postURL builds a link in the shape each platform uses.
func postURL(p model.Platform, authorID string, r *rand.Rand) string {
	digits := func(n int) string {
		b := make([]byte, n)
		b[0] = byte('1' + r.IntN(9))
		for i := 1; i < n; i++ {
			b[i] = byte('0' + r.IntN(10))
		}
		return string(b)
	}
	const b62 = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	alnum := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = b62[r.IntN(len(b62))]
		}
		return string(b)
	}
	switch p {
	case model.Weibo:
		return fmt.Sprintf("https://weibo.com/%s/%s", authorID, alnum(9))
	case model.Douyin:
		return "https://www.douyin.com/video/" + digits(19)
	case model.Xiaohongshu:
		return fmt.Sprintf("https://www.xiaohongshu.com/explore/%016x%08x", r.Uint64(), r.Uint32())
	case model.Bilibili:
		return "https://www.bilibili.com/video/BV1" + alnum(9)
	case model.Zhihu:
		return fmt.Sprintf("https://www.zhihu.com/question/%s/answer/%s", digits(9), digits(10))
	case model.Kuaishou:
		return "https://www.kuaishou.com/short-video/3x" + alnum(13)
	case model.Tieba:
		return "https://tieba.baidu.com/p/" + digits(10)
	case model.WeChat:
		return "https://mp.weixin.qq.com/s/" + alnum(22)
	case model.Heimao:
		return fmt.Sprintf("https://tousu.sina.com.cn/complaint/view/%s/", digits(11))
	case model.News:
		return fmt.Sprintf("https://news.example.cn/%d/%s.html", 2000+r.IntN(30), digits(8))
	}
	return "https://example.cn/p/" + alnum(10)
}
