package diff

import (
	"crypto/sha256"
	"encoding/hex"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/clausetrack/clausetrack/clauses"
)

// Compare aligns two versions of an agreement and returns a change for
// every clause of both: each old clause appears in exactly one change, and
// so does each new one. It is pure and deterministic.
func Compare(old, new *clauses.Document, opt Options) *Comparison {
	a, b, v := newSides(old, new)
	al := align(a, b, v)
	edits := al.verify(opt.Granularity)
	moved := al.moves()
	for round := 0; round < 3 && al.unlinkWeakMoves(moved); round++ {
		moved = al.moves()
	}
	cmp := &Comparison{Old: old, New: new, Ignored: map[string]int{}}

	type keyed struct {
		pos, sub, old int
		ch            Change
	}
	var out []keyed
	// lastNew follows the old clauses in order, remembering where the
	// latest of them went, so a removed clause is listed where it stood.
	lastNew := -1
	for i, n := range a.nodes {
		switch {
		case al.ma[i] >= 0:
			j := al.ma[i]
			m := b.nodes[j]
			ch := Change{Kind: Unchanged, Old: n.c, New: m.c, Pass: al.pass[i]}
			ch.Edits = edits[i]
			if ch.Edits == nil {
				ch.Edits = redline(n, m, opt.Granularity)
			}
			real := hasRealEdit(ch.Edits)
			switch {
			case moved[i]:
				ch.Kind = Moved
			case !sameNumber(n.c.Number, m.c.Number) && (!real || refsOnly(ch.Edits)):
				ch.Kind = Renumbered
			case real:
				ch.Kind = Modified
			}
			ch.Similarity = similarity(ch.Edits)
			out = append(out, keyed{pos: j, ch: ch})
			lastNew = j
		case al.splits[i] != nil:
			parts := al.splits[i]
			ch := Change{Kind: Split, Old: n.c, Pass: PassSplit}
			ch.Parts, ch.Edits = group(b, parts, n.text, opt.Granularity, false)
			ch.Similarity = similarity(ch.Edits)
			out = append(out, keyed{pos: parts[0], ch: ch})
			lastNew = parts[0]
		case al.inB[i] >= 0:
			lastNew = al.inB[i]
		default:
			ch := Change{Kind: Removed, Old: n.c}
			if n.text != "" {
				ch.Edits = []Edit{{Op: Delete, Text: n.text}}
			}
			out = append(out, keyed{pos: lastNew, sub: 1, old: i, ch: ch})
		}
	}
	for j, m := range b.nodes {
		switch {
		case al.mb[j] >= 0 || al.inA[j] >= 0:
		case al.merges[j] != nil:
			parts := al.merges[j]
			ch := Change{Kind: Merged, New: m.c, Pass: PassMerge}
			ch.Parts, ch.Edits = group(a, parts, m.text, opt.Granularity, true)
			ch.Similarity = similarity(ch.Edits)
			out = append(out, keyed{pos: j, old: parts[0], ch: ch})
		default:
			ch := Change{Kind: Added, New: m.c}
			if m.text != "" {
				ch.Edits = []Edit{{Op: Insert, Text: m.text}}
			}
			out = append(out, keyed{pos: j, ch: ch})
		}
	}
	sort.SliceStable(out, func(x, y int) bool {
		p, q := out[x], out[y]
		if p.pos != q.pos {
			return p.pos < q.pos
		}
		if p.sub != q.sub {
			return p.sub < q.sub
		}
		return p.old < q.old
	})
	ids := make([]string, len(out))
	parallel(len(out), func(k int) { ids[k] = changeID(out[k].ch, a, b) })
	seen := map[string]int{}
	for k := range out {
		ch := out[k].ch
		ch.ID = ids[k]
		if n := seen[ch.ID]; n > 0 {
			ch.ID += "-" + itoa(n+1)
		}
		seen[ch.ID]++
		cmp.Changes = append(cmp.Changes, ch)
		countIgnored(ch.Edits, cmp.Ignored)
	}
	annotate(cmp, al)
	return cmp
}

// minKept is the least share of words a pair matched on content alone
// must keep in its redline. Bags of words can agree where the texts do
// not (two clauses built from the same stock phrases); the redline, which
// respects word order, has the last word.
const minKept = 0.25

// verify computes the redline of every pair matched on content and
// unmatches the pairs whose redlines keep too little. It returns the
// redlines by old index.
func (al *aligner) verify(g Granularity) [][]Edit {
	edits := make([][]Edit, len(al.a.nodes))
	parallel(len(al.ma), func(i int) {
		if j := al.ma[i]; j >= 0 {
			edits[i] = redline(al.a.nodes[i], al.b.nodes[j], g)
		}
	})
	for i, j := range al.ma {
		if j < 0 {
			continue
		}
		x, y := al.a.nodes[i], al.b.nodes[j]
		if al.pass[i] != PassSimilar && al.pass[i] != PassAnywhere {
			continue
		}
		if len(x.words) >= 5 && len(y.words) >= 5 && similarity(edits[i]) < minKept {
			al.ma[i], al.mb[j], al.pass[i] = -1, -1, ""
			edits[i] = nil
		}
	}
	return edits
}

