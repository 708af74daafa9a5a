package review

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/clausetrack/clausetrack/clauses"
	"github.com/clausetrack/clausetrack/diff"
)

// Schemas of the JSON contracts.
const (
	ListSchema = "clausetrack.reviews/v1"
	ShowSchema = "clausetrack.review/v1"
	LogSchema  = "clausetrack.reviewlog/v1"
)

// ListJSON is the clausetrack.reviews/v1 contract: every review with its
// progress.
type ListJSON struct {
	Schema  string       `json:"schema"`
	Reviews []ReviewJSON `json:"reviews"`
}

// ReviewJSON is a review's head in JSON; Started is RFC 3339 UTC.
type ReviewJSON struct {
	ID       string       `json:"id"`
	Name     string       `json:"name"`
	Old      string       `json:"old"`
	New      string       `json:"new"`
	Started  time.Time    `json:"started"`
	By       string       `json:"by"`
	Progress ProgressJSON `json:"progress"`
}

// ProgressJSON counts a review's changes by status.
type ProgressJSON struct {
	Total    int `json:"total"`
	Decided  int `json:"decided"`
	Open     int `json:"open"`
	Accepted int `json:"accepted"`
	Rejected int `json:"rejected"`
	Flagged  int `json:"flagged"`
	Stale    int `json:"stale"`
}

// ShowJSON is the clausetrack.review/v1 contract: a review and each of its
// changes as it stands now. Progress counts every change; Changes lists
// those with the status Filter names, or all when Filter is empty.
type ShowJSON struct {
	Schema string `json:"schema"`
	ReviewJSON
	Filter  string       `json:"filter"`
	Changes []ChangeJSON `json:"changes"`
	Gone    []GoneJSON   `json:"gone"`
}

// ChangeJSON is one change of a review. Old is null for added and
// merged changes, New for removed and split ones; Parts lists a split's
// new clauses or a merge's old ones.
type ChangeJSON struct {
	ID       string        `json:"id"`
	Kind     string        `json:"kind"`
	Old      *ClauseJSON   `json:"old"`
	New      *ClauseJSON   `json:"new"`
	Parts    []ClauseJSON  `json:"parts,omitempty"`
	Content  string        `json:"content"`
	Anchor   string        `json:"anchor"`
	Status   string        `json:"status"`
	Decision *DecisionJSON `json:"decision"`
	Comments []CommentJSON `json:"comments"`
}

// ClauseJSON names a clause, as the diff contract does.
type ClauseJSON struct {
	ID      string `json:"id"`
	Number  string `json:"number"`
	Heading string `json:"heading"`
}

// DecisionJSON is a change's latest decision: Change and Content are the
// change id and content hash it was made on (other than the change's own
// for a stale decision); Event is its event id.
type DecisionJSON struct {
	Verdict string    `json:"verdict"`
	By      string    `json:"by"`
	Time    time.Time `json:"time"`
	Comment string    `json:"comment"`
	Change  string    `json:"change"`
	Content string    `json:"content"`
	Event   string    `json:"event"`
}

// CommentJSON is a comment and the change id it was made on.
type CommentJSON struct {
	By     string    `json:"by"`
	Time   time.Time `json:"time"`
	Text   string    `json:"text"`
	Change string    `json:"change"`
}

// GoneJSON is a change with decisions or comments that is no longer in
// the comparison.
type GoneJSON struct {
	Change   string        `json:"change"`
	Anchor   string        `json:"anchor"`
	Decision *DecisionJSON `json:"decision"`
	Comments []CommentJSON `json:"comments"`
}

// LogJSON is the clausetrack.reviewlog/v1 contract: a review's events in
// the order they were recorded, each as the log stores it.
type LogJSON struct {
	Schema string  `json:"schema"`
	Review string  `json:"review"`
	Events []Event `json:"events"`
}

func reviewJSON(v *View) ReviewJSON {
	r, p := v.Review, v.Progress
	return ReviewJSON{ID: r.ID, Name: r.Name, Old: r.Old, New: r.New, Started: r.Started, By: r.By,
		Progress: ProgressJSON{p.Total, p.Decided, p.Open, p.Accepted, p.Rejected, p.Flagged, p.Stale}}
}

// WriteListJSON writes views as the clausetrack.reviews/v1 contract.
func WriteListJSON(w io.Writer, views []*View) error {
	out := ListJSON{Schema: ListSchema, Reviews: []ReviewJSON{}}
	for _, v := range views {
		out.Reviews = append(out.Reviews, reviewJSON(v))
	}
	return writeJSON(w, out)
}

