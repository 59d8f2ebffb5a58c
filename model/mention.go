// Package model is warroom's domain: mentions, incidents, response clocks,
// tasks, statements and the event log they are folded from. It is pure Go:
// no SQL, no terminal, no goroutines and no I/O, so live, replay and drill
// sessions, and the tests, all share it unchanged.
package model

import (
	"strings"
	"time"
)

// Platform is where a mention was posted.
type Platform string

// The platforms a Chinese crisis team watches. Anything else is Other.
const (
	Weibo       Platform = "weibo"
	Douyin      Platform = "douyin"
	Xiaohongshu Platform = "xiaohongshu"
	Bilibili    Platform = "bilibili"
	Zhihu       Platform = "zhihu"
	Kuaishou    Platform = "kuaishou"
	Tieba       Platform = "tieba"
	WeChat      Platform = "wechat"
	Heimao      Platform = "heimao"
	News        Platform = "news"
	Other       Platform = "other"
)

// Platforms lists every known platform in display order.
var Platforms = []Platform{Weibo, Douyin, Xiaohongshu, Bilibili, Zhihu, Kuaishou, Tieba, WeChat, Heimao, News, Other}

var platformAliases = map[string]Platform{
	"weibo": Weibo, "wb": Weibo, "sina": Weibo, "微博": Weibo,
	"douyin": Douyin, "dy": Douyin, "抖音": Douyin, "tiktok": Douyin,
	"xiaohongshu": Xiaohongshu, "xhs": Xiaohongshu, "redbook": Xiaohongshu, "小红书": Xiaohongshu,
	"bilibili": Bilibili, "bili": Bilibili, "b站": Bilibili, "哔哩哔哩": Bilibili,
	"zhihu": Zhihu, "知乎": Zhihu,
	"kuaishou": Kuaishou, "ks": Kuaishou, "快手": Kuaishou,
	"tieba": Tieba, "贴吧": Tieba, "百度贴吧": Tieba,
	"wechat": WeChat, "weixin": WeChat, "wx": WeChat, "微信": WeChat, "公众号": WeChat,
	"heimao": Heimao, "黑猫": Heimao, "黑猫投诉": Heimao,
	"news": News, "media": News, "新闻": News,
	"other": Other,
}

// ParsePlatform maps a platform name or common alias (in English or Chinese)
// to a Platform. Unknown names give Other and false, so a mention from a new
// site is kept rather than rejected.
func ParsePlatform(s string) (Platform, bool) {
	p, ok := platformAliases[strings.ToLower(strings.TrimSpace(s))]
	if !ok {
		return Other, false
	}
	return p, true
}

// Category is the kind of crisis a mention talks about.
type Category string

// Categories a classifier may assign. CategoryNone means nothing crisis-like.
const (
	CategoryNone          Category = ""
	CategoryFoodSafety    Category = "food_safety"
	CategoryProductSafety Category = "product_safety"
	CategoryService       Category = "service"
	CategoryPriceFraud    Category = "price_fraud"
	CategoryPrivacy       Category = "privacy"
	CategoryBoycott       Category = "boycott"
	CategoryLabour        Category = "labour"
	CategoryLegal         Category = "legal"
	CategoryOther         Category = "other"
)

// Categories lists the assignable categories in display order.
var Categories = []Category{CategoryFoodSafety, CategoryProductSafety, CategoryService, CategoryPriceFraud,
	CategoryPrivacy, CategoryBoycott, CategoryLabour, CategoryLegal, CategoryOther}

// Mention is one post or comment about the brand.
type Mention struct {
	ID              int64 // row id in the incident file; 0 until stored
	Platform        Platform
	ExternalID      string // the platform's own id; unique per platform
	AuthorName      string
	AuthorID        string
	AuthorFollowers int64
	Verified        bool
	Text            string // sanitized for display
	RawText         string // as received, kept for export
	CreatedAt       time.Time
	IngestedAt      time.Time
	Likes           int64
	Comments        int64
	Shares          int64
	URL             string
	ParentID        string // external id of the post this comments on or reposts
	IPLocation      string
	Source          string // where it came from: file name, "webhook", "drill"
	Line            int64  // line of Source the record starts on, when read from one; not kept in the file
	DupOf           int64  // id of an earlier mention with the same text (a repost), 0 if none

	// Judgement, filled by the classifier.
	Sentiment float64 // -1 (hostile) .. 1 (warm)
	Negative  bool
	Category  Category
	Severity  int // 0..100
	Terms     []string
}

// Engagement is the sum of likes, comments and shares.
func (m *Mention) Engagement() int64 { return m.Likes + m.Comments + m.Shares }
