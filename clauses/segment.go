package clauses

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Segment splits a source into its clause tree. It never fails: odd input
// gives a best-effort tree, and what looked wrong (numbering gaps,
// duplicate numbers, references to clauses that do not exist) is listed in
// the document's diagnostics. It does no I/O.
func Segment(src *Source) *Document {
	doc := &Document{Text: src.Text}
	s := &segmenter{doc: doc, units: makeUnits(src), last: map[string]int{}}
	root := &Clause{Kind: Root, Span: Span{0, len(src.Text)}}
	doc.Root = root
	s.stack = []*node{{c: root}}
	s.run()
	finish(doc)
	for _, n := range src.Notes {
		doc.Diagnostics = append(doc.Diagnostics, Diagnostic{Line: 1, Col: 1, Code: "note", Msg: n})
	}
	all := doc.Clauses()
	findTerms(doc, all)
	findParties(doc)
	findRefs(doc, all)
	sortDiagnostics(doc)
	return doc
}

// node is an open clause on the segmenter's stack.
type node struct {
	c    *Clause
	lab  *label
	key  string
	head int // heading level when the clause opened with a heading, else 0
	// kids are the labels and keys of the labelled children of c, in
	// order: all children are pushed while c is on top of the stack.
	kids []kid
}

// kid is a labelled child clause's label and sibling key.
type kid struct {
	lab *label
	key string
}

type segmenter struct {
	doc   *Document
	units []unit
	stack []*node
	// mode is where the segmenter is: before the first clause (preamble),
	// in the recitals, in the body, in the signature block.
	mode     int
	title    string
	preamble bool  // units were seen before the first clause
	closing  bool  // the recitals' "NOW, THEREFORE" has been seen
	prose    bool  // a paragraph of prose was seen before the first clause
	numbered bool  // a numbered clause was opened
	parties  bool  // the preamble is listing the parties ("between:")
	inDef    bool  // the last unit was a definition that opens a list
	next     *unit // the unit after the one being placed, or nil
	prev     *unit // the unit before the one being placed, or nil
	last     map[string]int
	// clauseSlab and nodeSlab are allocated in chunks, for push.
	clauseSlab []Clause
	nodeSlab   []node
}

const slabSize = 128

const (
	modeStart = iota
	modeRecitals
	modeBody
	modeSignatures
)

func (s *segmenter) top() *node { return s.stack[len(s.stack)-1] }

func (s *segmenter) run() {
	for i := 0; i < len(s.units); i++ {
		u := &s.units[i]
		s.next, s.prev = nil, nil
		if i > 0 {
			s.prev = &s.units[i-1]
		}
		if i+1 < len(s.units) {
			s.next = &s.units[i+1]
		}
		if s.step(u) && i+1 < len(s.units) {
			if s.takeHeading(&s.units[i+1]) {
				i++
			}
		}
	}
	if s.mode == modeStart {
		s.openPreamble()
	}
}

// step handles one unit. It reports whether the unit opened a clause.
func (s *segmenter) step(u *unit) bool {
	if u.contents {
		return false
	}
	lab := unitLabel(u)
	switch s.mode {
	case modeSignatures:
		if lab == nil || lab.scheme != schPart || !s.partLike(u, lab) {
			return false
		}
		s.mode = modeBody
	case modeRecitals:
		if !s.leaveRecitals(u, lab) {
			return false
		}
	case modeStart:
		if !s.leaveStart(u, lab) {
			return false
		}
	case modeBody:
		if !s.numbered && isRecitalStart(u.plain) {
			s.popTo(1)
			s.openRecitals(u)
			return false
		}
	}
	return s.body(u, lab)
}

