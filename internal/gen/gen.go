// Package gen writes deterministic synthetic agreements for benchmarks:
// one version of N clauses and a second version of it with word edits,
// renumbering, moves and a deletion, as a negotiation round produces.
//
// It is test tooling: the diff benchmarks (diff/bench_test.go) and the
// comparison with git (scripts/diffbench) both use it, so they measure the
// same inputs.
package gen

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Options shape a generated pair. The zero value of a field picks the
// default noted on it.
type Options struct {
	// Seed seeds the generator; the same seed and size give the same
	// bytes. Default 1.
	Seed uint64
	// EditRate is the share of body words the second version edits
	// (substitutions mostly, some insertions and deletions). Default 0.02.
	EditRate float64
	// Inserts is the number of sections inserted early in an article, so
	// that the later sections of that article renumber. Default n/400,
	// at least 2.
	Inserts int
	// Moves is the number of sections moved to another article. Default
	// n/500, at least 2.
	Moves int
	// Deletes is the number of sections deleted. Default 1.
	Deletes int
}

// Stats says what a generated pair holds.
type Stats struct {
	Clauses    int // clauses of the first version: articles, sections, items
	Words      int // whitespace-separated words of the first version
	WordEdits  int // words substituted, inserted or deleted
	Inserted   int // sections inserted
	Moved      int // sections moved to another article
	Deleted    int // sections deleted
	Renumbered int // sections and articles whose number changed, moved ones excepted
}

// Pair returns two versions of a generated plain-text agreement of about n
// clauses of some 30 words each.
func Pair(n int, opt Options) (old, new []byte, st Stats) {
	if opt.Seed == 0 {
		opt.Seed = 1
	}
	if opt.EditRate == 0 {
		opt.EditRate = 0.02
	}
	if opt.Inserts == 0 {
		opt.Inserts = max(2, n/400)
	}
	if opt.Moves == 0 {
		opt.Moves = max(2, n/500)
	}
	if opt.Deletes == 0 {
		opt.Deletes = 1
	}
	g := &gen{r: rand.New(rand.NewPCG(opt.Seed, uint64(n)))}
	doc := g.document(n)
	old = doc.render()
	st.Clauses = doc.clauses()
	st.Words = len(strings.Fields(string(old)))
	before := doc.numbers()

	v2 := doc.clone()
	st.WordEdits = g.editWords(v2, opt.EditRate)
	moved := map[int]bool{}
	st.Inserted = g.insertSections(v2, opt.Inserts)
	st.Moved = g.moveSections(v2, opt.Moves, moved)
	st.Deleted = g.deleteSections(v2, opt.Deletes, moved)
	for id, num := range v2.numbers() {
		if b, ok := before[id]; ok && b != num && !moved[id] {
			st.Renumbered++
		}
	}
	return old, v2.render(), st
}

// ClausePair returns one long clause of about words words and a version of
// it with rate of its words edited, for benchmarking a single redline.
func ClausePair(words int, rate float64, seed uint64) (old, new string) {
	g := &gen{r: rand.New(rand.NewPCG(seed, uint64(words)))}
	s := &section{heading: "Long Clause", body: g.prose(words)}
	old = strings.Join(s.body, " ")
	d := &doc{arts: []*article{{secs: []*section{s}}}}
	g.editWords(d, rate)
	return old, strings.Join(s.body, " ")
}

// Prose returns about words words of generated legal prose, for
// benchmarking two unrelated texts. Different seeds give different texts.
func Prose(words int, seed uint64) string {
	g := &gen{r: rand.New(rand.NewPCG(seed, uint64(words)))}
	return strings.Join(g.prose(words), " ")
}

type gen struct {
	r      *rand.Rand
	nextID int
}

type doc struct {
	arts []*article
}

type article struct {
	id      int
	heading string
	secs    []*section
}

type section struct {
	id      int
	heading string
	body    []string // words with their punctuation
	ref     int      // id of the section cited at the end; 0 or -1 for none
	items   [][]string
}

func (g *gen) id() int {
	g.nextID++
	return g.nextID
}

func (g *gen) pick(list []string) string { return list[g.r.IntN(len(list))] }

func (g *gen) document(n int) *doc {
	d := &doc{}
	count := 0
	var all []*section
	for count < n {
		a := &article{id: g.id(), heading: g.pick(articleHeadings)}
		d.arts = append(d.arts, a)
		count++
		nsec := 4 + g.r.IntN(7)
		for k := 0; k < nsec && count < n; k++ {
			s := g.section(a)
			count++
			if g.r.IntN(4) == 0 {
				nitems := 2 + g.r.IntN(3)
				s.items = nil
				for m := 0; m < nitems && count < n; m++ {
					s.items = append(s.items, g.item(m == nitems-1))
					count++
				}
				if len(s.items) > 0 {
					// A section with items introduces them.
					lead := capital(g.pick(subjects))
					s.body = append(g.prose(8+g.r.IntN(8)), append(strings.Fields(lead), g.pick(modals), g.pick(verbs)+":")...)
					s.ref = -1 // no cross-reference after the colon
				}
			}
			a.secs = append(a.secs, s)
			all = append(all, s)
		}
	}
	// Cross-references, rendered with the cited section's current
	// number, so that renumbering updates them as a drafter would.
	for _, s := range all {
		if s.ref == 0 && g.r.IntN(3) == 0 {
			s.ref = all[g.r.IntN(len(all))].id
		}
	}
	return d
}

