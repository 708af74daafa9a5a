package corpus

import (
	"strings"
	"testing"
)

// paraRuns writes a paragraph with properties pPr and the given runs.
func paraRuns(pPr string, runs ...string) string {
	if pPr != "" {
		pPr = "<w:pPr>" + pPr + "</w:pPr>"
	}
	return "<w:p>" + pPr + strings.Join(runs, "") + "</w:p>"
}

// br writes a run holding one break; kind is its w:type, or "".
func br(kind string) string {
	if kind == "" {
		return `<w:r><w:br/></w:r>`
	}
	return `<w:r><w:br w:type="` + kind + `"/></w:r>`
}

// TestImportDOCXLineBreaks checks that a line break followed by a clause
// label starts a new block, as <br> does in HTML, and that other breaks
// read as a space.
func TestImportDOCXLineBreaks(t *testing.T) {
	runDOCXCases(t, []docxCase{
		{
			name: "labels after line breaks start paragraphs",
			spec: docxSpec{numbering: legalList + num(1, 1, ""),
				body: paraRuns(numPr(1, 0), run("The Supplier shall:"), br(""), run("(a) deliver the goods;"),
					br("textWrapping"), run("(b) invoice monthly; and"), `<w:r><w:cr/></w:r>`, run("(iv) keep records.")) +
					paraRuns(numPr(1, 0), run("Next clause."))},
			want: `
item 1 1. | The Supplier shall:
para 0 - | (a) deliver the goods;
para 0 - | (b) invoice monthly; and
para 0 - | (iv) keep records.
item 1 2. | Next clause.
`,
		},
		{
			name: "decimal and word labels",
			spec: docxSpec{body: paraRuns("", run("Definitions"), br(""), run("1.2 Terms apply."), br(""), run("  Section 3 Payment"),
				br(""), run("ARTICLE IV Term"), br(""), run("4. Notices"), br(""), run("§ 5 Law"), br(""), run("a) first"))},
			want: `
para 0 - | Definitions
para 0 - | 1.2 Terms apply.
para 0 - | Section 3 Payment
para 0 - | ARTICLE IV Term
para 0 - | 4. Notices
para 0 - | § 5 Law
para 0 - | a) first
`,
		},
		{
			name: "breaks not followed by a label read as a space",
			spec: docxSpec{body: paraRuns("", run("Acme Ltd"), br(""), run("1 High Street"), br(""), run("J. Smith"), br(""),
				run("section 3 of the Act"), br(""), run("2024. A year")) +
				paraRuns("", run("Before"), br("page"), run("(a) after a page break"), br("column"), run("(b) after a column break"))},
			want: `
para 0 - | Acme Ltd 1 High Street J. Smith section 3 of the Act 2024. A year
para 0 - | Before (a) after a page break (b) after a column break
`,
		},
		{
			name: "a break before any text keeps the number",
			spec: docxSpec{numbering: legalList + num(1, 1, ""),
				body: paraRuns(numPr(1, 0), br(""), br(""), run("(a) first"), br(""), run("(b) second"))},
			want: `
item 1 1. | (a) first
para 0 - | (b) second
`,
		},
		{
			name: "a note mark before the break stays with its text",
			spec: docxSpec{body: paraRuns("", run("Terms"), `<w:r><w:footnoteReference w:id="1"/></w:r>`, br(""),
				`<w:r><w:footnoteReference w:id="2"/></w:r>`, run(" (a) first")) +
				paraRuns("", run("Scope"), br(""), run("(b) second"), `<w:r><w:footnoteReference w:id="1"/></w:r>`),
				footnotes: `<w:footnote w:id="1">` + para("", "One.") + `</w:footnote><w:footnote w:id="2">` + para("", "Two.") + `</w:footnote>`},
			want: `
para 0 - | Terms[1][2] (a) first
para 0 - | Scope
para 0 - | (b) second[1]
heading 1 - | Footnotes
para 0 [1] | One.
para 0 [2] | Two.
`,
		},
		{
			name: "hidden, deleted and field-code breaks are not read",
			spec: docxSpec{body: paraRuns("", run("Terms"), `<w:r><w:rPr><w:vanish/></w:rPr><w:br/></w:r>`, run("(a) hidden break"),
				`<w:del w:id="1" w:author="A"><w:r><w:br/></w:r></w:del>`, run("(b) deleted break"))},
			want: `
para 0 - | Terms(a) hidden break(b) deleted break
note: contains 1 tracked change (1 deletion); the current text was imported
`,
		},
		{
			name: "in a table cell the blocks join again",
			spec: docxSpec{body: `<w:tbl><w:tr>` + cell(paraRuns("", run("Fees:"), br(""), run("(a) monthly"))) + cell(para("", "GBP")) + `</w:tr></w:tbl>`},
			want: `
row 0 - | Fees: (a) monthly GBP
`,
		},
		{
			name: "a text box paragraph splits too",
			spec: docxSpec{body: paraRuns("", run("Anchor."), `<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx><w:txbxContent>`+
				paraRuns("", run("Box:"), br(""), run("(a) boxed"))+`</w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice></mc:AlternateContent></w:r>`)},
			want: `
para 0 - | Anchor.
para 0 - | Box:
para 0 - | (a) boxed
`,
		},
	})
}

// TestImportDOCXGluedLabel checks that a label typed as a run of its own
// at the start of a paragraph is kept apart from the word that follows.
func TestImportDOCXGluedLabel(t *testing.T) {
	runDOCXCases(t, []docxCase{
		{
			name: "label runs",
			spec: docxSpec{numbering: legalList + num(1, 1, ""),
				body: paraRuns("", run("(a)"), run("headings are for convenience")) +
					paraRuns("", run(" (iv)"), run("Notices")) +
					paraRuns("", run("1."), run("Definitions")) +
					paraRuns("", run("1.2"), run("Term")) +
					paraRuns("", run("a."), run("Fees")) +
					paraRuns("", run("iv."), run("Audit")) +
					paraRuns("", run("b)"), run("Ärzte")) +
					paraRuns("", `<w:r><w:rPr><w:vanish/></w:rPr><w:t>x</w:t></w:r>`, run("(c)"), field(" REF x ", run("Scope"))) +
					paraRuns(numPr(1, 0), run("2."), run("Payment"))},
			want: `
para 0 - | (a) headings are for convenience
para 0 - | (iv) Notices
para 0 - | 1. Definitions
para 0 - | 1.2 Term
para 0 - | a. Fees
para 0 - | iv. Audit
para 0 - | b) Ärzte
para 0 - | (c) Scope
item 1 1. | 2. Payment
`,
		},
		{
			name: "left alone",
			spec: docxSpec{body: paraRuns("", run("(a)"), run("(b) both")) +
				paraRuns("", run("e."), run("g. an example")) +
				paraRuns("", run("The"), run("re is no label")) +
				paraRuns("", run("See "), run("(a)"), run("below")) +
				paraRuns("", run("Clause (a)"), run("text")) +
				paraRuns("", run("(a)"), run("1 hundred")) +
				paraRuns("", run("(a) "), run("spaced")) +
				paraRuns("", run("(a)text"), run(" in one run"))},
			want: `
para 0 - | (a)(b) both
para 0 - | e.g. an example
para 0 - | There is no label
para 0 - | See (a)below
para 0 - | Clause (a)text
para 0 - | (a)1 hundred
para 0 - | (a) spaced
para 0 - | (a)text in one run
`,
		},
	})
}
