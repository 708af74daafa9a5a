package report

import (
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/clausetrack/clausetrack/diff"
	"github.com/clausetrack/clausetrack/review"
)

// Run properties of a memo's redline: it shows the edits as a blackline
// prints them, struck through in red and double-underlined in blue; a
// memo is read, not accepted or rejected, so they are not tracked.
const (
	rPrDeleted  = `<w:strike/><w:color w:val="C00000"/>`
	rPrInserted = `<w:color w:val="1F4E9E"/><w:u w:val="double"/>`
)

// MemoDOCX writes a memo as a Word document with the sections of
// MemoMarkdown: the heading, the rights ledger of the pair (a table), the
// flagged and rejected changes with their decisions and redlines, the
// decisions (a table) and the open items. The reviewers' comments on a
// flagged or rejected change are Word comments (word/comments.xml) on
// that change's redline, each with its reviewer and time; comments on
// changes no longer in the comparison are plain paragraphs under the
// open items. opt.Ledger is not used (the memo has its own); an empty
// opt.Author means the reviewer who started the review and a zero
// opt.Date the time of the review's last event, so that the same log
// gives the same bytes.
func MemoDOCX(w io.Writer, m *Memo, opt DOCXOptions) error {
	p := newMemoParts(m)
	if opt.Date.IsZero() {
		opt.Date = p.last
	}
	if opt.Author == "" {
		opt.Author = m.View.Review.By
	}
	d := newDocxBody(opt)
	title := memoTitle(m)
	d.para("Title", title)
	d.para("", memoReview(m)+".")
	d.para("", "Reviewed by "+memoReviewers(p)+"; last event "+memoStamp(p.last)+".")
	d.para("", memoProgress(m.View)+".")

	d.para("Heading1", "Rights")
	for _, s := range p.summary {
		d.para("", oneLine(s))
	}
	if len(p.changed) == 0 {
		d.para("", "No right changed.")
	} else {
		var rows [][]string
		for _, r := range p.changed {
			name, status, cl, detail := memoRightLine(r)
			rows = append(rows, []string{name, status, cl, detail})
		}
		d.table([]int{3000, 1300, 1500, 3200}, []string{"Right", "Status", "Clauses", "Detail"}, rows)
	}
	d.para("", plural(p.kept, "right")+" kept.")

	for _, sec := range []struct {
		title  string
		status review.Status
	}{{"Flagged changes", review.Flagged}, {"Rejected changes", review.Rejected}} {
		d.para("Heading1", sec.title)
		if len(p.byStatus[sec.status]) == 0 {
			d.para("", "None.")
		}
		for _, k := range p.byStatus[sec.status] {
			docxMemoChange(d, m.Events, &m.View.Items[k], &p.entries[k])
		}
	}

	d.para("Heading1", "Decisions")
	var rows [][]string
	for k := range m.View.Items {
		it, e := &m.View.Items[k], &p.entries[k]
		by, verdict, at := "", "", ""
		if g := it.Decision; g != nil {
			by, verdict, at = oneLine(g.By), string(g.Verdict), memoStamp(g.Time)
		}
		rows = append(rows, []string{it.Change.ID, e.tags(), string(it.Change.Kind), string(it.Status), by, verdict, at})
	}
	d.table([]int{1500, 1300, 1100, 1000, 1200, 900, 2000}, []string{"Change", "Clauses", "Kind", "Status", "By", "Verdict", "Time"}, rows)

	d.para("Heading1", "Open items")
	open := openItems(m.View)
	if len(open) == 0 && len(m.View.Gone) == 0 {
		d.para("", "None: every change is decided.")
	}
	for _, k := range open {
		d.para("", "• "+openItemLine(&m.View.Items[k], &p.entries[k]))
	}
	for _, g := range m.View.Gone {
		line := g.Change + " (" + orNone(g.Anchor) + "): no longer in the comparison"
		if g.Decision != nil {
			line += "; " + memoDecided(g.Decision)
			if g.Decision.Comment != "" {
				line += ": " + g.Decision.Comment
			}
		}
		for _, n := range g.Comments {
			line += "; comment by " + n.By + " at " + memoStamp(n.Time) + ": " + n.Text
		}
		d.para("", "• "+oneLine(line))
	}

	var extra []docxPart
	if len(d.comments) > 0 {
		extra = append(extra, docxPart{name: "word/comments.xml", contentType: ctWordprefix + "comments+xml",
			rel: "comments", data: docxComments(d.comments)})
	}
	return writeDOCX(w, d.finish(), title, opt, extra...)
}

