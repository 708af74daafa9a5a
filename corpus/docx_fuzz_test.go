package corpus

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// FuzzImportDOCX feeds whole files: the fixtures and built documents as
// seeds. Whatever the bytes, the import returns an error or a Source
// that keeps its promises, within the package limits.
func FuzzImportDOCX(f *testing.F) {
	for _, path := range docxFixtures(f) {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add(docxSpec{numbering: legalList + num(1, 1, ""), body: trackedBody}.build(f))
	f.Add(oleFile("EncryptedPackage"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, mode := range []string{"current", "original"} {
			if src, err := importDOCX(data, ImportOptions{Tracked: mode}); err == nil {
				checkDOCXSource(t, src)
			}
		}
	})
}

// FuzzImportDOCXParts feeds the XML of the parts, zipped by the test, so
// that mutations reach the XML readers rather than stop at the zip
// checksums. Seeds: the parts of the built test documents.
func FuzzImportDOCXParts(f *testing.F) {
	styles := `<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>` +
		`<w:style w:type="paragraph" w:styleId="H2"><w:basedOn w:val="Heading1"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>`
	f.Add(trackedBody, legalList+num(1, 1, ""), styles, "")
	f.Add(para(`<w:pStyle w:val="H2"/>`, "a")+`<w:p>`+run("x")+textBox("box")+field("REF x", run("1"))+`<w:r><w:footnoteReference w:id="1"/></w:r></w:p>`,
		absNum(1, lvl(0, 1, "upperRoman", "Article %1", ""), lvl(1, 3, "ordinalText", "%1.%2", "<w:isLgl/>"))+
			num(1, 1, `<w:lvlOverride w:ilvl="1"><w:startOverride w:val="2"/></w:lvlOverride>`),
		styles, `<w:footnote w:id="1">`+para("", "note")+`</w:footnote>`)
	f.Add(paraRuns(numPr(1, 0), run("(a)"), run("Fees"), `<w:r><w:footnoteReference w:id="1"/><w:br/></w:r>`, run("(b) due"), br(""), run("1.2 Term")),
		legalList+num(1, 1, ""), "", `<w:footnote w:id="1">`+para("", "note")+`</w:footnote>`)
	f.Fuzz(func(t *testing.T, body, numbering, styles, footnotes string) {
		data := docxSpec{body: body, numbering: numbering, styles: styles, footnotes: footnotes}.build(t)
		for _, mode := range []string{"current", "original"} {
			if src, err := importDOCX(data, ImportOptions{Tracked: mode}); err == nil {
				checkDOCXSource(t, src)
			}
		}
	})
}

// benchDOCX builds a document of about 100 pages as Word writes it:
// revision ids on every paragraph and run, run properties repeated on
// every run, bookmarks and proofing marks, and 2,000 paragraphs, most of
// them numbered by one four-level list (1. / 1.1 / (a) / (i)).
func benchDOCX(tb testing.TB) []byte {
	words := strings.Fields("the supplier shall provide services to the customer in accordance with this agreement and " +
		"the service levels subject to payment of the fees when due including any reasonable expenses incurred under " +
		"clause exclusive compute capacity reserved api access served on cloud")
	rPr := `<w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:cs="Arial"/><w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-GB"/></w:rPr>`
	var b strings.Builder
	seed := uint32(1)
	rnd := func(n int) int { seed = seed*1664525 + 1013904223; return int(seed>>8) % n }
	for i := range 2000 {
		ilvl := []int{0, 1, 1, 2, 2, 3, 1, 2}[i%8]
		fmt.Fprintf(&b, `<w:p w:rsidR="00%06X" w:rsidRDefault="00%06X" w:rsidP="00C4A21E"><w:pPr><w:pStyle w:val="ListParagraph"/>`, rnd(1<<24), rnd(1<<24))
		if i%10 != 9 {
			b.WriteString(numPr(1, ilvl))
		}
		b.WriteString(`<w:spacing w:after="120" w:line="276" w:lineRule="auto"/><w:jc w:val="both"/>` + rPr + `</w:pPr>`)
		if i%25 == 0 {
			fmt.Fprintf(&b, `<w:bookmarkStart w:id="%d" w:name="_Ref%d"/><w:bookmarkEnd w:id="%d"/>`, i, 100000+i, i)
		}
		for r := range 3 {
			fmt.Fprintf(&b, `<w:r w:rsidRPr="00%06X">%s<w:t xml:space="preserve">`, rnd(1<<24), rPr)
			for w := range 8 + rnd(3) {
				if w > 0 || r > 0 {
					b.WriteByte(' ')
				}
				b.WriteString(words[rnd(len(words))])
			}
			b.WriteString(`</w:t></w:r>`)
			if r == 1 && i%7 == 0 {
				b.WriteString(`<w:proofErr w:type="spellStart"/><w:r>` + rPr + `<w:t>Northwind</w:t></w:r><w:proofErr w:type="spellEnd"/>`)
			}
		}
		b.WriteString(`</w:p>`)
	}
	return docxSpec{body: b.String(), numbering: legalList + num(1, 1, "")}.build(tb)
}

// BenchmarkImportDOCX imports a generated 100-page agreement. The budget
// is 200 ms.
func BenchmarkImportDOCX(b *testing.B) {
	data := benchDOCX(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		src, err := importDOCX(data, ImportOptions{})
		if err != nil || len(src.Blocks) != 2000 {
			b.Fatalf("%v, %d blocks", err, len(src.Blocks))
		}
	}
}
