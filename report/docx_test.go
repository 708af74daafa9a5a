package report_test

// Tests of the Word redline (issue 8): the package's structure, the
// round trip through the project's own DOCX importer, and a real word
// processor (LibreOffice) opening it.

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/clausetrack/clausetrack/clauses"
	"github.com/clausetrack/clausetrack/corpus"
	"github.com/clausetrack/clausetrack/diff"
	"github.com/clausetrack/clausetrack/internal/gen"
	"github.com/clausetrack/clausetrack/report"
	"github.com/clausetrack/clausetrack/sample"
)

var docxDate = time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)

// docxPair is a named pair of documents to write redlines of.
type docxPair struct {
	name     string
	old, new *clauses.Document
}

func segmentBytes(t testing.TB, name string, data []byte) *clauses.Document {
	t.Helper()
	src, err := corpus.Import(name, data, corpus.ImportOptions{})
	if err != nil {
		t.Fatalf("import %s: %v", name, err)
	}
	return clauses.Segment(src)
}

func docxPairs(t testing.TB) []docxPair {
	t.Helper()
	a, err := sample.Read("partnership-2023.md")
	if err != nil {
		t.Fatal(err)
	}
	b, err := sample.Read("partnership-2025.html")
	if err != nil {
		t.Fatal(err)
	}
	g1, g2, _ := gen.Pair(300, gen.Options{Seed: 1})
	return []docxPair{
		{"sample", segmentBytes(t, "partnership-2023.md", a), segmentBytes(t, "partnership-2025.html", b)},
		{"generated", segmentBytes(t, "old.txt", g1), segmentBytes(t, "new.txt", g2)},
		{"tricky", segmentBytes(t, "old.txt", []byte(docxTrickyOld)), segmentBytes(t, "new.txt", []byte(docxTrickyNew))},
	}
}

// docxTrickyOld and docxTrickyNew hold what XML and Word make hard: markup
// characters, a control character, tabs, a line break inside a clause, a
// moved clause, an added and a removed one.
const (
	docxTrickyOld = "1. DEFINITIONS\n\n1.1 \"Fees\" means <fees> & charges\tpayable.\n\n1.2 The Supplier shall deliver the Goods within 30 days of the order date,\nat its own cost and risk, to the address named in the order.\n\n2. PAYMENT\n\n2.1 The Buyer shall pay the Fees within 30 days of invoice.\n\n2.2 Late payments bear interest at 2% a month.\n\n3. GENERAL\n\n3.1 This Agreement is governed by the laws of England and Wales, and the courts of London have exclusive jurisdiction.\n"
	docxTrickyNew = "1. DEFINITIONS\n\n1.1 \"Fees\" means <fees> & charges\tpayable \x01now.\n\n2. PAYMENT\n\n2.1 The Buyer shall pay the Fees within 60 days of invoice.\n\n2.2 The Buyer may withhold disputed amounts.\n\n3. GENERAL\n\n3.1 This Agreement is governed by the laws of England and Wales, and the courts of London have exclusive jurisdiction.\n\n3.2 The Supplier shall deliver the Goods within 30 days of the order date,\nat its own cost and risk, to the address named in the order.\n"
)

func writeRedline(t testing.TB, p docxPair) []byte {
	t.Helper()
	var buf bytes.Buffer
	cmp := diff.Compare(p.old, p.new, diff.Options{})
	if err := report.DiffDOCX(&buf, cmp, "old", "new", report.DOCXOptions{Date: docxDate}); err != nil {
		t.Fatalf("DiffDOCX: %v", err)
	}
	return buf.Bytes()
}

// docxParts unzips a package into its parts by name.
func docxParts(t *testing.T, data []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	out := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name] = b
	}
	return out
}

const wNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

