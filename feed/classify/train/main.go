// Command train fits the learned part of warroom's classifier: a logistic
// regression over hashed character n-grams, trained on the human-labelled
// review corpora in shared/data/sentiment, and writes the compact weights
// file the classify package embeds.
//
// Every fifth data row of each file (index % 5 == 4) is held back for the
// accuracy test and never trained on. Training is deterministic (fixed
// shuffle seed, fixed iteration order), so the same data gives the same
// bytes. Run it from the repository root:
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

	"warroom/feed/classify/internal/textfeat"
)

// Files are the corpora trained on, in a fixed order.
var files = []string{"waimai_10k.csv", "ChnSentiCorp_htl_all.csv"}

type example struct {
	neg   bool
	file  int
	feats []uint32
}

func main() {
	data := flag.String("data", "../shared/data/sentiment", "directory holding the labelled CSV files")
	out := flag.String("out", "feed/classify/weights.bin.gz", "weights file to write")
	epochs := flag.Int("epochs", 10, "passes over the training rows")
	rate := flag.Float64("rate", 0.1, "AdaGrad learning rate")
	l2 := flag.Float64("l2", 0.01, "L2 penalty per update; keeps rare n-grams from memorising reviews")
	minCount := flag.Int("min-count", 3, "drop n-grams seen in fewer training rows; rare ones do not generalise")
	k := flag.Float64("k", 4, "length normalisation constant")
	val := flag.Bool("validation", false, "also hold back rows with index % 5 == 3, for tuning the rules on rows the model has not seen")
	flag.Parse()
	if err := run(*data, *out, *epochs, *rate, *l2, *minCount, *k, *val); err != nil {
		fmt.Fprintln(os.Stderr, "train:", err)
		os.Exit(1)
	}
}

func run(dir, out string, epochs int, rate, l2 float64, minCount int, k float64, val bool) error {
	var train, test []example
	for fi, name := range files {
		rows, err := readRows(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		var rs textfeat.Runes
		for i, row := range rows {
			rs.Reset(row.text)
			e := example{neg: row.neg, file: fi, feats: textfeat.AppendBuckets(nil, rs.R)}
			switch {
			case i%5 == 4:
				test = append(test, e)
			case val && i%5 == 3:
			default:
				train = append(train, e)
			}
		}
	}

	// Count in how many training rows each slot occurs.
	df := make([]int32, textfeat.Buckets)
	seen := make([]int32, textfeat.Buckets)
	for i := range seen {
		seen[i] = -1
	}
	for i, e := range train {
		for _, f := range e.feats {
			if seen[f] != int32(i) {
				seen[f] = int32(i)
				df[f]++
			}
		}
	}
	keep := func(f uint32) bool { return df[f] >= int32(minCount) }

	// Balanced class weights: the two corpora lean opposite ways, and the
	// classifier must not inherit either file's prior.
	var nNeg float64
	for _, e := range train {
		if e.neg {
			nNeg++
		}
	}
	nPos := float64(len(train)) - nNeg
	wNeg := float64(len(train)) / (2 * nNeg)
	wPos := float64(len(train)) / (2 * nPos)

	w := make([]float64, textfeat.Buckets)
	g2 := make([]float64, textfeat.Buckets)
	var bias, biasG2 float64
	order := make([]int, len(train))
	for i := range order {
		order[i] = i
	}
	seed := uint64(1)
	for ep := 0; ep < epochs; ep++ {
		for i := len(order) - 1; i > 0; i-- {
			seed = seed*6364136223846793005 + 1442695040888963407
			j := int((seed >> 33) % uint64(i+1))
			order[i], order[j] = order[j], order[i]
		}
		for _, idx := range order {
			e := &train[idx]
			v := textfeat.Norm(k, len(e.feats))
			var sum float64
			for _, f := range e.feats {
				if keep(f) {
					sum += w[f]
				}
			}
			z := bias + float64(v*sum)
			p := 1 / (1 + math.Exp(-z))
			y, cw := 0.0, wPos
			if e.neg {
				y, cw = 1, wNeg
			}
			g := float64((p - y) * cw)
			for _, f := range e.feats {
				if !keep(f) {
					continue
				}
				// Explicit conversions stop the compiler fusing multiply-adds,
				// which would make the weights differ across CPUs.
				gf := float64(g*v) + float64(l2*w[f])
				g2[f] += float64(gf * gf)
				w[f] -= float64(rate*gf) / (math.Sqrt(g2[f]) + 1e-8)
			}
			biasG2 += float64(g * g)
			bias -= float64(rate*g) / math.Sqrt(biasG2+1e-8)
		}
	}

	m := quantize(w, bias, k)
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

type row struct {
	neg  bool
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
