package classify

import (
	"bytes"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"warroom/feed/classify/internal/textfeat"
	"warroom/model"
)

// One classifier for the whole test binary: New is the expensive part.
var testClassifier = sync.OnceValue(New)

func TestSentimentRules(t *testing.T) {
	c := testClassifier()
	tests := []struct {
		name string
		text string
		neg  bool
	}{
		{"plain praise", "味道很好，送得也快", false},
		{"plain complaint", "非常难吃，再也不点了", true},
		{"negated hostile word", "不难吃", false},
		{"negated problem", "没有问题", false},
		{"negation reaching over a degree word", "不是很好", true},
		{"negated praise", "一点都不好吃", true},
		{"double negation", "不是不好", false},
		{"double negation of praise", "不是不喜欢", false},
		{"denied crisis", "没有异物，很干净，放心吃", false},
		{"rhetorical negation", "这不是诈骗是什么", true},
		{"degree: very", "非常难吃", true},
		{"degree: too", "太好吃了", false},
		{"degree: a little", "有点难吃", true},
		{"好 as intensifier", "好难吃啊", true},
		{"sarcasm: 呵呵 opening", "呵呵，真是好样的", true},
		{"sarcasm: scare-quoted praise", "号称“良心企业”，结果吃出了头发", true},
		{"sarcasm: ASCII quotes", `号称"良心企业"，结果吃出了头发`, true},
		{"sarcasm: 笑死 in a hostile text", "笑死，吃出苍蝇还说是正常现象", true},
		{"笑死 in a warm text", "笑死我了，这个广告太有创意了", false},
		{"绝了 in a warm text", "绝了，这家店的服务太棒了", false},
		{"绝了 in a hostile text", "绝了，外卖里吃出蟑螂", true},
		{"quoted official-speak", "呵呵，又是“高度重视”，每次都这样", true},
		{"呵呵 as a friendly laugh", "前台小姑娘很有意思，经常入住，都熟了，呵呵", false},
		{"holding statement", "关于网友反映的问题，我司已关注到相关情况，正在调查核实，第一时间公布结果。", false},
		{"holding statement 2", "我们高度重视，已成立专项小组，感谢大家的监督。", false},
		{"regulator holding", "市场监管部门已关注到相关情况，正在调查核实，后续进展将及时公布。", false},
		{"neutral news", "据悉，该品牌将于下月在上海举办新品发布会，记者获悉新品将主打轻薄设计。", false},
		{"news of a death stays negative", "据悉，某品牌汽车在地库自燃，致一人死亡，记者获悉事故原因尚在调查", true},
		{"contrast: verdict after 但是", "环境还可以，但是服务态度太差了", true},
		{"question, not complaint", "周末打算去看电影，有没有推荐的？", false},
		{"neutral chat", "今天天气不错，带娃去公园玩了一下午", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j := c.Judge(tt.text)
			if j.Negative != tt.neg {
				t.Errorf("Judge(%q).Negative = %v, want %v (sentiment %+.2f, why %+v, terms %v)",
					tt.text, j.Negative, tt.neg, j.Sentiment, j.Why, j.Terms)
			}
			if j.Negative != (j.Sentiment < 0) && !j.Why.Holding {
				t.Errorf("Judge(%q): Negative %v but Sentiment %+.2f", tt.text, j.Negative, j.Sentiment)
			}
		})
	}
}

// TestGenerality covers text far from the review corpora: everyday chatter
// about a food brand, questions, not-yet-tried posts, statements, English.
// reading is how a post must be read: hostile or not, and its category.
type reading struct {
	text string
	neg  bool
	cat  model.Category
}

