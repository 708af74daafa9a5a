package clauses

import "strconv"

// Span is a byte range [Start, End) in a document's text.
type Span struct {
	Start, End int
}

// Len is the number of bytes in the span.
func (s Span) Len() int { return s.End - s.Start }

// Contains reports whether o lies inside s.
func (s Span) Contains(o Span) bool { return s.Start <= o.Start && o.End <= s.End }

// Kind says what part of an agreement a clause is.
type Kind uint8

// Clause kinds. Most clauses are Body clauses.
const (
	Body Kind = iota
	Preamble
	Recitals
	Signatures
	Part // a Schedule, Exhibit, Annex or Appendix
	Root
)

func (k Kind) String() string {
	switch k {
	case Preamble:
		return "preamble"
	case Recitals:
		return "recitals"
	case Signatures:
		return "signatures"
	case Part:
		return "part"
	case Root:
		return "root"
	}
	return "body"
}

// Document is the clause tree of one version of an agreement.
type Document struct {
	// Text is the source text; every Span in the document indexes it.
	Text []byte
	// Root spans the whole text. It has no number, and its own text is
	// always empty: the first clause starts at offset 0.
	Root        *Clause
	Terms       []Term
	Parties     []Party
	Refs        []Ref
	Diagnostics []Diagnostic
}

// Clause is one numbered or headed unit of an agreement.
type Clause struct {
	// ID is unique in the document and stable for the same text: the
	// number where it is unique, otherwise derived from the heading or
	// kind, with "~2", "~3" for repeats.
	ID string
	// Kind is Body for ordinary clauses.
	Kind Kind
	// Label is the clause's own label as written or shown ("(a)", "7.2.",
	// "ARTICLE IV", "Schedule A"); empty for unnumbered clauses.
	Label string
	// Number is the full number path without spaces or words: "7.2(a)(ii)",
	// "IV", "A.1". Schedules keep their word: "Schedule A". Empty when
	// the clause is not numbered.
	Number string
	// Heading is the clause's title as a reader sees it, without its label
	// or trailing punctuation; empty when it has none.
	Heading string
	// Level is the depth in the tree: 1 for top-level clauses.
	Level int
	// Span covers the clause and its sub-clauses. Spans of siblings are
	// ordered and disjoint; a child's span lies inside its parent's.
	Span Span
	// Body is the clause's own text: from Span.Start up to the first
	// child, or to Span.End when it has none.
	Body     Span
	Children []*Clause
	Parent   *Clause
	// Classes is filled by classification, a separate pass.
	Classes []Class
}

// Class is one right or obligation a clause carries, found by classification.
type Class struct {
	Category string
	Holder   string
	Strength string
}

// Term is a defined term and the clause that defines it.
type Term struct {
	Term   string
	Clause string // ID of the defining clause
	Span   Span   // the quoted term in Text, quotes excluded
}

// Party is a party named in the preamble, with the aliases the agreement
// gives it (its defined terms).
type Party struct {
	Name    string
	Aliases []string
}

// Ref is a cross-reference in the text to another clause.
type Ref struct {
	Text   string // as written: "Section 7.2(a)"
	Number string // normalised: "7.2(a)"
	From   string // ID of the clause the reference stands in
	To     string // ID of the clause it resolves to; empty when unresolved
	Span   Span
}

// Diagnostic is something the segmenter noticed: a numbering gap, a
// duplicate number, a reference to a clause that does not exist.
type Diagnostic struct {
	Offset int    // byte offset in Text
	Line   int    // 1-based
	Col    int    // 1-based, in bytes
	Code   string // "gap", "duplicate", "unresolved-ref", "note"
	Msg    string
}

func (d Diagnostic) String() string {
	return strconv.Itoa(d.Line) + ":" + strconv.Itoa(d.Col) + ": " + d.Msg
}

// Walk calls fn for c and every clause below it, in text order. It stops
// descending into a clause when fn returns false.
func (c *Clause) Walk(fn func(*Clause) bool) {
	if !fn(c) {
		return
	}
	for _, ch := range c.Children {
		ch.Walk(fn)
	}
}

// Clauses returns every clause of the document but the root, in text order.
func (d *Document) Clauses() []*Clause {
	var out []*Clause
	d.Root.Walk(func(c *Clause) bool {
		if c != d.Root {
			out = append(out, c)
		}
		return true
	})
	return out
}

// Find returns the clause with the given ID or Number, or nil.
func (d *Document) Find(key string) *Clause {
	var found *Clause
	d.Root.Walk(func(c *Clause) bool {
		if found != nil {
			return false
		}
		if c != d.Root && (c.ID == key || c.Number == key) {
			found = c
		}
		return true
	})
	return found
}
