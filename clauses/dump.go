package clauses

import (
	"strconv"
	"strings"
)

// Dump renders the clause tree as indented text, one clause a line: its
// number (or its kind in brackets), its heading in quotes, and the first
// words of its own text. Diagnostics follow, one a line after "! ". It is
// the form segmentation goldens are written in.
func (d *Document) Dump() string {
	var b strings.Builder
	for _, c := range d.Clauses() {
		b.WriteString(strings.Repeat("  ", c.Level-1))
		b.WriteString(c.Tag())
		if c.Heading != "" {
			b.WriteString(" " + strconv.Quote(c.Heading))
		}
		if w := firstWords(d.Text[c.Body.Start:c.Body.End], 6); w != "" {
			b.WriteString(" | " + w)
		}
		b.WriteByte('\n')
	}
	for _, t := range d.Terms {
		b.WriteString("term " + strconv.Quote(t.Term) + " in " + t.Clause + "\n")
	}
	for _, p := range d.Parties {
		b.WriteString("party " + strconv.Quote(p.Name) + " as " + strings.Join(p.Aliases, ", ") + "\n")
	}
	for _, r := range d.Refs {
		to := r.To
		if to == "" {
			to = "?"
		}
		b.WriteString("ref " + strconv.Quote(r.Text) + " in " + r.From + " -> " + to + "\n")
	}
	for _, g := range d.Diagnostics {
		b.WriteString("! " + g.String() + "\n")
	}
	return b.String()
}

// Tag is how a clause is named in one word: its number, or its kind in
// brackets ("[preamble]"), or "-" for an unnumbered heading.
func (c *Clause) Tag() string {
	switch {
	case c.Number != "":
		return c.Number
	case c.Kind != Body:
		return "[" + c.Kind.String() + "]"
	}
	return "-"
}

// firstWords returns the first n words of text, folded to single spaces.
func firstWords(text []byte, n int) string {
	f := strings.Fields(string(text[:min(len(text), 400)]))
	if len(f) > n {
		f = f[:n]
	}
	return strings.Join(f, " ")
}
