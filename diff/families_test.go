package diff_test

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/clausetrack/clausetrack/clauses"
	"github.com/clausetrack/clausetrack/corpus"
	"github.com/clausetrack/clausetrack/diff"
)

// The families in testdata/families are a held-out evaluation of
// Compare. Each family is one fictional agreement in two or three
// versions (v1.txt, v2.md, ...), with an answer key vA-vB.key for each
// consecutive pair, written as counsel reads the documents and not from
// the tool's output. A key has one change a line:
//
//	OLD -> NEW KIND
//
// OLD and NEW are clause names as `clausetrack segment` prints them: the
// number, or the clause id for an unnumbered clause (preamble, recitals,
// signatures, unnumbered headings) or a number that is not unique in its
// version. "-" stands for no clause; a split lists its parts on the new
// side and a merge on the old side, comma-separated:
//
//	- -> 3.2 added
//	3.2 -> 3.3 renumbered
//	5.1 -> 5.1,5.2 split
//	3.1,3.2 -> 3.1 merged
//
// Blank lines and lines starting with "#" are ignored. A clause the key
// does not mention pairs with the clause of the same name in the other
// version; every clause that does not pair with its same-number twin is
// listed, and so is every modified or moved one. "renumbered" is a new
// number with the text the same but for cross-references and noise
// (quotes, whitespace); "modified" is a substantive change of text,
// whether or not the number changed; "moved" is a clause that changed
// place in the order of its article or moved to another article.
//
// The test scores pairs: the key's pairs (every (old, new) of a line, a
// split or merge paired to each of its parts, and the implicit
// same-number pairs) against the pairs of the comparison's changes.

// familiesMin is the pair precision and recall the test asks for, and
// kindsMin the accuracy of the kinds the keys name.
const (
	familiesMin = 0.95
	kindsMin    = 0.9
	minFamilies = 8
)

// pair is an aligned (old, new) pair of clause names.
type pair struct{ old, new string }

func (p pair) String() string { return p.old + " -> " + p.new }

// keyLine is one line of an answer key.
type keyLine struct {
	line     int
	old, new []string // empty for "-"
	kind     diff.Kind
}

func (k keyLine) String() string {
	side := func(s []string) string {
		if len(s) == 0 {
			return "-"
		}
		return strings.Join(s, ",")
	}
	return fmt.Sprintf("%s -> %s %s", side(k.old), side(k.new), k.kind)
}

// step is one consecutive pair of versions of a family and its key.
type step struct {
	name     string // "v1-v2"
	old, new string // version file paths
	key      []keyLine
}

type family struct {
	name  string
	dir   string
	steps []step
}

var versionName = regexp.MustCompile(`^v[0-9]+$`)

func loadFamilies(t *testing.T) []family {
	t.Helper()
	return loadFamilyDir(t, filepath.Join("testdata", "families"), minFamilies)
}

func readPairKey(path string) ([]keyLine, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []keyLine
	sc := bufio.NewScanner(bytes.NewReader(data))
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		bad := func(why string) error {
			return fmt.Errorf("%s:%d: %s: %q", filepath.Base(path), n, why, line)
		}
		left, right, ok := strings.Cut(line, "->")
		if !ok {
			return nil, bad("no \"->\"")
		}
		right = strings.TrimSpace(right)
		i := strings.LastIndexAny(right, " \t")
		if i < 0 {
			return nil, bad("no kind")
		}
		k := keyLine{line: n, kind: diff.Kind(right[i+1:])}
		if !slices.Contains(diff.Kinds, k.kind) {
			return nil, bad("unknown kind " + string(k.kind))
		}
		k.old = splitSide(left)
		k.new = splitSide(right[:i])
		switch no, nn := len(k.old), len(k.new); {
		case no == 0 && nn == 0:
			return nil, bad("both sides are empty")
		case k.kind == diff.Added && (no != 0 || nn != 1):
			return nil, bad("added wants - -> NEW")
		case k.kind == diff.Removed && (no != 1 || nn != 0):
			return nil, bad("removed wants OLD -> -")
		case k.kind == diff.Split && (no != 1 || nn < 2):
			return nil, bad("split wants OLD -> NEW,NEW...")
		case k.kind == diff.Merged && (no < 2 || nn != 1):
			return nil, bad("merged wants OLD,OLD... -> NEW")
		case k.kind != diff.Added && k.kind != diff.Removed && k.kind != diff.Split && k.kind != diff.Merged && (no != 1 || nn != 1):
			return nil, bad(string(k.kind) + " wants OLD -> NEW")
		}
		out = append(out, k)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s is empty", filepath.Base(path))
	}
	return out, nil
}

