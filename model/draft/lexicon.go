package draft

import (
	"fmt"
	"sync"

	"warroom/model"
)

// The rules. Ids are stable: the UI and saved reports refer to them.
var (
	ruleAbsolute = &rule{id: "forbidden.absolute", kind: Forbidden, why: text{
		"《广告法》第九条禁止“国家级”“最高级”“最佳”等绝对化用语；官方账号发布的内容可能被认定为广告而受罚。",
		"Advertising Law art. 9 bans absolute terms such as 'best' or 'top'; posts from official accounts can count as advertising and be fined."}}
	ruleRanking = &rule{id: "forbidden.ranking", kind: Forbidden, why: text{
		"“第一”“No.1”等排名说法属绝对化用语（《广告法》第九条）；危机中自称领先还会被视为转移话题。",
		"Rankings such as 'No.1' are absolute terms under Advertising Law art. 9, and in a crisis they read as changing the subject."}}
	ruleSafety = &rule{id: "forbidden.safety", kind: Forbidden, why: text{
		"任何产品都做不到“100%安全”“零风险”；这类绝对化说法违反《广告法》第九条，再出问题时会被反复引用。",
		"No product is '100% safe' or 'zero risk'; such absolute claims break Advertising Law art. 9 and will be quoted back at the next problem."}}
	rulePromise = &rule{id: "liability.promise", kind: Liability, why: text{
		"承诺无法控制的结果（“保证不会再发生”“一定”）会形成法律和舆论责任；写清具体措施和完成时间即可。",
		"Promising outcomes you cannot control ('will never happen again') creates legal and public liability; state concrete measures and dates instead."}}
	ruleAmount = &rule{id: "liability.amount", kind: Liability, why: text{
		"公开承诺具体赔偿金额或倍数前须经法务确认：发布后难以调整，还可能成为同类索赔的标准。",
		"Get legal's sign-off before promising a compensation amount: once public it is hard to change and becomes the benchmark for every claim."}}
	ruleScapegoat = &rule{id: "blame.scapegoat", kind: Blame, why: text{
		"把问题归于临时工、个别员工或“个例”会被视为甩锅；员工的行为就是企业的行为，管理责任在品牌。",
		"Blaming a temp, a rogue employee or an 'isolated case' reads as passing the buck: staff act for the brand, and management is the brand's job."}}
	rulePartner = &rule{id: "blame.partner", kind: Blame, why: text{
		"对消费者来说品牌就是责任方；先承担责任，再向加盟商、供应商追责。",
		"To customers the brand is responsible; take responsibility first, then pursue franchisees or suppliers."}}
	ruleCustomer = &rule{id: "blame.customer", kind: Blame, why: text{
		"暗示消费者使用不当或自身原因会激化矛盾；确有使用问题时，用事实和安全提示说明。",
		"Suggesting customers misused the product inflames things; if use was a factor, explain it with facts and safety advice."}}
	ruleRumour = &rule{id: "blame.rumour", kind: Blame, why: text{
		"指责网友“恶意炒作”“造谣”或归咎竞争对手，会被视为对抗和转移视线，往往引发二次舆情。",
		"Accusing the public of 'malicious hype' or blaming competitors reads as hostility and deflection, and usually starts a second wave."}}
	ruleConditional = &rule{id: "blame.conditional", kind: Blame, why: text{
		"“如有冒犯”“造成误解”是有条件的道歉，把责任推给了公众的理解，会被视为不诚恳。",
		"'If anyone was offended' or 'misunderstanding' makes the apology conditional and blames the audience; it reads as insincere."}}
	ruleDenial = &rule{id: "blame.denial", kind: Blame, unlessFacts: true, why: text{
		"只说“不实”而不给事实，公众不会相信；写明已核实的事实和依据（检测报告、监控、记录）。",
		"Denial without facts is not believed; state what was verified and how (lab report, CCTV, records)."}}
)

