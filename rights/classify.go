package rights

import (
	"bytes"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/clausetrack/clausetrack/clauses"
)

// Classify finds the rights, restrictions and deal terms each clause of
// doc carries, by rules over sentences and a lexicon: no model, and the
// same document always gives the same classes. It returns the classes of
// every clause that has any, by clause ID, ordered as Categories lists
// them and then by evidence start; and it sets each clause's Classes to
// the same classes, short form, so the clause tree carries them (clauses
// without any get nil).
//
// The rules favour precision: a clause classifies only on words that
// grant, bind or state the right, never on a heading alone, a definition
// alone, a recital, or a mention that denies the right ("nothing in this
// Agreement grants any exclusive right", "exclusive of VAT").
//
// The holder is the party that benefits, by its preamble alias, or
// Mutual when every party holds the right alike ("each party may ...",
// "neither party shall ..."). Some categories need a convention: for
// cap_on_liability it is the party whose liability is capped; for
// uncapped_liability the party owed the uncapped liability; for
// minimum_commitment, price_restrictions and warranty_duration the
// seller, buyer and buyer, when the clause names no party. A clause
// whose holder cannot be told is not classified.
func Classify(doc *clauses.Document) map[string][]Class {
	out := map[string][]Class{}
	if doc == nil || doc.Root == nil {
		return out
	}
	x := newClassifier(doc)
	for _, c := range doc.Clauses() {
		cls := x.clause(c)
		c.Classes = nil
		if len(cls) == 0 {
			continue
		}
		out[c.ID] = cls
		for _, k := range cls {
			c.Classes = append(c.Classes, clauses.Class{Category: k.Category, Holder: k.Holder, Strength: k.Strength})
		}
	}
	return out
}

// party is one party as sentences name it.
type party struct {
	alias string   // the name Class.Holder uses
	names []string // every way the text writes it, as written and in capitals
}

// classifier holds what Classify learns of a document once: its parties,
// its defined terms and their definitions.
type classifier struct {
	doc     *clauses.Document
	text    []byte
	parties []party
	// termParty maps a defined term that holds a party's name ("Provider
	// Cloud", "Lab Models") to the party: such a term speaks of that
	// party's things.
	termParty map[string]string
	termOrder []string // termParty's keys, longest first
	// terms are the document's defined terms but the parties' own names,
	// longest first.
	terms    []string
	defWords map[string][]string
	defs     []defn
	// defQuotes are where the `"X" means` definitions start, in order.
	defQuotes []int
	partyW    map[string]bool // lower-case words of party names
	order     map[string]int  // a category's place in Categories
	leads     map[*clauses.Clause]*sent
	sents     map[*clauses.Clause][]*sent // each clause's sentences, read once
	leadHits  map[*sent][]hit             // the hits of lead-in sentences
	// exclTerms are the defined terms that name an exclusivity
	// ("Exclusive Services").
	exclTerms []string
}

