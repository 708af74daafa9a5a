package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/clausetrack/clausetrack/clauses"
	"github.com/clausetrack/clausetrack/diff"
	"github.com/clausetrack/clausetrack/review"
	"github.com/clausetrack/clausetrack/rights"
)

// MemoSchema names the JSON contract of a review memo.
const MemoSchema = "clausetrack.memo/v1"

// Memo is what a review memo is written from. The caller builds each
// part; the renderers only read them, so the three formats never
// disagree.
type Memo struct {
	// Agreement is the agreement's id; Old and New the labels of the two
	// versions the review compares.
	Agreement, Old, New string
	// View is the review with its comparison recomputed now.
	View *review.View
	// Events are the review's events in log order (State.Events).
	Events []review.Event
	// Ledger is the rights ledger built from exactly the two versions,
	// Old then New.
	Ledger *rights.Ledger
}

// MemoDoc is a memo in its JSON form, clausetrack.memo/v1. Times are RFC
// 3339 UTC; nothing in it depends on when it was written.
type MemoDoc struct {
	Schema    string           `json:"schema"`
	Agreement string           `json:"agreement"`
	Old       string           `json:"old"`
	New       string           `json:"new"`
	Review    MemoReviewJSON   `json:"review"`
	Reviewers []MemoReviewer   `json:"reviewers"`
	LastEvent time.Time        `json:"last_event"`
	Rights    []RightJSON      `json:"rights"`
	Summary   []string         `json:"summary"`
	Flagged   []MemoChangeJSON `json:"flagged"`
	Rejected  []MemoChangeJSON `json:"rejected"`
	Changes   []MemoRowJSON    `json:"changes"`
	Open      []string         `json:"open"`
	// Gone lists the changes with decisions or comments that are no
	// longer in the comparison (a version was replaced), so that no
	// flag is silently dropped from the memo.
	Gone []review.GoneJSON `json:"gone"`
}

// MemoReviewJSON is the review's head: its id, name, when it was started
// and by whom.
type MemoReviewJSON struct {
	ID      string    `json:"id"`
	Name    string    `json:"name"`
	Started time.Time `json:"started"`
	By      string    `json:"by"`
}

// MemoReviewer is a reviewer and how many events of the review they
// recorded (the start, decisions and comments).
type MemoReviewer struct {
	Name   string `json:"name"`
	Events int    `json:"events"`
}

// MemoChangeJSON is a flagged or rejected change in full: its clauses
// (Old null for added and merged changes, New for removed and split
// ones), heading, decision, every comment, and Redline, the word diff
// of the change as the diff reports show it.
type MemoChangeJSON struct {
	ID       string               `json:"id"`
	Kind     string               `json:"kind"`
	Old      *review.ClauseJSON   `json:"old"`
	New      *review.ClauseJSON   `json:"new"`
	Parts    []review.ClauseJSON  `json:"parts,omitempty"`
	Heading  string               `json:"heading"`
	Status   string               `json:"status"`
	Decision *review.DecisionJSON `json:"decision"`
	// Earlier are the decisions on this change before the latest one,
	// oldest first: the audit trail of how it came to stand.
	Earlier  []review.DecisionJSON `json:"earlier"`
	Comments []review.CommentJSON  `json:"comments"`
	Redline  []DiffEdit            `json:"redline"`
}

// MemoRowJSON is one change of the review with its status and latest
// decision (null when none).
type MemoRowJSON struct {
	ID       string               `json:"id"`
	Kind     string               `json:"kind"`
	Old      *review.ClauseJSON   `json:"old"`
	New      *review.ClauseJSON   `json:"new"`
	Status   string               `json:"status"`
	Decision *review.DecisionJSON `json:"decision"`
}

// memoParts are the pieces every format shows, computed once.
type memoParts struct {
	reviewers []MemoReviewer
	last      time.Time
	summary   []string
	changed   []rights.Right // rights with a step other than kept
	kept      int
	byStatus  map[review.Status][]int // item indexes
	entries   []entry                 // one per item, as the diff reports see it
}

