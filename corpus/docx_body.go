package corpus

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"

	"github.com/clausetrack/clausetrack/clauses"
)

// XML namespaces of the elements read. Word writes the transitional
// ones; "strict" OOXML uses the purl.oclc.org ones.
const (
	nsW          = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsWStrict    = "http://purl.oclc.org/ooxml/wordprocessingml/main"
	nsMC         = "http://schemas.openxmlformats.org/markup-compatibility/2006"
	nsMath       = "http://schemas.openxmlformats.org/officeDocument/2006/math"
	nsMathStrict = "http://purl.oclc.org/ooxml/officeDocument/math"
)

// isW reports whether an element is WordprocessingML. An unbound "w"
// prefix, left by writers that forget the declaration, counts too.
func isW(space string) bool { return space == nsW || space == nsWStrict || space == "w" }

// isMC reports whether an element is markup compatibility, likewise.
func isMC(space string) bool { return space == nsMC || space == "mc" }

// docBlock is a finished block before layout: its Plain text has no note
// markers yet, refs say where they go.
type docBlock struct {
	kind  clauses.BlockKind
	level int
	label string
	plain string
	refs  []noteRef
}

// noteRef is a footnote or endnote reference at byte offset at of a
// block's plain text.
type noteRef struct {
	at      int
	endnote bool
	id      string
}

// paraProps are the paragraph properties that decide a block's kind and
// number: its style, its own numbering and outline level.
type paraProps struct {
	style   string
	numID   int
	ilvl    int
	hasNum  bool // a w:numId of its own (0 switches numbering off)
	hasIlvl bool
	outline int // w:outlineLvl 0 to 9, or -1
}

// docPara is a paragraph being read.
type docPara struct {
	props paraProps
	text  []byte // raw text: white space is folded when it ends
	refs  []noteRef
	// breaks are the offsets in text of its line breaks, where a new
	// block may start (see splitAtLabels).
	breaks []int
	// runStart is the offset in text where the open run started, and
	// firstRun where the first run with visible text ended, or -1.
	runStart, firstRun int
	// Revisions of the paragraph mark, and whether the mark is hidden.
	markIns, markDel, markHidden bool
	hasText                      bool       // set when a body paragraph ends
	after                        []docBlock // text boxes anchored in it, read as their own blocks
}

// frameKind is what an open frame collects.
type frameKind uint8

// Frame kinds.
const (
	framePara frameKind = iota
	frameRow
	frameCell
	frameNote
)

// frame is an open element that collects finished blocks: a paragraph
// collects the blocks of its text boxes, a row its cells, a cell and a
// note their paragraphs as one line.
type frame struct {
	kind    frameKind
	para    *docPara
	line    lineBuf   // frameCell, frameNote
	cells   []lineBuf // frameRow
	dropped bool      // frameRow: the row is deleted in the view read
	id      string    // frameNote
}

// lineBuf joins pieces of text with single spaces, keeping the note
// references that point into them.
type lineBuf struct {
	b    []byte
	refs []noteRef
}

// add appends a piece.
func (l *lineBuf) add(s string, refs []noteRef) {
	if s == "" && len(refs) == 0 {
		return
	}
	if len(l.b) > 0 {
		l.b = append(l.b, ' ')
	}
	for _, r := range refs {
		r.at += len(l.b)
		l.refs = append(l.refs, r)
	}
	l.b = append(l.b, s...)
}

// elemKind says what an open element is, so that its end is handled.
type elemKind uint8

// Element kinds; elemOther is every element whose end needs nothing.
const (
	elemOther elemKind = iota
	elemPara
	elemRun
	elemText
	elemRow
	elemCell
	elemAlt
	elemRevision
	elemNote
)

// openElem is one open element: its kind, and the state its end
// restores.
type openElem struct {
	kind  elemKind
	saved bool
}

// wordReader reads one WordprocessingML part (the main document, the
// footnotes or the endnotes) as blocks. It is used once.
type wordReader struct {
	x        *xmlReader
	original bool // read the original text of tracked changes
	changes  *changeCounter
	num      *numbering // nil when reading notes: they are not numbered

	stack     []openElem
	frames    []*frame
	cur       *docPara // the innermost open paragraph, or nil
	runHidden bool     // the current run is hidden (w:vanish)
	inText    bool     // inside w:t, w:delText or m:t
	revisions int      // revision elements open around the text
	fields    []bool   // open complex fields: true while the field code is read
	inCode    int      // fields in the code part
	alt       []bool   // open mc:AlternateContent: whether a branch was read

	pending  *docPara   // a body paragraph whose mark is gone, to join the next
	out      []docBlock // the blocks of the main document
	cites    map[bool]bool
	noteText map[string]string // notes part: note id to its text

	size, maxText int // bytes of text in the blocks made, and the most allowed
}