func newClassifier(doc *clauses.Document) *classifier {
	x := &classifier{doc: doc, text: doc.Text, termParty: map[string]string{}, defWords: map[string][]string{},
		partyW: map[string]bool{}, leads: map[*clauses.Clause]*sent{}, order: map[string]int{}, sents: map[*clauses.Clause][]*sent{}, leadHits: map[*sent][]hit{}}
	for i, k := range Categories {
		x.order[k] = i
	}
	aliases := map[string]bool{}
	for _, p := range doc.Parties {
		q := party{}
		for _, a := range p.Aliases {
			// Markdown emphasis can stay on a name: "**Penhallow**".
			a = strings.Trim(a, "*_ ")
			if a != "" {
				q.names = append(q.names, a)
				aliases[a] = true
			}
		}
		if n := strings.Trim(p.Name, "*_ "); n != "" && !strings.Contains(n, "*") {
			q.names = append(q.names, n)
		}
		if len(q.names) == 0 {
			continue
		}
		q.alias = q.names[0]
		x.parties = append(x.parties, q)
	}
	if len(x.parties) == 0 {
		x.parties = rolesOf(doc)
		for _, p := range x.parties {
			aliases[p.alias] = true
		}
	}
	for i, p := range x.parties {
		// Headings and notices write names in capitals.
		for _, n := range p.names {
			if u := strings.ToUpper(n); u != n && !slices.Contains(p.names, u) {
				x.parties[i].names = append(x.parties[i].names, u)
			}
		}
		// Only the aliases: the words of a company's name ("Alderwood
		// Cloud Services") are also the words of what it does.
		for _, w := range strings.Fields(strings.ToLower(p.alias)) {
			x.partyW[w] = true
		}
	}
	seen := map[string]bool{}
	for _, t := range doc.Terms {
		if seen[t.Term] || aliases[strings.Trim(t.Term, "*_ ")] || t.Term == "Agreement" || t.Term == "Party" || t.Term == "Parties" {
			continue
		}
		seen[t.Term] = true
		x.terms = append(x.terms, t.Term)
		for _, p := range x.parties {
			if hasWord(t.Term, p.alias) {
				x.termParty[t.Term] = p.alias
				x.termOrder = append(x.termOrder, t.Term)
				break
			}
		}
	}
	byLen := func(s []string) {
		sort.SliceStable(s, func(i, j int) bool { return len(s[i]) > len(s[j]) })
	}
	byLen(x.terms)
	byLen(x.termOrder)
	for _, t := range x.terms {
		if strings.Contains(strings.ToLower(t), "exclusiv") {
			x.exclTerms = append(x.exclTerms, t)
		}
	}
	x.defs = findDefinitions(doc)
	for _, d := range x.defs {
		if d.means {
			x.defQuotes = append(x.defQuotes, d.quote)
		}
	}
	sort.Ints(x.defQuotes)
	for _, d := range x.defs {
		if _, ok := x.defWords[d.Term]; !ok {
			x.defWords[d.Term] = x.contentWords(string(x.text[d.Span.Start:d.Span.End]), 40)
		}
	}
	return x
}

// rolesOf finds parties by role words when the preamble named none: the
// role words the agreement defines, or failing that writes capitalised
// at least three times.
func rolesOf(doc *clauses.Document) []party {
	var out []party
	defined := map[string]bool{}
	for _, t := range doc.Terms {
		defined[t.Term] = true
	}
	for _, r := range strings.Fields(roleList) {
		if defined[r] {
			out = append(out, party{alias: r, names: []string{r}})
		}
	}
	if len(out) > 0 {
		return out
	}
	text := string(doc.Text)
	for _, r := range strings.Fields(roleList) {
		if countWord(text, r) >= 3 {
			out = append(out, party{alias: r, names: []string{r}})
		}
	}
	return out
}

// clause classifies one clause's own text.
func (x *classifier) clause(c *clauses.Clause) []Class {
	switch c.Kind {
	case clauses.Preamble, clauses.Recitals, clauses.Signatures, clauses.Root:
		// Recitals say what the parties wish, not what they agree.
		return nil
	}
	var out []Class
	have := map[string]int{} // category+holder -> index in out
	for _, s := range x.sentences(c) {
		if x.inDefinition(s.off) {
			continue
		}
		for _, h := range s.hits() {
			if s.joined && x.leadHas(c, h) {
				// The lead-in alone proves it, and the lead-in's clause
				// carries the class.
				continue
			}
			key := h.cat + "\x00" + h.holder
			if _, dup := have[key]; dup {
				continue
			}
			have[key] = len(out)
			out = append(out, x.class(s, h))
		}
	}
	if len(out) == 0 {
		return nil
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Category != out[j].Category {
			return x.order[out[i].Category] < x.order[out[j].Category]
		}
		return out[i].Evidence.Start < out[j].Evidence.Start
	})
	return out
}

// leadHas reports whether the lead-in of c's list finds h by itself.
func (x *classifier) leadHas(c *clauses.Clause, h hit) bool {
	l := x.lead(c)
	if l == nil {
		return false
	}
	hs, ok := x.leadHits[l]
	if !ok {
		hs = l.hits()
		x.leadHits[l] = hs
	}
	for _, g := range hs {
		if g.cat == h.cat && g.holder == h.holder {
			return true
		}
	}
	return false
}

