package classify

import "warroom/model"

// The hand-written lexicon. Word lists are space-separated so they read like
// a dictionary; every entry is matched longest-first after folding (lower
// case, half-width), so a longer entry such as 差不多 shields the shorter 差
// inside it. English entries match only at word boundaries.

// sentimentWords carry a polarity: negative is hostile, positive warm.
// Polarity 0 entries are shields: they exist so that the words inside them
// are not matched (好像 is not 好, 笑死 is handled as sarcasm, 差不多 is not 差).
var sentimentWords = []struct {
	pol   float32
	words string
}{
	{-3, `垃圾 恶心 无耻 黑心 黑店 坑爹 恶劣 人渣 狗屎 卑鄙 下三滥 去死 sb 傻逼 傻b 煞笔 最差 太差劲 吐了 想吐 作呕 丧尽天良 缺德 良心被狗吃 喪心病狂 丧心病狂 令人发指 毒害 一无是处 无可取之处`},
	{-2, `水漂 难吃 难喝 难闻 差劲 糟糕 太差 很差 真差 失望 很失望 愤怒 气愤 生气 气死 后悔 坑人 太坑 恐怖 可怕 离谱 过分 无语 崩溃 恶臭 发臭 脏 脏乱差 傲慢 冷漠 不靠谱 不负责 不负责任 投诉无门 心寒 寒心 避雷 踩雷 再也不 不会再 别买 千万别 千万不要 糊弄 坑 差评 烂 太烂 稀烂 烂透 不卫生 不干净 不新鲜 不要脸 气人 窝火 恼火 痛苦 害怕 担心死 绝望 悲剧 惨 惨痛 霸道 嚣张 耍流氓 流氓 黑幕 猫腻 倒闭 滚 呸 恨 差到 难以下咽 难以入口 无法忍受 忍无可忍 受不了 扯淡 扯皮 活该 不得好死 恐惧 揪心 可恶 讨厌 鄙视 无良 良心不会痛 太恶心 欺负 凭什么 什么玩意 什么东西 翻车 塌房 避坑 踩坑 被坑 坑了 忍不了 忍不下去 装死 下次还敢 找不到可以夸 没什么可夸 不解决 糟心 闹心 寒了心 太坑了 吓死 吓死了 吓人 太吓人 后怕 离大谱 不能原谅 不可原谅 引发众怒 出人命 会出人命 太过分 太过分了 过分了 欺人太甚 无力吐槽 气炸 气哭 心累 不敢用 不敢买 谁敢 谁还敢 支持维权 力挺消费者 支持消费者维权 站消费者`},
	{-1.5, `不好 不行 不值 不满 不爽 不舒服 不专业 不达标 不安全 不放心 不及时 不给力 不推荐 不建议 不划算 难受 难看 太贵 很贵 好贵 死贵 贵死 太慢 很慢 好慢 慢死 超慢 太久 好久 很久 没味 没熟 夹生 馊 凉了 都凉了 太咸 太淡 太辣 太油 太腻 油腻 太少 量少 分量少 缩水 难用 卡顿 坏了 破损 损坏 漏了 洒了 撒了 洒漏 送错 漏送 少送 迟到 超时 晚点 退钱 差 差劲了 吵 太吵 很吵 太小 很小 旧 陈旧 老旧 破旧 简陋 潮湿 霉味 烟味 臭 虚假 假的 问题 毛病 麻烦 遗憾 可惜 郁闷 烦 烦死 心疼 委屈 不公平 不合理 无法 没法 没用 白花 浪费 后悔死 不如 还不如 一般般 差点 差强人意 不怎么样 不咋地 不咋样 凑合 将就 勉强 搪塞 不回复 不回 已读不回 细思极恐 一杯比一杯 挣不回 赚不回 开胶 印错 写错 弄错 发错 弄丢 弄没了 全弄没了 终于打通 形同虚设 两回事 拖延 拖着 拖了 冷 凉 慢 不处理 没下文 没有下文 折腾 来回折腾 闪退 死机 卡死 凑活 少给 少给了 漏给 没吃饱 吃不饱 有待提高 有待改进 时间太长 时间好长 时间长 太长了 酸了 咸了 慎点 慎买 慎入 腻 断断续续 糊弄人 踢来踢去 烦不烦 说好的 给个说法 给一个说法 跳票 白报了 白买了 买了个寂寞`},
	{-1, `贵 一般 改进空间 不理想 还行吧 普通 马马虎虎 累 等半天 排队 拥挤 失误 疏忽 不便 不方便 遗漏 错 错误 bug 吐槽 抱怨 质疑 争议 负面 风波 危机 事故 事件 莫名其妙`},
	{0, `查监控 空气炸锅 一键报警 哪些坑 有哪些坑 超时费 服务费 服务区 调监控 看监控 监控坏了 希望别人 大概率 小概率 工时费 被罚下 安排了 一般来说 一般来讲 一般情况 一般都 一般是 一般会 一般在 一般不 一般的话 一般人 不一样 滚滚 冷气 制冷 冷暖 冷热 滚动 消毒 病毒 恨不得 心脏 灿烂 香港 香菜 香肠 香蕉 香烟 价值 值班 数值 赶快 尽快 快递 拖鞋 差不多 差一点 好像 好多 好几 好些 好歹 还好 只好 正好 刚好 最好 好奇 好意思 不好意思 好在 好不容易 笑死 笑哭 贵司 贵公司 贵宾 宝贵 富贵 昂贵 凉快 凉菜 凉皮 凉面 冷饮 冷面 冷藏 冷冻 冷链 臭豆腐 螺蛳粉 小时 小区 小哥 小姐 小伙 小二 小店 小编 小龙虾 小孩 小朋友 少年 少量 至少 多少 不少 不少于 油条 油门 辣条 软件 硬件 无论 无所谓 不仅 不但 不管 不同 不久 不断 不然 不论 不得不 不光 小心 卡片 信用卡 银行卡 会员卡 卡券 错过 不错过 漏洞 欠费 差价 差距 差别 出差 差旅 冷静 好友 好奇心 好评率 后厨直播 公开后厨 开放后厨 明厨亮灶`},
	{1, `欢迎 光临 优惠 折扣 福利 增长 准备入手 诚恳 666 不愧是 长见识 创意 半价 买一送一 满减 换购 有着落 感兴趣 幸运 顺利 省心 省钱 划得来 激动 期待已久 抢到 治愈 舒心 安心 清爽 美滋滋 惬意 解决问题 冲冲冲 继续坚持 省了 省不少 省太多 好 可以 还行 还可以 还不错 ok okay 方便 快 干净 新鲜 准时 及时 便宜 实惠 划算 值 值得 舒服 舒适 安静 整洁 宽敞 热 温暖 温馨 正宗 入味 香 嫩 脆 满足 开心 高兴 期待 支持 加油 感谢 谢谢 多谢 辛苦了 负责 耐心 认真 诚信 真诚 诚意 用心 细心 及时处理 妥善 解决了 已解决 处理好了 好看 好用 友好 美好`},
	{2, `太棒了 有创意 一绝 安利 安利一下 太上头 小时候的味道 儿时的味道 家的味道 熟悉的味道 可爱 有趣 好玩 有意思 精致 漂亮 厉害 真棒 牛逼 牛批 佩服 绝了 真绝了 快乐 好吃 好喝 很棒 棒 超棒 赞 点赞 满意 很满意 喜欢 很喜欢 优秀 完美 惊喜 感动 贴心 热情 周到 给力 超值 物美价廉 推荐 强烈推荐 五星 好评 靠谱 放心 良心 专业 美味 可口 好评如潮 一流 出色 精彩 nice 完美解决 回购 必买 必吃 神仙 宝藏 yyds 爱了 绝绝子 真香 太好了 好极了 非常好 很好 真好 挺好 蛮好 不错 很不错 挺不错 相当不错 点个赞 为你点赞 骄傲 自豪 良心企业 良心品牌 国货之光 有担当 负责任 暖心 感恩 超治愈 太美了 好美 好帅 太帅了 意外之喜 出乎意料 没让人失望 没让我失望 冲鸭 表扬 值得表扬 值得肯定 态度点赞`},
}