// WriteShowJSON writes a view as the clausetrack.review/v1 contract,
// listing the changes with status filter ("" for all).
func WriteShowJSON(w io.Writer, v *View, filter Status) error {
	out := ShowJSON{Schema: ShowSchema, ReviewJSON: reviewJSON(v), Filter: string(filter),
		Changes: []ChangeJSON{}, Gone: []GoneJSON{}}
	for _, it := range v.Items {
		if filter != "" && it.Status != filter {
			continue
		}
		ch := it.Change
		c := ChangeJSON{ID: ch.ID, Kind: string(ch.Kind), Old: clauseJSON(ch.Old), New: clauseJSON(ch.New),
			Content: it.Content, Anchor: it.Anchor, Status: string(it.Status),
			Decision: decisionJSON(it.Decision), Comments: commentsJSON(it.Comments)}
		if ch.Kind == diff.Split || ch.Kind == diff.Merged {
			c.Parts = []ClauseJSON{}
			for _, p := range ch.Parts {
				c.Parts = append(c.Parts, *clauseJSON(p))
			}
		}
		out.Changes = append(out.Changes, c)
	}
	for _, g := range v.Gone {
		out.Gone = append(out.Gone, GoneJSON{Change: g.Change, Anchor: g.Anchor,
			Decision: decisionJSON(g.Decision), Comments: commentsJSON(g.Comments)})
	}
	return writeJSON(w, out)
}

// WriteLogJSON writes a review's events as the clausetrack.reviewlog/v1
// contract.
func WriteLogJSON(w io.Writer, review string, evs []Event) error {
	if evs == nil {
		evs = []Event{}
	}
	return writeJSON(w, LogJSON{Schema: LogSchema, Review: review, Events: evs})
}

func clauseJSON(c *clauses.Clause) *ClauseJSON {
	if c == nil {
		return nil
	}
	return &ClauseJSON{ID: c.ID, Number: c.Number, Heading: c.Heading}
}

func decisionJSON(g *Given) *DecisionJSON {
	if g == nil {
		return nil
	}
	return &DecisionJSON{Verdict: string(g.Verdict), By: g.By, Time: g.Time, Comment: g.Comment,
		Change: g.Change, Content: g.Content, Event: g.Event}
}