// inDefinition reports whether a sentence starting at off lies in a
// `"X" means ...` definition: defining a term grants nothing.
func (x *classifier) inDefinition(off int) bool {
	for _, d := range x.defs {
		if d.means && d.quote <= off && off < d.Span.End {
			return true
		}
	}
	return false
}

// sent is one sentence of a clause's own text, with the parties it
// names.
type sent struct {
	x        *classifier
	c        *clauses.Clause
	off, end int // where the sentence starts and ends in the document's text
	// s is the sentence with each run of white space one space (text
	// wraps lines anywhere), and low the same lower-cased byte for byte.
	s, low  string
	ments   []mention
	heading string // the clause's heading, lower case
	// joined says s begins with the lead-in of the list the clause is an
	// item of; the evidence is still the item's own sentence.
	joined bool
	// tri is a filter of the trigrams of low, so that most keyword
	// tests never scan the sentence.
	tri [64]uint64
}

// mention is a place where a sentence names a party: by name or alias,
// by a defined term holding the alias ("Provider Cloud", via), or as
// "each party" and the like (who is Mutual) or "the other party" (who is
// "other").
type mention struct {
	start, end int
	who        string
	via        bool
}

// sentences splits the clause's own text, without its label and heading,
// into sentences.
func (x *classifier) sentences(c *clauses.Clause) []*sent {
	if ss, ok := x.sents[c]; ok {
		return ss
	}
	ss := x.readSentences(c)
	x.sents[c] = ss
	return ss
}

func (x *classifier) readSentences(c *clauses.Clause) []*sent {
	start, end := contentStart(x.text, c), c.Body.End
	heading := strings.ToLower(c.Heading)
	var out []*sent
	spans := splitSentences(x.text, start, end)
	if c.Heading == "" && len(spans) > 1 && looksLikeHeading(x.text[spans[0].Start:spans[0].End]) {
		// "**2.5 Right of first refusal on New Products.**" that the
		// segmenter left in the text: a heading, read as one.
		heading = strings.ToLower(strings.Trim(collapse(x.text[spans[0].Start:spans[0].End]), " .*_:"))
		spans = spans[1:]
	}
	for i, sp := range spans {
		// A sentence that runs into a definition ("In this agreement:
		// "Change of Control" means ...") ends where the definition
		// starts: definitions grant nothing.
		if k := sort.SearchInts(x.defQuotes, sp.Start+1); k < len(x.defQuotes) && x.defQuotes[k] < sp.End {
			sp.End = x.defQuotes[k]
		}
		for sp.End > sp.Start && isSpace(x.text[sp.End-1]) {
			sp.End--
		}
		if sp.End <= sp.Start {
			continue
		}
		lead := ""
		if i == 0 {
			// An item of a list that a lead-in opens ("The Tenant
			// shall: (a) insure ...") is read with its lead-in.
			if l := x.lead(c); l != nil && strings.HasSuffix(l.s, ":") {
				lead = strings.TrimSuffix(l.s, ":")
			}
		}
		s := x.newSent(c, sp.Start, sp.End, lead)
		s.heading = heading
		out = append(out, s)
	}
	return out
}

// newSent reads the sentence at [start, end), after the lead-in of its
// list when there is one.
func (x *classifier) newSent(c *clauses.Clause, start, end int, lead string) *sent {
	text := collapse(x.text[start:end])
	if lead != "" {
		text = lead + " " + text
	}
	s := &sent{x: x, c: c, off: start, end: end, s: text, joined: lead != ""}
	s.low = asciiLower(s.s)
	for i := 0; i+3 <= len(s.low); i++ {
		h := trigram(s.low[i], s.low[i+1], s.low[i+2])
		s.tri[h>>6] |= 1 << (h & 63)
	}
	s.ments = x.mentions(s.s, s.low)
	return s
}

