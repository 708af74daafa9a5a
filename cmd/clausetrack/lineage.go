package main

import (
	"fmt"
	"io"

	"github.com/clausetrack/clausetrack/clauses"
	"github.com/clausetrack/clausetrack/corpus"
	"github.com/clausetrack/clausetrack/diff"
)

// lineage returns the current lineage of an agreement's versions: the
// stored one when it still matches the versions, else one computed by
// aligning each version with the one before it, which is then stored.
func lineage(w *corpus.Workspace, agreement string) (*corpus.Lineage, error) {
	vs, err := w.Versions(agreement)
	if err != nil {
		return nil, err
	}
	// The lineage is derived data: a missing, stale, unreadable or older
	// format file is simply computed again and replaced.
	if l, err := w.ReadLineage(agreement); err == nil && l.Current(vs) {
		return l, nil
	}
	docs := make([]*clauses.Document, len(vs))
	labels := make([]string, len(vs))
	for k, v := range vs {
		src, err := w.Source(v)
		if err != nil {
			return nil, err
		}
		docs[k], labels[k] = clauses.Segment(src), v.Label
	}
	l := &corpus.Lineage{Agreement: agreement}
	for k, links := range diff.Chain(docs, labels, diff.Options{}) {
		lv := corpus.LineageVersion{Label: vs[k].Label, TextSHA256: vs[k].TextSHA256,
			Clauses: make(map[string]string, len(links)), Kinds: make(map[string]string, len(links))}
		for id, ln := range links {
			lv.Clauses[id], lv.Kinds[id] = ln.Lineage, string(ln.Kind)
		}
		l.Versions = append(l.Versions, lv)
	}
	return l, w.WriteLineage(l)
}

// updateLineage brings an agreement's stored lineage up to date after an
// add. The version is stored by then, so a failure here is a warning: the
// lineage is derived data and is computed again when it is needed.
func updateLineage(errw io.Writer, w *corpus.Workspace, agreement string) {
	if _, err := lineage(w, agreement); err != nil {
		fmt.Fprintf(errw, "clausetrack: warning: lineage of %s not saved: %s; it is computed again when needed\n", agreement, oneLine(err.Error()))
	}
}