func newMemoParts(m *Memo) *memoParts {
	p := &memoParts{byStatus: map[review.Status][]int{}}
	at := map[string]int{}
	for _, e := range m.Events {
		k, ok := at[e.Reviewer]
		if !ok {
			k = len(p.reviewers)
			at[e.Reviewer] = k
			p.reviewers = append(p.reviewers, MemoReviewer{Name: e.Reviewer})
		}
		p.reviewers[k].Events++
		if e.Time.After(p.last) {
			p.last = e.Time
		}
	}
	p.last = p.last.UTC()
	p.summary = Summary(m.Ledger, m.Ledger.Rights)
	for _, r := range m.Ledger.Rights {
		if changed(r) {
			p.changed = append(p.changed, r)
		} else {
			p.kept++
		}
	}
	cmp := &diff.Comparison{}
	for k, it := range m.View.Items {
		cmp.Changes = append(cmp.Changes, it.Change)
		p.byStatus[it.Status] = append(p.byStatus[it.Status], k)
	}
	p.entries = entries(cmp, DiffOptions{})
	return p
}

// openItems are the indexes of the items still open or stale, in
// comparison order.
func openItems(v *review.View) []int {
	var out []int
	for k, it := range v.Items {
		if it.Status == review.Open || it.Status == review.Stale {
			out = append(out, k)
		}
	}
	return out
}

// NewMemoDoc makes the JSON form of a memo.
func NewMemoDoc(m *Memo) *MemoDoc {
	p := newMemoParts(m)
	r := m.View.Review
	d := &MemoDoc{Schema: MemoSchema, Agreement: m.Agreement, Old: m.Old, New: m.New,
		Review:    MemoReviewJSON{ID: r.ID, Name: r.Name, Started: r.Started.UTC(), By: r.By},
		Reviewers: append([]MemoReviewer{}, p.reviewers...), LastEvent: p.last,
		Rights: NewRightsDoc(m.Ledger, RightsOptions{}).Rights, Summary: nonNil(p.summary),
		Flagged: []MemoChangeJSON{}, Rejected: []MemoChangeJSON{}, Changes: []MemoRowJSON{},
		Open: []string{}, Gone: []review.GoneJSON{}}
	full := func(k int) MemoChangeJSON {
		it, e := &m.View.Items[k], &p.entries[k]
		ch := it.Change
		c := MemoChangeJSON{ID: ch.ID, Kind: string(ch.Kind), Old: memoClause(ch.Old), New: memoClause(ch.New),
			Heading: e.heading, Status: string(it.Status), Decision: memoDecision(it.Decision),
			Earlier: []review.DecisionJSON{}, Comments: memoComments(it.Comments), Redline: nonNilEdits(diffEdits(e.edits))}
		for _, g := range earlier(m.Events, it) {
			c.Earlier = append(c.Earlier, *memoDecision(g))
		}
		if ch.Kind == diff.Split || ch.Kind == diff.Merged {
			c.Parts = []review.ClauseJSON{}
			for _, pc := range ch.Parts {
				c.Parts = append(c.Parts, *memoClause(pc))
			}
		}
		return c
	}
	for _, k := range p.byStatus[review.Flagged] {
		d.Flagged = append(d.Flagged, full(k))
	}
	for _, k := range p.byStatus[review.Rejected] {
		d.Rejected = append(d.Rejected, full(k))
	}
	for _, it := range m.View.Items {
		ch := it.Change
		d.Changes = append(d.Changes, MemoRowJSON{ID: ch.ID, Kind: string(ch.Kind), Old: memoClause(ch.Old),
			New: memoClause(ch.New), Status: string(it.Status), Decision: memoDecision(it.Decision)})
	}
	for _, k := range openItems(m.View) {
		d.Open = append(d.Open, m.View.Items[k].Change.ID)
	}
	for _, g := range m.View.Gone {
		d.Gone = append(d.Gone, review.GoneJSON{Change: g.Change, Anchor: g.Anchor,
			Decision: memoDecision(g.Decision), Comments: memoComments(g.Comments)})
	}
	return d
}

// MemoJSON writes a memo as clausetrack.memo/v1 JSON: two-space indent,
// a trailing newline, empty lists as [] and never null.
func MemoJSON(w io.Writer, m *Memo) error { return JSON(w, NewMemoDoc(m)) }

func memoClause(c *clauses.Clause) *review.ClauseJSON {
	if c == nil {
		return nil
	}
	return &review.ClauseJSON{ID: c.ID, Number: c.Number, Heading: c.Heading}
}

