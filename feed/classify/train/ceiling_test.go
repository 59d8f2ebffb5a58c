package main

import (
	"math"
	"testing"
)

func TestBestF1(t *testing.T) {
	logits := []float64{3, 2, 2, 1, 0, -1}
	neg := []bool{true, true, false, true, false, false}
	// Calling the top four negative: tp 3, fp 1, fn 0 gives 6/7; the top
	// one alone 2/4; the two tied at 2 cannot be split.
	best, at := bestF1(logits, neg)
	if math.Abs(best-6.0/7) > 1e-12 || at != 0.5 {
		t.Errorf("bestF1 = %.4f at %v, want %.4f at 0.5", best, at, 6.0/7)
	}
	if got := f1At(logits, neg, at); math.Abs(got-best) > 1e-12 {
		t.Errorf("f1At(best threshold) = %.4f, want %.4f", got, best)
	}
	if got := f1At(logits, neg, 10); got != 0 {
		t.Errorf("f1At(nothing called) = %v, want 0", got)
	}
	// With every label negative the best is to call everything.
	if best, _ := bestF1([]float64{1, 1, 1}, []bool{true, true, true}); best != 1 {
		t.Errorf("all negative: best %v, want 1", best)
	}
}
