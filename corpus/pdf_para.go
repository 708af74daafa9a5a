package corpus

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// pdfBlock is the text of a block and whether it is a table row.
type pdfBlock struct {
	text string
	row  bool
}

// pdfParagraphs joins the lines of a PDF into blocks. A block may run on
// across a page or column break.
func pdfParagraphs(lines []pdfLine) []pdfBlock {
	var out []pdfBlock
	var buf []byte
	var words pdfWordSet
	first := 0
	for i := range lines {
		l := &lines[i]
		if i > first && pdfStartsBlock(&lines[i-1], l, i-first, buf) {
			out = append(out, pdfBlock{string(buf), lines[first].cells})
			buf = buf[:0]
			first = i
		}
		if i == first {
			buf = append(buf, l.text...)
			continue
		}
		if words == nil && pdfHyphenEnd(lines[i-1].text) {
			words = pdfMakeWordSet(lines)
		}
		buf = pdfJoinLines(buf, &lines[i-1], l, words)
	}
	if len(buf) > 0 {
		out = append(out, pdfBlock{string(buf), lines[first].cells})
	}
	return out
}

// pdfStartsBlock reports whether line l begins a new block after line p,
// the last of a block of n lines. A block begins:
//   - after a blank line, and where a page's text goes from across the
//     page into columns or back;
//   - before and after a table row (a line with a gap of four spaces);
//   - at a heading of up to eight words at the top of a page: in
//     capitals, or "Schedule 1", "Exhibit A", "ARTICLE IV" and the like;
//   - at a clause number ("1.", "2.1", "(a)", "(iv)", "Section 2.01",
//     "ARTICLE IV", "Schedule A") when p ends a sentence or a list item
//     (".", ":", ";", "; and", "; or"), is short, is a heading, or is
//     indented further;
//   - at an all-capitals heading when p ends a sentence or is short, and
//     after such a heading;
//   - after a line ending in ":" or a short line, when l opens with a
//     capital, a clause number, a quote or a bracket, and after a list
//     item (";", "; and", "; or") when l opens with a quote, as the next
//     of a list of definitions does;
//   - where the indent changes after a block's second line: it falls
//     back after hanging indents, it rises for the first line of the
//     next paragraph (first-line indents), a centred line or a quotation.
//
// A line that goes on with an enumeration inside the block's running text
// after an item's end ("… notice; or" + "(c) Tenant becomes …" after "…
// Default: (a) Tenant fails …; (b) Tenant …") does not begin a block: see
// pdfInlineNext.
//
// A line is short when it left room for l's first word, unless it ends
// with a word that a number often follows and l starts with a number
// ("set forth in Section" + "2.05 below", "3.50 to" + "1.00"); a short
// line does not end a block before a number followed by a word in small
// letters ("plus" + "1.5 percentage points"), nor, at a number, where it
// falls back to the margin after such a word ("… pursuant to Section" +
// "3.4 (a) above"). A line ending in a hyphen,
// or a clause number on a line of its own, never ends a block.
func pdfStartsBlock(p, l *pdfLine, n int, block []byte) bool {
	if l.gap || p.page == l.page && p.seg != l.seg && !(p.column && l.column) {
		return true
	}
	if pdfRuleLine(p.text) {
		return true // a rule ends its block: "10. Versions" + "-----" + "10.1. New Versions"
	}
	if p.soft || pdfHyphenEnd(p.text) {
		return false
	}
	if n == 1 && !strings.Contains(p.text, " ") && pdfLabelStart(p.text) && !pdfLabelStart(l.text) {
		return false // a clause number on a line of its own, then its text
	}
	ends := pdfEndsClause(p.text)
	short := pdfFits(p, l) && !(pdfDigit(l.text[0]) && pdfRefWord(p.text))
	head := n == 1 && pdfHeadingLine(p)
	switch {
	case p.cells || l.cells:
		return true
	case l.page != p.page && strings.Count(l.text, " ") < 8 && (pdfHeadingLine(l) || pdfKeywordLabel(l.text)):
		return true
	case pdfEndsItem(p.text) && pdfInlineNext(block, l.text):
		return false
	case pdfLabelStart(l.text) && (ends || short && !pdfWeakLabel(l.text) || head || l.indent+1 < p.indent && !(pdfDigit(l.text[0]) && pdfRefWord(p.text))):
		return true
	case pdfHeadingLine(l) && (ends || short || head):
		return true
	case head:
		return true
	case (short || strings.HasSuffix(p.text, ":")) && pdfOpensItem(l.text):
		return true
	case pdfEndsItem(p.text) && pdfOpensQuote(l.text):
		return true
	case n > 1 && (l.indent+1 < p.indent || l.indent > p.indent+1):
		return true
	}
	return false
}