// docxMemoChange writes a flagged or rejected change: a heading, its
// decisions and notes, then its redline carrying its comments.
func docxMemoChange(d *docxBody, evs []review.Event, it *review.Item, e *entry) {
	head := e.tags() + " · " + string(it.Change.Kind)
	if e.similar >= 0 {
		head += " · " + strconv.Itoa(e.similar) + "%"
	}
	if e.heading != "" {
		head += " · " + e.heading
	}
	d.para("Heading2", oneLine(head))
	d.para("", "Change "+it.Change.ID)
	if g := it.Decision; g != nil {
		line := "Decision: " + memoDecided(g)
		if g.Comment != "" {
			line += ": " + g.Comment
		}
		d.para("", oneLine(line))
	}
	for _, g := range earlier(evs, it) {
		line := "Earlier: " + memoDecided(g)
		if g.Comment != "" {
			line += ": " + g.Comment
		}
		d.para("", oneLine(line))
	}
	for _, n := range it.Change.Notes {
		d.para("", "Note: "+oneLine(n.Text))
	}
	// The comments span the redline, or the change's "Change …" line
	// when the change shows none.
	d.pStart("", 360, markNone)
	var ids []int
	for _, n := range it.Comments {
		d.id++
		ids = append(ids, d.id)
		d.comments = append(d.comments, docxComment{id: d.id, author: oneLine(n.By), date: n.Time.UTC().Format(time.RFC3339),
			text: n.Text})
		d.b.WriteString(`<w:commentRangeStart w:id="` + strconv.Itoa(d.id) + `"/>`)
	}
	plain := it.Change.Kind == diff.Added || it.Change.Kind == diff.Removed
	if e.body && len(e.edits) > 0 {
		for _, ed := range e.edits {
			rPr := ""
			if !plain {
				switch ed.Op {
				case diff.Delete:
					rPr = rPrDeleted
				case diff.Insert:
					rPr = rPrInserted
				}
			}
			d.run(markNone, rPr, ed.Text)
		}
	} else {
		d.run(markNone, "", "(no text shown for this change)")
	}
	for _, id := range ids {
		s := strconv.Itoa(id)
		d.b.WriteString(`<w:commentRangeEnd w:id="` + s + `"/><w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="` + s + `"/></w:r>`)
	}
	d.pEnd()
}

// docxComments is the comments part: one comment per reviewer's note,
// its lines as paragraphs.
func docxComments(cs []docxComment) string {
	var b strings.Builder
	b.WriteString(xmlDecl + `<w:comments ` + docxNS + `>`)
	for _, c := range cs {
		author := c.author
		if author == "" {
			author = "reviewer"
		}
		b.WriteString(`<w:comment w:id="` + strconv.Itoa(c.id) + `" w:author="`)
		writeXMLText(&b, author)
		b.WriteString(`" w:date="` + c.date + `" w:initials="`)
		writeXMLText(&b, initials(author))
		b.WriteString(`">`)
		for k, line := range strings.Split(c.text, "\n") {
			b.WriteString("<w:p>")
			if k == 0 {
				b.WriteString(`<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:annotationRef/></w:r>`)
			}
			b.WriteString(`<w:r><w:t xml:space="preserve">`)
			writeXMLText(&b, strings.NewReplacer("\t", " ", "\r", "").Replace(line))
			b.WriteString("</w:t></w:r></w:p>")
		}
		b.WriteString("</w:comment>")
	}
	b.WriteString("</w:comments>")
	return b.String()
}

// initials are the first letters of a name's words, as Word shows them
// beside a comment.
func initials(name string) string {
	var out []rune
	for _, f := range strings.Fields(name) {
		for _, r := range f {
			out = append(out, r)
			break
		}
	}
	return string(out)
}
