package clauses

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// unit is one paragraph-like piece of the source: a block when the
// importer gave blocks, otherwise a paragraph of plain-text lines split
// where a new clause starts.
type unit struct {
	span  Span
	plain string
	kind  BlockKind
	level int
	label string // importer's label, authoritative when set
	block bool   // from an importer block, not found in plain lines
	// first is the first line of a plain-text unit of several lines, so
	// that a heading on a line of its own ("6. Suspense account") can be
	// told from the text below it; empty otherwise.
	first string
	// contents is set for an entry of a table of contents.
	contents bool
	// wrapped is set for a plain-text unit that starts on a line right
	// after another line of text (or, in a hard-wrapped Word file, after a
	// line that ends neither a sentence nor a heading): its label must
	// continue a list that is open, or start one.
	wrapped bool
	// parsed is set once lab holds the label parsed from the unit's text
	// (and importer label), so that the segmenter need not parse it again.
	// The segmenter takes lab over, and may change it.
	parsed bool
	lab    *label
}

// isHeadingBlock reports whether the source itself marks the unit as a
// heading (Markdown #, HTML <h2>, a Word heading style).
func (u *unit) isHeadingBlock() bool { return u.block && u.kind == Heading }

// makeUnits returns the units of src in text order.
func makeUnits(src *Source) []unit {
	if src.Blocks == nil {
		return markContentsRuns(lineUnits(src.Text))
	}
	out := make([]unit, 0, len(src.Blocks))
	for _, b := range src.Blocks {
		if b.Kind == TableRow && src.Format == "md" {
			// Markdown tables hold summaries and contents lists, not clauses.
			b.Label, b.Kind = "", Paragraph
			b.Plain = "| " + b.Plain
		}
		if b.Span.Start < 0 || b.Span.End > len(src.Text) || b.Span.Start > b.Span.End {
			continue
		}
		if n := len(out); n > 0 && b.Span.Start < out[n-1].span.End {
			continue // overlapping blocks: keep the first
		}
		toc := tocShape(b.Plain)
		u := unit{span: b.Span, plain: b.Plain, kind: b.Kind, level: b.Level, label: b.Label, block: true,
			contents: toc == tocLeaders || toc == tocNumbered && b.Kind == TableRow}
		if src.Format == "md" && (b.Kind == Paragraph || b.Kind == ListItem) {
			out = append(out, splitMarkdownLines(src.Text, u)...)
			continue
		}
		out = append(out, u)
	}
	if src.Format != "md" && hardWrapped(out) {
		out = joinWrappedLines(out)
	}
	return markContentsRuns(out)
}

// A Word file made from plain text (LibreOffice opens a .txt file as one
// paragraph a line) keeps the text's line wrapping: each sentence is split
// over paragraphs, and a line such as "1.5 million, and …" or "(b) of
// clause 12.3 …" looks like a clause of its own. hardWrapped tells such a
// document from one whose paragraphs are paragraphs, and
// joinWrappedLines reads its paragraphs as the lines of a text file.

// hardWrapped reports whether the unlabelled paragraphs of a document are
// the lines of a wrapped text: at least three of them, and an eighth,
// stop short of the end of a sentence before a paragraph that goes on in
// small letters or with a number ("1.5 million"). Paragraphs that are
// paragraphs do that only now and then (a definition's term above its
// meaning).
func hardWrapped(units []unit) bool {
	paras, pairs := 0, 0
	for i := range units {
		if !lineLike(&units[i]) {
			continue
		}
		paras++
		if i+1 < len(units) && lineLike(&units[i+1]) && continuesLine(units[i].plain, units[i+1].plain) {
			pairs++
		}
	}
	return pairs >= 3 && 8*pairs >= paras
}

// lineLike reports whether a unit is an unlabelled paragraph of an
// importer's, which may be a line of a wrapped text.
func lineLike(u *unit) bool {
	return u.block && u.kind == Paragraph && u.label == "" && u.plain != ""
}

