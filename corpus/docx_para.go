package corpus

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/clausetrack/clausetrack/clauses"
)

// endPara finishes a paragraph. In the body, a paragraph whose mark is
// gone in the view read (deleted, or inserted when reading the original,
// or hidden) joins the next paragraph, as in Word; elsewhere (cells,
// text boxes, notes) paragraphs are joined by spaces anyway.
func (r *wordReader) endPara() {
	p := r.pop().para
	if p.markIns {
		r.changes.revision('i')
	}
	if p.markDel {
		r.changes.revision('d')
	}
	if len(r.frames) > 0 || r.num == nil {
		r.finish(p)
		return
	}
	p.hasText = len(p.refs) > 0 || strings.TrimFunc(string(p.text), isFoldable) != ""
	if r.pending != nil {
		p = joinParas(r.pending, p)
		r.pending = nil
	}
	if p.markHidden || p.markDel && !r.original || p.markIns && r.original {
		r.pending = p
		return
	}
	r.finish(p)
}

// joinParas joins paragraph a, whose mark is gone, with the next one b.
// The joined paragraph keeps a's properties (its style and number) when
// a has text, and b's when a is empty, as when a whole paragraph was
// inserted or deleted.
func joinParas(a, b *docPara) *docPara {
	j := *b
	if a.hasText {
		j.props = a.props
	}
	j.hasText = a.hasText || b.hasText
	j.text = append(a.text, b.text...)
	j.refs = a.refs
	for _, ref := range b.refs {
		ref.at += len(a.text)
		j.refs = append(j.refs, ref)
	}
	j.breaks = a.breaks
	for _, at := range b.breaks {
		j.breaks = append(j.breaks, at+len(a.text))
	}
	j.firstRun = a.firstRun
	if a.firstRun < 0 && b.firstRun >= 0 {
		j.firstRun = b.firstRun + len(a.text)
	}
	j.after = append(a.after, b.after...)
	return &j
}

// flushPending finishes a paragraph left waiting for the next one.
func (r *wordReader) flushPending() {
	if r.pending != nil {
		p := r.pending
		r.pending = nil
		r.finish(p)
	}
}

// finish numbers a paragraph, folds its text and delivers it and the
// blocks of its text boxes. An empty paragraph still counts for
// numbering, as Word shows its number, but gives no block. A paragraph
// whose line breaks start clauses gives a block per clause: the first
// keeps the paragraph's kind and number, the others are plain paragraphs.
func (r *wordReader) finish(p *docPara) {
	first := docBlock{kind: clauses.Paragraph}
	if r.num != nil {
		first.kind, first.level, first.label = r.num.classify(p.props)
	}
	unglueLabel(p)
	start, refs := 0, p.refs
	for i, end := range splitAtLabels(p.text, p.breaks, p.refs) {
		b := docBlock{kind: clauses.Paragraph}
		if i == 0 {
			b = first
		}
		// A reference at a block's end belongs to it: its mark came
		// before the break.
		n := 0
		for n < len(refs) && refs[n].at <= end {
			n++
		}
		b.plain, b.refs = foldText(p.text[start:end], shiftRefs(refs[:n], -start))
		refs, start = refs[n:], end
		if b.plain != "" || len(b.refs) > 0 {
			r.size += len(b.label) + len(b.plain) + 2
			r.deliver(b)
		}
	}
	for _, a := range p.after {
		r.deliver(a)
	}
}

// breakLabel matches a clause label at the start of a line: "(a)",
// "(iv)", "a)", "12)", "1.", "1.2", "Section 3", "ARTICLE IV", "§ 4".
// Bare letters with a dot ("J.") are left out: after a line break they
// are more often initials than clause labels.
var breakLabel = regexp.MustCompile(`^(?:\([0-9A-Za-z]{1,5}\)|(?:\d{1,3}|[A-Za-z]|[ivxIVX]{1,6})\)|\d{1,3}(?:\.\d{1,3})*\.|\d{1,3}(?:\.\d{1,3})+|` +
	`(?:Section|SECTION|Clause|CLAUSE|Article|ARTICLE|Schedule|SCHEDULE|Exhibit|EXHIBIT|Annex|ANNEX|Appendix|APPENDIX|Part|PART)\s+[0-9A-Za-z]{1,6}(?:\.\d{1,3})*\.?|§{1,2}\s*\d{1,3}(?:\.\d{1,3})*\.?)(?:\s|$)`)

