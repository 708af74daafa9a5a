package diff_test

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// The families in testdata/heldout are a second held-out evaluation of
// Compare, written after the first and in other drafting styles: a
// US-style credit agreement (Section 2.01, (a)(i)(A), [Reserved]
// sections), a UK share purchase agreement (clause 4.1.2, schedules whose
// paragraphs repeat the body's numbers), a Markdown software licence with
// bold clause numbers, an HTML privacy notice numbered only by its <ol>
// markup, a flat employment contract (1., 2., 3.) and a master services
// agreement that gains an article and is then restructured. The files,
// the answer keys and their format are as in testdata/families (see
// families_test.go); the keys were written from the documents, before
// Compare was run on them.

// heldOutMin is the overall pair precision and recall TestHeldOut asks
// for; heldOutFamilies is how many families it expects at least.
const (
	heldOutMin      = 0.95
	heldOutFamilies = 6
)

// loadFamilyDir reads every family under root, as loadFamilies does for
// testdata/families.
func loadFamilyDir(t *testing.T, root string, min int) []family {
	t.Helper()
	dirs, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	var fams []family
	for _, d := range dirs {
		if !d.IsDir() {
			t.Fatalf("%s: unexpected file in %s", d.Name(), root)
		}
		dir := filepath.Join(root, d.Name())
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		versions := map[string]string{} // "v1" -> path
		var keys []string
		for _, e := range entries {
			name := e.Name()
			ext := filepath.Ext(name)
			stem := strings.TrimSuffix(name, ext)
			switch {
			case ext == ".key":
				keys = append(keys, name)
			case (ext == ".txt" || ext == ".md" || ext == ".html") && versionName.MatchString(stem):
				if prev, ok := versions[stem]; ok {
					t.Fatalf("%s: two files for %s: %s and %s", dir, stem, filepath.Base(prev), name)
				}
				versions[stem] = filepath.Join(dir, name)
			default:
				t.Fatalf("%s: unexpected file %s", dir, name)
			}
		}
		fam := family{name: d.Name(), dir: dir}
		for _, k := range keys {
			stem := strings.TrimSuffix(k, ".key")
			a, b, ok := strings.Cut(stem, "-")
			if !ok || versions[a] == "" || versions[b] == "" {
				t.Fatalf("%s: key %s does not name two versions of the family", dir, k)
			}
			lines, err := readPairKey(filepath.Join(dir, k))
			if err != nil {
				t.Fatalf("%s: %v", dir, err)
			}
			fam.steps = append(fam.steps, step{name: stem, old: versions[a], new: versions[b], key: lines})
		}
		if len(versions) < 2 || len(fam.steps) != len(versions)-1 {
			t.Fatalf("%s: %d versions and %d keys; want a key for each consecutive pair", dir, len(versions), len(fam.steps))
		}
		sort.Slice(fam.steps, func(i, j int) bool { return fam.steps[i].name < fam.steps[j].name })
		fams = append(fams, fam)
	}
	if len(fams) < min {
		t.Fatalf("%s: %d families, want at least %d", root, len(fams), min)
	}
	return fams
}

// TestHeldOut scores Compare against the answer keys of testdata/heldout,
// with the helpers of TestFamilies. Run it with -v for the table (pair
// precision and recall, kind accuracy and false moves, per family and
// overall) and every missed or spurious pair. It fails when overall pair
// precision or recall is below heldOutMin or when any change of kind moved
// pairs two clauses the key does not have as moved; kind accuracy is
// logged only.
func TestHeldOut(t *testing.T) {
	fams := loadFamilyDir(t, filepath.Join("testdata", "heldout"), heldOutFamilies)
	var table strings.Builder
	row := func(name string, tl tally) {
		fmt.Fprintf(&table, "%-22s %5d %5d %5d %9.3f %7.3f %4d/%-4d %5.3f %6d\n", name, tl.key, tl.got, tl.hit,
			ratio(tl.hit, tl.got), ratio(tl.hit, tl.key), tl.kindsHit, tl.kinds, ratio(tl.kindsHit, tl.kinds), tl.falseMove)
	}
	fmt.Fprintf(&table, "\n%-22s %5s %5s %5s %9s %7s %9s %5s %6s\n", "family", "key", "tool", "hit", "precision", "recall", "kinds", "acc", "false")
	var total tally
	for _, f := range fams {
		ft := scoreFamily(t, "heldout/", f)
		total.add(ft)
		row(f.name, ft)
	}
	row("TOTAL", total)
	t.Log(table.String())
	precision, recall := ratio(total.hit, total.got), ratio(total.hit, total.key)
	t.Logf("held out: pair precision %.3f, recall %.3f; kind accuracy %.3f (%d of %d key lines naming moved, split, merged, added, removed or renumbered); %d false moves of %d moves",
		precision, recall, ratio(total.kindsHit, total.kinds), total.kindsHit, total.kinds, total.falseMove, total.moves)
	if precision < heldOutMin {
		t.Errorf("held-out pair precision %.3f (%d of %d predicted pairs in the keys), want at least %.2f", precision, total.hit, total.got, heldOutMin)
	}
	if recall < heldOutMin {
		t.Errorf("held-out pair recall %.3f (%d of %d key pairs found), want at least %.2f", recall, total.hit, total.key, heldOutMin)
	}
}
