package diff

import (
	"sort"
)

// Thresholds of the alignment, as Dice overlaps of the clauses' words.
const (
	// simThreshold: two clauses in aligned parents, in order, are the
	// same clause edited.
	simThreshold = 0.5
	// weakThreshold: the same, when they also share a number or heading.
	weakThreshold = 0.3
	// moveThreshold: a clause found elsewhere, or out of order, is the
	// same clause moved. Below it, a removal and an addition are the
	// honest report.
	moveThreshold = 0.6
	// splitThreshold: the words of the parts together match the whole.
	splitThreshold = 0.7
	// partContainment: most of a part's words come from the whole.
	partContainment = 0.6
	// allPairsLimit: sibling lists up to this many pairs are compared
	// pair by pair; larger ones through the word index.
	allPairsLimit = 4096
)

// aligner matches the clauses of side a (old) with side b (new).
type aligner struct {
	a, b   *side
	ma, mb []int    // the matched index on the other side, or -1
	pass   []string // per old clause, the pass that matched it
	postA  posting
	postB  posting
	w      weights
	done   []bool // old parents whose children were aligned
	// groups are splits (one old, several new) and merges.
	splits map[int][]int // old index -> new parts
	merges map[int][]int // new index -> old parts
	inA    []int         // new index -> old index that split into it
	inB    []int         // old index -> new index it merged into
}

// posting maps a word to the clauses that contain it.
type posting map[int32][]int

func newPosting(s *side) posting {
	p := posting{}
	for _, n := range s.nodes {
		var last int32 = -1
		for _, w := range n.words {
			if w != last {
				p[w] = append(p[w], n.idx)
				last = w
			}
		}
	}
	return p
}

func align(a, b *side, v vocab) *aligner {
	al := &aligner{
		w: newWeights(v, a, b),
		a: a, b: b,
		ma:     fill(len(a.nodes)),
		mb:     fill(len(b.nodes)),
		pass:   make([]string, len(a.nodes)),
		postA:  newPosting(a),
		postB:  newPosting(b),
		done:   make([]bool, len(a.nodes)),
		splits: map[int][]int{},
		merges: map[int][]int{},
		inA:    fill(len(b.nodes)),
		inB:    fill(len(a.nodes)),
	}
	al.exact()
	al.numbered()
	for round := 0; round < 4; round++ {
		before := al.count()
		al.withinParents()
		al.anywhere()
		al.structure()
		if al.count() == before {
			break
		}
	}
	al.splitsAndMerges()
	return al
}

func fill(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = -1
	}
	return s
}

func (al *aligner) count() int {
	n := 0
	for _, j := range al.ma {
		if j >= 0 {
			n++
		}
	}
	return n
}

func (al *aligner) link(i, j int, pass string) {
	al.ma[i], al.mb[j], al.pass[i] = j, i, pass
}

// exact matches clauses whose text, label aside, is identical and occurs
// once in each version, wherever it stands. Repeated texts wait for the
// structure to place them.
func (al *aligner) exact() {
	type group struct{ a, b []int }
	groups := map[uint64]*group{}
	for _, n := range al.a.nodes {
		if n.content == 0 {
			continue
		}
		g := groups[n.content]
		if g == nil {
			g = &group{}
			groups[n.content] = g
		}
		g.a = append(g.a, n.idx)
	}
	for _, n := range al.b.nodes {
		if g := groups[n.content]; g != nil {
			g.b = append(g.b, n.idx)
		}
	}
	for _, n := range al.a.nodes {
		if g := groups[n.content]; g != nil && len(g.a) == 1 && len(g.b) == 1 {
			al.link(g.a[0], g.b[0], PassExact)
		}
	}
}

