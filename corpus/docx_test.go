package corpus

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/txtar"

	"github.com/clausetrack/clausetrack/clauses"
)

// The fixtures in testdata/docx were made by real producers (pandoc and
// LibreOffice; see testdata/docx/README.md). Each has a golden archive
// <name>.want.txtar holding the blocks of its current text, the blocks of
// its original text when it has tracked changes, and its clause tree.
// go test ./corpus -run DOCXGolden -update rewrites them.

// docxFixtures returns the paths of the fixture documents.
func docxFixtures(t testing.TB) []string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "docx", "*.docx"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no fixtures in testdata/docx (%v)", err)
	}
	return paths
}

func TestImportDOCXGolden(t *testing.T) {
	for _, path := range docxFixtures(t) {
		name := strings.TrimSuffix(filepath.Base(path), ".docx")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			arch := &txtar.Archive{Comment: []byte("Blocks and clause tree of " + name + ".docx; rewritten by go test -update.\n")}
			for _, mode := range []string{"current", "original"} {
				src, err := importDOCX(data, ImportOptions{Tracked: mode})
				if err != nil {
					t.Fatal(err)
				}
				checkDOCXSource(t, src)
				if mode == "original" && len(src.Notes) == 0 {
					break
				}
				var b strings.Builder
				for _, n := range src.Notes {
					b.WriteString("note: " + n + "\n")
				}
				b.WriteString(dumpBlocks(src, false))
				arch.Files = append(arch.Files, txtar.File{Name: mode + ".blocks", Data: []byte(b.String())})
				if mode == "current" {
					src.Name, src.Format = name+".docx", "docx"
					arch.Files = append(arch.Files, txtar.File{Name: "clauses", Data: []byte(clauses.Segment(src).Dump())})
				}
			}
			golden := filepath.Join("testdata", "docx", name+".want.txtar")
			got := txtar.Format(arch)
			if *update {
				if err := os.WriteFile(golden, got, 0o666); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("%s mismatch (-want +got):\n%s", golden, diff)
			}
		})
	}
}

// TestImportDOCXProducers pins what real producers write and Word shows,
// independently of the goldens: above all the continuation rule, which
// the LibreOffice files depend on (a w:num with a startOverride for the
// first item, then a plain w:num of the same abstractNum for the rest).
func TestImportDOCXProducers(t *testing.T) {
	tests := []struct {
		file string
		want []string // "label | plain prefix", in order, of numbered blocks
	}{
		{"pandoc-contract.docx", []string{"1. | “Affiliate”", "2. | “Services”", "a) | reserved", "b) | on-demand",
			"i. | interactive", "ii. | batch", "c) | support", "3. | “Term”", "1. | The Customer shall use", "2. | The Customer shall serve",
			"5. | A list that starts at five", "6. | And continues", "[1] | The parties"}},
		// LibreOffice rewrote the pandoc file: each list's first item has
		// its own w:num with a startOverride, the others share a plain one.
		{"libreoffice-roundtrip.docx", []string{"1. | “Affiliate”", "2. | “Services”", "a) | reserved", "b) | on-demand",
			"i. | interactive", "ii. | batch", "c) | support", "3. | “Term”", "1. | The Customer shall use", "2. | The Customer shall serve",
			"5. | A list that starts at five", "6. | And continues", "[1] | The parties"}},
		{"libreoffice-contract.docx", []string{"1. | Definitions", "1.1 | Interpretation", "1.2 | Defined terms",
			"1. | The Provider grants", "1.1 | Compute", "(a) | dedicated", "(i) | in the European", "(ii) | in the North",
			"(b) | burst", "1.2 | API access", "2. | The Customer pays", "2. | Payment", "3. | This item continues",
			"1. | This list restarts", "2. | And goes on", "4) | A step list", "5) | The fifth step", "3. | Parties",
			"Schedule A | Pricing", "Schedule B | Service levels", "[1] | Both parties", "[2] | Exclusive of VAT"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", "docx", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			src, err := importDOCX(data, ImportOptions{})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, b := range src.Blocks {
				if b.Label != "" {
					got = append(got, b.Label+" | "+b.Plain)
				}
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d numbered blocks, want %d:\n%s", len(got), len(tt.want), strings.Join(got, "\n"))
			}
			for i := range got {
				if !strings.HasPrefix(got[i], tt.want[i]) {
					t.Errorf("numbered block %d = %q, want prefix %q", i, got[i], tt.want[i])
				}
			}
		})
	}
}

