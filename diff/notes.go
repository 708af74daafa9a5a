package diff

import (
	"bytes"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/clausetrack/clausetrack/clauses"
)

// annotate adds the notes counsel care about to every change: modal
// shifts, negation, exclusivity, changed figures, changed definitions
// and cross-references left stale by renumbering.
func annotate(cmp *Comparison, al *aligner) {
	parallel(len(cmp.Changes), func(k int) {
		ch := &cmp.Changes[k]
		if ch.Kind == Added || ch.Kind == Removed || ch.Kind == Unchanged {
			return
		}
		ch.Notes = append(ch.Notes, hunkNotes(ch.Edits)...)
	})
	definitionNotes(cmp)
	staleRefNotes(cmp)
}

// hunk is a run of real edits between two equal runs, with a few words
// of the text around it on each side.
type hunk struct {
	del, ins      string
	before, after string
}

func hunks(edits []Edit) []hunk {
	var out []hunk
	var cur *hunk
	var lastEqual string
	for k, e := range edits {
		if cur != nil && e.Op == Equal && len(strings.TrimSpace(e.Text)) <= 2 && k+1 < len(edits) && edits[k+1].Ignored == "" {
			// ", " between two edits: one hunk ("January 23, 2023").
			cur.del += e.Text
			cur.ins += e.Text
			continue
		}
		if e.Op == Equal || e.Ignored != "" {
			if cur != nil {
				cur.after = nextWords(edits[k:], 3)
				out = append(out, *cur)
				cur = nil
			}
			if e.Op != Insert {
				lastEqual = e.Text
			}
			continue
		}
		if cur == nil {
			cur = &hunk{before: lastWords(lastEqual, 3)}
		}
		if e.Op == Delete {
			cur.del += e.Text
		} else {
			cur.ins += e.Text
		}
	}
	if cur != nil {
		out = append(out, *cur)
	}
	return out
}

// lastWords is the tail of s holding its last n words.
func lastWords(s string, n int) string {
	i := len(s)
	for seen := 0; i > 0; i-- {
		if isSpaceByte(s[i-1]) && i < len(s) && !isSpaceByte(s[i]) {
			seen++
			if seen == n {
				break
			}
		}
	}
	return s[i:]
}

// nextWords is the head of the following equal text holding n words.
func nextWords(edits []Edit, n int) string {
	var sb strings.Builder
	for _, e := range edits {
		if e.Op == Insert {
			continue
		}
		if e.Op == Delete && e.Ignored == "" {
			break
		}
		sb.WriteString(e.Text)
		if sb.Len() > 80 {
			break
		}
	}
	s := sb.String()
	seen := 0
	for i := 0; i < len(s); i++ {
		if i > 0 && isSpaceByte(s[i]) && !isSpaceByte(s[i-1]) {
			seen++
			if seen == n {
				return s[:i]
			}
		}
	}
	return s
}

func isSpaceByte(b byte) bool { return b == ' ' || b == '\n' || b == '\t' || b == '\r' }

var (
	modals    = map[string]bool{"shall": true, "may": true, "must": true, "will": true, "should": true, "can": true, "might": true, "could": true}
	negations = map[string]bool{"not": true, "no": true, "never": true, "neither": true, "nor": true, "cannot": true}
	exclRe    = regexp.MustCompile(`(?i)\b(non[-‐‑– ]?exclusive(?:ly)?|exclusive(?:ly)?|sole(?:ly)?)\b`)
)

// lowerWords lists the words of s in lower case.
func lowerWords(s string) []string {
	var ws []string
	eachToken(s, func(t token) {
		if r, _ := utf8.DecodeRuneInString(t.text); t.text != "" && isWordRune(r) {
			ws = append(ws, strings.ToLower(t.text))
		}
	})
	return ws
}

func firstIn(ws []string, set map[string]bool) string {
	for _, w := range ws {
		if set[w] {
			return w
		}
	}
	return ""
}

