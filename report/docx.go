package report

import (
	"archive/zip"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/clausetrack/clausetrack/rights"
)

// DOCXOptions tune the Word documents DiffDOCX and MemoDOCX write.
type DOCXOptions struct {
	// Author is the author of every tracked change and comment; empty
	// means "clausetrack".
	Author string
	// Date is the date of every tracked change, the document's created
	// and modified dates and the zip entries' times, so the same input
	// and Date give the same bytes. The zero time means 1980-01-01, the
	// earliest time a zip entry holds.
	Date time.Time
	// Ledger is the rights ledger of exactly the two compared versions;
	// nil leaves the ledger table out (two files, not a workspace
	// agreement). MemoDOCX takes the memo's own ledger instead.
	Ledger *rights.Ledger
}

func (opt DOCXOptions) author() string {
	if strings.TrimSpace(opt.Author) == "" {
		return "clausetrack"
	}
	return oneLine(opt.Author)
}

func (opt DOCXOptions) date() time.Time {
	t := opt.Date.UTC().Truncate(time.Second)
	if t.Year() < 1980 {
		return time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return t
}

// WordprocessingML namespaces and the relationship and content types a
// package names.
const (
	docxNS       = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	relsNS       = "http://schemas.openxmlformats.org/package/2006/relationships"
	relOffice    = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
	ctWordprefix = "application/vnd.openxmlformats-officedocument.wordprocessingml."
	xmlDecl      = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
)

// docxPart is one part of a package: its name in the zip, its content
// type, and for word/ parts the relationship type the main document
// names it by ("" for the main document and the package's own parts).
type docxPart struct {
	name, contentType, rel string
	data                   string
}

// writeDOCX writes a package of the main document, the styles, the core
// properties and the extra parts (comments), entries sorted by name and
// dated date, so that the bytes depend on nothing but the input.
func writeDOCX(w io.Writer, document, title string, opt DOCXOptions, extra ...docxPart) error {
	date := opt.date()
	stamp := date.Format(time.RFC3339)
	parts := []docxPart{
		{name: "word/document.xml", contentType: ctWordprefix + "document.main+xml", data: document},
		{name: "word/styles.xml", contentType: ctWordprefix + "styles+xml", rel: "styles", data: docxStyles},
		{name: "word/settings.xml", contentType: ctWordprefix + "settings+xml", rel: "settings", data: docxSettings},
		{name: "docProps/core.xml", contentType: "application/vnd.openxmlformats-package.core-properties+xml",
			data: xmlDecl + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
				`<dc:title>` + xmlText(title) + `</dc:title><dc:creator>` + xmlText(opt.author()) + `</dc:creator>` +
				`<cp:lastModifiedBy>` + xmlText(opt.author()) + `</cp:lastModifiedBy>` +
				`<dcterms:created xsi:type="dcterms:W3CDTF">` + stamp + `</dcterms:created>` +
				`<dcterms:modified xsi:type="dcterms:W3CDTF">` + stamp + `</dcterms:modified></cp:coreProperties>`},
	}
	parts = append(parts, extra...)

	var ct, docRels strings.Builder
	ct.WriteString(xmlDecl + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>`)
	docRels.WriteString(xmlDecl + `<Relationships xmlns="` + relsNS + `">`)
	n := 0
	for _, p := range parts {
		ct.WriteString(`<Override PartName="/` + p.name + `" ContentType="` + p.contentType + `"/>`)
		if p.rel != "" {
			n++
			docRels.WriteString(`<Relationship Id="rId` + strconv.Itoa(n) + `" Type="` + relOffice + p.rel +
				`" Target="` + strings.TrimPrefix(p.name, "word/") + `"/>`)
		}
	}
	ct.WriteString(`</Types>`)
	docRels.WriteString(`</Relationships>`)
	parts = append(parts,
		docxPart{name: "[Content_Types].xml", data: ct.String()},
		docxPart{name: "_rels/.rels", data: xmlDecl + `<Relationships xmlns="` + relsNS + `">` +
			`<Relationship Id="rId1" Type="` + relOffice + `officeDocument" Target="word/document.xml"/>` +
			`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
			`</Relationships>`},
		docxPart{name: "word/_rels/document.xml.rels", data: docRels.String()})
	sortParts(parts)

	zw := zip.NewWriter(w)
	for _, p := range parts {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: date})
		if err != nil {
			return err
		}
		if _, err := io.WriteString(f, p.data); err != nil {
			return err
		}
	}
	return zw.Close()
}

func sortParts(ps []docxPart) {
	for i := 1; i < len(ps); i++ {
		for j := i; j > 0 && ps[j].name < ps[j-1].name; j-- {
			ps[j], ps[j-1] = ps[j-1], ps[j]
		}
	}
}

// docxSettings turns on nothing but what a redline needs: Word keeps
// tracking changes made to it, so the other side's edits are tracked too.
const docxSettings = xmlDecl + `<w:settings ` + docxNS + `><w:trackRevisions/><w:defaultTabStop w:val="720"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>`

// docxStyles defines Normal, Title, Heading1-3 (with outline levels, so
// Word's navigation pane and the project's importer see headings) and a
// table grid.
const docxStyles = xmlDecl + `<w:styles ` + docxNS + `>` +
	`<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:eastAsia="Calibri" w:cs="Calibri"/><w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-US"/></w:rPr></w:rPrDefault>` +
	`<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>` +
	`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="240"/></w:pPr><w:rPr><w:b/><w:sz w:val="40"/><w:szCs w:val="40"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="360" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="200" w:after="80"/><w:outlineLvl w:val="2"/></w:pPr><w:rPr><w:b/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style>` +
	`<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>` +
	`<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>` +
	`<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:pPr><w:spacing w:after="0"/></w:pPr><w:tblPr><w:tblBorders>` +
	`<w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/>` +
	`</w:tblBorders></w:tblPr></w:style>` +
	`<w:style w:type="character" w:styleId="CommentReference"><w:name w:val="annotation reference"/><w:basedOn w:val="DefaultParagraphFont"/><w:rPr><w:sz w:val="16"/></w:rPr></w:style>` +
	`</w:styles>`

// xmlText escapes s for XML character data and attribute values, and
// drops what XML 1.0 cannot hold (most control characters, U+FFFE,
// U+FFFF, invalid UTF-8).
func xmlText(s string) string {
	var b strings.Builder
	writeXMLText(&b, s)
	return b.String()
}

func writeXMLText(b *strings.Builder, s string) {
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < utf8.RuneSelf && c != '<' && c != '>' && c != '&' && c != '"' {
			i++
			continue
		}
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
			if !(r == utf8.RuneError && size == 1) && r != 0xFFFE && r != 0xFFFF {
				i += size
				continue
			}
		}
		b.WriteString(s[start:i])
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '"':
			b.WriteString("&quot;")
		case '\t', '\n', '\r':
			b.WriteByte(byte(r))
		}
		i += size
		start = i
	}
	b.WriteString(s[start:])
}

