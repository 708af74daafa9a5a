package corpus

import (
	"encoding/xml"
	"io"
	"strings"

	"github.com/clausetrack/clausetrack/clauses"
)

// Word's automatic numbering, computed as Word shows it.
//
// A paragraph is numbered by a w:numPr of its own or from its style
// chain (w:pStyle, then each w:basedOn); a w:numId of 0 switches
// numbering off. The w:num it names points to a w:abstractNum, possibly
// through a numbering style (w:numStyleLink to the style whose numPr
// names the w:num of the w:abstractNum with the matching w:styleLink).
// The level (w:ilvl: the paragraph's own, else the style's, else the
// level whose w:pStyle is the paragraph's style, else 0) gives a start,
// a number format and a text such as "%1.%2" or "(%3)", where %k is
// level k's counter in level k's format (decimal when the level shown
// has w:isLgl).
//
// Counters belong to the abstractNum, not to the w:num: every w:num that
// shares an abstractNum continues one sequence, and a w:num restarts a
// level only through a w:lvlOverride (w:startOverride, or a whole
// w:lvl), applied the first time that w:num numbers a paragraph, and
// then only to the paragraph's level and the deeper ones: the levels
// above it keep their counters, so an item nested on a w:num of its own
// does not restart the list it is nested in. Word behaves so, and
// producers rely on it: LibreOffice writes a list that restarts at 4
// and goes on as a w:num with startOverride 4 for the first item and a
// plain w:num of the same abstractNum for the rest; pandoc gives every
// list its own w:num with a startOverride on all nine levels, a nested
// list of the same style too (same abstractNum, first used at level
// 1), and the outer list goes on after it (1. 2. 3., then 1. 2. nested,
// then 4.). Numbering a level resets the deeper levels unless their
// w:lvlRestart says otherwise (0: never; n: only when a level above n is
// numbered). A level not used yet shows its start value.

// numLevel is one w:lvl of a list definition.
type numLevel struct {
	start   int
	format  string // w:numFmt w:val: "decimal", "lowerLetter", ...
	custom  string // w:numFmt w:format, for w:val="custom"
	text    string // w:lvlText
	hasText bool
	restart int // w:lvlRestart, or -1 when absent
	legal   bool
	style   string // w:pStyle: the paragraph style linked to this level
	hidden  bool   // the number is hidden (w:vanish in the level's w:rPr)
}

// abstractNum is a list definition.
type abstractNum struct {
	levels       [9]*numLevel
	numStyleLink string // the definition lives in this numbering style
}

// numInstance is a w:num: a list definition and its overrides.
type numInstance struct {
	abstract int
	start    [9]*int      // w:startOverride per level
	levels   [9]*numLevel // a whole w:lvl inside w:lvlOverride
}

// listCounters are the counters of one abstractNum.
type listCounters struct {
	cur  [9]int
	seen [9]bool // the level has a value since it was last reset
}

// numbering is the numbering of one document while it is read: the
// definitions from numbering.xml and styles.xml, and the counters.
type numbering struct {
	styles    *styleSheet
	abstracts map[int]*abstractNum
	nums      map[int]*numInstance
	lists     map[int]*listCounters
	used      map[int]bool // w:num ids that have numbered a paragraph
}

// classify returns a paragraph's block kind, level and label, advancing
// the counters of its list.
func (n *numbering) classify(p paraProps) (clauses.BlockKind, int, string) {
	style := p.style
	if style == "" {
		style = n.styles.defaultPara
	}
	heading := n.styles.headingLevel(style)
	if p.outline >= 0 {
		heading = outlineHeading(p.outline)
	}
	if numID, ilvl, ok := n.paraNumbering(p, style); ok {
		if label, ok := n.next(numID, ilvl); ok {
			if heading > 0 {
				return clauses.Heading, heading, label
			}
			return clauses.ListItem, ilvl + 1, label
		}
	}
	if heading > 0 {
		return clauses.Heading, heading, ""
	}
	return clauses.Paragraph, 0, ""
}

// paraNumbering finds the w:num and level that number a paragraph.
func (n *numbering) paraNumbering(p paraProps, style string) (numID, ilvl int, ok bool) {
	numID, ilvl, hasNum, hasIlvl := n.styles.numPr(style)
	if p.hasNum {
		numID, hasNum = p.numID, true
	}
	if !hasNum || numID == 0 || n.nums[numID] == nil {
		return 0, 0, false
	}
	switch {
	case p.hasIlvl:
		ilvl = p.ilvl
	case hasIlvl:
	default:
		ilvl = n.linkedLevel(numID, style)
	}
	return numID, min(max(ilvl, 0), 8), true
}

