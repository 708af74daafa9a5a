package report_test

import (
	"bytes"
	"encoding/json"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"

	"github.com/clausetrack/clausetrack/clauses"
	"github.com/clausetrack/clausetrack/diff"
	"github.com/clausetrack/clausetrack/report"
	"github.com/clausetrack/clausetrack/review"
	"github.com/clausetrack/clausetrack/rights"
)

const (
	memoOld = `DISTRIBUTION AGREEMENT

This Distribution Agreement is made between Saltmarsh Audio Oy (the
"Supplier") and Kestrel Sound Ltd (the "Distributor").

1. APPOINTMENT

1.1 The Supplier appoints the Distributor as its exclusive distributor of
the Products in Ireland.

1.2 The Distributor shall report its sales to the Supplier every quarter.

2. PURCHASES

2.1 The Distributor shall purchase Products with a total value of not less
than €400,000 in each contract year.

3. GENERAL

3.1 This Agreement is governed by the laws of Ireland.
`
	memoNew = `DISTRIBUTION AGREEMENT

This Distribution Agreement is made between Saltmarsh Audio Oy (the
"Supplier") and Kestrel Sound Ltd (the "Distributor").

1. APPOINTMENT

1.1 The Supplier appoints the Distributor as a non-exclusive distributor of
the Products in Ireland.

1.2 The Distributor shall report its sales to the Supplier every month <script>alert(1)</script>.

2. PURCHASES

2.1 The Distributor shall purchase Products with a total value of not less
than €500,000 in each contract year.

3. GENERAL

3.1 This Agreement is governed by the laws of Ireland.
`
)

// memoFixture builds a memo of memoOld → memoNew: 1.1 flagged by bob with
// a comment and commented on by alice, 2.1 rejected after an accept, 1.2
// open, and carol's flag on a change no longer in the comparison (as
// after a version is replaced).
func memoFixture(t *testing.T) *report.Memo {
	t.Helper()
	a, b := segmentText("old.txt", memoOld), segmentText("new.txt", memoNew)
	c := diff.Compare(a, b, diff.Options{})
	ids := map[string]string{}
	for _, ch := range c.Changes {
		if ch.Kind != diff.Unchanged {
			ids[review.Anchor(ch)] = ch.ID
		}
	}
	for _, anchor := range []string{"old:1.1", "old:1.2", "old:2.1"} {
		if ids[anchor] == "" {
			t.Fatalf("no change anchored at %s: %v", anchor, ids)
		}
	}
	at := func(min int) time.Time { return time.Date(2026, 11, 26, 10, min, 0, 0, time.UTC) }
	ev := func(id string, min int, who, kind, anchor, verdict, text string) review.Event {
		return review.Event{ID: id, Time: at(min), Reviewer: who, Review: "r1", Kind: review.Kind(kind),
			Change: ids[anchor], Anchor: anchor, Verdict: review.Verdict(verdict), Text: text}
	}
	evs := []review.Event{
		{ID: "e-1", Time: at(0), Reviewer: "alice", Review: "r1", Kind: review.Start, Old: "deal@2023", New: "deal@2025", Name: "first pass"},
		ev("e-2", 1, "bob", "decision", "old:1.1", "flag", "exclusivity is gone: <script>alert(2)</script>"),
		ev("e-3", 2, "alice", "comment", "old:1.1", "", "the client buys from two suppliers"),
		ev("e-4", 3, "alice", "decision", "old:2.1", "accept", "fine at first sight"),
		ev("e-5", 4, "alice", "decision", "old:2.1", "reject", "minimum rise not agreed"),
		{ID: "e-6", Time: at(5), Reviewer: "carol", Review: "r1", Kind: review.Decision, Change: "0123456789ab",
			Anchor: "old:9.9", Verdict: review.Flag, Text: "clause 9.9 was dropped"},
	}
	st := review.Fold(evs)
	v, err := st.View("r1", c)
	if err != nil {
		t.Fatal(err)
	}
	ver := func(label string, d *clauses.Document) rights.Version {
		return rights.Version{Label: label, Doc: d, Lineage: map[string]string{}, Classes: rights.Classify(d)}
	}
	l := rights.Build("deal", []rights.Version{ver("2023", a), ver("2025", b)})
	return &report.Memo{Agreement: "deal", Old: "2023", New: "2025", View: v, Events: st.Events("r1"), Ledger: l}
}