// continuesLine reports whether next reads as the rest of the sentence
// that prev breaks off: prev ends without a full stop, colon or
// semicolon, and next starts in small letters or with a number in
// running text ("1.5 million").
func continuesLine(prev, next string) bool {
	if strings.ContainsRune(".:;!?", rune(prev[len(prev)-1])) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(next)
	if unicode.IsLower(r) {
		return true
	}
	l := parseLabel(next)
	return l != nil && l.scheme == schDecimal && l.word == "" && !plausible(l)
}

// joinWrappedLines joins runs of line-like units into paragraphs by the
// rules for the lines of a text file (see lineUnits): a line continues
// the unit before it unless it starts a clause after a line that ends
// one. The blank lines between a text's paragraphs are lost, so a unit
// that starts after a line that ends neither a sentence nor a heading
// (";", "; and", a short line) is taken as wrapped, as a label on the
// next line of a paragraph is in a text file. Entries of a table of
// contents stay units of their own.
func joinWrappedLines(units []unit) []unit {
	shapes := make([]int, len(units))
	for i := range units {
		if lineLike(&units[i]) {
			units[i].plain = unbox(units[i].plain) // "*  6. Disclaimer  *"
			shapes[i] = tocShape(units[i].plain)
		}
	}
	out := make([]unit, 0, len(units))
	var parts []string // the lines of the last unit of out, when it is line-like
	flush := func() {
		if len(parts) > 1 {
			u := &out[len(out)-1]
			u.first = parts[0]
			u.plain = strings.Join(parts, " ")
		}
		parts = parts[:0]
	}
	var last []int // the components of the last decimal number that started a unit
	for i, u := range units {
		toc := shapes[i] == tocLeaders || shapes[i] == tocNumbered &&
			(i > 0 && shapes[i-1] != tocNone || i+1 < len(units) && shapes[i+1] != tocNone)
		if u.plain == "" && u.block && u.kind == Paragraph {
			flush() // the blank line inside a box
			continue
		}
		if !lineLike(&u) || toc || u.contents {
			flush()
			u.contents = u.contents || toc
			out = append(out, u)
			continue
		}
		// "1.2 tensile strength of …; and" after "1.1 …;" goes on with the
		// numbers, which "1.5 million" in running text does not.
		lab := parseLabel(u.plain)
		next := lab != nil && lab.scheme == schDecimal && lab.word == "" && followsDecimal(last, lab.comps)
		if len(parts) > 0 {
			prev := parts[len(parts)-1]
			if !startsLine(u.plain, prev) && !(next && endsClause(prev)) {
				out[len(out)-1].span.End = u.span.End
				parts = append(parts, u.plain)
				if isRuleLine(u.plain) {
					flush() // a rule ends its paragraph
				}
				continue
			}
			u.wrapped = !endsParagraph(prev) && !next
		}
		if lab != nil && lab.scheme == schDecimal && lab.word == "" {
			last = lab.comps
		}
		flush()
		out = append(out, u)
		parts = append(parts, u.plain)
	}
	flush()
	return out
}

// followsDecimal reports whether the decimal number comps comes next
// after prev: 1.2 after 1.1, 1.2.1 after 1.2, 2 or 1.3 after 1.2.4.
func followsDecimal(prev, comps []int) bool {
	n := len(comps)
	if n == 0 || len(prev) == 0 || n > len(prev)+1 {
		return false
	}
	if n == len(prev)+1 {
		return comps[n-1] == 1 && slices.Equal(prev, comps[:n-1])
	}
	return comps[n-1] == prev[n-1]+1 && slices.Equal(prev[:n-1], comps[:n-1])
}

// startsLine reports whether line, a paragraph of a hard-wrapped
// document after the line prev, starts a unit of its own. Where the
// text file had a blank line is not known, so besides where a clause
// starts in a text file (see startsClause), a unit starts at a label
// after a lead-in ("… warrants that:" + "2.2.2.1 it has …"), and at a
// clause, heading or new sentence after a heading or a full stop: a
// definition ("Transaction Document means:") is then a unit of its own,
// as it is in the text.
func startsLine(line, prev string) bool {
	if startsClause(line, prev) {
		return true
	}
	if strings.HasSuffix(prev, ":") && parseLabel(line) != nil {
		return true
	}
	if !endsParagraph(prev) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(line)
	return unicode.IsUpper(r) || startsWithQuote(line) || startsClause(line, "")
}

