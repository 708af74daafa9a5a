package review

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/clausetrack/clausetrack/clauses"
	"github.com/clausetrack/clausetrack/diff"
)

func compare(old, new string) *diff.Comparison {
	seg := func(s string) *clauses.Document {
		return clauses.Segment(&clauses.Source{Name: "x.txt", Format: "txt", Text: []byte(s)})
	}
	return diff.Compare(seg(old), seg(new), diff.Options{})
}

const (
	v1 = `1. SUPPLY

1.1 Delivery. The Supplier shall deliver within thirty (30) days.

1.2 Price. The price is in Schedule A.

2. TERM

2.1 Duration. This Agreement lasts three years.

2.2 Audit. The Customer may audit the Supplier once a year.
`
	v2 = `1. SUPPLY

1.1 Delivery. The Supplier shall deliver within sixty (60) days.

1.2 Price. The price is in Schedule A.

2. TERM

2.1 Duration. This Agreement lasts five years.

2.3 Exclusivity. The Customer shall buy only from the Supplier.
`
)

// item returns the item of v whose anchor is anchor.
func item(t *testing.T, v *View, anchor string) Item {
	t.Helper()
	for _, it := range v.Items {
		if it.Anchor == anchor {
			return it
		}
	}
	t.Fatalf("no item anchored at %s", anchor)
	return Item{}
}

// record appends a decision or comment on the item anchored at anchor,
// as the CLI does.
func record(t *testing.T, l *Log, v *View, anchor string, e Event) {
	t.Helper()
	it := item(t, v, anchor)
	e.Time, e.Review = t0, v.Review.ID
	if e.Reviewer == "" {
		e.Reviewer = "alice"
	}
	e.Change, e.Content, e.Anchor = it.Change.ID, it.Content, it.Anchor
	mustAppend(t, l, e)
}

