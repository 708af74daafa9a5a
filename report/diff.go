package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/clausetrack/clausetrack/clauses"
	"github.com/clausetrack/clausetrack/diff"
)

// DiffSchema names the JSON contract of a comparison.
const DiffSchema = "clausetrack.diff/v1"

// noiseClasses lists the noise classes in the order reports count them.
var noiseClasses = []string{diff.NoiseWhitespace, diff.NoiseQuotes, diff.NoiseDashes, diff.NoiseLabel, diff.NoiseMarkup}

// Diff is the JSON form of one comparison. It carries every change and
// every edit, noise included, whatever a human view would hide.
type Diff struct {
	Schema string `json:"schema"`
	Old    string `json:"old"`
	New    string `json:"new"`
	// Summary counts the changes of each kind, every kind listed in
	// diff.Kinds order, zeros included.
	Summary Counts `json:"summary"`
	// Ignored counts the noise edits of each class (a delete and the
	// insert replacing it count once), every known class listed.
	Ignored Counts       `json:"ignored"`
	Changes []DiffChange `json:"changes"`
}

// DiffChange is one change in JSON. Old is null for added and merged
// changes, New for removed and split ones. The Equal and Insert texts of
// Edits rebuild the new side's own text, Equal and Delete the old side's;
// for a split the new side is the Parts' texts joined by "\n", for a
// merge the old side is.
type DiffChange struct {
	ID   string      `json:"id"`
	Kind string      `json:"kind"`
	Old  *DiffClause `json:"old"`
	New  *DiffClause `json:"new"`
	// Parts is only present for split (the new clauses) and merged (the
	// old clauses) changes.
	Parts []DiffClause `json:"parts,omitempty"`
	// Similarity is between 0 and 1, rounded to 3 decimals.
	Similarity float64    `json:"similarity"`
	Pass       string     `json:"pass"`
	Edits      []DiffEdit `json:"edits"`
	Notes      []DiffNote `json:"notes"`
}

// DiffClause names one clause of a change.
type DiffClause struct {
	ID      string `json:"id"`
	Number  string `json:"number"`
	Heading string `json:"heading"`
}

// DiffEdit is one run of a redline: Op is "equal", "insert" or "delete";
// Ignored names the noise class of an edit that views hide by default.
type DiffEdit struct {
	Op      string `json:"op"`
	Text    string `json:"text"`
	Ignored string `json:"ignored,omitempty"`
}

// DiffNote is something counsel care about in a change; Old and New are
// the words before and after, where there are two sides.
type DiffNote struct {
	Kind string `json:"kind"`
	Old  string `json:"old"`
	New  string `json:"new"`
	Text string `json:"text"`
}

// Count is one named count of a Counts object.
type Count struct {
	Name string
	N    int
}

// Counts is a JSON object of counts whose keys keep their order.
type Counts []Count

// MarshalJSON writes the counts as one object, keys in slice order.
func (cs Counts) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, c := range cs {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(c.Name)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(c.N))
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// UnmarshalJSON reads an object of counts, keeping the order of its keys.
func (cs *Counts) UnmarshalJSON(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return fmt.Errorf("counts: want an object")
	}
	out := Counts{}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return fmt.Errorf("counts: %w", err)
		}
		var n int
		if err := dec.Decode(&n); err != nil {
			return fmt.Errorf("counts: %w", err)
		}
		out = append(out, Count{Name: t.(string), N: n})
	}
	*cs = out
	return nil
}

// Get returns the count named name, 0 when absent.
func (cs Counts) Get(name string) int {
	for _, c := range cs {
		if c.Name == name {
			return c.N
		}
	}
	return 0
}

// kindCounts counts the changes of each kind, in diff.Kinds order.
func kindCounts(cmp *diff.Comparison) Counts {
	n := map[diff.Kind]int{}
	for _, ch := range cmp.Changes {
		n[ch.Kind]++
	}
	out := make(Counts, 0, len(diff.Kinds))
	for _, k := range diff.Kinds {
		out = append(out, Count{string(k), n[k]})
	}
	return out
}

