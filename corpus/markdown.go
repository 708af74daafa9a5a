package corpus

import (
	"bufio"
	"bytes"
	"fmt"
	stdhtml "html"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/clausetrack/clausetrack/clauses"
)

// importMarkdown parses a CommonMark document (with GFM pipe tables) into
// blocks. data must be non-empty valid UTF-8 without NUL bytes; the
// returned Source's Text is data itself, unchanged, and every Span indexes
// it.
//
// There is one block per heading, paragraph, list item, table row, and
// HTML or code block that holds text. A list item's block covers its
// first paragraph only, from the start of the line with the marker;
// later paragraphs of the item are Paragraph blocks. Spans run from the
// start of a block's first line (markup and container markers included)
// to the end of its last line, without the line break. Ordered items get
// the number a renderer shows ("3." for the third item of a list written
// "1." "1." "1."). YAML front matter makes no block. Blocks whose
// Plain is empty are dropped. Name and Format are left to the caller.
//
// A document whose block quotes and lists nest more than mdMaxDepth deep
// is refused before it is parsed (see checkNesting).
func importMarkdown(data []byte) (*clauses.Source, error) {
	off := bodyStart(data)
	body := data[off:]
	if line, ok := checkNesting(body); !ok {
		line += bytes.Count(data[:off], []byte("\n"))
		return nil, fmt.Errorf("block quotes and lists nested more than %d levels deep (line %d)", mdMaxDepth, line)
	}
	md := goldmark.New(goldmark.WithExtensions(extension.Table))
	doc := md.Parser().Parse(text.NewReader(body))
	untangleSetextTables(doc)
	w := &mdWalker{src: body, base: off, blocks: []clauses.Block{}, soft: -1}
	w.walk(doc)
	return &clauses.Source{Text: data, Blocks: w.blocks}, nil
}

// bodyStart returns the offset of the Markdown in data: past a byte order
// mark and YAML front matter, which is a first line "---" up to and
// including the next line that is "---" or "...". Front matter that is
// never closed is Markdown.
func bodyStart(data []byte) int {
	start := 0
	if bytes.HasPrefix(data, []byte("\ufeff")) {
		start = 3
	}
	line, next := lineAt(data, start)
	if strings.TrimRight(line, " \t\r") != "---" {
		return start
	}
	for i := next; i < len(data); {
		line, next := lineAt(data, i)
		if l := strings.TrimRight(line, " \t\r"); l == "---" || l == "..." {
			return next
		}
		i = next
	}
	return start
}

// lineAt returns the line starting at i, without its "\n", and the
// offset of the next line.
func lineAt(data []byte, i int) (string, int) {
	j := bytes.IndexByte(data[i:], '\n')
	if j < 0 {
		return string(data[i:]), len(data)
	}
	return string(data[i : i+j]), i + j + 1
}

// untangleSetextTables undoes what goldmark does to a paragraph that
// holds a pipe table and is followed by a setext underline, as in
// "intro\na|b\n-|-\n---". Opening the setext heading closes the
// paragraph, and the table transformer moves the lines from the table's
// header row on into a Table inserted after it. Goldmark then makes a
// heading of the lines left before the table and appends it after the
// table, its underline lines away from its text. A reader sees a
// paragraph and a table, in that order, and a line that underlines
// nothing; so the heading becomes a paragraph again, before the table.
func untangleSetextTables(doc ast.Node) {
	var found []*ast.Heading
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			found = append(found, n)
			return ast.WalkSkipChildren, nil
		case *extast.Table:
			return ast.WalkSkipChildren, nil
		}
		if n.Type() == ast.TypeInline {
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, h := range found {
		table, ok := h.PreviousSibling().(*extast.Table)
		lines := h.Lines()
		if !ok || lines.Len() == 0 || table.FirstChild() == nil ||
			table.FirstChild().Pos() < lines.At(lines.Len()-1).Stop {
			continue
		}
		p := ast.NewParagraph()
		p.SetPos(h.Pos())
		p.SetLines(lines)
		p.SetBlankPreviousLines(h.HasBlankPreviousLines())
		for c := h.FirstChild(); c != nil; c = h.FirstChild() {
			p.AppendChild(p, c)
		}
		parent := h.Parent()
		parent.RemoveChild(parent, h)
		parent.InsertBefore(parent, table, p)
	}
}

