package statements

import (
	"fmt"
	"slices"

	"warroom/model"
	"warroom/ui/i18n"
)

// catalog is this package's strings, in English and Chinese, in front of
// the console's catalogue (platform and role names, counts). The strings
// live here only until they can move into ui/i18n: the keys are already
// namespaced so they can be merged as they are.
type catalog struct {
	base *i18n.Catalog
	m    map[string]string
}

func newCatalog(l i18n.Lang) catalog {
	c := i18n.New(l)
	if c.Lang() == i18n.ZH {
		return catalog{base: c, m: zhStrings}
	}
	return catalog{base: c, m: enStrings}
}

// lang is the plan-text language ("zh" or "en").
func (c catalog) lang() string { return string(c.base.Lang()) }

// T returns the message for key; a missing key shows as itself, which the
// catalogue test catches.
func (c catalog) T(key string) string {
	if s, ok := c.m[key]; ok {
		return s
	}
	return c.base.T(key)
}

// F formats the message for key.
func (c catalog) F(key string, args ...any) string { return fmt.Sprintf(c.T(key), args...) }

// count formats followers the way readers of the language expect.
func (c catalog) count(n int64) string { return c.base.Count(n) }

// platform names a platform; unknown ones are "other".
func (c catalog) platform(p model.Platform) string {
	if !slices.Contains(model.Platforms, p) {
		p = model.Other
	}
	return c.base.T("platform." + string(p))
}

// role names a role; unknown ones show as written, cleaned.
func (c catalog) role(r model.Role) string {
	if k := "role." + string(r); c.base.Has(k) {
		return c.base.T(k)
	}
	return clean(string(r))
}

// roles names a list of roles.
func (c catalog) roles(rs []model.Role) string {
	if len(rs) == 0 {
		return c.T("ws.noroles")
	}
	out := ""
	for i, r := range rs {
		if i > 0 {
			out += c.T("sep.list")
		}
		out += c.role(r)
	}
	return out
}

// status names a statement status.
func (c catalog) status(s model.StatementStatus) string {
	if k := "stmt." + string(s); c.Has(k) {
		return c.T(k)
	}
	return clean(string(s))
}

// kind names a statement kind.
func (c catalog) kind(k model.StatementKind) string {
	if k == "" {
		return c.T("kind.none")
	}
	if key := "kind." + string(k); c.Has(key) {
		return c.T(key)
	}
	return clean(string(k))
}

// Has reports whether this package defines key.
func (c catalog) Has(key string) bool {
	_, ok := c.m[key]
	return ok
}

