// Command train fits the learned part of warroom's classifier: a logistic
// regression over hashed character n-grams, trained on the human-labelled
// review corpora in shared/data/sentiment and on the hand-labelled social
// posts in feed/classify/testdata, and writes the compact weights file the
// classify package embeds.
//
// Every fifth data row of each review file (index % 5 == 4) is held back
// for the accuracy test and never trained on. The social posts (every
// labelled set but the one kept blind, see socialFiles) are all trained
// on: a few hundred posts from fifty domains, in the register the console
// reads, where reviews of take-away food and hotels teach topic as tone.
// Each (corpus, label) cell weighs the same, the social one a tenth of
// that (-social-weight), and each corpus has its own bias during training,
// dropped from the weights file, so the model learns tone rather than which
// corpus a word comes from; n-grams only one review corpus uses pay a
// heavier L2 penalty.
// Training is deterministic (fixed shuffle seed, fixed iteration order), so
// the same data gives the same bytes. Run it from the repository root:
//
//	go run ./feed/classify/train
//
// or through go generate in feed/classify.
package main

import (
	"bytes"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"warroom/feed/classify/internal/textfeat"
	"warroom/model"
)

// Files are the corpora trained on, in a fixed order; social stands for
// socialFiles.
var files = [...]string{"waimai_10k.csv", "ChnSentiCorp_htl_all.csv", social}

const social = "social posts"

// socialFiles are the hand-labelled sets trained on. blind5.tsv to
// blind7.tsv are not: they are the classifier's honest out-of-domain
// figures.
var socialFiles = []string{"outofdomain.tsv", "blind.tsv", "blind2.tsv", "blind3.tsv", "blind4.tsv",
	"train_a.tsv", "train_b.tsv", "train_c.tsv", "train_d.tsv", "train_e.tsv"}

type example struct {
	neg   bool
	file  int
	feats []uint32
}

// config holds the training settings; the defaults are what go generate
// uses, chosen on the validation rows (index % 5 == 3, see -validation).
type config struct {
	epochs   int
	rate     float64
	l2       float64
	oneTopic float64
	minCount int
	k        float64
	val      bool
	ceiling  bool
	socialW  float64
}

func main() {
	var c config
	data := flag.String("data", "../shared/data/sentiment", "directory holding the labelled CSV files")
	out := flag.String("out", "feed/classify/weights.bin.gz", "weights file to write")
	socialDir := flag.String("social", "feed/classify/testdata", "directory holding the labelled social posts")
	catOut := flag.String("cat-out", "feed/classify/categories.bin.gz", "category model file to write")
	flag.Float64Var(&c.socialW, "social-weight", 0.1, "weight of the social posts' cells against a review corpus's")
	flag.IntVar(&c.epochs, "epochs", 10, "passes over the training rows")
	flag.Float64Var(&c.rate, "rate", 0.1, "AdaGrad learning rate")
	flag.Float64Var(&c.l2, "l2", 0.01, "L2 penalty per update; keeps rare n-grams from memorising reviews")
	flag.Float64Var(&c.oneTopic, "one-corpus-l2", 3, "L2 multiplier for n-grams seen in one corpus only: dish names and room fittings say little about text from other domains")
	flag.IntVar(&c.minCount, "min-count", 3, "drop n-grams seen in fewer training rows; rare ones do not generalise")
	flag.Float64Var(&c.k, "k", 4, "length normalisation constant")
	flag.BoolVar(&c.ceiling, "ceiling", false, "only measure how far an n-gram model trained on one corpus alone gets on its held-back rows, given the best threshold, and write nothing")
	flag.BoolVar(&c.val, "validation", false, "also hold back rows with index % 5 == 3, for tuning the rules on rows the model has not seen")
	flag.Parse()
	if err := run(*data, *socialDir, *out, c); err != nil {
		fmt.Fprintln(os.Stderr, "train:", err)
		os.Exit(1)
	}
	if c.ceiling {
		return
	}
	if err := trainCategories(*socialDir, *catOut); err != nil {
		fmt.Fprintln(os.Stderr, "train:", err)
		os.Exit(1)
	}
}

