package main

import (
	"errors"
	"fmt"
	"io"
	"os/user"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/clausetrack/clausetrack/corpus"
	"github.com/clausetrack/clausetrack/diff"
	"github.com/clausetrack/clausetrack/review"
)

const reviewCommands = "start, list, show, decide, comment, log, memo"

func newReviewCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "review",
		Short: "Review the changes between two versions: decisions, comments, audit trail",
		Long: `Review takes counsel through the changes between two versions of an
agreement one by one: each change (every clause that is not unchanged) is
accepted, rejected or flagged, with comments, and every step is kept in an
append-only log in the workspace (.clausetrack/reviews.jsonl), the audit
trail.

A decision stays with its change when the comparison is computed again. When
a version is replaced (add --replace) and a change's text is no longer the
text that was decided, its decision shows as stale until it is decided again.

'review memo' writes what a review found: the rights ledger of the two
versions, flagged and rejected changes with their comments, every decision and
the open items.` + exitCodes,
		Example: `  clausetrack review start cloud-deal@2023 cloud-deal@2025 --name "2025 restatement"
  clausetrack review show r1 --status open
  clausetrack review decide r1 3f2a9c01b7d4 flag --comment "API exclusivity narrowed?"
  clausetrack review memo r1 --format html -o memo.html
  clausetrack review log r1`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usageError{fmt.Errorf("unknown review command %q (want %s)", args[0], reviewCommands)}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return usageError{fmt.Errorf("name a review command: %s", reviewCommands)}
		},
	}
	cmd.AddCommand(newReviewStartCmd(e), newReviewListCmd(e), newReviewShowCmd(e),
		newReviewDecideCmd(e), newReviewCommentCmd(e), newReviewLogCmd(e), newReviewMemoCmd(e))
	return cmd
}

type reviewStartOptions struct {
	old, new, name, by string
	out                output
}

func newReviewStartCmd(e *env) *cobra.Command {
	opts := &reviewStartOptions{}
	cmd := &cobra.Command{
		Use:   "start AGREEMENT@V1 AGREEMENT@V2",
		Short: "Start a review of every change between two versions",
		Long: `Start opens a review of the changes from one version to another (VERSION is
a label, latest or ~N; the review keeps the labels they name now) and prints
its id (r1, r2, ...) and how many changes it covers. Unchanged clauses are
not review items.

Formats: text, json (the clausetrack.review/v1 contract of the new review).` + exitCodes,
		Example: `  clausetrack review start cloud-deal@2023 cloud-deal@2025
  clausetrack review start cloud-deal@~1 cloud-deal@latest --name "final pass" --by "J. Doe"`,
		Args: exactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.old, opts.new = args[0], args[1]
			return runReviewStart(e, cmd, opts)
		},
	}
	opts.out.addFlags(cmd, "text", "json")
	cmd.Flags().StringVar(&opts.name, "name", "", "a `NAME` for the review")
	cmd.Flags().StringVar(&opts.by, "by", "", "the reviewer's `NAME` (default: $CLAUSETRACK_USER, else the user name)")
	return cmd
}

func runReviewStart(e *env, cmd *cobra.Command, opts *reviewStartOptions) error {
	if err := opts.out.check(); err != nil {
		return err
	}
	w, err := e.workspace(cmd, false)
	if err != nil {
		return err
	}
	vo, a, err := loadVersion(w, opts.old)
	if err != nil {
		return err
	}
	vn, b, err := loadVersion(w, opts.new)
	if err != nil {
		return err
	}
	log := review.OpenLog(w.Path())
	ev, err := log.Start(review.Event{Time: e.now(), Reviewer: reviewer(e, opts.by),
		Old: vo.Ref(), New: vn.Ref(), Name: opts.name})
	if err != nil {
		return err
	}
	st := review.Fold([]review.Event{ev})
	v, err := st.View(ev.Review, diff.Compare(a, b, diff.Options{}))
	if err != nil {
		return err
	}
	return opts.out.write(e, func(out io.Writer) error {
		if opts.out.format == "json" {
			return review.WriteShowJSON(out, v, "")
		}
		_, err := fmt.Fprintf(out, "started review %s of %s → %s: %s to review\n", ev.Review, ev.Old, ev.New, count(v.Progress.Total, "change"))
		return err
	})
}