// checkDOCXStructure parses every part and checks what Word needs of a
// package with tracked changes: every part listed in the content types,
// every revision with a unique id, an author and a date, move ranges
// paired by id and name, and every comment referred to.
func checkDOCXStructure(t *testing.T, data []byte) (revisions map[string]int) {
	t.Helper()
	parts := docxParts(t, data)
	for _, want := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml", "word/_rels/document.xml.rels", "docProps/core.xml"} {
		if parts[want] == nil {
			t.Errorf("package has no %s", want)
		}
	}
	for name, b := range parts {
		dec := xml.NewDecoder(bytes.NewReader(b))
		for {
			_, err := dec.Token()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
		}
	}
	var types struct {
		Overrides []struct {
			PartName string `xml:"PartName,attr"`
		} `xml:"Override"`
	}
	if err := xml.Unmarshal(parts["[Content_Types].xml"], &types); err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, o := range types.Overrides {
		listed[strings.TrimPrefix(o.PartName, "/")] = true
	}
	for name := range parts {
		if !strings.HasSuffix(name, ".rels") && !listed[name] && name != "[Content_Types].xml" {
			t.Errorf("part %s has no content type", name)
		}
	}
	for name := range listed {
		if parts[name] == nil {
			t.Errorf("content types list %s, which the package does not hold", name)
		}
	}

	revisions = map[string]int{}
	ids := map[string]string{}
	type rangeEnd struct{ name, end string }
	starts := map[string]rangeEnd{} // range id → name, and which end closed it
	names := map[string][]string{}  // move name → the range kinds that use it
	commentRefs := map[string]int{}
	dec := xml.NewDecoder(bytes.NewReader(parts["word/document.xml"]))
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Space != wNS {
			continue
		}
		attr := func(local string) string {
			for _, a := range se.Attr {
				if a.Name.Space == wNS && a.Name.Local == local {
					return a.Value
				}
			}
			return ""
		}
		switch se.Name.Local {
		case "ins", "del", "moveFrom", "moveTo":
			revisions[se.Name.Local]++
			id := attr("id")
			if id == "" || attr("author") == "" || attr("date") == "" {
				t.Errorf("w:%s without id, author or date: %v", se.Name.Local, se.Attr)
			}
			if _, err := time.Parse(time.RFC3339, attr("date")); err != nil {
				t.Errorf("w:%s date %q: %v", se.Name.Local, attr("date"), err)
			}
			if prev, dup := ids[id]; dup {
				t.Errorf("w:%s id %s already used by w:%s", se.Name.Local, id, prev)
			}
			ids[id] = se.Name.Local
		case "moveFromRangeStart", "moveToRangeStart":
			id := attr("id")
			if prev, dup := ids[id]; dup {
				t.Errorf("w:%s id %s already used by w:%s", se.Name.Local, id, prev)
			}
			ids[id] = se.Name.Local
			if attr("name") == "" || attr("author") == "" || attr("date") == "" {
				t.Errorf("w:%s without name, author or date", se.Name.Local)
			}
			starts[id] = rangeEnd{name: attr("name")}
			names[attr("name")] = append(names[attr("name")], strings.TrimSuffix(se.Name.Local, "RangeStart"))
		case "moveFromRangeEnd", "moveToRangeEnd":
			id := attr("id")
			r, ok := starts[id]
			if !ok {
				t.Errorf("w:%s id %s closes no range", se.Name.Local, id)
				continue
			}
			if r.end != "" {
				t.Errorf("move range %s closed twice", id)
			}
			r.end = se.Name.Local
			starts[id] = r
		case "commentReference":
			commentRefs[attr("id")]++
		}
	}
	for id, r := range starts {
		if r.end == "" {
			t.Errorf("move range %s (%s) is never closed", id, r.name)
		}
	}
	for name, kinds := range names {
		if len(kinds) != 2 || kinds[0] == kinds[1] {
			t.Errorf("move %s has ranges %v, want one moveFrom and one moveTo", name, kinds)
		}
	}
	if len(commentRefs) > 0 {
		var cs struct {
			Comments []struct {
				ID string `xml:"id,attr"`
			} `xml:"comment"`
		}
		if err := xml.Unmarshal(parts["word/comments.xml"], &cs); err != nil {
			t.Fatalf("comments: %v", err)
		}
		for _, c := range cs.Comments {
			if commentRefs[c.ID] != 1 {
				t.Errorf("comment %s referred to %d times", c.ID, commentRefs[c.ID])
			}
			delete(commentRefs, c.ID)
		}
		for id := range commentRefs {
			t.Errorf("comment reference %s names no comment", id)
		}
	}
	return revisions
}