// reVerbWord is a word that makes a line a sentence rather than a
// heading.
var reVerbWord = mustPat(`\b(?:shall|will|may|must|means|is|are|has|have|agrees?|grants?|can|does|do|was|were|be|pay|pays)\b`)

// looksLikeHeading reports whether a clause's first sentence is a
// heading the segmenter did not take apart: a few words, no verb.
func looksLikeHeading(b []byte) bool {
	s := asciiLower(collapse(b))
	n := len(strings.Fields(s))
	return n > 0 && n <= 10 && !reVerbWord.MatchString(s) && strings.HasSuffix(strings.TrimRight(s, "*_ "), ".")
}

// contentStart skips the clause's label and heading: a heading names a
// clause, it does not grant anything.
func contentStart(text []byte, c *clauses.Clause) int {
	start, end := c.Body.Start, c.Body.End
	head := string(text[start:min(end, start+len(c.Label)+len(c.Heading)+60)])
	pos := -1
	if c.Heading != "" {
		if i := strings.Index(head, c.Heading); i >= 0 {
			pos = i + len(c.Heading)
		} else if i := strings.Index(strings.ToLower(head), strings.ToLower(c.Heading)); i >= 0 {
			pos = i + len(c.Heading)
		}
	}
	if pos < 0 && c.Label != "" {
		trimmed := strings.TrimLeft(head, " \t#*")
		if strings.HasPrefix(trimmed, c.Label) {
			pos = len(head) - len(trimmed) + len(c.Label)
		}
	}
	if pos < 0 {
		return start
	}
	p := start + pos
	for p < end && strings.IndexByte(".:-–— \t\r\n*_#)", text[p]) >= 0 {
		p++
	}
	if p < end && strings.HasPrefix(string(text[p:min(end, p+3)]), "—") {
		p += 3
	}
	return p
}

// maxSentence is the longest sentence the rules read, in bytes: four
// times a long sentence of an agreement.
const maxSentence = 2000

// splitSentences cuts [start, end) at full stops, question marks and
// blank lines, not after abbreviations or inside numbers.
func splitSentences(text []byte, start, end int) []clauses.Span {
	var out []clauses.Span
	s := start
	emit := func(e int) {
		for s < e && isSpace(text[s]) {
			s++
		}
		// A run of text with no full stop (a table, a bad extraction) is
		// cut into pieces of at most maxSentence bytes at a semicolon,
		// comma or space, so no sentence costs the rules more than that.
		for e-s > maxSentence {
			cut := s + maxSentence
			for _, sep := range []byte{';', ',', ' '} {
				if k := bytes.LastIndexByte(text[s+maxSentence/2:s+maxSentence], sep); k >= 0 {
					cut = s + maxSentence/2 + k + 1
					break
				}
			}
			for cut < e && !utf8.RuneStart(text[cut]) {
				cut++
			}
			out = append(out, clauses.Span{Start: s, End: cut})
			s = cut
			for s < e && isSpace(text[s]) {
				s++
			}
		}
		f := e
		for f > s && isSpace(text[f-1]) {
			f--
		}
		if f > s {
			out = append(out, clauses.Span{Start: s, End: f})
		}
		s = e
	}
	for i := start; i < end; i++ {
		switch text[i] {
		case '\n':
			j := i + 1
			for j < end && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r') {
				j++
			}
			if j < end && text[j] == '\n' {
				emit(j)
				i = j
			}
		case '.', '?', '!':
			// Closing emphasis, quotes and brackets stay with the
			// sentence they end: "**2.5 Heading.** Text".
			k := i + 1
			for k < end && strings.IndexByte("*_\")", text[k]) >= 0 {
				k++
			}
			if k < end && !isSpace(text[k]) {
				continue
			}
			if text[i] == '.' && abbrevBefore(text, i) {
				continue
			}
			i = k - 1
			j := i + 1
			for j < end && isSpace(text[j]) {
				j++
			}
			if j < end {
				r, _ := utf8.DecodeRune(text[j:end])
				if !(unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune("\"“‘'(", r)) {
					continue
				}
			}
			emit(i + 1)
		}
	}
	emit(end)
	return out
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