// group returns the clauses of a split's or merge's parts (indices on
// side s) and the redline between the whole and the parts' texts joined
// by "\n": whole to parts for a split, parts to whole for a merge.
func group(s *side, parts []int, whole string, g Granularity, merge bool) ([]*clauses.Clause, []Edit) {
	cs := make([]*clauses.Clause, len(parts))
	texts := make([]string, len(parts))
	for k, p := range parts {
		cs[k], texts[k] = s.nodes[p].c, s.nodes[p].text
	}
	joined := strings.Join(texts, "\n")
	if merge {
		return cs, Words(joined, whole, g)
	}
	return cs, Words(whole, joined, g)
}

// moves marks the matched old clauses that moved: to a parent that is
// not their old parent's counterpart, or out of order among their
// siblings. A pair that would be a move but is not similar enough to
// trust is unmatched instead: a removal and an addition.
func (al *aligner) moves() []bool {
	moved := make([]bool, len(al.a.nodes))
	groups := map[int][]cand{}
	for i, j := range al.ma {
		if j < 0 {
			continue
		}
		if !al.sameParent(i, j) {
			moved[i] = true
			continue
		}
		w := float64(len(al.a.nodes[i].words) + 1)
		groups[al.b.nodes[j].parent] = append(groups[al.b.nodes[j].parent], cand{i: i, j: j, weight: w})
	}
	keys := make([]int, 0, len(groups))
	for p := range groups {
		keys = append(keys, p)
	}
	sort.Ints(keys)
	for _, p := range keys {
		g := groups[p]
		kept := map[int]bool{}
		for _, c := range orderedBest(g) {
			kept[c.i] = true
		}
		crossers := map[int][]int{} // kept clause -> moved clauses that crossed it
		for _, c := range g {
			if kept[c.i] {
				continue
			}
			moved[c.i] = true
			var crossed []int
			for _, k := range g {
				if kept[k.i] && (k.i < c.i) != (k.j < c.j) {
					crossed = append(crossed, k.i)
				}
			}
			if len(crossed) == 1 {
				crossers[crossed[0]] = append(crossers[crossed[0]], c.i)
			}
		}
		// Two clauses that changed places: the order alone cannot say
		// which one moved, and a reader sees both move.
		for k, cs := range crossers {
			if len(cs) == 1 {
				moved[k] = true
			}
		}
	}
	return moved
}

// unlinkWeakMoves unmatches the moves that are not similar enough to
// trust, and reports whether there were any.
func (al *aligner) unlinkWeakMoves(moved []bool) bool {
	any := false
	for i, m := range moved {
		if !m {
			continue
		}
		j := al.ma[i]
		if al.pass[i] != PassExact && al.w.dice(al.a.nodes[i].words, al.b.nodes[j].words) < moveThreshold {
			al.ma[i], al.mb[j], al.pass[i] = -1, -1, ""
			any = true
		}
	}
	return any
}

// sameParent reports whether old clause i and new clause j stand under
// the same parent: both at the top, or under parents that were aligned
// with each other (directly, or as a split or merge).
//
// Unnumbered wrappers do not count: a clause that keeps its numbered
// ancestor (or stays at the top) has not moved when a heading such as
// "License" is put above its article, or taken away.
func (al *aligner) sameParent(i, j int) bool {
	if al.sameNode(al.a.nodes[i].parent, al.b.nodes[j].parent) {
		return true
	}
	return al.sameNode(anchor(al.a, i), anchor(al.b, j))
}

// anchor is the nearest numbered ancestor of clause i, or -1 for the top.
func anchor(s *side, i int) int {
	for p := s.nodes[i].parent; p >= 0; p = s.nodes[p].parent {
		if s.nodes[p].c.Number != "" {
			return p
		}
	}
	return -1
}

// sameNode reports whether old clause pa and new clause pb (-1 for the
// top) stand for the same place in the tree.
func (al *aligner) sameNode(pa, pb int) bool {
	switch {
	case pa < 0 && pb < 0:
		return true
	case pa < 0 || pb < 0:
		return false
	case al.ma[pa] == pb:
		return true
	case al.inA[pb] == pa || al.inB[pa] == pb:
		return true
	case al.ma[pa] < 0 && al.mb[pb] < 0:
		// Neither parent was aligned: call it a move only when their
		// numbers differ too.
		num := al.a.nodes[pa].c.Number
		return num != "" && num == al.b.nodes[pb].c.Number
	}
	return false
}