var enStrings = map[string]string{
	"sep.list":  ", ",
	"too.small": "window too small",

	// Statement statuses and kinds.
	"stmt.draft":       "draft",
	"stmt.in_review":   "in legal review",
	"stmt.approved":    "approved",
	"stmt.rejected":    "rejected",
	"stmt.published":   "published",
	"kind.holding":     "holding",
	"kind.apology":     "apology",
	"kind.fact_update": "fact update",
	"kind.remedy":      "remedy",
	"kind.full":        "full statement",
	"kind.none":        "statement",

	// Workspace panes.
	"ws.list":        "Statements (%d)",
	"ws.text":        "Text",
	"ws.checks":      "Checks",
	"ws.empty":       "No statements yet.",
	"ws.empty.hint":  "n drafts one from the scenario's templates.",
	"ws.notext":      "(empty)",
	"ws.unsaved":     "unsaved",
	"ws.author":      "by %s",
	"ws.reviewer":    "%s: %s",
	"ws.reviewedby":  "reviewed by %s",
	"ws.met":         "met: %s",
	"ws.noroles":     "no role",
	"ws.actor":       "%s (%s)",
	"ws.select":      "Select a statement, or n for a new draft.",
	"stage.draft":    "draft v%d · r submits it for legal review",
	"stage.again":    "legal approved v%d; this is v%d · r submits it again",
	"stage.review":   "in legal review since %s · a approves · x rejects",
	"stage.waiting":  "in legal review since %s · only legal may review",
	"stage.approved": "approved v%d by %s · p publishes",
	"stage.rejected": "rejected by %s · edit, then r submits it again",
	"stage.publish":  "published on %s at %s by %s",
	"stage.editing":  "editing · ctrl+s saves · esc leaves (the text is kept)",
	"stage.conflict": "now v%d elsewhere; ctrl+s saves your text over it",
	"stage.reopen":   "editing an approved statement: saving sends it back to legal review",

	// Why an action is not available.
	"why.readonly":     "the incident file is read-only",
	"why.none":         "no statement is selected",
	"why.legal":        "only legal may review; you are acting as %s",
	"why.notreview":    "it is not in legal review (%s)",
	"why.inreview":     "it is in legal review: withdraw it (w) to edit",
	"why.published":    "it is published and cannot change",
	"why.notdraft":     "only a draft or a rejected statement goes to review (%s)",
	"why.empty":        "the text is empty",
	"why.placeholders": "fill in %s first",
	"why.notapproved":  "legal has not approved it (%s)",
	"why.stale":        "legal approved v%d but this is v%d: submit it again",
	"why.pending":      "the last action is still being written",
	"why.nochange":     "nothing changed since v%d",
	"why.comment":      "a rejection needs a comment saying what to change",

	// Outcomes.
	"cannot":        "can't %s: %s",
	"refused":       "refused: %s",
	"done.draft":    "drafted %s",
	"done.edit":     "saved %s",
	"done.submit":   "%s sent to legal review",
	"done.withdraw": "%s withdrawn to draft",
	"done.approve":  "%s approved",
	"done.reject":   "%s rejected",
	"done.publish":  "%s published on %s",
	"done.met":      " · met: %s",
	"warn.unsaved":  "your unsaved edits are not what goes out: legal approved v%d",
	"act.new":       "draft",
	"act.edit":      "edit",
	"act.save":      "save",
	"act.submit":    "submit",
	"act.withdraw":  "withdraw",
	"act.approve":   "approve",
	"act.reject":    "reject",
	"act.publish":   "publish",

	// Forms.
	"form.new":      "New draft",
	"form.kind":     "Kind",
	"form.platform": "Platform",
	"form.from":     "From",
	"from.template": "template: %s",
	"from.blank":    "blank",
	"from.copy":     "copy of %s",
	"form.approve":  "Approve %s v%d as %s",
	"form.reject":   "Reject %s v%d as %s",
	"form.comment":  "Comment",
	"form.publish":  "Publish %s v%d",

	// Draft checks.
	"check.score":          "score %d/100",
	"check.sincere":        "all parts there",
	"check.notsincere":     "parts missing",
	"check.defensive":      "defensive",
	"check.notdefensive":   "not defensive",
	"check.fill":           "to fill in: %s",
	"check.length":         "%d/%d characters on %s",
	"check.chars":          "%d characters",
	"check.ok":             "No findings.",
	"check.review":         "Legal review",
	"check.note":           "Heuristics: they help, they do not replace legal review.",
	"finding.forbidden":    "forbidden",
	"finding.liability":    "liability",
	"finding.missing":      "missing",
	"finding.blame":        "blame",
	"finding.length":       "too long",
	"part.acknowledgement": "acknowledgement and apology",
	"part.facts":           "facts so far",
	"part.actions":         "actions taken",
	"part.remedy":          "remedy",
	"part.contact":         "contact",
	"part.next_update":     "time of the next update",

	// Key help.
	"key.new":      "new draft",
	"key.save":     "save",
	"key.leave":    "leave editor",
	"key.tolegal":  "submit to legal",
	"key.withdraw": "withdraw",
	"key.approve":  "approve",
	"key.reject":   "reject",
	"key.publish":  "publish",
	"key.checks":   "scroll checks",
	"key.field":    "next field",
	"key.choose":   "choose",
	"key.confirm":  "confirm",
	"key.page":     "page",
	"key.ends":     "top/bottom",
	"key.newline":  "new line",

	// Protocol card.
	"proto.title":      "Protocol card",
	"proto.team":       "Who to call",
	"proto.you":        "(you)",
	"proto.approval":   "Statement approval chain",
	"proto.rules":      "Rules",
	"proto.messages":   "Key messages: %s",
	"proto.nomessages": "No scenario declared yet: its key messages show here once one is.",
	"proto.noplan":     "No crisis plan is loaded.",
	"proto.nobody":     "nobody",
	"proto.pos":        "%d/%d",

	// Influencers.
	"infl.title":     "Trusted influencers",
	"infl.followers": "%s followers",
	"infl.posts":     "posts %d · mean sentiment %s · negative %d",
	"infl.noposts":   "No posts in this incident.",
	"infl.loading":   "loading posts…",
	"infl.more":      "+%d more",
	"infl.none":      "The plan lists no trusted influencers.",
	"infl.contact":   "contact: %s",
	"infl.err":       "could not load posts: %s",
	"infl.hint":      "Brief them with verified facts; never pay them or ask them to repost.",
	"infl.neg":       "neg",
}

