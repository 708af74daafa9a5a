package corpus

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/clausetrack/clausetrack/clauses"
)

// TestImportMarkdownSetextAfterTable covers a paragraph holding a pipe
// table and followed by a setext underline, first found by
// FuzzImportMarkdown ("0\n0\n|-\n-"). Goldmark puts a level 2 heading
// of the lines before the table after the table; the import reads them
// as the paragraph (or list item) they are, before the table's rows,
// and the underline, which underlines nothing, makes no block.
func TestImportMarkdownSetextAfterTable(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []clauses.Block
	}{
		{
			name: "fuzz crasher",
			in:   "0\n0\n|-\n-",
			want: []clauses.Block{
				{Kind: clauses.Paragraph, Span: clauses.Span{Start: 0, End: 1}, Plain: "0"},
				{Kind: clauses.TableRow, Span: clauses.Span{Start: 2, End: 3}, Plain: "0"},
			},
		},
		{
			name: "table with body rows and a dashed underline",
			in:   "Fees\nItem | Fee\n--- | ---\nSetup | 100\n---\n\nAfter.\n",
			want: []clauses.Block{
				{Kind: clauses.Paragraph, Span: clauses.Span{Start: 0, End: 4}, Plain: "Fees"},
				{Kind: clauses.TableRow, Span: clauses.Span{Start: 5, End: 15}, Plain: "Item Fee"},
				{Kind: clauses.TableRow, Span: clauses.Span{Start: 26, End: 37}, Plain: "Setup 100"},
				{Kind: clauses.Paragraph, Span: clauses.Span{Start: 43, End: 49}, Plain: "After."},
			},
		},
		{
			name: "equals underline",
			in:   "Intro\na|b\n-|-\n===\n",
			want: []clauses.Block{
				{Kind: clauses.Paragraph, Span: clauses.Span{Start: 0, End: 5}, Plain: "Intro"},
				{Kind: clauses.TableRow, Span: clauses.Span{Start: 6, End: 9}, Plain: "a b"},
			},
		},
		{
			name: "in a block quote",
			in:   "> 0\n> 0\n> |-\n> -\n",
			want: []clauses.Block{
				{Kind: clauses.Paragraph, Span: clauses.Span{Start: 0, End: 3}, Plain: "0"},
				{Kind: clauses.TableRow, Span: clauses.Span{Start: 4, End: 7}, Plain: "0"},
			},
		},
		{
			name: "in a list item",
			in:   "1. Fees\n   a|b\n   -|-\n   -\n",
			want: []clauses.Block{
				{Kind: clauses.ListItem, Level: 1, Label: "1.", Span: clauses.Span{Start: 0, End: 7}, Plain: "Fees"},
				{Kind: clauses.TableRow, Span: clauses.Span{Start: 8, End: 14}, Plain: "a b"},
			},
		},
		{
			name: "setext heading after a table is kept",
			in:   "a|b\n-|-\n\nTitle\n---\nText\n",
			want: []clauses.Block{
				{Kind: clauses.TableRow, Span: clauses.Span{Start: 0, End: 3}, Plain: "a b"},
				{Kind: clauses.Heading, Level: 2, Span: clauses.Span{Start: 9, End: 18}, Plain: "Title"},
				{Kind: clauses.Paragraph, Span: clauses.Span{Start: 19, End: 23}, Plain: "Text"},
			},
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
