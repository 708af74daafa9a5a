package indexer

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"

	"github.com/clausetrack/clausetrack/corpus"
	"github.com/clausetrack/clausetrack/index"
)

// Problem is one thing Check found wrong: where, what, and how to fix it.
type Problem struct {
	Where, What, Fix string
}

// Report is what Check found.
type Report struct {
	Agreements, Versions, Clauses int
	Problems                      []Problem
}

const fixReindex = "run 'clausetrack reindex'"

// Check verifies the workspace and its index: every stored original and
// text still has its SHA-256, and the index holds every version whole
// (its register entry, stamp and clause count agree with the workspace)
// and nothing else.
func Check(w *corpus.Workspace) (*Report, error) {
	ids, err := agreementIDs(w)
	if err != nil {
		return nil, err
	}
	r := &Report{Agreements: len(ids)}
	counts := map[string]int{}
	for _, id := range ids {
		vs, err := w.Versions(id)
		if err != nil {
			return nil, err
		}
		replaced, err := w.Replaced(id)
		if err != nil {
			return nil, err
		}
		for _, v := range append(vs, replaced...) {
			where := v.Ref()
			if !v.ReplacedAt.IsZero() {
				where += " (replaced)"
			}
			if _, err := w.Original(v); err != nil {
				r.Problems = append(r.Problems, Problem{where, err.Error(), "restore the file from a backup; the workspace cannot rebuild an original"})
			}
			if _, err := w.Source(v); err != nil {
				r.Problems = append(r.Problems, Problem{where, err.Error(), "add the version again from its file with --replace"})
			}
		}
		r.Versions += len(vs)
		if a, err := load(w, id, true); err == nil {
			for k, v := range a.versions {
				n := len(a.docs[k].Clauses())
				counts[index.Key(id, v.Label)] = n
				r.Clauses += n
			}
		}
	}

	x, err := index.Open(Dir(w), true)
	if errors.Is(err, index.ErrNoIndex) {
		if r.Versions > 0 {
			r.Problems = append(r.Problems, Problem{"index", "there is no index", fixReindex})
		}
		return r, nil
	}
	if errors.Is(err, index.ErrInUse) {
		return nil, InUse(w)
	}
	if err != nil {
		r.Problems = append(r.Problems, Problem{"index", err.Error(), fixReindex})
		return r, nil
	}
	defer x.Close()
	if x.Schema() != index.Schema {
		r.Problems = append(r.Problems, Problem{"index", fmt.Sprintf("written under %q; this clausetrack reads %q", x.Schema(), index.Schema), fixReindex})
		return r, nil
	}
	st, err := Status(w, x)
	if err != nil {
		return nil, err
	}
	have, err := x.Versions()
	if err != nil {
		return nil, err
	}
	for _, key := range st.Missing {
		what := "not in the index (an add may have been interrupted)"
		if _, ok := have[key]; ok {
			// Some batches of the version were written, not its last.
			agr, label := index.SplitKey(key)
			n, err := x.Count(agr, label)
			if err != nil {
				return nil, err
			}
			what = fmt.Sprintf("only partly in the index (%d clauses, not searched): an add was interrupted", n)
		}
		r.Problems = append(r.Problems, Problem{key, what, fixReindex + ", or add any version"})
	}
	for _, key := range st.Outdated {
		r.Problems = append(r.Problems, Problem{key, "indexed before the versions changed (one added, replaced or reordered)", fixReindex})
	}
	for _, key := range st.Extra {
		r.Problems = append(r.Problems, Problem{key, "in the index but not in the workspace", fixReindex})
	}
	total := 0
	for key, e := range have {
		agr, label := index.SplitKey(key)
		n, err := x.Count(agr, label)
		if err != nil {
			return nil, err
		}
		if _, registered, err := x.Entry(agr, label); err != nil {
			return nil, err
		} else if !registered {
			total += n // named above, as missing or extra
			continue
		}
		total += e.Clauses
		if n != e.Clauses {
			r.Problems = append(r.Problems, Problem{key, fmt.Sprintf("the index holds %d of its %d clauses", n, e.Clauses), fixReindex})
		} else if want, ok := counts[key]; ok && !slices.Contains(st.Outdated, key) && want != n {
			r.Problems = append(r.Problems, Problem{key, fmt.Sprintf("the index holds %d clauses; the version has %d", n, want), fixReindex})
		}
	}
	if n, err := x.DocCount(); err == nil && n != total {
		r.Problems = append(r.Problems, Problem{"index", fmt.Sprintf("%d documents, but its register accounts for %d", n, total), fixReindex})
	}
	sortProblems(r.Problems)
	return r, nil
}

// ServeFile is the file, in the workspace folder, where a running
// clausetrack serve records its process id and address.
const ServeFile = "serve.json"

// ServeInfo is what ServeFile holds.
type ServeInfo struct {
	PID  int    `json:"pid"`
	Addr string `json:"addr"`
}

// InUseError says who holds the index.
type InUseError struct {
	Serve bool
	PID   int
	// Addr is where the serve holding the index listens, as it recorded
	// it; commands forward their index queries there.
	Addr string
}

func (e *InUseError) Error() string {
	if e.Serve {
		return "index in use by clausetrack serve (pid " + strconv.Itoa(e.PID) + ")"
	}
	return "index in use by another clausetrack process; try again when it ends"
}

func (e *InUseError) Unwrap() error { return index.ErrInUse }

// InUse returns the error for an index another process holds, naming a
// running clausetrack serve when there is one.
func InUse(w *corpus.Workspace) error {
	data, err := os.ReadFile(filepath.Join(w.Path(), ServeFile))
	var info ServeInfo
	if err == nil && json.Unmarshal(data, &info) == nil && info.PID > 0 && alive(info.PID) {
		return &InUseError{Serve: true, PID: info.PID, Addr: info.Addr}
	}
	return &InUseError{}
}

func alive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	return p.Signal(syscall.Signal(0)) == nil
}

func sortProblems(ps []Problem) {
	slices.SortStableFunc(ps, func(a, b Problem) int {
		if c := strings.Compare(a.Where, b.Where); c != 0 {
			return c
		}
		return strings.Compare(a.What, b.What)
	})
}