// numbered matches clauses with the same number and the same heading
// (or the same kind of unnumbered part: the preamble, the recitals),
// when that pair is unique in both versions.
func (al *aligner) numbered() {
	key := func(n *node) string {
		c := n.c
		if c.Kind.String() != "body" && c.Kind.String() != "part" {
			return "kind|" + c.Kind.String()
		}
		if n.heading == "" {
			return ""
		}
		return c.Kind.String() + "|" + c.Number + "|" + n.heading
	}
	count := func(s *side, m []int) map[string][]int {
		out := map[string][]int{}
		for _, n := range s.nodes {
			if k := key(n); k != "" {
				out[k] = append(out[k], n.idx)
			}
		}
		return out
	}
	ka, kb := count(al.a, al.ma), count(al.b, al.mb)
	for _, n := range al.a.nodes {
		k := key(n)
		if k == "" || len(ka[k]) != 1 || len(kb[k]) != 1 {
			continue
		}
		j := kb[k][0]
		if al.ma[n.idx] < 0 && al.mb[j] < 0 {
			al.link(n.idx, j, PassNumber)
		}
	}
}

// cand is a candidate pair with its score.
type cand struct {
	i, j   int
	sim    float64
	weight float64
}

// score rates a pair; ok says whether it may be matched in order
// within aligned parents.
func (al *aligner) score(i, j int) (c cand, ok bool) {
	x, y := al.a.nodes[i], al.b.nodes[j]
	s := al.w.dice(x.words, y.words)
	if x.content == y.content && x.content != 0 {
		s = 1
	}
	sameNum := x.c.Number != "" && x.c.Number == y.c.Number
	sameHead := x.heading != "" && x.heading == y.heading
	if x.heading != "" && y.heading != "" && !sharesWord(x.heading, y.heading) {
		// Headings that have nothing in common name different clauses:
		// only a close text overrides them.
		c = cand{i: i, j: j, sim: s, weight: s}
		return c, s >= moveThreshold
	}
	w := s
	if sameNum {
		w += 0.1
	}
	if sameHead {
		w += 0.1
	}
	ok = s >= simThreshold || (s >= weakThreshold && (sameNum || sameHead))
	return cand{i: i, j: j, sim: s, weight: w}, ok
}

// withinParents aligns the unmatched children of every aligned pair of
// parents, top-down: an order-preserving best set first, then pairs out
// of order when they are similar enough to call a move.
func (al *aligner) withinParents() {
	al.children(al.a.roots, al.b.roots)
	for i, n := range al.a.nodes {
		j := al.ma[i]
		if j < 0 || al.done[i] {
			continue
		}
		al.done[i] = true
		al.children(n.kids, al.b.nodes[j].kids)
	}
}

func (al *aligner) children(ka, kb []int) {
	var oc, nc []int
	for _, i := range ka {
		if al.ma[i] < 0 && al.inB[i] < 0 {
			oc = append(oc, i)
		}
	}
	for _, j := range kb {
		if al.mb[j] < 0 && al.inA[j] < 0 {
			nc = append(nc, j)
		}
	}
	if len(oc) == 0 || len(nc) == 0 {
		return
	}
	var cands []cand
	if len(oc)*len(nc) <= allPairsLimit {
		for _, i := range oc {
			for _, j := range nc {
				if c, ok := al.score(i, j); ok {
					cands = append(cands, c)
				}
			}
		}
	} else {
		allowed := map[int]bool{}
		for _, j := range nc {
			allowed[j] = true
		}
		byNum := map[string]int{}
		for _, j := range nc {
			if num := al.b.nodes[j].c.Number; num != "" {
				byNum[num] = j
			}
		}
		for _, i := range oc {
			seen := map[int]bool{}
			try := func(j int) {
				if seen[j] {
					return
				}
				seen[j] = true
				if c, ok := al.score(i, j); ok {
					cands = append(cands, c)
				}
			}
			if j, ok := byNum[al.a.nodes[i].c.Number]; ok {
				try(j)
			}
			for _, j := range nearest(al.a.nodes[i].words, al.postB, func(j int) bool { return allowed[j] }) {
				try(j)
			}
		}
	}
	// Pairs already matched among these siblings are anchors: a new pair
	// must keep its order with them too.
	inKB := map[int]bool{}
	for _, j := range kb {
		inKB[j] = true
	}
	anchored := append([]cand(nil), cands...)
	for _, i := range ka {
		if j := al.ma[i]; j >= 0 && inKB[j] {
			anchored = append(anchored, cand{i: i, j: j, sim: 1, weight: 100})
		}
	}
	for _, c := range orderedBest(anchored) {
		if al.ma[c.i] < 0 {
			al.link(c.i, c.j, PassSimilar)
		}
	}
	al.gaps(ka, kb)
	// Out of order: a move within the same parent.
	sort.SliceStable(cands, func(x, y int) bool { return better(cands[x], cands[y]) })
	for _, c := range cands {
		if c.sim >= moveThreshold && al.ma[c.i] < 0 && al.mb[c.j] < 0 {
			al.link(c.i, c.j, PassSimilar)
		}
	}
}

