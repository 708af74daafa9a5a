// Package assemble runs the pipeline over a workspace for the commands
// and the web server alike: it loads an agreement's versions, segments
// them, takes their clauses' lineage, classifies them and hands them to
// rights, report and review. It holds no state of its own; a Loader
// lets the server reuse the versions it has already segmented.
package assemble

import (
	"fmt"
	"slices"

	"github.com/clausetrack/clausetrack/clauses"
	"github.com/clausetrack/clausetrack/corpus"
	"github.com/clausetrack/clausetrack/diff"
	"github.com/clausetrack/clausetrack/indexer"
	"github.com/clausetrack/clausetrack/report"
	"github.com/clausetrack/clausetrack/review"
	"github.com/clausetrack/clausetrack/rights"
)

// Loader returns a version, by reference (AGREEMENT@VERSION), and its
// clause tree.
type Loader func(ref string) (corpus.Version, *clauses.Document, error)

// Load is the plain Loader of a workspace: it resolves the reference and
// segments the version's stored text.
func Load(w *corpus.Workspace) Loader {
	return func(ref string) (corpus.Version, *clauses.Document, error) {
		v, err := w.Resolve(ref)
		if err != nil {
			return v, nil, err
		}
		src, err := w.Source(v)
		if err != nil {
			return v, nil, err
		}
		return v, clauses.Segment(src), nil
	}
}

// currentLineage returns an agreement's lineage and versions, and an
// error when they no longer match (a version added meanwhile).
func currentLineage(w *corpus.Workspace, agreement string) (*corpus.Lineage, []corpus.Version, error) {
	l, err := indexer.Lineage(w, agreement)
	if err != nil {
		return nil, nil, err
	}
	vs, err := w.Versions(agreement)
	if err != nil {
		return nil, nil, err
	}
	if !l.Current(vs) {
		return nil, nil, fmt.Errorf("%s changed while it was read; try again", agreement)
	}
	return l, vs, nil
}

// rightsVersion classifies a version's clauses, adds the playbook's
// rights (pb may be nil) and gives it its clauses' lineage.
func rightsVersion(label string, doc *clauses.Document, lineage map[string]string, pb *rights.Playbook) rights.Version {
	classes := rights.Classify(doc)
	pb.Apply(doc, classes)
	return rights.Version{Label: label, Doc: doc, Lineage: lineage, Classes: classes}
}

// Ledger builds the rights ledger of every version of an agreement.
func Ledger(w *corpus.Workspace, load Loader, agreement string, pb *rights.Playbook) (*rights.Ledger, error) {
	l, vs, err := currentLineage(w, agreement)
	if err != nil {
		return nil, err
	}
	var out []rights.Version
	for k, v := range vs {
		_, doc, err := load(v.Ref())
		if err != nil {
			return nil, err
		}
		out = append(out, rightsVersion(v.Label, doc, l.Versions[k].Clauses, pb))
	}
	return rights.Build(agreement, out), nil
}

// History follows clause c of version v through the agreement's
// versions from the one where it first appeared: it returns the clause's
// lineage id and each version, segmented, with its lineage and its
// comparison with the version before.
func History(w *corpus.Workspace, load Loader, v corpus.Version, c *clauses.Clause) (string, []report.HistoryVersion, error) {
	l, vs, err := currentLineage(w, v.Agreement)
	if err != nil {
		return "", nil, err
	}
	k := slices.IndexFunc(vs, func(x corpus.Version) bool { return x.Label == v.Label })
	if k < 0 {
		return "", nil, fmt.Errorf("%s changed while it was read; try again", v.Agreement)
	}
	id := l.Versions[k].Clauses[c.ID]
	first := slices.IndexFunc(l.Versions, func(lv corpus.LineageVersion) bool {
		for _, x := range lv.Clauses {
			if x == id {
				return true
			}
		}
		return false
	})
	var out []report.HistoryVersion
	var prev *clauses.Document
	for i := first; i < len(vs); i++ {
		_, doc, err := load(vs[i].Ref())
		if err != nil {
			return "", nil, err
		}
		hv := report.HistoryVersion{Label: vs[i].Label, Date: vs[i].Date, Doc: doc,
			Lineage: l.Versions[i].Clauses, Kinds: l.Versions[i].Kinds}
		if prev != nil {
			hv.Changes = diff.Compare(prev, doc, diff.Options{})
		}
		out = append(out, hv)
		prev = doc
	}
	return id, out, nil
}

// Memo reads a review's two versions once for both halves of its memo:
// the review's comparison and the rights ledger of exactly the pair. A
// review across two agreements names its versions by reference.
func Memo(w *corpus.Workspace, load Loader, st *review.State, r review.Review, pb *rights.Playbook) (*report.Memo, error) {
	vo, a, err := load(r.Old)
	if err != nil {
		return nil, fmt.Errorf("review %s: %w", r.ID, err)
	}
	vn, b, err := load(r.New)
	if err != nil {
		return nil, fmt.Errorf("review %s: %w", r.ID, err)
	}
	v, err := st.View(r.ID, diff.Compare(a, b, diff.Options{}))
	if err != nil {
		return nil, err
	}
	m := &report.Memo{Agreement: vo.Agreement, Old: vo.Label, New: vn.Label, View: v, Events: st.Events(r.ID)}
	if m.Ledger, err = PairLedger(w, vo, a, vn, b, pb); err != nil {
		return nil, err
	}
	m.Agreement, m.Old, m.New = m.Ledger.Agreement, m.Ledger.Versions[0], m.Ledger.Versions[1]
	return m, nil
}

// PairLedger builds the rights ledger of exactly two versions, already
// segmented. Versions of one agreement are named by label; of two
// agreements, by reference, and the ledger's agreement is "A / B".
func PairLedger(w *corpus.Workspace, vo corpus.Version, a *clauses.Document, vn corpus.Version, b *clauses.Document, pb *rights.Playbook) (*rights.Ledger, error) {
	agreement, oldLabel, newLabel := vo.Agreement, vo.Label, vn.Label
	if vo.Agreement != vn.Agreement {
		agreement, oldLabel, newLabel = vo.Agreement+" / "+vn.Agreement, vo.Ref(), vn.Ref()
	}
	old, err := pairVersion(w, vo, oldLabel, a, pb)
	if err != nil {
		return nil, err
	}
	nw, err := pairVersion(w, vn, newLabel, b, pb)
	if err != nil {
		return nil, err
	}
	return rights.Build(agreement, []rights.Version{old, nw}), nil
}

// pairVersion makes one side of a two-version ledger as Ledger makes
// each version of the full one, with the lineage the agreement's stored
// lineage gives its clauses, so a right followed across a renumbering is
// matched as the full ledger matches it. label names it in the ledger.
func pairVersion(w *corpus.Workspace, v corpus.Version, label string, doc *clauses.Document, pb *rights.Playbook) (rights.Version, error) {
	l, _, err := currentLineage(w, v.Agreement)
	if err != nil {
		return rights.Version{}, err
	}
	for _, lv := range l.Versions {
		if lv.Label == v.Label {
			return rightsVersion(label, doc, lv.Clauses, pb), nil
		}
	}
	return rights.Version{}, fmt.Errorf("lineage of %s: no version %s; run 'clausetrack reindex'", v.Agreement, v.Label)
}
