package corpus

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/clausetrack/clausetrack/clauses"
)

// rebuildPDF turns the output of pdftotext -layout (pages ended by form
// feeds) into a Source of paragraph blocks.
//
// Running headers, footers and page numbers are dropped: a line among
// the first or last three of a page that is only a page number ("3",
// "- 3 -", "Page 3 of 10"), or whose text, with digits replaced, recurs
// near the top or bottom of at least half of the pages (and of two). A
// page whose lines keep a common vertical gap of blank columns near the
// middle is read as two columns, left before right. Lines are then joined
// into blocks; see pdfStartsBlock for where a block begins and
// pdfJoinLines for hyphens. Blocks, pages and columns follow the document's order, words
// are never reordered, white space is folded, ligatures are expanded and
// soft hyphens removed.
//
// Text holds one block a line, each ended by "\n". A block is a
// Paragraph, or a TableRow for a line whose words stand apart in cells;
// its Plain is its line, and it has no Label: clause numbers stay in the
// text, where Segment finds them. Output with no text at all is
// ErrNoTextLayer.
func rebuildPDF(out string) (*clauses.Source, error) {
	pages := strings.Split(out, "\f")
	if n := len(pages); n > 1 && strings.TrimSpace(pages[n-1]) == "" {
		pages = pages[:n-1] // the form feed after the last page
	}
	if strings.TrimSpace(out) == "" {
		if strings.Contains(out, "\f") {
			return nil, ErrNoTextLayer
		}
		return nil, fmt.Errorf("%w (pdftotext found no pages)", ErrPDFDamaged)
	}
	lines := make([][]string, len(pages))
	for i, p := range pages {
		lines[i] = strings.Split(p, "\n")
	}
	lines, dropped := pdfDropFurniture(lines)
	var all []pdfLine
	split, seg, gutter := 0, 0, 0
	for p, page := range lines {
		var segs []pdfSegment
		segs, gutter = pdfSplitColumns(page, gutter)
		if gutter > 0 {
			split++
		}
		for _, sg := range segs {
			all = pdfAppendSegment(all, sg, p, seg)
			seg++
		}
	}
	pdfFullWidths(all)
	src := &clauses.Source{Blocks: []clauses.Block{}}
	var text strings.Builder
	for _, para := range pdfParagraphs(all) {
		start := text.Len()
		text.WriteString(para.text)
		text.WriteByte('\n')
		kind := clauses.Paragraph
		if para.row {
			kind = clauses.TableRow
		}
		src.Blocks = append(src.Blocks, clauses.Block{Kind: kind, Span: clauses.Span{Start: start, End: start + len(para.text)}, Plain: para.text})
	}
	if len(src.Blocks) == 0 {
		return nil, ErrNoTextLayer
	}
	src.Text = []byte(text.String())
	if dropped > 0 {
		src.Notes = append(src.Notes, fmt.Sprintf("dropped %d running header, footer and page-number lines", dropped))
	}
	if split > 0 {
		src.Notes = append(src.Notes, fmt.Sprintf("read %d of %d pages as two columns", split, len(lines)))
	}
	return src, nil
}

// pdfFurnitureZone is how many non-blank lines at the top and at the bottom
// of a page may be running headers, footers or page numbers.
const pdfFurnitureZone = 3

// pdfDropFurniture removes running headers, footers and page numbers from
// the pages and returns how many lines it removed.
func pdfDropFurniture(pages [][]string) ([][]string, int) {
	zones := make([][]int, len(pages)) // indexes of the lines in each page's zone
	count := map[string]int{}          // pages whose zone holds each key
	for p, lines := range pages {
		var nonBlank []int
		for i, l := range lines {
			if strings.TrimSpace(l) != "" {
				nonBlank = append(nonBlank, i)
			}
		}
		zone := nonBlank
		if len(nonBlank) > 2*pdfFurnitureZone {
			zone = append(nonBlank[:pdfFurnitureZone:pdfFurnitureZone], nonBlank[len(nonBlank)-pdfFurnitureZone:]...)
		}
		zones[p] = zone
		seen := map[string]bool{}
		for _, i := range zone {
			if k := pdfFurnitureKey(lines[i]); !seen[k] {
				seen[k] = true
				count[k]++
			}
		}
	}
	need := max(2, (len(pages)+1)/2)
	dropped := 0
	out := make([][]string, len(pages))
	for p, lines := range pages {
		drop := map[int]bool{}
		for _, i := range zones[p] {
			if pageNumber.MatchString(foldSpace(strings.TrimSpace(lines[i]))) || count[pdfFurnitureKey(lines[i])] >= need {
				drop[i] = true
			}
		}
		kept := make([]string, 0, len(lines))
		for i, l := range lines {
			if !drop[i] {
				kept = append(kept, l)
			}
		}
		dropped += len(drop)
		out[p] = kept
	}
	return out, dropped
}

// pdfFurnitureKey is what a running header or footer keeps from page to
// page: its words, lower-cased, with each run of digits as "#". A line
// that starts with a clause number keeps its digits, so that headings
// such as "ARTICLE 5" at the top of every page are not taken for a
// running header.
func pdfFurnitureKey(line string) string {
	s := strings.ToLower(foldSpace(strings.TrimSpace(line)))
	if pdfLabelStart(s) {
		return s
	}
	var b strings.Builder
	digit := false
	for _, r := range s {
		if r >= '0' && r <= '9' {
			if !digit {
				b.WriteByte('#')
			}
			digit = true
			continue
		}
		digit = false
		b.WriteRune(r)
	}
	return b.String()
}