// TestSegmentDOCXNumbers is the acceptance check of issue 3: segment
// gives the numbers Word shows for clauses numbered only by numbering.xml.
func TestSegmentDOCXNumbers(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "docx", "libreoffice-clauses.docx"))
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name != "word/document.xml" {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		xml, err := io.ReadAll(rc)
		rc.Close()
		if err != nil || bytes.Contains(xml, []byte("7.2")) {
			t.Fatalf("the fixture should hold its numbers only in numbering.xml (%v)", err)
		}
	}
	src, err := Import("libreoffice-clauses.docx", data, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	doc := clauses.Segment(src)
	numbers := map[string]bool{}
	for _, c := range doc.Clauses() {
		numbers[c.Number] = true
	}
	for _, n := range []string{"1", "1.1", "4.2", "7", "7.2", "7.2(a)", "7.2(a)(i)", "7.2(a)(ii)", "7.2(b)", "7.3"} {
		if !numbers[n] {
			t.Errorf("no clause %s in the tree:\n%s", n, doc.Dump())
		}
	}
}

// checkDOCXSource asserts what every imported Word document promises:
// Text is valid UTF-8 and ends with a newline; each block's span is one
// line reading Label + " " + Plain (or Plain), in order; Plain is
// non-empty, trimmed and folded; levels fit the kind.
func checkDOCXSource(t testing.TB, src *clauses.Source) {
	t.Helper()
	if !utf8.Valid(src.Text) {
		t.Fatal("Text is not valid UTF-8")
	}
	if len(src.Text) > 0 && src.Text[len(src.Text)-1] != '\n' {
		t.Fatal("Text does not end with a newline")
	}
	next := 0
	for i, b := range src.Blocks {
		if b.Span.Start != next || b.Span.End < b.Span.Start || b.Span.End >= len(src.Text) || src.Text[b.Span.End] != '\n' {
			t.Fatalf("block %d: span [%d,%d) is not the next line (it starts at %d)", i, b.Span.Start, b.Span.End, next)
		}
		next = b.Span.End + 1
		line := b.Plain
		if b.Label != "" {
			line = b.Label + " " + b.Plain
		}
		if got := string(src.Text[b.Span.Start:b.Span.End]); got != line {
			t.Fatalf("block %d: line %q, want %q", i, got, line)
		}
		if b.Plain == "" || b.Plain != foldSpace(b.Plain) || b.Label != foldSpace(b.Label) || strings.ContainsRune(b.Plain, '\u00ad') {
			t.Fatalf("block %d: Plain %q or Label %q is empty, not trimmed or not folded", i, b.Plain, b.Label)
		}
		switch {
		case b.Kind == clauses.Heading && (b.Level < 1 || b.Level > 9),
			b.Kind == clauses.ListItem && (b.Level < 1 || b.Level > 9),
			(b.Kind == clauses.Paragraph || b.Kind == clauses.TableRow) && b.Level != 0:
			t.Fatalf("block %d: %s at level %d", i, b.Kind, b.Level)
		}
	}
	if next != len(src.Text) {
		t.Fatalf("Text has %d bytes after the last block", len(src.Text)-next)
	}
}

// The rest of this file builds small .docx packages in Go, for the edge
// cases no fixture shows.