// linkedLevel returns the level of a list whose w:pStyle is the style or
// one it is based on, or 0.
func (n *numbering) linkedLevel(numID int, style string) int {
	_, abs := n.abstract(n.nums[numID])
	if abs == nil {
		return 0
	}
	for _, id := range n.styles.chain(style) {
		for l, lvl := range abs.levels {
			if lvl != nil && lvl.style == id {
				return l
			}
		}
	}
	return 0
}

// abstract returns the list definition of a w:num, following
// numStyleLink through numbering styles, and its id.
func (n *numbering) abstract(inst *numInstance) (int, *abstractNum) {
	id := inst.abstract
	abs := n.abstracts[id]
	for hop := 0; abs != nil && abs.numStyleLink != "" && hop < 8; hop++ {
		numID, _, ok, _ := n.styles.numPr(abs.numStyleLink)
		linked := n.nums[numID]
		if !ok || linked == nil || linked.abstract == id || n.abstracts[linked.abstract] == nil {
			break
		}
		id = linked.abstract
		abs = n.abstracts[id]
	}
	return id, abs
}

// level returns level l of a w:num: its override, or its definition's.
func (n *numbering) level(inst *numInstance, abs *abstractNum, l int) *numLevel {
	if inst.levels[l] != nil {
		return inst.levels[l]
	}
	return abs.levels[l]
}

// startOf returns the value level l starts at in a w:num.
func (n *numbering) startOf(inst *numInstance, abs *abstractNum, l int) int {
	if inst.start[l] != nil {
		return *inst.start[l]
	}
	if lvl := n.level(inst, abs, l); lvl != nil {
		return lvl.start
	}
	return 1
}

// next numbers a paragraph at level ilvl of a w:num and returns the
// label Word shows ("" for bullets and hidden numbers). ok is false when
// the list or level is not defined, and the paragraph is not numbered.
func (n *numbering) next(numID, ilvl int) (string, bool) {
	inst := n.nums[numID]
	absID, abs := n.abstract(inst)
	if abs == nil {
		return "", false
	}
	lvl := n.level(inst, abs, ilvl)
	if lvl == nil {
		return "", false
	}
	c := n.lists[absID]
	if c == nil {
		c = &listCounters{}
		n.lists[absID] = c
	}
	if !n.used[numID] {
		n.used[numID] = true
		for l := ilvl; l < 9; l++ {
			if inst.start[l] != nil || inst.levels[l] != nil {
				c.seen[l] = false
			}
		}
	}
	if c.seen[ilvl] {
		c.cur[ilvl]++
	} else {
		c.cur[ilvl], c.seen[ilvl] = n.startOf(inst, abs, ilvl), true
	}
	for j := ilvl + 1; j < 9; j++ {
		restart := -1
		if lj := n.level(inst, abs, j); lj != nil {
			restart = lj.restart
		}
		if restart < 0 || restart > 0 && ilvl < restart {
			c.seen[j] = false
		}
	}
	if lvl.hidden || !lvl.hasText || lvl.format == "bullet" || lvl.format == "none" {
		return "", true
	}
	var b strings.Builder
	for i := 0; i < len(lvl.text); i++ {
		ch := lvl.text[i]
		if ch != '%' || i+1 == len(lvl.text) || lvl.text[i+1] < '1' || lvl.text[i+1] > '9' {
			b.WriteByte(ch)
			continue
		}
		i++
		l := int(lvl.text[i] - '1')
		v := n.startOf(inst, abs, l)
		if c.seen[l] {
			v = c.cur[l]
		}
		format, custom := "decimal", ""
		if ll := n.level(inst, abs, l); ll != nil && !lvl.legal {
			format, custom = ll.format, ll.custom
		}
		b.WriteString(formatNumber(v, format, custom))
	}
	label := strings.Join(strings.Fields(b.String()), " ")
	if len(label) > 100 {
		label = "" // not a number anyone reads
	}
	return label, true
}

// readNumbering reads numbering.xml; a document without one has no
// automatic numbering.
func readNumbering(pkg *docxPackage, name string, styles *styleSheet) (*numbering, error) {
	n := &numbering{styles: styles, abstracts: map[int]*abstractNum{}, nums: map[int]*numInstance{},
		lists: map[int]*listCounters{}, used: map[int]bool{}}
	if name == "" || !pkg.has(name) {
		return n, nil
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
			if !ok {
				continue
			}
			switch {
			case isMC(se.Name.Space) && se.Name.Local == "Fallback":
				err = x.skip()
			case !isW(se.Name.Space):
			case se.Name.Local == "abstractNum":
				err = n.readAbstract(x, se)
			case se.Name.Local == "num":
				err = n.readNum(x, se)
			}
			if err != nil {
				return err
			}
		}
	})
	return n, err
}

