package clauses

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// scheme is a numbering scheme: how a label is written. Clauses whose
// labels share a scheme (and, for decimals, a depth) are siblings.
type scheme uint8

const (
	schNone    scheme = iota
	schArticle        // ARTICLE IV, Article 4
	schDecimal        // 1.  1.1  1.01  Section 2.3  § 4  Clause 4
	schPart           // Schedule A, Exhibit 1, Annex, Appendix
	schAlpha          // a b c … z aa bb
	schRoman          // i ii iii iv
	schNum            // 1 2 3 inside parentheses or before ")"
	schNote           // [1] [2]: footnotes and endnotes
)

// style is how the label is punctuated: "(a)", "a)", "a.".
type style uint8

const (
	stParen style = iota // (a)
	stClose              // a)
	stDot                // a.
	stPlain              // ARTICLE IV, 4.1, Schedule A
)

// label is a clause label found at the start of a block.
type label struct {
	scheme scheme
	style  style
	upper  bool   // A, I rather than a, i
	text   string // as written, e.g. "(a)", "4.1.", "ARTICLE IV"
	inner  string // the number itself: "a", "4.1", "IV", "A"
	comps  []int  // decimal components; for others a single value
	word   string // "Section", "Article", "Schedule"…: the word before the number, if any
	// ambiguous is set for a single letter that is also a roman numeral
	// (i, v, x, l, c, d, m); placement decides which it is.
	ambiguous bool
	alphaVal  int // the letter's value when ambiguous
	rest      string
	// sep is set when a separator stood between a word label and its
	// heading: "Schedule 2 – Form of demand", "ARTICLE IV: Fees".
	sep bool
}

// labelComps is a label together with room for its components, so that
// a label and its comps cost one allocation.
type labelComps struct {
	l   label
	buf [4]int
}

// newLabel returns a zero label whose comps has length n.
func newLabel(n int) *label {
	if n > len(labelComps{}.buf) {
		return &label{comps: make([]int, n)}
	}
	lc := &labelComps{}
	lc.l.comps = lc.buf[:n:n]
	return &lc.l
}

// newLabel1 returns a zero label whose comps is {v}.
func newLabel1(v int) *label {
	l := newLabel(1)
	l.comps[0] = v
	return l
}

// value is the label's own ordinal: the last decimal component, the
// letter's place in the alphabet, the roman numeral's value.
func (l *label) value() int {
	if len(l.comps) == 0 {
		return 0
	}
	return l.comps[len(l.comps)-1]
}

// key identifies the sibling group of a label: two labels with the same
// key at the same place in the tree are siblings.
func (l *label) key() string {
	switch l.scheme {
	case schArticle:
		return "article"
	case schPart:
		return "part"
	case schNote:
		return "note"
	case schDecimal:
		if n := len(l.comps); n < len(decKeys) {
			return decKeys[n]
		}
		return "dec" + strconv.Itoa(len(l.comps))
	}
	if (l.scheme == schAlpha || l.scheme == schRoman || l.scheme == schNum) && l.style <= stDot {
		u := 0
		if l.upper {
			u = 1
		}
		return listKeys[l.scheme-schAlpha][u][l.style]
	}
	k := [...]string{schAlpha: "alpha", schRoman: "roman", schNum: "num"}[l.scheme]
	if l.upper {
		k = strings.ToUpper(k)
	}
	return k + [...]string{stParen: "()", stClose: ")", stDot: "."}[l.style]
}

// decKeys and listKeys are the keys label.key returns, made once.
var (
	decKeys  = [...]string{"dec0", "dec1", "dec2", "dec3", "dec4", "dec5", "dec6", "dec7", "dec8", "dec9"}
	listKeys = func() (k [3][2][3]string) {
		for i, name := range []string{"alpha", "roman", "num"} {
			for u := range 2 {
				n := name
				if u == 1 {
					n = strings.ToUpper(n)
				}
				for st, p := range []string{stParen: "()", stClose: ")", stDot: "."} {
					k[i][u][st] = n + p
				}
			}
		}
		return k
	}()
)

// asAlpha turns an ambiguous roman label into a letter.
func (l *label) asAlpha() {
	l.scheme = schAlpha
	l.comps = []int{l.alphaVal}
	l.ambiguous = false
}

var partWords = map[string]string{
	"schedule": "Schedule", "exhibit": "Exhibit", "annex": "Annex",
	"appendix": "Appendix", "attachment": "Attachment", "addendum": "Addendum",
}

var spelled = map[string]int{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
	"fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
	"nineteen": 19, "twenty": 20,
}

