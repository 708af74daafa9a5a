package corpus

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/clausetrack/clausetrack/clauses"
)

// importHTML extracts the text a browser shows from an HTML document,
// one block per line. data must be non-empty valid UTF-8 without NUL
// bytes.
//
// The returned Source's Text is the extracted text: each block is one
// line, ended by "\n". A block's Span is its line without the "\n". Its
// Plain is the line without the Label: a list item of an <ol> gets the
// marker the browser draws ("3.", "c.", "iv.") as its Label, and its line
// reads Label + " " + Plain, as on the page.
//
// Blocks are headings, paragraphs and other block elements (only the
// text directly in them, not in nested blocks), list items, and table
// rows whose cells hold only inline text (cells joined by a space). <br>
// and <hr> end a block. Hidden content (script, style, head, the hidden
// attribute, inline display:none) is skipped, white space is folded to
// single spaces, and a paragraph that is only a page number ("2", "- 2 -",
// "Page 2 of 10", "ii") is dropped, as are empty blocks. Name and Format
// are left to the caller.
func importHTML(data []byte) (*clauses.Source, error) {
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("parse html: %w", err)
	}
	b := &htmlBuilder{blocks: []clauses.Block{}}
	b.walk(doc)
	b.flush()
	return &clauses.Source{Text: b.text.Bytes(), Blocks: b.blocks}, nil
}

// htmlBuilder turns a parsed page into lines of text and blocks.
type htmlBuilder struct {
	text   bytes.Buffer
	blocks []clauses.Block
	line   strings.Builder // the current block's text, folded
	space  bool            // a space is due before the next text
	edge   bool            // an inline element began or ended since the last text
	ctx    []htmlContext
	lists  []*htmlList
	row    int // above 0 inside a table row read as one block
}

// htmlContext is an open block element. The zero value is a paragraph.
type htmlContext struct {
	kind  clauses.BlockKind
	level int
	label string
	fresh bool // a list item whose first block is still to come
}

// htmlList numbers the items of an open <ol> or <ul>.
type htmlList struct {
	style byte // '1', 'a', 'A', 'i', 'I', or 0 for no marker
	next  int
	step  int
}

func (b *htmlBuilder) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		b.addText(n.Data)
	case html.DocumentNode:
		b.children(n)
	case html.ElementNode:
		b.element(n)
	}
}

func (b *htmlBuilder) children(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.walk(c)
	}
}

func (b *htmlBuilder) element(n *html.Node) {
	if skipped(n) {
		return
	}
	a := n.DataAtom
	if b.row > 0 {
		// Inside a row read as one block every element is inline, and
		// cells and paragraphs are separated by a space.
		if isBlockTag(a) {
			b.space = true
			b.children(n)
			b.space = true
		} else {
			b.inline(n)
		}
		return
	}
	switch a {
	case atom.Br, atom.Hr:
		b.flush()
	case atom.Pre:
		b.pre(n)
	case atom.Ol, atom.Ul, atom.Menu, atom.Dir:
		b.list(n)
	case atom.Li:
		b.item(n)
	case atom.Tr:
		if flatRow(n) {
			b.row++
			b.open(htmlContext{kind: clauses.TableRow}, n.FirstChild)
			b.row--
		} else {
			b.open(htmlContext{}, n.FirstChild)
		}
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		b.open(htmlContext{kind: clauses.Heading, level: int(n.Data[1] - '0')}, n.FirstChild)
	default:
		if isBlockTag(a) {
			b.open(htmlContext{}, n.FirstChild)
		} else {
			b.inline(n)
		}
	}
}

func (b *htmlBuilder) inline(n *html.Node) {
	b.edge = true
	b.children(n)
	b.edge = true
}

// open reads the nodes from first on as the content of a block element.
func (b *htmlBuilder) open(ctx htmlContext, first *html.Node) {
	b.flush()
	b.ctx = append(b.ctx, ctx)
	for c := first; c != nil; c = c.NextSibling {
		b.walk(c)
	}
	b.flush()
	b.ctx = b.ctx[:len(b.ctx)-1]
}