func TestDiffDOCXStructure(t *testing.T) {
	for _, p := range docxPairs(t) {
		t.Run(p.name, func(t *testing.T) {
			data := writeRedline(t, p)
			revs := checkDOCXStructure(t, data)
			if revs["ins"] == 0 || revs["del"] == 0 {
				t.Errorf("revisions %v: want insertions and deletions", revs)
			}
			if revs["moveFrom"] == 0 || revs["moveTo"] == 0 {
				t.Errorf("revisions %v: want moves", revs)
			}
			if again := writeRedline(t, p); !bytes.Equal(data, again) {
				t.Error("two runs wrote different bytes")
			}
		})
	}
}

// collapse folds every run of whitespace to one space.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// docText is a document's text with XML-invalid characters dropped, as
// a redline must drop them, and whitespace collapsed.
func docText(doc *clauses.Document) string {
	s := strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF {
			return -1
		}
		return r
	}, string(doc.Text))
	return collapse(s)
}

// TestDiffDOCXRoundTrip reads the redline back with the project's own
// importer: with every change accepted it must give the new version's
// text, with every change rejected the old one's (whitespace collapsed,
// as the redline does not track whitespace), after the same first page.
func TestDiffDOCXRoundTrip(t *testing.T) {
	for _, p := range docxPairs(t) {
		t.Run(p.name, func(t *testing.T) {
			data := writeRedline(t, p)
			read := func(mode string) string {
				src, err := corpus.Import("r.docx", data, corpus.ImportOptions{Tracked: mode})
				if err != nil {
					t.Fatalf("import %s: %v", mode, err)
				}
				return collapse(string(src.Text))
			}
			cur, orig := read("current"), read("original")
			newText, oldText := docText(p.new), docText(p.old)
			if !strings.HasSuffix(cur, newText) {
				t.Errorf("accept all does not give the new text:\n%s", firstDifference(cur, newText))
			}
			if !strings.HasSuffix(orig, oldText) {
				t.Errorf("reject all does not give the old text:\n%s", firstDifference(orig, oldText))
			}
			if !strings.HasSuffix(cur, newText) || !strings.HasSuffix(orig, oldText) {
				return
			}
			coverCur, coverOrig := strings.TrimSuffix(cur, newText), strings.TrimSuffix(orig, oldText)
			if coverCur != coverOrig {
				t.Errorf("first pages differ:\naccepted %q\nrejected %q", coverCur, coverOrig)
			}
			if !strings.HasPrefix(coverCur, "Redline: old → new") {
				t.Errorf("first page %q: want the title first", coverCur)
			}
		})
	}
}

// firstDifference shows where got stops ending in want, comparing from
// the end.
func firstDifference(got, want string) string {
	i, j := len(got), len(want)
	for i > 0 && j > 0 && got[i-1] == want[j-1] {
		i--
		j--
	}
	return "got  …" + got[max(0, i-120):min(len(got), i+80)] + "\nwant …" + want[max(0, j-120):min(len(want), j+80)]
}

// needSoffice returns LibreOffice's path; it skips the test when it is
// not installed, except under CI=true, where .ci/run installs it.
func needSoffice(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("soffice is not installed, and CI=true: .ci/run should have installed libreoffice-writer")
		}
		t.Skip("soffice is not installed (apt-get install libreoffice-writer); skipping the test that opens the redline in a word processor")
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pdftotext is not installed, and CI=true: .ci/run should have installed poppler-utils")
		}
		t.Skip("pdftotext is not installed (apt-get install poppler-utils)")
	}
	return path
}

// sofficeConvert converts a Word file with LibreOffice to the format
// named by filter ("pdf", "docx:MS Word 2007 XML") and returns the bytes
// of the file written, with the extension ext.
func sofficeConvert(t *testing.T, soffice string, data []byte, filter, ext string) []byte {
	t.Helper()
	dir := t.TempDir()
	in := filepath.Join(dir, "in", "redline.docx")
	if err := os.MkdirAll(filepath.Dir(in), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(in, data, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	out := filepath.Join(dir, "out")
	cmd := exec.CommandContext(ctx, soffice, "--headless", "--norestore", "--convert-to", filter, "--outdir", out, in)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, msg)
	}
	b, err := os.ReadFile(filepath.Join(out, "redline."+ext))
	if err != nil {
		t.Fatalf("soffice wrote no %s: %v", ext, err)
	}
	return b
}

