package corpus

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
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
// numbering, as Word shows its number, but gives no block.
func (r *wordReader) finish(p *docPara) {
	b := docBlock{kind: clauses.Paragraph}
	if r.num != nil {
		b.kind, b.level, b.label = r.num.classify(p.props)
	}
	b.plain, b.refs = foldText(p.text, p.refs)
	if b.plain != "" || len(b.refs) > 0 {
		r.deliver(b)
	}
	for _, a := range p.after {
		r.deliver(a)
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
