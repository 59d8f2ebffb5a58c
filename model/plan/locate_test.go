package plan

import "testing"

func TestLocator(t *testing.T) {
	src := `# comment [not.a.table]
title = "x" # trailing
[brand]
name = "品牌"
"quoted key" = 1
dotted.key = 2
text = """
[not a table]
still = "text"
"""
lit = '''
ok'''

[[scenarios]]
id = "a"
[scenarios.triggers]
terms = [
  "x",
  "y", # comment
]
[[scenarios.clocks]]
id = "c0"
[[scenarios.clocks]]
id = "c1"
[[scenarios]]
id = "b"
messages = [
  { zh = "一", en = "one" },
  { zh = "二" },
]
inline = { a = { b = 1 }, c = [1, 2] }
after = true
`
	l := locate(src)
	for path, want := range map[string]int{
		"title":                          2,
		"brand":                          3,
		"brand.name":                     4,
		"brand.quoted key":               5,
		"brand.dotted.key":               6,
		"brand.text":                     7,
		"brand.lit":                      11,
		"scenarios[0]":                   14,
		"scenarios[0].id":                15,
		"scenarios[0].triggers":          16,
		"scenarios[0].triggers.terms":    17,
		"scenarios[0].triggers.terms[1]": 19,
		"scenarios[0].clocks[0].id":      22,
		"scenarios[0].clocks[1]":         23,
		"scenarios[0].clocks[1].id":      24,
		"scenarios[1].id":                26,
		"scenarios[1].messages[0].en":    28,
		"scenarios[1].messages[1].zh":    29,
		"scenarios[1].inline.a.b":        31,
		"scenarios[1].inline.c[1]":       31,
		"scenarios[1].after":             32,
		// Missing fields fall back to the nearest written ancestor.
		"scenarios[1].name":          25,
		"scenarios[0].clocks[1].due": 24 - 1,
		"nothing.at.all":             1,
	} {
		if got := l.Line(path); got != want {
			t.Errorf("Line(%q) = %d, want %d", path, got, want)
		}
	}
	if _, ok := l.lines["brand.still"]; ok {
		t.Error("a key inside a multi-line string was taken for a key")
	}
	if got := l.Find("scenarios.clocks.id"); len(got) != 2 || got[1] != "scenarios[0].clocks[1].id" {
		t.Errorf("Find = %v", got)
	}
}