func renderMemo(t *testing.T, m *report.Memo, render func(io.Writer, *report.Memo) error) string {
	t.Helper()
	var b bytes.Buffer
	if err := render(&b, m); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestMemoSections checks that each human format has the memo's parts
// in order, names the flagged change with its decision's comment and the
// other comment, and says in the rights section what was given up.
func TestMemoSections(t *testing.T) {
	m := memoFixture(t)
	for _, c := range []struct {
		name   string
		render func(io.Writer, *report.Memo) error
		want   []string // in this order
	}{
		{"md", report.MemoMarkdown, []string{
			"# Review memo: deal, 2023 → 2025",
			"Review r1 “first pass”, started 2026-11-26T10:00:00Z by alice",
			"Reviewed by alice (4 events), bob (1 event), carol (1 event); last event 2026-11-26T10:05:00Z",
			"## Rights", "Distributor gave up exclusivity", "| given up | 1.1 |", "kept.",
			"## Flagged changes", "### 1.1 · modified",
			`Decision: flag by bob at 2026-11-26T10:01:00Z: exclusivity is gone: \<script\>alert(2)\</script\>`,
			"Comment by alice at 2026-11-26T10:02:00Z: the client buys from two suppliers",
			"~~its~~",
			"## Rejected changes", "### 2.1 · modified",
			"Decision: reject by alice at 2026-11-26T10:04:00Z: minimum rise not agreed",
			"Earlier: accept by alice at 2026-11-26T10:03:00Z: fine at first sight",
			"## Decisions", "| change | clauses | kind | status | by | verdict | time |",
			"| flagged | bob | flag | 2026-11-26T10:01:00Z |",
			"## Open items", "1.2 · modified", ": open",
			"0123456789ab (old:9.9): no longer in the comparison; flag by carol at 2026-11-26T10:05:00Z: clause 9.9 was dropped",
		}},
		{"html", report.MemoHTML, []string{
			"<!DOCTYPE html>", "<title>Review memo: deal, 2023 → 2025</title>",
			"Reviewed by alice (4 events), bob (1 event), carol (1 event); last event 2026-11-26T10:05:00Z",
			"<h2>Rights</h2>", "Distributor gave up exclusivity", `<td class="status given_up">given up</td><td>1.1</td>`,
			"<h2>Flagged changes</h2>",
			"Decision: flag by bob at 2026-11-26T10:01:00Z: exclusivity is gone: &lt;script&gt;alert(2)&lt;/script&gt;",
			"Comment by alice at 2026-11-26T10:02:00Z: the client buys from two suppliers",
			"<del>its </del>",
			"<h2>Rejected changes</h2>", "Decision: reject by alice",
			"<h2>Decisions</h2>", "<h2>Open items</h2>",
			"no longer in the comparison; flag by carol",
			"</html>\n",
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := renderMemo(t, m, c.render)
			rest := got
			for _, w := range c.want {
				k := strings.Index(rest, w)
				if k < 0 {
					t.Fatalf("%s memo lacks %q after what came before:\n%s", c.name, w, got)
				}
				rest = rest[k+len(w):]
			}
		})
	}
}

// TestMemoJSONContract checks the clausetrack.memo/v1 keys and what the
// acceptance needs from them.
func TestMemoJSONContract(t *testing.T) {
	m := memoFixture(t)
	raw := renderMemo(t, m, report.MemoJSON)
	dec := json.NewDecoder(strings.NewReader(raw))
	var keys []string
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		t.Fatalf("not an object: %v", err)
	}
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, k.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			t.Fatal(err)
		}
	}
	want := []string{"schema", "agreement", "old", "new", "review", "reviewers", "last_event", "rights", "summary",
		"flagged", "rejected", "changes", "open", "gone"}
	if d := cmp.Diff(want, keys); d != "" {
		t.Errorf("keys (-want +got):\n%s", d)
	}
	var d report.MemoDoc
	if err := json.Unmarshal([]byte(raw), &d); err != nil {
		t.Fatal(err)
	}
	if d.Schema != report.MemoSchema || d.Review.ID != "r1" || d.Review.Name != "first pass" {
		t.Errorf("head: %s %+v", d.Schema, d.Review)
	}
	if diff := cmp.Diff([]report.MemoReviewer{{"alice", 4}, {"bob", 1}, {"carol", 1}}, d.Reviewers); diff != "" {
		t.Errorf("reviewers (-want +got):\n%s", diff)
	}
	if len(d.Flagged) != 1 || d.Flagged[0].Old.Number != "1.1" || d.Flagged[0].Decision.Comment != "exclusivity is gone: <script>alert(2)</script>" ||
		len(d.Flagged[0].Comments) != 1 || len(d.Flagged[0].Redline) == 0 {
		t.Errorf("flagged: %+v", d.Flagged)
	}
	if len(d.Rejected) != 1 || d.Rejected[0].Decision.Verdict != "reject" || len(d.Rejected[0].Earlier) != 1 {
		t.Errorf("rejected: %+v", d.Rejected)
	}
	if len(d.Changes) != len(m.View.Items) {
		t.Errorf("%d changes, want %d", len(d.Changes), len(m.View.Items))
	}
	var givenUp bool
	for _, r := range d.Rights {
		for _, tr := range r.Transitions {
			givenUp = givenUp || (r.Category == "exclusivity" && tr.Status == "given_up")
		}
	}
	if !givenUp {
		t.Errorf("no exclusivity given up in %+v", d.Rights)
	}
	var open []string
	for _, it := range m.View.Items {
		if it.Status == review.Open || it.Status == review.Stale {
			open = append(open, it.Change.ID)
		}
	}
	if diff := cmp.Diff(open, d.Open); diff != "" || len(open) == 0 {
		t.Errorf("open (-want +got):\n%s", diff)
	}
	if len(d.Gone) != 1 || d.Gone[0].Change != "0123456789ab" {
		t.Errorf("gone: %+v", d.Gone)
	}
}