// mdWalker collects blocks from a goldmark tree. Offsets in the tree are
// relative to src, which starts base bytes into the file.
type mdWalker struct {
	src    []byte
	base   int
	blocks []clauses.Block
	// soft is the index of a block whose span was extended to a line
	// that may belong to the next block, and softEnd its end before that.
	soft, softEnd int
}

func (w *mdWalker) walk(n ast.Node) {
	switch n := n.(type) {
	case *ast.Heading:
		start, end := w.extent(n)
		if lines := n.Lines(); start >= 0 && lines.Len() > 0 &&
			bytes.IndexByte(w.src[start:lines.At(0).Start], '#') < 0 {
			// A setext heading: its underline is the next line.
			if line, next := lineAt(w.src, end); next < len(w.src) {
				if line, _ = lineAt(w.src, next); setextUnderline(line) {
					end = w.lineEnd(next)
				}
			}
		}
		w.add(clauses.Heading, n.Level, "", start, end, w.inline(n))
		return
	case *ast.Paragraph, *ast.TextBlock:
		start, end := w.extent(n)
		w.add(clauses.Paragraph, 0, "", start, end, w.inline(n))
		return
	case *ast.List:
		i := 0
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if item, ok := c.(*ast.ListItem); ok {
				w.listItem(n, item, i)
				i++
			} else {
				w.walk(c)
			}
		}
		return
	case *extast.TableHeader, *extast.TableRow:
		start, end := w.extent(n)
		var cells []string
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if p := w.inline(c); p != "" {
				cells = append(cells, p)
			}
		}
		w.add(clauses.TableRow, 0, "", start, end, strings.Join(cells, " "))
		return
	case *ast.CodeBlock:
		w.indented(n)
		return
	case *ast.FencedCodeBlock:
		start, end := w.extent(n)
		w.add(clauses.Paragraph, 0, "", start, end, foldSpace(string(linesValue(n, w.src))))
		if start >= 0 {
			w.closingFence(start)
		}
		return
	case *ast.HTMLBlock:
		start, end := w.extent(n)
		if n.HasClosure() {
			end = max(end, w.lineEnd(n.ClosureLine.Start))
		}
		w.add(clauses.Paragraph, 0, "", start, end, htmlFragmentText(n.Text(w.src)))
		return
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		w.walk(c)
	}
}

// setextUnderline reports whether line, past its block quote markers and
// indentation, is a run of "=" or of "-".
func setextUnderline(line string) bool {
	l := strings.TrimRight(strings.TrimLeft(line, " \t>"), " \t\r")
	return l != "" && (strings.Trim(l, "=") == "" || strings.Trim(l, "-") == "")
}

// indented adds an indented code block as paragraphs, one per run of
// non-blank lines: in an agreement, text indented four spaces is a
// sub-paragraph ("    (i) all copies …"), not code.
func (w *mdWalker) indented(n *ast.CodeBlock) {
	lines := n.Lines()
	first, last := -1, -1
	var text []byte
	flush := func() {
		if first >= 0 {
			w.add(clauses.Paragraph, 0, "", w.lineStart(first), w.lineEnd(last), foldSpace(string(text)))
		}
		first, text = -1, nil
	}
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		v := seg.Value(w.src)
		if len(bytes.TrimSpace(v)) == 0 {
			flush()
			continue
		}
		if first < 0 {
			first = seg.Start
		}
		last = seg.Start
		text = append(text, v...)
	}
	flush()
}