// section writes a section for article a, with a heading no other
// section of a has (real agreements rarely repeat one within an article).
func (g *gen) section(a *article) *section {
	h := g.pick(sectionHeadings)
	for a.has(h) {
		h = g.pick(sectionHeadings)
	}
	s := &section{id: g.id(), heading: h}
	if g.r.IntN(5) == 0 {
		// A definition.
		term := []string{`"` + g.pick(termAdjs), g.pick(termNouns) + `"`, "means"}
		s.body = append(term, g.prose(16+g.r.IntN(10))...)
		return s
	}
	s.body = g.prose(18 + g.r.IntN(10))
	return s
}

func (g *gen) item(last bool) []string {
	w := g.prose(14 + g.r.IntN(8))
	end := w[len(w)-1]
	end = strings.TrimSuffix(end, ".")
	if last {
		w[len(w)-1] = end + "."
	} else {
		w[len(w)-1] = end + ";"
		if g.r.IntN(3) == 0 {
			w = append(w, "and")
		}
	}
	return w
}

// prose writes sentences until about n words.
func (g *gen) prose(n int) []string {
	var out []string
	for len(out) < n {
		out = append(out, g.sentence()...)
	}
	return out
}

func (g *gen) sentence() []string {
	var parts []string
	if g.r.IntN(3) == 0 {
		parts = append(parts, g.pick(openers)+",")
	}
	parts = append(parts, g.pick(subjects), g.pick(modals), g.pick(verbs), g.pick(objects))
	switch g.r.IntN(4) {
	case 0:
		parts = append(parts, g.pick(timing))
	case 1:
		parts = append(parts, "to", g.pick(subjects))
	}
	if g.r.IntN(2) == 0 {
		parts = append(parts, g.pick(qualifiers))
	}
	if g.r.IntN(3) == 0 {
		parts = append(parts, "in respect of", g.pick(objects))
	}
	words := strings.Fields(strings.Join(parts, " "))
	words[0] = capital(words[0])
	// Numbers make clauses differ the way real ones do.
	for i, w := range words {
		switch w {
		case "N":
			words[i] = fmt.Sprint(5 + g.r.IntN(176))
		case "$N":
			words[i] = fmt.Sprintf("$%d,%03d", 1+g.r.IntN(999), g.r.IntN(1000))
		}
	}
	words[len(words)-1] += "."
	return words
}

// editWords edits about rate of the body words of every section and item:
// seven in ten substituted, the rest inserted or deleted. It returns the
// number of words edited.
func (g *gen) editWords(d *doc, rate float64) int {
	n := 0
	edit := func(ws []string) []string {
		out := make([]string, 0, len(ws)+4)
		for _, w := range ws {
			if g.r.Float64() >= rate || !plain(w) {
				out = append(out, w)
				continue
			}
			n++
			core, punct := split(w)
			switch x := g.r.IntN(20); {
			case x < 14:
				rep := g.pick(substitutes)
				for rep == core {
					rep = g.pick(substitutes)
				}
				out = append(out, rep+punct)
			case x < 17:
				out = append(out, w, g.pick(substitutes))
			default:
				if punct != "" && len(out) > 0 && plain(out[len(out)-1]) {
					// Keep the sentence's end on the word before.
					out[len(out)-1] += punct
				} else if punct != "" {
					out = append(out, w)
				}
			}
		}
		return out
	}
	for _, a := range d.arts {
		for _, s := range a.secs {
			s.body = edit(s.body)
			for k := range s.items {
				s.items[k] = edit(s.items[k])
			}
		}
	}
	return n
}

// insertSections inserts k new sections at the start of k articles of the
// first two thirds, so the rest of each renumbers.
func (g *gen) insertSections(d *doc, k int) int {
	n := 0
	span := max(1, len(d.arts)*2/3)
	used := map[int]bool{}
	for try := 0; n < k && try < 10*k; try++ {
		ai := g.r.IntN(span)
		if used[ai] {
			continue
		}
		used[ai] = true
		a := d.arts[ai]
		at := min(len(a.secs), g.r.IntN(2))
		a.secs = append(a.secs[:at], append([]*section{g.section(a)}, a.secs[at:]...)...)
		n++
	}
	return n
}

