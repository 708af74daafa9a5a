package indexer

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/clausetrack/clausetrack/corpus"
	"github.com/clausetrack/clausetrack/index"
	"github.com/clausetrack/clausetrack/internal/gen"
)

// TestCrashMidBatch kills a process with SIGKILL while it indexes a
// large version, which takes several batches, then shows that nothing of
// that version is visible to searches, that Check names it, and that the
// next Update repairs the index. "mid-batch" kills it while Bleve writes
// a batch; "between batches" kills it after two of its batches are
// written, so the index holds part of the version.
func TestCrashMidBatch(t *testing.T) {
	if dir := os.Getenv("CLAUSETRACK_CRASH_CHILD"); dir != "" {
		crashChild(dir)
		return
	}
	if testing.Short() {
		t.Skip("spawns a child process")
	}
	for _, c := range []struct {
		name  string
		at    int  // the batch of deal@two at which the child signals
		stall bool // the child waits there to be killed
		part  int  // clauses of deal@two written when it is killed; -1 unknown
	}{
		{"mid-batch", 1, false, -1},
		{"between batches", 2, true, 2 * index.ChunkSize},
	} {
		t.Run(c.name, func(t *testing.T) {
			crash(t, c.at, c.stall, c.part)
		})
	}
}

func crash(t *testing.T, at int, stall bool, part int) {
	root := t.TempDir()
	w, err := corpus.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	v1, v2, _ := gen.Pair(3000, gen.Options{Seed: 7})
	if _, err := w.Add("deal", "v1.txt", v1, corpus.AddOptions{Label: "one"}); err != nil {
		t.Fatal(err)
	}
	if _, err := Update(w, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Add("deal", "v2.txt", v2, corpus.AddOptions{Label: "two"}); err != nil {
		t.Fatal(err)
	}
	// Segment and align once here, so the child goes straight to its batches.
	if _, err := Lineage(w, "deal"); err != nil {
		t.Fatal(err)
	}

	signal := filepath.Join(root, "batch-started")
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashMidBatch$")
	cmd.Env = append(os.Environ(), "CLAUSETRACK_CRASH_CHILD="+root, "CLAUSETRACK_CRASH_SIGNAL="+signal,
		fmt.Sprintf("CLAUSETRACK_CRASH_AT=%d", at), fmt.Sprintf("CLAUSETRACK_CRASH_STALL=%v", stall))
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for i := 0; ; i++ {
		if _, err := os.Stat(signal); err == nil {
			break
		}
		if i == 6000 {
			cmd.Process.Kill()
			t.Fatal("the child never reached its batch")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if !stall {
		time.Sleep(20 * time.Millisecond) // into the batch, which takes about 0.2 s
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	err = cmd.Wait()
	var exit *exec.ExitError
	if !errors.As(err, &exit) {
		t.Logf("the child ended before it was killed (%v); the version was whole", err)
	}

	// Nothing of a half-written version is visible: searches see the
	// version whole or not at all.
	x, err := index.Open(Dir(w), true)
	if err != nil {
		t.Fatal(err)
	}
	n, err := x.Count("deal", "two")
	if err != nil {
		t.Fatal(err)
	}
	entry, registered, err := x.Entry("deal", "two")
	if err != nil {
		t.Fatal(err)
	}
	complete := registered && n == entry.Clauses && n > 0
	if !complete && registered {
		t.Fatalf("after the kill: deal@two registered with %d of its %d clauses", n, entry.Clauses)
	}
	if part >= 0 && n != part {
		t.Fatalf("after the kill: %d clauses of deal@two written, want %d", n, part)
	}
	seen := map[string]int{}
	for _, q := range []index.Query{
		{Text: "indemnify", Limit: 100000},
		{Text: "indemnify", Latest: true, Limit: 100000},
		{Text: "indemnify", Versions: []string{"deal@two"}, Limit: 100000},
	} {
		res, err := x.Search(q)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range res.Hits {
			for _, v := range h.Versions {
				seen[v.Version]++
			}
		}
	}
	x.Close()
	if !complete && seen["two"] > 0 {
		t.Fatalf("after the kill: searches found %d clauses of the half-written deal@two", seen["two"])
	}
	if complete == (seen["two"] == 0) || seen["one"] == 0 {
		t.Fatalf("after the kill: complete %v, yet searches found %v", complete, seen)
	}

	r, err := Check(w)
	if err != nil {
		t.Fatal(err)
	}
	if complete && len(r.Problems) != 0 || !complete && (len(r.Problems) != 1 || r.Problems[0].Where != "deal@two") {
		t.Fatalf("check after the kill (deal@two whole: %v): %+v", complete, r.Problems)
	}
	if !complete && n > 0 && !strings.Contains(r.Problems[0].What, fmt.Sprintf("only partly in the index (%d clauses", n)) {
		t.Errorf("check after the kill: %q", r.Problems[0].What)
	}

	if _, err := Update(w, nil); err != nil {
		t.Fatal(err)
	}
	r, err = Check(w)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Problems) != 0 {
		t.Fatalf("check after the repair: %+v", r.Problems)
	}
}

// crashChild indexes the workspace in dir and is killed by its parent.
// Just before batch $CLAUSETRACK_CRASH_AT of deal@two it writes the
// signal file, then goes on or, with $CLAUSETRACK_CRASH_STALL, waits.
func crashChild(dir string) {
	w, err := corpus.Open(dir)
	if err != nil {
		os.Exit(3)
	}
	at, _ := strconv.Atoi(os.Getenv("CLAUSETRACK_CRASH_AT"))
	stall := os.Getenv("CLAUSETRACK_CRASH_STALL") == "true"
	index.BeforeBatch = func(key string, batch int) {
		if key == "deal@two" && batch == at {
			os.WriteFile(os.Getenv("CLAUSETRACK_CRASH_SIGNAL"), nil, 0o644)
			if stall {
				select {}
			}
		}
	}
	if _, err := Update(w, nil); err != nil {
		os.Exit(4)
	}
	os.Exit(0)
}
