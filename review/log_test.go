package review

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

var t0 = time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)

func decision(review, change string, v Verdict) Event {
	return Event{Time: t0, Reviewer: "alice", Review: review, Kind: Decision, Change: change, Verdict: v, Content: "c0", Anchor: "old:" + change}
}

func comment(review, change, text string) Event {
	return Event{Time: t0, Reviewer: "bob", Review: review, Kind: Comment, Change: change, Text: text, Content: "c0", Anchor: "old:" + change}
}

func mustStart(t *testing.T, l *Log, name string) Event {
	t.Helper()
	e, err := l.Start(Event{Time: t0, Reviewer: "alice", Old: "deal@v1", New: "deal@v2", Name: name})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func mustAppend(t *testing.T, l *Log, e Event) Event {
	t.Helper()
	e, err := l.Append(e)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func readAll(t *testing.T, l *Log) []Event {
	t.Helper()
	evs, torn, err := l.Read()
	if err != nil || torn != nil {
		t.Fatalf("Read: torn %v, err %v", torn, err)
	}
	return evs
}

func TestAppendReadFold(t *testing.T) {
	l := OpenLog(t.TempDir())
	if evs, torn, err := l.Read(); len(evs) != 0 || torn != nil || err != nil {
		t.Fatalf("no log: got %d events, %v, %v", len(evs), torn, err)
	}
	s1 := mustStart(t, l, "first")
	s2 := mustStart(t, l, "second")
	if s1.Review != "r1" || s2.Review != "r2" {
		t.Fatalf("review ids %q, %q; want r1, r2", s1.Review, s2.Review)
	}
	mustAppend(t, l, decision("r1", "aaa", Accept))
	mustAppend(t, l, comment("r1", "aaa", "looks fine"))
	mustAppend(t, l, comment("r1", "aaa", "looks fine")) // the same twice is two events
	mustAppend(t, l, decision("r2", "bbb", Flag))

	evs := readAll(t, l)
	if len(evs) != 6 {
		t.Fatalf("read %d events, want 6", len(evs))
	}
	id := regexp.MustCompile(`^e-[0-9a-f]{12}$`)
	seen := map[string]bool{}
	for _, e := range evs {
		if !id.MatchString(e.ID) || seen[e.ID] {
			t.Errorf("event id %q: not e-HEX12 or not unique", e.ID)
		}
		seen[e.ID] = true
		if !e.Time.Equal(t0) || e.Time.Location() != time.UTC {
			t.Errorf("event %s time %v, want %v UTC", e.ID, e.Time, t0)
		}
	}
	st := Fold(evs)
	if len(st.Reviews) != 2 || st.Reviews[0].Name != "first" || st.Reviews[1].By != "alice" {
		t.Errorf("reviews %+v", st.Reviews)
	}
	if r, err := st.Review("second"); err != nil || r.ID != "r2" {
		t.Errorf("review by name: %v, %v", r, err)
	}
	if _, err := st.Review("r9"); !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), "reviews: r1, r2") {
		t.Errorf("unknown review: %v", err)
	}
	if got := len(st.Events("r1")); got != 4 {
		t.Errorf("r1 has %d events, want 4", got)
	}
}

func TestAppendRefuses(t *testing.T) {
	bad := map[string]Event{
		"start through Append": {Time: t0, Reviewer: "a", Review: "r1", Kind: Start, Old: "a@1", New: "a@2"},
		"no change":            {Time: t0, Reviewer: "a", Review: "r1", Kind: Decision, Verdict: Accept},
		"bad verdict":          {Time: t0, Reviewer: "a", Review: "r1", Kind: Decision, Change: "x", Verdict: "maybe"},
		"empty comment":        {Time: t0, Reviewer: "a", Review: "r1", Kind: Comment, Change: "x", Text: "  "},
		"no reviewer":          {Time: t0, Review: "r1", Kind: Comment, Change: "x", Text: "hi"},
		"no time":              {Reviewer: "a", Review: "r1", Kind: Comment, Change: "x", Text: "hi"},
		"unknown kind":         {Time: t0, Reviewer: "a", Review: "r1", Kind: "vote", Change: "x"},
	}
	for name, e := range bad {
		t.Run(name, func(t *testing.T) {
			l := OpenLog(t.TempDir())
			mustStart(t, l, "")
			before, _ := os.ReadFile(l.Path())
			if _, err := l.Append(e); err == nil {
				t.Fatal("Append accepted it")
			}
			after, _ := os.ReadFile(l.Path())
			if string(before) != string(after) {
				t.Error("a refused append changed the log")
			}
		})
	}
}

