package report

import (
	"html"
	"io"
	"strconv"
	"strings"

	"github.com/clausetrack/clausetrack/diff"
)

// DiffHTML writes a comparison as one self-contained, printable HTML page
// in blackline style: deletions struck through in red, insertions
// double-underlined in blue, moved clauses in green. A summary table and
// a table of contents (linking to each change by its id) come first;
// runs of unchanged clauses are collapsed. Every piece of contract text
// is escaped. The page needs no script and no other file.
func DiffHTML(w io.Writer, cmp *diff.Comparison, oldName, newName string, opt DiffOptions) error {
	ew := &errWriter{w: w}
	htmlOpen(ew, "Comparison: "+oldName+" → "+newName)
	ew.printf("<header class=\"doc\">\n<h1>Comparison</h1>\n")
	ew.printf("<p class=\"names\"><span class=\"old-name\">%s</span> → <span class=\"new-name\">%s</span></p>\n", esc(oldName), esc(newName))
	ew.printf("<p class=\"legend\"><del>deleted</del> <ins>inserted</ins> <span class=\"moved-mark\">moved</span></p>\n</header>\n")

	ew.printf("<section class=\"summary\">\n<h2>Summary</h2>\n<table>\n<thead><tr><th>Change</th><th>Clauses</th></tr></thead>\n<tbody>\n")
	total := 0
	for _, c := range kindCounts(cmp) {
		ew.printf("<tr class=\"%s\"><td>%s</td><td class=\"n\">%d</td></tr>\n", c.Name, c.Name, c.N)
		total += c.N
	}
	ew.printf("</tbody>\n<tfoot><tr><td>total</td><td class=\"n\">%d</td></tr></tfoot>\n</table>\n", total)
	if ignored := nonZero(ignoredCounts(cmp)); ignored != "" {
		verb := "hidden"
		if opt.Strict {
			verb = "shown"
		}
		ew.printf("<p class=\"ignored\">Noise edits %s: %s.</p>\n", verb, esc(ignored))
	}
	ew.printf("</section>\n")

	all := entries(cmp, opt)
	ew.printf("<nav class=\"toc\">\n<h2>Changes</h2>\n")
	n := 0
	for _, e := range all {
		if e.quiet() {
			continue
		}
		if n == 0 {
			ew.printf("<ol>\n")
		}
		n++
		ew.printf("<li class=\"%s\"><a href=\"#%s\">%s</a></li>\n", e.ch.Kind, anchor(e.ch), htmlTitle(&e))
	}
	if n == 0 {
		ew.printf("<p>No changes.</p>\n")
	} else {
		ew.printf("</ol>\n")
	}
	ew.printf("</nav>\n<main>\n")

	for i := 0; i < len(all); {
		if all[i].quiet() {
			j := i
			for j < len(all) && all[j].quiet() {
				j++
			}
			htmlSame(ew, all[i:j])
			i = j
			continue
		}
		htmlChange(ew, &all[i])
		i++
	}
	ew.printf("</main>\n</body>\n</html>\n")
	return ew.err
}

// htmlChange writes one change: its header and notes, kept together on a
// printed page, then its redline.
func htmlChange(ew *errWriter, e *entry) {
	ew.printf("<section class=\"change %s\" id=\"%s\">\n<header>\n<h3>%s</h3>\n", e.ch.Kind, anchor(e.ch), htmlTitle(e))
	htmlNotes(ew, e.ch.Notes)
	ew.printf("</header>\n")
	if e.body {
		ew.printf("<div class=\"text\">%s</div>\n", htmlRedline(e.edits))
	}
	ew.printf("</section>\n")
}

