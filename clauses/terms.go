package clauses

import (
	"bytes"
	"regexp"
	"strings"
	"unicode/utf8"
)

const quoteOpen = `["“'‘]`
const quoteClose = `["”'’]`

var (
	// "Affiliate" means …, "Term" shall have the meaning …
	defMeans = regexp.MustCompile(`^` + quoteOpen + `([^"“”]{1,80}?)` + quoteClose +
		`(?:\s*(?:or|and)\s*` + quoteOpen + `[^"“”]{1,80}?` + quoteClose + `)?\s*,?\s+(?:means|shall mean|has the meaning|shall have the meaning|refers to|represents|includes|mean)\b`)
	// (the "Provider"), (each, a "Tranche"), (hereinafter referred to as "Lab")
	defParen = regexp.MustCompile(`^\((?:(?:the|each|a|an|collectively|together|individually|jointly|hereinafter|referred|to|as|herein|and|or|,|;|\s)*)\s*` +
		quoteOpen + `([^"“”]{1,80}?)` + quoteClose + `(?:\s*(?:or|and|,)\s*(?:the\s+)?` + quoteOpen + `([^"“”]{1,80}?)` + quoteClose + `)?\s*\)`)
	refRe = regexp.MustCompile(`^(Sections?|SECTIONS?|Clauses?|CLAUSES?|Articles?|ARTICLES?|[Pp]aragraphs?|§§?|Schedules?|Exhibits?|Annex(?:es)?|Appendix|Appendices)\s*` +
		`(\d{1,3}(?:\.\d{1,3})*(?:\([A-Za-z0-9]{1,5}\))*|[IVXLC]{1,6}\b|[A-Z](?:-?\d{1,2})?\b)`)
	refMore  = regexp.MustCompile(`^(?:,\s*|\s+(?:and|or|through|to)\s+|,\s*(?:and|or)\s+)(\d{1,3}(?:\.\d{1,3})*(?:\([A-Za-z0-9]{1,5}\))*|\([A-Za-z0-9]{1,5}\)(?:\([A-Za-z0-9]{1,5}\))*)`)
	external = regexp.MustCompile(`^\s*of\s+(?:the\s+)?(?:[A-Z][\w.]*\s*){1,6}(?:Act|Code|Regulations?|Agreement|Rules?|Convention|Law|Statute|U\.S\.C\.)`)
)

// matchesAt runs anchored patterns at every place in text where a word
// starts with one of the trigger bytes, and returns their submatch
// indexes into text, in order and without overlaps. It is the fast form
// of FindAllSubmatchIndex for patterns that start with one of a few
// characters: the regexp engine never scans the text itself.
func matchesAt(text []byte, triggers string, res ...*regexp.Regexp) [][]int {
	var out [][]int
	first := triggerTable(triggers)
	for i := 0; i < len(text); i++ {
		// The cheap test first: most bytes start no trigger.
		for i < len(text) && !first[text[i]] {
			i++
		}
		if i == len(text) {
			break
		}
		c := text[i]
		if c >= utf8.RuneSelf && !strings.ContainsRune(triggers, decodeAt(text, i)) {
			continue
		}
		if i > 0 && isWordByte(text[i-1]) && c != '(' {
			continue
		}
		window := text[i:min(len(text), i+240)]
		if !worthTrying(window) {
			continue
		}
		for _, re := range res {
			m := re.FindSubmatchIndex(window)
			if m == nil {
				continue
			}
			for k := range m {
				if m[k] >= 0 {
					m[k] += i
				}
			}
			out = append(out, m)
			i = m[1] - 1
			break
		}
	}
	return out
}

// Trigger sets of the callers of matchesAt, and their tables, made once.
const (
	termTriggers  = "\"“'‘("
	refTriggers   = "SCAPE§p"
	partyTriggers = "("
)

var (
	termTable  = makeTriggerTable(termTriggers)
	refTable   = makeTriggerTable(refTriggers)
	partyTable = makeTriggerTable(partyTriggers)
)

// triggerTable marks the first byte of each trigger.
func triggerTable(triggers string) *[256]bool {
	switch triggers {
	case termTriggers:
		return termTable
	case refTriggers:
		return refTable
	case partyTriggers:
		return partyTable
	}
	return makeTriggerTable(triggers)
}

func makeTriggerTable(triggers string) *[256]bool {
	var first [256]bool
	for _, r := range triggers {
		var buf [utf8.UTFMax]byte
		utf8.EncodeRune(buf[:], r)
		first[buf[0]] = true // the first byte of each trigger
	}
	return &first
}

