package indexer

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/clausetrack/clausetrack/corpus"
	"github.com/clausetrack/clausetrack/index"
	"github.com/clausetrack/clausetrack/internal/gen"
)

// TestCrashMidBatch kills a process with SIGKILL while it writes a large
// version's batch, then shows that nothing of that version is visible,
// that Check names it, and that the next Update repairs the index.
func TestCrashMidBatch(t *testing.T) {
	if dir := os.Getenv("CLAUSETRACK_CRASH_CHILD"); dir != "" {
		crashChild(dir)
		return
	}
	if testing.Short() {
		t.Skip("spawns a child process")
	}
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
	// Segment and align once here, so the child goes straight to its batch.
	if _, err := Lineage(w, "deal"); err != nil {
		t.Fatal(err)
	}

	signal := filepath.Join(root, "batch-started")
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashMidBatch$")
	cmd.Env = append(os.Environ(), "CLAUSETRACK_CRASH_CHILD="+root, "CLAUSETRACK_CRASH_SIGNAL="+signal)
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
			t.Fatal("the child never started its batch")
		}
		time.Sleep(5 * time.Millisecond)
	}
	time.Sleep(20 * time.Millisecond) // into the batch, which takes about a second
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	err = cmd.Wait()
	var exit *exec.ExitError
	if !errors.As(err, &exit) {
		t.Logf("the child ended before it was killed (%v); the batch was whole", err)
	}

	// Nothing of a half-written version is visible: the version is either
	// whole or absent.
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
	x.Close()
	complete := registered && n == entry.Clauses && n > 0
	if !complete && (registered || n != 0) {
		t.Fatalf("after the kill: registered %v, %d documents of deal@two visible", registered, n)
	}

	r, err := Check(w)
	if err != nil {
		t.Fatal(err)
	}
	// deal@one, no longer the latest, is indexed again beside deal@two and
	// may or may not have been written when the kill came.
	named := false
	for _, p := range r.Problems {
		switch {
		case p.Where == "deal@two" && strings.Contains(p.What, "not in the index"):
			named = true
		case p.Where == "deal@one" && strings.Contains(p.What, "indexed before the versions changed"):
		default:
			t.Errorf("check after the kill: unexpected problem %+v", p)
		}
	}
	if named == complete {
		t.Fatalf("deal@two whole %v, yet check says %+v", complete, r.Problems)
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

// crashChild indexes the workspace in dir, writing the signal file just
// before each batch, and is killed by its parent.
func crashChild(dir string) {
	w, err := corpus.Open(dir)
	if err != nil {
		os.Exit(3)
	}
	index.BeforeBatch = func(key string) {
		if key == "deal@two" {
			os.WriteFile(os.Getenv("CLAUSETRACK_CRASH_SIGNAL"), nil, 0o644)
		}
	}
	if _, err := Update(w, nil); err != nil {
		os.Exit(4)
	}
	os.Exit(0)
}
