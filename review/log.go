package review

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Files the log keeps in the workspace folder (.clausetrack/).
const (
	// LogFile holds the events, one JSON object a line.
	LogFile = "reviews.jsonl"
	// LockName is locked by every writer of LogFile.
	LockName = "reviews.lock"
	// TornFile keeps, byte for byte, torn last lines an append set aside.
	TornFile = "reviews.torn"
)

// Kind says what an event records.
type Kind string

// Event kinds.
const (
	Start    Kind = "start"    // a review opened: Old, New, Name
	Decision Kind = "decision" // a verdict on a change: Change, Verdict, Text (the comment), Content
	Comment  Kind = "comment"  // a comment on a change: Change, Text, Content
)

// Verdict is a reviewer's decision on a change.
type Verdict string

// Verdicts. Reopen takes a change back to open.
const (
	Accept Verdict = "accept"
	Reject Verdict = "reject"
	Flag   Verdict = "flag"
	Reopen Verdict = "reopen"
)

// Verdicts lists every verdict, in the order help texts name them.
var Verdicts = []Verdict{Accept, Reject, Flag, Reopen}

// LockWait is how long an append waits for another writer to release
// the log before it gives up with ErrBusy.
const LockWait = 10 * time.Second

// ErrBusy means another writer held the log for longer than LockWait.
var ErrBusy = errors.New("review log is locked by another clausetrack process")

// ErrVerdict is returned by ParseVerdict for a word that is no verdict.
var ErrVerdict = errors.New("unknown verdict")

// ParseVerdict returns the verdict named s.
func ParseVerdict(s string) (Verdict, error) {
	if slices.Contains(Verdicts, Verdict(s)) {
		return Verdict(s), nil
	}
	names := make([]string, len(Verdicts))
	for i, v := range Verdicts {
		names[i] = string(v)
	}
	return "", fmt.Errorf("%w %q (want %s)", ErrVerdict, s, strings.Join(names, ", "))
}

// Event is one line of the log. Fields that do not apply to a kind are
// empty and left out of the JSON.
type Event struct {
	// ID is "e-" and 12 hex digits, unique in the log: a hash of the
	// other fields and the byte offset the event was written at.
	ID string `json:"id"`
	// Time is when the event was recorded, UTC, to the second.
	Time     time.Time `json:"time"`
	Reviewer string    `json:"reviewer"`
	// Review is the id of the review, "r1", "r2"... in order of start.
	Review string `json:"review"`
	// Change is the diff change id a decision or comment is about.
	Change  string  `json:"change,omitempty"`
	Kind    Kind    `json:"kind"`
	Verdict Verdict `json:"verdict,omitempty"`
	// Text is a comment's text, or the comment given with a decision.
	Text string `json:"text,omitempty"`
	// Old and New are the versions compared, AGREEMENT@LABEL; Name is
	// the review's name. Start events only.
	Old  string `json:"old,omitempty"`
	New  string `json:"new,omitempty"`
	Name string `json:"name,omitempty"`
	// Content is the change's content hash when the event was recorded
	// ([ContentHash]); Anchor is its anchor ([Anchor]).
	Content string `json:"content,omitempty"`
	Anchor  string `json:"anchor,omitempty"`
}

// check says what is missing from an event of its kind.
func (e *Event) check() error {
	if e.Time.IsZero() || e.Reviewer == "" || e.Review == "" {
		return errors.New("an event needs a time, a reviewer and a review")
	}
	switch e.Kind {
	case Start:
		if e.Old == "" || e.New == "" {
			return errors.New("a start event needs the old and new versions")
		}
	case Decision:
		if _, err := ParseVerdict(string(e.Verdict)); err != nil {
			return err
		}
		if e.Change == "" {
			return errors.New("a decision needs a change")
		}
	case Comment:
		if e.Change == "" || strings.TrimSpace(e.Text) == "" {
			return errors.New("a comment needs a change and a text")
		}
	default:
		return fmt.Errorf("unknown event kind %q", e.Kind)
	}
	return nil
}

// Log is the review log of one workspace. Its methods are safe for
// concurrent use, and several processes may append to one log at once.
type Log struct {
	dir string
	mu  sync.Mutex // keeps this process's appenders off the file lock's retry loop
}

// OpenLog returns the log kept in dir, the workspace folder (.clausetrack/).
// It touches nothing: the file is made by the first append.
func OpenLog(dir string) *Log { return &Log{dir: dir} }

