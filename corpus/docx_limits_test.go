package corpus

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// Every bad file in this file is built in Go: fake OLE envelopes, zips
// without a document, malformed parts, and zip bombs written as a
// stream so that the test itself stays cheap.

// oleFile returns the start of an OLE compound file whose directory
// names the given stream, as a password-protected .docx or an old .doc.
func oleFile(stream string) []byte {
	b := append([]byte{}, oleMagic...)
	b = append(b, make([]byte, 504)...)
	return append(b, utf16le(stream)...)
}

// zeroWriter writes n zero bytes to w in chunks.
func zeroWriter(t testing.TB, w io.Writer, n int64) {
	t.Helper()
	chunk := make([]byte, 1<<20)
	for n > 0 {
		k := min(n, int64(len(chunk)))
		if _, err := w.Write(chunk[:k]); err != nil {
			t.Fatal(err)
		}
		n -= k
	}
}

// zipBomb returns a .docx whose word/document.xml is n zero bytes,
// deflated as it is written.
func zipBomb(t testing.TB, n int64) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestSpeed) })
	w, err := zw.Create("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	zeroWriter(t, w, n)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// lyingZip returns a .docx whose word/document.xml claims to hold 1000
// bytes and its CRC, but inflates to n zero bytes.
func lyingZip(t testing.TB, n int64) []byte {
	t.Helper()
	var data bytes.Buffer
	fw, _ := flate.NewWriter(&data, flate.BestSpeed)
	zeroWriter(t, fw, n)
	fw.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "word/document.xml", Method: zip.Deflate,
		CRC32: crc32.ChecksumIEEE(make([]byte, 1000)), CompressedSize64: uint64(data.Len()), UncompressedSize64: 1000})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(data.Bytes())
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestImportDOCXBadFiles(t *testing.T) {
	fixture, err := os.ReadFile(filepath.Join("testdata", "docx", "pandoc-contract.docx"))
	if err != nil {
		t.Fatal(err)
	}
	manyEntries := func(t *testing.T) []byte {
		entries := make([]zipEntry, docxMaxEntries+1)
		for i := range entries {
			entries[i] = zipEntry{fmt.Sprintf("word/media/image%d.png", i), ""}
		}
		return zipEntries(t, entries...)
	}
	deep := strings.Repeat("<w:sdt><w:sdtContent>", 200) + para("", "deep") + strings.Repeat("</w:sdtContent></w:sdt>", 200)
	tests := []struct {
		name string
		data func(t *testing.T) []byte
		want string
	}{
		{"not a zip", func(*testing.T) []byte { return []byte("hello, world\n") }, errDOCXNotZip.Error()},
		{"truncated", func(*testing.T) []byte { return fixture[:len(fixture)/2] }, errDOCXNotZip.Error()},
		{"encrypted", func(*testing.T) []byte { return oleFile("EncryptedPackage") }, errDOCXEncrypted.Error()},
		{"old binary .doc", func(*testing.T) []byte { return oleFile("WordDocument") }, errDOCXOldDoc.Error()},
		{"rtf", func(*testing.T) []byte { return []byte(`{\rtf1\ansi Hello}`) }, errDOCXRTF.Error()},
		{"no document", func(t *testing.T) []byte { return zipEntries(t, zipEntry{"[Content_Types].xml", "<Types/>"}) }, errDOCXMissingDoc.Error()},
		{"excel", func(t *testing.T) []byte { return zipEntries(t, zipEntry{"xl/workbook.xml", "<workbook/>"}) }, "this is an Excel workbook"},
		{"opendocument", func(t *testing.T) []byte {
			return zipEntries(t, zipEntry{"mimetype", "application/vnd.oasis.opendocument.text"}, zipEntry{"content.xml", "<x/>"})
		}, "this is an OpenDocument file (.odt)"},
		{"malformed document", func(t *testing.T) []byte { return docxSpec{body: "<w:p><w:r></w:p>"}.build(t) }, "malformed XML in word/document.xml"},
		{"document cut short", func(t *testing.T) []byte {
			return zipEntries(t, zipEntry{"word/document.xml", "<w:document " + docxNS + "><w:body><w:p>"})
		}, "malformed XML in word/document.xml: unexpected end of the part"},
		{"malformed numbering", func(t *testing.T) []byte { return docxSpec{body: para("", "x"), numbering: "<w:num>"}.build(t) }, "malformed XML in word/numbering.xml"},
		{"malformed styles", func(t *testing.T) []byte {
			return docxSpec{body: para("", "x"), styles: "<w:style></w:styles>"}.build(t)
		}, "malformed XML in word/styles.xml"},
		{"malformed footnotes", func(t *testing.T) []byte {
			return docxSpec{body: `<w:p><w:r><w:footnoteReference w:id="1"/></w:r></w:p>`, footnotes: "&bad;"}.build(t)
		}, "malformed XML in word/footnotes.xml"},
		{"nesting too deep", func(t *testing.T) []byte { return docxSpec{body: deep}.build(t) }, "elements nested deeper than 256 levels"},
		{"too many entries", manyEntries, "has 10001 entries (the limit is 10000)"},
		{"zip bomb: 300 MB of zeros", func(t *testing.T) []byte { return zipBomb(t, 300<<20) }, "expands to more than 200 MB: the file may be a zip bomb"},
		{"zip bomb: compression ratio", func(t *testing.T) []byte { return zipBomb(t, 8<<20) }, "word/document.xml is compressed"},
		{"zip bomb: size that lies", func(t *testing.T) []byte { return lyingZip(t, 64<<20) }, "damaged part word/document.xml: zip: not a valid zip file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := tt.data(t)
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			src, err := importDOCX(data, ImportOptions{})
			runtime.ReadMemStats(&after)
			if err == nil {
				t.Fatalf("no error; blocks:\n%s", dumpBlocks(src, false))
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q, want it to contain %q", err, tt.want)
			}
			if msg := err.Error(); msg != strings.ToLower(msg[:1])+msg[1:] || strings.HasSuffix(msg, ".") {
				t.Errorf("error %q: want lower case and no trailing period", msg)
			}
			// The limits bound what one import may allocate, whatever
			// the file claims.
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
				t.Errorf("import allocated %d MB", alloc>>20)
			}
		})
	}
}