// docxBody builds a document's body: paragraphs, runs, tracked changes
// and tables. Every revision and range gets the next id, so ids are
// unique across the document.
type docxBody struct {
	b        strings.Builder
	id       int
	author   string
	date     string
	moves    int
	comments []docxComment
}

// docxComment is one Word comment: its id and author, date and text.
type docxComment struct {
	id           int
	author, date string
	text         string
}

func newDocxBody(opt DOCXOptions) *docxBody {
	d := &docxBody{author: xmlText(opt.author()), date: opt.date().Format(time.RFC3339)}
	d.b.Grow(1 << 16)
	d.b.WriteString(xmlDecl + `<w:document ` + docxNS + `><w:body>`)
	return d
}

// rev writes the attributes of a revision with a fresh id.
func (d *docxBody) rev() string {
	d.id++
	return ` w:id="` + strconv.Itoa(d.id) + `" w:author="` + d.author + `" w:date="` + d.date + `"`
}

// Revision marks: how a run or a paragraph mark is tracked.
const (
	markNone     = ""
	markIns      = "ins"
	markDel      = "del"
	markMoveFrom = "moveFrom"
	markMoveTo   = "moveTo"
)

// pStart opens a paragraph in style (empty for Normal), indented left by
// indent twips, its mark tracked as mark says.
func (d *docxBody) pStart(style string, indent int, mark string) {
	d.b.WriteString("<w:p>")
	if style == "" && indent == 0 && mark == markNone {
		return
	}
	d.b.WriteString("<w:pPr>")
	if style != "" {
		d.b.WriteString(`<w:pStyle w:val="` + style + `"/>`)
	}
	if indent > 0 {
		d.b.WriteString(`<w:ind w:left="` + strconv.Itoa(indent) + `"/>`)
	}
	if mark != markNone {
		d.b.WriteString("<w:rPr><w:" + mark + d.rev() + "/></w:rPr>")
	}
	d.b.WriteString("</w:pPr>")
}

