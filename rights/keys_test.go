package rights_test

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/clausetrack/clausetrack/clauses"
	"github.com/clausetrack/clausetrack/corpus"
	"github.com/clausetrack/clausetrack/diff"
	"github.com/clausetrack/clausetrack/rights"
)

var showMisses = flag.Bool("misses", false, "log every transition the ledger got wrong")

// keyed is one answer key: a family of versions and the transitions
// counsel expect, written from the documents (rights/testdata/keys).
type keyed struct {
	name    string
	files   []string // the versions, oldest first
	labels  []string
	keyFile string
	heldOut bool // not looked at while the rules were written
}

// families lists every keyed family: the sample corpus, the diff
// families and two families written for the ledger (rich in changes of
// rights), all read while the rules were written, so they are the rules'
// development set; and the families of testdata/heldout, written with
// their keys by someone who never saw the rules or their output, and run
// once the rules were done: the honest figure.
func families(t *testing.T) []keyed {
	var out []keyed
	out = append(out, keyed{name: "sample", labels: []string{"2019", "2023", "2025"}, keyFile: "testdata/keys/sample.key",
		files: []string{"../sample/files/partnership-2019.txt", "../sample/files/partnership-2023.md", "../sample/files/partnership-2025.html"}})
	for _, root := range []string{"../diff/testdata/families", "testdata/families", "testdata/heldout"} {
		keys := "testdata/keys"
		if root == "testdata/heldout" {
			keys = "testdata/heldout/keys"
		}
		dirs, _ := os.ReadDir(root)
		for _, d := range dirs {
			key := filepath.Join(keys, d.Name()+".key")
			if _, err := os.Stat(key); err != nil {
				continue
			}
			k := keyed{name: d.Name(), keyFile: key, heldOut: root == "testdata/heldout"}
			for i := 1; ; i++ {
				m, _ := filepath.Glob(filepath.Join(root, d.Name(), fmt.Sprintf("v%d.*", i)))
				var files []string
				for _, f := range m {
					if !strings.HasSuffix(f, ".key") {
						files = append(files, f)
					}
				}
				if len(files) != 1 {
					break
				}
				k.files = append(k.files, files[0])
				k.labels = append(k.labels, fmt.Sprintf("v%d", i))
			}
			out = append(out, k)
		}
	}
	return out
}

// transition is one line of a key, or one transition of a ledger.
type transition struct {
	category, holder, from, to, status string
	old, new                           []string
	line                               int
	note                               string
}

func (t transition) String() string {
	j := func(s []string) string {
		if len(s) == 0 {
			return "-"
		}
		return strings.Join(s, ",")
	}
	return fmt.Sprintf("%s %s %s->%s %s %s->%s", t.category, t.holder, t.from, t.to, t.status, j(t.old), j(t.new))
}

func readKey(t *testing.T, path string) []transition {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []transition
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line, note, _ := strings.Cut(sc.Text(), "#")
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		if len(f) != 5 {
			t.Fatalf("%s:%d: want CATEGORY HOLDER FROM->TO STATUS OLD->NEW, got %q", path, n, line)
		}
		from, to, ok1 := strings.Cut(f[2], "->")
		i := strings.Index(f[4][1:], "->") + 1
		if !ok1 || i <= 0 {
			t.Fatalf("%s:%d: bad line %q", path, n, line)
		}
		out = append(out, transition{category: f[0], holder: f[1], from: from, to: to, status: f[3],
			old: clauseList(f[4][:i]), new: clauseList(f[4][i+2:]), line: n, note: strings.TrimSpace(note)})
	}
	return out
}

func clauseList(s string) []string {
	if s == "-" || s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

// ledgerOf reads a family's versions as clausetrack does and builds
// its ledger.
func ledgerOf(t testing.TB, k keyed) *rights.Ledger {
	var docs []*clauses.Document
	for _, f := range k.files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		src, err := corpus.Import(f, data, corpus.ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, clauses.Segment(src))
	}
	chain := diff.Chain(docs, k.labels, diff.Options{})
	var vs []rights.Version
	for i, doc := range docs {
		lin := map[string]string{}
		for id, l := range chain[i] {
			lin[id] = l.Lineage
		}
		vs = append(vs, rights.Version{Label: k.labels[i], Doc: doc, Lineage: lin, Classes: rights.Classify(doc)})
	}
	return rights.Build(k.name, vs)
}