// parseLabel reads a clause label at the start of s (a block's plain
// text). It returns nil when s does not start with one. It only looks at
// the shape of the text; whether the label really starts a clause is
// decided by the caller from context.
func parseLabel(s string) *label {
	if s == "" {
		return nil
	}
	if l := parseWordLabel(s); l != nil {
		return l
	}
	switch c := s[0]; {
	case c == '(':
		return parseParen(s)
	case c == '[':
		return parseNote(s)
	case c >= '0' && c <= '9':
		return parseDecimal(s, "")
	case isASCIILetter(c):
		return parseLetter(s)
	}
	if strings.HasPrefix(s, "§") {
		rest := strings.TrimLeft(s[len("§"):], "§ \u00a0")
		if l := parseDecimal(rest, "§"); l != nil {
			l.text = s[:len(s)-len(rest)] + l.text
			return l
		}
	}
	return nil
}

// parseWordLabel reads "ARTICLE IV", "Section 2.3", "Clause 4",
// "Schedule A".
func parseWordLabel(s string) *label {
	// The cheap test first: an ASCII first word is one of the label words
	// only when it is 4 to 10 bytes long; without a space in its first 11
	// bytes, s starts with no such word.
	var buf [10]byte
	lw := ""
	ascii := true
	sp := -1
	for i := 0; i < len(s) && i <= len(buf); i++ {
		c := s[i]
		if c == ' ' {
			sp = i
			break
		}
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
		if i < len(buf) {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf[i] = c
		}
	}
	if ascii {
		if sp < 4 {
			return nil // no space, an empty word, or a word too short or too long
		}
		switch string(buf[:sp]) {
		case "article", "section", "sec.", "clause",
			"schedule", "exhibit", "annex", "appendix", "attachment", "addendum":
		default:
			return nil
		}
	}
	word, rest, ok := strings.Cut(s, " ")
	if !ok || word == "" {
		return nil
	}
	if ascii {
		lw = string(buf[:sp])
	} else {
		lw = strings.ToLower(word)
	}
	rest = strings.TrimLeft(rest, " ")
	switch {
	case lw == "article":
		num, after := splitToken(rest)
		num = strings.TrimRight(num, ".:")
		v := articleValue(num)
		if v == 0 {
			return nil
		}
		l := newLabel1(v)
		*l = label{scheme: schArticle, style: stPlain, text: word + " " + num, inner: strings.ToUpper(num),
			comps: l.comps, word: "Article", rest: trimSep(after), upper: true, sep: hasSep(after)}
		return l
	case lw == "section" || lw == "sec." || lw == "clause":
		l := parseDecimal(rest, word)
		if l == nil {
			return nil
		}
		l.text = word + " " + l.text
		l.word = "Section"
		return l
	case partWords[lw] != "":
		num, after := splitToken(rest)
		num = strings.TrimRight(num, ".:")
		if num == "" || len(num) > 6 || !isPartNumber(num) {
			return nil
		}
		l := newLabel1(partValue(num))
		*l = label{scheme: schPart, style: stPlain, text: word + " " + num, inner: num,
			word: partWords[lw], rest: trimSep(after), comps: l.comps, sep: hasSep(after)}
		return l
	}
	return nil
}

// parseDecimal reads "1.", "1.1", "1.01", "4.2.3." and "1)" at the start of s.
func parseDecimal(s, word string) *label {
	i := 0
	var buf [8]int
	comps := buf[:0]
	for {
		j := i
		n := 0
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			n = n*10 + int(s[j]-'0')
			j++
		}
		if j == i || j-i > 3 {
			return nil
		}
		comps = append(comps, n)
		i = j
		if i+1 < len(s) && s[i] == '.' && s[i+1] >= '0' && s[i+1] <= '9' {
			i++
			continue
		}
		break
	}
	inner := s[:i]
	text := inner
	st := stPlain
	if i < len(s) && (s[i] == '.' || s[i] == ')') {
		if s[i] == ')' {
			if len(comps) > 1 || word != "" {
				return nil
			}
			st = stClose
		}
		i++
		text = s[:i]
	}
	if i < len(s) && s[i] != ' ' && !(len(comps) > 1 && gluedWord(s[i:])) {
		return nil
	}
	rest := strings.TrimLeft(s[i:], " ")
	l := newLabel(len(comps))
	copy(l.comps, comps)
	if st == stClose {
		*l = label{scheme: schNum, style: stClose, text: text, inner: inner, comps: l.comps, rest: rest}
		return l
	}
	*l = label{scheme: schDecimal, style: stPlain, text: text, inner: inner, comps: l.comps, rest: rest, word: word}
	return l
}