// gaps pairs the clauses left between two aligned siblings when each
// side has the same number of them: the third item of a list is the third
// item still, if it says roughly the same (a third of its weighted words)
// and its heading does not say otherwise.
func (al *aligner) gaps(ka, kb []int) {
	posB := map[int]int{}
	for k, j := range kb {
		posB[j] = k
	}
	var oc, nc []int
	lastB := -1
	flush := func(upto int) {
		nc = nc[:0]
		for k := lastB + 1; k < upto; k++ {
			if j := kb[k]; al.mb[j] < 0 && al.inA[j] < 0 {
				nc = append(nc, j)
			}
		}
		if len(oc) > 0 && len(oc) == len(nc) {
			for k, i := range oc {
				x, y := al.a.nodes[i], al.b.nodes[nc[k]]
				if x.heading != "" && y.heading != "" && !sharesWord(x.heading, y.heading) {
					continue
				}
				if c, _ := al.score(i, nc[k]); c.sim >= weakThreshold {
					al.link(i, nc[k], PassSimilar)
				}
			}
		}
		oc = oc[:0]
	}
	for _, i := range ka {
		j := al.ma[i]
		k, ok := posB[j]
		if j < 0 || !ok || k <= lastB {
			if al.ma[i] < 0 && al.inB[i] < 0 {
				oc = append(oc, i)
			}
			continue
		}
		flush(k)
		lastB = k
	}
	flush(len(kb))
}

// better orders candidates: higher weight first, then text order.
func better(x, y cand) bool {
	if x.weight != y.weight {
		return x.weight > y.weight
	}
	if x.i != y.i {
		return x.i < y.i
	}
	return x.j < y.j
}

// orderedBest picks the heaviest set of candidates that keeps the order
// of both sides (a weighted longest increasing subsequence).
func orderedBest(cands []cand) []cand {
	if len(cands) == 0 {
		return nil
	}
	cs := append([]cand(nil), cands...)
	sort.Slice(cs, func(x, y int) bool {
		if cs[x].i != cs[y].i {
			return cs[x].i < cs[y].i
		}
		return cs[x].j > cs[y].j
	})
	// Rank the new positions for a Fenwick tree of best sums.
	js := make([]int, 0, len(cs))
	for _, c := range cs {
		js = append(js, c.j)
	}
	sort.Ints(js)
	js = uniq(js)
	rank := func(j int) int { return sort.SearchInts(js, j) + 1 }
	tree := make([]int, len(js)+1) // index+1 into cs of the best chain ending at or below a rank
	best := make([]float64, len(cs))
	prev := make([]int, len(cs))
	query := func(r int) int { // best chain with rank <= r
		at := -1
		for ; r > 0; r -= r & -r {
			if k := tree[r] - 1; k >= 0 && (at < 0 || best[k] > best[at]) {
				at = k
			}
		}
		return at
	}
	update := func(r, k int) {
		for ; r < len(tree); r += r & -r {
			if t := tree[r] - 1; t < 0 || best[k] > best[t] {
				tree[r] = k + 1
			}
		}
	}
	top := -1
	for k, c := range cs {
		r := rank(c.j)
		p := query(r - 1)
		best[k], prev[k] = c.weight, p
		if p >= 0 {
			best[k] += best[p]
		}
		update(r, k)
		if top < 0 || best[k] > best[top] {
			top = k
		}
	}
	var out []cand
	for k := top; k >= 0; k = prev[k] {
		out = append(out, cs[k])
	}
	for x, y := 0, len(out)-1; x < y; x, y = x+1, y-1 {
		out[x], out[y] = out[y], out[x]
	}
	return out
}

func uniq(s []int) []int {
	out := s[:0]
	for k, v := range s {
		if k == 0 || v != s[k-1] {
			out = append(out, v)
		}
	}
	return out
}