func view(t *testing.T, l *Log, c *diff.Comparison) *View {
	t.Helper()
	v, err := Fold(readAll(t, l)).View("r1", c)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func statuses(v *View) map[string]Status {
	out := map[string]Status{}
	for _, it := range v.Items {
		out[it.Anchor] = it.Status
	}
	return out
}

func TestView(t *testing.T) {
	l := OpenLog(t.TempDir())
	mustStart(t, l, "pass")
	c := compare(v1, v2)
	v := view(t, l, c)
	// Unchanged clauses (1., 1.2, 2.) are not review items.
	want := map[string]Status{"old:1.1": Open, "old:2.1": Open, "old:2.2": Open, "new:2.3": Open}
	if d := cmp.Diff(want, statuses(v)); d != "" {
		t.Fatalf("statuses (-want +got):\n%s", d)
	}

	record(t, l, v, "old:1.1", Event{Kind: Decision, Verdict: Accept, Text: "fine"})
	record(t, l, v, "old:2.1", Event{Kind: Decision, Verdict: Flag})
	record(t, l, v, "old:2.1", Event{Kind: Decision, Verdict: Reject, Reviewer: "bob"}) // the latest counts
	record(t, l, v, "new:2.3", Event{Kind: Decision, Verdict: Flag})
	record(t, l, v, "new:2.3", Event{Kind: Decision, Verdict: Reopen})
	record(t, l, v, "old:2.2", Event{Kind: Comment, Text: "why was audit dropped?"})

	v = view(t, l, c)
	want = map[string]Status{"old:1.1": Accepted, "old:2.1": Rejected, "old:2.2": Open, "new:2.3": Open}
	if d := cmp.Diff(want, statuses(v)); d != "" {
		t.Errorf("statuses (-want +got):\n%s", d)
	}
	if d := item(t, v, "old:2.1").Decision; d.By != "bob" || d.Verdict != Reject {
		t.Errorf("2.1 decision %+v, want bob's reject", d)
	}
	if cs := item(t, v, "old:2.2").Comments; len(cs) != 1 || cs[0].By != "alice" {
		t.Errorf("2.2 comments %+v", cs)
	}
	wantP := Progress{Total: 4, Decided: 2, Open: 2, Accepted: 1, Rejected: 1}
	if d := cmp.Diff(wantP, v.Progress); d != "" {
		t.Errorf("progress (-want +got):\n%s", d)
	}

	// The same texts compared again: the same ids, the same decisions.
	if d := cmp.Diff(want, statuses(view(t, l, compare(v1, v2)))); d != "" {
		t.Errorf("recomputed (-want +got):\n%s", d)
	}

	// v2 replaced: 1.1 changed again (a new change id, its accept is
	// stale), 2.1 unchanged (keeps its reject), and 2.3 gone in favour of
	// 2.4 (its events are listed as gone, not applied to anything).
	v2b := strings.Replace(v2, "sixty (60)", "ninety (90)", 1)
	v2b = strings.Replace(v2b, "2.3 Exclusivity. The Customer shall buy only from the Supplier.", "2.4 Notices. Notices are in writing.", 1)
	v = view(t, l, compare(v1, v2b))
	want = map[string]Status{"old:1.1": Stale, "old:2.1": Rejected, "old:2.2": Open, "new:2.4": Open}
	if d := cmp.Diff(want, statuses(v)); d != "" {
		t.Errorf("after replace (-want +got):\n%s", d)
	}
	it := item(t, v, "old:1.1")
	if it.Decision == nil || it.Decision.Verdict != Accept || it.Decision.Change == it.Change.ID || it.Decision.Content == it.Content {
		t.Errorf("stale 1.1: %+v; want the accept made on the earlier change", it.Decision)
	}
	if len(v.Gone) != 1 || v.Gone[0].Anchor != "new:2.3" || v.Gone[0].Decision.Verdict != Reopen {
		t.Errorf("gone = %+v, want 2.3 with its reopen", v.Gone)
	}
	if v.Progress.Stale != 1 || v.Progress.Decided != 1 {
		t.Errorf("progress %+v", v.Progress)
	}

	// Deciding the new change settles it.
	record(t, l, v, "old:1.1", Event{Kind: Decision, Verdict: Accept, Text: "90 days is fine too"})
	if s := statuses(view(t, l, compare(v1, v2b)))["old:1.1"]; s != Accepted {
		t.Errorf("1.1 after deciding again: %s", s)
	}
}

// TestStaleContent: a decision on a change id whose content hash is no
// longer the change's is stale (the id scheme and the hash can disagree
// when the diff's idea of a clause's text and the own text differ).
func TestStaleContent(t *testing.T) {
	l := OpenLog(t.TempDir())
	mustStart(t, l, "")
	c := compare(v1, v2)
	it := item(t, view(t, l, c), "old:1.1")
	mustAppend(t, l, Event{Time: t0, Reviewer: "a", Review: "r1", Kind: Decision, Verdict: Accept,
		Change: it.Change.ID, Content: "000000000000", Anchor: it.Anchor})
	if s := statuses(view(t, l, c))["old:1.1"]; s != Stale {
		t.Errorf("status %s, want stale", s)
	}
}

func TestContentHash(t *testing.T) {
	a, b := compare(v1, v2), compare(v1, v2)
	for k := range a.Changes {
		if ContentHash(a, a.Changes[k]) != ContentHash(b, b.Changes[k]) {
			t.Errorf("change %s: hash differs between two computations", a.Changes[k].ID)
		}
	}
	seen := map[string]string{}
	for _, ch := range a.Changes {
		h := ContentHash(a, ch)
		if len(h) != 12 {
			t.Errorf("hash %q is not 12 hex digits", h)
		}
		if prev, dup := seen[h]; dup {
			t.Errorf("changes %s and %s share hash %s", prev, ch.ID, h)
		}
		seen[h] = ch.ID
	}
}

func TestFind(t *testing.T) {
	l := OpenLog(t.TempDir())
	mustStart(t, l, "")
	v := view(t, l, compare(v1, v2))
	id := v.Items[0].Change.ID
	for _, key := range []string{id, id[:4], id[:8]} {
		if it, err := v.Find(key); err != nil || it.Change.ID != id {
			t.Errorf("Find(%q) = %v, %v", key, it, err)
		}
	}
	for _, key := range []string{"zzzz", id[:3], ""} {
		if _, err := v.Find(key); err == nil || !strings.Contains(err.Error(), "in review r1") {
			t.Errorf("Find(%q): %v, want not found in review r1", key, err)
		}
	}
	// An unchanged clause's change is no review item.
	for _, ch := range v.Items {
		if ch.Change.Kind == diff.Unchanged {
			t.Errorf("unchanged change %s is an item", ch.Change.ID)
		}
	}
}

// TestJSONContracts checks the shape of the three contracts: the schema
// and the top-level keys, in order.
func TestJSONContracts(t *testing.T) {
	l := OpenLog(t.TempDir())
	mustStart(t, l, "pass")
	v := view(t, l, compare(v1, v2))
	record(t, l, v, "old:1.1", Event{Kind: Decision, Verdict: Flag, Text: "why?"})
	v = view(t, l, compare(v1, v2))
	for _, c := range []struct {
		schema string
		keys   []string
		write  func(*bytes.Buffer) error
	}{
		{ListSchema, []string{"schema", "reviews"}, func(b *bytes.Buffer) error { return WriteListJSON(b, []*View{v}) }},
		{ShowSchema, []string{"schema", "id", "name", "old", "new", "started", "by", "progress", "filter", "changes", "gone"},
			func(b *bytes.Buffer) error { return WriteShowJSON(b, v, "") }},
		{LogSchema, []string{"schema", "review", "events"}, func(b *bytes.Buffer) error {
			return WriteLogJSON(b, "r1", Fold(readAll(t, l)).Events("r1"))
		}},
	} {
		var b bytes.Buffer
		if err := c.write(&b); err != nil {
			t.Fatal(err)
		}
		dec := json.NewDecoder(&b)
		var keys []string
		dec.Token()
		for dec.More() {
			k, _ := dec.Token()
			keys = append(keys, k.(string))
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				t.Fatal(err)
			}
			if k == "schema" && string(skip) != `"`+c.schema+`"` {
				t.Errorf("schema %s, want %s", skip, c.schema)
			}
		}
		if d := cmp.Diff(c.keys, keys); d != "" {
			t.Errorf("%s keys (-want +got):\n%s", c.schema, d)
		}
	}
}
