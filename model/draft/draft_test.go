package draft

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"warroom/model"
)

// sincereZH has every part of a sincere statement and nothing flagged.
const sincereZH = `【示例品牌致歉声明】
我们已关注到网友反映的情况，向当事消费者诚恳道歉。
经初步核查，涉事批次在包装环节混入异物，责任在我们。
我们已第一时间下架并封存涉事批次，暂停涉事门店营业，并向市场监督管理部门报告。
购买涉事批次的消费者可全额退款，就医费用由我们承担。
请拨打客服热线400-000-0000。最新进展将于3月16日18:00前公布。`

const sincereEN = `We have seen the reports about our product, and we sincerely apologise.
Our initial investigation found that a batch was contaminated at packing; the responsibility is ours.
We have immediately removed and sealed the batch and suspended sales at the store.
Everyone who bought it gets a full refund, and we will cover medical costs.
Please call our hotline 400-000-0000. We will publish the next update by 6 pm on 16 March.`

func TestSincereStatements(t *testing.T) {
	for _, text := range []string{sincereZH, sincereEN} {
		r := Check(text, model.Weibo, "zh")
		if !r.Sincere || r.Defensive || len(r.Findings) != 0 || r.Score != 100 {
			t.Errorf("sincere statement: %+v", r)
		}
	}
}

// rules returns the rule of every finding that points at a phrase.
func rules(r Report) []string {
	var out []string
	for _, f := range r.Findings {
		if f.Kind != Missing && f.Kind != Length {
			out = append(out, f.Rule+":"+f.Text)
		}
	}
	return out
}

func TestPhrases(t *testing.T) {
	cases := []struct {
		text string
		want []string // rule:phrase for every finding; nil for none
	}{
		// Ordinary words that look like absolute terms.
		{"我们第一时间成立了专项小组。", nil},
		{"最新进展：最近一次检测的最终结果，最后一批已下架，我们以最快速度处理，尽最大努力减少影响。", nil},
		{"依据《食品安全法》第一百零三条和第六十三条第一款。", nil},
		{"第一，已下架；第二，已封存。这是我们第一次遇到，第一批已召回。", nil},
		{"企业是食品安全第一责任人。", nil},
		{"已100%完成召回，召回率100%。", nil},
		{"我们委托第三方检测机构检测留样。", nil},
		{"给大家带来一定的困扰，一定程度上影响了体验。", nil},
		{"我们绝不姑息，坚决杜绝类似问题。", nil},
		// Absolute terms (《广告法》第九条).
		{"我们的产品是最安全的，品质最佳。", []string{"forbidden.absolute:最安全", "forbidden.absolute:最佳"}},
		{"国家级工艺，顶级原料，全国唯一。", []string{"forbidden.absolute:国家级", "forbidden.absolute:顶级", "forbidden.absolute:全国唯一"}},
		{"官方微博是我们唯一的信息发布渠道；首家门店已停业。", nil},
		{"我们是行业第一，销量第一的第一品牌。", []string{"forbidden.ranking:行业第一", "forbidden.ranking:销量第一", "forbidden.ranking:第一品牌"}},
		{"产品100%安全，百分百放心，零风险。", []string{"forbidden.safety:100%安全", "forbidden.safety:百分百", "forbidden.safety:零风险"}},
		{"绝对安全。", []string{"forbidden.safety:绝对安全"}},
		// Liability.
		{"我们保证不会再发生此类事件。", []string{"liability.promise:保证不会"}},
		{"这种事绝不会再有，永远不会。", []string{"liability.promise:绝不会", "liability.promise:永远不会"}},
		{"我们一定会给大家一个交代。", []string{"liability.promise:一定会"}},
		{"我们承诺向每位消费者赔偿1000元。", []string{"liability.amount:承诺向每位消费者赔偿1000元"}},
		{"我们保证十倍赔偿。", []string{"liability.amount:保证十倍"}},
		{"我们承诺全额退款。", nil},
		// Blame-shifting.
		{"这是临时工的个人行为。", []string{"blame.scapegoat:临时工", "blame.scapegoat:个人行为"}},
		{"这只是个例。", []string{"blame.scapegoat:个例"}},
		{"这不是临时工的问题，而是我们的管理问题；我们不能把责任推给个别员工。", nil},
		{"涉事门店系加盟商自行采购。", []string{"blame.partner:系加盟"}},
		{"问题系供应商原因导致。", []string{"blame.partner:系供应商"}},
		{"起火系消费者使用不当所致。", []string{"blame.customer:使用不当"}},
		{"有人恶意炒作、造谣抹黑，疑似竞争对手所为。", []string{"blame.rumour:恶意炒作", "blame.rumour:造谣", "blame.rumour:抹黑", "blame.rumour:竞争对手"}},
		{"如有冒犯，深表歉意；此前的内容造成误解。", []string{"blame.conditional:如有冒犯", "blame.conditional:造成误解"}},
		{"网传不实。", []string{"blame.denial:网传不实"}},
		// A denial backed by facts is a correction.
		{"经核查，监控显示该产品未开封，网传不实。", nil},
		// English.
		{"Our product is the best and No.1 in safety, 100% safe.", []string{"forbidden.absolute:the best", "forbidden.ranking:No.1", "forbidden.safety:100% safe"}},
		{"We guarantee this will never happen again.", []string{"liability.promise:guarantee", "liability.promise:will never happen again"}},
		{"This was a rogue employee in an isolated incident.", []string{"blame.scapegoat:rogue employee", "blame.scapegoat:isolated incident"}},
		{"We regret any misunderstanding, if anyone was offended.", []string{"blame.conditional:misunderstanding", "blame.conditional:if anyone was offended"}},
		{"We are doing our best; this is not an isolated incident.", nil},
		{"BESTOW bestseller", nil},
	}
	for _, c := range cases {
		r := Check(c.text, model.Other, "en")
		if got := rules(r); !slices.Equal(got, c.want) {
			t.Errorf("%s\n  got  %q\n  want %q", c.text, got, c.want)
		}
		blame := slices.ContainsFunc(c.want, func(s string) bool { return strings.HasPrefix(s, "blame.") })
		if r.Defensive != blame {
			t.Errorf("%s: Defensive = %v", c.text, r.Defensive)
		}
	}
}