// unitLabel is the label a unit starts with: the importer's, or one read
// from its text that is plausible there; nil when it has none.
func unitLabel(u *unit) *label {
	parsed := u.lab
	if !u.parsed {
		if u.label != "" {
			parsed = parseLabel(u.label + " " + u.plain)
		} else {
			parsed = parseLabel(u.plain)
		}
	}
	u.lab, u.parsed = nil, false // the label is the caller's now
	if u.label != "" {
		if lab := parsed; lab != nil {
			return lab
		}
		return &label{scheme: schNum, style: stDot, text: u.label, inner: strings.Trim(u.label, ".()"), rest: u.plain}
	}
	l := parsed
	if l == nil || !plausible(l) && (u.wrapped || l.scheme != schDecimal || l.word != "") {
		return nil
	}
	if u.kind == TableRow && l.scheme == schDecimal && l.word == "" && !strings.HasSuffix(l.text, ".") && len(l.comps) == 1 {
		return nil // "1  On signature  £62,000": a row number in a table
	}
	return l
}

// leaveRecitals reports whether u ends the recitals: a numbered clause, a
// heading, the signature block, or any label after "NOW, THEREFORE".
func (s *segmenter) leaveRecitals(u *unit, lab *label) bool {
	if isRecitalEnd(u.plain) {
		s.closing = true
		return false
	}
	heading := u.isHeadingBlock() || isCapsHeading(u.plain)
	if !(lab != nil && structural(lab)) && !heading && !isSignatureStart(u.plain) && !(s.closing && lab != nil) {
		return false
	}
	s.popTo(1)
	s.mode = modeBody
	return true
}

// leaveStart reports whether u ends the preamble. The document's title,
// the title block of a cover page ("THE LENDERS PARTY HERETO"), the
// preamble's prose and its list of parties ("(1) ACME LIMITED whose
// registered office is …") stay in the preamble.
func (s *segmenter) leaveStart(u *unit, lab *label) bool {
	if !s.preamble && lab == nil && !isRecitalStart(u.plain) && !isSignatureStart(u.plain) {
		if u.isHeadingBlock() || isCapsHeading(u.plain) || wordsAtMost(u.plain, 12) && isTitleLike(u.plain) {
			s.title = cleanHeading(u.plain)
		}
		s.preamble = true
		return false
	}
	if isRecitalStart(u.plain) {
		s.openRecitals(u)
		return false
	}
	cover := lab == nil && !u.isHeadingBlock() && isCapsHeading(u.plain) && !s.prose && !s.numberedNext()
	item := lab != nil && (!structural(lab) || lab.scheme == schDecimal && len(lab.comps) == 1 && lab.word == "")
	partyItem := item && !u.isHeadingBlock() && (!structural(lab) && !headingLike(lab.rest) ||
		looksLikeParty(lab.rest) || s.parties && !headingLike(lab.rest))
	filing := lab != nil && lab.scheme == schPart // "Exhibit 10.2" at the top of a filing
	prose := lab == nil && !u.isHeadingBlock() && !isCapsHeading(u.plain) && !isSignatureStart(u.plain)
	if isPartiesHeading(u.plain) {
		s.parties = true
		prose = true
	} else if prose {
		s.parties = introducesParties(u.plain)
	}
	if cover || partyItem || filing || prose {
		s.preamble = true
		s.prose = s.prose || !wordsAtMost(u.plain, 12)
		return false
	}
	s.openPreamble()
	s.mode = modeBody
	return true
}

// body places a unit of the agreement's body: the signature block, a
// numbered clause, or an unnumbered heading. Other units are text of the
// clause before them.
func (s *segmenter) body(u *unit, lab *label) bool {
	if isSignatureStart(u.plain) {
		s.popTo(0)
		c := s.push(u, nil, "signatures", 0)
		c.Kind = Signatures
		s.mode = modeSignatures
		return false
	}
	if lab != nil {
		if s.inDef && !structural(lab) && lab.style == stParen {
			return false // "(i) the budget;" inside a definition's own list
		}
		s.inDef = false
		return s.open(u, lab)
	}
	s.inDef = isDefinitionList(u.plain)
	level := 0
	switch {
	case u.isHeadingBlock():
		level = u.level
	case isCapsHeading(u.plain):
		level = 1
	default:
		return false
	}
	s.levelPop(level)
	c := s.push(u, nil, "", level)
	c.Heading = cleanHeading(u.plain)
	return true
}