// partWhy says why each part matters, for the missing.* findings.
var partWhy = map[Part]text{
	Acknowledgement: {"先表态：说明已关注到此事并致歉。公众先看态度，再看事实。",
		"Lead with acknowledgement and apology: people judge the attitude before the facts."},
	Facts: {"写明目前已核实的事实（注明“初步”）；信息空白会被猜测和谣言填满。",
		"State what has been verified so far (say it is preliminary); any gap is filled by guesses and rumours."},
	Actions: {"写明已经采取的具体行动（下架、暂停、成立专项组）；行动比表态更可信。",
		"Say what has already been done (pulled, suspended, team set up); actions convince where words do not."},
	Remedy: {"写明对受影响者的补救（退款、赔偿、召回、承担费用）；这是诚意的核心。",
		"Say what those affected will get (refund, compensation, recall, costs covered); it is the core of sincerity."},
	Contact: {"给出联系渠道（热线、邮箱、官方账号），让受影响的人有地方可去。",
		"Give a way to reach you (hotline, email, official account) so those affected know where to go."},
	NextUpdate: {"写明下次更新的时间并按时兑现，否则会被认为回应到此为止。",
		"Say when the next update comes, and keep to it; otherwise the response looks finished."},
}

func lengthWhy(p model.Platform, n, limit int, lang string) string {
	zhName := map[model.Platform]string{model.Weibo: "微博普通博文", model.Xiaohongshu: "小红书笔记正文",
		model.Douyin: "抖音作品描述", model.WeChat: "公众号文章正文"}[p]
	enName := map[model.Platform]string{model.Weibo: "a normal Weibo post", model.Xiaohongshu: "a Xiaohongshu note",
		model.Douyin: "a Douyin caption", model.WeChat: "a WeChat official-account article"}[p]
	if lang == "en" {
		return fmt.Sprintf("%s takes at most %d characters and this draft has %d; shorten it, or publish the full text as an article and link to it.", enName, limit, n)
	}
	return fmt.Sprintf("%s上限%d字，当前%d字，超出部分无法发布；请精简，或将全文发为长文章并附链接。", zhName, limit, n)
}

// defaultMatcher is built on first use and shared: it is never written to
// after it is built, so concurrent checks are safe.
var defaultMatcher = sync.OnceValue(func() *matcher { return newMatcher(patterns()) })

func scan(text string) result { return defaultMatcher().scan(text) }

func partRule(p Part) *rule {
	return &rule{id: "part." + string(p), part: p}
}

