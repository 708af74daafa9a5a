package corpus

import (
	"strings"
	"testing"
)

// run writes a run of text.
func run(text string) string { return `<w:r><w:t xml:space="preserve">` + text + `</w:t></w:r>` }

// field writes a complex field: its code, then its result.
func field(code, result string) string {
	return `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">` + code + `</w:instrText></w:r>` +
		`<w:r><w:fldChar w:fldCharType="separate"/></w:r>` + result + `<w:r><w:fldChar w:fldCharType="end"/></w:r>`
}

// textBox writes a DrawingML text box with a VML fallback copy, as Word
// does.
func textBox(text string) string {
	box := `<w:txbxContent>` + para("", text) + `</w:txbxContent>`
	return `<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx>` + box +
		`</wps:txbx></wps:wsp></w:drawing></mc:Choice><mc:Fallback><w:pict><v:rect><v:textbox>` + box +
		`</v:textbox></v:rect></w:pict></mc:Fallback></mc:AlternateContent></w:r>`
}

// cell writes a table cell of paragraphs.
func cell(paras ...string) string { return "<w:tc><w:tcPr/>" + strings.Join(paras, "") + "</w:tc>" }

func TestImportDOCXText(t *testing.T) {
	runDOCXCases(t, []docxCase{
		{
			name: "runs, tabs, breaks, hyphens, hidden text",
			spec: docxSpec{body: `<w:p><w:r><w:t>Fees</w:t><w:tab/><w:t>are due</w:t><w:br/><w:t>monthly</w:t></w:r>` +
				`<w:r><w:br w:type="page"/><w:t>in ar</w:t></w:r><w:r><w:lastRenderedPageBreak/><w:t>rears</w:t></w:r>` +
				`<w:r><w:t xml:space="preserve"> non</w:t><w:noBreakHyphen/><w:t>refund` + "\u00ad" + `able</w:t><w:softHyphen/><w:t>.</w:t></w:r>` +
				`<w:r><w:rPr><w:vanish/></w:rPr><w:t>HIDDEN</w:t></w:r><w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t xml:space="preserve"> Shown.</w:t></w:r>` +
				`<w:r><w:t xml:space="preserve">` + "\t  spaced \u00a0 out\u200b" + `</w:t></w:r></w:p>` +
				`<w:p><w:r><w:t>  </w:t></w:r></w:p>`},
			want: `
para 0 - | Fees are due monthly in arrears non-refundable. Shown. spaced out
`,
		},
		{
			name: "fields show their result, never their code",
			spec: docxSpec{body: `<w:p>` + run("See clause ") + field(` REF _Ref1 \r \h `, run("7.2")) + run(" and page ") +
				`<w:fldSimple w:instr=" PAGE "><w:r><w:t>4</w:t></w:r></w:fldSimple>` + run(".") + `</w:p>` +
				`<w:p>` + field(` IF `+"x"+` = 1 "yes" "no" `, "") + run("Nested: ") +
				`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> IF </w:instrText></w:r>` + field(" DOCPROPERTY x ", run("1")) +
				`<w:r><w:instrText xml:space="preserve"> = 1 "a" "b" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>` +
				run("a") + `<w:r><w:fldChar w:fldCharType="end"/></w:r>` +
				run(" done.") + `</w:p>` +
				`<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>SEQ x</w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>` + run("No result.") + `</w:p>`},
			want: `
para 0 - | See clause 7.2 and page 4.
para 0 - | Nested: a done.
para 0 - | No result.
`,
		},
		{
			name: "hyperlinks, content controls, smart tags, math",
			spec: docxSpec{body: `<w:sdt><w:sdtPr><w:alias w:val="Parties"/><w:placeholder><w:docPart w:val="DefaultPlaceholder"/></w:placeholder></w:sdtPr><w:sdtContent>` +
				`<w:p>` + run("Between ") + `<w:sdt><w:sdtPr><w:text/></w:sdtPr><w:sdtContent>` + run("Acme Ltd") + `</w:sdtContent></w:sdt>` +
				run(" and ") + `<w:hyperlink r:id="rId9">` + run("Beta Inc") + `</w:hyperlink>` + `<w:smartTag w:element="place">` + run(".") + `</w:smartTag></w:p>` +
				`</w:sdtContent><w:sdtEndPr><w:rPr><w:b/></w:rPr></w:sdtEndPr></w:sdt>` +
				`<w:p>` + run("Rate ") + `<m:oMath><m:r><m:t>r=2%</m:t></m:r></m:oMath>` + run(" a year.") + `<w:r><w:ruby><w:rt><w:r><w:t>ignored</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>X</w:t></w:r></w:rubyBase></w:ruby></w:r></w:p>`},
			want: `
para 0 - | Between Acme Ltd and Beta Inc.
para 0 - | Rate r=2% a year.X
`,
		},
		{
			name: "a text box is read once, after its paragraph",
			spec: docxSpec{numbering: legalList + num(1, 1, ""),
				body: `<w:p><w:pPr>` + numPr(1, 0) + `</w:pPr>` + run("Anchor text.") + textBox("Boxed.") + run(" More.") + `</w:p>` + para(numPr(1, 0), "Next")},
			want: `
item 1 1. | Anchor text. More.
para 0 - | Boxed.
item 1 2. | Next
`,
		},
		{
			name: "tables: one block per row, numbered cells, nested tables",
			spec: docxSpec{numbering: legalList + num(1, 1, ""),
				body: `<w:tbl><w:tblPr/><w:tblGrid/>` +
					`<w:tr>` + cell(para("", "Party")) + cell(para("", "Role")) + `</w:tr>` +
					`<w:tr>` + cell(para("", "Acme")) + cell(para("", "Supplier"), para("", "of"), para("", "services")) + `</w:tr>` +
					`<w:tr>` + cell(para(numPr(1, 0), "numbered")) + cell(`<w:tbl><w:tr>`+cell(para("", "inner"))+cell(para("", "table"))+`</w:tr></w:tbl>`, para("", "after")) + `</w:tr>` +
					`<w:tr>` + cell(`<w:p/>`) + cell(`<w:p/>`) + `</w:tr>` +
					`</w:tbl>` + para(numPr(1, 0), "After the table")},
			want: `
row 0 - | Party Role
row 0 - | Acme Supplier of services
row 0 - | 1. numbered inner table after
item 1 2. | After the table
`,
		},
		{
			name: "footnotes and endnotes",
			spec: docxSpec{
				body: `<w:p>` + run("Alpha.") + `<w:r><w:footnoteReference w:id="2"/></w:r>` + run(" Beta.") + `<w:r><w:endnoteReference w:id="5"/></w:r>` +
					run(" Gamma.") + `<w:r><w:footnoteReference w:id="3"/></w:r></w:p>` +
					`<w:p><w:r><w:footnoteReference w:id="9"/></w:r></w:p>`,
				footnotes: `<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>` +
					`<w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r>` + run(" First note,") + `</w:p><w:p>` + run("two paragraphs.") + `</w:p></w:footnote>` +
					`<w:footnote w:id="3"><w:p><w:r><w:footnoteRef/></w:r>` + run(" Second note.") + `</w:p></w:footnote>`,
				endnotes: `<w:endnote w:id="5"><w:p><w:r><w:endnoteRef/></w:r>` + run(" The endnote.") + `</w:p></w:endnote>`},
			want: `
para 0 - | Alpha.[1] Beta.[4] Gamma.[2]
para 0 - | [3]
heading 1 - | Footnotes
para 0 [1] | First note, two paragraphs.
para 0 [2] | Second note.
heading 1 - | Endnotes
para 0 [4] | The endnote.
`,
		},
		{
			name: "strict OOXML namespace",
			spec: docxSpec{body: `<s:p xmlns:s="http://purl.oclc.org/ooxml/wordprocessingml/main"><s:r><s:t>Strict text.</s:t></s:r></s:p>`},
			want: `
para 0 - | Strict text.
`,
		},
		{
			name: "style separator: a hidden paragraph mark joins the heading to its text",
			spec: docxSpec{styles: `<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style>`,
				body: para(`<w:pStyle w:val="Heading2"/><w:rPr><w:vanish/><w:specVanish/></w:rPr>`, "Fees.") + para("", " The Customer pays.") + para("", "Next.")},
			want: `
heading 2 - | Fees. The Customer pays.
para 0 - | Next.
`,
		},
	})
}

