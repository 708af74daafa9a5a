package main

import (
	"io"

	"github.com/spf13/cobra"

	"github.com/clausetrack/clausetrack/assemble"
	"github.com/clausetrack/clausetrack/report"
)

type reviewMemoOptions struct {
	review string
	out    output
}

func newReviewMemoCmd(e *env) *cobra.Command {
	opts := &reviewMemoOptions{}
	cmd := &cobra.Command{
		Use:   "memo REVIEW",
		Short: "Write the memo of a review: rights, flagged and rejected changes, decisions, open items",
		Long: `Memo writes what a review found, for counsel to send: a heading naming the
agreement, the two versions, the review and who reviewed (with how many
events each recorded) and when the last event was; the rights ledger of the
two versions (the summary in plain words, every right that was narrowed,
broadened, gained or given up with its clauses and why, and how many rights
were kept); every flagged and rejected change with its clauses, decision,
comments and redline; a table of every change with its status and latest
decision; and the open items, changes still open or stale. REVIEW is a
review id or name. Rights that the workspace's playbook.yaml names are
tracked by name, as 'clausetrack rights' tracks them. The memo holds no time but the events' own, so the same
log gives the same bytes.

Formats: md, html (one self-contained page), json (the clausetrack.memo/v1
contract), docx (a Word document with the same sections, tables for the
ledger and the decisions, the reviewers' comments as Word comments on the
redline of the change they concern; it needs -o FILE).` + exitCodes,
		Example: `  clausetrack review memo r1
  clausetrack review memo "2025 restatement" --format html -o memo.html
  clausetrack review memo r1 --format json
  clausetrack review memo r1 --format docx -o memo.docx`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.review = args[0]
			return runReviewMemo(e, cmd, opts)
		},
	}
	opts.out.addFlags(cmd, "md", "html", "json", "docx")
	return cmd
}

func runReviewMemo(e *env, cmd *cobra.Command, opts *reviewMemoOptions) error {
	if err := opts.out.check(); err != nil {
		return err
	}
	if err := opts.out.checkBinary("docx"); err != nil {
		return err
	}
	w, st, err := readReviews(e, cmd)
	if err != nil {
		return err
	}
	r, err := st.Review(opts.review)
	if err != nil {
		return hintError{err, "'clausetrack review list' lists the reviews"}
	}
	pb, err := loadPlaybook(e, w, "")
	if err != nil {
		return err
	}
	m, err := assemble.Memo(w, assemble.Load(w), st, r, pb)
	if err != nil {
		return err
	}
	return opts.out.write(e, func(out io.Writer) error {
		switch opts.out.format {
		case "json":
			return report.MemoJSON(out, m)
		case "html":
			return report.MemoHTML(out, m)
		case "docx":
			return report.MemoDOCX(out, m, report.DOCXOptions{})
		}
		return report.MemoMarkdown(out, m)
	})
}
