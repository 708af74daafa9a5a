package rights

import (
	"bytes"
	"regexp"
	"sort"
	"strings"

	"github.com/clausetrack/clausetrack/clauses"
)

// Definition is what an agreement says one of its defined terms means.
type Definition struct {
	// Term is the defined term as written between the quotes.
	Term string
	// Clause is the ID of the clause that defines it.
	Clause string
	// Span covers the definition's text, byte offsets into the
	// Document's Text, end exclusive. For `"X" means ...` it is what
	// follows the quoted term up to the next definition of the same
	// clause, a blank line or the end of the clause's own text; for a
	// parenthesis (`... (the "X")`) it is the words the parenthesis
	// names, back to the start of their sentence or the previous
	// parenthesis.
	Span clauses.Span
}

// reMeans follows a quoted term that a definition starts with. The
// closing quote is part of it so the span can start after it.
var reMeans = regexp.MustCompile(`^["”'’]?\s*,?\s*(?:(?:or|and)\s+["“'‘][^"”]{1,80}["”'’]\s*,?\s*)?(?:means|shall\s+mean|mean|has\s+the\s+meaning|shall\s+have\s+the\s+meaning|have\s+the\s+meaning|refers\s+to|shall\s+refer\s+to|includes|shall\s+include|is\s+defined)\b`)

// reParenBefore is what stands between an opening parenthesis and the
// quoted term of a parenthetical definition.
var reParenBefore = regexp.MustCompile(`\((?:the|this|each|a|an|collectively|together|individually|jointly|hereinafter|referred|to|as|herein|and|or|,|;|\s)*["“'‘]$`)

// Definitions returns the definitions of the document's defined terms in
// text order, one for each term the segmenter found, when its text can be
// told. Classify reads scope words through them, and the ledger compares
// them across versions.
func Definitions(doc *clauses.Document) []Definition {
	var out []Definition
	for _, d := range findDefinitions(doc) {
		out = append(out, d.Definition)
	}
	return out
}

// defn is a Definition and how it was written.
type defn struct {
	Definition
	means bool // `"X" means ...`, not a parenthesis
	quote int  // where the quoted term starts, its opening quote included
}

func findDefinitions(doc *clauses.Document) []defn {
	if doc == nil || doc.Root == nil {
		return nil
	}
	byID := map[string]*clauses.Clause{}
	for _, c := range doc.Clauses() {
		byID[c.ID] = c
	}
	text := doc.Text
	terms := quotedTerms(doc)
	var out []defn
	prevParenEnd := -1
	for i, t := range terms {
		c := byID[t.Clause]
		if c == nil || t.Span.End > len(text) || t.Span.Start < 0 {
			continue
		}
		body := c.Body
		if !body.Contains(t.Span) {
			body = c.Span
		}
		after := text[t.Span.End:min(len(text), t.Span.End+120)]
		if m := reMeans.FindIndex(after); m != nil {
			// The definition runs from just after the closing quote.
			start := t.Span.End
			if q := quoteLen(after); q > 0 {
				start += q
			}
			end := body.End
			if j := bytes.Index(text[start:end], []byte("\n\n")); j >= 0 {
				end = start + j
			}
			if j := bytes.Index(text[start:end], []byte("\r\n\r\n")); j >= 0 {
				end = start + j
			}
			// The next definition of the same clause that starts a
			// paragraph or a sentence ends this one; a term defined in
			// passing inside it ("where "control" means") does not.
			for _, n := range terms[i+1:] {
				if n.Span.Start >= end {
					break
				}
				if n.Clause == t.Clause && startsUnit(text, n.Span.Start) {
					end = n.Span.Start
					for end > start && isQuoteOrSpace(text[end-1]) {
						end--
					}
					break
				}
			}
			end = trimRight(text, start, end)
			for start < end && (text[start] == ' ' || text[start] == ',') {
				start++
			}
			if start < end {
				q := t.Span.Start
				for q > 0 && t.Span.Start-q < 3 && !isSpace(text[q-1]) {
					q--
				}
				out = append(out, defn{Definition{Term: t.Term, Clause: c.ID, Span: clauses.Span{Start: start, End: end}}, true, q})
			}
			continue
		}
		// A parenthetical definition names the words before it.
		lo := max(body.Start, t.Span.Start-400)
		head := text[lo:t.Span.Start]
		m := reParenBefore.FindIndex(head)
		if m == nil {
			continue
		}
		open := lo + m[0]
		start := sentenceStart(text, body.Start, open)
		if prevParenEnd > start && prevParenEnd <= open {
			start = prevParenEnd
		}
		if close := bytes.IndexByte(text[t.Span.End:min(len(text), t.Span.End+200)], ')'); close >= 0 {
			prevParenEnd = t.Span.End + close + 1
		}
		for start < open && (text[start] == ' ' || text[start] == ',' || text[start] == '\n') {
			start++
		}
		end := trimRight(text, start, open)
		if start < end {
			out = append(out, defn{Definition{Term: t.Term, Clause: c.ID, Span: clauses.Span{Start: start, End: end}}, false, open})
		}
	}
	return pickDefinitions(out, text)
}