// endsParagraph reports whether a line of text is more likely the last of
// its paragraph than a line inside a list: it ends a sentence or a
// lead-in (".", ":", "!", "?"), or it is a heading.
func endsParagraph(line string) bool {
	if t := strings.TrimRight(line, "\"')]”’"); t != "" && strings.ContainsRune(".:!?", rune(t[len(t)-1])) {
		return true
	}
	if isCapsHeading(line) || wordsAtMost(line, 10) && isTitleLike(line) {
		return true
	}
	l := parseLabel(line)
	return l != nil && structural(l) && headingLike(l.rest)
}

// splitMarkdownLines splits a Markdown paragraph whose source lines are
// items of their own ("2. the schedule, including:\n   a. the
// milestones;\n   b. …"): Markdown folds them into one paragraph, but the
// writer, and counsel reading the file, see one item a line. It splits at
// lines that start with a label after a line that ends a clause, as in
// plain text.
func splitMarkdownLines(text []byte, u unit) []unit {
	raw := string(text[u.span.Start:u.span.End])
	if !strings.Contains(raw, "\n") {
		return []unit{u}
	}
	var out []unit
	start, prev := 0, ""
	var lines []string
	off := 0
	for i, line := range strings.SplitAfter(raw, "\n") {
		plain := mdLinePlain(line)
		if i > 0 && len(lines) > 0 && endsClause(prev) {
			if l := parseLabel(plain); l != nil && plausible(l) {
				out = append(out, mdPart(u, start, off, lines, len(out) == 0))
				start, lines = off, nil
			}
		}
		lines = append(lines, plain)
		prev = plain
		off += len(line)
	}
	if len(out) == 0 {
		return []unit{u}
	}
	return append(out, mdPart(u, start, len(raw), lines, false))
}

// mdPart is the part of unit u from byte from to byte to of its span.
// The first part keeps the block's kind and label.
func mdPart(u unit, from, to int, lines []string, first bool) unit {
	p := unit{span: Span{u.span.Start + from, u.span.Start + to}, plain: strings.Join(lines, " "), kind: Paragraph, block: true, wrapped: !first}
	if first {
		p.kind, p.level, p.label = u.kind, u.level, u.label
		if u.label != "" {
			p.plain = strings.TrimSpace(mdMarker.ReplaceAllString(p.plain, ""))
		}
	}
	p.plain = foldSpace(p.plain)
	return p
}

var (
	mdMarker   = regexp.MustCompile(`^\s*(?:\d{1,9}[.)]|[-*+])\s+`)
	mdLink     = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
	mdEmphasis = strings.NewReplacer("**", "", "__", "", "`", "", "\\", "")
)

// mdLinePlain reduces one Markdown source line to its text, roughly:
// links to their text, emphasis markers and hard breaks removed.
func mdLinePlain(line string) string {
	line = mdLink.ReplaceAllString(line, "$1")
	line = mdEmphasis.Replace(line)
	line = strings.TrimLeft(line, " \t>")
	return foldSpace(strings.Trim(line, " \t\r\n*_"))
}

