package diff

import "github.com/clausetrack/clausetrack/clauses"

// Original is the kind given to every clause of the first version in a
// chain: it has no version before it to be compared with.
const Original Kind = "original"

// Link is where one clause of a version comes from: its lineage id and
// how it changed from the version before.
type Link struct {
	// Lineage is the label of the version where the clause first
	// appeared and its id there ("2019/4.1").
	Lineage string
	// Kind is the clause's change from the version before: Original in
	// the first version, Added for a clause new in this one, else the
	// kind of the change that holds it.
	Kind Kind
}

// Chain follows every clause through a run of versions, oldest first, by
// aligning each version with the one before it. It returns, per version,
// each clause's Link by clause id. A clause that continues one from the
// version before keeps that clause's lineage; the parts of a split all
// keep the lineage of the clause they came from, and a merged clause
// keeps the lineage of its first part.
func Chain(docs []*clauses.Document, labels []string, opt Options) []map[string]Link {
	out := make([]map[string]Link, len(docs))
	for k, doc := range docs {
		links := map[string]Link{}
		out[k] = links
		if k > 0 {
			prev := out[k-1]
			for _, ch := range Compare(docs[k-1], doc, opt).Changes {
				switch ch.Kind {
				case Added, Removed:
				case Split:
					for _, p := range ch.Parts {
						links[p.ID] = Link{prev[ch.Old.ID].Lineage, Split}
					}
				case Merged:
					links[ch.New.ID] = Link{prev[ch.Parts[0].ID].Lineage, Merged}
				default:
					links[ch.New.ID] = Link{prev[ch.Old.ID].Lineage, ch.Kind}
				}
			}
		}
		first := Added
		if k == 0 {
			first = Original
		}
		for _, c := range doc.Clauses() {
			if _, ok := links[c.ID]; !ok {
				links[c.ID] = Link{labels[k] + "/" + c.ID, first}
			}
		}
	}
	return out
}