// englishSentiment is the small English list: mixed-language posts are
// common and plain English ones should not read as neutral.
var englishSentiment = []struct {
	pol   float32
	words string
}{
	{-3, `worst disgusting horrible terrible awful scam scammers fraud fraudulent shameful pathetic disgrace`},
	{-2, `uninstall spam uninstalled deleting unpaid bad poor hate hated angry furious disappointed disappointing unacceptable rude useless broken dirty gross nasty sick unsafe dangerous toxic fake liar lies lied rip-off ripoff overpriced never-again boycott refund cheated scammed outrageous disaster nightmare ridiculous annoying`},
	{-1, `slow expensive problem problems issue issues complaint complain complained wrong late cold stale mediocre meh`},
	{1, `ok okay fine good nice clean fresh fast cheap helpful thanks thank`},
	{2, `great excellent amazing awesome love loved lovely perfect best fantastic delicious recommend recommended wonderful happy satisfied brilliant friendly surprise so-good`},
}

// neutralPhrases are questions, choices and not-yet-tried reports: they
// carry no tone, and the rules take their span from the learned part, whose
// reviews taught it that 没用 and 不值 are complaints (还没用, 值不值得买).
var neutralPhrases = `有没有 有没有人 求问 请问 求推荐 有人用过 还没用 还没用过 没用过 还没试 还没试过 没试过 还没拆 还没开始用 还没穿 还没吃 值不值 值不值得 好不好用 好不好吃 好不好喝 怎么样 咋样 纠结 纠结死了 选择困难 选择困难症 不知道选 哪个好 打卡 打个卡 先来打个卡 先收藏 再来评价 再来追评 用了再评价 用了再来评价 追评 哪家 哪家店 哪个门店 哪家门店 人少一点 人少点 打折季什么时候 几点关门 几点开门 怎么回事 时间线 梳理一下 整理一下 先看看 怎么说 等调查结果 等结果 让子弹飞 下结论 蹲结果 蹲一个 蹲后续 完整视频 完整版 后续呢 有后续 怎么查 批次号 哪一批 如何看待 理性讨论 值得讨论 有懂 说说吗 私信我 私我 点我主页 点主页 来了来了 哇塞 互关 互赞 回关 求关注 求点赞 先吃为敬 吃瓜 路过 mark 坐等 免费领 免费领取 签到领 领优惠券 戳主页 主页有福利 还开着吗 要多久 还能带 能带上 偏大还是偏小 性价比高吗 哪个性价比高 自我推销 要学会 想问下 想问一下 求指点 求过来人 求过来人指点 不太懂 怎么算 是怎么算的`

