package indexer

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"sync"

	"github.com/clausetrack/clausetrack/clauses"
	"github.com/clausetrack/clausetrack/corpus"
	"github.com/clausetrack/clausetrack/diff"
	"github.com/clausetrack/clausetrack/index"
	"github.com/clausetrack/clausetrack/rights"
)

// Dir returns the folder of a workspace's index.
func Dir(w *corpus.Workspace) string { return filepath.Join(w.Path(), "index") }

// Progress is told how many versions of how many are indexed so far.
type Progress func(done, total int)

// Lineage returns the current lineage of an agreement's versions: the
// stored one when it still matches the versions, else one computed by
// aligning each version with the one before it, which is then stored.
func Lineage(w *corpus.Workspace, agreement string) (*corpus.Lineage, error) {
	a, err := load(w, agreement, false)
	if err != nil {
		return nil, err
	}
	return a.lineage, nil
}

// agreement is an agreement's versions, their clause trees (when loaded)
// and their lineage.
type agreement struct {
	id       string
	versions []corpus.Version
	docs     []*clauses.Document
	lineage  *corpus.Lineage
}

// load reads an agreement's versions and lineage, segmenting the versions
// when the lineage must be computed or when segment asks for the trees.
func load(w *corpus.Workspace, id string, segment bool) (*agreement, error) {
	vs, err := w.Versions(id)
	if err != nil {
		return nil, err
	}
	a := &agreement{id: id, versions: vs}
	// The lineage is derived data: a missing, stale, unreadable or older
	// format file is simply computed again and replaced.
	if l, err := w.ReadLineage(id); err == nil && l.Current(vs) {
		a.lineage = l
	}
	if a.lineage == nil || segment {
		a.docs = make([]*clauses.Document, len(vs))
		for k, v := range vs {
			src, err := w.Source(v)
			if err != nil {
				return nil, err
			}
			a.docs[k] = clauses.Segment(src)
		}
	}
	if a.lineage == nil {
		labels := make([]string, len(vs))
		for k, v := range vs {
			labels[k] = v.Label
		}
		l := &corpus.Lineage{Agreement: id}
		for k, links := range diff.Chain(a.docs, labels, diff.Options{}) {
			lv := corpus.LineageVersion{Label: vs[k].Label, TextSHA256: vs[k].TextSHA256,
				Clauses: make(map[string]string, len(links)), Kinds: make(map[string]string, len(links))}
			for cid, ln := range links {
				lv.Clauses[cid], lv.Kinds[cid] = ln.Lineage, string(ln.Kind)
			}
			l.Versions = append(l.Versions, lv)
		}
		if err := w.WriteLineage(l); err != nil {
			return nil, err
		}
		a.lineage = l
	}
	return a, nil
}

// stamp identifies what is indexed for version k: the schema, the
// version's label, place and date, and the texts of it and every version
// before it, which decide its clauses' lineage and change kinds. Adding a
// version leaves the stamps of the versions before it as they were, so
// they are not indexed again. It needs only the manifest, so staleness
// is cheap to find.
func stamp(vs []corpus.Version, k int) string {
	texts := make([]string, k+1)
	for i := range texts {
		texts[i] = vs[i].TextSHA256
	}
	data, _ := json.Marshal([]any{index.Schema, rights.Rules, vs[k].Label, k + 1, vs[k].Date, texts})
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// version returns what is indexed for version k.
func (a *agreement) version(k int) index.Version {
	v, doc, lv := a.versions[k], a.docs[k], a.lineage.Versions[k]
	out := index.Version{Agreement: a.id, Label: v.Label, Seq: k + 1, Stamp: stamp(a.versions, k)}
	var parties []string
	for _, p := range doc.Parties {
		parties = append(parties, p.Name)
	}
	classes := rights.Classify(doc)
	for order, c := range doc.Clauses() {
		var cats, holders []string
		for _, cl := range classes[c.ID] {
			if !slices.Contains(cats, cl.Category) {
				cats = append(cats, cl.Category)
			}
			if !slices.Contains(holders, cl.Holder) {
				holders = append(holders, cl.Holder)
			}
		}
		out.Docs = append(out.Docs, index.Doc{
			Agreement: a.id, Version: v.Label, Seq: k + 1, Date: v.Date,
			Clause: c.ID, Number: c.Number, Heading: c.Heading, Text: string(doc.Text[c.Body.Start:c.Body.End]),
			Level: c.Level, Order: order, Lineage: lv.Clauses[c.ID], Kind: lv.Kinds[c.ID],
			Parties: parties, Categories: cats, Holders: holders,
		})
	}
	return out
}

// Stale lists the versions of a workspace whose index entry is missing or
// out of date, and the indexed versions the workspace no longer has, as
// keys ("agreement@label"), sorted.
type Stale struct {
	Missing, Outdated, Extra []string
}

// Empty reports whether the index is up to date.
func (s Stale) Empty() bool { return len(s.Missing)+len(s.Outdated)+len(s.Extra) == 0 }

// Status compares the index with the workspace's manifests: which
// versions are missing from it or out of date, and which it holds that
// the workspace no longer has.
func Status(w *corpus.Workspace, x *index.Index) (Stale, error) {
	ids, err := agreementIDs(w)
	if err != nil {
		return Stale{}, err
	}
	var st Stale
	wanted := map[string]bool{}
	for _, id := range ids {
		vs, err := w.Versions(id)
		if err != nil {
			return st, err
		}
		for k, v := range vs {
			key := index.Key(id, v.Label)
			wanted[key] = true
			e, ok, err := x.Entry(id, v.Label)
			switch {
			case err != nil:
				return st, err
			case !ok:
				st.Missing = append(st.Missing, key)
			case e.Stamp != stamp(vs, k):
				st.Outdated = append(st.Outdated, key)
			}
		}
	}
	have, err := x.Versions()
	if err != nil {
		return st, err
	}
	for key := range have {
		if !wanted[key] {
			st.Extra = append(st.Extra, key)
		}
	}
	sort.Strings(st.Missing)
	sort.Strings(st.Outdated)
	sort.Strings(st.Extra)
	return st, nil
}

// Sync brings x up to date with the workspace: each version that is
// missing or out of date is indexed in one batch, and versions the
// workspace no longer has are dropped. It returns what it changed.
//
// Bleve builds a batch's segment on one core, so two versions are
// indexed at a time; agreements are read and segmented one at a time
// beside them, which bounds the memory held.
func Sync(w *corpus.Workspace, x *index.Index, progress Progress) (Stale, error) {
	st, err := Status(w, x)
	if err != nil {
		return st, err
	}
	todo := map[string][]string{} // agreement -> labels
	var order []string
	for _, key := range append(append([]string(nil), st.Missing...), st.Outdated...) {
		agr, label := index.SplitKey(key)
		if todo[agr] == nil {
			order = append(order, agr)
		}
		todo[agr] = append(todo[agr], label)
	}
	sort.Strings(order)
	total := len(st.Missing) + len(st.Outdated)

	jobs := make(chan index.Version)
	errs := make(chan error, putters)
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	for range putters {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for v := range jobs {
				if err := x.Put(v); err != nil {
					errs <- err
					for range jobs { // drain, so the reader below is not stuck
					}
					return
				}
				mu.Lock()
				done++
				if progress != nil {
					progress(done, total)
				}
				mu.Unlock()
			}
		}()
	}
	var loadErr error
feed:
	for _, id := range order {
		a, err := load(w, id, true)
		if err != nil {
			loadErr = err
			break
		}
		for k, v := range a.versions {
			if !slices.Contains(todo[id], v.Label) {
				continue
			}
			select {
			case jobs <- a.version(k):
			case err := <-errs:
				loadErr = err
				break feed
			}
		}
	}
	close(jobs)
	wg.Wait()
	close(errs)
	if loadErr != nil {
		return st, loadErr
	}
	if err := <-errs; err != nil {
		return st, err
	}
	for _, key := range st.Extra {
		agr, label := index.SplitKey(key)
		if err := x.Drop(agr, label); err != nil {
			return st, err
		}
	}
	return st, nil
}