// expectReadings classifies each text as a stored mention would be, and
// holds posts that are not hostile to a low severity.
func expectReadings(t *testing.T, c *Classifier, tests []reading) {
	t.Helper()
	for _, tt := range tests {
		m := &model.Mention{Text: tt.text, AuthorFollowers: 5000}
		c.Classify(m)
		if m.Negative != tt.neg || m.Category != tt.cat {
			j := c.Judge(tt.text)
			t.Errorf("Classify(%q) = negative %v category %q, want %v %q (why %+v, terms %v)",
				tt.text, m.Negative, m.Category, tt.neg, tt.cat, j.Why, j.Terms)
		}
		if !tt.neg && m.Severity > 12 {
			t.Errorf("Classify(%q): severity %d for a post that is not hostile", tt.text, m.Severity)
		}
	}
}

func TestGenerality(t *testing.T) {
	c := testClassifier()
	tests := []reading{
		{"鲜味坊会员日水煮肉片半价，太划算了，开心！👏", false, model.CategoryNone},
		{"和闺蜜打卡南京新开的鲜味坊，环境很好，推荐招牌烤鱼", false, model.CategoryNone},
		{"今天吃鲜味坊还是吃火锅，纠结", false, model.CategoryNone},
		{"刚拿到快递，还没用，先来打个卡", false, model.CategoryNone},
		{"有人用过这款扫地机吗？值不值得买", false, model.CategoryNone},
		{"Anyone know if the store opens early on Saturday?", false, model.CategoryNone},
		{"心疼博主，忍不了", true, model.CategoryOther}, // sympathy with a victim is hostile to the brand
		{"手机玩游戏十分钟就发烫，卡顿严重", true, model.CategoryOther},
		{"充电宝鼓包发烫还冒烟了", true, model.CategoryProductSafety},
		{"用了这款面霜脸上起了一片红疹，医生说是过敏", true, model.CategoryProductSafety},
		{"导游带我们进购物店，不买就甩脸色", true, model.CategoryPriceFraud},  // 不 negates 买, not 甩脸色
		{"我只是聊了一句想买扫地机，说没在监听谁信", true, model.CategoryPrivacy}, // rhetorical denial
		{"我们高度重视消费者的反馈，已对涉事门店停业整顿，并向受影响的顾客诚挚道歉。", false, model.CategoryNone},
		{"门店已下架相关产品，我司深表歉意", false, model.CategoryNone},
		{"市场监管局通报：某超市销售过期食品被罚款二十万元", true, model.CategoryLegal},
		{"据报道，某品牌电动车充电时起火，造成两人受伤，消防部门正在调查起火原因。", true, model.CategoryProductSafety},
		{"我们已经委托律师起诉了，收到律师函也不回应，法院见吧", true, model.CategoryLegal},
		{"They fired us with no notice and still haven't paid last month's wages.", true, model.CategoryLabour},
	}
	expectReadings(t, c, tests)
}