// gluedWord reports whether s starts with a capitalised word, as the
// heading of "2.1Duration." does where a converter dropped the space
// between a clause number and its heading.
func gluedWord(s string) bool {
	return len(s) > 1 && 'A' <= s[0] && s[0] <= 'Z' && 'a' <= s[1] && s[1] <= 'z'
}

// parseParen reads "(a)", "(iv)", "(A)", "(1)".
func parseParen(s string) *label {
	end := strings.IndexByte(s, ')')
	if end < 2 || end > 6 {
		return nil
	}
	inner := s[1:end]
	if end+1 < len(s) && s[end+1] != ' ' && !startsWithOpenQuote(s[end+1:]) {
		return nil // "(s)he", "(a)-(c)"; but "(b)“including” means" lost its space in a Word file
	}
	l := classifyInner(inner, stParen)
	if l == nil {
		return nil
	}
	l.text = s[:end+1]
	l.rest = strings.TrimLeft(s[end+1:], " ")
	return l
}

// startsWithOpenQuote reports whether s starts with a curly opening
// quote, which no word glued to a bracket does.
func startsWithOpenQuote(s string) bool {
	return strings.HasPrefix(s, "“") || strings.HasPrefix(s, "‘")
}

// parseNote reads a footnote or endnote marker "[12]".
func parseNote(s string) *label {
	end := strings.IndexByte(s, ']')
	if end < 2 || end > 5 || end+1 < len(s) && s[end+1] != ' ' {
		return nil
	}
	n, err := strconv.Atoi(s[1:end])
	if err != nil || n < 1 {
		return nil
	}
	l := newLabel1(n)
	*l = label{scheme: schNote, style: stPlain, text: s[:end+1], inner: s[1:end], comps: l.comps, rest: strings.TrimLeft(s[end+1:], " ")}
	return l
}

// parseLetter reads "a)", "a.", "iv.", "A.", "IV)".
func parseLetter(s string) *label {
	i := 0
	for i < len(s) && i < 6 && isASCIILetter(s[i]) {
		i++
	}
	if i == len(s) || (s[i] != '.' && s[i] != ')') {
		return nil
	}
	if i+1 < len(s) && s[i+1] != ' ' {
		return nil
	}
	st := stDot
	if s[i] == ')' {
		st = stClose
	}
	l := classifyInner(s[:i], st)
	if l == nil {
		return nil
	}
	l.text = s[:i+1]
	l.rest = strings.TrimLeft(s[i+1:], " ")
	return l
}

// classifyInner tells what kind of number the inside of a label is.
func classifyInner(inner string, st style) *label {
	if inner == "" {
		return nil
	}
	if inner[0] >= '0' && inner[0] <= '9' {
		n, err := strconv.Atoi(inner)
		if err != nil || n > 999 {
			return nil
		}
		l := newLabel1(n)
		*l = label{scheme: schNum, style: st, inner: inner, comps: l.comps}
		return l
	}
	var lower string
	var upper bool
	if hasLower, hasUpper, ascii := asciiCase(inner); ascii && !hasUpper {
		lower, upper = inner, !hasLower
	} else if ascii && !hasLower {
		// strings.ToLower of an upper-case ASCII word, without the
		// allocation, for the few lower-case strings it is compared with.
		lower, upper = inner, true
		if romanOrAlphaFold(inner) {
			lower = strings.ToLower(inner)
		} else {
			return nil // neither a roman numeral nor a letter, in any case
		}
	} else {
		lower = strings.ToLower(inner)
		upper = inner == strings.ToUpper(inner)
	}
	if !upper && inner != lower {
		return nil // mixed case: a word, not a number
	}
	if v := romanValue(lower); v > 0 {
		l := newLabel1(v)
		*l = label{scheme: schRoman, style: st, inner: inner, upper: upper, comps: l.comps}
		if len(lower) == 1 {
			l.ambiguous = true
			l.alphaVal = int(lower[0]-'a') + 1
		}
		return l
	}
	if v := alphaValue(lower); v > 0 {
		l := newLabel1(v)
		*l = label{scheme: schAlpha, style: st, inner: inner, upper: upper, comps: l.comps}
		return l
	}
	return nil
}

// asciiCase reports whether s has ASCII lower-case and upper-case
// letters, and whether it is all ASCII.
func asciiCase(s string) (hasLower, hasUpper, ascii bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf:
			return hasLower, hasUpper, false
		case 'a' <= c && c <= 'z':
			hasLower = true
		case 'A' <= c && c <= 'Z':
			hasUpper = true
		}
	}
	return hasLower, hasUpper, true
}

