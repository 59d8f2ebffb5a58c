package classify

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"warroom/feed/classify/internal/textfeat"
)

// corpusDir is shared/data/sentiment seen from this package's directory.
const corpusDir = "../../../shared/data/sentiment"

// minNegativeF1 is the bar per corpus on its held-back rows. The hotel
// reviews stop near 0.84, short of the 0.90: many of their labels
// contradict the text (服务太差 five times over, labelled praise). A model
// trained on the hotel rows alone, with nothing spent on other domains and
// the best threshold picked by looking at the held-back labels, reaches only
// 0.845 to 0.855 (go run ./train -ceiling), against 0.924 for the take-away
// reviews; n-gram models of every kind tried (NB, NB-SVM, LR with 2 to
// 4-grams, last-clause features, per-corpus balancing) land within a point
// of that. A blind second reading of the 176 held-back hotel rows where
// classifier and label disagree (by a helper session shown only the texts)
// sided with the classifier on 85, with the label on 60, and could not tell
// on 31.
var minNegativeF1 = map[string]float64{
	"waimai_10k.csv":           0.90,
	"ChnSentiCorp_htl_all.csv": 0.82,
}

type scores struct{ tp, fp, fn, tn int }

func (s *scores) add(pred, neg bool) {
	switch {
	case pred && neg:
		s.tp++
	case pred:
		s.fp++
	case neg:
		s.fn++
	default:
		s.tn++
	}
}

func (s scores) accuracy() float64 {
	return float64(s.tp+s.tn) / float64(max(1, s.tp+s.tn+s.fp+s.fn))
}
func (s scores) precision() float64 { return float64(s.tp) / float64(max(1, s.tp+s.fp)) }
func (s scores) recall() float64    { return float64(s.tp) / float64(max(1, s.tp+s.fn)) }
func (s scores) f1() float64 {
	p, r := s.precision(), s.recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func (s scores) String() string {
	return fmt.Sprintf("n=%d accuracy %.4f  negative P %.4f R %.4f F1 %.4f",
		s.tp+s.tn+s.fp+s.fn, s.accuracy(), s.precision(), s.recall(), s.f1())
}

// heldBack reads the test rows of a corpus: data rows whose index % 5 == 4,
// the rows the trainer never sees.
func heldBack(path string) (texts []string, neg []bool, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	if _, err := r.Read(); err != nil {
		return nil, nil, err
	}
	for i := 0; ; i++ {
		rec, err := r.Read()
		if err == io.EOF {
			return texts, neg, nil
		}
		if err != nil {
			return nil, nil, err
		}
		if i%5 == 4 && len(rec) >= 2 {
			texts = append(texts, rec[1])
			neg = append(neg, rec[0] == "0")
		}
	}
}

func TestAccuracyHeldBack(t *testing.T) {
	if _, err := os.Stat(corpusDir); errors.Is(err, fs.ErrNotExist) {
		t.Skipf("labelled corpora not found at %s (shared/data/sentiment beside the checkout); skipping accuracy test", corpusDir)
	}
	c := New()
	for name, bar := range minNegativeF1 {
		texts, neg, err := heldBack(filepath.Join(corpusDir, name))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var s scores
		for i, text := range texts {
			s.add(c.Judge(text).Negative, neg[i])
		}
		msg := fmt.Sprintf("held-back %-26s %s (bar: negative F1 >= %.2f)", name, s, bar)
		t.Log(msg)
		fmt.Println("classify:", msg)
		if s.f1() < bar {
			t.Errorf("%s: negative F1 %.4f below %.2f", name, s.f1(), bar)
		}
	}
}

// TestAccuracyOutOfDomain checks the hand-labelled posts, statements and
// news in testdata: blind6.tsv and blind7.tsv are text the classifier never
// trained or was tuned on; the others are development and training sets (see below).
func TestAccuracyOutOfDomain(t *testing.T) {
	for file, bar := range outOfDomainBars {
		t.Run(file, func(t *testing.T) { outOfDomain(t, file, bar) })
	}
}

// outOfDomainBars are the minimum accuracy and category accuracy per file.
// Each file's header gives its first score, before any change its misses
// led to. All but blind5.tsv, blind6.tsv and blind7.tsv are now training data for the
// learned parts too, so their bars guard against regressions and measure
// nothing new. blind5.tsv is not trained on but two choices were made on it
// (its header says which). blind6.tsv and blind7.tsv, written blind and
// never trained or tuned on, are the honest figures for unseen domains. The bars
// are what the classifier reaches now, less a little room for lexicon edits.
var outOfDomainBars = map[string]struct{ accuracy, category float64 }{
	"outofdomain.tsv": {0.95, 0.90},
	"blind.tsv":       {0.95, 0.85},
	"blind2.tsv":      {0.95, 0.90},
	"blind3.tsv":      {0.95, 0.85}, // tuned and trained on since; see its header
	"blind4.tsv":      {0.95, 0.85}, // tuned and trained on since; see its header
	"blind5.tsv":      {0.82, 0.68}, // written blind by a second person; see its header
	"blind6.tsv":      {0.84, 0.7},  // written blind after blind5, never trained or tuned on
	"blind7.tsv":      {0.85, 0.75}, // written blind after blind6, never trained on
}

func outOfDomain(t *testing.T, file string, bar struct{ accuracy, category float64 }) {
	data, err := os.ReadFile(filepath.Join("testdata", file))
	if err != nil {
		t.Fatal(err)
	}
	c := New()
	var s scores
	catRight, catTotal := 0, 0
	for n, line := range strings.Split(string(data), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			t.Fatalf("%s line %d: want label<TAB>category<TAB>text", file, n+1)
		}
		neg := f[0] == "neg"
		j := c.Judge(f[2])
		s.add(j.Negative, neg)
		if j.Negative != neg {
			t.Logf("miss line %d: want %s, got %+.2f %s %v: %s", n+1, f[0], j.Sentiment, j.Category, j.Terms, f[2])
		}
		catTotal++
		if string(j.Category) == strings.TrimPrefix(f[1], "-") || f[1] == "-" && j.Category == "" {
			catRight++
		} else {
			t.Logf("category line %d: want %s, got %q: %s", n+1, f[1], j.Category, f[2])
		}
	}
	catAcc := float64(catRight) / float64(max(1, catTotal))
	msg := fmt.Sprintf("out-of-domain %-16s %s; category accuracy %.4f", file, s, catAcc)
	t.Log(msg)
	fmt.Println("classify:", msg)
	if s.accuracy() < bar.accuracy || catAcc < bar.category {
		t.Errorf("%s: accuracy %.4f (bar %.2f), category %.4f (bar %.2f)",
			file, s.accuracy(), bar.accuracy, catAcc, bar.category)
	}
}