// TestMemoDeterministic renders every format twice from two fixtures
// built apart: the same bytes.
func TestMemoDeterministic(t *testing.T) {
	for name, render := range map[string]func(io.Writer, *report.Memo) error{
		"md": report.MemoMarkdown, "html": report.MemoHTML, "json": report.MemoJSON,
	} {
		a, b := renderMemo(t, memoFixture(t), render), renderMemo(t, memoFixture(t), render)
		if a != b {
			t.Errorf("%s: two renders differ", name)
		}
	}
}

// TestMemoEscapes checks that markup in a clause and in a comment stays
// text in the HTML page and in the rendered Markdown.
func TestMemoEscapes(t *testing.T) {
	m := memoFixture(t)
	// make 1.2 flagged too, so its redline (with <script>) is shown
	for k := range m.View.Items {
		if m.View.Items[k].Anchor == "old:1.2" {
			m.View.Items[k].Status = review.Flagged
		}
	}
	page := renderMemo(t, m, report.MemoHTML)
	checkNoMarkup(t, "memo HTML", page)
	if !strings.Contains(page, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Errorf("memo HTML lacks the escaped clause markup")
	}
	var out bytes.Buffer
	if err := goldmark.New(goldmark.WithExtensions(extension.GFM)).Convert([]byte(renderMemo(t, m, report.MemoMarkdown)), &out); err != nil {
		t.Fatal(err)
	}
	checkNoMarkup(t, "memo Markdown", out.String())
	for _, want := range []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;script&gt;alert(2)&lt;/script&gt;", "<del>its</del>"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("rendered memo Markdown lacks %s", want)
		}
	}
}
