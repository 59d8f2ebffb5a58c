// Package draft checks a public statement while it is being written: words
// Chinese advertising law forbids, promises that create liability,
// blame-shifting (甩锅), the parts a sincere statement needs, and the
// platform's length limit. It is pure and fast enough to run on every
// keystroke, and it reports byte spans so the editor can highlight them.
//
// The checks are heuristics over fixed phrase lists, tuned to avoid the
// false alarms a team would learn to ignore: 第一时间 and 最新 are fine, 第一品牌
// and 最安全 are not. They help a tired team at 3 a.m.; they do not replace
// legal review.
package draft

import (
	"unicode/utf8"

	"warroom/model"
)

// Kind groups findings by what is wrong.
type Kind string

// Finding kinds.
const (
	Forbidden Kind = "forbidden" // words 《广告法》 forbids
	Liability Kind = "liability" // promises of outcomes or amounts
	Missing   Kind = "missing"   // a part of a sincere statement is absent
	Blame     Kind = "blame"     // blame-shifting or bare denial
	Length    Kind = "length"    // over the platform's limit
)

// Finding is one problem in a draft.
type Finding struct {
	Rule string // stable id, e.g. "forbidden.absolute", "missing.remedy"
	Kind Kind
	// Span is the byte range [start, end) of Text in the draft. It is empty
	// (start == end) for findings about something absent.
	Span [2]int
	Text string // the phrase as written in the draft
	Why  string // one sentence, in the language asked for
}

// Report is the result of checking a draft.
type Report struct {
	Findings  []Finding // phrases in text order, then missing parts, then length
	Sincere   bool      // every part the statement kind needs is there
	Defensive bool      // blame-shifting or bare denial was found
	Score     int       // 0..100; 100 is a draft with no findings
}

// Part is a part of a sincere statement.
type Part string

// The parts of a sincere statement, in the order a reader needs them.
const (
	Acknowledgement Part = "acknowledgement" // we have seen it, and we are sorry
	Facts           Part = "facts"           // what is known so far
	Actions         Part = "actions"         // what has been done already
	Remedy          Part = "remedy"          // what those affected get
	Contact         Part = "contact"         // where to go
	NextUpdate      Part = "next_update"     // when we will speak again
)

// Parts lists every part in order.
var Parts = []Part{Acknowledgement, Facts, Actions, Remedy, Contact, NextUpdate}

// Required returns the parts a statement of kind needs. A holding statement
// goes out before the facts and the remedy are settled, so it needs neither;
// a fact update reports progress and need not repeat the apology; a remedy
// statement is about what people get and where to get it. Any other kind,
// including "", needs every part.
func Required(kind model.StatementKind) []Part {
	switch kind {
	case model.StatementHolding:
		return []Part{Acknowledgement, Actions, Contact, NextUpdate}
	case model.StatementFactUpdate:
		return []Part{Facts, Actions, Contact, NextUpdate}
	case model.StatementRemedy:
		return []Part{Acknowledgement, Actions, Remedy, Contact, NextUpdate}
	}
	return Parts
}

// Limit returns the most characters (runes) a post on platform may have,
// and false when the platform has no limit a statement would reach. These
// are the platforms' published limits at the time of writing (Weibo 2,000
// for a normal post; Xiaohongshu 1,000 for a note; Douyin 1,000 for a
// caption; WeChat 20,000 for an official-account article) and change from
// time to time.
func Limit(p model.Platform) (int, bool) {
	switch p {
	case model.Weibo:
		return 2000, true
	case model.Xiaohongshu, model.Douyin:
		return 1000, true
	case model.WeChat:
		return 20000, true
	}
	return 0, false
}

// Check checks a full statement: every part is needed. lang ("zh" or "en")
// chooses the language of the explanations; the draft itself may be in
// either language.
func Check(text string, platform model.Platform, lang string) Report {
	return CheckKind(text, model.StatementFull, platform, lang)
}

// CheckKind checks a statement of a given kind, which decides the parts it
// needs (see Required).
func CheckKind(text string, kind model.StatementKind, platform model.Platform, lang string) Report {
	var r Report
	found := scan(text)
	r.Findings = found.findings(lang)
	for _, f := range r.Findings {
		if f.Kind == Blame {
			r.Defensive = true
		}
	}
	r.Sincere = true
	for _, p := range Required(kind) {
		if !found.has.Has(p) {
			r.Sincere = false
			r.Findings = append(r.Findings, Finding{Rule: "missing." + string(p), Kind: Missing,
				Why: partWhy[p].in(lang)})
		}
	}
	if limit, ok := Limit(platform); ok {
		if n := utf8.RuneCountInString(text); n > limit {
			start := byteOffsetOfRune(text, limit)
			r.Findings = append(r.Findings, Finding{Rule: "length." + string(platform), Kind: Length,
				Span: [2]int{start, len(text)}, Text: text[start:], Why: lengthWhy(platform, n, limit, lang)})
		}
	}
	r.Score = score(r.Findings)
	return r
}

// Weights of each kind of finding in the score. Blame costs most because it
// turns a crisis about a product into one about the brand's character.
var weights = map[Kind]int{Blame: 20, Forbidden: 15, Missing: 12, Liability: 10, Length: 10}

func score(fs []Finding) int {
	s := 100
	for _, f := range fs {
		s -= weights[f.Kind]
	}
	return max(s, 0)
}

// byteOffsetOfRune returns the byte offset of the n-th rune (0-based).
func byteOffsetOfRune(s string, n int) int {
	i := 0
	for off := range s {
		if i == n {
			return off
		}
		i++
	}
	return len(s)
}