// pdfInlineNext reports whether s starts with the next item of an
// enumeration that runs inside block: the item before it ("(b)" before
// "(c)", "(ii)" before "(iii)", "2." before "3.") stands in the block's
// text after a space, and the block does not start with it (a block "(b)
// … ; or" is an item of a list whose next item may well begin a block).
func pdfInlineNext(block []byte, s string) bool {
	tok, _, _ := strings.Cut(s, " ")
	if len(tok) < 2 || len(tok) > 7 {
		return false
	}
	open, close := "", tok[len(tok)-1:]
	inner := tok[:len(tok)-1]
	if tok[0] == '(' {
		open, inner = "(", inner[1:]
		if close != ")" {
			return false
		}
	} else if close != "." && close != ")" {
		return false
	}
	for _, prev := range pdfPrevNumbers(inner) {
		label := open + prev + close
		if !bytes.HasPrefix(block, []byte(label+" ")) && bytes.Contains(block, []byte(" "+label+" ")) {
			return true
		}
	}
	return false
}

// pdfPrevNumbers returns the numbers that may come before inner in a list:
// "b" before "c", "ii" before "iii", "h" or nothing before "i", "12"
// before "13"; none for a first number ("a", "1").
func pdfPrevNumbers(inner string) []string {
	if inner == "" {
		return nil
	}
	if n, err := strconv.Atoi(inner); err == nil {
		if n > 1 && n < 1000 {
			return []string{strconv.Itoa(n - 1)}
		}
		return nil
	}
	var out []string
	if len(inner) == 1 && pdfLetter(inner[0]) && inner != "a" && inner != "A" {
		out = append(out, string(inner[0]-1))
	}
	if pdfRoman(inner) {
		upper := inner != strings.ToLower(inner)
		romans := []string{"", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv",
			"xvi", "xvii", "xviii", "xix", "xx", "xxi", "xxii", "xxiii", "xxiv", "xxv", "xxvi", "xxvii", "xxviii", "xxix",
			"xxx", "xxxi", "xxxii", "xxxiii", "xxxiv", "xxxv", "xxxvi", "xxxvii", "xxxviii", "xxxix"}
		if i := slices.Index(romans, strings.ToLower(inner)); i > 1 {
			prev := romans[i-1]
			if upper {
				prev = strings.ToUpper(prev)
			}
			out = append(out, prev)
		}
	}
	return out
}

// pdfRuleLine reports whether s is a horizontal rule drawn with
// characters, as a text file printed to PDF has them: "-----", "=====",
// "*****".
func pdfRuleLine(s string) bool {
	if len(s) < 3 {
		return false
	}
	return strings.Trim(s, "-=_* ") == ""
}

// pdfFits reports whether the first word of l would have fitted at the end
// of p, with a tenth of a full line to spare for the error in estimated
// widths: then p ended its paragraph.
func pdfFits(p, l *pdfLine) bool {
	word, _, _ := strings.Cut(l.text, " ")
	return p.width+1+pdfWidth(word) <= 0.9*p.full
}

// pdfLabelStart reports whether s starts with a clause number followed by a
// space or the end of the line: "1.", "1.1", "2.01.", "3)", "(a)",
// "(iv)", "(A)", "a.", "iv.", "§ 4", "Section 2.01", "ARTICLE IV",
// "Schedule A". A bare number ("7") counts only before a capital letter,
// so that "30 days" wrapped onto a line is not taken for a clause.
func pdfLabelStart(s string) bool {
	tok, rest, _ := strings.Cut(s, " ")
	switch {
	case tok == "":
		return false
	case tok == "§":
		return rest != "" && pdfDigit(rest[0])
	case tok[0] == '(':
		return len(tok) >= 3 && len(tok) <= 7 && tok[len(tok)-1] == ')' && pdfAlnum(tok[1:len(tok)-1])
	case pdfDigit(tok[0]):
		body := strings.TrimRight(tok, ".)")
		if len(tok)-len(body) > 1 || strings.Trim(body, "0123456789.") != "" || strings.Contains(body, "..") {
			return false
		}
		for _, part := range strings.Split(body, ".") {
			if len(part) > 3 {
				return false
			}
		}
		if body == tok && !strings.Contains(body, ".") {
			r, _ := utf8.DecodeRuneInString(rest)
			return unicode.IsUpper(r)
		}
		return true
	case len(tok) >= 2 && (tok[len(tok)-1] == '.' || tok[len(tok)-1] == ')'):
		inner := tok[:len(tok)-1]
		return len(inner) == 1 && pdfLetter(inner[0]) || pdfRoman(inner)
	}
	return pdfKeywordLabel(s)
}