// TestRefusedFirstAppend: an append refused on a workspace with no log
// yet leaves no log behind.
func TestRefusedFirstAppend(t *testing.T) {
	l := OpenLog(t.TempDir())
	if _, err := l.Append(Event{Time: t0, Reviewer: "a", Review: "r1", Kind: Comment, Change: "x"}); err == nil {
		t.Fatal("Append accepted a comment with no text")
	}
	if _, err := os.Stat(l.Path()); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a refused append made %s: %v", LogFile, err)
	}
}

func TestTornLastLine(t *testing.T) {
	for _, c := range []struct {
		name, tail, reason string
	}{
		{"cut mid-line", `{"id":"e-0123456789ab","time":"2026-`, "no newline"},
		{"whole event, no newline", `{"id":"e-0123456789ab","time":"2026-11-26T10:00:00Z","reviewer":"a","review":"r1","change":"x","kind":"comment","text":"hi"}`, "no newline"},
		{"zeros", "\x00\x00\x00\x00", "no newline"},
		{"bad JSON, newline", "{\"id\":\n", "unexpected end"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			l := OpenLog(dir)
			mustStart(t, l, "")
			mustAppend(t, l, decision("r1", "aaa", Accept))
			appendRaw(t, l.Path(), c.tail)

			evs, torn, err := l.Read()
			if err != nil || len(evs) != 2 {
				t.Fatalf("Read: %d events, %v; want the 2 whole ones", len(evs), err)
			}
			if torn == nil || torn.Line != 3 || !strings.Contains(torn.Reason, c.reason) {
				t.Fatalf("torn = %+v, want line 3, %q", torn, c.reason)
			}
			ps, err := Check(dir)
			if err != nil || len(ps) != 1 || ps[0].Where != "reviews.jsonl:3" || !strings.Contains(ps[0].What, "torn last line") {
				t.Fatalf("Check = %+v, %v", ps, err)
			}

			// The next append sets the torn bytes aside and writes a whole line.
			mustAppend(t, l, comment("r1", "aaa", "after the crash"))
			if evs := readAll(t, l); len(evs) != 3 || evs[2].Text != "after the crash" {
				t.Fatalf("after append: %d events", len(evs))
			}
			kept, err := os.ReadFile(filepath.Join(dir, TornFile))
			if err != nil || !strings.Contains(string(kept), strings.TrimSuffix(c.tail, "\n")) {
				t.Errorf("%s holds %q, %v; want the torn bytes", TornFile, kept, err)
			}
			if ps, err := Check(dir); err != nil || len(ps) != 0 {
				t.Errorf("Check after append = %+v, %v", ps, err)
			}
		})
	}
}

func TestBadMiddleLine(t *testing.T) {
	dir := t.TempDir()
	l := OpenLog(dir)
	mustStart(t, l, "")
	start := readLine(t, l.Path(), 0)
	appendRaw(t, l.Path(), "not json\n")
	appendRaw(t, l.Path(), strings.Replace(start, `"kind":"start"`, `"kind":"start","name":"again"`, 1))

	_, _, err := l.Read()
	var le *LineError
	if !errors.As(err, &le) || le.Line != 2 || !strings.Contains(err.Error(), "reviews.jsonl:2: ") {
		t.Fatalf("Read: %v; want a LineError at reviews.jsonl:2", err)
	}
	before, _ := os.ReadFile(l.Path())
	if _, err := l.Append(comment("r1", "aaa", "hi")); !errors.As(err, &le) {
		t.Errorf("Append on a damaged log: %v", err)
	}
	if after, _ := os.ReadFile(l.Path()); string(after) != string(before) {
		t.Error("Append changed a damaged log")
	}
	ps, err := Check(dir)
	if err != nil || len(ps) != 1 || ps[0].Where != "reviews.jsonl:2" {
		t.Errorf("Check = %+v, %v", ps, err)
	}
}

