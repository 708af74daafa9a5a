package report

import (
	"io"
	"strconv"
	"strings"

	"github.com/clausetrack/clausetrack/clauses"
	"github.com/clausetrack/clausetrack/diff"
)

// HistorySchema names the JSON contract of a clause history.
const HistorySchema = "clausetrack.history/v1"

// History is one clause followed through the versions of an agreement,
// and its JSON form. Steps run in version order, from the version where
// the clause first appeared to the last version or the one that removed
// it.
type History struct {
	Schema    string `json:"schema"`
	Agreement string `json:"agreement"`
	// Lineage is the lineage id of the clause asked about: the version
	// label and clause id where it first appeared ("2019/4.1").
	Lineage string        `json:"lineage"`
	Steps   []HistoryStep `json:"steps"`
}

// HistoryStep is one clause of the history in one version. A version
// where the clause was split has a step per part, in text order. A
// version that removed it has one step per removed clause, with kind
// "removed" and Clause, Number, Heading and Text empty.
type HistoryStep struct {
	// Version is the version's label; Date its effective date, "" when
	// it has none.
	Version string `json:"version"`
	Date    string `json:"date"`
	Clause  string `json:"clause"`
	Number  string `json:"number"`
	Heading string `json:"heading"`
	// Kind is how the clause changed from the version before, as the
	// lineage records it: a diff change kind, "original" in the
	// agreement's first version.
	Kind string `json:"kind"`
	// Text is the clause's own text, as in the segment contract.
	Text string `json:"text"`
	// Edits is the redline from the version before. The equal and insert
	// texts rebuild Text; the first step is one insert of the whole text,
	// a removed step deletes the text of the clause removed. A split part
	// gets the part of the split's redline that builds its own text; a
	// merged clause the whole merge's, whose old side is the merged
	// clauses' texts joined by "\n".
	Edits []DiffEdit `json:"edits"`
	// Notes are the notes of the change that holds the clause; the first
	// step has none.
	Notes []DiffNote `json:"notes"`
}

// HistoryVersion is one version of an agreement as NewHistory reads it.
type HistoryVersion struct {
	Label, Date string
	Doc         *clauses.Document
	// Lineage and Kinds map the clause ids of Doc to their lineage ids
	// and to how they changed from the version before, as the stored
	// lineage records them.
	Lineage, Kinds map[string]string
	// Changes aligns the version before with this one. Every version
	// after the first one with the lineage must have it; it is not read
	// before.
	Changes *diff.Comparison
}

// NewHistory follows the clause that starts a lineage through versions
// given oldest first. It starts at the first version with a clause of
// that lineage and then follows the changes of each comparison: a clause
// is in the history when its change holds a clause of the history in
// the version before. So the parts of a split are all followed, and a
// clause merged into another is followed into the merged clause, whose
// lineage is that of the first clause merged. The history ends with the
// version that removes the last of its clauses; a lineage never comes
// back, since a clause added again starts a lineage of its own.
func NewHistory(agreement, lineage string, vs []HistoryVersion) *History {
	h := &History{Schema: HistorySchema, Agreement: agreement, Lineage: lineage, Steps: []HistoryStep{}}
	var cur map[string]bool // the history's clause ids in the version before
	for _, v := range vs {
		if cur == nil {
			for _, c := range v.Doc.Clauses() {
				if v.Lineage[c.ID] != lineage {
					continue
				}
				s := newStep(v, c, "")
				if s.Text != "" {
					s.Edits = append(s.Edits, DiffEdit{Op: string(diff.Insert), Text: s.Text})
				}
				h.Steps = append(h.Steps, s)
				if cur == nil {
					cur = map[string]bool{}
				}
				cur[c.ID] = true
			}
			continue
		}
		next := map[string]bool{}
		for k := range v.Changes.Changes {
			ch := &v.Changes.Changes[k]
			if !holds(oldSide(ch), cur) {
				continue
			}
			if ch.Kind == diff.Removed {
				h.Steps = append(h.Steps, HistoryStep{Version: v.Label, Date: v.Date, Kind: string(diff.Removed),
					Edits: diffEdits(ch.Edits), Notes: diffNotes(ch.Notes)})
				continue
			}
			parts := newSide(ch)
			for p, c := range parts {
				s := newStep(v, c, ch.Kind)
				s.Edits = diffEdits(ch.Edits)
				if ch.Kind == diff.Split {
					s.Edits = diffEdits(partEdits(ch.Edits, v.Doc, parts, p))
				}
				s.Notes = diffNotes(ch.Notes)
				h.Steps = append(h.Steps, s)
				next[c.ID] = true
			}
		}
		if len(next) == 0 {
			break
		}
		cur = next
	}
	return h
}