// abbrevBefore reports whether the full stop at i ends an abbreviation
// (Inc., Ltd., e.g., U.S., No.) or a single letter, not a sentence.
func abbrevBefore(text []byte, i int) bool {
	j := i
	for j > 0 && (isLetter(text[j-1]) || text[j-1] == '.') {
		j--
	}
	if i-j > 6 {
		return false // longer than any abbreviation below
	}
	var buf [6]byte
	for k := j; k < i; k++ {
		c := text[k]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[k-j] = c
	}
	w := string(buf[:i-j])
	switch w {
	case "inc", "ltd", "co", "corp", "llc", "plc", "no", "nos", "e.g", "i.e", "etc", "u.s", "u.k",
		"st", "mr", "ms", "mrs", "dr", "vs", "sec", "cf", "art", "para", "approx", "jr", "sr", "s.a",
		"n.v", "b.v", "l.p", "p.c", "u.s.a", "viz", "incl", "ave", "min", "max", "pty", "gmbh", "oy":
		return true
	}
	return len(w) == 1
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// collapse turns every run of white space, no-break spaces included,
// into one space.
func collapse(b []byte) string {
	var sb strings.Builder
	sb.Grow(len(b))
	space := false
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c == 0xc2 && i+1 < len(b) && b[i+1] == 0xa0 {
			c = ' '
			i++
		}
		if c == ' ' || c == '\n' || c == '\t' || c == '\r' {
			if !space {
				sb.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		sb.WriteByte(c)
	}
	return sb.String()
}

// asciiLower lower-cases ASCII letters only, so offsets into the result
// are offsets into s.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// mutualMentions finds "each party", "either of the parties", "the
// other party" and the like: who is Mutual, or "other" for the other
// party. It looks back from each "party" or "parties" rather than run a
// pattern over the sentence, which is most of the cost of a sentence.
func mutualMentions(low string) []mention {
	var out []mention
	for i := 0; ; {
		j := strings.Index(low[i:], "part")
		if j < 0 {
			return out
		}
		p := i + j
		i = p + 4
		end := 0
		switch {
		case strings.HasPrefix(low[p:], "party"):
			end = p + 5
		case strings.HasPrefix(low[p:], "parties"):
			end = p + 7
		default:
			continue
		}
		if p > 0 && isWordByte(low[p-1]) || end < len(low) && isWordByte(low[end]) {
			continue
		}
		words := strings.Fields(low[max(0, p-24):p])
		if p-24 > 0 && len(words) > 0 {
			words = words[1:] // maybe cut
		}
		who := Mutual
		k := len(words)
		if k > 0 && words[k-1] == "other" {
			who = "other"
			k--
		}
		if k >= 2 && words[k-1] == "the" && words[k-2] == "of" {
			k -= 2
		}
		if k == 0 {
			continue
		}
		switch words[k-1] {
		case "each", "either", "neither", "both", "any", "a", "all", "the", "no":
		default:
			continue
		}
		start := p
		for n := len(words); n >= k; n-- {
			start = strings.LastIndex(low[:start], words[n-1])
		}
		out = append(out, mention{start: start, end: end, who: who})
	}
}

var reMutualStrict = mustPat(`^(?:each|either|neither|both|no)\b`)

// mentions finds where a sentence names the parties.
func (x *classifier) mentions(s, low string) []mention {
	var out []mention
	taken := func(a, b int) bool {
		for _, m := range out {
			if a < m.end && m.start < b {
				return true
			}
		}
		return false
	}
	for _, t := range x.termOrder {
		for _, i := range wordIndexes(s, t) {
			if !taken(i, i+len(t)) {
				out = append(out, mention{start: i, end: i + len(t), who: x.termParty[t], via: true})
			}
		}
	}
	for _, p := range x.parties {
		for _, n := range p.names {
			for _, i := range wordIndexes(s, n) {
				if !taken(i, i+len(n)) {
					out = append(out, mention{start: i, end: i + len(n), who: p.alias})
				}
			}
		}
	}
	for _, m := range mutualMentions(low) {
		if taken(m.start, m.end) {
			continue
		}
		if len(x.parties) == 0 && !reMutualStrict.MatchString(low[m.start:m.end]) {
			// Without known parties, "a party" or "the parties" may be
			// anyone's; only "each party" and the like say both.
			continue
		}
		out = append(out, m)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].start < out[j].start })
	return out
}