// TestDrillChatter covers misreads seen in the drill console: crowd chatter
// around a crisis that is a question, a complaint or praise of a remedy.
func TestDrillChatter(t *testing.T) {
	c := testClassifier()
	tests := []reading{
		// 太过 is a degree word; it must not swallow 过分.
		{"支持维权，鲜味坊太过分了", true, model.CategoryOther}, // siding with the complainant
		{"鲜味坊太过分了，必须给个说法", true, model.CategoryOther},
		{"鲜味坊太过分了", true, model.CategoryOther},
		{"力挺消费者，这家店欺人太甚", true, model.CategoryOther},
		// Where is it less crowded: a question, not a complaint.
		{"重庆哪家鲜味坊人少一点👀", false, model.CategoryNone},
		{"昆明哪家X人少一点", false, model.CategoryNone},
		{"姐妹们，哪家门店人少点[思考]", false, model.CategoryNone},
		// An open kitchen is a remedy, not a food-safety complaint.
		{"看到鲜味坊公开后厨直播了，这个做法值得表扬", false, model.CategoryNone},
		// A #topic# is a label: chatter under it is not a complaint (the
		// topic still names the category), but what the author says next
		// to it still is.
		{"#鲜味坊外卖吃出虫子#鲜味坊的员工挺辛苦的，他们服务一直很好，支持", false, model.CategoryFoodSafety},
		{"#抵制潮服 潮服门店今天还开着吗👀", false, model.CategoryBoycott},
		{"#速电充电宝召回#速电这次召回很干脆，直接全额退款，点赞❤️", false, model.CategoryProductSafety},
		{"#速电充电宝自燃#速电必须给个说法，充电宝烧起来了不是小事，是会出人命的", true, model.CategoryProductSafety},
		{"#潮服道歉#以前很喜欢潮服，今天衣柜里的潮服全扔了，不能原谅", true, model.CategoryBoycott},
		{"#某某火锅吃出老鼠# 后厨卫生太可怕了，以后再也不去了", true, model.CategoryFoodSafety},
		// Questions and waiting for news, with no word of tone; spam.
		{"鲜味坊的事情到底是怎么回事，有没有人梳理一下时间线📌🤔", false, model.CategoryNone},
		{"潮服打折季什么时候……", false, model.CategoryNone},
		{"先看看官方怎么说🤔📌", false, model.CategoryNone},
		{"兼职日结300，私信我", false, model.CategoryNone},
		{"互关互赞，回关必回", false, model.CategoryNone},
		{"潮服的衣服尺码偏大还是偏小？", false, model.CategoryNone},
		{"鲜味坊和别家比哪个性价比高", false, model.CategoryNone},
		{"速电快充Max充满要多久[围观]", false, model.CategoryNone},
		{"建议改名叫“随缘快递”，什么时候到全看心情", true, model.CategoryOther}, // 什么时候 is not always a question
		// Weibo's bracketed emoticons carry tone.
		{"回复@爱吃鱼的柠檬:太过分了[生病][怒]", true, model.CategoryOther},
		{"必须给个说法[怒]", true, model.CategoryOther},
	}
	expectReadings(t, c, tests)
	if j := c.Judge("看到鲜味坊公开后厨直播了，这个做法值得表扬"); j.Sentiment <= 0.2 {
		t.Errorf("praise of an open kitchen reads %.2f, want warm", j.Sentiment)
	}
	// A question is neither a complaint nor praise: the drill console
	// shows Sentiment above 0.2 as warm.
	for _, q := range []string{"互关互赞，回关必回", "鲜味坊和别家比哪个性价比高", "潮服的衣服尺码偏大还是偏小？", "今天吃鲜味坊还是吃火锅，纠结"} {
		if j := c.Judge(q); j.Sentiment > 0.2 || j.Negative {
			t.Errorf("Judge(%q) = sentiment %.2f negative %v, want neutral", q, j.Sentiment, j.Negative)
		}
	}
}

func TestSarcasmAndHoldingAreReported(t *testing.T) {
	c := testClassifier()
	if j := c.Judge("号称“良心企业”，结果吃出了头发"); !j.Why.Sarcasm || !slices.Contains(j.Terms, "良心企业") {
		t.Errorf("scare quotes: sarcasm %v, terms %v", j.Why.Sarcasm, j.Terms)
	}
	if j := c.Judge("我司已关注到相关情况，正在调查核实"); !j.Why.Holding {
		t.Errorf("holding statement not recognised: %+v", j.Why)
	}
	if j := c.Judge("不难吃"); j.Why.Negations != 1 {
		t.Errorf("不难吃: %d negations, want 1", j.Why.Negations)
	}
}