// moveSections moves k sections without items to other articles.
func (g *gen) moveSections(d *doc, k int, moved map[int]bool) int {
	n := 0
	for try := 0; n < k && try < 20*k && len(d.arts) > 1; try++ {
		from, to := g.r.IntN(len(d.arts)), g.r.IntN(len(d.arts))
		fa, ta := d.arts[from], d.arts[to]
		if from == to || len(fa.secs) < 3 {
			continue
		}
		si := g.r.IntN(len(fa.secs))
		s := fa.secs[si]
		if moved[s.id] || s.items != nil || ta.has(s.heading) {
			continue
		}
		fa.secs = append(fa.secs[:si], fa.secs[si+1:]...)
		at := g.r.IntN(len(ta.secs) + 1)
		ta.secs = append(ta.secs[:at], append([]*section{s}, ta.secs[at:]...)...)
		moved[s.id] = true
		n++
	}
	return n
}

// deleteSections deletes k sections that were not moved and have no items.
func (g *gen) deleteSections(d *doc, k int, moved map[int]bool) int {
	n := 0
	for try := 0; n < k && try < 20*k; try++ {
		a := d.arts[g.r.IntN(len(d.arts))]
		if len(a.secs) < 3 {
			continue
		}
		si := g.r.IntN(len(a.secs))
		s := a.secs[si]
		if moved[s.id] || s.items != nil {
			continue
		}
		a.secs = append(a.secs[:si], a.secs[si+1:]...)
		n++
	}
	return n
}

// plain reports whether a word may be edited: letters only, with at most
// trailing punctuation (no quotes, numbers or amounts).
func plain(w string) bool {
	core, _ := split(w)
	if core == "" {
		return false
	}
	for _, r := range core {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return true
}

func split(w string) (core, punct string) {
	core = strings.TrimRight(w, ".,;:")
	return core, w[len(core):]
}

func (a *article) has(heading string) bool {
	for _, s := range a.secs {
		if s.heading == heading {
			return true
		}
	}
	return false
}

func capital(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

func (d *doc) clone() *doc {
	c := &doc{}
	for _, a := range d.arts {
		na := *a
		na.secs = nil
		for _, s := range a.secs {
			ns := *s
			ns.body = append([]string(nil), s.body...)
			ns.items = nil
			for _, it := range s.items {
				ns.items = append(ns.items, append([]string(nil), it...))
			}
			na.secs = append(na.secs, &ns)
		}
		c.arts = append(c.arts, &na)
	}
	return c
}

func (d *doc) clauses() int {
	n := 0
	for _, a := range d.arts {
		n++
		for _, s := range a.secs {
			n += 1 + len(s.items)
		}
	}
	return n
}

// numbers maps each article and section id to its number.
func (d *doc) numbers() map[int]string {
	m := map[int]string{}
	for ai, a := range d.arts {
		m[a.id] = fmt.Sprint(ai + 1)
		for si, s := range a.secs {
			m[s.id] = fmt.Sprintf("%d.%d", ai+1, si+1)
		}
	}
	return m
}

func (d *doc) render() []byte {
	num := d.numbers()
	var b strings.Builder
	b.WriteString("MASTER CLOUD SERVICES AND MODEL LICENCE AGREEMENT\n\n")
	wrap(&b, strings.Fields(`This Master Cloud Services and Model Licence Agreement (this "Agreement") is
		entered into as of the Effective Date by and between Alderwood Cloud Services, Inc., a Delaware
		corporation (the "Provider"), and Lumen Ridge AI Labs, LLC, a Delaware limited liability company
		(the "Lab"). The Provider and the Lab are each a "Party" and together the "Parties".`))
	b.WriteString("\nNOW, THEREFORE, the Parties agree as follows:\n\n")
	for ai, a := range d.arts {
		fmt.Fprintf(&b, "%d. %s\n\n", ai+1, a.heading)
		for si, s := range a.secs {
			w := append([]string{fmt.Sprintf("%d.%d", ai+1, si+1), s.heading + "."}, s.body...)
			if s.ref != 0 {
				if r, ok := num[s.ref]; ok {
					w = append(w, "See", "Section", r+".")
				}
			}
			wrap(&b, w)
			b.WriteString("\n")
			for k, it := range s.items {
				wrap(&b, append([]string{fmt.Sprintf("(%c)", 'a'+k)}, it...))
				b.WriteString("\n")
			}
		}
	}
	b.WriteString("IN WITNESS WHEREOF, the Parties have executed this Agreement as of the Effective Date.\n")
	return []byte(b.String())
}

// wrap writes words as a paragraph wrapped at 78 columns.
func wrap(b *strings.Builder, words []string) {
	col := 0
	for i, w := range words {
		switch {
		case i == 0:
		case col+1+len(w) > 78:
			b.WriteByte('\n')
			col = 0
		default:
			b.WriteByte(' ')
			col++
		}
		b.WriteString(w)
		col += len(w)
	}
	b.WriteByte('\n')
}