// ignoredCounts lists the known noise classes in order, then any other
// class the comparison counted, by name.
func ignoredCounts(cmp *diff.Comparison) Counts {
	out := Counts{}
	known := map[string]bool{}
	for _, c := range noiseClasses {
		known[c] = true
		out = append(out, Count{c, cmp.Ignored[c]})
	}
	var extra []string
	for c := range cmp.Ignored {
		if !known[c] {
			extra = append(extra, c)
		}
	}
	sort.Strings(extra)
	for _, c := range extra {
		out = append(out, Count{c, cmp.Ignored[c]})
	}
	return out
}

// NewDiff builds the JSON form of a comparison of the named versions.
func NewDiff(cmp *diff.Comparison, oldName, newName string) *Diff {
	d := &Diff{Schema: DiffSchema, Old: oldName, New: newName,
		Summary: kindCounts(cmp), Ignored: ignoredCounts(cmp), Changes: []DiffChange{}}
	for _, ch := range cmp.Changes {
		jc := DiffChange{ID: ch.ID, Kind: string(ch.Kind), Old: diffClause(ch.Old), New: diffClause(ch.New),
			Similarity: math.Round(ch.Similarity*1000) / 1000, Pass: ch.Pass}
		if ch.Kind == diff.Split || ch.Kind == diff.Merged {
			jc.Parts = []DiffClause{}
			for _, p := range ch.Parts {
				jc.Parts = append(jc.Parts, *diffClause(p))
			}
		}
		jc.Edits, jc.Notes = diffEdits(ch.Edits), diffNotes(ch.Notes)
		d.Changes = append(d.Changes, jc)
	}
	return d
}

// diffEdits is the JSON form of a redline, [] when it is empty.
func diffEdits(edits []diff.Edit) []DiffEdit {
	out := make([]DiffEdit, 0, len(edits))
	for _, e := range edits {
		out = append(out, DiffEdit{Op: string(e.Op), Text: e.Text, Ignored: e.Ignored})
	}
	return out
}

// diffNotes is the JSON form of a change's notes, [] when it has none.
func diffNotes(notes []diff.Note) []DiffNote {
	out := make([]DiffNote, 0, len(notes))
	for _, n := range notes {
		out = append(out, DiffNote(n))
	}
	return out
}

func diffClause(c *clauses.Clause) *DiffClause {
	if c == nil {
		return nil
	}
	return &DiffClause{ID: c.ID, Number: c.Number, Heading: c.Heading}
}

// DiffJSON writes a comparison as clausetrack.diff/v1 JSON: two-space
// indent, a trailing newline, empty lists as [] and never null.
func DiffJSON(w io.Writer, cmp *diff.Comparison, oldName, newName string) error {
	return writeDiffJSON(w, NewDiff(cmp, oldName, newName))
}

// DiffOptions choose what the human views of a comparison show.
type DiffOptions struct {
	// Strict shows noise edits (whitespace, quote and dash variants,
	// renumbered labels, markup) as edits. Otherwise a noise delete is
	// dropped and a noise insert shown as plain text, so the reader sees
	// the new text.
	Strict bool
	// ChangedOnly leaves out unchanged clauses, except those that carry a
	// note (a cross-reference left stale elsewhere). Summaries still count
	// every change.
	ChangedOnly bool
	// Color marks the terminal text with ANSI escapes. Only DiffText
	// uses it.
	Color bool
}

// entry is one change as the human views show it; every view renders
// the same entries, so they never disagree.
type entry struct {
	ch *diff.Change
	// from and to name the old and new sides: clause numbers (ids when
	// unnumbered), comma-separated for the parts of a split or merge;
	// empty on the missing side.
	from, to string
	heading  string
	// similar is the similarity in percent, or -1 when not worth saying.
	similar int
	// edits is the redline to show, noise handled per the options and
	// trailing whitespace trimmed.
	edits []diff.Edit
	// body says whether the view shows the redline.
	body bool
}

// tags is the header's clause names: "7.2 → 8.1", or one name when the
// number stayed or one side is missing.
func (e *entry) tags() string {
	switch {
	case e.from == "":
		return e.to
	case e.to == "" || e.from == e.to:
		return e.from
	}
	return e.from + " → " + e.to
}

// status is the kind with the similarity: "moved, 96% similar".
func (e *entry) status() string {
	if e.similar < 0 {
		return string(e.ch.Kind)
	}
	return fmt.Sprintf("%s, %d%% similar", e.ch.Kind, e.similar)
}