// newWordReader returns a reader; num is nil for notes parts. The blocks
// it makes may hold at most maxText bytes of text.
func newWordReader(original bool, changes *changeCounter, num *numbering, maxText int) *wordReader {
	return &wordReader{original: original, changes: changes, num: num, maxText: maxText,
		cites: map[bool]bool{}, noteText: map[string]string{}}
}

// run reads the whole part.
func (r *wordReader) run(x *xmlReader) error {
	r.x = x
	r.changes.open = false
	for {
		tok, err := x.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			err = r.start(t)
		case xml.EndElement:
			r.end()
		case xml.CharData:
			if r.inText && r.cur != nil && !r.runHidden && r.inCode == 0 {
				r.cur.text = append(r.cur.text, t...)
				if r.revisions == 0 && len(bytes.TrimSpace(t)) > 0 {
					r.changes.text()
				}
			}
		}
		if err != nil {
			return err
		}
		if len(r.out) > docxMaxBlocks {
			return fmt.Errorf("%s: more than %d paragraphs", x.part, docxMaxBlocks)
		}
		if r.size > r.maxText {
			return errTextTooLarge(r.maxText)
		}
	}
	r.flushPending()
	return nil
}

// push records an open element.
func (r *wordReader) push(kind elemKind, saved bool) {
	r.stack = append(r.stack, openElem{kind, saved})
}

// start handles an element's start tag.
func (r *wordReader) start(se xml.StartElement) error {
	switch {
	case isMC(se.Name.Space):
		return r.alternate(se)
	case (se.Name.Space == nsMath || se.Name.Space == nsMathStrict) && se.Name.Local == "t":
		r.push(elemText, r.inText)
		r.inText = true
		return nil
	}
	if !isW(se.Name.Space) {
		r.push(elemOther, false)
		return nil
	}
	switch se.Name.Local {
	case "p":
		p := &docPara{props: paraProps{outline: -1}, firstRun: -1}
		r.frames = append(r.frames, &frame{kind: framePara, para: p})
		r.cur = p
		r.push(elemPara, false)
	case "pPr":
		if r.cur == nil || len(r.stack) == 0 || r.stack[len(r.stack)-1].kind != elemPara {
			return r.x.skip()
		}
		return r.readPPr(r.cur)
	case "r":
		r.push(elemRun, r.runHidden)
		r.runHidden = false
		if r.cur != nil {
			r.cur.runStart = len(r.cur.text)
		}
	case "rPr":
		if len(r.stack) == 0 || r.stack[len(r.stack)-1].kind != elemRun {
			return r.x.skip()
		}
		return r.readRPr()
	case "t":
		r.push(elemText, r.inText)
		r.inText = true
	case "delText":
		r.push(elemText, r.inText)
		r.inText = r.original
	case "br", "cr":
		if kind := attrOf(se, "type"); kind == "" || kind == "textWrapping" {
			r.lineBreak()
		} else {
			r.addText(" ") // a page or column break
		}
		r.push(elemOther, false)
	case "tab", "ptab":
		r.addText(" ")
		r.push(elemOther, false)
	case "noBreakHyphen":
		r.addText("-")
		r.push(elemOther, false)
	case "fldChar":
		r.fieldChar(attrOf(se, "fldCharType"))
		return r.x.skip()
	case "footnoteReference", "endnoteReference":
		endnote := se.Name.Local == "endnoteReference"
		if r.num != nil && r.cur != nil && !r.runHidden && r.inCode == 0 {
			r.cur.refs = append(r.cur.refs, noteRef{at: len(r.cur.text), endnote: endnote, id: attrOf(se, "id")})
			r.cites[endnote] = true
		}
		return r.x.skip()
	case "ins", "moveTo", "del", "moveFrom":
		ins := se.Name.Local == "ins" || se.Name.Local == "moveTo"
		if ins {
			r.changes.revision('i')
		} else {
			r.changes.revision('d')
		}
		if ins == r.original {
			return r.x.skip()
		}
		r.revisions++
		r.push(elemRevision, false)
	case "tbl":
		if len(r.frames) == 0 {
			r.flushPending()
		}
		r.push(elemOther, false)
	case "tr":
		r.frames = append(r.frames, &frame{kind: frameRow})
		r.cur = nil
		r.push(elemRow, false)
	case "trPr":
		return r.readTrPr()
	case "tc":
		if f := r.top(); f != nil && f.kind == frameRow && f.dropped {
			return r.x.skip()
		}
		r.frames = append(r.frames, &frame{kind: frameCell})
		r.cur = nil
		r.push(elemCell, false)
	case "footnote", "endnote":
		if r.num != nil || (attrOf(se, "type") != "" && attrOf(se, "type") != "normal") {
			return r.x.skip()
		}
		r.frames = append(r.frames, &frame{kind: frameNote, id: attrOf(se, "id")})
		r.cur = nil
		r.push(elemNote, false)
	case "instrText", "delInstrText", "sdtPr", "sdtEndPr", "rPrChange", "pPrChange",
		"sectPr", "tblPr", "tblGrid", "tcPr", "tblPrEx", "footnoteRef", "endnoteRef",
		"separator", "continuationSeparator", "object", "rt", "background":
		return r.x.skip()
	default:
		r.push(elemOther, false)
	}
	return nil
}

