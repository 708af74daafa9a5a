package main

import (
	"os"
	"time"
)

func main() {
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