// quiet reports whether the entry is an unchanged clause with nothing to say.
func (e *entry) quiet() bool {
	return e.ch.Kind == diff.Unchanged && len(e.ch.Notes) == 0
}

// entries builds the entries of a comparison under the options, in the
// comparison's order.
func entries(cmp *diff.Comparison, opt DiffOptions) []entry {
	var out []entry
	for k := range cmp.Changes {
		ch := &cmp.Changes[k]
		e := entry{ch: ch, from: clauseName(ch.Old), to: clauseName(ch.New), similar: -1}
		switch ch.Kind {
		case diff.Split:
			e.to = partNames(ch.Parts)
		case diff.Merged:
			e.from = partNames(ch.Parts)
		}
		e.heading = changeHeading(ch)
		switch ch.Kind {
		case diff.Modified, diff.Moved, diff.Split, diff.Merged:
			if ch.Similarity < 1 {
				e.similar = percent(ch.Similarity)
			}
		}
		if e.quiet() && opt.ChangedOnly {
			continue
		}
		e.edits = shownEdits(ch.Edits, opt.Strict)
		switch ch.Kind {
		case diff.Unchanged:
		case diff.Renumbered:
			e.body = opt.Strict
		default:
			e.body = true
		}
		out = append(out, e)
	}
	return out
}

// changeHeading is the heading of a change's new side, or of its old
// side when the new has none; a split or merge side without one of its
// own gives its parts' headings.
func changeHeading(ch *diff.Change) string {
	newSide, oldSide := []*clauses.Clause{ch.New}, []*clauses.Clause{ch.Old}
	switch ch.Kind {
	case diff.Split:
		newSide = ch.Parts
	case diff.Merged:
		oldSide = ch.Parts
	}
	for _, side := range [][]*clauses.Clause{newSide, oldSide} {
		if len(side) == 1 && side[0] != nil && side[0].Heading != "" {
			return side[0].Heading
		}
		var hs []string
		for _, c := range side {
			if c != nil && c.Heading != "" {
				hs = append(hs, c.Heading)
			}
		}
		if len(hs) > 0 {
			return strings.Join(hs, "; ")
		}
	}
	return ""
}

func clauseName(c *clauses.Clause) string {
	switch {
	case c == nil:
		return ""
	case c.Number != "":
		return c.Number
	}
	return c.ID
}

func partNames(parts []*clauses.Clause) string {
	names := make([]string, len(parts))
	for i, p := range parts {
		names[i] = clauseName(p)
	}
	return strings.Join(names, ", ")
}

// percent rounds a similarity to a whole percent, never to 100 unless
// the texts are identical.
func percent(s float64) int {
	p := int(math.Round(s * 100))
	if p >= 100 && s < 1 {
		p = 99
	}
	return p
}

// shownEdits is the redline a view shows. Unless strict, a noise delete
// is dropped and a noise insert becomes plain text. Neighbouring runs of
// the same kind are joined and trailing whitespace is trimmed.
func shownEdits(edits []diff.Edit, strict bool) []diff.Edit {
	var out []diff.Edit
	for _, e := range edits {
		if !strict && e.Ignored != "" {
			if e.Op == diff.Delete {
				continue
			}
			e = diff.Edit{Op: diff.Equal, Text: e.Text}
		}
		if n := len(out); n > 0 && out[n-1].Op == e.Op && out[n-1].Ignored == e.Ignored {
			out[n-1].Text += e.Text
			continue
		}
		out = append(out, e)
	}
	for len(out) > 0 {
		last := &out[len(out)-1]
		last.Text = strings.TrimRightFunc(last.Text, unicode.IsSpace)
		if last.Text != "" {
			break
		}
		out = out[:len(out)-1]
	}
	return out
}

// nonZero lists the non-zero counts as "12 whitespace, 3 quotes".
func nonZero(cs Counts) string {
	var parts []string
	for _, c := range cs {
		if c.N > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", c.N, c.Name))
		}
	}
	return strings.Join(parts, ", ")
}

// lineRuns splits a text at its line breaks, for views that mark each
// line of an edit on its own so that no marker spans a line break.
func lineRuns(text string, each func(line string), brk func()) {
	for i, line := range strings.Split(text, "\n") {
		if i > 0 {
			brk()
		}
		if line != "" {
			each(line)
		}
	}
}