func memoDecision(g *review.Given) *review.DecisionJSON {
	if g == nil {
		return nil
	}
	return &review.DecisionJSON{Verdict: string(g.Verdict), By: g.By, Time: g.Time.UTC(), Comment: g.Comment,
		Change: g.Change, Content: g.Content, Event: g.Event}
}

func memoComments(ns []review.Note) []review.CommentJSON {
	out := []review.CommentJSON{}
	for _, n := range ns {
		out = append(out, review.CommentJSON{By: n.By, Time: n.Time.UTC(), Text: n.Text, Change: n.Change})
	}
	return out
}

// earlier returns the decisions on an item before its latest one, in log
// order: those recorded on its change id or, as State.View finds them,
// on its anchor.
func earlier(evs []review.Event, it *review.Item) []*review.Given {
	var out []*review.Given
	for _, e := range evs {
		if e.Kind != review.Decision || (e.Change != it.Change.ID && (e.Anchor == "" || e.Anchor != it.Anchor)) {
			continue
		}
		if it.Decision != nil && e.ID == it.Decision.Event {
			continue
		}
		out = append(out, &review.Given{Verdict: e.Verdict, By: e.Reviewer, Time: e.Time, Comment: e.Text,
			Change: e.Change, Content: e.Content, Event: e.ID})
	}
	return out
}

// memoStamp is an event time as the memo prints it, RFC 3339 UTC.
func memoStamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// memoTitle is the memo's title: the agreement and the two versions.
func memoTitle(m *Memo) string {
	return fmt.Sprintf("Review memo: %s, %s → %s", m.Agreement, m.Old, m.New)
}

// memoReview names the review: "review r1 “first pass”, started … by …".
func memoReview(m *Memo) string {
	r := m.View.Review
	s := "Review " + r.ID
	if r.Name != "" {
		s += " “" + oneLine(r.Name) + "”"
	}
	return s + ", started " + memoStamp(r.Started) + " by " + oneLine(r.By)
}

// memoReviewers lists who recorded events: "alice (4 events), bob (1 event)".
func memoReviewers(p *memoParts) string {
	var parts []string
	for _, r := range p.reviewers {
		parts = append(parts, fmt.Sprintf("%s (%s)", oneLine(r.Name), plural(r.Events, "event")))
	}
	return strings.Join(parts, ", ")
}

// memoProgress counts the changes by status in one line.
func memoProgress(v *review.View) string {
	g := v.Progress
	return fmt.Sprintf("%s: %d accepted, %d rejected, %d flagged, %d open, %d stale",
		plural(g.Total, "change"), g.Accepted, g.Rejected, g.Flagged, g.Open, g.Stale)
}

// memoDecided says a decision in words: "flag by bob at 2026-…".
func memoDecided(g *review.Given) string {
	return fmt.Sprintf("%s by %s at %s", g.Verdict, oneLine(g.By), memoStamp(g.Time))
}

// memoStaleNote says why a stale decision no longer counts.
func memoStaleNote(it *review.Item) string {
	if it.Status == review.Stale && it.Decision != nil {
		return fmt.Sprintf("stale: made on earlier text (change %s); decide again", it.Decision.Change)
	}
	return ""
}

// memoRightLine is a changed right in one line: its name, holder, status,
// clauses and detail.
func memoRightLine(r rights.Right) (name, status, clauses, detail string) {
	for _, t := range r.Transitions {
		if t.Status != rights.Kept {
			return rightName(r) + ", " + r.Holder, statusWords(t.Status), clausesStep(t), t.Detail
		}
	}
	return rightName(r) + ", " + r.Holder, "kept", "", ""
}

func memoRedline(r rights.Right) []diff.Edit {
	for _, t := range r.Transitions {
		if t.Status != rights.Kept && hasEdit(t.Redline) {
			return t.Redline
		}
	}
	return nil
}