// docxNS declares the namespaces the built parts use.
const docxNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ` +
	`xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" ` +
	`xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" ` +
	`xmlns:v="urn:schemas-microsoft-com:vml" ` +
	`xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" ` +
	`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`

// docxSpec is a document to build: the contents of w:body, w:numbering,
// w:styles, w:footnotes and w:endnotes (each part written only when
// set).
type docxSpec struct {
	body, numbering, styles, footnotes, endnotes string
}

// zipEntry is one entry of a built package.
type zipEntry struct {
	name string
	data string
}

// build writes the package.
func (s docxSpec) build(t testing.TB) []byte {
	t.Helper()
	rels := ""
	entries := []zipEntry{{"word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		"\n<w:document " + docxNS + "><w:body>" + s.body + "</w:body></w:document>"}}
	for i, p := range []struct{ kind, root, content string }{
		{"numbering", "numbering", s.numbering}, {"styles", "styles", s.styles},
		{"footnotes", "footnotes", s.footnotes}, {"endnotes", "endnotes", s.endnotes},
	} {
		if p.content == "" {
			continue
		}
		rels += fmt.Sprintf(`<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/%s" Target="%s.xml"/>`, i+1, p.kind, p.kind)
		entries = append(entries, zipEntry{"word/" + p.kind + ".xml", "<w:" + p.root + " " + docxNS + ">" + p.content + "</w:" + p.root + ">"})
	}
	entries = append(entries,
		zipEntry{"_rels/.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
		zipEntry{"word/_rels/document.xml.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` + rels + `</Relationships>`})
	return zipEntries(t, entries...)
}

// zipEntries writes a zip file of the entries, deflated.
func zipEntries(t testing.TB, entries ...zipEntry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		w, err := zw.Create(e.name)
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

// para writes a paragraph with properties pPr and one run of text.
func para(pPr, text string) string {
	if pPr != "" {
		pPr = "<w:pPr>" + pPr + "</w:pPr>"
	}
	return "<w:p>" + pPr + "<w:r><w:t xml:space=\"preserve\">" + text + "</w:t></w:r></w:p>"
}

// numPr writes a paragraph's numbering properties.
func numPr(numID, ilvl int) string {
	return fmt.Sprintf(`<w:numPr><w:ilvl w:val="%d"/><w:numId w:val="%d"/></w:numPr>`, ilvl, numID)
}

// lvl writes a numbering level; extra goes inside it.
func lvl(ilvl, start int, format, text, extra string) string {
	return fmt.Sprintf(`<w:lvl w:ilvl="%d"><w:start w:val="%d"/><w:numFmt w:val="%s"/><w:lvlText w:val="%s"/>%s</w:lvl>`,
		ilvl, start, format, text, extra)
}

// absNum writes a list definition.
func absNum(id int, levels ...string) string {
	return fmt.Sprintf(`<w:abstractNum w:abstractNumId="%d">%s</w:abstractNum>`, id, strings.Join(levels, ""))
}

// num writes a w:num; overrides go inside it.
func num(id, abstract int, overrides string) string {
	return fmt.Sprintf(`<w:num w:numId="%d"><w:abstractNumId w:val="%d"/>%s</w:num>`, id, abstract, overrides)
}

// legalList is a four-level list: 1. / 1.1 / (a) / (i).
var legalList = absNum(1,
	lvl(0, 1, "decimal", "%1.", ""), lvl(1, 1, "decimal", "%1.%2", ""),
	lvl(2, 1, "lowerLetter", "(%3)", ""), lvl(3, 1, "lowerRoman", "(%4)", ""))

// importBuilt imports a built document and checks the result.
func importBuilt(t *testing.T, s docxSpec, mode string) *clauses.Source {
	t.Helper()
	src, err := importDOCX(s.build(t), ImportOptions{Tracked: mode})
	if err != nil {
		t.Fatal(err)
	}
	checkDOCXSource(t, src)
	return src
}