// wordIndexes finds every place w occurs in s as whole words.
func wordIndexes(s, w string) []int {
	var out []int
	if w == "" {
		return nil
	}
	for i := 0; ; {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return out
		}
		a, b := i+j, i+j+len(w)
		if wordEdge(s, a) && wordEdge(s, b) {
			out = append(out, a)
		}
		i = b
	}
}

// wordEdge reports whether i is not inside a word of s: curly quotes and
// apostrophes ("Provider’s") end words like straight ones.
func wordEdge(s string, i int) bool {
	if i == 0 || i == len(s) {
		return true
	}
	before, _ := utf8.DecodeLastRuneInString(s[:i])
	after, _ := utf8.DecodeRuneInString(s[i:])
	inWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' }
	return !inWord(before) || !inWord(after)
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c >= 0x80
}

func hasWord(s, w string) bool { return len(wordIndexes(s, w)) > 0 }

func countWord(s, w string) int { return len(wordIndexes(s, w)) }

// reSubjFollow is what follows a party that is the subject of a clause:
// a verb, perhaps after "and its Affiliates" or a parenthesis.
var reSubjFollow = mustPat(`^(?:['’]s?)?(?:\s+(?:and|or)\s+(?:its|their|each\s+of\s+its)\s+(?:affiliates|subsidiaries|licensees|sub-?licensees|successors))?(?:\s*\([^)]{0,60}\))?(?:\s*,[^,]{1,80},)?\s+(?:hereby|also|shall|will|may|must|agrees?|undertakes?|covenants?|acknowledges?|represents?|warrants?|grants?|appoints?|owns?|is|are|has|have|can|cannot|does|do|pays?|assigns?|licen[cs]es?|irrevocably|expressly|designates?|engages?|retains?|acting)\b`)

// rePrepStrict is a preposition that makes the party after it an
// object: "charged to the Buyer shall be ..." is said of prices.
var rePrepStrict = mustPat(`\b(?:to|from|with|of|by|for|than|against|upon|under|about|regarding|concerning)\s+(?:the\s+)?$`)

var rePrepBefore = mustPat(`\b(?:to|from|with|of|by|for|than|against|in|on|at|upon|under|between|about|regarding|concerning|and|or|other)(?:\s+(?:the|a|an|any|each))?\s*$`)

// subjectAt is the party that is the subject of the words at p: the last
// party before p that a verb follows, else the first that no preposition
// introduces, else the subject of the clause's lead-in ("The Provider
// shall not: (a) ...").
func (s *sent) subjectAt(p int) string {
	who := ""
	for _, m := range s.ments {
		if m.start > p {
			break
		}
		if m.via {
			continue
		}
		if reSubjFollow.MatchString(s.low[m.end:]) && !rePrepStrict.MatchString(s.low[max(0, m.start-12):m.start]) {
			who = m.who
		}
	}
	if who == "" {
		for _, m := range s.ments {
			if m.start > p {
				break
			}
			if !m.via && !rePrepBefore.MatchString(s.low[max(0, m.start-12):m.start]) {
				who = m.who
				break
			}
		}
	}
	if who == "" {
		if l := s.x.lead(s.c); l != nil && l != s {
			who = l.subjectAt(len(l.low))
		}
	}
	if who == "other" {
		return ""
	}
	return who
}

// lead is the last sentence of the parent's own text when the clause is
// an item of the list it introduces.
func (x *classifier) lead(c *clauses.Clause) *sent {
	p := c.Parent
	if p == nil || p.Kind == clauses.Root {
		return nil
	}
	if l, ok := x.leads[p]; ok {
		return l
	}
	var l *sent
	if ss := x.sentences(p); len(ss) > 0 {
		l = ss[len(ss)-1]
	}
	x.leads[p] = l
	return l
}