// openRecitals opens the recitals clause at u ("WHEREAS", "BACKGROUND").
func (s *segmenter) openRecitals(u *unit) {
	s.openPreamble()
	s.mode = modeRecitals
	c := s.push(u, nil, "recitals", 0)
	c.Kind = Recitals
	if !strings.HasPrefix(strings.ToUpper(u.plain), "WHEREAS") {
		c.Heading = strings.TrimRight(u.plain, ":.")
	}
}

// numberedNext reports whether the next unit starts with a structural
// number, so that the heading line before it heads a group of clauses.
func (s *segmenter) numberedNext() bool {
	if s.next == nil {
		return false
	}
	if s.next.label != "" {
		return true
	}
	l := parseLabel(s.next.plain)
	return l != nil && structural(l) && plausible(l)
}

// structural reports whether a label numbers the parts of an agreement
// (1., 1.1, Section 2, ARTICLE IV, Schedule A) rather than items.
func structural(lab *label) bool {
	return lab.scheme == schDecimal || lab.scheme == schArticle || lab.scheme == schPart
}

// headingLike reports whether the text after a label reads as a heading.
func headingLike(rest string) bool {
	rest = trimSep(rest)
	return rest == "" || wordsAtMost(rest, 10) && (isCapsHeading(rest) || isTitleLike(rest))
}

// openPreamble turns what was seen before the first clause into the
// preamble clause, starting at offset 0.
func (s *segmenter) openPreamble() {
	if !s.preamble || s.mode != modeStart {
		s.preamble = false
		return
	}
	c := &Clause{Kind: Preamble, Heading: s.title, Parent: s.doc.Root}
	s.doc.Root.Children = append(s.doc.Root.Children, c)
	s.preamble = false
}

// open places a labelled unit in the tree. It reports whether the unit
// opened a clause (a label that fits nowhere is kept as text).
func (s *segmenter) open(u *unit, lab *label) bool {
	head := 0
	if u.isHeadingBlock() {
		head = u.level
	}
	if lab.ambiguous {
		s.resolveRoman(lab, head > 0, u)
	}
	key := unitKey(u, lab)
	if lab.scheme == schAlpha && lab.value() > 26 {
		key = s.doubleLetterKey(key, lab)
	}
	nested := head == 0 && s.nestedItem(u, lab)
	if nested {
		key = nestedKey
	}
	if u.wrapped && lab.value() != 1 && !s.continues(key, lab) {
		return false // "(d)" on a wrapped line of an inline list
	}
	switch lab.scheme {
	case schPart:
		if !s.partLike(u, lab) {
			return false
		}
		s.popTo(0)
	case schArticle:
		if !s.partLike(u, lab) {
			return false
		}
		s.popWhile(func(n *node) bool { return n.key != "part" })
	case schDecimal:
		if nested {
			s.placeBySiblings(key, head)
			break
		}
		if lab.word == "" && len(lab.comps) == 1 && !strings.HasSuffix(lab.text, ".") && head == 0 && u.label == "" {
			// A bare "4 Fees" is a clause when it continues the numbering,
			// as a short heading line, set off by a wide gap ("4    The
			// Charges are …") or in a list of bare numbers, not as a count
			// in running text.
			if lab.rest == "" || lab.value() != s.last["dec1"]+1 || !wordsAtMost(lab.rest, 8) && !s.wideGap(u, lab) && !s.bareList(lab) {
				return false
			}
		}
		if len(lab.comps) > 1 {
			if i := s.findPrefix(lab.comps[:len(lab.comps)-1]); i >= 0 {
				s.popTo(i + 1)
				break
			}
		}
		s.placeBySiblings(key, head)
	default:
		s.placeBySiblings(key, head)
	}
	c := s.push(u, lab, key, head)
	c.Heading = headingOf(u, lab)
	s.numbered = true
	if structural(lab) && head == 0 {
		s.openInline(u, lab, c)
	}
	if lab.scheme == schPart {
		c.Kind = Part
	}
	return true
}