func TestCategories(t *testing.T) {
	c := testClassifier()
	tests := []struct {
		text  string
		cat   model.Category
		terms []string
	}{
		{"在XX餐厅吃完上吐下泻，全家食物中毒住院了", model.CategoryFoodSafety, []string{"上吐下泻", "食物中毒", "住院"}},
		{"外卖里有头发，米饭还发霉了", model.CategoryFoodSafety, []string{"头发", "发霉"}},
		{"新买的电动车充电时自燃，差点把房子烧了", model.CategoryProductSafety, []string{"自燃"}},
		{"儿童座椅卡扣断裂，孩子差点摔出去", model.CategoryProductSafety, []string{"断裂", "孩子"}},
		{"客服态度太差了，投诉三次都不理人，踢皮球", model.CategoryService, []string{"投诉", "踢皮球"}},
		{"大数据杀熟，同样的房间我比朋友贵了200", model.CategoryPriceFraud, []string{"大数据杀熟"}},
		{"直播间虚假宣传，割韭菜", model.CategoryPriceFraud, []string{"虚假宣传", "割韭菜"}},
		{"APP泄露个人信息，天天接到骚扰电话", model.CategoryPrivacy, []string{"泄露", "个人信息"}},
		{"抵制！辱华品牌滚出中国！", model.CategoryBoycott, []string{"抵制", "辱华", "滚出中国"}},
		{"公司996还欠薪，裁员不给补偿", model.CategoryLabour, []string{"996", "欠薪", "裁员"}},
		{"市场监管局已立案调查，拟罚款50万元", model.CategoryLegal, []string{"立案", "罚款"}},
		{"难吃到想哭，钱白花了", model.CategoryOther, nil},
		{"外卖送得很快，味道不错", model.CategoryNone, nil},
		{"客服态度很好", model.CategoryNone, nil},
		{"My phone exploded while charging, a recall is needed", model.CategoryProductSafety, []string{"exploded", "recall"}},
	}
	for _, tt := range tests {
		j := c.Judge(tt.text)
		if j.Category != tt.cat {
			t.Errorf("Judge(%q).Category = %q, want %q (terms %v)", tt.text, j.Category, tt.cat, j.Terms)
		}
		for _, term := range tt.terms {
			if !slices.Contains(j.Terms, term) {
				t.Errorf("Judge(%q).Terms = %v, missing %q", tt.text, j.Terms, term)
			}
		}
		for _, term := range j.Terms {
			if !strings.Contains(tt.text, term) {
				t.Errorf("Judge(%q): term %q is not a substring of the text", tt.text, term)
			}
		}
	}
}

// TestEverydayWordsStayCalm holds the broader category lexicon to
// ordinary speech: words that name a complaint in one sentence (打发, 崩了,
// 概率, 推销, 砸到) are cooking, moods, weather and luck in another, and a
// consumer quoting a brand's denial is not the brand speaking. Each of
// these was misread by a first version of that lexicon (found in review).
func TestEverydayWordsStayCalm(t *testing.T) {
	c := testClassifier()
	tests := []reading{
		{"周末在家打发奶油做蛋糕，这个打蛋器太好用了", false, model.CategoryNone},
		{"这剧的结局彻底崩了", true, model.CategoryOther}, // a complaint about the show, not an outage
		{"和闺蜜聊了半小时才挂断，好开心", false, model.CategoryNone},
		{"满99元加价1元换购，划算", false, model.CategoryNone},
		{"一口吞下一整个汉堡，太满足了", false, model.CategoryNone},
		{"被锦鲤砸到了，抽中了一等奖，开心", false, model.CategoryNone},
		{"面试时要学会自我推销", false, model.CategoryNone},
		{"冬天手开裂，用了这个护手霜好多了", false, model.CategoryNone},
		{"Got my concert ticket, so excited!", false, model.CategoryNone},
		{"真是谢谢外卖小哥，下大雨还准时送到", false, model.CategoryNone},
		{"客服帮我找回了包裹，谢谢你们了", false, model.CategoryNone},
		{"打开外卖发现米饭上头发好几根，恶心", true, model.CategoryFoodSafety},
		{"这批皮蛋铅超标，大家别买了", true, model.CategoryFoodSafety},
		{"手机用了半年就开不了机，大概率是电池坏了", true, model.CategoryOther},
		{"梅西被罚下场了，太可惜了", true, model.CategoryOther},
		{"4S店保养工时费要三百，太贵了", true, model.CategoryOther},
		{"辟谣个屁，我同事吃了也拉肚子", true, model.CategoryFoodSafety},
		{"说工资正常发放，到现在也没发", true, model.CategoryLabour},
		{"希望别卖过期食品了", true, model.CategoryFoodSafety},
		{"交了一年会费，希望别跑路", true, model.CategoryPriceFraud},
		// What the broader lexicon is for.
		{"理赔材料交了三遍，拖了两个月还没结案", true, model.CategoryService},
		{"交房才半年，卫生间就渗水，墙皮一块块往下掉", true, model.CategoryProductSafety},
		{"体检现场不停推销加项，不加就说有风险", true, model.CategoryPriceFraud},
		{"退卡要扣百分之三十手续费，当初说好随时可退", true, model.CategoryPriceFraud},
		{"非要上传人脸才能用，还无法注销账号", true, model.CategoryPrivacy},
		{"平台罚骑手太狠了", true, model.CategoryLabour},
		{"商家一直推卸责任", true, model.CategoryService},
		{"公司回应称，网传消息不实，员工薪资正常发放。", false, model.CategoryNone},
		// Harm outranks its handling, when it is harm.
		{"外卖里扒出一根头发，客服只说退款，恶心到家了", true, model.CategoryFoodSafety},
		{"充电宝用着冒烟了，售后推来推去，投诉也没人管", true, model.CategoryProductSafety},
		{"会员过期了，客服不给退款，投诉也没人管", true, model.CategoryService},
		{"优惠券过期了，商家不给退款，客服推来推去", true, model.CategoryService},
		{"理发店把我头发剪坏了，客服只会说退款", true, model.CategoryService},
		{"客服服务质量不合格，退款拖了一个月也不给", true, model.CategoryService},
		{"家里漏水，物业客服推来推去", true, model.CategoryService},
		{"这款空气炸锅用了一年，炸鸡翅一绝", false, model.CategoryNone}, // 气炸 is inside 空气炸锅
		{"打车软件新上了一键报警功能，安利给夜归的姐妹", false, model.CategoryNone},
		{"温馨提示：明日上午小区停水，请居民提前储水", false, model.CategoryNone},
		{"停水三天了，一个通知都没有，打电话也没人管", true, model.CategoryService},
		{"共享单车锁好了还一直计费，扣了我38块", true, model.CategoryPriceFraud},
		{"连续站12小时不给加班费，请病假还扣全勤", true, model.CategoryLabour},
	}
	expectReadings(t, c, tests)
}

