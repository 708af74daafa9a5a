package main

import (
	"io"
	"log"
	"os"
	"runtime/debug"
	"time"
)

func main() {
	// clausetrack is a short-lived command whose heap stays small (tens of
	// megabytes for a 2,000-clause diff): collect garbage less often.
	debug.SetGCPercent(400)
	// Indexing two large versions at once can hold a few hundred
	// megabytes; a soft limit makes the collector work harder instead.
	debug.SetMemoryLimit(250 << 20)
	// Bleve's scorch logs what it skips in a damaged index through the
	// standard logger; clausetrack reports problems itself, in one line.
	log.SetOutput(io.Discard)
	os.Exit(Main(os.Args[1:], newEnv(os.Stdin, os.Stdout, os.Stderr)))
}

// newEnv is the environment of a real run. CLAUSETRACK_NOW freezes the
// clock (RFC 3339) so that tests get stable output.
func newEnv(in *os.File, out, errw *os.File) *env {
	e := &env{in: in, out: out, err: errw, getenv: os.Getenv, now: time.Now}
	if s := os.Getenv("CLAUSETRACK_NOW"); s != "" {
		if t, err := time.Parse(time.RFC3339, s); err == nil {
			e.now = func() time.Time { return t }
		}
	}
	if wd, err := os.Getwd(); err == nil {
		e.wd = wd
	}
	return e
}