// pdfKeywordLabel reports whether s starts with a word that names a part
// of an agreement and its number: "Section 2.01", "ARTICLE IV",
// "Schedule A", "Exhibit 1".
func pdfKeywordLabel(s string) bool {
	tok, rest, _ := strings.Cut(s, " ")
	switch strings.ToLower(tok) {
	case "section", "article", "clause", "schedule", "exhibit", "annex", "appendix", "part":
		num, _, _ := strings.Cut(rest, " ")
		num = strings.TrimRight(num, ".:")
		return num != "" && (pdfDigit(num[0]) || strings.Trim(num, "IVXLC") == "" || len(num) == 1 && pdfLetter(num[0]))
	}
	return false
}

// pdfRoman reports whether s is a roman number from 1 to 39, all in
// small letters or all in capitals.
func pdfRoman(s string) bool {
	t := strings.ToLower(s)
	if s != t && s != strings.ToUpper(s) {
		return false
	}
	tens := len(t) - len(strings.TrimLeft(t, "x"))
	switch t[tens:] {
	case "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix":
		return tens <= 3
	case "":
		return tens >= 1 && tens <= 3
	}
	return false
}

// pdfRefWord reports whether s ends with a word that a number often
// follows in running text: "Section", "clause", "Schedule", "to", "of",
// "plus" (a final "s" is dropped before the comparison).
func pdfRefWord(s string) bool {
	word := strings.ToLower(s[strings.LastIndexByte(s, ' ')+1:])
	switch strings.TrimSuffix(word, "s") {
	case "section", "clause", "article", "schedule", "exhibit", "annex", "appendix", "paragraph", "part", "§",
		"to", "of", "than", "plu", "minu", "and", "or", "in", "under", "per", "at", "by", "from", "within", "no", "number":
		return true
	}
	return false
}

// pdfEndsItem reports whether s ends the way an item of a list does:
// ";", "; and", "; or".
func pdfEndsItem(s string) bool {
	for _, tail := range []string{";", "; and", "; or", ";and", ";or"} {
		if strings.HasSuffix(s, tail) {
			return true
		}
	}
	return false
}

// pdfEndsClause reports whether s, past closing quotes and brackets, ends
// a sentence or a list item: ".", ":", ";", "!", "?", "; and", "; or".
func pdfEndsClause(s string) bool {
	if pdfEndsItem(s) {
		return true
	}
	s = strings.TrimRight(s, "\"')]”’")
	if s == "" {
		return false
	}
	return strings.ContainsRune(".:;!?", rune(s[len(s)-1]))
}