// openInline opens the first item of a list that starts on the same line
// as its clause's heading, as in "Section 2.02 Borrowings. (a) Each Loan
// …", where (b) follows in a paragraph of its own.
func (s *segmenter) openInline(u *unit, lab *label, c *Clause) {
	rest := trimSep(lab.rest)
	if c.Heading != "" {
		if !strings.HasPrefix(rest, c.Heading) {
			return
		}
		rest = strings.TrimLeft(rest[len(c.Heading):], ".:;—– ")
	}
	sub := parseLabel(rest)
	if sub == nil || sub.style != stParen || structural(sub) || sub.value() != 1 && sub.alphaVal != 1 {
		return
	}
	text := s.doc.Text[u.span.Start:u.span.End]
	from := strings.Index(string(text), c.Heading) + len(c.Heading)
	at := strings.Index(string(text[from:]), sub.text)
	if at < 0 {
		return
	}
	inline := unit{span: Span{u.span.Start + from + at, u.span.End}, plain: rest, kind: u.kind}
	s.open(&inline, sub)
}

// nestedKey is the sibling key of the items of a numbered list inside a
// clause, written in the text ("1. repair the Goods;" under 6.2).
const nestedKey = "dec1@text"

// nestedItem reports whether a "1." written in the text is an item of a
// list inside the clause on top of the stack ("6.2 The Buyer may
// require the Supplier to:" + "1. repair the Goods;"), as a PDF or a
// browser shows an ordered list, rather than a clause of the top level.
// A list starts with "1." under a numbered clause (not under an article,
// a schedule or a lettered section, whose clauses are numbered "1."), where
// the top level does not start at 1 again. An item goes on with the list
// unless the top level goes on there too ("3." after 2.1's items "1." and
// "2."), when it is a top-level clause if it reads as a heading, or if
// the item before it ended a sentence rather than a list item.
func (s *segmenter) nestedItem(u *unit, lab *label) bool {
	if lab.scheme != schDecimal || lab.word != "" || len(lab.comps) != 1 || u.label != "" || !strings.HasSuffix(lab.text, ".") {
		return false
	}
	v := lab.value()
	top := s.topLevelNext(lab)
	for i := len(s.stack) - 1; i > 0; i-- {
		if n := s.stack[i]; n.key == nestedKey {
			if n.lab.value() != v-1 {
				break
			}
			if !top {
				return true
			}
			lowerStart := lab.rest != "" && lab.rest[0] >= 'a' && lab.rest[0] <= 'z'
			return !headingLike(lab.rest) && (lowerStart || s.prev != nil && !endsSentence(s.prev.plain))
		}
	}
	if v != 1 || top {
		return false
	}
	n := s.top()
	if n.lab == nil || n.c.Number == "" || n.head > 0 || n.lab.scheme == schPart || n.lab.scheme == schArticle || n.lab.scheme == schNote {
		return false
	}
	lettered := (n.lab.scheme == schAlpha || n.lab.scheme == schRoman) && n.lab.style != stParen && !strings.Contains(n.c.Number, "(")
	return !lettered
}

// topLevelNext reports whether a number "N." would go on with the
// clauses numbered 1., 2., … of the document or of its open section;
// not with "Section 2" or a bare "2", which go on as "Section 3" and "3".
func (s *segmenter) topLevelNext(lab *label) bool {
	v := lab.value()
	for i := len(s.stack) - 1; i > 0; i-- {
		if n := s.stack[i]; n.key == "dec1" {
			return n.lab.value() == v-1 && n.lab.word == "" && strings.HasSuffix(n.lab.text, ".")
		}
	}
	return s.last["dec1"] == v-1
}

// endsSentence reports whether s ends with a full stop, past closing
// quotes and brackets.
func endsSentence(s string) bool {
	s = strings.TrimRight(s, "\"')]”’")
	return strings.HasSuffix(s, ".")
}

// bareList reports whether a bare number with a sentence after it ("1
// The monthly Charges are …") is an item of a list of bare numbers, where
// the gap that set it off was lost (a Word file made from a text file):
// the first item, starting with a capital but not a month, right under a
// heading or a schedule's title, or the next after an item of its kind.
func (s *segmenter) bareList(lab *label) bool {
	r, _ := utf8.DecodeRuneInString(lab.rest)
	word, _, _ := strings.Cut(lab.rest, " ")
	if !unicode.IsUpper(r) || months[strings.ToLower(strings.Trim(word, ",."))] {
		return false // "1 January 2026 is …"
	}
	top := s.top()
	if lab.value() == 1 {
		return len(top.c.Children) == 0 && (top.head > 0 || top.key == "part")
	}
	return top.key == "dec1" && top.lab.value() == lab.value()-1 && !strings.HasSuffix(top.lab.text, ".") && top.lab.word == ""
}