// trackedBody has one of each kind of tracked change: inserted and
// deleted runs, a moved run, a deleted paragraph mark (two paragraphs
// joined), a whole inserted numbered paragraph, a deleted table row, and
// formatting revisions that change no text.
var trackedBody = para(numPr(1, 0), "Payment") +
	`<w:p>` + run("Pay within ") + `<w:del w:id="1" w:author="A"><w:r><w:delText>thirty</w:delText></w:r></w:del>` +
	`<w:ins w:id="2" w:author="A"><w:r><w:t>sixty</w:t></w:r></w:ins>` + run(" days.") + `</w:p>` +
	`<w:p><w:pPr><w:rPr><w:del w:id="3" w:author="A"/></w:rPr></w:pPr>` + run("Interest accrues") +
	`<w:del w:id="4" w:author="A"><w:r><w:delText>.</w:delText></w:r></w:del></w:p>` +
	`<w:p><w:del w:id="5" w:author="A"><w:r><w:delText>It runs</w:delText></w:r></w:del>` + run(" daily.") + `</w:p>` +
	`<w:p><w:pPr>` + numPr(1, 0) + `<w:rPr><w:ins w:id="6" w:author="A"/></w:rPr></w:pPr><w:ins w:id="7" w:author="A"><w:r><w:t>Inserted clause.</w:t></w:r></w:ins></w:p>` +
	`<w:p><w:pPr>` + numPr(1, 0) + `<w:pPrChange w:id="8" w:author="A"><w:pPr><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr></w:pPrChange></w:pPr>` +
	`<w:r><w:rPr><w:b/><w:rPrChange w:id="9" w:author="A"><w:rPr/></w:rPrChange></w:rPr><w:t>Term.</w:t></w:r>` +
	`<w:moveFrom w:id="10" w:author="A"><w:r><w:t xml:space="preserve"> Moved away.</w:t></w:r></w:moveFrom></w:p>` +
	`<w:p>` + run("Here:") + `<w:moveTo w:id="11" w:author="A"><w:r><w:t xml:space="preserve"> Moved away.</w:t></w:r></w:moveTo></w:p>` +
	`<w:tbl><w:tr>` + cell(para("", "kept row")) + `</w:tr><w:tr><w:trPr><w:del w:id="12" w:author="A"/></w:trPr>` +
	cell(`<w:p><w:del w:id="13" w:author="A"><w:r><w:delText>deleted row</w:delText></w:r></w:del></w:p>`) + `</w:tr></w:tbl>`