// emojiSentiment: the faces and hands people end a post with. Laughing
// and sweating faces (😂 😅) are left out: they are as often sarcastic.
var emojiSentiment = []struct {
	pol   float32
	words string
}{
	{-1.5, `😡 😠 🤬 🤮 🤢 😤 💢 👎 😭 😱 😰 😩 😫 🙄 💔 😒 😞 😓 [怒] [怒骂] [吐] [抓狂] [鄙视] [哼] [衰] [失望] [伤心]`},
	{1.5, `😀 😃 😄 😁 😆 😊 😍 🥰 😘 😋 🤩 🥳 👍 👏 🙌 💯 🎉 🎊 ❤ 💕 💖 💗 ✨ ☺ 🤗 [心] [good] [赞] [鼓掌] [爱你] [给力] [太开心]`},
}

// negators flip the next sentiment word in the same clause. 一点都不 style
// entries also intensify.
var negators = `不 没 没有 没什么 没啥 未 未曾 未发现 未见 并未 不是 并不 并非 并没有 从不 从来不 从没 从未 毫不 毫无 绝不 决不 不会 不用 无需 不必 别再 不太 不怎么 不算 算不上 谈不上 称不上 一点也不 一点都不 一点儿也不 根本不 根本没 根本没有 完全不 完全没有 也不 都不 不再 尚未 无任何 没任何 没有任何 不存在 not no never dont don't didnt didn't isnt isn't wasnt wasn't cant can't cannot wont won't hardly nothing without`

