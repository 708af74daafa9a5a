package diff

import "sort"

// splitsAndMerges finds one old clause that became several consecutive
// new ones (a split) and several consecutive old clauses that became one
// (a merge). A group is taken only when its parts together match the
// whole much better than the best single clause does.
func (al *aligner) splitsAndMerges() {
	al.groups(al.a, al.b, al.ma, al.mb, al.postB, func(whole int, parts []int) {
		if j := al.ma[whole]; j >= 0 {
			al.mb[j], al.ma[whole], al.pass[whole] = -1, -1, ""
		}
		al.splits[whole] = parts
		for _, j := range parts {
			al.inA[j] = whole
		}
	}, func(j int) bool { return al.inA[j] < 0 }, func(i int) bool { return al.inB[i] < 0 })
	al.groups(al.b, al.a, al.mb, al.ma, al.postA, func(whole int, parts []int) {
		if i := al.mb[whole]; i >= 0 {
			al.ma[i], al.mb[whole], al.pass[i] = -1, -1, ""
		}
		al.merges[whole] = parts
		for _, i := range parts {
			al.inB[i] = whole
		}
	}, func(i int) bool { return al.inB[i] < 0 && al.splits[i] == nil }, func(j int) bool { return al.inA[j] < 0 })
}

// groups looks, for each clause of side x, for a run of consecutive
// clauses of side y that together are it. mx and my are the matches from
// x to y and back; free says whether a y clause may join a group, and
// whole whether an x clause may be split.
func (al *aligner) groups(x, y *side, mx, my []int, py posting, take func(int, []int), free func(int) bool, whole func(int) bool) {
	for i, n := range x.nodes {
		if !whole(i) || len(n.words) < 4 {
			continue
		}
		current := 0.0
		if j := mx[i]; j >= 0 {
			current = al.w.dice(n.words, y.nodes[j].words)
			if current >= 0.95 {
				continue
			}
			// A matched clause can only have split into its match and the
			// clauses next to it: when those are taken, there is no split.
			taken := func(k int) bool { return k < 0 || !free(k) || my[k] >= 0 && my[k] != i }
			if taken(prevWithWords(y, j)) && taken(nextWithWords(y, j)) {
				continue
			}
		}
		// Parts: clauses of y, unmatched or matched to n, whose words come
		// mostly from n.
		ok := func(j int) bool {
			return j >= 0 && j < len(y.nodes) && free(j) && (my[j] < 0 || my[j] == i) &&
				len(y.nodes[j].words) > 0 && al.w.containment(y.nodes[j].words, n.words) >= partContainment
		}
		seeds := nearest(n.words, py, ok)
		if j := mx[i]; j >= 0 && ok(j) {
			seeds = append(seeds, j)
		}
		sort.Ints(seeds)
		seeds = uniq(seeds)
		// From each seed, the run of neighbouring parts (clauses without
		// words, bare labels, may sit between them).
		bestRun, bestSim := []int(nil), 0.0
		for _, seed := range seeds {
			lo, hi := seed, seed
			for {
				k := prevWithWords(y, lo)
				if !ok(k) {
					break
				}
				lo = k
			}
			for {
				k := nextWithWords(y, hi)
				if !ok(k) {
					break
				}
				hi = k
			}
			var run []int
			var bags [][]int32
			for m := lo; m <= hi; m++ {
				if free(m) && (my[m] < 0 || my[m] == i) {
					run = append(run, m)
					bags = append(bags, y.nodes[m].words)
				}
			}
			if len(run) < 2 {
				continue
			}
			if sim := al.w.dice(n.words, mergeBags(bags...)); sim > bestSim {
				bestRun, bestSim = run, sim
			}
		}
		// Parts that would otherwise be added or removed, and whose words
		// all come from the whole, join it even for a small gain.
		contained := true
		for _, j := range bestRun {
			if j != mx[i] && al.w.containment(y.nodes[j].words, n.words) < 0.85 {
				contained = false
			}
		}
		if len(bestRun) >= 2 && bestSim >= splitThreshold && (bestSim >= current+0.05 || contained && bestSim > current) {
			take(i, bestRun)
		}
	}
}

// prevWithWords is the nearest clause before j that has words, or -1.
func prevWithWords(s *side, j int) int {
	for k := j - 1; k >= 0; k-- {
		if len(s.nodes[k].words) > 0 {
			return k
		}
	}
	return -1
}

// nextWithWords is the nearest clause after j that has words, or -1.
func nextWithWords(s *side, j int) int {
	for k := j + 1; k < len(s.nodes); k++ {
		if len(s.nodes[k].words) > 0 {
			return k
		}
	}
	return -1
}

// wordlessBetween reports whether every clause strictly between j and k
// on side s has no words.
func wordlessBetween(s *side, j, k int) bool {
	for m := j + 1; m < k; m++ {
		if len(s.nodes[m].words) > 0 {
			return false
		}
	}
	return true
}