func (b *htmlBuilder) list(n *html.Node) {
	l := &htmlList{style: listStyle(n), next: 1, step: 1}
	if n.DataAtom != atom.Ol {
		l.style = 0
	}
	if _, ok := attr(n, "reversed"); ok {
		l.step = -1
		l.next = countItems(n)
	}
	if v, ok := intAttr(n, "start"); ok {
		l.next = v
	}
	b.flush()
	b.lists = append(b.lists, l)
	b.children(n)
	b.flush()
	b.lists = b.lists[:len(b.lists)-1]
}

func (b *htmlBuilder) item(n *html.Node) {
	b.flush() // before the enclosing item loses its label
	label := ""
	if len(b.lists) > 0 {
		l := b.lists[len(b.lists)-1]
		if v, ok := intAttr(n, "value"); ok {
			l.next = v
		}
		style := l.style
		if t, ok := attr(n, "type"); ok && style != 0 {
			style, _ = markerStyle(t)
		}
		label = ordinalLabel(l.next, style)
		l.next += l.step
	}
	// An enclosing item that has shown no text yet loses its label: its
	// text would come after this item's.
	for i := range b.ctx {
		b.ctx[i].fresh = false
	}
	b.open(htmlContext{kind: clauses.ListItem, level: max(len(b.lists), 1), label: label, fresh: true}, n.FirstChild)
}

// pre reads preformatted text as paragraphs: a blank line, or a line
// that starts with a number label, begins a new block.
func (b *htmlBuilder) pre(n *html.Node) {
	b.flush()
	var sb strings.Builder
	preText(&sb, n)
	b.ctx = append(b.ctx, htmlContext{kind: clauses.Paragraph})
	for _, line := range strings.Split(sb.String(), "\n") {
		t := strings.TrimFunc(line, unicode.IsSpace)
		if t == "" || preLabel.MatchString(t) {
			b.flush()
		}
		b.addText(t)
		b.space = b.line.Len() > 0
	}
	b.flush()
	b.ctx = b.ctx[:len(b.ctx)-1]
}

// preText appends the visible text under n, with <br> as a line break.
func preText(sb *strings.Builder, n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode:
			sb.WriteString(c.Data)
		case c.Type != html.ElementNode || skipped(c):
		case c.DataAtom == atom.Br || isBlockTag(c.DataAtom):
			sb.WriteByte('\n')
			preText(sb, c)
			sb.WriteByte('\n')
		default:
			preText(sb, c)
		}
	}
}

// addText appends text to the current block, folding white space.
func (b *htmlBuilder) addText(s string) {
	for _, r := range s {
		switch {
		case r == '\ufeff' || r == '\u200b' || r == '\u00ad':
			// Invisible: byte order mark, zero width space, soft hyphen.
			continue
		case unicode.IsSpace(r):
			b.space = b.line.Len() > 0
			continue
		}
		if b.line.Len() > 0 && (b.space || b.edge && needsGap(b.line.String(), r)) {
			b.line.WriteByte(' ')
		}
		b.space, b.edge = false, false
		b.line.WriteRune(r)
	}
}

// needsGap reports whether a space belongs between prev and r where two
// inline elements abut: after a label such as "2." "2.1" "(a)", or a
// sentence end, when a word follows.
func needsGap(prev string, r rune) bool {
	if prev == "" {
		return false
	}
	if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
		// "(b)" then "“including…”": a label before an opening quote
		return strings.ContainsRune("\"“‘'", r) && prev[len(prev)-1] == ')' && strings.LastIndexByte(prev, '(') >= len(prev)-7
	}
	switch prev[len(prev)-1] {
	case '.', ':', ')':
		return true
	}
	// Only the last word matters; look no further back than a long one.
	tail := prev[max(len(prev)-24, 0):]
	i := strings.LastIndexByte(tail, ' ')
	if i < 0 && len(tail) < len(prev) {
		return false
	}
	return dottedNumber.MatchString(tail[i+1:])
}

