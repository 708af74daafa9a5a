package review

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/clausetrack/clausetrack/clauses"
	"github.com/clausetrack/clausetrack/diff"
)

// ErrNotFound means a review, or a change of a review, does not exist.
var ErrNotFound = errors.New("not found")

// Review is one review as its start event recorded it.
type Review struct {
	ID   string
	Name string
	// Old and New are the versions compared, AGREEMENT@LABEL.
	Old, New string
	Started  time.Time
	By       string
}

// Given is a verdict given on a change, with who gave it, when, and on
// what content.
type Given struct {
	Verdict Verdict
	By      string
	Time    time.Time
	Comment string
	// Change and Content are the change id and content hash the
	// decision was made on; Event is the decision's event id.
	Change, Content, Event string
}

// Note is a comment on a change.
type Note struct {
	By     string
	Time   time.Time
	Text   string
	Change string // the change id it was made on
}

// State is a log folded: the reviews, and for each the latest decision
// on each change and every comment, in log order.
type State struct {
	Reviews []Review
	byID    map[string]int
	events  map[string][]Event // by review, in log order
}

// Fold builds the state from the events of a log, in order. Events of a
// review with no start event are kept for its log but belong to no
// review.
func Fold(evs []Event) *State {
	s := &State{byID: map[string]int{}, events: map[string][]Event{}}
	for _, e := range evs {
		if e.Kind == Start {
			if _, dup := s.byID[e.Review]; dup {
				continue
			}
			s.byID[e.Review] = len(s.Reviews)
			s.Reviews = append(s.Reviews, Review{ID: e.Review, Name: e.Name, Old: e.Old, New: e.New, Started: e.Time, By: e.Reviewer})
		}
		s.events[e.Review] = append(s.events[e.Review], e)
	}
	return s
}

// Review returns the review with the given id, or else the one review
// with that name; an error wrapping ErrNotFound names the reviews there
// are.
func (s *State) Review(key string) (Review, error) {
	if k, ok := s.byID[key]; ok {
		return s.Reviews[k], nil
	}
	var found []Review
	for _, r := range s.Reviews {
		if r.Name == key {
			found = append(found, r)
		}
	}
	if len(found) == 1 {
		return found[0], nil
	}
	ids := make([]string, 0, len(s.Reviews))
	for _, r := range s.Reviews {
		ids = append(ids, r.ID)
	}
	if len(found) > 1 {
		return Review{}, fmt.Errorf("%d reviews are named %q: name one by its id", len(found), key)
	}
	if len(ids) == 0 {
		return Review{}, fmt.Errorf("review %s %w (there are no reviews)", key, ErrNotFound)
	}
	return Review{}, fmt.Errorf("review %s %w (reviews: %s)", key, ErrNotFound, strings.Join(ids, ", "))
}

// Events returns the events of a review in log order: the audit trail.
func (s *State) Events(review string) []Event { return s.events[review] }

// Status is where a change of a review stands.
type Status string

// Statuses. Stale means the latest decision was made on content the
// change no longer has.
const (
	Open     Status = "open"
	Accepted Status = "accepted"
	Rejected Status = "rejected"
	Flagged  Status = "flagged"
	Stale    Status = "stale"
)

// Statuses lists every status, in the order progress counts them.
var Statuses = []Status{Open, Accepted, Rejected, Flagged, Stale}

var verdictStatus = map[Verdict]Status{Accept: Accepted, Reject: Rejected, Flag: Flagged, Reopen: Open}

// Item is one change of a review as it stands now.
type Item struct {
	Change diff.Change
	// Content is the change's content hash now; Anchor its anchor.
	Content, Anchor string
	Status          Status
	// Decision is the latest decision, nil when there is none. For a
	// stale item it is the decision made on the earlier content.
	Decision *Given
	// Comments are the comments on this change and on earlier contents
	// of it (same anchor), in log order.
	Comments []Note
}

// Gone is a change with decisions or comments that is no longer in the
// comparison and that no current change takes over.
type Gone struct {
	Change, Anchor string
	Decision       *Given
	Comments       []Note
}

// Progress counts the items of a review by status. Decided counts those
// accepted, rejected or flagged.
type Progress struct {
	Total, Decided                           int
	Open, Accepted, Rejected, Flagged, Stale int
}

// View is a review with its comparison recomputed: one item for every
// change that is not "unchanged", in comparison order.
type View struct {
	Review   Review
	Items    []Item
	Gone     []Gone
	Progress Progress
}