func run(dir, socialDir, out string, c config) error {
	var train, test []example
	for fi, name := range files {
		var rows []row
		var err error
		if name == social {
			rows, err = readSocial(socialDir)
		} else {
			rows, err = readRows(filepath.Join(dir, name))
		}
		if err != nil {
			return err
		}
		var rs textfeat.Runes
		for i, row := range rows {
			rs.Reset(row.text)
			e := example{neg: row.neg, file: fi, feats: textfeat.AppendBuckets(nil, rs.R)}
			switch {
			case name == social:
				train = append(train, e)
			case i%5 == 4:
				test = append(test, e)
			case c.val && i%5 == 3:
			default:
				train = append(train, e)
			}
		}
	}

	if c.ceiling {
		ceiling(train, test, c)
		return nil
	}

	// Count in how many training rows each slot occurs.
	df := make([]int32, textfeat.Buckets)
	var dfc [len(files)][]int32
	for i := range dfc {
		dfc[i] = make([]int32, textfeat.Buckets)
	}
	seen := make([]int32, textfeat.Buckets)
	for i := range seen {
		seen[i] = -1
	}
	for i, e := range train {
		for _, f := range e.feats {
			if seen[f] != int32(i) {
				seen[f] = int32(i)
				df[f]++
				dfc[e.file][f]++
			}
		}
	}
	keep := func(f uint32) bool { return df[f] >= int32(c.minCount) }
	// Per-feature L2: an n-gram only one corpus uses is mostly topic (a
	// dish, a room fitting), and topic learned from reviews misleads on
	// posts about anything else; it must earn its weight against a
	// heavier penalty.
	l2f := make([]float64, textfeat.Buckets)
	for f := range l2f {
		l2f[f] = c.l2
		if slices.ContainsFunc(dfc[:2], func(d []int32) bool { return d[f] == 0 }) { // the review corpora
			l2f[f] = c.l2 * c.oneTopic
		}
	}

	// Balanced weights per corpus and class: the take-away reviews are two
	// thirds complaints and the hotel reviews two thirds praise, so with
	// plain class weights every food word learns "complaint" and every hotel
	// word "praise" from the corpus alone, and 水煮肉片半价 reads as a
	// grievance. Giving each (corpus, label) cell the same total weight
	// leaves no topic prior for the n-grams to pick up; a per-corpus bias,
	// trained and then dropped, soaks up what remains.
	var cell [len(files)][2]float64
	for _, e := range train {
		cell[e.file][b2i(e.neg)]++
	}
	var cw [len(files)][2]float64
	for f := range cell {
		for l := range cell[f] {
			cw[f][l] = float64(len(train)) / (2 * float64(len(files)) * max(cell[f][l], 1))
			if files[f] == social {
				cw[f][l] *= c.socialW
			}
		}
	}

	w, bias, _ := fit(train, keep, l2f, cw[:], c)

	m := quantize(w, bias, c.k)
	var buf bytes.Buffer
	if err := textfeat.Encode(&buf, m); err != nil {
		return err
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write weights: %w", err)
	}
	nz := 0
	for _, x := range m.W {
		if x != 0 {
			nz++
		}
	}
	fmt.Printf("train: %d rows, %d held back; %d weights, %d bytes -> %s\n", len(train), len(test), nz, buf.Len(), out)
	for fi, name := range files {
		if name == social {
			continue // all trained on
		}
		var tp, fp, fn, tn int
		for _, e := range test {
			if e.file != fi {
				continue
			}
			var sum int64
			for _, f := range e.feats {
				sum += int64(m.W[f])
			}
			pred := m.Bias+textfeat.Norm(m.K, len(e.feats))*m.Scale*float64(sum) > 0
			switch {
			case pred && e.neg:
				tp++
			case pred:
				fp++
			case e.neg:
				fn++
			default:
				tn++
			}
		}
		p := float64(tp) / float64(tp+fp)
		r := float64(tp) / float64(tp+fn)
		fmt.Printf("train: %s held-back (learned part alone): accuracy %.4f, negative P %.4f R %.4f F1 %.4f\n",
			name, float64(tp+tn)/float64(tp+tn+fp+fn), p, r, 2*p*r/(p+r))
	}
	return nil
}

