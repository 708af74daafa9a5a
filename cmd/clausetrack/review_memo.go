package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/clausetrack/clausetrack/clauses"
	"github.com/clausetrack/clausetrack/corpus"
	"github.com/clausetrack/clausetrack/diff"
	"github.com/clausetrack/clausetrack/report"
	"github.com/clausetrack/clausetrack/review"
	"github.com/clausetrack/clausetrack/rights"
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
contract).` + exitCodes,
		Example: `  clausetrack review memo r1
  clausetrack review memo "2025 restatement" --format html -o memo.html
  clausetrack review memo r1 --format json`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.review = args[0]
			return runReviewMemo(e, cmd, opts)
		},
	}
	opts.out.addFlags(cmd, "md", "html", "json")
	return cmd
}

func runReviewMemo(e *env, cmd *cobra.Command, opts *reviewMemoOptions) error {
	if err := opts.out.check(); err != nil {
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
	m, err := newMemo(w, st, r, pb)
	if err != nil {
		return err
	}
	return opts.out.write(e, func(out io.Writer) error {
		switch opts.out.format {
		case "json":
			return report.MemoJSON(out, m)
		case "html":
			return report.MemoHTML(out, m)
		}
		return report.MemoMarkdown(out, m)
	})
}

// newMemo reads the review's two versions once for both halves of the
// memo: the review's comparison and the rights ledger of exactly the
// pair. A review across two agreements names its versions by reference.
func newMemo(w *corpus.Workspace, st *review.State, r review.Review, pb *rights.Playbook) (*report.Memo, error) {
	vo, a, err := loadVersion(w, r.Old)
	if err != nil {
		return nil, fmt.Errorf("review %s: %w", r.ID, err)
	}
	vn, b, err := loadVersion(w, r.New)
	if err != nil {
		return nil, fmt.Errorf("review %s: %w", r.ID, err)
	}
	v, err := st.View(r.ID, diff.Compare(a, b, diff.Options{}))
	if err != nil {
		return nil, err
	}
	m := &report.Memo{Agreement: vo.Agreement, Old: vo.Label, New: vn.Label, View: v, Events: st.Events(r.ID)}
	if vo.Agreement != vn.Agreement {
		m.Agreement, m.Old, m.New = vo.Agreement+" / "+vn.Agreement, vo.Ref(), vn.Ref()
	}
	old, err := pairVersion(w, vo, m.Old, a, pb)
	if err != nil {
		return nil, err
	}
	nw, err := pairVersion(w, vn, m.New, b, pb)
	if err != nil {
		return nil, err
	}
	m.Ledger = rights.Build(m.Agreement, []rights.Version{old, nw})
	return m, nil
}

// pairVersion makes one side of a two-version ledger, as ledgerVersions
// makes each version of the full one: classified, with the playbook's
// rights and the clauses' lineage from the agreement's stored lineage, so
// a right followed across a renumbering is matched as the full ledger
// matches it. label names the version in the ledger.
func pairVersion(w *corpus.Workspace, v corpus.Version, label string, doc *clauses.Document, pb *rights.Playbook) (rights.Version, error) {
	l, err := lineage(w, v.Agreement)
	if err != nil {
		return rights.Version{}, err
	}
	vs, err := w.Versions(v.Agreement)
	if err != nil {
		return rights.Version{}, err
	}
	if !l.Current(vs) {
		return rights.Version{}, fmt.Errorf("%s changed while its rights were read; run the command again", v.Agreement)
	}
	for k, lv := range l.Versions {
		if lv.Label == v.Label {
			classes := rights.Classify(doc)
			pb.Apply(doc, classes)
			return rights.Version{Label: label, Doc: doc, Lineage: l.Versions[k].Clauses, Classes: classes}, nil
		}
	}
	return rights.Version{}, fmt.Errorf("lineage of %s: no version %s; run 'clausetrack reindex'", v.Agreement, v.Label)
}