// listItem adds the block for the first paragraph of item, the i-th item
// of list, labelled with its rendered number, then walks the rest of the
// item.
func (w *mdWalker) listItem(list *ast.List, item *ast.ListItem, i int) {
	first := item.FirstChild()
	switch first.(type) {
	case *ast.Paragraph, *ast.TextBlock:
	default:
		for c := first; c != nil; c = c.NextSibling() {
			w.walk(c)
		}
		return
	}
	depth := 0
	for p := ast.Node(list); p != nil; p = p.Parent() {
		if _, ok := p.(*ast.List); ok {
			depth++
		}
	}
	label := ""
	if list.IsOrdered() {
		label = strconv.Itoa(list.Start+i) + string(list.Marker)
	}
	start, end := w.extent(first)
	if p := item.Pos(); p >= 0 && (start < 0 || p < start) {
		start = w.lineStart(p)
	}
	w.add(clauses.ListItem, depth, label, start, end, w.inline(first))
	for c := first.NextSibling(); c != nil; c = c.NextSibling() {
		w.walk(c)
	}
}

// closingFence extends the last block, a fenced code block opened on the
// line at start, over the line after it when that line is a fence of the
// same kind. The goldmark tree does not say whether the block was closed,
// so add takes the extension back if the next block starts on that line.
func (w *mdWalker) closingFence(start int) {
	if len(w.blocks) == 0 {
		return
	}
	last := &w.blocks[len(w.blocks)-1]
	if last.Span.Start != w.base+start {
		return
	}
	open := strings.TrimLeft(string(w.src[start:last.Span.End-w.base]), " \t>-+*.)0123456789")
	if len(open) < 3 || open[0] != '`' && open[0] != '~' {
		return
	}
	_, next := lineAt(w.src, last.Span.End-w.base)
	if next >= len(w.src) {
		return
	}
	line, _ := lineAt(w.src, next)
	fence := strings.TrimRight(strings.TrimLeft(line, " \t>"), " \t\r")
	if len(fence) < 3 || strings.Trim(fence, open[:1]) != "" {
		return
	}
	w.soft, w.softEnd = len(w.blocks)-1, last.Span.End
	last.Span.End = w.base + w.lineEnd(next)
}

// add appends a block whose span runs from start to end in src, unless
// its plain text is empty.
func (w *mdWalker) add(kind clauses.BlockKind, level int, label string, start, end int, plain string) {
	if plain == "" || start < 0 || end < start {
		return
	}
	if n := len(w.blocks) - 1; n >= 0 && n == w.soft && w.base+start < w.blocks[n].Span.End {
		w.blocks[n].Span.End = w.softEnd
	}
	w.blocks = append(w.blocks, clauses.Block{
		Kind:  kind,
		Level: level,
		Label: label,
		Span:  clauses.Span{Start: w.base + start, End: w.base + end},
		Plain: plain,
	})
}

// extent returns the whole lines that n's own source lines and position
// cover, from the start of the first line to the end of the last, without
// the line break; or -1, -1 when n has no position.
func (w *mdWalker) extent(n ast.Node) (int, int) {
	start, end := -1, -1
	note := func(s, e int) {
		if start < 0 || s < start {
			start = s
		}
		if e > end {
			end = e
		}
	}
	if p := n.Pos(); p >= 0 && p <= len(w.src) {
		note(p, p)
	}
	var visit func(n ast.Node)
	visit = func(n ast.Node) {
		if n.Type() != ast.TypeBlock {
			return
		}
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			s := lines.At(i)
			if s.Start <= s.Stop && s.Stop <= len(w.src) {
				note(s.Start, s.Stop)
			}
		}
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			visit(c)
		}
	}
	visit(n)
	if start < 0 {
		return -1, -1
	}
	if end > start && w.src[end-1] == '\n' {
		end--
	}
	return w.lineStart(start), w.lineEnd(end)
}

// lineStart returns the offset of the start of the line holding i.
func (w *mdWalker) lineStart(i int) int {
	return bytes.LastIndexByte(w.src[:i], '\n') + 1
}