// markContentsRuns marks tables of contents: runs of three or more units
// that are nothing but a structural number and a heading ("ARTICLE I
// PURCHASE AND SALE", "Section 1.01 Purchased Assets", a Word or HTML
// list of "1. Fees", "2. Term", …), where the same numbers or the same
// headings stand again later in the document ("4. Fees" in the contents,
// "Article 4 – Fees" in the body). Each entry that recurs is marked; the
// body's own first heading, which does not recur, is not.
func markContentsRuns(units []unit) []unit {
	labs := make([]*label, len(units))   // each unit's label, if any
	labels := make([]string, len(units)) // a number's identity, for bare heading units
	titles := make([]string, len(units)) // and its heading, normalised
	last := map[string]int{}             // the last unit each number starts
	for i := range units {
		u := &units[i]
		if u.label != "" {
			labs[i] = parseLabel(u.label + " " + u.plain)
		} else {
			labs[i] = parseLabel(u.plain)
		}
		u.lab, u.parsed = labs[i], true // labs is not read after the loops below
		l := labs[i]
		if l != nil && u.kind == TableRow {
			// A summary table: "B. Account Terms | These are …".
			labels[i] = "row " + l.key() + ":" + strings.ToUpper(l.inner)
			titles[i] = titleKey(trimSep(l.rest))
			continue
		}
		if l == nil || !structural(l) {
			continue
		}
		id := l.key() + ":" + strings.ToUpper(l.inner)
		if u.label != "" {
			id = "list " + id // a Word or HTML list's own number
		}
		last[id] = i
		if !u.isHeadingBlock() && headingLike(l.rest) {
			if low := strings.ToLower(l.rest); !strings.Contains(low, "reserved") && !strings.Contains(low, "omitted") {
				labels[i] = id
				titles[i] = titleKey(trimPageNumber(trimSep(l.rest)))
			}
		}
	}
	// The runs of three entries or more; the body's headings matter only
	// after the first.
	type run struct{ i, j int }
	var runs []run
	for i := 0; i < len(units); i++ {
		j := i
		for j < len(units) && labels[j] != "" {
			j++
		}
		if j-i >= 3 {
			runs = append(runs, run{i, j})
		}
		i = j
	}
	if len(runs) == 0 {
		return units
	}
	lastTitle := map[string]int{} // the last unit each heading heads
	type head struct {
		at    int
		title string
	}
	heads := map[string][]head{} // the headings of each number, for table rows
	for k := runs[0].i; k < len(units); k++ {
		t := headingKey(&units[k], labs[k])
		if t == "" {
			continue
		}
		lastTitle[t] = k
		if l := labs[k]; l != nil && units[k].kind != TableRow {
			id := "row " + l.key() + ":" + strings.ToUpper(l.inner)
			heads[id] = append(heads[id], head{k, t})
		}
	}
	recurs := func(k int) bool {
		if strings.HasPrefix(labels[k], "row ") {
			// The row starts with the number and heading of a later
			// heading, and goes on with a summary of it.
			for _, h := range heads[labels[k]] {
				if h.at > k && (titles[k] == h.title || strings.HasPrefix(titles[k], h.title+" ")) {
					return true
				}
			}
			return false
		}
		return last[labels[k]] > k || titles[k] != "" && lastTitle[titles[k]] > k
	}
	for _, r := range runs {
		n := 0
		for k := r.i; k < r.j; k++ {
			if recurs(k) {
				n++
			}
		}
		if n < 2 {
			continue
		}
		// A row of a summary table whose heading the body words
		// differently ("Copyright & DMCA Policy") is still one of its
		// rows when most rows recur.
		rows := 3*n >= 2*(r.j-r.i)
		for k := r.i; k < r.j; k++ {
			if recurs(k) || rows && units[k].kind == TableRow {
				units[k].contents = true
			}
		}
	}
	return units
}

// headingKey is the normalised heading of a unit, for finding the body's
// headings that a table of contents lists: a heading block or heading
// line without its number ("Article 4 – Fees" is "fees"), or the short
// first sentence of a numbered clause ("4.1 Fees. The Customer …").
func headingKey(u *unit, l *label) string {
	rest := u.plain
	if l != nil {
		rest = trimSep(l.rest)
	}
	if u.isHeadingBlock() || headingLike(rest) {
		return titleKey(rest)
	}
	if l == nil {
		return ""
	}
	rest = rest[:min(len(rest), 200)]
	if end := sentenceEnd(rest); end > 0 && wordsAtMost(rest[:end], 10) {
		return titleKey(rest[:end])
	}
	return ""
}

// titleKey normalises a heading: lower case, letters and digits only,
// words separated by one space.
func titleKey(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteRune(r)
			space = false
		} else {
			space = true
		}
	}
	return b.String()
}