// nearest lists the clauses of a posting that share the most of the
// rarest words with the given bag: the candidates for a comparison. It
// never looks at more than a few short posting lists, so finding
// candidates for every clause costs near-linear time.
func nearest(words []int32, p posting, allowed func(int) bool) []int {
	const maxWords, maxPosting, maxOut = 8, 512, 10
	type wd struct {
		w  int32
		df int
	}
	var ws []wd
	var last int32 = -1
	for _, w := range words {
		if w == last {
			continue
		}
		last = w
		if df := len(p[w]); df > 0 && df <= maxPosting {
			ws = append(ws, wd{w, df})
		}
	}
	sort.Slice(ws, func(x, y int) bool {
		if ws[x].df != ws[y].df {
			return ws[x].df < ws[y].df
		}
		return ws[x].w < ws[y].w
	})
	if len(ws) > maxWords {
		ws = ws[:maxWords]
	}
	hits := map[int]int{}
	for _, w := range ws {
		for _, j := range p[w.w] {
			if allowed(j) {
				hits[j]++
			}
		}
	}
	out := make([]int, 0, len(hits))
	for j := range hits {
		out = append(out, j)
	}
	sort.Slice(out, func(x, y int) bool {
		if hits[out[x]] != hits[out[y]] {
			return hits[out[x]] > hits[out[y]]
		}
		return out[x] < out[y]
	})
	if len(out) > maxOut {
		out = out[:maxOut]
	}
	return out
}

// anywhere matches the clauses still unmatched across the whole
// document, when they are similar enough to call the pair a move.
func (al *aligner) anywhere() {
	var cands []cand
	free := func(j int) bool { return al.mb[j] < 0 && al.inA[j] < 0 }
	for i, n := range al.a.nodes {
		if al.ma[i] >= 0 || al.inB[i] >= 0 || len(n.words) == 0 {
			continue
		}
		for _, j := range nearest(n.words, al.postB, free) {
			c, _ := al.score(i, j)
			if c.sim >= moveThreshold {
				cands = append(cands, c)
			}
		}
	}
	sort.SliceStable(cands, func(x, y int) bool { return better(cands[x], cands[y]) })
	for _, c := range cands {
		if al.ma[c.i] < 0 && al.mb[c.j] < 0 {
			al.link(c.i, c.j, PassAnywhere)
		}
	}
}

// structure matches unmatched parents most of whose children were
// matched to the children of one unmatched parent on the other side: an
// article whose heading was rewritten but whose sections stayed.
func (al *aligner) structure() {
	for i := len(al.a.nodes) - 1; i >= 0; i-- {
		n := al.a.nodes[i]
		if al.ma[i] >= 0 || al.inB[i] >= 0 || len(n.kids) == 0 {
			continue
		}
		votes := map[int]int{}
		for _, k := range n.kids {
			if j := al.ma[k]; j >= 0 {
				if p := al.b.nodes[j].parent; p >= 0 {
					votes[p]++
				}
			}
		}
		// The parent with the same number wins (an article renamed whose
		// later sections moved away); else the one with the most votes.
		best, bestVotes, bestSame := -1, 0, false
		for p, v := range votes {
			same := n.c.Number != "" && n.c.Number == al.b.nodes[p].c.Number && al.mb[p] < 0 && al.inA[p] < 0
			switch {
			case same != bestSame:
				if !same {
					continue
				}
			case v < bestVotes, v == bestVotes && p > best:
				continue
			}
			best, bestVotes, bestSame = p, v, same
		}
		if best < 0 || al.mb[best] >= 0 || al.inA[best] >= 0 {
			continue
		}
		sameNum := n.c.Number != "" && n.c.Number == al.b.nodes[best].c.Number
		if sameNum || (2*bestVotes >= len(n.kids) && 2*bestVotes >= len(al.b.nodes[best].kids)) {
			al.link(i, best, PassStructure)
		}
	}
}

// sharesWord reports whether two headings have a word of three letters
// or more in common.
func sharesWord(x, y string) bool {
	ys := map[string]bool{}
	for _, w := range lowerWords(y) {
		ys[w] = true
	}
	for _, w := range lowerWords(x) {
		if len(w) >= 3 && ys[w] {
			return true
		}
	}
	return false
}
