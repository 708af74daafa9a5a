package clauses_test

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/clausetrack/clausetrack/clauses"
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
		key, err := readKey(keyPath)
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

func readKey(path string) ([]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var key []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key = append(key, line)
	}
	if len(key) == 0 {
		return nil, fmt.Errorf("%s is empty", path)
	}
	return key, sc.Err()
}

// numbered is one numbered clause as the segmenter found it.
type numbered struct {
	number string
	// line is the 1-based line of the clause's first byte in the
	// document's text: the file's own line for .txt and .md, a line of
	// the extracted text (one block a line) for .html.
	line int
	text string // the start of that line, for the log
}

func numberedClauses(doc *clauses.Document) []numbered {
	var out []numbered
	for _, c := range doc.Clauses() {
		if c.Number == "" {
			continue
		}
		start := c.Span.Start
		line := 1 + bytes.Count(doc.Text[:start], []byte("\n"))
		text := doc.Text[start:]
		if i := bytes.IndexByte(text, '\n'); i >= 0 {
			text = text[:i]
		}
		s := strings.Join(strings.Fields(string(text)), " ")
		if r := []rune(s); len(r) > 60 {
			s = string(r[:60]) + "…"
		}
		out = append(out, numbered{number: c.Number, line: line, text: s})
	}
	return out
}

// lcsAlign matches key against got with a longest common subsequence.
// It returns, for each key entry, the index in got it matched or -1, and
// for each got entry whether it was matched.
func lcsAlign(key, got []string) (keyMatch []int, gotMatched []bool) {
	n, m := len(key), len(got)
	// l[i][j] is the LCS length of key[i:] and got[j:].
	l := make([][]int, n+1)
	for i := range l {
		l[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			switch {
			case key[i] == got[j]:
				l[i][j] = l[i+1][j+1] + 1
			case l[i+1][j] >= l[i][j+1]:
				l[i][j] = l[i+1][j]
			default:
				l[i][j] = l[i][j+1]
			}
		}
	}
	keyMatch = make([]int, n)
	gotMatched = make([]bool, m)
	for i := range keyMatch {
		keyMatch[i] = -1
	}
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case key[i] == got[j]:
			keyMatch[i] = j
			gotMatched[j] = true
			i++
			j++
		case l[i+1][j] >= l[i][j+1]:
			i++
		default:
			j++
		}
	}
	return keyMatch, gotMatched
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
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
		found := numberedClauses(doc)
		got := make([]string, len(found))
		for i, f := range found {
			got[i] = f.number
		}
		keyMatch, gotMatched := lcsAlign(d.key, got)
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
			ratio(matched, len(got)), ratio(matched, len(d.key)))

		// Missed numbers, located by the matched clause before them.
		for i, j := range keyMatch {
			if j >= 0 {
				continue
			}
			where := "at the start"
			for p := i - 1; p >= 0; p-- {
				if keyMatch[p] >= 0 {
					f := found[keyMatch[p]]
					where = fmt.Sprintf("after %s (line %d)", f.number, f.line)
					break
				}
			}
			t.Logf("%s: missed %-16s %s", d.name, d.key[i], where)
		}
		for j, ok := range gotMatched {
			if !ok {
				f := found[j]
				t.Logf("%s: spurious %-16s line %d: %q", d.name, f.number, f.line, f.text)
			}
		}
	}
	precision, recall := ratio(sumMatched, sumGot), ratio(sumMatched, sumKey)
	fmt.Fprintf(&table, "%-28s %5d %5d %7d %9.3f %7.3f\n", "TOTAL", sumKey, sumGot, sumMatched, precision, recall)
	t.Log(table.String())
	if recall < accuracyMin {
		t.Errorf("overall recall %.3f (%d of %d key numbers found), want at least %.2f", recall, sumMatched, sumKey, accuracyMin)
	}
	if precision < accuracyMin {
		t.Errorf("overall precision %.3f (%d of %d numbers right), want at least %.2f", precision, sumMatched, sumGot, accuracyMin)
	}
}

func TestLCSAlign(t *testing.T) {
	key := []string{"1", "1.1", "1.1(a)", "1.2", "2"}
	got := []string{"1", "1.1", "1.1(b)", "1.2", "1.5", "2"}
	keyMatch, gotMatched := lcsAlign(key, got)
	wantKey := []int{0, 1, -1, 3, 5}
	for i := range wantKey {
		if keyMatch[i] != wantKey[i] {
			t.Fatalf("keyMatch = %v, want %v", keyMatch, wantKey)
		}
	}
	wantGot := []bool{true, true, false, true, false, true}
	for i := range wantGot {
		if gotMatched[i] != wantGot[i] {
			t.Fatalf("gotMatched = %v, want %v", gotMatched, wantGot)
		}
	}
}
