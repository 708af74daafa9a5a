package corpus

import (
	"bufio"
	"bytes"
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
func importMarkdown(data []byte) (*clauses.Source, error) {
	off := bodyStart(data)
	body := data[off:]
	md := goldmark.New(goldmark.WithExtensions(extension.Table))
	doc := md.Parser().Parse(text.NewReader(body))
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
			_, next := lineAt(w.src, end)
			end = w.lineEnd(next)
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
