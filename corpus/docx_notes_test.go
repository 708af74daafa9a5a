package corpus

import (
	"archive/zip"
	"bytes"
	"runtime"
	"strings"
	"testing"
)

func TestImportDOCXRepeatedNotes(t *testing.T) {
	fn := func(id string) string { return `<w:r><w:footnoteReference w:id="` + id + `"/></w:r>` }
	en := func(id string) string { return `<w:r><w:endnoteReference w:id="` + id + `"/></w:r>` }
	runDOCXCases(t, []docxCase{
		{
			name: "a note referred to again keeps its number and is listed once",
			spec: docxSpec{
				body: paraRuns("", run("Alpha."), fn("2"), run(" Beta."), fn("3"), run(" Again."), fn("2"), run(" End."), en("5")) +
					paraRuns("", run("More."), en("5"), fn("3"), en("6")),
				footnotes: `<w:footnote w:id="2">` + para("", "First.") + `</w:footnote><w:footnote w:id="3">` + para("", "Second.") + `</w:footnote>`,
				endnotes:  `<w:endnote w:id="5">` + para("", "The endnote.") + `</w:endnote><w:endnote w:id="6">` + para("", "Another.") + `</w:endnote>`},
			want: `
para 0 - | Alpha.[1] Beta.[2] Again.[1] End.[3]
para 0 - | More.[3][2][4]
heading 1 - | Footnotes
para 0 [1] | First.
para 0 [2] | Second.
heading 1 - | Endnotes
para 0 [3] | The endnote.
para 0 [4] | Another.
`,
		},
	})
}

// storedDOCX writes a .docx of one document part and one footnotes part,
// stored without compression so that a large, repetitive part passes the
// compression-ratio limit.
func storedDOCX(t testing.TB, body, footnotes string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range []zipEntry{
		{"_rels/.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
		{"word/_rels/document.xml.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>`},
		{"word/document.xml", "<w:document " + docxNS + "><w:body>" + body + "</w:body></w:document>"},
		{"word/footnotes.xml", "<w:footnotes " + docxNS + ">" + footnotes + "</w:footnotes>"},
	} {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: e.name, Method: zip.Store})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(e.data)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestImportDOCXNoteReferredToOften imports a 4 MB document that refers
// to one 1 KB footnote 100,000 times: the note is listed once, where a
// copy per reference would make 100 MB of text.
func TestImportDOCXNoteReferredToOften(t *testing.T) {
	const refs = 100000
	body := "<w:p>" + run("Terms.") + strings.Repeat(`<w:r><w:footnoteReference w:id="1"/></w:r>`, refs) + "</w:p>"
	note := `<w:footnote w:id="1">` + para("", strings.Repeat("A long footnote. ", 60)) + `</w:footnote>`
	data := storedDOCX(t, body, note)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	src, err := importDOCX(data, ImportOptions{})
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	checkDOCXSource(t, src)
	if len(src.Blocks) != 3 {
		t.Fatalf("%d blocks, want the paragraph, the heading and one note", len(src.Blocks))
	}
	if want := "Terms." + strings.Repeat("[1]", refs); src.Blocks[0].Plain != want {
		t.Errorf("paragraph is %d bytes, want %d bytes of [1] markers", len(src.Blocks[0].Plain), len(want))
	}
	if n := src.Blocks[2]; n.Label != "[1]" || !strings.HasPrefix(n.Plain, "A long footnote.") {
		t.Errorf("note block %q %.40q", n.Label, n.Plain)
	}
	// Reading 300,000 XML elements takes about 70 MB; a copy of the note
	// per reference would add hundreds more.
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 150<<20 {
		t.Errorf("import allocated %d MB", alloc>>20)
	}
}

// TestImportDOCXTextLimit checks the cap on extracted text, with a small
// cap: in the body part as it is read, and in the whole document once
// the notes are added.
func TestImportDOCXTextLimit(t *testing.T) {
	text := strings.Repeat("x", 500)
	withNote := docxSpec{body: paraRuns("", run(text), `<w:r><w:footnoteReference w:id="1"/></w:r>`),
		footnotes: `<w:footnote w:id="1">` + para("", text) + `</w:footnote>`}
	tests := []struct {
		name    string
		spec    docxSpec
		maxText int
		want    string
	}{
		{"within the cap", withNote, 2000, ""},
		{"body over the cap", docxSpec{body: strings.Repeat(para("", text), 4)}, 1000, "the document's text is larger than 1000 bytes"},
		{"notes take it over the cap", withNote, 1000, "the document's text is larger than 1000 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, err := importDOCXWithin(tt.spec.build(t), ImportOptions{}, tt.maxText)
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				checkDOCXSource(t, src)
				return
			}
			if err == nil || err.Error() != tt.want {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
	if got, want := errTextTooLarge(docxMaxText).Error(), "the document's text is larger than 64 MB"; got != want {
		t.Errorf("message %q, want %q", got, want)
	}
}