func TestRedFlags(t *testing.T) {
	c := testClassifier()
	tests := []struct {
		text  string
		flags []string
	}{
		{"全家食物中毒住院了，孩子还在抢救", []string{"食物中毒", "住院", "孩子", "抢救"}},
		{"某品牌汽车自燃，致一人死亡", []string{"自燃", "死亡"}},
		{"儿童节快乐！祝小朋友们天天开心", nil},
		{"用了三年从来没有自燃过", nil},
	}
	for _, tt := range tests {
		m := &model.Mention{Text: tt.text}
		c.Classify(m)
		got := RedFlags(m)
		if !slices.Equal(got, tt.flags) {
			t.Errorf("RedFlags(%q) = %v, want %v", tt.text, got, tt.flags)
		}
		if j := c.Judge(tt.text); !slices.Equal(j.RedFlags, tt.flags) {
			t.Errorf("Judge(%q).RedFlags = %v, want %v", tt.text, j.RedFlags, tt.flags)
		}
	}
	// Not yet classified: the text is searched directly.
	if got := RedFlags(&model.Mention{Text: "手机充电时爆炸了"}); !slices.Equal(got, []string{"爆炸"}) {
		t.Errorf("RedFlags on an unclassified mention = %v, want [爆炸]", got)
	}
}