// hunkNotes finds the notes in a redline's hunks.
func hunkNotes(edits []Edit) []Note {
	var notes []Note
	seen := map[string]bool{}
	add := func(n Note) {
		key := n.Kind + "\x00" + n.Old + "\x00" + n.New
		if !seen[key] {
			seen[key] = true
			notes = append(notes, n)
		}
	}
	for _, h := range hunks(edits) {
		del, ins := lowerWords(h.del), lowerWords(h.ins)
		before := lowerWords(h.before)
		prevModal := ""
		if len(before) > 0 && modals[before[len(before)-1]] {
			prevModal = before[len(before)-1]
		}
		mo, mn := firstIn(del, modals), firstIn(ins, modals)
		no, nn := firstIn(del, negations), firstIn(ins, negations)
		modalDone := false
		switch {
		case mo != "" && mn != "" && mo != mn && len(del) <= 8 && len(ins) <= 8:
			old, new := mo, mn
			if nn != "" && no == "" {
				new += " " + nn
			}
			if no != "" && nn == "" {
				old += " " + no
			}
			add(Note{Kind: NoteModal, Old: old, New: new, Text: old + " → " + new})
			modalDone = true
		case prevModal != "" && nn != "" && no == "" && len(ins) > 0 && ins[0] == nn:
			add(Note{Kind: NoteModal, Old: prevModal, New: prevModal + " " + nn, Text: prevModal + " → " + prevModal + " " + nn})
			modalDone = true
		case prevModal != "" && no != "" && nn == "" && len(del) > 0 && del[0] == no:
			add(Note{Kind: NoteModal, Old: prevModal + " " + no, New: prevModal, Text: prevModal + " " + no + " → " + prevModal})
			modalDone = true
		}
		if !modalDone {
			switch {
			case nn != "" && no == "":
				add(Note{Kind: NoteNegation, New: nn, Text: "negation added: “" + around(lastWords(h.before, 1)+h.ins+firstWord(h.after), nn) + "”"})
			case no != "" && nn == "":
				add(Note{Kind: NoteNegation, Old: no, Text: "negation removed: “" + around(lastWords(h.before, 1)+h.del+firstWord(h.after), no) + "”"})
			}
		}
		// Exclusivity, looked for with the words around the hunk so that
		// "non-" inserted before "exclusive" is seen.
		changed := strings.ToLower(h.del + h.ins)
		var eo, en string
		if strings.Contains(changed, "excl") || strings.Contains(changed, "sole") || strings.Contains(changed, "non") {
			eo = exclRe.FindString(h.before + h.del + h.after)
			en = exclRe.FindString(h.before + h.ins + h.after)
		}
		if norm := normExcl(eo); norm != normExcl(en) {
			old, new := orDash(eo), orDash(en)
			add(Note{Kind: NoteExclusivity, Old: eo, New: en, Text: "exclusivity: " + old + " → " + new})
		}
		// Figures: amounts, percentages, durations, dates and numbers.
		if len(changed) > maxFigureText || !strings.ContainsAny(changed, "0123456789") && !numWordRe.MatchString(changed) {
			// Figures are looked for in edits of sentence size; a whole
			// clause rewritten shows its figures in the redline itself.
			continue
		}
		fo, fn := subtract(figures(h.before+h.del+h.after), figures(h.before+h.ins+h.after))
		// One note per kind of figure, so an amount is never set against
		// a date.
		for _, kind := range figureKinds {
			old, new := ofKind(fo, kind), ofKind(fn, kind)
			if kind == "number" && (len(old) == 0 || len(new) == 0) {
				// A bare number appearing or going, with nothing to say
				// what it counts, is not worth a note.
				continue
			}
			if len(old) > 0 || len(new) > 0 {
				o, n := strings.Join(old, ", "), strings.Join(new, ", ")
				add(Note{Kind: NoteNumber, Old: o, New: n, Text: orDash(o) + " → " + orDash(n)})
			}
		}
	}
	return notes
}

// maxFigureText bounds the text of one hunk searched for figures: the
// figure pattern is linear but costly, about 2 µs a byte.
const maxFigureText = 8 << 10

// figureKinds are the kinds of figure, in the order notes list them.
var figureKinds = []string{"amount", "percentage", "date", "duration", "number"}

// kindOf says what kind of figure a figure is.
func kindOf(f string) string {
	switch {
	case strings.ContainsAny(f, "$€£") || moneyWordRe.MatchString(f):
		return "amount"
	case strings.HasSuffix(f, "%") || strings.HasSuffix(strings.ToLower(f), "cent"):
		return "percentage"
	case dateRe.MatchString(f):
		return "date"
	case durationRe.MatchString(f):
		return "duration"
	}
	return "number"
}