// redline is the redline of a matched pair: the labels first, as label
// noise, then the rest.
func redline(x, y *node, g Granularity) []Edit {
	var edits []Edit
	for _, e := range Words(x.text[:x.labelEnd], y.text[:y.labelEnd], g) {
		if e.Op != Equal {
			e.Ignored = leadNoise(e.Text)
		}
		edits = append(edits, e)
	}
	rest := func() []Edit {
		a, b := x.text[x.labelEnd:], y.text[y.labelEnd:]
		switch {
		case g != ByWord:
			return Words(a, b, g)
		case a == b && a == "":
			return nil
		case a == b:
			return []Edit{{Op: Equal, Text: a}}
		}
		return diffTokens(wordTokens(a), wordTokens(b))
	}
	for _, e := range rest() {
		if n := len(edits); n > 0 && e.Op == Equal && edits[n-1].Op == Equal {
			edits[n-1].Text += e.Text
			continue
		}
		edits = append(edits, e)
	}
	return edits
}

func hasRealEdit(edits []Edit) bool {
	for _, e := range edits {
		if e.Op != Equal && e.Ignored == "" {
			return true
		}
	}
	return false
}

// similarity is the share of words the two sides of a redline keep:
// 2·kept / (old words + new words), noise counted as kept.
func similarity(edits []Edit) float64 {
	if len(edits) == 1 && edits[0].Op == Equal {
		return 1
	}
	var kept, del, ins int
	for _, e := range edits {
		n := countWords(e.Text)
		switch {
		case e.Op == Equal:
			kept += n
		case e.Ignored != "" && e.Op == Delete:
			kept += n
		case e.Ignored != "":
		case e.Op == Delete:
			del += n
		default:
			ins += n
		}
	}
	if kept+del+ins == 0 {
		return 1
	}
	s := float64(2*kept) / float64(2*kept+del+ins)
	return float64(int(s*1000+0.5)) / 1000
}

func countWords(s string) int {
	n := 0
	in := false
	for _, r := range s {
		w := isWordRune(r)
		if w && !in {
			n++
		}
		in = w
	}
	return n
}

// countIgnored adds the noise of a redline to the counts: a delete and
// the insert that replaces it count once.
func countIgnored(edits []Edit, counts map[string]int) {
	for k, e := range edits {
		if e.Ignored == "" {
			continue
		}
		if e.Op == Insert && k > 0 && edits[k-1].Op == Delete && edits[k-1].Ignored == e.Ignored {
			continue
		}
		counts[e.Ignored]++
	}
}

// changeID derives a change's id from the clauses it pairs and their
// texts, so the same change gets the same id when the diff is computed
// again, and an edit to either clause gives a new id.
func changeID(ch Change, a, b *side) string {
	h := sha256.New()
	add := func(tag string, c *clauses.Clause, s *side) {
		if c == nil {
			return
		}
		n := s.nodes[s.byPtr[c]]
		h.Write([]byte(tag))
		h.Write([]byte(c.ID))
		h.Write([]byte{0})
		h.Write([]byte(n.text))
		h.Write([]byte{0})
	}
	add("old:", ch.Old, a)
	add("new:", ch.New, b)
	for _, p := range ch.Parts {
		if ch.Kind == Split {
			add("part:", p, b)
		} else {
			add("part:", p, a)
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var buf [20]byte
	k := len(buf)
	for n > 0 {
		k--
		buf[k] = byte('0' + n%10)
		n /= 10
	}
	return string(buf[k:])
}

// parallel calls fn(k) for every k below n, spread over the cores in
// contiguous chunks. fn must only write to what belongs to its k, so the
// result does not depend on the schedule.
func parallel(n int, fn func(k int)) {
	workers := min(runtime.GOMAXPROCS(0), 1+n/64)
	if workers <= 1 {
		for k := range n {
			fn(k)
		}
		return
	}
	var wg sync.WaitGroup
	chunk := (n + workers - 1) / workers
	for lo := 0; lo < n; lo += chunk {
		hi := min(n, lo+chunk)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := lo; k < hi; k++ {
				fn(k)
			}
		}()
	}
	wg.Wait()
}

// sameNumber reports whether two clause numbers are the same number: equal,
// or the same article written in roman and arabic figures ("IV", "4").
func sameNumber(a, b string) bool {
	if a == b {
		return true
	}
	ra, rb := romanValue(a), romanValue(b)
	if ra == 0 {
		ra = arabicValue(a)
	}
	if rb == 0 {
		rb = arabicValue(b)
	}
	return ra > 0 && ra == rb
}

// romanValue is the value of an upper-case roman numeral, or 0.
func romanValue(s string) int {
	vals := map[byte]int{'I': 1, 'V': 5, 'X': 10, 'L': 50, 'C': 100, 'D': 500, 'M': 1000}
	n := 0
	for i := 0; i < len(s); i++ {
		v, ok := vals[s[i]]
		if !ok {
			return 0
		}
		if i+1 < len(s) && vals[s[i+1]] > v {
			n -= v
		} else {
			n += v
		}
	}
	return n
}

// arabicValue is the value of a number of decimal digits, or 0.
func arabicValue(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' || n > 1e6 {
			return 0
		}
		n = n*10 + int(s[i]-'0')
	}
	return n
}
