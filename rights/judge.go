package rights

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/clausetrack/clausetrack/diff"
)

// rank orders the strengths that outrank one another; strengths not
// listed do not compare.
var rank = map[string]int{Exclusive: 4, Sole: 4, FirstRefusal: 3, FirstNegotiation: 2, NonExclusive: 1}

// lessIsMore lists, by category, the kinds of figure ("%", "money",
// "days") the holder is better off with smaller: a capped party with a
// lower cap, a party that may terminate at will with a shorter notice.
var lessIsMore = map[string]map[string]bool{
	"cap_on_liability":            {"%": true, "money": true, "days": true, "times": true}, // fees of 24 months cap higher than 12
	"termination_for_convenience": {"days": true},
}

// judge decides the status of a right present in two consecutive
// versions, from the signals that decide rights: its strength, its end
// date, its figures (percentages, money, durations), its carve-outs and
// the definitions it relies on. Anything else, rewording, renumbering,
// moving, a typo, is the same substance: kept. The first signal in that
// order decides; the detail names every signal found.
func judge(old, new *instance) (status, detail string, redline []diff.Edit) {
	var signals []signal
	var notes []string
	add := func(st, what string) { signals = append(signals, signal{st, what}) }

	os, ns := old.classes[0].Strength, new.classes[0].Strength
	switch {
	case old.category != new.category:
		ro, rn := rank[strengthOf(old)], rank[strengthOf(new)]
		what := words(old.category) + " → " + words(new.category)
		if rn < ro {
			add(Narrowed, what)
		} else {
			add(Broadened, what)
		}
	case os == Perpetual && ns != Perpetual:
		add(GivenUp, "no longer perpetual or irrevocable")
	case rank[os] > 0 && rank[ns] > 0 && rank[os] != rank[ns]:
		what := words(os) + " → " + words(ns)
		switch {
		case rank[ns] > rank[os]:
			add(Broadened, what)
		case ns == NonExclusive && old.category == "exclusivity":
			add(GivenUp, what)
		default:
			add(Narrowed, what)
		}
	case os == Prohibited && (ns == Restricted || ns == Permitted):
		add(Narrowed, words(os)+" → "+words(ns))
	case (os == Restricted || os == Permitted) && ns == Prohibited:
		add(Broadened, words(os)+" → "+words(ns))
	case os == Capped && ns == Uncapped:
		add(GivenUp, "no longer capped")
	case os == Uncapped && ns == Capped:
		add(GivenUp, "now capped")
	}

	if presenceOnly[old.category] {
		// Whether the licence is perpetual or may be transferred is all
		// these rights say; the licence's own terms are license_grant's.
		return finish(signals, old, new)
	}
	if perpetual(old) && !perpetual(new) && os != Perpetual {
		add(Narrowed, "no longer perpetual or irrevocable")
	}

	if termsOnly[old.category] {
		// The law chosen is what the clause says; its wording about
		// conflict rules is not a right that narrows or widens.
		if jaccard(old.words, new.words) == 0 && len(old.words) > 0 && len(new.words) > 0 {
			notes = append(notes, old.scope()+" → "+new.scope())
		}
		return finish(signals, old, new, notes...)
	}

	oe, ne := old.end(), new.end()
	switch {
	case oe != "" && ne != "" && ne > oe:
		add(Broadened, "ends "+oe+" → "+ne)
	case oe != "" && ne != "" && ne < oe:
		add(Narrowed, "ends "+oe+" → "+ne)
	}

	for _, unit := range []string{"%", "money", "days", "times", "distance"} {
		a, b, ok := changedFigure(old, new, unit)
		if !ok {
			continue
		}
		more := b.value > a.value
		if lessIsMore[old.category][unit] {
			more = !more
		}
		what := a.text + " → " + b.text
		if more {
			add(Broadened, what)
		} else {
			add(Narrowed, what)
		}
	}

	oldEv, newEv := evidence(old.doc, old.classes[0]), evidence(new.doc, new.classes[0])
	if o, n := limiters(oldEv), limiters(newEv); n > o {
		add(Narrowed, "limit added: "+lastLimiter(newEv))
	}
	switch o, n := placeRE.FindString(oldEv), placeRE.FindString(newEv); {
	case o == "" && n != "":
		add(Narrowed, "now limited to a place: "+n)
	case o != "" && n == "":
		add(Broadened, "no longer limited to a place: "+o)
	}

	// A carve-out added while another goes is a rewrite of the
	// exceptions, which a reader must weigh: named, not decided.
	added, removed := carveOutChanges(old.carveOuts(), new.carveOuts())
	rewritten := len(added) > 0 && len(removed) > 0
	removed = stillThere(removed, new)
	switch {
	case rewritten:
		notes = append(notes, "exceptions rewritten: "+strings.Join(removed, "; ")+" → "+strings.Join(added, "; "))
	case len(added) > 0:
		for _, c := range added {
			add(Narrowed, "carve-out added: "+c)
		}
	case len(removed) > 0:
		for _, c := range removed {
			add(Broadened, "carve-out removed: "+c)
		}
	}

	for _, d := range definitionChanges(old, new) {
		if d.status == "" {
			notes = append(notes, d.what)
		} else {
			add(d.status, d.what)
		}
	}
	return finish(signals, old, new, notes...)
}

