package corpus

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// pdfLine is one non-blank line of a segment.
type pdfLine struct {
	text   string  // cleaned: ligatures expanded, white space folded
	indent int     // leading blank columns, past the segment's least indent
	width  float64 // estimated width, indent included, in average letters
	full   float64 // the width of a full line in the segment, likewise
	page   int     // the page
	seg    int     // the segment, counted through the document
	column bool    // the segment is one side of a split run
	gap    bool    // a blank line comes before it in its segment
	soft   bool    // it ended with a soft hyphen, removed from text
	cells  bool    // it has a gap of four spaces or more: a table row
}

// pdfAppendSegment appends the non-blank lines of a segment to all.
func pdfAppendSegment(all []pdfLine, sg pdfSegment, page, seg int) []pdfLine {
	least := -1
	for _, l := range sg.lines {
		body := strings.TrimLeft(l, " \t")
		if strings.TrimSpace(body) == "" {
			continue
		}
		if ind := utf8.RuneCountInString(l) - utf8.RuneCountInString(body); least < 0 || ind < least {
			least = ind
		}
	}
	first, gap := len(all), false
	for _, l := range sg.lines {
		body := strings.TrimLeft(l, " \t")
		if strings.TrimSpace(body) == "" {
			gap = len(all) > first
			continue
		}
		indent := utf8.RuneCountInString(l) - utf8.RuneCountInString(body) - least
		framed := strings.TrimRight(body, " \t\r") // a boxed line's width is the box's
		body = pdfUnbox(body)
		if strings.TrimSpace(body) == "" {
			gap = len(all) > first // a blank line inside a box
			continue
		}
		text, soft := pdfCleanLine(body)
		if text == "" {
			continue
		}
		text = pdfUnglue(text)
		body = strings.TrimRight(body, " \t\r")
		all = append(all, pdfLine{text: text, indent: indent, width: float64(indent) + pdfWidth(framed),
			page: page, seg: seg, column: sg.column, gap: gap, soft: soft, cells: pdfCells(body)})
		gap = false
	}
	return all
}

// pdfUnbox removes the frame of a boxed notice in a text file printed to
// PDF ("*  6. Disclaimer of Warranty  *"), so that its lines read as text
// and its gaps are not taken for a table's. A frame's top and bottom
// ("*****") stay: they are rules. s has no indent.
func pdfUnbox(s string) string {
	t := strings.TrimRight(s, " \t\r")
	if len(t) < 2 || t[0] != '*' || t[len(t)-1] != '*' || strings.Trim(t, "*") == "" {
		if t == "*" {
			return ""
		}
		return s
	}
	return strings.TrimSpace(t[1 : len(t)-1])
}

// pdfUnglue puts a space between a clause number at the start of a line
// and the word glued to it ("(a)headings", "iii.Regulation"), as some
// producers draw them too close for pdftotext to see the gap. A number
// in brackets or a roman number of two letters or more ("iv.the") may be
// followed by any letter or a quote; "a." or "i." only by a capital or a
// quote, so that "i.e." stays whole. A decimal number of two parts or
// more ("2.1Duration") may be followed by a capital and a small letter.
func pdfUnglue(s string) string {
	var end int // the end of the number
	switch {
	case len(s) < 4:
		return s
	case s[0] == '(':
		end = strings.IndexByte(s, ')') + 1
		if end < 3 || end > 6 || !pdfAlnum(s[1:end-1]) {
			return s
		}
	case pdfDigit(s[0]):
		// "2.1Duration": a decimal of two parts or more before a word
		// with a capital and a small letter.
		end = strings.IndexFunc(s, func(r rune) bool { return r != '.' && (r >= utf8.RuneSelf || !pdfDigit(byte(r))) })
		if end < 3 || end+1 >= len(s) || !strings.Contains(strings.TrimRight(s[:end], "."), ".") ||
			!('A' <= s[end] && s[end] <= 'Z' && 'a' <= s[end+1] && s[end+1] <= 'z') {
			return s
		}
		return s[:end] + " " + s[end:]
	default:
		end = strings.IndexByte(s, '.') + 1
		if end < 2 || end > 7 || !(end == 2 && 'a' <= s[0] && s[0] <= 'z' || pdfRoman(s[:end-1]) && s[0] >= 'a') {
			return s
		}
	}
	if end >= len(s) {
		return s
	}
	r, _ := utf8.DecodeRuneInString(s[end:])
	if r != '“' && r != '"' && !unicode.IsUpper(r) && !((s[0] == '(' || end > 2) && unicode.IsLetter(r)) {
		return s
	}
	return s[:end] + " " + s[end:]
}