func TestSpansPointAtThePhrase(t *testing.T) {
	text := "我们已关注到此事。这是临时工所为，产品100%安全。"
	r := Check(text, model.Weibo, "zh")
	var n int
	for _, f := range r.Findings {
		if f.Kind == Missing {
			if f.Span[0] != f.Span[1] {
				t.Errorf("missing part has a span: %+v", f)
			}
			continue
		}
		n++
		if got := text[f.Span[0]:f.Span[1]]; got != f.Text {
			t.Errorf("span %v is %q, text %q", f.Span, got, f.Text)
		}
	}
	if n != 2 {
		t.Fatalf("want 2 phrase findings, got %+v", r.Findings)
	}
	if got := r.Findings[0].Span; got != [2]int{strings.Index(text, "临时工"), strings.Index(text, "临时工") + len("临时工")} {
		t.Errorf("临时工 span = %v", got)
	}
	// Upper-case English keeps its offsets.
	text = "Ünïcode first. We GUARANTEE it."
	f := Check(text, model.Other, "en").Findings[0]
	if text[f.Span[0]:f.Span[1]] != "GUARANTEE" {
		t.Errorf("span %v = %q", f.Span, text[f.Span[0]:f.Span[1]])
	}
}

func TestMissingParts(t *testing.T) {
	drop := map[Part][]string{
		Acknowledgement: {"【示例品牌致歉声明】", "我们已关注到网友反映的情况，向当事消费者诚恳道歉。", "，责任在我们"},
		Facts:           {"经初步核查，涉事批次在包装环节混入异物，责任在我们。"},
		Actions:         {"我们已第一时间下架并封存涉事批次，暂停涉事门店营业，并向市场监督管理部门报告。"},
		Remedy:          {"购买涉事批次的消费者可全额退款，就医费用由我们承担。"},
		Contact:         {"请拨打客服热线400-000-0000。"},
		NextUpdate:      {"最新进展将于3月16日18:00前公布。"},
	}
	for part, cuts := range drop {
		text := sincereZH
		for _, c := range cuts {
			if !strings.Contains(text, c) {
				t.Fatalf("test text lacks %q", c)
			}
			text = strings.ReplaceAll(text, c, "")
		}
		r := Check(text, model.Weibo, "en")
		var missing []string
		for _, f := range r.Findings {
			if f.Kind == Missing {
				missing = append(missing, f.Rule)
				if f.Why == "" {
					t.Errorf("%s: no explanation", f.Rule)
				}
			}
		}
		if !slices.Equal(missing, []string{"missing." + string(part)}) || r.Sincere {
			t.Errorf("without %s: missing %v, sincere %v", part, missing, r.Sincere)
		}
		if r.Score != 100-weights[Missing] {
			t.Errorf("without %s: score %d", part, r.Score)
		}
	}
}