// flush ends the current block, emitting it unless it is empty or a page
// number.
func (b *htmlBuilder) flush() {
	plain := b.line.String()
	b.line.Reset()
	b.space, b.edge = false, false
	if plain == "" {
		return
	}
	kind, level, label := clauses.Paragraph, 0, ""
	if len(b.ctx) > 0 {
		top := b.ctx[len(b.ctx)-1]
		kind, level = top.kind, top.level
	}
	for i := len(b.ctx) - 1; i >= 0; i-- {
		c := &b.ctx[i]
		if c.kind != clauses.ListItem {
			continue
		}
		if c.fresh {
			kind, level, label = clauses.ListItem, c.level, c.label
			c.fresh = false
		} else if i == len(b.ctx)-1 {
			// Text after the item's first block: a paragraph of the item.
			kind, level = clauses.Paragraph, 0
		}
		break
	}
	if kind == clauses.Paragraph && pageNumber.MatchString(plain) {
		return
	}
	line := plain
	if label != "" {
		line = label + " " + plain
	}
	start := b.text.Len()
	b.text.WriteString(line)
	b.text.WriteByte('\n')
	b.blocks = append(b.blocks, clauses.Block{
		Kind:  kind,
		Level: level,
		Label: label,
		Span:  clauses.Span{Start: start, End: start + len(line)},
		Plain: plain,
	})
}

var (
	// pageNumber matches a paragraph that is only a page number.
	pageNumber = regexp.MustCompile(`^(?:(?i:page) ?)?(?:[-–—] ?)?(?:\d{1,4}|x{0,3}(?:ix|iv|vi{0,3}|i{1,3})|x{1,3})(?: ?[-–—])?(?: (?i:of) \d{1,4})?$`)
	// dottedNumber matches a section number such as "2.1" or "10.3.4".
	dottedNumber = regexp.MustCompile(`^\d+(?:\.\d+)+$`)
	// preLabel matches a preformatted line that starts with a number
	// label: "1.", "2.1", "3)", "(a)".
	preLabel = regexp.MustCompile(`^(?:\d+(?:\.\d+)*[.)]?|\([0-9A-Za-z]{1,5}\))\s`)
	// leadingInt matches the start of an integer attribute value.
	leadingInt = regexp.MustCompile(`^[ \t\n\f\r]*([-+]?\d{1,9})(?:\D|$)`)
)

// skipped reports whether n and its content are invisible.
func skipped(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Head, atom.Template, atom.Noscript,
		atom.Svg, atom.Iframe, atom.Object, atom.Canvas, atom.Select, atom.Textarea:
		return true
	}
	if n.Data == "ix:header" || n.DataAtom == atom.Nav {
		return true // a <nav> holds a site menu or a table of contents, not clauses
	}
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "role":
			if a.Val == "navigation" {
				return true
			}
		case "style":
			s := strings.Map(func(r rune) rune {
				if unicode.IsSpace(r) {
					return -1
				}
				return unicode.ToLower(r)
			}, a.Val)
			if strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden") {
				return true
			}
		}
	}
	return false
}

// isBlockTag reports whether a browser lays an element out as a block.
func isBlockTag(a atom.Atom) bool {
	switch a {
	case atom.Address, atom.Article, atom.Aside, atom.Blockquote, atom.Body,
		atom.Caption, atom.Center, atom.Dd, atom.Details, atom.Dialog, atom.Dir,
		atom.Div, atom.Dl, atom.Dt, atom.Fieldset, atom.Figcaption, atom.Figure,
		atom.Footer, atom.Form, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5,
		atom.H6, atom.Header, atom.Hgroup, atom.Hr, atom.Html, atom.Legend,
		atom.Li, atom.Main, atom.Menu, atom.Nav, atom.Ol, atom.P, atom.Pre,
		atom.Section, atom.Summary, atom.Table, atom.Tbody, atom.Td, atom.Tfoot,
		atom.Th, atom.Thead, atom.Tr, atom.Ul, atom.Br:
		return true
	}
	return false
}

