package diff

import "github.com/clausetrack/clausetrack/clauses"

// Chain follows every clause through a run of versions, oldest first, by
// aligning each version with the one before it. It returns, per version,
// each clause's lineage id: the label of the version where the clause
// first appeared and its id there ("2019/4.1"). A clause that continues
// one from the version before keeps that clause's lineage; the parts of a
// split all keep the lineage of the clause they came from, and a merged
// clause keeps the lineage of its first part.
func Chain(docs []*clauses.Document, labels []string, opt Options) []map[string]string {
	out := make([]map[string]string, len(docs))
	for k, doc := range docs {
		ids := map[string]string{}
		out[k] = ids
		if k > 0 {
			prev := out[k-1]
			for _, ch := range Compare(docs[k-1], doc, opt).Changes {
				switch ch.Kind {
				case Added, Removed:
				case Split:
					for _, p := range ch.Parts {
						ids[p.ID] = prev[ch.Old.ID]
					}
				case Merged:
					ids[ch.New.ID] = prev[ch.Parts[0].ID]
				default:
					ids[ch.New.ID] = prev[ch.Old.ID]
				}
			}
		}
		for _, c := range doc.Clauses() {
			if ids[c.ID] == "" {
				ids[c.ID] = labels[k] + "/" + c.ID
			}
		}
	}
	return out
}
