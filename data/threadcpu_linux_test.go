package data

import (
	"syscall"
	"time"
	"unsafe"
)

// threadCPU reads the calling OS thread's CPU clock. The writer goroutine
// is locked to its thread, so called from OnCommit it measures the writer
// alone, whatever else the machine is running.
func threadCPU() time.Duration {
	const clockThreadCPUTimeID = 3
	var ts syscall.Timespec
	syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clockThreadCPUTimeID, uintptr(unsafe.Pointer(&ts)), 0)
	return time.Duration(ts.Nano())
}
