package diff

import (
	"testing"

	"github.com/clausetrack/clausetrack/clauses"
	"github.com/clausetrack/clausetrack/internal/gen"
)

// The generated agreements come from internal/gen, which
// scripts/diffbench uses too, so the benchmarks here and the comparison
// with git run on the same bytes.

// genPair is the generated pair of about n clauses the benchmarks use.
func genPair(n int) (old, new []byte, st gen.Stats) {
	return gen.Pair(n, gen.Options{Seed: 1})
}

// segmentTxt segments bytes as clausetrack segments a plain-text file.
func segmentTxt(name string, text []byte) *clauses.Document {
	return clauses.Segment(&clauses.Source{Name: name, Format: "txt", Text: text})
}

// TestGeneratedPair checks that the benchmark's inputs segment cleanly and
// compare as generated, so the benchmark measures the work it means to:
// about 30 words a clause, renumbered sections, moves, an insertion early
// in some articles and a deletion.
func TestGeneratedPair(t *testing.T) {
	old, new, st := genPair(2000)
	if st.Clauses != 2000 {
		t.Errorf("generated %d clauses, want 2000", st.Clauses)
	}
	if w := st.Words / st.Clauses; w < 25 || w > 35 {
		t.Errorf("%d words a clause, want about 30", w)
	}
	if rate := float64(st.WordEdits) / float64(st.Words); rate < 0.01 || rate > 0.03 {
		t.Errorf("edited %.3f of the words, want about 0.02", rate)
	}
	a, b := segmentTxt("old.txt", old), segmentTxt("new.txt", new)
	for _, d := range []*clauses.Document{a, b} {
		if err := d.Validate(); err != nil {
			t.Fatal(err)
		}
		for _, dg := range d.Diagnostics {
			t.Errorf("unexpected diagnostic %s", dg)
		}
	}
	if n := len(a.Clauses()); n < st.Clauses || n > st.Clauses+5 {
		t.Errorf("segmented %d clauses, want about %d", n, st.Clauses)
	}
	kinds := map[Kind]int{}
	for _, ch := range Compare(a, b, Options{}).Changes {
		kinds[ch.Kind]++
	}
	t.Logf("stats %+v; changes %v", st, kinds)
	if kinds[Renumbered] == 0 || kinds[Moved] < st.Moved || kinds[Added] < st.Inserted || kinds[Removed] < st.Deleted {
		t.Errorf("changes %v, want renumbered ones, %d moved, %d added, %d removed", kinds, st.Moved, st.Inserted, st.Deleted)
	}
	if kinds[Modified] < st.Clauses/5 {
		t.Errorf("only %d modified clauses for %d word edits", kinds[Modified], st.WordEdits)
	}
}
