package rights

import (
	"math"
	"sort"
	"strings"

	"github.com/clausetrack/clausetrack/clauses"
)

// restrictive are the categories that limit what a party may do with
// others: the rights a conflict check looks for in another agreement.
var restrictive = map[string]bool{
	"exclusivity": true, "non_compete": true, "non_solicit": true,
	"right_of_first_refusal": true, "right_of_first_negotiation": true,
	"most_favored_nation": true, "price_restrictions": true, "non_disparagement": true,
}

// Conflict is one right in force in an agreement's latest version and
// the clauses of another agreement that fall within its scope.
type Conflict struct {
	Right Right
	// Clauses hold the right in the latest version.
	Clauses    []string
	Candidates []Candidate
}

// Candidate is a clause of the other agreement whose words fall within
// a right's scope.
type Candidate struct {
	Clause, Heading string
	// Level is high, medium or low: how much of the right's vocabulary
	// the clause shares, against the best clause found for that right.
	Level string
	Score float64
	// Words are the right's words the clause uses, as the clause writes
	// them, in the clause's order.
	Words []string
}

// maxCandidates bounds the clauses listed for one right.
const maxCandidates = 8

// Conflicts checks the rights of l that are restrictions and are in force
// in its latest version (every right with a playbook name counts too)
// against other, the latest version of another agreement: each clause of
// other that shares enough of a right's vocabulary is a candidate, the
// rare shared words weighing most.
func Conflicts(l *Ledger, other *clauses.Document) []Conflict {
	if len(l.Versions) == 0 {
		return nil
	}
	last := len(l.Versions) - 1
	idx := newVocabulary(other)
	var out []Conflict
	for _, r := range l.Rights {
		p := r.Timeline[last]
		if !p.Present || !restrictive[p.Category] && r.Name == "" {
			continue
		}
		core := map[string]bool{}
		for _, w := range p.Words {
			if s := canon(w); !generic[s] {
				core[s] = true
			}
		}
		terms := map[string]bool{}
		for s := range core {
			terms[s] = true
		}
		// The clauses' whole text: a term the right relies on may be
		// defined in the same clause ("'New Capacity' means ...").
		var texts []string
		for _, c := range p.in.clauses {
			texts = append(texts, string(p.in.doc.Text[c.Body.Start:c.Body.End]))
		}
		for _, u := range p.in.uses() {
			if d, ok := p.in.defs[u]; ok && !isParty(u, p.parties) {
				texts = append(texts, d)
			}
		}
		for w := range contentWords(texts) {
			if s := canon(w); !generic[s] {
				terms[s] = true
			}
		}
		for _, party := range p.parties {
			delete(terms, canon(party))
			delete(core, canon(party))
		}
		c := Conflict{Right: r, Clauses: p.Clauses}
		best := 0.0
		for _, cl := range idx.clauses {
			var score float64
			shared, coreHit := 0, false
			for s := range cl.stems {
				if terms[s] {
					score += idx.weight(s)
					shared++
					coreHit = coreHit || core[s]
				}
			}
			if shared < 3 || !coreHit {
				continue
			}
			c.Candidates = append(c.Candidates, Candidate{Clause: cl.name, Heading: cl.heading,
				Score: math.Round(score*100) / 100, Words: cl.written(terms)})
			best = math.Max(best, score)
		}
		sort.SliceStable(c.Candidates, func(i, j int) bool { return c.Candidates[i].Score > c.Candidates[j].Score })
		if len(c.Candidates) > maxCandidates {
			c.Candidates = c.Candidates[:maxCandidates]
		}
		for i := range c.Candidates {
			switch f := c.Candidates[i].Score / best; {
			case f >= 0.7:
				c.Candidates[i].Level = "high"
			case f >= 0.45:
				c.Candidates[i].Level = "medium"
			default:
				c.Candidates[i].Level = "low"
			}
		}
		out = append(out, c)
	}
	return out
}

// generic are words every agreement uses, which say nothing about a
// right's scope.
var generic = stems(strings.Fields(`agreement agreements party parties shall may will means
including include includes right rights term terms effective date provide provided provides use
used make made any all each other such this that which its their under respect perform
performance obligation obligations purpose purposes reasonable written writing notice notices
period year years month months day days time first part extent set forth accordance without
limitation applicable related relating person entity affiliate affiliates hereunder herein
thereof whether within during following subject except unless through only available
receive receives also must between has have had those these more most less after before where
when what who whom how there into onto upon over same than then once one two three four five six
seven eight nine ten twenty thirty sixty ninety hundred thousand stated`))