// putters is how many versions are indexed at a time.
const putters = 2

func agreementIDs(w *corpus.Workspace) ([]string, error) {
	as, err := w.Agreements()
	if errors.Is(err, corpus.ErrNoWorkspace) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(as))
	for i, a := range as {
		ids[i] = a.ID
	}
	return ids, nil
}

// Update opens a workspace's index for writing (making it when there is
// none, or when it was written under another schema), brings it up to
// date and closes it.
func Update(w *corpus.Workspace, progress Progress) (Stale, error) {
	unlock, err := lockWriters(w)
	if err != nil {
		return Stale{}, err
	}
	defer unlock()
	dir := Dir(w)
	x, err := index.Open(dir, false)
	if errors.Is(err, index.ErrInUse) {
		return Stale{}, InUse(w)
	}
	if err != nil {
		// Missing or damaged: the index is derived data, made anew.
		return rebuild(w, nil, progress)
	}
	if x.Schema() != index.Schema {
		return rebuild(w, x, progress)
	}
	st, err := Sync(w, x, progress)
	if cerr := x.Close(); err == nil {
		err = cerr
	}
	return st, err
}

// Rebuild makes the index anew from the corpus beside the old one and
// then swaps it in, so searches see the old index until the new one is
// whole.
func Rebuild(w *corpus.Workspace, progress Progress) (Stale, error) {
	unlock, err := lockWriters(w)
	if err != nil {
		return Stale{}, err
	}
	defer unlock()
	// The old generation is not opened: the writers' lock keeps other
	// writers out, searches go on reading it until the swap, and a
	// damaged one is what a rebuild is for.
	return rebuild(w, nil, progress)
}

// rebuild builds a new generation, swaps it in and removes old.
func rebuild(w *corpus.Workspace, old *index.Index, progress Progress) (Stale, error) {
	dir := Dir(w)
	x, name, err := index.NewGeneration(dir)
	if err != nil {
		if old != nil {
			old.Close()
		}
		return Stale{}, fmt.Errorf("%s: %w", dir, err)
	}
	st, err := Sync(w, x, progress)
	if cerr := x.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.RemoveAll(x.Path())
		if old != nil {
			old.Close()
		}
		return st, err
	}
	if old != nil {
		old.Close()
	}
	if err := index.Swap(dir, name); err != nil {
		os.RemoveAll(x.Path())
		return st, err
	}
	return st, nil
}

// lockWriters keeps two clausetrack writers (add, reindex) from building
// or swapping the index at once.
// Hold keeps every other writer of the workspace's index out (add,
// reindex, a search that would bring the index up to date) until release
// is called: clausetrack serve holds the index for as long as it runs,
// and writes to it through Sync.
func Hold(w *corpus.Workspace) (release func(), err error) { return lockWriters(w) }

func lockWriters(w *corpus.Workspace) (func(), error) {
	dir := Dir(w)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	unlock, err := corpus.LockFile(filepath.Join(dir, "lock"))
	if errors.Is(err, corpus.ErrLocked) {
		return nil, InUse(w)
	}
	return unlock, err
}
