package corpus

import (
	"encoding/xml"
	"io"
	"strings"
)

// wordStyle is what the importer needs of one w:style in styles.xml.
type wordStyle struct {
	id, name, basedOn string
	numID, ilvl       int
	hasNum, hasIlvl   bool
	outline           int // w:outlineLvl 0 to 9, or -1
}

// styleSheet holds a document's styles by id.
type styleSheet struct {
	byID        map[string]*wordStyle
	defaultPara string // the style of paragraphs without a w:pStyle
}

// maxStyleChain bounds a walk up w:basedOn links, which can loop in a
// damaged file.
const maxStyleChain = 16

// chain returns the style and the styles it is based on, nearest first.
func (s *styleSheet) chain(id string) []string {
	var ids []string
	for id != "" && len(ids) < maxStyleChain {
		ids = append(ids, id)
		st := s.byID[id]
		if st == nil {
			break
		}
		id = st.basedOn
	}
	return ids
}

// numPr returns the numbering a style gives its paragraphs: the w:numId
// and w:ilvl of the nearest style in its chain that sets each.
func (s *styleSheet) numPr(id string) (numID, ilvl int, hasNum, hasIlvl bool) {
	for _, sid := range s.chain(id) {
		st := s.byID[sid]
		if st == nil {
			break
		}
		if !hasNum && st.hasNum {
			numID, hasNum = st.numID, true
		}
		if !hasIlvl && st.hasIlvl {
			ilvl, hasIlvl = st.ilvl, true
		}
	}
	return numID, ilvl, hasNum, hasIlvl
}

// headingLevel returns the heading level (1 to 9) a style gives its
// paragraphs, or 0. The nearest style in the chain that says anything
// decides: an outline level of its own, or being a built-in heading
// style ("heading 1" to "heading 9" by name, whatever the id, which Word
// localises; Heading1 to Heading9 by id) or the Title style (level 1).
func (s *styleSheet) headingLevel(id string) int {
	for _, sid := range s.chain(id) {
		st := s.byID[sid]
		if st == nil {
			return builtinHeading(sid, "")
		}
		if st.outline >= 0 {
			return outlineHeading(st.outline)
		}
		if lv := builtinHeading(st.id, st.name); lv > 0 {
			return lv
		}
	}
	return 0
}

// outlineHeading turns a w:outlineLvl (0 to 8; 9 is body text) into a
// heading level.
func outlineHeading(outline int) int {
	if outline >= 0 && outline < 9 {
		return outline + 1
	}
	return 0
}

// builtinHeading returns the level of Word's built-in heading styles by
// id or name, and 1 for Title.
func builtinHeading(id, name string) int {
	for _, s := range []string{strings.ToLower(name), strings.ToLower(id)} {
		rest, ok := strings.CutPrefix(s, "heading")
		rest = strings.TrimPrefix(rest, " ")
		if ok && len(rest) == 1 && rest[0] >= '1' && rest[0] <= '9' {
			return int(rest[0] - '0')
		}
		if s == "title" {
			return 1
		}
	}
	return 0
}

// readStyles reads styles.xml: each style's name, base, numbering and
// outline level, and the default paragraph style. A document without
// one has no styles.
func readStyles(pkg *docxPackage, name string) (*styleSheet, error) {
	s := &styleSheet{byID: map[string]*wordStyle{}}
	if name == "" || !pkg.has(name) {
		return s, nil
	}
	err := pkg.parse(name, func(x *xmlReader) error {
		for {
			tok, err := x.next()
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return err
			}
			se, ok := tok.(xml.StartElement)
			if !ok || !isW(se.Name.Space) || se.Name.Local != "style" {
				continue
			}
			st := &wordStyle{id: attrOf(se, "styleId"), outline: -1}
			paragraph := attrOf(se, "type") == "paragraph" || attrOf(se, "type") == ""
			if err := readStyle(x, st); err != nil {
				return err
			}
			if _, dup := s.byID[st.id]; !dup && st.id != "" {
				s.byID[st.id] = st
			}
			if d := attrOf(se, "default"); paragraph && s.defaultPara == "" && (d == "1" || d == "true" || d == "on") {
				s.defaultPara = st.id
			}
		}
	})
	return s, err
}

// readStyle reads the children of a w:style.
func readStyle(x *xmlReader, st *wordStyle) error {
	var read func(t xml.StartElement) error
	read = func(t xml.StartElement) error {
		switch t.Name.Local {
		case "name":
			st.name = attrOf(t, "val")
		case "basedOn":
			st.basedOn = attrOf(t, "val")
		case "pPr", "numPr", "AlternateContent", "Choice":
			return children(x, read)
		case "numId":
			st.numID, st.hasNum = atoiAttr(t, st.numID, st.hasNum)
		case "ilvl":
			st.ilvl, st.hasIlvl = atoiAttr(t, st.ilvl, st.hasIlvl)
		case "outlineLvl":
			if v, ok := atoiAttr(t, 0, false); ok && v >= 0 && v <= 9 {
				st.outline = v
			}
		}
		return x.skip()
	}
	return children(x, read)
}
