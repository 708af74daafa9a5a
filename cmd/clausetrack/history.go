package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/clausetrack/clausetrack/assemble"
	"github.com/clausetrack/clausetrack/report"
)

type historyOptions struct {
	agreement, clause string
	redline           redlineFlags
	out               output
}

func newHistoryCmd(e *env) *cobra.Command {
	opts := &historyOptions{}
	cmd := &cobra.Command{
		Use:   "history AGREEMENT CLAUSE",
		Short: "Show one clause through every version, with a redline at each step",
		Long: `History follows one clause through the versions of an agreement, from the
version where it first appeared: each version's number and heading for it,
how it changed (renumbered, moved, modified, split, merged, removed) and a
word redline against the version before. The parts of a split are all
followed, and a clause merged into another is followed into the merged clause.

CLAUSE is a number (4.1, 7.2(a), IV) or a clause id in the latest version, or
NUMBER@VERSION for a clause as another version numbers it, such as a clause
removed before the latest (VERSION is a label, latest or ~N).

Noise edits (whitespace, quote and dash style, Markdown marks, labels) are
hidden as in 'clausetrack diff'; --strict shows them.

Formats: text (colour on a terminal), md, html, json (the
clausetrack.history/v1 contract).` + exitCodes,
		Example: `  clausetrack history cloud-deal 4.1
  clausetrack history cloud-deal 4.3@2019 --format json
  clausetrack history cloud-deal '7.2(a)' --format html -o history.html`,
		Args: exactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.agreement, opts.clause = args[0], args[1]
			return runHistory(e, cmd, opts)
		},
	}
	opts.out.addFlags(cmd, "text", "md", "html", "json")
	opts.redline.addFlags(cmd)
	return cmd
}

func runHistory(e *env, cmd *cobra.Command, opts *historyOptions) error {
	if err := opts.out.check(); err != nil {
		return err
	}
	color, err := opts.redline.useColor(e, &opts.out)
	if err != nil {
		return err
	}
	if strings.Contains(opts.agreement, "@") {
		return usageError{fmt.Errorf("AGREEMENT is an agreement id, not %q; name another version's clause as NUMBER@VERSION", opts.agreement)}
	}
	key, label, hasLabel := strings.Cut(opts.clause, "@")
	if key == "" {
		return usageError{fmt.Errorf("CLAUSE %q names no clause: give a number or id, or NUMBER@VERSION", opts.clause)}
	}
	ref := opts.agreement
	if hasLabel {
		ref += "@" + label
	}
	w, err := e.workspace(cmd, false)
	if err != nil {
		return err
	}
	v, doc, err := loadVersion(w, ref)
	if err != nil {
		return err
	}
	c, err := findClause(v, doc, key)
	if err != nil {
		return err
	}
	id, vs, err := assemble.History(w, assemble.Load(w), v, c)
	if err != nil {
		return err
	}
	h := report.NewHistory(opts.agreement, id, vs)
	ropt := report.HistoryOptions{Strict: opts.redline.strict, Color: color}
	return opts.out.write(e, func(out io.Writer) error {
		switch opts.out.format {
		case "json":
			return report.HistoryJSON(out, h)
		case "md":
			return report.HistoryMarkdown(out, h, ropt)
		case "html":
			return report.HistoryHTML(out, h, ropt)
		}
		return report.HistoryText(out, h, ropt)
	})
}