// Path is the log file's path.
func (l *Log) Path() string { return filepath.Join(l.dir, LogFile) }

// LineError is a line of the log that is not an event, before its last
// line.
type LineError struct {
	Path string
	Line int // 1-based
	Err  error
}

func (e *LineError) Error() string {
	return fmt.Sprintf("%s:%d: not a review event: %v", e.Path, e.Line, e.Err)
}

func (e *LineError) Unwrap() error { return e.Err }

// Torn describes a torn last line: an append that did not finish. It was
// never acknowledged, and Read leaves it out.
type Torn struct {
	Path   string
	Line   int   // 1-based
	Offset int64 // where the line starts, in bytes
	Size   int64 // its length in bytes, newline included
	Reason string
}

func (t *Torn) String() string {
	return fmt.Sprintf("%s:%d: torn last line (%s, %d bytes)", t.Path, t.Line, t.Reason, t.Size)
}

// Read returns the events of the log in the order they were written; no
// log yet is no events. A torn last line is left out and described by
// the *Torn, nil when there is none; any other line that is not an event
// is a *LineError. Read takes no lock: an append in progress in another
// process can show as a torn last line.
func (l *Log) Read() ([]Event, *Torn, error) {
	data, err := os.ReadFile(l.Path())
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("read review log: %w", err)
	}
	evs, torn, _, err := parse(data, l.Path())
	return evs, torn, err
}

// parse reads the events in data. good is the length of the whole lines
// before a torn last line (len(data) when there is none).
func parse(data []byte, path string) (evs []Event, torn *Torn, good int64, err error) {
	off := 0
	for n := 1; off < len(data); n++ {
		end := bytes.IndexByte(data[off:], '\n')
		last := end < 0 || off+end+1 == len(data)
		var line []byte
		size := len(data) - off
		if end >= 0 {
			line, size = data[off:off+end], end+1
		} else {
			line = data[off:]
		}
		e, perr := decode(line)
		switch {
		case end < 0:
			return evs, &Torn{path, n, int64(off), int64(size), "no newline at its end"}, int64(off), nil
		case perr != nil && last:
			return evs, &Torn{path, n, int64(off), int64(size), oneLine(perr.Error())}, int64(off), nil
		case perr != nil:
			return nil, nil, 0, &LineError{path, n, perr}
		}
		evs = append(evs, e)
		off += size
	}
	return evs, nil, int64(len(data)), nil
}

func decode(line []byte) (Event, error) {
	var e Event
	if err := json.Unmarshal(line, &e); err != nil {
		return e, err
	}
	if e.ID == "" {
		return e, errors.New("no id")
	}
	if err := e.check(); err != nil {
		return e, err
	}
	return e, nil
}

// Append records e, which must be a decision or a comment, and returns it
// as written, with its ID. The line is written with one write under the
// log's lock and synced before Append returns: once it returns nil the
// event is on disk. A torn last line left by an earlier append is first
// moved to TornFile. When Append fails nothing is added.
func (l *Log) Append(e Event) (Event, error) {
	if e.Kind == Start {
		return Event{}, errors.New("append: use Start to start a review")
	}
	return l.append(func([]Event) (Event, error) { return e, nil })
}

// Start records the start of a review and returns the event, whose
// Review is the new review's id: "r" and one more than the reviews the
// log holds. It writes as Append does.
func (l *Log) Start(e Event) (Event, error) {
	return l.append(func(evs []Event) (Event, error) {
		n := 0
		for _, x := range evs {
			if x.Kind == Start {
				n++
			}
		}
		e.Kind, e.Review = Start, "r"+strconv.Itoa(n+1)
		return e, nil
	})
}