func (d *docxBody) pEnd() { d.b.WriteString("</w:p>") }

// para writes a paragraph of plain text.
func (d *docxBody) para(style, text string) {
	d.pStart(style, 0, markNone)
	d.run(markNone, "", text)
	d.pEnd()
}

// run writes text as runs with run properties rPr (may be empty),
// wrapped in a revision of kind mark. Line breaks become w:br and tabs
// w:tab; deleted text is w:delText.
func (d *docxBody) run(mark, rPr, text string) {
	if text == "" {
		return
	}
	if mark != markNone {
		d.b.WriteString("<w:" + mark + d.rev() + ">")
	}
	d.b.WriteString("<w:r>")
	if rPr != "" {
		d.b.WriteString("<w:rPr>" + rPr + "</w:rPr>")
	}
	tag := "w:t"
	if mark == markDel {
		tag = "w:delText"
	}
	for len(text) > 0 {
		k := strings.IndexAny(text, "\n\t\r")
		seg := text
		if k >= 0 {
			seg = text[:k]
		}
		if seg != "" {
			d.b.WriteString("<" + tag + ` xml:space="preserve">`)
			writeXMLText(&d.b, seg)
			d.b.WriteString("</" + tag + ">")
		}
		if k < 0 {
			break
		}
		switch text[k] {
		case '\n':
			d.b.WriteString("<w:br/>")
		case '\t':
			d.b.WriteString("<w:tab/>")
		}
		text = text[k+1:]
	}
	d.b.WriteString("</w:r>")
	if mark != markNone {
		d.b.WriteString("</w:" + mark + ">")
	}
}

// moveRange opens (end false) or closes a move range; both ends of a
// range share the id and its name, "moveN".
func (d *docxBody) moveRange(mark string, end bool, id int, name string) {
	if end {
		d.b.WriteString("<w:" + mark + "RangeEnd w:id=\"" + strconv.Itoa(id) + "\"/>")
		return
	}
	d.b.WriteString("<w:" + mark + "RangeStart w:id=\"" + strconv.Itoa(id) + "\" w:author=\"" + d.author +
		"\" w:date=\"" + d.date + "\" w:name=\"" + name + "\"/>")
}

// pageBreak ends the page.
func (d *docxBody) pageBreak() { d.b.WriteString(`<w:p><w:r><w:br w:type="page"/></w:r></w:p>`) }

// table writes a table with a bold header row; widths are in twips, one
// per column.
func (d *docxBody) table(widths []int, head []string, rows [][]string) {
	d.b.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>`)
	for _, w := range widths {
		d.b.WriteString(`<w:gridCol w:w="` + strconv.Itoa(w) + `"/>`)
	}
	d.b.WriteString("</w:tblGrid>")
	row := func(cells []string, bold bool) {
		d.b.WriteString("<w:tr>")
		if bold {
			d.b.WriteString("<w:trPr><w:tblHeader/></w:trPr>")
		}
		for k, c := range cells {
			d.b.WriteString(`<w:tc><w:tcPr><w:tcW w:w="` + strconv.Itoa(widths[k]) + `" w:type="dxa"/></w:tcPr><w:p>`)
			rPr := ""
			if bold {
				rPr = "<w:b/>"
			}
			d.run(markNone, rPr, c)
			d.b.WriteString("</w:p></w:tc>")
		}
		d.b.WriteString("</w:tr>")
	}
	row(head, true)
	for _, r := range rows {
		row(r, false)
	}
	d.b.WriteString("</w:tbl>")
}

// finish closes the body with an untracked last paragraph (a document's
// last paragraph mark cannot be deleted) and the page setup, A4 with
// 2.5 cm margins.
func (d *docxBody) finish() string {
	d.b.WriteString(`<w:p/><w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1418" w:right="1418" w:bottom="1418" w:left="1418" w:header="709" w:footer="709" w:gutter="0"/></w:sectPr></w:body></w:document>`)
	return d.b.String()
}