// finish turns the signals found into a status, a detail and the
// redline of the evidence: no signal is kept; else the first decides.
func finish(signals []signal, old, new *instance, notes ...string) (status, detail string, redline []diff.Edit) {
	redline = diff.Words(evidence(old.doc, old.classes[0]), evidence(new.doc, new.classes[0]), diff.ByWord)
	if len(signals) == 0 {
		return Kept, strings.Join(append([]string{keptDetail(old, new)}, notes...), "; "), redline
	}
	var parts []string
	for _, s := range signals {
		parts = append(parts, s.what)
	}
	return signals[0].status, strings.Join(append(parts, notes...), "; "), redline
}

// termsOnly are the categories whose clause states a term of the deal:
// only a change of what it names is news, and it narrows nothing.
var termsOnly = map[string]bool{"governing_law": true}

// limiterRE finds the words that put a limit on how often or how much a
// right may be used: "no more than once in any 12 months", "up to".
var limiterRE = regexp.MustCompile(`(?i)\b(?:(?:no|not) more (?:than|often than) once|once (?:in|per|every|each|a)\b|at most|limited to|up to a maximum)`)

func limiters(text string) int { return len(limiterRE.FindAllStringIndex(text, -1)) }

func lastLimiter(text string) string {
	m := limiterRE.FindAllStringIndex(text, -1)
	if len(m) == 0 {
		return ""
	}
	start, end := m[len(m)-1][0], min(len(text), m[len(m)-1][1]+40)
	if i := strings.LastIndexAny(text[:end], " ,;."); i > m[len(m)-1][1] {
		end = i
	}
	return text[start:end]
}

// placeRE finds a right confined to a place: "in the Territory",
// "within the European Economic Area".
var placeRE = regexp.MustCompile(`\b(?:in|within|throughout|outside) the (?:[A-Z][\w-]* )*(?:Territory|Area|Region|Country|Countries|State|States|Kingdom|Union)\b`)

var perpetualRE = regexp.MustCompile(`(?i)\b(?:perpetual|irrevocable|in perpetuity)\b`)

// perpetual reports whether a right is granted for ever.
func perpetual(in *instance) bool {
	for _, c := range in.classes {
		if c.Strength == Perpetual || perpetualRE.MatchString(c.Term) {
			return true
		}
	}
	return perpetualRE.MatchString(evidence(in.doc, in.classes[0]))
}

// presenceOnly are the categories whose right is a single quality of
// another right: only their presence and strength decide.
var presenceOnly = map[string]bool{"non_transferable_license": true, "perpetual_license": true}

type signal struct{ status, what string }

func strengthOf(in *instance) string {
	s := in.classes[0].Strength
	if rank[s] > 0 {
		return s
	}
	switch in.category {
	case "right_of_first_refusal":
		return FirstRefusal
	case "right_of_first_negotiation":
		return FirstNegotiation
	case "exclusivity":
		return Exclusive
	}
	return s
}

