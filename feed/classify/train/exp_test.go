package main

import (
	"math"
	"testing"
)

// exp agrees with math.Exp to within a few units in the last place over
// the range training meets (logits and softmax differences).
func TestExp(t *testing.T) {
	for x := -60.0; x <= 60; x += 0.0137 {
		got, want := exp(x), math.Exp(x)
		if math.Abs(got-want) > 4e-16*want {
			t.Fatalf("exp(%v) = %v, math.Exp %v", x, got, want)
		}
	}
	if !math.IsInf(exp(709.781), 1) || !math.IsInf(exp(math.Inf(1)), 1) || exp(math.Inf(-1)) != 0 || !math.IsNaN(exp(math.NaN())) {
		t.Error("exp at the edges: want +Inf past 709.78, 0 at -Inf, NaN for NaN")
	}
	for _, x := range []float64{0, 1, -1, 709, -744, -800, 800} {
		got, want := exp(x), math.Exp(x)
		if got != want && math.Abs(got-want) > 4e-16*want {
			t.Errorf("exp(%v) = %v, math.Exp %v", x, got, want)
		}
	}
}