// degreeWords scale the next sentiment word.
var degreeWords = []struct {
	mult  float32
	words string
}{
	{2, `极其 极度 极为 最 超级 巨 太过 简直 实在太 特么 他妈 tm 真tm extremely`},
	{1.7, `非常 太 特别 十分 超 贼 相当 异常 格外 尤其 分外 万分 真心 so very really too super`},
	{1.4, `很 真 真的 实在 挺 蛮 好不 更 越来越 更加 确实 完全`},
	{0.9, `比较 较 还算 算是 fairly quite`},
	{0.6, `有点 有点儿 有一点 有些 稍微 稍 略 略微 些许 一丢丢 a-bit slightly somewhat`},
}

// sarcasmStrong marks text as sarcastic wherever it appears: in Chinese
// posts these are almost never sincere.
var sarcasmStrong = `[微笑] 🙂 [呵呵] 真是好样的 真有你的 可真行 真行啊 真会玩 你们真行 可真是 真是服了 我服了 我也是醉了 好一个 不愧是你 还真是 厉害了我的 谢谢你全家 谢谢您嘞 感谢贵司 真是感谢 吃相难看 真会做生意 真会赚钱 我真的会谢 真的会谢 我会谢 真当 当我们傻 当消费者是傻子 韭菜 人血馒头`

// sarcasmContext is sarcastic only in a negative context (a crisis term or
// a hostile word elsewhere in the text); otherwise it is read as written.
var sarcasmContext = `呵呵 呵呵哒 呵呵呵 服了 醉了 笑死 笑死我了 笑哭 绝了 真绝了 好样的 厉害了 厉害 真棒 太棒了 真牛 牛逼 牛批 666 不愧是 佩服 感谢 谢谢 辛苦了 良心 好大的 长见识 开眼界 大开眼界 真是感人 感人的 真感人 真是谢谢 真谢谢 谢谢你们了 谢谢你们嘞`

// sarcasmLead is sarcastic when it opens the text (呵呵，又出事了) and
// only in a negative context elsewhere: at the end of a warm review it is
// a friendly laugh.
var sarcasmLead = `呵呵 呵呵哒 呵呵呵`

// holdingPhrases are the register of an official holding statement: the
// brand or a regulator speaking, acknowledging, investigating. Such text is
// news for the war room but not hostile.
var holdingPhrases = `已关注到 关注到 高度重视 非常重视 第一时间 正在调查 调查核实 正在核实 核实 正在核查 核查 已成立 专项小组 专项工作组 工作组 积极配合 配合调查 依法依规 严肃处理 绝不姑息 及时公布 及时告知 公布调查结果 后续进展 接受监督 情况通报 已停业整顿 全面排查 全面自查 自查自纠 立即整改 整改 妥善处理 妥善解决 承担责任 保障消费者 如有进展 已介入 责令 已责令 已下架相关 暂停销售 恢复营业 抽检合格 均合格`

// brandVoice is a holding statement in the brand's own voice: an apology,
// a promise, "our company". A brand speaking is never an attack on itself,
// whatever harm its statement names, and the remedies it announces
// (停业整顿, 下架) do not make it a legal or boycott story.
var brandVoice = `我们将 我司 我公司 本公司 公司已 公司将 给大家带来的不便 带来的不便 给您带来的不便 深表歉意 诚挚的歉意 诚挚歉意 致以歉意 诚恳道歉 郑重道歉 诚挚道歉 深感抱歉 感谢大家的监督 感谢监督 感谢广大网友 特此声明 特此说明 情况说明 声明如下 敬请谅解 【声明】 【情况说明】 we-are-investigating we-take-this-seriously we-apologize we-sincerely-apologize 可凭 免费更换 免费维修 全额退款`

