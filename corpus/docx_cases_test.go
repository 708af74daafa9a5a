package corpus

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Every document in this file is built in Go (docxSpec), for an edge
// case that the pandoc and LibreOffice fixtures do not show.

// docxCase is a built document and the dump of the blocks it gives
// ("kind level label | plain" lines, then "note: " lines).
type docxCase struct {
	name string
	spec docxSpec
	mode string // opt.Tracked
	want string
}

// runDOCXCases imports each case and compares the dump.
func runDOCXCases(t *testing.T, tests []docxCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := importBuilt(t, tt.spec, tt.mode)
			got := dumpBlocks(src, false)
			for _, n := range src.Notes {
				got += "note: " + n + "\n"
			}
			want := strings.TrimLeft(tt.want, "\n")
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("blocks mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestImportDOCXNumbering(t *testing.T) {
	// Styles for the style-linked cases: Heading1 and Heading2 numbered
	// by list 1 without an ilvl (the level comes from w:lvl/w:pStyle),
	// a custom heading based on Heading2, a clause style numbered
	// through its base style, and a numbering style for numStyleLink.
	styles := `<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="DealHeading"><w:name w:val="Deal Heading"/><w:basedOn w:val="Heading2"/></w:style>
<w:style w:type="paragraph" w:styleId="ClauseBase"><w:name w:val="Clause Base"/><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Clause"><w:name w:val="Clause"/><w:basedOn w:val="ClauseBase"/></w:style>
<w:style w:type="numbering" w:styleId="LegalList"><w:name w:val="Legal List"/><w:pPr><w:numPr><w:numId w:val="5"/></w:numPr></w:pPr></w:style>`
	headingList := absNum(1,
		lvl(0, 1, "decimal", "%1.", `<w:pStyle w:val="Heading1"/>`), lvl(1, 1, "decimal", "%1.%2", `<w:pStyle w:val="Heading2"/>`))
	runDOCXCases(t, []docxCase{
		{
			name: "multi-level list resets deeper levels",
			spec: docxSpec{numbering: legalList + num(1, 1, ""), body: para(numPr(1, 0), "Definitions") + para(numPr(1, 1), "Terms") +
				para(numPr(1, 2), "first") + para(numPr(1, 3), "one") + para(numPr(1, 3), "two") + para(numPr(1, 2), "second") +
				para(numPr(1, 1), "More") + para(numPr(1, 0), "Payment") + para(numPr(1, 1), "Fees") + para(numPr(1, 3), "skips a level")},
			want: `
item 1 1. | Definitions
item 2 1.1 | Terms
item 3 (a) | first
item 4 (i) | one
item 4 (ii) | two
item 3 (b) | second
item 2 1.2 | More
item 1 2. | Payment
item 2 2.1 | Fees
item 4 (i) | skips a level
`,
		},
		{
			name: "a level not used yet shows its start",
			spec: docxSpec{numbering: absNum(1, lvl(0, 1, "decimal", "%1.", ""), lvl(1, 1, "decimal", "%1.%2", ""),
				lvl(2, 1, "decimal", "%1.%2.%3", "")) + num(1, 1, ""),
				body: para(numPr(1, 0), "One") + para(numPr(1, 2), "deep")},
			want: `
item 1 1. | One
item 3 1.1.1 | deep
`,
		},
		{
			name: "isLgl shows every level in decimal",
			spec: docxSpec{numbering: absNum(1, lvl(0, 1, "upperRoman", "Article %1", ""),
				lvl(1, 1, "decimal", "%1.%2", `<w:isLgl/>`), lvl(2, 1, "decimal", "%1.%2.%3", "")) + num(1, 1, ""),
				body: para(numPr(1, 0), "Term") + para(numPr(1, 0), "Fees") + para(numPr(1, 1), "Payment") + para(numPr(1, 2), "Invoices")},
			want: `
item 1 Article I | Term
item 1 Article II | Fees
item 2 2.1 | Payment
item 3 II.1.1 | Invoices
`,
		},
		{
			name: "startOverride restarts once; a plain num of the same list continues",
			spec: docxSpec{numbering: legalList + num(1, 1, "") + num(2, 1, `<w:lvlOverride w:ilvl="0"><w:startOverride w:val="4"/></w:lvlOverride>`) + num(3, 1, ""),
				body: para(numPr(1, 0), "one") + para(numPr(2, 0), "four") + para(numPr(3, 0), "five") + para(numPr(2, 0), "six") + para(numPr(2, 1), "six.one")},
			want: `
item 1 1. | one
item 1 4. | four
item 1 5. | five
item 1 6. | six
item 2 6.1 | six.one
`,
		},
		{
			name: "a whole w:lvl inside lvlOverride",
			spec: docxSpec{numbering: legalList + num(1, 1, "") +
				num(2, 1, `<w:lvlOverride w:ilvl="0">`+lvl(0, 1, "upperLetter", "Schedule %1", "")+`</w:lvlOverride>`),
				body: para(numPr(1, 0), "Clause") + para(numPr(2, 0), "Pricing") + para(numPr(2, 0), "Service levels") + para(numPr(2, 1), "Credits")},
			want: `
item 1 1. | Clause
item 1 Schedule A | Pricing
item 1 Schedule B | Service levels
item 2 B.1 | Credits
`,
		},
		{
			name: "numStyleLink through a numbering style",
			spec: docxSpec{styles: styles, numbering: absNum(10, `<w:numStyleLink w:val="LegalList"/>`) +
				`<w:abstractNum w:abstractNumId="11"><w:styleLink w:val="LegalList"/>` + lvl(0, 1, "decimal", "%1.", "") + lvl(1, 1, "lowerLetter", "(%2)", "") + `</w:abstractNum>` +
				num(5, 11, "") + num(6, 10, ""),
				body: para(numPr(6, 0), "Linked") + para(numPr(6, 1), "sub") + para(numPr(5, 0), "Direct")},
			want: `
item 1 1. | Linked
item 2 (a) | sub
item 1 2. | Direct
`,
		},
		{
			name: "numbering from the style chain, levels linked by pStyle, numId 0",
			spec: docxSpec{styles: styles, numbering: headingList + absNum(2, lvl(0, 1, "decimal", "%1)", "")) + num(1, 1, "") + num(2, 2, ""),
				body: para(`<w:pStyle w:val="Heading1"/>`, "Definitions") + para(`<w:pStyle w:val="Heading2"/>`, "Terms") +
					para(`<w:pStyle w:val="DealHeading"/>`, "Custom") + para(`<w:pStyle w:val="Heading2"/><w:numPr><w:numId w:val="0"/></w:numPr>`, "Unnumbered") +
					para(`<w:pStyle w:val="Clause"/>`, "clause a") + para(`<w:pStyle w:val="Clause"/><w:numPr><w:numId w:val="0"/></w:numPr>`, "plain") +
					para(`<w:pStyle w:val="Clause"/>`, "clause b") + para(`<w:pStyle w:val="Heading1"/>`, "Payment")},
			want: `
heading 1 1. | Definitions
heading 2 1.1 | Terms
heading 2 1.2 | Custom
heading 2 - | Unnumbered
item 1 1) | clause a
para 0 - | plain
item 1 2) | clause b
heading 1 2. | Payment
`,
		},
		{
			name: "lvlRestart",
			spec: docxSpec{numbering: absNum(1, lvl(0, 1, "decimal", "%1.", ""), lvl(1, 1, "decimal", "%2)", `<w:lvlRestart w:val="0"/>`),
				lvl(2, 1, "lowerLetter", "(%3)", `<w:lvlRestart w:val="1"/>`)) + num(1, 1, ""),
				body: para(numPr(1, 0), "A") + para(numPr(1, 1), "b") + para(numPr(1, 2), "c") + para(numPr(1, 1), "d") +
					para(numPr(1, 2), "e") + para(numPr(1, 0), "F") + para(numPr(1, 1), "g") + para(numPr(1, 2), "h")},
			want: `
item 1 1. | A
item 2 1) | b
item 3 (a) | c
item 2 2) | d
item 3 (b) | e
item 1 2. | F
item 2 3) | g
item 3 (a) | h
`,
		},
		{
			name: "formats",
			spec: docxSpec{numbering: absNum(1, lvl(0, 2, "ordinal", "%1", "")) + absNum(2, lvl(0, 21, "cardinalText", "Article %1", "")) +
				absNum(3, lvl(0, 12, "ordinalText", "%1 Schedule", "")) + absNum(4, lvl(0, 9, "decimalZero", "%1.", "")) +
				absNum(5, lvl(0, 26, "upperLetter", "%1.", "")) + absNum(6, lvl(0, 1, "bullet", "•", "")) +
				absNum(7, lvl(0, 1, "none", "", "")) + absNum(8, lvl(0, 7, "custom", "%1", "")) +
				absNum(9, lvl(0, 1, "decimal", "%1.", `<w:rPr><w:vanish/></w:rPr>`)) +
				absNum(10, `<w:lvl w:ilvl="0"><w:start w:val="4"/><mc:AlternateContent><mc:Choice Requires="w14"><w:numFmt w:val="custom" w:format="001, 002, 003, ..."/></mc:Choice><mc:Fallback><w:numFmt w:val="decimal"/></mc:Fallback></mc:AlternateContent><w:lvlText w:val="%1"/></w:lvl>`) +
				num(1, 1, "") + num(2, 2, "") + num(3, 3, "") + num(4, 4, "") + num(5, 5, "") + num(6, 6, "") + num(7, 7, "") + num(8, 8, "") + num(9, 9, "") + num(10, 10, ""),
				body: para(numPr(1, 0), "ordinal") + para(numPr(1, 0), "ordinal") + para(numPr(2, 0), "cardinal") + para(numPr(3, 0), "ordinal text") +
					para(numPr(4, 0), "zero") + para(numPr(4, 0), "zero") + para(numPr(5, 0), "letter") + para(numPr(5, 0), "letter") +
					para(numPr(6, 0), "bullet") + para(numPr(7, 0), "none") + para(numPr(8, 0), "unknown custom") + para(numPr(9, 0), "hidden") +
					para(numPr(10, 0), "padded") + para(numPr(99, 0), "undefined list")},
			want: `
item 1 2nd | ordinal
item 1 3rd | ordinal
item 1 Article Twenty-one | cardinal
item 1 Twelfth Schedule | ordinal text
item 1 09. | zero
item 1 10. | zero
item 1 Z. | letter
item 1 AA. | letter
item 1 - | bullet
item 1 - | none
item 1 7 | unknown custom
item 1 - | hidden
item 1 004 | padded
para 0 - | undefined list
`,
		},
		{
			name: "an empty numbered paragraph takes a number",
			spec: docxSpec{numbering: legalList + num(1, 1, ""),
				body: para(numPr(1, 0), "one") + `<w:p><w:pPr>` + numPr(1, 0) + `</w:pPr></w:p>` + para(numPr(1, 0), "three")},
			want: `
item 1 1. | one
item 1 3. | three
`,
		},
		{
			name: "headings by style id, name, base, Title and outline level",
			spec: docxSpec{styles: `<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>
<w:style w:type="paragraph" w:styleId="berschrift3"><w:name w:val="heading 3"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading4"><w:name w:val="Custom name"/></w:style>
<w:style w:type="paragraph" w:styleId="Recital"><w:name w:val="Recital"/><w:basedOn w:val="berschrift3"/></w:style>
<w:style w:type="paragraph" w:styleId="Level"><w:name w:val="Level"/><w:pPr><w:outlineLvl w:val="4"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="BodyLevel"><w:name w:val="heading 2"/><w:pPr><w:outlineLvl w:val="9"/></w:pPr></w:style>`,
				body: para(`<w:pStyle w:val="Title"/>`, "Agreement") + para(`<w:pStyle w:val="berschrift3"/>`, "Localised id") +
					para(`<w:pStyle w:val="Heading4"/>`, "By id") + para(`<w:pStyle w:val="Recital"/>`, "Based on") +
					para(`<w:pStyle w:val="Level"/>`, "Outline") + para(`<w:pStyle w:val="BodyLevel"/>`, "Body text") +
					para(`<w:outlineLvl w:val="6"/>`, "Direct") + para(`<w:pStyle w:val="Heading9"/>`, "Undefined style")},
			want: `
heading 1 - | Agreement
heading 3 - | Localised id
heading 4 - | By id
heading 3 - | Based on
heading 5 - | Outline
para 0 - | Body text
heading 7 - | Direct
heading 9 - | Undefined style
`,
		},
	})
}

func TestFormatNumber(t *testing.T) {
	tests := []struct {
		n      int
		format string
		want   string
	}{
		{1, "decimal", "1"}, {0, "decimal", "0"}, {-3, "decimal", "-3"},
		{7, "decimalZero", "07"}, {12, "decimalZero", "12"},
		{1, "lowerLetter", "a"}, {26, "lowerLetter", "z"}, {27, "lowerLetter", "aa"}, {53, "lowerLetter", "aaa"},
		{0, "lowerLetter", "0"}, {2, "upperLetter", "B"}, {781, "upperLetter", "781"},
		{4, "lowerRoman", "iv"}, {1994, "upperRoman", "MCMXCIV"}, {4000, "upperRoman", "4000"}, {0, "lowerRoman", "0"},
		{1, "ordinal", "1st"}, {2, "ordinal", "2nd"}, {3, "ordinal", "3rd"}, {4, "ordinal", "4th"},
		{11, "ordinal", "11th"}, {12, "ordinal", "12th"}, {13, "ordinal", "13th"}, {21, "ordinal", "21st"}, {112, "ordinal", "112th"},
		{1, "cardinalText", "One"}, {14, "cardinalText", "Fourteen"}, {40, "cardinalText", "Forty"}, {99, "cardinalText", "Ninety-nine"},
		{105, "cardinalText", "One hundred five"}, {2000, "cardinalText", "Two thousand"}, {1000000, "cardinalText", "1000000"},
		{1, "ordinalText", "First"}, {2, "ordinalText", "Second"}, {3, "ordinalText", "Third"}, {5, "ordinalText", "Fifth"},
		{8, "ordinalText", "Eighth"}, {9, "ordinalText", "Ninth"}, {12, "ordinalText", "Twelfth"}, {20, "ordinalText", "Twentieth"},
		{21, "ordinalText", "Twenty-first"}, {100, "ordinalText", "One hundredth"},
		{3, "bullet", ""}, {3, "none", ""}, {3, "decimalEnclosedParen", "(3)"}, {3, "decimalEnclosedCircle", "③"},
		{3, "chineseCounting", "3"},
	}
	for _, tt := range tests {
		if got := formatNumber(tt.n, tt.format, ""); got != tt.want {
			t.Errorf("formatNumber(%d, %q) = %q, want %q", tt.n, tt.format, got, tt.want)
		}
	}
	for _, tt := range []struct{ custom, want string }{{"001, 002, 003, ...", "007"}, {"01, 02, 03, ...", "07"}, {"a, b, c", "7"}} {
		if got := formatNumber(7, "custom", tt.custom); got != tt.want {
			t.Errorf("formatNumber(7, custom %q) = %q, want %q", tt.custom, got, tt.want)
		}
	}
}