// keptDetail says why a right is the same: where it went, whether its
// words changed.
func keptDetail(old, new *instance) string {
	o, n := old.numbers(), new.numbers()
	var parts []string
	if join(o) != join(n) {
		parts = append(parts, "now "+join(n)+" (was "+join(o)+")")
	}
	if evidence(old.doc, old.classes[0]) != evidence(new.doc, new.classes[0]) {
		parts = append(parts, "reworded, same substance")
	}
	if len(parts) == 0 {
		return "unchanged"
	}
	return strings.Join(parts, "; ")
}

func words(s string) string { return strings.ReplaceAll(s, "_", " ") }

// figure is one amount: a percentage, a sum of money or a duration in
// days.
type figure struct {
	text     string
	value    float64
	currency string
}

var (
	percentRE  = regexp.MustCompile(`^([0-9][0-9,]*(?:\.[0-9]+)?)\s*%$`)
	moneyRE    = regexp.MustCompile(`^([^0-9\s]*)\s*([0-9][0-9,]*(?:\.[0-9]+)?)\s*(million|billion|thousand)?\s*([A-Za-z$€£¥]*)$`)
	durationRE = regexp.MustCompile(`(?i)^([0-9][0-9,]*)\s*(business days?|days?|weeks?|months?|years?)$`)
)

// changedFigure finds the first figure of a kind that differs between
// two versions of a right, pairing the figures in order when both state
// as many, else the first of each. A multiple ("twice the fees") missing
// on one side counts as one.
func changedFigure(old, new *instance, unit string) (a, b figure, ok bool) {
	switch unit {
	case "times":
		a, b = multiple(evidence(old.doc, old.classes[0])), multiple(evidence(new.doc, new.classes[0]))
		return a, b, a.value != b.value
	case "distance":
		var okA, okB bool
		a, okA = distance(evidence(old.doc, old.classes[0]))
		b, okB = distance(evidence(new.doc, new.classes[0]))
		return a, b, okA && okB && a.value != b.value
	}
	fa, fb := figures(old.amounts(), unit), figures(new.amounts(), unit)
	if len(fa) == 0 || len(fb) == 0 {
		return a, b, false
	}
	// A renewal clause's first duration is the renewal period; the
	// others are usually its notice, which notice_period follows.
	if len(fa) != len(fb) {
		// The clause was split or merged, or a figure added: when a
		// figure stayed, the others moved rather than changed.
		for _, x := range fa {
			for _, y := range fb {
				if x.value == y.value && x.currency == y.currency {
					return a, b, false
				}
			}
		}
	}
	if len(fa) != len(fb) || old.category == "renewal_term" {
		fa, fb = fa[:1], fb[:1]
	}
	for i := range fa {
		if fa[i].value != fb[i].value && fa[i].currency == fb[i].currency {
			return fa[i], fb[i], true
		}
	}
	return a, b, false
}

var multipleRE = regexp.MustCompile(`(?i)\b(twice|double|two times|three times|four times|five times|([0-9]+(?:\.[0-9]+)?)\s*(?:x|times))\b`)

// multiple finds a multiplier in a right's words: "twice the fees" is 2;
// none is 1.
func multiple(text string) figure {
	m := multipleRE.FindStringSubmatch(text)
	if m == nil {
		return figure{text: "once", value: 1}
	}
	v := map[string]float64{"twice": 2, "double": 2, "two times": 2, "three times": 3, "four times": 4, "five times": 5}[strings.ToLower(m[1])]
	if m[2] != "" {
		v = number(m[2])
	}
	return figure{text: m[1], value: v}
}

var distanceRE = regexp.MustCompile(`(?i)\b([0-9]+(?:\.[0-9]+)?)\)?[\s-]*(miles?|kilomet(?:re|er)s?|km)\b`)

// distance finds a distance in a right's words ("a three (3) mile
// radius"), in kilometres.
func distance(text string) (figure, bool) {
	m := distanceRE.FindStringSubmatch(text)
	if m == nil {
		return figure{}, false
	}
	v := number(m[1])
	if strings.HasPrefix(strings.ToLower(m[2]), "mile") {
		v *= 1.609
	}
	return figure{text: m[1] + " " + m[2], value: v}, true
}

func figures(amounts []string, unit string) []figure {
	var out []figure
	for _, a := range amounts {
		if f, ok := firstFigure([]string{a}, unit); ok {
			out = append(out, f)
		}
	}
	return out
}