// readAbstract reads a w:abstractNum.
func (n *numbering) readAbstract(x *xmlReader, se xml.StartElement) error {
	id, idOK := parseSmallInt(attrOf(se, "abstractNumId"))
	abs := &abstractNum{}
	err := children(x, func(t xml.StartElement) error {
		switch t.Name.Local {
		case "lvl":
			l, lvl, err := readLevel(x, t)
			if err == nil && l >= 0 && l < 9 && abs.levels[l] == nil {
				abs.levels[l] = lvl
			}
			return err
		case "numStyleLink":
			abs.numStyleLink = attrOf(t, "val")
		}
		return x.skip()
	})
	if idOK && n.abstracts[id] == nil {
		n.abstracts[id] = abs
	}
	return err
}

// readNum reads a w:num.
func (n *numbering) readNum(x *xmlReader, se xml.StartElement) error {
	id, idOK := parseSmallInt(attrOf(se, "numId"))
	inst := &numInstance{abstract: -1}
	err := children(x, func(t xml.StartElement) error {
		switch t.Name.Local {
		case "abstractNumId":
			if v, ok := parseSmallInt(attrOf(t, "val")); ok {
				inst.abstract = v
			}
		case "lvlOverride":
			l, ok := parseSmallInt(attrOf(t, "ilvl"))
			return children(x, func(o xml.StartElement) error {
				switch {
				case !ok || l < 0 || l > 8:
				case o.Name.Local == "startOverride":
					if v, ok := parseSmallInt(attrOf(o, "val")); ok {
						inst.start[l] = &v
					}
				case o.Name.Local == "lvl":
					_, lvl, err := readLevel(x, o)
					inst.levels[l] = lvl
					return err
				}
				return x.skip()
			})
		}
		return x.skip()
	})
	if idOK && n.nums[id] == nil {
		n.nums[id] = inst
	}
	return err
}

// maxLevelText is the longest w:lvlText read, in bytes.
const maxLevelText = 256

// readLevel reads a w:lvl and returns its w:ilvl.
func readLevel(x *xmlReader, se xml.StartElement) (int, *numLevel, error) {
	l, ok := parseSmallInt(attrOf(se, "ilvl"))
	if !ok {
		l = -1
	}
	lvl := &numLevel{format: "decimal", restart: -1}
	var read func(t xml.StartElement) error
	read = func(t xml.StartElement) error {
		v := attrOf(t, "val")
		switch t.Name.Local {
		case "start":
			lvl.start, _ = atoiAttr(t, lvl.start, false)
		case "numFmt":
			lvl.format, lvl.custom = v, attrOf(t, "format")
		case "lvlText":
			// Word's longest number formats are a few dozen characters;
			// a longer one would only make every label huge.
			lvl.text, lvl.hasText = v, len(v) <= maxLevelText
		case "lvlRestart":
			lvl.restart, _ = atoiAttr(t, lvl.restart, false)
		case "isLgl":
			lvl.legal = onOff(t)
		case "pStyle":
			lvl.style = v
		case "rPr", "AlternateContent", "Choice":
			return children(x, read)
		case "vanish":
			lvl.hidden = onOff(t)
		}
		return x.skip()
	}
	return l, lvl, children(x, read)
}

// children calls fn for each child element of the element just started,
// WordprocessingML or markup-compatibility, until its end; fn must read
// its element to the end (x.skip, or children again). A mc:Fallback is
// skipped when a mc:Choice was read before it.
func children(x *xmlReader, fn func(xml.StartElement) error) error {
	base := x.depth
	choice := false
	for {
		tok, err := x.next()
		if err != nil {
			return eofIsMalformed(err, x)
		}
		switch t := tok.(type) {
		case xml.EndElement:
			if x.depth < base {
				return nil
			}
		case xml.StartElement:
			switch {
			case isMC(t.Name.Space) && (t.Name.Local == "Fallback" || t.Name.Local == "Choice") && choice:
				err = x.skip()
			case isMC(t.Name.Space) && t.Name.Local == "Choice":
				choice = true
				err = fn(t)
			case isW(t.Name.Space) || isMC(t.Name.Space):
				err = fn(t)
			default:
				err = x.skip()
			}
			if err != nil {
				return err
			}
		}
	}
}