// MemoMarkdown writes a memo as Markdown: the heading with the review and
// who reviewed, the rights ledger of the pair, the flagged and rejected
// changes with their decisions, comments and redlines, a table of every
// change, and the open items. Contract and log text is escaped.
func MemoMarkdown(w io.Writer, m *Memo) error {
	ew := &errWriter{w: w}
	p := newMemoParts(m)
	ew.printf("# %s\n\n", mdEscape(memoTitle(m)))
	ew.printf("%s.\\\nReviewed by %s; last event %s.\\\n%s.\n", mdEscapeAt(memoReview(m), false),
		mdEscapeAt(memoReviewers(p), false), memoStamp(p.last), memoProgress(m.View))

	ew.printf("\n## Rights\n\n")
	for _, s := range p.summary {
		ew.printf("- %s\n", mdEscape(oneLine(s)))
	}
	if len(p.changed) == 0 {
		ew.printf("\nNo right changed.\n")
	} else {
		ew.printf("\n| right | status | clauses | detail |\n|---|---|---|---|\n")
		for _, r := range p.changed {
			name, status, cl, detail := memoRightLine(r)
			ew.printf("| %s | %s | %s | %s |\n", mdCell(name), mdCell(status), mdCell(cl), mdCell(detail))
		}
		for _, r := range p.changed {
			if red := memoRedline(r); red != nil {
				if s := mdRedline(red, false); s != "" {
					name, status, _, _ := memoRightLine(r)
					ew.printf("\n%s, %s:\n\n%s\n", mdEscape(oneLine(name)), status, s)
				}
			}
		}
	}
	ew.printf("\n%s kept.\n", plural(p.kept, "right"))

	for _, sec := range []struct {
		title  string
		status review.Status
	}{{"Flagged changes", review.Flagged}, {"Rejected changes", review.Rejected}} {
		ew.printf("\n## %s\n", sec.title)
		if len(p.byStatus[sec.status]) == 0 {
			ew.printf("\n_None._\n")
		}
		for _, k := range p.byStatus[sec.status] {
			mdMemoChange(ew, m.Events, &m.View.Items[k], &p.entries[k])
		}
	}

	ew.printf("\n## Decisions\n\n| change | clauses | kind | status | by | verdict | time |\n|---|---|---|---|---|---|---|\n")
	for k := range m.View.Items {
		it, e := &m.View.Items[k], &p.entries[k]
		by, verdict, at := "", "", ""
		if d := it.Decision; d != nil {
			by, verdict, at = d.By, string(d.Verdict), memoStamp(d.Time)
		}
		ew.printf("| %s | %s | %s | %s | %s | %s | %s |\n", it.Change.ID, mdCell(e.tags()), it.Change.Kind,
			it.Status, mdCell(by), verdict, at)
	}

	ew.printf("\n## Open items\n\n")
	open := openItems(m.View)
	if len(open) == 0 && len(m.View.Gone) == 0 {
		ew.printf("_None: every change is decided._\n")
	}
	for _, k := range open {
		ew.printf("- %s\n", mdEscape(openItemLine(&m.View.Items[k], &p.entries[k])))
	}
	for _, g := range m.View.Gone {
		line := fmt.Sprintf("%s (%s): no longer in the comparison", g.Change, orNone(g.Anchor))
		if g.Decision != nil {
			line += "; " + memoDecided(g.Decision)
			if g.Decision.Comment != "" {
				line += ": " + g.Decision.Comment
			}
		}
		for _, n := range g.Comments {
			line += "; comment by " + n.By + ": " + n.Text
		}
		ew.printf("- %s\n", mdEscape(oneLine(line)))
	}
	return ew.err
}

// mdMemoChange writes a flagged or rejected change: its heading line,
// decision, comments and redline.
func mdMemoChange(ew *errWriter, evs []review.Event, it *review.Item, e *entry) {
	head := e.tags() + " · " + string(it.Change.Kind)
	if e.similar >= 0 {
		head += " · " + strconv.Itoa(e.similar) + "%"
	}
	if e.heading != "" {
		head += " · " + e.heading
	}
	ew.printf("\n### %s\n\n", mdEscape(oneLine(head)))
	ew.printf("- Change %s\n", it.Change.ID)
	if d := it.Decision; d != nil {
		line := "Decision: " + memoDecided(d)
		if d.Comment != "" {
			line += ": " + d.Comment
		}
		ew.printf("- %s\n", mdEscapeAt(oneLine(line), false))
	}
	for _, g := range earlier(evs, it) {
		line := "Earlier: " + memoDecided(g)
		if g.Comment != "" {
			line += ": " + g.Comment
		}
		ew.printf("- %s\n", mdEscapeAt(oneLine(line), false))
	}
	for _, n := range it.Comments {
		ew.printf("- %s\n", mdEscapeAt(oneLine("Comment by "+n.By+" at "+memoStamp(n.Time)+": "+n.Text), false))
	}
	mdNotes(ew, it.Change.Notes)
	if !e.body {
		return
	}
	plain := it.Change.Kind == diff.Added || it.Change.Kind == diff.Removed
	if red := mdRedline(e.edits, plain); red != "" {
		ew.printf("\n%s\n", red)
	}
}