type reviewListOptions struct{ out output }

func newReviewListCmd(e *env) *cobra.Command {
	opts := &reviewListOptions{}
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the reviews with their progress",
		Long: `List shows every review of the workspace: its id and name, the versions it
compares, how many of its changes are decided (accepted, rejected or
flagged) of how many, how many decisions are stale, who started it and when.

Formats: text, json (the clausetrack.reviews/v1 contract).` + exitCodes,
		Example: `  clausetrack review list
  clausetrack review list --format json`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error { return runReviewList(e, cmd, opts) },
	}
	opts.out.addFlags(cmd, "text", "json")
	return cmd
}

func runReviewList(e *env, cmd *cobra.Command, opts *reviewListOptions) error {
	if err := opts.out.check(); err != nil {
		return err
	}
	w, st, err := readReviews(e, cmd)
	if err != nil {
		return err
	}
	views := make([]*review.View, 0, len(st.Reviews))
	for _, r := range st.Reviews {
		v, err := reviewView(w, st, r.ID)
		if err != nil {
			return err
		}
		views = append(views, v)
	}
	return opts.out.write(e, func(out io.Writer) error {
		if opts.out.format == "json" {
			return review.WriteListJSON(out, views)
		}
		return review.WriteListText(out, views)
	})
}

type reviewShowOptions struct {
	review, status string
	out            output
}

func newReviewShowCmd(e *env) *cobra.Command {
	opts := &reviewShowOptions{}
	cmd := &cobra.Command{
		Use:   "show REVIEW",
		Short: "Show each change of a review with its status, decision and comments",
		Long: `Show lists the changes of a review as they stand now: each change's id, kind,
clause numbers (old → new) and status (open, accepted, rejected, flagged or
stale), its latest decision and its comments. A decision is stale when it
was made on text the change no longer has (a version was replaced). Changes
that were decided or commented on but are no longer in the comparison are
listed at the end. REVIEW is a review id or name.

Formats: text, json (the clausetrack.review/v1 contract).` + exitCodes,
		Example: `  clausetrack review show r1
  clausetrack review show r1 --status flagged
  clausetrack review show "2025 restatement" --format json -o review.json`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.review = args[0]
			return runReviewShow(e, cmd, opts)
		},
	}
	opts.out.addFlags(cmd, "text", "json")
	cmd.Flags().StringVar(&opts.status, "status", "", "only changes with this `STATUS`: open, accepted, rejected, flagged or stale")
	return cmd
}

func runReviewShow(e *env, cmd *cobra.Command, opts *reviewShowOptions) error {
	if err := opts.out.check(); err != nil {
		return err
	}
	status := review.Status(opts.status)
	if status != "" && !slices.Contains(review.Statuses, status) {
		return usageError{fmt.Errorf("unknown status %q (want open, accepted, rejected, flagged, stale)", opts.status)}
	}
	w, st, err := readReviews(e, cmd)
	if err != nil {
		return err
	}
	v, err := reviewView(w, st, opts.review)
	if err != nil {
		return err
	}
	return opts.out.write(e, func(out io.Writer) error {
		if opts.out.format == "json" {
			return review.WriteShowJSON(out, v, status)
		}
		return review.WriteShowText(out, v, status)
	})
}

type reviewDecideOptions struct {
	review, change, verdict, comment, by string
	out                                  output
}

