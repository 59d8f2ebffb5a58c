package drill

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// minimal is a valid scenario the error cases break one line at a time.
const minimal = `id = "t"
brand = "测试牌"
duration = "2h"
[name]
zh = "测试"
en = "test"

[texts]
negative = ["{=brand}太差了，{差评|失望}"]
neutral = ["{=brand}怎么样"]
positive = ["{=brand}不错"]

[[phase]]
name = "一"
start = "0m"
length = "1h"
rate = 2
negative = 0.5
platforms = { weibo = 1 }
authors = { ordinary = 1 }

[[phase]]
name = "二"
start = "1h"
length = "1h"
rate = 1
negative = 0.5
platforms = { weibo = 1, douyin = 1 }
authors = { ordinary = 9, bot = 1 }
`

func TestParseMinimal(t *testing.T) {
	sc, err := Parse("t.toml", []byte(minimal))
	if err != nil {
		t.Fatal(err)
	}
	if len(sc.Phases) != 2 || sc.Duration != 2*time.Hour || sc.Response.Golden != 4*time.Hour {
		t.Fatalf("parsed %+v", sc)
	}
	ms := NewGenerator(sc, 1, t0).Until(t0.Add(2 * time.Hour))
	if len(ms) < 50 {
		t.Fatalf("only %d mentions", len(ms))
	}
}

func TestParseErrors(t *testing.T) {
	cases := []struct {
		name     string
		old, new string
		want     string // "file:line: field: ..." prefix, then a fragment
	}{
		{"bad duration in second phase", `length = "1h"
rate = 1`, `length = "1hour"
rate = 1`, `t.toml:25: phase[1].length: bad duration "1hour"`},
		{"share out of range", `rate = 1
negative = 0.5`, `rate = 1
negative = 1.5`, "t.toml:27: phase[1].negative: must be a share between 0 and 1, got 1.5"},
		{"unknown platform", `platforms = { weibo = 1, douyin = 1 }`, `platforms = { weibo = 1, tiktak = 1 }`,
			`t.toml:28: phase[1].platforms.tiktak: unknown platform "tiktak"`},
		{"unknown author kind", `authors = { ordinary = 9, bot = 1 }`, `authors = { ordinary = 9, robot = 1 }`,
			"t.toml:29: phase[1].authors.robot: unknown author kind"},
		{"unknown field", `rate = 2`, `rate = 2
ratee = 3`, "t.toml:18: phase.ratee: unknown field"},
		{"unknown slot", `neutral = ["{=brand}怎么样"]`, `neutral = ["{=brnd}怎么样"]`,
			"t.toml:10: texts.neutral#0: unknown slot {=brnd}"},
		{"unclosed brace", `positive = ["{=brand}不错"]`, `positive = [
  "好",
  "{=brand}{不错|可以"]`, "t.toml:13: texts.positive#1: template column 9: unclosed {"},
		{"toml syntax", `rate = 2`, `rate = = 2`, "t.toml:17: "},
		{"overlap", `start = "1h"`, `start = "50m"`, `t.toml:24: phase[1].start: phase starts at 50m0s, before phase "一" ends at 1h0m0s`},
		{"missing id", `id = "t"`, `# no id`, "t.toml: id: missing"},
		{"comments and reposts", `negative = 0.5
platforms = { weibo = 1 }`, `negative = 0.5
comments = 0.7
reposts = 0.5
platforms = { weibo = 1 }`, "t.toml:20: phase[0].reposts: comments + reposts must not exceed 1"},
		{"slot cycle", `[texts]`, `[slots]
a = ["{=b}"]
b = ["x{=a}"]

[texts]`, "t.toml:9: slots.a: slot refers to itself"},
		{"bad text group", `neutral = ["{=brand}怎么样"]`, `neutral = ["{=brand}怎么样"]
negatve = ["x"]`, `t.toml:11: texts.negatve: unknown text group "negatve"`},
		{"placeholder warroom fills", `[texts]`, `[placeholders]
brand = { zh = "别的牌" }

[texts]`, "t.toml:9: placeholders.brand: {brand} is filled by warroom"},
		{"placeholder without Chinese", `[texts]`, `[placeholders]
product = { en = "a meal" }

[texts]`, "t.toml:9: placeholders.product: missing zh"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if !strings.Contains(minimal, c.old) {
				t.Fatalf("case does not apply: %q", c.old)
			}
			src := strings.Replace(minimal, c.old, c.new, 1)
			_, err := Parse("t.toml", []byte(src))
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error:\n%v\nwant it to contain:\n%s", err, c.want)
			}
			var e *Error
			if !errors.As(err, &e) || e.File != "t.toml" {
				t.Fatalf("error %v is not a *drill.Error", err)
			}
		})
	}
}

