package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/clausetrack/clausetrack/clauses"
	"github.com/clausetrack/clausetrack/corpus"
	"github.com/clausetrack/clausetrack/report"
)

type showOptions struct {
	ref, clause string
	out         output
}

func newShowCmd(e *env) *cobra.Command {
	opts := &showOptions{}
	cmd := &cobra.Command{
		Use:   "show AGREEMENT[@VERSION] [CLAUSE]",
		Short: "Show the clause tree of a version, or one clause",
		Long: `Show prints the clause tree of a stored version (the latest when VERSION is
left out), or, given CLAUSE (a number such as 7.2(a), or a clause id), that
clause's full text with its sub-clauses.

VERSION is a label, 'latest', or '~N' for N versions before the latest.` + exitCodes,
		Example: `  clausetrack show cloud-deal
  clausetrack show cloud-deal@2019 4.1
  clausetrack show cloud-deal@~1 --format json`,
		Args: rangeArgs(1, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.ref = args[0]
			if len(args) == 2 {
				opts.clause = args[1]
			}
			return runShow(e, cmd, opts)
		},
	}
	opts.out.addFlags(cmd, "text", "json")
	return cmd
}

func runShow(e *env, cmd *cobra.Command, opts *showOptions) error {
	if err := opts.out.check(); err != nil {
		return err
	}
	w, err := e.workspace(cmd, false)
	if err != nil {
		return err
	}
	v, doc, err := loadVersion(w, opts.ref)
	if err != nil {
		return err
	}
	if opts.clause == "" {
		return opts.out.write(e, func(out io.Writer) error {
			if opts.out.format == "json" {
				return report.JSON(out, report.NewSegment(v.Ref(), v.Source.Format, doc))
			}
			return report.Tree(out, v.Ref(), doc)
		})
	}
	c, err := findClause(v, doc, opts.clause)
	if err != nil {
		return err
	}
	return opts.out.write(e, func(out io.Writer) error {
		if opts.out.format == "json" {
			return report.JSON(out, report.NewClause(v.Ref(), doc, c))
		}
		return report.ClauseText(out, doc, c)
	})
}

// findClause looks up a CLAUSE argument, a number or a clause id, in
// version v; not finding it is ErrNotFound, with a hint.
func findClause(v corpus.Version, doc *clauses.Document, key string) (*clauses.Clause, error) {
	if c := doc.Find(key); c != nil {
		return c, nil
	}
	return nil, hintError{fmt.Errorf("%s has no clause %s: %w", v.Ref(), key, corpus.ErrNotFound),
		fmt.Sprintf("'clausetrack show %s' lists its clauses", v.Ref())}
}