// sofficePDF converts a Word file to PDF with LibreOffice and returns the
// PDF's text.
func sofficePDF(t *testing.T, soffice string, data []byte) string {
	t.Helper()
	pdf := filepath.Join(t.TempDir(), "redline.pdf")
	if err := os.WriteFile(pdf, sofficeConvert(t, soffice, data, "pdf", "pdf"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// TestDiffDOCXLibreOffice opens the redline in a real word processor:
// LibreOffice converts it to PDF, which shows the deleted and the
// inserted words (LibreOffice prints tracked changes as marked up), and
// saves it again as DOCX, in which its tracked changes, read back by the
// project's importer, still give the new text when accepted and the old
// one when rejected, and the move is still a move.
func TestDiffDOCXLibreOffice(t *testing.T) {
	soffice := needSoffice(t)
	pairs := docxPairs(t)
	p := pairs[2]
	data := writeRedline(t, p)
	text := collapse(sofficePDF(t, soffice, data))
	for _, want := range []string{"Redline: old → new", "withhold disputed amounts", "Late payments bear interest", "60", "governed by the laws of England"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF has no %q:\n%s", want, text)
		}
	}
	for _, p := range []docxPair{pairs[0], pairs[2]} {
		resaved := sofficeConvert(t, soffice, writeRedline(t, p), "docx:MS Word 2007 XML", "docx")
		for _, c := range []struct {
			mode string
			doc  *clauses.Document
		}{{"current", p.new}, {"original", p.old}} {
			src, err := corpus.Import("resaved.docx", resaved, corpus.ImportOptions{Tracked: c.mode})
			if err != nil {
				t.Fatalf("%s: import %s: %v", p.name, c.mode, err)
			}
			if got, want := collapse(string(src.Text)), docText(c.doc); !strings.HasSuffix(got, want) {
				t.Errorf("%s: LibreOffice's DOCX read as %s does not end in the version's text:\n%s", p.name, c.mode, firstDifference(got, want))
			}
		}
		doc := string(docxParts(t, resaved)["word/document.xml"])
		if !strings.Contains(doc, "<w:moveFrom ") || !strings.Contains(doc, "<w:moveTo ") {
			t.Errorf("%s: LibreOffice's DOCX has no move", p.name)
		}
	}
}

// BenchmarkDiffDOCX writes the redline of a generated 2,000-clause pair.
func BenchmarkDiffDOCX(b *testing.B) {
	g1, g2, _ := gen.Pair(2000, gen.Options{Seed: 1})
	cmp := diff.Compare(segmentBytes(b, "old.txt", g1), segmentBytes(b, "new.txt", g2), diff.Options{})
	b.ResetTimer()
	for b.Loop() {
		if err := report.DiffDOCX(io.Discard, cmp, "old", "new", report.DOCXOptions{Date: docxDate}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestMemoDOCX checks the memo as a Word document: a valid package whose
// text has the memo's sections in order, the reviewers' comments as Word
// comments on the flagged change, and the same bytes from the same log.
func TestMemoDOCX(t *testing.T) {
	m := memoFixture(t)
	write := func() []byte {
		var b bytes.Buffer
		if err := report.MemoDOCX(&b, m, report.DOCXOptions{}); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	data := write()
	checkDOCXStructure(t, data)
	if !bytes.Equal(data, write()) {
		t.Error("two runs wrote different bytes")
	}
	src, err := corpus.Import("memo.docx", data, corpus.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	text := collapse(string(src.Text))
	at := 0
	for _, want := range []string{
		"Review memo: deal, 2023 → 2025",
		"Review r1 “first pass”, started 2026-11-26T10:00:00Z by alice",
		"Rights", "Distributor gave up exclusivity", "given up 1.1", "kept.",
		"Flagged changes", "1.1 · modified",
		"Decision: flag by bob at 2026-11-26T10:01:00Z: exclusivity is gone: <script>alert(2)</script>",
		"Rejected changes", "2.1 · modified", "Decision: reject by alice at 2026-11-26T10:04:00Z: minimum rise not agreed",
		"Earlier: accept by alice",
		"Decisions", "Change Clauses Kind Status By Verdict Time",
		"Open items", "1.2 · modified: open", "0123456789ab (old:9.9): no longer in the comparison",
	} {
		k := strings.Index(text[at:], want)
		if k < 0 {
			t.Fatalf("memo text has no %q after offset %d:\n%s", want, at, text)
		}
		at += k + len(want)
	}
	parts := docxParts(t, data)
	comments := string(parts["word/comments.xml"])
	for _, want := range []string{`w:author="alice"`, `w:date="2026-11-26T10:02:00Z"`, "the client buys from two suppliers"} {
		if !strings.Contains(comments, want) {
			t.Errorf("comments.xml has no %s:\n%s", want, comments)
		}
	}
	doc := string(parts["word/document.xml"])
	if strings.Count(doc, "<w:commentReference") != 1 {
		t.Errorf("document refers to %d comments, want 1", strings.Count(doc, "<w:commentReference"))
	}
	if strings.Contains(doc, "<w:ins ") || strings.Contains(doc, "<w:del ") {
		t.Error("the memo's redlines are tracked changes; want plain formatting")
	}
}

// TestMemoDOCXLibreOffice opens the memo in LibreOffice.
func TestMemoDOCXLibreOffice(t *testing.T) {
	soffice := needSoffice(t)
	var b bytes.Buffer
	if err := report.MemoDOCX(&b, memoFixture(t), report.DOCXOptions{}); err != nil {
		t.Fatal(err)
	}
	text := collapse(sofficePDF(t, soffice, b.Bytes()))
	for _, want := range []string{"Review memo: deal", "Flagged changes", "minimum rise not agreed"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF has no %q:\n%s", want, text)
		}
	}
}

// FuzzDiffDOCX writes the redline of two arbitrary texts: it must be a
// well-formed package whose changes, accepted and rejected, give the two
// texts back.
func FuzzDiffDOCX(f *testing.F) {
	f.Add(docxTrickyOld, docxTrickyNew)
	f.Add(memoOld, memoNew)
	f.Add("1. A\n\n1.1 x y z\n", "1. A\n\n1.1 x z\n\n1.2 w\n")
	f.Fuzz(func(t *testing.T, a, b string) {
		if len(a) > 4000 || len(b) > 4000 {
			return
		}
		p := docxPair{"fuzz", segmentFuzz(a), segmentFuzz(b)}
		if p.old == nil || p.new == nil {
			return
		}
		for _, d := range []*clauses.Document{p.old, p.new} {
			if clauseBodies(d) != docText(d) {
				t.Skip("the segmenter left text outside every clause; a redline shows clauses only")
			}
		}
		data := writeRedline(t, p)
		checkDOCXStructure(t, data)
		for _, c := range []struct {
			mode string
			doc  *clauses.Document
		}{{"current", p.new}, {"original", p.old}} {
			src, err := corpus.Import("r.docx", data, corpus.ImportOptions{Tracked: c.mode})
			if err != nil {
				t.Fatalf("import %s: %v", c.mode, err)
			}
			if got, want := collapse(string(src.Text)), docText(c.doc); !strings.HasSuffix(got, want) {
				t.Errorf("read as %s:\n%s", c.mode, firstDifference(got, want))
			}
		}
	})
}

// segmentFuzz segments a text as a plain-text file, nil when the
// importer refuses it.
func segmentFuzz(s string) *clauses.Document {
	src, err := corpus.Import("f.txt", []byte(s), corpus.ImportOptions{})
	if err != nil {
		return nil
	}
	return clauses.Segment(src)
}

// clauseBodies is the text of a document's clauses, each clause's own
// text in order, whitespace collapsed.
func clauseBodies(doc *clauses.Document) string {
	var b strings.Builder
	for _, c := range doc.Clauses() {
		b.Write(doc.Text[c.Body.Start:c.Body.End])
		b.WriteByte(' ')
	}
	return docText(&clauses.Document{Text: []byte(b.String())})
}
