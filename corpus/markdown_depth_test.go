package corpus

import (
	"errors"
	"strconv"
	"strings"
	"testing"
)

// nestedList writes a list nested depth items deep, each item indented
// step spaces more than its parent ("- " items, or "1. " when ordered).
func nestedList(depth, step int, ordered bool) string {
	marker := "- "
	if ordered {
		marker = "1. "
	}
	var b strings.Builder
	for i := range depth {
		b.WriteString(strings.Repeat(" ", i*step) + marker + "level\n")
	}
	return b.String()
}

// TestImportMarkdownTooDeep checks that block quotes and lists nested
// past mdMaxDepth are refused before goldmark parses them: a list nested
// 2,000 deep took goldmark about half a minute, 5,000 deep nine minutes.
func TestImportMarkdownTooDeep(t *testing.T) {
	var lazy strings.Builder // lazy continuation lines between the items
	for i := range 40 {
		lazy.WriteString(strings.Repeat("  ", i) + "- item\nlazy text\n")
	}
	tests := []struct {
		name string
		in   string
		line int
	}{
		{"5,000 block quotes", strings.Repeat(">", 5000) + " deep\n", 1},
		{"spaced block quotes", "intro\n\n" + strings.Repeat("> ", 33) + "deep\n", 3},
		{"list nested 2,000 deep", nestedList(2000, 2, false), 33},
		{"ordered list nested by three spaces", nestedList(40, 3, true), 33},
		{"list markers on one line", strings.Repeat("- ", 40) + "x\n", 1},
		{"quotes and lists on one line", strings.Repeat("> 1. ", 17) + "x\n", 1},
		{"lazy lines between items", lazy.String(), 65},
		{"counted after front matter", "---\ntitle: x\n---\n" + strings.Repeat(">", 40) + "\n", 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, err := Import("deep.md", []byte(tt.in), ImportOptions{})
			if err == nil {
				t.Fatalf("imported %d blocks, want an error", len(src.Blocks))
			}
			want := "deep.md: block quotes and lists nested more than 32 levels deep (line " + strconv.Itoa(tt.line) + ")"
			if err.Error() != want {
				t.Errorf("err = %q, want %q", err, want)
			}
			var fe *FileError
			if !errors.As(err, &fe) {
				t.Errorf("err = %#v, want a *FileError", err)
			}
		})
	}
}

// TestImportMarkdownNestingAllowed checks documents that nest, or look
// as if they might, within the limit.
func TestImportMarkdownNestingAllowed(t *testing.T) {
	var siblings strings.Builder
	for range 2000 {
		siblings.WriteString("- item\n  - sub\n")
	}
	tests := []struct {
		name   string
		in     string
		blocks int
	}{
		{"lists nested by two spaces", nestedList(6, 2, false), 6},
		{"lists nested by four spaces", nestedList(6, 4, false), 6},
		{"ordered lists nested by three spaces", nestedList(6, 3, true), 6},
		{"32 levels", nestedList(32, 2, false), 32},
		{"32 block quotes", strings.Repeat(">", 32) + " x\n", 1},
		{"a list in a block quote", "> 1. Fees\n>    - monthly\n>      1. in arrears\n", 3},
		{"two deep lists one after the other", nestedList(20, 2, false) + "\nText.\n\n" + nestedList(20, 2, false), 41},
		{"thousands of sibling items", siblings.String(), 4000},
		{"a long thematic break", strings.Repeat("* ", 60) + "\n\nText.\n", 1},
		{"deeply indented lines in a code fence", "```\n" + strings.Repeat(strings.Repeat(" ", 100)+"- signed\n", 3) + "```\n", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, err := Import("ok.md", []byte(tt.in), ImportOptions{})
			if err != nil {
				t.Fatal(err)
			}
			checkSource(t, []byte(tt.in), src, false)
			if len(src.Blocks) != tt.blocks {
				t.Errorf("%d blocks, want %d:\n%s", len(src.Blocks), tt.blocks, dumpBlocks(src, false))
			}
		})
	}
}