// patterns lists every phrase. Chinese phrases match anywhere; English ones
// at word boundaries.
func patterns() []*pattern {
	var ps []*pattern
	zh := func(r *rule, neg bool, words ...string) {
		for _, w := range words {
			ps = append(ps, &pattern{s: w, rule: r, negatable: neg})
		}
	}
	en := func(r *rule, neg bool, words ...string) {
		for _, w := range words {
			ps = append(ps, &pattern{s: w, rule: r, word: true, negatable: neg})
		}
	}
	stem := func(r *rule, neg bool, words ...string) {
		for _, w := range words {
			ps = append(ps, &pattern{s: w, rule: r, word: true, stem: true, negatable: neg})
		}
	}
	// ext adds a phrase with an extra condition; word and stem as for
	// English phrases.
	ext := func(r *rule, s string, word, stem bool, f func(string, int, int) (int, bool)) {
		ps = append(ps, &pattern{s: s, rule: r, word: word, stem: stem, ext: f})
	}

	// 《广告法》第九条 absolute terms. 最 is only a problem before a quality
	// (最佳, 最安全): 最新, 最近, 最后, 最终, 最快, 最大努力 are ordinary words.
	zh(ruleAbsolute, false, "国家级", "世界级", "最高级", "最佳", "最好", "最优", "最安全", "最健康", "最先进",
		"最顶级", "最强", "最便宜", "最低价", "最权威", "最专业", "最正宗", "最放心", "最环保", "最纯正", "最天然",
		"最领先", "最受欢迎", "最具", "顶级", "极致", "绝对", "首选", "全网首", "全球首", "独一无二",
		"史无前例", "万能")
	// 唯一 and 首家 are claims about the market, not about a channel or a
	// store: "官方微博是唯一的发布渠道" is a fact the public needs.
	zh(ruleAbsolute, false, "全国唯一", "全球唯一", "行业唯一", "唯一指定", "唯一认证", "国内首家", "全国首家", "行业首家")
	en(ruleAbsolute, false, "the best", "best-in-class", "best in class", "world-class", "world class", "safest",
		"unrivalled", "unrivaled", "unmatched", "unbeatable", "healthiest", "purest")
	// "best" alone is a claim, but "our best" and "at best" are not.
	ext(ruleAbsolute, "best", true, false, notAfter("our ", "its ", "their ", "my ", "your ", "at ", "do ", "doing "))
	// 第一 is fine in 第一时间, 第一次, 第一百零三条 and "第一，…": only rankings are claims.
	zh(ruleRanking, false, "销量第一", "行业第一", "全国第一", "全球第一", "世界第一", "中国第一", "全网第一",
		"亚洲第一", "排名第一", "第一品牌", "第一名", "遥遥领先")
	en(ruleRanking, false, "no.1", "no. 1", "number one", "#1", "top 1", "top1", "market leader")
	zh(ruleSafety, false, "百分百", "百分之百", "绝对安全", "完全安全", "零风险", "无任何风险", "毫无风险",
		"零缺陷", "无副作用", "完全无害")
	en(ruleSafety, false, "zero risk", "zero-risk", "risk-free", "risk free", "absolutely safe", "completely safe",
		"perfectly safe", "totally safe", "entirely safe")
	// "100%" of the recalled stock is a fact; "100%安全" is a claim.
	ext(ruleSafety, "100%", false, false, followedBy("安全", "放心", "无害", "合格", "正品", "纯", "天然", "有效", "可靠",
		"无风险", "保证", "safe", "natural", "pure", "guarantee", "effective", "risk"))
	ext(ruleSafety, "100 %", false, false, followedBy("安全", "放心", "safe", "natural", "pure", "guarantee"))

	// Promises of outcomes.
	zh(rulePromise, false, "保证不会", "保证不再", "保证绝不", "保证杜绝", "确保不再发生", "确保此类事件不再",
		"绝不会", "绝不再", "绝对不会", "永远不会", "永不再", "再也不会", "一定会", "一定能", "一定不会", "一定给",
		"一定让", "一定将")
	en(rulePromise, false, "will never happen again", "never happen again", "never again", "won't happen again",
		"will not happen again", "ensure this never", "make sure this never", "we promise", "definitely will",
		"will definitely")
	stem(rulePromise, false, "guarantee")
	for _, w := range []string{"承诺", "保证", "确保"} {
		ext(ruleAmount, w, false, false, promisedAmount)
	}
	for _, w := range []string{"promise", "guarantee", "pledge"} {
		ext(ruleAmount, w, true, true, promisedAmount)
	}

	// Blame-shifting (甩锅). Negatable: "这不是临时工的问题" owns it.
	zh(ruleScapegoat, true, "临时工", "实习生", "个别员工", "个别门店", "个别人员", "个别店员", "个人行为", "个例",
		"个别现象", "偶发", "极个别")
	en(ruleScapegoat, true, "rogue employee", "rogue staff", "isolated incident", "isolated case", "individual employee",
		"temporary worker", "temp worker", "an intern", "bad apple", "few bad apples")
	stem(ruleScapegoat, true, "individual behavio")
	zh(rulePartner, true, "系加盟", "属加盟", "加盟商自行", "加盟商自身", "加盟商的责任", "加盟商管理不善", "第三方原因",
		"第三方责任", "第三方的责任", "系第三方", "由第三方造成", "供应商原因", "供应商的责任", "供应商责任", "系供应商",
		"供应商所致", "外包人员", "外包公司", "物流原因", "快递原因")
	en(rulePartner, true, "third-party supplier", "third party supplier", "supplier's fault", "supplier error",
		"fault of our supplier", "franchisee's own", "our franchisee", "the franchisee", "outsourced staff", "contractor's fault")
	zh(ruleCustomer, true, "使用不当", "操作不当", "未按说明", "保存不当", "储存不当", "个人体质", "自身原因", "误操作")
	en(ruleCustomer, true, "misuse", "misused", "improper use", "improperly used", "user error", "incorrect use",
		"not used as directed")
	zh(ruleRumour, true, "恶意炒作", "恶意抹黑", "恶意中伤", "恶意诋毁", "造谣", "抹黑", "别有用心", "水军", "黑公关",
		"竞争对手", "蹭热度", "博眼球", "敲诈")
	en(ruleRumour, true, "malicious hype", "malicious rumour", "malicious rumor", "malicious smear", "maliciously", "smear", "competitor", "competitors", "paid posters", "water army", "hype",
		"attention-seeking", "extortion")
	zh(ruleConditional, false, "如有冒犯", "若有冒犯", "如有不适", "若有不适", "造成误解", "引起误解", "产生误解",
		"引发误解", "带来误解", "误读", "过度解读", "曲解", "断章取义", "不明真相")
	en(ruleConditional, false, "if anyone was offended", "if anyone is offended", "if anyone felt offended",
		"anyone who may have been offended", "if we offended", "taken out of context", "misunderstanding", "misunderstandings")
	stem(ruleConditional, false, "misinterpret")
	zh(ruleDenial, true, "网传不实", "不实信息", "不实传言", "纯属谣言", "谣言", "失实", "并不属实", "不属实",
		"与事实不符", "子虚乌有")
	en(ruleDenial, true, "fake news", "false claims", "untrue", "baseless", "rumour", "rumours", "rumor", "rumors")

	// Parts of a sincere statement.
	ack, facts, acts := partRule(Acknowledgement), partRule(Facts), partRule(Actions)
	remedy, contact, next := partRule(Remedy), partRule(Contact), partRule(NextUpdate)
	zh(ack, false, "关注到", "注意到", "致歉", "道歉", "抱歉", "歉意", "深感", "对不起", "深表", "痛心", "自责",
		"愧疚", "内疚", "我们错了", "责任在我们", "承担责任", "承担全部责任")
	en(ack, false, "we are aware", "we're aware", "we have seen", "we've seen", "we have noticed", "sorry",
		"we regret", "deeply", "our fault", "we were wrong", "full responsibility", "responsibility is ours")
	stem(ack, false, "apolog")
	zh(facts, false, "经初步核查", "初步核查", "经核查", "核查发现", "经核实", "已核实", "核实发现", "经调查", "调查查明",
		"查明", "经查", "调查发现", "调查显示", "目前已知", "已确认", "经确认", "确认为", "确认系", "经了解", "初步了解",
		"初步判断", "事件经过", "情况如下", "截至目前", "经排查", "排查发现", "检测结果", "检测结论", "鉴定结果", "初步调查", "调查结果", "核查结果", "核实结果")
	// "经调取监控核实，……": a verb of checking that ends its clause introduces
	// what was found.
	for _, w := range []string{"核实", "核查", "调查", "查实"} {
		ext(facts, w, false, false, followedBy("，", "：", ",", ":"))
	}
	en(facts, false, "initial investigation", "preliminary", "our investigation", "investigation found",
		"investigation has found", "investigation shows", "we have found", "we found", "we have confirmed",
		"we have established", "confirmed that", "found that", "what we know", "as of", "test results")
	zh(acts, false, "已立即", "立即", "已暂停", "暂停", "已下架", "下架", "已封存", "封存", "已成立", "成立专项",
		"专项小组", "工作组", "已停止", "停止销售", "停售", "已召回", "启动召回", "已关闭", "停业", "整顿", "已报告",
		"已向", "已联系", "取得联系", "全面排查", "已启动", "启动调查", "停职", "已解除", "整改", "已处理", "已删除",
		"已撤下", "撤下", "已修复", "修复", "封堵", "已报警", "报警", "问责", "已修正", "已纠正")
	en(acts, false, "immediately", "removed", "pulled", "taken down", "took down", "recalled", "set up", "launched",
		"sealed", "stopped", "shut down", "closed", "reported to", "contacted", "fixed", "patched", "we have taken",
		"paused", "corrected", "held to account", "held accountable", "revoked")
	stem(acts, false, "suspend", "halt")
	zh(remedy, false, "退款", "退货", "退还", "退一赔", "赔偿", "补偿", "赔付", "召回", "免费更换", "更换", "换货",
		"免费维修", "维修", "报销", "由我们承担", "我们承担", "费用由", "补救", "弥补", "无条件退")
	ext(remedy, "承担", false, false, within("费用", "损失", "开支"))
	stem(remedy, false, "refund", "compensat", "replace", "reimburs", "recall")
	en(remedy, false, "free repair", "pay for", "make it right", "make amends")
	ext(remedy, "cover", true, true, within("cost", "expense", "bill", "fee"))
	zh(contact, false, "热线", "客服电话", "联系电话", "电话", "400-", "800-", "邮箱", "邮件", "客服", "联系方式",
		"拨打", "私信", "专线", "官方微博", "联系我们", "@")
	en(contact, false, "hotline", "call us", "call our", "email", "e-mail", "contact us", "customer service",
		"dm us", "message us", "phone")
	zh(next, false, "将于", "前公布", "后续进展", "及时公布", "持续更新", "及时通报", "持续通报", "及时发布", "另行公告",
		"再次通报", "进展将", "将持续", "随时更新", "小时内", "下一次进展", "下次更新", "下一次更新", "第一时间公布",
		"第一时间告知", "第一时间通报")
	en(next, false, "will update", "further update", "further updates", "next update", "keep you updated",
		"keep you informed", "keep the public informed", "will publish", "will announce", "will share", "will report",
		"keep sharing updates")
	ext(next, "within", true, false, within("hour", "day"))
	return ps
}