// romanOrAlphaFold reports whether the lower case of an ASCII string may
// be a roman numeral or a letter label (alphaValue): all roman digits, or
// one or two equal letters.
func romanOrAlphaFold(s string) bool {
	if len(s) == 1 || len(s) == 2 && s[0] == s[1] {
		return true
	}
	for i := 0; i < len(s); i++ {
		if romanDigit(s[i]|0x20) == 0 {
			return false
		}
	}
	return true
}

// alphaValue is a=1 … z=26, aa=27 … zz=52; 0 for anything else.
func alphaValue(s string) int {
	switch {
	case len(s) == 1:
		return int(s[0]-'a') + 1
	case len(s) == 2 && s[0] == s[1]:
		return int(s[0]-'a') + 27
	}
	return 0
}

// romanValue is the value of a lower-case roman numeral written in the
// usual subtractive form, or 0.
func romanValue(s string) int {
	if s == "" || len(s) > 8 {
		return 0
	}
	total := 0
	for i := 0; i < len(s); i++ {
		v := romanDigit(s[i])
		if v == 0 {
			return 0
		}
		if i+1 < len(s) && romanDigit(s[i+1]) > v {
			total -= v
		} else {
			total += v
		}
	}
	if total <= 0 || !isRoman(total, s) {
		return 0
	}
	return total
}

// romanParts are the pieces toRoman writes, largest first.
var romanParts = [...]struct {
	v int
	s string
}{{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"}, {40, "xl"}, {10, "x"}, {9, "ix"}, {5, "v"}, {4, "iv"}, {1, "i"}}

// isRoman reports whether toRoman(n) == s, without building the numeral.
func isRoman(n int, s string) bool {
	for _, p := range romanParts {
		for n >= p.v {
			if !strings.HasPrefix(s, p.s) {
				return false
			}
			s = s[len(p.s):]
			n -= p.v
		}
	}
	return s == ""
}

func romanDigit(c byte) int {
	switch c {
	case 'i':
		return 1
	case 'v':
		return 5
	case 'x':
		return 10
	case 'l':
		return 50
	case 'c':
		return 100
	case 'd':
		return 500
	case 'm':
		return 1000
	}
	return 0
}

// toRoman writes n (1 to 3999) as a lower-case roman numeral.
func toRoman(n int) string {
	var b strings.Builder
	for _, p := range []struct {
		v int
		s string
	}{{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"}, {40, "xl"}, {10, "x"}, {9, "ix"}, {5, "v"}, {4, "iv"}, {1, "i"}} {
		for n >= p.v {
			b.WriteString(p.s)
			n -= p.v
		}
	}
	return b.String()
}

// articleValue reads an article number: IV, 4, A, FOUR.
func articleValue(s string) int {
	if s == "" {
		return 0
	}
	if n, err := strconv.Atoi(s); err == nil && n > 0 && n < 1000 {
		return n
	}
	if v := spelled[strings.ToLower(s)]; v > 0 {
		return v
	}
	if s == strings.ToUpper(s) {
		if v := romanValue(strings.ToLower(s)); v > 0 {
			return v
		}
		if len(s) == 1 && s[0] >= 'A' && s[0] <= 'Z' {
			return int(s[0]-'A') + 1
		}
	}
	return 0
}

func isPartNumber(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c == '-' || c == '.') {
			return false
		}
	}
	return true
}

func partValue(s string) int {
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	if v := romanValue(strings.ToLower(s)); v > 0 && len(s) > 1 {
		return v
	}
	if s[0] >= 'A' && s[0] <= 'Z' {
		return int(s[0]-'A') + 1
	}
	return 0
}

// splitToken splits s at its first space.
func splitToken(s string) (tok, rest string) {
	tok, rest, _ = strings.Cut(s, " ")
	return tok, rest
}

// trimSep removes the separator between a label and its heading:
// "– Confidentiality", ": Fees", ". Term".
func trimSep(s string) string {
	s = strings.TrimSpace(s)
	for _, p := range []string{"–", "—", "-", ":", "."} {
		if strings.HasPrefix(s, p) {
			return strings.TrimSpace(s[len(p):])
		}
	}
	return s
}

// hasSep reports whether s starts with a separator that trimSep removes.
func hasSep(s string) bool {
	t := strings.TrimSpace(s)
	return t != "" && trimSep(t) != t
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