// alternate handles markup-compatibility elements: of each
// mc:AlternateContent, the first mc:Choice is read and the rest,
// mc:Fallback included, skipped; a Fallback is read only when there was
// no Choice.
func (r *wordReader) alternate(se xml.StartElement) error {
	switch se.Name.Local {
	case "AlternateContent":
		r.alt = append(r.alt, false)
		r.push(elemAlt, false)
	case "Choice", "Fallback":
		if n := len(r.alt); n > 0 {
			if r.alt[n-1] {
				return r.x.skip()
			}
			r.alt[n-1] = true
		}
		r.push(elemOther, false)
	default:
		r.push(elemOther, false)
	}
	return nil
}

// end handles an element's end tag.
func (r *wordReader) end() {
	n := len(r.stack)
	if n == 0 {
		return
	}
	e := r.stack[n-1]
	r.stack = r.stack[:n-1]
	switch e.kind {
	case elemPara:
		r.endPara()
	case elemRun:
		r.runHidden = e.saved
		r.endRun()
	case elemText:
		r.inText = e.saved
	case elemRow:
		f := r.pop()
		if !f.dropped {
			var row lineBuf
			for _, c := range f.cells {
				row.add(string(c.b), c.refs)
			}
			if len(row.b) > 0 || len(row.refs) > 0 {
				r.deliver(docBlock{kind: clauses.TableRow, plain: string(row.b), refs: row.refs})
			}
		}
	case elemCell:
		f := r.pop()
		if t := r.top(); t != nil && t.kind == frameRow {
			t.cells = append(t.cells, f.line)
		} else {
			r.deliver(docBlock{plain: string(f.line.b), refs: f.line.refs})
		}
	case elemAlt:
		r.alt = r.alt[:len(r.alt)-1]
	case elemRevision:
		r.revisions--
	case elemNote:
		f := r.pop()
		r.noteText[f.id] = string(f.line.b)
	}
}

// top returns the innermost open frame, or nil.
func (r *wordReader) top() *frame {
	if len(r.frames) == 0 {
		return nil
	}
	return r.frames[len(r.frames)-1]
}

// pop closes the innermost frame.
func (r *wordReader) pop() *frame {
	f := r.frames[len(r.frames)-1]
	r.frames = r.frames[:len(r.frames)-1]
	r.cur = nil
	if t := r.top(); t != nil && t.kind == framePara {
		r.cur = t.para
	}
	return f
}

// addText appends text to the current paragraph when it is visible.
func (r *wordReader) addText(s string) {
	if r.cur != nil && !r.runHidden && r.inCode == 0 {
		r.cur.text = append(r.cur.text, s...)
	}
}

// lineBreak records a line break in the current paragraph when it is
// visible; it reads as a space unless it starts a new block.
func (r *wordReader) lineBreak() {
	if r.cur != nil && !r.runHidden && r.inCode == 0 {
		r.cur.breaks = append(r.cur.breaks, len(r.cur.text))
		r.cur.text = append(r.cur.text, ' ')
	}
}

// endRun notes where the paragraph's first run with visible text ends.
func (r *wordReader) endRun() {
	p := r.cur
	if p != nil && p.firstRun < 0 && p.runStart <= len(p.text) &&
		bytes.IndexFunc(p.text[p.runStart:], func(c rune) bool { return !isFoldable(c) }) >= 0 {
		p.firstRun = len(p.text)
	}
}

// fieldChar follows complex fields: the code between "begin" and
// "separate" is hidden, the result between "separate" and "end" shown.
func (r *wordReader) fieldChar(kind string) {
	n := len(r.fields)
	switch kind {
	case "begin":
		r.fields = append(r.fields, true)
		r.inCode++
	case "separate":
		if n > 0 && r.fields[n-1] {
			r.fields[n-1] = false
			r.inCode--
		}
	case "end":
		if n > 0 {
			if r.fields[n-1] {
				r.inCode--
			}
			r.fields = r.fields[:n-1]
		}
	}
}
