package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/clausetrack/clausetrack/clauses"
)

// needPDFToText skips the test when pdftotext is not installed, except
// under CI=true, where .ci/run installs it and its absence is a failure.
func needPDFToText(t testing.TB) {
	t.Helper()
	if _, err := defaultPDFTool().lookPath(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pdftotext is not installed, and CI=true: .ci/run should have installed poppler-utils")
		}
		t.Skip("pdftotext is not installed (apt-get install poppler-utils); skipping the test that reads real PDFs")
	}
}

// pdfFixtures are the PDFs in testdata/pdf that import, and the clause
// numbers Segment finds in each, comma-separated, as a reader of the PDF
// sees them.
var pdfFixtures = []struct {
	name    string
	numbers string
}{
	{"chromium-msa.pdf", "1,1.1,1.2,2,2.1,2.2,2.2(a),2.2(b),2.2(c),2.3,2.4,3,3.1,3.2,3.2(a),3.2(b),3.3,3.3(a),3.3(b),3.3(b)(i),3.3(b)(ii)," +
		"4,4.1,4.2,4.3,5,5.1,5.2,6,6.1,6.2,7,7.1,7.2,8,8.1,Schedule A,1,2,3"},
	{"chromium-two-column.pdf", "1,1.1,1.2,2,2.1,2.2,2.3,3,3.1,3.2,3.3,3.3(a),3.3(b),3.3(c),4,4.1,4.2,4.3,5,5.1,5.2,6,6.1,6.2,6.3,7,7.1,7.2,8,8.1,8.2,9,9.1,9.2,9.3"},
	{"libreoffice-licence.pdf", "I,1.01,1.01(a),1.01(b),1.01(c),1.02,II,2.01,2.02,2.02(a),2.02(b),2.02(c),2.03,III,3.01,3.02,3.02(a),3.02(b)," +
		"IV,4.01,V,5.01,5.02,5.03,5.03(a),5.03(b),5.03(c),VI,6.01,6.02,6.03,VII,7.01,7.02"},
	{"tj-kerned.pdf", "1,2,3,4,5,6"},
}

