// Command diffbench writes the generated agreement pairs the diff
// benchmarks use, and runs one comparison the way clausetrack would, for
// run.sh to time against git.
//
// Usage, from the module root:
//
//	go run ./scripts/diffbench -n 2000 -out DIR   # writes DIR/old-2000.txt, DIR/new-2000.txt
//	go run ./scripts/diffbench -compare OLD NEW   # segment both, diff.Compare, print a summary
//
// The generator is internal/gen, shared with diff/bench_test.go, so the
// script and the benchmarks measure the same bytes. -compare stands in for
// "clausetrack diff OLD NEW --format json" until that command exists: it
// reads both files, segments them as plain text and compares them, and
// reports on standard error the time it took and the process's peak RSS
// (getrusage), for machines without /usr/bin/time.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/clausetrack/clausetrack/clauses"
	"github.com/clausetrack/clausetrack/diff"
	"github.com/clausetrack/clausetrack/internal/gen"
)

func main() {
	n := flag.Int("n", 2000, "clauses of the generated agreement")
	seed := flag.Uint64("seed", 1, "generator seed")
	out := flag.String("out", "", "folder to write old-N.txt and new-N.txt to")
	compare := flag.Bool("compare", false, "compare the two files named as arguments")
	quiet := flag.Bool("q", false, "with -compare, print nothing")
	flag.Parse()
	var err error
	switch {
	case *compare && flag.NArg() == 2:
		err = run(flag.Arg(0), flag.Arg(1), *quiet)
	case !*compare && *out != "" && flag.NArg() == 0:
		err = write(*n, *seed, *out)
	default:
		fmt.Fprintln(os.Stderr, "usage: diffbench -n N -out DIR | diffbench -compare OLD NEW")
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "diffbench:", err)
		os.Exit(1)
	}
}

func write(n int, seed uint64, dir string) error {
	old, new, st := gen.Pair(n, gen.Options{Seed: seed})
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	po := filepath.Join(dir, fmt.Sprintf("old-%d.txt", n))
	pn := filepath.Join(dir, fmt.Sprintf("new-%d.txt", n))
	if err := os.WriteFile(po, old, 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(pn, new, 0o644); err != nil {
		return err
	}
	fmt.Printf("%s %s clauses=%d words=%d word_edits=%d inserted=%d moved=%d deleted=%d renumbered=%d\n",
		po, pn, st.Clauses, st.Words, st.WordEdits, st.Inserted, st.Moved, st.Deleted, st.Renumbered)
	return nil
}

func run(po, pn string, quiet bool) error {
	start := time.Now()
	old, err := os.ReadFile(po)
	if err != nil {
		return err
	}
	new, err := os.ReadFile(pn)
	if err != nil {
		return err
	}
	a := clauses.Segment(&clauses.Source{Name: filepath.Base(po), Format: "txt", Text: old})
	b := clauses.Segment(&clauses.Source{Name: filepath.Base(pn), Format: "txt", Text: new})
	c := diff.Compare(a, b, diff.Options{})
	elapsed := time.Since(start)
	if quiet {
		return nil
	}
	kinds := map[diff.Kind]int{}
	for _, ch := range c.Changes {
		kinds[ch.Kind]++
	}
	var parts []string
	for _, k := range diff.Kinds {
		if kinds[k] > 0 {
			parts = append(parts, fmt.Sprintf("%s=%d", k, kinds[k]))
		}
	}
	sort.Strings(parts)
	var ru syscall.Rusage
	rss := "?"
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) == nil {
		rss = fmt.Sprintf("%.1f", float64(ru.Maxrss)/1024) // kilobytes on Linux
	}
	fmt.Fprintf(os.Stderr, "elapsed_s=%.4f maxrss_mb=%s changes=%d %s\n",
		elapsed.Seconds(), rss, len(c.Changes), strings.Join(parts, " "))
	return nil
}