// months are the names that follow a day's number at the start of a
// line ("1 January 2026"), lower case.
var months = map[string]bool{
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true, "july": true,
	"august": true, "september": true, "october": true, "november": true, "december": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true,
	"sept": true, "oct": true, "nov": true, "dec": true,
}

// wideGap reports whether the label is followed in the source by a tab
// or several spaces, as numbers set off from their text are.
func (s *segmenter) wideGap(u *unit, lab *label) bool {
	text := string(s.doc.Text[u.span.Start:u.span.End])
	i := strings.Index(text, lab.text)
	if i < 0 {
		return false
	}
	after := text[i+len(lab.text):]
	return strings.HasPrefix(after, "\t") || strings.HasPrefix(after, "  ")
}

// placeBySiblings pops the stack so that the new clause becomes the next
// sibling of an open clause with the same scheme, or else the first child
// of the clause on top.
func (s *segmenter) placeBySiblings(key string, head int) {
	if head > 0 {
		s.levelPop(head)
	}
	for i := len(s.stack) - 1; i > 0; i-- {
		n := s.stack[i]
		if n.head > 0 && head == 0 || n.key == "part" && key != "part" {
			return // a heading bounds the lists below it
		}
		if n.key == key {
			s.popTo(i)
			return
		}
	}
}

// continues reports whether lab is the next label of an open list.
func (s *segmenter) continues(key string, lab *label) bool {
	if lab.scheme == schDecimal && len(lab.comps) > 1 {
		return s.findPrefix(lab.comps[:len(lab.comps)-1]) >= 0
	}
	for i := len(s.stack) - 1; i > 0; i-- {
		if n := s.stack[i]; n.key == key {
			return n.lab.value() == lab.value()-1
		}
	}
	return key == "dec1" && s.last["dec1"] == lab.value()-1
}

// findPrefix returns the stack index of the open decimal or article clause
// whose number is comps, or -1.
func (s *segmenter) findPrefix(comps []int) int {
	for i := len(s.stack) - 1; i > 0; i-- {
		n := s.stack[i]
		if n.lab == nil || n.key == "part" {
			continue
		}
		if n.lab.scheme == schArticle && len(comps) == 1 && n.lab.value() == comps[0] {
			return i
		}
		if n.lab.scheme == schDecimal && n.c.Number == n.lab.inner && equalInts(n.lab.comps, comps) {
			return i
		}
	}
	return -1
}

// resolveRoman decides whether a single letter that is also a roman
// numeral, such as "(i)" or "(v)", is a letter or a numeral: it is the
// next letter when the previous letter is open, the next numeral when the
// previous numeral is open, and otherwise "i" starts a roman list while
// the others are letters.
func (s *segmenter) resolveRoman(lab *label, heading bool, u *unit) {
	alpha := *lab
	alpha.asAlpha()
	roman, alphaKey := unitKey(u, lab), unitKey(u, &alpha)
	for i := len(s.stack) - 1; i > 0; i-- {
		n := s.stack[i]
		if n.key == alphaKey && n.lab.value() == alpha.value()-1 {
			if n == s.top() && s.nextIsRoman(lab) {
				lab.ambiguous = false // "(h) … provided that: (i) …; (ii) …"
				return
			}
			lab.asAlpha()
			return
		}
		if n.key == roman && n.lab.value() == lab.value()-1 {
			lab.ambiguous = false
			return
		}
		if n.head > 0 && !heading {
			break
		}
	}
	if lab.value() == 1 {
		lab.ambiguous = false
		return
	}
	lab.asAlpha()
}