// trimPageNumber removes the page number at the end of a contents entry
// ("Fees 4", "Fees ........ iv").
func trimPageNumber(s string) string {
	i := strings.LastIndexByte(s, ' ')
	if i < 0 {
		return s
	}
	last := strings.TrimLeft(s[i+1:], ".…")
	if last != "" && (strings.Trim(last, "0123456789") == "" || romanValue(last) > 0) {
		return strings.TrimRight(s[:i], " .…")
	}
	return s
}

// lineUnits splits plain text into paragraphs at blank lines, and inside a
// paragraph at lines that start a clause after a line that ends one.
func lineUnits(text []byte) []unit {
	type line struct {
		start, end int // without the line break
		text       string
	}
	// One conversion of the whole text: every line's text is a substring
	// of it (foldSpace and unbox return substrings when they change
	// nothing), so a line costs no allocation of its own.
	all := string(text)
	lines := make([]line, 0, bytes.Count(text, []byte{'\n'})+1)
	blank := 0
	for off := 0; off < len(text); {
		end := len(text)
		if i := strings.IndexByte(all[off:], '\n'); i >= 0 {
			end = off + i
		}
		lineEnd := end
		if lineEnd > off && text[lineEnd-1] == '\r' {
			lineEnd--
		}
		t := unbox(foldSpace(all[off:lineEnd]))
		if t == "" {
			blank++
		}
		lines = append(lines, line{off, lineEnd, t})
		off = end + 1
	}
	// A contents entry ("Section 2.01 Purchase 14") stands among others.
	shapes := make([]int, len(lines))
	for i, l := range lines {
		shapes[i] = tocShape(l.text)
	}
	contents := make([]bool, len(lines))
	for i, sh := range shapes {
		switch sh {
		case tocLeaders:
			contents[i] = true
		case tocNumbered:
			contents[i] = i > 0 && shapes[i-1] != tocNone || i+1 < len(lines) && shapes[i+1] != tocNone
		}
	}
	out := make([]unit, 0, blank+1)
	var cur *unit
	prev := ""
	first := make([]int, 0, blank+1)  // unit → its first line
	joined := make([]int, 0, blank+1) // unit → its last line, for units of several lines; -1 otherwise
	for i, l := range lines {
		switch {
		case l.text == "":
			cur = nil
		case isRuleLine(l.text):
			if cur != nil {
				cur.span.End = l.end
			}
			cur = nil
		case cur == nil || contents[i] || startsClause(l.text, prev):
			out = append(out, unit{span: Span{l.start, l.end}, plain: l.text, wrapped: cur != nil, contents: contents[i]})
			cur = &out[len(out)-1]
			first = append(first, i)
			joined = append(joined, -1)
		default:
			cur.span.End = l.end
			joined[len(out)-1] = i
		}
		prev = l.text
	}
	// Join the lines of each multi-line unit once, at the end, so that a
	// long paragraph costs linear time.
	var parts []string
	for u, last := range joined {
		if last < 0 {
			continue
		}
		parts = parts[:0]
		for i := first[u]; i <= last; i++ {
			if lines[i].text != "" && !isRuleLine(lines[i].text) {
				parts = append(parts, lines[i].text)
			}
		}
		out[u].plain = strings.Join(parts, " ")
		out[u].first = lines[first[u]].text
	}
	return out
}

// startsClause reports whether line, which follows the non-blank line
// prev in the same paragraph, starts a new clause rather than continuing
// a wrapped sentence ("as set out in paragraph\n(b) above").
func startsClause(line, prev string) bool {
	if !endsClause(prev) {
		return false
	}
	if l := parseLabel(line); l != nil {
		return plausible(l)
	}
	return isCapsHeading(line) || isRecitalStart(line) || isSignatureStart(line)
}

// endsClause reports whether a line can be the last line of a clause:
// it ends a sentence or a list item, or it is short enough to be a
// heading on its own.
func endsClause(prev string) bool {
	if prev == "" {
		return true
	}
	switch prev[len(prev)-1] {
	case '.', ':', ';':
		return true
	case ',', '-':
		return false
	}
	if strings.HasSuffix(prev, "; and") || strings.HasSuffix(prev, "; or") || strings.HasSuffix(prev, "; and/or") || strings.HasSuffix(prev, "; but") {
		return true
	}
	return wordsAtMost(prev, 6)
}

