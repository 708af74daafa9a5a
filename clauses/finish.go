package clauses

import (
	"sort"
	"strings"
)

// finish sets every clause's span, own-text span, level and ID, once the
// tree is built. Clause starts are in text order; a clause ends where the
// next clause that is not below it starts.
func finish(doc *Document) {
	root := doc.Root
	if len(root.Children) > 0 {
		root.Children[0].Span.Start = 0
	}
	setSpans(root, len(doc.Text), 0)
	assignIDs(doc)
	checkDuplicates(doc)
}

func setSpans(c *Clause, end, level int) {
	c.Span.End = end
	c.Level = level
	for i, ch := range c.Children {
		next := end
		if i+1 < len(c.Children) {
			next = c.Children[i+1].Span.Start
		}
		setSpans(ch, next, level+1)
	}
	c.Body = Span{c.Span.Start, c.Span.End}
	if len(c.Children) > 0 {
		c.Body.End = c.Children[0].Span.Start
	}
}

// assignIDs gives each clause an ID unique in the document: its number,
// or a name from its kind or heading; inside a Schedule the schedule's ID
// comes first ("schedule-a/1.1"); repeats get "~2", "~3".
func assignIDs(doc *Document) {
	seen := map[string]int{}
	doc.Root.Walk(func(c *Clause) bool {
		if c == doc.Root {
			return true
		}
		base := c.Number
		switch {
		case c.Kind == Preamble, c.Kind == Recitals, c.Kind == Signatures:
			base = c.Kind.String()
		case c.Kind == Part:
			base = slug(c.Number)
		case base == "" && c.Heading != "":
			base = slug(c.Heading)
		case base == "":
			base = "clause"
		}
		if p := partOf(c); p != nil && p != c {
			base = p.ID + "/" + base
		}
		seen[base]++
		c.ID = base
		if n := seen[base]; n > 1 {
			c.ID = base + "~" + itoa(n)
		}
		return true
	})
}

// partOf returns the Schedule or Exhibit a clause belongs to, or nil.
func partOf(c *Clause) *Clause {
	for p := c; p != nil; p = p.Parent {
		if p.Kind == Part {
			return p
		}
	}
	return nil
}

// slug turns a heading into an ID: lower case words joined by hyphens.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		} else {
			dash = true
		}
		if b.Len() >= 40 {
			break
		}
	}
	if b.Len() == 0 {
		return "clause"
	}
	return b.String()
}

// checkDuplicates notes every number that appears twice in the same part.
func checkDuplicates(doc *Document) {
	first := map[string]*Clause{}
	var lines []int // offsets of line starts, made on the first duplicate
	doc.Root.Walk(func(c *Clause) bool {
		if c == doc.Root || c.Number == "" {
			return true
		}
		key := c.Number
		if p := partOf(c); p != nil && p != c {
			key = p.ID + "/" + key
		}
		if f := first[key]; f != nil {
			if lines == nil {
				lines = lineStarts(doc.Text)
			}
			line := sort.SearchInts(lines, f.Span.Start+1)
			doc.Diagnostics = append(doc.Diagnostics, Diagnostic{Offset: c.Span.Start, Code: "duplicate",
				Msg: "duplicate number " + c.Number + " (first at line " + itoa(line) + ")"})
		} else {
			first[key] = c
		}
		return true
	})
}

// sortDiagnostics orders diagnostics by offset and fills in lines and
// columns.
func sortDiagnostics(doc *Document) {
	sort.SliceStable(doc.Diagnostics, func(i, j int) bool { return doc.Diagnostics[i].Offset < doc.Diagnostics[j].Offset })
	line, lineStart, pos := 1, 0, 0
	for i := range doc.Diagnostics {
		d := &doc.Diagnostics[i]
		if d.Code == "note" {
			continue
		}
		for ; pos < d.Offset && pos < len(doc.Text); pos++ {
			if doc.Text[pos] == '\n' {
				line++
				lineStart = pos + 1
			}
		}
		d.Line, d.Col = line, d.Offset-lineStart+1
	}
}

// lineStarts returns the offset of the start of every line of text.
// sort.SearchInts(lineStarts(text), off+1) is the 1-based line of off.
func lineStarts(text []byte) []int {
	starts := []int{0}
	for i, c := range text {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}