// unitKey is the sibling key of a labelled unit. Items of an importer's
// nested lists carry their depth, so that "1." in a list inside a list is
// not a sibling of the outer "1.".
func unitKey(u *unit, lab *label) string {
	if u.block && u.kind == ListItem && u.label != "" {
		return lab.key() + "@" + itoa(u.level)
	}
	return lab.key()
}

// doubleLetterKey decides where "(aa)" belongs: after "(z)" it continues
// the letters; otherwise (German drafting) it is a level of its own,
// below "(a)".
func (s *segmenter) doubleLetterKey(key string, lab *label) string {
	for i := len(s.stack) - 1; i > 0; i-- {
		n := s.stack[i]
		if n.key == key+"2" {
			return key + "2"
		}
		if n.key == key && n.lab.value() == lab.value()-1 {
			return key
		}
	}
	return key + "2"
}

// nextIsRoman reports whether the unit after an ambiguous "(i)" is "(ii)"
// in the same style: then "(i)" opens a roman list, even after "(h)".
func (s *segmenter) nextIsRoman(lab *label) bool {
	if s.next == nil {
		return false
	}
	plain := s.next.plain
	if s.next.label != "" {
		plain = s.next.label + " " + plain
	}
	n := parseLabel(plain)
	return n != nil && n.scheme == schRoman && !n.ambiguous && n.value() == 2 && n.style == lab.style && n.upper == lab.upper
}

// partLike reports whether a Schedule or Article label stands as a heading
// ("Schedule A – Pricing") rather than opening a sentence.
func (s *segmenter) partLike(u *unit, lab *label) bool {
	if u.isHeadingBlock() || lab.rest == "" || u.label != "" {
		return true // a heading, a bare "SCHEDULE A" line, or a Word list's own label
	}
	return wordsAtMost(lab.rest, 12) && (lab.sep || isTitleLike(lab.rest) || isCapsHeading(lab.rest))
}

// takeHeading uses the unit after an "ARTICLE IV" or "SCHEDULE A" line as
// that clause's heading when it is a short title line of its own.
func (s *segmenter) takeHeading(next *unit) bool {
	n := s.top()
	if n.lab == nil || n.c.Heading != "" || (n.lab.scheme != schArticle && n.lab.scheme != schPart && n.lab.rest != "") {
		return false
	}
	if next.isHeadingBlock() && n.head == 0 || next.label != "" || parseLabel(next.plain) != nil {
		return false
	}
	if len(strings.Fields(next.plain)) > 10 || !isTitleLike(next.plain) || strings.HasSuffix(next.plain, ".") && !isCapsHeading(next.plain) {
		return false
	}
	n.c.Heading = cleanHeading(next.plain)
	return true
}

// levelPop closes the clauses a heading of the given level ends: every
// clause that did not open with a heading, and headings at that level or
// deeper.
func (s *segmenter) levelPop(level int) {
	s.popWhile(func(n *node) bool {
		if n.key == "part" {
			return n.head >= level && n.head > 0
		}
		return n.head == 0 || n.head >= level
	})
}

func (s *segmenter) popWhile(f func(*node) bool) {
	for len(s.stack) > 1 && f(s.top()) {
		s.stack = s.stack[:len(s.stack)-1]
	}
}

// popTo truncates the stack to its first n entries.
func (s *segmenter) popTo(n int) {
	if n < 1 {
		n = 1
	}
	if n < len(s.stack) {
		s.stack = s.stack[:n]
	}
}

// push opens a clause for u as a child of the clause on top of the stack.
func (s *segmenter) push(u *unit, lab *label, key string, head int) *Clause {
	top := s.top()
	parent := top.c
	if len(s.clauseSlab) == 0 {
		s.clauseSlab = make([]Clause, slabSize)
	}
	c := &s.clauseSlab[0]
	s.clauseSlab = s.clauseSlab[1:]
	*c = Clause{Parent: parent, Span: Span{Start: lineStart(s.doc.Text, u.span.Start)}}
	if lab != nil {
		c.Label = lab.text
		c.Number = numberOf(parent, top.lab, lab)
		s.checkSequence(top, c, lab, key)
		top.kids = append(top.kids, kid{lab, key})
	}
	parent.Children = append(parent.Children, c)
	if len(s.nodeSlab) == 0 {
		s.nodeSlab = make([]node, slabSize)
	}
	n := &s.nodeSlab[0]
	s.nodeSlab = s.nodeSlab[1:]
	*n = node{c: c, lab: lab, key: key, head: head}
	s.stack = append(s.stack, n)
	return c
}

