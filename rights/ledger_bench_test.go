package rights_test

import (
	"testing"

	"github.com/clausetrack/clausetrack/clauses"
	"github.com/clausetrack/clausetrack/diff"
	"github.com/clausetrack/clausetrack/internal/gen"
	"github.com/clausetrack/clausetrack/rights"
)

// BenchmarkLedger builds the ledger of two generated 2,000-clause
// versions: classification of both and the ledger itself (the lineage
// comes from diff.Chain, outside the timer).
func BenchmarkLedger(b *testing.B) {
	old, new, _ := gen.Pair(2000, gen.Options{Seed: 1})
	docs := []*clauses.Document{
		clauses.Segment(&clauses.Source{Name: "v1.txt", Format: "txt", Text: old}),
		clauses.Segment(&clauses.Source{Name: "v2.txt", Format: "txt", Text: new}),
	}
	labels := []string{"v1", "v2"}
	chain := diff.Chain(docs, labels, diff.Options{})
	b.ResetTimer()
	for b.Loop() {
		var vs []rights.Version
		for i, doc := range docs {
			lin := map[string]string{}
			for id, l := range chain[i] {
				lin[id] = l.Lineage
			}
			vs = append(vs, rights.Version{Label: labels[i], Doc: doc, Lineage: lin, Classes: rights.Classify(doc)})
		}
		l := rights.Build("gen", vs)
		if len(l.Rights) == 0 {
			b.Fatal("no rights")
		}
	}
}