var zhStrings = map[string]string{
	"sep.list":  "、",
	"too.small": "窗口太小",

	"stmt.draft":       "草稿",
	"stmt.in_review":   "法务审核中",
	"stmt.approved":    "已批准",
	"stmt.rejected":    "已驳回",
	"stmt.published":   "已发布",
	"kind.holding":     "态度声明",
	"kind.apology":     "致歉声明",
	"kind.fact_update": "事实更新",
	"kind.remedy":      "补救声明",
	"kind.full":        "完整声明",
	"kind.none":        "声明",

	"ws.list":        "声明（%d）",
	"ws.text":        "正文",
	"ws.checks":      "检查",
	"ws.empty":       "还没有声明。",
	"ws.empty.hint":  "按 n 从预案模板起草一份。",
	"ws.notext":      "（空）",
	"ws.unsaved":     "未保存",
	"ws.author":      "%s 起草",
	"ws.reviewer":    "%s：%s",
	"ws.reviewedby":  "审核人 %s",
	"ws.met":         "已满足：%s",
	"ws.noroles":     "无角色",
	"ws.actor":       "%s（%s）",
	"ws.select":      "选择一份声明，或按 n 新建。",
	"stage.draft":    "草稿 v%d · 按 r 提交法务审核",
	"stage.again":    "法务批准的是 v%d，现为 v%d · 按 r 重新提交",
	"stage.review":   "%s 起法务审核中 · a 批准 · x 驳回",
	"stage.waiting":  "%s 起法务审核中 · 只有法务可以审核",
	"stage.approved": "v%d 已由 %s 批准 · 按 p 发布",
	"stage.rejected": "已被 %s 驳回 · 修改后按 r 重新提交",
	"stage.publish":  "已在%s发布，%s，发布人 %s",
	"stage.editing":  "编辑中 · ctrl+s 保存 · esc 退出（文字保留）",
	"stage.conflict": "他处已改为 v%d；ctrl+s 以你的文字覆盖",
	"stage.reopen":   "正在修改已批准的声明：保存后须重新经法务审核",

	"why.readonly":     "事件文件为只读",
	"why.none":         "未选中声明",
	"why.legal":        "只有法务可以审核；你当前的身份是 %s",
	"why.notreview":    "该声明不在法务审核中（%s）",
	"why.inreview":     "法务审核中：先撤回（w）再修改",
	"why.published":    "已发布，不能再修改",
	"why.notdraft":     "只有草稿或被驳回的声明可以提交审核（%s）",
	"why.empty":        "正文为空",
	"why.placeholders": "请先填写 %s",
	"why.notapproved":  "法务尚未批准（%s）",
	"why.stale":        "法务批准的是 v%d，当前为 v%d：请重新提交",
	"why.pending":      "上一操作仍在写入",
	"why.nochange":     "自 v%d 以来没有修改",
	"why.comment":      "驳回须填写意见，说明要改什么",

	"cannot":        "无法%s：%s",
	"refused":       "被拒绝：%s",
	"done.draft":    "已起草 %s",
	"done.edit":     "已保存 %s",
	"done.submit":   "%s 已提交法务审核",
	"done.withdraw": "%s 已撤回为草稿",
	"done.approve":  "%s 已批准",
	"done.reject":   "%s 已驳回",
	"done.publish":  "%s 已在%s发布",
	"done.met":      " · 已满足：%s",
	"warn.unsaved":  "未保存的修改不会发出：法务批准的是 v%d",
	"act.new":       "起草",
	"act.edit":      "编辑",
	"act.save":      "保存",
	"act.submit":    "提交",
	"act.withdraw":  "撤回",
	"act.approve":   "批准",
	"act.reject":    "驳回",
	"act.publish":   "发布",

	"form.new":      "新声明",
	"form.kind":     "类型",
	"form.platform": "平台",
	"form.from":     "来源",
	"from.template": "模板：%s",
	"from.blank":    "空白",
	"from.copy":     "复制 %s",
	"form.approve":  "以 %[3]s 身份批准 %[1]s v%[2]d",
	"form.reject":   "以 %[3]s 身份驳回 %[1]s v%[2]d",
	"form.comment":  "意见",
	"form.publish":  "发布 %s v%d",

	"check.score":          "得分 %d/100",
	"check.sincere":        "要素齐全",
	"check.notsincere":     "缺少要素",
	"check.defensive":      "有推责",
	"check.notdefensive":   "无推责",
	"check.fill":           "待填写：%s",
	"check.length":         "%d/%d 字（%s）",
	"check.chars":          "%d 字",
	"check.ok":             "未发现问题。",
	"check.review":         "法务意见",
	"check.note":           "以上为启发式检查，不能代替法务审核。",
	"finding.forbidden":    "违禁用语",
	"finding.liability":    "责任风险",
	"finding.missing":      "缺少",
	"finding.blame":        "推责",
	"finding.length":       "超长",
	"part.acknowledgement": "表态与致歉",
	"part.facts":           "已核实的事实",
	"part.actions":         "已采取的行动",
	"part.remedy":          "补救措施",
	"part.contact":         "联系渠道",
	"part.next_update":     "下次更新时间",

	"key.new":      "新建声明",
	"key.save":     "保存",
	"key.leave":    "退出编辑",
	"key.tolegal":  "提交法务",
	"key.withdraw": "撤回",
	"key.approve":  "批准",
	"key.reject":   "驳回",
	"key.publish":  "发布",
	"key.checks":   "滚动检查",
	"key.field":    "下一项",
	"key.choose":   "选择",
	"key.confirm":  "确认",
	"key.page":     "翻页",
	"key.ends":     "顶部/底部",
	"key.newline":  "换行",

	"proto.title":      "危机协议卡",
	"proto.team":       "找谁",
	"proto.you":        "（你）",
	"proto.approval":   "声明审批链",
	"proto.rules":      "纪律",
	"proto.messages":   "核心口径：%s",
	"proto.nomessages": "尚未按场景启动预案；启动后这里显示该场景的核心口径。",
	"proto.noplan":     "未加载危机预案。",
	"proto.nobody":     "无人",
	"proto.pos":        "%d/%d",

	"infl.title":     "可信 KOL",
	"infl.followers": "粉丝 %s",
	"infl.posts":     "%d 条 · 平均情绪 %s · 负面 %d 条",
	"infl.noposts":   "本次事件中暂无发帖。",
	"infl.loading":   "正在加载帖子…",
	"infl.more":      "还有 %d 条",
	"infl.none":      "预案中没有可信 KOL。",
	"infl.contact":   "联系：%s",
	"infl.err":       "无法加载帖子：%s",
	"infl.hint":      "向其提供已核实的事实；不付费、不要求转发。",
	"infl.neg":       "负面",
}