func newReviewDecideCmd(e *env) *cobra.Command {
	opts := &reviewDecideOptions{}
	cmd := &cobra.Command{
		Use:   "decide REVIEW CHANGE accept|reject|flag|reopen",
		Short: "Record a decision on a change of a review",
		Long: `Decide records a verdict on one change of a review: accept, reject, flag
(for discussion), or reopen (back to open). The latest decision counts; the
earlier ones stay in the log. CHANGE is a change id as 'review show' lists
it, or the start of one (4 characters at least) that names one change.

Formats: text, json (the clausetrack.reviewlog/v1 contract, with the one
event recorded).` + exitCodes,
		Example: `  clausetrack review decide r1 3f2a9c01b7d4 accept
  clausetrack review decide r1 3f2a flag --comment "API exclusivity narrowed?" --by "J. Doe"`,
		Args: exactArgs(3),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.review, opts.change, opts.verdict = args[0], args[1], args[2]
			return runReviewDecide(e, cmd, opts)
		},
	}
	opts.out.addFlags(cmd, "text", "json")
	cmd.Flags().StringVar(&opts.comment, "comment", "", "a comment (`TEXT`) to go with the decision")
	cmd.Flags().StringVar(&opts.by, "by", "", "the reviewer's `NAME` (default: $CLAUSETRACK_USER, else the user name)")
	return cmd
}

func runReviewDecide(e *env, cmd *cobra.Command, opts *reviewDecideOptions) error {
	if err := opts.out.check(); err != nil {
		return err
	}
	verdict, err := review.ParseVerdict(opts.verdict)
	if err != nil {
		return usageError{err}
	}
	ev := review.Event{Kind: review.Decision, Verdict: verdict, Text: opts.comment}
	return recordReviewEvent(e, cmd, opts.review, opts.change, opts.by, ev, &opts.out)
}

type reviewCommentOptions struct {
	review, change, text, by string
	out                      output
}

func newReviewCommentCmd(e *env) *cobra.Command {
	opts := &reviewCommentOptions{}
	cmd := &cobra.Command{
		Use:   "comment REVIEW CHANGE TEXT",
		Short: "Comment on a change of a review",
		Long: `Comment adds a comment to one change of a review; it does not change the
change's status. CHANGE is a change id as 'review show' lists it, or the
start of one (4 characters at least).

Formats: text, json (the clausetrack.reviewlog/v1 contract, with the one
event recorded).` + exitCodes,
		Example: `  clausetrack review comment r1 3f2a9c01b7d4 "Ask the lab whether this covers batch APIs"`,
		Args:    exactArgs(3),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.review, opts.change, opts.text = args[0], args[1], args[2]
			return runReviewComment(e, cmd, opts)
		},
	}
	opts.out.addFlags(cmd, "text", "json")
	cmd.Flags().StringVar(&opts.by, "by", "", "the reviewer's `NAME` (default: $CLAUSETRACK_USER, else the user name)")
	return cmd
}

func runReviewComment(e *env, cmd *cobra.Command, opts *reviewCommentOptions) error {
	if err := opts.out.check(); err != nil {
		return err
	}
	if strings.TrimSpace(opts.text) == "" {
		return usageError{errors.New("TEXT is empty: say something in the comment")}
	}
	ev := review.Event{Kind: review.Comment, Text: opts.text}
	return recordReviewEvent(e, cmd, opts.review, opts.change, opts.by, ev, &opts.out)
}