// quotedTerms finds every quoted occurrence of the document's defined
// terms, each with the clause it stands in. The segmenter keeps a term's
// first occurrence only, and that is often a cross-reference (`"Licence
// Period" has the meaning given in Section 6.2`) to the real definition.
func quotedTerms(doc *clauses.Document) []clauses.Term {
	var bodies []*clauses.Clause
	for _, c := range doc.Clauses() {
		bodies = append(bodies, c)
	}
	sort.SliceStable(bodies, func(i, j int) bool { return bodies[i].Body.Start < bodies[j].Body.Start })
	clauseAt := func(i int) string {
		k := sort.Search(len(bodies), func(j int) bool { return bodies[j].Body.Start > i }) - 1
		if k < 0 {
			return ""
		}
		return bodies[k].ID
	}
	terms := map[string]bool{}
	longest := 0
	for _, t := range doc.Terms {
		if t.Term != "" {
			terms[t.Term] = true
			longest = max(longest, len(t.Term))
		}
	}
	// One pass over the text: each opening quote, the text up to its
	// closing quote, looked up among the terms.
	text := string(doc.Text)
	var out []clauses.Term
	for i := 0; i < len(text); i++ {
		var closing string
		switch {
		case text[i] == '"':
			closing = `"`
		case text[i] == '\'':
			closing = "'"
		case strings.HasPrefix(text[i:], "“"):
			closing = "”"
		case strings.HasPrefix(text[i:], "‘"):
			closing = "’"
		default:
			continue
		}
		start := i + 1
		if closing == "”" || closing == "’" {
			start = i + 3
		}
		rest := text[start:min(len(text), start+longest+len(closing))]
		j := strings.Index(rest, closing)
		if j <= 0 || !terms[rest[:j]] {
			continue
		}
		out = append(out, clauses.Term{Term: rest[:j], Clause: clauseAt(start), Span: clauses.Span{Start: start, End: start + j}})
		i = start + j
	}
	return out
}

// pickDefinitions keeps one definition a term: the first that says what
// the term means, else the first parenthesis, else the first
// cross-reference; in text order.
func pickDefinitions(all []defn, text []byte) []defn {
	rank := func(d defn) int {
		if !d.means {
			return 1
		}
		if reCrossRef.Match(text[d.Span.Start:min(d.Span.End, d.Span.Start+60)]) {
			return 2
		}
		return 0
	}
	best := map[string]int{}
	for i, d := range all {
		if j, ok := best[d.Term]; !ok || rank(d) < rank(all[j]) {
			best[d.Term] = i
		}
	}
	var out []defn
	for i, d := range all {
		if best[d.Term] == i {
			out = append(out, d)
		}
	}
	return out
}

// reCrossRef is a definition that only points elsewhere.
var reCrossRef = regexp.MustCompile(`^(?:has|shall\s+have|have)\s+the\s+meaning\s+(?:given|set\s+out|set\s+forth|ascribed|assigned)`)

// quoteLen is the length of the closing quote at the start of b, 0 when
// there is none.
func quoteLen(b []byte) int {
	switch {
	case len(b) > 0 && (b[0] == '"' || b[0] == '\''):
		return 1
	case bytes.HasPrefix(b, []byte("”")), bytes.HasPrefix(b, []byte("’")):
		return 3
	}
	return 0
}

func isQuoteOrSpace(c byte) bool {
	return c == '"' || c == '\'' || c == ' ' || c == '\n' || c == '\t' || c == '\r' ||
		c == 0x9c || c == 0x80 || c == 0xe2 // the bytes of “ and ‘
}

// startsUnit reports whether the quoted term at i (its first letter)
// opens a paragraph or a sentence: only then does it end the definition
// before it.
func startsUnit(text []byte, i int) bool {
	j := i
	for j > 0 && isQuoteOrSpace(text[j-1]) && text[j-1] != '\n' {
		j--
	}
	if j == 0 || text[j-1] == '\n' {
		return true
	}
	return text[j-1] == '.' || text[j-1] == ';' || text[j-1] == ':'
}

// sentenceStart finds where the sentence holding i begins, not before lo.
func sentenceStart(text []byte, lo, i int) int {
	for j := i - 1; j > lo; j-- {
		switch text[j] {
		case '\n':
			if j > lo && text[j-1] == '\n' {
				return j + 1
			}
		case '.', ';', ':':
			if j+1 < len(text) && (text[j+1] == ' ' || text[j+1] == '\n') && !abbrevBefore(text, j) {
				return j + 1
			}
		}
	}
	return lo
}

func trimRight(text []byte, start, end int) int {
	for end > start {
		switch text[end-1] {
		case ' ', '\n', '\t', '\r':
			end--
			continue
		}
		break
	}
	return end
}
