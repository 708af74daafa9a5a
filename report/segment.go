package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/clausetrack/clausetrack/clauses"
)

// SegmentSchema names the JSON contract of a segmented document.
const SegmentSchema = "clausetrack.segment/v1"

// Segment is the JSON form of one segmented document.
type Segment struct {
	Schema      string       `json:"schema"`
	Source      string       `json:"source"`
	Format      string       `json:"format,omitempty"`
	Clauses     []Clause     `json:"clauses"`
	Terms       []Term       `json:"terms"`
	Parties     []Party      `json:"parties"`
	References  []Reference  `json:"references"`
	Diagnostics []Diagnostic `json:"diagnostics"`
}

// Clause is one clause in JSON. Start and End are byte offsets into the
// source text, end exclusive, covering the clause with its sub-clauses;
// Text is the clause's own text only, so that the texts of all clauses,
// in order, are the whole source text.
type Clause struct {
	ID      string  `json:"id"`
	Number  string  `json:"number"`
	Label   string  `json:"label"`
	Heading string  `json:"heading"`
	Kind    string  `json:"kind"`
	Level   int     `json:"level"`
	Parent  string  `json:"parent"`
	Start   int     `json:"start"`
	End     int     `json:"end"`
	Text    string  `json:"text"`
	Classes []Class `json:"classes"`
}

// Class is a right or obligation a clause carries.
type Class struct {
	Category string `json:"category"`
	Holder   string `json:"holder"`
	Strength string `json:"strength"`
}

// Term is a defined term; Start and End locate the term itself.
type Term struct {
	Term   string `json:"term"`
	Clause string `json:"clause"`
	Start  int    `json:"start"`
	End    int    `json:"end"`
}

// Party is a party from the preamble with its defined names.
type Party struct {
	Name    string   `json:"name"`
	Aliases []string `json:"aliases"`
}

// Reference is a cross-reference; To is empty when it does not resolve.
type Reference struct {
	Text  string `json:"text"`
	From  string `json:"from"`
	To    string `json:"to"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Diagnostic is something the segmenter noticed.
type Diagnostic struct {
	Line    int    `json:"line"`
	Col     int    `json:"col"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// NewSegment builds the JSON form of doc, read from the named source.
func NewSegment(source, format string, doc *clauses.Document) *Segment {
	s := &Segment{Schema: SegmentSchema, Source: source, Format: format,
		Clauses: []Clause{}, Terms: []Term{}, Parties: []Party{}, References: []Reference{}, Diagnostics: []Diagnostic{}}
	for _, c := range doc.Clauses() {
		jc := Clause{ID: c.ID, Number: c.Number, Label: c.Label, Heading: c.Heading, Kind: c.Kind.String(),
			Level: c.Level, Start: c.Span.Start, End: c.Span.End, Text: string(doc.Text[c.Body.Start:c.Body.End]), Classes: []Class{}}
		if c.Parent != nil && c.Parent != doc.Root {
			jc.Parent = c.Parent.ID
		}
		for _, cl := range c.Classes {
			jc.Classes = append(jc.Classes, Class(cl))
		}
		s.Clauses = append(s.Clauses, jc)
	}
	for _, t := range doc.Terms {
		s.Terms = append(s.Terms, Term{t.Term, t.Clause, t.Span.Start, t.Span.End})
	}
	for _, p := range doc.Parties {
		s.Parties = append(s.Parties, Party{p.Name, p.Aliases})
	}
	for _, r := range doc.Refs {
		s.References = append(s.References, Reference{r.Text, r.From, r.To, r.Span.Start, r.Span.End})
	}
	for _, d := range doc.Diagnostics {
		s.Diagnostics = append(s.Diagnostics, Diagnostic{d.Line, d.Col, d.Code, d.Msg})
	}
	return s
}

// JSON writes v as indented JSON followed by a newline. HTML characters
// are not escaped: contract text stays readable.
func JSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// Tree writes a document's clause tree as indented text: each clause's
// number, then its heading or, when it has none, the first words of its
// text. A summary line comes first and the diagnostics last.
func Tree(w io.Writer, name string, doc *clauses.Document) error {
	all := doc.Clauses()
	ew := &errWriter{w: w}
	ew.printf("%s: %d clauses, %d defined terms, %d parties\n", name, len(all), len(doc.Terms), len(doc.Parties))
	width := 0
	for _, c := range all {
		width = max(width, 2*(c.Level-1)+len(c.Tag()))
	}
	for _, c := range all {
		tag := strings.Repeat("  ", c.Level-1) + c.Tag()
		text := c.Heading
		if text == "" {
			text = Snippet(doc, c, 10)
		}
		ew.printf("%-*s  %s\n", width, tag, text)
	}
	for _, p := range doc.Parties {
		ew.printf("party: %s (%s)\n", p.Name, strings.Join(p.Aliases, ", "))
	}
	for _, d := range doc.Diagnostics {
		if d.Code == "note" {
			ew.printf("%s: note: %s\n", name, d.Msg)
			continue
		}
		ew.printf("%s:%s\n", name, d.String())
	}
	return ew.err
}

// Snippet returns the first n words of a clause's own text, after its
// label, with "…" when there is more.
func Snippet(doc *clauses.Document, c *clauses.Clause, n int) string {
	body := string(doc.Text[c.Body.Start:c.Body.End])
	words := strings.Fields(body)
	skip := len(strings.Fields(c.Label))
	for skip < len(words) && strings.Trim(words[skip], "*_#") == "" {
		skip++
	}
	if skip < len(words) && len(strings.Fields(c.Label)) > 0 {
		words = words[skip:]
	}
	for len(words) > 0 && strings.Trim(words[0], "*_#>-") == "" {
		words = words[1:]
	}
	more := len(words) > n
	if more {
		words = words[:n]
	}
	s := strings.Join(words, " ")
	if more {
		s += " …"
	}
	return s
}

// errWriter keeps the first write error so that renderers can print
// freely and check once.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}

// ClauseSchema names the JSON contract of one clause shown in full.
const ClauseSchema = "clausetrack.clause/v1"

// ClauseView is one clause with its full text, sub-clauses included.
type ClauseView struct {
	Schema   string   `json:"schema"`
	Source   string   `json:"source"`
	Clause   Clause   `json:"clause"`
	FullText string   `json:"full_text"`
	Children []string `json:"children"`
}

// NewClause builds the JSON form of one clause of doc.
func NewClause(source string, doc *clauses.Document, c *clauses.Clause) *ClauseView {
	v := &ClauseView{Schema: ClauseSchema, Source: source, FullText: string(doc.Text[c.Span.Start:c.Span.End]), Children: []string{}}
	for _, jc := range NewSegment(source, "", doc).Clauses {
		if jc.ID == c.ID {
			v.Clause = jc
		}
	}
	for _, ch := range c.Children {
		v.Children = append(v.Children, ch.ID)
	}
	return v
}

// ClauseText writes one clause for reading: a header line with its number
// and heading, then its full text as stored.
func ClauseText(w io.Writer, doc *clauses.Document, c *clauses.Clause) error {
	ew := &errWriter{w: w}
	head := c.Tag()
	if c.Heading != "" {
		head += "  " + c.Heading
	}
	ew.printf("%s\n\n%s\n", head, strings.TrimRight(string(doc.Text[c.Span.Start:c.Span.End]), "\n\r\t "))
	return ew.err
}