// lineEnd returns the offset of the end of the line holding i, before
// its "\n" or "\r\n".
func (w *mdWalker) lineEnd(i int) int {
	if i > len(w.src) {
		i = len(w.src)
	}
	j := bytes.IndexByte(w.src[i:], '\n')
	if j < 0 {
		return len(w.src)
	}
	e := i + j
	if e > 0 && w.src[e-1] == '\r' {
		e--
	}
	return e
}

// inline returns the text a reader sees in n's inline content, folded.
func (w *mdWalker) inline(n ast.Node) string {
	var b strings.Builder
	w.inlineText(&b, n)
	return foldSpace(b.String())
}

func (w *mdWalker) inlineText(b *strings.Builder, n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			if c.IsRaw() {
				b.Write(c.Segment.Value(w.src))
			} else {
				b.WriteString(mdUnescape(c.Segment.Value(w.src)))
			}
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			if c.IsCode() || c.IsRaw() {
				b.Write(c.Value)
			} else {
				b.WriteString(mdUnescape(c.Value))
			}
		case *ast.CodeSpan:
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				switch t := t.(type) {
				case *ast.Text:
					b.Write(t.Segment.Value(w.src))
				case *ast.String:
					b.Write(t.Value)
				}
			}
		case *ast.AutoLink:
			b.Write(c.Label(w.src))
		case *ast.RawHTML:
			// Tags are dropped; a line break reads as a space.
			if c.Segments.Len() > 0 {
				if seg := c.Segments.At(0); isBreakTag(seg.Value(w.src)) {
					b.WriteByte(' ')
				}
			}
		default:
			w.inlineText(b, c)
		}
	}
}

// linesValue returns the source bytes of n's segments, concatenated.
func linesValue(n ast.Node, src []byte) []byte {
	var buf []byte
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		buf = append(buf, seg.Value(src)...)
	}
	return buf
}

// isBreakTag reports whether tag is a <br> tag.
func isBreakTag(tag []byte) bool {
	t := strings.ToLower(strings.TrimSpace(string(tag)))
	return strings.HasPrefix(t, "<br") && (len(t) == 3 || !isLetter(t[3]))
}

func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// mdUnescape resolves entity references and backslash escapes the way a
// CommonMark renderer does.
func mdUnescape(b []byte) string {
	if bytes.IndexByte(b, '&') < 0 && bytes.IndexByte(b, '\\') < 0 {
		return string(b)
	}
	var buf bytes.Buffer
	bw := bufio.NewWriter(&buf)
	gmhtml.DefaultWriter.Write(bw, b)
	if err := bw.Flush(); err != nil {
		return string(b)
	}
	// The writer produces escaped HTML; undo that escaping only.
	return stdhtml.UnescapeString(buf.String())
}

// htmlFragmentText returns the visible text of an HTML fragment, folded:
// tags and comments dropped, script and style content skipped, entities
// decoded.
func htmlFragmentText(frag []byte) string {
	z := html.NewTokenizer(bytes.NewReader(frag))
	var b strings.Builder
	skip := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return foldSpace(b.String())
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if a == atom.Script || a == atom.Style {
				skip++
			}
			if isBlockTag(a) {
				b.WriteByte(' ')
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if (a == atom.Script || a == atom.Style) && skip > 0 {
				skip--
			}
			if isBlockTag(a) {
				b.WriteByte(' ')
			}
		case html.SelfClosingTagToken:
			b.WriteByte(' ')
		}
	}
}

// foldSpace replaces each run of Unicode white space in s with a single
// space and trims the ends.
func foldSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// mdMaxDepth is the deepest nesting of block quotes and list items that
// importMarkdown parses. Agreements nest lists four or five deep, while
// goldmark's time on each line grows with the depth of the containers
// open around it, so that a few megabytes nested thousands deep take
// minutes.
const mdMaxDepth = 32