// remedies are what a company or regulator does about a crisis; in the
// brand's own statement they are news, not a category of complaint.
var remedies = `停业整顿 暂停营业 整改 下架 停售 暂停销售 解约`

// newsPhrases are the register of neutral reporting; two of them make a
// text read as news rather than as a complaint.
var newsPhrases = `据悉 记者 报道 据报道 媒体报道 获悉 据了解 截至目前 回应称 通报称 官方回应 发布声明 发布公告 日前 近日 新华社 央视 人民日报 澎湃 新京报 快讯 热搜 消息不实 系谣言 纯属谣言 网传不实 辟谣 公告 温馨提示 请居民 请业主 请广大 提前做好 提前储水 家中留人 特此通知 召回公告 reported according-to statement`

// contrastWords make the clause after them weigh more: in 环境不错但是服务很差
// the writer's verdict is the second half.
var contrastWords = `但 但是 可是 不过 然而 却 只是 就是 可惜 结果 but however though`

// crisisTerms map to categories. weight is how strongly a hit points to the
// category (ambiguous nouns like 数据 or 客服 count half); hostile is how
// much the term alone makes a text negative.
var crisisTerms = []struct {
	cat     model.Category
	weight  float32
	hostile float32
	words   string
}{
	{model.CategoryFoodSafety, 2, 2, `食物中毒 地沟油 致癌 僵尸肉 瘦肉精 三聚氰胺 大肠杆菌 沙门氏菌 黄曲霉 集体中毒 上吐下泻 吃坏肚子 吃坏了 吃出 喝出 老鼠 蟑螂 苍蝇 蛆 虫子 活虫 死虫 food-poisoning cockroach cockroaches maggots 胀包 胀袋 涨包 dead-fly dead-flies dead-bug`},
	{model.CategoryFoodSafety, 1.5, 1.5, `有虫 中毒 异物 头发 变质 发霉 霉变 过期 馊了 拉肚子 腹泻 呕吐 肚子疼 胃疼 吃完肚子 不熟 生肉 后厨 卫生问题 超标 农药残留 细菌 毛发 钢丝 烂菜 臭肉 腐烂 腐败 diarrhea vomit vomiting mold moldy expired hair 馊味 黑色颗粒 异常颗粒 insect insects`},
	{model.CategoryFoodSafety, 2, 0.5, `食品安全 食安`},
	{model.CategoryFoodSafety, 0.7, 0, `添加剂 防腐剂 色素 配料表 卫生 奶粉 酸奶 牛奶 矿泉水 零食 食品`},
	{model.CategoryProductSafety, 2, 2, `炸裂 爆裂 自燃 爆炸 起火 着火 爆燃 召回 漏电 触电 刹车失灵 烧伤 窒息 有毒 甲醛超标 电池爆炸 伤人 致残 安全事故 冒火星 冒火 烧焦 失控 刹不住 烂脸 毁容 explode exploded explosion recall recalled caught-fire 烧起来 炸了 砸伤 砸死 误吞 燃气泄漏 煤气泄漏 choking`},
	{model.CategoryProductSafety, 1.5, 1.5, `缺陷 断裂 受伤 烫伤 割伤 夹伤 失灵 安全隐患 甲醛 鼓包 爆胎 短路 冒烟 质量问题 质检不合格 不合格 掉漆 脱落 划伤 过敏 过敏了 红疹 红肿 起疹子 脱皮 刺痛 激素 重金属 熏黑 溜车 渗水 漏水 掉墙皮 扎伤 夹手 漏气 injured injury defect defective allergic rash 摔伤 缝针 缝了三针 缝了几针 螺丝松了`},
	{model.CategoryProductSafety, 0.5, 1, `发烫 发热 黑屏`},
	{model.CategoryProductSafety, 1, 0.3, `开裂 裂缝 墙皮 空鼓 小零件 刺鼻 坍塌 倒塌`},
	{model.CategoryProductSafety, 0.5, 0, `质量 电池 刹车 零件 品控 皮肤 护栏 儿童床 保温杯 玩具 家具 插座 充电宝 热水器 电热毯 安全座椅 奶瓶 燃气灶 电动车 楼盘 交房`},
	{model.CategoryService, 1.5, 1, `投诉 踢皮球 推诿 不理 不理人 没人理 没人管 挂电话 店大欺客 售后不管 拒绝退款 不给退 不退 拒不退 服务差 服务态度差 态度恶劣 态度差 态度极差 客服不回 客服失联 延误 航班取消 不上门 不接电话 电话不接 都不接 一问三不知 甩脸色 走流程 自动挂断 挂断电话 打发我 随便打发 打发走 没人处理 不给处理 没结案 压件 推来推去 宕机 服务器崩了 系统崩了 app崩了 网站崩了 甩锅 推卸 推卸责任 rude cancelled canceled delayed`},
	{model.CategoryService, 1, 0.5, `占线 答非所问 机器人客服 退款 退货 换货 退课 维权 拉黑 敷衍 等了 催单 索赔 报修 没收到 丢件 理赔 一直拖 发货延迟 延迟发货 到账延迟 晚到 人工客服 转人工 系统故障 网络故障 support-team refund customer-service waited`},
	{model.CategoryService, 1, 0, `客服 服务 售后 停水 停电 停气 断网`},
	{model.CategoryService, 0.5, 0, `态度 服务员 店员 店长 经理 骑手 快递 配送 前台 航班 航司 地勤 行李 物流 营业厅 宽带 airline flight`},
	{model.CategoryPriceFraud, 2, 2, `跑路 卷款 欺诈 虚假宣传 价格欺诈 大数据杀熟 杀熟 诈骗 坑钱 乱收费 隐形消费 强制消费 霸王条款 以次充好 缺斤少两 偷工减料 假货 虚标 割韭菜 智商税 乱扣费 乱扣钱 偷扣 套路贷 砍头息 高利贷 翻新机 货不对板 图文不符 与宣传不符 和宣传不符 宣传和现实 强制购物 仿品 假冒伪劣 山寨货 强制搭售 搭售 捆绑销售 先提价再打折 先涨价再打折 虚假折扣 假折扣 charged-twice double-charged overcharged scam fraud ripoff rip-off`},
	{model.CategoryPriceFraud, 1.5, 1, `骗 骗子 骗人 划线价 虚标原价 一直计费 乱计费 重复计费 多扣 扣了我 多收 卖家不认 货不对版 全网最低 套路 先涨后降 虚高 忽悠 欺骗 被骗 上当 宰人 宰客 翻新 文字游戏 扣费 乱扣 自动续费 私自开通 购物店 假冒 仿冒 overpriced cheated auto-renew auto-renewed 强行推销 强制推销 不停推销 一直推销 加项 另外花钱 额外收费 另外收费 不认账 退卡 押金不退 抽卡概率 公示概率 刷单 虚假好评 完全是两回事`},
	{model.CategoryPriceFraud, 1, 0.5, `涨价 违约金 保本 定金 年费 莫名扣 subscription 押金 退押金 手续费 服务费 多出 超前点播 保底消费 充值`},
	{model.CategoryPriceFraud, 0.5, 0, `价格 溢价 收费 价钱 宣传 理财 套餐 承诺 样板间 实际交付 会员费 原价`},
	{model.CategoryPrivacy, 2, 2, `信息泄露 数据泄露 泄露隐私 隐私泄露 偷拍 窃取 监听 非法收集 贩卖信息 倒卖信息 个人信息泄露 data-breach leaked`},
	{model.CategoryPrivacy, 1.5, 1, `用户数据 个人数据 推销电话 泄露 泄漏 隐私 个人信息 骚扰电话 诈骗电话 人脸信息 人脸识别 身份证号 通讯录 读取 催收电话 不知情 privacy tracking tracked spying 信息被卖 信息是被卖 卖了我的信息 卖我信息 被看光 看光了 被偷看 画面泄露 selling-my-data sold-my-data spam-calls 上传人脸 无法注销 注销不了 过度索权 索取权限 强制授权`},
	{model.CategoryPrivacy, 0.5, 0, `数据 定位 摄像头 权限 手机号 位置 location 家庭地址 住址 全名 陌生人 实名认证 注销 人脸 监控`},
	{model.CategoryBoycott, 2, 2, `抵制 辱华 辱华广告 滚出中国 双标 台独 港独 侮辱中国 不买了 再也不买 永不购买 眯眯眼 丑化中国 地图错误 永远不原谅 boycott`},
	{model.CategoryBoycott, 1.5, 1, `下架 卸载 取关 脱粉 必须道歉 让更多人看到 转发扩散 看不起中国 出来道歉 公开道歉 解约 新疆棉 仍未道歉 拒不道歉 全扔了`},
	{model.CategoryBoycott, 1, 0, `国人 中国人 中国消费者 民族 爱国 中国地图 代言人`},
	{model.CategoryBoycott, 0.5, 0, `道歉`},
	{model.CategoryLabour, 2, 2, `996 欠薪 讨薪 拖欠工资 猝死 过劳 压榨 克扣 黑工 童工 强制加班 扣工资 无偿加班 工资没发 不发工资 layoffs unpaid-wages 不给加班费 扣全勤 职业病 压榨骑手 压榨员工 压榨司机 罚骑手 骑手被罚`},
	{model.CategoryLabour, 1.5, 1, `裁员 劳动仲裁 辞退 加班 降薪 罢工 工伤 中暑 福报 早九晚十 大小周 赔偿金 fired laid-off overtime 骑手抽成 司机抽成 没有底薪`},
	{model.CategoryLabour, 1, 0.5, `抽成 抽佣 月薪 底薪 车间 劳动保护 劳动合同 社保 加班费 工资 离职 转正 wages salary`},
	{model.CategoryLabour, 0.5, 0, `员工 工人 实习生 hr`},
	{model.CategoryLegal, 2, 1.5, `立案 被罚款 处以罚款 罚没 315 三一五 起诉 律师函 处罚 约谈 违法 涉嫌 查处 吊销 停业整顿 被查 责令整改 行政处罚 lawsuit sued fined`},
	{model.CategoryLegal, 1.5, 0.5, `通报 违规 判决 诉讼 报警 逃税 偷税 罚款`},
	{model.CategoryLegal, 0.5, 0, `警方 警察 民警`},
	{model.CategoryLegal, 1.5, 0, `市场监管 市场监督管理局 市监局 法院 消协 消费者协会 工商 监管部门 食药监 卫健委 公安 律师 监管 regulator`},
}

// redFlags are the words the early-warning desk must see at once, whatever
// else the post says: harm to people, fire, recalls, carcinogens.
var redFlags = `食物中毒 集体中毒 中毒 死亡 身亡 致死 去世 遇难 丧命 猝死 住院 抢救 送医 急诊 重症 icu 自燃 爆炸 起火 着火 爆燃 召回 致癌 触电 烧伤 窒息 致残 跳楼 伤人 刹车失灵 晕倒 昏迷 休克 death died hospitalized explosion exploded recall recalled`

// redFlagsInContext are red flags only next to a crisis term: 儿童 in a
// food poisoning post is the worst news of the day, in 儿童节快乐 it is not.
var redFlagsInContext = `儿童 孩子 小孩 婴儿 宝宝 幼儿 幼儿园 孕妇 老人 学生 多人 children child baby`