// wordsAtMost reports whether s has at most n words, without splitting it.
func wordsAtMost(s string, n int) bool {
	words, in := 0, false
	for i := 0; i < len(s); i++ {
		if s[i] == ' ' {
			in = false
		} else if !in {
			in = true
			if words++; words > n {
				return false
			}
		}
	}
	return true
}

// plausible filters labels that are more likely numbers in running text:
// "1.5 million", "2.3 of the Master Agreement", "Section 4 shall survive".
func plausible(l *label) bool {
	if l.scheme != schDecimal && l.scheme != schArticle && l.scheme != schPart {
		return true
	}
	first := l.rest
	if i := strings.IndexByte(first, ' '); i >= 0 {
		first = first[:i]
	}
	if first == "" {
		return true
	}
	c := first[0]
	lowerStart := c >= 'a' && c <= 'z'
	switch l.scheme {
	case schDecimal:
		if strings.HasSuffix(l.text, ".") && l.word == "" {
			return true // "1. the parties" is still a clause
		}
		return !lowerStart && c != '%' && c != '$'
	default: // "Article 5 shall survive", "Schedule A sets out"
		return !lowerStart
	}
}

// unbox strips the asterisks of a boxed notice ("*  6. Disclaimer  *").
func unbox(line string) string {
	if len(line) > 2 && line[0] == '*' && line[len(line)-1] == '*' && !isRuleLine(line) {
		return strings.TrimSpace(strings.Trim(line, "*"))
	}
	if line == "*" {
		return ""
	}
	return line
}

// Shapes of table-of-contents entries.
const (
	tocNone     = iota
	tocNumbered // a heading that ends in a page number: "ARTICLE II THE LOANS 10"
	tocLeaders  // dot leaders before a page number: "Definitions ........ 1"
)

// tocShape tells whether line looks like an entry of a table of contents.
// A numbered shape alone is not enough ("7. PHASE 2" is a heading); it
// counts when it stands among others of its kind.
func tocShape(line string) int {
	sp := strings.LastIndexByte(line, ' ')
	if sp < 0 {
		return tocNone
	}
	if last := strings.TrimLeft(line[sp+1:], ".…"); last == "" || strings.Trim(last, "0123456789") != "" && romanValueFold(last) == 0 {
		return tocNone // the cheap test first: most lines do not end in a number
	}
	f := strings.Fields(line)
	if len(f) < 2 || len(f) > 18 {
		return tocNone
	}
	last := strings.TrimLeft(f[len(f)-1], ".…")
	digits := last != "" && strings.Trim(last, "0123456789") == ""
	if !digits && (last == "" || romanValue(strings.ToLower(last)) == 0) {
		return tocNone
	}
	if strings.Contains(line, "....") || strings.Contains(line, "…") || strings.Contains(line, ". . .") {
		return tocLeaders
	}
	if !digits {
		return tocNone
	}
	rest := strings.Join(f[:len(f)-1], " ")
	if l := parseLabel(line); l != nil {
		rest = strings.TrimSpace(strings.TrimSuffix(trimSep(l.rest), f[len(f)-1]))
	}
	if rest != "" && len(strings.Fields(rest)) <= 10 && !strings.ContainsAny(rest, ".;:,") && (isTitleLike(rest) || isCapsHeading(rest)) {
		return tocNumbered
	}
	return tocNone
}

// isRuleLine reports whether line is a horizontal rule: ---- or ====.
func isRuleLine(line string) bool {
	if len(line) < 3 {
		return false
	}
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '-', '=', '_', '*', ' ':
		default:
			return false
		}
	}
	return true
}