func appendRaw(t *testing.T, path, s string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(s); err != nil {
		t.Fatal(err)
	}
}

func readLine(t *testing.T, path string, n int) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return strings.SplitAfter(string(data), "\n")[n]
}

// TestConcurrentAppend has 50 goroutines, each with its own Log (so
// they meet at the file lock, as processes do), append at once: every
// acknowledged event is in the log once, and nothing else is.
func TestConcurrentAppend(t *testing.T) {
	dir := t.TempDir()
	mustStart(t, OpenLog(dir), "")
	const writers, each = 50, 2
	var (
		mu    sync.Mutex
		acked = map[string]bool{}
		wg    sync.WaitGroup
	)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			l := OpenLog(dir)
			for k := range each {
				e, err := l.Append(comment("r1", "aaa", fmt.Sprintf("writer %d, comment %d", w, k)))
				if err != nil {
					t.Error(err) // not acknowledged: must not be in the log
					continue
				}
				mu.Lock()
				acked[e.ID] = true
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	evs := readAll(t, OpenLog(dir))
	if len(evs)-1 != len(acked) {
		t.Fatalf("log holds %d events, %d acknowledged", len(evs)-1, len(acked))
	}
	for _, e := range evs[1:] {
		if !acked[e.ID] {
			t.Errorf("event %s in the log was not acknowledged", e.ID)
		}
	}
}

// TestLockWait: a writer waits for the lock at most as long as it is
// told, then gives up with ErrBusy; the lock is free again once its
// holder lets go.
func TestLockWait(t *testing.T) {
	path := filepath.Join(t.TempDir(), LockName)
	unlock, err := lockFile(path, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := lockFile(path, 50*time.Millisecond); !errors.Is(err, ErrBusy) {
		t.Fatalf("second lock: %v, want ErrBusy", err)
	}
	unlock()
	unlock2, err := lockFile(path, 5*time.Second)
	if err != nil {
		t.Fatalf("after release: %v", err)
	}
	unlock2()
}

// TestTwoProcesses has two processes (this test binary, run again)
// append to one log at once: nothing is lost or interleaved.
func TestTwoProcesses(t *testing.T) {
	if dir := os.Getenv("CLAUSETRACK_REVIEW_CHILD"); dir != "" {
		appendChild(t, dir)
		return
	}
	if testing.Short() {
		t.Skip("spawns child processes")
	}
	dir := t.TempDir()
	mustStart(t, OpenLog(dir), "")
	const n = 100
	var cmds []*exec.Cmd
	for k := range 2 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestTwoProcesses$")
		cmd.Env = append(os.Environ(), "CLAUSETRACK_REVIEW_CHILD="+dir,
			"CLAUSETRACK_REVIEW_N="+strconv.Itoa(n), "CLAUSETRACK_REVIEW_WHO=p"+strconv.Itoa(k))
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds = append(cmds, cmd)
	}
	for _, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Fatalf("child: %v", err)
		}
	}
	evs := readAll(t, OpenLog(dir))
	per := map[string]int{}
	for _, e := range evs[1:] {
		per[e.Reviewer]++
	}
	if len(evs) != 1+2*n || per["p0"] != n || per["p1"] != n {
		t.Fatalf("log holds %d events (%v), want 1 + 2×%d", len(evs), per, n)
	}
}

func appendChild(t *testing.T, dir string) {
	n, _ := strconv.Atoi(os.Getenv("CLAUSETRACK_REVIEW_N"))
	who := os.Getenv("CLAUSETRACK_REVIEW_WHO")
	l := OpenLog(dir)
	for k := range n {
		e := comment("r1", "aaa", fmt.Sprintf("%s %d", who, k))
		e.Reviewer = who
		if _, err := l.Append(e); err != nil {
			t.Fatal(err)
		}
	}
}
