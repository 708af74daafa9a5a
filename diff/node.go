package diff

import (
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/clausetrack/clausetrack/clauses"
)

// node is one clause prepared for alignment.
type node struct {
	c      *clauses.Clause
	idx    int // position in text order on its side
	parent int // index of the parent clause, -1 for the root
	kids   []int
	// text is the clause's own text; labelEnd is where its label ends in
	// it (0 when the label is not written there, as for numbers that exist
	// only in list markup).
	text     string
	labelEnd int
	// content is a 64-bit hash of the text after the label with
	// whitespace, quote and dash variants folded: equal content means an
	// identical clause. It is 0 for a clause with no text after its label.
	content uint64
	// words are the lower-cased words after the label, as sorted ids.
	words []int32
	// heading is the lower-cased heading.
	heading string
}

// side is one version's clauses in text order.
type side struct {
	doc   *clauses.Document
	nodes []*node
	roots []int // indices of top-level clauses
	byPtr map[*clauses.Clause]int
}

// vocab gives words shared ids across both sides.
type vocab map[string]int32

// idBytes is id for a word held in a buffer; it allocates only for a
// word not seen before.
func (v vocab) idBytes(w []byte) int32 {
	if id, ok := v[string(w)]; ok {
		return id
	}
	return v.id(string(w))
}

func (v vocab) id(w string) int32 {
	id, ok := v[w]
	if !ok {
		id = int32(len(v))
		v[w] = id
	}
	return id
}

// newSide prepares one version's clauses. Its word ids are local to the
// side (v is the side's own vocabulary) until unify makes them shared.
func newSide(doc *clauses.Document, v vocab) *side {
	s := &side{doc: doc, byPtr: map[*clauses.Clause]int{}}
	for _, c := range doc.Clauses() {
		n := &node{c: c, idx: len(s.nodes), parent: -1}
		s.byPtr[c] = n.idx
		if p, ok := s.byPtr[c.Parent]; ok {
			n.parent = p
			s.nodes[p].kids = append(s.nodes[p].kids, n.idx)
		} else {
			s.roots = append(s.roots, n.idx)
		}
		n.text = string(doc.Text[c.Body.Start:c.Body.End])
		n.labelEnd = labelEnd(n.text, c.Label)
		n.heading = strings.ToLower(c.Heading)
		n.content, n.words = digest(n.text[n.labelEnd:], v)
		s.nodes = append(s.nodes, n)
	}
	return s
}

// newSides prepares both versions at once, one on each core when there
// are two, and gives their words shared ids. The ids depend only on the
// texts, so the result is the same however the work was scheduled.
func newSides(old, new *clauses.Document) (a, b *side, v vocab) {
	va, vb := vocab{}, vocab{}
	done := make(chan struct{})
	go func() {
		a = newSide(old, va)
		close(done)
	}()
	b = newSide(new, vb)
	<-done
	// Shared ids: a's words keep their ids (a's vocabulary is the start of
	// the shared one), b's are mapped and their bags sorted again.
	v = va
	words := make([]string, len(vb))
	for w, id := range vb {
		words[id] = w
	}
	remap := make([]int32, len(vb))
	for id, w := range words { // in b's first-seen order: deterministic
		remap[id] = v.id(w)
	}
	for _, n := range b.nodes {
		for k, id := range n.words {
			n.words[k] = remap[id]
		}
		slices.Sort(n.words)
	}
	return a, b, v
}

// labelEnd returns the end of a clause's lead-in: YAML front matter,
// Markdown marks and the clause's own label with the emphasis around it
// ("## 4.", "**5.1**"). A redline compares lead-ins apart from the rest
// and counts their differences as noise. Labels that are not written in
// the text (list numbers from markup) give an empty lead-in.
func labelEnd(text, label string) int {
	start := 0
	if strings.HasPrefix(text, "---\n") {
		if k := strings.Index(text[4:], "\n---\n"); k >= 0 {
			start = 4 + k + 5
		}
	}
	if label == "" {
		return start
	}
	head := text[start:]
	if len(head) > 64+len(label) {
		head = head[:64+len(label)]
	}
	i := strings.Index(head, label)
	if i < 0 {
		return start
	}
	for _, r := range head[:i] {
		if !unicode.IsSpace(r) && !strings.ContainsRune(markupMarks, r) {
			return start
		}
	}
	end := start + i + len(label)
	for end < len(text) && (text[end] == '*' || text[end] == '_') {
		end++
	}
	return end
}

