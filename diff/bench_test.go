package diff

import (
	"fmt"
	"strings"
	"testing"

	"github.com/clausetrack/clausetrack/internal/gen"
)

// BenchmarkDiff measures what "clausetrack diff" does with two plain-text
// versions, from bytes: segment both, align, redline every pair. The
// inputs (internal/gen) have about 30 words a clause, 2% of the words
// edited, sections inserted early in some articles so the rest renumber,
// a few sections moved to other articles and one deleted. The budget at
// 2,000 clauses is 0.5 s and 200 MB; scripts/diffbench/run.sh compares
// the same inputs with git diff --word-diff.
func BenchmarkDiff(b *testing.B) {
	for _, n := range []int{500, 2000, 8000} {
		old, new, st := genPair(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(old) + len(new)))
			var changes int
			for b.Loop() {
				c := Compare(segmentTxt("old.txt", old), segmentTxt("new.txt", new), Options{})
				changes = len(c.Changes)
			}
			b.ReportMetric(float64(st.Words), "words")
			b.ReportMetric(float64(changes), "changes")
		})
	}
}

// BenchmarkWords measures one redline alone: a long clause (2,000 words)
// with 2% of its words edited.
func BenchmarkWords(b *testing.B) {
	old, new := gen.ClausePair(2000, 0.02, 1)
	if old == new {
		b.Fatal("the generated clause pair is identical")
	}
	for _, g := range []struct {
		name string
		g    Granularity
	}{{"word", ByWord}, {"char", ByChar}} {
		b.Run(g.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(old) + len(new)))
			for b.Loop() {
				Words(old, new, g.g)
			}
		})
	}
}

// BenchmarkWordsUnrelated measures the worst case of a redline: two
// unrelated texts of 20,000 words. The size guard in words.go must show
// them as rewritten, a delete and an insert, instead of running a diff
// whose cost grows with the product of their lengths.
func BenchmarkWordsUnrelated(b *testing.B) {
	old, new := gen.Prose(20000, 1), gen.Prose(20000, 2)
	old, new = "Alpha "+old, "Omega "+new+" Omega" // no common start or end
	if n := len(strings.Fields(old)); n < 20000 {
		b.Fatalf("generated %d words, want 20000", n)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(old) + len(new)))
	var edits []Edit
	for b.Loop() {
		edits = Words(old, new, ByWord)
	}
	if len(edits) != 2 || edits[0].Op != Delete || edits[1].Op != Insert {
		b.Errorf("got %d edits, want the texts shown as rewritten (a delete and an insert)", len(edits))
	}
}

// BenchmarkCompare is BenchmarkDiff without the segmentation: alignment,
// redlines and notes alone.
func BenchmarkCompare(b *testing.B) {
	for _, n := range []int{500, 2000, 8000} {
		old, new, _ := genPair(n)
		a, c := segmentTxt("old.txt", old), segmentTxt("new.txt", new)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Compare(a, c, Options{})
			}
		})
	}
}