func TestParseEvents(t *testing.T) {
	src := minimal + `
[[event]]
at = "30m"
platform = "weibo"
kind = "kol"
author = "大V"
followers = 23000000
sentiment = "negative"
text = "{=brand}太让人失望了"
boost = 3

[[event]]
at = "3h"
platform = "微博"
kind = "media"
author = "报社"
sentiment = "grumpy"
text = "x"
`
	_, err := Parse("e.toml", []byte(src))
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"e.toml:42: event[1].at: at 3h0m0s is after the drill ends", `e.toml:46: event[1].sentiment: want negative, neutral or positive, got "grumpy"`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error:\n%v\nwant %q", err, want)
		}
	}
}

func TestTemplates(t *testing.T) {
	cases := []struct {
		src  string
		want []string // every expansion must be one of these
		err  string
	}{
		{src: "{吃出|发现}{一根头发|一只虫子}", want: []string{"吃出一根头发", "吃出一只虫子", "发现一根头发", "发现一只虫子"}},
		{src: "好{|吃}", want: []string{"好", "好吃"}},
		{src: "{a{b|c}|d}", want: []string{"ab", "ac", "d"}},
		{src: "{{字面}}", want: []string{"{字面}"}},
		{src: "#话题# 文本", want: []string{"#话题# 文本"}},
		{src: "{a|b", err: "column 1: unclosed {"},
		{src: "a}", err: "unmatched }"},
		{src: "x{}", err: "empty {}"},
		{src: "{=}", err: "bad slot name"},
		{src: "{=a", err: "unclosed {= slot"},
	}
	r := rand.New(rand.NewPCG(1, 2))
	for _, c := range cases {
		tm, err := compileTemplate(c.src)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%q: error %v, want %q", c.src, err, c.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", c.src, err)
			continue
		}
		seen := map[string]bool{}
		for range 200 {
			s := string(tm.expand(nil, r, nil, 0))
			ok := false
			for _, w := range c.want {
				ok = ok || s == w
			}
			if !ok {
				t.Fatalf("%q expanded to %q", c.src, s)
			}
			seen[s] = true
		}
		if len(seen) != len(c.want) {
			t.Errorf("%q: only %d of %d variants seen", c.src, len(seen), len(c.want))
		}
		if v := tm.variants(1000); v != len(c.want) {
			t.Errorf("%q: variants() = %d, want %d", c.src, v, len(c.want))
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(minimal))
	for _, b := range builtinFiles {
		src, _ := builtinFS.ReadFile(b.file)
		f.Add(src)
	}
	f.Add([]byte("[[phase]]\n[[phase.texts]]\n"))
	f.Add([]byte(`a = "{{=x}|"` + "\n[slots]\nx = [\"{=x}\"]"))
	f.Fuzz(func(t *testing.T, src []byte) {
		sc, err := Parse("f.toml", src)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error")
			}
			return
		}
		// Whatever parses must run; keep the run small.
		if ExpectedMentions(sc, 1) > 20000 {
			return
		}
		g := NewGenerator(sc, 1, t0)
		g.Until(t0.Add(30 * time.Minute))
		g.Next()
	})
}
