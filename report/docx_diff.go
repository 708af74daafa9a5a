package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"

	"github.com/clausetrack/clausetrack/clauses"
	"github.com/clausetrack/clausetrack/diff"
	"github.com/clausetrack/clausetrack/rights"
)

// moveMin is the least similarity at which a moved clause is written as
// a Word move (w:moveFrom, w:moveTo). The aligner already drops weak
// moves; below this a move reads better as a deleted and an inserted
// paragraph, which Word shows without claiming the text was moved.
const moveMin = 0.9

// DiffDOCX writes a comparison as a Word redline, a WordprocessingML
// package with real tracked changes: accepting every change gives the
// new version's text and rejecting every change gives the old one's,
// except for whitespace (see below). The first page holds the title,
// the two versions, the summary table (changes by kind) and, when
// opt.Ledger is set, the rights ledger of the pair; then every clause
// follows in new-version order, one paragraph per clause, clause numbers
// as text and headings in Heading1-3 styles by level.
//
// Every insert and delete of a redline is tracked (w:ins, w:del with
// w:delText), noise edits such as quote or dash style and Markdown marks
// included, so that rejecting restores the old text; only whitespace
// edits are not: the new whitespace is written plain and a clause's
// trailing whitespace is dropped, as a paragraph ends it. An added
// clause is an inserted paragraph, its mark included; a removed clause a
// deleted one, listed where it stood. A moved clause at least moveMin
// similar is a Word move: its old text as w:moveFrom where it stood (with
// its deletions tracked) and its new text as w:moveTo where it stands
// (with its insertions tracked), the two ranges named alike; a weaker
// move, a split and a merge are deleted old paragraphs and inserted new
// ones. Revision ids are unique across the document; every revision
// carries opt's author and date. The bytes depend only on the arguments.
func DiffDOCX(w io.Writer, cmp *diff.Comparison, oldName, newName string, opt DOCXOptions) error {
	d := newDocxBody(opt)
	title := "Redline: " + oneLine(oldName) + " → " + oneLine(newName)
	d.para("Title", title)
	d.para("", "Old version: "+oneLine(oldName))
	d.para("", "New version: "+oneLine(newName))
	d.para("", fmt.Sprintf("Tracked changes by %s, dated %s. Accept all changes to get the new version; reject all to get the old one.",
		opt.author(), opt.date().Format("2006-01-02")))
	d.para("Heading1", "Summary")
	var rows [][]string
	total := 0
	for _, c := range kindCounts(cmp) {
		rows = append(rows, []string{c.Name, strconv.Itoa(c.N)})
		total += c.N
	}
	rows = append(rows, []string{"total", strconv.Itoa(total)})
	d.table([]int{3600, 1800}, []string{"Change", "Clauses"}, rows)
	if ignored := nonZero(ignoredCounts(cmp)); ignored != "" {
		d.para("", "Noise edits: "+ignored+". They are tracked like any other edit, except whitespace, which is not tracked.")
	}
	if opt.Ledger != nil {
		docxLedger(d, opt.Ledger)
	}
	d.pageBreak()

	// A moved clause's old side stands after the change that holds the
	// old clause before it which did not move, as a removed clause does.
	owner := map[*clauses.Clause]int{}
	for k := range cmp.Changes {
		ch := &cmp.Changes[k]
		if ch.Old != nil {
			owner[ch.Old] = k
		}
		if ch.Kind == diff.Merged {
			for _, p := range ch.Parts {
				owner[p] = k
			}
		}
	}
	after := map[int][]int{}
	anchor := -1
	if cmp.Old != nil {
		for _, c := range cmp.Old.Clauses() {
			k, ok := owner[c]
			if !ok {
				continue
			}
			if cmp.Changes[k].Kind == diff.Moved {
				after[anchor] = append(after[anchor], k)
				continue
			}
			anchor = k
		}
	}
	moves := map[int]string{}
	for _, k := range after[-1] {
		docxMoveFrom(d, cmp, k, moves)
	}
	for k := range cmp.Changes {
		docxChange(d, cmp, k, moves)
		for _, m := range after[k] {
			docxMoveFrom(d, cmp, m, moves)
		}
	}
	return writeDOCX(w, d.finish(), title, opt)
}

// docxLedger writes the rights ledger of a pair: its summary and one row
// per right.
func docxLedger(d *docxBody, l *rights.Ledger) {
	d.para("Heading1", "Rights")
	for _, s := range Summary(l, l.Rights) {
		d.para("", oneLine(s))
	}
	if len(l.Rights) == 0 {
		return // the summary says so
	}
	var rows [][]string
	for _, r := range l.Rights {
		status, cl, detail := "kept", "", ""
		if len(r.Transitions) > 0 {
			t := r.Transitions[len(r.Transitions)-1]
			status, cl, detail = statusWords(t.Status), clausesStep(t), t.Detail
		}
		rows = append(rows, []string{rightName(r), r.Holder, status, cl, detail})
	}
	d.table([]int{2400, 1500, 1200, 1300, 2600}, []string{"Right", "Holder", "Status", "Clauses", "Detail"}, rows)
}