// pdfHeadingLine reports whether l looks like a heading in capitals: no
// lower-case letters, at most 12 words, not longer than three quarters of
// its segment, not ending in ",", ";" or a hyphen.
func pdfHeadingLine(l *pdfLine) bool {
	letters := 0
	for _, r := range l.text {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	if letters < 2 || strings.Count(l.text, " ") >= 12 || strings.ContainsAny(l.text[len(l.text)-1:], ",;-") {
		return false
	}
	return 4*(l.width-float64(l.indent)) <= 3*l.full
}

// pdfOpensItem reports whether s starts the way a paragraph does: with a
// capital, a quote, a bracket, "§", or a clause number that is not weak.
func pdfOpensItem(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	if unicode.IsDigit(r) {
		return pdfLabelStart(s) && !pdfWeakLabel(s)
	}
	return unicode.IsUpper(r) || strings.ContainsRune("\"'“‘([§", r)
}

// pdfWeakLabel reports whether s starts with a number followed by a word
// in small letters ("1.5 percentage points", "2.05 below"): after a short
// line that is more likely a number that wrapped than a clause.
func pdfWeakLabel(s string) bool {
	tok, rest, _ := strings.Cut(s, " ")
	r, _ := utf8.DecodeRuneInString(rest)
	return tok != "" && pdfDigit(tok[0]) && unicode.IsLower(r)
}

// pdfOpensQuote reports whether s starts with an opening quote.
func pdfOpensQuote(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r == '"' || r == '“' || r == '‘'
}

// pdfHyphenEnd reports whether s ends with a hyphen.
func pdfHyphenEnd(s string) bool {
	return strings.HasSuffix(s, "-") || strings.HasSuffix(s, "\u2010")
}

// pdfJoinLines appends line l to buf, a block that ends with line p.
//
// Lines join with a space, except after a hyphen. A line that ended in a
// soft hyphen joins closed. A word broken with a hyphen at the end of a
// line ("compen-" + "sation") joins closed when the next line goes on in
// the same case (lower, or capitals after capitals), unless the document
// writes the pair with a hyphen elsewhere ("non-exclusive"), or, when it
// does not write the closed word elsewhere either, the part before the
// hyphen is a prefix that is usually hyphenated ("non-", "self-",
// "third-"). Otherwise the hyphen stays and the lines join without a
// space ("2024-" + "2025", "Anti-" + "Bribery"). A hyphen after a space,
// which pdftotext writes for a hyphen drawn apart from its word, joins
// closed or hyphenated only when the document shows that word elsewhere.
func pdfJoinLines(buf []byte, p, l *pdfLine, words pdfWordSet) []byte {
	if p.soft {
		return append(buf, l.text...)
	}
	hyphen, size := utf8.DecodeLastRune(buf)
	if hyphen != '-' && hyphen != '\u2010' {
		buf = append(buf, ' ')
		return append(buf, l.text...)
	}
	body := buf[:len(buf)-size]
	spaced := len(body) > 0 && body[len(body)-1] == ' '
	if spaced {
		body = body[:len(body)-1]
	}
	frag := pdfLastLetters(string(body[max(0, len(body)-64):])) // longer words are not words
	switch pdfHyphenVerdict(frag, pdfFirstLetters(l.text), spaced, words) {
	case hyphenClosed:
		buf = body
	case hyphenKept:
		if spaced {
			buf = utf8.AppendRune(body, hyphen)
		}
	default:
		if spaced {
			buf = append(buf, ' ')
		}
	}
	return append(buf, l.text...)
}

// Verdicts on a hyphen at the end of a line.
const (
	hyphenAsIs   = iota // leave the hyphen, and any space before it
	hyphenClosed        // drop the hyphen: the word was broken
	hyphenKept          // keep the hyphen inside the word
)

// pdfHyphenVerdict decides a hyphen between frag, the letters before it at
// the end of a line, and head, the letters that start the next line.
func pdfHyphenVerdict(frag, head string, spaced bool, words pdfWordSet) int {
	if utf8.RuneCountInString(frag) < 2 || head == "" {
		return hyphenAsIs
	}
	h, _ := utf8.DecodeRuneInString(head)
	if !unicode.IsLower(h) && !(unicode.IsUpper(h) && strings.ToUpper(frag) == frag) {
		return hyphenAsIs
	}
	f, hd := strings.ToLower(frag), strings.ToLower(head)
	switch {
	case words.has(f + "-" + hd):
		return hyphenKept
	case words.has(f + hd):
		return hyphenClosed
	case spaced:
		return hyphenAsIs
	}
	switch f {
	case "non", "self", "co", "cross", "anti", "multi", "semi", "third", "well", "quasi", "half":
		return hyphenKept
	}
	return hyphenClosed
}

// pdfLastLetters returns the letters at the end of s.
func pdfLastLetters(s string) string {
	i := len(s)
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:i])
		if !unicode.IsLetter(r) {
			break
		}
		i -= size
	}
	return s[i:]
}

// pdfFirstLetters returns the letters at the start of s.
func pdfFirstLetters(s string) string {
	i := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	if i < 0 {
		return s
	}
	return s[:i]
}

// pdfWordSet holds the words of a document, lower-cased, hyphenated words
// whole.
type pdfWordSet map[string]struct{}

func (w pdfWordSet) has(s string) bool {
	_, ok := w[s]
	return ok
}

// pdfMakeWordSet collects the words of all lines.
func pdfMakeWordSet(lines []pdfLine) pdfWordSet {
	w := pdfWordSet{}
	inWord := func(r rune) bool { return unicode.IsLetter(r) || r == '-' || r == '\u2010' }
	for _, l := range lines {
		s := l.text
		for s != "" {
			i := strings.IndexFunc(s, inWord)
			if i < 0 {
				break
			}
			s = s[i:]
			j := strings.IndexFunc(s, func(r rune) bool { return !inWord(r) })
			if j < 0 {
				j = len(s)
			}
			tok := strings.Trim(s[:j], "-\u2010")
			if tok != "" {
				w[strings.ToLower(strings.ReplaceAll(tok, "\u2010", "-"))] = struct{}{}
			}
			s = s[j:]
		}
	}
	return w
}

func pdfDigit(c byte) bool { return c >= '0' && c <= '9' }

// pdfAlnum reports whether s is ASCII letters and digits only.
func pdfAlnum(s string) bool {
	for i := 0; i < len(s); i++ {
		if !pdfDigit(s[i]) && !pdfLetter(s[i]) {
			return false
		}
	}
	return s != ""
}

func pdfLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