func TestSeverityOrdering(t *testing.T) {
	c := testClassifier()
	bigPoisoning := &model.Mention{
		Text:            "在XX餐厅吃完上吐下泻，全家食物中毒住院了，孩子还在抢救！",
		AuthorFollowers: 1_000_000, Verified: true, Likes: 20000, Comments: 5000, Shares: 8000,
	}
	mildComplaint := &model.Mention{Text: "今天的外卖有点慢，饭也有点凉了", AuthorFollowers: 120, Likes: 1}
	praise := &model.Mention{Text: "这家的新品太好吃了，强烈推荐！", AuthorFollowers: 2_000_000, Verified: true, Likes: 50000}
	statement := &model.Mention{
		Text:            "关于网友反映的食品安全问题，我司已关注到相关情况，正在调查核实，结果将及时公布。",
		AuthorFollowers: 5_000_000, Verified: true, Likes: 30000, Shares: 9000,
	}
	for _, m := range []*model.Mention{bigPoisoning, mildComplaint, praise, statement} {
		c.Classify(m)
		s := SeverityOf(m)
		if s.Total != m.Severity || s.Total != min(100, s.Negativity+s.Alarm+s.Reach) {
			t.Errorf("%q: breakdown %+v does not add up to Severity %d", m.Text, s, m.Severity)
		}
		if m.Severity < 0 || m.Severity > 100 {
			t.Errorf("%q: severity %d out of range", m.Text, m.Severity)
		}
	}
	if !(bigPoisoning.Severity > mildComplaint.Severity && mildComplaint.Severity > praise.Severity) {
		t.Errorf("severity order: poisoning %d, mild complaint %d, praise %d; want strictly decreasing",
			bigPoisoning.Severity, mildComplaint.Severity, praise.Severity)
	}
	if bigPoisoning.Severity < 80 {
		t.Errorf("verified 1M-follower food poisoning post: severity %d, want >= 80", bigPoisoning.Severity)
	}
	if praise.Severity > 12 || statement.Severity > 12 {
		t.Errorf("non-negative mentions must stay low: praise %d, holding statement %d", praise.Severity, statement.Severity)
	}
}

func TestSeverityHostileInput(t *testing.T) {
	for _, m := range []*model.Mention{
		{Negative: true, Sentiment: math.NaN(), AuthorFollowers: -5, Likes: math.MinInt64, Shares: math.MaxInt64},
		{Negative: true, Sentiment: -7, Category: "made-up", AuthorFollowers: math.MaxInt64, Verified: true},
		{},
	} {
		s := SeverityOf(m)
		if s.Total < 0 || s.Total > 100 || s.Negativity < 0 || s.Alarm < 0 || s.Reach < 0 {
			t.Errorf("SeverityOf(%+v) = %+v, out of range", m, s)
		}
	}
}

func TestEnglishAndMixed(t *testing.T) {
	c := testClassifier()
	tests := []struct {
		text string
		neg  bool
	}{
		{"This is the worst service ever, totally disgusting.", true},
		{"Great product, fast delivery, would recommend!", false},
		{"The food was not bad, pretty good actually", false},
		{"Not good at all, very disappointed", true},
		{"I love it, thank you!", false},
		{"Found a cockroach in my takeaway 太恶心了", true},
		{"这个 app 真的很 nice，推荐", false},
		{"客服 totally useless，投诉无门", true},
		{"ＴＨＩＳ ＩＳ ＴＥＲＲＩＢＬＥ", true},
	}
	for _, tt := range tests {
		if j := c.Judge(tt.text); j.Negative != tt.neg {
			t.Errorf("Judge(%q).Negative = %v, want %v (%+v, %v)", tt.text, j.Negative, tt.neg, j.Why, j.Terms)
		}
	}
}

func TestEmptyAndOddInput(t *testing.T) {
	c := testClassifier()
	for _, text := range []string{"", " ", "\n\t ", "，。！", "😀😀😀", "12345", "\x00\x01\x02", "\xff\xfe\xfd", "“", "\"", "不", "呵呵"} {
		j := c.Judge(text)
		if math.IsNaN(j.Sentiment) || j.Sentiment < -1 || j.Sentiment > 1 {
			t.Errorf("Judge(%q).Sentiment = %v", text, j.Sentiment)
		}
	}
	if j := c.Judge(""); j.Negative || j.Sentiment != 0 || j.Category != "" || j.Terms != nil {
		t.Errorf("empty text: %+v, want the zero Judgement", j)
	}
	m := &model.Mention{}
	c.Classify(m)
	if m.Negative || m.Severity != 0 {
		t.Errorf("empty mention: negative %v severity %d", m.Negative, m.Severity)
	}
	// RawText is the fallback when Text is empty.
	m = &model.Mention{RawText: "吃出苍蝇，恶心"}
	c.Classify(m)
	if !m.Negative {
		t.Errorf("mention with only RawText was not judged")
	}
}

