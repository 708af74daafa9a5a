package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/clausetrack/clausetrack/indexer"
	"github.com/clausetrack/clausetrack/review"
)

func newReindexCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "reindex",
		Short: "Rebuild the search index from the stored versions",
		Long: `Reindex builds the search index anew from the versions stored in the
workspace, beside the old index, and swaps it in when it is whole: searches
see the old index until then, and an interrupted reindex leaves the old one in
place. Use it when 'clausetrack check' says the index is wrong.` + exitCodes,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			w, err := e.workspace(cmd, false)
			if err != nil {
				return err
			}
			st, err := indexer.Rebuild(w, progress(e, "reindexing"))
			if err != nil {
				return fmt.Errorf("reindex %s: %w", indexer.Dir(w), err)
			}
			r, err := indexer.Check(w)
			if err != nil {
				return err
			}
			_, err = fmt.Fprintf(e.out, "indexed %s of %s: %s in %s\n", count(len(st.Missing), "version"),
				count(r.Agreements, "agreement"), count(r.Clauses, "clause"), indexer.Dir(w))
			return err
		},
	}
}

// errProblems makes check exit with 1, quietly, after it has listed what
// is wrong.
var errProblems = fmt.Errorf("problems found: %w", errChanges)

func newCheckCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "check",
		Short: "Verify the stored versions and the search index",
		Long: `Check reads every stored original and extracted text and checks its
SHA-256, then checks that the search index holds every version whole (no
version half indexed, none missing, none extra, the clause counts equal), and
that the review log reads whole (a last line cut short by a crash is named). It
lists each problem with what to do about it and exits with 1 when it found any.` + exitCodes,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			w, err := e.workspace(cmd, false)
			if err != nil {
				return err
			}
			r, err := indexer.Check(w)
			if err != nil {
				return err
			}
			rp, err := review.Check(w.Path())
			if err != nil {
				return err
			}
			for _, p := range rp {
				r.Problems = append(r.Problems, indexer.Problem(p))
			}
			for _, p := range r.Problems {
				fmt.Fprintf(e.out, "%s: %s: %s\n", p.Where, oneLine(p.What), p.Fix)
			}
			if len(r.Problems) > 0 {
				fmt.Fprintf(e.out, "%s found\n", count(len(r.Problems), "problem"))
				return errProblems
			}
			_, err = fmt.Fprintf(e.out, "ok: %s, %s, %s; every original and text matches its SHA-256 and the index holds every version\n",
				count(r.Agreements, "agreement"), count(r.Versions, "version"), count(r.Clauses, "clause"))
			return err
		},
	}
}