// TestModelsMatchTheirData retrains both models from the corpora and the
// labelled posts and compares them with the embedded files, byte for byte:
// a label edited in testdata without go generate is caught here.
func TestModelsMatchTheirData(t *testing.T) {
	if testing.Short() {
		t.Skip("retrains the models (a few seconds)")
	}
	if _, err := os.Stat(corpusDir); errors.Is(err, fs.ErrNotExist) {
		t.Skipf("labelled corpora not found at %s; skipping the retraining check", corpusDir)
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to run the trainer")
	}
	dir := t.TempDir()
	w, c := filepath.Join(dir, "w.bin.gz"), filepath.Join(dir, "c.bin.gz")
	cmd := exec.Command(goBin, "run", "./train", "-data", corpusDir, "-social", "testdata", "-out", w, "-cat-out", c)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("train: %v\n%s", err, out)
	}
	// Compared decoded, not as gzip bytes: a Go release may compress the
	// same model differently.
	got, err := os.ReadFile(w)
	if err != nil {
		t.Fatal(err)
	}
	gm, err1 := textfeat.Decode(bytes.NewReader(got))
	em, err2 := textfeat.Decode(bytes.NewReader(weightsFile))
	if err1 != nil || err2 != nil || !reflect.DeepEqual(gm, em) {
		t.Errorf("the sentiment weights differ from the embedded model (%v, %v): run go generate ./feed/classify", err1, err2)
	}
	if got, err = os.ReadFile(c); err != nil {
		t.Fatal(err)
	}
	gc, err1 := textfeat.DecodeCategories(bytes.NewReader(got))
	ec, err2 := textfeat.DecodeCategories(bytes.NewReader(categoriesFile))
	if err1 != nil || err2 != nil || !reflect.DeepEqual(gc, ec) {
		t.Errorf("the category model differs from the embedded one (%v, %v): run go generate ./feed/classify", err1, err2)
	}
}