func splitSide(s string) []string {
	s = strings.TrimSpace(s)
	if s == "-" || s == "" {
		return nil
	}
	var out []string
	for _, f := range strings.Split(s, ",") {
		out = append(out, strings.TrimSpace(f))
	}
	return out
}

// version is one segmented version with its clause names.
type version struct {
	path   string
	doc    *clauses.Document
	order  []string                   // names in text order
	byName map[string]*clauses.Clause // name -> clause
	name   map[*clauses.Clause]string // clause -> name
	byID   map[string]string          // id -> name
}

func loadVersion(t *testing.T, path string) *version {
	t.Helper()
	data, err := corpus.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	src, err := corpus.Import(path, data, corpus.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	doc := clauses.Segment(src)
	v := &version{path: path, doc: doc, byName: map[string]*clauses.Clause{}, name: map[*clauses.Clause]string{}, byID: map[string]string{}}
	count := map[string]int{}
	all := doc.Clauses()
	for _, c := range all {
		if c.Number != "" {
			count[c.Number]++
		}
	}
	for _, c := range all {
		n := c.ID
		if c.Number != "" && count[c.Number] == 1 {
			n = c.Number
		}
		if v.byName[n] != nil {
			t.Fatalf("%s: two clauses named %s", path, n)
		}
		v.byName[n] = c
		v.name[c] = n
		v.byID[c.ID] = n
		v.order = append(v.order, n)
	}
	return v
}

// nameOf names a clause of a comparison: by identity, or by its ID when
// Compare handed back a copy.
func (v *version) nameOf(c *clauses.Clause) string {
	if n, ok := v.name[c]; ok {
		return n
	}
	if n, ok := v.byID[c.ID]; ok {
		return n
	}
	return "?" + c.ID
}

// expectation is a key expanded to pairs.
type expectation struct {
	pairs map[pair]diff.Kind // kind from the key; Unchanged for implicit pairs
}

// expandKey checks the key against the two versions and expands it to
// pairs. Errors in the key are reported with t.Errorf.
func expandKey(t *testing.T, where string, key []keyLine, ov, nv *version) expectation {
	t.Helper()
	exp := expectation{pairs: map[pair]diff.Kind{}}
	seenOld, seenNew := map[string]int{}, map[string]int{}
	for _, k := range key {
		for _, o := range k.old {
			if ov.byName[o] == nil {
				t.Errorf("%s:%d: %s: no clause %s in %s", where, k.line, k, o, filepath.Base(ov.path))
			}
			if l, ok := seenOld[o]; ok {
				t.Errorf("%s:%d: old %s already listed on line %d", where, k.line, o, l)
			}
			seenOld[o] = k.line
		}
		for _, n := range k.new {
			if nv.byName[n] == nil {
				t.Errorf("%s:%d: %s: no clause %s in %s", where, k.line, k, n, filepath.Base(nv.path))
			}
			if l, ok := seenNew[n]; ok {
				t.Errorf("%s:%d: new %s already listed on line %d", where, k.line, n, l)
			}
			seenNew[n] = k.line
		}
		for _, o := range k.old {
			for _, n := range k.new {
				exp.pairs[pair{o, n}] = k.kind
			}
		}
	}
	for _, o := range ov.order {
		if _, ok := seenOld[o]; ok {
			continue
		}
		if _, ok := seenNew[o]; ok || nv.byName[o] == nil {
			t.Errorf("%s: old %s is not in the key and has no same-number twin in %s", where, o, filepath.Base(nv.path))
			continue
		}
		exp.pairs[pair{o, o}] = diff.Unchanged
	}
	for _, n := range nv.order {
		if _, ok := seenNew[n]; ok {
			continue
		}
		if _, ok := seenOld[n]; ok || ov.byName[n] == nil {
			t.Errorf("%s: new %s is not in the key and has no same-number twin in %s", where, n, filepath.Base(ov.path))
		}
	}
	return exp
}

// predicted is what a comparison says, as pairs and as the change that
// holds each clause.
type predicted struct {
	pairs map[pair]diff.Kind
	byOld map[string]*diff.Change
	byNew map[string]*diff.Change
}

func predict(cmp *diff.Comparison, ov, nv *version) predicted {
	p := predicted{pairs: map[pair]diff.Kind{}, byOld: map[string]*diff.Change{}, byNew: map[string]*diff.Change{}}
	for i := range cmp.Changes {
		ch := &cmp.Changes[i]
		var olds, news []string
		if ch.Old != nil {
			olds = append(olds, ov.nameOf(ch.Old))
		}
		if ch.New != nil {
			news = append(news, nv.nameOf(ch.New))
		}
		switch ch.Kind {
		case diff.Split:
			for _, c := range ch.Parts {
				news = append(news, nv.nameOf(c))
			}
		case diff.Merged:
			for _, c := range ch.Parts {
				olds = append(olds, ov.nameOf(c))
			}
		}
		for _, o := range olds {
			p.byOld[o] = ch
			for _, n := range news {
				p.pairs[pair{o, n}] = ch.Kind
			}
		}
		for _, n := range news {
			p.byNew[n] = ch
		}
	}
	return p
}

// tally counts pairs and kinds.
type tally struct {
	key, got, hit    int
	kinds, kindsHit  int
	moves, falseMove int
}

func (a *tally) add(b tally) {
	a.key += b.key
	a.got += b.got
	a.hit += b.hit
	a.kinds += b.kinds
	a.kindsHit += b.kindsHit
	a.moves += b.moves
	a.falseMove += b.falseMove
}

// checkedKinds are the kinds whose key lines the test checks the kind of.
var checkedKinds = []diff.Kind{diff.Moved, diff.Split, diff.Merged, diff.Added, diff.Removed, diff.Renumbered}

func scoreStep(t *testing.T, where string, key []keyLine, exp expectation, got predicted) tally {
	t.Helper()
	var tl tally
	tl.key, tl.got = len(exp.pairs), len(got.pairs)
	var missed, spurious []string
	for p, k := range exp.pairs {
		if _, ok := got.pairs[p]; ok {
			tl.hit++
		} else {
			missed = append(missed, fmt.Sprintf("%s: missed   %-24s (key: %s)", where, p, k))
		}
	}
	var falseMoves []string
	for p, k := range got.pairs {
		if _, ok := exp.pairs[p]; !ok {
			spurious = append(spurious, fmt.Sprintf("%s: spurious %-24s (tool: %s)", where, p, k))
		}
		if k == diff.Moved {
			tl.moves++
			if exp.pairs[p] != diff.Moved {
				tl.falseMove++
				falseMoves = append(falseMoves, fmt.Sprintf("%s: false move %s: the key has it as %q", where, p, keyKind(exp, p)))
			}
		}
	}
	sort.Strings(missed)
	sort.Strings(spurious)
	sort.Strings(falseMoves)
	for _, s := range falseMoves {
		t.Error(s)
	}
	for _, s := range append(missed, spurious...) {
		t.Log(s)
	}

	for _, k := range key {
		if !slices.Contains(checkedKinds, k.kind) {
			continue
		}
		tl.kinds++
		var ch *diff.Change
		switch k.kind {
		case diff.Added, diff.Merged:
			ch = got.byNew[k.new[0]]
		default:
			ch = got.byOld[k.old[0]]
		}
		switch {
		case ch == nil:
			t.Logf("%s:%d: kind of %s: no change holds the clause", where, k.line, k)
		case ch.Kind != k.kind:
			t.Logf("%s:%d: kind of %s: tool says %s", where, k.line, k, ch.Kind)
		default:
			tl.kindsHit++
		}
	}
	return tl
}

func keyKind(exp expectation, p pair) string {
	if k, ok := exp.pairs[p]; ok {
		return string(k)
	}
	return "not a pair"
}

// coverage logs the clauses of either version that no change holds.
func coverage(t *testing.T, where string, ov, nv *version, got predicted) {
	t.Helper()
	var lost []string
	for _, n := range ov.order {
		if got.byOld[n] == nil {
			lost = append(lost, "old "+n)
		}
	}
	for _, n := range nv.order {
		if got.byNew[n] == nil {
			lost = append(lost, "new "+n)
		}
	}
	if len(lost) > 0 {
		t.Logf("%s: no change for %s", where, strings.Join(lost, ", "))
	}
}

// TestFamilies compares each consecutive pair of versions of every family
// and scores the alignment against the answer keys. Run it with -v for
// the table and every missed or spurious pair. It fails when overall pair
// precision or recall is below familiesMin, when a change of kind moved
// pairs two clauses the key does not have as moved (a false move), or
// when the kinds of the key lines naming moved, split, merged, added,
// removed or renumbered are right less than kindsMin of the time. The
// "moves ok" column counts the tool's moves that the key agrees with.
// scoreFamily compares every step of a family with its key; prefix goes
// before the family's name in messages. Each false move is a t.Error.
func scoreFamily(t *testing.T, prefix string, f family) tally {
	var ft tally
	for _, s := range f.steps {
		where := prefix + f.name + "/" + s.name
		ov, nv := loadVersion(t, s.old), loadVersion(t, s.new)
		exp := expandKey(t, where, s.key, ov, nv)
		cmp := diff.Compare(ov.doc, nv.doc, diff.Options{})
		if cmp == nil {
			t.Errorf("%s: Compare returned nil", where)
			continue
		}
		got := predict(cmp, ov, nv)
		coverage(t, where, ov, nv, got)
		ft.add(scoreStep(t, where, s.key, exp, got))
	}
	return ft
}

func TestFamilies(t *testing.T) {
	fams := loadFamilies(t)
	var table strings.Builder
	fmt.Fprintf(&table, "\n%-26s %5s %5s %5s %9s %7s %9s %9s\n", "family", "key", "tool", "hit", "precision", "recall", "kinds", "moves ok")
	var total tally
	for _, f := range fams {
		ft := scoreFamily(t, "", f)
		total.add(ft)
		fmt.Fprintf(&table, "%-26s %5d %5d %5d %9.3f %7.3f %4d/%-4d %4d/%-4d\n", f.name, ft.key, ft.got, ft.hit,
			ratio(ft.hit, ft.got), ratio(ft.hit, ft.key), ft.kindsHit, ft.kinds, ft.moves-ft.falseMove, ft.moves)
	}
	precision, recall, kinds := ratio(total.hit, total.got), ratio(total.hit, total.key), ratio(total.kindsHit, total.kinds)
	fmt.Fprintf(&table, "%-26s %5d %5d %5d %9.3f %7.3f %4d/%-4d %4d/%-4d\n", "TOTAL", total.key, total.got, total.hit,
		precision, recall, total.kindsHit, total.kinds, total.moves-total.falseMove, total.moves)
	t.Log(table.String())
	t.Logf("pair precision %.3f, recall %.3f; kind accuracy %.3f (%d of %d key lines naming moved, split, merged, added, removed or renumbered)",
		precision, recall, kinds, total.kindsHit, total.kinds)
	if precision < familiesMin {
		t.Errorf("overall pair precision %.3f (%d of %d predicted pairs in the keys), want at least %.2f", precision, total.hit, total.got, familiesMin)
	}
	if recall < familiesMin {
		t.Errorf("overall pair recall %.3f (%d of %d key pairs found), want at least %.2f", recall, total.hit, total.key, familiesMin)
	}
	if kinds < kindsMin {
		t.Errorf("kind accuracy %.3f (%d of %d), want at least %.2f", kinds, total.kindsHit, total.kinds, kindsMin)
	}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}