// newStep is the step of clause c in version v, with its kind from the
// lineage, or else the change's kind.
func newStep(v HistoryVersion, c *clauses.Clause, kind diff.Kind) HistoryStep {
	k := v.Kinds[c.ID]
	if k == "" {
		k = string(kind)
	}
	return HistoryStep{Version: v.Label, Date: v.Date, Clause: c.ID, Number: c.Number, Heading: c.Heading,
		Kind: k, Text: ownText(v.Doc, c), Edits: []DiffEdit{}, Notes: []DiffNote{}}
}

func ownText(doc *clauses.Document, c *clauses.Clause) string {
	return string(doc.Text[c.Body.Start:c.Body.End])
}

// oldSide and newSide are the clauses of a change on each side: the
// parts of a merge are its old side, the parts of a split its new side.
func oldSide(ch *diff.Change) []*clauses.Clause {
	if ch.Kind == diff.Merged {
		return ch.Parts
	}
	return []*clauses.Clause{ch.Old}
}

func newSide(ch *diff.Change) []*clauses.Clause {
	switch {
	case ch.Kind == diff.Split:
		return ch.Parts
	case ch.New == nil:
		return nil
	}
	return []*clauses.Clause{ch.New}
}

func holds(side []*clauses.Clause, ids map[string]bool) bool {
	for _, c := range side {
		if c != nil && ids[c.ID] {
			return true
		}
	}
	return false
}

// partEdits cuts a split's redline down to part p. The new side of the
// redline is the parts' own texts joined by "\n", so part p is a byte
// range of it: equal and insert runs are clipped to that range, and a
// delete goes to the part it stands in, or at the "\n" after a part to
// that part. The equal and insert texts of the result are part p's text.
func partEdits(edits []diff.Edit, doc *clauses.Document, parts []*clauses.Clause, p int) []diff.Edit {
	start := 0
	for _, c := range parts[:p] {
		start += c.Body.Len() + 1
	}
	end := start + parts[p].Body.Len()
	last := p == len(parts)-1
	var out []diff.Edit
	pos := 0 // where the edit stands in the new side
	for _, e := range edits {
		if e.Op == diff.Delete {
			if pos >= start && (last || pos <= end) {
				out = append(out, e)
			}
			continue
		}
		if lo, hi := max(pos, start), min(pos+len(e.Text), end); lo < hi {
			out = append(out, diff.Edit{Op: e.Op, Text: e.Text[lo-pos : hi-pos], Ignored: e.Ignored})
		}
		pos += len(e.Text)
	}
	return out
}

// HistoryOptions choose what the human views of a history show.
type HistoryOptions struct {
	// Strict shows noise edits, as DiffOptions.Strict does.
	Strict bool
	// Color marks the terminal text with ANSI escapes; only HistoryText
	// uses it.
	Color bool
}

// view is one step as the human views show it.
type view struct {
	s *HistoryStep
	// when is the version with its date, "2019 (2019-07-22)", or its
	// label alone when it has no date or its date is its label.
	when string
	// name is the clause's number (its id when unnumbered) and heading,
	// empty for a removed step.
	name string
	// edits is the redline shown, noise handled per the options.
	edits []diff.Edit
	notes []diff.Note
	// plain says the text is all new or all gone, shown unmarked;
	// same that the redline shows no edit.
	plain, same bool
}

func views(h *History, opt HistoryOptions) []view {
	out := make([]view, len(h.Steps))
	for i := range h.Steps {
		s := &h.Steps[i]
		v := view{s: s, when: s.Version, name: s.Number}
		if s.Date != "" && s.Date != s.Version {
			v.when += " (" + s.Date + ")"
		}
		if v.name == "" {
			v.name = s.Clause
		}
		if s.Heading != "" {
			v.name = strings.TrimSpace(v.name + " " + s.Heading)
		}
		edits := make([]diff.Edit, len(s.Edits))
		for k, e := range s.Edits {
			edits[k] = diff.Edit{Op: diff.Op(e.Op), Text: e.Text, Ignored: e.Ignored}
		}
		v.edits = shownEdits(edits, opt.Strict)
		for _, n := range s.Notes {
			v.notes = append(v.notes, diff.Note(n))
		}
		switch diff.Kind(s.Kind) {
		case diff.Original, diff.Added, diff.Removed:
			v.plain = true
		}
		v.same = !v.plain && !hasEdit(v.edits)
		out[i] = v
	}
	return out
}