// checkNesting estimates, in one pass over the lines of md, how deep
// block quotes and list items nest, and reports the first line (counted
// from 1) that is nested more than mdMaxDepth deep; ok is true when none
// is. A line's depth is the ">" markers and list markers at its start,
// plus the list items of earlier lines whose content column it is
// indented to. It is an estimate of CommonMark's rules, not a parse: it
// may count a level too many in odd documents (a list marker in an
// indented code block), which at this depth refuses nothing real.
func checkNesting(md []byte) (line int, ok bool) {
	var n mdNesting
	for i := 0; i < len(md); {
		line++
		end := bytes.IndexByte(md[i:], '\n')
		if end < 0 {
			end = len(md)
		} else {
			end += i
		}
		if n.depth(md[i:end]) > mdMaxDepth {
			return line, false
		}
		i = end + 1
	}
	return 0, true
}

// mdNesting follows the list items that may be open from line to line.
type mdNesting struct {
	open  []int // content columns of the open list items, innermost last
	blank bool  // the previous line was blank
}

// depth reads the container markers at the start of a line, updates the
// open list items and returns the line's nesting depth.
func (n *mdNesting) depth(l []byte) int {
	col, base := 0, 0 // base is the column just after the latest ">"
	quotes, markers := 0, 0
	first := -1      // the first list marker's column, from base
	var items []int  // content columns of the items this line opens
	inQuote := false // a ">" follows the first list marker
	k := 0
scan:
	for k < len(l) {
		switch c := l[k]; c {
		case ' ':
			col++
			k++
		case '\t':
			col += 4 - col%4
			k++
		case '>':
			quotes++
			col++
			k++
			base = col
			inQuote = markers > 0
		default:
			w := listMarker(l[k:])
			if w == 0 {
				break scan
			}
			if markers == 0 {
				first = col - base
			}
			markers++
			col += w
			k += w
			if !inQuote {
				items = append(items, col-base+contentGap(l[k:], col))
			}
		}
	}
	blank := markers == 0 && len(bytes.TrimSpace(l[k:])) == 0
	switch {
	case markers > 0:
		n.pop(first)
		n.open = append(n.open, items...)
	case !blank && n.blank:
		// After a blank line, a line indented less than an item's
		// content ends that item.
		n.pop(col - base)
	}
	n.blank = blank
	return quotes + len(n.open) + markers - len(items)
}

// pop closes the open list items whose content starts right of col.
func (n *mdNesting) pop(col int) {
	for len(n.open) > 0 && n.open[len(n.open)-1] > col {
		n.open = n.open[:len(n.open)-1]
	}
}

// contentGap returns the columns from the end of a list marker to its
// item's content, given the text after the marker and the marker's end
// column: the white space, one to four columns, or one when there is
// none or more than four (the content is then indented code).
func contentGap(rest []byte, col int) int {
	gap := 0
	for _, c := range rest {
		switch c {
		case ' ':
			gap++
		case '\t':
			gap += 4 - (col+gap)%4
		default:
			if c == '\r' || gap == 0 || gap > 4 {
				return 1
			}
			return gap
		}
	}
	return 1
}

// listMarker returns the length of the list marker ("-", "*", "+", "1.",
// "12)") that s starts with, or 0. A marker is followed by white space
// or the end of the line; a thematic break ("- - -", "***") is not one.
func listMarker(s []byte) int {
	w := 0
	switch {
	case len(s) == 0:
		return 0
	case s[0] == '-' || s[0] == '*' || s[0] == '+':
		if s[0] != '+' && thematicBreak(s) {
			return 0
		}
		w = 1
	default:
		for w < len(s) && w < 10 && s[w] >= '0' && s[w] <= '9' {
			w++
		}
		if w == 0 || w > 9 || w == len(s) || s[w] != '.' && s[w] != ')' {
			return 0
		}
		w++
	}
	if w < len(s) && s[w] != ' ' && s[w] != '\t' && s[w] != '\r' {
		return 0
	}
	return w
}

// thematicBreak reports whether a line's rest is a thematic break: three
// or more of one of "-", "*", "_", with only spaces or tabs between.
func thematicBreak(s []byte) bool {
	count := 0
	for _, c := range s {
		switch {
		case c == s[0]:
			count++
		case c == ' ' || c == '\t' || c == '\r':
		default:
			return false
		}
	}
	return count >= 3
}
