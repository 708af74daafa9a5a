package report

import (
	"io"
	"strings"

	"github.com/clausetrack/clausetrack/diff"
)

// ANSI styles of the coloured terminal view.
const (
	ansiReset   = "\x1b[0m"
	ansiBold    = "\x1b[1m"
	ansiAdded   = "\x1b[1;32m"
	ansiRemoved = "\x1b[1;31m"
	ansiDelete  = "\x1b[31;9m" // red, struck through
	ansiInsert  = "\x1b[32;4m" // green, underlined
)

// DiffText writes a comparison for the terminal: a summary (the non-zero
// counts of each kind and of the hidden noise), then a header line per
// change, its notes, and its redline indented by four spaces. Without
// colour deletions read [-like this-] and insertions {+like this+}; with
// colour they are red struck through and green underlined. Unchanged
// clauses get their header line only; added and removed clauses show
// their text unmarked under a "+" or "-" header. Text is never wrapped.
func DiffText(w io.Writer, cmp *diff.Comparison, oldName, newName string, opt DiffOptions) error {
	ew := &errWriter{w: w}
	ew.printf("%s → %s\n", termSafe(oldName), termSafe(newName))
	changes := nonZero(kindCounts(cmp))
	if changes == "" {
		changes = "none"
	}
	ew.printf("changes: %s\n", changes)
	if ignored := nonZero(ignoredCounts(cmp)); ignored != "" {
		ew.printf("ignored: %s\n", ignored)
	}
	blank := true // a blank line is needed before the next block
	for _, e := range entries(cmp, opt) {
		block := e.body || len(e.ch.Notes) > 0
		if block || blank {
			ew.printf("\n")
		}
		blank = block
		ew.printf("%s\n", textHeader(&e, opt.Color))
		for _, n := range e.ch.Notes {
			ew.printf("  note: %s\n", termSafe(n.Text))
		}
		if !e.body {
			continue
		}
		textBody(ew, e.edits, e.ch.Kind == diff.Added || e.ch.Kind == diff.Removed, opt.Color)
	}
	return ew.err
}

// textBody writes a redline indented by four spaces: plain text for a
// clause that is all new or all gone, else marked as textRedline marks
// it. An empty redline writes nothing.
func textBody(ew *errWriter, edits []diff.Edit, plain, color bool) {
	var red string
	if plain {
		red = termSafe(plainText(edits))
	} else {
		red = textRedline(edits, color)
	}
	if red != "" {
		ew.printf("%s\n", indent(red, "    "))
	}
}

func textHeader(e *entry, color bool) string {
	var b strings.Builder
	style := ansiBold
	switch e.ch.Kind {
	case diff.Added:
		b.WriteString("+ ")
		style = ansiAdded
	case diff.Removed:
		b.WriteString("- ")
		style = ansiRemoved
	}
	b.WriteString(e.tags())
	b.WriteString("  ")
	b.WriteString(e.status())
	if e.heading != "" {
		b.WriteString("  ")
		b.WriteString(e.heading)
	}
	if color {
		return style + termSafe(b.String()) + ansiReset
	}
	return termSafe(b.String())
}

// plainText is the text of a redline's equal and insert runs, or of its
// deletes when it has nothing else: an added or removed clause's text.
func plainText(edits []diff.Edit) string {
	var b strings.Builder
	for _, e := range edits {
		b.WriteString(e.Text)
	}
	return b.String()
}

// textRedline marks each line of each edit on its own, so that a marker
// or a colour never spans a line break or the indent after it.
func textRedline(edits []diff.Edit, color bool) string {
	var b strings.Builder
	for _, e := range edits {
		open, close := "", ""
		switch {
		case e.Op == diff.Delete && color:
			open, close = ansiDelete, ansiReset
		case e.Op == diff.Delete:
			open, close = "[-", "-]"
		case e.Op == diff.Insert && color:
			open, close = ansiInsert, ansiReset
		case e.Op == diff.Insert:
			open, close = "{+", "+}"
		}
		lineRuns(e.Text, func(line string) {
			b.WriteString(open)
			b.WriteString(termSafe(line))
			b.WriteString(close)
		}, func() { b.WriteByte('\n') })
	}
	return b.String()
}

// indent puts prefix before every non-empty line of s.
func indent(s, prefix string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = prefix + l
		}
	}
	return strings.Join(lines, "\n")
}

// termSafe replaces the control characters of contract text (an escape
// sequence could recolour or clear the terminal, a lone carriage return
// hide the start of a line) with U+FFFD. Tabs, line feeds and the
// carriage return of a CRLF stay.
func termSafe(s string) string {
	if !strings.ContainsFunc(s, isControl) {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == '\r' && strings.HasPrefix(s[i+1:], "\n"):
			b.WriteRune(r)
		case isControl(r):
			b.WriteRune('\uFFFD')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isControl(r rune) bool {
	return r != '\t' && r != '\n' && (r < 0x20 || r >= 0x7f && r < 0xa0)
}