// pdfCells reports whether a line, past its first word, has a gap of
// four spaces or more, as the cells of a table row do. The gap after a
// clause number ("1.1      The Supplier", "Section 2.01     Grant") does
// not count.
func pdfCells(s string) bool {
	if !strings.Contains(s, "    ") {
		return false
	}
	skip := 1
	if pdfKeywordLabel(foldSpace(s)) {
		skip = 2 // "Section   2.01     Grant"
	}
	for range skip {
		_, s, _ = strings.Cut(strings.TrimLeft(s, " "), " ")
	}
	return strings.Contains(strings.TrimLeft(s, " "), "    ")
}

// pdfWidth estimates the width of text as pdftotext lays it out, in
// average letters: pdftotext keeps the gaps between words but writes
// each letter in one column, so a line of capitals takes fewer columns
// than a line of small letters as wide.
func pdfWidth(s string) float64 {
	w := 0.0
	for _, r := range s {
		switch r {
		case 'm', 'w', 'M', 'W':
			w += 1.5
		case 'i', 'l', 'f', 'j', 't', 'r', '.', ',', ':', ';', '\'', '’', '‘', '!', '|', '(', ')', '[', ']', '-':
			w += 0.6
		default:
			if r < utf8.RuneSelf && 'A' <= r && r <= 'Z' || r >= utf8.RuneSelf && unicode.IsUpper(r) {
				w += 1.3
			} else {
				w++
			}
		}
	}
	return w
}

// pdfFullWidths sets the width of a full line for each line: the upper
// quartile of widths in all segments of its kind (whole pages or
// columns), or in its own segment of six lines or more when that is
// wider.
func pdfFullWidths(all []pdfLine) {
	quartile := func(lines []pdfLine, keep func(*pdfLine) bool) float64 {
		var ws []float64
		for i := range lines {
			if keep(&lines[i]) {
				ws = append(ws, lines[i].width)
			}
		}
		if len(ws) == 0 {
			return 0
		}
		slices.Sort(ws)
		return ws[len(ws)*3/4]
	}
	whole := quartile(all, func(l *pdfLine) bool { return !l.column })
	column := quartile(all, func(l *pdfLine) bool { return l.column })
	for i := 0; i < len(all); {
		j := i
		for j < len(all) && all[j].seg == all[i].seg {
			j++
		}
		full := whole
		if all[i].column {
			full = column
		}
		if j-i >= 6 {
			// A page holding only short lines, such as a signature
			// page, does not make them full.
			full = max(full, quartile(all[i:j], func(*pdfLine) bool { return true }))
		}
		for k := i; k < j; k++ {
			all[k].full = full
		}
		i = j
	}
}

// pdfCleanLine folds white space, expands ligatures and removes soft
// hyphens and invisible characters. soft reports whether the line ended
// with a soft hyphen, which a PDF producer may follow with the hyphen it
// drew.
func pdfCleanLine(s string) (text string, soft bool) {
	s = strings.TrimRightFunc(s, unicode.IsSpace)
	if t := strings.TrimRight(s, "-\u2010"); strings.HasSuffix(t, "\u00ad") && len(s)-len(t) <= len("\u2010") {
		s, soft = strings.TrimSuffix(t, "\u00ad"), true
	}
	plain := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf || s[i] == ' ' && i+1 < len(s) && s[i+1] == ' ' || s[i] < ' ' {
			plain = false
			break
		}
	}
	if plain {
		return strings.TrimSpace(s), soft
	}
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case r == '\u00ad' || r == '\u200b' || r == '\ufeff' || r == '\u2060':
			continue
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		if lig := pdfLigature(r); lig != "" {
			b.WriteString(lig)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String(), soft
}

// pdfLigature returns the letters of a Latin ligature character, or "".
func pdfLigature(r rune) string {
	switch r {
	case '\ufb00':
		return "ff"
	case '\ufb01':
		return "fi"
	case '\ufb02':
		return "fl"
	case '\ufb03':
		return "ffi"
	case '\ufb04':
		return "ffl"
	case '\ufb05', '\ufb06':
		return "st"
	}
	return ""
}