// checkSequence notes a numbering gap: a clause whose number does not
// follow its previous sibling's, or a list that does not start at one.
func (s *segmenter) checkSequence(top *node, c *Clause, lab *label, key string) {
	parent := top.c
	var prev *label
	for i := len(top.kids) - 1; i >= 0; i-- {
		if k := top.kids[i]; k.key == key {
			prev = k.lab
			break
		}
	}
	want, what := 1, ""
	switch {
	case lab.scheme == schPart:
		s.last["dec1"] = 0
		return
	case lab.scheme == schArticle:
		if prev == nil {
			return
		}
		want = prev.value() + 1
	case key == "note":
		want = s.last["note"] + 1 // endnotes number on from the footnotes
		s.last["note"] = lab.value()
	case key == "dec1" && !relative(parent, s.top().lab, lab):
		want = s.last["dec1"] + 1
		s.last["dec1"] = lab.value()
		if want == 1 && lab.value() == 0 {
			return
		}
	case prev != nil:
		want = prev.value() + 1
	case lab.scheme == schDecimal && lab.value() == 0:
		return
	case strings.HasSuffix(key, "2") && lab.scheme == schAlpha:
		want = 27 // a level of double letters starts at (aa)
	}
	if prev == nil && strings.Contains(key, "@") {
		return // a list's start is set in its markup (<ol start="5">)
	}
	if lab.value() == want || prev != nil && lab.value() == prev.value() {
		return // in sequence, or a duplicate, which checkDuplicates reports
	}
	if prev != nil {
		what = "numbering gap: " + lab.text + " follows " + prev.text
	} else if key != "dec1" || relative(parent, s.top().lab, lab) {
		what = "numbering gap: " + lab.text + " is the first of its list"
	} else {
		what = "numbering gap: " + lab.text + " comes where " + itoa(want) + " was expected"
	}
	s.doc.Diagnostics = append(s.doc.Diagnostics, Diagnostic{Offset: c.Span.Start, Code: "gap", Msg: what})
}

// lineStart moves an offset back to the start of its line when only
// indentation stands before it, so that a clause owns its indentation.
func lineStart(text []byte, off int) int {
	i := off
	for i > 0 && (text[i-1] == ' ' || text[i-1] == '\t') {
		i--
	}
	if i == 0 || text[i-1] == '\n' {
		return i
	}
	return off
}

// numberOf builds a clause's full number from its parent's number and its
// own label: "7.2" + "(a)" is "7.2(a)"; decimals carry their own path.
func numberOf(parent *Clause, plab, lab *label) string {
	switch lab.scheme {
	case schPart:
		return lab.word + " " + lab.inner
	case schArticle:
		return lab.inner
	case schNote:
		return lab.text
	case schDecimal:
		if !relative(parent, plab, lab) {
			return lab.inner
		}
		if plab.style != stParen && !strings.Contains(parent.Number, "(") && (plab.scheme == schAlpha || plab.scheme == schRoman) {
			return parent.Number + "." + lab.inner // "A.1" under a lettered section
		}
		return parent.Number + "(" + lab.inner + ")"
	}
	if parent.Number == "" || plab != nil && plab.scheme == schPart {
		if lab.style == stParen {
			return "(" + lab.inner + ")"
		}
		return lab.inner
	}
	return parent.Number + "(" + lab.inner + ")"
}

// relative reports whether a decimal label counts within its parent (an
// ordered list "1." "2." inside clause 2.1, or under section "A.") rather
// than carrying a number of its own ("4.1", "Section 5", "1." at the top).
func relative(parent *Clause, plab, lab *label) bool {
	if lab.word != "" || len(lab.comps) > 1 || parent.Number == "" || plab == nil {
		return false
	}
	return plab.scheme != schArticle && plab.scheme != schPart
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
