package main

import (
	"fmt"
	"slices"

	"warroom/feed/classify/internal/textfeat"
)

// ceiling measures what the n-gram features can do on each review corpus
// when nothing else matters: a model trained on that corpus alone, with
// its natural class balance, no topic penalty and no pruning, scored on
// the held-back rows at whichever threshold suits those rows best. The
// classifier's negative-F1 on a corpus cannot be expected to beat this
// figure, since the classifier must also read every other domain, cannot
// see the labels to pick its threshold and learns from fewer n-grams.
func ceiling(train, test []example, c config) {
	all := func(uint32) bool { return true }
	l2f := make([]float64, textfeat.Buckets)
	for fi, name := range files {
		if name == social {
			continue
		}
		in := func(e example) bool { return e.file != fi }
		tr := slices.DeleteFunc(slices.Clone(train), in)
		te := slices.DeleteFunc(slices.Clone(test), in)
		cw := make([][2]float64, len(files))
		cw[fi] = [2]float64{1, 1}
		for _, l2 := range []float64{0.01, 0.003, 0.001, 0.0003} {
			for i := range l2f {
				l2f[i] = l2
			}
			w, bias, dom := fit(tr, all, l2f, cw, c)
			logits := make([]float64, len(te))
			neg := make([]bool, len(te))
			for i, e := range te {
				var sum float64
				for _, f := range e.feats {
					sum += w[f]
				}
				logits[i] = textfeat.Norm(c.k, len(e.feats)) * sum
				neg[i] = e.neg
			}
			own := f1At(logits, neg, -(bias + dom[fi]))
			best, at := bestF1(logits, neg)
			fmt.Printf("ceiling: %s, trained alone, l2 %g: held-back negative F1 %.4f at the model's threshold, %.4f at the best one (%+.2f)\n",
				name, l2, own, best, at)
		}
	}
}

// f1At is the negative-class F1 when logits above t are called negative.
func f1At(logits []float64, neg []bool, t float64) float64 {
	var tp, fp, fn int
	for i, z := range logits {
		switch {
		case z > t && neg[i]:
			tp++
		case z > t:
			fp++
		case neg[i]:
			fn++
		}
	}
	return 2 * float64(tp) / float64(max(1, 2*tp+fp+fn))
}

// bestF1 is the highest negative-class F1 over all thresholds, and the
// threshold that gives it.
func bestF1(logits []float64, neg []bool) (best, at float64) {
	order := make([]int, len(logits))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return -cmpFloat(logits[a], logits[b]) })
	positives := 0
	for _, n := range neg {
		if n {
			positives++
		}
	}
	tp, called := 0, 0
	for k, i := range order {
		called++
		if neg[i] {
			tp++
		}
		if k+1 < len(order) && logits[order[k+1]] == logits[i] {
			continue // a threshold cannot split equal logits
		}
		if f := 2 * float64(tp) / float64(called+positives); f > best {
			best = f
			at = logits[i]
			if k+1 < len(order) {
				at = (logits[i] + logits[order[k+1]]) / 2
			}
		}
	}
	return best, at
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