// MemoHTML writes a memo as one self-contained, printable HTML page with
// the same sections as MemoMarkdown. Every piece of contract and log
// text is escaped; the page needs no script and no other file.
func MemoHTML(w io.Writer, m *Memo) error {
	ew := &errWriter{w: w}
	p := newMemoParts(m)
	htmlOpen(ew, memoTitle(m))
	ew.printf("<header class=\"doc\">\n<h1>Review memo</h1>\n<p class=\"names\">%s: <span class=\"old-name\">%s</span> → <span class=\"new-name\">%s</span></p>\n",
		esc(m.Agreement), esc(m.Old), esc(m.New))
	ew.printf("<p class=\"review\">%s.<br>\nReviewed by %s; last event %s.<br>\n%s.</p>\n</header>\n<main>\n",
		esc(memoReview(m)), esc(memoReviewers(p)), memoStamp(p.last), esc(memoProgress(m.View)))

	ew.printf("<section class=\"rights\">\n<h2>Rights</h2>\n<ul class=\"summary\">\n")
	for _, s := range p.summary {
		ew.printf("<li>%s</li>\n", esc(s))
	}
	ew.printf("</ul>\n")
	if len(p.changed) == 0 {
		ew.printf("<p>No right changed.</p>\n")
	} else {
		ew.printf("<table class=\"ledger\">\n<thead><tr><th>right</th><th>status</th><th>clauses</th><th>detail</th></tr></thead>\n<tbody>\n")
		for _, r := range p.changed {
			name, status, cl, detail := memoRightLine(r)
			ew.printf("<tr><td>%s</td><td class=\"status %s\">%s</td><td>%s</td><td>%s",
				esc(name), esc(strings.ReplaceAll(status, " ", "_")), esc(status), esc(cl), esc(detail))
			if red := memoRedline(r); red != nil {
				ew.printf("<div class=\"text\">%s</div>", htmlRedline(red))
			}
			ew.printf("</td></tr>\n")
		}
		ew.printf("</tbody>\n</table>\n")
	}
	ew.printf("<p>%s kept.</p>\n</section>\n", plural(p.kept, "right"))

	for _, sec := range []struct {
		title, class string
		status       review.Status
	}{{"Flagged changes", "flagged", review.Flagged}, {"Rejected changes", "rejected", review.Rejected}} {
		ew.printf("<section class=\"%s\">\n<h2>%s</h2>\n", sec.class, sec.title)
		if len(p.byStatus[sec.status]) == 0 {
			ew.printf("<p>None.</p>\n")
		}
		for _, k := range p.byStatus[sec.status] {
			htmlMemoChange(ew, m.Events, &m.View.Items[k], &p.entries[k])
		}
		ew.printf("</section>\n")
	}

	ew.printf("<section class=\"decisions\">\n<h2>Decisions</h2>\n<table class=\"ledger\">\n")
	ew.printf("<thead><tr><th>change</th><th>clauses</th><th>kind</th><th>status</th><th>by</th><th>verdict</th><th>time</th></tr></thead>\n<tbody>\n")
	for k := range m.View.Items {
		it, e := &m.View.Items[k], &p.entries[k]
		by, verdict, at := "", "", ""
		if d := it.Decision; d != nil {
			by, verdict, at = d.By, string(d.Verdict), memoStamp(d.Time)
		}
		id := esc(it.Change.ID)
		if it.Status != review.Accepted { // accepted changes have no section to link to
			id = "<a href=\"#" + anchor(&it.Change) + "\">" + id + "</a>"
		}
		ew.printf("<tr class=\"%s\"><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
			esc(string(it.Status)), id, esc(e.tags()), esc(string(it.Change.Kind)),
			esc(string(it.Status)), esc(by), esc(verdict), at)
	}
	ew.printf("</tbody>\n</table>\n</section>\n")

	ew.printf("<section class=\"open\">\n<h2>Open items</h2>\n")
	open := openItems(m.View)
	if len(open) == 0 && len(m.View.Gone) == 0 {
		ew.printf("<p>None: every change is decided.</p>\n")
	} else {
		ew.printf("<ul>\n")
	}
	for _, k := range open {
		it, e := &m.View.Items[k], &p.entries[k]
		ew.printf("<li id=\"%s\">%s %s · %s", anchor(&it.Change), esc(it.Change.ID), esc(e.tags()), esc(string(it.Change.Kind)))
		if e.heading != "" {
			ew.printf(" · <i>%s</i>", esc(e.heading))
		}
		ew.printf(": %s", esc(string(it.Status)))
		if s := memoStaleNote(it); s != "" {
			ew.printf(" (%s; %s)", esc(memoDecided(it.Decision)), esc(s))
			if it.Decision.Comment != "" {
				ew.printf(": %s", esc(it.Decision.Comment))
			}
		}
		ew.printf("</li>\n")
	}
	for _, g := range m.View.Gone {
		ew.printf("<li>%s (%s): no longer in the comparison", esc(g.Change), esc(orNone(g.Anchor)))
		if g.Decision != nil {
			ew.printf("; %s", esc(memoDecided(g.Decision)))
			if g.Decision.Comment != "" {
				ew.printf(": %s", esc(g.Decision.Comment))
			}
		}
		for _, n := range g.Comments {
			ew.printf("; comment by %s: %s", esc(n.By), esc(n.Text))
		}
		ew.printf("</li>\n")
	}
	if len(open) > 0 || len(m.View.Gone) > 0 {
		ew.printf("</ul>\n")
	}
	ew.printf("</section>\n</main>\n</body>\n</html>\n")
	return ew.err
}