// splitAtLabels returns the ends of the blocks a paragraph's raw text
// gives, the last being len(text): it splits at each line break that is
// followed by a clause label (breakLabel), with no note mark between,
// and preceded by visible text. It reads a few dozen bytes after each
// break, so that a paragraph of many breaks costs no more than its
// length. breaks and refs are in text order.
func splitAtLabels(text []byte, breaks []int, refs []noteRef) []int {
	var ends []int
	start, r := 0, 0
	for _, at := range breaks {
		if at <= start || at >= len(text) {
			continue
		}
		i, limit := at, min(at+64, len(text))
		for i < limit && isFoldableByte(text[i]) {
			i++
		}
		for r < len(refs) && refs[r].at <= at {
			r++
		}
		if r < len(refs) && refs[r].at <= i || !breakLabel.Match(text[i:min(i+48, len(text))]) ||
			bytes.IndexFunc(text[start:at], func(c rune) bool { return !isFoldable(c) }) < 0 {
			continue
		}
		ends = append(ends, at)
		start = at
	}
	return append(ends, len(text))
}

// isFoldableByte reports whether an ASCII byte is white space; the
// invisible characters isFoldable also counts are not ASCII.
func isFoldableByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

// runLabel matches a paragraph's first run that is only a label: "(a)",
// "(iv)", "a)", "1.", "1.2", "a.", "iv.".
var runLabel = regexp.MustCompile(`^(?:\([0-9A-Za-z]{1,5}\)|(?:\d{1,3}|[A-Za-z]|[ivxIVX]{1,6})[.)]|\d{1,3}(?:\.\d{1,3})+\.?)$`)

// unglueLabel puts a space between a paragraph's first run, when it is
// only a label, and a next run that starts with a word: a producer that
// splits "(a) Headings" into the runs "(a)" and "Headings" lays them out
// with a tab or an indent that the text does not hold. "e." then "g."
// is left alone.
func unglueLabel(p *docPara) {
	f := p.firstRun
	if f <= 0 || f >= len(p.text) {
		return
	}
	label := bytes.TrimLeftFunc(p.text[:f], isFoldable)
	c, n := utf8.DecodeRune(p.text[f:])
	if len(label) > 16 || !unicode.IsLetter(c) || f+n < len(p.text) && p.text[f+n] == '.' || !runLabel.Match(label) {
		return
	}
	for _, ref := range p.refs {
		if ref.at == f {
			return // a note mark sits between the label and the text
		}
	}
	text := make([]byte, 0, len(p.text)+1)
	text = append(append(append(text, p.text[:f]...), ' '), p.text[f:]...)
	p.text = text
	for i := range p.refs {
		if p.refs[i].at > f {
			p.refs[i].at++
		}
	}
	for i := range p.breaks {
		if p.breaks[i] > f {
			p.breaks[i]++
		}
	}
}

// deliver hands a finished block to the innermost frame that collects
// blocks, or to the document.
func (r *wordReader) deliver(b docBlock) {
	for i := len(r.frames) - 1; i >= 0; i-- {
		f := r.frames[i]
		switch f.kind {
		case framePara:
			f.para.after = append(f.para.after, b)
			return
		case frameCell, frameNote:
			s, refs := b.plain, b.refs
			if b.label != "" {
				s = b.label + " " + s
				refs = shiftRefs(refs, len(b.label)+1)
			}
			f.line.add(s, refs)
			return
		}
	}
	r.out = append(r.out, b)
}

// shiftRefs returns refs moved n bytes on.
func shiftRefs(refs []noteRef, n int) []noteRef {
	out := make([]noteRef, len(refs))
	for i, ref := range refs {
		ref.at += n
		out[i] = ref
	}
	return out
}

// readPPr reads a paragraph's properties: its style, numbering, outline
// level, and what happened to its mark. Revisions of the properties
// themselves (w:pPrChange) are skipped.
func (r *wordReader) readPPr(p *docPara) error {
	base := r.x.depth
	rPr := -1 // depth of the paragraph mark's w:rPr, when open
	for {
		tok, err := r.x.next()
		if err != nil {
			return eofIsMalformed(err, r.x)
		}
		switch t := tok.(type) {
		case xml.EndElement:
			if r.x.depth < base {
				return nil
			}
			if r.x.depth < rPr {
				rPr = -1
			}
		case xml.StartElement:
			if !isW(t.Name.Space) {
				continue
			}
			switch t.Name.Local {
			case "pPrChange", "rPrChange", "sectPr":
				if err := r.x.skip(); err != nil {
					return err
				}
			case "pStyle":
				p.props.style = attrOf(t, "val")
			case "numId":
				p.props.numID, p.props.hasNum = atoiAttr(t, p.props.numID, p.props.hasNum)
			case "ilvl":
				p.props.ilvl, p.props.hasIlvl = atoiAttr(t, p.props.ilvl, p.props.hasIlvl)
			case "outlineLvl":
				if v, ok := atoiAttr(t, 0, false); ok && v >= 0 && v <= 9 {
					p.props.outline = v
				}
			case "rPr":
				if r.x.depth == base+1 {
					rPr = r.x.depth
				}
			case "ins", "moveTo", "del", "moveFrom", "vanish", "specVanish":
				if rPr < 0 || r.x.depth != rPr+1 {
					continue
				}
				switch t.Name.Local {
				case "ins", "moveTo":
					p.markIns = true
				case "del", "moveFrom":
					p.markDel = true
				default:
					p.markHidden = p.markHidden || onOff(t)
				}
			}
		}
	}
}

