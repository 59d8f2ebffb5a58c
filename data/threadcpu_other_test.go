//go:build !linux

package data

import "time"

// threadCPU is only measured on Linux; elsewhere the writer-µs metric is
// left out of the benchmark report.
func threadCPU() time.Duration { return 0 }
