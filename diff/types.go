package diff

import "github.com/clausetrack/clausetrack/clauses"

// Kind says what happened to a clause between two versions.
type Kind string

// The kinds of change, in the order summaries list them.
const (
	Unchanged  Kind = "unchanged"
	Modified   Kind = "modified"
	Renumbered Kind = "renumbered"
	Moved      Kind = "moved"
	Added      Kind = "added"
	Removed    Kind = "removed"
	Split      Kind = "split"
	Merged     Kind = "merged"
)

// Kinds lists every kind in summary order.
var Kinds = []Kind{Unchanged, Modified, Renumbered, Moved, Added, Removed, Split, Merged}

// Op is what one edit does to the text.
type Op string

// Edit operations.
const (
	Equal  Op = "equal"
	Insert Op = "insert"
	Delete Op = "delete"
)

// Noise classes: edits a report hides unless asked to be strict.
const (
	NoiseWhitespace = "whitespace"
	NoiseQuotes     = "quotes"
	NoiseDashes     = "dashes"
	NoiseLabel      = "label"
	NoiseMarkup     = "markup" // Markdown emphasis and heading marks, front matter
)

// Edit is one run of a redline. Concatenating the Equal and Insert texts
// of a change gives the new text; Equal and Delete give the old.
type Edit struct {
	Op   Op
	Text string
	// Ignored names the noise class of an insert or delete that reports
	// hide by default ("whitespace", "quotes", "dashes", "label"); empty
	// for a real edit.
	Ignored string
}

// Note kinds.
const (
	NoteModal       = "modal"
	NoteNegation    = "negation"
	NoteExclusivity = "exclusivity"
	NoteNumber      = "number"
	NoteDefinition  = "definition"
	NoteStaleRef    = "stale-reference"
)

// Note is something about a change that counsel care about: a modal
// verb that shifted, an amount that changed, a reference left stale.
type Note struct {
	Kind string
	// Old and New are the words before and after, where there are two
	// sides ("shall", "may"; "30 days", "60 days").
	Old, New string
	// Text says it in words.
	Text string
}

// Pass names the alignment pass that matched a pair.
const (
	PassExact     = "exact"     // identical text, wherever it stands
	PassNumber    = "number"    // same number and heading
	PassSimilar   = "similar"   // content similarity within aligned parents
	PassAnywhere  = "anywhere"  // content similarity across the document
	PassStructure = "structure" // most of their sub-clauses aligned
	PassSplit     = "split"     // one old clause, several new
	PassMerge     = "merge"     // several old clauses, one new
)

// Change is one entry of a comparison.
type Change struct {
	// ID is stable for the same pair of clauses with the same texts, so
	// decisions recorded against it survive recomputing the diff.
	ID   string
	Kind Kind
	// Old is nil for Added and Merged; New is nil for Removed and Split.
	Old, New *clauses.Clause
	// Parts are the new clauses a Split became, or the old clauses a
	// Merged joined, in text order.
	Parts []*clauses.Clause
	// Similarity is 1 for identical texts and 0 for added or removed.
	Similarity float64
	// Pass is the alignment pass that matched the pair; empty for Added
	// and Removed.
	Pass  string
	Edits []Edit
	Notes []Note
}

// Comparison is the alignment of two versions of an agreement, with a
// change for every clause of both.
type Comparison struct {
	Old, New *clauses.Document
	Changes  []Change
	// Ignored counts the edits of each noise class that reports hide.
	Ignored map[string]int
}

// Granularity is the unit of a redline.
type Granularity uint8

// Granularities.
const (
	ByWord Granularity = iota
	ByChar
)

// Options tune a comparison. The zero value is the default.
type Options struct {
	Granularity Granularity
}