// flatRow reports whether a table row holds only inline text, at most
// one run of it per cell (a run being text under one <p> or <div>), so
// that it reads as one line.
func flatRow(tr *html.Node) bool {
	flat := true
	var seen *html.Node // the element holding the current run of text
	runs := 0
	var visit func(n, owner *html.Node)
	visit = func(n, owner *html.Node) {
		for c := n.FirstChild; c != nil && flat; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				if strings.TrimFunc(c.Data, unicode.IsSpace) != "" && seen != owner {
					seen = owner
					runs++
				}
			case c.Type != html.ElementNode || skipped(c):
			case c.DataAtom == atom.P || c.DataAtom == atom.Div || c.DataAtom == atom.Center:
				visit(c, c)
			case isBlockTag(c.DataAtom):
				flat = false
			default:
				visit(c, owner)
			}
		}
	}
	for cell := tr.FirstChild; cell != nil && flat; cell = cell.NextSibling {
		if cell.Type == html.ElementNode && !skipped(cell) {
			seen, runs = nil, 0
			visit(cell, cell)
			flat = flat && runs <= 1
		}
	}
	return flat
}

// attr returns the value of n's attribute key, and whether it has one.
func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// intAttr reads an integer attribute as browsers do: leading white
// space, an optional sign, digits, and anything after ignored. Values of
// more than nine digits are ignored.
func intAttr(n *html.Node, key string) (int, bool) {
	v, _ := attr(n, key)
	m := leadingInt.FindStringSubmatch(v)
	if m == nil {
		return 0, false
	}
	x, err := strconv.Atoi(m[1])
	return x, err == nil
}

// countItems returns the number of visible items of list n, for the
// default start of a reversed list.
func countItems(n *html.Node) int {
	count := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || skipped(c) {
			continue
		}
		switch c.DataAtom {
		case atom.Li:
			count++
		case atom.Ol, atom.Ul, atom.Menu, atom.Dir:
		default:
			count += countItems(c)
		}
	}
	return count
}

// listStyle returns the marker style of an <ol>: its type attribute, or
// a list-style-type in its inline style.
func listStyle(n *html.Node) byte {
	style := byte('1')
	if t, ok := attr(n, "type"); ok {
		style, _ = markerStyle(t)
	}
	css, _ := attr(n, "style")
	for _, decl := range strings.Split(strings.ToLower(css), ";") {
		prop, val, _ := strings.Cut(decl, ":")
		if p := strings.TrimSpace(prop); p == "list-style-type" || p == "list-style" {
			for _, v := range strings.Fields(val) {
				if s, ok := markerStyle(v); ok {
					style = s
				}
			}
		}
	}
	return style
}

// markerStyle maps a type attribute ("a", "I") or a CSS list-style-type
// ("lower-alpha", "none") to a marker style; unknown values to decimal
// and false.
func markerStyle(v string) (byte, bool) {
	switch v {
	case "1", "decimal":
		return '1', true
	case "a", "lower-alpha", "lower-latin":
		return 'a', true
	case "A", "upper-alpha", "upper-latin":
		return 'A', true
	case "i", "lower-roman":
		return 'i', true
	case "I", "upper-roman":
		return 'I', true
	case "none":
		return 0, true
	}
	return '1', false
}

// ordinalLabel renders item number n in a marker style, with a dot.
// Letters and roman numerals fall back to decimal where they have no
// form (n < 1, or roman numerals above 3999).
func ordinalLabel(n int, style byte) string {
	var s string
	switch {
	case style == 0:
		return ""
	case (style == 'a' || style == 'A') && n > 0:
		var buf []byte
		for m := n; m > 0; m = (m - 1) / 26 {
			buf = append([]byte{byte('a' + (m-1)%26)}, buf...)
		}
		s = string(buf)
	case (style == 'i' || style == 'I') && n > 0 && n < 4000:
		s = roman(n)
	default:
		return strconv.Itoa(n) + "."
	}
	if style == 'A' || style == 'I' {
		s = strings.ToUpper(s)
	}
	return s + "."
}

// roman returns n, from 1 to 3999, in lower-case roman numerals.
func roman(n int) string {
	values := [...]int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	digits := [...]string{"m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i"}
	var b strings.Builder
	for i, v := range values {
		for n >= v {
			b.WriteString(digits[i])
			n -= v
		}
	}
	return b.String()
}