// htmlOpen writes the start of a self-contained page styled by diffCSS,
// up to and with the opening <body> tag.
func htmlOpen(ew *errWriter, title string) {
	ew.printf("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
	ew.printf("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	ew.printf("<title>%s</title>\n<style>\n%s</style>\n</head>\n<body>\n", esc(title), diffCSS)
}

// htmlNotes writes a change's notes as a list; nothing when it has none.
func htmlNotes(ew *errWriter, notes []diff.Note) {
	if len(notes) == 0 {
		return
	}
	ew.printf("<ul class=\"notes\">\n")
	for _, n := range notes {
		ew.printf("<li class=\"%s\">%s</li>\n", esc(n.Kind), esc(n.Text))
	}
	ew.printf("</ul>\n")
}

// htmlSame writes a run of unchanged clauses as one collapsed line that
// opens on their texts.
func htmlSame(ew *errWriter, run []entry) {
	names := make([]string, len(run))
	for i := range run {
		names[i] = run[i].tags()
	}
	word := "clauses"
	if len(run) == 1 {
		word = "clause"
	}
	ew.printf("<details class=\"same\">\n<summary>%d unchanged %s: %s</summary>\n", len(run), word, esc(strings.Join(names, ", ")))
	for i := range run {
		e := &run[i]
		ew.printf("<div class=\"same-clause\" id=\"%s\">\n<h4>%s</h4>\n", anchor(e.ch), htmlTitle(e))
		if len(e.edits) > 0 {
			ew.printf("<div class=\"text\">%s</div>\n", htmlRedline(e.edits))
		}
		ew.printf("</div>\n")
	}
	ew.printf("</details>\n")
}

// htmlTitle is a change's header as escaped HTML.
func htmlTitle(e *entry) string {
	var b strings.Builder
	b.WriteString("<span class=\"tags\">" + esc(e.tags()) + "</span> <span class=\"kind\">" + string(e.ch.Kind) + "</span>")
	if e.similar >= 0 {
		b.WriteString(" <span class=\"sim\">" + strconv.Itoa(e.similar) + "% similar</span>")
	}
	if e.heading != "" {
		b.WriteString(" <span class=\"heading\">" + esc(e.heading) + "</span>")
	}
	return b.String()
}

// htmlRedline marks deletions with <del> and insertions with <ins>; the
// page keeps the text's own line breaks (white-space: pre-wrap).
func htmlRedline(edits []diff.Edit) string {
	var b strings.Builder
	for _, e := range edits {
		class := ""
		if e.Ignored != "" {
			class = " class=\"noise\" title=\"" + esc(e.Ignored) + "\""
		}
		switch e.Op {
		case diff.Delete:
			b.WriteString("<del" + class + ">" + esc(e.Text) + "</del>")
		case diff.Insert:
			b.WriteString("<ins" + class + ">" + esc(e.Text) + "</ins>")
		default:
			b.WriteString(esc(e.Text))
		}
	}
	return b.String()
}

// anchor is the element id of a change: its stable change id.
func anchor(ch *diff.Change) string { return "change-" + esc(ch.ID) }

func esc(s string) string { return html.EscapeString(s) }

// diffCSS styles the page on screen and on paper.
const diffCSS = `:root { --del: #b3261e; --ins: #1a4fb0; --moved: #1e7b34; --rule: #d0d0d0; --muted: #666; }
body { font: 11pt/1.5 Georgia, "Times New Roman", serif; color: #111; max-width: 50rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 1.5rem 0 .5rem; }
h3 { font-size: 1.05rem; margin: 0 0 .4rem; }
h4 { font-size: 1rem; margin: .8rem 0 .2rem; font-weight: normal; color: var(--muted); }
.names { font-size: 1.1rem; margin: 0; }
.legend { color: var(--muted); }
table { border-collapse: collapse; }
th, td { border: 1px solid var(--rule); padding: .15rem .6rem; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
tfoot td { font-weight: bold; }
del { color: var(--del); text-decoration: line-through; text-decoration-color: var(--del); }
ins { color: var(--ins); text-decoration: underline double; text-decoration-color: var(--ins); text-decoration-skip-ink: none; }
del.noise, ins.noise { opacity: .6; }
.moved-mark, .change.moved h3, .toc li.moved a { color: var(--moved); }
.toc ol { padding-left: 1.5rem; }
.toc a { color: inherit; text-decoration: none; }
.toc a:hover { text-decoration: underline; }
.change { margin: 1.25rem 0; padding: .1rem 0 .1rem .8rem; border-left: 4px solid var(--rule); }
.change.moved { border-left-color: var(--moved); }
.change.added { border-left-color: var(--ins); }
.change.removed { border-left-color: var(--del); }
.kind { font-variant: small-caps; letter-spacing: .03em; }
.sim, .heading { font-weight: normal; }
.heading { font-style: italic; }
.notes { margin: .2rem 0 .5rem; padding-left: 1.2rem; font-family: system-ui, sans-serif; font-size: .9rem; }
.text { white-space: pre-wrap; overflow-wrap: break-word; }
details.same { margin: .6rem 0; color: var(--muted); }
details.same summary { cursor: pointer; }
details.same .text { color: #111; }
table.ledger { border-collapse: collapse; font-family: system-ui, sans-serif; font-size: .85rem; margin: 1rem 0; }
table.ledger th, table.ledger td { border: 1px solid var(--rule); padding: .2rem .45rem; text-align: left; vertical-align: top; }
.status.given_up { color: var(--del); font-weight: bold; }
.status.narrowed { color: #9a5b00; font-weight: bold; }
.status.gained, .status.broadened { color: var(--moved); font-weight: bold; }
section.right h3 { font-size: 1rem; margin: 1.2rem 0 .3rem; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .toc { break-after: page; }
  h1, h2, h3, h4, .change > header { break-after: avoid; page-break-after: avoid; }
  .change > header { break-inside: avoid; page-break-inside: avoid; }
  .text { orphans: 3; widows: 3; }
}
`
