//go:build race

package data

// raceEnabled slows the exhaustive query tests down to a sample: the race
// detector looks for concurrency bugs, which one case in seven finds too.
const raceEnabled = true