// TestImportDOCXBlockLimit builds a document of more paragraphs than
// one import gives.
func TestImportDOCXBlockLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("a 16 MB document")
	}
	var b strings.Builder
	for i := range docxMaxBlocks + 1 {
		fmt.Fprintf(&b, "<w:p><w:r><w:t>%d</w:t></w:r></w:p>", i*7919%1000003)
	}
	_, err := importDOCX(docxSpec{body: b.String()}.build(t), ImportOptions{})
	if err == nil || !strings.Contains(err.Error(), "more than 500000 paragraphs") {
		t.Errorf("err = %v", err)
	}
}

func TestImportDOCXThroughImport(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "docx", "libreoffice-contract.docx"))
	if err != nil {
		t.Fatal(err)
	}
	src, err := Import("dir/contract.DOCX", data, ImportOptions{Tracked: "original"})
	if err != nil {
		t.Fatal(err)
	}
	if src.Name != "contract.DOCX" || src.Format != "docx" || len(src.Notes) != 1 || !strings.Contains(src.Notes[0], "original text") {
		t.Errorf("Name %q, Format %q, Notes %q", src.Name, src.Format, src.Notes)
	}
	_, err = Import("contract.docx", oleFile("EncryptedPackage"), ImportOptions{})
	var fe *FileError
	if !errors.As(err, &fe) || err.Error() != "contract.docx: "+errDOCXEncrypted.Error() {
		t.Errorf("err = %v, want a *FileError naming the file", err)
	}
}

// TestImportDOCXRelationships reads a main document that is not at
// word/document.xml, found through _rels/.rels, with its numbering part
// found through the document's relationships.
func TestImportDOCXRelationships(t *testing.T) {
	doc := "<w:document " + docxNS + "><w:body>" + para(numPr(1, 0), "Found") + "</w:body></w:document>"
	data := zipEntries(t,
		zipEntry{"_rels/.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/content/main.xml"/></Relationships>`},
		zipEntry{"content/_rels/main.xml.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="../lists/n.xml"/></Relationships>`},
		zipEntry{"content/main.xml", doc},
		zipEntry{"lists/n.xml", "<w:numbering " + docxNS + ">" + legalList + num(1, 1, "") + "</w:numbering>"})
	src, err := importDOCX(data, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := dumpBlocks(src, false); got != "item 1 1. | Found\n" {
		t.Errorf("got %q", got)
	}
}