// readRPr reads a run's properties: only whether it is hidden.
func (r *wordReader) readRPr() error {
	base := r.x.depth
	for {
		tok, err := r.x.next()
		if err != nil {
			return eofIsMalformed(err, r.x)
		}
		switch t := tok.(type) {
		case xml.EndElement:
			if r.x.depth < base {
				return nil
			}
		case xml.StartElement:
			switch {
			case !isW(t.Name.Space):
			case t.Name.Local == "rPrChange":
				if err := r.x.skip(); err != nil {
					return err
				}
			case t.Name.Local == "vanish" && r.x.depth == base+1:
				r.runHidden = onOff(t)
			}
		}
	}
}

// readTrPr reads a table row's properties: whether the row is deleted
// (or inserted, when reading the original), so that it is dropped. The
// row's revision is counted here, as its cells may not be read.
func (r *wordReader) readTrPr() error {
	base := r.x.depth
	f := r.top()
	for {
		tok, err := r.x.next()
		if err != nil {
			return eofIsMalformed(err, r.x)
		}
		switch t := tok.(type) {
		case xml.EndElement:
			if r.x.depth < base {
				return nil
			}
		case xml.StartElement:
			if !isW(t.Name.Space) || r.x.depth != base+1 || f == nil || f.kind != frameRow {
				continue
			}
			switch t.Name.Local {
			case "del":
				r.changes.revision('d')
				f.dropped = f.dropped || !r.original
			case "ins":
				r.changes.revision('i')
				f.dropped = f.dropped || r.original
			}
		}
	}
}

// eofIsMalformed turns the end of a part inside an element into an
// error.
func eofIsMalformed(err error, x *xmlReader) error {
	if errors.Is(err, io.EOF) {
		return fmt.Errorf("malformed XML in %s: unexpected end of the part", x.part)
	}
	return err
}

// atoiAttr reads an element's integer w:val. On a bad value it returns
// old and had unchanged.
func atoiAttr(se xml.StartElement, old int, had bool) (int, bool) {
	v, ok := parseSmallInt(attrOf(se, "val"))
	if !ok {
		return old, had
	}
	return v, true
}

// parseSmallInt parses a decimal integer of at most nine digits, with an
// optional sign, so that counters built from it cannot overflow.
func parseSmallInt(s string) (int, bool) {
	s = strings.TrimSpace(s)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(strings.TrimPrefix(s, "-"), "+")
	if s == "" || len(s) > 9 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	if neg {
		n = -n
	}
	return n, true
}

// onOff reads a WordprocessingML on/off property: present means on,
// unless its w:val says "0", "false" or "off".
func onOff(se xml.StartElement) bool {
	switch attrOf(se, "val") {
	case "0", "false", "off":
		return false
	}
	return true
}

// isFoldable reports whether r is white space or an invisible character
// that folding removes.
func isFoldable(r rune) bool {
	return unicode.IsSpace(r) || r == '\ufeff' || r == '\u200b' || r == '\u00ad'
}

// foldText folds a paragraph's raw text to its Plain form: runs of white
// space become one space, the ends are trimmed, and invisible characters
// (byte order marks, zero width spaces, soft hyphens) and invalid UTF-8
// are dropped. refs are moved to the matching offsets.
func foldText(raw []byte, refs []noteRef) (string, []noteRef) {
	var b strings.Builder
	b.Grow(len(raw))
	out := make([]noteRef, 0, len(refs))
	space := false
	for i := 0; i <= len(raw); {
		for len(refs) > 0 && refs[0].at <= i {
			ref := refs[0]
			ref.at = b.Len()
			out = append(out, ref)
			refs = refs[1:]
		}
		if i == len(raw) {
			break
		}
		c, n := utf8.DecodeRune(raw[i:])
		i += n
		switch {
		case c == utf8.RuneError && n <= 1:
		case unicode.IsSpace(c):
			space = b.Len() > 0
		case isFoldable(c):
		default:
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteRune(c)
		}
	}
	if len(out) == 0 {
		out = nil
	}
	return b.String(), out
}