// worthTrying is a cheap test that a pattern may match at the start of
// window: a parenthesis must hold a quote before it closes, a capital must
// start one of the words that introduce references.
func worthTrying(window []byte) bool {
	switch c := window[0]; {
	case c == '(':
		end := bytes.IndexByte(window, ')')
		if end < 0 {
			end = len(window)
		}
		return bytes.ContainsAny(window[:end], "\"“'‘")
	case c >= 'A' && c <= 'Z' || c == 'p':
		switch c {
		case 'S', 'C', 'A', 'P', 'E', 'p':
		default:
			return false // no word in refStarts starts with c
		}
		for _, w := range refStarts {
			if w[0] == c && bytes.HasPrefix(window, []byte(w)) {
				return true
			}
		}
		return false
	}
	return true
}

// refStarts are the openings of the words refRe starts with.
var refStarts = []string{"Sect", "SECT", "Claus", "CLAUS", "Artic", "ARTIC", "Parag", "parag", "Sched", "Exhib", "Annex", "Appen"}

func decodeAt(text []byte, i int) rune {
	r, _ := utf8.DecodeRune(text[i:])
	return r
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// findTerms collects defined terms: `"X" means …` and `(the "X")`. The
// first definition of a term wins.
func findTerms(doc *Document, clauses []*Clause) {
	seen := map[string]bool{}
	var found []Term
	for _, c := range clauses {
		body := doc.Text[c.Body.Start:c.Body.End]
		found = found[:0]
		for _, m := range matchesAt(body, termTriggers, defMeans, defParen) {
			for g := 2; g+1 < len(m); g += 2 {
				if m[g] < 0 {
					continue
				}
				term := strings.TrimSpace(string(body[m[g]:m[g+1]]))
				if !plausibleTerm(term) {
					continue
				}
				found = append(found, Term{Term: term, Clause: c.ID, Span: Span{c.Body.Start + m[g], c.Body.Start + m[g+1]}})
			}
		}
		for _, t := range found {
			if !seen[t.Term] {
				seen[t.Term] = true
				doc.Terms = append(doc.Terms, t)
			}
		}
	}
}

// plausibleTerm rejects quoted text that is not a defined term: whole
// sentences, lower-case phrases.
func plausibleTerm(t string) bool {
	if t == "" || countFields(t, 9) > 8 || strings.ContainsAny(t, ".;") && !strings.HasSuffix(t, ".") {
		return false
	}
	c := t[0]
	return !(c >= 'a' && c <= 'z') || countFields(t, 3) <= 2
}

// joinFields is strings.Join(strings.Fields(string(b)), " "), without
// the split when b is ASCII text already in that form.
func joinFields(b []byte) string {
	simple := len(b) > 0 && b[0] != ' ' && b[len(b)-1] != ' '
	for i := 0; simple && i < len(b); i++ {
		switch c := b[i]; {
		case c >= utf8.RuneSelf || c < utf8.RuneSelf && asciiSpace[c] && c != ' ':
			simple = false
		case c == ' ' && b[i+1] == ' ':
			simple = false
		}
	}
	if simple {
		return string(b)
	}
	return strings.Join(strings.Fields(string(b)), " ")
}

// findParties reads the parties from the preamble: each name followed by
// its alias in parentheses, after "between" or "among".
func findParties(doc *Document) {
	var pre *Clause
	for _, c := range doc.Root.Children {
		if c.Kind == Preamble {
			pre = c
		}
	}
	if pre == nil {
		return
	}
	text := string(doc.Text[pre.Body.Start:pre.Body.End])
	start := -1
	for _, kw := range []string{"between", "among", "BETWEEN", "AMONG", "Between", "Among", " by "} {
		if i := strings.Index(text, kw); i >= 0 && (start < 0 || i < start) {
			start = i + len(kw)
		}
	}
	if start < 0 {
		return
	}
	from := start
	for _, m := range matchesAt([]byte(text[start:]), partyTriggers, defParen) {
		open, close := start+m[0], start+m[1]
		name := partyName(text[from:open])
		if name != "" {
			p := Party{Name: name, Aliases: []string{strings.TrimSpace(text[start+m[2] : start+m[3]])}}
			if m[4] >= 0 {
				p.Aliases = append(p.Aliases, strings.TrimSpace(text[start+m[4]:start+m[5]]))
			}
			doc.Parties = append(doc.Parties, p)
		}
		from = close
	}
}

// partyName cleans the text between two aliases down to the party's name:
// "), and Lumen Ridge AI Labs, LLC, a Delaware limited liability company "
// becomes "Lumen Ridge AI Labs, LLC".
func partyName(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	for {
		t := strings.TrimLeft(s, " ,;:")
		for _, p := range []string{"by ", "and ", "between ", "among ", "& ", "BY ", "AND ", "BETWEEN ", "AMONG "} {
			t = strings.TrimPrefix(t, p)
		}
		if t == s {
			break
		}
		s = t
	}
	for _, sep := range []string{", a ", ", an ", " a corporation", ", having", ", with its", " organized", " incorporated", " whose"} {
		if i := strings.Index(s, sep); i > 0 {
			s = s[:i]
		}
	}
	s = strings.Trim(s, " ,;")
	if s == "" || len(strings.Fields(s)) > 12 {
		return ""
	}
	return s
}

// findRefs finds cross-references to clauses ("Section 7.2(a)",
// "Article IV", "Sections 4.1 and 4.2") and resolves them; a reference
// to a clause that does not exist becomes a diagnostic.
func findRefs(doc *Document, clauses []*Clause) {
	byNumber := make(map[string]*Clause, len(clauses))
	articles := map[int]*Clause{}
	doc.Root.Walk(func(c *Clause) bool {
		if c.Number != "" && partOf(c) == nil || c.Kind == Part {
			if byNumber[c.Number] == nil {
				byNumber[c.Number] = c
			}
		}
		if l := parseLabel(c.Label); l != nil && l.scheme == schArticle && articles[l.value()] == nil {
			articles[l.value()] = c
		}
		return true
	})
	for _, c := range clauses {
		body := doc.Text[c.Body.Start:c.Body.End]
		for _, m := range matchesAt(body, refTriggers, refRe) {
			if external.Match(body[m[1]:min(len(body), m[1]+120)]) {
				continue
			}
			word := string(body[m[2]:m[3]])
			num := string(body[m[4]:m[5]])
			if m[0] < 8 && (num == c.Number || strings.EqualFold(c.Label, word+" "+num) || strings.Contains(c.Label, num)) {
				continue // the clause's own label, not a reference
			}
			doc.addRef(c, word, num, Span{c.Body.Start + m[0], c.Body.Start + m[1]}, byNumber, articles)
			rest := body[m[1]:min(len(body), m[1]+400)]
			for off := m[1]; ; {
				mm := refMore.FindSubmatchIndex(rest)
				if mm == nil {
					break
				}
				more := string(rest[mm[2]:mm[3]])
				if strings.HasPrefix(more, "(") {
					more = strings.SplitN(num, "(", 2)[0] + more
				}
				doc.addRef(c, word, more, Span{c.Body.Start + off + mm[2], c.Body.Start + off + mm[3]}, byNumber, articles)
				off += mm[1]
				rest = rest[mm[1]:]
			}
		}
	}
}

// refWords maps the word before a referenced number to what it refers
// to: a clause number, an article, or a part such as a Schedule.
var refWords = map[string]string{
	"section": "", "sections": "", "clause": "", "clauses": "", "paragraph": "", "paragraphs": "",
	"§": "", "§§": "", "article": "article", "articles": "article",
	"schedule": "Schedule", "schedules": "Schedule", "exhibit": "Exhibit", "exhibits": "Exhibit",
	"annex": "Annex", "annexes": "Annex", "appendix": "Appendix", "appendices": "Appendix",
}

func (doc *Document) addRef(from *Clause, word, num string, span Span, byNumber map[string]*Clause, articles map[int]*Clause) {
	r := Ref{Text: joinFields(doc.Text[span.Start:span.End]), Number: num, From: from.ID, Span: span}
	var target *Clause
	var buf [16]byte
	var kind string
	if b, ok := lowerASCII(word, buf[:]); ok {
		kind = refWords[string(b)]
	} else {
		kind = refWords[strings.ToLower(word)]
	}
	switch kind {
	case "article":
		if target = articles[articleValue(num)]; target == nil {
			target = byNumber[num]
		}
	case "":
		target = byNumber[num]
		if target == nil && strings.Contains(num, "(") {
			// "Section 7.2(a)" where (a) is written inline: the clause is 7.2
			target = byNumber[num[:strings.IndexByte(num, '(')]]
		}
	default:
		r.Number = kind + " " + num
		if target = byNumber[r.Number]; target == nil {
			return // schedules and exhibits are often separate documents
		}
	}
	if target != nil {
		r.To = target.ID
	} else {
		doc.Diagnostics = append(doc.Diagnostics, Diagnostic{Offset: span.Start, Code: "unresolved-ref",
			Msg: "reference to " + strings.TrimSpace(r.Text) + ": no such clause"})
	}
	doc.Refs = append(doc.Refs, r)
}