func commentsJSON(ns []Note) []CommentJSON {
	out := []CommentJSON{}
	for _, n := range ns {
		out = append(out, CommentJSON{By: n.By, Time: n.Time, Text: n.Text, Change: n.Change})
	}
	return out
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// WriteListText writes one line per review: id, name, the versions, the
// progress (decided of total, and how many are stale), who started it
// and when.
func WriteListText(w io.Writer, views []*View) error {
	if len(views) == 0 {
		_, err := fmt.Fprintln(w, "no reviews; start one with 'clausetrack review start AGREEMENT@V1 AGREEMENT@V2'")
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "REVIEW\tNAME\tVERSIONS\tDECIDED\tSTALE\tSTARTED\tBY")
	for _, v := range views {
		r, p := v.Review, v.Progress
		fmt.Fprintf(tw, "%s\t%s\t%s → %s\t%d/%d\t%d\t%s\t%s\n", r.ID, safe(orDash(r.Name)), safe(r.Old), safe(r.New),
			p.Decided, p.Total, p.Stale, stamp(r.Started), safe(r.By))
	}
	return tw.Flush()
}

// WriteShowText writes a review's head and progress, then for each
// change with status filter ("" for all): a line with its id, status,
// kind, clause numbers (old → new) and heading, its decision and its
// comments indented below; then the changes no longer in the comparison.
func WriteShowText(w io.Writer, v *View, filter Status) error {
	ew := &errWriter{w: w}
	r, p := v.Review, v.Progress
	name := ""
	if r.Name != "" {
		name = fmt.Sprintf(" %q", safe(r.Name))
	}
	ew.printf("review %s%s: %s → %s, started %s by %s\n", r.ID, name, safe(r.Old), safe(r.New), stamp(r.Started), safe(r.By))
	ew.printf("%s: %d decided (%d accepted, %d rejected, %d flagged), %d open, %d stale\n",
		count(p.Total, "change"), p.Decided, p.Accepted, p.Rejected, p.Flagged, p.Open, p.Stale)
	shown := 0
	for _, it := range v.Items {
		if filter != "" && it.Status != filter {
			continue
		}
		shown++
		ch := it.Change
		ew.printf("\n%s  %-8s  %-10s  %s%s\n", ch.ID, it.Status, ch.Kind, numbers(ch), heading(ch))
		if d := it.Decision; d != nil {
			ew.printf("  %s\n", decisionLine(d, it.Status == Stale, ch.ID))
		}
		for _, n := range it.Comments {
			ew.printf("  %s\n", commentLine(n, ch.ID))
		}
	}
	if filter != "" && shown == 0 {
		ew.printf("\nno %s changes\n", filter)
	}
	if len(v.Gone) > 0 && filter == "" {
		ew.printf("\nno longer in the comparison:\n")
		for _, g := range v.Gone {
			ew.printf("\n%s  %-8s  %s\n", g.Change, "gone", safe(orDash(g.Anchor)))
			if g.Decision != nil {
				ew.printf("  %s\n", decisionLine(g.Decision, false, g.Change))
			}
			for _, n := range g.Comments {
				ew.printf("  %s\n", commentLine(n, g.Change))
			}
		}
	}
	return ew.err
}

func decisionLine(d *Given, stale bool, id string) string {
	s := fmt.Sprintf("%s by %s at %s", d.Verdict, safe(d.By), stamp(d.Time))
	if d.Comment != "" {
		s += ": " + safe(d.Comment)
	}
	if stale {
		s += fmt.Sprintf(" (stale: made on earlier text, change %s; decide again)", d.Change)
	} else if d.Change != id {
		s += fmt.Sprintf(" (on change %s)", d.Change)
	}
	return s
}

func commentLine(n Note, id string) string {
	s := fmt.Sprintf("comment by %s at %s: %s", safe(n.By), stamp(n.Time), safe(n.Text))
	if n.Change != id {
		s += fmt.Sprintf(" (on change %s)", n.Change)
	}
	return s
}

// WriteLogText writes the audit trail of a review, one line an event:
// time, reviewer, what, the change, and the verdict or text.
func WriteLogText(w io.Writer, evs []Event) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "TIME\tREVIEWER\tWHAT\tCHANGE\tDETAIL")
	for _, e := range evs {
		change, detail := orDash(e.Change), ""
		switch e.Kind {
		case Start:
			change = "-"
			detail = fmt.Sprintf("%s → %s", safe(e.Old), safe(e.New))
			if e.Name != "" {
				detail += fmt.Sprintf(" %q", safe(e.Name))
			}
		case Decision:
			detail = string(e.Verdict)
			if e.Text != "" {
				detail += ": " + safe(e.Text)
			}
		case Comment:
			detail = safe(e.Text)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", stamp(e.Time), safe(e.Reviewer), e.Kind, change, detail)
	}
	return tw.Flush()
}

// numbers writes a change's clause numbers, old → new; "-" stands for
// no clause, and a split's or merge's parts are comma-separated.
func numbers(ch diff.Change) string {
	side := func(c *clauses.Clause, parts bool) string {
		if parts {
			var ns []string
			for _, p := range ch.Parts {
				ns = append(ns, number(p))
			}
			return strings.Join(ns, ", ")
		}
		if c == nil {
			return "-"
		}
		return number(c)
	}
	return side(ch.Old, ch.Kind == diff.Merged) + " → " + side(ch.New, ch.Kind == diff.Split)
}

// heading is the change's heading, new side first, after two spaces;
// empty when neither clause has one.
func heading(ch diff.Change) string {
	for _, c := range []*clauses.Clause{ch.New, ch.Old} {
		if c != nil && c.Heading != "" {
			return "  " + safe(c.Heading)
		}
	}
	return ""
}

func number(c *clauses.Clause) string {
	if c.Number != "" {
		return safe(c.Number)
	}
	return safe(c.ID)
}

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// safe makes text from the log or a contract harmless on a terminal:
// control characters (escape sequences, newlines) become U+FFFD or a
// space, so one event stays on one line.
func safe(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t' || r == '\r':
			return ' '
		case r < 0x20 || r >= 0x7f && r < 0xa0:
			return '\uFFFD'
		}
		return r
	}, s)
}

type errWriter struct {
	w   io.Writer
	err error
}

func (ew *errWriter) printf(format string, args ...any) {
	if ew.err == nil {
		_, ew.err = fmt.Fprintf(ew.w, format, args...)
	}
}