// TestImportPDFGolden imports every fixture and compares its notes and
// blocks with testdata/pdf/NAME.blocks, or rewrites that with -update.
func TestImportPDFGolden(t *testing.T) {
	needPDFToText(t)
	for _, f := range pdfFixtures {
		t.Run(f.name, func(t *testing.T) {
			src := importFixture(t, f.name)
			var b strings.Builder
			for _, n := range src.Notes {
				b.WriteString("note: " + n + "\n")
			}
			b.WriteString(dumpBlocks(src, false))
			golden := filepath.Join("testdata", "pdf", strings.TrimSuffix(f.name, ".pdf")+".blocks")
			if *update {
				if err := os.WriteFile(golden, []byte(b.String()), 0o666); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(want), b.String()); diff != "" {
				t.Errorf("blocks mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestSegmentPDF checks the clause numbers of each fixture.
func TestSegmentPDF(t *testing.T) {
	needPDFToText(t)
	for _, f := range pdfFixtures {
		t.Run(f.name, func(t *testing.T) {
			src := importFixture(t, f.name)
			var got []string
			for _, c := range clauses.Segment(src).Clauses() {
				if c.Number != "" {
					got = append(got, c.Number)
				}
			}
			if diff := cmp.Diff(strings.Split(f.numbers, ","), got); diff != "" {
				t.Errorf("clause numbers (-want +got):\n%s", diff)
			}
		})
	}
}

// importFixture imports testdata/pdf/name through Import, as the CLI does.
func importFixture(t *testing.T, name string) *clauses.Source {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "pdf", name))
	if err != nil {
		t.Fatal(err)
	}
	src, err := Import(name, data, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if src.Format != "pdf" {
		t.Errorf("Format = %q", src.Format)
	}
	checkSource(t, data, src, true)
	return src
}

// TestKernedPDFFixture checks that tj-kerned.pdf is what kernedPDF
// writes; -update rewrites it.
func TestKernedPDFFixture(t *testing.T) {
	path := filepath.Join("testdata", "pdf", "tj-kerned.pdf")
	if *update {
		if err := os.WriteFile(path, kernedPDF(), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, kernedPDF()) {
		t.Errorf("%s differs from what kernedPDF writes; run go test -run TestKernedPDFFixture -update", path)
	}
}

func TestImportPDFErrors(t *testing.T) {
	needPDFToText(t)
	msa, err := os.ReadFile(filepath.Join("testdata", "pdf", "chromium-msa.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		file string // a fixture, or
		data []byte // these bytes
		err  error
		msg  string // a part of the message
	}{
		{name: "scan", file: "scan.pdf", err: ErrNoTextLayer, msg: "the PDF has no text layer (a scanned image?); clausetrack needs a PDF with selectable text"},
		{name: "encrypted", file: "encrypted.pdf", err: ErrPDFEncrypted, msg: "the PDF is encrypted and needs a password (pdftotext: Command Line Error: Incorrect password)"},
		{name: "garbage", data: []byte("%PDF-1.7\nthis is not really a PDF\n"), err: ErrPDFDamaged, msg: "the PDF is damaged or unreadable (pdftotext: Syntax Error: Couldn't find trailer dictionary; Syntax Error: Couldn't read xref table)"},
		{name: "truncated", data: msa[:len(msa)/2], err: ErrPDFDamaged, msg: "the PDF is damaged or unreadable (pdftotext: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := tt.data
			if tt.file != "" {
				var err error
				if data, err = os.ReadFile(filepath.Join("testdata", "pdf", tt.file)); err != nil {
					t.Fatal(err)
				}
			}
			_, err := Import("x.pdf", data, ImportOptions{})
			if !errors.Is(err, tt.err) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "x.pdf: "+tt.msg) || strings.Contains(msg, "\n") {
				t.Errorf("message %q, want one line starting %q", msg, "x.pdf: "+tt.msg)
			}
		})
	}
}

func TestImportPDFNotPDF(t *testing.T) {
	_, err := Import("x.pdf", []byte("PK\x03\x04 a zip file"), ImportOptions{})
	if err == nil || err.Error() != "x.pdf: not a PDF file" {
		t.Errorf("err = %v", err)
	}
}

// TestPDFToTextMissing runs the importer's lookup with an empty
// directory as the whole PATH.
func TestPDFToTextMissing(t *testing.T) {
	tool := defaultPDFTool()
	tool.search = t.TempDir()
	_, err := tool.text([]byte("%PDF-1.4\n"))
	if !errors.Is(err, ErrNoPDFToText) {
		t.Fatalf("err = %v", err)
	}
	want := "clausetrack: error: contract.pdf: reading PDF needs pdftotext (apt-get install poppler-utils)"
	if got := "clausetrack: error: " + (&FileError{"contract.pdf", err}).Error(); got != want {
		t.Errorf("message\n%s\nwant\n%s", got, want)
	}
}

// fakePDFToText puts a shell script named pdftotext in a new directory
// and returns a tool that runs it.
func fakePDFToText(t *testing.T, script string) pdfTool {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("needs a shell script")
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "pdftotext"), []byte("#!/bin/sh\n"+script+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	tool := defaultPDFTool()
	tool.search = dir
	return tool
}

func TestPDFToTextLimits(t *testing.T) {
	t.Run("timeout", func(t *testing.T) {
		tool := fakePDFToText(t, "exec sleep 10")
		tool.timeout = 100 * time.Millisecond
		start := time.Now()
		_, err := tool.text([]byte("%PDF-1.4\n"))
		if err == nil || err.Error() != "pdftotext did not finish within 100ms" {
			t.Errorf("err = %v", err)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("took %v", d)
		}
	})
	t.Run("output", func(t *testing.T) {
		tool := fakePDFToText(t, "exec yes 'a line of text'")
		tool.maxOutput = 3 << 20
		_, err := tool.text([]byte("%PDF-1.4\n"))
		if err == nil || err.Error() != "pdftotext output is over 3 MB" {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("stderr", func(t *testing.T) {
		tool := fakePDFToText(t, "echo 'Syntax Error: bad thing' >&2; echo 'Syntax Error: bad thing' >&2; echo '  second  ' >&2; exit 1")
		_, err := tool.text([]byte("%PDF-1.4\n"))
		want := "the PDF is damaged or unreadable (pdftotext: Syntax Error: bad thing; second)"
		if err == nil || err.Error() != want {
			t.Errorf("err = %v, want %s", err, want)
		}
	})
	t.Run("temp file", func(t *testing.T) {
		tool := fakePDFToText(t, `cat "$6"; echo "$6" > "$(dirname "$0")/used"`)
		out, err := tool.text([]byte("%PDF-1.4\nbody\n"))
		if err != nil || out != "%PDF-1.4\nbody\n" {
			t.Fatalf("text = %q, %v", out, err)
		}
		used, err := os.ReadFile(filepath.Join(tool.search, "used"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(strings.TrimSpace(string(used))); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("temporary file %s: %v, want it removed", used, err)
		}
	})
}

// BenchmarkImportPDF measures, on a 100-page contract printed by
// Chromium (made in a temporary directory, so it needs chromium and
// pdftotext), pdftotext alone and the paragraph rebuild alone.
func BenchmarkImportPDF(b *testing.B) {
	needPDFToText(b)
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		b.Skip("chromium is not installed; it prints the 100-page PDF")
	}
	dir := b.TempDir()
	html := filepath.Join(dir, "bench.html")
	pdf := filepath.Join(dir, "bench.pdf")
	if err := os.WriteFile(html, []byte(benchContractHTML(100)), 0o666); err != nil {
		b.Fatal(err)
	}
	cmd := exec.Command(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--print-to-pdf="+pdf, html)
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("chromium: %v\n%s", err, out)
	}
	data, err := os.ReadFile(pdf)
	if err != nil {
		b.Fatal(err)
	}
	tool := defaultPDFTool()
	text, err := tool.text(data)
	if err != nil {
		b.Fatal(err)
	}
	pages := strings.Count(text, "\f")
	if pages < 100 {
		b.Fatalf("%d pages, want at least 100", pages)
	}
	b.Logf("%d pages, %d KB of PDF, %d KB of text", pages, len(data)>>10, len(text)>>10)
	b.Run("pdftotext", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if _, err := tool.text(data); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("rebuild", func(b *testing.B) {
		b.SetBytes(int64(len(text)))
		for b.Loop() {
			if _, err := rebuildPDF(text); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// benchContractHTML writes an agreement of about the given number of A4
// pages: articles of numbered clauses with hanging indents, lists, a
// running header and page numbers. It is deterministic.
func benchContractHTML(pages int) string {
	words := strings.Fields("the supplier customer shall may not agreement services fees payment notice writing party " +
		"reasonable obligations rights licence term termination liability confidential information data software " +
		"capacity provided that subject to clause schedule including without limitation any all each other such " +
		"within days after before under in of for and or by with from on at as indemnification notwithstanding")
	var b strings.Builder
	b.WriteString(`<!doctype html><html lang="en"><head><meta charset="utf-8"><style>
@page { size: A4; margin: 25mm 22mm; @top-right { content: "Benchmark Master Agreement"; font: 8pt sans-serif }
  @bottom-center { content: "Page " counter(page) " of " counter(pages); font: 8pt sans-serif } }
body { font: 11pt/1.35 "DejaVu Serif", serif; text-align: justify }
p { margin: 0 0 6pt } h2 { font-size: 11pt; margin: 12pt 0 6pt }
.l1 { padding-left: 12mm; text-indent: -12mm } .l2 { padding-left: 22mm; text-indent: -10mm }
.n { display: inline-block; text-indent: 0; width: 12mm } .l2 .n { width: 10mm }
</style></head><body><h1>BENCHMARK MASTER AGREEMENT</h1>
`)
	seed := uint32(1)
	sentence := func(n int) string {
		var s []string
		for range n {
			seed = seed*1664525 + 1013904223
			s = append(s, words[int(seed>>8)%len(words)])
		}
		return strings.ToUpper(s[0][:1]) + strings.Join(s, " ")[1:] + "."
	}
	// An article of six clauses fills about 1.15 pages.
	for a := 1; a <= pages*87/100; a++ {
		fmt.Fprintf(&b, "<h2>%d. ARTICLE HEADING NUMBER %d</h2>\n", a, a)
		for s := 1; s <= 6; s++ {
			fmt.Fprintf(&b, "<p class=\"l1\"><span class=\"n\">%d.%d</span>%s %s</p>\n", a, s, sentence(40), sentence(25))
			if s == 3 {
				for i, l := range []string{"(a)", "(b)", "(c)"} {
					fmt.Fprintf(&b, "<p class=\"l2\"><span class=\"n\">%s</span>%s</p>\n", l, sentence(20+5*i))
				}
			}
		}
	}
	b.WriteString("</body></html>\n")
	return b.String()
}

// kernedPDF writes tj-kerned.pdf: two pages of carriage conditions in
// Helvetica whose words are separate strings of TJ arrays, moved apart
// by kerning offsets with no space character between them, as TeX and
// some typesetting tools write them. Each page has a running header, a
// page number and two columns, the right one drawn first. Line ends
// hold a soft hyphen (WinAnsi 0xAD) and the fi and fl ligatures (codes 1
// and 2 mapped to the glyphs fi and fl).
func kernedPDF() []byte {
	pages := [][2][]string{{
		{"1. Carriage. The Carrier shall carry the", "Goods from the place of collection to the",
			"place of delivery named in the Consignment", "Note, by road, with reasonable despatch.", "",
			"2. Charges. The Customer shall pay the", "charges in the Carrier's rate card. The",
			"charges are the Carrier's entire compen\xad", "sation for the carriage, and no surcharge",
			"applies unless agreed in writing."},
		{"3. Liability. The Carrier's liability for", "loss of or damage to the Goods is limited",
			"to 8.33 Special Drawing Rights per kilo\xad", "gram of gross weight lost or damaged.", "",
			"4. Claims. The Customer shall notify the", "Carrier of any claim within seven days of",
			"delivery. The bene\x01t of this clause may", "not be assigned without the Carrier's", "consent."},
	}, {
		{"5. Insurance. The Customer shall insure", "the Goods against all risks for their full",
			"value, and shall see that its insurers", "waive any right of subrogation against", "the Carrier."},
		{"6. Law. These Conditions are governed by", "the law of Scotland, and the Customer",
			"submits to the non-exclusive jurisdiction", "of the courts of Scotland. Any con\x02ict",
			"with the Consignment Note is resolved in", "favour of these Conditions."},
	}}
	// Objects: 1 catalog, 2 page tree, 3 font, then for page i the page
	// (4+2i) and its content stream (5+2i).
	var kids []string
	for i := range pages {
		kids = append(kids, fmt.Sprintf("%d 0 R", 4+2*i))
	}
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(pages)),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [1 /fi /fl] >> >>",
	}
	for i, cols := range pages {
		var c bytes.Buffer
		text := func(x, y int, lines ...string) {
			fmt.Fprintf(&c, "BT /F1 10 Tf 13 TL 1 0 0 1 %d %d Tm\n", x, y)
			for _, l := range lines {
				c.WriteString("[")
				for j, w := range strings.Fields(l) {
					if j > 0 {
						c.WriteString("-300")
					}
					c.WriteString("(" + strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`).Replace(w) + ")")
				}
				c.WriteString("] TJ T*\n")
			}
			c.WriteString("ET\n")
		}
		text(180, 770, "Kestrel Freight Limited \x96 Conditions of Carriage")
		text(310, 700, cols[1]...)
		text(60, 700, cols[0]...)
		text(270, 50, fmt.Sprintf("Page %d of %d", i+1, len(pages)))
		objs = append(objs,
			fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>", 5+2*i),
			fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", c.Len(), c.String()))
	}
	var out bytes.Buffer
	out.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = out.Len()
		fmt.Fprintf(&out, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offsets {
		fmt.Fprintf(&out, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&out, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return out.Bytes()
}