// View recomputes where each change of review id stands, given the
// comparison of its two versions now. A change whose latest decision was
// made on other content, or whose own id has no decision but whose
// anchor had one under another id, is Stale.
func (s *State) View(id string, cmp *diff.Comparison) (*View, error) {
	r, err := s.Review(id)
	if err != nil {
		return nil, err
	}
	evs := s.events[r.ID]
	v := &View{Review: r}
	current := map[string]bool{}
	anchors := map[string]bool{}
	for _, ch := range cmp.Changes {
		if ch.Kind == diff.Unchanged {
			continue
		}
		it := Item{Change: ch, Content: ContentHash(cmp, ch), Anchor: Anchor(ch), Status: Open}
		current[ch.ID], anchors[it.Anchor] = true, true
		var own, other *Given
		for _, e := range evs {
			mine := e.Change == ch.ID
			if !mine && (e.Anchor == "" || e.Anchor != it.Anchor) {
				continue
			}
			switch e.Kind {
			case Decision:
				g := given(e)
				if mine {
					own = g
				} else {
					other = g
				}
			case Comment:
				it.Comments = append(it.Comments, Note{By: e.Reviewer, Time: e.Time, Text: e.Text, Change: e.Change})
			}
		}
		switch {
		case own != nil:
			it.Decision, it.Status = own, verdictStatus[own.Verdict]
			if own.Content != "" && own.Content != it.Content && own.Verdict != Reopen {
				it.Status = Stale
			}
		case other != nil:
			it.Decision = other
			if other.Verdict != Reopen {
				it.Status = Stale
			}
		}
		v.Items = append(v.Items, it)
		v.Progress.add(it.Status)
	}
	v.Gone = gone(evs, current, anchors)
	return v, nil
}

func given(e Event) *Given {
	return &Given{Verdict: e.Verdict, By: e.Reviewer, Time: e.Time, Comment: e.Text,
		Change: e.Change, Content: e.Content, Event: e.ID}
}

// gone collects the changes with events that neither a current change
// nor a current anchor accounts for, in order of their first event.
func gone(evs []Event, current, anchors map[string]bool) []Gone {
	var out []Gone
	at := map[string]int{}
	for _, e := range evs {
		if e.Kind == Start || current[e.Change] || (e.Anchor != "" && anchors[e.Anchor]) {
			continue
		}
		k, ok := at[e.Change]
		if !ok {
			k = len(out)
			at[e.Change] = k
			out = append(out, Gone{Change: e.Change, Anchor: e.Anchor})
		}
		if e.Kind == Decision {
			out[k].Decision = given(e)
		} else {
			out[k].Comments = append(out[k].Comments, Note{By: e.Reviewer, Time: e.Time, Text: e.Text, Change: e.Change})
		}
	}
	return out
}

func (p *Progress) add(s Status) {
	p.Total++
	switch s {
	case Open:
		p.Open++
	case Accepted:
		p.Accepted++
	case Rejected:
		p.Rejected++
	case Flagged:
		p.Flagged++
	case Stale:
		p.Stale++
	}
	p.Decided = p.Accepted + p.Rejected + p.Flagged
}

// Find returns the item whose change id is key, or the one item whose id
// starts with key (4 characters at least). The error wraps ErrNotFound.
func (v *View) Find(key string) (*Item, error) {
	var found *Item
	for k := range v.Items {
		id := v.Items[k].Change.ID
		if id == key {
			return &v.Items[k], nil
		}
		if len(key) >= 4 && strings.HasPrefix(id, key) {
			if found != nil {
				return nil, fmt.Errorf("change %s of review %s is ambiguous: give more of its id", key, v.Review.ID)
			}
			found = &v.Items[k]
		}
	}
	if found == nil {
		return nil, fmt.Errorf("change %s %w in review %s", key, ErrNotFound, v.Review.ID)
	}
	return found, nil
}

// ContentHash is the first 12 hex digits of a SHA-256 over a change's
// kind and the own texts of its clauses (old, new, then parts). Two
// computations of the same change on the same texts agree; when either
// text changes the hash does.
func ContentHash(cmp *diff.Comparison, ch diff.Change) string {
	h := sha256.New()
	h.Write([]byte(ch.Kind))
	own := func(tag string, doc *clauses.Document, c *clauses.Clause) {
		h.Write([]byte{0})
		h.Write([]byte(tag))
		if c != nil && doc != nil {
			h.Write(doc.Text[c.Body.Start:c.Body.End])
		}
	}
	own("old:", cmp.Old, ch.Old)
	own("new:", cmp.New, ch.New)
	for _, p := range ch.Parts {
		if ch.Kind == diff.Split {
			own("part:", cmp.New, p)
		} else {
			own("part:", cmp.Old, p)
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}

// Anchor names the clause a change starts from: "old:" and the old
// clause's id, or "new:" and the new clause's id for a change with no
// old clause (added, merged). Every clause is in exactly one change of a
// comparison, so the anchor is unique in it; it survives an edit to the
// clause's text, which gives the change a new id.
func Anchor(ch diff.Change) string {
	if ch.Old != nil {
		return "old:" + ch.Old.ID
	}
	if ch.New != nil {
		return "new:" + ch.New.ID
	}
	return ""
}