func predicted(l *rights.Ledger) []transition {
	var out []transition
	for _, r := range l.Rights {
		for _, tr := range r.Transitions {
			out = append(out, transition{category: r.Category, holder: r.Holder, from: tr.From, to: tr.To,
				status: tr.Status, old: tr.OldClauses, new: tr.NewClauses, note: tr.Detail})
		}
	}
	return out
}

func shares(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

// score pairs the key's transitions with the ledger's: the same
// category, holder and step, sharing a clause on either side; a pair
// with the same status is right.
type score struct {
	key, got, right, noise int
	misses, extra          []string
}

func compare(key, got []transition) score {
	s := score{key: len(key), got: len(got)}
	used := make([]bool, len(got))
	for _, k := range key {
		best := -1
		for i, g := range got {
			if used[i] || g.category != k.category || !strings.EqualFold(g.holder, k.holder) || g.from != k.from || g.to != k.to {
				continue
			}
			if !shares(g.old, k.old) && !shares(g.new, k.new) {
				continue
			}
			if best < 0 || g.status == k.status && got[best].status != k.status {
				best = i
			}
		}
		switch {
		case best < 0:
			s.misses = append(s.misses, fmt.Sprintf("missed  line %d: %s  # %s", k.line, k, k.note))
		case got[best].status == k.status:
			used[best] = true
			s.right++
		default:
			used[best] = true
			if k.status == rights.Kept {
				s.noise++
			}
			s.misses = append(s.misses, fmt.Sprintf("wrong   line %d: %s, got %s: %s", k.line, k, got[best].status, got[best].note))
		}
	}
	for i, g := range got {
		if !used[i] {
			s.extra = append(s.extra, fmt.Sprintf("extra   %s: %s", g, g.note))
		}
	}
	return s
}

// TestLedgerAgainstKeys builds the ledger of every keyed family and
// scores its transitions against the key: precision (of the ledger's
// transitions, how many the key has with the same status) and recall
// (of the key's, how many the ledger has right). Noise counts kept
// rights the ledger called changed.
func TestLedgerAgainstKeys(t *testing.T) {
	var all, held score
	var lines []string
	for _, k := range families(t) {
		s := compare(readKey(t, k.keyFile), predicted(ledgerOf(t, k)))
		lines = append(lines, fmt.Sprintf("%-22s key %3d  ledger %3d  right %3d  precision %.2f  recall %.2f  noise %d",
			k.name, s.key, s.got, s.right, ratio(s.right, s.got), ratio(s.right, s.key), s.noise))
		if *showMisses {
			for _, m := range append(s.misses, s.extra...) {
				t.Logf("%s: %s", k.name, m)
			}
		}
		sc := &all
		if k.heldOut {
			sc = &held
		}
		sc.key += s.key
		sc.got += s.got
		sc.right += s.right
		sc.noise += s.noise
	}
	sort.Strings(lines)
	for _, l := range lines {
		t.Log(l)
	}
	t.Logf("development families: precision %.2f, recall %.2f, noise %d (%d key transitions)", ratio(all.right, all.got), ratio(all.right, all.key), all.noise, all.key)
	if held.key > 0 {
		t.Logf("held-out families:    precision %.2f, recall %.2f, noise %d (%d key transitions)", ratio(held.right, held.got), ratio(held.right, held.key), held.noise, held.key)
	}
	if all.key == 0 {
		t.Fatal("no keys found")
	}
	// The floor is the issue's: 0.8 precision and recall on transitions,
	// and rewording never reported as a change of rights (a miss or two
	// allowed while the rules are rules).
	for _, sc := range []struct {
		name string
		s    score
	}{{"development", all}, {"held-out", held}} {
		if sc.s.key == 0 {
			continue
		}
		if p, r := ratio(sc.s.right, sc.s.got), ratio(sc.s.right, sc.s.key); p < 0.8 || r < 0.8 || sc.s.noise > 3 {
			t.Errorf("%s families: precision %.2f, recall %.2f, noise %d: below the floor of 0.8, 0.8 and 3", sc.name, p, r, sc.s.noise)
		}
	}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