func TestHugeInput(t *testing.T) {
	c := testClassifier()
	huge := strings.Repeat("外卖里吃出一只蟑螂，恶心到吐！", 100_000) // ~4.5 MB
	j := c.Judge(huge)
	if !j.Negative || j.Category != model.CategoryFoodSafety {
		t.Errorf("huge hostile text: %+v", j)
	}
	// Cut inside a rune must not produce invalid terms.
	odd := strings.Repeat("a", MaxTextBytes-1) + "中毒"
	for _, term := range c.Judge(odd).Terms {
		if !utf8.ValidString(term) {
			t.Errorf("invalid UTF-8 term %q", term)
		}
	}
}

func TestConcurrentUse(t *testing.T) {
	c := testClassifier()
	texts := []string{"不难吃", "外卖里吃出一只蟑螂", "我司已关注到相关情况", "Great product!", "号称“良心企业”"}
	want := make([]Judgement, len(texts))
	for i, tx := range texts {
		want[i] = c.Judge(tx)
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; k < 200; k++ {
				i := k % len(texts)
				got := c.Judge(texts[i])
				if got.Negative != want[i].Negative || got.Sentiment != want[i].Sentiment || !slices.Equal(got.Terms, want[i].Terms) {
					t.Errorf("concurrent Judge(%q) differs", texts[i])
					return
				}
			}
		}()
	}
	wg.Wait()
}

// The classifier's inlined n-gram loop must agree with the trainer's.
func TestLearnedMatchesTrainer(t *testing.T) {
	c := testClassifier()
	for _, text := range []string{"房间很干净，服务热情", "送餐太慢了，饭都凉了", "OK 不错 👍", "x"} {
		var rs textfeat.Runes
		rs.Reset(text)
		b := textfeat.AppendBuckets(nil, rs.R)
		var sum int64
		for _, f := range b {
			sum += int64(c.w[f])
		}
		want := c.bias + textfeat.Norm(c.k, len(b))*c.scale*float64(sum)
		want *= chineseShare(rs.R)
		want = math.Max(-learnedClamp, math.Min(learnedClamp, want))
		j := c.Judge(text)
		if j.Why.Negations == 0 && !j.Why.Sarcasm && j.Why.Crisis < strongCue && math.Abs(j.Why.Learned-want) > 1e-9 {
			t.Errorf("%q: classifier learned %v, trainer features give %v", text, j.Why.Learned, want)
		}
	}
}

// The weights file must round-trip byte for byte, so retraining on the same
// data reproduces the committed file.
func TestWeightsRoundTrip(t *testing.T) {
	m, err := textfeat.Decode(bytes.NewReader(weightsFile))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := textfeat.Encode(&buf, m); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), weightsFile) {
		t.Errorf("re-encoded weights differ from the committed file (%d vs %d bytes)", buf.Len(), len(weightsFile))
	}
	if _, err := newWithWeights([]byte("not gzip")); err == nil {
		t.Error("corrupt weights accepted")
	}
}

// Short of a crisis term said outright, the category model names the
// kind of crisis a complaint describes; when it is unsure, a complaint
// that names none stays "other".
func TestLearnedCategoryFillsIn(t *testing.T) {
	c := testClassifier()
	for _, tt := range []struct {
		text string
		cat  model.Category
	}{
		{"快递一个星期了还卡在中转站，问了三次都说在处理", model.CategoryService},
		{"儿童手表充电时烫得握不住，差点烫伤孩子", model.CategoryProductSafety},
		{"鲜味坊太过分了", model.CategoryOther},
	} {
		j := c.Judge(tt.text)
		if !j.Negative || j.Category != tt.cat {
			t.Errorf("Judge(%q) = negative %v category %q, want a complaint about %q (terms %v)", tt.text, j.Negative, j.Category, tt.cat, j.Terms)
		}
	}
}