// firstFigure returns the first amount of a kind: "%" percentages,
// "money" sums, "days" durations.
func firstFigure(amounts []string, unit string) (figure, bool) {
	for _, a := range amounts {
		a = strings.TrimSpace(a)
		switch unit {
		case "%":
			if m := percentRE.FindStringSubmatch(a); m != nil {
				return figure{text: a, value: number(m[1])}, true
			}
		case "days":
			if m := durationRE.FindStringSubmatch(a); m != nil {
				n := number(m[1])
				u := strings.ToLower(m[2])
				switch {
				case strings.HasPrefix(u, "week"):
					n *= 7
				case strings.HasPrefix(u, "month"):
					n *= 30
				case strings.HasPrefix(u, "year"):
					n *= 365
				}
				return figure{text: a, value: n}, true
			}
		case "money":
			if strings.HasSuffix(a, "%") || durationRE.MatchString(a) {
				continue
			}
			m := moneyRE.FindStringSubmatch(a)
			if m == nil || m[1] == "" && m[4] == "" {
				continue
			}
			n := number(m[2])
			switch strings.ToLower(m[3]) {
			case "thousand":
				n *= 1e3
			case "million":
				n *= 1e6
			case "billion":
				n *= 1e9
			}
			return figure{text: a, value: n, currency: m[1] + m[4]}, true
		}
	}
	return figure{}, false
}

func number(s string) float64 {
	f, _ := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
	return f
}

// filler are words a carve-out is written with that do not say what it
// carves out: rewording "except as set out in Section 4.3" as "save as
// provided in Clause 5.3" is the same carve-out.
var filler = set(strings.Fields(`a an and any as at be by for from herein hereof hereunder in is it
its of on or otherwise such that the then this to under unless with without except excluding save
provided however other than subject set forth out described above below section sections clause
clauses article articles paragraph agreement shall may will not no`))

// carveOuts compares two versions' carve-outs by their content words: a
// carve-out of the new version whose words are mostly absent from the old
// ones is added, and the other way round removed.
func carveOutChanges(old, new []string) (added, removed []string) {
	oldWords, newWords := contentWords(old), contentWords(new)
	for _, c := range new {
		if isNewCarveOut(c, oldWords) {
			added = append(added, c)
		}
	}
	for _, c := range old {
		if isNewCarveOut(c, newWords) {
			removed = append(removed, c)
		}
	}
	return added, removed
}

// stillThere drops the carve-outs that a part of the new clause still
// states: a clause split in two keeps its exceptions in the part that
// does not carry the right.
func stillThere(removed []string, new *instance) []string {
	if len(removed) == 0 {
		return nil
	}
	var parts []string
	for id, l := range new.lineage {
		if new.lineages[l] {
			for _, c := range new.doc.Clauses() {
				if c.ID == id {
					parts = append(parts, string(new.doc.Text[c.Body.Start:c.Body.End]))
				}
			}
		}
	}
	words := contentWords(parts)
	var out []string
	for _, c := range removed {
		if isNewCarveOut(c, words) {
			out = append(out, c)
		}
	}
	return out
}

func isNewCarveOut(c string, others map[string]bool) bool {
	ws := contentWords([]string{c})
	if len(ws) == 0 {
		return false
	}
	in := 0
	for w := range ws {
		if others[w] {
			in++
		}
	}
	return float64(in) < 0.5*float64(len(ws))
}

var wordRE = regexp.MustCompile(`[\p{L}\p{N}]+(?:['’][\p{L}]+)?`)

func contentWords(texts []string) map[string]bool {
	out := map[string]bool{}
	for _, t := range texts {
		for _, w := range wordRE.FindAllString(strings.ToLower(t), -1) {
			if filler[w] || isNumberish(w) {
				continue
			}
			out[w] = true
		}
	}
	return out
}

func isNumberish(w string) bool {
	for _, r := range w {
		if r < '0' || r > '9' {
			return len(w) <= 2 && strings.ContainsAny(w, "0123456789") // 4a, 2b
		}
	}
	return true
}

type defChange struct{ status, what string }