func ofKind(fs []string, kind string) []string {
	var out []string
	for _, f := range fs {
		if kindOf(f) == kind {
			out = append(out, f)
		}
	}
	return out
}

var (
	moneyWordRe = regexp.MustCompile(`(?i)^(?:USD|EUR|GBP)`)
	dateRe      = regexp.MustCompile(`(?i)[0-9]{4}-[0-9]{2}-[0-9]{2}|` + month + `.*[0-9]{4}`)
	durationRe  = regexp.MustCompile(`(?i)(?:day|week|month|year|hour)s?$`)
)

// firstWord is s up to the end of its first word.
func firstWord(s string) string {
	i := 0
	for i < len(s) && isSpaceByte(s[i]) {
		i++
	}
	for i < len(s) && !isSpaceByte(s[i]) {
		i++
	}
	return s[:i]
}

// around is the word w in s with a word either side.
func around(s, w string) string {
	ws := strings.Fields(s)
	for i, x := range ws {
		if strings.EqualFold(strings.Trim(x, ".,;:()“”\"'"), w) {
			lo, hi := max(0, i-1), min(len(ws), i+2)
			return strings.Trim(strings.Join(ws[lo:hi], " "), ".,;:")
		}
	}
	return w
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func normExcl(s string) string {
	s = strings.ToLower(s)
	switch {
	case s == "":
		return ""
	case strings.HasPrefix(s, "non"):
		return "non-exclusive"
	}
	return "exclusive"
}

// refNum is a clause number as references write it: 7.2(a), IV, 12.
const refNum = `[0-9IVXivx][0-9A-Za-z]*(?:\.[0-9A-Za-z]+)*(?:\([0-9A-Za-z]+\))*`

// figureRe finds the figures a note reports: money, percentages,
// durations, dates, then bare numbers. Clause numbers after "Section"
// and the like are references, not figures, and are removed first.
var (
	refNumRe  = regexp.MustCompile(`(?i)(?:\b(?:sections?|clauses?|articles?|paragraphs?|schedules?|exhibits?|annex(?:es)?|appendix|appendices)\s+|§+\s*)` + refNum + `(?:(?:\s*,\s*|\s+(?:and|or|to|through)\s+)` + refNum + `)*|(?m:^[ \t]*[0-9]+(?:\.[0-9]+)+\.?)`)
	month     = `(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?`
	numWord   = `(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|forty-five|fifty|sixty|ninety|hundred|thousand)`
	numWordRe = regexp.MustCompile(`\b` + numWord + `\b`)
	figureRe  = regexp.MustCompile(`(?i)` +
		`(?:(?:US\$|USD|EUR|GBP|\$|€|£)\s?[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?(?:\s?(?:million|billion|thousand|[mbk]n?)\b)?)` +
		`|(?:[0-9]+(?:\.[0-9]+)?\s?(?:%|per ?cent\b))` +
		`|(?:` + month + `\s+[0-9]{1,2},?\s+[0-9]{4})` +
		`|(?:[0-9]{1,2}\s+` + month + `,?\s+[0-9]{4})` +
		`|(?:[0-9]{4}-[0-9]{2}-[0-9]{2})` +
		`|(?:(?:` + numWord + `(?:[ -]` + numWord + `)*\s+)?(?:\([0-9]+\)|[0-9]+)\s+(?:business\s+|calendar\s+|working\s+)?(?:days?|weeks?|months?|years?|hours?)\b)` +
		`|(?:` + numWord + `(?:[ -]` + numWord + `)*\s+(?:business\s+|calendar\s+|working\s+)?(?:days?|weeks?|months?|years?)\b)` +
		`|(?:[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?)`)
)

func figures(s string) []string {
	s = refNumRe.ReplaceAllString(s, " ")
	var out []string
	for _, f := range figureRe.FindAllString(s, -1) {
		out = append(out, strings.Join(strings.Fields(f), " "))
	}
	return out
}

// subtract removes the figures both sides share.
func subtract(a, b []string) ([]string, []string) {
	count := map[string]int{}
	for _, x := range b {
		count[x]++
	}
	var ra []string
	for _, x := range a {
		if count[x] > 0 {
			count[x]--
			continue
		}
		ra = append(ra, x)
	}
	count = map[string]int{}
	for _, x := range a {
		count[x]++
	}
	var rb []string
	for _, x := range b {
		if count[x] > 0 {
			count[x]--
			continue
		}
		rb = append(rb, x)
	}
	return ra, rb
}

// counterparts maps every old clause that survives to its new clause
// (the first part, for a split), and back.
func counterparts(cmp *Comparison) (fwd, back map[*clauses.Clause]*clauses.Clause, where map[*clauses.Clause]int) {
	fwd, back, where = map[*clauses.Clause]*clauses.Clause{}, map[*clauses.Clause]*clauses.Clause{}, map[*clauses.Clause]int{}
	for k, ch := range cmp.Changes {
		switch ch.Kind {
		case Split:
			fwd[ch.Old] = ch.Parts[0]
			for _, p := range ch.Parts {
				back[p] = ch.Old
				where[p] = k
			}
		case Merged:
			for _, p := range ch.Parts {
				fwd[p] = ch.New
			}
			back[ch.New] = ch.Parts[0]
			where[ch.New] = k
		case Added:
			where[ch.New] = k
		case Removed:
		default:
			fwd[ch.Old], back[ch.New] = ch.New, ch.Old
			where[ch.New] = k
		}
	}
	return
}

// definitionNotes notes every defined term whose definition changed,
// on the change of the clause that defines it, with the clauses of the
// new version that use the term.
func definitionNotes(cmp *Comparison) {
	_, _, where := counterparts(cmp)
	olddef := definitions(cmp.Old)
	newdef := definitions(cmp.New)
	byID := map[string]*clauses.Clause{}
	for _, c := range cmp.New.Clauses() {
		byID[c.ID] = c
	}
	var terms []string
	for t := range newdef {
		if o, ok := olddef[t]; ok && o.text != newdef[t].text && fold(o.text) != fold(newdef[t].text) {
			terms = append(terms, t)
		}
	}
	sort.Strings(terms)
	bodies := cmp.New.Clauses()
	for _, t := range terms {
		def := newdef[t]
		c := byID[def.clause]
		k, ok := where[c]
		if !ok {
			continue
		}
		users := usersOf(cmp.New, bodies, t, c)
		text := "definition of “" + t + "” changed"
		if len(users) > 0 {
			text += "; used in " + listNumbers(users)
		}
		cmp.Changes[k].Notes = append(cmp.Changes[k].Notes, Note{Kind: NoteDefinition, Old: olddef[t].text, New: def.text, Text: text})
	}
}

type definition struct {
	clause string
	text   string // from the term to the end of its paragraph
}

// meansRe is the start of a definition after its quoted term.
var meansRe = regexp.MustCompile(`^["”’']?\s*(?:,\s*)?(?:means|shall mean|has the meaning|shall have the meaning|includes|shall include|refers to)\b`)

func definitions(doc *clauses.Document) map[string]definition {
	out := map[string]definition{}
	bodies := map[string]clauses.Span{}
	for _, c := range doc.Clauses() {
		bodies[c.ID] = c.Body
	}
	for k, t := range doc.Terms {
		if _, dup := out[t.Term]; dup {
			continue
		}
		// The definition runs to the next term defined in the same clause,
		// or to the end of the clause's own text.
		end := bodies[t.Clause].End
		if k+1 < len(doc.Terms) && doc.Terms[k+1].Clause == t.Clause && doc.Terms[k+1].Span.Start < end {
			end = doc.Terms[k+1].Span.Start
			for end > t.Span.End && doc.Text[end-1] != '\n' && doc.Text[end-1] != '.' && doc.Text[end-1] != ';' {
				end--
			}
		}
		if end < t.Span.End {
			continue
		}
		if !meansRe.Match(doc.Text[t.Span.End:end]) {
			continue // defined in passing, "(the “Lab”)": no definition to compare
		}
		out[t.Term] = definition{clause: t.Clause, text: string(doc.Text[t.Span.End:end])}
	}
	return out
}

// fold compares texts as a reader does: quote and dash style and white
// space aside.
func fold(s string) string {
	var sb strings.Builder
	for _, t := range wordTokens(s) {
		if t.key != " " {
			sb.WriteString(t.key)
			sb.WriteByte(' ')
		}
	}
	return sb.String()
}

// usersOf lists the clauses of doc, other than def, whose own text uses
// the term as a whole word, in text order. It scans the text once for
// the term; bodies are the clauses in text order, whose own texts tile
// the document.
func usersOf(doc *clauses.Document, bodies []*clauses.Clause, term string, def *clauses.Clause) []string {
	var out []string
	var last *clauses.Clause
	text := doc.Text
	for off := 0; ; {
		i := bytes.Index(text[off:], []byte(term))
		if i < 0 {
			break
		}
		s, e := off+i, off+i+len(term)
		off = e
		if s > 0 && isWordRune(rune(text[s-1])) || e < len(text) && isWordRune(rune(text[e])) {
			continue
		}
		k := sort.Search(len(bodies), func(k int) bool { return bodies[k].Body.End > s })
		if k == len(bodies) || bodies[k].Body.Start > s {
			continue
		}
		if c := bodies[k]; c != def && c != last {
			out = append(out, clauseName(c))
			last = c
		}
	}
	return out
}

func clauseName(c *clauses.Clause) string {
	if c.Number != "" {
		return c.Number
	}
	return c.ID
}

func listNumbers(ns []string) string {
	const max = 12
	if len(ns) <= max {
		return strings.Join(ns, ", ")
	}
	return strings.Join(ns[:max], ", ") + " and " + itoa(len(ns)-max) + " more"
}

// staleRefNotes notes cross-references that kept their old number
// although the clause they pointed to was renumbered, and references
// whose number now points to a different clause because theirs was
// removed.
func staleRefNotes(cmp *Comparison) {
	fwd, back, where := counterparts(cmp)
	oldByID := map[string]*clauses.Clause{}
	for _, c := range cmp.Old.Clauses() {
		oldByID[c.ID] = c
	}
	newByID := map[string]*clauses.Clause{}
	for _, c := range cmp.New.Clauses() {
		newByID[c.ID] = c
	}
	oldRefs := map[string][]clauses.Ref{} // by the ID of the clause they stand in
	for _, r := range cmp.Old.Refs {
		oldRefs[r.From] = append(oldRefs[r.From], r)
	}
	for _, r := range cmp.New.Refs {
		from := newByID[r.From]
		oc := back[from]
		k, ok := where[from]
		if oc == nil || !ok {
			continue
		}
		for _, or := range oldRefs[oc.ID] {
			if or.Number != r.Number || or.To == "" {
				continue
			}
			ot := oldByID[or.To]
			nt := fwd[ot]
			var text string
			switch {
			case nt != nil && nt.Number != ot.Number && (r.To == "" || newByID[r.To] != nt):
				text = "reference to " + r.Text + " not updated: the clause it referred to"
				if ot.Heading != "" {
					text += " (" + ot.Heading + ")"
				}
				text += " is now " + clauseName(nt)
			case nt == nil && r.To != "":
				text = r.Text + " now refers to a different clause"
				if h := newByID[r.To].Heading; h != "" {
					text += " (" + h + ")"
				}
				text += ": the clause it referred to"
				if ot.Heading != "" {
					text += " (" + ot.Heading + ")"
				}
				text += " was removed"
			default:
				continue
			}
			cmp.Changes[k].Notes = append(cmp.Changes[k].Notes, Note{Kind: NoteStaleRef, Old: clauseName(ot), New: r.Text, Text: text})
			break
		}
	}
}

// refsOnly reports whether every real edit of a redline changes only
// the number in a cross-reference ("Section 6.1" → "Section 6.2"): the
// edits a renumbering brings with it.
func refsOnly(edits []Edit) bool {
	hs := hunks(edits)
	if len(hs) == 0 {
		return false
	}
	for _, h := range hs {
		if !refNumOnly.MatchString(h.del) || !refNumOnly.MatchString(h.ins) || !refBefore.MatchString(h.before) {
			return false
		}
	}
	return true
}

var (
	refNumOnly = regexp.MustCompile(`^\s*(?:` + refNum + `)?\s*$`)
	refBefore  = regexp.MustCompile(`(?i)(?:sections?|clauses?|articles?|paragraphs?|§|and|or|to|,)\s*$`)
)
