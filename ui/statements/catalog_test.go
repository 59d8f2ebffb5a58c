package statements

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"warroom/model"
	"warroom/model/draft"
	"warroom/ui/i18n"
)

// TestCatalogCoversCode finds every literal key the code looks up, and the
// keys it builds from model values, and checks both languages have them.
func TestCatalogCoversCode(t *testing.T) {
	keyRE := regexp.MustCompile(`\b(?:c\.[TF]|b)\("([a-z_.]+)"|key := "([a-z_.]+)"|key = "([a-z_.]+)"`)
	files, _ := filepath.Glob("*.go")
	used := map[string]bool{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range keyRE.FindAllStringSubmatch(string(b), -1) {
			k := m[1] + m[2] + m[3]
			if !strings.HasSuffix(k, ".") { // a prefix completed below
				used[k] = true
			}
		}
	}
	for _, s := range []model.StatementStatus{model.StatementDraft, model.StatementInReview, model.StatementApproved,
		model.StatementRejected, model.StatementPublished} {
		used["stmt."+string(s)] = true
	}
	for _, k := range draftKinds {
		used["kind."+string(k)] = true
	}
	for _, k := range []draft.Kind{draft.Forbidden, draft.Liability, draft.Missing, draft.Blame, draft.Length} {
		used["finding."+string(k)] = true
	}
	for _, p := range draft.Parts {
		used["part."+string(p)] = true
	}
	for _, a := range []string{"new", "edit", "save", "submit", "withdraw", "approve", "reject", "publish"} {
		used["act."+a] = true
	}
	for _, a := range []string{"approve", "reject"} {
		used["done."+a] = true
	}
	for _, l := range []i18n.Lang{i18n.EN, i18n.ZH} {
		c := newCatalog(l)
		for k := range used {
			if c.T(k) == k {
				t.Errorf("%s: no message for %q", l, k)
			}
		}
	}
	// And nothing in the catalogue is dead.
	for _, k := range i18n.StatementKeys() {
		if !used[k] {
			t.Errorf("%q is never used", k)
		}
	}
}

func TestCatalogNames(t *testing.T) {
	c := newCatalog(i18n.ZH)
	if c.platform("weibo") != "微博" || c.platform("myspace") != "其他" {
		t.Fatalf("platforms: %q %q", c.platform("weibo"), c.platform("myspace"))
	}
	if c.roles([]model.Role{model.RoleLegal, model.RoleLead}) != "法务、总指挥" {
		t.Fatalf("roles: %q", c.roles([]model.Role{model.RoleLegal, model.RoleLead}))
	}
	if c.count(12000) != "1.2万" || newCatalog(i18n.EN).count(12000) != "12k" {
		t.Fatal("follower counts")
	}
	if c.kind("\x1b[2Jodd") != "odd" {
		t.Fatalf("an unknown kind is not cleaned: %q", c.kind("\x1b[2Jodd"))
	}
}