// recordReviewEvent finds the change of the review that key names, as the
// comparison stands now, records ev against it and prints what it
// recorded.
func recordReviewEvent(e *env, cmd *cobra.Command, key, change, by string, ev review.Event, out *output) error {
	w, st, err := readReviews(e, cmd)
	if err != nil {
		return err
	}
	v, err := reviewView(w, st, key)
	if err != nil {
		return err
	}
	it, err := v.Find(change)
	if err != nil {
		return hintError{err, fmt.Sprintf("'clausetrack review show %s' lists its changes", v.Review.ID)}
	}
	ev.Time, ev.Reviewer, ev.Review = e.now(), reviewer(e, by), v.Review.ID
	ev.Change, ev.Content, ev.Anchor = it.Change.ID, it.Content, it.Anchor
	ev, err = review.OpenLog(w.Path()).Append(ev)
	if err != nil {
		return err
	}
	return out.write(e, func(w io.Writer) error {
		if out.format == "json" {
			return review.WriteLogJSON(w, ev.Review, []review.Event{ev})
		}
		what := "commented on"
		if ev.Kind == review.Decision {
			what = map[review.Verdict]string{review.Accept: "accepted", review.Reject: "rejected",
				review.Flag: "flagged", review.Reopen: "reopened"}[ev.Verdict]
		}
		_, err := fmt.Fprintf(w, "%s %s change %s (%s) of review %s\n", ev.Reviewer, what, ev.Change, it.Change.Kind, ev.Review)
		return err
	})
}

type reviewLogOptions struct {
	review string
	out    output
}

func newReviewLogCmd(e *env) *cobra.Command {
	opts := &reviewLogOptions{}
	cmd := &cobra.Command{
		Use:   "log REVIEW",
		Short: "Show the audit trail of a review: who did what, when",
		Long: `Log lists every event of a review in the order it was recorded: when, by
whom, what (start, decision, comment), on which change, and the verdict or
text. Nothing in the log is ever rewritten or deleted.

Formats: text, json (the clausetrack.reviewlog/v1 contract).` + exitCodes,
		Example: `  clausetrack review log r1
  clausetrack review log r1 --format json -o audit.json`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.review = args[0]
			return runReviewLog(e, cmd, opts)
		},
	}
	opts.out.addFlags(cmd, "text", "json")
	return cmd
}

func runReviewLog(e *env, cmd *cobra.Command, opts *reviewLogOptions) error {
	if err := opts.out.check(); err != nil {
		return err
	}
	_, st, err := readReviews(e, cmd)
	if err != nil {
		return err
	}
	r, err := st.Review(opts.review)
	if err != nil {
		return hintError{err, "'clausetrack review list' lists the reviews"}
	}
	return opts.out.write(e, func(out io.Writer) error {
		if opts.out.format == "json" {
			return review.WriteLogJSON(out, r.ID, st.Events(r.ID))
		}
		return review.WriteLogText(out, st.Events(r.ID))
	})
}

// readReviews opens the workspace and folds its review log. A torn last
// line is left out here; 'clausetrack check' reports it.
func readReviews(e *env, cmd *cobra.Command) (*corpus.Workspace, *review.State, error) {
	w, err := e.workspace(cmd, false)
	if err != nil {
		return nil, nil, err
	}
	evs, _, err := review.OpenLog(w.Path()).Read()
	if err != nil {
		return nil, nil, hintError{err, "'clausetrack check' looks at the workspace"}
	}
	return w, review.Fold(evs), nil
}

// reviewView computes the review's comparison as its versions stand now
// and where each change of it stands.
func reviewView(w *corpus.Workspace, st *review.State, key string) (*review.View, error) {
	r, err := st.Review(key)
	if err != nil {
		return nil, hintError{err, "'clausetrack review list' lists the reviews"}
	}
	_, a, err := loadVersion(w, r.Old)
	if err != nil {
		return nil, fmt.Errorf("review %s: %w", r.ID, err)
	}
	_, b, err := loadVersion(w, r.New)
	if err != nil {
		return nil, fmt.Errorf("review %s: %w", r.ID, err)
	}
	return st.View(r.ID, diff.Compare(a, b, diff.Options{}))
}

// reviewer is who records an event: --by, else $CLAUSETRACK_USER, else
// the user's login name, else "unknown".
func reviewer(e *env, by string) string {
	if by = strings.TrimSpace(by); by != "" {
		return by
	}
	if s := strings.TrimSpace(e.getenv("CLAUSETRACK_USER")); s != "" {
		return s
	}
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	return "unknown"
}