// append writes the event build makes from the events in the log, all
// under the lock.
func (l *Log) append(build func([]Event) (Event, error)) (Event, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	unlock, err := lockFile(filepath.Join(l.dir, LockName), LockWait)
	if err != nil {
		return Event{}, fmt.Errorf("lock review log: %w", err)
	}
	defer unlock()
	path := l.Path()
	data, err := os.ReadFile(path)
	created := errors.Is(err, os.ErrNotExist)
	if err != nil && !created {
		return Event{}, fmt.Errorf("read review log: %w", err)
	}
	evs, torn, good, err := parse(data, path)
	if err != nil {
		return Event{}, err
	}
	e, err := build(evs)
	if err != nil {
		return Event{}, err
	}
	e.Time = e.Time.UTC().Truncate(time.Second)
	e.ID = ""
	if err := e.check(); err != nil {
		return Event{}, fmt.Errorf("append to review log: %w", err)
	}
	e.ID = eventID(e, good)
	line, err := json.Marshal(e)
	if err != nil {
		return Event{}, err
	}
	line = append(line, '\n')
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE, 0o644)
	if err != nil {
		return Event{}, fmt.Errorf("open review log: %w", err)
	}
	defer f.Close()
	if torn != nil {
		if err := setAside(filepath.Join(l.dir, TornFile), data[good:]); err != nil {
			return Event{}, err
		}
		if err := f.Truncate(good); err != nil {
			return Event{}, fmt.Errorf("cut torn line of review log: %w", err)
		}
	}
	_, err = f.WriteAt(line, good)
	if err == nil {
		err = f.Sync()
	}
	if err != nil {
		f.Truncate(good) // best effort: leave no part of an unacknowledged event
		return Event{}, fmt.Errorf("write review log: %w", err)
	}
	if created {
		if err := syncDir(l.dir); err != nil {
			return Event{}, fmt.Errorf("write review log: %w", err)
		}
	}
	return e, nil
}

// lockFile takes an exclusive flock on path (made when missing), waiting
// at most wait, and returns the function that releases it. It blocks in
// the kernel rather than polling, so waiters get the lock in turn as soon
// as it is free: polling writers that start together stay in step and
// starve (corpus.LockFile, which polls every 50 ms, lets 50 concurrent
// writers finish 200 ms of work in 2.5 s, and some give up). A waiter
// that gives up leaves a goroutine that releases the lock as soon as it
// gets it.
func lockFile(path string, wait time.Duration) (unlock func(), err error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	done := make(chan error, 1)
	go func() {
		for {
			err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX)
			if !errors.Is(err, syscall.EINTR) {
				done <- err
				return
			}
		}
	}()
	timer := time.NewTimer(wait)
	defer timer.Stop()
	select {
	case err := <-done:
		if err != nil {
			f.Close()
			return nil, err
		}
		return func() { f.Close() }, nil // closing releases the lock
	case <-timer.C:
		go func() {
			<-done
			f.Close()
		}()
		return nil, fmt.Errorf("%s: %w", path, ErrBusy)
	}
}

// eventID hashes the event (without its id) and the offset it is written
// at, which no other event of the log shares.
func eventID(e Event, offset int64) string {
	b, _ := json.Marshal(e)
	h := sha256.New()
	h.Write(b)
	fmt.Fprintf(h, "\x00%d", offset)
	return "e-" + hex.EncodeToString(h.Sum(nil))[:12]
}

// setAside appends torn bytes to the file at path, with a newline, and
// syncs it, so that cutting them from the log loses nothing.
func setAside(path string, torn []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return fmt.Errorf("set aside torn line of review log: %w", err)
	}
	_, err = f.Write(append(bytes.TrimSuffix(torn, []byte("\n")), '\n'))
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("set aside torn line of review log: %w", err)
	}
	return nil
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	err = d.Sync()
	if errors.Is(err, syscall.EINVAL) || errors.Is(err, syscall.ENOTSUP) {
		return nil // the file system cannot sync folders
	}
	return err
}

// Problem is one thing Check found wrong with the log: where, what, and
// how to fix it (the shape of the workspace check's problems).
type Problem struct {
	Where, What, Fix string
}

// Check reads the log in the workspace folder dir and returns what is
// wrong with it: a torn last line, or a line before it that is not an
// event. No log is no problem.
func Check(dir string) ([]Problem, error) {
	l := OpenLog(dir)
	_, torn, err := l.Read()
	var le *LineError
	switch {
	case errors.As(err, &le):
		return []Problem{{
			Where: fmt.Sprintf("%s:%d", LogFile, le.Line),
			What:  "not a review event: " + le.Err.Error() + "; the review log cannot be read",
			Fix:   "restore " + LogFile + " from a backup, or remove the line by hand",
		}}, nil
	case err != nil:
		return nil, err
	case torn != nil:
		return []Problem{{
			Where: fmt.Sprintf("%s:%d", LogFile, torn.Line),
			What:  fmt.Sprintf("torn last line (%s, %d bytes): an append was interrupted and never acknowledged", torn.Reason, torn.Size),
			Fix:   "no action needed; the next review start, decide or comment sets it aside in " + TornFile},
		}, nil
	}
	return nil, nil
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