// htmlMemoChange writes a flagged or rejected change as the diff page
// writes a change, with its decision and comments under its header.
func htmlMemoChange(ew *errWriter, evs []review.Event, it *review.Item, e *entry) {
	ew.printf("<section class=\"change %s\" id=\"%s\">\n<header>\n<h3>%s</h3>\n", e.ch.Kind, anchor(e.ch), htmlTitle(e))
	ew.printf("<ul class=\"notes review\">\n<li>change %s</li>\n", esc(it.Change.ID))
	if d := it.Decision; d != nil {
		ew.printf("<li class=\"decision %s\">Decision: %s", esc(string(d.Verdict)), esc(memoDecided(d)))
		if d.Comment != "" {
			ew.printf(": %s", esc(d.Comment))
		}
		ew.printf("</li>\n")
	}
	for _, g := range earlier(evs, it) {
		ew.printf("<li class=\"decision earlier %s\">Earlier: %s", esc(string(g.Verdict)), esc(memoDecided(g)))
		if g.Comment != "" {
			ew.printf(": %s", esc(g.Comment))
		}
		ew.printf("</li>\n")
	}
	for _, n := range it.Comments {
		ew.printf("<li class=\"comment\">Comment by %s at %s: %s</li>\n", esc(n.By), memoStamp(n.Time), esc(n.Text))
	}
	ew.printf("</ul>\n")
	htmlNotes(ew, e.ch.Notes)
	ew.printf("</header>\n")
	if e.body {
		ew.printf("<div class=\"text\">%s</div>\n", htmlRedline(e.edits))
	}
	ew.printf("</section>\n")
}

func orNone(s string) string {
	if s == "" {
		return "no anchor"
	}
	return s
}

// openItemLine is an open item of a memo in one plain line: the change,
// its clauses, kind and heading, its status and, when stale, the decision
// it had and why it no longer holds.
func openItemLine(it *review.Item, e *entry) string {
	line := fmt.Sprintf("%s %s · %s", it.Change.ID, e.tags(), it.Change.Kind)
	if e.heading != "" {
		line += " · " + e.heading
	}
	line += ": " + string(it.Status)
	if s := memoStaleNote(it); s != "" {
		line += " (" + memoDecided(it.Decision) + "; " + s + ")"
		if it.Decision.Comment != "" {
			line += ": " + it.Decision.Comment
		}
	}
	return oneLine(line)
}