// markupMarks are the characters Markdown writes before a heading or an
// emphasised label.
const markupMarks = "#*_>-+|`"

// leadNoise names the noise class of an edit inside the lead-in.
func leadNoise(text string) string {
	if strings.HasPrefix(text, "---\n") || strings.Trim(text, " \t\r\n"+markupMarks) == "" {
		return NoiseMarkup
	}
	return NoiseLabel
}

// digest folds text to a hash of its tokens' keys and its sorted word
// ids, without keeping the tokens.
func digest(text string, v vocab) (uint64, []int32) {
	const offset, prime = 14695981039346656037, 1099511628211
	h := uint64(offset)
	empty := true
	words := make([]int32, 0, len(text)/6+1)
	var lower []byte
	eachToken(text, func(t token) {
		if t.key == " " || t.key == endKey {
			return
		}
		empty = false
		for i := 0; i < len(t.key); i++ {
			h = (h ^ uint64(t.key[i])) * prime
		}
		h = (h ^ 0xff) * prime // a separator no UTF-8 text contains
		r, _ := utf8.DecodeRuneInString(t.text)
		if !isWordRune(r) {
			return
		}
		if !hasUpper(t.key) {
			words = append(words, v.id(t.key))
			return
		}
		lower = append(lower[:0], t.key...)
		if ascii(lower) {
			for i, c := range lower {
				if 'A' <= c && c <= 'Z' {
					lower[i] = c + 'a' - 'A'
				}
			}
			words = append(words, v.idBytes(lower))
			return
		}
		words = append(words, v.id(strings.ToLower(t.key)))
	})
	slices.Sort(words)
	if empty {
		return 0, words
	}
	if h == 0 {
		h = 1
	}
	return h, words
}

func ascii(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// hasUpper reports whether s may change under strings.ToLower.
func hasUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' || c >= 0x80 {
			return true
		}
	}
	return false
}

// weights holds, per word id, how much sharing the word says about two
// clauses being the same: rare words much, "the" and "shall" little (an
// inverse document frequency over the clauses of both versions).
type weights []float64

func newWeights(v vocab, sides ...*side) weights {
	df := make([]int, len(v))
	total := 0
	for _, s := range sides {
		for _, n := range s.nodes {
			total++
			var last int32 = -1
			for _, w := range n.words {
				if w != last {
					df[w]++
					last = w
				}
			}
		}
	}
	ws := make(weights, len(v))
	for w, d := range df {
		ws[w] = math.Log(float64(total+1) / float64(d))
		if ws[w] < 0.1 {
			ws[w] = 0.1
		}
	}
	return ws
}

// dice is the weighted overlap of two sorted bags of words: 1 when they
// hold the same words, 0 when they share none.
func (ws weights) dice(a, b []int32) float64 {
	if len(a)+len(b) == 0 {
		return 1
	}
	var shared, all float64
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			shared += 2 * ws[a[i]]
			all += 2 * ws[a[i]]
			i++
			j++
		case a[i] < b[j]:
			all += ws[a[i]]
			i++
		default:
			all += ws[b[j]]
			j++
		}
	}
	for ; i < len(a); i++ {
		all += ws[a[i]]
	}
	for ; j < len(b); j++ {
		all += ws[b[j]]
	}
	return shared / all
}

// common counts the words two sorted bags share.
func common(a, b []int32) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			n++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return n
}

// containment is the weighted share of a's words that are also in b.
func (ws weights) containment(a, b []int32) float64 {
	var shared, all float64
	i, j := 0, 0
	for i < len(a) {
		all += ws[a[i]]
		for j < len(b) && b[j] < a[i] {
			j++
		}
		if j < len(b) && b[j] == a[i] {
			shared += ws[a[i]]
			j++
		}
		i++
	}
	if all == 0 {
		return 0
	}
	return shared / all
}

// merge joins sorted bags.
func mergeBags(bags ...[]int32) []int32 {
	var out []int32
	for _, b := range bags {
		out = append(out, b...)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}