var (
	numberRE = regexp.MustCompile(`[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)*`)
	// dateRE is a date, whose numbers are not figures either.
	dateRE = regexp.MustCompile(`(?i)\b(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+[0-9]{1,2}(?:st|nd|rd|th)?(?:,?\s+[0-9]{4})?|[0-9]{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?:,?\s+[0-9]{4})?|[0-9]{1,4}[-/.][0-9]{1,2}[-/.][0-9]{1,4})\b`)
	// refRE is a cross-reference, whose numbers are not figures.
	refRE = regexp.MustCompile(`(?i)\b(?:sections?|clauses?|articles?|paragraphs?|schedules?|exhibits?|annex(?:es)?|appendix|parts?)\s+[0-9A-Z][0-9A-Za-z.()]*(?:\s*(?:,|and|or|to|through)\s*[0-9][0-9A-Za-z.()]*)*`)
)

// numbersIn lists the figures of a text, in order, as written: not the
// numbers of cross-references ("Section 11.1") or dates, nor anything
// shaped like a clause number.
func numbersIn(text string) []string {
	text = dateRE.ReplaceAllString(refRE.ReplaceAllString(text, " "), " ")
	var out []string
	for _, m := range numberRE.FindAllString(text, -1) {
		if strings.Count(m, ".") > 1 || strings.Contains(m, ".") && !strings.Contains(m, ",") && len(m) <= 5 {
			continue // 11.1, 4.2.3: a clause number
		}
		if n := number(m); n >= 1900 && n <= 2199 && len(m) == 4 {
			continue // a year: end dates are the rights' own End
		}
		out = append(out, m)
	}
	return out
}

// definitionWords are a definition's words, lower-case, small words
// and figures aside.
func definitionWords(text string) map[string]bool {
	out := map[string]bool{}
	for _, w := range wordRE.FindAllString(strings.ToLower(text), -1) {
		if len(w) > 3 && !isNumberish(w) {
			out[w] = true
		}
	}
	return out
}

// dropTypos removes the pairs of a lost and a gained word one or two
// letters apart: a spelling fixed ("exluding" → "excluding").
func dropTypos(lost, got []string) ([]string, []string) {
	used := map[int]bool{}
	var keepLost []string
	for _, l := range lost {
		found := false
		for j, g := range got {
			if !used[j] && editDistance(l, g) <= 2 {
				used[j], found = true, true
				break
			}
		}
		if !found {
			keepLost = append(keepLost, l)
		}
	}
	var keepGot []string
	for j, g := range got {
		if !used[j] {
			keepGot = append(keepGot, g)
		}
	}
	return keepLost, keepGot
}

// editDistance is the Levenshtein distance of two short words.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

// definitionChanges compares the definitions of the defined terms a
// right uses in both versions; a change that decides nothing has an
// empty status.
func definitionChanges(old, new *instance) []defChange {
	oldDefs, newDefs := old.defs, new.defs
	var out []defChange
	for _, term := range old.uses() {
		o, okO := oldDefs[term]
		n, okN := newDefs[term]
		if !okO || !okN || o == n {
			continue
		}
		if fo, fn := numbersIn(o), numbersIn(n); len(fo) == len(fn) && len(fo) > 0 {
			// The same figures but one: a radius, a number of products.
			diffs, at := 0, 0
			for i := range fo {
				if number(fo[i]) != number(fn[i]) {
					diffs, at = diffs+1, i
				}
			}
			if diffs == 1 {
				st := Broadened
				if number(fn[at]) < number(fo[at]) {
					st = Narrowed
				}
				out = append(out, defChange{st, fmt.Sprintf("definition of %s: %s → %s", term, fo[at], fn[at])})
				continue
			}
		}
		ow, nw := definitionWords(o), definitionWords(n)
		var lost, got []string
		for w := range ow {
			if !nw[w] {
				lost = append(lost, w)
			}
		}
		for w := range nw {
			if !ow[w] {
				got = append(got, w)
			}
		}
		lost, got = dropTypos(lost, got)
		// Words lost and none gained is a definition cut down: the
		// right narrows. Words gained, alone or with others lost, is as
		// often a rewording as a wider right: named, not decided.
		switch {
		case len(lost) > 0 && len(got) == 0:
			out = append(out, defChange{Narrowed, "definition of " + term + " narrowed"})
		case len(got) > 0 || len(lost) > 0:
			out = append(out, defChange{"", "definition of " + term + " changed"})
		}
	}
	return out
}
