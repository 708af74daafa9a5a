package corpus

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/clausetrack/clausetrack/clauses"
)

func TestImportHTMLGolden(t *testing.T) {
	runGolden(t, "input.html", importHTML, false)
}

func TestImportHTML(t *testing.T) {
	tests := []struct {
		name string
		in   string
		text string
		want []clauses.Block
	}{
		{
			name: "paragraph and heading",
			in:   "<h2>1. Definitions</h2><p>Words  mean\nthings.</p>",
			text: "1. Definitions\nWords mean things.\n",
			want: []clauses.Block{
				{Kind: clauses.Heading, Level: 2, Span: clauses.Span{Start: 0, End: 14}, Plain: "1. Definitions"},
				{Kind: clauses.Paragraph, Span: clauses.Span{Start: 15, End: 33}, Plain: "Words mean things."},
			},
		},
		{
			name: "ordered item label in text",
			in:   `<ol type="a" start="3"><li>The Provider shall</li></ol>`,
			text: "c. The Provider shall\n",
			want: []clauses.Block{
				{Kind: clauses.ListItem, Level: 1, Label: "c.", Span: clauses.Span{Start: 0, End: 21}, Plain: "The Provider shall"},
			},
		},
		{
			name: "br splits",
			in:   "<p>1. Foo<br>2. Bar</p>",
			text: "1. Foo\n2. Bar\n",
			want: []clauses.Block{
				{Kind: clauses.Paragraph, Span: clauses.Span{Start: 0, End: 6}, Plain: "1. Foo"},
				{Kind: clauses.Paragraph, Span: clauses.Span{Start: 7, End: 13}, Plain: "2. Bar"},
			},
		},
		{
			name: "span-split number",
			in:   "<p><span>2.</span><span>Fees</span></p>",
			text: "2. Fees\n",
			want: []clauses.Block{
				{Kind: clauses.Paragraph, Span: clauses.Span{Start: 0, End: 7}, Plain: "2. Fees"},
			},
		},
		{
			name: "only hidden content",
			in:   `<div hidden>x</div><script>y</script>`,
			text: "",
			want: []clauses.Block{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, err := importHTML([]byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			checkSource(t, []byte(tt.in), src, true)
			if diff := cmp.Diff(tt.text, string(src.Text)); diff != "" {
				t.Errorf("text mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.want, src.Blocks); diff != "" {
				t.Errorf("blocks mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestOrdinalLabel(t *testing.T) {
	tests := []struct {
		n     int
		style byte
		want  string
	}{
		{1, '1', "1."},
		{-2, '1', "-2."},
		{3, 'a', "c."},
		{26, 'a', "z."},
		{27, 'a', "aa."},
		{703, 'A', "AAA."},
		{0, 'a', "0."},
		{4, 'i', "iv."},
		{1994, 'I', "MCMXCIV."},
		{4000, 'i', "4000."},
		{0, 'I', "0."},
		{5, 0, ""},
	}
	for _, tt := range tests {
		if got := ordinalLabel(tt.n, tt.style); got != tt.want {
			t.Errorf("ordinalLabel(%d, %q) = %q, want %q", tt.n, tt.style, got, tt.want)
		}
	}
}

func TestPageNumber(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"2", true},
		{"-2-", true},
		{"- 2 -", true},
		{"— 12 —", true},
		{"Page 2", true},
		{"page 2 of 10", true},
		{"PAGE 3 OF 9", true},
		{"ii", true},
		{"xiv", true},
		{"2.", false},
		{"II", false},
		{"12345", false},
		{"Page two", false},
		{"2 Fees", false},
		{"(2)", false},
		{"i. The Provider", false},
		{"civil", false},
		{"Page", false},
		{"-", false},
		{"xxxix", true},
	}
	for _, tt := range tests {
		if got := pageNumber.MatchString(tt.in); got != tt.want {
			t.Errorf("pageNumber.MatchString(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestNeedsGap(t *testing.T) {
	tests := []struct {
		prev string
		next rune
		want bool
	}{
		{"2.", 'F', true},
		{"Section 2.", 'F', true},
		{"2.1", 'F', true},
		{"see 10.3.4", 'a', true},
		{"(a)", 'T', true},
		{"a)", 'T', true},
		{"Note:", 'T', true},
		{"Fee", 's', false},
		{"e.g.", ',', false},
		{"2", '0', false},
		{"$2.1", 'x', false},
		{"", 'a', false},
	}
	for _, tt := range tests {
		if got := needsGap(tt.prev, tt.next); got != tt.want {
			t.Errorf("needsGap(%q, %q) = %v, want %v", tt.prev, tt.next, got, tt.want)
		}
	}
}

// TestImportHTMLRealCorpus imports the Creative Commons legal code
// versions in ../shared/corpus, when present, and checks the promises
// every Source keeps, and that <ol> numbers come out.
func TestImportHTMLRealCorpus(t *testing.T) {
	paths, _ := filepath.Glob(filepath.Join("..", "..", "shared", "corpus", "cc-by-legalcode", "*.html"))
	if len(paths) == 0 {
		t.Skip("../shared/corpus/cc-by-legalcode is absent")
	}
	for _, path := range paths {
		t.Run(filepath.Base(path), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			src, err := importHTML(data)
			if err != nil {
				t.Fatal(err)
			}
			checkSource(t, data, src, true)
			labels := 0
			for _, b := range src.Blocks {
				if b.Label != "" {
					labels++
				}
			}
			if labels < 10 {
				t.Errorf("only %d labelled items", labels)
			}
		})
	}
}

func FuzzImportHTML(f *testing.F) {
	for _, c := range goldenCases(f, "input.html") {
		f.Add(c.input)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if !utf8.Valid(data) || bytes.IndexByte(data, 0) >= 0 {
			return
		}
		src, err := importHTML(data)
		if err != nil {
			return
		}
		checkSource(t, data, src, true)
		if strings.Contains(string(src.Text), "\n\n") {
			t.Error("Text holds an empty line")
		}
	})
}
