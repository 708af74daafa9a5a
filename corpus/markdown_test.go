package corpus

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/txtar"

	"github.com/clausetrack/clausetrack/clauses"
)

var update = flag.Bool("update", false, "rewrite the want.blocks sections of testdata/import/*.txtar")

// goldenCase is one testdata/import archive: an input file and the dump
// of the blocks it imports to.
type goldenCase struct {
	path  string
	arch  *txtar.Archive
	input []byte
	want  string
}

// goldenCases returns the archives whose input file is named input (for
// example "input.md").
func goldenCases(t testing.TB, input string) []goldenCase {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "import", "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	var cases []goldenCase
	for _, path := range paths {
		arch, err := txtar.ParseFile(path)
		if err != nil {
			t.Fatal(err)
		}
		c := goldenCase{path: path, arch: arch}
		found := false
		for _, f := range arch.Files {
			switch f.Name {
			case input:
				c.input, found = f.Data, true
			case "want.blocks":
				c.want = string(f.Data)
			}
		}
		if found {
			cases = append(cases, c)
		}
	}
	if len(cases) == 0 {
		t.Fatalf("no testdata/import archive holds %s", input)
	}
	return cases
}

// runGolden imports each archive's input and compares the dump with
// want.blocks, or rewrites it with -update.
func runGolden(t *testing.T, input string, imp func([]byte) (*clauses.Source, error), spans bool) {
	for _, c := range goldenCases(t, input) {
		t.Run(strings.TrimSuffix(filepath.Base(c.path), ".txtar"), func(t *testing.T) {
			src, err := imp(c.input)
			if err != nil {
				t.Fatal(err)
			}
			checkSource(t, c.input, src, !spans)
			got := dumpBlocks(src, spans)
			if *update {
				writeWant(t, c, got)
				return
			}
			if diff := cmp.Diff(c.want, got); diff != "" {
				t.Errorf("blocks mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func writeWant(t *testing.T, c goldenCase, got string) {
	t.Helper()
	found := false
	for i := range c.arch.Files {
		if c.arch.Files[i].Name == "want.blocks" {
			c.arch.Files[i].Data = []byte(got)
			found = true
		}
	}
	if !found {
		c.arch.Files = append(c.arch.Files, txtar.File{Name: "want.blocks", Data: []byte(got)})
	}
	if err := os.WriteFile(c.path, txtar.Format(c.arch), 0o666); err != nil {
		t.Fatal(err)
	}
}

// dumpBlocks writes one line per block, "kind level label | plain", with
// "-" for an empty label; with spans, each block is followed by its span
// text, quoted and indented.
func dumpBlocks(src *clauses.Source, spans bool) string {
	var b strings.Builder
	for _, bl := range src.Blocks {
		label := bl.Label
		if label == "" {
			label = "-"
		}
		fmt.Fprintf(&b, "%s %d %s | %s\n", bl.Kind, bl.Level, label, bl.Plain)
		if spans {
			fmt.Fprintf(&b, "    %s\n", strconv.Quote(string(src.Text[bl.Span.Start:bl.Span.End])))
		}
	}
	return b.String()
}

// checkSource asserts what every imported Source promises: spans inside
// Text, in order and not overlapping; Plain non-empty, trimmed, folded,
// valid UTF-8. For Markdown, Text is the input; for HTML, each span is
// one line reading Label + " " + Plain.
func checkSource(t testing.TB, input []byte, src *clauses.Source, extracted bool) {
	t.Helper()
	if src == nil {
		t.Fatal("nil source")
	}
	if !utf8.Valid(src.Text) {
		t.Error("Text is not valid UTF-8")
	}
	if !extracted && !bytes.Equal(src.Text, input) {
		t.Error("Text differs from the input")
	}
	if extracted && len(src.Text) > 0 && src.Text[len(src.Text)-1] != '\n' {
		t.Error("Text does not end with a newline")
	}
	prev := 0
	for i, bl := range src.Blocks {
		s := bl.Span
		if s.Start < prev || s.End < s.Start || s.End > len(src.Text) {
			t.Fatalf("block %d: span [%d,%d) out of order or outside Text (previous end %d, len %d)", i, s.Start, s.End, prev, len(src.Text))
		}
		prev = s.End
		p := bl.Plain
		if p == "" || p != strings.TrimSpace(p) || p != foldSpace(p) || !utf8.ValidString(p) {
			t.Errorf("block %d: Plain %q is empty, not trimmed, not folded or not UTF-8", i, p)
		}
		switch bl.Kind {
		case clauses.Heading:
			if bl.Level < 1 || bl.Level > 6 {
				t.Errorf("block %d: heading level %d", i, bl.Level)
			}
		case clauses.ListItem:
			if bl.Level < 1 {
				t.Errorf("block %d: list item level %d", i, bl.Level)
			}
		}
		if !extracted {
			// Markdown spans are whole lines of the file.
			if s.Start != bodyStart(src.Text) && (s.Start == 0 || src.Text[s.Start-1] != '\n') {
				t.Errorf("block %d: span does not start at a line start", i)
			}
			if rest := src.Text[s.End:]; len(rest) > 0 && !bytes.HasPrefix(rest, []byte("\n")) && !bytes.HasPrefix(rest, []byte("\r\n")) {
				t.Errorf("block %d: span does not end at a line end", i)
			}
			continue
		}
		want := bl.Plain
		if bl.Label != "" {
			want = bl.Label + " " + bl.Plain
		}
		if got := string(src.Text[s.Start:s.End]); got != want {
			t.Errorf("block %d: Text[span] = %q, want %q", i, got, want)
		}
		if s.End >= len(src.Text) || src.Text[s.End] != '\n' {
			t.Errorf("block %d: span does not end at a line end", i)
		}
	}
}

func TestImportMarkdownGolden(t *testing.T) {
	runGolden(t, "input.md", importMarkdown, true)
}

func TestImportMarkdown(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []clauses.Block
	}{
		{
			name: "heading",
			in:   "## 1. Definitions\n",
			want: []clauses.Block{{Kind: clauses.Heading, Level: 2, Span: clauses.Span{Start: 0, End: 17}, Plain: "1. Definitions"}},
		},
		{
			name: "bold number",
			in:   "**4.1 Exclusive Cloud Provider.** The Lab shall",
			want: []clauses.Block{{Kind: clauses.Paragraph, Span: clauses.Span{Start: 0, End: 47}, Plain: "4.1 Exclusive Cloud Provider. The Lab shall"}},
		},
		{
			name: "item renumbered from start",
			in:   "intro\n\n3. a\n1. b\n",
			want: []clauses.Block{
				{Kind: clauses.Paragraph, Span: clauses.Span{Start: 0, End: 5}, Plain: "intro"},
				{Kind: clauses.ListItem, Level: 1, Label: "3.", Span: clauses.Span{Start: 7, End: 11}, Plain: "a"},
				{Kind: clauses.ListItem, Level: 1, Label: "4.", Span: clauses.Span{Start: 12, End: 16}, Plain: "b"},
			},
		},
		{
			name: "front matter only",
			in:   "---\ntitle: x\n---\n",
			want: []clauses.Block{},
		},
		{
			name: "unclosed front matter is a rule",
			in:   "---\ntitle: x\n",
			want: []clauses.Block{{Kind: clauses.Paragraph, Span: clauses.Span{Start: 4, End: 12}, Plain: "title: x"}},
		},
		{
			name: "entities and escapes",
			in:   "AT&amp;T \\*not em\\* &copy; `a&amp;b` \\&amp;",
			want: []clauses.Block{{Kind: clauses.Paragraph, Span: clauses.Span{Start: 0, End: 43}, Plain: "AT&T *not em* © a&amp;b &amp;"}},
		},
		{
			name: "byte order mark",
			in:   "\ufeff# Title\n",
			want: []clauses.Block{{Kind: clauses.Heading, Level: 1, Span: clauses.Span{Start: 3, End: 10}, Plain: "Title"}},
		},
		{
			name: "comment only html block",
			in:   "<!-- markdownlint-disable -->\n\ntext\n",
			want: []clauses.Block{{Kind: clauses.Paragraph, Span: clauses.Span{Start: 31, End: 35}, Plain: "text"}},
		},
		{
			name: "inline html and br",
			in:   "a<br>b <span>c</span>",
			want: []clauses.Block{{Kind: clauses.Paragraph, Span: clauses.Span{Start: 0, End: 21}, Plain: "a b c"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, err := importMarkdown([]byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			checkSource(t, []byte(tt.in), src, false)
			if diff := cmp.Diff(tt.want, src.Blocks); diff != "" {
				t.Errorf("blocks mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestBodyStart(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want int
	}{
		{"none", "# Title\n", 0},
		{"dashes", "---\na: b\n---\nbody", 13},
		{"dots", "---\na: b\n...\nbody", 13},
		{"crlf", "---\r\na: b\r\n---\r\nbody", 16},
		{"bom", "\ufeff---\na: b\n---\n", 16},
		{"bom only", "\ufeff# Title\n", 3},
		{"bom unclosed", "\ufeff---\na: b\n", 3},
		{"unclosed", "---\na: b\n", 0},
		{"not first line", "\n---\na: b\n---\n", 0},
		{"at end without newline", "---\na: b\n---", 12},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := bodyStart([]byte(tt.in)); got != tt.want {
				t.Errorf("bodyStart(%q) = %d, want %d", tt.in, got, tt.want)
			}
		})
	}
}

// TestImportMarkdownRealCorpus imports the GitHub Terms of Service
// versions in ../shared/corpus, when present, and checks the promises
// every Source keeps, and that "1." items written as such are numbered.
func TestImportMarkdownRealCorpus(t *testing.T) {
	paths, _ := filepath.Glob(filepath.Join("..", "..", "shared", "corpus", "github-terms-of-service", "*.md"))
	if len(paths) == 0 {
		t.Skip("../shared/corpus/github-terms-of-service is absent")
	}
	for _, path := range paths {
		t.Run(filepath.Base(path), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			src, err := importMarkdown(data)
			if err != nil {
				t.Fatal(err)
			}
			checkSource(t, data, src, false)
			labels := map[string]bool{}
			for _, b := range src.Blocks {
				labels[b.Label] = true
				if strings.HasPrefix(b.Plain, "title:") {
					t.Errorf("front matter imported as %q", b.Plain)
				}
			}
			for _, l := range []string{"1.", "2.", "3."} {
				if !labels[l] {
					t.Errorf("no item labelled %s", l)
				}
			}
		})
	}
}

func FuzzImportMarkdown(f *testing.F) {
	for _, c := range goldenCases(f, "input.md") {
		f.Add(c.input)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if !utf8.Valid(data) || bytes.IndexByte(data, 0) >= 0 {
			return
		}
		src, err := importMarkdown(data)
		if err != nil {
			return
		}
		checkSource(t, data, src, false)
	})
}