// objectAfter is the first party named at or after p; via says whether a
// defined term holding a party's name counts.
func (s *sent) objectAfter(p int, via bool) string {
	for _, m := range s.ments {
		if m.end <= p || (m.via && !via) {
			continue
		}
		if m.who == "other" {
			return ""
		}
		return m.who
	}
	return ""
}

// mentionAt is the party named right at p (after an optional "the").
func (s *sent) mentionAt(p int) (mention, bool) {
	for _, m := range s.ments {
		if m.start >= p && m.start <= p+5 && strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s.low[p:m.start]), "the")) == "" {
			return m, true
		}
	}
	return mention{}, false
}

// other is the other party of a two-party agreement; Mutual stays
// Mutual.
func (s *sent) other(who string) string {
	if who == Mutual {
		return Mutual
	}
	if who == "" || len(s.x.parties) != 2 {
		return ""
	}
	for _, p := range s.x.parties {
		if p.alias != who {
			return p.alias
		}
	}
	return ""
}

// hit is one class a rule found in a sentence, before its details are
// read.
type hit struct {
	cat, holder, counter, strength string
	at                             int // offset in the sentence of the words that prove it
	scope                          string
	weak                           bool
}

// class fills in the details of a hit from its sentence.
func (x *classifier) class(s *sent, h hit) Class {
	k := Class{Category: h.cat, Holder: h.holder, Counterparty: h.counter, Strength: h.strength,
		Scope: strings.TrimSpace(h.scope), Confidence: Strong,
		Evidence: clauses.Span{Start: s.off, End: s.end}}
	if h.weak {
		k.Confidence = Weak
	}
	if k.Counterparty == k.Holder || k.Holder == Mutual {
		k.Counterparty = ""
	}
	k.Words = x.scopeWords(k.Scope)
	k.Uses = x.uses(s.s)
	k.Term, k.End = termOf(s.s)
	k.Amounts = amounts(s.s)
	k.CarveOuts = carveOuts(s)
	return k
}

// scopeWords are the content words of a scope and of the definitions of
// the defined terms it uses.
func (x *classifier) scopeWords(scope string) []string {
	set := map[string]bool{}
	for _, w := range x.contentWords(scope, 0) {
		set[w] = true
	}
	for _, t := range x.terms {
		if hasWord(scope, t) {
			for _, w := range x.defWords[t] {
				set[w] = true
			}
		}
	}
	out := make([]string, 0, len(set))
	for w := range set {
		out = append(out, w)
	}
	sort.Strings(out)
	if len(out) == 0 {
		return nil
	}
	return out
}

// contentWords are the lower-case words of s but stop words, party names
// and figures, in order, unique; at most limit of them when limit > 0.
func (x *classifier) contentWords(s string, limit int) []string {
	var out []string
	seen := map[string]bool{}
	for _, f := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-')
	}) {
		f = strings.Trim(f, "-")
		if len(f) < 2 || isStop(f) || x.partyW[f] || seen[f] || !hasLetter(f) {
			continue
		}
		seen[f] = true
		out = append(out, f)
		if limit > 0 && len(out) == limit {
			break
		}
	}
	return out
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// uses lists the defined terms a sentence uses, in the order it uses
// them first.
func (x *classifier) uses(s string) []string {
	type at struct {
		t string
		i int
	}
	var found []at
	var taken []clauses.Span
	for _, t := range x.terms { // longest first, so "API Revenue" wins over "API"
		for _, i := range wordIndexes(s, t) {
			overlap := false
			for _, sp := range taken {
				if i < sp.End && sp.Start < i+len(t) {
					overlap = true
				}
			}
			if !overlap {
				taken = append(taken, clauses.Span{Start: i, End: i + len(t)})
				found = append(found, at{t, i})
				break
			}
		}
	}
	sort.Slice(found, func(i, j int) bool { return found[i].i < found[j].i })
	var out []string
	for _, f := range found {
		out = append(out, f.t)
	}
	return out
}