// fit trains the logistic regression by AdaGrad: keep says which slots
// take part, l2f is each slot's penalty, cw[corpus][label] each row's
// weight. Each corpus has its own bias during training (see run); the
// shared one is returned with the weights.
func fit(train []example, keep func(uint32) bool, l2f []float64, cw [][2]float64, c config) (w []float64, bias float64, domBias []float64) {
	w = make([]float64, textfeat.Buckets)
	g2 := make([]float64, textfeat.Buckets)
	var biasG2 float64
	domBias = make([]float64, len(cw)) // per corpus, training only
	domG2 := make([]float64, len(cw))
	order := make([]int, len(train))
	for i := range order {
		order[i] = i
	}
	seed := uint64(1)
	for ep := 0; ep < c.epochs; ep++ {
		for i := len(order) - 1; i > 0; i-- {
			seed = seed*6364136223846793005 + 1442695040888963407
			j := int((seed >> 33) % uint64(i+1))
			order[i], order[j] = order[j], order[i]
		}
		for _, idx := range order {
			e := &train[idx]
			v := textfeat.Norm(c.k, len(e.feats))
			var sum float64
			for _, f := range e.feats {
				if keep(f) {
					sum += w[f]
				}
			}
			z := bias + domBias[e.file] + float64(v*sum)
			p := 1 / (1 + exp(-z))
			y := 0.0
			if e.neg {
				y = 1
			}
			g := float64((p - y) * cw[e.file][b2i(e.neg)])
			for _, f := range e.feats {
				if !keep(f) {
					continue
				}
				// Explicit conversions stop the compiler fusing multiply-adds,
				// which would make the weights differ across CPUs.
				gf := float64(g*v) + float64(l2f[f]*w[f])
				g2[f] += float64(gf * gf)
				w[f] -= float64(c.rate*gf) / (math.Sqrt(g2[f]) + 1e-8)
			}
			biasG2 += float64(g * g)
			bias -= float64(c.rate*g) / math.Sqrt(biasG2+1e-8)
			domG2[e.file] += float64(g * g)
			domBias[e.file] -= float64(c.rate*g) / math.Sqrt(domG2[e.file]+1e-8)
		}
	}

	return w, bias, domBias
}

// quantize stores weights as int16 steps; tiny weights are dropped, they
// cost bytes and only add noise out of domain.
func quantize(w []float64, bias, k float64) *textfeat.Model {
	var maxAbs float64
	for _, x := range w {
		maxAbs = math.Max(maxAbs, math.Abs(x))
	}
	scale := maxAbs / math.MaxInt16
	if scale == 0 {
		scale = 1
	}
	m := &textfeat.Model{Bias: bias, K: k, Scale: scale, W: make([]int16, textfeat.Buckets)}
	for i, x := range w {
		if math.Abs(x) < 0.01 {
			continue
		}
		m.W[i] = int16(math.Round(x / scale))
	}
	return m
}