// docxChange writes one change where its new side stands (a removed
// clause where it stood).
func docxChange(d *docxBody, cmp *diff.Comparison, k int, moves map[int]string) {
	ch := &cmp.Changes[k]
	switch ch.Kind {
	case diff.Added:
		docxWhole(d, cmp.New, ch.New, markIns)
	case diff.Removed:
		docxWhole(d, cmp.Old, ch.Old, markDel)
	case diff.Split:
		docxWhole(d, cmp.Old, ch.Old, markDel)
		for _, p := range ch.Parts {
			docxWhole(d, cmp.New, p, markIns)
		}
	case diff.Merged:
		for _, p := range ch.Parts {
			docxWhole(d, cmp.Old, p, markDel)
		}
		docxWhole(d, cmp.New, ch.New, markIns)
	case diff.Moved:
		docxMove(d, cmp, k, moves, false)
	default:
		style, indent := clauseStyle(ch.New, clauseText(cmp.New, ch.New))
		d.pStart(style, indent, markNone)
		for _, s := range docxSegments(ch, clauseText(cmp.New, ch.New), false) {
			switch s.op {
			case diff.Insert:
				d.run(markIns, "", s.text)
			case diff.Delete:
				d.run(markDel, "", s.text)
			default:
				d.run(markNone, "", s.text)
			}
		}
		d.pEnd()
	}
}

// docxMoveFrom writes the old side of moved change k where it stood.
func docxMoveFrom(d *docxBody, cmp *diff.Comparison, k int, moves map[int]string) {
	docxMove(d, cmp, k, moves, true)
}

// docxMove writes one side of moved change k: the old clause as a
// w:moveFrom with its deletions tracked (from), or the new one as a
// w:moveTo with its insertions tracked, in a range named as the other
// side's. A move the diff is not confident about is a whole paragraph
// deleted or inserted instead.
func docxMove(d *docxBody, cmp *diff.Comparison, k int, moves map[int]string, from bool) {
	ch := &cmp.Changes[k]
	doc, c, whole, mark, edit := cmp.New, ch.New, markIns, markMoveTo, diff.Insert
	if from {
		doc, c, whole, mark, edit = cmp.Old, ch.Old, markDel, markMoveFrom, diff.Delete
	}
	if ch.Similarity < moveMin {
		docxWhole(d, doc, c, whole)
		return
	}
	name, ok := moves[k]
	if !ok {
		d.moves++
		name = "move" + strconv.Itoa(d.moves)
		moves[k] = name
	}
	style, indent := clauseStyle(c, clauseText(doc, c))
	d.pStart(style, indent, mark)
	d.id++
	id := d.id
	d.moveRange(mark, false, id, name)
	for _, seg := range docxSegments(ch, clauseText(doc, c), from) {
		if seg.op == edit {
			d.run(whole, "", seg.text)
		} else {
			d.run(mark, "", seg.text)
		}
	}
	d.moveRange(mark, true, id, name)
	d.pEnd()
}

// docxWhole writes clause c of doc as one paragraph inserted or deleted
// whole, its paragraph mark included.
func docxWhole(d *docxBody, doc *clauses.Document, c *clauses.Clause, mark string) {
	text := clauseText(doc, c)
	style, indent := clauseStyle(c, text)
	d.pStart(style, indent, mark)
	d.run(mark, "", strings.TrimRightFunc(text, unicode.IsSpace))
	d.pEnd()
}

// docxSegment is one run of a clause's paragraph.
type docxSegment struct {
	op   diff.Op
	text string
}

// docxSegments is the redline of a matched change as the paragraph
// writes it: whitespace edits resolved to the new whitespace (or, with
// oldSide, to the old, for a move's source), neighbours of one op
// joined, trailing whitespace dropped. A change without edits gives its
// text, fallback, unchanged.
func docxSegments(ch *diff.Change, fallback string, oldSide bool) []docxSegment {
	var out []docxSegment
	add := func(op diff.Op, text string) {
		if text == "" {
			return
		}
		if n := len(out); n > 0 && out[n-1].op == op {
			out[n-1].text += text
			return
		}
		out = append(out, docxSegment{op, text})
	}
	if len(ch.Edits) == 0 {
		add(diff.Equal, fallback)
	}
	for _, e := range ch.Edits {
		op := e.Op
		if e.Ignored == diff.NoiseWhitespace && op != diff.Equal {
			if (op == diff.Delete) != oldSide {
				continue
			}
			op = diff.Equal
		}
		if oldSide && op == diff.Insert || !oldSide && op == diff.Delete && ch.Kind == diff.Moved {
			continue
		}
		add(op, e.Text)
	}
	for len(out) > 0 {
		last := &out[len(out)-1]
		last.text = strings.TrimRightFunc(last.text, unicode.IsSpace)
		if last.text != "" {
			break
		}
		out = out[:len(out)-1]
	}
	return out
}

// clauseText is a clause's own text.
func clauseText(doc *clauses.Document, c *clauses.Clause) string {
	if doc == nil || c == nil {
		return ""
	}
	return string(doc.Text[c.Body.Start:c.Body.End])
}

// clauseStyle is a clause's paragraph style: a heading style by level
// (Heading1-3) for a clause whose text is one short line and has a
// heading, else Normal indented by level.
func clauseStyle(c *clauses.Clause, text string) (style string, indent int) {
	if c == nil {
		return "", 0
	}
	t := strings.TrimSpace(text)
	if c.Heading != "" && !strings.ContainsRune(t, '\n') && len(t) <= 160 {
		return "Heading" + strconv.Itoa(min(max(c.Level, 1), 3)), 0
	}
	return "", 360 * min(max(c.Level-1, 0), 6)
}
