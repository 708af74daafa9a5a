package report

import (
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/clausetrack/clausetrack/diff"
)

// DiffMarkdown writes a comparison as GitHub-flavoured Markdown for pull
// requests and memos: a title, a summary table, then a "###" heading per
// change, its notes as a list and its redline as a block quote, with
// ~~deleted~~ and **inserted** text. Runs of unchanged clauses become one
// line. Contract text is escaped so that it cannot add markup of its own.
func DiffMarkdown(w io.Writer, cmp *diff.Comparison, oldName, newName string, opt DiffOptions) error {
	ew := &errWriter{w: w}
	ew.printf("# Comparison: %s → %s\n\n", mdEscape(oldName), mdEscape(newName))
	ew.printf("| Change | Clauses |\n|:--|--:|\n")
	total := 0
	for _, c := range kindCounts(cmp) {
		ew.printf("| %s | %d |\n", c.Name, c.N)
		total += c.N
	}
	ew.printf("| total | %d |\n", total)
	if ignored := nonZero(ignoredCounts(cmp)); ignored != "" {
		verb := "hidden"
		if opt.Strict {
			verb = "shown"
		}
		ew.printf("\nNoise edits %s: %s.\n", verb, ignored)
	}
	var same []string
	flush := func() {
		if len(same) > 0 {
			ew.printf("\n_Unchanged: %s._\n", strings.Join(same, ", "))
			same = nil
		}
	}
	for _, e := range entries(cmp, opt) {
		if e.quiet() {
			same = append(same, mdEscape(e.tags()))
			continue
		}
		flush()
		head := e.tags() + " · " + string(e.ch.Kind)
		if e.similar >= 0 {
			head += " · " + strconv.Itoa(e.similar) + "%"
		}
		if e.heading != "" {
			head += " · " + e.heading
		}
		ew.printf("\n### %s\n", mdEscape(oneLine(head)))
		mdNotes(ew, e.ch.Notes)
		if !e.body {
			continue
		}
		plain := e.ch.Kind == diff.Added || e.ch.Kind == diff.Removed
		if red := mdRedline(e.edits, plain); red != "" {
			ew.printf("\n%s\n", red)
		}
	}
	flush()
	return ew.err
}

// mdNotes writes a change's notes as a list, after a blank line; nothing
// when it has none.
func mdNotes(ew *errWriter, notes []diff.Note) {
	if len(notes) == 0 {
		return
	}
	ew.printf("\n")
	for _, n := range notes {
		ew.printf("- %s\n", mdEscape(oneLine(n.Text)))
	}
}

// mdRedline renders a redline as a block quote. Each line of an edit is
// marked on its own, with its leading and trailing spaces outside the
// markers (GFM does not take "~~ x~~" as strikethrough). Lines inside a
// paragraph end in a backslash, a hard break, so the clause keeps its
// line breaks.
func mdRedline(edits []diff.Edit, plain bool) string {
	var lines [][]mdRun
	var cur []mdRun
	for _, e := range edits {
		mark := ""
		if !plain {
			switch e.Op {
			case diff.Delete:
				mark = "~~"
			case diff.Insert:
				mark = "**"
			}
		}
		lineRuns(e.Text, func(line string) {
			cur = append(cur, mdRun{line, mark})
		}, func() {
			lines = append(lines, cur)
			cur = nil
		})
	}
	lines = append(lines, cur)
	var b strings.Builder
	for i, runs := range lines {
		l := strings.TrimSpace(mdLine(runs))
		if i > 0 {
			b.WriteByte('\n')
		}
		if l == "" {
			b.WriteString(">")
			continue
		}
		b.WriteString("> ")
		b.WriteString(l)
		if i+1 < len(lines) && strings.TrimSpace(mdLine(lines[i+1])) != "" {
			b.WriteString("\\")
		}
	}
	s := b.String()
	if strings.Trim(s, ">\n") == "" {
		return ""
	}
	return s
}

// mdRun is the part of one edit on one line, with the marker that wraps
// it ("~~", "**"), empty for plain text.
type mdRun struct {
	text, mark string
}

// mdLine renders one line of a redline. Markdown takes "**" as emphasis
// only when it flanks the text: a marker with punctuation inside and a
// letter outside ("non-**exclusive") is not. There a zero-width space,
// written as an entity (punctuation to Markdown), goes between the
// marker and the letter.
func mdLine(runs []mdRun) string {
	const zwsp = "&#8203;"
	var b strings.Builder
	lastRune := func() rune {
		s := b.String()
		if s == "" {
			return ' '
		}
		r, _ := utf8.DecodeLastRuneInString(s)
		return r
	}
	for i, r := range runs {
		if r.mark == "" {
			b.WriteString(mdEscapeAt(r.text, b.Len() == 0))
			continue
		}
		core := strings.TrimLeftFunc(r.text, unicode.IsSpace)
		b.WriteString(r.text[:len(r.text)-len(core)])
		trail := core[len(strings.TrimRightFunc(core, unicode.IsSpace)):]
		core = mdEscapeAt(core[:len(core)-len(trail)], false)
		if core == "" {
			b.WriteString(trail)
			continue
		}
		first, _ := utf8.DecodeRuneInString(core)
		if mdPunct(first) && !mdPunct(lastRune()) && !unicode.IsSpace(lastRune()) {
			b.WriteString(zwsp)
		}
		b.WriteString(r.mark + core + r.mark)
		last, _ := utf8.DecodeLastRuneInString(core)
		if trail == "" && mdPunct(last) && i+1 < len(runs) && runs[i+1].mark == "" {
			next, _ := utf8.DecodeRuneInString(mdEscapeAt(runs[i+1].text, false))
			if next != utf8.RuneError && !mdPunct(next) && !unicode.IsSpace(next) {
				b.WriteString(zwsp)
			}
		}
		b.WriteString(trail)
	}
	return b.String()
}

// mdPunct is punctuation as CommonMark's flanking rules see it.
func mdPunct(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) }

// mdSpecial are the characters escaped wherever they stand: those that
// start emphasis, links, images, HTML, entities, code and tables, and
// the backslash itself.
const mdSpecial = "\\`*_~[]<>&|#!"

// mdEscape escapes contract text for Markdown, as the start of a line.
func mdEscape(s string) string { return mdEscapeAt(s, true) }

// mdEscapeAt backslash-escapes Markdown's special characters in s; when
// s starts a line, it also escapes what would make the line a list item,
// a heading or a rule ("1.", "-", "+", "=").
func mdEscapeAt(s string, lineStart bool) string {
	var b strings.Builder
	if lineStart {
		t := strings.TrimLeft(s, " ")
		b.WriteString(s[:len(s)-len(t)])
		s = t
		switch {
		case s != "" && strings.ContainsRune("-+=", rune(s[0])):
			b.WriteByte('\\')
		default:
			k := 0
			for k < len(s) && s[k] >= '0' && s[k] <= '9' {
				k++
			}
			if k > 0 && k < len(s) && (s[k] == '.' || s[k] == ')') && (k+1 == len(s) || s[k+1] == ' ' || s[k+1] == '\t') {
				b.WriteString(s[:k])
				b.WriteByte('\\')
				s = s[k:]
			}
		}
	}
	for _, r := range s {
		if r < 0x80 && strings.ContainsRune(mdSpecial, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// oneLine folds the whitespace of s, line breaks included, to single
// spaces, for text that must stay on one Markdown line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