// isParty reports whether a defined term names a party.
func isParty(term string, parties []string) bool {
	for _, w := range strings.Fields(strings.ToLower(term)) {
		for _, p := range parties {
			if w == p {
				return true
			}
		}
	}
	return false
}

func stems(words []string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[canon(w)] = true
	}
	return m
}

// synonyms are groups of words agreements use for the same thing when
// they grant or restrict it: a right to serve API access on one cloud
// and another agreement's endpoints hosted on another infrastructure
// speak of the same thing. Each word stands for the group's first.
var synonyms = func() map[string]string {
	groups := [][]string{
		{"host", "serve", "run", "deploy", "install", "operate"},
		{"api", "endpoint", "interface", "programmatic", "programmatically"},
		{"cloud", "infrastructure", "datacentre", "datacenter", "compute", "computing", "server"},
		{"capacity", "accelerator", "gpu", "cluster"},
		{"customer", "client", "user", "subscriber"},
		{"licence", "license", "sublicence", "sublicense"},
		{"exclusive", "exclusively", "sole", "solely"},
		{"supply", "procure", "purchase", "obtain", "acquire", "buy", "lease"},
		{"product", "offering", "service"},
		{"territory", "region"},
		{"compete", "competing", "competitor", "competitive"},
		{"solicit", "recruit", "hire", "employ"},
	}
	m := map[string]string{}
	for _, g := range groups {
		for _, w := range g {
			m[stem(w)] = stem(g[0])
		}
	}
	return m
}()

// canon is a word's stem, or its synonym group's.
func canon(w string) string {
	s := stem(strings.ToLower(w))
	if c, ok := synonyms[s]; ok {
		return c
	}
	return s
}

type vocabulary struct {
	clauses []vocClause
	df      map[string]int
}

type vocClause struct {
	name, heading string
	stems         map[string]bool
	text          string
}

func newVocabulary(doc *clauses.Document) *vocabulary {
	v := &vocabulary{df: map[string]int{}}
	defs := definitionTexts(doc)
	defines := map[string]int{}
	for _, d := range Definitions(doc) {
		defines[d.Clause]++
	}
	for _, c := range doc.Clauses() {
		if defines[c.ID] >= 3 {
			continue // a definitions clause: every word of the agreement
		}
		if c.Kind == clauses.Preamble || c.Kind == clauses.Recitals || c.Kind == clauses.Signatures {
			continue // not operative: they grant and restrict nothing
		}
		body := string(doc.Text[c.Body.Start:c.Body.End])
		if strings.TrimSpace(body) == "" {
			continue
		}
		vc := vocClause{name: clauseName(c), heading: c.Heading, stems: map[string]bool{}, text: body}
		add := func(text string) {
			for _, w := range wordRE.FindAllString(strings.ToLower(text), -1) {
				if s := canon(w); len(s) > 2 && !generic[s] && !filler[w] {
					vc.stems[s] = true
				}
			}
		}
		add(body)
		// A defined term the clause uses brings its definition's words.
		for term, def := range defs {
			if strings.Contains(body, term) {
				add(def)
			}
		}
		for s := range vc.stems {
			v.df[s]++
		}
		v.clauses = append(v.clauses, vc)
	}
	return v
}

// weight is a word's inverse document frequency among the clauses.
func (v *vocabulary) weight(s string) float64 {
	return math.Log(1 + float64(len(v.clauses))/float64(1+v.df[s]))
}

// written returns the words of the clause, as written, whose stems are
// in terms, first occurrence each, in text order; words that come only
// from a definition are given as their stems.
func (c vocClause) written(terms map[string]bool) []string {
	var out []string
	seen := map[string]bool{}
	for _, w := range wordRE.FindAllString(c.text, -1) {
		s := canon(strings.ToLower(w))
		if terms[s] && c.stems[s] && !seen[s] {
			seen[s] = true
			out = append(out, w)
		}
	}
	var rest []string
	for s := range c.stems {
		if terms[s] && !seen[s] {
			rest = append(rest, s)
		}
	}
	sort.Strings(rest)
	return append(out, rest...)
}
