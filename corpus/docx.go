package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/clausetrack/clausetrack/clauses"
)

// Limits on a .docx package. They bound the memory and time one import
// can take, whatever the file holds: zip bombs (parts that expand a
// thousandfold), packages of millions of entries, XML nested without end.
const (
	// docxMaxEntries is the most entries a package may hold. Word writes
	// a few dozen; documents full of images, a few hundred.
	docxMaxEntries = 10000
	// docxMaxTotal is the most bytes all entries together may expand to.
	docxMaxTotal = 200 << 20
	// docxMaxRatio is the highest compression ratio a part larger than
	// docxRatioFloor may have. Word's XML compresses about 10:1.
	docxMaxRatio   = 100
	docxRatioFloor = 1 << 20
	// docxMaxDepth is the deepest XML element nesting read. Word's
	// deepest real structures (tables in text boxes in tables) stay
	// under 60.
	docxMaxDepth = 256
	// docxMaxBlocks is the most blocks one document may give: about
	// 250 times a long agreement.
	docxMaxBlocks = 500000
	// docxMaxText is the most bytes of text one document may give, notes
	// and labels included: twice the largest file read.
	docxMaxText = 2 * MaxFileSize
)

// Errors about a file that is not a readable Word document. Their
// messages are what the user sees after the file name.
var (
	errDOCXNotZip     = errors.New("not a Word document: the file is not a valid .docx (zip) package")
	errDOCXEncrypted  = errors.New("the document is password-protected; remove the password in Word and save again")
	errDOCXOldDoc     = errors.New("this is an old binary Word file (.doc) renamed .docx; save it as .docx")
	errDOCXRTF        = errors.New("this is an RTF file renamed .docx; save it as .docx")
	errDOCXZipBomb    = errors.New("the file may be a zip bomb")
	errDOCXMissingDoc = errors.New("not a Word document: the package has no word/document.xml")
)

// importDOCX extracts the text a reader of a Word document sees, one
// block per line, the way importHTML does for a page: each block is one
// line of Text ended by "\n", its Span is that line without the "\n",
// and the line reads Label + " " + Plain when the block has a Label.
// Name and Format are left to the caller.
//
// Paragraphs become blocks. A paragraph numbered by Word's automatic
// numbering gets the number Word shows as its Label (see the comment on
// numbering in docx_numbering.go) and is a ListItem at level ilvl+1, or
// a Heading when its style chain or outline level makes it one (Heading
// 1 to 9, Title, styles based on them, w:outlineLvl). Inside paragraphs
// the importer reads runs, hyperlinks, field results (never the field
// code), content controls (their content, not their properties), smart
// tags and custom XML, and math text; w:tab, w:ptab, w:br and w:cr read
// as a space, w:noBreakHyphen as "-"; hidden runs (w:vanish) and ruby
// text are skipped. A line break (w:br that is not a page or column
// break, w:cr) followed by a clause label such as "(a)", "1.2" or
// "Section 3" starts a new block, a Paragraph without a Label, as <br>
// does in HTML; other line breaks stay spaces, so that an address or a
// sentence wrapped by hand stays one block. When a paragraph's first run
// is only a label ("(a)", "1.2", "iv.") and the next run starts with a
// letter, a space is put between them, as Word's layout shows one. Of
// each mc:AlternateContent the first mc:Choice is read and the
// mc:Fallback skipped, so a text box is read once; its
// paragraphs become blocks after the paragraph that anchors it. Each
// table row is one TableRow block: its cells, and the paragraphs of each
// cell (with their numbers), joined by spaces; a table inside a cell is
// read as part of that cell.
//
// A footnote or endnote reference becomes "[N]" where it is anchored, and
// the notes follow the body under the headings "Footnotes" and
// "Endnotes", one Paragraph block each labelled "[N]". Notes are numbered
// in the order they are first referred to, endnotes on from the last
// footnote, so that every marker names one note; a note referred to
// again keeps its number and is listed once.
//
// Tracked changes are resolved as opt.Tracked says: "" and "current"
// keep insertions (w:ins, w:moveTo) and drop deletions (w:del,
// w:moveFrom); "original" does the reverse. A body paragraph whose mark
// is gone in that view (deleted, or inserted when reading the original,
// or hidden as Word's style separator is) joins the next paragraph, as
// in Word; the joined paragraph keeps the first one's style and number
// unless the first had no text left. Deleted table rows are dropped.
// Formatting revisions (w:rPrChange, w:pPrChange) are ignored. A
// document with tracked changes gets a note saying how many there are
// and which text was imported.
//
// Not read: headers, footers, comments, the glossary, embedded objects
// and w:altChunk content; a custom footnote mark is read as text and the
// note numbered all the same.
//
// Errors name the problem: not a zip package, encrypted, an old .doc, a
// part that is missing, malformed or too large, a limit exceeded (among
// them docxMaxText bytes of extracted text).
func importDOCX(data []byte, opt ImportOptions) (*clauses.Source, error) {
	return importDOCXWithin(data, opt, docxMaxText)
}

