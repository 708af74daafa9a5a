package clauses_test

import (
	"fmt"
	"github.com/clausetrack/clausetrack/internal/numkey"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The accuracy set in testdata/accuracy is a held-out evaluation of the
// clause numbers Segment finds. Each agreement (NAME.txt, NAME.md or
// NAME.html) has an answer key NAME.key beside it, written from the
// document as counsel reads it, not from the tool's output: one full
// number path per line, in document order, for every numbered clause.
// Blank lines and lines starting with "#" are ignored.
//
// The conventions of the keys:
//   - decimals carry their own path: 1, 1.1, 1.1.1, 1.01;
//   - ARTICLE IV is IV, Article 4 is 4, Section 4.02 is 4.02;
//   - lettered, roman and numbered items append in parentheses to their
//     parent's number, whatever their style ("(a)", "a.", "a)", HTML
//     <ol type="a">): 4.02(a)(i)(A), 2.1(1);
//   - a top-level lettered section A. is A, and 1. under it is A.1;
//   - Schedule A and Exhibit 1 keep their word; clauses inside them keep
//     their own numbers;
//   - recitals, the preamble, parties lists and the signature block are
//     not numbered clauses, and neither are enumerations inside a
//     sentence ("(a) ... and (b) ...").

// accuracyMin is the precision and recall the acceptance test asks for.
const accuracyMin = 0.95

// accuracyDoc is one agreement of the accuracy set and its key.
type accuracyDoc struct {
	name string // file name, e.g. "credit-agreement.txt"
	data []byte
	key  []string
}

func loadAccuracy(t *testing.T) []accuracyDoc {
	t.Helper()
	dir := filepath.Join("testdata", "accuracy")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var docs []accuracyDoc
	keys := map[string]bool{}
	for _, e := range entries {
		name := e.Name()
		switch filepath.Ext(name) {
		case ".key":
			keys[strings.TrimSuffix(name, ".key")] = true
			continue
		case ".txt", ".md", ".html":
		default:
			t.Fatalf("%s: unexpected file in %s", name, dir)
		}
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		keyPath := filepath.Join(dir, strings.TrimSuffix(name, filepath.Ext(name))+".key")
		key, err := numkey.Read(keyPath)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		docs = append(docs, accuracyDoc{name: name, data: data, key: key})
	}
	for _, d := range docs {
		delete(keys, strings.TrimSuffix(d.name, filepath.Ext(d.name)))
	}
	for k := range keys {
		t.Errorf("%s.key has no document", k)
	}
	if len(docs) < 9 {
		t.Fatalf("accuracy set has %d documents, want at least 9", len(docs))
	}
	return docs
}

// TestAccuracy segments every agreement of the held-out set and compares
// the clause numbers with the answer keys. Run it with -v to see the
// per-document table and every missed or spurious number.
func TestAccuracy(t *testing.T) {
	docs := loadAccuracy(t)
	var table strings.Builder
	fmt.Fprintf(&table, "\n%-28s %5s %5s %7s %9s %7s\n", "document", "key", "tool", "matched", "precision", "recall")
	var sumKey, sumGot, sumMatched int
	for _, d := range docs {
		doc := segmentFile(t, d.name, d.data)
		if err := doc.Validate(); err != nil {
			t.Errorf("%s: invalid tree: %v", d.name, err)
		}
		found := numkey.Clauses(doc)
		got := make([]string, len(found))
		for i, f := range found {
			got[i] = f.Number
		}
		keyMatch, gotMatched := numkey.Align(d.key, got)
		matched := 0
		for _, j := range keyMatch {
			if j >= 0 {
				matched++
			}
		}
		sumKey += len(d.key)
		sumGot += len(got)
		sumMatched += matched
		fmt.Fprintf(&table, "%-28s %5d %5d %7d %9.3f %7.3f\n", d.name, len(d.key), len(got), matched,
			numkey.Ratio(matched, len(got)), numkey.Ratio(matched, len(d.key)))

		// Missed numbers, located by the matched clause before them.
		for i, j := range keyMatch {
			if j >= 0 {
				continue
			}
			t.Logf("%s: missed %-16s %s", d.name, d.key[i], numkey.Where(keyMatch, found, i))
		}
		for j, ok := range gotMatched {
			if !ok {
				f := found[j]
				t.Logf("%s: spurious %-16s line %d: %q", d.name, f.Number, f.Line, f.Text)
			}
		}
	}
	precision, recall := numkey.Ratio(sumMatched, sumGot), numkey.Ratio(sumMatched, sumKey)
	fmt.Fprintf(&table, "%-28s %5d %5d %7d %9.3f %7.3f\n", "TOTAL", sumKey, sumGot, sumMatched, precision, recall)
	t.Log(table.String())
	if recall < accuracyMin {
		t.Errorf("overall recall %.3f (%d of %d key numbers found), want at least %.2f", recall, sumMatched, sumKey, accuracyMin)
	}
	if precision < accuracyMin {
		t.Errorf("overall precision %.3f (%d of %d numbers right), want at least %.2f", precision, sumMatched, sumGot, accuracyMin)
	}
}