func TestKinds(t *testing.T) {
	holding := "我们已关注到网友反映的情况，深感抱歉。我们已立即下架涉事批次并成立专项小组调查。请拨打热线400-000-0000。调查进展将于今晚22:00前公布。"
	if r := CheckKind(holding, model.StatementHolding, model.Weibo, "zh"); !r.Sincere {
		t.Errorf("holding statement without facts or remedy should be sincere: %+v", r.Findings)
	}
	if r := Check(holding, model.Weibo, "zh"); r.Sincere || len(r.Findings) != 2 {
		t.Errorf("as a full statement it lacks facts and remedy: %+v", r.Findings)
	}
	for _, k := range []model.StatementKind{model.StatementHolding, model.StatementApology, model.StatementFactUpdate, model.StatementRemedy, model.StatementFull, ""} {
		if len(Required(k)) == 0 {
			t.Errorf("%q requires nothing", k)
		}
	}
}

func TestLength(t *testing.T) {
	body := sincereZH + strings.Repeat("字", 2000-utf8.RuneCountInString(sincereZH))
	if r := Check(body, model.Weibo, "zh"); r.Score != 100 {
		t.Errorf("2,000 characters on Weibo: %+v", r.Findings)
	}
	over := body + "超出"
	r := Check(over, model.Weibo, "zh")
	f := r.Findings[len(r.Findings)-1]
	if f.Kind != Length || f.Rule != "length.weibo" || f.Text != "超出" || f.Span[1] != len(over) || !strings.Contains(f.Why, "2000") {
		t.Errorf("length finding = %+v", f)
	}
	if r := Check(over, model.Xiaohongshu, "en"); !slices.ContainsFunc(r.Findings, func(f Finding) bool { return f.Rule == "length.xiaohongshu" }) {
		t.Error("no length finding for Xiaohongshu")
	}
	if r := Check(over, model.WeChat, "zh"); r.Score != 100 {
		t.Errorf("a WeChat article may be long: %+v", r.Findings)
	}
	if _, ok := Limit(model.Zhihu); ok {
		t.Error("Zhihu has no limit a statement would reach")
	}
}

func TestWhyFollowsLang(t *testing.T) {
	zh := Check("临时工", model.Other, "zh").Findings[0].Why
	en := Check("临时工", model.Other, "en").Findings[0].Why
	if !strings.Contains(zh, "甩锅") || !strings.Contains(en, "passing the buck") {
		t.Errorf("why: %q / %q", zh, en)
	}
}

func TestScoreAndDeterminism(t *testing.T) {
	text := "我们的产品行业第一，这是临时工所为，保证不会再发生。"
	a, b := Check(text, model.Weibo, "zh"), Check(text, model.Weibo, "zh")
	if !slices.Equal(a.Findings, b.Findings) || a.Score != b.Score {
		t.Error("Check is not deterministic")
	}
	if a.Score != 0 || !a.Defensive {
		t.Errorf("score %d defensive %v", a.Score, a.Defensive)
	}
	if r := Check("", model.Weibo, "zh"); r.Sincere || r.Score != 100-6*weights[Missing] {
		t.Errorf("empty draft: %+v", r)
	}
}

func FuzzCheck(f *testing.F) {
	for _, s := range []string{sincereZH, sincereEN, "临时工", "承诺赔偿", "承诺每人赔偿十", "100%", "best", "", "\xff\xfe最佳", "第一", "¥", "承诺赔偿¥"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, p := range []model.Platform{model.Weibo, model.Other} {
			r := Check(text, p, "zh")
			if r.Score < 0 || r.Score > 100 {
				t.Fatalf("score %d", r.Score)
			}
			last := 0
			for _, f := range r.Findings {
				s, e := f.Span[0], f.Span[1]
				if s < 0 || e < s || e > len(text) {
					t.Fatalf("span %v out of bounds for %d bytes", f.Span, len(text))
				}
				if f.Kind == Missing || f.Kind == Length {
					continue
				}
				if s < last {
					t.Fatalf("findings overlap or are out of order: %+v", r.Findings)
				}
				last = e
				if text[s:e] != f.Text {
					t.Fatalf("span %v is %q, text %q", f.Span, text[s:e], f.Text)
				}
				if utf8.ValidString(text) && (!utf8.ValidString(f.Text) || f.Text == "") {
					t.Fatalf("span %v splits a character", f.Span)
				}
			}
		}
	})
}

// draft1000 is a realistic 1,000-character statement: sincere text and a
// few flagged phrases, the mix the editor sees while someone types.
var draft1000 = func() string {
	s := sincereZH + "这是临时工的个人行为，产品100%安全，我们保证不会再发生。We guarantee it. "
	for utf8.RuneCountInString(s) < 1000 {
		s += "我们将持续配合监管部门调查，及时公布进展，接受社会监督。"
	}
	return string([]rune(s)[:1000])
}()

func BenchmarkCheck1000(b *testing.B) {
	b.SetBytes(int64(len(draft1000)))
	for b.Loop() {
		Check(draft1000, model.Weibo, "zh")
	}
}