func TestImportDOCXTracked(t *testing.T) {
	spec := docxSpec{numbering: legalList + num(1, 1, ""), body: trackedBody}
	runDOCXCases(t, []docxCase{
		{
			name: "current",
			spec: spec,
			want: `
item 1 1. | Payment
para 0 - | Pay within sixty days.
para 0 - | Interest accrues daily.
item 1 2. | Inserted clause.
item 1 3. | Term.
para 0 - | Here: Moved away.
row 0 - | kept row
note: contains 7 tracked changes (3 insertions, 4 deletions); the current text was imported
`,
		},
		{
			name: "original",
			spec: spec,
			mode: "original",
			want: `
item 1 1. | Payment
para 0 - | Pay within thirty days.
para 0 - | Interest accrues.
para 0 - | It runs daily.
item 1 2. | Term. Moved away.
para 0 - | Here:
row 0 - | kept row
row 0 - | deleted row
note: contains 7 tracked changes (3 insertions, 4 deletions); the original text was imported
`,
		},
		{
			name: "one change",
			spec: docxSpec{body: `<w:p><w:ins w:id="1" w:author="A"><w:r><w:t>New.</w:t></w:r></w:ins></w:p>`},
			want: `
para 0 - | New.
note: contains 1 tracked change (1 insertion); the current text was imported
`,
		},
	})
	if _, err := importDOCX(spec.build(t), ImportOptions{Tracked: "final"}); err == nil || !strings.Contains(err.Error(), `unknown tracked-changes mode "final"`) {
		t.Errorf("Tracked: final: err = %v", err)
	}
}