// exp is e**x computed the same way on every CPU. math.Exp is assembly on
// some architectures and Go on others, and their last bits differ, which
// would make the weights files depend on the machine that trains them.
// Every product is rounded on its own (the float64 conversions), so no
// compiler fuses a multiply-add either.
func exp(x float64) float64 {
	const (
		ln2Hi  = 6.93147180369123816490e-01 // ln 2 in two parts, hi exact in few bits
		ln2Lo  = 1.90821492927058770002e-10
		invLn2 = 1.44269504088896338700e+00
	)
	switch {
	case math.IsNaN(x):
		return x
	case x > 709.78:
		return math.Inf(1)
	case x < -745.2:
		return 0
	}
	// x = k ln2 + r with |r| <= ln2/2, so e**x = 2**k e**r.
	k := math.Floor(float64(x*invLn2) + 0.5)
	r := float64(x-float64(k*ln2Hi)) - float64(k*ln2Lo)
	// e**r by its Taylor series, to well past float64 precision for |r| < 0.35.
	p := 1.0
	for n := 17.0; n >= 1; n-- {
		p = 1 + float64(float64(r/n)*p)
	}
	return math.Ldexp(p, int(k))
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// trainCategories fits the crisis-category model: a softmax regression
// over the negative social posts' n-grams (folded by textfeat.CatSlot),
// one class per model.Categories. The lexicon names a category when a post
// says a crisis term outright; this model reads the rest, which is most of
// what unseen domains write (理赔拖了两个月, 一直计费).
func trainCategories(socialDir, out string) error {
	rows, err := readSocial(socialDir)
	if err != nil {
		return err
	}
	var names []string
	index := map[string]int{}
	for _, c := range model.Categories {
		index[string(c)] = len(names)
		names = append(names, string(c))
	}
	type doc struct {
		class int
		slots []uint32
	}
	var docs []doc
	var rs textfeat.Runes
	for _, r := range rows {
		if !r.neg {
			continue
		}
		k, ok := index[r.cat]
		if !ok {
			return fmt.Errorf("social post %.30q: unknown category %q", r.text, r.cat)
		}
		rs.Reset(r.text)
		slots := textfeat.AppendBuckets(nil, rs.R)
		for i := range slots {
			slots[i] = textfeat.CatSlot(slots[i])
		}
		docs = append(docs, doc{k, slots})
	}
	const (
		epochs = 15
		rate   = 0.2
		l2     = 0.001
	)
	w := make([][]float64, len(names))
	g2 := make([][]float64, len(names))
	for k := range w {
		w[k] = make([]float64, textfeat.CatBuckets)
		g2[k] = make([]float64, textfeat.CatBuckets)
	}
	z := make([]float64, len(names))
	seed := uint64(7)
	order := make([]int, len(docs))
	for i := range order {
		order[i] = i
	}
	for ep := 0; ep < epochs; ep++ {
		for i := len(order) - 1; i > 0; i-- {
			seed = seed*6364136223846793005 + 1442695040888963407
			j := int((seed >> 33) % uint64(i+1))
			order[i], order[j] = order[j], order[i]
		}
		for _, di := range order {
			d := docs[di]
			v := textfeat.Norm(1, len(d.slots))
			top := math.Inf(-1)
			for k := range z {
				var sum float64
				for _, f := range d.slots {
					sum += w[k][f]
				}
				z[k] = float64(v * sum)
				top = math.Max(top, z[k])
			}
			var total float64
			for k := range z {
				z[k] = exp(z[k] - top)
				total += z[k]
			}
			for k := range z {
				g := z[k] / total
				if k == d.class {
					g--
				}
				for _, f := range d.slots {
					// Explicit conversions: no fused multiply-adds, the same
					// weights on every CPU.
					gf := float64(g*v) + float64(l2*w[k][f])
					g2[k][f] += float64(gf * gf)
					w[k][f] -= float64(rate*gf) / (math.Sqrt(g2[k][f]) + 1e-8)
				}
			}
		}
	}
	var maxAbs float64
	for k := range w {
		for _, x := range w[k] {
			maxAbs = math.Max(maxAbs, math.Abs(x))
		}
	}
	scale := maxAbs / math.MaxInt16
	if scale == 0 {
		scale = 1
	}
	m := &textfeat.Categories{Names: names, Scale: scale}
	for k := range w {
		q := make([]int16, textfeat.CatBuckets)
		for i, x := range w[k] {
			if math.Abs(x) >= 0.005 {
				q[i] = int16(math.Round(x / scale))
			}
		}
		m.W = append(m.W, q)
	}
	var buf bytes.Buffer
	if err := textfeat.EncodeCategories(&buf, m); err != nil {
		return err
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write category model: %w", err)
	}
	fmt.Printf("train: category model from %d negative posts, %d classes, %d bytes -> %s\n", len(docs), len(names), buf.Len(), out)
	return nil
}

// readSocial reads the socialFiles: label (neg or ok), category, text.
func readSocial(dir string) ([]row, error) {
	var rows []row
	for _, name := range socialFiles {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return nil, err
		}
		for n, line := range strings.Split(string(b), "\n") {
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			f := strings.Split(line, "\t")
			if len(f) != 3 || f[0] != "neg" && f[0] != "ok" {
				return nil, fmt.Errorf("%s line %d: want neg|ok<TAB>category<TAB>text", name, n+1)
			}
			rows = append(rows, row{neg: f[0] == "neg", cat: f[1], text: f[2]})
		}
	}
	return rows, nil
}

type row struct {
	neg  bool
	cat  string // the crisis category of a negative social post
	text string
}

// readRows reads a `label,review` CSV; label 0 is negative, 1 positive.
func readRows(path string) ([]row, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open corpus (see shared/data/README.md): %w", err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	head, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: header: %w", path, err)
	}
	if len(head) < 2 || head[0] != "label" {
		return nil, fmt.Errorf("%s: header %q, want label,review", path, head)
	}
	var rows []row
	for line := 2; ; line++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		if len(rec) < 2 || (rec[0] != "0" && rec[0] != "1") {
			return nil, fmt.Errorf("%s: record %d: want label 0 or 1 and a review", path, line)
		}
		rows = append(rows, row{neg: rec[0] == "0", text: rec[1]})
	}
	return rows, nil
}