// pdfSegment is a run of lines of a page read as one column: the whole
// page, or one side of a run of lines split in two columns.
type pdfSegment struct {
	lines  []string
	column bool // one side of a split run
}

// pdfSplitColumns returns the lines of a page as segments in reading
// order, and the column of the gutter it split them at, or 0. A run of
// lines that leave a gutter of at least three blank columns near the
// middle of the page, with text on both sides on at least two lines and
// on a third of the page's lines, and running text on both sides (not
// the cells of a table), is read as two columns, left before right. A page too short to show its gutter keeps the previous page's
// (prev), if every line leaves it blank and one has text on both sides.
func pdfSplitColumns(lines []string, prev int) (segs []pdfSegment, gutter int) {
	runes := make([]pdfRow, len(lines))
	width, nonBlank := 0, 0
	for i, l := range lines {
		r := []rune(strings.TrimRight(l, " \t\r"))
		first := slices.IndexFunc(r, func(c rune) bool { return !unicode.IsSpace(c) })
		runes[i] = pdfRow{r, first}
		width = max(width, len(r))
		if len(r) > 0 {
			nonBlank++
		}
	}
	whole := pdfSegment{lines: lines}
	if width < 20 || width > 500 {
		// Too narrow for two columns, or no page of text at all.
		return []pdfSegment{whole}, 0
	}
	scores := make([]int, width)
	best := 0
	for c := width / 4; c < width*3/4; c++ {
		for _, r := range runes {
			if pdfBoth(r, c) {
				scores[c]++
			}
		}
		if scores[c] > best {
			gutter, best = c, scores[c]
		}
	}
	// Centre the gutter in the widest gap that scores best.
	last := gutter
	for last+1 < width && scores[last+1] == best {
		last++
	}
	gutter = (gutter + last) / 2
	need := 2 // lines with text on both sides of the gutter in a run
	if best < 2 || 3*best < nonBlank {
		if prev == 0 || !pdfKeepsGutter(runes, prev) {
			return []pdfSegment{whole}, 0
		}
		gutter, need = prev, 1
	}
	whole.lines = nil // lines read across the page, not yet emitted
	for i := 0; i < len(lines); {
		if !pdfGapAt(runes[i], gutter) {
			whole.lines = append(whole.lines, lines[i])
			i++
			continue
		}
		j, both := i, 0
		for j < len(lines) && pdfGapAt(runes[j], gutter) {
			if pdfBoth(runes[j], gutter) {
				both++
			}
			j++
		}
		if both < need {
			whole.lines = append(whole.lines, lines[i:j]...)
			i = j
			continue
		}
		var left, right []string
		for _, row := range runes[i:j] {
			r, l, rt := row.r, "", ""
			if len(r) > gutter+2 {
				l, rt = string(r[:gutter-1]), string(r[gutter+2:])
			} else {
				l = string(r)
			}
			blank := strings.TrimSpace(l) == "" && strings.TrimSpace(rt) == ""
			if blank || strings.TrimSpace(l) != "" {
				left = append(left, l)
			}
			if blank || strings.TrimSpace(rt) != "" {
				right = append(right, rt)
			}
		}
		if !pdfProse(left) || !pdfProse(right) {
			// A table, not columns of text: keep its rows whole.
			whole.lines = append(whole.lines, lines[i:j]...)
			i = j
			continue
		}
		if len(whole.lines) > 0 {
			segs = append(segs, whole)
			whole.lines = nil
		}
		segs = append(segs, pdfSegment{left, true}, pdfSegment{right, true})
		i = j
	}
	if len(whole.lines) > 0 {
		segs = append(segs, whole)
	}
	if len(segs) == 1 && !segs[0].column {
		return segs, 0
	}
	return segs, gutter
}

// pdfProse reports whether lines read as running text rather than the
// cells of a table: half of those with text hold four words or more.
func pdfProse(lines []string) bool {
	n, long := 0, 0
	for _, l := range lines {
		if w := len(strings.Fields(l)); w > 0 {
			n++
			if w >= 4 {
				long++
			}
		}
	}
	return n > 0 && 2*long >= n
}

// pdfRow is a line of a page, right-trimmed, with the index of its first
// character that is not a space, or -1.
type pdfRow struct {
	r     []rune
	first int
}

// pdfKeepsGutter reports whether every line is blank at column c and one
// has text on both sides of it.
func pdfKeepsGutter(runes []pdfRow, c int) bool {
	both := false
	for _, r := range runes {
		if !pdfGapAt(r, c) {
			return false
		}
		both = both || pdfBoth(r, c)
	}
	return both
}

// pdfGapAt reports whether a line is blank in columns c-1, c and c+1.
func pdfGapAt(row pdfRow, c int) bool {
	for k := c - 1; k <= c+1; k++ {
		if k < len(row.r) && !unicode.IsSpace(row.r[k]) {
			return false
		}
	}
	return true
}

// pdfBoth reports whether a line has a gap at column c and text on both
// sides of it. Lines are right-trimmed, so text after the gap is any
// character past it.
func pdfBoth(row pdfRow, c int) bool {
	return row.first >= 0 && row.first < c-1 && len(row.r) > c+2 && pdfGapAt(row, c)
}
