package clauses

// Source is what an importer hands to [Segment]: the document's text and,
// when the format has structure of its own (Markdown, HTML, Word), the
// blocks a reader sees in it.
//
// For plain text and Markdown, Text is the file's bytes unchanged, so every
// byte offset points into the original file. For other formats Text is the
// extracted text, one block per line.
type Source struct {
	// Name is the file name the text came from, for messages only.
	Name string
	// Format is the importer's name: "txt", "md", "html", "docx", "pdf".
	Format string
	// Text is valid UTF-8.
	Text []byte
	// Blocks are in text order and do not overlap. When Blocks is nil,
	// Segment finds blocks itself from lines (plain text). When it is not
	// nil, Segment trusts it and never splits or joins blocks.
	Blocks []Block
	// Notes are facts the importer wants the user to see, such as
	// "contains 3 tracked changes"; they become diagnostics.
	Notes []string
}

// BlockKind says what a block is in the source's own structure.
type BlockKind uint8

// Block kinds.
const (
	Paragraph BlockKind = iota
	Heading
	ListItem
	TableRow
)

func (k BlockKind) String() string {
	switch k {
	case Heading:
		return "heading"
	case ListItem:
		return "item"
	case TableRow:
		return "row"
	}
	return "para"
}

// Block is one paragraph, heading, list item or table row.
type Block struct {
	Kind BlockKind
	// Level is the heading level (1 to 9) for headings, and the list
	// nesting depth (1 for a top-level list) for list items; 0 otherwise.
	Level int
	// Label is a list label computed by the importer, as the reader sees
	// it: a Markdown item written "1." that renders as "3.", an HTML <ol>
	// item ("b."), a Word automatic number ("7.2(a)" shows as "(a)"). It
	// is authoritative: Segment does not look for another label in Plain.
	// Empty when the block has no computed label; a label typed into the
	// text itself ("1.1 Term") stays in Plain and Segment finds it there.
	// Text may or may not contain Label (Markdown source does not; HTML
	// extracted text does, so that the text reads as the page does).
	Label string
	// Span is the block's bytes in Source.Text, end exclusive. For Markdown
	// it covers the markup too ("## ", "- ", "**"); Plain does not.
	Span Span
	// Plain is the block's text as a reader sees it, with markup removed,
	// white space folded to single spaces and trimmed, and without Label.
	// It is what labels and headings are read from.
	Plain string
}
