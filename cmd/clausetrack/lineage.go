package main

import (
	"fmt"

	"github.com/clausetrack/clausetrack/corpus"
	"github.com/clausetrack/clausetrack/indexer"
)

// lineage returns the current lineage of an agreement's versions (see
// indexer.Lineage).
func lineage(w *corpus.Workspace, agreement string) (*corpus.Lineage, error) {
	return indexer.Lineage(w, agreement)
}

// updateIndex brings the lineage and the search index up to date after an
// add. The version is stored by then, so a failure here is a warning: both
// are derived data, and the next add, search or reindex catches up.
func updateIndex(e *env, w *corpus.Workspace) {
	if _, err := indexer.Update(w, progress(e, "indexing")); err != nil {
		fmt.Fprintf(e.err, "clausetrack: warning: search index not updated: %s; the next add or search updates it, or run 'clausetrack reindex'\n", oneLine(err.Error()))
	}
}