func TestCategoryModelRoundTrip(t *testing.T) {
	m, err := textfeat.DecodeCategories(bytes.NewReader(categoriesFile))
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Names) != len(model.Categories) {
		t.Errorf("category model has %d classes, model.Categories %d", len(m.Names), len(model.Categories))
	}
	var buf bytes.Buffer
	if err := textfeat.EncodeCategories(&buf, m); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), categoriesFile) {
		t.Errorf("re-encoded category model differs from the committed file (%d vs %d bytes)", buf.Len(), len(categoriesFile))
	}
	if _, err := textfeat.DecodeCategories(bytes.NewReader(weightsFile)); err == nil {
		t.Error("the sentiment weights were read as a category model")
	}
}

func TestLexiconHasNoConflicts(t *testing.T) {
	seen := map[string]float32{}
	for _, l := range sentimentWords {
		for _, w := range strings.Fields(l.words) {
			if p, ok := seen[w]; ok {
				t.Errorf("sentiment word %q listed twice (%v and %v)", w, p, l.pol)
			}
			seen[w] = l.pol
		}
	}
	for _, l := range crisisTerms {
		for _, w := range strings.Fields(l.words) {
			if p, ok := seen[w]; ok && p != 0 {
				t.Errorf("%q is both a sentiment word (%v) and a crisis term: it would count twice", w, p)
			}
		}
	}
}

func BenchmarkClassify(b *testing.B) {
	c := New()
	posts := []string{
		"在XX餐厅吃完上吐下泻，全家食物中毒住院了，孩子还在抢救！店家到现在都不回应，太恶心了",
		"外卖送得很快，味道也不错，会回购的，包装也很用心，好评",
		"关于网友反映的问题，我司已关注到相关情况，第一时间成立专项小组，正在调查核实，结果将及时公布。",
		"号称“良心企业”，结果饮料里喝出异物，客服还在踢皮球，投诉了三次都不理人",
		"酒店位置不错，交通方便，房间有点旧，但是服务很热情，早餐品种也多，下次还会再来",
	}
	var bytes int
	for _, p := range posts {
		bytes += len(p)
	}
	m := &model.Mention{AuthorFollowers: 1000}
	b.SetBytes(int64(bytes))
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range posts {
			m.Text = p
			c.Classify(m)
		}
	}
}

func FuzzClassify(f *testing.F) {
	for _, s := range []string{
		"", "不难吃", "不是不好", "呵呵，真是好样的", "号称“良心企业”", `"良心"`, "“", "”“",
		"吃出苍蝇\x00\xff", "😀👍🏻‍", "ＴＥＳＴ", "not bad", "这不是诈骗是什么", "abc 996 315",
		"\u202e反转", strings.Repeat("不", 100),
	} {
		f.Add(s)
	}
	c := New()
	f.Fuzz(func(t *testing.T, text string) {
		j := c.Judge(text)
		if math.IsNaN(j.Sentiment) || j.Sentiment < -1 || j.Sentiment > 1 {
			t.Fatalf("Judge(%q).Sentiment = %v", text, j.Sentiment)
		}
		if j.Category != model.CategoryNone && !slices.Contains(model.Categories, j.Category) {
			t.Fatalf("Judge(%q).Category = %q", text, j.Category)
		}
		for _, term := range append(j.Terms, j.RedFlags...) {
			if !strings.Contains(text, term) {
				t.Fatalf("Judge(%q): term %q not in text", text, term)
			}
		}
		m := &model.Mention{Text: text, AuthorFollowers: 10}
		c.Classify(m)
		if m.Severity < 0 || m.Severity > 100 {
			t.Fatalf("severity %d", m.Severity)
		}
	})
}

func ExampleClassifier_Judge() {
	c := New()
	j := c.Judge("外卖里吃出一只蟑螂，恶心到吐")
	fmt.Println(j.Negative, j.Category, j.Terms)
	// Output: true food_safety [吃出 蟑螂 恶心]
}
