package ui

import (
	"fmt"
	"testing"
)

func TestSmokePrint(t *testing.T) {
	for _, sz := range [][2]int{{200, 50}, {120, 40}, {80, 24}} {
		r := newRig(t, fixture(), sz[0], sz[1])
		fmt.Println(r.screen())
		checkFrame(t, r.m.View().Content, sz[0], sz[1])
	}
}