// isCapsHeading reports whether line is a short ALL-CAPS line such as
// "DEFINITIONS" or "GENERAL PROVISIONS:".
func isCapsHeading(line string) bool {
	// The cheap test first: a line with a small letter is no heading.
	for i := 0; i < len(line); i++ {
		if 'a' <= line[i] && line[i] <= 'z' {
			return false
		}
	}
	if n := countFields(line, 9); n == 0 || n > 8 || isRecitalStart(line) || isSignatureStart(line) {
		return false
	}
	letters := 0
	for _, r := range line {
		switch {
		case r >= 'a' && r <= 'z':
			return false
		case r >= 'A' && r <= 'Z':
			letters++
		case r == '.' || r == ',' || r == ';':
			// a sentence in capitals, unless the dot ends the line
		}
	}
	if letters < 3 {
		return false
	}
	body := strings.TrimRight(line, ".:")
	return !strings.ContainsAny(body, ".;")
}

// head returns the first bytes of s in upper case, enough to test the
// openings of recitals and signature blocks.
func head(s string) string {
	return strings.ToUpper(s[:min(len(s), 24)])
}

// upperHead writes head(s) into buf when the first bytes of s are ASCII,
// and returns its length; ok is false otherwise.
func upperHead(s string, buf *[24]byte) (n int, ok bool) {
	n = min(len(s), len(buf))
	for i := 0; i < n; i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return 0, false
		}
		if 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
		}
		buf[i] = c
	}
	return n, true
}

// upperStart is the start of line in capitals, as head gives it, cheaply
// for ASCII.
func upperStart(line string) string {
	var buf [24]byte
	if n, ok := upperHead(line, &buf); ok {
		return string(buf[:n])
	}
	return head(line)
}

func isRecitalStart(line string) bool {
	up := upperStart(line)
	if strings.HasPrefix(up, "WHEREAS") {
		return true
	}
	if len(line) > 24 {
		return false
	}
	switch strings.TrimRight(up, ":.") {
	case "RECITALS", "RECITAL", "BACKGROUND", "PRELIMINARY STATEMENT", "PRELIMINARY STATEMENTS", "WITNESSETH", "W I T N E S S E T H",
		"PREAMBLE", "PRELIMINARY REMARKS", "INTRODUCTION":
		return true
	}
	return false
}

func isRecitalEnd(line string) bool {
	up := upperStart(line)
	return strings.HasPrefix(up, "NOW, THEREFORE") || strings.HasPrefix(up, "NOW THEREFORE") ||
		strings.HasPrefix(up, "THE PARTIES AGREE") || strings.HasPrefix(up, "IT IS AGREED") ||
		strings.HasPrefix(up, "AGREED TERMS")
}

func isSignatureStart(line string) bool {
	up := upperStart(line)
	return strings.HasPrefix(up, "IN WITNESS WHEREOF") || strings.HasPrefix(up, "IN WITNESS THEREOF") ||
		strings.HasPrefix(up, "AS WITNESS") || strings.HasPrefix(up, "EXECUTED AS A DEED") ||
		strings.HasPrefix(up, "EXECUTED AS AN AGREEMENT") || strings.HasPrefix(up, "SIGNED, SEALED AND DELIVERED") ||
		strings.HasPrefix(up, "SIGNATURES") && len(line) < 14 || strings.HasPrefix(up, "EXECUTION") && len(line) < 24
}

// partyWords mark a party's description in a list of parties: company
// forms, registration and address phrases.
var partyWords = regexp.MustCompile(`(?i)\b(limited|ltd|llc|l\.l\.c|inc|incorporated|plc|gmbh|ag|s\.a|b\.v|n\.v|pty|corporation|corp|llp|lp|sarl|s\.r\.l|kg|company number|registered office|registered number|incorporated in|whose principal|residing at|ABN|ACN)\b`)

// bareDefinition is a definition whose term has no quotes: "Transaction
// Document means:".
var bareDefinition = regexp.MustCompile(`^(?:[A-Z][\w’'-]*\s){1,6}(?:means|includes|has the meaning)\b`)

// looksLikeParty reports whether the text after a label describes a
// party: "(1) ACME LIMITED (company number 123) whose registered office …".
func looksLikeParty(rest string) bool {
	return partyWords.MatchString(rest[:min(len(rest), 200)])
}