// title is the step's header: "2023 (2023-01-23): 4.2 Fees — renumbered".
func (v *view) title() string {
	if v.name == "" {
		return v.when + ": " + v.s.Kind
	}
	return v.when + ": " + v.name + " — " + v.s.Kind
}

func hasEdit(edits []diff.Edit) bool {
	for _, e := range edits {
		if e.Op != diff.Equal {
			return true
		}
	}
	return false
}

// HistoryText writes a history for the terminal: a line naming the
// agreement and the lineage, then per step a header line, its notes and
// its redline indented by four spaces, marked as DiffText marks it. The
// first step shows its text unmarked, and so does a removed step; an
// unchanged step shows its header only, and a step whose redline shows
// no edit says "text unchanged".
func HistoryText(w io.Writer, h *History, opt HistoryOptions) error {
	ew := &errWriter{w: w}
	ew.printf("%s, lineage %s\n", termSafe(h.Agreement), termSafe(h.Lineage))
	for _, v := range views(h, opt) {
		head := termSafe(v.title())
		if opt.Color {
			style := ansiBold
			switch diff.Kind(v.s.Kind) {
			case diff.Added:
				style = ansiAdded
			case diff.Removed:
				style = ansiRemoved
			}
			head = style + head + ansiReset
		}
		ew.printf("\n%s\n", head)
		for _, n := range v.notes {
			ew.printf("  note: %s\n", termSafe(n.Text))
		}
		switch {
		case v.s.Kind == string(diff.Unchanged):
		case v.same:
			ew.printf("    text unchanged\n")
		default:
			textBody(ew, v.edits, v.plain, opt.Color)
		}
	}
	return ew.err
}

// HistoryMarkdown writes a history as Markdown: a title, then a "##"
// heading per step, its notes as a list and its redline as a block
// quote, as DiffMarkdown writes them.
func HistoryMarkdown(w io.Writer, h *History, opt HistoryOptions) error {
	ew := &errWriter{w: w}
	ew.printf("# History: %s, lineage %s\n", mdEscape(h.Agreement), mdEscape(h.Lineage))
	for _, v := range views(h, opt) {
		ew.printf("\n## %s\n", mdEscape(oneLine(strings.ReplaceAll(v.title(), " — ", " · "))))
		mdNotes(ew, v.notes)
		switch {
		case v.s.Kind == string(diff.Unchanged):
		case v.same:
			ew.printf("\n_Text unchanged._\n")
		default:
			if red := mdRedline(v.edits, v.plain); red != "" {
				ew.printf("\n%s\n", red)
			}
		}
	}
	return ew.err
}

// HistoryHTML writes a history as one self-contained, printable HTML
// page in the style of DiffHTML: a section per step with its notes and
// redline, the first and removed steps' text unmarked. Every piece of
// contract text is escaped.
func HistoryHTML(w io.Writer, h *History, opt HistoryOptions) error {
	ew := &errWriter{w: w}
	htmlOpen(ew, "History: "+h.Agreement+", lineage "+h.Lineage)
	ew.printf("<header class=\"doc\">\n<h1>History</h1>\n")
	ew.printf("<p class=\"names\">%s, lineage %s</p>\n", esc(h.Agreement), esc(h.Lineage))
	ew.printf("<p class=\"legend\"><del>deleted</del> <ins>inserted</ins></p>\n</header>\n<main>\n")
	for i, v := range views(h, opt) {
		ew.printf("<section class=\"change %s\" id=\"step-%s\">\n<header>\n<h3>", esc(v.s.Kind), strconv.Itoa(i+1))
		ew.printf("<span class=\"version\">%s</span>: ", esc(v.when))
		if v.name != "" {
			ew.printf("<span class=\"tags\">%s</span> — ", esc(v.name))
		}
		ew.printf("<span class=\"kind\">%s</span></h3>\n", esc(v.s.Kind))
		htmlNotes(ew, v.notes)
		ew.printf("</header>\n")
		switch {
		case v.s.Kind == string(diff.Unchanged):
		case v.same:
			ew.printf("<p class=\"same\">Text unchanged.</p>\n")
		case v.plain && len(v.edits) > 0:
			ew.printf("<div class=\"text\">%s</div>\n", esc(plainText(v.edits)))
		case len(v.edits) > 0:
			ew.printf("<div class=\"text\">%s</div>\n", htmlRedline(v.edits))
		}
		ew.printf("</section>\n")
	}
	ew.printf("</main>\n</body>\n</html>\n")
	return ew.err
}

// HistoryJSON writes a history as clausetrack.history/v1 JSON: two-space
// indent, a trailing newline, empty lists as [] and never null.
func HistoryJSON(w io.Writer, h *History) error {
	return JSON(w, h)
}