// importDOCXWithin is importDOCX with maxText, the most bytes of text the
// document may give, as a parameter, so that tests can reach it.
func importDOCXWithin(data []byte, opt ImportOptions, maxText int) (*clauses.Source, error) {
	var original bool
	switch opt.Tracked {
	case "", "current":
	case "original":
		original = true
	default:
		return nil, fmt.Errorf("unknown tracked-changes mode %q (want current or original)", opt.Tracked)
	}
	pkg, err := openDOCX(data)
	if err != nil {
		return nil, err
	}
	parts, err := pkg.mainParts()
	if err != nil {
		return nil, err
	}
	styles, err := readStyles(pkg, parts[relStyles])
	if err != nil {
		return nil, err
	}
	num, err := readNumbering(pkg, parts[relNumbering], styles)
	if err != nil {
		return nil, err
	}
	changes := &changeCounter{}
	body := newWordReader(original, changes, num, maxText)
	if err := pkg.parse(parts[relOfficeDocument], body.run); err != nil {
		return nil, err
	}
	notes := map[bool]map[string]string{}
	for _, endnote := range []bool{false, true} {
		if !body.cites[endnote] {
			continue
		}
		rel := relFootnotes
		if endnote {
			rel = relEndnotes
		}
		r := newWordReader(original, changes, nil, maxText)
		if name := parts[rel]; name != "" && pkg.has(name) {
			if err := pkg.parse(name, r.run); err != nil {
				return nil, err
			}
		}
		notes[endnote] = r.noteText
	}
	src, err := assemble(body.out, notes, maxText)
	if err != nil {
		return nil, err
	}
	if n := changes.ins + changes.del; n > 0 {
		src.Notes = append(src.Notes, changes.note(original))
	}
	return src, nil
}

// noteKey names a footnote or an endnote.
type noteKey struct {
	endnote bool
	id      string
}

// assemble lays the blocks out as lines of text, numbers the note
// references, and appends the notes, each once however often it is
// referred to. It fails when the text would pass maxText bytes.
func assemble(blocks []docBlock, notes map[bool]map[string]string, maxText int) (*clauses.Source, error) {
	// Footnotes are numbered first, so that endnotes can go on from the
	// last of them.
	number := map[noteKey]int{}
	footnotes := 0
	for _, b := range blocks {
		for _, ref := range b.refs {
			if k := (noteKey{false, ref.id}); !ref.endnote && number[k] == 0 {
				footnotes++
				number[k] = footnotes
			}
		}
	}
	nextEndnote := footnotes + 1
	listed := map[noteKey]bool{}
	var cited [2][]docBlock // the notes, in number order: footnotes, endnotes
	src := &clauses.Source{Blocks: make([]clauses.Block, 0, len(blocks))}
	var text bytes.Buffer
	add := func(kind clauses.BlockKind, level int, label, plain string) error {
		if text.Len()+len(label)+len(plain)+2 > maxText {
			return errTextTooLarge(maxText)
		}
		start := text.Len()
		if label != "" {
			text.WriteString(label)
			text.WriteByte(' ')
		}
		text.WriteString(plain)
		src.Blocks = append(src.Blocks, clauses.Block{Kind: kind, Level: level, Label: label,
			Span: clauses.Span{Start: start, End: text.Len()}, Plain: plain})
		text.WriteByte('\n')
		return nil
	}
	for _, b := range blocks {
		plain := b.plain
		if len(b.refs) > 0 {
			var sb strings.Builder
			last := 0
			for _, ref := range b.refs {
				k := noteKey{ref.endnote, ref.id}
				if number[k] == 0 {
					number[k] = nextEndnote
					nextEndnote++
				}
				marker := "[" + strconv.Itoa(number[k]) + "]"
				sb.WriteString(plain[last:ref.at])
				sb.WriteString(marker)
				last = ref.at
				if listed[k] {
					continue
				}
				listed[k] = true
				if body := foldSpace(notes[ref.endnote][ref.id]); body != "" {
					i := 0
					if ref.endnote {
						i = 1
					}
					cited[i] = append(cited[i], docBlock{label: marker, plain: body})
				}
			}
			sb.WriteString(plain[last:])
			plain = sb.String()
		}
		if err := add(b.kind, b.level, b.label, plain); err != nil {
			return nil, err
		}
	}
	for i, heading := range []string{"Footnotes", "Endnotes"} {
		if len(cited[i]) == 0 {
			continue
		}
		if err := add(clauses.Heading, 1, "", heading); err != nil {
			return nil, err
		}
		for _, n := range cited[i] {
			if err := add(clauses.Paragraph, 0, n.label, n.plain); err != nil {
				return nil, err
			}
		}
	}
	src.Text = text.Bytes()
	return src, nil
}

// errTextTooLarge says that a document gives more than maxText bytes of
// text.
func errTextTooLarge(maxText int) error {
	size := strconv.Itoa(maxText) + " bytes"
	if maxText%(1<<20) == 0 {
		size = strconv.Itoa(maxText>>20) + " MB"
	}
	return fmt.Errorf("the document's text is larger than %s", size)
}

// changeCounter counts tracked changes the way a reader counts them:
// a run of adjacent revisions of one kind, even across runs and
// paragraph marks, is one change.
type changeCounter struct {
	ins, del int
	last     byte // 'i' or 'd': the kind of the latest revision
	open     bool // no unrevised text since the latest revision
}

// revision records a revision of kind 'i' (insertion) or 'd' (deletion).
func (c *changeCounter) revision(kind byte) {
	if !c.open || c.last != kind {
		if kind == 'i' {
			c.ins++
		} else {
			c.del++
		}
	}
	c.last, c.open = kind, true
}

// text records unrevised text: the next revision is a new change.
func (c *changeCounter) text() { c.open = false }

// note says how many changes there were and which text was imported.
func (c *changeCounter) note(original bool) string {
	var parts []string
	if c.ins > 0 {
		parts = append(parts, countOf(c.ins, "insertion"))
	}
	if c.del > 0 {
		parts = append(parts, countOf(c.del, "deletion"))
	}
	which := "current"
	if original {
		which = "original"
	}
	return fmt.Sprintf("contains %s (%s); the %s text was imported",
		countOf(c.ins+c.del, "tracked change"), strings.Join(parts, ", "), which)
}

// countOf writes n and a noun: "1 insertion", "3 insertions".
func countOf(n int, noun string) string {
	return strconv.Itoa(n) + " " + noun + plural(n)
}