// isPartiesHeading reports whether line heads a list of parties.
func isPartiesHeading(line string) bool {
	switch strings.TrimRight(strings.ToUpper(line), ":. ") {
	case "PARTIES", "THE PARTIES", "BETWEEN", "BY AND BETWEEN", "AMONG", "BETWEEN THE PARTIES":
		return true
	}
	return false
}

// introducesParties reports whether a preamble paragraph ends by
// announcing a list of parties ("… is made between:").
func introducesParties(line string) bool {
	t := strings.TrimRight(strings.ToLower(line), " ")
	return strings.HasSuffix(t, "between:") || strings.HasSuffix(t, "among:") || strings.HasSuffix(t, "between") ||
		strings.HasSuffix(t, "parties:") || strings.HasSuffix(t, "by and between:")
}

// isDefinitionList reports whether a paragraph is a definition that
// introduces a list of its own ("“Business Plan” means: …:"), whose items
// belong to the definition rather than to the clause.
func isDefinitionList(plain string) bool {
	if !strings.HasSuffix(plain, ":") {
		return false
	}
	if !startsWithQuote(plain) {
		// Australian and some UK drafting: the term in bold, no quotes
		return bareDefinition.MatchString(plain[:min(len(plain), 120)])
	}
	// the text after the defined term's closing quote
	_, after, ok := strings.Cut(plain[1:], "\"")
	if !ok {
		_, after, ok = strings.Cut(plain, "”")
	}
	if !ok {
		return false
	}
	after = strings.TrimLeft(after, " ,")
	for _, w := range []string{":", "means", "shall mean", "includes", "has the meaning", "refers to", "is defined"} {
		if strings.HasPrefix(after, w) {
			return true
		}
	}
	return false
}

// foldSpace trims s and folds runs of white space (including NBSP and
// tabs) to one space.
func foldSpace(s string) string {
	if !needsFold(s) {
		return s
	}
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\u00a0", " ")), " ")
}

func needsFold(s string) bool {
	if s == "" {
		return false
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return true
	}
	for i := 0; i < len(s); i++ {
		switch foldClass[s[i]] {
		case 0:
		case 1:
			return true
		default: // a space
			if i+1 < len(s) && s[i+1] == ' ' {
				return true
			}
		}
	}
	return false
}

// foldClass is 1 for the bytes that make needsFold true, 2 for a space.
var foldClass = [256]uint8{'\t': 1, '\r': 1, '\n': 1, '\v': 1, '\f': 1, 0xc2: 1, ' ': 2}

// romanValueFold is romanValue(strings.ToLower(s)), without lowering s
// when it cannot be a roman numeral in any case.
func romanValueFold(s string) int {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			break // non-ASCII: lower it as strings.ToLower does
		}
		if romanDigit(c|0x20) == 0 {
			return 0
		}
	}
	return romanValue(strings.ToLower(s))
}

// countFields returns len(strings.Fields(s)), or any number from max on
// when it is at least max, without splitting s.
func countFields(s string, max int) int {
	n := 0
	in := false
	for i := 0; i < len(s); {
		c := s[i]
		var space bool
		if c < utf8.RuneSelf {
			space = asciiSpace[c]
			i++
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			space = unicode.IsSpace(r)
			i += size
		}
		if space {
			in = false
		} else if !in {
			in = true
			if n++; n >= max {
				return n
			}
		}
	}
	return n
}

// nextField returns the first field of s as strings.Fields splits it, and
// the text after it; w is empty when s has no more fields.
func nextField(s string) (w, rest string) {
	i := 0
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if !asciiSpace[c] {
				break
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) {
			break
		}
		i += size
	}
	j := i
	for j < len(s) {
		c := s[j]
		if c < utf8.RuneSelf {
			if asciiSpace[c] {
				break
			}
			j++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[j:])
		if unicode.IsSpace(r) {
			break
		}
		j += size
	}
	return s[i:j], s[j:]
}

var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// lowerASCII writes s in lower case into buf when s is ASCII and fits,
// and returns the bytes written; ok is false otherwise.
func lowerASCII(s string, buf []byte) (b []byte, ok bool) {
	if len(s) > len(buf) {
		return nil, false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return nil, false
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return buf[:len(s)], true
}
